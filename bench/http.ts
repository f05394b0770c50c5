/**
 * HTTP benchmark (issue 8, "Performance"): register-appeal over loopback
 * (127.0.0.1) under a fixed concurrency. Three servers, each on a fresh
 * SQLite file in WAL mode, measured in interleaved rounds (A, B, C, A, B, C,
 * ...) so that a load change on the machine hits all of them alike; each
 * figure is the median over the rounds:
 *
 * - `api`: the cityhall HTTP API on the SQLite adapter (decode, token and
 *   role check, rate limit, decide, encode the event and its read-model rows
 *   and counters, append them in one transaction, answer the appeal's view);
 * - `bare` (the baseline of the goal): a bare `node:http` handler doing the
 *   same insert with better-sqlite3 prepared statements — the same events
 *   and streams (the registration book's number and the appeal), read-model
 *   rows and counters into the same tables in one transaction. Its rows are prepared before the timing (by the library's
 *   own decider and projections), so the bare side does no domain work at
 *   all: the ratio is conservative;
 * - `bareOneRow` (context only): a handler inserting the request's JSON as
 *   one row, no transaction — what storing an appeal would cost without its
 *   history and read models.
 *
 * Throughput and p50/p99 latency; the goal: api >= 50 % of bare. Bounded
 * request counts; stops by itself.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { createServer, type IncomingMessage, type Server as NodeServer, type ServerResponse } from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { HttpServer } from "@effect/platform"
import { Effect, Either, Layer, ManagedRuntime, Schema } from "effect"
import { HmacTokens } from "../adapters/http/Auth.js"
import * as Limits from "../adapters/http/Limits.js"
import * as Server from "../adapters/http/Server.js"
import { SqliteStore } from "../adapters/sqlite/index.js"
import { RegisterBody } from "../adapters/http/Api.js"
import * as AppealRecords from "../src/appeals/AppealRecords.js"
import * as Cmd from "../src/appeals/AppealCommand.js"
import * as RegistrationBook from "../src/appeals/RegistrationBook.js"
import type { ActorId } from "../src/kernel/Ids.js"
import type { AggregateDefinition } from "../src/ports/Aggregate.js"
import * as CommandHandler from "../src/ports/CommandHandler.js"
import { median, rawRows, registrationBody } from "./harness.js"

const require = createRequire(import.meta.url)
interface SqliteDatabase {
  prepare(sql: string): {
    run(...params: ReadonlyArray<unknown>): unknown
    get(...params: ReadonlyArray<unknown>): unknown
  }
  pragma(sql: string): unknown
  transaction<A>(fn: (a: A) => void): (a: A) => void
  close(): void
}
const BetterSqlite3 = require("better-sqlite3") as new (filename: string) => SqliteDatabase

const NOW = new Date("2021-03-15T02:00:00Z")
const SECRET = "bench secret, long enough"
const CLERK = "clerk-1" as ActorId
const decodeBody = Schema.decodeUnknownSync(RegisterBody)

const body = (i: number) => registrationBody(i, { id: "B", number: "ОГ", digits: 5 })

interface Load {
  readonly requests: number
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly failures: number
  /** CPU time of this process (server and client) per request, µs: less sensitive to other load than throughput. */
  readonly cpuMicrosPerRequest: number
}

/** Sends `count` registrations with `concurrency` in flight; measures each. */
const load = async (
  url: string,
  headers: Record<string, string>,
  count: number,
  concurrency: number,
  offset: number
): Promise<Load> => {
  const latencies: Array<number> = []
  let next = 0
  let failures = 0
  const worker = async () => {
    for (;;) {
      const i = next++
      if (i >= count) return
      const t0 = performance.now()
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: body(offset + i)
      })
      await res.arrayBuffer()
      latencies.push(performance.now() - t0)
      if (res.status !== 201) failures++
    }
  }
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const cpu = process.cpuUsage(cpu0)
  const seconds = (performance.now() - t0) / 1000
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    requests: count,
    requestsPerSecond: Math.round(count / seconds),
    p50Ms: Number(median(sorted).toFixed(2)),
    p99Ms: Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0).toFixed(2)),
    failures,
    cpuMicrosPerRequest: Math.round((cpu.user + cpu.system) / count)
  }
}

interface Running {
  readonly url: string
  readonly headers: Record<string, string>
  readonly close: () => Promise<void>
}

