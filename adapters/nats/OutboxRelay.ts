/**
 * The outbox relay: moves every stored event, in global-position order, from
 * the `Outbox` port to a JetStream stream.
 *
 * For each batch the relay reads the events after its checkpoint, publishes
 * each one to `<prefix>.<category>.<EventType>` with the event's stable
 * `eventId` as the JetStream message id (`Nats-Msg-Id`), waits for the
 * server's acknowledgement of every publish, and only then moves the outbox
 * checkpoint. A relay that stops between a publish and its checkpoint
 * publishes the same events again when it restarts; JetStream drops them as
 * duplicates within the stream's duplicate window, and consumers skip any
 * that arrive later by event id. Only the holder of the outbox lease
 * publishes, so several application instances can each run a relay.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { MemoryStore } from "cityhall/adapters/memory"
 * import { NatsClient, OutboxRelay } from "cityhall/adapters/nats"
 *
 * const relay = OutboxRelay.run({ stream: "CITYHALL", subjectPrefix: "cityhall", pollInterval: "200 millis" }).pipe(
 *   Effect.provide(Layer.merge(MemoryStore.layer, NatsClient.layer({ servers: "nats://127.0.0.1:4222" })))
 * )
 * // Effect.runFork(relay) runs until interrupted; a broker failure ends it with a BrokerError.
 * ```
 *
 * @module
 */
import { JetStreamApiCodes, JetStreamApiError, StorageType, type StreamInfo } from "@nats-io/jetstream"
import { nanos } from "@nats-io/transport-node"
import { Duration, Effect, Either, Option, ParseResult, Schema } from "effect"
import * as Ports from "../../src/ports/index.js"
import { NatsClient } from "./NatsClient.js"
import { BrokerError, brokerError } from "./NatsErrors.js"
import * as Subjects from "./Subjects.js"

/** Where and how the relay publishes. Every field has a default. */
export interface Config {
  /** The JetStream stream (default `CITYHALL`). */
  readonly stream?: string
  /** The subject prefix (default `cityhall`): events go to `<prefix>.<category>.<EventType>`. */
  readonly subjectPrefix?: string
  /** The relay's name in the outbox: its checkpoint and lease (default `nats`). */
  readonly relay?: string
  /** How long JetStream remembers message ids to drop duplicates (default 2 minutes). */
  readonly duplicateWindow?: Duration.DurationInput
  /** Events read and published per batch (default 100). */
  readonly batchSize?: number
  /** The pause when there is nothing to publish or the lease is held elsewhere (default 500 ms). */
  readonly pollInterval?: Duration.DurationInput
  /** Where the stream keeps messages when the relay creates it (default `file`). */
  readonly storage?: "file" | "memory"
  /** Create the stream, or add the prefix and duplicate window to it, when the relay starts (default true). */
  readonly ensureStream?: boolean
}

/** The configuration with every default filled in. */
export interface Resolved {
  readonly stream: string
  readonly subjectPrefix: string
  readonly relay: string
  readonly duplicateWindow: Duration.Duration
  readonly batchSize: number
  readonly pollInterval: Duration.Duration
  readonly storage: "file" | "memory"
  readonly ensureStream: boolean
}

/** Fills in the defaults and checks the prefix and the batch size. */
export const resolve = (config: Config = {}): Either.Either<Resolved, BrokerError> => {
  const prefix = Subjects.validatePrefix(config.subjectPrefix ?? Subjects.defaultPrefix)
  if (Either.isLeft(prefix))
    return Either.left(new BrokerError({ reason: "Stream", operation: "config", message: prefix.left }))
  const batchSize = config.batchSize ?? 100
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    return Either.left(
      new BrokerError({
        reason: "Stream",
        operation: "config",
        message: `batchSize must be a positive integer, got ${batchSize}`
      })
    )
  }
  return Either.right({
    stream: config.stream ?? "CITYHALL",
    subjectPrefix: prefix.right,
    relay: config.relay ?? "nats",
    duplicateWindow: Duration.decode(config.duplicateWindow ?? "2 minutes"),
    batchSize,
    pollInterval: Duration.decode(config.pollInterval ?? "500 millis"),
    storage: config.storage ?? "file",
    ensureStream: config.ensureStream ?? true
  })
}

/** What one batch did. */
export interface Batch {
  /** Events the server stored. */
  readonly published: number
  /** Events the server recognised by message id and dropped as duplicates. */
  readonly duplicates: number
  /** The outbox position acknowledged after the batch (the previous checkpoint when the batch was empty). */
  readonly checkpoint: number
}

/** The failures of the relay: the broker's, the outbox's, and an event that cannot be encoded as JSON. */
export type RelayError = BrokerError | Ports.Errors.StorageError | Ports.Errors.CorruptEvent | Ports.Errors.EncodeError

const encodeEnvelope = Schema.encode(Schema.parseJson(Ports.EventStore.StoredEvent))

const isStreamNotFound = (e: unknown): boolean =>
  e instanceof JetStreamApiError && e.code === JetStreamApiCodes.StreamNotFound

/**
 * Creates the stream for `<prefix>.>` with the duplicate window, or, when it
 * exists, adds the prefix's subject and sets the window; does nothing when
 * the stream already has both. Safe to run from several relays at once.
 */
