/**
 * The `reports` group: the annual report of a year as JSON, Markdown or
 * HTML, and the monthly federal monitoring of appeals as JSON or CSV, for
 * controllers and administrators.
 *
 * @internal
 */
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { App, Appeals, Period, Reporting } from "../../../src/index.js"
import { Api } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { provideCity, type Settings } from "../Settings.js"
import { http } from "./Common.js"

/**
 * `GET /reports/monitoring/{month}`: the monthly federal monitoring (Decree No. 171); the use case checks the
 * principal and the month, as for the CLI's `report monitoring`.
 */
const monitoring = ({
  path,
  urlParams
}: {
  readonly path: { readonly month: string }
  readonly urlParams: { readonly format?: "json" | "csv"; readonly lang?: "ru" | "en" }
}) =>
  Effect.gen(function* () {
    const report = yield* http(App.Appeals.monitoring(yield* CurrentPrincipal, path.month))
    return urlParams.format === "csv"
      ? HttpServerResponse.text(Appeals.Monitoring.toCsv(report, urlParams.lang ?? "ru"), {
          contentType: "text/csv; charset=utf-8"
        })
      : HttpServerResponse.text(Appeals.Monitoring.toJson(report), { contentType: "application/json" })
  })

/** The handlers of the `reports` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "reports", (h) =>
    h.handle("monitoring", monitoring).handle("annual", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* http(App.Access.require(p, "readReports"))
        const lang = urlParams.lang ?? "ru"
        const format = urlParams.format ?? "json"
        const t = yield* App.City.today
        const asOf =
          urlParams.asOf ?? (Number(t.slice(0, 4)) > path.year ? Period.lastDay(Period.unsafeYear(path.year)) : t)
        // the one report model: the same records and document as the CLI's `report annual` and `serve`'s pages
        const records = yield* http(Reporting.Records.read(Reporting.Records.forYear(path.year)))
        const doc = Reporting.AnnualReport.fromRecords(records, path.year, asOf, lang, {
          calendar: settings.city.calendar,
          timeZone: settings.city.timeZone
        })
        const [text, contentType] =
          format === "json"
            ? [Reporting.ReportDocument.toJson(doc), "application/json"]
            : format === "html"
              ? [Reporting.ReportDocument.toHtml(doc), "text/html; charset=utf-8"]
              : [Reporting.ReportDocument.toMarkdown(doc), "text/markdown; charset=utf-8"]
        return HttpServerResponse.text(text, { contentType })
      })
    )
  ).pipe(provideCity(settings))
