/**
 * The annual report's "done late" follows the deadline in force: an
 * activity moved in the month's report and done in a follow-up report by
 * its new deadline is done on time; done after the new deadline it is late
 * (planning keeps a moved deadline when a later report says done:
 * `Plan.deadlineOf`).
 */
import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Decider } from "../../src/kernel/index.js"
import * as P from "../../src/kernel/Period.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as AnnualReport from "../../src/reporting/AnnualReport.js"
import { activity, april, approved, decider, division, report } from "../planning/movedActivity.js"
import { runs } from "../support/runs.js"

/** Moved in the March report to `to`, then reported done on `on` in the April follow-up. */
const movedThenDone = (to: P.Day, on: P.Day): Plan.State => {
  const moved = Either.getOrThrow(
    Decider.handle(decider, approved, report(undefined, new R.Moved({ newDeadline: to, reason: "Погодные условия" })))
  ).state
  return Either.getOrThrow(Decider.handle(decider, moved, report(april, new R.Done({ completedOn: on })))).state
}
const rowOf = (state: Plan.State) =>
  AnnualReport.figures(AnnualReport.inputOf({ appeals: [], plans: [state] }, 2021, P.unsafeDay("2021-12-31"))).planning!
    .byDivision

describe("the annual report: done late after a move", () => {
  it("worked example: moved 25 March → 20 April, done 18 April in the April follow-up — done on time, not late", () => {
    expect(rowOf(movedThenDone(P.unsafeDay("2021-04-20"), P.unsafeDay("2021-04-18")))).toEqual([
      { division, planned: 1, done: 1, doneLate: 0, overdue: 0 }
    ])
    // done on 22 April, after the moved deadline: late
    expect(rowOf(movedThenDone(P.unsafeDay("2021-04-20"), P.unsafeDay("2021-04-22")))).toEqual([
      { division, planned: 1, done: 1, doneLate: 1, overdue: 0 }
    ])
  })

  it("an activity moved and then done is late exactly when it was done after its moved deadline", () => {
    const dayIn = (from: string, days: number) =>
      fc.integer({ min: 0, max: days }).map((n) => P.addDays(P.unsafeDay(from), n))
    fc.assert(
      fc.property(dayIn("2021-03-26", 35), dayIn("2021-03-01", 60), (to, on) => {
        const state = movedThenDone(to, on)
        expect(Plan.deadlineOf(state, activity)).toBe(to)
        expect(rowOf(state)).toEqual([{ division, planned: 1, done: 1, doneLate: on > to ? 1 : 0, overdue: 0 }])
      }),
      { numRuns: runs(60) }
    )
  })
})
