/**
 * Read models as projections defined in the core: pure functions from a
 * stored event (with the aggregate's state before and after it) to updates
 * of keyed rows in named tables and increments of named counters.
 *
 * A {@link Table} is a name, a row Schema and up to four indexed fields of
 * the encoded row (strings or null); a {@link Counter} is a name and its
 * dimensions. Adapters store both generically, with an index for every
 * indexed field, so a new query needs no adapter code.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ports } from "cityhall"
 *
 * const Accounts = Ports.Projection.table({
 *   name: "accounts",
 *   schema: Schema.Struct({ owner: Schema.String, status: Schema.String, month: Schema.String }),
 *   indexed: ["status", "month"]
 * })
 * const Movements = Ports.Projection.counter({ name: "movements", dimensions: ["month", "kind"] })
 *
 * const updates = [
 *   Ports.Projection.upsert(Accounts, "L-1", { owner: "x", status: "open", month: "2021-03" }),
 *   Ports.Projection.increment(Movements, { month: "2021-03", kind: "deposit" }, 100)
 * ]
 * ```
 *
 * @module
 */
import * as Decode from "../kernel/Decode.js"
import { Effect, Either, Option, ParseResult, Schema } from "effect"
import { CorruptRow, EncodeError, InvalidQuery, type StorageError } from "./Errors.js"
import type { StreamRef } from "./EventStore.js"
import {
  type CounterIncrement,
  type Condition,
  type IndexValues,
  indexSlots,
  ReadModels,
  type RowDelete,
  type RowQuery,
  type RowUpsert,
  type StoredRow,
  type Write
} from "./ReadModels.js"

/** The keys of an encoded row whose values are strings (or null/absent): the fields that can be indexed. */
export type IndexableField<I> = {
  [K in keyof I]-?: [Exclude<I[K], null | undefined>] extends [string] ? K : never
}[keyof I] &
  string

/** A read-model table: rows of type `A` (encoded as `I`), with indexed fields `F`. */
export interface Table<A, I, F extends string> {
  readonly name: string
  readonly schema: Schema.Schema<A, I>
  /** At most four fields; their order gives the storage slots. */
  readonly indexed: ReadonlyArray<F>
}

/**
 * Defines a table. At most four indexed fields; index slot 1 (the second
 * field) is the one combined with every other field in an index, so put the
 * field you filter by range or order by (a day, a month) second.
 */
export const table = <A, I, const F extends ReadonlyArray<IndexableField<I>>>(options: {
  readonly name: string
  readonly schema: Schema.Schema<A, I>
  readonly indexed: F
}): Table<A, I, F[number]> => ({
  name: options.name,
  schema: options.schema,
  indexed: options.indexed.slice(0, indexSlots)
})

/** A named counter with ordered dimensions `D`. */
export interface Counter<D extends string> {
  readonly name: string
  readonly dimensions: ReadonlyArray<D>
}

/** Defines a counter; put the dimension you read by (the month) first. */
export const counter = <const D extends ReadonlyArray<string>>(options: {
  readonly name: string
  readonly dimensions: D
}): Counter<D[number]> => ({ name: options.name, dimensions: options.dimensions })

/** A row upsert whose encoding is done when the update is compiled (so encoding failures are typed). */
export interface PendingUpsert {
  readonly _tag: "PendingUpsert"
  readonly table: string
  readonly key: string
  readonly encode: () => Either.Either<RowUpsert, EncodeError>
}

/** What a projection answers for one event. */
export type Update = PendingUpsert | RowDelete | CounterIncrement

const encodeFailure = (what: "event" | "row" | "command", name: string, cause: unknown): EncodeError =>
  new EncodeError({
    what,
    name,
    message: ParseResult.isParseError(cause)
      ? ParseResult.TreeFormatter.formatErrorSync(cause)
      : cause instanceof Error
        ? cause.message
        : String(cause)
  })

/** Encodes with a schema; a failing or throwing encoder is an {@link EncodeError}. */
export const encodeWith = <A, I>(
  schema: Schema.Schema<A, I>,
  what: "event" | "row" | "command",
  name: string,
  value: A
): Either.Either<I, EncodeError> => {
  try {
    return Either.mapLeft(Schema.encodeEither(schema)(value), (e) => encodeFailure(what, name, e))
  } catch (cause) {
    return Either.left(encodeFailure(what, name, cause))
  }
}

