/**
 * `cityhall serve`: the report pages of a store over HTTP on 127.0.0.1.
 *
 * @module
 */
import { Effect } from "effect"
import { command } from "../Command.js"
import { InputError } from "../Output.js"
import * as Db from "../internal/Db.js"
import * as Reports from "../internal/Reports.js"
import * as Server from "../internal/Server.js"
import * as Values from "../Values.js"

/** Serves the records until the process is stopped; prints the URLs first. */
export const serveRecords = (r: Awaited<Effect.Effect.Success<typeof Reports.records>>, host: string, port: number) =>
  Effect.gen(function* () {
    const server = yield* Effect.mapError(Server.listen(r, host, port), (e) => new InputError({ kind: "ListenFailed", message: `--port: ${e.message}` }))
    const address = server.address()
    const bound = typeof address === "object" && address !== null ? address.port : port
    const base = `http://${host}:${bound}`
    const years = [...new Set(r.appeals.map((a) => a.registeredOn.slice(0, 4)))].sort()
    const last = years[years.length - 1] ?? "2020"
    process.stdout.write(`cityhall: serving on ${base}\n  report: ${base}/report/${last}.html\n  docs:   ${base}/docs\n`)
    return yield* Effect.never
  })

/** `cityhall serve`. */
export const serve = command({
  name: "serve",
  summary: "Serves the reports of a store over HTTP on 127.0.0.1",
  description: [
    "Reads the store once and serves /report/YYYY.html|md|json (the annual report, ?lang=en for English), /report/monthly/YYYY-MM.html|md|json and /docs (the endpoints) until stopped (Ctrl-C). Prints the URLs when listening. --port 0 picks a free port."
  ],
  options: {
    db: { type: "string", value: "PATH", default: Db.DEFAULT_DB, description: "the SQLite store" },
    port: { type: "string", value: "N", default: "8080", description: "the port" },
    host: { type: "string", value: "HOST", default: "127.0.0.1", description: "the address to bind" }
  },
  examples: ["cityhall serve --db .cityhall/demo.sqlite --port 8080"],
  run: ({ options }) =>
    Effect.gen(function* () {
      const port = yield* Values.integer("--port", options.port, 0, 65535)
      const r = yield* Db.withStore(options.db, false, Reports.records)
      return yield* serveRecords(r, options.host, port)
    })
})
