/**
 * Where and when receptions and information meetings happen: a local time
 * of day, a place (district and address), an online link, the venue of a
 * reception slot (in person or online) and the format of a meeting (in
 * person, online or hybrid).
 *
 * The format rules are in the shapes themselves: an in-person meeting has a
 * place, an online one a link, a hybrid one both, so a missing address or
 * link is a decode error naming the field (`format.place`, `format.link`).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Meetings } from "cityhall"
 *
 * const format = Schema.decodeUnknownSync(Meetings.Venue.MeetingFormat)({
 *   _tag: "Hybrid",
 *   place: { district: "Центральный", address: "ул. Карла Маркса, 66" },
 *   link: "https://example.org/meeting/42"
 * })
 * Meetings.Venue.isInPerson(format) // true: a hybrid meeting has an in-person part
 * ```
 *
 * @module
 */
import { Schema } from "effect"

/** A non-empty trimmed text of at most 2000 characters. */
export const Text = Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(2000))

/** A local time of day `HH:MM` (24 hours), in the administration's time zone. */
export const LocalTime = Schema.String.pipe(
  Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$/, { message: () => "expected a local time HH:MM (00:00..23:59)" }),
  Schema.brand("LocalTime"),
  Schema.annotations({ identifier: "LocalTime" })
)
/** @see LocalTime */
export type LocalTime = typeof LocalTime.Type

/** Minutes since local midnight. */
export const minutesOf = (t: LocalTime): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))

/** An online link: an `http(s)` URL without spaces. */
export const OnlineLink = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/$.?#][^\s]*$/, { message: () => "expected an http(s) link" }),
  Schema.maxLength(2000),
  Schema.brand("OnlineLink"),
  Schema.annotations({ identifier: "OnlineLink" })
)
/** @see OnlineLink */
export type OnlineLink = typeof OnlineLink.Type

/** A place in the city: the district (район) and the address. */
export class Place extends Schema.Class<Place>("Place")({
  district: Text,
  address: Text
}) {}

/** A reception or meeting held in person at a place. */
export class InPerson extends Schema.TaggedClass<InPerson>()("InPerson", { place: Place }) {}
/** A reception or meeting held online, at a link. */
export class Online extends Schema.TaggedClass<Online>()("Online", { link: OnlineLink }) {}
/** A meeting held at a place and streamed at a link at the same time. */
export class Hybrid extends Schema.TaggedClass<Hybrid>()("Hybrid", { place: Place, link: OnlineLink }) {}

/** The venue of a reception slot: in person or online. */
export const ReceptionVenue = Schema.Union(InPerson, Online).annotations({ identifier: "ReceptionVenue" })
/** @see ReceptionVenue */
export type ReceptionVenue = typeof ReceptionVenue.Type

/** The format of an information meeting: in person (a place), online (a link) or hybrid (both). */
export const MeetingFormat = Schema.Union(InPerson, Online, Hybrid).annotations({ identifier: "MeetingFormat" })
/** @see MeetingFormat */
export type MeetingFormat = typeof MeetingFormat.Type

/** The format as a statistics key. */
export const FormatKey = Schema.Literal("inPerson", "online", "hybrid")
/** @see FormatKey */
export type FormatKey = typeof FormatKey.Type

/** The statistics key of a venue or format. */
export const formatKey = (f: MeetingFormat): FormatKey =>
  f._tag === "InPerson" ? "inPerson" : f._tag === "Online" ? "online" : "hybrid"

/** Whether a venue or format has an in-person part (in person or hybrid): suspensions forbid these. */
export const isInPerson = (f: MeetingFormat): boolean => f._tag !== "Online"
