/**
 * fast-check arbitraries for the elections area: rules, timings, elections,
 * task plans (acyclic, every anchor and dependency known), polling
 * stations, and the election calendar's commands, events and state —
 * derived from the Schemas where a Schema exists, so a third party's tests
 * draw the same values as cityhall's own.
 *
 * @module
 */
import { Arbitrary, FastCheck as fc } from "effect"
import type { DivisionId, TaskId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import * as ElectionCalendar from "../elections/ElectionCalendar.js"
import * as Compliance from "../elections/Compliance.js"
import * as Election from "../elections/Election.js"
import * as PollingStation from "../elections/PollingStation.js"
import * as Rule from "../elections/Rule.js"
import * as Task from "../elections/Task.js"

/** A number of days in a rule (1..999). */
export const days: fc.Arbitrary<number> = fc.integer({ min: 1, max: 999 })

/** A voting day between 1950 and 2150 (so that rule arithmetic stays in range). */
export const votingDay: fc.Arbitrary<Period.Day> = fc
  .integer({
    min: Period.epochDay(Period.unsafeDay("1950-01-01")),
    max: Period.epochDay(Period.unsafeDay("2150-01-01"))
  })
  .map(Period.fromEpochDay)

/** Any anchor (a task anchor names any well-formed task id). */
export const anchor: fc.Arbitrary<Rule.Anchor> = Arbitrary.make(Rule.Anchor)

/** Any rule. */
export const rule: fc.Arbitrary<Rule.Rule> = Arbitrary.make(Rule.Rule)

/** Any timing: a rule or a fixed date. */
export const timing: fc.Arbitrary<Rule.Timing> = Arbitrary.make(Rule.Timing)

/** Any valid election (voting 1950..2150, publication 1..120 days before the first voting day). */
export const election: fc.Arbitrary<Election.Election> = Arbitrary.make(Election.Election)

/** Any task definition (its anchors and dependencies name arbitrary tasks). */
export const taskDefinition: fc.Arbitrary<Task.TaskDefinition> = Arbitrary.make(Task.TaskDefinition)

/** Any task status. */
export const taskStatus: fc.Arbitrary<Task.TaskStatus> = Arbitrary.make(Task.TaskStatus)

/** A rule anchored on the voting day (first or last) or the publication, or on one of `tasks`. */
export const ruleOn = (tasks: ReadonlyArray<TaskId>): fc.Arbitrary<Rule.Rule> => {
  const anchors: Array<fc.Arbitrary<Rule.Anchor>> = [
    fc.constantFrom<"first" | "last">("first", "last").map(Rule.votingDay),
    fc.constant(Rule.callingPublished)
  ]
  if (tasks.length > 0) anchors.push(fc.constantFrom(...tasks).map(Rule.task))
  const a = fc.oneof(...anchors)
  return fc.oneof(
    fc.tuple(days, a).map(([n, x]) => Rule.notLaterThanBefore(n, x)),
    fc.tuple(days, a).map(([n, x]) => Rule.notEarlierThanBefore(n, x)),
    a.map(Rule.fromDayOf),
    fc.tuple(days, a).map(([n, x]) => Rule.withinDaysFrom(n, x))
  )
}

const division = fc
  .constantFrom("organisational-department", "property-committee", "press-service")
  .map((d) => d as DivisionId)

/**
 * A well-formed plan of `1..maxTasks` tasks with ids `t0`, `t1`, …: task
 * `i` is anchored on and depends on tasks before it only, so the plan is
 * acyclic and every anchor and dependency is known. Days stay small so the
 * rules count within the representable range.
 */
export const taskPlan = (maxTasks = 8, prefix = "t"): fc.Arbitrary<ReadonlyArray<Task.TaskDefinition>> =>
  fc.integer({ min: 1, max: maxTasks }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}` as TaskId)
    return fc.tuple(
      ...ids.map((id, i) => {
        const before = ids.slice(0, i)
        return fc
          .record({
            timing: ruleOn(before).map((r): Rule.Timing => r),
            responsible: division,
            dependsOn: before.length === 0 ? fc.constant<Array<TaskId>>([]) : fc.subarray(before),
            termByLaw: fc.boolean()
          })
          .map(
            (r) =>
              new Task.TaskDefinition({
                id,
                title: `Мероприятие ${id}`,
                timing: r.timing,
                responsible: r.responsible,
                dependsOn: r.dependsOn,
                source: "67-FZ art. 11.1",
                termByLaw: r.termByLaw
              })
          )
      })
    )
  })

/** An election with a well-formed plan of its tasks. */
export const electionWithPlan = (
  maxTasks = 8
): fc.Arbitrary<{ readonly election: Election.Election; readonly tasks: ReadonlyArray<Task.TaskDefinition> }> =>
  fc.record({ election, tasks: taskPlan(maxTasks) })

/** Any polling station. */
export const pollingStation: fc.Arbitrary<PollingStation.PollingStation> = Arbitrary.make(PollingStation.PollingStation)

/** Any violation. */
export const violation: fc.Arbitrary<Compliance.Violation> = Arbitrary.make(Compliance.Violation)

/** Any command to the election calendar (not necessarily accepted). */
export const command: fc.Arbitrary<ElectionCalendar.Command> = Arbitrary.make(ElectionCalendar.Command)

/** Any event of the election calendar. */
export const event: fc.Arbitrary<ElectionCalendar.Event> = Arbitrary.make(ElectionCalendar.Event)
