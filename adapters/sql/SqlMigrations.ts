/**
 * The schema of the SQL adapter and its migrations, for SQLite and
 * PostgreSQL alike (dialect differences with `onDialectOrElse`: integer
 * widths and the `"C"` collation that makes PostgreSQL order strings by
 * code point, as SQLite and the memory adapter do).
 *
 * Migrations are recorded in `cityhall_migrations` and run in one
 * transaction (under an advisory lock in PostgreSQL, so several instances
 * may start at once). A failure is a typed `StorageError` (reason
 * "Migration"), never a defect.
 *
 * @module
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import * as Ports from "../../src/ports/index.js"

/** The DDL of one migration, given the dialect's text and big-integer types (and its name, where the DDL differs). */
interface Migration {
  readonly id: number
  readonly name: string
  readonly statements: (types: {
    readonly text: string
    readonly big: string
    readonly dialect: "pg" | "sqlite"
  }) => ReadonlyArray<string>
}

// A search document's field as text: '' unless the row's JSON holds a string there (as `Ports.Search.matches` reads it).
const sqliteField = (row: "NEW" | "OLD", field: string) =>
  `CASE WHEN json_type(${row}.data, '$.${field}') = 'text' THEN json_extract(${row}.data, '$.${field}') ELSE '' END`
const pgField = (field: string) =>
  `CASE WHEN jsonb_typeof(NEW.data::jsonb -> '${field}') = 'string' THEN NEW.data::jsonb ->> '${field}' ELSE '' END`
// every word both as written (`simple`) and as its stem (`russian`), the public field weighted A, the personal B
const pgWords = (field: string) =>
  `to_tsvector('simple'::regconfig, ${pgField(field)}) || to_tsvector('russian'::regconfig, ${pgField(field)})`
const pgVector = `setweight(${pgWords("public")}, 'A') || setweight(${pgWords("personal")}, 'B')`
const sqliteSearchId = (row: "NEW" | "OLD") =>
  `(SELECT id FROM cityhall_search_ids WHERE tbl = ${row}.tbl AND key = ${row}.key)`

