/**
 * Repeated appeals (повторные обращения) detected, never merged: an appeal
 * is repeated when the same applicant already had an appeal on the same
 * question answered on the merits. The same applicant is the same
 * normalised name with the same normalised postal address or e-mail
 * address; the same question is the same main topic. The new appeal is
 * marked `repeated` (`collectiveRepeated` for a collective one) and linked
 * to the earlier appeals (`relatedAppeals`); it stays an appeal of its own,
 * considered and answered in its own right, and the earlier ones are not
 * touched. (59-FZ art. 11 p. 5 builds on these links: several earlier
 * answers on the question let the head end the correspondence.)
 *
 * @example
 * ```ts
 * import { Appeals, Period } from "cityhall"
 *
 * declare const registration: Appeals.AppealCommand.RegisterAppeal
 * declare const earlier: ReadonlyArray<Appeals.Repeated.Earlier>
 * const marked = Appeals.Repeated.mark(registration, earlier, Period.unsafeDay("2021-03-01"))
 * marked.kind // "repeated" when an earlier appeal of the applicant on the question was answered
 * ```
 *
 * @module
 */
import { Redacted } from "effect"
import type { AppealId } from "../kernel/Ids.js"
import type { Day } from "../kernel/Period.js"
import type { Applicant, Kind, Outcome } from "./Appeal.js"
import type { RegisterAppeal, RegisterOralAppeal } from "./AppealCommand.js"
import type { AppealTopicCode } from "./Topic.js"

/** What detection needs of an earlier appeal: its applicant, topics and whether and when it was answered. */
export interface Earlier {
  readonly appealId: AppealId
  readonly applicant?: Applicant | undefined
  readonly topics: ReadonlyArray<AppealTopicCode>
  readonly outcome?: Outcome | undefined
  /** The local day it was closed. */
  readonly closedOn?: Day | undefined
}

/** A name or postal address as compared: lower case, `ё` as `е`, punctuation as spaces, runs of spaces as one. */
export const normaliseText = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()

/** An e-mail address as compared: trimmed, lower case. */
export const normaliseEmail = (s: string): string => s.trim().toLowerCase()

const value = (r: Redacted.Redacted<string> | undefined): string | undefined =>
  r === undefined ? undefined : Redacted.value(r)

/**
 * Whether two applicants are the same citizen: both named, the same
 * normalised name, and the same normalised postal address or the same
 * e-mail address. An anonymous appeal is nobody's repeat.
 */
export const sameApplicant = (a: Applicant | undefined, b: Applicant | undefined): boolean => {
  const an = value(a?.name),
    bn = value(b?.name)
  if (an === undefined || bn === undefined || normaliseText(an) !== normaliseText(bn) || normaliseText(an) === "")
    return false
  const ap = value(a?.postalAddress),
    bp = value(b?.postalAddress)
  if (ap !== undefined && bp !== undefined && normaliseText(ap) !== "" && normaliseText(ap) === normaliseText(bp))
    return true
  const ae = value(a?.email),
    be = value(b?.email)
  return ae !== undefined && be !== undefined && normaliseEmail(ae) === normaliseEmail(be)
}

/**
 * The earlier appeals a new one repeats: the same applicant, the same main
 * topic, answered on the merits on or before `on` (the new appeal's day),
 * in the order given, each once.
 */
export const repeats = (
  appeal: { readonly applicant?: Applicant | undefined; readonly topics: ReadonlyArray<AppealTopicCode> },
  earlier: Iterable<Earlier>,
  on: Day
): ReadonlyArray<AppealId> => {
  const main = appeal.topics[0]
  const out: Array<AppealId> = []
  if (main === undefined) return out
  for (const e of earlier) {
    if (
      e.outcome === "answered" &&
      e.closedOn !== undefined &&
      e.closedOn <= on &&
      e.topics[0] === main &&
      !out.includes(e.appealId) &&
      sameApplicant(appeal.applicant, e.applicant)
    )
      out.push(e.appealId)
  }
  return out
}

/** The repeated kind of a kind. */
export const repeatedKind = (k: Kind): Kind =>
  k === "collective" || k === "collectiveRepeated" ? "collectiveRepeated" : "repeated"

/**
 * Marks a registration as repeated when it repeats earlier answered appeals
 * ({@link repeats}, on the local day `on` of its registration): its kind
 * becomes repeated and the earlier appeals are added to its links (those it
 * had stay first). Otherwise the registration is returned as it is. The new
 * appeal is never merged into an earlier one: only its own kind and links
 * change.
 */
export const mark = <C extends RegisterAppeal | RegisterOralAppeal>(
  registration: C,
  earlier: Iterable<Earlier>,
  on: Day
): C => {
  const found = repeats(registration, earlier, on).filter(
    (id) => id !== registration.appealId && !registration.relatedAppeals.includes(id)
  )
  if (found.length === 0) return registration
  const { _tag: _omitted, ...props } = registration
  const Cls = registration.constructor as new (props: Omit<C, "_tag">, disableValidation?: boolean) => C
  return new Cls(
    { ...props, kind: repeatedKind(registration.kind), relatedAppeals: [...registration.relatedAppeals, ...found] },
    true
  )
}
