/**
 * The applicants' read model, for repeated-appeal detection
 * ({@link Repeated}): one row per appeal answered on the merits (closed
 * with outcome `answered`) and applicant key, so an applicant's earlier
 * appeals are found by an index search, never by scanning the appeals.
 * Only such an appeal can make a later one repeated, so open appeals and
 * appeals closed otherwise have no row: the search at each registration
 * reads the candidates only, not every appeal the applicant ever wrote on
 * the topic (an applicant with thousands of open appeals made each new
 * registration read them all: issue 19).
 *
 * An applicant key is a bucket of {@link Repeated.sameApplicant}: the
 * normalised name with the normalised postal address, and the normalised
 * name with the normalised e-mail address (an appeal has up to two keys).
 * It is a stable 64-bit hash of that text ({@link bucket}, FNV-1a over its
 * UTF-8 bytes), so the table holds no name or address in clear; the rows
 * hold the appeal id, main topic, registration day, outcome and closing day.
 * A row is a candidate only: the use case confirms it with
 * `Repeated.sameApplicant` on the applicant read from the appeal's stream
 * (two applicants whose keys collide are told apart there).
 *
 * Kept like every appeal read model: a function of the appeal's state,
 * written in the append's transaction (at registration and when the appeal
 * closes), rebuilt from the events by `Ports.Rebuild`.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Appeals } from "cityhall"
 *
 * Appeals.ApplicantRecords.keysOf(
 *   new Appeals.Appeal.Applicant({ name: Redacted.make("Иванова Мария"), email: Redacted.make("m@example.ru") })
 * ) // ["e:…"]: one key (no postal address), 16 hex digits after the prefix
 * ```
 *
 * @module
 */
import { Redacted, Schema } from "effect"
import { AppealId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import * as Projection from "../ports/Projection.js"
import { type Applicant, type AppealFacts, Outcome } from "./Appeal.js"
import type { AppealEvent } from "./AppealEvent.js"
import type { AppealState } from "./AppealState.js"
import { normaliseEmail, normaliseText } from "./Repeated.js"
import { AppealTopicCode } from "./Topic.js"

const OFFSET = 0xcbf29ce484222325n
const PRIME = 0x100000001b3n
const MASK = 0xffffffffffffffffn

/**
 * A stable, non-reversible bucket of a text: the 64-bit FNV-1a hash of its
 * UTF-8 bytes, as 16 lower-case hex digits. The same text gives the same
 * bucket on every machine and in every version; different texts may share
 * one (a bucket only finds candidates).
 */
export const bucket = (text: string): string => {
  let h = OFFSET
  const byte = (b: number) => {
    h = ((h ^ BigInt(b)) * PRIME) & MASK
  }
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (c < 0x80) byte(c)
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6))
      byte(0x80 | (c & 0x3f))
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12))
      byte(0x80 | ((c >> 6) & 0x3f))
      byte(0x80 | (c & 0x3f))
    } else {
      byte(0xf0 | (c >> 18))
      byte(0x80 | ((c >> 12) & 0x3f))
      byte(0x80 | ((c >> 6) & 0x3f))
      byte(0x80 | (c & 0x3f))
    }
  }
  return h.toString(16).padStart(16, "0")
}

const keys = new WeakMap<Applicant, ReadonlyArray<string>>()

/**
 * The applicant keys of an applicant: `p:` + {@link bucket} of the
 * normalised name and postal address, `e:` + {@link bucket} of the
 * normalised name and e-mail address — those it has. None without a name
 * (or with a name that normalises to nothing), as
 * `Repeated.sameApplicant` matches nobody then. Two applicants that
 * `sameApplicant` matches share a key.
 */
