/**
 * Plural forms for the report's languages, chosen by `Intl.PluralRules`:
 * Russian has `one` / `few` / `many` / `other` ("1 обращение", "2 обращения",
 * "5 обращений", "1,5 обращения"), English `one` / `other`.
 *
 * The category of a number that is printed with fraction digits depends on
 * those digits ("1 обращение" but "1,0 обращения"): pass the same
 * `fractionDigits` as the formatter.
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * Reporting.Plural.plural("ru", 11384, { one: "обращение", few: "обращения", many: "обращений", other: "обращения" })
 * // "обращения"
 * Reporting.Plural.plural("en", 1, { one: "appeal", other: "appeals" }) // "appeal"
 * ```
 *
 * @module
 */
import { Schema } from "effect"

/** The languages the report is written in. */
export const Lang = Schema.Literal("ru", "en").annotations({ identifier: "Lang" })
/** @see Lang */
export type Lang = typeof Lang.Type

/** The CLDR plural categories. */
export type Category = "zero" | "one" | "two" | "few" | "many" | "other"

/** Russian word forms: `other` is the form after a fraction ("1,5 обращения"). */
export interface RuForms {
  readonly one: string
  readonly few: string
  readonly many: string
  readonly other: string
}

/** English word forms. */
export interface EnForms {
  readonly one: string
  readonly other: string
}

/** The forms a language needs; for the union of languages, all of them. */
export type FormsFor<L extends Lang> = [L] extends ["ru"] ? RuForms : [L] extends ["en"] ? EnForms : RuForms & EnForms

/** Options shared by the plural functions. */
export interface PluralOptions {
  /** The fraction digits the number is printed with (default: as many as it has). */
  readonly fractionDigits?: number
}

const rulesCache = new Map<string, Intl.PluralRules>()

const rules = (lang: Lang, fractionDigits: number | undefined): Intl.PluralRules => {
  const key = `${lang}/${fractionDigits ?? ""}`
  let r = rulesCache.get(key)
  if (r === undefined) {
    r = new Intl.PluralRules(
      lang,
      fractionDigits === undefined
        ? { maximumFractionDigits: 20 }
        : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }
    )
    rulesCache.set(key, r)
  }
  return r
}

/**
 * The plural category of `n` in `lang`, from `Intl.PluralRules`. The sign
 * does not matter ("-1" is `one`).
 *
 * @example
 * ```ts
 * category("ru", 22)  // "few"
 * category("ru", 111) // "many"
 * category("ru", 1.5) // "other"
 * ```
 */
export const category = (lang: Lang, n: number, options?: PluralOptions): Category =>
  rules(lang, options?.fractionDigits).select(Math.abs(n))

/**
 * The word form for `n`: the form of its plural category, `other` if the
 * language has no form of its own for that category.
 *
 * @example
 * ```ts
 * plural("ru", 5, { one: "обращение", few: "обращения", many: "обращений", other: "обращения" }) // "обращений"
 * ```
 */
export const plural = <L extends Lang>(lang: L, n: number, forms: FormsFor<L>, options?: PluralOptions): string => {
  const c = category(lang, n, options)
  const f: Partial<Record<Category, string>> & { readonly other: string } = forms
  return f[c] ?? f.other
}
