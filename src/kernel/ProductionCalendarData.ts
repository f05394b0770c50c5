/**
 * The production calendar of the Russian Federation as data, and the format
 * in which a city loads an official year without a release.
 *
 * - The non-working public holidays (Labour Code art. 112 p. 1) and the
 *   weekend rule (art. 111, art. 112 p. 2) are law, fixed here as constants.
 * - An **official year** adds what only a legal act fixes: the government's
 *   decree transferring days off (art. 112 p. 5) and the presidential
 *   non-working days, each with its source. cityhall ships 2019 to 2026
 *   ({@link YEARS}); a city adds or corrects a year with a
 *   {@link CalendarFile} (`Calendar.fromData`, `--calendar FILE`).
 * - Every other year from {@link FIRST_YEAR} to {@link LAST_YEAR} is
 *   **provisional**: computed from the Labour Code alone, and every answer
 *   that rests on it says so.
 *
 * To add a shipped year: append a {@link YearRules} with the decree's
 * transfers in the decree's own words ("с субботы 4 января на понедельник
 * 4 мая" is `{ from: "01-04", to: "05-04" }`) and its official number of
 * working days; the tests check the total.
 *
 * @module
 */
import { Schema } from "effect"
import { Day } from "./Period.js"

/** A day of the shipped data, written as a literal (the tests decode the shipped data through {@link CalendarFile}). */
const day = (s: string): Day => s as Day

/** The first year the production calendar covers (the first official year cityhall ships). */
export const FIRST_YEAR = 2019
/** The last year the production calendar covers (the last year a `Day` can name). */
export const LAST_YEAR = 2199

/** A day of a year without the year, `MM-DD`, as a decree writes it ("с субботы 4 января" is `01-04`). */
export const MonthDay = Schema.String.pipe(
  Schema.pattern(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: () => "a day of the year as MM-DD (e.g. 01-04 for 4 January)"
  })
).annotations({ identifier: "MonthDay", description: "A day of the year, MM-DD" })

/** One transfer of a day off, as a government decree states it: from `from` to `to` (both `MM-DD` of the same year). */
export const Transfer = Schema.Struct({
  /** The day off that moves (a weekend day, or a holiday on a weekend); it becomes a working day unless it is a holiday. */
  from: MonthDay,
  /** The working day that becomes a day off. */
  to: MonthDay
}).annotations({ identifier: "CalendarTransfer" })
/** @see Transfer */
export type Transfer = typeof Transfer.Type

/** Non-working days declared by an act outside the Labour Code's calendar (the President's decrees of 2020 and 2021). */
export const NonWorkingDays = Schema.Struct({
  /** The act that declares them. */
  source: Schema.NonEmptyTrimmedString,
  /** First and last day, both included, inside the year. */
  from: Day,
  to: Day
}).annotations({ identifier: "CalendarNonWorkingDays" })
/** @see NonWorkingDays */
export type NonWorkingDays = typeof NonWorkingDays.Type

/** The rules of one official calendar year. */
export const YearRules = Schema.Struct({
  year: Schema.Int.pipe(Schema.between(FIRST_YEAR, LAST_YEAR)),
  /** The government's decree on the transfer of days off for the year (Labour Code art. 112 p. 5). */
  source: Schema.NonEmptyTrimmedString,
  transfers: Schema.Array(Transfer),
  /** Non-working days declared outside the Labour Code (a separate layer, switched on or off as a whole). */
  nonWorkingDays: Schema.optionalWith(Schema.Array(NonWorkingDays), { exact: true }),
  /** The official number of working days in a five-day week (without the non-working-days layer), for checking the data. */
  workingDays: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 366)), { exact: true })
}).annotations({ identifier: "CalendarYear" })
/** @see YearRules */
export type YearRules = typeof YearRules.Type

/** The format name of a calendar file. */
export const FORMAT = "cityhall.calendar/1"

/**
 * A calendar file: official years a city loads (`Calendar.fromData`,
 * `--calendar FILE`). A year in the file replaces the shipped year of the
 * same number; the years it does not name stay as shipped or provisional.
 * Unknown fields are refused. JSON Schema: `docs/calendar.schema.json`.
 */
export const CalendarFile = Schema.Struct({
  $schema: Schema.optionalWith(Schema.String, { exact: true }),
  format: Schema.Literal(FORMAT),
  years: Schema.Array(YearRules)
}).annotations({
  identifier: "CalendarFile",
  title: "cityhall production calendar",
  description:
    "Official years of the production calendar: the decree's transfers of days off and non-working days declared by other acts, each with its source"
})
/** @see CalendarFile */
export type CalendarFile = typeof CalendarFile.Type

/**
 * Non-working public holidays, `MM-DD` (Labour Code art. 112 p. 1, as
 * amended by Federal Law of 23.04.2012 No. 35-FZ): 1-6 and 8 January (New
 * Year holidays), 7 January (Christmas), 23 February, 8 March, 1 May,
 * 9 May, 12 June, 4 November.
 */
export const PUBLIC_HOLIDAYS: ReadonlyArray<string> = [
  "01-01",
  "01-02",
  "01-03",
  "01-04",
  "01-05",
  "01-06",
  "01-07",
  "01-08",
  "02-23",
  "03-08",
  "05-01",
  "05-09",
  "06-12",
  "11-04"
]

/**
 * The January holidays (art. 112 p. 1, paragraphs 2 and 3): when one falls
 * on a weekend, no day off follows it automatically; the government
 * transfers two such days by decree (art. 112 p. 2, p. 5).
 */
