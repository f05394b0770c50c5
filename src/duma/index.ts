/**
 * City Duma support: the administration's preparation of the Duma's
 * sessions — draft decisions with submission deadlines, decisions adopted,
 * and their follow-up instructions that become planned activities.
 *
 * @module
 */
export * as Deadline from "./Deadline.js"
export * as Errors from "./Errors.js"
export * as Link from "./Link.js"
export * as Planning from "./Planning.js"
export * as Session from "./Session.js"
export * as DumaRecords from "./DumaRecords.js"
export * as Figures from "./Figures.js"
