/**
 * Control of execution: the control department's view of activities on a
 * given day. Every function takes the day as an argument.
 *
 * An activity's controlling deputy mayor is derived from the duty
 * distribution on its (effective) deadline day, never stored. The effective
 * deadline is the planned one, or the new deadline of the latest report that
 * moved it — also once a later report says it is done, so an activity moved
 * and then done by its new deadline is not done late.
 *
 * @example
 * ```ts
 * import { Planning, Period } from "cityhall"
 *
 * declare const items: ReadonlyArray<Planning.Control.Controlled>
 * declare const duty: import("cityhall").Organisation.DutyDistribution
 * const view = Planning.Control.view(items, duty, Period.unsafeDay("2021-06-15"))
 * view.overdue // activities not done whose deadline has passed
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import { ActivityId, DivisionId, OfficialId } from "../kernel/Ids.js"
import * as Org from "../kernel/Organisation.js"
import * as P from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import type * as N from "./Node.js"
import * as Plan from "./Plan.js"
import type { Execution } from "./Report.js"

/** An activity (or Address measure) with its latest reported execution. */
export interface Controlled {
  readonly activity: N.Activity | N.Measure
  readonly execution: Execution | undefined
  /**
   * The deadline in force when an earlier report moved it and the latest
   * execution no longer says so (moved, then done): see {@link Plan.deadlineOf}.
   */
  readonly deadline?: P.Day
}

/** The deadline in force: the latest move's new deadline, or the planned one. */
export const effectiveDeadline = (item: Controlled): P.Day =>
  item.execution?._tag === "Moved" ? item.execution.newDeadline : (item.deadline ?? item.activity.deadline)

/** Whether the activity is reported done. */
export const isDone = (item: Controlled): boolean => item.execution?._tag === "Done"

/** The controlling official of an activity: the controller of its division on its effective deadline. */
export const controllerOf = (
  duty: Org.DutyDistribution,
  item: Controlled
): Either.Either<OfficialId, Org.NoController> =>
  Org.controllerOf(duty, item.activity.division, effectiveDeadline(item))

/** Not done, and the effective deadline is before `day`. */
export const isOverdue = (item: Controlled, day: P.Day): boolean => !isDone(item) && effectiveDeadline(item) < day

/** Not done, and the effective deadline falls in the month of `day`. */
export const isDueThisMonth = (item: Controlled, day: P.Day): boolean =>
  !isDone(item) && P.monthOf(effectiveDeadline(item)) === P.monthOf(day)

/** Done after the effective deadline. */
export const isDoneLate = (item: Controlled): boolean =>
  item.execution?._tag === "Done" && item.execution.completedOn > effectiveDeadline(item)

/** One row of the control view. */
export class ControlRow extends Schema.Class<ControlRow>("ControlRow")({
  activity: ActivityId,
  division: DivisionId,
  deadline: Day,
  controller: Schema.optionalWith(OfficialId, { exact: true }),
  /** Days past the deadline (on the view's day for overdue rows, on completion for late ones). */
  daysLate: Schema.Int
}) {}

/** The control department's view on a day. */
export class ControlView extends Schema.Class<ControlView>("ControlView")({
  day: Day,
  overdue: Schema.Array(ControlRow),
  dueThisMonth: Schema.Array(ControlRow),
  doneLate: Schema.Array(ControlRow)
}) {}

const row = (duty: Org.DutyDistribution, item: Controlled, daysLate: number): ControlRow => {
  const c = controllerOf(duty, item)
  const deadline = effectiveDeadline(item)
  return new ControlRow({
    activity: item.activity.id,
    division: item.activity.division,
    deadline,
    ...(Either.isRight(c) ? { controller: c.right } : {}),
    daysLate
  })
}

/**
 * The control view on a day: overdue activities, activities due in the
 * day's month, and activities done late, each with its derived controller.
 * An item may be both overdue and due this month (its deadline passed
 * earlier in the month).
 */
export const view = (items: Iterable<Controlled>, duty: Org.DutyDistribution, day: P.Day): ControlView => {
  const overdue: Array<ControlRow> = [],
    dueThisMonth: Array<ControlRow> = [],
    doneLate: Array<ControlRow> = []
  for (const item of items) {
    const d = effectiveDeadline(item)
    if (isOverdue(item, day)) overdue.push(row(duty, item, P.daysBetween(d, day)))
    if (isDueThisMonth(item, day)) dueThisMonth.push(row(duty, item, Math.max(0, P.daysBetween(d, day))))
    if (isDoneLate(item) && item.execution?._tag === "Done")
      doneLate.push(row(duty, item, P.daysBetween(d, item.execution.completedOn)))
  }
  return new ControlView({ day, overdue, dueThisMonth, doneLate })
}

/** The activities in force of some plan streams with their latest executions. */
export const itemsOf = (states: Iterable<Plan.State>): ReadonlyArray<Controlled> => {
  const out: Array<Controlled> = []
  for (const s of states) {
    if (s._tag !== "Opened") continue
    const moved = Plan.movedDeadlines(s)
    for (const a of Plan.activitiesInForce(s)) {
      const deadline = moved.get(a.id)
      out.push({ activity: a, execution: s.executions[a.id], ...(deadline === undefined ? {} : { deadline }) })
    }
  }
  return out
}
