/**
 * `cityhall import` end to end (issue 19), `--only=import`:
 *
 * 1. a JSON Lines file of N appeals with their histories in the import
 *    format (docs/import.md): the demo city's appeals of 2019-2020
 *    ({@link Demo.Generator}, 22,462 of them: registered, assigned,
 *    extended, answered, forwarded...), encoded once with
 *    `Format.ImportRecord` and repeated under other ids and registration
 *    numbers (`A-2019-00001`, `ОГ-2019-00001` and the answers' outgoing
 *    `Исх-2019-00001` become `Ab-2019-00001`, `ОГb-2019-00001` and
 *    `Исхb-2019-00001` in the second copy) up to N;
 * 2. `cityhall import FILE --db NEW.sqlite` as a child process (tsx, as
 *    `npm start` runs it) under `/usr/bin/time`: wall time from spawn to
 *    exit, appeals/s, peak RSS (`%M`) and the CPU time of the process
 *    (`%U` + `%S`: on a shared machine the wall time depends on the
 *    others' load, the CPU time much less); and the fixed cost — the same
 *    command on an empty file — reported beside it;
 * 3. the raw baseline: better-sqlite3 writing exactly what the import
 *    stored (its events, streams, idempotency keys, read-model rows with
 *    their search index by the schema's own triggers, counters, the head
 *    position — read back from the import's database, so pre-decoded and
 *    pre-built) into a fresh database with the same schema, in WAL mode,
 *    one transaction per batch of the same size (the tables' rows split
 *    evenly over N / batch-size transactions).
 *
 * `ratio` = import appeals/s over raw appeals/s (goal >= 0.25), and the
 * import's appeals/s goal is >= 5,000. Full size 200,000 appeals
 * (`--appeals=N` sets another), quick 10,000.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { Effect, Schema } from "effect"
import * as Format from "../adapters/cli/import/Format.js"
import { cliPeak } from "./scaling.js"
import { SqliteStore } from "../adapters/sqlite/index.js"
import * as Generator from "../src/demo/Generator.js"

const require = createRequire(import.meta.url)

interface Statement {
  run(...params: ReadonlyArray<unknown>): unknown
  raw(toggle?: boolean): Statement
  all(...params: ReadonlyArray<unknown>): Array<ReadonlyArray<unknown>>
}
interface SqliteDatabase {
  prepare(sql: string): Statement
  pragma(sql: string): unknown
  transaction(fn: () => void): () => void
  close(): void
}
const BetterSqlite3 = require("better-sqlite3") as new (
  filename: string,
  options?: { readonly readonly?: boolean }
) => SqliteDatabase

/** `cityhall import FILE --db DB` as a child process (`cliPeak`): wall ms, peak RSS, CPU seconds, its output. */
const importChild = async (file: string, db: string, batchSize: number) => {
  const r = await cliPeak(["import", file, "--db", db, "--batch-size", String(batchSize)], `${db}.time`)
  return { ...r, cpuSeconds: r.cpuSeconds ?? Number.NaN }
}

const progress = (line: string) => process.stderr.write(`[import] ${line}\n`)

const LETTERS = "bcdefghijklmnopqrstuvwxyz"

/** The demo's appeals as lines of the import format (one encoding each). */
const demoLines = (): ReadonlyArray<string> => {
  const encode = Schema.encodeSync(Format.ImportRecord)
  const city = Generator.generate({ seed: 2020 })
  return city.records.filter((r) => r.kind === "appeal").map((r) => JSON.stringify(encode(r as Format.ImportRecord)))
}

/** Writes `n` appeal records: the demo's appeals, copy after copy under other ids and numbers. */
export const writeImportFile = async (file: string, n: number): Promise<number> => {
  const base = demoLines()
  if (n > base.length * (LETTERS.length + 1)) throw new Error(`at most ${base.length * (LETTERS.length + 1)} appeals`)
  const out = createWriteStream(file, { encoding: "utf8" })
  let bytes = 0
  const CHUNK = 2_000
  for (let from = 0; from < n; from += CHUNK) {
    const lines: Array<string> = []
    for (let i = from; i < Math.min(n, from + CHUNK); i++) {
      const copy = Math.floor(i / base.length)
      const line = base[i % base.length]!
      lines.push(
        copy === 0
          ? line
          : line
              .replaceAll('"A-20', `"A${LETTERS[copy - 1]}-20`)
              .replaceAll('"ОГ-20', `"ОГ${LETTERS[copy - 1]}-20`)
              .replaceAll('"Исх-20', `"Исх${LETTERS[copy - 1]}-20`)
      )
    }
    const chunk = `${lines.join("\n")}\n`
    bytes += Buffer.byteLength(chunk)
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()))
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  return bytes
}

const TABLES = [
  {
    name: "cityhall_streams",
    columns: ["category", "stream_id", "version"],
    order: "category, stream_id"
  },
  {
    name: "cityhall_events",
    columns: ["position", "event_id", "category", "stream_id", "version", "type", "payload", "recorded_at"],
    order: "position"
  },
  {
    name: "cityhall_idempotency",
    columns: ["key", "category", "stream_id", "from_version", "to_version", "last_position"],
    order: "last_position, key"
  },
  { name: "cityhall_rows", columns: ["tbl", "key", "data", "i0", "i1", "i2", "i3"], order: "tbl, key" },
  { name: "cityhall_counters", columns: ["name", "key", "k0", "value"], order: "name, key" }
] as const

