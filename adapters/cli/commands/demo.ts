/**
 * `cityhall demo`: a demo store with the reference city, then its annual
 * report for 2020 (and, with `--serve`, its pages over HTTP).
 *
 * @module
 */
import { Clock, Effect } from "effect"
import { App, Demo, Period, Reporting } from "../../../src/index.js"
import { command } from "../Command.js"
import { domain, InputError } from "../Output.js"
import * as Importer from "../import/Importer.js"
import * as Setup from "../internal/Setup.js"
import * as Stores from "../internal/Stores.js"
import * as Reports from "../internal/Reports.js"
import * as Values from "../Values.js"
import { progress } from "./import.js"
import { serveStore } from "./serve.js"

/** The demo store's default path. */
export const DEMO_DB = ".cityhall/demo.sqlite"

/** `cityhall demo`. */
export const demo = command({
  name: "demo",
  summary: "Creates a demo store of a reference city (2019-2020) and prints its annual report for 2020",
  description: [
    "Generates the records of a reference city from a seed — its organisation (divisions with their Russian and English names, officials, the duty distribution), 11072 appeals in 2019 and 11384 in 2020 (3780 written, 7459 electronic, 145 oral) with their histories, a strategic plan to 2030 with programs and indicators, annual and monthly plans with the divisions' monthly reports, the Address implementation plan with quarterly reports, the plans of 2021 approved in December 2020, the election calendars of 13 September 2020 (a City Duma by-election) and of 19 September 2021 (three concurrent elections), the personal receptions and information meetings, the publications and monthly information plans, the programs' budgets, the Methodological Council and the City Duma's sessions, the polling stations of the by-election's district with their officers — imports them into the store through the import pipeline (bulk appends, idempotent: a second run adds nothing), then prints the annual report for 2020 with every section, «Задачи на 2021 год» last.",
    "One line on stderr says what was imported and how long it took. With --serve the reports and the HTTP API are then served on the same store (see 'cityhall serve'), with an administrator token printed for the demo."
  ],
  options: {
    ...Setup.storeOptions,
    ...Setup.dbOption(` (created when missing; default ${DEMO_DB})`),
    seed: { type: "string", value: "N", default: "2020", description: "the seed of the generator" },
    format: {
      type: "string",
      value: "FORMAT",
      choices: Reports.FORMATS,
      default: "md",
      description: "the report's format"
    },
    lang: { type: "string", value: "LANG", choices: ["ru", "en"], default: "ru", description: "the report's language" },
    out: { type: "string", value: "FILE", description: "write the report to FILE" },
    serve: { type: "boolean", description: "then serve the reports over HTTP (Ctrl-C stops)" },
    port: { type: "string", value: "N", default: "8080", description: "the port for --serve" },
    ...Values.calendarOption
  },
  examples: [
    "cityhall demo",
    "cityhall demo --db /tmp/demo.sqlite --seed 7 --format html --out report.html",
    "cityhall demo --serve --port 8080"
  ],
  run: ({ options }) =>
    Effect.gen(function* () {
      const seed = yield* Values.integer("--seed", options.seed, 0, 2 ** 31 - 1)
      const port = yield* Values.integer("--port", options.port, 0, 65535)
      const given = yield* Setup.resolve({ ...options, defaultDb: DEMO_DB, defaultConfig: false })
      // the demo city's own settings (its internal draft term) unless a configuration is given
      const setup =
        given.configFile !== undefined
          ? given
          : {
              ...given,
              city: yield* domain(
                App.City.make({ calendar: given.city.calendar, terms: Demo.City.terms }),
                "--calendar"
              )
            }
      const started = yield* Clock.currentTimeMillis
      const city = Demo.Generator.generate({ seed })
      const bar = progress("cityhall demo", { total: city.records.length })
      const lang = options.lang === "en" ? "en" : "ru"
      return yield* Stores.withStore(
        setup.storeOption,
        setup.store,
        true,
        Effect.gen(function* () {
          const counts = yield* Importer.importRecords(city.records, {
            batchSize: 1000,
            appealDefinition: setup.city.appeals,
            timeZone: setup.city.timeZone,
            recordedAt: new Date(started).toISOString(),
            onProgress: bar.update,
            onReject: (r) =>
              Effect.sync(() => process.stderr.write(`cityhall demo: record ${r.line} rejected: ${r.reason}\n`))
          }).pipe(Effect.mapError(Setup.storageError(setup)))
          bar.done()
          const records = yield* Reports.read(Reporting.Records.forAnnual(2020, Period.unsafeDay("2020-12-31")))
          const ended = yield* Clock.currentTimeMillis
          process.stderr.write(
            `cityhall demo: seed ${seed}: ${counts.lines} records, ${counts.imported} imported (${counts.events} events), ${counts.duplicates} already stored, ${counts.rejected} rejected, into ${Stores.printable(setup.store)} in ${((ended - started) / 1000).toFixed(1)} s\n`
          )
          if (counts.rejected > 0)
            return yield* Effect.fail(
              new InputError({
                kind: "RejectedRecords",
                message: `${counts.rejected} generated records were refused (see above)`
              })
            )
          const text = Reports.render(
            Reports.annual(records, 2020, Period.unsafeDay("2020-12-31"), lang, setup.city),
            options.format as Reports.Format
          )
          if (options.serve) {
            if (options.out !== undefined) yield* Reports.output(text, options.out)
            return yield* serveStore("127.0.0.1", port, setup, true)
          }
          return yield* Reports.output(text, options.out)
        })
      )
    })
})
