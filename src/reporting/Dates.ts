/**
 * Dates and periods as the report writes them: in Russian as official
 * documents write them (the day, the month in the genitive, the year with
 * «г.»: «28 марта 2020 г.»; a period «с 28 марта по 30 июня 2020 г.», the
 * year once when both ends share it), in English day-month-year ("28 March
 * 2020", "from 28 March to 30 June 2020"). Quarters and spans of years the
 * same way («I квартал 2020 г.», "Q1 2020"; «2019–2030 гг.», "2019–2030").
 *
 * Every date of the report's text and tables goes through here: no ISO day
 * (`2020-03-28`) reaches a reader.
 *
 * @example
 * ```ts
 * import { Period, Reporting } from "cityhall"
 *
 * const { Dates } = Reporting
 * Dates.day("ru", Period.unsafeDay("2020-03-28"))                                     // "28 марта 2020 г."
 * Dates.period("ru", Period.unsafeDay("2020-03-28"), Period.unsafeDay("2020-06-30"))  // "с 28 марта по 30 июня 2020 г."
 * Dates.day("en", Period.unsafeDay("2020-03-28"))                                     // "28 March 2020"
 * ```
 *
 * @module
 */
import type { Lang } from "./Plural.js"

const RU_GENITIVE = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря"
] as const

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
] as const

const RU_NOMINATIVE = [
  "январь",
  "февраль",
  "март",
  "апрель",
  "май",
  "июнь",
  "июль",
  "август",
  "сентябрь",
  "октябрь",
  "ноябрь",
  "декабрь"
] as const

interface Parts {
  readonly year: string
  readonly month: number
  readonly day: number
}

const parts = (day: string): Parts | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (m === null) return undefined
  const month = Number(m[2])
  const d = Number(m[3])
  if (month < 1 || month > 12 || d < 1 || d > 31) return undefined
  return { year: m[1] ?? "", month, day: d }
}

const dayMonth = (lang: Lang, p: Parts): string =>
  lang === "ru" ? `${p.day} ${RU_GENITIVE[p.month - 1]}` : `${p.day} ${EN_MONTHS[p.month - 1]}`

const withYear = (lang: Lang, text: string, year: string): string =>
  lang === "ru" ? `${text} ${year} г.` : `${text} ${year}`

/**
 * A day (`YYYY-MM-DD`) as the report writes it; text that is not a day is
 * returned as it is.
 *
 * @example
 * ```ts
 * day("ru", "2020-12-31") // "31 декабря 2020 г."
 * day("en", "2020-01-01") // "1 January 2020"
 * ```
 */
export const day = (lang: Lang, d: string): string => {
  const p = parts(d)
  return p === undefined ? d : withYear(lang, dayMonth(lang, p), p.year)
}

/**
 * A period from one day to another, both included: the year is written
 * once when both days share it, the month once when they share it too
 * («с 1 по 15 марта 2020 г.»). A period of one day is that day.
 *
 * @example
 * ```ts
 * period("ru", "2020-03-28", "2020-06-30") // "с 28 марта по 30 июня 2020 г."
 * period("ru", "2020-12-28", "2021-01-10") // "с 28 декабря 2020 г. по 10 января 2021 г."
 * period("en", "2020-03-28", "2020-06-30") // "from 28 March to 30 June 2020"
 * ```
 */
export const period = (lang: Lang, from: string, to: string): string => {
  const a = parts(from),
    b = parts(to)
  if (a === undefined || b === undefined) return lang === "ru" ? `с ${from} по ${to}` : `from ${from} to ${to}`
  if (from === to) return day(lang, from)
  const [fromText, toText] =
    a.year !== b.year
      ? [day(lang, from), day(lang, to)]
      : [a.month === b.month ? `${a.day}` : dayMonth(lang, a), withYear(lang, dayMonth(lang, b), b.year)]
  return lang === "ru" ? `с ${fromText} по ${toText}` : `from ${fromText} to ${toText}`
}

const ROMAN = ["I", "II", "III", "IV"] as const

/**
 * A quarter (`YYYY-Qn`) as the report writes it.
 *
 * @example
 * ```ts
 * quarter("ru", "2020-Q1") // "I квартал 2020 г."
 * quarter("en", "2020-Q1") // "Q1 2020"
 * ```
 */
export const quarter = (lang: Lang, q: string): string => {
  const m = /^(\d{4})-Q([1-4])$/.exec(q)
  if (m === null) return q
  const n = Number(m[2])
  return lang === "ru" ? `${ROMAN[n - 1]} квартал ${m[1]} г.` : `Q${n} ${m[1]}`
}

/**
 * A month (`YYYY-MM`) as the report writes it.
 *
 * @example
 * ```ts
 * month("ru", "2020-01") // "январь 2020 г."
 * month("en", "2020-01") // "January 2020"
 * ```
 */
export const month = (lang: Lang, m: string): string => {
  const r = /^(\d{4})-(\d{2})$/.exec(m)
  const i = r === null ? 0 : Number(r[2])
  if (r === null || i < 1 || i > 12) return m
  return lang === "ru" ? `${RU_NOMINATIVE[i - 1]} ${r[1]} г.` : `${EN_MONTHS[i - 1]} ${r[1]}`
}

/**
 * Any period of the kernel (`YYYY`, `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD` or a
 * horizon `YYYY..YYYY`) as the report writes it.
 *
 * @example
 * ```ts
 * periodName("ru", "2019..2030") // "2019–2030 гг."
 * periodName("en", "2019..2030") // "2019–2030"
 * periodName("ru", "2021")       // "2021 г."
 * ```
 */
export const periodName = (lang: Lang, p: string): string => {
  const horizon = /^(\d{4})\.\.(\d{4})$/.exec(p)
  if (horizon !== null) return lang === "ru" ? `${horizon[1]}–${horizon[2]} гг.` : `${horizon[1]}–${horizon[2]}`
  if (/^\d{4}$/.test(p)) return lang === "ru" ? `${p} г.` : p
  if (/^\d{4}-Q[1-4]$/.test(p)) return quarter(lang, p)
  if (/^\d{4}-\d{2}$/.test(p)) return month(lang, p)
  return day(lang, p)
}

/** Whether a text still holds an ISO day (`YYYY-MM-DD`): what the report never prints. */
export const hasIsoDay = (text: string): boolean => /\b\d{4}-\d{2}-\d{2}\b/.test(text)
