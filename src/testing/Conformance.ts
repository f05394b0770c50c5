/**
 * The adapter conformance suite: one call checks that a storage adapter
 * implements the ports as the core expects — examples, model-based runs
 * over random command sequences (adapter vs the pure model), concurrency,
 * idempotency, read-after-write, global ordering, outbox and lease, typed
 * errors for corrupt data, atomicity under injected faults, and projection
 * rebuild == incremental read models.
 *
 * The model-based runs drive the kit's small `Ledger` and, by default,
 * every area's aggregate (appeal, election calendar, plan, reception,
 * meeting; see `ConformanceAggregates`), so the library's own deciders,
 * projections and read models are checked against the adapter.
 *
 * The runner is the caller's: pass `it` from `@effect/vitest`. The suite
 * builds the adapter's layer once per block (`it.layer`) and resets the
 * store (`Maintenance.reset`) before every test and every random run.
 *
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { MemoryStore } from "cityhall/adapters/memory"
 * import { Conformance } from "cityhall/testing"
 *
 * Conformance.run("memory", { it, layer: MemoryStore.layer })
 * ```
 *
 * @module
 */
import type { it as EffectVitestIt } from "@effect/vitest"
import { Clock, Effect, Either, Exit, FastCheck as fc, type Layer, Option, Runtime, Schema, Scope } from "effect"
import * as Aggregate from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import { ConcurrencyConflict } from "../ports/Errors.js"
import {
  type AppendResult,
  EventStore,
  Maintenance,
  type NewEvent,
  type StreamRef,
  streamName
} from "../ports/EventStore.js"
import { Outbox } from "../ports/Outbox.js"
import * as Projection from "../ports/Projection.js"
import { normalise, ReadModels, type Write } from "../ports/ReadModels.js"
import * as Rebuild from "../ports/Rebuild.js"
import * as ConformanceAggregates from "./ConformanceAggregates.js"
import * as Ledger from "./Ledger.js"
import {
  type AnyConformanceAggregate,
  check,
  checkEqual,
  ConformanceFailure,
  expectFailure,
  Model
} from "./ConformanceModel.js"

/** The services every adapter provides. */
export type StoreServices = EventStore | ReadModels | Outbox | Maintenance

/** Optional capabilities and test hooks of an adapter. */
export interface Supports<R> {
  /** Run the lease tests (default true). */
  readonly lease?: boolean
  /** Replace the stored JSON text of an event's payload (to check typed `CorruptEvent`s). */
  readonly corruptEvent?: (stream: StreamRef, version: number, payloadText: string) => Effect.Effect<void, unknown, R>
  /**
   * Fault injection between the statements of an append: `arm(point)` makes
   * the next append fail at that point with a `StorageError` (reason
   * "Injected"); `disarm` clears it.
   */
  readonly faults?: {
    readonly points: ReadonlyArray<string>
    readonly arm: (point: string) => Effect.Effect<void, unknown, R>
    readonly disarm: Effect.Effect<void, unknown, R>
  }
}

/** The options of {@link run}. */
export interface RunOptions<ROut, E> {
  /** `it` from `@effect/vitest`. */
  readonly it: typeof EffectVitestIt
  /** The adapter under test. */
  readonly layer: Layer.Layer<ROut | StoreServices, E>
  readonly supports?: Supports<ROut | StoreServices>
  /**
   * The aggregates for the model-based runs besides the kit's Ledger, which
   * always runs. Default: every area's aggregate
   * ({@link ConformanceAggregates.areas}: appeal, election calendar, plan,
   * reception, meeting); `[]` for the Ledger alone.
   */
  readonly aggregates?: ReadonlyArray<AnyConformanceAggregate>
  /** Random command sequences per model-based property (default 25). */
  readonly numRuns?: number
  /** Fibers in the concurrency tests (default 8). */
  readonly fibers?: number
  /** Per-test timeout in ms (default 60 000). */
  readonly timeout?: number
}

const at = new Date("2021-03-15T09:00:00.000Z")
const ledger: StreamRef = { category: "ledger", id: "L-1" }
const raw = (
  stream: StreamRef,
  version: number,
  type = "Deposited",
  payload: unknown = { amount: version }
): NewEvent => ({
  eventId: `${stream.category}/${stream.id}/${version}`,
  type,
  payload,
  recordedAt: "2021-03-15T09:00:00.000Z"
})

/** A Ledger definition whose second projection has a row encoder that throws for a deposit noted "boom". */
const throwingRow = Projection.table({
  name: "ledger_notes",
  schema: Schema.transform(Schema.String, Schema.String, {
    strict: true,
    decode: (s) => s,
    encode: (s) => {
      if (s === "boom") throw new Error("encoder exploded")
      return s
    }
  }),
  indexed: []
})
const ledgerWithThrowingEncoder = Aggregate.make({
  ...Ledger.definition,
  projections: [
    Ledger.accounts,
    Projection.make<Ledger.Event, Ledger.State>({
      name: "ledger_notes",
      tables: [throwingRow],
      counters: [],
      project: ({ envelope }) =>
        envelope.event._tag === "Deposited" && envelope.event.note !== undefined
          ? [Projection.upsert(throwingRow, envelope.eventId, envelope.event.note)]
          : []
    })
  ]
})

/** Everything observable in the store, for "nothing changed" checks. */
const observe = Effect.gen(function* () {
  const store = yield* EventStore
  const readModels = yield* ReadModels
  return {
    head: yield* store.head,
    events: yield* store.readAll(0),
    readModels: normalise(yield* readModels.snapshot)
  }
})

