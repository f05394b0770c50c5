/**
 * Rollups: the completion of a node computed from its children by an
 * explicit strategy. Pure functions, never stored.
 *
 * - `shareDone`: the share of children that are complete (completion 1);
 * - `weighted`: the sum of weight x completion, with weights validated to be
 *   non-negative and to sum to 1 (within 1e-9);
 * - `worst`: the least complete child.
 *
 * A rollup is compositional: rolling up a tree equals rolling up each
 * child's subtree, replacing it by a leaf with that value, and rolling up
 * the root ({@link collapse}).
 *
 * @example
 * ```ts
 * import { Planning } from "cityhall"
 *
 * const tree: Planning.Rollup.RollupTree = {
 *   _tag: "Branch", id: "goal-1", strategy: "weighted",
 *   children: [
 *     { weight: 0.75, tree: { _tag: "Leaf", id: "program-1", completion: 1 } },
 *     { weight: 0.25, tree: { _tag: "Branch", id: "program-2", strategy: "shareDone", children: [
 *       { tree: { _tag: "Leaf", id: "a-1", completion: 1 } },
 *       { tree: { _tag: "Leaf", id: "a-2", completion: 0.4 } } ] } }
 *   ]
 * }
 * Planning.Rollup.rollup(tree) // Either.right(0.875): 0.75 * 1 + 0.25 * (1 of 2 done)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type * as H from "./Hierarchy.js"
import * as N from "./Node.js"
import type { Execution } from "./Report.js"

/** The strategies. */
export const Strategy = Schema.Literal("shareDone", "weighted", "worst")
/** @see Strategy */
export type Strategy = typeof Strategy.Type

/** A completion between 0 and 1. */
export const Completion = Schema.Number.pipe(Schema.between(0, 1))

/** A leaf: a node whose completion is known (an activity's execution). */
export interface Leaf {
  readonly _tag: "Leaf"
  readonly id: string
  readonly completion: number
}
/** A child of a branch, with its weight under the `weighted` strategy. */
export interface Child {
  readonly weight?: number
  readonly tree: RollupTree
}
/** A branch: a node rolled up from its children by a strategy. */
export interface Branch {
  readonly _tag: "Branch"
  readonly id: string
  readonly strategy: Strategy
  readonly children: ReadonlyArray<Child>
}
/** A tree to roll up. */
export type RollupTree = Leaf | Branch

/** The Schema of a {@link Leaf}. */
export const Leaf: Schema.Schema<Leaf> = Schema.TaggedStruct("Leaf", { id: Schema.String, completion: Completion })
/** The Schema of a {@link Child}. */
export const Child: Schema.Schema<Child> = Schema.Struct({
  weight: Schema.optionalWith(Schema.Number.pipe(Schema.finite()), { exact: true }),
  tree: Schema.suspend((): Schema.Schema<RollupTree> => RollupTree)
})
/** The Schema of a {@link Branch}. */
export const Branch: Schema.Schema<Branch> = Schema.TaggedStruct("Branch", {
  id: Schema.String,
  strategy: Strategy,
  children: Schema.Array(Child)
})
/** The Schema of a {@link RollupTree}. */
export const RollupTree: Schema.Schema<RollupTree> = Schema.Union(Leaf, Branch)

/** A rollup that cannot be computed: names the node and the rule. */
export class RollupError extends Schema.TaggedError<RollupError>()("RollupError", {
  node: Schema.String,
  rule: Schema.Literal("noChildren", "missingWeight", "negativeWeight", "weightsNotOne"),
  message: Schema.String
}) {}

/** The tolerance on the sum of weights. */
export const WEIGHT_TOLERANCE = 1e-9

/** Validates the weights of a weighted branch. */
export const validateWeights = (
  node: string,
  children: ReadonlyArray<Child>
): Either.Either<ReadonlyArray<number>, RollupError> => {
  const weights: Array<number> = []
  for (const [i, c] of children.entries()) {
    if (c.weight === undefined)
      return Either.left(
        new RollupError({ node, rule: "missingWeight", message: `child ${i} (${c.tree.id}) of ${node} has no weight` })
      )
    if (c.weight < 0)
      return Either.left(
        new RollupError({
          node,
          rule: "negativeWeight",
          message: `child ${i} (${c.tree.id}) of ${node} has a negative weight ${c.weight}`
        })
      )
    weights.push(c.weight)
  }
  const sum = weights.reduce((a, b) => a + b, 0)
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
    return Either.left(
      new RollupError({
        node,
        rule: "weightsNotOne",
        message: `the weights of ${node}'s children sum to ${sum}, not 1`
      })
    )
  return Either.right(weights)
}

