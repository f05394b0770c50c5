/**
 * The Methodological Council (Методический совет): one decider for the
 * Council's sessions and the manuals it reviews.
 *
 * A manual is submitted (and may be revised while it is not approved); a
 * session is scheduled on a date with agenda items (an item may put a
 * manual up for review); when the session is held, each decision refers to
 * one agenda item and either approves the item's manual, returns it for
 * revision, or records a resolution. An approved manual is distributed, on
 * or after the session's date, to divisions, enterprises and institutions;
 * the distribution list only grows.
 *
 * Commands: `SubmitManual`, `ScheduleCouncilSession`, `AddAgendaItem`,
 * `HoldCouncilSession`, `DistributeManual`.
 * Events: `ManualSubmitted`, `CouncilSessionScheduled`, `AgendaItemAdded`,
 * `CouncilSessionHeld`, `ManualApproved`, `ManualReturned`,
 * `ManualDistributed`.
 *
 * @example
 * ```ts
 * import { Decider, Methodology } from "cityhall"
 *
 * declare const commands: ReadonlyArray<Methodology.Council.Command>
 * Decider.run(Methodology.Council.decider, commands)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Decider as DeciderShape } from "../kernel/Decider.js"
import { ActorId, DocumentId, SessionId, RecordOf } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import { decodeWith, MethodologyRuleViolation } from "./Errors.js"
import type { MethodologyRule } from "./Errors.js"
import { keyOfParty, Manual, Party } from "./Manual.js"

// ---- data -------------------------------------------------------------------

/** An item of a session's agenda; it may put a manual up for review. */
export class AgendaItem extends Schema.Class<AgendaItem>("CouncilAgendaItem")({
  title: Name,
  manual: Schema.optionalWith(DocumentId, { exact: true })
}) {}

/** What the Council decided on an agenda item. */
export const Outcome = Schema.Literal("approveManual", "returnManual", "resolution")
/** @see Outcome */
export type Outcome = typeof Outcome.Type

/** A decision of a session on one agenda item (by its position, from 0). */
export class CouncilDecision extends Schema.Class<CouncilDecision>("CouncilDecision")({
  item: Schema.NonNegativeInt,
  outcome: Outcome,
  text: Name
}) {}

/** A session of the Council. */
export class CouncilSession extends Schema.Class<CouncilSession>("CouncilSession")({
  id: SessionId,
  date: Day,
  agenda: Schema.Array(AgendaItem),
  held: Schema.Boolean,
  decisions: Schema.Array(CouncilDecision)
}) {}

/** The approval of a manual: the session and its date. */
export class Approval extends Schema.Class<Approval>("ManualApproval")({ session: SessionId, date: Day }) {}

/** A recipient of a manual and the day it was sent. */
export class Distribution extends Schema.Class<Distribution>("ManualDistribution")({ recipient: Party, on: Day }) {}

/** The status of a manual. */
export const ManualStatus = Schema.Literal("submitted", "returned", "approved")
/** @see ManualStatus */
export type ManualStatus = typeof ManualStatus.Type

/** A manual as the Council holds it. */
export class ManualRecord extends Schema.Class<ManualRecord>("ManualRecord")({
  manual: Manual,
  status: ManualStatus,
  approval: Schema.optionalWith(Approval, { exact: true }),
  distribution: Schema.Array(Distribution)
}) {}

// ---- commands and events ----------------------------------------------------

const meta = { at: Instant, actor: ActorId }

/** Submits a manual for review, or a revision of one not yet approved. */
export class SubmitManual extends Schema.TaggedClass<SubmitManual>()("SubmitManual", { ...meta, manual: Manual }) {}
/** Schedules a session on a date with its agenda. */
export class ScheduleCouncilSession extends Schema.TaggedClass<ScheduleCouncilSession>()("ScheduleCouncilSession", {
  ...meta,
  session: SessionId,
  date: Day,
  agenda: Schema.Array(AgendaItem)
}) {}
/** Adds an item to a scheduled session's agenda. */
export class AddAgendaItem extends Schema.TaggedClass<AddAgendaItem>()("AddAgendaItem", {
  ...meta,
  session: SessionId,
  item: AgendaItem
}) {}
/** Records that a session was held on its date, with its decisions. */
export class HoldCouncilSession extends Schema.TaggedClass<HoldCouncilSession>()("HoldCouncilSession", {
  ...meta,
  session: SessionId,
  decisions: Schema.Array(CouncilDecision)
}) {}
/** Sends an approved manual to recipients. */
export class DistributeManual extends Schema.TaggedClass<DistributeManual>()("DistributeManual", {
  ...meta,
  manual: DocumentId,
  recipients: Schema.NonEmptyArray(Party),
  on: Day
}) {}

