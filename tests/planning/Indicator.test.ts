import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Option } from "effect"
import { GoalId, IndicatorId } from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as I from "../../src/planning/Indicator.js"

const amount = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1e9, noNaN: true }))

describe("Indicator achievement respects the direction", () => {
  it("the ratio is at least 1 exactly when the actual meets the target", () => {
    fc.assert(
      fc.property(fc.constantFrom<I.Better>("higher", "lower"), amount, amount, (better, target, actual) => {
        expect(I.ratio(better, target, actual) >= 1).toBe(I.meets(better, target, actual))
      })
    )
  })

  it("improving the actual in the better direction never lowers the ratio", () => {
    fc.assert(
      fc.property(fc.constantFrom<I.Better>("higher", "lower"), amount, amount, amount, (better, target, a, b) => {
        const [worse, improved] =
          better === "higher" ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)]
        expect(I.ratio(better, target, improved)).toBeGreaterThanOrEqual(I.ratio(better, target, worse))
      })
    )
  })

  it("worked examples: 150 of a target of 200 is 0.75; 12 complaints against a ceiling of 15 is 1.25", () => {
    expect(I.ratio("higher", 200, 150)).toBe(0.75)
    expect(I.ratio("lower", 15, 12)).toBe(1.25)
  })

  it("a qualitative indicator scores 1 when achieved and 0 when not, for a period with a target; none otherwise", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), amount, (achieved, numericValue, n) => {
        const id = IndicatorId.make("ind-2")
        const y = P.unsafeYear(2022),
          other = P.unsafeYear(2023)
        const q = new I.QualitativeIndicator({
          id,
          name: "Принята схема территориального планирования",
          attachedTo: { _tag: "Goal", id: GoalId.make("g-1") },
          baseline: { achieved: false, date: P.unsafeDay("2021-01-01") },
          targets: [new I.QualitativeTarget({ period: y, statement: "Схема утверждена" })]
        })
        const value: I.Value = numericValue ? { _tag: "Numeric", amount: n } : { _tag: "Qualitative", achieved }
        const actuals = [
          new I.Actual({ indicator: id, period: y, value }),
          new I.Actual({ indicator: id, period: other, value: { _tag: "Qualitative", achieved } })
        ]
        expect(I.achievement(q, actuals, y)).toEqual(numericValue ? Option.none() : Option.some(achieved ? 1 : 0))
        // a period without a target has no achievement, even with an actual
        expect(I.achievement(q, actuals, other)).toEqual(Option.none())
        expect(I.valueFits(q, value)).toBe(!numericValue)
      })
    )
  })

  it("achievement per period uses that period's target and actual, and none when either is missing or of the wrong kind", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<I.Better>("higher", "lower"),
        amount,
        amount,
        fc.boolean(),
        (better, target, actual, qualitative) => {
          const id = IndicatorId.make("ind-1")
          const y = P.unsafeYear(2021),
            other = P.unsafeYear(2022)
          const num = new I.NumericIndicator({
            id,
            name: "Доля отремонтированных дорог",
            attachedTo: { _tag: "Goal", id: GoalId.make("g-1") },
            unit: "%",
            better,
            baseline: { value: 0, date: P.unsafeDay("2020-12-31") },
            targets: [new I.NumericTarget({ period: y, value: target })]
          })
          const value: I.Value = qualitative
            ? { _tag: "Qualitative", achieved: true }
            : { _tag: "Numeric", amount: actual }
          const actuals = [new I.Actual({ indicator: id, period: y, value })]
          expect(I.achievement(num, actuals, y)).toEqual(
            qualitative ? Option.none() : Option.some(I.ratio(better, target, actual))
          )
          expect(I.achievement(num, actuals, other)).toEqual(Option.none())
        }
      )
    )
  })
})
