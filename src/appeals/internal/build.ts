/**
 * Monomorphic builders of the appeal decider's events and states, for its
 * hot path (10^6 decide + evolve per second). Each builds exactly what the
 * Schema class constructor builds from valid properties (`new C(props,
 * true)`): the class's prototype, own enumerable fields in declaration
 * order, an absent optional field left out, `_tag` last for a tagged class.
 * Writing the fields one by one in a fixed order gives every instance of a
 * class one hidden class, where a generic copy loop (or the constructor)
 * goes through keyed, megamorphic stores. A property test compares every
 * builder with its constructor (tests/appeals/Fast.test.ts).
 */
import type { ActorId, AppealId, DivisionId, OfficialId, ReceptionCardId } from "../../kernel/Ids.js"
import type { Day } from "../../kernel/Period.js"
import type {
  Addressee,
  AnswerForm,
  AppealType,
  Applicant,
  Channel,
  Kind,
  NoAnswerGround,
  Outcome,
  RegistrationNumber,
  Result
} from "../Appeal.js"
import { AppealFacts, Dues } from "../Appeal.js"
import {
  AppealAnswered,
  AppealAnsweredByReference,
  AppealAssigned,
  AppealForwardedByCompetence,
  AppealLeftWithoutAnswer,
  AppealRegistered,
  AppealTermExtended,
  CorrespondenceEnded,
  CrimeReportForwarded
} from "../AppealEvent.js"
import { Closed, Registered, UnderConsideration } from "../AppealState.js"
import type { AppealTopicCode } from "../Topic.js"
import type { Redacted } from "effect"

// Mutable views of the classes' fields, written once each before the object is handed out.
type Writable<A> = { -readonly [K in keyof A]: A[K] }

const create = <C extends abstract new (...args: never) => object>(C: C): Writable<InstanceType<C>> =>
  Object.create(C.prototype) as Writable<InstanceType<C>>

/** The fields of {@link AppealFacts}. */
export interface FactsFields {
  readonly appealId: AppealId
  readonly registrationNumber: RegistrationNumber
  readonly channel: Channel
  readonly kind: Kind
  readonly type: AppealType
  readonly addressee: Addressee
  readonly applicant: Applicant | undefined
  readonly text: Redacted.Redacted<string>
  readonly topics: readonly [AppealTopicCode, ...Array<AppealTopicCode>]
  readonly relatedAppeals: ReadonlyArray<AppealId>
  readonly receptionCard: ReceptionCardId | undefined
  readonly receivedBy: OfficialId | undefined
  readonly submittedBy: ActorId | undefined
  readonly receivedAt: Date
  readonly receivedOn: Day
  readonly registeredAt: Date
  readonly registeredOn: Day
}

/** `new AppealFacts(props, true)`. */
export const facts = (p: FactsFields): AppealFacts => {
  const o = create(AppealFacts)
  o.appealId = p.appealId
  o.registrationNumber = p.registrationNumber
  o.channel = p.channel
  o.kind = p.kind
  o.type = p.type
  o.addressee = p.addressee
  if (p.applicant !== undefined) o.applicant = p.applicant
  o.text = p.text
  o.topics = p.topics
  o.relatedAppeals = p.relatedAppeals
  if (p.receptionCard !== undefined) o.receptionCard = p.receptionCard
  if (p.receivedBy !== undefined) o.receivedBy = p.receivedBy
  if (p.submittedBy !== undefined) o.submittedBy = p.submittedBy
  o.receivedAt = p.receivedAt
  o.receivedOn = p.receivedOn
  o.registeredAt = p.registeredAt
  o.registeredOn = p.registeredOn
  return o
}

/** `new Dues({ registration, forwarding, notice, answer }, true)`. */
export const dues = (registration: Day, forwarding: Day, notice: Day, answer: Day): Dues => {
  const o = create(Dues)
  o.registration = registration
  o.forwarding = forwarding
  o.notice = notice
  o.answer = answer
  return o
}

/** `new AppealRegistered(props, true)`. */
export const registered = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  appeal: AppealFacts,
  d: Dues
): AppealRegistered => {
  const o = create(AppealRegistered)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.appeal = appeal
  o.dues = d
  o._tag = "AppealRegistered"
  return o
}

/** `new AppealForwardedByCompetence(props, true)`. */
export const forwarded = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  to: string,
  applicantNotified: boolean
): AppealForwardedByCompetence => {
  const o = create(AppealForwardedByCompetence)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.to = to
  o.applicantNotified = applicantNotified
  o._tag = "AppealForwardedByCompetence"
  return o
}

