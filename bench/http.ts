/**
 * HTTP benchmark (issue 8, "Performance"): register-appeal over loopback
 * (127.0.0.1) under a fixed concurrency — the cityhall HTTP API on the
 * SQLite adapter (decode, role check, decide, append the event with its
 * read-model rows and counters, answer the appeal's view) vs a bare
 * `node:http` handler that parses the same JSON body and inserts it with a
 * better-sqlite3 prepared statement. Both use a fresh SQLite file in WAL
 * mode. Throughput and p50/p99 latency; the ratio of throughputs (goal:
 * the API >= 50 % of the bare handler). Bounded request counts; stops by
 * itself.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { createServer, type IncomingMessage, type Server as NodeServer, type ServerResponse } from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { HttpServer } from "@effect/platform"
import { Layer, ManagedRuntime } from "effect"
import { HmacTokens } from "../adapters/http/Auth.js"
import * as Limits from "../adapters/http/Limits.js"
import * as Server from "../adapters/http/Server.js"
import { SqliteStore } from "../adapters/sqlite/index.js"
import { median } from "./harness.js"

const require = createRequire(import.meta.url)
interface SqliteDatabase {
  prepare(sql: string): { run(...params: ReadonlyArray<unknown>): unknown }
  pragma(sql: string): unknown
  close(): void
}
const BetterSqlite3 = require("better-sqlite3") as new (filename: string) => SqliteDatabase

const NOW = new Date("2021-03-15T02:00:00Z")
const SECRET = "bench secret, long enough"

const body = (i: number) =>
  JSON.stringify({
    appealId: `B-${i}`,
    registrationNumber: `ОГ-2021-${String(i).padStart(5, "0")}`,
    channel: "electronic",
    kind: "individual",
    type: "complaint",
    addressee: { _tag: "ToMayor" },
    applicant: { name: "Иванова Мария Петровна", email: "ivanova@example.ru" },
    text: "Прошу отремонтировать крышу дома",
    topics: ["0005.0005.0056.1134"],
    relatedAppeals: [],
    receivedAt: "2021-03-14T23:00:00.000Z"
  })

interface Load {
  readonly requests: number
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly failures: number
}

/** Sends `count` registrations with `concurrency` in flight; measures each. */
const load = async (url: string, headers: Record<string, string>, count: number, concurrency: number, offset: number): Promise<Load> => {
  const latencies: Array<number> = []
  let next = 0
  let failures = 0
  const worker = async () => {
    for (;;) {
      const i = next++
      if (i >= count) return
      const t0 = performance.now()
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body(offset + i) })
      await res.arrayBuffer()
      latencies.push(performance.now() - t0)
      if (res.status !== 201) failures++
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - t0) / 1000
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    requests: count,
    requestsPerSecond: Math.round(count / seconds),
    p50Ms: Number(median(sorted).toFixed(2)),
    p99Ms: Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0).toFixed(2)),
    failures
  }
}

const bare = async (file: string): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  const db = new BetterSqlite3(file)
  db.pragma("journal_mode = WAL")
  db.prepare("CREATE TABLE appeals (id TEXT PRIMARY KEY, payload TEXT NOT NULL, recorded_at TEXT NOT NULL)").run()
  const insert = db.prepare("INSERT INTO appeals (id, payload, recorded_at) VALUES (?, ?, ?)")
  const server: NodeServer = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      try {
        const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { appealId: string }
        insert.run(payload.appealId, JSON.stringify(payload), new Date().toISOString())
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ appealId: payload.appealId }))
      } catch (e) {
        res.writeHead(400).end(String(e))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/appeals`,
    close: () => new Promise<void>((resolve) => server.close(() => { db.close(); resolve() }))
  }
}

const api = async (file: string) => {
  const app = Server.serve({ port: 0 }).pipe(
    Layer.provide(Server.layer({ now: () => NOW })),
    Layer.provide(Layer.mergeAll(SqliteStore.layer({ filename: file }), HmacTokens.layer({ secret: SECRET }), Limits.layer({ rateCapacity: 1e9, ratePerSecond: 1e9 })))
  )
  const runtime = ManagedRuntime.make(app)
  const server = await runtime.runPromise(HttpServer.HttpServer)
  const address = server.address
  const port = address._tag === "TcpAddress" ? address.port : 0
  const token = HmacTokens.make({ secret: SECRET }).sign({ subject: "clerk-1", role: "clerk" }, { expiresInSeconds: 3600 })
  return { url: `http://127.0.0.1:${port}/appeals`, token, close: () => runtime.dispose() }
}

/** Runs the HTTP benchmark; `quick` sends a few hundred requests. */
export const run = async (quick: boolean) => {
  const count = quick ? 300 : 3000
  const concurrency = quick ? 8 : 16
  const warmup = quick ? 50 : 300
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-http-"))
  try {
    const b = await bare(path.join(dir, "bare.sqlite"))
    await load(b.url, {}, warmup, concurrency, 1)
    const bareLoad = await load(b.url, {}, count, concurrency, 100_000)
    await b.close()
    const a = await api(path.join(dir, "api.sqlite"))
    const auth = { authorization: `Bearer ${a.token}` }
    await load(a.url, auth, warmup, concurrency, 1)
    const apiLoad = await load(a.url, auth, count, concurrency, 100_000)
    await a.close()
    const ratio = apiLoad.requestsPerSecond / bareLoad.requestsPerSecond
    return {
      name: "register-appeal over loopback: cityhall HTTP API on SQLite vs bare node:http + better-sqlite3",
      concurrency,
      api: apiLoad,
      bare: bareLoad,
      ratioPercent: Number((ratio * 100).toFixed(1)),
      goalPercent: 50,
      meetsGoal: ratio >= 0.5
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.includes("--quick")).then((r) => console.log(JSON.stringify(r, null, 2)), (e) => {
    console.error(e)
    process.exit(1)
  })
}

