/**
 * Plan commands for the conformance kit: the commands that create, fill and
 * approve one plan holding activities, from a generated plan tree (a fixed
 * sample, so the pool is the same in every run). Drawn in random order,
 * additions after the creation are accepted, repeats and additions before
 * it refused.
 */
import { FastCheck as fc } from "effect"
import * as H from "../../src/planning/Hierarchy.js"
import type * as Plan from "../../src/planning/Plan.js"
import * as PlanStore from "../../src/planning/PlanStore.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

const hasActivities = (tree: Parameters<typeof PA.split>[0]) => PA.split(tree).some((p) => p.nodes.some((n) => n._tag === "Activity"))

const tree = fc.sample(PA.planTree({ maxYears: 1 }), { numRuns: 100, seed: 20210115 }).find(hasActivities)
if (tree === undefined) throw new Error("no sampled plan tree holds an activity")

const plans = PA.split(tree)
const at = Math.max(0, plans.findIndex((p) => p.nodes.some((n) => n._tag === "Activity")))

/** The plan aggregate deciding with the plans above the chosen one as its context. */
export const definition = PlanStore.makeDefinition(H.context(tree.horizon, plans.slice(0, at).flatMap((p) => p.nodes)))

/** The pool: the commands of the tree's first plan that holds activities (its creation first). */
export const pool: ReadonlyArray<Plan.Command> = PA.buildCommands(plans[at]!)

/** A plan command from the pool; creations weigh more so that additions find their plan. */
export const command: fc.Arbitrary<Plan.Command> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...pool.filter((c) => c._tag === "CreatePlan")) },
  { weight: 3, arbitrary: fc.constantFrom(...pool) }
)

/** The plan streams commands are spread over. */
export const ids: ReadonlyArray<string> = ["plan-1", "plan-2"]
