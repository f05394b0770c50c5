/**
 * The production calendar (производственный календарь): which days are
 * working days, queried as pure functions.
 *
 * A calendar covers every day from 2019-01-01 to 2199-12-31:
 *
 * - an **official** year rests on data ({@link ProductionCalendarData}): the
 *   government's decree transferring days off (Labour Code art. 112 p. 5)
 *   and the presidential non-working days, each with its source. cityhall
 *   ships 2019..2026; a city loads more with {@link fromData};
 * - every other year is **provisional**: computed from the Labour Code alone
 *   (art. 111: Saturday and Sunday off; art. 112 p. 1: the holidays;
 *   art. 112 p. 2: a holiday on a weekend moves the day off to the next
 *   working day, except the January holidays, which only a decree
 *   transfers). Every answer that rests on a provisional year can say so
 *   ({@link describe}, {@link provisionalBetween}, `Term.deadlineOf`).
 *
 * A day before 2019 or after 2199 answers a typed {@link CalendarOutOfRange}.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Calendar, Period } from "cityhall"
 *
 * const cal = Calendar.russia({ presidentialNonWorkingDays: false })
 * Calendar.isWorkingDay(cal, Period.unsafeDay("2021-05-10")) // Either.right(false): 9 May fell on a Sunday
 * Calendar.workingDaysIn(cal, Period.unsafeYear("2020"))    // Either.right(248)
 * Calendar.isWorkingDay(cal, Period.unsafeDay("2027-06-14")) // Either.right(false): 12 June 2027 is a Saturday (provisional)
 * ```
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as Period from "./Period.js"
import type { Day } from "./Period.js"
import * as Data from "./ProductionCalendarData.js"
import * as Decode from "./Decode.js"

/** A day the calendar does not cover (before 2019 or after 2199). */
export class CalendarOutOfRange extends Schema.TaggedError<CalendarOutOfRange>()("CalendarOutOfRange", {
  day: Schema.String,
  covered: Schema.String,
  message: Schema.String
}) {}

/** The rule a piece of calendar data breaks. */
export const CalendarDataRule = Schema.Literal(
  /** The data does not decode: a missing or unknown field, a malformed date (the path names it). */
  "malformed",
  /** A year is given twice. */
  "duplicateYear",
  /** A day that does not exist in its year (`02-30`, `02-29` of a common year) or lies outside it. */
  "dayNotInYear",
  /** A decree moves a weekend day (Labour Code art. 112 p. 5); the day moved is a weekday. */
  "transferFromWeekday",
  /** A transfer onto a day that is already off (a weekend, a holiday, another transfer's day). */
  "transferOntoDayOff",
  /** The same day moved twice. */
  "dayTransferredTwice",
  /** A holiday on a weekend whose day off finds no working day left in the year. */
  "noWorkingDayForCompensation",
  /** The year's days do not add up to its stated official number of working days. */
  "workingDaysMismatch",
  /** A range of non-working days that ends before it starts. */
  "rangeReversed",
  /** A regional day outside the calendar's range. */
  "regionalDayOutOfRange"
)
/** @see CalendarDataRule */
export type CalendarDataRule = typeof CalendarDataRule.Type

