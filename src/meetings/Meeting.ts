/**
 * Information meetings with residents (информационные встречи с
 * населением): date, place (district, address) or online link, format (in
 * person, online, hybrid), the officials taking part and the chair,
 * attendance (a count, and a roster of those who registered), the questions
 * raised and their dispositions, and the minutes.
 *
 * One stream per meeting (`MeetingId`). Lifecycle: scheduled -> held (at
 * most once, never in the future of the recorded instant, on its scheduled
 * day) -> closed (only when every question has a disposition); or
 * cancelled. Each question gets exactly one disposition:
 *
 * - answered on the spot by an official taking part;
 * - an instruction (поручение) to a division with a deadline
 *   (`InstructionIssued`, whose origin is this meeting and question): the
 *   loop schedules it as an activity in that division's monthly plan and
 *   links the activity back (`LinkInstructionActivity`), one activity per
 *   instruction;
 * - a registered appeal (`QuestionReferredAsAppeal`), linked back by
 *   `LinkQuestionAppeal`.
 *
 * Minutes are drafted, then approved by the chairing official; approved
 * minutes never change: a correction is a new version.
 *
 * @example
 * ```ts
 * import { Decider, Meetings, TimeZone } from "cityhall"
 *
 * const decider = Meetings.Meeting.decider({ timeZone: TimeZone.KHABAROVSK, suspensions: [] })
 * declare const commands: ReadonlyArray<Meetings.Meeting.Command>
 * const result = Decider.run(decider, commands)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import { isAppealText, PersonalData } from "../appeals/Appeal.js"
import type { Decider } from "../kernel/Decider.js"
import {
  ActivityId,
  ActorId,
  AppealId,
  DivisionId,
  InstructionId,
  MeetingId,
  OfficialId,
  PlanId,
  QuestionId
} from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import { MeetingQuestionOrigin as PlanningMeetingQuestionOrigin } from "../planning/Link.js"
import type { TimeZoneName } from "../kernel/TimeZone.js"
import {
  type InvalidMeetingsInput,
  MeetingRuleViolation,
  QuestionsWithoutDisposition,
  type SuspendedInPerson
} from "./Errors.js"
import type { MeetingRule } from "./Errors.js"
import { decoder, makeLocalDay } from "./internal/time.js"
import { QuestionTopic } from "./internal/topic.js"
import * as Suspension from "./Suspension.js"
import { isInPerson, LocalTime, MeetingFormat, Online, OnlineLink, Text } from "./Venue.js"

// ---- data ----------------------------------------------------------------------

/** The text of minutes (up to 100,000 characters). */
export const MinutesText = Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(100_000))

/** The name of a resident (an attendee who registered, one who asked a question). Personal data: `Redacted`, never echoed in a decode error. */
export const ResidentName = PersonalData(Text, "a name: trimmed, 1 to 2000 characters")

/** The roster of the residents who registered at a meeting: their names (personal data). */
export const Roster = Schema.Array(ResidentName).annotations({
  // a roster that is not an array is not echoed either
  message: () => "expected a roster: an array of names (personal data: the value is not shown)"
})

/**
 * The text of a question raised by a resident. Not `Redacted`: a question
 * is public (the meeting view shows it to every role; the asker is
 * {@link ResidentName}); but a resident's words may name people, so a text
 * that fails to decode is not echoed in the error either.
 */
export const QuestionText = Text.annotations({
  message: () => ({
    message: "expected the text of a question: trimmed, 1 to 2000 characters (the value is not shown)",
    override: true
  })
})

/**
 * The text of a question as it is raised (a command's field): also an
 * appeal's text (`Appeals.Appeal.isAppealText`: no control characters but
 * tab and line ends, no lone surrogates, no U+FFFD), since a question may be
 * referred as an appeal. Stored events decode as they were written.
 */
export const RaisedQuestionText = Text.pipe(Schema.filter(isAppealText)).annotations({
  message: () => ({
    message:
      "expected the text of a question: trimmed, 1 to 2000 characters, without control characters (NUL), lone surrogates or invalid UTF-8 (the value is not shown)",
    override: true
  })
})

