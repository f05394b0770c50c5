/**
 * Publications in the municipal newspaper and on the administration's
 * internet resources, radio and TV: channel, rubric, date, title, topics
 * (codes of the appeal classifier) and the division that prepared it.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Information } from "cityhall"
 *
 * const p = Schema.decodeUnknownSync(Information.Publication.Publication)({
 *   id: "pub-2020-117", channel: "newspaper", rubric: "Горячая линия", date: "2020-03-12",
 *   title: "Когда отремонтируют дворы", topics: ["0005.0005.0056.1134"], division: "city-economy"
 * })
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { DivisionId, PublicationId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import { Day } from "../kernel/Period.js"
import { TopicCode } from "./Topic.js"

/** Where a publication appeared. */
export const Channel = Schema.Literal("newspaper", "website", "socialNetwork", "radio", "tv")
/** @see Channel */
export type Channel = typeof Channel.Type

/** Every channel, in report order. */
export const CHANNELS: ReadonlyArray<Channel> = ["newspaper", "website", "socialNetwork", "radio", "tv"]

/** A rubric: any non-empty name (the administration creates its own). */
export const Rubric = Name
/** @see Rubric */
export type Rubric = typeof Rubric.Type

/** The rubric «Горячая линия» created by the reference city in 2020. */
export const HOT_LINE: Rubric = "Горячая линия"
/** The rubric «Разговор по существу» created by the reference city in 2020. */
export const TO_THE_POINT: Rubric = "Разговор по существу"

/** A publication. */
export class Publication extends Schema.Class<Publication>("Publication")({
  id: PublicationId,
  channel: Channel,
  /** The rubric it appeared under, if any. */
  rubric: Schema.optionalWith(Rubric, { exact: true }),
  /** The day it appeared (the administration's local day). */
  date: Day,
  title: Name,
  /** Classifier codes of the topics it speaks to (none for, say, greetings). */
  topics: Schema.Array(TopicCode),
  /** The division that prepared it. */
  division: DivisionId
}) {}
