/**
 * `cityhall appeals export` and `cityhall appeals remind`: the commands of
 * the `appeals` group that read or write a store. The CLI acts as the
 * system's administrator (`App.Principal.system("cli")`), as the importer
 * and the reports do.
 *
 * @module
 */
import { Effect } from "effect"
import { App } from "../../../src/index.js"
import { command } from "../Command.js"
import { fromDomain, json, UsageError } from "../Output.js"
import * as Db from "../internal/Db.js"
import * as Exports from "../internal/Exports.js"
import * as Setup from "../internal/Setup.js"
import * as Stores from "../internal/Stores.js"
import * as Values from "../Values.js"

const storeOptions = {
  ...Setup.storeOptions,
  ...Setup.dbOption(` (default ${Db.DEFAULT_DB} without --store or a configuration)`),
  ...Values.calendarOption
} as const

/** A use case's failure as one line naming the option it came from (`period` -> `--period`). */
const failure = (storeOption: string) => (e: { readonly _tag: string; readonly message: string }) =>
  e._tag === "InvalidRequest"
    ? fromDomain({ _tag: e._tag, message: `--${e.message}` })
    : fromDomain(e, e._tag === "StorageError" || e._tag === "CorruptRow" ? storeOption : undefined)

/** `cityhall appeals export`: the journal of appeals of a period, as CSV or XLSX. */
export const exportJournal = command({
  name: "export",
  summary: "The journal of appeals registered in a period, as CSV or XLSX, from a store",
  description: [
    "One row per appeal registered in the period (a day, month, quarter or year): registration number, the days of receipt and registration, channel, kind, type, main topic and every topic, addressee, division, executor, the due date in force and the days of extension, state, outcome, the day closed, result, the answer's outgoing number and date, and whether a term was missed. The rows are the appeals' read model (docs/appeals.md, «The journal export»).",
    "--with-personal-data adds the applicant's name, postal address, e-mail, telephone and the text (the CLI acts as the administrator, who may see them). Without it no personal data is written.",
    "CSV is UTF-8 with a byte-order mark (so Excel reads Cyrillic right), RFC 4180 (comma, CRLF, quotes doubled); a text starting with = + - @ gets a leading ' so no spreadsheet reads it as a formula (XLSX too). With --out the rows are written as the store's pages come, so a large period is never held in memory; without it the CSV goes to stdout whole. --format xlsx needs --out and the optional package exceljs."
  ],
  options: {
    period: {
      type: "string",
      value: "PERIOD",
      description: "the period: YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY",
      required: true
    },
    format: {
      type: "string",
      value: "FORMAT",
      choices: ["csv", "xlsx"],
      default: "csv",
      description: "CSV or an XLSX workbook"
    },
    lang: {
      type: "string",
      value: "LANG",
      choices: ["ru", "en"],
      default: "ru",
      description: "the language of the header and labels"
    },
    out: { type: "string", value: "FILE", description: "write the journal to FILE (stdout then names the file)" },
    "with-personal-data": { type: "boolean", description: "add the applicant's data and the text (personal data)" },
    ...storeOptions
  },
  examples: [
    "cityhall appeals export --period 2020-03",
    "cityhall appeals export --period 2020 --format xlsx --out journal-2020.xlsx",
    "cityhall appeals export --period 2020-Q1 --with-personal-data --out journal-q1.csv"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      if (options.format === "xlsx" && options.out === undefined)
        return yield* new UsageError({ message: "--format xlsx writes a workbook: give --out FILE" })
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const lang = options.lang === "en" ? "en" : "ru"
      const personal = options["with-personal-data"]
      const p = App.Principal.system("cli")
      const effect = Effect.gen(function* () {
        const lines = yield* App.AppealExports.journal(p, { period: options.period, personal, lang })
        const today = yield* App.City.today
        return yield* options.format === "xlsx"
          ? Exports.journalXlsx(lines, {
              lang,
              personal,
              out: options.out!,
              period: options.period,
              created: new Date(`${today}T00:00:00Z`)
            })
          : Exports.csv(lines, { lang, personal, out: options.out })
      }).pipe(
        Effect.provide(App.City.layerOf(setup.city)),
        Effect.mapError((e) => (e._tag === "InputError" ? e : failure(setup.storeOption)(e)))
      )
      return yield* Stores.withStore(setup.storeOption, setup.store, false, effect, "check")
    })
})

/** `cityhall appeals remind`: the deadline reminders due today, once. */
export const remind = command({
  name: "remind",
  summary: "Send the reminders of approaching answer deadlines due today (DeadlineApproaching events), once",
  description: [
    "For every open appeal whose answer falls due soon, appends a DeadlineApproaching event when a threshold is reached (by default 3 and 1 working days before the due date in force), once per appeal, due date and threshold: a second run on the same day sends nothing, an extension arms the thresholds again for the new due date. The events go to the bus through the outbox (subject <prefix>.appeal_reminder.DeadlineApproaching, docs/events.md), where a consumer can send the e-mails. 'cityhall serve' runs the same every --remind-every (default an hour).",
    "Output keys: on (the city's day), checked (open appeals looked at), emitted (the reminders sent: appealId, registrationNumber, due, threshold, division, executor)."
  ],
  options: {
    threshold: {
      type: "string",
      value: "N",
      multiple: true,
      description: "a threshold in working days before the due date, 0..30 (repeatable; default 3 and 1)"
    },
    ...storeOptions
  },
  examples: [
    "cityhall appeals remind",
    "cityhall appeals remind --threshold 5 --threshold 1 --store postgres://cityhall@127.0.0.1:5432/city"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const thresholds: Array<number> = []
      for (const t of options.threshold) thresholds.push(yield* Values.integer("--threshold", t, 0, 30))
      const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
      const r = yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        false,
        App.Reminders.remind(App.Principal.system("cli"), thresholds.length === 0 ? {} : { thresholds }).pipe(
          Effect.provide(App.City.layerOf(setup.city)),
          Effect.mapError(failure(setup.storeOption))
        )
      )
      return json({
        on: r.on,
        checked: r.checked,
        emitted: r.emitted.map((e) => ({
          appealId: e.appealId,
          registrationNumber: e.registrationNumber,
          dueKind: e.dueKind,
          due: e.due,
          threshold: e.threshold,
          division: e.division,
          executor: e.executor
        }))
      })
    })
})
