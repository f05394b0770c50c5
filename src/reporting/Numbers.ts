/**
 * Numbers as the report prints them, and the change on the previous year.
 *
 * - Russian (as Russian typography and official documents write numbers):
 *   an integer part of five digits or more is split into groups of three by
 *   a narrow no-break space U+202F ("11 384", "1 234 567"); a four-digit
 *   number stays whole ("3780"); decimal comma; a space before the percent
 *   sign ("2,8 %"); a negative number and a decrease take the minus sign
 *   U+2212 ("−50,9 %"), never the hyphen.
 * - English: comma grouping of every number of four digits or more
 *   ("3,780", "11,384"), a decimal point, no space before the percent sign
 *   ("2.8%"); the minus is the ASCII hyphen-minus ("-50.9%").
 * - `grouping: true` / `false` forces grouping on or off in either language;
 *   years and codes are not quantities and are never passed through here.
 * - Rounding is half away from zero on the exact value: numbers are read as
 *   the decimal they print as, ratios are divided in integers, so 1.005 to two
 *   digits is 1.01 and 11,072 -> 11,384 is +2.8 % exactly as by hand.
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * const { Numbers } = Reporting
 * Numbers.formatNumber("ru", 11384)                           // "11 384" (U+202F)
 * Numbers.formatNumber("en", 11384)                           // "11,384"
 * const change = Numbers.percentChange(11072, 11384)          // Increase { tenths: 28 }
 * Numbers.formatChange("ru", change)                          // "+2,8 %"
 * Numbers.describeChange("ru", change)                        // "увеличилось на 2,8 %"
 * Numbers.describeChange("en", Numbers.percentChange(328, 161)) // "decreased by 50.9%"
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import * as D from "./internal/Decimal.js"
import type { Lang } from "./Plural.js"

/** Options of {@link formatNumber}. */
export interface FormatOptions {
  /** Exactly this many fraction digits, rounded half away from zero (default: the digits the number has). */
  readonly fractionDigits?: number
  /** Group thousands (default: the language's rule — Russian from five digits, English always). */
  readonly grouping?: boolean
}

/** The narrow no-break space that groups digits in Russian (U+202F). */
export const GROUP_RU = "\u202f"
/** The minus sign of Russian text (U+2212). */
export const MINUS_RU = "\u2212"

const separators = (lang: Lang) =>
  lang === "ru" ? { decimal: ",", group: GROUP_RU, minus: MINUS_RU } : { decimal: ".", group: ",", minus: "-" }

/** The language's grouping rule for an integer part of `digits` digits. */
const groups = (lang: Lang, digits: number): boolean => (lang === "ru" ? digits >= 5 : digits >= 4)

const group = (int: string, sep: string): string => {
  let out = ""
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += sep
    out += int[i]
  }
  return out
}

/** Formats an exact decimal in `lang`. */
const formatDecimal = (lang: Lang, d: D.Decimal, grouping: boolean | undefined): string => {
  const sep = separators(lang)
  const { int, frac } = D.digits(d)
  const g = grouping ?? groups(lang, int.length)
  return `${d.negative ? sep.minus : ""}${g ? group(int, sep.group) : int}${frac.length > 0 ? sep.decimal + frac : ""}`
}

/**
 * Formats a number for text in `lang`. Non-finite numbers print as "—".
 *
 * @example
 * ```ts
 * formatNumber("ru", 2.75, { fractionDigits: 1 }) // "2,8"
 * formatNumber("en", 1234567)                     // "1,234,567"
 * formatNumber("ru", 1234567)                     // "1 234 567" (narrow no-break spaces)
 * formatNumber("ru", 3780)                        // "3780"
 * formatNumber("ru", -2.5)                        // "−2,5" (U+2212)
 * ```
 */
export const formatNumber = (lang: Lang, n: number, options?: FormatOptions): string => {
  if (!Number.isFinite(n)) return "—"
  const exact = D.fromNumber(n)
  const d = options?.fractionDigits === undefined ? D.normalise(exact) : D.round(exact, options.fractionDigits)
  return formatDecimal(lang, d, options?.grouping)
}

/** The percent sign as written in `lang`: "2,8 %" in Russian, "2.8%" in English. */
const withPercent = (lang: Lang, s: string): string => (lang === "ru" ? `${s} %` : `${s}%`)

/**
 * Formats a ratio (0.028) as a percent (`"2,8 %"` / `"2.8%"`), rounded half
 * away from zero to `fractionDigits` (default 1).
 *
 * @example
 * ```ts
 * formatPercent("ru", 0.975) // "97,5 %"
 * formatPercent("en", 1)     // "100.0%"
 * ```
 */
export const formatPercent = (lang: Lang, ratio: number, options?: { readonly fractionDigits?: number }): string => {
  if (!Number.isFinite(ratio)) return "—"
  const d = D.round(D.shift(D.fromNumber(ratio), 2), options?.fractionDigits ?? 1)
  return withPercent(lang, formatDecimal(lang, d, undefined))
}

/**
 * Formats the share `part / whole` as a percent, computed in integers
 * (`part` and `whole` are read exactly); "—" when `whole` is 0.
 *
 * @example
 * ```ts
 * formatShare("ru", 3780, 11384) // "33,2 %"
 * ```
 */
export const formatShare = (
  lang: Lang,
  part: number,
  whole: number,
  options?: { readonly fractionDigits?: number }
): string => {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole === 0) return "—"
  const digits = options?.fractionDigits ?? 1
  const p = D.fromNumber(part),
    w = D.fromNumber(whole)
  const s = Math.max(p.scale, w.scale)
  const num = D.signedUnitsAt(p, s) * D.pow10(digits + 2)
  const den = D.signedUnitsAt(w, s)
  const units = D.divRound(den < 0n ? -num : num, den < 0n ? -den : den)
  const d: D.Decimal = { negative: units < 0n, units: units < 0n ? -units : units, scale: digits }
  return withPercent(lang, formatDecimal(lang, d, undefined))
}

