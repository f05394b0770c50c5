/**
 * A child of `bench/exports.ts` (run with `node --expose-gc --import tsx`):
 * streams the journal of a period from a SQLite store through
 * `App.AppealExports.journal` and `JournalExport.csvLine` (as the CLI does,
 * into nothing), collecting garbage every tenth of the rows and printing
 * the live heap and RSS then, as one JSON line: flat when nothing is held.
 *
 * `node --expose-gc --import tsx bench/exportHeap.ts FILE PERIOD ROWS`
 */
import { Effect, Layer, Stream } from "effect"
import { SqliteStore } from "../adapters/sqlite/index.js"
import * as AppExports from "../src/app/AppealExports.js"
import * as City from "../src/app/City.js"
import * as Principal from "../src/app/Principal.js"
import * as JournalExport from "../src/appeals/JournalExport.js"

const [file, period, total] = process.argv.slice(2)
const gc = (globalThis as { readonly gc?: () => void }).gc
if (file === undefined || period === undefined || total === undefined || gc === undefined) {
  console.error("usage: node --expose-gc --import tsx bench/exportHeap.ts FILE PERIOD ROWS")
  process.exit(2)
}
const every = Math.max(1, Math.floor(Number(total) / 10))
const samples: Array<{ readonly rows: number; readonly heapMiB: number; readonly rssMiB: number }> = []
let rows = 0
let bytes = 0
const program = Effect.gen(function* () {
  const lines = yield* AppExports.journal(Principal.system("bench"), { period })
  yield* Stream.runForEach(lines, (l) =>
    Effect.sync(() => {
      bytes += JournalExport.csvLine(l.cells).length
      if (++rows % every === 0) {
        gc()
        const m = process.memoryUsage()
        samples.push({ rows, heapMiB: Math.round(m.heapUsed / 2 ** 20), rssMiB: Math.round(m.rss / 2 ** 20) })
      }
    })
  )
}).pipe(Effect.provide(City.layerOf(City.reference)))
await Effect.runPromise(
  Effect.scoped(
    Effect.flatMap(Layer.build(SqliteStore.layer({ filename: file })), (ctx) => Effect.provide(program, ctx))
  )
)
console.log(JSON.stringify({ rows, characters: bytes, samples }))
