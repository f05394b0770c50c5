/**
 * Methodological support: manuals and recommendations based on positive
 * experience, reviewed and approved by the Methodological Council at its
 * sessions, and distributed.
 *
 * @module
 */
export * as Council from "./Council.js"
export * as Errors from "./Errors.js"
export * as Manual from "./Manual.js"
export * as CouncilRecords from "./CouncilRecords.js"
export * as Figures from "./Figures.js"
