import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc, Schema } from "effect"
import * as Appeals from "../../src/appeals/index.js"
import { runs } from "../support/runs.js"

type AnySchema = Schema.Schema<unknown, unknown, never>

const exported: ReadonlyArray<[string, AnySchema]> = Object.entries(Appeals).flatMap(([module, ns]) =>
  Object.entries(ns as Record<string, unknown>)
    .filter(([, v]) => Schema.isSchema(v))
    .map(([name, v]) => [`${module}.${name}`, v as AnySchema] as [string, AnySchema])
)

describe("every exported Schema of the appeal area round-trips", () => {
  it("finds the schemas (commands, events, states, errors, analysis)", () => {
    const names = exported.map(([n]) => n)
    for (const n of [
      "AppealCommand.AppealCommand",
      "AppealEvent.AppealEvent",
      "AppealState.AppealState",
      "AppealError.AppealError",
      "Analysis.Analysis",
      "Analysis.Recommendation",
      "Topic.ClassifierData",
      "Appeal.Applicant"
    ]) {
      expect(names).toContain(n)
    }
  })

  for (const [name, schema] of exported) {
    it(`${name}: decode(encode(x)) equals x`, () => {
      const encode = Schema.encodeSync(schema)
      const decode = Schema.decodeUnknownSync(schema)
      fc.assert(
        fc.property(Arbitrary.make(schema), (x) => {
          const encoded = encode(x)
          const json = JSON.parse(JSON.stringify(encoded)) as unknown
          const back = decode(json)
          expect(back).toEqual(x)
          // Redacted values compare by what they hide: the encodings must match too
          expect(JSON.stringify(encode(back))).toBe(JSON.stringify(encoded))
        }),
        { numRuns: runs(30) }
      )
    })
  }
})
