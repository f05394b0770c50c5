/**
 * `App.Reminders.remind` over the memory store: on any history of appeals
 * and any clocks moving forward (with extensions between runs), every
 * reached threshold of an open appeal's answer, and of the notice of one
 * not yet accepted for consideration, is reminded of once — a second run on
 * the same day sends nothing, no due date and threshold twice — and the
 * events are in the outbox for the relay, exactly those sent.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import * as Reminders from "../../src/appeals/Reminders.js"
import * as City from "../../src/app/City.js"
import { Principal, system } from "../../src/app/Principal.js"
import * as AppReminders from "../../src/app/Reminders.js"
import type { ActorId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { Outbox } from "../../src/ports/Outbox.js"
import * as Projection from "../../src/ports/Projection.js"
import { histories } from "../storage/appealHistories.js"
import { runs } from "../support/runs.js"

const admin = system("reminders")
const noonIn = (day: string) => new Date(`${day}T02:00:00Z`) // noon in Khabarovsk

describe("App.Reminders.remind", () => {
  it("once per appeal, due date and threshold over any clocks; the outbox carries exactly what was sent", async () => {
    let total = 0
    let notices = 0
    await fc.assert(
      fc.asyncProperty(
        histories(6, new Date("2021-03-01T00:00:00Z"), new Date("2021-03-20T00:00:00Z")),
        fc.array(
          fc.record({ days: fc.integer({ min: 0, max: 5 }), extend: fc.option(fc.integer({ min: 1, max: 20 })) }),
          { minLength: 1, maxLength: 12 }
        ),
        async (hs, steps) => {
          let clock = noonIn("2021-03-20")
          const city = Either.getOrThrow(City.make({ now: () => clock }))
          await Effect.runPromise(
            Effect.gen(function* () {
              for (const h of hs)
                for (const c of h) yield* Effect.either(CommandHandler.handle(AppealRecords.definition, c.appealId, c))
              const sent: Array<Reminders.DeadlineApproaching> = []
              let day = Period.unsafeDay("2021-03-20")
              for (const s of steps) {
                day = Period.addDays(day, s.days)
                clock = noonIn(day)
                const first = yield* AppReminders.remind(admin)
                expect(first.on).toBe(day)
                sent.push(...first.emitted)
                expect((yield* AppReminders.remind(admin)).emitted).toStrictEqual([])
                // naive reference, from the appeals' states (not the read model): every answer and notice of an
                // open appeal with a reached threshold is covered by a reminder of its kind and due date now
                for (const h of hs) {
                  const id = h[0]!.appealId
                  const appeal = (yield* CommandHandler.load(AppealRecords.definition, id)).state
                  for (const due of AppealState.duesOpen(appeal)) {
                    const k = Either.getOrThrow(Reminders.reached(city.calendar, day, due.due, [3, 1]))
                    if (k === undefined) continue
                    const state = (yield* CommandHandler.load(Reminders.definition, id)).state
                    expect(
                      Reminders.alreadySent(state, { dueKind: due.kind, due: due.due, threshold: k }),
                      `${id} ${due.kind} ${due.due}`
                    ).toBe(true)
                  }
                }
                // an extension moves a due date: its thresholds are armed again
                const open = (yield* Projection.query(AppealRecords.Open, { limit: 1 }))[0]
                if (s.extend !== null && open !== undefined && open.row.state === "UnderConsideration")
                  yield* Effect.either(
                    CommandHandler.handle(
                      AppealRecords.definition,
                      open.key,
                      AppealCommand.ExtendTerm.make({
                        appealId: open.row.appealId,
                        at: clock,
                        actor: "head-1" as ActorId,
                        days: s.extend,
                        reason: "запрос документов"
                      })
                    )
                  )
              }
              total += sent.length
              notices += sent.filter((e) => e.dueKind === "notice").length
              const keys = sent.map((e) => `${e.appealId}|${e.dueKind}|${e.due}|${e.threshold}`)
              expect(new Set(keys).size).toBe(keys.length)
              for (const e of sent)
                expect(Either.getOrThrow(Reminders.reached(city.calendar, e.on, e.due, [3, 1]))).toBe(e.threshold)
              const outbox = yield* Outbox
              const pending = (yield* outbox.pending("test", 100_000)).filter((e) => e.category === Reminders.category)
              expect(pending.map((e) => [e.type, e.streamId, (e.payload as { due: string }).due])).toStrictEqual(
                sent.map((e) => ["DeadlineApproaching", e.appealId, e.due])
              )
            }).pipe(Effect.provide(City.layerOf(city)), Effect.provide(MemoryStore.layer))
          )
        }
      ),
      { numRuns: runs(30) }
    )
    // the runs reach reminders at all (histories due from the end of March, clocks from 20 March on)
    expect(total).toBeGreaterThan(0)
    // and notices of appeals registered in the week before a run, not yet assigned (59-FZ art. 8 p. 3, art. 11)
    expect(notices).toBeGreaterThan(0)
  })

  it("thresholds out of 0..30 are InvalidRequest naming them; only an administrator sends reminders", async () => {
    const run = <A, E>(
      e: Effect.Effect<
        A,
        E,
        | City.CityContext
        | import("../../src/ports/EventStore.js").EventStore
        | import("../../src/ports/ReadModels.js").ReadModels
      >
    ) =>
      Effect.runPromise(
        Effect.flip(e).pipe(Effect.provide(City.layerOf(City.reference)), Effect.provide(MemoryStore.layer))
      )
    for (const thresholds of [[], [31], [-1], [1.5]])
      expect(await run(AppReminders.remind(admin, { thresholds }))).toMatchObject({
        _tag: "InvalidRequest",
        field: "thresholds"
      })
    const clerk = new Principal({ subject: "clerk-1" as ActorId, role: "clerk" })
    expect(await run(AppReminders.remind(clerk))).toMatchObject({ _tag: "AccessDenied", action: "sendReminders" })
  })
})
