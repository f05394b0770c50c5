/**
 * The demo city: a seeded, deterministic generator of the records of a
 * reference city (appeals, plans, election calendars) that reproduce the
 * figures of the reference annual report.
 *
 * @module
 */
export * as Acts from "./Acts.js"
export * as City from "./City.js"
export * as Generator from "./Generator.js"
export * as Meetings from "./Meetings.js"
export * as Organisational from "./Organisational.js"
export * as Random from "./Random.js"
export * as Texts from "./Texts.js"
