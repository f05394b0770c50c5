import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Decider } from "../../src/kernel/index.js"
import * as Errors from "../../src/planning/Errors.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import * as P from "../../src/kernel/Period.js"
import { buildAll, sortedKeys } from "./helpers.js"

const trees = PA.planTree({ maxYears: 3, maxChildren: 2 })
/** A tree with an activity in it, and the index of one of its activities. */
const treeAndActivity = fc.tuple(trees, fc.nat()).map(([t, k]) => {
  const candidates = t.nodes.flatMap((n, j) => (n._tag === "Activity" ? [j] : []))
  return [t, candidates[k % candidates.length]!] as const
})

describe("Worked example: the strategic plan to 2030 down to a monthly activity", () => {
  it("a horizon 2021..2030; a program 2021..2025; an annual item for Q2 2021; a May 2021 activity traced through one chain; what lies outside is refused", () => {
    const horizon = P.unsafeHorizon("2021..2030")
    const m = (plan: string) => ({ plan: Plan.CreatePlan.fields.plan.make(plan), at: PA.AT, actor: PA.ACTOR })
    const direction = new N.Direction({ id: N.Direction.fields.id.make("d-1"), title: "Городская среда" })
    const goal = new N.Goal({
      id: N.Goal.fields.id.make("g-1"),
      direction: direction.id,
      title: "Комфортная городская среда"
    })
    const program = new N.Program({
      id: N.Program.fields.id.make("p-1"),
      title: "Формирование современной городской среды",
      goal: goal.id,
      alsoServes: [],
      division: PA.DIVISIONS[1]!,
      from: P.unsafeYear(2021),
      to: P.unsafeYear(2025),
      budget: [2021, 2022, 2023, 2024, 2025].map((y) => new N.BudgetLine({ year: P.unsafeYear(y), amount: 120_000 })),
      finalResults: ["Благоустроено 150 дворов"]
    })
    const strategic = Decider.run(Plan.decider(), [
      new Plan.CreatePlan({
        ...m("strategic"),
        kind: "strategic",
        period: horizon,
        title: "Стратегический план устойчивого развития города до 2030 года"
      }),
      new Plan.AddNode({ ...m("strategic"), node: direction }),
      new Plan.AddNode({ ...m("strategic"), node: goal }),
      new Plan.AddNode({ ...m("strategic"), node: program }),
      new Plan.ApprovePlan({
        ...m("strategic"),
        act: new Plan.Act({ number: "12-р", date: P.unsafeDay("2020-12-25") })
      })
    ])
    expect(Either.isRight(strategic)).toBe(true)
    // a program reaching back to 2020 lies outside the horizon
    const early = new N.Program({
      ...program,
      id: N.Program.fields.id.make("p-2"),
      from: P.unsafeYear(2020),
      to: P.unsafeYear(2022),
      budget: []
    })
    const s0 = Either.getOrThrow(
      Decider.run(Plan.decider(), [
        new Plan.CreatePlan({ ...m("s2"), kind: "strategic", period: horizon, title: "План" }),
        new Plan.AddNode({ ...m("s2"), node: direction }),
        new Plan.AddNode({ ...m("s2"), node: goal })
      ])
    ).state
    expect(Plan.decider().decide(new Plan.AddNode({ ...m("s2"), node: early }), s0)).toEqual(
      Either.left(
        expect.objectContaining({ _tag: "NodeRuleViolation", rule: "periodOutsidePlan", node: N.refOf(early) })
      )
    )
    const upper1 = H.context(horizon, [direction, goal, program])
    // an annual plan for 2031 lies outside the horizon
    expect(
      Plan.decider(upper1).decide(
        new Plan.CreatePlan({
          ...m("annual-2031"),
          kind: "annual",
          period: P.unsafeYear(2031),
          title: "План на 2031 год"
        }),
        Plan.initialState
      )
    ).toEqual(
      Either.left(
        expect.objectContaining({ _tag: "LifecycleViolation", rule: "periodOutsideHorizon", plan: "annual-2031" })
      )
    )
    const item = new N.PlanItem({
      id: N.PlanItem.fields.id.make("i-1"),
      title: "Благоустройство 30 дворов",
      division: PA.DIVISIONS[1]!,
      period: P.unsafeQuarter("2021-Q2"),
      link: { _tag: "Program", id: program.id }
    })
    const annual = Decider.run(Plan.decider(upper1), [
      new Plan.CreatePlan({
        ...m("annual-2021"),
        kind: "annual",
        period: P.unsafeYear(2021),
        title: "План основных мероприятий на 2021 год"
      }),
      new Plan.AddNode({ ...m("annual-2021"), node: item }),
      new Plan.ApprovePlan({
        ...m("annual-2021"),
        act: new Plan.Act({ number: "45-р", date: P.unsafeDay("2021-01-20") })
      })
    ])
    expect(Either.isRight(annual)).toBe(true)
    const upper2 = H.context(horizon, [direction, goal, program, item])
    const activity = new N.Activity({
      id: N.Activity.fields.id.make("a-1"),
      title: "Ремонт двора ул. Ленина, 10",
      division: PA.DIVISIONS[1]!,
      month: P.unsafeMonth("2021-05"),
      deadline: P.unsafeDay("2021-05-28"),
      link: { _tag: "PlanItem", id: item.id },
      origin: { _tag: "StrategicGoal", goal: goal.id }
    })
    const monthly = Decider.run(Plan.decider(upper2), [
      new Plan.CreatePlan({
        ...m("monthly-2021-05"),
        kind: "monthly",
        period: P.unsafeMonth("2021-05"),
        title: "План на май 2021 года"
      }),
      new Plan.AddNode({ ...m("monthly-2021-05"), node: activity })
    ])
    expect(Either.isRight(monthly)).toBe(true)
    expect(H.chain(upper2, activity)).toEqual(Either.right([activity, item, program, goal]))
    // the same activity in July lies outside its item's quarter
    const july = new N.Activity({
      ...activity,
      id: N.Activity.fields.id.make("a-2"),
      month: P.unsafeMonth("2021-07"),
      deadline: P.unsafeDay("2021-07-15")
    })
    expect(H.checkNode(upper2, july)).toEqual(
      new Errors.NodeRuleViolation({
        node: N.refOf(july),
        rule: "periodOutsideParent",
        message: "Activity a-2 in 2021-07 lies outside PlanItem:i-1 (2021-Q2)"
      })
    )
  })
})

