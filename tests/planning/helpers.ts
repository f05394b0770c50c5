import { Either } from "effect"
import { Decider } from "../../src/kernel/index.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

/** Builds every plan of a tree through the deciders, upper plans first; throws on a rejection (a test failure). */
export const buildAll = (tree: H.PlanTree) => {
  const states = new Map<string, Plan.State>()
  const events = new Map<string, ReadonlyArray<Plan.Event>>()
  const upperNodes: Array<N.Node> = []
  for (const p of PA.split(tree)) {
    const ctx = p.kind === "strategic" ? H.emptyContext : H.context(tree.horizon, upperNodes)
    const r = Decider.run(Plan.decider(ctx), PA.buildCommands(p))
    if (Either.isLeft(r)) throw new Error(`plan ${p.plan} rejected: ${r.left.message}`)
    states.set(p.plan, r.right.state)
    events.set(p.plan, r.right.events)
    if (p.kind === "strategic" || p.kind === "annual") upperNodes.push(...p.nodes)
  }
  return { states, events, upper: H.context(tree.horizon, upperNodes) }
}

export const sortedKeys = (nodes: ReadonlyArray<N.Node>) => nodes.map(N.keyOf).sort()
