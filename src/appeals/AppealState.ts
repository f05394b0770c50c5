/**
 * States of an appeal: `Unregistered` (no events yet), `Registered`,
 * `UnderConsideration` (assigned to a division), `Closed` (a final outcome).
 * Every registered appeal is in exactly one of the last three.
 *
 * Also: the due dates of an appeal and whether it is overdue on a day.
 *
 * @example
 * ```ts
 * import { Appeals, Period } from "cityhall"
 *
 * declare const state: Appeals.AppealState.AppealState
 * Appeals.AppealState.isOverdueOn(state, Period.unsafeDay("2021-04-01"))
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { DivisionId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import {
  AnswerDocument,
  AnswerForm,
  AppealFacts,
  Executors,
  Dues,
  NoticeChannel,
  NoticeKind,
  Outcome,
  QuestionResults,
  Result
} from "./Appeal.js"

/** No appeal yet: the initial state of a stream. */
export class Unregistered extends Schema.TaggedClass<Unregistered>()("Unregistered", {}) {}

/**
 * A copy of the appeal sent to another competent body or official, on a
 * local day (due within 7 days of registration, `Dues.forwarding`).
 * // 59-FZ art. 8 p. 4
 */
export const CopySent = Schema.Struct({ to: Schema.String, on: Day }).annotations({ identifier: "CopySent" })
/** @see CopySent */
export type CopySent = typeof CopySent.Type

/**
 * A notice sent to the applicant, as a recorded act: what it tells, its
 * channel, the local day it was sent and the day it was due — counted by
 * the same calendar policy as the answer (`Dues`): the forwarding's 7 days
 * (art. 8 p. 3), the notice term (art. 11 p. 2, p. 4, p. 4.1, p. 5.1), the
 * answer due date in force before an extension (art. 12 p. 2), the answer's
 * otherwise (art. 11 p. 3, p. 5, p. 6: no term of their own).
 */
export const Notice = Schema.Struct({ kind: NoticeKind, channel: NoticeChannel, sentOn: Day, due: Day }).annotations({
  identifier: "Notice"
})
/** @see Notice */
export type Notice = typeof Notice.Type

const Open = {
  appeal: AppealFacts,
  dues: Dues,
  /** Copies sent to other competent bodies, in order (none: empty). // 59-FZ art. 8 p. 4 */
  copies: Schema.Array(CopySent),
  /** The notices sent to the applicant, in order (none recorded: empty). */
  notices: Schema.Array(Notice),
  /** Days the answer term has been extended by, in total. // 59-FZ art. 12 p. 2 */
  extensionDays: Schema.Int,
  /** The number of events applied. */
  version: Schema.Int
}

/** Registered, not yet assigned to a division. */
export class Registered extends Schema.TaggedClass<Registered>()("Registered", Open) {}

/** Assigned to a division and under consideration. */
export class UnderConsideration extends Schema.TaggedClass<UnderConsideration>()("UnderConsideration", {
  ...Open,
  division: DivisionId,
  /** The executor and co-executors, of `division`, once named. */
  executors: Schema.optionalWith(Executors, { exact: true })
}) {}

/** Closed with its final outcome; after it, no command but reads. */
export class Closed extends Schema.TaggedClass<Closed>()("Closed", {
  ...Open,
  division: Schema.optionalWith(DivisionId, { exact: true }),
  /** The executor and co-executors, when named. */
  executors: Schema.optionalWith(Executors, { exact: true }),
  outcome: Outcome,
  /** The result, for an answer on the merits only. */
  result: Schema.optionalWith(Result, { exact: true }),
  answerForm: Schema.optionalWith(AnswerForm, { exact: true }),
  /** Results of single questions that differ from `result` (an answer on the merits only). */
  questionResults: Schema.optionalWith(QuestionResults, { exact: true }),
  /** The answer document of an answer on the merits, when recorded. */
  answerDocument: Schema.optionalWith(AnswerDocument, { exact: true }),
  /** The competent body it was forwarded to. */
  forwardedTo: Schema.optionalWith(Schema.String, { exact: true }),
  applicantNotified: Schema.Boolean,
  closedAt: Instant,
  closedOn: Day
}) {}

/** Every state of an appeal. */
export const AppealState = Schema.Union(Unregistered, Registered, UnderConsideration, Closed)
/** @see AppealState */
export type AppealState = typeof AppealState.Type

/** The states of a registered appeal. */
export type RegisteredState = Registered | UnderConsideration | Closed

