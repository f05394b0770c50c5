/**
 * Deadlines (`Term`): N calendar days or N working days counted from the day
 * after the event, with a policy for a last day that is not a working day.
 *
 * Counting follows the Civil Code by analogy: a term counted in days starts
 * on the day after the event (Civil Code art. 191), and when its last day is
 * a non-working day it ends on the next working day (art. 193) — cityhall
 * makes the end-of-term rule a setting, because municipal regulations on
 * appeals commonly require the answer by the previous working day:
 *
 * - `previousWorkingDay` (default): the last working day on or before the
 *   nominal last day, but never on or before the event itself (then the
 *   next working day);
 * - `nextWorkingDay`: the first working day on or after the nominal last day;
 * - `none`: the nominal last day as it falls.
 *
 * Instants are first converted to the administration's local day in its
 * IANA time zone.
 *
 * @example
 * ```ts
 * import { Calendar, Period, Term } from "cityhall"
 *
 * const calendar = Calendar.russia()
 * Term.deadline({ event: Period.unsafeDay("2021-04-08"), term: Term.calendarDays(30), calendar })
 * // Either.right("2021-04-30"): 8 May 2021 is a Saturday and 4-7 May were non-working days
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import * as Calendar from "./Calendar.js"
import * as Period from "./Period.js"
import type { Day } from "./Period.js"
import * as TimeZone from "./TimeZone.js"

/** The unit of a term. */
export const TermUnit = Schema.Literal("calendarDays", "workingDays")
/** @see TermUnit */
export type TermUnit = typeof TermUnit.Type

/** What to do when a term's last day is not a working day. */
export const EndOfTermPolicy = Schema.Literal("previousWorkingDay", "nextWorkingDay", "none")
/** @see EndOfTermPolicy */
export type EndOfTermPolicy = typeof EndOfTermPolicy.Type

/** A term: a positive number of calendar or working days (at most 3660). */
export class Term extends Schema.Class<Term>("Term")({
  amount: Schema.Int.pipe(Schema.between(1, 3660)),
  unit: TermUnit
}) {}

/**
 * A term of `n` calendar days. Not validated here (so it never throws):
 * {@link deadline} answers {@link InvalidTerm} for a bad amount, and
 * {@link makeTerm} validates up front.
 */
export const calendarDays = (n: number): Term => new Term({ amount: n, unit: "calendarDays" }, true)
/** A term of `n` working days (validated by {@link deadline}, see {@link calendarDays}). */
export const workingDays = (n: number): Term => new Term({ amount: n, unit: "workingDays" }, true)

/** A term that is not a positive whole number of days. */
export class InvalidTerm extends Schema.TaggedError<InvalidTerm>()("InvalidTerm", {
  amount: Schema.Number,
  message: Schema.String
}) {}

const validAmount = (n: number) => Number.isInteger(n) && n >= 1 && n <= 3660
const invalidTerm = (amount: number) =>
  new InvalidTerm({ amount, message: `a term is a whole number of days from 1 to 3660, got ${amount}` })

/** A validated term, or an {@link InvalidTerm}. */
export const makeTerm = (amount: number, unit: TermUnit): Either.Either<Term, InvalidTerm> =>
  validAmount(amount) ? Either.right(new Term({ amount, unit }, true)) : Either.left(invalidTerm(amount))

/** Any failure of {@link deadline}. */
export type DeadlineError =
  | Calendar.CalendarOutOfRange
  | TimeZone.UnknownTimeZone
  | TimeZone.InvalidInstant
  | InvalidTerm

/** Input of {@link deadline}. */
export interface DeadlineOptions {
  /** The event: a local day, or an instant converted with `timeZone`. */
  readonly event: Day | Date
  readonly term: Term
  readonly calendar: Calendar.ProductionCalendar
  /** Default `previousWorkingDay`. Ignored for working-day terms, which always end on a working day. */
  readonly policy?: EndOfTermPolicy
  /** The administration's zone; required when `event` is an instant. Default `Asia/Vladivostok`. */
  readonly timeZone?: string
}

/**
 * The nominal last day: the event plus the term, before any end-of-term
 * policy. A term that is not 1..3660 whole days is an {@link InvalidTerm}.
 */