export const ensureStream = (config: Config = {}): Effect.Effect<StreamInfo, BrokerError, NatsClient> =>
  Effect.gen(function* () {
    const cfg = yield* resolve(config)
    const { manager } = yield* NatsClient
    const subject = Subjects.all(cfg.subjectPrefix)
    const window = nanos(Duration.toMillis(cfg.duplicateWindow))
    const existing = yield* Effect.tryPromise({
      try: () =>
        manager.streams.info(cfg.stream).then(
          (i) => Option.some(i),
          (e: unknown) => (isStreamNotFound(e) ? Option.none() : Promise.reject(e))
        ),
      catch: brokerError("Stream", `stream info ${cfg.stream}`)
    })
    if (Option.isNone(existing)) {
      return yield* Effect.tryPromise({
        try: () =>
          manager.streams.add({
            name: cfg.stream,
            subjects: [subject],
            duplicate_window: window,
            storage: cfg.storage === "memory" ? StorageType.Memory : StorageType.File
          }),
        catch: brokerError("Stream", `create stream ${cfg.stream}`)
      })
    }
    const info = existing.value
    const subjects = info.config.subjects ?? []
    if (subjects.includes(subject) && info.config.duplicate_window === window) return info
    return yield* Effect.tryPromise({
      try: () =>
        manager.streams.update(cfg.stream, {
          subjects: subjects.includes(subject) ? subjects : [...subjects, subject],
          duplicate_window: window
        }),
      catch: brokerError("Stream", `update stream ${cfg.stream}`)
    })
  })

/** Publishes one event and waits for the server's acknowledgement; `true` when the server dropped it as a duplicate. */
export const publish = (
  config: Resolved,
  event: Ports.EventStore.StoredEvent
): Effect.Effect<boolean, BrokerError | Ports.Errors.EncodeError, NatsClient> =>
  Effect.gen(function* () {
    const { jetstream } = yield* NatsClient
    const data = yield* encodeEnvelope(event).pipe(
      Effect.mapError(
        (e) =>
          new Ports.Errors.EncodeError({
            what: "event",
            name: event.eventId,
            message: ParseResult.TreeFormatter.formatErrorSync(e)
          })
      )
    )
    const subject = Subjects.subjectOf(config.subjectPrefix, event.category, event.type)
    const ack = yield* Effect.tryPromise({
      try: () => jetstream.publish(subject, data, { msgID: event.eventId }),
      catch: brokerError("Publish", `publish ${event.eventId} to ${subject}`)
    })
    if (ack.stream !== config.stream) {
      return yield* new BrokerError({
        reason: "Publish",
        operation: `publish ${event.eventId} to ${subject}`,
        message: `stored by stream ${ack.stream}, expected ${config.stream}: the subject belongs to another stream`
      })
    }
    return ack.duplicate
  })

/**
 * Publishes one batch of pending events WITHOUT taking the lease (the caller
 * holds it) and acknowledges the last position the server confirmed. When a
 * publish fails, the events before it are acknowledged and the failure is
 * returned.
 */
export const publishPending = (config: Resolved): Effect.Effect<Batch, RelayError, Ports.Outbox.Outbox | NatsClient> =>
  Effect.gen(function* () {
    const outbox = yield* Ports.Outbox.Outbox
    const events = yield* outbox.pending(config.relay, config.batchSize)
    let published = 0
    let duplicates = 0
    let last = Option.none<number>()
    for (const event of events) {
      const result = yield* Effect.either(publish(config, event))
      if (Either.isLeft(result)) {
        if (Option.isSome(last)) yield* outbox.acknowledge(config.relay, last.value)
        return yield* Effect.fail(result.left)
      }
      if (result.right) duplicates++
      else published++
      last = Option.some(event.position)
    }
    if (Option.isSome(last)) yield* outbox.acknowledge(config.relay, last.value)
    const checkpoint = Option.isSome(last) ? last.value : yield* outbox.checkpoint(config.relay)
    return { published, duplicates, checkpoint }
  })

/**
 * Takes the lease for one batch, publishes it and releases the lease:
 * `None` when another relay holds the lease. For callers that schedule the
 * relay themselves (a cron job, a test).
 */
export const relayOnce = (
  config: Config = {}
): Effect.Effect<Option.Option<Batch>, RelayError, Ports.Outbox.Outbox | NatsClient> =>
  Effect.gen(function* () {
    const cfg = yield* resolve(config)
    const outbox = yield* Ports.Outbox.Outbox
    return yield* Effect.scoped(
      Effect.flatMap(outbox.tryLease(cfg.relay), (held) =>
        held ? Effect.map(publishPending(cfg), Option.some) : Effect.succeedNone
      )
    )
  })

/**
 * Runs the relay until interrupted: ensures the stream, then waits for the
 * lease (polling), and while holding it publishes batch after batch, pausing
 * `pollInterval` whenever a batch was not full. The lease is released when
 * the relay stops. Fails with the first broker or outbox failure (wrap it in
 * `Effect.retry` with a schedule to keep it running through outages).
 */
export const run = (config: Config = {}): Effect.Effect<never, RelayError, Ports.Outbox.Outbox | NatsClient> =>
  Effect.gen(function* () {
    const cfg = yield* resolve(config)
    const outbox = yield* Ports.Outbox.Outbox
    if (cfg.ensureStream) yield* ensureStream(config)
    const lead = Effect.flatMap(publishPending(cfg), (batch) =>
      batch.published + batch.duplicates < cfg.batchSize ? Effect.sleep(cfg.pollInterval) : Effect.void
    ).pipe(Effect.forever)
    const attempt = Effect.scoped(
      Effect.flatMap(outbox.tryLease(cfg.relay), (held) => (held ? lead : Effect.sleep(cfg.pollInterval)))
    )
    return yield* Effect.forever(attempt)
  })
