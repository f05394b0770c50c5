/**
 * The election calendar plugged into storage: its aggregate definition (one
 * stream per calendar, i.e. per voting day, category `election_calendar`)
 * and its read model, the administration's election tasks by date and
 * status.
 *
 * {@link Tasks} holds one row per task of the merged calendar of a stream
 * (a task serving several concurrent elections appears once), indexed by
 * status, date, responsible division and calendar: "tasks due in a week",
 * "planned tasks past their date" and "a division's tasks in a month" are
 * index searches. {@link TasksByStatus} counts tasks per voting day and
 * status. Rows are a function of the calendar's state: a projection writes
 * only the rows that changed.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Elections, Ids, Period, Ports } from "cityhall"
 *
 * const { ElectionCalendar, ElectionRecords, Reference2021 } = Elections
 * const at = new Date("2021-06-21T01:00:00Z"), by = "clerk-1" as Ids.ActorId
 * const program = Effect.gen(function* () {
 *   yield* Ports.CommandHandler.handle(ElectionRecords.definition, "2021-09-19",
 *     new ElectionCalendar.RegisterElection({ election: Reference2021.stateDuma, at, by }))
 *   return yield* ElectionRecords.tasksBetween(Period.unsafeDay("2021-07-01"), Period.unsafeDay("2021-07-31"))
 * })
 * ```
 *
 * @module
 */
