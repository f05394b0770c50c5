import { Either, Option } from "effect"
import { Ids, Meetings, Period, Planning } from "../../src/index.js"
import type { MeetingsModel } from "../../src/testing/index.js"

export const horizon = Period.unsafeHorizon("2019..2030")
export const goal = Ids.GoalId.make("goal-comfortable-city")
export const goalNode = new Planning.Node.Goal({
  id: goal,
  direction: Ids.DirectionId.make("dir-urban-environment"),
  title: "Комфортная городская среда"
})
/** The upper plans as the monthly plans see them: the strategic goal every activity here links to. */
export const upper = Planning.Hierarchy.context(horizon, [goalNode])
export const planDecider = Planning.Plan.decider(upper)
export const link = { _tag: "Goal" as const, id: goal }
const actor = Ids.ActorId.make("planner-1")

export const monthlyPlanId = (month: Period.Month) => Ids.PlanId.make(`monthly-${month}`)

/** Runs a plan command on a stream map (creating the monthly plan first when needed); throws naming a rejection. */
export const runPlan = (
  plans: Map<string, { state: Planning.Plan.State; events: Array<Planning.Plan.Event> }>,
  command: Planning.Plan.Command,
  month?: Period.Month
) => {
  let stream = plans.get(command.plan)
  if (stream === undefined) {
    stream = { state: Planning.Plan.initialState, events: [] }
    plans.set(command.plan, stream)
    if (month !== undefined)
      runPlan(
        plans,
        new Planning.Plan.CreatePlan({
          plan: command.plan,
          at: command.at,
          actor,
          kind: "monthly",
          period: month,
          title: `Ежемесячный план на ${month}`
        })
      )
  }
  const r = planDecider.decide(command, stream.state)
  if (Either.isLeft(r)) throw new Error(`the planning area rejected ${command._tag}: ${r.left._tag} ${r.left.message}`)
  for (const e of r.right) {
    stream.state = planDecider.evolve(stream.state, e)
    stream.events.push(e)
  }
  return r.right
}

/**
 * A loop driver that schedules instructions through `Meetings.Loop` and the
 * real planning decider (one monthly plan per month), and links them back
 * through `Loop.linkInstructionActivity`.
 */
export const planningLoop = (base: MeetingsModel.LoopDriver) => {
  const plans = new Map<string, { state: Planning.Plan.State; events: Array<Planning.Plan.Event> }>()
  const driver: MeetingsModel.LoopDriver = {
    ...base,
    instruction: (e, s) => {
      const month = Period.monthOf(e.deadline)
      const command = Meetings.Loop.scheduleInstruction(e, {
        plan: monthlyPlanId(month),
        activity: Ids.ActivityId.make(`activity-${++s.sequence}`),
        link,
        actor,
        at: s.now
      })
      const events = runPlan(plans, command, month)
      const scheduled = events.find((x): x is Planning.Plan.ActivityScheduled => x._tag === "ActivityScheduled")
      if (scheduled === undefined) throw new Error("no ActivityScheduled")
      const back = Option.getOrThrow(Meetings.Loop.linkInstructionActivity(scheduled))
      if (back.meeting !== e.meeting || back.question !== e.question)
        throw new Error("the activity's origin is not the instruction's meeting and question")
      return { plan: back.plan, activity: back.activity }
    },
    activities: () =>
      [...plans.values()].flatMap(({ state }) =>
        state._tag === "Opened"
          ? Meetings.Loop.plannedActivities(state).map((a) => ({
              plan: state.id,
              activity: a.id,
              origin: a.origin,
              division: a.division,
              planKind: state.kind
            }))
          : []
      )
  }
  return { driver, plans }
}
