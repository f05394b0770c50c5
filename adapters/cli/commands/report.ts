/**
 * `cityhall report …`: the annual report and the monthly analysis of
 * appeals, from a store.
 *
 * @module
 */
import { Effect } from "effect"
import { Appeals, App, Reporting } from "../../../src/index.js"
import { Period } from "../../../src/kernel/index.js"
import { command, group } from "../Command.js"
import { domain, fromDomain, InputError, UsageError } from "../Output.js"
import * as Db from "../internal/Db.js"
import * as Setup from "../internal/Setup.js"
import * as Stores from "../internal/Stores.js"
import * as Reports from "../internal/Reports.js"
import * as Exports from "../internal/Exports.js"
import * as Xlsx from "../internal/Xlsx.js"
import * as Values from "../Values.js"

const common = {
  format: {
    type: "string",
    value: "FORMAT",
    choices: Reports.FORMATS,
    default: "md",
    description:
      "Markdown, the stable JSON of the document (format cityhall.report/1), or a standalone HTML page with SVG charts"
  },
  lang: {
    type: "string",
    value: "LANG",
    choices: ["ru", "en"],
    default: "ru",
    description: "the language of the text"
  },
  out: { type: "string", value: "FILE", description: "write the report to FILE (stdout then names the file)" },
  ...Setup.storeOptions,
  ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`),
  ...Values.calendarOption
} as const

/** `cityhall report annual`. */
export const annual = command({
  name: "annual",
  summary: "The annual report of organisational work (appeals, planning, elections) from a store",
  description: [
    "Builds the annual report of a year from the stored records and the previous year's: appeals by channel with the change in percent, by month and channel year on year (a chart in HTML), main topics, on-time rate, recommendations and the measures planned on them; the execution of the annual and monthly plans by division (a chart), overdue activities, program indicators, Address measures by quarter; the election calendars voted in the year with tasks done on time and violations; information work, budget control, methodological and City Duma support; the tasks for the next year («Задачи на YYYY год»: the next year's annual plan items and Address measures, the elections voted in it with their main deadlines, the programs starting or ending). Dates as official documents write them, numbers by one rule per language (docs/reporting.md). Sections without records are left out.",
    "--as-of is the day timeliness, overdue activities and violations are judged on (default: the last day of the year)."
  ],
  options: {
    year: { type: "string", value: "YYYY", description: "the year of the report", required: true },
    "as-of": { type: "string", value: "DATE", description: "the day the figures are as of (default YYYY-12-31)" },
    ...common
  },
  examples: [
    "cityhall report annual --year 2020",
    "cityhall report annual --year 2020 --format html --lang en --out report-2020.html",
    "cityhall report annual --year 2020 --format json --db city.sqlite",
    "cityhall report annual --year 2020 --store postgres://cityhall@127.0.0.1:5432/city"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const year = yield* Values.integer("--year", options.year, 2000, 2100)
      const asOf =
        options["as-of"] === undefined
          ? Period.lastDay(`${year}` as Period.Year)
          : yield* Values.day("--as-of", options["as-of"])
      const lang = options.lang === "en" ? "en" : "ru"
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const r = yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        false,
        Reports.read(Reporting.Records.forAnnual(year, asOf)),
        "check"
      )
      return yield* Reports.output(
        Reports.render(Reports.annual(r, year, asOf, lang, setup.city), options.format as Reports.Format),
        options.out
      )
    })
})

/** `cityhall report monthly`. */
export const monthly = command({
  name: "monthly",
  summary: "The monthly analysis of appeals with recommendations to the divisions, from a store",
  description: [
    "The appeals registered in a month against the same month of the previous year: by channel, main topics, timeliness, and the recommendations to divisions (topics whose appeals grew by more than 10 % on at least 5 appeals; missed deadlines).",
    "--format xlsx writes the analysis's figures as a workbook (needs --out and the optional package exceljs): the sheet of every dimension's figures beside the previous year's with the change in percent, and the sheet of recommendations.",
    "--as-of is the day timeliness is judged on (default: the last day of the month)."
  ],
  options: {
    month: { type: "string", value: "YYYY-MM", description: "the month", required: true },
    "as-of": {
      type: "string",
      value: "DATE",
      description: "the day the figures are as of (default: the month's last day)"
    },
    ...common,
    format: {
      type: "string",
      value: "FORMAT",
      choices: [...Reports.FORMATS, "xlsx"],
      default: "md",
      description:
        "Markdown, the stable JSON of the document (format cityhall.report/1), a standalone HTML page with SVG charts, or an XLSX workbook of the analysis's figures beside the previous year's and the recommendations (with --out)"
    }
  },
  examples: [
    "cityhall report monthly --month 2020-03",
    "cityhall report monthly --month 2020-03 --format json --lang en",
    "cityhall report monthly --month 2020-03 --format xlsx --out analysis-2020-03.xlsx"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const month = yield* domain(Period.parseMonth(options.month), "--month")
      const asOf =
        options["as-of"] === undefined ? Period.lastDay(month) : yield* Values.day("--as-of", options["as-of"])
      const lang = options.lang === "en" ? "en" : "ru"
      if (options.format === "xlsx") {
        if (options.out === undefined)
          return yield* new UsageError({ message: "--format xlsx writes a workbook: give --out FILE" })
        const out = options.out
        const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
        // the use case the HTTP API's /appeals/analysis/export calls, and the same sheets
        return yield* Stores.withStore(
          setup.storeOption,
          setup.store,
          false,
          App.Appeals.analysis(App.Principal.system("cli"), month, asOf).pipe(
            Effect.provide(App.City.layerOf(setup.city)),
            Effect.mapError((e) => fromDomain(e, e._tag === "InvalidRequest" ? "--month" : setup.storeOption)),
            Effect.flatMap((report) => Exports.analysisXlsx(report, lang, out))
          ),
          "check"
        )
      }
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const r = yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        false,
        Reports.read(Reporting.Records.forMonthly(month, asOf)),
        "check"
      )
      return yield* Reports.output(
        Reports.render(Reports.monthly(r, month, asOf, lang, setup.city), options.format as Reports.Format),
        options.out
      )
    })
})

/** `cityhall report monitoring`. */
export const monitoring = command({
  name: "monitoring",
  summary: "The monthly federal monitoring of appeals (Decree No. 171): every question with its status, from a store",
  description: [
    "For each question of each appeal registered in the month (an appeal with several topics has several questions): its code in the typical all-Russian thematic classifier, its section and its status as of the month's last day (today, for the current month) — under consideration, supported, supported with measures taken, explained, not supported, forwarded by competence, answer given to the author, left without an answer — with the totals by status and section. The same records and totals as the monthly analysis (docs/appeals.md).",
    "--format json writes the documented JSON (cityhall.monitoring/1, docs/monitoring.schema.json), csv a table, xlsx a workbook (needs --out and the optional package exceljs). The month is YYYY-MM, from 2017-07 (the monitoring under the Decree runs from 1 July 2017) to the current month."
  ],
  options: {
    month: { type: "string", value: "YYYY-MM", description: "the month", required: true },
    format: {
      type: "string",
      value: "FORMAT",
      choices: ["json", "csv", "xlsx"],
      default: "json",
      description: "the documented JSON (cityhall.monitoring/1), CSV, or an XLSX workbook (with --out)"
    },
    lang: {
      type: "string",
      value: "LANG",
      choices: ["ru", "en"],
      default: "ru",
      description: "the language of the labels"
    },
    out: { type: "string", value: "FILE", description: "write the report to FILE (stdout then names the file)" },
    ...Setup.storeOptions,
    ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`),
    ...Values.calendarOption
  },
  examples: [
    "cityhall report monitoring --month 2020-03",
    "cityhall report monitoring --month 2020-03 --format csv --lang en",
    "cityhall report monitoring --month 2020-03 --format xlsx --out monitoring-2020-03.xlsx"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const lang = options.lang === "en" ? "en" : "ru"
      if (options.format === "xlsx" && options.out === undefined)
        return yield* new UsageError({ message: "--format xlsx writes a workbook: give --out FILE" })
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      // the use case the HTTP API calls: it checks the month (from 2017-07, not after the current month)
      const r = yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        false,
        App.Appeals.monitoring(App.Principal.system("cli"), options.month).pipe(
          Effect.provide(App.City.layerOf(setup.city)),
          Effect.mapError((e) =>
            e._tag === "InvalidMonitoringMonth"
              ? new InputError({ kind: e._tag, message: `--${e.message}` })
              : fromDomain(e, setup.storeOption)
          )
        ),
        "check"
      )
      if (options.format === "xlsx") return yield* Xlsx.write(yield* Xlsx.monitoring(r, lang), options.out!)
      return yield* Reports.output(
        options.format === "csv" ? Appeals.Monitoring.toCsv(r, lang) : Appeals.Monitoring.toJson(r),
        options.out
      )
    })
})

/** The `report` group. */
export const report = group(
  "report",
  "the annual report, the monthly analysis and the monthly federal monitoring of appeals",
  [annual, monthly, monitoring]
)
