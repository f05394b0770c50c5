/**
 * The one SQL implementation of the storage ports, over `@effect/sql`'s
 * abstract `SqlClient`: SQLite and PostgreSQL run the same code, with the
 * few dialect differences behind `sql.onDialectOrElse`.
 *
 * An append is ONE transaction: it takes the global head row (which
 * serialises appenders, so positions commit in order and a relay never
 * skips a late commit), checks idempotency keys, moves the streams'
 * versions (optimistic concurrency), inserts the events, records the keys,
 * and applies the read-model writes (rows and counters), all with batched
 * multi-row statements. Any failure rolls everything back.
 *
 * Rows read back are decoded with Schema at the boundary; a corrupt event
 * is a typed `CorruptEvent` naming its stream and version.
 *
 * @module
 */
import { SqlClient, type SqlError } from "@effect/sql"
import { Context, Effect, Either, Layer, Option, ParseResult, Ref, Schema, type Scope } from "effect"
import { randomUUID } from "node:crypto"
import * as Ports from "../../src/ports/index.js"
import { migrate, pending } from "./SqlMigrations.js"

/** The points between the statements of an append where a fault can be injected (in order). */
export const faultPoints = [
  "after-head",
  "after-keys-checked",
  "after-streams",
  "after-events",
  "after-keys",
  "after-rows",
  "after-counters"
] as const

/** Fault injection for tests: the armed point makes the next append fail there, inside its transaction. */
export class SqlFaults extends Context.Tag("cityhall/adapters/sql/SqlFaults")<
  SqlFaults,
  {
    readonly arm: (point: string) => Effect.Effect<void>
    readonly disarm: Effect.Effect<void>
  }
>() {}

/** Options of the SQL store. */
export interface SqlStoreOptions {
  /** How long a relay lease lasts without renewal where no advisory lock exists (SQLite), in ms (default 60 000). */
  readonly leaseMillis?: number
  /**
   * At most this many rows per multi-row statement (default: as many as fit in
   * 30 000 bound parameters, e.g. 3 750 events; and 500 keys per `IN` list).
   */
  readonly chunkSize?: number
  /**
   * Group commit (see `Ports.GroupCommit`): concurrent single-stream appends
   * are written together in one transaction. `true` for the defaults, or the
   * options. Off by default.
   */
  readonly groupCommit?: boolean | Ports.GroupCommit.GroupCommitOptions
  /**
   * `"apply"` (the default) runs the migrations not yet applied when the
   * store opens; `"check"` only checks that none is pending and fails with a
   * `StorageError` (reason `Migration`) saying to migrate first — for servers
   * of a city that migrates explicitly (`cityhall migrate`).
   */
  readonly migrations?: "apply" | "check"
}

/** A number as drivers return it: a number, a string (PostgreSQL BIGINT) or a bigint (SQLite safe integers). */
const NumberLike = Schema.Union(
  Schema.Number,
  Schema.NumberFromString,
  Schema.transform(Schema.BigIntFromSelf, Schema.Number, {
    strict: true,
    decode: (b) => Number(b),
    encode: (n) => BigInt(n)
  })
)

const EventRow = Schema.Struct({
  position: NumberLike,
  event_id: Schema.String,
  category: Schema.String,
  stream_id: Schema.String,
  version: NumberLike,
  type: Schema.String,
  payload: Schema.String,
  recorded_at: Schema.String
})

const KeyRow = Schema.Struct({
  key: Schema.String,
  category: Schema.String,
  stream_id: Schema.String,
  from_version: NumberLike,
  to_version: NumberLike,
  last_position: NumberLike
})

const NullableString = Schema.NullOr(Schema.String)
const RowRow = Schema.Struct({
  tbl: Schema.String,
  key: Schema.String,
  data: Schema.String,
  i0: NullableString,
  i1: NullableString,
  i2: NullableString,
  i3: NullableString
})

const CounterRow = Schema.Struct({ name: Schema.String, key: Schema.String, value: NumberLike })

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

const decodeEventRow = (raw: unknown): Either.Either<Ports.EventStore.StoredEvent, Ports.Errors.CorruptEvent> => {
  const r = Schema.decodeUnknownEither(EventRow)(raw)
  const where = () => {
    const o: Readonly<Record<string, unknown>> =
      raw !== null && typeof raw === "object" ? (raw as Readonly<Record<string, unknown>>) : {}
    return {
      stream: Ports.EventStore.streamName({ category: String(o["category"]), id: String(o["stream_id"]) }),
      version: Number(o["version"])
    }
  }
  if (Either.isLeft(r))
    return Either.left(
      new Ports.Errors.CorruptEvent({ ...where(), message: ParseResult.TreeFormatter.formatErrorSync(r.left) })
    )
  const row = r.right
  try {
    return Either.right({
      position: row.position,
      eventId: row.event_id,
      category: row.category,
      streamId: row.stream_id,
      version: row.version,
      type: row.type,
      payload: JSON.parse(row.payload) as unknown,
      recordedAt: row.recorded_at
    })
  } catch (cause) {
    return Either.left(
      new Ports.Errors.CorruptEvent({ ...where(), message: `the payload is not JSON: ${message(cause)}` })
    )
  }
}

const decodeRowRow = (raw: unknown): Either.Either<Ports.ReadModels.StoredRow, Ports.Errors.CorruptRow> => {
  const r = Schema.decodeUnknownEither(RowRow)(raw)
  if (Either.isLeft(r)) {
    const o: Readonly<Record<string, unknown>> =
      raw !== null && typeof raw === "object" ? (raw as Readonly<Record<string, unknown>>) : {}
    return Either.left(
      new Ports.Errors.CorruptRow({
        table: String(o["tbl"]),
        key: String(o["key"]),
        message: ParseResult.TreeFormatter.formatErrorSync(r.left)
      })
    )
  }
  const row = r.right
  try {
    return Either.right({
      table: row.tbl,
      key: row.key,
      data: JSON.parse(row.data) as unknown,
      index: [row.i0, row.i1, row.i2, row.i3]
    })
  } catch (cause) {
    return Either.left(
      new Ports.Errors.CorruptRow({ table: row.tbl, key: row.key, message: `the row is not JSON: ${message(cause)}` })
    )
  }
}

