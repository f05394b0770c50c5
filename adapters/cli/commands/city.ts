/**
 * A city's own set-up: `cityhall init` (the commented configuration file),
 * `cityhall migrate` (the store's schema, explicitly) and `cityhall token
 * issue|revoke` (people's tokens and the revocation list).
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import { existsSync, writeFileSync } from "node:fs"
import { Effect, Either } from "effect"
import { App, Ids } from "../../../src/index.js"
import * as Ports from "../../../src/ports/index.js"
import { command, group } from "../Command.js"
import { domain, fromDomain, InputError, json, text } from "../Output.js"
import * as Aggregates from "../internal/Aggregates.js"
import * as Config from "../internal/Config.js"
import * as Db from "../internal/Db.js"
import * as Setup from "../internal/Setup.js"
import * as Stores from "../internal/Stores.js"
import { secretOf } from "./serve.js"

/** `cityhall init`. */
export const init = command({
  name: "init",
  summary: "Writes a commented starting configuration for a new city (cityhall.config.json)",
  description: [
    "Writes the city's configuration file (JSON with comments; its JSON Schema is docs/config.schema.json): the name and time zone, where the organisation, the deeper classifier levels and the official calendar years come from, the appeals' settings, the store, the broker and how tokens are signed. Every other command reads it with --config FILE (default ./cityhall.config.json when present); their own options override it. An existing file is never overwritten without --force.",
    "Output: the path written."
  ],
  options: {
    name: { type: "string", value: "NAME", description: "the city's name", required: true },
    out: { type: "string", value: "FILE", default: Config.DEFAULT_CONFIG, description: "where to write it" },
    force: { type: "boolean", description: "overwrite an existing file" }
  },
  examples: ['cityhall init --name "Хабаровск"', 'cityhall init --name "Демоград" --out demo/cityhall.config.json'],
  run: ({ options }) =>
    Effect.gen(function* () {
      const name = options.name.trim()
      if (name === "") return yield* Effect.fail(new InputError({ kind: "InvalidName", message: "--name: empty" }))
      if (existsSync(options.out) && options.force !== true)
        return yield* Effect.fail(
          new InputError({
            kind: "FileExists",
            message: `--out: ${options.out} exists; give --force to overwrite it`
          })
        )
      yield* Effect.try({
        try: () => writeFileSync(options.out, Config.starter(name)),
        catch: (e) =>
          new InputError({ kind: "WriteFailed", message: `--out: ${e instanceof Error ? e.message : String(e)}` })
      })
      return text(options.out)
    })
})

/** `cityhall migrate`. */
export const migrate = command({
  name: "migrate",
  summary: "Brings the store's schema up to date (servers refuse a store with pending migrations)",
  description: [
    "Applies the migrations of this cityhall version not yet applied to the store (creating a SQLite file when missing; a PostgreSQL database must exist), under a lock so that two instances never migrate at once; applying again changes nothing. 'cityhall serve' and 'cityhall report' never migrate: they refuse a store whose schema is not current and name this command. 'cityhall demo' and 'cityhall import' migrate the store they write.",
    "Output (JSON): store, applied (the migration ids applied now; [] when the schema was current)."
  ],
  options: {
    ...Setup.storeOptions,
    ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`)
  },
  examples: [
    "cityhall migrate --config cityhall.config.json",
    "cityhall migrate --store postgres://cityhall@db:5432/city"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const applied = yield* Stores.migrate(setup.storeOption, setup.store)
      return json({ store: Stores.printable(setup.store), applied })
    })
})

/** `cityhall rebuild`. */
export const rebuild = command({
  name: "rebuild",
  summary: "Rebuilds the read models of appeals, plans and election calendars from the event log",
  description: [
    "Clears the read models of appeals (lists, counters, search, the applicants' keys, the due dates), plans and election calendars, and replays their events into them, a page at a time. Run it once after an upgrade that brings new read models (the applicants' keys of repeated-appeal detection, the due dates of due soon, and the counters of questions by status and of appeals by due day that the reports read came with this version: a store written before has none until rebuilt), with the servers stopped; the event log is never changed, and a rebuild that was stopped is run again.",
    "Output (JSON): store, events (the events replayed)."
  ],
  options: {
    ...Setup.storeOptions,
    ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`)
  },
  examples: ["cityhall rebuild --config cityhall.config.json", "cityhall rebuild --db .cityhall/demo.sqlite"],
  run: ({ options }) =>
    Effect.gen(function* () {
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const replayed = yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        false,
        Effect.mapError(
          Ports.Rebuild.rebuild([setup.city.appeals, Aggregates.plan, Aggregates.electionCalendar]),
          (e) => fromDomain(e, setup.storeOption)
        ),
        "rebuild"
      )
      return json({ store: Stores.printable(setup.store), events: replayed.events })
    })
})

