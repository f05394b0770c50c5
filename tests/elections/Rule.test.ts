import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option } from "effect"
import { Calendar, Elections, Period, TimeZone } from "../../src/index.js"
import type { Ids } from "../../src/index.js"
import * as A from "../../src/testing/ElectionsArbitraries.js"

const { Rule } = Elections
const day = Period.unsafeDay
const sept19 = day("2021-09-19")
const anchors2021 = Rule.anchors({
  votingDays: [day("2021-09-17"), day("2021-09-18"), sept19],
  publishedOn: day("2021-06-18")
})

describe("67-FZ art. 11.1 counting: worked examples", () => {
  it("not later than 40 days before 19 September 2021 is 9 August 2021 (not the naive 10 August)", () => {
    expect(Rule.lastDayNotLaterThan(sept19, 40)).toBe("2021-08-09")
    expect(Rule.lastDayNotLaterThan(sept19, 40)).not.toBe(Period.addDays(sept19, -40))
    expect(Rule.window(Rule.notLaterThanBefore(40, Rule.votingDay("last")), anchors2021)).toStrictEqual(
      Either.right({ from: undefined, to: day("2021-08-09") })
    )
  })

  it("not later than 1 day before a Sunday voting day is the Friday", () => {
    expect(Period.isoWeekday(sept19)).toBe(7)
    const friday = Rule.lastDayNotLaterThan(sept19, 1)
    expect(friday).toBe("2021-09-17")
    expect(Period.isoWeekday(friday)).toBe(5)
  })

  it("not earlier than N days before X: the first allowed day, counted the same way", () => {
    expect(Rule.window(Rule.notEarlierThanBefore(40, Rule.votingDay()), anchors2021)).toStrictEqual(
      Either.right({ from: day("2021-08-09"), to: undefined })
    )
  })

  it("multi-day voting: a rule says whether it counts from the first or the last voting day", () => {
    expect(Rule.window(Rule.notLaterThanBefore(1, Rule.votingDay("first")), anchors2021)).toStrictEqual(
      Either.right({ from: undefined, to: day("2021-09-15") })
    )
    expect(Rule.window(Rule.notLaterThanBefore(1, Rule.votingDay("last")), anchors2021)).toStrictEqual(
      Either.right({ from: undefined, to: day("2021-09-17") })
    )
  })

  it("from the day of E: the first allowed day is the date of E itself", () => {
    expect(Rule.window(Rule.fromDayOf(Rule.callingPublished), anchors2021)).toStrictEqual(
      Either.right({ from: day("2021-06-18"), to: undefined })
    )
  })

  it("from the day of E: and not before the instant of E", () => {
    const published = new Date("2021-06-18T05:00:00Z") // 15:00 in Khabarovsk
    const tz = "Asia/Vladivostok"
    expect(Rule.isFromDayOf(published, new Date("2021-06-18T04:59:59Z"), tz)).toBe(false)
    expect(Rule.isFromDayOf(published, new Date("2021-06-18T05:00:00Z"), tz)).toBe(true)
    expect(Rule.isFromDayOf(published, new Date("2021-06-19T00:00:00Z"), tz)).toBe(true)
    expect(Rule.isFromDayOf(published, new Date("2021-06-17T05:00:00Z"), tz)).toBe(false)
  })

  it("within 10 days from the day of publication: from the date of E to E + 10", () => {
    expect(Rule.window(Rule.withinDaysFrom(10, Rule.callingPublished), anchors2021)).toStrictEqual(
      Either.right({ from: day("2021-06-18"), to: day("2021-06-28") })
    )
  })

  it("deadlines are calendar days: they do not move off weekends", () => {
    // 40 days before 22 September 2019 (a Sunday) is Monday 12 August; 41 days before, Sunday 11 August, stays.
    expect(Rule.lastDayNotLaterThan(day("2019-09-22"), 41)).toBe("2019-08-11")
    expect(Period.isWeekend(day("2019-08-11"))).toBe(true)
  })

  it("deadlines are calendar days: they do not move off holidays", () => {
    const russia = Calendar.russia()
    // not later than 98 days before 19 September 2021: 12 June 2021, Russia Day — it stays on the holiday
    expect(Rule.window(Rule.notLaterThanBefore(98, Rule.votingDay()), anchors2021)).toStrictEqual(
      Either.right({ from: undefined, to: day("2021-06-12") })
    )
    expect(Calendar.dayKind(russia, day("2021-06-12"))).toStrictEqual(Either.right("holiday"))
    // not later than 96 days before: Monday 14 June 2021, a day off by transfer — it stays too
    expect(Rule.lastDayNotLaterThan(sept19, 96)).toBe("2021-06-14")
    expect(Calendar.isWorkingDay(russia, day("2021-06-14"))).toStrictEqual(Either.right(false))
  })

  it("a rule anchored on an unknown task is a typed error", () => {
    const r = Rule.window(Rule.notLaterThanBefore(3, Rule.task("no-such-task" as Ids.TaskId)), anchors2021)
    expect(Either.isLeft(r) && r.left._tag).toBe("UnknownAnchor")
  })

  it("a rule anchored on a known task counts from its day", () => {
    const lists = "lists" as Ids.TaskId
    const withTask = {
      ...anchors2021,
      task: (id: Ids.TaskId) => (id === lists ? Option.some(day("2021-08-09")) : Option.none())
    }
    expect(Rule.window(Rule.withinDaysFrom(3, Rule.task(lists)), withTask)).toStrictEqual(
      Either.right({ from: day("2021-08-09"), to: day("2021-08-12") })
    )
  })
})

