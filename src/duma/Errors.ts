/**
 * The typed errors of City Duma support. Each names the field or the rule
 * broken; a command answered with an error changes nothing.
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as Decode from "../kernel/Decode.js"

/** The rules of preparing a Duma session. */
export const DumaRule = Schema.Literal(
  "sessionNotScheduled",
  "sessionAlreadyScheduled",
  "wrongSession",
  "sessionClosed",
  "duplicateDraft",
  "unknownDraft",
  "deadlineNotComputable",
  "deadlinePassedAtAssignment",
  "draftAlreadySubmitted",
  "submissionNotBeforeSession",
  "submissionBeforeAssignment",
  "draftNotSubmitted",
  "draftAlreadyDecided",
  "duplicateDecisionNumber",
  "duplicateInstruction",
  "duplicateActivity",
  "dueBeforeDecision",
  "undecidedDrafts"
)
/** @see DumaRule */
export type DumaRule = typeof DumaRule.Type

/** A command breaks a rule of Duma support. */
export class DumaRuleViolation extends Schema.TaggedError<DumaRuleViolation>()("DumaRuleViolation", {
  rule: DumaRule,
  /** The path of the offending field of the command. */
  field: Schema.String,
  message: Schema.String
}) {}

/** Outside data that does not decode as a command; `path` names the field. */
export class InvalidDumaCommand extends Schema.TaggedError<InvalidDumaCommand>()("InvalidDumaCommand", {
  path: Schema.String,
  message: Schema.String
}) {}

/** Decodes outside data with a Schema; the first problem is an {@link InvalidDumaCommand} naming its path. */
export const decodeWith = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = Decode.unknownEither(schema)
  return (input: unknown): Either.Either<A, InvalidDumaCommand> =>
    Either.mapLeft(decode(input, { errors: "first" }), (e) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
      return new InvalidDumaCommand({
        path: issue?.path.join(".") ?? "",
        message: issue?.message ?? ParseResult.TreeFormatter.formatErrorSync(e)
      })
    })
}