const classify = (e: SqlError.SqlError): Ports.Errors.StorageErrorReason => {
  const cause: unknown = e.cause
  const code = cause !== null && typeof cause === "object" && "code" in cause ? String(cause.code) : ""
  if (code.startsWith("SQLITE_CONSTRAINT") || /^23\d{3}$/.test(code)) return "Constraint"
  if (code.startsWith("SQLITE_BUSY") || code === "40001" || code === "40P01") return "Transaction"
  if (/^08/.test(code) || code === "ECONNREFUSED" || code === "ECONNRESET" || code === "57P01") return "Connection"
  return "Query"
}

const toStorageError =
  (operation: string) =>
  (e: SqlError.SqlError): Ports.Errors.StorageError =>
    new Ports.Errors.StorageError({ reason: classify(e), operation, message: e.message, cause: e.cause })

const isSqlError = (u: unknown): u is SqlError.SqlError =>
  typeof u === "object" && u !== null && "_tag" in u && (u as { readonly _tag: unknown })._tag === "SqlError"

/**
 * A transaction whose storage failures all stay typed: `@effect/sql` turns a
 * failing BEGIN/COMMIT/ROLLBACK (a connection dropped mid-transaction) into
 * a defect, and a storage failure must never become a defect.
 */
const typedTransaction = <A, E, R>(
  operation: string,
  self: Effect.Effect<A, E, R>
): Effect.Effect<A, E | Ports.Errors.StorageError, R> =>
  Effect.catchSomeDefect(self, (defect) =>
    isSqlError(defect) ? Option.some(Effect.fail(toStorageError(operation)(defect))) : Option.none()
  )

const chunks = <A>(items: ReadonlyArray<A>, size: number): ReadonlyArray<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const streamKey = (s: Ports.EventStore.StreamRef): string => JSON.stringify([s.category, s.id])

/** The most stream ids in one `readMany` query (well under SQLite's and PostgreSQL's bound-parameter limits). */
const READ_MANY_CHUNK = 1000

/** Bound parameters per multi-row statement (SQLite allows 32 766, PostgreSQL 65 535). */
const maxParameters = 30_000

/** A JSON text, or undefined when the value is not JSON data (the caller fails with its operation). */
const jsonText = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

const notJson = (operation: string) =>
  new Ports.Errors.StorageError({ reason: "Constraint", operation, message: "the value is not JSON data" })

/** A read-model condition on an indexed slot's column, as SQL (row queries and search candidates alike). */
const conditionOn =
  (sql: SqlClient.SqlClient, slotColumn: (slot: number) => ReturnType<SqlClient.SqlClient["literal"]>) =>
  (c: Ports.ReadModels.Condition) => {
    const col = slotColumn(c.slot)
    switch (c.op) {
      case "eq":
        return c.value === null ? sql`${col} IS NULL` : sql`${col} = ${c.value}`
      case "gt":
        return sql`${col} > ${c.value}`
      case "gte":
        return sql`${col} >= ${c.value}`
      case "lt":
        return sql`${col} < ${c.value}`
      case "lte":
        return sql`${col} <= ${c.value}`
    }
  }

/** The statement of a row query (exported so that tests can EXPLAIN it). */
export const selectRows = (sql: SqlClient.SqlClient, table: string, q: Ports.ReadModels.RowQuery) => {
  const slotColumn = (slot: number) =>
    sql.literal(`i${Math.max(0, Math.min(Ports.ReadModels.indexSlots - 1, Math.trunc(slot)))}`)
  const condition = conditionOn(sql, slotColumn)
  const where = [
    sql`tbl = ${table}`,
    ...(q.where ?? []).map(condition),
    ...(q.afterKey !== undefined ? [sql`key > ${q.afterKey}`] : [])
  ]
  // With conditions and no order slot, SQLite would otherwise walk the primary key to avoid a sort
  // and filter row by row; `+key` keeps it on the index of the filtered slot.
  const byKey =
    (q.where ?? []).length > 0
      ? sql.onDialectOrElse({ sqlite: () => sql.literal("+key"), orElse: () => sql.literal("key") })
      : sql.literal("key")
  const order =
    q.orderBySlot !== undefined
      ? sql`ORDER BY ${slotColumn(q.orderBySlot)} ASC NULLS FIRST, key ASC`
      : sql`ORDER BY ${byKey} ASC`
  return sql`SELECT tbl, key, data, i0, i1, i2, i3 FROM cityhall_rows WHERE ${sql.and(where)} ${order}
             ${q.limit !== undefined ? sql`LIMIT ${q.limit}` : sql``}`
}

/**
 * The statement of a search's candidates (exported so that tests can EXPLAIN it): PostgreSQL answers
 * exactly (every term an exact word by `simple` or a word form by `russian`, in the public field or,
 * with `personal`, also the personal one), SQLite the rows whose fields contain every term of three
 * or more characters (trigrams), which the caller filters by the exact-word rule. Terms are
 * normalised words (letters and digits only, `Ports.Search.checkSearch`), so quoting them is safe.
 */
