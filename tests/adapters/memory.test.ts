import { it } from "@effect/vitest"
import { MemoryStore } from "../../adapters/memory/index.js"
import { Conformance } from "../../src/testing/index.js"
import { aggregates } from "../storage/aggregates.js"

Conformance.run("memory", {
  it,
  layer: MemoryStore.layerWithFaults,
  aggregates,
  supports: { corruptEvent: MemoryStore.corruptEvent }
})
