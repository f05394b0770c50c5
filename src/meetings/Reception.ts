/**
 * Personal receptions (личный приём граждан, 59-FZ art. 13): a reception
 * slot of an official (day, time, place or online link, topic if
 * announced) and the reception cards of the citizens received in it.
 *
 * One stream per reception slot (`ReceptionId`); its cards live in it. A
 * card notes the applicant (personal data, `Redacted`), the identity
 * document shown, the content of the oral appeal, the official and the
 * answer:
 *
 * - with the applicant's consent and obvious facts the answer is oral and
 *   recorded in the card (`CardAnsweredOrally`) // 59-FZ art. 13 p. 3
 * - otherwise the card asks for exactly one oral appeal to be registered
 *   (`OralAppealRequested`); when the appeals area has registered it,
 *   `LinkOralAppeal` records its id in the card (the appeal names the card):
 *   the link goes both ways // 59-FZ art. 13 p. 3
 *
 * A written appeal handed in at the reception is registered as written
 * (`WrittenAppealHandedIn`) // 59-FZ art. 13 p. 4. A citizen may be
 * refused a repeat reception on a question already answered on the merits,
 * with the reference (`RepeatReceptionRefused`, not a card: the citizen is
 * not received) // 59-FZ art. 13 p. 6.
 *
 * During a suspension period nothing in person happens: an in-person slot
 * inside one takes no cards until moved online or postponed.
 *
 * @example
 * ```ts
 * import { Decider, Meetings, TimeZone } from "cityhall"
 *
 * const decider = Meetings.Reception.decider({ timeZone: TimeZone.KHABAROVSK, suspensions: [] })
 * declare const commands: ReadonlyArray<Meetings.Reception.Command>
 * const result = Decider.run(decider, commands) // Either<{ events, state }, Meetings.Reception.Error>
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import {
  Email as AppealEmail,
  isAppealText,
  oralAnswerRefusal,
  oralAnswerSource,
  PersonalData
} from "../appeals/Appeal.js"
import type { Decider } from "../kernel/Decider.js"
import { ActorId, AppealId, OfficialId, ReceptionCardId, ReceptionId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import type { TimeZoneName } from "../kernel/TimeZone.js"
import { type InvalidMeetingsInput, ReceptionRuleViolation, type SuspendedInPerson } from "./Errors.js"
import type { ReceptionRule } from "./Errors.js"
import { decoder, makeLocalDay } from "./internal/time.js"
import { QuestionTopic } from "./internal/topic.js"
import * as Suspension from "./Suspension.js"
import { LocalTime, minutesOf, Online, OnlineLink, ReceptionVenue, Text } from "./Venue.js"

// ---- data ----------------------------------------------------------------------

/** The topic of an appeal or question: a classifier code `XXXX.XXXX.XXXX.XXXX`. */
export const Topic = QuestionTopic
/** @see Topic */
export type Topic = typeof Topic.Type

/** Topics of a card: the main one first. */
export const Topics = Schema.NonEmptyArray(Topic)

/** An e-mail address (the shape only): the appeals area's, one Schema for both. */
export const Email = AppealEmail

/**
 * A piece of personal data entered in a card: `Redacted` once decoded, and a
 * value that fails to decode is never echoed in the error (the appeals
 * area's `PersonalData`: the message names what was expected, never the
 * value).
 */
const personal = (expected: string) => PersonalData(Text, `${expected}: trimmed, 1 to 2000 characters`)

/** The content of the oral appeal as entered in the card. Personal data. */
export const Content = personal("the content of the appeal")

/**
 * A text a clerk enters that becomes an appeal's text (the card's content,
 * the text of a written appeal handed in): also an appeal's text
 * (`Appeals.Appeal.isAppealText`: no control characters but tab and line
 * ends, no lone surrogates, no U+FFFD), so the appeal registered from it
 * never fails where the card was accepted. Commands only: stored events
 * decode as they were written.
 */
