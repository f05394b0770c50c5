/**
 * The reference appeal decider for the fast-path regression property: the
 * decider as it was before the hot path was tuned, built only from the
 * Schema constructors, the kernel's unmemoised `TimeZone.localDay` and
 * `Term.deadline`. Its answers are compared with the shipped decider's.
 */
import { Either } from "effect"
import type * as Decider from "../../../src/kernel/Decider.js"
import type { Day } from "../../../src/kernel/Period.js"
import {
  AppealFacts,
  Dues,
  hasAddressForAnswer,
  isRepeatedKind,
  outcomeOfGround,
  registrationYear
} from "../../../src/appeals/Appeal.js"
import type { Outcome } from "../../../src/appeals/Appeal.js"
import type { AppealCommand, RegisterAppeal, RegisterOralAppeal } from "../../../src/appeals/AppealCommand.js"
import {
  DeadlineUnavailable,
  ExtensionRefused,
  GroundDoesNotApply,
  InvalidAppealInput,
  NoAddressForAnswer,
  OralAnswerNotAllowed,
  TransitionNotAllowed
} from "../../../src/appeals/AppealError.js"
import type { AppealError } from "../../../src/appeals/AppealError.js"
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
} from "../../../src/appeals/AppealEvent.js"
import type { AppealEvent } from "../../../src/appeals/AppealEvent.js"
import { Closed, Registered, UnderConsideration, initial } from "../../../src/appeals/AppealState.js"
import type { AppealState } from "../../../src/appeals/AppealState.js"
import type * as Deadlines from "../../../src/appeals/Deadlines.js"
import * as Term from "../../../src/kernel/Term.js"
import * as TimeZone from "../../../src/kernel/TimeZone.js"
import * as Topic from "../../../src/appeals/Topic.js"

type Result<A> = Either.Either<A, AppealError>

const ok = (events: ReadonlyArray<AppealEvent>): Result<ReadonlyArray<AppealEvent>> => Either.right(events)
const fail = (e: AppealError): Result<never> => Either.left(e)

const notAllowed = (command: AppealCommand, state: AppealState, why: string) =>
  fail(
    new TransitionNotAllowed({
      command: command._tag,
      state: state._tag,
      message: `${command._tag} is not allowed on an appeal that is ${state._tag}: ${why}`
    })
  )

