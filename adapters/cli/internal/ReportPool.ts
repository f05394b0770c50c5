/**
 * Reports off the request loop: `cityhall serve` writes its report pages
 * and the API's annual reports on a worker thread (`ReportWorker`) with its
 * own connection to the store, so that computing a report (about half a
 * second of CPU on the demo's year) never stalls the API's other requests.
 *
 * Requests go to the worker one at a time, in order. A request equal to one
 * still waiting (the same page, or the same report) joins it: twenty
 * controllers opening the same report at once cost one report, read after
 * all of them asked. A worker that dies fails what it held and is started
 * again for the next request; one that cannot open the store fails every
 * request with its reason (the server answers 503 naming it).
 *
 * @internal
 */
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { Worker } from "node:worker_threads"
import { Effect } from "effect"
import type { App } from "../../../src/index.js"
import type { Answer, Pages } from "./Server.js"
import type * as ReportWorker from "./ReportWorker.js"
import type * as Setup from "./Setup.js"

/** The report worker, as the server uses it. */
export interface ReportPool {
  /** The report pages (`/`, `/report/...`), answered by the worker. */
  readonly pages: Pages
  /** The API's annual reports (`ServerOptions.reports`), written by the worker. */
  readonly annual: (request: App.Reports.AnnualRequest) => Promise<string>
  /** Requests waiting or in work now. */
  readonly waiting: () => number
}

type Body =
  | { readonly kind: "page"; readonly target: string }
  | { readonly kind: "annual"; readonly request: App.Reports.AnnualRequest }

interface Job {
  readonly key: string
  readonly body: Body
  readonly settle: Array<{ resolve: (value: unknown) => void; reject: (e: Error) => void }>
}

/**
 * Starts a worker thread from the sources under tsx (a `.ts` module cannot be
 * a worker's entry: the entry registers tsx first) or from the built
 * package (`dist/cli-report-worker.js` beside the CLI).
 */
const spawn = (data: ReportWorker.Data): Worker => {
  const here = import.meta.url
  if (here.endsWith(".ts")) {
    const entry = new URL("./ReportWorker.ts", here).href
    // tsx resolved from here, not from the process's working directory (a city's folder has no node_modules)
    const tsx = pathToFileURL(createRequire(here).resolve("tsx/esm/api")).href
    return new Worker(
      `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`,
      { eval: true, workerData: data }
    )
  }
  return new Worker(new URL("./cli-report-worker.js", here), { workerData: data })
}

/**
 * Starts the report worker for a setup; it is stopped when the scope
 * closes. Resolves once the worker has opened the store (or fails with why
 * it could not).
 */
export const start = (setup: Setup.Setup) =>
  Effect.acquireRelease(
    Effect.async<{ readonly pool: ReportPool; readonly stop: () => Promise<void> }, Error>((resume) => {
      const data: ReportWorker.Data = { setup: setup.options }
      const queue: Array<Job> = []
      let current: Job | undefined
      let worker: Worker | undefined
      let ready = false
      let stopped = false
      let next = 0
      const inFlight = new Map<number, Job>()

      const fail = (job: Job, e: Error) => {
        for (const s of job.settle) s.reject(e)
      }
      const pump = () => {
        if (stopped || current !== undefined || !ready || worker === undefined) return
        const job = queue.shift()
        if (job === undefined) return
        current = job
        const id = next++
        inFlight.set(id, job)
        worker.postMessage({ id, ...job.body } satisfies ReportWorker.Request)
      }
      const boot = (first: boolean) => {
        const w = spawn(data)
        worker = w
        ready = false
        w.on("message", (m: ReportWorker.Reply | { readonly ready: boolean; readonly message?: string }) => {
          if ("ready" in m) {
            if (m.ready) {
              ready = true
              if (first) resume(Effect.succeed({ pool, stop }))
              pump()
            } else {
              const e = new Error(m.message ?? "the report worker could not open the store")
              if (first) resume(Effect.fail(e))
              for (const job of queue.splice(0)) fail(job, e)
              void w.terminate()
            }
            return
          }
          const job = inFlight.get(m.id)
          inFlight.delete(m.id)
          current = undefined
          if (job !== undefined) for (const s of job.settle) m.ok ? s.resolve(m.value) : s.reject(new Error(m.message))
          pump()
        })
        w.on("error", (e) => {
          if (first && !ready) resume(Effect.fail(e))
        })
        w.on("exit", () => {
          if (worker !== w) return
          worker = undefined
          ready = false
          const e = new Error("the report worker stopped")
          for (const job of inFlight.values()) fail(job, e)
          inFlight.clear()
          current = undefined
          // started again for what waits, unless the server stops
          if (!stopped && queue.length > 0) boot(false)
        })
      }
      const ask = (body: Body): Promise<unknown> => {
        if (stopped) return Promise.reject(new Error("the server is stopping"))
        const key = JSON.stringify(body)
        return new Promise((resolve, reject) => {
          const waiting = queue.find((j) => j.key === key)
          if (waiting !== undefined) waiting.settle.push({ resolve, reject })
          else queue.push({ key, body, settle: [{ resolve, reject }] })
          if (worker === undefined) boot(false)
          else pump()
        })
      }
      const pool: ReportPool = {
        pages: (target) => ask({ kind: "page", target }) as Promise<Answer>,
        annual: (request) => ask({ kind: "annual", request }) as Promise<string>,
        waiting: () => queue.length + (current === undefined ? 0 : 1)
      }
      const stop = async () => {
        stopped = true
        const e = new Error("the server is stopping")
        for (const job of queue.splice(0)) fail(job, e)
        const w = worker
        worker = undefined
        if (w !== undefined) await w.terminate()
        for (const job of inFlight.values()) fail(job, e)
        inFlight.clear()
      }
      boot(true)
    }),
    ({ stop }) => Effect.promise(stop)
  ).pipe(Effect.map(({ pool }) => pool))
