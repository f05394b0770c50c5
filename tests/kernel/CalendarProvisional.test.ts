/**
 * The production calendar never runs out: provisional years by the Labour
 * Code (art. 111, 112), official years as loadable data, and every answer
 * says which it used. The worked examples are the issue's, exactly.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, JSONSchema } from "effect"
import { readFileSync } from "node:fs"
import { Calendar, Period, ProductionCalendarData as Data, Term } from "../../src/index.js"

const d = Period.unsafeDay
const on = Calendar.russia()
const off = Calendar.russia({ presidentialNonWorkingDays: false })
/** Every year provisional: the Labour Code alone. */
const labourCode = Either.getOrThrow(Calendar.make([], { presidentialNonWorkingDays: false }))
const working = (cal: Calendar.ProductionCalendar, s: string) => Either.getOrThrow(Calendar.isWorkingDay(cal, d(s)))
const kind = (cal: Calendar.ProductionCalendar, s: string) => Either.getOrThrow(Calendar.dayKind(cal, d(s)))

/** An independent reading of Labour Code art. 111 and 112 p. 1-2 for one year: the days off, by brute force with Date. */
const daysOffByTheCode = (year: number): ReadonlySet<string> => {
  const off = new Set<string>()
  const weekend = (s: string) => {
    const wd = new Date(`${s}T00:00:00Z`).getUTCDay()
    return wd === 0 || wd === 6
  }
  const all = Period.days(Period.unsafeYear(year))
  for (const s of all) if (weekend(s)) off.add(s)
  const holidays = Data.PUBLIC_HOLIDAYS.map((md) => `${year}-${md}`)
  for (const h of holidays) off.add(h)
  for (const h of holidays) {
    if (h.slice(5).startsWith("01-") || !weekend(h)) continue
    // the next working day after the holiday that is not yet off
    let i = all.indexOf(h as Period.Day) + 1
    while (off.has(all[i]!)) i++
    off.add(all[i]!)
  }
  return off
}

const years = fc.integer({ min: Data.FIRST_YEAR, max: Data.LAST_YEAR })

describe("Calendar: provisional years by the Labour Code (worked examples)", () => {
  it("12 June 2027 is a Saturday, so 14 June 2027 is a day off; provisional", () => {
    expect(Period.isoWeekday(d("2027-06-12"))).toBe(6)
    expect(working(on, "2027-06-14")).toBe(false)
    expect(kind(on, "2027-06-14")).toBe("holidayCompensation")
    expect(Either.map(Calendar.describe(on, d("2027-06-14")), (i) => [i.provisional, i.source])).toStrictEqual(
      Either.right([true, Data.PROVISIONAL_SOURCE])
    )
  })

  it("an appeal registered 2027-05-15: nominal 2027-06-14; previous 2027-06-11, next 2027-06-15, none 2027-06-14, all provisional", () => {
    const of = (policy: Term.EndOfTermPolicy) =>
      Term.deadlineOf({ event: d("2027-05-15"), term: Term.calendarDays(30), calendar: on, policy })
    expect(of("previousWorkingDay")).toStrictEqual(
      Either.right({ day: "2027-06-11", nominal: "2027-06-14", provisional: true })
    )
    expect(of("nextWorkingDay")).toStrictEqual(
      Either.right({ day: "2027-06-15", nominal: "2027-06-14", provisional: true })
    )
    expect(of("none")).toStrictEqual(Either.right({ day: "2027-06-14", nominal: "2027-06-14", provisional: true }))
  })

  it("4 November 2029 is a Sunday, so 5 November 2029 is a day off", () => {
    expect(Period.isoWeekday(d("2029-11-04"))).toBe(7)
    expect(working(on, "2029-11-05")).toBe(false)
    expect(kind(on, "2029-11-05")).toBe("holidayCompensation")
  })

  it("a term from the calendar's first day whose last day is a holiday ends on the next working day, not out of range (found by the property below)", () => {
    // 2019-01-01 + 1 day = 2 January, a holiday; no working day lies between the event and it
    const r = Term.deadlineOf({
      event: d("2019-01-01"),
      term: Term.calendarDays(1),
      calendar: off,
      policy: "previousWorkingDay"
    })
    expect(r).toStrictEqual(Either.right({ day: "2019-01-09", nominal: "2019-01-02", provisional: false }))
  })

  it("January holidays on a weekend bring no day off without a decree (2027: 2 and 3 January are a Saturday and Sunday)", () => {
    expect(kind(on, "2027-01-02")).toBe("holiday")
    expect(kind(on, "2027-01-03")).toBe("holiday")
    expect(working(on, "2027-01-11")).toBe(true)
  })

  it("an official year's answers are not provisional; a deadline that reaches into 2027 is", () => {
    expect(Either.map(Calendar.describe(on, d("2026-06-15")), (i) => i.provisional)).toStrictEqual(Either.right(false))
    const inOfficial = Term.deadlineOf({ event: d("2026-03-02"), term: Term.calendarDays(30), calendar: on })
    expect(Either.map(inOfficial, (x) => x.provisional)).toStrictEqual(Either.right(false))
    // registered 2 December 2026: the nominal day 2027-01-01 is a holiday of a provisional year
    const across = Term.deadlineOf({ event: d("2026-12-02"), term: Term.calendarDays(30), calendar: on })
    expect(across).toStrictEqual(Either.right({ day: "2026-12-30", nominal: "2027-01-01", provisional: true }))
    const working10 = Term.deadlineOf({ event: d("2026-12-24"), term: Term.workingDays(10), calendar: on })
    expect(Either.map(working10, (x) => x.provisional)).toStrictEqual(Either.right(true))
  })
})

