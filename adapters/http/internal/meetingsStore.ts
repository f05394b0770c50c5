/**
 * The meetings aggregates as the HTTP adapter drives them: the core's
 * `Meetings.MeetingRecords` definitions (categories `reception`, `meeting`,
 * `suspension`, with the area's read models), made per command from the
 * suspension periods in force — so a store written over HTTP, by the CLI
 * import or by the demo has the same streams and read models.
 */
import type { TimeZoneName } from "../../../src/kernel/TimeZone.js"
import * as MeetingRecords from "../../../src/meetings/MeetingRecords.js"
import type * as Suspension from "../../../src/meetings/Suspension.js"

/** The stream id of the administration's suspension stream. */
export const suspensionStream = MeetingRecords.suspensionStream

/** The suspension aggregate. */
export const suspensionDefinition = (timeZone: TimeZoneName) => MeetingRecords.makeSuspensionDefinition(timeZone)

/** The reception aggregate under the suspension periods in force. */
export const receptionDefinition = (timeZone: TimeZoneName, suspensions: ReadonlyArray<Suspension.SuspensionPeriod>) =>
  MeetingRecords.makeReceptionDefinition({ timeZone, suspensions })

/** The meeting aggregate under the suspension periods in force. */
export const meetingDefinition = (timeZone: TimeZoneName, suspensions: ReadonlyArray<Suspension.SuspensionPeriod>) =>
  MeetingRecords.makeMeetingDefinition({ timeZone, suspensions })

/** Reception slots of a period (and official), from the area's read model. */
export const receptionsIn = MeetingRecords.receptionsIn
/** Meetings of a period, from the area's read model. */
export const meetingsIn = MeetingRecords.meetingsIn
