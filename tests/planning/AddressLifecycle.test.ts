import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { DirectionId, GoalId, PlanId, ReportId } from "../../src/kernel/Ids.js"
import * as P from "../../src/kernel/Period.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import {
  accept,
  Add,
  check,
  lifecycleCommands,
  m,
  type Model,
  type Real,
  rarely,
  reject,
  runModel
} from "./planModel.js"
import { atLeast } from "../support/runs.js"

/**
 * The lifecycle of a plan implementing the President's Address, model-based:
 * measures added, removed, approved, amended; quarterly reports in order,
 * each covering exactly the measures in force not yet done (a missing or
 * extra one named, a move not later or a completion after the quarter
 * refused), until every measure is done. The model predicts every outcome.
 */

/** What the runs reached (so that the property is shown to be about reports, not only about rejections). */
const reached = { reports: 0, moved: 0, afterAmendment: 0, allDone: 0, refused: new Set<string>() }

const plusQuarter = (q: P.Quarter): P.Quarter => P.quarterOf(P.addDays(P.lastDay(q), 1))

class QuarterlyReport implements fc.Command<Model, Real> {
  /**
   * `q` picks the quarter (one past the plan's last is outside it); `flaw`: 0 none, 1 a move not later than the
   * deadline in force, 2 a completion after the quarter, 3 an entry twice.
   */
  constructor(
    readonly q: number,
    readonly drop: boolean,
    readonly extra: boolean,
    readonly kinds: ReadonlyArray<number>,
    readonly flaw: number
  ) {}
  check = (md: Readonly<Model>) => md.created
  run(md: Model, r: Real) {
    const quarters = P.months(r.plan.period as P.Horizon)
      .map(P.quarterOf)
      .filter((q, i, xs) => xs.indexOf(q) === i)
    const k = this.q % (quarters.length + 1)
    const quarter = k < quarters.length ? quarters[k]! : plusQuarter(quarters[quarters.length - 1]!)
    const report = (entries: ReadonlyArray<R.Entry>) =>
      new Plan.SubmitQuarterlyReport({
        ...m(r),
        report: new R.QuarterlyReport({ id: ReportId.make(`q-${quarter}`), quarter, entries })
      })
    if (md.status === "closed") return reject(r, report([]), "LifecycleViolation", "closed")
    if (md.status === "draft") return reject(r, report([]), "LifecycleViolation", "notApproved")
    if (k === quarters.length) return reject(r, report([]), "ReportRuleViolation", "quarterOutsidePlan")
    if (md.lastQuarter !== undefined && quarter <= md.lastQuarter)
      return reject(r, report([]), "ReportRuleViolation", "quarterOutOfOrder")
    const end = P.lastDay(quarter)
    const pool = r.plan.nodes as ReadonlyArray<N.Measure>
    // the model's scope: every measure in force whose latest execution is not Done
    const expected = pool.filter((x) => md.inForce.has(x.id) && md.executions.get(x.id)?._tag !== "Done")
    // a move stays in force after a later report says partly done or not done
    const deadlineOf = (x: N.Measure) => md.moved.get(x.id) ?? x.deadline
    const entries = expected.map((x, i) => {
      const kind = this.kinds[i % Math.max(1, this.kinds.length)] ?? 0
      const execution =
        kind === 0
          ? new R.Done({ completedOn: P.minDay(end, deadlineOf(x)) })
          : kind === 1
            ? new R.PartlyDone({ note: "В работе" })
            : kind === 2
              ? new R.NotDone({ reason: "Не доведено финансирование" })
              : new R.Moved({ newDeadline: P.addDays(deadlineOf(x), 30), reason: "Перенос срока" })
      return new R.Entry({ activity: x.id, execution })
    })
    const refuse = (bad: ReadonlyArray<R.Entry>, expectation: object, name: string) => {
      const before = r.state
      expect(r.decider.decide(report(bad), r.state)).toEqual(Either.left(expect.objectContaining(expectation)))
      expect(r.state).toBe(before)
      reached.refused.add(name)
    }
    const first = entries[0]
    if (first !== undefined && this.drop)
      return refuse(entries.slice(1), { _tag: "MissingReportEntry", activity: first.activity }, "missing")
    const stranger = pool.find((x) => !expected.includes(x))
    if (stranger !== undefined && this.extra) {
      return refuse(
        [...entries, new R.Entry({ activity: stranger.id, execution: new R.PartlyDone({ note: "—" }) })],
        { _tag: "ExtraReportEntry", activity: stranger.id },
        "extra"
      )
    }
    if (first !== undefined && this.flaw > 0) {
      const x = expected[0]!
      const bad =
        this.flaw === 1
          ? new R.Entry({ activity: x.id, execution: new R.Moved({ newDeadline: deadlineOf(x), reason: "Перенос" }) })
          : this.flaw === 2
            ? new R.Entry({ activity: x.id, execution: new R.Done({ completedOn: P.addDays(end, 1) }) })
            : undefined
      const rule = this.flaw === 1 ? "moveNotLater" : this.flaw === 2 ? "doneAfterPeriod" : "duplicateEntry"
      return refuse(
        bad === undefined ? [...entries, first] : [bad, ...entries.slice(1)],
        { _tag: "ReportRuleViolation", rule, subject: x.id },
        rule
      )
    }
    accept(r, report(entries))
    reached.reports++
    if (entries.some((e) => e.execution._tag === "Moved")) reached.moved++
    if (md.versions.length > 1) reached.afterAmendment++
    md.lastQuarter = quarter
    for (const e of entries) {
      md.executions.set(e.activity, e.execution)
      if (e.execution._tag === "Moved") md.moved.set(e.activity, e.execution.newDeadline)
    }
    if (md.inForce.size > 0 && [...md.inForce].every((id) => md.executions.get(id)?._tag === "Done")) reached.allDone++
    // the same quarter again is out of order
    reject(r, report([]), "ReportRuleViolation", "quarterOutOfOrder")
    check(md, r)
  }
  toString = () =>
    `QuarterlyReport(${this.q}, drop=${this.drop}, extra=${this.extra}, ${this.kinds.join("")}, flaw=${this.flaw})`
}

