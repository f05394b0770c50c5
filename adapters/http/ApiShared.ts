/**
 * What every group of the HTTP API shares: strict payloads, the
 * `Idempotency-Key` header, page parameters.
 *
 * @module
 */
import { Schema } from "effect"

/**
 * A request body that refuses fields it does not know (misspelled ones
 * included), naming them — what the OpenAPI document says
 * (`additionalProperties: false`). Every payload of the API is strict.
 */
export const strict = <S extends Schema.Schema.All>(schema: S): S =>
  schema.annotations({ parseOptions: { onExcessProperty: "error" } }) as unknown as S

/** The optional `Idempotency-Key` header of command endpoints: a retry with the same key is applied once. */
export const IdempotencyHeaders = Schema.Struct({
  "idempotency-key": Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)), {
    exact: true
  })
})

/** A page size and the cursor (the last key of the previous page). */
export const PageParams = {
  limit: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.positive()), { exact: true }),
  after: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(256)), { exact: true })
}
