/**
 * `cityhall/adapters/sqlite`: the storage ports over SQLite (file in WAL
 * mode, or `:memory:`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ports } from "cityhall"
 * import { SqliteStore } from "cityhall/adapters/sqlite"
 * import { Ledger } from "cityhall/testing"
 *
 * const at = new Date("2021-03-01T09:00:00Z")
 * Ports.CommandHandler.handle(Ledger.definition, "L-1", Ledger.Open.make({ owner: "o", division: "d", at })).pipe(
 *   Effect.provide(SqliteStore.layer({ filename: "city.sqlite" })),
 *   Effect.runPromise
 * )
 * ```
 *
 * @module
 */
export * as SqliteStore from "./SqliteStore.js"