/** All migrations, in order. */
export const migrations: ReadonlyArray<Migration> = [
  {
    id: 1,
    name: "event_store_read_models_outbox",
    statements: ({ big, text }) => [
      `CREATE TABLE cityhall_head (id INTEGER PRIMARY KEY, position ${big} NOT NULL)`,
      `INSERT INTO cityhall_head (id, position) VALUES (1, 0)`,
      `CREATE TABLE cityhall_events (
        position ${big} PRIMARY KEY,
        event_id ${text} NOT NULL UNIQUE,
        category ${text} NOT NULL,
        stream_id ${text} NOT NULL,
        version INTEGER NOT NULL,
        type ${text} NOT NULL,
        payload TEXT NOT NULL,
        recorded_at ${text} NOT NULL,
        UNIQUE (category, stream_id, version)
      )`,
      `CREATE INDEX cityhall_events_category ON cityhall_events (category, position)`,
      `CREATE TABLE cityhall_streams (
        category ${text} NOT NULL,
        stream_id ${text} NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (category, stream_id)
      )`,
      `CREATE TABLE cityhall_idempotency (
        key ${text} PRIMARY KEY,
        category ${text} NOT NULL,
        stream_id ${text} NOT NULL,
        from_version INTEGER NOT NULL,
        to_version INTEGER NOT NULL,
        last_position ${big} NOT NULL
      )`,
      `CREATE TABLE cityhall_rows (
        tbl ${text} NOT NULL,
        key ${text} NOT NULL,
        data TEXT NOT NULL,
        i0 ${text}, i1 ${text}, i2 ${text}, i3 ${text},
        PRIMARY KEY (tbl, key)
      )`,
      `CREATE INDEX cityhall_rows_i0 ON cityhall_rows (tbl, i0, i1, key)`,
      `CREATE INDEX cityhall_rows_i1 ON cityhall_rows (tbl, i1, key)`,
      `CREATE INDEX cityhall_rows_i2 ON cityhall_rows (tbl, i2, i1, key)`,
      `CREATE INDEX cityhall_rows_i3 ON cityhall_rows (tbl, i3, i1, key)`,
      `CREATE TABLE cityhall_counters (
        name ${text} NOT NULL,
        key ${text} NOT NULL,
        k0 ${text},
        value ${big} NOT NULL,
        PRIMARY KEY (name, key)
      )`,
      `CREATE INDEX cityhall_counters_k0 ON cityhall_counters (name, k0, key)`,
      `CREATE TABLE cityhall_relays (
        relay ${text} PRIMARY KEY,
        position ${big} NOT NULL DEFAULT 0,
        holder ${text},
        lease_until ${big}
      )`
    ]
  },
  {
    // The full-text index of the search tables (`Ports.Search`: rows of tables named `search/…`), kept
    // by the database itself, by triggers on cityhall_rows, in the transaction that writes the rows:
    // PostgreSQL in cityhall_search, one tsvector per row with a GIN index (every word as written, by the
    // `simple` configuration, and as its stem, by `russian`; the public field weighted A, the personal B); SQLite in
    // an FTS5 table with the trigram tokenizer, whose rowid is the id of the row's (table, key) in
    // cityhall_search_ids.
    id: 2,
    name: "read_model_search",
    statements: ({ dialect, text }) =>
      dialect === "pg"
        ? [
            `CREATE TABLE cityhall_search (
              tbl ${text} NOT NULL,
              key ${text} NOT NULL,
              words tsvector NOT NULL,
              PRIMARY KEY (tbl, key)
            )`,
            `CREATE INDEX cityhall_search_words ON cityhall_search USING gin (words)`,
            `INSERT INTO cityhall_search (tbl, key, words)
              SELECT r.tbl, r.key, ${pgVector.replaceAll("NEW.", "r.")} FROM cityhall_rows r WHERE r.tbl LIKE 'search/%'`,
            `CREATE FUNCTION cityhall_search_upsert() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
              INSERT INTO cityhall_search (tbl, key, words) VALUES (NEW.tbl, NEW.key, ${pgVector})
                ON CONFLICT (tbl, key) DO UPDATE SET words = excluded.words;
              RETURN NULL;
            END $$`,
            `CREATE FUNCTION cityhall_search_delete() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
              DELETE FROM cityhall_search WHERE tbl = OLD.tbl AND key = OLD.key;
              RETURN NULL;
            END $$`,
            `CREATE TRIGGER cityhall_search_upsert AFTER INSERT OR UPDATE ON cityhall_rows
              FOR EACH ROW WHEN (NEW.tbl LIKE 'search/%') EXECUTE FUNCTION cityhall_search_upsert()`,
            `CREATE TRIGGER cityhall_search_delete AFTER DELETE ON cityhall_rows
              FOR EACH ROW WHEN (OLD.tbl LIKE 'search/%') EXECUTE FUNCTION cityhall_search_delete()`
          ]
        : [
            `CREATE TABLE cityhall_search_ids (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL, UNIQUE (tbl, key))`,
            `CREATE VIRTUAL TABLE cityhall_search USING fts5(public, personal, tokenize = 'trigram')`,
            `INSERT INTO cityhall_search_ids (tbl, key) SELECT tbl, key FROM cityhall_rows WHERE tbl GLOB 'search/*'`,
            `INSERT INTO cityhall_search (rowid, public, personal)
              SELECT d.id, ${sqliteField("NEW", "public").replaceAll("NEW.", "r.")}, ${sqliteField("NEW", "personal").replaceAll("NEW.", "r.")}
              FROM cityhall_search_ids d JOIN cityhall_rows r ON r.tbl = d.tbl AND r.key = d.key`,
            `CREATE TRIGGER cityhall_search_insert AFTER INSERT ON cityhall_rows WHEN NEW.tbl GLOB 'search/*' BEGIN
              INSERT INTO cityhall_search_ids (tbl, key) VALUES (NEW.tbl, NEW.key);
              INSERT INTO cityhall_search (rowid, public, personal)
                VALUES (${sqliteSearchId("NEW")}, ${sqliteField("NEW", "public")}, ${sqliteField("NEW", "personal")});
            END`,
            `CREATE TRIGGER cityhall_search_update AFTER UPDATE OF data ON cityhall_rows WHEN NEW.tbl GLOB 'search/*' BEGIN
              UPDATE cityhall_search SET public = ${sqliteField("NEW", "public")}, personal = ${sqliteField("NEW", "personal")}
                WHERE rowid = ${sqliteSearchId("NEW")};
            END`,
            `CREATE TRIGGER cityhall_search_delete AFTER DELETE ON cityhall_rows WHEN OLD.tbl GLOB 'search/*' BEGIN
              DELETE FROM cityhall_search WHERE rowid = ${sqliteSearchId("OLD")};
              DELETE FROM cityhall_search_ids WHERE tbl = OLD.tbl AND key = OLD.key;
            END`
          ]
  }
]

