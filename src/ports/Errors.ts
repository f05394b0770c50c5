/**
 * The typed failures of the storage ports. Every port's error channel is a
 * union of these: a storage failure is an error value, never a defect, and
 * never swallowed.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ports } from "cityhall"
 *
 * const recover = <A, R>(self: Effect.Effect<A, Ports.Errors.ConcurrencyConflict, R>) =>
 *   Effect.catchTag(self, "ConcurrencyConflict", (e) => Effect.logWarning(`stale writer on ${e.stream}: ${e.expected} != ${e.actual}`))
 * ```
 *
 * @module
 */
import { Schema } from "effect"

/** A writer expected the stream at one version and found another: nothing was written. */
export class ConcurrencyConflict extends Schema.TaggedError<ConcurrencyConflict>()("ConcurrencyConflict", {
  stream: Schema.String,
  expected: Schema.Number,
  actual: Schema.Number
}) {
  override get message(): string {
    return `stream ${this.stream}: expected version ${this.expected}, found ${this.actual}`
  }
}

/** What kind of storage failure happened. */
export const StorageErrorReason = Schema.Literal(
  "Connection",
  "Query",
  "Constraint",
  "Transaction",
  "Migration",
  "Lease",
  "Injected"
)
/** @see StorageErrorReason */
export type StorageErrorReason = typeof StorageErrorReason.Type

/** The storage itself failed (connection, query, constraint, migration): nothing was half-written. */
export class StorageError extends Schema.TaggedError<StorageError>()("StorageError", {
  reason: StorageErrorReason,
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optionalWith(Schema.Defect, { exact: true })
}) {}

/** A stored event could not be read back (bad JSON, or it does not decode with the aggregate's event schema). */
export class CorruptEvent extends Schema.TaggedError<CorruptEvent>()("CorruptEvent", {
  stream: Schema.String,
  version: Schema.Number,
  message: Schema.String
}) {}

/** A stored read-model row could not be read back. */
export class CorruptRow extends Schema.TaggedError<CorruptRow>()("CorruptRow", {
  table: Schema.String,
  key: Schema.String,
  message: Schema.String
}) {}

/** An event, a row or a command could not be encoded for storage: nothing was written. */
export class EncodeError extends Schema.TaggedError<EncodeError>()("EncodeError", {
  what: Schema.Literal("event", "row", "command"),
  name: Schema.String,
  message: Schema.String
}) {}

/** An idempotency key already used for a different stream, or for another command on the stream (`reason: "otherPayload"`): nothing was written. */
export class IdempotencyKeyConflict extends Schema.TaggedError<IdempotencyKeyConflict>()("IdempotencyKeyConflict", {
  key: Schema.String,
  stream: Schema.String,
  firstStream: Schema.String,
  reason: Schema.optionalWith(Schema.Literal("otherStream", "otherPayload"), { exact: true })
}) {}

/**
 * A read-model query its caller got wrong (a field that is not indexed in the
 * table, a bad condition, a bad limit): refused before it runs, nothing read.
 * `field` names the part of the query (`limit`, `orderBy`, `where.month`).
 */
export class InvalidQuery extends Schema.TaggedError<InvalidQuery>()("InvalidQuery", {
  table: Schema.String,
  field: Schema.optionalWith(Schema.String, { exact: true }),
  message: Schema.String
}) {}

/** A command given as unknown input did not decode with the aggregate's command schema. */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>()("InvalidCommand", {
  category: Schema.String,
  message: Schema.String
}) {}
