/**
 * The meetings use cases and the closed loop between the areas: reception
 * slots and their cards, information meetings and their questions, the
 * suspensions of in-person work — and what crosses to another area:
 *
 * - a reception card whose content is an oral appeal registers that appeal
 *   (numbered `U-…`) and links the card to it // 59-FZ art. 13;
 * - a written appeal handed in at a reception registers a written appeal
 *   (`W-…`) and links it;
 * - a meeting's question referred as an appeal registers it (`Q-…`); an
 *   instruction becomes an activity of a monthly plan;
 * - every appeal registered here is marked repeated when its applicant had
 *   an earlier appeal on the question answered on the merits
 *   (`AppealRecords.markRepeated`).
 *
 * Both sides are decided before anything is stored: a refusal on either
 * side stores nothing.
 *
 * @module
 */
import { Effect, Option } from "effect"
import { registrationNumber, ToMayor } from "../appeals/Appeal.js"
import type { AppealEvent, AppealRegistered } from "../appeals/AppealEvent.js"
import * as AppealRecords from "../appeals/AppealRecords.js"
import type { ActivityId, ActorId, AppealId, MeetingId, OfficialId, PlanId, ReceptionId } from "../kernel/Ids.js"
import type * as Period from "../kernel/Period.js"
import * as Loop from "../meetings/Loop.js"
import * as Meeting from "../meetings/Meeting.js"
import * as MeetingRecords from "../meetings/MeetingRecords.js"
import * as Reception from "../meetings/Reception.js"
import * as Statistics from "../meetings/Statistics.js"
import type * as Suspension from "../meetings/Suspension.js"
import type * as Plan from "../planning/Plan.js"
import * as PlanRecords from "../planning/PlanRecords.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import * as Access from "./Access.js"
import { CityContext, now, today } from "./City.js"
import { InvalidRequest, notFound } from "./Errors.js"
import * as Numbering from "./Numbering.js"
import * as Plans from "./Plans.js"
import type { Principal } from "./Principal.js"

const denied = (e: ReturnType<typeof Access.require>) => (e._tag === "Left" ? Effect.fail(e.left) : Effect.void)
const keyOptions = (p: Principal, key: string | undefined) =>
  key === undefined ? {} : { idempotencyKey: Access.scopedKey(p, key) }

/** A reception slot's record. */
export type ReceptionRecord = Reception.ReceptionRecord
/** An information meeting's record. */
export type MeetingRecord = Meeting.MeetingRecord

/** A reception or meeting as a use case answers it: the record, its stream version, and whether the principal sees the personal data. */
export interface Answer<R> {
  readonly record: R
  readonly version: number
  /** Reception cards' applicants, documents and contents, meetings' rosters and who asked: clerks and administrators only. */
  readonly personal: boolean
}

const seesPersonal = (p: Principal) => p.role === "clerk" || p.role === "administrator"

const suspensionDefinition = Effect.map(CityContext, (c) => MeetingRecords.makeSuspensionDefinition(c.timeZone))

/** The suspension periods in force. */
export const suspensions = Effect.gen(function* () {
  const l = yield* CommandHandler.load(yield* suspensionDefinition, MeetingRecords.suspensionStream)
  return l
})

const receptionDefinition = Effect.gen(function* () {
  const city = yield* CityContext
  const l = yield* suspensions
  return MeetingRecords.makeReceptionDefinition({ timeZone: city.timeZone, suspensions: l.state.periods })
})

const meetingDefinition = Effect.gen(function* () {
  const city = yield* CityContext
  const l = yield* suspensions
  return MeetingRecords.makeMeetingDefinition({ timeZone: city.timeZone, suspensions: l.state.periods })
})

const receptionAnswer = (p: Principal, id: string, r: { readonly state: Reception.State; readonly version: number }) =>
  r.state._tag === "ReceptionRecord"
    ? Effect.succeed<Answer<Reception.ReceptionRecord>>({
        record: r.state,
        version: r.version,
        personal: seesPersonal(p)
      })
    : Effect.fail(notFound("reception", id))

const meetingAnswer = (p: Principal, id: string, r: { readonly state: Meeting.State; readonly version: number }) =>
  r.state._tag === "MeetingRecord"
    ? Effect.succeed<Answer<Meeting.MeetingRecord>>({ record: r.state, version: r.version, personal: seesPersonal(p) })
    : Effect.fail(notFound("meeting", id))