/** Attendance: how many came, and the roster of those who registered (personal data, `Redacted`). */
export class Attendance extends Schema.Class<Attendance>("Attendance")(
  {
    count: Schema.NonNegativeInt,
    roster: Schema.optionalWith(Roster, { exact: true })
  },
  [
    undefined,
    undefined,
    {
      message: () =>
        "expected an attendance: an object with a count and an optional roster (personal data: the value is not shown)"
    }
  ]
) {}

/** Where an instruction and its activity come from: a question raised at a meeting (the planning area's `MeetingQuestion` origin, one Schema for both). */
export const MeetingQuestionOrigin = PlanningMeetingQuestionOrigin
/** @see MeetingQuestionOrigin */
export type MeetingQuestionOrigin = typeof MeetingQuestionOrigin.Type

/** Dispose: the question was answered on the spot by an official taking part. */
export class AnswerOnTheSpot extends Schema.TaggedClass<AnswerOnTheSpot>()("AnswerOnTheSpot", {
  answer: Text,
  by: OfficialId
}) {}
/** Dispose: an instruction to a division with a deadline. */
export class Instruct extends Schema.TaggedClass<Instruct>()("Instruct", {
  instruction: InstructionId,
  division: DivisionId,
  deadline: Day,
  text: Text
}) {}
/** Dispose: the question is registered as an appeal. */
export class ReferAsAppeal extends Schema.TaggedClass<ReferAsAppeal>()("ReferAsAppeal", {}) {}

/** A disposition as commanded. */
export const DispositionInput = Schema.Union(AnswerOnTheSpot, Instruct, ReferAsAppeal).annotations({
  identifier: "DispositionInput"
})
/** @see DispositionInput */
export type DispositionInput = typeof DispositionInput.Type

/** A planned activity: the monthly plan and the activity. */
export class ActivityRef extends Schema.Class<ActivityRef>("ActivityRef")({ plan: PlanId, activity: ActivityId }) {}

/** The question was answered on the spot. */
export class AnsweredOnTheSpot extends Schema.TaggedClass<AnsweredOnTheSpot>()("AnsweredOnTheSpot", {
  answer: Text,
  by: OfficialId
}) {}
/** An instruction was issued; `activity` once scheduled in a monthly plan and linked. */
export class Instructed extends Schema.TaggedClass<Instructed>()("Instructed", {
  instruction: InstructionId,
  division: DivisionId,
  deadline: Day,
  text: Text,
  activity: Schema.optionalWith(ActivityRef, { exact: true })
}) {}
/** The question was referred to the appeal lifecycle; `appeal` once registered and linked. */
export class ReferredAsAppeal extends Schema.TaggedClass<ReferredAsAppeal>()("ReferredAsAppeal", {
  appeal: Schema.optionalWith(AppealId, { exact: true })
}) {}

/** The disposition of a question. */
export const Disposition = Schema.Union(AnsweredOnTheSpot, Instructed, ReferredAsAppeal).annotations({
  identifier: "Disposition"
})
/** @see Disposition */
export type Disposition = typeof Disposition.Type

/** The kinds of disposition, as statistics keys. */
export const DispositionKind = Schema.Literal("answeredOnTheSpot", "instruction", "appeal")
/** @see DispositionKind */
export type DispositionKind = typeof DispositionKind.Type

/** The statistics key of a disposition. */
export const dispositionKind = (d: Disposition): DispositionKind =>
  d._tag === "AnsweredOnTheSpot" ? "answeredOnTheSpot" : d._tag === "Instructed" ? "instruction" : "appeal"

/** A question raised at the meeting. */
export class Question extends Schema.Class<Question>("MeetingQuestion")({
  question: QuestionId,
  topic: QuestionTopic,
  text: QuestionText,
  /** Who asked, when known: personal data. */
  askedBy: Schema.optionalWith(ResidentName, { exact: true }),
  raisedAt: Instant,
  disposition: Schema.optionalWith(Disposition, { exact: true })
}) {}

/** One version of the minutes. */
export class MinutesVersion extends Schema.Class<MinutesVersion>("MinutesVersion")({
  version: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  text: MinutesText,
  status: Schema.Literal("draft", "approved"),
  /** The approved version this one corrects. */
  corrects: Schema.optionalWith(Schema.Int, { exact: true }),
  approvedBy: Schema.optionalWith(OfficialId, { exact: true }),
  approvedOn: Schema.optionalWith(Day, { exact: true })
}) {}

