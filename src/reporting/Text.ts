/**
 * The report's message catalogue (Russian and English, typed keys and
 * parameters) and the sentences the report says from data alone.
 *
 * Verb agreement with a numeral subject: the report puts the verb before
 * the counted noun and uses the neuter singular ("поступило 11384
 * обращения", "поступило 5 обращений"), which is the standard form for
 * numerals of the `many` class and the usual one for `few`. Where the
 * numeral ends in 1 the verb agrees with the noun itself in the singular:
 * "обращение" is neuter, so it is "поступило 1 обращение" / "поступило 21
 * обращение" too, while "человек" is masculine: "принят 1 человек",
 * "принят 161 человек", but "принято 328 человек".
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * Reporting.Text.appealsSummary("ru", {
 *   year: 2020, total: 11384, written: 3780, electronic: 7459, oral: 145, previousTotal: 11072
 * })
 * // "За 2020 год в администрацию города поступило 11 384 обращения, в том числе 3780 письменных,
 * //  7459 электронных и 145 устных обращений. В сравнении с аналогичным периодом прошлого года
 * //  количество обращений увеличилось на 2,8 %."
 * ```
 *
 * @module
 */
import * as Lexicon from "./Lexicon.js"
import * as Numbers from "./Numbers.js"
import * as Plural from "./Plural.js"

/** The appeals of a year by channel, and the total of the previous year. */
export interface AppealFigures {
  readonly year: number | string
  readonly total: number
  readonly written: number
  readonly electronic: number
  readonly oral: number
  readonly previousTotal: number
}

/** People seen at the personal receptions of a year and of the previous year. */
export interface ReceptionFigures {
  readonly year: number | string
  readonly people: number
  readonly previousPeople: number
}

/** A month number, 1..12. */
export type MonthNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12

/** The parameters of a message that takes none. */
export type NoParams = Readonly<Record<string, never>>

/** The parameters of every message, by key. */
export interface Messages {
  readonly annualReportTitle: { readonly year: number | string }
  readonly appealsReceived: AppealFigures
  readonly appealsChange: { readonly change: Numbers.PercentChange }
  readonly receptionsPeople: ReceptionFigures
  readonly monthShort: { readonly month: MonthNumber }
  readonly yearLabel: { readonly year: number | string }
  readonly channelWritten: NoParams
  readonly channelElectronic: NoParams
  readonly channelOral: NoParams
  readonly total: NoParams
  readonly change: NoParams
  readonly noData: NoParams
  readonly appealsByMonthChart: { readonly year: number | string; readonly previousYear: number | string }
  readonly appealsAxis: NoParams
  readonly monthAxis: NoParams
  readonly planExecutionChart: { readonly year: number | string }
  readonly executionAxis: NoParams
  readonly divisionAxis: NoParams
}

/** A key of the catalogue. */
export type MessageKey = keyof Messages

type Catalogue = { readonly [K in MessageKey]: { readonly [L in Plural.Lang]: (p: Messages[K]) => string } }

const RU_MONTHS = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"] as const
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const

const appealsReceivedRu = (f: AppealFigures): string => {
  if (f.total === 0) return `За ${f.year} год обращения в администрацию города не поступали.`
  // Neuter singular "поступило" for every count: see the module comment.
  return (
    `За ${f.year} год в администрацию города поступило ${Lexicon.count("ru", f.total, Lexicon.appeal)}, ` +
    `в том числе ${Lexicon.count("ru", f.written, Lexicon.written)}, ${Lexicon.count("ru", f.electronic, Lexicon.electronic)} ` +
    `и ${Lexicon.count("ru", f.oral, Lexicon.oral, Lexicon.appeal)}.`
  )
}

const appealsReceivedEn = (f: AppealFigures): string => {
  if (f.total === 0) return `In ${f.year} the city administration received no appeals.`
  return (
    `In ${f.year} the city administration received ${Lexicon.count("en", f.total, Lexicon.appeal)}, ` +
    `including ${Lexicon.count("en", f.written, Lexicon.written)}, ${Lexicon.count("en", f.electronic, Lexicon.electronic)} ` +
    `and ${Lexicon.count("en", f.oral, Lexicon.oral, Lexicon.appeal)}.`
  )
}

const appealsChangeRu = ({ change }: Messages["appealsChange"]): string =>
  change._tag === "NoBase"
    ? "В аналогичном периоде прошлого года обращения не поступали."
    : `В сравнении с аналогичным периодом прошлого года количество обращений ${Numbers.describeChange("ru", change)}.`

const appealsChangeEn = ({ change }: Messages["appealsChange"]): string =>
  change._tag === "NoBase"
    ? "No appeals were received in the same period of the previous year."
    : `Compared with the same period of the previous year, the number of appeals ${Numbers.describeChange("en", change)}.`

