/**
 * Benchmarks of the pure core: the appeal decider (decide + evolve) over
 * random valid command sequences against a hand-written imperative update
 * of plain objects doing the same transitions with the same checks and the
 * same deadline arithmetic; the decider's trusted construction of its events
 * and states (derived from the Schema classes, internal/build.ts) against
 * their Schema constructors with and without validation; and Schema
 * decoding of appeal records against `JSON.parse` alone.
 *
 * The sequences are generated before timing, from the shipped arbitraries
 * (`cityhall/testing`), and every command of them is accepted by the
 * decider (checked while generating).
 */
import { Either, FastCheck as fc, Schema } from "effect"
import { Appeals, Calendar, TimeZone } from "../src/index.js"
import type { Day } from "../src/kernel/Period.js"
import type { ActorId, AppealId, DivisionId } from "../src/kernel/Ids.js"
import { builder, type SchemaClass } from "../src/appeals/internal/build.js"
import * as A from "../src/testing/AppealsArbitraries.js"
import { type Figure, measure } from "./harness.js"

const { Appeal, AppealCommand, AppealDecider, Deadlines, Topic } = Appeals
type AppealCommand = Appeals.AppealCommand.AppealCommand

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** The decider's settings used by every benchmark (the shipped calendar, Khabarovsk's zone). */
export const settings = (): Appeals.Deadlines.Settings =>
  Either.getOrThrow(Deadlines.makeSettings({ calendar: Calendar.russia(), timeZone: TimeZone.KHABAROVSK }))

interface Plan {
  readonly draft: A.RegistrationDraft
  readonly startMs: number
  readonly steps: ReadonlyArray<number>
  readonly division: DivisionId
  readonly extend: ReadonlyArray<number>
  readonly reassign: DivisionId | undefined
  readonly ground: Appeals.Appeal.NoAnswerGround
  readonly result: Appeals.Appeal.Result
  readonly closer: number
}

const plan = (from: number, to: number): fc.Arbitrary<Plan> =>
  fc.record({
    draft: A.registrationDraft(),
    startMs: fc.integer({ min: from, max: to }),
    steps: fc.array(fc.integer({ min: 0, max: 2 * DAY_MS }), { minLength: 8, maxLength: 8 }),
    division: A.divisionId,
    extend: fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 2 }),
    reassign: fc.option(A.divisionId, { nil: undefined }),
    ground: fc.constantFrom<Appeals.Appeal.NoAnswerGround>("abusive", "unreadable", "pointUndetermined"),
    result: fc.constantFrom<Appeals.Appeal.Result>("supported", "supportedMeasuresTaken", "notSupported", "explained"),
    closer: fc.nat({ max: 9 })
  })

