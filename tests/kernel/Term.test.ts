import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { Calendar, Period, Term, TimeZone } from "../../src/index.js"
import * as A from "../../src/testing/KernelArbitraries.js"

const d = Period.unsafeDay
const on = Calendar.russia()
const off = Calendar.russia({ presidentialNonWorkingDays: false })
const due = (event: string | Date, n: number, calendar: Calendar.ProductionCalendar, policy?: Term.EndOfTermPolicy) =>
  Term.deadline({
    event: typeof event === "string" ? d(event) : event,
    term: Term.calendarDays(n),
    calendar,
    ...(policy ? { policy } : {})
  })

describe("Term: the worked examples", () => {
  it("event 2021-03-01, 30 calendar days -> 2021-03-31", () => {
    expect(due("2021-03-01", 30, on)).toStrictEqual(Either.right("2021-03-31"))
  })

  it("event 2021-04-08, 30 calendar days: nominal 2021-05-08 (a Saturday)", () => {
    expect(Period.isoWeekday(d("2021-05-08"))).toBe(6)
    expect(due("2021-04-08", 30, on, "previousWorkingDay")).toStrictEqual(Either.right("2021-04-30"))
    expect(due("2021-04-08", 30, off, "previousWorkingDay")).toStrictEqual(Either.right("2021-05-07"))
    expect(due("2021-04-08", 30, on, "nextWorkingDay")).toStrictEqual(Either.right("2021-05-11"))
    expect(due("2021-04-08", 30, on, "none")).toStrictEqual(Either.right("2021-05-08"))
    // previousWorkingDay is the default policy
    expect(due("2021-04-08", 30, on)).toStrictEqual(Either.right("2021-04-30"))
  })

  it("the instant 2020-12-31T20:00:00Z is the local day 2021-01-01 in Asia/Vladivostok, a holiday", () => {
    const instant = new Date("2020-12-31T20:00:00Z")
    expect(Calendar.dayKind(on, d("2021-01-01"))).toStrictEqual(Either.right("holiday"))
    // counted from the local day 2021-01-01, not from 31 December
    expect(
      Term.deadline({ event: instant, term: Term.calendarDays(30), calendar: on, timeZone: "Asia/Vladivostok" })
    ).toStrictEqual(Either.right("2021-01-29"))
    expect(
      Term.deadline({ event: instant, term: Term.calendarDays(30), calendar: on, timeZone: "Europe/Moscow" })
    ).toStrictEqual(
      Either.right("2021-01-29") // 30 Jan 2021 is a Saturday -> Friday 29 Jan
    )
    expect(
      Term.deadline({ event: instant, term: Term.calendarDays(1), calendar: on, timeZone: "Europe/Moscow" })
    ).toStrictEqual(
      Either.right("2021-01-11") // the day after 31 Dec is a holiday; there is no working day after the event before it
    )
  })

  it("working-day terms count working days from the day after", () => {
    expect(Term.deadline({ event: d("2021-04-30"), term: Term.workingDays(1), calendar: on })).toStrictEqual(
      Either.right("2021-05-11")
    )
    expect(Term.deadline({ event: d("2021-04-30"), term: Term.workingDays(1), calendar: off })).toStrictEqual(
      Either.right("2021-05-04")
    )
  })

  it("bad input is typed, never thrown", () => {
    for (const n of [0, -3, 1.5, Number.NaN, 5000]) {
      const r = Term.deadline({ event: d("2021-03-01"), term: Term.calendarDays(n), calendar: on })
      expect(Either.isLeft(r) && r.left._tag).toBe("InvalidTerm")
      expect(Either.isLeft(Term.makeTerm(n, "workingDays"))).toBe(true)
    }
    const tz = Term.deadline({ event: new Date(), term: Term.calendarDays(3), calendar: on, timeZone: "Mars/Olympus" })
    expect(Either.isLeft(tz) && tz.left._tag).toBe("UnknownTimeZone")
    const out = due("2199-12-20", 30, on)
    expect(Either.isLeft(out) && out.left._tag).toBe("CalendarOutOfRange")
    const before = due("2018-12-20", 30, on)
    expect(Either.isLeft(before) && before.left._tag).toBe("CalendarOutOfRange")
    const instant = Term.deadline({ event: new Date("nonsense"), term: Term.calendarDays(3), calendar: on })
    expect(Either.isLeft(instant) && instant.left._tag).toBe("InvalidInstant")
    // the building blocks answer the same errors instead of throwing on an unvalidated term
    for (const n of [Number.NaN, 1e9, -1, 2.5]) {
      for (const term of [Term.calendarDays(n), Term.workingDays(n)]) {
        const r = Term.nominalLastDay(d("2021-03-01"), term, on)
        expect(Either.isLeft(r) && r.left._tag).toBe("InvalidTerm")
      }
    }
  })
})