import { Effect, Either, Schema } from "effect"
import { DivisionId, ElectionId, TaskId } from "../kernel/Ids.js"
import type * as Period from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import type { CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"
import * as ElectionCalendar from "./ElectionCalendar.js"

/** The stream category of election calendars. */
export const category = "election_calendar"

/** A task's status in the read model. */
export const TaskStatusName = Schema.Literal("Planned", "Done", "Missed")
/** @see TaskStatusName */
export type TaskStatusName = typeof TaskStatusName.Type

/** One task of a calendar's merged plan with its status. */
export const TaskRow = Schema.Struct({
  /** The calendar's stream id. */
  calendar: Schema.String,
  votingDay: Day,
  task: TaskId,
  title: Schema.String,
  responsible: DivisionId,
  elections: Schema.Array(ElectionId),
  /** The task's date (the earliest over the elections). */
  date: Day,
  from: Schema.optionalWith(Day, { exact: true }),
  to: Schema.optionalWith(Day, { exact: true }),
  status: TaskStatusName,
  doneOn: Schema.optionalWith(Day, { exact: true })
})
/** @see TaskRow */
export type TaskRow = typeof TaskRow.Type

/** Election tasks by status, date, responsible division and calendar. */
export const Tasks = Projection.table({
  name: "election_tasks",
  schema: TaskRow,
  indexed: ["status", "date", "responsible", "calendar"]
})

/** Tasks per voting day x status. */
export const TasksByStatus = Projection.counter({
  name: "election_tasks_by_status",
  dimensions: ["votingDay", "status"]
})

/** The task rows of a calendar's state, by task id (none when the plan cannot be scheduled). */
export const rowsOf = (
  calendar: string,
  state: ElectionCalendar.ElectionCalendarState
): ReadonlyMap<string, TaskRow> => {
  const out = new Map<string, TaskRow>()
  const votingDay = state.votingDay
  if (votingDay === undefined) return out
  const merged = ElectionCalendar.calendarOf(state)
  if (Either.isLeft(merged)) return out
  for (const t of merged.right.tasks) {
    const status = ElectionCalendar.statusOf(state, t.id)
    out.set(t.id, {
      calendar,
      votingDay,
      task: t.id,
      title: t.title,
      responsible: t.responsible,
      elections: t.elections,
      date: t.date,
      ...(t.from === undefined ? {} : { from: t.from }),
      ...(t.to === undefined ? {} : { to: t.to }),
      status: status._tag,
      ...(status._tag === "Done" ? { doneOn: status.on } : {})
    })
  }
  return out
}

const same = (a: TaskRow, b: TaskRow): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The election calendar's read models. */
export const readModels = Projection.make<ElectionCalendar.Event, ElectionCalendar.ElectionCalendarState>({
  name: "election_tasks",
  tables: [Tasks],
  counters: [TasksByStatus],
  project: ({ after, before, envelope }) => {
    const calendar = envelope.stream.id
    const b = rowsOf(calendar, before)
    const a = rowsOf(calendar, after)
    const out: Array<Projection.Update> = []
    const key = (task: string) => `${calendar}/${task}`
    for (const [task, row] of b) {
      if (!a.has(task)) {
        out.push(
          Projection.remove(Tasks, key(task)),
          Projection.increment(TasksByStatus, { votingDay: row.votingDay, status: row.status }, -1)
        )
      }
    }
    for (const [task, row] of a) {
      const old = b.get(task)
      if (old !== undefined && same(old, row)) continue
      out.push(Projection.upsert(Tasks, key(task), row))
      if (old === undefined || old.status !== row.status || old.votingDay !== row.votingDay) {
        if (old !== undefined)
          out.push(Projection.increment(TasksByStatus, { votingDay: old.votingDay, status: old.status }, -1))
        out.push(Projection.increment(TasksByStatus, { votingDay: row.votingDay, status: row.status }))
      }
    }
    return out
  }
})

/** The election calendar aggregate for an administration's settings. */
export const makeDefinition = (settings: ElectionCalendar.Settings) =>
  Aggregate.make({
    category,
    decider: ElectionCalendar.decider(settings),
    eventSchema: ElectionCalendar.Event,
    commandSchema: ElectionCalendar.Command,
    eventType: (e: ElectionCalendar.Event) => e._tag,
    projections: [readModels]
  })

/** The election calendar aggregate in Khabarovsk time. */
export const definition = makeDefinition({ timeZone: TimeZone.KHABAROVSK })

// ---------------------------------------------------------------------------
// Queries

type Rows = Effect.Effect<ReadonlyArray<TaskRow>, StorageError | CorruptRow | InvalidQuery, ReadModels>
const rowsOnly = (
  e: Effect.Effect<ReadonlyArray<{ readonly row: TaskRow }>, StorageError | CorruptRow | InvalidQuery, ReadModels>
): Rows => Effect.map(e, (rs) => rs.map((r) => r.row))

/** Tasks dated in a range of days (inclusive), by date; optionally only those in a status. */
export const tasksBetween = (from: Day, to: Day, options: { readonly status?: TaskStatusName } = {}): Rows =>
  rowsOnly(
    Projection.query(Tasks, {
      where: { date: { gte: from, lte: to }, ...(options.status !== undefined ? { status: options.status } : {}) },
      orderBy: "date"
    })
  )

/** Tasks dated on a day. */
export const tasksOn = (day: Day): Rows => tasksBetween(day, day)

/** Planned tasks whose date is before a day: late unless done today. */
export const lateOn = (day: Day): Rows =>
  rowsOnly(Projection.query(Tasks, { where: { status: "Planned", date: { lt: day } }, orderBy: "date" }))

/** A division's tasks dated in a period. */
export const tasksOf = (division: DivisionId, period: { readonly from: Day; readonly to: Day }): Rows =>
  rowsOnly(
    Projection.query(Tasks, {
      where: { responsible: division, date: { gte: period.from, lte: period.to } },
      orderBy: "date"
    })
  )

/** The tasks of one calendar, by date. */
export const tasksOfCalendar = (calendar: string): Rows =>
  rowsOnly(Projection.query(Tasks, { where: { calendar }, orderBy: "date" }))

/** Counts of tasks per status for a voting day. */
export const statusCounts = (
  votingDay: Period.Day
): Effect.Effect<Readonly<Record<TaskStatusName, number>>, StorageError, ReadModels> =>
  Effect.map(Projection.read(TasksByStatus, { votingDay }), (vs) => {
    const out: Record<TaskStatusName, number> = { Planned: 0, Done: 0, Missed: 0 }
    for (const v of vs) if (Schema.is(TaskStatusName)(v.dimensions.status)) out[v.dimensions.status] += v.value
    return out
  })
