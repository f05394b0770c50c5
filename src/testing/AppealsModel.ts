/**
 * A model-based test of the appeal lifecycle (fast-check `fc.commands`):
 * one command class per transition with `check` / `run` / `toString`. Each
 * command is tried in any state; the model says whether the decider must
 * accept it or answer which typed error (whose printed form must not show
 * personal data), and which outcome and notice a closing command gives;
 * after every step the invariants of {@link Invariants} are checked and
 * replaying the events is compared with the state.
 *
 * @example
 * ```ts
 * import { FastCheck as fc } from "effect"
 * import { Appeals } from "cityhall/testing"
 *
 * declare const settings: Parameters<typeof Appeals.Model.commands>[0]
 * fc.assert(
 *   fc.property(Appeals.Model.start(settings), Appeals.Model.commands(settings), (start, cmds) => {
 *     Appeals.Model.run(settings, start, cmds)
 *   })
 * )
 * ```
 *
 * @module
 */
import { Either, FastCheck as fc, Schema } from "effect"
import * as Analysis from "../appeals/Analysis.js"
import * as Appeal from "../appeals/Appeal.js"
import * as AppealCommand from "../appeals/AppealCommand.js"
import * as AppealDecider from "../appeals/AppealDecider.js"
import type { AppealError } from "../appeals/AppealError.js"
import type { AppealEvent } from "../appeals/AppealEvent.js"
import * as AppealState from "../appeals/AppealState.js"
import type { Settings } from "../appeals/Deadlines.js"
import * as Invariants from "../appeals/Invariants.js"
import * as Monitoring from "../appeals/Monitoring.js"
import type * as Topic from "../appeals/Topic.js"
import * as Decider from "../kernel/Decider.js"
import type { ActorId, AppealId, DivisionId, OfficialId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import * as A from "./AppealsArbitraries.js"

/** What the model knows of the appeal. */
export interface Model {
  tag: AppealState.AppealState["_tag"]
  clock: number
  channel: Appeal.Channel
  addressed: boolean
  email: boolean
  postal: boolean
  repeated: boolean
  related: ReadonlyArray<AppealId>
  /** The appeal's questions (its topics, the main one first). */
  topics: ReadonlyArray<Topic.TopicCode>
  /** The bodies a copy was sent to (59-FZ art. 8 p. 4). */
  copies: Array<string>
  /** The division the appeal is assigned to, once assigned. */
  division?: DivisionId
  extension: number
  answerDue: string
  steps: number
}

/** The system under test: the decider, the state and the events so far. */
export interface Real {
  readonly settings: Settings
  readonly decider: AppealDecider.AppealDecider
  state: AppealState.AppealState
  events: Array<AppealEvent>
}

const APPEAL = "appeal-under-test" as AppealId
const ACTOR = "clerk-1" as ActorId
const DAY_MS = 86_400_000

const encodeState = Schema.encodeSync(AppealState.AppealState)
const same = (a: AppealState.AppealState, b: AppealState.AppealState) =>
  JSON.stringify(encodeState(a)) === JSON.stringify(encodeState(b))

/**
 * The expected answer of a command: accepted (closing the appeal with an
 * outcome and a notice to the applicant, or not), or a typed error (tag
 * and, where alike, reason).
 */
type Expected =
  | { readonly ok: true; readonly closes?: { readonly outcome: Appeal.Outcome; readonly notified: boolean } }
  | { readonly ok: false; readonly tag: AppealError["_tag"]; readonly reason?: string }
const accept: Expected = { ok: true }
const closes = (outcome: Appeal.Outcome, notified: boolean): Expected => ({ ok: true, closes: { outcome, notified } })
const refuse = (tag: AppealError["_tag"], reason?: string): Expected =>
  reason === undefined ? { ok: false, tag } : { ok: false, tag, reason }

const open = (m: Model) => m.tag === "Registered" || m.tag === "UnderConsideration"
const transition = (m: Model): Expected | undefined => (open(m) ? undefined : refuse("TransitionNotAllowed"))

const localDay = (settings: Settings, ms: number) =>
  Either.getOrThrow(TimeZone.localDay(new Date(ms), settings.timeZone))

/** Applies a command to the real system, checks the expectation, the invariants and the replay; updates the model. */
const step = (m: Model, r: Real, command: AppealCommand.AppealCommand, expected: Expected, at: number): void => {
  const out = r.decider.decide(command, r.state)
  if (expected.ok) {
    if (Either.isLeft(out))
      throw new Error(
        `expected ${command._tag} to be accepted in ${r.state._tag}, got ${out.left._tag}: ${out.left.message}`
      )
  } else {
    if (Either.isRight(out))
      throw new Error(`expected ${command._tag} to fail with ${expected.tag} in ${r.state._tag}, it was accepted`)
    const e = out.left
    if (e._tag !== expected.tag) throw new Error(`expected ${expected.tag}, got ${e._tag}: ${e.message}`)
    if (expected.reason !== undefined && "reason" in e && e.reason !== expected.reason) {
      throw new Error(`expected ${expected.tag}(${expected.reason}), got reason ${String(e.reason)}`)
    }
    for (const printed of [String(e), JSON.stringify(e), e.message]) {
      if (printed.includes(A.PERSONAL_DATA_MARKER)) throw new Error(`the printed form of ${e._tag} shows personal data`)
    }
    return
  }
  const before = r.state
  for (const e of out.right) {
    r.events.push(e)
    r.state = r.decider.evolve(r.state, e)
  }
  m.clock = at
  m.steps++
  const bad = Invariants.violations(r.state, r.events, { maxExtensionDays: r.settings.maxExtensionDays })
  if (bad.length > 0) throw new Error(`invariants broken: ${bad.map((b) => `${b.invariant}: ${b.message}`).join("; ")}`)
  if (!same(Decider.replay(r.decider, r.events), r.state))
    throw new Error("replaying the events does not reproduce the state")
  if (before._tag !== "Unregistered" && r.state._tag !== "Unregistered" && r.state.dues.answer < before.dues.answer) {
    throw new Error(`the answer due date moved earlier: ${before.dues.answer} -> ${r.state.dues.answer}`)
  }
  if (expected.closes !== undefined) {
    const s = r.state
    if (
      s._tag !== "Closed" ||
      s.outcome !== expected.closes.outcome ||
      s.applicantNotified !== expected.closes.notified
    ) {
      const got = s._tag === "Closed" ? `${s.outcome}, notified=${s.applicantNotified}` : s._tag
      throw new Error(
        `expected ${command._tag} to close with ${expected.closes.outcome}, notified=${expected.closes.notified}; got ${got}`
      )
    }
  } else if (r.state._tag === "Closed" && before._tag !== "Closed") {
    throw new Error(`${command._tag} closed the appeal unexpectedly`)
  }
  m.tag = r.state._tag
  if (r.state._tag !== "Unregistered") {
    m.extension = r.state.extensionDays
    m.answerDue = r.state.dues.answer
  }
}

type Cmd = fc.Command<Model, Real>

/** Registers the appeal (written, electronic or oral). */
export class Register implements Cmd {
  constructor(
    readonly draft: A.RegistrationDraft,
    readonly delayMs: number,
    readonly seq: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const at = m.clock + this.delayMs
    const year = Number(localDay(r.settings, at).slice(0, 4))
    const cmd = A.registrationCommand(this.draft, {
      appealId: APPEAL,
      registrationNumber: Appeal.registrationNumber("ОГ", year, this.seq),
      receivedAt: new Date(m.clock),
      at: new Date(at),
      actor: ACTOR
    })
    const wasUnregistered = m.tag === "Unregistered"
    step(m, r, cmd, wasUnregistered ? accept : refuse("TransitionNotAllowed"), at)
    if (wasUnregistered) {
      const ap = this.draft.applicant
      m.channel = this.draft.channel
      m.addressed = Appeal.hasAddressForAnswer(ap)
      m.email = ap?.email !== undefined
      m.postal = ap?.postalAddress !== undefined
      m.repeated = Appeal.isRepeatedKind(this.draft.kind)
      m.related = this.draft.relatedAppeals
      m.topics = this.draft.topics
    }
  }
  toString = () =>
    `Register(${this.draft.channel}, ${this.draft.kind}, applicant=${this.draft.applicant === undefined ? "none" : "some"}, +${this.delayMs}ms)`
}

const at = (m: Model, delayMs: number) => m.clock + delayMs
const base = (m: Model, delayMs: number) => ({ appealId: APPEAL, at: new Date(at(m, delayMs)), actor: ACTOR })

/** A notice recorded with an act: its channel, sent some time after the act. */
export interface NoticeDraft {
  readonly channel: Appeal.NoticeChannel
  readonly afterMs: number
}

/** The notice field of a command, if any. */
const noticeField = (m: Model, delayMs: number, n: NoticeDraft | undefined) =>
  n === undefined
    ? {}
    : { notice: new Appeal.NoticeSent({ channel: n.channel, sentAt: new Date(at(m, delayMs) + n.afterMs) }) }

/** What a notice changes in the expected answer once the act's own rules pass: somebody to tell, an address for its channel. */
const withNotice = (m: Model, n: NoticeDraft | undefined, expected: Expected): Expected =>
  !expected.ok || n === undefined
    ? expected
    : !m.addressed
      ? refuse("NoticeRefused", "noApplicantToTell")
      : (n.channel === "email" && !m.email) || (n.channel === "post" && !m.postal)
        ? refuse("NoticeRefused", "noAddressForChannel")
        : expected

/** After an accepted act with a notice: the state's last notice is it, sent on its local day, due on `due`. */
const checkNotice = (
  r: Real,
  n: NoticeDraft | undefined,
  sentAtMs: number,
  due: (s: AppealState.RegisteredState) => string
) => {
  const s = r.state
  if (n === undefined || s._tag === "Unregistered") return
  const last = s.notices[s.notices.length - 1]
  const sentOn = localDay(r.settings, sentAtMs)
  if (last === undefined || last.channel !== n.channel || last.sentOn !== sentOn || last.due !== due(s))
    throw new Error(`expected a ${n.channel} notice sent ${sentOn} due ${due(s)}, got ${JSON.stringify(last)}`)
  if (AppealState.noticesLate(s).includes(last) !== last.sentOn > last.due) throw new Error("noticesLate disagrees")
}
const closingDue = (s: AppealState.RegisteredState) =>
  s._tag === "Closed" ? AppealState.dueFor(s.dues, s.outcome) : s.dues.answer

/** Assigns the appeal to a division. */
export class Assign implements Cmd {
  constructor(
    readonly division: DivisionId,
    readonly delayMs: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const expected = transition(m) ?? accept
    step(
      m,
      r,
      new AppealCommand.AssignToDivision({ ...base(m, this.delayMs), division: this.division }),
      expected,
      at(m, this.delayMs)
    )
    if (expected.ok) m.division = this.division
  }
  toString = () => `Assign(${this.division}, +${this.delayMs}ms)`
}

/** Names the executor and co-executors: of the assigned division, each once. */
export class NameExecutors implements Cmd {
  constructor(
    readonly executor: { readonly official: OfficialId; readonly sameDivision: boolean },
    readonly coExecutors: ReadonlyArray<OfficialId>,
    readonly delayMs: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const division = m.division ?? ("housing" as DivisionId)
    const other = (division === "economy" ? "social" : "economy") as DivisionId
    const all = [this.executor.official, ...this.coExecutors]
    const expected =
      transition(m) ??
      (m.tag !== "UnderConsideration"
        ? refuse("TransitionNotAllowed")
        : !this.executor.sameDivision || all.some((o, i) => all.indexOf(o) !== i)
          ? refuse("InvalidAppealInput")
          : accept)
    step(
      m,
      r,
      new AppealCommand.AssignExecutors({
        ...base(m, this.delayMs),
        executor: { official: this.executor.official, division: this.executor.sameDivision ? division : other },
        coExecutors: this.coExecutors.map((official) => ({ official, division }))
      }),
      expected,
      at(m, this.delayMs)
    )
    const s = r.state
    if (
      expected.ok &&
      (s._tag !== "UnderConsideration" ||
        s.executors?.executor !== this.executor.official ||
        s.executors.coExecutors.join("|") !== this.coExecutors.join("|"))
    )
      throw new Error("the executors named are not the state's")
  }
  toString = () =>
    `NameExecutors(${this.executor.official}${this.executor.sameDivision ? "" : " of another division"}, [${this.coExecutors.join(", ")}], +${this.delayMs}ms)`
}

/** Extends the answer term. */
export class Extend implements Cmd {
  constructor(
    readonly days: number,
    readonly delayMs: number,
    readonly notice?: NoticeDraft
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const t = at(m, this.delayMs)
    const expected: Expected =
      m.tag !== "UnderConsideration"
        ? refuse("TransitionNotAllowed")
        : localDay(r.settings, t) > m.answerDue
          ? refuse("ExtensionRefused", "dueDatePassed")
          : m.extension + this.days > r.settings.maxExtensionDays
            ? refuse("ExtensionRefused", "totalExceedsLimit")
            : accept
    const dueBefore = m.answerDue
    const want = withNotice(m, this.notice, expected)
    step(
      m,
      r,
      new AppealCommand.ExtendTerm({
        ...base(m, this.delayMs),
        days: this.days,
        reason: "запрос документов",
        ...noticeField(m, this.delayMs, this.notice)
      }),
      want,
      t
    )
    // 59-FZ art. 12 p. 2: the extension's notice is due by the answer date in force before it
    if (want.ok) checkNotice(r, this.notice, t + (this.notice?.afterMs ?? 0), () => dueBefore)
  }
  toString = () =>
    `Extend(${this.days}, +${this.delayMs}ms${this.notice === undefined ? "" : `, notice ${this.notice.channel}`})`
}

/** Answers on the merits. */
export class Answer implements Cmd {
  constructor(
    readonly result: Appeal.Result,
    readonly form: "written" | "electronic",
    readonly delayMs: number,
    /** The outgoing sequence of the answer document, when one is recorded (dated the day of the answer). */
    readonly outgoing?: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const address = this.form === "electronic" ? m.email : m.postal
    const expected =
      m.tag !== "UnderConsideration"
        ? refuse("TransitionNotAllowed")
        : !(m.addressed && address)
          ? refuse("NoAddressForAnswer")
          : closes("answered", true)
    const t = at(m, this.delayMs)
    const day = localDay(r.settings, t)
    const document =
      this.outgoing === undefined
        ? undefined
        : new Appeal.AnswerDocumentDraft({
            outgoingNumber: Appeal.outgoingNumber("Исх", Number(day.slice(0, 4)), this.outgoing),
            date: day,
            signedBy: "deputy-mayor-1" as OfficialId
          })
    step(
      m,
      r,
      new AppealCommand.AnswerOnMerits({
        ...base(m, this.delayMs),
        result: this.result,
        form: this.form,
        ...(document === undefined ? {} : { document })
      }),
      expected,
      t
    )
    // the answer document is tied to the answer: its form is the answer's
    const s = r.state
    if (expected.ok && document !== undefined && (s._tag !== "Closed" || s.answerDocument?.form !== this.form))
      throw new Error("the answer document is not recorded with the answer's form")
  }
  toString = () =>
    `Answer(${this.result}, ${this.form}, +${this.delayMs}ms${this.outgoing === undefined ? "" : `, Исх ${this.outgoing}`})`
}

/**
 * Answers on the merits with results of single questions: each pick is an
 * index into the appeal's topics (a negative one names a topic not of the
 * appeal). The model refuses a foreign topic, a topic listed twice and a
 * main question whose result differs from the appeal's; once accepted,
 * every question has exactly one monitoring status — its own result, or the
 * appeal's.
 */
export class AnswerByQuestion implements Cmd {
  constructor(
    readonly result: Appeal.Result,
    readonly picks: ReadonlyArray<readonly [number, Appeal.Result]>,
    readonly delayMs: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const FOREIGN = "0004.0019.9999.9999" as Topic.TopicCode
    const questionResults = this.picks.map(([i, result]) => ({
      topic: i < 0 || m.topics.length === 0 ? FOREIGN : m.topics[i % m.topics.length]!,
      result
    }))
    const invalid = questionResults.some(
      (q, i) =>
        !m.topics.includes(q.topic) ||
        questionResults.findIndex((o) => o.topic === q.topic) !== i ||
        (q.topic === m.topics[0] && q.result !== this.result)
    )
    const expected =
      m.tag !== "UnderConsideration"
        ? refuse("TransitionNotAllowed")
        : !(m.addressed && m.postal)
          ? refuse("NoAddressForAnswer")
          : invalid
            ? refuse("InvalidAppealInput", "inconsistent")
            : closes("answered", true)
    step(
      m,
      r,
      new AppealCommand.AnswerOnMerits({
        ...base(m, this.delayMs),
        result: this.result,
        form: "written",
        questionResults
      }),
      expected,
      at(m, this.delayMs)
    )
    if (expected.ok) {
      const summary = Analysis.summarise(r.state)!
      const statuses = m.topics.map((t) => Monitoring.statusOf(summary, t, summary.closedOn!))
      const wanted = m.topics.map((t, i) =>
        i === 0 ? this.result : (questionResults.find((q) => q.topic === t)?.result ?? this.result)
      )
      if (JSON.stringify(statuses) !== JSON.stringify(wanted))
        throw new Error(`the questions' statuses are ${statuses.join(", ")}, expected ${wanted.join(", ")}`)
    }
  }
  toString = () =>
    `AnswerByQuestion(${this.result}, [${this.picks.map(([i, res]) => `${i}:${res}`).join(", ")}], +${this.delayMs}ms)`
}

/** Answers an oral appeal orally. */
export class AnswerOrally implements Cmd {
  constructor(
    readonly consent: boolean,
    readonly obvious: boolean,
    readonly delayMs: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const expected =
      transition(m) ??
      (m.channel !== "oral"
        ? refuse("OralAnswerNotAllowed", "notOralAppeal")
        : !this.consent
          ? refuse("OralAnswerNotAllowed", "noConsent")
          : !this.obvious
            ? refuse("OralAnswerNotAllowed", "factsNotObvious")
            : closes("answered", true))
    step(
      m,
      r,
      new AppealCommand.AnswerOrally({
        ...base(m, this.delayMs),
        result: "explained",
        applicantConsented: this.consent,
        factsObvious: this.obvious
      }),
      expected,
      at(m, this.delayMs)
    )
  }
  toString = () => `AnswerOrally(consent=${this.consent}, obvious=${this.obvious}, +${this.delayMs}ms)`
}

/** Forwards the appeal by competence. */
export class Forward implements Cmd {
  constructor(
    readonly delayMs: number,
    readonly notice?: NoticeDraft
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const want = withNotice(m, this.notice, transition(m) ?? closes("forwardedByCompetence", m.addressed))
    const t = at(m, this.delayMs)
    step(
      m,
      r,
      new AppealCommand.ForwardByCompetence({
        ...base(m, this.delayMs),
        to: "Министерство ЖКХ края",
        ...noticeField(m, this.delayMs, this.notice)
      }),
      want,
      t
    )
    if (want.ok) checkNotice(r, this.notice, t + (this.notice?.afterMs ?? 0), closingDue)
  }
  toString = () => `Forward(+${this.delayMs}ms${this.notice === undefined ? "" : `, notice ${this.notice.channel}`})`
}

/** Leaves the appeal without an answer on an art. 11 ground. */
export class Leave implements Cmd {
  constructor(
    readonly ground: Appeal.NoAnswerGround,
    readonly delayMs: number,
    readonly notice?: NoticeDraft
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    // 59-FZ art. 11: told of the ground only when a name and address are known; never on the anonymous ground
    const expected =
      transition(m) ??
      (this.ground === "anonymous" && m.addressed
        ? refuse("GroundDoesNotApply")
        : closes(Appeal.outcomeOfGround[this.ground], this.ground !== "anonymous" && m.addressed))
    const want = withNotice(m, this.notice, expected)
    const t = at(m, this.delayMs)
    step(
      m,
      r,
      new AppealCommand.LeaveWithoutAnswer({
        ...base(m, this.delayMs),
        ground: this.ground,
        ...noticeField(m, this.delayMs, this.notice)
      }),
      want,
      t
    )
    if (want.ok) checkNotice(r, this.notice, t + (this.notice?.afterMs ?? 0), closingDue)
  }
  toString = () => `Leave(${this.ground}, +${this.delayMs}ms)`
}

/** Forwards an anonymous crime report. */
export class CrimeReport implements Cmd {
  constructor(readonly delayMs: number) {}
  check = () => true
  run(m: Model, r: Real) {
    const expected =
      transition(m) ?? (m.addressed ? refuse("GroundDoesNotApply") : closes("crimeReportForwarded", false))
    step(
      m,
      r,
      new AppealCommand.ForwardCrimeReport({ ...base(m, this.delayMs), to: "УМВД" }),
      expected,
      at(m, this.delayMs)
    )
  }
  toString = () => `CrimeReport(+${this.delayMs}ms)`
}

/** Ends the correspondence. */
export class EndCorrespondence implements Cmd {
  constructor(readonly delayMs: number) {}
  check = () => true
  run(m: Model, r: Real) {
    const expected =
      transition(m) ??
      (m.repeated && m.related.length >= 2 ? closes("correspondenceEnded", m.addressed) : refuse("GroundDoesNotApply"))
    step(m, r, new AppealCommand.EndCorrespondence(base(m, this.delayMs)), expected, at(m, this.delayMs))
  }
  toString = () => `EndCorrespondence(+${this.delayMs}ms)`
}

/** Answers by reference to an earlier end of correspondence. */
export class ByReference implements Cmd {
  constructor(
    readonly linked: boolean,
    readonly delayMs: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const decision = this.linked && m.related.length > 0 ? m.related[0]! : ("unrelated-appeal" as AppealId)
    const expected =
      transition(m) ??
      (m.related.includes(decision) ? closes("answeredByReference", true) : refuse("GroundDoesNotApply"))
    step(
      m,
      r,
      new AppealCommand.AnswerByReference({ ...base(m, this.delayMs), decision }),
      expected,
      at(m, this.delayMs)
    )
  }
  toString = () => `ByReference(linked=${this.linked}, +${this.delayMs}ms)`
}

/**
 * The grounds that close with a notice to the applicant, which needs a name
 * and an address (otherwise art. 11 p. 1: no answer): an appeal contesting a
 * court decision returned (art. 11 p. 2), the address of a published answer
 * (p. 5.1), a protected secret (p. 6).
 */
export class NoticeGround implements Cmd {
  constructor(
    readonly ground: "courtDecision" | "publishedAnswer" | "secret",
    readonly delayMs: number,
    readonly notice?: NoticeDraft
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const b = { ...base(m, this.delayMs), ...noticeField(m, this.delayMs, this.notice) }
    const [command, outcome] =
      this.ground === "courtDecision"
        ? [
            new AppealCommand.ReturnCourtDecisionAppeal({
              ...b,
              explanation: "решение обжалуется в апелляционном порядке через суд, его вынесший"
            }),
            "returnedCourtDecision" as const
          ]
        : this.ground === "publishedAnswer"
          ? [
              new AppealCommand.ReferToPublishedAnswer({ ...b, url: "https://khabarovskadm.ru/answers/42" }),
              "referredToPublishedAnswer" as const
            ]
          : [new AppealCommand.DeclineForSecrecy({ ...b, secret: "state" }), "noAnswerSecret" as const]
    const expected = withNotice(
      m,
      this.notice,
      transition(m) ?? (m.addressed ? closes(outcome, true) : refuse("GroundDoesNotApply"))
    )
    const t = at(m, this.delayMs)
    step(m, r, command, expected, t)
    if (expected.ok) checkNotice(r, this.notice, t + (this.notice?.afterMs ?? 0), closingDue)
  }
  toString = () => `NoticeGround(${this.ground}, +${this.delayMs}ms)`
}

/** Sends copies to other competent bodies (59-FZ art. 8 p. 4): each body once; the appeal stays open. */
export class SendCopies implements Cmd {
  constructor(
    readonly to: readonly [string, ...Array<string>],
    readonly delayMs: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const twice = this.to.some((b, i) => this.to.indexOf(b) !== i || m.copies.includes(b))
    const expected = transition(m) ?? (twice ? refuse("GroundDoesNotApply") : accept)
    step(m, r, new AppealCommand.SendCopies({ ...base(m, this.delayMs), to: this.to }), expected, at(m, this.delayMs))
    if (expected.ok) {
      m.copies.push(...this.to)
      const s = r.state
      if (s._tag === "Unregistered" || s.copies.map((c) => c.to).join("|") !== m.copies.join("|"))
        throw new Error(`the copies sent are not ${m.copies.join(", ")}`)
    }
  }
  toString = () => `SendCopies(${this.to.join(", ")}, +${this.delayMs}ms)`
}

/** A delay between commands: mostly hours, sometimes weeks (so terms run out). */
export const delay: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: DAY_MS }) },
  { weight: 2, arbitrary: fc.integer({ min: DAY_MS, max: 20 * DAY_MS }) },
  { weight: 1, arbitrary: fc.integer({ min: 20 * DAY_MS, max: 45 * DAY_MS }) }
)

