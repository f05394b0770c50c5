/**
 * The journal export at scale (issue 20): `cityhall appeals export` of a
 * year of 10^5 and 10^6 appeals (quick: 10^4 and 10^5) from a SQLite store,
 * as CSV and as XLSX to /dev/null, each in a child process of its own: the
 * wall time, rows per second and the peak RSS (`/usr/bin/time`'s maximum
 * resident set size, else VmHWM polled). Streaming holds memory flat: the
 * goal is the larger export's peak within 25 % of the smaller one's. The
 * live heap is measured apart (`bench/exportHeap.ts`: the use case's stream
 * with a collection every tenth of the rows), since V8 lets garbage pile up
 * in the old generation before it collects, which shows in a peak RSS.
 *
 * The store: BASE real appeals (register, assign, nine in ten answered,
 * `bench/storage.ts`) registered in March 2021, appended with their events
 * (the personal export reads them); and the year 2022 filled with copies of
 * their journal rows (`AppealRecords.ByPeriod`), re-keyed and spread over
 * the year's days, written through the adapter's `ReadModels.write`, one
 * copy per transaction (rows only: the plain journal reads nothing else).
 * The store grows in place from one size to the next. The personal export
 * (the applicant's columns: one `readMany` per page of rows) is measured on
 * the base.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { Effect, Layer } from "effect"
import { SqliteStore } from "../adapters/sqlite/index.js"
import * as AppealRecords from "../src/appeals/AppealRecords.js"
import * as Period from "../src/kernel/Period.js"
import { EventStore } from "../src/ports/EventStore.js"
import { coalesce, type IndexValues, ReadModels, type RowUpsert, type Write } from "../src/ports/ReadModels.js"
import { cliPeak } from "./scaling.js"
import { appeals } from "./storage.js"

/** A progress line on stderr (the results go to stdout). */
const progress = (line: string) => process.stderr.write(`export: ${line}\n`)

const BASE_MONTH = Period.unsafeMonth("2021-03")
const YEAR = Period.unsafeYear("2022")
const YEAR_DAYS = Period.days(YEAR)

/** Copy `k` of the base's journal rows, re-keyed and spread over the days of {@link YEAR}. */
const copyOf = (rows: ReadonlyArray<RowUpsert>, k: number): ReadonlyArray<Write> =>
  rows.map((u, i): Write => {
    const data = u.data as Readonly<Record<string, unknown>>
    const registeredOn = YEAR_DAYS[(k * rows.length + i) % YEAR_DAYS.length]!
    const moved: Record<string, unknown> = {
      ...data,
      appealId: `c${k}-${String(data["appealId"])}`,
      registrationNumber: `ОГ-2022-${String(k * rows.length + i + 1).padStart(7, "0")}`,
      registeredOn
    }
    const at = (f: string | undefined): string | null => {
      const v = f === undefined ? undefined : moved[f]
      return typeof v === "string" ? v : null
    }
    const f = AppealRecords.ByPeriod.indexed
    const index: IndexValues = [at(f[0]), at(f[1]), at(f[2]), at(f[3])]
    return { _tag: "RowUpsert", table: u.table, key: `c${k}-${u.key}`, data: moved, index }
  })

interface Run {
  readonly rows: number
  readonly format: "csv" | "xlsx"
  readonly personal: boolean
  readonly seconds: number
  readonly rowsPerSecond: number
  readonly peakRssMiB: number
  readonly ok: boolean
}

const exportRun = async (
  db: string,
  period: string,
  rows: number,
  format: "csv" | "xlsx",
  personal: boolean
): Promise<Run> => {
  const r = await cliPeak(
    [
      "appeals",
      "export",
      "--period",
      period,
      "--format",
      format,
      "--out",
      "/dev/null",
      "--db",
      db,
      ...(personal ? ["--with-personal-data"] : [])
    ],
    `${db}.time`
  )
  rmSync(`${db}.time`, { force: true })
  if (r.code !== 0) progress(`export failed (${r.code}): ${r.stderr.slice(0, 400)}`)
  const run: Run = {
    rows,
    format,
    personal,
    seconds: Number((r.ms / 1000).toFixed(1)),
    rowsPerSecond: Math.round((rows / r.ms) * 1000),
    peakRssMiB: r.peakRssMiB,
    ok: r.code === 0
  }
  progress(
    `${format}${personal ? " with personal data" : ""}, ${rows} rows: ${run.seconds} s, ${run.rowsPerSecond} rows/s, peak RSS ${run.peakRssMiB} MiB`
  )
  return run
}

