/**
 * Links and origins of planned work.
 *
 * A {@link Link} is the single upward edge of a node of the planning
 * hierarchy (an activity implements a plan item, a program or a goal); an
 * {@link Origin} says why an activity exists — the strategy itself, an
 * appeal-analysis recommendation, a question raised at an information
 * meeting, an instruction, or a City Duma decision. The two are separate:
 * an activity taken from a meeting question still links up to the plan item,
 * program or goal it serves, so it is traceable to a strategic goal.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Planning } from "cityhall"
 *
 * const origin = Schema.decodeUnknownSync(Planning.Link.Origin)({ _tag: "MeetingQuestion", meeting: "m-1", question: "q-3" })
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import {
  DocumentId,
  GoalId,
  InstructionId,
  MeetingId,
  PlanItemId,
  ProgramId,
  QuestionId,
  RecommendationId,
  SessionId
} from "../kernel/Ids.js"

/** A link up to a strategic goal. */
export const GoalLink = Schema.TaggedStruct("Goal", { id: GoalId })
/** A link up to a municipal target program. */
export const ProgramLink = Schema.TaggedStruct("Program", { id: ProgramId })
/** A link up to an item of an annual plan of main activities. */
export const PlanItemLink = Schema.TaggedStruct("PlanItem", { id: PlanItemId })

/** The upward link of a plan item or an activity: a goal, a program or an annual plan item. */
export const Link = Schema.Union(GoalLink, ProgramLink, PlanItemLink).annotations({ identifier: "Link" })
/** @see Link */
export type Link = typeof Link.Type

/** What a plan item may link to (a goal or a program: never another plan item). */
export const ItemLink = Schema.Union(GoalLink, ProgramLink).annotations({ identifier: "ItemLink" })
/** @see ItemLink */
export type ItemLink = typeof ItemLink.Type

/** The activity implements a strategic goal directly (planned top-down). */
export const StrategicGoalOrigin = Schema.TaggedStruct("StrategicGoal", { goal: GoalId })
/** The activity is a measure recommended by the monthly analysis of appeals. */
export const RecommendationOrigin = Schema.TaggedStruct("Recommendation", { recommendation: RecommendationId })
/** The activity answers a question raised at an information meeting. */
export const MeetingQuestionOrigin = Schema.TaggedStruct("MeetingQuestion", {
  meeting: MeetingId,
  question: QuestionId
})
/** The activity executes an instruction (поручение). */
export const InstructionOrigin = Schema.TaggedStruct("Instruction", { instruction: InstructionId })
/** The activity follows up a decision of the City Duma (its document, and the session if known). */
export const DumaDecisionOrigin = Schema.TaggedStruct("DumaDecision", {
  decision: DocumentId,
  session: Schema.optionalWith(SessionId, { exact: true })
})

/**
 * Why an activity exists. Open to new kinds: add a tagged struct here and
 * the rest of planning treats it as opaque data.
 */
export const Origin = Schema.Union(
  StrategicGoalOrigin,
  RecommendationOrigin,
  MeetingQuestionOrigin,
  InstructionOrigin,
  DumaDecisionOrigin
).annotations({ identifier: "Origin" })
/** @see Origin */
export type Origin = typeof Origin.Type

/** The storage key of a link's target (`"Goal:g-1"`). */
export const keyOfLink = (link: Link): string => `${link._tag}:${link.id}`
