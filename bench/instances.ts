/**
 * Several server instances (issue 19): registrations per second of one
 * `cityhall serve` and of two, on one PostgreSQL database.
 *
 * A fresh database is made (`createdb`) and migrated (`cityhall migrate`);
 * then one, and after it two, `cityhall serve` processes run on it. This
 * process is the load generator (a separate process from the servers): 16
 * clients register appeals (`POST /appeals`, a clerk's registration with its
 * own number) as fast as they are answered, the clients spread evenly over
 * the instances, first for a warm-up, then measured for a fixed time. Each
 * principal has its own rate-limit bucket, so the clients go round 400
 * clerks' tokens, and the servers' configuration lifts the rate limit per
 * address (`http.rateLimit`): no answer is a 429.
 *
 * Figures per run: registrations per second, p50 and p99, and the CPU time
 * per registration of each server process, of PostgreSQL (its backends
 * serving the bench's database) and of the load generator, read from `/proc` (Linux) — so the
 * scaling can be read for a machine with more cores than this one's two,
 * which the servers, PostgreSQL and the load generator share. The goal:
 * two instances register at least 1.3x what one does.
 *
 * Without CITYHALL_PG_URL the suite is skipped with one line saying so.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { HmacTokens } from "../adapters/http/Auth.js"
import { median, registrationBody } from "./harness.js"

const CLI = ["--import", "tsx", path.join(import.meta.dirname, "../adapters/cli/main.ts")]
const SECRET = "bench secret shared by the instances"
const signer = HmacTokens.make({ secret: SECRET })
const clerks = Array.from({ length: 400 }, (_, k) =>
  signer.sign({ subject: `clerk-${k}`, role: "clerk" }, { expiresInSeconds: 3600 })
)
const CONCURRENCY = 16
/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const HZ = 100

/** A process's CPU time in seconds (user + system), from /proc; 0 when it is gone. */
const cpuOf = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) / HZ
  } catch {
    return 0
  }
}

/**
 * PostgreSQL's CPU time in seconds spent for the bench: its backends connected to the bench's database
 * (the server is shared: other engineers' tests and benchmarks run on it, so every process named
 * `postgres` would count their work too; the shared background processes, WAL writer and checkpointer,
 * are left out). The servers' pools keep their connections, so the same backends are read before and after.
 */
const postgresCpu = (admin: ReadonlyArray<string>, database: string): number => {
  const pids = execFileSync(
    "psql",
    [...admin, "-d", database, "-Atc", `SELECT pid FROM pg_stat_activity WHERE datname = '${database}'`],
    { encoding: "utf8" }
  )
    .split("\n")
    .filter((line) => /^\d+$/.test(line.trim()))
  let total = 0
  for (const pid of pids) total += cpuOf(Number(pid))
  return total
}

const selfCpu = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

const serve = (config: string): Promise<{ readonly child: ChildProcess; readonly base: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, "serve", "--config", config, "--port", "0"], {
      // the reports are not asked for here: no report worker thread beside the server
      env: { ...process.env, CITYHALL_SECRET: SECRET, CITYHALL_REPORT_WORKER: "off", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString()
      const base = /serving on (http:\/\/\S+)/.exec(out)?.[1]
      if (base !== undefined) resolve({ child, base })
    })
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString()
    })
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)))
  })

let serial = 0
const year = new Date().getUTCFullYear()

/** Registers appeals from `CONCURRENCY` clients spread over the servers for `ms`: the latencies, and the statuses. */
const load = async (bases: ReadonlyArray<string>, ms: number) => {
  const until = performance.now() + ms
  const latencies: Array<number> = []
  const statuses: Record<string, number> = {}
  const client = async (k: number) => {
    const base = bases[k % bases.length]!
    while (performance.now() < until) {
      const i = serial++
      const t0 = performance.now()
      let status = 0
      try {
        const res = await fetch(`${base}/appeals`, {
          method: "POST",
          headers: { authorization: `Bearer ${clerks[i % clerks.length]}`, "content-type": "application/json" },
          body: registrationBody(
            i,
            { id: "BI", number: "БИ", digits: 7 },
            { year, receivedAt: new Date(Date.now() - 3_600_000).toISOString() }
          )
        })
        await res.arrayBuffer()
        status = res.status
      } catch {
        status = 0
      }
      statuses[status] = (statuses[status] ?? 0) + 1
      if (status === 201) latencies.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => client(k)))
  return { latencies, statuses }
}

