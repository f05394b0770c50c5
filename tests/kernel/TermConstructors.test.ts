// Properties found missing by StrykerJS on src/kernel/Term.ts (docs/adapters.md, "The core: StrykerJS"):
// its mutants of the constructors' units and of the refusal's message survived every test.
import { describe, expect, it } from "@effect/vitest"
import { Either, Equal, FastCheck as fc, Schema } from "effect"
import { Term } from "../../src/index.js"

const amount = fc.integer({ min: 1, max: 3660 })

describe("Term: constructors", () => {
  it.prop(
    "calendarDays(n) and workingDays(n) are the validated terms makeTerm builds, and round-trip",
    [amount],
    ([n]) => {
      for (const [unit, make] of [
        ["calendarDays", Term.calendarDays],
        ["workingDays", Term.workingDays]
      ] as const) {
        const built = make(n)
        const checked = Term.makeTerm(n, unit)
        expect(Either.isRight(checked) && Equal.equals(checked.right, built)).toBe(true)
        expect(built.unit).toBe(unit)
        expect(Schema.decodeUnknownSync(Term.Term)(Schema.encodeSync(Term.Term)(built))).toStrictEqual(built)
      }
    }
  )

  it("the bounds: 1 and 3660 days are terms, 0 and 3661 are not", () => {
    expect([1, 3660, 0, 3661].map((n) => Either.isRight(Term.makeTerm(n, "workingDays")))).toStrictEqual([
      true,
      true,
      false,
      false
    ])
  })

  it.prop(
    "a bad amount is an InvalidTerm that names the amount and the range",
    [fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 3661 }), fc.double({ noInteger: true, noNaN: true }))],
    ([n]) => {
      const refused = Term.makeTerm(n, "calendarDays")
      expect(Either.isLeft(refused)).toBe(true)
      if (Either.isLeft(refused)) {
        expect(refused.left.amount).toBe(n)
        expect(refused.left.message).toContain(String(n))
        expect(refused.left.message).toContain("1 to 3660")
      }
    }
  )
})
