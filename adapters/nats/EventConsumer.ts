/**
 * The consumer helper: reads events from a JetStream stream through a
 * durable pull consumer and hands each one, decoded and typed, to an Effect
 * handler.
 *
 * Delivery is at least once and handling is once per event id:
 *
 * - a message is acknowledged (and the acknowledgement confirmed by the
 *   server) only after the handler succeeded and the event id was recorded
 *   in the {@link DedupStore};
 * - a message whose event id is already recorded is acknowledged without
 *   calling the handler;
 * - when the handler fails, the message is negatively acknowledged and
 *   redelivered after `retryDelay` (the failure is logged with its cause);
 * - when the consumer is interrupted, the message in hand and those received
 *   but not yet handled are negatively acknowledged, so the next run (of
 *   this or another instance with the same durable name) gets them first.
 *
 * With `maxAckPending: 1` (the default) the server hands out one message at
 * a time, so events arrive in stream order, and therefore in version order
 * per aggregate stream, even across failures and restarts. A larger value
 * is faster but a redelivered message may then come after later ones.
 *
 * A message that does not decode (not JSON, not a stored-event envelope, or
 * a payload the event schema rejects) stops the consumer with an
 * {@link InvalidMessage} and stays in the stream, unless `onInvalid` is
 * given: then it is passed there and, when that succeeded, terminated (never
 * redelivered).
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { DedupStore, EventConsumer, NatsClient } from "cityhall/adapters/nats"
 * import { Ledger } from "cityhall/testing"
 *
 * const consumer = EventConsumer.consume(
 *   { stream: "CITYHALL", durable: "ledger-audit", filterSubjects: ["cityhall.ledger.*"] },
 *   Ledger.Event,
 *   (event) => Effect.log(`${event.streamId} v${event.version}: ${event.payload._tag}`)
 * ).pipe(Effect.provide(Layer.merge(DedupStore.layerMemory, NatsClient.layer({ servers: "nats://127.0.0.1:4222" }))))
 * // Effect.runFork(consumer) runs until interrupted.
 * ```
 *
 * @module
 */
import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JsMsg
} from "@nats-io/jetstream"
import { nanos } from "@nats-io/transport-node"
import { Cause, Duration, Effect, Either, Exit, Option, ParseResult, Queue, Ref, Schema } from "effect"
import { Decode } from "../../src/kernel/index.js"
import * as Ports from "../../src/ports/index.js"
import { DedupStore } from "./DedupStore.js"
import { NatsClient } from "./NatsClient.js"
import { BrokerError, brokerError, describe, InvalidMessage } from "./NatsErrors.js"

/** The durable consumer and how messages are handed out. */
export interface Config {
  /** The JetStream stream (default `CITYHALL`). */
  readonly stream?: string
  /** The durable consumer name: the server keeps its position; instances sharing it share the work. */
  readonly durable: string
  /** Only these subjects (e.g. `cityhall.appeal.*`); default: every subject of the stream. Several need NATS 2.10. */
  readonly filterSubjects?: ReadonlyArray<string>
  /** How long the server waits for an acknowledgement before redelivering (default 30 s). */
  readonly ackWait?: Duration.DurationInput
  /** Messages handed out and not yet acknowledged (default 1: strict order). */
  readonly maxAckPending?: number
  /** Deliveries of one message before the server gives up on it (default unlimited). */
  readonly maxDeliver?: number
  /** The pause before a message whose handler failed is delivered again (default 1 s). */
  readonly retryDelay?: Duration.DurationInput
  /**
   * How long one pull request waits on the server (default 5 s, at least 1 s). When the consumer
   * stops, the messages it received but did not finish are returned with this delay, so that they
   * go to the next run and not to a pull request of this one that the server still holds.
   */
  readonly pullExpires?: Duration.DurationInput
}

/** How a message was delivered. */
export interface Delivery {
  readonly subject: string
  /** The message's sequence in the JetStream stream. */
  readonly streamSequence: number
  /** 1 for the first delivery. */
  readonly deliveryCount: number
}

/** A consumed event: the stored-event envelope with its payload decoded, and how it was delivered. */
export interface Received<A> extends Omit<Ports.EventStore.StoredEvent, "payload"> {
  readonly payload: A
  readonly delivery: Delivery
}

/** What the consumer does with a message that does not decode. */
export interface Options<EI, RI> {
  /** Called with the typed error (e.g. to dead-letter it); the message is then terminated. */
  readonly onInvalid?: (error: InvalidMessage) => Effect.Effect<void, EI, RI>
}

/** The failures that stop a consumer. Handler failures do not: they are retried. */
export type ConsumerError = BrokerError | InvalidMessage | Ports.Errors.StorageError

const isConsumerNotFound = (e: unknown): boolean =>
  e instanceof JetStreamApiError && e.code === JetStreamApiCodes.ConsumerNotFound

