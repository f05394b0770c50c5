import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Control from "../../src/budget/Control.js"
import * as BP from "../../src/budget/Planning.js"
import * as B from "../../src/budget/ProgramBudget.js"
import type { ActorId, DivisionId, GoalId, IndicatorId, ProgramId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as I from "../../src/planning/Indicator.js"
import * as N from "../../src/planning/Node.js"

const program = (amount: number) =>
  new N.Program({
    id: "prog-roads" as ProgramId,
    title: "Развитие дорожной сети",
    goal: "g-roads" as GoalId,
    alsoServes: [],
    division: "city-economy" as DivisionId,
    from: Period.unsafeYear("2020"),
    to: Period.unsafeYear("2024"),
    budget: [new N.BudgetLine({ year: Period.unsafeYear("2021"), amount })],
    finalResults: []
  })
const indicator = (id: string, attachedTo: I.NumericIndicator["attachedTo"]) =>
  new I.NumericIndicator({
    id: id as IndicatorId,
    name: "Отремонтировано дорог",
    attachedTo,
    unit: "км",
    better: "higher",
    baseline: { value: 0, date: Period.unsafeDay("2020-01-01") },
    targets: []
  })

describe("budget control reads planning's programs", () => {
  it("a planning program opens its budget: id, period and its own indicators; the budget line splits into quarters that sum to it", () => {
    const p = program(125_000.5) // thousand roubles = 125 000 500 roubles = 12 500 050 000 kopecks
    const info = BP.programInfoOf(p, [
      indicator("ind-km", { _tag: "Program", id: p.id }),
      indicator("ind-other", { _tag: "Program", id: "prog-parks" as ProgramId })
    ])
    expect([info.id, info.from, info.to, info.indicators]).toEqual(["prog-roads", "2020", "2024", ["ind-km"]])
    const planned = BP.plannedOf(p, Period.unsafeYear("2021"))!
    expect(B.quarterList(planned)).toEqual([3_125_012_500, 3_125_012_500, 3_125_012_500, 3_125_012_500])
    expect(BP.plannedOf(p, Period.unsafeYear("2022"))).toBeUndefined()
    const opened = B.decide(
      new B.OpenProgramBudget({
        program: p.id,
        year: Period.unsafeYear("2021"),
        at: new Date("2021-01-10T00:00:00Z"),
        actor: "fin" as ActorId,
        info,
        planned
      }),
      B.initialState
    )
    expect(Either.isRight(opened)).toBe(true)
    const outside = B.decide(
      new B.OpenProgramBudget({
        program: p.id,
        year: Period.unsafeYear("2025"),
        at: new Date("2021-01-10T00:00:00Z"),
        actor: "fin" as ActorId,
        info,
        planned
      }),
      B.initialState
    )
    expect(Either.isLeft(outside) && outside.left.rule).toBe("yearOutsideProgram")
    const results = BP.resultsOf(
      [
        new I.Actual({
          indicator: "ind-km" as IndicatorId,
          period: Period.unsafeYear("2021"),
          value: { _tag: "Numeric", amount: 12 }
        }),
        new I.Actual({
          indicator: "ind-km" as IndicatorId,
          period: Period.unsafeMonth("2021-03"),
          value: { _tag: "Numeric", amount: 1 }
        })
      ],
      Period.unsafeYear("2021")
    )
    expect(results).toEqual([new Control.IndicatorResult({ indicator: "ind-km" as IndicatorId, achieved: 12 })])
  })

  it("the quarters of a budget line always sum to the line in kopecks", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (kopecks) => {
        const q = BP.plannedOf(program(kopecks / 100_000), Period.unsafeYear("2021"))!
        expect(B.quarterList(q).reduce((a, b) => a + b, 0)).toBe(kopecks)
      })
    )
  })
})
