/**
 * The election calendar as an aggregate: the administration's tasks for one
 * voting day, possibly for several concurrent elections. A decider over
 * Schema-typed commands, events and state (see {@link Decider}).
 *
 * Commands (each carries its instant `at` and its `actor`):
 * - `RegisterElection`: an election of this voting day (its last voting day
 *   must be the calendar's);
 * - `PlanTasks`: plans tasks (e.g. the {@link Template}) for a registered
 *   election; tasks already planned identically are skipped, anchors and
 *   dependencies must be known, cycles are refused;
 * - `MarkDone`: a task done on a day (not after the command's local day, and
 *   not before its dependencies were done);
 * - `MarkMissed`: a task that will not be done.
 *
 * Events: `ElectionRegistered`, `TasksPlanned`, `TaskDone`, `TaskMissed`.
 * A rejected command answers a typed error and changes nothing.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Decider, Elections, Ids, TimeZone } from "cityhall"
 *
 * const { ElectionCalendar, Reference2021, Template } = Elections
 * const decider = ElectionCalendar.decider({ timeZone: TimeZone.KHABAROVSK })
 * const at = new Date("2021-06-21T01:00:00Z"), actor = "clerk-1" as Ids.ActorId
 * const r = Decider.run(decider, [
 *   new ElectionCalendar.RegisterElection({ election: Reference2021.stateDuma, at, actor }),
 *   new ElectionCalendar.PlanTasks({ election: Reference2021.stateDuma.id, tasks: [...Template.tasks], at, actor })
 * ])
 * if (Either.isRight(r)) ElectionCalendar.calendarOf(r.right.state) // the merged calendar
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Decider } from "../kernel/Decider.js"
import { ActorId, ElectionId, TaskId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Compliance from "./Compliance.js"
import * as Election from "./Election.js"
import * as MergedCalendar from "./MergedCalendar.js"
import type { UnknownAnchor } from "./Rule.js"
import * as Task from "./Task.js"
import { type CyclicTasks, DuplicateTask, TaskDefinition, TaskStatus, type UnknownDependency } from "./Task.js"

// ---- commands -----------------------------------------------------------------

/**
 * The acting person. Its JSON key stays `by`, the name it had before the areas
 * agreed on `actor`, so events already stored and import files already
 * written still decode.
 */
const actor = Schema.propertySignature(ActorId).pipe(Schema.fromKey("by"))
const meta = { at: Instant, actor }

/** Registers an election of this voting day. */
export class RegisterElection extends Schema.TaggedClass<RegisterElection>()("RegisterElection", {
  election: Election.Election,
  ...meta
}) {}

/** Plans tasks for a registered election. */
export class PlanTasks extends Schema.TaggedClass<PlanTasks>()("PlanTasks", {
  election: ElectionId,
  tasks: Schema.NonEmptyArray(TaskDefinition),
  ...meta
}) {}

/** Marks a task done on a day. */
export class MarkDone extends Schema.TaggedClass<MarkDone>()("MarkDone", {
  task: TaskId,
  on: Day,
  ...meta
}) {}

/** Marks a task missed. */
export class MarkMissed extends Schema.TaggedClass<MarkMissed>()("MarkMissed", {
  task: TaskId,
  ...meta
}) {}

/** A command to the election calendar. */
export const Command = Schema.Union(RegisterElection, PlanTasks, MarkDone, MarkMissed)
/** @see Command */
export type Command = typeof Command.Type

// ---- events -------------------------------------------------------------------

/** An election was registered. */
export class ElectionRegistered extends Schema.TaggedClass<ElectionRegistered>()("ElectionRegistered", {
  election: Election.Election,
  ...meta
}) {}

/** Tasks were planned for an election (only those not planned for it before). */
export class TasksPlanned extends Schema.TaggedClass<TasksPlanned>()("TasksPlanned", {
  election: ElectionId,
  tasks: Schema.NonEmptyArray(TaskDefinition),
  ...meta
}) {}

/** A task was done on a day. */
export class TaskDone extends Schema.TaggedClass<TaskDone>()("TaskDone", {
  task: TaskId,
  on: Day,
  ...meta
}) {}

/** A task was missed. */
export class TaskMissed extends Schema.TaggedClass<TaskMissed>()("TaskMissed", {
  task: TaskId,
  ...meta
}) {}

/** An event of the election calendar. */
export const Event = Schema.Union(ElectionRegistered, TasksPlanned, TaskDone, TaskMissed)
/** @see Event */
export type Event = typeof Event.Type

// ---- state --------------------------------------------------------------------

/** A task planned for one election. */
export class PlannedTask extends Schema.Class<PlannedTask>("PlannedTask")({
  election: ElectionId,
  task: TaskDefinition
}) {}

/** A task's status. */
export class StatusEntry extends Schema.Class<StatusEntry>("StatusEntry")({
  task: TaskId,
  status: TaskStatus
}) {}

