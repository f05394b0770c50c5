import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import * as RegistrationBook from "../../src/appeals/RegistrationBook.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { AppealId } from "../../src/kernel/Ids.js"
import * as EventStore from "../../src/ports/EventStore.js"
import * as Projection from "../../src/ports/Projection.js"
import { CLERK, at, register } from "./helpers.js"

const number = (year: number, seq: number, prefix = "ОГ") => Appeal.registrationNumber(prefix, year, seq)
const reserve = (n: Appeal.RegistrationNumber, appealId: string) =>
  new RegistrationBook.ReserveRegistrationNumber({
    registrationNumber: n,
    appealId: appealId as AppealId,
    at: at("2021-03-01"),
    actor: CLERK
  })

describe("the registration book's decider: a number is held by the first appeal that reserves it", () => {
  it("over random reservations of a few numbers by a few appeals, each number's holder is the first reserver; the others are refused naming it; replay reproduces the state", () => {
    const step = fc.record({
      n: fc.constantFrom(number(2021, 1), number(2021, 2), number(2022, 1), number(2021, 1, "КГ")),
      appeal: fc.constantFrom("A-1", "A-2", "A-3")
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const model = new Map<Appeal.RegistrationNumber, string>()
        const streams = new Map<
          string,
          { state: RegistrationBook.NumberState; events: Array<RegistrationBook.RegistrationNumberReserved> }
        >()
        for (const { appeal, n } of steps) {
          const id = RegistrationBook.streamId(n)
          const s = streams.get(id) ?? { state: RegistrationBook.decider.initialState, events: [] }
          const r = RegistrationBook.decider.decide(reserve(n, appeal), s.state)
          const holder = model.get(n)
          if (holder === undefined) {
            expect(Either.isRight(r) && r.right.length).toBe(1)
            model.set(n, appeal)
          } else if (holder === appeal) {
            expect(Either.isRight(r) && r.right.length).toBe(0)
          } else {
            expect(r).toMatchObject({
              left: { _tag: "DuplicateRegistrationNumber", registrationNumber: n, heldBy: holder, appealId: appeal }
            })
          }
          if (Either.isRight(r)) {
            for (const e of r.right) {
              s.events.push(e)
              s.state = RegistrationBook.decider.evolve(s.state, e)
            }
          }
          streams.set(id, s)
          expect(s.state).toEqual(Decider.replay(RegistrationBook.decider, s.events))
          expect(s.state).toMatchObject({ _tag: "Held", registrationNumber: n, appealId: model.get(n) })
        }
        // distinct numbers, distinct streams
        expect(new Set([...model.keys()].map(RegistrationBook.streamId)).size).toBe(model.size)
      })
    )
  })

  it("stream ids are ASCII and distinct for distinct numbers", () => {
    expect(RegistrationBook.streamId(number(2021, 123))).toBe("2021-_00041e_000413-2021-00123")
    const numbers = fc.tuple(
      fc.stringMatching(/^[A-Za-zА-ЯЁа-яё]{0,10}$/),
      fc.integer({ min: 1900, max: 2100 }),
      fc.integer({ min: 1, max: 9_999_999 })
    )
    fc.assert(
      fc.property(numbers, numbers, ([p1, y1, s1], [p2, y2, s2]) => {
        const a = number(y1, s1, p1),
          b = number(y2, s2, p2)
        expect(RegistrationBook.streamId(a)).toMatch(/^[\x21-\x7e]+$/)
        expect(RegistrationBook.streamId(a) === RegistrationBook.streamId(b)).toBe(a === b)
      })
    )
  })
})