const root = fileURLToPath(new URL("../", import.meta.url))

/** The live heap after a collection every tenth of the rows, streaming the journal in a child (`bench/exportHeap.ts`). */
const liveHeap = (db: string, period: string, rows: number) =>
  new Promise<Record<string, unknown>>((resolve) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "bench/exportHeap.ts", db, period, String(rows)],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] }
    )
    let out = ""
    let err = ""
    child.stdout.on("data", (d: Buffer) => (out += d.toString()))
    child.stderr.on("data", (d: Buffer) => (err += d.toString()))
    child.on("exit", (code) => {
      if (code !== 0) return resolve({ rows, failed: err.slice(0, 400) })
      const r = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
        readonly samples: ReadonlyArray<{ readonly rows: number; readonly heapMiB: number; readonly rssMiB: number }>
      }
      const heaps = r.samples.map((x) => x.heapMiB)
      progress(`${rows} rows streamed: live heap after GC ${heaps.join(" / ")} MiB`)
      resolve({ rows, samples: r.samples, heapMiBMin: Math.min(...heaps), heapMiBMax: Math.max(...heaps) })
    })
  })

export const run = async (quick: boolean): Promise<ReadonlyArray<Record<string, unknown>>> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-export-"))
  const db = path.join(dir, "export.sqlite")
  try {
    const baseSize = quick ? 1_000 : 10_000
    const sizes = quick ? [10_000, 100_000] : [100_000, 1_000_000]
    const base = appeals(baseSize, [BASE_MONTH], "x")
    const rows = coalesce(base.flatMap((b) => b.writes ?? [])).rows.filter(
      (r): r is RowUpsert => r._tag === "RowUpsert" && r.table === AppealRecords.ByPeriod.name
    )
    if (rows.length !== baseSize) throw new Error(`expected ${baseSize} journal rows, got ${rows.length}`)
    const layer = SqliteStore.layer({ filename: db })
    const figures: Array<Record<string, unknown>> = []
    const runs: Array<Run> = []
    let copies = 0
    const fillSeconds: Array<number> = []
    await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(Layer.build(layer), (ctx) =>
          Effect.provide(
            Effect.gen(function* () {
              const store = yield* EventStore
              const t0 = performance.now()
              for (let i = 0; i < base.length; i += 1_000) yield* store.appendMany(base.slice(i, i + 1_000))
              progress(`base of ${baseSize} appeals appended in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
            }),
            ctx
          )
        )
      )
    )
    runs.push(await exportRun(db, BASE_MONTH, baseSize, "csv", true))
    for (const size of sizes) {
      const t0 = performance.now()
      await Effect.runPromise(
        Effect.scoped(
          Effect.flatMap(Layer.build(layer), (ctx) =>
            Effect.provide(
              Effect.gen(function* () {
                const rm = yield* ReadModels
                for (; copies < size / baseSize; copies++) yield* rm.write(copyOf(rows, copies))
              }),
              ctx
            )
          )
        )
      )
      fillSeconds.push(Number(((performance.now() - t0) / 1000).toFixed(1)))
      progress(`${size} journal rows of ${YEAR} written in ${fillSeconds[fillSeconds.length - 1]} s`)
      runs.push(await exportRun(db, YEAR, size, "csv", false))
      runs.push(await exportRun(db, YEAR, size, "xlsx", false))
    }
    const heap = await liveHeap(db, YEAR, sizes[sizes.length - 1]!)
    const peak = (format: "csv" | "xlsx", rowsAt: number) =>
      runs.find((r) => r.format === format && !r.personal && r.rows === rowsAt)?.peakRssMiB ?? Number.NaN
    const [small, large] = sizes as [number, number]
    const ratios = {
      csv: Number((peak("csv", large) / peak("csv", small)).toFixed(3)),
      xlsx: Number((peak("xlsx", large) / peak("xlsx", small)).toFixed(3))
    }
    figures.push({
      name: `cityhall appeals export of a year from SQLite to /dev/null: ${small} vs ${large} rows, CSV and XLSX; the personal CSV of ${baseSize} appeals`,
      fillSeconds,
      runs,
      rssRatios: ratios,
      liveHeap: {
        note: "the use case's stream in process (App.AppealExports.journal, csvLine), garbage collected every tenth of the rows: what the export holds, without V8's deferred collection",
        ...heap
      },
      goal: `memory flat: ${large / small}x the rows adds < 25 % peak RSS`,
      met: runs.every((r) => r.ok) && ratios.csv < 1.25 && ratios.xlsx < 1.25
    })
    return figures
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  run(process.argv.includes("--quick")).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}