/** A duration such as `8h`, `30m`, `7d`, `3600s` (or plain seconds), in seconds. */
export const parseDuration = (option: string, value: string): Either.Either<number, InputError> => {
  const m = /^(\d{1,7})([smhd]?)$/.exec(value.trim())
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 } as const
  if (m === null)
    return Either.left(
      new InputError({
        kind: "InvalidDuration",
        message: `${option}: expected a duration such as 8h, 30m, 7d or 3600s, got ${JSON.stringify(value)}`
      })
    )
  const seconds = Number(m[1]) * unit[(m[2] ?? "") as keyof typeof unit]
  if (seconds < 60 || seconds > 366 * 86_400)
    return Either.left(
      new InputError({
        kind: "InvalidDuration",
        message: `${option}: a token lives from 1 minute to 366 days, got ${value}`
      })
    )
  return Either.right(seconds)
}

const ID = /^[A-Za-z0-9_.:@-]{1,128}$/

/** `cityhall token issue`. */
export const issue = command({
  name: "issue",
  summary: "Issues a person's API token (any role), signed with the city's secret",
  description: [
    "Signs a token for the HTTP API with the city's HMAC secret (the variable the configuration's tokens.hmac.secretEnv names, default CITYHALL_SECRET; it must be set, the same on every server instance). The token carries the role, the subject, the division (a division head's, for what they may read and close), the official (a deputy mayor's, for the duty distribution), an expiry and an id for the revocation list. A city whose tokens come from its identity provider (tokens.jwt) issues none here.",
    "Output: the token on stdout (for `TOKEN=$(cityhall token issue …)`); with --json: token, tokenId, role, subject, division, official, expiresAt."
  ],
  options: {
    role: { type: "string", value: "ROLE", choices: App.Principal.ROLES, description: "the role", required: true },
    subject: { type: "string", value: "ID", description: "who the token is for (an account id)", required: true },
    division: { type: "string", value: "ID", description: "the division (division heads)" },
    official: { type: "string", value: "ID", description: "the official (deputy mayors: the duty distribution)" },
    expires: { type: "string", value: "DURATION", default: "8h", description: "how long it lives (30m, 8h, 7d)" },
    json: { type: "boolean", description: "print the token with its fields as JSON" },
    config: Setup.storeOptions.config
  },
  examples: [
    "cityhall token issue --role clerk --subject registry-clerk-1",
    "cityhall token issue --role divisionHead --subject head-housing --division housing --expires 8h",
    "cityhall token issue --role controller --subject deputy-2 --official deputy-2 --json"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const setup = yield* Setup.resolve({ config: options.config, defaultDb: Db.DEFAULT_DB })
      if (setup.tokens !== undefined && "jwt" in setup.tokens)
        return yield* Effect.fail(
          new InputError({
            kind: "NoHmacTokens",
            message: `--config ${setup.configFile ?? ""}: tokens come from the identity provider ${setup.tokens.jwt.issuer} (tokens.jwt); cityhall issues none`
          })
        )
      for (const [name, value] of [
        ["--subject", options.subject],
        ["--division", options.division],
        ["--official", options.official]
      ] as const)
        if (value !== undefined && !ID.test(value))
          return yield* Effect.fail(
            new InputError({
              kind: "InvalidId",
              message: `${name}: 1 to 128 of A-Z a-z 0-9 _ . : @ -, got ${JSON.stringify(value)}`
            })
          )
      if (options.role === "divisionHead" && options.division === undefined)
        return yield* Effect.fail(
          new InputError({
            kind: "MissingDivision",
            message: "--division: a division head's token names the division (without one the head reads nothing)"
          })
        )
      const seconds = yield* parseDuration("--expires", options.expires)
      const secret = yield* secretOf(setup, true)
      const http = yield* Effect.tryPromise({
        try: () => import("../../http/index.js"),
        catch: (e) =>
          new InputError({
            kind: "NoHttpAdapter",
            message: `tokens are the HTTP API's: it needs @effect/platform: ${e instanceof Error ? e.message : String(e)}`
          })
      })
      const tokenId = randomBytes(12).toString("base64url")
      const now = new Date()
      const principal = {
        subject: options.subject,
        role: options.role as App.Principal.Role,
        tokenId,
        ...(options.division !== undefined ? { division: options.division } : {}),
        ...(options.official !== undefined ? { official: options.official } : {})
      }
      const token = http.Auth.HmacTokens.make({ secret: secret.secret }).sign(principal, {
        expiresInSeconds: seconds,
        now
      })
      if (options.json !== true) return text(token)
      return json({
        token,
        tokenId,
        role: principal.role,
        subject: principal.subject,
        division: options.division ?? null,
        official: options.official ?? null,
        expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + seconds * 1000).toISOString()
      })
    })
})

