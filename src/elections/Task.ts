/**
 * Tasks of the administration for an election: a rule (or a fixed date), a
 * responsible division, dependencies on other tasks, its legal source, and
 * a status (planned, done on a date, missed); and the schedule of one
 * election's tasks.
 *
 * A task's **date** is its last allowed day when its rule bounds it from
 * above ("не позднее чем за ...", "в течение ..."), otherwise its first
 * allowed day ("не ранее чем за ...", "со дня ..."). Preparation ends with
 * the voting: a task whose rule is not anchored after the voting day (see
 * {@link Rule.countsForwardFromVoting}) is due at the latest on the last
 * voting day, so its date never lies after it.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections } from "cityhall"
 *
 * const plan = Elections.Task.schedule(Elections.Reference2021.stateDuma, Elections.Template.tasks)
 * if (Either.isRight(plan)) plan.right.find((t) => t.id === "polling-station-lists")?.date // "2021-08-09"
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import { DivisionId, ElectionId, TaskId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import * as Election from "./Election.js"
import { decoder } from "./internal/decode.js"
import { invalid } from "./InvalidElectionInput.js"
import * as Phrase from "./Phrase.js"
import * as Rule from "./Rule.js"
import { Timing, UnknownAnchor } from "./Rule.js"

/** A task of the administration, as written in a template or a plan. */
export class TaskDefinition extends Schema.Class<TaskDefinition>("TaskDefinition")({
  id: TaskId,
  /** What is to be done, in the administration's words. */
  title: Election.Text,
  timing: Timing,
  responsible: DivisionId,
  /** Tasks that must be done before this one. */
  dependsOn: Schema.Array(TaskId),
  /** The legal source of the duty and of its term, e.g. "67-FZ art. 19 p. 7". */
  source: Election.Text,
  /** Whether the term itself is set by law (`false`: the administration's own term for a legal duty). */
  termByLaw: Schema.Boolean
}) {}

/** Decodes a task definition; a bad field is an {@link InvalidElectionInput} naming it. */
export const decodeDefinition = decoder(TaskDefinition, invalid("TaskDefinition"))

/**
 * A task definition as a calendar plan writes it: the same fields, with its
 * timing in words — the rule's Russian phrase, or a fixed date
 * `YYYY-MM-DD` (see {@link Phrase.TimingFromPhrase}). Encoding writes the
 * canonical wording, so `decode(encode(d))` is `d`.
 *
 * @example
 * ```ts
 * import { Elections } from "cityhall"
 *
 * Elections.Task.decodePlanFromWords([{
 *   id: "polling-station-lists",
 *   title: "Опубликование списков избирательных участков",
 *   timing: "не позднее чем за 40 дней до дня голосования",
 *   responsible: "organisational-department",
 *   dependsOn: [],
 *   source: "67-FZ art. 19 p. 7",
 *   termByLaw: true
 * }]) // Either.right([TaskDefinition { timing: NotLaterThanBefore { days: 40, ... }, ... }])
 * ```
 */
export const TaskDefinitionFromWords: Schema.Schema<
  TaskDefinition,
  Omit<typeof TaskDefinition.Encoded, "timing"> & { readonly timing: string }
> = Schema.transform(
  Schema.Struct({ ...TaskDefinition.fields, timing: Phrase.TimingFromPhrase }),
  Schema.typeSchema(TaskDefinition),
  {
    strict: true,
    decode: (written) => new TaskDefinition(written),
    encode: (d) => ({
      id: d.id,
      title: d.title,
      timing: d.timing,
      responsible: d.responsible,
      dependsOn: d.dependsOn,
      source: d.source,
      termByLaw: d.termByLaw
    })
  }
).annotations({ identifier: "TaskDefinitionFromWords" })

/** A calendar plan written in words: a list of {@link TaskDefinitionFromWords}. */
export const PlanFromWords = Schema.Array(TaskDefinitionFromWords)

/**
 * Decodes one task written in words; a bad field is an {@link InvalidElectionInput}
 * naming it, and a phrase not understood is one on `timing` whose message
 * points at the words not understood.
 */
export const decodeFromWords = decoder(TaskDefinitionFromWords, invalid("TaskDefinition"))

/**
 * Decodes a calendar plan written in words; the field of an
 * {@link InvalidElectionInput} starts with the task's index (`2.timing`).
 */
export const decodePlanFromWords = decoder(PlanFromWords, invalid("TaskPlan"))

/** Planned: not done yet. */
export class Planned extends Schema.TaggedClass<Planned>("TaskStatusPlanned")("Planned", {}) {}
/** Done on a date. */
export class Done extends Schema.TaggedClass<Done>("TaskStatusDone")("Done", { on: Day }) {}
/** Missed: it will not be done. */
export class Missed extends Schema.TaggedClass<Missed>("TaskStatusMissed")("Missed", {}) {}

/** The status of a task. */
export const TaskStatus = Schema.Union(Planned, Done, Missed)
/** @see TaskStatus */
export type TaskStatus = typeof TaskStatus.Type

/** A task of one election with its allowed days and date. */
export class ScheduledTask extends Schema.Class<ScheduledTask>("ScheduledTask")({
  id: TaskId,
  election: ElectionId,
  definition: TaskDefinition,
  /** First allowed day, when the rule sets one. */
  from: Schema.optionalWith(Day, { exact: true }),
  /** Last allowed day, when the rule or the end of voting sets one. */
  to: Schema.optionalWith(Day, { exact: true }),
  /** The task's date in the calendar. */
  date: Day,
  /** Whether the rule counts forward from the voting day (directly or through the task it is anchored on). */
  afterVoting: Schema.Boolean
}) {}

