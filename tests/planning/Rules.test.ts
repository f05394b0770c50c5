import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Decider } from "../../src/kernel/index.js"
import {
  ActivityId,
  GoalId,
  IndicatorId,
  InstructionId,
  type PlanId,
  PlanItemId,
  ProgramId,
  ReportId
} from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as Errors from "../../src/planning/Errors.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as I from "../../src/planning/Indicator.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import { runs } from "../support/runs.js"

/**
 * Bad input: every rule of planning, broken on purpose over random plan
 * trees, is answered with its typed error naming the node (or plan, or
 * report subject) and the rule — and the command changes nothing.
 */

/** A random valid tree split into plans, with the upper plans' context and the pieces the cases break. */
const scenes = PA.planTree({ maxYears: 3, maxChildren: 2 }).map((t) => {
  const plans = PA.split(t)
  const strategic = plans[0]!
  const upperNodes = plans.filter((p) => p.kind === "strategic" || p.kind === "annual").flatMap((p) => p.nodes)
  // every goal has at least one activity, so there is a monthly plan
  const monthly = plans.find((p) => p.kind === "monthly")!
  const years = P.horizonYears(t.horizon)
  const goal = strategic.nodes.find((n): n is N.Goal => n._tag === "Goal")!
  const direction = strategic.nodes.find((n): n is N.Direction => n._tag === "Direction")!
  const activity = monthly.nodes[0] as N.Activity
  return {
    t,
    strategic,
    monthly,
    goal,
    direction,
    activity,
    upperNodes,
    upper: H.context(t.horizon, upperNodes),
    from: years.from,
    to: years.to,
    nextYear: P.unsafeYear(P.yearNumber(years.to) + 1),
    prevYear: P.unsafeYear(P.yearNumber(years.from) - 1)
  }
})
type Scene = typeof scenes extends fc.Arbitrary<infer A> ? A : never

const meta = (plan: PlanId | string) => ({ plan: plan as PlanId, at: PA.AT, actor: PA.ACTOR })
const stateOf = (d: Plan.PlanDecider, commands: ReadonlyArray<Plan.Command>): Plan.State => {
  const r = Decider.run(d, commands)
  if (Either.isLeft(r)) throw new Error(`setup rejected: ${r.left.message}`)
  return r.right.state
}
const draftOf = (p: PA.PlanSplit, d: Plan.PlanDecider) =>
  stateOf(
    d,
    PA.buildCommands(p).filter((c) => c._tag !== "ApprovePlan")
  )
const approvedOf = (p: PA.PlanSplit, d: Plan.PlanDecider) => stateOf(d, PA.buildCommands(p))
const after = (d: Plan.PlanDecider, s: Plan.State, ...commands: ReadonlyArray<Plan.Command>): Plan.State =>
  commands.reduce((acc, c) => Either.getOrThrow(Decider.handle(d, acc, c)).state, s)

const newProgram = (sc: Scene, patch: Partial<ConstructorParameters<typeof N.Program>[0]> = {}) =>
  new N.Program({
    id: ProgramId.make("p-new"),
    title: "Новая программа",
    goal: sc.goal.id,
    alsoServes: [],
    division: PA.DIVISIONS[0]!,
    from: sc.from,
    to: sc.from,
    budget: [],
    finalResults: [],
    ...patch
  })
const goalIndicator = (sc: Scene, targets: ReadonlyArray<I.NumericTarget>) =>
  new N.IndicatorNode({
    indicator: new I.NumericIndicator({
      id: IndicatorId.make("ind-new"),
      name: "Показатель",
      attachedTo: { _tag: "Goal", id: sc.goal.id },
      unit: "%",
      better: "higher",
      baseline: { value: 10, date: P.addDays(P.firstDay(sc.t.horizon), -1) },
      targets
    })
  })
/** The strategic plan approved with a numeric indicator `ind-new` on a goal. */
const withIndicator = (sc: Scene, d: Plan.PlanDecider) =>
  after(
    d,
    draftOf(sc.strategic, d),
    new Plan.AddNode({ ...meta(sc.strategic.plan), node: goalIndicator(sc, []) }),
    new Plan.ApprovePlan({
      ...meta(sc.strategic.plan),
      act: new Plan.Act({ number: "1", date: P.firstDay(sc.t.horizon) })
    })
  )