const officials = fc.constantFrom(...[1, 2, 3, 4, 5, 6].map((n) => `official-${n}` as OfficialId))

/** A notice recorded with an act half of the time: by post, e-mail or in person, sent up to 20 days after the act. */
export const noticeDraft: fc.Arbitrary<NoticeDraft | undefined> = fc.option(
  fc.record({
    channel: fc.constantFrom<Appeal.NoticeChannel>("post", "email", "inPerson"),
    afterMs: fc.integer({ min: 0, max: 20 * DAY_MS })
  }),
  { nil: undefined }
)

/** Random command sequences over every transition, starting with a registration most of the time. */
export const commands = (settings: Settings, maxCommands = 12): fc.Arbitrary<Iterable<Cmd>> => {
  const classifier = settings.classifier
  const all: Array<fc.Arbitrary<Cmd>> = [
    fc
      .tuple(A.registrationDraft(classifier), delay, fc.integer({ min: 1, max: 99999 }))
      .map(([d, ms, n]) => new Register(d, ms, n)),
    fc.tuple(A.divisionId, delay).map(([d, ms]) => new Assign(d, ms)),
    fc.tuple(fc.integer({ min: 1, max: 30 }), delay, noticeDraft).map(([d, ms, n]) => new Extend(d, ms, n)),
    fc
      .tuple(
        officials,
        // mostly of the assigned division
        fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        fc.uniqueArray(officials, { maxLength: 2 }),
        delay
      )
      .map(([o, same, co, ms]) => new NameExecutors({ official: o, sameDivision: same }, co, ms)),
    fc
      .tuple(
        fc.constantFrom<Appeal.Result>("supported", "supportedMeasuresTaken", "notSupported", "explained"),
        fc.constantFrom("written" as const, "electronic" as const),
        delay,
        fc.option(fc.integer({ min: 1, max: 99999 }), { nil: undefined })
      )
      .map(([res, f, ms, n]) => new Answer(res, f, ms, n)),
    fc
      .tuple(
        fc.constantFrom<Appeal.Result>("supported", "supportedMeasuresTaken", "notSupported", "explained"),
        fc.array(
          fc.tuple(
            fc.integer({ min: -1, max: 3 }),
            fc.constantFrom<Appeal.Result>("supported", "supportedMeasuresTaken", "notSupported", "explained")
          ),
          { maxLength: 3 }
        ),
        delay
      )
      .map(([res, picks, ms]) => new AnswerByQuestion(res, picks, ms)),
    fc.tuple(fc.boolean(), fc.boolean(), delay).map(([c, o, ms]) => new AnswerOrally(c, o, ms)),
    fc.tuple(delay, noticeDraft).map(([ms, n]) => new Forward(ms, n)),
    fc
      .tuple(
        fc.constantFrom<Appeal.NoAnswerGround>("anonymous", "abusive", "unreadable", "pointUndetermined"),
        delay,
        noticeDraft
      )
      .map(([g, ms, n]) => new Leave(g, ms, n)),
    delay.map((ms) => new CrimeReport(ms)),
    delay.map((ms) => new EndCorrespondence(ms)),
    fc.tuple(fc.boolean(), delay).map(([l, ms]) => new ByReference(l, ms)),
    fc
      .tuple(
        fc.constantFrom("courtDecision" as const, "publishedAnswer" as const, "secret" as const),
        delay,
        noticeDraft
      )
      .map(([g, ms, n]) => new NoticeGround(g, ms, n)),
    fc
      .tuple(
        fc.array(fc.constantFrom("Министерство ЖКХ края", "Прокуратура города", "УМВД"), {
          minLength: 1,
          maxLength: 2
        }),
        delay
      )
      .map(([to, ms]) => new SendCopies(to as unknown as readonly [string, ...Array<string>], ms))
  ]
  return fc.commands(all, { maxCommands })
}

