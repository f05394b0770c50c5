/**
 * The register of publications: one decider for the administration's
 * publications (a stream per administration, or per year if the
 * application prefers). A publication is recorded once, may be corrected
 * (same id, new data) and withdrawn (it then counts nowhere); an id is never
 * reused.
 *
 * Commands: `RecordPublication`, `CorrectPublication`, `WithdrawPublication`.
 * Events: `PublicationRecorded`, `PublicationCorrected`, `PublicationWithdrawn`.
 *
 * @example
 * ```ts
 * import { Decider, Information } from "cityhall"
 *
 * declare const commands: ReadonlyArray<Information.PublicationRegister.Command>
 * Decider.run(Information.PublicationRegister.decider, commands) // Either<{ events, state }, InformationRuleViolation>
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Decider as DeciderShape } from "../kernel/Decider.js"
import { ActorId, PublicationId, RecordOf } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import { Instant } from "../kernel/TimeZone.js"
import { decodeWith, InformationRuleViolation } from "./Errors.js"
import type { InformationRule } from "./Errors.js"
import { Publication } from "./Publication.js"

const meta = { at: Instant, actor: ActorId }

/** Records a new publication. */
export class RecordPublication extends Schema.TaggedClass<RecordPublication>()("RecordPublication", {
  ...meta,
  publication: Publication
}) {}
/** Replaces the data of a recorded publication (same id). */
export class CorrectPublication extends Schema.TaggedClass<CorrectPublication>()("CorrectPublication", {
  ...meta,
  publication: Publication
}) {}
/** Withdraws a publication recorded in error; it then counts nowhere. */
export class WithdrawPublication extends Schema.TaggedClass<WithdrawPublication>()("WithdrawPublication", {
  ...meta,
  id: PublicationId,
  reason: Name
}) {}

/** Every command of the register. */
export const Command = Schema.Union(RecordPublication, CorrectPublication, WithdrawPublication)
/** @see Command */
export type Command = typeof Command.Type

/** A publication was recorded. */
export class PublicationRecorded extends Schema.TaggedClass<PublicationRecorded>()("PublicationRecorded", {
  ...meta,
  publication: Publication
}) {}
/** A publication was corrected. */
export class PublicationCorrected extends Schema.TaggedClass<PublicationCorrected>()("PublicationCorrected", {
  ...meta,
  publication: Publication
}) {}
/** A publication was withdrawn. */
export class PublicationWithdrawn extends Schema.TaggedClass<PublicationWithdrawn>()("PublicationWithdrawn", {
  ...meta,
  id: PublicationId,
  reason: Name
}) {}

/** Every event of the register. */
export const Event = Schema.Union(PublicationRecorded, PublicationCorrected, PublicationWithdrawn)
/** @see Event */
export type Event = typeof Event.Type

/** The register: publications in force by id, and the ids withdrawn. */
export class State extends Schema.Class<State>("PublicationRegisterState")({
  publications: RecordOf(Publication),
  withdrawn: Schema.Array(PublicationId)
}) {}

/** The empty register. */
export const initialState: State = new State({ publications: {}, withdrawn: [] })

/** The publications in force, ordered by date then id. */
export const publications = (s: State): ReadonlyArray<Publication> =>
  Object.values(s.publications).sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  )

const violation = (rule: InformationRule, field: string, message: string) =>
  Either.left(new InformationRuleViolation({ rule, field, message }))

/** Checks a publication's own rules: no topic twice. */
export const checkPublication = (
  p: Publication,
  field = "publication"
): Either.Either<Publication, InformationRuleViolation> => {
  const seen = new Set<string>()
  for (const [i, t] of p.topics.entries()) {
    if (seen.has(t))
      return violation("duplicateTopic", `${field}.topics[${i}]`, `publication ${p.id} lists topic ${t} twice`)
    seen.add(t)
  }
  return Either.right(p)
}

/** Decides a command. */
export const decide = (c: Command, s: State): Either.Either<ReadonlyArray<Event>, InformationRuleViolation> => {
  const m = { at: c.at, actor: c.actor }
  switch (c._tag) {
    case "RecordPublication": {
      const id = c.publication.id
      if (s.publications[id] !== undefined || s.withdrawn.includes(id)) {
        return violation(
          "duplicatePublication",
          "publication.id",
          `publication ${id} is already in the register (ids are never reused)`
        )
      }
      return Either.map(checkPublication(c.publication), (publication) => [
        new PublicationRecorded({ ...m, publication })
      ])
    }
    case "CorrectPublication": {
      const id = c.publication.id
      if (s.withdrawn.includes(id))
        return violation("publicationWithdrawn", "publication.id", `publication ${id} was withdrawn`)
      if (s.publications[id] === undefined)
        return violation("unknownPublication", "publication.id", `publication ${id} is not in the register`)
      return Either.map(checkPublication(c.publication), (publication) => [
        new PublicationCorrected({ ...m, publication })
      ])
    }
    case "WithdrawPublication": {
      if (s.withdrawn.includes(c.id))
        return violation("publicationWithdrawn", "id", `publication ${c.id} was already withdrawn`)
      if (s.publications[c.id] === undefined)
        return violation("unknownPublication", "id", `publication ${c.id} is not in the register`)
      return Either.right([new PublicationWithdrawn({ ...m, id: c.id, reason: c.reason })])
    }
  }
}

/** Applies an event. */
export const evolve = (s: State, e: Event): State => {
  switch (e._tag) {
    case "PublicationRecorded":
    case "PublicationCorrected":
      return new State(
        { publications: { ...s.publications, [e.publication.id]: e.publication }, withdrawn: s.withdrawn },
        true
      )
    case "PublicationWithdrawn": {
      const { [e.id]: _gone, ...rest } = s.publications
      return new State({ publications: rest, withdrawn: [...s.withdrawn, e.id] }, true)
    }
  }
}

/** The register's decider. */
export const decider: DeciderShape<Command, Event, State, InformationRuleViolation> = { decide, evolve, initialState }

/** Decodes a command from outside data; a malformed one is an `InvalidInformationCommand` naming the path. */
export const decodeCommand = decodeWith(Command)
