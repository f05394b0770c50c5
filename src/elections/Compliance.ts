/**
 * Compliance: given what was done and when, the violations of the
 * calendar's terms — a task done after its last allowed day, done before
 * its first allowed day, or not done (missed, or still planned after its
 * last allowed day). An election is "without violations" when its list is
 * empty.
 *
 * Terms are counted as in {@link Task.schedule}, from the days the anchor
 * tasks were actually done.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections, Period } from "cityhall"
 *
 * const r = Elections.Compliance.check({
 *   plans: [{ election: Elections.Reference2021.stateDuma, tasks: Elections.Template.tasks }],
 *   statuses: new Map(),
 *   asOf: Period.unsafeDay("2021-09-20")
 * }) // Either.right: every task NotDone
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import { ElectionId, TaskId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import type * as Election from "./Election.js"
import * as Task from "./Task.js"
import type { TaskStatus } from "./Task.js"

/** Done after the last allowed day. */
export class DoneLate extends Schema.TaggedClass<DoneLate>("ComplianceDoneLate")("DoneLate", {
  task: TaskId,
  elections: Schema.NonEmptyArray(ElectionId),
  lastAllowed: Day,
  doneOn: Day
}) {}

/** Done before the first allowed day. */
export class DoneEarly extends Schema.TaggedClass<DoneEarly>("ComplianceDoneEarly")("DoneEarly", {
  task: TaskId,
  elections: Schema.NonEmptyArray(ElectionId),
  firstAllowed: Day,
  doneOn: Day
}) {}

/** Not done: missed, or still planned after its last allowed day. */
export class NotDone extends Schema.TaggedClass<NotDone>("ComplianceNotDone")("NotDone", {
  task: TaskId,
  elections: Schema.NonEmptyArray(ElectionId),
  lastAllowed: Schema.optionalWith(Day, { exact: true }),
  missed: Schema.Boolean
}) {}

/** A violation of the calendar's terms. */
export const Violation = Schema.Union(DoneLate, DoneEarly, NotDone)
/** @see Violation */
export type Violation = typeof Violation.Type

/** What the check needs: each election with its tasks, the statuses, and the day of the check. */
export interface CheckInput {
  readonly plans: ReadonlyArray<{
    readonly election: Election.Election
    readonly tasks: ReadonlyArray<Task.TaskDefinition>
  }>
  readonly statuses: ReadonlyMap<TaskId, TaskStatus>
  readonly asOf: Day
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The violations as of a day, one per task and kind, listing the elections
 * whose term is broken (for a late task: the earliest broken last day).
 * Ordered by task id, then kind.
 */
export const check = (input: CheckInput): Either.Either<ReadonlyArray<Violation>, Task.ScheduleError> => {
  const done = new Map<TaskId, Day>()
  for (const [id, s] of input.statuses) if (s._tag === "Done") done.set(id, s.on)
  return Either.map(Either.all(input.plans.map((p) => Task.schedule(p.election, p.tasks, done))), (all) => {
    type Acc = {
      kind: Violation["_tag"]
      task: TaskId
      elections: Array<ElectionId>
      bound: Day | undefined
      doneOn: Day | undefined
      missed: boolean
    }
    const acc = new Map<string, Acc>()
    const add = (
      kind: Violation["_tag"],
      s: Task.ScheduledTask,
      bound: Day | undefined,
      doneOn: Day | undefined,
      missed: boolean
    ) => {
      const k = `${s.id}\u0000${kind}`
      const a = acc.get(k)
      if (a === undefined) acc.set(k, { kind, task: s.id, elections: [s.election], bound, doneOn, missed })
      else {
        if (!a.elections.includes(s.election)) a.elections.push(s.election)
        if (
          bound !== undefined &&
          (a.bound === undefined || (kind === "DoneEarly" ? bound > a.bound : bound < a.bound))
        )
          a.bound = bound
      }
    }
    for (const s of all.flat()) {
      const status = input.statuses.get(s.id)
      if (status === undefined || status._tag === "Planned") {
        if (s.to !== undefined && s.to < input.asOf) add("NotDone", s, s.to, undefined, false)
      } else if (status._tag === "Missed") {
        add("NotDone", s, s.to, undefined, true)
      } else {
        if (s.to !== undefined && status.on > s.to) add("DoneLate", s, s.to, status.on, false)
        if (s.from !== undefined && status.on < s.from) add("DoneEarly", s, s.from, status.on, false)
      }
    }
    return [...acc.values()]
      .sort((a, b) => byString(a.task, b.task) || byString(a.kind, b.kind))
      .map((a): Violation => {
        const sorted = [...a.elections].sort(byString)
        const elections: readonly [ElectionId, ...Array<ElectionId>] = [sorted[0]!, ...sorted.slice(1)]
        switch (a.kind) {
          case "DoneLate":
            return new DoneLate({ task: a.task, elections, lastAllowed: a.bound!, doneOn: a.doneOn! })
          case "DoneEarly":
            return new DoneEarly({ task: a.task, elections, firstAllowed: a.bound!, doneOn: a.doneOn! })
          case "NotDone":
            return new NotDone({
              task: a.task,
              elections,
              ...(a.bound === undefined ? {} : { lastAllowed: a.bound }),
              missed: a.missed
            })
        }
      })
  })
}

/** The violations concerning one election. */
export const violationsOf = (violations: ReadonlyArray<Violation>, election: ElectionId): ReadonlyArray<Violation> =>
  violations.filter((v) => v.elections.includes(election))

/** Whether an election was prepared "without violations of electoral legislation": its list is empty. */
export const withoutViolations = (violations: ReadonlyArray<Violation>, election: ElectionId): boolean =>
  violationsOf(violations, election).length === 0
