import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Calendar, Period, ProductionCalendarData } from "../../src/index.js"
import * as A from "../../src/testing/KernelArbitraries.js"

const d = Period.unsafeDay
const off = Calendar.russia({ presidentialNonWorkingDays: false })
const on = Calendar.russia()
const working = (cal: Calendar.ProductionCalendar, s: string) => Either.getOrThrow(Calendar.isWorkingDay(cal, d(s)))

describe("Calendar: the official figures", () => {
  for (const rules of ProductionCalendarData.YEARS) {
    if (rules.workingDays === undefined) continue
    it(`${rules.year} has ${rules.workingDays} working days (${rules.source})`, () => {
      expect(Calendar.workingDaysIn(off, Period.unsafeYear(rules.year))).toStrictEqual(Either.right(rules.workingDays))
    })
  }

  it("2020 has 248 working days with the decree layer off and 219 with it on", () => {
    expect(Calendar.workingDaysIn(off, Period.unsafeYear("2020"))).toStrictEqual(Either.right(248))
    // 30 Mar - 30 Apr (24 weekdays), 6-8 May, 24 Jun, 1 Jul: 29 working days became non-working
    expect(Calendar.workingDaysIn(on, Period.unsafeYear("2020"))).toStrictEqual(Either.right(219))
  })

  it("2021 has 247 working days with the decree layer off", () => {
    expect(Calendar.workingDaysIn(off, Period.unsafeYear("2021"))).toStrictEqual(Either.right(247))
    // 4-7 May and 1-3 Nov (30 Oct - 7 Nov) were working days made non-working
    expect(Calendar.workingDaysIn(on, Period.unsafeYear("2021"))).toStrictEqual(Either.right(240))
  })

  it("months of 2021 match the official calendar", () => {
    const expected = [15, 19, 22, 22, 19, 21, 22, 22, 22, 21, 20, 22]
    const got = Period.months(Period.unsafeYear("2021")).map((m) => Either.getOrThrow(Calendar.workingDaysIn(off, m)))
    expect(got).toStrictEqual(expected)
  })

  it("months of 2020 match the official calendar", () => {
    const expected = [17, 19, 21, 22, 17, 21, 23, 21, 22, 22, 20, 23]
    const got = Period.months(Period.unsafeYear("2020")).map((m) => Either.getOrThrow(Calendar.workingDaysIn(off, m)))
    expect(got).toStrictEqual(expected)
  })
})

