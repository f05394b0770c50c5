/**
 * Methodological manuals and recommendations: a title, the positive
 * experience it is based on (divisions, municipal enterprises and
 * institutions), the division that prepared it; approved by the
 * Methodological Council at a dated session and distributed to a list of
 * recipients (see {@link Council}).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Methodology } from "cityhall"
 *
 * const m = Schema.decodeUnknownSync(Methodology.Manual.Manual)({
 *   id: "mr-2020-03", kind: "recommendations", title: "Организация личного приёма граждан в режиме видеосвязи",
 *   basedOn: [{ _tag: "Division", id: "appeals-office" }], preparedBy: "organisation-department"
 * })
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { DivisionId, DocumentId, MunicipalOrganisationId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"

/** A manual (методическое пособие) or recommendations (методические рекомендации). */
export const ManualKind = Schema.Literal("manual", "recommendations")
/** @see ManualKind */
export type ManualKind = typeof ManualKind.Type

/** A structural division of the administration. */
export const DivisionParty = Schema.TaggedStruct("Division", { id: DivisionId })
/** A municipal enterprise or institution (the tag keeps its first spelling: it is stored). */
export const OrganisationParty = Schema.TaggedStruct("Organization", { id: MunicipalOrganisationId })

/** Whose experience a manual is based on, or who receives it. */
export const Party = Schema.Union(DivisionParty, OrganisationParty).annotations({ identifier: "Party" })
/** @see Party */
export type Party = typeof Party.Type

/** The key of a party (`"Division:economy"`). */
export const keyOfParty = (p: Party): string => `${p._tag}:${p.id}`

/** A manual or recommendations, as submitted to the Council. */
export class Manual extends Schema.Class<Manual>("Manual")({
  id: DocumentId,
  kind: ManualKind,
  title: Name,
  /** The positive experience it is based on: at least one division, enterprise or institution. */
  basedOn: Schema.NonEmptyArray(Party),
  preparedBy: DivisionId
}) {}