const actual = (period: I.IndicatorPeriod, value: I.Value, indicator = "ind-new") =>
  new I.Actual({ indicator: IndicatorId.make(indicator), period, value })

/** The division of the scene's activity, its activities in force on the approved monthly plan, and a report maker. */
const monthlyReporting = (sc: Scene) => {
  const d = Plan.decider(sc.upper)
  const s = approvedOf(sc.monthly, d)
  const division = sc.activity.division
  const own = Plan.activitiesInForce(s).filter((a) => a.division === division)
  const done = own.map((a) => new R.Entry({ activity: a.id, execution: new R.Done({ completedOn: a.deadline }) }))
  const submit = (
    entries: ReadonlyArray<R.Entry>,
    extra: Partial<ConstructorParameters<typeof R.MonthlyReport>[0]> = {}
  ) =>
    new Plan.SubmitMonthlyReport({
      ...meta(sc.monthly.plan),
      report: new R.MonthlyReport({ id: ReportId.make("r-1"), division, entries, actuals: [], ...extra })
    })
  return { d, s, division, own, done, submit }
}

/** An approved Address plan over the horizon's first year with one measure. */
const addressPlan = (sc: Scene) => {
  const d = Plan.decider(sc.upper)
  const m = meta("address-1")
  const measure = new N.Measure({
    id: ActivityId.make("measure-1"),
    title: "Мера",
    division: PA.DIVISIONS[1]!,
    deadline: P.unsafeDay(`${sc.from}-11-30`)
  })
  const s = stateOf(d, [
    new Plan.CreatePlan({ ...m, kind: "address", period: sc.from, title: "План реализации Послания" }),
    new Plan.AddNode({ ...m, node: measure }),
    new Plan.ApprovePlan({ ...m, act: new Plan.Act({ number: "1-р", date: P.firstDay(sc.from) }) })
  ])
  const quarterly = (quarter: P.Quarter, entries: ReadonlyArray<R.Entry>) =>
    new Plan.SubmitQuarterlyReport({
      ...m,
      report: new R.QuarterlyReport({ id: ReportId.make(`q-${quarter}`), quarter, entries })
    })
  const partly = [new R.Entry({ activity: measure.id, execution: new R.PartlyDone({ note: "В работе" }) })]
  return { d, s, quarterly, partly }
}

type Tag = "NodeRuleViolation" | "LifecycleViolation" | "ReportRuleViolation"
interface Case {
  readonly tag: Tag
  readonly rule: string
  readonly name: string
  /** The result of the bad command (or validation) and the fields its error must carry. */
  readonly make: (sc: Scene) => {
    readonly result: Either.Either<unknown, unknown>
    readonly names: Readonly<Record<string, unknown>>
  }
}

/** A command decided on a state: the result, and a check that the state is left as it was. */
const decide = (d: Plan.PlanDecider, s: Plan.State, c: Plan.Command) => {
  const result = Decider.handle(d, s, c)
  return Either.isLeft(result) ? Either.left(result.left) : Either.right(result.right.events)
}

