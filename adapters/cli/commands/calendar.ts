/**
 * `cityhall calendar …`: the production calendar of the Russian Federation
 * (working days), a quick check of the kernel's calendar.
 *
 * @module
 */
import { Either } from "effect"
import { Calendar, Period } from "../../../src/kernel/index.js"
import { command, group } from "../Command.js"
import { domain, json, text } from "../Output.js"
import * as Values from "../Values.js"

const common = {
  "no-decree-days": { type: "boolean", description: "ignore the presidential non-working days of 2020 and 2021" },
  format: { type: "string", value: "FORMAT", choices: ["text", "json"], default: "text", description: "output format" }
} as const

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const

/** `cityhall calendar day`: whether a day is a working day, and why. */
export const day = command({
  name: "day",
  summary: "Whether a day is a working day, why, and the working days around it",
  description: [
    "JSON keys: day, weekday, working, kind, previousWorkingDay, nextWorkingDay, presidentialNonWorkingDays. Kinds: working, weekend, holiday, holidayCompensation, transferredDayOff, workingWeekend, presidentialNonWorking, regionalNonWorking, regionalWorking."
  ],
  options: {
    day: { type: "string", value: "DATE", description: "the day, YYYY-MM-DD (2019..2026)", required: true },
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
      const cal = Calendar.russia({ presidentialNonWorkingDays })
      const kind = yield* domain(Calendar.dayKind(cal, d), "--day")
      const working = yield* domain(Calendar.isWorkingDay(cal, d), "--day")
      const previous = Either.getOrNull(Calendar.previousWorkingDay(cal, d))
      const next = Either.getOrNull(Calendar.nextWorkingDay(cal, d))
      const weekday = WEEKDAYS[Period.isoWeekday(d) - 1] ?? ""
      if (options.format === "json") {
        return json({
          day: d,
          weekday,
          working,
          kind,
          previousWorkingDay: previous,
          nextWorkingDay: next,
          presidentialNonWorkingDays
        })
      }
      return text(
        `${d} (${weekday}): ${working ? "working day" : "day off"} — ${kind}`,
        `previous working day ${previous ?? "outside the calendar"}, next ${next ?? "outside the calendar"}`
      )
    })
})

/** `cityhall calendar working-days`: the working days of a period, by month. */
export const workingDays = command({
  name: "working-days",
  summary: "The number of working days in a year, quarter, month or day, by month",
  description: [
    "JSON keys: period, workingDays, calendarDays, months [{ month, workingDays }], presidentialNonWorkingDays."
  ],
  options: {
    period: {
      type: "string",
      value: "PERIOD",
      description: "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD (2019..2026)",
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
      const cal = Calendar.russia({ presidentialNonWorkingDays })
      const total = yield* domain(Calendar.workingDaysIn(cal, p), "--period")
      const monthList =
        Period.kindOf(p) === "day"
          ? []
          : Period.months(p as Period.Month | Period.Quarter | Period.Year | Period.Horizon)
      const months: Array<{ readonly month: Period.Month; readonly workingDays: number }> = []
      for (const m of monthList)
        months.push({ month: m, workingDays: yield* domain(Calendar.workingDaysIn(cal, m), "--period") })
      const calendarDays = Period.length(p)
      if (options.format === "json")
        return json({ period: p, workingDays: total, calendarDays, months, presidentialNonWorkingDays })
      return text(
        `${p}: ${total} working days of ${calendarDays}${presidentialNonWorkingDays ? "" : " (without the presidential non-working days)"}`,
        ...(months.length > 1 ? months.map((m) => `  ${m.month}  ${m.workingDays}`) : [])
      )
    })
})

/** The `calendar` group. */
export const calendar = group("calendar", "the production calendar of the Russian Federation, 2019-2026", [
  day,
  workingDays
])
