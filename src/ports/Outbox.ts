/**
 * The outbox port: every appended event, in global-position order, for a
 * relay (e.g. to NATS JetStream). Delivery is at-least-once: a relay reads
 * what is after its checkpoint, publishes it with the event's stable
 * `eventId` as the deduplication id, then acknowledges the last position.
 * A lease makes one relay instance publish at a time (an advisory lock in
 * PostgreSQL).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ports } from "cityhall"
 *
 * const relayOnce = (publish: (e: Ports.EventStore.StoredEvent) => Effect.Effect<void>) =>
 *   Effect.scoped(
 *     Effect.gen(function* () {
 *       const outbox = yield* Ports.Outbox.Outbox
 *       if (!(yield* outbox.tryLease("nats"))) return 0
 *       const batch = yield* outbox.pending("nats", 100)
 *       yield* Effect.forEach(batch, publish, { discard: true })
 *       if (batch.length > 0) yield* outbox.acknowledge("nats", batch[batch.length - 1]!.position)
 *       return batch.length
 *     })
 *   )
 * ```
 *
 * @module
 */
import { Context, type Effect, type Scope } from "effect"
import type { CorruptEvent, StorageError } from "./Errors.js"
import type { StoredEvent } from "./EventStore.js"

/** The outbox port. */
export declare namespace Outbox {
  /** The operations an adapter provides. */
  export interface Service {
    /** The last position the relay acknowledged (0 at first). */
    readonly checkpoint: (relay: string) => Effect.Effect<number, StorageError>
    /** Up to `limit` events after the relay's checkpoint, in position order. */
    readonly pending: (
      relay: string,
      limit: number
    ) => Effect.Effect<ReadonlyArray<StoredEvent>, StorageError | CorruptEvent>
    /** Moves the checkpoint forward to `position` (never backward). */
    readonly acknowledge: (relay: string, position: number) => Effect.Effect<void, StorageError>
    /**
     * Tries to take the relay's lease for the life of the scope: `true` when
     * this caller holds it, `false` when another holder does.
     */
    readonly tryLease: (relay: string) => Effect.Effect<boolean, StorageError, Scope.Scope>
  }
}

/** The outbox service. */
export class Outbox extends Context.Tag("cityhall/ports/Outbox")<Outbox, Outbox.Service>() {}
