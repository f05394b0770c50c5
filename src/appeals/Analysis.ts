/**
 * The monthly analysis of appeals, as pure functions over appeal summaries
 * (the ports area feeds them from storage): counts by channel, addressee,
 * division, topic (any level), kind, type, outcome and result; on-time and
 * overdue counts; the change against the same period of the previous year;
 * the top topics; and recommendations to divisions.
 *
 * An appeal belongs to the period in which it was registered; its
 * timeliness is judged as of a given day. Counts are additive: the analysis
 * of a quarter or a year equals the {@link combine} of its months, and every
 * breakdown adds up to the total (topics count the main topic, the first
 * code of an appeal).
 *
 * @example
 * ```ts
 * import { Appeals, Period } from "cityhall"
 *
 * Appeals.Analysis.changePercent(11072, 11384) // 2.8
 * declare const summaries: ReadonlyArray<Appeals.Analysis.AppealSummary>
 * const march = Appeals.Analysis.analyse(summaries, Period.unsafeMonth("2020-03"), Period.unsafeDay("2020-12-31"))
 * Appeals.Analysis.topTopics(march, { level: 2, limit: 5 })
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { AppealId, DivisionId, RecommendationId, RecordOf } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import { addresseeKey, Addressee, AppealType, Channel, Kind, Outcome, QuestionResults, Result } from "./Appeal.js"
import { closedLate, dueFor, noticesLate } from "./AppealState.js"
import type { AppealState } from "./AppealState.js"
import * as Topic from "./Topic.js"
import { AppealTopicCode, TopicCode } from "./Topic.js"

/** What the analysis needs of an appeal (no personal data). */
export class AppealSummary extends Schema.Class<AppealSummary>("AppealSummary")({
  appealId: AppealId,
  registeredOn: Day,
  channel: Channel,
  kind: Kind,
  type: AppealType,
  addressee: Addressee,
  division: Schema.optionalWith(DivisionId, { exact: true }),
  topics: Schema.NonEmptyArray(AppealTopicCode),
  answerDue: Day,
  outcome: Schema.optionalWith(Outcome, { exact: true }),
  result: Schema.optionalWith(Result, { exact: true }),
  /** Results of single questions that differ from `result` (an answer on the merits only). */
  questionResults: Schema.optionalWith(QuestionResults, { exact: true }),
  closedOn: Schema.optionalWith(Day, { exact: true }),
  /**
   * Whether it was closed late: after the due date of its outcome, or with a
   * notice to the applicant sent after its due date (a late notice is a
   * violation counted like a late answer).
   */
  closedLate: Schema.optionalWith(Schema.Boolean, { exact: true }),
  /** The notices sent after their due date, when there are any. */
  lateNotices: Schema.optionalWith(Schema.NonNegativeInt, { exact: true })
}) {}

/**
 * The fields of a registered appeal's summary as plain data, read from a
 * state whose fields are already valid (decided or decoded): the summary and
 * the appeals' stored rows (`AppealRecords.rowOf`) are both built from it.
 */
export const summaryFields = (
  s: Exclude<AppealState, { readonly _tag: "Unregistered" }>
): typeof AppealSummary.Type => {
  const a = s.appeal
  const division = s._tag === "Registered" ? undefined : s.division
  const late = s.notices.length === 0 ? 0 : noticesLate(s).length
  return {
    appealId: a.appealId,
    registeredOn: a.registeredOn,
    channel: a.channel,
    kind: a.kind,
    type: a.type,
    addressee: a.addressee,
    ...(division === undefined ? {} : { division }),
    topics: a.topics,
    answerDue: s._tag === "Closed" ? dueFor(s.dues, s.outcome) : s.dues.answer,
    ...(late > 0 ? { lateNotices: late } : {}),
    ...(s._tag === "Closed"
      ? {
          outcome: s.outcome,
          closedOn: s.closedOn,
          closedLate: closedLate(s) || late > 0,
          ...(s.result === undefined ? {} : { result: s.result }),
          ...(s.questionResults === undefined ? {} : { questionResults: s.questionResults })
        }
      : {})
  }
}

/** The summary of a registered appeal's state (none before registration). */
export const summarise = (s: AppealState): AppealSummary | undefined =>
  // no second validation of valid fields, which cost seconds per import of 10^4 appeals
  s._tag === "Unregistered" ? undefined : new AppealSummary(summaryFields(s), true)

/** Timeliness as of a day: closed on time, closed late, open and overdue, open and not yet due. */
export const Timeliness = Schema.Literal("onTime", "late", "overdue", "pending")
/** @see Timeliness */
export type Timeliness = typeof Timeliness.Type

