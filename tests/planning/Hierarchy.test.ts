import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Decider } from "../../src/kernel/index.js"
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
            expect(P.containsPeriod(N.periodOf(c.right[i]!, t.horizon)!, N.periodOf(c.right[i - 1]!, t.horizon)!)).toBe(true)
          }
        }
      })
    )
  })

  it("an activity whose parent does not exist is an orphan, and the error names that activity", () => {
    fc.assert(
      fc.property(treeAndActivity, ([t, i]) => {
        const a = t.nodes[i] as N.Activity
        const orphan = new N.Activity({ ...a, link: { _tag: "PlanItem", id: N.PlanItem.fields.id.make("no-such-item") } })
        const r = H.validate(new H.PlanTree({ horizon: t.horizon, nodes: t.nodes.map((n, j) => (j === i ? orphan : n)) }))
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
      fc.property(fc.tuple(treeAndActivity, fc.boolean()).map(([[t, i], b]) => [t, i, b] as const), ([t, i, byMonth]) => {
        const a = t.nodes[i] as N.Activity
        const bad = byMonth
          ? new N.Activity({ ...a, month: P.nextMonth(P.monthOf(P.lastDay(t.horizon))), deadline: P.addDays(P.lastDay(t.horizon), 1) })
          : new N.Activity({ ...a, deadline: P.addDays(P.lastDay(a.month), 1) })
        const nodes = t.nodes.map((n, j) => (j === i ? bad : n))
        const r = H.validate(new H.PlanTree({ horizon: t.horizon, nodes }))
        expect(Either.isLeft(r)).toBe(true)
        if (Either.isLeft(r)) {
          expect(r.left.node.id).toBe(a.id)
          expect(r.left.rule).toBe(byMonth ? "periodOutsideParent" : "deadlineOutsideMonth")
        }
      })
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
        const orphan = new N.Activity({ ...a, id: N.Activity.fields.id.make(`${a.id}x`), link: { _tag: "PlanItem", id: N.PlanItem.fields.id.make("no-such-item") } })
        const m = { plan: PA.split(t).find((p) => p.period === a.month)!.plan, at: PA.AT, actor: PA.ACTOR }
        const r = Decider.run(Plan.decider(upper), [new Plan.CreatePlan({ ...m, kind: "monthly", period: a.month, title: "План" }), new Plan.AddNode({ ...m, node: orphan })])
        expect(r).toEqual(Either.left(expect.objectContaining({ _tag: "NodeRuleViolation", rule: "orphan", node: N.refOf(orphan) })))
      })
    )
  })
})
