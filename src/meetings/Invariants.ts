/**
 * The invariants of the meetings area, stated once as predicates over
 * states and event histories. Each answers the list of violations found
 * (empty when the invariant holds), in words that name the entity and the
 * rule but never personal data. Property tests check them after every
 * accepted command of random command sequences; an integrator can run them
 * over a store.
 *
 * @example
 * ```ts
 * import { Meetings } from "cityhall"
 *
 * declare const receptions: ReadonlyArray<Meetings.Reception.State>
 * Meetings.Invariants.citizensReceivedAreCards(receptions) // [] when citizens received = reception cards
 * receptions.flatMap(Meetings.Invariants.reception) // each card: an oral answer with consent on obvious facts, or an oral appeal
 * ```
 *
 * @module
 */
import { Option } from "effect"
import type { AppealId, ReceptionCardId } from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import type * as Meeting from "./Meeting.js"
import type * as Reception from "./Reception.js"
import * as Statistics from "./Statistics.js"
import * as Suspension from "./Suspension.js"
import { isInPerson } from "./Venue.js"

/** A meeting is held at most once, and never recorded as held before it happened. */
export const meetingHistory = (events: ReadonlyArray<Meeting.Event>): ReadonlyArray<string> => {
  const out: Array<string> = []
  const held = new Set<string>()
  for (const e of events) {
    if (e._tag !== "MeetingHeld") continue
    if (held.has(e.meeting)) out.push(`meeting ${e.meeting} is held twice`)
    held.add(e.meeting)
    if (e.heldAt.getTime() > e.at.getTime())
      out.push(`meeting ${e.meeting} is recorded as held in the future of its recording`)
  }
  return out
}

/**
 * A closed meeting has a disposition for every question; an instruction is
 * issued once per meeting; approved minutes follow the versions in order.
 */
export const meeting = (m: Meeting.State): ReadonlyArray<string> => {
  if (m._tag !== "MeetingRecord") return []
  const out: Array<string> = []
  if (m.status === "closed" && m.questions.some((q) => q.disposition === undefined))
    out.push(`meeting ${m.meeting} is closed with questions without a disposition`)
  if ((m.status === "held" || m.status === "closed") !== (m.held !== undefined))
    out.push(`meeting ${m.meeting} is ${m.status} but its holding is ${m.held === undefined ? "not " : ""}recorded`)
  if (m.held !== undefined && m.held.heldOn !== m.day)
    out.push(`meeting ${m.meeting} was held on ${m.held.heldOn}, not its day ${m.day}`)
  const instructions = new Set<string>()
  for (const q of m.questions) {
    if (q.disposition?._tag !== "Instructed") continue
    if (instructions.has(q.disposition.instruction))
      out.push(`instruction ${q.disposition.instruction} appears twice in meeting ${m.meeting}`)
    instructions.add(q.disposition.instruction)
  }
  m.minutes.forEach((v, i) => {
    if (v.version !== i + 1) out.push(`minutes of meeting ${m.meeting}: version ${v.version} at position ${i + 1}`)
    if (v.status === "draft" && i !== m.minutes.length - 1)
      out.push(`minutes of meeting ${m.meeting}: draft version ${v.version} is not the latest`)
    if (v.status === "approved" && v.approvedBy !== m.chair)
      out.push(`minutes of meeting ${m.meeting}: version ${v.version} approved by someone other than the chair`)
  })
  return out
}

/**
 * Approved minutes are immutable: every version approved in `before` is
 * unchanged in `after`.
 */
export const approvedMinutesKept = (before: Meeting.State, after: Meeting.State): ReadonlyArray<string> => {
  if (before._tag !== "MeetingRecord") return []
  if (after._tag !== "MeetingRecord") return [`meeting ${before.meeting} disappeared`]
  const out: Array<string> = []
  for (const v of before.minutes) {
    if (v.status !== "approved") continue
    const w = after.minutes.find((x) => x.version === v.version)
    if (
      w === undefined ||
      w.text !== v.text ||
      w.status !== "approved" ||
      w.approvedBy !== v.approvedBy ||
      w.approvedOn !== v.approvedOn
    ) {
      out.push(`approved minutes version ${v.version} of meeting ${before.meeting} changed`)
    }
  }
  return out
}

