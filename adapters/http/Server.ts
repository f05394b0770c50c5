/**
 * The server of the HTTP API: one handler module per API group
 * (`handlers/`), each translating between the API and the application's
 * use cases (`App`), over the storage ports (any store layer: memory,
 * SQLite, PostgreSQL); `/openapi.json` and the `/docs` page (Scalar,
 * inlined: no network at run time). {@link layer} is the API with its
 * handlers; {@link webHandler} answers web `Request`s in process (tests,
 * serverless); {@link serve} listens with Node.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { NodeRuntime } from "@effect/platform-node"
 * import { Auth, Server } from "cityhall/adapters/http"
 * import { SqliteStore } from "cityhall/adapters/sqlite"
 *
 * Server.serve({ port: 8080 }).pipe(
 *   Layer.provide(Server.layer()),
 *   Layer.provide([SqliteStore.layer({ filename: "city.sqlite" }), Auth.HmacTokens.layer({ secret: process.env.SECRET! })]),
 *   Layer.launch,
 *   NodeRuntime.runMain
 * )
 * ```
 *
 * @module
 */
import {
  type HttpApi,
  HttpApiBuilder,
  HttpApiScalar,
  HttpApp,
  HttpIncomingMessage,
  HttpMiddleware,
  HttpServer,
  HttpServerRequest,
  HttpServerResponse
} from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Cause, Effect, Either, Layer, Option, Schema, type Tracer } from "effect"
import { randomUUID } from "node:crypto"
import { createServer } from "node:http"
import { App, type Ports } from "../../src/index.js"
import { Api } from "./Api.js"
import { authenticator, layerAuthentication, TokenVerifier } from "./Auth.js"
import * as AppealsHandlers from "./handlers/Appeals.js"
import * as ElectionsHandlers from "./handlers/Elections.js"
import * as HealthHandlers from "./handlers/Health.js"
import * as MeetingsHandlers from "./handlers/Meetings.js"
import * as Open311Handlers from "./handlers/Open311.js"
import * as OrganisationalHandlers from "./handlers/Organisational.js"
import * as PlanningHandlers from "./handlers/Planning.js"
import * as ReportsHandlers from "./handlers/Reports.js"
import { Forbidden, InvalidInput, NotFound, PayloadTooLarge, RateLimited, Unauthorized } from "./HttpErrors.js"
import * as Listener from "./Listener.js"
import * as Limits from "./Limits.js"
import * as Operations from "./Operations.js"
import * as Settings from "./Settings.js"

export type { AppealDefinition, CalendarDefinition, ServerOptions } from "./Settings.js"

/** The API's handlers and middleware over a store; needs the storage ports, a token verifier and the limits. */
export const layer = (
  options: Settings.ServerOptions = {}
): Layer.Layer<
  HttpApi.Api,
  never,
  Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | Ports.Search.Search | TokenVerifier | Limits.Limits
> => {
  const settings = Settings.resolve(options)
  return HttpApiBuilder.api(Api).pipe(
    Layer.provide([
      HealthHandlers.layer(settings),
      AppealsHandlers.layer(settings),
      ElectionsHandlers.layer(settings),
      Open311Handlers.layer(settings),
      PlanningHandlers.layer(settings),
      MeetingsHandlers.layer(settings),
      ReportsHandlers.layer(settings),
      OrganisationalHandlers.layer(settings)
    ]),
    Layer.provide([layerAuthentication, Limits.layerGuard])
  )
}

/** `/openapi.json` and the `/docs` page (Scalar, inlined: no CDN). */
export const layerDocs: Layer.Layer<never, never, HttpApi.Api> = Layer.mergeAll(
  HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" }),
  HttpApiScalar.layer({ path: "/docs" })
)

/** Answers a typed `NotFound` (what: "route") instead of an empty 404 for a path or method the API does not have. */
export const routeNotFoundAsJson = (app: HttpApp.Default): HttpApp.Default => {
  const notFound = Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const route = `${request.method} ${request.url.split("?")[0] ?? ""}`
    return Effect.orDie(
      HttpServerResponse.json(
        Schema.encodeSync(NotFound)(
          new NotFound({ what: "route", id: route, message: `no endpoint ${route}; see /openapi.json` })
        ),
        { status: 404 }
      )
    )
  })
  return app.pipe(
    Effect.catchAllCause((cause) => {
      const failure = Cause.failureOption(cause)
      const tag =
        Option.isSome(failure) && typeof failure.value === "object" && failure.value !== null
          ? (failure.value as { readonly _tag?: unknown })._tag
          : undefined
      return tag === "RouteNotFound" ? notFound : Effect.failCause(cause)
    }),
    Effect.flatMap((response) =>
      response.status === 404 && response.body._tag === "Empty" ? notFound : Effect.succeed(response)
    )
  )
}