describe("Hierarchy: traceability and nesting over random plan trees", () => {
  it("every generated tree is valid", () => {
    fc.assert(fc.property(trees, (t) => Either.isRight(H.validate(t))))
  })

  it("every activity and plan item reaches a strategic goal through exactly one chain, ending at a goal of an existing direction", () => {
    fc.assert(
      fc.property(trees, (t) => {
        const ctx = H.contextOf(t)
        for (const n of t.nodes) {
          if (n._tag !== "Activity" && n._tag !== "PlanItem" && n._tag !== "Program") continue
          const c = H.chain(ctx, n)
          expect(Either.isRight(c)).toBe(true)
          if (Either.isLeft(c)) return
          const goal = c.right[c.right.length - 1]!
          expect(goal._tag).toBe("Goal")
          if (goal._tag === "Goal") expect(ctx.get(N.key("Direction", goal.direction))).toBeDefined()
          // one chain: each step is the unique parent of the previous node, and no node repeats (no cycle)
          for (let i = 1; i < c.right.length; i++) expect(N.keyOf(c.right[i]!)).toBe(N.parentKey(c.right[i - 1]!))
          expect(new Set(c.right.map(N.keyOf)).size).toBe(c.right.length)
          // every child's period lies inside its parent's
          for (let i = 1; i < c.right.length; i++) {
            expect(P.containsPeriod(N.periodOf(c.right[i]!, t.horizon)!, N.periodOf(c.right[i - 1]!, t.horizon)!)).toBe(
              true
            )
          }
        }
      })
    )
  })

  it("an activity whose parent does not exist is an orphan, and the error names that activity", () => {
    fc.assert(
      fc.property(treeAndActivity, ([t, i]) => {
        const a = t.nodes[i] as N.Activity
        const orphan = new N.Activity({
          ...a,
          link: { _tag: "PlanItem", id: N.PlanItem.fields.id.make("no-such-item") }
        })
        const r = H.validate(
          new H.PlanTree({ horizon: t.horizon, nodes: t.nodes.map((n, j) => (j === i ? orphan : n)) })
        )
        expect(Either.isLeft(r)).toBe(true)
        if (Either.isLeft(r)) {
          expect(r.left.rule).toBe("orphan")
          expect(r.left.node).toEqual(new N.NodeRef({ kind: "Activity", id: a.id }))
        }
      })
    )
  })

  it("an activity moved out of its parent's period, or with a deadline outside its month, is rejected naming it", () => {
    fc.assert(
      fc.property(
        fc.tuple(treeAndActivity, fc.boolean()).map(([[t, i], b]) => [t, i, b] as const),
        ([t, i, byMonth]) => {
          const a = t.nodes[i] as N.Activity
          const bad = byMonth
            ? new N.Activity({
                ...a,
                month: P.nextMonth(P.monthOf(P.lastDay(t.horizon))),
                deadline: P.addDays(P.lastDay(t.horizon), 1)
              })
            : new N.Activity({ ...a, deadline: P.addDays(P.lastDay(a.month), 1) })
          const nodes = t.nodes.map((n, j) => (j === i ? bad : n))
          const r = H.validate(new H.PlanTree({ horizon: t.horizon, nodes }))
          expect(Either.isLeft(r)).toBe(true)
          if (Either.isLeft(r)) {
            expect(r.left.node.id).toBe(a.id)
            expect(r.left.rule).toBe(byMonth ? "periodOutsideParent" : "deadlineOutsideMonth")
          }
        }
      )
    )
  })

  it("a duplicate id is rejected naming the node", () => {
    fc.assert(
      fc.property(trees, (t) => {
        const goal = t.nodes.find((n) => n._tag === "Goal")!
        const r = H.validate(new H.PlanTree({ horizon: t.horizon, nodes: [...t.nodes, goal] }))
        expect(r).toEqual(Either.left(expect.objectContaining({ rule: "duplicateId", node: N.refOf(goal) })))
      })
    )
  })

  it("building every plan through the deciders gives back the tree, and the combined tree is valid", () => {
    fc.assert(
      fc.property(trees, (t) => {
        const { states } = buildAll(t)
        const built = Plan.treeOf(t.horizon, states.values())
        expect(sortedKeys(built.nodes)).toEqual(sortedKeys(t.nodes))
        expect(Either.isRight(H.validate(built))).toBe(true)
      })
    )
  })

  it("a monthly plan rejects an activity linked to an annual item that does not exist, naming the activity", () => {
    fc.assert(
      fc.property(treeAndActivity, ([t, i]) => {
        const a = t.nodes[i] as N.Activity
        const { upper } = buildAll(t)
        const orphan = new N.Activity({
          ...a,
          id: N.Activity.fields.id.make(`${a.id}x`),
          link: { _tag: "PlanItem", id: N.PlanItem.fields.id.make("no-such-item") }
        })
        const m = { plan: PA.split(t).find((p) => p.period === a.month)!.plan, at: PA.AT, actor: PA.ACTOR }
        const r = Decider.run(Plan.decider(upper), [
          new Plan.CreatePlan({ ...m, kind: "monthly", period: a.month, title: "План" }),
          new Plan.AddNode({ ...m, node: orphan })
        ])
        expect(r).toEqual(
          Either.left(expect.objectContaining({ _tag: "NodeRuleViolation", rule: "orphan", node: N.refOf(orphan) }))
        )
      })
    )
  })
})
