/**
 * The upward link of a planned activity that executes a Duma instruction:
 * a strategic goal, a municipal target program or an item of the annual
 * plan (the planning area's `Link`, same shape).
 *
 * @module
 */
import { Schema } from "effect"
import { GoalId, PlanItemId, ProgramId } from "../kernel/Ids.js"

/** The link of a planned activity up to a goal, a program or an annual plan item. */
export const ActivityLink = Schema.Union(
  Schema.TaggedStruct("Goal", { id: GoalId }),
  Schema.TaggedStruct("Program", { id: ProgramId }),
  Schema.TaggedStruct("PlanItem", { id: PlanItemId })
).annotations({ identifier: "ActivityLink" })
/** @see ActivityLink */
export type ActivityLink = typeof ActivityLink.Type
