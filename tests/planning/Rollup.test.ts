import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as H from "../../src/planning/Hierarchy.js"
import type * as N from "../../src/planning/Node.js"
import * as Rollup from "../../src/planning/Rollup.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

const completion = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }))

/** Weights summing to 1: random positive shares normalised, the last one taking the remainder. */
const weightsFor = (n: number) =>
  fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }).map((xs) => {
    const total = xs.reduce((a, b) => a + b, 0)
    const ws = xs.map((x) => x / total)
    const head = ws.slice(0, -1)
    return [...head, 1 - head.reduce((a, b) => a + b, 0)]
  })

/** Random valid rollup trees. */
const tree: fc.Arbitrary<Rollup.RollupTree> = fc.letrec<{ t: Rollup.RollupTree }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ _tag: fc.constant("Leaf" as const), id: fc.string({ minLength: 1, maxLength: 4 }), completion }),
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 4 }),
        fc.constantFrom<Rollup.Strategy>("shareDone", "weighted", "worst"),
        fc.array(tie("t"), { minLength: 1, maxLength: 4 })
      )
      .chain(([id, strategy, kids]) =>
        weightsFor(kids.length).map(
          (ws): Rollup.RollupTree => ({
            _tag: "Branch",
            id,
            strategy,
            children: kids.map((k, i) => (strategy === "weighted" ? { weight: ws[i]!, tree: k } : { tree: k }))
          })
        )
      )
  )
})).t

const subtrees = (t: Rollup.RollupTree): ReadonlyArray<Rollup.RollupTree> =>
  t._tag === "Leaf" ? [t] : [t, ...t.children.flatMap((c) => subtrees(c.tree))]

describe("Rollup", () => {
  it("rolling up a tree equals rolling up its subtrees, then the root (at every node)", () => {
    fc.assert(
      fc.property(tree, (t) => {
        for (const s of subtrees(t)) {
          const whole = Rollup.rollup(s)
          const collapsed = Either.flatMap(Rollup.collapse(s), Rollup.rollup)
          expect(collapsed).toEqual(whole)
          expect(Either.isRight(whole)).toBe(true)
        }
      })
    )
  })

  it("a rollup lies between 0 and 1; worst is at most every child; shareDone counts complete children", () => {
    fc.assert(
      fc.property(tree, (t) => {
        const v = Either.getOrThrow(Rollup.rollup(t))
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(1)
        if (t._tag === "Branch") {
          const kids = t.children.map((c) => Either.getOrThrow(Rollup.rollup(c.tree)))
          if (t.strategy === "worst") for (const k of kids) expect(v).toBeLessThanOrEqual(k)
          if (t.strategy === "shareDone") expect(v * kids.length).toBeCloseTo(kids.filter((k) => k === 1).length, 9)
        }
      })
    )
  })

  it("weights that do not sum to 1, or a missing weight, are a typed error naming the node", () => {
    fc.assert(
      fc.property(
        fc.array(completion, { minLength: 2, maxLength: 5 }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.boolean(),
        (cs, extra, drop) => {
          const ws = cs.map(() => 1 / cs.length)
          const children = cs.map((c, i) => {
            const leaf: Rollup.RollupTree = { _tag: "Leaf", id: `l${i}`, completion: c }
            if (drop && i === 0) return { tree: leaf }
            return { weight: i === 0 ? ws[i]! + extra : ws[i]!, tree: leaf }
          })
          const r = Rollup.rollup({ _tag: "Branch", id: "goal-7", strategy: "weighted", children })
          expect(r).toEqual(
            Either.left(expect.objectContaining({ node: "goal-7", rule: drop ? "missingWeight" : "weightsNotOne" }))
          )
        }
      )
    )
  })

  it("a negative weight is a typed error naming the node, even when the weights sum to 1", () => {
    fc.assert(
      fc.property(
        fc.array(completion, { minLength: 2, maxLength: 5 }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.nat(),
        (cs, minus, k) => {
          const i = k % cs.length
          // child i takes -minus, the others share 1 + minus, so the sum stays 1
          const children = cs.map((c, j) => ({
            weight: j === i ? -minus : (1 + minus) / (cs.length - 1),
            tree: { _tag: "Leaf" as const, id: `l${j}`, completion: c }
          }))
          const r = Rollup.rollup({ _tag: "Branch", id: "program-3", strategy: "weighted", children })
          expect(r).toEqual(Either.left(expect.objectContaining({ node: "program-3", rule: "negativeWeight" })))
        }
      )
    )
  })

  it("a branch with no children is a typed error naming it, wherever it stands in the tree", () => {
    fc.assert(
      fc.property(tree, fc.constantFrom<Rollup.Strategy>("shareDone", "weighted", "worst"), (t, strategy) => {
        const empty: Rollup.RollupTree = { _tag: "Branch", id: "item-empty", strategy, children: [] }
        expect(Rollup.rollup(empty)).toEqual(
          Either.left(expect.objectContaining({ node: "item-empty", rule: "noChildren" }))
        )
        // under a worst-child root next to a valid subtree, the error still names the empty branch
        const root: Rollup.RollupTree = {
          _tag: "Branch",
          id: "goal-9",
          strategy: "worst",
          children: [{ tree: t }, { tree: empty }]
        }
        expect(Rollup.rollup(root)).toEqual(
          Either.left(expect.objectContaining({ node: "item-empty", rule: "noChildren" }))
        )
      })
    )
  })

  it("the documented example: 0.75 x 1 + 0.25 x share done (1 of 2) = 0.875", () => {
    const r = Rollup.rollup({
      _tag: "Branch",
      id: "goal-1",
      strategy: "weighted",
      children: [
        { weight: 0.75, tree: { _tag: "Leaf", id: "program-1", completion: 1 } },
        {
          weight: 0.25,
          tree: {
            _tag: "Branch",
            id: "program-2",
            strategy: "shareDone",
            children: [
              { tree: { _tag: "Leaf", id: "a-1", completion: 1 } },
              { tree: { _tag: "Leaf", id: "a-2", completion: 0.4 } }
            ]
          }
        }
      ]
    })
    expect(r).toEqual(Either.right(0.875))
  })

  it("a goal's rollup from a plan tree is 1 under every strategy when all its activities are done, and 0 under worst when one is not", () => {
    fc.assert(
      fc.property(PA.planTree(), fc.constantFrom<Rollup.Strategy>("shareDone", "worst"), fc.nat(), (t, strategy, k) => {
        const goal = t.nodes.find((n) => n._tag === "Goal")!
        const all = Rollup.fromHierarchy(t, goal, { strategyOf: () => strategy, completion: () => 1 })
        const ctx = H.contextOf(t)
        const under = t.nodes.filter(
          (n): n is N.Activity => n._tag === "Activity" && H.goalOf(ctx, n) === (goal as N.Goal).id
        )
        // nodes without activities below count as 0, so only a tree whose every branch ends in activities rolls up to 1
        const leaves = subtrees(all).filter((s) => s._tag === "Leaf")
        const allActivities = leaves.every((l) => l.id.startsWith("Activity:"))
        if (allActivities) expect(Rollup.rollup(all)).toEqual(Either.right(1))
        const missed = under[k % under.length]!
        const one = Rollup.fromHierarchy(t, goal, {
          strategyOf: () => "worst",
          completion: (a) => (a.id === missed.id ? 0 : 1)
        })
        expect(Rollup.rollup(one)).toEqual(Either.right(0))
      })
    )
  })
})
