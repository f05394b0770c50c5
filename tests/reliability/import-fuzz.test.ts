/**
 * The import fuzz of `npm run test:reliability`, JSON Lines and CSV: files
 * of good records with bad lines mixed in (a field misspelled or unknown,
 * an instant without an offset or impossible, a text with NUL or only
 * whitespace, a wrong type, deep nesting, not JSON, a different record
 * under a stored key). Goals: 0 bad lines accepted, every rejection names
 * its line and what was wrong, every good line imported.
 */
import { Effect, FastCheck as fc, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Importer from "../../adapters/cli/import/Importer.js"
import { MemoryStore } from "../../adapters/memory/index.js"
import { Demo, type Ports } from "../../src/index.js"
import { atLeast } from "../support/runs.js"

const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const city = Demo.Generator.generate({ seed: 2020 })
const organisation = city.records.filter((r) => r.kind === "organisation").map((r) => encode(r))
const appeals = city.records
  .filter((r) => r.kind === "appeal")
  .filter((_, i) => i % 97 === 0)
  .slice(0, 40)
  .map((r) => encode(r))

type Line = { readonly text: string; readonly bad?: string }

/** A bad variant of a good appeal line, and a word its rejection must name. */
const badOf = (good: string, k: number): Line => {
  const j = JSON.parse(good) as { history: Array<Record<string, unknown>> } & Record<string, unknown>
  const first = j.history[0]!
  switch (k % 9) {
    case 0:
      first["aplicant"] = first["applicant"] ?? {}
      return { text: JSON.stringify(j), bad: "aplicant" }
    case 1:
      j["zzUnknown"] = 1
      return { text: JSON.stringify(j), bad: "zzUnknown" }
    case 2:
      first["receivedAt"] = "2020-03-02T10:00:00"
      return { text: JSON.stringify(j), bad: "receivedAt" }
    case 3:
      first["receivedAt"] = "2022-02-30T10:00:00Z"
      return { text: JSON.stringify(j), bad: "receivedAt" }
    case 4:
      first["text"] = "a\u0000b"
      return { text: JSON.stringify(j), bad: "text" }
    case 5:
      first["text"] = " \n\t "
      return { text: JSON.stringify(j), bad: "text" }
    case 6:
      first["topics"] = 12
      return { text: JSON.stringify(j), bad: "topics" }
    case 7:
      return { text: `${"[".repeat(5000)}${"]".repeat(5000)}`, bad: "" }
    default:
      return { text: good.slice(0, good.length - 3), bad: "" }
  }
}

async function* linesOf(lines: ReadonlyArray<string>): AsyncIterable<string> {
  for (const l of lines) yield l
}

const importAll = (lines: ReadonlyArray<string>, csv: boolean) =>
  Effect.gen(function* () {
    const rejected: Array<Importer.Rejection> = []
    const counts = yield* (csv ? Importer.importCsvLines : Importer.importLines)(linesOf(lines), {
      batchSize: 7,
      recordedAt: "2021-01-15T00:00:00.000Z",
      onReject: (r) => Effect.sync(() => void rejected.push(r))
    })
    return { counts, rejected }
  })

const run = <A, E>(e: Effect.Effect<A, E, Ports.EventStore.EventStore>) =>
  Effect.runPromise(Effect.provide(e, MemoryStore.layer))

describe("reliability: import fuzz", () => {
  it("JSON Lines: no bad line accepted, every rejection names its line and what, every good line imported", async () => {
    let files = 0
    let badLines = 0
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...appeals], { minLength: 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
        async (good, bad) => {
          files++
          const lines: Array<Line> = [...organisation.map((text) => ({ text })), ...good.map((text) => ({ text }))]
          for (const [at, k] of bad) {
            const target = good[at % good.length]!
            lines.splice(organisation.length + (at % (lines.length - organisation.length + 1)), 0, badOf(target, k))
          }
          badLines += bad.length
          const { counts, rejected } = await run(
            importAll(
              lines.map((l) => l.text),
              false
            )
          )
          const badAt = lines.flatMap((l, i) => (l.bad !== undefined ? [i + 1] : []))
          expect(rejected.map((r) => r.line)).toEqual(badAt)
          for (const r of rejected) {
            const bad = lines[r.line - 1]!.bad!
            expect(r.reason).not.toBe("")
            if (bad !== "") expect(r.reason, r.reason).toContain(bad)
          }
          expect(counts.byKind.appeal).toBe(good.length)
        }
      ),
      { numRuns: atLeast(200), seed: 20261206 }
    )
    expect(files).toBe(atLeast(200))
    expect(badLines).toBeGreaterThan(0)
  }, 300_000)

  it("CSV: no bad row accepted, every rejection names its row and column, every good row imported", async () => {
    const header = "registrationNumber,receivedAt,channel,topics,text"
    const good = (n: number) =>
      `ОГ-2020-${String(n).padStart(5, "0")},2020-03-0${1 + (n % 9)}T10:00:00+10:00,written,0005.0005.0056.1134,"Текст обращения, номер ${n}"`
    const bads: ReadonlyArray<(n: number) => Line> = [
      (n) => ({
        text: `ОГ-2020-${String(n).padStart(5, "0")},3/4/2020,written,0005.0005.0056.1134,Текст`,
        bad: "receivedAt"
      }),
      (n) => ({
        text: `ОГ-2020-${String(n).padStart(5, "0")},2020-03-01T10:00:00,written,0005.0005.0056.1134,Текст`,
        bad: "receivedAt"
      }),
      (n) => ({
        text: `ОГ-2020-${String(n).padStart(5, "0")},2020-02-30T10:00:00Z,written,0005.0005.0056.1134,Текст`,
        bad: "receivedAt"
      }),
      (n) => ({
        text: `ОГ-2020-${String(n).padStart(5, "0")},2020-03-01T10:00:00Z,written,0005.0005.0056.1134,`,
        bad: "text"
      }),
      (n) => ({
        text: `ОГ-2020-${String(n).padStart(5, "0")},2020-03-01T10:00:00Z,telepathy,0005.0005.0056.1134,Текст`,
        bad: "channel"
      }),
      (n) => ({ text: `ОГ-2020-${String(n).padStart(5, "0")},2020-03-01T10:00:00Z,written`, bad: "fields" }),
      () => ({ text: `"unclosed,2020-03-01T10:00:00Z,written,x,y`, bad: "quote" })
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
        async (goods, bad) => {
          const lines: Array<Line> = Array.from({ length: goods }, (_, i) => ({ text: good(i + 1) }))
          bad.forEach(([at, k], i) => lines.splice(at % (lines.length + 1), 0, bads[k % bads.length]!(1000 + i)))
          const { counts, rejected } = await run(importAll([header, ...lines.map((l) => l.text)], true))
          const badAt = lines.flatMap((l, i) => (l.bad !== undefined ? [i + 2] : []))
          expect(rejected.map((r) => r.line)).toEqual(badAt)
          for (const r of rejected) expect(r.reason, r.reason).toContain(lines[r.line - 2]!.bad!)
          expect(counts.imported).toBe(goods)
        }
      ),
      { numRuns: atLeast(300), seed: 20261206 }
    )
  }, 300_000)
})
