/**
 * The adapter between Duma support and planning: each follow-up
 * instruction of a decision becomes exactly one planning `Activity` in the
 * monthly plan of its due month, with origin `DumaDecision`, scheduled by
 * planning's `ScheduleActivity` command.
 *
 * @example
 * ```ts
 * import { Duma, Ids } from "cityhall"
 *
 * declare const state: Duma.Session.State
 * declare const meta: { plan: Ids.PlanId; at: Date; actor: Ids.ActorId }
 * const commands = Duma.Session.followUps(state).map((f) => Duma.Planning.toScheduleActivity(f, meta))
 * ```
 *
 * @module
 */
import type { ActorId, PlanId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Activity } from "../planning/Node.js"
import { ScheduleActivity } from "../planning/Plan.js"
import type { FollowUp } from "./Session.js"

const MAX_TITLE = 500

/** The one planned activity that executes a follow-up instruction: due month, deadline = due day, origin `DumaDecision`. */
export const activityOf = (f: FollowUp): Activity => {
  const title = `${f.instruction.task} (решение Думы № ${f.decision.number} от ${f.decision.date})`
  return new Activity({
    id: f.instruction.activity,
    title: title.length <= MAX_TITLE ? title : f.instruction.task,
    division: f.instruction.division,
    month: Period.monthOf(f.instruction.due),
    deadline: f.instruction.due,
    link: f.instruction.link,
    origin: { _tag: "DumaDecision", decision: f.decision.document, session: f.session }
  })
}

/** Planning's command that schedules the activity of a follow-up instruction in a monthly plan. */
export const toScheduleActivity = (
  f: FollowUp,
  meta: { readonly plan: PlanId; readonly at: Date; readonly actor: ActorId }
): ScheduleActivity =>
  new ScheduleActivity({ plan: meta.plan, at: meta.at, actor: meta.actor, activity: activityOf(f) })
