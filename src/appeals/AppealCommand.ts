/**
 * Commands of the appeal decider. Every command names its appeal (one
 * stream per appeal) and carries its instant and actor; time enters only as
 * data.
 *
 * Data from outside is decoded with {@link decode}: a missing or malformed
 * field is an {@link AppealError.InvalidAppealInput} naming the field.
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import { ActorId, AppealId, DivisionId, OfficialId, ReceptionCardId } from "../kernel/Ids.js"
import { Instant } from "../kernel/TimeZone.js"
import {
  Addressee,
  AnswerDocumentDraft,
  AppealText,
  AppealType,
  Applicant,
  ExecutorRef,
  Kind,
  NoAnswerGround,
  NoticeSent,
  ProtectedSecret,
  PublishedAnswerUrl,
  QuestionResults,
  RegistrationNumber,
  Result
} from "./Appeal.js"
import { InvalidAppealInput } from "./AppealError.js"
import { AppealTopicCode } from "./Topic.js"
import * as Decode from "../kernel/Decode.js"

const Common = {
  appealId: AppealId,
  /** When the command was given (the clock is read at the edge). */
  at: Instant,
  actor: ActorId
}

/** The notice to the applicant the act is told by, when it was sent (a recorded act: channel and instant). */
const WithNotice = {
  notice: Schema.optionalWith(NoticeSent, { exact: true })
}

const Registration = {
  ...Common,
  registrationNumber: RegistrationNumber,
  kind: Kind,
  type: AppealType,
  addressee: Addressee,
  applicant: Schema.optionalWith(Applicant, { exact: true }),
  text: AppealText,
  topics: Schema.NonEmptyArray(AppealTopicCode),
  relatedAppeals: Schema.Array(AppealId),
  /** The number of citizens who signed it (a collective appeal: two or more). */
  signatories: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true }),
  receivedAt: Instant
}

/** Registers a written or electronic appeal. // 59-FZ art. 8 p. 2 */
export class RegisterAppeal extends Schema.TaggedClass<RegisterAppeal>()("RegisterAppeal", {
  ...Registration,
  channel: Schema.Literal("written", "electronic"),
  /** The citizen's account that submitted it electronically (see `AppealFacts.submittedBy`); absent when staff register it. */
  submittedBy: Schema.optionalWith(ActorId, { exact: true })
}) {}

/**
 * Registers an oral appeal made at a personal reception: its content is
 * entered in the reception card. The meetings area issues it from a card.
 * // 59-FZ art. 13 p. 3
 */
export class RegisterOralAppeal extends Schema.TaggedClass<RegisterOralAppeal>()("RegisterOralAppeal", {
  ...Registration,
  receptionCard: ReceptionCardId,
  receivedBy: OfficialId
}) {}

/** Forwards an appeal outside the administration's competence to the competent body. // 59-FZ art. 8 p. 3 */
export class ForwardByCompetence extends Schema.TaggedClass<ForwardByCompetence>()("ForwardByCompetence", {
  ...Common,
  ...WithNotice,
  to: Schema.Trimmed.pipe(Schema.minLength(1))
}) {}

/** Assigns (or reassigns) the appeal to a division for consideration. */
export class AssignToDivision extends Schema.TaggedClass<AssignToDivision>()("AssignToDivision", {
  ...Common,
  division: DivisionId
}) {}

/**
 * Names the executor of an appeal under consideration and the co-executors,
 * all of the division it is assigned to (each given with their division,
 * as resolved from the organisation: `Appeal.executorIn`).
 */
export class AssignExecutors extends Schema.TaggedClass<AssignExecutors>()("AssignExecutors", {
  ...Common,
  executor: ExecutorRef,
  coExecutors: Schema.Array(ExecutorRef)
}) {}

/** The head extends the term of consideration, notifying the applicant. // 59-FZ art. 12 p. 2 */
export class ExtendTerm extends Schema.TaggedClass<ExtendTerm>()("ExtendTerm", {
  ...Common,
  ...WithNotice,
  days: Schema.Int.pipe(Schema.between(1, 30)),
  reason: Schema.Trimmed.pipe(Schema.minLength(1))
}) {}

/** Answers on the merits in writing or electronically. // 59-FZ art. 10 p. 1 item 4, art. 10 p. 4 */
export class AnswerOnMerits extends Schema.TaggedClass<AnswerOnMerits>()("AnswerOnMerits", {
  ...Common,
  /** The result of the appeal: of its main question, and of every question not listed in `questionResults`. */
  result: Result,
  form: Schema.Literal("written", "electronic"),
  /** Results of single questions (topics of the appeal) that differ from `result`. */
  questionResults: Schema.optionalWith(QuestionResults, { exact: true }),
  /** The answer document: outgoing number, date, signing official (its form is `form`). */
  document: Schema.optionalWith(AnswerDocumentDraft, { exact: true })
}) {}

/**
 * Answers an oral appeal orally, during the reception: allowed only with
 * the applicant's consent when the facts are obvious. // 59-FZ art. 13 p. 3
 */
export class AnswerOrally extends Schema.TaggedClass<AnswerOrally>()("AnswerOrally", {
  ...Common,
  result: Result,
  applicantConsented: Schema.Boolean,
  factsObvious: Schema.Boolean
}) {}

