/**
 * Random amendments of the upper plans (strategic and annual) of a random
 * plan tree: remove a node, replace it with a changed period, years or goal,
 * approve the amendment; or schedule a new activity in a monthly plan under
 * a node in force above (perhaps one an open amendment removes). Each command is decided with the upper plans'
 * context and with what the other plans in force link to the plan's nodes
 * (`below`), as an application reads them. Shared by the decider-level and
 * the store-level tests.
 */
import { FastCheck as fc } from "effect"
import { InstructionId } from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

/** One random step: which upper plan, which of its nodes, what to do, and a number the replacement is drawn from. */
export interface Step {
  readonly plan: number
  readonly node: number
  readonly action: "remove" | "replace" | "approve" | "link"
  readonly variant: number
}

export const step: fc.Arbitrary<Step> = fc.record({
  plan: fc.nat(),
  node: fc.nat(),
  action: fc.constantFrom("remove", "replace", "replace", "approve", "link"),
  variant: fc.nat()
})

/** A random tree with a few steps. */
export const scenario = fc.record({
  tree: PA.planTree({ maxYears: 2, maxChildren: 2 }),
  steps: fc.array(step, { minLength: 1, maxLength: 14 })
})

const at = <A>(xs: ReadonlyArray<A>, i: number): A | undefined => xs[i % xs.length]

/**
 * A replacement of a node: a plan item over another period of its year, a
 * program over other years (its budget kept inside them) and perhaps serving
 * another goal; any other node comes back with a new title only.
 */
export const replacementOf = (
  node: N.Node,
  horizon: P.Horizon,
  goals: ReadonlyArray<N.Goal["id"]>,
  v: number
): N.Node => {
  switch (node._tag) {
    case "PlanItem": {
      const year = P.yearOf(P.firstDay(node.period))
      const periods: ReadonlyArray<P.Month | P.Quarter | P.Year> = [
        year,
        ...(P.children(year) as ReadonlyArray<P.Quarter>),
        ...P.months(year)
      ]
      return new N.PlanItem({ ...node, period: at(periods, v) as P.Month | P.Quarter | P.Year })
    }
    case "Program": {
      const years = P.children(horizon) as ReadonlyArray<P.Year>
      const a = at(years, v) as P.Year
      const b = at(years, v >> 3) as P.Year
      const [from, to] = a <= b ? [a, b] : [b, a]
      const goal = (v >> 6) % 2 === 0 ? node.goal : ((at(goals, v >> 7) as N.Goal["id"] | undefined) ?? node.goal)
      return new N.Program({
        ...node,
        from,
        to,
        goal,
        alsoServes: node.alsoServes.filter((g) => g !== goal),
        budget: node.budget.filter((l) => l.year >= from && l.year <= to)
      })
    }
    case "Direction":
      return new N.Direction({ ...node, title: `${node.title} (ред.)` })
    case "Goal":
      return new N.Goal({ ...node, title: `${node.title} (ред.)` })
    default:
      return node
  }
}

/** The plans of a run, by id, and how to decide a command on one of them. */
export interface World {
  readonly horizon: P.Horizon
  readonly splits: ReadonlyArray<PA.PlanSplit>
  readonly states: Map<string, Plan.State>
}

/** The context of the plans above a plan: the nodes in force of the strategic plan (and, below an annual plan, of the annual plans). */
export const upperOf = (w: World, p: PA.PlanSplit): H.Context => {
  if (p.kind === "strategic") return H.emptyContext
  const kinds: ReadonlyArray<Plan.PlanKind> = p.kind === "annual" ? ["strategic"] : ["strategic", "annual"]
  return H.contextOf(
    Plan.treeOf(
      w.horizon,
      w.splits.filter((x) => kinds.includes(x.kind)).map((x) => w.states.get(x.plan)!)
    )
  )
}

/** What the other plans in force link to: the nodes in force of every plan but `p`. */
export const belowOf = (w: World, p: PA.PlanSplit): H.Below =>
  H.belowOf(
    w.splits
      .filter((x) => x.plan !== p.plan)
      .flatMap((x) => {
        const s = w.states.get(x.plan)!
        return s._tag === "Opened" ? s.inForce : []
      })
  )

