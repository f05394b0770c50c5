import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Decider } from "../../src/kernel/index.js"
import { ActivityId, InstructionId, PlanId, PlanItemId, ProgramId } from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import { buildAll } from "./helpers.js"
import * as X from "./linkedPlans.js"
import { belowOf, commandOf, scenario, upperOf, type Step, type World } from "./stillLinkedRun.js"
import { atLeast, runs } from "../support/runs.js"

/**
 * Traceability across plans: an amendment of a plan above (removing or
 * replacing a node, then approving) never leaves an activity or plan item
 * of another plan in force orphaned, outside its parent's period, or traced
 * to another goal than its origin names.
 */

const { horizon, economy, ids, meta, g2, p1, i1, i2, a1, a2, act } = X
const run = (d: Plan.PlanDecider, s: Plan.State, ...cs: ReadonlyArray<Plan.Command>): Plan.State =>
  cs.reduce((acc, c) => Either.getOrThrow(Decider.handle(d, acc, c)).state, s)
const upperCtx = (...states: ReadonlyArray<Plan.State>) => H.contextOf(Plan.treeOf(horizon, states))
const inForce = (...states: ReadonlyArray<Plan.State>) => states.flatMap((s) => (s._tag === "Opened" ? s.inForce : []))

const strategic = run(Plan.decider(), Plan.initialState, ...X.strategicCommands)
const annual = run(Plan.decider(upperCtx(strategic)), Plan.initialState, ...X.annualCommands)
const monthlyDecider = () => Plan.decider(upperCtx(strategic, annual))
const march = run(monthlyDecider(), Plan.initialState, ...X.marchCommands)

/** The annual plan's decider with what the March plan (and any other given) links to it. */
const annualDecider = (...others: ReadonlyArray<Plan.State>) =>
  Plan.decider(upperCtx(strategic), H.belowOf(inForce(march, ...others)))
const annualAmending = run(annualDecider(), annual, X.amendAnnual)

