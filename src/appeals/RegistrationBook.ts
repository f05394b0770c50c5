/**
 * The registration book: a registration number is unique per
 * administration and year. One appeal's decider cannot see the others, so
 * the book keeps one small stream per registration number (category
 * `appeal_registration`, one store per administration, the year inside the
 * number): the first appeal to reserve a number holds it; the same appeal
 * reserving it again changes nothing; any other appeal is refused with
 * {@link DuplicateRegistrationNumber}. Two concurrent reservations of one
 * number meet in that stream's optimistic concurrency, so exactly one wins.
 *
 * `AppealRecords.register` reserves the number and then registers the appeal.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Appeals } from "cityhall"
 *
 * const { RegistrationBook } = Appeals
 * declare const reserve: Appeals.RegistrationBook.ReserveRegistrationNumber
 * const taken = Either.getOrThrow(RegistrationBook.decider.decide(reserve, RegistrationBook.decider.initialState))
 * RegistrationBook.streamId(reserve.registrationNumber) // "2021-_00041e_000413-2021-00123" for ОГ-2021-00123
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type * as Decider from "../kernel/Decider.js"
import { ActorId, AppealId } from "../kernel/Ids.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import { RegistrationNumber, registrationYear } from "./Appeal.js"

/** The stream category of the registration book. */
export const category = "appeal_registration"

/** Reserves a registration number for an appeal. */
export class ReserveRegistrationNumber extends Schema.TaggedClass<ReserveRegistrationNumber>()(
  "ReserveRegistrationNumber",
  {
    registrationNumber: RegistrationNumber,
    appealId: AppealId,
    at: Instant,
    actor: ActorId
  }
) {}

/** The registration number was reserved for the appeal. */
export class RegistrationNumberReserved extends Schema.TaggedClass<RegistrationNumberReserved>()(
  "RegistrationNumberReserved",
  {
    registrationNumber: RegistrationNumber,
    appealId: AppealId,
    at: Instant,
    actor: ActorId
  }
) {}

/** No appeal holds the number yet. */
export class Free extends Schema.TaggedClass<Free>()("Free", {}) {}

/** The number is held by an appeal. */
export class Held extends Schema.TaggedClass<Held>()("Held", {
  registrationNumber: RegistrationNumber,
  appealId: AppealId
}) {}

/** The state of one number in the book. */
export const NumberState = Schema.Union(Free, Held)
/** @see NumberState */
export type NumberState = typeof NumberState.Type

/** The registration number is already held by another appeal of this administration. */
export class DuplicateRegistrationNumber extends Schema.TaggedError<DuplicateRegistrationNumber>()(
  "DuplicateRegistrationNumber",
  {
    registrationNumber: RegistrationNumber,
    /** The appeal that holds the number. */
    heldBy: AppealId,
    /** The appeal that asked for it. */
    appealId: AppealId,
    message: Schema.String
  }
) {}

/** The book's decider: the first reservation holds the number; the same appeal again is a no-op. */
export const decider: Decider.Decider<
  ReserveRegistrationNumber,
  RegistrationNumberReserved,
  NumberState,
  DuplicateRegistrationNumber
> = {
  initialState: new Free({}, true),
  decide: (c, s) => {
    if (s._tag === "Free")
      return Either.right([
        new RegistrationNumberReserved(
          { registrationNumber: c.registrationNumber, appealId: c.appealId, at: c.at, actor: c.actor },
          true
        )
      ])
    if (s.appealId === c.appealId) return Either.right([])
    return Either.left(
      new DuplicateRegistrationNumber({
        registrationNumber: c.registrationNumber,
        heldBy: s.appealId,
        appealId: c.appealId,
        message: `registration number ${c.registrationNumber} is already held by appeal ${s.appealId}; numbers are unique per administration and year`
      })
    )
  },
  evolve: (s, e) =>
    s._tag === "Free" ? new Held({ registrationNumber: e.registrationNumber, appealId: e.appealId }, true) : s
}

/**
 * The stream id of a number: its year, then the number with every
 * character other than an ASCII letter, digit or `.:-` written as `_` and
 * six hex digits of its code point
 * (so `ОГ-2021-00123` is `2021-_00041e_000413-2021-00123`): distinct numbers have
 * distinct ids, and the ids stay ASCII for every adapter.
 */
export const streamId = (n: RegistrationNumber): string =>
  `${registrationYear(n)}-${[...n].map((ch) => (/[A-Za-z0-9.:-]/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16).padStart(6, "0")}`)).join("")}`

/** The registration book as an aggregate for the command handler. */
export const definition = Aggregate.make({
  category,
  decider,
  eventSchema: RegistrationNumberReserved,
  commandSchema: ReserveRegistrationNumber,
  eventType: (e: RegistrationNumberReserved) => e._tag,
  creates: () => true
})
