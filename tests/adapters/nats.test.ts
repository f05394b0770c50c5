/**
 * The NATS JetStream adapter against a real server (`CITYHALL_NATS_URL`),
 * with the memory adapter's event store and outbox as the source. Each test
 * uses its own stream and subject prefix and deletes the stream at the end.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, type Duration, Effect, Either, Fiber, Layer, Option, Ref, Schedule, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { DedupStore, EventConsumer, NatsClient, NatsErrors, OutboxRelay, Subjects } from "../../adapters/nats/index.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { Outbox } from "../../src/ports/Outbox.js"
import { Ledger } from "../../src/testing/index.js"

const url = process.env.CITYHALL_NATS_URL

if (url === undefined) {
  console.log(
    "NATS JetStream tests skipped: set CITYHALL_NATS_URL=nats://127.0.0.1:4222 to run them against a real NATS server with JetStream"
  )
}

const servers = url ?? ""
const at = new Date("2021-03-01T09:00:00Z")

/** A fresh stream and prefix for one test; the stream is deleted when the test's scope closes. */
const freshStream = (duplicateWindow: Duration.DurationInput = "2 minutes") =>
  Effect.gen(function* () {
    const id = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`
    const relayConfig: OutboxRelay.Config = {
      stream: `CITYHALL_TEST_${id}`,
      subjectPrefix: `cityhall_test.${id}`,
      batchSize: 16,
      pollInterval: "20 millis",
      storage: "memory",
      duplicateWindow
    }
    const { manager } = yield* NatsClient.NatsClient
    yield* OutboxRelay.ensureStream(relayConfig)
    yield* Effect.addFinalizer(() => Effect.asVoid(Effect.promise(() => manager.streams.delete(relayConfig.stream!))))
    return { relayConfig, stream: relayConfig.stream!, prefix: relayConfig.subjectPrefix! }
  })

const streamMessages = (stream: string) =>
  Effect.flatMap(NatsClient.NatsClient, ({ manager }) => Effect.promise(() => manager.streams.info(stream))).pipe(
    Effect.map((i) => i.state.messages)
  )

/** Messages of the stream the durable consumer has not had acknowledged yet. */
const consumerPending = (stream: string, durable: string) =>
  Effect.flatMap(NatsClient.NatsClient, ({ manager }) =>
    Effect.promise(() => manager.consumers.info(stream, durable))
  ).pipe(Effect.map((i) => i.num_pending + i.num_ack_pending))

/** Polls until `cond` holds; fails the test after `within`. */
const waitUntil = <E, R>(
  what: string,
  cond: Effect.Effect<boolean, E, R>,
  within: Duration.DurationInput = "20 seconds"
) =>
  cond.pipe(
    Effect.flatMap((ok) => (ok ? Effect.void : Effect.fail("not yet" as const))),
    Effect.retry(Schedule.spaced("20 millis")),
    Effect.timeoutFail({ duration: within, onTimeout: () => new Error(`timed out waiting until ${what}`) })
  )

/** Ledger commands giving `accounts` x `perAccount` events, interleaved across the accounts. */
const ledgerCommands = (accounts: number, perAccount: number) => {
  const out: Array<readonly [string, Ledger.Command]> = []
  for (let v = 1; v <= perAccount; v++) {
    for (let a = 1; a <= accounts; a++) {
      out.push([
        `L-${a}`,
        v === 1 ? Ledger.Open.make({ owner: `o${a}`, division: "d", at }) : Ledger.Deposit.make({ amount: v, at })
      ])
    }
  }
  return out
}

const handleAll = (commands: ReadonlyArray<readonly [string, Ledger.Command]>) =>
  Effect.forEach(commands, ([id, c]) => CommandHandler.handle(Ledger.definition, id, c), { discard: true })

const env = () => Layer.mergeAll(MemoryStore.layerWithFaults, DedupStore.layerMemory, NatsClient.layer({ servers }))

describe.skipIf(url === undefined)("NATS JetStream adapter", () => {
  it.live(
    "200 events arrive exactly once, in version order per stream, across relay and consumer restarts and handler failures",
    () =>
      Effect.gen(function* () {
        const { relayConfig, stream, prefix } = yield* freshStream()
        const outbox = yield* Outbox
        const handled = yield* Ref.make(Chunk.empty<EventConsumer.Received<Ledger.Event>>())
        const failedOnce = yield* Ref.make(new Set<string>())
        const count = Effect.map(Ref.get(handled), Chunk.size)
        const consumerConfig: EventConsumer.Config = {
          stream,
          durable: "ledger-test",
          filterSubjects: [Subjects.area(prefix, "ledger")],
          ackWait: "2 seconds",
          pullExpires: "1 second",
          retryDelay: "30 millis"
        }
        // every 37th position fails on its first delivery: it must be retried, and handled once
        const handler = (e: EventConsumer.Received<Ledger.Event>) =>
          Effect.gen(function* () {
            if (e.position % 37 === 0 && !(yield* Ref.get(failedOnce)).has(e.eventId)) {
              yield* Ref.update(failedOnce, (s) => new Set([...s, e.eventId]))
              return yield* Effect.fail("transient failure")
            }
            yield* Ref.update(handled, Chunk.append(e))
          })
        const consumer = EventConsumer.consume(consumerConfig, Ledger.Event, handler)
        const relay = OutboxRelay.run(relayConfig)

        const commands = ledgerCommands(10, 20)
        yield* handleAll(commands.slice(0, 100))
        let relayFiber = yield* Effect.fork(relay)
        let consumerFiber = yield* Effect.fork(consumer)
        const producer = yield* Effect.fork(
          Effect.forEach(
            commands.slice(100),
            ([id, c]) => CommandHandler.handle(Ledger.definition, id, c).pipe(Effect.zipLeft(Effect.sleep("2 millis"))),
            {
              discard: true
            }
          )
        )

        // stop and restart the relay mid-stream
        yield* waitUntil(
          "the relay passed 40",
          Effect.map(outbox.checkpoint("nats"), (c) => c >= 40)
        )
        yield* Fiber.interrupt(relayFiber)
        const stoppedAt = yield* outbox.checkpoint("nats")
        expect(stoppedAt).toBeLessThan(200)
        relayFiber = yield* Effect.fork(relay)

        // stop and restart the consumer mid-stream, twice
        yield* waitUntil(
          "60 handled",
          Effect.map(count, (n) => n >= 60)
        )
        yield* Fiber.interrupt(consumerFiber)
        expect(yield* count).toBeLessThan(200)
        consumerFiber = yield* Effect.fork(consumer)
        yield* waitUntil(
          "120 handled",
          Effect.map(count, (n) => n >= 120)
        )
        yield* Fiber.interrupt(consumerFiber)
        yield* Fiber.interrupt(relayFiber)
        consumerFiber = yield* Effect.fork(consumer)
        relayFiber = yield* Effect.fork(relay)

        yield* Fiber.join(producer)
        yield* waitUntil(
          "200 handled",
          Effect.map(count, (n) => n >= 200)
        )
        yield* Effect.sleep("300 millis") // room for any extra delivery to show up
        yield* Fiber.interrupt(consumerFiber)
        yield* Fiber.interrupt(relayFiber)

        const events = Chunk.toReadonlyArray(yield* Ref.get(handled))
        expect(events.length).toBe(200)
        expect(new Set(events.map((e) => e.eventId)).size).toBe(200)
        expect(yield* outbox.checkpoint("nats")).toBe(200)
        expect(yield* streamMessages(stream)).toBe(200)
        for (let a = 1; a <= 10; a++) {
          const versions = events.filter((e) => e.streamId === `L-${a}`).map((e) => e.version)
          expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
        }
        for (const e of events) {
          expect(e.delivery.subject).toBe(`${prefix}.ledger.${e.type}`)
          expect(e.payload._tag).toBe(e.type)
          expect(e.payload).toBeInstanceOf(e.version === 1 ? Ledger.Opened : Ledger.Deposited)
        }
        const retried = events.filter((e) => e.position % 37 === 0)
        expect(retried.length).toBe(5)
        for (const e of retried) expect(e.delivery.deliveryCount).toBeGreaterThanOrEqual(2)
      }).pipe(Effect.scoped, Effect.provide(env()))
  )

  it.live("a relay re-run from an older checkpoint is deduplicated by JetStream; the lease admits one relay", () =>
    Effect.gen(function* () {
      const { relayConfig, stream } = yield* freshStream()
      const outbox = yield* Outbox
      yield* handleAll(ledgerCommands(3, 10))

      const first = yield* OutboxRelay.relayOnce({ ...relayConfig, batchSize: 100 })
      expect(first).toEqual(Option.some({ published: 30, duplicates: 0, checkpoint: 30 }))
      expect(yield* streamMessages(stream)).toBe(30)

      // a relay whose checkpoint is older (here: none) publishes everything again
      const replay = yield* OutboxRelay.relayOnce({ ...relayConfig, relay: "replay", batchSize: 100 })
      expect(replay).toEqual(Option.some({ published: 0, duplicates: 30, checkpoint: 30 }))
      expect(yield* streamMessages(stream)).toBe(30)

      // two events more: only those are new
      yield* handleAll([
        ["L-1", Ledger.Deposit.make({ amount: 1, at })],
        ["L-2", Ledger.Deposit.make({ amount: 1, at })]
      ])
      const again = yield* OutboxRelay.relayOnce({ ...relayConfig, relay: "replay", batchSize: 100 })
      expect(again).toEqual(Option.some({ published: 2, duplicates: 0, checkpoint: 32 }))

      // while another holder has the lease, the relay publishes nothing
      const blocked = yield* Effect.scoped(
        Effect.flatMap(outbox.tryLease("nats"), (held) => {
          expect(held).toBe(true)
          return OutboxRelay.relayOnce(relayConfig)
        })
      )
      expect(blocked).toEqual(Option.none())
      expect(yield* outbox.checkpoint("nats")).toBe(30)
      expect(yield* OutboxRelay.relayOnce(relayConfig)).toEqual(
        Option.some({ published: 0, duplicates: 2, checkpoint: 32 })
      )
      expect(yield* streamMessages(stream)).toBe(32)
    }).pipe(Effect.scoped, Effect.provide(env()))
  )

  it.live("an event published again after the duplicate window reaches the stream twice and is handled once", () =>
    Effect.gen(function* () {
      const { relayConfig, stream } = yield* freshStream("300 millis")
      yield* handleAll(ledgerCommands(2, 5))
      expect(yield* OutboxRelay.relayOnce(relayConfig)).toEqual(
        Option.some({ published: 10, duplicates: 0, checkpoint: 10 })
      )
      yield* Effect.sleep("1 second")
      expect(yield* OutboxRelay.relayOnce({ ...relayConfig, relay: "late-replay" })).toEqual(
        Option.some({ published: 10, duplicates: 0, checkpoint: 10 })
      )
      expect(yield* streamMessages(stream)).toBe(20)

      const handled = yield* Ref.make<ReadonlyArray<string>>([])
      const consumerConfig: EventConsumer.Config = {
        stream,
        durable: "once",
        ackWait: "2 seconds",
        pullExpires: "1 second"
      }
      expect((yield* EventConsumer.ensureConsumer(consumerConfig)).num_pending).toBe(20)
      const fiber = yield* Effect.fork(
        EventConsumer.consumeStored(consumerConfig, (e) => Ref.update(handled, (xs) => [...xs, e.eventId]))
      )
      yield* waitUntil(
        "the consumer passed all 20 messages",
        Effect.map(consumerPending(stream, "once"), (n) => n === 0)
      )
      yield* Fiber.interrupt(fiber)
      const ids = yield* Ref.get(handled)
      expect(ids.length).toBe(10)
      expect(new Set(ids).size).toBe(10)
    }).pipe(Effect.scoped, Effect.provide(env()))
  )

  it.live("bad payloads reach a typed InvalidMessage; with onInvalid they are set aside and the rest is handled", () =>
    Effect.gen(function* () {
      const { relayConfig, stream, prefix } = yield* freshStream()
      const { jetstream } = yield* NatsClient.NatsClient
      const publishRaw = (type: string, data: string) =>
        Effect.promise(() => jetstream.publish(`${prefix}.ledger.${type}`, data))
      const envelope = (payload: unknown) =>
        JSON.stringify({
          position: 99,
          eventId: "ledger/L-9/2",
          category: "ledger",
          streamId: "L-9",
          version: 2,
          type: "Deposited",
          payload,
          recordedAt: at.toISOString()
        })
      // a consumer without onInvalid stops on the first bad message, with the reason
      const failure = (type: string) =>
        EventConsumer.consume(
          {
            stream,
            durable: `strict-${type}`,
            ackWait: "2 seconds",
            pullExpires: "1 second",
            filterSubjects: [`${prefix}.ledger.${type}`]
          },
          Ledger.Event,
          () => Effect.void
        ).pipe(Effect.flip)

      yield* publishRaw("Garbage", "not json")
      yield* publishRaw("Stranger", JSON.stringify({ hello: 1 }))
      // the payload decodes only with the event schema: a string amount is refused, naming the field
      yield* publishRaw("Deposited", envelope({ _tag: "Deposited", amount: "ten", at: at.toISOString() }))
      expect(yield* failure("Garbage")).toMatchObject({ _tag: "InvalidMessage", reason: "Json", streamSequence: 1 })
      expect(yield* failure("Stranger")).toMatchObject({
        _tag: "InvalidMessage",
        reason: "Envelope",
        streamSequence: 2
      })
      const payloadError = yield* failure("Deposited")
      expect(payloadError).toMatchObject({
        _tag: "InvalidMessage",
        reason: "Payload",
        streamSequence: 3,
        eventId: "ledger/L-9/2"
      })
      expect(payloadError.message).toContain("amount")
      // the strict consumer left its bad message in place: it fails again on restart
      expect(yield* failure("Deposited")).toMatchObject({ reason: "Payload", streamSequence: 3 })

      yield* handleAll(ledgerCommands(1, 3))
      yield* OutboxRelay.relayOnce(relayConfig)

      const invalid = yield* Ref.make<ReadonlyArray<NatsErrors.InvalidMessage>>([])
      const good = yield* Ref.make<ReadonlyArray<string>>([])
      const fiber = yield* Effect.fork(
        EventConsumer.consume(
          { stream, durable: "tolerant", ackWait: "2 seconds", pullExpires: "1 second" },
          Ledger.Event,
          (e) => Ref.update(good, (xs) => [...xs, e.eventId]),
          { onInvalid: (e) => Ref.update(invalid, (xs) => [...xs, e]) }
        )
      )
      yield* waitUntil(
        "3 good events",
        Effect.map(Ref.get(good), (xs) => xs.length >= 3)
      )
      yield* Fiber.interrupt(fiber)
      expect(yield* Ref.get(good)).toEqual(["ledger/L-1/1", "ledger/L-1/2", "ledger/L-1/3"])
      const errors = yield* Ref.get(invalid)
      expect(errors.map((e) => e.reason)).toEqual(["Json", "Envelope", "Payload"])
      expect(errors[2]!.eventId).toBe("ledger/L-9/2")
      expect(errors[2]!.message).toContain("amount")
      expect(Schema.is(NatsErrors.InvalidMessage)(errors[0])).toBe(true)

      // the invalid messages were terminated: a restarted consumer sees nothing more
      const restarted = yield* Effect.fork(
        EventConsumer.consume(
          { stream, durable: "tolerant", ackWait: "2 seconds", pullExpires: "1 second" },
          Ledger.Event,
          (e) => Ref.update(good, (xs) => [...xs, e.eventId])
        )
      )
      yield* Effect.sleep("300 millis")
      expect(Option.isNone(yield* Fiber.poll(restarted))).toBe(true)
      yield* Fiber.interrupt(restarted)
      expect((yield* Ref.get(good)).length).toBe(3)
    }).pipe(Effect.scoped, Effect.provide(env()))
  )

  it.live("a corrupt stored event stops the relay with CorruptEvent after acknowledging what came before", () =>
    Effect.gen(function* () {
      const { relayConfig, stream } = yield* freshStream()
      const outbox = yield* Outbox
      yield* handleAll(ledgerCommands(1, 5))
      yield* MemoryStore.corruptEvent({ category: "ledger", id: "L-1" }, 4, "{not json")
      const result = yield* Effect.either(OutboxRelay.relayOnce(relayConfig))
      expect(Either.isLeft(result) && result.left._tag).toBe("CorruptEvent")
      expect(yield* outbox.checkpoint("nats")).toBe(0)
      expect(yield* streamMessages(stream)).toBe(0)
      const small = yield* OutboxRelay.relayOnce({ ...relayConfig, batchSize: 3 })
      expect(small).toEqual(Option.some({ published: 3, duplicates: 0, checkpoint: 3 }))
      const stuck = yield* Effect.either(OutboxRelay.relayOnce(relayConfig))
      expect(Either.isLeft(stuck) && stuck.left._tag).toBe("CorruptEvent")
      expect(yield* outbox.checkpoint("nats")).toBe(3)
    }).pipe(Effect.scoped, Effect.provide(env()))
  )
})

describe("NATS adapter without a server", () => {
  it.effect("an unreachable server is a typed BrokerError, not a defect", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.scoped(NatsClient.make({ servers: "nats://127.0.0.1:1", timeout: 1000 })))
      expect(error).toBeInstanceOf(NatsErrors.BrokerError)
      expect(error.reason).toBe("Connection")
    })
  )

  it.effect("subjects: one sanitised token per category and type under a validated prefix", () =>
    Effect.sync(() => {
      expect(Subjects.subjectOf("cityhall", "appeal", "AppealRegistered")).toBe("cityhall.appeal.AppealRegistered")
      expect(Subjects.subjectOf("city.events", "plan item", "a.b*c>")).toBe("city.events.plan_item.a_b_c_")
      expect(Subjects.token("")).toBe("_")
      expect(Either.isRight(Subjects.validatePrefix("city.events"))).toBe(true)
      for (const bad of ["", "a..b", "a.>", "a b", "a.*"])
        expect(Either.isLeft(Subjects.validatePrefix(bad))).toBe(true)
      expect(Either.isLeft(OutboxRelay.resolve({ subjectPrefix: "a.*" }))).toBe(true)
    })
  )
})
