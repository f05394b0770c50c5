/**
 * The journal export on every store adapter: the rows `App.AppealExports.journal`
 * streams for a period are exactly `JournalExport.entryOf` of the read
 * model's rows of the appeals registered in it (ordered by day, then key),
 * read in pages of a small size so that paging by key is exercised; the
 * personal columns are the appeals' own; a division head gets their
 * division's rows only.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, FastCheck as fc, type Layer, Redacted, Stream } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import type { AppealCommand } from "../../src/appeals/AppealCommand.js"
import * as JournalExport from "../../src/appeals/JournalExport.js"
import type { RegisteredState } from "../../src/appeals/AppealState.js"
import * as AppExports from "../../src/app/AppealExports.js"
import * as City from "../../src/app/City.js"
import { Principal } from "../../src/app/Principal.js"
import type { ActorId, DivisionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { EventStore as EventStoreTag, type EventStore } from "../../src/ports/EventStore.js"
import type { ReadModels } from "../../src/ports/ReadModels.js"
import { runs } from "../support/runs.js"
import { histories } from "./appealHistories.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "")
  console.log(
    "postgres journal export tests skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )

let schemas = 0
const stores: ReadonlyArray<{
  readonly name: string
  readonly layer: () => Layer.Layer<EventStore | ReadModels, unknown>
  readonly runs: number
  readonly skip: boolean
}> = [
  { name: "memory", layer: () => MemoryStore.layer, runs: 10, skip: false },
  { name: "sqlite", layer: () => SqliteStore.layerForTesting({ filename: ":memory:" }), runs: 8, skip: false },
  {
    name: "postgres",
    layer: () =>
      PostgresStore.layerForTesting({
        url: Redacted.make(url ?? ""),
        schema: `cityhall_journal_${process.pid}_${Date.now()}_${schemas++}`,
        dropSchemaOnClose: true
      }),
    runs: 3,
    skip: url === undefined || url === ""
  }
]

const clerk = new Principal({ subject: "clerk-1" as ActorId, role: "clerk" })
/** Periods exported with and without the personal columns, and one (a year: 366 days of pages) without. */
const PERIODS = ["2020-02", "2020-Q1", "2020-03-10"]

const collect = <A, E, R>(s: Stream.Stream<A, E, R>) => Effect.map(Stream.runCollect(s), Chunk.toReadonlyArray)

const check = (hs: ReadonlyArray<ReadonlyArray<AppealCommand>>, pageSize: number) =>
  Effect.gen(function* () {
    for (const h of hs)
      for (const c of h) yield* Effect.either(CommandHandler.handle(AppealRecords.definition, c.appealId, c))
    const states: Array<RegisteredState> = []
    for (const h of hs) {
      const first = h[0]
      if (first === undefined) continue
      const s = (yield* CommandHandler.load(AppealRecords.definition, first.appealId)).state
      if (s._tag !== "Unregistered") states.push(s)
    }
    const byKey = (a: RegisteredState, b: RegisteredState) =>
      a.appeal.registeredOn < b.appeal.registeredOn
        ? -1
        : a.appeal.registeredOn > b.appeal.registeredOn
          ? 1
          : a.appeal.appealId < b.appeal.appealId
            ? -1
            : 1
    states.sort(byKey)
    for (const p of PERIODS) {
      const period = Period.parse(p).pipe((e) => (e._tag === "Right" ? e.right : Period.unsafeDay("2020-01-01")))
      const expected = states.filter((s) => Period.contains(period, s.appeal.registeredOn))
      const lines = yield* collect(yield* AppExports.journal(clerk, { period: p, pageSize }))
      expect(lines.map((l) => l.entry)).toStrictEqual(
        expected.map((s) => JournalExport.entryOf(AppealRecords.rowOf(s)!))
      )
      expect(lines.every((l) => l.personal === undefined)).toBe(true)
      const personal = yield* collect(yield* AppExports.journal(clerk, { period: p, pageSize, personal: true }))
      expect(personal.map((l) => l.personal?.text)).toStrictEqual(expected.map((s) => Redacted.value(s.appeal.text)))
      expect(personal.map((l) => l.personal?.name)).toStrictEqual(
        expected.map((s) =>
          s.appeal.applicant?.name === undefined ? undefined : Redacted.value(s.appeal.applicant.name)
        )
      )
    }
    const year = yield* collect(yield* AppExports.journal(clerk, { period: "2020", pageSize }))
    expect(year.map((l) => l.entry)).toStrictEqual(
      states
        .filter((s) => s.appeal.registeredOn.startsWith("2020"))
        .map((s) => JournalExport.entryOf(AppealRecords.rowOf(s)!))
    )
    // a division head: their division's rows only, the same entries
    const division = states.find((s) => s._tag !== "Registered" && s.division !== undefined)
    if (division !== undefined && division._tag !== "Registered" && division.division !== undefined) {
      const d: DivisionId = division.division
      const head = new Principal({ subject: "head-1" as ActorId, role: "divisionHead", division: d })
      const lines = yield* collect(yield* AppExports.journal(head, { period: "2020-Q1", pageSize }))
      const expected = states.filter(
        (s) =>
          s._tag !== "Registered" &&
          s.division === d &&
          Period.contains(Period.unsafeQuarter("2020-Q1"), s.appeal.registeredOn)
      )
      expect(lines.map((l) => l.entry)).toStrictEqual(
        expected.map((s) => JournalExport.entryOf(AppealRecords.rowOf(s)!))
      )
    }
  }).pipe(Effect.provide(City.layerOf(City.reference)))