/** Every command of the Council. */
export const Command = Schema.Union(
  SubmitManual,
  ScheduleCouncilSession,
  AddAgendaItem,
  HoldCouncilSession,
  DistributeManual
)
/** @see Command */
export type Command = typeof Command.Type

/** A manual was submitted (or revised). */
export class ManualSubmitted extends Schema.TaggedClass<ManualSubmitted>()("ManualSubmitted", {
  ...meta,
  manual: Manual
}) {}
/** A session was scheduled. */
export class CouncilSessionScheduled extends Schema.TaggedClass<CouncilSessionScheduled>()("CouncilSessionScheduled", {
  ...meta,
  session: SessionId,
  date: Day,
  agenda: Schema.Array(AgendaItem)
}) {}
/** An agenda item was added. */
export class AgendaItemAdded extends Schema.TaggedClass<AgendaItemAdded>()("AgendaItemAdded", {
  ...meta,
  session: SessionId,
  item: AgendaItem
}) {}
/** A session was held with its decisions. */
export class CouncilSessionHeld extends Schema.TaggedClass<CouncilSessionHeld>()("CouncilSessionHeld", {
  ...meta,
  session: SessionId,
  date: Day,
  decisions: Schema.Array(CouncilDecision)
}) {}
/** A manual was approved at a session. */
export class ManualApproved extends Schema.TaggedClass<ManualApproved>()("ManualApproved", {
  ...meta,
  manual: DocumentId,
  session: SessionId,
  date: Day
}) {}
/** A manual was returned for revision at a session. */
export class ManualReturned extends Schema.TaggedClass<ManualReturned>()("ManualReturned", {
  ...meta,
  manual: DocumentId,
  session: SessionId,
  date: Day
}) {}
/** A manual was sent to recipients. */
export class ManualDistributed extends Schema.TaggedClass<ManualDistributed>()("ManualDistributed", {
  ...meta,
  manual: DocumentId,
  recipients: Schema.NonEmptyArray(Party),
  on: Day
}) {}

/** Every event of the Council. */
export const Event = Schema.Union(
  ManualSubmitted,
  CouncilSessionScheduled,
  AgendaItemAdded,
  CouncilSessionHeld,
  ManualApproved,
  ManualReturned,
  ManualDistributed
)
/** @see Event */
export type Event = typeof Event.Type

/** The Council's state: sessions and manuals by id. */
export class State extends Schema.Class<State>("CouncilState")({
  sessions: RecordOf(CouncilSession),
  manuals: RecordOf(ManualRecord)
}) {}

/** No sessions, no manuals. */
export const initialState: State = new State({ sessions: {}, manuals: {} })

// ---- decide -----------------------------------------------------------------

type Result = Either.Either<ReadonlyArray<Event>, MethodologyRuleViolation>
const violation = (rule: MethodologyRule, field: string, message: string): Result =>
  Either.left(new MethodologyRuleViolation({ rule, field, message }))

const checkAgendaItem = (s: State, item: AgendaItem, field: string): Result | undefined => {
  if (item.manual === undefined) return undefined
  const m = s.manuals[item.manual]
  if (m === undefined) return violation("unknownManual", `${field}.manual`, `manual ${item.manual} was not submitted`)
  if (m.status === "approved")
    return violation("manualApproved", `${field}.manual`, `manual ${item.manual} is already approved`)
  return undefined
}

const firstDuplicateParty = (parties: ReadonlyArray<Party>): number => {
  const seen = new Set<string>()
  for (const [i, p] of parties.entries()) {
    if (seen.has(keyOfParty(p))) return i
    seen.add(keyOfParty(p))
  }
  return -1
}

