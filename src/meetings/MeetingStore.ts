/**
 * The meetings area as it is stored: one stream per reception slot
 * (category `reception`), per information meeting (`meeting`), and one
 * suspension stream per administration (`suspension`, stream
 * {@link suspensionStream}). The reception and meeting deciders close over
 * the suspension periods in force, so their definitions are made from the
 * suspension stream's state ({@link receptionDefinition},
 * {@link meetingDefinition}); the categories are the ones the HTTP adapter
 * uses, so a store written by one is read by the other.
 *
 * @example
 * ```ts
 * import { Meetings, TimeZone } from "cityhall"
 *
 * const suspension = Meetings.MeetingStore.suspensionDefinition(TimeZone.KHABAROVSK)
 * const receptions = Meetings.MeetingStore.receptionDefinition(TimeZone.KHABAROVSK, [])
 * receptions.category // "reception"
 * ```
 *
 * @module
 */
import type { TimeZoneName } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as Meeting from "./Meeting.js"
import * as Reception from "./Reception.js"
import * as Suspension from "./Suspension.js"

/** The stream category of reception slots. */
export const receptionCategory = "reception"
/** The stream category of information meetings. */
export const meetingCategory = "meeting"
/** The stream category of suspensions. */
export const suspensionCategory = "suspension"

/** The id of the administration's suspension stream. */
export const suspensionStream = "administration"

/** The suspension aggregate. */
export const suspensionDefinition = (timeZone: TimeZoneName) =>
  Aggregate.make({
    category: suspensionCategory,
    decider: Suspension.decider({ timeZone }),
    eventSchema: Suspension.Event,
    commandSchema: Suspension.Command,
    eventType: (e: Suspension.Event) => e._tag
  })

/** The reception aggregate under the suspension periods in force. */
export const receptionDefinition = (timeZone: TimeZoneName, suspensions: ReadonlyArray<Suspension.SuspensionPeriod>) =>
  Aggregate.make({
    category: receptionCategory,
    decider: Reception.decider({ timeZone, suspensions }),
    eventSchema: Reception.Event,
    commandSchema: Reception.Command,
    eventType: (e: Reception.Event) => e._tag
  })

/** The meeting aggregate under the suspension periods in force. */
export const meetingDefinition = (timeZone: TimeZoneName, suspensions: ReadonlyArray<Suspension.SuspensionPeriod>) =>
  Aggregate.make({
    category: meetingCategory,
    decider: Meeting.decider({ timeZone, suspensions }),
    eventSchema: Meeting.Event,
    commandSchema: Meeting.Command,
    eventType: (e: Meeting.Event) => e._tag
  })