/** The reference decider for a municipality's settings. */
export const makeReferenceDecider = (
  settings: Deadlines.Settings
): Decider.Decider<AppealCommand, AppealEvent, AppealState, AppealError> => {
  const localDay = (at: Date) => TimeZone.localDay(at, settings.timeZone)
  const due = (event: Day, days: number) =>
    Either.mapLeft(
      Term.deadline({
        event,
        term: Term.calendarDays(days),
        calendar: settings.calendar,
        policy: settings.policy,
        timeZone: settings.timeZone
      }),
      (e) => new DeadlineUnavailable({ message: e.message })
    )
  const answer = (registeredOn: Day, extensionDays: number) =>
    due(registeredOn, settings.answerTermDays + extensionDays)
  const deadlines = {
    answer,
    dues: (receivedOn: Day, registeredOn: Day) =>
      Either.all({
        registration: due(receivedOn, settings.registrationTermDays),
        forwarding: due(registeredOn, settings.forwardingTermDays),
        notice: due(registeredOn, settings.noticeTermDays),
        answer: answer(registeredOn, 0)
      }).pipe(Either.map((d) => new Dues(d)))
  }
  const dayOf = (at: Date, field: string): Result<Day> =>
    Either.mapLeft(localDay(at), (e) =>
      e._tag === "InvalidInstant"
        ? new InvalidAppealInput({ reason: "malformed", field, message: `${field}: ${e.message}` })
        : new DeadlineUnavailable({ message: e.message })
    )

  const register = (c: RegisterAppeal | RegisterOralAppeal): Result<ReadonlyArray<AppealEvent>> => {
    const receivedE = dayOf(c.receivedAt, "receivedAt")
    if (Either.isLeft(receivedE)) return fail(receivedE.left)
    const registeredE = dayOf(c.at, "at")
    if (Either.isLeft(registeredE)) return fail(registeredE.left)
    const receivedOn = receivedE.right,
      registeredOn = registeredE.right
    if (c.at.getTime() < c.receivedAt.getTime()) {
      return fail(
        new InvalidAppealInput({
          reason: "inconsistent",
          field: "at",
          message: "at: an appeal cannot be registered before it is received"
        })
      )
    }
    if (registrationYear(c.registrationNumber) !== registeredOn.slice(0, 4)) {
      return fail(
        new InvalidAppealInput({
          reason: "inconsistent",
          field: "registrationNumber",
          message: `registrationNumber: ${c.registrationNumber} must carry the year of registration ${registeredOn.slice(0, 4)}`
        })
      )
    }
    const topics = c.topics
    for (let i = 0; i < topics.length; i++) {
      const code = topics[i]!
      if (topics.indexOf(code) !== i) {
        return fail(
          new InvalidAppealInput({
            reason: "inconsistent",
            field: `topics[${i}]`,
            message: `topics[${i}]: ${code} is listed twice`
          })
        )
      }
      const known = Topic.validateAppealTopic(settings.classifier, code)
      if (Either.isLeft(known)) return fail(known.left)
    }
    if (c.relatedAppeals.includes(c.appealId)) {
      return fail(
        new InvalidAppealInput({
          reason: "inconsistent",
          field: "relatedAppeals",
          message: "relatedAppeals: an appeal cannot be linked to itself"
        })
      )
    }
    if (isRepeatedKind(c.kind) && c.relatedAppeals.length === 0) {
      return fail(
        new InvalidAppealInput({
          reason: "inconsistent",
          field: "relatedAppeals",
          message: "relatedAppeals: a repeated appeal links the earlier appeals on the same question"
        })
      )
    }
    const duesE = deadlines.dues(receivedOn, registeredOn)
    if (Either.isLeft(duesE)) return fail(duesE.left)
    const dues = duesE.right
    const oral = c._tag === "RegisterOralAppeal"
    const appeal = new AppealFacts({
      appealId: c.appealId,
      registrationNumber: c.registrationNumber,
      channel: oral ? "oral" : c.channel,
      kind: c.kind,
      type: c.type,
      addressee: c.addressee,
      ...(c.applicant === undefined ? {} : { applicant: c.applicant }),
      text: c.text,
      topics: c.topics,
      relatedAppeals: c.relatedAppeals,
      ...(oral ? { receptionCard: c.receptionCard, receivedBy: c.receivedBy } : {}), // 59-FZ art. 13 p. 1
      receivedAt: c.receivedAt,
      receivedOn,
      registeredAt: c.at,
      registeredOn
    })
    return ok([
      new AppealRegistered({ appealId: c.appealId, at: c.at, on: registeredOn, actor: c.actor, appeal, dues })
    ])
  }

  const decide = (c: AppealCommand, s: AppealState): Result<ReadonlyArray<AppealEvent>> => {
    if (c._tag === "RegisterAppeal" || c._tag === "RegisterOralAppeal") {
      if (s._tag !== "Unregistered") return notAllowed(c, s, "the appeal is already registered")
      return register(c)
    }
    if (s._tag === "Unregistered") return notAllowed(c, s, "the appeal is not registered")
    if (s._tag === "Closed") return notAllowed(c, s, `the appeal is closed (${s.outcome}); only reads are allowed`)
    if (c.appealId !== s.appeal.appealId) {
      return fail(
        new InvalidAppealInput({
          reason: "inconsistent",
          field: "appealId",
          message: `appealId: the command names ${c.appealId}, the stream holds ${s.appeal.appealId}`
        })
      )
    }
    if (c.at.getTime() < s.appeal.registeredAt.getTime()) {
      return fail(
        new InvalidAppealInput({
          reason: "inconsistent",
          field: "at",
          message: "at: a command cannot precede the appeal's registration"
        })
      )
    }
    const onE = dayOf(c.at, "at")
    if (Either.isLeft(onE)) return fail(onE.left)
    const on = onE.right
    const base = { appealId: c.appealId, at: c.at, on, actor: c.actor }
    const applicant = s.appeal.applicant
    const addressed = hasAddressForAnswer(applicant)
    switch (c._tag) {
      case "ForwardByCompetence":
        // 59-FZ art. 8 p. 3: forwarded within 7 days with a notice to the applicant
        return ok([new AppealForwardedByCompetence({ ...base, to: c.to, applicantNotified: addressed })])
      case "AssignToDivision":
        return ok([new AppealAssigned({ ...base, division: c.division })])
      case "ExtendTerm": {
        if (s._tag !== "UnderConsideration") return notAllowed(c, s, "the appeal is not assigned to a division")
        // 59-FZ art. 12 p. 2: only before the term has run out
        if (on > s.dues.answer) {
          return fail(
            new ExtensionRefused({
              reason: "dueDatePassed",
              requestedDays: c.days,
              extendedSoFar: s.extensionDays,
              limit: settings.maxExtensionDays,
              answerDue: s.dues.answer,
              on,
              message: `the answer was due ${s.dues.answer}; a term cannot be extended on ${on}, after it has passed`
            })
          )
        }
        const total = s.extensionDays + c.days
        // 59-FZ art. 12 p. 2: at most 30 days in total
        if (total > settings.maxExtensionDays) {
          return fail(
            new ExtensionRefused({
              reason: "totalExceedsLimit",
              requestedDays: c.days,
              extendedSoFar: s.extensionDays,
              limit: settings.maxExtensionDays,
              answerDue: s.dues.answer,
              on,
              message: `extending by ${c.days} days would make ${total} days in total; at most ${settings.maxExtensionDays} are allowed`
            })
          )
        }
        const due = deadlines.answer(s.appeal.registeredOn, total)
        if (Either.isLeft(due)) return fail(due.left)
        return ok([
          new AppealTermExtended({
            ...base,
            days: c.days,
            totalExtensionDays: total,
            reason: c.reason,
            answerDue: due.right,
            applicantNotified: addressed
          })
        ])
      }
      case "AnswerOnMerits": {
        if (s._tag !== "UnderConsideration")
          return notAllowed(c, s, "an answer on the merits needs an assignment to a division first")
        // 59-FZ art. 10 p. 4: an electronic answer goes to the e-mail address, a written one to the postal address
        const present = c.form === "electronic" ? applicant?.email : applicant?.postalAddress
        if (!addressed || present === undefined) {
          return fail(
            new NoAddressForAnswer({
              form: c.form,
              message: `no name and ${c.form === "electronic" ? "e-mail" : "postal"} address to send a ${c.form} answer to`
            })
          )
        }
        return ok([new AppealAnswered({ ...base, result: c.result, form: c.form })])
      }
      case "AnswerOrally": {
        // 59-FZ art. 13 p. 2: an oral answer only at a reception, with consent, when the facts are obvious
        if (s.appeal.channel !== "oral")
          return fail(
            new OralAnswerNotAllowed({
              reason: "notOralAppeal",
              message: `an oral answer is given only to an oral appeal at a personal reception; this one is ${s.appeal.channel}`
            })
          )
        if (!c.applicantConsented)
          return fail(
            new OralAnswerNotAllowed({
              reason: "noConsent",
              message: "an oral answer needs the applicant's consent; otherwise answer in writing within the term"
            })
          )
        if (!c.factsObvious)
          return fail(
            new OralAnswerNotAllowed({
              reason: "factsNotObvious",
              message: "an oral answer is allowed only when the facts are obvious and need no further checking"
            })
          )
        return ok([new AppealAnswered({ ...base, result: c.result, form: "oral" })])
      }
      case "LeaveWithoutAnswer": {
        // 59-FZ art. 11 p. 1: no answer when there is no name or address for it
        if (c.ground === "anonymous" && addressed) {
          return fail(
            new GroundDoesNotApply({
              ground: "anonymous",
              message: "the applicant gave a name and an address for the answer"
            })
          )
        }
        // 59-FZ art. 11 p. 3, p. 4, p. 4.1: the applicant is told, when the name and address are known
        return ok([
          new AppealLeftWithoutAnswer({
            ...base,
            ground: c.ground,
            applicantNotified: c.ground !== "anonymous" && addressed
          })
        ])
      }
      case "ForwardCrimeReport":
        // 59-FZ art. 11 p. 1: an anonymous appeal reporting a crime goes to the competent body
        if (addressed)
          return fail(
            new GroundDoesNotApply({
              ground: "crimeReport",
              message: "the appeal is not anonymous: forward it by competence (art. 8 p. 3) instead"
            })
          )
        return ok([new CrimeReportForwarded({ ...base, to: c.to })])
      case "EndCorrespondence":
        // 59-FZ art. 11 p. 5: a repeated appeal, a question answered on the merits several times
        if (!isRepeatedKind(s.appeal.kind))
          return fail(
            new GroundDoesNotApply({
              ground: "endOfCorrespondence",
              message: `the appeal is ${s.appeal.kind}, not repeated`
            })
          )
        if (s.appeal.relatedAppeals.length < 2) {
          return fail(
            new GroundDoesNotApply({
              ground: "endOfCorrespondence",
              message: `the question was answered ${s.appeal.relatedAppeals.length} time(s); ending correspondence needs several earlier answers`
            })
          )
        }
        return ok([
          new CorrespondenceEnded({ ...base, earlierAppeals: s.appeal.relatedAppeals, applicantNotified: addressed })
        ])
      case "AnswerByReference":
        // 59-FZ art. 11 p. 5: later appeals on the question are answered by reference to the decision
        if (!s.appeal.relatedAppeals.includes(c.decision)) {
          return fail(
            new GroundDoesNotApply({
              ground: "answerByReference",
              message: `appeal ${c.decision} is not linked to this one as an earlier appeal on the same question`
            })
          )
        }
        return ok([new AppealAnsweredByReference({ ...base, decision: c.decision })])
    }
  }

  return { decide, evolve, initialState: initial }
}