/** One appeal's commands: register, assign, extensions, maybe a reassignment, and a closing command that fits the appeal. */
const commandsOf = (s: Appeals.Deadlines.Settings, p: Plan, n: number): ReadonlyArray<AppealCommand> => {
  const appealId = `appeal-${n}` as AppealId
  const actor = "clerk-1" as ActorId
  let t = p.startMs
  let k = 0
  const next = () => new Date((t += p.steps[k++ % p.steps.length]! + HOUR_MS))
  const receivedAt = new Date(t)
  const at = next()
  const year = Number(Either.getOrThrow(TimeZone.localDay(at, s.timeZone)).slice(0, 4))
  const out: Array<AppealCommand> = [
    A.registrationCommand(p.draft, {
      appealId,
      registrationNumber: Appeal.registrationNumber("ОГ", year, (n % 99999) + 1),
      receivedAt,
      at,
      actor
    })
  ]
  const base = () => ({ appealId, at: next(), actor })
  out.push(new AppealCommand.AssignToDivision({ ...base(), division: p.division }))
  for (const days of p.extend) out.push(new AppealCommand.ExtendTerm({ ...base(), days, reason: "запрос документов" }))
  if (p.reassign !== undefined) out.push(new AppealCommand.AssignToDivision({ ...base(), division: p.reassign }))
  const ap = p.draft.applicant
  const addressed = Appeal.hasAddressForAnswer(ap)
  const related = p.draft.relatedAppeals
  // Mostly answers; sometimes a forwarding, a crime report, an end of correspondence or an answer by reference where they apply.
  if (p.closer === 0) out.push(new AppealCommand.ForwardByCompetence({ ...base(), to: "Министерство ЖКХ края" }))
  else if (p.closer === 1 && !addressed) out.push(new AppealCommand.ForwardCrimeReport({ ...base(), to: "УМВД" }))
  else if (p.closer === 2 && Appeal.isRepeatedKind(p.draft.kind) && related.length >= 2)
    out.push(new AppealCommand.EndCorrespondence(base()))
  else if (p.closer === 3 && related.length > 0)
    out.push(new AppealCommand.AnswerByReference({ ...base(), decision: related[0]! }))
  else if (addressed && ap?.email !== undefined)
    out.push(new AppealCommand.AnswerOnMerits({ ...base(), result: p.result, form: "electronic" }))
  else if (addressed && ap?.postalAddress !== undefined)
    out.push(new AppealCommand.AnswerOnMerits({ ...base(), result: p.result, form: "written" }))
  else if (p.draft.channel === "oral")
    out.push(
      new AppealCommand.AnswerOrally({ ...base(), result: "explained", applicantConsented: true, factsObvious: true })
    )
  else if (!addressed) out.push(new AppealCommand.LeaveWithoutAnswer({ ...base(), ground: "anonymous" }))
  else out.push(new AppealCommand.LeaveWithoutAnswer({ ...base(), ground: p.ground }))
  return out
}

/**
 * `count` appeals' command sequences, each accepted command by command by
 * the decider (sequences the decider refuses anywhere are dropped; none are
 * with these plans, a check keeps it so).
 */
export const generate = (
  s: Appeals.Deadlines.Settings,
  count: number,
  seed = 42
): ReadonlyArray<ReadonlyArray<AppealCommand>> => {
  const from = Date.parse("2020-01-15T00:00:00Z"),
    to = Date.parse("2025-06-01T00:00:00Z")
  const plans = fc.sample(plan(from, to), { numRuns: count, seed })
  const decider = AppealDecider.decider(s)
  const out: Array<ReadonlyArray<AppealCommand>> = []
  plans.forEach((p, i) => {
    const cmds = commandsOf(s, p, i)
    let state = decider.initialState
    for (const c of cmds) {
      const r = decider.decide(c, state)
      if (Either.isLeft(r)) return
      for (const e of r.right) state = decider.evolve(state, e)
    }
    out.push(cmds)
  })
  if (out.length < count * 0.95) throw new Error(`only ${out.length} of ${count} generated sequences were valid`)
  return out
}

// ---------------------------------------------------------------------------
// The imperative baseline: plain objects, mutated in place, the same checks
// in the same order, the same deadline arithmetic (the kernel's memoised
// deadlines and a memoised local day), events as plain objects. It does the
// work the law asks of the decider on every command, present in the bench's
// sequences or not: the signatories and the term policy at registration, the
// notice recorded with an act (somebody to tell, an address for its channel,
// not before the act, its local day, kept with its due date), the answer's
// per-question results and document, the executors of the division, the
// copies to other bodies once each. What it does not do is the decider's
// `evolve` checking the state against the dues in force after a registration
// or an extension (a stored stream meeting a newer calendar): a hand loop that
// keeps its state in memory has just computed them.

interface PlainDues {
  readonly registration: Day
  readonly forwarding: Day
  readonly notice: Day
  readonly answer: Day
}

interface PlainNotice {
  readonly kind: string
  readonly channel: string
  readonly sentOn: Day
  readonly due: Day
}

