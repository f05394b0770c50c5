/**
 * Random and mutated inputs for fuzzing the entry points that decode
 * outside data: a valid input (as JSON would bring it) is changed at one
 * random path (value replaced by something hostile, key deleted, junk key
 * added), or replaced by an arbitrary value altogether.
 */
import { FastCheck as fc } from "effect"
import { runs } from "../support/runs.js"

/** A path into a JSON value. */
export type Path = ReadonlyArray<string | number>

/** One fuzz case: the input and, for a mutation, the path that was changed. */
export interface Case {
  readonly input: unknown
  readonly mutated: Path | undefined
  readonly how: "random" | "replace" | "delete" | "extra"
}

/** The injection strings every text field is also tried with. */
export const INJECTIONS: ReadonlyArray<string> = [
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM streams WHERE ('1'='1",
  "1; SELECT pg_sleep(10)",
  "$1",
  "\\",
  "\u0000",
  "\u202e",
  "ПДн⟦'\"⟧"
]

/** Hostile values put in place of a field. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    1e308,
    2 ** 53 + 1,
    true,
    false,
    "",
    " ",
    {},
    [],
    [[]],
    { _tag: "x" },
    { toString: [] },
    { toString: 1, valueOf: 1 },
    "__proto__",
    "constructor",
    "2021-02-30",
    "9999-99-99T99:99:99Z",
    "-1",
    "1e999",
    new Date(Number.NaN).toString()
  ),
  fc.constantFrom(...INJECTIONS),
  fc.string({ maxLength: 40 }),
  fc.fullUnicodeString({ maxLength: 20 }),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 })
)

/** Every path of a JSON value (objects and arrays), the root excluded. */
export const pathsOf = (value: unknown, prefix: Path = []): Array<Path> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])])
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])])
  }
  return []
}

const clone = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))

const setAt = (root: unknown, path: Path, op: "replace" | "delete" | "extra", value: unknown): unknown => {
  const out = clone(root)
  let cur = out as Record<string | number, unknown>
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i]!] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (op === "replace") cur[last] = value
  else if (op === "delete") {
    if (Array.isArray(cur) && typeof last === "number") cur.splice(last, 1)
    else delete cur[last]
  } else {
    const target = cur[last]
    if (target !== null && typeof target === "object" && !Array.isArray(target))
      (target as Record<string, unknown>)["__junk__"] = value
    else cur[last] = value
  }
  return out
}

/** Fuzz cases around valid inputs: mostly one-path mutations, some arbitrary values. */
export const cases = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<Case> =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc.oneof(fc.anything(), hostile).map((input): Case => ({ input, mutated: undefined, how: "random" }))
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          valid.map(clone),
          fc.nat(),
          fc.constantFrom("replace" as const, "delete" as const, "extra" as const),
          hostile
        )
        .map(([v, k, how, value]): Case => {
          const paths = pathsOf(v)
          if (paths.length === 0) return { input: value, mutated: undefined, how: "random" }
          const path = paths[k % paths.length]!
          return { input: setAt(v, path, how, value), mutated: path, how }
        })
    }
  )

/** Random strings for string parsers: hostile ones, near-misses of valid ones, and valid ones. */
export const strings = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.fullUnicodeString({ maxLength: 30 }),
    fc.constantFrom(...INJECTIONS),
    valid,
    fc
      .tuple(valid, fc.nat(), fc.fullUnicodeString({ maxLength: 3 }))
      .map(([s, i, x]) => s.slice(0, i % (s.length + 1)) + x + s.slice((i % (s.length + 1)) + 1)),
    fc.tuple(valid, fc.nat()).map(([s, i]) => s.slice(0, i % (s.length + 1)))
  )

/** The number of inputs per entry point (scaled by `CITYHALL_PROPERTY_RUNS`). */
export const RUNS = runs(10_000)
