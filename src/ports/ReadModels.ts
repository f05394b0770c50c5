/**
 * The read-model port: generic keyed rows (a JSON document in a named table
 * with up to four indexed string fields) and named counters (dimension
 * values -> a number). Projections in the core compute {@link Write}s; an
 * adapter only stores them, so a new query needs no new adapter code.
 *
 * This module also holds the reference semantics of writes and queries as
 * pure functions over a {@link Snapshot}: the memory adapter and the
 * conformance model use them, and every adapter must agree with them.
 *
 * Ordering of strings everywhere is by Unicode code point (= UTF-8 bytes;
 * `COLLATE "C"` in PostgreSQL, `BINARY` in SQLite).
 *
 * @example
 * ```ts
 * import { Ports } from "cityhall"
 *
 * const snapshot = Ports.ReadModels.applyWrites(Ports.ReadModels.emptySnapshot, [
 *   { _tag: "RowUpsert", table: "accounts", key: "L-1", data: { owner: "x" }, index: ["open", null, null, null] },
 *   { _tag: "CounterIncrement", counter: "opened", key: ["2021-03"], delta: 1 }
 * ])
 * ```
 *
 * @module
 */
import { Context, type Effect, type Option } from "effect"
import { type CorruptRow, InvalidQuery, type StorageError } from "./Errors.js"

/** The number of indexed fields a row may have. */
export const indexSlots = 4

/** The values of a row's indexed fields, by slot (a missing field is `null`). */
export type IndexValues = readonly [string | null, string | null, string | null, string | null]

/** Insert or replace a row. */
export interface RowUpsert {
  readonly _tag: "RowUpsert"
  readonly table: string
  readonly key: string
  /** The row encoded to JSON-compatible data. */
  readonly data: unknown
  readonly index: IndexValues
}

/** Delete a row (no-op when absent). */
export interface RowDelete {
  readonly _tag: "RowDelete"
  readonly table: string
  readonly key: string
}

/** Add `delta` to a counter at a key (the dimension values in the counter's order); absent counts as 0. */
export interface CounterIncrement {
  readonly _tag: "CounterIncrement"
  readonly counter: string
  readonly key: ReadonlyArray<string>
  readonly delta: number
}

/** One storage-level read-model write. */
export type Write = RowUpsert | RowDelete | CounterIncrement

/** A stored row. */
export interface StoredRow {
  readonly table: string
  readonly key: string
  readonly data: unknown
  readonly index: IndexValues
}

/** A condition on one indexed slot. */
export type Condition =
  | { readonly slot: number; readonly op: "eq"; readonly value: string | null }
  | { readonly slot: number; readonly op: "gte" | "gt" | "lte" | "lt"; readonly value: string }

/** A row query: conditions combined with AND; results ordered by the slot (if given) then the key. */
export interface RowQuery {
  readonly where?: ReadonlyArray<Condition>
  readonly orderBySlot?: number
  /** Only rows whose key is greater than this (paging by key when no `orderBySlot`). */
  readonly afterKey?: string
  readonly limit?: number
}

/** A counter's value at a key. */
export interface CounterValue {
  readonly key: ReadonlyArray<string>
  readonly value: number
}

/** All rows and counters (for tests, exports and rebuild checks). */
export interface Snapshot {
  /** table -> key -> row */
  readonly rows: ReadonlyMap<string, ReadonlyMap<string, StoredRow>>
  /** counter -> JSON of the key -> value */
  readonly counters: ReadonlyMap<string, ReadonlyMap<string, number>>
}

/** The read-model port. */
export declare namespace ReadModels {
  /** The operations an adapter provides. */
  export interface Service {
    /** One row by key. */
    readonly get: (table: string, key: string) => Effect.Effect<Option.Option<StoredRow>, StorageError | CorruptRow>
    /** Rows matching a query (served by an index); a query {@link checkQuery} refuses is an `InvalidQuery`. */
    readonly query: (
      table: string,
      query: RowQuery
    ) => Effect.Effect<ReadonlyArray<StoredRow>, StorageError | CorruptRow | InvalidQuery>
    /** A counter's values whose key starts with `prefix` (all when empty), ordered by key. */
    readonly counters: (
      counter: string,
      prefix?: ReadonlyArray<string>
    ) => Effect.Effect<ReadonlyArray<CounterValue>, StorageError>
    /** Applies writes in one transaction (rebuilds; appends pass their writes to the event store instead). */
    readonly write: (writes: ReadonlyArray<Write>) => Effect.Effect<void, StorageError>
    /** Deletes every row of the tables and every value of the counters. */
    readonly clear: (scope: {
      readonly tables: ReadonlyArray<string>
      readonly counters: ReadonlyArray<string>
    }) => Effect.Effect<void, StorageError>
    /** Everything, for comparisons. */
    readonly snapshot: Effect.Effect<Snapshot, StorageError | CorruptRow>
  }
}

