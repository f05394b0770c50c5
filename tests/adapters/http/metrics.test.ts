/** Operations of a server: route templates for metrics and logs, the request wrapper's ids, counters and log lines. */
import { describe, expect, it } from "vitest"
import * as Metrics from "../../../adapters/http/Metrics.js"

describe("Metrics", () => {
  it("routeOf: the API's template, a literal segment before a parameter, never the path asked for", () => {
    expect(Metrics.routeOf("/appeals/ОГ-2021-00001")).toBe("/appeals/{id}")
    expect(Metrics.routeOf("/appeals/overdue")).toBe("/appeals/overdue")
    expect(Metrics.routeOf("/health")).toBe("/health")
    expect(Metrics.routeOf("/report/2020.html")).toBe("/report/{year}.{format}")
    expect(Metrics.routeOf("/no/such/path")).toBe("unmatched")
  })

  it("instrument: a request id (the client's when well-formed), counted by template and status, one JSON line without the path's values", async () => {
    const metrics = Metrics.make()
    const lines: Array<string> = []
    const handler = Metrics.instrument(
      async (r) => new Response("{}", { status: r.url.endsWith("missing") ? 404 : 200 }),
      metrics,
      (l) => lines.push(l)
    )
    const a = await handler(new Request("http://x/appeals/Иванова-Мария", { headers: { "x-request-id": "req-1" } }))
    expect(a.headers.get("x-request-id")).toBe("req-1")
    const b = await handler(
      new Request("http://x/appeals/missing", { headers: { "x-request-id": "bad id with spaces" } })
    )
    expect(b.status).toBe(404)
    expect(b.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    const text = await metrics.text()
    expect(text).toContain('cityhall_http_requests_total{method="GET",route="/appeals/{id}",status="200"} 1')
    expect(text).toContain('cityhall_http_requests_total{method="GET",route="/appeals/{id}",status="404"} 1')
    expect(text).not.toContain("Иванова")
    expect(lines).toHaveLength(2)
    const first = JSON.parse(lines[0]!)
    expect(first).toMatchObject({
      level: "info",
      requestId: "req-1",
      method: "GET",
      route: "/appeals/{id}",
      status: 200
    })
    expect(lines.join("")).not.toContain("Иванова")
  })

  it("instrument: a handler that throws is a 500 with a JSON body and the request id, logged as an error", async () => {
    const metrics = Metrics.make()
    const lines: Array<string> = []
    const handler = Metrics.instrument(
      async () => {
        throw new Error("boom with personal data: Иванова")
      },
      metrics,
      (l) => lines.push(l)
    )
    const r = await handler(new Request("http://x/health"))
    expect(r.status).toBe(500)
    const body = (await r.json()) as { readonly requestId: string }
    expect(body).toMatchObject({ _tag: "InternalError" })
    expect(r.headers.get("x-request-id")).toBe(body.requestId)
    expect(lines.map((l) => JSON.parse(l).level)).toStrictEqual(["error", "error"])
    expect(lines.join("")).not.toContain("Иванова")
    metrics.relay(7, 10)
    expect(await metrics.text()).toContain("cityhall_relay_lag_events 3")
  })
})