const enteredAppealText = (expected: string) =>
  PersonalData(
    Text.pipe(Schema.filter(isAppealText)),
    `${expected}: trimmed, 1 to 2000 characters, without control characters (NUL), lone surrogates or invalid UTF-8`
  )

/** The content of an oral appeal as a clerk enters it (a command's field). Personal data. */
export const EnteredContent = enteredAppealText("the content of the appeal")

/**
 * The applicant received: personal data, every field `Redacted` (never
 * printed; encoding through the Schema carries the values for storage); a
 * malformed value is never echoed in an error.
 */
export class Applicant extends Schema.Class<Applicant>("ReceptionApplicant")(
  {
    name: personal("a name"),
    postalAddress: Schema.optionalWith(personal("a postal address"), { exact: true }),
    email: Schema.optionalWith(PersonalData(Email, "an e-mail address: trimmed, at most 320 characters"), {
      exact: true
    }),
    phone: Schema.optionalWith(personal("a phone number"), { exact: true })
  },
  // the encoded side: an applicant that is not an object is not echoed either
  [
    undefined,
    undefined,
    {
      message: () =>
        "expected an applicant: an object with a name and an optional postalAddress, email and phone (personal data: the value is not shown)"
    }
  ]
) {}

/** The identity document the applicant showed (its kind; its details are personal data). // 59-FZ art. 13 p. 2 */
export class IdentityDocument extends Schema.Class<IdentityDocument>("IdentityDocument")(
  {
    kind: Schema.Literal("passport", "other"),
    details: personal("the details of the identity document")
  },
  [
    undefined,
    undefined,
    {
      message: () =>
        "expected an identity document: an object with a kind and details (personal data: the value is not shown)"
    }
  ]
) {}

/** The answer is given orally at the reception: allowed with consent and obvious facts. // 59-FZ art. 13 p. 3 */
export class OralAnswer extends Schema.TaggedClass<OralAnswer>()("OralAnswer", {
  applicantConsented: Schema.Boolean,
  factsObvious: Schema.Boolean,
  /** What was answered, as entered in the card. Personal data. */
  summary: personal("the answer given")
}) {}

/** The content is registered as an oral appeal and answered in writing. // 59-FZ art. 13 p. 3 */
export class OralAppeal extends Schema.TaggedClass<OralAppeal>()("OralAppeal", {}) {}

/** How a card is answered. */
export const CardAnswer = Schema.Union(OralAnswer, OralAppeal).annotations({ identifier: "CardAnswer" })
/** @see CardAnswer */
export type CardAnswer = typeof CardAnswer.Type

/**
 * The card was answered orally: the card notes the applicant's consent and
 * that the facts were obvious (both `true` whenever the decider accepted it;
 * `Invariants.reception` checks them). // 59-FZ art. 13 p. 3
 */
export class AnsweredOrally extends Schema.TaggedClass<AnsweredOrally>()("AnsweredOrally", {
  applicantConsented: Schema.Boolean,
  factsObvious: Schema.Boolean,
  summary: personal("the answer given")
}) {}
/** The card became an oral appeal; `appeal` once registered and linked. */
export class ToOralAppeal extends Schema.TaggedClass<ToOralAppeal>()("ToOralAppeal", {
  appeal: Schema.optionalWith(AppealId, { exact: true })
}) {}

/** The outcome recorded in a card. */
export const CardOutcome = Schema.Union(AnsweredOrally, ToOralAppeal).annotations({ identifier: "CardOutcome" })
/** @see CardOutcome */
export type CardOutcome = typeof CardOutcome.Type

/** A written appeal handed in at the reception (numbered from 1 within its card). */
export class HandIn extends Schema.Class<HandIn>("HandIn")({
  number: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  text: personal("the text of the written appeal"),
  topics: Topics,
  appeal: Schema.optionalWith(AppealId, { exact: true })
}) {}

/** The format of a reception a citizen was received in. */
export const ReceptionFormat = Schema.Literal("inPerson", "online")
/** @see ReceptionFormat */
export type ReceptionFormat = typeof ReceptionFormat.Type

