/**
 * Arbitraries of election-calendar commands for the storage tests: the
 * three concurrent elections of 19 September 2021 and the template tasks,
 * registered, planned, done and missed in random orders.
 */
import { FastCheck as fc } from "effect"
import * as CalendarDecider from "../../src/elections/CalendarDecider.js"
import * as Reference2021 from "../../src/elections/Reference2021.js"
import * as Template from "../../src/elections/Template.js"
import type { ActorId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"

const by = "clerk-1" as ActorId
const at = fc.integer({ min: Date.UTC(2021, 5, 20), max: Date.UTC(2021, 9, 1) }).map((ms) => new Date(ms))
const day = fc.integer({ min: Period.epochDay(Period.unsafeDay("2021-06-18")), max: Period.epochDay(Period.unsafeDay("2021-09-30")) }).map(Period.fromEpochDay)
const taskId = fc.constantFrom(...Template.tasks.map((t) => t.id))

/** A command to a 2021 election calendar (most accepted in typical states, some refused). */
export const command: fc.Arbitrary<CalendarDecider.Command> = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...Reference2021.elections), at).map(([election, at]) => new CalendarDecider.RegisterElection({ election, at, by })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...Reference2021.elections.map((e) => e.id)), fc.subarray([...Template.tasks], { minLength: 1 }), at)
      .map(([election, tasks, at]) => new CalendarDecider.PlanTasks({ election, tasks: [tasks[0]!, ...tasks.slice(1)], at, by }))
  },
  { weight: 4, arbitrary: fc.tuple(taskId, day, at).map(([task, on, at]) => new CalendarDecider.MarkDone({ task, on, at, by })) },
  { weight: 1, arbitrary: fc.tuple(taskId, at).map(([task, at]) => new CalendarDecider.MarkMissed({ task, at, by })) }
)

/** The calendar streams commands are spread over. */
export const ids: ReadonlyArray<string> = ["2021-09-19", "2021-09-19-b"]
