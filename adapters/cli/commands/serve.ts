/**
 * `cityhall serve`: the report pages of a store and the HTTP API
 * (`cityhall/adapters/http`) on the same port of 127.0.0.1, over the same
 * SQLite store.
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import { Clock, Effect, Either, Layer, Runtime } from "effect"
import { Calendar, type Ports, Period, TimeZone } from "../../../src/index.js"
import { command } from "../Command.js"
import { InputError } from "../Output.js"
import * as Db from "../internal/Db.js"
import * as Reports from "../internal/Reports.js"
import * as Server from "../internal/Server.js"
import * as Values from "../Values.js"

/** The environment variable holding the secret of the API's tokens. */
export const SECRET_VARIABLE = "CITYHALL_SECRET"

/**
 * The HTTP API over the store in context, as a web handler, with the token
 * secret from {@link SECRET_VARIABLE} or generated for this run; answers the
 * handler and an administrator's token (valid 12 hours). The handler is
 * disposed when the scope closes.
 */
export const mountApi = (calendar: Calendar.ProductionCalendar) =>
  Effect.gen(function* () {
    const http = yield* Effect.tryPromise({
      try: () => import("../../http/index.js"),
      catch: (e) =>
        new InputError({
          kind: "NoHttpAdapter",
          message: `the HTTP API needs @effect/platform and @effect/platform-node: ${e instanceof Error ? e.message : String(e)}`
        })
    })
    const env = process.env[SECRET_VARIABLE]
    const given = env === undefined || env === "" ? undefined : env
    if (given !== undefined && given.length < 16)
      return yield* Effect.fail(
        new InputError({
          kind: "BadSecret",
          message: `${SECRET_VARIABLE}: the secret must have at least 16 characters`
        })
      )
    const secret = given ?? randomBytes(24).toString("base64url")
    const tokens = http.Auth.HmacTokens.make({ secret })
    const storage = yield* Effect.context<Ports.EventStore.EventStore | Ports.ReadModels.ReadModels>()
    const web = http.Server.webHandler(
      Layer.mergeAll(
        Layer.succeedContext(storage),
        Layer.succeed(http.Auth.TokenVerifier, tokens),
        http.Limits.layer()
      ),
      { calendar }
    )
    yield* Effect.addFinalizer(() => Effect.promise(() => web.dispose()))
    const token = tokens.sign({ subject: "demo-administrator", role: "administrator" }, { expiresInSeconds: 12 * 3600 })
    return { handler: (request: Request) => web.handler(request), token, generated: given === undefined }
  })

/**
 * Serves the store's report pages and the API until the process is
 * stopped; prints the URLs first. Runs inside the store's scope. The pages
 * read the records stored when they are asked for (again only after a
 * write), so a write through the API shows in the next page.
 */
export const serveStore = (host: string, port: number, calendar: Calendar.ProductionCalendar) =>
  Effect.gen(function* () {
    const api = yield* mountApi(calendar)
    const runtime = yield* Effect.runtime<Ports.EventStore.EventStore | Ports.ReadModels.ReadModels>()
    const current = yield* Reports.latest
    const records = () => Runtime.runPromise(runtime)(current)
    const r = yield* current
    const server = yield* Effect.mapError(
      Server.listen(records, host, port, api.handler, calendar),
      (e) => new InputError({ kind: "ListenFailed", message: `--port: ${e.message}` })
    )
    const address = server.address()
    const bound = typeof address === "object" && address !== null ? address.port : port
    const base = `http://${host}:${bound}`
    const years = [...new Set(r.appeals.map((a) => a.registeredOn.slice(0, 4)))].sort()
    const last = years[years.length - 1] ?? "2020"
    process.stdout.write(
      `cityhall: serving on ${base}\n` +
        `  report:   ${base}/report/${last}.html   (English: ${base}/report/${last}.html?lang=en; all reports: ${base}/)\n` +
        `  API docs: ${base}/docs   (OpenAPI: ${base}/openapi.json)\n` +
        `  administrator token (12 h, for the demo; ${api.generated ? `secret generated for this run — set ${SECRET_VARIABLE} to keep tokens across runs` : `signed with ${SECRET_VARIABLE}`}):\n` +
        `    Authorization: Bearer ${api.token}\n`
    )
    // no time bomb: say so at start when the production calendar's official data ends within 90 days (or has ended)
    const today = Either.getOrElse(
      TimeZone.localDay(new Date(yield* Clock.currentTimeMillis), TimeZone.KHABAROVSK),
      () => Period.unsafeDay("2019-01-01")
    )
    const horizon = Calendar.officialDataHorizon(calendar, today)
    if (horizon.warning !== undefined) process.stderr.write(`cityhall serve: warning: ${horizon.warning}\n`)
    return yield* Server.untilStopped(server)
  })

/** `cityhall serve`. */
export const serve = command({
  name: "serve",
  summary: "Serves the reports and the HTTP API of a store on 127.0.0.1",
  description: [
    "Serves the report pages of the store — / (the index), /report/YYYY.html|md|json (the annual report, ?lang=en for English), /report/monthly/YYYY-MM.html|md|json, /reports (the list) — and serves the HTTP API on the same port and store: /docs (the API's documentation), /openapi.json and its endpoints (bearer tokens). Runs until stopped (Ctrl-C). Prints the URLs and an administrator token when listening. --port 0 picks a free port.",
    `The tokens are signed with the secret in ${SECRET_VARIABLE} (at least 16 characters), or with one generated for the run.`
  ],
  options: {
    db: { type: "string", value: "PATH", default: Db.DEFAULT_DB, description: "the SQLite store" },
    port: { type: "string", value: "N", default: "8080", description: "the port" },
    host: { type: "string", value: "HOST", default: "127.0.0.1", description: "the address to bind" },
    ...Values.calendarOption
  },
  examples: [
    "cityhall serve --db .cityhall/demo.sqlite --port 8080",
    `${SECRET_VARIABLE}=$(openssl rand -hex 24) cityhall serve --db city.sqlite`
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const port = yield* Values.integer("--port", options.port, 0, 65535)
      const calendar = yield* Values.calendar("--calendar", options.calendar, true)
      return yield* Db.withStore(options.db, false, serveStore(options.host, port, calendar))
    })
})
