/**
 * Periods: a local date (`Day`, `2021-03-01`), a `Month` (`2020-03`), a
 * `Quarter` (`2021-Q2`), a `Year` (`2021`) and a multi-year `Horizon`
 * (`2021..2030`).
 *
 * Every period is its canonical string, branded: it is what storage, HTTP and
 * counters use as a key, and `format` is the identity on a decoded period.
 * Days are dates without a time and without a zone; an instant becomes a day
 * only through `TimeZone.localDay` with the administration's time zone. All
 * arithmetic goes through date-fns on dates pinned to UTC, so the process
 * time zone never matters.
 *
 * Years 1900..2199 are representable.
 *
 * @example
 * ```ts
 * import { Period } from "cityhall"
 *
 * const day = Period.unsafeDay("2021-04-08")
 * Period.monthOf(day)            // "2021-04"
 * Period.quarterOf(day)          // "2021-Q2"
 * Period.contains(Period.unsafeYear("2021"), day) // true
 * ```
 *
 * @module
 */
import { UTCDate } from "@date-fns/utc"
import { addDays as fnsAddDays, differenceInCalendarDays, getISODay } from "date-fns"
import { Either, Option, Schema } from "effect"

/** The Schema type of a string period: a filtered, branded string. */
export type PeriodSchema<B extends string> = Schema.brand<Schema.filter<typeof Schema.String>, B>

/** The first and last representable years. */
export const MIN_YEAR = 1900
/** @see MIN_YEAR */
export const MAX_YEAR = 2199

/** The kinds of period. */
export type PeriodKind = "day" | "month" | "quarter" | "year" | "horizon"

/** A string that is not a valid period of the expected kind. */
export class InvalidPeriod extends Schema.TaggedError<InvalidPeriod>()("InvalidPeriod", {
  input: Schema.String,
  expected: Schema.Literal("day", "month", "quarter", "year", "horizon", "period"),
  message: Schema.String
}) {}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)
const pad4 = (n: number) => `${n}`.padStart(4, "0")

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH_RE = /^(\d{4})-(\d{2})$/
const QUARTER_RE = /^(\d{4})-Q([1-4])$/
const YEAR_RE = /^(\d{4})$/
const HORIZON_RE = /^(\d{4})\.\.(\d{4})$/

const yearOk = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR

const isDayString = (s: string): boolean => {
  const m = DAY_RE.exec(s)
  if (m === null) return false
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3])
  return yearOk(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}
const isMonthString = (s: string): boolean => {
  const m = MONTH_RE.exec(s)
  if (m === null) return false
  const mo = Number(m[2])
  return yearOk(Number(m[1])) && mo >= 1 && mo <= 12
}
const isQuarterString = (s: string): boolean => {
  const m = QUARTER_RE.exec(s)
  return m !== null && yearOk(Number(m[1]))
}
const isYearString = (s: string): boolean => YEAR_RE.test(s) && yearOk(Number(s))
const isHorizonString = (s: string): boolean => {
  const m = HORIZON_RE.exec(s)
  if (m === null) return false
  const a = Number(m[1]),
    b = Number(m[2])
  return yearOk(a) && yearOk(b) && a <= b
}

const EPOCH = new UTCDate(1970, 0, 1)
const MIN_EPOCH_DAY = differenceInCalendarDays(new UTCDate(MIN_YEAR, 0, 1), EPOCH)
const MAX_EPOCH_DAY = differenceInCalendarDays(new UTCDate(MAX_YEAR, 11, 31), EPOCH)

/** A local calendar date `YYYY-MM-DD` (no time, no zone). */
export const Day: PeriodSchema<"Day"> = Schema.String.pipe(
  Schema.filter(isDayString, { message: () => "expected a calendar date YYYY-MM-DD between 1900 and 2199" }),
  Schema.brand("Day"),
  Schema.annotations({
    identifier: "Day",
    description: "A local calendar date, YYYY-MM-DD",
    jsonSchema: {
      type: "string",
      format: "date",
      pattern: "^(19|20|21)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$"
    },
    arbitrary: () => (fc) => fc.integer({ min: MIN_EPOCH_DAY, max: MAX_EPOCH_DAY }).map((n) => fromEpochDay(n))
  })
)
/** @see Day */
export type Day = typeof Day.Type