/** The timeliness of an appeal as of a day. */
export const timeliness = (a: AppealSummary, asOf: Day): Timeliness =>
  a.outcome !== undefined && a.closedOn !== undefined && a.closedOn <= asOf
    ? a.closedLate === true
      ? "late"
      : "onTime"
    : asOf > a.answerDue
      ? "overdue"
      : "pending"

/** Counters keyed by a dimension's value. */
export const Counts = RecordOf(Schema.NonNegativeInt)
/** @see Counts */
export type Counts = typeof Counts.Type

/** The key of appeals without a division, without an outcome (still open), and so on. */
export const NONE = "none"
/** The outcome key of appeals still open. */
export const OPEN = "open"

/** A period the analysis covers. */
export const AnalysisPeriod = Schema.Union(Period.Month, Period.Quarter, Period.Year)
/** @see AnalysisPeriod */
export type AnalysisPeriod = typeof AnalysisPeriod.Type

/** The analysis of a period as of a day. */
export class Analysis extends Schema.Class<Analysis>("Analysis")({
  period: AnalysisPeriod,
  asOf: Day,
  total: Schema.NonNegativeInt,
  byChannel: Counts,
  byAddressee: Counts,
  byDivision: Counts,
  /** By main topic, at the finest level; see {@link byTopicAt} for any level. */
  byTopic: Counts,
  byKind: Counts,
  byType: Counts,
  /** By final outcome (`open` for appeals not closed as of the day). */
  byOutcome: Counts,
  /** By result of an answer on the merits (`none` for every other appeal). */
  byResult: Counts,
  byTimeliness: Counts,
  /** Keyed `division|topic` (main topic, finest level). */
  byDivisionTopic: Counts,
  /** Keyed `division|timeliness`. */
  byDivisionTimeliness: Counts,
  /** Keyed `division|topic|timeliness` (main topic, finest level): where a division missed its deadlines. */
  byDivisionTopicTimeliness: Counts
}) {}

/** The dimensions of an analysis that partition its appeals. */
export const DIMENSIONS = [
  "byChannel",
  "byAddressee",
  "byDivision",
  "byTopic",
  "byKind",
  "byType",
  "byOutcome",
  "byResult",
  "byTimeliness",
  "byDivisionTopic",
  "byDivisionTimeliness",
  "byDivisionTopicTimeliness"
] as const
/** @see DIMENSIONS */
export type Dimension = (typeof DIMENSIONS)[number]

const bump = (c: Record<string, number>, k: string, n = 1) => {
  c[k] = (c[k] ?? 0) + n
}

const emptyCounts = (): Record<Dimension, Record<string, number>> => ({
  byChannel: {},
  byAddressee: {},
  byDivision: {},
  byTopic: {},
  byKind: {},
  byType: {},
  byOutcome: {},
  byResult: {},
  byTimeliness: {},
  byDivisionTopic: {},
  byDivisionTimeliness: {},
  byDivisionTopicTimeliness: {}
})

const sorted = (c: Record<string, number>): Counts => {
  const out: Record<string, number> = {}
  for (const k of Object.keys(c).sort()) out[k] = c[k]!
  return out
}

const build = (
  period: AnalysisPeriod,
  asOf: Day,
  total: number,
  c: Record<Dimension, Record<string, number>>
): Analysis => {
  const props: Record<string, Counts> = {}
  for (const d of DIMENSIONS) props[d] = sorted(c[d])
  return new Analysis({ period, asOf, total, ...(props as Record<Dimension, Counts>) })
}

/** The analysis of the appeals registered in a period, with timeliness and outcomes as of `asOf`. */
export const analyse = (appeals: Iterable<AppealSummary>, period: AnalysisPeriod, asOf: Day): Analysis => {
  const from = Period.firstDay(period),
    to = Period.lastDay(period)
  const c = emptyCounts()
  let total = 0
  for (const a of appeals) {
    if (a.registeredOn < from || a.registeredOn > to) continue
    total++
    const division = a.division ?? NONE
    const topic = a.topics[0]
    const closed = a.outcome !== undefined && a.closedOn !== undefined && a.closedOn <= asOf
    const t = timeliness(a, asOf)
    bump(c.byChannel, a.channel)
    bump(c.byAddressee, addresseeKey(a.addressee))
    bump(c.byDivision, division)
    bump(c.byTopic, topic)
    bump(c.byKind, a.kind)
    bump(c.byType, a.type)
    bump(c.byOutcome, closed ? a.outcome! : OPEN)
    bump(c.byResult, closed && a.result !== undefined ? a.result : NONE)
    bump(c.byTimeliness, t)
    bump(c.byDivisionTopic, `${division}|${topic}`)
    bump(c.byDivisionTimeliness, `${division}|${t}`)
    bump(c.byDivisionTopicTimeliness, `${division}|${topic}|${t}`)
  }
  return build(period, asOf, total, c)
}