const ledgerConformance: AnyConformanceAggregate = {
  definition: Ledger.definition,
  command: Ledger.command,
  ids: ["L-1", "L-2"]
}

/** Registers the conformance suite for an adapter under `name`. */
export const run = <ROut, E>(name: string, options: RunOptions<ROut, E>): void => {
  const supports = options.supports ?? {}
  const numRuns = options.numRuns ?? 25
  const fibers = options.fibers ?? 8
  const timeout = options.timeout ?? 60_000
  const aggregates: ReadonlyArray<AnyConformanceAggregate> = [
    ledgerConformance,
    ...(options.aggregates ?? ConformanceAggregates.areas())
  ]
  const definitions = aggregates.map((a) => a.definition)

  options.it.layer(options.layer, { timeout: "60 seconds" })(`conformance: ${name}`, (it) => {
    const test = <A, E2>(title: string, body: Effect.Effect<A, E2, ROut | StoreServices>) =>
      it.effect(
        title,
        () =>
          Effect.zipRight(
            Effect.flatMap(Maintenance, (m) => m.reset),
            body
          ),
        timeout
      )

    // -----------------------------------------------------------------------
    // Event store

    test(
      "append then read: versions from 1, global positions from 1, payload round trip (read-after-write)",
      Effect.gen(function* () {
        const store = yield* EventStore
        const r = yield* store.append(ledger, 0, [
          raw(ledger, 1, "Opened", { owner: "o", n: [1, 2], nested: { a: null } }),
          raw(ledger, 2)
        ])
        yield* checkEqual(
          r,
          { category: "ledger", streamId: "L-1", fromVersion: 1, toVersion: 2, lastPosition: 2, duplicate: false },
          "append result"
        )
        const events = yield* store.read(ledger)
        yield* checkEqual(
          events.map((e) => [
            e.position,
            e.version,
            e.eventId,
            e.type,
            e.payload,
            e.recordedAt,
            e.category,
            e.streamId
          ]),
          [
            [
              1,
              1,
              "ledger/L-1/1",
              "Opened",
              { owner: "o", n: [1, 2], nested: { a: null } },
              "2021-03-15T09:00:00.000Z",
              "ledger",
              "L-1"
            ],
            [2, 2, "ledger/L-1/2", "Deposited", { amount: 2 }, "2021-03-15T09:00:00.000Z", "ledger", "L-1"]
          ],
          "read back"
        )
        yield* checkEqual(yield* store.version(ledger), 2, "version")
        yield* checkEqual(yield* store.version({ category: "ledger", id: "none" }), 0, "version of an empty stream")
        yield* checkEqual(yield* store.read({ category: "ledger", id: "none" }), [], "read of an empty stream")
        yield* checkEqual(yield* store.head, 2, "head")
        yield* checkEqual(
          (yield* store.read(ledger, { fromVersion: 2 })).map((e) => e.version),
          [2],
          "fromVersion"
        )
        yield* checkEqual(
          (yield* store.read(ledger, { toVersion: 1 })).map((e) => e.version),
          [1],
          "toVersion"
        )
      })
    )

    test(
      "a stale or early expected version is a ConcurrencyConflict naming stream, expected and actual; nothing is written",
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* store.append(ledger, 0, [raw(ledger, 1)])
        const before = yield* observe
        const stale = yield* expectFailure(
          store.append(ledger, 0, [raw({ ...ledger, id: "x" }, 1)]),
          "ConcurrencyConflict",
          "stale"
        )
        yield* checkEqual([stale.stream, stale.expected, stale.actual], ["ledger-L-1", 0, 1], "conflict fields")
        const early = yield* expectFailure(store.append(ledger, 5, [raw(ledger, 6)]), "ConcurrencyConflict", "early")
        yield* checkEqual([early.expected, early.actual], [5, 1], "conflict fields")
        yield* checkEqual(yield* observe, before, "nothing written")
      })
    )

    test(
      "appendMany is all or nothing, and bulk imports keep order",
      Effect.gen(function* () {
        const store = yield* EventStore
        const a: StreamRef = { category: "ledger", id: "A" }
        const b: StreamRef = { category: "ledger", id: "B" }
        const rs = yield* store.appendMany([
          { stream: a, expectedVersion: 0, events: Array.from({ length: 300 }, (_, i) => raw(a, i + 1)) },
          {
            stream: b,
            expectedVersion: 0,
            events: [raw(b, 1)],
            writes: [{ _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 2 }]
          }
        ])
        yield* checkEqual(
          rs.map((r) => [r.streamId, r.fromVersion, r.toVersion, r.lastPosition]),
          [
            ["A", 1, 300, 300],
            ["B", 1, 1, 301]
          ],
          "results"
        )
        const before = yield* observe
        yield* expectFailure(
          store.appendMany([
            {
              stream: a,
              expectedVersion: 300,
              events: [raw(a, 301)],
              writes: [{ _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }]
            },
            { stream: b, expectedVersion: 0, events: [raw(b, 2)] }
          ]),
          "ConcurrencyConflict",
          "second batch stale"
        )
        yield* checkEqual(yield* observe, before, "nothing of the first batch written")
      })
    )

    test(
      "readAll answers events after a position in global order, with limit and category filter",
      Effect.gen(function* () {
        const store = yield* EventStore
        const other: StreamRef = { category: "plan", id: "P-1" }
        const l2: StreamRef = { category: "ledger", id: "L-2" }
        yield* store.append(ledger, 0, [raw(ledger, 1)])
        yield* store.append(other, 0, [raw(other, 1), raw(other, 2)])
        yield* store.append(l2, 0, [raw(l2, 1)])
        yield* store.append(ledger, 1, [raw(ledger, 2)])
        const all = yield* store.readAll(0)
        yield* checkEqual(
          all.map((e) => [e.position, e.eventId]),
          [
            [1, "ledger/L-1/1"],
            [2, "plan/P-1/1"],
            [3, "plan/P-1/2"],
            [4, "ledger/L-2/1"],
            [5, "ledger/L-1/2"]
          ],
          "global order"
        )
        yield* checkEqual(
          (yield* store.readAll(2, { limit: 2 })).map((e) => e.position),
          [3, 4],
          "after + limit"
        )
        yield* checkEqual(
          (yield* store.readAll(1, { categories: ["ledger"] })).map((e) => e.position),
          [4, 5],
          "categories"
        )
        yield* checkEqual(yield* store.readAll(5), [], "after the head")
      })
    )

    test(
      "idempotency keys: a retry answers the first result and writes nothing; a key reused on another stream is refused",
      Effect.gen(function* () {
        const store = yield* EventStore
        const first = yield* store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-1" })
        const before = yield* observe
        const again = yield* store.append(ledger, 1, [raw(ledger, 2)], { idempotencyKey: "k-1" })
        yield* checkEqual(again, { ...first, duplicate: true }, "duplicate answers the first result")
        yield* checkEqual(Option.getOrNull(yield* store.idempotency("k-1")), first, "recorded result")
        yield* checkEqual(Option.getOrNull(yield* store.idempotency("k-none")), null, "unknown key")
        const conflict = yield* expectFailure(
          store.append({ category: "ledger", id: "L-9" }, 0, [raw({ category: "ledger", id: "L-9" }, 1)], {
            idempotencyKey: "k-1"
          }),
          "IdempotencyKeyConflict",
          "key on another stream"
        )
        yield* checkEqual([conflict.stream, conflict.firstStream], ["ledger-L-9", "ledger-L-1"], "conflict fields")
        yield* checkEqual(yield* observe, before, "nothing written")
        const empty = yield* store.append(ledger, 1, [], { idempotencyKey: "k-2" })
        yield* checkEqual(
          [empty.fromVersion, empty.toVersion, empty.lastPosition],
          [2, 1, 0],
          "an append of no events records its key"
        )
        yield* checkEqual(
          yield* store.append(ledger, 1, [], { idempotencyKey: "k-2" }),
          { ...empty, duplicate: true },
          "and answers it again"
        )
      })
    )

    test(
      "an event payload or a row whose JSON encoding throws is a StorageError and leaves nothing half-written",
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* store.append(ledger, 0, [raw(ledger, 1)])
        const before = yield* observe
        const exploding = {
          toJSON: () => {
            throw new Error("encoder exploded")
          }
        }
        const other: StreamRef = { category: "ledger", id: "L-2" }
        const badEvent = yield* expectFailure(
          store.append(other, 0, [raw(other, 1), raw(other, 2, "Deposited", exploding)], {
            idempotencyKey: "k-e",
            writes: [{ _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }]
          }),
          "StorageError",
          "a payload that cannot be encoded"
        )
        yield* check(badEvent.reason === "Constraint", `reason Constraint, got ${badEvent.reason}`)
        const badRow = yield* expectFailure(
          store.append(ledger, 1, [raw(ledger, 2)], {
            idempotencyKey: "k-r",
            writes: [
              { _tag: "RowUpsert", table: "t", key: "fine", data: { a: 1 }, index: [null, null, null, null] },
              { _tag: "RowUpsert", table: "t", key: "bad", data: exploding, index: [null, null, null, null] }
            ]
          }),
          "StorageError",
          "a row that cannot be encoded"
        )
        yield* check(badRow.reason === "Constraint", `reason Constraint, got ${badRow.reason}`)
        yield* checkEqual(yield* observe, before, "nothing written")
        yield* checkEqual(
          [Option.isNone(yield* store.idempotency("k-e")), Option.isNone(yield* store.idempotency("k-r"))],
          [true, true],
          "keys not recorded"
        )
      })
    )

    test(
      "a constraint violation inside an append (an event id already stored) is a StorageError and leaves nothing half-written",
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* store.append(ledger, 0, [raw(ledger, 1)])
        const before = yield* observe
        const other: StreamRef = { category: "ledger", id: "L-2" }
        const error = yield* expectFailure(
          store.append(other, 0, [raw(other, 1), { ...raw(other, 2), eventId: "ledger/L-1/1" }], {
            idempotencyKey: "k-x",
            writes: [
              { _tag: "RowUpsert", table: "t", key: "k", data: { a: 1 }, index: ["x", null, null, null] },
              { _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }
            ]
          }),
          "StorageError",
          "duplicate event id"
        )
        yield* check(error.reason === "Constraint", `reason Constraint, got ${error.reason}`)
        yield* checkEqual(yield* observe, before, "nothing written")
        yield* checkEqual(yield* store.version(other), 0, "stream version unchanged")
        yield* checkEqual(Option.isNone(yield* store.idempotency("k-x")), true, "key not recorded")
      })
    )

    // -----------------------------------------------------------------------
    // Read models

    test(
      "read-model writes: upsert, replace, delete, counters with negative deltas, in the append's transaction",
      Effect.gen(function* () {
        const store = yield* EventStore
        const rm = yield* ReadModels
        const writes: ReadonlyArray<Write> = [
          { _tag: "RowUpsert", table: "t", key: "a", data: { v: 1 }, index: ["open", "2021-01", null, null] },
          { _tag: "RowUpsert", table: "t", key: "b", data: { v: 2 }, index: ["open", "2021-02", "d-1", null] },
          { _tag: "RowUpsert", table: "t", key: "a", data: { v: 3 }, index: ["open", "2021-03", null, null] },
          { _tag: "RowUpsert", table: "t", key: "c", data: { v: 4 }, index: [null, null, null, null] },
          { _tag: "RowDelete", table: "t", key: "c" },
          { _tag: "RowDelete", table: "t", key: "never" },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "web"], delta: 5 },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "web"], delta: -2 },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "mail"], delta: -1 }
        ]
        yield* store.append(ledger, 0, [raw(ledger, 1)], { writes })
        yield* checkEqual(
          Option.getOrNull(yield* rm.get("t", "a")),
          { table: "t", key: "a", data: { v: 3 }, index: ["open", "2021-03", null, null] },
          "replaced"
        )
        yield* checkEqual(Option.getOrNull(yield* rm.get("t", "c")), null, "deleted")
        yield* checkEqual(Option.getOrNull(yield* rm.get("other", "a")), null, "tables are separate")
        yield* checkEqual(
          yield* rm.counters("n"),
          [
            { key: ["2021-03", "mail"], value: -1 },
            { key: ["2021-03", "web"], value: 3 }
          ],
          "counters"
        )
        yield* store.append(ledger, 1, [raw(ledger, 2)], {
          writes: [{ _tag: "CounterIncrement", counter: "n", key: ["2021-03", "mail"], delta: 1 }]
        })
        yield* checkEqual(
          (yield* rm.counters("n", ["2021-03", "mail"])).map((c) => c.value),
          [0],
          "incremented across appends"
        )
      })
    )

    test(
      "row queries: equality (also on null), ranges, order by a slot, paging by key, limit; a bad slot or limit is an InvalidQuery",
      Effect.gen(function* () {
        const rm = yield* ReadModels
        const row = (
          key: string,
          i0: string | null,
          i1: string | null,
          i2: string | null = null,
          i3: string | null = null
        ): Write => ({
          _tag: "RowUpsert",
          table: "q",
          key,
          data: { key },
          index: [i0, i1, i2, i3]
        })
        yield* rm.write([
          row("k1", "open", "2021-03-02", "d-1"),
          row("k2", "open", "2021-03-01", "d-2"),
          row("k3", "closed", "2021-02-28", "d-1"),
          row("k4", "open", null, "d-1", "o-1"),
          row("k5", null, "2021-04-01"),
          { _tag: "RowUpsert", table: "other", key: "k1", data: {}, index: ["open", "2021-03-02", null, null] }
        ])
        const keys = (q: Parameters<ReadModels.Service["query"]>[1]) =>
          Effect.map(rm.query("q", q), (rs) => rs.map((r) => r.key))
        yield* checkEqual(yield* keys({}), ["k1", "k2", "k3", "k4", "k5"], "all, by key")
        yield* checkEqual(yield* keys({ where: [{ slot: 0, op: "eq", value: "open" }] }), ["k1", "k2", "k4"], "eq")
        yield* checkEqual(yield* keys({ where: [{ slot: 0, op: "eq", value: null }] }), ["k5"], "eq null")
        yield* checkEqual(
          yield* keys({
            where: [
              { slot: 0, op: "eq", value: "open" },
              { slot: 1, op: "lte", value: "2021-03-01" }
            ]
          }),
          ["k2"],
          "eq + range (nulls never match a range)"
        )
        yield* checkEqual(
          yield* keys({
            where: [
              { slot: 1, op: "gt", value: "2021-02-28" },
              { slot: 1, op: "lt", value: "2021-04-01" }
            ]
          }),
          ["k1", "k2"],
          "gt + lt"
        )
        yield* checkEqual(
          yield* keys({ where: [{ slot: 1, op: "gte", value: "2021-02-28" }], orderBySlot: 1 }),
          ["k3", "k2", "k1", "k5"],
          "order by slot"
        )
        yield* checkEqual(yield* keys({ orderBySlot: 1, limit: 2 }), ["k4", "k3"], "nulls first, limit")
        yield* checkEqual(yield* keys({ afterKey: "k2", limit: 2 }), ["k3", "k4"], "paging")
        yield* checkEqual(
          yield* keys({
            where: [
              { slot: 2, op: "eq", value: "d-1" },
              { slot: 3, op: "eq", value: "o-1" }
            ]
          }),
          ["k4"],
          "slots 2 and 3"
        )
        yield* checkEqual(yield* keys({ limit: 0 }), [], "limit 0")
        const invalid: ReadonlyArray<readonly [string, Parameters<ReadModels.Service["query"]>[1]]> = [
          ["a slot past the last", { where: [{ slot: 4, op: "eq", value: "open" }] }],
          ["a negative slot", { where: [{ slot: -1, op: "eq", value: null }] }],
          ["a fractional slot", { where: [{ slot: 1.5, op: "gte", value: "2021" }] }],
          ["ordered by no slot", { orderBySlot: 7 }],
          ["a negative limit", { limit: -1 }],
          ["a fractional limit", { limit: 1.5 }],
          ["a limit past the safe integers", { limit: 1e300 }],
          ["a range condition without a string", { where: [{ slot: 0, op: "gte", value: 7 as unknown as string }] }],
          ["an equality on a number", { where: [{ slot: 0, op: "eq", value: 1 as unknown as string }] }],
          ["an unknown operator", { where: [{ slot: 0, op: "like" as "eq", value: "a" }] }],
          ["a key cursor that is not a string", { afterKey: 5 as unknown as string }]
        ]
        for (const [what, q] of invalid) {
          const error = yield* expectFailure(rm.query("q", q), "InvalidQuery", what)
          yield* checkEqual(error.table, "q", `${what}: names the table`)
        }
      })
    )

    test(
      "typed reads through a table and a counter definition",
      Effect.gen(function* () {
        const open = Ledger.Open.make({ owner: "o-1", division: "d-1", at })
        yield* CommandHandler.handle(Ledger.definition, "L-1", open)
        yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: 30, at }))
        yield* CommandHandler.handle(Ledger.definition, "L-2", Ledger.Open.make({ owner: "o-2", division: "d-2", at }))
        const row = yield* Projection.get(Ledger.Accounts, "L-1")
        yield* checkEqual(
          Option.getOrNull(row),
          { owner: "o-1", division: "d-1", balance: 30, status: "open", lastMonth: "2021-03" },
          "row"
        )
        const byDivision = yield* Projection.query(Ledger.Accounts, { where: { division: "d-2", status: "open" } })
        yield* checkEqual(
          byDivision.map((r) => r.key),
          ["L-2"],
          "query by division"
        )
        yield* checkEqual(yield* Projection.total(Ledger.Movements, { month: "2021-03" }), 30, "counter total")
        yield* checkEqual(
          yield* Projection.total(Ledger.AccountsByStatus, { status: "open" }),
          2,
          "filter on a later dimension"
        )
        const refused = yield* expectFailure(
          Projection.query(Ledger.Accounts, { limit: -1 }),
          "InvalidQuery",
          "a negative limit"
        )
        yield* checkEqual(
          [refused.table, refused.field],
          ["ledger_accounts", "limit"],
          "the caller's bad limit, named, not a storage failure"
        )
      })
    )

    test(
      "write, clear and snapshot",
      Effect.gen(function* () {
        const rm = yield* ReadModels
        yield* rm.write([
          { _tag: "RowUpsert", table: "a", key: "1", data: [1], index: [null, null, null, null] },
          { _tag: "RowUpsert", table: "b", key: "1", data: "x", index: [null, null, null, null] },
          { _tag: "CounterIncrement", counter: "ca", key: [], delta: 1 },
          { _tag: "CounterIncrement", counter: "cb", key: ["1"], delta: 1 }
        ])
        yield* rm.clear({ tables: ["a"], counters: ["ca"] })
        const snap = normalise(yield* rm.snapshot)
        yield* checkEqual(
          snap,
          { rows: [["b", "1", '"x"', [null, null, null, null]]], counters: [["cb", '["1"]', 1]] },
          "snapshot after clear"
        )
      })
    )

    // -----------------------------------------------------------------------
    // Command handler

    test(
      "the command handler: decide, append, project; a domain error is typed and writes nothing",
      Effect.gen(function* () {
        const opened = yield* CommandHandler.handle(
          Ledger.definition,
          "L-1",
          Ledger.Open.make({ owner: "o-1", division: "d-1", at })
        )
        yield* checkEqual(
          [opened.version, opened.duplicate, opened.state],
          [1, false, { _tag: "Open", owner: "o-1", division: "d-1", balance: 0 }],
          "opened"
        )
        yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: 10, at, note: "n" }))
        const before = yield* observe
        const refused = yield* expectFailure(
          CommandHandler.handle(Ledger.definition, "L-1", Ledger.Withdraw.make({ amount: 11, at })),
          "LedgerError",
          "overdraft"
        )
        yield* checkEqual(refused.reason, "Insufficient", "reason")
        yield* checkEqual(yield* observe, before, "nothing written")
        const zero = yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: 0, at }))
        yield* checkEqual([zero.events.length, zero.version], [0, 2], "a command with no events")
        const closed = yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Close.make({ at }))
        yield* checkEqual(
          closed.events.map((e) => e._tag),
          ["Withdrawn", "Closed"],
          "multi-event command"
        )
        const loaded = yield* CommandHandler.load(Ledger.definition, "L-1")
        yield* checkEqual(
          [loaded.version, loaded.state],
          [4, { _tag: "Closed", owner: "o-1", division: "d-1", balance: 0 }],
          "reloaded"
        )
        yield* checkEqual(Option.getOrNull(yield* Projection.get(Ledger.Accounts, "L-1")), null, "row deleted on close")
        const invalid = yield* expectFailure(
          CommandHandler.handleUnknown(Ledger.definition, "L-2", {
            _tag: "Deposit",
            amount: -1,
            at: "2021-03-01T00:00:00Z"
          }),
          "InvalidCommand",
          "bad input"
        )
        yield* check(invalid.message.includes("amount"), `the error names the field: ${invalid.message}`)
      })
    )

    test(
      "the command handler with an idempotency key applies once and answers the first result",
      Effect.gen(function* () {
        const open = Ledger.Open.make({ owner: "o-1", division: "d-1", at })
        const first = yield* CommandHandler.handle(Ledger.definition, "L-1", open, { idempotencyKey: "req-1" })
        const before = yield* observe
        const again = yield* CommandHandler.handle(Ledger.definition, "L-1", open, { idempotencyKey: "req-1" })
        yield* checkEqual(again, { ...first, duplicate: true }, "same result, not AlreadyOpen")
        yield* checkEqual(yield* observe, before, "applied once")
        yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: 5, at }))
        const later = yield* CommandHandler.handle(Ledger.definition, "L-1", open, { idempotencyKey: "req-1" })
        yield* checkEqual(
          [later.version, later.state, later.events.length],
          [1, first.state, 1],
          "still the first result after later events"
        )
        yield* expectFailure(
          CommandHandler.handle(Ledger.definition, "L-2", open, { idempotencyKey: "req-1" }),
          "IdempotencyKeyConflict",
          "key reused on another aggregate"
        )
      })
    )

    test(
      "a throwing row encoder is a typed EncodeError and writes nothing",
      Effect.gen(function* () {
        yield* CommandHandler.handle(
          ledgerWithThrowingEncoder,
          "L-1",
          Ledger.Open.make({ owner: "o-1", division: "d-1", at })
        )
        const before = yield* observe
        const error = yield* expectFailure(
          CommandHandler.handle(ledgerWithThrowingEncoder, "L-1", Ledger.Deposit.make({ amount: 1, at, note: "boom" })),
          "EncodeError",
          "encoder"
        )
        yield* check(error.message.includes("encoder exploded"), `message: ${error.message}`)
        yield* checkEqual(yield* observe, before, "nothing written")
      })
    )

    // -----------------------------------------------------------------------
    // Concurrency

    test(
      `concurrency: ${fibers} fibers appending at the same version — exactly one wins each version, no event lost`,
      Effect.gen(function* () {
        const store = yield* EventStore
        let version = 0
        const wins: Array<number> = []
        for (let round = 0; round < 3; round++) {
          const results = yield* Effect.forEach(
            Array.from({ length: fibers }, (_, i) => i),
            (i) =>
              Effect.either(
                store.append(ledger, version, [
                  { ...raw(ledger, version + 1), payload: { fiber: i } },
                  raw(ledger, version + 2)
                ])
              ),
            { concurrency: "unbounded" }
          )
          const winners = results.filter(Either.isRight)
          const losers = results.filter(Either.isLeft)
          yield* checkEqual(winners.length, 1, `round ${round}: one winner`)
          for (const l of losers) {
            yield* check(
              l.left instanceof ConcurrencyConflict,
              `round ${round}: losers get ConcurrencyConflict, got ${l.left._tag}`
            )
          }
          wins.push(results.findIndex(Either.isRight))
          version += 2
        }
        const events = yield* store.read(ledger)
        yield* checkEqual(
          events.map((e) => e.version),
          [1, 2, 3, 4, 5, 6],
          "contiguous versions"
        )
        yield* checkEqual(
          events.filter((e) => e.version % 2 === 1).map((e) => e.payload),
          wins.map((fiber) => ({ fiber })),
          "the winners' events"
        )
        yield* checkEqual(
          (yield* store.readAll(0)).map((e) => e.position),
          [1, 2, 3, 4, 5, 6],
          "gap-free positions"
        )
      })
    )

    test(
      `concurrency: ${fibers} fibers handling deposits on one aggregate — every deposit applied once through retries`,
      Effect.gen(function* () {
        yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Open.make({ owner: "o-1", division: "d-1", at }))
        yield* Effect.forEach(
          Array.from({ length: fibers }, (_, i) => i),
          (i) =>
            CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: i + 1, at }), {
              maxAttempts: fibers + 1,
              idempotencyKey: `dep-${i}`
            }),
          { concurrency: "unbounded", discard: true }
        )
        const loaded = yield* CommandHandler.load(Ledger.definition, "L-1")
        const total = (fibers * (fibers + 1)) / 2
        yield* checkEqual(
          [loaded.version, loaded.state],
          [fibers + 1, { _tag: "Open", owner: "o-1", division: "d-1", balance: total }],
          "all applied"
        )
        yield* checkEqual(yield* Projection.total(Ledger.Movements), total, "counter has every deposit once")
      })
    )

    // -----------------------------------------------------------------------
    // Outbox

    test(
      "outbox: pending in order after the checkpoint, at-least-once until acknowledged, checkpoint never moves back",
      Effect.gen(function* () {
        const store = yield* EventStore
        const outbox = yield* Outbox
        yield* store.append(ledger, 0, [raw(ledger, 1), raw(ledger, 2), raw(ledger, 3)])
        yield* checkEqual(yield* outbox.checkpoint("nats"), 0, "initial checkpoint")
        const first = yield* outbox.pending("nats", 2)
        yield* checkEqual(
          first.map((e) => [e.position, e.eventId]),
          [
            [1, "ledger/L-1/1"],
            [2, "ledger/L-1/2"]
          ],
          "first batch"
        )
        yield* checkEqual(
          (yield* outbox.pending("nats", 2)).map((e) => e.position),
          [1, 2],
          "redelivered until acknowledged"
        )
        yield* outbox.acknowledge("nats", 2)
        yield* checkEqual(
          (yield* outbox.pending("nats", 10)).map((e) => e.position),
          [3],
          "after acknowledge"
        )
        yield* outbox.acknowledge("nats", 1)
        yield* checkEqual(yield* outbox.checkpoint("nats"), 2, "never backward")
        yield* checkEqual((yield* outbox.pending("other", 10)).length, 3, "relays are independent")
      })
    )

    if (supports.lease !== false) {
      test(
        "outbox lease: one holder at a time, released when its scope closes",
        Effect.gen(function* () {
          const outbox = yield* Outbox
          const s1 = yield* Scope.make()
          const s2 = yield* Scope.make()
          yield* checkEqual(yield* Scope.extend(outbox.tryLease("nats"), s1), true, "first takes the lease")
          yield* checkEqual(yield* Scope.extend(outbox.tryLease("nats"), s2), false, "second is refused")
          yield* checkEqual(yield* Effect.scoped(outbox.tryLease("other")), true, "other relays are independent")
          yield* Scope.close(s1, Exit.void)
          yield* checkEqual(yield* Scope.extend(outbox.tryLease("nats"), s2), true, "taken after release")
          yield* Scope.close(s2, Exit.void)
        })
      )
    }

    // -----------------------------------------------------------------------
    // Corrupt data

    const corruptEvent = supports.corruptEvent
    if (corruptEvent !== undefined) {
      test(
        "a corrupt stored event is a typed CorruptEvent naming the stream and the version",
        Effect.gen(function* () {
          const store = yield* EventStore
          yield* CommandHandler.handle(
            Ledger.definition,
            "L-1",
            Ledger.Open.make({ owner: "o-1", division: "d-1", at })
          )
          yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: 1, at }))
          yield* corruptEvent(ledger, 2, "{not json")
          const bad = yield* expectFailure(store.read(ledger), "CorruptEvent", "bad JSON")
          yield* checkEqual([bad.stream, bad.version], ["ledger-L-1", 2], "names stream and version")
          const badAll = yield* expectFailure(store.readAll(0), "CorruptEvent", "bad JSON in readAll")
          yield* checkEqual([badAll.stream, badAll.version], ["ledger-L-1", 2], "readAll names stream and version")
          const badPending = yield* expectFailure(
            Effect.flatMap(Outbox, (outbox) => outbox.pending("nats", 10)),
            "CorruptEvent",
            "bad JSON through the outbox"
          )
          yield* checkEqual(
            [badPending.stream, badPending.version],
            ["ledger-L-1", 2],
            "the outbox names stream and version"
          )
          yield* checkEqual(
            (yield* store.read(ledger, { toVersion: 1 })).map((e) => e.version),
            [1],
            "the events before it still read"
          )
          yield* corruptEvent(ledger, 2, JSON.stringify({ _tag: "Deposited", amount: "lots" }))
          const undecodable = yield* expectFailure(
            CommandHandler.load(Ledger.definition, "L-1"),
            "CorruptEvent",
            "schema mismatch"
          )
          yield* checkEqual([undecodable.stream, undecodable.version], ["ledger-L-1", 2], "names stream and version")
          yield* check(undecodable.message.includes("amount"), `names the field: ${undecodable.message}`)
          yield* expectFailure(Rebuild.rebuild([Ledger.definition]), "CorruptEvent", "rebuild stops on it")
        })
      )
    }

    // -----------------------------------------------------------------------
    // Faults

    const faults = supports.faults
    if (faults !== undefined) {
      for (const point of faults.points) {
        test(
          `an append and an appendMany failing at "${point}" leave nothing half-written`,
          Effect.gen(function* () {
            const store = yield* EventStore
            yield* CommandHandler.handle(
              Ledger.definition,
              "L-1",
              Ledger.Open.make({ owner: "o-1", division: "d-1", at })
            )
            yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: 40, at }))
            const before = yield* observe
            yield* faults.arm(point)
            const error = yield* expectFailure(
              CommandHandler.handle(Ledger.definition, "L-1", Ledger.Close.make({ at }), { idempotencyKey: "close-1" }),
              "StorageError",
              "injected"
            ).pipe(Effect.ensuring(Effect.ignore(faults.disarm)))
            yield* check(error.reason === "Injected", `reason Injected, got ${error.reason}`)
            yield* checkEqual(yield* observe, before, "nothing written")
            yield* checkEqual(Option.isNone(yield* store.idempotency("close-1")), true, "key not recorded")
            const retried = yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Close.make({ at }), {
              idempotencyKey: "close-1"
            })
            yield* checkEqual([retried.version, retried.duplicate], [4, false], "the retry applies")
            // the bulk path: a new stream and an existing one in one appendMany, with a key, rows and counters
            const beforeBulk = yield* observe
            const fresh: StreamRef = { category: "ledger", id: "L-2" }
            yield* faults.arm(point)
            const bulk = yield* expectFailure(
              store.appendMany([
                {
                  stream: fresh,
                  expectedVersion: 0,
                  events: [raw(fresh, 1), raw(fresh, 2)],
                  idempotencyKey: "bulk-1",
                  writes: [
                    { _tag: "RowUpsert", table: "t", key: "L-2", data: { a: 1 }, index: ["x", null, null, null] },
                    { _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }
                  ]
                },
                { stream: ledger, expectedVersion: 4, events: [raw(ledger, 5)] }
              ]),
              "StorageError",
              "injected into appendMany"
            ).pipe(Effect.ensuring(Effect.ignore(faults.disarm)))
            yield* check(bulk.reason === "Injected", `reason Injected, got ${bulk.reason}`)
            yield* checkEqual(yield* observe, beforeBulk, "nothing of the bulk append written")
            yield* checkEqual(
              [yield* store.version(fresh), Option.isNone(yield* store.idempotency("bulk-1"))],
              [0, true],
              "no stream, no key"
            )
          })
        )
      }
    }

    // -----------------------------------------------------------------------
    // Model-based

    for (const agg of aggregates) {
      it.effect(
        `model-based: random ${agg.definition.category} command sequences give the model's states, log, keys and read models; rebuild == incremental`,
        () =>
          Effect.gen(function* () {
            const runtime = yield* Effect.runtime<ROut | StoreServices>()
            const runPromise = Runtime.runPromise(runtime)
            const ids = agg.ids ?? ["A-1", "A-2", "A-3"]
            const keyArb = fc.option(fc.constantFrom("k-1", "k-2", "k-3", "k-4"), { nil: undefined, freq: 3 })
            const handleArb = fc
              .tuple(fc.constantFrom(...ids), agg.command, keyArb)
              .map(([id, command, key]) => new HandleCommand(agg, id, command, key, runPromise))
            const rebuildArb = fc.constant(new RebuildCommand(definitions, runPromise))
            const readArb = fc.constantFrom(...ids).map((id) => new ReadStream(agg, id, runPromise))
            yield* Effect.promise(() =>
              fc.assert(
                fc.asyncProperty(
                  fc.commands([handleArb, handleArb, handleArb, rebuildArb, readArb], { maxCommands: 40, size: "max" }),
                  async (commands) => {
                    await runPromise(Effect.flatMap(Maintenance, (m) => m.reset))
                    const model = new Model()
                    await fc.asyncModelRun(() => ({ model, real: {} }), commands)
                    await runPromise(finalCheck(model, definitions))
                  }
                ),
                { numRuns }
              )
            )
          }),
        timeout
      )
    }
  })
}