describe("App.AppealExports.journal on every store", () => {
  for (const store of stores) {
    it.skipIf(store.skip)(
      `${store.name}: the export's rows are the read model's rows of the period, page by page`,
      async () => {
        await fc.assert(
          fc.asyncProperty(
            histories(8, new Date("2020-01-20T00:00:00Z"), new Date("2020-04-10T00:00:00Z")),
            fc.integer({ min: 1, max: 3 }),
            (hs, pageSize) => Effect.runPromise(Effect.scoped(Effect.provide(check(hs, pageSize), store.layer())))
          ),
          { numRuns: runs(store.runs) }
        )
      },
      120_000
    )
  }

  it.effect("refusals name what was wrong: the period, the page size, a role without export or personal data", () =>
    Effect.gen(function* () {
      const bad = yield* Effect.flip(AppExports.journal(clerk, { period: "2020-13" }))
      expect(bad).toMatchObject({ _tag: "InvalidRequest", field: "period" })
      const horizon = yield* Effect.flip(AppExports.journal(clerk, { period: "2020-2030" }))
      expect(horizon).toMatchObject({ _tag: "InvalidRequest", field: "period" })
      const page = yield* Effect.flip(AppExports.journal(clerk, { period: "2020", pageSize: 0 }))
      expect(page).toMatchObject({ _tag: "InvalidRequest", field: "pageSize" })
      const citizen = new Principal({ subject: "c-1" as ActorId, role: "citizen" })
      expect(yield* Effect.flip(AppExports.journal(citizen, { period: "2020" }))).toMatchObject({
        _tag: "AccessDenied",
        action: "exportAppeals"
      })
      const controller = new Principal({ subject: "ctl-1" as ActorId, role: "controller" })
      expect(yield* Effect.flip(AppExports.journal(controller, { period: "2020", personal: true }))).toMatchObject({
        _tag: "AccessDenied",
        action: "exportPersonalData"
      })
    }).pipe(Effect.provide(City.layerOf(City.reference)), Effect.provide(MemoryStore.layer))
  )
})

describe("App.AppealExports.journal with the personal columns", () => {
  it.effect("reads each page's appeals with one readMany of the store, never stream by stream", () =>
    Effect.gen(function* () {
      // the longest of a few fixed samples: many appeals over a few days, several pages a day
      const hs = fc
        .sample(histories(20, new Date("2020-03-01T00:00:00Z"), new Date("2020-03-05T00:00:00Z")), {
          numRuns: 20,
          seed: 20
        })
        .reduce((a, b) => (b.length > a.length ? b : a))
      for (const h of hs)
        for (const c of h) yield* Effect.either(CommandHandler.handle(AppealRecords.definition, c.appealId, c))
      const inner = yield* EventStoreTag
      const calls = { read: 0, readMany: 0, streams: 0 }
      const counting: EventStore.Service = {
        ...inner,
        read: (s, o) =>
          Effect.zipRight(
            Effect.sync(() => calls.read++),
            inner.read(s, o)
          ),
        readMany: (ss) =>
          Effect.zipRight(
            Effect.sync(() => {
              calls.readMany++
              calls.streams += ss.length
            }),
            inner.readMany(ss)
          )
      }
      const pageSize = 2
      const lines = yield* collect(
        yield* AppExports.journal(clerk, { period: "2020-03", pageSize, personal: true })
      ).pipe(Effect.provideService(EventStoreTag, counting))
      const pages = yield* collect(yield* AppExports.journal(clerk, { period: "2020-03", pageSize }))
      expect(lines.map((l) => l.entry)).toStrictEqual(pages.map((l) => l.entry))
      expect(lines.length).toBeGreaterThan(2 * pageSize)
      expect(calls.read).toBe(0)
      expect(calls.streams).toBe(lines.length)
      // at most one call per page of rows (a day's last page may be short)
      expect(calls.readMany).toBeLessThanOrEqual(lines.length)
      expect(calls.readMany).toBeGreaterThanOrEqual(Math.ceil(lines.length / pageSize))
    }).pipe(Effect.provide(City.layerOf(City.reference)), Effect.provide(MemoryStore.layer))
  )
})
