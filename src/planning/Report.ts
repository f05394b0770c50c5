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
import { Day, Quarter } from "../kernel/Period.js"
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

/** A division's monthly report on its activities of one monthly plan. */
export class MonthlyReport extends Schema.Class<MonthlyReport>("MonthlyReport")({
  id: ReportId,
  division: DivisionId,
  entries: Schema.Array(Entry),
  actuals: Schema.Array(Actual)
}) {}

/** A quarterly report on an Address implementation plan. */
export class QuarterlyReport extends Schema.Class<QuarterlyReport>("QuarterlyReport")({
  id: ReportId,
  quarter: Quarter,
  entries: Schema.Array(Entry)
}) {}