/** A task depends on (or is anchored on) a task that is not in the plan. */
export class UnknownDependency extends Schema.TaggedError<UnknownDependency>()("UnknownDependency", {
  task: TaskId,
  dependsOn: TaskId,
  message: Schema.String
}) {}

/** Tasks anchored on or depending on each other in a cycle. */
export class CyclicTasks extends Schema.TaggedError<CyclicTasks>()("CyclicTasks", {
  tasks: Schema.Array(TaskId),
  message: Schema.String
}) {}

/** Two definitions of one task in a plan. */
export class DuplicateTask extends Schema.TaggedError<DuplicateTask>()("DuplicateTask", {
  task: TaskId,
  message: Schema.String
}) {}

/** Any error of {@link schedule}. */
export type ScheduleError = UnknownAnchor | UnknownDependency | CyclicTasks | DuplicateTask

/** The tasks a definition needs first: its dependencies and its anchor task. */
export const prerequisites = (d: TaskDefinition): ReadonlyArray<TaskId> => {
  const a = Rule.anchorTask(d.timing)
  return a === undefined || d.dependsOn.includes(a) ? d.dependsOn : [...d.dependsOn, a]
}

/**
 * Orders definitions so that each comes after its prerequisites; unknown
 * anchors, unknown dependencies, duplicates and cycles are typed errors.
 */
export const order = (
  tasks: ReadonlyArray<TaskDefinition>
): Either.Either<ReadonlyArray<TaskDefinition>, ScheduleError> => {
  const byId = new Map<TaskId, TaskDefinition>()
  for (const t of tasks) {
    if (byId.has(t.id)) return Either.left(new DuplicateTask({ task: t.id, message: `task ${t.id} is defined twice` }))
    byId.set(t.id, t)
  }
  for (const t of tasks) {
    const a = Rule.anchorTask(t.timing)
    if (a !== undefined && !byId.has(a) && t.timing._tag !== "FixedDate") {
      return Either.left(
        new UnknownAnchor({
          anchor: t.timing.anchor,
          message: `task ${t.id} is anchored on task ${a}, which is not planned`
        })
      )
    }
    for (const d of t.dependsOn) {
      if (!byId.has(d))
        return Either.left(
          new UnknownDependency({
            task: t.id,
            dependsOn: d,
            message: `task ${t.id} depends on task ${d}, which is not planned`
          })
        )
    }
  }
  const out: Array<TaskDefinition> = []
  const state = new Map<TaskId, "visiting" | "done">()
  const visit = (t: TaskDefinition, path: ReadonlyArray<TaskId>): CyclicTasks | undefined => {
    const s = state.get(t.id)
    if (s === "done") return undefined
    if (s === "visiting") {
      const cycle = [...path.slice(path.indexOf(t.id)), t.id]
      return new CyclicTasks({ tasks: cycle, message: `tasks depend on each other in a cycle: ${cycle.join(" -> ")}` })
    }
    state.set(t.id, "visiting")
    for (const p of [...prerequisites(t)].sort()) {
      const err = visit(byId.get(p)!, [...path, t.id])
      if (err !== undefined) return err
    }
    state.set(t.id, "done")
    out.push(t)
    return undefined
  }
  for (const t of [...tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const err = visit(t, [])
    if (err !== undefined) return Either.left(err)
  }
  return Either.right(out)
}

/**
 * The schedule of an election's tasks: each task's allowed days and date,
 * counted by 67-FZ art. 11.1 from the election's voting days, the
 * publication of its calling decision, and the dates of the tasks it is
 * anchored on (their done day when `done` gives one, else their date).
 * Tasks come in id order.
 */
export const schedule = (
  election: Election.Election,
  tasks: ReadonlyArray<TaskDefinition>,
  done: ReadonlyMap<TaskId, Day> = new Map()
): Either.Either<ReadonlyArray<ScheduledTask>, ScheduleError> =>
  Either.flatMap(order(tasks), (ordered) => {
    const last = Election.lastVotingDay(election)
    const days = new Map<TaskId, Day>()
    const after = new Map<TaskId, boolean>()
    const out: Array<ScheduledTask> = []
    const anchors = Rule.anchors({
      votingDays: election.votingDays,
      publishedOn: election.calling.publishedOn,
      tasks: days
    })
    for (const d of ordered) {
      const w = Rule.window(d.timing, anchors)
      if (Either.isLeft(w)) return Either.left(w.left)
      const anchoredOn = Rule.anchorTask(d.timing)
      const afterVoting =
        d.timing._tag === "FixedDate"
          ? d.timing.date > last
          : Rule.countsForwardFromVoting(d.timing) || (anchoredOn !== undefined && after.get(anchoredOn) === true)
      const { from } = w.right
      let to = w.right.to
      let date = to ?? from ?? last
      if (!afterVoting) {
        // Preparation ends with the voting: due at the latest on the last voting day.
        to = to === undefined || to > last ? last : to
        if (date > last) date = last
      }
      days.set(d.id, done.get(d.id) ?? date)
      after.set(d.id, afterVoting)
      out.push(
        new ScheduledTask({
          id: d.id,
          election: election.id,
          definition: d,
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          date,
          afterVoting
        })
      )
    }
    out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    return Either.right(out)
  })

/** The days from a task's date to the last voting day (negative after it). */
export const daysBeforeVoting = (t: ScheduledTask, election: Election.Election): number =>
  Period.daysBetween(t.date, Election.lastVotingDay(election))