/** Adds analyses (of the months of a quarter or year, say) into the analysis of `period`. */
export const combine = (period: AnalysisPeriod, asOf: Day, parts: ReadonlyArray<Analysis>): Analysis => {
  const c = emptyCounts()
  let total = 0
  for (const p of parts) {
    total += p.total
    for (const d of DIMENSIONS) for (const [k, n] of Object.entries(p[d])) bump(c[d], k, n)
  }
  return build(period, asOf, total, c)
}

/** Counts by main topic at a level of the classifier (1 section ... 5 sub-question). */
export const byTopicAt = (a: Analysis, level: Topic.TopicLevel): Counts => {
  const c: Record<string, number> = {}
  for (const [k, n] of Object.entries(a.byTopic)) bump(c, Topic.atLevel(k as TopicCode, level), n)
  return sorted(c)
}

/**
 * The change from `previous` to `current` in percent, rounded to one decimal
 * (half away from zero); undefined when `previous` is 0.
 *
 * @example
 * ```ts
 * changePercent(11072, 11384) // 2.8
 * ```
 */
export const changePercent = (previous: number, current: number): number | undefined => {
  if (previous === 0) return undefined
  const tenths = ((current - previous) * 1000) / previous
  const r = Math.sign(tenths) * Math.round(Math.abs(tenths))
  return r / 10 + 0
}

/** A change in percent with one decimal (finite; never -0). */
export const Percent = Schema.Finite.pipe(
  Schema.annotations({
    identifier: "Percent",
    arbitrary: () => (fc) => fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 10 + 0)
  })
)

/** A figure this period and in the same period of the previous year. */
export class Change extends Schema.Class<Change>("Change")({
  current: Schema.NonNegativeInt,
  previous: Schema.NonNegativeInt,
  changePercent: Schema.optionalWith(Percent, { exact: true })
}) {}

const change = (previous: number, current: number): Change => {
  const p = changePercent(previous, current)
  return new Change({ current, previous, ...(p === undefined ? {} : { changePercent: p }) })
}

/** Year-on-year comparison of two analyses: the total and every key of a dimension. */
export class Comparison extends Schema.Class<Comparison>("Comparison")({
  period: AnalysisPeriod,
  previousPeriod: AnalysisPeriod,
  total: Change,
  byChannel: RecordOf(Change),
  byTopicSection: RecordOf(Change)
}) {}

const changes = (prev: Counts, cur: Counts) => {
  const out: Record<string, Change> = {}
  for (const k of [...new Set([...Object.keys(prev), ...Object.keys(cur)])].sort())
    out[k] = change(prev[k] ?? 0, cur[k] ?? 0)
  return out
}

/** Compares an analysis with the analysis of the same period of the previous year. */
export const compare = (current: Analysis, previous: Analysis): Comparison =>
  new Comparison({
    period: current.period,
    previousPeriod: previous.period,
    total: change(previous.total, current.total),
    byChannel: changes(previous.byChannel, current.byChannel),
    byTopicSection: changes(byTopicAt(previous, 1), byTopicAt(current, 1))
  })

/** The period one year before (`2020-03` -> `2019-03`). */
export const previousYearOf = (p: AnalysisPeriod): AnalysisPeriod => Period.samePeriodPreviousYear(p)

/** A topic's count in the top list. */
export interface TopTopic {
  readonly code: TopicCode
  readonly name: string | undefined
  readonly count: number
}

/** The most frequent main topics at a level, most frequent first (ties by code). */
export const topTopics = (
  a: Analysis,
  options: { readonly level: Topic.TopicLevel; readonly limit: number; readonly classifier?: Topic.Classifier }
): ReadonlyArray<TopTopic> =>
  Object.entries(byTopicAt(a, options.level))
    .sort(([ka, a1], [kb, b1]) => b1 - a1 || (ka < kb ? -1 : 1))
    .slice(0, Math.max(0, options.limit))
    .map(([code, count]) => ({
      code: code as TopicCode,
      name: Topic.nameOf(options.classifier ?? Topic.typical, code as TopicCode),
      count
    }))

/** Why a recommendation is made. */
export const RecommendationReason = Schema.Literal("topicGrowth", "missedDeadlines")
/** @see RecommendationReason */
export type RecommendationReason = typeof RecommendationReason.Type

/**
 * A recommendation to a division from the analysis: the topic whose appeals
 * grew, or the topic on which it missed deadlines, with the figures. The id is stable (the
 * same analysis gives the same ids), so the planning area can refer to it
 * when it turns a recommendation into a planned measure.
 */
