/**
 * Strict import, JSON Lines and CSV alike: a field the format does not know
 * (a misspelling) is rejected naming it; instants are RFC 3339 with an
 * offset only (the same file imports the same under any machine zone); a
 * different record under a key already stored (or earlier in the file) is
 * a conflict naming both, while a true duplicate stays a duplicate.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import { run as cli } from "../../adapters/cli/Cli.js"
import { describe, expect, it } from "vitest"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Importer from "../../adapters/cli/import/Importer.js"
import { MemoryStore } from "../../adapters/memory/index.js"
import { Demo, Ports } from "../../src/index.js"

const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const city = Demo.Generator.generate({ seed: 2020 })
const organisation = city.records.filter((r) => r.kind === "organisation").map((r) => encode(r))
const appeal = city.records.find((r) => r.kind === "appeal")!
const appealLine = encode(appeal)

async function* linesOf(lines: ReadonlyArray<string>): AsyncIterable<string> {
  for (const l of lines) yield l
}

const importAll = (lines: ReadonlyArray<string>, csv = false) =>
  Effect.gen(function* () {
    const rejected: Array<Importer.Rejection> = []
    const options = {
      recordedAt: "2021-01-15T00:00:00.000Z",
      onReject: (r: Importer.Rejection) => Effect.sync(() => void rejected.push(r))
    }
    const counts = yield* (csv ? Importer.importCsvLines : Importer.importLines)(linesOf(lines), options)
    return { counts, rejected }
  })

const run = <A, E>(e: Effect.Effect<A, E, Ports.EventStore.EventStore>) =>
  Effect.runPromise(Effect.provide(e, MemoryStore.layer))

/** The appeal line with its JSON changed by `f`. */
const changed = (f: (j: { history: Array<Record<string, unknown>> } & Record<string, unknown>) => void): string => {
  const j = JSON.parse(appealLine) as { history: Array<Record<string, unknown>> } & Record<string, unknown>
  f(j)
  return JSON.stringify(j)
}

describe("strict import", () => {
  it("JSON Lines: an unknown or misspelled field is rejected naming it; nothing of the line is stored", async () => {
    const lines = [
      ...organisation,
      changed((j) => {
        j.history[0]!.aplicant = j.history[0]!.applicant
        delete j.history[0]!.applicant
      }),
      changed((j) => {
        j.extra = 1
      })
    ]
    const { counts, rejected } = await run(importAll(lines))
    expect(counts.rejected).toBe(2)
    expect(rejected[0]!.reason).toContain("aplicant")
    expect(rejected[1]!.reason).toContain("extra")
    expect(counts.byKind.appeal).toBe(0)
  })

  it("JSON Lines: instants are RFC 3339 with an offset only", async () => {
    for (const at of ["2022-02-30T10:00:00+10:00", "3/4/2026", "2026", "March 3, 2026", "2020-03-02T10:00:00"]) {
      const line = changed((j) => {
        j.history[0]!.receivedAt = at
      })
      const { counts, rejected } = await run(importAll([...organisation, line]))
      expect(counts.rejected, at).toBe(1)
      expect(rejected[0]!.reason, at).toContain("receivedAt")
    }
  })

  it("CSV: an instant without an offset or an impossible date is rejected naming the field", async () => {
    const header = "registrationNumber,receivedAt,channel,topics,text"
    const row = (n: number, at: string) =>
      `ОГ-2020-9${String(n).padStart(4, "0")},${at},written,0005.0005.0056.1134,Текст`
    const { counts, rejected } = await run(
      importAll(
        [
          header,
          row(1, "2020-03-02T10:00:00+10:00"),
          row(2, "3/4/2026"),
          row(3, "2020-02-30T10:00:00Z"),
          row(4, "2020-03-02 10:00")
        ],
        true
      )
    )
    expect(counts.imported).toBe(1)
    expect(rejected.map((r) => r.line)).toEqual([3, 4, 5])
    for (const r of rejected) expect(r.reason).toContain("receivedAt")
  })

  it("a different record under a key already stored is a conflict naming both; a true duplicate stays a duplicate", async () => {
    const other = changed((j) => {
      j.history[0]!.text = "Совсем другой текст обращения"
    })
    const result = await run(
      Effect.gen(function* () {
        const first = yield* importAll([...organisation, appealLine])
        const before = yield* Effect.flatMap(Ports.EventStore.EventStore, (s) => s.head)
        const again = yield* importAll([appealLine])
        const conflict = yield* importAll([other])
        const after = yield* Effect.flatMap(Ports.EventStore.EventStore, (s) => s.head)
        return { first, again, conflict, before, after }
      })
    )
    expect(result.first.counts.byKind.appeal).toBe(1)
    expect(result.again.counts).toMatchObject({ duplicates: 1, rejected: 0 })
    expect(result.conflict.counts).toMatchObject({ duplicates: 0, rejected: 1, imported: 0 })
    expect(result.conflict.rejected[0]!.reason).toMatch(/^Conflict: .*import\/appeal\/.*appeal/)
    expect(result.after).toBe(result.before)
    // within one file: the second, different record is a conflict naming the first one's line
    const inFile = await run(importAll([...organisation, appealLine, other, appealLine]))
    expect(inFile.counts).toMatchObject({ imported: organisation.length + 1, duplicates: 1, rejected: 1 })
    expect(inFile.rejected[0]!.reason).toContain(`line ${organisation.length + 1}`)
  })
})

describe("import --rejects", () => {
  it("a rejects file that cannot be written is an error naming --rejects (exit 1), never an internal error (70); nothing is imported", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cityhall-rejects-"))
    const file = join(dir, "records.jsonl")
    writeFileSync(file, `${[...organisation, "{ not json"].join("\n")}\n`)
    const db = join(dir, "city.sqlite")
    for (const rejects of [join(dir, "no-such-folder", "bad.jsonl"), dir, join(file, "bad.jsonl")]) {
      const r = await Effect.runPromise(cli(["import", file, "--db", db, "--rejects", rejects]))
      expect(r.exitCode, rejects).toBe(1)
      expect(r.stderr, rejects).toContain("--rejects")
    }
    expect(existsSync(db)).toBe(false)
  })
})
