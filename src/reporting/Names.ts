/**
 * How a report names the ids it prints: divisions and officials by the
 * organisation in force on the report's day (the stored organisation, see
 * `Records.organisationOn`), in the report's language — the English name
 * (`nameEn`) in an English report when the organisation gives one, the
 * Russian name otherwise. An id nothing names prints as it is; no name is
 * ever taken from anywhere else (the demo city's names come from the
 * organisation the demo stores, like any city's).
 *
 * @example
 * ```ts
 * import { Organisation, Reporting } from "cityhall"
 *
 * declare const organisation: Organisation.Organisation
 * const names = Reporting.Names.make(organisation, "en")
 * names.division("housing") // "Housing and utilities directorate" (or the Russian name, or "housing")
 * ```
 *
 * @module
 */
import type * as Organisation from "../kernel/Organisation.js"
import type { Lang } from "./Plural.js"

/** The names a report prints for ids. */
export interface Names {
  /** A division's name (its id when none is known). */
  readonly division: (id: string) => string
  /** An official's name (its id when none is known). */
  readonly official: (id: string) => string
}

const nameIn = (lang: Lang, x: { readonly name: string; readonly nameEn?: string }): string =>
  lang === "en" && x.nameEn !== undefined ? x.nameEn : x.name

/** The names of the organisation's divisions in a language, by id (empty without an organisation). */
export const divisionNames = (
  organisation: Organisation.Organisation | undefined,
  lang: Lang
): ReadonlyMap<string, string> => new Map((organisation?.divisions ?? []).map((d) => [d.id as string, nameIn(lang, d)]))

/** The names of the organisation's officials in a language, by id (empty without an organisation). */
export const officialNames = (
  organisation: Organisation.Organisation | undefined,
  lang: Lang
): ReadonlyMap<string, string> => new Map((organisation?.officials ?? []).map((o) => [o.id as string, nameIn(lang, o)]))

/**
 * The names of an organisation in a language; `divisions` (names given by
 * the caller, by id) come first.
 */
export const make = (
  organisation: Organisation.Organisation | undefined,
  lang: Lang,
  divisions: ReadonlyMap<string, string> = new Map()
): Names => {
  const byDivision = divisionNames(organisation, lang)
  const byOfficial = officialNames(organisation, lang)
  return {
    division: (id) => divisions.get(id) ?? byDivision.get(id) ?? id,
    official: (id) => byOfficial.get(id) ?? id
  }
}
