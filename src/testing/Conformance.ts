/**
 * The adapter conformance suite: one call checks that a storage adapter
 * implements the ports as the core expects — examples, properties over
 * random writes and queries against the reference semantics, model-based
 * runs over random command sequences (adapter vs the pure model),
 * concurrency, idempotency, read-after-write, global ordering, outbox and
 * lease, typed errors for corrupt data, atomicity under injected faults,
 * and projection rebuild == incremental read models.
 *
 * Every test's name starts with the number of the rule it checks, as
 * `docs/adapters.md` ("The contract") numbers them: `4.2 idempotency: …`.
 * A failure says the rule, the operation and the first difference (or, for
 * a property, fast-check's shrunk counterexample); every test has a time
 * budget and fails with a message when it is spent instead of hanging.
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
import {
  Clock,
  Duration,
  Effect,
  Either,
  Exit,
  FastCheck as fc,
  type Layer,
  Option,
  Runtime,
  Schema,
  Scope
} from "effect"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import { ConcurrencyConflict } from "../ports/Errors.js"
import {
  type AppendError,
  type AppendResult,
  EventStore,
  Maintenance,
  type NewEvent,
  type StreamRef,
  streamName
} from "../ports/EventStore.js"
import { Outbox } from "../ports/Outbox.js"
import * as Projection from "../ports/Projection.js"
import {
  applyWrites,
  emptySnapshot,
  type IndexValues,
  normalise,
  queryRows,
  readCounter,
  ReadModels,
  type RowQuery,
  type Write
} from "../ports/ReadModels.js"
import * as Rebuild from "../ports/Rebuild.js"
import * as ConformanceAggregates from "./ConformanceAggregates.js"
import * as ConformanceRepeated from "./ConformanceRepeated.js"
import {
  type AnyConformanceAggregate,
  brief,
  check,
  checkEqual,
  ConformanceFailure,
  describeError,
  expectFailure,
  expectSuccess,
  Model
} from "./ConformanceModel.js"
import * as Ledger from "./Ledger.js"

/** The services every adapter provides. */
export type StoreServices = EventStore | ReadModels | Outbox | Maintenance

/**
 * The optional capabilities of an adapter (the `supports` manifest). Each
 * one unlocks the tests of the rules it names; leaving one out skips those
 * tests, and `run` prints one line saying which rules went unchecked.
 */
export interface Supports<R> {
  /**
   * The outbox can lease a relay (rule 9.3): `tryLease` answers `true` to one
   * holder at a time. Default `true`; `false` for a store that cannot lease
   * (its relay must then run as a single instance), and the lease test is
   * not registered.
   */
  readonly lease?: boolean
  /**
   * Overwrites the stored JSON text of an event's payload, to check that
   * reads answer a typed `CorruptEvent` naming the stream and the version
   * (rule 11.2). Without it, rule 11.2 is not checked.
   */
  readonly corruptEvent?: (stream: StreamRef, version: number, payloadText: string) => Effect.Effect<void, unknown, R>
  /**
   * Fault injection between the statements of an append (rule 2.1):
   * `arm(point)` makes the next append fail at that point with a
   * `StorageError` (reason "Injected"); `disarm` clears it; `points` names
   * every point, in order. Without it, atomicity is checked only through
   * failures the kit can cause itself (a conflict, a duplicate event id, an
   * unencodable payload: rules 2.2, 5.1, 6.1).
   */
  readonly faults?: {
    readonly points: ReadonlyArray<string>
    readonly arm: (point: string) => Effect.Effect<void, unknown, R>
    readonly disarm: Effect.Effect<void, unknown, R>
  }
}

/** The capabilities of {@link Supports}, with the rules each one unlocks (for the line `run` prints). */
export const capabilities: ReadonlyArray<{ readonly name: keyof Supports<never>; readonly rules: string }> = [
  { name: "lease", rules: "9.3" },
  { name: "corruptEvent", rules: "11.2" },
  { name: "faults", rules: "2.1 with injected faults" }
]

/**
 * What the kit uses of its runner: `it` from `@effect/vitest` fits. Named
 * structurally, so the kit's declarations need no test runner's types (a
 * CommonJS project type-checking with `skipLibCheck: false` would otherwise
 * meet vitest's own ESM-only declarations).
 */
export interface Runner {
  layer<R, E>(
    layer: Layer.Layer<R, E>,
    options?: { readonly timeout?: Duration.DurationInput }
  ): (name: string, f: (it: RunnerMethods<R>) => void) => void
}

/** The tests a {@link Runner} registers inside a layer block. */
export interface RunnerMethods<R> {
  effect<A, E>(name: string, self: () => Effect.Effect<A, E, R>, timeout?: number): void
}

/** The options of {@link run}. */
export interface RunOptions<ROut, E> {
  /** `it` from `@effect/vitest`. */
  readonly it: Runner
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
  /** Random command sequences per model-based property, and the least runs of every property (default 25). */
  readonly numRuns?: number
  /** Fibers in the concurrency tests (default 8). */
  readonly fibers?: number
  /**
   * The time budget of a model-based or property test in ms (default
   * 60 000); an example test gets at most 30 000 of it, one command of a
   * model-based run a third of it (at most 10 000). A test that spends its
   * budget fails with a message naming the rule and what did not finish.
   */
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
const noIndex: IndexValues = [null, null, null, null]

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

/** The streams the example tests write to: {@link observe} reads each of them. */
const knownStreams: ReadonlyArray<StreamRef> = ["L-1", "L-2", "L-9", "A", "B", "x"].map((id) => ({
  category: "ledger",
  id
}))
/** The idempotency keys the example tests use. */
const knownKeys = ["k-1", "k-2", "k-e", "k-r", "k-x", "k-d", "close-1", "bulk-1", "req-1"]

/**
 * Everything observable in the store, for "nothing changed" checks: the
 * head, the global log, every known stream's version and events as `read`
 * answers them (a store can be half-written in one index and not the
 * other), the known idempotency keys and the read models.
 */
const observe = Effect.gen(function* () {
  const store = yield* EventStore
  const readModels = yield* ReadModels
  const streams: Record<string, unknown> = {}
  for (const s of knownStreams) {
    const events = yield* store.read(s)
    if (events.length > 0 || (yield* store.version(s)) !== 0)
      streams[streamName(s)] = { version: yield* store.version(s), events }
  }
  const keys: Record<string, unknown> = {}
  for (const k of knownKeys) {
    const r = yield* store.idempotency(k)
    if (Option.isSome(r)) keys[k] = r.value
  }
  return {
    head: yield* store.head,
    log: yield* store.readAll(0),
    streams,
    keys,
    readModels: normalise(yield* readModels.snapshot)
  }
})

/**
 * Fails unless the store is as `before`: the message says that something of
 * a failed operation stayed written (a half-written append), and where.
 */
const unchanged = <A>(before: A, after: string) =>
  Effect.flatMap(observe, (now) =>
    Effect.mapError(
      checkEqual(now, before, `${after}: the store changed, but a failed or duplicate operation writes nothing`),
      (e) =>
        new ConformanceFailure({
          ...e,
          message: `${e.message} — something of it stayed written (a half-written append or write)`
        })
    )
  )

const ledgerConformance: AnyConformanceAggregate = {
  definition: Ledger.definition,
  command: Ledger.command,
  ids: ["L-1", "L-2"]
}

/** Prefixes a failure with its rule; any other error escaping a test becomes a failure naming it. */
const explain =
  (rule: string) =>
  (e: unknown): ConformanceFailure =>
    e instanceof ConformanceFailure
      ? e.message.startsWith(`[${rule}]`)
        ? e
        : new ConformanceFailure({ ...e, rule, message: `[${rule}] ${e.message}` })
      : new ConformanceFailure({
          rule,
          message: `[${rule}] an operation failed where the kit expected success: ${describeError(e)}`
        })

/** fast-check's report without stack traces: the counterexample, the shrink count and the error. */
const report = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e))
    .split("\n")
    .filter((line) => !/^\s+at /.test(line) && !line.startsWith("Stack trace"))
    .join("\n")
    .trim()

