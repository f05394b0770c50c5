/**
 * A small HTTP server (node:http) over a store for the report pages:
 * `/` (an index), `/report/YYYY.html|.md|.json` (the annual report;
 * `?lang=en`), `/report/monthly/YYYY-MM.html|.md|.json` and `/reports`
 * (the list of report endpoints); every other path goes to the HTTP API
 * (`cityhall/adapters/http`: `/openapi.json`, `/docs`, the endpoints) when
 * one is mounted. Every report page is built from the records stored when
 * it is asked for ({@link answer}: nothing of the store is kept between
 * requests), with the same calls as the CLI's `report` and the API's
 * `/reports/annual`.
 * With the API mounted, the report pages answer the roles the API's
 * reports answer (the API's authentication and policy decide). Nothing a
 * request holds can crash the listener (`Listener.guard`); SIGTERM drains
 * it ({@link untilStopped}). Bound to 127.0.0.1 by default. `serve` answers
 * the pages on a report worker thread (`ReportPool`), so a report never
 * stalls the API's requests.
 *
 * @module
 */
import { randomUUID } from "node:crypto"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { Effect, Either } from "effect"
import { App, Period, type Ports, Reporting } from "../../../src/index.js"
import * as Listener from "../../http/Listener.js"
import { type Output, text } from "../Output.js"
import * as Reports from "./Reports.js"

