/**
 * The adapter between the appeal analysis and the information plan: the
 * month's top topics (`Appeals.Analysis.topTopics`) become its hot topics.
 *
 * @example
 * ```ts
 * import { Appeals, Information, Period } from "cityhall"
 *
 * declare const summaries: ReadonlyArray<Appeals.Analysis.AppealSummary>
 * const march = Appeals.Analysis.analyse(summaries, Period.unsafeMonth("2020-03"), Period.unsafeDay("2020-03-31"))
 * const hot = Information.AppealsAdapter.hotTopicsOf(march, { level: 2, limit: 5 })
 * ```
 *
 * @module
 */
import * as Analysis from "../appeals/Analysis.js"
import type * as Topic from "../appeals/Topic.js"
import { HotTopic } from "./Coverage.js"

/** The hot topics of a month from its top topics (most frequent first, as the analysis orders them). */
export const hotTopicsFrom = (top: ReadonlyArray<Analysis.TopTopic>): ReadonlyArray<HotTopic> =>
  top.map((t) => new HotTopic({ code: t.code, appeals: t.count, ...(t.name === undefined ? {} : { name: t.name }) }))

/** Options of {@link hotTopicsOf}: the classifier level topics are taken at, how many, and the classifier for their names. */
export interface HotTopicOptions {
  readonly level: Topic.TopicLevel
  readonly limit: number
  readonly classifier?: Topic.Classifier
}

/** The hot topics of a month's appeal analysis: its `limit` most frequent main topics at `level`. */
export const hotTopicsOf = (analysis: Analysis.Analysis, options: HotTopicOptions): ReadonlyArray<HotTopic> =>
  hotTopicsFrom(Analysis.topTopics(analysis, options))
