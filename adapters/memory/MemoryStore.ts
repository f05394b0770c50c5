/**
 * The memory adapter: the reference implementation of the storage ports.
 * All state is one immutable value in a `Ref`; an append is one
 * `Ref.modify` with a pure transition, so it is atomic by construction (it
 * either replaces the whole state or leaves it as it was).
 *
 * @module
 */
import { Chunk, Context, Effect, Either, HashMap, Layer, Option, Ref } from "effect"
import * as Ports from "../../src/ports/index.js"

/** An event as the memory adapter keeps it: the payload as JSON text, like a database would. */
interface RawEvent extends Omit<Ports.EventStore.StoredEvent, "payload"> {
  readonly payload: string
}

/** A row as kept: the data as JSON text. */
interface RawRow extends Omit<Ports.ReadModels.StoredRow, "data"> {
  readonly data: string
}

interface State {
  readonly events: Chunk.Chunk<RawEvent>
  readonly streams: HashMap.HashMap<string, { readonly version: number; readonly positions: Chunk.Chunk<number> }>
  readonly keys: HashMap.HashMap<string, Ports.EventStore.AppendResult>
  readonly eventIds: HashMap.HashMap<string, true>
  readonly rows: HashMap.HashMap<string, HashMap.HashMap<string, RawRow>>
  readonly counters: HashMap.HashMap<string, HashMap.HashMap<string, number>>
  readonly checkpoints: HashMap.HashMap<string, number>
}

const empty: State = {
  events: Chunk.empty(),
  streams: HashMap.empty(),
  keys: HashMap.empty(),
  eventIds: HashMap.empty(),
  rows: HashMap.empty(),
  counters: HashMap.empty(),
  checkpoints: HashMap.empty()
}

const streamKey = (s: Ports.EventStore.StreamRef): string => JSON.stringify([s.category, s.id])

const toJson = (value: unknown, operation: string): Either.Either<string, Ports.Errors.StorageError> => {
  try {
    const text = JSON.stringify(value)
    return text === undefined
      ? Either.left(
          new Ports.Errors.StorageError({ reason: "Constraint", operation, message: "the value is not JSON data" })
        )
      : Either.right(text)
  } catch (cause) {
    return Either.left(
      new Ports.Errors.StorageError({ reason: "Constraint", operation, message: "the value is not JSON data", cause })
    )
  }
}

const applyWritesTo = (
  state: State,
  writes: ReadonlyArray<Ports.ReadModels.Write>
): Either.Either<State, Ports.Errors.StorageError> => {
  const { counters, rows } = Ports.ReadModels.coalesce(writes)
  let nextRows = state.rows
  for (const w of rows) {
    const table = Option.getOrElse(HashMap.get(nextRows, w.table), () => HashMap.empty<string, RawRow>())
    if (w._tag === "RowDelete") {
      nextRows = HashMap.set(nextRows, w.table, HashMap.remove(table, w.key))
    } else {
      const data = toJson(w.data, "write row")
      if (Either.isLeft(data)) return Either.left(data.left)
      nextRows = HashMap.set(
        nextRows,
        w.table,
        HashMap.set(table, w.key, { table: w.table, key: w.key, data: data.right, index: w.index })
      )
    }
  }
  let nextCounters = state.counters
  for (const c of counters) {
    const m = Option.getOrElse(HashMap.get(nextCounters, c.counter), () => HashMap.empty<string, number>())
    const k = Ports.ReadModels.counterKeyString(c.key)
    nextCounters = HashMap.set(
      nextCounters,
      c.counter,
      HashMap.set(m, k, Option.getOrElse(HashMap.get(m, k), () => 0) + c.delta)
    )
  }
  return Either.right({ ...state, rows: nextRows, counters: nextCounters })
}

