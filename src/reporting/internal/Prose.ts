/**
 * Small helpers the report's sections share: the text in the report's
 * language, a ratio that is 0 on an empty whole, a capitalised sentence.
 *
 * @internal
 */
import * as Numbers from "../Numbers.js"
import type { Lang } from "../Plural.js"

/** The Russian or the English text. */
export const t = (lang: Lang, ru: string, en: string): string => (lang === "ru" ? ru : en)

/** A count in running text, by the language's one rule (`Numbers.formatNumber`). */
export const num = (lang: Lang, n: number): string => Numbers.formatNumber(lang, n)

/** `part / whole`, 0 when the whole is 0. */
export const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)

/** The text with its first letter in upper case. */
export const capitalised = (s: string): string => s.replace(/^./, (c) => c.toUpperCase())

/** Whether a day (`YYYY-MM-DD`) falls in a year. */
export const inYear = (year: number, day: string): boolean => day.startsWith(`${year}-`)
