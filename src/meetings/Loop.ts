/**
 * The closed loop between the meetings area and the appeals and planning
 * areas, as pure translations in both directions, in one place:
 *
 * - a reception card that is not answered orally asks for an oral appeal
 *   ({@link registerOralAppeal} -> `Appeals` `RegisterOralAppeal`, channel
 *   `oral`, naming the card); the appeal's `AppealRegistered` comes back as
 *   {@link linkOralAppeal} -> `LinkOralAppeal` (the card names the appeal):
 *   card <-> appeal;
 * - a written appeal handed in at a reception and a meeting question
 *   referred as an appeal become `RegisterAppeal` (channel `written`) and
 *   come back as `LinkWrittenAppeal` / `LinkQuestionAppeal`;
 * - an instruction from a meeting question becomes an activity of the
 *   division's monthly plan ({@link scheduleInstruction} -> `Planning`
 *   `ScheduleActivity`, origin `MeetingQuestion`), and the plan's
 *   `ActivityScheduled` comes back as {@link linkInstructionActivity} ->
 *   `LinkInstructionActivity`: instruction <-> activity;
 * - a recommendation of the monthly analysis of appeals becomes a planned
 *   measure ({@link measureFromRecommendation}, origin `Recommendation`),
 *   as a strategic goal does ({@link measureFromGoal}); {@link trace}
 *   follows every measure from its cause to its result.
 *
 * Ids of the other areas' records (appeal ids, registration numbers,
 * activity ids, the monthly plan) are the application's to allocate: they
 * come in a context argument.
 *
 * @module
 */
import { Either, Option, Redacted } from "effect"
import type { Addressee, AppealType, Kind, RegistrationNumber } from "../appeals/Appeal.js"
import { Applicant as AppealApplicant, ToDeputyMayor, ToDivision, ToMayor } from "../appeals/Appeal.js"
import { RegisterAppeal, RegisterOralAppeal } from "../appeals/AppealCommand.js"
import type { AppealRegistered } from "../appeals/AppealEvent.js"
import type { ActorId, AppealId, ReceptionCardId } from "../kernel/Ids.js"
import type { Official } from "../kernel/Organisation.js"
import { LoopMismatch } from "./Errors.js"
import type * as Meeting from "./Meeting.js"
import { LinkQuestionAppeal } from "./Meeting.js"
import type * as Reception from "./Reception.js"
import { LinkOralAppeal, LinkWrittenAppeal } from "./Reception.js"

// ---- into appeals -------------------------------------------------------------------

/** What the application supplies to register an appeal: the ids it allocates and the classification. */
export interface AppealContext {
  readonly appealId: AppealId
  readonly registrationNumber: RegistrationNumber
  /** Who registers it, and when (the clock is read at the edge). */
  readonly actor: ActorId
  readonly at: Date
  readonly addressee: Addressee
  /** Default `statement` (заявление). */
  readonly type?: AppealType
  /** Default `individual`. */
  readonly kind?: Kind
  /** Earlier appeals of the same applicant on the same question. */
  readonly relatedAppeals?: ReadonlyArray<AppealId>
}

/**
 * The addressee of an appeal made to an official: the Mayor, a deputy
 * mayor, or the division a head of division heads.
 */
export const addresseeOf = (official: Official): Addressee =>
  official.position === "mayor"
    ? new ToMayor()
    : official.position === "headOfDivision" && official.division !== undefined
      ? new ToDivision({ division: official.division })
      : new ToDeputyMayor({ official: official.id })

/** The appeals area's applicant from a reception applicant (the phone is not part of an appeal). */
export const appealApplicant = (a: Reception.Applicant): AppealApplicant =>
  new AppealApplicant({
    name: a.name,
    ...(a.postalAddress === undefined ? {} : { postalAddress: a.postalAddress }),
    ...(a.email === undefined ? {} : { email: a.email })
  })

const classification = (ctx: AppealContext) => ({
  appealId: ctx.appealId,
  at: ctx.at,
  actor: ctx.actor,
  registrationNumber: ctx.registrationNumber,
  kind: ctx.kind ?? "individual",
  type: ctx.type ?? "statement",
  addressee: ctx.addressee,
  relatedAppeals: ctx.relatedAppeals ?? []
})