/** The command a step makes of the world as it is (undefined when the step has nothing to act on). */
export const commandOf = (
  w: World,
  st: Step
): { readonly split: PA.PlanSplit; readonly commands: ReadonlyArray<Plan.Command> } | undefined => {
  if (st.action === "link") return linkOf(w, st)
  const uppers = w.splits.filter((x) => x.kind === "strategic" || x.kind === "annual")
  if (st.action === "approve") {
    // an approval goes to one of the plans being amended
    const amending = uppers.filter(
      (x) => w.states.get(x.plan)?._tag === "Opened" && (w.states.get(x.plan) as Plan.Opened).status === "amending"
    )
    const split = at(amending, st.plan) as PA.PlanSplit | undefined
    if (split === undefined) return undefined
    const s = w.states.get(split.plan) as Plan.Opened
    return {
      split,
      commands: [
        new Plan.ApprovePlan({
          plan: split.plan,
          at: PA.AT,
          actor: PA.ACTOR,
          act: new Plan.Act({ number: `${split.plan}-v${s.versions.length + 1}`, date: P.firstDay(split.period) })
        })
      ]
    }
  }
  const split = at(uppers, st.plan) as PA.PlanSplit | undefined
  if (split === undefined) return undefined
  const s = w.states.get(split.plan)
  if (s === undefined || s._tag !== "Opened") return undefined
  const m = { plan: split.plan, at: PA.AT, actor: PA.ACTOR }
  const open: Array<Plan.Command> =
    s.status === "approved" ? [new Plan.StartAmendment({ ...m, reason: "Корректировка плана" })] : []
  const node = at(st.action === "remove" && st.variant % 2 === 0 ? leaves(s.nodes) : s.nodes, st.node) as
    | N.Node
    | undefined
  if (node === undefined) return undefined
  if (st.action === "remove") return { split, commands: [...open, new Plan.RemoveNode({ ...m, ref: N.refOf(node) })] }
  const goals = s.nodes.filter((n): n is N.Goal => n._tag === "Goal").map((g) => g.id)
  return {
    split,
    commands: [...open, new Plan.ReplaceNode({ ...m, node: replacementOf(node, w.horizon, goals, st.variant) })]
  }
}

/** The nodes no other node of the same plan links to (half of the removals pick among them, so that more get through). */
const leaves = (nodes: ReadonlyArray<N.Node>): ReadonlyArray<N.Node> => {
  const linked = new Set(nodes.flatMap((n) => N.upKeys(n)))
  return nodes.filter((n) => !linked.has(N.keyOf(n)))
}

/** A new activity of a monthly plan in force, under a goal, program or plan item in force above whose period holds the month. */
const linkOf = (
  w: World,
  st: Step
): { readonly split: PA.PlanSplit; readonly commands: ReadonlyArray<Plan.Command> } | undefined => {
  const uppersInForce = w.splits
    .filter((x) => x.kind === "strategic" || x.kind === "annual")
    .flatMap((x) => {
      const u = w.states.get(x.plan)
      if (u === undefined || u._tag !== "Opened") return []
      return u.inForce.map((n) => ({
        n,
        removed: u.status === "amending" && !u.nodes.some((k) => N.keyOf(k) === N.keyOf(n))
      }))
    })
    .filter(
      (x): x is { n: N.Goal | N.Program | N.PlanItem; removed: boolean } =>
        x.n._tag === "Goal" || x.n._tag === "Program" || x.n._tag === "PlanItem"
    )
  const monthlies = w.splits.filter((x) => {
    const m = w.states.get(x.plan)
    return x.kind === "monthly" && m !== undefined && m._tag === "Opened" && m.status === "approved"
  })
  const holds = (n: N.Node, month: P.Period) => {
    const period = N.periodOf(n, w.horizon)
    return period !== undefined && P.containsPeriod(period, month)
  }
  // half the time, prefer a node an open amendment removes (still in force until approved): the case an approval must refuse
  const removed = uppersInForce.filter((x) => x.removed && monthlies.some((m) => holds(x.n, m.period)))
  const target = st.variant % 2 === 0 && removed.length > 0 ? at(removed, st.node)!.n : undefined
  const split = at(target === undefined ? monthlies : monthlies.filter((m) => holds(target, m.period)), st.plan) as
    | PA.PlanSplit
    | undefined
  if (split === undefined) return undefined
  const s = w.states.get(split.plan) as Plan.Opened
  const month = split.period as P.Month
  const under =
    target ??
    (
      at(
        uppersInForce.filter((x) => holds(x.n, month)),
        st.node
      ) as { n: N.Goal | N.Program | N.PlanItem } | undefined
    )?.n
  if (under === undefined) return undefined
  const activity = new N.Activity({
    // activity ids are unique across plans (the decider refuses a duplicate id): the plan is part of the id
    id: `a-linked-${split.plan}-${s.nodes.length}-${st.variant}` as N.Activity["id"],
    title: "Поручение",
    division: PA.DIVISIONS[st.variant % PA.DIVISIONS.length]!,
    month,
    deadline: P.lastDay(month),
    link: { _tag: under._tag, id: under.id } as N.Activity["link"],
    origin: { _tag: "Instruction", instruction: InstructionId.make(`ins-${st.variant}`) }
  })
  return { split, commands: [new Plan.ScheduleActivity({ plan: split.plan, at: PA.AT, actor: PA.ACTOR, activity })] }
}