/** A reception card (карточка личного приёма). */
export class Card extends Schema.Class<Card>("ReceptionCard")({
  card: ReceptionCardId,
  official: OfficialId,
  day: Day,
  format: ReceptionFormat,
  applicant: Applicant,
  identityDocument: IdentityDocument,
  content: Content,
  topics: Topics,
  outcome: CardOutcome,
  handIns: Schema.Array(HandIn),
  recordedAt: Instant
}) {}

/** A refusal of a repeat reception, with the reference to the earlier answer on the merits. // 59-FZ art. 13 p. 6 */
export class Refusal extends Schema.Class<Refusal>("ReceptionRefusal")({
  applicant: Applicant,
  topics: Topics,
  reference: AppealId,
  answeredOn: Day,
  refusedAt: Instant
}) {}

// ---- commands ------------------------------------------------------------------

const meta = { reception: ReceptionId, at: Instant, actor: ActorId }
/** A slot's day and hours (a schedule and a postponement, command and event alike). */
const timeFields = { day: Day, start: LocalTime, end: LocalTime }
/** A slot as scheduled (the command and its event). */
const slotFields = {
  official: OfficialId,
  ...timeFields,
  venue: ReceptionVenue,
  /** The announced topic, if any. */
  topic: Schema.optionalWith(Text, { exact: true })
}

/** Schedules a reception slot of an official. */
export class ScheduleReception extends Schema.TaggedClass<ScheduleReception>()("ScheduleReception", {
  ...meta,
  ...slotFields
}) {}

/** Moves an in-person slot online (e.g. for a suspension). */
export class MoveReceptionOnline extends Schema.TaggedClass<MoveReceptionOnline>()("MoveReceptionOnline", {
  ...meta,
  link: OnlineLink
}) {}

/** Postpones a slot that has not started to another day and time. */
export class PostponeReception extends Schema.TaggedClass<PostponeReception>()("PostponeReception", {
  ...meta,
  ...timeFields
}) {}

/** Cancels a slot that has not started. */
export class CancelReception extends Schema.TaggedClass<CancelReception>()("CancelReception", {
  ...meta,
  reason: Text
}) {}

/** Records a citizen's visit: a reception card with its answer. // 59-FZ art. 13 p. 3 */
export class RecordCard extends Schema.TaggedClass<RecordCard>()("RecordCard", {
  ...meta,
  card: ReceptionCardId,
  applicant: Applicant,
  identityDocument: IdentityDocument,
  content: EnteredContent,
  topics: Topics,
  answer: CardAnswer
}) {}

/** Notes a written appeal handed in at the reception, to be registered as written. // 59-FZ art. 13 p. 4 */
export class HandInWrittenAppeal extends Schema.TaggedClass<HandInWrittenAppeal>()("HandInWrittenAppeal", {
  ...meta,
  card: ReceptionCardId,
  text: enteredAppealText("the text of the written appeal"),
  topics: Topics
}) {}

/** Refuses a repeat reception on a question already answered on the merits (the reference). // 59-FZ art. 13 p. 6 */
export class RefuseRepeatReception extends Schema.TaggedClass<RefuseRepeatReception>()("RefuseRepeatReception", {
  ...meta,
  applicant: Applicant,
  topics: Topics,
  reference: AppealId,
  answeredOn: Day
}) {}

/** Links a card to the oral appeal registered from it (from the appeals area's event). */
export class LinkOralAppeal extends Schema.TaggedClass<LinkOralAppeal>()("LinkOralAppeal", {
  ...meta,
  card: ReceptionCardId,
  appeal: AppealId
}) {}

/** Links a handed-in written appeal to its registered appeal. */
export class LinkWrittenAppeal extends Schema.TaggedClass<LinkWrittenAppeal>()("LinkWrittenAppeal", {
  ...meta,
  card: ReceptionCardId,
  handIn: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  appeal: AppealId
}) {}

/** Closes the reception: no more cards. */
export class CloseReception extends Schema.TaggedClass<CloseReception>()("CloseReception", { ...meta }) {}

