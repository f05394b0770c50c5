import { it } from "@effect/vitest"
import { Redacted } from "effect"
import { describe } from "vitest"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqlStore } from "../../adapters/sql/index.js"
import { Conformance } from "../../src/testing/index.js"
import { aggregates } from "../storage/aggregates.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "") {
  console.log("postgres conformance skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it")
}

describe.skipIf(url === undefined || url === "")("postgres", () => {
  Conformance.run("postgres", {
    it,
    layer: PostgresStore.layerForTesting({
      url: Redacted.make(url ?? ""),
      schema: `cityhall_test_${process.pid}_${Date.now()}`,
      dropSchemaOnClose: true
    }),
    aggregates,
    supports: { corruptEvent: SqlStore.corruptEvent, faults: SqlStore.conformanceFaults }
  })
})
