import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { Decider, Elections, Period, TimeZone } from "../../src/index.js"
import type { Ids } from "../../src/index.js"
import { runs } from "../support/runs.js"

const { ElectionCalendar: CD, Election, Reference2021, Rule, Task, Template } = Elections
type State = Elections.ElectionCalendar.ElectionCalendarState
type Command = Elections.ElectionCalendar.Command
type Event = Elections.ElectionCalendar.Event

const decider = CD.decider({ timeZone: TimeZone.KHABAROVSK })
const actor = "clerk-1" as Ids.ActorId
const day = Period.unsafeDay
const tid = (s: string) => s as Ids.TaskId
/** Noon in Khabarovsk (UTC+10) on a day, shifted by whole days: no process-local time. */
const noonIn = (d: Period.Day, shift = 0): Date => {
  const p = Period.dayParts(d)
  return new Date(Date.UTC(p.year, p.month - 1, p.day, 2) + shift * 86_400_000)
}
const encodeState = Schema.encodeSync(CD.ElectionCalendarState)
const snapshot = (s: State) => JSON.stringify(encodeState(s))

describe("the 2021 election calendar, worked through", () => {
  const at = noonIn(day("2021-06-23"))
  const setup: ReadonlyArray<Command> = [
    ...Reference2021.elections.map((election) => new CD.RegisterElection({ election, at, actor })),
    ...Reference2021.elections.map(
      (e) => new CD.PlanTasks({ election: e.id, tasks: [Template.tasks[0]!, ...Template.tasks.slice(1)], at, actor })
    )
  ]
  const planned = Either.getOrThrow(Decider.run(decider, setup))

  it("three elections, one merged calendar of the template's tasks", () => {
    expect(planned.events.map((e) => e._tag)).toStrictEqual([
      "ElectionRegistered",
      "ElectionRegistered",
      "ElectionRegistered",
      "TasksPlanned",
      "TasksPlanned",
      "TasksPlanned"
    ])
    const calendar = Either.getOrThrow(CD.calendarOf(planned.state))
    expect(calendar.tasks.length).toBe(Template.tasks.length)
    expect(calendar.tasks.every((t) => t.elections.length === 3)).toBe(true)
  })

  it("done on time: without violations; the lists a day late: a violation for all three", () => {
    const done = (task: string, on: string): Command =>
      new CD.MarkDone({ task: tid(task), on: day(on), at: noonIn(day(on)), actor })
    const onTime = [
      done("premises-for-commissions", "2021-06-24"),
      done("campaign-material-places", "2021-08-16"),
      done("polling-station-lists", "2021-08-05"),
      done("premises-on-website", "2021-08-06"),
      done("voter-information", "2021-09-06"),
      done("equipment-and-transport", "2021-09-15"),
      done("security-with-police", "2021-09-14")
    ]
    const ok = Either.getOrThrow(Decider.run(decider, [...setup, ...onTime]))
    expect(CD.complianceOf(ok.state, day("2021-09-20"))).toStrictEqual(Either.right([]))
    const late = Either.getOrThrow(
      Decider.run(decider, [...setup, onTime[0]!, onTime[1]!, done("polling-station-lists", "2021-08-10")])
    )
    const v = Either.getOrThrow(CD.complianceOf(late.state, day("2021-08-11")))
    expect(v.map((x) => [x._tag, x.task, x.elections.length])).toStrictEqual([["DoneLate", "polling-station-lists", 3]])
  })

  it("rejections are typed and change nothing", () => {
    const s = planned.state
    const before = snapshot(s)
    const cases: ReadonlyArray<readonly [Command, string]> = [
      [new CD.RegisterElection({ election: Reference2021.governor, at, actor }), "ElectionAlreadyRegistered"],
      [
        new CD.RegisterElection({
          election: new Election.Election({
            ...Reference2021.governor,
            id: "other" as Ids.ElectionId,
            votingDays: [day("2021-09-12")]
          }),
          at,
          actor
        }),
        "VotingDayMismatch"
      ],
      [
        new CD.PlanTasks({ election: "nope" as Ids.ElectionId, tasks: [Template.premisesForCommissions], at, actor }),
        "UnknownElection"
      ],
      [
        new CD.PlanTasks({
          election: Reference2021.governor.id,
          tasks: [
            new Task.TaskDefinition({
              ...Template.premisesForCommissions,
              timing: Rule.withinDaysFrom(5, Rule.callingPublished)
            })
          ],
          at,
          actor
        }),
        "ConflictingDefinition"
      ],
      [
        new CD.PlanTasks({
          election: Reference2021.governor.id,
          tasks: [
            new Task.TaskDefinition({
              ...Template.premisesForCommissions,
              id: tid("x"),
              timing: Rule.fromDayOf(Rule.task(tid("ghost")))
            })
          ],
          at,
          actor
        }),
        "UnknownAnchor"
      ],
      [new CD.MarkDone({ task: tid("ghost"), on: day("2021-06-23"), at, actor }), "UnknownTask"],
      [new CD.MarkDone({ task: tid("premises-for-commissions"), on: day("2021-06-24"), at, actor }), "DoneInFuture"],
      [new CD.MarkDone({ task: tid("polling-station-lists"), on: day("2021-06-23"), at, actor }), "DependencyNotDone"]
    ]
    for (const [c, tag] of cases) {
      const r = decider.decide(c, s)
      expect(Either.isLeft(r) && r.left._tag).toBe(tag)
    }
    const missed = Either.getOrThrow(
      Decider.handle(decider, s, new CD.MarkMissed({ task: tid("premises-for-commissions"), at, actor }))
    )
    const again = decider.decide(new CD.MarkMissed({ task: tid("premises-for-commissions"), at, actor }), missed.state)
    expect(Either.isLeft(again) && again.left._tag).toBe("TaskClosed")
    expect(snapshot(s)).toBe(before)
  })

  it("planning the same tasks again is accepted with no events", () => {
    const r = decider.decide(
      new CD.PlanTasks({ election: Reference2021.stateDuma.id, tasks: [Template.pollingStationLists], at, actor }),
      planned.state
    )
    expect(r).toStrictEqual(Either.right([]))
  })
})

