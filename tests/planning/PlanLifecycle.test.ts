import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option } from "effect"
import { Decider } from "../../src/kernel/index.js"
import * as P from "../../src/kernel/Period.js"
import { type DivisionId, ReportId } from "../../src/kernel/Ids.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

interface Model {
  created: boolean
  status: Plan.Status
  versions: number
  working: Set<string>
  inForce: Set<string>
  reported: Set<string>
}
interface Real {
  readonly decider: Plan.PlanDecider
  readonly plan: ReturnType<typeof PA.split>[number]
  state: Plan.State
  events: Array<Plan.Event>
}

const m = (r: Real) => ({ plan: r.plan.plan, at: PA.AT, actor: PA.ACTOR })
const opened = (r: Real): Plan.Opened => {
  if (r.state._tag !== "Opened") throw new Error("plan not opened")
  return r.state
}
const accept = (r: Real, c: Plan.Command) => {
  const before = r.state
  const out = r.decider.decide(c, r.state)
  if (Either.isLeft(out)) throw new Error(`${c._tag} rejected: ${out.left.message}`)
  r.state = Decider.replay(r.decider, out.right, before)
  r.events.push(...out.right)
  // replaying the whole history reproduces the state
  expect(Decider.replay(r.decider, r.events)).toEqual(r.state)
  // history is never rewritten: earlier versions stay as they were
  if (before._tag === "Opened") expect(opened(r).versions.slice(0, before.versions.length)).toEqual(before.versions)
}
const reject = (r: Real, c: Plan.Command, tag: string) => {
  const before = r.state
  const out = r.decider.decide(c, r.state)
  expect(Either.isLeft(out)).toBe(true)
  if (Either.isLeft(out)) expect(out.left._tag).toBe(tag)
  expect(r.state).toBe(before)
}
const activityAt = (r: Real, k: number) => r.plan.nodes[k % r.plan.nodes.length] as N.Activity
const editable = (md: Model) => md.status === "draft" || md.status === "amending"
const reporting = (md: Model) => md.status === "approved" || md.status === "amending"
const check = (md: Model, r: Real) => {
  const s = opened(r)
  expect(s.status).toBe(md.status)
  expect(s.versions.length).toBe(md.versions)
  expect(new Set(s.nodes.map(N.idOf))).toEqual(md.working)
  expect(new Set(s.inForce.map(N.idOf))).toEqual(md.inForce)
}