type RunPromise<R> = <A, E>(effect: Effect.Effect<A, E, R>) => Promise<A>

class HandleCommand<R> implements fc.AsyncCommand<Model, object> {
  constructor(
    readonly aggregate: AnyConformanceAggregate,
    readonly id: string,
    readonly command: unknown,
    readonly key: string | undefined,
    readonly runPromise: RunPromise<R | StoreServices>
  ) {}
  check(): boolean {
    return true
  }
  async run(model: Model): Promise<void> {
    const definition = this.aggregate.definition
    const id = this.id
    const command = this.command
    const key = this.key
    await this.runPromise(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const actual = yield* Effect.either(
          CommandHandler.handle(definition, id, command, key !== undefined ? { idempotencyKey: key } : {})
        )
        const expected = model.handle(definition, id, command, key, new Date(now).toISOString())
        if (expected._tag === "Ok") {
          if (Either.isLeft(actual)) {
            return yield* new ConformanceFailure({ message: `expected success, got ${JSON.stringify(actual.left)}` })
          }
          yield* checkEqual(
            [actual.right.events, actual.right.state, actual.right.version, actual.right.duplicate],
            [expected.events, expected.state, expected.version, expected.duplicate],
            "handled command"
          )
        } else if (expected._tag === "KeyConflict") {
          yield* check(
            Either.isLeft(actual) && actual.left._tag === "IdempotencyKeyConflict",
            "expected IdempotencyKeyConflict"
          )
        } else {
          yield* checkEqual(Either.isLeft(actual) ? actual.left : "success", expected.error, "domain error")
        }
      })
    )
  }
  toString(): string {
    return `handle(${this.aggregate.definition.category}-${this.id}, ${JSON.stringify(this.command)}${this.key !== undefined ? `, key ${this.key}` : ""})`
  }
}

