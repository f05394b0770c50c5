/**
 * Decoding option values into the kernel's types: a bad value is an
 * {@link InputError} (exit code 1) that names the option.
 *
 * @module
 */
import { Either } from "effect"
import { Period, TimeZone } from "../../src/kernel/index.js"
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
  return domain(TimeZone.localDay(new Date(input), zone), option)
}
