/**
 * The report worker thread of `cityhall serve` (started by `ReportPool`):
 * resolves the same setup as the server from its options, opens its own
 * connection to the store (migrations checked, never applied) and answers
 * one request at a time — a report page (`Server.answer`) or an annual
 * report of the API (`App.Reports.annualText`) — from the records stored
 * when it is asked. The computing of a report never runs on the server's
 * request loop.
 *
 * Messages in: {@link Request}; out: `{ ready: true }` once the store is
 * open (or `{ ready: false, message }`), then one {@link Reply} per request.
 *
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads"
import { Cause, Effect, Exit, Queue, Runtime } from "effect"
import { App, type Reporting } from "../../../src/index.js"
import { answer } from "./Server.js"
import * as Setup from "./Setup.js"
import * as Stores from "./Stores.js"

/** A request to the worker. */
export type Request =
  | { readonly id: number; readonly kind: "page"; readonly target: string }
  | { readonly id: number; readonly kind: "annual"; readonly request: App.Reports.AnnualRequest }

/** The worker's answer to a request. */
export type Reply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string }

/** What the worker is started with. */
export interface Data {
  readonly setup: Setup.ResolveOptions
}

const port = parentPort
if (port !== null) {
  const data = workerData as Data
  const program = Effect.gen(function* () {
    const setup = yield* Setup.resolve(data.setup)
    return yield* Stores.withStore(
      setup.storeOption,
      setup.store,
      false,
      Effect.gen(function* () {
        const requests = yield* Queue.unbounded<Request>()
        port.on("message", (m: Request) => Queue.unsafeOffer(requests, m))
        port.postMessage({ ready: true })
        const city = App.City.layerOf(setup.city)
        for (;;) {
          const r = yield* Queue.take(requests)
          const work: Effect.Effect<unknown, Reporting.Records.ReadError, Stores.StoreServices | App.City.CityContext> =
            r.kind === "page" ? answer(r.target) : App.Reports.annualText(r.request)
          const exit = yield* Effect.exit(Effect.provide(work, city))
          const reply: Reply = Exit.isSuccess(exit)
            ? { id: r.id, ok: true, value: exit.value }
            : { id: r.id, ok: false, message: messageOf(exit.cause) }
          port.postMessage(reply)
        }
      }),
      "check"
    )
  })
  Runtime.runFork(Runtime.defaultRuntime)(
    Effect.catchAllCause(program, (cause) =>
      Effect.sync(() => port.postMessage({ ready: false, message: messageOf(cause) }))
    )
  )
}

/** The failure's message (a typed error's own message, which names the store and what failed). */
function messageOf(cause: Cause.Cause<unknown>): string {
  const e = Cause.squash(cause)
  if (e instanceof Error) return e.message
  return typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e)
}
