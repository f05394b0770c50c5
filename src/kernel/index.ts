/**
 * The kernel every area stands on: ids, periods, time zones, the
 * organisation and its duty distribution, the production calendar and
 * deadline arithmetic, and the decider shape.
 *
 * @module
 */
export * as Calendar from "./Calendar.js"
export * as Decode from "./Decode.js"
export * as Decider from "./Decider.js"
export * as Ids from "./Ids.js"
export * as Organisation from "./Organisation.js"
export * as Period from "./Period.js"
export * as ProductionCalendarData from "./ProductionCalendarData.js"
export * as Term from "./Term.js"
export * as TimeZone from "./TimeZone.js"