const TYPES: Record<Reports.Format, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8"
}

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/><title>${title}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;line-height:1.5}code{background:#f2f2f2;padding:0 4px}</style></head><body>${body}</body></html>\n`

/** The index page: links to every year's report in both languages. */
export const index = (r: Reporting.Records.Records): string =>
  page(
    "cityhall",
    `<h1>cityhall</h1><p>Reports from the store (${Reporting.Records.appealCount(r)} appeals, ${r.plans?.length ?? 0} plans, ${r.calendars?.length ?? 0} election calendars).</p><ul>` +
      Reporting.Records.appealYears(r)
        .map(
          (y) =>
            `<li>${y}: <a href="/report/${y}.html">HTML</a> (<a href="/report/${y}.html?lang=en">en</a>), <a href="/report/${y}.md">Markdown</a>, <a href="/report/${y}.json">JSON</a></li>`
        )
        .join("") +
      `</ul><p>The reports are for controllers and administrators: <a href="${SIGN_IN}">sign in</a> with your token in a browser, or send it as <code>Authorization: Bearer</code>.</p><p><a href="/reports">Report endpoints</a> · <a href="/docs">HTTP API (OpenAPI)</a> · <a href="/openapi.json">openapi.json</a></p>`
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
  const p = Listener.target(url)?.pathname ?? ""
  return p === "/" || p === "/reports" || p.startsWith("/report/")
}

/** An answer naming the field that was wrong (400), as the API's `InvalidInput`. */
const invalid = (field: string, message: string) => ({
  status: 400,
  type: TYPES.json,
  body: `${JSON.stringify({ _tag: "InvalidInput", field, message: `${field}: ${message}` })}\n`
})

const yearProblem = (year: number): string | undefined =>
  year >= Reports.YEARS.first && year <= Reports.YEARS.last
    ? undefined
    : `expected a year between ${Reports.YEARS.first} and ${Reports.YEARS.last}, got ${year}`

/** A report page's answer: status, content type, body. */
export interface Answer {
  readonly status: number
  readonly type: string
  readonly body: string
}

/** Answers a request path (pure over the records): status, content type, body. */
export const respond = (
  r: Reporting.Records.Records,
  url: string,
  city: App.Reports.ReportCity = App.City.reference
): Answer => {
  const u = Listener.target(url)
  if (u === undefined) return invalid("request-target", "expected a path such as /report/2020.html")
  const lang = u.searchParams.get("lang") === "en" ? "en" : "ru"
  if (u.pathname === "/") return { status: 200, type: TYPES.html, body: index(r) }
  if (u.pathname === "/reports") return { status: 200, type: TYPES.html, body: docs() }
  const annual = /^\/report\/(\d{4})\.(html|md|json)$/.exec(u.pathname)
  if (annual !== null) {
    const year = Number(annual[1]),
      format = annual[2] as Reports.Format
    const problem = yearProblem(year)
    if (problem !== undefined) return invalid("year", problem)
    return {
      status: 200,
      type: TYPES[format],
      body: Reports.render(Reports.annual(r, year, Period.lastDay(`${year}` as Period.Year), lang, city), format)
    }
  }
  const monthly = /^\/report\/monthly\/(\d{4}-\d{2})\.(html|md|json)$/.exec(u.pathname)
  if (monthly !== null) {
    const month = Period.parseMonth(monthly[1] ?? "")
    if (Either.isLeft(month)) return invalid("month", `expected a month YYYY-MM, got ${JSON.stringify(monthly[1])}`)
    const problem = yearProblem(Number(month.right.slice(0, 4)))
    if (problem !== undefined) return invalid("month", problem)
    const format = monthly[2] as Reports.Format
    return {
      status: 200,
      type: TYPES[format],
      body: Reports.render(Reports.monthly(r, month.right, Period.lastDay(month.right), lang, city), format)
    }
  }
  return { status: 404, type: "text/plain; charset=utf-8", body: "not found; see /reports\n" }
}

/**
 * What a report page reads: the appeals as figures of the read models'
 * counters — an annual report those of its year and the year before as of
 * its last day (`Reporting.Records.forAnnual`), a monthly analysis its
 * months' as of the month's last day (`Reporting.Records.forMonthly`),
 * every other page the count of appeals by month
 * (`Reporting.Records.forIndex`) — and the other areas whole. No appeal
 * summary is read: a page's cost does not grow with the store.
 */
export const readOptions = (url: string): Reporting.Records.ReadOptions => {
  const path = Listener.target(url)?.pathname ?? ""
  const annual = /^\/report\/(\d{4})\.(html|md|json)$/.exec(path)
  if (annual !== null) {
    const year = Number(annual[1])
    if (yearProblem(year) === undefined)
      return Reporting.Records.forAnnual(year, Period.lastDay(`${year}` as Period.Year))
  }
  const monthly = /^\/report\/monthly\/(\d{4}-\d{2})\.(html|md|json)$/.exec(path)
  if (monthly !== null) {
    const month = Period.parseMonth(monthly[1] ?? "")
    if (Either.isRight(month) && yearProblem(Number(month.right.slice(0, 4))) === undefined)
      return Reporting.Records.forMonthly(month.right, Period.lastDay(month.right))
  }
  return Reporting.Records.forIndex
}

/**
 * A report page answered from the records stored now, with the city's
 * calendar: what a report worker runs ({@link Pages} off the request loop),
 * and what {@link inline} runs on it.
 */
export const answer = (
  url: string
): Effect.Effect<
  Answer,
  Reporting.Records.ReadError,
  Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | App.City.CityContext
> =>
  Effect.gen(function* () {
    const city = yield* App.City.CityContext
    const records = yield* Reporting.Records.read(readOptions(url))
    return respond(records, url, city)
  })

/** Answers report pages by their request target (path and query); rejects when the store cannot be read. */
export type Pages = (target: string) => Promise<Answer>

/** Report pages answered on the request loop from a reader of the records (tests, and a server without a worker). */
export const inline =
  (records: () => Promise<Reporting.Records.Records>, city?: App.Reports.ReportCity): Pages =>
  async (target) =>
    respond(await records(), target, city)

/** A web handler (the HTTP API) the server passes every non-report request to. */
export type WebHandler = (request: Request) => Promise<Response>

/** The headers of every HTML page: no script, no framing, no sniffing, no referrer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer"
}

/** Forwards a node request to a web handler and writes its response (the body read up to `maxBodyBytes`). */
const forward = async (
  api: WebHandler,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  maxBodyBytes: number
): Promise<void> => {
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (k === "host") continue
    if (Array.isArray(v)) for (const x of v) headers.append(k, x)
    else if (v !== undefined) headers.set(k, v)
  }
  const method = req.method ?? "GET"
  let body: Buffer | undefined
  if (method !== "GET" && method !== "HEAD") {
    try {
      body = await Listener.readBody(req, maxBodyBytes)
    } catch (e) {
      if (e instanceof Listener.BodyTooLarge) return Listener.payloadTooLarge(res, e.limitBytes)
      if (e instanceof Listener.BodyAborted) return void res.destroy()
      throw e
    }
  }
  const request = new Request(`http://localhost${url.pathname}${url.search}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body })
  })
  Listener.clientAddresses.set(request, req.socket.remoteAddress ?? "unknown")
  return pipe(await api(request), res)
}

/** The report pages' sign-in: a form taking a token, answered with a cookie holding it (`HttpOnly`, `SameSite=Strict`). */
export const SIGN_IN = "/report/sign-in"

/** The cookie a browser signed in to the report pages sends instead of an `Authorization` header. */
export const COOKIE = "cityhall_report"

/** What a token may hold (RFC 6750's token68 characters): anything else in a cookie or the form is not a token. */
const TOKEN = /^[A-Za-z0-9._~+/=-]{1,4096}$/

/** The bearer of a request: its `Authorization` header, else the sign-in cookie's token. */
const bearerOf = (req: IncomingMessage): string | undefined => {
  if (req.headers.authorization !== undefined) return req.headers.authorization
  const cookie = (req.headers.cookie ?? "")
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`))
  const token = cookie === undefined ? "" : cookie.slice(COOKIE.length + 1)
  return TOKEN.test(token) ? `Bearer ${token}` : undefined
}

