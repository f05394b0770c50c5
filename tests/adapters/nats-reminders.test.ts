/**
 * Deadline reminders reach the bus: `App.Reminders.remind` appends a
 * `DeadlineApproaching` event, the outbox relay publishes it to a real NATS
 * JetStream server (`CITYHALL_NATS_URL`) under
 * `<prefix>.appeal_reminder.DeadlineApproaching`, where a consumer
 * filtering that subject receives it once; a second run publishes nothing.
 * Its own stream and prefix, deleted at the end.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Fiber, Layer, Option, Ref, Schedule } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { DedupStore, EventConsumer, NatsClient, OutboxRelay, Subjects } from "../../adapters/nats/index.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import * as City from "../../src/app/City.js"
import { system } from "../../src/app/Principal.js"
import * as AppReminders from "../../src/app/Reminders.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import type { AppealId } from "../../src/kernel/Ids.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import * as Projection from "../../src/ports/Projection.js"
import { appealRegistration } from "../../src/testing/ConformanceAggregates.js"

const url = process.env.CITYHALL_NATS_URL
if (url === undefined)
  console.log("NATS reminder test skipped: set CITYHALL_NATS_URL=nats://127.0.0.1:4222 to run it against a real server")

describe.skipIf(url === undefined)("DeadlineApproaching on NATS JetStream", () => {
  it.live("a reminder is published once under its subject and a consumer filtering it receives it", () =>
    Effect.gen(function* () {
      const id = `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`
      const relayConfig: OutboxRelay.Config = {
        stream: `CITYHALL_TEST_${id}`,
        subjectPrefix: `cityhall_test.${id}`,
        batchSize: 16,
        pollInterval: "20 millis",
        storage: "memory"
      }
      const { manager } = yield* NatsClient.NatsClient
      yield* OutboxRelay.ensureStream(relayConfig)
      yield* Effect.addFinalizer(() => Effect.asVoid(Effect.promise(() => manager.streams.delete(relayConfig.stream!))))

      const register = fc.sample(
        appealRegistration("R-1" as AppealId, fc.constant(Date.parse("2021-03-01T00:00:00Z")), 1),
        { numRuns: 1, seed: 1 }
      )[0]!
      yield* CommandHandler.handle(AppealRecords.definition, "R-1", register)
      const row = Option.getOrThrow(yield* Projection.get(AppealRecords.Open, "R-1"))
      // the day the 1-working-day threshold is reached
      const day = Either.getOrThrow(Calendar.addWorkingDays(Calendar.russia(), row.answerDue, -1))
      const city = Either.getOrThrow(City.make({ now: () => new Date(`${day}T02:00:00Z`) }))
      const remind = AppReminders.remind(system("nats-test")).pipe(Effect.provide(City.layerOf(city)))

      const sent = yield* remind
      expect(sent.emitted.map((e) => [e.appealId, e.due, e.threshold])).toStrictEqual([["R-1", row.answerDue, 1]])
      const published = yield* OutboxRelay.relayOnce(relayConfig)
      expect(Option.map(published, (p) => p.published)).toStrictEqual(Option.some(2)) // the registration and the reminder
      expect((yield* remind).emitted).toStrictEqual([])
      // nothing new to publish
      const again = yield* OutboxRelay.relayOnce(relayConfig)
      expect(
        Option.getOrElse(
          Option.map(again, (p) => p.published),
          () => 0
        )
      ).toBe(0)

      const received = yield* Ref.make<ReadonlyArray<EventConsumer.Received<unknown>>>([])
      const subject = Subjects.eventType(relayConfig.subjectPrefix!, "appeal_reminder", "DeadlineApproaching")
      const fiber = yield* Effect.fork(
        EventConsumer.consumeStored(
          {
            stream: relayConfig.stream!,
            durable: "reminders",
            filterSubjects: [subject],
            ackWait: "2 seconds",
            pullExpires: "1 second"
          },
          (e) => Ref.update(received, (xs) => [...xs, e])
        )
      )
      yield* Ref.get(received).pipe(
        Effect.flatMap((xs) => (xs.length >= 1 ? Effect.void : Effect.fail("not yet"))),
        Effect.retry(Schedule.spaced("50 millis")),
        Effect.timeout("20 seconds")
      )
      yield* Effect.sleep("300 millis")
      yield* Fiber.interrupt(fiber)
      const got = yield* Ref.get(received)
      expect(got.length).toBe(1)
      expect(got[0]!.type).toBe("DeadlineApproaching")
      expect(got[0]!.category).toBe("appeal_reminder")
      expect(got[0]!.payload).toMatchObject({ appealId: "R-1", due: row.answerDue, threshold: 1, dueKind: "answer" })
    }).pipe(
      Effect.scoped,
      Effect.provide(
        Layer.mergeAll(MemoryStore.layer, DedupStore.layerMemory, NatsClient.layer({ servers: url ?? "" }))
      )
    )
  )
})
