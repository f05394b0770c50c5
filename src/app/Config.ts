/**
 * A city's configuration: one file (`cityhall.config.json`, JSONC allowed;
 * JSON Schema `docs/config.schema.json`) and the same object in the
 * library — the city's name and time zone, its organisation, the thematic
 * classifier's deeper levels, the production calendar's official years,
 * the appeal settings, the store, the broker and how tokens are verified.
 *
 * Decoding is strict (unknown fields refused) and every failure is an
 * {@link InvalidConfig} naming the path in the file. {@link resolve} turns
 * a decoded configuration and the files it names (read by the entry point,
 * which does the I/O) into what the application runs with, checking that
 * the pieces agree: a duty distribution naming an unknown deputy, a
 * calendar file that contradicts itself, a classifier entry without its
 * parent, a prefix that cannot start a registration number.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { App } from "cityhall"
 *
 * const config = App.Config.decode({
 *   format: "cityhall.config/1",
 *   city: { name: "Хабаровск", timeZone: "Asia/Vladivostok" },
 *   store: "sqlite:city.sqlite",
 *   tokens: { hmac: { secretEnv: "CITYHALL_SECRET" } }
 * })
 * const resolved = Either.flatMap(config, (c) => App.Config.resolve(c, { calendars: [] }))
 * Either.map(resolved, (r) => r.store) // Either.right({ kind: "sqlite", path: "city.sqlite", url: "sqlite:city.sqlite" })
 * ```
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as TermPolicy from "../appeals/TermPolicy.js"
import * as Topic from "../appeals/Topic.js"
import * as Calendar from "../kernel/Calendar.js"
import type * as ProductionCalendarData from "../kernel/ProductionCalendarData.js"
import * as Organisation from "../kernel/Organisation.js"
import * as Term from "../kernel/Term.js"
import * as TimeZone from "../kernel/TimeZone.js"
import type { CityOptions } from "./City.js"
import { Role } from "./Principal.js"
import * as Decode from "../kernel/Decode.js"

/** The format name of a configuration file. */
export const FORMAT = "cityhall.config/1"

/** A configuration that does not decode or whose pieces disagree: the path in the file and why. */
export class InvalidConfig extends Schema.TaggedError<InvalidConfig>()("InvalidConfig", {
  /** Where in the file, e.g. `store`, `organisation.duty.assignments[2].controller`, `calendar.files[0]`. */
  path: Schema.String,
  message: Schema.String
}) {}

/** Where the records are kept: `sqlite:PATH` (one machine) or a `postgres://` URL (several instances). */
export const StoreUrl = Schema.String.pipe(
  Schema.filter((s) => /^sqlite:.+/.test(s) || /^postgres(ql)?:\/\/.+/.test(s), {
    message: () => "a store is sqlite:PATH or a postgres:// URL"
  })
).annotations({ identifier: "StoreUrl", description: "sqlite:PATH or postgres://user@host:port/database" })

/** Where the events go: a `nats://` URL. */
export const BrokerUrl = Schema.String.pipe(
  Schema.filter((s) => /^nats:\/\/.+/.test(s), { message: () => "a broker is a nats:// URL" })
).annotations({ identifier: "BrokerUrl" })

/** Tokens signed by the city itself (HMAC), with the secret in an environment variable (never in the file). */
export const HmacTokens = Schema.Struct({
  hmac: Schema.Struct({
    /** The environment variable that holds the secret (at least 16 characters). */
    secretEnv: Schema.String.pipe(Schema.pattern(/^[A-Z_][A-Z0-9_]*$/))
  })
}).annotations({ identifier: "HmacTokensConfig" })