export const keysOf = (applicant: Applicant | undefined): ReadonlyArray<string> => {
  if (applicant === undefined) return []
  const cached = keys.get(applicant)
  if (cached !== undefined) return cached
  const out: Array<string> = []
  const name = applicant.name === undefined ? "" : normaliseText(Redacted.value(applicant.name))
  if (name !== "") {
    // a normalised name holds letters, digits and single spaces only: "|" cannot occur in it
    const postal = applicant.postalAddress === undefined ? "" : normaliseText(Redacted.value(applicant.postalAddress))
    if (postal !== "") out.push(`p:${bucket(`${name}|${postal}`)}`)
    if (applicant.email !== undefined)
      out.push(`e:${bucket(`${name}|${normaliseEmail(Redacted.value(applicant.email))}`)}`)
  }
  keys.set(applicant, out)
  return out
}

/** One appeal under one applicant key: what detection reads before it confirms the applicant on the appeal's stream. */
export const ApplicantRow = Schema.Struct({
  /** The applicant key ({@link keysOf}). */
  applicantKey: Schema.String,
  appealId: AppealId,
  /** The appeal's main topic (the first). */
  topic: AppealTopicCode,
  registeredOn: Day,
  /** How it was closed; absent while open. */
  outcome: Schema.optionalWith(Outcome, { exact: true }),
  /** The local day it was closed; absent while open. */
  closedOn: Schema.optionalWith(Day, { exact: true })
})
/** @see ApplicantRow */
export type ApplicantRow = typeof ApplicantRow.Type

/** Appeals by applicant key and main topic (key `<applicantKey>|<appealId>`). */
export const Applicants = Projection.table({
  name: "appeal_applicants",
  schema: ApplicantRow,
  indexed: ["applicantKey", "topic"]
})

/** The key of an appeal's row under an applicant key. */
export const rowKey = (applicantKey: string, appealId: string): string => `${applicantKey}|${appealId}`

const closing = (s: AppealState) =>
  s._tag === "Closed" ? { outcome: s.outcome, closedOn: s.closedOn } : { outcome: undefined, closedOn: undefined }

/** Whether an appeal's state can make a later appeal repeated (answered on the merits): only those have rows. */
export const isCandidate = (s: AppealState): boolean => s._tag === "Closed" && s.outcome === "answered"

const rowsOf = (appeal: AppealFacts, s: AppealState): ReadonlyArray<ApplicantRow> => {
  const { closedOn, outcome } = closing(s)
  return keysOf(appeal.applicant).map((applicantKey) => ({
    applicantKey,
    appealId: appeal.appealId,
    topic: appeal.topics[0],
    registeredOn: appeal.registeredOn,
    ...(outcome === undefined ? {} : { outcome }),
    ...(closedOn === undefined ? {} : { closedOn })
  }))
}

/**
 * The applicants' read model: the rows of an appeal when it is answered on
 * the merits ({@link isCandidate}), and again if its facts or closing day
 * change afterwards; rows of keys it no longer has are removed, and all its
 * rows when it stops being a candidate. Closing an appeal otherwise also
 * removes its keys' rows, so a store written while open appeals had rows
 * loses them as those appeals close (a rebuild drops them at once).
 */
export const applicantModels = Projection.make<AppealEvent, AppealState>({
  name: "appeal_applicants",
  tables: [Applicants],
  counters: [],
  project: ({ after, before }) => {
    if (after._tag === "Unregistered") return []
    const was = before._tag === "Unregistered" ? undefined : before
    const b = closing(before),
      a = closing(after)
    if (was !== undefined && was.appeal === after.appeal && b.outcome === a.outcome && b.closedOn === a.closedOn)
      return []
    const rows = isCandidate(after) ? rowsOf(after.appeal, after) : []
    const out: Array<Projection.Update> = []
    // an open appeal's change writes nothing; its closing removes what a store written before open appeals
    // stopped having rows may still hold
    if (was !== undefined && (isCandidate(was) || b.outcome !== a.outcome)) {
      const kept = new Set(rows.map((r) => r.applicantKey))
      for (const k of keysOf(was.appeal.applicant))
        if (!kept.has(k)) out.push(Projection.remove(Applicants, rowKey(k, was.appeal.appealId)))
    }
    for (const r of rows) out.push(Projection.upsert(Applicants, rowKey(r.applicantKey, r.appealId), r))
    return out
  }
})
