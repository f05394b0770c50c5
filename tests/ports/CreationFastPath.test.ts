import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Layer, Ref } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { AppealRecords } from "../../src/appeals/index.js"
import type { Appeal } from "../../src/appeals/index.js"
import type { ActorId, AppealId } from "../../src/kernel/Ids.js"
import { Ports } from "../../src/index.js"
import * as Arb from "../../src/testing/AppealsArbitraries.js"
import { runs } from "../support/runs.js"

const { CommandHandler, EventStore } = Ports
const at = new Date("2021-03-15T02:00:00.000Z")
const withCreates = AppealRecords.definition
const { creates: _creates, ...withoutCreates } = AppealRecords.definition

/** The memory store, with its stream reads counted. */
const counted = (reads: Ref.Ref<number>) =>
  Layer.effect(
    EventStore.EventStore,
    Effect.map(EventStore.EventStore, (inner) => ({
      ...inner,
      read: (stream, options) =>
        Effect.zipRight(
          Ref.update(reads, (n) => n + 1),
          inner.read(stream, options)
        )
    }))
  ).pipe(Layer.provideMerge(MemoryStore.layer))

const register = (draft: Arb.RegistrationDraft, i: number) =>
  Arb.registrationCommand(draft, {
    appealId: `A-${i}` as AppealId,
    registrationNumber: `ОГ-2021-${String(i).padStart(5, "0")}` as Appeal.RegistrationNumber,
    receivedAt: at,
    at,
    actor: "clerk-1" as ActorId
  })

/** Everything a store holds: the log and the appeal read models. */
const contents = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  const log = (yield* store.readAll(0)).map(({ recordedAt: _r, ...e }) => e)
  const open = yield* AppealRecords.openInState("Registered")
  return { log, open }
})

describe("commands that create their stream (AggregateDefinition.creates)", () => {
  it.effect(
    "a registration of a new appeal is appended without reading its stream, with the same result as the read-decide-append path",
    () =>
      Effect.gen(function* () {
        const draft = fc.sample(Arb.registrationDraft(), { numRuns: 1, seed: 7 })[0]!
        const run = (definition: typeof withCreates) =>
          Effect.gen(function* () {
            const reads = yield* Ref.make(0)
            const result = yield* CommandHandler.handle(definition, "A-1", register(draft, 1)).pipe(
              Effect.provide(counted(reads)),
              Effect.either
            )
            return { result, reads: yield* Ref.get(reads) }
          })
        const fast = yield* run(withCreates)
        const slow = yield* run(withoutCreates)
        expect(fast.reads).toBe(0)
        expect(slow.reads).toBe(1)
        expect(Either.isRight(fast.result)).toBe(true)
        expect(fast.result).toEqual(slow.result)
      })
  )

  it.effect("a second registration of the same appeal meets the stored one: the decider's error, nothing written", () =>
    Effect.gen(function* () {
      const draft = fc.sample(Arb.registrationDraft(), { numRuns: 1, seed: 11 })[0]!
      const reads = yield* Ref.make(0)
      yield* Effect.gen(function* () {
        yield* CommandHandler.handle(withCreates, "A-1", register(draft, 1))
        const before = yield* contents
        const again = yield* Effect.either(CommandHandler.handle(withCreates, "A-1", register(draft, 1)))
        expect(Either.isLeft(again)).toBe(true)
        if (Either.isLeft(again)) expect(again.left._tag).not.toBe("ConcurrencyConflict")
        expect(yield* contents).toEqual(before)
        expect(yield* Ref.get(reads)).toBe(1) // the second one read the stream after its conflict
      }).pipe(Effect.provide(counted(reads)))
    })
  )

  it.effect(
    "with an idempotency key, a retried registration answers the first result (duplicate) and writes nothing",
    () =>
      Effect.gen(function* () {
        const draft = fc.sample(Arb.registrationDraft(), { numRuns: 1, seed: 13 })[0]!
        yield* Effect.gen(function* () {
          const first = yield* CommandHandler.handle(withCreates, "A-1", register(draft, 1), { idempotencyKey: "k-1" })
          const before = yield* contents
          const second = yield* CommandHandler.handle(withCreates, "A-1", register(draft, 1), { idempotencyKey: "k-1" })
          expect(second.duplicate).toBe(true)
          expect(second.version).toBe(first.version)
          expect(second.events).toEqual(first.events)
          expect(yield* contents).toEqual(before)
        }).pipe(Effect.provide(MemoryStore.layer))
      })
  )

  it.effect.prop(
    "random registrations (some of the same appeal twice): the fast path leaves the same answers and store contents as read-decide-append",
    [fc.array(fc.tuple(Arb.registrationDraft(), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 12 })],
    ([items]) =>
      Effect.gen(function* () {
        const run = (definition: typeof withCreates) =>
          Effect.gen(function* () {
            const answers: Array<unknown> = []
            for (const [draft, i] of items) {
              const r = yield* Effect.either(CommandHandler.handle(definition, `A-${i}`, register(draft, i)))
              answers.push(Either.isRight(r) ? { version: r.right.version, events: r.right.events } : r.left._tag)
            }
            return { answers, contents: yield* contents }
          }).pipe(Effect.provide(MemoryStore.layer))
        expect(yield* run(withCreates)).toEqual(yield* run(withoutCreates))
      }),
    { fastCheck: { numRuns: runs(40) } }
  )
})
