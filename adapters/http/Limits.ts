/**
 * Request limits: body size, page size and a per-client rate limit (a
 * token bucket keyed by the authenticated subject, or by the address for
 * anonymous callers). Each is configurable; exceeding one is a typed
 * answer: {@link PayloadTooLarge} (413), `InvalidInput` on `limit` (400),
 * {@link RateLimited} (429).
 *
 * @module
 */
import { HttpApiMiddleware, HttpIncomingMessage, HttpServerError, HttpServerRequest, UrlParams } from "@effect/platform"
import { Clock, Context, Effect, Either, Layer, Option, Schema } from "effect"
import { Decode } from "../../src/index.js"
import type { TokenVerifier } from "./Auth.js"
import { InvalidInput, PayloadTooLarge, RateLimited } from "./HttpErrors.js"
import { clientAddresses } from "./Listener.js"

/**
 * The offset of the first byte of `bytes` that is not part of well-formed
 * UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing over
 * U+10FFFF, no truncated sequence), or `undefined` when all of it is.
 */
export const invalidUtf8At = (bytes: Uint8Array): number | undefined => {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    // the lead byte: how many continuation bytes follow, and the range of the first of them
    const [n, lo, hi] =
      b >= 0xc2 && b <= 0xdf
        ? [1, 0x80, 0xbf]
        : b === 0xe0
          ? [2, 0xa0, 0xbf]
          : (b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef
            ? [2, 0x80, 0xbf]
            : b === 0xed
              ? [2, 0x80, 0x9f]
              : b === 0xf0
                ? [3, 0x90, 0xbf]
                : b >= 0xf1 && b <= 0xf3
                  ? [3, 0x80, 0xbf]
                  : b === 0xf4
                    ? [3, 0x80, 0x8f]
                    : [0, 0, 0]
    if (n === 0) return i
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i
    }
    i += n + 1
  }
  return undefined
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true })

/**
 * A body's bytes as text, refusing invalid UTF-8 (an `InvalidInput` on
 * `body` with the offset of the first bad byte): never decoded lossily into
 * U+FFFD.
 */
export const decodeUtf8 = (bytes: Uint8Array): Either.Either<string, InvalidInput> => {
  try {
    return Either.right(strictUtf8.decode(bytes))
  } catch {
    const at = invalidUtf8At(bytes) ?? 0
    return Either.left(
      new InvalidInput({
        field: "body",
        message: `body: not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0")} at offset ${at} does not begin a well-formed sequence)`
      })
    )
  }
}

/**
 * Reads a request's body once, as bytes (a declared `Content-Length` over
 * `maxBodyBytes` is refused before reading; reading stops at the limit),
 * and decodes it as strict UTF-8 ({@link decodeUtf8}). Answers the request
 * as the handlers then see it: the same request whose body reads (`text`,
 * `json`, `urlParamsBody`, `arrayBuffer`) answer that text and those bytes.
 */
export const readStrictBody = (
  request: HttpServerRequest.HttpServerRequest,
  maxBodyBytes: number
): Effect.Effect<Either.Either<HttpServerRequest.HttpServerRequest, PayloadTooLarge | InvalidInput>> =>
  Effect.gen(function* () {
    const tooLarge = (message: string) => Either.left(new PayloadTooLarge({ limitBytes: maxBodyBytes, message }))
    const length = request.headers["content-length"]
    if (length !== undefined && !(Number(length) <= maxBodyBytes))
      return tooLarge(`the body has ${length} bytes; at most ${maxBodyBytes} are accepted`)
    const read = yield* Effect.either(
      HttpIncomingMessage.withMaxBodySize(request.arrayBuffer, Option.some(maxBodyBytes))
    )
    if (Either.isLeft(read)) return tooLarge(`the body could not be read within ${maxBodyBytes} bytes`)
    const bytes = new Uint8Array(read.right)
    if (bytes.byteLength > maxBodyBytes)
      return tooLarge(`the body has ${bytes.byteLength} bytes; at most ${maxBodyBytes} are accepted`)
    const text = decodeUtf8(bytes)
    if (Either.isLeft(text)) return Either.left(text.left)
    return Either.right(withBody(request, text.right, bytes))
  })