/** Everything the import stored (pre-built rows for the raw side), by table. */
const storedRows = (db: string) => {
  const d = new BetterSqlite3(db, { readonly: true })
  try {
    const tables = TABLES.map((t) => ({
      ...t,
      rows: d
        .prepare(`SELECT ${t.columns.join(", ")} FROM ${t.name} ORDER BY ${t.order}`)
        .raw(true)
        .all()
    }))
    const head = Number(d.prepare("SELECT position FROM cityhall_head WHERE id = 1").raw(true).all()[0]![0])
    return { tables, head }
  } finally {
    d.close()
  }
}

/** The raw driver writes `stored` into the fresh database `db`, one transaction per batch (of `batches`); ms. */
const rawInsert = (db: string, stored: ReturnType<typeof storedRows>, batches: number): number => {
  const t0 = performance.now()
  const d = new BetterSqlite3(db)
  d.pragma("journal_mode = WAL")
  const statements = stored.tables.map((t) =>
    d.prepare(`INSERT INTO ${t.name} (${t.columns.join(", ")}) VALUES (${t.columns.map(() => "?").join(", ")})`)
  )
  const head = d.prepare("UPDATE cityhall_head SET position = ? WHERE id = 1")
  for (let b = 0; b < batches; b++) {
    d.transaction(() => {
      stored.tables.forEach((t, ti) => {
        const from = Math.floor((b * t.rows.length) / batches)
        const to = Math.floor(((b + 1) * t.rows.length) / batches)
        for (let i = from; i < to; i++) statements[ti]!.run(...t.rows[i]!)
      })
      head.run(Math.floor(((b + 1) * stored.head) / batches))
    })()
  }
  d.close()
  return performance.now() - t0
}

const loadAverage = () => os.loadavg().map((x) => Number(x.toFixed(2)))

export const run = async (quick: boolean): Promise<ReadonlyArray<Record<string, unknown>>> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-bench-import-"))
  try {
    const asked = process.argv.find((a) => a.startsWith("--appeals="))?.slice("--appeals=".length)
    const n = asked !== undefined ? Number(asked) : quick ? 10_000 : 200_000
    const batchSize = 500
    const file = path.join(dir, "appeals.jsonl")
    const t0 = performance.now()
    const bytes = await writeImportFile(file, n)
    progress(`${n} appeals written (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${Math.round(performance.now() - t0)} ms`)
    const empty = path.join(dir, "empty.jsonl")
    writeFileSync(empty, "")
    const fixed = await importChild(empty, path.join(dir, "empty.sqlite"), batchSize)
    const loadBefore = loadAverage()
    const db = path.join(dir, "import.sqlite")
    const r = await importChild(file, db, batchSize)
    const loadAfter = loadAverage()
    if (r.code !== 0) throw new Error(`cityhall import failed (exit ${r.code}): ${r.stdout}${r.stderr}`)
    const counts = JSON.parse(r.stdout) as { readonly imported: number; readonly events: number }
    progress(`import: ${(r.ms / 1000).toFixed(1)} s, ${Math.round((n / r.ms) * 1000)} appeals/s`)
    const stored = storedRows(db)
    const batches = Math.ceil(n / batchSize)
    const rawMs: Array<number> = []
    const rawCpu: Array<number> = []
    for (let s = 0; s < 3; s++) {
      const raw = path.join(dir, `raw-${s}.sqlite`)
      await Effect.runPromise(SqliteStore.migrate(raw)) // the same schema, outside the timing
      const cpu0 = process.cpuUsage()
      rawMs.push(rawInsert(raw, stored, batches))
      const cpu = process.cpuUsage(cpu0)
      rawCpu.push((cpu.user + cpu.system) / 1e6)
      for (const f of [raw, `${raw}-wal`, `${raw}-shm`]) rmSync(f, { force: true })
    }
    const rawMedian = [...rawMs].sort((a, b) => a - b)[1]!
    const rawCpuMedian = [...rawCpu].sort((a, b) => a - b)[1]!
    const importRate = (n / r.ms) * 1000
    const rawRate = (n / rawMedian) * 1000
    const byTable = Object.fromEntries(stored.tables.map((t) => [t.name, t.rows.length]))
    return [
      {
        name: "cityhall import end to end (child process) vs raw better-sqlite3 of the same rows",
        appeals: n,
        fileMiB: Number((bytes / 2 ** 20).toFixed(1)),
        batchSize,
        imported: counts.imported,
        events: counts.events,
        storedRows: byTable,
        dbMiB: Number((statSync(db).size / 2 ** 20).toFixed(1)),
        importSeconds: Number((r.ms / 1000).toFixed(2)),
        importAppealsPerSecond: Math.round(importRate),
        importPeakRssMiB: r.peakRssMiB,
        importCpuSeconds: r.cpuSeconds,
        importAppealsPerCpuSecond: Math.round(n / r.cpuSeconds),
        fixedCostSeconds: Number((fixed.ms / 1000).toFixed(2)),
        fixedCostCpuSeconds: fixed.cpuSeconds,
        fixedCostPeakRssMiB: fixed.peakRssMiB,
        rawMedianSeconds: Number((rawMedian / 1000).toFixed(2)),
        rawSamplesSeconds: rawMs.map((ms) => Number((ms / 1000).toFixed(2))),
        rawAppealsPerSecond: Math.round(rawRate),
        rawCpuSeconds: Number(rawCpuMedian.toFixed(2)),
        ratio: Number((importRate / rawRate).toFixed(3)),
        cpuRatio: Number((rawCpuMedian / r.cpuSeconds).toFixed(3)),
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAfter,
        goal: "ratio >= 0.25 and >= 5,000 appeals/s",
        met: importRate / rawRate >= 0.25 && importRate >= 5_000 && counts.imported === n
      }
    ]
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
