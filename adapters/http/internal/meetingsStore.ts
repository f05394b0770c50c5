/**
 * The meetings aggregates as the HTTP adapter drives them: the core's
 * `Meetings.MeetingRecords` definitions (categories `reception`, `meeting`,
 * `suspension`, with the area's read models), made per command from the
 * suspension periods in force — so a store written over HTTP, by the CLI
 * import or by the demo has the same streams and read models.
 */
import type { TimeZone } from "../../../src/kernel/index.js"
import * as Meetings from "../../../src/meetings/index.js"

/** The stream id of the administration's suspension stream. */
export const suspensionStream = Meetings.MeetingRecords.suspensionStream

/** The suspension aggregate. */
export const suspensionDefinition = (timeZone: TimeZone.TimeZoneName) =>
  Meetings.MeetingRecords.makeSuspensionDefinition(timeZone)

/** The reception aggregate under the suspension periods in force. */
export const receptionDefinition = (
  timeZone: TimeZone.TimeZoneName,
  suspensions: ReadonlyArray<Meetings.Suspension.SuspensionPeriod>
) => Meetings.MeetingRecords.makeReceptionDefinition({ timeZone, suspensions })

/** The meeting aggregate under the suspension periods in force. */
export const meetingDefinition = (
  timeZone: TimeZone.TimeZoneName,
  suspensions: ReadonlyArray<Meetings.Suspension.SuspensionPeriod>
) => Meetings.MeetingRecords.makeMeetingDefinition({ timeZone, suspensions })

/** Reception slots of a period (and official), from the area's read model. */
export const receptionsIn = Meetings.MeetingRecords.receptionsIn
/** Meetings of a period, from the area's read model. */
export const meetingsIn = Meetings.MeetingRecords.meetingsIn
