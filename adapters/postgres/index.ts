/**
 * `cityhall/adapters/postgres`: the storage ports over PostgreSQL.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { Ports } from "cityhall"
 * import { PostgresStore } from "cityhall/adapters/postgres"
 * import { Ledger } from "cityhall/testing"
 *
 * const StoreLive = PostgresStore.layer({ url: Redacted.make("postgres://postgres@127.0.0.1:5432/city"), schema: "cityhall" })
 * const at = new Date("2021-03-01T09:00:00Z")
 * Ports.CommandHandler.handle(Ledger.definition, "L-1", Ledger.Open.make({ owner: "o", division: "d", at })).pipe(
 *   Effect.provide(StoreLive),
 *   Effect.runPromise
 * )
 * ```
 *
 * @module
 */
export * as PostgresStore from "./PostgresStore.js"