/** The state of an election calendar. */
export class ElectionCalendarState extends Schema.Class<ElectionCalendarState>("ElectionCalendarState")({
  /** The last voting day of the calendar's elections (set by the first election). */
  votingDay: Schema.optionalWith(Day, { exact: true }),
  elections: Schema.Array(Election.Election),
  plans: Schema.Array(PlannedTask),
  statuses: Schema.Array(StatusEntry)
}) {}

/** The calendar with nothing in it. */
export const initialState: ElectionCalendarState = new ElectionCalendarState({ elections: [], plans: [], statuses: [] })

// ---- errors -------------------------------------------------------------------

/** The election is registered already. */
export class ElectionAlreadyRegistered extends Schema.TaggedError<ElectionAlreadyRegistered>()(
  "ElectionAlreadyRegistered",
  {
    election: ElectionId,
    message: Schema.String
  }
) {}

/** The election's voting day is not the calendar's (the one error of {@link MergedCalendar.plan} for it too). */
export const VotingDayMismatch = MergedCalendar.VotingDayMismatch
/** @see VotingDayMismatch */
export type VotingDayMismatch = MergedCalendar.VotingDayMismatch

/** The election is not registered in the calendar. */
export class UnknownElection extends Schema.TaggedError<UnknownElection>()("UnknownElection", {
  election: ElectionId,
  message: Schema.String
}) {}

/** A task already planned for the election with another definition. */
export class ConflictingDefinition extends Schema.TaggedError<ConflictingDefinition>()("ConflictingDefinition", {
  election: ElectionId,
  task: TaskId,
  message: Schema.String
}) {}

/** The task is not in the calendar. */
export class UnknownTask extends Schema.TaggedError<UnknownTask>()("UnknownTask", {
  task: TaskId,
  message: Schema.String
}) {}

/** The task is done or missed already. */
export class TaskClosed extends Schema.TaggedError<TaskClosed>()("TaskClosed", {
  task: TaskId,
  status: Schema.Literal("Done", "Missed"),
  message: Schema.String
}) {}

/** A dependency of the task is not done (or was done after the day given). */
export class DependencyNotDone extends Schema.TaggedError<DependencyNotDone>()("DependencyNotDone", {
  task: TaskId,
  dependsOn: TaskId,
  message: Schema.String
}) {}

/** A task marked done on a day after the command's own (local) day. */
export class DoneInFuture extends Schema.TaggedError<DoneInFuture>()("DoneInFuture", {
  task: TaskId,
  on: Day,
  today: Day,
  message: Schema.String
}) {}

/** Any error of the election calendar. */
export type ElectionCalendarError =
  | ElectionAlreadyRegistered
  | VotingDayMismatch
  | UnknownElection
  | ConflictingDefinition
  | UnknownTask
  | TaskClosed
  | DependencyNotDone
  | DoneInFuture
  | UnknownAnchor
  | UnknownDependency
  | CyclicTasks
  | DuplicateTask
  | TimeZone.UnknownTimeZone
  | TimeZone.InvalidInstant

/** The settings a calendar decider closes over. */
export interface Settings {
  /** The administration's time zone: a command's instant becomes its local day here. */
  readonly timeZone: TimeZone.TimeZoneName
}

// ---- queries ------------------------------------------------------------------

/** The status of a task (planned when the calendar has none recorded). */
export const statusOf = (state: ElectionCalendarState, task: TaskId): Task.TaskStatus =>
  state.statuses.find((s) => s.task === task)?.status ?? new Task.Planned()

/** The tasks planned for an election. */
export const tasksOf = (state: ElectionCalendarState, election: ElectionId): ReadonlyArray<TaskDefinition> =>
  state.plans.filter((p) => p.election === election).map((p) => p.task)

/** Each registered election with its tasks. */
export const plansOf = (
  state: ElectionCalendarState
): ReadonlyArray<{ readonly election: Election.Election; readonly tasks: ReadonlyArray<TaskDefinition> }> =>
  state.elections.map((election) => ({ election, tasks: tasksOf(state, election.id) }))

/** The merged calendar of the state's elections. */
export const calendarOf = (
  state: ElectionCalendarState
): Either.Either<MergedCalendar.MergedCalendar, MergedCalendar.PlanError> => MergedCalendar.plan(plansOf(state))

/** The violations as of a day. */
export const complianceOf = (
  state: ElectionCalendarState,
  asOf: Day
): Either.Either<ReadonlyArray<Compliance.Violation>, Task.ScheduleError> =>
  Compliance.check({ plans: plansOf(state), statuses: new Map(state.statuses.map((s) => [s.task, s.status])), asOf })

// ---- the decider --------------------------------------------------------------

const encodeDefinition = Schema.encodeSync(TaskDefinition)
const sameDefinition = (a: TaskDefinition, b: TaskDefinition): boolean =>
  JSON.stringify(encodeDefinition(a)) === JSON.stringify(encodeDefinition(b))