// ---- model-based test -------------------------------------------------------------

const other = new Election.Election({
  ...Reference2021.governor,
  id: "mayor-2021" as Ids.ElectionId,
  votingDays: [day("2021-09-12")]
})
const electionPool = [...Reference2021.elections, other]
const def = (id: string, timing: Elections.Rule.Timing, dependsOn: ReadonlyArray<string> = []) =>
  new Task.TaskDefinition({
    id: tid(id),
    title: `Мероприятие ${id}`,
    timing,
    responsible: "press-service" as Ids.DivisionId,
    dependsOn: dependsOn.map(tid),
    source: "67-FZ art. 11.1",
    termByLaw: true
  })
const taskPool = [
  def("a", Rule.withinDaysFrom(10, Rule.callingPublished)),
  def("a", Rule.withinDaysFrom(5, Rule.callingPublished)), // another definition of "a"
  def("b", Rule.notLaterThanBefore(40, Rule.votingDay()), ["a"]),
  def("c", Rule.withinDaysFrom(3, Rule.task(tid("b"))), ["b"]),
  def("d", Rule.fixedDate(day("2021-08-01"))),
  def("g", Rule.fromDayOf(Rule.task(tid("ghost"))))
]
const taskIds = ["a", "b", "c", "d", "g", "ghost"]
const encodeDef = Schema.encodeSync(Task.TaskDefinition)
const keyOf = (d: Elections.Task.TaskDefinition) => JSON.stringify(encodeDef(d))

interface Model {
  votingDay: Period.Day | undefined
  readonly elections: Set<string>
  readonly planned: Map<string, Map<string, Elections.Task.TaskDefinition>>
  readonly status: Map<string, { readonly tag: "Done" | "Missed"; readonly on?: Period.Day }>
}
interface Real {
  state: State
  readonly events: Array<Event>
}

/** Runs a command on the real decider; the model says whether it is accepted (and which errors may refuse it). */
const step = (
  real: Real,
  cmd: Command,
  expected:
    | { readonly accept: true; readonly apply: () => void }
    | { readonly accept: false; readonly tags: ReadonlyArray<string> }
) => {
  const before = snapshot(real.state)
  const r = Decider.handle(decider, real.state, cmd)
  if (expected.accept) {
    if (Either.isLeft(r)) throw new Error(`expected ${cmd._tag} to be accepted, got ${r.left._tag}: ${r.left.message}`)
    real.state = r.right.state
    real.events.push(...r.right.events)
    expected.apply()
  } else {
    if (Either.isRight(r)) throw new Error(`expected ${cmd._tag} to be rejected with ${expected.tags.join("|")}`)
    expect(expected.tags).toContain(r.left._tag)
    expect(snapshot(real.state)).toBe(before) // a rejected command changes nothing
  }
  // replaying the events reproduces the state
  expect(snapshot(Decider.replay(decider, real.events))).toBe(snapshot(real.state))
}