/** Tokens of the city's identity provider: a JWT verified with a configured key, its claims mapped to a role. */
export const JwtTokens = Schema.Struct({
  jwt: Schema.Struct({
    issuer: Schema.NonEmptyTrimmedString,
    audience: Schema.optionalWith(Schema.NonEmptyTrimmedString, { exact: true }),
    /** A file with the provider's public key (PEM, SPKI); or {@link jwksUrl}. */
    publicKeyFile: Schema.optionalWith(Schema.NonEmptyTrimmedString, { exact: true }),
    /** The provider's JWKS endpoint; or {@link publicKeyFile}. */
    jwksUrl: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^https?:\/\/.+/)), { exact: true }),
    /** Allowed algorithms (default RS256, ES256). */
    algorithms: Schema.optionalWith(Schema.NonEmptyArray(Schema.NonEmptyTrimmedString), { exact: true }),
    /** Which claims carry the subject (default `sub`), the role, the division and the official. */
    claims: Schema.Struct({
      subject: Schema.optionalWith(Schema.NonEmptyTrimmedString, { exact: true }),
      role: Schema.NonEmptyTrimmedString,
      division: Schema.optionalWith(Schema.NonEmptyTrimmedString, { exact: true }),
      official: Schema.optionalWith(Schema.NonEmptyTrimmedString, { exact: true })
    }),
    /** The provider's role values mapped to cityhall's roles; a token with an unmapped role is refused. */
    roles: Schema.Record({ key: Schema.String, value: Role })
  })
}).annotations({ identifier: "JwtTokensConfig" })

/**
 * The rate limit of `serve`: a token bucket per client address and one per
 * principal, each of `burst` requests refilled at `perSecond` (default 20
 * per second, bursts of 120). Behind a reverse proxy every client comes
 * from the proxy's address and shares its bucket: raise the limit to what
 * the whole city sends.
 */
export const RateLimit = Schema.Struct({
  perSecond: Schema.Int.pipe(Schema.between(1, 1_000_000)),
  burst: Schema.Int.pipe(Schema.between(1, 10_000_000))
}).annotations({ identifier: "RateLimitConfig" })

/** The HTTP server's settings. */
export const HttpSettings = Schema.Struct({
  rateLimit: Schema.optionalWith(RateLimit, { exact: true })
}).annotations({ identifier: "HttpConfig" })

/** The configuration file. */
export const ConfigFile = Schema.Struct({
  $schema: Schema.optionalWith(Schema.String, { exact: true }),
  format: Schema.Literal(FORMAT),
  city: Schema.Struct({
    name: Schema.NonEmptyTrimmedString,
    /** The administration's IANA zone, e.g. Asia/Vladivostok. */
    timeZone: Schema.NonEmptyTrimmedString
  }),
  /** The organisation: a file (JSON, as `Organisation.decode` reads it) or the object itself. */
  organisation: Schema.optionalWith(Schema.Union(Schema.NonEmptyTrimmedString, Schema.Object), { exact: true }),
  /** The thematic classifier: the shipped two levels, plus a file with deeper levels (entries under them). */
  classifier: Schema.optionalWith(Schema.Struct({ file: Schema.NonEmptyTrimmedString }), { exact: true }),
  /** The production calendar: calendar files with the city's official years (cityhall.calendar/1). */
  calendar: Schema.optionalWith(
    Schema.Struct({
      files: Schema.optionalWith(Schema.Array(Schema.NonEmptyTrimmedString), { exact: true }),
      presidentialNonWorkingDays: Schema.optionalWith(Schema.Boolean, { exact: true })
    }),
    { exact: true }
  ),
  /**
   * Appeal settings: where a due date on a day off moves, the prefixes of the
   * numbers the application gives, and the term policy (other legal terms and
   * internal terms, each with its source).
   */
  appeals: Schema.optionalWith(
    Schema.Struct({
      policy: Schema.optionalWith(Term.EndOfTermPolicy, { exact: true }),
      /** The term policy's entries; the default 30 days (59-FZ art. 12 p. 1) is implicit. */
      terms: Schema.optionalWith(Schema.Array(TermPolicy.TermEntry), { exact: true }),
      prefixes: Schema.optionalWith(
        Schema.Struct({
          submission: Schema.optionalWith(Schema.String, { exact: true }),
          oral: Schema.optionalWith(Schema.String, { exact: true }),
          question: Schema.optionalWith(Schema.String, { exact: true }),
          written: Schema.optionalWith(Schema.String, { exact: true }),
          /** The journal of outgoing answers (`Исх-2021-00042`); default `Исх`. */
          outgoing: Schema.optionalWith(Schema.String, { exact: true })
        }),
        { exact: true }
      )
    }),
    { exact: true }
  ),
  store: StoreUrl,
  broker: Schema.optionalWith(BrokerUrl, { exact: true }),
  tokens: Schema.Union(HmacTokens, JwtTokens),
  /** The HTTP server's settings. */
  http: Schema.optionalWith(HttpSettings, { exact: true })
}).annotations({
  identifier: "CityConfig",
  title: "cityhall city configuration",
  description:
    "A city's configuration: its name and zone, organisation, classifier, calendar, appeal settings, store, broker and tokens"
})
/** @see ConfigFile */
export type ConfigFile = typeof ConfigFile.Type

const pathOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("")

/** Decodes a configuration (a parsed file, or an object); unknown fields are refused, and a failure names the path. */
export const decode = (input: unknown): Either.Either<ConfigFile, InvalidConfig> =>
  Either.mapLeft(Decode.unknownEither(ConfigFile, { errors: "all", onExcessProperty: "error" })(input), (e) => {
    const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
    const path = pathOf(issue?.path ?? []) || "."
    return new InvalidConfig({ path, message: `${path}: ${issue?.message ?? "does not decode"}` })
  })

/** A store, parsed. */
export type Store =
  | { readonly kind: "sqlite"; readonly path: string; readonly url: string }
  | { readonly kind: "postgres"; readonly url: string }

/** Parses a store URL (`sqlite:PATH`, a `postgres://` URL; a bare path is SQLite too). */
export const parseStore = (url: string): Either.Either<Store, InvalidConfig> => {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length)
    return path === ""
      ? Either.left(new InvalidConfig({ path: "store", message: "store: sqlite: needs a file path" }))
      : Either.right({ kind: "sqlite", path, url })
  }
  if (/^postgres(ql)?:\/\/.+/.test(url)) return Either.right({ kind: "postgres", url })
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    return Either.left(
      new InvalidConfig({
        path: "store",
        message: `store: ${url.split(":")[0]}: is not a store cityhall knows (sqlite:PATH or postgres://)`
      })
    )
  return url === ""
    ? Either.left(new InvalidConfig({ path: "store", message: "store: empty" }))
    : Either.right({ kind: "sqlite", path: url, url: `sqlite:${url}` })
}

/**
 * A classifier file: the deeper levels of the typical classifier a city
 * uses (entries under the shipped two levels), with where they come from;
 * `complete` when they list every code down to the question level.
 */
export const ClassifierFile = Schema.Struct({
  source: Schema.NonEmptyTrimmedString,
  complete: Schema.optionalWith(Schema.Boolean, { exact: true }),
  entries: Schema.Array(Topic.TopicEntry)
}).annotations({ identifier: "ClassifierFile" })

/** The files a configuration names, as the entry point read them (parsed JSON), by the path given in the file. */
export interface Loaded {
  /** The organisation file's content, when `organisation` names a file. */
  readonly organisation?: unknown
  /** The classifier file's content (its deeper levels). */
  readonly classifier?: unknown
  /** The calendar files' contents, in the order of `calendar.files`. */
  readonly calendars: ReadonlyArray<unknown>
}

/** What a city runs with: the city's options for the use cases, and the deployment. */
export interface Resolved {
  readonly name: string
  readonly city: CityOptions
  readonly store: Store
  readonly broker: string | undefined
  readonly tokens: ConfigFile["tokens"]
  /** The HTTP server's settings, as given. */
  readonly http: ConfigFile["http"]
}

/** A prefix of the numbers the application gives: the number is also the appeal's id, so Latin capitals only. */
const PREFIX = /^[A-Z]{1,8}$/
/** An outgoing number's prefix: 1 to 10 letters, Latin or Cyrillic (it is no appeal's id). */
const OUTGOING_PREFIX = /^[A-Za-zА-ЯЁа-яё]{1,10}$/

/**
 * Resolves a decoded configuration with the files it names: the organisation
 * validated (its duty distribution against its officials and divisions),
 * the classifier's deeper levels under the shipped two, the calendar's
 * official years, the zone; every disagreement an {@link InvalidConfig}
 * naming the path.
 */
