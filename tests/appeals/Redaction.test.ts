import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { inspect } from "node:util"
import * as AppealEvent from "../../src/appeals/AppealEvent.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import type { AppealId } from "../../src/kernel/Ids.js"
import * as A from "../../src/testing/AppealsArbitraries.js"
import * as Model from "../../src/testing/AppealsModel.js"
import { CLERK, decider, settings } from "./helpers.js"

const M = A.PERSONAL_DATA_MARKER
const printed = (x: unknown): ReadonlyArray<string> => [
  String(x),
  JSON.stringify(x),
  inspect(x, { depth: null }),
  (x as { toString(): string }).toString()
]

const registration = fc
  .tuple(A.registrationDraft(), Model.start(settings))
  .map(([draft, start]) =>
    A.registrationCommand(draft, {
      appealId: "appeal-pd" as AppealId,
      registrationNumber: "ОГ-0000-1" as Parameters<typeof A.registrationCommand>[1]["registrationNumber"],
      receivedAt: start,
      at: start,
      actor: CLERK
    })
  )

describe("personal data never appears in the printed form", () => {
  it("of a command (String, JSON.stringify, util.inspect, toString), while its Schema encoding keeps it for storage", () => {
    fc.assert(
      fc.property(registration, (cmd) => {
        for (const p of printed(cmd)) expect(p).not.toContain(M)
        const stored = JSON.stringify(AppealCommand.encode(cmd))
        expect(stored).toContain(M) // the text is always personal data
      })
    )
  })

  it("of any event, state or error met over random command sequences", () => {
    const encodeState = Schema.encodeSync(AppealState.AppealState)
    fc.assert(
      fc.property(Model.start(settings), Model.commands(settings, 10), registration, (start, cmds, reg) => {
        const { real } = Model.run(settings, start, cmds)
        for (const e of real.events) {
          for (const p of printed(e)) expect(p).not.toContain(M)
          expect(JSON.stringify(AppealEvent.encode(e))).toBe(JSON.stringify(AppealEvent.encode(Either.getOrThrow(AppealEvent.decodeEither(AppealEvent.encode(e))))))
        }
        for (const p of printed(real.state)) expect(p).not.toContain(M)
        if (real.state._tag !== "Unregistered") expect(JSON.stringify(encodeState(real.state))).toContain(M)
        // errors: registering again on a registered appeal, and anything on an unregistered one
        const again = decider.decide(reg, real.state)
        if (Either.isLeft(again)) for (const p of printed(again.left)) expect(p).not.toContain(M)
      }),
      { numRuns: 150 }
    )
  })
})