const agree = (m: Model, real: Real) => {
  expect(real.state.elections.map((e) => e.id).sort()).toStrictEqual([...m.elections].sort())
  expect(real.state.votingDay).toBe(m.votingDay)
  for (const e of real.state.elections) {
    expect(
      CD.tasksOf(real.state, e.id)
        .map((t) => t.id)
        .sort()
    ).toStrictEqual([...(m.planned.get(e.id)?.keys() ?? [])].sort())
  }
  for (const id of taskIds) {
    const s = CD.statusOf(real.state, tid(id))
    const ms = m.status.get(id)
    expect(s._tag).toBe(ms?.tag ?? "Planned")
    if (s._tag === "Done") expect(s.on).toBe(ms?.on)
  }
  // every accepted history keeps the calendar computable, with each task listing the elections that planned it
  const calendar = Either.getOrThrow(CD.calendarOf(real.state))
  for (const t of calendar.tasks) {
    const planners = [...m.planned]
      .filter(([, ts]) => ts.has(t.id))
      .map(([e]) => e)
      .sort()
    expect(t.elections).toStrictEqual(planners)
  }
}

class RegisterCmd implements fc.Command<Model, Real> {
  constructor(readonly election: Elections.Election.Election) {}
  check = () => true
  run(m: Model, r: Real) {
    const e = this.election
    const last = Election.lastVotingDay(e)
    const cmd = new CD.RegisterElection({ election: e, at: noonIn(day("2021-06-20")), actor })
    if (m.elections.has(e.id)) step(r, cmd, { accept: false, tags: ["ElectionAlreadyRegistered"] })
    else if (m.votingDay !== undefined && m.votingDay !== last)
      step(r, cmd, { accept: false, tags: ["VotingDayMismatch"] })
    else
      step(r, cmd, {
        accept: true,
        apply: () => {
          m.elections.add(e.id)
          m.votingDay ??= last
        }
      })
    agree(m, r)
  }
  toString = () => `Register(${this.election.id})`
}

class PlanCmd implements fc.Command<Model, Real> {
  constructor(
    readonly election: Elections.Election.Election,
    readonly tasks: readonly [Elections.Task.TaskDefinition, ...Array<Elections.Task.TaskDefinition>]
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const cmd = new CD.PlanTasks({
      election: this.election.id,
      tasks: this.tasks,
      at: noonIn(day("2021-06-21")),
      actor
    })
    if (!m.elections.has(this.election.id)) return step(r, cmd, { accept: false, tags: ["UnknownElection"] })
    const existing = m.planned.get(this.election.id) ?? new Map<string, Elections.Task.TaskDefinition>()
    const seen = new Set<string>()
    const fresh: Array<Elections.Task.TaskDefinition> = []
    for (const t of this.tasks) {
      if (seen.has(t.id)) return step(r, cmd, { accept: false, tags: ["DuplicateTask"] })
      seen.add(t.id)
      const old = existing.get(t.id)
      if (old === undefined) fresh.push(t)
      else if (keyOf(old) !== keyOf(t)) return step(r, cmd, { accept: false, tags: ["ConflictingDefinition"] })
    }
    const combined = new Set([...existing.keys(), ...fresh.map((t) => t.id)])
    const unresolved = [...existing.values(), ...fresh].some((t) => Task.prerequisites(t).some((p) => !combined.has(p)))
    if (fresh.length > 0 && unresolved)
      return step(r, cmd, { accept: false, tags: ["UnknownAnchor", "UnknownDependency"] })
    step(r, cmd, {
      accept: true,
      apply: () => {
        const map = m.planned.get(this.election.id) ?? new Map<string, Elections.Task.TaskDefinition>()
        for (const t of fresh) map.set(t.id, t)
        m.planned.set(this.election.id, map)
      }
    })
    agree(m, r)
  }
  toString = () =>
    `Plan(${this.election.id}, [${this.tasks.map((t) => `${t.id}:${Rule.isRule(t.timing) ? Elections.Phrase.render(t.timing) : t.timing.date}`).join(", ")}])`
}

