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

interface Snapshot {
  readonly number: string
  readonly date: P.Day
  readonly ids: ReadonlySet<string>
}
interface Model {
  created: boolean
  status: Plan.Status
  /** The approved versions: act number, act date and the ids approved. */
  versions: Array<Snapshot>
  working: Set<string>
  inForce: Set<string>
  /** The last month each division has reported on. */
  reported: Map<string, P.Month>
  /** The latest reported execution of each activity. */
  executions: Map<string, R.Execution>
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
const reject = (r: Real, c: Plan.Command, tag: string, rule?: string) => {
  const before = r.state
  const out = r.decider.decide(c, r.state)
  expect(Either.isLeft(out)).toBe(true)
  if (Either.isLeft(out)) {
    expect(out.left._tag).toBe(tag)
    if (rule !== undefined) expect(out.left).toEqual(expect.objectContaining({ rule }))
  }
  expect(r.state).toBe(before)
}
const activityAt = (r: Real, k: number) => r.plan.nodes[k % r.plan.nodes.length] as N.Activity
const editable = (md: Model) => md.status === "draft" || md.status === "amending"
const reporting = (md: Model) => md.status === "approved" || md.status === "amending"
/** The version the model says was in force on a day: the last approved by an act dated on or before it. */
const modelAt = (md: Model, day: P.Day): Snapshot | undefined => md.versions.filter((v) => v.date <= day).at(-1)
const check = (md: Model, r: Real) => {
  const s = opened(r)
  expect(s.status).toBe(md.status)
  expect(s.versions.length).toBe(md.versions.length)
  expect(new Set(s.nodes.map(N.idOf))).toEqual(md.working)
  expect(new Set(s.inForce.map(N.idOf))).toEqual(md.inForce)
  // the approved version on any day is reconstructible: check on, just before and just after every act date
  for (const day of md.versions.flatMap((v) => [P.addDays(v.date, -1), v.date, P.addDays(v.date, 1)])) {
    const expected = modelAt(md, day)
    const actual = Plan.approvedAt(s, day)
    if (expected === undefined) expect(Option.isNone(actual)).toBe(true)
    else {
      const v = Option.getOrThrow(actual)
      expect(v.act.number).toBe(expected.number)
      expect(new Set(v.nodes.map(N.idOf))).toEqual(expected.ids)
    }
  }
  for (const [id, x] of md.executions) expect(Option.getOrUndefined(Plan.executionOf(s, id))).toEqual(x)
}

/** Opens the plan (every run starts with it); once it is open, a second one is rejected. */
class Create implements fc.Command<Model, Real> {
  check = () => true
  run(md: Model, r: Real) {
    const c = new Plan.CreatePlan({ ...m(r), kind: "monthly", period: r.plan.period, title: "Ежемесячный план" })
    if (md.created) return reject(r, c, "LifecycleViolation", "alreadyCreated")
    accept(r, c)
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
    if (this.schedule && md.inForce.has(a.id)) {
      // in force but taken out of the open amendment: scheduling it again would put it in force twice
      reject(r, new Plan.ScheduleActivity({ ...m(r), activity: a }), "NodeRuleViolation", "duplicateId")
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
  /** An act numbered from a small set (numbers repeat) and dated a random number of days into the plan's month (dates may go back). */
  constructor(readonly number: number, readonly offset: number) {}
  check = (md: Readonly<Model>) => md.created && md.status !== "closed"
  run(md: Model, r: Real) {
    const act = new Plan.Act({ number: `act-${this.number}`, date: P.addDays(P.firstDay(r.plan.period), this.offset) })
    const c = new Plan.ApprovePlan({ ...m(r), act })
    if (!editable(md)) return reject(r, c, "LifecycleViolation", "notAmendable")
    if (md.working.size === 0) return reject(r, c, "LifecycleViolation", "nothingToApprove")
    const last = md.versions.at(-1)
    if (last !== undefined && act.date < last.date) return reject(r, c, "LifecycleViolation", "actOutOfOrder")
    if (md.versions.some((v) => v.number === act.number)) return reject(r, c, "LifecycleViolation", "actNumberReused")
    accept(r, c)
    md.versions.push({ number: act.number, date: act.date, ids: new Set(md.working) })
    md.status = "approved"
    md.inForce = new Set(md.working)
    check(md, r)
  }
  toString = () => `Approve(act-${this.number}, +${this.offset})`
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
  constructor(readonly d: number, readonly k: number, readonly drop: boolean, readonly extra: boolean, readonly kinds: ReadonlyArray<number>) {}
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
        report: new R.MonthlyReport({ id: ReportId.make(`r-${this.division}-${month}`), division: this.division, ...(this.k === 0 ? {} : { month }), entries: es, actuals: [] })
      })
    if (last === month) return reject(r, report([]), "ReportRuleViolation", "alreadySubmitted")
    if (last === undefined ? this.k > 0 : month < last) return reject(r, report([]), "ReportRuleViolation", "monthOutOfOrder")
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
        kind === 0 ? new R.Done({ completedOn: P.minDay(end, P.addDays(deadline, 2)) })
        : kind === 1 ? new R.PartlyDone({ note: "Частично" })
        : kind === 2 ? new R.NotDone({ reason: "Нет средств" })
        : new R.Moved({ newDeadline: P.addDays(deadline, 10), reason: "Перенос" })
      return new R.Entry({ activity: a.id, execution })
    })
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
    md.reported.set(this.division, month)
    for (const e of entries) md.executions.set(e.activity, e.execution)
    // the same month again is rejected
    reject(r, report(entries), "ReportRuleViolation", "alreadySubmitted")
    check(md, r)
  }
  toString = () => `Report(${this.division}, +${this.k}, drop=${this.drop}, extra=${this.extra}, ${this.kinds.join("")})`
}