// ---------------------------------------------------------------------------
// Generators of the properties (small pools, so that equal values, prefixes
// and the orders that differ between code points and UTF-16 meet often)

/** Strings whose code-point order differs from UTF-16 order, locale order and JSON-text order. */
const tricky = ["", "a", "a b", "a!", "ab", "b", "B", "é", "\uFF21", "\u{1F600}", "a\u{1F600}", "a\uFF21"]
const slotPool = ["a", "a b", "a!", "b", "B", "\uFF21", "\u{1F600}"]
const slotValue = fc.option(fc.constantFrom(...slotPool), { nil: null, freq: 4 })
const rowKey = fc.constantFrom("k", "k!", "k0", "kA", "ka", "k\uFF21", "k\u{1F600}", "l")
const rowUpsert = (table: string) =>
  fc
    .record({
      key: rowKey,
      n: fc.integer({ min: 0, max: 9 }),
      index: fc.tuple(slotValue, slotValue, slotValue, slotValue)
    })
    .map(
      ({ index, key, n }): Write => ({ _tag: "RowUpsert", table, key, data: { key, n }, index: index as IndexValues })
    )
const rowWrite = fc.oneof(
  { weight: 8, arbitrary: rowUpsert("t") },
  { weight: 1, arbitrary: rowUpsert("u") },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("t", "u"), rowKey)
      .map(([table, key]): Write => ({ _tag: "RowDelete", table, key }))
  }
)
const counterKey = fc.array(fc.constantFrom(...tricky), { minLength: 1, maxLength: 3 })
const counterWrite = fc
  .record({ counter: fc.constantFrom("c", "d"), key: counterKey, delta: fc.integer({ min: -3, max: 3 }) })
  .map(({ counter, delta, key }): Write => ({ _tag: "CounterIncrement", counter, key, delta }))
const anyWrite = fc.oneof({ weight: 3, arbitrary: rowWrite }, { weight: 2, arbitrary: counterWrite })
/**
 * A condition on a slot; its value is drawn from the values the rows hold in
 * that slot (so bounds equal to a row's value, the edge of gte/lte, come
 * often) and from the pool.
 */
const conditionOver = (held: ReadonlyArray<ReadonlyArray<string>>) =>
  fc.integer({ min: 0, max: 3 }).chain((slot) => {
    const own = held[slot] ?? []
    const pool = fc.constantFrom("", "ab", ...slotPool)
    const values = own.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...own) }, pool) : pool
    return fc.oneof(
      fc.record({ slot: fc.constant(slot), op: fc.constant("eq" as const), value: fc.option(values, { nil: null }) }),
      {
        weight: 2,
        arbitrary: fc.record({
          slot: fc.constant(slot),
          op: fc.constantFrom("gt" as const, "gte" as const, "lt" as const, "lte" as const),
          value: values
        })
      }
    )
  })
/** A row query over rows holding these values per slot: mostly conditions, sometimes an order, a cursor, a limit. */
const rowQueryOver = (held: ReadonlyArray<ReadonlyArray<string>>): fc.Arbitrary<RowQuery> =>
  fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.array(conditionOver(held), { minLength: 1, maxLength: 2 }) },
        { weight: 1, arbitrary: fc.constant([]) }
      ),
      fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 2 }),
      fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: rowKey }),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 }) }
      )
    )
    .map(([where, orderBySlot, afterKey, limit]) => ({
      ...(where.length > 0 ? { where } : {}),
      ...(orderBySlot !== undefined ? { orderBySlot } : {}),
      ...(afterKey !== undefined ? { afterKey } : {}),
      ...(limit !== undefined ? { limit } : {})
    }))
/** Random row writes (several rows of one table, mostly) and queries over the values they hold. */
const rowsAndQueries = fc.array(rowWrite, { minLength: 4, maxLength: 12, size: "max" }).chain((writes) => {
  const held = [0, 1, 2, 3].map((slot) => [
    ...new Set(writes.flatMap((w) => (w._tag === "RowUpsert" ? [w.index[slot] ?? null] : [])).filter((v) => v !== null))
  ]) as ReadonlyArray<ReadonlyArray<string>>
  return fc.tuple(fc.constant(writes), fc.array(rowQueryOver(held), { minLength: 1, maxLength: 4 }))
})