const indexValues = (fields: ReadonlyArray<string>, encoded: unknown): IndexValues => {
  const record: Readonly<Record<string, unknown>> =
    encoded !== null && typeof encoded === "object" ? (encoded as Readonly<Record<string, unknown>>) : {}
  const at = (i: number): string | null => {
    const f = fields[i]
    if (f === undefined) return null
    const v = record[f]
    return typeof v === "string" ? v : null
  }
  return [at(0), at(1), at(2), at(3)]
}

// Successful encodings per schema and row object: a projection often writes one row value to
// several tables of the same schema (rows are immutable data, so the encoding cannot change).
const encoded = new WeakMap<object, WeakMap<object, unknown>>()

const encodeRow = <A, I>(schema: Schema.Schema<A, I>, name: string, row: A): Either.Either<I, EncodeError> => {
  if (row === null || typeof row !== "object") return encodeWith(schema, "row", name, row)
  let bySchema = encoded.get(schema)
  if (bySchema === undefined) {
    bySchema = new WeakMap()
    encoded.set(schema, bySchema)
  }
  if (bySchema.has(row)) return Either.right(bySchema.get(row) as I)
  const result = encodeWith(schema, "row", name, row)
  if (Either.isRight(result)) bySchema.set(row, result.right)
  return result
}

/** Inserts or replaces the row at `key`. */
export const upsert = <A, I, F extends string>(table: Table<A, I, F>, key: string, row: NoInfer<A>): PendingUpsert => ({
  _tag: "PendingUpsert",
  table: table.name,
  key,
  encode: () =>
    Either.map(
      encodeRow(table.schema, `${table.name}/${key}`, row),
      (data): RowUpsert => ({
        _tag: "RowUpsert",
        table: table.name,
        key,
        data,
        index: indexValues(table.indexed, data)
      })
    )
})

/** Deletes the row at `key`. */
export const remove = <A, I, F extends string>(table: Table<A, I, F>, key: string): RowDelete => ({
  _tag: "RowDelete",
  table: table.name,
  key
})

/** Adds `delta` (default 1) to a counter at the given dimension values. */
export const increment = <D extends string>(
  counter: Counter<D>,
  dimensions: { readonly [K in D]: string },
  delta = 1
): CounterIncrement => ({
  _tag: "CounterIncrement",
  counter: counter.name,
  key: counter.dimensions.map((d) => dimensions[d]),
  delta
})

/** An event with its place in the log, as a projection sees it. */
export interface Envelope<E> {
  readonly eventId: string
  readonly stream: StreamRef
  readonly version: number
  readonly type: string
  readonly event: E
  /** ISO-8601 instant. */
  readonly recordedAt: string
}

/** One event and the aggregate's state before and after it. */
export interface Change<E, S> {
  readonly envelope: Envelope<E>
  readonly before: S
  readonly after: S
}

/** A projection: the tables and counters it owns and the pure function that maintains them. */
export interface Projection<E, S> {
  readonly name: string
  readonly tables: ReadonlyArray<{ readonly name: string }>
  readonly counters: ReadonlyArray<{ readonly name: string }>
  readonly project: (change: Change<E, S>) => ReadonlyArray<Update>
}

/** Defines a projection (an identity function that fixes the types). */
export const make = <E, S>(projection: Projection<E, S>): Projection<E, S> => projection

/** Compiles updates to storage writes (encoding the rows). */
export const compile = (updates: ReadonlyArray<Update>): Either.Either<ReadonlyArray<Write>, EncodeError> => {
  const out: Array<Write> = []
  for (const u of updates) {
    if (u._tag === "PendingUpsert") {
      const w = u.encode()
      if (Either.isLeft(w)) return Either.left(w.left)
      out.push(w.right)
    } else {
      out.push(u)
    }
  }
  return Either.right(out)
}

/**
 * Compiles the updates of successive appends that are written in ONE
 * transaction (an import's history of a record), one list of writes per
 * append: as {@link compile} of each, except that a row's upsert or delete
 * that a later update of the same lists writes again is left out (never
 * encoded). A transaction keeps only the last write of a row (the stores
 * coalesce a call's writes: per row the last wins), so what is stored is the
 * same; counters are all kept (their deltas add up). A row that does not
 * encode fails naming the append it is in.
 */
