/**
 * fast-check arbitraries for information work, methodological support and
 * City Duma support: topic codes from a small realistic pool (so that
 * coverage and collisions happen), publications, hot topics, manuals and
 * parties.
 *
 * @module
 */
import { FastCheck as fc } from "effect"
import type { DivisionId, DocumentId, MunicipalOrganisationId, PublicationId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { HotTopic } from "../information/Coverage.js"
import { CHANNELS, HOT_LINE, Publication, TO_THE_POINT } from "../information/Publication.js"
import type { Channel } from "../information/Publication.js"
import type { TopicCode } from "../information/Topic.js"
import { Manual } from "../methodology/Manual.js"
import type { Party } from "../methodology/Manual.js"

/** Classifier codes at several levels, nested in one another. */
export const TOPIC_POOL: ReadonlyArray<TopicCode> = (
  [
    "0005",
    "0005.0005",
    "0005.0005.0056",
    "0005.0005.0056.1134",
    "0005.0005.0054.1122",
    "0003.0009",
    "0003.0009.0097.0690",
    "0002.0013",
    "0002.0013.0141.0466",
    "0002.0007.0067.0274"
  ] as const
).map((c) => c as TopicCode)

/** A topic code from {@link TOPIC_POOL}. */
export const topicCode: fc.Arbitrary<TopicCode> = fc.constantFrom(...TOPIC_POOL)

/** A day between two days (both included). */
export const dayBetween = (from: Period.Day, to: Period.Day): fc.Arbitrary<Period.Day> =>
  fc.integer({ min: Period.epochDay(from), max: Period.epochDay(to) }).map(Period.fromEpochDay)

/** A division from a small pool. */
export const division: fc.Arbitrary<DivisionId> = fc.constantFrom(
  "city-economy",
  "education",
  "press-service",
  "transport"
) as fc.Arbitrary<DivisionId>

/** A publication with distinct topics, dated between two days. */
export const publication = (options: {
  readonly id: fc.Arbitrary<PublicationId>
  readonly from: Period.Day
  readonly to: Period.Day
}): fc.Arbitrary<Publication> =>
  fc
    .record({
      id: options.id,
      channel: fc.constantFrom<Channel>(...CHANNELS),
      rubric: fc.option(fc.constantFrom(HOT_LINE, TO_THE_POINT, "Новости"), { nil: undefined }),
      date: dayBetween(options.from, options.to),
      title: fc.constantFrom("Когда отремонтируют дворы", "О школьном питании", "Новые маршруты автобусов"),
      topics: fc.uniqueArray(topicCode, { maxLength: 3 }),
      division
    })
    .map(({ rubric, ...p }) => new Publication({ ...p, ...(rubric === undefined ? {} : { rubric }) }))

/** Hot topics with distinct codes. */
export const hotTopics: fc.Arbitrary<ReadonlyArray<HotTopic>> = fc
  .uniqueArray(fc.tuple(topicCode, fc.integer({ min: 0, max: 500 })), { selector: ([c]) => c, maxLength: 6 })
  .map((xs) => xs.map(([code, appeals]) => new HotTopic({ code, appeals })))

/** A party (division or municipal organisation) from a small pool. */
export const party: fc.Arbitrary<Party> = fc.oneof(
  fc.constantFrom("education", "culture").map((id) => ({ _tag: "Division" as const, id: id as DivisionId })),
  fc
    .constantFrom("school-1", "library-3")
    .map((id) => ({ _tag: "Organization" as const, id: id as MunicipalOrganisationId }))
)

/** A manual with the given id, based on distinct parties. */
export const manual = (id: DocumentId): fc.Arbitrary<Manual> =>
  fc
    .record({
      kind: fc.constantFrom("manual" as const, "recommendations" as const),
      basedOn: fc.uniqueArray(party, { minLength: 1, maxLength: 3, selector: (p) => `${p._tag}:${p.id}` }),
      preparedBy: division
    })
    .map(
      ({ basedOn, ...r }) =>
        new Manual({ id, title: "Организация личного приёма", basedOn: [basedOn[0]!, ...basedOn.slice(1)], ...r })
    )