const perRequestUs = (seconds: number, requests: number) =>
  requests === 0 ? null : Math.round((seconds * 1e6) / requests)

/** Runs the benchmark: `quick` measures for 5 s after a 2 s warm-up (full: 20 s after 8 s). */
export const run = async (quick: boolean) => {
  const PG = process.env.CITYHALL_PG_URL
  if (PG === undefined) {
    console.error("bench instances: skipped; set CITYHALL_PG_URL=postgres://postgres@127.0.0.1:5432/test to run it")
    return { skipped: "CITYHALL_PG_URL is not set" }
  }
  const base = new URL(PG)
  const database = `cityhall_bench_instances_${process.pid}`
  const url = new URL(base)
  url.pathname = `/${database}`
  const admin = ["-h", base.hostname, "-p", base.port || "5432", "-U", base.username || "postgres"]
  const warmMs = quick ? 2_000 : 8_000
  const measureMs = quick ? 5_000 : 20_000
  execFileSync("createdb", [...admin, database])
  try {
    const migrated = spawnSync(process.execPath, [...CLI, "migrate", "--store", url.toString()], { encoding: "utf8" })
    if (migrated.status !== 0) throw new Error(`cityhall migrate failed: ${migrated.stderr}`)
    // the city's configuration: this store, and a rate limit the load never reaches (every client of the bench
    // comes from 127.0.0.1, one address bucket, 20 requests/s by default)
    const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-instances-"))
    const config = path.join(dir, "cityhall.config.json")
    writeFileSync(
      config,
      JSON.stringify({
        format: "cityhall.config/1",
        city: { name: "Бенчград", timeZone: "Asia/Vladivostok" },
        store: url.toString(),
        tokens: { hmac: { secretEnv: "CITYHALL_SECRET" } },
        http: { rateLimit: { perSecond: 1_000_000, burst: 10_000_000 } }
      })
    )
    const runs: Record<string, unknown> = {}
    const rates: Record<number, number> = {}
    for (const n of [1, 2]) {
      const servers = await Promise.all(Array.from({ length: n }, () => serve(config)))
      try {
        const bases = servers.map((s) => s.base)
        await load(bases, warmMs)
        const before = {
          servers: servers.map((s) => cpuOf(s.child.pid!)),
          postgres: postgresCpu(admin, database),
          self: selfCpu()
        }
        const t0 = performance.now()
        const { latencies, statuses } = await load(bases, measureMs)
        const seconds = (performance.now() - t0) / 1000
        const after = {
          servers: servers.map((s) => cpuOf(s.child.pid!)),
          postgres: postgresCpu(admin, database),
          self: selfCpu()
        }
        const registered = latencies.length
        const sorted = latencies.sort((a, b) => a - b)
        rates[n] = registered / seconds
        runs[`${n} instance${n === 1 ? "" : "s"}`] = {
          registered,
          registrationsPerSecond: Math.round(registered / seconds),
          p50Ms: Number(median(sorted).toFixed(1)),
          p99Ms: Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0).toFixed(1)),
          statuses,
          cpuPerRegistrationUs: {
            servers: servers.map((_, k) => perRequestUs(after.servers[k]! - before.servers[k]!, registered)),
            postgres: perRequestUs(after.postgres - before.postgres, registered),
            loadGenerator: perRequestUs(after.self - before.self, registered)
          }
        }
      } finally {
        for (const s of servers) s.child.kill("SIGTERM")
        await Promise.all(
          servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r))))
        )
      }
    }
    return {
      concurrency: CONCURRENCY,
      measuredSeconds: measureMs / 1000,
      ...runs,
      twoOverOne: rates[1] === undefined || rates[2] === undefined ? null : Number((rates[2] / rates[1]).toFixed(2))
    }
  } finally {
    execFileSync("dropdb", [...admin, "--if-exists", "--force", database])
  }
}
