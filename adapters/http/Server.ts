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
  type HttpApp,
  HttpIncomingMessage,
  HttpMiddleware,
  HttpServer,
  HttpServerRequest,
  HttpServerResponse
} from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Cause, Effect, Layer, Option, Schema, type Tracer } from "effect"
import { createServer } from "node:http"
import type { Ports } from "../../src/index.js"
import { Api } from "./Api.js"
import { layerAuthentication, type TokenVerifier } from "./Auth.js"
import * as AppealsHandlers from "./handlers/Appeals.js"
import * as ElectionsHandlers from "./handlers/Elections.js"
import * as HealthHandlers from "./handlers/Health.js"
import * as MeetingsHandlers from "./handlers/Meetings.js"
import * as Open311Handlers from "./handlers/Open311.js"
import * as OrganisationalHandlers from "./handlers/Organisational.js"
import * as PlanningHandlers from "./handlers/Planning.js"
import * as ReportsHandlers from "./handlers/Reports.js"
import { NotFound } from "./HttpErrors.js"
import * as Limits from "./Limits.js"
import * as Settings from "./Settings.js"

export type { AppealDefinition, CalendarDefinition, ServerOptions } from "./Settings.js"

/** The API's handlers and middleware over a store; needs the storage ports, a token verifier and the limits. */
export const layer = (
  options: Settings.ServerOptions = {}
): Layer.Layer<
  HttpApi.Api,
  never,
  Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | TokenVerifier | Limits.Limits
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

/** Caps the body read by the server (the Guard answers 413) and answers a typed 404 for unknown routes. */
export const layerBodyLimit: Layer.Layer<never, never, Limits.Limits> = HttpApiBuilder.middleware(
  Effect.map(
    Limits.Limits,
    (limits) => (app) => routeNotFoundAsJson(HttpIncomingMessage.withMaxBodySize(app, Option.some(limits.maxBodyBytes)))
  )
)

/**
 * The API as a web handler (`Request -> Promise<Response>`), in process: no
 * socket. `dependencies` provides the storage ports, the token verifier and
 * the limits.
 */
export const webHandler = <E>(
  dependencies: Layer.Layer<
    Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | TokenVerifier | Limits.Limits,
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

/** Listens with Node's HTTP server (host default 127.0.0.1); needs {@link layer}'s output and the limits. */
export const serve = (options: {
  readonly port: number
  readonly host?: string
  readonly tracing?: RequestTracing
}) => {
  const server = HttpApiBuilder.serve().pipe(
    Layer.provide(layerDocs),
    Layer.provide(layerBodyLimit),
    HttpServer.withLogAddress,
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: options.port, host: options.host ?? "127.0.0.1" }))
  )
  // decided with the tracer the request fibers will run with: the one installed when the server is built
  return Layer.unwrapEffect(
    Effect.map(Effect.tracer, (tracer) =>
      tracesRequests(options.tracing ?? "auto", tracer)
        ? server
        : HttpMiddleware.withTracerDisabledWhen(server, () => true)
    )
  )
}