interface PlainState {
  tag: "Unregistered" | "Registered" | "UnderConsideration" | "Closed"
  appealId: string
  registeredAt: number
  registeredOn: Day
  channel: string
  kind: Appeals.Appeal.Kind
  topics: ReadonlyArray<string>
  relatedAppeals: ReadonlyArray<string>
  applicant: Appeals.Appeal.Applicant | undefined
  addressed: boolean
  dues: PlainDues
  copies: ReadonlyArray<{ readonly to: string; readonly on: Day }>
  notices: ReadonlyArray<PlainNotice>
  extensionDays: number
  version: number
  division: string | undefined
  executors: { readonly executor: string; readonly coExecutors: ReadonlyArray<string> } | undefined
  outcome: string | undefined
  closedAt: number
  closedOn: Day | undefined
}

interface PlainEvent {
  readonly type: string
  readonly appealId: string
  readonly at: Date
  readonly on: Day
  readonly actor: string
  readonly [field: string]: unknown
}

const NONE: ReadonlyArray<never> = []

const freshState = (): PlainState => ({
  tag: "Unregistered",
  appealId: "",
  registeredAt: 0,
  registeredOn: "" as Day,
  channel: "",
  kind: "individual",
  topics: [],
  relatedAppeals: [],
  applicant: undefined,
  addressed: false,
  dues: { registration: "" as Day, forwarding: "" as Day, notice: "" as Day, answer: "" as Day },
  copies: NONE,
  notices: NONE,
  extensionDays: 0,
  version: 0,
  division: undefined,
  executors: undefined,
  outcome: undefined,
  closedAt: 0,
  closedOn: undefined
})

