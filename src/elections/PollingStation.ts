/**
 * Polling stations (избирательные участки): number, address, the premises
 * for voting, the precinct commission, and the administration's officers
 * responsible for it; with a check for stations left without premises or
 * without officers (and numbers used twice).
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections } from "cityhall"
 *
 * const station = Elections.PollingStation.decode({
 *   id: "ps-301", number: 301, address: "ул. Ленина, 1", commission: "pc-301", officers: []
 * })
 * if (Either.isRight(station)) Elections.PollingStation.check([station.right])
 * // [MissingPremises { number: 301 }, MissingOfficers { number: 301 }]
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { CommissionId, OfficialId, PollingStationId } from "../kernel/Ids.js"
import { Text } from "./Election.js"
import { decoder } from "./internal/decode.js"
import { invalid } from "./InvalidElectionInput.js"

/** The premises for voting (помещение для голосования) of a station. 67-FZ art. 61 p. 1 */
export class Premises extends Schema.Class<Premises>("Premises")({
  /** The building, e.g. "МБОУ СОШ № 5, актовый зал". */
  name: Text,
  address: Text
}) {}

/** A polling station. */
export class PollingStation extends Schema.Class<PollingStation>("PollingStation")({
  id: PollingStationId,
  /** The station's number (номер избирательного участка). */
  number: Schema.Int.pipe(Schema.between(1, 99999)),
  address: Text,
  premises: Schema.optionalWith(Premises, { exact: true }),
  commission: CommissionId,
  /** Officials of the administration responsible for the station. */
  officers: Schema.Array(OfficialId)
}) {}

/** Decodes a polling station; a bad field is an {@link InvalidElectionInput} naming it. */
export const decode = decoder(PollingStation, invalid("PollingStation"))

/** A station without premises for voting. */
export class MissingPremises extends Schema.TaggedClass<MissingPremises>()("MissingPremises", {
  station: PollingStationId,
  number: Schema.Int
}) {}

/** A station without a responsible officer. */
export class MissingOfficers extends Schema.TaggedClass<MissingOfficers>()("MissingOfficers", {
  station: PollingStationId,
  number: Schema.Int
}) {}

/** Two stations with the same number. */
export class DuplicateNumber extends Schema.TaggedClass<DuplicateNumber>()("DuplicateNumber", {
  stations: Schema.Array(PollingStationId),
  number: Schema.Int
}) {}

/** A problem found by {@link check}. */
export const StationProblem = Schema.Union(MissingPremises, MissingOfficers, DuplicateNumber)
/** @see StationProblem */
export type StationProblem = typeof StationProblem.Type

/**
 * The problems of a set of stations, by station number: stations without
 * premises, stations without officers, numbers used twice.
 */
export const check = (stations: ReadonlyArray<PollingStation>): ReadonlyArray<StationProblem> => {
  const out: Array<StationProblem> = []
  const sorted = [...stations].sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const byNumber = new Map<number, Array<PollingStationId>>()
  for (const s of sorted) {
    if (s.premises === undefined) out.push(new MissingPremises({ station: s.id, number: s.number }))
    if (s.officers.length === 0) out.push(new MissingOfficers({ station: s.id, number: s.number }))
    const list = byNumber.get(s.number)
    if (list === undefined) byNumber.set(s.number, [s.id])
    else list.push(s.id)
  }
  for (const [number, ids] of byNumber) if (ids.length > 1) out.push(new DuplicateNumber({ stations: ids, number }))
  return out
}
