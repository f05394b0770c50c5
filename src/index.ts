/**
 * cityhall: the organisational work of a city administration as a pure
 * domain core — planning, citizens' appeals under 59-FZ, meetings with
 * residents, and election tasks — with ports for storage and transport.
 *
 * @example
 * ```ts
 * import { Calendar, Period, Term } from "cityhall"
 *
 * const due = Term.deadline({
 *   event: Period.unsafeDay("2021-03-01"),
 *   term: Term.calendarDays(30),
 *   calendar: Calendar.russia()
 * }) // Either.right("2021-03-31")
 * ```
 *
 * @module
 */
export * from "./kernel/index.js"
export * as Administration from "./administration/index.js"
export * as Elections from "./elections/index.js"
export * as Appeals from "./appeals/index.js"
export * as Ports from "./ports/index.js"
export * as Reporting from "./reporting/index.js"
export * as Planning from "./planning/index.js"
export * as Information from "./information/index.js"
export * as Methodology from "./methodology/index.js"
export * as Duma from "./duma/index.js"
export * as Budget from "./budget/index.js"
export * as Meetings from "./meetings/index.js"
export * as Demo from "./demo/index.js"
export * as App from "./app/index.js"
