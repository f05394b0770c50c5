/**
 * Topics of publications: codes of the appeal classifier (the typical
 * all-Russian thematic classifier, `XXXX.XXXX.XXXX.XXXX[.XXXX]`, or any
 * shorter level), and the rule by which a publication's topic covers a hot
 * topic of the month.
 *
 * @example
 * ```ts
 * import { Information } from "cityhall"
 *
 * // a publication on a question of housing covers the hot theme group "housing"
 * Information.Topic.covers("0005.0005.0056.1134" as Information.Topic.TopicCode, "0005.0005" as Information.Topic.TopicCode) // true
 * ```
 *
 * @module
 */
import { Schema } from "effect"

const CODE_RE = /^\d{4}(\.\d{4}){0,4}$/

/**
 * A code of any level of the appeal classifier (1 to 5 groups of four
 * digits). Same brand and form as the appeals area's `TopicCode`.
 */
export const TopicCode = Schema.String.pipe(
  Schema.pattern(CODE_RE, { message: () => "expected a classifier code: 1 to 5 groups of four digits joined by dots" }),
  Schema.brand("TopicCode"),
  Schema.annotations({ identifier: "TopicCode" })
)
/** @see TopicCode */
export type TopicCode = typeof TopicCode.Type

/**
 * Whether a publication on `publicationTopic` covers the hot topic
 * `hotTopic`: the publication's code is the hot topic itself or lies below
 * it in the classifier (a publication on a question covers its theme and
 * theme group). A publication on a broader code (a whole section) does not
 * cover a narrower hot topic: it does not speak to that concern.
 */
export const covers = (publicationTopic: TopicCode, hotTopic: TopicCode): boolean =>
  publicationTopic === hotTopic || publicationTopic.startsWith(`${hotTopic}.`)