/** When and how a meeting was held. */
export class Held extends Schema.Class<Held>("MeetingHeldFacts")({
  heldAt: Instant,
  heldOn: Day,
  attendance: Attendance
}) {}

// ---- commands ------------------------------------------------------------------

const meta = { meeting: MeetingId, at: Instant, actor: ActorId }

/** A meeting as scheduled (the command and its event). */
const scheduleFields = {
  title: Text,
  day: Day,
  start: LocalTime,
  format: MeetingFormat,
  officials: Schema.NonEmptyArray(OfficialId),
  chair: OfficialId
}
/** Schedules a meeting. */
export class ScheduleMeeting extends Schema.TaggedClass<ScheduleMeeting>()("ScheduleMeeting", {
  ...meta,
  ...scheduleFields
}) {}
/** Moves an in-person or hybrid meeting online. */
export class MoveMeetingOnline extends Schema.TaggedClass<MoveMeetingOnline>()("MoveMeetingOnline", {
  ...meta,
  link: OnlineLink
}) {}
/** Postpones a scheduled meeting. */
export class PostponeMeeting extends Schema.TaggedClass<PostponeMeeting>()("PostponeMeeting", {
  ...meta,
  day: Day,
  start: LocalTime
}) {}
/** Cancels a scheduled meeting. */
export class CancelMeeting extends Schema.TaggedClass<CancelMeeting>()("CancelMeeting", { ...meta, reason: Text }) {}
/** Records that the meeting was held, at `heldAt` (not after `at`), with its attendance. */
export class HoldMeeting extends Schema.TaggedClass<HoldMeeting>()("HoldMeeting", {
  ...meta,
  heldAt: Instant,
  attendance: Attendance
}) {}
/** Records a question raised at the meeting. */
export class RaiseQuestion extends Schema.TaggedClass<RaiseQuestion>()("RaiseQuestion", {
  ...meta,
  question: QuestionId,
  topic: QuestionTopic,
  text: RaisedQuestionText,
  askedBy: Schema.optionalWith(ResidentName, { exact: true })
}) {}
/** Gives a question its disposition. */
export class DisposeQuestion extends Schema.TaggedClass<DisposeQuestion>()("DisposeQuestion", {
  ...meta,
  question: QuestionId,
  disposition: DispositionInput
}) {}
/** Links an instruction to the activity scheduled for it (from the planning area's event). */
export class LinkInstructionActivity extends Schema.TaggedClass<LinkInstructionActivity>()("LinkInstructionActivity", {
  ...meta,
  question: QuestionId,
  plan: PlanId,
  activity: ActivityId
}) {}
/** Links a question referred as an appeal to the registered appeal. */
export class LinkQuestionAppeal extends Schema.TaggedClass<LinkQuestionAppeal>()("LinkQuestionAppeal", {
  ...meta,
  question: QuestionId,
  appeal: AppealId
}) {}
/** Closes a held meeting whose questions all have a disposition. */
export class CloseMeeting extends Schema.TaggedClass<CloseMeeting>()("CloseMeeting", { ...meta }) {}
/** Drafts the minutes (edits the current draft, or starts a correcting version after an approval). */
export class DraftMinutes extends Schema.TaggedClass<DraftMinutes>()("DraftMinutes", { ...meta, text: MinutesText }) {}
/** Approves the current draft of the minutes: only the chair. */
export class ApproveMinutes extends Schema.TaggedClass<ApproveMinutes>()("ApproveMinutes", {
  ...meta,
  by: OfficialId
}) {}

/** Every meeting command. */
export const Command = Schema.Union(
  ScheduleMeeting,
  MoveMeetingOnline,
  PostponeMeeting,
  CancelMeeting,
  HoldMeeting,
  RaiseQuestion,
  DisposeQuestion,
  LinkInstructionActivity,
  LinkQuestionAppeal,
  CloseMeeting,
  DraftMinutes,
  ApproveMinutes
)
/** @see Command */
export type Command = typeof Command.Type

// ---- events --------------------------------------------------------------------

const emeta = { meeting: MeetingId, at: Instant, on: Day, actor: ActorId }

