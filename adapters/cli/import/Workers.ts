/**
 * The decoding threads of `cityhall import` (issue 19): `ImportWorker`s
 * that decode chunks of JSON Lines and decide the appeals among them, so
 * that the import's own thread is left with the store. Chunks go to the
 * threads in turn and are answered in the order sent; a thread that fails
 * or stops fails what it held (the import stops, as on a read failure,
 * with nothing after its last whole batch stored).
 *
 * @internal
 */
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { Worker } from "node:worker_threads"
import { Effect, type Scope } from "effect"
import type * as ImportWorker from "./ImportWorker.js"
import type * as Importer from "./Importer.js"

/**
 * Starts a thread from the sources under tsx (a `.ts` module cannot be a
 * worker's entry: the entry registers tsx first) or from the built package
 * (`dist/cli-import-worker.js` beside the CLI).
 */
const spawn = (data: ImportWorker.Data): Worker => {
  const here = import.meta.url
  if (here.endsWith(".ts")) {
    const entry = new URL("./ImportWorker.ts", here).href
    // tsx resolved from here, not from the process's working directory (a city's folder has no node_modules)
    const tsx = pathToFileURL(createRequire(here).resolve("tsx/esm/api")).href
    return new Worker(
      `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`,
      { eval: true, workerData: data }
    )
  }
  return new Worker(new URL("./cli-import-worker.js", here), { workerData: data })
}

/** Starts `threads` decoding threads for an import; they stop when the scope closes. */
export const start = (data: ImportWorker.Data, threads: number): Effect.Effect<Importer.Workers, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      let next = 0
      const pools = Array.from({ length: Math.max(1, threads) }, () => {
        const waiting = new Map<
          number,
          { readonly resolve: (l: ReadonlyArray<Importer.Line>) => void; readonly reject: (e: Error) => void }
        >()
        const worker = spawn(data)
        let gone: Error | undefined
        const failAll = (e: Error) => {
          gone ??= e
          for (const w of waiting.values()) w.reject(e)
          waiting.clear()
        }
        worker.on("message", (m: ImportWorker.Reply) => {
          const w = waiting.get(m.id)
          waiting.delete(m.id)
          if (w === undefined) return
          if ("error" in m) w.reject(new Error(m.error))
          else w.resolve(m.lines)
        })
        worker.on("error", (e) => failAll(new Error(`a decoding thread failed: ${e.message}`)))
        worker.on("exit", () => failAll(new Error("a decoding thread stopped")))
        return { worker, waiting, gone: () => gone }
      })
      const prepare = (texts: ReadonlyArray<string>) =>
        new Promise<ReadonlyArray<Importer.Line>>((resolve, reject) => {
          const id = next++
          const pool = pools[id % pools.length]!
          const gone = pool.gone()
          if (gone !== undefined) return reject(gone)
          pool.waiting.set(id, { resolve, reject })
          pool.worker.postMessage({ id, texts } satisfies ImportWorker.Request)
        })
      return { workers: { prepare, threads: pools.length }, pools }
    }),
    ({ pools }) => Effect.promise(() => Promise.all(pools.map((p) => p.worker.terminate())))
  ).pipe(Effect.map(({ workers }) => workers))
