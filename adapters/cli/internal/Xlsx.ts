/**
 * Spreadsheets (XLSX) of the reports, written with `exceljs` — a dev
 * dependency and an optional peer: it is loaded only when a workbook is
 * asked for, and its absence is an input error naming the option, not a
 * crash of every command.
 *
 * @module
 */
import { writeFileSync } from "node:fs"
import { Effect } from "effect"
import { Appeals } from "../../../src/index.js"
import * as Xlsx from "../../xlsx/Xlsx.js"
import { InputError } from "../Output.js"

// the xlsx adapter's loader (kept once loaded); its error named by the option
const load = Effect.mapError(Xlsx.load, (e) => new InputError({ kind: e.kind, message: `--format xlsx: ${e.message}` }))

/**
 * The monitoring report as a workbook: the sheet of questions (one row per
 * question, with its code, section and status) and the sheet of totals by
 * section and status; the month and the day the statuses are as of in the
 * workbook's title.
 */
export const monitoring = (
  report: Appeals.Monitoring.MonitoringReport,
  lang: "ru" | "en"
): Effect.Effect<Uint8Array, InputError> =>
  Effect.flatMap(load, (ExcelJS) =>
    Effect.tryPromise({
      try: async () => {
        const wb = new ExcelJS.Workbook()
        wb.title = `${lang === "ru" ? "Мониторинг обращений" : "Monitoring of appeals"} ${report.month} (${report.asOf})`
        wb.created = new Date(`${report.asOf}T00:00:00Z`)
        wb.modified = wb.created
        const questions = wb.addWorksheet(lang === "ru" ? "Вопросы" : "Questions")
        questions.addRow([...Appeals.Monitoring.columns(lang)]).font = { bold: true }
        for (const row of Appeals.Monitoring.rows(report, lang)) questions.addRow([...row])
        questions.views = [{ state: "frozen", ySplit: 1 }]
        const totals = wb.addWorksheet(lang === "ru" ? "Итоги" : "Totals")
        Appeals.Monitoring.totalRows(report, lang).forEach((row, i, all) => {
          const r = totals.addRow([...row])
          if (i === 0 || i === all.length - 1) r.font = { bold: true }
        })
        return new Uint8Array(await wb.xlsx.writeBuffer())
      },
      catch: (e) =>
        new InputError({ kind: "WriteFailed", message: `--format xlsx: ${e instanceof Error ? e.message : String(e)}` })
    })
  )

/** Writes a workbook to `--out FILE` (stdout names the file). */
export const write = (bytes: Uint8Array, out: string): Effect.Effect<{ readonly stdout: string }, InputError> =>
  Effect.try({
    try: () => {
      writeFileSync(out, bytes)
      return { stdout: `${out}\n` }
    },
    catch: (e) =>
      new InputError({ kind: "WriteFailed", message: `--out: ${e instanceof Error ? e.message : String(e)}` })
  })
