/**
 * Authentication and roles. Authentication is pluggable: the server asks a
 * {@link TokenVerifier} (a `Context.Tag`) to turn the bearer token into a
 * {@link Principal}. {@link HmacTokens} is a small signed-token scheme
 * (HMAC-SHA256 over a JSON claim with an expiry, `node:crypto`) for tests
 * and small deployments; an OIDC or LDAP deployment provides its own
 * verifier layer.
 *
 * Roles:
 * - `citizen` submits appeals and sees only their own (the subject is the owner);
 * - `clerk` registers, assigns and forwards appeals, keeps election calendars;
 * - `divisionHead` answers and extends the appeals of their `division` only;
 * - `controller` (a deputy mayor, the control department) reads everything
 *   under their control: with an organisation configured, the divisions the
 *   duty distribution gives their `official` on the day; otherwise all;
 * - `administrator` may do everything.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Auth } from "cityhall/adapters/http"
 *
 * const tokens = Auth.HmacTokens.make({ secret: "a long random secret" })
 * const token = tokens.sign({ subject: "clerk-1", role: "clerk" }, { expiresInSeconds: 3600 })
 * const principal = Effect.runSync(tokens.verify(token)) // Principal { subject: "clerk-1", role: "clerk" }
 * ```
 *
 * @module
 */
import { HttpApiMiddleware, HttpApiSecurity } from "@effect/platform"
import { Clock, Context, Effect, Either, Layer, Redacted, Schema } from "effect"
import { createHmac, timingSafeEqual } from "node:crypto"
import { App, Decode, Ports } from "../../src/index.js"
import { Unauthorized } from "./HttpErrors.js"

/** The roles of the API: the application's (`App.Principal.Role`). */
export const Role = App.Principal.Role
/** @see Role */
export type Role = App.Principal.Role

/** Who is calling: the application's principal (`App.Principal.Principal`). */
export const Principal = App.Principal.Principal
/** @see Principal */
export type Principal = App.Principal.Principal

/** The principal of the current request (provided by {@link Authentication}). */
export class CurrentPrincipal extends Context.Tag("cityhall/adapters/http/CurrentPrincipal")<
  CurrentPrincipal,
  Principal
>() {}

/** Turns a bearer token into a principal. */
export declare namespace TokenVerifier {
  /** The operations. */
  export interface Service {
    readonly verify: (token: string) => Effect.Effect<Principal, Unauthorized>
  }
}

/** The token verifier service (pluggable). */
export class TokenVerifier extends Context.Tag("cityhall/adapters/http/TokenVerifier")<
  TokenVerifier,
  TokenVerifier.Service
>() {}

