/**
 * An aggregate definition: everything the generic machinery (command
 * handler, projections, rebuild, conformance kit) needs to store one kind of
 * aggregate. Plugging an area in is writing one of these objects.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Ports } from "cityhall"
 * import { Ledger } from "cityhall/testing"
 *
 * const definition = Ports.Aggregate.make({
 *   category: "ledger",
 *   decider: Ledger.decider,
 *   eventSchema: Ledger.Event,
 *   commandSchema: Ledger.Command,
 *   eventType: (e) => e._tag,
 *   projections: [Ledger.accounts]
 * })
 * ```
 *
 * @module
 */
import { Either, ParseResult, type Schema } from "effect"
import type { Decider } from "../kernel/Decider.js"
import { CorruptEvent } from "./Errors.js"
import { type StoredEvent, streamName } from "./EventStore.js"
import type { Projection } from "./Projection.js"
import * as Decode from "../kernel/Decode.js"

/**
 * One kind of aggregate. `category` names its streams (lowercase letters,
 * digits and `_`, e.g. `appeal`); `eventSchema` encodes events to JSON
 * for storage (use `Schema.optionalWith(X, { exact: true })` for optional
 * fields, and ISO strings for instants); `eventType` names an event for the
 * log and the bus.
 */
export interface AggregateDefinition<C, E, S, Err, EI = unknown, CI = unknown> {
  readonly category: string
  readonly decider: Decider<C, E, S, Err>
  readonly eventSchema: Schema.Schema<E, EI>
  readonly commandSchema?: Schema.Schema<C, CI>
  readonly eventType: (event: E) => string
  readonly projections?: ReadonlyArray<Projection<E, S>>
  /**
   * Commands that create their stream (a registration): the command handler
   * decides them on the initial state and appends at version 0 without
   * reading the stream first; when the stream exists after all (a conflict),
   * it reads, decides and appends as for any command. Leave out for an
   * aggregate whose commands usually meet an existing stream.
   */
  readonly creates?: (command: C) => boolean
}

/** Any aggregate definition (for registries of several aggregates). */
export type AnyAggregate = AggregateDefinition<any, any, any, any, any, any>

/** The command type of a definition. */
export type CommandOf<D> = D extends AggregateDefinition<infer C, any, any, any, any, any> ? C : never
/** The event type of a definition. */
export type EventOf<D> = D extends AggregateDefinition<any, infer E, any, any, any, any> ? E : never
/** The state type of a definition. */
export type StateOf<D> = D extends AggregateDefinition<any, any, infer S, any, any, any> ? S : never
/** The domain error type of a definition. */
export type ErrorOf<D> = D extends AggregateDefinition<any, any, any, infer Err, any, any> ? Err : never

/** The pattern of a category name. */
export const CategoryPattern = /^[a-z][a-z0-9_]{0,63}$/

/** Defines an aggregate (an identity function that fixes the types). */
export const make = <C, E, S, Err, EI = unknown, CI = unknown>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>
): AggregateDefinition<C, E, S, Err, EI, CI> => definition

/** Decodes a stored event with the definition's event schema; a failure names the stream and the version. */
export const decodeEvent = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  stored: StoredEvent
): Either.Either<E, CorruptEvent> =>
  Either.mapLeft(
    Decode.unknownEither(definition.eventSchema)(stored.payload),
    (e) =>
      new CorruptEvent({
        stream: streamName({ category: stored.category, id: stored.streamId }),
        version: stored.version,
        message: ParseResult.TreeFormatter.formatErrorSync(e)
      })
  )
