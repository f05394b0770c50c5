/**
 * The CLI's due dates of an appeal (59-FZ art. 12), from the appeals area's
 * deadline arithmetic: worked examples and properties.
 */
import { describe, expect, it } from "vitest"
import { Either, FastCheck as fc } from "effect"
import { Calendar, Period, type Term, TimeZone } from "../../src/index.js"
import * as AppealDue from "../../adapters/cli/AppealDue.js"
import { runs } from "../support/runs.js"

const d = Period.unsafeDay
const base = { policy: "previousWorkingDay", timeZone: TimeZone.KHABAROVSK, calendar: Calendar.russia() } as const
const dueOf = (registered: string, more: Partial<AppealDue.DueOptions> = {}) =>
  AppealDue.dueDates({ ...base, registered: d(registered), ...more })

describe("AppealDue.dueDates", () => {
  it("the worked examples", () => {
    expect(Either.map(dueOf("2021-03-01"), (r) => r.due)).toStrictEqual(Either.right("2021-03-31"))
    expect(Either.map(dueOf("2021-03-01", { extendedDays: 30 }), (r) => r.extension?.due)).toStrictEqual(
      Either.right("2021-04-30")
    )
    expect(Either.map(dueOf("2021-04-08"), (r) => r.due)).toStrictEqual(Either.right("2021-04-30"))
    expect(
      Either.map(
        dueOf("2021-04-08", { calendar: Calendar.russia({ presidentialNonWorkingDays: false }) }),
        (r) => r.due
      )
    ).toStrictEqual(Either.right("2021-05-07"))
  })

  it("a due date on a provisional year says so (2027-05-15: due 2027-06-11, 14 June being the day off for 12 June)", () => {
    expect(dueOf("2027-05-15", { extendedDays: 10 })).toStrictEqual(
      Either.right({
        registered: "2027-05-15",
        nominalDue: "2027-06-14",
        due: "2027-06-11",
        provisional: true,
        extension: { days: 10, nominalDue: "2027-06-24", due: "2027-06-24", provisional: true }
      })
    )
    expect(Either.map(dueOf("2021-03-01"), (r) => r.provisional)).toStrictEqual(Either.right(false))
  })

  it("an extension over 30 days is ExtensionTooLong (59-FZ art. 12 p. 2)", () => {
    const r = dueOf("2021-03-01", { extendedDays: 31 })
    expect(Either.isLeft(r) && r.left._tag).toBe("ExtensionTooLong")
  })

  it("properties: nominal dates are +30 and +N days; the due date is after registration; the extended nominal day after the original one, the extended due date never before the original (the appeals area's own arithmetic, as the decider extends)", () => {
    const days = fc
      .integer({ min: Period.epochDay(d("2019-01-10")), max: Period.epochDay(d("2199-10-01")) })
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
            calendar: Calendar.russia({ presidentialNonWorkingDays: layer })
          })
          if (Either.isLeft(r)) return false
          const { due, nominalDue, extension, provisional } = r.right
          return (
            provisional === Calendar.provisionalBetween(Calendar.russia(), due, nominalDue) &&
            nominalDue === Period.addDays(registered, 30) &&
            due > registered &&
            extension !== undefined &&
            extension.nominalDue === Period.addDays(nominalDue, ext) &&
            extension.nominalDue > nominalDue &&
            extension.due >= due
          )
        }
      ),
      { numRuns: runs(300) }
    )
  })
})