/** Every reception command. */
export const Command = Schema.Union(
  ScheduleReception,
  MoveReceptionOnline,
  PostponeReception,
  CancelReception,
  RecordCard,
  HandInWrittenAppeal,
  RefuseRepeatReception,
  LinkOralAppeal,
  LinkWrittenAppeal,
  CloseReception
)
/** @see Command */
export type Command = typeof Command.Type

// ---- events --------------------------------------------------------------------

const emeta = { reception: ReceptionId, at: Instant, on: Day, actor: ActorId }

/** A slot was scheduled. */
export class ReceptionScheduled extends Schema.TaggedClass<ReceptionScheduled>()("ReceptionScheduled", {
  ...emeta,
  ...slotFields
}) {}
/** A slot was moved online. */
export class ReceptionMovedOnline extends Schema.TaggedClass<ReceptionMovedOnline>()("ReceptionMovedOnline", {
  ...emeta,
  link: OnlineLink
}) {}
/** A slot was postponed. */
export class ReceptionPostponed extends Schema.TaggedClass<ReceptionPostponed>()("ReceptionPostponed", {
  ...emeta,
  ...timeFields
}) {}
/** A slot was cancelled. */
export class ReceptionCancelled extends Schema.TaggedClass<ReceptionCancelled>()("ReceptionCancelled", {
  ...emeta,
  reason: Text
}) {}
/** A citizen was received: a card was recorded. // 59-FZ art. 13 p. 3 */
export class CardRecorded extends Schema.TaggedClass<CardRecorded>()("CardRecorded", {
  ...emeta,
  card: ReceptionCardId,
  official: OfficialId,
  day: Day,
  format: ReceptionFormat,
  applicant: Applicant,
  identityDocument: IdentityDocument,
  content: Content,
  topics: Topics
}) {}
/** The card was answered orally, with the applicant's consent and obvious facts (noted in the card). // 59-FZ art. 13 p. 3 */
export class CardAnsweredOrally extends Schema.TaggedClass<CardAnsweredOrally>()("CardAnsweredOrally", {
  ...emeta,
  card: ReceptionCardId,
  applicantConsented: Schema.Boolean,
  factsObvious: Schema.Boolean,
  summary: personal("the answer given")
}) {}
/**
 * The card asks for an oral appeal to be registered in the appeal
 * lifecycle (channel `oral`) with its content, official and card id: the
 * input of `Loop.registerOralAppeal`. // 59-FZ art. 13 p. 3
 */
export class OralAppealRequested extends Schema.TaggedClass<OralAppealRequested>()("OralAppealRequested", {
  ...emeta,
  card: ReceptionCardId,
  official: OfficialId,
  day: Day,
  applicant: Applicant,
  content: Content,
  topics: Topics
}) {}
/** A written appeal was handed in, to be registered as written: the input of `Loop.registerWrittenAppeal`. // 59-FZ art. 13 p. 4 */
export class WrittenAppealHandedIn extends Schema.TaggedClass<WrittenAppealHandedIn>()("WrittenAppealHandedIn", {
  ...emeta,
  card: ReceptionCardId,
  official: OfficialId,
  handIn: Schema.Int,
  applicant: Applicant,
  text: personal("the text of the written appeal"),
  topics: Topics
}) {}
/** A repeat reception was refused, with the reference. // 59-FZ art. 13 p. 6 */
export class RepeatReceptionRefused extends Schema.TaggedClass<RepeatReceptionRefused>()("RepeatReceptionRefused", {
  ...emeta,
  applicant: Applicant,
  topics: Topics,
  reference: AppealId,
  answeredOn: Day
}) {}
/** The card's oral appeal was registered under `appeal`. */
export class OralAppealLinked extends Schema.TaggedClass<OralAppealLinked>()("OralAppealLinked", {
  ...emeta,
  card: ReceptionCardId,
  appeal: AppealId
}) {}
/** A handed-in written appeal was registered under `appeal`. */
export class WrittenAppealLinked extends Schema.TaggedClass<WrittenAppealLinked>()("WrittenAppealLinked", {
  ...emeta,
  card: ReceptionCardId,
  handIn: Schema.Int,
  appeal: AppealId
}) {}
/** The reception was closed. */
export class ReceptionClosed extends Schema.TaggedClass<ReceptionClosed>()("ReceptionClosed", {
  ...emeta,
  cards: Schema.NonNegativeInt
}) {}

