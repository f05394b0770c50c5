/**
 * The record of events a consumer has already handled, by event id, so a
 * message JetStream delivers again (after a lost acknowledgement, a restart,
 * or a relay that published the same event after the duplicate window) is
 * acknowledged without running the handler a second time.
 *
 * A durable implementation should record the id in the same transaction as
 * the handler's own writes; then handling is effectively exactly once. The
 * in-memory one here serves tests and consumers whose handlers are
 * idempotent anyway.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { DedupStore } from "cityhall/adapters/nats"
 *
 * Effect.gen(function* () {
 *   const seen = yield* DedupStore.DedupStore
 *   yield* seen.record("projections", "appeal/A-1/1")
 *   return yield* seen.has("projections", "appeal/A-1/1") // true
 * }).pipe(Effect.provide(DedupStore.layerMemory), Effect.runPromise)
 * ```
 *
 * @module
 */
import { Context, Effect, HashSet, Layer, Ref } from "effect"
import type * as Ports from "../../src/ports/index.js"

/** The dedup store. Ids are kept per consumer (the durable name). */
export declare namespace DedupStore {
  /** The operations an implementation provides. */
  export interface Service {
    /** Whether the consumer already handled the event. */
    readonly has: (consumer: string, eventId: string) => Effect.Effect<boolean, Ports.Errors.StorageError>
    /** Records that the consumer handled the event. */
    readonly record: (consumer: string, eventId: string) => Effect.Effect<void, Ports.Errors.StorageError>
  }
}

/** The dedup store service. */
export class DedupStore extends Context.Tag("cityhall/adapters/nats/DedupStore")<DedupStore, DedupStore.Service>() {}

/** A dedup store in process memory (lost with the process). */
export const makeMemory: Effect.Effect<DedupStore.Service> = Effect.map(Ref.make(HashSet.empty<string>()), (ref) => {
  const key = (consumer: string, eventId: string) => `${consumer}\u0000${eventId}`
  return {
    has: (consumer, eventId) => Effect.map(Ref.get(ref), HashSet.has(key(consumer, eventId))),
    record: (consumer, eventId) => Ref.update(ref, HashSet.add(key(consumer, eventId)))
  }
})

/** The in-memory dedup store as a layer (one fresh set per layer build). */
export const layerMemory: Layer.Layer<DedupStore> = Layer.effect(DedupStore, makeMemory)
