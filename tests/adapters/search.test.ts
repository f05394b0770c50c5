import { it } from "@effect/vitest"
import { Redacted } from "effect"
import { describe } from "vitest"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import { ConformanceSearch } from "../../src/testing/index.js"
import { runs } from "../support/runs.js"

// rule 13 of docs/adapters.md on every shipped store
ConformanceSearch.run("memory", { it, numRuns: runs(25), layer: MemoryStore.layer })
ConformanceSearch.run("sqlite", { it, numRuns: runs(25), layer: SqliteStore.layerForTesting({ filename: ":memory:" }) })

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "") {
  console.log(
    "postgres search conformance skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it"
  )
}

describe.skipIf(url === undefined || url === "")("postgres", () => {
  ConformanceSearch.run("postgres", {
    it,
    numRuns: runs(25),
    layer: PostgresStore.layerForTesting({
      url: Redacted.make(url ?? ""),
      schema: `cityhall_search_${process.pid}_${Date.now()}`,
      dropSchemaOnClose: true
    })
  })
})