/** The value grew; `tenths` is the rounded change in tenths of a percent (0 when under 0.05 %). */
export class Increase extends Schema.TaggedClass<Increase>()("Increase", { tenths: Schema.NonNegativeInt }) {}
/** The value fell; `tenths` is the rounded magnitude in tenths of a percent. */
export class Decrease extends Schema.TaggedClass<Decrease>()("Decrease", { tenths: Schema.NonNegativeInt }) {}
/** The value is exactly the previous one. */
export class Unchanged extends Schema.TaggedClass<Unchanged>()("Unchanged", {}) {}
/** No percent can be computed: the previous value is 0 (and the current is not), or a value is not finite. */
export class NoBase extends Schema.TaggedClass<NoBase>()("NoBase", {}) {}

/** The change of a figure on its previous value, in tenths of a percent. */
export const PercentChange = Schema.Union(Increase, Decrease, Unchanged, NoBase).annotations({
  identifier: "PercentChange"
})
/** @see PercentChange */
export type PercentChange = typeof PercentChange.Type

/**
 * The change from `previous` to `current` in percent of `|previous|`,
 * rounded half away from zero to one decimal on the exact ratio.
 * The tag follows the exact sign, so a change under 0.05 % is still an
 * `Increase` / `Decrease` with `tenths: 0`; `tenths` saturates at
 * `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * percentChange(11072, 11384) // Increase { tenths: 28 }  (+2.8 %)
 * percentChange(328, 161)     // Decrease { tenths: 509 } (-50.9 %)
 * percentChange(0, 5)         // NoBase
 * percentChange(0, 0)         // Unchanged
 * ```
 */
export const percentChange = (previous: number, current: number): PercentChange => {
  if (!Number.isFinite(previous) || !Number.isFinite(current)) return new NoBase()
  const p = D.fromNumber(previous),
    c = D.fromNumber(current)
  const s = Math.max(p.scale, c.scale)
  const pu = D.signedUnitsAt(p, s),
    cu = D.signedUnitsAt(c, s)
  if (pu === cu) return new Unchanged()
  if (pu === 0n) return new NoBase()
  const diff = cu - pu
  const base = pu < 0n ? -pu : pu
  const tenths = D.divRound(diff * 1000n, base)
  // Saturates at the largest safe integer (a change of about 9e14 %).
  const abs = tenths < 0n ? -tenths : tenths
  const magnitude = abs > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(abs)
  return diff > 0n ? new Increase({ tenths: magnitude }) : new Decrease({ tenths: magnitude })
}

/** The change in percent as a signed number (2.8, -50.9), or `undefined` for `NoBase`. */
export const changeValue = (change: PercentChange): number | undefined => {
  switch (change._tag) {
    case "Increase":
      return change.tenths / 10
    case "Decrease":
      return change.tenths === 0 ? 0 : -change.tenths / 10
    case "Unchanged":
      return 0
    case "NoBase":
      return undefined
  }
}

const tenthsText = (lang: Lang, tenths: number): string =>
  withPercent(lang, formatDecimal(lang, { negative: false, units: BigInt(tenths), scale: 1 }, undefined))

/**
 * The change as a signed figure for tables: `"+2,8 %"`, `"−50,9 %"` (the
 * minus sign U+2212 in Russian, the hyphen-minus in English: `"-50.9%"`),
 * `"0,0 %"`, and "—" when there is no base.
 *
 * @example
 * ```ts
 * formatChange("en", percentChange(11072, 11384)) // "+2.8%"
 * ```
 */
export const formatChange = (lang: Lang, change: PercentChange): string => {
  switch (change._tag) {
    case "Increase":
      return `+${tenthsText(lang, change.tenths)}`
    case "Decrease":
      return `${separators(lang).minus}${tenthsText(lang, change.tenths)}`
    case "Unchanged":
      return tenthsText(lang, 0)
    case "NoBase":
      return "—"
  }
}

/**
 * The change in words, as the predicate of a sentence whose subject is a
 * neuter singular noun in Russian ("количество обращений увеличилось на 2,8 %").
 *
 * @example
 * ```ts
 * describeChange("ru", percentChange(328, 161))   // "уменьшилось на 50,9 %"
 * describeChange("en", percentChange(100, 100))   // "did not change"
 * describeChange("ru", percentChange(100000, 100001)) // "увеличилось менее чем на 0,1 %"
 * ```
 */
export const describeChange = (lang: Lang, change: PercentChange): string => {
  const ru = lang === "ru"
  switch (change._tag) {
    case "Increase":
    case "Decrease": {
      const up = change._tag === "Increase"
      const verb = ru ? (up ? "увеличилось" : "уменьшилось") : up ? "increased" : "decreased"
      if (change.tenths === 0)
        return ru ? `${verb} менее чем на ${tenthsText(lang, 1)}` : `${verb} by less than ${tenthsText(lang, 1)}`
      return ru ? `${verb} на ${tenthsText(lang, change.tenths)}` : `${verb} by ${tenthsText(lang, change.tenths)}`
    }
    case "Unchanged":
      return ru ? "не изменилось" : "did not change"
    case "NoBase":
      return ru
        ? "не может быть выражено в процентах (нет базы для сравнения)"
        : "cannot be expressed in percent (there is no base for comparison)"
  }
}