/** Asks the API whether a bearer may read the reports (204 yes; else the API's own 401 or 403). */
const authorise = (api: WebHandler, req: IncomingMessage, authorization: string | undefined): Promise<Response> => {
  const probe = new Request("http://localhost/", { headers: authorization === undefined ? {} : { authorization } })
  Listener.reportAuthorisations.add(probe)
  Listener.clientAddresses.set(probe, req.socket.remoteAddress ?? "unknown")
  return api(probe)
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** An HTML page with the pages' security headers (the sign-in form may post to this server only). */
const htmlPage = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
  res.writeHead(status, {
    "content-type": TYPES.html,
    "cache-control": "no-store",
    ...SECURITY_HEADERS,
    "content-security-policy":
      SECURITY_HEADERS["content-security-policy"]?.replace("form-action 'none'", "form-action 'self'") ?? "",
    ...headers
  })
  res.end(body)
}

/** The sign-in form, returning to `back` (a report page's path) once signed in. */
const signInPage = (then: URL | undefined, problem?: string): string =>
  page(
    "cityhall — sign in to the reports",
    `<h1>Sign in to the reports</h1>${problem === undefined ? "" : `<p><strong>${escapeHtml(problem)}</strong></p>`}` +
      "<p>The reports are for controllers and administrators. Paste your token (the one <code>cityhall token issue</code> or <code>cityhall serve --print-admin-token</code> printed, without <code>Bearer</code>):</p>" +
      `<form method="post" action="${SIGN_IN}"><input type="hidden" name="back" value="${escapeHtml(then === undefined ? "/" : `${then.pathname}${then.search}`)}"/>` +
      '<p><textarea name="token" rows="4" cols="80" required autocomplete="off"></textarea></p><p><button type="submit">Sign in</button></p></form>'
  )

/**
 * `GET /report/sign-in`: the form; `POST` (form-encoded `token`, `back`):
 * the API checks the token as for a report; when it may read them, a
 * cookie holding it (for the token's own lifetime at most 12 hours) and a
 * redirect to `back` (a report path only); otherwise the form again, 401,
 * with the API's reason.
 */
const signIn = async (api: WebHandler, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number) => {
  if (req.method !== "POST") return htmlPage(res, 200, signInPage(undefined))
  let body: Buffer
  try {
    body = await Listener.readBody(req, Math.min(maxBodyBytes, 16 * 1024))
  } catch (e) {
    if (e instanceof Listener.BodyTooLarge) return Listener.payloadTooLarge(res, e.limitBytes)
    if (e instanceof Listener.BodyAborted) return void res.destroy()
    throw e
  }
  const form = new URLSearchParams(body.toString("utf8"))
  const token = (form.get("token") ?? "").trim().replace(/^Bearer\s+/i, "")
  const then = form.get("back") ?? "/"
  const target = /^\/(report\/[A-Za-z0-9/._-]*)?(\?[A-Za-z0-9=&_-]*)?$/.test(then) ? then : "/"
  if (!TOKEN.test(token))
    return htmlPage(res, 400, signInPage(Listener.target(target), "token: expected the token's characters"))
  const answer = await authorise(api, req, `Bearer ${token}`)
  if (answer.status !== 204) {
    const reason = await answer.text().then(
      (t) => {
        try {
          return String((JSON.parse(t) as { readonly message?: unknown }).message ?? t)
        } catch {
          return t
        }
      },
      () => ""
    )
    return htmlPage(res, answer.status === 403 ? 403 : 401, signInPage(Listener.target(target), reason))
  }
  res.writeHead(303, {
    location: target,
    "cache-control": "no-store",
    "set-cookie": `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`
  })
  res.end()
}

