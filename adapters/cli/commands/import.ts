/**
 * `cityhall import FILE`: records from JSON Lines (or flat appeal records
 * from CSV) into a store.
 *
 * @module
 */
import { createReadStream, existsSync, openSync, closeSync, writeSync } from "node:fs"
import { createInterface } from "node:readline"
import { Clock, Effect } from "effect"
import { command } from "../Command.js"
import { InputError, json } from "../Output.js"
import * as Format from "../import/Format.js"
import * as Importer from "../import/Importer.js"
import * as Db from "../internal/Db.js"
import * as Values from "../Values.js"

/** A progress bar on stderr, drawn only when stderr is a terminal. */
export const progress = (label: string): { readonly update: (n: number) => void; readonly done: () => void } => {
  if (process.stderr.isTTY !== true) return { update: () => {}, done: () => {} }
  const started = Date.now()
  return {
    update: (n) => {
      const rate = Math.round(n / Math.max(0.001, (Date.now() - started) / 1000))
      const spin = "#".repeat(Math.min(30, Math.floor(n / 1000) % 31)).padEnd(30, ".")
      process.stderr.write(`\r${label} [${spin}] ${n} lines, ${rate}/s`)
    },
    done: () => process.stderr.write("\r\x1b[K")
  }
}

/** `cityhall import`. */
export const importCommand = command({
  name: "import",
  summary: "Imports appeals with their history, receptions, meetings, plans and reports, election calendars from JSON Lines (flat appeals from CSV)",
  description: [
    "Reads FILE line by line (JSON Lines, one record per line; docs/import.md describes the format and 'cityhall import --schema' prints its JSON Schema). Every line is decoded and its history decided by the area's rules; a line that does not decode or that the rules refuse is written with the reason to the rejects file and the rest goes on. Records are appended in batches, one transaction per batch; every command has an idempotency key derived from the record (the appeal's registration number, the plan id, the voting day, and the command's index), so re-running a file imports nothing twice.",
    "CSV (a FILE ending in .csv, or --format csv): one appeal per row with a header row — registrationNumber, receivedAt, channel, topics, text, and optionally appealId, registeredAt, kind, type, addressee, applicantName, applicantEmail, applicantAddress, receptionCard, receivedBy, actor, division, assignedAt, answeredAt, answeredBy, result, answerForm (docs/import.md, 'CSV'); each row is imported as an appeal record.",
    "Output (JSON): file, lines, imported, duplicates, rejected, events, byKind { appeal, plan, electionCalendar, suspension, reception, meeting }, rejects (the rejects file, or null). Exit code 1 when a line was rejected (the counts are in the error line)."
  ],
  arguments: [{ name: "FILE", description: "the JSON Lines file (.jsonl), or a CSV file of appeals (.csv)", required: false }],
  options: {
    db: { type: "string", value: "PATH", default: Db.DEFAULT_DB, description: "the SQLite store (created when missing)" },
    rejects: { type: "string", value: "PATH", description: "where rejected lines go (default FILE.rejects.jsonl)" },
    "batch-size": { type: "string", value: "N", default: "500", description: "records per transaction" },
    format: { type: "string", value: "FORMAT", choices: ["jsonl", "csv"], description: "the file's format (default: csv for a .csv file, else jsonl)" },
    schema: { type: "boolean", description: "print the JSON Schema of a line and exit" }
  },
  examples: ["cityhall import records.jsonl", "cityhall import records.jsonl --db city.sqlite --rejects bad.jsonl", "cityhall import appeals.csv --db city.sqlite", "cityhall import --schema"],
  run: ({ options, arguments: args }) =>
    Effect.gen(function* () {
      if (options.schema) return json(Format.jsonSchema())
      const file = args[0]
      if (file === undefined) return yield* Effect.fail(new InputError({ kind: "MissingFile", message: "FILE: give the JSON Lines file to import (or --schema)" }))
      if (!existsSync(file)) return yield* Effect.fail(new InputError({ kind: "NoFile", message: `FILE: ${file} does not exist` }))
      const batchSize = yield* Values.integer("--batch-size", options["batch-size"], 1, 100_000)
      const rejectsPath = options.rejects ?? `${file}.rejects.jsonl`
      const csv = options.format === undefined ? /\.csv$/i.test(file) : options.format === "csv"
      let fd: number | undefined
      const bar = progress("cityhall import")
      const now = yield* Clock.currentTimeMillis
      const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Number.POSITIVE_INFINITY })
      const counts = yield* Db.withStore(
        options.db,
        true,
        (csv ? Importer.importCsvLines : Importer.importLines)(lines, {
          batchSize,
          recordedAt: new Date(now).toISOString(),
          onProgress: bar.update,
          onReject: (r) =>
            Effect.sync(() => {
              fd ??= openSync(rejectsPath, "w")
              writeSync(fd, `${JSON.stringify({ line: r.line, reason: r.reason, text: r.text })}\n`)
            })
        }).pipe(Effect.mapError(Db.storageError))
      ).pipe(Effect.ensuring(Effect.sync(() => {
        bar.done()
        if (fd !== undefined) closeSync(fd)
      })))
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
})
