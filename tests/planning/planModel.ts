/**
 * The model-based run of a plan's lifecycle shared by the monthly-plan and
 * the Address-plan runs: the model (status, versions, working and in-force
 * nodes, executions), the real decider, and the lifecycle commands (create,
 * add or schedule, remove, approve, amend, close), each predicting whether
 * the decider accepts it and checking the state against the model.
 */
import { expect } from "@effect/vitest"
import { Either, FastCheck as fc, Option } from "effect"
import { Decider } from "../../src/kernel/index.js"
import * as P from "../../src/kernel/Period.js"
import type * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import type * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"

export interface Snapshot {
  readonly number: string
  readonly date: P.Day
  readonly ids: ReadonlySet<string>
}
export interface Model {
  created: boolean
  status: Plan.Status
  /** The approved versions: act number, act date and the ids approved. */
  versions: Array<Snapshot>
  working: Set<string>
  inForce: Set<string>
  /** The last month each division has reported on (monthly plans). */
  reported: Map<string, P.Month>
  /** The last quarter reported on (Address plans). */
  lastQuarter?: P.Quarter
  /** The latest new deadline of each activity or measure a report moved (it stays in force after later reports). */
  moved: Map<string, P.Day>
  /** The latest reported execution of each activity. */
  executions: Map<string, R.Execution>
}
export interface Real {
  readonly decider: Plan.PlanDecider
  readonly plan: ReturnType<typeof PA.split>[number]
  state: Plan.State
  events: Array<Plan.Event>
}