/** A node:http server answering POSTs with `handle(parsed body)` -> [status, JSON]. */
const listen = async (
  handle: (payload: { readonly appealId: string }) => [number, string],
  onClose: () => void
): Promise<Running> => {
  const server: NodeServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      try {
        const [status, json] = handle(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { appealId: string })
        res.writeHead(status, { "content-type": "application/json" }).end(json)
      } catch (e) {
        res.writeHead(400).end(String(e))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/appeals`,
    headers: {},
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          onClose()
          resolve()
        })
      )
  }
}

/** One row per request: the request's JSON, no transaction (context only). */
const bareOneRow = (file: string): Promise<Running> => {
  const db = new BetterSqlite3(file)
  db.pragma("journal_mode = WAL")
  db.prepare("CREATE TABLE appeals (id TEXT PRIMARY KEY, payload TEXT NOT NULL, recorded_at TEXT NOT NULL)").run()
  const insert = db.prepare("INSERT INTO appeals (id, payload, recorded_at) VALUES (?, ?, ?)")
  return listen(
    (payload) => {
      insert.run(payload.appealId, JSON.stringify(payload), new Date().toISOString())
      return [201, JSON.stringify({ appealId: payload.appealId })]
    },
    () => db.close()
  )
}

/** What the API stores for one registration, prepared by the library's decider and projections. */
interface Prepared {
  /** The new streams: the registration book's number and the appeal. */
  readonly streams: ReadonlyArray<ReadonlyArray<unknown>>
  /** Their events, without the position (it comes from the head row at insert time). */
  readonly events: ReadonlyArray<ReadonlyArray<unknown>>
  readonly rows: ReadonlyArray<ReadonlyArray<unknown>>
  readonly counters: ReadonlyArray<ReadonlyArray<unknown>>
  readonly answer: string
}

const prepare = (i: number): Prepared => {
  const definition = AppealRecords.definition
  const command = Cmd.RegisterAppeal.make({ ...decodeBody(JSON.parse(body(i))), at: NOW, actor: CLERK })
  // as AppealRecords.register: the number reserved in the registration book, and the appeal, in one append
  const created = <C, E, S, Err, EI, CI>(d: AggregateDefinition<C, E, S, Err, EI, CI>, id: string, c: C) => {
    const decided = Either.getOrThrow(d.decider.decide(c, d.decider.initialState))
    const stream = { category: d.category, id }
    const p = Either.getOrThrow(
      CommandHandler.prepare(d, stream, { version: 0, state: d.decider.initialState }, decided, NOW.toISOString())
    )
    return { stream, expectedVersion: 0, events: p.newEvents, writes: p.writes }
  }
  const reserve = new RegistrationBook.ReserveRegistrationNumber({
    registrationNumber: command.registrationNumber,
    appealId: command.appealId,
    at: command.at,
    actor: command.actor
  })
  const book = created(RegistrationBook.definition, RegistrationBook.streamId(command.registrationNumber), reserve)
  const appeal = created(definition, command.appealId, command)
  const raw = rawRows([book, appeal])
  return {
    streams: raw.streams,
    events: raw.events.map((e) => e.slice(1)),
    rows: raw.rows,
    counters: raw.counters,
    answer: JSON.stringify(appeal.events[0]!.payload)
  }
}

/** The same insert as the API's, hand-written: event, stream, rows and counters in one transaction. */
const bare = async (file: string, prepared: ReadonlyMap<string, Prepared>): Promise<Running> => {
  await Effect.runPromise(Effect.scoped(Layer.build(SqliteStore.layer({ filename: file })))) // the adapter's tables, outside the timing
  const db = new BetterSqlite3(file)
  db.pragma("journal_mode = WAL")
  const head = db.prepare("UPDATE cityhall_head SET position = position + ? WHERE id = 1 RETURNING position")
  const stream = db.prepare("INSERT INTO cityhall_streams (category, stream_id, version) VALUES (?, ?, ?)")
  const event = db.prepare(
    "INSERT INTO cityhall_events (position, event_id, category, stream_id, version, type, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
  )
  const row = db.prepare(
    "INSERT INTO cityhall_rows (tbl, key, data, i0, i1, i2, i3) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, key) DO UPDATE SET data = excluded.data, i0 = excluded.i0, i1 = excluded.i1, i2 = excluded.i2, i3 = excluded.i3"
  )
  const counter = db.prepare(
    "INSERT INTO cityhall_counters (name, key, k0, value) VALUES (?, ?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET value = cityhall_counters.value + excluded.value"
  )
  const store = db.transaction((p: Prepared) => {
    const last = (head.get(p.events.length) as { readonly position: number }).position
    for (const s of p.streams) stream.run(...s)
    p.events.forEach((e, k) => event.run(last - p.events.length + 1 + k, ...e))
    for (const r of p.rows) row.run(...r)
    for (const c of p.counters) counter.run(...c)
  })
  return listen(
    (payload) => {
      const p = prepared.get(payload.appealId)
      if (p === undefined) return [404, "{}"]
      store(p)
      return [201, p.answer]
    },
    () => db.close()
  )
}

const api = async (file: string): Promise<Running> => {
  const app = Server.serve({ port: 0 }).pipe(
    Layer.provide(Server.layer({ now: () => NOW })),
    Layer.provide(
      Layer.mergeAll(
        SqliteStore.layer({ filename: file }),
        HmacTokens.layer({ secret: SECRET }),
        Limits.layer({ rateCapacity: 1e9, ratePerSecond: 1e9 })
      )
    )
  )
  const runtime = ManagedRuntime.make(app)
  const server = await runtime.runPromise(HttpServer.HttpServer)
  const address = server.address
  const port = address._tag === "TcpAddress" ? address.port : 0
  const token = HmacTokens.make({ secret: SECRET }).sign({ subject: CLERK, role: "clerk" }, { expiresInSeconds: 3600 })
  return {
    url: `http://127.0.0.1:${port}/appeals`,
    headers: { authorization: `Bearer ${token}` },
    close: () => runtime.dispose()
  }
}