/** The imperative handler: checks a command against the state, returns the event (or an error string) and applies it in place. */
export const makeImperative = (s: Appeals.Deadlines.Settings) => {
  const deadlines = Deadlines.make(s)
  const defaultTerms = s.terms.entries.every((e) => e.kind !== "legal")
  const cache = new Map<number, Day>()
  const dayOf = (d: Date): Day | undefined => {
    const b = Math.floor(d.getTime() / 900_000)
    const hit = cache.get(b)
    if (hit !== undefined) return hit
    const r = TimeZone.localDay(d, s.timeZone)
    if (Either.isLeft(r)) return undefined
    cache.set(b, r.right)
    return r.right
  }
  type Notice = { readonly channel: string; readonly sentAt: Date; readonly sentOn: Day }
  /** The notice recorded with an act, or the refusal (a string); `undefined` when none is recorded. */
  const noticeOf = (
    st: PlainState,
    n: Appeals.Appeal.NoticeSent | undefined,
    at: Date
  ): Notice | string | undefined => {
    if (n === undefined) return undefined
    if (!st.addressed) return "NoticeRefused:noApplicantToTell"
    if (
      (n.channel === "email" && st.applicant?.email === undefined) ||
      (n.channel === "post" && st.applicant?.postalAddress === undefined)
    )
      return "NoticeRefused:noAddressForChannel"
    if (n.sentAt.getTime() < at.getTime()) return "NoticeRefused:beforeTheAct"
    const sentOn = dayOf(n.sentAt)
    if (sentOn === undefined) return "InvalidAppealInput:notice.sentAt"
    return { channel: n.channel, sentAt: n.sentAt, sentOn }
  }
  const dueFor = (d: PlainDues, outcome: string): Day =>
    outcome === "forwardedByCompetence" || outcome === "crimeReportForwarded"
      ? d.forwarding
      : outcome === "noAnswerUnreadable" ||
          outcome === "noAnswerPointUndetermined" ||
          outcome === "returnedCourtDecision" ||
          outcome === "referredToPublishedAnswer"
        ? d.notice
        : d.answer
  const close = (st: PlainState, e: PlainEvent, outcome: string, kind?: string, notice?: Notice): PlainEvent => {
    st.tag = "Closed"
    st.outcome = outcome
    st.closedAt = e.at.getTime()
    st.closedOn = e.on
    if (kind !== undefined && notice !== undefined)
      st.notices = [
        ...st.notices,
        { kind, channel: notice.channel, sentOn: notice.sentOn, due: dueFor(st.dues, outcome) }
      ]
    st.version++
    return e
  }
  return (st: PlainState, c: AppealCommand): PlainEvent | string => {
    if (c._tag === "RegisterAppeal" || c._tag === "RegisterOralAppeal") {
      if (st.tag !== "Unregistered") return "TransitionNotAllowed"
      const receivedOn = dayOf(c.receivedAt)
      if (receivedOn === undefined) return "InvalidAppealInput:receivedAt"
      const registeredOn = dayOf(c.at)
      if (registeredOn === undefined) return "InvalidAppealInput:at"
      if (c.at.getTime() < c.receivedAt.getTime()) return "InvalidAppealInput:at"
      if (Appeal.registrationYear(c.registrationNumber) !== registeredOn.slice(0, 4))
        return "InvalidAppealInput:registrationNumber"
      for (let i = 0; i < c.topics.length; i++) {
        if (c.topics.indexOf(c.topics[i]!) !== i) return "InvalidAppealInput:topics"
        if (Either.isLeft(Topic.validateAppealTopic(s.classifier, c.topics[i]!))) return "UnknownTopic"
      }
      if (c.relatedAppeals.includes(c.appealId)) return "InvalidAppealInput:relatedAppeals"
      if (Appeal.isRepeatedKind(c.kind) && c.relatedAppeals.length === 0) return "InvalidAppealInput:relatedAppeals"
      if (c.signatories !== undefined && Appeal.isCollectiveKind(c.kind) !== c.signatories > 1)
        return "InvalidAppealInput:signatories"
      const oral = c._tag === "RegisterOralAppeal"
      const channel = oral ? "oral" : c.channel
      const answerDays = defaultTerms
        ? s.answerTermDays
        : deadlines.termOf({ addressee: c.addressee, topics: c.topics, channel }).days
      const dues = deadlines.dues(receivedOn, registeredOn, answerDays)
      if (Either.isLeft(dues)) return "DeadlineUnavailable"
      st.tag = "Registered"
      st.appealId = c.appealId
      st.registeredAt = c.at.getTime()
      st.registeredOn = registeredOn
      st.channel = channel
      st.kind = c.kind
      st.topics = c.topics
      st.relatedAppeals = c.relatedAppeals
      st.applicant = c.applicant
      st.addressed = Appeal.hasAddressForAnswer(c.applicant)
      st.dues = dues.right
      st.extensionDays = 0
      st.version = 1
      return {
        type: "AppealRegistered",
        appealId: c.appealId,
        at: c.at,
        on: registeredOn,
        actor: c.actor,
        appeal: {
          appealId: c.appealId,
          registrationNumber: c.registrationNumber,
          channel,
          kind: c.kind,
          type: c.type,
          addressee: c.addressee,
          applicant: c.applicant,
          text: c.text,
          topics: c.topics,
          relatedAppeals: c.relatedAppeals,
          receptionCard: oral ? c.receptionCard : undefined,
          receivedBy: oral ? c.receivedBy : undefined,
          submittedBy: oral ? undefined : c.submittedBy,
          signatories: c.signatories,
          receivedAt: c.receivedAt,
          receivedOn,
          registeredAt: c.at,
          registeredOn
        },
        dues: st.dues
      }
    }
    if (st.tag === "Unregistered" || st.tag === "Closed") return "TransitionNotAllowed"
    if (c.appealId !== st.appealId) return "InvalidAppealInput:appealId"
    if (c.at.getTime() < st.registeredAt) return "InvalidAppealInput:at"
    const on = dayOf(c.at)
    if (on === undefined) return "InvalidAppealInput:at"
    const addressed = st.addressed
    switch (c._tag) {
      case "ForwardByCompetence": {
        const notice = noticeOf(st, c.notice, c.at)
        if (typeof notice === "string") return notice
        return close(
          st,
          {
            type: "AppealForwardedByCompetence",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            to: c.to,
            applicantNotified: addressed,
            notice
          },
          "forwardedByCompetence",
          "forwarding",
          notice
        )
      }
      case "AssignToDivision":
        // executors stay with a reassignment to the same division only
        if (st.division !== c.division) st.executors = undefined
        st.tag = "UnderConsideration"
        st.division = c.division
        st.version++
        return { type: "AppealAssigned", appealId: c.appealId, at: c.at, on, actor: c.actor, division: c.division }
      case "AssignExecutors": {
        if (st.tag !== "UnderConsideration") return "TransitionNotAllowed"
        const all = [c.executor, ...c.coExecutors]
        for (let i = 0; i < all.length; i++) {
          if (all[i]!.division !== st.division) return "InvalidAppealInput:executor.division"
          for (let j = 0; j < i; j++) if (all[j]!.official === all[i]!.official) return "InvalidAppealInput:official"
        }
        const coExecutors = c.coExecutors.map((x) => x.official)
        st.executors = { executor: c.executor.official, coExecutors }
        st.version++
        return {
          type: "AppealExecutorsAssigned",
          appealId: c.appealId,
          at: c.at,
          on,
          actor: c.actor,
          division: st.division,
          executor: c.executor.official,
          coExecutors
        }
      }
      case "ExtendTerm": {
        if (st.tag !== "UnderConsideration") return "TransitionNotAllowed"
        if (on > st.dues.answer) return "ExtensionRefused:dueDatePassed"
        const total = st.extensionDays + c.days
        if (total > s.maxExtensionDays) return "ExtensionRefused:totalExceedsLimit"
        const due = deadlines.answer(st.registeredOn, total)
        if (Either.isLeft(due)) return "DeadlineUnavailable"
        const notice = noticeOf(st, c.notice, c.at)
        if (typeof notice === "string") return notice
        // 59-FZ art. 12 p. 2: the applicant is told of the extension within the term in force before it
        if (notice !== undefined)
          st.notices = [
            ...st.notices,
            { kind: "extension", channel: notice.channel, sentOn: notice.sentOn, due: st.dues.answer }
          ]
        st.dues = { ...st.dues, answer: due.right }
        st.extensionDays = total
        st.version++
        return {
          type: "AppealTermExtended",
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
        }
      }
      case "AnswerOnMerits": {
        if (st.tag !== "UnderConsideration") return "TransitionNotAllowed"
        const present = c.form === "electronic" ? st.applicant?.email : st.applicant?.postalAddress
        if (!addressed || present === undefined) return "NoAddressForAnswer"
        const questions = c.questionResults
        if (questions !== undefined) {
          for (let i = 0; i < questions.length; i++) {
            const q = questions[i]!
            if (!st.topics.includes(q.topic)) return "InvalidAppealInput:questionResults.topic"
            for (let j = 0; j < i; j++) if (questions[j]!.topic === q.topic) return "InvalidAppealInput:twice"
            if (q.topic === st.topics[0] && q.result !== c.result) return "InvalidAppealInput:questionResults.result"
          }
        }
        const d = c.document
        if (d !== undefined) {
          if (d.date < st.registeredOn || d.date > on) return "InvalidAppealInput:document.date"
          if (Appeal.outgoingYear(d.outgoingNumber) !== d.date.slice(0, 4))
            return "InvalidAppealInput:document.outgoingNumber"
        }
        return close(
          st,
          {
            type: "AppealAnswered",
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
                : { outgoingNumber: d.outgoingNumber, date: d.date, signedBy: d.signedBy, form: c.form }
          },
          "answered"
        )
      }
      case "AnswerOrally":
        if (st.channel !== "oral") return "OralAnswerNotAllowed:notOralAppeal"
        if (!c.applicantConsented) return "OralAnswerNotAllowed:noConsent"
        if (!c.factsObvious) return "OralAnswerNotAllowed:factsNotObvious"
        return close(
          st,
          {
            type: "AppealAnswered",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            result: c.result,
            form: "oral"
          },
          "answered"
        )
      case "LeaveWithoutAnswer": {
        if (c.ground === "anonymous" && addressed) return "GroundDoesNotApply"
        const notice = noticeOf(st, c.notice, c.at)
        if (typeof notice === "string") return notice
        return close(
          st,
          {
            type: "AppealLeftWithoutAnswer",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            ground: c.ground,
            applicantNotified: c.ground !== "anonymous" && addressed,
            notice
          },
          Appeal.outcomeOfGround[c.ground],
          "noAnswer",
          notice
        )
      }
      case "ForwardCrimeReport":
        if (addressed) return "GroundDoesNotApply"
        return close(
          st,
          { type: "CrimeReportForwarded", appealId: c.appealId, at: c.at, on, actor: c.actor, to: c.to },
          "crimeReportForwarded"
        )
      case "EndCorrespondence": {
        if (!Appeal.isRepeatedKind(st.kind) || st.relatedAppeals.length < 2) return "GroundDoesNotApply"
        const notice = noticeOf(st, c.notice, c.at)
        if (typeof notice === "string") return notice
        return close(
          st,
          {
            type: "CorrespondenceEnded",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            earlierAppeals: st.relatedAppeals,
            applicantNotified: addressed,
            notice
          },
          "correspondenceEnded",
          "correspondenceEnded",
          notice
        )
      }
      case "AnswerByReference":
        if (!st.relatedAppeals.includes(c.decision)) return "GroundDoesNotApply"
        return close(
          st,
          {
            type: "AppealAnsweredByReference",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            decision: c.decision
          },
          "answeredByReference"
        )
      case "ReturnCourtDecisionAppeal": {
        if (!addressed) return "GroundDoesNotApply"
        const notice = noticeOf(st, c.notice, c.at)
        if (typeof notice === "string") return notice
        return close(
          st,
          {
            type: "AppealReturnedCourtDecision",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            explanation: c.explanation,
            notice
          },
          "returnedCourtDecision",
          "courtDecision",
          notice
        )
      }
      case "ReferToPublishedAnswer": {
        if (!addressed) return "GroundDoesNotApply"
        const notice = noticeOf(st, c.notice, c.at)
        if (typeof notice === "string") return notice
        return close(
          st,
          {
            type: "AppealReferredToPublishedAnswer",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            url: c.url,
            notice
          },
          "referredToPublishedAnswer",
          "publishedAnswer",
          notice
        )
      }
      case "DeclineForSecrecy": {
        if (!addressed) return "GroundDoesNotApply"
        const notice = noticeOf(st, c.notice, c.at)
        if (typeof notice === "string") return notice
        return close(
          st,
          {
            type: "AppealDeclinedForSecrecy",
            appealId: c.appealId,
            at: c.at,
            on,
            actor: c.actor,
            secret: c.secret,
            notice
          },
          "noAnswerSecret",
          "secret",
          notice
        )
      }
      case "SendCopies": {
        const to = c.to
        for (let i = 0; i < to.length; i++) {
          if (to.indexOf(to[i]!) !== i) return "GroundDoesNotApply:twice"
          for (let j = 0; j < st.copies.length; j++) if (st.copies[j]!.to === to[i]) return "GroundDoesNotApply:copy"
        }
        st.copies = [...st.copies, ...to.map((body) => ({ to: body, on }))]
        st.version++
        return { type: "AppealCopiesSent", appealId: c.appealId, at: c.at, on, actor: c.actor, to }
      }
    }
  }
}

