import { it } from "@effect/vitest"
import { MemoryStore } from "../../adapters/memory/index.js"
import { Conformance } from "../../src/testing/index.js"

Conformance.run("memory", {
  it,
  layer: MemoryStore.layerWithFaults,
  supports: { corruptEvent: MemoryStore.corruptEvent }
})