/** Whether a bearer token may read reports (controllers, administrators: `readReports`): 204, else 401 or 403 with the API's error body. */
const mayReadReports = (
  check: (token: string) => Effect.Effect<App.Principal.Principal, Unauthorized>,
  authorization: string | undefined
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  const token =
    authorization !== undefined && authorization.slice(0, 7).toLowerCase() === "bearer "
      ? authorization.slice(7).trim()
      : ""
  const unauthorised = (e: Unauthorized) =>
    Effect.orDie(
      HttpServerResponse.json(Schema.encodeSync(Unauthorized)(e), {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="cityhall"', "cache-control": "no-store" }
      })
    )
  if (token === "")
    return unauthorised(
      new Unauthorized({ reason: "missing", message: "an Authorization: Bearer <token> header is required" })
    )
  return check(token).pipe(
    Effect.matchEffect({
      onFailure: unauthorised,
      onSuccess: (p) =>
        Either.match(App.Access.require(p, "readReports"), {
          onLeft: (denied) =>
            Effect.orDie(
              HttpServerResponse.json(
                Schema.encodeSync(Forbidden)(
                  new Forbidden({ role: p.role, action: "readReports", message: denied.message })
                ),
                { status: 403, headers: { "cache-control": "no-store" } }
              )
            ),
          onRight: () => Effect.succeed(HttpServerResponse.empty({ status: 204 }))
        })
    })
  )
}

/**
 * The 403 of a caller whose verified role no action of the operation lets
 * in (`Operations.roleCheck`), naming the action; `undefined` otherwise
 * (no token or a bad one is left to the API's authentication: 401).
 */
const roleDenied = (
  check: (token: string) => Effect.Effect<App.Principal.Principal, Unauthorized>,
  request: HttpServerRequest.HttpServerRequest
): Effect.Effect<HttpServerResponse.HttpServerResponse | undefined> =>
  Effect.gen(function* () {
    const op = Operations.operationOf(request.method, request.url.split("?")[0] ?? "")
    if (op === undefined || op.requires === undefined || op.requires === "public") return undefined
    const authorization = request.headers["authorization"]
    const token =
      authorization !== undefined && authorization.slice(0, 7).toLowerCase() === "bearer "
        ? authorization.slice(7).trim()
        : ""
    if (token === "") return undefined
    const principal = yield* Effect.either(check(token))
    if (Either.isLeft(principal)) return undefined
    const action = Operations.roleCheck(op, principal.right)
    if (action === undefined) return undefined
    const p = principal.right
    return yield* Effect.orDie(
      HttpServerResponse.json(
        Schema.encodeSync(Forbidden)(
          new Forbidden({
            role: p.role,
            action,
            message: `the role ${p.role} may not ${App.Access.rules[action].describe}`
          })
        ),
        { status: 403 }
      )
    )
  })

/** The paths whose answers hold no personal data and may be cached (the API's documents). */
const CACHEABLE = new Set(["/openapi.json", "/docs"])

/**
 * What every request of the API goes through, around the endpoints: an
 * unsupported method is 405 naming it; the rate limit per client address
 * and per verified principal (429 with `Retry-After`); the body cap (read
 * once as bytes, counted as they arrive; invalid UTF-8 is a 400 naming
 * `body`, never decoded lossily: `Limits.readStrictBody`); a typed
 * 404 for unknown routes; a defect is logged with a request id and answered
 * 500 with a JSON body (never an empty 500, never a crash); 401 carries
 * `WWW-Authenticate: Bearer`; every answer but the API's documents carries
 * `Cache-Control: no-store` (they hold personal data).
 */
