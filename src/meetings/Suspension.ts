/**
 * Suspension periods (период приостановления личных приёмов): an
 * administration declares that in-person receptions and information
 * meetings are suspended between two days (as in 2020, during the
 * pandemic). During a suspension only online ones can be held, and
 * scheduled in-person ones must be moved online or postponed
 * ({@link conflicts} lists them).
 *
 * One stream per administration. A suspension takes effect from a day after
 * the day it is declared (what was held in person today stands); it can be
 * shortened (ended early), never moved back into the past.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Decider, Ids, Meetings, Period, TimeZone } from "cityhall"
 *
 * const decider = Meetings.Suspension.decider({ timeZone: TimeZone.KHABAROVSK })
 * const r = Decider.run(decider, [new Meetings.Suspension.DeclareSuspension({
 *   from: Period.unsafeDay("2020-03-28"), to: Period.unsafeDay("2020-08-31"), reason: "COVID-19",
 *   at: new Date("2020-03-27T01:00:00Z"), actor: Ids.ActorId.make("clerk-1")
 * })])
 * if (Either.isRight(r)) Meetings.Suspension.suspensionOn(r.right.state.periods, Period.unsafeDay("2020-05-12")) // Option.some(...)
 * ```
 *
 * @module
 */
import { Either, Option, Schema } from "effect"
import type { Decider } from "../kernel/Decider.js"
import { ActorId } from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import type { TimeZoneName } from "../kernel/TimeZone.js"
import { type InvalidMeetingsInput, SuspendedInPerson, SuspensionRuleViolation } from "./Errors.js"
import { decoder, makeLocalDay } from "./internal/time.js"
import { Text } from "./Venue.js"

/** A declared suspension: its first and last suspended days (inclusive) and the reason. */
export class SuspensionPeriod extends Schema.Class<SuspensionPeriod>("SuspensionPeriod")({
  from: Day,
  to: Day,
  reason: Text,
  declaredAt: Instant
}) {}

/** The suspension covering a day, if any. */
export const suspensionOn = (periods: ReadonlyArray<SuspensionPeriod>, day: Day): Option.Option<SuspensionPeriod> => {
  for (const p of periods) if (p.from <= day && day <= p.to) return Option.some(p)
  return Option.none()
}

/**
 * Checks that nothing in person happens on a day: a {@link SuspendedInPerson}
 * naming `field` when the day is suspended and `inPerson` holds.
 */
export const checkInPerson = (
  periods: ReadonlyArray<SuspensionPeriod>,
  day: Day,
  inPerson: boolean,
  field: string
): Either.Either<void, SuspendedInPerson> => {
  if (!inPerson) return Either.void
  const s = suspensionOn(periods, day)
  return Option.isNone(s)
    ? Either.void
    : Either.left(
        new SuspendedInPerson({
          day,
          suspendedFrom: s.value.from,
          suspendedTo: s.value.to,
          field,
          message: `in-person receptions and meetings are suspended from ${s.value.from} to ${s.value.to}: ${day} can only be online`
        })
      )
}

/** Something scheduled in person on a day (a reception slot or a meeting), as {@link conflicts} sees it. */
export interface Scheduled<Id> {
  readonly id: Id
  readonly day: Day
  readonly inPerson: boolean
}

/**
 * The scheduled in-person items that fall inside a suspension: each must be
 * moved online or postponed past it.
 */
export const conflicts = <Id>(
  periods: ReadonlyArray<SuspensionPeriod>,
  items: Iterable<Scheduled<Id>>
): ReadonlyArray<Scheduled<Id>> => {
  const out: Array<Scheduled<Id>> = []
  for (const i of items) if (i.inPerson && Option.isSome(suspensionOn(periods, i.day))) out.push(i)
  return out
}

// ---- commands, events, state ---------------------------------------------------

const meta = { at: Instant, actor: ActorId }

/** Declares a suspension of in-person receptions and meetings from `from` to `to` (inclusive). */
export class DeclareSuspension extends Schema.TaggedClass<DeclareSuspension>()("DeclareSuspension", {
  ...meta,
  from: Day,
  to: Day,
  reason: Text
}) {}