const close = (
  s: Registered | UnderConsideration,
  e: AppealEvent,
  outcome: Outcome,
  extra: {
    readonly result?: AppealAnswered["result"]
    readonly answerForm?: AppealAnswered["form"]
    readonly forwardedTo?: string
    readonly applicantNotified: boolean
  }
): Closed =>
  new Closed({
    appeal: s.appeal,
    dues: s.dues,
    extensionDays: s.extensionDays,
    version: s.version + 1,
    ...(s._tag === "UnderConsideration" ? { division: s.division } : {}),
    outcome,
    ...extra,
    closedAt: e.at,
    closedOn: e.on
  })

/**
 * Applies one event. Events that do not fit the state (a corrupt stream)
 * leave the state as it is; `decide` never produces them.
 */
const evolve = (s: AppealState, e: AppealEvent): AppealState => {
  if (e._tag === "AppealRegistered") {
    return s._tag === "Unregistered"
      ? new Registered({ appeal: e.appeal, dues: e.dues, extensionDays: 0, version: 1 })
      : s
  }
  if (s._tag !== "Registered" && s._tag !== "UnderConsideration") return s
  switch (e._tag) {
    case "AppealAssigned":
      return new UnderConsideration({
        appeal: s.appeal,
        dues: s.dues,
        extensionDays: s.extensionDays,
        version: s.version + 1,
        division: e.division
      })
    case "AppealTermExtended":
      return s._tag === "UnderConsideration"
        ? new UnderConsideration({
            appeal: s.appeal,
            dues: new Dues({ ...s.dues, answer: e.answerDue }),
            extensionDays: e.totalExtensionDays,
            version: s.version + 1,
            division: s.division
          })
        : s
    case "AppealForwardedByCompetence":
      return close(s, e, "forwardedByCompetence", { forwardedTo: e.to, applicantNotified: e.applicantNotified })
    case "AppealAnswered":
      return close(s, e, "answered", { result: e.result, answerForm: e.form, applicantNotified: true })
    case "AppealLeftWithoutAnswer":
      return close(s, e, outcomeOfGround[e.ground], { applicantNotified: e.applicantNotified })
    case "CrimeReportForwarded":
      return close(s, e, "crimeReportForwarded", { forwardedTo: e.to, applicantNotified: false })
    case "CorrespondenceEnded":
      return close(s, e, "correspondenceEnded", { applicantNotified: e.applicantNotified })
    case "AppealAnsweredByReference":
      return close(s, e, "answeredByReference", { applicantNotified: true })
  }
}