describe("Calendar: Labour Code art. 112 and the decrees", () => {
  it("a non-January holiday on a weekend moves the day off to the next working day", () => {
    // 2020: 23 Feb (Sun) -> 24 Feb; 8 Mar (Sun) -> 9 Mar; 9 May (Sat) -> 11 May
    expect(working(off, "2020-02-24")).toBe(false)
    expect(working(off, "2020-03-09")).toBe(false)
    expect(working(off, "2020-05-11")).toBe(false)
    expect(Calendar.dayKind(off, d("2020-05-11"))).toStrictEqual(Either.right("holidayCompensation"))
    // 2021: 1 May (Sat) -> 3 May, 9 May (Sun) -> 10 May, 12 Jun (Sat) -> 14 Jun
    expect(working(off, "2021-05-03")).toBe(false)
    expect(working(off, "2021-05-10")).toBe(false)
    expect(working(off, "2021-06-14")).toBe(false)
  })

  it("January holidays on a weekend move only by decree", () => {
    // 2021: from Sat 2 Jan to Fri 5 Nov; from Sun 3 Jan to Fri 31 Dec; from Sat 20 Feb to Mon 22 Feb
    expect(Calendar.dayKind(off, d("2021-11-05"))).toStrictEqual(Either.right("transferredDayOff"))
    expect(working(off, "2021-12-31")).toBe(false)
    expect(working(off, "2021-02-20")).toBe(true)
    expect(Calendar.dayKind(off, d("2021-02-20"))).toStrictEqual(Either.right("workingWeekend"))
    expect(working(off, "2021-02-22")).toBe(false)
    expect(working(off, "2021-01-11")).toBe(true)
  })

  it("a decree can move a weekend holiday's day off elsewhere (2025)", () => {
    // from Sun 23 Feb to Thu 8 May, from Sat 8 Mar to Fri 13 Jun: no day off on 24 Feb or 10 Mar
    expect(working(off, "2025-02-24")).toBe(true)
    expect(working(off, "2025-03-10")).toBe(true)
    expect(working(off, "2025-05-08")).toBe(false)
    expect(working(off, "2025-06-13")).toBe(false)
    expect(working(off, "2025-11-01")).toBe(true)
    expect(working(off, "2025-11-03")).toBe(false)
  })

  it("the presidential non-working days are a layer switched on or off", () => {
    expect(working(on, "2020-04-15")).toBe(false)
    expect(Calendar.dayKind(on, d("2020-04-15"))).toStrictEqual(Either.right("presidentialNonWorking"))
    expect(working(off, "2020-04-15")).toBe(true)
    expect(working(on, "2020-06-24")).toBe(false)
    expect(working(on, "2020-07-01")).toBe(false)
    expect(working(on, "2021-05-05")).toBe(false)
    expect(working(on, "2021-11-02")).toBe(false)
    expect(working(off, "2021-11-02")).toBe(true)
  })

  it("a region adds its own days", () => {
    const kazan = Either.getOrThrow(
      Calendar.russiaEither({
        regional: [
          { source: "Указ Президента Республики Татарстан (пример)", nonWorking: [d("2021-07-20")], working: [] }
        ]
      })
    )
    expect(working(kazan, "2021-07-20")).toBe(false)
    expect(Calendar.dayKind(kazan, d("2021-07-20"))).toStrictEqual(Either.right("regionalNonWorking"))
    expect(working(on, "2021-07-20")).toBe(true)
  })

  it("a regional day outside the range, or a transfer onto a day off, is a typed error naming the rule", () => {
    const r = Calendar.russiaEither({ regional: [{ source: "x", nonWorking: [d("2018-01-10")] }] })
    expect(Either.isLeft(r) && [r.left._tag, r.left.rule, r.left.path]).toStrictEqual([
      "InvalidCalendarData",
      "regionalDayOutOfRange",
      "regional[0].nonWorking[0]"
    ])
    const bad = Calendar.russiaEither({
      years: [{ year: 2021, source: "test", transfers: [{ from: "01-02", to: "01-09" }] }]
    })
    expect(Either.isLeft(bad) && [bad.left.rule, bad.left.day]).toStrictEqual(["transferOntoDayOff", "2021-01-09"])
    expect(Either.isLeft(bad) && bad.left.message).toContain("already a day off")
    const twice = Calendar.make([
      { year: 2020, source: "a", transfers: [] },
      { year: 2020, source: "b", transfers: [] }
    ])
    expect(Either.isLeft(twice) && twice.left.rule).toBe("duplicateYear")
  })

  it("years between official years are provisional, not missing", () => {
    const gap = Either.getOrThrow(
      Calendar.make([
        { year: 2020, source: "a", transfers: [] },
        { year: 2022, source: "b", transfers: [] }
      ])
    )
    expect(gap.officialYears).toStrictEqual([2020, 2022])
    expect(gap.officialThrough).toBeUndefined()
    expect(Either.map(Calendar.describe(gap, d("2021-03-01")), (i) => i.provisional)).toStrictEqual(Either.right(true))
    expect(Either.map(Calendar.describe(gap, d("2022-03-01")), (i) => i.provisional)).toStrictEqual(Either.right(false))
  })

  it("a day before 2019 or after 2199 is a typed CalendarOutOfRange, never a guess", () => {
    for (const s of ["2018-12-31", "1900-01-01"]) {
      const r = Calendar.isWorkingDay(on, d(s))
      expect(Either.isLeft(r)).toBe(true)
      if (Either.isLeft(r)) {
        expect(r.left._tag).toBe("CalendarOutOfRange")
        expect(r.left.day).toBe(s)
        expect(r.left.covered).toBe("2019-01-01..2199-12-31")
      }
    }
    expect(Either.isLeft(Calendar.nextWorkingDay(on, d("2199-12-31")))).toBe(true)
    expect(Either.isLeft(Calendar.previousWorkingDay(on, d("2019-01-01")))).toBe(true)
    expect(Either.isLeft(Calendar.addWorkingDays(on, d("2199-12-01"), 40))).toBe(true)
    expect(Either.isLeft(Calendar.addWorkingDays(on, d("2019-01-20"), -40))).toBe(true)
    // a string that is not a day at all (a JavaScript caller) is out of range too, not a crash
    expect(Either.isLeft(Calendar.isWorkingDay(on, "2021-02-30" as Period.Day))).toBe(true)
    expect(Calendar.covers(on, "garbage" as Period.Day)).toBe(false)
  })
})

