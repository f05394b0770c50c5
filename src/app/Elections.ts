/**
 * The election use cases: register an election on a voting day's
 * calendar, plan its tasks, mark a task done (a division head: only the
 * tasks their division is responsible for) or missed; read the merged
 * calendar and its compliance on a day.
 *
 * @module
 */
import { Effect } from "effect"
import * as ElectionCalendar from "../elections/ElectionCalendar.js"
import type { Election } from "../elections/Election.js"
import type { ElectionId, TaskId } from "../kernel/Ids.js"
import type { Day } from "../kernel/Period.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import * as Access from "./Access.js"
import { CityContext, now } from "./City.js"
import { notFound } from "./Errors.js"
import type { Principal } from "./Principal.js"

const denied = (e: ReturnType<typeof Access.require>) => (e._tag === "Left" ? Effect.fail(e.left) : Effect.void)
const keyOptions = (p: Principal, key: string | undefined) =>
  key === undefined ? {} : { idempotencyKey: Access.scopedKey(p, key) }

/** A calendar as a use case answers it: its state, stream version and merged calendar. */
export interface Answer {
  readonly calendar: string
  readonly version: number
  readonly state: ElectionCalendar.ElectionCalendarState
  readonly merged: Effect.Effect.Success<ReturnType<typeof mergedOf>>
}

const mergedOf = (state: ElectionCalendar.ElectionCalendarState) =>
  Effect.flatMap(Effect.either(ElectionCalendar.calendarOf(state)), (e) => e)

const answerOf = (calendar: string, state: ElectionCalendar.ElectionCalendarState, version: number) =>
  Effect.map(mergedOf(state), (merged): Answer => ({ calendar, version, state, merged }))

/** Loads an existing calendar (none: `RecordNotFound`). */
export const load = (calendar: string) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const l = yield* CommandHandler.load(city.elections, calendar)
    if (l.version === 0) return yield* Effect.fail(notFound("calendar", calendar))
    return l
  })

const run = (p: Principal, calendar: string, cmd: ElectionCalendar.Command, key?: string) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const r = yield* CommandHandler.handle(city.elections, calendar, cmd, keyOptions(p, key))
    return yield* answerOf(calendar, r.state, r.version)
  })

/** Registers an election on a calendar (created with its first election). */
export const registerElection = (p: Principal, calendar: string, election: Election, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "registerElection"))
    return yield* run(
      p,
      calendar,
      ElectionCalendar.RegisterElection.make({ election, at: yield* now, actor: p.subject }),
      key
    )
  })

/** Plans tasks of a registered election. */
export const planTasks = (
  p: Principal,
  calendar: string,
  fields: Omit<ElectionCalendar.PlanTasks, "_tag" | "at" | "actor">,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "planElectionTasks"))
    return yield* run(
      p,
      calendar,
      ElectionCalendar.PlanTasks.make({ ...fields, at: yield* now, actor: p.subject }),
      key
    )
  })

/** Marks a task done on a day: a division head only a task their division is responsible for. */
export const markDone = (p: Principal, calendar: string, task: TaskId, on: Day, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "markTaskDone"))
    const l = yield* load(calendar)
    const responsible = l.state.plans.find((x) => x.task.id === task)?.task.responsible
    yield* denied(Access.ownDivision(p, "markTaskDone", responsible, `the task ${task}`))
    return yield* run(p, calendar, ElectionCalendar.MarkDone.make({ task, on, at: yield* now, actor: p.subject }), key)
  })

/** Marks a task missed. */
export const markMissed = (p: Principal, calendar: string, task: TaskId, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "markTaskMissed"))
    yield* load(calendar)
    return yield* run(p, calendar, ElectionCalendar.MarkMissed.make({ task, at: yield* now, actor: p.subject }), key)
  })

/** Reads a calendar with its merged tasks. */
export const read = (p: Principal, calendar: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readElectionCalendar"))
    const l = yield* load(calendar)
    return yield* answerOf(calendar, l.state, l.version)
  })

/** The violations of a calendar as of a day. */
export const compliance = (p: Principal, calendar: string, asOf: Day) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readElectionCalendar"))
    const l = yield* load(calendar)
    const violations = yield* Effect.flatMap(Effect.either(ElectionCalendar.complianceOf(l.state, asOf)), (e) => e)
    return { calendar, asOf, violations }
  })

/** The ids of a calendar's elections. */
export const electionsOf = (state: ElectionCalendar.ElectionCalendarState): ReadonlyArray<ElectionId> =>
  state.elections.map((e) => e.id)
