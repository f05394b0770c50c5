/**
 * A model-based test kit for the meetings area: a {@link System} holding a
 * suspension stream, reception and meeting streams, and what the closed
 * loop produced in the appeals and planning areas; and fast-check command
 * generators ({@link commands}) for `fc.commands` / `fc.modelRun`.
 *
 * Every command is run through the deciders. A rejected command must leave
 * its stream exactly as it was; an accepted one must keep every invariant
 * of `Meetings.Invariants` true and replaying the stream's events must
 * reproduce its state. The model predicts the outcome where the rule is
 * simple (a meeting held twice, an oral answer without consent, closing
 * with open questions) and counts the cards. Failures throw an `Error`
 * naming the broken property, so the kit needs no test runner.
 *
 * The loop into appeals and plans is pluggable ({@link LoopDriver}): the
 * default records registrations and activities in memory; `cityhall`'s own
 * test plugs the real appeals and planning deciders in through `Loop`.
 *
 * @module
 */
import { Either, FastCheck as fc, Redacted, Schema } from "effect"
import type { Decider } from "../kernel/Decider.js"
import type {
  ActivityId,
  ActorId,
  AppealId,
  DivisionId,
  InstructionId,
  MeetingId,
  OfficialId,
  PlanId,
  QuestionId,
  ReceptionCardId,
  ReceptionId
} from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import * as Invariants from "../meetings/Invariants.js"
import * as Meeting from "../meetings/Meeting.js"
import * as Reception from "../meetings/Reception.js"
import * as Suspension from "../meetings/Suspension.js"
import type { LocalTime, OnlineLink } from "../meetings/Venue.js"
import { InPerson, Online, Place, Hybrid } from "../meetings/Venue.js"
import { applicant, identityDocument, topic } from "./MeetingsArbitraries.js"

/** One aggregate's stream: its state and its events. */
export interface Stream<S, E> {
  state: S
  readonly events: Array<E>
}

/** What the loop does with the meetings area's requests in the other areas; each answers the id the other area gave. */
export interface LoopDriver {
  readonly oralAppeal: (e: Reception.OralAppealRequested, system: System) => AppealId
  readonly writtenAppeal: (e: Reception.WrittenAppealHandedIn, system: System) => AppealId
  readonly questionAppeal: (e: Meeting.QuestionReferredAsAppeal, system: System) => AppealId
  readonly instruction: (
    e: Meeting.InstructionIssued,
    system: System
  ) => { readonly plan: PlanId; readonly activity: ActivityId }
  /** The appeals registered so far, as the invariants see them. */
  readonly appeals: (system: System) => ReadonlyArray<Invariants.RegisteredAppeal>
  /** The activities scheduled so far, as the invariants see them. */
  readonly activities: (system: System) => ReadonlyArray<Invariants.PlannedActivity>
}

/** The system under test. */
export interface System {
  readonly timeZone: TimeZone.TimeZoneName
  now: Date
  sequence: number
  readonly suspension: Stream<Suspension.State, Suspension.Event>
  readonly receptions: Map<string, Stream<Reception.State, Reception.Event>>
  readonly meetings: Map<string, Stream<Meeting.State, Meeting.Event>>
  readonly loop: LoopDriver
  /** In-memory registrations of the default driver. */
  readonly registered: Array<Invariants.RegisteredAppeal>
  readonly scheduled: Array<Invariants.PlannedActivity>
}

/** What the model expects. */
export interface Model {
  cards: number
  readonly held: Set<string>
  readonly openQuestions: Map<string, number>
}

/** The default loop driver: registrations and activities kept in memory, with fresh ids. */
export const memoryLoop: LoopDriver = {
  oralAppeal: (e, s) => {
    const appealId = `appeal-${++s.sequence}` as AppealId
    s.registered.push({ appealId, channel: "oral", receptionCard: e.card })
    return appealId
  },
  writtenAppeal: (_e, s) => {
    const appealId = `appeal-${++s.sequence}` as AppealId
    s.registered.push({ appealId, channel: "written" })
    return appealId
  },
  questionAppeal: (_e, s) => {
    const appealId = `appeal-${++s.sequence}` as AppealId
    s.registered.push({ appealId, channel: "written" })
    return appealId
  },
  instruction: (e, s) => {
    const plan = `monthly-${P.monthOf(e.deadline)}` as PlanId
    const activity = `activity-${++s.sequence}` as ActivityId
    s.scheduled.push({ plan, activity, origin: e.origin, division: e.division, planKind: "monthly" })
    return { plan, activity }
  },
  appeals: (s) => s.registered,
  activities: (s) => s.scheduled
}

