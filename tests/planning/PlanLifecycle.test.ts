import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as P from "../../src/kernel/Period.js"
import { type DivisionId, ReportId } from "../../src/kernel/Ids.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import {
  accept,
  activityAt,
  Add,
  check,
  lifecycleCommands,
  m,
  type Model,
  rarely,
  type Real,
  reject,
  reporting,
  runModel
} from "./planModel.js"
import { runs } from "../support/runs.js"

/** The month `k` months after `m`. */
const plusMonths = (m: P.Month, k: number): P.Month => (k === 0 ? m : plusMonths(P.nextMonth(m), k - 1))

/**
 * A division's monthly report: on the plan's own month (`k` = 0), or a
 * follow-up `k` months later on the activities moved (or not yet reported).
 * The model says which activities it must cover; a dropped entry is a
 * missing one, a stranger an extra one, a month not after the last one out
 * of order.
 */
class Report implements fc.Command<Model, Real> {
  division: DivisionId = PA.DIVISIONS[0]!
  /** `d` picks the division: mostly one that has activities in the plan, sometimes any division. */
  constructor(
    readonly d: number,
    readonly k: number,
    readonly drop: boolean,
    readonly extra: boolean,
    readonly kinds: ReadonlyArray<number>
  ) {}
  check = (md: Readonly<Model>) => md.created && reporting(md)
  run(md: Model, r: Real) {
    this.division = this.d % 5 === 4 ? PA.DIVISIONS[this.d % PA.DIVISIONS.length]! : activityAt(r, this.d).division
    const period = r.plan.period as P.Month
    const month = plusMonths(period, this.k)
    const end = P.lastDay(month)
    const last = md.reported.get(this.division)
    const report = (es: ReadonlyArray<R.Entry>) =>
      new Plan.SubmitMonthlyReport({
        ...m(r),
        report: new R.MonthlyReport({
          id: ReportId.make(`r-${this.division}-${month}`),
          division: this.division,
          ...(this.k === 0 ? {} : { month }),
          entries: es,
          actuals: []
        })
      })
    if (last === month) return reject(r, report([]), "ReportRuleViolation", "alreadySubmitted")
    if (last === undefined ? this.k > 0 : month < last)
      return reject(r, report([]), "ReportRuleViolation", "monthOutOfOrder")
    // the model's scope: every activity of the division in force for the plan's month; later, the unreported and the moved ones due by the month's end
    const inForce = [...md.inForce].map((id) => r.plan.nodes.find((n) => N.idOf(n) === id) as N.Activity)
    const expected = inForce.filter((a) => {
      if (a.division !== this.division) return false
      if (this.k === 0) return true
      const x = md.executions.get(a.id)
      return x === undefined || (x._tag === "Moved" && x.newDeadline <= end)
    })
    const entries = expected.map((a, i) => {
      const kind = this.kinds[i % Math.max(1, this.kinds.length)] ?? 0
      const x = md.executions.get(a.id)
      const deadline = x?._tag === "Moved" ? x.newDeadline : a.deadline
      const execution =
        kind === 0
          ? new R.Done({ completedOn: P.minDay(end, P.addDays(deadline, 2)) })
          : kind === 1
            ? new R.PartlyDone({ note: "Частично" })
            : kind === 2
              ? new R.NotDone({ reason: "Нет средств" })
              : new R.Moved({ newDeadline: P.addDays(deadline, 10), reason: "Перенос" })
      return new R.Entry({ activity: a.id, execution })
    })
    if (this.drop && entries.length > 0) {
      const out = r.decider.decide(report(entries.slice(1)), r.state)
      expect(out).toEqual(
        Either.left(
          expect.objectContaining({
            _tag: "MissingReportEntry",
            activity: entries[0]!.activity,
            division: this.division
          })
        )
      )
      return
    }
    const stranger = r.plan.nodes.find((n) => !expected.some((a) => a.id === N.idOf(n)))
    if (this.extra && stranger !== undefined) {
      const bad = [
        ...entries,
        new R.Entry({
          activity: N.Activity.fields.id.make(N.idOf(stranger)),
          execution: new R.NotDone({ reason: "—" })
        })
      ]
      const before = r.state
      const out = r.decider.decide(report(bad), r.state)
      expect(out).toEqual(
        Either.left(expect.objectContaining({ _tag: "ExtraReportEntry", activity: N.idOf(stranger) }))
      )
      expect(r.state).toBe(before)
      return
    }
    accept(r, report(entries))
    md.reported.set(this.division, month)
    for (const e of entries) md.executions.set(e.activity, e.execution)
    // the same month again is rejected
    reject(r, report(entries), "ReportRuleViolation", "alreadySubmitted")
    check(md, r)
  }
  toString = () =>
    `Report(${this.division}, +${this.k}, drop=${this.drop}, extra=${this.extra}, ${this.kinds.join("")})`
}

const report = fc
  .tuple(
    fc.nat(),
    fc.integer({ min: 0, max: 3 }),
    rarely,
    rarely,
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 })
  )
  .map(([d, k, drop, extra, kinds]) => new Report(d, k, drop, extra, kinds))
const add = fc.tuple(fc.nat(), fc.boolean()).map(([k, s]) => new Add(k, s))

const commands = lifecycleCommands(add, report)

/** A monthly plan of a random tree (with its upper context), with at least one activity. */
const monthlyPlans = PA.planTree().map((t) => {
  const plans = PA.split(t)
  const upper = H.context(
    t.horizon,
    plans.filter((p) => p.kind === "strategic" || p.kind === "annual").flatMap((p) => p.nodes)
  )
  // the monthly plans with the most activities first: a plan with several divisions' activities exercises reports best
  const monthly = plans.filter((p) => p.kind === "monthly").sort((a, b) => b.nodes.length - a.nodes.length)
  return { upper, monthly }
})

describe("Plan lifecycle (model-based, monthly plans with reports)", () => {
  it("any accepted command sequence keeps the model, replay reproduces the state, rejected commands change nothing", () => {
    fc.assert(
      fc.property(monthlyPlans, fc.nat(), commands, ({ monthly, upper }, k, cmds) => {
        runModel(upper, monthly[k % Math.min(2, monthly.length)]!, cmds)
      }),
      { numRuns: runs(150) }
    )
  })
})
