/**
 * The plan aggregate: one decider for every kind of plan, one event stream
 * per plan (keyed by its `PlanId`):
 *
 * - `strategic`: the strategic plan over a horizon (`2021..2030`) — its
 *   directions, goals, municipal target programs and their indicators;
 * - `annual`: the annual plan of main activities of a year — plan items
 *   linked to programs or goals, with indicators;
 * - `monthly`: the monthly plan of a month, for every division — activities,
 *   and the divisions' monthly reports on them (with follow-ups in later
 *   months on the activities a report moved);
 * - `address`: an Address implementation plan — measures and quarterly
 *   reports.
 *
 * Lifecycle: draft -> approved (act number and date, version 1) -> amending
 * -> approved again (version n+1) ... -> closed with results. An approval
 * snapshots the nodes into a new {@link Version}; versions are never
 * rewritten, so the version in force on any day is {@link approvedAt}.
 * Activities arising from meetings, instructions, recommendations or Duma
 * decisions enter a monthly plan by {@link ScheduleActivity}, which works
 * on an approved plan too (the approved versions stay as they were; the
 * activity is in force from the event).
 *
 * Links to plans above (an annual item to a program, an activity to an
 * annual item) are checked against a {@link Hierarchy.Context} given when the
 * decider is made: the application reads it from the upper plans' streams.
 * What the other plans in force link below this plan's nodes is a
 * {@link Hierarchy.Below} (read for the keys {@link keysBelow} names; in
 * storage, `PlanRecords.handle` does it): removing or replacing a node, or
 * approving an amendment that does, never orphans work in another plan.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Decider, Planning } from "cityhall"
 *
 * const decider = Planning.Plan.decider()
 * declare const commands: ReadonlyArray<Planning.Plan.Command>
 * const result = Decider.run(decider, commands) // Either<{ events, state }, PlanError>
 * ```
 *
 * @module
 */
import { Either, Option, ParseResult, Schema } from "effect"
import type { Decider } from "../kernel/Decider.js"
import { ActorId, PlanId, RecordOf } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import * as P from "../kernel/Period.js"
import { Day, Period } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import {
  ExtraReportEntry,
  InvalidPlanCommand,
  LifecycleViolation,
  MissingReportEntry,
  NodeRuleViolation,
  type PlanError,
  ReportRuleViolation
} from "./Errors.js"
import type { LifecycleRule, ReportRule } from "./Errors.js"
import * as H from "./Hierarchy.js"
import * as I from "./Indicator.js"
import { keyOfLink } from "./Link.js"
import { Actual } from "./Indicator.js"
import * as N from "./Node.js"
import { Activity, Node, NodeRef } from "./Node.js"
import { Execution, MonthlyReport, QuarterlyReport } from "./Report.js"
import type { Entry } from "./Report.js"
import * as Decode from "../kernel/Decode.js"

// ---- data -------------------------------------------------------------------

/** The kinds of plan. */
export const PlanKind = Schema.Literal("strategic", "annual", "monthly", "address")
/** @see PlanKind */
export type PlanKind = typeof PlanKind.Type

/** The node kinds each kind of plan holds. */
export const NODE_KINDS: Readonly<Record<PlanKind, ReadonlyArray<N.NodeKind>>> = {
  strategic: ["Direction", "Goal", "Program", "Indicator"],
  annual: ["PlanItem", "Indicator"],
  monthly: ["Activity"],
  address: ["Measure"]
}

/** The approving act (распоряжение/постановление): its number and date. */
export class Act extends Schema.Class<Act>("Act")({ number: Name, date: Day }) {}

/** The lifecycle status of a plan. */
export const Status = Schema.Literal("draft", "approved", "amending", "closed")
/** @see Status */
export type Status = typeof Status.Type

/** An approved version of a plan: its number, act and nodes as approved. */
export class Version extends Schema.Class<Version>("PlanVersion")({
  number: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  act: Act,
  nodes: Schema.Array(Node)
}) {}

/** The results a plan is closed with. */
export class ClosingResults extends Schema.Class<ClosingResults>("ClosingResults")({
  summary: Name,
  results: Schema.Array(Name)
}) {}

// ---- commands ---------------------------------------------------------------

const meta = { plan: PlanId, at: Instant, actor: ActorId }

/** Opens a plan's stream as a draft. */
export class CreatePlan extends Schema.TaggedClass<CreatePlan>()("CreatePlan", {
  ...meta,
  kind: PlanKind,
  period: Period,
  title: Name
}) {}
/** Adds a node to a draft or an amendment. */
export class AddNode extends Schema.TaggedClass<AddNode>()("AddNode", { ...meta, node: Node }) {}
/** Replaces a node (same kind and id) in a draft or an amendment. */
export class ReplaceNode extends Schema.TaggedClass<ReplaceNode>()("ReplaceNode", { ...meta, node: Node }) {}
/** Removes a node no other node of the plan links to, in a draft or an amendment. */
export class RemoveNode extends Schema.TaggedClass<RemoveNode>()("RemoveNode", { ...meta, ref: NodeRef }) {}
/**
 * Schedules an activity in a monthly plan in any state but closed: the entry
 * point for activities from meetings, instructions, recommendations and
 * Duma decisions (the activity's `origin` says which).
 */
