/**
 * The production calendar (производственный календарь): which days are
 * working days, built from the data in {@link ProductionCalendarData} and
 * queried as pure functions.
 *
 * A calendar covers whole years (2019..2026 by default; 2027 only with
 * `includeProvisional`, see the data). A day outside them answers a typed
 * {@link CalendarOutOfRange}, never a guess.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Calendar, Period } from "cityhall"
 *
 * const cal = Calendar.russia({ presidentialNonWorkingDays: false })
 * Calendar.isWorkingDay(cal, Period.unsafeDay("2021-05-10")) // Either.right(false): 9 May fell on a Sunday
 * Calendar.workingDaysIn(cal, Period.unsafeYear("2020"))    // Either.right(248)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import * as Period from "./Period.js"
import type { Day } from "./Period.js"
import * as Data from "./ProductionCalendarData.js"

/** A day the calendar does not cover. */
export class CalendarOutOfRange extends Schema.TaggedError<CalendarOutOfRange>()("CalendarOutOfRange", {
  day: Schema.String,
  covered: Schema.String,
  message: Schema.String
}) {}

/** Calendar data that contradicts itself (a transfer to a day off, a regional day outside the years). */
export class InvalidCalendarData extends Schema.TaggedError<InvalidCalendarData>()("InvalidCalendarData", {
  year: Schema.Number,
  message: Schema.String
}) {}

/** A count of working days that is not a whole number (`addWorkingDays` with 1.5, NaN or Infinity). */
export class InvalidDayCount extends Schema.TaggedError<InvalidDayCount>()("InvalidDayCount", {
  count: Schema.Number,
  message: Schema.String
}) {}

/** Why a day is (not) a working day. */
export type DayKind =
  | "working"
  | "weekend"
  | "holiday"
  | "holidayCompensation"
  | "transferredDayOff"
  | "workingWeekend"
  | "presidentialNonWorking"
  | "regionalNonWorking"
  | "regionalWorking"

const KINDS: ReadonlyArray<DayKind> = [
  "working",
  "weekend",
  "holiday",
  "holidayCompensation",
  "transferredDayOff",
  "workingWeekend",
  "presidentialNonWorking",
  "regionalNonWorking",
  "regionalWorking"
]
const WORKING = new Set<DayKind>(["working", "workingWeekend", "regionalWorking"])

/** A region's own days (a subject of the Federation may declare extra non-working days). */
export interface RegionalDays {
  /** The regional act that declares them. */
  readonly source: string
  readonly nonWorking: ReadonlyArray<Day>
  readonly working?: ReadonlyArray<Day>
}

/** Options for {@link russia}. */
export interface CalendarOptions {
  /** Count the presidential non-working days of 2020 and 2021 as days off. Default `true`. */
  readonly presidentialNonWorkingDays?: boolean
  /** A region's own days, applied last. */
  readonly regional?: ReadonlyArray<RegionalDays>
  /** Year rules added to (or replacing, by year) the shipped ones. */
  readonly years?: ReadonlyArray<Data.YearRules>
  /** Use years whose decree is not in the sources (see {@link Data.YearRules.provisional}). Default `false`. */
  readonly includeProvisional?: boolean
}

/** A built calendar: an ordered table of days with their kinds and running working-day counts. */
export interface ProductionCalendar {
  readonly firstDay: Day
  readonly lastDay: Day
  readonly presidentialNonWorkingDays: boolean
  readonly sources: ReadonlyArray<string>
  /** @internal */
  readonly index: ReadonlyMap<string, number>
  /** @internal */
  readonly days: ReadonlyArray<Day>
  /** @internal */
  readonly kinds: Uint8Array
  /** @internal number of working days strictly before position i */
  readonly prefix: Uint32Array
  /** A short label: the range and the layer setting (the table itself is not printed). */
  readonly toString: () => string
}

const mmdd = (y: number, md: string): Day => `${y}-${md}` as Day

/**
 * Builds a calendar from explicit year rules (the shipped ones are
 * {@link Data.YEARS}). Years must be consecutive.
 */
