/**
 * The reporting area: plural forms and numbers for Russian and English
 * text, the message catalogue, SVG charts, HTML and Markdown rendering, and
 * the `ReportDocument` tree the annual report is built as.
 *
 * @module
 */
export * as AnnualReport from "./AnnualReport.js"
export * as Html from "./Html.js"
export * as Lexicon from "./Lexicon.js"
export * as Markdown from "./Markdown.js"
export * as MonthlyReport from "./MonthlyReport.js"
export * as Numbers from "./Numbers.js"
export * as Plural from "./Plural.js"
export * as ReportDocument from "./ReportDocument.js"
export * as Svg from "./Svg.js"
export * as Text from "./Text.js"
