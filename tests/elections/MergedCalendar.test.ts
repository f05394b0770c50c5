import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { Elections, Period } from "../../src/index.js"
import * as A from "../../src/testing/ElectionsArbitraries.js"

const { MergedCalendar, Reference2021, Task, Template } = Elections

describe("the 2021 single voting day: three elections, one calendar", () => {
  const calendar = Either.getOrThrow(
    MergedCalendar.plan(Reference2021.elections.map((election) => ({ election, tasks: Template.tasks })))
  )

  it("each template task appears once, listing the three elections", () => {
    expect(calendar.tasks.map((t) => t.id).sort()).toStrictEqual(Template.tasks.map((t) => t.id).sort())
    for (const t of calendar.tasks) {
      expect(t.elections).toStrictEqual(["city-duma-district-3-2021", "governor-2021", "state-duma-2021"])
    }
  })

  it("the lists of polling stations: one date, 9 August 2021, no conflict", () => {
    const lists = MergedCalendar.find(calendar, "polling-station-lists" as never)
    expect(lists?.date).toBe("2021-08-09")
    expect(lists?.conflict).toBeUndefined()
  })

  it("premises: the decisions were published on different days; the earliest date is kept and the conflict says why", () => {
    const premises = MergedCalendar.find(calendar, "premises-for-commissions" as never)!
    // governor published 16 June -> 26 June; State Duma 18 June -> 28 June; City Duma 22 June -> 2 July
    expect(premises.date).toBe("2021-06-26")
    expect(premises.from).toBe("2021-06-22")
    expect(premises.to).toBe("2021-06-26")
    expect(premises.conflict?.chosen).toBe("2021-06-26")
    expect(premises.conflict?.dates.map((d) => [d.election, d.date])).toStrictEqual([
      ["city-duma-district-3-2021", "2021-07-02"],
      ["governor-2021", "2021-06-26"],
      ["state-duma-2021", "2021-06-28"]
    ])
    expect(premises.conflict?.message).toContain("the earliest, 2021-06-26, is kept")
  })

  it("one task, two dates whose allowed days do not overlap: the earliest is kept and the conflict says so", () => {
    const def = (timing: Elections.Rule.Timing) =>
      new Task.TaskDefinition({ ...Template.voterInformation, dependsOn: [], timing })
    const both = Either.getOrThrow(
      MergedCalendar.plan([
        // State Duma: not earlier than 5 days before the voting day, i.e. from 13 September 2021
        {
          election: Reference2021.stateDuma,
          tasks: [def(Elections.Rule.notEarlierThanBefore(5, Elections.Rule.votingDay()))]
        },
        // Governor: not later than 40 days before, i.e. by 9 August 2021
        {
          election: Reference2021.governor,
          tasks: [def(Elections.Rule.notLaterThanBefore(40, Elections.Rule.votingDay()))]
        }
      ])
    )
    const t = both.tasks[0]!
    expect([both.tasks.length, t.date, t.from, t.to]).toStrictEqual([1, "2021-08-09", "2021-09-13", "2021-08-09"])
    expect(t.conflict?.dates.map((d) => [d.election, d.date, d.wording])).toStrictEqual([
      ["governor-2021", "2021-08-09", "не позднее чем за 40 дней до дня голосования"],
      ["state-duma-2021", "2021-09-13", "не ранее чем за 5 дней до дня голосования"]
    ])
    expect(t.conflict?.message).toBe(
      "task voter-information has different dates for its elections (governor-2021: 2021-08-09 («не позднее чем за 40 дней до дня голосования»); " +
        "state-duma-2021: 2021-09-13 («не ранее чем за 5 дней до дня голосования»)); the earliest, 2021-08-09, is kept so that the task meets every election's term; " +
        "the allowed days do not overlap (from 2021-09-13, to 2021-08-09), so some election's term cannot be met"
    )
  })

  it("the calendar reads in date order", () => {
    const dates = calendar.tasks.map((t) => t.date)
    expect(dates).toStrictEqual([...dates].sort())
  })
})

