/**
 * Events of the appeal decider: the appeal's full history. Each event names
 * its appeal, its actor, its instant and the instant's local day (`on`, in
 * the administration's time zone, fixed when the event was decided).
 *
 * @module
 */
import { Schema } from "effect"
import { ActorId, AppealId, DivisionId, OfficialId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import {
  AnswerDocument,
  AnswerForm,
  AppealFacts,
  Dues,
  NoAnswerGround,
  NoticeAct,
  ProtectedSecret,
  QuestionResults,
  Result
} from "./Appeal.js"
import * as Decode from "../kernel/Decode.js"

const Common = {
  appealId: AppealId,
  at: Instant,
  on: Day,
  actor: ActorId
}

/** The notice to the applicant, when it was recorded (absent in events stored before notices were acts). */
const WithNotice = {
  notice: Schema.optionalWith(NoticeAct, { exact: true })
}

/** The appeal was registered (written, electronic, or oral from a reception card). // 59-FZ art. 8 p. 2, art. 13 p. 3 */
export class AppealRegistered extends Schema.TaggedClass<AppealRegistered>()("AppealRegistered", {
  ...Common,
  appeal: AppealFacts,
  dues: Dues
}) {}

/** The appeal was forwarded to the competent body; the applicant is notified. // 59-FZ art. 8 p. 3 */
export class AppealForwardedByCompetence extends Schema.TaggedClass<AppealForwardedByCompetence>()(
  "AppealForwardedByCompetence",
  {
    ...Common,
    ...WithNotice,
    to: Schema.String,
    applicantNotified: Schema.Boolean
  }
) {}

/** The appeal was assigned (or reassigned) to a division. */
export class AppealAssigned extends Schema.TaggedClass<AppealAssigned>()("AppealAssigned", {
  ...Common,
  division: DivisionId
}) {}

/** The executor and the co-executors of the appeal were named, within its division. */
export class AppealExecutorsAssigned extends Schema.TaggedClass<AppealExecutorsAssigned>()("AppealExecutorsAssigned", {
  ...Common,
  division: DivisionId,
  executor: OfficialId,
  coExecutors: Schema.Array(OfficialId)
}) {}

/** The term was extended; the applicant is notified. // 59-FZ art. 12 p. 2 */
export class AppealTermExtended extends Schema.TaggedClass<AppealTermExtended>()("AppealTermExtended", {
  ...Common,
  ...WithNotice,
  days: Schema.Int,
  totalExtensionDays: Schema.Int,
  reason: Schema.String,
  /** The new answer due date. */
  answerDue: Day,
  applicantNotified: Schema.Boolean
}) {}

/** The appeal was answered on the merits. // 59-FZ art. 10 p. 1 item 4, art. 13 p. 3 */
export class AppealAnswered extends Schema.TaggedClass<AppealAnswered>()("AppealAnswered", {
  ...Common,
  result: Result,
  form: AnswerForm,
  /** Results of single questions that differ from `result` (absent: every question has `result`). */
  questionResults: Schema.optionalWith(QuestionResults, { exact: true }),
  /** The answer document, when recorded (absent in events stored before, and for an oral answer). */
  document: Schema.optionalWith(AnswerDocument, { exact: true })
}) {}

/** The appeal was left without an answer on the merits on an art. 11 ground. // 59-FZ art. 11 p. 1, 3, 4, 4.1 */
export class AppealLeftWithoutAnswer extends Schema.TaggedClass<AppealLeftWithoutAnswer>()("AppealLeftWithoutAnswer", {
  ...Common,
  ...WithNotice,
  ground: NoAnswerGround,
  /** Whether the applicant is told (of the abuse, of the unreadable text...): only when a name and address are known. */
  applicantNotified: Schema.Boolean
}) {}

/** An anonymous appeal reporting a crime was forwarded to the competent body. // 59-FZ art. 11 p. 1 */
export class CrimeReportForwarded extends Schema.TaggedClass<CrimeReportForwarded>()("CrimeReportForwarded", {
  ...Common,
  to: Schema.String
}) {}

/** The head ended the correspondence on the question. // 59-FZ art. 11 p. 5 */
export class CorrespondenceEnded extends Schema.TaggedClass<CorrespondenceEnded>()("CorrespondenceEnded", {
  ...Common,
  ...WithNotice,
  /** The earlier appeals on the question answered on the merits. */
  earlierAppeals: Schema.Array(AppealId),
  applicantNotified: Schema.Boolean
}) {}

/** A later appeal was answered by reference to an earlier end of correspondence. // 59-FZ art. 11 p. 5 */
export class AppealAnsweredByReference extends Schema.TaggedClass<AppealAnsweredByReference>()(
  "AppealAnsweredByReference",
  {
    ...Common,
    decision: AppealId
  }
) {}

/** An appeal contesting a court decision was returned with the explanation of how to appeal it. // 59-FZ art. 11 p. 2 */
export class AppealReturnedCourtDecision extends Schema.TaggedClass<AppealReturnedCourtDecision>()(
  "AppealReturnedCourtDecision",
  {
    ...Common,
    ...WithNotice,
    explanation: Schema.String
  }
) {}

/** The applicant was given the address of the published text that answers the question. // 59-FZ art. 11 p. 5.1 */
export class AppealReferredToPublishedAnswer extends Schema.TaggedClass<AppealReferredToPublishedAnswer>()(
  "AppealReferredToPublishedAnswer",
  {
    ...Common,
    ...WithNotice,
    url: Schema.String
  }
) {}

/** The applicant was told no answer on the merits is possible without disclosing a protected secret. // 59-FZ art. 11 p. 6 */
export class AppealDeclinedForSecrecy extends Schema.TaggedClass<AppealDeclinedForSecrecy>()(
  "AppealDeclinedForSecrecy",
  {
    ...Common,
    ...WithNotice,
    secret: ProtectedSecret
  }
) {}

/** Copies of the appeal were sent to other competent bodies or officials; the appeal stays open. // 59-FZ art. 8 p. 4 */
export class AppealCopiesSent extends Schema.TaggedClass<AppealCopiesSent>()("AppealCopiesSent", {
  ...Common,
  to: Schema.NonEmptyArray(Schema.String)
}) {}

/** Every event of the appeal decider. */
export const AppealEvent = Schema.Union(
  AppealRegistered,
  AppealForwardedByCompetence,
  AppealAssigned,
  AppealExecutorsAssigned,
  AppealTermExtended,
  AppealAnswered,
  AppealLeftWithoutAnswer,
  CrimeReportForwarded,
  CorrespondenceEnded,
  AppealAnsweredByReference,
  AppealReturnedCourtDecision,
  AppealReferredToPublishedAnswer,
  AppealDeclinedForSecrecy,
  AppealCopiesSent
)
/** @see AppealEvent */
export type AppealEvent = typeof AppealEvent.Type

/** The tags of the events that give an appeal its final outcome. */
export const FINAL_EVENTS: ReadonlySet<AppealEvent["_tag"]> = new Set([
  "AppealForwardedByCompetence",
  "AppealAnswered",
  "AppealLeftWithoutAnswer",
  "CrimeReportForwarded",
  "CorrespondenceEnded",
  "AppealAnsweredByReference",
  "AppealReturnedCourtDecision",
  "AppealReferredToPublishedAnswer",
  "AppealDeclinedForSecrecy"
])

/** Whether an event gives the appeal its final outcome. */
export const isFinal = (e: AppealEvent): boolean => FINAL_EVENTS.has(e._tag)

/** Encodes an event for storage (personal data in clear: storage keeps it). */
export const encode = Schema.encodeSync(AppealEvent)
/** Decodes a stored event. */
export const decodeEither = Decode.unknownEither(AppealEvent)

/**
 * Who may see a history entry: `public` — the applicant and anyone the
 * appeal's record is shown to (what the applicant is told or could ask:
 * registration, forwarding, extension, answers and dispositions);
 * `internal` — the administration only (assignment, copies to other bodies,
 * a crime report forwarded).
 */
export type Visibility = "public" | "internal"

/** The visibility of each event's history entry. */
export const VISIBILITY: Readonly<Record<AppealEvent["_tag"], Visibility>> = {
  AppealRegistered: "public",
  AppealForwardedByCompetence: "public",
  AppealAssigned: "internal",
  AppealExecutorsAssigned: "internal",
  AppealTermExtended: "public",
  AppealAnswered: "public",
  AppealLeftWithoutAnswer: "public",
  CrimeReportForwarded: "internal",
  CorrespondenceEnded: "public",
  AppealAnsweredByReference: "public",
  AppealReturnedCourtDecision: "public",
  AppealReferredToPublishedAnswer: "public",
  AppealDeclinedForSecrecy: "public",
  AppealCopiesSent: "internal"
}

/** One line of an appeal's history: what happened, by whom, when, and who may see it. */
export interface HistoryEntry {
  readonly event: AppealEvent["_tag"]
  readonly actor: ActorId
  readonly at: Date
  readonly on: Day
  readonly visibility: Visibility
}

/**
 * The history of an appeal from its events (no personal data), each entry
 * with its actor and visibility; `{ visibility: "public" }` keeps only the
 * public entries (what an applicant sees).
 */
export const history = (
  events: ReadonlyArray<AppealEvent>,
  options: { readonly visibility?: Visibility } = {}
): ReadonlyArray<HistoryEntry> =>
  events
    .map((e) => ({ event: e._tag, actor: e.actor, at: e.at, on: e.on, visibility: VISIBILITY[e._tag] }))
    .filter((h) => options.visibility === undefined || options.visibility === "internal" || h.visibility === "public")