export class ScheduleActivity extends Schema.TaggedClass<ScheduleActivity>()("ScheduleActivity", {
  ...meta,
  activity: Activity
}) {}
/** Approves a draft or an amendment by an act. */
export class ApprovePlan extends Schema.TaggedClass<ApprovePlan>()("ApprovePlan", { ...meta, act: Act }) {}
/** Opens an amendment of an approved plan. */
export class StartAmendment extends Schema.TaggedClass<StartAmendment>()("StartAmendment", { ...meta, reason: Name }) {}
/** Closes an approved plan with its results. */
export class ClosePlan extends Schema.TaggedClass<ClosePlan>()("ClosePlan", { ...meta, results: ClosingResults }) {}
/** Records an indicator's actual value for a period. */
export class RecordIndicatorActual extends Schema.TaggedClass<RecordIndicatorActual>()("RecordIndicatorActual", {
  ...meta,
  actual: Actual
}) {}
/**
 * Submits a division's monthly report on a monthly plan: on the plan's month,
 * or later a follow-up on the activities moved into a later month (see
 * {@link monthlyReportScope}).
 */
export class SubmitMonthlyReport extends Schema.TaggedClass<SubmitMonthlyReport>()("SubmitMonthlyReport", {
  ...meta,
  report: MonthlyReport
}) {}
/** Submits a quarterly report on an Address implementation plan. */
export class SubmitQuarterlyReport extends Schema.TaggedClass<SubmitQuarterlyReport>()("SubmitQuarterlyReport", {
  ...meta,
  report: QuarterlyReport
}) {}

/** Every command of a plan. */
export const Command = Schema.Union(
  CreatePlan,
  AddNode,
  ReplaceNode,
  RemoveNode,
  ScheduleActivity,
  ApprovePlan,
  StartAmendment,
  ClosePlan,
  RecordIndicatorActual,
  SubmitMonthlyReport,
  SubmitQuarterlyReport
)
/** @see Command */
export type Command = typeof Command.Type

// ---- events -----------------------------------------------------------------

/** A plan was opened as a draft. */
export class PlanCreated extends Schema.TaggedClass<PlanCreated>()("PlanCreated", {
  ...meta,
  kind: PlanKind,
  period: Period,
  title: Name
}) {}
/** A node was added to the working nodes. */
export class NodeAdded extends Schema.TaggedClass<NodeAdded>()("NodeAdded", { ...meta, node: Node }) {}
/** A node of the working nodes was replaced. */
export class NodeReplaced extends Schema.TaggedClass<NodeReplaced>()("NodeReplaced", { ...meta, node: Node }) {}
/** A node was removed from the working nodes. */
export class NodeRemoved extends Schema.TaggedClass<NodeRemoved>()("NodeRemoved", { ...meta, ref: NodeRef }) {}
/** An activity was scheduled (in force at once when the plan is approved or being amended). */
export class ActivityScheduled extends Schema.TaggedClass<ActivityScheduled>()("ActivityScheduled", {
  ...meta,
  activity: Activity
}) {}
/** The working nodes were approved as a new version. */
export class PlanApproved extends Schema.TaggedClass<PlanApproved>()("PlanApproved", {
  ...meta,
  act: Act,
  version: Schema.Int
}) {}
/** An amendment was opened. */
export class AmendmentStarted extends Schema.TaggedClass<AmendmentStarted>()("AmendmentStarted", {
  ...meta,
  reason: Name
}) {}
/** The plan was closed with results. */
export class PlanClosed extends Schema.TaggedClass<PlanClosed>()("PlanClosed", { ...meta, results: ClosingResults }) {}
/** An indicator's actual was recorded. */
export class IndicatorActualRecorded extends Schema.TaggedClass<IndicatorActualRecorded>()("IndicatorActualRecorded", {
  ...meta,
  actual: Actual
}) {}
/** A division's monthly report was accepted. */
export class MonthlyReportSubmitted extends Schema.TaggedClass<MonthlyReportSubmitted>()("MonthlyReportSubmitted", {
  ...meta,
  report: MonthlyReport
}) {}
/** A quarterly Address report was accepted. */
export class QuarterlyReportSubmitted extends Schema.TaggedClass<QuarterlyReportSubmitted>()(
  "QuarterlyReportSubmitted",
  { ...meta, report: QuarterlyReport }
) {}

/** Every event of a plan. */
export const Event = Schema.Union(
  PlanCreated,
  NodeAdded,
  NodeReplaced,
  NodeRemoved,
  ActivityScheduled,
  PlanApproved,
  AmendmentStarted,
  PlanClosed,
  IndicatorActualRecorded,
  MonthlyReportSubmitted,
  QuarterlyReportSubmitted
)
/** @see Event */
export type Event = typeof Event.Type

// ---- state ------------------------------------------------------------------

/** The state of a stream with no events. */
export class Unopened extends Schema.TaggedClass<Unopened>()("Unopened", {}) {}

