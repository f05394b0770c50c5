/**
 * Internal: decoding outside data with a typed error that names the field.
 *
 * @internal
 */
import { Either, ParseResult, type Schema } from "effect"
import * as Decode from "../../kernel/Decode.js"

/** The first failing field of a parse error, as a dotted path (`votingDays`, `tasks.0.timing`). */
export const fieldOf = (e: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(e)
  const first = issues[0]
  return first === undefined ? "" : first.path.map(String).join(".")
}

/** The message of the first failing field. */
export const messageOf = (e: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(e)
  const first = issues[0]
  return first === undefined ? ParseResult.TreeFormatter.formatErrorSync(e) : first.message
}

/** A decoder answering `make(kind, field, message)` on bad input. */
export const decoder =
  <A, I, Err>(schema: Schema.Schema<A, I>, make: (field: string, message: string) => Err) =>
  (input: unknown): Either.Either<A, Err> =>
    Either.mapLeft(Decode.unknownEither(schema)(input, { errors: "first", onExcessProperty: "error" }), (e) =>
      make(fieldOf(e), messageOf(e))
    )
