/**
 * The reports from the stored records: read, fold, build, render.
 *
 * @module
 */
import { writeFileSync } from "node:fs"
import { Effect } from "effect"
import type { Period } from "../../../src/kernel/index.js"
import * as Demo from "../../../src/demo/index.js"
import type * as Ports from "../../../src/ports/index.js"
import * as Reporting from "../../../src/reporting/index.js"
import type { Output } from "../Output.js"
import { InputError } from "../Output.js"
import * as Stored from "./Stored.js"

/** Output formats of a report. */
export const FORMATS = ["md", "json", "html"] as const
/** @see FORMATS */
export type Format = (typeof FORMATS)[number]

/** A document in a format, as text ending with a newline. */
export const render = (doc: Reporting.ReportDocument.ReportDocument, format: Format): string => {
  const s =
    format === "json"
      ? Reporting.ReportDocument.toJson(doc)
      : format === "html"
        ? Reporting.ReportDocument.toHtml(doc)
        : Reporting.ReportDocument.toMarkdown(doc)
  return s.endsWith("\n") ? s : `${s}\n`
}

/** The division names the reports show: the demo city's divisions (other ids print as they are). */
export const divisionNames = (lang: Reporting.Plural.Lang): ReadonlyMap<string, string> => Demo.City.divisionNames(lang)

/** The stored records as the report reads them. */
export const records: Effect.Effect<
  Reporting.AnnualReport.Records,
  InputError,
  Ports.EventStore.EventStore | Ports.ReadModels.ReadModels
> = Effect.map(
  Effect.mapError(Stored.read, (e) => new InputError({ kind: e._tag, message: `--db: ${e.message}` })),
  (r) => ({
    appeals: r.appeals,
    plans: r.plans,
    calendars: r.calendars,
    receptions: r.receptions,
    meetings: r.meetings,
    suspensions: r.suspensions,
    publications: r.publications,
    coverageReports: r.coverageReports,
    budgets: r.budgets,
    councils: r.councils,
    dumaSessions: r.dumaSessions
  })
)

/** The annual report of a year from records. */
export const annual = (
  r: Reporting.AnnualReport.Records,
  year: number,
  asOf: Period.Day,
  lang: Reporting.Plural.Lang
): Reporting.ReportDocument.ReportDocument =>
  Reporting.AnnualReport.build(Reporting.AnnualReport.inputOf(r, year, asOf, { divisions: divisionNames(lang) }), lang)

/** The monthly analysis of a month from records. */
export const monthly = (
  r: Reporting.AnnualReport.Records,
  month: Period.Month,
  asOf: Period.Day,
  lang: Reporting.Plural.Lang
): Reporting.ReportDocument.ReportDocument =>
  Reporting.MonthlyReport.build(r.appeals, month, asOf, lang, divisionNames(lang))

/** Writes the text to `--out FILE` (stdout names the file) or answers it for stdout. */
export const output = (text: string, out: string | undefined): Effect.Effect<Output, InputError> =>
  out === undefined
    ? Effect.succeed({ stdout: text })
    : Effect.try({
        try: () => {
          writeFileSync(out, text)
          return { stdout: `${out}\n` }
        },
        catch: (e) =>
          new InputError({ kind: "WriteFailed", message: `--out: ${e instanceof Error ? e.message : String(e)}` })
      })
