/**
 * The typed errors of methodological support. Each names the field or the
 * rule broken; a command answered with an error changes nothing.
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as Decode from "../kernel/Decode.js"

/** The rules of the Methodological Council's work. */
export const MethodologyRule = Schema.Literal(
  "duplicateSession",
  "unknownSession",
  "sessionHeld",
  "unknownManual",
  "manualApproved",
  "manualNotApproved",
  "duplicateParty",
  "unknownAgendaItem",
  "duplicateDecision",
  "outcomeNeedsManual",
  "distributionBeforeApproval",
  "alreadyDistributed"
)
/** @see MethodologyRule */
export type MethodologyRule = typeof MethodologyRule.Type

/** A command breaks a rule of the Council's work. */
export class MethodologyRuleViolation extends Schema.TaggedError<MethodologyRuleViolation>()(
  "MethodologyRuleViolation",
  {
    rule: MethodologyRule,
    /** The path of the offending field of the command. */
    field: Schema.String,
    message: Schema.String
  }
) {}

/** Outside data that does not decode as a command; `path` names the field. */
export class InvalidMethodologyCommand extends Schema.TaggedError<InvalidMethodologyCommand>()(
  "InvalidMethodologyCommand",
  {
    path: Schema.String,
    message: Schema.String
  }
) {}

/** Decodes outside data with a Schema; the first problem is an {@link InvalidMethodologyCommand} naming its path. */
export const decodeWith = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = Decode.unknownEither(schema)
  return (input: unknown): Either.Either<A, InvalidMethodologyCommand> =>
    Either.mapLeft(decode(input, { errors: "first" }), (e) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
      return new InvalidMethodologyCommand({
        path: issue?.path.join(".") ?? "",
        message: issue?.message ?? ParseResult.TreeFormatter.formatErrorSync(e)
      })
    })
}
