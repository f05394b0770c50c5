// Found missing by StrykerJS on src/appeals/Deadlines.ts (docs/adapters.md, "The core: StrykerJS"): a
// term outside the law's range or an unknown zone was refused, but no test read which field the error named.
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Appeals, Calendar } from "../../src/index.js"

const calendar = Calendar.russia()
// 59-FZ art. 8 p. 2, art. 8 p. 3, art. 11 p. 4, art. 12 p. 1: the law's longest terms
const laws = [
  ["registrationTermDays", 3],
  ["forwardingTermDays", 7],
  ["noticeTermDays", 7],
  ["answerTermDays", 30]
] as const

describe("Deadlines.makeSettings: refusals name the field", () => {
  it.prop(
    "a term outside 1..the law's is an InvalidSettings naming the field, the range and the value",
    [fc.constantFrom(...laws), fc.oneof(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 31, max: 400 }))],
    ([[field, max], days]) => {
      const refused = Appeals.Deadlines.makeSettings({ calendar, timeZone: "Asia/Vladivostok", [field]: days })
      expect(Either.isLeft(refused)).toBe(true)
      if (Either.isLeft(refused)) {
        expect(refused.left.field).toBe(field)
        expect(refused.left.message).toContain(`from 1 to ${max}`)
        expect(refused.left.message).toContain(String(days))
      }
    }
  )

  it.prop(
    "every term from 1 to the law's is accepted as given",
    [fc.constantFrom(...laws).chain(([field, max]) => fc.tuple(fc.constant(field), fc.integer({ min: 1, max })))],
    ([[field, days]]) => {
      const settings = Appeals.Deadlines.makeSettings({ calendar, timeZone: "Asia/Vladivostok", [field]: days })
      expect(Either.isRight(settings) && settings.right[field]).toBe(days)
    }
  )

  it("the defaults: the law's terms, the previous working day, the typical classifier", () => {
    const settings = Either.getOrThrow(Appeals.Deadlines.makeSettings({ calendar, timeZone: "Asia/Vladivostok" }))
    expect([
      settings.registrationTermDays,
      settings.forwardingTermDays,
      settings.noticeTermDays,
      settings.answerTermDays,
      settings.policy,
      settings.classifier === Appeals.Topic.typical
    ]).toStrictEqual([3, 7, 7, 30, "previousWorkingDay", true])
  })

  it("an unknown time zone is an InvalidSettings naming timeZone", () => {
    const refused = Appeals.Deadlines.makeSettings({ calendar, timeZone: "Asia/Nowhere" })
    expect(Either.isLeft(refused) && refused.left.field).toBe("timeZone")
  })
})
