/**
 * The appeal figures the reports read (issue 19, live reports from read
 * models): `AppealFigures.read` over the counters of a store equals
 * `AppealFigures.fromSummaries` over the appeals' summaries — the analyses
 * of any months, the monitoring totals as of any day, the appeals per month
 * and their latest due day — on memory, SQLite and PostgreSQL, and again
 * after a rebuild of the read models from the events.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, type Layer, Redacted } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as AppealFigures from "../../src/appeals/AppealFigures.js"
import type { AppealCommand } from "../../src/appeals/AppealCommand.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import * as Period from "../../src/kernel/Period.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import type { EventStore } from "../../src/ports/EventStore.js"
import * as Rebuild from "../../src/ports/Rebuild.js"
import type { ReadModels } from "../../src/ports/ReadModels.js"
import { histories } from "./appealHistories.js"
import { runs } from "../support/runs.js"

const definition = AppealRecords.definition

const pgUrl = process.env["CITYHALL_PG_URL"]
if (pgUrl === undefined || pgUrl === "")
  console.log(
    "postgres appeal-figures property skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it"
  )

let schemas = 0
const stores: ReadonlyArray<{
  readonly name: string
  readonly layer: () => Layer.Layer<ReadModels | EventStore, unknown>
  readonly runs: number
  readonly skip: boolean
}> = [
  { name: "memory", layer: () => MemoryStore.layer, runs: 40, skip: false },
  { name: "sqlite", layer: () => SqliteStore.layerForTesting({ filename: ":memory:" }), runs: 15, skip: false },
  {
    name: "postgres",
    layer: () =>
      PostgresStore.layerForTesting({
        url: Redacted.make(pgUrl ?? ""),
        schema: `cityhall_figures_${process.pid}_${Date.now()}_${schemas++}`,
        dropSchemaOnClose: true
      }),
    runs: 5,
    skip: pgUrl === undefined || pgUrl === ""
  }
]

/** Handles every command (domain refusals are part of a history), then answers the appeals' summaries. */
const load = (hs: ReadonlyArray<ReadonlyArray<AppealCommand>>) =>
  Effect.gen(function* () {
    for (const h of hs) for (const c of h) yield* Effect.either(CommandHandler.handle(definition, c.appealId, c))
    const out = []
    for (const h of hs) {
      const first = h[0]
      if (first === undefined) continue
      const row = AppealRecords.rowOf((yield* CommandHandler.load(definition, first.appealId)).state)
      if (row !== undefined) out.push(AppealRecords.summaryOf(row))
    }
    return out
  })

const months = Period.months(Period.unsafeHorizon("2020..2021"))
const request = fc.record({
  months: fc.subarray([...months], { minLength: 1, maxLength: 6 }),
  monitoring: fc.subarray([...months], { maxLength: 3 }),
  everyMonth: fc.boolean(),
  asOf: fc
    .integer({
      min: Period.epochDay(Period.unsafeDay("2020-01-01")),
      max: Period.epochDay(Period.unsafeDay("2021-12-31"))
    })
    .map(Period.fromEpochDay)
})

// the runs reach what the figures must get right at all: counted over every store's runs
let closedAfterTheDay = 0
let multiQuestion = 0
let done = 0
afterAll(() => {
  if (done >= 40) {
    expect(closedAfterTheDay, `monitored appeals closed after the day in ${done} runs`).toBeGreaterThan(0)
    expect(multiQuestion, `monitored appeals with several questions in ${done} runs`).toBeGreaterThan(0)
  }
})

describe("the appeal figures from the counters", () => {
  for (const store of stores) {
    it.skipIf(store.skip)(
      `${store.name}: equal the figures from the summaries (analyses, monitoring totals, appeals and latest due day of the months asked for or of every month), and after a rebuild`,
      async () => {
        await fc.assert(
          fc.asyncProperty(
            histories(30, new Date("2020-11-01T00:00:00Z"), new Date("2021-05-01T00:00:00Z")),
            request,
            async (hs, req) => {
              const { summaries, read, rebuilt } = await Effect.runPromise(
                Effect.gen(function* () {
                  const summaries = yield* load(hs)
                  const read = yield* AppealFigures.read(req)
                  yield* Rebuild.rebuild([definition])
                  const rebuilt = yield* AppealFigures.read(req)
                  return { summaries, read, rebuilt }
                }).pipe(Effect.scoped, Effect.provide(store.layer()))
              )
              const expected = AppealFigures.fromSummaries(summaries, req)
              expect(read).toEqual(expected)
              expect(rebuilt).toEqual(expected)
              done++
              for (const s of summaries)
                if (req.monitoring.includes(Period.monthOf(s.registeredOn))) {
                  if (s.closedOn !== undefined && s.closedOn > req.asOf) closedAfterTheDay++
                  if (s.topics.length > 1) multiQuestion++
                }
            }
          ),
          { numRuns: runs(store.runs) }
        )
      }
    )
  }

  it("the provisional-calendar day: the calendar's last official day when an appeal of the period is due after it", () => {
    const calendar = Calendar.russia()
    const through = calendar.officialThrough!
    const month = Period.monthOf(through)
    const figures = (due: Period.Day): AppealFigures.AppealFigures => ({
      asOf: through,
      registered: new Map([[month, 1]]),
      latestDue: new Map([[month, due]]),
      analyses: new Map(),
      monitoring: new Map()
    })
    expect(AppealFigures.provisionalAfter(figures(Period.addDays(through, 1)), calendar, month)).toBe(through)
    expect(AppealFigures.provisionalAfter(figures(through), calendar, month)).toBeUndefined()
    expect(
      AppealFigures.provisionalAfter(
        figures(Period.addDays(through, 1)),
        calendar,
        Period.monthOf(Period.addDays(Period.firstDay(month), -1))
      )
    ).toBeUndefined()
  })
})