export class Recommendation extends Schema.Class<Recommendation>("Recommendation")({
  id: RecommendationId,
  period: AnalysisPeriod,
  division: DivisionId,
  reason: RecommendationReason,
  /** The topic (at the configured level). */
  topic: TopicCode,
  /** Appeals on the topic this period (`topicGrowth`) or those of them closed late or overdue (`missedDeadlines`). */
  current: Schema.NonNegativeInt,
  /** The same figure in the same period of the previous year. */
  previous: Schema.NonNegativeInt,
  changePercent: Schema.optionalWith(Percent, { exact: true })
}) {}

/** What a municipality tunes in its recommendations. */
export interface RecommendationOptions {
  /** Growth on a topic (percent over the same period of the previous year) beyond which a division gets a recommendation. Default 10. */
  readonly growthThresholdPercent?: number
  /** The fewest appeals on a topic this period worth a recommendation (avoids noise; also applies to new topics). Default 5. */
  readonly minimumCount?: number
  /** The classifier level topics are compared at. Default 2 (theme group). */
  readonly topicLevel?: Topic.TopicLevel
  /** The fewest appeals on a topic closed late or overdue worth a recommendation. Default 1. */
  readonly minimumMissed?: number
}

const fnv1a = (s: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, "0")
}

/** The stable id of a recommendation: `rec:<period>:<division>:<reason>:<topic>`, hashed when longer than an id may be. */
export const recommendationId = (
  period: AnalysisPeriod,
  division: DivisionId,
  reason: RecommendationReason,
  topic: TopicCode
): RecommendationId => {
  const raw = `rec:${period}:${division}:${reason}:${topic}`
  return (raw.length <= 128 ? raw : `rec:${period}:${reason}:${fnv1a(raw)}`) as RecommendationId
}

const splitKey = (k: string): [string, string] => {
  const i = k.lastIndexOf("|")
  return [k.slice(0, i), k.slice(i + 1)]
}

/**
 * Recommendations from an analysis and the analysis of the same period of
 * the previous year: for each division whose appeals on a topic grew beyond
 * the threshold, and for each division and topic on which the division
 * missed deadlines (appeals closed late or overdue as of the day).
 */
export const recommendations = (
  current: Analysis,
  previous: Analysis,
  options: RecommendationOptions = {}
): ReadonlyArray<Recommendation> => {
  const threshold = options.growthThresholdPercent ?? 10
  const minimum = options.minimumCount ?? 5
  const level = options.topicLevel ?? 2
  const minimumMissed = options.minimumMissed ?? 1
  const atLevel = (c: Counts) => {
    const out: Record<string, number> = {}
    for (const [k, n] of Object.entries(c)) {
      const [division, topic] = splitKey(k)
      if (division !== NONE) bump(out, `${division}|${Topic.atLevel(topic as TopicCode, level)}`, n)
    }
    return out
  }
  const cur = atLevel(current.byDivisionTopic),
    prev = atLevel(previous.byDivisionTopic)
  const out: Array<Recommendation> = []
  for (const k of Object.keys(cur).sort()) {
    const n = cur[k]!,
      p = prev[k] ?? 0
    const pct = changePercent(p, n)
    if (n >= minimum && (pct === undefined || pct > threshold)) {
      const [division, topic] = splitKey(k) as [DivisionId, TopicCode]
      out.push(
        new Recommendation({
          id: recommendationId(current.period, division, "topicGrowth", topic),
          period: current.period,
          division,
          reason: "topicGrowth",
          topic,
          current: n,
          previous: p,
          ...(pct === undefined ? {} : { changePercent: pct })
        })
      )
    }
  }
  // keyed division|topic at the level: appeals closed late or overdue
  const missed = (c: Counts) => {
    const m: Record<string, number> = {}
    for (const [k, n] of Object.entries(c)) {
      const [divisionTopic, t] = splitKey(k)
      const [division, topic] = splitKey(divisionTopic)
      if (division !== NONE && (t === "late" || t === "overdue"))
        bump(m, `${division}|${Topic.atLevel(topic as TopicCode, level)}`, n)
    }
    return m
  }
  const mc = missed(current.byDivisionTopicTimeliness),
    mp = missed(previous.byDivisionTopicTimeliness)
  for (const k of Object.keys(mc).sort()) {
    const n = mc[k]!,
      p = mp[k] ?? 0
    if (n >= minimumMissed) {
      const pct = changePercent(p, n)
      const [division, topic] = splitKey(k) as [DivisionId, TopicCode]
      out.push(
        new Recommendation({
          id: recommendationId(current.period, division, "missedDeadlines", topic),
          period: current.period,
          division,
          reason: "missedDeadlines",
          topic,
          current: n,
          previous: p,
          ...(pct === undefined ? {} : { changePercent: pct })
        })
      )
    }
  }
  return out
}
