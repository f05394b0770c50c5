/**
 * Reports never stall other requests (issue 18): the latency of registering
 * an appeal over HTTP while 20 annual-report requests are in flight.
 *
 * The demo city is written to a SQLite file once (`cityhall demo`), then
 * `cityhall serve` runs on it as a separate process, twice: with the reports
 * on its report worker thread (the default), and with
 * `CITYHALL_REPORT_WORKER=off` (reports written on the request loop, as
 * before). For each server, this process (the load generator) sends
 * registrations one at a time and measures each: first alone (`idle`), then
 * while 20 clients each ask for `GET /reports/annual/2020` again as soon as
 * the last answer came (`reports`), each phase for at most 300 registrations
 * or two minutes (30 s quick). Figures: p50 and p99 of the
 * registrations and the reports answered meanwhile. The server, its worker
 * and the load generator share both cores, so the figures are read as
 * ratios within one run.
 *
 * The goal: with the worker, p99 under reports stays within a small
 * multiple of idle (the report's half second of CPU never blocks the loop);
 * on the loop, p99 grows by about the report's time.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { HmacTokens } from "../adapters/http/Auth.js"
import { median, registrationBody } from "./harness.js"

const CLI = ["--import", "tsx", path.join(import.meta.dirname, "../adapters/cli/main.ts")]
const SECRET = "bench secret, long enough to sign"
const signer = HmacTokens.make({ secret: SECRET })
const tokenOf = (subject: string, role: "clerk" | "controller") =>
  signer.sign({ subject, role }, { expiresInSeconds: 3600 })
// each principal has its own rate-limit bucket (20/s, `Limits`): the registrations go round ten clerks, each
// reporter is a controller of its own, so no answer is a 429
const clerks = Array.from({ length: 10 }, (_, k) => tokenOf(`clerk-${k}`, "clerk"))

// `serve` runs on the real clock: the number carries this year, and the appeal came in an hour ago
const body = (i: number) =>
  registrationBody(
    i,
    { id: "BR", number: "БР", digits: 6 },
    { year: new Date().getUTCFullYear(), receivedAt: new Date(Date.now() - 3_600_000).toISOString() }
  )

interface Latencies {
  /** The registrations measured: at most the count asked for, fewer when the time budget ran out. */
  readonly registrations: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  readonly failures: number
  /** Annual reports answered while the registrations ran. */
  readonly reportsAnswered: number
  /** Report requests that failed (a non-200, or a connection reset). */
  readonly reportErrors: number
  /** The answers' statuses, registrations and reports (0: no answer), with the first refusal's body. */
  readonly statuses: Record<string, number>
  readonly firstFailure?: string
}

const started = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = ""
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString()
      const base = /serving on (http:\/\/\S+)/.exec(out)?.[1]
      if (base !== undefined) resolve(base)
    })
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)))
  })

/** Registrations one at a time, measured, with `reporters` clients asking for the annual report meanwhile. */
const measure = async (
  base: string,
  count: number,
  offset: number,
  reporters: number,
  budgetMs: number
): Promise<Latencies> => {
  let stop = false
  let reportsAnswered = 0
  let reportErrors = 0
  const statuses: Record<string, number> = {}
  let firstFailure: string | undefined
  const count_ = (key: string) => {
    statuses[key] = (statuses[key] ?? 0) + 1
  }
  const reporter = async (_: unknown, k: number) => {
    const headers = { authorization: `Bearer ${tokenOf(`deputy-${k}`, "controller")}` }
    while (!stop) {
      try {
        const res = await fetch(`${base}/reports/annual/2020?format=json`, { headers })
        const text = await res.text()
        count_(`report ${res.status}`)
        if (res.status === 200) reportsAnswered++
        else {
          reportErrors++
          firstFailure ??= `report ${res.status}: ${text.slice(0, 300)}`
        }
      } catch {
        // a connection the server reset (a loop blocked past the client's keep-alive): counted, not fatal
        count_("report 0")
        reportErrors++
      }
    }
  }
  const background = Array.from({ length: reporters }, reporter)
  // let the reports get going before measuring
  if (reporters > 0) await new Promise((r) => setTimeout(r, 1000))
  const latencies: Array<number> = []
  let failures = 0
  const until = performance.now() + budgetMs
  // at most `count` registrations, and no more once the time budget is spent (reports on the loop hold each one for seconds)
  for (let i = 0; i < count && performance.now() < until; i++) {
    const t0 = performance.now()
    try {
      const res = await fetch(`${base}/appeals`, {
        method: "POST",
        headers: { authorization: `Bearer ${clerks[i % clerks.length]}`, "content-type": "application/json" },
        body: body(offset + i)
      })
      const text = await res.text()
      count_(`register ${res.status}`)
      if (res.status !== 201) {
        failures++
        firstFailure ??= `register ${res.status}: ${text.slice(0, 300)}`
      }
    } catch {
      count_("register 0")
      failures++
    }
    latencies.push(performance.now() - t0)
    // a registration now and then, as clerks send them, not a flood
    await new Promise((r) => setTimeout(r, 20))
  }
  stop = true
  await Promise.all(background)
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    registrations: latencies.length,
    p50Ms: Number(median(sorted).toFixed(1)),
    p99Ms: Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0).toFixed(1)),
    maxMs: Number((sorted[sorted.length - 1] ?? 0).toFixed(1)),
    failures,
    reportsAnswered,
    reportErrors,
    statuses,
    ...(firstFailure !== undefined ? { firstFailure } : {})
  }
}

/** Runs the benchmark: `quick` measures fewer registrations. */
export const run = async (quick: boolean) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-reports-"))
  const store = `sqlite:${path.join(dir, "demo.sqlite")}`
  try {
    const demo = spawnSync(process.execPath, [...CLI, "demo", "--store", store], { encoding: "utf8" })
    if (demo.status !== 0) throw new Error(`cityhall demo failed: ${demo.stderr}`)
    const count = quick ? 60 : 300
    const budgetMs = quick ? 30_000 : 120_000
    const figures: Record<string, { idle: Latencies; reports: Latencies }> = {}
    let offset = 0
    for (const mode of ["worker", "loop"] as const) {
      const child = spawn(process.execPath, [...CLI, "serve", "--store", store, "--port", "0"], {
        env: {
          ...process.env,
          CITYHALL_SECRET: SECRET,
          ...(mode === "loop" ? { CITYHALL_REPORT_WORKER: "off" } : {})
        },
        stdio: ["ignore", "pipe", process.env.CITYHALL_BENCH_SERVER_LOG === undefined ? "ignore" : "inherit"]
      })
      try {
        const base = await started(child)
        const idle = await measure(base, count, offset, 0, budgetMs)
        offset += count
        const reports = await measure(base, count, offset, 20, budgetMs)
        offset += count
        figures[mode] = { idle, reports }
      } finally {
        child.kill("SIGTERM")
        await new Promise((r) => child.once("exit", r))
      }
    }
    const w = figures.worker,
      l = figures.loop
    return {
      ...figures,
      p99UnderReportsOverIdle: {
        worker: w === undefined ? null : Number((w.reports.p99Ms / w.idle.p99Ms).toFixed(2)),
        loop: l === undefined ? null : Number((l.reports.p99Ms / l.idle.p99Ms).toFixed(2))
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
