import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc, Schema } from "effect"
import * as Budget from "../../src/budget/index.js"
import * as Duma from "../../src/duma/index.js"
import * as Information from "../../src/information/index.js"
import * as Methodology from "../../src/methodology/index.js"
import { runs } from "../support/runs.js"
import { oneZero } from "../support/json.js"

type AnySchema = Schema.Schema<unknown, unknown, never>

const schemasOf = (area: string, namespace: object): ReadonlyArray<[string, AnySchema]> =>
  Object.entries(namespace).flatMap(([module, ns]) =>
    Object.entries(ns as Record<string, unknown>)
      .filter(([, v]) => Schema.isSchema(v))
      .map(([name, v]) => [`${area}.${module}.${name}`, v as AnySchema] as [string, AnySchema])
  )

const exported = [
  ...schemasOf("Information", Information),
  ...schemasOf("Methodology", Methodology),
  ...schemasOf("Duma", Duma),
  ...schemasOf("Budget", Budget)
]

describe("every exported Schema of information, methodology, Duma and budget round-trips through JSON", () => {
  it("finds the commands, events, states and errors of every area", () => {
    const names = exported.map(([n]) => n)
    for (const n of [
      "Information.PublicationRegister.Command",
      "Information.PublicationRegister.Event",
      "Information.PublicationRegister.State",
      "Information.InformationPlan.Command",
      "Information.InformationPlan.Event",
      "Information.InformationPlan.State",
      "Information.Coverage.CoverageReport",
      "Information.Figures.AnnualFigures",
      "Information.Errors.InformationRuleViolation",
      "Methodology.Council.Command",
      "Methodology.Council.Event",
      "Methodology.Council.State",
      "Methodology.Errors.MethodologyRuleViolation",
      "Methodology.Figures.AnnualFigures",
      "Duma.Session.Command",
      "Duma.Session.Event",
      "Duma.Session.State",
      "Duma.Errors.DumaRuleViolation",
      "Duma.Figures.AnnualFigures",
      "Budget.ProgramBudget.Command",
      "Budget.ProgramBudget.Event",
      "Budget.ProgramBudget.State",
      "Budget.Control.ControlReport",
      "Budget.Money.Kopecks",
      "Budget.Errors.BudgetRuleViolation"
    ])
      expect(names).toContain(n)
  })

  for (const [name, schema] of exported) {
    it(`${name}: decode(encode(x)) equals x`, () => {
      const encode = Schema.encodeSync(schema)
      const decode = Schema.decodeUnknownSync(schema)
      fc.assert(
        fc.property(Arbitrary.make(schema), (x) => {
          const json = JSON.parse(JSON.stringify(encode(x))) as unknown
          expect(decode(json)).toEqual(oneZero(x))
        }),
        { numRuns: runs(25) }
      )
    })
  }
})
