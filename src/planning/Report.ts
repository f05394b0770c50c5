/**
 * Reports: the monthly reports of structural divisions on the activities of
 * their monthly plans, and the quarterly reports on Address implementation
 * plans. An entry gives one activity's (or measure's) execution: done (with
 * the day), partly done, not done with a reason, or moved with a new
 * deadline; a monthly report also carries indicator actuals.
 *
 * @module
 */
import { Schema } from "effect"
import { ActivityId, DivisionId, ReportId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import { Day, Month, Quarter } from "../kernel/Period.js"
import { Actual } from "./Indicator.js"

/** Done, on a day. */
export class Done extends Schema.TaggedClass<Done>()("Done", { completedOn: Day }) {}
/** Partly done, with what was done. */
export class PartlyDone extends Schema.TaggedClass<PartlyDone>()("PartlyDone", { note: Name }) {}
/** Not done, with the reason. */
export class NotDone extends Schema.TaggedClass<NotDone>()("NotDone", { reason: Name }) {}
/** Moved to a later deadline, with the reason. */
export class Moved extends Schema.TaggedClass<Moved>()("Moved", { newDeadline: Day, reason: Name }) {}

/** The execution of an activity or measure as reported. */
export const Execution = Schema.Union(Done, PartlyDone, NotDone, Moved).annotations({ identifier: "Execution" })
/** @see Execution */
export type Execution = typeof Execution.Type

/** One entry of a report. */
export class Entry extends Schema.Class<Entry>("ReportEntry")({ activity: ActivityId, execution: Execution }) {}

/**
 * A division's monthly report on its activities of one monthly plan.
 *
 * Without `month` it reports on the plan's own month and covers every
 * activity of the division in force in the plan. With a later `month` it is
 * a follow-up on activities a report moved past the plan's month: it covers
 * exactly the division's activities of the plan whose latest execution is
 * `Moved` with a new deadline on or before the end of that month. The
 * division's report for a month is thus its report on that month's plan
 * plus its follow-ups on earlier plans.
 */
export class MonthlyReport extends Schema.Class<MonthlyReport>("MonthlyReport")({
  id: ReportId,
  division: DivisionId,
  /** The month reported on: the plan's month when absent, a later month for a follow-up on moved activities. */
  month: Schema.optionalWith(Month, { exact: true }),
  entries: Schema.Array(Entry),
  actuals: Schema.Array(Actual)
}) {}

/** A quarterly report on an Address implementation plan. */
export class QuarterlyReport extends Schema.Class<QuarterlyReport>("QuarterlyReport")({
  id: ReportId,
  quarter: Quarter,
  entries: Schema.Array(Entry)
}) {}
