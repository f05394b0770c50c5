/**
 * Storage benchmarks (issue 7, "Performance"), ratios measured in one run,
 * medians of several repetitions:
 *
 * 1. bulk import of appeals (register, assign, answer: 3 events, their
 *    read-model rows and counters each) through the SQLite adapter
 *    (one `appendMany`: one transaction, as on the raw side) vs raw
 *    better-sqlite3 prepared statements writing the same rows into the same
 *    tables in one transaction (goal: adapter >= 50 % of raw);
 * 2. the same through PostgreSQL vs raw `pg` multi-row INSERTs in one
 *    transaction (>= 50 %), when CITYHALL_PG_URL is set.
 *
 * 10^5 appeals in the full run, 5,000 in the quick one. The domain work
 * (deciding, encoding events and rows) is done once before the timed
 * imports and reported separately: both sides of a ratio store the same
 * prepared rows. The monthly analysis and the overdue query by store size
 * (10^4..10^6 appeals, SQLite and PostgreSQL) are in `bench/scaling.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { Effect, Either, Layer, Redacted } from "effect"
import { PostgresStore } from "../adapters/postgres/index.js"
import { SqliteStore } from "../adapters/sqlite/index.js"
import * as Appeal from "../src/appeals/Appeal.js"
import * as AppealCommand from "../src/appeals/AppealCommand.js"
import * as AppealRecords from "../src/appeals/AppealRecords.js"
import type { ActorId, AppealId, DivisionId } from "../src/kernel/Ids.js"
import * as Period from "../src/kernel/Period.js"
import * as CommandHandler from "../src/ports/CommandHandler.js"
import { type AppendBatch, EventStore } from "../src/ports/EventStore.js"
import type { ReadModels, Write } from "../src/ports/ReadModels.js"
import type { Topic } from "../src/appeals/index.js"
import { median, rawRows } from "./harness.js"

const require = createRequire(import.meta.url)

interface Statement {
  run(...params: ReadonlyArray<unknown>): unknown
}
interface SqliteDatabase {
  prepare(sql: string): Statement
  pragma(sql: string): unknown
  transaction(fn: () => void): () => void
  close(): void
}
const BetterSqlite3 = require("better-sqlite3") as new (filename: string) => SqliteDatabase

interface PgClient {
  connect(): Promise<void>
  query(text: string, values?: ReadonlyArray<unknown>): Promise<unknown>
  end(): Promise<void>
}
const Pg = require("pg") as { Client: new (options: { connectionString: string }) => PgClient }

const ACTOR = "clerk-1" as ActorId
const DIVISIONS: ReadonlyArray<DivisionId> = ["economy", "housing", "transport", "education", "social"].map(
  (d) => d as DivisionId
)
const TOPICS: ReadonlyArray<Topic.TopicCode> = [
  "0005.0005.0056.1134",
  "0003.0009.0097.0706",
  "0002.0007.0075.0505",
  "0001.0002.0025.0101",
  "0004.0016.0166.1112"
].map((t) => t as Topic.TopicCode)
const CHANNELS = ["written", "electronic"] as const

/** One appeal's append batch: registered on a day, assigned, and (most of them) answered. */
const appealBatch = (i: number, day: Period.Day, prefix: string): AppendBatch => {
  const id = `${prefix}${i}` as AppealId
  const at = (d: number, h: number) =>
    new Date(Date.parse(`${Period.addDays(day, d)}T00:00:00Z`) + h * 3_600_000 - 10 * 3_600_000)
  const commands: Array<AppealCommand.AppealCommand> = [
    new AppealCommand.RegisterAppeal(
      {
        appealId: id,
        registrationNumber: Appeal.registrationNumber("ОГ", Number(day.slice(0, 4)), i % 9_999_999),
        channel: CHANNELS[i % 2]!,
        kind: "individual",
        type: i % 3 === 0 ? "complaint" : "statement",
        addressee:
          i % 4 === 0 ? new Appeal.ToMayor({}, true) : new Appeal.ToDivision({ division: DIVISIONS[i % 5]! }, true),
        applicant: new Appeal.Applicant(
          { name: Redacted.make(`Заявитель ${i}`), postalAddress: Redacted.make(`680000, ул. Ленина, д. ${i}`) },
          true
        ),
        text: Redacted.make("Прошу отремонтировать дорогу во дворе"),
        topics: [TOPICS[i % 5]!],
        relatedAppeals: [],
        receivedAt: at(0, 9),
        at: at(0, 10),
        actor: ACTOR
      },
      true
    ),
    new AppealCommand.AssignToDivision(
      { appealId: id, division: DIVISIONS[(i * 7) % 5]!, at: at(1, 10), actor: ACTOR },
      true
    )
  ]
  if (i % 10 !== 0)
    commands.push(
      new AppealCommand.AnswerOnMerits(
        {
          appealId: id,
          result: i % 3 === 0 ? "supported" : "explained",
          form: "written",
          at: at(5 + (i % 40), 10),
          actor: ACTOR
        },
        true
      )
    )
  const definition = AppealRecords.definition
  const stream = { category: definition.category, id }
  let state = definition.decider.initialState
  const events: Array<AppendBatch["events"][number]> = []
  const writes: Array<Write> = []
  for (const c of commands) {
    const decided = Either.getOrThrow(definition.decider.decide(c, state))
    const prepared = Either.getOrThrow(
      CommandHandler.prepare(definition, stream, { version: events.length, state }, decided, "2021-01-01T00:00:00.000Z")
    )
    events.push(...prepared.newEvents)
    writes.push(...prepared.writes)
    state = prepared.state
  }
  return { stream, expectedVersion: 0, events, writes }
}

