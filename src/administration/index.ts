/**
 * The administration's own records: its organisation (divisions, officials,
 * the duty distribution) over time, as versions by the day each takes
 * effect, stored as one stream with a read model of the versions. Reports
 * name divisions and officials by the version in force on their day.
 *
 * @module
 */
export * as OrganisationHistory from "./OrganisationHistory.js"
export * as OrganisationRecords from "./OrganisationRecords.js"
