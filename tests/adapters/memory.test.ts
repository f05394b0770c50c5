import { it } from "@effect/vitest"
import { MemoryStore } from "../../adapters/memory/index.js"
import { Conformance } from "../../src/testing/index.js"
import { runs } from "../support/runs.js"

Conformance.run("memory", {
  it,
  numRuns: runs(25),
  layer: MemoryStore.layerWithFaults,
  supports: { corruptEvent: MemoryStore.corruptEvent }
})