export const layerBodyLimit: Layer.Layer<never, never, Limits.Limits | TokenVerifier | Ports.ReadModels.ReadModels> =
  HttpApiBuilder.middleware(
    Effect.gen(function* () {
      const limits = yield* Limits.Limits
      const verifier = yield* TokenVerifier
      const limiter = Limits.makeRateLimiter(limits.rateCapacity, limits.ratePerSecond)
      const check = yield* authenticator
      return (app: HttpApp.Default) => {
        const inner = routeNotFoundAsJson(HttpIncomingMessage.withMaxBodySize(app, Option.some(limits.maxBodyBytes)))
        return Effect.gen(function* () {
          const request = yield* HttpServerRequest.HttpServerRequest
          yield* HttpApp.appendPreResponseHandler(answerHeaders)
          if (!Listener.METHODS.includes(request.method)) {
            return yield* HttpServerResponse.json(
              {
                _tag: "InvalidInput",
                field: "method",
                message: `method: ${request.method} is not answered here; use ${Listener.METHODS.join(", ")}`
              },
              { status: 405, headers: { allow: Listener.METHODS.join(", "), "cache-control": "no-store" } }
            ).pipe(Effect.orDie)
          }
          const wait = yield* Limits.takeRate(limiter, verifier, request)
          if (wait !== undefined) {
            return yield* HttpServerResponse.json(
              Schema.encodeSync(RateLimited)(
                new RateLimited({ retryAfterSeconds: wait, message: `too many requests; retry after ${wait} s` })
              ),
              {
                status: 429,
                headers: { "retry-after": String(Math.max(1, Math.ceil(wait))), "cache-control": "no-store" }
              }
            ).pipe(Effect.orDie)
          }
          if (request.source instanceof Request && Listener.reportAuthorisations.has(request.source)) {
            return yield* mayReadReports(check, request.headers["authorization"])
          }
          // the operation's role check (Operations.access) comes before its body is read or decoded
          const denied = yield* roleDenied(check, request)
          if (denied !== undefined) return denied
          // a body is read once, as bytes, here: over the limit 413, invalid UTF-8 400 naming the body (never U+FFFD)
          let body = request
          if (request.method !== "GET" && request.method !== "HEAD") {
            const read = yield* Limits.readStrictBody(request, limits.maxBodyBytes)
            if (Either.isLeft(read)) {
              const e = read.left
              return yield* (
                e instanceof PayloadTooLarge
                  ? HttpServerResponse.json(Schema.encodeSync(PayloadTooLarge)(e), {
                      status: 413,
                      headers: { connection: "close" }
                    })
                  : HttpServerResponse.json(Schema.encodeSync(InvalidInput)(e), { status: 400 })
              ).pipe(Effect.orDie)
            }
            body = read.right
          }
          const response = yield* inner.pipe(
            Effect.provideService(HttpServerRequest.HttpServerRequest, body),
            // typed failures go on to the API's error encoding; a defect (a throw, a die) stops here
            Effect.catchAllCause((cause) =>
              !Cause.isDie(cause)
                ? Effect.failCause(cause)
                : Effect.gen(function* () {
                    const requestId = randomUUID()
                    yield* Effect.logError(`defect in request ${requestId}`, cause)
                    return yield* Effect.orDie(
                      HttpServerResponse.json(Listener.internalErrorBody(requestId), { status: 500 })
                    )
                  })
            )
          )
          return response
        })
      }
    })
  )

/**
 * An error of the Open311 endpoints as GeoReport v2 has it: an array of
 * `{code, description}` (the description names the field, as the API's
 * message does; `field` is kept beside it).
 */
const open311Errors = (response: HttpServerResponse.HttpServerResponse): HttpServerResponse.HttpServerResponse => {
  if (response.body._tag !== "Uint8Array") return response
  let parsed: { readonly message?: unknown; readonly field?: unknown; readonly issues?: unknown } = {}
  try {
    parsed = JSON.parse(new TextDecoder().decode(response.body.body)) as typeof parsed
  } catch {
    return response
  }
  const issues = Array.isArray(parsed.issues)
    ? (parsed.issues as ReadonlyArray<{ readonly path?: ReadonlyArray<unknown>; readonly message?: string }>)
    : []
  const errors =
    issues.length > 0
      ? issues.map((i) => ({
          _tag: "HttpApiDecodeError",
          code: response.status,
          description: `${(i.path ?? []).map(String).join(".")}: ${i.message ?? ""}`,
          field: (i.path ?? []).map(String).join(".")
        }))
      : [
          {
            // the API's error fields stay beside the two GeoReport ones (`_tag`, `field`, `reason`, …)
            ...(parsed as Record<string, unknown>),
            code: response.status,
            description: typeof parsed.message === "string" ? parsed.message : `HTTP ${response.status}`
          }
        ]
  return HttpServerResponse.unsafeJson(errors, { status: response.status, headers: response.headers })
}

/**
 * The headers of every answer, set once the API's errors are encoded (a
 * pre-response handler): 401 carries `WWW-Authenticate: Bearer`; every
 * answer `X-Content-Type-Options: nosniff` and, but the API's documents,
 * `Cache-Control: no-store` (they hold personal data).
 */