export const selectSearch = (sql: SqlClient.SqlClient, table: string, q: Ports.Search.SearchQuery) => {
  const slotColumn = (slot: number) =>
    sql.literal(`r.i${Math.max(0, Math.min(Ports.ReadModels.indexSlots - 1, Math.trunc(slot)))}`)
  const condition = conditionOn(sql, slotColumn)
  const rest = [...(q.where ?? []).map(condition), ...(q.afterKey !== undefined ? [sql`r.key > ${q.afterKey}`] : [])]
  return sql.onDialectOrElse({
    pg: () => {
      const weights = q.personal ? "AB" : "A"
      // one tsquery, so that one GIN index search answers it: every term as written or as its stem
      const terms = q.terms.map((t) => {
        const lexeme = `'${t}':${weights}`
        return sql`(to_tsquery('simple', ${lexeme}) || to_tsquery('russian', ${lexeme}))`
      })
      const query = terms.reduce((all, t) => sql`${all} && ${t}`)
      return sql`SELECT r.tbl, r.key, r.data, r.i0, r.i1, r.i2, r.i3
        FROM cityhall_search s JOIN cityhall_rows r ON r.tbl = s.tbl AND r.key = s.key
        WHERE ${sql.and([sql`s.tbl = ${table}`, sql`s.words @@ (${query})`, ...rest])} ORDER BY r.key ASC
        ${q.limit !== undefined ? sql`LIMIT ${q.limit}` : sql``}`
    },
    orElse: () => {
      const phrases = q.terms.filter((t) => [...t].length >= Ports.Search.minIndexedTerm).map((t) => `"${t}"`)
      const match = `${q.personal ? "{public personal}" : "{public}"} : (${phrases.join(" AND ")})`
      // CROSS JOIN keeps SQLite's join order: the full-text index first, then the rows it found
      return sql`SELECT r.tbl, r.key, r.data, r.i0, r.i1, r.i2, r.i3
        FROM cityhall_search s CROSS JOIN cityhall_search_ids d ON d.id = s.rowid
        CROSS JOIN cityhall_rows r ON r.tbl = d.tbl AND r.key = d.key
        WHERE ${sql.and([sql`cityhall_search MATCH ${match}`, sql`d.tbl = ${table}`, ...rest])} ORDER BY r.key ASC`
    }
  })
}

/** The statement of a counter read by key prefix (exported so that tests can EXPLAIN it). */
export const selectCounters = (sql: SqlClient.SqlClient, counter: string, prefix: ReadonlyArray<string>) =>
  sql`SELECT name, key, value FROM cityhall_counters WHERE name = ${counter}
      ${prefix[0] !== undefined ? sql`AND k0 = ${prefix[0]}` : sql``}`

