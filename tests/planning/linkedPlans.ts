/**
 * The worked example of links between plans: the strategy to 2030 (direction
 * d-1, goals g-1 and g-2, program p-1 of g-1 over 2021..2025), the annual
 * plan 2021 (item i-1 of p-1 over the year, item i-2 of g-2 over the second
 * quarter), the March plan (activity a-1 under i-1, its origin goal g-1)
 * and the April plan (activity a-2 under i-2). Shared by the decider-level
 * and the store-level tests.
 */
import {
  ActivityId,
  DirectionId,
  DivisionId,
  GoalId,
  InstructionId,
  PlanId,
  PlanItemId,
  ProgramId
} from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

export const horizon = P.unsafeHorizon("2021..2030")
export const economy = DivisionId.make("economy")
export const ids = {
  strategic: PlanId.make("strategy-2030"),
  annual: PlanId.make("annual-2021"),
  march: PlanId.make("monthly-2021-03"),
  april: PlanId.make("monthly-2021-04")
}
export const meta = (plan: PlanId) => ({ plan, at: PA.AT, actor: PA.ACTOR })
export const d1 = new N.Direction({ id: DirectionId.make("d-1"), title: "Городская среда" })
export const g1 = new N.Goal({ id: GoalId.make("g-1"), direction: d1.id, title: "Благоустроенные дворы" })
export const g2 = new N.Goal({ id: GoalId.make("g-2"), direction: d1.id, title: "Безопасные дороги" })
export const p1 = new N.Program({
  id: ProgramId.make("p-1"),
  title: "Формирование комфортной городской среды",
  goal: g1.id,
  alsoServes: [],
  division: economy,
  from: P.unsafeYear(2021),
  to: P.unsafeYear(2025),
  budget: [],
  finalResults: []
})
export const i1 = new N.PlanItem({
  id: PlanItemId.make("i-1"),
  title: "Ремонт дворов",
  division: economy,
  period: P.unsafeYear(2021),
  link: { _tag: "Program", id: p1.id }
})
export const i2 = new N.PlanItem({
  id: PlanItemId.make("i-2"),
  title: "Ремонт дорог",
  division: economy,
  period: P.unsafeQuarter("2021-Q2"),
  link: { _tag: "Goal", id: g2.id }
})
export const a1 = new N.Activity({
  id: ActivityId.make("a-1"),
  title: "Ремонт двора на ул. Ленина, 5",
  division: economy,
  month: P.unsafeMonth("2021-03"),
  deadline: P.unsafeDay("2021-03-25"),
  link: { _tag: "PlanItem", id: i1.id },
  origin: { _tag: "StrategicGoal", goal: g1.id }
})
export const a2 = new N.Activity({
  id: ActivityId.make("a-2"),
  title: "Ямочный ремонт",
  division: economy,
  month: P.unsafeMonth("2021-04"),
  deadline: P.unsafeDay("2021-04-20"),
  link: { _tag: "PlanItem", id: i2.id },
  origin: { _tag: "Instruction", instruction: InstructionId.make("ins-1") }
})
export const act = (n: string, day: string) => new Plan.Act({ number: n, date: P.unsafeDay(day) })

export const strategicCommands: ReadonlyArray<Plan.Command> = [
  new Plan.CreatePlan({ ...meta(ids.strategic), kind: "strategic", period: horizon, title: "Стратегия до 2030 года" }),
  ...[d1, g1, g2, p1].map((node) => new Plan.AddNode({ ...meta(ids.strategic), node })),
  new Plan.ApprovePlan({ ...meta(ids.strategic), act: act("1-р", "2020-12-20") })
]
export const annualCommands: ReadonlyArray<Plan.Command> = [
  new Plan.CreatePlan({
    ...meta(ids.annual),
    kind: "annual",
    period: P.unsafeYear(2021),
    title: "План основных мероприятий на 2021 год"
  }),
  ...[i1, i2].map((node) => new Plan.AddNode({ ...meta(ids.annual), node })),
  new Plan.ApprovePlan({ ...meta(ids.annual), act: act("20-р", "2020-12-28") })
]
export const marchCommands: ReadonlyArray<Plan.Command> = [
  new Plan.CreatePlan({
    ...meta(ids.march),
    kind: "monthly",
    period: P.unsafeMonth("2021-03"),
    title: "План на март 2021 года"
  }),
  new Plan.AddNode({ ...meta(ids.march), node: a1 }),
  new Plan.ApprovePlan({ ...meta(ids.march), act: act("112-р", "2021-02-26") })
]
export const aprilCommands: ReadonlyArray<Plan.Command> = [
  new Plan.CreatePlan({
    ...meta(ids.april),
    kind: "monthly",
    period: P.unsafeMonth("2021-04"),
    title: "План на апрель 2021 года"
  }),
  new Plan.AddNode({ ...meta(ids.april), node: a2 }),
  new Plan.ApprovePlan({ ...meta(ids.april), act: act("140-р", "2021-03-29") })
]
/** Opens an amendment of the annual plan. */
export const amendAnnual = new Plan.StartAmendment({ ...meta(ids.annual), reason: "Перераспределение средств" })