export const nominalLastDay = (
  event: Day,
  term: Term,
  calendar: Calendar.ProductionCalendar
): Either.Either<Day, Calendar.CalendarOutOfRange | InvalidTerm> => {
  if (!validAmount(term.amount)) return Either.left(invalidTerm(term.amount))
  if (term.unit === "workingDays") {
    // the amount is whole, so the calendar's InvalidDayCount cannot occur; it is mapped for the type's sake
    return Either.mapLeft(Calendar.addWorkingDays(calendar, event, term.amount), (e) =>
      e._tag === "InvalidDayCount" ? invalidTerm(e.count) : e
    )
  }
  const outside = (day: string) =>
    new Calendar.CalendarOutOfRange({
      day,
      covered: `${calendar.firstDay}..${calendar.lastDay}`,
      message: `the production calendar covers ${calendar.firstDay}..${calendar.lastDay}; ${day} is outside it`
    })
  if (!Calendar.covers(calendar, event)) return Either.left(outside(event))
  // a last day past the calendar's (and a Day's) range is out of range, never a thrown RangeError
  if (Period.epochDay(event) + term.amount > Period.epochDay(calendar.lastDay))
    return Either.left(outside(`${event} + ${term.amount} days`))
  return Either.right(Period.addDays(event, term.amount))
}

/**
 * Applies an end-of-term policy to a nominal last day, for a term that began
 * after `event`.
 */
export const applyPolicy = (
  nominal: Day,
  event: Day,
  policy: EndOfTermPolicy,
  calendar: Calendar.ProductionCalendar
): Either.Either<Day, Calendar.CalendarOutOfRange> => {
  if (policy === "none") return Either.right(nominal)
  return Either.flatMap(Calendar.isWorkingDay(calendar, nominal), (isWorking) => {
    if (isWorking) return Either.right(nominal)
    if (policy === "nextWorkingDay") return Calendar.nextWorkingDay(calendar, nominal)
    // no working day after the event and before the nominal day (the calendar's first days, too): the next one
    const prev = Calendar.previousWorkingDay(calendar, nominal)
    return Either.isRight(prev) && prev.right > event ? prev : Calendar.nextWorkingDay(calendar, nominal)
  })
}

/** A deadline and what it rests on. */
export const Deadline = Schema.Struct({
  /** The last day of the term, after the end-of-term policy. */
  day: Period.Day,
  /** The event plus the term, before the policy. */
  nominal: Period.Day,
  /**
   * True when a day the answer rests on lies in a provisional year of the
   * production calendar (no official data: the Labour Code alone): the days
   * from the nominal day to the answer for a calendar-day term, the days
   * counted for a working-day term. Loading the year's official data may
   * move it.
   */
  provisional: Schema.Boolean
}).annotations({ identifier: "Deadline" })
/** @see Deadline */
export type Deadline = typeof Deadline.Type

/**
 * The last day of a term that starts after an event, with its nominal day
 * and whether it rests on a provisional calendar year.
 *
 * @example
 * ```ts
 * import { Calendar, Period, Term } from "cityhall"
 *
 * // 12 June 2027 is a Saturday: by the Labour Code alone (2027 is provisional) 14 June is a day off
 * Term.deadlineOf({ event: Period.unsafeDay("2027-05-15"), term: Term.calendarDays(30), calendar: Calendar.russia() })
 * // Either.right({ day: "2027-06-11", nominal: "2027-06-14", provisional: true })
 * ```
 */
export const deadlineOf = (options: DeadlineOptions): Either.Either<Deadline, DeadlineError> => {
  const { term, calendar } = options
  if (!validAmount(term.amount)) return Either.left(invalidTerm(term.amount))
  const eventDay: Either.Either<Day, DeadlineError> =
    options.event instanceof Date
      ? TimeZone.localDay(options.event, options.timeZone ?? TimeZone.KHABAROVSK)
      : Either.right(options.event)
  return Either.flatMap(eventDay, (event) =>
    Either.flatMap(nominalLastDay(event, term, calendar), (nominal) =>
      term.unit === "workingDays"
        ? Either.right({
            day: nominal,
            nominal,
            provisional: Calendar.provisionalBetween(calendar, Period.addDays(event, 1), nominal)
          })
        : Either.map(applyPolicy(nominal, event, options.policy ?? "previousWorkingDay", calendar), (day) => ({
            day,
            nominal,
            provisional: Calendar.provisionalBetween(calendar, day, nominal)
          }))
    )
  )
}

/**
 * The last day of a term that starts after an event ({@link deadlineOf}'s
 * day; use that to know whether it is provisional).
 *
 * @example
 * ```ts
 * deadline({ event: Period.unsafeDay("2021-03-01"), term: calendarDays(30), calendar }) // Either.right("2021-03-31")
 * ```
 */
export const deadline = (options: DeadlineOptions): Either.Either<Day, DeadlineError> =>
  Either.map(deadlineOf(options), (d) => d.day)