/** `new AppealAssigned(props, true)`. */
export const assigned = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  division: DivisionId
): AppealAssigned => {
  const o = create(AppealAssigned)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.division = division
  o._tag = "AppealAssigned"
  return o
}

/** `new AppealTermExtended(props, true)`. */
export const termExtended = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  days: number,
  totalExtensionDays: number,
  reason: string,
  answerDue: Day,
  applicantNotified: boolean
): AppealTermExtended => {
  const o = create(AppealTermExtended)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.days = days
  o.totalExtensionDays = totalExtensionDays
  o.reason = reason
  o.answerDue = answerDue
  o.applicantNotified = applicantNotified
  o._tag = "AppealTermExtended"
  return o
}

/** `new AppealAnswered(props, true)`. */
export const answered = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  result: Result,
  form: AnswerForm
): AppealAnswered => {
  const o = create(AppealAnswered)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.result = result
  o.form = form
  o._tag = "AppealAnswered"
  return o
}

/** `new AppealLeftWithoutAnswer(props, true)`. */
export const leftWithoutAnswer = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  ground: NoAnswerGround,
  applicantNotified: boolean
): AppealLeftWithoutAnswer => {
  const o = create(AppealLeftWithoutAnswer)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.ground = ground
  o.applicantNotified = applicantNotified
  o._tag = "AppealLeftWithoutAnswer"
  return o
}

/** `new CrimeReportForwarded(props, true)`. */
export const crimeReportForwarded = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  to: string
): CrimeReportForwarded => {
  const o = create(CrimeReportForwarded)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.to = to
  o._tag = "CrimeReportForwarded"
  return o
}

/** `new CorrespondenceEnded(props, true)`. */
export const correspondenceEnded = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  earlierAppeals: ReadonlyArray<AppealId>,
  applicantNotified: boolean
): CorrespondenceEnded => {
  const o = create(CorrespondenceEnded)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.earlierAppeals = earlierAppeals
  o.applicantNotified = applicantNotified
  o._tag = "CorrespondenceEnded"
  return o
}

/** `new AppealAnsweredByReference(props, true)`. */
export const answeredByReference = (
  appealId: AppealId,
  at: Date,
  on: Day,
  actor: ActorId,
  decision: AppealId
): AppealAnsweredByReference => {
  const o = create(AppealAnsweredByReference)
  o.appealId = appealId
  o.at = at
  o.on = on
  o.actor = actor
  o.decision = decision
  o._tag = "AppealAnsweredByReference"
  return o
}

/** `new Registered(props, true)`. */
export const registeredState = (appeal: AppealFacts, d: Dues, extensionDays: number, version: number): Registered => {
  const o = create(Registered)
  o.appeal = appeal
  o.dues = d
  o.extensionDays = extensionDays
  o.version = version
  o._tag = "Registered"
  return o
}

/** `new UnderConsideration(props, true)`. */
export const underConsideration = (
  appeal: AppealFacts,
  d: Dues,
  extensionDays: number,
  version: number,
  division: DivisionId
): UnderConsideration => {
  const o = create(UnderConsideration)
  o.appeal = appeal
  o.dues = d
  o.extensionDays = extensionDays
  o.version = version
  o.division = division
  o._tag = "UnderConsideration"
  return o
}

/** The fields of {@link Closed} (optional ones `undefined` when absent). */
export interface ClosedFields {
  readonly appeal: AppealFacts
  readonly dues: Dues
  readonly extensionDays: number
  readonly version: number
  readonly division: DivisionId | undefined
  readonly outcome: Outcome
  readonly result: Result | undefined
  readonly answerForm: AnswerForm | undefined
  readonly forwardedTo: string | undefined
  readonly applicantNotified: boolean
  readonly closedAt: Date
  readonly closedOn: Day
}

/** `new Closed(props, true)`. */
export const closed = (p: ClosedFields): Closed => {
  const o = create(Closed)
  o.appeal = p.appeal
  o.dues = p.dues
  o.extensionDays = p.extensionDays
  o.version = p.version
  if (p.division !== undefined) o.division = p.division
  o.outcome = p.outcome
  if (p.result !== undefined) o.result = p.result
  if (p.answerForm !== undefined) o.answerForm = p.answerForm
  if (p.forwardedTo !== undefined) o.forwardedTo = p.forwardedTo
  o.applicantNotified = p.applicantNotified
  o.closedAt = p.closedAt
  o.closedOn = p.closedOn
  o._tag = "Closed"
  return o
}
