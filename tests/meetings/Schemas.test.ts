import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc, Schema } from "effect"
import { Meetings } from "../../src/index.js"
import { runs } from "../support/runs.js"

// Every exported Schema of the area (classes, unions, literals, branded strings), found by walking the modules.
const schemas: Array<[string, Schema.Schema<unknown, unknown>]> = []
for (const [modName, mod] of Object.entries(Meetings)) {
  for (const [name, value] of Object.entries(mod as Record<string, unknown>)) {
    if (Schema.isSchema(value)) schemas.push([`${modName}.${name}`, value as Schema.Schema<unknown, unknown>])
  }
}

describe("Meetings schemas", () => {
  it("the walk finds the area's schemas", () => {
    expect(schemas.map(([n]) => n)).toEqual(
      expect.arrayContaining([
        "Reception.Command",
        "Reception.Event",
        "Reception.State",
        "Meeting.Command",
        "Meeting.Event",
        "Meeting.State",
        "Suspension.Command",
        "Suspension.Event",
        "Suspension.State",
        "Statistics.ReceptionStatistics",
        "Statistics.MeetingStatistics",
        "Errors.MeetingsError",
        "Venue.MeetingFormat",
        "Venue.LocalTime"
      ])
    )
  })

  it.each(schemas)("%s round-trips through its JSON encoding", (_name, schema) => {
    const encode = Schema.encodeSync(schema)
    const decode = Schema.decodeUnknownSync(schema)
    fc.assert(
      fc.property(Arbitrary.make(schema), (value) => {
        const encoded = encode(value)
        const json = JSON.parse(JSON.stringify(encoded)) as unknown
        // decode after encode is the identity, seen through the encoding (Redacted values compare by content there)
        expect(encode(decode(json))).toStrictEqual(encoded)
      }),
      { numRuns: runs(30) }
    )
  })
})
