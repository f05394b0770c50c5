/**
 * The recommendations loop closed and measured (issue 20, item 5): the
 * monthly analysis of appeals recommends measures on the topics whose
 * appeals grew (`Appeals.Analysis.recommendations`, reason `topicGrowth`);
 * a division answers with a measure in a monthly plan (an activity whose
 * origin is the recommendation); the report flags a recommendation left
 * without a measure by its deadline, and measures whether the appeals on
 * a topic fell after its measures were done.
 *
 * The definitions (docs/reporting.md, "The recommendations loop"):
 * - **deadline** of a recommendation ({@link deadlineOf}): the last day of
 *   the month after the analysed period (the March analysis's
 *   recommendations are due in a monthly plan by 30 April);
 * - a **measure** ({@link measuresOf}): an activity in force of an opened
 *   monthly plan that existed by the report's day, whose origin is the
 *   recommendation; it **answers in time** when its plan's month begins on
 *   or before the deadline, or when it was done on or before it;
 * - **completion** of a measure: the day of the `Done` its division's
 *   monthly report gave (the latest execution reported), when that day is
 *   on or before the report's day;
 * - a recommendation is **flagged** ({@link follow}, status `missing`) when
 *   its deadline is before the report's day and no measure answers it in
 *   time; `awaiting` while its deadline has not passed, `planned` once a
 *   measure answers in time;
 * - an appeal is **on a topic** when its main topic (its first classifier
 *   code) lies under the topic's code: the code cut to the topic's level
 *   equals it (whole segments: `0005.0005.0056.1134` is on `0005.0005`,
 *   `0005.00051…` could not be).
 *
 * @example
 * ```ts
 * import { Period, Reporting } from "cityhall"
 *
 * Reporting.RecommendationLoop.deadlineOf(Period.unsafeMonth("2020-03")) // "2020-04-30"
 * Reporting.RecommendationLoop.windowOf(Period.unsafeMonth("2020-05"))
 * // { before: ["2020-02", "2020-03", "2020-04"], after: ["2020-06", "2020-07", "2020-08"] }
 * ```
 *
 * @module
 */