/** Options of {@link setup}. */
export interface SetupOptions {
  readonly start?: Date
  readonly timeZone?: TimeZone.TimeZoneName
  readonly loop?: LoopDriver
}

/** A fresh system and model (2020-03-02 09:00 in Khabarovsk by default, just before the 2020 suspension). */
export const setup = (options: SetupOptions = {}): { model: Model; real: System } => ({
  model: { cards: 0, held: new Set(), openQuestions: new Map() },
  real: {
    timeZone: options.timeZone ?? TimeZone.KHABAROVSK,
    now: options.start ?? new Date("2020-03-01T23:00:00Z"),
    sequence: 0,
    suspension: { state: Suspension.initialState, events: [] },
    receptions: new Map(),
    meetings: new Map(),
    loop: options.loop ?? memoryLoop,
    registered: [],
    scheduled: []
  }
})

const ACTOR = "clerk-1" as ActorId
const OFFICIALS: ReadonlyArray<OfficialId> = ["mayor" as OfficialId, "deputy-1" as OfficialId, "deputy-2" as OfficialId]
const DIVISIONS: ReadonlyArray<DivisionId> = ["city-economy" as DivisionId, "housing" as DivisionId]
const PLACE = new Place({ district: "Центральный", address: "ул. Карла Маркса, 66" })
const LINK = "https://example.org/live" as OnlineLink

const fail = (message: string): never => {
  throw new Error(message)
}

const today = (s: System): Day => Either.getOrThrow(TimeZone.localDay(s.now, s.timeZone))
const dayAt = (s: System, offset: number): Day => P.addDays(today(s), offset)

const encodeReception = Schema.encodeSync(Reception.State)
const encodeMeeting = Schema.encodeSync(Meeting.State)
const encodeSuspension = Schema.encodeSync(Suspension.State)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Runs a command on a stream: a rejection must change nothing; an
 * acceptance appends the events, and replaying them must give the state.
 */
const step = <C, E, S, Err>(
  decider: Decider<C, E, S, Err>,
  stream: Stream<S, E>,
  command: C,
  encode: (s: S) => unknown
): Either.Either<ReadonlyArray<E>, Err> => {
  const before = stream.state
  const beforeEncoded = JSON.stringify(encode(before))
  const beforeLength = stream.events.length
  const r = decider.decide(command, before)
  if (Either.isLeft(r)) {
    if (
      stream.state !== before ||
      stream.events.length !== beforeLength ||
      JSON.stringify(encode(stream.state)) !== beforeEncoded
    )
      fail("a rejected command changed the stream")
    return r
  }
  for (const e of r.right) {
    stream.state = decider.evolve(stream.state, e)
    stream.events.push(e)
  }
  let replayed = decider.initialState
  for (const e of stream.events) replayed = decider.evolve(replayed, e)
  if (!same(encode(replayed), encode(stream.state))) fail("replaying the events does not reproduce the state")
  return r
}

const receptionDecider = (s: System) =>
  Reception.decider({ timeZone: s.timeZone, suspensions: s.suspension.state.periods })
const meetingDecider = (s: System) => Meeting.decider({ timeZone: s.timeZone, suspensions: s.suspension.state.periods })

const receptionStream = (s: System, id: string) => {
  let st = s.receptions.get(id)
  if (st === undefined) s.receptions.set(id, (st = { state: Reception.initialState, events: [] }))
  return st
}
const meetingStream = (s: System, id: string) => {
  let st = s.meetings.get(id)
  if (st === undefined) s.meetings.set(id, (st = { state: Meeting.initialState, events: [] }))
  return st
}

