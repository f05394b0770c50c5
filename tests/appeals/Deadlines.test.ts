import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import * as AppealState from "../../src/appeals/AppealState.js"
import * as Deadlines from "../../src/appeals/Deadlines.js"
import * as Decider from "../../src/kernel/Decider.js"
import * as Period from "../../src/kernel/Period.js"
import { answer, assign, decider, extend, register, settings } from "./helpers.js"

const deadlines = Deadlines.make(settings)

describe("59-FZ art. 12: the worked examples (Asia/Vladivostok, previousWorkingDay, decree layer on)", () => {
  it("registered 2021-03-01 -> answer due 2021-03-31", () => {
    expect(deadlines.answer(Period.unsafeDay("2021-03-01"), 0)).toEqual(Either.right("2021-03-31"))
    const r = Decider.run(decider, [register("2021-03-01")])
    expect(Either.isRight(r) && r.right.state._tag !== "Unregistered" ? r.right.state.dues.answer : undefined).toBe(
      "2021-03-31"
    )
  })

  it("extended by 30 days -> 2021-04-30 (counted from the nominal due date 2021-03-31)", () => {
    expect(deadlines.answer(Period.unsafeDay("2021-03-01"), 30)).toEqual(Either.right("2021-04-30"))
    const r = Decider.run(decider, [register("2021-03-01"), assign("2021-03-02"), extend("2021-03-25", 30)])
    expect(Either.isRight(r) && r.right.state._tag !== "Unregistered" ? r.right.state.dues.answer : undefined).toBe(
      "2021-04-30"
    )
  })

  it("registered 2021-04-08 -> answer due 2021-04-30 (8 May is a Saturday, 1-10 May are days off)", () => {
    expect(deadlines.answer(Period.unsafeDay("2021-04-08"), 0)).toEqual(Either.right("2021-04-30"))
    const r = Decider.run(decider, [register("2021-04-08")])
    expect(Either.isRight(r) && r.right.state._tag !== "Unregistered" ? r.right.state.dues.answer : undefined).toBe(
      "2021-04-30"
    )
  })

  it("an extension after a policy-shortened due date keeps its full length (2021-04-08 + 30 + 30 = 7 June)", () => {
    expect(deadlines.answer(Period.unsafeDay("2021-04-08"), 30)).toEqual(Either.right("2021-06-07"))
  })

  it("registration within 3 days, forwarding and notices within 7 days of registration (art. 8 p. 2, p. 3; art. 11 p. 4)", () => {
    const dues = Either.getOrThrow(deadlines.dues(Period.unsafeDay("2021-03-01"), Period.unsafeDay("2021-03-02")))
    expect(dues.registration).toBe("2021-03-04")
    expect(dues.forwarding).toBe("2021-03-09")
    expect(dues.notice).toBe("2021-03-09")
    expect(dues.answer).toBe("2021-04-01")
  })

  it("overdue on a day: the day after the due date, not on it", () => {
    const r = Either.getOrThrow(Decider.run(decider, [register("2021-03-01"), assign("2021-03-02")]))
    expect(AppealState.isOverdueOn(r.state, Period.unsafeDay("2021-03-31"))).toBe(false)
    expect(AppealState.isOverdueOn(r.state, Period.unsafeDay("2021-04-01"))).toBe(true)
    const closed = Either.getOrThrow(
      Decider.run(decider, [register("2021-03-01"), assign("2021-03-02"), answer("2021-04-02")])
    )
    expect(AppealState.isOverdueOn(closed.state, Period.unsafeDay("2021-04-05"))).toBe(false)
    expect(closed.state._tag === "Closed" && AppealState.closedLate(closed.state)).toBe(true)
  })
})