const appendPure = (
  state: State,
  batches: ReadonlyArray<Ports.EventStore.AppendBatch>
): Either.Either<readonly [ReadonlyArray<Ports.EventStore.AppendResult>, State], Ports.EventStore.AppendError> => {
  let s = state
  const results: Array<Ports.EventStore.AppendResult> = []
  for (const b of batches) {
    const name = Ports.EventStore.streamName(b.stream)
    if (b.idempotencyKey !== undefined) {
      const first = HashMap.get(s.keys, b.idempotencyKey)
      if (Option.isSome(first)) {
        if (first.value.category !== b.stream.category || first.value.streamId !== b.stream.id) {
          return Either.left(
            new Ports.Errors.IdempotencyKeyConflict({
              key: b.idempotencyKey,
              stream: name,
              firstStream: Ports.EventStore.streamName({ category: first.value.category, id: first.value.streamId })
            })
          )
        }
        results.push({ ...first.value, duplicate: true })
        continue
      }
    }
    const sk = streamKey(b.stream)
    const current = Option.getOrElse(HashMap.get(s.streams, sk), () => ({
      version: 0,
      positions: Chunk.empty<number>()
    }))
    if (b.expectedVersion !== current.version) {
      return Either.left(
        new Ports.Errors.ConcurrencyConflict({ stream: name, expected: b.expectedVersion, actual: current.version })
      )
    }
    let events = s.events
    let eventIds = s.eventIds
    let positions = current.positions
    let position = Chunk.size(events)
    let version = current.version
    for (const e of b.events) {
      if (HashMap.has(eventIds, e.eventId)) {
        return Either.left(
          new Ports.Errors.StorageError({
            reason: "Constraint",
            operation: "append",
            message: `event id ${e.eventId} is already stored`
          })
        )
      }
      const payload = toJson(e.payload, "append")
      if (Either.isLeft(payload)) return Either.left(payload.left)
      position += 1
      version += 1
      events = Chunk.append(events, {
        position,
        eventId: e.eventId,
        category: b.stream.category,
        streamId: b.stream.id,
        version,
        type: e.type,
        payload: payload.right,
        recordedAt: e.recordedAt
      })
      eventIds = HashMap.set(eventIds, e.eventId, true)
      positions = Chunk.append(positions, position)
    }
    const result: Ports.EventStore.AppendResult = {
      category: b.stream.category,
      streamId: b.stream.id,
      fromVersion: current.version + 1,
      toVersion: version,
      lastPosition: b.events.length > 0 ? position : 0,
      duplicate: false
    }
    s = {
      ...s,
      events,
      eventIds,
      streams: HashMap.set(s.streams, sk, { version, positions }),
      keys: b.idempotencyKey !== undefined ? HashMap.set(s.keys, b.idempotencyKey, result) : s.keys
    }
    const written = applyWritesTo(s, b.writes ?? [])
    if (Either.isLeft(written)) return Either.left(written.left)
    s = written.right
    results.push(result)
  }
  return Either.right([results, s])
}

const decodeEvent = (raw: RawEvent): Either.Either<Ports.EventStore.StoredEvent, Ports.Errors.CorruptEvent> => {
  try {
    return Either.right({ ...raw, payload: JSON.parse(raw.payload) as unknown })
  } catch (cause) {
    return Either.left(
      new Ports.Errors.CorruptEvent({
        stream: Ports.EventStore.streamName({ category: raw.category, id: raw.streamId }),
        version: raw.version,
        message: `the payload is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`
      })
    )
  }
}

const decodeRow = (raw: RawRow): Either.Either<Ports.ReadModels.StoredRow, Ports.Errors.CorruptRow> => {
  try {
    return Either.right({ ...raw, data: JSON.parse(raw.data) as unknown })
  } catch (cause) {
    return Either.left(
      new Ports.Errors.CorruptRow({
        table: raw.table,
        key: raw.key,
        message: `the row is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`
      })
    )
  }
}

const snapshotOf = (state: State): Either.Either<Ports.ReadModels.Snapshot, Ports.Errors.CorruptRow> => {
  const rows = new Map<string, Map<string, Ports.ReadModels.StoredRow>>()
  for (const [t, m] of state.rows) {
    const table = new Map<string, Ports.ReadModels.StoredRow>()
    for (const [k, raw] of m) {
      const row = decodeRow(raw)
      if (Either.isLeft(row)) return Either.left(row.left)
      table.set(k, row.right)
    }
    rows.set(t, table)
  }
  const counters = new Map<string, Map<string, number>>()
  for (const [c, m] of state.counters) counters.set(c, new Map(m))
  return Either.right({ rows, counters })
}

/** Test hooks of the memory adapter: damage stored data to check that reads answer typed errors. */
export class MemoryFaults extends Context.Tag("cityhall/adapters/memory/MemoryFaults")<
  MemoryFaults,
  {
    /** Replaces the stored JSON text of an event's payload. */
    readonly corruptEvent: (
      stream: Ports.EventStore.StreamRef,
      version: number,
      payloadText: string
    ) => Effect.Effect<void>
  }
>() {}

