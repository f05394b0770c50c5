/**
 * The due dates of an answer to a citizen's appeal, as `cityhall appeals
 * due` prints them, from the appeals area's own deadline arithmetic
 * (`Appeals.Deadlines`, the same the decider uses):
 * - 30 calendar days from registration (59-FZ art. 12 p. 1), with the
 *   end-of-term policy for a last day that is not a working day;
 * - an extension of at most 30 days (59-FZ art. 12 p. 2), counted from the
 *   original nominal due date (before the policy moved it), with the same
 *   policy; an extension over 30 days is {@link ExtensionTooLong}.
 *
 * Each due date says whether it rests on a provisional calendar year.
 *
 * @example
 * ```ts no-check
 * dueDates({ registered: Period.unsafeDay("2021-04-08"), policy: "previousWorkingDay", timeZone: TimeZone.KHABAROVSK, calendar: Calendar.russia() })
 * // Either.right({ nominalDue: "2021-05-08", due: "2021-04-30", provisional: false, extension: undefined, ... })
 * ```
 *
 * @module
 */
import { Data, Either } from "effect"
import { Appeals, type Calendar, type Period, type Term, TimeZone } from "../../src/index.js"

/** The answer term, days (the appeals area's default settings: 59-FZ art. 12 p. 1). */
export const TERM_DAYS = Appeals.AppealRecords.defaultSettings.answerTermDays
/** The longest extension, days (the appeals area's default settings: 59-FZ art. 12 p. 2). */
export const MAX_EXTENSION_DAYS = Appeals.AppealRecords.defaultSettings.maxExtensionDays

/** An extension longer than the law allows. 59-FZ art. 12 p. 2 */
export class ExtensionTooLong extends Data.TaggedError("ExtensionTooLong")<{
  readonly days: number
  readonly max: number
  readonly message: string
}> {}

/** Any failure of {@link dueDates}. */
export type DueError =
  | Term.DeadlineError
  | Appeals.AppealError.DeadlineUnavailable
  | Appeals.Deadlines.InvalidSettings
  | ExtensionTooLong

/** Input of {@link dueDates}. */
export interface DueOptions {
  /** The registration: a local day, or an instant converted in `timeZone`. */
  readonly registered: Period.Day | Date
  /** Days of extension (1..30), if the term was extended. */
  readonly extendedDays?: number
  readonly policy: Term.EndOfTermPolicy
  readonly timeZone: TimeZone.TimeZoneName
  /** The production calendar (the shipped one, or with a city's official years loaded). */
  readonly calendar: Calendar.ProductionCalendar
}

/** The due dates of an appeal's answer. */
export interface DueDates {
  /** The local day of registration. */
  readonly registered: Period.Day
  /** Registration + 30 days, before the end-of-term policy. */
  readonly nominalDue: Period.Day
  /** The due date of the answer. */
  readonly due: Period.Day
  /** Whether the due date rests on a provisional calendar year. */
  readonly provisional: boolean
  readonly extension:
    | {
        readonly days: number
        /** The original nominal due date + the extension, before the policy. */
        readonly nominalDue: Period.Day
        /** The extended due date. */
        readonly due: Period.Day
        readonly provisional: boolean
      }
    | undefined
}

/** The due dates of an appeal registered on a day (or at an instant). */
export const dueDates = (options: DueOptions): Either.Either<DueDates, DueError> => {
  const { policy, timeZone, extendedDays, calendar } = options
  if (extendedDays !== undefined && extendedDays > MAX_EXTENSION_DAYS) {
    return Either.left(
      new ExtensionTooLong({
        days: extendedDays,
        max: MAX_EXTENSION_DAYS,
        message: `the term may be extended by no more than ${MAX_EXTENSION_DAYS} days (59-FZ art. 12 p. 2), got ${extendedDays}`
      })
    )
  }
  return Either.gen(function* () {
    const registered =
      options.registered instanceof Date ? yield* TimeZone.localDay(options.registered, timeZone) : options.registered
    const settings = yield* Appeals.Deadlines.makeSettings({
      calendar,
      timeZone,
      policy,
      answerTermDays: TERM_DAYS,
      maxExtensionDays: MAX_EXTENSION_DAYS
    })
    const deadlines = Appeals.Deadlines.make(settings)
    const answer = yield* deadlines.dueOf(registered, TERM_DAYS)
    const base = { registered, nominalDue: answer.nominal, due: answer.day, provisional: answer.provisional }
    if (extendedDays === undefined) return { ...base, extension: undefined }
    const extended = yield* deadlines.dueOf(registered, TERM_DAYS + extendedDays)
    return {
      ...base,
      extension: {
        days: extendedDays,
        nominalDue: extended.nominal,
        due: extended.day,
        provisional: extended.provisional
      }
    }
  })
}