/**
 * Every reception card has either an oral answer given with the
 * applicant's consent on obvious facts, or one oral appeal request (by the
 * shape of its outcome; `cardsHaveOneOralAppeal` checks the appeal itself);
 * card ids are unique; a card matches its slot; a cancelled slot received
 * nobody. // 59-FZ art. 13 p. 3
 */
export const reception = (r: Reception.State): ReadonlyArray<string> => {
  if (r._tag !== "ReceptionRecord") return []
  const out: Array<string> = []
  const ids = new Set<string>()
  for (const c of r.cards) {
    if (ids.has(c.card)) out.push(`card ${c.card} appears twice in reception ${r.reception}`)
    ids.add(c.card)
    if (c.outcome._tag !== "AnsweredOrally" && c.outcome._tag !== "ToOralAppeal")
      out.push(`card ${c.card} has no answer`)
    else if (c.outcome._tag === "AnsweredOrally" && !(c.outcome.applicantConsented && c.outcome.factsObvious)) {
      out.push(`card ${c.card} was answered orally without the applicant's consent or on facts that are not obvious`)
    }
    if (c.day !== r.day || c.official !== r.official)
      out.push(`card ${c.card} does not match its reception ${r.reception}`)
  }
  if (r.status === "cancelled" && (r.cards.length > 0 || r.refusals.length > 0))
    out.push(`cancelled reception ${r.reception} received citizens`)
  return out
}

/** Nothing in person happens inside a suspension period: no in-person card, refusal or meeting on a suspended day. */
export const nothingInPersonSuspended = (
  suspensions: ReadonlyArray<Suspension.SuspensionPeriod>,
  receptions: Iterable<Reception.State>,
  meetings: Iterable<Meeting.State>
): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const r of receptions) {
    if (r._tag !== "ReceptionRecord") continue
    for (const c of r.cards) {
      if (c.format === "inPerson" && Option.isSome(Suspension.suspensionOn(suspensions, c.day)))
        out.push(`card ${c.card}: an in-person reception on suspended ${c.day}`)
    }
    if (
      r.refusals.length > 0 &&
      r.venue._tag === "InPerson" &&
      Option.isSome(Suspension.suspensionOn(suspensions, r.day))
    ) {
      out.push(`reception ${r.reception}: in person on suspended ${r.day}`)
    }
  }
  for (const m of meetings) {
    if (m._tag !== "MeetingRecord" || m.held === undefined) continue
    if (isInPerson(m.format) && Option.isSome(Suspension.suspensionOn(suspensions, m.held.heldOn)))
      out.push(`meeting ${m.meeting}: held in person on suspended ${m.held.heldOn}`)
  }
  return out
}

/**
 * Counts reconcile: citizens received (statistics over the whole range)
 * equal the reception cards, in total, in person, online and per official,
 * each counted straight from the cards.
 */
export const citizensReceivedAreCards = (receptions: ReadonlyArray<Reception.State>): ReadonlyArray<string> => {
  const cards = { total: 0, inPerson: 0, online: 0 }
  const byOfficial = new Map<string, number>()
  for (const r of receptions) {
    if (r._tag !== "ReceptionRecord") continue
    for (const c of r.cards) {
      cards.total++
      if (c.format === "inPerson") cards.inPerson++
      if (c.format === "online") cards.online++
      byOfficial.set(c.official, (byOfficial.get(c.official) ?? 0) + 1)
    }
  }
  const st = Statistics.receptionStatistics(receptions, P.unsafeHorizon(`${P.MIN_YEAR}..${P.MAX_YEAR}`))
  const out: Array<string> = []
  if (cards.total !== st.total) out.push(`citizens received ${st.total} but ${cards.total} reception cards`)
  if (cards.inPerson !== st.inPerson)
    out.push(`citizens received in person ${st.inPerson} but ${cards.inPerson} in-person cards`)
  if (cards.online !== st.online) out.push(`citizens received online ${st.online} but ${cards.online} online cards`)
  const stated = new Map(st.byOfficial.map((o) => [o.official as string, o.total]))
  for (const official of new Set([...byOfficial.keys(), ...stated.keys()])) {
    const n = byOfficial.get(official) ?? 0
    const m = stated.get(official) ?? 0
    if (n !== m) out.push(`citizens received by ${official} ${m} but ${n} of their cards`)
  }
  return out
}