/** The request with its body already read: every body read answers `text` (and `bytes`). */
const withBody = (
  request: HttpServerRequest.HttpServerRequest,
  text: string,
  bytes: Uint8Array
): HttpServerRequest.HttpServerRequest => {
  const decodeError = (cause: unknown) => new HttpServerError.RequestError({ request, reason: "Decode", cause })
  // everything else (url, headers, source, the response it is answered on) is the original request's
  const read: HttpServerRequest.HttpServerRequest = Object.create(request)
  Object.defineProperties(read, {
    text: { get: () => Effect.succeed(text) },
    json: {
      get: () => Effect.try({ try: () => (text === "" ? null : (JSON.parse(text) as unknown)), catch: decodeError })
    },
    urlParamsBody: {
      get: () => Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(text)), catch: decodeError })
    },
    arrayBuffer: {
      get: () => Effect.sync(() => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    }
  })
  return read
}

/**
 * The first field of a form-encoded body whose percent-encoded bytes are
 * not UTF-8 (or that is malformed percent-encoding): the field's name, or
 * `body` when the name itself is the bad part; `undefined` when every
 * field decodes.
 */
export const invalidFormField = (text: string): string | undefined => {
  for (const pair of text.split("&")) {
    if (pair === "") continue
    const eq = pair.indexOf("=")
    const rawName = eq === -1 ? pair : pair.slice(0, eq)
    const plus = (x: string) => x.replace(/\+/g, " ")
    let name: string
    try {
      name = decodeURIComponent(plus(rawName))
    } catch {
      return "body"
    }
    try {
      if (eq !== -1) decodeURIComponent(plus(pair.slice(eq + 1)))
    } catch {
      return name === "" ? "body" : name
    }
  }
  return undefined
}

/** The limits of a server. */

/** How deep a JSON body may nest (the API's documents need fewer than 10 levels). */
export const MAX_JSON_DEPTH = 64

/** The nesting depth of a parsed JSON value, counted without recursion (a scalar is 0). */
const depthOf = (value: unknown): number => {
  let deepest = 0
  const stack: Array<readonly [unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, d] = stack.pop() as readonly [unknown, number]
    if (typeof v !== "object" || v === null) continue
    if (d + 1 > deepest) deepest = d + 1
    if (deepest > MAX_JSON_DEPTH) return deepest
    for (const child of Object.values(v)) stack.push([child, d + 1])
  }
  return deepest
}

export interface LimitsConfig {
  /** The largest request body, in bytes (default 64 KiB). */
  readonly maxBodyBytes: number
  /** The largest page a list endpoint answers (default 100); a larger `limit` is a 400 naming `limit`. */
  readonly maxPageSize: number
  /** The default page size (default 50). */
  readonly defaultPageSize: number
  /** Token bucket per client: burst capacity (default 120 requests). */
  readonly rateCapacity: number
  /** Token bucket per client: refill, requests per second (default 20). */
  readonly ratePerSecond: number
}

/** The defaults. */
export const defaults: LimitsConfig = {
  maxBodyBytes: 64 * 1024,
  maxPageSize: 100,
  defaultPageSize: 50,
  rateCapacity: 120,
  ratePerSecond: 20
}

/** The configured limits. */
export class Limits extends Context.Tag("cityhall/adapters/http/Limits")<Limits, LimitsConfig>() {}

/** The limits layer, with defaults for what is not given. */
export const layer = (config: Partial<LimitsConfig> = {}): Layer.Layer<Limits> =>
  Layer.succeed(Limits, { ...defaults, ...config })

/** A token bucket per key (in process). */
export interface RateLimiter {
  /** Takes a token for `key` at `nowMillis`: `undefined` when allowed, else the seconds to wait. */
  readonly take: (key: string, nowMillis: number) => number | undefined
}

/** Makes an in-process token bucket limiter. */
export const makeRateLimiter = (capacity: number, perSecond: number, maxKeys = 100_000): RateLimiter => {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take: (key, now) => {
      const b = buckets.get(key) ?? { tokens: capacity, at: now }
      const tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * perSecond)
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now })
        return perSecond > 0 ? Math.ceil(((1 - tokens) / perSecond) * 1000) / 1000 : 3600
      }
      if (!buckets.has(key) && buckets.size >= maxKeys) buckets.clear()
      buckets.set(key, { tokens: tokens - 1, at: now })
      return undefined
    }
  }
}

/** The client address of a request: the one its node listener recorded, else the platform's remote address. */
export const clientAddress = (request: HttpServerRequest.HttpServerRequest): string => {
  const source = request.source
  const recorded = source instanceof Request ? clientAddresses.get(source) : undefined
  return recorded ?? Option.getOrElse(request.remoteAddress, () => "unknown")
}

/**
 * Takes a token from the client address's bucket and, when the request
 * carries a valid token, from its principal's: `undefined` when both allow,
 * else the seconds to wait (the longer).
 */