/** The meeting was scheduled. */
export class MeetingScheduled extends Schema.TaggedClass<MeetingScheduled>()("MeetingScheduled", {
  ...emeta,
  ...scheduleFields
}) {}
/** The meeting was moved online. */
export class MeetingMovedOnline extends Schema.TaggedClass<MeetingMovedOnline>()("MeetingMovedOnline", {
  ...emeta,
  link: OnlineLink
}) {}
/** The meeting was postponed. */
export class MeetingPostponed extends Schema.TaggedClass<MeetingPostponed>()("MeetingPostponed", {
  ...emeta,
  day: Day,
  start: LocalTime
}) {}
/** The meeting was cancelled. */
export class MeetingCancelled extends Schema.TaggedClass<MeetingCancelled>()("MeetingCancelled", {
  ...emeta,
  reason: Text
}) {}
/** The meeting was held. */
export class MeetingHeld extends Schema.TaggedClass<MeetingHeld>()("MeetingHeld", {
  ...emeta,
  heldAt: Instant,
  heldOn: Day,
  format: MeetingFormat,
  attendance: Attendance
}) {}
/** A question was raised. */
export class QuestionRaised extends Schema.TaggedClass<QuestionRaised>()("QuestionRaised", {
  ...emeta,
  question: QuestionId,
  topic: QuestionTopic,
  text: QuestionText,
  askedBy: Schema.optionalWith(ResidentName, { exact: true })
}) {}
/** A question was answered on the spot. */
export class QuestionAnsweredOnTheSpot extends Schema.TaggedClass<QuestionAnsweredOnTheSpot>()(
  "QuestionAnsweredOnTheSpot",
  {
    ...emeta,
    question: QuestionId,
    answer: Text,
    by: OfficialId
  }
) {}
/**
 * An instruction was issued to a division with a deadline, its origin this
 * meeting and question: the input of `Loop.scheduleInstruction`.
 */
export class InstructionIssued extends Schema.TaggedClass<InstructionIssued>()("InstructionIssued", {
  ...emeta,
  question: QuestionId,
  instruction: InstructionId,
  division: DivisionId,
  deadline: Day,
  text: Text,
  topic: QuestionTopic,
  origin: MeetingQuestionOrigin
}) {}
/** A question was referred to the appeal lifecycle: the input of `Loop.registerQuestionAppeal`. */
export class QuestionReferredAsAppeal extends Schema.TaggedClass<QuestionReferredAsAppeal>()(
  "QuestionReferredAsAppeal",
  {
    ...emeta,
    question: QuestionId,
    topic: QuestionTopic,
    text: QuestionText,
    askedBy: Schema.optionalWith(ResidentName, { exact: true }),
    chair: OfficialId
  }
) {}
/** An instruction's activity was scheduled in a monthly plan. */
export class InstructionActivityLinked extends Schema.TaggedClass<InstructionActivityLinked>()(
  "InstructionActivityLinked",
  {
    ...emeta,
    question: QuestionId,
    instruction: InstructionId,
    plan: PlanId,
    activity: ActivityId
  }
) {}
/** A referred question's appeal was registered. */
export class QuestionAppealLinked extends Schema.TaggedClass<QuestionAppealLinked>()("QuestionAppealLinked", {
  ...emeta,
  question: QuestionId,
  appeal: AppealId
}) {}
/** The meeting was closed. */
export class MeetingClosed extends Schema.TaggedClass<MeetingClosed>()("MeetingClosed", {
  ...emeta,
  questions: Schema.NonNegativeInt
}) {}
/** A version of the minutes was drafted (or its draft edited). */
export class MinutesDrafted extends Schema.TaggedClass<MinutesDrafted>()("MinutesDrafted", {
  ...emeta,
  version: Schema.Int,
  text: MinutesText,
  corrects: Schema.optionalWith(Schema.Int, { exact: true })
}) {}
/** A version of the minutes was approved by the chair: it never changes again. */
export class MinutesApproved extends Schema.TaggedClass<MinutesApproved>()("MinutesApproved", {
  ...emeta,
  version: Schema.Int,
  by: OfficialId
}) {}

/** Every meeting event. */
export const Event = Schema.Union(
  MeetingScheduled,
  MeetingMovedOnline,
  MeetingPostponed,
  MeetingCancelled,
  MeetingHeld,
  QuestionRaised,
  QuestionAnsweredOnTheSpot,
  InstructionIssued,
  QuestionReferredAsAppeal,
  InstructionActivityLinked,
  QuestionAppealLinked,
  MeetingClosed,
  MinutesDrafted,
  MinutesApproved
)
/** @see Event */
export type Event = typeof Event.Type