/** Calendar data that does not decode or contradicts itself: the year, the rule, the field and the day. */
export class InvalidCalendarData extends Schema.TaggedError<InvalidCalendarData>()("InvalidCalendarData", {
  year: Schema.Number,
  rule: CalendarDataRule,
  /** Where in the data, e.g. `years[0].transfers[1].to`. */
  path: Schema.optionalWith(Schema.String, { exact: true }),
  /** The day concerned, `YYYY-MM-DD`. */
  day: Schema.optionalWith(Schema.String, { exact: true }),
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
const K = {
  working: 0,
  weekend: 1,
  holiday: 2,
  holidayCompensation: 3,
  transferredDayOff: 4,
  workingWeekend: 5,
  presidentialNonWorking: 6,
  regionalNonWorking: 7,
  regionalWorking: 8
} as const
const isWorkingKind = (k: number): boolean => k === K.working || k === K.workingWeekend || k === K.regionalWorking

/** A region's own days (a subject of the Federation may declare extra non-working days). */
export interface RegionalDays {
  /** The regional act that declares them. */
  readonly source: string
  readonly nonWorking: ReadonlyArray<Day>
  readonly working?: ReadonlyArray<Day>
}

/** Options of a calendar. */
export interface CalendarOptions {
  /** Count the presidential non-working days (2020, 2021, and any a loaded year declares) as days off. Default `true`. */
  readonly presidentialNonWorkingDays?: boolean
  /** A region's own days, applied last. */
  readonly regional?: ReadonlyArray<RegionalDays>
  /** Official years added to (or replacing, by year) the shipped ones. */
  readonly years?: ReadonlyArray<Data.YearRules>
}

/** One year of the calendar, as a table of day kinds with running working-day counts. */
interface YearTable {
  readonly year: number
  readonly provisional: boolean
  readonly source: string
  readonly kinds: Uint8Array
  /** `prefix[i]`: working days strictly before day i of the year; `prefix[length]` is the year's total. */
  readonly prefix: Uint16Array
}

/** A built calendar. Official years are built and checked when it is made; provisional years when first asked for. */
export interface ProductionCalendar {
  /** 2019-01-01. */
  readonly firstDay: Day
  /** 2199-12-31. */
  readonly lastDay: Day
  readonly presidentialNonWorkingDays: boolean
  /** The official years (data with a source), ascending. */
  readonly officialYears: ReadonlyArray<number>
  /**
   * The last day of the unbroken run of official years from 2019 (the day
   * after it is provisional); `undefined` when 2019 itself is not official.
   */
  readonly officialThrough: Day | undefined
  /** The sources of the official years and of the layers in use. */
  readonly sources: ReadonlyArray<string>
  /** @internal the table of a covered year */
  readonly table: (year: number) => YearTable
  /** A short label: the range, where official data ends and the layer setting (the table itself is not printed). */
  readonly toString: () => string
}

const FIRST_DAY = `${Data.FIRST_YEAR}-01-01` as Day
const LAST_DAY = `${Data.LAST_YEAR}-12-31` as Day
const COVERED = `${FIRST_DAY}..${LAST_DAY}`

// ---------------------------------------------------------------------------
// Day arithmetic without Date objects (the hot path of every deadline)

const CUMULATIVE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const yearLength = (y: number) => (isLeap(y) ? 366 : 365)
const monthLength = (y: number, m: number) => CUMULATIVE[m]! - CUMULATIVE[m - 1]! + (m === 2 && isLeap(y) ? 1 : 0)

const digits = (s: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

/** The index in its year of a month and day, or -1 when the day does not exist. */
const indexIn = (y: number, m: number, d: number): number =>
  m < 1 || m > 12 || d < 1 || d > monthLength(y, m) ? -1 : CUMULATIVE[m - 1]! + (m > 2 && isLeap(y) ? 1 : 0) + d - 1

/** `MM-DD` in a year: its index, or -1. */
const indexOfMonthDay = (y: number, md: string): number =>
  md.length === 5 && md.charCodeAt(2) === 45 ? indexIn(y, digits(md, 0, 2), digits(md, 3, 5)) : -1

/** `YYYY-MM-DD`: year and index, or undefined when malformed. */
const locate = (day: string): { readonly year: number; readonly index: number } | undefined => {
  if (typeof day !== "string" || day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45)
    return undefined
  const year = digits(day, 0, 4)
  const index = indexIn(year, digits(day, 5, 7), digits(day, 8, 10))
  return year < 0 || index < 0 ? undefined : { year, index }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)

/** The day at an index of a year. */
const dayAt = (y: number, index: number): Day => {
  const leap = isLeap(y) ? 1 : 0
  let m = 1
  while (m < 12 && index >= CUMULATIVE[m]! + (m >= 2 ? leap : 0)) m++
  const d = index - CUMULATIVE[m - 1]! - (m > 2 ? leap : 0) + 1
  return `${y}-${pad2(m)}-${pad2(d)}` as Day
}

/** ISO weekday (1 Monday .. 7 Sunday) of 1 January of a year. */
const jan1Weekday = (y: number): number => {
  const epochDay = Math.round(Date.UTC(y, 0, 1) / 86_400_000)
  return ((((epochDay + 3) % 7) + 7) % 7) + 1
}

// ---------------------------------------------------------------------------
// Building a year

const invalid = (year: number, rule: CalendarDataRule, message: string, extra: { path?: string; day?: string } = {}) =>
  new InvalidCalendarData({
    year,
    rule,
    message,
    ...(extra.path !== undefined ? { path: extra.path } : {}),
    ...(extra.day !== undefined ? { day: extra.day } : {})
  })

/** Where year rules sit in the data they came from (for error paths). */
type Located = { readonly rules: Data.YearRules; readonly path: string }

const buildYear = (
  y: number,
  official: Located | undefined,
  presidential: boolean,
  regional: ReadonlyArray<RegionalDays>
): Either.Either<YearTable, InvalidCalendarData> => {
  const len = yearLength(y)
  const kinds = new Uint8Array(len)
  const first = jan1Weekday(y)
  const weekend = (i: number) => ((first - 1 + i) % 7) + 1 >= 6
  for (let i = 0; i < len; i++) kinds[i] = weekend(i) ? K.weekend : K.working
  // Labour Code art. 112 p. 1: the non-working holidays
  const holidays = Data.PUBLIC_HOLIDAYS.map((md) => indexOfMonthDay(y, md))
  for (const h of holidays) kinds[h] = K.holiday
  const isHoliday = (i: number) => holidays.includes(i)
  const transferredFrom = new Set<number>()
  const rules = official?.rules
  const at = (suffix: string) => `${official?.path ?? ""}${suffix}`
  // Labour Code art. 112 p. 5: the government's decree moves a day off from `from` to `to`
  for (const [k, t] of (rules?.transfers ?? []).entries()) {
    const from = indexOfMonthDay(y, t.from)
    const to = indexOfMonthDay(y, t.to)
    if (from < 0)
      return Either.left(
        invalid(y, "dayNotInYear", `transfer from ${t.from}: there is no such day in ${y}`, {
          path: at(`.transfers[${k}].from`)
        })
      )
    if (to < 0)
      return Either.left(
        invalid(y, "dayNotInYear", `transfer to ${t.to}: there is no such day in ${y}`, {
          path: at(`.transfers[${k}].to`)
        })
      )
    const fromDay = dayAt(y, from)
    const toDay = dayAt(y, to)
    if (!weekend(from))
      return Either.left(
        invalid(
          y,
          "transferFromWeekday",
          `transfer from ${fromDay}: a decree moves a weekend day off (Labour Code art. 112 p. 5), and ${fromDay} is a weekday`,
          { path: at(`.transfers[${k}].from`), day: fromDay }
        )
      )
    if (transferredFrom.has(from))
      return Either.left(
        invalid(y, "dayTransferredTwice", `transfer from ${fromDay}: the day is moved twice`, {
          path: at(`.transfers[${k}].from`),
          day: fromDay
        })
      )
    if (kinds[to] !== K.working)
      return Either.left(
        invalid(
          y,
          "transferOntoDayOff",
          `transfer to ${toDay}: ${toDay} is already a day off (${KINDS[kinds[to]!]}), so nothing would move`,
          { path: at(`.transfers[${k}].to`), day: toDay }
        )
      )
    transferredFrom.add(from)
    if (!isHoliday(from)) kinds[from] = K.workingWeekend
    kinds[to] = K.transferredDayOff
  }
  // Labour Code art. 112 p. 2: a holiday on a weekend moves the day off to the next working day,
  // except the January holidays (paragraphs 2 and 3 of p. 1), whose weekend days only the decree transfers
  for (const [n, h] of holidays.entries()) {
    if (Data.JANUARY_HOLIDAYS.includes(Data.PUBLIC_HOLIDAYS[n]!) || !weekend(h) || transferredFrom.has(h)) continue
    let j = h + 1
    while (j < len && kinds[j] !== K.working) j++
    if (j >= len)
      return Either.left(
        invalid(y, "noWorkingDayForCompensation", `no working day left in ${y} for the day off after ${dayAt(y, h)}`, {
          day: dayAt(y, h)
        })
      )
    kinds[j] = K.holidayCompensation
  }
  if (rules?.workingDays !== undefined) {
    let count = 0
    for (let i = 0; i < len; i++) if (isWorkingKind(kinds[i]!)) count++
    if (count !== rules.workingDays)
      return Either.left(
        invalid(
          y,
          "workingDaysMismatch",
          `${y} has ${count} working days by its transfers, but the data states ${rules.workingDays}`,
          { path: at(".workingDays") }
        )
      )
  }
  for (const [k, range] of (rules?.nonWorkingDays ?? []).entries()) {
    const from = locate(range.from)
    const to = locate(range.to)
    if (from === undefined || from.year !== y)
      return Either.left(
        invalid(y, "dayNotInYear", `non-working days from ${range.from}: the day is not in ${y}`, {
          path: at(`.nonWorkingDays[${k}].from`),
          day: range.from
        })
      )
    if (to === undefined || to.year !== y)
      return Either.left(
        invalid(y, "dayNotInYear", `non-working days to ${range.to}: the day is not in ${y}`, {
          path: at(`.nonWorkingDays[${k}].to`),
          day: range.to
        })
      )
    if (to.index < from.index)
      return Either.left(
        invalid(y, "rangeReversed", `non-working days ${range.from}..${range.to}: the range ends before it starts`, {
          path: at(`.nonWorkingDays[${k}]`),
          day: range.to
        })
      )
    if (presidential)
      for (let i = from.index; i <= to.index; i++) if (isWorkingKind(kinds[i]!)) kinds[i] = K.presidentialNonWorking
  }
  for (const region of regional) {
    for (const d of region.nonWorking) {
      const l = locate(d)
      if (l !== undefined && l.year === y) kinds[l.index] = K.regionalNonWorking
    }
    for (const d of region.working ?? []) {
      const l = locate(d)
      if (l !== undefined && l.year === y) kinds[l.index] = K.regionalWorking
    }
  }
  const prefix = new Uint16Array(len + 1)
  for (let i = 0; i < len; i++) prefix[i + 1] = prefix[i]! + (isWorkingKind(kinds[i]!) ? 1 : 0)
  return Either.right({
    year: y,
    provisional: official === undefined,
    source: rules?.source ?? Data.PROVISIONAL_SOURCE,
    kinds,
    prefix
  })
}

// ---------------------------------------------------------------------------
// Making calendars

const checkRegional = (regional: ReadonlyArray<RegionalDays>): Either.Either<void, InvalidCalendarData> => {
  for (const [r, region] of regional.entries()) {
    for (const [field, days] of [
      ["nonWorking", region.nonWorking],
      ["working", region.working ?? []]
    ] as const) {
      for (const [k, d] of days.entries()) {
        const l = locate(d)
        if (l === undefined || l.year < Data.FIRST_YEAR || l.year > Data.LAST_YEAR) {
          return Either.left(
            invalid(
              l?.year ?? 0,
              "regionalDayOutOfRange",
              `regional day ${String(d)} lies outside the calendar's range ${COVERED}`,
              { path: `regional[${r}].${field}[${k}]`, day: String(d) }
            )
          )
        }
      }
    }
  }
  return Either.void
}

const build = (
  years: ReadonlyArray<Located>,
  options: Omit<CalendarOptions, "years">
): Either.Either<ProductionCalendar, InvalidCalendarData> => {
  const presidential = options.presidentialNonWorkingDays ?? true
  const regional = options.regional ?? []
  const checked = checkRegional(regional)
  if (Either.isLeft(checked)) return Either.left(checked.left)
  const byYear = new Map<number, Located>()
  for (const l of years) {
    const y = l.rules.year
    if (!Number.isInteger(y) || y < Data.FIRST_YEAR || y > Data.LAST_YEAR)
      return Either.left(
        invalid(
          Number.isFinite(y) ? y : 0,
          "malformed",
          `year ${y}: the calendar covers ${Data.FIRST_YEAR}..${Data.LAST_YEAR}`,
          { path: `${l.path}.year` }
        )
      )
    if (byYear.has(y))
      return Either.left(invalid(y, "duplicateYear", `year ${y} is given twice`, { path: `${l.path}.year` }))
    byYear.set(y, l)
  }
  const tables: Array<YearTable | undefined> = new Array(Data.LAST_YEAR - Data.FIRST_YEAR + 1)
  for (const [y, l] of byYear) {
    const t = buildYear(y, l, presidential, regional)
    if (Either.isLeft(t)) return Either.left(t.left)
    tables[y - Data.FIRST_YEAR] = t.right
  }
  const officialYears = [...byYear.keys()].sort((a, b) => a - b)
  let through = Data.FIRST_YEAR - 1
  while (byYear.has(through + 1)) through++
  const officialThrough = through >= Data.FIRST_YEAR ? (`${through}-12-31` as Day) : undefined
  const sources = officialYears.map((y) => `${y}: ${byYear.get(y)!.rules.source}`)
  if (presidential)
    for (const y of officialYears) for (const r of byYear.get(y)!.rules.nonWorkingDays ?? []) sources.push(r.source)
  for (const r of regional) sources.push(r.source)
  sources.push(`${Data.FIRST_YEAR}..${Data.LAST_YEAR}, other years: ${Data.PROVISIONAL_SOURCE}`)
  const table = (y: number): YearTable => {
    const i = y - Data.FIRST_YEAR
    const hit = tables[i]
    if (hit !== undefined) return hit
    // a provisional year has no data to contradict itself, and the regional days were checked above
    const t = Either.getOrThrow(buildYear(y, undefined, presidential, regional))
    tables[i] = t
    return t
  }
  const label = `ProductionCalendar(${COVERED}, official through ${officialThrough ?? "none"}, presidential non-working days ${presidential ? "on" : "off"})`
  return Either.right({
    firstDay: FIRST_DAY,
    lastDay: LAST_DAY,
    presidentialNonWorkingDays: presidential,
    officialYears,
    officialThrough,
    sources,
    table,
    toString: () => label,
    toJSON: () => label,
    [Symbol.for("nodejs.util.inspect.custom")]: () => label
  })
}

/**
 * A calendar from explicit official years only (the shipped ones are
 * {@link Data.YEARS}); every other year is provisional. Answers
 * {@link InvalidCalendarData} for data that contradicts itself.
 */
export const make = (
  years: ReadonlyArray<Data.YearRules>,
  options: Omit<CalendarOptions, "years"> = {}
): Either.Either<ProductionCalendar, InvalidCalendarData> =>
  build(
    years.map((rules, i) => ({ rules, path: `years[${i}]` })),
    options
  )

/**
 * The calendar of the Russian Federation: the shipped official years
 * (2019..2026), replaced or extended by `years`, with the presidential
 * non-working days on unless switched off, and a region's days.
 */
export const russiaEither = (options: CalendarOptions = {}): Either.Either<ProductionCalendar, InvalidCalendarData> => {
  const given = new Set((options.years ?? []).map((y) => y.year))
  const shipped = Data.YEARS.filter((y) => !given.has(y.year)).map((rules) => ({
    rules,
    path: `shipped year ${rules.year}`
  }))
  const extra = (options.years ?? []).map((rules, i) => ({ rules, path: `years[${i}]` }))
  return build([...shipped, ...extra], options)
}

const cache = new Map<boolean, ProductionCalendar>()

/** Options for {@link russia}: the shipped data only, with the decree layer on or off. */
export type ShippedCalendarOptions = Pick<CalendarOptions, "presidentialNonWorkingDays">

/**
 * The shipped calendar of the Russian Federation (see {@link russiaEither});
 * built once per setting. It takes no outside data, so it cannot fail: the
 * shipped data is checked by the tests (a contradiction in it would be a bug
 * in cityhall). A region's days or extra years go through
 * {@link russiaEither} or {@link fromData}, which answer {@link InvalidCalendarData}.
 */
export const russia = (options: ShippedCalendarOptions = {}): ProductionCalendar => {
  const presidentialNonWorkingDays = options.presidentialNonWorkingDays ?? true
  const hit = cache.get(presidentialNonWorkingDays)
  if (hit !== undefined) return hit
  const cal = Either.getOrThrowWith(
    russiaEither({ presidentialNonWorkingDays }),
    (e) => new Error(`cityhall's shipped calendar data is inconsistent: ${e.message}`)
  )
  cache.set(presidentialNonWorkingDays, cal)
  return cal
}

const pathOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("")

/**
 * Decodes a calendar file ({@link Data.CalendarFile}); unknown fields are
 * refused. A failure names the field's path and the year it belongs to.
 */
export const decodeFile = (input: unknown): Either.Either<Data.CalendarFile, InvalidCalendarData> =>
  Either.mapLeft(
    Decode.unknownEither(Data.CalendarFile, { errors: "all", onExcessProperty: "error" })(input),
    (error) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
      const path = pathOf(issue?.path ?? [])
      const yearIndex = issue?.path[0] === "years" && typeof issue.path[1] === "number" ? issue.path[1] : undefined
      const raw =
        yearIndex === undefined || typeof input !== "object" || input === null
          ? undefined
          : (input as { readonly years?: ReadonlyArray<{ readonly year?: unknown }> }).years?.[yearIndex]?.year
      return invalid(
        typeof raw === "number" && Number.isFinite(raw) ? raw : 0,
        "malformed",
        `${path || "calendar"}: ${issue?.message ?? "does not decode"}`,
        {
          path: path || "."
        }
      )
    }
  )

/**
 * A calendar with a city's official years loaded from data (a parsed
 * calendar file): its years replace the shipped years of the same number
 * and add new ones; the rest stay shipped or provisional. A file that does
 * not decode or contradicts itself is an {@link InvalidCalendarData} naming
 * the field, the day and the rule.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Calendar } from "cityhall"
 *
 * const file = {
 *   format: "cityhall.calendar/1",
 *   years: [{ year: 2030, source: "Постановление Правительства РФ о переносе выходных дней в 2030 году", transfers: [] }]
 * }
 * const calendar = Calendar.fromData(file) // Either<ProductionCalendar, InvalidCalendarData>
 * Either.map(calendar, (c) => c.officialYears) // [2019, ..., 2026, 2030]
 * ```
 */
export const fromData = (
  input: unknown,
  options: Omit<CalendarOptions, "years"> = {}
): Either.Either<ProductionCalendar, InvalidCalendarData> =>
  Either.flatMap(decodeFile(input), (file) => {
    const given = new Map<number, number>()
    for (const [i, y] of file.years.entries()) {
      if (given.has(y.year))
        return Either.left(
          invalid(y.year, "duplicateYear", `year ${y.year} is given twice`, { path: `years[${i}].year` })
        )
      given.set(y.year, i)
    }
    const shipped = Data.YEARS.filter((y) => !given.has(y.year)).map((rules) => ({
      rules,
      path: `shipped year ${rules.year}`
    }))
    const loaded = file.years.map((rules, i) => ({ rules, path: `years[${i}]` }))
    return build([...shipped, ...loaded], options)
  })

// ---------------------------------------------------------------------------
// Queries

const outOfRange = (day: string) =>
  new CalendarOutOfRange({
    day,
    covered: COVERED,
    message: `the production calendar covers ${COVERED}; ${day} is outside it`
  })

type Position = { readonly t: YearTable; readonly i: number }

const position = (cal: ProductionCalendar, day: Day): Either.Either<Position, CalendarOutOfRange> => {
  const l = locate(day)
  if (l === undefined || l.year < Data.FIRST_YEAR || l.year > Data.LAST_YEAR)
    return Either.left(outOfRange(String(day)))
  return Either.right({ t: cal.table(l.year), i: l.index })
}

/** Why a day is or is not a working day. */
export const dayKind = (cal: ProductionCalendar, day: Day): Either.Either<DayKind, CalendarOutOfRange> =>
  Either.map(position(cal, day), ({ t, i }) => KINDS[t.kinds[i]!]!)

/** Whether a day is a working day. */
export const isWorkingDay = (cal: ProductionCalendar, day: Day): Either.Either<boolean, CalendarOutOfRange> =>
  Either.map(position(cal, day), ({ t, i }) => isWorkingKind(t.kinds[i]!))

/** What the calendar says of a day, and what it rests on. */
export interface DayInfo {
  readonly day: Day
  readonly kind: DayKind
  readonly working: boolean
  /** True when the day's year has no official data: the answer rests on the Labour Code alone. */
  readonly provisional: boolean
  /** The year's decree, or the Labour Code for a provisional year. */
  readonly source: string
}

/** What the calendar says of a day: its kind, whether it is a working day, whether that is provisional, and the source. */
export const describe = (cal: ProductionCalendar, day: Day): Either.Either<DayInfo, CalendarOutOfRange> =>
  Either.map(position(cal, day), ({ t, i }) => ({
    day,
    kind: KINDS[t.kinds[i]!]!,
    working: isWorkingKind(t.kinds[i]!),
    provisional: t.provisional,
    source: t.source
  }))

/** Whether a covered year is official (data with a source) rather than provisional. */
export const isOfficialYear = (cal: ProductionCalendar, year: number): boolean => cal.officialYears.includes(year)

/**
 * Whether any day from `from` to `to` (both included, in either order) lies
 * in a provisional year, or outside the calendar: an answer that looked at
 * those days rests on the Labour Code alone.
 */
export const provisionalBetween = (cal: ProductionCalendar, from: Day, to: Day): boolean => {
  const a = Period.yearNumber(from <= to ? from : to)
  const b = Period.yearNumber(from <= to ? to : from)
  for (let y = a; y <= b; y++) if (!cal.officialYears.includes(y)) return true
  return false
}

/** The first working day strictly after `day`. */
export const nextWorkingDay = (cal: ProductionCalendar, day: Day): Either.Either<Day, CalendarOutOfRange> =>
  Either.flatMap(position(cal, day), ({ t: start, i: from }) => {
    let t = start
    let i = from + 1
    for (;;) {
      for (; i < t.kinds.length; i++) if (isWorkingKind(t.kinds[i]!)) return Either.right(dayAt(t.year, i))
      if (t.year === Data.LAST_YEAR) return Either.left(outOfRange(`${Data.LAST_YEAR + 1}-01-01`))
      t = cal.table(t.year + 1)
      i = 0
    }
  })

/** The last working day strictly before `day`. */
export const previousWorkingDay = (cal: ProductionCalendar, day: Day): Either.Either<Day, CalendarOutOfRange> =>
  Either.flatMap(position(cal, day), ({ t: start, i: from }) => {
    let t = start
    let i = from - 1
    for (;;) {
      for (; i >= 0; i--) if (isWorkingKind(t.kinds[i]!)) return Either.right(dayAt(t.year, i))
      if (t.year === Data.FIRST_YEAR) return Either.left(outOfRange(`${Data.FIRST_YEAR - 1}-12-31`))
      t = cal.table(t.year - 1)
      i = t.kinds.length - 1
    }
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
  Either.flatMap(
    position(cal, day),
    ({ t: start, i: from }): Either.Either<Day, CalendarOutOfRange | InvalidDayCount> => {
      if (!Number.isInteger(n))
        return Either.left(
          new InvalidDayCount({ count: n, message: `a count of working days is a whole number, got ${n}` })
        )
      if (n === 0) return Either.right(day)
      let left = Math.abs(n)
      let t = start
      if (n > 0) {
        let i = from + 1
        for (;;) {
          // skip a whole year at once when its working days do not reach the count
          const inRest = t.prefix[t.kinds.length]! - t.prefix[Math.min(i, t.kinds.length)]!
          if (inRest < left) left -= inRest
          else
            for (; i < t.kinds.length; i++)
              if (isWorkingKind(t.kinds[i]!) && --left === 0) return Either.right(dayAt(t.year, i))
          if (t.year === Data.LAST_YEAR) return Either.left(outOfRange(`${Data.LAST_YEAR + 1}-01-01`))
          t = cal.table(t.year + 1)
          i = 0
        }
      }
      let i = from - 1
      for (;;) {
        const inRest = i < 0 ? 0 : t.prefix[i + 1]!
        if (inRest < left) left -= inRest
        else for (; i >= 0; i--) if (isWorkingKind(t.kinds[i]!) && --left === 0) return Either.right(dayAt(t.year, i))
        if (t.year === Data.FIRST_YEAR) return Either.left(outOfRange(`${Data.FIRST_YEAR - 1}-12-31`))
        t = cal.table(t.year - 1)
        i = t.kinds.length - 1
      }
    }
  )

/** The number of working days from `from` to `to`, both included (0 when `to` is before `from`). */
export const workingDaysBetween = (
  cal: ProductionCalendar,
  from: Day,
  to: Day
): Either.Either<number, CalendarOutOfRange> =>
  Either.flatMap(position(cal, from), (a) =>
    Either.map(position(cal, to), (b) => {
      if (b.t.year < a.t.year || (b.t.year === a.t.year && b.i < a.i)) return 0
      if (a.t.year === b.t.year) return a.t.prefix[b.i + 1]! - a.t.prefix[a.i]!
      let n = a.t.prefix[a.t.kinds.length]! - a.t.prefix[a.i]!
      for (let y = a.t.year + 1; y < b.t.year; y++) {
        const t = cal.table(y)
        n += t.prefix[t.kinds.length]!
      }
      return n + b.t.prefix[b.i + 1]!
    })
  )

/** The number of working days in a period. */
export const workingDaysIn = (
  cal: ProductionCalendar,
  period: Period.Period
): Either.Either<number, CalendarOutOfRange> => workingDaysBetween(cal, Period.firstDay(period), Period.lastDay(period))

/** Whether the calendar covers a day (2019-01-01..2199-12-31). */
export const covers = (_cal: ProductionCalendar, day: Day): boolean => {
  const l = locate(day)
  return l !== undefined && l.year >= Data.FIRST_YEAR && l.year <= Data.LAST_YEAR
}

/**
 * Where official data ends, seen from `today`: the days from today to the
 * last official day, and whether that is within `warnWithinDays` (default
 * 90). A server warns at start and on its health endpoint when it is, so a
 * city loads the next year's decree before its appeals' due dates become
 * provisional.
 */
export const officialDataHorizon = (
  cal: ProductionCalendar,
  today: Day,
  warnWithinDays = 90
): {
  readonly officialThrough: Day | undefined
  readonly daysLeft: number
  readonly warning: string | undefined
} => {
  const through = cal.officialThrough
  const daysLeft = through === undefined ? -1 : Period.daysBetween(today, through)
  const warning =
    through === undefined
      ? "the production calendar has no official year from 2019: every due date is provisional (Labour Code only); load the decrees with a calendar file"
      : daysLeft < 0
        ? `official production-calendar data ended on ${through}: due dates after it are provisional (Labour Code only); load the government's decree for ${Period.yearNumber(through) + 1} with a calendar file`
        : daysLeft <= warnWithinDays
          ? `official production-calendar data ends on ${through} (in ${daysLeft} days): due dates after it are provisional (Labour Code only); load the government's decree for ${Period.yearNumber(through) + 1} with a calendar file`
          : undefined
  return { officialThrough: through, daysLeft, warning }
}
