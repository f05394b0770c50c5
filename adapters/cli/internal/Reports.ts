/**
 * The reports of a store, as the CLI renders them: the records read through
 * the core's one path (`Reporting.Records.read`), the documents written by
 * `Reporting.AnnualReport.fromRecords` / `Reporting.MonthlyReport.fromRecords`
 * — the same calls as the HTTP API's — and rendered to text.
 *
 * @module
 */
import { writeFileSync } from "node:fs"
import { Effect } from "effect"
import { App, type Period, type Ports, Reporting } from "../../../src/index.js"
import type { Output } from "../Output.js"
import { InputError } from "../Output.js"

/** The years a report can be asked for: the same as the CLI's `--year` and the API's `/reports/annual/{year}`. */
export const YEARS = { first: 2000, last: 2100 } as const

/** Output formats of a report. */
export const FORMATS = ["md", "json", "html"] as const
/** @see FORMATS */
export type Format = (typeof FORMATS)[number]

/** A document in a format (`App.Reports.render`), as text ending with a newline. */
export const render = (doc: Reporting.ReportDocument.ReportDocument, format: Format): string => {
  const s = App.Reports.render(doc, format)
  return s.endsWith("\n") ? s : `${s}\n`
}

const storageError = (e: { readonly _tag: string; readonly message: string }): InputError =>
  new InputError({ kind: e._tag, message: `--db: ${e.message}` })

/** The stored records as the reports read them (`options`: only the appeals an annual report needs, see `Reporting.Records.forYear`). */
export const read = (
  options: Reporting.Records.ReadOptions = {}
): Effect.Effect<Reporting.Records.Records, InputError, Ports.EventStore.EventStore | Ports.ReadModels.ReadModels> =>
  Effect.mapError(Reporting.Records.read(options), storageError)

/** Every stored record the reports read. */
export const records = read()

/** The annual report of a year from records, with the city's calendar and time zone (`App.Reports.annualFrom`, as the API's). */
export const annual = (
  r: Reporting.Records.Records,
  year: number,
  asOf: Period.Day,
  lang: Reporting.Plural.Lang,
  city: App.Reports.ReportCity = App.City.reference
): Reporting.ReportDocument.ReportDocument => App.Reports.annualFrom(r, { year, asOf, lang }, city)

/** The monthly analysis of a month from records, with the city's calendar (`App.Reports.monthlyFrom`). */
export const monthly = (
  r: Reporting.Records.Records,
  month: Period.Month,
  asOf: Period.Day,
  lang: Reporting.Plural.Lang,
  city: App.Reports.ReportCity = App.City.reference
): Reporting.ReportDocument.ReportDocument => App.Reports.monthlyFrom(r, { month, asOf, lang }, city)

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
