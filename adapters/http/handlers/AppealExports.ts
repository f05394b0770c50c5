/**
 * The exports of the `appeals` group: the journal of a period as CSV or
 * XLSX and the monthly analysis as XLSX, streamed as the read model's pages
 * come (`App.AppealExports.journal`); the response starts when the access
 * policy and the query have been checked, so a refusal is a 4xx with its
 * JSON body, and a storage failure in the middle of a large export cuts the
 * download short (the bytes sent cannot be taken back).
 *
 * @internal
 */
import { HttpServerResponse } from "@effect/platform"
import { Chunk, Effect, Stream } from "effect"
import { App, Appeals, type Ids, type Period } from "../../../src/index.js"
import type * as Ports from "../../../src/ports/index.js"
import * as Xlsx from "../../xlsx/Xlsx.js"
import { XLSX_CONTENT_TYPE } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { Unavailable } from "../HttpErrors.js"
import { http } from "./Common.js"

const J = Appeals.JournalExport

const peer = Effect.mapError(Xlsx.load, (e) => new Unavailable({ reason: e.kind, message: `format: ${e.message}` }))

const attachment = (name: string) => ({ "content-disposition": `attachment; filename="${name}"` })

/** `GET /appeals/export`: the journal of a period. */
export const journal = (q: {
  readonly period: string
  readonly format?: "csv" | "xlsx"
  readonly lang?: "ru" | "en"
  readonly personal?: "true" | "false"
  readonly division?: Ids.DivisionId
}) =>
  Effect.gen(function* () {
    const p = yield* CurrentPrincipal
    const personal = q.personal === "true"
    const lang = q.lang ?? "ru"
    const lines = yield* http(
      App.AppealExports.journal(p, {
        period: q.period,
        personal,
        lang,
        ...(q.division !== undefined ? { division: q.division } : {})
      })
    )
    // the rows are read while the response streams: with this request's store and city
    const context = yield* Effect.context<
      Ports.ReadModels.ReadModels | Ports.EventStore.EventStore | App.City.CityContext
    >()
    const rows = Stream.provideContext(lines, context)
    const name = `appeals-${q.period}`
    if (q.format === "xlsx") {
      yield* peer
      const body = Xlsx.bytes(
        [
          {
            name: lang === "ru" ? "Журнал" : "Journal",
            header: J.columns(lang, personal),
            rows: Stream.map(rows, (l) => J.sheetCells(l.cells))
          }
        ],
        {
          title: `${lang === "ru" ? "Журнал обращений" : "Journal of appeals"} ${q.period}`,
          created: new Date(`${yield* App.City.today}T00:00:00Z`)
        }
      )
      return HttpServerResponse.stream(body, { contentType: XLSX_CONTENT_TYPE, headers: attachment(`${name}.xlsx`) })
    }
    const text = Stream.concat(
      Stream.make(J.BOM + J.csvLine(J.columns(lang, personal))),
      Stream.mapChunks(rows, (c) => Chunk.of(Array.from(c, (l) => J.csvLine(l.cells)).join("")))
    )
    return HttpServerResponse.stream(Stream.encodeText(text), {
      contentType: "text/csv; charset=utf-8",
      headers: attachment(`${name}.csv`)
    })
  })

/** `GET /appeals/analysis/export`: the monthly analysis as a workbook (`Appeals.AnalysisSheets`). */
export const analysis = (q: {
  readonly period: Appeals.Analysis.AnalysisPeriod
  readonly asOf: Period.Day
  readonly lang?: "ru" | "en"
}) =>
  Effect.gen(function* () {
    const p = yield* CurrentPrincipal
    const report = yield* http(App.Appeals.analysis(p, q.period, q.asOf))
    yield* peer
    const lang = q.lang ?? "ru"
    const body = Xlsx.bytes(
      Appeals.AnalysisSheets.sheets(report, lang).map((s) => ({
        name: s.name,
        header: s.rows[0] ?? [],
        rows: Stream.fromIterable(s.rows.slice(1).map(J.sheetCells))
      })),
      {
        title: `${lang === "ru" ? "Анализ обращений" : "Analysis of appeals"} ${q.period} (${q.asOf})`,
        created: new Date(`${q.asOf}T00:00:00Z`)
      }
    )
    return HttpServerResponse.stream(body, {
      contentType: XLSX_CONTENT_TYPE,
      headers: attachment(`analysis-${q.period}-${q.asOf}.xlsx`)
    })
  })
