/** The demo city uses one internal term: a division's draft 5 working days before the legal due date. */
import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import * as Deadlines from "../../src/appeals/Deadlines.js"
import { City, Generator } from "../../src/demo/index.js"

describe("the demo city's term policy", () => {
  it("has one internal entry with its source and keeps the legal 30 days", () => {
    const terms = Generator.appealSettings.terms
    expect(terms.entries).toStrictEqual(City.terms)
    expect(terms.entries.map((e) => e.kind)).toStrictEqual(["internal"])
    expect(terms.default).toMatchObject({ days: 30, source: "59-FZ art. 12 p. 1" })
  })

  it("every 50th generated appeal has its draft due on or before its legal due date, never replacing it", () => {
    const city = Generator.generate({ seed: 2020 })
    const { summaries } = Generator.appealSummaries(city.records.filter((r, i) => r.kind === "appeal" && i % 50 === 0))
    const deadlines = Deadlines.make(Generator.appealSettings)
    expect(summaries.length).toBeGreaterThan(10)
    for (const s of summaries) {
      const legal = deadlines.termOf(s)
      expect(legal.id).toBe("default")
      const internal = Either.getOrThrow(deadlines.internalDues(s, s.answerDue))
      expect(internal).toHaveLength(1)
      expect(internal[0]!.entry).toBe("division-draft")
      expect(internal[0]!.due <= s.answerDue).toBe(true)
      expect(internal[0]!.due >= s.registeredOn).toBe(true)
    }
  })
})
