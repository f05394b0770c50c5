/**
 * `cityhall report …`: the annual report and the monthly analysis of
 * appeals, from a store.
 *
 * @module
 */
import { Effect } from "effect"
import { Period } from "../../../src/kernel/index.js"
import { command, group } from "../Command.js"
import { domain } from "../Output.js"
import * as Db from "../internal/Db.js"
import * as Reports from "../internal/Reports.js"
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
  db: { type: "string", value: "PATH", default: Db.DEFAULT_DB, description: "the SQLite store" },
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
    "cityhall report annual --year 2020 --format json --db city.sqlite"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const year = yield* Values.integer("--year", options.year, 2000, 2100)
      const asOf =
        options["as-of"] === undefined
          ? Period.lastDay(`${year}` as Period.Year)
          : yield* Values.day("--as-of", options["as-of"])
      const lang = options.lang === "en" ? "en" : "ru"
      const calendar = yield* Values.calendar("--calendar", options.calendar, true)
      const r = yield* Db.withStore(options.db, false, Reports.records)
      return yield* Reports.output(
        Reports.render(Reports.annual(r, year, asOf, lang, calendar), options.format as Reports.Format),
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
    "--as-of is the day timeliness is judged on (default: the last day of the month)."
  ],
  options: {
    month: { type: "string", value: "YYYY-MM", description: "the month", required: true },
    "as-of": {
      type: "string",
      value: "DATE",
      description: "the day the figures are as of (default: the month's last day)"
    },
    ...common
  },
  examples: [
    "cityhall report monthly --month 2020-03",
    "cityhall report monthly --month 2020-03 --format json --lang en"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const month = yield* domain(Period.parseMonth(options.month), "--month")
      const asOf =
        options["as-of"] === undefined ? Period.lastDay(month) : yield* Values.day("--as-of", options["as-of"])
      const lang = options.lang === "en" ? "en" : "ru"
      const calendar = yield* Values.calendar("--calendar", options.calendar, true)
      const r = yield* Db.withStore(options.db, false, Reports.records)
      return yield* Reports.output(
        Reports.render(Reports.monthly(r, month, asOf, lang, calendar), options.format as Reports.Format),
        options.out
      )
    })
})

/** The `report` group. */
export const report = group("report", "the annual report and the monthly analysis of appeals", [annual, monthly])