/** The state of an opened plan. */
export class Opened extends Schema.TaggedClass<Opened>()("Opened", {
  id: PlanId,
  kind: PlanKind,
  period: Period,
  title: Name,
  /** When the plan was created (its `PlanCreated`): a report as of an earlier day does not show it. */
  createdAt: Instant,
  status: Status,
  /** The working nodes: what the next approval will snapshot. */
  nodes: Schema.Array(Node),
  /** The nodes in force: the last approved version plus activities scheduled since. */
  inForce: Schema.Array(Node),
  versions: Schema.Array(Version),
  /** The latest reported execution of each activity or measure, by id. */
  executions: RecordOf(Execution),
  monthlyReports: Schema.Array(MonthlyReport),
  quarterlyReports: Schema.Array(QuarterlyReport),
  actuals: Schema.Array(Actual),
  results: Schema.optionalWith(ClosingResults, { exact: true })
}) {}

/** The state of a plan stream. */
export const State = Schema.Union(Unopened, Opened)
/** @see State */
export type State = typeof State.Type

/** The initial state. */
export const initialState: State = new Unopened()

// ---- queries ----------------------------------------------------------------

const indexCache = new WeakMap<ReadonlyArray<N.Node>, Map<string, N.Node>>()
/** The nodes of an array by key (memoised on the array, which is never mutated). */
const indexOf = (nodes: ReadonlyArray<N.Node>): Map<string, N.Node> => {
  let m = indexCache.get(nodes)
  if (m === undefined) {
    m = new Map(nodes.map((n) => [N.keyOf(n), n]))
    indexCache.set(nodes, m)
  }
  return m
}

/**
 * The version approved and in force on a day: the last version whose act is
 * dated on or before it. Amendments never rewrite earlier versions, so any
 * past day's plan is reconstructible.
 */
export const approvedAt = (state: State, day: P.Day): Option.Option<Version> => {
  if (state._tag === "Unopened") return Option.none()
  let found: Version | undefined
  for (const v of state.versions) if (v.act.date <= day) found = v
  return Option.fromNullable(found)
}

/** The activities in force of a monthly plan (or the measures of an Address plan). */
export const activitiesInForce = (state: State): ReadonlyArray<N.Activity | N.Measure> =>
  state._tag === "Unopened"
    ? []
    : state.inForce.filter((n): n is N.Activity | N.Measure => n._tag === "Activity" || n._tag === "Measure")

/** The latest reported execution of an activity or measure. */
export const executionOf = (state: State, id: string): Option.Option<Execution> =>
  state._tag === "Unopened" ? Option.none() : Option.fromNullable(state.executions[id])

const movedCache = new WeakMap<Opened, ReadonlyMap<string, P.Day>>()
/**
 * The new deadline of each activity or measure that a report moved: the
 * latest move counts, and it stays in force when a later report says done,
 * partly done or not done (the move is history, not a status).
 */
export const movedDeadlines = (state: State): ReadonlyMap<string, P.Day> => {
  if (state._tag === "Unopened") return new Map()
  let m = movedCache.get(state)
  if (m === undefined) {
    const out = new Map<string, P.Day>()
    for (const r of [...state.monthlyReports, ...state.quarterlyReports]) {
      for (const e of r.entries) if (e.execution._tag === "Moved") out.set(e.activity, e.execution.newDeadline)
    }
    m = out
    movedCache.set(state, m)
  }
  return m
}

/** The deadline in force of an activity or measure of a plan: the new deadline of the latest report that moved it, or the planned one. */
export const deadlineOf = (state: State, activity: N.Activity | N.Measure): P.Day =>
  movedDeadlines(state).get(activity.id) ?? activity.deadline

/** The tree of the nodes in force in several plan streams, under a horizon. */
export const treeOf = (horizon: P.Horizon, states: Iterable<State>): H.PlanTree => {
  const nodes: Array<N.Node> = []
  for (const s of states) if (s._tag === "Opened") nodes.push(...s.inForce)
  return new H.PlanTree({ horizon, nodes })
}

// ---- decide -----------------------------------------------------------------

const lifecycle = (plan: string, rule: LifecycleRule, message: string) =>
  Either.left(new LifecycleViolation({ plan, rule, message }))
const nodeError = (node: N.Node | NodeRef, rule: NodeRuleViolation["rule"], message: string) =>
  Either.left(new NodeRuleViolation({ node: "_tag" in node ? N.refOf(node) : node, rule, message }))
const reportError = (plan: PlanId, rule: ReportRule, subject: string, message: string) =>
  Either.left(new ReportRuleViolation({ plan, rule, subject, message }))

type Result = Either.Either<ReadonlyArray<Event>, PlanError>
const ok = (...events: ReadonlyArray<Event>): Result => Either.right(events)

const PERIOD_KINDS: Readonly<Record<PlanKind, ReadonlyArray<P.PeriodKind>>> = {
  strategic: ["horizon"],
  annual: ["year"],
  monthly: ["month"],
  address: ["year", "horizon"]
}

const contextFor = (state: Opened, upper: H.Context): H.Context => {
  const own = indexOf(state.nodes)
  return H.layered((k) => own.get(k), upper, state.kind === "strategic" ? (state.period as P.Horizon) : undefined)
}