/** Runs a reception command, then the loop on its events. */
export const runReception = (
  s: System,
  c: Reception.Command
): Either.Either<ReadonlyArray<Reception.Event>, Reception.Error> => {
  const stream = receptionStream(s, c.reception)
  const r = step(receptionDecider(s), stream, c, encodeReception)
  if (Either.isRight(r)) {
    for (const e of r.right) {
      if (e._tag === "OralAppealRequested") {
        const appeal = s.loop.oralAppeal(e, s)
        const linked = step(
          receptionDecider(s),
          stream,
          new Reception.LinkOralAppeal({ reception: e.reception, at: s.now, actor: ACTOR, card: e.card, appeal }),
          encodeReception
        )
        if (Either.isLeft(linked)) fail(`the loop could not link card ${e.card}: ${linked.left.message}`)
      } else if (e._tag === "WrittenAppealHandedIn") {
        const appeal = s.loop.writtenAppeal(e, s)
        const linked = step(
          receptionDecider(s),
          stream,
          new Reception.LinkWrittenAppeal({
            reception: e.reception,
            at: s.now,
            actor: ACTOR,
            card: e.card,
            handIn: e.handIn,
            appeal
          }),
          encodeReception
        )
        if (Either.isLeft(linked))
          fail(`the loop could not link a written appeal of card ${e.card}: ${linked.left.message}`)
      }
    }
  }
  return r
}

/** Runs a meeting command, then the loop on its events. */
export const runMeeting = (
  s: System,
  c: Meeting.Command
): Either.Either<ReadonlyArray<Meeting.Event>, Meeting.Error> => {
  const stream = meetingStream(s, c.meeting)
  const before = stream.state
  const r = step(meetingDecider(s), stream, c, encodeMeeting)
  if (Either.isRight(r)) {
    const more = Invariants.approvedMinutesKept(before, stream.state)
    if (more.length > 0) fail(more.join("; "))
    for (const e of r.right) {
      if (e._tag === "InstructionIssued") {
        const { activity, plan } = s.loop.instruction(e, s)
        const linked = step(
          meetingDecider(s),
          stream,
          new Meeting.LinkInstructionActivity({
            meeting: e.meeting,
            at: s.now,
            actor: ACTOR,
            question: e.question,
            plan,
            activity
          }),
          encodeMeeting
        )
        if (Either.isLeft(linked)) fail(`the loop could not link instruction ${e.instruction}: ${linked.left.message}`)
      } else if (e._tag === "QuestionReferredAsAppeal") {
        const appeal = s.loop.questionAppeal(e, s)
        const linked = step(
          meetingDecider(s),
          stream,
          new Meeting.LinkQuestionAppeal({ meeting: e.meeting, at: s.now, actor: ACTOR, question: e.question, appeal }),
          encodeMeeting
        )
        if (Either.isLeft(linked)) fail(`the loop could not link question ${e.question}: ${linked.left.message}`)
      }
    }
  }
  return r
}

/** Runs a suspension command. */
export const runSuspension = (s: System, c: Suspension.Command) =>
  step(Suspension.decider({ timeZone: s.timeZone }), s.suspension, c, encodeSuspension)

/** Every invariant of the area over the whole system, with the model's counts; throws naming the first broken ones. */
export const checkInvariants = (m: Model, s: System): void => {
  const receptions = [...s.receptions.values()].map((x) => x.state)
  const meetings = [...s.meetings.values()].map((x) => x.state)
  const problems = [
    ...receptions.flatMap(Invariants.reception),
    ...meetings.flatMap(Invariants.meeting),
    ...[...s.meetings.values()].flatMap((x) => Invariants.meetingHistory(x.events)),
    ...Invariants.nothingInPersonSuspended(s.suspension.state.periods, receptions, meetings),
    ...Invariants.citizensReceivedAreCards(receptions),
    ...Invariants.cardsHaveOneOralAppeal(receptions, s.loop.appeals(s)),
    ...Invariants.instructionsHaveOneActivity(meetings, s.loop.activities(s))
  ]
  const cards = receptions.reduce((n, r) => n + (r._tag === "ReceptionRecord" ? r.cards.length : 0), 0)
  if (cards !== m.cards) problems.push(`the model counts ${m.cards} cards, the system ${cards}`)
  if (problems.length > 0) fail(problems.join("; "))
}

type Cmd = fc.Command<Model, System>

const expectLeft = (r: Either.Either<unknown, unknown>, why: string) => {
  if (Either.isRight(r)) fail(`expected a rejection: ${why}`)
}

/**
 * The next instant something scheduled can happen, after now: 22:30 on the
 * day of a scheduled meeting (after it was held), 11:00 on the day of a
 * scheduled reception slot (during it).
 */
