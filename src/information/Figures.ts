/**
 * Figures of information work for the annual report: publications by
 * channel, by rubric, by channel and rubric, by division, and the hot topics
 * covered and uncovered over the year's closed monthly plans.
 *
 * Every breakdown adds up to the total.
 *
 * @example
 * ```ts
 * import { Information, Period } from "cityhall"
 *
 * declare const publications: ReadonlyArray<Information.Publication.Publication>
 * declare const reports: ReadonlyArray<Information.Coverage.CoverageReport>
 * const f = Information.Figures.annual(Period.unsafeYear("2020"), publications, reports)
 * f.byRubric["Горячая линия"]
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import * as Period from "../kernel/Period.js"
import { Year } from "../kernel/Period.js"
import { RecordOf } from "../kernel/Ids.js"
import type { CoverageReport } from "./Coverage.js"
import type { Publication } from "./Publication.js"

/** Counters keyed by a dimension's value. */
export const Counts = RecordOf(Schema.NonNegativeInt)
/** @see Counts */
export type Counts = typeof Counts.Type

/** The key of publications without a rubric. */
export const NO_RUBRIC = "none"

/** Hot topics over a year's monthly plans. */
export class HotTopicFigures extends Schema.Class<HotTopicFigures>("HotTopicFigures")({
  /** Monthly plans closed (reports counted). */
  months: Schema.NonNegativeInt,
  hotTopics: Schema.NonNegativeInt,
  covered: Schema.NonNegativeInt,
  uncovered: Schema.NonNegativeInt
}) {}

/** The year's figures of information work. */
export class AnnualFigures extends Schema.Class<AnnualFigures>("InformationAnnualFigures")({
  year: Year,
  publications: Schema.NonNegativeInt,
  byChannel: Counts,
  byRubric: Counts,
  /** Keyed `channel|rubric`. */
  byChannelRubric: Counts,
  byDivision: Counts,
  hotTopics: HotTopicFigures
}) {}

const bump = (c: Record<string, number>, k: string) => {
  c[k] = (c[k] ?? 0) + 1
}
const sorted = (c: Record<string, number>): Counts => {
  const out: Record<string, number> = {}
  for (const k of Object.keys(c).sort()) out[k] = c[k]!
  return out
}

/**
 * The figures of a year: the publications dated in it, and the coverage
 * reports of its months (reports of other years are ignored).
 */
export const annual = (
  year: Year,
  publications: Iterable<Publication>,
  reports: Iterable<CoverageReport>
): AnnualFigures => {
  const byChannel: Record<string, number> = {},
    byRubric: Record<string, number> = {}
  const byChannelRubric: Record<string, number> = {},
    byDivision: Record<string, number> = {}
  let total = 0
  for (const p of publications) {
    if (!Period.contains(year, p.date)) continue
    total++
    const rubric = p.rubric ?? NO_RUBRIC
    bump(byChannel, p.channel)
    bump(byRubric, rubric)
    bump(byChannelRubric, `${p.channel}|${rubric}`)
    bump(byDivision, p.division)
  }
  let months = 0,
    covered = 0,
    uncovered = 0
  for (const r of reports) {
    if (Period.yearOf(r.month) !== year) continue
    months++
    covered += r.covered.length
    uncovered += r.uncovered.length
  }
  return new AnnualFigures({
    year,
    publications: total,
    byChannel: sorted(byChannel),
    byRubric: sorted(byRubric),
    byChannelRubric: sorted(byChannelRubric),
    byDivision: sorted(byDivision),
    hotTopics: new HotTopicFigures({ months, hotTopics: covered + uncovered, covered, uncovered })
  })
}