/** The rules a node must meet to stand in a plan (besides uniqueness). */
const checkInPlan = (state: Opened, ctx: H.Context, node: N.Node): Either.Either<void, NodeRuleViolation> => {
  if (!NODE_KINDS[state.kind].includes(node._tag)) {
    return nodeError(
      node,
      "kindNotInPlan",
      `a ${state.kind} plan holds no ${node._tag} (it holds ${NODE_KINDS[state.kind].join(", ")})`
    )
  }
  const own = N.periodOf(node, state.period as P.Horizon)
  if (node._tag !== "Direction" && node._tag !== "Goal" && own !== undefined) {
    const fits = node._tag === "Activity" ? node.month === state.period : P.containsPeriod(state.period, own)
    if (!fits)
      return nodeError(
        node,
        "periodOutsidePlan",
        `${node._tag} ${N.idOf(node)} over ${own} does not lie in the plan's period ${state.period}`
      )
  }
  const v = H.checkNode(ctx, node)
  return v === undefined ? Either.right(undefined) : Either.left(v)
}

const addChecks = (state: Opened, upper: H.Context, node: N.Node): Either.Either<void, PlanError> => {
  const ctx = contextFor(state, upper)
  if (ctx.get(N.keyOf(node)) !== undefined)
    return nodeError(node, "duplicateId", `${node._tag} ${N.idOf(node)} already exists`)
  return checkInPlan(state, ctx, node)
}

/** A node of the plan in force that a change removes (`now` undefined) or replaces. */
interface Change {
  readonly key: string
  readonly ref: NodeRef
  readonly now: N.Node | undefined
}

/**
 * Checks that changing nodes in force leaves nothing below broken: a removed
 * node that another plan's node still refers to is `stillLinked`; below a
 * replaced node, every descendant (in this plan or below it) is checked
 * again with the replacement in place, and the first that breaks a rule is
 * named with that rule.
 */
const checkBelow = (
  s: Opened,
  upper: H.Context,
  below: H.Below,
  working: ReadonlyArray<N.Node>,
  changes: ReadonlyArray<Change>
): Either.Either<void, NodeRuleViolation> => {
  for (const c of changes) {
    if (c.now !== undefined) continue
    const child = below.linkedTo(c.key)[0]
    if (child !== undefined) {
      return nodeError(
        c.ref,
        "stillLinked",
        `${c.ref.kind} ${c.ref.id} cannot be removed from plan ${s.id}: ${child._tag} ${N.idOf(child)} of another plan in force links to it`
      )
    }
  }
  const replaced = changes.filter((c) => c.now !== undefined)
  if (replaced.length === 0) return Either.right(undefined)
  const ownBelow = H.belowOf(working)
  const both: H.Below = { linkedTo: (k) => [...ownBelow.linkedTo(k), ...below.linkedTo(k)] }
  const own = indexOf(working)
  const lower = new Map<string, N.Node>()
  const found: Array<readonly [Change, N.Node]> = []
  for (const c of replaced) {
    for (const n of H.descendants(both, c.key)) {
      if (!own.has(N.keyOf(n))) lower.set(N.keyOf(n), n)
      found.push([c, n])
    }
  }
  const ctx = H.layered(
    (k) => own.get(k) ?? lower.get(k),
    upper,
    s.kind === "strategic" ? (s.period as P.Horizon) : undefined
  )
  for (const [c, n] of found) {
    const v = H.checkNode(ctx, own.get(N.keyOf(n)) ?? n)
    if (v !== undefined)
      return Either.left(
        new NodeRuleViolation({
          node: v.node,
          rule: v.rule,
          message: `replacing ${c.ref.kind} ${c.ref.id} in plan ${s.id} breaks a node below it: ${v.message}`
        })
      )
  }
  return Either.right(undefined)
}

/** The nodes in force that the working nodes remove or replace (what an approval of an amendment changes). */
const changesOf = (s: Opened): ReadonlyArray<Change> => {
  const work = indexOf(s.nodes)
  const out: Array<Change> = []
  for (const n of s.inForce) {
    const k = N.keyOf(n)
    const w = work.get(k)
    if (w !== n) out.push({ key: k, ref: N.refOf(n), now: w })
  }
  return out
}

/**
 * The keys whose {@link H.Below} facts a command needs (the nodes in force
 * it removes or replaces; for an approval, those its amendment removes or
 * replaces). An application reads what lies below these keys, transitively,
 * from the other plans before deciding; for any other command it is empty.
 */
export const keysBelow = (c: Command, s: State): ReadonlyArray<string> => {
  if (s._tag === "Unopened" || s.inForce.length === 0 || c.plan !== s.id) return []
  const force = indexOf(s.inForce)
  switch (c._tag) {
    case "RemoveNode": {
      const k = N.key(c.ref.kind, c.ref.id)
      return force.has(k) ? [k] : []
    }
    case "ReplaceNode": {
      const k = N.keyOf(c.node)
      return force.has(k) ? [k] : []
    }
    case "ApprovePlan":
      return changesOf(s).map((x) => x.key)
    default:
      return []
  }
}

