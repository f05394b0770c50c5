/**
 * The planning hierarchy as a whole: a {@link PlanTree} is the nodes of the
 * strategic plan, the annual plans, the monthly plans and the Address plans
 * of one horizon, read together from their streams. Its rules:
 *
 * - traceability: every node's link points to an existing node of the right
 *   layer (no orphans), so every activity and plan item reaches a strategic
 *   goal through exactly one chain; the layering makes cycles impossible;
 * - nesting of periods: a child's period lies inside its parent's, an
 *   activity's planned deadline inside its month;
 * - ids are unique per kind; programs' budgets lie inside their years;
 *   indicators' targets lie inside their node's period.
 *
 * The deciders check the same rules node by node ({@link checkNode}) against
 * the plan's own nodes and a {@link Context} of the plans above it.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Planning } from "cityhall"
 *
 * declare const tree: Planning.Hierarchy.PlanTree
 * const ok = Planning.Hierarchy.validate(tree) // Either<PlanTree, NodeRuleViolation>
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { GoalId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Horizon } from "../kernel/Period.js"
import { NodeRuleViolation } from "./Errors.js"
import type { NodeRule } from "./Errors.js"
import * as N from "./Node.js"
import { Node } from "./Node.js"

/** The nodes of every plan of one horizon, read together. */
export class PlanTree extends Schema.Class<PlanTree>("PlanTree")({
  horizon: Horizon,
  nodes: Schema.Array(Node)
}) {}

/** What a node is checked against: the horizon (when known) and a lookup of other nodes by key. */
export interface Context {
  readonly horizon: Period.Horizon | undefined
  readonly get: (key: string) => N.Node | undefined
}

/** A context with no nodes (for a strategic plan, which links only to itself). */
export const emptyContext: Context = { horizon: undefined, get: () => undefined }

/** The context of a set of nodes under a horizon. */
export const context = (horizon: Period.Horizon | undefined, nodes: Iterable<N.Node>): Context => {
  const map = new Map<string, N.Node>()
  for (const n of nodes) map.set(N.keyOf(n), n)
  return { horizon, get: (k) => map.get(k) }
}

/** The context of a tree. */
export const contextOf = (tree: PlanTree): Context => context(tree.horizon, tree.nodes)

/** Looks up first in `primary`, then in `fallback`. */
export const layered = (
  primary: (key: string) => N.Node | undefined,
  fallback: Context,
  horizon: Period.Horizon | undefined
): Context => ({
  horizon: horizon ?? fallback.horizon,
  get: (k) => primary(k) ?? fallback.get(k)
})

/**
 * What lies below a plan: the nodes of OTHER plans, in force, that refer up
 * to a node by its key (see {@link N.upKeys}). A plan's decider consults it
 * so that removing or replacing a node never leaves work in another plan
 * orphaned or outside its parent's period. Deeper descendants are reached
 * by asking again with a child's key. The application reads it from the
 * lower plans' streams or read model (`PlanRecords.Links`).
 */
export interface Below {
  readonly linkedTo: (key: string) => ReadonlyArray<N.Node>
}

/** Nothing below: for a plan that no other plan links to (or a test of one plan alone). */
export const nothingBelow: Below = { linkedTo: () => [] }

/** The {@link Below} of a set of nodes (of other plans): each indexed under every key it refers up to. */
export const belowOf = (nodes: Iterable<N.Node>): Below => {
  const map = new Map<string, Array<N.Node>>()
  for (const n of nodes) {
    for (const k of N.upKeys(n)) {
      const xs = map.get(k)
      if (xs === undefined) map.set(k, [n])
      else xs.push(n)
    }
  }
  return { linkedTo: (k) => map.get(k) ?? [] }
}

/** Every node below a key, transitively (children first, then their children), each once. */
export const descendants = (below: Below, key: string): ReadonlyArray<N.Node> => {
  const out: Array<N.Node> = []
  const seen = new Set<string>([key])
  const queue = [key]
  // The layering bounds the depth (goal -> program -> item -> activity); `seen` guards against bad data.
  for (let i = 0; i < queue.length; i++) {
    for (const n of below.linkedTo(queue[i]!)) {
      const k = N.keyOf(n)
      if (seen.has(k)) continue
      seen.add(k)
      out.push(n)
      queue.push(k)
    }
  }
  return out
}

const violation = (node: N.Node, rule: NodeRule, message: string) =>
  new NodeRuleViolation({ node: N.refOf(node), rule, message })

const describe = (node: N.Node) => `${node._tag} ${N.idOf(node)}`

/**
 * The chain of a node up to its strategic goal, node first, goal last (the
 * direction above the goal is not included). Fails naming the first node
 * whose link points nowhere. Measures without a link have no chain.
 */
export const chain = (ctx: Context, node: N.Node): Either.Either<ReadonlyArray<N.Node>, NodeRuleViolation> => {
  const out: Array<N.Node> = [node]
  let current = node
  // The layering (activity -> item -> program -> goal) bounds the walk at five steps.
  for (let i = 0; i < 5 && current._tag !== "Goal"; i++) {
    const pk = N.parentKey(current)
    if (pk === undefined || current._tag === "Direction") {
      return Either.left(violation(node, "orphan", `${describe(node)} does not reach a strategic goal`))
    }
    const parent = ctx.get(pk)
    if (parent === undefined)
      return Either.left(violation(current, "orphan", `${describe(current)} links to ${pk}, which does not exist`))
    out.push(parent)
    current = parent
  }
  return current._tag === "Goal"
    ? Either.right(out)
    : Either.left(violation(node, "orphan", `${describe(node)} does not reach a strategic goal`))
}

