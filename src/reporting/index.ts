/**
 * The reporting area: the records a report reads and how they are read
 * from a store (`Records`), the annual report (one module per section under
 * `annual/`) and the monthly analysis of appeals, the names of divisions and
 * officials from the organisation in force (`Names`), plural forms and
 * numbers for Russian and English text, the message catalogue, SVG charts,
 * HTML and Markdown rendering, and the `ReportDocument` tree the reports
 * are built as.
 *
 * @module
 */
export * as AnnualReport from "./AnnualReport.js"
export * as Dates from "./Dates.js"
export * as Html from "./Html.js"
export * as Lexicon from "./Lexicon.js"
export * as Markdown from "./Markdown.js"
export * as MonthlyReport from "./MonthlyReport.js"
export * as Names from "./Names.js"
export * as Numbers from "./Numbers.js"
export * as Plural from "./Plural.js"
export * as RecommendationLoop from "./RecommendationLoop.js"
export * as Records from "./Records.js"
export * as ReportDocument from "./ReportDocument.js"
export * as Svg from "./Svg.js"
export * as Text from "./Text.js"
