/**
 * A decoding thread of `cityhall import` (started by `Workers`): resolves
 * the same setup as the import from its options (the city's appeal
 * settings and calendar) and answers each chunk of lines with
 * `Importer.prepareLine` of every line — decoded and, for an appeal,
 * decided and prepared — in order.
 *
 * Messages in: {@link Request}; out: one {@link Reply} per request.
 *
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads"
import { Either } from "effect"
import * as Setup from "../internal/Setup.js"
import * as Importer from "./Importer.js"

/** What the thread is started with. */
export interface Data {
  readonly setup: Setup.ResolveOptions
  /** The instant of recording of the import it serves (ISO). */
  readonly recordedAt: string
}

/** A chunk of lines to prepare. */
export interface Request {
  readonly id: number
  readonly texts: ReadonlyArray<string>
}

/** The lines prepared, in order, or why the thread cannot prepare them. */
export type Reply =
  | { readonly id: number; readonly lines: ReadonlyArray<Importer.Line> }
  | { readonly id: number; readonly error: string }

const port = parentPort
if (port !== null) {
  const data = workerData as Data
  const setup = Setup.resolve(data.setup)
  port.on("message", (r: Request) => {
    if (Either.isLeft(setup)) {
      port.postMessage({ id: r.id, error: setup.left.message } satisfies Reply)
      return
    }
    const appeal = setup.right.city.appeals
    port.postMessage({
      id: r.id,
      lines: r.texts.map((t) => Importer.prepareLine(t, appeal, data.recordedAt))
    } satisfies Reply)
  })
}
