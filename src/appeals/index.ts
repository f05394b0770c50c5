/**
 * Citizens' appeals under Federal Law 59-FZ: the appeal lifecycle as a
 * decider, topics (the typical all-Russian thematic classifier), due dates,
 * and the monthly analysis with recommendations to the divisions.
 *
 * @module
 */
export * as Appeal from "./Appeal.js"
export * as AnswerJournal from "./AnswerJournal.js"
export * as Analysis from "./Analysis.js"
export * as AppealCommand from "./AppealCommand.js"
export * as AppealDecider from "./AppealDecider.js"
export * as AppealError from "./AppealError.js"
export * as AppealEvent from "./AppealEvent.js"
export * as AppealState from "./AppealState.js"
export * as Invariants from "./Invariants.js"
export * as Deadlines from "./Deadlines.js"
export * as Topic from "./Topic.js"
export * as TermPolicy from "./TermPolicy.js"
export * as Monitoring from "./Monitoring.js"
export * as AppealRecords from "./AppealRecords.js"
export * as AppealFigures from "./AppealFigures.js"
export * as ApplicantRecords from "./ApplicantRecords.js"
export * as RegistrationBook from "./RegistrationBook.js"
export * as Repeated from "./Repeated.js"
export * as JournalExport from "./JournalExport.js"
export * as Reminders from "./Reminders.js"
export * as AnalysisSheets from "./AnalysisSheets.js"
export * as SearchRecords from "./SearchRecords.js"