const nextDue = (s: System): number | undefined => {
  const at = (day: Day, hours: number) => TimeZone.startOfLocalDay(day, s.timeZone).getTime() + hours * 3_600_000
  const candidates: Array<number> = []
  for (const { state } of s.meetings.values())
    if (state._tag === "MeetingRecord" && state.status === "scheduled") candidates.push(at(state.day, 22.5))
  for (const { state } of s.receptions.values())
    if (state._tag === "ReceptionRecord" && state.status === "scheduled") candidates.push(at(state.day, 11))
  const later = candidates.filter((t) => t > s.now.getTime())
  return later.length === 0 ? undefined : Math.min(...later)
}

/** Time passes: by `minutes`, or (`minutes` undefined) to the next time something scheduled can happen, so that random runs reach held meetings and received citizens. */
class Tick implements Cmd {
  constructor(readonly minutes: number | undefined) {}
  check = () => true
  run(m: Model, s: System) {
    const next = this.minutes === undefined ? nextDue(s) : s.now.getTime() + this.minutes * 60_000
    if (next !== undefined) s.now = new Date(next)
    checkInvariants(m, s)
  }
  toString = () => (this.minutes === undefined ? "Tick(to the next scheduled)" : `Tick(${this.minutes}min)`)
}

class Suspend implements Cmd {
  constructor(
    readonly fromOffset: number,
    readonly length: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    runSuspension(
      s,
      new Suspension.DeclareSuspension({
        at: s.now,
        actor: ACTOR,
        from: dayAt(s, this.fromOffset),
        to: dayAt(s, this.fromOffset + this.length),
        reason: "COVID-19"
      })
    )
    checkInvariants(m, s)
  }
  toString = () => `Suspend(+${this.fromOffset}, ${this.length}d)`
}

const rid = (i: number) => `reception-${i}` as ReceptionId
const mid = (i: number) => `meeting-${i}` as MeetingId

class ScheduleReception implements Cmd {
  constructor(
    readonly r: number,
    readonly dayOffset: number,
    readonly online: boolean,
    readonly official: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    runReception(
      s,
      new Reception.ScheduleReception({
        reception: rid(this.r),
        at: s.now,
        actor: ACTOR,
        official: OFFICIALS[this.official]!,
        day: dayAt(s, this.dayOffset),
        start: "10:00" as LocalTime,
        end: "13:00" as LocalTime,
        venue: this.online ? new Online({ link: LINK }) : new InPerson({ place: PLACE })
      })
    )
    checkInvariants(m, s)
  }
  toString = () => `ScheduleReception(${this.r}, +${this.dayOffset}, ${this.online ? "online" : "in person"})`
}

class ChangeReception implements Cmd {
  constructor(
    readonly r: number,
    readonly how: "online" | "postpone" | "cancel" | "close",
    readonly dayOffset: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const meta = { reception: rid(this.r), at: s.now, actor: ACTOR }
    runReception(
      s,
      this.how === "online"
        ? new Reception.MoveReceptionOnline({ ...meta, link: LINK })
        : this.how === "postpone"
          ? new Reception.PostponeReception({
              ...meta,
              day: dayAt(s, this.dayOffset),
              start: "15:00" as LocalTime,
              end: "17:00" as LocalTime
            })
          : this.how === "cancel"
            ? new Reception.CancelReception({ ...meta, reason: "болезнь" })
            : new Reception.CloseReception(meta)
    )
    checkInvariants(m, s)
  }
  toString = () => `${this.how}Reception(${this.r}${this.how === "postpone" ? `, +${this.dayOffset}` : ""})`
}