export const compileLatest = (
  appends: ReadonlyArray<ReadonlyArray<Update>>
): Either.Either<ReadonlyArray<ReadonlyArray<Write>>, { readonly append: number; readonly error: EncodeError }> => {
  const written = new Set<string>()
  const kept: Array<Array<Update>> = []
  for (let a = appends.length - 1; a >= 0; a--) {
    const updates = appends[a]!
    const keep: Array<Update> = []
    for (let u = updates.length - 1; u >= 0; u--) {
      const update = updates[u]!
      if (update._tag !== "CounterIncrement") {
        const row = `${update.table}\u0000${update.key}`
        if (written.has(row)) continue
        written.add(row)
      }
      keep.push(update)
    }
    kept.push(keep.reverse())
  }
  const out: Array<ReadonlyArray<Write>> = []
  for (let a = kept.length - 1; a >= 0; a--) {
    const compiled = compile(kept[a]!)
    if (Either.isLeft(compiled)) return Either.left({ append: kept.length - 1 - a, error: compiled.left })
    out.push(compiled.right)
  }
  return Either.right(out)
}

// ---------------------------------------------------------------------------
// Typed reads

/** A condition on one indexed field. */
export type FieldCondition =
  | string
  | null
  | { readonly gte?: string; readonly gt?: string; readonly lte?: string; readonly lt?: string }

/**
 * A typed query over a table's indexed fields: conditions (AND) on indexed
 * fields, the order (an indexed field, then the key), rows after a key, and
 * at most `limit` rows (a positive integer).
 */
export interface Query<F extends string> {
  readonly where?: { readonly [K in F]?: FieldCondition }
  readonly orderBy?: F
  readonly afterKey?: string
  readonly limit?: number
}

const bounds: ReadonlyArray<string> = ["gte", "gt", "lte", "lt"]

// a value as a message shows it (never throws, never prints a whole object)
const show = (v: unknown): string =>
  typeof v === "string"
    ? JSON.stringify(v)
    : v === null || (typeof v !== "object" && typeof v !== "function")
      ? String(v)
      : Array.isArray(v)
        ? "an array"
        : `a ${typeof v}`

/**
 * The row query for a typed query, or the {@link InvalidQuery} naming the
 * first thing its caller got wrong (`field`: `where.<field>`, `orderBy`,
 * `afterKey`, `limit`): a condition on a field that is not indexed in the
 * table (it would be ignored and answer too many rows), a condition that is
 * not a string, null or string bounds, an order by a field that is not
 * indexed, a non-string `afterKey`, a limit that is not a positive integer
 * (at most `Number.MAX_SAFE_INTEGER`).
 */
export const toRowQuery = <A, I, F extends string>(
  table: Table<A, I, F>,
  q: Query<F>
): Either.Either<RowQuery, InvalidQuery> => {
  const bad = (field: string, value: unknown, why: string) =>
    Either.left(new InvalidQuery({ table: table.name, field, message: `${field} ${show(value)}: ${why}` }))
  if (q === null || typeof q !== "object") return bad("query", q, "a query is an object")
  const notIndexed = `not an indexed field of ${table.name} (${table.indexed.join(", ")})`
  const where: Array<Condition> = []
  const conditions: unknown = q.where
  if (conditions !== undefined) {
    if (conditions === null || typeof conditions !== "object" || Array.isArray(conditions))
      return bad("where", conditions, "conditions are an object of indexed fields")
    for (const [field, cond] of Object.entries(conditions as Readonly<Record<string, unknown>>)) {
      if (cond === undefined) continue
      const slot = (table.indexed as ReadonlyArray<string>).indexOf(field)
      if (slot < 0) return bad(`where.${field}`, cond, notIndexed)
      if (cond === null || typeof cond === "string") {
        where.push({ slot, op: "eq", value: cond })
        continue
      }
      if (typeof cond !== "object" || Array.isArray(cond))
        return bad(`where.${field}`, cond, "a condition is a string, null or bounds { gte, gt, lte, lt }")
      for (const [op, value] of Object.entries(cond as Readonly<Record<string, unknown>>)) {
        if (!bounds.includes(op)) return bad(`where.${field}.${op}`, value, "a bound is one of gte, gt, lte, lt")
        if (value === undefined) continue
        if (typeof value !== "string") return bad(`where.${field}.${op}`, value, "a bound is a string")
        where.push({ slot, op: op as "gte" | "gt" | "lte" | "lt", value })
      }
    }
  }
  const orderBy: unknown = q.orderBy
  const orderBySlot = typeof orderBy === "string" ? (table.indexed as ReadonlyArray<string>).indexOf(orderBy) : -1
  if (orderBy !== undefined && orderBySlot < 0) return bad("orderBy", orderBy, notIndexed)
  const afterKey: unknown = q.afterKey
  if (afterKey !== undefined && typeof afterKey !== "string") return bad("afterKey", afterKey, "a key is a string")
  const limit: unknown = q.limit
  if (limit !== undefined && !(typeof limit === "number" && Number.isSafeInteger(limit) && limit >= 1)) {
    return bad("limit", limit, `a limit is a positive integer (at most ${Number.MAX_SAFE_INTEGER})`)
  }
  return Either.right({
    where,
    ...(orderBy !== undefined ? { orderBySlot } : {}),
    ...(typeof afterKey === "string" ? { afterKey } : {}),
    ...(typeof limit === "number" ? { limit } : {})
  })
}

