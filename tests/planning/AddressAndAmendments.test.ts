import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option } from "effect"
import { Decider } from "../../src/kernel/index.js"
import { ActivityId, PlanId, ReportId } from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import { runs } from "../support/runs.js"

const year = P.unsafeYear(2021)
const plan = PlanId.make("address-2021")
const m = { plan, at: PA.AT, actor: PA.ACTOR }

/** An approved Address plan of 1..6 measures with deadlines in 2021. */
const addressPlan = fc.array(fc.integer({ min: 0, max: 364 }), { minLength: 1, maxLength: 6 }).map((offsets) => {
  const measures = offsets.map(
    (o, i) =>
      new N.Measure({
        id: ActivityId.make(`measure-${i}`),
        title: "Мера по реализации Послания",
        division: PA.DIVISIONS[i % PA.DIVISIONS.length]!,
        deadline: P.addDays(P.firstDay(year), o)
      })
  )
  const r = Decider.run(Plan.decider(), [
    new Plan.CreatePlan({ ...m, kind: "address", period: year, title: "План реализации Послания" }),
    ...measures.map((node) => new Plan.AddNode({ ...m, node })),
    new Plan.ApprovePlan({ ...m, act: new Plan.Act({ number: "1-р", date: P.unsafeDay("2021-01-20") }) })
  ])
  return { measures, state: Either.getOrThrow(r).state }
})

const report = (quarter: P.Quarter, entries: ReadonlyArray<R.Entry>) =>
  new Plan.SubmitQuarterlyReport({
    ...m,
    report: new R.QuarterlyReport({ id: ReportId.make(`q-${quarter}`), quarter, entries })
  })

describe("Address implementation plans: quarterly reports cover every measure not yet done", () => {
  it("over the four quarters, each report must name exactly the measures not yet done; a missing or extra one is named", () => {
    fc.assert(
      fc.property(
        addressPlan,
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        ({ measures, state }, doneFlags) => {
          const d = Plan.decider()
          let s: Plan.State = state
          let k = 0
          for (const quarter of P.children(year) as ReadonlyArray<P.Quarter>) {
            const done = new Set(
              measures.filter((x) => Option.getOrUndefined(Plan.executionOf(s, x.id))?._tag === "Done").map((x) => x.id)
            )
            const open = measures.filter((x) => !done.has(x.id))
            if (open.length === 0) break
            const entries = open.map(
              (x) =>
                new R.Entry({
                  activity: x.id,
                  execution: doneFlags[k++ % doneFlags.length]
                    ? new R.Done({ completedOn: P.firstDay(quarter) })
                    : new R.PartlyDone({ note: "В работе" })
                })
            )
            // missing the first open measure
            expect(d.decide(report(quarter, entries.slice(1)), s)).toEqual(
              Either.left(expect.objectContaining({ _tag: "MissingReportEntry", activity: open[0]!.id }))
            )
            // an entry for a measure already done
            const doneOne = measures.find((x) => done.has(x.id))
            if (doneOne !== undefined) {
              const extra = [
                ...entries,
                new R.Entry({ activity: doneOne.id, execution: new R.Done({ completedOn: P.firstDay(quarter) }) })
              ]
              expect(d.decide(report(quarter, extra), s)).toEqual(
                Either.left(expect.objectContaining({ _tag: "ExtraReportEntry", activity: doneOne.id }))
              )
            }
            const ok = Decider.handle(d, s, report(quarter, entries))
            expect(Either.isRight(ok)).toBe(true)
            const before = s
            s = Either.getOrThrow(ok).state
            // the same quarter again, or an earlier one, is out of order
            expect(d.decide(report(quarter, []), s)).toEqual(
              Either.left(expect.objectContaining({ rule: "quarterOutOfOrder" }))
            )
            expect(before).not.toBe(s)
          }
        }
      )
    )
  })
})

