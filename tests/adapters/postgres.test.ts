import { it } from "@effect/vitest"
import { Redacted } from "effect"
import { describe } from "vitest"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqlStore } from "../../adapters/sql/index.js"
import { Conformance } from "../../src/testing/index.js"
import { runs } from "../support/runs.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "") {
  console.log(
    "postgres conformance skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it"
  )
}

describe.skipIf(url === undefined || url === "")("postgres", () => {
  Conformance.run("postgres", {
    it,
    numRuns: runs(25),
    layer: PostgresStore.layerForTesting({
      url: Redacted.make(url ?? ""),
      schema: `cityhall_test_${process.pid}_${Date.now()}`,
      dropSchemaOnClose: true
    }),
    supports: { corruptEvent: SqlStore.corruptEvent, faults: SqlStore.conformanceFaults }
  })

  // Group commit on, in a schema of its own: every example, concurrency, idempotency, outbox,
  // fault and corrupt-data test, and the kit's model-based Ledger runs (the areas' aggregates run
  // above; their model-based runs are the long part of the suite and add nothing about grouping).
  Conformance.run("postgres, group commit", {
    it,
    numRuns: runs(25),
    layer: PostgresStore.layerForTesting({
      url: Redacted.make(url ?? ""),
      schema: `cityhall_test_gc_${process.pid}_${Date.now()}`,
      dropSchemaOnClose: true,
      groupCommit: true
    }),
    aggregates: [],
    supports: { corruptEvent: SqlStore.corruptEvent, faults: SqlStore.conformanceFaults }
  })
})
