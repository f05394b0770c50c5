/**
 * A small HTTP server (node:http) over a store for the report pages:
 * `/` (an index), `/report/YYYY.html|.md|.json` (the annual report;
 * `?lang=en`), `/report/monthly/YYYY-MM.html|.md|.json` and `/reports`
 * (the list of report endpoints); every other path goes to the HTTP API
 * (`cityhall/adapters/http`: `/openapi.json`, `/docs`, the endpoints) when
 * one is mounted. Reports are built from the records read when the server
 * starts. Bound to 127.0.0.1 by default.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { Effect, Either } from "effect"
import { Period } from "../../../src/kernel/index.js"
import type * as Reporting from "../../../src/reporting/index.js"
import * as Reports from "./Reports.js"

const TYPES: Record<Reports.Format, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8"
}

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/><title>${title}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;line-height:1.5}code{background:#f2f2f2;padding:0 4px}</style></head><body>${body}</body></html>\n`

/** The years and months the records cover (years with appeals). */
const yearsOf = (r: Reporting.AnnualReport.Records): ReadonlyArray<number> =>
  [...new Set(r.appeals.map((a) => Number(a.registeredOn.slice(0, 4))))].sort()

/** The index page: links to every year's report in both languages. */
export const index = (r: Reporting.AnnualReport.Records): string =>
  page(
    "cityhall",
    `<h1>cityhall</h1><p>Reports from the store (${r.appeals.length} appeals, ${r.plans?.length ?? 0} plans, ${r.calendars?.length ?? 0} election calendars).</p><ul>` +
      yearsOf(r)
        .map(
          (y) =>
            `<li>${y}: <a href="/report/${y}.html">HTML</a> (<a href="/report/${y}.html?lang=en">en</a>), <a href="/report/${y}.md">Markdown</a>, <a href="/report/${y}.json">JSON</a></li>`
        )
        .join("") +
      `</ul><p><a href="/reports">Report endpoints</a> · <a href="/docs">HTTP API (OpenAPI)</a> · <a href="/openapi.json">openapi.json</a></p>`
  )

/** The report endpoints page. */
export const docs = (): string =>
  page(
    "cityhall — report endpoints",
    "<h1>Report endpoints</h1><ul>" +
      "<li><code>GET /report/{YYYY}.{html|md|json}?lang={ru|en}</code> — the annual report of a year (JSON: format cityhall.report/1)</li>" +
      "<li><code>GET /report/monthly/{YYYY-MM}.{html|md|json}?lang={ru|en}</code> — the monthly analysis of appeals with recommendations</li>" +
      "<li><code>GET /</code> — the index of reports</li>" +
      "<li><code>/docs</code>, <code>/openapi.json</code> — the HTTP API (when mounted)</li></ul>"
  )

/** Whether a path is one of the report pages (the rest goes to the API when mounted). */
export const isReportPath = (url: string): boolean => {
  const p = new URL(url, "http://localhost").pathname
  return p === "/" || p === "/reports" || p.startsWith("/report/")
}

/** Answers a request path (pure over the records): status, content type, body. */
export const respond = (
  r: Reporting.AnnualReport.Records,
  url: string
): { readonly status: number; readonly type: string; readonly body: string } => {
  const u = new URL(url, "http://localhost")
  const lang = u.searchParams.get("lang") === "en" ? "en" : "ru"
  if (u.pathname === "/") return { status: 200, type: TYPES.html, body: index(r) }
  if (u.pathname === "/reports") return { status: 200, type: TYPES.html, body: docs() }
  const annual = /^\/report\/(\d{4})\.(html|md|json)$/.exec(u.pathname)
  if (annual !== null) {
    const year = Number(annual[1]),
      format = annual[2] as Reports.Format
    return {
      status: 200,
      type: TYPES[format],
      body: Reports.render(Reports.annual(r, year, Period.lastDay(`${year}` as Period.Year), lang), format)
    }
  }
  const monthly = /^\/report\/monthly\/(\d{4}-\d{2})\.(html|md|json)$/.exec(u.pathname)
  if (monthly !== null) {
    const month = Period.parseMonth(monthly[1] ?? "")
    if (Either.isRight(month)) {
      const format = monthly[2] as Reports.Format
      return {
        status: 200,
        type: TYPES[format],
        body: Reports.render(Reports.monthly(r, month.right, Period.lastDay(month.right), lang), format)
      }
    }
  }
  return { status: 404, type: "text/plain; charset=utf-8", body: "not found; see /reports\n" }
}

/** A web handler (the HTTP API) the server passes every non-report request to. */
export type WebHandler = (request: Request) => Promise<Response>

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks)))
    req.on("error", reject)
  })

/** Forwards a node request to a web handler and writes its response. */
const forward = async (api: WebHandler, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x)
    else if (v !== undefined) headers.set(k, v)
  }
  const method = req.method ?? "GET"
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req)
  const response = await api(
    new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body })
    })
  )
  const out: Record<string, string> = {}
  response.headers.forEach((v, k) => {
    out[k] = v
  })
  res.writeHead(response.status, out)
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** Starts the server; resolves with it once listening. With `api`, every path but the report pages goes to it. */
export const listen = (
  r: Reporting.AnnualReport.Records,
  host: string,
  port: number,
  api?: WebHandler
): Effect.Effect<Server, Error> =>
  Effect.async<Server, Error>((resume) => {
    const server = createServer((req, res) => {
      if (api !== undefined && !isReportPath(req.url ?? "/")) {
        forward(api, req, res).catch((e: unknown) => {
          if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" })
          res.end(`internal error: ${e instanceof Error ? e.message : String(e)}\n`)
        })
        return
      }
      const out = respond(r, req.url ?? "/")
      res.writeHead(out.status, { "content-type": out.type })
      res.end(out.body)
    })
    server.once("error", (e) => resume(Effect.fail(e)))
    server.listen(port, host, () => resume(Effect.succeed(server)))
  })
