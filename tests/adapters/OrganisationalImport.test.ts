/**
 * The organisational areas through the import pipeline into every store
 * (issue 21): the demo city's publications, information plans, program
 * budgets, Methodological Council and City Duma sessions, imported into
 * memory, SQLite and PostgreSQL (`CITYHALL_PG_URL`; skipped with one line
 * otherwise), read back by `Reporting.Records.read` as the states the
 * deciders give in process, and reported as the same sections; a second
 * import stores nothing.
 */
import { it } from "@effect/vitest"
import { Effect, type Layer, Redacted } from "effect"
import { describe, expect } from "vitest"
import * as Importer from "../../adapters/cli/import/Importer.js"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import { Demo, Period, Reporting } from "../../src/index.js"
import { fold } from "../demo/fold.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "")
  console.log(
    "postgres import of the organisational areas skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it"
  )

const city = Demo.Generator.generate({ seed: 2020 })
const KINDS = new Set([
  "organisation",
  "publications",
  "informationPlan",
  "programBudget",
  "methodologicalCouncil",
  "dumaSession"
])
const records = city.records.filter(
  (r) => KINDS.has(r.kind) || (r.kind === "plan" && r.history[0].plan === "strategy-2030")
)
const expected = fold(records)
const sections = (r: Reporting.AnnualReport.Records, lang: Reporting.Plural.Lang) =>
  Reporting.AnnualReport.fromRecords(r, 2020, Period.unsafeDay("2020-12-31"), lang).sections.filter((s) =>
    [
      "Информационная работа",
      "Контроль исполнения бюджета муниципальных программ",
      "Методическая работа",
      "Обеспечение деятельности городской Думы",
      "Information work",
      "Budget control of municipal programs",
      "Methodological support",
      "City Duma support"
    ].includes(s.heading)
  )

const stores: ReadonlyArray<readonly [string, Layer.Layer<never, unknown, never> | undefined]> = [
  ["memory", MemoryStore.layer as never],
  ["sqlite", SqliteStore.layer({ filename: ":memory:" }) as never],
  [
    "postgres",
    url === undefined || url === ""
      ? undefined
      : (PostgresStore.layerForTesting({
          url: Redacted.make(url),
          schema: `cityhall_import21_${process.pid}_${Date.now().toString(36)}`,
          dropSchemaOnClose: true
        }) as never)
  ]
]

describe("the organisational areas imported into each store", () => {
  for (const [name, layer] of stores) {
    if (layer === undefined) continue // postgres without CITYHALL_PG_URL: said once above
    it.effect(
      `${name}: read back as the deciders' states, reported as the same sections, a re-import stores nothing`,
      () =>
        Effect.gen(function* () {
          const options = { batchSize: 200, recordedAt: "2021-01-15T00:00:00.000Z", onReject: () => Effect.void }
          const first = yield* Importer.importRecords(records, options)
          expect(first).toMatchObject({ rejected: 0, imported: records.length })
          const again = yield* Importer.importRecords(records, options)
          expect(again).toMatchObject({ rejected: 0, imported: 0, duplicates: records.length, events: 0 })
          const read = yield* Reporting.Records.read(Reporting.Records.forYear(2020))
          expect(read.publications).toStrictEqual(expected.publications)
          expect(read.coverageReports).toStrictEqual(expected.coverageReports)
          expect(read.budgets).toStrictEqual(expected.budgets)
          expect(read.councils).toStrictEqual(expected.councils)
          expect(read.dumaSessions).toStrictEqual(expected.dumaSessions)
          for (const lang of ["ru", "en"] as const) {
            const got = sections(read, lang)
            expect(got).toHaveLength(4)
            expect(got).toStrictEqual(sections(expected, lang))
          }
        }).pipe(Effect.provide(layer), Effect.scoped) as Effect.Effect<void>,
      300_000
    )
  }
})