/** Builds the memory services over one fresh state. */
export const make = Effect.gen(function* () {
  const ref = yield* Ref.make(empty)
  const leases = yield* Ref.make(HashMap.empty<string, true>())

  const appendMany = (
    batches: ReadonlyArray<Ports.EventStore.AppendBatch>
  ): Effect.Effect<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError> =>
    Effect.flatten(
      Ref.modify(
        ref,
        (
          s
        ): readonly [
          Either.Either<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError>,
          State
        ] => {
          const r = appendPure(s, batches)
          return Either.isLeft(r) ? [Either.left(r.left), s] : [Either.right(r.right[0]), r.right[1]]
        }
      )
    )

  const readAllPure = (
    s: State,
    after: number,
    limit: number | undefined,
    categories: ReadonlyArray<string> | undefined
  ) => {
    const out: Array<Ports.EventStore.StoredEvent> = []
    const total = Chunk.size(s.events)
    for (let i = Math.max(0, after); i < total; i++) {
      if (limit !== undefined && out.length >= limit) break
      const raw = Chunk.unsafeGet(s.events, i)
      if (categories !== undefined && !categories.includes(raw.category)) continue
      const e = decodeEvent(raw)
      if (Either.isLeft(e)) return Either.left(e.left)
      out.push(e.right)
    }
    return Either.right(out)
  }

  /** A stream's events in one state (the same state for every stream of a `readMany`). */
  const readPure = (
    s: State,
    stream: Ports.EventStore.StreamRef,
    options: { readonly fromVersion?: number; readonly toVersion?: number }
  ): Effect.Effect<ReadonlyArray<Ports.EventStore.StoredEvent>, Ports.Errors.CorruptEvent> => {
    const positions = Option.match(HashMap.get(s.streams, streamKey(stream)), {
      onNone: () => Chunk.empty<number>(),
      onSome: (x) => x.positions
    })
    const out: Array<Ports.EventStore.StoredEvent> = []
    for (const p of positions) {
      const raw = Chunk.unsafeGet(s.events, p - 1)
      if (options.fromVersion !== undefined && raw.version < options.fromVersion) continue
      if (options.toVersion !== undefined && raw.version > options.toVersion) break
      const e = decodeEvent(raw)
      if (Either.isLeft(e)) return Effect.fail(e.left)
      out.push(e.right)
    }
    return Effect.succeed(out)
  }

  const store: Ports.EventStore.EventStore.Service = {
    append: (stream, expectedVersion, events, options = {}) =>
      Effect.map(
        appendMany([{ ...options, stream, expectedVersion, events }]),
        (rs) => rs[0] as Ports.EventStore.AppendResult
      ),
    appendMany,
    version: (stream) =>
      Effect.map(Ref.get(ref), (s) =>
        Option.match(HashMap.get(s.streams, streamKey(stream)), { onNone: () => 0, onSome: (x) => x.version })
      ),
    read: (stream, options = {}) => Effect.flatMap(Ref.get(ref), (s) => readPure(s, stream, options)),
    readMany: (streams) =>
      Effect.flatMap(Ref.get(ref), (s) => Effect.forEach(streams, (stream) => readPure(s, stream, {}))),
    readAll: (after, options = {}) =>
      Effect.flatMap(Ref.get(ref), (s) => readAllPure(s, after, options.limit, options.categories)),
    head: Effect.map(Ref.get(ref), (s) => Chunk.size(s.events)),
    idempotency: (key) => Effect.map(Ref.get(ref), (s) => HashMap.get(s.keys, key))
  }

  const readModels: Ports.ReadModels.ReadModels.Service = {
    get: (table, key) =>
      Effect.flatMap(Ref.get(ref), (s) =>
        Option.match(Option.flatMap(HashMap.get(s.rows, table), HashMap.get(key)), {
          onNone: () => Effect.succeed(Option.none()),
          onSome: (raw) => Effect.map(decodeRow(raw), Option.some)
        })
      ),
    query: (table, q) => {
      const invalid = Ports.ReadModels.checkQuery(table, q)
      if (invalid !== undefined) return Effect.fail(invalid)
      return Effect.flatMap(Ref.get(ref), (s) =>
        Effect.map(snapshotOf({ ...s, rows: HashMap.filter(s.rows, (_, t) => t === table) }), (snap) =>
          Ports.ReadModels.queryRows(snap, table, q)
        )
      )
    },
    counters: (counter, prefix = []) =>
      Effect.map(Ref.get(ref), (s) =>
        Ports.ReadModels.readCounter(
          {
            rows: new Map(),
            counters: new Map([
              [
                counter,
                new Map(Option.getOrElse(HashMap.get(s.counters, counter), () => HashMap.empty<string, number>()))
              ]
            ])
          },
          counter,
          prefix
        )
      ),
    write: (writes) =>
      Effect.flatten(
        Ref.modify(ref, (s): readonly [Either.Either<void, Ports.Errors.StorageError>, State] => {
          const r = applyWritesTo(s, writes)
          return Either.isLeft(r) ? [Either.left(r.left), s] : [Either.void, r.right]
        })
      ),
    clear: ({ counters, tables }) =>
      Ref.update(ref, (s) => ({
        ...s,
        rows: HashMap.filter(s.rows, (_, t) => !tables.includes(t)),
        counters: HashMap.filter(s.counters, (_, c) => !counters.includes(c))
      })),
    snapshot: Effect.flatMap(Ref.get(ref), snapshotOf)
  }

  const outbox: Ports.Outbox.Outbox.Service = {
    checkpoint: (relay) =>
      Effect.map(Ref.get(ref), (s) => Option.getOrElse(HashMap.get(s.checkpoints, relay), () => 0)),
    pending: (relay, limit) =>
      Effect.flatMap(Ref.get(ref), (s) =>
        readAllPure(
          s,
          Option.getOrElse(HashMap.get(s.checkpoints, relay), () => 0),
          limit,
          undefined
        )
      ),
    acknowledge: (relay, position) =>
      Ref.update(ref, (s) => ({
        ...s,
        checkpoints: HashMap.set(
          s.checkpoints,
          relay,
          Math.max(
            position,
            Option.getOrElse(HashMap.get(s.checkpoints, relay), () => 0)
          )
        )
      })),
    tryLease: (relay) =>
      Effect.acquireRelease(
        Ref.modify(leases, (held) =>
          HashMap.has(held, relay) ? [false, held] : [true, HashMap.set(held, relay, true as const)]
        ),
        (acquired) => (acquired ? Ref.update(leases, HashMap.remove(relay)) : Effect.void)
      )
  }

  const maintenance: Ports.EventStore.Maintenance.Service = {
    reset: Effect.zipRight(Ref.set(ref, empty), Ref.set(leases, HashMap.empty()))
  }

  const faults: MemoryFaults["Type"] = {
    corruptEvent: (stream, version, payloadText) =>
      Ref.update(ref, (s) =>
        Option.match(HashMap.get(s.streams, streamKey(stream)), {
          onNone: () => s,
          onSome: (x) => {
            const p = Chunk.get(x.positions, version - 1)
            if (Option.isNone(p)) return s
            const i = p.value - 1
            return { ...s, events: Chunk.modify(s.events, i, (e) => ({ ...e, payload: payloadText })) }
          }
        })
      )
  }

  const search: Ports.Search.Search.Service = {
    search: (table, q) => {
      const invalid = Ports.ReadModels.checkQuery(table, { ...(q.where !== undefined ? { where: q.where } : {}) })
      if (invalid !== undefined) return Effect.fail(invalid)
      const why = Ports.Search.checkSearch(q)
      if (why !== undefined) return Effect.fail(new Ports.Errors.InvalidQuery({ table, field: "terms", message: why }))
      return Effect.flatMap(Ref.get(ref), (s) =>
        Effect.map(snapshotOf({ ...s, rows: HashMap.filter(s.rows, (_, t) => t === table) }), (snap) =>
          Ports.Search.searchRows(snap, table, q)
        )
      )
    }
  }

  return { store, readModels, outbox, maintenance, faults, search }
})

