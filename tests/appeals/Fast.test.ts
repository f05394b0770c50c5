import { describe, expect, it } from "@effect/vitest"
import { Equal, FastCheck as fc, Schema } from "effect"
import * as AppealEvent from "../../src/appeals/AppealEvent.js"
import { make } from "../../src/appeals/internal/fast.js"
import * as A from "../../src/testing/AppealsArbitraries.js"
import type { DivisionId } from "../../src/kernel/Ids.js"

describe("internal fast construction equals the Schema constructor", () => {
  it("same fields, prototype, equality, printing and encoding", () => {
    fc.assert(
      fc.property(A.appealId, A.actorId, A.divisionId, fc.date({ min: new Date("2000-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }), (appealId, actor, division, at) => {
        const props = { appealId, actor, at, on: "2021-03-01" as AppealEvent.AppealAssigned["on"], division: division as DivisionId }
        const a = new AppealEvent.AppealAssigned(props)
        const b = make(AppealEvent.AppealAssigned, props)
        expect(b).toBeInstanceOf(AppealEvent.AppealAssigned)
        expect(Object.keys(b)).toEqual(Object.keys(a))
        expect(Equal.equals(a, b)).toBe(true)
        expect(String(b)).toBe(String(a))
        expect(Schema.encodeSync(AppealEvent.AppealEvent)(b)).toEqual(Schema.encodeSync(AppealEvent.AppealEvent)(a))
      })
    )
  })
})
