/**
 * A storage adapter for Redis, written only against cityhall's public
 * entry points: it implements the four port services of
 * `docs/adapters.md` and passes the conformance kit (`cityhall/testing`).
 * It is the tutorial's code, not part of the package.
 *
 * - an append (and `ReadModels.write`) is ONE Lua script, so it is atomic;
 * - events, versions, idempotency keys, rows and counters are hashes under
 *   one key prefix (see `scripts.ts`);
 * - queries and counter reads fetch a table's rows (a counter's values) and
 *   answer with the reference semantics `Ports.ReadModels.queryRows` /
 *   `readCounter`: right for read models of a few thousand rows; a larger
 *   store would keep one sorted set per slot and ask it with ZRANGEBYLEX;
 * - a relay lease is a key set with NX and a time to live, renewed while
 *   its scope is open and deleted when it closes.
 *
 * @example
 * ```ts
 * import { Ports } from "cityhall"
 * import { Effect } from "effect"
 * import * as RedisStore from "./RedisStore.js"
 *
 * const head = Effect.flatMap(Ports.EventStore.EventStore, (store) => store.head).pipe(
 *   Effect.provide(RedisStore.layer({ url: "redis://127.0.0.1:6379", prefix: "city" }))
 * )
 * ```
 */
import { randomUUID } from "node:crypto"
import { Ports } from "cityhall"
import { Context, Duration, Effect, Layer, Option, Schedule } from "effect"
import { Redis } from "ioredis"
import * as Scripts from "./scripts.js"

type StorageError = Ports.Errors.StorageError
const { ConcurrencyConflict, CorruptEvent, CorruptRow, IdempotencyKeyConflict, StorageError } = Ports.Errors

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** `redis://host:port/db`. */
  readonly url: string
  /** Every key of the store starts with `<prefix>:` (letters, digits, `_`, `-`, `:`). */
  readonly prefix: string
  /** How long a relay lease lives without renewal, in ms (default 30 000; renewed every third of it). */
  readonly leaseMillis?: number
}

/** The services, the client and the prefix: what the test hooks need. */
interface Store {
  readonly redis: Redis
  readonly prefix: string
}

/** The test hooks of the Redis store (for the conformance kit's `supports`). */
export class RedisHooks extends Context.Tag("examples/redis-adapter/RedisHooks")<RedisHooks, Store>() {}

const reason = (e: unknown): Ports.Errors.StorageErrorReason => {
  const text = e instanceof Error ? e.message : String(e)
  return /ECONNREFUSED|ECONNRESET|Connection is closed|connect ETIMEDOUT|max retries/i.test(text)
    ? "Connection"
    : "Query"
}

/** A Redis call as an Effect whose failure is a typed StorageError (never a defect). */
const call = <A>(operation: string, f: () => Promise<A>): Effect.Effect<A, StorageError> =>
  Effect.tryPromise({
    try: f,
    catch: (cause) =>
      new StorageError({
        reason: reason(cause),
        operation,
        message: cause instanceof Error ? cause.message : String(cause),
        cause
      })
  })

/** JSON text of a value, or a StorageError "Constraint" (rule 6.1: nothing is written). */
const json = (value: unknown, operation: string): Effect.Effect<string, StorageError> => {
  try {
    const text = JSON.stringify(value)
    if (text !== undefined) return Effect.succeed(text)
  } catch {
    // falls through
  }
  return Effect.fail(new StorageError({ reason: "Constraint", operation, message: "the value is not JSON data" }))
}

const streamKey = (s: Ports.EventStore.StreamRef): string => JSON.stringify([s.category, s.id])

