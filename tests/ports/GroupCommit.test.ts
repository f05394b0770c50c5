import { describe, expect, it } from "@effect/vitest"
import { Cause, Deferred, Effect, Either, Exit, FastCheck as fc, Fiber, Option, Scope } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { ConcurrencyConflict, IdempotencyKeyConflict, StorageError } from "../../src/ports/Errors.js"
import {
  type AppendBatch,
  type AppendError,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type StreamRef,
  streamName
} from "../../src/ports/EventStore.js"
import * as GroupCommit from "../../src/ports/GroupCommit.js"
import type { Write } from "../../src/ports/ReadModels.js"
import { atLeast } from "../support/runs.js"

// The memory store under group commit, wrapped so that groups really form: every inner
// `appendMany` records the batches it was given, then yields to the other fibers before it
// writes (as a database round trip would), and can be held at a gate or made to fail.

interface Seen {
  /** The batches of every inner `appendMany`, in call order. */
  readonly calls: Array<ReadonlyArray<AppendBatch>>
  /** Calls of more than one batch that committed. */
  committedGroups: number
  /** Calls of more than one batch that failed (their members were then appended alone). */
  failedGroups: number
}

interface Hooks {
  /** Yields before the inner write (default 3). */
  readonly yields?: number
  /** Runs before the inner write: may wait (a gate) or fail (a storage failure). */
  readonly before?: (batches: ReadonlyArray<AppendBatch>, call: number) => Effect.Effect<void, AppendError>
}

const observed = (inner: EventStore.Service, seen: Seen, hooks: Hooks = {}): EventStore.Service => ({
  ...inner,
  appendMany: (batches) =>
    Effect.gen(function* () {
      const call = seen.calls.push(batches) - 1
      for (let i = 0; i < (hooks.yields ?? 3); i++) yield* Effect.yieldNow()
      if (hooks.before !== undefined) yield* hooks.before(batches, call)
      return yield* inner.appendMany(batches)
    }).pipe(
      Effect.tapBoth({
        onFailure: () => Effect.sync(() => void (batches.length > 1 && seen.failedGroups++)),
        onSuccess: () => Effect.sync(() => void (batches.length > 1 && seen.committedGroups++))
      })
    )
})

/** A fresh memory store (`m`, read directly) and the group-commit store over it (`store`), in the current scope. */
const setup = (options: GroupCommit.GroupCommitOptions = {}, hooks: Hooks = {}) =>
  Effect.gen(function* () {
    const m = yield* MemoryStore.make
    const seen: Seen = { calls: [], committedGroups: 0, failedGroups: 0 }
    const store = yield* GroupCommit.make(observed(m.store, seen, hooks), options)
    return { m, seen, store }
  })

const sizes = (seen: Seen) => seen.calls.map((c) => c.length)

const stream = (id: string): StreamRef => ({ category: "s", id })
const event = (eventId: string): NewEvent => ({
  eventId,
  type: "Happened",
  payload: { eventId },
  recordedAt: "2021-03-15T09:00:00.000Z"
})
const storedIds = (m: Effect.Effect.Success<typeof MemoryStore.make>) =>
  Effect.map(m.store.readAll(0), (es) => es.map((e) => e.eventId))

/** Lets the forked fibers run up to their wait (they are scheduled first in, first out). */
const settle = Effect.repeatN(Effect.yieldNow(), 50)

/** A gate the inner store waits at on its first call: the writer is busy while the test queues appends. */
const gateOnFirstCall = (gate: Deferred.Deferred<void>): Hooks => ({
  before: (_, call) => (call === 0 ? Deferred.await(gate) : Effect.void)
})

/** Waits until the writer has handed its first group to the inner store. */
const untilCalls = (seen: Seen, n: number) =>
  Effect.gen(function* () {
    for (let i = 0; i < 1000 && seen.calls.length < n; i++) yield* Effect.yieldNow()
    expect(seen.calls.length).toBeGreaterThanOrEqual(n)
  })

// ---------------------------------------------------------------------------
// The model-based property

interface Op {
  readonly stream: number
  readonly expectedVersion: number
  readonly events: number
  readonly key: string | undefined
}

const STREAMS = 3

