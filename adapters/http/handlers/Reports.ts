/**
 * The `reports` group: the annual report of a year as JSON, Markdown or
 * HTML, for controllers and administrators.
 *
 * @internal
 */
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { App, Appeals, Period, Planning, Ports, Reporting } from "../../../src/index.js"
import { Api } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { provideCity, type Settings } from "../Settings.js"
import { http } from "./Common.js"

/** The handlers of the `reports` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "reports", (h) =>
    h.handle("annual", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* http(App.Access.require(p, "readReports"))
        const lang = urlParams.lang ?? "ru"
        const format = urlParams.format ?? "json"
        const t = yield* App.City.today
        const asOf =
          urlParams.asOf ?? (Number(t.slice(0, 4)) > path.year ? Period.lastDay(Period.unsafeYear(path.year)) : t)
        const rows = yield* http(
          Ports.Projection.query(Appeals.AppealRecords.ByPeriod, {
            where: { registeredOn: { gte: `${path.year - 1}-01-01`, lte: `${path.year}-12-31` } }
          })
        )
        const appealSummaries = rows.map((r) => Appeals.AppealRecords.summaryOf(r.row))
        const plans: Array<Planning.Plan.State> = []
        for (const kind of Planning.Plan.PlanKind.literals) {
          for (const row of yield* http(Planning.PlanRecords.plansOfKind(kind))) {
            plans.push((yield* http(Ports.CommandHandler.load(Planning.PlanRecords.definition, row.plan))).state)
          }
        }
        const doc = Reporting.AnnualReport.build(
          Reporting.AnnualReport.inputOf({ appeals: appealSummaries, plans }, path.year, asOf, {
            calendar: settings.city.calendar
          }),
          lang
        )
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
