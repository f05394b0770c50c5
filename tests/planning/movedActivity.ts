/**
 * The worked example of a moved activity, shared by planning's and the
 * annual report's tests: activity a-17 of city-economy in the March 2021
 * monthly plan (deadline 25 March), approved by act 112-р; `report` builds
 * the division's March report (month undefined) or a follow-up (a later month).
 */
import { Either } from "effect"
import { Decider } from "../../src/kernel/index.js"
import { ActivityId, DivisionId, GoalId, InstructionId, PlanId, ReportId } from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

export const division = DivisionId.make("city-economy")
export const march = P.unsafeMonth("2021-03")
export const april = P.unsafeMonth("2021-04")
/** The common fields of the plan's commands. */
export const m = { plan: PlanId.make("monthly-2021-03"), at: PA.AT, actor: PA.ACTOR }
export const activity = new N.Activity({
  id: ActivityId.make("a-17"),
  title: "Ремонт дворовых территорий",
  division,
  month: march,
  deadline: P.unsafeDay("2021-03-25"),
  link: { _tag: "Goal", id: GoalId.make("g-2") },
  origin: { _tag: "Instruction", instruction: InstructionId.make("ins-4") }
})
export const decider = Plan.decider(
  H.context(P.unsafeHorizon("2021..2030"), [
    new N.Direction({ id: N.Direction.fields.id.make("d-1"), title: "Комфортная городская среда" }),
    new N.Goal({ id: GoalId.make("g-2"), direction: N.Direction.fields.id.make("d-1"), title: "Благоустроенные дворы" })
  ])
)
/** The approved March plan with the one activity. */
export const approved = Either.getOrThrow(
  Decider.run(decider, [
    new Plan.CreatePlan({ ...m, kind: "monthly", period: march, title: "План работы на март 2021 года" }),
    new Plan.AddNode({ ...m, node: activity }),
    new Plan.ApprovePlan({ ...m, act: new Plan.Act({ number: "112-р", date: P.unsafeDay("2021-02-26") }) })
  ])
).state
/** The division's report with one entry for the activity: the March report (`month` undefined) or a follow-up. */
export const report = (month: P.Month | undefined, execution: R.Execution) =>
  new Plan.SubmitMonthlyReport({
    ...m,
    report: new R.MonthlyReport({
      id: ReportId.make(`r-${month ?? march}`),
      division,
      ...(month === undefined ? {} : { month }),
      entries: [new R.Entry({ activity: activity.id, execution })],
      actuals: []
    })
  })
