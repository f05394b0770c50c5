/**
 * `cityhall calendar …`: the production calendar of the Russian Federation
 * (working days), a quick check of the kernel's calendar: official years
 * (shipped 2019-2026, or loaded with `--calendar FILE`) and provisional
 * years by the Labour Code, 2019..2199; and `calendar schema`, the JSON
 * Schema of a calendar file.
 *
 * @module
 */
import { Either, JSONSchema } from "effect"
import { Calendar, Period, ProductionCalendarData } from "../../../src/index.js"
import { command, group } from "../Command.js"
import { domain, json, text } from "../Output.js"
import * as Values from "../Values.js"

const common = {
  "no-decree-days": { type: "boolean", description: "ignore the presidential non-working days of 2020 and 2021" },
  ...Values.calendarOption,
  format: { type: "string", value: "FORMAT", choices: ["text", "json"], default: "text", description: "output format" }
} as const

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const

/** `cityhall calendar day`: whether a day is a working day, and why. */
export const day = command({
  name: "day",
  summary: "Whether a day is a working day, why, and the working days around it",
  description: [
    "A day of a year without official data (after 2026 unless --calendar loads it) is provisional: computed from the Labour Code alone (art. 111, 112), and the answer says so.",
    "JSON keys: day, weekday, working, kind, provisional, source, previousWorkingDay, nextWorkingDay, presidentialNonWorkingDays. Kinds: working, weekend, holiday, holidayCompensation, transferredDayOff, workingWeekend, presidentialNonWorking, regionalNonWorking, regionalWorking."
  ],
  options: {
    day: { type: "string", value: "DATE", description: "the day, YYYY-MM-DD (2019..2199)", required: true },
    ...common
  },
  examples: [
    "cityhall calendar day --day 2021-05-04",
    "cityhall calendar day --day 2021-05-04 --no-decree-days --format json"
  ],
  run: ({ options }) =>
    Either.gen(function* () {
      const d = yield* Values.day("--day", options.day)
      const presidentialNonWorkingDays = !options["no-decree-days"]
      const cal = yield* Values.calendar("--calendar", options.calendar, presidentialNonWorkingDays)
      const { kind, working, provisional, source } = yield* domain(Calendar.describe(cal, d), "--day")
      const previous = Either.getOrNull(Calendar.previousWorkingDay(cal, d))
      const next = Either.getOrNull(Calendar.nextWorkingDay(cal, d))
      const weekday = WEEKDAYS[Period.isoWeekday(d) - 1] ?? ""
      if (options.format === "json") {
        return json({
          day: d,
          weekday,
          working,
          kind,
          provisional,
          source,
          previousWorkingDay: previous,
          nextWorkingDay: next,
          presidentialNonWorkingDays
        })
      }
      return text(
        `${d} (${weekday}): ${working ? "working day" : "day off"} — ${kind}${provisional ? " (provisional: no official data for the year; Labour Code only)" : ""}`,
        `previous working day ${previous ?? "outside the calendar"}, next ${next ?? "outside the calendar"}`
      )
    })
})

/** `cityhall calendar working-days`: the working days of a period, by month. */
export const workingDays = command({
  name: "working-days",
  summary: "The number of working days in a year, quarter, month or day, by month",
  description: [
    "A count that includes a day of a year without official data is provisional (Labour Code only) and says so.",
    "JSON keys: period, workingDays, calendarDays, provisional, months [{ month, workingDays, provisional }], presidentialNonWorkingDays."
  ],
  options: {
    period: {
      type: "string",
      value: "PERIOD",
      description: "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD (2019..2199)",
      required: true
    },
    ...common
  },
  examples: [
    "cityhall calendar working-days --period 2021",
    "cityhall calendar working-days --period 2020-04 --no-decree-days --format json"
  ],
  run: ({ options }) =>
    Either.gen(function* () {
      const p = yield* Values.period("--period", options.period)
      const presidentialNonWorkingDays = !options["no-decree-days"]
      const cal = yield* Values.calendar("--calendar", options.calendar, presidentialNonWorkingDays)
      const total = yield* domain(Calendar.workingDaysIn(cal, p), "--period")
      const provisionalIn = (q: Period.Period) =>
        Calendar.provisionalBetween(cal, Period.firstDay(q), Period.lastDay(q))
      const provisional = provisionalIn(p)
      const monthList =
        Period.kindOf(p) === "day"
          ? []
          : Period.months(p as Period.Month | Period.Quarter | Period.Year | Period.Horizon)
      const months: Array<{
        readonly month: Period.Month
        readonly workingDays: number
        readonly provisional: boolean
      }> = []
      for (const m of monthList)
        months.push({
          month: m,
          workingDays: yield* domain(Calendar.workingDaysIn(cal, m), "--period"),
          provisional: provisionalIn(m)
        })
      const calendarDays = Period.length(p)
      if (options.format === "json")
        return json({ period: p, workingDays: total, calendarDays, provisional, months, presidentialNonWorkingDays })
      return text(
        `${p}: ${total} working days of ${calendarDays}${presidentialNonWorkingDays ? "" : " (without the presidential non-working days)"}${provisional ? " — provisional: no official data for some of it; Labour Code only" : ""}`,
        ...(months.length > 1 ? months.map((m) => `  ${m.month}  ${m.workingDays}`) : [])
      )
    })
})

/** `cityhall calendar schema`: the JSON Schema of a calendar file. */
export const schema = command({
  name: "schema",
  summary: "The JSON Schema of a calendar file (cityhall.calendar/1), as docs/calendar.schema.json has it",
  description: [
    "A calendar file gives a city's official years: the government's decree transferring days off and any non-working days declared by other acts, each with its source. Load it with --calendar FILE on every command that counts days, and in `serve`."
  ],
  options: {},
  examples: ["cityhall calendar schema"],
  run: () => Either.right(json(JSONSchema.make(ProductionCalendarData.CalendarFile)))
})

/** The `calendar` group. */
export const calendar = group(
  "calendar",
  "the production calendar of the Russian Federation: official years and provisional ones, 2019-2199",
  [day, workingDays, schema]
)
