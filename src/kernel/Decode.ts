/**
 * Decoding outside data that never throws.
 *
 * `Schema.decodeUnknownEither` can throw on some JSON it is given: a
 * discriminated union reads its tag with `String(value)`, and an object
 * such as `{"toString": []}` (valid JSON, any HTTP body or import file can
 * carry it) cannot be converted to text. Every decoder of outside data in
 * cityhall goes through {@link unknownEither}, which answers such a value
 * with an ordinary `ParseError` whose path names where it is.
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import type { ParseOptions } from "effect/SchemaAST"

/** How deep {@link unreadablePath} looks (deeper input is refused by the decoders' own limits first). */
const MAX_DEPTH = 256

/** Whether `String(value)` would throw for this value. */
const unreadable = (value: unknown): boolean => {
  if (typeof value !== "object" || value === null) return typeof value === "symbol"
  try {
    String(value)
    return false
  } catch {
    return true
  }
}

/**
 * The path of the first value in `input` that cannot be converted to text
 * (an object whose `toString`/`valueOf` are not functions), or `undefined`
 * when there is none. The root is the empty path.
 */
export const unreadablePath = (input: unknown): ReadonlyArray<PropertyKey> | undefined => {
  const go = (value: unknown, path: ReadonlyArray<PropertyKey>): ReadonlyArray<PropertyKey> | undefined => {
    if (typeof value !== "object" || value === null) return unreadable(value) ? path : undefined
    if (path.length > MAX_DEPTH) return undefined
    // Children first: the deepest place names the field best.
    for (const key of Object.keys(value)) {
      const found = go((value as Record<string, unknown>)[key], [...path, Array.isArray(value) ? Number(key) : key])
      if (found !== undefined) return found
    }
    return unreadable(value) ? path : undefined
  }
  return go(input, [])
}

/** The parse error for a value the schema's parser could not read. */
const unreadableError = (ast: Schema.Schema.AnyNoContext["ast"], input: unknown, cause: unknown) => {
  const path = unreadablePath(input) ?? []
  let value: unknown = input
  for (const key of path) value = (value as Record<PropertyKey, unknown>)[key]
  const reason = cause instanceof Error ? cause.message : "it cannot be read"
  let issue: ParseResult.ParseIssue = new ParseResult.Type(
    ast,
    value,
    `expected a value that can be read as text (${reason})`
  )
  const [head, ...rest] = path
  if (head !== undefined) issue = new ParseResult.Pointer([head, ...rest], input, issue)
  return new ParseResult.ParseError({ issue })
}

/**
 * `Schema.decodeUnknownEither` that never throws: a value the parser cannot
 * read is a `ParseError` at its path, like any other malformed value.
 */
export const unknownEither = <A, I>(schema: Schema.Schema<A, I, never>, options?: ParseOptions) => {
  const decode = Schema.decodeUnknownEither(schema, options)
  return (input: unknown, overrideOptions?: ParseOptions): Either.Either<A, ParseResult.ParseError> => {
    try {
      return decode(input, overrideOptions)
    } catch (cause) {
      return Either.left(unreadableError(schema.ast, input, cause))
    }
  }
}
