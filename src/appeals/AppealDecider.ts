/**
 * The appeal aggregate as a decider (one stream per appeal): the 59-FZ
 * lifecycle as pure `decide` and `evolve` over the commands, events and
 * states of this area. Settings (calendar, time zone, end-of-term policy,
 * classifier, terms) are closed over by {@link decider}.
 *
 * @example
 * ```ts
 * import { Either, Redacted } from "effect"
 * import { Appeals, Calendar, Decider, TimeZone } from "cityhall"
 *
 * const settings = Either.getOrThrow(Appeals.Deadlines.makeSettings({ calendar: Calendar.russia(), timeZone: TimeZone.KHABAROVSK }))
 * const decider = Appeals.AppealDecider.decider(settings)
 * declare const register: Appeals.AppealCommand.RegisterAppeal
 * const result = Decider.run(decider, [register])
 * ```
 *
 * @module
 */
import { Either } from "effect"
import type * as Decider from "../kernel/Decider.js"
import type { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import {
  AnswerDocument,
  type Applicant,
  AppealFacts,
  Dues,
  hasAddressForAnswer,
  isCollectiveKind,
  isRepeatedKind,
  outgoingYear,
  type NoticeAct,
  type NoticeKind,
  type NoticeSent,
  oralAnswerRefusal,
  oralAnswerSource,
  outcomeOfGround,
  registrationYear
} from "./Appeal.js"
import type { AppealCommand, RegisterAppeal, RegisterOralAppeal } from "./AppealCommand.js"
import {
  DeadlineUnavailable,
  ExtensionRefused,
  GroundDoesNotApply,
  InvalidAppealInput,
  NoAddressForAnswer,
  NoticeRefused,
  OralAnswerNotAllowed,
  TransitionNotAllowed
} from "./AppealError.js"
import type { AppealError } from "./AppealError.js"
import {
  AppealAnswered,
  AppealAnsweredByReference,
  AppealAssigned,
  AppealCopiesSent,
  AppealExecutorsAssigned,
  AppealDeclinedForSecrecy,
  AppealForwardedByCompetence,
  AppealLeftWithoutAnswer,
  AppealReferredToPublishedAnswer,
  AppealRegistered,
  AppealReturnedCourtDecision,
  AppealTermExtended,
  CorrespondenceEnded,
  CrimeReportForwarded
} from "./AppealEvent.js"
import type { AppealEvent } from "./AppealEvent.js"
import { Closed, dueFor, Registered, UnderConsideration, initial } from "./AppealState.js"
import type { Notice } from "./AppealState.js"
import type { AppealState } from "./AppealState.js"
import * as Deadlines from "./Deadlines.js"
import { builder } from "./internal/build.js"
import type { Props } from "./internal/build.js"
import { makeLocalDay } from "./internal/localDay.js"
import * as Topic from "./Topic.js"

/** The appeal decider's type. */
export type AppealDecider = Decider.Decider<AppealCommand, AppealEvent, AppealState, AppealError>

type Result<A> = Either.Either<A, AppealError>

const fail = (e: AppealError): Result<never> => Either.left(e)
const one = (event: AppealEvent): Result<ReadonlyArray<AppealEvent>> => Either.right([event])

const notAllowed = (command: AppealCommand, state: AppealState, why: string) =>
  fail(
    new TransitionNotAllowed({
      command: command._tag,
      state: state._tag,
      message: `${command._tag} is not allowed on an appeal that is ${state._tag}: ${why}`
    })
  )

/**
 * The trusted constructors of the events and states the decider builds,
 * derived from their Schema classes (internal/build.ts): `make.X(props)`
 * builds what the validating `new X(props)` builds, without validating (the
 * decider builds them from decoded commands and earlier states) and without
 * the constructor's per-call work. Properties go in the Schema's order; an
 * absent optional field may be given as `undefined`.
 */
const make = {
  AppealFacts: builder(AppealFacts),
  AnswerDocument: builder(AnswerDocument),
  Dues: builder(Dues),
  AppealRegistered: builder(AppealRegistered),
  AppealForwardedByCompetence: builder(AppealForwardedByCompetence),
  AppealAssigned: builder(AppealAssigned),
  AppealExecutorsAssigned: builder(AppealExecutorsAssigned),
  AppealTermExtended: builder(AppealTermExtended),
  AppealAnswered: builder(AppealAnswered),
  AppealLeftWithoutAnswer: builder(AppealLeftWithoutAnswer),
  CrimeReportForwarded: builder(CrimeReportForwarded),
  CorrespondenceEnded: builder(CorrespondenceEnded),
  AppealAnsweredByReference: builder(AppealAnsweredByReference),
  AppealReturnedCourtDecision: builder(AppealReturnedCourtDecision),
  AppealReferredToPublishedAnswer: builder(AppealReferredToPublishedAnswer),
  AppealDeclinedForSecrecy: builder(AppealDeclinedForSecrecy),
  AppealCopiesSent: builder(AppealCopiesSent),
  Registered: builder(Registered),
  UnderConsideration: builder(UnderConsideration),
  Closed: builder(Closed)
}

/** Makes the appeal decider for a municipality's settings. */
export const decider = (settings: Deadlines.Settings): AppealDecider => {
  const deadlines = Deadlines.make(settings)
  // the legal answer term of an appeal under the term policy (59-FZ art. 12 p. 1, p. 1.1, the city's regulation)
  const defaultTerms = settings.terms.entries.every((e) => e.kind !== "legal")
  const termDays = new WeakMap<AppealFacts, number>()
  const answerDaysOf = (a: AppealFacts): number => {
    if (defaultTerms) return settings.answerTermDays
    let d = termDays.get(a)
    if (d === undefined) {
      d = deadlines.termOf(a).days
      termDays.set(a, d)
    }
    return d
  }
  const localDay = makeLocalDay(settings.timeZone)
  // The local day of an instant, or the typed error naming the field (a plain union: no Either on the hot path).
  const dayOf = (at: Date, field: string): Day | AppealError => {
    const day = localDay(at)
    if (day !== undefined) return day
    const e = TimeZone.localDay(at, settings.timeZone)
    return Either.isRight(e)
      ? e.right
      : e.left._tag === "InvalidInstant"
        ? new InvalidAppealInput({ reason: "malformed", field, message: `${field}: ${e.left.message}` })
        : new DeadlineUnavailable({ message: e.left.message })
  }

  // A notice recorded with the act: somebody to tell, an address for its channel, not before the act.
  // One function for the decider (not a closure per command: the hot path makes no function per decision).
  const noticeOf = (
    n: NoticeSent | undefined,
    at: Date,
    applicant: Applicant | undefined,
    addressed: boolean
  ): NoticeAct | undefined | AppealError => {
    if (n === undefined) return undefined
    if (!addressed)
      return new NoticeRefused({
        reason: "noApplicantToTell",
        field: "notice",
        message: "notice: the appeal has no name and address to tell (59-FZ art. 11 p. 1)"
      })
    if (
      (n.channel === "email" && applicant?.email === undefined) ||
      (n.channel === "post" && applicant?.postalAddress === undefined)
    )
      return new NoticeRefused({
        reason: "noAddressForChannel",
        field: "notice.channel",
        message: `notice.channel: the applicant gave no ${n.channel === "email" ? "e-mail" : "postal"} address`
      })
    if (n.sentAt.getTime() < at.getTime())
      return new NoticeRefused({
        reason: "beforeTheAct",
        field: "notice.sentAt",
        message: "notice.sentAt: a notice cannot be sent before the act it tells of"
      })
    const sentOn = dayOf(n.sentAt, "notice.sentAt")
    if (typeof sentOn !== "string") return sentOn
    return { channel: n.channel, sentAt: n.sentAt, sentOn }
  }

  const register = (c: RegisterAppeal | RegisterOralAppeal): Result<ReadonlyArray<AppealEvent>> => {
    const receivedOn = dayOf(c.receivedAt, "receivedAt")
    if (typeof receivedOn !== "string") return fail(receivedOn)
    const registeredOn = dayOf(c.at, "at")
    if (typeof registeredOn !== "string") return fail(registeredOn)
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
    const signatories = c.signatories
    if (signatories !== undefined && isCollectiveKind(c.kind) !== signatories > 1) {
      return fail(
        new InvalidAppealInput({
          reason: "inconsistent",
          field: "signatories",
          message: isCollectiveKind(c.kind)
            ? `signatories: a collective appeal is signed by two or more citizens, got ${signatories}`
            : `signatories: an appeal of ${signatories} signatories is collective, not ${c.kind}`
        })
      )
    }
    const oral = c._tag === "RegisterOralAppeal"
    const answerDays = defaultTerms
      ? settings.answerTermDays
      : deadlines.termOf({ addressee: c.addressee, topics: c.topics, channel: oral ? "oral" : c.channel }).days
    const duesE = deadlines.dues(receivedOn, registeredOn, answerDays)
    if (Either.isLeft(duesE)) {
      // name the day the calendar cannot count from: receipt first (the client's), then registration
      const field = Either.isLeft(deadlines.due(receivedOn, settings.registrationTermDays)) ? "receivedAt" : "at"
      return fail(new DeadlineUnavailable({ field, message: `${field}: ${duesE.left.message}` }))
    }
    const appeal = make.AppealFacts({
      appealId: c.appealId,
      registrationNumber: c.registrationNumber,
      channel: oral ? "oral" : c.channel,
      kind: c.kind,
      type: c.type,
      addressee: c.addressee,
      applicant: c.applicant,
      text: c.text,
      topics: c.topics,
      relatedAppeals: c.relatedAppeals,
      receptionCard: oral ? c.receptionCard : undefined, // 59-FZ art. 13 p. 3
      receivedBy: oral ? c.receivedBy : undefined,
      submittedBy: oral ? undefined : c.submittedBy,
      signatories,
      receivedAt: c.receivedAt,
      receivedOn,
      registeredAt: c.at,
      registeredOn
    })
    // the term just looked up is the facts' term: evolve and extensions need not look it up again
    if (!defaultTerms) termDays.set(appeal, answerDays)
    return one(
      make.AppealRegistered({
        appealId: c.appealId,
        at: c.at,
        on: registeredOn,
        actor: c.actor,
        appeal,
        dues: duesE.right
      })
    )
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
    const on = dayOf(c.at, "at")
    if (typeof on !== "string") return fail(on)
    const applicant = s.appeal.applicant
    const addressed = hasAddressForAnswer(applicant)
    switch (c._tag) {
      case "ForwardByCompetence": {
        // 59-FZ art. 8 p. 3: forwarded within 7 days with a notice to the applicant
        const notice = noticeOf(c.notice, c.at, applicant, addressed)
        if (notice !== undefined && !("sentOn" in notice)) return fail(notice)
        return one(
          make.AppealForwardedByCompetence({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            to: c.to,
            applicantNotified: addressed,
            notice
          })
        )
      }
      case "AssignToDivision":
        return one(make.AppealAssigned({ appealId: c.appealId, at: c.at, on, actor: c.actor, division: c.division }))
      case "AssignExecutors": {
        if (s._tag !== "UnderConsideration") return notAllowed(c, s, "the appeal is not assigned to a division")
        // the executor and co-executors work in the division the appeal is assigned to, each named once
        const all = [c.executor, ...c.coExecutors]
        for (let i = 0; i < all.length; i++) {
          const x = all[i]!
          const field = i === 0 ? "executor" : `coExecutors[${i - 1}]`
          const why =
            x.division !== s.division
              ? `${field}.division: ${x.official} works in ${x.division}, the appeal is assigned to ${s.division}`
              : all.findIndex((y) => y.official === x.official) !== i
                ? `${field}.official: ${x.official} is named twice`
                : undefined
          if (why !== undefined)
            return fail(
              new InvalidAppealInput({ reason: "inconsistent", field: why.slice(0, why.indexOf(":")), message: why })
            )
        }
        return one(
          make.AppealExecutorsAssigned({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            division: s.division,
            executor: c.executor.official,
            coExecutors: c.coExecutors.map((x) => x.official)
          })
        )
      }
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
        const due = deadlines.answer(s.appeal.registeredOn, total, answerDaysOf(s.appeal))
        if (Either.isLeft(due)) return fail(due.left)
        const notice = noticeOf(c.notice, c.at, applicant, addressed)
        if (notice !== undefined && !("sentOn" in notice)) return fail(notice)
        return one(
          make.AppealTermExtended({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            days: c.days,
            totalExtensionDays: total,
            reason: c.reason,
            answerDue: due.right,
            applicantNotified: addressed,
            notice
          })
        )
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
        const questions = c.questionResults
        if (questions !== undefined) {
          const topics = s.appeal.topics
          for (let i = 0; i < questions.length; i++) {
            const q = questions[i]!
            const field = `questionResults[${i}]`
            const why = !topics.includes(q.topic)
              ? `${field}.topic: ${q.topic} is not a question of this appeal (${topics.join(", ")})`
              : questions.findIndex((o) => o.topic === q.topic) !== i
                ? `${field}.topic: ${q.topic} is listed twice`
                : q.topic === topics[0] && q.result !== c.result
                  ? `${field}.result: ${q.topic} is the main question, whose result is the appeal's result (${c.result})`
                  : undefined
            if (why !== undefined)
              return fail(
                new InvalidAppealInput({
                  reason: "inconsistent",
                  field: why.slice(0, why.indexOf(":")),
                  message: why
                })
              )
          }
        }
        const d = c.document
        if (d !== undefined) {
          // the document is dated from registration to the day of the answer, its number carries the date's year
          if (d.date < s.appeal.registeredOn || d.date > on)
            return fail(
              new InvalidAppealInput({
                reason: "inconsistent",
                field: "document.date",
                message: `document.date: ${d.date} is not between the registration (${s.appeal.registeredOn}) and the answer (${on})`
              })
            )
          if (outgoingYear(d.outgoingNumber) !== d.date.slice(0, 4))
            return fail(
              new InvalidAppealInput({
                reason: "inconsistent",
                field: "document.outgoingNumber",
                message: `document.outgoingNumber: ${d.outgoingNumber} must carry the year of the document's date ${d.date.slice(0, 4)}`
              })
            )
        }
        return one(
          make.AppealAnswered({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            result: c.result,
            form: c.form,
            questionResults: questions !== undefined && questions.length > 0 ? questions : undefined,
            document:
              d === undefined
                ? undefined
                : make.AnswerDocument({
                    outgoingNumber: d.outgoingNumber,
                    date: d.date,
                    signedBy: d.signedBy,
                    form: c.form
                  })
          })
        )
      }
      case "AnswerOrally": {
        // 59-FZ art. 13 p. 3: an oral answer only at a reception, with consent, when the facts are obvious
        if (s.appeal.channel !== "oral")
          return fail(
            new OralAnswerNotAllowed({
              reason: "notOralAppeal",
              message: `an oral answer is given only to an oral appeal at a personal reception (${oralAnswerSource}); this one is ${s.appeal.channel}`
            })
          )
        const refused = oralAnswerRefusal(c)
        if (refused !== undefined)
          return fail(
            new OralAnswerNotAllowed({
              reason: refused,
              message:
                refused === "noConsent"
                  ? `an oral answer needs the applicant's consent (${oralAnswerSource}); otherwise answer in writing within the term`
                  : `an oral answer is allowed only when the facts are obvious and need no further checking (${oralAnswerSource})`
            })
          )
        return one(
          make.AppealAnswered({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            result: c.result,
            form: "oral",
            questionResults: undefined
          })
        )
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
        const notice = noticeOf(c.notice, c.at, applicant, addressed)
        if (notice !== undefined && !("sentOn" in notice)) return fail(notice)
        return one(
          make.AppealLeftWithoutAnswer({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            ground: c.ground,
            applicantNotified: c.ground !== "anonymous" && addressed,
            notice
          })
        )
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
        return one(make.CrimeReportForwarded({ appealId: c.appealId, at: c.at, on, actor: c.actor, to: c.to }))
      case "EndCorrespondence": {
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
        const notice = noticeOf(c.notice, c.at, applicant, addressed)
        if (notice !== undefined && !("sentOn" in notice)) return fail(notice)
        return one(
          make.CorrespondenceEnded({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            earlierAppeals: s.appeal.relatedAppeals,
            applicantNotified: addressed,
            notice
          })
        )
      }
      case "ReturnCourtDecisionAppeal": {
        // 59-FZ art. 11 p. 2: returned within 7 days with an explanation of how to appeal the court decision
        if (!addressed) return fail(anonymousGround("courtDecision", "art. 11 p. 2"))
        const notice = noticeOf(c.notice, c.at, applicant, addressed)
        if (notice !== undefined && !("sentOn" in notice)) return fail(notice)
        return one(
          make.AppealReturnedCourtDecision({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            explanation: c.explanation,
            notice
          })
        )
      }
      case "ReferToPublishedAnswer": {
        // 59-FZ art. 11 p. 5.1: the address of the published answer, within 7 days
        if (!addressed) return fail(anonymousGround("publishedAnswer", "art. 11 p. 5.1"))
        const notice = noticeOf(c.notice, c.at, applicant, addressed)
        if (notice !== undefined && !("sentOn" in notice)) return fail(notice)
        return one(
          make.AppealReferredToPublishedAnswer({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            url: c.url,
            notice
          })
        )
      }
      case "DeclineForSecrecy": {
        // 59-FZ art. 11 p. 6: told that no answer on the merits is possible without disclosing the secret
        if (!addressed) return fail(anonymousGround("secret", "art. 11 p. 6"))
        const notice = noticeOf(c.notice, c.at, applicant, addressed)
        if (notice !== undefined && !("sentOn" in notice)) return fail(notice)
        return one(
          make.AppealDeclinedForSecrecy({
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            secret: c.secret,
            notice
          })
        )
      }
      case "SendCopies": {
        // 59-FZ art. 8 p. 4: a copy to each other competent body, once, within 7 days of registration
        const to = c.to
        for (let i = 0; i < to.length; i++) {
          const body = to[i]!
          const again =
            to.indexOf(body) !== i
              ? "is listed twice"
              : s.copies.some((k) => k.to === body)
                ? "already has a copy"
                : undefined
          if (again !== undefined)
            return fail(
              new GroundDoesNotApply({
                ground: "severalBodies",
                message: `to[${i}]: ${body} ${again}; a copy goes to each competent body once (59-FZ art. 8 p. 4)`
              })
            )
        }
        return one(make.AppealCopiesSent({ appealId: c.appealId, at: c.at, on, actor: c.actor, to }))
      }
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
        return one(
          make.AppealAnsweredByReference({ appealId: c.appealId, at: c.at, on, actor: c.actor, decision: c.decision })
        )
    }
  }

  // The dates in force: the state keeps the nominal facts (received, registered, days of extension) and its
  // due dates are derived from them under these settings' calendar, so loading a year's official data moves
  // them (on the next load of the appeal) without changing any stored event. The stored dates stand only
  // where the calendar cannot answer.
  const evolveInForce = (s: AppealState, e: AppealEvent): AppealState => {
    const next = evolve(s, e)
    if (next === s || (e._tag !== "AppealRegistered" && e._tag !== "AppealTermExtended")) return next
    if (next._tag !== "Registered" && next._tag !== "UnderConsideration") return next
    const r = deadlines.duesInForce(
      next.appeal.receivedOn,
      next.appeal.registeredOn,
      next.extensionDays,
      answerDaysOf(next.appeal)
    )
    return Either.isLeft(r) || sameDues(r.right, next.dues) ? next : withDues(next, r.right)
  }

  return { decide, evolve: evolveInForce, initialState: initial }
}

/** The refusal of a ground that needs an applicant to tell: without a name and address art. 11 p. 1 applies. */
const anonymousGround = (ground: "courtDecision" | "publishedAnswer" | "secret", source: string) =>
  new GroundDoesNotApply({
    ground,
    message: `no name and address to tell the applicant (59-FZ ${source}): an appeal without them gets no answer (59-FZ art. 11 p. 1)`
  })

const sameDues = (a: Dues, b: Dues): boolean =>
  a === b ||
  (a.answer === b.answer && a.registration === b.registration && a.forwarding === b.forwarding && a.notice === b.notice)

const withDues = (s: Registered | UnderConsideration, dues: Dues): Registered | UnderConsideration =>
  s._tag === "Registered"
    ? make.Registered({
        appeal: s.appeal,
        dues,
        copies: s.copies,
        notices: s.notices,
        extensionDays: s.extensionDays,
        version: s.version
      })
    : make.UnderConsideration({
        appeal: s.appeal,
        dues,
        copies: s.copies,
        notices: s.notices,
        extensionDays: s.extensionDays,
        version: s.version,
        division: s.division,
        executors: s.executors
      })

type ClosedProps = Props<typeof Closed>

const NO_COPIES: ReadonlyArray<never> = []

/** What the notice recorded with each event tells. */
const noticeKindOf: Partial<Record<AppealEvent["_tag"], NoticeKind>> = {
  AppealForwardedByCompetence: "forwarding",
  AppealTermExtended: "extension",
  AppealLeftWithoutAnswer: "noAnswer",
  CorrespondenceEnded: "correspondenceEnded",
  AppealReturnedCourtDecision: "courtDecision",
  AppealReferredToPublishedAnswer: "publishedAnswer",
  AppealDeclinedForSecrecy: "secret"
}

/** The notices with the one an event records (if any), due on `due`. */
const withNotice = (notices: ReadonlyArray<Notice>, e: AppealEvent, due: Day): ReadonlyArray<Notice> => {
  const n = "notice" in e ? e.notice : undefined
  if (n === undefined) return notices
  const kind = noticeKindOf[e._tag]
  return kind === undefined ? notices : [...notices, { kind, channel: n.channel, sentOn: n.sentOn, due }]
}

const close = (
  s: Registered | UnderConsideration,
  e: AppealEvent,
  outcome: ClosedProps["outcome"],
  result: ClosedProps["result"],
  answerForm: ClosedProps["answerForm"],
  forwardedTo: ClosedProps["forwardedTo"],
  applicantNotified: boolean,
  questionResults?: ClosedProps["questionResults"],
  answerDocument?: ClosedProps["answerDocument"]
): Closed =>
  make.Closed({
    appeal: s.appeal,
    dues: s.dues,
    copies: s.copies,
    notices: withNotice(s.notices, e, dueFor(s.dues, outcome)),
    extensionDays: s.extensionDays,
    version: s.version + 1,
    division: s._tag === "UnderConsideration" ? s.division : undefined,
    executors: s._tag === "UnderConsideration" ? s.executors : undefined,
    outcome,
    result,
    answerForm,
    questionResults,
    answerDocument,
    forwardedTo,
    applicantNotified,
    closedAt: e.at,
    closedOn: e.on
  })

/**
 * Applies one event. Events that do not fit the state (a corrupt stream)
 * leave the state as it is; `decide` never produces them.
 */
export const evolve = (s: AppealState, e: AppealEvent): AppealState => {
  if (e._tag === "AppealRegistered") {
    return s._tag === "Unregistered"
      ? make.Registered({
          appeal: e.appeal,
          dues: e.dues,
          copies: NO_COPIES,
          notices: NO_COPIES,
          extensionDays: 0,
          version: 1
        })
      : s
  }
  if (s._tag !== "Registered" && s._tag !== "UnderConsideration") return s
  switch (e._tag) {
    case "AppealAssigned":
      return make.UnderConsideration({
        appeal: s.appeal,
        dues: s.dues,
        copies: s.copies,
        notices: s.notices,
        extensionDays: s.extensionDays,
        version: s.version + 1,
        division: e.division,
        // executors stay with a reassignment to the same division only
        executors: s._tag === "UnderConsideration" && s.division === e.division ? s.executors : undefined
      })
    case "AppealExecutorsAssigned":
      return s._tag === "UnderConsideration" && s.division === e.division
        ? make.UnderConsideration({
            appeal: s.appeal,
            dues: s.dues,
            copies: s.copies,
            notices: s.notices,
            extensionDays: s.extensionDays,
            version: s.version + 1,
            division: s.division,
            executors: { executor: e.executor, coExecutors: e.coExecutors }
          })
        : s
    case "AppealTermExtended":
      return s._tag === "UnderConsideration"
        ? make.UnderConsideration({
            appeal: s.appeal,
            dues: make.Dues({
              registration: s.dues.registration,
              forwarding: s.dues.forwarding,
              notice: s.dues.notice,
              answer: e.answerDue
            }),
            copies: s.copies,
            // 59-FZ art. 12 p. 2: the applicant is told of the extension within the term in force before it
            notices: withNotice(s.notices, e, s.dues.answer),
            extensionDays: e.totalExtensionDays,
            version: s.version + 1,
            division: s.division,
            executors: s.executors
          })
        : s
    case "AppealForwardedByCompetence":
      return close(s, e, "forwardedByCompetence", undefined, undefined, e.to, e.applicantNotified)
    case "AppealAnswered":
      return close(s, e, "answered", e.result, e.form, undefined, true, e.questionResults, e.document)
    case "AppealLeftWithoutAnswer":
      return close(s, e, outcomeOfGround[e.ground], undefined, undefined, undefined, e.applicantNotified)
    case "CrimeReportForwarded":
      return close(s, e, "crimeReportForwarded", undefined, undefined, e.to, false)
    case "CorrespondenceEnded":
      return close(s, e, "correspondenceEnded", undefined, undefined, undefined, e.applicantNotified)
    case "AppealAnsweredByReference":
      return close(s, e, "answeredByReference", undefined, undefined, undefined, true)
    case "AppealReturnedCourtDecision":
      return close(s, e, "returnedCourtDecision", undefined, undefined, undefined, true)
    case "AppealReferredToPublishedAnswer":
      return close(s, e, "referredToPublishedAnswer", undefined, undefined, undefined, true)
    case "AppealDeclinedForSecrecy":
      return close(s, e, "noAnswerSecret", undefined, undefined, undefined, true)
    case "AppealCopiesSent": {
      const copies = [...s.copies, ...e.to.map((to) => ({ to, on: e.on }))]
      return s._tag === "Registered"
        ? make.Registered({
            appeal: s.appeal,
            dues: s.dues,
            copies,
            notices: s.notices,
            extensionDays: s.extensionDays,
            version: s.version + 1
          })
        : make.UnderConsideration({
            appeal: s.appeal,
            dues: s.dues,
            copies,
            notices: s.notices,
            extensionDays: s.extensionDays,
            version: s.version + 1,
            division: s.division,
            executors: s.executors
          })
    }
  }
}