import type * as Analysis from "../appeals/Analysis.js"
import * as Topic from "../appeals/Topic.js"
import type { ActivityId, DivisionId, PlanId, RecommendationId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import type { Day, Month } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import * as Plan from "../planning/Plan.js"
import { existedBy } from "./annual/PlanningSection.js"

/** A month `n` months after `m` (before it when `n` is negative). */
export const addMonths = (m: Month, n: number): Month => {
  const index = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}` as Month
}

/**
 * The day by which a recommendation calls for a measure in a monthly plan:
 * the last day of the month after its analysed period.
 *
 * @example
 * ```ts
 * deadlineOf(Period.unsafeMonth("2020-12")) // "2021-01-31"
 * ```
 */
export const deadlineOf = (period: Analysis.AnalysisPeriod): Day =>
  Period.lastDay(addMonths(Period.monthOf(Period.lastDay(period)), 1))

/** A measure planned on a recommendation: an activity of a monthly plan whose origin is the recommendation. */
export interface Measure {
  readonly recommendation: RecommendationId
  readonly plan: PlanId
  /** The month of the monthly plan it is in. */
  readonly month: Month
  readonly activity: ActivityId
  readonly title: string
  readonly division: DivisionId
  /** The day its division's monthly report gave it as done, when that is on or before the report's day. */
  readonly completedOn?: Day
}

/**
 * The measures on recommendations in the plans as of a day: the activities
 * in force of opened monthly plans that existed by the day (created on it
 * or before, the local day in `timeZone`), whose origin is a
 * recommendation; completed when the latest execution reported is `Done`
 * on or before the day.
 */
export const measuresOf = (
  plans: ReadonlyArray<Plan.State>,
  asOf: Day,
  timeZone: TimeZone.TimeZoneName = TimeZone.KHABAROVSK
): ReadonlyArray<Measure> => {
  const out: Array<Measure> = []
  for (const s of plans) {
    if (s._tag !== "Opened" || s.kind !== "monthly" || !existedBy(s, asOf, timeZone)) continue
    const month = Period.monthOf(Period.firstDay(s.period))
    for (const a of Plan.activitiesInForce(s)) {
      if (a._tag !== "Activity" || a.origin._tag !== "Recommendation") continue
      const x = s.executions[a.id]
      const completedOn = x?._tag === "Done" && x.completedOn <= asOf ? x.completedOn : undefined
      out.push({
        recommendation: a.origin.recommendation,
        plan: s.id,
        month,
        activity: a.id,
        title: a.title,
        division: a.division,
        ...(completedOn === undefined ? {} : { completedOn })
      })
    }
  }
  return out
}

/** Where a recommendation stands as of a day: answered in time, its deadline not passed yet, or flagged. */
export type Status = "planned" | "awaiting" | "missing"

/** A recommendation followed to its measures. */
export interface Followed {
  readonly recommendation: Analysis.Recommendation
  readonly deadline: Day
  readonly status: Status
  /** Every measure linked to it, in time or not. */
  readonly measures: ReadonlyArray<Measure>
}

/** Whether a measure answers a recommendation due on `deadline` in time. */
export const inTime = (m: Measure, deadline: Day): boolean =>
  Period.firstDay(m.month) <= deadline || (m.completedOn !== undefined && m.completedOn <= deadline)

/**
 * Each recommendation with its deadline, its measures and its status as of
 * `asOf`: `planned` when a measure answers it in time ({@link inTime}),
 * `missing` (flagged) when its deadline is before `asOf` and none does,
 * `awaiting` otherwise. In the order given.
 */
export const follow = (
  recommendations: ReadonlyArray<Analysis.Recommendation>,
  measures: ReadonlyArray<Measure>,
  asOf: Day
): ReadonlyArray<Followed> => {
  const byRecommendation = new Map<string, Array<Measure>>()
  for (const m of measures) {
    const list = byRecommendation.get(m.recommendation)
    if (list === undefined) byRecommendation.set(m.recommendation, [m])
    else list.push(m)
  }
  return recommendations.map((r) => {
    const deadline = deadlineOf(r.period)
    const linked = byRecommendation.get(r.id) ?? []
    const status: Status = linked.some((m) => inTime(m, deadline))
      ? "planned"
      : deadline < asOf
        ? "missing"
        : "awaiting"
    return { recommendation: r, deadline, status, measures: linked }
  })
}

/** The flagged recommendations: those whose deadline passed as of the day with no measure in time. */
export const flagged = <F extends Followed>(followed: ReadonlyArray<F>): ReadonlyArray<F> =>
  followed.filter((f) => f.status === "missing")

/** Whether an appeal's main topic lies under a topic's code (whole classifier segments). */
export const onTopic = (mainTopic: Topic.TopicCode, topic: Topic.TopicCode): boolean => {
  const level = Topic.levelOf(topic)
  return Topic.levelOf(mainTopic) >= level && Topic.atLevel(mainTopic, level) === topic
}

/** The three months before a month and the three after it (the month itself in neither). */
export const windowOf = (
  month: Month
): { readonly before: ReadonlyArray<Month>; readonly after: ReadonlyArray<Month> } => ({
  before: [addMonths(month, -3), addMonths(month, -2), addMonths(month, -1)],
  after: [addMonths(month, 1), addMonths(month, 2), addMonths(month, 3)]
})

/** The appeals on a topic before and after the completion of its measures, with the same months a year earlier. */
export interface TopicEffect {
  readonly topic: Topic.TopicCode
  /** The measures on the topic completed by the report's day. */
  readonly measuresDone: number
  /** The month of the completion measured: the earliest completion whose months the analyses cover. */
  readonly completedIn: Month
  readonly before: number
  readonly after: number
  /** The same three months before, a year earlier. */
  readonly baselineBefore: number
  /** The same three months after, a year earlier. */
  readonly baselineAfter: number
}

/**
 * For each topic with measures done, the appeals on it in the three months
 * before and the three after the month its measure was completed, and in
 * the same months of the previous year. The appeals are counted from the
 * monthly analyses given (`byTopic`: the main topic of every appeal
 * registered in the month); the completion measured is the topic's earliest
 * one whose twelve months all have an analysis and whose last month after
 * has ended by `asOf` (a topic with none is left out). A measure's topic is
 * its recommendation's (`topicOf`; a measure whose recommendation is
 * unknown is left out). Topics in code order.
 */
export const effects = (
  months: ReadonlyArray<Analysis.Analysis>,
  measures: ReadonlyArray<Measure>,
  topicOf: (recommendation: RecommendationId) => Topic.TopicCode | undefined,
  asOf: Day
): ReadonlyArray<TopicEffect> => {
  const byMonth = new Map<string, Analysis.Analysis>()
  for (const a of months) if (Period.kindOf(a.period) === "month") byMonth.set(a.period, a)
  const count = (topic: Topic.TopicCode, ms: ReadonlyArray<Month>): number => {
    let n = 0
    for (const m of ms)
      for (const [code, k] of Object.entries(byMonth.get(m)?.byTopic ?? {}))
        if (onTopic(code as Topic.TopicCode, topic)) n += k
    return n
  }
  const covered = (m: Month): boolean => {
    const w = windowOf(m)
    const all = [...w.before, ...w.after]
    return Period.lastDay(w.after[2]!) <= asOf && all.every((x) => byMonth.has(x) && byMonth.has(addMonths(x, -12)))
  }
  const done = new Map<string, Array<Day>>()
  for (const m of measures) {
    const topic = topicOf(m.recommendation)
    if (topic === undefined || m.completedOn === undefined) continue
    const list = done.get(topic)
    if (list === undefined) done.set(topic, [m.completedOn])
    else list.push(m.completedOn)
  }
  const out: Array<TopicEffect> = []
  for (const topic of [...done.keys()].sort()) {
    const days = done.get(topic)!
    const measured = [...new Set(days.map(Period.monthOf))].sort().find(covered)
    if (measured === undefined) continue
    const w = windowOf(measured)
    const yearBefore = (ms: ReadonlyArray<Month>) => ms.map((m) => addMonths(m, -12))
    const code = topic as Topic.TopicCode
    out.push({
      topic: code,
      measuresDone: days.length,
      completedIn: measured,
      before: count(code, w.before),
      after: count(code, w.after),
      baselineBefore: count(code, yearBefore(w.before)),
      baselineAfter: count(code, yearBefore(w.after))
    })
  }
  return out
}

/** The topic of each recommendation, by id (to find a measure's topic). */
export const topicsById = (
  recommendations: Iterable<Analysis.Recommendation>
): ((id: RecommendationId) => Topic.TopicCode | undefined) => {
  const m = new Map<string, Topic.TopicCode>()
  for (const r of recommendations) m.set(r.id, r.topic)
  return (id) => m.get(id)
}