describe("Amending a plan above never orphans work in force below it", () => {
  it("removing annual item i-1, which March activity a-1 links to, is stillLinked naming i-1 and a-1", () => {
    const r = annualDecider().decide(new Plan.RemoveNode({ ...meta(ids.annual), ref: N.refOf(i1) }), annualAmending)
    expect(r).toEqual(
      Either.left(expect.objectContaining({ _tag: "NodeRuleViolation", rule: "stillLinked", node: N.refOf(i1) }))
    )
    expect(Either.isLeft(r) && r.left.message).toContain("Activity a-1")
    expect(Plan.keysBelow(new Plan.RemoveNode({ ...meta(ids.annual), ref: N.refOf(i1) }), annualAmending)).toEqual([
      "PlanItem:i-1"
    ])
  })

  it("without the facts below (the default) the decider knows of no link and accepts the same removal: the application must give them", () => {
    const r = Plan.decider(upperCtx(strategic)).decide(
      new Plan.RemoveNode({ ...meta(ids.annual), ref: N.refOf(i1) }),
      annualAmending
    )
    expect(Either.isRight(r)).toBe(true)
  })

  it("narrowing i-1 to the third quarter leaves a-1 (March) outside it: periodOutsideParent naming a-1", () => {
    const narrowed = new N.PlanItem({ ...i1, period: P.unsafeQuarter("2021-Q3") })
    const r = annualDecider().decide(new Plan.ReplaceNode({ ...meta(ids.annual), node: narrowed }), annualAmending)
    expect(r).toEqual(Either.left(expect.objectContaining({ rule: "periodOutsideParent", node: N.refOf(a1) })))
    expect(Either.isLeft(r) && r.left.message).toContain("replacing PlanItem i-1")
    // narrowing to the first quarter keeps March inside: accepted
    expect(
      Either.isRight(
        annualDecider().decide(
          new Plan.ReplaceNode({
            ...meta(ids.annual),
            node: new N.PlanItem({ ...i1, period: P.unsafeQuarter("2021-Q1") })
          }),
          annualAmending
        )
      )
    ).toBe(true)
  })

  it("moving program p-1 to goal g-2 would trace a-1 (two plans below, through i-1) to g-2 while its origin names g-1: originGoalMismatch naming a-1", () => {
    const below = H.belowOf(inForce(annual, march))
    const d = Plan.decider(H.emptyContext, below)
    const amending = run(
      d,
      strategic,
      new Plan.StartAmendment({ ...meta(ids.strategic), reason: "Новая редакция стратегии" })
    )
    const moved = new N.Program({ ...p1, goal: g2.id })
    const r = d.decide(new Plan.ReplaceNode({ ...meta(ids.strategic), node: moved }), amending)
    expect(r).toEqual(Either.left(expect.objectContaining({ rule: "originGoalMismatch", node: N.refOf(a1) })))
    // shortening p-1 to 2021..2022 keeps i-1 (2021) inside: accepted; to 2022..2025 leaves i-1 outside
    expect(
      Either.isRight(
        d.decide(
          new Plan.ReplaceNode({ ...meta(ids.strategic), node: new N.Program({ ...p1, to: P.unsafeYear(2022) }) }),
          amending
        )
      )
    ).toBe(true)
    expect(
      d.decide(
        new Plan.ReplaceNode({ ...meta(ids.strategic), node: new N.Program({ ...p1, from: P.unsafeYear(2022) }) }),
        amending
      )
    ).toEqual(Either.left(expect.objectContaining({ rule: "periodOutsideParent", node: N.refOf(i1) })))
  })

  it("an item removed in an open amendment while still in force can be linked to below; approving the amendment is then stillLinked", () => {
    const removed = run(annualDecider(), annualAmending, new Plan.RemoveNode({ ...meta(ids.annual), ref: N.refOf(i2) }))
    // April schedules a-2 under i-2, which is still in force (the amendment is not approved)
    const april = run(monthlyDecider(), Plan.initialState, ...X.aprilCommands)
    const approve = new Plan.ApprovePlan({ ...meta(ids.annual), act: act("51-р", "2021-03-30") })
    expect(Plan.keysBelow(approve, removed)).toEqual(["PlanItem:i-2"])
    expect(annualDecider(april).decide(approve, removed)).toEqual(
      Either.left(expect.objectContaining({ rule: "stillLinked", node: N.refOf(i2) }))
    )
    // with April's plan not yet in force, the approval stands ...
    const draftApril = run(
      monthlyDecider(),
      Plan.initialState,
      new Plan.CreatePlan({
        ...meta(ids.april),
        kind: "monthly",
        period: P.unsafeMonth("2021-04"),
        title: "План на апрель 2021 года"
      }),
      new Plan.AddNode({ ...meta(ids.april), node: a2 })
    )
    const amended = run(annualDecider(draftApril), removed, approve)
    // ... and April's draft can no longer be approved: a-2 is an orphan
    const upperNow = Plan.decider(upperCtx(strategic, amended))
    expect(
      upperNow.decide(new Plan.ApprovePlan({ ...meta(ids.april), act: act("140-р", "2021-03-31") }), draftApril)
    ).toEqual(Either.left(expect.objectContaining({ rule: "orphan", node: N.refOf(a2) })))
  })

  it("keysBelow names only nodes in force that a command removes or replaces", () => {
    const draftOnly = new N.PlanItem({ ...i2, id: PlanItemId.make("i-3") })
    const s = run(annualDecider(), annualAmending, new Plan.AddNode({ ...meta(ids.annual), node: draftOnly }))
    expect(Plan.keysBelow(new Plan.RemoveNode({ ...meta(ids.annual), ref: N.refOf(draftOnly) }), s)).toEqual([])
    expect(Plan.keysBelow(new Plan.ReplaceNode({ ...meta(ids.annual), node: i1 }), s)).toEqual(["PlanItem:i-1"])
    expect(
      Plan.keysBelow(
        new Plan.ClosePlan({
          ...meta(ids.annual),
          results: new Plan.ClosingResults({ summary: "Итоги", results: [] })
        }),
        s
      )
    ).toEqual([])
    const changed = run(
      annualDecider(),
      s,
      new Plan.RemoveNode({ ...meta(ids.annual), ref: N.refOf(i2) }),
      new Plan.ReplaceNode({ ...meta(ids.annual), node: new N.PlanItem({ ...i1, title: "Ремонт дворов и проездов" }) })
    )
    expect(
      [...Plan.keysBelow(new Plan.ApprovePlan({ ...meta(ids.annual), act: act("51-р", "2021-03-30") }), changed)].sort()
    ).toEqual(["PlanItem:i-1", "PlanItem:i-2"])
  })
})