/** The bearer-token security of every protected group. */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("Authentication", {
  failure: Unauthorized,
  provides: CurrentPrincipal,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/**
 * Verifies a bearer token: its signature and expiry ({@link TokenVerifier}),
 * then that it is not on the store's revocation list (every instance sees
 * it at once). What the API's {@link Authentication} and the report pages
 * of `serve` both use.
 */
export const authenticator: Effect.Effect<
  (token: string) => Effect.Effect<Principal, Unauthorized>,
  never,
  TokenVerifier | Ports.ReadModels.ReadModels
> = Effect.gen(function* () {
  const verifier = yield* TokenVerifier
  const readModels = yield* Ports.ReadModels.ReadModels
  const notRevoked = (p: Principal) =>
    p.tokenId === undefined
      ? Effect.succeed(p)
      : App.Tokens.isRevoked(p.tokenId).pipe(
          Effect.provideService(Ports.ReadModels.ReadModels, readModels),
          Effect.catchAll(() =>
            Effect.fail(new Unauthorized({ reason: "revoked", message: "the revocation list cannot be read" }))
          ),
          Effect.flatMap((revoked) =>
            revoked
              ? Effect.fail(new Unauthorized({ reason: "revoked", message: "the token was revoked" }))
              : Effect.succeed(p)
          )
        )
  return (token: string) => Effect.flatMap(verifier.verify(token), notRevoked)
})

/** The {@link Authentication} middleware over the {@link TokenVerifier}. */
export const layerAuthentication: Layer.Layer<Authentication, never, TokenVerifier | Ports.ReadModels.ReadModels> =
  Layer.effect(
    Authentication,
    Effect.gen(function* () {
      const check = yield* authenticator
      return {
        bearer: (token: Redacted.Redacted<string>) => {
          const t = Redacted.value(token)
          return t === ""
            ? Effect.fail(
                new Unauthorized({ reason: "missing", message: "an Authorization: Bearer <token> header is required" })
              )
            : check(t)
        }
      }
    })
  )

// ---------------------------------------------------------------------------
// HMAC-signed tokens

/** The claim inside an HMAC token. */
const Claim = Schema.Struct({
  ...Principal.fields,
  /** Expiry, seconds since the epoch. */
  exp: Schema.Int
})
const decodeClaim = Decode.unknownEither(Schema.parseJson(Claim))

/** Options of {@link HmacTokens.make}. */
export interface HmacOptions {
  /** The shared secret (at least 16 characters). */
  readonly secret: string
}

/** Signed tokens: `base64url(claim JSON) "." base64url(HMAC-SHA256)`. */
export interface HmacTokens extends TokenVerifier.Service {
  /** Signs a principal's token, valid for `expiresInSeconds` from `now` (default: the current time). */
  readonly sign: (
    principal: {
      readonly subject: string
      readonly role: Role
      readonly division?: string
      readonly official?: string
      /** The token's id, for the revocation list (8 to 128 of A-Z a-z 0-9 _ -). */
      readonly tokenId?: string
    },
    options: { readonly expiresInSeconds: number; readonly now?: Date }
  ) => string
}

/** Simple signed tokens. */
export const HmacTokens = {
  /** Makes a signer and verifier over a secret. */
  make: (options: HmacOptions): HmacTokens => {
    if (options.secret.length < 16) throw new Error("HmacTokens: the secret must have at least 16 characters")
    const mac = (body: string) => createHmac("sha256", options.secret).update(body).digest()
    const unauthorized = (reason: Unauthorized["reason"], message: string) => new Unauthorized({ reason, message })
    const verified = new Map<string, { readonly principal: Principal; readonly exp: number }>()
    return {
      sign: (principal, { expiresInSeconds, now }) => {
        const exp = Math.floor((now ?? new Date()).getTime() / 1000) + Math.floor(expiresInSeconds)
        const body = Buffer.from(JSON.stringify({ ...principal, exp })).toString("base64url")
        return `${body}.${mac(body).toString("base64url")}`
      },
      verify: (token) =>
        Effect.gen(function* () {
          // Every request verifies its token twice (the Guard's rate-limit key, then Authentication): a verified
          // token's principal and expiry are kept, so the signature is checked once; the expiry is checked every time.
          const hit = verified.get(token)
          if (hit !== undefined) {
            if (hit.exp * 1000 <= (yield* Clock.currentTimeMillis))
              return yield* Effect.fail(unauthorized("expired", "the token has expired"))
            return hit.principal
          }
          const dot = token.indexOf(".")
          if (dot <= 0 || dot !== token.lastIndexOf("."))
            return yield* Effect.fail(unauthorized("malformed", "the token is not <claim>.<signature>"))
          const body = token.slice(0, dot)
          const given = Buffer.from(token.slice(dot + 1), "base64url")
          const expected = mac(body)
          if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
            return yield* Effect.fail(unauthorized("badSignature", "the token's signature does not match"))
          }
          const claim = decodeClaim(Buffer.from(body, "base64url").toString("utf8"))
          if (Either.isLeft(claim))
            return yield* Effect.fail(unauthorized("malformed", "the token's claim does not decode"))
          const now = yield* Clock.currentTimeMillis
          if (claim.right.exp * 1000 <= now) return yield* Effect.fail(unauthorized("expired", "the token has expired"))
          const { exp, ...fields } = claim.right
          const principal = new Principal(fields)
          if (verified.size >= 10_000) verified.clear()
          verified.set(token, { principal, exp })
          return principal
        })
    }
  },
  /** A {@link TokenVerifier} layer over an HMAC secret. */
  layer: (options: HmacOptions): Layer.Layer<TokenVerifier> => Layer.succeed(TokenVerifier, HmacTokens.make(options))
}
