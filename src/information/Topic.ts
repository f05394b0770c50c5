/**
 * Topics of publications: codes of the appeal classifier (the appeals
 * area's `Topic.TopicCode`: the typical
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
import { TopicCode } from "../appeals/Topic.js"

/** A code of any level of the appeal classifier: the appeals area's `TopicCode`. */
export { TopicCode }

/**
 * Whether a publication on `publicationTopic` covers the hot topic
 * `hotTopic`: the publication's code is the hot topic itself or lies below
 * it in the classifier (a publication on a question covers its theme and
 * theme group). A publication on a broader code (a whole section) does not
 * cover a narrower hot topic: it does not speak to that concern.
 */
export const covers = (publicationTopic: TopicCode, hotTopic: TopicCode): boolean =>
  publicationTopic === hotTopic || publicationTopic.startsWith(`${hotTopic}.`)
