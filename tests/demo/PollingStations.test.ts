/**
 * The demo city's polling stations (issue 21): every officer of every
 * station, as recorded and as assigned, is an official of the demo
 * organisation; the records decide through the stations' decider made from
 * the organisation's officials; the stations leave no problem for
 * `PollingStation.check` (premises, officers, distinct numbers). (The
 * demo's 2020 figures stay the reference's: tests/demo/Generator.test.ts.)
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Demo, Elections } from "../../src/index.js"

const city = Demo.Generator.generate({ seed: 2020 })
const stations = city.records.filter((r): r is Demo.Generator.PollingStationRecord => r.kind === "pollingStation")
const officials = new Set<string>(Demo.City.organisation.officials.map((o) => o.id))

describe("the demo's polling stations", () => {
  it("are a few, each officer an official of the organisation, each decided without refusal", () => {
    expect(stations.length).toBeGreaterThanOrEqual(3)
    const decider = Elections.PollingStationRecords.decider({
      officials: Demo.City.organisation.officials.map((o) => o.id)
    })
    const states = stations.map((r) => {
      let state = decider.initialState
      for (const [i, c] of r.history.entries()) {
        const officers = c._tag === "RecordPollingStation" ? c.station.officers : c.officers
        for (const o of officers) expect(officials.has(o), `${o}`).toBe(true)
        const out = decider.decide(c, state)
        if (Either.isLeft(out)) throw new Error(`history[${i}]: ${out.left.message}`)
        for (const e of out.right) state = decider.evolve(state, e)
      }
      return state
    })
    const recorded = states.flatMap((s) => (s._tag === "StationRecorded" ? [s.station] : []))
    expect(recorded).toHaveLength(stations.length)
    expect(Elections.PollingStation.check(recorded)).toEqual([])
  })
})