describe("Term: properties", () => {
  // a flag, not the calendar object, so counterexamples print small
  const cal = fc.boolean().map((decreeLayer) => (decreeLayer ? on : off))
  const policy = A.endOfTermPolicy
  const inRange = (
    r: Either.Either<Period.Day, Term.DeadlineError>
  ): r is Either.Right<Term.DeadlineError, Period.Day> => Either.isRight(r)

  it.prop(
    "a deadline is never before its event",
    [cal, A.dayIn(on, 200), A.term(60), policy],
    ([c, event, term, p]) => {
      const r = Term.deadline({ event, term, calendar: c, policy: p })
      expect(inRange(r)).toBe(true)
      if (inRange(r)) expect(r.right > event).toBe(true)
    }
  )

  it.prop(
    "with previousWorkingDay or nextWorkingDay a deadline is always a working day",
    [cal, A.dayIn(on, 200), A.term(60), fc.constantFrom<Term.EndOfTermPolicy>("previousWorkingDay", "nextWorkingDay")],
    ([c, event, term, p]) => {
      const r = Either.getOrThrow(Term.deadline({ event, term, calendar: c, policy: p }))
      expect(Calendar.isWorkingDay(c, r)).toStrictEqual(Either.right(true))
    }
  )

  it.prop(
    "a deadline is monotone in the event date and in N",
    [
      cal,
      A.dayIn(on, 200),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 0, max: 30 }),
      policy,
      fc.constantFrom<Term.TermUnit>("calendarDays", "workingDays")
    ],
    ([c, event, shift, n, extra, p, unit]) => {
      const at = (e: Period.Day, k: number) =>
        Either.getOrThrow(Term.deadline({ event: e, term: new Term.Term({ amount: k, unit }), calendar: c, policy: p }))
      expect(at(event, n) <= at(Period.addDays(event, shift), n)).toBe(true)
      expect(at(event, n) <= at(event, n + extra)).toBe(true)
    }
  )

  it.prop(
    "an instant counts from its local day in the administration's zone",
    [
      cal,
      fc.integer({ min: Date.UTC(2019, 1, 1), max: Date.UTC(2026, 5, 1) }).map((ms) => new Date(ms)),
      TimeZone.TimeZoneName,
      A.term(60),
      policy
    ],
    ([c, instant, timeZone, term, p]) => {
      const local = Either.getOrThrow(TimeZone.localDay(instant, timeZone))
      expect(Term.deadline({ event: instant, timeZone, term, calendar: c, policy: p })).toStrictEqual(
        Term.deadline({ event: local, term, calendar: c, policy: p })
      )
    }
  )

  it.prop("the Term Schema round-trips (decode after encode is the identity)", [Term.Term], ([t]) => {
    const encoded = Schema.encodeSync(Term.Term)(t)
    expect(Schema.decodeUnknownSync(Term.Term)(JSON.parse(JSON.stringify(encoded)))).toStrictEqual(t)
    expect(Term.makeTerm(t.amount, t.unit)).toStrictEqual(Either.right(t))
  })
})