export const answerHeaders = (
  request: HttpServerRequest.HttpServerRequest,
  response: HttpServerResponse.HttpServerResponse
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  const path = request.url.split("?")[0] ?? ""
  const withAuth =
    response.status === 401 && response.headers["www-authenticate"] === undefined
      ? HttpServerResponse.setHeader(response, "www-authenticate", 'Bearer realm="cityhall"')
      : response
  const open311 = path.startsWith("/open311/") && response.status >= 400 ? open311Errors(response) : withAuth
  const sniff = HttpServerResponse.setHeader(open311, "x-content-type-options", "nosniff")
  return Effect.succeed(
    CACHEABLE.has(path) || sniff.headers["cache-control"] !== undefined
      ? sniff
      : HttpServerResponse.setHeader(sniff, "cache-control", "no-store")
  )
}

/**
 * The API as a web handler (`Request -> Promise<Response>`), in process: no
 * socket. `dependencies` provides the storage ports, the token verifier and
 * the limits.
 */
export const webHandler = <E>(
  dependencies: Layer.Layer<
    Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | Ports.Search.Search | TokenVerifier | Limits.Limits,
    E
  >,
  options: Settings.ServerOptions = {}
) =>
  HttpApiBuilder.toWebHandler(
    Layer.mergeAll(layerDocs, layerBodyLimit, HttpServer.layerContext).pipe(
      Layer.provideMerge(layer(options)),
      Layer.provide(dependencies)
    )
  )

/** Effect's built-in tracer: its spans are kept by nobody (no exporter). */
const builtInTracer = Effect.runSync(Effect.tracer)

/**
 * Whether requests get a server span: `true` always, `false` never, `"auto"` (the default) only
 * when a tracer other than Effect's built-in one is installed (e.g. `@effect/opentelemetry`) —
 * without one the span, its attributes and the request URL parse would be work nobody reads.
 */
export type RequestTracing = boolean | "auto"

/** Whether {@link serve} traces requests under `tracer` (see {@link RequestTracing}). */
export const tracesRequests = (tracing: RequestTracing, tracer: Tracer.Tracer): boolean =>
  tracing === "auto" ? tracer !== builtInTracer : tracing

/**
 * Listens with Node's HTTP server (host default 127.0.0.1); needs
 * {@link layer}'s output and the limits. When its scope closes
 * (interruption; SIGTERM or SIGINT under `NodeRuntime.runMain`) it drains
 * (`Listener.drain`): it stops accepting connections at once, closes idle
 * keep-alive connections, lets the requests in flight finish (their answers
 * say `Connection: close`) for up to `graceMs` (default
 * `CITYHALL_SHUTDOWN_GRACE_SECONDS`, else 10 s), then closes what is left;
 * only then are the handlers removed and the stores below it closed.
 */
export const serve = (options: {
  readonly port: number
  readonly host?: string
  readonly tracing?: RequestTracing
  /** How long requests in flight may take to finish once the server stops, in ms. */
  readonly graceMs?: number
}) =>
  // decided with the tracer the request fibers will run with: the one installed when the server is built
  Layer.unwrapEffect(
    Effect.map(Effect.tracer, (tracer) => {
      // malformed requests Node's parser refuses are answered with a JSON 4xx (Listener.install); the Host header is never read
      const node = Listener.install(createServer({ requireHostHeader: false }))
      Listener.track(node)
      const server = HttpApiBuilder.serve().pipe(
        Layer.provide(layerDocs),
        Layer.provide(layerBodyLimit),
        HttpServer.withLogAddress,
        Layer.provideMerge(NodeHttpServer.layer(() => node, { port: options.port, host: options.host ?? "127.0.0.1" }))
      )
      // built after the server, so released before it: the drain runs while the handlers and the stores are still there
      const drainOnClose = Layer.scopedDiscard(
        Effect.addFinalizer(() =>
          Effect.flatMap(
            Effect.promise(() => Listener.drain(node, options.graceMs ?? Listener.defaultGraceMs())),
            ({ cutOff }) =>
              cutOff === 0
                ? Effect.void
                : Effect.logWarning(`${cutOff} request(s) still in flight after the grace period were cut off`)
          )
        )
      )
      const drained = drainOnClose.pipe(Layer.provideMerge(server))
      return tracesRequests(options.tracing ?? "auto", tracer)
        ? drained
        : HttpMiddleware.withTracerDisabledWhen(drained, () => true)
    })
  )
