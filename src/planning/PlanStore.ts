/**
 * Plans plugged into storage: the plan aggregate's definition (one stream
 * per plan, category `plan`) and the read model of plan execution by
 * division and month.
 *
 * {@link Activities} holds one row per activity (or Address measure) in
 * force, with its latest reported execution (`pending` before a report),
 * indexed by execution, month, division and plan; {@link Execution} counts
 * them per month x division x execution, so "plan execution of a division
 * in a month" reads a few counter values. Rows are a function of the plan's
 * state: a projection writes only what changed.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ids, Period, Planning } from "cityhall"
 *
 * const march = Planning.PlanStore.executionIn(Period.unsafeMonth("2021-03"), { division: "economy" as Ids.DivisionId })
 * ```
 *
 * @module
 */
import { Effect, Schema } from "effect"
import { ActivityId, DivisionId, PlanId } from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import { Day, Month } from "../kernel/Period.js"
import * as Aggregate from "../ports/Aggregate.js"
import type { CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"
import type * as H from "./Hierarchy.js"
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
    for (const [id, row] of b) if (!a.has(id)) out.push(Projection.remove(Activities, key(id)), Projection.increment(Execution, counted(row), -1))
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

/** The plan aggregate, checking links against the upper plans' context. */
export const makeDefinition = (upper?: H.Context) =>
  Aggregate.make({
    category,
    decider: Plan.decider(upper),
    eventSchema: Plan.Event,
    commandSchema: Plan.Command,
    eventType: (e: Plan.Event) => e._tag,
    projections: [readModels]
  })

/** The plan aggregate with an empty upper context. */
export const definition = makeDefinition()

/** Activities of a month, optionally of one division and in one execution state. */
export const activitiesIn = (
  month: Month,
  options: { readonly division?: DivisionId; readonly execution?: ExecutionName } = {}
): Effect.Effect<ReadonlyArray<ActivityRow>, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Effect.map(
    Projection.query(Activities, {
      where: { month, ...(options.division !== undefined ? { division: options.division } : {}), ...(options.execution !== undefined ? { execution: options.execution } : {}) },
      orderBy: "month"
    }),
    (rs) => rs.map((r) => r.row)
  )

/** Plan execution of a month (optionally of one division): activities per execution state, from the counters. */
export const executionIn = (
  month: Month,
  options: { readonly division?: DivisionId } = {}
): Effect.Effect<Readonly<Record<ExecutionName, number>>, StorageError, ReadModels> =>
  Effect.map(Projection.read(Execution, { month, ...(options.division !== undefined ? { division: options.division } : {}) }), (vs) => {
    const out: Record<ExecutionName, number> = { pending: 0, Done: 0, PartlyDone: 0, NotDone: 0, Moved: 0 }
    for (const v of vs) if (Schema.is(ExecutionName)(v.dimensions.execution)) out[v.dimensions.execution] += v.value
    return out
  })
