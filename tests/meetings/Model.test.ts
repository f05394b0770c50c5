import { describe, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { MeetingsModel } from "../../src/testing/index.js"

describe("meetings: model-based runs over random command sequences", () => {
  it("every accepted command keeps every invariant; rejected ones change nothing; replay reproduces state", () => {
    fc.assert(
      fc.property(fc.commands(MeetingsModel.commands(), { maxCommands: 150, size: "max" }), (cmds) => {
        fc.modelRun(() => MeetingsModel.setup(), cmds)
      }),
      { numRuns: 300 }
    )
    // a correctness run, not a speed goal: about 40 s alone, more on a shared machine, so a wider timeout than the default minute
  }, 180_000)
})