/** Builds the services over the `SqlClient` in context (migrations must have run). */
export const make = (options: SqlStoreOptions & { readonly faults?: Ref.Ref<Option.Option<string>> } = {}) =>
  Effect.gen(function* () {
    const sql = (yield* SqlClient.SqlClient).withoutTransforms()
    const chunkSize = Math.max(1, options.chunkSize ?? 500)
    const rowsPerStatement = Math.max(1, options.chunkSize ?? Number.MAX_SAFE_INTEGER)
    const leaseMillis = options.leaseMillis ?? 60_000
    const faults = options.faults
    const isPg = sql.onDialectOrElse({ pg: () => true, orElse: () => false })
    /**
     * PostgreSQL: this process's appends take the head row one at a time. The head row serialises every
     * append in the database anyway; without this, each of the pool's connections would queue on its row
     * lock inside PostgreSQL, and every COMMIT would wake all of them to find one winner (measured, issue 19:
     * 8-15 backends waiting on the head's transaction lock; with this, PostgreSQL's CPU per registration 2.0-2.4
     * ms instead of 2.8-3.2, and two instances 68 registrations/s instead of 40 in the same loaded runs). Each
     * instance now keeps at most one append waiting in the database; the others wait here. The permit is
     * taken after BEGIN and released after COMMIT or ROLLBACK (SQLite has one connection: no need).
     */
    const headTurn = isPg ? yield* Effect.makeSemaphore(1) : undefined

    // Multi-row INSERTs written once per shape (table, row count) and run with flat parameter
    // arrays: the statement text is built and prepared once, and no fragment is compiled per row.
    const placeholder = sql.onDialectOrElse({ pg: () => (n: number) => `$${n}`, orElse: () => (_: number) => "?" })
    const statements = new Map<string, string>()
    const headStatement = `UPDATE cityhall_head SET position = position + ${placeholder(1)} WHERE id = 1 RETURNING position`
    const statementText = (head: string, width: number, count: number, tail: string): string => {
      const key = `${count}|${head}|${tail}`
      const known = statements.get(key)
      if (known !== undefined) return known
      const groups: Array<string> = []
      for (let r = 0, n = 1; r < count; r++) {
        const one: Array<string> = []
        for (let c = 0; c < width; c++, n++) one.push(placeholder(n))
        groups.push(`(${one.join(", ")})`)
      }
      const text = `${head} VALUES ${groups.join(", ")}${tail === "" ? "" : ` ${tail}`}`
      statements.set(key, text)
      return text
    }
    /**
     * Runs a statement text on the transaction's connection when there is one (no statement
     * compile, span or connection scope per statement: the append's statements are the hot
     * path of every command), else through the client.
     */
    const unsafe = (
      text: string,
      params: ReadonlyArray<unknown>
    ): Effect.Effect<ReadonlyArray<object>, SqlError.SqlError> =>
      Effect.contextWithEffect((context: Context.Context<never>) => {
        const tx = Context.getOption(context, SqlClient.TransactionConnection)
        return Option.isSome(tx) ? tx.value[0].execute(text, params, undefined) : sql.unsafe<object>(text, params)
      })

    /** Inserts rows given as one flat array of `width` values per row; answers the rows returned (with a RETURNING tail). */
    const insertMany = (head: string, width: number, values: ReadonlyArray<unknown>, tail = "") =>
      Effect.suspend(() => {
        const rows = values.length / width
        // A command's few rows: SQLite runs a small multi-row upsert several times slower than the same rows
        // one by one through a prepared single-row statement (measured: 4 rows 95 µs vs 4 x 7 µs). In bulk the
        // per-statement cost wins, and PostgreSQL always gains from fewer round trips: multi-row there.
        const perStatement =
          !isPg && rows <= 16 && tail.includes("DO UPDATE")
            ? 1
            : Math.max(1, Math.min(rowsPerStatement, Math.floor(maxParameters / width)))
        if (rows <= perStatement) return unsafe(statementText(head, width, rows, tail), values) // one statement: no Effect.all per append
        return Effect.gen(function* () {
          const returned: Array<object> = []
          for (let from = 0; from < rows; from += perStatement) {
            const count = Math.min(perStatement, rows - from)
            for (const r of yield* unsafe(
              statementText(head, width, count, tail),
              values.slice(from * width, (from + count) * width)
            ))
              returned.push(r)
          }
          return returned
        })
      })

    const fault = (point: string): Effect.Effect<void, Ports.Errors.StorageError> =>
      faults === undefined
        ? Effect.void
        : Effect.flatMap(Ref.get(faults), (armed) =>
            Option.isSome(armed) && armed.value === point
              ? Effect.fail(
                  new Ports.Errors.StorageError({
                    reason: "Injected",
                    operation: "append",
                    message: `fault injected at ${point}`
                  })
                )
              : Effect.void
          )

    const currentVersion = (stream: Ports.EventStore.StreamRef) =>
      Effect.map(
        sql<{
          readonly version: unknown
        }>`SELECT version FROM cityhall_streams WHERE category = ${stream.category} AND stream_id = ${stream.id}`,
        (rows) => (rows[0] === undefined ? 0 : Number(rows[0].version))
      )

    const applyWrites = (writes: ReadonlyArray<Ports.ReadModels.Write>, operation: string) =>
      Effect.gen(function* () {
        // the net effect of the writes (as `coalesce`: per row the last write wins, per counter key the
        // deltas add up), gathered straight into the statements' parameters
        const rows = new Map<string, Map<string, Ports.ReadModels.RowUpsert | Ports.ReadModels.RowDelete>>()
        const counters = new Map<string, Map<string, { readonly k0: string | null; delta: number }>>()
        for (const w of writes) {
          if (w._tag === "CounterIncrement") {
            let byKey = counters.get(w.counter)
            if (byKey === undefined) counters.set(w.counter, (byKey = new Map()))
            const key = Ports.ReadModels.counterKeyString(w.key)
            const prev = byKey.get(key)
            if (prev === undefined) byKey.set(key, { k0: w.key[0] ?? null, delta: w.delta })
            else prev.delta += w.delta
          } else {
            let byKey = rows.get(w.table)
            if (byKey === undefined) rows.set(w.table, (byKey = new Map()))
            byKey.set(w.key, w)
          }
        }
        const deletes: Array<Ports.ReadModels.RowDelete> = []
        const upsertValues: Array<unknown> = []
        for (const byKey of rows.values()) {
          for (const w of byKey.values()) {
            if (w._tag === "RowDelete") {
              deletes.push(w)
              continue
            }
            const data = jsonText(w.data)
            if (data === undefined) return yield* notJson(operation)
            upsertValues.push(w.table, w.key, data, w.index[0], w.index[1], w.index[2], w.index[3])
          }
        }
        for (const part of chunks(deletes, chunkSize)) {
          yield* sql`DELETE FROM cityhall_rows WHERE ${sql.or(part.map((d) => sql`(tbl = ${d.table} AND key = ${d.key})`))}`
        }
        if (upsertValues.length > 0) {
          yield* insertMany(
            "INSERT INTO cityhall_rows (tbl, key, data, i0, i1, i2, i3)",
            7,
            upsertValues,
            "ON CONFLICT (tbl, key) DO UPDATE SET data = excluded.data, i0 = excluded.i0, i1 = excluded.i1, i2 = excluded.i2, i3 = excluded.i3"
          )
        }
        if (faults !== undefined) yield* fault("after-rows")
        const counterValues: Array<unknown> = []
        for (const [name, byKey] of counters) for (const [key, c] of byKey) counterValues.push(name, key, c.k0, c.delta)
        if (counterValues.length > 0) {
          yield* insertMany(
            "INSERT INTO cityhall_counters (name, key, k0, value)",
            4,
            counterValues,
            "ON CONFLICT (name, key) DO UPDATE SET value = cityhall_counters.value + excluded.value"
          )
        }
        if (faults !== undefined) yield* fault("after-counters")
      })

    const appendTx = (batches: ReadonlyArray<Ports.EventStore.AppendBatch>, turn: boolean) =>
      Effect.gen(function* () {
        const total = batches.reduce((n, b) => n + b.events.length, 0)
        // 1. the head row: serialises appenders and reserves the positions
        let position = 0
        if (total > 0) {
          if (turn && headTurn !== undefined) yield* Effect.acquireRelease(headTurn.take(1), () => headTurn.release(1))
          const head = (yield* unsafe(headStatement, [total])) as ReadonlyArray<{ readonly position?: unknown }>
          position = Number(head[0]?.position ?? Number.NaN) - total
          if (!Number.isFinite(position)) {
            return yield* new Ports.Errors.StorageError({
              reason: "Query",
              operation: "append",
              message: "the head row is missing (migrations not run?)"
            })
          }
        }
        if (faults !== undefined) yield* fault("after-head")
        // 2. idempotency keys already used
        const keys = batches.flatMap((b) => (b.idempotencyKey === undefined ? [] : [b.idempotencyKey]))
        const known = new Map<string, Ports.EventStore.AppendResult>()
        for (const part of chunks(keys, chunkSize)) {
          const rows =
            yield* sql`SELECT key, category, stream_id, from_version, to_version, last_position FROM cityhall_idempotency WHERE key IN ${sql.in(part)}`
          for (const raw of rows) {
            const r = yield* Schema.decodeUnknown(KeyRow)(raw).pipe(
              Effect.mapError(
                (e) =>
                  new Ports.Errors.StorageError({
                    reason: "Query",
                    operation: "append",
                    message: ParseResult.TreeFormatter.formatErrorSync(e)
                  })
              )
            )
            known.set(r.key, {
              category: r.category,
              streamId: r.stream_id,
              fromVersion: r.from_version,
              toVersion: r.to_version,
              lastPosition: r.last_position,
              duplicate: false
            })
          }
        }
        if (faults !== undefined) yield* fault("after-keys-checked")
        // 3. versions, results, event rows
        const results: Array<Ports.EventStore.AppendResult> = []
        const eventValues: Array<unknown> = []
        const keyValues: Array<unknown> = []
        const writes: Array<Ports.ReadModels.Write> = []
        const versions = new Map<string, number>()
        const newStreams: Array<{ readonly stream: Ports.EventStore.StreamRef; readonly version: number }> = []
        // where each stream of newStreams is in it (a later batch on a stream looks it up: was a scan per batch,
        // quadratic in an import's batch of histories)
        const newStreamAt = new Map<string, number>()
        let used = 0
        for (const b of batches) {
          const name = Ports.EventStore.streamName(b.stream)
          if (b.idempotencyKey !== undefined) {
            const first = known.get(b.idempotencyKey)
            if (first !== undefined) {
              if (first.category !== b.stream.category || first.streamId !== b.stream.id) {
                return yield* new Ports.Errors.IdempotencyKeyConflict({
                  key: b.idempotencyKey,
                  stream: name,
                  firstStream: Ports.EventStore.streamName({ category: first.category, id: first.streamId })
                })
              }
              results.push({ ...first, duplicate: true })
              continue
            }
          }
          const sk = streamKey(b.stream)
          const seen = versions.get(sk)
          const toVersion = b.expectedVersion + b.events.length
          if (seen !== undefined) {
            if (seen !== b.expectedVersion)
              return yield* new Ports.Errors.ConcurrencyConflict({
                stream: name,
                expected: b.expectedVersion,
                actual: seen
              })
          } else if (b.expectedVersion === 0) {
            if (b.events.length > 0) newStreamAt.set(sk, newStreams.push({ stream: b.stream, version: toVersion }) - 1)
            else {
              const actual = yield* currentVersion(b.stream)
              if (actual !== 0)
                return yield* new Ports.Errors.ConcurrencyConflict({ stream: name, expected: 0, actual })
            }
          } else {
            const moved = yield* sql`UPDATE cityhall_streams SET version = ${toVersion}
              WHERE category = ${b.stream.category} AND stream_id = ${b.stream.id} AND version = ${b.expectedVersion} RETURNING version`
            if (moved.length === 0) {
              return yield* new Ports.Errors.ConcurrencyConflict({
                stream: name,
                expected: b.expectedVersion,
                actual: yield* currentVersion(b.stream)
              })
            }
          }
          if (seen !== undefined && b.events.length > 0) {
            // a later batch on a stream met earlier in this call
            const n = newStreamAt.get(sk)
            if (n !== undefined) newStreams[n] = { stream: b.stream, version: toVersion }
            else if (seen === 0) newStreamAt.set(sk, newStreams.push({ stream: b.stream, version: toVersion }) - 1)
            else {
              yield* sql`UPDATE cityhall_streams SET version = ${toVersion} WHERE category = ${b.stream.category} AND stream_id = ${b.stream.id}`
            }
          }
          versions.set(sk, toVersion)
          let version = b.expectedVersion
          for (const e of b.events) {
            used += 1
            version += 1
            const payload = jsonText(e.payload)
            if (payload === undefined) return yield* notJson("append")
            eventValues.push(
              position + used,
              e.eventId,
              b.stream.category,
              b.stream.id,
              version,
              e.type,
              payload,
              e.recordedAt
            )
          }
          const result: Ports.EventStore.AppendResult = {
            category: b.stream.category,
            streamId: b.stream.id,
            fromVersion: b.expectedVersion + 1,
            toVersion,
            lastPosition: b.events.length > 0 ? position + used : 0,
            duplicate: false
          }
          if (b.idempotencyKey !== undefined) {
            known.set(b.idempotencyKey, result)
            keyValues.push(
              b.idempotencyKey,
              result.category,
              result.streamId,
              result.fromVersion,
              result.toVersion,
              result.lastPosition
            )
          }
          if (b.writes !== undefined) for (const w of b.writes) writes.push(w)
          results.push(result)
        }
        if (newStreams.length > 0) {
          const values: Array<unknown> = []
          for (const n of newStreams) values.push(n.stream.category, n.stream.id, n.version)
          const inserted = yield* insertMany(
            "INSERT INTO cityhall_streams (category, stream_id, version)",
            3,
            values,
            "ON CONFLICT (category, stream_id) DO NOTHING RETURNING category, stream_id"
          )
          if (inserted.length !== newStreams.length) {
            const got = new Set(
              inserted.map((r) => {
                const o = r as Readonly<Record<string, unknown>>
                return JSON.stringify([String(o["category"]), String(o["stream_id"])])
              })
            )
            const lost = newStreams.find((n) => !got.has(streamKey(n.stream)))
            if (lost !== undefined) {
              return yield* new Ports.Errors.ConcurrencyConflict({
                stream: Ports.EventStore.streamName(lost.stream),
                expected: 0,
                actual: yield* currentVersion(lost.stream)
              })
            }
          }
        }
        if (faults !== undefined) yield* fault("after-streams")
        if (eventValues.length > 0) {
          yield* insertMany(
            "INSERT INTO cityhall_events (position, event_id, category, stream_id, version, type, payload, recorded_at)",
            8,
            eventValues
          )
        }
        if (faults !== undefined) yield* fault("after-events")
        if (keyValues.length > 0) {
          yield* insertMany(
            "INSERT INTO cityhall_idempotency (key, category, stream_id, from_version, to_version, last_position)",
            6,
            keyValues
          )
        }
        if (faults !== undefined) yield* fault("after-keys")
        if (used !== total) {
          // duplicates left positions unused: give them back so positions stay gap-free
          yield* sql`UPDATE cityhall_head SET position = position - ${total - used} WHERE id = 1`
        }
        yield* applyWrites(writes, "append")
        return results
      })

    const appendMany = (
      batches: ReadonlyArray<Ports.EventStore.AppendBatch>
    ): Effect.Effect<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError> =>
      // The scope outlives the transaction: the head permit is released once it committed or rolled back.
      // Inside a caller's own transaction no permit is taken: that transaction may hold the head row already
      // (an earlier append of it), and waiting here for a permit whose holder waits for that row in the
      // database would be a deadlock PostgreSQL cannot see.
      Effect.contextWithEffect((context: Context.Context<never>) =>
        Effect.scoped(
          typedTransaction(
            "append",
            sql.withTransaction(
              appendTx(batches, Option.isNone(Context.getOption(context, SqlClient.TransactionConnection)))
            )
          )
        )
      ).pipe(Effect.catchTag("SqlError", (e) => Effect.fail(toStorageError("append")(e))))

    const readEvents = (rows: ReadonlyArray<unknown>) => Effect.forEach(rows, (r) => decodeEventRow(r))

    const readAll = (after: number, limit: number | undefined, categories: ReadonlyArray<string> | undefined) =>
      sql`SELECT position, event_id, category, stream_id, version, type, payload, recorded_at FROM cityhall_events
          WHERE position > ${after} ${categories !== undefined ? sql`AND category IN ${sql.in(categories.length > 0 ? categories : [""])}` : sql``}
          ORDER BY position ${limit !== undefined ? sql`LIMIT ${limit}` : sql``}`.pipe(
        Effect.mapError(toStorageError("readAll")),
        Effect.flatMap(readEvents)
      )

    /**
     * Several streams' events: one query per category and per
     * {@link READ_MANY_CHUNK} distinct ids (a page of the journal export is
     * one query), then each stream's events in version order.
     */
    const readMany = (streams: ReadonlyArray<Ports.EventStore.StreamRef>) =>
      Effect.gen(function* () {
        const byCategory = new Map<string, Set<string>>()
        for (const s of streams) {
          const ids = byCategory.get(s.category) ?? new Set<string>()
          ids.add(s.id)
          byCategory.set(s.category, ids)
        }
        const found = new Map<string, Array<Ports.EventStore.StoredEvent>>()
        for (const [category, set] of byCategory) {
          const ids = [...set]
          for (let i = 0; i < ids.length; i += READ_MANY_CHUNK) {
            const rows =
              yield* sql`SELECT position, event_id, category, stream_id, version, type, payload, recorded_at FROM cityhall_events
                WHERE category = ${category} AND stream_id IN ${sql.in(ids.slice(i, i + READ_MANY_CHUNK))}
                ORDER BY stream_id, version`.pipe(Effect.mapError(toStorageError("readMany")))
            for (const e of yield* readEvents(rows)) {
              const key = streamKey({ category: e.category, id: e.streamId })
              const list = found.get(key)
              if (list === undefined) found.set(key, [e])
              else list.push(e)
            }
          }
        }
        return streams.map((s): ReadonlyArray<Ports.EventStore.StoredEvent> => found.get(streamKey(s)) ?? [])
      })

    const store: Ports.EventStore.EventStore.Service = {
      append: (stream, expectedVersion, events, opts = {}) =>
        Effect.map(
          appendMany([{ ...opts, stream, expectedVersion, events }]),
          (rs) => rs[0] as Ports.EventStore.AppendResult
        ),
      appendMany,
      version: (stream) => currentVersion(stream).pipe(Effect.mapError(toStorageError("version"))),
      read: (stream, opts = {}) =>
        sql`SELECT position, event_id, category, stream_id, version, type, payload, recorded_at FROM cityhall_events
            WHERE category = ${stream.category} AND stream_id = ${stream.id}
            ${opts.fromVersion !== undefined ? sql`AND version >= ${opts.fromVersion}` : sql``}
            ${opts.toVersion !== undefined ? sql`AND version <= ${opts.toVersion}` : sql``}
            ORDER BY version`.pipe(Effect.mapError(toStorageError("read")), Effect.flatMap(readEvents)),
      readMany: (streams) => readMany(streams),
      readAll: (after, opts = {}) => readAll(after, opts.limit, opts.categories),
      head: sql<{ readonly position: unknown }>`SELECT position FROM cityhall_head WHERE id = 1`.pipe(
        Effect.map((rows) => Number(rows[0]?.position ?? 0)),
        Effect.mapError(toStorageError("head"))
      ),
      idempotency: (key) =>
        sql`SELECT key, category, stream_id, from_version, to_version, last_position FROM cityhall_idempotency WHERE key = ${key}`.pipe(
          Effect.mapError(toStorageError("idempotency")),
          Effect.flatMap((rows) =>
            rows[0] === undefined
              ? Effect.succeed(Option.none<Ports.EventStore.AppendResult>())
              : Schema.decodeUnknown(KeyRow)(rows[0]).pipe(
                  Effect.mapError(
                    (e) =>
                      new Ports.Errors.StorageError({
                        reason: "Query",
                        operation: "idempotency",
                        message: ParseResult.TreeFormatter.formatErrorSync(e)
                      })
                  ),
                  Effect.map((r) =>
                    Option.some<Ports.EventStore.AppendResult>({
                      category: r.category,
                      streamId: r.stream_id,
                      fromVersion: r.from_version,
                      toVersion: r.to_version,
                      lastPosition: r.last_position,
                      duplicate: false
                    })
                  )
                )
          )
        )
    }

    const readCounters = (counter: string, prefix: ReadonlyArray<string>) =>
      selectCounters(sql, counter, prefix).pipe(
        Effect.mapError(toStorageError("counters")),
        Effect.flatMap((rows) =>
          Effect.forEach(rows, (raw) =>
            Schema.decodeUnknown(CounterRow)(raw).pipe(
              Effect.mapError(
                (e) =>
                  new Ports.Errors.StorageError({
                    reason: "Query",
                    operation: "counters",
                    message: ParseResult.TreeFormatter.formatErrorSync(e)
                  })
              )
            )
          )
        ),
        Effect.flatMap((rows) =>
          Effect.forEach(rows, (r) =>
            Effect.try({
              try: (): Ports.ReadModels.CounterValue => ({
                key: JSON.parse(r.key) as ReadonlyArray<string>,
                value: r.value
              }),
              catch: (cause) =>
                new Ports.Errors.StorageError({
                  reason: "Query",
                  operation: "counters",
                  message: `bad counter key ${r.key}`,
                  cause
                })
            })
          )
        ),
        Effect.map((values) =>
          values
            .filter((c) => prefix.every((p, i) => c.key[i] === p))
            .sort((a, b) => Ports.ReadModels.compareKeys(a.key, b.key))
        )
      )

    const readModels: Ports.ReadModels.ReadModels.Service = {
      get: (table, key) =>
        sql`SELECT tbl, key, data, i0, i1, i2, i3 FROM cityhall_rows WHERE tbl = ${table} AND key = ${key}`.pipe(
          Effect.mapError(toStorageError("get")),
          Effect.flatMap((rows) =>
            rows[0] === undefined ? Effect.succeed(Option.none()) : Effect.map(decodeRowRow(rows[0]), Option.some)
          )
        ),
      query: (table, q) => {
        const invalid = Ports.ReadModels.checkQuery(table, q)
        if (invalid !== undefined) return Effect.fail(invalid)
        return selectRows(sql, table, q).pipe(
          Effect.mapError(toStorageError("query")),
          Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeRowRow(r)))
        )
      },
      counters: (counter, prefix = []) => readCounters(counter, prefix),
      write: (writes) =>
        typedTransaction("write", sql.withTransaction(applyWrites(writes, "write"))).pipe(
          Effect.catchTag("SqlError", (e) => Effect.fail(toStorageError("write")(e)))
        ),
      clear: ({ counters, tables }) =>
        sql
          .withTransaction(
            Effect.zipRight(
              tables.length > 0 ? sql`DELETE FROM cityhall_rows WHERE tbl IN ${sql.in(tables)}` : Effect.void,
              counters.length > 0 ? sql`DELETE FROM cityhall_counters WHERE name IN ${sql.in(counters)}` : Effect.void
            )
          )
          .pipe(Effect.asVoid, Effect.mapError(toStorageError("clear")), (e) => typedTransaction("clear", e)),
      snapshot: Effect.gen(function* () {
        const rowRows = yield* sql`SELECT tbl, key, data, i0, i1, i2, i3 FROM cityhall_rows`.pipe(
          Effect.mapError(toStorageError("snapshot"))
        )
        const rows = new Map<string, Map<string, Ports.ReadModels.StoredRow>>()
        for (const raw of rowRows) {
          const r = yield* decodeRowRow(raw)
          const t = rows.get(r.table) ?? new Map<string, Ports.ReadModels.StoredRow>()
          t.set(r.key, r)
          rows.set(r.table, t)
        }
        const counterRows = yield* sql`SELECT name, key, value FROM cityhall_counters`.pipe(
          Effect.mapError(toStorageError("snapshot"))
        )
        const counters = new Map<string, Map<string, number>>()
        for (const raw of counterRows) {
          const c = yield* Schema.decodeUnknown(CounterRow)(raw).pipe(
            Effect.mapError(
              (e) =>
                new Ports.Errors.StorageError({
                  reason: "Query",
                  operation: "snapshot",
                  message: ParseResult.TreeFormatter.formatErrorSync(e)
                })
            )
          )
          const m = counters.get(c.name) ?? new Map<string, number>()
          m.set(c.key, c.value)
          counters.set(c.name, m)
        }
        const snapshot: Ports.ReadModels.Snapshot = { rows, counters }
        return snapshot
      })
    }

    const search: Ports.Search.Search.Service = {
      search: (table, q) => {
        const invalid = Ports.ReadModels.checkQuery(table, q.where !== undefined ? { where: q.where } : {})
        if (invalid !== undefined) return Effect.fail(invalid)
        const why = Ports.Search.checkSearch(q)
        if (why !== undefined)
          return Effect.fail(new Ports.Errors.InvalidQuery({ table, field: "terms", message: why }))
        return selectSearch(sql, table, q).pipe(
          Effect.mapError(toStorageError("search")),
          Effect.flatMap((rows) => Effect.forEach(rows, (r) => decodeRowRow(r))),
          Effect.map((rows) => {
            if (isPg) return rows
            // the trigram candidates contain every term; the exact-word rule decides
            const found = rows.filter((r) => Ports.Search.matches(r.data, q))
            return q.limit === undefined ? found : found.slice(0, q.limit)
          })
        )
      }
    }

    const checkpoint = (relay: string) =>
      sql<{ readonly position: unknown }>`SELECT position FROM cityhall_relays WHERE relay = ${relay}`.pipe(
        Effect.map((rows) => (rows[0] === undefined ? 0 : Number(rows[0].position))),
        Effect.mapError(toStorageError("checkpoint"))
      )

    const leaseByLock = (relay: string): Effect.Effect<boolean, Ports.Errors.StorageError, Scope.Scope> =>
      Effect.gen(function* () {
        const conn = yield* sql.reserve
        const lockKey = `/cityhall-relay/${relay}`
        const rows = yield* conn.execute(
          `SELECT pg_try_advisory_lock(hashtext(current_schema() || $1)) AS ok`,
          [lockKey],
          undefined
        )
        const first: unknown = rows[0]
        const ok = first !== null && typeof first === "object" && "ok" in first && first.ok === true
        if (ok) {
          yield* Effect.addFinalizer(() =>
            Effect.ignore(
              conn.execute(`SELECT pg_advisory_unlock(hashtext(current_schema() || $1))`, [lockKey], undefined)
            )
          )
        }
        return ok
      }).pipe(Effect.mapError(toStorageError("tryLease")))

    const leaseByRow = (relay: string): Effect.Effect<boolean, Ports.Errors.StorageError, Scope.Scope> =>
      Effect.gen(function* () {
        const holder = randomUUID()
        const now = Date.now()
        const taken = yield* sql.withTransaction(
          Effect.gen(function* () {
            yield* sql`INSERT INTO cityhall_relays (relay, position) VALUES (${relay}, 0) ON CONFLICT (relay) DO NOTHING`
            return yield* sql`UPDATE cityhall_relays SET holder = ${holder}, lease_until = ${now + leaseMillis}
              WHERE relay = ${relay} AND (holder IS NULL OR lease_until < ${now}) RETURNING relay`
          })
        )
        if (taken.length === 0) return false
        yield* Effect.addFinalizer(() =>
          Effect.ignore(
            sql`UPDATE cityhall_relays SET holder = NULL, lease_until = NULL WHERE relay = ${relay} AND holder = ${holder}`
          )
        )
        return true
      }).pipe(Effect.mapError(toStorageError("tryLease")), (e) => typedTransaction("tryLease", e))

    const outbox: Ports.Outbox.Outbox.Service = {
      checkpoint,
      pending: (relay, limit) => Effect.flatMap(checkpoint(relay), (after) => readAll(after, limit, undefined)),
      acknowledge: (relay, position) =>
        sql`INSERT INTO cityhall_relays (relay, position) VALUES (${relay}, ${position})
            ON CONFLICT (relay) DO UPDATE SET position = CASE WHEN excluded.position > cityhall_relays.position
              THEN excluded.position ELSE cityhall_relays.position END`.pipe(
          Effect.asVoid,
          Effect.mapError(toStorageError("acknowledge"))
        ),
      tryLease: (relay) => (isPg ? leaseByLock(relay) : leaseByRow(relay))
    }

    const maintenance: Ports.EventStore.Maintenance.Service = {
      reset: sql
        .withTransaction(
          Effect.forEach(
            [
              sql`DELETE FROM cityhall_events`,
              sql`DELETE FROM cityhall_streams`,
              sql`DELETE FROM cityhall_idempotency`,
              sql`DELETE FROM cityhall_rows`,
              sql`DELETE FROM cityhall_counters`,
              sql`DELETE FROM cityhall_relays`,
              sql`UPDATE cityhall_head SET position = 0 WHERE id = 1`
            ],
            (s) => s,
            { discard: true }
          )
        )
        .pipe(Effect.mapError(toStorageError("reset")), (e) => typedTransaction("reset", e))
    }

    return { store, readModels, outbox, maintenance, search }
  })