class RebuildCommand<R> implements fc.AsyncCommand<Model, object> {
  constructor(
    readonly definitions: ReadonlyArray<Aggregate.AnyAggregate>,
    readonly runPromise: RunPromise<R | StoreServices>
  ) {}
  check(): boolean {
    return true
  }
  async run(model: Model): Promise<void> {
    const definitions = this.definitions
    await this.runPromise(
      Effect.gen(function* () {
        yield* Rebuild.rebuild(definitions, { batchSize: 7 })
        yield* checkEqual(
          normalise(yield* Effect.flatMap(ReadModels, (rm) => rm.snapshot)),
          model.normalised(),
          "rebuilt read models"
        )
      })
    )
  }
  toString(): string {
    return "rebuild()"
  }
}

class ReadStream<R> implements fc.AsyncCommand<Model, object> {
  constructor(
    readonly aggregate: AnyConformanceAggregate,
    readonly id: string,
    readonly runPromise: RunPromise<R | StoreServices>
  ) {}
  check(): boolean {
    return true
  }
  async run(model: Model): Promise<void> {
    const definition = this.aggregate.definition
    const id = this.id
    await this.runPromise(
      Effect.gen(function* () {
        const loaded = yield* CommandHandler.load(definition, id)
        const s = model.streams.get(streamName({ category: definition.category, id }))
        yield* checkEqual(
          [loaded.events, loaded.state],
          [s?.events ?? [], s?.state ?? definition.decider.initialState],
          "read after write"
        )
      })
    )
  }
  toString(): string {
    return `read(${this.aggregate.definition.category}-${this.id})`
  }
}