/** The read-model service. */
export class ReadModels extends Context.Tag("cityhall/ports/ReadModels")<ReadModels, ReadModels.Service>() {}

// ---------------------------------------------------------------------------
// Reference semantics

/** The empty snapshot. */
export const emptySnapshot: Snapshot = { rows: new Map(), counters: new Map() }

/** Compares strings by Unicode code point (the storage order). */
export const compareStrings = (a: string, b: string): number => {
  if (a === b) return 0
  const ia = a[Symbol.iterator]()
  const ib = b[Symbol.iterator]()
  for (;;) {
    const x = ia.next()
    const y = ib.next()
    if (x.done) return y.done ? 0 : -1
    if (y.done) return 1
    const cx = x.value.codePointAt(0) ?? 0
    const cy = y.value.codePointAt(0) ?? 0
    if (cx !== cy) return cx < cy ? -1 : 1
  }
}

/** The storage form of a counter key. */
export const counterKeyString = (key: ReadonlyArray<string>): string => JSON.stringify(key)

/**
 * Coalesces writes to their net effect, in a canonical order: per row the
 * last upsert or delete wins; per counter key the deltas are summed. Applying
 * the result equals applying the writes one by one.
 */
export const coalesce = (
  writes: ReadonlyArray<Write>
): {
  readonly rows: ReadonlyArray<RowUpsert | RowDelete>
  readonly counters: ReadonlyArray<CounterIncrement>
} => {
  const rows = new Map<string, RowUpsert | RowDelete>()
  const counters = new Map<string, CounterIncrement>()
  for (const w of writes) {
    if (w._tag === "CounterIncrement") {
      const id = `${w.counter.length}:${w.counter}${counterKeyString(w.key)}`
      const prev = counters.get(id)
      counters.set(id, prev === undefined ? w : { ...prev, delta: prev.delta + w.delta })
    } else {
      const id = `${w.table.length}:${w.table}${w.key}`
      rows.delete(id)
      rows.set(id, w)
    }
  }
  return { rows: [...rows.values()], counters: [...counters.values()] }
}

/** Applies writes to a snapshot (pure; the input is not changed). */
export const applyWrites = (snapshot: Snapshot, writes: ReadonlyArray<Write>): Snapshot => {
  const rows = new Map<string, Map<string, StoredRow>>()
  for (const [t, m] of snapshot.rows) rows.set(t, new Map(m))
  const counters = new Map<string, Map<string, number>>()
  for (const [c, m] of snapshot.counters) counters.set(c, new Map(m))
  for (const w of writes) {
    switch (w._tag) {
      case "RowUpsert": {
        const table = rows.get(w.table) ?? new Map<string, StoredRow>()
        table.set(w.key, { table: w.table, key: w.key, data: w.data, index: w.index })
        rows.set(w.table, table)
        break
      }
      case "RowDelete": {
        rows.get(w.table)?.delete(w.key)
        break
      }
      case "CounterIncrement": {
        const counter = counters.get(w.counter) ?? new Map<string, number>()
        const k = counterKeyString(w.key)
        counter.set(k, (counter.get(k) ?? 0) + w.delta)
        counters.set(w.counter, counter)
        break
      }
    }
  }
  return { rows, counters }
}

const matches = (row: StoredRow, c: Condition): boolean => {
  const v = row.index[c.slot] ?? null
  if (c.op === "eq") return v === c.value
  if (v === null) return false
  const cmp = compareStrings(v, c.value)
  switch (c.op) {
    case "gt":
      return cmp > 0
    case "gte":
      return cmp >= 0
    case "lt":
      return cmp < 0
    case "lte":
      return cmp <= 0
  }
}

/** Orders rows by a slot (nulls first) then by key. */
export const compareRows =
  (orderBySlot: number | undefined) =>
  (a: StoredRow, b: StoredRow): number => {
    if (orderBySlot !== undefined) {
      const x = a.index[orderBySlot] ?? null
      const y = b.index[orderBySlot] ?? null
      if (x !== y) {
        if (x === null) return -1
        if (y === null) return 1
        const c = compareStrings(x, y)
        if (c !== 0) return c
      }
    }
    return compareStrings(a.key, b.key)
  }

