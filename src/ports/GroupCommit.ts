/**
 * Group commit: single-stream appends that arrive while the store is busy
 * are written together, in ONE `appendMany` transaction (one BEGIN/COMMIT,
 * one disk sync, multi-row statements), instead of one transaction each.
 *
 * Each caller still gets exactly the answer it would get alone:
 * - the group commits all or nothing, so when it fails (a concurrency
 *   conflict of one member, a used idempotency key on another stream, a
 *   storage failure) nothing of it was written, and its members are then
 *   appended one by one, each answering its own result or error;
 * - appends keep their arrival order (positions follow it);
 * - a group never holds more than `maxBatches` appends.
 *
 * A caller interrupted while it waits does not withdraw its append: like a
 * client whose connection drops after sending, the events may be stored.
 * `appendMany` (the bulk path) and every read pass straight through.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ports } from "cityhall"
 *
 * // Inside a scope, over a store in context:
 * const grouped = Effect.flatMap(Ports.EventStore.EventStore, (inner) => Ports.GroupCommit.make(inner))
 * ```
 *
 * @module
 */
import { Deferred, Effect, Exit, Queue, type Scope } from "effect"
import type { AppendBatch, AppendError, AppendResult, EventStore } from "./EventStore.js"

/** Options of {@link make}. */
export interface GroupCommitOptions {
  /** The most appends written in one transaction (default 64). */
  readonly maxBatches?: number
}

interface Pending {
  readonly batch: AppendBatch
  readonly done: Deferred.Deferred<AppendResult, AppendError>
}

/**
 * An event store that groups concurrent single-stream appends over `inner`.
 * The writer fiber lives in the scope: closing the scope stops it.
 */
export const make = (inner: EventStore.Service, options: GroupCommitOptions = {}): Effect.Effect<EventStore.Service, never, Scope.Scope> =>
  Effect.gen(function* () {
    const maxBatches = Math.max(1, Math.trunc(options.maxBatches ?? 64))
    const queue = yield* Effect.acquireRelease(Queue.unbounded<Pending>(), Queue.shutdown)

    const alone = (p: Pending) =>
      Effect.flatMap(Effect.exit(inner.appendMany([p.batch])), (exit) =>
        Deferred.done(
          p.done,
          Exit.flatMap(exit, (results) =>
            results[0] === undefined ? Exit.die(new Error("appendMany answered no result for one batch")) : Exit.succeed(results[0])
          )
        )
      )

    const write = (group: ReadonlyArray<Pending>) =>
      group.length === 1
        ? alone(group[0] as Pending)
        : Effect.flatMap(Effect.exit(inner.appendMany(group.map((p) => p.batch))), (exit) =>
            Exit.isSuccess(exit) && exit.value.length === group.length
              ? Effect.forEach(group, (p, i) => Deferred.succeed(p.done, exit.value[i] as AppendResult), { discard: true })
              : // nothing of the group was written: each member on its own, for its own answer
                Effect.forEach(group, alone, { discard: true })
          )

    yield* Effect.forkScoped(
      Effect.forever(Effect.flatMap(Queue.takeBetween(queue, 1, maxBatches), (chunk) => write(Array.from(chunk))))
    )

    const append: EventStore.Service["append"] = (stream, expectedVersion, events, opts = {}) =>
      Effect.flatMap(Deferred.make<AppendResult, AppendError>(), (done) =>
        Effect.zipRight(Queue.offer(queue, { batch: { ...opts, stream, expectedVersion, events }, done }), Deferred.await(done))
      )

    return { ...inner, append }
  })