export const m = (r: Real) => ({ plan: r.plan.plan, at: PA.AT, actor: PA.ACTOR })
export const opened = (r: Real): Plan.Opened => {
  if (r.state._tag !== "Opened") throw new Error("plan not opened")
  return r.state
}
export const accept = (r: Real, c: Plan.Command) => {
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
export const reject = (r: Real, c: Plan.Command, tag: string, rule?: string) => {
  const before = r.state
  const out = r.decider.decide(c, r.state)
  expect(Either.isLeft(out)).toBe(true)
  if (Either.isLeft(out)) {
    expect(out.left._tag).toBe(tag)
    if (rule !== undefined) expect(out.left).toEqual(expect.objectContaining({ rule }))
  }
  expect(r.state).toBe(before)
}
/** The k-th node of the plan's pool: an activity of a monthly plan, a measure of an Address plan. */
export const activityAt = (r: Real, k: number) => r.plan.nodes[k % r.plan.nodes.length] as N.Activity | N.Measure
export const editable = (md: Model) => md.status === "draft" || md.status === "amending"
export const reporting = (md: Model) => md.status === "approved" || md.status === "amending"
/** The version the model says was in force on a day: the last approved by an act dated on or before it. */
export const modelAt = (md: Model, day: P.Day): Snapshot | undefined => md.versions.filter((v) => v.date <= day).at(-1)
export const check = (md: Model, r: Real) => {
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
export class Create implements fc.Command<Model, Real> {
  check = () => true
  run(md: Model, r: Real) {
    const c = new Plan.CreatePlan({
      ...m(r),
      kind: r.plan.kind,
      period: r.plan.period,
      title: r.plan.kind === "monthly" ? "Ежемесячный план" : "План реализации Послания"
    })
    if (md.created) return reject(r, c, "LifecycleViolation", "alreadyCreated")
    accept(r, c)
    md.created = true
    check(md, r)
  }
  toString = () => "Create"
}
export class Add implements fc.Command<Model, Real> {
  /** Scheduling is for activities of a monthly plan; a measure is always added. */
  readonly schedule: boolean
  constructor(
    readonly k: number,
    schedule: boolean,
    readonly kind: Plan.PlanKind = "monthly"
  ) {
    this.schedule = schedule && kind === "monthly"
  }
  check = (md: Readonly<Model>) => md.created && (this.schedule ? md.status !== "closed" : editable(md))
  run(md: Model, r: Real) {
    const a = activityAt(r, this.k)
    if (md.working.has(a.id)) {
      reject(r, new Plan.AddNode({ ...m(r), node: a }), editable(md) ? "NodeRuleViolation" : "LifecycleViolation")
      return
    }
    if (this.schedule && a._tag === "Activity" && md.inForce.has(a.id)) {
      // in force but taken out of the open amendment: scheduling it again would put it in force twice
      reject(r, new Plan.ScheduleActivity({ ...m(r), activity: a }), "NodeRuleViolation", "duplicateId")
      return
    }
    accept(
      r,
      this.schedule && a._tag === "Activity"
        ? new Plan.ScheduleActivity({ ...m(r), activity: a })
        : new Plan.AddNode({ ...m(r), node: a })
    )
    md.working.add(a.id)
    if (this.schedule && md.status !== "draft") md.inForce.add(a.id)
    check(md, r)
  }
  toString = () => `${this.schedule ? "Schedule" : "Add"}(${this.k})`
}
export class Remove implements fc.Command<Model, Real> {
  constructor(readonly k: number) {}
  check = (md: Readonly<Model>) => md.created && editable(md) && md.working.size > 0
  run(md: Model, r: Real) {
    const id = [...md.working][this.k % md.working.size]!
    accept(
      r,
      new Plan.RemoveNode({
        ...m(r),
        ref: new N.NodeRef({ kind: r.plan.kind === "address" ? "Measure" : "Activity", id })
      })
    )
    md.working.delete(id)
    check(md, r)
  }
  toString = () => `Remove(${this.k})`
}
export class Approve implements fc.Command<Model, Real> {
  /** An act numbered from a small set (numbers repeat) and dated a random number of days into the plan's month (dates may go back). */
  constructor(
    readonly number: number,
    readonly offset: number
  ) {}
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
export class Amend implements fc.Command<Model, Real> {
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
export class Close implements fc.Command<Model, Real> {
  check = (md: Readonly<Model>) => md.created
  run(md: Model, r: Real) {
    const c = new Plan.ClosePlan({
      ...m(r),
      results: new Plan.ClosingResults({ summary: "План выполнен", results: [] })
    })
    if (md.status !== "approved") return reject(r, c, "LifecycleViolation")
    accept(r, c)
    md.status = "closed"
    check(md, r)
  }
  toString = () => "Close"
}

/** True one time in five. */
export const rarely = fc.integer({ min: 0, max: 4 }).map((x) => x === 0)

/**
 * The command sequences of a lifecycle run: create, add (twice as likely),
 * remove, approve, amend, rarely close, and the plan kind's report command
 * (three times as likely, so that sequences live long enough for amendments
 * and follow-ups).
 */
export const lifecycleCommands = (
  add: fc.Arbitrary<fc.Command<Model, Real>>,
  report: fc.Arbitrary<fc.Command<Model, Real>>
) =>
  fc.commands(
    [
      fc.constant(new Create()),
      add,
      add,
      fc.nat().map((k) => new Remove(k)),
      fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 20 }))
        .map(([n, offset]) => new Approve(n, offset)),
      fc.constant(new Amend()),
      rarely.map((close) => (close ? new Close() : new Amend())),
      report,
      report,
      report
    ],
    { maxCommands: 40, size: "max" }
  )

/** Runs commands on a plan (opened first) against the model, under the upper plans' context. */
export const runModel = (upper: H.Context, plan: PA.PlanSplit, cmds: Iterable<fc.Command<Model, Real>>) =>
  fc.modelRun((): { model: Model; real: Real } => {
    const model: Model = {
      created: false,
      status: "draft",
      versions: [],
      working: new Set(),
      inForce: new Set(),
      reported: new Map(),
      executions: new Map(),
      moved: new Map()
    }
    const real: Real = { decider: Plan.decider(upper), plan, state: Plan.initialState, events: [] }
    new Create().run(model, real)
    return { model, real }
  }, cmds)