class DoneCmd implements fc.Command<Model, Real> {
  constructor(
    readonly task: string,
    readonly on: Period.Day,
    readonly shift: number
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const cmd = new CD.MarkDone({ task: tid(this.task), on: this.on, at: noonIn(this.on, this.shift), actor })
    const defs = [...m.planned.values()].flatMap((ts) => {
      const d = ts.get(this.task)
      return d === undefined ? [] : [d]
    })
    if (defs.length === 0) return step(r, cmd, { accept: false, tags: ["UnknownTask"] })
    if (m.status.has(this.task)) return step(r, cmd, { accept: false, tags: ["TaskClosed"] })
    if (this.shift < 0) return step(r, cmd, { accept: false, tags: ["DoneInFuture"] })
    const deps = new Set(defs.flatMap((d) => d.dependsOn))
    const blocked = [...deps].some((d) => {
      const s = m.status.get(d)
      return s?.tag !== "Done" || s.on! > this.on
    })
    if (blocked) return step(r, cmd, { accept: false, tags: ["DependencyNotDone"] })
    step(r, cmd, { accept: true, apply: () => m.status.set(this.task, { tag: "Done", on: this.on }) })
    agree(m, r)
  }
  toString = () => `Done(${this.task}, ${this.on}, shift ${this.shift})`
}

class MissedCmd implements fc.Command<Model, Real> {
  constructor(readonly task: string) {}
  check = () => true
  run(m: Model, r: Real) {
    const cmd = new CD.MarkMissed({ task: tid(this.task), at: noonIn(day("2021-09-20")), actor })
    const known = [...m.planned.values()].some((ts) => ts.has(this.task))
    if (!known) return step(r, cmd, { accept: false, tags: ["UnknownTask"] })
    if (m.status.has(this.task)) return step(r, cmd, { accept: false, tags: ["TaskClosed"] })
    step(r, cmd, { accept: true, apply: () => m.status.set(this.task, { tag: "Missed" }) })
    agree(m, r)
  }
  toString = () => `Missed(${this.task})`
}

const dayArb = fc.integer({ min: 0, max: 110 }).map((n) => Period.addDays(day("2021-06-10"), n))
const commands = [
  fc.constantFrom(...electionPool).map((e) => new RegisterCmd(e)),
  fc
    .tuple(fc.constantFrom(...electionPool), fc.subarray(taskPool, { minLength: 1 }), fc.boolean())
    .map(
      ([e, ts, shuffle]) =>
        new PlanCmd(
          e,
          (shuffle ? [...ts].reverse() : ts) as [Elections.Task.TaskDefinition, ...Array<Elections.Task.TaskDefinition>]
        )
    ),
  fc
    .tuple(fc.constantFrom(...taskIds), dayArb, fc.constantFrom(-1, 0, 0, 1))
    .map(([t, on, s]) => new DoneCmd(t, on, s)),
  fc.constantFrom(...taskIds).map((t) => new MissedCmd(t))
]

describe("the election calendar decider: model-based", () => {
  it("random command sequences agree with the model; rejected commands change nothing; replay reproduces the state", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const model: Model = { votingDay: undefined, elections: new Set(), planned: new Map(), status: new Map() }
        const real: Real = { state: decider.initialState, events: [] }
        fc.modelRun(() => ({ model, real }), cmds)
      }),
      { numRuns: runs(200) }
    )
  })

  it("a pinned sequence: plan, do the dependency late, then the dependent task", () => {
    const model: Model = { votingDay: undefined, elections: new Set(), planned: new Map(), status: new Map() }
    const real: Real = { state: decider.initialState, events: [] }
    fc.modelRun(
      () => ({ model, real }),
      [
        new RegisterCmd(Reference2021.stateDuma),
        new PlanCmd(Reference2021.stateDuma, [taskPool[2]!, taskPool[0]!]),
        new DoneCmd("b", day("2021-08-01"), 0),
        new DoneCmd("a", day("2021-08-02"), 0),
        new DoneCmd("b", day("2021-08-01"), 0),
        new DoneCmd("b", day("2021-08-03"), 0)
      ]
    )
    expect(real.events.map((e) => e._tag)).toStrictEqual(["ElectionRegistered", "TasksPlanned", "TaskDone", "TaskDone"])
  })
})
