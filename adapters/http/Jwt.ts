/**
 * Tokens of a city's own identity provider: a JWT verified with the
 * provider's public key (PEM, SPKI) or its JWKS endpoint, with `jose` (a
 * well-kept library made for the job — no hand-written signature checks),
 * its claims mapped to a principal: the subject, the provider's role value
 * mapped to one of cityhall's roles, the division and the official.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { Auth, Jwt } from "cityhall/adapters/http"
 *
 * const verifier = Jwt.layer({
 *   issuer: "https://id.city.example",
 *   key: { jwksUrl: "https://id.city.example/.well-known/jwks.json" },
 *   claims: { role: "cityhall_role", division: "department" },
 *   roles: { registry: "clerk", head: "divisionHead", deputy: "controller", admin: "administrator", resident: "citizen" }
 * }) // Layer<Auth.TokenVerifier, InvalidJwtSettings>
 * ```
 *
 * @module
 */
import { Clock, Effect, Either, Layer, Schema } from "effect"
import * as jose from "jose"
import { App, Decode } from "../../src/index.js"
import { TokenVerifier } from "./Auth.js"
import { Unauthorized } from "./HttpErrors.js"

/** Where the provider's key comes from. */
export type KeySource = { readonly spki: string } | { readonly jwksUrl: string }

/** How JWTs are verified and read. */
export interface JwtOptions {
  readonly issuer: string
  readonly audience?: string
  readonly key: KeySource
  /** Allowed algorithms (default RS256, ES256). */
  readonly algorithms?: ReadonlyArray<string>
  /** Which claims carry the subject (default `sub`), the role, the division and the official. */
  readonly claims: {
    readonly subject?: string
    readonly role: string
    readonly division?: string
    readonly official?: string
  }
  /** The provider's role values mapped to cityhall's roles. */
  readonly roles: Readonly<Record<string, App.Principal.Role>>
}

/** JWT settings that cannot work (a key that does not import). */
export class InvalidJwtSettings extends Schema.TaggedError<InvalidJwtSettings>()("InvalidJwtSettings", {
  field: Schema.String,
  message: Schema.String
}) {}

const decodePrincipal = Decode.unknownEither(App.Principal.Principal)

const claim = (payload: jose.JWTPayload, name: string | undefined): string | undefined => {
  if (name === undefined) return undefined
  const v = payload[name]
  return typeof v === "string" ? v : undefined
}

const unauthorized = (reason: Unauthorized["reason"], message: string) => new Unauthorized({ reason, message })

/** The reason of a failed verification, in the API's words (the token is never echoed). */
const reasonOf = (e: unknown): Unauthorized => {
  if (e instanceof jose.errors.JWTExpired) return unauthorized("expired", "the token has expired")
  if (e instanceof jose.errors.JWSSignatureVerificationFailed)
    return unauthorized("badSignature", "the token's signature does not match")
  if (e instanceof jose.errors.JWTClaimValidationFailed)
    return unauthorized("malformed", `the token's claim ${e.claim} is not accepted (${e.reason})`)
  if (e instanceof jose.errors.JOSEAlgNotAllowed)
    return unauthorized("malformed", "the token's algorithm is not allowed")
  return unauthorized("malformed", "the token is not a JWT this server accepts")
}

/** A verifier of the provider's JWTs. */
export const make = (options: JwtOptions): Effect.Effect<TokenVerifier.Service, InvalidJwtSettings> =>
  Effect.gen(function* () {
    const algorithms = [...(options.algorithms ?? ["RS256", "ES256"])]
    const key: jose.CryptoKey | ReturnType<typeof jose.createRemoteJWKSet> =
      "spki" in options.key
        ? yield* Effect.tryPromise({
            try: () => jose.importSPKI((options.key as { readonly spki: string }).spki, algorithms[0] ?? "RS256"),
            catch: (e) =>
              new InvalidJwtSettings({
                field: "publicKeyFile",
                message: `publicKeyFile: not a public key (PEM, SPKI) for ${algorithms[0]}: ${e instanceof Error ? e.message : String(e)}`
              })
          })
        : yield* Effect.try({
            try: () => jose.createRemoteJWKSet(new URL((options.key as { readonly jwksUrl: string }).jwksUrl)),
            catch: (e) =>
              new InvalidJwtSettings({
                field: "jwksUrl",
                message: `jwksUrl: ${e instanceof Error ? e.message : String(e)}`
              })
          })
    const verify = (token: string) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const verified = yield* Effect.tryPromise({
          try: () =>
            typeof key === "function"
              ? jose.jwtVerify(token, key, {
                  issuer: options.issuer,
                  algorithms,
                  currentDate: new Date(now),
                  ...(options.audience !== undefined ? { audience: options.audience } : {})
                })
              : jose.jwtVerify(token, key, {
                  issuer: options.issuer,
                  algorithms,
                  currentDate: new Date(now),
                  ...(options.audience !== undefined ? { audience: options.audience } : {})
                }),
          catch: reasonOf
        })
        const payload = verified.payload
        const roleValue = claim(payload, options.claims.role)
        const role = roleValue === undefined ? undefined : options.roles[roleValue]
        if (role === undefined)
          return yield* Effect.fail(
            unauthorized(
              "unknownRole",
              `the token's ${options.claims.role} claim ${roleValue === undefined ? "is missing" : `"${roleValue}" maps to no role`}`
            )
          )
        const division = claim(payload, options.claims.division)
        const official = claim(payload, options.claims.official)
        const principal = decodePrincipal({
          subject: claim(payload, options.claims.subject ?? "sub"),
          role,
          ...(typeof payload.jti === "string" ? { tokenId: payload.jti } : {}),
          ...(division !== undefined ? { division } : {}),
          ...(official !== undefined ? { official } : {})
        })
        if (Either.isLeft(principal))
          return yield* Effect.fail(
            unauthorized("malformed", "the token's subject, division or official is not a valid id")
          )
        return principal.right
      })
    return { verify }
  })

/** The verifier as a layer. */
export const layer = (options: JwtOptions): Layer.Layer<TokenVerifier, InvalidJwtSettings> =>
  Layer.effect(TokenVerifier, make(options))
