/**
 * The typed errors of information work. Each names the field or the rule
 * broken; a command answered with an error changes nothing.
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as Decode from "../kernel/Decode.js"

/** The rules of information work. */
export const InformationRule = Schema.Literal(
  "duplicatePublication",
  "unknownPublication",
  "publicationWithdrawn",
  "duplicateTopic",
  "planNotOpened",
  "planAlreadyOpened",
  "planClosed",
  "wrongMonth",
  "unknownHotTopic",
  "windowNotOver"
)
/** @see InformationRule */
export type InformationRule = typeof InformationRule.Type

/** A command breaks a rule of information work. */
export class InformationRuleViolation extends Schema.TaggedError<InformationRuleViolation>()(
  "InformationRuleViolation",
  {
    rule: InformationRule,
    /** The path of the offending field of the command (`publication.topics[1]`). */
    field: Schema.String,
    message: Schema.String
  }
) {}

/** Outside data that does not decode as a command; `path` names the field. */
export class InvalidInformationCommand extends Schema.TaggedError<InvalidInformationCommand>()(
  "InvalidInformationCommand",
  {
    path: Schema.String,
    message: Schema.String
  }
) {}

const decodeError = (e: ParseResult.ParseError): InvalidInformationCommand => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
  return new InvalidInformationCommand({
    path: issue?.path.join(".") ?? "",
    message: issue?.message ?? ParseResult.TreeFormatter.formatErrorSync(e)
  })
}

/** Decodes outside data with a Schema; the first problem is an {@link InvalidInformationCommand} naming its path. */
export const decodeWith = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = Decode.unknownEither(schema)
  return (input: unknown): Either.Either<A, InvalidInformationCommand> =>
    Either.mapLeft(decode(input, { errors: "first" }), decodeError)
}