/** An appeal as these invariants see it (the appeals area's registered facts). */
export interface RegisteredAppeal {
  readonly appealId: AppealId
  readonly channel: string
  readonly receptionCard?: ReceptionCardId | undefined
}

/**
 * Across areas: a card answered orally has no oral appeal; any other card
 * has exactly one oral appeal, naming the card, and the card names it back.
 * `complete`: whether every requested appeal should be registered by now
 * (false while the loop is still running).
 */
export const cardsHaveOneOralAppeal = (
  receptions: Iterable<Reception.State>,
  appeals: Iterable<RegisteredAppeal>,
  complete = true
): ReadonlyArray<string> => {
  const byCard = new Map<string, Array<RegisteredAppeal>>()
  for (const a of appeals) {
    if (a.receptionCard === undefined) continue
    byCard.set(a.receptionCard, [...(byCard.get(a.receptionCard) ?? []), a])
  }
  const out: Array<string> = []
  for (const r of receptions) {
    if (r._tag !== "ReceptionRecord") continue
    for (const c of r.cards) {
      const found = byCard.get(c.card) ?? []
      if (c.outcome._tag === "AnsweredOrally") {
        if (found.length > 0) out.push(`card ${c.card} was answered orally but has an oral appeal`)
        continue
      }
      if (found.length > 1) out.push(`card ${c.card} has ${found.length} oral appeals`)
      if (found.some((a) => a.channel !== "oral")) out.push(`card ${c.card} has an appeal not registered as oral`)
      if (complete && (found.length !== 1 || c.outcome.appeal !== found[0]!.appealId))
        out.push(`card ${c.card} is not linked both ways to exactly one oral appeal`)
    }
  }
  return out
}

/** A planned activity as these invariants see it (the planning area's activity). */
export interface PlannedActivity {
  readonly plan: string
  readonly activity: string
  readonly origin: { readonly _tag: string; readonly meeting?: string; readonly question?: string }
  /** The division the activity is planned for, when known: it must be the instruction's. */
  readonly division?: string | undefined
  /** The kind of the plan it is in, when known: it must be `monthly`. */
  readonly planKind?: string | undefined
}

/**
 * Across areas: every instruction has exactly one activity in a monthly
 * plan, whose origin is its meeting and question, planned for the
 * instructed division (when the activity says its division and plan kind),
 * and the instruction names it back. `complete` as in
 * {@link cardsHaveOneOralAppeal}.
 */
export const instructionsHaveOneActivity = (
  meetings: Iterable<Meeting.State>,
  activities: Iterable<PlannedActivity>,
  complete = true
): ReadonlyArray<string> => {
  const byOrigin = new Map<string, Array<PlannedActivity>>()
  for (const a of activities) {
    if (a.origin._tag !== "MeetingQuestion") continue
    const k = `${a.origin.meeting}/${a.origin.question}`
    byOrigin.set(k, [...(byOrigin.get(k) ?? []), a])
  }
  const out: Array<string> = []
  for (const m of meetings) {
    if (m._tag !== "MeetingRecord") continue
    for (const q of m.questions) {
      const found = byOrigin.get(`${m.meeting}/${q.question}`) ?? []
      if (q.disposition?._tag !== "Instructed") {
        if (found.length > 0)
          out.push(`question ${q.question} of meeting ${m.meeting} has an activity but no instruction`)
        continue
      }
      if (found.length > 1) out.push(`instruction ${q.disposition.instruction} has ${found.length} activities`)
      for (const a of found) {
        if (a.division !== undefined && a.division !== q.disposition.division) {
          out.push(
            `instruction ${q.disposition.instruction} to ${q.disposition.division} has activity ${a.activity} of another division (${a.division})`
          )
        }
        if (a.planKind !== undefined && a.planKind !== "monthly")
          out.push(
            `instruction ${q.disposition.instruction} has activity ${a.activity} in a ${a.planKind} plan, not a monthly one`
          )
      }
      const link = q.disposition.activity
      if (
        complete &&
        (found.length !== 1 ||
          link === undefined ||
          link.activity !== found[0]!.activity ||
          link.plan !== found[0]!.plan)
      ) {
        out.push(`instruction ${q.disposition.instruction} is not linked both ways to exactly one activity`)
      }
    }
  }
  return out
}
