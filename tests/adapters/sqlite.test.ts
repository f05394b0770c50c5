import { it } from "@effect/vitest"
import { SqlStore } from "../../adapters/sql/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import { Conformance } from "../../src/testing/index.js"
import { runs } from "../support/runs.js"

Conformance.run("sqlite", {
  it,
  numRuns: runs(25),
  layer: SqliteStore.layerForTesting({ filename: ":memory:" }),
  supports: { corruptEvent: SqlStore.corruptEvent, faults: SqlStore.conformanceFaults }
})

// the whole kit again with group commit on (Ports.GroupCommit in front of the same store)
Conformance.run("sqlite, group commit", {
  it,
  numRuns: runs(25),
  layer: SqliteStore.layerForTesting({ filename: ":memory:", groupCommit: true }),
  supports: { corruptEvent: SqlStore.corruptEvent, faults: SqlStore.conformanceFaults }
})