const previousYear = (year: number | string): string => `${Number(year) - 1}`

const receptionsRu = (f: ReceptionFigures): string => {
  // "человек" is masculine: "принят 161 человек", "принято 328 человек".
  const verb = Plural.plural("ru", f.people, { one: "принят", few: "принято", many: "принято", other: "принято" })
  return (
    `За ${f.year} год на личных приёмах Мэром и заместителями Мэра ${verb} ${Lexicon.count("ru", f.people, Lexicon.person)} ` +
    `(в ${previousYear(f.year)} году — ${Lexicon.count("ru", f.previousPeople, Lexicon.person)}).`
  )
}

const receptionsEn = (f: ReceptionFigures): string =>
  `In ${f.year} the Mayor and the deputy mayors received ${Lexicon.count("en", f.people, Lexicon.person)} at personal receptions ` +
  `(${previousYear(f.year)}: ${Lexicon.count("en", f.previousPeople, Lexicon.person)}).`

const constant = (ru: string, en: string) => ({ ru: () => ru, en: () => en })

/** The catalogue itself: every key in every language. */
export const catalogue: Catalogue = {
  annualReportTitle: {
    ru: ({ year }) => `Отчёт об организационной работе администрации города за ${year} год`,
    en: ({ year }) => `Annual report on the organisational work of the city administration, ${year}`
  },
  appealsReceived: { ru: appealsReceivedRu, en: appealsReceivedEn },
  appealsChange: { ru: appealsChangeRu, en: appealsChangeEn },
  receptionsPeople: { ru: receptionsRu, en: receptionsEn },
  monthShort: {
    ru: ({ month }) => RU_MONTHS[month - 1] ?? `${month}`,
    en: ({ month }) => EN_MONTHS[month - 1] ?? `${month}`
  },
  yearLabel: { ru: ({ year }) => `${year} год`, en: ({ year }) => `${year}` },
  channelWritten: constant("Письменные", "Written"),
  channelElectronic: constant("Электронные", "Electronic"),
  channelOral: constant("Устные", "Oral"),
  total: constant("Всего", "Total"),
  change: constant("Изменение", "Change"),
  noData: constant("Нет данных", "No data"),
  appealsByMonthChart: {
    ru: ({ year, previousYear }) => `Обращения по месяцам и каналам поступления, ${year} и ${previousYear} годы`,
    en: ({ year, previousYear }) => `Appeals by month and channel, ${year} and ${previousYear}`
  },
  appealsAxis: constant("Обращения", "Appeals"),
  monthAxis: constant("Месяц", "Month"),
  planExecutionChart: {
    ru: ({ year }) => `Исполнение годового плана по подразделениям, ${year} год`,
    en: ({ year }) => `Annual plan execution by division, ${year}`
  },
  executionAxis: constant("Исполнение, %", "Execution, %"),
  divisionAxis: constant("Подразделение", "Division")
}

/**
 * The message `key` in `lang` with its parameters.
 *
 * @example
 * ```ts
 * message("ru", "monthShort", { month: 3 }) // "мар"
 * message("en", "noData", {})               // "No data"
 * ```
 */
export const message = <K extends MessageKey>(lang: Plural.Lang, key: K, params: Messages[K]): string => {
  const entry: { readonly [L in Plural.Lang]: (p: Messages[K]) => string } = catalogue[key]
  return entry[lang](params)
}

/**
 * The two sentences on the appeals of a year: the total by channel and the
 * change on the previous year (one decimal, half away from zero).
 *
 * @example
 * ```ts
 * appealsSummary("en", { year: 2020, total: 11384, written: 3780, electronic: 7459, oral: 145, previousTotal: 11072 })
 * // "In 2020 the city administration received 11,384 appeals, including 3,780 written, 7,459 electronic
 * //  and 145 oral appeals. Compared with the same period of the previous year, the number of appeals increased by 2.8%."
 * ```
 */
export const appealsSummary = (lang: Plural.Lang, figures: AppealFigures): string =>
  `${message(lang, "appealsReceived", figures)} ${message(lang, "appealsChange", {
    change: Numbers.percentChange(figures.previousTotal, figures.total)
  })}`

/**
 * The sentence on the people seen at personal receptions, against the
 * previous year.
 *
 * @example
 * ```ts
 * receptionsSummary("ru", { year: 2020, people: 161, previousPeople: 328 })
 * // "За 2020 год на личных приёмах Мэром и заместителями Мэра принят 161 человек (в 2019 году — 328 человек)."
 * ```
 */
export const receptionsSummary = (lang: Plural.Lang, figures: ReceptionFigures): string =>
  message(lang, "receptionsPeople", figures)
