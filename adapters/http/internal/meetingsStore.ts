/**
 * The meetings aggregates as the HTTP server stores them (categories
 * `reception`, `meeting`, `suspension`), until the core ships its own
 * `MeetingStore`: one stream per reception slot, per meeting, and one
 * suspension stream per administration. The reception and meeting deciders
 * close over the suspension periods in force, so their definitions are made
 * per command from the suspension stream's state ({@link receptionDefinition},
 * {@link meetingDefinition}). Two small tables list the slots and meetings
 * by day and official, for the statistics of a period.
 *
 * @internal
 */
import { Schema } from "effect"
import { MeetingId, OfficialId, ReceptionId } from "../../../src/kernel/Ids.js"
import { Day } from "../../../src/kernel/Period.js"
import type { TimeZoneName } from "../../../src/kernel/TimeZone.js"
import * as Meeting from "../../../src/meetings/Meeting.js"
import * as Reception from "../../../src/meetings/Reception.js"
import * as Suspension from "../../../src/meetings/Suspension.js"
import * as Aggregate from "../../../src/ports/Aggregate.js"
import * as Projection from "../../../src/ports/Projection.js"

/** Reception slots by day and official. */
export const Receptions = Projection.table({
  name: "http_receptions",
  schema: Schema.Struct({ reception: ReceptionId, official: OfficialId, day: Day }),
  indexed: ["day", "official"]
})

/** Meetings by day (the scheduled day, or the day held). */
export const Meetings = Projection.table({
  name: "http_meetings",
  schema: Schema.Struct({ meeting: MeetingId, day: Day }),
  indexed: ["day"]
})

const receptionIndex = Projection.make<Reception.Event, Reception.State>({
  name: "http_receptions",
  tables: [Receptions],
  counters: [],
  project: ({ after, envelope }) =>
    after._tag === "ReceptionRecord" && (envelope.event._tag === "ReceptionScheduled" || envelope.event._tag === "ReceptionPostponed")
      ? [Projection.upsert(Receptions, envelope.stream.id, { reception: after.reception, official: after.official, day: after.day })]
      : []
})

const meetingIndex = Projection.make<Meeting.Event, Meeting.State>({
  name: "http_meetings",
  tables: [Meetings],
  counters: [],
  project: ({ after, envelope }) => {
    const e = envelope.event
    if (after._tag !== "MeetingRecord" || (e._tag !== "MeetingScheduled" && e._tag !== "MeetingPostponed" && e._tag !== "MeetingHeld")) return []
    return [Projection.upsert(Meetings, envelope.stream.id, { meeting: after.meeting, day: after.held?.heldOn ?? after.day })]
  }
})

/** The stream id of the administration's suspension stream. */
export const suspensionStream = "administration"

/** The suspension aggregate. */
export const suspensionDefinition = (timeZone: TimeZoneName) =>
  Aggregate.make({
    category: "suspension",
    decider: Suspension.decider({ timeZone }),
    eventSchema: Suspension.Event,
    commandSchema: Suspension.Command,
    eventType: (e: Suspension.Event) => e._tag
  })

/** The reception aggregate under the suspension periods in force. */
export const receptionDefinition = (timeZone: TimeZoneName, suspensions: ReadonlyArray<Suspension.SuspensionPeriod>) =>
  Aggregate.make({
    category: "reception",
    decider: Reception.decider({ timeZone, suspensions }),
    eventSchema: Reception.Event,
    commandSchema: Reception.Command,
    eventType: (e: Reception.Event) => e._tag,
    projections: [receptionIndex]
  })

/** The meeting aggregate under the suspension periods in force. */
export const meetingDefinition = (timeZone: TimeZoneName, suspensions: ReadonlyArray<Suspension.SuspensionPeriod>) =>
  Aggregate.make({
    category: "meeting",
    decider: Meeting.decider({ timeZone, suspensions }),
    eventSchema: Meeting.Event,
    commandSchema: Meeting.Command,
    eventType: (e: Meeting.Event) => e._tag,
    projections: [meetingIndex]
  })
