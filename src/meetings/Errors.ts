/**
 * Typed errors of the meetings area. They cross storage, HTTP and the bus,
 * so they are Schema classes; none carries personal data: they name the
 * field or the rule, never the applicant.
 *
 * @module
 */
import { Schema } from "effect"
import { MeetingId, QuestionId, ReceptionId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"

/**
 * Input from outside that is missing or malformed; `field` names it
 * (`format.place.address`). A malformed piece of personal data (an
 * applicant's name, a card's content, a roster name...) is never echoed in
 * the message: it says only what was expected.
 */
export class InvalidMeetingsInput extends Schema.TaggedError<InvalidMeetingsInput>()("InvalidMeetingsInput", {
  reason: Schema.Literal("missing", "malformed"),
  field: Schema.String,
  message: Schema.String
}) {}

/**
 * Something in person (a reception, a meeting, a card) on a day inside a
 * suspension period: only online ones can be held then.
 */
export class SuspendedInPerson extends Schema.TaggedError<SuspendedInPerson>()("SuspendedInPerson", {
  day: Day,
  suspendedFrom: Day,
  suspendedTo: Day,
  field: Schema.String,
  message: Schema.String
}) {}

/** The rules of a reception and its cards. */
export const ReceptionRule = Schema.Literal(
  "notScheduled",
  "alreadyScheduled",
  "cancelled",
  "closed",
  "alreadyStarted",
  "dayInThePast",
  "dayNotReached",
  "endBeforeStart",
  "alreadyOnline",
  "duplicateCard",
  "unknownCard",
  "oralAnswerNeedsConsent",
  "oralAnswerNeedsObviousFacts",
  "cardAnsweredOrally",
  "oneOralAppealPerCard",
  "unknownHandIn",
  "oneAppealPerHandIn",
  "referenceNotEarlier"
)
/** @see ReceptionRule */
export type ReceptionRule = typeof ReceptionRule.Type

/** A reception command that breaks a rule; `field` names the input at fault. */
export class ReceptionRuleViolation extends Schema.TaggedError<ReceptionRuleViolation>()("ReceptionRuleViolation", {
  reception: ReceptionId,
  rule: ReceptionRule,
  field: Schema.String,
  message: Schema.String
}) {}

/** The rules of an information meeting, its questions and minutes. */
export const MeetingRule = Schema.Literal(
  "notScheduled",
  "alreadyScheduled",
  "cancelled",
  "closed",
  "notHeld",
  "alreadyHeld",
  "heldInTheFuture",
  "heldOnAnotherDay",
  "dayInThePast",
  "alreadyOnline",
  "chairNotTakingPart",
  "duplicateOfficial",
  "rosterExceedsCount",
  "duplicateQuestion",
  "unknownQuestion",
  "alreadyDisposed",
  "notAParticipant",
  "deadlineInThePast",
  "duplicateInstruction",
  "notAnInstruction",
  "oneActivityPerInstruction",
  "notAnAppeal",
  "oneAppealPerQuestion",
  "noDraftMinutes",
  "onlyTheChairApproves"
)
/** @see MeetingRule */
export type MeetingRule = typeof MeetingRule.Type

/** A meeting command that breaks a rule; `field` names the input at fault. */
export class MeetingRuleViolation extends Schema.TaggedError<MeetingRuleViolation>()("MeetingRuleViolation", {
  meeting: MeetingId,
  rule: MeetingRule,
  field: Schema.String,
  message: Schema.String
}) {}

/** A meeting cannot be closed while questions have no disposition. */
export class QuestionsWithoutDisposition extends Schema.TaggedError<QuestionsWithoutDisposition>()(
  "QuestionsWithoutDisposition",
  {
    meeting: MeetingId,
    questions: Schema.NonEmptyArray(QuestionId),
    message: Schema.String
  }
) {}

/** The rules of suspension periods. */
export const SuspensionRule = Schema.Literal(
  "endBeforeStart",
  "notInTheFuture",
  "overlaps",
  "unknownSuspension",
  "notShorter",
  "endInThePast"
)
/** @see SuspensionRule */
export type SuspensionRule = typeof SuspensionRule.Type

/** A suspension command that breaks a rule. */
export class SuspensionRuleViolation extends Schema.TaggedError<SuspensionRuleViolation>()("SuspensionRuleViolation", {
  rule: SuspensionRule,
  field: Schema.String,
  message: Schema.String
}) {}

/** Any error of the meetings deciders. */
export const MeetingsError = Schema.Union(
  InvalidMeetingsInput,
  SuspendedInPerson,
  ReceptionRuleViolation,
  MeetingRuleViolation,
  QuestionsWithoutDisposition,
  SuspensionRuleViolation
)
/** @see MeetingsError */
export type MeetingsError = typeof MeetingsError.Type

/**
 * The loop was asked to link two records that do not belong together (an
 * appeal that is not the one a card asked for...), or to refuse a repeat
 * reception by reference to an appeal not answered on the merits.
 */
export class LoopMismatch extends Schema.TaggedError<LoopMismatch>()("LoopMismatch", {
  rule: Schema.Literal("notOral", "notWritten", "otherCard", "otherOrigin", "notAnActivity", "notAnsweredOnTheMerits"),
  message: Schema.String
}) {}
