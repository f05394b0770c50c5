import { TZDate } from "@date-fns/tz"
import { Either, ParseResult, type Schema } from "effect"
import type { Day } from "../../kernel/Period.js"
import * as TimeZone from "../../kernel/TimeZone.js"
import { InvalidMeetingsInput } from "../Errors.js"
import type { LocalTime } from "../Venue.js"
import { minutesOf } from "../Venue.js"
import * as Decode from "../../kernel/Decode.js"

const BUCKET_MS = 15 * 60 * 1000
const LIMIT = 100_000

/**
 * A memoised local day of an instant in a zone (UTC offsets change on
 * 15-minute boundaries, so a 15-minute bucket lies within one local day).
 * A bad instant is an {@link InvalidMeetingsInput} on `at`.
 */
export const makeLocalDay = (timeZone: string) => {
  const cache = new Map<number, Day>()
  return (instant: Date, field = "at"): Either.Either<Day, InvalidMeetingsInput> => {
    const bucket = Math.floor(instant.getTime() / BUCKET_MS)
    const hit = cache.get(bucket)
    if (hit !== undefined) return Either.right(hit)
    const r = TimeZone.localDay(instant, timeZone)
    if (Either.isLeft(r))
      return Either.left(
        new InvalidMeetingsInput({ reason: "malformed", field, message: `${field}: ${r.left.message}` })
      )
    if (cache.size >= LIMIT) cache.clear()
    cache.set(bucket, r.right)
    return Either.right(r.right)
  }
}

/** The instant (epoch ms) a local day and time stand for in a zone. */
export const instantOf = (day: Day, time: LocalTime, timeZone: string): number => {
  const m = minutesOf(time)
  return new TZDate(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
    Math.floor(m / 60),
    m % 60,
    timeZone
  ).getTime()
}

const pathOf = (
  e: ParseResult.ParseError
): { readonly path: string; readonly missing: boolean; readonly message: string } => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
  const path = (issue?.path ?? [])
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("")
  return { path, missing: issue?._tag === "Missing", message: issue?.message ?? "invalid input" }
}

/** A decoder from outside data whose failures are {@link InvalidMeetingsInput} naming the field. */
export const decoder = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Decode.unknownEither(schema)
  return (input: unknown): Either.Either<A, InvalidMeetingsInput> =>
    Either.mapLeft(decode(input, { errors: "first", onExcessProperty: "ignore" }), (e) => {
      const { message, missing, path } = pathOf(e)
      return new InvalidMeetingsInput({
        reason: missing ? "missing" : "malformed",
        field: path,
        message: `${path === "" ? "command" : path}: ${message}`
      })
    })
}
