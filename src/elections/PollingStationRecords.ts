/**
 * Polling stations as the administration keeps them: one stream per station
 * (category `polling_station`), recorded (or recorded again, replacing the
 * record) and given its responsible officers. The officers are officials
 * of the organisation: the decider is made from the organisation's
 * officials, and an officer who is not one of them — or who is named twice
 * — is a {@link PollingStationRuleViolation} naming the field
 * (`station.officers[1]`, `officers[0]`); nothing is decided then.
 *
 * @example
 * ```ts
 * import { Elections, type Ids } from "cityhall"
 *
 * const definition = Elections.PollingStationRecords.makeDefinition({ officials: ["deputy-1" as Ids.OfficialId] })
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Decider as DeciderShape } from "../kernel/Decider.js"
import { ActorId, OfficialId, PollingStationId } from "../kernel/Ids.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import { PollingStation } from "./PollingStation.js"

// ---- commands and events ----------------------------------------------------

const meta = { at: Instant, actor: ActorId }

/** Records a polling station (again: replaces its record, the id stays). */
export class RecordPollingStation extends Schema.TaggedClass<RecordPollingStation>()("RecordPollingStation", {
  ...meta,
  station: PollingStation
}) {}
/** Gives a recorded station its responsible officers (replacing the previous ones). */
export class AssignStationOfficers extends Schema.TaggedClass<AssignStationOfficers>()("AssignStationOfficers", {
  ...meta,
  id: PollingStationId,
  officers: Schema.Array(OfficialId)
}) {}

/** Every command of a polling station. */
export const Command = Schema.Union(RecordPollingStation, AssignStationOfficers)
/** @see Command */
export type Command = typeof Command.Type

export class PollingStationRecorded extends Schema.TaggedClass<PollingStationRecorded>()("PollingStationRecorded", {
  ...meta,
  station: PollingStation
}) {}
export class StationOfficersAssigned extends Schema.TaggedClass<StationOfficersAssigned>()("StationOfficersAssigned", {
  ...meta,
  id: PollingStationId,
  officers: Schema.Array(OfficialId)
}) {}

/** Every event of a polling station. */
export const Event = Schema.Union(PollingStationRecorded, StationOfficersAssigned)
/** @see Event */
export type Event = typeof Event.Type

// ---- state ------------------------------------------------------------------

/** No station recorded. */
export class Unrecorded extends Schema.TaggedClass<Unrecorded>()("StationUnrecorded", {}) {}
/** A recorded station. */
export class Recorded extends Schema.TaggedClass<Recorded>()("StationRecorded", { station: PollingStation }) {}

/** The state of a station's stream. */
export const State = Schema.Union(Unrecorded, Recorded)
/** @see State */
export type State = typeof State.Type

/** The initial state. */
export const initialState: State = new Unrecorded()

// ---- errors -----------------------------------------------------------------

/** The rules of a station's record. */
export const PollingStationRule = Schema.Literal(
  "officerNotAnOfficial",
  "duplicateOfficer",
  "stationNotRecorded",
  "wrongStation"
)
/** @see PollingStationRule */
export type PollingStationRule = typeof PollingStationRule.Type

/** A command breaks a rule of the station's record; `field` is the path of the offending field of the command. */
export class PollingStationRuleViolation extends Schema.TaggedError<PollingStationRuleViolation>()(
  "PollingStationRuleViolation",
  { rule: PollingStationRule, field: Schema.String, message: Schema.String }
) {}

const violation = (rule: PollingStationRule, field: string, message: string) =>
  new PollingStationRuleViolation({ rule, field, message: `${field}: ${message}` })

// ---- decide and evolve ------------------------------------------------------

/** What the decider checks officers against: the ids of the organisation's officials. */
export interface Settings {
  readonly officials: Iterable<OfficialId>
}

/** The first officer who is not an official, or is named twice, as an error naming the field (`prefix[i]`). */
export const checkOfficers = (
  officials: ReadonlySet<string>,
  officers: ReadonlyArray<OfficialId>,
  prefix: string
): PollingStationRuleViolation | undefined => {
  const seen = new Set<string>()
  for (const [i, o] of officers.entries()) {
    if (!officials.has(o))
      return violation("officerNotAnOfficial", `${prefix}[${i}]`, `${o} is not an official of the organisation`)
    if (seen.has(o)) return violation("duplicateOfficer", `${prefix}[${i}]`, `${o} is named twice`)
    seen.add(o)
  }
  return undefined
}

/** The decider of a station's stream, for the organisation's officials. */
export const decider = (settings: Settings): DeciderShape<Command, Event, State, PollingStationRuleViolation> => {
  const officials = new Set<string>(settings.officials)
  const decide = (c: Command, s: State): Either.Either<ReadonlyArray<Event>, PollingStationRuleViolation> => {
    switch (c._tag) {
      case "RecordPollingStation": {
        if (s._tag === "StationRecorded" && s.station.id !== c.station.id)
          return Either.left(violation("wrongStation", "station.id", `this stream is station ${s.station.id}`))
        const bad = checkOfficers(officials, c.station.officers, "station.officers")
        if (bad !== undefined) return Either.left(bad)
        return Either.right([new PollingStationRecorded({ at: c.at, actor: c.actor, station: c.station })])
      }
      case "AssignStationOfficers": {
        if (s._tag === "StationUnrecorded")
          return Either.left(violation("stationNotRecorded", "id", `station ${c.id} is not recorded`))
        if (s.station.id !== c.id)
          return Either.left(violation("wrongStation", "id", `this stream is station ${s.station.id}`))
        const bad = checkOfficers(officials, c.officers, "officers")
        if (bad !== undefined) return Either.left(bad)
        return Either.right([new StationOfficersAssigned({ at: c.at, actor: c.actor, id: c.id, officers: c.officers })])
      }
    }
  }
  const evolve = (s: State, e: Event): State => {
    switch (e._tag) {
      case "PollingStationRecorded":
        return new Recorded({ station: e.station })
      case "StationOfficersAssigned":
        return s._tag === "StationRecorded"
          ? new Recorded({ station: new PollingStation({ ...s.station, officers: e.officers }) })
          : s
    }
  }
  return { decide, evolve, initialState }
}

/** The aggregate definition of polling stations (one stream per station, its id) for the organisation's officials. */
export const makeDefinition = (settings: Settings) =>
  Aggregate.make({
    category: "polling_station",
    decider: decider(settings),
    eventSchema: Event,
    commandSchema: Command,
    eventType: (e: Event) => e._tag
  })
