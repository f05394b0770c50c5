/**
 * The elections area: elections and voting days, calendar rules counted by
 * 67-FZ art. 11.1 with their Russian wordings, the administration's tasks
 * and their template, one merged calendar for concurrent elections,
 * compliance, polling stations, and the election calendar's decider.
 *
 * @module
 */
export * as Compliance from "./Compliance.js"
export * as Election from "./Election.js"
export * as ElectionCalendar from "./ElectionCalendar.js"
export * as InvalidElectionInput from "./InvalidElectionInput.js"
export * as MergedCalendar from "./MergedCalendar.js"
export * as Phrase from "./Phrase.js"
export * as PollingStation from "./PollingStation.js"
export * as Reference2021 from "./Reference2021.js"
export * as Rule from "./Rule.js"
export * as Task from "./Task.js"
export * as Template from "./Template.js"
export * as ElectionRecords from "./ElectionRecords.js"
export * as PollingStationRecords from "./PollingStationRecords.js"