const editable = (state: Opened): Either.Either<void, LifecycleViolation> =>
  state.status === "draft" || state.status === "amending"
    ? Either.right(undefined)
    : lifecycle(
        state.id,
        "notEditable",
        `plan ${state.id} is ${state.status}: nodes change only in a draft or an amendment`
      )

const inForceOrAmending = (state: Opened): Either.Either<void, LifecycleViolation> =>
  state.status === "approved" || state.status === "amending"
    ? Either.right(undefined)
    : lifecycle(
        state.id,
        "notApproved",
        `plan ${state.id} is ${state.status}: reports and actuals need an approved plan`
      )

const kindIs = (state: Opened, kind: PlanKind): Either.Either<void, LifecycleViolation> =>
  state.kind === kind
    ? Either.right(undefined)
    : lifecycle(state.id, "wrongPlanKind", `plan ${state.id} is a ${state.kind} plan, not a ${kind} plan`)

/** The indicators visible from a plan: its own in force, then the upper context. */
const findIndicator = (state: Opened, upper: H.Context, id: string): I.Indicator | undefined => {
  const k = N.key("Indicator", id)
  const n = indexOf(state.inForce).get(k) ?? upper.get(k)
  return n !== undefined && n._tag === "Indicator" ? n.indicator : undefined
}

/** The period of the node an indicator is attached to, when that node and the horizon are known. */
const indicatorNodePeriod = (state: Opened, upper: H.Context, ind: I.Indicator): P.Period | undefined => {
  const k = keyOfLink(ind.attachedTo)
  const owner = indexOf(state.inForce).get(k) ?? upper.get(k)
  const horizon = state.kind === "strategic" ? (state.period as P.Horizon) : upper.horizon
  return owner === undefined || horizon === undefined ? undefined : N.periodOf(owner, horizon)
}

const checkActuals = (
  state: Opened,
  upper: H.Context,
  actuals: ReadonlyArray<Actual>
): Either.Either<void, PlanError> => {
  const seen = new Set(state.actuals.map((a) => `${a.indicator}@${a.period}`))
  for (const a of actuals) {
    const ind = findIndicator(state, upper, a.indicator)
    if (ind === undefined)
      return reportError(
        state.id,
        "unknownIndicator",
        a.indicator,
        `indicator ${a.indicator} is not defined in this plan or the plans above`
      )
    if (!I.valueFits(ind, a.value))
      return reportError(
        state.id,
        "valueKindMismatch",
        a.indicator,
        `indicator ${a.indicator} is ${ind._tag === "NumericIndicator" ? "numeric" : "qualitative"}; the value is not`
      )
    const nodePeriod = indicatorNodePeriod(state, upper, ind)
    if (nodePeriod !== undefined && !P.containsPeriod(nodePeriod, a.period)) {
      return reportError(
        state.id,
        "actualOutsideNode",
        a.indicator,
        `indicator ${a.indicator} has an actual for ${a.period}, outside its node's period ${nodePeriod}`
      )
    }
    const k = `${a.indicator}@${a.period}`
    if (seen.has(k))
      return reportError(
        state.id,
        "duplicateActual",
        a.indicator,
        `indicator ${a.indicator} already has an actual for ${a.period}`
      )
    seen.add(k)
  }
  return Either.right(undefined)
}

/**
 * Checks that a report's entries cover exactly the expected activities, in
 * order: duplicates, extras, then missing ones. A move must be later than
 * the deadline in force; a completion must not be after the reported period.
 */
const checkCoverage = (
  state: Opened,
  division: N.Activity["division"] | undefined,
  entries: ReadonlyArray<Entry>,
  expected: ReadonlyArray<N.Activity | N.Measure>,
  periodEnd: P.Day,
  what: string
): Either.Either<void, PlanError> => {
  const plan = state.id
  const byId = new Map(expected.map((a) => [a.id as string, a]))
  const seen = new Set<string>()
  const div = division === undefined ? {} : { division }
  for (const e of entries) {
    if (seen.has(e.activity))
      return reportError(plan, "duplicateEntry", e.activity, `${what} has two entries for ${e.activity}`)
    seen.add(e.activity)
    const a = byId.get(e.activity)
    if (a === undefined) {
      return Either.left(
        new ExtraReportEntry({
          plan,
          ...div,
          activity: e.activity,
          message: `${what} has an entry for ${e.activity}, which it does not cover`
        })
      )
    }
    const x = e.execution
    if (x._tag === "Moved" && x.newDeadline <= deadlineOf(state, a)) {
      return reportError(
        plan,
        "moveNotLater",
        e.activity,
        `${e.activity} is moved to ${x.newDeadline}, not after its deadline ${deadlineOf(state, a)}`
      )
    }
    if (x._tag === "Done" && x.completedOn > periodEnd) {
      return reportError(
        plan,
        "doneAfterPeriod",
        e.activity,
        `${e.activity} is reported done on ${x.completedOn}, after the reported period ends on ${periodEnd}`
      )
    }
  }
  for (const a of expected) {
    if (!seen.has(a.id))
      return Either.left(
        new MissingReportEntry({ plan, ...div, activity: a.id, message: `${what} has no entry for ${a.id}` })
      )
  }
  return Either.right(undefined)
}

