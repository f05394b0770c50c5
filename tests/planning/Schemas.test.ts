import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc, Schema } from "effect"
import * as Control from "../../src/planning/Control.js"
import * as Errors from "../../src/planning/Errors.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as I from "../../src/planning/Indicator.js"
import * as L from "../../src/planning/Link.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as Rollup from "../../src/planning/Rollup.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import { runs } from "../support/runs.js"
import { oneZero } from "../support/json.js"

const roundTrip = <A, I>(
  name: string,
  schema: Schema.Schema<A, I>,
  arb: fc.Arbitrary<A> = Arbitrary.make(schema),
  numRuns = 60
) =>
  it(`${name}: decode(encode(x)) is x`, () => {
    const encode = Schema.encodeSync(schema)
    const decode = Schema.decodeUnknownSync(schema)
    fc.assert(
      fc.property(arb, (x) => {
        expect(decode(JSON.parse(JSON.stringify(encode(x))))).toEqual(oneZero(x))
      }),
      { numRuns: runs(numRuns) }
    )
  })

describe("every exported planning Schema round-trips through JSON", () => {
  roundTrip("Link", L.Link)
  roundTrip("ItemLink", L.ItemLink)
  roundTrip("Origin", L.Origin)
  roundTrip("Indicator", I.Indicator)
  roundTrip("IndicatorPeriod", I.IndicatorPeriod)
  roundTrip("Value", I.Value)
  roundTrip("Actual", I.Actual)
  roundTrip("NumericTarget", I.NumericTarget)
  roundTrip("QualitativeTarget", I.QualitativeTarget)
  roundTrip("NodeRef", N.NodeRef)
  roundTrip("BudgetLine", N.BudgetLine)
  roundTrip("Node", N.Node)
  roundTrip("PlanTree (random valid trees)", H.PlanTree, PA.planTree(), 30)
  roundTrip("Execution", R.Execution)
  roundTrip("Entry", R.Entry)
  roundTrip("MonthlyReport", R.MonthlyReport)
  roundTrip("QuarterlyReport", R.QuarterlyReport)
  roundTrip("Act", Plan.Act)
  roundTrip("Version", Plan.Version, undefined, 20)
  roundTrip("ClosingResults", Plan.ClosingResults)
  roundTrip("Command", Plan.Command)
  roundTrip("Event", Plan.Event)
  roundTrip("State", Plan.State, undefined, 20)
  roundTrip("PlanError", Errors.PlanError)
  roundTrip("InvalidPlanCommand", Errors.InvalidPlanCommand)
  roundTrip("RollupTree", Rollup.RollupTree, undefined, 30)
  roundTrip("RollupError", Rollup.RollupError)
  roundTrip("ControlRow", Control.ControlRow)
  roundTrip("ControlView", Control.ControlView, undefined, 20)
})

describe("bad input is decoded into a typed error naming the field", () => {
  it("a command with a malformed deadline is an InvalidPlanCommand with its path", () => {
    fc.assert(
      fc.property(PA.planTree(), (t) => {
        const a = t.nodes.find((n) => n._tag === "Activity")!
        const encoded = Schema.encodeSync(Plan.AddNode)(
          new Plan.AddNode({ plan: Plan.CreatePlan.fields.plan.make("p-1"), at: PA.AT, actor: PA.ACTOR, node: a })
        )
        const bad = { ...encoded, node: { ...encoded.node, deadline: "2021-02-30" } }
        const r = Plan.decodeCommand(bad)
        expect(r._tag).toBe("Left")
        if (r._tag === "Left") {
          expect(r.left._tag).toBe("InvalidPlanCommand")
          expect(r.left.path).toBe("node.deadline")
        }
      }),
      { numRuns: runs(20) }
    )
  })
})
