/**
 * `cityhall serve`: the report pages of a store and the HTTP API
 * (`cityhall/adapters/http`) on the same port of 127.0.0.1, over the same
 * SQLite store.
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { dirname, isAbsolute, resolve as resolvePath } from "node:path"
import { Clock, Duration, Effect, Either, Layer, Runtime } from "effect"
import { Appeals, App, Calendar, Ports, Period, TimeZone } from "../../../src/index.js"
import { command } from "../Command.js"
import { InputError } from "../Output.js"
import * as Db from "../internal/Db.js"
import * as Relay from "../internal/Relay.js"
import * as ReportPool from "../internal/ReportPool.js"
import * as Setup from "../internal/Setup.js"
import * as Stores from "../internal/Stores.js"
import * as Server from "../internal/Server.js"
import * as Values from "../Values.js"

/** The environment variable holding the secret of the API's tokens (unless the configuration names another). */
export const SECRET_VARIABLE = "CITYHALL_SECRET"

/** `off`: `serve` writes reports on its request loop instead of on a report worker thread (see `ReportPool`). */
export const REPORT_WORKER_VARIABLE = "CITYHALL_REPORT_WORKER"

/** How `serve` gets its token verifier and whether it can sign an administrator's token. */
interface Verifier {
  readonly verifier: import("../../http/index.js").Auth.TokenVerifier.Service
  readonly sign: ((principal: { readonly subject: string; readonly role: "administrator" }) => string) | undefined
  readonly note: string
}

/**
 * The HMAC secret of a city: from the variable the configuration names (or
 * {@link SECRET_VARIABLE}); without a configuration, one generated for the
 * run when the variable is not set. At least 16 characters.
 */
export const secretOf = (
  setup: Pick<Setup.Setup, "tokens" | "configFile">,
  required: boolean
): Either.Either<{ readonly secret: string; readonly variable: string; readonly generated: boolean }, InputError> => {
  const variable = setup.tokens !== undefined && "hmac" in setup.tokens ? setup.tokens.hmac.secretEnv : SECRET_VARIABLE
  const env = process.env[variable]
  const given = env === undefined || env === "" ? undefined : env
  if (given !== undefined && given.length < 16)
    return Either.left(
      new InputError({ kind: "BadSecret", message: `${variable}: the secret must have at least 16 characters` })
    )
  if (given !== undefined) return Either.right({ secret: given, variable, generated: false })
  if (required || setup.configFile !== undefined)
    return Either.left(
      new InputError({
        kind: "BadSecret",
        message: `${variable}: not set; the tokens of ${setup.configFile ?? "the city"} are signed with the secret it holds (at least 16 characters)`
      })
    )
  return Either.right({ secret: randomBytes(24).toString("base64url"), variable, generated: true })
}

const verifierOf = (
  http: typeof import("../../http/index.js"),
  setup: Setup.Setup
): Effect.Effect<Verifier, InputError> =>
  Effect.gen(function* () {
    const tokens = setup.tokens
    if (tokens !== undefined && "jwt" in tokens) {
      const j = tokens.jwt
      const where = `--config ${setup.configFile ?? ""}: tokens.jwt`
      let key: { readonly spki: string } | { readonly jwksUrl: string }
      if (j.publicKeyFile !== undefined) {
        const path = isAbsolute(j.publicKeyFile)
          ? j.publicKeyFile
          : resolvePath(dirname(setup.configFile ?? "."), j.publicKeyFile)
        const spki = yield* Effect.try({
          try: () => readFileSync(path, "utf8"),
          catch: (e) =>
            new InputError({
              kind: "InvalidConfig",
              message: `${where}.publicKeyFile: ${path}: ${e instanceof Error ? e.message : String(e)}`
            })
        })
        key = { spki }
      } else if (j.jwksUrl !== undefined) key = { jwksUrl: j.jwksUrl }
      else
        return yield* Effect.fail(
          new InputError({ kind: "InvalidConfig", message: `${where}: give publicKeyFile or jwksUrl` })
        )
      const verifier = yield* Effect.mapError(
        http.Jwt.make({
          issuer: j.issuer,
          key,
          claims: j.claims,
          roles: j.roles,
          ...(j.audience !== undefined ? { audience: j.audience } : {}),
          ...(j.algorithms !== undefined ? { algorithms: j.algorithms } : {})
        }),
        (e) => new InputError({ kind: "InvalidConfig", message: `${where}: ${e.message}` })
      )
      return { verifier, sign: undefined, note: `tokens: JWTs of ${j.issuer}` }
    }
    const secret = yield* secretOf(setup, false)
    const hmac = http.Auth.HmacTokens.make({ secret: secret.secret })
    return {
      verifier: hmac,
      sign: (principal) =>
        hmac.sign({ ...principal, tokenId: randomBytes(12).toString("base64url") }, { expiresInSeconds: 12 * 3600 }),
      note: secret.generated
        ? `secret generated for this run — set ${secret.variable} to keep tokens across runs and instances`
        : `tokens signed with ${secret.variable}`
    }
  })

