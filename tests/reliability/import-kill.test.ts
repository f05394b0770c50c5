/**
 * The importing process killed (SIGKILL) at random points and re-run: the
 * SQLite store ends identical — events, streams, idempotency keys, read-model
 * rows and counters — to an uninterrupted import of the same file into
 * another store. The file is 3,000 appeals of the demo city (JSON Lines, the
 * import format), imported by `cityhall import` as a separate process in
 * batches of 50 records; the kills land at random fractions of the import
 * (watched through the store's head) and once at a random early moment.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { FastCheck as fc, Schema } from "effect"
import * as Format from "../../adapters/cli/import/Format.js"
import { Generator } from "../../src/demo/index.js"

const require = createRequire(import.meta.url)
interface Database {
  prepare(sql: string): {
    all(...params: ReadonlyArray<unknown>): Array<Record<string, unknown>>
    get(): Record<string, unknown> | undefined
  }
  close(): void
}
const BetterSqlite3 = require("better-sqlite3") as new (
  filename: string,
  options?: { readonly readonly?: boolean; readonly fileMustExist?: boolean }
) => Database

const root = fileURLToPath(new URL("../../", import.meta.url))
const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-rel-import-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const APPEALS = 3_000
const BATCH = "50"

const writeFile = (): string => {
  const encode = Schema.encodeSync(Format.ImportRecord)
  const records = Generator.generate({ seed: 11 })
    .records.filter((r) => r.kind === "appeal")
    .slice(0, APPEALS)
  const file = path.join(dir, "appeals.jsonl")
  writeFileSync(file, records.map((r) => JSON.stringify(encode(r as Format.ImportRecord))).join("\n") + "\n")
  return file
}

interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `cityhall import`; `killWhen` is polled every 20 ms and, when it answers true, the process gets SIGKILL. */
const importRun = (file: string, db: string, killWhen?: () => boolean): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "adapters/cli/main.ts", "import", file, "--db", db, "--batch-size", BATCH],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"]
      }
    )
    let stdout = "",
      stderr = ""
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()))
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    const timer =
      killWhen === undefined
        ? undefined
        : setInterval(() => {
            if (killWhen()) {
              clearInterval(timer)
              child.kill("SIGKILL")
            }
          }, 20)
    child.on("exit", (code, signal) => {
      if (timer !== undefined) clearInterval(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })

/** The store's head, or -1 while it cannot be read (not created yet, busy). */
const headOf = (db: string): number => {
  try {
    const d = new BetterSqlite3(db, { readonly: true, fileMustExist: true })
    try {
      return Number(d.prepare("SELECT position FROM cityhall_head WHERE id = 1").get()?.["position"] ?? -1)
    } finally {
      d.close()
    }
  } catch {
    return -1
  }
}

/** Everything stored, in a stable order; the events' `recorded_at` (the time of the run) left out. */
const dump = (db: string) => {
  const d = new BetterSqlite3(db, { readonly: true, fileMustExist: true })
  try {
    const all = (sql: string) => d.prepare(sql).all()
    return {
      head: all("SELECT position FROM cityhall_head"),
      events: all(
        "SELECT position, event_id, category, stream_id, version, type, payload FROM cityhall_events ORDER BY position"
      ),
      streams: all("SELECT * FROM cityhall_streams ORDER BY category, stream_id"),
      idempotency: all("SELECT * FROM cityhall_idempotency ORDER BY key"),
      rows: all("SELECT * FROM cityhall_rows ORDER BY tbl, key"),
      counters: all("SELECT * FROM cityhall_counters ORDER BY name, key")
    }
  } finally {
    d.close()
  }
}

describe("faults: the importing process killed at random points", () => {
  it("SIGKILLed imports re-run to completion end identical to an uninterrupted import", async () => {
    const file = writeFile()
    const reference = path.join(dir, "reference.sqlite")
    const cleanStarted = Date.now()
    const clean = await importRun(file, reference)
    const cleanMs = Date.now() - cleanStarted
    expect(clean.code, clean.stderr).toBe(0)
    const counts = JSON.parse(clean.stdout) as {
      readonly imported: number
      readonly rejected: number
      readonly events: number
    }
    expect(counts.imported).toBe(APPEALS)
    expect(counts.rejected).toBe(0)
    const expected = dump(reference)
    const total = expected.events.length
    expect(total).toBe(counts.events)

    const victim = path.join(dir, "killed.sqlite")
    // One kill at a random early moment (maybe before the store exists), then kills at random fractions of the import.
    // The early kill lands within the first 40 % of an uninterrupted import's time (process start included), so it
    // stays early however fast or loaded the machine is.
    const [earlyMs, ...fractions] = fc.sample(
      fc.tuple(
        fc.integer({ min: 200, max: Math.max(400, Math.floor(cleanMs * 0.4)) }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true })
      ),
      1
    )[0]!
    const heads: Array<number> = []
    const started = Date.now()
    const early = await importRun(file, victim, () => Date.now() - started >= earlyMs)
    heads.push(headOf(victim))
    let partial = early.signal === "SIGKILL" && heads[0]! > 0 && heads[0]! < total ? 1 : 0
    for (const f of [...fractions].sort((a, b) => a - b)) {
      const target = Math.max(heads[heads.length - 1]! + 1, Math.floor(f * total))
      if (target >= total) continue
      const killed = await importRun(file, victim, () => headOf(victim) >= target)
      const head = headOf(victim)
      heads.push(head)
      if (killed.signal === "SIGKILL" && head > 0 && head < total) partial++
    }
    // The kills landed mid-import: the store was left part-written, batch by batch.
    expect(
      partial,
      `heads after the kills: ${heads.join(", ")} of ${total}; early kill ${early.signal ?? early.code}`
    ).toBeGreaterThan(0)
    console.log(
      `import kills: early kill after ${earlyMs} ms (${early.signal ?? `exit ${early.code}`}), store heads after the kills ${heads.join(", ")} of ${total} events`
    )
    const finished = await importRun(file, victim)
    expect(finished.code, finished.stderr).toBe(0)
    const after = JSON.parse(finished.stdout) as {
      readonly imported: number
      readonly duplicates: number
      readonly rejected: number
    }
    expect(after.rejected).toBe(0)
    expect(after.imported + after.duplicates).toBe(APPEALS)
    expect(dump(victim)).toEqual(expected)
    // and a further run appends nothing
    const again = await importRun(file, victim)
    expect(again.code, again.stderr).toBe(0)
    expect((JSON.parse(again.stdout) as { readonly events: number }).events).toBe(0)
    expect(dump(victim)).toEqual(expected)
  }, 600_000)
})
