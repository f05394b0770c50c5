/**
 * The one error for outside data that does not decode: which kind of value
 * was being read, the field that failed (a dotted path), and why.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections } from "cityhall"
 *
 * const r = Elections.Election.decode({ id: "duma-2021" })
 * if (Either.isLeft(r)) console.log(r.left.field) // "level"
 * ```
 *
 * @module
 */
import { Schema } from "effect"

/** Outside data that is not a valid value of `kind`; `field` names the first failing field. */
export class InvalidElectionInput extends Schema.TaggedError<InvalidElectionInput>()("InvalidElectionInput", {
  kind: Schema.String,
  field: Schema.String,
  message: Schema.String
}) {}

/** Builds an {@link InvalidElectionInput} for a kind of value. */
export const invalid =
  (kind: string) =>
  (field: string, message: string): InvalidElectionInput =>
    new InvalidElectionInput({
      kind,
      field,
      message: field === "" ? `${kind}: ${message}` : `${kind}.${field}: ${message}`
    })