/** `n` appeals registered over the working days of the given months (in turn). */
export const appeals = (n: number, months: ReadonlyArray<Period.Month>, prefix: string): Array<AppendBatch> => {
  const days = months.flatMap((m) => Period.days(m).filter((d) => !Period.isWeekend(d)))
  return Array.from({ length: n }, (_, i) => appealBatch(i, days[i % days.length]!, prefix))
}

const chunked = <A>(xs: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

const timed = async (body: () => Promise<void>): Promise<number> => {
  const t0 = performance.now()
  await body()
  return performance.now() - t0
}

// ---------------------------------------------------------------------------
// SQLite

const sqliteLayer = (filename: string) => SqliteStore.layer({ filename })

const withSqlite = <A>(filename: string, effect: Effect.Effect<A, unknown, EventStore | ReadModels>): Promise<A> =>
  Effect.runPromise(
    Effect.scoped(Effect.flatMap(Layer.build(sqliteLayer(filename)), (ctx) => Effect.provide(effect, ctx)))
  )

export const sqliteImport = async (dir: string, batches: ReadonlyArray<AppendBatch>, samples: number) => {
  const adapterMs: Array<number> = []
  const rawMs: Array<number> = []
  const rows = rawRows(batches)
  for (let s = 0; s < samples; s++) {
    const a = path.join(dir, `adapter-${s}.db`)
    await withSqlite(a, Effect.void) // migrations outside the timing
    adapterMs.push(
      await timed(() => withSqlite(a, Effect.asVoid(Effect.flatMap(EventStore, (store) => store.appendMany(batches)))))
    )
    const r = path.join(dir, `raw-${s}.db`)
    await withSqlite(r, Effect.void) // the same schema, created by the adapter's migrations
    rawMs.push(
      await timed(async () => {
        const db = new BetterSqlite3(r)
        db.pragma("journal_mode = WAL")
        const ev = db.prepare(
          "INSERT INTO cityhall_events (position, event_id, category, stream_id, version, type, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        const st = db.prepare("INSERT INTO cityhall_streams (category, stream_id, version) VALUES (?, ?, ?)")
        const rw = db.prepare(
          "INSERT INTO cityhall_rows (tbl, key, data, i0, i1, i2, i3) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, key) DO UPDATE SET data = excluded.data, i0 = excluded.i0, i1 = excluded.i1, i2 = excluded.i2, i3 = excluded.i3"
        )
        const ct = db.prepare(
          "INSERT INTO cityhall_counters (name, key, k0, value) VALUES (?, ?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET value = cityhall_counters.value + excluded.value"
        )
        const head = db.prepare("UPDATE cityhall_head SET position = ? WHERE id = 1")
        db.transaction(() => {
          head.run(rows.position)
          for (const x of rows.streams) st.run(...x)
          for (const x of rows.events) ev.run(...x)
          for (const x of rows.rows) rw.run(...x)
          for (const x of rows.counters) ct.run(...x)
        })()
        db.close()
      })
    )
  }
  const adapter = median(adapterMs),
    raw = median(rawMs)
  return {
    name: "bulk import: SQLite adapter vs raw better-sqlite3",
    appeals: batches.length,
    events: rows.events.length,
    readModelRows: rows.rows.length,
    samples,
    adapterMedianMs: Math.round(adapter),
    rawMedianMs: Math.round(raw),
    adapterAppealsPerSecond: Math.round((batches.length / adapter) * 1000),
    rawAppealsPerSecond: Math.round((batches.length / raw) * 1000),
    ratio: Number((raw / adapter).toFixed(3)),
    goal: ">= 0.5",
    met: raw / adapter >= 0.5
  }
}

// ---------------------------------------------------------------------------
// PostgreSQL

export const pgImport = async (url: string, batches: ReadonlyArray<AppendBatch>, samples: number) => {
  const schema = `cityhall_bench_${process.pid}`
  const options = { url: Redacted.make(url), schema, dropSchemaOnClose: true }
  const rows = rawRows(batches)
  const adapterMs: Array<number> = []
  const rawMs: Array<number> = []
  const u = new URL(url)
  u.searchParams.set("options", `-c search_path=${schema}`)
  const program = Effect.gen(function* () {
    const store = yield* EventStore
    const reset = Effect.promise(async () => {
      const c = new Pg.Client({ connectionString: u.toString() })
      await c.connect()
      await c.query(
        "TRUNCATE cityhall_events, cityhall_streams, cityhall_rows, cityhall_counters, cityhall_idempotency"
      )
      await c.query("UPDATE cityhall_head SET position = 0 WHERE id = 1")
      await c.query("VACUUM ANALYZE cityhall_events")
      await c.end()
    })
    for (let s = 0; s < samples; s++) {
      yield* reset
      const t0 = performance.now()
      yield* store.appendMany(batches)
      adapterMs.push(performance.now() - t0)
      yield* reset
      rawMs.push(
        yield* Effect.promise(() =>
          timed(async () => {
            const c = new Pg.Client({ connectionString: u.toString() })
            await c.connect()
            const insert = async (
              head: string,
              width: number,
              tuples: ReadonlyArray<ReadonlyArray<unknown>>,
              tail = ""
            ) => {
              for (const part of chunked(tuples, Math.floor(30_000 / width))) {
                const values: Array<unknown> = []
                const groups = part.map((t) => `(${t.map((x) => (values.push(x), `$${values.length}`)).join(", ")})`)
                await c.query(`${head} VALUES ${groups.join(", ")} ${tail}`, values)
              }
            }
            await c.query("BEGIN")
            await c.query("UPDATE cityhall_head SET position = $1 WHERE id = 1", [rows.position])
            await insert("INSERT INTO cityhall_streams (category, stream_id, version)", 3, rows.streams)
            await insert(
              "INSERT INTO cityhall_events (position, event_id, category, stream_id, version, type, payload, recorded_at)",
              8,
              rows.events
            )
            await insert(
              "INSERT INTO cityhall_rows (tbl, key, data, i0, i1, i2, i3)",
              7,
              rows.rows,
              "ON CONFLICT (tbl, key) DO UPDATE SET data = excluded.data, i0 = excluded.i0, i1 = excluded.i1, i2 = excluded.i2, i3 = excluded.i3"
            )
            await insert(
              "INSERT INTO cityhall_counters (name, key, k0, value)",
              4,
              rows.counters,
              "ON CONFLICT (name, key) DO UPDATE SET value = cityhall_counters.value + excluded.value"
            )
            await c.query("COMMIT")
            await c.end()
          })
        )
      )
    }
  })
  await Effect.runPromise(
    Effect.scoped(Effect.flatMap(Layer.build(PostgresStore.layer(options)), (ctx) => Effect.provide(program, ctx)))
  )
  const adapter = median(adapterMs),
    raw = median(rawMs)
  return {
    name: "bulk import: PostgreSQL adapter vs raw pg multi-row inserts",
    appeals: batches.length,
    events: rows.events.length,
    readModelRows: rows.rows.length,
    samples,
    adapterMedianMs: Math.round(adapter),
    rawMedianMs: Math.round(raw),
    adapterAppealsPerSecond: Math.round((batches.length / adapter) * 1000),
    rawAppealsPerSecond: Math.round((batches.length / raw) * 1000),
    ratio: Number((raw / adapter).toFixed(3)),
    goal: ">= 0.5",
    met: raw / adapter >= 0.5
  }
}

export const run = async (quick: boolean): Promise<ReadonlyArray<Record<string, unknown>>> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-"))
  try {
    const n = quick ? 5_000 : 100_000
    const t0 = performance.now()
    const batches = appeals(n, Period.months(Period.unsafeYear("2021")), "appeal-")
    const prepareMs = performance.now() - t0
    const figures: Array<Record<string, unknown>> = [
      {
        name: "domain work before an import (decide, encode events and rows), not in the ratios",
        appeals: n,
        ms: Math.round(prepareMs),
        appealsPerSecond: Math.round((n / prepareMs) * 1000)
      }
    ]
    const samples = 3
    figures.push(await sqliteImport(dir, batches, samples))
    const url = process.env["CITYHALL_PG_URL"]
    if (url === undefined || url === "")
      figures.push({ name: "bulk import: PostgreSQL", skipped: "set CITYHALL_PG_URL to run it" })
    else figures.push(await pgImport(url, batches, samples))
    return figures
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