/** The writes of an append as the script takes them: coalesced (rule 2.3), rows and counters encoded. */
const encodeWrites = (writes: ReadonlyArray<Ports.ReadModels.Write>, operation: string) =>
  Effect.gen(function* () {
    const { counters, rows } = Ports.ReadModels.coalesce(writes)
    const encodedRows: Array<object> = []
    for (const w of rows) {
      encodedRows.push(
        w._tag === "RowDelete"
          ? { delete: true, table: w.table, key: w.key }
          : {
              table: w.table,
              key: w.key,
              value: JSON.stringify({ data: yield* json(w.data, operation), index: w.index })
            }
      )
    }
    return {
      rows: encodedRows,
      counters: counters.map((c) => ({
        name: c.counter,
        key: Ports.ReadModels.counterKeyString(c.key),
        delta: c.delta
      }))
    }
  })

/** A stored event record: version, category, stream id and the event's JSON. */
interface EventRecord {
  readonly v: number
  readonly c: string
  readonly s: string
  readonly b: string
}

const decodeEvent = (
  position: number,
  text: string
): Effect.Effect<Ports.EventStore.StoredEvent, Ports.Errors.CorruptEvent> => {
  let record: EventRecord | undefined
  try {
    record = JSON.parse(text) as EventRecord
    const body = JSON.parse(record.b) as {
      readonly eventId: string
      readonly type: string
      readonly payload: string
      readonly recordedAt: string
    }
    return Effect.succeed({
      position,
      eventId: body.eventId,
      category: record.c,
      streamId: record.s,
      version: record.v,
      type: body.type,
      payload: JSON.parse(body.payload) as unknown,
      recordedAt: body.recordedAt
    })
  } catch (cause) {
    // rule 11.2: a stored event that does not parse is a CorruptEvent naming its stream and version
    return Effect.fail(
      new CorruptEvent({
        stream: record === undefined ? "?" : Ports.EventStore.streamName({ category: record.c, id: record.s }),
        version: record?.v ?? 0,
        message: `the event is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`
      })
    )
  }
}

const decodeRow = (
  table: string,
  key: string,
  text: string
): Effect.Effect<Ports.ReadModels.StoredRow, Ports.Errors.CorruptRow> => {
  try {
    const stored = JSON.parse(text) as { readonly data: string; readonly index: Ports.ReadModels.IndexValues }
    return Effect.succeed({ table, key, data: JSON.parse(stored.data) as unknown, index: stored.index })
  } catch (cause) {
    return Effect.fail(
      new CorruptRow({
        table,
        key,
        message: `the row is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`
      })
    )
  }
}