/**
 * A card's request for an oral appeal as the appeals area's
 * `RegisterOralAppeal`: the card's content, applicant, topics, official and
 * card id; received at the card's instant. // 59-FZ art. 13 p. 1-2
 */
export const registerOralAppeal = (e: Reception.OralAppealRequested, ctx: AppealContext): RegisterOralAppeal =>
  new RegisterOralAppeal({
    ...classification(ctx),
    applicant: appealApplicant(e.applicant),
    text: e.content,
    topics: e.topics,
    receivedAt: e.at,
    receptionCard: e.card,
    receivedBy: e.official
  })

/** A written appeal handed in at a reception as a written `RegisterAppeal`. // 59-FZ art. 13 p. 3 */
export const registerWrittenAppeal = (e: Reception.WrittenAppealHandedIn, ctx: AppealContext): RegisterAppeal =>
  new RegisterAppeal({
    ...classification(ctx),
    channel: "written",
    applicant: appealApplicant(e.applicant),
    text: e.text,
    topics: e.topics,
    receivedAt: e.at
  })

/** A meeting question referred as an appeal, as a written `RegisterAppeal` (anonymous when nobody is named). */
export const registerQuestionAppeal = (e: Meeting.QuestionReferredAsAppeal, ctx: AppealContext): RegisterAppeal =>
  new RegisterAppeal({
    ...classification(ctx),
    channel: "written",
    ...(e.askedBy === undefined ? {} : { applicant: new AppealApplicant({ name: e.askedBy }) }),
    text: Redacted.make(e.text),
    topics: [e.topic],
    receivedAt: e.at
  })

// ---- back from appeals --------------------------------------------------------------

/** The card an appeal was registered from (the appeal -> card direction of the link). */
export const cardOf = (registered: AppealRegistered): Option.Option<ReceptionCardId> => Option.fromNullable(registered.appeal.receptionCard)

/**
 * The appeals area registered the oral appeal a card asked for: the command
 * that records it in the card (the card -> appeal direction).
 */
export const linkOralAppeal = (requested: Reception.OralAppealRequested, registered: AppealRegistered): Either.Either<LinkOralAppeal, LoopMismatch> => {
  if (registered.appeal.channel !== "oral") return Either.left(new LoopMismatch({ rule: "notOral", message: `appeal ${registered.appealId} is ${registered.appeal.channel}, not oral` }))
  if (registered.appeal.receptionCard !== requested.card) {
    return Either.left(new LoopMismatch({ rule: "otherCard", message: `appeal ${registered.appealId} comes from another card than ${requested.card}` }))
  }
  return Either.right(new LinkOralAppeal({ reception: requested.reception, at: registered.at, actor: registered.actor, card: requested.card, appeal: registered.appealId }))
}

/** The appeals area registered a handed-in written appeal: the command that records it in the card. */
export const linkWrittenAppeal = (handedIn: Reception.WrittenAppealHandedIn, registered: AppealRegistered): Either.Either<LinkWrittenAppeal, LoopMismatch> =>
  registered.appeal.channel !== "written"
    ? Either.left(new LoopMismatch({ rule: "notWritten", message: `appeal ${registered.appealId} is ${registered.appeal.channel}, not written` }))
    : Either.right(new LinkWrittenAppeal({ reception: handedIn.reception, at: registered.at, actor: registered.actor, card: handedIn.card, handIn: handedIn.handIn, appeal: registered.appealId }))

/** The appeals area registered a referred meeting question: the command that records it in the meeting. */
export const linkQuestionAppeal = (referred: Meeting.QuestionReferredAsAppeal, registered: AppealRegistered): Either.Either<LinkQuestionAppeal, LoopMismatch> =>
  registered.appeal.channel !== "written"
    ? Either.left(new LoopMismatch({ rule: "notWritten", message: `appeal ${registered.appealId} is ${registered.appeal.channel}, not written` }))
    : Either.right(new LinkQuestionAppeal({ meeting: referred.meeting, at: registered.at, actor: registered.actor, question: referred.question, appeal: registered.appealId }))