// ---- state ---------------------------------------------------------------------

/** No meeting scheduled yet. */
export class NoMeeting extends Schema.TaggedClass<NoMeeting>()("NoMeeting", {}) {}

/** The status of a meeting. */
export const Status = Schema.Literal("scheduled", "held", "closed", "cancelled")
/** @see Status */
export type Status = typeof Status.Type

/** A scheduled meeting and everything recorded about it. */
export class MeetingRecord extends Schema.TaggedClass<MeetingRecord>()("MeetingRecord", {
  meeting: MeetingId,
  title: Text,
  day: Day,
  start: LocalTime,
  format: MeetingFormat,
  officials: Schema.NonEmptyArray(OfficialId),
  chair: OfficialId,
  status: Status,
  postponements: Schema.NonNegativeInt,
  held: Schema.optionalWith(Held, { exact: true }),
  questions: Schema.Array(Question),
  minutes: Schema.Array(MinutesVersion)
}) {}

/** The state of a meeting stream. */
export const State = Schema.Union(NoMeeting, MeetingRecord)
/** @see State */
export type State = typeof State.Type

/** The state of an empty stream. */
export const initialState: State = new NoMeeting()

/** The questions without a disposition. */
export const undisposed = (m: MeetingRecord): ReadonlyArray<QuestionId> =>
  m.questions.filter((q) => q.disposition === undefined).map((q) => q.question)

/** The approved minutes in force: the latest approved version. */
export const minutesInForce = (m: MeetingRecord): MinutesVersion | undefined => {
  for (let i = m.minutes.length - 1; i >= 0; i--) if (m.minutes[i]!.status === "approved") return m.minutes[i]
  return undefined
}

// ---- decider -------------------------------------------------------------------

/** Errors of the meeting decider. */
export type Error = MeetingRuleViolation | QuestionsWithoutDisposition | SuspendedInPerson | InvalidMeetingsInput

/** Settings closed over by the decider: the zone, and the suspensions in force. */
export interface Settings {
  readonly timeZone: TimeZoneName
  readonly suspensions: ReadonlyArray<Suspension.SuspensionPeriod>
}

type R = Either.Either<ReadonlyArray<Event>, Error>

const violation = (meeting: MeetingId, rule: MeetingRule, field: string, message: string) =>
  new MeetingRuleViolation({ meeting, rule, field, message })
const fail = (meeting: MeetingId, rule: MeetingRule, field: string, message: string): R =>
  Either.left(violation(meeting, rule, field, message))

const statusIs = (s: State, meeting: MeetingId, wanted: ReadonlyArray<Status>): Either.Either<MeetingRecord, Error> => {
  if (s._tag === "NoMeeting")
    return Either.left(violation(meeting, "notScheduled", "meeting", `meeting ${meeting} is not scheduled`))
  if (wanted.includes(s.status)) return Either.right(s)
  const rule: MeetingRule = s.status === "scheduled" ? "notHeld" : s.status === "held" ? "alreadyHeld" : s.status
  return Either.left(violation(meeting, rule, "meeting", `meeting ${meeting} is ${s.status}`))
}

const findQuestion = (m: MeetingRecord, q: QuestionId): Either.Either<Question, Error> => {
  const found = m.questions.find((x) => x.question === q)
  return found === undefined
    ? Either.left(violation(m.meeting, "unknownQuestion", "question", `meeting ${m.meeting} has no question ${q}`))
    : Either.right(found)
}

const map = <A, E, B>(e: Either.Either<A, E>, b: B): Either.Either<B, E> => Either.map(e, () => b)