/** Writes a web response to a node response. */
const pipe = async (response: Response, res: ServerResponse): Promise<void> => {
  const out: Record<string, string> = {}
  response.headers.forEach((v, k) => {
    out[k] = v
  })
  res.writeHead(response.status, out)
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** What {@link listen} may be given besides the records. */
export interface ListenOptions {
  /** The largest request body passed to the API (default 64 KiB): a larger one is 413 before it is read. */
  readonly maxBodyBytes?: number
  /** Where defects go (default: stderr). */
  readonly log?: Listener.DefectLog
}

/**
 * Starts the server; resolves with it once listening. `pages` answers the
 * report pages from the records stored now ({@link inline}, or a report
 * worker off the request loop). With `api`, every path but the report pages
 * goes to it. Nothing a request holds can crash it: a defect is logged with
 * a request id and answered 500 (JSON).
 */
export const listen = (
  pages: Pages,
  host: string,
  port: number,
  api?: WebHandler,
  options: ListenOptions = {}
): Effect.Effect<Server, Error> =>
  Effect.async<Server, Error>((resume) => {
    const maxBodyBytes = options.maxBodyBytes ?? Listener.DEFAULT_MAX_BODY_BYTES
    const server = Listener.install(
      createServer(
        // the Host header is never read (the request target alone is), so a request without one is not refused for it
        { requireHostHeader: false },
        Listener.guard(async (req, res) => {
          const url = Listener.target(req.url)
          if (url === undefined) return Listener.badTarget(res)
          if (!Listener.METHODS.includes(req.method ?? "")) return Listener.methodNotAllowed(res, req.method)
          if (api !== undefined && !isReportPath(url.pathname)) return forward(api, req, res, url, maxBodyBytes)
          if (api !== undefined && url.pathname === SIGN_IN) return signIn(api, req, res, maxBodyBytes)
          if (api !== undefined && url.pathname.startsWith("/report/")) {
            // the same roles as the API's reports: the API answers whether this bearer token (or the sign-in cookie's) may read them
            const answer = await authorise(api, req, bearerOf(req))
            if (answer.status !== 204) {
              if (url.pathname.endsWith(".html") && answer.status === 401)
                return htmlPage(res, 401, signInPage(url), { "www-authenticate": "Bearer" })
              return pipe(answer, res)
            }
          }
          let out: Answer
          try {
            out = await pages(`${url.pathname}${url.search}`)
          } catch (e) {
            const requestId = randomUUID()
            ;(options.log ?? Listener.logToStderr)(requestId, e)
            return Listener.json(res, 503, {
              _tag: "Unavailable",
              requestId,
              message: `the store could not be read; reported as ${requestId}`
            })
          }
          res.writeHead(out.status, {
            "content-type": out.type,
            ...(out.type.startsWith("text/html") ? SECURITY_HEADERS : { "x-content-type-options": "nosniff" })
          })
          res.end(req.method === "HEAD" ? undefined : out.body)
        }, options.log)
      )
    )
    Listener.track(server)
    server.once("error", (e) => resume(Effect.fail(e)))
    server.listen(port, host, () => resume(Effect.succeed(server)))
  })

/**
 * Serves until SIGTERM or SIGINT, then stops gracefully (`Listener.drain`):
 * no new connections, the requests in flight finish within the grace period
 * (`CITYHALL_SHUTDOWN_GRACE_SECONDS`, default 10), then it answers, and the
 * caller's scope closes the store.
 */
export const untilStopped = (server: Server): Effect.Effect<Output> =>
  Effect.map(
    Effect.promise(() => Listener.untilSignal(server)),
    (drained) =>
      text(
        drained.cutOff === 0
          ? "cityhall serve: stopped"
          : `cityhall serve: stopped; ${drained.cutOff} request(s) still in flight after the grace period were cut off`
      )
  )
