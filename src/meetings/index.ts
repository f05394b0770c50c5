/**
 * Meetings with citizens: personal receptions with reception cards (59-FZ
 * art. 13), information meetings with residents, their questions,
 * instructions and minutes, suspension periods, statistics, and the loop
 * back into appeals and plans.
 *
 * @module
 */
export * as Errors from "./Errors.js"
export * as Invariants from "./Invariants.js"
export * as Loop from "./Loop.js"
export * as Meeting from "./Meeting.js"
export * as MeetingRecords from "./MeetingRecords.js"
export * as Reception from "./Reception.js"
export * as Statistics from "./Statistics.js"
export * as Suspension from "./Suspension.js"
export * as Venue from "./Venue.js"