/** `cityhall token revoke`. */
export const revoke = command({
  name: "revoke",
  summary: "Puts a token on the city's revocation list (every server instance refuses it from then on)",
  description: [
    "Records the revocation of a token id (printed by 'cityhall token issue --json'; a JWT's jti) in the store, with the reason and who revoked it; every server on the store then answers the token with 401 (reason revoked). Revoking a token already revoked changes nothing.",
    "Output (JSON): tokenId, revoked (true when recorded now, false when it was already on the list)."
  ],
  arguments: [{ name: "TOKEN_ID", description: "the token's id", required: true }],
  options: {
    reason: { type: "string", value: "TEXT", default: "revoked by an administrator", description: "why" },
    by: { type: "string", value: "ID", default: "cli-administrator", description: "who revokes it (the actor)" },
    ...Setup.storeOptions,
    ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`)
  },
  examples: ["cityhall token revoke Qm9yaXMtMjAyNi0x --reason 'the laptop was stolen' --config cityhall.config.json"],
  run: ({ options, arguments: args }) =>
    Effect.gen(function* () {
      const tokenId = args[0] ?? ""
      if (!/^[A-Za-z0-9_-]{8,128}$/.test(tokenId))
        return yield* Effect.fail(
          new InputError({
            kind: "InvalidTokenId",
            message: `TOKEN_ID: 8 to 128 of A-Z a-z 0-9 _ -, got ${JSON.stringify(tokenId)}`
          })
        )
      const by = yield* domain(Ids.ActorIdFromString(options.by), "--by")
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const admin = new App.Principal.Principal({ subject: by, role: "administrator" })
      const result = yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        false,
        App.Tokens.revoke(admin, tokenId, options.reason).pipe(
          Effect.provide(App.City.layerOf(setup.city)),
          Effect.mapError((e) => new InputError({ kind: e._tag, message: `${setup.storeOption}: ${e.message}` }))
        ),
        "check"
      )
      return json({ tokenId, revoked: result.events.length > 0 })
    })
})

/** The `token` group. */
export const token = group("token", "people's API tokens and the revocation list", [issue, revoke])