/** Combines children's completions by a strategy (the root step of a rollup). */
export const combine = (
  node: string,
  strategy: Strategy,
  children: ReadonlyArray<Child>,
  values: ReadonlyArray<number>
): Either.Either<number, RollupError> => {
  if (values.length === 0)
    return Either.left(new RollupError({ node, rule: "noChildren", message: `${node} has no children to roll up` }))
  switch (strategy) {
    case "shareDone":
      return Either.right(values.filter((v) => v === 1).length / values.length)
    case "worst":
      return Either.right(Math.min(...values))
    case "weighted":
      return Either.map(validateWeights(node, children), (ws) =>
        Math.min(
          1,
          Math.max(
            0,
            ws.reduce((acc, w, i) => acc + w * (values[i] ?? 0), 0)
          )
        )
      )
  }
}

/** The completion of a tree's root, or the first error (depth first) naming its node. */
export const rollup = (tree: RollupTree): Either.Either<number, RollupError> => {
  if (tree._tag === "Leaf") return Either.right(tree.completion)
  const values: Array<number> = []
  for (const c of tree.children) {
    const v = rollup(c.tree)
    if (Either.isLeft(v)) return v
    values.push(v.right)
  }
  return combine(tree.id, tree.strategy, tree.children, values)
}

/** The tree with each child of the root replaced by a leaf carrying its rolled-up value. */
export const collapse = (tree: RollupTree): Either.Either<RollupTree, RollupError> => {
  if (tree._tag === "Leaf") return Either.right(tree)
  const children: Array<Child> = []
  for (const c of tree.children) {
    const v = rollup(c.tree)
    if (Either.isLeft(v)) return Either.left(v.left)
    const leaf: Leaf = { _tag: "Leaf", id: c.tree.id, completion: v.right }
    children.push(c.weight === undefined ? { tree: leaf } : { weight: c.weight, tree: leaf })
  }
  return Either.right({ ...tree, children })
}

/** The completion of an activity from its reported execution: 1 when done, 0 otherwise. */
export const completionOf = (execution: Execution | undefined): number => (execution?._tag === "Done" ? 1 : 0)

/** Options of {@link fromHierarchy}. */
export interface FromHierarchyOptions {
  /** The strategy of every node that is not an activity. */
  readonly strategyOf: (node: N.Node) => Strategy
  /** The weight of a node under a weighted parent. */
  readonly weightOf?: (node: N.Node) => number
  /** The completion of an activity (defaults to {@link completionOf} of nothing: 0). */
  readonly completion: (activity: N.Activity) => number
}

/**
 * The rollup tree of a node of a plan tree: activities are leaves, every
 * other node a branch over the nodes that link to it (programs, plan items,
 * activities; indicators and measures left out). A node without children is
 * a leaf at 0: nothing has been done for it.
 */
export const fromHierarchy = (tree: H.PlanTree, root: N.Node, options: FromHierarchyOptions): RollupTree => {
  const byParent = new Map<string, Array<N.Node>>()
  for (const n of tree.nodes) {
    if (n._tag === "Indicator" || n._tag === "Measure") continue
    const pk = N.parentKey(n)
    if (pk === undefined) continue
    const list = byParent.get(pk) ?? []
    list.push(n)
    byParent.set(pk, list)
  }
  const build = (node: N.Node): RollupTree => {
    const id = N.keyOf(node)
    if (node._tag === "Activity") return { _tag: "Leaf", id, completion: options.completion(node) }
    const kids = byParent.get(id) ?? []
    if (kids.length === 0) return { _tag: "Leaf", id, completion: 0 }
    const weightOf = options.weightOf
    return {
      _tag: "Branch",
      id,
      strategy: options.strategyOf(node),
      children: kids.map((k) => (weightOf === undefined ? { tree: build(k) } : { weight: weightOf(k), tree: build(k) }))
    }
  }
  return build(root)
}