const services = (m: Effect.Effect.Success<ReturnType<typeof make>>) =>
  Context.make(Ports.EventStore.EventStore, m.store)
    .pipe(Context.add(Ports.ReadModels.ReadModels, m.readModels))
    .pipe(Context.add(Ports.Outbox.Outbox, m.outbox))
    .pipe(Context.add(Ports.EventStore.Maintenance, m.maintenance))
    .pipe(Context.add(Ports.Search.Search, m.search))

/** The services, with the event store under group commit when the options ask for it (its writer lives in the scope). */
const withGroupCommit = (m: Effect.Effect.Success<ReturnType<typeof make>>, options: SqlStoreOptions) => {
  const group = options.groupCommit
  if (group === undefined || group === false) return Effect.succeed(services(m))
  return Effect.map(Ports.GroupCommit.make(m.store, group === true ? {} : group), (store) => services({ ...m, store }))
}

/** Fails when a migration is pending, naming them and the command that applies them. */
const checkMigrations = Effect.flatMap(pending, (ids) =>
  ids.length === 0
    ? Effect.void
    : Effect.fail(
        new Ports.Errors.StorageError({
          reason: "Migration",
          operation: "open",
          message: `the store's schema is not current: migration${ids.length === 1 ? "" : "s"} ${ids.join(", ")} pending; run 'cityhall migrate' first`
        })
      )
)