/** What every reception command carries. */
export interface ReceptionCommon {
  readonly reception: ReceptionId
  readonly at: Date
  readonly actor: ActorId
}

/** What every meeting command carries. */
export interface MeetingCommon {
  readonly meeting: MeetingId
  readonly at: Date
  readonly actor: ActorId
}

/** Runs a command on a reception slot that involves no other area (schedule, postpone, move online, cancel, refuse a repeat reception, close). */
export const receptionCommand = (
  p: Principal,
  reception: ReceptionId,
  make: (common: ReceptionCommon) => Reception.Command,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writeMeetings"))
    const def = yield* receptionDefinition
    const cmd = make({ reception, at: yield* now, actor: p.subject })
    return yield* receptionAnswer(p, reception, yield* CommandHandler.handle(def, reception, cmd, keyOptions(p, key)))
  })

/** Runs a command on an information meeting that involves no other area. */
export const meetingCommand = (
  p: Principal,
  meeting: MeetingId,
  make: (common: MeetingCommon) => Meeting.Command,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writeMeetings"))
    const def = yield* meetingDefinition
    const cmd = make({ meeting, at: yield* now, actor: p.subject })
    return yield* meetingAnswer(p, meeting, yield* CommandHandler.handle(def, meeting, cmd, keyOptions(p, key)))
  })

/** The appeal context of an appeal the meetings area asks for, under the next number of a prefix (taken only when `take`). */
const appealContext = (prefix: string, official: OfficialId | undefined, actor: ActorId, at: Date, take: boolean) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const year = Number((yield* today).slice(0, 4))
    const n = take ? yield* Numbering.take(prefix, year) : yield* Numbering.peek(prefix, year)
    const number = registrationNumber(prefix, year, n)
    const person = official === undefined ? undefined : city.organisation?.officials.find((o) => o.id === official)
    const ctx: Loop.AppealContext = {
      appealId: number as string as AppealId,
      registrationNumber: number,
      actor,
      at,
      addressee: person !== undefined ? Loop.addresseeOf(person) : ToMayor.make({})
    }
    return ctx
  })

const registeredOf = (events: ReadonlyArray<AppealEvent>) =>
  events.find((e): e is AppealRegistered => e._tag === "AppealRegistered")

/**
 * Records a reception card. An oral answer is recorded on the card; an oral
 * appeal is registered as an appeal and linked to the card — the card and
 * the appeal are both decided before anything is stored.
 */
export const recordCard = (
  p: Principal,
  reception: ReceptionId,
  fields: Omit<Reception.RecordCard, "_tag" | "reception" | "at" | "actor">,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writeMeetings"))
    const city = yield* CityContext
    const def = yield* receptionDefinition
    const at = yield* now
    const cmd = Reception.RecordCard.make({ ...fields, reception, at, actor: p.subject })
    if (fields.answer._tag === "OralAnswer") {
      return yield* receptionAnswer(p, reception, yield* CommandHandler.handle(def, reception, cmd, keyOptions(p, key)))
    }
    const before = yield* CommandHandler.load(def, reception)
    const planned = yield* def.decider.decide(cmd, before.state)
    const asked = planned.find((e): e is Reception.OralAppealRequested => e._tag === "OralAppealRequested")
    if (asked !== undefined) {
      const trial = yield* appealContext(city.prefixes.oral, asked.official, p.subject, at, false)
      yield* city.appeals.decider.decide(Loop.registerOralAppeal(asked, trial), city.appeals.decider.initialState)
    }
    const r = yield* CommandHandler.handle(def, reception, cmd, keyOptions(p, key))
    const requested = r.events.find((e): e is Reception.OralAppealRequested => e._tag === "OralAppealRequested")
    if (requested === undefined || r.duplicate) return yield* receptionAnswer(p, reception, r)
    const ctx = yield* appealContext(city.prefixes.oral, requested.official, p.subject, at, true)
    const oral = yield* AppealRecords.markRepeated(Loop.registerOralAppeal(requested, ctx), {
      definition: city.appeals
    })
    const a = yield* CommandHandler.handle(city.appeals, ctx.appealId, oral)
    const registered = registeredOf(a.events)
    if (registered === undefined) return yield* receptionAnswer(p, reception, r)
    const link = yield* Loop.linkOralAppeal(requested, registered)
    return yield* receptionAnswer(p, reception, yield* CommandHandler.handle(def, reception, link))
  })

