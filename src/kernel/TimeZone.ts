/**
 * Time zones and instants: an administration keeps its records in its own
 * IANA time zone (Khabarovsk: `Asia/Vladivostok`, UTC+10), and an instant
 * (a moment on the global time line) becomes a local {@link Period.Day} only
 * here.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { TimeZone } from "cityhall"
 *
 * const day = TimeZone.localDay(new Date("2020-12-31T20:00:00Z"), "Asia/Vladivostok")
 * // Either.right("2021-01-01")
 * ```
 *
 * @module
 */
import { TZDate, tzOffset } from "@date-fns/tz"
import { UTCDate } from "@date-fns/utc"
import { Either, Schema } from "effect"
import type { Day } from "./Period.js"
import { MAX_YEAR, MIN_YEAR } from "./Period.js"

/** A time zone name that the runtime does not know. */
export class UnknownTimeZone extends Schema.TaggedError<UnknownTimeZone>()("UnknownTimeZone", {
  timeZone: Schema.String,
  message: Schema.String
}) {}

/** An instant that is not a valid date, or lies outside 1900..2199. */
export class InvalidInstant extends Schema.TaggedError<InvalidInstant>()("InvalidInstant", {
  input: Schema.String,
  message: Schema.String
}) {}

const knownZones = new Map<string, boolean>()

/** Whether the runtime knows an IANA time zone name. */
export const isKnownTimeZone = (tz: string): boolean => {
  const cached = knownZones.get(tz)
  if (cached !== undefined) return cached
  let ok: boolean
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz })
    ok = tz.length > 0
  } catch {
    ok = false
  }
  knownZones.set(tz, ok)
  return ok
}

/** An IANA time zone name the runtime knows, e.g. `Asia/Vladivostok`. */
export const TimeZoneName: Schema.brand<Schema.filter<typeof Schema.String>, "TimeZoneName"> = Schema.String.pipe(
  Schema.filter(isKnownTimeZone, { message: (i) => `unknown IANA time zone ${JSON.stringify(i)}` }),
  Schema.brand("TimeZoneName"),
  Schema.annotations({
    identifier: "TimeZoneName",
    arbitrary: () => (fc) =>
      fc
        .constantFrom(
          "Asia/Vladivostok",
          "Europe/Moscow",
          "Asia/Yekaterinburg",
          "Asia/Kamchatka",
          "Europe/Kaliningrad",
          "UTC"
        )
        .map((s) => s as TimeZoneName)
  })
)
/** @see TimeZoneName */
export type TimeZoneName = typeof TimeZoneName.Type

/** Parses a time zone name; an unknown zone is an {@link UnknownTimeZone}. */
export const parseTimeZone = (tz: string): Either.Either<TimeZoneName, UnknownTimeZone> =>
  isKnownTimeZone(tz)
    ? Either.right(tz as TimeZoneName)
    : Either.left(new UnknownTimeZone({ timeZone: tz, message: `unknown IANA time zone ${JSON.stringify(tz)}` }))

/** The zone of the reference city (Khabarovsk). */
export const KHABAROVSK = "Asia/Vladivostok" as TimeZoneName

const MIN_MS = Date.UTC(MIN_YEAR, 0, 2)
const MAX_MS = Date.UTC(MAX_YEAR, 11, 30)

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/

/**
 * Parses an RFC 3339 instant with an offset (`2021-03-15T09:00:00+10:00`,
 * `2021-03-14T23:00:00.000Z`): every part in range (no 30 February, no hour
 * 24, no leap second), the offset required (a string without one would be
 * read in the machine's zone). Answers the instant, or `undefined`.
 *
 * @example
 * ```ts
 * parseInstant("2021-03-15T09:00:00+10:00") // 2021-03-14T23:00:00.000Z
 * parseInstant("2021-03-15T09:00:00") // undefined: no offset
 * ```
 */
export const parseInstant = (s: string): Date | undefined => {
  const m = RFC3339.exec(s)
  if (m === null) return undefined
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number
  ]
  const daysIn = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn || h > 23 || mi > 59 || se > 59) return undefined
  const oh = m[9] === undefined ? 0 : Number(m[9])
  const om = m[10] === undefined ? 0 : Number(m[10])
  if (oh > 23 || om > 59) return undefined
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000)
  const local = new Date(0)
  local.setUTCFullYear(y, mo - 1, d) // not Date.UTC: it reads years 0..99 as 1900..1999
  local.setUTCHours(h, mi, se, ms)
  const at = new Date(local.getTime() - (m[8] === "-" ? -1 : 1) * (oh * 60 + om) * 60_000)
  return Number.isNaN(at.getTime()) ? undefined : at
}

/** An RFC 3339 instant with an offset, as text (the encoded side of {@link Instant}). */
export const InstantString = Schema.String.pipe(
  Schema.filter((s) => parseInstant(s) !== undefined, {
    message: (issue) =>
      `expected an RFC 3339 instant with an offset (2021-03-15T09:00:00+10:00 or 2021-03-14T23:00:00Z), got ${JSON.stringify(issue.actual)}`
  }),
  Schema.annotations({
    identifier: "InstantString",
    jsonSchema: {
      type: "string",
      format: "date-time",
      pattern: "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$"
    }
  })
)

/**
 * An instant: a valid JS `Date`, encoded as an RFC 3339 string in UTC
 * (`toISOString`), decoded from RFC 3339 with an offset only
 * ({@link parseInstant}), between 1900 and 2199.
 */
export const Instant = Schema.transform(InstantString, Schema.DateFromSelf, {
  strict: true,
  decode: (s) => parseInstant(s) ?? new Date(Number.NaN),
  encode: (d) => d.toISOString()
}).pipe(
  Schema.filter((d) => d.getTime() >= MIN_MS && d.getTime() <= MAX_MS, {
    message: () => "expected an instant between 1900 and 2199"
  }),
  Schema.annotations({
    identifier: "Instant",
    arbitrary: () => (fc) =>
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms))
  })
)
/** @see Instant */
export type Instant = typeof Instant.Type

/**
 * The local calendar day of an instant in a time zone.
 *
 * @example
 * ```ts
 * localDay(new Date("2020-12-31T20:00:00Z"), "Asia/Vladivostok") // Either.right("2021-01-01")
 * ```
 */
export const localDay = (instant: Date, timeZone: string): Either.Either<Day, UnknownTimeZone | InvalidInstant> => {
  if (!isKnownTimeZone(timeZone)) {
    return Either.left(new UnknownTimeZone({ timeZone, message: `unknown IANA time zone ${JSON.stringify(timeZone)}` }))
  }
  const ms = instant.getTime()
  if (Number.isNaN(ms) || ms < MIN_MS || ms > MAX_MS) {
    return Either.left(
      new InvalidInstant({ input: String(instant), message: "expected a valid instant between 1900 and 2199" })
    )
  }
  // The zone's offset at that instant (cached per zone by @date-fns/tz), then the UTC calendar date of the shifted instant.
  const local = new UTCDate(ms + tzOffset(timeZone, new Date(ms)) * 60_000)
  const y = local.getFullYear(),
    m = local.getMonth() + 1,
    d = local.getDate()
  return Either.right(`${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}` as Day)
}

/**
 * The instant at which a local day starts in a time zone (its local
 * midnight).
 */
export const startOfLocalDay = (day: Day, timeZone: TimeZoneName): Date =>
  new Date(
    new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), timeZone).getTime()
  )