/** A calendar month `YYYY-MM`. */
export const Month: PeriodSchema<"Month"> = Schema.String.pipe(
  Schema.filter(isMonthString, { message: () => "expected a month YYYY-MM between 1900 and 2199" }),
  Schema.brand("Month"),
  Schema.annotations({
    identifier: "Month",
    description: "A calendar month, YYYY-MM",
    jsonSchema: { type: "string", pattern: "^(19|20|21)\\d{2}-(0[1-9]|1[0-2])$" },
    arbitrary: () => (fc) =>
      fc
        .tuple(fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${pad4(y)}-${pad2(m)}` as Month)
  })
)
/** @see Month */
export type Month = typeof Month.Type

/** A quarter `YYYY-Qn`. */
export const Quarter: PeriodSchema<"Quarter"> = Schema.String.pipe(
  Schema.filter(isQuarterString, { message: () => "expected a quarter YYYY-Q1..YYYY-Q4 between 1900 and 2199" }),
  Schema.brand("Quarter"),
  Schema.annotations({
    identifier: "Quarter",
    jsonSchema: { type: "string", pattern: "^(19|20|21)\\d{2}-Q[1-4]$" },
    arbitrary: () => (fc) =>
      fc
        .tuple(fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), fc.integer({ min: 1, max: 4 }))
        .map(([y, q]) => `${pad4(y)}-Q${q}` as Quarter)
  })
)
/** @see Quarter */
export type Quarter = typeof Quarter.Type

/** A calendar year `YYYY`. */
export const Year: PeriodSchema<"Year"> = Schema.String.pipe(
  Schema.filter(isYearString, { message: () => "expected a year YYYY between 1900 and 2199" }),
  Schema.brand("Year"),
  Schema.annotations({
    identifier: "Year",
    arbitrary: () => (fc) => fc.integer({ min: MIN_YEAR, max: MAX_YEAR }).map((y) => pad4(y) as Year)
  })
)
/** @see Year */
export type Year = typeof Year.Type

/** A multi-year horizon `YYYY..YYYY` (both ends included). */
export const Horizon: PeriodSchema<"Horizon"> = Schema.String.pipe(
  Schema.filter(isHorizonString, {
    message: () => "expected a horizon YYYY..YYYY with the first year not after the last"
  }),
  Schema.brand("Horizon"),
  Schema.annotations({
    identifier: "Horizon",
    arbitrary: () => (fc) =>
      fc
        .tuple(fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), fc.integer({ min: 0, max: 15 }))
        .map(([a, n]) => `${pad4(a)}..${pad4(Math.min(MAX_YEAR, a + n))}` as Horizon)
  })
)
/** @see Horizon */
export type Horizon = typeof Horizon.Type

/** Any period. The string forms of the kinds are disjoint. */
export const Period = Schema.Union(Day, Month, Quarter, Year, Horizon).annotations({ identifier: "Period" })
/** @see Period */
export type Period = typeof Period.Type

const invalid = (input: string, expected: InvalidPeriod["expected"], message: string) =>
  new InvalidPeriod({ input, expected, message })

/** Parses a day `YYYY-MM-DD`. */
export const parseDay = (s: string): Either.Either<Day, InvalidPeriod> =>
  isDayString(s)
    ? Either.right(s as Day)
    : Either.left(invalid(s, "day", `"${s}" is not a calendar date YYYY-MM-DD between 1900 and 2199`))
/** Parses a month `YYYY-MM`. */
export const parseMonth = (s: string): Either.Either<Month, InvalidPeriod> =>
  isMonthString(s)
    ? Either.right(s as Month)
    : Either.left(invalid(s, "month", `"${s}" is not a month YYYY-MM between 1900 and 2199`))
/** Parses a quarter `YYYY-Qn`. */
export const parseQuarter = (s: string): Either.Either<Quarter, InvalidPeriod> =>
  isQuarterString(s)
    ? Either.right(s as Quarter)
    : Either.left(invalid(s, "quarter", `"${s}" is not a quarter YYYY-Q1..YYYY-Q4`))
/** Parses a year `YYYY`. */
export const parseYear = (s: string): Either.Either<Year, InvalidPeriod> =>
  isYearString(s)
    ? Either.right(s as Year)
    : Either.left(invalid(s, "year", `"${s}" is not a year between 1900 and 2199`))
/** Parses a horizon `YYYY..YYYY`. */
export const parseHorizon = (s: string): Either.Either<Horizon, InvalidPeriod> =>
  isHorizonString(s)
    ? Either.right(s as Horizon)
    : Either.left(invalid(s, "horizon", `"${s}" is not a horizon YYYY..YYYY with the first year not after the last`))

/** Parses any period, recognising its kind from its form. */
export const parse = (s: string): Either.Either<Period, InvalidPeriod> =>
  isDayString(s) || isMonthString(s) || isQuarterString(s) || isYearString(s) || isHorizonString(s)
    ? Either.right(s as Period)
    : Either.left(
        invalid(
          s,
          "period",
          `"${s}" is not a day, month (YYYY-MM), quarter (YYYY-Qn), year (YYYY) or horizon (YYYY..YYYY)`
        )
      )

/** The canonical string of a period (the identity: periods are their canonical strings). */
export const format = (p: Period): string => p

/** Builds a day, throwing on a malformed string: for literals in code and tests only. */
export const unsafeDay = (s: string): Day => Either.getOrThrow(parseDay(s))
/** Builds a month, throwing on a malformed string: for literals in code and tests only. */
export const unsafeMonth = (s: string): Month => Either.getOrThrow(parseMonth(s))
/** Builds a quarter, throwing on a malformed string: for literals in code and tests only. */
export const unsafeQuarter = (s: string): Quarter => Either.getOrThrow(parseQuarter(s))
/** Builds a year, throwing on a malformed string: for literals in code and tests only. */
export const unsafeYear = (s: string | number): Year =>
  Either.getOrThrow(parseYear(typeof s === "number" ? pad4(s) : s))
/** Builds a horizon, throwing on a malformed string: for literals in code and tests only. */
export const unsafeHorizon = (s: string): Horizon => Either.getOrThrow(parseHorizon(s))

/** The kind of a period. */
export const kindOf = (p: Period): PeriodKind =>
  p.length === 10
    ? p[4] === "."
      ? "horizon"
      : "day"
    : p.length === 7
      ? p[5] === "Q"
        ? "quarter"
        : "month"
      : p.length === 4
        ? "year"
        : "horizon"

// ---- days -----------------------------------------------------------------

const toDate = (d: Day): UTCDate =>
  new UTCDate(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))
const fromDate = (date: Date): Day => {
  // `date` is a UTCDate: its getters answer in UTC.
  const y = date.getFullYear()
  if (!yearOk(y)) throw new RangeError(`day out of the supported range 1900..2199: year ${y}`)
  return `${pad4(y)}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}` as Day
}

/** Days since 1970-01-01 (negative before): a compact, ordered key for a day. */
export const epochDay = (d: Day): number => differenceInCalendarDays(toDate(d), EPOCH)
/** The day `n` days after 1970-01-01. */
export const fromEpochDay = (n: number): Day => fromDate(fnsAddDays(EPOCH, n))

/**
 * The day `n` days after `d` (before, for negative `n`).
 *
 * Leaving the representable range (1900..2199) throws a `RangeError`: callers
 * that take `n` from outside check their bounds first.
 */
export const addDays = (d: Day, n: number): Day => (n === 0 ? d : fromDate(fnsAddDays(toDate(d), n)))

/** The number of days from `a` to `b` (`b - a`). */
export const daysBetween = (a: Day, b: Day): number => differenceInCalendarDays(toDate(b), toDate(a))

/** Orders days (and any periods of the same kind, whose strings sort chronologically). */
export const compare = <P extends string>(a: P, b: P): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** The ISO day of the week: 1 Monday .. 7 Sunday. */
export const isoWeekday = (d: Day): 1 | 2 | 3 | 4 | 5 | 6 | 7 => getISODay(toDate(d)) as 1 | 2 | 3 | 4 | 5 | 6 | 7

/** Whether a day is a Saturday or a Sunday. */
export const isWeekend = (d: Day): boolean => isoWeekday(d) >= 6

/** The later of two days. */
export const maxDay = (a: Day, b: Day): Day => (a >= b ? a : b)
/** The earlier of two days. */
export const minDay = (a: Day, b: Day): Day => (a <= b ? a : b)

/** The year, month (1-12) and day of month of a day. */
export const dayParts = (d: Day): { readonly year: number; readonly month: number; readonly day: number } => ({
  year: Number(d.slice(0, 4)),
  month: Number(d.slice(5, 7)),
  day: Number(d.slice(8, 10))
})

/** Builds a day from its parts, or a typed error. */
export const makeDay = (year: number, month: number, day: number): Either.Either<Day, InvalidPeriod> =>
  parseDay(`${pad4(year)}-${pad2(month)}-${pad2(day)}`)

// ---- containing periods ---------------------------------------------------

/** The month of a day. */
export const monthOf = (d: Day): Month => d.slice(0, 7) as Month
/** The quarter of a day or month. */
export const quarterOf = (d: Day | Month): Quarter =>
  `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}` as Quarter
/** The year of a day, month or quarter. */
export const yearOf = (p: Day | Month | Quarter): Year => p.slice(0, 4) as Year
/** The year as a number. */
export const yearNumber = (p: Day | Month | Quarter | Year): number => Number(p.slice(0, 4))

/** The horizon's first and last years. */
export const horizonYears = (h: Horizon): { readonly from: Year; readonly to: Year } => ({
  from: h.slice(0, 4) as Year,
  to: h.slice(6, 10) as Year
})

/** Builds a horizon from its first and last years, or a typed error. */
export const makeHorizon = (from: Year, to: Year): Either.Either<Horizon, InvalidPeriod> =>
  parseHorizon(`${from}..${to}`)

/** The first day of a period. */
export const firstDay = (p: Period): Day => {
  switch (kindOf(p)) {
    case "day":
      return p as Day
    case "month":
      return `${p}-01` as Day
    case "quarter":
      return `${p.slice(0, 4)}-${pad2((Number(p[6]) - 1) * 3 + 1)}-01` as Day
    case "year":
      return `${p}-01-01` as Day
    case "horizon":
      return `${p.slice(0, 4)}-01-01` as Day
  }
}

/** The last day of a period. */
export const lastDay = (p: Period): Day => {
  switch (kindOf(p)) {
    case "day":
      return p as Day
    case "month": {
      const y = Number(p.slice(0, 4)),
        m = Number(p.slice(5, 7))
      return `${p}-${pad2(daysInMonth(y, m))}` as Day
    }
    case "quarter": {
      const y = Number(p.slice(0, 4)),
        m = Number(p[6]) * 3
      return `${p.slice(0, 4)}-${pad2(m)}-${pad2(daysInMonth(y, m))}` as Day
    }
    case "year":
      return `${p}-12-31` as Day
    case "horizon":
      return `${p.slice(6, 10)}-12-31` as Day
  }
}

/** The number of days in a period. */
export const length = (p: Period): number => daysBetween(firstDay(p), lastDay(p)) + 1

/** Whether a period contains a day. */
export const contains = (p: Period, d: Day): boolean => firstDay(p) <= d && d <= lastDay(p)

/** Whether `outer` contains every day of `inner`. */
export const containsPeriod = (outer: Period, inner: Period): boolean =>
  firstDay(outer) <= firstDay(inner) && lastDay(inner) <= lastDay(outer)

/** Every day of a period, in order. */
export const days = (p: Period): ReadonlyArray<Day> => daysInRange(firstDay(p), lastDay(p))

/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export const daysInRange = (from: Day, to: Day): ReadonlyArray<Day> => {
  const out: Array<Day> = []
  const n = daysBetween(from, to)
  const start = toDate(from)
  for (let i = 0; i <= n; i++) out.push(fromDate(fnsAddDays(start, i)))
  return out
}

/**
 * The period directly containing `p`: a day's month, a month's quarter, a
 * quarter's year. A year and a horizon have none.
 */
export const parent = (p: Period): Option.Option<Period> => {
  switch (kindOf(p)) {
    case "day":
      return Option.some(monthOf(p as Day))
    case "month":
      return Option.some(quarterOf(p as Month))
    case "quarter":
      return Option.some(yearOf(p as Quarter))
    default:
      return Option.none()
  }
}

/**
 * The periods directly inside `p`, in order: a horizon's years, a year's
 * quarters, a quarter's months, a month's days. A day has none.
 */
export const children = (p: Period): ReadonlyArray<Period> => {
  switch (kindOf(p)) {
    case "day":
      return []
    case "month":
      return days(p)
    case "quarter": {
      const y = p.slice(0, 4),
        q = Number(p[6])
      return [1, 2, 3].map((i) => `${y}-${pad2((q - 1) * 3 + i)}` as Month)
    }
    case "year":
      return [1, 2, 3, 4].map((q) => `${p}-Q${q}` as Quarter)
    case "horizon": {
      const { from, to } = horizonYears(p as Horizon)
      const out: Array<Year> = []
      for (let y = Number(from); y <= Number(to); y++) out.push(pad4(y) as Year)
      return out
    }
  }
}

/** The months of a period that contains whole months (month, quarter, year, horizon). */
export const months = (p: Month | Quarter | Year | Horizon): ReadonlyArray<Month> => {
  const out: Array<Month> = []
  let m = monthOf(firstDay(p))
  const last = monthOf(lastDay(p))
  while (m <= last) {
    out.push(m)
    m = nextMonth(m)
  }
  return out
}

/** The month after `m`. */
export const nextMonth = (m: Month): Month => {
  const y = Number(m.slice(0, 4)),
    mo = Number(m.slice(5, 7))
  return (mo === 12 ? `${pad4(y + 1)}-01` : `${pad4(y)}-${pad2(mo + 1)}`) as Month
}
/** The month before `m`. */
export const previousMonth = (m: Month): Month => {
  const y = Number(m.slice(0, 4)),
    mo = Number(m.slice(5, 7))
  return (mo === 1 ? `${pad4(y - 1)}-12` : `${pad4(y)}-${pad2(mo - 1)}`) as Month
}

/**
 * The same period one year earlier (for year-on-year comparison): `2020-03`
 * -> `2019-03`, `2020-Q2` -> `2019-Q2`, `2020` -> `2019`. A day keeps its
 * month and day (29 February becomes 28 February).
 */
export const samePeriodPreviousYear = <P extends Day | Month | Quarter | Year>(p: P): P => {
  const y = pad4(Number(p.slice(0, 4)) - 1)
  if (p.length === 10) {
    const m = Number(p.slice(5, 7)),
      d = Number(p.slice(8, 10))
    return `${y}-${pad2(m)}-${pad2(Math.min(d, daysInMonth(Number(y), m)))}` as P
  }
  return `${y}${p.slice(4)}` as P
}