/** The meeting decider. */
export const decider = (settings: Settings): Decider<Command, Event, State, Error> => {
  const localDay = makeLocalDay(settings.timeZone)
  const inPerson = (day: Day, format: MeetingFormat, field: string) =>
    Suspension.checkInPerson(settings.suspensions, day, isInPerson(format), field)

  const decide = (c: Command, s: State, today: Day): R => {
    const m = { meeting: c.meeting, at: c.at, on: today, actor: c.actor }
    switch (c._tag) {
      case "ScheduleMeeting": {
        if (s._tag !== "NoMeeting")
          return fail(c.meeting, "alreadyScheduled", "meeting", `meeting ${c.meeting} is already scheduled`)
        if (new Set(c.officials).size !== c.officials.length)
          return fail(c.meeting, "duplicateOfficial", "officials", "an official is listed twice")
        if (!c.officials.includes(c.chair))
          return fail(
            c.meeting,
            "chairNotTakingPart",
            "chair",
            `the chair ${c.chair} must be one of the officials taking part`
          )
        if (c.day < today) return fail(c.meeting, "dayInThePast", "day", `${c.day} is before ${today}`)
        return map(inPerson(c.day, c.format, "format"), [
          new MeetingScheduled({
            ...m,
            title: c.title,
            day: c.day,
            start: c.start,
            format: c.format,
            officials: c.officials,
            chair: c.chair
          })
        ])
      }
      case "MoveMeetingOnline":
        return Either.flatMap(statusIs(s, c.meeting, ["scheduled"]), (r) =>
          r.format._tag === "Online"
            ? fail(c.meeting, "alreadyOnline", "link", `meeting ${c.meeting} is already online`)
            : Either.right([new MeetingMovedOnline({ ...m, link: c.link })])
        )
      case "PostponeMeeting":
        return Either.flatMap(statusIs(s, c.meeting, ["scheduled"]), (r) =>
          c.day < today
            ? fail(c.meeting, "dayInThePast", "day", `${c.day} is before ${today}`)
            : map(inPerson(c.day, r.format, "day"), [new MeetingPostponed({ ...m, day: c.day, start: c.start })])
        )
      case "CancelMeeting":
        return Either.map(statusIs(s, c.meeting, ["scheduled"]), () => [
          new MeetingCancelled({ ...m, reason: c.reason })
        ])
      case "HoldMeeting":
        return Either.flatMap(statusIs(s, c.meeting, ["scheduled"]), (r): R => {
          if (c.heldAt.getTime() > c.at.getTime())
            return fail(
              c.meeting,
              "heldInTheFuture",
              "heldAt",
              "a meeting cannot be recorded as held after the instant of recording"
            )
          return Either.flatMap(localDay(c.heldAt, "heldAt"), (heldOn): R => {
            if (heldOn !== r.day)
              return fail(
                c.meeting,
                "heldOnAnotherDay",
                "heldAt",
                `meeting ${c.meeting} is scheduled on ${r.day}, not ${heldOn}: postpone it first`
              )
            const roster = c.attendance.roster
            if (roster !== undefined && roster.length > c.attendance.count) {
              return fail(
                c.meeting,
                "rosterExceedsCount",
                "attendance.roster",
                `the roster (${roster.length}) exceeds the count (${c.attendance.count})`
              )
            }
            return map(inPerson(r.day, r.format, "format"), [
              new MeetingHeld({ ...m, heldAt: c.heldAt, heldOn, format: r.format, attendance: c.attendance })
            ])
          })
        })
      case "RaiseQuestion":
        return Either.flatMap(statusIs(s, c.meeting, ["held"]), (r) =>
          r.questions.some((q) => q.question === c.question)
            ? fail(
                c.meeting,
                "duplicateQuestion",
                "question",
                `meeting ${c.meeting} already has question ${c.question}`
              )
            : Either.right([
                new QuestionRaised({
                  ...m,
                  question: c.question,
                  topic: c.topic,
                  text: c.text,
                  ...(c.askedBy === undefined ? {} : { askedBy: c.askedBy })
                })
              ])
        )
      case "DisposeQuestion":
        return Either.flatMap(statusIs(s, c.meeting, ["held"]), (r) =>
          Either.flatMap(findQuestion(r, c.question), (q): R => {
            if (q.disposition !== undefined)
              return fail(c.meeting, "alreadyDisposed", "question", `question ${c.question} already has a disposition`)
            const d = c.disposition
            switch (d._tag) {
              case "AnswerOnTheSpot":
                return r.officials.includes(d.by)
                  ? Either.right([
                      new QuestionAnsweredOnTheSpot({ ...m, question: c.question, answer: d.answer, by: d.by })
                    ])
                  : fail(
                      c.meeting,
                      "notAParticipant",
                      "disposition.by",
                      `${d.by} does not take part in meeting ${c.meeting}`
                    )
              case "Instruct":
                if (d.deadline < today)
                  return fail(
                    c.meeting,
                    "deadlineInThePast",
                    "disposition.deadline",
                    `the deadline ${d.deadline} is before ${today}`
                  )
                if (
                  r.questions.some(
                    (x) => x.disposition?._tag === "Instructed" && x.disposition.instruction === d.instruction
                  )
                ) {
                  return fail(
                    c.meeting,
                    "duplicateInstruction",
                    "disposition.instruction",
                    `instruction ${d.instruction} is already issued at meeting ${c.meeting}`
                  )
                }
                return Either.right([
                  new InstructionIssued({
                    ...m,
                    question: c.question,
                    instruction: d.instruction,
                    division: d.division,
                    deadline: d.deadline,
                    text: d.text,
                    topic: q.topic,
                    origin: { _tag: "MeetingQuestion", meeting: c.meeting, question: c.question }
                  })
                ])
              case "ReferAsAppeal":
                return Either.right([
                  new QuestionReferredAsAppeal({
                    ...m,
                    question: c.question,
                    topic: q.topic,
                    text: q.text,
                    ...(q.askedBy === undefined ? {} : { askedBy: q.askedBy }),
                    chair: r.chair
                  })
                ])
            }
          })
        )
      case "LinkInstructionActivity":
        return Either.flatMap(statusIs(s, c.meeting, ["held", "closed"]), (r) =>
          Either.flatMap(findQuestion(r, c.question), (q): R => {
            const d = q.disposition
            if (d?._tag !== "Instructed")
              return fail(c.meeting, "notAnInstruction", "question", `question ${c.question} has no instruction`)
            if (d.activity !== undefined) {
              return d.activity.plan === c.plan && d.activity.activity === c.activity
                ? Either.right([])
                : fail(
                    c.meeting,
                    "oneActivityPerInstruction",
                    "activity",
                    `instruction ${d.instruction} already has activity ${d.activity.activity} in plan ${d.activity.plan}`
                  )
            }
            return Either.right([
              new InstructionActivityLinked({
                ...m,
                question: c.question,
                instruction: d.instruction,
                plan: c.plan,
                activity: c.activity
              })
            ])
          })
        )
      case "LinkQuestionAppeal":
        return Either.flatMap(statusIs(s, c.meeting, ["held", "closed"]), (r) =>
          Either.flatMap(findQuestion(r, c.question), (q): R => {
            const d = q.disposition
            if (d?._tag !== "ReferredAsAppeal")
              return fail(c.meeting, "notAnAppeal", "question", `question ${c.question} was not referred as an appeal`)
            if (d.appeal === c.appeal) return Either.right([])
            if (d.appeal !== undefined)
              return fail(
                c.meeting,
                "oneAppealPerQuestion",
                "appeal",
                `question ${c.question} is already appeal ${d.appeal}`
              )
            return Either.right([new QuestionAppealLinked({ ...m, question: c.question, appeal: c.appeal })])
          })
        )
      case "CloseMeeting":
        return Either.flatMap(statusIs(s, c.meeting, ["held"]), (r): R => {
          const open = undisposed(r)
          if (open.length > 0) {
            return Either.left(
              new QuestionsWithoutDisposition({
                meeting: c.meeting,
                questions: [open[0]!, ...open.slice(1)],
                message: `meeting ${c.meeting} cannot be closed: ${open.length} question(s) have no disposition (${open.join(", ")})`
              })
            )
          }
          return Either.right([new MeetingClosed({ ...m, questions: r.questions.length })])
        })
      case "DraftMinutes":
        return Either.map(statusIs(s, c.meeting, ["held", "closed"]), (r) => {
          const last = r.minutes[r.minutes.length - 1]
          if (last !== undefined && last.status === "draft") {
            return [
              new MinutesDrafted({
                ...m,
                version: last.version,
                text: c.text,
                ...(last.corrects === undefined ? {} : { corrects: last.corrects })
              })
            ]
          }
          const version = (last?.version ?? 0) + 1
          return [
            new MinutesDrafted({
              ...m,
              version,
              text: c.text,
              ...(last === undefined ? {} : { corrects: last.version })
            })
          ]
        })
      case "ApproveMinutes":
        return Either.flatMap(statusIs(s, c.meeting, ["held", "closed"]), (r): R => {
          const last = r.minutes[r.minutes.length - 1]
          if (last === undefined || last.status !== "draft")
            return fail(c.meeting, "noDraftMinutes", "meeting", `meeting ${c.meeting} has no draft minutes to approve`)
          if (c.by !== r.chair)
            return fail(c.meeting, "onlyTheChairApproves", "by", `only the chair ${r.chair} approves the minutes`)
          return Either.right([new MinutesApproved({ ...m, version: last.version, by: c.by })])
        })
    }
  }

  return {
    initialState,
    decide: (c, s) => Either.flatMap(localDay(c.at), (today) => decide(c, s, today)),
    evolve
  }
}

