/**
 * The production calendar of the Russian Federation as data: public
 * holidays (Labour Code art. 112), the government's yearly transfers of days
 * off, and the presidential non-working days of 2020 and 2021.
 *
 * To add a year: append a {@link YearRules} with the decree's transfers in
 * the decree's own words ("с субботы 4 января на понедельник 4 мая" is
 * `{ from: "01-04", to: "05-04" }`), then add the official number of working
 * days to the calendar tests.
 *
 * @module
 */

/** One transfer of a day off, as a government decree states it: from `from` to `to` (both `MM-DD`). */
export interface Transfer {
  readonly from: string
  readonly to: string
}

/** The rules of one calendar year. */
export interface YearRules {
  readonly year: number
  /** The government's decree on the transfer of days off for the year. */
  readonly source: string
  readonly transfers: ReadonlyArray<Transfer>
  /**
   * True when the decree for the year is not in cityhall's sources yet: the
   * year then holds only what the Labour Code itself fixes, and a calendar
   * uses it only when asked to (`includeProvisional`).
   */
  readonly provisional?: boolean
  /** Official number of working days in a five-day week, for checking the data. */
  readonly workingDays?: number
}

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
 * The January holidays: when one falls on a weekend, no day off follows it
 * automatically; the government transfers such days by decree (Labour Code
 * art. 112 p. 2).
 */
export const JANUARY_HOLIDAYS: ReadonlyArray<string> = PUBLIC_HOLIDAYS.filter((d) => d.startsWith("01-"))

/** The yearly decrees, 2019 to 2027. */
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
  },
  {
    year: 2027,
    // The decree on transfers for 2027 is not in cityhall's sources: only the
    // Labour Code's own rules (art. 112) are applied. 2 and 3 January fall on
    // a weekend and are left without their transfer until the decree is added.
    source: "Трудовой кодекс РФ, ст. 112 (постановление о переносе выходных дней в 2027 году не внесено)",
    transfers: [],
    provisional: true
  }
]

/** A layer of non-working days declared by the President's decrees, switched on or off as a whole. */
export interface PresidentialNonWorkingDays {
  /** The decree. */
  readonly source: string
  /** First and last day, `YYYY-MM-DD`, both included. */
  readonly from: string
  readonly to: string
}

/**
 * The presidential "non-working days" (нерабочие дни), 2020 and 2021: paid
 * days off declared by decree, outside the Labour Code's calendar.
 */
export const PRESIDENTIAL_NON_WORKING_DAYS: ReadonlyArray<PresidentialNonWorkingDays> = [
  // Указ Президента РФ от 25.03.2020 № 206 «Об объявлении в Российской Федерации нерабочих дней»
  { source: "Указ Президента РФ от 25.03.2020 № 206", from: "2020-03-30", to: "2020-04-03" },
  // Указ Президента РФ от 02.04.2020 № 239
  { source: "Указ Президента РФ от 02.04.2020 № 239", from: "2020-04-04", to: "2020-04-30" },
  // Указ Президента РФ от 28.04.2020 № 294
  { source: "Указ Президента РФ от 28.04.2020 № 294", from: "2020-05-06", to: "2020-05-08" },
  // Указ Президента РФ от 29.05.2020 № 345 (the Victory parade, 24 June)
  { source: "Указ Президента РФ от 29.05.2020 № 345", from: "2020-06-24", to: "2020-06-24" },
  // Указ Президента РФ от 01.06.2020 № 354 (the vote on amendments to the Constitution, 1 July)
  { source: "Указ Президента РФ от 01.06.2020 № 354", from: "2020-07-01", to: "2020-07-01" },
  // Указ Президента РФ от 23.04.2021 № 242
  { source: "Указ Президента РФ от 23.04.2021 № 242", from: "2021-05-04", to: "2021-05-07" },
  // Указ Президента РФ от 20.10.2021 № 595
  { source: "Указ Президента РФ от 20.10.2021 № 595", from: "2021-10-30", to: "2021-11-07" }
]