describe("counting invariants", () => {
  it.prop(
    "not later than N days before is N + 1 days earlier; not earlier than is never after it",
    [A.votingDay, A.days],
    ([x, n]) => {
      const notLater = Rule.lastDayNotLaterThan(x, n)
      const notEarlier = Rule.firstDayNotEarlierThan(x, n)
      // "not later than N days before": exactly N + 1 days earlier
      expect(Period.daysBetween(notLater, x)).toBe(n + 1)
      // "not earlier than" is never after "not later than" for the same N
      expect(notEarlier <= notLater).toBe(true)
    }
  )

  it.prop(
    "for any voting day(s), N and anchor day (first or last): the rules' windows and a plan's dates are N + 1 days before it, «не ранее» never after «не позднее»",
    [A.election, A.days, fc.constantFrom<"first" | "last">("first", "last")],
    ([election, n, which]) => {
      const x =
        which === "first" ? Elections.Election.firstVotingDay(election) : Elections.Election.lastVotingDay(election)
      const days = Rule.anchors({ votingDays: election.votingDays, publishedOn: election.calling.publishedOn })
      const notLater = Either.getOrThrow(Rule.window(Rule.notLaterThanBefore(n, Rule.votingDay(which)), days))
      const notEarlier = Either.getOrThrow(Rule.window(Rule.notEarlierThanBefore(n, Rule.votingDay(which)), days))
      expect(notLater.from).toBeUndefined()
      expect(notEarlier.to).toBeUndefined()
      expect(Period.daysBetween(notLater.to!, x)).toBe(n + 1)
      expect(Period.daysBetween(notEarlier.from!, x)).toBe(n + 1)
      expect(notEarlier.from! <= notLater.to!).toBe(true)
      // the same through a task's schedule: the task's date is that day
      const def = (id: string, timing: Elections.Rule.Timing) =>
        new Elections.Task.TaskDefinition({
          id: id as Ids.TaskId,
          title: id,
          timing,
          responsible: "organisational-department" as Ids.DivisionId,
          dependsOn: [],
          source: "67-FZ art. 11.1",
          termByLaw: true
        })
      const plan = Either.getOrThrow(
        Elections.Task.schedule(election, [
          def("later", Rule.notLaterThanBefore(n, Rule.votingDay(which))),
          def("earlier", Rule.notEarlierThanBefore(n, Rule.votingDay(which)))
        ])
      )
      const [earlier, later] = plan
      expect([earlier!.id, later!.id]).toStrictEqual(["earlier", "later"])
      expect(Period.daysBetween(later!.date, x)).toBe(n + 1)
      expect(earlier!.date <= later!.date).toBe(true)
    }
  )

  it.prop(
    "not later than 1 day before a Sunday is the Friday; N days before keeps the weekday of X − (N + 1)",
    [A.votingDay, A.days],
    ([x, n]) => {
      const sunday = Period.addDays(x, 7 - Period.isoWeekday(x))
      expect(Period.isoWeekday(Rule.lastDayNotLaterThan(sunday, 1))).toBe(5)
      expect(Period.isoWeekday(Rule.lastDayNotLaterThan(x, n))).toBe(
        ((Period.isoWeekday(x) - 1 - ((n + 1) % 7) + 7) % 7) + 1
      )
    }
  )

  const MS_1950 = Date.UTC(1950, 0, 1),
    MS_2150 = Date.UTC(2150, 0, 1),
    TWO_DAYS = 2 * 86_400_000
  /** An event's instant and an act's instant, often on the same or the neighbouring local day. */
  const instants = fc
    .tuple(
      fc.integer({ min: MS_1950, max: MS_2150 }),
      fc.oneof(
        fc.integer({ min: -TWO_DAYS, max: TWO_DAYS }),
        fc.integer({ min: MS_1950 - MS_2150, max: MS_2150 - MS_1950 })
      )
    )
    .map(([e, d]) => [new Date(e), new Date(Math.min(MS_2150, Math.max(MS_1950, e + d)))] as const)
  it.prop(
    "from the day of E: allowed exactly from the instant of E, which lies on the first allowed day",
    [instants],
    ([[e, at]]) => {
      const tz = "Asia/Vladivostok"
      // the first allowed day is the local date of E: nothing earlier is allowed, E itself is
      if (Rule.isFromDayOf(e, at, tz))
        expect(Either.getOrThrow(TimeZone.localDay(at, tz)) >= Either.getOrThrow(TimeZone.localDay(e, tz))).toBe(true)
      expect(Rule.isFromDayOf(e, at, tz)).toBe(at.getTime() >= e.getTime())
      expect(Rule.isFromDayOf(e, e, tz)).toBe(true)
    }
  )

  it.prop("a larger N is an earlier last day", [A.votingDay, A.days, A.days], ([x, n, m]) => {
    // a larger N is an earlier day
    if (n < m) expect(Rule.lastDayNotLaterThan(x, m) < Rule.lastDayNotLaterThan(x, n)).toBe(true)
  })

  it.prop("within N days from E ends exactly N days after E", [A.votingDay, A.days], ([e, n]) => {
    const w = Rule.window(
      Rule.withinDaysFrom(n, Rule.votingDay()),
      Rule.anchors({ votingDays: [e], publishedOn: Period.addDays(e, -100) })
    )
    expect(
      Either.isRight(w) && w.right.from === e && w.right.to !== undefined && Period.daysBetween(e, w.right.to) === n
    ).toBe(true)
  })
})

describe("rule helpers", () => {
  it("fixed dates are their own window; anchorTask names the anchor task", () => {
    expect(Rule.window(Rule.fixedDate(day("2021-07-01")), anchors2021)).toStrictEqual(
      Either.right({ from: undefined, to: day("2021-07-01") })
    )
    expect(Rule.anchorTask(Rule.fromDayOf(Rule.task("x" as Ids.TaskId)))).toBe("x")
    expect(Rule.anchorTask(Rule.fixedDate(day("2021-07-01")))).toBeUndefined()
    fc.assert(fc.property(A.timing, (t) => Rule.isRule(t) === (t._tag !== "FixedDate")))
  })
})
