/**
 * A polling station's stream (issue 21): a model run over random command
 * sequences — the decider accepts exactly what the model accepts, refuses
 * the rest with the model's rule and no events, every officer of the
 * state is an official of the organisation, and replaying the events gives
 * the state.
 */
import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import * as PollingStation from "../../src/elections/PollingStation.js"
import * as R from "../../src/elections/PollingStationRecords.js"
import type { ActorId, CommissionId, OfficialId, PollingStationId } from "../../src/kernel/Ids.js"
import { accept, type Expected, type Real, refuse, step } from "../information/harness.js"
import { runs } from "../support/runs.js"

const at = new Date("2021-06-01T02:00:00Z")
const actor = "clerk-1" as ActorId
const officials = ["deputy-1", "deputy-2", "head-economy"] as unknown as ReadonlyArray<OfficialId>
const outsiders = ["stranger-1", "stranger-2"] as unknown as ReadonlyArray<OfficialId>
const ID = "ps-301" as PollingStationId

const officer = fc.constantFrom(...officials, ...outsiders)
const officers = fc.array(officer, { maxLength: 4 })
const station = (id: PollingStationId, os: ReadonlyArray<OfficialId>, number = 301) =>
  new PollingStation.PollingStation({
    id,
    number,
    address: "ул. Ленина, 1",
    premises: new PollingStation.Premises({ name: "МБОУ СОШ № 5", address: "ул. Ленина, 1" }),
    commission: "pc-301" as CommissionId,
    officers: os
  })
const command: fc.Arbitrary<R.Command> = fc.oneof(
  fc
    .record({ os: officers, other: fc.boolean(), number: fc.integer({ min: 1, max: 99999 }) })
    .map(({ number, os, other }) =>
      R.RecordPollingStation.make({
        at,
        actor,
        station: station(other ? ("ps-999" as PollingStationId) : ID, os, number)
      })
    ),
  fc
    .record({ os: officers, other: fc.boolean() })
    .map(({ os, other }) =>
      R.AssignStationOfficers.make({ at, actor, id: other ? ("ps-999" as PollingStationId) : ID, officers: os })
    )
)

/** The first bad officer's rule, as the model sees it. */
const officersRule = (os: ReadonlyArray<OfficialId>): string | undefined => {
  const seen = new Set<string>()
  for (const o of os) {
    if (!officials.includes(o)) return "officerNotAnOfficial"
    if (seen.has(o)) return "duplicateOfficer"
    seen.add(o)
  }
  return undefined
}

describe("a polling station's stream", () => {
  it("model run: accepts what the model accepts, refuses the rest by its rule; officers are always officials", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        const real: Real<R.Command, R.Event, R.State, R.PollingStationRuleViolation> = {
          decider: R.decider({ officials }),
          state: R.initialState,
          events: []
        }
        // the model: the stream's station id (once recorded) and its officers
        let model: { readonly id: string; readonly officers: ReadonlyArray<string> } | undefined
        for (const c of commands) {
          let expected: Expected
          if (c._tag === "RecordPollingStation") {
            const bad = officersRule(c.station.officers)
            expected =
              model !== undefined && model.id !== c.station.id
                ? refuse("wrongStation")
                : bad !== undefined
                  ? refuse(bad)
                  : accept
          } else {
            const bad = officersRule(c.officers)
            expected =
              model === undefined
                ? refuse("stationNotRecorded")
                : model.id !== c.id
                  ? refuse("wrongStation")
                  : bad !== undefined
                    ? refuse(bad)
                    : accept
          }
          step(real, c, expected, {
            state: R.State,
            invariants: (s) =>
              s._tag === "StationRecorded"
                ? s.station.officers.filter((o) => !officials.includes(o)).map((o) => `${o} is not an official`)
                : []
          })
          if (expected.ok)
            model =
              c._tag === "RecordPollingStation"
                ? { id: c.station.id, officers: c.station.officers }
                : { id: model?.id ?? "", officers: c.officers }
          const s = real.state
          expect(s._tag === "StationRecorded" ? s.station.officers : undefined).toEqual(model?.officers)
        }
      }),
      { numRuns: runs(300) }
    )
  })

  it("an officer who is not an official is refused naming the field", () => {
    const r = R.decider({ officials }).decide(
      R.RecordPollingStation.make({ at, actor, station: station(ID, ["deputy-1", "stranger-1"] as never) }),
      R.initialState
    )
    expect(Either.isLeft(r) && r.left).toMatchObject({
      _tag: "PollingStationRuleViolation",
      rule: "officerNotAnOfficial",
      field: "station.officers[1]"
    })
  })

  it("without officials (no organisation) a station may be recorded without officers, never with one", () => {
    const d = R.decider({ officials: [] })
    expect(
      Either.isRight(d.decide(R.RecordPollingStation.make({ at, actor, station: station(ID, []) }), R.initialState))
    ).toBe(true)
    expect(
      Either.isLeft(
        d.decide(
          R.RecordPollingStation.make({ at, actor, station: station(ID, ["deputy-1"] as never) }),
          R.initialState
        )
      )
    ).toBe(true)
  })
})