/** Every reception event. */
export const Event = Schema.Union(
  ReceptionScheduled,
  ReceptionMovedOnline,
  ReceptionPostponed,
  ReceptionCancelled,
  CardRecorded,
  CardAnsweredOrally,
  OralAppealRequested,
  WrittenAppealHandedIn,
  RepeatReceptionRefused,
  OralAppealLinked,
  WrittenAppealLinked,
  ReceptionClosed
)
/** @see Event */
export type Event = typeof Event.Type

// ---- state ---------------------------------------------------------------------

/** No slot scheduled yet. */
export class NoReception extends Schema.TaggedClass<NoReception>()("NoReception", {}) {}

/** The status of a scheduled slot. */
export const Status = Schema.Literal("scheduled", "cancelled", "closed")
/** @see Status */
export type Status = typeof Status.Type

/** A scheduled slot with its cards and refusals. */
export class ReceptionRecord extends Schema.TaggedClass<ReceptionRecord>()("ReceptionRecord", {
  reception: ReceptionId,
  official: OfficialId,
  day: Day,
  start: LocalTime,
  end: LocalTime,
  venue: ReceptionVenue,
  topic: Schema.optionalWith(Text, { exact: true }),
  status: Status,
  postponements: Schema.NonNegativeInt,
  cards: Schema.Array(Card),
  refusals: Schema.Array(Refusal)
}) {}

/** The state of a reception stream. */
export const State = Schema.Union(NoReception, ReceptionRecord)
/** @see State */
export type State = typeof State.Type

/** The state of an empty stream. */
export const initialState: State = new NoReception()

/** Whether the slot has started (a citizen was received or refused). */
export const started = (r: ReceptionRecord): boolean => r.cards.length > 0 || r.refusals.length > 0

/** The format of a slot. */
export const formatOf = (r: { readonly venue: ReceptionVenue }): ReceptionFormat =>
  r.venue._tag === "InPerson" ? "inPerson" : "online"

// ---- decider -------------------------------------------------------------------

/** Errors of the reception decider. */
export type Error = ReceptionRuleViolation | SuspendedInPerson | InvalidMeetingsInput

/** Settings closed over by the decider: the zone, and the suspensions in force (from the suspension stream). */
export interface Settings {
  readonly timeZone: TimeZoneName
  readonly suspensions: ReadonlyArray<Suspension.SuspensionPeriod>
}

type R = Either.Either<ReadonlyArray<Event>, Error>

const asRight = <A, E, B>(e: Either.Either<A, E>, b: B): Either.Either<B, E> => Either.map(e, () => b)

const rule = (reception: ReceptionId, r: ReceptionRule, field: string, message: string): R =>
  Either.left(new ReceptionRuleViolation({ reception, rule: r, field, message }))

const open = (s: State, reception: ReceptionId): Either.Either<ReceptionRecord, Error> => {
  if (s._tag === "NoReception")
    return Either.left(
      new ReceptionRuleViolation({
        reception,
        rule: "notScheduled",
        field: "reception",
        message: `reception ${reception} is not scheduled`
      })
    )
  if (s.status !== "scheduled") {
    return Either.left(
      new ReceptionRuleViolation({
        reception,
        rule: s.status,
        field: "reception",
        message: `reception ${reception} is ${s.status}`
      })
    )
  }
  return Either.right(s)
}

