/**
 * The CLI's one computation of an appeal's due dates (59-FZ art. 12), until
 * the appeals area ships its own: worked examples and properties.
 */
import { describe, expect, it } from "vitest"
import { Either, FastCheck as fc } from "effect"
import { Period, type Term, TimeZone } from "../../src/index.js"
import * as AppealDue from "../../adapters/cli/AppealDue.js"
import { runs } from "../support/runs.js"

const d = Period.unsafeDay
const base = { policy: "previousWorkingDay", timeZone: TimeZone.KHABAROVSK, presidentialNonWorkingDays: true } as const
const dueOf = (registered: string, more: Partial<AppealDue.DueOptions> = {}) =>
  AppealDue.dueDates({ ...base, registered: d(registered), ...more })

describe("AppealDue.dueDates", () => {
  it("the worked examples", () => {
    expect(Either.map(dueOf("2021-03-01"), (r) => r.due)).toStrictEqual(Either.right("2021-03-31"))
    expect(Either.map(dueOf("2021-03-01", { extendedDays: 30 }), (r) => r.extension?.due)).toStrictEqual(
      Either.right("2021-04-30")
    )
    expect(Either.map(dueOf("2021-04-08"), (r) => r.due)).toStrictEqual(Either.right("2021-04-30"))
    expect(Either.map(dueOf("2021-04-08", { presidentialNonWorkingDays: false }), (r) => r.due)).toStrictEqual(
      Either.right("2021-05-07")
    )
  })

  it("an extension over 30 days is ExtensionTooLong (59-FZ art. 12 p. 2)", () => {
    const r = dueOf("2021-03-01", { extendedDays: 31 })
    expect(Either.isLeft(r) && r.left._tag).toBe("ExtensionTooLong")
  })

  it("properties: nominal dates are +30 and +N days; the due date is after registration; the extended one after the original nominal due date", () => {
    const days = fc
      .integer({ min: Period.epochDay(d("2019-01-10")), max: Period.epochDay(d("2026-10-01")) })
      .map(Period.fromEpochDay)
    fc.assert(
      fc.property(
        days,
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom<Term.EndOfTermPolicy>("previousWorkingDay", "nextWorkingDay", "none"),
        fc.boolean(),
        (registered, ext, policy, layer) => {
          const r = AppealDue.dueDates({
            registered,
            extendedDays: ext,
            policy,
            timeZone: TimeZone.KHABAROVSK,
            presidentialNonWorkingDays: layer
          })
          if (Either.isLeft(r)) return false
          const { due, nominalDue, extension } = r.right
          return (
            nominalDue === Period.addDays(registered, 30) &&
            due > registered &&
            extension !== undefined &&
            extension.nominalDue === Period.addDays(nominalDue, ext) &&
            extension.due > nominalDue &&
            extension.due >= due
          )
        }
      ),
      { numRuns: runs(300) }
    )
  })
})