/** The initial state. */
export const initial: AppealState = new Unregistered({}, true)

/** Whether the appeal is registered and not closed. */
export const isOpen = (s: AppealState): s is Registered | UnderConsideration =>
  s._tag === "Registered" || s._tag === "UnderConsideration"

/** The due dates of a registered appeal (none before registration). */
export const dueDates = (s: AppealState): Dues | undefined => (s._tag === "Unregistered" ? undefined : s.dues)

/**
 * The due date that applies to a closing outcome: forwarding and notices 7
 * days, the rest the answer's (the notice of a protected secret, art. 11
 * p. 6, has no term of its own: it is the answer to the appeal).
 */
export const dueFor = (dues: Dues, outcome: Outcome): Day => {
  switch (outcome) {
    case "forwardedByCompetence":
    case "crimeReportForwarded":
      return dues.forwarding // 59-FZ art. 8 p. 3, art. 11 p. 1
    case "noAnswerUnreadable":
    case "noAnswerPointUndetermined":
      return dues.notice // 59-FZ art. 11 p. 4, p. 4.1
    case "returnedCourtDecision":
    case "referredToPublishedAnswer":
      return dues.notice // 59-FZ art. 11 p. 2, p. 5.1: within 7 days of registration
    default:
      return dues.answer // 59-FZ art. 12
  }
}

/**
 * What is due of an open appeal: the `answer` (59-FZ art. 12), or the
 * `notice` — the forwarding-or-notice term of an appeal not yet accepted
 * for consideration ({@link noticeDue}).
 */
export const DueKind = Schema.Literal("answer", "notice")
/** @see DueKind */
export type DueKind = typeof DueKind.Type

/**
 * The day a notice is due of an open appeal, or undefined when none is.
 *
 * An appeal registered and not yet accepted for consideration (assigned to
 * a division: the `Registered` state) must, within 7 days of its
 * registration, either be forwarded by competence with a notice to the
 * applicant (59-FZ art. 8 p. 3, `dues.forwarding`), or be answered with a
 * notice of its own term — returned as contesting a court decision (art. 11
 * p. 2), unreadable or without a point (p. 4, p. 4.1), referred to a
 * published answer (p. 5.1) (`dues.notice`) — or be accepted. Until it is
 * accepted one of these notices may be owed, so the earlier of the two
 * terms is the day the notice is due. Once the appeal is assigned to a
 * division (or closed), no notice is due: what remains is the answer
 * (art. 12), whose notices (an extension, art. 12 p. 2) fall with it.
 */
export const noticeDue = (s: AppealState): Day | undefined =>
  s._tag === "Registered" ? (s.dues.forwarding <= s.dues.notice ? s.dues.forwarding : s.dues.notice) : undefined

/**
 * What is due of an appeal, with its day: for an open appeal its answer
 * (the due date in force, with extensions) and, before it is accepted for
 * consideration, its notice ({@link noticeDue}); nothing for a closed one.
 */
export const duesOpen = (s: AppealState): ReadonlyArray<{ readonly kind: DueKind; readonly due: Day }> => {
  if (!isOpen(s)) return []
  const notice = noticeDue(s)
  return notice === undefined
    ? [{ kind: "answer", due: s.dues.answer }]
    : [
        { kind: "answer", due: s.dues.answer },
        { kind: "notice", due: notice }
      ]
}

/**
 * Whether an open appeal is overdue on a day: the day is after its answer
 * due date. A closed appeal is never overdue (see {@link closedLate}).
 */
export const isOverdueOn = (s: AppealState, day: Day): boolean => isOpen(s) && day > s.dues.answer

/** Whether a closed appeal was closed after the due date of its outcome. */
export const closedLate = (s: Closed): boolean => s.closedOn > dueFor(s.dues, s.outcome)

/** Whether the appeal was registered later than 3 days after receipt. // 59-FZ art. 8 p. 2 */
export const registeredLate = (s: RegisteredState): boolean => s.appeal.registeredOn > s.dues.registration

/** The copies sent after their due date (7 days from registration). // 59-FZ art. 8 p. 4 */
export const copiesLate = (s: RegisteredState): ReadonlyArray<CopySent> =>
  s.copies.filter((c) => c.on > s.dues.forwarding)

/** The notices sent after their due date: a violation counted like a late answer in the analysis. */
export const noticesLate = (s: RegisteredState): ReadonlyArray<Notice> => s.notices.filter((n) => n.sentOn > n.due)