/** Notes a written appeal handed in at a reception and registers it as written, linked to the card. */
export const handInWrittenAppeal = (
  p: Principal,
  reception: ReceptionId,
  card: Reception.HandInWrittenAppeal["card"],
  fields: Omit<Reception.HandInWrittenAppeal, "_tag" | "reception" | "card" | "at" | "actor">,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writeMeetings"))
    const city = yield* CityContext
    const def = yield* receptionDefinition
    const at = yield* now
    const cmd = Reception.HandInWrittenAppeal.make({ ...fields, reception, card, at, actor: p.subject })
    const before = yield* CommandHandler.load(def, reception)
    const planned = yield* def.decider.decide(cmd, before.state)
    const handed = planned.find((e): e is Reception.WrittenAppealHandedIn => e._tag === "WrittenAppealHandedIn")
    if (handed !== undefined) {
      const trial = yield* appealContext(city.prefixes.written, handed.official, p.subject, at, false)
      const taken = yield* CommandHandler.load(city.appeals, trial.appealId)
      yield* city.appeals.decider.decide(Loop.registerWrittenAppeal(handed, trial), taken.state)
    }
    const r = yield* CommandHandler.handle(def, reception, cmd, keyOptions(p, key))
    const real = r.events.find((e): e is Reception.WrittenAppealHandedIn => e._tag === "WrittenAppealHandedIn")
    if (real === undefined || r.duplicate) return yield* receptionAnswer(p, reception, r)
    const ctx = yield* appealContext(city.prefixes.written, real.official, p.subject, at, true)
    const written = yield* AppealRecords.markRepeated(Loop.registerWrittenAppeal(real, ctx), {
      definition: city.appeals
    })
    const a = yield* CommandHandler.handle(city.appeals, ctx.appealId, written)
    const registered = registeredOf(a.events)
    if (registered === undefined) return yield* receptionAnswer(p, reception, r)
    const link = yield* Loop.linkWrittenAppeal(real, registered)
    return yield* receptionAnswer(p, reception, yield* CommandHandler.handle(def, reception, link))
  })

/** Reads a reception slot. */
export const readReception = (p: Principal, reception: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readMeetings"))
    const def = yield* receptionDefinition
    return yield* receptionAnswer(p, reception, yield* CommandHandler.load(def, reception))
  })

/** Reads an information meeting. */
export const readMeeting = (p: Principal, meeting: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readMeetings"))
    const def = yield* meetingDefinition
    return yield* meetingAnswer(p, meeting, yield* CommandHandler.load(def, meeting))
  })

/** Where an instruction's activity goes: the monthly plan, the node it serves, and optionally its id. */
export interface InstructionTarget {
  readonly plan?: PlanId
  readonly link?: Loop.ActivityContext["link"]
  readonly activity?: ActivityId
}

/**
 * Gives a question its disposition. An answer on the spot is recorded; an
 * instruction becomes an activity of a monthly plan (`plan` and `link`
 * required); a referral registers an appeal — both sides decided before
 * anything is stored.
 */
