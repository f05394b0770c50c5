/**
 * The typed errors of planning. Each names the node, plan or report it is
 * about and the rule broken; a command answered with an error changes
 * nothing.
 *
 * @module
 */
import { Schema } from "effect"
import { ActivityId, DivisionId, PlanId } from "../kernel/Ids.js"
import { NodeRef } from "./Node.js"

/** The rules a node can break. */
export const NodeRule = Schema.Literal(
  "duplicateId",
  "orphan",
  "periodOutsideParent",
  "periodOutsidePlan",
  "deadlineOutsideMonth",
  "badYears",
  "budgetOutsideProgram",
  "duplicateBudgetYear",
  "duplicateTargetPeriod",
  "targetOutsideNode",
  "originGoalMismatch",
  "kindNotInPlan",
  "unknownNode",
  "hasChildren",
  "stillLinked"
)
/** @see NodeRule */
export type NodeRule = typeof NodeRule.Type

/** A node breaks a rule of the hierarchy. */
export class NodeRuleViolation extends Schema.TaggedError<NodeRuleViolation>()("NodeRuleViolation", {
  node: NodeRef,
  rule: NodeRule,
  message: Schema.String
}) {}

/** The rules of a plan's lifecycle. */
export const LifecycleRule = Schema.Literal(
  "notCreated",
  "alreadyCreated",
  "notEditable",
  "notApproved",
  "notAmendable",
  "closed",
  "wrongPlanKind",
  "periodKind",
  "periodOutsideHorizon",
  "actOutOfOrder",
  "actNumberReused",
  "nothingToApprove"
)
/** @see LifecycleRule */
export type LifecycleRule = typeof LifecycleRule.Type

/** A command does not fit the plan's lifecycle. */
export class LifecycleViolation extends Schema.TaggedError<LifecycleViolation>()("LifecycleViolation", {
  plan: Schema.String,
  rule: LifecycleRule,
  message: Schema.String
}) {}

/** A report lacks an entry for an activity (or measure) it must cover. */
export class MissingReportEntry extends Schema.TaggedError<MissingReportEntry>()("MissingReportEntry", {
  plan: PlanId,
  division: Schema.optionalWith(DivisionId, { exact: true }),
  activity: ActivityId,
  message: Schema.String
}) {}

/** A report has an entry for an activity (or measure) it must not cover. */
export class ExtraReportEntry extends Schema.TaggedError<ExtraReportEntry>()("ExtraReportEntry", {
  plan: PlanId,
  division: Schema.optionalWith(DivisionId, { exact: true }),
  activity: ActivityId,
  message: Schema.String
}) {}

/** The rules of a report's content. */
export const ReportRule = Schema.Literal(
  "alreadySubmitted",
  "monthOutOfOrder",
  "duplicateEntry",
  "quarterOutOfOrder",
  "quarterOutsidePlan",
  "moveNotLater",
  "doneAfterPeriod",
  "unknownIndicator",
  "valueKindMismatch",
  "duplicateActual",
  "actualOutsideNode"
)
/** @see ReportRule */
export type ReportRule = typeof ReportRule.Type

/** A report breaks a rule (the activity or indicator is named when the rule is about one). */
export class ReportRuleViolation extends Schema.TaggedError<ReportRuleViolation>()("ReportRuleViolation", {
  plan: PlanId,
  rule: ReportRule,
  subject: Schema.String,
  message: Schema.String
}) {}

/** A command that could not be decoded from outside data. */
export class InvalidPlanCommand extends Schema.TaggedError<InvalidPlanCommand>()("InvalidPlanCommand", {
  path: Schema.String,
  message: Schema.String
}) {}

/** Any error a planning decider answers. */
export type PlanError =
  | NodeRuleViolation
  | LifecycleViolation
  | MissingReportEntry
  | ExtraReportEntry
  | ReportRuleViolation

/** The Schema of {@link PlanError}. */
export const PlanError = Schema.Union(
  NodeRuleViolation,
  LifecycleViolation,
  MissingReportEntry,
  ExtraReportEntry,
  ReportRuleViolation
)
