/**
 * The monitoring report (Decree No. 171) on every store adapter: read from
 * the appeals' rows (`AppealRecords.monitoring`), it is the report of the
 * appeals' states, and its appeals are the monthly analysis's total from
 * the counters, on every month of random histories.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, type Layer, Redacted } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import type { AppealCommand } from "../../src/appeals/AppealCommand.js"
import * as Monitoring from "../../src/appeals/Monitoring.js"
import * as Period from "../../src/kernel/Period.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import type { EventStore } from "../../src/ports/EventStore.js"
import type { ReadModels } from "../../src/ports/ReadModels.js"
import { runs } from "../support/runs.js"
import { histories } from "./appealHistories.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "")
  console.log(
    "postgres monitoring tests skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )

let schemas = 0
const stores: ReadonlyArray<{
  readonly name: string
  readonly layer: () => Layer.Layer<EventStore | ReadModels, unknown>
  readonly runs: number
  readonly skip: boolean
}> = [
  { name: "memory", layer: () => MemoryStore.layer, runs: 20, skip: false },
  { name: "sqlite", layer: () => SqliteStore.layerForTesting({ filename: ":memory:" }), runs: 8, skip: false },
  {
    name: "postgres",
    layer: () =>
      PostgresStore.layerForTesting({
        url: Redacted.make(url ?? ""),
        schema: `cityhall_monitoring_${process.pid}_${Date.now()}_${schemas++}`,
        dropSchemaOnClose: true
      }),
    runs: 3,
    skip: url === undefined || url === ""
  }
]

const MONTHS = ["2020-01", "2020-02", "2020-03", "2020-04"].map(Period.unsafeMonth)

const check = (hs: ReadonlyArray<ReadonlyArray<AppealCommand>>) =>
  Effect.gen(function* () {
    for (const h of hs)
      for (const c of h) yield* Effect.either(CommandHandler.handle(AppealRecords.definition, c.appealId, c))
    const summaries = []
    for (const h of hs) {
      const first = h[0]
      if (first === undefined) continue
      const row = AppealRecords.rowOf((yield* CommandHandler.load(AppealRecords.definition, first.appealId)).state)
      if (row !== undefined) summaries.push(AppealRecords.summaryOf(row))
    }
    for (const month of MONTHS) {
      const stored = yield* AppealRecords.monitoring(month)
      expect(stored).toStrictEqual(Monitoring.report(summaries, month))
      const analysis = yield* AppealRecords.analyse(month, Period.lastDay(month))
      expect(stored.totals.appeals).toBe(analysis.total)
    }
  })

describe("AppealRecords.monitoring on every store", () => {
  for (const store of stores) {
    it.skipIf(store.skip)(
      `${store.name}: the report of the stored rows, with the analysis's total`,
      async () => {
        await fc.assert(
          fc.asyncProperty(histories(6, new Date("2020-01-01T00:00:00Z"), new Date("2020-05-01T00:00:00Z")), (hs) =>
            Effect.runPromise(Effect.scoped(Effect.provide(check(hs), store.layer())))
          ),
          { numRuns: runs(store.runs) }
        )
      },
      120_000
    )
  }
})
