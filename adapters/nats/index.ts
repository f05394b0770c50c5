/**
 * `cityhall/adapters/nats`: events to NATS JetStream. The outbox relay
 * publishes every stored event once per event id; the consumer helper hands
 * decoded, typed events to a handler, at least once and once per event id.
 * See `docs/events.md` for the subjects, the payload and the guarantees.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { MemoryStore } from "cityhall/adapters/memory"
 * import { DedupStore, EventConsumer, NatsClient, OutboxRelay } from "cityhall/adapters/nats"
 *
 * const nats = NatsClient.layer({ servers: "nats://127.0.0.1:4222" })
 * const relay = OutboxRelay.run({ stream: "CITYHALL" })
 * const audit = EventConsumer.consumeStored({ stream: "CITYHALL", durable: "audit" }, (e) => Effect.log(e.eventId))
 * Effect.all([relay, audit], { concurrency: "unbounded" }).pipe(
 *   Effect.provide(Layer.mergeAll(MemoryStore.layer, DedupStore.layerMemory, nats))
 * )
 * ```
 *
 * @module
 */
export * as DedupStore from "./DedupStore.js"
export * as EventConsumer from "./EventConsumer.js"
export * as NatsClient from "./NatsClient.js"
export * as NatsErrors from "./NatsErrors.js"
export * as OutboxRelay from "./OutboxRelay.js"
export * as Subjects from "./Subjects.js"