const decodeRow = <A, I, F extends string>(table: Table<A, I, F>, row: StoredRow): Either.Either<A, CorruptRow> =>
  Either.mapLeft(
    Decode.unknownEither(table.schema)(row.data),
    (e) => new CorruptRow({ table: table.name, key: row.key, message: ParseResult.TreeFormatter.formatErrorSync(e) })
  )

/** One decoded row, by key. */
export const get = <A, I, F extends string>(
  table: Table<A, I, F>,
  key: string
): Effect.Effect<Option.Option<A>, StorageError | CorruptRow, ReadModels> =>
  Effect.flatMap(ReadModels, (rm) => rm.get(table.name, key)).pipe(
    Effect.flatMap(
      Option.match({
        onNone: () => Effect.succeed(Option.none<A>()),
        onSome: (row) => Effect.map(decodeRow(table, row), Option.some)
      })
    )
  )

/**
 * Decoded rows matching a query on indexed fields, with their keys. A query
 * its caller got wrong (see {@link toRowQuery}) is an {@link InvalidQuery}
 * naming the field, refused before the store is asked; a failure of the
 * store stays a `StorageError`.
 */
export const query = <A, I, F extends string>(
  table: Table<A, I, F>,
  q: Query<F> = {}
): Effect.Effect<
  ReadonlyArray<{ readonly key: string; readonly row: A }>,
  StorageError | CorruptRow | InvalidQuery,
  ReadModels
> =>
  Either.match(toRowQuery(table, q), {
    onLeft: (e) => Effect.fail(e),
    onRight: (rowQuery) =>
      Effect.flatMap(ReadModels, (rm) => rm.query(table.name, rowQuery)).pipe(
        Effect.flatMap((rows) =>
          Effect.forEach(rows, (r) => Effect.map(decodeRow(table, r), (row) => ({ key: r.key, row })))
        )
      )
  })

/**
 * A counter's values, filtered by any dimensions given (the leading ones are
 * served by the index), as records of dimension -> value.
 */
export const read = <D extends string>(
  counter: Counter<D>,
  filter: { readonly [K in D]?: string } = {}
): Effect.Effect<
  ReadonlyArray<{ readonly dimensions: { readonly [K in D]: string }; readonly value: number }>,
  StorageError,
  ReadModels
> => {
  const prefix: Array<string> = []
  for (const d of counter.dimensions) {
    const v = filter[d]
    if (v === undefined) break
    prefix.push(v)
  }
  return Effect.map(
    Effect.flatMap(ReadModels, (rm) => rm.counters(counter.name, prefix)),
    (values) =>
      values
        .map((c) => {
          const dimensions = {} as { [K in D]: string }
          counter.dimensions.forEach((d, i) => {
            dimensions[d] = c.key[i] ?? ""
          })
          return { dimensions, value: c.value }
        })
        .filter((c) => counter.dimensions.every((d) => filter[d] === undefined || filter[d] === c.dimensions[d]))
  )
}

/** The sum of a counter's values matching the filter. */
export const total = <D extends string>(
  counter: Counter<D>,
  filter: { readonly [K in D]?: string } = {}
): Effect.Effect<number, StorageError, ReadModels> =>
  Effect.map(read(counter, filter), (vs) => vs.reduce((n, v) => n + v.value, 0))