describe("Calendar: properties over 2019..2199", () => {
  it.prop("a provisional year has exactly the days off the Labour Code gives", [years], ([year]) => {
    const byCode = daysOffByTheCode(year)
    for (const day of Period.days(Period.unsafeYear(year))) {
      expect(working(labourCode, day)).toBe(!byCode.has(day))
    }
  })

  it.prop(
    "each weekend holiday outside January yields exactly one extra day off, on the next working day",
    [years],
    ([year]) => {
      const holidays = Data.PUBLIC_HOLIDAYS.filter((md) => !md.startsWith("01-")).map((md) => d(`${year}-${md}`))
      const compensations = Period.days(Period.unsafeYear(year)).filter(
        (day) => kind(labourCode, day) === "holidayCompensation"
      )
      const onWeekend = holidays.filter(Period.isWeekend)
      expect(compensations.length).toBe(onWeekend.length)
      for (const h of onWeekend) {
        // the first day after the holiday that is neither a weekend nor a holiday (nor an earlier compensation)
        let next = Period.addDays(h, 1)
        while (Period.isWeekend(next) || kind(labourCode, next) === "holiday") next = Period.addDays(next, 1)
        expect(kind(labourCode, next)).toBe("holidayCompensation")
      }
      // days off = weekends + weekday holidays + one per weekend holiday outside January
      const total = Period.days(Period.unsafeYear(year)).filter((day) => !working(labourCode, day)).length
      const weekends = Period.days(Period.unsafeYear(year)).filter(Period.isWeekend).length
      const weekdayHolidays = Data.PUBLIC_HOLIDAYS.map((md) => d(`${year}-${md}`)).filter(
        (h) => !Period.isWeekend(h)
      ).length
      expect(total).toBe(weekends + weekdayHolidays + onWeekend.length)
    }
  )

  it("the Labour Code's rule and the official data agree on every day that is not a decree transfer or a presidential non-working day (2019..2026)", () => {
    for (const rules of Data.YEARS) {
      const exempt = new Set<string>()
      for (const t of rules.transfers) {
        const from = d(`${rules.year}-${t.from}`)
        exempt.add(from)
        exempt.add(`${rules.year}-${t.to}`)
        // a decree that moves a weekend holiday's day off replaces the automatic day off after it
        if (Data.PUBLIC_HOLIDAYS.includes(t.from) && !t.from.startsWith("01-")) {
          let next = Period.addDays(from, 1)
          while (kind(labourCode, next) !== "holidayCompensation") next = Period.addDays(next, 1)
          exempt.add(next)
        }
      }
      for (const r of rules.nonWorkingDays ?? []) for (const day of Period.daysInRange(r.from, r.to)) exempt.add(day)
      let compared = 0
      for (const day of Period.days(Period.unsafeYear(rules.year))) {
        if (exempt.has(day)) continue
        compared++
        expect([day, working(on, day)]).toStrictEqual([day, working(labourCode, day)])
      }
      expect(compared).toBeGreaterThan(300)
    }
  })

  const policy = fc.constantFrom<Term.EndOfTermPolicy>("previousWorkingDay", "nextWorkingDay", "none")
  it.prop(
    "a deadline never throws for a day in range, and lands on a working day (or the nominal day for none)",
    [
      fc.integer({ min: Period.epochDay(on.firstDay), max: Period.epochDay(on.lastDay) }).map(Period.fromEpochDay),
      fc.integer({ min: 1, max: 60 }),
      fc.constantFrom<Term.TermUnit>("calendarDays", "workingDays"),
      policy,
      fc.boolean()
    ],
    ([event, amount, unit, p, decrees]) => {
      const cal = decrees ? on : off
      const r = Term.deadlineOf({ event, term: new Term.Term({ amount, unit }), calendar: cal, policy: p })
      if (Either.isLeft(r)) {
        // only past the end of the calendar (2199-12-31), and typed
        expect(r.left._tag).toBe("CalendarOutOfRange")
        expect(Period.epochDay(event) + amount).toBeGreaterThan(Period.epochDay(on.lastDay) - 40)
        return
      }
      const { day, nominal, provisional } = r.right
      if (unit === "workingDays" || p !== "none") expect(working(cal, day)).toBe(true)
      else expect(day).toBe(nominal)
      expect(provisional).toBe(
        Calendar.provisionalBetween(cal, day < nominal ? day : nominal, day < nominal ? nominal : day) ||
          (unit === "workingDays" && Calendar.provisionalBetween(cal, Period.addDays(event, 1), day))
      )
      expect(day > event).toBe(true)
    }
  )

  it.prop("answers in the shipped years are official, in every other year provisional", [years], ([year]) => {
    const day = d(`${year}-03-01`)
    const official = Data.YEARS.some((y) => y.year === year)
    expect(Either.map(Calendar.describe(on, day), (i) => i.provisional)).toStrictEqual(Either.right(!official))
    expect(Calendar.provisionalBetween(on, day, day)).toBe(!official)
  })
})