/**
 * The HTTP API over the store in context, as a web handler, for the city
 * of the setup, with its token verifier (HMAC with the secret of
 * {@link secretOf}, or the identity provider's JWTs); answers the handler
 * and, when asked for and the city signs its own tokens, an administrator's
 * token (valid 12 hours). The handler is disposed when the scope closes.
 */
export const mountApi = (
  setup: Setup.Setup,
  printAdminToken: boolean,
  operations: {
    readonly relay?: Relay.Relay
    /** Metrics and request logs (`/metrics`, one JSON line per request on stderr). */
    readonly metrics?: boolean
    /** Who writes the API's annual reports (a report worker; default: on the request loop). */
    readonly reports?: (request: App.Reports.AnnualRequest) => Promise<string>
  } = {}
) =>
  Effect.gen(function* () {
    const http = yield* Effect.tryPromise({
      try: () => import("../../http/index.js"),
      catch: (e) =>
        new InputError({
          kind: "NoHttpAdapter",
          message: `the HTTP API needs @effect/platform and @effect/platform-node: ${e instanceof Error ? e.message : String(e)}`
        })
    })
    const v = yield* verifierOf(http, setup)
    if (printAdminToken && v.sign === undefined)
      return yield* Effect.fail(
        new InputError({
          kind: "NoAdminToken",
          message: "--print-admin-token: the city's tokens come from its identity provider (tokens.jwt); ask it for one"
        })
      )
    const storage = yield* Effect.context<
      Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | Ports.Search.Search
    >()
    const web = http.Server.webHandler(
      Layer.mergeAll(
        Layer.succeedContext(storage),
        Layer.succeed(http.Auth.TokenVerifier, v.verifier),
        http.Limits.layer(
          setup.http?.rateLimit !== undefined
            ? { ratePerSecond: setup.http.rateLimit.perSecond, rateCapacity: setup.http.rateLimit.burst }
            : {}
        )
      ),
      {
        city: setup.city,
        ...(operations.relay !== undefined ? { relay: operations.relay.status } : {}),
        ...(operations.reports !== undefined ? { reports: operations.reports } : {})
      }
    )
    yield* Effect.addFinalizer(() => Effect.promise(() => web.dispose()))
    const token =
      printAdminToken && v.sign !== undefined
        ? v.sign({ subject: "cli-administrator", role: "administrator" })
        : undefined
    const plain = (request: Request) => web.handler(request)
    if (operations.metrics !== true) return { handler: plain, token, note: v.note, metrics: undefined }
    const Metrics = yield* Effect.tryPromise({
      try: () => import("../../http/Metrics.js"),
      catch: (e) =>
        new InputError({
          kind: "MissingPeer",
          message: `metrics need prom-client: ${e instanceof Error ? e.message : String(e)}`
        })
    })
    const metrics = Metrics.make()
    const routed = async (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname !== "/metrics") return plain(request)
      if (operations.relay !== undefined) {
        const r = await Effect.runPromise(operations.relay.status)
        metrics.relay(r.position, r.head)
      }
      return new Response(await metrics.text(), { headers: { "content-type": metrics.contentType } })
    }
    const handler = Metrics.instrument(routed, metrics, (line) => process.stderr.write(line))
    return { handler, token, note: v.note, metrics }
  })

/**
 * Serves the store's report pages and the API until the process is
 * stopped; prints the URLs first. Runs on the store, in a scope of its
 * own: the relay, the reminders and the report workers it starts are
 * stopped when it ends, before the store they use is closed (a relay still
 * holding its lease's connection kept the pool from closing, and the
 * process from exiting, when the store closed first). The pages read the
 * records stored when they are asked for (again only after a write), so a
 * write through the API shows in the next page.
 */