const decide =
  (settings: Settings) =>
  (command: Command, state: ElectionCalendarState): Either.Either<ReadonlyArray<Event>, ElectionCalendarError> => {
    const { at, actor } = command
    switch (command._tag) {
      case "RegisterElection": {
        const e = command.election
        if (state.elections.some((x) => x.id === e.id)) {
          return Either.left(
            new ElectionAlreadyRegistered({ election: e.id, message: `election ${e.id} is registered already` })
          )
        }
        const last = Election.lastVotingDay(e)
        if (state.votingDay !== undefined && state.votingDay !== last) {
          return Either.left(
            new VotingDayMismatch({
              election: e.id,
              expected: state.votingDay,
              actual: last,
              message: `election ${e.id} votes on ${last}, the calendar's voting day is ${state.votingDay}`
            })
          )
        }
        return Either.right([new ElectionRegistered({ election: e, at, actor })])
      }
      case "PlanTasks": {
        const election = state.elections.find((x) => x.id === command.election)
        if (election === undefined) {
          return Either.left(
            new UnknownElection({
              election: command.election,
              message: `election ${command.election} is not registered`
            })
          )
        }
        const existing = tasksOf(state, election.id)
        const fresh: Array<TaskDefinition> = []
        const seen = new Set<TaskId>()
        for (const t of command.tasks) {
          if (seen.has(t.id))
            return Either.left(new DuplicateTask({ task: t.id, message: `task ${t.id} is given twice` }))
          seen.add(t.id)
          const old = existing.find((x) => x.id === t.id)
          if (old === undefined) fresh.push(t)
          else if (!sameDefinition(old, t)) {
            return Either.left(
              new ConflictingDefinition({
                election: election.id,
                task: t.id,
                message: `task ${t.id} is planned for ${election.id} with another definition`
              })
            )
          }
        }
        if (fresh.length === 0) return Either.right([])
        const checked = Task.schedule(election, [...existing, ...fresh])
        if (Either.isLeft(checked)) return Either.left(checked.left)
        return Either.right([
          new TasksPlanned({ election: election.id, tasks: [fresh[0]!, ...fresh.slice(1)], at, actor })
        ])
      }
      case "MarkDone":
      case "MarkMissed": {
        const id = command.task
        const defs = state.plans.filter((p) => p.task.id === id)
        if (defs.length === 0)
          return Either.left(new UnknownTask({ task: id, message: `task ${id} is not in the calendar` }))
        const status = statusOf(state, id)
        if (status._tag !== "Planned") {
          return Either.left(
            new TaskClosed({
              task: id,
              status: status._tag,
              message: `task ${id} is ${status._tag === "Done" ? `done on ${status.on}` : "missed"} already`
            })
          )
        }
        if (command._tag === "MarkMissed") return Either.right([new TaskMissed({ task: id, at, actor })])
        const today = TimeZone.localDay(at, settings.timeZone)
        if (Either.isLeft(today)) return Either.left(today.left)
        if (command.on > today.right) {
          return Either.left(
            new DoneInFuture({
              task: id,
              on: command.on,
              today: today.right,
              message: `task ${id} cannot be done on ${command.on}, after today ${today.right}`
            })
          )
        }
        const deps = [...new Set(defs.flatMap((p) => p.task.dependsOn))].sort()
        for (const d of deps) {
          const s = statusOf(state, d)
          if (s._tag !== "Done" || s.on > command.on) {
            return Either.left(
              new DependencyNotDone({
                task: id,
                dependsOn: d,
                message: `task ${id} depends on ${d}, which ${s._tag === "Done" ? `was done later, on ${s.on}` : "is not done"}`
              })
            )
          }
        }
        return Either.right([new TaskDone({ task: id, on: command.on, at, actor })])
      }
    }
  }

const setStatus = (state: ElectionCalendarState, task: TaskId, status: Task.TaskStatus): ElectionCalendarState =>
  new ElectionCalendarState({
    ...state,
    statuses: [...state.statuses.filter((s) => s.task !== task), new StatusEntry({ task, status })]
  })

/** Applies one event. */
export const evolve = (state: ElectionCalendarState, event: Event): ElectionCalendarState => {
  switch (event._tag) {
    case "ElectionRegistered":
      return new ElectionCalendarState({
        ...state,
        votingDay: state.votingDay ?? Election.lastVotingDay(event.election),
        elections: [...state.elections, event.election]
      })
    case "TasksPlanned":
      return new ElectionCalendarState({
        ...state,
        plans: [...state.plans, ...event.tasks.map((task) => new PlannedTask({ election: event.election, task }))]
      })
    case "TaskDone":
      return setStatus(state, event.task, new Task.Done({ on: event.on }))
    case "TaskMissed":
      return setStatus(state, event.task, new Task.Missed())
  }
}

/** The election calendar's decider, for an administration's time zone. */
export const decider = (settings: Settings): Decider<Command, Event, ElectionCalendarState, ElectionCalendarError> => ({
  decide: decide(settings),
  evolve,
  initialState
})