/** Ends the suspension that starts on `from` early: its last day becomes `to`. */
export class ShortenSuspension extends Schema.TaggedClass<ShortenSuspension>()("ShortenSuspension", {
  ...meta,
  from: Day,
  to: Day
}) {}

/** Every suspension command. */
export const Command = Schema.Union(DeclareSuspension, ShortenSuspension)
/** @see Command */
export type Command = typeof Command.Type

/** A suspension was declared. */
export class SuspensionDeclared extends Schema.TaggedClass<SuspensionDeclared>()("SuspensionDeclared", {
  ...meta,
  on: Day,
  from: Day,
  to: Day,
  reason: Text
}) {}

/** A suspension was ended early. */
export class SuspensionShortened extends Schema.TaggedClass<SuspensionShortened>()("SuspensionShortened", {
  ...meta,
  on: Day,
  from: Day,
  to: Day
}) {}

/** Every suspension event. */
export const Event = Schema.Union(SuspensionDeclared, SuspensionShortened)
/** @see Event */
export type Event = typeof Event.Type

/** The declared suspensions, ordered by their first day. */
export class State extends Schema.Class<State>("SuspensionState")({
  periods: Schema.Array(SuspensionPeriod)
}) {}

/** No suspension declared. */
export const initialState: State = new State({ periods: [] })

/** Errors of the suspension decider. */
export type Error = SuspensionRuleViolation | InvalidMeetingsInput

/** Settings closed over by the decider. */
export interface Settings {
  readonly timeZone: TimeZoneName
}

const violation = (rule: SuspensionRuleViolation["rule"], field: string, message: string) =>
  Either.left(new SuspensionRuleViolation({ rule, field, message }))

/** The suspension decider. */
export const decider = (settings: Settings): Decider<Command, Event, State, Error> => {
  const localDay = makeLocalDay(settings.timeZone)
  return {
    initialState,
    decide: (c, s) =>
      Either.flatMap(localDay(c.at), (today): Either.Either<ReadonlyArray<Event>, Error> => {
        switch (c._tag) {
          case "DeclareSuspension": {
            if (c.to < c.from)
              return violation("endBeforeStart", "to", `the suspension ends (${c.to}) before it starts (${c.from})`)
            if (c.from <= today) {
              return violation(
                "notInTheFuture",
                "from",
                `a suspension declared on ${today} takes effect from ${P.addDays(today, 1)} at the earliest`
              )
            }
            const clash = s.periods.find((p) => p.from <= c.to && c.from <= p.to)
            if (clash !== undefined)
              return violation("overlaps", "from", `overlaps the suspension from ${clash.from} to ${clash.to}`)
            return Either.right([
              new SuspensionDeclared({ at: c.at, actor: c.actor, on: today, from: c.from, to: c.to, reason: c.reason })
            ])
          }
          case "ShortenSuspension": {
            const p = s.periods.find((x) => x.from === c.from)
            if (p === undefined) return violation("unknownSuspension", "from", `no suspension starts on ${c.from}`)
            if (c.to >= p.to || c.to < p.from)
              return violation("notShorter", "to", `the new last day must lie in ${p.from}..${P.addDays(p.to, -1)}`)
            if (c.to < P.addDays(today, -1))
              return violation("endInThePast", "to", `a suspension cannot be ended before ${P.addDays(today, -1)}`)
            return Either.right([
              new SuspensionShortened({ at: c.at, actor: c.actor, on: today, from: c.from, to: c.to })
            ])
          }
        }
      }),
    evolve: (s, e) => {
      switch (e._tag) {
        case "SuspensionDeclared":
          return new State(
            {
              periods: [
                ...s.periods,
                new SuspensionPeriod({ from: e.from, to: e.to, reason: e.reason, declaredAt: e.at }, true)
              ].sort((a, b) => (a.from < b.from ? -1 : 1))
            },
            true
          )
        case "SuspensionShortened":
          return new State(
            { periods: s.periods.map((p) => (p.from === e.from ? new SuspensionPeriod({ ...p, to: e.to }, true) : p)) },
            true
          )
      }
    }
  }
}

/** Decodes a suspension command from outside data; failures name the field. */
export const decodeCommand: (input: unknown) => Either.Either<Command, InvalidMeetingsInput> = decoder(Command)
