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
 * Closing the scope lets the group in flight finish (its callers get their
 * answers); appends still queued, and any append after that, fail with a
 * `StorageError` (reason "Connection") and are not written.
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
import { Deferred, Effect, Exit, Fiber, Queue, type Scope } from "effect"
import { StorageError } from "./Errors.js"
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

const closed = () =>
  new StorageError({
    reason: "Connection",
    operation: "append",
    message: "the event store is closed (its scope ended): the append was not written"
  })

/**
 * An event store that groups concurrent single-stream appends over `inner`.
 * The writer fiber lives in the scope: closing the scope lets the group in
 * flight finish and answer, fails the appends still queued with a
 * `StorageError` (reason "Connection"; they were not written), and every
 * append after that fails the same way at once.
 */
export const make = (
  inner: EventStore.Service,
  options: GroupCommitOptions = {}
): Effect.Effect<EventStore.Service, never, Scope.Scope> =>
  Effect.gen(function* () {
    const maxBatches = Math.max(1, Math.trunc(options.maxBatches ?? 64))
    const queue = yield* Queue.unbounded<Pending>()
    // the appends offered and not answered yet (answered when the scope closes)
    const waiting = new Set<Pending>()
    let open = true

    const answer = (p: Pending, exit: Exit.Exit<AppendResult, AppendError>) =>
      Effect.suspend(() => {
        waiting.delete(p)
        return Deferred.done(p.done, exit)
      })

    // (the inner calls are suspended so that even a throwing store answers its callers, as a defect)
    const alone = (p: Pending) =>
      Effect.flatMap(Effect.exit(Effect.suspend(() => inner.appendMany([p.batch]))), (exit) =>
        answer(
          p,
          Exit.flatMap(exit, (results) =>
            results[0] === undefined
              ? Exit.die(new Error("appendMany answered no result for one batch"))
              : Exit.succeed(results[0])
          )
        )
      )

    const write = (group: ReadonlyArray<Pending>) =>
      group.length === 1
        ? alone(group[0] as Pending)
        : Effect.flatMap(Effect.exit(Effect.suspend(() => inner.appendMany(group.map((p) => p.batch)))), (exit) =>
            Exit.isFailure(exit)
              ? // nothing of the group was written: each member on its own, for its own answer
                Effect.forEach(group, alone, { discard: true })
              : exit.value.length === group.length
                ? Effect.forEach(group, (p, i) => answer(p, Exit.succeed(exit.value[i] as AppendResult)), {
                    discard: true
                  })
                : // written, but the results cannot be matched to the members: a broken inner store
                  Effect.forEach(
                    group,
                    (p) =>
                      answer(
                        p,
                        Exit.die(
                          new Error(`appendMany answered ${exit.value.length} results for ${group.length} batches`)
                        )
                      ),
                    { discard: true }
                  )
          )

    // a group, once taken, is written and answered without interruption: closing the scope
    // waits for it rather than cutting a transaction (and its callers' answers) in the middle
    const writer = Effect.forever(
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(restore(Queue.takeBetween(queue, 1, maxBatches)), (chunk) => write(Array.from(chunk)))
      )
    )
    // (forked interruptible: a fiber forked in `acquireRelease`'s acquire would inherit its uninterruptibility)
    yield* Effect.acquireRelease(Effect.forkDaemon(Effect.interruptible(writer)), (fiber) =>
      Effect.gen(function* () {
        open = false
        yield* Fiber.interrupt(fiber)
        const error = closed()
        for (const p of waiting) yield* Deferred.fail(p.done, error)
        waiting.clear()
        yield* Queue.shutdown(queue)
      })
    )

    const append: EventStore.Service["append"] = (stream, expectedVersion, events, opts = {}) =>
      Effect.flatMap(Deferred.make<AppendResult, AppendError>(), (done) =>
        Effect.suspend(() => {
          // checked and queued in one step: nothing is queued after the scope began to close
          if (!open) return Effect.fail(closed())
          const p: Pending = { batch: { ...opts, stream, expectedVersion, events }, done }
          waiting.add(p)
          Queue.unsafeOffer(queue, p)
          return Deferred.await(done)
        })
      )

    return { ...inner, append }
  })