/** The month a division's monthly report on a plan is about. */
const reportedMonth = (state: Opened, r: MonthlyReport): P.Month => r.month ?? (state.period as P.Month)

/**
 * The activities a division's monthly report on a monthly plan must cover
 * for a month. For the plan's own month: every activity of the division in
 * force. For a later month (a follow-up, after the division reported on the
 * plan's month): those not reported yet, and those whose latest execution
 * is `Moved` with a new deadline on or before the end of that month. Reports
 * of a division on one plan go month by month, one per month.
 */
export const monthlyReportScope = (
  state: Opened,
  division: N.Activity["division"],
  month: P.Month
): Either.Either<ReadonlyArray<N.Activity | N.Measure>, ReportRuleViolation> => {
  const mine = state.monthlyReports.filter((x) => x.division === division)
  const last = mine[mine.length - 1]
  const lastMonth = last === undefined ? undefined : reportedMonth(state, last)
  if (lastMonth === month) {
    return Either.left(
      new ReportRuleViolation({
        plan: state.id,
        rule: "alreadySubmitted",
        subject: division,
        message: `division ${division} has already reported on plan ${state.id} for ${month}`
      })
    )
  }
  if (month < state.period) {
    return Either.left(
      new ReportRuleViolation({
        plan: state.id,
        rule: "monthOutOfOrder",
        subject: division,
        message: `${month} is before the month of plan ${state.id} (${state.period})`
      })
    )
  }
  if (month > state.period && lastMonth === undefined) {
    return Either.left(
      new ReportRuleViolation({
        plan: state.id,
        rule: "monthOutOfOrder",
        subject: division,
        message: `division ${division} reports on ${month} before reporting on plan ${state.id}'s month ${state.period}`
      })
    )
  }
  if (lastMonth !== undefined && month < lastMonth) {
    return Either.left(
      new ReportRuleViolation({
        plan: state.id,
        rule: "monthOutOfOrder",
        subject: division,
        message: `division ${division} has already reported on plan ${state.id} for ${lastMonth}, after ${month}`
      })
    )
  }
  const own = activitiesInForce(state).filter((a) => a.division === division)
  if (month === state.period) return Either.right(own)
  const end = P.lastDay(month)
  return Either.right(
    own.filter((a) => {
      const x = state.executions[a.id]
      return x === undefined || (x._tag === "Moved" && x.newDeadline <= end)
    })
  )
}

