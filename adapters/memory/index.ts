/**
 * `cityhall/adapters/memory`: the reference storage adapter, all in process.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ports } from "cityhall"
 * import { MemoryStore } from "cityhall/adapters/memory"
 * import { Ledger } from "cityhall/testing"
 *
 * const at = new Date("2021-03-01T09:00:00Z")
 * Ports.CommandHandler.handle(Ledger.definition, "L-1", Ledger.Open.make({ owner: "o", division: "d", at })).pipe(
 *   Effect.provide(MemoryStore.layer),
 *   Effect.runPromise
 * )
 * ```
 *
 * @module
 */
export * as MemoryStore from "./MemoryStore.js"
