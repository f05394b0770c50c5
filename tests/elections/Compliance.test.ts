import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Elections, Period } from "../../src/index.js"
import type { Ids } from "../../src/index.js"
import * as A from "../../src/testing/ElectionsArbitraries.js"

const { Compliance, Reference2021, Task, Template } = Elections
const day = Period.unsafeDay
const id = (s: string) => s as Ids.TaskId
const plans = Reference2021.elections.map((election) => ({ election, tasks: Template.tasks }))
const allOnTime = new Map<Ids.TaskId, Elections.Task.TaskStatus>([
  [id("premises-for-commissions"), new Task.Done({ on: day("2021-06-24") })],
  [id("polling-station-lists"), new Task.Done({ on: day("2021-08-05") })],
  [id("premises-on-website"), new Task.Done({ on: day("2021-08-06") })],
  [id("campaign-material-places"), new Task.Done({ on: day("2021-08-16") })],
  [id("voter-information"), new Task.Done({ on: day("2021-09-06") })],
  [id("equipment-and-transport"), new Task.Done({ on: day("2021-09-15") })],
  [id("security-with-police"), new Task.Done({ on: day("2021-09-14") })]
])
const asOf = day("2021-09-20")

describe("compliance of the 2021 preparation", () => {
  it("everything done in time: the three elections are without violations", () => {
    const v = Either.getOrThrow(Compliance.check({ plans, statuses: allOnTime, asOf }))
    expect(v).toStrictEqual([])
    for (const e of Reference2021.elections) expect(Compliance.withoutViolations(v, e.id)).toBe(true)
  })

  it("lists published on 10 August (the naive day) are late for every election", () => {
    const statuses = new Map(allOnTime).set(id("polling-station-lists"), new Task.Done({ on: day("2021-08-10") }))
    const v = Either.getOrThrow(Compliance.check({ plans, statuses, asOf }))
    expect(v).toStrictEqual([
      new Compliance.DoneLate({
        task: id("polling-station-lists"),
        elections: ["city-duma-district-3-2021", "governor-2021", "state-duma-2021"] as never,
        lastAllowed: day("2021-08-09"),
        doneOn: day("2021-08-10")
      }),
      // the website task counts from the day the lists were actually published: 10..13 August, so 6 August is early
      new Compliance.DoneEarly({
        task: id("premises-on-website"),
        elections: ["city-duma-district-3-2021", "governor-2021", "state-duma-2021"] as never,
        firstAllowed: day("2021-08-10"),
        doneOn: day("2021-08-06")
      })
    ])
    expect(
      Either.getOrThrow(
        Compliance.check({
          plans,
          statuses: statuses.set(id("premises-on-website"), new Task.Done({ on: day("2021-08-13") })),
          asOf
        })
      ).map((x) => x._tag)
    ).toStrictEqual(["DoneLate"])
  })

  it("premises on 27 June: late only for the Governor's election (published 16 June)", () => {
    const statuses = new Map(allOnTime).set(id("premises-for-commissions"), new Task.Done({ on: day("2021-06-27") }))
    const v = Either.getOrThrow(Compliance.check({ plans, statuses, asOf }))
    expect(v.map((x) => [x._tag, x.elections])).toStrictEqual([["DoneLate", ["governor-2021"]]])
    expect(Compliance.withoutViolations(v, Reference2021.stateDuma.id)).toBe(true)
    expect(Compliance.withoutViolations(v, Reference2021.governor.id)).toBe(false)
  })

  it("premises on 20 June: before the City Duma decision was published (22 June) — done early for the by-election", () => {
    const statuses = new Map(allOnTime).set(id("premises-for-commissions"), new Task.Done({ on: day("2021-06-20") }))
    const v = Either.getOrThrow(Compliance.check({ plans, statuses, asOf }))
    expect(v).toStrictEqual([
      new Compliance.DoneEarly({
        task: id("premises-for-commissions"),
        elections: ["city-duma-district-3-2021"] as never,
        firstAllowed: day("2021-06-22"),
        doneOn: day("2021-06-20")
      })
    ])
  })

  it("a missed task and a task still planned after its last day are not done", () => {
    const statuses = new Map(allOnTime)
    statuses.set(id("security-with-police"), new Task.Missed())
    statuses.delete(id("voter-information"))
    const v = Either.getOrThrow(Compliance.check({ plans, statuses, asOf }))
    expect(v.map((x) => [x._tag, x.task, x._tag === "NotDone" ? x.missed : null])).toStrictEqual([
      ["NotDone", "security-with-police", true],
      ["NotDone", "voter-information", false]
    ])
    // before its last day, a planned task is no violation yet
    expect(
      Either.getOrThrow(Compliance.check({ plans, statuses, asOf: day("2021-09-08") })).map((x) => x.task)
    ).toStrictEqual(["security-with-police"])
  })

  it("nothing done by the day after voting: every task is not done, for every election", () => {
    const v = Either.getOrThrow(Compliance.check({ plans, statuses: new Map(), asOf }))
    expect(v.length).toBe(Template.tasks.length)
    expect(v.every((x) => x._tag === "NotDone" && x.elections.length === 3)).toBe(true)
  })
})