describe("Calendar: queries", () => {
  // a flag, not the calendar object, so counterexamples print small
  const cal = fc.boolean().map((decreeLayer) => (decreeLayer ? on : off))
  it.prop("next and previous working days are working and nothing between is", [cal, A.dayIn(on, 40)], ([c, day]) => {
    const next = Either.getOrThrow(Calendar.nextWorkingDay(c, day))
    const prev = Either.getOrThrow(Calendar.previousWorkingDay(c, day))
    expect(next > day && prev < day).toBe(true)
    expect(working(c, next) && working(c, prev)).toBe(true)
    for (const between of [
      ...Period.daysInRange(Period.addDays(day, 1), Period.addDays(next, -1)),
      ...Period.daysInRange(Period.addDays(prev, 1), Period.addDays(day, -1))
    ]) {
      expect(working(c, between)).toBe(false)
    }
  })

  it.prop(
    "adding N working days lands on a working day with N working days after the start",
    [cal, A.dayIn(on, 120), fc.integer({ min: 1, max: 60 })],
    ([c, day, n]) => {
      const end = Either.getOrThrow(Calendar.addWorkingDays(c, day, n))
      expect(working(c, end)).toBe(true)
      expect(Calendar.workingDaysBetween(c, Period.addDays(day, 1), end)).toStrictEqual(Either.right(n))
      expect(Calendar.addWorkingDays(c, end, -n)).toStrictEqual(
        working(c, day)
          ? Either.right(day)
          : Calendar.previousWorkingDay(c, Either.getOrThrow(Calendar.nextWorkingDay(c, day)))
      )
    }
  )

  it.prop("working days between adds up over a split", [cal, A.dayIn(on), A.dayIn(on), A.dayIn(on)], ([c, a, b, m]) => {
    const [from, mid, to] = [a, b, m].sort()
    const whole = Either.getOrThrow(Calendar.workingDaysBetween(c, from!, to!))
    const left = Either.getOrThrow(Calendar.workingDaysBetween(c, from!, mid!))
    const right = mid === to ? 0 : Either.getOrThrow(Calendar.workingDaysBetween(c, Period.addDays(mid!, 1), to!))
    expect(left + right).toBe(whole)
  })

  it.prop(
    "working days between two days is the count of working days among them, by brute force",
    [cal, A.dayIn(on), fc.integer({ min: -5, max: 400 })],
    ([c, from, span]) => {
      const to = Period.fromEpochDay(
        Math.max(Period.epochDay(c.firstDay), Math.min(Period.epochDay(from) + span, Period.epochDay(c.lastDay)))
      )
      const brute = Period.daysInRange(from, to).filter((day) => working(c, day)).length
      expect(Calendar.workingDaysBetween(c, from, to)).toStrictEqual(Either.right(brute))
    }
  )

  it.prop(
    "every query about a day outside the data is a typed CalendarOutOfRange naming the day",
    [cal, A.day.filter((day) => day < on.firstDay), fc.integer({ min: -30, max: 30 })],
    ([c, day, n]) => {
      const answers: ReadonlyArray<Either.Either<unknown, Calendar.CalendarOutOfRange | Calendar.InvalidDayCount>> = [
        Calendar.isWorkingDay(c, day),
        Calendar.dayKind(c, day),
        Calendar.nextWorkingDay(c, day),
        Calendar.previousWorkingDay(c, day),
        Calendar.addWorkingDays(c, day, n),
        Calendar.workingDaysBetween(c, day, c.lastDay),
        Calendar.workingDaysBetween(c, c.firstDay, day)
      ]
      for (const r of answers) {
        expect(Either.isLeft(r) && r.left._tag === "CalendarOutOfRange" && r.left.day).toBe(day)
      }
      expect(Calendar.covers(c, day)).toBe(false)
    }
  )

  it("a count of working days that is not whole is a typed InvalidDayCount", () => {
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = Calendar.addWorkingDays(on, d("2021-03-01"), n)
      expect(Either.isLeft(r) && r.left._tag).toBe("InvalidDayCount")
    }
  })

  it("adding zero working days is the day itself", () => {
    expect(Calendar.addWorkingDays(on, d("2021-01-01"), 0)).toStrictEqual(Either.right("2021-01-01"))
    expect(Calendar.addWorkingDays(on, d("2020-12-31"), 1)).toStrictEqual(Either.right("2021-01-11"))
  })
})
