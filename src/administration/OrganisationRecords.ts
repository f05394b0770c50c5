/**
 * The organisation's history plugged into storage: the aggregate
 * definition (category `organisation`, one stream per administration,
 * {@link streamId}) and its read model {@link Versions}: one row per
 * version, keyed and indexed by the day it takes effect, kept by every
 * append. {@link inForceOn} and {@link versions} read it; no event is read.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Administration, Period, Ports } from "cityhall"
 *
 * declare const adopt: Administration.OrganisationHistory.AdoptOrganisation
 * const { OrganisationRecords } = Administration
 * const program = Effect.gen(function* () {
 *   yield* Ports.CommandHandler.handle(OrganisationRecords.definition, OrganisationRecords.streamId, adopt)
 *   return yield* OrganisationRecords.inForceOn(Period.unsafeDay("2020-12-31")) // the organisation, or undefined
 * })
 * ```
 *
 * @module
 */
import { Effect, Schema } from "effect"
import * as Organisation from "../kernel/Organisation.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import type { CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"
import * as OrganisationHistory from "./OrganisationHistory.js"

/** The stream category of the organisation's history. */
export const category = "organisation"
/** The id of the administration's one organisation stream (the CLI import and the demo use it). */
export const streamId = "administration"

/** A version of the organisation in the read model. */
export const VersionRow = Schema.Struct({
  from: Day,
  organisation: Organisation.Organisation,
  adoptedAt: Instant
})
/** @see VersionRow */
export type VersionRow = typeof VersionRow.Type

/** The versions of the organisation, one row per day a version takes effect (key: that day). */
export const Versions = Projection.table({
  name: "organisation_versions",
  schema: VersionRow,
  indexed: ["from"]
})

/** Keeps {@link Versions} equal to the state's versions. */
export const versionsReadModel = Projection.make<OrganisationHistory.Event, OrganisationHistory.State>({
  name: "organisation_versions",
  tables: [Versions],
  counters: [],
  project: ({ envelope }) => {
    const e = envelope.event
    return [Projection.upsert(Versions, e.from, { from: e.from, organisation: e.organisation, adoptedAt: e.at })]
  }
})

/** The aggregate definition of the organisation's history. */
export const definition = Aggregate.make({
  category,
  decider: OrganisationHistory.decider,
  eventSchema: OrganisationHistory.Event,
  commandSchema: OrganisationHistory.Command,
  eventType: (e: OrganisationHistory.Event) => e._tag,
  projections: [versionsReadModel]
})

type Read<A> = Effect.Effect<A, StorageError | CorruptRow | InvalidQuery, ReadModels>

/** Every stored version, ordered by the day it takes effect (from the read model). */
export const versions: Read<ReadonlyArray<OrganisationHistory.OrganisationVersion>> = Effect.map(
  Projection.query(Versions, { orderBy: "from" }),
  (rows) => rows.map((r) => new OrganisationHistory.OrganisationVersion(r.row, true))
)

/** The organisation in force on a day, from the read model; undefined when none is stored for it. */
export const inForceOn = (day: Day): Read<Organisation.Organisation | undefined> =>
  Effect.map(
    Projection.query(Versions, { where: { from: { lte: day } }, orderBy: "from" }),
    (rows) => rows[rows.length - 1]?.row.organisation
  )
