/**
 * Plans plugged into storage: the plan aggregate's definition (one stream
 * per plan, category `plan`), the read model of plan execution by division
 * and month, the read model of links up between plans ({@link Links}), and
 * {@link handle}, which decides a plan command with what lies below it.
 *
 * {@link Activities} holds one row per activity (or Address measure) in
 * force, with its latest reported execution (`pending` before a report),
 * indexed by execution, month, division and plan; {@link Execution} counts
 * them per month x division x execution, so "plan execution of a division
 * in a month" reads a few counter values. Rows are a function of the plan's
 * state: a projection writes only what changed.
 *
 * {@link Links} holds one row per node in force and key it refers up to
 * (an activity to its plan item, an item to its program, ...). When a
 * command removes or replaces nodes in force ({@link Plan.keysBelow}),
 * {@link handle} reads what the other plans link below them, transitively,
 * and gives it to the decider: an amendment never orphans work in force in
 * another plan.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, Period, Planning } from "cityhall"
 *
 * const march = Planning.PlanRecords.executionIn(Period.unsafeMonth("2021-03"), { division: "economy" as Ids.DivisionId })
 * ```
 *
 * @module
 */
import { Effect, Either, Schema } from "effect"
import { ActivityId, DivisionId, PlanId } from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import { Day, Month } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import type { CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import type { EventStore } from "../ports/EventStore.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"
import type { PlanError } from "./Errors.js"
import * as H from "./Hierarchy.js"
import * as N from "./Node.js"
import * as Plan from "./Plan.js"

/** The stream category of plans. */
export const category = "plan"

/** The execution of an activity as the read model shows it. */
export const ExecutionName = Schema.Literal("pending", "Done", "PartlyDone", "NotDone", "Moved")
/** @see ExecutionName */
export type ExecutionName = typeof ExecutionName.Type

/** One activity or measure in force with its latest execution. */
export const ActivityRow = Schema.Struct({
  plan: PlanId,
  kind: Plan.PlanKind,
  activity: ActivityId,
  title: Schema.String,
  division: DivisionId,
  /** The activity's month (a measure's: the month of its deadline). */
  month: Month,
  deadline: Day,
  execution: ExecutionName,
  completedOn: Schema.optionalWith(Day, { exact: true }),
  newDeadline: Schema.optionalWith(Day, { exact: true })
})
/** @see ActivityRow */
export type ActivityRow = typeof ActivityRow.Type

/** Activities in force by execution, month, division and plan. */
export const Activities = Projection.table({
  name: "plan_activities",
  schema: ActivityRow,
  indexed: ["execution", "month", "division", "plan"]
})

/** Activities per month x division x execution. */
export const Execution = Projection.counter({ name: "plan_execution", dimensions: ["month", "division", "execution"] })

/** The activity rows of a plan's state, by activity id. */
export const rowsOf = (state: Plan.State): ReadonlyMap<string, ActivityRow> => {
  const out = new Map<string, ActivityRow>()
  if (state._tag === "Unopened") return out
  for (const a of Plan.activitiesInForce(state)) {
    const e = state.executions[a.id]
    out.set(a.id, {
      plan: state.id,
      kind: state.kind,
      activity: a.id,
      title: a.title,
      division: a.division,
      month: a._tag === "Activity" ? a.month : P.monthOf(a.deadline),
      deadline: a.deadline,
      execution: e === undefined ? "pending" : e._tag,
      ...(e?._tag === "Done" ? { completedOn: e.completedOn } : {}),
      ...(e?._tag === "Moved" ? { newDeadline: e.newDeadline } : {})
    })
  }
  return out
}

const same = (a: ActivityRow, b: ActivityRow): boolean => JSON.stringify(a) === JSON.stringify(b)
const counted = (r: ActivityRow) => ({ month: r.month, division: r.division, execution: r.execution })

/** The plans' read models. */
export const readModels = Projection.make<Plan.Event, Plan.State>({
  name: "plan_activities",
  tables: [Activities],
  counters: [Execution],
  project: ({ after, before, envelope }) => {
    const b = rowsOf(before)
    const a = rowsOf(after)
    const key = (id: string) => `${envelope.stream.id}/${id}`
    const out: Array<Projection.Update> = []
    for (const [id, row] of b)
      if (!a.has(id))
        out.push(Projection.remove(Activities, key(id)), Projection.increment(Execution, counted(row), -1))
    for (const [id, row] of a) {
      const old = b.get(id)
      if (old !== undefined && same(old, row)) continue
      out.push(Projection.upsert(Activities, key(id), row))
      if (old !== undefined) out.push(Projection.increment(Execution, counted(old), -1))
      out.push(Projection.increment(Execution, counted(row)))
    }
    return out
  }
})

/** One link up of a node in force: the plan holding it, the key it refers to (`"PlanItem:i-1"`) and the node. */
export const LinkRow = Schema.Struct({ plan: PlanId, target: Schema.String, node: N.Node })
/** @see LinkRow */
export type LinkRow = typeof LinkRow.Type

/** The links up of the nodes in force of every plan, by the key they refer to. */
export const Links = Projection.table({ name: "plan_links", schema: LinkRow, indexed: ["target", "plan"] })

/** The link rows of a plan's state: one per node in force and key it refers up to ({@link N.upKeys}), by row key. */
export const linkRowsOf = (state: Plan.State): ReadonlyMap<string, LinkRow> => {
  const out = new Map<string, LinkRow>()
  if (state._tag === "Unopened") return out
  for (const node of state.inForce) {
    for (const target of N.upKeys(node)) out.set(`${N.keyOf(node)}>${target}`, { plan: state.id, target, node })
  }
  return out
}

/** The read model of links between plans. */
export const linkModels = Projection.make<Plan.Event, Plan.State>({
  name: "plan_links",
  tables: [Links],
  counters: [],
  project: ({ after, before, envelope }) => {
    // the nodes in force change only on an approval or a scheduled activity: otherwise nothing to write
    if (before._tag === "Opened" && after._tag === "Opened" && before.inForce === after.inForce) return []
    const b = linkRowsOf(before)
    const a = linkRowsOf(after)
    const key = (k: string) => `${envelope.stream.id}/${k}`
    const out: Array<Projection.Update> = []
    for (const k of b.keys()) if (!a.has(k)) out.push(Projection.remove(Links, key(k)))
    for (const [k, row] of a) if (b.get(k)?.node !== row.node) out.push(Projection.upsert(Links, key(k), row))
    return out
  }
})

/** One plan in the index: its id, kind, period and the instant it was created. */
export const PlanIndexRow = Schema.Struct({
  plan: PlanId,
  kind: Plan.PlanKind,
  period: P.Period,
  createdAt: Instant
})
/** @see PlanIndexRow */
export type PlanIndexRow = typeof PlanIndexRow.Type

/**
 * Every plan by kind: what the application reads to find the plans above a
 * plan (the strategic and annual plans a lower plan links to), the plans of
 * the control view and the plans a report shows (created by its as-of day).
 */
export const Plans = Projection.table({ name: "plans", schema: PlanIndexRow, indexed: ["kind"] })

/** The plan index: a row when a plan is created. */
export const indexModels = Projection.make<Plan.Event, Plan.State>({
  name: "plans",
  tables: [Plans],
  counters: [],
  project: ({ envelope }) => {
    const e = envelope.event
    return e._tag === "PlanCreated"
      ? [
          Projection.upsert(Plans, envelope.stream.id, {
            plan: e.plan,
            kind: e.kind,
            period: e.period,
            createdAt: e.at
          })
        ]
      : []
  }
})

/** The kinds of plans a plan of a kind links up to. */
export const kindsAbove = (kind: Plan.PlanKind): ReadonlyArray<Plan.PlanKind> =>
  kind === "strategic" ? [] : kind === "annual" ? ["strategic"] : ["strategic", "annual"]

/**
 * The context of the plans above a plan of a kind and period, from plans'
 * states: the nodes in force of the strategic plans (and, for monthly and
 * Address plans, the annual plans) whose period contains the plan's, and
 * the strategic horizon. The one answer to "which plans are above this
 * plan" for every entry point (the application reads the states through
 * the index; the importer passes the states it holds).
 */
export const upperOf = (kind: Plan.PlanKind, period: P.Period, plans: Iterable<Plan.State>): H.Context => {
  const kinds = kindsAbove(kind)
  if (kinds.length === 0) return H.emptyContext
  const nodes: Array<N.Node> = []
  let horizon: P.Horizon | undefined
  for (const s of plans) {
    if (s._tag !== "Opened" || !kinds.includes(s.kind) || !P.containsPeriod(s.period, period)) continue
    if (s.kind === "strategic" && P.kindOf(s.period) === "horizon") horizon = s.period as P.Horizon
    nodes.push(...s.inForce)
  }
  return H.context(horizon, nodes)
}

/**
 * The decider of a plan among other plans' states: linked up to the plans
 * above it ({@link upperOf}) and knowing what the others in force link
 * below. What an importer that holds the states uses; the application
 * reads the same through the index ({@link upperFor}, {@link handle}).
 */
export const deciderAmong = (kind: Plan.PlanKind, period: P.Period, others: Iterable<Plan.State>): Plan.PlanDecider => {
  const states = [...others]
  const below = H.belowOf(states.flatMap((s) => (s._tag === "Opened" ? s.inForce : [])))
  return Plan.decider(upperOf(kind, period, states), below)
}

/**
 * {@link deciderAmong} for commands on a plan whose state may be stored:
 * its kind and period are the stored plan's, or those its first command
 * creates it with (a plan neither stored nor created decides as a plan
 * with nothing above, and refuses the commands that need it to exist).
 */
export const deciderFor = (
  first: Plan.Command,
  stored: Plan.State | undefined,
  others: Iterable<Plan.State>
): Plan.PlanDecider =>
  stored?._tag === "Opened"
    ? deciderAmong(stored.kind, stored.period, others)
    : first._tag === "CreatePlan"
      ? deciderAmong(first.kind, first.period, others)
      : Plan.decider()

/** {@link upperOf} over the stored plans: the index names the plans of the kinds above, their streams give the states. */
export const upperFor = (kind: Plan.PlanKind, period: P.Period) =>
  Effect.gen(function* () {
    const states: Array<Plan.State> = []
    for (const k of kindsAbove(kind)) {
      for (const row of yield* plansOfKind(k)) {
        if (!P.containsPeriod(row.period, period)) continue
        states.push((yield* CommandHandler.load(definition, row.plan)).state)
      }
    }
    return upperOf(kind, period, states)
  })

/** The plans of some kinds, from the index. */
export const plansOfKind = (
  kind: Plan.PlanKind
): Effect.Effect<ReadonlyArray<PlanIndexRow>, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Effect.map(Projection.query(Plans, { where: { kind } }), (rows) => rows.map((r) => r.row))

/**
 * The plan aggregate, checking links against the upper plans' context and,
 * when given, what lies below (see {@link handle}, which reads it).
 */
export const makeDefinition = (upper?: H.Context, below?: H.Below) =>
  Aggregate.make({
    category,
    decider: Plan.decider(upper, below),
    eventSchema: Plan.Event,
    commandSchema: Plan.Command,
    eventType: (e: Plan.Event) => e._tag,
    projections: [readModels, linkModels, indexModels]
  })

/** The plan aggregate with an empty upper context and nothing known below. */
export const definition = makeDefinition()

/** The plan aggregate's definition. */
export type Definition = ReturnType<typeof makeDefinition>

/**
 * What the other plans in force link below some keys of a plan, read from
 * {@link Links} transitively (children, their children, ...; the plan's own
 * rows are followed but not answered, as the decider knows its own nodes).
 */
export const belowFor = (
  plan: string,
  keys: ReadonlyArray<string>
): Effect.Effect<H.Below, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Effect.gen(function* () {
    const nodes = new Map<string, N.Node>()
    const seen = new Set(keys)
    const queue = [...keys]
    for (let i = 0; i < queue.length; i++) {
      for (const { row } of yield* Projection.query(Links, { where: { target: queue[i]! } })) {
        const k = N.keyOf(row.node)
        if (row.plan !== plan) nodes.set(`${row.plan}/${k}`, row.node)
        if (!seen.has(k)) {
          seen.add(k)
          queue.push(k)
        }
      }
    }
    return H.belowOf(nodes.values())
  })

/** Options of {@link handle}. */
export interface HandleOptions extends CommandHandler.HandleOptions {
  /** Further projections to maintain in the same transaction (an application's own index of plans). */
  readonly projections?: ReadonlyArray<Projection.Projection<Plan.Event, Plan.State>>
}

const belowCommands: ReadonlySet<Plan.Command["_tag"]> = new Set(["RemoveNode", "ReplaceNode", "ApprovePlan"])

/**
 * Handles a plan command as an application should: decided under the upper
 * plans' context `upper` and, for a command that removes or replaces nodes
 * in force (or approves an amendment that does), with what the other plans
 * in force link below them ({@link belowFor}). The facts below are read
 * for the state the command is decided on: a concurrent write to the plan
 * makes it read them again (up to `maxAttempts`). Writes to the plans below
 * between that read and the append are not seen (the two are not one
 * transaction); the approval of the amendment checks again.
 */
export const handle = (
  upper: H.Context,
  plan: string,
  command: Plan.Command,
  options: HandleOptions = {}
): Effect.Effect<
  CommandHandler.CommandResult<Plan.Event, Plan.State>,
  CommandHandler.HandleError<PlanError> | CorruptRow | InvalidQuery,
  EventStore | ReadModels
> => {
  const { projections = [], ...handleOptions } = options
  const definitionWith = (below?: H.Below): Definition => {
    const d = makeDefinition(upper, below)
    return projections.length === 0 ? d : { ...d, projections: [...(d.projections ?? []), ...projections] }
  }
  if (!belowCommands.has(command._tag)) return CommandHandler.handle(definitionWith(), plan, command, handleOptions)
  const attempts = Math.max(1, options.maxAttempts ?? 5)
  const attempt = (
    left: number
  ): Effect.Effect<
    CommandHandler.CommandResult<Plan.Event, Plan.State>,
    CommandHandler.HandleError<PlanError> | CorruptRow | InvalidQuery,
    EventStore | ReadModels
  > =>
    Effect.gen(function* () {
      const loaded = yield* CommandHandler.load(definition, plan)
      const keys = Plan.keysBelow(command, loaded.state)
      const below = keys.length === 0 ? H.nothingBelow : yield* belowFor(plan, keys)
      // decided once at the version read; a conflict reads the facts below again
      const result = yield* Effect.either(
        CommandHandler.handle(definitionWith(below), plan, command, { ...handleOptions, maxAttempts: 1 })
      )
      if (Either.isRight(result)) return result.right
      if (result.left._tag === "ConcurrencyConflict" && left > 1) return yield* attempt(left - 1)
      return yield* Effect.fail(result.left)
    })
  return attempt(attempts)
}

/** Activities of a month, optionally of one division and in one execution state. */
export const activitiesIn = (
  month: Month,
  options: { readonly division?: DivisionId; readonly execution?: ExecutionName } = {}
): Effect.Effect<ReadonlyArray<ActivityRow>, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Effect.map(
    Projection.query(Activities, {
      where: {
        month,
        ...(options.division !== undefined ? { division: options.division } : {}),
        ...(options.execution !== undefined ? { execution: options.execution } : {})
      },
      orderBy: "month"
    }),
    (rs) => rs.map((r) => r.row)
  )

/** Plan execution of a month (optionally of one division): activities per execution state, from the counters. */
export const executionIn = (
  month: Month,
  options: { readonly division?: DivisionId } = {}
): Effect.Effect<Readonly<Record<ExecutionName, number>>, StorageError, ReadModels> =>
  Effect.map(
    Projection.read(Execution, { month, ...(options.division !== undefined ? { division: options.division } : {}) }),
    (vs) => {
      const out: Record<ExecutionName, number> = { pending: 0, Done: 0, PartlyDone: 0, NotDone: 0, Moved: 0 }
      for (const v of vs) if (Schema.is(ExecutionName)(v.dimensions.execution)) out[v.dimensions.execution] += v.value
      return out
    }
  )