/** Builds the four services over a connected client. */
const make = (store: Store, leaseMillis: number) => {
  const { prefix: p, redis } = store

  const appendMany = (
    batches: ReadonlyArray<Ports.EventStore.AppendBatch>,
    loose: ReadonlyArray<Ports.ReadModels.Write> = []
  ): Effect.Effect<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError> =>
    Effect.gen(function* () {
      const operation = batches.length > 0 ? "append" : "write"
      const encoded: Array<object> = []
      for (const b of batches) {
        const events: Array<object> = []
        for (const e of b.events) {
          const payload = yield* json(e.payload, operation)
          const body = JSON.stringify({ eventId: e.eventId, type: e.type, payload, recordedAt: e.recordedAt })
          events.push({ id: e.eventId, body })
        }
        encoded.push({
          name: Ports.EventStore.streamName(b.stream),
          category: b.stream.category,
          streamId: b.stream.id,
          sk: streamKey(b.stream),
          expected: b.expectedVersion,
          ...(b.idempotencyKey !== undefined ? { key: b.idempotencyKey } : {}),
          events,
          writes: yield* encodeWrites(b.writes ?? [], operation)
        })
      }
      const args = [p, JSON.stringify(encoded), JSON.stringify(yield* encodeWrites(loose, operation))]
      const answer = JSON.parse(
        String(yield* call(operation, () => redis.eval(Scripts.append, 0, ...args)))
      ) as Readonly<Record<string, unknown>>
      switch (answer["error"]) {
        case undefined: {
          const results = answer["results"]
          return Array.isArray(results) ? (results as ReadonlyArray<Ports.EventStore.AppendResult>) : []
        }
        case "ConcurrencyConflict":
          return yield* new ConcurrencyConflict({
            stream: String(answer["stream"]),
            expected: Number(answer["expected"]),
            actual: Number(answer["actual"])
          })
        case "IdempotencyKeyConflict":
          return yield* new IdempotencyKeyConflict({
            key: String(answer["key"]),
            stream: String(answer["stream"]),
            firstStream: String(answer["firstStream"])
          })
        default:
          // rule 5.1: an event id already stored
          return yield* new StorageError({
            reason: "Constraint",
            operation,
            message: `event id ${String(answer["eventId"])} is already stored`
          })
      }
    })

  /** The events at these positions, in the order given. */
  const eventsAt = (positions: ReadonlyArray<number>, operation: string) =>
    Effect.gen(function* () {
      const out: Array<Ports.EventStore.StoredEvent> = []
      for (let i = 0; i < positions.length; i += 1000) {
        const part = positions.slice(i, i + 1000)
        const texts = yield* call(operation, () => redis.hmget(`${p}:events`, ...part.map(String)))
        for (let j = 0; j < part.length; j++) {
          const text = texts[j]
          if (text !== null && text !== undefined) out.push(yield* decodeEvent(part[j] ?? 0, text))
        }
      }
      return out
    })

  const head = Effect.map(
    call("head", () => redis.get(`${p}:head`)),
    (h) => Number(h ?? 0)
  )

  const readAll = (after: number, options: Ports.EventStore.ReadAllOptions = {}) =>
    Effect.gen(function* () {
      const limit = options.limit
      if (limit === 0) return []
      if (options.categories === undefined) {
        const last = yield* head
        const until = limit === undefined ? last : Math.min(last, after + limit)
        return yield* eventsAt(
          Array.from({ length: Math.max(0, until - after) }, (_, i) => after + i + 1),
          "readAll"
        )
      }
      const positions: Array<number> = []
      for (const category of options.categories) {
        const found = yield* call("readAll", () =>
          limit === undefined
            ? redis.zrangebyscore(`${p}:category:${category}`, `(${after}`, "+inf")
            : redis.zrangebyscore(`${p}:category:${category}`, `(${after}`, "+inf", "LIMIT", 0, limit)
        )
        for (const x of found) positions.push(Number(x))
      }
      positions.sort((a, b) => a - b)
      return yield* eventsAt(limit === undefined ? positions : positions.slice(0, limit), "readAll")
    })

  const version = (stream: Ports.EventStore.StreamRef) =>
    Effect.map(
      call("version", () => redis.hget(`${p}:versions`, streamKey(stream))),
      (v) => Number(v ?? 0)
    )

  const eventStore: Ports.EventStore.EventStore.Service = {
    append: (stream, expectedVersion, events, options = {}) =>
      Effect.map(
        appendMany([{ ...options, stream, expectedVersion, events }]),
        (rs) => rs[0] as Ports.EventStore.AppendResult
      ),
    appendMany: (batches) => appendMany(batches),
    version,
    read: (stream, options = {}) =>
      Effect.gen(function* () {
        const current = yield* version(stream)
        const from = Math.max(1, options.fromVersion ?? 1)
        const to = Math.min(current, options.toVersion ?? current) // both inclusive (rule 1.3)
        if (to < from) return []
        const versions = Array.from({ length: to - from + 1 }, (_, i) => String(from + i))
        const positions = yield* call("read", () => redis.hmget(`${p}:stream:${streamKey(stream)}`, ...versions))
        return yield* eventsAt(
          positions.flatMap((x) => (x === null ? [] : [Number(x)])),
          "read"
        )
      }),
    // stream by stream through read: simple, one round trip set per stream (a pipeline over all would save trips)
    readMany: (streams) => Effect.forEach(streams, (stream) => eventStore.read(stream)),
    readAll,
    head,
    idempotency: (key) =>
      Effect.map(
        call("idempotency", () => redis.hget(`${p}:keys`, key)),
        (text) =>
          text === null
            ? Option.none()
            : Option.some({ ...(JSON.parse(text) as Ports.EventStore.AppendResult), duplicate: false })
      )
  }

  const rowsOf = (table: string, operation: string) =>
    Effect.flatMap(
      call(operation, () => redis.hgetall(`${p}:rows:${table}`)),
      (hash) => Effect.forEach(Object.entries(hash), ([key, text]) => decodeRow(table, key, text))
    )
  const snapshotOfTable = (
    table: string,
    rows: ReadonlyArray<Ports.ReadModels.StoredRow>
  ): Ports.ReadModels.Snapshot => ({
    rows: new Map([[table, new Map(rows.map((r) => [r.key, r]))]]),
    counters: new Map()
  })
  const counterValues = (name: string, operation: string) =>
    Effect.map(
      call(operation, () => redis.hgetall(`${p}:counter:${name}`)),
      (hash) => new Map(Object.entries(hash).map(([k, v]) => [k, Number(v)]))
    )

  const readModels: Ports.ReadModels.ReadModels.Service = {
    get: (table, key) =>
      Effect.flatMap(
        call("get", () => redis.hget(`${p}:rows:${table}`, key)),
        (text) => (text === null ? Effect.succeed(Option.none()) : Effect.map(decodeRow(table, key, text), Option.some))
      ),
    query: (table, query) => {
      // rule 7.4: the same refusal as every adapter, before anything is read
      const invalid = Ports.ReadModels.checkQuery(table, query)
      if (invalid !== undefined) return Effect.fail(invalid)
      return Effect.map(rowsOf(table, "query"), (rows) =>
        Ports.ReadModels.queryRows(snapshotOfTable(table, rows), table, query)
      )
    },
    counters: (name, prefix = []) =>
      Effect.map(counterValues(name, "counters"), (values) =>
        Ports.ReadModels.readCounter({ rows: new Map(), counters: new Map([[name, values]]) }, name, prefix)
      ),
    write: (writes) => Effect.asVoid(appendMany([], writes)) as Effect.Effect<void, StorageError>,
    clear: ({ counters, tables }) =>
      Effect.asVoid(
        call("clear", () => {
          const m = redis.multi()
          for (const t of tables) m.del(`${p}:rows:${t}`).srem(`${p}:tables`, t)
          for (const c of counters) m.del(`${p}:counter:${c}`).srem(`${p}:counters`, c)
          return m.exec()
        })
      ),
    snapshot: Effect.gen(function* () {
      const rows = new Map<string, Map<string, Ports.ReadModels.StoredRow>>()
      for (const table of yield* call("snapshot", () => redis.smembers(`${p}:tables`))) {
        rows.set(table, new Map((yield* rowsOf(table, "snapshot")).map((r) => [r.key, r])))
      }
      const counters = new Map<string, Map<string, number>>()
      for (const name of yield* call("snapshot", () => redis.smembers(`${p}:counters`))) {
        counters.set(name, yield* counterValues(name, "snapshot"))
      }
      return { rows, counters }
    })
  }

  const checkpoint = (relay: string) =>
    Effect.map(
      call("checkpoint", () => redis.hget(`${p}:relays`, relay)),
      (c) => Number(c ?? 0)
    )

  const outbox: Ports.Outbox.Outbox.Service = {
    checkpoint,
    pending: (relay, limit) => Effect.flatMap(checkpoint(relay), (after) => readAll(after, { limit })),
    acknowledge: (relay, position) =>
      Effect.asVoid(
        call("acknowledge", () => redis.eval(Scripts.acknowledge, 1, `${p}:relays`, relay, String(position)))
      ),
    tryLease: (relay) =>
      Effect.gen(function* () {
        const key = `${p}:lease:${relay}`
        const token = randomUUID()
        const taken = yield* call("tryLease", () => redis.set(key, token, "PX", leaseMillis, "NX"))
        if (taken !== "OK") return false
        // renewed while the scope is open, deleted when it closes (rule 9.3)
        yield* Effect.forkScoped(
          Effect.repeat(
            call("tryLease", () => redis.eval(Scripts.renew, 1, key, token, String(leaseMillis))),
            Schedule.spaced(Duration.millis(Math.max(10, Math.floor(leaseMillis / 3))))
          ).pipe(Effect.ignore)
        )
        yield* Effect.addFinalizer(() =>
          Effect.ignore(call("tryLease", () => redis.eval(Scripts.release, 1, key, token)))
        )
        return true
      })
  }

  const maintenance: Ports.EventStore.Maintenance.Service = {
    // every key under the prefix (the pattern has no glob characters: the prefix is checked)
    reset: Effect.gen(function* () {
      let cursor = "0"
      do {
        const [next, keys] = yield* call("reset", () => redis.scan(cursor, "MATCH", `${p}:*`, "COUNT", 1000))
        if (keys.length > 0) yield* call("reset", () => redis.unlink(...keys))
        cursor = next
      } while (cursor !== "0")
    })
  }

  return Context.make(Ports.EventStore.EventStore, eventStore).pipe(
    Context.add(Ports.ReadModels.ReadModels, readModels),
    Context.add(Ports.Outbox.Outbox, outbox),
    Context.add(Ports.EventStore.Maintenance, maintenance)
  )
}