/** The memory adapter: event store, read models, outbox and maintenance over one in-process state. */
export const layer: Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search
> = Layer.effectContext(
  Effect.map(make, (m) =>
    Context.make(Ports.EventStore.EventStore, m.store)
      .pipe(Context.add(Ports.ReadModels.ReadModels, m.readModels))
      .pipe(Context.add(Ports.Outbox.Outbox, m.outbox))
      .pipe(Context.add(Ports.EventStore.Maintenance, m.maintenance))
      .pipe(Context.add(Ports.Search.Search, m.search))
  )
)

/** The memory adapter with its test hooks. */
export const layerWithFaults: Layer.Layer<
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Outbox.Outbox
  | Ports.EventStore.Maintenance
  | Ports.Search.Search
  | MemoryFaults
> = Layer.effectContext(
  Effect.map(make, (m) =>
    Context.make(Ports.EventStore.EventStore, m.store)
      .pipe(Context.add(Ports.ReadModels.ReadModels, m.readModels))
      .pipe(Context.add(Ports.Outbox.Outbox, m.outbox))
      .pipe(Context.add(Ports.EventStore.Maintenance, m.maintenance))
      .pipe(Context.add(Ports.Search.Search, m.search))
      .pipe(Context.add(MemoryFaults, m.faults))
  )
)

/** Replaces the stored JSON text of an event's payload (a test hook, for `Conformance.run`'s `supports.corruptEvent`). */
export const corruptEvent = (
  stream: Ports.EventStore.StreamRef,
  version: number,
  payloadText: string
): Effect.Effect<void, never, MemoryFaults> =>
  Effect.flatMap(MemoryFaults, (f) => f.corruptEvent(stream, version, payloadText))
