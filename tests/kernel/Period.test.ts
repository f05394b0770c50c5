import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Schema } from "effect"
import { Period } from "../../src/index.js"
import * as A from "../../src/testing/KernelArbitraries.js"

const d = Period.unsafeDay

describe("Period: parse and format", () => {
  it("parses each kind from its canonical form", () => {
    expect(Period.kindOf(Either.getOrThrow(Period.parse("2021-03-01")))).toBe("day")
    expect(Period.kindOf(Either.getOrThrow(Period.parse("2020-03")))).toBe("month")
    expect(Period.kindOf(Either.getOrThrow(Period.parse("2021-Q2")))).toBe("quarter")
    expect(Period.kindOf(Either.getOrThrow(Period.parse("2021")))).toBe("year")
    expect(Period.kindOf(Either.getOrThrow(Period.parse("2021..2030")))).toBe("horizon")
  })

  it.each([
    ["2021-02-29", "day"],
    ["2021-13-01", "day"],
    ["2021-04-31", "day"],
    ["21-04-01", "day"],
    ["1899-12-31", "day"],
    ["2200-01-01", "day"],
    ["2021-00", "month"],
    ["2021-Q5", "quarter"],
    ["2030..2021", "horizon"],
    ["", "period"],
    ["2021-3-1", "period"]
  ] as const)("rejects %s with a typed InvalidPeriod", (input, kind) => {
    const parsers = {
      day: Period.parseDay,
      month: Period.parseMonth,
      quarter: Period.parseQuarter,
      year: Period.parseYear,
      horizon: Period.parseHorizon,
      period: Period.parse
    }
    const r = parsers[kind](input)
    expect(Either.isLeft(r)).toBe(true)
    if (Either.isLeft(r)) {
      expect(r.left._tag).toBe("InvalidPeriod")
      expect(r.left.expected).toBe(kind)
      expect(r.left.message).toContain(input === "" ? '""' : input)
    }
  })

  it("accepts 29 February only in leap years", () => {
    expect(Either.isRight(Period.parseDay("2020-02-29"))).toBe(true)
    expect(Either.isRight(Period.parseDay("2000-02-29"))).toBe(true)
    expect(Either.isLeft(Period.parseDay("1900-02-29"))).toBe(true)
  })

  it.prop("parse after format is the identity", [A.period], ([p]) => {
    expect(Period.parse(Period.format(p))).toStrictEqual(Either.right(p))
  })

  it.prop("the Schema round-trips every period", [A.period], ([p]) => {
    const encoded = Schema.encodeSync(Period.Period)(p)
    expect(Schema.decodeUnknownSync(Period.Period)(encoded)).toBe(p)
  })

  it("decoding a malformed day through the Schema names the problem", () => {
    const r = Schema.decodeUnknownEither(Period.Day)("2021-02-30")
    expect(Either.isLeft(r)).toBe(true)
    expect(String(Either.isLeft(r) ? r.left : "")).toContain("YYYY-MM-DD")
  })
})

describe("Period: containment", () => {
  it.prop("every day belongs to exactly one month, quarter and year", [A.day], ([day]) => {
    const month = Period.monthOf(day),
      quarter = Period.quarterOf(day),
      year = Period.yearOf(day)
    expect(Period.contains(month, day)).toBe(true)
    expect(Period.contains(quarter, day)).toBe(true)
    expect(Period.contains(year, day)).toBe(true)
    // exactly one: the neighbouring periods do not contain it
    const prev = Period.previousMonth(month),
      next = Period.nextMonth(month)
    expect(Period.contains(prev, day) || Period.contains(next, day)).toBe(false)
    expect(Period.children(year).filter((q) => Period.contains(q, day))).toStrictEqual([quarter])
    expect(Period.children(quarter).filter((m) => Period.contains(m, day))).toStrictEqual([month])
  })

  it.prop("a period contains exactly the days its children contain", [fc.oneof(A.month, A.quarter, A.year)], ([p]) => {
    const fromChildren = Period.children(p).flatMap((c) => Period.days(c))
    expect(fromChildren).toStrictEqual(Period.days(p))
    expect(Period.length(p)).toBe(fromChildren.length)
  })

  it.prop("a horizon contains exactly the days of its years", [A.horizon], ([h]) => {
    const years = Period.children(h)
    expect(Period.firstDay(h)).toBe(Period.firstDay(years[0]!))
    expect(Period.lastDay(h)).toBe(Period.lastDay(years[years.length - 1]!))
    let total = 0
    for (const y of years) total += Period.length(y)
    expect(total).toBe(Period.length(h))
  })

  it.prop("the parent of a period contains it", [fc.oneof(A.day, A.month, A.quarter)], ([p]) => {
    const parent = Option.getOrThrow(Period.parent(p))
    expect(Period.containsPeriod(parent, p)).toBe(true)
    expect(Period.children(parent)).toContain(p)
  })

  it("years and horizons have no parent; days have no children", () => {
    expect(Option.isNone(Period.parent(Period.unsafeYear("2021")))).toBe(true)
    expect(Option.isNone(Period.parent(Period.unsafeHorizon("2021..2030")))).toBe(true)
    expect(Period.children(d("2021-01-01"))).toStrictEqual([])
  })

  it("knows the quarters and month lengths", () => {
    expect(Period.quarterOf(d("2021-04-08"))).toBe("2021-Q2")
    expect(Period.lastDay(Period.unsafeMonth("2020-02"))).toBe("2020-02-29")
    expect(Period.lastDay(Period.unsafeQuarter("2021-Q4"))).toBe("2021-12-31")
    expect(Period.months(Period.unsafeQuarter("2021-Q3"))).toStrictEqual(["2021-07", "2021-08", "2021-09"])
    expect(Period.children(Period.unsafeHorizon("2021..2030"))).toHaveLength(10)
  })
})

describe("Period: day arithmetic", () => {
  it.prop("addDays and daysBetween are inverse", [A.day, fc.integer({ min: -3000, max: 3000 })], ([day, n]) => {
    fc.pre(Period.yearNumber(day) > 1910 && Period.yearNumber(day) < 2189)
    expect(Period.daysBetween(day, Period.addDays(day, n))).toBe(n)
  })

  it.prop("epoch days order days as their strings do", [A.day, A.day], ([a, b]) => {
    expect(Math.sign(Period.epochDay(a) - Period.epochDay(b))).toBe(Period.compare(a, b))
    expect(Period.fromEpochDay(Period.epochDay(a))).toBe(a)
  })

  it("is independent of the process time zone (tests run in America/Sao_Paulo)", () => {
    expect(process.env.TZ).toBe("America/Sao_Paulo")
    // Brazil's DST transitions at local midnight used to make naive local-time arithmetic skip a day.
    expect(Period.addDays(d("2018-11-03"), 1)).toBe("2018-11-04")
    expect(Period.addDays(d("2018-11-04"), 1)).toBe("2018-11-05")
    expect(Period.isoWeekday(d("2021-09-19"))).toBe(7)
    expect(Period.daysBetween(d("2021-01-01"), d("2022-01-01"))).toBe(365)
  })

  it("compares the same period a year earlier", () => {
    expect(Period.samePeriodPreviousYear(Period.unsafeMonth("2020-03"))).toBe("2019-03")
    expect(Period.samePeriodPreviousYear(Period.unsafeQuarter("2021-Q2"))).toBe("2020-Q2")
    expect(Period.samePeriodPreviousYear(Period.unsafeYear("2020"))).toBe("2019")
    expect(Period.samePeriodPreviousYear(d("2020-02-29"))).toBe("2019-02-28")
  })
})