export const resolve = (config: ConfigFile, loaded: Loaded): Either.Either<Resolved, InvalidConfig> =>
  Either.gen(function* () {
    const timeZone = yield* Either.mapLeft(
      TimeZone.parseTimeZone(config.city.timeZone),
      (e) => new InvalidConfig({ path: "city.timeZone", message: `city.timeZone: ${e.message}` })
    )
    const orgInput = typeof config.organisation === "string" ? loaded.organisation : config.organisation
    const organisation =
      orgInput === undefined
        ? undefined
        : yield* Either.mapLeft(Organisation.decode(orgInput), (e) => {
            const where =
              e._tag === "InvalidOrganisation" && e.path !== ""
                ? `organisation.${e.path}`
                : e._tag === "InvalidOrganisation"
                  ? "organisation"
                  : "organisation.duty"
            return new InvalidConfig({ path: where, message: `${where}: ${e.message}` })
          })
    let classifier: Topic.Classifier | undefined
    if (config.classifier !== undefined) {
      const extra = yield* Either.mapLeft(
        Decode.unknownEither(ClassifierFile, { onExcessProperty: "error" })(loaded.classifier),
        (e) =>
          new InvalidConfig({
            path: "classifier.file",
            message: `classifier.file ${config.classifier?.file}: ${ParseResult.TreeFormatter.formatErrorSync(e)}`
          })
      )
      classifier = yield* Either.mapLeft(
        Topic.make(
          new Topic.ClassifierData({
            source: `${Topic.TYPICAL_DATA.source}; ${extra.source}`,
            complete: extra.complete ?? false,
            entries: [...Topic.TYPICAL_DATA.entries, ...extra.entries]
          })
        ),
        (e) =>
          new InvalidConfig({
            path: "classifier.file",
            message: `classifier.file ${config.classifier?.file}: ${e.path}: ${e.message} (the shipped two levels are included; list only deeper entries)`
          })
      )
    }
    const presidentialNonWorkingDays = config.calendar?.presidentialNonWorkingDays ?? true
    const files = config.calendar?.files ?? []
    const decodedYears: Array<ProductionCalendarData.YearRules> = []
    for (const [i, data] of loaded.calendars.entries()) {
      const file = yield* Either.mapLeft(
        Calendar.decodeFile(data),
        (e) =>
          new InvalidConfig({
            path: `calendar.files[${i}]`,
            message: `calendar.files[${i}] ${files[i] ?? ""}: ${e.message}`
          })
      )
      decodedYears.push(...file.years)
    }
    const calendar = yield* Either.mapLeft(
      Calendar.fromData({ format: "cityhall.calendar/1", years: decodedYears }, { presidentialNonWorkingDays }),
      (e) =>
        new InvalidConfig({
          path: "calendar.files",
          message: `calendar.files: ${e.message} (rule ${e.rule}${e.day !== undefined ? `, day ${e.day}` : ""})`
        })
    )
    const prefixes = config.appeals?.prefixes ?? {}
    for (const [k, v] of Object.entries(prefixes)) {
      if (k === "outgoing") {
        if (v !== undefined && !OUTGOING_PREFIX.test(v))
          return yield* Either.left(
            new InvalidConfig({
              path: "appeals.prefixes.outgoing",
              message: `appeals.prefixes.outgoing: the journal's prefix is 1 to 10 letters (Исх, OUT), got "${v}"`
            })
          )
        continue
      }
      if (v !== undefined && !PREFIX.test(v))
        return yield* Either.left(
          new InvalidConfig({
            path: `appeals.prefixes.${k}`,
            message: `appeals.prefixes.${k}: a prefix is 1 to 8 Latin capital letters (the number it starts is also the appeal's id), got "${v}"`
          })
        )
    }
    const terms = config.appeals?.terms
    if (terms !== undefined)
      yield* Either.mapLeft(
        TermPolicy.make(terms, classifier !== undefined ? { classifier } : {}),
        (e) => new InvalidConfig({ path: `appeals.${e.field}`, message: `appeals.${e.message}` })
      )
    const store = yield* parseStore(config.store)
    const city: CityOptions = {
      calendar,
      timeZone,
      ...(organisation !== undefined ? { organisation } : {}),
      ...(classifier !== undefined ? { classifier } : {}),
      ...(config.appeals?.policy !== undefined ? { policy: config.appeals.policy } : {}),
      ...(terms !== undefined ? { terms } : {}),
      prefixes: {
        ...(prefixes.submission !== undefined ? { submission: prefixes.submission } : {}),
        ...(prefixes.oral !== undefined ? { oral: prefixes.oral } : {}),
        ...(prefixes.question !== undefined ? { question: prefixes.question } : {}),
        ...(prefixes.written !== undefined ? { written: prefixes.written } : {}),
        ...(prefixes.outgoing !== undefined ? { outgoing: prefixes.outgoing } : {})
      }
    }
    return { name: config.city.name, city, store, broker: config.broker, tokens: config.tokens, http: config.http }
  })
