/**
 * The SQLite adapter (the embedded default of the CLI and the server): the
 * SQL store over `@effect/sql-sqlite-node` (better-sqlite3). A file
 * database runs in WAL mode; `":memory:"` gives a private in-process one.
 * Migrations run when the layer is built.
 *
 * @module
 */
import type { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import type { ConfigError } from "effect/ConfigError"
import { Effect, Layer } from "effect"
import type * as Ports from "../../src/ports/index.js"
import { SqlMigrations, SqlStore } from "../sql/index.js"

/** Options of the SQLite store. */
export interface SqliteStoreOptions extends SqlStore.SqlStoreOptions {
  /** A file path (WAL mode) or `":memory:"`. */
  readonly filename: string
}

/** The SQLite client for a file (WAL) or `:memory:`. */
export const client = (filename: string): Layer.Layer<SqliteClient.SqliteClient | SqlClient.SqlClient, ConfigError> =>
  SqliteClient.layer({ filename })

/** The storage ports over SQLite. */
export const layer = (
  options: SqliteStoreOptions
): Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search,
  Ports.Errors.StorageError | ConfigError
> => SqlStore.layer(options).pipe(Layer.provide(client(options.filename)))

/** The storage ports over SQLite, with fault injection and the SqlClient exposed (for the conformance kit). */
export const layerForTesting = (
  options: SqliteStoreOptions
): Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search
  | SqlStore.SqlFaults
  | SqlClient.SqlClient,
  Ports.Errors.StorageError | ConfigError
> => SqlStore.layerWithFaults(options).pipe(Layer.provideMerge(client(options.filename)))

/**
 * Applies the migrations not yet applied to the store at `filename`
 * (creating it), answering the ids applied now (none when current) — what
 * `cityhall migrate` runs; a store opened with `migrations: "check"` then
 * opens.
 */
export const migrate = (
  filename: string
): Effect.Effect<ReadonlyArray<number>, Ports.Errors.StorageError | ConfigError> =>
  Effect.scoped(Effect.provide(SqlMigrations.migrate, client(filename)))