const decideOpened = (upper: H.Context, below: H.Below, c: Exclude<Command, CreatePlan>, s: Opened): Result => {
  if (c.plan !== s.id)
    return lifecycle(c.plan, "notCreated", `command for plan ${c.plan} sent to the stream of plan ${s.id}`)
  if (s.status === "closed") return lifecycle(s.id, "closed", `plan ${s.id} is closed`)
  const m = { plan: c.plan, at: c.at, actor: c.actor }
  switch (c._tag) {
    case "AddNode":
      return Either.flatMap(editable(s), () =>
        Either.flatMap(addChecks(s, upper, c.node), () => ok(new NodeAdded({ ...m, node: c.node })))
      )
    case "ScheduleActivity": {
      const pre = kindIs(s, "monthly")
      if (Either.isLeft(pre)) return Either.left(pre.left)
      // an activity in force (perhaps taken out of an open amendment) is not scheduled a second time
      if (indexOf(s.inForce).has(N.keyOf(c.activity)))
        return nodeError(c.activity, "duplicateId", `Activity ${c.activity.id} is already in force in plan ${s.id}`)
      return Either.flatMap(addChecks(s, upper, c.activity), () =>
        ok(new ActivityScheduled({ ...m, activity: c.activity }))
      )
    }
    case "ReplaceNode": {
      const e = editable(s)
      if (Either.isLeft(e)) return Either.left(e.left)
      const k = N.keyOf(c.node)
      if (!indexOf(s.nodes).has(k))
        return nodeError(c.node, "unknownNode", `${c.node._tag} ${N.idOf(c.node)} is not in plan ${s.id}`)
      const replaced = s.nodes.map((n) => (N.keyOf(n) === k ? c.node : n))
      const ctx = H.layered(
        (key) => indexOf(replaced).get(key),
        upper,
        s.kind === "strategic" ? (s.period as P.Horizon) : undefined
      )
      const own = checkInPlan(s, ctx, c.node)
      if (Either.isLeft(own)) return Either.left(own.left)
      // every descendant in this plan, and (for a node in force) in the plans below, still stands under the replacement
      const b = checkBelow(s, upper, indexOf(s.inForce).has(k) ? below : H.nothingBelow, replaced, [
        { key: k, ref: N.refOf(c.node), now: c.node }
      ])
      if (Either.isLeft(b)) return Either.left(b.left)
      return ok(new NodeReplaced({ ...m, node: c.node }))
    }
    case "RemoveNode": {
      const e = editable(s)
      if (Either.isLeft(e)) return Either.left(e.left)
      const k = N.key(c.ref.kind, c.ref.id)
      if (!indexOf(s.nodes).has(k))
        return nodeError(c.ref, "unknownNode", `${c.ref.kind} ${c.ref.id} is not in plan ${s.id}`)
      const child = s.nodes.find(
        (n) =>
          N.parentKey(n) === k ||
          (n._tag === "Program" && c.ref.kind === "Goal" && n.alsoServes.includes(c.ref.id as N.Goal["id"]))
      )
      if (child !== undefined)
        return nodeError(
          c.ref,
          "hasChildren",
          `${c.ref.kind} ${c.ref.id} cannot be removed: ${child._tag} ${N.idOf(child)} links to it`
        )
      if (indexOf(s.inForce).has(k)) {
        const b = checkBelow(s, upper, below, s.nodes, [{ key: k, ref: c.ref, now: undefined }])
        if (Either.isLeft(b)) return Either.left(b.left)
      }
      return ok(new NodeRemoved({ ...m, ref: c.ref }))
    }
    case "ApprovePlan": {
      const e = editable(s)
      if (Either.isLeft(e))
        return lifecycle(s.id, "notAmendable", `plan ${s.id} is ${s.status}: only a draft or an amendment is approved`)
      if (s.nodes.length === 0) return lifecycle(s.id, "nothingToApprove", `plan ${s.id} has no nodes to approve`)
      const last = s.versions[s.versions.length - 1]
      if (last !== undefined && c.act.date < last.act.date) {
        return lifecycle(
          s.id,
          "actOutOfOrder",
          `act ${c.act.number} of ${c.act.date} is dated before the act of version ${last.number} (${last.act.date})`
        )
      }
      if (s.versions.some((v) => v.act.number === c.act.number)) {
        return lifecycle(
          s.id,
          "actNumberReused",
          `act number ${c.act.number} already approved a version of plan ${s.id}`
        )
      }
      // The plans above may have been amended since a node was added: every node approved still stands under them.
      const ctx = contextFor(s, upper)
      for (const n of s.nodes) {
        const v = H.checkNode(ctx, n)
        if (v !== undefined) return Either.left(v)
      }
      // Nothing in force below this plan loses its parent or its place in the parent's period.
      const b = checkBelow(s, upper, below, s.nodes, changesOf(s))
      if (Either.isLeft(b)) return Either.left(b.left)
      return ok(new PlanApproved({ ...m, act: c.act, version: s.versions.length + 1 }))
    }
    case "StartAmendment":
      return s.status === "approved"
        ? ok(new AmendmentStarted({ ...m, reason: c.reason }))
        : lifecycle(s.id, "notApproved", `plan ${s.id} is ${s.status}: only an approved plan is amended`)
    case "ClosePlan":
      return s.status === "approved"
        ? ok(new PlanClosed({ ...m, results: c.results }))
        : lifecycle(
            s.id,
            "notApproved",
            `plan ${s.id} is ${s.status}: only an approved plan (no open amendment) is closed`
          )
    case "RecordIndicatorActual":
      return Either.flatMap(inForceOrAmending(s), () =>
        Either.flatMap(checkActuals(s, upper, [c.actual]), () =>
          ok(new IndicatorActualRecorded({ ...m, actual: c.actual }))
        )
      )
    case "SubmitMonthlyReport": {
      const pre = Either.flatMap(kindIs(s, "monthly"), () => inForceOrAmending(s))
      if (Either.isLeft(pre)) return Either.left(pre.left)
      const r = c.report
      const month = r.month ?? (s.period as P.Month)
      const expected = monthlyReportScope(s, r.division, month)
      if (Either.isLeft(expected)) return Either.left(expected.left)
      const cov = checkCoverage(
        s,
        r.division,
        r.entries,
        expected.right,
        P.lastDay(month),
        `the report of ${r.division} for ${month} on plan ${s.id}`
      )
      if (Either.isLeft(cov)) return Either.left(cov.left)
      return Either.flatMap(checkActuals(s, upper, r.actuals), () =>
        ok(new MonthlyReportSubmitted({ ...m, report: r }))
      )
    }
    case "SubmitQuarterlyReport": {
      const pre = Either.flatMap(kindIs(s, "address"), () => inForceOrAmending(s))
      if (Either.isLeft(pre)) return Either.left(pre.left)
      const r = c.report
      if (!P.containsPeriod(s.period, r.quarter))
        return reportError(
          s.id,
          "quarterOutsidePlan",
          r.quarter,
          `${r.quarter} lies outside plan ${s.id} (${s.period})`
        )
      const last = s.quarterlyReports[s.quarterlyReports.length - 1]
      if (last !== undefined && r.quarter <= last.quarter) {
        return reportError(
          s.id,
          "quarterOutOfOrder",
          r.quarter,
          `${r.quarter} is not after the last reported quarter ${last.quarter}`
        )
      }
      const open = activitiesInForce(s).filter((a) => s.executions[a.id]?._tag !== "Done")
      return Either.flatMap(
        checkCoverage(s, undefined, r.entries, open, P.lastDay(r.quarter), `the report for ${r.quarter}`),
        () => ok(new QuarterlyReportSubmitted({ ...m, report: r }))
      )
    }
  }
}