class RecordCard implements Cmd {
  constructor(
    readonly r: number,
    readonly card: number,
    readonly oral: boolean,
    readonly consent: boolean,
    readonly obvious: boolean,
    readonly applicant: Reception.Applicant,
    readonly document: Reception.IdentityDocument,
    readonly topic: Reception.Topic
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const answer = this.oral
      ? new Reception.OralAnswer({
          applicantConsented: this.consent,
          factsObvious: this.obvious,
          summary: Redacted.make("разъяснён порядок")
        })
      : new Reception.OralAppeal()
    const r = runReception(
      s,
      new Reception.RecordCard({
        reception: rid(this.r),
        at: s.now,
        actor: ACTOR,
        card: `${rid(this.r)}-card-${this.card}` as ReceptionCardId,
        applicant: this.applicant,
        identityDocument: this.document,
        content: Redacted.make("ремонт кровли дома"),
        topics: [this.topic],
        answer
      })
    )
    if (this.oral && !(this.consent && this.obvious)) expectLeft(r, "an oral answer without consent or obvious facts")
    if (Either.isRight(r)) m.cards++
    checkInvariants(m, s)
  }
  toString = () =>
    `RecordCard(${this.r}, ${this.card}, ${this.oral ? `oral consent=${this.consent} obvious=${this.obvious}` : "appeal"})`
}

class HandIn implements Cmd {
  constructor(
    readonly r: number,
    readonly card: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    runReception(
      s,
      new Reception.HandInWrittenAppeal({
        reception: rid(this.r),
        at: s.now,
        actor: ACTOR,
        card: `${rid(this.r)}-card-${this.card}` as ReceptionCardId,
        text: Redacted.make("письменное обращение о благоустройстве"),
        topics: ["0005.0005.0056.1134" as Reception.Topic]
      })
    )
    checkInvariants(m, s)
  }
  toString = () => `HandIn(${this.r}, ${this.card})`
}

class Refuse implements Cmd {
  constructor(
    readonly r: number,
    readonly answeredOffset: number,
    readonly applicant: Reception.Applicant
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const r = runReception(
      s,
      new Reception.RefuseRepeatReception({
        reception: rid(this.r),
        at: s.now,
        actor: ACTOR,
        applicant: this.applicant,
        topics: ["0005.0005.0056.1134" as Reception.Topic],
        reference: "appeal-earlier" as AppealId,
        answeredOn: dayAt(s, this.answeredOffset)
      })
    )
    if (this.answeredOffset > 0) expectLeft(r, "a refusal referring to an answer not yet given")
    checkInvariants(m, s)
  }
  toString = () => `Refuse(${this.r}, answered +${this.answeredOffset})`
}

class ScheduleMeeting implements Cmd {
  constructor(
    readonly mt: number,
    readonly dayOffset: number,
    readonly format: 0 | 1 | 2,
    readonly chair: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    runMeeting(
      s,
      new Meeting.ScheduleMeeting({
        meeting: mid(this.mt),
        at: s.now,
        actor: ACTOR,
        title: "Благоустройство дворов",
        day: dayAt(s, this.dayOffset),
        start: "18:00" as LocalTime,
        format:
          this.format === 0
            ? new InPerson({ place: PLACE })
            : this.format === 1
              ? new Online({ link: LINK })
              : new Hybrid({ place: PLACE, link: LINK }),
        officials: [OFFICIALS[1]!, OFFICIALS[2]!],
        chair: OFFICIALS[this.chair]!
      })
    )
    checkInvariants(m, s)
  }
  toString = () =>
    `ScheduleMeeting(${this.mt}, +${this.dayOffset}, ${["in person", "online", "hybrid"][this.format]}, chair ${this.chair})`
}

class ChangeMeeting implements Cmd {
  constructor(
    readonly mt: number,
    readonly how: "online" | "postpone" | "cancel",
    readonly dayOffset: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const meta = { meeting: mid(this.mt), at: s.now, actor: ACTOR }
    runMeeting(
      s,
      this.how === "online"
        ? new Meeting.MoveMeetingOnline({ ...meta, link: LINK })
        : this.how === "postpone"
          ? new Meeting.PostponeMeeting({ ...meta, day: dayAt(s, this.dayOffset), start: "18:00" as LocalTime })
          : new Meeting.CancelMeeting({ ...meta, reason: "перенос" })
    )
    checkInvariants(m, s)
  }
  toString = () => `${this.how}Meeting(${this.mt}${this.how === "postpone" ? `, +${this.dayOffset}` : ""})`
}

