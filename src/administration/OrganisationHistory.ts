/**
 * The administration's organisation over time: versions of its
 * {@link Organisation.Organisation} (divisions, municipal enterprises and
 * institutions, officials, the duty distribution), each in force from the
 * day it takes effect until the next version's day.
 *
 * One stream per administration. {@link AdoptOrganisation} records a
 * version from a day: a valid organisation only (`Organisation.validate`,
 * its errors typed and naming the field under `organisation`); adopting
 * again the version already recorded for that day changes nothing, and a
 * different one for the same day replaces it (a correction of the act).
 * {@link inForceOn} answers the version in force on a day — what a report
 * as of that day names divisions and officials by.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Administration, Decider, Ids, Organisation, Period } from "cityhall"
 *
 * declare const organisation: Organisation.Organisation
 * const history = Administration.OrganisationHistory
 * const r = Decider.run(history.decider, [
 *   new history.AdoptOrganisation({
 *     organisation,
 *     from: Period.unsafeDay("2019-01-01"),
 *     at: new Date("2018-12-28T01:00:00Z"),
 *     actor: Ids.ActorId.make("organisational-department")
 *   })
 * ])
 * if (Either.isRight(r)) history.inForceOn(r.right.state.versions, Period.unsafeDay("2020-06-30")) // the organisation
 * ```
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import type { Decider } from "../kernel/Decider.js"
import { ActorId } from "../kernel/Ids.js"
import * as Organisation from "../kernel/Organisation.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Decode from "../kernel/Decode.js"

// ---- commands, events, state ---------------------------------------------------

const meta = { at: Instant, actor: ActorId }

/** Records the organisation in force from `from` on (until a later version's day). */
export class AdoptOrganisation extends Schema.TaggedClass<AdoptOrganisation>()("AdoptOrganisation", {
  ...meta,
  from: Day,
  organisation: Organisation.Organisation
}) {}

/** Every command of the organisation's history. */
export const Command = Schema.Union(AdoptOrganisation)
/** @see Command */
export type Command = typeof Command.Type

/** A version of the organisation was recorded, in force from `from`. */
export class OrganisationAdopted extends Schema.TaggedClass<OrganisationAdopted>()("OrganisationAdopted", {
  ...meta,
  from: Day,
  organisation: Organisation.Organisation
}) {}

/** Every event of the organisation's history. */
export const Event = Schema.Union(OrganisationAdopted)
/** @see Event */
export type Event = typeof Event.Type

/** One version: the organisation in force from a day, and when it was recorded. */
export class OrganisationVersion extends Schema.Class<OrganisationVersion>("OrganisationVersion")({
  from: Day,
  organisation: Organisation.Organisation,
  adoptedAt: Instant
}) {}

/** The versions, ordered by the day they take effect (one per day). */
export class State extends Schema.Class<State>("OrganisationHistoryState")({
  versions: Schema.Array(OrganisationVersion)
}) {}

/** No organisation recorded. */
export const initialState: State = new State({ versions: [] })

/** Errors of the decider: the organisation breaks a structural rule (`path` under `organisation`). */
export type Error = Organisation.OrganisationError

// ---- queries ------------------------------------------------------------------

/**
 * The version in force on a day: the one with the latest `from` on or
 * before it; undefined before the first version. Takes the versions in any
 * order.
 */
export const versionOn = (versions: ReadonlyArray<OrganisationVersion>, day: Day): OrganisationVersion | undefined => {
  let found: OrganisationVersion | undefined
  for (const v of versions) if (v.from <= day && (found === undefined || v.from > found.from)) found = v
  return found
}

/** The organisation in force on a day (see {@link versionOn}). */
export const inForceOn = (
  versions: ReadonlyArray<OrganisationVersion>,
  day: Day
): Organisation.Organisation | undefined => versionOn(versions, day)?.organisation

// ---- the decider ----------------------------------------------------------------

const equalOrganisation = Schema.equivalence(Organisation.Organisation)

/** The error of the organisation in a command: its path (and its message) under `organisation`. */
const underOrganisation = (e: Organisation.OrganisationError): Organisation.OrganisationError => {
  if (e._tag !== "InvalidOrganisation") return e
  const path = e.path === "" ? "organisation" : `organisation.${e.path}`
  return new Organisation.InvalidOrganisation({ reason: e.reason, path, message: `${path}: ${e.message}` })
}

/** The decider of the organisation's history (one stream per administration). */
export const decider: Decider<Command, Event, State, Error> = {
  initialState,
  decide: (c, s) =>
    Either.map(Either.mapLeft(Organisation.validate(c.organisation), underOrganisation), (organisation) => {
      const same = s.versions.find((v) => v.from === c.from)
      return same !== undefined && equalOrganisation(same.organisation, organisation)
        ? []
        : [new OrganisationAdopted({ at: c.at, actor: c.actor, from: c.from, organisation })]
    }),
  evolve: (s, e) =>
    new State(
      {
        versions: [
          ...s.versions.filter((v) => v.from !== e.from),
          new OrganisationVersion({ from: e.from, organisation: e.organisation, adoptedAt: e.at }, true)
        ].sort((a, b) => (a.from < b.from ? -1 : 1))
      },
      true
    )
}

const decodeCommandEither = Decode.unknownEither(Command)

/** Decodes a command from outside data; a malformed one is an `InvalidOrganisation` (reason `decode`) naming the path. */
export const decodeCommand = (input: unknown): Either.Either<Command, Organisation.InvalidOrganisation> =>
  Either.mapLeft(decodeCommandEither(input, { errors: "first" }), (e) => {
    const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
    return new Organisation.InvalidOrganisation({
      reason: "decode",
      path: issue?.path.join(".") ?? "",
      message: issue?.message ?? ParseResult.TreeFormatter.formatErrorSync(e)
    })
  })