describe("one calendar, one voting day", () => {
  const mayor = new Elections.Election.Election({
    ...Reference2021.governor,
    id: "mayor-2021" as Elections.Election.Election["id"],
    votingDays: [Period.unsafeDay("2021-09-12")]
  })
  it("elections of another voting day are a typed error naming the election, whatever the order", () => {
    const expected = Either.left(
      new MergedCalendar.VotingDayMismatch({
        election: mayor.id,
        expected: Period.unsafeDay("2021-09-19"),
        actual: Period.unsafeDay("2021-09-12"),
        message:
          "election mayor-2021 votes on 2021-09-12, the calendar's voting day is 2021-09-19 (election governor-2021): one calendar serves the elections of one voting day"
      })
    )
    const plans = [Reference2021.governor, mayor, Reference2021.stateDuma].map((election) => ({
      election,
      tasks: Template.tasks
    }))
    expect(MergedCalendar.plan(plans)).toStrictEqual(expected)
    expect(MergedCalendar.plan([...plans].reverse())).toStrictEqual(expected)
  })
  it("one-day and multi-day voting ending on the same day share a calendar", () => {
    const oneDay = new Elections.Election.Election({
      ...Reference2021.cityDumaDistrict3,
      votingDays: [Period.unsafeDay("2021-09-19")]
    })
    const merged = Either.getOrThrow(
      MergedCalendar.plan([Reference2021.stateDuma, oneDay].map((election) => ({ election, tasks: Template.tasks })))
    )
    // "1 day before the first voting day": 15 September for the State Duma (voting from 17 September), 17 September for the one-day by-election
    expect(
      MergedCalendar.find(merged, "security-with-police" as never)?.conflict?.dates.map((d) => d.date)
    ).toStrictEqual(["2021-09-17", "2021-09-15"])
  })
  it.prop(
    "plan answers a calendar exactly when the elections' last voting days agree",
    [A.electionWithPlan(3), A.electionWithPlan(3), fc.boolean()],
    ([a, b, sameDay]) => {
      const second = new Elections.Election.Election({
        ...b.election,
        id: `${a.election.id}-b` as Elections.Election.Election["id"],
        ...(sameDay ? { votingDays: a.election.votingDays, calling: a.election.calling } : {})
      })
      const r = MergedCalendar.plan([a, { election: second, tasks: b.tasks }])
      const agree = Elections.Election.lastVotingDay(a.election) === Elections.Election.lastVotingDay(second)
      expect(Either.isRight(r)).toBe(agree)
      if (Either.isLeft(r)) expect(r.left._tag).toBe("VotingDayMismatch")
    }
  )
})

const encode = Schema.encodeSync(MergedCalendar.MergedCalendar)
const same = (a: Elections.MergedCalendar.MergedCalendar, b: Elections.MergedCalendar.MergedCalendar) =>
  expect(encode(a)).toStrictEqual(encode(b))

/** Calendars for elections of one voting day, drawing tasks from a shared pool of ids so that tasks overlap. */
const calendars = (count: number) =>
  fc
    .tuple(
      A.election,
      fc.array(fc.tuple(A.taskPlan(5), fc.integer({ min: 0, max: 60 })), { minLength: count, maxLength: count })
    )
    .map(([base, plans]) =>
      plans.map(([tasks, shift], i) => {
        const election = new Elections.Election.Election({
          ...base,
          id: `${base.id}-${i}` as Elections.Election.Election["id"],
          calling: new Elections.Election.CallingDecision({
            ...base.calling,
            publishedOn: Period.maxDay(Period.addDays(base.calling.publishedOn, -shift), base.calling.date)
          })
        })
        return {
          election,
          tasks,
          calendar: MergedCalendar.fromSchedules(Either.getOrThrow(Task.schedule(election, tasks)))
        }
      })
    )

describe("merge invariants", () => {
  it.prop("a merged calendar contains every task of every election, each once", [calendars(3)], ([cs]) => {
    const merged = MergedCalendar.mergeAll(cs.map((c) => c.calendar))
    const ids = merged.tasks.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const c of cs) {
      for (const t of c.tasks) {
        const m = merged.tasks.find((x) => x.id === t.id)
        expect(m?.elections).toContain(c.election.id)
        expect(m?.schedules.filter((s) => s.election === c.election.id).length).toBe(1)
      }
    }
    expect(MergedCalendar.schedules(merged).length).toBe(cs.reduce((n, c) => n + c.tasks.length, 0))
    for (const t of merged.tasks) {
      expect(t.date).toBe(t.schedules.map((s) => s.date).sort()[0])
      expect(t.conflict === undefined).toBe(new Set(t.schedules.map((s) => s.date)).size === 1)
    }
  })

  it.prop("merging is commutative", [calendars(2)], ([[a, b]]) => {
    same(MergedCalendar.merge(a!.calendar, b!.calendar), MergedCalendar.merge(b!.calendar, a!.calendar))
  })

  it.prop("merging is associative", [calendars(3)], ([[a, b, c]]) => {
    same(
      MergedCalendar.merge(MergedCalendar.merge(a!.calendar, b!.calendar), c!.calendar),
      MergedCalendar.merge(a!.calendar, MergedCalendar.merge(b!.calendar, c!.calendar))
    )
  })

  it.prop("merging is idempotent and has the empty calendar as unit", [calendars(1)], ([[a]]) => {
    same(MergedCalendar.merge(a!.calendar, a!.calendar), a!.calendar)
    same(MergedCalendar.merge(MergedCalendar.empty, a!.calendar), a!.calendar)
  })
})