class Hold implements Cmd {
  /** `minutes`: when it was held, from its scheduled start (or from now, for a meeting not scheduled). */
  constructor(
    readonly mt: number,
    readonly minutes: number,
    readonly count: number,
    readonly roster: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const roster = Array.from({ length: this.roster }, (_, i) => Redacted.make(`Житель ${i + 1}`))
    const st = s.meetings.get(mid(this.mt))?.state
    const from =
      st?._tag === "MeetingRecord"
        ? TimeZone.startOfLocalDay(st.day, s.timeZone).getTime() + 18 * 3_600_000
        : s.now.getTime()
    const heldAt = new Date(from + this.minutes * 60_000)
    const r = runMeeting(
      s,
      new Meeting.HoldMeeting({
        meeting: mid(this.mt),
        at: s.now,
        actor: ACTOR,
        heldAt,
        attendance: new Meeting.Attendance({ count: this.count, ...(this.roster > 0 ? { roster } : {}) })
      })
    )
    if (m.held.has(mid(this.mt))) expectLeft(r, "a meeting held twice")
    if (heldAt.getTime() > s.now.getTime()) expectLeft(r, "a meeting held in the future of its recording")
    if (this.roster > this.count) expectLeft(r, "a roster longer than the count")
    if (Either.isRight(r)) m.held.add(mid(this.mt))
    checkInvariants(m, s)
  }
  toString = () =>
    `Hold(${this.mt}, start${this.minutes >= 0 ? "+" : ""}${this.minutes}min, ${this.count} came, roster ${this.roster})`
}

class Raise implements Cmd {
  constructor(
    readonly mt: number,
    readonly q: number,
    readonly topic: Reception.Topic
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const r = runMeeting(
      s,
      new Meeting.RaiseQuestion({
        meeting: mid(this.mt),
        at: s.now,
        actor: ACTOR,
        question: `q-${this.q}` as QuestionId,
        topic: this.topic,
        text: "Когда отремонтируют двор?",
        askedBy: Redacted.make("Петрова А. А.")
      })
    )
    if (Either.isRight(r)) m.openQuestions.set(mid(this.mt), (m.openQuestions.get(mid(this.mt)) ?? 0) + 1)
    checkInvariants(m, s)
  }
  toString = () => `Raise(${this.mt}, q-${this.q})`
}

class Dispose implements Cmd {
  constructor(
    readonly mt: number,
    readonly q: number,
    readonly kind: 0 | 1 | 2,
    readonly by: number,
    readonly deadlineOffset: number,
    readonly division: number,
    readonly instruction: number
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const d =
      this.kind === 0
        ? new Meeting.AnswerOnTheSpot({ answer: "Ремонт включён в план на июнь", by: OFFICIALS[this.by]! })
        : this.kind === 1
          ? new Meeting.Instruct({
              instruction: `${mid(this.mt)}-instruction-${this.instruction}` as InstructionId,
              division: DIVISIONS[this.division]!,
              deadline: dayAt(s, this.deadlineOffset),
              text: "Обследовать двор и включить ремонт в план"
            })
          : new Meeting.ReferAsAppeal()
    const r = runMeeting(
      s,
      new Meeting.DisposeQuestion({
        meeting: mid(this.mt),
        at: s.now,
        actor: ACTOR,
        question: `q-${this.q}` as QuestionId,
        disposition: d
      })
    )
    if (Either.isRight(r)) m.openQuestions.set(mid(this.mt), (m.openQuestions.get(mid(this.mt)) ?? 0) - 1)
    checkInvariants(m, s)
  }
  toString = () => `Dispose(${this.mt}, q-${this.q}, ${["on the spot", "instruction", "appeal"][this.kind]})`
}

class Close implements Cmd {
  constructor(readonly mt: number) {}
  check = () => true
  run(m: Model, s: System) {
    const r = runMeeting(s, new Meeting.CloseMeeting({ meeting: mid(this.mt), at: s.now, actor: ACTOR }))
    if ((m.openQuestions.get(mid(this.mt)) ?? 0) > 0)
      expectLeft(r, "closing a meeting with questions without a disposition")
    if (!m.held.has(mid(this.mt))) expectLeft(r, "closing a meeting not held")
    checkInvariants(m, s)
  }
  toString = () => `Close(${this.mt})`
}

class Minutes implements Cmd {
  constructor(
    readonly mt: number,
    readonly approve: boolean,
    readonly by: number,
    readonly text: string
  ) {}
  check = () => true
  run(m: Model, s: System) {
    const meta = { meeting: mid(this.mt), at: s.now, actor: ACTOR }
    runMeeting(
      s,
      this.approve
        ? new Meeting.ApproveMinutes({ ...meta, by: OFFICIALS[this.by]! })
        : new Meeting.DraftMinutes({ ...meta, text: this.text })
    )
    checkInvariants(m, s)
  }
  toString = () => (this.approve ? `ApproveMinutes(${this.mt}, by ${this.by})` : `DraftMinutes(${this.mt})`)
}