/** A connected client, closed with the scope. */
const connect = (options: RedisStoreOptions) =>
  Effect.acquireRelease(
    Effect.gen(function* () {
      if (!/^[A-Za-z0-9:_-]+$/.test(options.prefix)) {
        return yield* new StorageError({
          reason: "Connection",
          operation: "connect",
          message: `prefix ${JSON.stringify(options.prefix)}: letters, digits, _, - and : only`
        })
      }
      const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 1 })
      yield* call("connect", () => redis.connect())
      return { redis, prefix: options.prefix }
    }),
    ({ redis }) => Effect.promise(() => redis.quit().catch(() => "closed"))
  )

/** The four storage ports over Redis. */
export const layer = (
  options: RedisStoreOptions
): Layer.Layer<
  Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | Ports.Outbox.Outbox | Ports.EventStore.Maintenance,
  StorageError
> => Layer.scopedContext(Effect.map(connect(options), (store) => make(store, options.leaseMillis ?? 30_000)))

/** The ports and the test hooks; the store's keys are deleted when the layer closes. */
export const layerForTesting = (
  options: RedisStoreOptions
): Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | RedisHooks,
  StorageError
> =>
  Layer.scopedContext(
    Effect.gen(function* () {
      const store = yield* connect(options)
      const services = make(store, options.leaseMillis ?? 30_000)
      yield* Effect.addFinalizer(() => Effect.ignore(Context.get(services, Ports.EventStore.Maintenance).reset))
      return Context.add(services, RedisHooks, store)
    })
  )

/** Overwrites the payload text of a stored event (the kit's `supports.corruptEvent`). */
export const corruptEvent = (
  stream: Ports.EventStore.StreamRef,
  version: number,
  payloadText: string
): Effect.Effect<void, StorageError, RedisHooks> =>
  Effect.gen(function* () {
    const { prefix: p, redis } = yield* RedisHooks
    const position = yield* call("corruptEvent", () => redis.hget(`${p}:stream:${streamKey(stream)}`, String(version)))
    if (position === null) return
    const text = yield* call("corruptEvent", () => redis.hget(`${p}:events`, position))
    if (text === null) return
    const record = JSON.parse(text) as EventRecord
    const body = { ...(JSON.parse(record.b) as Record<string, unknown>), payload: payloadText }
    yield* call("corruptEvent", () =>
      redis.hset(`${p}:events`, position, JSON.stringify({ ...record, b: JSON.stringify(body) }))
    )
  })
