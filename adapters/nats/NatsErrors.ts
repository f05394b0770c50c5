/**
 * The typed failures of the NATS JetStream transport. A broker failure is an
 * error value in the channel of the relay or the consumer, never a defect;
 * a message that cannot be decoded is an {@link InvalidMessage} naming what
 * was wrong, never a thrown exception.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { NatsErrors } from "cityhall/adapters/nats"
 *
 * const report = <A, R>(self: Effect.Effect<A, NatsErrors.BrokerError, R>) =>
 *   Effect.tapErrorTag(self, "BrokerError", (e) => Effect.logError(`${e.reason} failure in ${e.operation}: ${e.message}`))
 * ```
 *
 * @module
 */
import { Schema } from "effect"

/** Which part of the broker conversation failed. */
export const BrokerErrorReason = Schema.Literal("Connection", "Stream", "Consumer", "Publish", "Ack")
/** @see BrokerErrorReason */
export type BrokerErrorReason = typeof BrokerErrorReason.Type

/**
 * The broker failed or refused: the connection, creating or reading the
 * stream or the consumer, a publish without a server acknowledgement, or an
 * acknowledgement of a consumed message. Nothing was recorded as done.
 */
export class BrokerError extends Schema.TaggedError<BrokerError>()("BrokerError", {
  reason: BrokerErrorReason,
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optionalWith(Schema.Defect, { exact: true })
}) {}

/** What was wrong with a consumed message. */
export const InvalidMessageReason = Schema.Literal(
  /** The data is not JSON. */
  "Json",
  /** The JSON is not a stored-event envelope. */
  "Envelope",
  /** The envelope's payload does not decode with the consumer's event schema. */
  "Payload"
)
/** @see InvalidMessageReason */
export type InvalidMessageReason = typeof InvalidMessageReason.Type

/** A consumed message could not be decoded into a typed event. */
export class InvalidMessage extends Schema.TaggedError<InvalidMessage>()("InvalidMessage", {
  reason: InvalidMessageReason,
  subject: Schema.String,
  /** The message's sequence in the JetStream stream. */
  streamSequence: Schema.Number,
  /** The event id, when the envelope could be read. */
  eventId: Schema.optionalWith(Schema.String, { exact: true }),
  message: Schema.String
}) {}

/** Turns a rejected promise's reason into a message. */
export const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/** A {@link BrokerError} from a rejected broker call. */
export const brokerError =
  (reason: BrokerErrorReason, operation: string) =>
  (cause: unknown): BrokerError =>
    new BrokerError({ reason, operation, message: describe(cause), cause })