export const disposeQuestion = (
  p: Principal,
  meeting: MeetingId,
  question: Meeting.DisposeQuestion["question"],
  disposition: Meeting.DisposeQuestion["disposition"],
  target: InstructionTarget,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writeMeetings"))
    const city = yield* CityContext
    const at = yield* now
    const def = yield* meetingDefinition
    const cmd = Meeting.DisposeQuestion.make({ meeting, question, disposition, at, actor: p.subject })
    if (disposition._tag === "AnswerOnTheSpot")
      return yield* meetingAnswer(p, meeting, yield* CommandHandler.handle(def, meeting, cmd, keyOptions(p, key)))
    const before = yield* CommandHandler.load(def, meeting)
    const planned = yield* def.decider.decide(cmd, before.state)
    if (disposition._tag === "Instruct") {
      const planId = target.plan
      const link = target.link
      if (planId === undefined)
        return yield* Effect.fail(
          new InvalidRequest({
            field: "plan",
            message: "plan: an instruction needs the monthly plan its activity goes into"
          })
        )
      if (link === undefined)
        return yield* Effect.fail(
          new InvalidRequest({
            field: "link",
            message: "link: an instruction's activity needs the plan item, program or goal it serves"
          })
        )
      const plan = yield* Plans.load(planId)
      const pdef = PlanRecords.makeDefinition(yield* PlanRecords.upperFor(plan.state.kind, plan.state.period))
      const ctxOf = (e: Meeting.InstructionIssued): Loop.ActivityContext => ({
        plan: planId,
        activity: target.activity ?? (e.instruction as string as ActivityId),
        link,
        actor: p.subject,
        at
      })
      const issued = planned.find((e): e is Meeting.InstructionIssued => e._tag === "InstructionIssued")
      if (issued !== undefined) yield* pdef.decider.decide(Loop.scheduleInstruction(issued, ctxOf(issued)), plan.state)
      const m = yield* CommandHandler.handle(def, meeting, cmd, keyOptions(p, key))
      const real = m.events.find((e): e is Meeting.InstructionIssued => e._tag === "InstructionIssued")
      if (real === undefined || m.duplicate) return yield* meetingAnswer(p, meeting, m)
      const s = yield* CommandHandler.handle(pdef, planId, Loop.scheduleInstruction(real, ctxOf(real)))
      const scheduled = s.events.find((e): e is Plan.ActivityScheduled => e._tag === "ActivityScheduled")
      const linked = scheduled === undefined ? Option.none() : Loop.linkInstructionActivity(scheduled)
      if (Option.isNone(linked)) return yield* meetingAnswer(p, meeting, m)
      return yield* meetingAnswer(p, meeting, yield* CommandHandler.handle(def, meeting, linked.value))
    }
    const referred = planned.find((e): e is Meeting.QuestionReferredAsAppeal => e._tag === "QuestionReferredAsAppeal")
    if (referred !== undefined) {
      const trial = yield* appealContext(city.prefixes.question, undefined, p.subject, at, false)
      yield* city.appeals.decider.decide(
        Loop.registerQuestionAppeal(referred, trial),
        city.appeals.decider.initialState
      )
    }
    const m = yield* CommandHandler.handle(def, meeting, cmd, keyOptions(p, key))
    const real = m.events.find((e): e is Meeting.QuestionReferredAsAppeal => e._tag === "QuestionReferredAsAppeal")
    if (real === undefined || m.duplicate) return yield* meetingAnswer(p, meeting, m)
    const ctx = yield* appealContext(city.prefixes.question, undefined, p.subject, at, true)
    const asked = yield* AppealRecords.markRepeated(Loop.registerQuestionAppeal(real, ctx), {
      definition: city.appeals
    })
    const a = yield* CommandHandler.handle(city.appeals, ctx.appealId, asked)
    const registered = registeredOf(a.events)
    if (registered === undefined) return yield* meetingAnswer(p, meeting, m)
    const link = yield* Loop.linkQuestionAppeal(real, registered)
    return yield* meetingAnswer(p, meeting, yield* CommandHandler.handle(def, meeting, link))
  })

/** Reception and meeting statistics of a period, optionally of one official. */
export const statistics = (p: Principal, period: Period.Period, official?: OfficialId) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readMeetingStatistics"))
    const city = yield* CityContext
    const receptionReader = MeetingRecords.makeReceptionDefinition({ timeZone: city.timeZone, suspensions: [] })
    const meetingReader = MeetingRecords.makeMeetingDefinition({ timeZone: city.timeZone, suspensions: [] })
    const receptions: Array<Reception.State> = []
    for (const r of yield* MeetingRecords.receptionsIn(period, official !== undefined ? { official } : {})) {
      receptions.push((yield* CommandHandler.load(receptionReader, r.reception)).state)
    }
    const meetings: Array<Meeting.State> = []
    for (const r of yield* MeetingRecords.meetingsIn(period)) {
      const m = (yield* CommandHandler.load(meetingReader, r.meeting)).state
      if (official === undefined || (m._tag === "MeetingRecord" && m.officials.includes(official))) meetings.push(m)
    }
    return {
      ...(official !== undefined ? { official } : {}),
      receptions: Statistics.receptionStatistics(receptions, period),
      meetings: Statistics.meetingStatistics(meetings, period)
    }
  })

/** Declares or shortens a suspension of in-person receptions and meetings. */
export const suspend = (
  p: Principal,
  cmd: (common: { readonly at: Date; readonly actor: ActorId }) => Suspension.Command,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writeMeetings"))
    const def = yield* suspensionDefinition
    return yield* CommandHandler.handle(
      def,
      MeetingRecords.suspensionStream,
      cmd({ at: yield* now, actor: p.subject }),
      keyOptions(p, key)
    )
  })

/** The suspension periods, for reading. */
export const readSuspensions = (p: Principal) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readMeetings"))
    return yield* suspensions
  })