/** The migrations not yet applied to the store (all of them on an empty database); reads only. */
export const pending: Effect.Effect<ReadonlyArray<number>, Ports.Errors.StorageError, SqlClient.SqlClient> = Effect.gen(
  function* () {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const exists = yield* sql.onDialectOrElse({
      pg: () => sql<{ readonly t: string | null }>`SELECT to_regclass('cityhall_migrations')::text AS t`,
      orElse: () =>
        sql<{
          readonly t: string | null
        }>`SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name = 'cityhall_migrations'`
    })
    if (exists.length === 0 || exists[0]?.t === null || exists[0]?.t === undefined) return migrations.map((m) => m.id)
    const done = yield* sql<{ readonly id: number }>`SELECT id FROM cityhall_migrations`
    const applied = new Set(done.map((r) => Number(r.id)))
    return migrations.filter((m) => !applied.has(m.id)).map((m) => m.id)
  }
).pipe(
  Effect.catchTag("SqlError", (e) =>
    Effect.fail(
      new Ports.Errors.StorageError({ reason: "Migration", operation: "pending", message: e.message, cause: e.cause })
    )
  )
)

/** Runs the migrations not yet applied; answers the ids applied now. */
export const migrate: Effect.Effect<ReadonlyArray<number>, Ports.Errors.StorageError, SqlClient.SqlClient> = Effect.gen(
  function* () {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const types = sql.onDialectOrElse({
      pg: () => ({ text: `TEXT COLLATE "C"`, big: "BIGINT", dialect: "pg" as const }),
      orElse: () => ({ text: "TEXT", big: "INTEGER", dialect: "sqlite" as const })
    })
    return yield* Effect.zipRight(
      sql.unsafe(`CREATE TABLE IF NOT EXISTS cityhall_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`),
      sql.withTransaction(
        Effect.gen(function* () {
          yield* sql.onDialectOrElse({
            pg: () =>
              Effect.asVoid(
                sql.unsafe(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/cityhall-migrations'))`)
              ),
            orElse: () => Effect.void
          })
          const done = yield* sql<{ readonly id: number }>`SELECT id FROM cityhall_migrations`
          const applied = new Set(done.map((r) => Number(r.id)))
          const run: Array<number> = []
          for (const m of migrations) {
            if (applied.has(m.id)) continue
            for (const statement of m.statements(types)) yield* sql.unsafe(statement)
            yield* sql`INSERT INTO cityhall_migrations ${sql.insert({ id: m.id, name: m.name })}`
            run.push(m.id)
          }
          return run
        })
      )
    ).pipe(
      Effect.catchTag("SqlError", (e) =>
        Effect.fail(
          new Ports.Errors.StorageError({
            reason: "Migration",
            operation: "migrate",
            message: e.message,
            cause: e.cause
          })
        )
      )
    )
  }
)
