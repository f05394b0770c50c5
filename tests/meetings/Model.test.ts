import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { MeetingsModel } from "../../src/testing/index.js"
import { atLeast } from "../support/runs.js"

describe("meetings: model-based runs over random command sequences", () => {
  it("every accepted command keeps every invariant; rejected ones change nothing; replay reproduces state", () => {
    const reached = { runs: 0, cards: 0, held: 0, questions: 0, instructions: 0 }
    fc.assert(
      fc.property(fc.commands(MeetingsModel.commands(), { maxCommands: 150, size: "max" }), (cmds) => {
        const system = MeetingsModel.setup()
        fc.modelRun(() => system, cmds)
        const meetings = [...system.real.meetings.values()].flatMap((m) =>
          m.state._tag === "MeetingRecord" ? [m.state] : []
        )
        reached.runs++
        if (
          [...system.real.receptions.values()].some(
            (r) => r.state._tag === "ReceptionRecord" && r.state.cards.length > 0
          )
        )
          reached.cards++
        if (meetings.some((m) => m.held !== undefined)) reached.held++
        if (meetings.some((m) => m.questions.length > 0)) reached.questions++
        if (meetings.some((m) => m.questions.some((q) => q.disposition?._tag === "Instructed"))) reached.instructions++
      }),
      { numRuns: atLeast(300) }
    )
    // the invariants are about received citizens, held meetings, their questions and instructions: a fair share of runs
    // must really reach them (about 40 %, 43 %, 33 % and 9 % do; each bound sits at least four standard deviations below)
    expect(reached.cards).toBeGreaterThanOrEqual(Math.ceil(reached.runs * 0.2))
    expect(reached.held).toBeGreaterThanOrEqual(Math.ceil(reached.runs * 0.25))
    expect(reached.questions).toBeGreaterThanOrEqual(Math.ceil(reached.runs * 0.15))
    expect(reached.instructions).toBeGreaterThanOrEqual(Math.ceil(reached.runs * 0.02))
    // a correctness run, not a speed goal: about 40 s alone, more on a shared machine, so a wider timeout than the default minute
  }, 180_000)
})
