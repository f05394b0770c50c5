import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { Elections } from "../../src/index.js"
import * as A from "../../src/testing/ElectionsArbitraries.js"

const { PollingStation } = Elections
const station = (id: string, number: number, premises: boolean, officers: ReadonlyArray<string>) =>
  Either.getOrThrow(
    PollingStation.decode({
      id,
      number,
      address: "ул. Ленина, 1",
      ...(premises ? { premises: { name: "МБОУ СОШ № 5, актовый зал", address: "ул. Ленина, 1" } } : {}),
      commission: `pc-${number}`,
      officers
    })
  )

describe("polling stations", () => {
  it("stations with premises and officers: no problem", () => {
    expect(
      PollingStation.check([station("ps-1", 1, true, ["o-1"]), station("ps-2", 2, true, ["o-2", "o-3"])])
    ).toStrictEqual([])
  })
  it("stations without premises or officers, and numbers used twice", () => {
    const problems = PollingStation.check([
      station("ps-3", 3, false, ["o-1"]),
      station("ps-4", 4, true, []),
      station("ps-4b", 4, false, [])
    ])
    expect(problems.map((p) => [p._tag, p._tag === "DuplicateNumber" ? p.stations : p.station])).toStrictEqual([
      ["MissingPremises", "ps-3"],
      ["MissingOfficers", "ps-4"],
      ["MissingPremises", "ps-4b"],
      ["MissingOfficers", "ps-4b"],
      ["DuplicateNumber", ["ps-4", "ps-4b"]]
    ])
  })
  it("bad input names the field", () => {
    const r = PollingStation.decode({ id: "ps-1", number: 0, address: "x", commission: "pc", officers: [] })
    expect(Either.isLeft(r) && [r.left._tag, r.left.field]).toStrictEqual(["InvalidElectionInput", "number"])
  })
  it.prop("every station lacking premises or officers is reported", [A.pollingStation], ([s]) => {
    const problems = PollingStation.check([s])
    expect(problems.some((p) => p._tag === "MissingPremises")).toBe(s.premises === undefined)
    expect(problems.some((p) => p._tag === "MissingOfficers")).toBe(s.officers.length === 0)
  })
})
