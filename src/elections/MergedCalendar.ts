/**
 * One calendar for concurrent elections: the tasks of all elections of one
 * voting day, merged. The same task (same id) for several elections appears
 * once, listing all of them. When the elections give it different dates
 * (one task, two dates) the calendar keeps the earliest date — doing the
 * task by then meets every election's term — and a {@link DateConflict} says
 * why.
 *
 * A merged calendar keeps every election's schedule of each task, so merging
 * is a union: commutative, associative and idempotent. {@link plan} refuses
 * elections of different voting days ({@link VotingDayMismatch}): one
 * calendar serves the elections of one voting day.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections } from "cityhall"
 *
 * const { MergedCalendar, Reference2021, Template } = Elections
 * const calendar = MergedCalendar.plan(Reference2021.elections.map((election) => ({ election, tasks: Template.tasks })))
 * // Either.right: 7 tasks, each serving the three elections
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import { DivisionId, ElectionId, TaskId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import * as Election from "./Election.js"
import * as Phrase from "./Phrase.js"
import * as Rule from "./Rule.js"
import * as Task from "./Task.js"
import { ScheduledTask } from "./Task.js"

/** One election's date for a task, with the wording of its rule. */
export class ElectionDate extends Schema.Class<ElectionDate>("ElectionDate")({
  election: ElectionId,
  date: Day,
  wording: Schema.String
}) {}

/** One task with different dates for different elections: the earliest is kept. */
export class DateConflict extends Schema.Class<DateConflict>("DateConflict")({
  dates: Schema.Array(ElectionDate),
  chosen: Day,
  message: Schema.String
}) {}

/** A task of the merged calendar. */
export class MergedTask extends Schema.Class<MergedTask>("MergedTask")({
  id: TaskId,
  title: Schema.String,
  responsible: DivisionId,
  /** The elections the task serves, in id order. */
  elections: Schema.Array(ElectionId),
  dependsOn: Schema.Array(TaskId),
  sources: Schema.Array(Schema.String),
  /** The latest first allowed day over the elections. */
  from: Schema.optionalWith(Day, { exact: true }),
  /** The earliest last allowed day over the elections. */
  to: Schema.optionalWith(Day, { exact: true }),
  /** The earliest of the elections' dates. */
  date: Day,
  conflict: Schema.optionalWith(DateConflict, { exact: true }),
  /** Every election's schedule of this task, in election order. */
  schedules: Schema.NonEmptyArray(ScheduledTask)
}) {}

/** The merged calendar: tasks by date, then id. */
export class MergedCalendar extends Schema.Class<MergedCalendar>("MergedCalendar")({
  tasks: Schema.Array(MergedTask)
}) {}

/**
 * An election whose (last) voting day is not the calendar's: the elections
 * of one calendar vote on the same day.
 */
export class VotingDayMismatch extends Schema.TaggedError<VotingDayMismatch>()("VotingDayMismatch", {
  election: ElectionId,
  expected: Day,
  actual: Day,
  message: Schema.String
}) {}

/** Any error of {@link plan}. */
export type PlanError = Task.ScheduleError | VotingDayMismatch

/** The calendar with no task. */
export const empty: MergedCalendar = new MergedCalendar({ tasks: [] })

const encodeScheduled = Schema.encodeSync(ScheduledTask)
const key = (s: ScheduledTask): string => JSON.stringify(encodeScheduled(s))
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The wording of a timing: the rule's Russian phrase, or the fixed date. */
export const wording = (t: Rule.Timing): string => (Rule.isRule(t) ? Phrase.render(t) : `${t.date}`)

