/**
 * Typed errors of the appeal area. They cross storage, HTTP and the bus, so
 * they are Schema classes; none carries personal data.
 *
 * @module
 */
import { Schema } from "effect"
import { Day } from "../kernel/Period.js"
import { MalformedTopicCode, UnknownTopic } from "./Topic.js"

/** The state tags an appeal can be in. */
export const StateTag = Schema.Literal("Unregistered", "Registered", "UnderConsideration", "Closed")
/** @see StateTag */
export type StateTag = typeof StateTag.Type

/**
 * Input that is missing, malformed, or inconsistent with itself or with the
 * appeal (an instant before receipt, a registration number of another
 * year...). `field` names the field.
 */
export class InvalidAppealInput extends Schema.TaggedError<InvalidAppealInput>()("InvalidAppealInput", {
  reason: Schema.Literal("missing", "malformed", "inconsistent"),
  field: Schema.String,
  message: Schema.String
}) {}

/** A command the appeal's state does not allow (answering a closed appeal, answering before assignment...). */
export class TransitionNotAllowed extends Schema.TaggedError<TransitionNotAllowed>()("TransitionNotAllowed", {
  command: Schema.String,
  state: StateTag,
  message: Schema.String
}) {}

/** An extension the law does not allow. // 59-FZ art. 12 p. 2 */
export class ExtensionRefused extends Schema.TaggedError<ExtensionRefused>()("ExtensionRefused", {
  reason: Schema.Literal("dueDatePassed", "totalExceedsLimit"),
  requestedDays: Schema.Int,
  extendedSoFar: Schema.Int,
  limit: Schema.Int,
  answerDue: Day,
  on: Day,
  message: Schema.String
}) {}

/** No address to send the answer to in the requested form. // 59-FZ art. 10 p. 4, art. 11 p. 1 */
export class NoAddressForAnswer extends Schema.TaggedError<NoAddressForAnswer>()("NoAddressForAnswer", {
  form: Schema.Literal("written", "electronic"),
  message: Schema.String
}) {}

/** An oral answer that art. 13 does not allow. // 59-FZ art. 13 p. 3 */
export class OralAnswerNotAllowed extends Schema.TaggedError<OralAnswerNotAllowed>()("OralAnswerNotAllowed", {
  reason: Schema.Literal("notOralAppeal", "noConsent", "factsNotObvious"),
  message: Schema.String
}) {}

/** An art. 11 disposition (or art. 8 p. 4 copies) whose conditions do not hold; the message cites the rule. // 59-FZ art. 8 p. 4, art. 11 */
export class GroundDoesNotApply extends Schema.TaggedError<GroundDoesNotApply>()("GroundDoesNotApply", {
  ground: Schema.Literal(
    "anonymous",
    "crimeReport",
    "endOfCorrespondence",
    "answerByReference",
    "courtDecision",
    "publishedAnswer",
    "secret",
    "severalBodies"
  ),
  message: Schema.String
}) {}

/**
 * A notice to the applicant that cannot have been sent as recorded: there is
 * nobody to tell (no name and address: 59-FZ art. 11 p. 1), no address for
 * its channel, or it precedes the act it tells of. `field` names the input.
 */
export class NoticeRefused extends Schema.TaggedError<NoticeRefused>()("NoticeRefused", {
  reason: Schema.Literal("noApplicantToTell", "noAddressForChannel", "beforeTheAct"),
  field: Schema.String,
  message: Schema.String
}) {}

/** A due date cannot be computed (the production calendar does not cover the day, or a bad instant). */
export class DeadlineUnavailable extends Schema.TaggedError<DeadlineUnavailable>()("DeadlineUnavailable", {
  /** The field whose day the calendar cannot count from (a day before 2019 or a due date past 2199), when known. */
  field: Schema.optionalWith(Schema.String, { exact: true }),
  message: Schema.String
}) {}

/** Every error the appeal decider answers. */
export const AppealError = Schema.Union(
  InvalidAppealInput,
  TransitionNotAllowed,
  ExtensionRefused,
  NoAddressForAnswer,
  OralAnswerNotAllowed,
  GroundDoesNotApply,
  NoticeRefused,
  DeadlineUnavailable,
  UnknownTopic,
  MalformedTopicCode
)
/** @see AppealError */
export type AppealError = typeof AppealError.Type