export const make = (
  years: ReadonlyArray<Data.YearRules>,
  options: Omit<CalendarOptions, "years" | "includeProvisional"> = {}
): Either.Either<ProductionCalendar, InvalidCalendarData> => {
  const sorted = [...years].sort((a, b) => a.year - b.year)
  const first = sorted[0]
  if (first === undefined)
    return Either.left(new InvalidCalendarData({ year: 0, message: "a calendar needs at least one year" }))
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.year !== sorted[i - 1]!.year + 1) {
      return Either.left(
        new InvalidCalendarData({ year: sorted[i]!.year, message: "calendar years must be consecutive and unique" })
      )
    }
  }
  const last = sorted[sorted.length - 1]!
  const firstDay = mmdd(first.year, "01-01")
  const lastDay = mmdd(last.year, "12-31")
  const days = Period.daysInRange(firstDay, lastDay)
  const index = new Map<string, number>()
  days.forEach((d, i) => index.set(d, i))
  const kinds = new Uint8Array(days.length)
  const set = (d: Day, k: DayKind) => (kinds[index.get(d)!] = KINDS.indexOf(k))
  const kindAt = (d: Day): DayKind => KINDS[kinds[index.get(d)!]!]!
  const sources: Array<string> = []

  for (const rules of sorted) {
    const y = rules.year
    sources.push(`${y}: ${rules.source}`)
    for (const d of Period.days(Period.unsafeYear(y))) set(d, Period.isWeekend(d) ? "weekend" : "working")
    const holidays = new Set(Data.PUBLIC_HOLIDAYS.map((md) => mmdd(y, md)))
    for (const h of holidays) set(h, "holiday")
    const transferredFrom = new Set<Day>()
    // The government's decree (Labour Code art. 112 p. 5): a day off moves from `from` to `to`.
    for (const t of rules.transfers) {
      const from = mmdd(y, t.from),
        to = mmdd(y, t.to)
      if (!Either.isRight(Period.parseDay(from)) || !Either.isRight(Period.parseDay(to))) {
        return Either.left(
          new InvalidCalendarData({ year: y, message: `transfer ${t.from} -> ${t.to} names a day that does not exist` })
        )
      }
      if (!holidays.has(from) && !Period.isWeekend(from)) {
        return Either.left(
          new InvalidCalendarData({
            year: y,
            message: `transfer from ${from}: a decree moves a day off, and ${from} is a working day`
          })
        )
      }
      if (kindAt(to) !== "working") {
        return Either.left(
          new InvalidCalendarData({ year: y, message: `transfer to ${to}: ${to} is already a day off` })
        )
      }
      transferredFrom.add(from)
      if (!holidays.has(from)) set(from, "workingWeekend")
      set(to, "transferredDayOff")
    }
    // Labour Code art. 112 p. 2: a holiday on a weekend moves the day off to the
    // next working day, except the January holidays, which the decree transfers.
    for (const h of [...holidays].sort()) {
      if (Data.JANUARY_HOLIDAYS.includes(h.slice(5)) || !Period.isWeekend(h) || transferredFrom.has(h)) continue
      let d = Period.addDays(h, 1)
      while (index.has(d) && kindAt(d) !== "working") d = Period.addDays(d, 1)
      if (!index.has(d)) {
        return Either.left(
          new InvalidCalendarData({ year: y, message: `no working day left in the year for the day off after ${h}` })
        )
      }
      set(d, "holidayCompensation")
    }
  }

  const presidential = options.presidentialNonWorkingDays ?? true
  if (presidential) {
    for (const layer of Data.PRESIDENTIAL_NON_WORKING_DAYS) {
      if (!index.has(layer.from)) continue
      sources.push(layer.source)
      for (const d of Period.daysInRange(layer.from as Day, layer.to as Day)) {
        if (index.has(d) && WORKING.has(kindAt(d))) set(d, "presidentialNonWorking")
      }
    }
  }
  for (const region of options.regional ?? []) {
    sources.push(region.source)
    for (const d of region.nonWorking) {
      if (!index.has(d))
        return Either.left(
          new InvalidCalendarData({
            year: Period.yearNumber(d),
            message: `regional day ${d} lies outside the calendar's years`
          })
        )
      set(d, "regionalNonWorking")
    }
    for (const d of region.working ?? []) {
      if (!index.has(d))
        return Either.left(
          new InvalidCalendarData({
            year: Period.yearNumber(d),
            message: `regional day ${d} lies outside the calendar's years`
          })
        )
      set(d, "regionalWorking")
    }
  }

  const prefix = new Uint32Array(days.length + 1)
  for (let i = 0; i < days.length; i++) prefix[i + 1] = prefix[i]! + (WORKING.has(KINDS[kinds[i]!]!) ? 1 : 0)
  const label = `ProductionCalendar(${firstDay}..${lastDay}, presidential non-working days ${presidential ? "on" : "off"})`
  return Either.right({
    firstDay,
    lastDay,
    presidentialNonWorkingDays: presidential,
    sources,
    index,
    days,
    kinds,
    prefix,
    toString: () => label,
    toJSON: () => label,
    [Symbol.for("nodejs.util.inspect.custom")]: () => label
  })
}

/**
 * The calendar of the Russian Federation, 2019 to 2026 (2027 with
 * `includeProvisional`), with the presidential non-working days on unless
 * switched off.
 */
export const russiaEither = (options: CalendarOptions = {}): Either.Either<ProductionCalendar, InvalidCalendarData> => {
  const byYear = new Map<number, Data.YearRules>()
  for (const y of Data.YEARS) if (options.includeProvisional === true || y.provisional !== true) byYear.set(y.year, y)
  for (const y of options.years ?? []) byYear.set(y.year, y)
  return make([...byYear.values()], options)
}

const cache = new Map<string, ProductionCalendar>()

/** Options for {@link russia}: the shipped data only, with the decree layer and the provisional years on or off. */
export type ShippedCalendarOptions = Pick<CalendarOptions, "presidentialNonWorkingDays" | "includeProvisional">