const scenario = fc
  .record({
    ops: fc.array(
      fc.record({
        stream: fc.integer({ min: 0, max: STREAMS - 1 }),
        // mostly the version the stream would have if the earlier appends all applied in order
        // (so that whole groups can commit), sometimes any version
        next: fc.boolean().chain((b) => (b ? fc.constant(true) : fc.boolean())),
        anyVersion: fc.integer({ min: 0, max: 4 }),
        events: fc.constantFrom(0, 1, 1, 2, 2, 3),
        key: fc.option(fc.constantFrom("k-0", "k-1", "k-2", "k-3"), { nil: undefined, freq: 2 })
      }),
      { minLength: 2, maxLength: 24 }
    ),
    maxBatches: fc.integer({ min: 1, max: 8 }),
    yields: fc.integer({ min: 0, max: 4 })
  })
  .map(({ maxBatches, ops, yields }) => {
    const planned = Array.from({ length: STREAMS }, () => 0)
    const out: Array<Op> = ops.map((o) => {
      const expectedVersion = o.next ? (planned[o.stream] ?? 0) : o.anyVersion
      planned[o.stream] = expectedVersion + o.events
      return { stream: o.stream, expectedVersion, events: o.events, key: o.key }
    })
    return { ops: out, maxBatches, yields }
  })

const refOf = (op: Op) => stream(`S-${op.stream}`)
const idsOf = (i: number, op: Op) => Array.from({ length: op.events }, (_, j) => `op-${i}/${j}`)
const writesOf = (i: number, op: Op): ReadonlyArray<Write> => [
  {
    _tag: "RowUpsert",
    table: "ops",
    key: `op-${i}`,
    data: { op: i },
    index: [streamName(refOf(op)), null, null, null]
  },
  { _tag: "CounterIncrement", counter: "appends", key: [streamName(refOf(op))], delta: 1 }
]
const appendOp = (store: EventStore.Service, i: number, op: Op) =>
  store.append(refOf(op), op.expectedVersion, idsOf(i, op).map(event), {
    writes: writesOf(i, op),
    ...(op.key !== undefined ? { idempotencyKey: op.key } : {})
  })
/** The op an inner batch belongs to (its row write names it). */
const opOfBatch = (b: AppendBatch): number => {
  const w = b.writes?.find((x) => x._tag === "RowUpsert")
  return w !== undefined && w._tag === "RowUpsert" ? Number(w.key.slice(3)) : -1
}

/** An answer as plain data, comparable with `toEqual`. */
const plain = (answer: Either.Either<AppendResult, AppendError>) =>
  Either.match(answer, {
    onRight: (r) => ({ ok: r }),
    onLeft: (e) =>
      e._tag === "ConcurrencyConflict"
        ? { error: e._tag, stream: e.stream, expected: e.expected, actual: e.actual }
        : e._tag === "IdempotencyKeyConflict"
          ? { error: e._tag, key: e.key, stream: e.stream, firstStream: e.firstStream }
          : { error: e._tag, reason: e.reason, message: e.message }
  })

const everything = (m: Effect.Effect.Success<typeof MemoryStore.make>, keys: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const versions: Array<number> = []
    for (let s = 0; s < STREAMS; s++) versions.push(yield* m.store.version(stream(`S-${s}`)))
    const recorded: Array<Option.Option<AppendResult>> = []
    for (const k of keys) recorded.push(yield* m.store.idempotency(k))
    return {
      log: yield* m.store.readAll(0),
      head: yield* m.store.head,
      versions,
      recorded,
      snapshot: yield* m.readModels.snapshot
    }
  })

