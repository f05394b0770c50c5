/**
 * fast-check arbitraries for the kernel's types, derived from their Schemas
 * where a Schema exists, so a third party's tests draw the same values as
 * cityhall's own.
 *
 * @module
 */
import { Arbitrary, FastCheck as fc } from "effect"
import type * as Calendar from "../kernel/Calendar.js"
import * as Period from "../kernel/Period.js"
import * as Term from "../kernel/Term.js"

/** Any representable day (1900..2199). */
export const day: fc.Arbitrary<Period.Day> = Arbitrary.make(Period.Day)
/** Any month. */
export const month: fc.Arbitrary<Period.Month> = Arbitrary.make(Period.Month)
/** Any quarter. */
export const quarter: fc.Arbitrary<Period.Quarter> = Arbitrary.make(Period.Quarter)
/** Any year. */
export const year: fc.Arbitrary<Period.Year> = Arbitrary.make(Period.Year)
/** Any horizon. */
export const horizon: fc.Arbitrary<Period.Horizon> = Arbitrary.make(Period.Horizon)
/** Any period of any kind. */
export const period: fc.Arbitrary<Period.Period> = fc.oneof(day, month, quarter, year, horizon)

/** A day inside a calendar's range, at least `margin` days from its ends. */
export const dayIn = (calendar: Calendar.ProductionCalendar, margin = 0): fc.Arbitrary<Period.Day> =>
  fc
    .integer({ min: Period.epochDay(calendar.firstDay) + margin, max: Period.epochDay(calendar.lastDay) - margin })
    .map(Period.fromEpochDay)

/** A term of 1..`max` calendar or working days. */
export const term = (max = 60): fc.Arbitrary<Term.Term> =>
  fc
    .tuple(fc.integer({ min: 1, max }), fc.constantFrom<Term.TermUnit>("calendarDays", "workingDays"))
    .map(([amount, unit]) => new Term.Term({ amount, unit }))

/** An end-of-term policy. */
export const endOfTermPolicy: fc.Arbitrary<Term.EndOfTermPolicy> = fc.constantFrom(
  "previousWorkingDay",
  "nextWorkingDay",
  "none"
)
