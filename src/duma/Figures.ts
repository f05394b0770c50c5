/**
 * Figures of City Duma support for the annual report: the sessions the
 * administration prepared in the year, the draft decisions its divisions
 * prepared for them (submitted on time, late, not submitted), the
 * decisions adopted and rejected, and the follow-up instructions (each one
 * planned activity) by division.
 *
 * A session counts in the year of its date, with all its drafts and
 * decisions. The counts add up: `submittedOnTime + submittedLate +
 * notSubmitted = drafts` and `adopted + rejected + undecided =
 * submittedOnTime + submittedLate`.
 *
 * @example
 * ```ts
 * import { Duma, Period } from "cityhall"
 *
 * declare const sessions: ReadonlyArray<Duma.Session.State>
 * const f = Duma.Figures.annual(Period.unsafeYear("2021"), sessions)
 * f.instructions // follow-up instructions of the decisions adopted in 2021
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { RecordOf } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Year } from "../kernel/Period.js"
import type { State } from "./Session.js"

/** The year's figures of City Duma support. */
export class AnnualFigures extends Schema.Class<AnnualFigures>("DumaAnnualFigures")({
  year: Year,
  /** Sessions dated in the year. */
  sessions: Schema.NonNegativeInt,
  /** Of them, closed (every submitted draft decided). */
  sessionsClosed: Schema.NonNegativeInt,
  /** Draft decisions assigned to divisions for those sessions. */
  drafts: Schema.NonNegativeInt,
  /** Submitted on or before the deadline. */
  submittedOnTime: Schema.NonNegativeInt,
  /** Submitted after the deadline (and before the session). */
  submittedLate: Schema.NonNegativeInt,
  /** Not submitted. */
  notSubmitted: Schema.NonNegativeInt,
  /** Adopted as decisions (with number and date). */
  adopted: Schema.NonNegativeInt,
  /** Not adopted. */
  rejected: Schema.NonNegativeInt,
  /** Submitted, not yet decided. */
  undecided: Schema.NonNegativeInt,
  /** Follow-up instructions of the adopted decisions (each is one planned activity). */
  instructions: Schema.NonNegativeInt,
  /** Drafts by the division that prepared them. */
  draftsByDivision: RecordOf(Schema.NonNegativeInt),
  /** Instructions by the division they are given to. */
  instructionsByDivision: RecordOf(Schema.NonNegativeInt)
}) {}

const sorted = (c: Record<string, number>): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const k of Object.keys(c).sort()) out[k] = c[k]!
  return out
}

/** The figures of a year from the states of the Duma's sessions (unscheduled ones and sessions of other years are skipped). */
export const annual = (year: Year, sessions: Iterable<State>): AnnualFigures => {
  const n = {
    sessions: 0,
    sessionsClosed: 0,
    drafts: 0,
    submittedOnTime: 0,
    submittedLate: 0,
    notSubmitted: 0,
    adopted: 0,
    rejected: 0,
    undecided: 0,
    instructions: 0
  }
  const draftsByDivision: Record<string, number> = {},
    instructionsByDivision: Record<string, number> = {}
  for (const s of sessions) {
    if (s._tag !== "Scheduled" || !Period.contains(year, s.date)) continue
    n.sessions++
    if (s.closed) n.sessionsClosed++
    for (const d of s.drafts) {
      n.drafts++
      draftsByDivision[d.division] = (draftsByDivision[d.division] ?? 0) + 1
      if (d.submittedOn === undefined) n.notSubmitted++
      else if (d.submittedOn > d.deadline) n.submittedLate++
      else n.submittedOnTime++
      if (d.status === "adopted") n.adopted++
      else if (d.status === "rejected") n.rejected++
      else if (d.status === "submitted") n.undecided++
    }
    for (const dec of s.decisions) {
      for (const i of dec.instructions) {
        n.instructions++
        instructionsByDivision[i.division] = (instructionsByDivision[i.division] ?? 0) + 1
      }
    }
  }
  return new AnnualFigures({
    year,
    ...n,
    draftsByDivision: sorted(draftsByDivision),
    instructionsByDivision: sorted(instructionsByDivision)
  })
}