describe("AppealRecords.register: a registration number is unique per administration and year", () => {
  const appealIds = (log: ReadonlyArray<EventStore.StoredEvent>) =>
    [...new Set(log.filter((e) => e.category === AppealRecords.category).map((e) => e.streamId))].sort()
  const log = Effect.flatMap(EventStore.EventStore, (s) => s.readAll(0))

  it.effect("a second appeal under a taken number is refused naming the holder, and is not registered at all", () =>
    Effect.gen(function* () {
      const first = yield* AppealRecords.register(register("2021-03-01", { appealId: "A-1" as AppealId }))
      expect(first.state._tag).toBe("Registered")
      const second = yield* Effect.either(
        AppealRecords.register(register("2021-03-02", { appealId: "A-2" as AppealId }))
      )
      expect(second).toMatchObject({
        left: {
          _tag: "DuplicateRegistrationNumber",
          registrationNumber: "ОГ-2021-00001",
          heldBy: "A-1",
          appealId: "A-2"
        }
      })
      expect(appealIds(yield* log)).toEqual(["A-1"])
      // the same sequence number in another year, or under another prefix, is another number
      yield* AppealRecords.register(register("2022-03-01", { appealId: "A-3" as AppealId }))
      yield* AppealRecords.register(
        register("2021-03-02", { appealId: "A-4" as AppealId, registrationNumber: number(2021, 1, "КГ") })
      )
      expect(appealIds(yield* log)).toEqual(["A-1", "A-3", "A-4"])
    }).pipe(Effect.provide(MemoryStore.layer))
  )

  it.effect(
    "bad input is refused before anything is written; a repeated registration meets the appeal's own reservation",
    () =>
      Effect.gen(function* () {
        const bad = yield* Effect.either(
          AppealRecords.register(
            register("2021-03-01", { topics: ["0009.0001.0001.0001" as Appeal.AppealFacts["topics"][0]] })
          )
        )
        expect(bad).toMatchObject({ left: { _tag: "UnknownTopic" } })
        expect(yield* log).toEqual([])
        yield* AppealRecords.register(register("2021-03-01"))
        const again = yield* Effect.either(AppealRecords.register(register("2021-03-01")))
        expect(again).toMatchObject({ left: { _tag: "TransitionNotAllowed", state: "Registered" } })
        expect((yield* log).length).toBe(2) // one reservation, one registration
      }).pipe(Effect.provide(MemoryStore.layer))
  )

  it.effect("concurrent registrations of one number by different appeals: exactly one is registered", () =>
    Effect.gen(function* () {
      const results = yield* Effect.all(
        ["A-1", "A-2", "A-3", "A-4"].map((id) =>
          Effect.either(AppealRecords.register(register("2021-03-01", { appealId: id as AppealId })))
        ),
        { concurrency: "unbounded" }
      )
      expect(results.filter(Either.isRight).length).toBe(1)
      for (const r of results.filter(Either.isLeft)) expect(r.left._tag).toBe("DuplicateRegistrationNumber")
      expect(appealIds(yield* log).length).toBe(1)
    }).pipe(Effect.provide(MemoryStore.layer))
  )
})

/** A read-model table whose rows need a finite number: NaN does not encode. */
const Broken = Projection.table({ name: "broken", schema: Schema.Struct({ n: Schema.Finite }), indexed: [] })

describe("a new number for a new appeal: the reservation and the registration are one append", () => {
  it.effect(
    "both streams are written at consecutive positions; when the registration's append fails, the number is not reserved either",
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        yield* AppealRecords.register(register("2021-03-01", { appealId: "T-1" as AppealId }))
        const all = yield* store.readAll(0)
        expect(all.map((e) => [e.category, e.position])).toEqual([
          [RegistrationBook.category, 1],
          [AppealRecords.definition.category, 2]
        ])
        // an appeal definition whose projection cannot encode its row: the append fails as a whole
        const failing: AppealRecords.Definition = {
          ...AppealRecords.definition,
          projections: [
            ...(AppealRecords.definition.projections ?? []),
            Projection.make({
              name: "broken",
              tables: [Broken],
              counters: [],
              project: ({ envelope }) => [Projection.upsert(Broken, envelope.stream.id, { n: Number.NaN })]
            })
          ]
        }
        const failed = yield* Effect.either(
          AppealRecords.register(
            register("2021-03-01", { appealId: "T-2" as AppealId, registrationNumber: number(2021, 77) }),
            { definition: failing }
          )
        )
        expect(failed).toMatchObject({ left: { _tag: "EncodeError" } })
        expect((yield* store.readAll(0)).length).toBe(2)
        expect(
          yield* store.read({ category: RegistrationBook.category, id: RegistrationBook.streamId(number(2021, 77)) })
        ).toEqual([])
      }).pipe(Effect.provide(MemoryStore.layer))
  )
})