// ---- the property: random amendments of random trees ----

/** Runs the steps; answers the first whole-tree violation (or undefined) and tallies the outcomes. */
const runSteps = (tree: H.PlanTree, steps: ReadonlyArray<Step>, withBelow: boolean, tally: Map<string, number>) => {
  const w: World = { horizon: tree.horizon, splits: PA.split(tree), states: new Map(buildAll(tree).states) }
  const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1)
  for (const st of steps) {
    const c = commandOf(w, st)
    if (c === undefined) continue
    const d = Plan.decider(upperOf(w, c.split), withBelow ? belowOf(w, c.split) : H.nothingBelow)
    let s = w.states.get(c.split.plan)!
    for (const cmd of c.commands) {
      const r = Decider.handle(d, s, cmd)
      if (Either.isLeft(r)) {
        count(
          r.left.message.startsWith("replacing ")
            ? `refused ${cmd._tag}: breaks below`
            : `refused ${cmd._tag}: ${"rule" in r.left ? r.left.rule : r.left._tag}`
        )
        // a refusal changes nothing
        expect(d.decide(cmd, s)).toEqual(r)
        break
      }
      count(`accepted ${cmd._tag}`)
      if (cmd._tag === "ApprovePlan" && Plan.keysBelow(cmd, s).length > 0)
        count("accepted amendment changing nodes in force")
      s = r.right.state
    }
    w.states.set(c.split.plan, s)
    const valid = H.validate(Plan.treeOf(w.horizon, w.states.values()))
    if (Either.isLeft(valid)) return valid.left
  }
  return undefined
}

