/**
 * The import with its lines decoded on worker threads (`Importer.Options.workers`,
 * what `cityhall import` starts for a large file) is the import without them:
 * over random selections of the demo city's records — every kind, hundreds
 * of appeals (several chunks in flight), true duplicates, an appeal under a
 * number another holds, blank and bad lines — the counts, the rejected lines
 * with their reasons and the stored events are the same, with any batch
 * size. A read failure is still a ReadFailed after the last line read, with
 * the whole batches before it stored.
 */
import { Effect, Either, Exit, FastCheck as fc, Schema, Scope } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Importer from "../../adapters/cli/import/Importer.js"
import * as Workers from "../../adapters/cli/import/Workers.js"
import * as Setup from "../../adapters/cli/internal/Setup.js"
import { Demo, Ports } from "../../src/index.js"
import { runs } from "../support/runs.js"

const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const city = Demo.Generator.generate({ seed: 2020 })
const recordedAt = "2021-01-15T00:00:00.000Z"
const setupOptions: Setup.ResolveOptions = { defaultDb: "workers-test.sqlite", defaultConfig: false }
const appealDefinition = Either.getOrThrow(Setup.resolve(setupOptions)).city.appeals

const appeals = city.records.filter((r) => r.kind === "appeal").map((r) => encode(r))
const pool: ReadonlyArray<string> = [
  ...city.records.filter((r) => r.kind === "organisation"),
  ...city.records.filter((r) => r.kind === "plan" && r.history[0].plan === "strategy-2030"),
  ...city.records.filter((r) => r.kind === "suspension"),
  ...city.records.filter((r) => r.kind === "reception" && /^R-2020-0[3-5]/.test(r.history[0].reception)).slice(0, 3),
  ...city.records.filter((r) => r.kind === "electionCalendar"),
  ...city.records.filter((r) => r.kind === "publications")
]
  .map((r) => encode(r))
  .concat(appeals.filter((_, i) => i % 40 === 0))

// another appeal under the number of the first one: rejected as a conflict (in the run, by its key)
const clash = appeals[0]!.replaceAll('"A-2019-00001"', '"A-2019-clash"')

const extra = fc.oneof(
  fc.constant(""),
  fc.constant("   "),
  fc.constant("{ not json"),
  fc.constant(JSON.stringify({ kind: "appeal", history: [] })),
  fc.constant(JSON.stringify({ kind: "budget", history: [{}] })),
  fc.constant(appeals[0]!.replace('"channel":"electronic"', '"chanel":"electronic"')),
  fc.constant(appeals[0]!),
  fc.constant(clash)
)

/** A file: a selection of the pool (in pool order) with blank, bad, duplicate and clashing lines put in. */
const file = fc
  .tuple(fc.subarray([...pool], { minLength: 1 }), fc.array(fc.tuple(fc.nat(), extra), { maxLength: 8 }))
  .map(([good, more]) => {
    const lines = [...good]
    for (const [at, text] of more) lines.splice(at % (lines.length + 1), 0, text)
    return lines
  })

async function* linesOf(lines: ReadonlyArray<string>): AsyncIterable<string> {
  for (const l of lines) yield l
}

let scope: Scope.CloseableScope
let workers: Importer.Workers

beforeAll(async () => {
  scope = Effect.runSync(Scope.make())
  workers = await Effect.runPromise(Scope.extend(Workers.start({ setup: setupOptions, recordedAt }, 2), scope))
})
afterAll(async () => {
  await Effect.runPromise(Scope.close(scope, Exit.void))
})

const importAll = (lines: AsyncIterable<string>, batchSize: number, threads: Importer.Workers | undefined) =>
  Effect.gen(function* () {
    const rejected: Array<Importer.Rejection> = []
    const counts = yield* Effect.either(
      Importer.importLines(lines, {
        batchSize,
        recordedAt,
        appealDefinition,
        onReject: (r) => Effect.sync(() => void rejected.push(r)),
        ...(threads !== undefined ? { workers: threads } : {})
      })
    )
    const stored = yield* Effect.flatMap(Ports.EventStore.EventStore, (s) => s.readAll(0))
    return {
      counts,
      rejected,
      stored: stored.map((e) => `${e.position} ${e.streamId}#${e.version} ${e.type} ${JSON.stringify(e.payload)}`)
    }
  }).pipe(Effect.provide(MemoryStore.layer))

describe("Importer.importLines on worker threads", () => {
  it("gives the counts, the rejected lines and the stored events of the import on one thread, with any batch size", async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 300 }), async (lines, batchSize) => {
        const one = await Effect.runPromise(importAll(linesOf(lines), batchSize, undefined))
        const threaded = await Effect.runPromise(importAll(linesOf(lines), batchSize, workers))
        expect(Either.isRight(one.counts)).toBe(true)
        expect(threaded.counts).toEqual(one.counts)
        expect(threaded.rejected).toEqual(one.rejected)
        expect(threaded.stored).toEqual(one.stored)
      }),
      { numRuns: runs(6) }
    )
  })

  it("a read failure is a ReadFailed after the last line read, the whole batches before it stored", async () => {
    async function* broken(): AsyncIterable<string> {
      for (const l of pool.slice(0, 300)) yield l
      throw new Error("EIO: i/o error, read")
    }
    const one = await Effect.runPromise(importAll(broken(), 100, undefined))
    const threaded = await Effect.runPromise(importAll(broken(), 100, workers))
    expect(Either.isLeft(threaded.counts) && threaded.counts.left).toMatchObject({
      _tag: "ReadFailed",
      linesRead: 300,
      message: "after line 300: EIO: i/o error, read"
    })
    expect(threaded.counts).toEqual(one.counts)
    expect(threaded.stored).toEqual(one.stored)
    expect(threaded.stored.length).toBeGreaterThan(0)
  })
})