const horizon = P.unsafeHorizon("2021..2030")
const upper = H.context(horizon, [
  new N.Direction({ id: DirectionId.make("d-1"), title: "Городская среда" }),
  new N.Goal({ id: GoalId.make("g-1"), direction: DirectionId.make("d-1"), title: "Комфортная среда" })
])

/** An Address plan over 2021 or 2021..2022 with a pool of 1..6 measures (some linked to goal g-1) to add. */
const addressPlans = fc
  .record({
    twoYears: fc.boolean(),
    measures: fc.array(fc.tuple(fc.nat({ max: 729 }), fc.nat({ max: 3 }), fc.boolean()), { minLength: 1, maxLength: 6 })
  })
  .map(({ measures, twoYears }): PA.PlanSplit => {
    const period = twoYears ? P.unsafeHorizon("2021..2022") : P.unsafeYear(2021)
    const days = twoYears ? 730 : 365
    return {
      plan: PlanId.make("address-2021"),
      kind: "address",
      period,
      nodes: measures.map(
        ([offset, d, linked], i) =>
          new N.Measure({
            id: N.Measure.fields.id.make(`measure-${i}`),
            title: "Мера по реализации Послания",
            division: PA.DIVISIONS[d]!,
            deadline: P.addDays(P.unsafeDay("2021-01-01"), offset % days),
            ...(linked ? { link: { _tag: "Goal" as const, id: GoalId.make("g-1") } } : {})
          })
      )
    }
  })

const quarterly = fc
  .tuple(
    fc.nat({ max: 8 }),
    rarely,
    rarely,
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
    fc.integer({ min: 0, max: 9 }).map((x) => (x <= 3 ? x : 0))
  )
  .map(([q, drop, extra, kinds, flaw]) => new QuarterlyReport(q, drop, extra, kinds, flaw))
const commands = lifecycleCommands(
  fc.nat().map((k) => new Add(k, false, "address")),
  quarterly
)

describe("Address implementation plans (model-based, with quarterly reports)", () => {
  it("any command sequence keeps the model: each quarterly report covers exactly the measures in force not yet done; replay reproduces the state; rejections change nothing", () => {
    fc.assert(
      fc.property(addressPlans, commands, (plan, cmds) => runModel(upper, plan, cmds)),
      { numRuns: atLeast(200) }
    )
    // the runs reach what the rule is about: accepted reports (with moves, after amendments, up to every measure done) and each refusal
    expect(reached.reports).toBeGreaterThan(50)
    expect(reached.moved).toBeGreaterThan(0)
    expect(reached.afterAmendment).toBeGreaterThan(0)
    expect(reached.allDone).toBeGreaterThan(0)
    expect([...reached.refused].sort()).toEqual([
      "doneAfterPeriod",
      "duplicateEntry",
      "extra",
      "missing",
      "moveNotLater"
    ])
  })
})