const isSlot = (n: number): boolean => Number.isInteger(n) && n >= 0 && n < indexSlots

/**
 * Checks a row query before any adapter runs it: every slot (of a condition
 * or of the order) an integer in `0..3`, a limit a non-negative safe integer
 * (one every store can bind). Answers the `InvalidQuery` naming the first
 * problem (its `field`: `where`, `orderBySlot`, `limit`), or undefined.
 */
export const checkQuery = (table: string, query: RowQuery): InvalidQuery | undefined => {
  const bad = (field: string, message: string) => new InvalidQuery({ table, field, message })
  for (const c of query.where ?? []) {
    if (!isSlot(c.slot))
      return bad("where", `slot ${c.slot} of a condition: the indexed slots are 0..${indexSlots - 1}`)
    const op: unknown = c.op
    const value: unknown = c.value
    if (
      op === "eq"
        ? !(typeof value === "string" || value === null)
        : op === "gte" || op === "gt" || op === "lte" || op === "lt"
          ? typeof value !== "string"
          : true
    ) {
      return bad(
        "where",
        `a condition on slot ${c.slot}: ${String(op)} needs a string value${op === "eq" ? " or null" : ""} (ops: eq, gte, gt, lte, lt)`
      )
    }
  }
  if (query.afterKey !== undefined && typeof (query.afterKey as unknown) !== "string")
    return bad("afterKey", "afterKey: a row key is a string")
  if (query.orderBySlot !== undefined && !isSlot(query.orderBySlot)) {
    return bad("orderBySlot", `order by slot ${query.orderBySlot}: the indexed slots are 0..${indexSlots - 1}`)
  }
  if (query.limit !== undefined && !(Number.isSafeInteger(query.limit) && query.limit >= 0)) {
    return bad("limit", `limit ${query.limit}: a limit is a non-negative integer (at most ${Number.MAX_SAFE_INTEGER})`)
  }
  return undefined
}

/** Evaluates a row query over a snapshot (a query {@link checkQuery} accepts). */
export const queryRows = (snapshot: Snapshot, table: string, query: RowQuery): ReadonlyArray<StoredRow> => {
  const all = [...(snapshot.rows.get(table)?.values() ?? [])]
  const afterKey = query.afterKey
  const selected = all
    .filter((r) => (query.where ?? []).every((c) => matches(r, c)))
    .filter((r) => afterKey === undefined || compareStrings(r.key, afterKey) > 0)
    .sort(compareRows(query.orderBySlot))
  return query.limit === undefined ? selected : selected.slice(0, query.limit)
}

/** A counter's values with a key prefix, ordered by key. */
export const readCounter = (
  snapshot: Snapshot,
  counter: string,
  prefix: ReadonlyArray<string> = []
): ReadonlyArray<CounterValue> =>
  [...(snapshot.counters.get(counter)?.entries() ?? [])]
    .map(([k, value]): CounterValue => ({ key: JSON.parse(k) as ReadonlyArray<string>, value }))
    .filter((c) => prefix.every((p, i) => c.key[i] === p))
    .sort((a, b) => compareKeys(a.key, b.key))

/** Orders counter keys element by element. */
export const compareKeys = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = compareStrings(a[i] ?? "", b[i] ?? "")
    if (c !== 0) return c
  }
  return a.length - b.length
}

/**
 * A canonical, comparable form of a snapshot: rows as sorted `[table, key,
 * JSON, index]`, counters as sorted `[counter, key, value]` without zeros.
 */
export const normalise = (
  snapshot: Snapshot
): {
  readonly rows: ReadonlyArray<readonly [string, string, string, IndexValues]>
  readonly counters: ReadonlyArray<readonly [string, string, number]>
} => {
  const rows: Array<readonly [string, string, string, IndexValues]> = []
  for (const [t, m] of snapshot.rows) for (const [k, r] of m) rows.push([t, k, canonicalJson(r.data), r.index])
  rows.sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]))
  const counters: Array<readonly [string, string, number]> = []
  for (const [c, m] of snapshot.counters) for (const [k, v] of m) if (v !== 0) counters.push([c, k, v])
  counters.sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]))
  return { rows, counters }
}

/** JSON with object keys sorted, so that equal data has equal text. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value))

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k])
    return out
  }
  return value
}
