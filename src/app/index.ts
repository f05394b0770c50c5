/**
 * The application layer: the use cases every entry point (the HTTP API,
 * the command line, the importer) calls — the operations users perform,
 * composed from the areas' deciders and the storage ports, each after the
 * access policy. See ARCHITECTURE.md.
 *
 * @module
 */
export * as Access from "./Access.js"
export * as Appeals from "./Appeals.js"
export * as City from "./City.js"
export * as Config from "./Config.js"
export * as Elections from "./Elections.js"
export * as Errors from "./Errors.js"
export * as Meetings from "./Meetings.js"
export * as Numbering from "./Numbering.js"
export * as Organisational from "./Organisational.js"
export * as Plans from "./Plans.js"
export * as Principal from "./Principal.js"
export * as Reports from "./Reports.js"
export * as Tokens from "./Tokens.js"