const findCard = (
  s: State,
  c: { readonly reception: ReceptionId; readonly card: ReceptionCardId }
): Either.Either<Card, Error> => {
  const card = s._tag === "ReceptionRecord" ? s.cards.find((x) => x.card === c.card) : undefined
  return card === undefined
    ? Either.left(
        new ReceptionRuleViolation({
          reception: c.reception,
          rule: "unknownCard",
          field: "card",
          message: `reception ${c.reception} has no card ${c.card}`
        })
      )
    : Either.right(card)
}

/** The reception decider. */
export const decider = (settings: Settings): Decider<Command, Event, State, Error> => {
  const localDay = makeLocalDay(settings.timeZone)
  const inPerson = (day: Day, venue: ReceptionVenue, field: string) =>
    Suspension.checkInPerson(settings.suspensions, day, venue._tag === "InPerson", field)

  const receiving = (s: State, c: Command, today: Day): Either.Either<ReceptionRecord, Error> =>
    Either.flatMap(
      open(s, c.reception),
      (r): Either.Either<ReceptionRecord, Error> =>
        today < r.day
          ? Either.left(
              new ReceptionRuleViolation({
                reception: c.reception,
                rule: "dayNotReached",
                field: "at",
                message: `reception ${c.reception} is on ${r.day}, not before`
              })
            )
          : asRight(inPerson(r.day, r.venue, "venue"), r)
    )

  const decide = (c: Command, s: State, today: Day): R => {
    const m = { reception: c.reception, at: c.at, on: today, actor: c.actor }
    switch (c._tag) {
      case "ScheduleReception": {
        if (s._tag !== "NoReception")
          return rule(c.reception, "alreadyScheduled", "reception", `reception ${c.reception} is already scheduled`)
        if (minutesOf(c.end) <= minutesOf(c.start))
          return rule(
            c.reception,
            "endBeforeStart",
            "end",
            `the reception ends at ${c.end}, not after its start ${c.start}`
          )
        if (c.day < today) return rule(c.reception, "dayInThePast", "day", `${c.day} is before ${today}`)
        return asRight(inPerson(c.day, c.venue, "venue"), [
          new ReceptionScheduled({
            ...m,
            official: c.official,
            day: c.day,
            start: c.start,
            end: c.end,
            venue: c.venue,
            ...(c.topic === undefined ? {} : { topic: c.topic })
          })
        ])
      }
      case "MoveReceptionOnline":
        return Either.flatMap(open(s, c.reception), (r) =>
          started(r)
            ? rule(c.reception, "alreadyStarted", "reception", `reception ${c.reception} has started`)
            : r.venue._tag === "Online"
              ? rule(c.reception, "alreadyOnline", "link", `reception ${c.reception} is already online`)
              : Either.right([new ReceptionMovedOnline({ ...m, link: c.link })])
        )
      case "PostponeReception":
        return Either.flatMap(open(s, c.reception), (r) => {
          if (started(r))
            return rule(c.reception, "alreadyStarted", "reception", `reception ${c.reception} has started`)
          if (minutesOf(c.end) <= minutesOf(c.start))
            return rule(
              c.reception,
              "endBeforeStart",
              "end",
              `the reception ends at ${c.end}, not after its start ${c.start}`
            )
          if (c.day < today) return rule(c.reception, "dayInThePast", "day", `${c.day} is before ${today}`)
          return asRight(inPerson(c.day, r.venue, "day"), [
            new ReceptionPostponed({ ...m, day: c.day, start: c.start, end: c.end })
          ])
        })
      case "CancelReception":
        return Either.flatMap(open(s, c.reception), (r) =>
          started(r)
            ? rule(c.reception, "alreadyStarted", "reception", `reception ${c.reception} has started`)
            : Either.right([new ReceptionCancelled({ ...m, reason: c.reason })])
        )
      case "RecordCard":
        return Either.flatMap(receiving(s, c, today), (r): R => {
          if (r.cards.some((x) => x.card === c.card))
            return rule(c.reception, "duplicateCard", "card", `reception ${c.reception} already has card ${c.card}`)
          const recorded = new CardRecorded({
            ...m,
            card: c.card,
            official: r.official,
            day: r.day,
            format: formatOf(r),
            applicant: c.applicant,
            identityDocument: c.identityDocument,
            content: c.content,
            topics: c.topics
          })
          const a = c.answer
          if (a._tag === "OralAnswer") {
            // 59-FZ art. 13 p. 3: an oral answer only with the applicant's consent, when the facts are obvious
            const refused = oralAnswerRefusal(a)
            if (refused === "noConsent")
              return rule(
                c.reception,
                "oralAnswerNeedsConsent",
                "answer.applicantConsented",
                `an oral answer needs the applicant's consent (${oralAnswerSource})`
              )
            if (refused === "factsNotObvious")
              return rule(
                c.reception,
                "oralAnswerNeedsObviousFacts",
                "answer.factsObvious",
                `an oral answer needs obvious facts (${oralAnswerSource})`
              )
            return Either.right([
              recorded,
              new CardAnsweredOrally({
                ...m,
                card: c.card,
                applicantConsented: a.applicantConsented,
                factsObvious: a.factsObvious,
                summary: a.summary
              })
            ])
          }
          return Either.right([
            recorded,
            new OralAppealRequested({
              ...m,
              card: c.card,
              official: r.official,
              day: r.day,
              applicant: c.applicant,
              content: c.content,
              topics: c.topics
            })
          ])
        })
      case "HandInWrittenAppeal":
        return Either.flatMap(open(s, c.reception), (r) =>
          Either.map(findCard(r, c), (card) => [
            new WrittenAppealHandedIn({
              ...m,
              card: c.card,
              official: r.official,
              handIn: card.handIns.length + 1,
              applicant: card.applicant,
              text: c.text,
              topics: c.topics
            })
          ])
        )
      case "RefuseRepeatReception":
        return Either.flatMap(receiving(s, c, today), () =>
          c.answeredOn > today
            ? rule(
                c.reception,
                "referenceNotEarlier",
                "answeredOn",
                `the referenced answer (${c.answeredOn}) must be given before the refusal (${today})`
              )
            : Either.right([
                new RepeatReceptionRefused({
                  ...m,
                  applicant: c.applicant,
                  topics: c.topics,
                  reference: c.reference,
                  answeredOn: c.answeredOn
                })
              ])
        )
      case "LinkOralAppeal":
        return Either.flatMap(findCard(s, c), (card): R => {
          if (card.outcome._tag === "AnsweredOrally")
            return rule(
              c.reception,
              "cardAnsweredOrally",
              "card",
              `card ${c.card} was answered orally: it has no oral appeal`
            )
          if (card.outcome.appeal === c.appeal) return Either.right([])
          if (card.outcome.appeal !== undefined) {
            return rule(
              c.reception,
              "oneOralAppealPerCard",
              "appeal",
              `card ${c.card} is already linked to appeal ${card.outcome.appeal}`
            )
          }
          return Either.right([new OralAppealLinked({ ...m, card: c.card, appeal: c.appeal })])
        })
      case "LinkWrittenAppeal":
        return Either.flatMap(findCard(s, c), (card): R => {
          const h = card.handIns.find((x) => x.number === c.handIn)
          if (h === undefined)
            return rule(c.reception, "unknownHandIn", "handIn", `card ${c.card} has no handed-in appeal ${c.handIn}`)
          if (h.appeal === c.appeal) return Either.right([])
          if (h.appeal !== undefined)
            return rule(
              c.reception,
              "oneAppealPerHandIn",
              "appeal",
              `handed-in appeal ${c.handIn} of card ${c.card} is already appeal ${h.appeal}`
            )
          return Either.right([new WrittenAppealLinked({ ...m, card: c.card, handIn: c.handIn, appeal: c.appeal })])
        })
      case "CloseReception":
        return Either.flatMap(open(s, c.reception), (r) =>
          today < r.day
            ? rule(c.reception, "dayNotReached", "at", `reception ${c.reception} is on ${r.day}, not before`)
            : Either.right([new ReceptionClosed({ ...m, cards: r.cards.length })])
        )
    }
  }

  return {
    initialState,
    decide: (c, s) => Either.flatMap(localDay(c.at), (today) => decide(c, s, today)),
    evolve
  }
}

