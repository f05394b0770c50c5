/**
 * The `reports` group: the annual report of a year as JSON, Markdown or
 * HTML, and the monthly federal monitoring of appeals as JSON or CSV, for
 * controllers and administrators.
 *
 * @internal
 */
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { App, Appeals, Period, Ports } from "../../../src/index.js"
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

/** The writer of annual reports: the configured one (a report worker), or the use case on the request loop. */
const written = (settings: Settings) => {
  const writer = settings.reports
  return writer === undefined
    ? App.Reports.annualText
    : (request: App.Reports.AnnualRequest) =>
        Effect.tryPromise({
          try: () => writer(request),
          catch: (e) =>
            new Ports.Errors.StorageError({
              reason: "Connection",
              operation: "report",
              message: `the report could not be written: ${e instanceof Error ? e.message : String(e)}`
            })
        })
}

/** The handlers of the `reports` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "reports", (h) =>
    h.handle("monitoring", monitoring).handle("annual", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        const t = yield* App.City.today
        const request: App.Reports.AnnualRequest = {
          year: path.year,
          asOf:
            urlParams.asOf ?? (Number(t.slice(0, 4)) > path.year ? Period.lastDay(Period.unsafeYear(path.year)) : t),
          lang: urlParams.lang ?? "ru",
          format: urlParams.format ?? "json"
        }
        // the one report model: the same use case as the CLI's `report annual` and `serve`'s pages
        const text = yield* http(App.Reports.annual(p, request, written(settings)))
        const contentType =
          request.format === "json"
            ? "application/json"
            : request.format === "html"
              ? "text/html; charset=utf-8"
              : "text/markdown; charset=utf-8"
        return HttpServerResponse.text(text, { contentType })
      })
    )
  ).pipe(provideCity(settings))