class Create implements fc.Command<Model, Real> {
  check = (md: Readonly<Model>) => !md.created
  run(md: Model, r: Real) {
    accept(r, new Plan.CreatePlan({ ...m(r), kind: "monthly", period: r.plan.period, title: "Ежемесячный план" }))
    md.created = true
    check(md, r)
  }
  toString = () => "Create"
}
class Add implements fc.Command<Model, Real> {
  constructor(readonly k: number, readonly schedule: boolean) {}
  check = (md: Readonly<Model>) => md.created && (this.schedule ? md.status !== "closed" : editable(md))
  run(md: Model, r: Real) {
    const a = activityAt(r, this.k)
    if (md.working.has(a.id)) {
      reject(r, new Plan.AddNode({ ...m(r), node: a }), editable(md) ? "NodeRuleViolation" : "LifecycleViolation")
      return
    }
    accept(r, this.schedule ? new Plan.ScheduleActivity({ ...m(r), activity: a }) : new Plan.AddNode({ ...m(r), node: a }))
    md.working.add(a.id)
    if (this.schedule && md.status !== "draft") md.inForce.add(a.id)
    check(md, r)
  }
  toString = () => `${this.schedule ? "Schedule" : "Add"}(${this.k})`
}
class Remove implements fc.Command<Model, Real> {
  constructor(readonly k: number) {}
  check = (md: Readonly<Model>) => md.created && editable(md) && md.working.size > 0
  run(md: Model, r: Real) {
    const id = [...md.working][this.k % md.working.size]!
    accept(r, new Plan.RemoveNode({ ...m(r), ref: new N.NodeRef({ kind: "Activity", id }) }))
    md.working.delete(id)
    check(md, r)
  }
  toString = () => `Remove(${this.k})`
}
class Approve implements fc.Command<Model, Real> {
  check = (md: Readonly<Model>) => md.created && md.status !== "closed"
  run(md: Model, r: Real) {
    const act = new Plan.Act({ number: `act-${md.versions + 1}`, date: P.addDays(P.firstDay(r.plan.period), md.versions) })
    const c = new Plan.ApprovePlan({ ...m(r), act })
    if (!editable(md)) return reject(r, c, "LifecycleViolation")
    if (md.working.size === 0) return reject(r, c, "LifecycleViolation")
    accept(r, c)
    md.versions++
    md.status = "approved"
    md.inForce = new Set(md.working)
    check(md, r)
    // the version approved on each act's date is that version, with the nodes it was approved with
    const s = opened(r)
    for (const v of s.versions) expect(Option.map(Plan.approvedAt(s, v.act.date), (x) => x.number)).toEqual(Option.some(v.number))
    expect(Plan.approvedAt(s, P.addDays(P.firstDay(r.plan.period), -1))).toEqual(Option.none())
  }
  toString = () => "Approve"
}
class Amend implements fc.Command<Model, Real> {
  check = (md: Readonly<Model>) => md.created
  run(md: Model, r: Real) {
    const c = new Plan.StartAmendment({ ...m(r), reason: "Изменение плана" })
    if (md.status !== "approved") return reject(r, c, "LifecycleViolation")
    accept(r, c)
    md.status = "amending"
    check(md, r)
  }
  toString = () => "Amend"
}
class Close implements fc.Command<Model, Real> {
  check = (md: Readonly<Model>) => md.created
  run(md: Model, r: Real) {
    const c = new Plan.ClosePlan({ ...m(r), results: new Plan.ClosingResults({ summary: "План выполнен", results: [] }) })
    if (md.status !== "approved") return reject(r, c, "LifecycleViolation")
    accept(r, c)
    md.status = "closed"
    check(md, r)
  }
  toString = () => "Close"
}
class Report implements fc.Command<Model, Real> {
  constructor(readonly division: DivisionId, readonly drop: boolean, readonly extra: boolean, readonly kinds: ReadonlyArray<number>) {}
  check = (md: Readonly<Model>) => md.created && reporting(md) && !md.reported.has(this.division)
  run(md: Model, r: Real) {
    const s = opened(r)
    const expected = Plan.activitiesInForce(s).filter((a) => a.division === this.division)
    const end = P.lastDay(r.plan.period)
    const entries = expected.map((a, i) => {
      const kind = this.kinds[i % Math.max(1, this.kinds.length)] ?? 0
      const execution =
        kind === 0 ? new R.Done({ completedOn: P.minDay(end, P.addDays(a.deadline, 2)) })
        : kind === 1 ? new R.PartlyDone({ note: "Частично" })
        : kind === 2 ? new R.NotDone({ reason: "Нет средств" })
        : new R.Moved({ newDeadline: P.addDays(a.deadline, 10), reason: "Перенос" })
      return new R.Entry({ activity: a.id, execution })
    })
    const report = (es: ReadonlyArray<R.Entry>) =>
      new Plan.SubmitMonthlyReport({ ...m(r), report: new R.MonthlyReport({ id: ReportId.make(`r-${this.division}`), division: this.division, entries: es, actuals: [] }) })
    if (this.drop && entries.length > 0) {
      const out = r.decider.decide(report(entries.slice(1)), r.state)
      expect(out).toEqual(Either.left(expect.objectContaining({ _tag: "MissingReportEntry", activity: entries[0]!.activity, division: this.division })))
      return
    }
    const stranger = r.plan.nodes.find((n) => !expected.some((a) => a.id === N.idOf(n)))
    if (this.extra && stranger !== undefined) {
      const bad = [...entries, new R.Entry({ activity: N.Activity.fields.id.make(N.idOf(stranger)), execution: new R.NotDone({ reason: "—" }) })]
      const before = r.state
      const out = r.decider.decide(report(bad), r.state)
      expect(out).toEqual(Either.left(expect.objectContaining({ _tag: "ExtraReportEntry", activity: N.idOf(stranger) })))
      expect(r.state).toBe(before)
      return
    }
    accept(r, report(entries))
    md.reported.add(this.division)
    // a second report of the same division is rejected
    reject(r, report(entries), "ReportRuleViolation")
    check(md, r)
  }
  toString = () => `Report(${this.division}, drop=${this.drop}, extra=${this.extra}, ${this.kinds.join("")})`
}

const commands = fc.commands(
  [
    fc.constant(new Create()),
    fc.tuple(fc.nat(), fc.boolean()).map(([k, s]) => new Add(k, s)),
    fc.nat().map((k) => new Remove(k)),
    fc.constant(new Approve()),
    fc.constant(new Amend()),
    fc.constant(new Close()),
    fc.tuple(fc.constantFrom(...PA.DIVISIONS), fc.boolean(), fc.boolean(), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 })).map(
      ([d, drop, extra, kinds]) => new Report(d, drop, extra, kinds)
    )
  ],
  { maxCommands: 40 }
)

/** A monthly plan of a random tree (with its upper context), with at least one activity. */
const monthlyPlans = PA.planTree().map((t) => {
  const plans = PA.split(t)
  const upper = H.context(t.horizon, plans.filter((p) => p.kind === "strategic" || p.kind === "annual").flatMap((p) => p.nodes))
  const monthly = plans.filter((p) => p.kind === "monthly")
  return { upper, monthly }
})

describe("Plan lifecycle (model-based, monthly plans with reports)", () => {
  it("any accepted command sequence keeps the model, replay reproduces the state, rejected commands change nothing", () => {
    fc.assert(
      fc.property(monthlyPlans, fc.nat(), commands, ({ monthly, upper }, k, cmds) => {
        const plan = monthly[k % monthly.length]!
        fc.modelRun((): { model: Model; real: Real } => ({
          model: { created: false, status: "draft", versions: 0, working: new Set(), inForce: new Set(), reported: new Set() },
          real: { decider: Plan.decider(upper), plan, state: Plan.initialState, events: [] }
        }), cmds)
      }),
      { numRuns: 150 }
    )
  })
})