/** Leaves the appeal without an answer on the merits on an art. 11 ground. // 59-FZ art. 11 p. 1, 3, 4, 4.1 */
export class LeaveWithoutAnswer extends Schema.TaggedClass<LeaveWithoutAnswer>()("LeaveWithoutAnswer", {
  ...Common,
  ...WithNotice,
  ground: NoAnswerGround
}) {}

/** An anonymous appeal reporting a crime is forwarded to the competent body. // 59-FZ art. 11 p. 1 */
export class ForwardCrimeReport extends Schema.TaggedClass<ForwardCrimeReport>()("ForwardCrimeReport", {
  ...Common,
  to: Schema.Trimmed.pipe(Schema.minLength(1))
}) {}

/**
 * The head ends the correspondence on a repeated appeal with no new
 * arguments on a question answered on the merits several times. // 59-FZ art. 11 p. 5
 */
export class EndCorrespondence extends Schema.TaggedClass<EndCorrespondence>()("EndCorrespondence", {
  ...Common,
  ...WithNotice
}) {}

/**
 * Answers a later appeal on a question whose correspondence was ended, by
 * reference to that decision (`decision`: the appeal in which it was taken,
 * one of the linked appeals). // 59-FZ art. 11 p. 5
 */
export class AnswerByReference extends Schema.TaggedClass<AnswerByReference>()("AnswerByReference", {
  ...Common,
  decision: AppealId
}) {}

/**
 * Returns an appeal that contests a court decision, within 7 days of
 * registration, with an explanation of how that decision is appealed.
 * // 59-FZ art. 11 p. 2
 */
export class ReturnCourtDecisionAppeal extends Schema.TaggedClass<ReturnCourtDecisionAppeal>()(
  "ReturnCourtDecisionAppeal",
  {
    ...Common,
    ...WithNotice,
    /** How the court decision is appealed (the court, the procedure), as told to the applicant. */
    explanation: Schema.Trimmed.pipe(Schema.minLength(1))
  }
) {}

/**
 * Tells the applicant, within 7 days of registration, the address on the
 * body's official site of the text that already answers the question.
 * // 59-FZ art. 11 p. 5.1 (the text published under art. 10 p. 4)
 */
export class ReferToPublishedAnswer extends Schema.TaggedClass<ReferToPublishedAnswer>()("ReferToPublishedAnswer", {
  ...Common,
  ...WithNotice,
  url: PublishedAnswerUrl
}) {}

/**
 * Tells the applicant that no answer on the merits can be given without
 * disclosing a state or other protected secret. // 59-FZ art. 11 p. 6
 */
export class DeclineForSecrecy extends Schema.TaggedClass<DeclineForSecrecy>()("DeclineForSecrecy", {
  ...Common,
  ...WithNotice,
  secret: ProtectedSecret
}) {}

/**
 * Sends copies of the appeal to the other bodies or officials whose
 * competence its questions belong to, within 7 days of registration; the
 * appeal stays open for the questions of this administration.
 * // 59-FZ art. 8 p. 4
 */
export class SendCopies extends Schema.TaggedClass<SendCopies>()("SendCopies", {
  ...Common,
  /** The bodies or officials, each once. */
  to: Schema.NonEmptyArray(Schema.Trimmed.pipe(Schema.minLength(1)))
}) {}

/** Every command of the appeal decider. */
export const AppealCommand = Schema.Union(
  RegisterAppeal,
  RegisterOralAppeal,
  ForwardByCompetence,
  AssignToDivision,
  AssignExecutors,
  ExtendTerm,
  AnswerOnMerits,
  AnswerOrally,
  LeaveWithoutAnswer,
  ForwardCrimeReport,
  EndCorrespondence,
  AnswerByReference,
  ReturnCourtDecisionAppeal,
  ReferToPublishedAnswer,
  DeclineForSecrecy,
  SendCopies
)
/** @see AppealCommand */
export type AppealCommand = typeof AppealCommand.Type

const decodeCommand = Decode.unknownEither(AppealCommand)

/** The path of the first issue of a parse error, as `a.b[0].c`. */
export const issuePath = (
  e: ParseResult.ParseError
): { readonly path: string; readonly missing: boolean; readonly message: string } => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
  const path = (issue?.path ?? [])
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("")
  return { path, missing: issue?._tag === "Missing", message: issue?.message ?? "invalid input" }
}

/**
 * Decodes a command from outside data (e.g. JSON). A missing or malformed
 * field is an {@link InvalidAppealInput} naming it; nothing is registered.
 */
export const decode = (input: unknown): Either.Either<AppealCommand, InvalidAppealInput> =>
  Either.mapLeft(decodeCommand(input, { errors: "first", onExcessProperty: "ignore" }), (e) => {
    const { message, missing, path } = issuePath(e)
    return new InvalidAppealInput({
      reason: missing ? "missing" : "malformed",
      field: path,
      message: `${path === "" ? "command" : path}: ${message}`
    })
  })

/** Encodes a command for storage or transport (personal data included, in clear: the storage keeps it). */
export const encode = Schema.encodeSync(AppealCommand)