/** Options of {@link commands}. */
export interface CommandOptions {
  readonly receptions?: number
  readonly meetings?: number
}

/** The command generators for `fc.commands`. */
export const commands = (options: CommandOptions = {}): Array<fc.Arbitrary<Cmd>> => {
  const r = fc.nat({ max: (options.receptions ?? 2) - 1 })
  const mt = fc.nat({ max: (options.meetings ?? 2) - 1 })
  const offset = fc.integer({ min: -1, max: 6 })
  // questions and their dispositions weigh double, and holding a meeting shares the slot of closing one: they need a
  // held meeting, which random sequences reach less often
  const raise = fc.tuple(mt, fc.nat({ max: 2 }), topic).map(([a, b, c]) => new Raise(a, b, c))
  const hold = fc
    .tuple(mt, fc.integer({ min: -60, max: 240 }), fc.nat({ max: 200 }), fc.nat({ max: 5 }))
    .map(([a, b, c, d]): Cmd => new Hold(a, b, c, d))
  const dispose = fc
    .tuple(
      mt,
      fc.nat({ max: 2 }),
      fc.constantFrom(0 as const, 1 as const, 2 as const),
      fc.nat({ max: 2 }),
      fc.integer({ min: -3, max: 60 }),
      fc.nat({ max: 1 }),
      fc.nat({ max: 3 })
    )
    .map(([a, b, c, d, e, f, g]) => new Dispose(a, b, c, d, e, f, g))
  const tick = fc
    .option(fc.integer({ min: 30, max: 3 * 24 * 60 }), { nil: undefined, freq: 2 })
    .map((n): Cmd => new Tick(n))
  const suspend = fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 10 }))
    .map(([a, b]): Cmd => new Suspend(a, b))
  return [
    tick,
    // a declared suspension blocks everything in person for days, so it is one draw in four of its slot (the others let time pass)
    fc.oneof({ arbitrary: suspend, weight: 1 }, { arbitrary: tick, weight: 3 }),
    fc.tuple(r, offset, fc.boolean(), fc.nat({ max: 2 })).map(([a, b, c, d]) => new ScheduleReception(a, b, c, d)),
    fc
      .tuple(
        r,
        fc.constantFrom<"online" | "postpone" | "cancel" | "close">("online", "postpone", "cancel", "close"),
        offset
      )
      .map(([a, b, c]) => new ChangeReception(a, b, c)),
    fc
      .tuple(r, fc.nat({ max: 4 }), fc.boolean(), fc.boolean(), fc.boolean(), applicant, identityDocument, topic)
      .map(([a, b, c, d, e, f, g, h]) => new RecordCard(a, b, c, d, e, f, g, h)),
    fc.tuple(r, fc.nat({ max: 4 })).map(([a, b]) => new HandIn(a, b)),
    fc.tuple(r, fc.integer({ min: -400, max: 3 }), applicant).map(([a, b, c]) => new Refuse(a, b, c)),
    fc
      .tuple(mt, offset, fc.constantFrom(0 as const, 1 as const, 2 as const), fc.nat({ max: 2 }))
      .map(([a, b, c, d]) => new ScheduleMeeting(a, b, c, d)),
    fc
      .tuple(mt, fc.constantFrom<"online" | "postpone" | "cancel">("online", "postpone", "cancel"), offset)
      .map(([a, b, c]) => new ChangeMeeting(a, b, c)),
    hold,
    raise,
    raise,
    dispose,
    dispose,
    // closing early leaves a meeting without questions: one draw in three of its slot, the others hold a meeting
    fc.oneof({ arbitrary: mt.map((a): Cmd => new Close(a)), weight: 1 }, { arbitrary: hold, weight: 2 }),
    fc
      .tuple(
        mt,
        fc.boolean(),
        fc.nat({ max: 2 }),
        fc.constantFrom("Протокол встречи", "Протокол встречи (исправленный)")
      )
      .map(([a, b, c, d]) => new Minutes(a, b, c, d))
  ]
}
