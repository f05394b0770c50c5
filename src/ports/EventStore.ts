/**
 * The event store port: append-only streams with optimistic concurrency,
 * idempotency keys, and one global, gap-free, ordered position over all
 * streams (read by projections and the outbox relay).
 *
 * A stream is a category and an id (`appeal` + `A-2021-17`, named
 * `appeal-A-2021-17`); its first event has version 1, and a new stream has
 * version 0. An append names the version it expects; a stale writer gets a
 * {@link ConcurrencyConflict} and nothing is written. The read-model writes
 * passed with an append are applied in the same transaction.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ports } from "cityhall"
 *
 * const program = Effect.gen(function* () {
 *   const store = yield* Ports.EventStore.EventStore
 *   const stream = { category: "ledger", id: "L-1" }
 *   yield* store.append(stream, 0, [
 *     { eventId: "ledger/L-1/1", type: "Opened", payload: { owner: "x" }, recordedAt: "2021-03-01T09:00:00.000Z" }
 *   ])
 *   return yield* store.read(stream)
 * })
 * ```
 *
 * @module
 */
import { Context, type Effect, type Option, Schema } from "effect"
import type { ConcurrencyConflict, CorruptEvent, IdempotencyKeyConflict, StorageError } from "./Errors.js"
import type { Write } from "./ReadModels.js"

/** A stream: the aggregate category and the aggregate id. */
export interface StreamRef {
  readonly category: string
  readonly id: string
}

/** The display name of a stream: `category-id`. */
export const streamName = (stream: StreamRef): string => `${stream.category}-${stream.id}`

/** The stable id of the event at a version of a stream (`category/id/version`); ids never contain `/`. */
export const eventIdOf = (stream: StreamRef, version: number): string => `${stream.category}/${stream.id}/${version}`

/** An event to append: the payload is the event already encoded to JSON-compatible data. */
export interface NewEvent {
  readonly eventId: string
  readonly type: string
  readonly payload: unknown
  /** ISO-8601 instant. */
  readonly recordedAt: string
}

/** An event as stored, with its global position (1, 2, 3, ... without gaps). */
export const StoredEvent = Schema.Struct({
  position: Schema.Int.pipe(Schema.positive()),
  eventId: Schema.String,
  category: Schema.String,
  streamId: Schema.String,
  version: Schema.Int.pipe(Schema.positive()),
  type: Schema.String,
  payload: Schema.Unknown,
  recordedAt: Schema.String
})
/** @see StoredEvent */
export type StoredEvent = typeof StoredEvent.Type

/** Options of an append. */
export interface AppendOptions {
  /** A command retried with the same key is applied once; the retry answers the first result (`duplicate: true`). */
  readonly idempotencyKey?: string
  /** Read-model writes applied in the same transaction as the events. */
  readonly writes?: ReadonlyArray<Write>
}

/** One stream's part of an {@link EventStore.Service.appendMany}. */
export interface AppendBatch extends AppendOptions {
  readonly stream: StreamRef
  readonly expectedVersion: number
  readonly events: ReadonlyArray<NewEvent>
}

/** What an append did (or, for a duplicate idempotency key, what the first append did). */
export const AppendResult = Schema.Struct({
  category: Schema.String,
  streamId: Schema.String,
  /** The version of the first appended event (`toVersion + 1` when no event was appended). */
  fromVersion: Schema.Int.pipe(Schema.positive()),
  /** The stream's version after the append. */
  toVersion: Schema.NonNegativeInt,
  /** The global position of the last appended event, 0 when none was appended. */
  lastPosition: Schema.NonNegativeInt,
  duplicate: Schema.Boolean
})
/** @see AppendResult */
export type AppendResult = typeof AppendResult.Type

/** The failures of an append. */
export type AppendError = ConcurrencyConflict | IdempotencyKeyConflict | StorageError

/** The options of {@link EventStore.Service.readAll}. */
export interface ReadAllOptions {
  /** At most this many events (default: all). */
  readonly limit?: number
  /** Only events of these categories. */
  readonly categories?: ReadonlyArray<string>
}

/** The event store port. */
export declare namespace EventStore {
  /** The operations an adapter provides. */
  export interface Service {
    /** Appends events to one stream if it is at `expectedVersion`; atomically applies the read-model writes. */
    readonly append: (
      stream: StreamRef,
      expectedVersion: number,
      events: ReadonlyArray<NewEvent>,
      options?: AppendOptions
    ) => Effect.Effect<AppendResult, AppendError>
    /** Appends to several streams in ONE transaction (all or nothing): the bulk import path. */
    readonly appendMany: (
      batches: ReadonlyArray<AppendBatch>
    ) => Effect.Effect<ReadonlyArray<AppendResult>, AppendError>
    /** The current version of a stream (0 when it has no events). */
    readonly version: (stream: StreamRef) => Effect.Effect<number, StorageError>
    /** The events of a stream in version order, optionally from a version on. */
    readonly read: (
      stream: StreamRef,
      options?: { readonly fromVersion?: number; readonly toVersion?: number }
    ) => Effect.Effect<ReadonlyArray<StoredEvent>, StorageError | CorruptEvent>
    /**
     * The events of several streams at once (one round trip where the store
     * allows): one list per stream given, in the order given, each in
     * version order as {@link EventStore.Service.read} answers it (empty for
     * a stream without events; a stream given twice is answered twice).
     */
    readonly readMany: (
      streams: ReadonlyArray<StreamRef>
    ) => Effect.Effect<ReadonlyArray<ReadonlyArray<StoredEvent>>, StorageError | CorruptEvent>
    /** The events after a global position, in position order. */
    readonly readAll: (
      afterPosition: number,
      options?: ReadAllOptions
    ) => Effect.Effect<ReadonlyArray<StoredEvent>, StorageError | CorruptEvent>
    /** The last global position (0 when the store is empty). */
    readonly head: Effect.Effect<number, StorageError>
    /** The first result recorded under an idempotency key, if any. */
    readonly idempotency: (key: string) => Effect.Effect<Option.Option<AppendResult>, StorageError>
  }
}

/** The event store service. */
export class EventStore extends Context.Tag("cityhall/ports/EventStore")<EventStore, EventStore.Service>() {}

/** Housekeeping an adapter offers: used by tests and by a full re-import. */
export declare namespace Maintenance {
  /** The operations. */
  export interface Service {
    /** Deletes every event, stream, key, row, counter, relay checkpoint and lease. */
    readonly reset: Effect.Effect<void, StorageError>
  }
}

/** The maintenance service. */
export class Maintenance extends Context.Tag("cityhall/ports/Maintenance")<Maintenance, Maintenance.Service>() {}
