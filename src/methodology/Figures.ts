/**
 * Figures of methodological support for the annual report: the
 * Methodological Council's sessions held in the year and their decisions,
 * the manuals and recommendations approved (by kind), returned for
 * revision, and sent out to divisions, enterprises and institutions.
 *
 * Everything is read from the Council's state: a session counts in the
 * year of its date, an approval in the year of its session, a
 * distribution in the year of its day. The decisions add up:
 * `approved + returned + resolutions = decisions`.
 *
 * @example
 * ```ts
 * import { Methodology, Period } from "cityhall"
 *
 * declare const council: Methodology.Council.State
 * const f = Methodology.Figures.annual(Period.unsafeYear("2020"), council)
 * f.manualsApproved // manuals and recommendations approved at the sessions of 2020
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import * as Period from "../kernel/Period.js"
import { Year } from "../kernel/Period.js"
import type { State } from "./Council.js"
import { keyOfParty } from "./Manual.js"

/** The year's figures of methodological support. */
export class AnnualFigures extends Schema.Class<AnnualFigures>("MethodologyAnnualFigures")({
  year: Year,
  /** Council sessions held, dated in the year. */
  sessionsHeld: Schema.NonNegativeInt,
  /** Items on the agendas of those sessions. */
  agendaItems: Schema.NonNegativeInt,
  /** Decisions taken at those sessions (`manualsApproved + manualsReturned + resolutions`). */
  decisions: Schema.NonNegativeInt,
  /** Manuals and recommendations approved at those sessions. */
  manualsApproved: Schema.NonNegativeInt,
  /** Of them, methodological manuals (методические пособия). */
  manualsApprovedAsManuals: Schema.NonNegativeInt,
  /** Of them, methodological recommendations (методические рекомендации). */
  manualsApprovedAsRecommendations: Schema.NonNegativeInt,
  /** Manuals returned for revision at those sessions. */
  manualsReturned: Schema.NonNegativeInt,
  /** Decisions that were resolutions (no manual approved or returned). */
  resolutions: Schema.NonNegativeInt,
  /** Copies sent in the year: one per manual and recipient. */
  distributions: Schema.NonNegativeInt,
  /** Distinct recipients (divisions, enterprises, institutions) of those copies. */
  recipients: Schema.NonNegativeInt
}) {}

/** The figures of a year from the Council's state. */
export const annual = (year: Year, s: State): AnnualFigures => {
  let sessionsHeld = 0,
    agendaItems = 0,
    decisions = 0,
    approved = 0,
    returned = 0,
    resolutions = 0
  for (const session of Object.values(s.sessions)) {
    if (!session.held || !Period.contains(year, session.date)) continue
    sessionsHeld++
    agendaItems += session.agenda.length
    for (const d of session.decisions) {
      decisions++
      if (d.outcome === "approveManual") approved++
      else if (d.outcome === "returnManual") returned++
      else resolutions++
    }
  }
  let asManuals = 0,
    asRecommendations = 0,
    distributions = 0
  const recipients = new Set<string>()
  for (const r of Object.values(s.manuals)) {
    if (r.approval !== undefined && Period.contains(year, r.approval.date)) {
      if (r.manual.kind === "manual") asManuals++
      else asRecommendations++
    }
    for (const d of r.distribution) {
      if (!Period.contains(year, d.on)) continue
      distributions++
      recipients.add(keyOfParty(d.recipient))
    }
  }
  return new AnnualFigures({
    year,
    sessionsHeld,
    agendaItems,
    decisions,
    manualsApproved: approved,
    manualsApprovedAsManuals: asManuals,
    manualsApprovedAsRecommendations: asRecommendations,
    manualsReturned: returned,
    resolutions,
    distributions,
    recipients: recipients.size
  })
}