describe("compliance invariants", () => {
  const latest = (days: ReadonlyArray<Period.Day>) => days.reduce((a, b) => (a > b ? a : b))

  it.prop(
    "every task done on its date: without violations; one done the day after its last allowed day: done late for its election",
    [A.electionWithPlan(6), fc.nat()],
    ([{ election, tasks }, pick]) => {
      const plan = Either.getOrThrow(Task.schedule(election, tasks))
      const statuses = new Map<Ids.TaskId, Elections.Task.TaskStatus>(
        plan.map((t) => [t.id, new Task.Done({ on: t.date })])
      )
      const asOf = Period.addDays(latest(plan.map((t) => t.date)), 1)
      const onTime = Either.getOrThrow(Compliance.check({ plans: [{ election, tasks }], statuses, asOf }))
      expect(onTime).toStrictEqual([])
      expect(Compliance.withoutViolations(onTime, election.id)).toBe(true)
      const bounded = plan.filter((t) => t.to !== undefined)
      if (bounded.length === 0) return
      const late = bounded[pick % bounded.length]!
      statuses.set(late.id, new Task.Done({ on: Period.addDays(late.to!, 1) }))
      const v = Either.getOrThrow(Compliance.check({ plans: [{ election, tasks }], statuses, asOf }))
      expect(v).toContainEqual(
        new Compliance.DoneLate({
          task: late.id,
          elections: [election.id],
          lastAllowed: late.to!,
          doneOn: Period.addDays(late.to!, 1)
        })
      )
      expect(Compliance.withoutViolations(v, election.id)).toBe(false)
    }
  )

  it.prop(
    "nothing done: after every last allowed day, exactly the tasks with one are not done, none before; missed tasks are not done on any day",
    [A.electionWithPlan(6)],
    ([{ election, tasks }]) => {
      const plan = Either.getOrThrow(Task.schedule(election, tasks))
      const bounded = plan.filter((t) => t.to !== undefined)
      const check = (statuses: ReadonlyMap<Ids.TaskId, Elections.Task.TaskStatus>, asOf: Period.Day) =>
        Either.getOrThrow(Compliance.check({ plans: [{ election, tasks }], statuses, asOf }))
      if (bounded.length > 0) {
        const after = check(new Map(), Period.addDays(latest(bounded.map((t) => t.to!)), 1))
        expect(after.map((v) => [v._tag, v.task])).toStrictEqual(bounded.map((t) => ["NotDone", t.id]))
        const firstDue = bounded.map((t) => t.to!).reduce((a, b) => (a < b ? a : b))
        expect(check(new Map(), firstDue)).toStrictEqual([])
      }
      const missed = check(
        new Map(plan.map((t) => [t.id, new Task.Missed()])),
        Elections.Election.firstVotingDay(election)
      )
      expect(missed.map((v) => [v._tag, v.task, v._tag === "NotDone" && v.missed])).toStrictEqual(
        plan.map((t) => ["NotDone", t.id, true])
      )
    }
  )
})
