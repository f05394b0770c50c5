/**
 * The adapter between Duma support and planning: each follow-up
 * instruction of a decision becomes exactly one planned activity in the
 * monthly plan of its due month, with origin `DumaDecision`.
 *
 * @example
 * ```ts
 * import { Duma } from "cityhall"
 *
 * declare const state: Duma.Session.State
 * const activities = Duma.Session.followUps(state).map(Duma.Planning.activityOf)
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { ActivityId, DivisionId, DocumentId, SessionId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import * as Period from "../kernel/Period.js"
import { Day, Month } from "../kernel/Period.js"
import { ActivityLink } from "./Link.js"
import type { FollowUp } from "./Session.js"

/** The origin of an activity that follows up a Duma decision (planning's `DumaDecision` origin). */
export const DumaDecisionOrigin = Schema.TaggedStruct("DumaDecision", {
  decision: DocumentId,
  session: Schema.optionalWith(SessionId, { exact: true })
})

/** A planned activity (planning's `Activity` shape): in the month it is due, with its deadline inside that month. */
export class PlannedActivity extends Schema.TaggedClass<PlannedActivity>()("Activity", {
  id: ActivityId,
  title: Name,
  division: DivisionId,
  month: Month,
  deadline: Day,
  link: ActivityLink,
  origin: DumaDecisionOrigin
}) {}

const MAX_TITLE = 500

/** The one planned activity that executes a follow-up instruction. */
export const activityOf = (f: FollowUp): PlannedActivity => {
  const title = `${f.instruction.task} (решение Думы № ${f.decision.number} от ${f.decision.date})`
  return new PlannedActivity({
    id: f.instruction.activity,
    title: title.length <= MAX_TITLE ? title : f.instruction.task,
    division: f.instruction.division,
    month: Period.monthOf(f.instruction.due),
    deadline: f.instruction.due,
    link: f.instruction.link,
    origin: { _tag: "DumaDecision", decision: f.decision.document, session: f.session }
  })
}