/** Decides a command. */
export const decide = (c: Command, s: State): Result => {
  const m = { at: c.at, actor: c.actor }
  switch (c._tag) {
    case "SubmitManual": {
      const existing = s.manuals[c.manual.id]
      if (existing?.status === "approved")
        return violation("manualApproved", "manual.id", `manual ${c.manual.id} is already approved`)
      const dup = firstDuplicateParty(c.manual.basedOn)
      if (dup >= 0)
        return violation(
          "duplicateParty",
          `manual.basedOn[${dup}]`,
          `manual ${c.manual.id} names ${keyOfParty(c.manual.basedOn[dup]!)} twice`
        )
      return Either.right([new ManualSubmitted({ ...m, manual: c.manual })])
    }
    case "ScheduleCouncilSession": {
      if (s.sessions[c.session] !== undefined)
        return violation("duplicateSession", "session", `session ${c.session} is already scheduled`)
      for (const [i, item] of c.agenda.entries()) {
        const bad = checkAgendaItem(s, item, `agenda[${i}]`)
        if (bad !== undefined) return bad
      }
      return Either.right([new CouncilSessionScheduled({ ...m, session: c.session, date: c.date, agenda: c.agenda })])
    }
    case "AddAgendaItem": {
      const session = s.sessions[c.session]
      if (session === undefined) return violation("unknownSession", "session", `session ${c.session} is not scheduled`)
      if (session.held) return violation("sessionHeld", "session", `session ${c.session} was already held`)
      return (
        checkAgendaItem(s, c.item, "item") ??
        Either.right([new AgendaItemAdded({ ...m, session: c.session, item: c.item })])
      )
    }
    case "HoldCouncilSession": {
      const session = s.sessions[c.session]
      if (session === undefined) return violation("unknownSession", "session", `session ${c.session} is not scheduled`)
      if (session.held) return violation("sessionHeld", "session", `session ${c.session} was already held`)
      const items = new Set<number>()
      const decided = new Set<string>()
      const follow: Array<Event> = []
      for (const [i, d] of c.decisions.entries()) {
        const field = `decisions[${i}].item`
        const item = session.agenda[d.item]
        if (item === undefined)
          return violation(
            "unknownAgendaItem",
            field,
            `session ${c.session} has no agenda item ${d.item} (it has ${session.agenda.length})`
          )
        if (items.has(d.item)) return violation("duplicateDecision", field, `agenda item ${d.item} is decided twice`)
        items.add(d.item)
        if (d.outcome === "resolution") continue
        if (item.manual === undefined)
          return violation(
            "outcomeNeedsManual",
            field,
            `agenda item ${d.item} puts no manual up for review: ${d.outcome} needs one`
          )
        const record = s.manuals[item.manual]
        if (record?.status === "approved" || decided.has(item.manual)) {
          return violation("manualApproved", field, `manual ${item.manual} is already decided on`)
        }
        decided.add(item.manual)
        const what = { ...m, manual: item.manual, session: c.session, date: session.date }
        follow.push(d.outcome === "approveManual" ? new ManualApproved(what) : new ManualReturned(what))
      }
      return Either.right([
        new CouncilSessionHeld({ ...m, session: c.session, date: session.date, decisions: c.decisions }),
        ...follow
      ])
    }
    case "DistributeManual": {
      const record = s.manuals[c.manual]
      if (record === undefined) return violation("unknownManual", "manual", `manual ${c.manual} was not submitted`)
      if (record.status !== "approved" || record.approval === undefined)
        return violation("manualNotApproved", "manual", `manual ${c.manual} is not approved`)
      if (c.on < record.approval.date) {
        return violation(
          "distributionBeforeApproval",
          "on",
          `manual ${c.manual} was approved on ${record.approval.date}; it cannot be sent on ${c.on}`
        )
      }
      const dup = firstDuplicateParty(c.recipients)
      if (dup >= 0)
        return violation("duplicateParty", `recipients[${dup}]`, `${keyOfParty(c.recipients[dup]!)} is listed twice`)
      const already = new Set(record.distribution.map((d) => keyOfParty(d.recipient)))
      const again = c.recipients.findIndex((p) => already.has(keyOfParty(p)))
      if (again >= 0)
        return violation(
          "alreadyDistributed",
          `recipients[${again}]`,
          `manual ${c.manual} was already sent to ${keyOfParty(c.recipients[again]!)}`
        )
      return Either.right([new ManualDistributed({ ...m, manual: c.manual, recipients: c.recipients, on: c.on })])
    }
  }
}

// ---- evolve -----------------------------------------------------------------