/** The SQL store over the `SqlClient` in context: runs (or checks) the migrations, then provides the ports. */
export const layer = (
  options: SqlStoreOptions = {}
): Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search,
  Ports.Errors.StorageError,
  SqlClient.SqlClient
> =>
  Layer.scopedContext(
    Effect.gen(function* () {
      yield* options.migrations === "check" ? checkMigrations : migrate
      return yield* withGroupCommit(yield* make(options), options)
    })
  )

/**
 * The SQL store with fault injection between the statements of an append (for tests); with
 * `groupCommit`, the faults fire inside the group's (or a lone member's) transaction.
 */
export const layerWithFaults = (
  options: SqlStoreOptions = {}
): Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search
  | SqlFaults,
  Ports.Errors.StorageError,
  SqlClient.SqlClient
> =>
  Layer.scopedContext(
    Effect.gen(function* () {
      yield* migrate
      const armed = yield* Ref.make(Option.none<string>())
      const m = yield* make({ ...options, faults: armed })
      return (yield* withGroupCommit(m, options)).pipe(
        Context.add(SqlFaults, {
          arm: (point: string) => Ref.set(armed, Option.some(point)),
          disarm: Ref.set(armed, Option.none())
        })
      )
    })
  )

/** The conformance kit's fault hooks for a {@link layerWithFaults} store. */
export const conformanceFaults = {
  points: faultPoints,
  arm: (point: string) => Effect.flatMap(SqlFaults, (f) => f.arm(point)),
  disarm: Effect.flatMap(SqlFaults, (f) => f.disarm)
}

/** Replaces the stored JSON text of an event's payload (a test hook for the conformance kit). */
export const corruptEvent = (
  stream: Ports.EventStore.StreamRef,
  version: number,
  payloadText: string
): Effect.Effect<void, Ports.Errors.StorageError, SqlClient.SqlClient> =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql`UPDATE cityhall_events SET payload = ${payloadText} WHERE category = ${stream.category} AND stream_id = ${stream.id} AND version = ${version}`
  ).pipe(Effect.asVoid, Effect.mapError(toStorageError("corruptEvent")))
