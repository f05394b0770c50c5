/**
 * `cityhall import FILE`: records from JSON Lines (or flat appeal records
 * from CSV) into a store.
 *
 * @module
 */
import { accessSync, closeSync, constants, createReadStream, existsSync, openSync, statSync, writeSync } from "node:fs"
import { availableParallelism } from "node:os"
import { dirname, resolve } from "node:path"
import { createInterface } from "node:readline"
import { Clock, Effect } from "effect"
import { command } from "../Command.js"
import { InputError, json } from "../Output.js"
import * as Format from "../import/Format.js"
import * as Importer from "../import/Importer.js"
import * as Workers from "../import/Workers.js"
import * as Db from "../internal/Db.js"
import * as Setup from "../internal/Setup.js"
import * as Stores from "../internal/Stores.js"
import * as Values from "../Values.js"

/** Where a progress bar is drawn: stderr, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean
  readonly write: (s: string) => unknown
}

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** The whole amount (bytes of the file, records to import): the bar then shows how much of it is done. */
  readonly total?: number
  /** Where the bar is drawn (default stderr). */
  readonly stream?: ProgressStream
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number
}

const BAR = 30

/**
 * A progress bar on stderr, drawn only when it is a terminal: `update(lines,
 * amount)` redraws the line — the part of `total` done (`amount`, default
 * `lines`) as a bar and a percent, the lines read and the rate — and
 * `done()` clears it. Elsewhere (a pipe, a file, CI) it writes nothing, so
 * stderr keeps one line per message.
 */
export const progress = (
  label: string,
  options: ProgressOptions = {}
): { readonly update: (lines: number, amount?: number) => void; readonly done: () => void } => {
  const stream = options.stream ?? process.stderr
  const now = options.now ?? Date.now
  if (stream.isTTY !== true) return { update: () => {}, done: () => {} }
  const started = now()
  let drawn = false
  return {
    update: (lines, amount = lines) => {
      const rate = Math.round(lines / Math.max(0.001, (now() - started) / 1000))
      const total = options.total
      const part = total === undefined || total <= 0 ? undefined : Math.min(1, Math.max(0, amount / total))
      const bar =
        part === undefined ? "" : ` [${"#".repeat(Math.round(part * BAR)).padEnd(BAR, ".")}] ${Math.floor(part * 100)}%`
      stream.write(`\r\x1b[K${label}${bar} ${lines} lines, ${rate}/s`)
      drawn = true
    },
    done: () => {
      if (drawn) stream.write("\r\x1b[K")
    }
  }
}

