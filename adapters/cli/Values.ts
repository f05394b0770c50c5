/**
 * Decoding option values into the kernel's types: a bad value is an
 * {@link InputError} (exit code 1) that names the option.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import { Either } from "effect"
import { Appeals, Calendar, Period, TimeZone } from "../../src/index.js"
import { domain, InputError } from "./Output.js"

/** A day `YYYY-MM-DD`. */
export const day = (option: string, input: string): Either.Either<Period.Day, InputError> =>
  domain(Period.parseDay(input), option)

/** Any period: a day, month `YYYY-MM`, quarter `YYYY-Qn`, year `YYYY` or horizon `YYYY..YYYY`. */
export const period = (option: string, input: string): Either.Either<Period.Period, InputError> =>
  domain(Period.parse(input), option)

/** An IANA time zone name. */
export const timeZone = (option: string, input: string): Either.Either<TimeZone.TimeZoneName, InputError> =>
  domain(TimeZone.parseTimeZone(input), option)

/** A whole number from `min` to `max`. */
export const integer = (option: string, input: string, min: number, max: number): Either.Either<number, InputError> => {
  const n = /^[+-]?\d+$/.test(input.trim()) ? Number(input) : Number.NaN
  return Number.isSafeInteger(n) && n >= min && n <= max
    ? Either.right(n)
    : Either.left(
        new InputError({
          kind: "InvalidNumber",
          message: `${option}: expected a whole number from ${min} to ${max}, got "${input}"`
        })
      )
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A day `YYYY-MM-DD`, or an instant with an explicit offset
 * (`2020-12-31T20:00:00Z`, `2021-04-08T09:30+10:00`) converted to the local
 * day in `zone`.
 */
export const dayOrInstant = (
  option: string,
  input: string,
  zone: TimeZone.TimeZoneName
): Either.Either<Period.Day, InputError> => {
  if (!input.includes("T")) return day(option, input)
  if (!INSTANT.test(input)) {
    return Either.left(
      new InputError({
        kind: "InvalidInstant",
        message: `${option}: "${input}" is neither a day YYYY-MM-DD nor an instant with an offset (2020-12-31T20:00:00Z, 2021-04-08T09:30+10:00)`
      })
    )
  }
  // read strictly (no 30 February, no hour 24), as every instant of the library; seconds may be left out here
  const at = TimeZone.parseInstant(input.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-])/, "$1:00$2"))
  if (at === undefined)
    return Either.left(
      new InputError({
        kind: "InvalidInstant",
        message: `${option}: "${input}" is not a date and time that exists (RFC 3339 with an offset)`
      })
    )
  return domain(TimeZone.localDay(at, zone), option)
}

/** The `--calendar FILE` option every command that counts days takes. */
export const calendarOption = {
  calendar: {
    type: "string",
    value: "FILE",
    description:
      "a calendar file (cityhall.calendar/1, docs/kernel.md) with the city's official years; years it does not name stay as shipped (2019-2026) or provisional"
  }
} as const

/**
 * The production calendar: the shipped one, or with the official years of
 * a calendar file loaded (`--calendar FILE`). A file that cannot be read,
 * is not JSON, does not decode or contradicts itself is an
 * {@link InputError} naming the option, the field, the day and the rule.
 */
export const calendar = (
  option: string,
  file: string | undefined,
  presidentialNonWorkingDays: boolean
): Either.Either<Calendar.ProductionCalendar, InputError> => {
  if (file === undefined) return Either.right(Calendar.russia({ presidentialNonWorkingDays }))
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    return Either.left(
      new InputError({ kind: "NoFile", message: `${option} ${file}: ${e instanceof Error ? e.message : String(e)}` })
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    return Either.left(
      new InputError({
        kind: "InvalidCalendarData",
        message: `${option} ${file}: not JSON (${e instanceof Error ? e.message : String(e)})`
      })
    )
  }
  return Either.mapLeft(
    Calendar.fromData(parsed, { presidentialNonWorkingDays }),
    (e) =>
      new InputError({
        kind: e._tag,
        message: `${option} ${file}: ${e.path !== undefined && !e.message.startsWith(e.path) ? `${e.path}: ` : ""}${e.message} (rule ${e.rule}${e.day !== undefined ? `, day ${e.day}` : ""})`
      })
  )
}

/** The appeal aggregate under a calendar (the default settings otherwise: Khabarovsk time, the 59-FZ terms). */
export const appealDefinition = (cal: Calendar.ProductionCalendar): Appeals.AppealRecords.Definition =>
  cal === Calendar.russia({ presidentialNonWorkingDays: true })
    ? Appeals.AppealRecords.definition
    : Appeals.AppealRecords.makeDefinition({ ...Appeals.AppealRecords.defaultSettings, calendar: cal })

/**
 * An interval such as `1h`, `15m`, `30s` (a whole number and a unit: s, m,
 * h), or `off`: answers milliseconds (undefined for `off`), from 1 second
 * to 24 hours; anything else is an input error naming the option.
 */
export const interval = (option: string, input: string): Either.Either<number | undefined, InputError> => {
  if (input === "off") return Either.right(undefined)
  const m = /^([1-9][0-9]{0,5})(s|m|h)$/.exec(input)
  const ms = m === null ? Number.NaN : Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s" | "m" | "h"]
  return ms >= 1000 && ms <= 86_400_000
    ? Either.right(ms)
    : Either.left(
        new InputError({
          kind: "InvalidInterval",
          message: `${option}: an interval from 1s to 24h such as 1h, 15m or 30s, or off; got ${JSON.stringify(input)}`
        })
      )
}
