/**
 * The adapter between the appeal analysis and the information plan: the
 * month's top topics become its hot topics.
 *
 * @example
 * ```ts
 * import { Information } from "cityhall"
 *
 * Information.AppealsAdapter.hotTopicsFrom([{ code: "0005.0005", name: "Жилище", count: 412 }])
 * ```
 *
 * @module
 */
import { HotTopic } from "./Coverage.js"
import type { TopicCode } from "./Topic.js"

/** What the analysis gives of a top topic (the shape of the appeals area's `TopTopic`). */
export interface TopTopicLike {
  readonly code: TopicCode
  readonly name: string | undefined
  readonly count: number
}

/** The hot topics of a month from its top topics (most frequent first, as the analysis orders them). */
export const hotTopicsFrom = (top: ReadonlyArray<TopTopicLike>): ReadonlyArray<HotTopic> =>
  top.map((t) => new HotTopic({ code: t.code, appeals: t.count, ...(t.name === undefined ? {} : { name: t.name }) }))
