import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import * as DumaPlanning from "../../src/duma/Planning.js"
import * as S from "../../src/duma/Session.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import * as Decider from "../../src/kernel/Decider.js"
import type {
  ActivityId,
  ActorId,
  DirectionId,
  DivisionId,
  DocumentId,
  GoalId,
  InstructionId,
  PlanId,
  SessionId
} from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Term from "../../src/kernel/Term.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"

const at = new Date("2021-03-30T02:00:00Z")
const actor = "duma-office-1" as ActorId
const session = "duma-2021-03" as SessionId
const goal = "g-roads" as GoalId

describe("Duma instructions become planned activities in planning's monthly plan", () => {
  it("each instruction of an adopted decision is scheduled as exactly one activity with origin DumaDecision", () => {
    const instruction = (id: string, activity: string, due: string) =>
      new S.Instruction({
        id: id as InstructionId,
        division: "city-economy" as DivisionId,
        task: "Разработать график ремонта дорог",
        due: Period.unsafeDay(due),
        activity: activity as ActivityId,
        link: { _tag: "Goal", id: goal }
      })
    const duma = Either.getOrThrow(
      Decider.run(S.decider({ calendar: Calendar.russia() }), [
        new S.ScheduleDumaSession({ session, at, actor, date: Period.unsafeDay("2021-03-30"), agenda: [] }),
        new S.AssignDraft({
          session,
          at,
          actor,
          draft: "draft-roads" as DocumentId,
          title: "О ремонте дорог",
          division: "city-economy" as DivisionId,
          term: Term.calendarDays(10),
          assignedOn: Period.unsafeDay("2021-03-01")
        }),
        new S.SubmitDraft({
          session,
          at,
          actor,
          draft: "draft-roads" as DocumentId,
          on: Period.unsafeDay("2021-03-15")
        }),
        new S.AdoptDecision({
          session,
          at,
          actor,
          draft: "draft-roads" as DocumentId,
          number: "245",
          instructions: [instruction("ins-1", "act-1", "2021-04-15"), instruction("ins-2", "act-2", "2021-04-30")]
        })
      ])
    )
    const follow = S.followUps(duma.state)
    expect(follow).toHaveLength(2)

    const upper = H.context(Period.unsafeHorizon("2021..2030"), [
      new N.Direction({ id: "d-city" as DirectionId, title: "Городская среда" }),
      new N.Goal({ id: goal, direction: "d-city" as DirectionId, title: "Качественные дороги" })
    ])
    const plan = "monthly-2021-04" as PlanId
    const planned = Either.getOrThrow(
      Decider.run(Plan.decider(upper), [
        new Plan.CreatePlan({
          plan,
          at,
          actor,
          kind: "monthly",
          period: Period.unsafeMonth("2021-04"),
          title: "План на апрель 2021"
        }),
        ...follow.map((f) => DumaPlanning.toScheduleActivity(f, { plan, at, actor }))
      ])
    )
    const activities = planned.state._tag === "Opened" ? planned.state.nodes.filter((n) => n._tag === "Activity") : []
    expect(activities.map((a) => [a.id, a.deadline, a.origin])).toEqual([
      ["act-1", "2021-04-15", { _tag: "DumaDecision", decision: "draft-roads", session }],
      ["act-2", "2021-04-30", { _tag: "DumaDecision", decision: "draft-roads", session }]
    ])
    // scheduling the same instruction again is refused by planning: one activity per instruction
    const again = Plan.decide(upper)(DumaPlanning.toScheduleActivity(follow[0]!, { plan, at, actor }), planned.state)
    expect(Either.isLeft(again) && again.left._tag).toBe("NodeRuleViolation")
  })
})