/**
 * Decides a command against a state, with the upper plans as context and
 * what lies below (the nodes of other plans in force that link to this
 * plan's nodes; see {@link keysBelow}).
 */
export const decide =
  (upper: H.Context, below: H.Below = H.nothingBelow) =>
  (c: Command, s: State): Result => {
    if (c._tag === "CreatePlan") {
      if (s._tag === "Opened") return lifecycle(c.plan, "alreadyCreated", `plan ${c.plan} already exists`)
      const kind = P.kindOf(c.period)
      if (!PERIOD_KINDS[c.kind].includes(kind)) {
        return lifecycle(
          c.plan,
          "periodKind",
          `a ${c.kind} plan runs over a ${PERIOD_KINDS[c.kind].join(" or ")}, not a ${kind} (${c.period})`
        )
      }
      if (c.kind !== "strategic" && upper.horizon !== undefined && !P.containsPeriod(upper.horizon, c.period)) {
        return lifecycle(
          c.plan,
          "periodOutsideHorizon",
          `plan ${c.plan} over ${c.period} lies outside the strategic horizon ${upper.horizon}`
        )
      }
      return ok(
        new PlanCreated({ plan: c.plan, at: c.at, actor: c.actor, kind: c.kind, period: c.period, title: c.title })
      )
    }
    if (s._tag === "Unopened") return lifecycle(c.plan, "notCreated", `plan ${c.plan} does not exist`)
    return decideOpened(upper, below, c, s)
  }

// ---- evolve -----------------------------------------------------------------

/** Applies one event. */
export const evolve = (s: State, e: Event): State => {
  if (e._tag === "PlanCreated") {
    return new Opened({
      id: e.plan,
      kind: e.kind,
      period: e.period,
      title: e.title,
      createdAt: e.at,
      status: "draft",
      nodes: [],
      inForce: [],
      versions: [],
      executions: {},
      monthlyReports: [],
      quarterlyReports: [],
      actuals: []
    })
  }
  if (s._tag === "Unopened") return s
  const next = (patch: Partial<ConstructorParameters<typeof Opened>[0]>) => new Opened({ ...s, ...patch }, true)
  switch (e._tag) {
    case "NodeAdded":
      return next({ nodes: [...s.nodes, e.node] })
    case "NodeReplaced": {
      const k = N.keyOf(e.node)
      return next({ nodes: s.nodes.map((n) => (N.keyOf(n) === k ? e.node : n)) })
    }
    case "NodeRemoved": {
      const k = N.key(e.ref.kind, e.ref.id)
      return next({ nodes: s.nodes.filter((n) => N.keyOf(n) !== k) })
    }
    case "ActivityScheduled":
      return next({
        nodes: [...s.nodes, e.activity],
        inForce: s.status === "draft" ? s.inForce : [...s.inForce, e.activity]
      })
    case "PlanApproved":
      return next({
        status: "approved",
        inForce: s.nodes,
        versions: [...s.versions, new Version({ number: e.version, act: e.act, nodes: s.nodes }, true)]
      })
    case "AmendmentStarted":
      return next({ status: "amending" })
    case "PlanClosed":
      return next({ status: "closed", results: e.results })
    case "IndicatorActualRecorded":
      return next({ actuals: [...s.actuals, e.actual] })
    case "MonthlyReportSubmitted":
    case "QuarterlyReportSubmitted": {
      const executions = { ...s.executions }
      for (const en of e.report.entries) executions[en.activity] = en.execution
      return e._tag === "MonthlyReportSubmitted"
        ? next({
            executions,
            monthlyReports: [...s.monthlyReports, e.report],
            actuals: [...s.actuals, ...e.report.actuals]
          })
        : next({ executions, quarterlyReports: [...s.quarterlyReports, e.report] })
    }
  }
}

/** The decider of a plan stream. */
export type PlanDecider = Decider<Command, Event, State, PlanError>

/**
 * The plan decider. `upper` is the context of the plans above this one (for
 * an annual plan, the strategic plan's nodes and horizon; for a monthly
 * plan, the strategic and annual plans'); a strategic plan needs none.
 * `below` is what the other plans in force link to this plan's nodes (read
 * for the keys {@link keysBelow} names): with it, removing or replacing a
 * node, or approving an amendment that does, never orphans work in another
 * plan. Without it (the default) the decider knows of nothing below.
 */
export const decider = (upper: H.Context = H.emptyContext, below: H.Below = H.nothingBelow): PlanDecider => ({
  decide: decide(upper, below),
  evolve,
  initialState
})

const decodeCommandEither = Decode.unknownEither(Command)

/** Decodes a command from outside data; a malformed one is an {@link InvalidPlanCommand} naming the path. */
export const decodeCommand = (input: unknown): Either.Either<Command, InvalidPlanCommand> =>
  Either.mapLeft(decodeCommandEither(input, { errors: "first" }), (e) => {
    const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
    return new InvalidPlanCommand({
      path: issue?.path.join(".") ?? "",
      message: issue?.message ?? ParseResult.TreeFormatter.formatErrorSync(e)
    })
  })