export const takeRate = (
  limiter: RateLimiter,
  verifier: TokenVerifier["Type"],
  request: HttpServerRequest.HttpServerRequest
): Effect.Effect<number | undefined> =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const token = bearerOf(request.headers["authorization"])
    const principal = token === undefined ? undefined : yield* Effect.either(verifier.verify(token))
    const byAddress = limiter.take(`address:${clientAddress(request)}`, now)
    const bySubject =
      principal !== undefined && Either.isRight(principal)
        ? limiter.take(`subject:${principal.right.role}/${principal.right.subject}`, now)
        : undefined
    return byAddress === undefined ? bySubject : bySubject === undefined ? byAddress : Math.max(byAddress, bySubject)
  })

/** Enforces the body size (by `Content-Length`, then by the body read), that a body is JSON, and the rate limit, on every endpoint. */
export class Guard extends HttpApiMiddleware.Tag<Guard>()("Guard", {
  failure: Schema.Union(PayloadTooLarge, RateLimited, InvalidInput)
}) {}

const bearerOf = (header: string | undefined): string | undefined =>
  header !== undefined && header.slice(0, 7).toLowerCase() === "bearer " ? header.slice(7).trim() : undefined

/** The {@link Guard} middleware: the body (size, JSON, depth, readable as text); the rate limit is applied around every route (`Server.layerBodyLimit`). */
export const layerGuard: Layer.Layer<Guard, never, Limits> = Layer.effect(
  Guard,
  Effect.gen(function* () {
    const limits = yield* Limits
    return Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const length = request.headers["content-length"]
      if (length !== undefined && !(Number(length) <= limits.maxBodyBytes)) {
        return yield* Effect.fail(
          new PayloadTooLarge({
            limitBytes: limits.maxBodyBytes,
            message: `the body has ${length} bytes; at most ${limits.maxBodyBytes} are accepted`
          })
        )
      }
      if (request.method !== "GET" && request.method !== "HEAD") {
        // Read the body once here (the request caches it for the handler): its size, and whether it is JSON at all.
        const text = yield* Effect.mapError(
          request.text,
          () =>
            new PayloadTooLarge({
              limitBytes: limits.maxBodyBytes,
              message: `the body could not be read within ${limits.maxBodyBytes} bytes`
            })
        )
        const bytes = Buffer.byteLength(text, "utf8")
        if (bytes > limits.maxBodyBytes) {
          return yield* Effect.fail(
            new PayloadTooLarge({
              limitBytes: limits.maxBodyBytes,
              message: `the body has ${bytes} bytes; at most ${limits.maxBodyBytes} are accepted`
            })
          )
        }
        const contentType = request.headers["content-type"] ?? "application/json"
        const mediaType = (contentType.split(";")[0] ?? "").trim().toLowerCase()
        // Open311 GeoReport v2 clients post form-encoded fields (api_key, service_code, …): decoded by the strict payload
        const form = mediaType === "application/x-www-form-urlencoded" && request.url.startsWith("/open311/")
        if (form) {
          // a percent-encoded value is as strict as the raw body: invalid UTF-8 is refused, never replaced by U+FFFD
          const bad = invalidFormField(text)
          if (bad !== undefined)
            return yield* Effect.fail(
              new InvalidInput({ field: bad, message: `${bad}: not valid percent-encoded UTF-8` })
            )
          return
        }
        if (mediaType !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
          return yield* Effect.fail(
            new InvalidInput({
              field: "content-type",
              message: `content-type: the API takes application/json bodies, got ${JSON.stringify(contentType)}`
            })
          )
        }
        {
          if (text.trim() === "")
            return yield* Effect.fail(
              new InvalidInput({ field: "body", message: "body: expected a JSON document, got an empty body" })
            )
          let parsed: unknown
          try {
            parsed = JSON.parse(text)
          } catch (e) {
            return yield* Effect.fail(
              new InvalidInput({
                field: "body",
                message: `body: not JSON (${e instanceof Error ? e.message : String(e)})`
              })
            )
          }
          const depth = depthOf(parsed)
          if (depth > MAX_JSON_DEPTH) {
            return yield* Effect.fail(
              new InvalidInput({
                field: "body",
                message: `body: JSON nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted`
              })
            )
          }
          // A value no schema can read as text (`{"toString": []}`) is refused here, naming where it is.
          const unreadable = Decode.unreadablePath(parsed)
          if (unreadable !== undefined) {
            const field = unreadable.length === 0 ? "body" : unreadable.map(String).join(".")
            return yield* Effect.fail(
              new InvalidInput({ field, message: `${field}: expected a value that can be read as text` })
            )
          }
        }
      }
    })
  })
)