const withSession = (s: State, session: CouncilSession): State =>
  new State({ sessions: { ...s.sessions, [session.id]: session }, manuals: s.manuals }, true)
const withManual = (s: State, record: ManualRecord): State =>
  new State({ sessions: s.sessions, manuals: { ...s.manuals, [record.manual.id]: record } }, true)

/** Applies an event. */
export const evolve = (s: State, e: Event): State => {
  switch (e._tag) {
    case "ManualSubmitted": {
      const prev = s.manuals[e.manual.id]
      return withManual(
        s,
        new ManualRecord({ manual: e.manual, status: "submitted", distribution: prev?.distribution ?? [] }, true)
      )
    }
    case "CouncilSessionScheduled":
      return withSession(
        s,
        new CouncilSession({ id: e.session, date: e.date, agenda: e.agenda, held: false, decisions: [] }, true)
      )
    case "AgendaItemAdded": {
      const session = s.sessions[e.session]
      return session === undefined
        ? s
        : withSession(s, new CouncilSession({ ...fieldsOf(session), agenda: [...session.agenda, e.item] }, true))
    }
    case "CouncilSessionHeld": {
      const session = s.sessions[e.session]
      return session === undefined
        ? s
        : withSession(s, new CouncilSession({ ...fieldsOf(session), held: true, decisions: e.decisions }, true))
    }
    case "ManualApproved":
    case "ManualReturned": {
      const r = s.manuals[e.manual]
      if (r === undefined) return s
      return withManual(
        s,
        new ManualRecord(
          e._tag === "ManualApproved"
            ? {
                manual: r.manual,
                status: "approved",
                approval: new Approval({ session: e.session, date: e.date }),
                distribution: r.distribution
              }
            : { manual: r.manual, status: "returned", distribution: r.distribution },
          true
        )
      )
    }
    case "ManualDistributed": {
      const r = s.manuals[e.manual]
      if (r === undefined) return s
      const added = e.recipients.map((recipient) => new Distribution({ recipient, on: e.on }))
      return withManual(
        s,
        new ManualRecord(
          {
            manual: r.manual,
            status: r.status,
            ...(r.approval === undefined ? {} : { approval: r.approval }),
            distribution: [...r.distribution, ...added]
          },
          true
        )
      )
    }
  }
}

const fieldsOf = (x: CouncilSession) => ({
  id: x.id,
  date: x.date,
  agenda: x.agenda,
  held: x.held,
  decisions: x.decisions
})

/** The Council's decider. */
export const decider: DeciderShape<Command, Event, State, MethodologyRuleViolation> = { decide, evolve, initialState }

/** Decodes a command from outside data; a malformed one is an `InvalidMethodologyCommand` naming the path. */
export const decodeCommand = decodeWith(Command)

// ---- invariants ---------------------------------------------------------------

/**
 * The Council's invariants, as messages (empty when all hold): an approved
 * manual was approved at a held session whose agenda put it up for review,
 * on that session's date; it was distributed only on or after that date and
 * to each recipient once.
 */
export const violations = (s: State): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const r of Object.values(s.manuals)) {
    const id = r.manual.id
    if (r.status === "approved") {
      const a = r.approval
      const session = a === undefined ? undefined : s.sessions[a.session]
      if (a === undefined || session === undefined) out.push(`manual ${id} is approved without a session`)
      else {
        if (!session.held) out.push(`manual ${id} is approved at session ${session.id}, which was not held`)
        if (session.date !== a.date)
          out.push(`manual ${id} approval date ${a.date} differs from session date ${session.date}`)
        if (!session.agenda.some((i) => i.manual === id))
          out.push(`manual ${id} was not on the agenda of session ${session.id}`)
      }
      for (const d of r.distribution)
        if (a !== undefined && d.on < a.date) out.push(`manual ${id} sent on ${d.on}, before its approval on ${a.date}`)
    } else if (r.approval !== undefined) out.push(`manual ${id} is ${r.status} but has an approval`)
    if (r.status !== "approved" && r.distribution.length > 0)
      out.push(`manual ${id} was distributed without being approved`)
    const keys = r.distribution.map((d) => keyOfParty(d.recipient))
    if (new Set(keys).size !== keys.length) out.push(`manual ${id} was sent to a recipient twice`)
  }
  return out
}
