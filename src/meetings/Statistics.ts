/**
 * Statistics of the meetings area: citizens received per official and in
 * total per period, by format (in person, online), and refusals; meetings
 * held, attendance, questions by topic and by disposition; the change on
 * the previous year.
 *
 * Citizens received are counted from reception cards, one per card, so the
 * counts reconcile with the cards by construction; refusals of a repeat
 * reception are not receptions and are counted apart.
 *
 * @example
 * ```ts
 * import { Meetings } from "cityhall"
 *
 * Meetings.Statistics.changePercent(328, 161) // -50.9: 161 citizens in 2020 against 328 in 2019
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { Percent } from "../appeals/Analysis.js"
import { OfficialId, RecordOf } from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import { Period } from "../kernel/Period.js"
import type * as Meeting from "./Meeting.js"
import { dispositionKind } from "./Meeting.js"
import type * as Reception from "./Reception.js"
import { formatKey } from "./Venue.js"

const Count = Schema.NonNegativeInt

/** Citizens received by one official. */
export class OfficialReceptions extends Schema.Class<OfficialReceptions>("OfficialReceptions")({
  official: OfficialId,
  total: Count,
  inPerson: Count,
  online: Count
}) {}

/** Citizens received in a period. */
export class ReceptionStatistics extends Schema.Class<ReceptionStatistics>("ReceptionStatistics")({
  period: Period,
  /** Citizens received: one per reception card. */
  total: Count,
  inPerson: Count,
  online: Count,
  /** Cards answered orally, and cards that became oral appeals. */
  answeredOrally: Count,
  oralAppeals: Count,
  /** Written appeals handed in at receptions. */
  writtenAppeals: Count,
  /** Repeat receptions refused (not counted as received). */
  refusals: Count,
  /** Per official, ordered by official id. */
  byOfficial: Schema.Array(OfficialReceptions)
}) {}

/** The counts by meeting format. */
export class ByFormat extends Schema.Class<ByFormat>("MeetingsByFormat")({
  inPerson: Count,
  online: Count,
  hybrid: Count
}) {}

/** The questions by disposition (`none`: not yet disposed). */
export class ByDisposition extends Schema.Class<ByDisposition>("QuestionsByDisposition")({
  answeredOnTheSpot: Count,
  instruction: Count,
  appeal: Count,
  none: Count
}) {}

/** Information meetings held in a period. */
export class MeetingStatistics extends Schema.Class<MeetingStatistics>("MeetingStatistics")({
  period: Period,
  held: Count,
  byFormat: ByFormat,
  attendance: Count,
  questions: Count,
  byTopic: RecordOf(Count),
  byDisposition: ByDisposition
}) {}

/** Citizens received in a period, from the reception states. */
export const receptionStatistics = (receptions: Iterable<Reception.State>, period: P.Period): ReceptionStatistics => {
  let total = 0,
    inPerson = 0,
    online = 0,
    answeredOrally = 0,
    oralAppeals = 0,
    writtenAppeals = 0,
    refusals = 0
  const by = new Map<OfficialId, { total: number; inPerson: number; online: number }>()
  for (const r of receptions) {
    if (r._tag !== "ReceptionRecord") continue
    for (const c of r.cards) {
      if (!P.contains(period, c.day)) continue
      total++
      const o = by.get(c.official) ?? { total: 0, inPerson: 0, online: 0 }
      o.total++
      if (c.format === "inPerson") {
        inPerson++
        o.inPerson++
      } else {
        online++
        o.online++
      }
      by.set(c.official, o)
      if (c.outcome._tag === "AnsweredOrally") answeredOrally++
      else oralAppeals++
      writtenAppeals += c.handIns.length
    }
    if (P.contains(period, r.day)) refusals += r.refusals.length
  }
  const byOfficial = [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([official, o]) => new OfficialReceptions({ official, ...o }))
  return new ReceptionStatistics({
    period,
    total,
    inPerson,
    online,
    answeredOrally,
    oralAppeals,
    writtenAppeals,
    refusals,
    byOfficial
  })
}

/** Information meetings held in a period (by the day held), from the meeting states. */
export const meetingStatistics = (meetings: Iterable<Meeting.State>, period: P.Period): MeetingStatistics => {
  let held = 0,
    attendance = 0,
    questions = 0
  const byFormat = { inPerson: 0, online: 0, hybrid: 0 }
  const byDisposition = { answeredOnTheSpot: 0, instruction: 0, appeal: 0, none: 0 }
  const byTopic: Record<string, number> = {}
  for (const m of meetings) {
    if (m._tag !== "MeetingRecord" || m.held === undefined || !P.contains(period, m.held.heldOn)) continue
    held++
    byFormat[formatKey(m.format)]++
    attendance += m.held.attendance.count
    for (const q of m.questions) {
      questions++
      byTopic[q.topic] = (byTopic[q.topic] ?? 0) + 1
      byDisposition[q.disposition === undefined ? "none" : dispositionKind(q.disposition)]++
    }
  }
  return new MeetingStatistics({
    period,
    held,
    byFormat: new ByFormat(byFormat),
    attendance,
    questions,
    byTopic,
    byDisposition: new ByDisposition(byDisposition)
  })
}

/**
 * The change from `previous` to `current` in percent, rounded to one
 * decimal; undefined when `previous` is 0.
 *
 * @example
 * ```ts
 * changePercent(328, 161) // -50.9
 * ```
 */
export const changePercent = (previous: number, current: number): number | undefined =>
  previous === 0 ? undefined : Math.round(((current - previous) / previous) * 1000) / 10 + 0 // + 0: no -0, which JSON cannot carry

/** A figure this period and the same period a year before, with the change. */
export class Change extends Schema.Class<Change>("MeetingsChange")({
  previous: Count,
  current: Count,
  changePercent: Schema.optionalWith(Percent, { exact: true })
}) {}

/** Builds a {@link Change}. */
export const change = (previous: number, current: number): Change => {
  const pct = changePercent(previous, current)
  return new Change({ previous, current, ...(pct === undefined ? {} : { changePercent: pct }) })
}

/** Citizens received compared with the previous year's figures. */
export class ReceptionComparison extends Schema.Class<ReceptionComparison>("ReceptionComparison")({
  total: Change,
  inPerson: Change,
  online: Change
}) {}

/** Compares citizens received in a period with those of a previous period. */
export const compareReceptions = (previous: ReceptionStatistics, current: ReceptionStatistics): ReceptionComparison =>
  new ReceptionComparison({
    total: change(previous.total, current.total),
    inPerson: change(previous.inPerson, current.inPerson),
    online: change(previous.online, current.online)
  })

/** Meetings compared with the previous year's figures. */
export class MeetingComparison extends Schema.Class<MeetingComparison>("MeetingComparison")({
  held: Change,
  attendance: Change,
  questions: Change
}) {}

/** Compares meetings in a period with those of a previous period. */
export const compareMeetings = (previous: MeetingStatistics, current: MeetingStatistics): MeetingComparison =>
  new MeetingComparison({
    held: change(previous.held, current.held),
    attendance: change(previous.attendance, current.attendance),
    questions: change(previous.questions, current.questions)
  })
