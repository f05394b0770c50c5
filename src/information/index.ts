/**
 * Information work: publications in the municipal newspaper and on the
 * administration's internet resources, radio and TV; the monthly
 * information plan that covers the hot topics of residents' appeals; the
 * figures for the annual report.
 *
 * @module
 */
export * as AppealsAdapter from "./AppealsAdapter.js"
export * as Coverage from "./Coverage.js"
export * as Errors from "./Errors.js"
export * as Figures from "./Figures.js"
export * as InformationPlan from "./InformationPlan.js"
export * as Publication from "./Publication.js"
export * as PublicationRegister from "./PublicationRegister.js"
export * as Topic from "./Topic.js"
export * as InformationRecords from "./InformationRecords.js"
