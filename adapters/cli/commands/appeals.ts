/**
 * `cityhall appeals …`: citizens' appeals under 59-FZ.
 *
 * @module
 */
import { Either } from "effect"
import { type Term, TimeZone } from "../../../src/kernel/index.js"
import * as AppealDue from "../AppealDue.js"
import { command, group } from "../Command.js"
import { exportJournal, remind } from "./appealRecords.js"
import { domain, json } from "../Output.js"
import * as Values from "../Values.js"

const POLICIES: Record<string, Term.EndOfTermPolicy> = {
  previous: "previousWorkingDay",
  next: "nextWorkingDay",
  none: "none"
}

/** `cityhall appeals due`: the due dates of an answer, as JSON. */
export const due = command({
  name: "due",
  summary: "Due dates of the answer to an appeal (59-FZ art. 12), as JSON",
  description: [
    "Counts 30 calendar days from the day after registration (59-FZ art. 12 p. 1) on the production calendar of the Russian Federation. When the last day is not a working day, --policy decides: previous (the last working day before it; the default), next (the first working day after it), none (the day as it falls).",
    "--extended-days adds an extension of at most 30 days (59-FZ art. 12 p. 2), counted from the original nominal due date; more is an error. --registered takes a local day, or an instant with an offset converted to the local day in --tz.",
    "Every year from 2019 to 2199 is counted: the official years (shipped 2019-2026, or loaded with --calendar FILE) and the rest provisionally by the Labour Code alone; a due date that rests on a provisional year says provisional: true.",
    "Output keys: registered, timeZone, policy, presidentialNonWorkingDays, termDays, source, nominalDue, due, provisional, calendar { officialThrough }, extension (null, or { days, nominalDue, due, provisional, source })."
  ],
  options: {
    registered: {
      type: "string",
      value: "DATE",
      description: "day of registration YYYY-MM-DD, or an instant such as 2020-12-31T20:00:00Z",
      required: true
    },
    "extended-days": { type: "string", value: "N", description: "days of extension, 1..30" },
    policy: {
      type: "string",
      value: "POLICY",
      choices: ["previous", "next", "none"],
      default: "previous",
      description: "where a due date on a day off moves"
    },
    tz: {
      type: "string",
      value: "ZONE",
      default: TimeZone.KHABAROVSK,
      description: "the administration's IANA time zone"
    },
    "no-decree-days": { type: "boolean", description: "ignore the presidential non-working days of 2020 and 2021" },
    ...Values.calendarOption,
    format: { type: "string", value: "FORMAT", choices: ["json"], default: "json", description: "output format" }
  },
  examples: [
    "cityhall appeals due --registered 2021-03-01",
    "cityhall appeals due --registered 2021-03-01 --extended-days 30",
    "cityhall appeals due --registered 2021-04-08 --no-decree-days",
    "cityhall appeals due --registered 2027-05-15 --calendar docs/calendar.example.json",
    "cityhall appeals due --registered 2020-12-31T20:00:00Z --tz Asia/Vladivostok --policy next"
  ],
  run: ({ options }) =>
    Either.gen(function* () {
      const timeZone = yield* Values.timeZone("--tz", options.tz)
      const registered = yield* Values.dayOrInstant("--registered", options.registered, timeZone)
      const extended = options["extended-days"]
      const extendedDays =
        extended === undefined ? undefined : yield* Values.integer("--extended-days", extended, 1, 3660)
      const policy = POLICIES[options.policy] ?? "previousWorkingDay"
      const presidentialNonWorkingDays = !options["no-decree-days"]
      const calendar = yield* Values.calendar("--calendar", options.calendar, presidentialNonWorkingDays)
      const result = yield* domain(
        AppealDue.dueDates({
          registered,
          policy,
          timeZone,
          calendar,
          ...(extendedDays === undefined ? {} : { extendedDays })
        })
      )
      return json({
        registered: result.registered,
        timeZone,
        policy,
        presidentialNonWorkingDays,
        termDays: AppealDue.TERM_DAYS,
        source: "59-FZ art. 12 p. 1",
        nominalDue: result.nominalDue,
        due: result.due,
        provisional: result.provisional,
        calendar: { officialThrough: calendar.officialThrough ?? null },
        extension: result.extension === undefined ? null : { ...result.extension, source: "59-FZ art. 12 p. 2" }
      })
    })
})

/** The `appeals` group. */
export const appeals = group("appeals", "citizens' appeals under Federal Law 59-FZ", [due, exportJournal, remind])