const record = (s: ReceptionRecord, patch: Partial<ReceptionRecord>): ReceptionRecord =>
  new ReceptionRecord({ ...s, ...patch }, true)

const updateCard = (s: ReceptionRecord, id: ReceptionCardId, f: (c: Card) => Card): ReceptionRecord =>
  record(s, { cards: s.cards.map((c) => (c.card === id ? f(c) : c)) })

const withCard = (c: Card, patch: Partial<Card>): Card => new Card({ ...c, ...patch }, true)

/** Applies one event (events of an unscheduled stream other than scheduling are ignored). */
export const evolve = (s: State, e: Event): State => {
  if (e._tag === "ReceptionScheduled") {
    return new ReceptionRecord(
      {
        reception: e.reception,
        official: e.official,
        day: e.day,
        start: e.start,
        end: e.end,
        venue: e.venue,
        ...(e.topic === undefined ? {} : { topic: e.topic }),
        status: "scheduled",
        postponements: 0,
        cards: [],
        refusals: []
      },
      true
    )
  }
  if (s._tag === "NoReception") return s
  switch (e._tag) {
    case "ReceptionMovedOnline":
      return record(s, { venue: new Online({ link: e.link }, true) })
    case "ReceptionPostponed":
      return record(s, { day: e.day, start: e.start, end: e.end, postponements: s.postponements + 1 })
    case "ReceptionCancelled":
      return record(s, { status: "cancelled" })
    case "CardRecorded":
      return record(s, {
        cards: [
          ...s.cards,
          new Card(
            {
              card: e.card,
              official: e.official,
              day: e.day,
              format: e.format,
              applicant: e.applicant,
              identityDocument: e.identityDocument,
              content: e.content,
              topics: e.topics,
              outcome: new ToOralAppeal({}, true),
              handIns: [],
              recordedAt: e.at
            },
            true
          )
        ]
      })
    case "CardAnsweredOrally":
      return updateCard(s, e.card, (c) =>
        withCard(c, {
          outcome: new AnsweredOrally(
            { applicantConsented: e.applicantConsented, factsObvious: e.factsObvious, summary: e.summary },
            true
          )
        })
      )
    case "OralAppealRequested":
      return updateCard(s, e.card, (c) => withCard(c, { outcome: new ToOralAppeal({}, true) }))
    case "OralAppealLinked":
      return updateCard(s, e.card, (c) => withCard(c, { outcome: new ToOralAppeal({ appeal: e.appeal }, true) }))
    case "WrittenAppealHandedIn":
      return updateCard(s, e.card, (c) =>
        withCard(c, { handIns: [...c.handIns, new HandIn({ number: e.handIn, text: e.text, topics: e.topics }, true)] })
      )
    case "WrittenAppealLinked":
      return updateCard(s, e.card, (c) =>
        withCard(c, {
          handIns: c.handIns.map((h) => (h.number === e.handIn ? new HandIn({ ...h, appeal: e.appeal }, true) : h))
        })
      )
    case "RepeatReceptionRefused":
      return record(s, {
        refusals: [
          ...s.refusals,
          new Refusal(
            {
              applicant: e.applicant,
              topics: e.topics,
              reference: e.reference,
              answeredOn: e.answeredOn,
              refusedAt: e.at
            },
            true
          )
        ]
      })
    case "ReceptionClosed":
      return record(s, { status: "closed" })
  }
}

/** Decodes a reception command from outside data; a missing or malformed field is an {@link InvalidMeetingsInput} naming it. */
export const decodeCommand: (input: unknown) => Either.Either<Command, InvalidMeetingsInput> = decoder(Command)

/** Whether a slot is in person. */
export const isInPerson = (r: { readonly venue: ReceptionVenue }): boolean => r.venue._tag === "InPerson"