describe("Calendar: official years as data", () => {
  const file = (years: ReadonlyArray<unknown>) => ({ format: "cityhall.calendar/1", years })
  const fail = (input: unknown) => {
    const r = Calendar.fromData(input)
    if (Either.isRight(r)) throw new Error("expected InvalidCalendarData")
    return r.left
  }

  it("the shipped years decode as a calendar file", () => {
    const shipped = Calendar.decodeFile(file(Data.YEARS))
    expect(Either.isRight(shipped)).toBe(true)
    expect(Either.map(Calendar.fromData(file(Data.YEARS)), (c) => c.officialYears)).toStrictEqual(
      Either.right([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    )
  })

  it("loading an official 2027 turns its answers official and moves what its decree moves", () => {
    // a decree for 2027 as a city would load it (the transfers here are an example, not the adopted decree)
    const cal = Either.getOrThrow(
      Calendar.fromData(
        file([
          {
            year: 2027,
            source: "Постановление Правительства РФ о переносе выходных дней в 2027 году (пример)",
            transfers: [
              { from: "01-02", to: "06-11" },
              { from: "01-03", to: "12-31" }
            ]
          }
        ])
      )
    )
    expect(cal.officialThrough).toBe("2027-12-31")
    expect(working(cal, "2027-06-11")).toBe(false)
    expect(kind(cal, "2027-06-11")).toBe("transferredDayOff")
    const due = Term.deadlineOf({ event: d("2027-05-15"), term: Term.calendarDays(30), calendar: cal })
    expect(due).toStrictEqual(Either.right({ day: "2027-06-10", nominal: "2027-06-14", provisional: false }))
    // the shipped calendar is untouched
    expect(working(on, "2027-06-11")).toBe(true)
  })

  it("a file that contradicts itself is a typed error naming the day, the field and the rule", () => {
    const y = (extra: object) => file([{ year: 2027, source: "Постановление", transfers: [], ...extra }])
    const cases: ReadonlyArray<readonly [unknown, Calendar.CalendarDataRule, string, string | undefined]> = [
      // a transfer onto a holiday
      [
        y({ transfers: [{ from: "01-02", to: "02-23" }] }),
        "transferOntoDayOff",
        "years[0].transfers[0].to",
        "2027-02-23"
      ],
      // a transfer onto a weekend
      [
        y({ transfers: [{ from: "01-02", to: "01-16" }] }),
        "transferOntoDayOff",
        "years[0].transfers[0].to",
        "2027-01-16"
      ],
      // a day both transferred and receiving: onto the day another transfer made off
      [
        y({
          transfers: [
            { from: "01-02", to: "05-04" },
            { from: "01-03", to: "05-04" }
          ]
        }),
        "transferOntoDayOff",
        "years[0].transfers[1].to",
        "2027-05-04"
      ],
      [
        y({
          transfers: [
            { from: "01-02", to: "05-04" },
            { from: "01-02", to: "05-05" }
          ]
        }),
        "dayTransferredTwice",
        "years[0].transfers[1].from",
        "2027-01-02"
      ],
      // 4 January 2027 is a Monday: a decree moves weekend days
      [
        y({ transfers: [{ from: "01-04", to: "05-04" }] }),
        "transferFromWeekday",
        "years[0].transfers[0].from",
        "2027-01-04"
      ],
      [y({ transfers: [{ from: "02-29", to: "05-04" }] }), "dayNotInYear", "years[0].transfers[0].from", undefined],
      [y({ workingDays: 250 }), "workingDaysMismatch", "years[0].workingDays", undefined],
      [
        y({ nonWorkingDays: [{ source: "Указ", from: "2028-01-10", to: "2028-01-11" }] }),
        "dayNotInYear",
        "years[0].nonWorkingDays[0].from",
        "2028-01-10"
      ],
      [
        y({ nonWorkingDays: [{ source: "Указ", from: "2027-05-11", to: "2027-05-10" }] }),
        "rangeReversed",
        "years[0].nonWorkingDays[0]",
        "2027-05-10"
      ],
      [
        file([
          { year: 2027, source: "a", transfers: [] },
          { year: 2027, source: "b", transfers: [] }
        ]),
        "duplicateYear",
        "years[1].year",
        undefined
      ]
    ]
    for (const [input, rule, path, day] of cases) {
      const e = fail(input)
      expect([e._tag, e.rule, e.path, e.day, e.year]).toStrictEqual(["InvalidCalendarData", rule, path, day, 2027])
    }
  })

  it("a file that does not decode is a typed error naming the field: a malformed date, an unknown field, a missing field", () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [file([{ year: 2027, source: "x", transfers: [{ from: "1-2", to: "05-04" }] }]), "years[0].transfers[0].from"],
      [file([{ year: 2027, source: "x", transfers: [], holidays: [] }]), "years[0].holidays"],
      [file([{ year: 2027, transfers: [] }]), "years[0].source"],
      [file([{ year: 2018, source: "x", transfers: [] }]), "years[0].year"],
      [
        file([
          {
            year: 2027,
            source: "x",
            transfers: [],
            nonWorkingDays: [{ source: "y", from: "2027-02-30", to: "2027-03-01" }]
          }
        ]),
        "years[0].nonWorkingDays[0].from"
      ],
      [{ years: [] }, "format"],
      [{ format: "cityhall.calendar/1", years: [], extra: 1 }, "extra"],
      ["not an object", "."],
      [null, "."]
    ]
    for (const [input, path] of cases) {
      const e = fail(input)
      expect([e._tag, e.rule, e.path]).toStrictEqual(["InvalidCalendarData", "malformed", path])
    }
    expect(fail(cases[0]![0]).year).toBe(2027)
  })

  it.prop("fromData never throws on any JSON", [fc.jsonValue()], ([json]) => {
    const r = Calendar.fromData(json)
    expect(Either.isLeft(r) ? r.left._tag : "ok").toMatch(/^(InvalidCalendarData|ok)$/)
  })

  it("the JSON Schema in docs/calendar.schema.json is the file format's", () => {
    const documented = JSON.parse(readFileSync(new URL("../../docs/calendar.schema.json", import.meta.url), "utf8"))
    expect(documented).toStrictEqual(JSON.parse(JSON.stringify(JSONSchema.make(Data.CalendarFile))))
  })
})

describe("Calendar: where official data ends", () => {
  it("warns within 90 days of the end of official data, and after it", () => {
    expect(Calendar.officialDataHorizon(on, d("2026-12-06"))).toStrictEqual({
      officialThrough: "2026-12-31",
      daysLeft: 25,
      warning: expect.stringContaining("ends on 2026-12-31 (in 25 days)")
    })
    expect(Calendar.officialDataHorizon(on, d("2026-06-01")).warning).toBeUndefined()
    expect(Calendar.officialDataHorizon(on, d("2027-03-01")).warning).toContain("ended on 2026-12-31")
    expect(Calendar.officialDataHorizon(labourCode, d("2027-03-01")).warning).toContain("no official year")
  })
})