const mergeTask = (schedules: ReadonlyArray<ScheduledTask>): MergedTask => {
  const sorted = [...schedules].sort((a, b) => byString(a.election, b.election))
  const chosen = [...sorted].sort((a, b) => byString(a.date, b.date) || byString(a.election, b.election))[0]!
  const froms = sorted.flatMap((s) => (s.from === undefined ? [] : [s.from]))
  const tos = sorted.flatMap((s) => (s.to === undefined ? [] : [s.to]))
  const from = froms.length === 0 ? undefined : froms.reduce((a, b) => (a > b ? a : b))
  const to = tos.length === 0 ? undefined : tos.reduce((a, b) => (a < b ? a : b))
  const distinctDates = new Set(sorted.map((s) => s.date))
  let conflict: DateConflict | undefined
  if (distinctDates.size > 1) {
    const dates = sorted.map(
      (s) => new ElectionDate({ election: s.election, date: s.date, wording: wording(s.definition.timing) })
    )
    const listed = dates.map((d) => `${d.election}: ${d.date} («${d.wording}»)`).join("; ")
    const disjoint = from !== undefined && to !== undefined && from > to
    conflict = new DateConflict({
      dates,
      chosen: chosen.date,
      message:
        `task ${chosen.id} has different dates for its elections (${listed}); ` +
        `the earliest, ${chosen.date}, is kept so that the task meets every election's term` +
        (disjoint
          ? `; the allowed days do not overlap (from ${from}, to ${to}), so some election's term cannot be met`
          : "")
    })
  }
  return new MergedTask({
    id: chosen.id,
    title: chosen.definition.title,
    responsible: chosen.definition.responsible,
    elections: [...new Set(sorted.map((s) => s.election))],
    dependsOn: [...new Set(sorted.flatMap((s) => s.definition.dependsOn))].sort(byString),
    sources: [...new Set(sorted.map((s) => s.definition.source))].sort(byString),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    date: chosen.date,
    ...(conflict === undefined ? {} : { conflict }),
    schedules: [sorted[0]!, ...sorted.slice(1)]
  })
}

/**
 * The merged calendar of schedules (of one or several elections). One
 * schedule per task and election is kept: when two are given for the same
 * pair, the one with the earliest date (then the smallest encoding) wins,
 * so the result does not depend on the order of the input.
 */
export const fromSchedules = (schedules: ReadonlyArray<ScheduledTask>): MergedCalendar => {
  const pairs = new Map<string, { readonly s: ScheduledTask; readonly k: string }>()
  for (const s of schedules) {
    const pair = `${s.id}\u0000${s.election}`
    const k = `${s.date}\u0000${key(s)}`
    const seen = pairs.get(pair)
    if (seen === undefined || k < seen.k) pairs.set(pair, { s, k })
  }
  const byTask = new Map<TaskId, Array<ScheduledTask>>()
  for (const { s } of pairs.values()) {
    const list = byTask.get(s.id)
    if (list === undefined) byTask.set(s.id, [s])
    else list.push(s)
  }
  const tasks = [...byTask.values()].map(mergeTask).sort((a, b) => byString(a.date, b.date) || byString(a.id, b.id))
  return new MergedCalendar({ tasks })
}

/** Every election's schedule of every task in a calendar. */
export const schedules = (c: MergedCalendar): ReadonlyArray<ScheduledTask> => c.tasks.flatMap((t) => t.schedules)

/** Merges two calendars of the same voting day: a union of their schedules. */
export const merge = (a: MergedCalendar, b: MergedCalendar): MergedCalendar =>
  fromSchedules([...schedules(a), ...schedules(b)])

/** Merges any number of calendars. */
export const mergeAll = (calendars: ReadonlyArray<MergedCalendar>): MergedCalendar =>
  fromSchedules(calendars.flatMap(schedules))

/**
 * Schedules each election's tasks and merges them into one calendar. The
 * elections must share their (last) voting day: the first election in id
 * order sets it, and another day is a {@link VotingDayMismatch} naming the
 * election (whatever the order of the input).
 */
export const plan = (
  plans: ReadonlyArray<{ readonly election: Election.Election; readonly tasks: ReadonlyArray<Task.TaskDefinition> }>
): Either.Either<MergedCalendar, PlanError> => {
  const byId = [...plans].sort((a, b) => byString(a.election.id, b.election.id))
  const first = byId[0]
  if (first !== undefined) {
    const expected = Election.lastVotingDay(first.election)
    const other = byId.find((p) => Election.lastVotingDay(p.election) !== expected)
    if (other !== undefined) {
      const actual = Election.lastVotingDay(other.election)
      return Either.left(
        new VotingDayMismatch({
          election: other.election.id,
          expected,
          actual,
          message: `election ${other.election.id} votes on ${actual}, the calendar's voting day is ${expected} (election ${first.election.id}): one calendar serves the elections of one voting day`
        })
      )
    }
  }
  return Either.map(Either.all(plans.map((p) => Task.schedule(p.election, p.tasks))), (all) =>
    fromSchedules(all.flat())
  )
}

/** The task of a calendar with an id, if any. */
export const find = (c: MergedCalendar, id: TaskId): MergedTask | undefined => c.tasks.find((t) => t.id === id)