/** The initial model and real system; the clock starts at `start` (inside the calendar's years). */
export const setup = (settings: Settings, start: Date) => (): { model: Model; real: Real } => ({
  model: {
    tag: "Unregistered",
    clock: start.getTime(),
    channel: "written",
    addressed: false,
    email: false,
    postal: false,
    repeated: false,
    related: [],
    topics: [],
    copies: [],
    extension: 0,
    answerDue: "",
    steps: 0
  },
  real: { settings, decider: AppealDecider.decider(settings), state: AppealState.initial, events: [] }
})

/** A start instant inside the shipped calendar with room for every term. */
export const start = (settings: Settings): fc.Arbitrary<Date> => {
  const from = Date.parse(`${settings.calendar.firstDay}T00:00:00Z`) + 5 * DAY_MS
  const to = Date.parse(`${Period.addDays(settings.calendar.lastDay, -400)}T00:00:00Z`)
  return fc.integer({ min: from, max: to }).map((ms) => new Date(ms))
}

/** Runs one model-based check (throws on the first broken expectation or invariant). */
export const run = (settings: Settings, startAt: Date, cmds: Iterable<Cmd>): { model: Model; real: Real } => {
  const s = setup(settings, startAt)()
  fc.modelRun(() => s, cmds)
  return s
}