const summary = (loads: ReadonlyArray<Load>) => ({
  rounds: loads.length,
  requests: loads.reduce((n, l) => n + l.requests, 0),
  requestsPerSecond: Math.round(median(loads.map((l) => l.requestsPerSecond))),
  p50Ms: Number(median(loads.map((l) => l.p50Ms)).toFixed(2)),
  p99Ms: Number(median(loads.map((l) => l.p99Ms)).toFixed(2)),
  failures: loads.reduce((n, l) => n + l.failures, 0),
  cpuMicrosPerRequest: Math.round(median(loads.map((l) => l.cpuMicrosPerRequest))),
  perRound: loads.map((l) => l.requestsPerSecond)
})

/** Runs the HTTP benchmark; `quick` sends a few hundred requests per server. */
export const run = async (quick: boolean) => {
  const rounds = quick ? 3 : 7
  const perRound = quick ? 100 : 500
  const concurrency = quick ? 8 : 16
  // JIT steady state: the API's rate still climbs over its first ~2,000 requests (the bare handler is steady after a few hundred)
  const warmup = quick ? 300 : 2500
  const ids = rounds * perRound + warmup
  const prepared = new Map<string, Prepared>()
  for (let i = 0; i < ids; i++) prepared.set(`B-${i}`, prepare(i))
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-http-"))
  const servers: Array<Running> = []
  try {
    const a = await api(path.join(dir, "api.sqlite"))
    servers.push(a)
    const b = await bare(path.join(dir, "bare.sqlite"), prepared)
    servers.push(b)
    const o = await bareOneRow(path.join(dir, "one-row.sqlite"))
    servers.push(o)
    const loads = { api: [] as Array<Load>, bare: [] as Array<Load>, bareOneRow: [] as Array<Load> }
    for (const [s, name] of [
      [a, "api"],
      [b, "bare"],
      [o, "bareOneRow"]
    ] as const) {
      void name
      await load(s.url, s.headers, warmup, concurrency, 0)
    }
    for (let r = 0; r < rounds; r++) {
      const offset = warmup + r * perRound
      loads.api.push(await load(a.url, a.headers, perRound, concurrency, offset))
      loads.bare.push(await load(b.url, b.headers, perRound, concurrency, offset))
      loads.bareOneRow.push(await load(o.url, o.headers, perRound, concurrency, offset))
    }
    for (const s of servers.splice(0).reverse()) await s.close()
    // both sides stored the same requests: the same number of events, rows and counter units
    const tally = (file: string) => {
      const db = new BetterSqlite3(file)
      const one = (q: string) => Number((db.prepare(q).get() as { readonly n: unknown }).n)
      const t = {
        events: one("SELECT count(*) AS n FROM cityhall_events"),
        streams: one("SELECT count(*) AS n FROM cityhall_streams"),
        rows: one("SELECT count(*) AS n FROM cityhall_rows"),
        counterUnits: one("SELECT coalesce(sum(value), 0) AS n FROM cityhall_counters"),
        pages: one("SELECT page_count AS n FROM pragma_page_count()")
      }
      db.close()
      return t
    }
    const stored = { api: tally(path.join(dir, "api.sqlite")), bare: tally(path.join(dir, "bare.sqlite")) }
    const sameInsert =
      stored.api.events === stored.bare.events &&
      stored.api.streams === stored.bare.streams &&
      stored.api.rows === stored.bare.rows &&
      stored.api.counterUnits === stored.bare.counterUnits
    const api_ = summary(loads.api),
      bare_ = summary(loads.bare),
      one = summary(loads.bareOneRow)
    const ratio = api_.requestsPerSecond / bare_.requestsPerSecond
    return {
      name: "register-appeal over loopback: cityhall HTTP API on SQLite vs a bare node:http + better-sqlite3 handler doing the same insert",
      concurrency,
      api: api_,
      bare: bare_,
      ratioPercent: Number((ratio * 100).toFixed(1)),
      goalPercent: 50,
      meetsGoal: ratio >= 0.5,
      sameInsert,
      stored,
      context: {
        bareOneRow: one,
        apiOverOneRowPercent: Number(((api_.requestsPerSecond / one.requestsPerSecond) * 100).toFixed(1)),
        note: "bareOneRow stores the request as one row, without the event history and read models the API keeps"
      }
    }
  } finally {
    for (const s of servers.reverse()) await s.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.includes("--quick")).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}