/** Runs every sequence through the decider (decide, then evolve each event); answers the number of accepted commands. */
export const runDecider = (
  decider: Appeals.AppealDecider.AppealDecider,
  seqs: ReadonlyArray<ReadonlyArray<AppealCommand>>
): number => {
  let accepted = 0
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i]!
    let state = decider.initialState
    for (let j = 0; j < seq.length; j++) {
      const r = decider.decide(seq[j]!, state)
      if (Either.isRight(r)) {
        const events = r.right
        for (let k = 0; k < events.length; k++) state = decider.evolve(state, events[k]!)
        accepted++
      }
    }
  }
  return accepted
}

/** Runs every sequence through the imperative baseline; answers the number of accepted commands. */
export const runImperative = (
  handle: ReturnType<typeof makeImperative>,
  seqs: ReadonlyArray<ReadonlyArray<AppealCommand>>
): number => {
  let accepted = 0
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i]!
    const state = freshState()
    for (let j = 0; j < seq.length; j++) if (typeof handle(state, seq[j]!) !== "string") accepted++
  }
  return accepted
}

/**
 * Every event and state the decider builds over the sequences, with its class and properties: what the
 * construction figures build again, by the trusted builder and by the Schema constructor.
 */
const builtObjects = (
  decider: Appeals.AppealDecider.AppealDecider,
  seqs: ReadonlyArray<ReadonlyArray<AppealCommand>>
): ReadonlyArray<{ readonly C: SchemaClass; readonly props: object }> => {
  const out: Array<{ readonly C: SchemaClass; readonly props: object }> = []
  const add = (x: object) =>
    out.push({
      C: x.constructor as SchemaClass,
      props: Object.fromEntries(Object.entries(x).filter(([k]) => k !== "_tag"))
    })
  for (const seq of seqs) {
    let state = decider.initialState
    for (const c of seq) {
      for (const e of Either.getOrThrow(decider.decide(c, state))) {
        // the nested objects the decider builds too: the facts at registration, the due dates at an extension
        if (e._tag === "AppealRegistered") add(e.appeal)
        add(e)
        state = decider.evolve(state, e)
        if (e._tag === "AppealTermExtended" && state._tag !== "Unregistered") add(state.dues)
        add(state)
      }
    }
  }
  return out
}