describe("Amendments never rewrite history: the version approved at any date is reconstructible", () => {
  it("amending a strategic plan keeps version 1 as approved, and the day's version answers by act date", () => {
    fc.assert(
      fc.property(
        PA.planTree(),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (t, gap, amount) => {
          const strategic = PA.split(t)[0]!
          const d = Plan.decider()
          const v1 = Either.getOrThrow(Decider.run(d, PA.buildCommands(strategic, "act-1"))).state
          const goal = strategic.nodes.find((n) => n._tag === "Goal") as N.Goal
          const program = new N.Program({
            id: N.Program.fields.id.make("p-new"),
            title: "Новая программа",
            goal: goal.id,
            alsoServes: [],
            division: PA.DIVISIONS[0]!,
            from: P.horizonYears(t.horizon).from,
            to: P.horizonYears(t.horizon).from,
            budget: [new N.BudgetLine({ year: P.horizonYears(t.horizon).from, amount })],
            finalResults: []
          })
          const mm = { plan: strategic.plan, at: PA.AT, actor: PA.ACTOR }
          const act2 = new Plan.Act({ number: "act-2", date: P.addDays(P.firstDay(t.horizon), gap) })
          // amend version 1: a new program, approved by a later act
          let s: Plan.State = v1
          for (const c of [
            new Plan.StartAmendment({ ...mm, reason: "Новая программа" }),
            new Plan.AddNode({ ...mm, node: program }),
            new Plan.ApprovePlan({ ...mm, act: act2 })
          ]) {
            s = Either.getOrThrow(Decider.handle(d, s, c)).state
          }
          const first = Option.getOrThrow(Plan.approvedAt(s, P.addDays(act2.date, -1)))
          expect(first.number).toBe(1)
          expect(first.nodes).toEqual(strategic.nodes)
          const second = Option.getOrThrow(Plan.approvedAt(s, act2.date))
          expect(second.number).toBe(2)
          expect(second.nodes).toEqual([...strategic.nodes, program])
          // an act dated before the last one is rejected, naming the rule
          const s3 = Either.getOrThrow(Decider.handle(d, s, new Plan.StartAmendment({ ...mm, reason: "Ещё" }))).state
          const early = new Plan.ApprovePlan({
            ...mm,
            act: new Plan.Act({ number: "act-3", date: P.addDays(act2.date, -1) })
          })
          expect(d.decide(early, s3)).toEqual(Either.left(expect.objectContaining({ rule: "actOutOfOrder" })))
        }
      ),
      { numRuns: runs(50) }
    )
  })

  it("replacing a program so that an indicator target falls outside its years is rejected, naming the indicator", () => {
    fc.assert(
      fc.property(PA.planTree({ maxYears: 3 }), (t) => {
        const strategic = PA.split(t)[0]!
        const ind = strategic.nodes.find(
          (n): n is N.IndicatorNode =>
            n._tag === "Indicator" && n.indicator.attachedTo._tag === "Program" && n.indicator.targets.length > 0
        )
        if (ind === undefined) return
        const program = strategic.nodes.find(
          (n): n is N.Program => n._tag === "Program" && n.id === ind.indicator.attachedTo.id
        )!
        const target = ind.indicator.targets[0]!.period
        const outside = (P.children(t.horizon) as ReadonlyArray<P.Year>).find((y) => !P.containsPeriod(y, target))
        if (outside === undefined) return
        const d = Plan.decider()
        const s = Either.getOrThrow(Decider.run(d, PA.buildCommands(strategic).slice(0, -1))).state
        const shrunk = new N.Program({ ...program, from: outside, to: outside, budget: [] })
        const r = d.decide(new Plan.ReplaceNode({ plan: strategic.plan, at: PA.AT, actor: PA.ACTOR, node: shrunk }), s)
        expect(r).toEqual(Either.left(expect.objectContaining({ _tag: "NodeRuleViolation", node: N.refOf(ind) })))
      }),
      { numRuns: runs(80) }
    )
  })
})