export const serveStore = (
  host: string,
  port: number,
  setup: Setup.Setup,
  printAdminToken: boolean,
  remindEvery: number | undefined = REMIND_EVERY
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const calendar = setup.city.calendar
      let storeError: ((operation: string) => void) | undefined
      const relay =
        setup.broker === undefined
          ? undefined
          : yield* Relay.start(setup.broker, {
              onError: (message) => {
                if (message.startsWith("StorageError")) storeError?.("relay")
                process.stderr.write(
                  `${JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "relay failed", error: message })}\n`
                )
              }
            })
      // reports are written on a worker thread with its own connection to the store: never on the request loop
      // (CITYHALL_REPORT_WORKER=off writes them on it, as a library's server does: for comparison, or where no worker can run)
      const reports =
        process.env[REPORT_WORKER_VARIABLE] === "off"
          ? undefined
          : yield* Effect.mapError(
              ReportPool.start(setup),
              (e) =>
                new InputError({
                  kind: "StorageError",
                  message: `${setup.storeOption}: the report worker: ${e.message}`
                })
            )
      const api = yield* mountApi(setup, printAdminToken, {
        ...(relay !== undefined ? { relay } : {}),
        metrics: true,
        ...(reports !== undefined ? { reports: reports.annual } : {})
      })
      if (remindEvery !== undefined) yield* Effect.forkScoped(reminders(setup, remindEvery))
      const runtime = yield* Effect.runtime<Ports.EventStore.EventStore | Ports.ReadModels.ReadModels>()
      const city = App.City.layerOf(setup.city)
      const pages: Server.Pages =
        reports?.pages ?? ((target) => Runtime.runPromise(runtime)(Effect.provide(Server.answer(target), city)))
      storeError = api.metrics?.storeError
      // appeals per month from the due-day counter (a few rows a month, whatever the store's size)
      const months = yield* Effect.mapError(
        Ports.Projection.read(Appeals.AppealRecords.DueDays),
        Setup.storageError(setup)
      )
      const server = yield* Effect.mapError(
        Server.listen(pages, host, port, api.handler),
        (e) => new InputError({ kind: "ListenFailed", message: `--port: ${e.message}` })
      )
      const address = server.address()
      const bound = typeof address === "object" && address !== null ? address.port : port
      const base = `http://${host}:${bound}`
      // the report named first is the year with the most appeals (the last full year, in a city's first months;
      // the demo's 2020 rather than its few appeals of January 2021); every year is on the index page
      const perYear = new Map<string, number>()
      for (const m of months) {
        const y = m.dimensions.month.slice(0, 4)
        perYear.set(y, (perYear.get(y) ?? 0) + m.value)
      }
      const shown =
        [...perYear.entries()].sort(([a, x], [b, y]) => y - x || b.localeCompare(a))[0]?.[0] ??
        `${Period.yearOf(yield* App.City.today.pipe(Effect.provide(App.City.layerOf(setup.city))))}`
      process.stdout.write(
        `cityhall: serving on ${base}\n` +
          `  report:   ${base}/report/${shown}.html   (English: ${base}/report/${shown}.html?lang=en; all reports: ${base}/; controllers and administrators: sign in at ${base}/report/sign-in with a token, or send it as Authorization: Bearer)\n` +
          `  API docs: ${base}/docs   (OpenAPI: ${base}/openapi.json)\n` +
          `  store:    ${Stores.printable(setup.store)}${setup.configFile !== undefined ? `   (configuration: ${setup.configFile})` : ""}\n` +
          `  ${api.note}\n` +
          (api.token !== undefined
            ? `  administrator token (12 h; 'cityhall token issue' gives tokens for every role when ${SECRET_VARIABLE} is set for both):\n    Authorization: Bearer ${api.token}\n`
            : "")
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
  )

/** How often `serve` sends the deadline reminders by default: every hour. */
export const REMIND_EVERY = 3_600_000

const logLine = (fields: Record<string, unknown>) =>
  Effect.sync(() => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`))

/**
 * The deadline reminders (`App.Reminders.remind`) at start and then every
 * `every` milliseconds, for the life of the server; each run that sends
 * some writes one JSON line on stderr, a failure one line too (the next
 * run tries again). Several instances on one store send each reminder once.
 */
export const reminders = (setup: Setup.Setup, every: number) =>
  Effect.gen(function* () {
    for (;;) {
      const r = yield* Effect.either(
        App.Reminders.remind(App.Principal.system("serve")).pipe(Effect.provide(App.City.layerOf(setup.city)))
      )
      if (r._tag === "Left")
        yield* logLine({ level: "error", msg: "reminders failed", error: `${r.left._tag}: ${r.left.message}` })
      else if (r.right.emitted.length > 0)
        yield* logLine({ level: "info", msg: "reminders sent", on: r.right.on, count: r.right.emitted.length })
      yield* Effect.sleep(Duration.millis(every))
    }
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
    ...Setup.storeOptions,
    ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`),
    port: { type: "string", value: "N", default: "8080", description: "the port" },
    host: { type: "string", value: "HOST", default: "127.0.0.1", description: "the address to bind" },
    broker: {
      type: "string",
      value: "URL",
      description:
        "relay the store's events to this NATS JetStream broker (nats://host:4222; over the configuration's broker)"
    },
    "remind-every": {
      type: "string",
      value: "INTERVAL",
      default: "1h",
      description:
        "send the deadline reminders (DeadlineApproaching, as 'cityhall appeals remind') at start and then every INTERVAL (30s, 15m, 1h), or off"
    },
    "print-admin-token": {
      type: "boolean",
      description: "print an administrator's token (12 h) when listening (only when the city signs its own tokens)"
    },
    ...Values.calendarOption
  },
  examples: [
    "cityhall serve --db .cityhall/demo.sqlite --port 8080",
    `${SECRET_VARIABLE}=$(openssl rand -hex 24) cityhall serve --db city.sqlite`
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const port = yield* Values.integer("--port", options.port, 0, 65535)
      const remindEvery = yield* Values.interval("--remind-every", options["remind-every"])
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      return yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        false,
        serveStore(options.host, port, setup, options["print-admin-token"] === true, remindEvery),
        "check"
      )
    })
})