/** The core suite: figures plus the two ratios and whether the goals are met. */
export const run = (quick: boolean) => {
  const s = settings()
  // A working set of ~10^4 decisions (fits the caches); a 10x larger one is measured too, once.
  const seqs = generate(s, quick ? 1_000 : 2_000)
  const decisions = seqs.reduce((n, q) => n + q.length, 0)
  const samples = quick ? 3 : 9
  const decider = AppealDecider.decider(s)
  const imperative = makeImperative(s)
  if (runDecider(decider, seqs) !== decisions || runImperative(imperative, seqs) !== decisions) {
    throw new Error("the decider and the imperative baseline must accept every generated command")
  }
  let sink = 0
  // Interleaved rounds, so load on a shared machine hits both alike; the first round warms the JIT up and
  // is dropped, the median round of each is reported.
  const rounds = quick ? 3 : 7
  const dec: Array<Figure> = [],
    imp: Array<Figure> = []
  for (let r = 0; r < rounds; r++) {
    if (r === 1) dec.length = imp.length = 0
    dec.push(
      measure("appeals.decide+evolve (cityhall decider)", decisions, samples, () => {
        sink += runDecider(decider, seqs)
      })
    )
    imp.push(
      measure("appeals.imperative baseline (plain objects)", decisions, samples, () => {
        sink += runImperative(imperative, seqs)
      })
    )
  }
  const pick = (xs: ReadonlyArray<Figure>) =>
    [...xs].sort((a, b) => a.opsPerSecond - b.opsPerSecond)[Math.floor(xs.length / 2)]!
  const d = pick(dec),
    i = pick(imp)
  const ratio = Number((i.opsPerSecond / d.opsPerSecond).toFixed(2))
  const byTag: Record<string, number> = {}
  for (const q of seqs) for (const c of q) byTag[c._tag] = (byTag[c._tag] ?? 0) + 1

  // Building the decider's events and states again: the trusted builder the decider uses, the Schema
  // constructor with validation disabled (`new C(props, true)`), and the validating constructor.
  const objects = builtObjects(decider, seqs)
  const builders = new Map<SchemaClass, (props: never) => object>()
  for (const { C } of objects) if (!builders.has(C)) builders.set(C, builder(C))
  const trusted = objects.map(({ C, props }) => ({ make: builders.get(C)!, props }))
  const built = measure("construction.trusted builder (events and states)", objects.length, samples, () => {
    for (const { make, props } of trusted) sink += make(props as never) === props ? 1 : 0
  })
  const unvalidated = measure("construction.new C(props, true) (events and states)", objects.length, samples, () => {
    for (const { C, props } of objects) sink += new C(props as never, true) === props ? 1 : 0
  })
  const few = objects.slice(0, quick ? 1_000 : 5_000)
  const validated = measure("construction.new C(props), validating (events and states)", few.length, samples, () => {
    for (const { C, props } of few) sink += new C(props as never) === props ? 1 : 0
  })

  // Stored appeal records (the encoded AppealRegistered events, as JSON lines): JSON.parse alone vs JSON.parse + Schema decode.
  const registered = seqs
    .slice(0, quick ? 1_000 : 10_000)
    .map((q) => Either.getOrThrow(decider.decide(q[0]!, decider.initialState))[0]!)
  const encodeEvent = Schema.encodeSync(Appeals.AppealEvent.AppealEvent)
  const lines = registered.map((e) => JSON.stringify(encodeEvent(e)))
  const decodeEvent = Schema.decodeUnknownEither(Appeals.AppealEvent.AppealEvent)
  const parse = measure("records.JSON.parse", lines.length, samples, () => {
    for (const l of lines) sink += (JSON.parse(l) as { readonly _tag: string })._tag.length
  })
  const decode = measure("records.JSON.parse+Schema.decode(AppealEvent)", lines.length, samples, () => {
    for (const l of lines) if (Either.isRight(decodeEvent(JSON.parse(l)))) sink++
  })
  const commandLines = registered.map((_, k) => JSON.stringify(AppealCommand.encode(seqs[k]![0]!)))
  const decodeCommand = measure(
    "commands.JSON.parse+AppealCommand.decode (registrations)",
    commandLines.length,
    samples,
    () => {
      for (const l of commandLines) if (Either.isRight(AppealCommand.decode(JSON.parse(l)))) sink++
    }
  )
  const large = quick ? undefined : generate(s, 20_000, 7)
  const largeDecisions = large?.reduce((n, q) => n + q.length, 0) ?? 0
  const largeFigures =
    large === undefined
      ? []
      : [
          measure("appeals.decide+evolve, 10x working set (cityhall decider)", largeDecisions, 5, () => {
            sink += runDecider(decider, large)
          }),
          measure("appeals.imperative baseline, 10x working set", largeDecisions, 5, () => {
            sink += runImperative(imperative, large)
          })
        ]
  if (sink === -1) console.error("unreachable")
  return {
    appeals: seqs.length,
    decisions,
    commandsByTag: byTag,
    figures: [d, i, ...largeFigures, built, unvalidated, validated, parse, decode, decodeCommand],
    rounds: { decider: dec.map((f) => f.opsPerSecond), baseline: imp.map((f) => f.opsPerSecond) },
    decisionsPerSecond: { value: d.opsPerSecond, goal: 1e6, met: d.opsPerSecond >= 1e6 },
    baselineOverCityhall: { value: ratio, goal: 3, met: ratio <= 3 },
    constructionOverBuilder: {
      disableValidation: Number((built.opsPerSecond / unvalidated.opsPerSecond).toFixed(1)),
      validating: Number((built.opsPerSecond / validated.opsPerSecond).toFixed(1)),
      objectsPerDecision: Number((objects.length / decisions).toFixed(2))
    },
    decodeOverParse: {
      value: Number((parse.opsPerSecond / decode.opsPerSecond).toFixed(2)),
      recordBytes: Math.round(lines.reduce((n, l) => n + l.length, 0) / lines.length)
    }
  }
}
