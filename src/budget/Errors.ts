/**
 * The typed errors of budget control. Each names the field or the rule
 * broken; a command answered with an error changes nothing.
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as Decode from "../kernel/Decode.js"

/** The rules of budget control. */
export const BudgetRule = Schema.Literal(
  "notOpened",
  "alreadyOpened",
  "wrongStream",
  "closed",
  "badProgramYears",
  "yearOutsideProgram",
  "duplicateIndicator",
  "outsideYear",
  "unknownIndicator",
  "duplicateRef",
  "amountOverflow",
  "yearNotOver"
)
/** @see BudgetRule */
export type BudgetRule = typeof BudgetRule.Type

/** A command breaks a rule of budget control. */
export class BudgetRuleViolation extends Schema.TaggedError<BudgetRuleViolation>()("BudgetRuleViolation", {
  rule: BudgetRule,
  /** The path of the offending field of the command. */
  field: Schema.String,
  message: Schema.String
}) {}

/** Outside data that does not decode as a command; `path` names the field. */
export class InvalidBudgetCommand extends Schema.TaggedError<InvalidBudgetCommand>()("InvalidBudgetCommand", {
  path: Schema.String,
  message: Schema.String
}) {}

/** Decodes outside data with a Schema; the first problem is an {@link InvalidBudgetCommand} naming its path. */
export const decodeWith = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const decode = Decode.unknownEither(schema)
  return (input: unknown): Either.Either<A, InvalidBudgetCommand> =>
    Either.mapLeft(decode(input, { errors: "first" }), (e) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
      return new InvalidBudgetCommand({
        path: issue?.path.join(".") ?? "",
        message: issue?.message ?? ParseResult.TreeFormatter.formatErrorSync(e)
      })
    })
}