/** True one time in five: a bad report is tried, but most reports go through so that follow-ups get their turn. */
const rarely = fc.integer({ min: 0, max: 4 }).map((x) => x === 0)

const report = fc.tuple(
  fc.nat(), fc.integer({ min: 0, max: 3 }), rarely, rarely,
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 })
).map(([d, k, drop, extra, kinds]) => new Report(d, k, drop, extra, kinds))
const add = fc.tuple(fc.nat(), fc.boolean()).map(([k, s]) => new Add(k, s))

// Reports and additions are listed more than once and closing is rare, so that sequences live long enough for amendments and follow-ups.
const commands = fc.commands(
  [
    fc.constant(new Create()),
    add,
    add,
    fc.nat().map((k) => new Remove(k)),
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 20 })).map(([n, offset]) => new Approve(n, offset)),
    fc.constant(new Amend()),
    rarely.map((close) => (close ? new Close() : new Amend())),
    report,
    report,
    report
  ],
  { maxCommands: 40, size: "max" }
)

/** A monthly plan of a random tree (with its upper context), with at least one activity. */
const monthlyPlans = PA.planTree().map((t) => {
  const plans = PA.split(t)
  const upper = H.context(t.horizon, plans.filter((p) => p.kind === "strategic" || p.kind === "annual").flatMap((p) => p.nodes))
  // the monthly plans with the most activities first: a plan with several divisions' activities exercises reports best
  const monthly = plans.filter((p) => p.kind === "monthly").sort((a, b) => b.nodes.length - a.nodes.length)
  return { upper, monthly }
})

describe("Plan lifecycle (model-based, monthly plans with reports)", () => {
  it("any accepted command sequence keeps the model, replay reproduces the state, rejected commands change nothing", () => {
    fc.assert(
      fc.property(monthlyPlans, fc.nat(), commands, ({ monthly, upper }, k, cmds) => {
        const plan = monthly[k % Math.min(2, monthly.length)]!
        fc.modelRun((): { model: Model; real: Real } => {
          const model: Model = { created: false, status: "draft", versions: [], working: new Set(), inForce: new Set(), reported: new Map(), executions: new Map() }
          const real: Real = { decider: Plan.decider(upper), plan, state: Plan.initialState, events: [] }
          new Create().run(model, real)
          return { model, real }
        }, cmds)
      }),
      { numRuns: 150 }
    )
  })
})
