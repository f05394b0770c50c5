/**
 * Writing the exports of the CLI: the journal of appeals as CSV (to
 * `--out FILE` line by line as the rows come, or to stdout) or as an XLSX
 * workbook (streamed to `--out FILE`), and the monthly analysis as XLSX.
 * The rows come from the use cases; nothing is decided here.
 *
 * @module
 */
import { closeSync, createWriteStream, openSync, writeSync } from "node:fs"
import { Chunk, Effect, Stream } from "effect"
import { Appeals, type App } from "../../../src/index.js"
import * as Xlsx from "../../xlsx/Xlsx.js"
import { InputError, type Output } from "../Output.js"

type Lang = "ru" | "en"

const writeFailed = (option: string) => (e: unknown) =>
  new InputError({ kind: "WriteFailed", message: `${option}: ${e instanceof Error ? e.message : String(e)}` })

const fromXlsx = (e: Xlsx.XlsxError) => new InputError({ kind: e.kind, message: `--format xlsx: ${e.message}` })

/**
 * The journal as CSV (UTF-8 with a BOM, RFC 4180): to `out` line by line
 * as the pages come (stdout then names the file), or whole to stdout.
 */
export const csv = <E, R>(
  lines: Stream.Stream<App.AppealExports.JournalLine, E, R>,
  options: { readonly lang: Lang; readonly personal: boolean; readonly out: string | undefined }
): Effect.Effect<Output, E | InputError, R> => {
  const header =
    Appeals.JournalExport.BOM +
    Appeals.JournalExport.csvLine(Appeals.JournalExport.columns(options.lang, options.personal))
  const text = (chunk: Chunk.Chunk<App.AppealExports.JournalLine>) =>
    Chunk.toReadonlyArray(chunk)
      .map((l) => Appeals.JournalExport.csvLine(l.cells))
      .join("")
  const out = options.out
  if (out === undefined)
    return Effect.map(
      Stream.runFold(lines.pipe(Stream.mapChunks((c) => Chunk.of(text(c)))), header, (acc, t) => acc + t),
      (stdout) => ({ stdout })
    )
  return Effect.acquireUseRelease(
    Effect.try({ try: () => openSync(out, "w"), catch: writeFailed("--out") }),
    (fd) =>
      Effect.zipRight(
        Effect.try({ try: () => writeSync(fd, header), catch: writeFailed("--out") }),
        Stream.runForEachChunk(lines, (c) =>
          Effect.try({ try: () => void writeSync(fd, text(c)), catch: writeFailed("--out") })
        )
      ),
    (fd) => Effect.sync(() => closeSync(fd))
  ).pipe(Effect.as({ stdout: `${out}\n` }))
}

/** Streams sheets into an XLSX file at `out` (stdout names the file). */
export const xlsx = <E, R>(
  out: string,
  sheets: ReadonlyArray<Xlsx.SheetSource<E, R>>,
  meta: { readonly title: string; readonly created: Date }
): Effect.Effect<Output, E | InputError, R> =>
  Effect.gen(function* () {
    yield* Effect.mapError(Xlsx.load, fromXlsx)
    const file = yield* Effect.try({ try: () => createWriteStream(out), catch: writeFailed("--out") })
    yield* Effect.async<void, InputError>((resume) => {
      file.once("open", () => resume(Effect.void))
      file.once("error", (e) => resume(Effect.fail(writeFailed("--out")(e))))
    })
    yield* Xlsx.write(file, sheets, meta).pipe(
      Effect.mapError((e) => (e instanceof Xlsx.XlsxError ? fromXlsx(e) : e)),
      Effect.ensuring(Effect.sync(() => file.destroyed || file.end()))
    )
    return { stdout: `${out}\n` }
  })

/** The journal as an XLSX workbook at `out`: one sheet, the header, then a row per appeal as the pages come. */
export const journalXlsx = <E, R>(
  lines: Stream.Stream<App.AppealExports.JournalLine, E, R>,
  options: {
    readonly lang: Lang
    readonly personal: boolean
    readonly out: string
    readonly period: string
    readonly created: Date
  }
) =>
  xlsx(
    options.out,
    [
      {
        name: options.lang === "ru" ? "Журнал" : "Journal",
        header: Appeals.JournalExport.columns(options.lang, options.personal),
        rows: Stream.map(lines, (l) => Appeals.JournalExport.sheetCells(l.cells))
      }
    ],
    {
      title: `${options.lang === "ru" ? "Журнал обращений" : "Journal of appeals"} ${options.period}`,
      created: options.created
    }
  )

/** The monthly analysis report as an XLSX workbook at `out` (`Appeals.AnalysisSheets`). */
export const analysisXlsx = (report: Appeals.AppealRecords.Report, lang: Lang, out: string) =>
  xlsx(
    out,
    Appeals.AnalysisSheets.sheets(report, lang).map((s) => ({
      name: s.name,
      header: s.rows[0] ?? [],
      rows: Stream.fromIterable(s.rows.slice(1).map(Appeals.JournalExport.sheetCells))
    })),
    {
      title: `${lang === "ru" ? "Анализ обращений" : "Analysis of appeals"} ${report.analysis.period} (${report.analysis.asOf})`,
      created: new Date(`${report.analysis.asOf}T00:00:00Z`)
    }
  )
