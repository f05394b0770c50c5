/**
 * The application's own errors: a record that does not exist. (Access is
 * refused with `Access.AccessDenied`; the areas' rules answer their own
 * typed errors.)
 *
 * @module
 */
import { Schema } from "effect"

/** No such record: `what` names its kind (`appeal`, `plan`, `calendar`, `reception`, `meeting`, `planVersion`). */
export class RecordNotFound extends Schema.TaggedError<RecordNotFound>()("RecordNotFound", {
  what: Schema.String,
  id: Schema.String,
  message: Schema.String
}) {}

/** A record of a kind with an id is not there. */
export const notFound = (what: string, id: string): RecordNotFound =>
  new RecordNotFound({ what, id, message: `no ${what} ${id}` })

/** Input the use case cannot act on (a missing field that only some choices need), naming the field. */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  field: Schema.String,
  message: Schema.String
}) {}
