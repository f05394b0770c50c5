/**
 * The journal of outgoing answers: an outgoing number is unique per journal
 * (one journal per administration; the year is inside the number) and is
 * never reused — not by another appeal, not after a cancelled letter. As
 * with the {@link RegistrationBook}, one appeal's decider cannot see the
 * others, so the journal keeps one small stream per outgoing number
 * (category `appeal_outgoing`): the first appeal to take a number holds it,
 * the same appeal taking it again changes nothing, any other appeal is
 * refused with {@link OutgoingNumberReused}.
 *
 * {@link next} allocates the next number of a year from the numbers used,
 * and {@link holders} replays reservations into who holds what (the pure
 * statement of "never reused", property-tested).
 *
 * @example
 * ```ts
 * import { Appeals } from "cityhall"
 *
 * const used = [Appeals.Appeal.outgoingNumber("Исх", 2021, 41)]
 * Appeals.AnswerJournal.next(used, "Исх", 2021) // "Исх-2021-00042"
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type * as Decider from "../kernel/Decider.js"
import { ActorId, AppealId } from "../kernel/Ids.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import { OutgoingNumber, outgoingNumber, outgoingSequence } from "./Appeal.js"
import { streamId as registrationStreamId } from "./RegistrationBook.js"
import type { RegistrationNumber } from "./Appeal.js"

/** The stream category of the journal of outgoing answers. */
export const category = "appeal_outgoing"

/** Takes an outgoing number for the answer to an appeal. */
export class TakeOutgoingNumber extends Schema.TaggedClass<TakeOutgoingNumber>()("TakeOutgoingNumber", {
  outgoingNumber: OutgoingNumber,
  appealId: AppealId,
  at: Instant,
  actor: ActorId
}) {}

/** The outgoing number was taken for the answer to the appeal. */
export class OutgoingNumberTaken extends Schema.TaggedClass<OutgoingNumberTaken>()("OutgoingNumberTaken", {
  outgoingNumber: OutgoingNumber,
  appealId: AppealId,
  at: Instant,
  actor: ActorId
}) {}

/** No answer holds the number yet. */
export class Unused extends Schema.TaggedClass<Unused>()("Unused", {}) {}

/** The number is held by the answer to an appeal, for good. */
export class Taken extends Schema.TaggedClass<Taken>()("Taken", {
  outgoingNumber: OutgoingNumber,
  appealId: AppealId
}) {}

/** The state of one outgoing number. */
export const OutgoingNumberState = Schema.Union(Unused, Taken)
/** @see OutgoingNumberState */
export type OutgoingNumberState = typeof OutgoingNumberState.Type

/** The outgoing number already went out with the answer to another appeal: numbers are never reused. */
export class OutgoingNumberReused extends Schema.TaggedError<OutgoingNumberReused>()("OutgoingNumberReused", {
  outgoingNumber: OutgoingNumber,
  /** The appeal whose answer holds the number. */
  heldBy: AppealId,
  /** The appeal that asked for it. */
  appealId: AppealId,
  message: Schema.String
}) {}

/** The journal's decider: the first answer holds the number; the same appeal again is a no-op; never another. */
export const decider: Decider.Decider<
  TakeOutgoingNumber,
  OutgoingNumberTaken,
  OutgoingNumberState,
  OutgoingNumberReused
> = {
  initialState: new Unused({}, true),
  decide: (c, s) => {
    if (s._tag === "Unused")
      return Either.right([
        new OutgoingNumberTaken(
          { outgoingNumber: c.outgoingNumber, appealId: c.appealId, at: c.at, actor: c.actor },
          true
        )
      ])
    if (s.appealId === c.appealId) return Either.right([])
    return Either.left(
      new OutgoingNumberReused({
        outgoingNumber: c.outgoingNumber,
        heldBy: s.appealId,
        appealId: c.appealId,
        message: `outgoing number ${c.outgoingNumber} already went out with the answer to appeal ${s.appealId}; outgoing numbers are never reused`
      })
    )
  },
  evolve: (s, e) =>
    s._tag === "Unused" ? new Taken({ outgoingNumber: e.outgoingNumber, appealId: e.appealId }, true) : s
}

/** The stream id of an outgoing number (the registration book's encoding: year, then ASCII-safe characters). */
export const streamId = (n: OutgoingNumber): string => registrationStreamId(n as string as RegistrationNumber)

/** The journal as an aggregate for the command handler. */
export const definition = Aggregate.make({
  category,
  decider,
  eventSchema: OutgoingNumberTaken,
  commandSchema: TakeOutgoingNumber,
  eventType: (e: OutgoingNumberTaken) => e._tag,
  creates: () => true
})

/**
 * The next outgoing number of a year with a prefix: one past the highest
 * sequence used with that prefix and year (so never one of `used`).
 */
export const next = (used: Iterable<OutgoingNumber>, prefix: string, year: number): OutgoingNumber => {
  const head = `${prefix === "" ? "" : `${prefix}-`}${String(year).padStart(4, "0")}-`
  let max = 0
  for (const n of used) if (n.startsWith(head)) max = Math.max(max, outgoingSequence(n))
  return outgoingNumber(prefix, year, max + 1)
}

/**
 * Who holds each number after a sequence of requests, each decided on its
 * number's stream: the pure statement of the journal (a refused request
 * changes nothing).
 */
export const holders = (
  requests: Iterable<TakeOutgoingNumber>
): { readonly held: ReadonlyMap<OutgoingNumber, AppealId>; readonly refused: ReadonlyArray<OutgoingNumberReused> } => {
  const states = new Map<OutgoingNumber, OutgoingNumberState>()
  const refused: Array<OutgoingNumberReused> = []
  for (const r of requests) {
    const s = states.get(r.outgoingNumber) ?? decider.initialState
    const out = decider.decide(r, s)
    if (Either.isLeft(out)) refused.push(out.left)
    else states.set(r.outgoingNumber, out.right.reduce(decider.evolve, s))
  }
  const held = new Map<OutgoingNumber, AppealId>()
  for (const [n, s] of states) if (s._tag === "Taken") held.set(n, s.appealId)
  return { held, refused }
}