/** Why a rejects file cannot be written at `path` (its folder missing or read-only, a folder in its place), or undefined. */
export const rejectsProblem = (path: string): string | undefined => {
  try {
    if (existsSync(path)) {
      if (!statSync(path).isFile()) return "not a file"
      accessSync(path, constants.W_OK)
      return undefined
    }
    const folder = dirname(resolve(path))
    if (!existsSync(folder)) return `no folder ${folder}`
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`
    accessSync(folder, constants.W_OK)
    return undefined
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

/** From this size a file of JSON Lines is decoded on worker threads (below it, starting them costs more than they save). */
const WORKERS_FROM_BYTES = 4 * 2 ** 20

/** `cityhall import`. */
export const importCommand = command({
  name: "import",
  summary:
    "Imports the organisation, appeals with their history, receptions, meetings, plans and reports, election calendars from JSON Lines (flat appeals from CSV)",
  description: [
    "Reads FILE line by line (JSON Lines, one record per line; docs/import.md describes the format and 'cityhall import --schema' prints its JSON Schema). Every line is decoded and its history decided by the area's rules; a line that does not decode or that the rules refuse is written with the reason to the rejects file and the rest goes on. Records are appended in batches, one transaction per batch; every command has an idempotency key derived from the record (the appeal's registration number, the plan id, the voting day, and the command's index), so re-running a file imports nothing twice.",
    "CSV (a FILE ending in .csv, or --format csv): one appeal per row with a header row — registrationNumber, receivedAt, channel, topics, text, and optionally appealId, registeredAt, kind, type, addressee, applicantName, applicantEmail, applicantAddress, receptionCard, receivedBy, actor, division, assignedAt, answeredAt, answeredBy, result, answerForm (docs/import.md, 'CSV'); each row is imported as an appeal record.",
    "Output (JSON): file, lines, imported, duplicates, rejected, events, byKind { organisation, appeal, plan, electionCalendar, suspension, reception, meeting, publications, informationPlan, programBudget, methodologicalCouncil, dumaSession, pollingStation }, rejects (the rejects file, or null). Exit code 1 when a line was rejected (the counts are in the error line)."
  ],
  arguments: [
    { name: "FILE", description: "the JSON Lines file (.jsonl), or a CSV file of appeals (.csv)", required: false }
  ],
  options: {
    ...Setup.storeOptions,
    ...Setup.dbOption(` (created when missing; default ${Db.DEFAULT_DB} without --store or a configuration)`),
    rejects: { type: "string", value: "PATH", description: "where rejected lines go (default FILE.rejects.jsonl)" },
    "batch-size": { type: "string", value: "N", default: "500", description: "records per transaction" },
    format: {
      type: "string",
      value: "FORMAT",
      choices: ["jsonl", "csv"],
      description: "the file's format (default: csv for a .csv file, else jsonl)"
    },
    schema: { type: "boolean", description: "print the JSON Schema of a line and exit" },
    ...Values.calendarOption
  },
  examples: [
    "cityhall import records.jsonl",
    "cityhall import records.jsonl --db city.sqlite --rejects bad.jsonl",
    "cityhall import records.jsonl --store postgres://cityhall@127.0.0.1:5432/city",
    "cityhall import records.jsonl --config cityhall.config.json",
    "cityhall import appeals.csv --db city.sqlite",
    "cityhall import appeals.jsonl --calendar city-calendar.json",
    "cityhall import --schema"
  ],
  run: ({ options, arguments: args }) =>
    Effect.scoped(
      Effect.gen(function* () {
        if (options.schema) return json(Format.jsonSchema())
        const file = args[0]
        if (file === undefined)
          return yield* Effect.fail(
            new InputError({ kind: "MissingFile", message: "FILE: give the JSON Lines file to import (or --schema)" })
          )
        if (!existsSync(file))
          return yield* Effect.fail(new InputError({ kind: "NoFile", message: `FILE: ${file} does not exist` }))
        if (!statSync(file).isFile())
          return yield* Effect.fail(new InputError({ kind: "NoFile", message: `FILE: ${file} is not a file` }))
        const batchSize = yield* Values.integer("--batch-size", options["batch-size"], 1, 100_000)
        const setup = yield* Setup.resolve({ ...options, defaultDb: Db.DEFAULT_DB })
        const rejectsPath = options.rejects ?? `${file}.rejects.jsonl`
        // the rejects file is written only when a line is rejected: whether it can be is checked before anything is imported
        const unwritable = rejectsProblem(rejectsPath)
        if (unwritable !== undefined)
          return yield* Effect.fail(
            new InputError({
              kind: "RejectsNotWritable",
              message: `--rejects: ${rejectsPath} cannot be written (${unwritable})`
            })
          )
        const csv = options.format === undefined ? /\.csv$/i.test(file) : options.format === "csv"
        let fd: number | undefined
        const bar = progress("cityhall import", { total: statSync(file).size })
        const now = yield* Clock.currentTimeMillis
        const input = createInterface({
          input: createReadStream(file, { encoding: "utf8" }),
          crlfDelay: Number.POSITIVE_INFINITY
        })
        // Iterate from now on: readline's iterator buffers lines only once it exists, and a store that opens
        // asynchronously (PostgreSQL) would otherwise let the first lines and the end of the file go unseen.
        const iterator = input[Symbol.asyncIterator]()
        // the bytes read so far, for the bar (a line and its end of line)
        let bytes = 0
        const lines = (async function* () {
          for await (const line of { [Symbol.asyncIterator]: () => iterator }) {
            bytes += Buffer.byteLength(line, "utf8") + 1
            yield line
          }
        })()
        const recordedAt = new Date(now).toISOString()
        // a large file of JSON Lines is decoded (and its appeals decided) on the other cores, the store written here
        const threads = !csv && statSync(file).size >= WORKERS_FROM_BYTES ? Math.min(4, availableParallelism() - 1) : 0
        const workers = threads > 0 ? yield* Workers.start({ setup: setup.options, recordedAt }, threads) : undefined
        const counts = yield* Stores.withStore(
          setup.storeOption,
          setup.store,
          true,
          (csv ? Importer.importCsvLines : Importer.importLines)(lines, {
            batchSize,
            appealDefinition: setup.city.appeals,
            timeZone: setup.city.timeZone,
            recordedAt,
            ...(workers !== undefined ? { workers } : {}),
            onProgress: (n) => bar.update(n, bytes),
            onReject: (r) =>
              Effect.sync(() => {
                fd ??= openSync(rejectsPath, "w")
                writeSync(fd, `${JSON.stringify({ line: r.line, reason: r.reason, text: r.text })}\n`)
              })
          }).pipe(
            Effect.mapError((e) =>
              e._tag === "ReadFailed"
                ? new InputError({ kind: "ReadFailed", message: `FILE: ${file}: ${e.message}` })
                : Setup.storageError(setup)(e)
            )
          )
        ).pipe(
          Effect.ensuring(
            Effect.sync(() => {
              bar.done()
              if (fd !== undefined) closeSync(fd)
            })
          )
        )
        if (counts.rejected > 0) {
          return yield* Effect.fail(
            new InputError({
              kind: "RejectedLines",
              message: `${counts.rejected} of ${counts.lines} lines rejected (reasons in ${rejectsPath}); imported ${counts.imported}, already stored ${counts.duplicates}, events ${counts.events}`
            })
          )
        }
        return json({ file, ...counts, rejects: null })
      })
    )
})
