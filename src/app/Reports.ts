/**
 * The reports as use cases: the annual report and the monthly analysis of
 * appeals of the city's store, as documents and as text, with the city's
 * calendar and time zone. The HTTP API's `GET /reports/annual/{year}`,
 * `serve`'s report pages (in process or on a report worker thread) and the
 * CLI's `report` all call these, so one store gives one document on every
 * path.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { App, Period } from "cityhall"
 *
 * const text = App.Reports.annualText({ year: 2020, asOf: Period.unsafeDay("2020-12-31"), lang: "ru", format: "md" })
 * // Effect<string, Reporting.Records.ReadError, EventStore | ReadModels | App.City.CityContext>
 * ```
 *
 * @module
 */
import { Effect } from "effect"
import type { Day, Month } from "../kernel/Period.js"
import type { EventStore } from "../ports/EventStore.js"
import type { ReadModels } from "../ports/ReadModels.js"
import * as AnnualReport from "../reporting/AnnualReport.js"
import * as MonthlyReport from "../reporting/MonthlyReport.js"
import type { Lang } from "../reporting/Plural.js"
import * as Records from "../reporting/Records.js"
import * as ReportDocument from "../reporting/ReportDocument.js"
import * as Access from "./Access.js"
import type { AccessDenied } from "./Access.js"
import { type City, CityContext } from "./City.js"
import type { Principal } from "./Principal.js"

/** The formats a report is written in. */
export type Format = "json" | "md" | "html"

/** What an annual report is asked for with. */
export interface AnnualRequest {
  readonly year: number
  /** The day the report is judged as of. */
  readonly asOf: Day
  readonly lang: Lang
  readonly format: Format
}

/** What a monthly analysis is asked for with. */
export interface MonthlyRequest {
  readonly month: Month
  /** The day the analysis is judged as of. */
  readonly asOf: Day
  readonly lang: Lang
  readonly format: Format
}

/** A document as text in a format (`cityhall.report/1` JSON, Markdown or HTML). */
export const render = (doc: ReportDocument.ReportDocument, format: Format): string =>
  format === "json"
    ? ReportDocument.toJson(doc)
    : format === "html"
      ? ReportDocument.toHtml(doc)
      : ReportDocument.toMarkdown(doc)

/** The city's settings a report is written with: its production calendar and time zone. */
export type ReportCity = Pick<City, "calendar" | "timeZone">

/** The annual report of a year from records (read, or generated), with the city's calendar and time zone. */
export const annualFrom = (
  records: Records.Records,
  request: Omit<AnnualRequest, "format">,
  city: ReportCity
): ReportDocument.ReportDocument =>
  AnnualReport.fromRecords(records, request.year, request.asOf, request.lang, {
    calendar: city.calendar,
    timeZone: city.timeZone
  })

/** The monthly analysis of a month from records, with the city's calendar. */
export const monthlyFrom = (
  records: Records.Records,
  request: Omit<MonthlyRequest, "format">,
  city: ReportCity
): ReportDocument.ReportDocument =>
  MonthlyReport.fromRecords(records, request.month, request.asOf, request.lang, { calendar: city.calendar })

/**
 * The annual report of a year from the records stored now: the appeals of
 * the year and the one before as figures of the read models' counters
 * (`Records.forAnnual`: the cost does not grow with the store), the rest whole.
 */
export const annualDocument = (
  request: Omit<AnnualRequest, "format">
): Effect.Effect<ReportDocument.ReportDocument, Records.ReadError, EventStore | ReadModels | CityContext> =>
  Effect.gen(function* () {
    const city = yield* CityContext
    return annualFrom(yield* Records.read(Records.forAnnual(request.year, request.asOf)), request, city)
  })

/** The monthly analysis of a month from the records stored now (its months' figures from the counters, `Records.forMonthly`). */
export const monthlyDocument = (
  request: Omit<MonthlyRequest, "format">
): Effect.Effect<ReportDocument.ReportDocument, Records.ReadError, EventStore | ReadModels | CityContext> =>
  Effect.gen(function* () {
    const city = yield* CityContext
    return monthlyFrom(yield* Records.read(Records.forMonthly(request.month, request.asOf)), request, city)
  })

/** {@link annualDocument} as text. */
export const annualText = (
  request: AnnualRequest
): Effect.Effect<string, Records.ReadError, EventStore | ReadModels | CityContext> =>
  Effect.map(annualDocument(request), (doc) => render(doc, request.format))

/** {@link monthlyDocument} as text. */
export const monthlyText = (
  request: MonthlyRequest
): Effect.Effect<string, Records.ReadError, EventStore | ReadModels | CityContext> =>
  Effect.map(monthlyDocument(request), (doc) => render(doc, request.format))

/**
 * The annual report for a principal: controllers and administrators read
 * reports (`readReports` in {@link Access.rules}); the text is written by
 * `write` — {@link annualText} in process, or a report worker that runs the
 * same call off the request loop (`App.Reports.annual(p, request, App.Reports.annualText)`).
 */
export const annual = <E, R>(
  principal: Principal,
  request: AnnualRequest,
  write: (request: AnnualRequest) => Effect.Effect<string, E, R>
): Effect.Effect<string, E | AccessDenied, R> =>
  Effect.zipRight(
    Access.require(principal, "readReports"),
    Effect.suspend(() => write(request))
  )
