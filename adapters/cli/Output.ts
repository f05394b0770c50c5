/**
 * What every command shares: its output, its two kinds of error with their
 * exit codes, the one-line rendering of an error, and JSON that scripts can
 * rely on (keys sorted, two-space indent, a final newline).
 *
 * Exit codes: 0 success; 1 an input or domain error (a value that does not
 * decode, a rule of the law that refuses it); 2 a usage error (the command
 * line does not fit the command: unknown command or option, missing
 * required option, a value outside the listed choices).
 *
 * @module
 */
import { Data, Either } from "effect"

/** A command's result: the text written to stdout (ending with a newline). */
export interface Output {
  readonly stdout: string
}

/** The command line does not fit the command. Exit code 2. */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly message: string
}> {}

/** A value that does not decode, or a domain rule that refuses the input. Exit code 1. */
export class InputError extends Data.TaggedError("InputError")<{
  /** The domain error's tag (`InvalidPeriod`, `PhraseNotUnderstood`, …). */
  readonly kind: string
  readonly message: string
}> {}

/** Any failure of a command. */
export type CliError = UsageError | InputError

/** The exit code of a failure. */
export const exitCode = (e: CliError): 1 | 2 => (e._tag === "UsageError" ? 2 : 1)

/** A domain error (any tagged error with a message) as an {@link InputError}, optionally naming the option it came from. */
export const fromDomain = (e: { readonly _tag: string; readonly message: string }, option?: string): InputError =>
  new InputError({ kind: e._tag, message: option === undefined ? e.message : `${option}: ${e.message}` })

/** Lifts an `Either` with a domain error into one with an {@link InputError}. */
export const domain = <A, E extends { readonly _tag: string; readonly message: string }>(
  result: Either.Either<A, E>,
  option?: string
): Either.Either<A, InputError> => Either.mapLeft(result, (e) => fromDomain(e, option))

const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, " ").trim()

/**
 * The one line written to stderr for a failure:
 * `cityhall <command>: usage: <message>; see 'cityhall <command> --help'` or
 * `cityhall <command>: <Kind>: <message>`.
 */
export const errorLine = (path: ReadonlyArray<string>, e: CliError): string => {
  const where = ["cityhall", ...path].join(" ")
  return e._tag === "UsageError"
    ? `${where}: usage: ${oneLine(e.message)}; see '${where} --help'`
    : `${where}: ${e.kind}: ${oneLine(e.message)}`
}

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined) out[k] = sortKeys(v)
    }
    return out
  }
  return value
}

/** Stable JSON: object keys sorted at every level, `undefined` keys left out, two-space indent, final newline. */
export const json = (value: unknown): Output => ({ stdout: `${JSON.stringify(sortKeys(value), null, 2)}\n` })

/** Plain text lines, with a final newline. */
export const text = (...lines: ReadonlyArray<string>): Output => ({ stdout: `${lines.join("\n")}\n` })
