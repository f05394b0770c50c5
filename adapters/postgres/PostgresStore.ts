/**
 * The PostgreSQL adapter (for cities that outgrow one machine): the SQL
 * store over `@effect/sql-pg`. Several application instances may share one
 * database: optimistic concurrency keeps writers honest, the head row
 * serialises global positions, and the outbox lease is an advisory lock.
 * Migrations run when the layer is built (under an advisory lock).
 *
 * With `schema`, everything lives in that PostgreSQL schema (created if
 * missing; the connections' `search_path` is set through the URL), so
 * several stores can share a database; `dropSchemaOnClose` removes it when
 * the layer is released (for tests).
 *
 * @module
 */
import type { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted } from "effect"
import * as Ports from "../../src/ports/index.js"
import { SqlMigrations, SqlStore } from "../sql/index.js"

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions extends SqlStore.SqlStoreOptions {
  /** A connection URL, e.g. `postgres://postgres@127.0.0.1:5432/city`. */
  readonly url: Redacted.Redacted
  /** A PostgreSQL schema to keep the tables in (lowercase letters, digits, `_`). */
  readonly schema?: string
  /** Drop the schema (CASCADE) when the layer is released: for test runs only. */
  readonly dropSchemaOnClose?: boolean
  /** Pool size (default: the driver's). */
  readonly maxConnections?: number
}

const SchemaPattern = /^[a-z_][a-z0-9_]{0,62}$/

const withSearchPath = (
  url: Redacted.Redacted,
  schema: string | undefined
): Effect.Effect<Redacted.Redacted, Ports.Errors.StorageError> =>
  schema === undefined
    ? Effect.succeed(url)
    : Effect.try({
        try: () => {
          const u = new URL(Redacted.value(url))
          u.searchParams.set("options", `-c search_path=${schema}`)
          return Redacted.make(u.toString())
        },
        catch: () =>
          new Ports.Errors.StorageError({
            reason: "Connection",
            operation: "connect",
            message: "the PostgreSQL URL is not a valid URL"
          })
      })

/** The PostgreSQL client, its connections set to the schema if one is given. */
export const client = (
  options: PostgresStoreOptions
): Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, Ports.Errors.StorageError> =>
  Layer.unwrapEffect(
    options.schema !== undefined && !SchemaPattern.test(options.schema)
      ? Effect.fail(
          new Ports.Errors.StorageError({
            reason: "Connection",
            operation: "connect",
            message: `bad schema name ${options.schema}`
          })
        )
      : Effect.map(withSearchPath(options.url, options.schema), (url) =>
          PgClient.layer({
            url,
            ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {})
          }).pipe(
            Layer.mapError(
              (e) =>
                new Ports.Errors.StorageError({
                  reason: "Connection",
                  operation: "connect",
                  message: e.message,
                  cause: e.cause
                })
            )
          )
        )
  )

const schemaSetup = (
  options: PostgresStoreOptions
): Layer.Layer<never, Ports.Errors.StorageError, PgClient.PgClient> => {
  const schema = options.schema
  if (schema === undefined) return Layer.empty
  return Layer.scopedDiscard(
    Effect.flatMap(PgClient.PgClient, (sql) =>
      Effect.acquireRelease(sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`, () =>
        options.dropSchemaOnClose === true
          ? Effect.ignore(sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`)
          : Effect.void
      )
    ).pipe(
      Effect.mapError(
        (e) =>
          new Ports.Errors.StorageError({
            reason: "Migration",
            operation: "create schema",
            message: e.message,
            cause: e.cause
          })
      )
    )
  )
}

const clientWithSchema = (options: PostgresStoreOptions) => Layer.provideMerge(schemaSetup(options), client(options))

/** The storage ports over PostgreSQL. */
export const layer = (
  options: PostgresStoreOptions
): Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search,
  Ports.Errors.StorageError
> => SqlStore.layer(options).pipe(Layer.provide(clientWithSchema(options)))

/** The storage ports over PostgreSQL, with fault injection and the SqlClient exposed (for the conformance kit). */
export const layerForTesting = (
  options: PostgresStoreOptions
): Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search
  | SqlStore.SqlFaults
  | SqlClient.SqlClient,
  Ports.Errors.StorageError
> => SqlStore.layerWithFaults(options).pipe(Layer.provideMerge(clientWithSchema(options)))

/**
 * Applies the migrations not yet applied to the database (under an advisory
 * lock, so two instances never migrate at once), answering the ids applied
 * now — what `cityhall migrate` runs.
 */
export const migrate = (
  options: PostgresStoreOptions
): Effect.Effect<ReadonlyArray<number>, Ports.Errors.StorageError> =>
  Effect.scoped(Effect.provide(SqlMigrations.migrate, clientWithSchema(options)))