const finalCheck = (model: Model, definitions: ReadonlyArray<Aggregate.AnyAggregate>) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const rm = yield* ReadModels
    for (const s of model.streams.values()) {
      const loaded = yield* CommandHandler.load(s.definition, s.stream.id)
      yield* checkEqual(
        [loaded.events, loaded.state, loaded.version],
        [s.events, s.state, s.events.length],
        `stream ${streamName(s.stream)}`
      )
    }
    const log = yield* store.readAll(0)
    yield* checkEqual(
      log.map((e) => e.eventId),
      model.eventIds(),
      "global log order"
    )
    yield* checkEqual(
      log.map((e) => e.position),
      log.map((_, i) => i + 1),
      "gap-free positions"
    )
    yield* checkEqual(yield* store.head, log.length, "head")
    for (const [key, first] of model.keys) {
      const recorded = yield* store.idempotency(key)
      yield* checkEqual(
        Option.map(recorded, (r: AppendResult) => [
          streamName({ category: r.category, id: r.streamId }),
          r.fromVersion,
          r.toVersion
        ]),
        Option.some([first.stream, first.from, first.to]),
        `key ${key}`
      )
    }
    const incremental = normalise(yield* rm.snapshot)
    yield* checkEqual(incremental, model.normalised(), "incremental read models")
    yield* Rebuild.rebuild(definitions)
    yield* checkEqual(normalise(yield* rm.snapshot), incremental, "rebuild == incremental")
  })
