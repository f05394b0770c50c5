/**
 * Appeals on provisional calendar years: registration never stops for want
 * of calendar data, every due date says when it rests on a provisional year,
 * and loading the year's official data moves the dates shown without
 * changing anything stored.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Either, Schema, TestClock } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealDecider from "../../src/appeals/AppealDecider.js"
import { AppealEvent } from "../../src/appeals/AppealEvent.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import * as Deadlines from "../../src/appeals/Deadlines.js"
import { Calendar, Decider, Ports, TimeZone } from "../../src/index.js"
import { APPEAL, assign, extend, register, settings } from "./helpers.js"

/** A city's official 2027 as it would load it (the transfers are an example, not the adopted decree): 11 June 2027 becomes a day off. */
const official2027 = Either.getOrThrow(
  Calendar.fromData({
    format: "cityhall.calendar/1",
    years: [
      {
        year: 2027,
        source: "Постановление Правительства РФ о переносе выходных дней в 2027 году (пример)",
        transfers: [
          { from: "01-02", to: "06-11" },
          { from: "01-03", to: "12-31" }
        ]
      }
    ]
  })
)
const officialSettings = Either.getOrThrow(
  Deadlines.makeSettings({ calendar: official2027, timeZone: TimeZone.KHABAROVSK, policy: "previousWorkingDay" })
)

describe("Appeals on a provisional year", () => {
  it("registered 2027-05-15: the answer is due 2027-06-11 (14 June is the day off for 12 June), provisional", () => {
    const events = Either.getOrThrow(Decider.run(AppealDecider.decider(settings), [register("2027-05-15")]))
    const state = events.state
    expect(state._tag).toBe("Registered")
    if (state._tag !== "Registered") return
    expect(state.dues.answer).toBe("2027-06-11")
    expect(
      Either.map(
        Deadlines.make(settings).inForce(state.appeal.receivedOn, state.appeal.registeredOn, 0),
        (r) => r.provisional
      )
    ).toStrictEqual(Either.right(true))
  })

  it("loading the official year moves the due date shown; the stored events are the same", () => {
    const provisional = Either.getOrThrow(Decider.run(AppealDecider.decider(settings), [register("2027-05-15")]))
    const encoded = provisional.events.map((e) => Schema.encodeSync(AppealEvent)(e))
    // the events as stored, read back under the official calendar
    const replayed = Decider.replay(
      AppealDecider.decider(officialSettings),
      encoded.map((e) => Schema.decodeUnknownSync(AppealEvent)(e))
    )
    expect(replayed._tag).toBe("Registered")
    if (replayed._tag !== "Registered") return
    expect(replayed.dues.answer).toBe("2027-06-10")
    expect(
      Deadlines.make(officialSettings).inForce(replayed.appeal.receivedOn, replayed.appeal.registeredOn, 0)
    ).toStrictEqual(Either.right({ dues: replayed.dues, provisional: false }))
    // nothing stored changed: the event still holds the dates computed when it was registered
    expect(encoded.map((e) => Schema.encodeSync(AppealEvent)(Schema.decodeUnknownSync(AppealEvent)(e)))).toStrictEqual(
      encoded
    )
    expect((encoded[0] as { readonly dues: { readonly answer: string } }).dues.answer).toBe("2027-06-11")
  })

  it("an appeal's decisions use the dates in force: an extension on 2027-06-11 is refused once 2027 is official", () => {
    const registered = Either.getOrThrow(Decider.run(AppealDecider.decider(settings), [register("2027-05-15")]))
    const extendOn = (d: AppealDecider.AppealDecider) =>
      Either.map(
        Decider.run(d, [register("2027-05-15"), assign("2027-05-17"), extend("2027-06-11", 10)]),
        (r) => r.state._tag
      )
    expect(registered.state._tag).toBe("Registered")
    expect(extendOn(AppealDecider.decider(settings))).toStrictEqual(Either.right("UnderConsideration"))
    const refused = extendOn(AppealDecider.decider(officialSettings))
    expect(Either.isLeft(refused) && refused.left._tag).toBe("ExtensionRefused")
  })

  for (const now of ["2026-12-06T03:00:00Z", "2027-12-31T03:00:00Z", "2035-06-01T03:00:00Z"]) {
    it.effect(
      `the registration path registers with the clock at ${now.slice(0, 10)}, with a provisional due date`,
      () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(new Date(now).getTime())
          const at = new Date(yield* Clock.currentTimeMillis)
          const year = at.getUTCFullYear()
          const cmd = register(now.slice(0, 10), {
            registrationNumber: Appeal.registrationNumber("ОГ", year, 7),
            receivedAt: at,
            at
          })
          const r = yield* AppealRecords.register(cmd)
          expect(r.state._tag).toBe("Registered")
          if (r.state._tag !== "Registered") return
          const basis = Deadlines.make(AppealRecords.defaultSettings).inForce(
            r.state.appeal.receivedOn,
            r.state.appeal.registeredOn,
            0
          )
          expect(Either.map(basis, (b) => b.provisional)).toStrictEqual(Either.right(true))
          expect(r.state.dues.answer > r.state.appeal.registeredOn).toBe(true)
          const stored = yield* Ports.CommandHandler.load(AppealRecords.definition, APPEAL)
          expect(stored.version).toBe(1)
        }).pipe(Effect.provide(MemoryStore.layer))
    )
  }
})
