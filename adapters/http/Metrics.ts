/**
 * Operations for a server of the API: Prometheus metrics (with
 * `prom-client`, an optional peer: load this module only when metrics are
 * wanted) and one structured JSON log line per request.
 *
 * Metrics: `cityhall_http_requests_total{method,route,status}`,
 * `cityhall_http_request_duration_seconds{method,route}` (a histogram),
 * `cityhall_relay_lag_events` and `cityhall_relay_position` (the outbox
 * relay, when one runs), `cityhall_store_errors_total{operation}`, and
 * Node's default process metrics. The route is the API's path template
 * (`/appeals/{id}`), never the path asked for, so neither the labels nor the
 * logs carry ids, names or queries (no personal data).
 *
 * @example
 * ```ts
 * import * as Metrics from "cityhall/adapters/metrics"
 *
 * const metrics = Metrics.make()
 * const handler = Metrics.instrument(async () => new Response("{}"), metrics, (line) => process.stderr.write(line))
 * // GET /metrics: new Response(await metrics.text(), { headers: { "content-type": metrics.contentType } })
 * ```
 *
 * @module
 */
import { OpenApi } from "@effect/platform"
import { randomUUID } from "node:crypto"
import * as Prom from "prom-client"
import { Api } from "./Api.js"

/** The metrics of one server process. */
export interface Metrics {
  readonly registry: Prom.Registry
  /** Records one answered request. */
  readonly observe: (method: string, route: string, status: number, seconds: number) => void
  /** The relay's position and the event log's head (the lag is their difference). */
  readonly relay: (position: number, head: number) => void
  /** Counts a failure of the store (an operation such as `ready`, `relay`). */
  readonly storeError: (operation: string) => void
  /** The metrics in Prometheus' text format. */
  readonly text: () => Promise<string>
  readonly contentType: string
}

/** The API's path templates (from its OpenAPI document), with a matcher each; the report pages and operations too. */
const templates: ReadonlyArray<readonly [string, RegExp]> = [
  ...Object.keys(OpenApi.fromApi(Api).paths),
  "/report/{year}.{format}",
  "/report/monthly/{month}.{format}",
  "/reports",
  "/metrics",
  "/openapi.json",
  "/docs",
  "/"
].map((t) => {
  const pattern = t
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("")
  return [t, new RegExp(`^${pattern}$`)] as const
})

/**
 * The route template a path belongs to (`/appeals/{id}` for
 * `/appeals/ОГ-2021-00001`; a literal segment wins over a parameter),
 * or `unmatched`.
 */
export const routeOf = (pathname: string): string => {
  let best: string | undefined
  for (const [t, re] of templates) {
    if (!re.test(pathname)) continue
    // prefer the template with fewer parameters (`/appeals/overdue` over `/appeals/{id}`)
    if (best === undefined || (t.match(/\{/g)?.length ?? 0) < (best.match(/\{/g)?.length ?? 0)) best = t
  }
  return best ?? "unmatched"
}

/** A fresh registry with the server's metrics (one per process; tests make their own). */
export const make = (): Metrics => {
  const registry = new Prom.Registry()
  Prom.collectDefaultMetrics({ register: registry, prefix: "cityhall_" })
  const requests = new Prom.Counter({
    name: "cityhall_http_requests_total",
    help: "Requests answered, by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry]
  })
  const duration = new Prom.Histogram({
    name: "cityhall_http_request_duration_seconds",
    help: "Time to answer a request, by method and route template",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry]
  })
  const lag = new Prom.Gauge({
    name: "cityhall_relay_lag_events",
    help: "Events stored but not yet relayed to the broker",
    registers: [registry]
  })
  const position = new Prom.Gauge({
    name: "cityhall_relay_position",
    help: "The last outbox position the broker acknowledged",
    registers: [registry]
  })
  const storeErrors = new Prom.Counter({
    name: "cityhall_store_errors_total",
    help: "Failures of the store, by operation",
    labelNames: ["operation"] as const,
    registers: [registry]
  })
  return {
    registry,
    observe: (method, route, status, seconds) => {
      requests.inc({ method, route, status: String(status) })
      duration.observe({ method, route }, seconds)
    },
    relay: (p, head) => {
      position.set(p)
      lag.set(Math.max(0, head - p))
    },
    storeError: (operation) => storeErrors.inc({ operation }),
    text: () => registry.metrics(),
    contentType: registry.contentType
  }
}

/** A request id a client may send (`X-Request-Id`), else one is made. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

/**
 * Wraps a web handler: every request gets a request id (the client's
 * `X-Request-Id` when it is 1 to 64 of A-Z a-z 0-9 . _ -, else a new UUID)
 * echoed in the answer's `X-Request-Id`; it is counted and timed in
 * `metrics`; and one JSON line is written to `log`: time, level (`error`
 * for a 5xx), requestId, method, route (the template), status, ms. No path,
 * query, header or body is logged.
 */
export const instrument =
  (
    handler: (request: Request) => Promise<Response>,
    metrics: Metrics,
    log: (line: string) => void
  ): ((request: Request) => Promise<Response>) =>
  async (request) => {
    const started = performance.now()
    const given = request.headers.get("x-request-id")
    const requestId = given !== null && REQUEST_ID.test(given) ? given : randomUUID()
    let route = "unmatched"
    try {
      route = routeOf(new URL(request.url).pathname)
    } catch {
      // an URL that does not parse stays `unmatched`
    }
    const answer = (response: Response): Response => {
      const ms = performance.now() - started
      metrics.observe(request.method, route, response.status, ms / 1000)
      log(
        `${JSON.stringify({
          time: new Date().toISOString(),
          level: response.status >= 500 ? "error" : "info",
          msg: "request",
          requestId,
          method: request.method,
          route,
          status: response.status,
          ms: Math.round(ms * 10) / 10
        })}\n`
      )
      const headers = new Headers(response.headers)
      headers.set("x-request-id", requestId)
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
    }
    try {
      return answer(await handler(request))
    } catch (e) {
      log(
        `${JSON.stringify({
          time: new Date().toISOString(),
          level: "error",
          msg: "defect",
          requestId,
          method: request.method,
          route,
          error: e instanceof Error ? e.name : "unknown"
        })}\n`
      )
      return answer(
        new Response(
          JSON.stringify({ _tag: "InternalError", requestId, message: "the server failed; the request id is logged" }),
          { status: 500, headers: { "content-type": "application/json" } }
        )
      )
    }
  }