const record = (s: MeetingRecord, patch: Partial<MeetingRecord>): MeetingRecord =>
  new MeetingRecord({ ...s, ...patch }, true)
const dispose = (s: MeetingRecord, id: QuestionId, d: Disposition): MeetingRecord =>
  record(s, {
    questions: s.questions.map((q) => (q.question === id ? new Question({ ...q, disposition: d }, true) : q))
  })

/** Applies one event (events of an unscheduled stream other than scheduling are ignored). */
export const evolve = (s: State, e: Event): State => {
  if (e._tag === "MeetingScheduled") {
    return new MeetingRecord(
      {
        meeting: e.meeting,
        title: e.title,
        day: e.day,
        start: e.start,
        format: e.format,
        officials: e.officials,
        chair: e.chair,
        status: "scheduled",
        postponements: 0,
        questions: [],
        minutes: []
      },
      true
    )
  }
  if (s._tag === "NoMeeting") return s
  switch (e._tag) {
    case "MeetingMovedOnline":
      return record(s, { format: new Online({ link: e.link }, true) })
    case "MeetingPostponed":
      return record(s, { day: e.day, start: e.start, postponements: s.postponements + 1 })
    case "MeetingCancelled":
      return record(s, { status: "cancelled" })
    case "MeetingHeld":
      return record(s, {
        status: "held",
        held: new Held({ heldAt: e.heldAt, heldOn: e.heldOn, attendance: e.attendance }, true)
      })
    case "QuestionRaised":
      return record(s, {
        questions: [
          ...s.questions,
          new Question(
            {
              question: e.question,
              topic: e.topic,
              text: e.text,
              ...(e.askedBy === undefined ? {} : { askedBy: e.askedBy }),
              raisedAt: e.at
            },
            true
          )
        ]
      })
    case "QuestionAnsweredOnTheSpot":
      return dispose(s, e.question, new AnsweredOnTheSpot({ answer: e.answer, by: e.by }, true))
    case "InstructionIssued":
      return dispose(
        s,
        e.question,
        new Instructed({ instruction: e.instruction, division: e.division, deadline: e.deadline, text: e.text }, true)
      )
    case "QuestionReferredAsAppeal":
      return dispose(s, e.question, new ReferredAsAppeal({}, true))
    case "InstructionActivityLinked": {
      const q = s.questions.find((x) => x.question === e.question)
      const d = q?.disposition
      return d?._tag === "Instructed"
        ? dispose(
            s,
            e.question,
            new Instructed({ ...d, activity: new ActivityRef({ plan: e.plan, activity: e.activity }, true) }, true)
          )
        : s
    }
    case "QuestionAppealLinked":
      return dispose(s, e.question, new ReferredAsAppeal({ appeal: e.appeal }, true))
    case "MeetingClosed":
      return record(s, { status: "closed" })
    case "MinutesDrafted": {
      const v = new MinutesVersion(
        {
          version: e.version,
          text: e.text,
          status: "draft",
          ...(e.corrects === undefined ? {} : { corrects: e.corrects })
        },
        true
      )
      const last = s.minutes[s.minutes.length - 1]
      return record(s, {
        minutes: last !== undefined && last.version === e.version ? [...s.minutes.slice(0, -1), v] : [...s.minutes, v]
      })
    }
    case "MinutesApproved":
      return record(s, {
        minutes: s.minutes.map((v) =>
          v.version === e.version
            ? new MinutesVersion({ ...v, status: "approved", approvedBy: e.by, approvedOn: e.on }, true)
            : v
        )
      })
  }
}

/** Decodes a meeting command from outside data; a missing or malformed field is an {@link InvalidMeetingsInput} naming it. */
export const decodeCommand: (input: unknown) => Either.Either<Command, InvalidMeetingsInput> = decoder(Command)
