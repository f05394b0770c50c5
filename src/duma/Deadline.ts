/**
 * The deadline for submitting a draft decision to a session of the City
 * Duma: a {@link Term.Term} counted back from the session day with the
 * production calendar.
 *
 * - `N` calendar days: the day `N` days before the session; when it is not
 *   a working day, the last working day before it (policy
 *   `previousWorkingDay`, the default), or the day as it falls (`none`);
 * - `N` working days: the `N`-th working day before the session, so that
 *   exactly `N` working days lie from the deadline (included) to the session
 *   (excluded).
 *
 * Either way the deadline is strictly before the session, and at least the
 * term lies between them.
 *
 * @example
 * ```ts
 * import { Calendar, Duma, Period, Term } from "cityhall"
 *
 * Duma.Deadline.submissionDeadline({ session: Period.unsafeDay("2021-03-30"), term: Term.calendarDays(20), calendar: Calendar.russia() })
 * // Either.right("2021-03-10")
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import * as Calendar from "../kernel/Calendar.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import * as Term from "../kernel/Term.js"

/** What to do when a counted-back calendar deadline is not a working day. */
export const BackwardPolicy = Schema.Literal("previousWorkingDay", "none")
/** @see BackwardPolicy */
export type BackwardPolicy = typeof BackwardPolicy.Type

/** Input of {@link submissionDeadline}. */
export interface SubmissionDeadlineOptions {
  /** The day of the session. */
  readonly session: Day
  readonly term: Term.Term
  readonly calendar: Calendar.ProductionCalendar
  /** For calendar-day terms; default `previousWorkingDay`. */
  readonly policy?: BackwardPolicy
}

/** Any failure of {@link submissionDeadline}. */
export type SubmissionDeadlineError = Calendar.CalendarOutOfRange | Calendar.InvalidDayCount | Term.InvalidTerm

/** The last day to submit a draft decision for a session. */
export const submissionDeadline = (options: SubmissionDeadlineOptions): Either.Either<Day, SubmissionDeadlineError> => {
  const { session, term, calendar } = options
  const checked = Term.makeTerm(term.amount, term.unit)
  if (Either.isLeft(checked)) return Either.left(checked.left)
  if (term.unit === "workingDays") return Calendar.addWorkingDays(calendar, session, -term.amount)
  const nominalFirst = Period.epochDay(session) - term.amount
  if (nominalFirst < Period.epochDay(calendar.firstDay)) {
    return Either.left(
      new Calendar.CalendarOutOfRange({
        day: session,
        covered: `${calendar.firstDay}..${calendar.lastDay}`,
        message: `${term.amount} days before ${session} lies before the production calendar (${calendar.firstDay}..${calendar.lastDay})`
      })
    )
  }
  const nominal = Period.addDays(session, -term.amount)
  if ((options.policy ?? "previousWorkingDay") === "none") return Either.right(nominal)
  return Either.flatMap(Calendar.isWorkingDay(calendar, nominal), (working) =>
    working ? Either.right(nominal) : Calendar.previousWorkingDay(calendar, nominal)
  )
}