export const JANUARY_HOLIDAYS: ReadonlyArray<string> = PUBLIC_HOLIDAYS.filter((d) => d.startsWith("01-"))

/** The source named for a provisional year. */
export const PROVISIONAL_SOURCE =
  "Трудовой кодекс РФ, ст. 111, 112 (предварительно: постановление Правительства о переносе выходных дней на этот год не загружено)"

/**
 * The official years cityhall ships, 2019 to 2026: each with its decree on
 * transfers (Labour Code art. 112 p. 5) and, for 2020 and 2021, the
 * presidential non-working days. Every other year from {@link FIRST_YEAR}
 * to {@link LAST_YEAR} is provisional (see `Calendar`).
 */
export const YEARS: ReadonlyArray<YearRules> = [
  {
    year: 2019,
    // Постановление Правительства РФ от 01.10.2018 № 1163 «О переносе выходных дней в 2019 году»
    source: "Постановление Правительства РФ от 01.10.2018 № 1163",
    transfers: [
      { from: "01-05", to: "05-02" },
      { from: "01-06", to: "05-03" },
      { from: "02-23", to: "05-10" }
    ],
    workingDays: 247
  },
  {
    year: 2020,
    // Постановление Правительства РФ от 10.07.2019 № 875 «О переносе выходных дней в 2020 году»
    source: "Постановление Правительства РФ от 10.07.2019 № 875",
    transfers: [
      { from: "01-04", to: "05-04" },
      { from: "01-05", to: "05-05" }
    ],
    nonWorkingDays: [
      // Указ Президента РФ от 25.03.2020 № 206 «Об объявлении в Российской Федерации нерабочих дней»
      { source: "Указ Президента РФ от 25.03.2020 № 206", from: day("2020-03-30"), to: day("2020-04-03") },
      // Указ Президента РФ от 02.04.2020 № 239
      { source: "Указ Президента РФ от 02.04.2020 № 239", from: day("2020-04-04"), to: day("2020-04-30") },
      // Указ Президента РФ от 28.04.2020 № 294
      { source: "Указ Президента РФ от 28.04.2020 № 294", from: day("2020-05-06"), to: day("2020-05-08") },
      // Указ Президента РФ от 29.05.2020 № 345 (the Victory parade, 24 June)
      { source: "Указ Президента РФ от 29.05.2020 № 345", from: day("2020-06-24"), to: day("2020-06-24") },
      // Указ Президента РФ от 01.06.2020 № 354 (the vote on amendments to the Constitution, 1 July)
      { source: "Указ Президента РФ от 01.06.2020 № 354", from: day("2020-07-01"), to: day("2020-07-01") }
    ],
    workingDays: 248
  },
  {
    year: 2021,
    // Постановление Правительства РФ от 10.10.2020 № 1648 «О переносе выходных дней в 2021 году»
    source: "Постановление Правительства РФ от 10.10.2020 № 1648",
    transfers: [
      { from: "01-02", to: "11-05" },
      { from: "01-03", to: "12-31" },
      { from: "02-20", to: "02-22" }
    ],
    nonWorkingDays: [
      // Указ Президента РФ от 23.04.2021 № 242
      { source: "Указ Президента РФ от 23.04.2021 № 242", from: day("2021-05-04"), to: day("2021-05-07") },
      // Указ Президента РФ от 20.10.2021 № 595
      { source: "Указ Президента РФ от 20.10.2021 № 595", from: day("2021-10-30"), to: day("2021-11-07") }
    ],
    workingDays: 247
  },
  {
    year: 2022,
    // Постановление Правительства РФ от 16.09.2021 № 1564 «О переносе выходных дней в 2022 году»
    source: "Постановление Правительства РФ от 16.09.2021 № 1564",
    transfers: [
      { from: "01-01", to: "05-03" },
      { from: "01-02", to: "05-10" },
      { from: "03-05", to: "03-07" }
    ],
    workingDays: 247
  },
  {
    year: 2023,
    // Постановление Правительства РФ от 29.08.2022 № 1505 «О переносе выходных дней в 2023 году»
    source: "Постановление Правительства РФ от 29.08.2022 № 1505",
    transfers: [
      { from: "01-01", to: "02-24" },
      { from: "01-08", to: "05-08" }
    ],
    workingDays: 247
  },
  {
    year: 2024,
    // Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»
    source: "Постановление Правительства РФ от 10.08.2023 № 1314",
    transfers: [
      { from: "01-06", to: "05-10" },
      { from: "01-07", to: "12-31" },
      { from: "04-27", to: "04-29" },
      { from: "11-02", to: "04-30" },
      { from: "12-28", to: "12-30" }
    ],
    workingDays: 248
  },
  {
    year: 2025,
    // Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»
    source: "Постановление Правительства РФ от 04.10.2024 № 1335",
    transfers: [
      { from: "01-04", to: "05-02" },
      { from: "01-05", to: "12-31" },
      { from: "02-23", to: "05-08" },
      { from: "03-08", to: "06-13" },
      { from: "11-01", to: "11-03" }
    ],
    workingDays: 247
  },
  {
    year: 2026,
    // Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»
    source: "Постановление Правительства РФ от 24.09.2025 № 1466",
    transfers: [
      { from: "01-03", to: "01-09" },
      { from: "01-04", to: "12-31" }
    ],
    workingDays: 247
  }
]

/** The presidential non-working days of the shipped years (2020 and 2021), in order. */
export const PRESIDENTIAL_NON_WORKING_DAYS: ReadonlyArray<NonWorkingDays> = YEARS.flatMap((y) => y.nonWorkingDays ?? [])
