/**
 * The appeals' search documents (`Ports.Search`): one row per registered
 * appeal in the search table `search/appeals`, kept by a projection in the
 * append's transaction like every read model, so a rebuild from the events
 * restores the index.
 *
 * The public field is the appeal's text (for an oral appeal, the content of
 * the reception card), where the place of a problem is written; the
 * personal field is the applicant's name, e-mail and postal address. Both
 * are stored as normalised words (`Ports.Search.normalise`): personal data
 * in the read models, like the events that carry it; the use case searches
 * the personal field only for roles that see personal data.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Appeals } from "cityhall"
 *
 * Appeals.SearchRecords.documentOf({
 *   text: Redacted.make("Яма на дороге по ул. Ленина"),
 *   applicant: new Appeals.Appeal.Applicant({ name: Redacted.make("Иванов Иван") })
 * }) // { public: "яма на дороге по ул ленина", personal: "иванов иван" }
 * ```
 *
 * @module
 */
import { Redacted, Schema } from "effect"
import { AppealId, DivisionId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import * as Projection from "../ports/Projection.js"
import * as Search from "../ports/Search.js"
import type { AppealFacts } from "./Appeal.js"
import type { AppealEvent } from "./AppealEvent.js"
import type { AppealState } from "./AppealState.js"

/** One appeal's search document, with the fields a search is scoped by. */
export const SearchRow = Schema.Struct({
  ...Search.SearchDocument.fields,
  appealId: AppealId,
  /** The division it is assigned to (none before assignment). */
  division: Schema.optionalWith(DivisionId, { exact: true }),
  registeredOn: Day
})
/** @see SearchRow */
export type SearchRow = typeof SearchRow.Type

/** The search table of appeals, by division and registration day. */
export const Documents = Projection.table({
  name: `${Search.tablePrefix}appeals`,
  schema: SearchRow,
  indexed: ["division", "registeredOn"]
})

/** The search document of an appeal's facts: its text, and the applicant's name, e-mail and postal address. */
export const documentOf = (a: Pick<AppealFacts, "text" | "applicant">): Search.SearchDocument => {
  const applicant = a.applicant
  const personal = [applicant?.name, applicant?.email, applicant?.postalAddress]
    .flatMap((v) => (v === undefined ? [] : [Redacted.value(v)]))
    .join(" ")
  return { public: Search.normalise(Redacted.value(a.text)), personal: Search.normalise(personal) }
}

const divisionOf = (s: AppealState): DivisionId | undefined =>
  s._tag === "Unregistered" || s._tag === "Registered" ? undefined : s.division

/** The search read model: a document when an appeal is registered, again when its division changes. */
export const searchModels = Projection.make<AppealEvent, AppealState>({
  name: "appeal_search",
  tables: [Documents],
  counters: [],
  project: ({ after, before, envelope }) => {
    if (after._tag === "Unregistered") return []
    const division = divisionOf(after)
    if (before._tag !== "Unregistered" && divisionOf(before) === division) return []
    const row: SearchRow = {
      ...documentOf(after.appeal),
      appealId: after.appeal.appealId,
      ...(division !== undefined ? { division } : {}),
      registeredOn: after.appeal.registeredOn
    }
    return [Projection.upsert(Documents, envelope.stream.id, row)]
  }
})