/**
 * The shipped calendar of the Russian Federation (see {@link russiaEither});
 * built once per setting. It takes no outside data, so it cannot fail: the
 * shipped data is checked by the tests (a contradiction in it would be a bug
 * in cityhall). A region's days or extra years go through
 * {@link russiaEither}, which answers {@link InvalidCalendarData}.
 */
export const russia = (options: ShippedCalendarOptions = {}): ProductionCalendar => {
  const presidentialNonWorkingDays = options.presidentialNonWorkingDays ?? true
  const includeProvisional = options.includeProvisional ?? false
  const key = `${presidentialNonWorkingDays}|${includeProvisional}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  // only the two settings are passed on, so a JS caller's stray `regional` or `years` cannot make it fail
  const cal = Either.getOrThrowWith(
    russiaEither({ presidentialNonWorkingDays, includeProvisional }),
    (e) => new Error(`cityhall's shipped calendar data is inconsistent: ${e.message}`)
  )
  cache.set(key, cal)
  return cal
}

const outOfRange = (cal: ProductionCalendar, day: string) =>
  new CalendarOutOfRange({
    day,
    covered: `${cal.firstDay}..${cal.lastDay}`,
    message: `the production calendar covers ${cal.firstDay}..${cal.lastDay}; ${day} is outside it`
  })

const position = (cal: ProductionCalendar, day: Day): Either.Either<number, CalendarOutOfRange> => {
  const i = cal.index.get(day)
  return i === undefined ? Either.left(outOfRange(cal, day)) : Either.right(i)
}

const working = (cal: ProductionCalendar, i: number) => WORKING.has(KINDS[cal.kinds[i]!]!)

/** Why a day is or is not a working day. */
export const dayKind = (cal: ProductionCalendar, day: Day): Either.Either<DayKind, CalendarOutOfRange> =>
  Either.map(position(cal, day), (i) => KINDS[cal.kinds[i]!]!)

/** Whether a day is a working day. */
export const isWorkingDay = (cal: ProductionCalendar, day: Day): Either.Either<boolean, CalendarOutOfRange> =>
  Either.map(position(cal, day), (i) => working(cal, i))

/** The first working day strictly after `day`. */
export const nextWorkingDay = (cal: ProductionCalendar, day: Day): Either.Either<Day, CalendarOutOfRange> =>
  Either.flatMap(position(cal, day), (i) => {
    for (let j = i + 1; j < cal.days.length; j++) if (working(cal, j)) return Either.right(cal.days[j]!)
    return Either.left(outOfRange(cal, Period.addDays(cal.lastDay, 1)))
  })

/** The last working day strictly before `day`. */
export const previousWorkingDay = (cal: ProductionCalendar, day: Day): Either.Either<Day, CalendarOutOfRange> =>
  Either.flatMap(position(cal, day), (i) => {
    for (let j = i - 1; j >= 0; j--) if (working(cal, j)) return Either.right(cal.days[j]!)
    return Either.left(outOfRange(cal, Period.addDays(cal.firstDay, -1)))
  })

/**
 * The `n`-th working day after `day` (counting starts the day after; `n = 0`
 * is `day` itself). Negative `n` counts backwards.
 */
export const addWorkingDays = (
  cal: ProductionCalendar,
  day: Day,
  n: number
): Either.Either<Day, CalendarOutOfRange | InvalidDayCount> =>
  Either.flatMap(position(cal, day), (i): Either.Either<Day, CalendarOutOfRange | InvalidDayCount> => {
    if (!Number.isInteger(n))
      return Either.left(
        new InvalidDayCount({ count: n, message: `a count of working days is a whole number, got ${n}` })
      )
    if (n === 0) return Either.right(day)
    const step = n > 0 ? 1 : -1
    let left = Math.abs(n)
    for (let j = i + step; j >= 0 && j < cal.days.length; j += step) {
      if (working(cal, j) && --left === 0) return Either.right(cal.days[j]!)
    }
    return Either.left(outOfRange(cal, step > 0 ? Period.addDays(cal.lastDay, 1) : Period.addDays(cal.firstDay, -1)))
  })

/** The number of working days from `from` to `to`, both included (0 when `to` is before `from`). */
export const workingDaysBetween = (
  cal: ProductionCalendar,
  from: Day,
  to: Day
): Either.Either<number, CalendarOutOfRange> =>
  Either.flatMap(position(cal, from), (i) =>
    Either.map(position(cal, to), (j) => (j < i ? 0 : cal.prefix[j + 1]! - cal.prefix[i]!))
  )

/** The number of working days in a period. */
export const workingDaysIn = (
  cal: ProductionCalendar,
  period: Period.Period
): Either.Either<number, CalendarOutOfRange> => workingDaysBetween(cal, Period.firstDay(period), Period.lastDay(period))

/** Whether the calendar covers a day. */
export const covers = (cal: ProductionCalendar, day: Day): boolean => cal.index.has(day)
