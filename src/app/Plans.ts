/**
 * The planning use cases: create a plan and run its commands under the
 * plans above it (the index of plans finds them, whoever wrote them: the
 * HTTP API, the importer or the demo) and with what lies below it; read a
 * plan (the version in force on a day), the activities of a month, the
 * control view of a day.
 *
 * @module
 */
import { Effect, Option } from "effect"
import type { ActorId, DivisionId, PlanId } from "../kernel/Ids.js"
import * as Organisation from "../kernel/Organisation.js"
import type * as Period from "../kernel/Period.js"
import type { Day, Month } from "../kernel/Period.js"
import * as Control from "../planning/Control.js"
import * as Plan from "../planning/Plan.js"
import * as PlanRecords from "../planning/PlanRecords.js"
import type * as Report from "../planning/Report.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import * as Access from "./Access.js"
import { CityContext, now, today } from "./City.js"
import { notFound, RecordNotFound } from "./Errors.js"
import type { Principal } from "./Principal.js"

const denied = (e: ReturnType<typeof Access.require>) => (e._tag === "Left" ? Effect.fail(e.left) : Effect.void)

/** A plan as a use case answers it: its state and stream version, and the version in force on a day when asked for. */
export interface Answer {
  readonly state: Plan.Opened
  readonly streamVersion: number
  /** The approved version shown: the latest, or the one in force on `on`. */
  readonly version: Plan.Version | undefined
  readonly on?: Day
}

/** Loads an opened plan (one never created is `RecordNotFound`). */
export const load = (plan: string) =>
  Effect.flatMap(CommandHandler.load(PlanRecords.definition, plan), (l) =>
    l.state._tag === "Opened"
      ? Effect.succeed({ state: l.state, version: l.version })
      : Effect.fail(notFound("plan", plan))
  )

const answerOf = (st: Plan.Opened, streamVersion: number, on?: Day) => {
  const version =
    on === undefined ? st.versions[st.versions.length - 1] : Option.getOrUndefined(Plan.approvedAt(st, on))
  if (on !== undefined && version === undefined)
    return Effect.fail(
      new RecordNotFound({
        what: "planVersion",
        id: `${st.id}@${on}`,
        message: `plan ${st.id} had no approved version in force on ${on}`
      })
    )
  const answer: Answer = { state: st, streamVersion, version, ...(on !== undefined ? { on } : {}) }
  return Effect.succeed(answer)
}

const keyOptions = (p: Principal, key: string | undefined) =>
  key === undefined ? {} : { idempotencyKey: Access.scopedKey(p, key) }

const run = (p: Principal, plan: string, kind: Plan.PlanKind, period: Period.Period, cmd: Plan.Command, key?: string) =>
  Effect.gen(function* () {
    const upper = yield* PlanRecords.upperFor(kind, period)
    // what lies below a removed or replaced node (an amendment's approval) is read from the plan links before deciding
    const r = yield* PlanRecords.handle(upper, plan, cmd, keyOptions(p, key))
    if (r.state._tag !== "Opened") return yield* Effect.fail(notFound("plan", plan))
    return yield* answerOf(r.state, r.version)
  })

/** What every plan command carries. */
export interface Common {
  readonly plan: PlanId
  readonly at: Date
  readonly actor: ActorId
}

/** Creates a plan under the plans above it. */
export const create = (p: Principal, fields: Omit<Plan.CreatePlan, "_tag" | "at" | "actor">, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writePlan"))
    return yield* run(
      p,
      fields.plan,
      fields.kind,
      fields.period,
      Plan.CreatePlan.make({ ...fields, at: yield* now, actor: p.subject }),
      key
    )
  })

/** Runs a command on an existing plan (clerks and administrators). */
export const command = (p: Principal, plan: PlanId, make: (common: Common) => Plan.Command, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writePlan"))
    const l = yield* load(plan)
    return yield* run(p, plan, l.state.kind, l.state.period, make({ plan, at: yield* now, actor: p.subject }), key)
  })

/** Submits a division's monthly report: a division head for their own division only. */
export const submitMonthlyReport = (p: Principal, plan: PlanId, report: Report.MonthlyReport, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "submitMonthlyReport"))
    yield* denied(Access.ownDivision(p, "submitMonthlyReport", report.division, `the report of ${report.division}`))
    const l = yield* load(plan)
    return yield* run(
      p,
      plan,
      l.state.kind,
      l.state.period,
      Plan.SubmitMonthlyReport.make({ plan, report, at: yield* now, actor: p.subject }),
      key
    )
  })

/** Reads a plan: the latest approved version, or the one in force on a day. */
export const read = (p: Principal, plan: string, on?: Day) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readPlan"))
    const l = yield* load(plan)
    return yield* answerOf(l.state, l.version, on)
  })

/** The activities of a month, in the divisions the principal may list. */
export const activities = (p: Principal, month: Month, division?: DivisionId) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const controlled = Access.controlledBy(p, city.organisation, yield* today)
    const divisions = yield* Access.listScope(p, "listActivities", division, controlled)
    const items =
      divisions === undefined
        ? yield* PlanRecords.activitiesIn(month)
        : (yield* Effect.forEach(divisions, (d) => PlanRecords.activitiesIn(month, { division: d }))).flat()
    return items
  })

const noDuty = (day: Day) => new Organisation.DutyDistribution({ from: day, to: day, assignments: [] })

/**
 * The control view of a day over every monthly and Address plan in the
 * index: overdue, due this month, done late — each row with its
 * controlling deputy mayor; a controller sees the rows they control.
 */
export const control = (p: Principal, on: Day) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readControlView"))
    const city = yield* CityContext
    const states: Array<Plan.State> = []
    for (const kind of ["monthly", "address"] as const) {
      for (const row of yield* PlanRecords.plansOfKind(kind)) {
        states.push((yield* CommandHandler.load(PlanRecords.definition, row.plan)).state)
      }
    }
    const v = Control.view(Control.itemsOf(states), city.organisation?.duty ?? noDuty(on), on)
    if (p.role !== "controller" || city.organisation === undefined) return v
    const mine = (r: Control.ControlRow) => r.controller !== undefined && r.controller === p.official
    return new Control.ControlView({
      day: v.day,
      overdue: v.overdue.filter(mine),
      dueThisMonth: v.dueThisMonth.filter(mine),
      doneLate: v.doneLate.filter(mine)
    })
  })
