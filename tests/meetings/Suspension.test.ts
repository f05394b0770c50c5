import { describe, expect, it } from "@effect/vitest"
import { Either, Option } from "effect"
import { Decider, Meetings } from "../../src/index.js"
import { actor, day, local, tz } from "./helpers.js"

const Su = Meetings.Suspension
const d = Su.decider({ timeZone: tz })
const declare = (from: string, to: string, at = local("2020-03-27T09:00:00")) =>
  new Su.DeclareSuspension({ at, actor, from: day(from), to: day(to), reason: "COVID-19" })
const leftOf = <E>(r: Either.Either<unknown, E>): E => {
  if (Either.isRight(r)) throw new Error("expected a rejection")
  return r.left
}

describe("Suspension", () => {
  it("2020: suspended from the day after the declaration; shortened, never moved into the past", () => {
    const s = Either.getOrThrow(Decider.run(d, [declare("2020-03-28", "2020-08-31")])).state
    expect(Option.isSome(Su.suspensionOn(s.periods, day("2020-05-12")))).toBe(true)
    expect(Option.isNone(Su.suspensionOn(s.periods, day("2020-09-01")))).toBe(true)
    const shorter = Either.getOrThrow(
      Decider.handle(
        d,
        s,
        new Su.ShortenSuspension({
          at: local("2020-07-01T09:00:00"),
          actor,
          from: day("2020-03-28"),
          to: day("2020-07-15")
        })
      )
    ).state
    expect(shorter.periods[0]!.to).toBe("2020-07-15")
    expect(
      leftOf(
        Decider.handle(
          d,
          s,
          new Su.ShortenSuspension({
            at: local("2020-07-01T09:00:00"),
            actor,
            from: day("2020-03-28"),
            to: day("2020-06-01")
          })
        )
      )
    ).toMatchObject({ rule: "endInThePast", field: "to" })
    expect(
      leftOf(
        Decider.handle(
          d,
          s,
          new Su.ShortenSuspension({
            at: local("2020-07-01T09:00:00"),
            actor,
            from: day("2020-03-29"),
            to: day("2020-07-15")
          })
        )
      )
    ).toMatchObject({ rule: "unknownSuspension" })
  })

  it("typed rules: a range that ends before it starts, a retroactive start, overlaps", () => {
    expect(leftOf(d.decide(declare("2020-04-10", "2020-04-01"), Su.initialState))).toMatchObject({
      rule: "endBeforeStart",
      field: "to"
    })
    expect(leftOf(d.decide(declare("2020-03-27", "2020-04-30"), Su.initialState))).toMatchObject({
      rule: "notInTheFuture",
      field: "from"
    })
    const s = Either.getOrThrow(Decider.run(d, [declare("2020-03-28", "2020-04-30")])).state
    expect(leftOf(Decider.handle(d, s, declare("2020-04-30", "2020-05-31")))).toMatchObject({ rule: "overlaps" })
    expect(Either.isRight(Decider.handle(d, s, declare("2020-05-01", "2020-05-31")))).toBe(true)
  })

  it("lists the scheduled in-person items to move online or postpone", () => {
    const periods = Either.getOrThrow(Decider.run(d, [declare("2020-03-28", "2020-08-31")])).state.periods
    const items = [
      { id: "a", day: day("2020-04-16"), inPerson: true },
      { id: "b", day: day("2020-04-16"), inPerson: false },
      { id: "c", day: day("2020-09-03"), inPerson: true }
    ]
    expect(Su.conflicts(periods, items).map((i) => i.id)).toStrictEqual(["a"])
  })
})