const desiredConfig = (config: Config): Partial<ConsumerConfig> => {
  const filters = config.filterSubjects ?? []
  return {
    durable_name: config.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(Duration.toMillis(Duration.decode(config.ackWait ?? "30 seconds"))),
    max_ack_pending: config.maxAckPending ?? 1,
    max_deliver: config.maxDeliver ?? -1,
    ...(filters.length === 1
      ? { filter_subject: filters[0]! }
      : filters.length > 1
        ? { filter_subjects: [...filters] }
        : {})
  }
}

const sameFilters = (info: ConsumerInfo, want: Partial<ConsumerConfig>): boolean => {
  const have = info.config.filter_subjects ?? (info.config.filter_subject ? [info.config.filter_subject] : [])
  const wanted = want.filter_subjects ?? (want.filter_subject !== undefined ? [want.filter_subject] : [])
  return have.length === wanted.length && have.every((s, i) => s === wanted[i])
}

/**
 * Creates the durable pull consumer, or updates its ack wait, pending limit,
 * delivery limit and filters when they differ. Its position is kept.
 */
export const ensureConsumer = (config: Config): Effect.Effect<ConsumerInfo, BrokerError, NatsClient> =>
  Effect.gen(function* () {
    const { manager } = yield* NatsClient
    const stream = config.stream ?? "CITYHALL"
    const want = desiredConfig(config)
    const existing = yield* Effect.tryPromise({
      try: () =>
        manager.consumers.info(stream, config.durable).then(
          (i) => Option.some(i),
          (e: unknown) => (isConsumerNotFound(e) ? Option.none() : Promise.reject(e))
        ),
      catch: brokerError("Consumer", `consumer info ${stream}/${config.durable}`)
    })
    if (Option.isNone(existing)) {
      return yield* Effect.tryPromise({
        try: () => manager.consumers.add(stream, want),
        catch: brokerError("Consumer", `create consumer ${stream}/${config.durable}`)
      })
    }
    const info = existing.value
    const same =
      info.config.ack_wait === want.ack_wait &&
      info.config.max_ack_pending === want.max_ack_pending &&
      (info.config.max_deliver ?? -1) === want.max_deliver &&
      sameFilters(info, want)
    if (same) return info
    const { durable_name: _name, ack_policy: _ack, deliver_policy: _deliver, ...updatable } = want
    return yield* Effect.tryPromise({
      try: () => manager.consumers.update(stream, config.durable, updatable),
      catch: brokerError("Consumer", `update consumer ${stream}/${config.durable}`)
    })
  })

const nak = (msg: JsMsg, delay?: Duration.Duration): Effect.Effect<void> =>
  Effect.try({
    try: () => (delay === undefined ? msg.nak() : msg.nak(Duration.toMillis(delay))),
    catch: (e) => e
  }).pipe(
    Effect.catchAll((e) =>
      Effect.logWarning(
        `could not return message ${msg.seq} on ${msg.subject}: ${describe(e)}; it is redelivered after the ack wait`
      )
    )
  )

const ackConfirmed = (msg: JsMsg): Effect.Effect<void, BrokerError> =>
  Effect.asVoid(
    Effect.tryPromise({
      try: () => msg.ackAck(),
      catch: brokerError("Ack", `acknowledge message ${msg.seq} on ${msg.subject}`)
    })
  )

// `term(reason)` needs NATS 2.10.4; a plain `term()` works on every JetStream server.
const terminate = (msg: JsMsg): Effect.Effect<void, BrokerError> =>
  Effect.try({ try: () => msg.term(), catch: brokerError("Ack", `terminate message ${msg.seq} on ${msg.subject}`) })

/** Decodes a message: JSON, then the stored-event envelope, then the payload with the event schema. */
export const decode = <A, I, R>(
  schema: Schema.Schema<A, I, R>,
  msg: Pick<JsMsg, "subject" | "seq" | "string"> & { readonly info: { readonly deliveryCount: number } }
): Effect.Effect<Received<A>, InvalidMessage, R> => {
  const base = { subject: msg.subject, streamSequence: msg.seq }
  const json = Either.try({ try: (): unknown => JSON.parse(msg.string()), catch: describe })
  if (Either.isLeft(json)) return Effect.fail(new InvalidMessage({ ...base, reason: "Json", message: json.left }))
  const envelope = Decode.unknownEither(Ports.EventStore.StoredEvent)(json.right)
  if (Either.isLeft(envelope)) {
    return Effect.fail(
      new InvalidMessage({
        ...base,
        reason: "Envelope",
        message: ParseResult.TreeFormatter.formatErrorSync(envelope.left)
      })
    )
  }
  const event = envelope.right
  return Schema.decodeUnknown(schema)(event.payload).pipe(
    Effect.mapError(
      (e) =>
        new InvalidMessage({
          ...base,
          reason: "Payload",
          eventId: event.eventId,
          message: ParseResult.TreeFormatter.formatErrorSync(e)
        })
    ),
    Effect.map((payload) => ({
      ...event,
      payload,
      delivery: { subject: msg.subject, streamSequence: msg.seq, deliveryCount: msg.info.deliveryCount }
    }))
  )
}

