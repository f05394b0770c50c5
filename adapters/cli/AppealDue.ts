/**
 * The due dates of an answer to a citizen's appeal, as `cityhall appeals
 * due` prints them. This is the ONE place the CLI computes them: when the
 * appeals area (`src/appeals`) ships its own deadline function, `dueDates`
 * delegates to it and nothing else in the CLI changes.
 *
 * For now it counts with the kernel's `Term`:
 * - 30 calendar days from registration (59-FZ art. 12 p. 1), with the
 *   end-of-term policy for a last day that is not a working day;
 * - an extension of at most 30 days (59-FZ art. 12 p. 2), counted from the
 *   original nominal due date (before the policy moved it), with the same
 *   policy; an extension over 30 days is {@link ExtensionTooLong}.
 *
 * @example
 * ```ts
 * dueDates({ registered: Period.unsafeDay("2021-04-08"), policy: "previousWorkingDay", timeZone: TimeZone.KHABAROVSK, presidentialNonWorkingDays: true })
 * // Either.right({ nominalDue: "2021-05-08", due: "2021-04-30", extension: undefined, ... })
 * ```
 *
 * @module
 */
import { Data, Either } from "effect"
import { Calendar, type Period, Term, TimeZone } from "../../src/kernel/index.js"

/** 59-FZ art. 12 p. 1: a written appeal is answered within 30 days of its registration. */
export const TERM_DAYS = 30
/** 59-FZ art. 12 p. 2: the term may be extended by no more than 30 days. */
export const MAX_EXTENSION_DAYS = 30

/** An extension longer than the law allows. 59-FZ art. 12 p. 2 */
export class ExtensionTooLong extends Data.TaggedError("ExtensionTooLong")<{
  readonly days: number
  readonly max: number
  readonly message: string
}> {}

/** Any failure of {@link dueDates}. */
export type DueError = Term.DeadlineError | ExtensionTooLong

/** Input of {@link dueDates}. */
export interface DueOptions {
  /** The registration: a local day, or an instant converted in `timeZone`. */
  readonly registered: Period.Day | Date
  /** Days of extension (1..30), if the term was extended. */
  readonly extendedDays?: number
  readonly policy: Term.EndOfTermPolicy
  readonly timeZone: TimeZone.TimeZoneName
  /** Count the presidential non-working days of 2020 and 2021 (the decree layer). */
  readonly presidentialNonWorkingDays: boolean
}

/** The due dates of an appeal's answer. */
export interface DueDates {
  /** The local day of registration. */
  readonly registered: Period.Day
  /** Registration + 30 days, before the end-of-term policy. */
  readonly nominalDue: Period.Day
  /** The due date of the answer. */
  readonly due: Period.Day
  readonly extension:
    | {
        readonly days: number
        /** The original nominal due date + the extension, before the policy. */
        readonly nominalDue: Period.Day
        /** The extended due date. */
        readonly due: Period.Day
      }
    | undefined
}

/** The due dates of an appeal registered on a day (or at an instant). */
export const dueDates = (options: DueOptions): Either.Either<DueDates, DueError> => {
  const calendar = Calendar.russia({ presidentialNonWorkingDays: options.presidentialNonWorkingDays })
  const { policy, timeZone, extendedDays } = options
  if (extendedDays !== undefined && extendedDays > MAX_EXTENSION_DAYS) {
    return Either.left(
      new ExtensionTooLong({
        days: extendedDays,
        max: MAX_EXTENSION_DAYS,
        message: `the term may be extended by no more than ${MAX_EXTENSION_DAYS} days (59-FZ art. 12 p. 2), got ${extendedDays}`
      })
    )
  }
  const registeredDay: Either.Either<Period.Day, DueError> =
    options.registered instanceof Date
      ? TimeZone.localDay(options.registered, timeZone)
      : Either.right(options.registered)
  return Either.gen(function* () {
    const registered = yield* registeredDay
    const term = Term.calendarDays(TERM_DAYS)
    const nominalDue = yield* Term.nominalLastDay(registered, term, calendar)
    const due = yield* Term.deadline({ event: registered, term, calendar, policy, timeZone })
    if (extendedDays === undefined) return { registered, nominalDue, due, extension: undefined }
    const more = Term.calendarDays(extendedDays)
    const extension = {
      days: extendedDays,
      nominalDue: yield* Term.nominalLastDay(nominalDue, more, calendar),
      due: yield* Term.deadline({ event: nominalDue, term: more, calendar, policy, timeZone })
    }
    return { registered, nominalDue, due, extension }
  })
}