/** The strategic goal a node is traced to, if its chain is complete. */
export const goalOf = (ctx: Context, node: N.Node): GoalId | undefined => {
  const c = chain(ctx, node)
  if (Either.isLeft(c)) return undefined
  const last = c.right[c.right.length - 1]
  return last !== undefined && last._tag === "Goal" ? last.id : undefined
}

const inside = (outer: Period.Period, inner: Period.Period) => Period.containsPeriod(outer, inner)

/**
 * Checks one node against the context (which may or may not contain the
 * node itself): its link, the nesting of its period in its parent's, and
 * the rules of its own kind. Duplicate ids are checked by the caller.
 */
export const checkNode = (ctx: Context, node: N.Node): NodeRuleViolation | undefined => {
  const pk = N.parentKey(node)
  const parent = pk === undefined ? undefined : ctx.get(pk)
  if (pk !== undefined && parent === undefined)
    return violation(node, "orphan", `${describe(node)} links to ${pk}, which does not exist`)
  const horizon = ctx.horizon
  const parentPeriod = parent === undefined || horizon === undefined ? undefined : N.periodOf(parent, horizon)
  switch (node._tag) {
    case "Direction":
    case "Goal":
      return undefined
    case "Program": {
      if (node.from > node.to)
        return violation(
          node,
          "badYears",
          `${describe(node)} runs from ${node.from} to ${node.to}: it ends before it starts`
        )
      if (horizon !== undefined && !inside(horizon, N.programPeriod(node))) {
        return violation(
          node,
          "periodOutsideParent",
          `${describe(node)} runs ${N.programPeriod(node)}, outside the strategic horizon ${horizon}`
        )
      }
      for (const g of node.alsoServes) {
        if (ctx.get(N.key("Goal", g)) === undefined)
          return violation(node, "orphan", `${describe(node)} also serves goal ${g}, which does not exist`)
      }
      const years = new Set<string>()
      for (const line of node.budget) {
        if (line.year < node.from || line.year > node.to) {
          return violation(
            node,
            "budgetOutsideProgram",
            `${describe(node)} has a budget for ${line.year}, outside its years ${N.programPeriod(node)}`
          )
        }
        if (years.has(line.year))
          return violation(node, "duplicateBudgetYear", `${describe(node)} has two budgets for ${line.year}`)
        years.add(line.year)
      }
      return undefined
    }
    case "PlanItem":
      if (parentPeriod !== undefined && !inside(parentPeriod, node.period)) {
        return violation(
          node,
          "periodOutsideParent",
          `${describe(node)} over ${node.period} lies outside ${pk} (${parentPeriod})`
        )
      }
      return undefined
    case "Activity": {
      if (!Period.contains(node.month, node.deadline)) {
        return violation(
          node,
          "deadlineOutsideMonth",
          `${describe(node)} is planned in ${node.month} with a deadline ${node.deadline} outside that month`
        )
      }
      if (parentPeriod !== undefined && !inside(parentPeriod, node.month)) {
        return violation(
          node,
          "periodOutsideParent",
          `${describe(node)} in ${node.month} lies outside ${pk} (${parentPeriod})`
        )
      }
      if (node.origin._tag === "StrategicGoal") {
        const goal = goalOf(ctx, node)
        if (goal !== undefined && goal !== node.origin.goal) {
          return violation(
            node,
            "originGoalMismatch",
            `${describe(node)} names goal ${node.origin.goal} as its origin but is traced to goal ${goal}`
          )
        }
      }
      return undefined
    }
    case "Measure":
      if (parentPeriod !== undefined && !Period.contains(parentPeriod, node.deadline)) {
        return violation(
          node,
          "periodOutsideParent",
          `${describe(node)} with deadline ${node.deadline} lies outside ${pk} (${parentPeriod})`
        )
      }
      return undefined
    case "Indicator": {
      const seen = new Set<string>()
      for (const t of node.indicator.targets) {
        if (seen.has(t.period))
          return violation(node, "duplicateTargetPeriod", `${describe(node)} has two targets for ${t.period}`)
        seen.add(t.period)
        if (parentPeriod !== undefined && !inside(parentPeriod, t.period)) {
          return violation(
            node,
            "targetOutsideNode",
            `${describe(node)} has a target for ${t.period}, outside ${pk} (${parentPeriod})`
          )
        }
      }
      return undefined
    }
  }
}

/**
 * Validates a whole tree: unique ids per kind, then every node's rules in
 * order. The first violation is answered, naming its node.
 */
export const validate = (tree: PlanTree): Either.Either<PlanTree, NodeRuleViolation> => {
  const map = new Map<string, N.Node>()
  for (const n of tree.nodes) {
    const k = N.keyOf(n)
    if (map.has(k)) return Either.left(violation(n, "duplicateId", `${describe(n)} appears twice`))
    map.set(k, n)
  }
  const ctx: Context = { horizon: tree.horizon, get: (k) => map.get(k) }
  for (const n of tree.nodes) {
    const v = checkNode(ctx, n)
    if (v !== undefined) return Either.left(v)
  }
  return Either.right(tree)
}

/** The nodes that link directly to a node (its children), in tree order. */
export const childrenOf = (nodes: ReadonlyArray<N.Node>, parent: N.Node): ReadonlyArray<N.Node> => {
  const k = N.keyOf(parent)
  return nodes.filter((n) => N.parentKey(n) === k)
}