/**
 * Runs a durable consumer until interrupted, decoding each message's
 * payload with `schema` and handing it to `handler` (see the module notes
 * for the guarantees). Fails only with a broker failure, a dedup-store
 * failure, or an undecodable message when no `onInvalid` is given.
 */
export const consume = <A, I, RS, E, RH, EI = never, RI = never>(
  config: Config,
  schema: Schema.Schema<A, I, RS>,
  handler: (event: Received<A>) => Effect.Effect<void, E, RH>,
  options: Options<EI, RI> = {}
): Effect.Effect<never, ConsumerError | EI, NatsClient | DedupStore | RS | RH | RI> =>
  Effect.gen(function* () {
    const { jetstream } = yield* NatsClient
    const dedup = yield* DedupStore
    const stream = config.stream ?? "CITYHALL"
    const retryDelay = Duration.decode(config.retryDelay ?? "1 second")
    const expires = Duration.max(Duration.decode(config.pullExpires ?? "5 seconds"), Duration.seconds(1))
    const returnDelay = Duration.sum(expires, Duration.millis(250))
    yield* ensureConsumer(config)

    // The message being handled, if any: returned to the server by the finalizer AFTER the
    // subscription is closed, so that its redelivery goes to the next run, not to this one.
    const inHand = yield* Ref.make(Option.none<JsMsg>())
    const settle = (done: Effect.Effect<void, BrokerError>) => Effect.zipRight(Ref.set(inHand, Option.none()), done)

    const handleOne = (msg: JsMsg): Effect.Effect<void, ConsumerError | EI, RS | RH | RI> =>
      Effect.gen(function* () {
        yield* Ref.set(inHand, Option.some(msg))
        const decoded = yield* Effect.either(decode(schema, msg))
        if (Either.isLeft(decoded)) {
          // without onInvalid the message stays in hand: the finalizer returns it, and the consumer stops
          if (options.onInvalid === undefined) return yield* Effect.fail(decoded.left)
          yield* options.onInvalid(decoded.left)
          return yield* settle(terminate(msg))
        }
        const event = decoded.right
        if (yield* dedup.has(config.durable, event.eventId)) return yield* settle(ackConfirmed(msg))
        const exit = yield* Effect.exit(handler(event))
        if (Exit.isFailure(exit)) {
          if (Cause.isInterruptedOnly(exit.cause)) return yield* Effect.interrupt
          yield* Effect.logWarning(
            `handler of ${config.durable} failed on ${event.eventId} (delivery ${event.delivery.deliveryCount}); retrying in ${Duration.format(retryDelay)}`,
            exit.cause
          )
          return yield* settle(nak(msg, retryDelay))
        }
        yield* dedup.record(config.durable, event.eventId)
        yield* settle(ackConfirmed(msg))
      })

    return yield* Effect.scoped(
      Effect.gen(function* () {
        const queue = yield* Queue.unbounded<JsMsg>()
        const consumer = yield* Effect.tryPromise({
          try: () => jetstream.consumers.get(stream, config.durable),
          catch: brokerError("Consumer", `get consumer ${stream}/${config.durable}`)
        })
        const messages = yield* Effect.acquireRelease(
          Effect.tryPromise({
            try: () =>
              consumer.consume({
                abort_on_missing_resource: true,
                expires: Duration.toMillis(expires),
                callback: (m) => {
                  Queue.unsafeOffer(queue, m)
                }
              }),
            catch: brokerError("Consumer", `consume ${stream}/${config.durable}`)
          }),
          (ms) =>
            Effect.promise(() =>
              ms.close().then(
                (r) => r,
                (e: unknown) => e
              )
            ).pipe(
              Effect.flatMap((r) =>
                r instanceof Error ? Effect.logWarning(`closing consumer ${config.durable}: ${r.message}`) : Effect.void
              ),
              Effect.zipRight(Effect.all([Ref.get(inHand), Queue.takeAll(queue)])),
              Effect.flatMap(([current, rest]) =>
                Effect.forEach([...Option.toArray(current), ...rest], (m) => nak(m, returnDelay), { discard: true })
              )
            )
        )
        const closed = Effect.promise(() => messages.closed()).pipe(
          Effect.flatMap((r) =>
            Effect.fail(
              new BrokerError({
                reason: "Consumer",
                operation: `consume ${stream}/${config.durable}`,
                message: r instanceof Error ? r.message : "the message stream closed"
              })
            )
          )
        )
        const loop = Effect.forever(Effect.flatMap(Queue.take(queue), handleOne))
        return yield* Effect.raceFirst(loop, closed)
      })
    )
  })

/** {@link consume} without an event schema: the handler gets the stored-event envelope with its JSON payload. */
export const consumeStored = <E, RH, EI = never, RI = never>(
  config: Config,
  handler: (event: Received<unknown>) => Effect.Effect<void, E, RH>,
  options: Options<EI, RI> = {}
): Effect.Effect<never, ConsumerError | EI, NatsClient | DedupStore | RH | RI> =>
  consume(config, Schema.Unknown, handler, options)
