/**
 * `cityhall/adapters/sql`: the one SQL implementation of the storage ports
 * over `@effect/sql`'s `SqlClient` (SQLite and PostgreSQL), with its
 * migrations. Provide a `SqlClient` layer, or use `cityhall/adapters/sqlite`
 * / `cityhall/adapters/postgres`, which do it for you.
 *
 * @example
 * ```ts
 * import { SqliteClient } from "@effect/sql-sqlite-node"
 * import { Layer } from "effect"
 * import { SqlStore } from "cityhall/adapters/sql"
 *
 * const StoreLive = SqlStore.layer().pipe(Layer.provide(SqliteClient.layer({ filename: "city.sqlite" })))
 * ```
 *
 * @module
 */
export * as SqlMigrations from "./SqlMigrations.js"
export * as SqlStore from "./SqlStore.js"
