/**
 * Coverage of the month's hot topics: the current issues that worry
 * residents (the top topics of the month's appeal analysis) must each be
 * covered by at least one publication in that month or the next.
 *
 * {@link coverage} splits the hot topics of a month into covered (with the
 * publications that cover them) and uncovered: every hot topic lands in
 * exactly one of the two, in the order given.
 *
 * @example
 * ```ts
 * import { Information, Period } from "cityhall"
 *
 * declare const hot: ReadonlyArray<Information.Coverage.HotTopic>
 * declare const publications: ReadonlyArray<Information.Publication.Publication>
 * const report = Information.Coverage.coverage(Period.unsafeMonth("2020-03"), hot, publications)
 * report.uncovered // the hot topics no publication of March or April spoke to
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { PublicationId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day, Month } from "../kernel/Period.js"
import type { Publication } from "./Publication.js"
import { covers, TopicCode } from "./Topic.js"

/** A hot topic of a month: a classifier code (any level) and the number of appeals on it. */
export class HotTopic extends Schema.Class<HotTopic>("HotTopic")({
  code: TopicCode,
  /** Appeals on the topic in the month. */
  appeals: Schema.NonNegativeInt,
  /** The topic's name in the classifier, when known. */
  name: Schema.optionalWith(Schema.String, { exact: true })
}) {}

/** A covered hot topic and the publications (in the window) that cover it. */
export class CoveredTopic extends Schema.Class<CoveredTopic>("CoveredTopic")({
  topic: HotTopic,
  publications: Schema.NonEmptyArray(PublicationId)
}) {}

/** The coverage of a month's hot topics. */
export class CoverageReport extends Schema.Class<CoverageReport>("CoverageReport")({
  month: Month,
  /** The first and last day a publication may cover the month's topics. */
  from: Day,
  to: Day,
  covered: Schema.Array(CoveredTopic),
  uncovered: Schema.Array(HotTopic)
}) {}

/**
 * The window in which publications cover a month's hot topics: the month
 * and the next one.
 */
export const window = (month: Month): { readonly from: Day; readonly to: Day } => ({
  from: Period.firstDay(month),
  to: Period.lastDay(Period.nextMonth(month))
})

/**
 * Splits a month's hot topics into covered and uncovered by the
 * publications dated in the window (see {@link window}); a publication
 * covers a hot topic when one of its codes is the topic or lies below it
 * (see `Topic.covers`).
 */
export const coverage = (
  month: Month,
  hotTopics: ReadonlyArray<HotTopic>,
  publications: Iterable<Publication>
): CoverageReport => {
  const { from, to } = window(month)
  const inWindow: Array<Publication> = []
  for (const p of publications) if (p.date >= from && p.date <= to) inWindow.push(p)
  inWindow.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const covered: Array<CoveredTopic> = []
  const uncovered: Array<HotTopic> = []
  for (const topic of hotTopics) {
    const ids = inWindow.filter((p) => p.topics.some((t) => covers(t, topic.code))).map((p) => p.id)
    const [first, ...rest] = ids
    if (first === undefined) uncovered.push(topic)
    else covered.push(new CoveredTopic({ topic, publications: [first, ...rest] }))
  }
  return new CoverageReport({ month, from, to, covered, uncovered })
}

/** The counts of a coverage report (they add up: `covered + uncovered = hotTopics`, and likewise for appeals). */
export interface CoverageCounts {
  readonly hotTopics: number
  readonly covered: number
  readonly uncovered: number
  readonly appeals: number
  readonly appealsOnCovered: number
  readonly appealsOnUncovered: number
}

/** The counts of a coverage report. */
export const counts = (r: CoverageReport): CoverageCounts => {
  const sum = (xs: ReadonlyArray<HotTopic>) => xs.reduce((n, t) => n + t.appeals, 0)
  const onCovered = sum(r.covered.map((c) => c.topic)),
    onUncovered = sum(r.uncovered)
  return {
    hotTopics: r.covered.length + r.uncovered.length,
    covered: r.covered.length,
    uncovered: r.uncovered.length,
    appeals: onCovered + onUncovered,
    appealsOnCovered: onCovered,
    appealsOnUncovered: onUncovered
  }
}