describe("GroupCommit", () => {
  it.effect(
    "model-based: concurrent appends with random versions and shared keys — every caller's answer is what the store holds, and equals a one-at-a-time store's in arrival order",
    () =>
      Effect.gen(function* () {
        const totals = {
          runs: 0,
          groupsOverOne: 0,
          committedGroups: 0,
          failedGroups: 0,
          successes: 0,
          duplicates: 0,
          conflicts: 0,
          keyConflicts: 0
        }
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(scenario, ({ maxBatches, ops, yields }) =>
              Effect.runPromise(
                Effect.scoped(
                  Effect.gen(function* () {
                    const { m, seen, store } = yield* setup({ maxBatches }, { yields })
                    // every append on its own fiber, started in order: each runs up to its wait (offering its
                    // append) before the next starts, so the arrival order is the ops' order (checked below)
                    const arrivals: Array<number> = []
                    const fibers = yield* Effect.forEach(ops, (op, i) =>
                      Effect.fork(Effect.suspend(() => (arrivals.push(i), Effect.either(appendOp(store, i, op)))))
                    )
                    const answers = yield* Effect.forEach(fibers, Fiber.join)
                    const keys = [...new Set(ops.flatMap((o) => (o.key === undefined ? [] : [o.key])))]
                    const after = yield* everything(m, keys)
                    const log = after.log
                    const stored = new Set(log.map((e) => e.eventId))

                    // groups: never more than maxBatches, and the inner store saw the appends in arrival order
                    const arrival = ops.map((_, i) => i)
                    expect(arrivals).toEqual(arrival)
                    for (const c of seen.calls) expect(c.length).toBeLessThanOrEqual(maxBatches)
                    const firstSeen: Array<number> = []
                    for (const c of seen.calls)
                      for (const b of c) if (!firstSeen.includes(opOfBatch(b))) firstSeen.push(opOfBatch(b))
                    expect(firstSeen).toEqual(arrival)

                    // positions gap-free, each stream's versions in order
                    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1))
                    expect(after.head).toBe(log.length)
                    for (let s = 0; s < STREAMS; s++) {
                      const versions = log.filter((e) => e.streamId === `S-${s}`).map((e) => e.version)
                      expect(versions).toEqual(versions.map((_, i) => i + 1))
                      expect(after.versions[s]).toBe(versions.length)
                    }

                    // each caller's answer against the store
                    const rows = new Set((after.snapshot.rows.get("ops") ?? new Map()).keys())
                    const written = new Set<string>()
                    const firstOfKey = new Map<string, AppendResult>()
                    for (const [i, op] of ops.entries()) {
                      const answer = answers[i] as Either.Either<AppendResult, AppendError>
                      const ids = idsOf(i, op)
                      const name = streamName(refOf(op))
                      if (Either.isRight(answer) && !answer.right.duplicate) {
                        const r = answer.right
                        totals.successes++
                        expect([r.category, r.streamId, r.fromVersion, r.toVersion]).toEqual([
                          "s",
                          `S-${op.stream}`,
                          op.expectedVersion + 1,
                          op.expectedVersion + op.events
                        ])
                        const mine = yield* m.store.read(refOf(op), {
                          fromVersion: r.fromVersion,
                          toVersion: r.toVersion
                        })
                        expect(mine.map((e) => [e.eventId, e.version])).toEqual(
                          ids.map((id, j) => [id, r.fromVersion + j])
                        )
                        const positions = mine.map((e) => e.position)
                        expect(positions).toEqual(positions.map((_, j) => (positions[0] ?? 0) + j))
                        expect(r.lastPosition).toBe(op.events > 0 ? positions[positions.length - 1] : 0)
                        expect(rows.has(`op-${i}`)).toBe(true)
                        for (const id of ids) written.add(id)
                        if (op.key !== undefined) {
                          expect(firstOfKey.has(op.key)).toBe(false)
                          firstOfKey.set(op.key, r)
                        }
                      } else {
                        // a duplicate or a failure: nothing of it is stored
                        for (const id of ids) expect(stored.has(id)).toBe(false)
                        expect(rows.has(`op-${i}`)).toBe(false)
                        if (Either.isRight(answer)) {
                          totals.duplicates++
                          expect(op.key).toBeDefined()
                          const first = after.recorded[keys.indexOf(op.key ?? "")]
                          expect(first).toEqual(Option.some({ ...answer.right, duplicate: false }))
                          expect([answer.right.category, answer.right.streamId]).toEqual(["s", `S-${op.stream}`])
                        } else if (answer.left instanceof ConcurrencyConflict) {
                          totals.conflicts++
                          expect([answer.left.stream, answer.left.expected]).toEqual([name, op.expectedVersion])
                          expect(answer.left.actual).not.toBe(op.expectedVersion)
                        } else if (answer.left instanceof IdempotencyKeyConflict) {
                          totals.keyConflicts++
                          expect([answer.left.key, answer.left.stream]).toEqual([op.key, name])
                          const first = Option.getOrThrow(after.recorded[keys.indexOf(op.key ?? "")] ?? Option.none())
                          expect(answer.left.firstStream).toBe(
                            streamName({ category: first.category, id: first.streamId })
                          )
                          expect(answer.left.firstStream).not.toBe(name)
                        } else {
                          expect.fail(`op ${i}: unexpected ${answer.left._tag}: ${answer.left.message}`)
                        }
                      }
                    }
                    // nothing stored but the successes' events, their keys recorded, their read-model writes exactly
                    expect([...stored].sort()).toEqual([...written].sort())
                    for (const [k, r] of firstOfKey) expect(after.recorded[keys.indexOf(k)]).toEqual(Option.some(r))
                    const perStream = new Map<string, number>()
                    for (const [i, op] of ops.entries()) {
                      const a = answers[i] as Either.Either<AppendResult, AppendError>
                      if (Either.isRight(a) && !a.right.duplicate)
                        perStream.set(streamName(refOf(op)), (perStream.get(streamName(refOf(op))) ?? 0) + 1)
                    }
                    expect(new Map(after.snapshot.counters.get("appends") ?? [])).toEqual(
                      new Map([...perStream].map(([s, n]) => [JSON.stringify([s]), n]))
                    )

                    // the model: a store that appends one at a time, in arrival order, answers the same and ends the same
                    const model = yield* MemoryStore.make
                    const expected: Array<ReturnType<typeof plain>> = Array.from({ length: ops.length })
                    for (const i of arrival)
                      expected[i] = plain(yield* Effect.either(appendOp(model.store, i, ops[i] as Op)))
                    expect(answers.map(plain)).toEqual(expected)
                    expect(after).toEqual(yield* everything(model, keys))

                    totals.runs++
                    if (seen.calls.some((c) => c.length > 1)) totals.groupsOverOne++
                    totals.committedGroups += seen.committedGroups
                    totals.failedGroups += seen.failedGroups
                  })
                )
              )
            ),
            { numRuns: atLeast(150) }
          )
        )
        // not vacuous: groups formed, some committed whole, some failed and were replayed alone,
        // and every kind of answer occurred
        expect(totals.groupsOverOne).toBeGreaterThanOrEqual(totals.runs / 2)
        expect(totals.committedGroups).toBeGreaterThan(0)
        expect(totals.failedGroups).toBeGreaterThan(0)
        expect(totals.successes).toBeGreaterThan(0)
        expect(totals.duplicates).toBeGreaterThan(0)
        expect(totals.conflicts).toBeGreaterThan(0)
        expect(totals.keyConflicts).toBeGreaterThan(0)
      })
  )

  // -------------------------------------------------------------------------
  // Groups held together at a gate: the writer is busy with a first append while the others queue

  it.scoped("a group where one member conflicts: the others succeed, that one alone answers its error", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const { m, seen, store } = yield* setup({}, gateOnFirstCall(gate))
      yield* m.store.append(stream("B"), 0, [event("B-1")], { idempotencyKey: "k-B" })
      const first = yield* Effect.fork(store.append(stream("X"), 0, [event("X-1")]))
      yield* untilCalls(seen, 1)
      const members = yield* Effect.forEach(
        [
          store.append(stream("A"), 0, [event("A-1"), event("A-2")]),
          store.append(stream("B"), 0, [event("B-1'")]), // stale: B is at 1
          store.append(stream("C"), 0, [event("C-1")], { idempotencyKey: "k-B" }), // the key is B's
          store.append(stream("D"), 0, [event("D-1"), event("A-1")]), // A-1 is stored by then: a constraint
          store.append(stream("A"), 2, [event("A-3")])
        ],
        (append) => Effect.fork(Effect.either(append))
      )
      yield* settle
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(first)
      const answers = yield* Effect.forEach(members, Fiber.join)
      // the group of five failed as a whole, then each member went alone
      expect(sizes(seen)).toEqual([1, 5, 1, 1, 1, 1, 1])
      expect(seen.failedGroups).toBe(1)
      const [a, b, c, d, a2] = answers
      expect(a).toEqual(
        Either.right({ category: "s", streamId: "A", fromVersion: 1, toVersion: 2, lastPosition: 4, duplicate: false })
      )
      expect(
        Either.isLeft(b!) && b.left instanceof ConcurrencyConflict && [b.left.stream, b.left.expected, b.left.actual]
      ).toEqual(["s-B", 0, 1])
      expect(Either.isLeft(c!) && c.left instanceof IdempotencyKeyConflict && [c.left.key, c.left.firstStream]).toEqual(
        ["k-B", "s-B"]
      )
      expect(Either.isLeft(d!) && d.left instanceof StorageError && d.left.reason).toBe("Constraint")
      expect(a2).toEqual(
        Either.right({ category: "s", streamId: "A", fromVersion: 3, toVersion: 3, lastPosition: 5, duplicate: false })
      )
      expect(yield* storedIds(m)).toEqual(["B-1", "X-1", "A-1", "A-2", "A-3"])
    })
  )

  it.scoped("a group that commits: one inner call, each member its own result, positions in arrival order", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const { m, seen, store } = yield* setup({}, gateOnFirstCall(gate))
      const first = yield* Effect.fork(store.append(stream("X"), 0, [event("X-1")]))
      yield* untilCalls(seen, 1)
      const members = yield* Effect.forEach(["A", "B", "A2", "C"], (name) =>
        Effect.fork(
          name === "A2"
            ? store.append(stream("A"), 1, [event("A-2"), event("A-3")])
            : store.append(stream(name), 0, [event(`${name}-1`)], { idempotencyKey: `k-${name}` })
        )
      )
      yield* settle
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(first)
      const results = yield* Effect.forEach(members, Fiber.join)
      expect(sizes(seen)).toEqual([1, 4])
      expect(seen.committedGroups).toBe(1)
      expect(results.map((r) => [r.streamId, r.fromVersion, r.toVersion, r.lastPosition])).toEqual([
        ["A", 1, 1, 2],
        ["B", 1, 1, 3],
        ["A", 2, 3, 5],
        ["C", 1, 1, 6]
      ])
      expect(yield* storedIds(m)).toEqual(["X-1", "A-1", "B-1", "A-2", "A-3", "C-1"])
      expect(yield* m.store.idempotency("k-C")).toEqual(Option.some(results[3]))
    })
  )

  it.scoped("a storage failure of the group: each member is appended alone and gets its own answer", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const dropped = new StorageError({ reason: "Connection", operation: "append", message: "the connection dropped" })
      const { m, seen, store } = yield* setup(
        {},
        {
          before: (batches, call) =>
            call === 0 ? Deferred.await(gate) : batches.length > 1 ? Effect.fail(dropped) : Effect.void
        }
      )
      const first = yield* Effect.fork(store.append(stream("X"), 0, [event("X-1")]))
      yield* untilCalls(seen, 1)
      const members = yield* Effect.forEach(
        [
          store.append(stream("A"), 0, [event("A-1")]),
          store.append(stream("B"), 0, [event("B-1")], { idempotencyKey: "k-1" }),
          store.append(stream("B"), 0, [event("B-1'")], { idempotencyKey: "k-1" }), // a retry of the same command
          store.append(stream("A"), 5, [event("A-6")])
        ],
        (append) => Effect.fork(Effect.either(append))
      )
      yield* settle
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(first)
      const answers = yield* Effect.forEach(members, Fiber.join)
      expect(sizes(seen)).toEqual([1, 4, 1, 1, 1, 1])
      expect(answers.map(plain)).toEqual([
        { ok: { category: "s", streamId: "A", fromVersion: 1, toVersion: 1, lastPosition: 2, duplicate: false } },
        { ok: { category: "s", streamId: "B", fromVersion: 1, toVersion: 1, lastPosition: 3, duplicate: false } },
        { ok: { category: "s", streamId: "B", fromVersion: 1, toVersion: 1, lastPosition: 3, duplicate: true } },
        { error: "ConcurrencyConflict", stream: "s-A", expected: 5, actual: 1 }
      ])
      expect(yield* storedIds(m)).toEqual(["X-1", "A-1", "B-1"])
    })
  )

  it.scoped("a storage failure that persists: every member answers the StorageError, nothing is written", () =>
    Effect.gen(function* () {
      const down = new StorageError({ reason: "Connection", operation: "append", message: "the database is down" })
      const { m, seen, store } = yield* setup({}, { before: () => Effect.fail(down) })
      const answers = yield* Effect.forEach(
        ["A", "B", "C", "D"],
        (name) => Effect.either(store.append(stream(name), 0, [event(`${name}-1`)])),
        {
          concurrency: "unbounded"
        }
      )
      expect(answers).toEqual(answers.map(() => Either.left(down)))
      expect(seen.calls.length).toBeGreaterThanOrEqual(4)
      expect(yield* m.store.head).toBe(0)
    })
  )

  it.live("an inner store that throws: its callers get the defect, the writer keeps going", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const m = yield* MemoryStore.make
        let calls = 0
        const store = yield* GroupCommit.make({
          ...m.store,
          appendMany: (batches) => {
            if (calls++ === 0) throw new Error("boom")
            return m.store.appendMany(batches)
          }
        })
        const thrown = yield* Effect.exit(store.append(stream("A"), 0, [event("A-1")])).pipe(
          Effect.timeout("5 seconds")
        )
        expect(Exit.isFailure(thrown) && Cause.isDie(thrown.cause)).toBe(true)
        expect(
          (yield* store.append(stream("A"), 0, [event("A-1")]).pipe(Effect.timeout("5 seconds"))).lastPosition
        ).toBe(1)
      })
    )
  )

  it.scoped("maxBatches: no group holds more appends", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const { m, seen, store } = yield* setup({ maxBatches: 3 }, gateOnFirstCall(gate))
      const first = yield* Effect.fork(store.append(stream("X"), 0, [event("X-1")]))
      yield* untilCalls(seen, 1)
      const members = yield* Effect.forEach(
        Array.from({ length: 10 }, (_, i) => i),
        (i) => Effect.fork(store.append(stream(`A-${i}`), 0, [event(`A-${i}`)]))
      )
      yield* settle
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(first)
      const results = yield* Effect.forEach(members, Fiber.join)
      expect(sizes(seen)).toEqual([1, 3, 3, 3, 1])
      expect(results.map((r) => r.lastPosition)).toEqual(Array.from({ length: 10 }, (_, i) => i + 2))
      expect(yield* m.store.head).toBe(11)
    })
  )

  it.scoped("reads and appendMany pass straight through", () =>
    Effect.gen(function* () {
      const { m, seen, store } = yield* setup()
      const rs = yield* store.appendMany([
        { stream: stream("A"), expectedVersion: 0, events: [event("A-1")] },
        { stream: stream("B"), expectedVersion: 0, events: [event("B-1")] }
      ])
      expect(rs.map((r) => r.lastPosition)).toEqual([1, 2])
      expect(sizes(seen)).toEqual([2])
      expect(yield* store.head).toBe(2)
      expect((yield* store.read(stream("B"))).map((e) => e.eventId)).toEqual(["B-1"])
      expect(yield* store.version(stream("A"))).toBe(1)
      expect(yield* m.store.head).toBe(2)
    })
  )

  // -------------------------------------------------------------------------
  // Interruption and closing

  it.scoped("a caller interrupted while it waits does not withdraw its append", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const { m, seen, store } = yield* setup({}, gateOnFirstCall(gate))
      const first = yield* Effect.fork(store.append(stream("X"), 0, [event("X-1")]))
      yield* untilCalls(seen, 1)
      const gone = yield* Effect.fork(store.append(stream("A"), 0, [event("A-1")]))
      const stays = yield* Effect.fork(store.append(stream("B"), 0, [event("B-1")]))
      yield* settle
      yield* Fiber.interrupt(gone)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(first)
      expect((yield* Fiber.join(stays)).lastPosition).toBe(3)
      expect(yield* storedIds(m)).toEqual(["X-1", "A-1", "B-1"])
    })
  )

  it.live(
    "closing the scope: the group in flight finishes and answers, queued appends fail with a StorageError, later appends fail at once",
    () =>
      Effect.gen(function* () {
        const gate = yield* Deferred.make<void>()
        const scope = yield* Scope.make()
        const { m, seen, store } = yield* Scope.extend(setup({}, gateOnFirstCall(gate)), scope)
        const inFlight = yield* Effect.fork(store.append(stream("X"), 0, [event("X-1")]))
        yield* untilCalls(seen, 1)
        const queued = yield* Effect.forEach(["A", "B"], (name) =>
          Effect.fork(Effect.either(store.append(stream(name), 0, [event(`${name}-1`)])))
        )
        yield* settle
        const closing = yield* Effect.fork(Scope.close(scope, Exit.void))
        yield* settle
        // closing waits for the group in flight: its transaction is not cut in the middle
        expect(yield* Fiber.poll(closing)).toEqual(Option.none())
        yield* Deferred.succeed(gate, undefined)
        yield* Fiber.join(closing).pipe(Effect.timeout("5 seconds"))
        expect((yield* Fiber.join(inFlight).pipe(Effect.timeout("5 seconds"))).lastPosition).toBe(1)
        for (const f of queued) {
          const answer = yield* Fiber.join(f).pipe(Effect.timeout("5 seconds"))
          expect(Either.isLeft(answer) && answer.left instanceof StorageError && answer.left.reason).toBe("Connection")
        }
        const later = yield* Effect.either(store.append(stream("C"), 0, [event("C-1")])).pipe(
          Effect.timeout("5 seconds")
        )
        expect(Either.isLeft(later) && later.left instanceof StorageError && later.left.message).toMatch(/closed/)
        expect(yield* storedIds(m)).toEqual(["X-1"])
        expect(sizes(seen)).toEqual([1])
      })
  )
})