const cases: ReadonlyArray<Case> = [
  // ---- nodes ----------------------------------------------------------------
  {
    tag: "NodeRuleViolation",
    rule: "duplicateId",
    name: "a goal added twice",
    make: (sc) => {
      const d = Plan.decider()
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: sc.goal })),
        names: { node: N.refOf(sc.goal) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "orphan",
    name: "a program that also serves a goal that does not exist",
    make: (sc) => {
      const d = Plan.decider()
      const p = newProgram(sc, { alsoServes: [GoalId.make("no-such-goal")] })
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: p })),
        names: { node: N.refOf(p) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "orphan",
    name: "an activity linked to a plan item that does not exist (Hierarchy.validate)",
    make: (sc) => {
      const a = new N.Activity({ ...sc.activity, link: { _tag: "PlanItem", id: PlanItemId.make("no-such-item") } })
      return {
        result: H.validate(
          new H.PlanTree({ horizon: sc.t.horizon, nodes: sc.t.nodes.map((n) => (n === sc.activity ? a : n)) })
        ),
        names: { node: N.refOf(a) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "periodOutsideParent",
    name: "an activity outside the month of the plan item it implements",
    make: (sc) => {
      const item = new N.PlanItem({
        id: PlanItemId.make("i-new"),
        title: "Пункт",
        division: PA.DIVISIONS[0]!,
        period: P.unsafeMonth(`${sc.from}-01`),
        link: { _tag: "Goal", id: sc.goal.id }
      })
      const d = Plan.decider(H.context(sc.t.horizon, [...sc.upperNodes, item]))
      const feb = P.unsafeMonth(`${sc.from}-02`)
      const a = new N.Activity({
        ...sc.activity,
        id: ActivityId.make("a-new"),
        month: feb,
        deadline: P.lastDay(feb),
        link: { _tag: "PlanItem", id: item.id }
      })
      const s = stateOf(d, [new Plan.CreatePlan({ ...meta("m-new"), kind: "monthly", period: feb, title: "План" })])
      return { result: decide(d, s, new Plan.AddNode({ ...meta("m-new"), node: a })), names: { node: N.refOf(a) } }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "periodOutsideParent",
    name: "a program beyond the horizon (Hierarchy.validate)",
    make: (sc) => {
      const p = newProgram(sc, { from: sc.nextYear, to: sc.nextYear })
      return {
        result: H.validate(new H.PlanTree({ horizon: sc.t.horizon, nodes: [...sc.t.nodes, p] })),
        names: { node: N.refOf(p) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "periodOutsideParent",
    name: "a plan item of a year beyond its goal's horizon (Hierarchy.validate)",
    make: (sc) => {
      const item = new N.PlanItem({
        id: PlanItemId.make("i-new"),
        title: "Пункт",
        division: PA.DIVISIONS[0]!,
        period: sc.nextYear,
        link: { _tag: "Goal", id: sc.goal.id }
      })
      return {
        result: H.validate(new H.PlanTree({ horizon: sc.t.horizon, nodes: [...sc.t.nodes, item] })),
        names: { node: N.refOf(item) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "periodOutsideParent",
    name: "an Address measure due after the horizon of the goal it serves (Hierarchy.validate)",
    make: (sc) => {
      const m = new N.Measure({
        id: ActivityId.make("measure-new"),
        title: "Мера",
        division: PA.DIVISIONS[0]!,
        deadline: P.firstDay(sc.nextYear),
        link: { _tag: "Goal", id: sc.goal.id }
      })
      return {
        result: H.validate(new H.PlanTree({ horizon: sc.t.horizon, nodes: [...sc.t.nodes, m] })),
        names: { node: N.refOf(m) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "periodOutsidePlan",
    name: "a program beyond the strategic plan's horizon",
    make: (sc) => {
      const d = Plan.decider()
      const p = newProgram(sc, { from: sc.nextYear, to: sc.nextYear })
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: p })),
        names: { node: N.refOf(p) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "periodOutsidePlan",
    name: "an activity of another month added to a monthly plan",
    make: (sc) => {
      const d = Plan.decider(sc.upper)
      const other =
        sc.activity.month === P.unsafeMonth(`${sc.from}-01`)
          ? P.nextMonth(sc.activity.month)
          : P.previousMonth(sc.activity.month)
      const s = stateOf(d, [new Plan.CreatePlan({ ...meta("m-other"), kind: "monthly", period: other, title: "План" })])
      return {
        result: decide(d, s, new Plan.AddNode({ ...meta("m-other"), node: sc.activity })),
        names: { node: N.refOf(sc.activity) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "deadlineOutsideMonth",
    name: "an activity due the day after its month",
    make: (sc) => {
      const d = Plan.decider(sc.upper)
      const a = new N.Activity({
        ...sc.activity,
        id: ActivityId.make("a-new"),
        deadline: P.addDays(P.lastDay(sc.activity.month), 1)
      })
      return {
        result: decide(d, draftOf(sc.monthly, d), new Plan.AddNode({ ...meta(sc.monthly.plan), node: a })),
        names: { node: N.refOf(a) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "badYears",
    name: "a program that ends before it starts",
    make: (sc) => {
      const d = Plan.decider()
      const p = newProgram(sc, { from: sc.to, to: sc.prevYear })
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: p })),
        names: { node: N.refOf(p) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "budgetOutsideProgram",
    name: "a budget line for a year outside the program",
    make: (sc) => {
      const d = Plan.decider()
      const p = newProgram(sc, {
        budget: [new N.BudgetLine({ year: P.unsafeYear(P.yearNumber(sc.from) + 1), amount: 100 })]
      })
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: p })),
        names: { node: N.refOf(p) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "duplicateBudgetYear",
    name: "two budget lines for one year",
    make: (sc) => {
      const d = Plan.decider()
      const p = newProgram(sc, {
        budget: [new N.BudgetLine({ year: sc.from, amount: 100 }), new N.BudgetLine({ year: sc.from, amount: 200 })]
      })
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: p })),
        names: { node: N.refOf(p) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "duplicateTargetPeriod",
    name: "two targets of an indicator for one year",
    make: (sc) => {
      const d = Plan.decider()
      const ind = goalIndicator(sc, [
        new I.NumericTarget({ period: sc.from, value: 50 }),
        new I.NumericTarget({ period: sc.from, value: 60 })
      ])
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: ind })),
        names: { node: N.refOf(ind) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "targetOutsideNode",
    name: "a goal's indicator with a target after the horizon",
    make: (sc) => {
      const d = Plan.decider()
      const ind = goalIndicator(sc, [new I.NumericTarget({ period: sc.nextYear, value: 50 })])
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.AddNode({ ...meta(sc.strategic.plan), node: ind })),
        names: { node: N.refOf(ind) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "originGoalMismatch",
    name: "an activity whose strategic origin is not the goal it is traced to",
    make: (sc) => {
      const d = Plan.decider(sc.upper)
      const a = new N.Activity({
        ...sc.activity,
        id: ActivityId.make("a-new"),
        origin: { _tag: "StrategicGoal", goal: GoalId.make("g-other") }
      })
      return {
        result: decide(d, draftOf(sc.monthly, d), new Plan.AddNode({ ...meta(sc.monthly.plan), node: a })),
        names: { node: N.refOf(a) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "kindNotInPlan",
    name: "an activity added to the strategic plan",
    make: (sc) => {
      const d = Plan.decider()
      return {
        result: decide(
          d,
          draftOf(sc.strategic, d),
          new Plan.AddNode({ ...meta(sc.strategic.plan), node: sc.activity })
        ),
        names: { node: N.refOf(sc.activity) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "unknownNode",
    name: "replacing a program the plan does not hold",
    make: (sc) => {
      const d = Plan.decider()
      const p = newProgram(sc)
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.ReplaceNode({ ...meta(sc.strategic.plan), node: p })),
        names: { node: N.refOf(p) }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "hasChildren",
    name: "removing a direction that has goals",
    make: (sc) => {
      const d = Plan.decider()
      const ref = N.refOf(sc.direction)
      return {
        result: decide(d, draftOf(sc.strategic, d), new Plan.RemoveNode({ ...meta(sc.strategic.plan), ref })),
        names: { node: ref }
      }
    }
  },
  {
    tag: "NodeRuleViolation",
    rule: "stillLinked",
    name: "an amendment removing a program an activity of a monthly plan still links to",
    make: (sc) => {
      const program = newProgram(sc)
      const linked = new N.Activity({
        ...sc.activity,
        id: ActivityId.make("a-below"),
        link: { _tag: "Program", id: program.id },
        origin: { _tag: "Instruction", instruction: InstructionId.make("ins-1") }
      })
      const d = Plan.decider(H.emptyContext, H.belowOf([linked]))
      const amending = after(
        d,
        draftOf(sc.strategic, d),
        new Plan.AddNode({ ...meta(sc.strategic.plan), node: program }),
        new Plan.ApprovePlan({
          ...meta(sc.strategic.plan),
          act: new Plan.Act({ number: "1", date: P.firstDay(sc.t.horizon) })
        }),
        new Plan.StartAmendment({ ...meta(sc.strategic.plan), reason: "Программа завершена досрочно" })
      )
      const ref = N.refOf(program)
      return {
        result: decide(d, amending, new Plan.RemoveNode({ ...meta(sc.strategic.plan), ref })),
        names: { node: ref }
      }
    }
  },
  // ---- lifecycle ------------------------------------------------------------
  {
    tag: "LifecycleViolation",
    rule: "notCreated",
    name: "a node added to a plan never created",
    make: (sc) => {
      const d = Plan.decider()
      return {
        result: decide(d, Plan.initialState, new Plan.AddNode({ ...meta(sc.strategic.plan), node: sc.goal })),
        names: { plan: sc.strategic.plan }
      }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "alreadyCreated",
    name: "a plan created twice",
    make: (sc) => {
      const d = Plan.decider()
      const c = new Plan.CreatePlan({
        ...meta(sc.strategic.plan),
        kind: "strategic",
        period: sc.t.horizon,
        title: "Ещё раз"
      })
      return { result: decide(d, draftOf(sc.strategic, d), c), names: { plan: sc.strategic.plan } }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "notEditable",
    name: "a node added to an approved plan without an amendment",
    make: (sc) => {
      const d = Plan.decider()
      return {
        result: decide(
          d,
          approvedOf(sc.strategic, d),
          new Plan.AddNode({ ...meta(sc.strategic.plan), node: newProgram(sc) })
        ),
        names: { plan: sc.strategic.plan }
      }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "notApproved",
    name: "an amendment of a draft",
    make: (sc) => {
      const d = Plan.decider()
      return {
        result: decide(
          d,
          draftOf(sc.strategic, d),
          new Plan.StartAmendment({ ...meta(sc.strategic.plan), reason: "Изменение" })
        ),
        names: { plan: sc.strategic.plan }
      }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "notApproved",
    name: "a monthly report on a draft plan",
    make: (sc) => {
      const { submit, done } = monthlyReporting(sc)
      const d = Plan.decider(sc.upper)
      return { result: decide(d, draftOf(sc.monthly, d), submit(done)), names: { plan: sc.monthly.plan } }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "notAmendable",
    name: "an approved plan approved again",
    make: (sc) => {
      const d = Plan.decider()
      const c = new Plan.ApprovePlan({
        ...meta(sc.strategic.plan),
        act: new Plan.Act({ number: "2", date: P.lastDay(sc.t.horizon) })
      })
      return { result: decide(d, approvedOf(sc.strategic, d), c), names: { plan: sc.strategic.plan } }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "closed",
    name: "an amendment of a closed plan",
    make: (sc) => {
      const d = Plan.decider()
      const m = meta(sc.strategic.plan)
      const s = after(
        d,
        approvedOf(sc.strategic, d),
        new Plan.ClosePlan({ ...m, results: new Plan.ClosingResults({ summary: "Итоги", results: [] }) })
      )
      return {
        result: decide(d, s, new Plan.StartAmendment({ ...m, reason: "Поздно" })),
        names: { plan: sc.strategic.plan }
      }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "wrongPlanKind",
    name: "a quarterly report on a monthly plan",
    make: (sc) => {
      const d = Plan.decider(sc.upper)
      const c = new Plan.SubmitQuarterlyReport({
        ...meta(sc.monthly.plan),
        report: new R.QuarterlyReport({ id: ReportId.make("q"), quarter: P.quarterOf(sc.activity.month), entries: [] })
      })
      return { result: decide(d, approvedOf(sc.monthly, d), c), names: { plan: sc.monthly.plan } }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "periodKind",
    name: "a monthly plan over a year",
    make: (sc) => {
      const d = Plan.decider(sc.upper)
      return {
        result: decide(
          d,
          Plan.initialState,
          new Plan.CreatePlan({ ...meta("m-year"), kind: "monthly", period: sc.from, title: "План" })
        ),
        names: { plan: "m-year" }
      }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "periodOutsideHorizon",
    name: "an annual plan for the year after the horizon",
    make: (sc) => {
      const d = Plan.decider(sc.upper)
      return {
        result: decide(
          d,
          Plan.initialState,
          new Plan.CreatePlan({ ...meta("annual-late"), kind: "annual", period: sc.nextYear, title: "План" })
        ),
        names: { plan: "annual-late" }
      }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "actOutOfOrder",
    name: "an amendment approved by an act dated before the last one",
    make: (sc) => {
      const d = Plan.decider()
      const m = meta(sc.strategic.plan)
      const s = after(d, approvedOf(sc.strategic, d), new Plan.StartAmendment({ ...m, reason: "Изменение" }))
      const c = new Plan.ApprovePlan({
        ...m,
        act: new Plan.Act({ number: "2", date: P.addDays(P.firstDay(sc.t.horizon), -1) })
      })
      return { result: decide(d, s, c), names: { plan: sc.strategic.plan } }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "actNumberReused",
    name: "an amendment approved by the act number of an earlier version",
    make: (sc) => {
      const d = Plan.decider()
      const m = meta(sc.strategic.plan)
      const s = after(d, approvedOf(sc.strategic, d), new Plan.StartAmendment({ ...m, reason: "Изменение" }))
      const c = new Plan.ApprovePlan({
        ...m,
        act: new Plan.Act({ number: `${sc.strategic.plan}-act`, date: P.lastDay(sc.t.horizon) })
      })
      return { result: decide(d, s, c), names: { plan: sc.strategic.plan } }
    }
  },
  {
    tag: "LifecycleViolation",
    rule: "nothingToApprove",
    name: "an empty plan approved",
    make: (sc) => {
      const d = Plan.decider()
      const m = meta(sc.strategic.plan)
      const s = stateOf(d, [new Plan.CreatePlan({ ...m, kind: "strategic", period: sc.t.horizon, title: "План" })])
      return {
        result: decide(
          d,
          s,
          new Plan.ApprovePlan({ ...m, act: new Plan.Act({ number: "1", date: P.firstDay(sc.t.horizon) }) })
        ),
        names: { plan: sc.strategic.plan }
      }
    }
  },
  // ---- reports --------------------------------------------------------------
  {
    tag: "ReportRuleViolation",
    rule: "alreadySubmitted",
    name: "a division's report for the plan's month submitted twice",
    make: (sc) => {
      const { d, s, submit, done, division } = monthlyReporting(sc)
      return {
        result: decide(d, after(d, s, submit(done)), submit(done)),
        names: { plan: sc.monthly.plan, subject: division }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "monthOutOfOrder",
    name: "a follow-up for the next month before the report on the plan's month",
    make: (sc) => {
      const { d, s, submit, division } = monthlyReporting(sc)
      return {
        result: decide(d, s, submit([], { month: P.nextMonth(sc.activity.month) })),
        names: { plan: sc.monthly.plan, subject: division }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "monthOutOfOrder",
    name: "a report for the month before the plan's",
    make: (sc) => {
      const { d, s, submit, done, division } = monthlyReporting(sc)
      return {
        result: decide(d, s, submit(done, { month: P.previousMonth(sc.activity.month) })),
        names: { plan: sc.monthly.plan, subject: division }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "duplicateEntry",
    name: "two entries for one activity",
    make: (sc) => {
      const { d, s, submit, done } = monthlyReporting(sc)
      return {
        result: decide(d, s, submit([...done, done[0]!])),
        names: { plan: sc.monthly.plan, subject: done[0]!.activity }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "moveNotLater",
    name: "an activity 'moved' to its own deadline",
    make: (sc) => {
      const { d, s, submit, done, own } = monthlyReporting(sc)
      const moved = new R.Entry({
        activity: own[0]!.id,
        execution: new R.Moved({ newDeadline: own[0]!.deadline, reason: "Перенос" })
      })
      return {
        result: decide(d, s, submit([moved, ...done.slice(1)])),
        names: { plan: sc.monthly.plan, subject: own[0]!.id }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "doneAfterPeriod",
    name: "an activity reported done after the reported month",
    make: (sc) => {
      const { d, s, submit, done, own } = monthlyReporting(sc)
      const late = new R.Entry({
        activity: own[0]!.id,
        execution: new R.Done({ completedOn: P.addDays(P.lastDay(sc.activity.month), 1) })
      })
      return {
        result: decide(d, s, submit([late, ...done.slice(1)])),
        names: { plan: sc.monthly.plan, subject: own[0]!.id }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "unknownIndicator",
    name: "a monthly report's actual for an indicator that does not exist",
    make: (sc) => {
      const { d, s, submit, done } = monthlyReporting(sc)
      const a = actual(sc.activity.month, { _tag: "Numeric", amount: 1 }, "no-such-indicator")
      return {
        result: decide(d, s, submit(done, { actuals: [a] })),
        names: { plan: sc.monthly.plan, subject: "no-such-indicator" }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "valueKindMismatch",
    name: "a qualitative actual of a numeric indicator",
    make: (sc) => {
      const d = Plan.decider()
      const c = new Plan.RecordIndicatorActual({
        ...meta(sc.strategic.plan),
        actual: actual(sc.from, { _tag: "Qualitative", achieved: true })
      })
      return { result: decide(d, withIndicator(sc, d), c), names: { plan: sc.strategic.plan, subject: "ind-new" } }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "duplicateActual",
    name: "a second actual of an indicator for one year",
    make: (sc) => {
      const d = Plan.decider()
      const c = new Plan.RecordIndicatorActual({
        ...meta(sc.strategic.plan),
        actual: actual(sc.from, { _tag: "Numeric", amount: 40 })
      })
      return {
        result: decide(d, after(d, withIndicator(sc, d), c), c),
        names: { plan: sc.strategic.plan, subject: "ind-new" }
      }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "actualOutsideNode",
    name: "a goal indicator's actual for the year after the horizon",
    make: (sc) => {
      const d = Plan.decider()
      const c = new Plan.RecordIndicatorActual({
        ...meta(sc.strategic.plan),
        actual: actual(sc.nextYear, { _tag: "Numeric", amount: 40 })
      })
      return { result: decide(d, withIndicator(sc, d), c), names: { plan: sc.strategic.plan, subject: "ind-new" } }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "quarterOutsidePlan",
    name: "a quarterly Address report for a quarter after the plan's year",
    make: (sc) => {
      const { d, s, quarterly, partly } = addressPlan(sc)
      const q = P.unsafeQuarter(`${sc.nextYear}-Q1`)
      return { result: decide(d, s, quarterly(q, partly)), names: { plan: "address-1", subject: q } }
    }
  },
  {
    tag: "ReportRuleViolation",
    rule: "quarterOutOfOrder",
    name: "a quarterly Address report for Q1 after the one for Q2",
    make: (sc) => {
      const { d, s, quarterly, partly } = addressPlan(sc)
      const q1 = P.unsafeQuarter(`${sc.from}-Q1`)
      return {
        result: decide(d, after(d, s, quarterly(P.unsafeQuarter(`${sc.from}-Q2`), partly)), quarterly(q1, partly)),
        names: { plan: "address-1", subject: q1 }
      }
    }
  }
]

describe("Bad input: every planning rule answers a typed error naming the node (or plan, or subject) and the rule", () => {
  for (const c of cases) {
    it(`${c.tag}/${c.rule}: ${c.name}`, () => {
      fc.assert(
        fc.property(scenes, (sc) => {
          const { result, names } = c.make(sc)
          expect(result).toEqual(Either.left(expect.objectContaining({ _tag: c.tag, rule: c.rule, ...names })))
          if (Either.isLeft(result)) expect((result.left as { message: string }).message.length).toBeGreaterThan(0)
        }),
        { numRuns: runs(15) }
      )
    })
  }

  it("every rule of NodeRule, LifecycleRule and ReportRule has a case above", () => {
    const covered = new Set(cases.map((c) => `${c.tag}/${c.rule}`))
    const all = [
      ...Errors.NodeRule.literals.map((r) => `NodeRuleViolation/${r}`),
      ...Errors.LifecycleRule.literals.map((r) => `LifecycleViolation/${r}`),
      ...Errors.ReportRule.literals.map((r) => `ReportRuleViolation/${r}`)
    ]
    expect(all.filter((r) => !covered.has(r))).toEqual([])
    expect([...covered].filter((r) => !all.includes(r))).toEqual([])
  })
})
