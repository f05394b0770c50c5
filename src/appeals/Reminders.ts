/**
 * Reminders of approaching deadlines: a {@link DeadlineApproaching} event
 * once per appeal, due date and threshold, appended to the appeal's
 * reminder stream (category `appeal_reminder`, one stream per appeal) and so
 * carried by the outbox to the bus (`cityhall.appeal_reminder.DeadlineApproaching`),
 * where a consumer can send the e-mail.
 *
 * A threshold is a number of working days before the due date: threshold
 * `k` is reached on the `k`-th working day before the due date and stays
 * reached until the due date ({@link reached}). A run on a day answers the
 * smallest threshold reached; the reminder stream's decider emits it unless
 * a reminder for the same due date at that threshold or a smaller one was
 * already sent — so a second run emits nothing, a run that comes late (the
 * 1-day threshold reached before anyone asked for the 3-day one) sends the
 * most urgent reminder only, and an extension, which moves the due date,
 * arms every threshold again for the new date.
 *
 * The due dates reminded of are what open appeals have due, as the
 * appeals' due read model holds it (`AppealRecords.Due`), each with its
 * {@link DueKind}: the answer's due date in force (59-FZ art. 12 p. 1,
 * p. 2), and, for an appeal not yet accepted for consideration, the
 * forwarding-or-notice term (`AppealState.noticeDue`: 7 days from
 * registration, 59-FZ art. 8 p. 3, art. 11 p. 2, p. 4, p. 4.1, p. 5.1) —
 * until it is assigned to a division, the administration owes either the
 * acceptance or a forwarding or a notice within that term. The answer's
 * and the notice's reminders are counted apart: a notice reminded of at 1
 * day does not silence the answer's 3-day reminder.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Appeals, Calendar, Period } from "cityhall"
 *
 * const cal = Calendar.russia()
 * // 2021-03-31 (Wednesday) is due: the 3-day threshold is reached on Friday 2021-03-26
 * Either.getOrThrow(Appeals.Reminders.reached(cal, Period.unsafeDay("2021-03-26"), Period.unsafeDay("2021-03-31"), [3, 1])) // 3
 * Either.getOrThrow(Appeals.Reminders.reached(cal, Period.unsafeDay("2021-03-30"), Period.unsafeDay("2021-03-31"), [3, 1])) // 1
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import * as Calendar from "../kernel/Calendar.js"
import type * as Decider from "../kernel/Decider.js"
import { ActorId, AppealId, DivisionId, OfficialId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import { RegistrationNumber } from "./Appeal.js"
import * as State from "./AppealState.js"

/** The stream category of the reminders (one stream per appeal, its id the appeal's). */
export const category = "appeal_reminder"

/** A threshold: working days before the due date, 0 (the due date itself) to 30. */
export const Threshold = Schema.Int.pipe(Schema.between(0, 30), Schema.annotations({ identifier: "Threshold" }))
/** @see Threshold */
export type Threshold = typeof Threshold.Type

/** The default thresholds: 3 and 1 working days before the due date. */
export const DEFAULT_THRESHOLDS: ReadonlyArray<number> = [3, 1]

/**
 * What is due: the answer (its due date in force, with extensions), or the
 * notice of an appeal not yet accepted for consideration (`AppealState.DueKind`).
 */
export const DueKind = State.DueKind
/** @see DueKind */
export type DueKind = State.DueKind

const fields = {
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  dueKind: DueKind,
  /** The due date reminded of. */
  due: Day,
  /** The threshold reached: working days before `due`. */
  threshold: Threshold,
  /** The local day of the reminder. */
  on: Day,
  /** The division the appeal is assigned to, when assigned. */
  division: Schema.optionalWith(DivisionId, { exact: true }),
  /** The executor, when named. */
  executor: Schema.optionalWith(OfficialId, { exact: true }),
  at: Instant,
  actor: ActorId
}

/** Remind of an appeal's due date at a threshold (the application sends it when {@link reached} answers one). */
export class RemindDeadline extends Schema.TaggedClass<RemindDeadline>()("RemindDeadline", fields) {}

/** An appeal's due date is near: `threshold` working days or fewer remain. */
export class DeadlineApproaching extends Schema.TaggedClass<DeadlineApproaching>()("DeadlineApproaching", fields) {}

/** A reminder sent: its due date and threshold. */
export const Sent = Schema.Struct({ dueKind: DueKind, due: Day, threshold: Threshold })
/** @see Sent */
export type Sent = typeof Sent.Type

/** The reminders sent for one appeal, in order. */
export class RemindersSent extends Schema.TaggedClass<RemindersSent>()("RemindersSent", {
  sent: Schema.Array(Sent)
}) {}

/** Whether a reminder of the command's due date at its threshold, or a smaller one, was already sent. */
export const alreadySent = (
  s: RemindersSent,
  c: { readonly dueKind: DueKind; readonly due: Day; readonly threshold: number }
) => s.sent.some((x) => x.dueKind === c.dueKind && x.due === c.due && x.threshold <= c.threshold)

/** The reminders' decider: a reminder once per due date and threshold; never a larger threshold after a smaller one. */
export const decider: Decider.Decider<RemindDeadline, DeadlineApproaching, RemindersSent, never> = {
  initialState: new RemindersSent({ sent: [] }, true),
  decide: (c, s) => {
    if (alreadySent(s, c)) return Either.right([])
    const { _tag: _t, ...rest } = c
    return Either.right([new DeadlineApproaching(rest, true)])
  },
  evolve: (s, e) =>
    new RemindersSent({ sent: [...s.sent, { dueKind: e.dueKind, due: e.due, threshold: e.threshold }] }, true)
}

/** The reminders as an aggregate for the command handler. */
export const definition = Aggregate.make({
  category,
  decider,
  eventSchema: DeadlineApproaching,
  commandSchema: RemindDeadline,
  eventType: (e: DeadlineApproaching) => e._tag
})

/**
 * The smallest threshold reached on `today` for a due date (undefined when
 * none): threshold `k` is reached from the `k`-th working day before `due`
 * to `due` itself. A day outside the calendar's range is its error.
 */
export const reached = (
  cal: Calendar.ProductionCalendar,
  today: Day,
  due: Day,
  thresholds: ReadonlyArray<number>
): Either.Either<number | undefined, Calendar.CalendarOutOfRange | Calendar.InvalidDayCount> =>
  Either.gen(function* () {
    if (today > due) return undefined
    let smallest: number | undefined
    for (const k of thresholds) {
      const from = yield* Calendar.addWorkingDays(cal, due, -k)
      if (from <= today && (smallest === undefined || k < smallest)) smallest = k
    }
    return smallest
  })

/**
 * The last due date a threshold of at most `max` working days can be reached
 * for on `today`: the `max`-th working day after it (a due date after it has
 * more than `max` working days before it from tomorrow on).
 */
export const horizon = (
  cal: Calendar.ProductionCalendar,
  today: Day,
  max: number
): Either.Either<Day, Calendar.CalendarOutOfRange | Calendar.InvalidDayCount> =>
  Calendar.addWorkingDays(cal, today, Math.max(0, max))