describe("Property: the nodes in force of all plans stay one valid tree under random amendments", () => {
  it("with the facts below, every state reached validates as a whole (no orphan, periods nested, origins traced)", () => {
    const tally = new Map<string, number>()
    fc.assert(
      fc.property(scenario, ({ tree, steps }) => {
        expect(runSteps(tree, steps, true, tally)).toBeUndefined()
      }),
      { numRuns: atLeast(150) }
    )
    // the runs reach the cases the rule is about, and amendments still go through
    for (const k of [
      "refused RemoveNode: stillLinked",
      "refused ReplaceNode: breaks below",
      "accepted RemoveNode",
      "accepted ReplaceNode",
      "accepted ScheduleActivity",
      "accepted amendment changing nodes in force"
    ]) {
      expect(tally.get(k) ?? 0, k).toBeGreaterThan(0)
    }
  })

  it("pinned: two monthly plans linking an activity each under the same numbering (seed 1176643791) are both accepted", () => {
    // the scenario generator once gave both activities one id, which the decider rightly refused as duplicateId
    fc.assert(
      fc.property(scenario, ({ tree, steps }) => {
        expect(runSteps(tree, steps, true, new Map())).toBeUndefined()
      }),
      { seed: 1176643791, path: "103:0:1:1:1:2:2:3:3:4:4:4:6:8:6:7:6:6:9:6:6:9:9:6:6:6:6:6:7:7", endOnFailure: true }
    )
  })

  it("a node removed in an open amendment, then linked to from a new monthly plan, makes the amendment's approval stillLinked naming it", () => {
    fc.assert(
      fc.property(PA.planTree({ maxYears: 2, maxChildren: 2 }), fc.nat(), fc.nat(), (tree, which, day) => {
        const w: World = { horizon: tree.horizon, splits: PA.split(tree), states: new Map(buildAll(tree).states) }
        const uppers = w.splits.filter((x) => x.kind === "strategic" || x.kind === "annual")
        const split = uppers[which % uppers.length]!
        const s0 = w.states.get(split.plan) as Plan.Opened
        const month = P.monthOf(P.addDays(P.firstDay(split.period), day % 365))
        const m = { plan: split.plan, at: PA.AT, actor: PA.ACTOR }
        const goal = (w.states.get(uppers[0]!.plan) as Plan.Opened).inForce.find((n): n is N.Goal => n._tag === "Goal")!
        const node: N.Program | N.PlanItem =
          split.kind === "strategic"
            ? new N.Program({
                id: ProgramId.make("p-extra"),
                title: "Новая программа",
                goal: goal.id,
                alsoServes: [],
                division: economy,
                from: P.yearOf(P.firstDay(month)),
                to: P.yearOf(P.firstDay(month)),
                budget: [],
                finalResults: []
              })
            : new N.PlanItem({
                id: PlanItemId.make("i-extra"),
                title: "Новый пункт",
                division: economy,
                period: month,
                link: { _tag: "Goal", id: goal.id }
              })
        const version = (n: number) => new Plan.Act({ number: `${split.plan}-v${n}`, date: P.firstDay(split.period) })
        const decide = (cmds: ReadonlyArray<Plan.Command>) => {
          for (const c of cmds) {
            const d = Plan.decider(upperOf(w, split), belowOf(w, split))
            w.states.set(split.plan, Either.getOrThrow(Decider.handle(d, w.states.get(split.plan)!, c)).state)
          }
        }
        // the node comes into force, then an amendment removes it while nothing links to it
        decide([
          new Plan.StartAmendment({ ...m, reason: "Дополнение" }),
          new Plan.AddNode({ ...m, node }),
          new Plan.ApprovePlan({ ...m, act: version(s0.versions.length + 1) }),
          new Plan.StartAmendment({ ...m, reason: "Исключение" }),
          new Plan.RemoveNode({ ...m, ref: N.refOf(node) })
        ])
        // meanwhile (the node is still in force) a new monthly plan schedules work under it
        const monthly: PA.PlanSplit = {
          plan: PlanId.make(`monthly-extra-${month}`),
          kind: "monthly",
          period: month,
          nodes: [
            new N.Activity({
              id: ActivityId.make("a-extra"),
              title: "Поручение",
              division: economy,
              month,
              deadline: P.lastDay(month),
              link: { _tag: node._tag, id: node.id } as N.Activity["link"],
              origin: { _tag: "Instruction", instruction: InstructionId.make("ins-extra") }
            })
          ]
        }
        const built = Decider.run(Plan.decider(upperOf(w, monthly)), PA.buildCommands(monthly))
        expect(Either.isRight(built)).toBe(true)
        const world: World = {
          ...w,
          splits: [...w.splits, monthly],
          states: new Map([...w.states, [monthly.plan, Either.getOrThrow(built).state]])
        }
        const approve = new Plan.ApprovePlan({ ...m, act: version(s0.versions.length + 2) })
        expect(Plan.keysBelow(approve, world.states.get(split.plan)!)).toEqual([N.keyOf(node)])
        expect(
          Plan.decider(upperOf(world, split), belowOf(world, split)).decide(approve, world.states.get(split.plan)!)
        ).toEqual(
          Either.left(expect.objectContaining({ _tag: "NodeRuleViolation", rule: "stillLinked", node: N.refOf(node) }))
        )
      }),
      { numRuns: runs(60) }
    )
  })

  it("without them (nothingBelow), random amendments do orphan work below: the property above can fail", () => {
    const result = fc.check(
      fc.property(scenario, ({ tree, steps }) => runSteps(tree, steps, false, new Map()) === undefined),
      { numRuns: atLeast(300), seed: 2021 }
    )
    expect(result.failed).toBe(true)
  })
})