/** Registers the conformance suite for an adapter under `name`. */
export const run = <ROut, E>(name: string, options: RunOptions<ROut, E>): void => {
  const supports = options.supports ?? {}
  const numRuns = options.numRuns ?? 25
  const fibers = options.fibers ?? 8
  const budget = options.timeout ?? 60_000
  const exampleBudget = Math.min(budget, 30_000)
  const commandBudget = Math.min(10_000, Math.max(1_000, Math.floor(budget / 3)))
  const aggregates: ReadonlyArray<AnyConformanceAggregate> = [
    ledgerConformance,
    ...(options.aggregates ?? ConformanceAggregates.areas())
  ]
  const definitions = aggregates.map((a) => a.definition)
  const unchecked = capabilities.filter((c) =>
    c.name === "lease" ? supports.lease === false : supports[c.name] === undefined
  )
  if (unchecked.length > 0) {
    console.log(
      `conformance: ${name} — not checked for want of a supports capability: ${unchecked.map((c) => `${c.name} (rule ${c.rules})`).join(", ")}`
    )
  }
  const reset = Effect.flatMap(Maintenance, (m) => m.reset)

  /** The last operation of a store service that failed in the current test (named in an unexpected failure). */
  let lastFailed: { readonly operation: string; readonly error: unknown } | undefined
  const traced = <S extends object>(name: string, service: S): S =>
    new Proxy(service, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property)
        const note = (args: ReadonlyArray<unknown>) => (error: unknown) =>
          Effect.sync(() => {
            lastFailed = { operation: `${name}.${String(property)}(${args.map((a) => brief(a)).join(", ")})`, error }
          })
        if (Effect.isEffect(value)) return Effect.tapError(value, note([]))
        if (typeof value !== "function") return value
        return (...args: ReadonlyArray<unknown>) => {
          const r: unknown = value.apply(target, args)
          return Effect.isEffect(r) ? Effect.tapError(r, note(args)) : r
        }
      }
    })
  /** The body with the store's services traced (see {@link lastFailed}). */
  const tracing = <A, E2, R>(body: Effect.Effect<A, E2, R>) =>
    body.pipe(
      Effect.provideServiceEffect(
        EventStore,
        Effect.map(EventStore, (s) => traced("EventStore", s))
      ),
      Effect.provideServiceEffect(
        ReadModels,
        Effect.map(ReadModels, (s) => traced("ReadModels", s))
      ),
      Effect.provideServiceEffect(
        Outbox,
        Effect.map(Outbox, (s) => traced("Outbox", s))
      )
    )

  options.it.layer(options.layer, { timeout: "60 seconds" })(`conformance: ${name}`, (it) => {
    /** Fails the test with a message naming the rule when it has not finished within its budget. */
    const within =
      (rule: string, ms: number, what: string) =>
      <A, E2, R>(self: Effect.Effect<A, E2, R>): Effect.Effect<A, ConformanceFailure, R> =>
        self.pipe(
          Effect.timeoutFail({
            duration: Duration.millis(ms),
            onTimeout: () =>
              new ConformanceFailure({
                message: `${what} did not finish within its budget of ${ms} ms (an operation hanging or looping, e.g. readAll answering events at or before its position)`
              })
          }),
          Effect.mapError(explain(rule))
        )

    /** An example test of `rule`, from a reset store, within the example budget. */
    const test = <A, E2>(rule: string, title: string, body: Effect.Effect<A, E2, ROut | StoreServices>) =>
      it.effect(
        `${rule} ${title}`,
        () =>
          Effect.zipRight(
            Effect.zipRight(
              reset,
              Effect.sync(() => {
                lastFailed = undefined
              })
            ),
            tracing(body)
          ).pipe(
            Effect.mapError((e) =>
              e instanceof ConformanceFailure || lastFailed === undefined || lastFailed.error !== e
                ? e
                : new ConformanceFailure({
                    message: `${lastFailed.operation}: expected success, got ${describeError(e)} (when an earlier operation of the test failed as it should, it may have left something written)`
                  })
            ),
            within(rule, exampleBudget, "the test")
          ),
        exampleBudget + 10_000
      )

    /**
     * A property of `rule`: fast-check draws inputs, the store is reset before
     * each, and a failure reports the shrunk counterexample.
     */
    const property = <T>(
      rule: string,
      title: string,
      arbitrary: fc.Arbitrary<T>,
      body: (input: T) => Effect.Effect<void, unknown, ROut | StoreServices>,
      runs = Math.max(numRuns, 40)
    ) =>
      it.effect(
        `${rule} ${title}`,
        () =>
          Effect.flatMap(Effect.runtime<ROut | StoreServices>(), (runtime) =>
            assertProperty(
              runtime,
              (runPromise) =>
                fc.asyncProperty(arbitrary, async (input) => {
                  await runPromise(reset)
                  await runPromise(body(input))
                }),
              runs
            )
          ).pipe(within(rule, budget, "the property")),
        budget + 10_000
      )

    /** Runs a fast-check property with a budget; a failure is fast-check's report (counterexample, shrinks, error). */
    const assertProperty = <R>(
      runtime: Runtime.Runtime<R>,
      make: (runPromise: RunPromise<R>) => fc.IAsyncProperty<any>,
      runs: number
    ) =>
      Effect.tryPromise({
        try: (signal) => {
          const runPromise: RunPromise<R> = (effect) =>
            Runtime.runPromise(runtime)(
              Effect.flatMap(Effect.either(effect), (r) =>
                Either.isRight(r)
                  ? Effect.succeed(r.right)
                  : Effect.die(new Error(r.left instanceof ConformanceFailure ? r.left.message : describeError(r.left)))
              ),
              { signal }
            )
          return fc.assert(make(runPromise), {
            numRuns: runs,
            interruptAfterTimeLimit: Math.max(1_000, budget - 5_000),
            markInterruptAsFailure: true
          })
        },
        catch: (e) => new ConformanceFailure({ message: report(e) })
      })

    // -----------------------------------------------------------------------
    // 1. Streams and versions

    test(
      "1.1 1.2 1.3 1.5",
      "append then read: versions from 1, positions from 1, every field read back; read's fromVersion and toVersion are inclusive",
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* checkEqual(yield* store.version(ledger), 0, "version of a new stream")
        const r = yield* store.append(ledger, 0, [
          raw(ledger, 1, "Opened", { owner: "o", n: [1, 2], nested: { a: null } }),
          raw(ledger, 2),
          raw(ledger, 3)
        ])
        yield* checkEqual(
          r,
          { category: "ledger", streamId: "L-1", fromVersion: 1, toVersion: 3, lastPosition: 3, duplicate: false },
          "append(ledger-L-1, expected 0, 3 events): the AppendResult"
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
            [2, 2, "ledger/L-1/2", "Deposited", { amount: 2 }, "2021-03-15T09:00:00.000Z", "ledger", "L-1"],
            [3, 3, "ledger/L-1/3", "Deposited", { amount: 3 }, "2021-03-15T09:00:00.000Z", "ledger", "L-1"]
          ],
          "read(ledger-L-1)"
        )
        yield* checkEqual(yield* store.version(ledger), 3, "version(ledger-L-1)")
        yield* checkEqual(yield* store.version({ category: "ledger", id: "none" }), 0, "version of an empty stream")
        yield* checkEqual(yield* store.read({ category: "ledger", id: "none" }), [], "read of an empty stream")
        yield* checkEqual(yield* store.head, 3, "head")
        const versions = (o: { readonly fromVersion?: number; readonly toVersion?: number }) =>
          Effect.map(store.read(ledger, o), (es) => es.map((e) => e.version))
        yield* checkEqual(yield* versions({ fromVersion: 2 }), [2, 3], "read(fromVersion 2): fromVersion is inclusive")
        yield* checkEqual(yield* versions({ toVersion: 2 }), [1, 2], "read(toVersion 2): toVersion is inclusive")
        yield* checkEqual(yield* versions({ fromVersion: 2, toVersion: 2 }), [2], "read(fromVersion 2, toVersion 2)")
        const more = yield* store.append(ledger, 3, [raw(ledger, 4)])
        yield* checkEqual(
          [more.fromVersion, more.toVersion, more.lastPosition],
          [4, 4, 4],
          "append(ledger-L-1, expected 3, 1 event): fromVersion, toVersion, lastPosition"
        )
        const none = yield* store.append(ledger, 4, [])
        yield* checkEqual(
          [none.fromVersion, none.toVersion, none.lastPosition, yield* store.head],
          [5, 4, 0, 4],
          "append(ledger-L-1, expected 4, no events): lastPosition 0, nothing appended"
        )
      })
    )

    test(
      "1.4 2.1",
      "a stale or early expected version is a ConcurrencyConflict naming stream, expected and actual; nothing is written",
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* store.append(ledger, 0, [raw(ledger, 1), raw(ledger, 2)])
        const before = yield* observe
        const stale = yield* expectFailure(
          store.append(ledger, 1, [raw({ ...ledger, id: "x" }, 1)], {
            writes: [{ _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }]
          }),
          "ConcurrencyConflict",
          "append(ledger-L-1, stale expected 1) at version 2"
        )
        yield* checkEqual([stale.stream, stale.expected, stale.actual], ["ledger-L-1", 1, 2], "the conflict's fields")
        const fresh = yield* expectFailure(
          store.append(ledger, 0, [raw({ ...ledger, id: "x" }, 1)]),
          "ConcurrencyConflict",
          "append(ledger-L-1, expected 0) on an existing stream"
        )
        yield* checkEqual([fresh.expected, fresh.actual], [0, 2], "the conflict's fields")
        const early = yield* expectFailure(
          store.append(ledger, 5, [raw(ledger, 6)]),
          "ConcurrencyConflict",
          "append(ledger-L-1, early expected 5) at version 2"
        )
        yield* checkEqual([early.expected, early.actual], [5, 2], "the conflict's fields")
        const none = yield* expectFailure(
          store.append({ category: "ledger", id: "L-2" }, 1, [raw({ category: "ledger", id: "L-2" }, 2)]),
          "ConcurrencyConflict",
          "append(ledger-L-2, expected 1) on a new stream"
        )
        yield* checkEqual([none.expected, none.actual], [1, 0], "the conflict's fields")
        yield* unchanged(before, "after the conflicts: nothing written")
      })
    )

    test(
      "1.6",
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
          yield* checkEqual(winners.length, 1, `round ${round}: ${fibers} appends at version ${version}: winners`)
          for (const l of losers) {
            yield* check(
              l.left instanceof ConcurrencyConflict,
              `round ${round}: a losing append answers ConcurrencyConflict, got ${describeError(l.left)}`
            )
          }
          wins.push(results.findIndex(Either.isRight))
          version += 2
        }
        const events = yield* store.read(ledger)
        yield* checkEqual(
          events.map((e) => e.version),
          [1, 2, 3, 4, 5, 6],
          "read(ledger-L-1): contiguous versions"
        )
        yield* checkEqual(
          events.filter((e) => e.version % 2 === 1).map((e) => e.payload),
          wins.map((fiber) => ({ fiber })),
          "read(ledger-L-1): the winners' events"
        )
        yield* checkEqual(
          (yield* store.readAll(0)).map((e) => e.position),
          [1, 2, 3, 4, 5, 6],
          "readAll(0): gap-free positions"
        )
      })
    )

    test(
      "1.7",
      "readMany answers each stream given as read does, in the order given: several categories, an empty stream, a stream twice, more streams than one query's chunk",
      Effect.gen(function* () {
        const store = yield* EventStore
        const other = { category: "other", id: "L-1" }
        const many = Array.from({ length: 1_205 }, (_, i): StreamRef => ({ category: "ledger", id: `M-${i}` }))
        yield* store.appendMany(
          many.map((stream, i) => ({
            stream,
            expectedVersion: 0,
            events: Array.from({ length: 1 + (i % 3) }, (_, v) => raw(stream, v + 1))
          }))
        )
        yield* store.append(ledger, 0, [raw(ledger, 1), raw(ledger, 2)])
        yield* store.append(other, 0, [raw(other, 1, "Opened", { owner: "x" })])
        yield* checkEqual(yield* store.readMany([]), [], "readMany([])")
        const asked: ReadonlyArray<StreamRef> = [
          other,
          { category: "ledger", id: "none" },
          ledger,
          ...many.slice().reverse(),
          other
        ]
        const got = yield* store.readMany(asked)
        const expected = yield* Effect.forEach(asked, (s) => store.read(s))
        yield* checkEqual(got.length, asked.length, "readMany: one list per stream given")
        for (const [i, s] of asked.entries())
          yield* checkEqual(got[i], expected[i], `readMany(...)[${i}] against read(${s.category}-${s.id})`)
      })
    )

    // -----------------------------------------------------------------------
    // 2. One transaction per append

    test(
      "2.2",
      "appendMany is all or nothing (a failing later batch leaves nothing of the earlier ones), answers in batch order, keeps bulk order, and may continue a stream an earlier batch wrote",
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
          },
          { stream: a, expectedVersion: 300, events: [raw(a, 301)] }
        ])
        yield* checkEqual(
          rs.map((r) => [r.streamId, r.fromVersion, r.toVersion, r.lastPosition]),
          [
            ["A", 1, 300, 300],
            ["B", 1, 1, 301],
            ["A", 301, 301, 302]
          ],
          "appendMany([A 300 events, B 1, A again at 300]): the results"
        )
        yield* checkEqual(
          (yield* store.read(a, { fromVersion: 299 })).map((e) => [e.version, e.position]),
          [
            [299, 299],
            [300, 300],
            [301, 302]
          ],
          "read(ledger-A): the continued stream"
        )
        const before = yield* observe
        yield* expectFailure(
          store.appendMany([
            {
              stream: a,
              expectedVersion: 301,
              events: [raw(a, 302)],
              writes: [{ _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }]
            },
            { stream: b, expectedVersion: 0, events: [raw(b, 2)] }
          ]),
          "ConcurrencyConflict",
          "appendMany([A at 301, B stale at 0])"
        )
        yield* unchanged(before, "after the failed appendMany: nothing of the first batch written")
      })
    )

    test(
      "2.3 7.1 8.1 8.3",
      "read-model writes: upsert, replace, delete, counters with negative deltas, in the append's transaction; a counter at zero is still read",
      Effect.gen(function* () {
        const store = yield* EventStore
        const rm = yield* ReadModels
        const writes: ReadonlyArray<Write> = [
          { _tag: "RowUpsert", table: "t", key: "a", data: { v: 1 }, index: ["open", "2021-01", null, null] },
          { _tag: "RowUpsert", table: "t", key: "b", data: { v: 2 }, index: ["open", "2021-02", "d-1", null] },
          { _tag: "RowUpsert", table: "t", key: "a", data: { v: 3 }, index: ["open", "2021-03", null, null] },
          { _tag: "RowUpsert", table: "t", key: "c", data: { v: 4 }, index: noIndex },
          { _tag: "RowDelete", table: "t", key: "c" },
          { _tag: "RowDelete", table: "t", key: "never" },
          { _tag: "RowDelete", table: "t", key: "d" },
          { _tag: "RowUpsert", table: "t", key: "d", data: { v: 5 }, index: ["closed", null, null, null] },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "web"], delta: 5 },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "web"], delta: -2 },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "mail"], delta: -1 },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "fax"], delta: 2 },
          { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "fax"], delta: -2 }
        ]
        yield* store.append(ledger, 0, [raw(ledger, 1)], { writes })
        yield* checkEqual(
          Option.getOrNull(yield* rm.get("t", "a")),
          { table: "t", key: "a", data: { v: 3 }, index: ["open", "2021-03", null, null] },
          "get(t, a) after two upserts: the last one, data and index"
        )
        yield* checkEqual(Option.getOrNull(yield* rm.get("t", "c")), null, "get(t, c) after upsert then delete")
        yield* checkEqual(
          Option.getOrNull(yield* rm.get("t", "d")),
          { table: "t", key: "d", data: { v: 5 }, index: ["closed", null, null, null] },
          "get(t, d) after delete then upsert"
        )
        yield* checkEqual(Option.getOrNull(yield* rm.get("other", "a")), null, "get(other, a): tables are separate")
        yield* checkEqual(
          yield* rm.counters("n"),
          [
            { key: ["2021-03", "fax"], value: 0 },
            { key: ["2021-03", "mail"], value: -1 },
            { key: ["2021-03", "web"], value: 3 }
          ],
          "counters(n): deltas added, ordered by key, the key at zero still read"
        )
        yield* store.append(ledger, 1, [raw(ledger, 2)], {
          writes: [
            { _tag: "CounterIncrement", counter: "n", key: ["2021-03", "mail"], delta: 1 },
            { _tag: "RowUpsert", table: "t", key: "b", data: { v: 6 }, index: ["closed", null, null, null] }
          ]
        })
        yield* checkEqual(
          yield* rm.counters("n", ["2021-03", "mail"]),
          [{ key: ["2021-03", "mail"], value: 0 }],
          "counters(n, [2021-03, mail]) incremented across appends to zero: still read"
        )
        yield* checkEqual(
          Option.getOrNull(yield* rm.get("t", "b")),
          { table: "t", key: "b", data: { v: 6 }, index: ["closed", null, null, null] },
          "get(t, b) replaced by a later append: data and every slot"
        )
      })
    )

    // -----------------------------------------------------------------------
    // 3. Global positions

    test(
      "3.1 3.2",
      "readAll answers the events after a position in global order, with limit and category filter; positions stay gap-free past failed and duplicate appends",
      Effect.gen(function* () {
        const store = yield* EventStore
        const other: StreamRef = { category: "plan", id: "P-1" }
        const l2: StreamRef = { category: "ledger", id: "L-2" }
        yield* store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-1" })
        yield* Effect.either(store.append(ledger, 0, [raw(ledger, 1)]))
        yield* store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-1" })
        yield* Effect.either(store.append(l2, 0, [raw(l2, 1), { ...raw(l2, 2), eventId: "ledger/L-1/1" }]))
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
          "readAll(0) after a conflict, a duplicate and a failed append between the appends"
        )
        yield* checkEqual(yield* store.head, 5, "head")
        yield* checkEqual(
          (yield* store.readAll(2, { limit: 2 })).map((e) => e.position),
          [3, 4],
          "readAll(2, limit 2)"
        )
        yield* checkEqual(
          (yield* store.readAll(1, { categories: ["ledger"] })).map((e) => e.position),
          [4, 5],
          "readAll(1, categories [ledger])"
        )
        yield* checkEqual(
          (yield* store.readAll(0, { categories: ["plan"], limit: 1 })).map((e) => e.position),
          [2],
          "readAll(0, categories [plan], limit 1): the limit counts the category's events"
        )
        yield* checkEqual(yield* store.readAll(5), [], "readAll(5) at the head")
        yield* checkEqual((yield* store.readAll(0, { limit: 0 })).length, 0, "readAll(0, limit 0)")
      })
    )

    // -----------------------------------------------------------------------
    // 4. Idempotency keys

    test(
      "4.1 4.3 4.4 4.5",
      "idempotency keys: a retry answers the first result and writes nothing; a key reused on another stream is refused; an append of no events records its key",
      Effect.gen(function* () {
        const store = yield* EventStore
        const first = yield* store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-1" })
        const before = yield* observe
        const again = yield* store.append(ledger, 1, [raw(ledger, 2)], { idempotencyKey: "k-1" })
        yield* checkEqual(
          again,
          { ...first, duplicate: true },
          "append(ledger-L-1, expected 1, key k-1 used at version 0): the first result"
        )
        yield* checkEqual(
          Option.getOrNull(yield* store.idempotency("k-1")),
          first,
          "idempotency(k-1): the recorded result"
        )
        yield* checkEqual(Option.getOrNull(yield* store.idempotency("k-none")), null, "idempotency of an unknown key")
        const conflict = yield* expectFailure(
          store.append({ category: "ledger", id: "L-9" }, 0, [raw({ category: "ledger", id: "L-9" }, 1)], {
            idempotencyKey: "k-1",
            writes: [{ _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }]
          }),
          "IdempotencyKeyConflict",
          "append(ledger-L-9, key k-1 of ledger-L-1)"
        )
        yield* checkEqual(
          [conflict.key, conflict.stream, conflict.firstStream],
          ["k-1", "ledger-L-9", "ledger-L-1"],
          "the conflict's fields"
        )
        yield* unchanged(before, "after the retry and the conflict: nothing written")
        const empty = yield* store.append(ledger, 1, [], { idempotencyKey: "k-2" })
        yield* checkEqual(
          [empty.fromVersion, empty.toVersion, empty.lastPosition, empty.duplicate],
          [2, 1, 0, false],
          "append(ledger-L-1, expected 1, no events, key k-2)"
        )
        yield* checkEqual(
          Option.getOrNull(yield* store.idempotency("k-2")),
          empty,
          "idempotency(k-2): an append of no events records its key"
        )
        yield* store.append(ledger, 1, [raw(ledger, 2)])
        yield* checkEqual(
          yield* store.append(ledger, 2, [], { idempotencyKey: "k-2" }),
          { ...empty, duplicate: true },
          "append(ledger-L-1, no events, key k-2 again): the first result"
        )
      })
    )

    test(
      "4.1 4.2",
      "idempotency: a retry with a stale expected version answers the first result, and its read-model writes are not applied again",
      Effect.gen(function* () {
        const store = yield* EventStore
        const rm = yield* ReadModels
        const writes = (n: number): ReadonlyArray<Write> => [
          { _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 },
          { _tag: "RowUpsert", table: "t", key: "r", data: { n }, index: [`${n}`, null, null, null] }
        ]
        const first = yield* store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-1", writes: writes(1) })
        yield* store.append(ledger, 1, [raw(ledger, 2)])
        const before = yield* observe
        const retried = yield* expectSuccess(
          store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-1", writes: writes(2) }),
          "append(ledger-L-1, stale expected 0, key k-1 used at version 0)",
          "a retry of an append that succeeded answers its first result, whatever the stream's version now (check the key before the version)"
        )
        yield* checkEqual(retried, { ...first, duplicate: true }, "the retry with a stale expected version")
        const current = yield* store.append(ledger, 2, [raw(ledger, 3)], { idempotencyKey: "k-1", writes: writes(3) })
        yield* checkEqual(current, { ...first, duplicate: true }, "the retry at the current version")
        yield* checkEqual(
          yield* rm.counters("c"),
          [{ key: ["x"], value: 1 }],
          "counters(c) after two retries: the retries' counter writes are not applied"
        )
        yield* unchanged(before, "after the retries: nothing written")
        const many = yield* store.appendMany([
          { stream: ledger, expectedVersion: 0, events: [raw(ledger, 1)], idempotencyKey: "k-1", writes: writes(4) },
          {
            stream: { category: "ledger", id: "L-2" },
            expectedVersion: 0,
            events: [raw({ category: "ledger", id: "L-2" }, 1)]
          }
        ])
        yield* checkEqual(
          many.map((r) => [r.streamId, r.duplicate, r.toVersion]),
          [
            ["L-1", true, 1],
            ["L-2", false, 1]
          ],
          "appendMany([a retry of k-1, a new stream]): the first result, then the new append"
        )
        yield* checkEqual(yield* rm.counters("c"), [{ key: ["x"], value: 1 }], "counters(c) after the appendMany")
      })
    )

    test(
      "4.5",
      "a failed append records no idempotency key; the same key then applies",
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* store.append(ledger, 0, [raw(ledger, 1)])
        yield* expectFailure(
          store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-d" }),
          "ConcurrencyConflict",
          "append(ledger-L-1, stale expected 0, key k-d)"
        )
        yield* checkEqual(
          Option.getOrNull(yield* store.idempotency("k-d")),
          null,
          "idempotency(k-d) after a conflict: no key recorded"
        )
        const applied = yield* store.append(ledger, 1, [raw(ledger, 2)], { idempotencyKey: "k-d" })
        yield* checkEqual(
          [applied.duplicate, applied.toVersion],
          [false, 2],
          "append(ledger-L-1, expected 1, key k-d) after the conflict: applied"
        )
      })
    )

    // -----------------------------------------------------------------------
    // 5. Event ids, 6. Encoding

    test(
      "5.1 2.1",
      "an event id already stored, at any place of an append or an appendMany, is a StorageError (Constraint) and leaves nothing of the append",
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* store.append(ledger, 0, [raw(ledger, 1)])
        const before = yield* observe
        const other: StreamRef = { category: "ledger", id: "L-2" }
        const a: StreamRef = { category: "ledger", id: "A" }
        const options = {
          idempotencyKey: "k-x",
          writes: [
            { _tag: "RowUpsert", table: "t", key: "k", data: { a: 1 }, index: ["x", null, null, null] },
            { _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }
          ] satisfies ReadonlyArray<Write>
        }
        const cases: ReadonlyArray<readonly [string, Effect.Effect<unknown, AppendError>]> = [
          [
            "append(ledger-L-2, [a new id, an id stored in ledger-L-1])",
            store.append(other, 0, [raw(other, 1), { ...raw(other, 2), eventId: "ledger/L-1/1" }], options)
          ],
          [
            "append(ledger-L-2, [2 new ids, the third stored in ledger-L-1])",
            store.append(
              other,
              0,
              [raw(other, 1), raw(other, 2), { ...raw(other, 3), eventId: "ledger/L-1/1" }],
              options
            )
          ],
          [
            "append(ledger-L-2, [an id, the same id again])",
            store.append(other, 0, [raw(other, 1), raw(other, 1)], options)
          ],
          [
            "appendMany([ledger-A: a new id, ledger-L-2: the id of ledger-A's event])",
            store.appendMany([
              { stream: a, expectedVersion: 0, events: [raw(a, 1)], ...options },
              {
                stream: other,
                expectedVersion: 0,
                events: [raw(other, 1), { ...raw(other, 2), eventId: "ledger/A/1" }]
              }
            ])
          ],
          [
            "appendMany([ledger-L-1 at 1: a new id, ledger-L-2: an id stored before])",
            store.appendMany([
              { stream: ledger, expectedVersion: 1, events: [raw(ledger, 2)], ...options },
              { stream: other, expectedVersion: 0, events: [{ ...raw(other, 1), eventId: "ledger/L-1/1" }] }
            ])
          ]
        ]
        for (const [what, effect] of cases) {
          const error = yield* expectFailure(effect, "StorageError", what)
          yield* check(error.reason === "Constraint", `${what}: reason Constraint, got ${error.reason}`)
          yield* unchanged(before, `after ${what}: nothing written`)
        }
      })
    )

    test(
      "6.1 2.1 7.5",
      "an event payload or a row whose JSON encoding throws is a StorageError (Constraint) and leaves nothing half-written, in an append or a write",
      Effect.gen(function* () {
        const store = yield* EventStore
        const rm = yield* ReadModels
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
          "append(ledger-L-2, [an event, a payload that cannot be encoded])"
        )
        yield* check(badEvent.reason === "Constraint", `reason Constraint, got ${badEvent.reason}`)
        const undefinedPayload = yield* expectFailure(
          store.append(other, 0, [{ ...raw(other, 1), payload: undefined }]),
          "StorageError",
          "append(ledger-L-2, [a payload that is not JSON data: undefined])"
        )
        yield* check(undefinedPayload.reason === "Constraint", `reason Constraint, got ${undefinedPayload.reason}`)
        const badRow = yield* expectFailure(
          store.append(ledger, 1, [raw(ledger, 2)], {
            idempotencyKey: "k-r",
            writes: [
              { _tag: "RowUpsert", table: "t", key: "fine", data: { a: 1 }, index: noIndex },
              { _tag: "RowUpsert", table: "t", key: "bad", data: exploding, index: noIndex }
            ]
          }),
          "StorageError",
          "append(ledger-L-1, writes [a row, a row that cannot be encoded])"
        )
        yield* check(badRow.reason === "Constraint", `reason Constraint, got ${badRow.reason}`)
        const badWrite = yield* expectFailure(
          rm.write([
            { _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 },
            { _tag: "RowUpsert", table: "t", key: "fine", data: { a: 1 }, index: noIndex },
            { _tag: "RowUpsert", table: "t", key: "bad", data: exploding, index: noIndex }
          ]),
          "StorageError",
          "write([a counter, a row, a row that cannot be encoded])"
        )
        yield* check(badWrite.reason === "Constraint", `reason Constraint, got ${badWrite.reason}`)
        yield* unchanged(before, "after the failures: nothing written, no key recorded")
      })
    )

    // -----------------------------------------------------------------------
    // 7. Read models: rows; 8. counters

    test(
      "7.2 7.3 7.4",
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
          "query(eq slot 0 open, lte slot 1 2021-03-01): lte includes the bound, nulls never match a range"
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
          "query(gte slot 1 2021-02-28, order by slot 1): gte includes the bound"
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
      "7.2 7.3 7.6 8.2",
      "strings compare by code point (not UTF-16 units, not locale): slots, keys and counter keys",
      Effect.gen(function* () {
        const rm = yield* ReadModels
        const astral = "\u{1F600}"
        const wide = "\uFF21"
        yield* rm.write([
          { _tag: "RowUpsert", table: "q", key: astral, data: 1, index: [astral, null, null, null] },
          { _tag: "RowUpsert", table: "q", key: wide, data: 2, index: [wide, null, null, null] },
          { _tag: "RowUpsert", table: "q", key: "B", data: 3, index: ["B", null, null, null] },
          { _tag: "RowUpsert", table: "q", key: "a", data: 4, index: ["a", null, null, null] },
          { _tag: "CounterIncrement", counter: "n", key: ["a", astral], delta: 1 },
          { _tag: "CounterIncrement", counter: "n", key: ["a", wide], delta: 1 },
          { _tag: "CounterIncrement", counter: "n", key: ["a!", "x"], delta: 1 },
          { _tag: "CounterIncrement", counter: "n", key: ["a b", "a"], delta: 1 },
          { _tag: "CounterIncrement", counter: "n", key: ["a", "z"], delta: 1 },
          { _tag: "CounterIncrement", counter: "n", key: ["a"], delta: 1 }
        ])
        const keys = (q: RowQuery) => Effect.map(rm.query("q", q), (rs) => rs.map((r) => r.key))
        yield* checkEqual(yield* keys({}), ["B", "a", wide, astral], "query(q, {}): by key in code-point order")
        yield* checkEqual(
          yield* keys({ orderBySlot: 0 }),
          ["B", "a", wide, astral],
          "query(q, order by slot 0): code-point order"
        )
        yield* checkEqual(
          yield* keys({ where: [{ slot: 0, op: "gt", value: wide }] }),
          [astral],
          "query(q, gt slot 0 U+FF21): U+1F600 is after U+FF21"
        )
        yield* checkEqual(yield* keys({ afterKey: wide }), [astral], "query(q, afterKey U+FF21)")
        yield* checkEqual(
          (yield* rm.counters("n")).map((c) => c.key),
          [["a"], ["a", "z"], ["a", wide], ["a", astral], ["a b", "a"], ["a!", "x"]],
          "counters(n): keys ordered element by element (a shorter key first), each by code point — not by their JSON or joined text"
        )
      })
    )

    property(
      "7.2 7.3",
      "row queries answer what the reference semantics (Ports.ReadModels.queryRows) answer, for random rows and queries",
      rowsAndQueries,
      ([writes, queries]) =>
        Effect.gen(function* () {
          const rm = yield* ReadModels
          yield* rm.write(writes)
          const reference = applyWrites(emptySnapshot, writes)
          for (const q of queries) {
            yield* checkEqual(
              (yield* rm.query("t", q)).map((r) => [r.key, r.index]),
              queryRows(reference, "t", q).map((r) => [r.key, r.index]),
              `query(t, ${brief(q)})`
            )
          }
        }),
      Math.max(numRuns, 60)
    )

    property(
      "8.1 8.2 8.3",
      "counters answer what the reference semantics (Ports.ReadModels.readCounter) answer: sums, prefixes, key order, zero-valued entries",
      fc.tuple(
        fc.array(fc.array(counterWrite, { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(fc.constantFrom(...tricky), { maxLength: 2 }), { minLength: 1, maxLength: 3 })
      ),
      ([appends, prefixes]) =>
        Effect.gen(function* () {
          const store = yield* EventStore
          const rm = yield* ReadModels
          let version = 0
          for (const writes of appends) {
            yield* store.append(ledger, version, [raw(ledger, version + 1)], { writes })
            version += 1
          }
          const reference = applyWrites(emptySnapshot, appends.flat())
          for (const counter of ["c", "d"]) {
            for (const prefix of [[], ...prefixes]) {
              yield* checkEqual(
                yield* rm.counters(counter, prefix),
                readCounter(reference, counter, prefix),
                `counters(${counter}, ${brief(prefix)})`
              )
            }
          }
        })
    )

    property(
      "2.3 7.1 7.5",
      "rows and counters written through appends and write equal the reference semantics (Ports.ReadModels.applyWrites)",
      fc.array(fc.tuple(fc.boolean(), fc.array(anyWrite, { maxLength: 8 })), { minLength: 1, maxLength: 4 }),
      (steps) =>
        Effect.gen(function* () {
          const store = yield* EventStore
          const rm = yield* ReadModels
          let version = 0
          for (const [viaAppend, writes] of steps) {
            if (viaAppend) {
              yield* store.append(ledger, version, [raw(ledger, version + 1)], { writes })
              version += 1
            } else yield* rm.write(writes)
          }
          const reference = applyWrites(
            emptySnapshot,
            steps.flatMap(([, w]) => w)
          )
          yield* checkEqual(
            normalise(yield* rm.snapshot),
            normalise(reference),
            `snapshot after ${steps.map(([a, w]) => `${a ? "append" : "write"}(${w.length} writes)`).join(", ")}`
          )
          for (const [table, key] of [
            ["t", "k"],
            ["u", "k!"],
            ["t", "k\u{1F600}"]
          ] as const) {
            yield* checkEqual(
              Option.getOrNull(yield* rm.get(table, key)),
              reference.rows.get(table)?.get(key) ?? null,
              `get(${table}, ${key})`
            )
          }
        })
    )

    // -----------------------------------------------------------------------
    // 10. Maintenance

    test(
      "10.1",
      "reset deletes every event, stream, key, row, counter and relay checkpoint",
      Effect.gen(function* () {
        const store = yield* EventStore
        const rm = yield* ReadModels
        const outbox = yield* Outbox
        yield* store.append(ledger, 0, [raw(ledger, 1), raw(ledger, 2)], {
          idempotencyKey: "k-1",
          writes: [
            { _tag: "RowUpsert", table: "t", key: "a", data: 1, index: noIndex },
            { _tag: "CounterIncrement", counter: "c", key: ["x"], delta: 1 }
          ]
        })
        yield* outbox.acknowledge("nats", 2)
        yield* reset
        yield* checkEqual(
          {
            head: yield* store.head,
            log: yield* store.readAll(0),
            version: yield* store.version(ledger),
            events: yield* store.read(ledger),
            key: Option.getOrNull(yield* store.idempotency("k-1")),
            snapshot: normalise(yield* rm.snapshot),
            checkpoint: yield* outbox.checkpoint("nats")
          },
          {
            head: 0,
            log: [],
            version: 0,
            events: [],
            key: null,
            snapshot: { rows: [], counters: [] },
            checkpoint: 0
          },
          "after reset"
        )
        const again = yield* store.append(ledger, 0, [raw(ledger, 1)], { idempotencyKey: "k-1" })
        yield* checkEqual(
          [again.lastPosition, again.duplicate],
          [1, false],
          "append after reset: position 1, the key is new again"
        )
      })
    )

    test(
      "12.1",
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
      "7.5",
      "write, clear and snapshot: clear deletes only the tables and counters it names",
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
    // 12. The generic machinery over the store

    test(
      "12.1",
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
        yield* unchanged(before, "nothing written")
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
      "12.1 4.1",
      "the command handler with an idempotency key applies once and answers the first result",
      Effect.gen(function* () {
        const open = Ledger.Open.make({ owner: "o-1", division: "d-1", at })
        const first = yield* CommandHandler.handle(Ledger.definition, "L-1", open, { idempotencyKey: "req-1" })
        const before = yield* observe
        const again = yield* CommandHandler.handle(Ledger.definition, "L-1", open, { idempotencyKey: "req-1" })
        yield* checkEqual(again, { ...first, duplicate: true }, "same result, not AlreadyOpen")
        yield* unchanged(before, "applied once")
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
      "12.1",
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
        yield* unchanged(before, "nothing written")
      })
    )

    test(
      "1.6 12.1",
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

    test(
      "9.1 9.2",
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
        "9.3",
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
        "11.2",
        "a corrupt stored event is a typed CorruptEvent naming the stream and the version",
        Effect.gen(function* () {
          const store = yield* EventStore
          // another stream first, so that the corrupt event's position (3) differs from its version (2)
          yield* CommandHandler.handle(
            Ledger.definition,
            "L-2",
            Ledger.Open.make({ owner: "o-2", division: "d-1", at })
          )
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
          "2.1",
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
            yield* unchanged(before, "nothing written")
            yield* checkEqual(Option.isNone(yield* store.idempotency("close-1")), true, "key not recorded")
            const retried = yield* expectSuccess(
              CommandHandler.handle(Ledger.definition, "L-1", Ledger.Close.make({ at }), { idempotencyKey: "close-1" }),
              `handle(ledger-L-1, Close, key close-1) again after the fault at "${point}"`,
              "the store still holds part of the append that failed (a half-written append)"
            )
            yield* checkEqual([retried.version, retried.duplicate], [4, false], "the retry after the fault applies")
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
            yield* unchanged(beforeBulk, "nothing of the bulk append written")
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
    // 12.3 Repeated appeals (with the appeal aggregate)

    if (aggregates.some((a) => a.definition.category === AppealRecords.category)) {
      test(
        "12.3",
        "repeated appeals, a worked example: the same citizen written differently is marked repeated and linked, a namesake at another address is not",
        Effect.flatMap(ConformanceRepeated.check(ConformanceRepeated.example), (marks) =>
          checkEqual(marks, ConformanceRepeated.exampleMarks, "the example's marks")
        )
      )
      property(
        "12.3",
        "repeated appeals: every registration is marked exactly as Repeated.mark over every earlier appeal says (names, addresses and e-mails varied in case, ё/е and punctuation); the applicants' read model rebuilt equals the incremental one and holds no personal data in clear",
        ConformanceRepeated.timeline,
        (t) => Effect.asVoid(ConformanceRepeated.check(t)),
        numRuns
      )
    }

    // -----------------------------------------------------------------------
    // 12.2 Model-based

    for (const agg of aggregates) {
      it.effect(
        `12.2 model-based: random ${agg.definition.category} command sequences give the model's states, log, keys and read models; rebuild == incremental`,
        () =>
          Effect.gen(function* () {
            const runtime = yield* Effect.runtime<ROut | StoreServices>()
            const ids = agg.ids ?? ["A-1", "A-2", "A-3"]
            const keyArb = fc.option(fc.constantFrom("k-1", "k-2", "k-3", "k-4"), { nil: undefined, freq: 3 })
            yield* assertProperty(
              runtime,
              (runPromise) => {
                const step: RunPromise<ROut | StoreServices> = (effect) =>
                  runPromise(within("12.2", commandBudget, "one command of the run")(effect))
                const handleArb = fc
                  .tuple(fc.constantFrom(...ids), agg.command, keyArb)
                  .map(([id, command, key]) => new HandleCommand(agg, id, command, key, step))
                const rebuildArb = fc.constant(new RebuildCommand(definitions, step))
                const readArb = fc.constantFrom(...ids).map((id) => new ReadStream(agg, id, step))
                return fc.asyncProperty(
                  fc.commands([handleArb, handleArb, handleArb, rebuildArb, readArb], { maxCommands: 40, size: "max" }),
                  async (commands) => {
                    await runPromise(reset)
                    const model = new Model()
                    await fc.asyncModelRun(() => ({ model, real: {} }), commands)
                    await step(finalCheck(model, definitions))
                  }
                )
              },
              numRuns
            ).pipe(within("12.2", budget, "the model-based run"))
          }),
        budget + 10_000
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
    const operation = this.toString()
    await this.runPromise(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const actual = yield* Effect.either(
          CommandHandler.handle(definition, id, command, key !== undefined ? { idempotencyKey: key } : {})
        )
        const expected = model.handle(definition, id, command, key, new Date(now).toISOString())
        if (expected._tag === "Ok") {
          if (Either.isLeft(actual)) {
            return yield* new ConformanceFailure({
              message: `${operation}: expected success (${expected.duplicate ? "the first result of its key" : `${expected.events.length} event(s), version ${expected.version}`}), got ${describeError(actual.left)}${
                actual.left !== null &&
                typeof actual.left === "object" &&
                "_tag" in actual.left &&
                actual.left._tag === "ConcurrencyConflict"
                  ? ""
                  : " — the store answered a state the model does not have: an earlier append half-written, or read answering other events"
              }`
            })
          }
          yield* checkEqual(
            {
              events: actual.right.events,
              state: actual.right.state,
              version: actual.right.version,
              duplicate: actual.right.duplicate
            },
            {
              events: expected.events,
              state: expected.state,
              version: expected.version,
              duplicate: expected.duplicate
            },
            operation
          )
        } else if (expected._tag === "KeyConflict") {
          yield* check(
            Either.isLeft(actual) && actual.left._tag === "IdempotencyKeyConflict",
            `${operation}: expected IdempotencyKeyConflict (its key was used on another stream), got ${Either.isLeft(actual) ? describeError(actual.left) : "success"}`
          )
        } else {
          yield* checkEqual(
            Either.isLeft(actual) ? actual.left : "success",
            expected.error,
            `${operation}: the domain error`
          )
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
          "rebuild(): the rebuilt read models"
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
          `read(${streamName({ category: definition.category, id })}) after write: events and state`
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
        `load(${streamName(s.stream)}) after the run`
      )
    }
    const log = yield* store.readAll(0)
    yield* checkEqual(
      log.map((e) => e.eventId),
      model.eventIds(),
      "readAll(0) after the run: the global log order"
    )
    yield* checkEqual(
      log.map((e) => e.position),
      log.map((_, i) => i + 1),
      "readAll(0) after the run: gap-free positions"
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
        `idempotency(${key}) after the run`
      )
    }
    const incremental = normalise(yield* rm.snapshot)
    yield* checkEqual(incremental, model.normalised(), "the incremental read models after the run")
    yield* Rebuild.rebuild(definitions)
    yield* checkEqual(normalise(yield* rm.snapshot), incremental, "rebuild(): rebuild == incremental")
  })
