/**
 * The in-memory model the conformance kit compares adapters against: the
 * pure deciders, the pure projections and the reference read-model
 * semantics, with no storage at all. Also the kit's small assertion
 * helpers, which fail the Effect with a {@link ConformanceFailure} instead of
 * depending on a test runner's `expect`.
 *
 * @module
 */
import { Data, Effect, Either, type FastCheck as fc } from "effect"
import type { AggregateDefinition, AnyAggregate } from "../ports/Aggregate.js"
import { canonical, prepare } from "../ports/CommandHandler.js"
import { eventIdOf, type StreamRef, streamName } from "../ports/EventStore.js"
import { applyWrites, canonicalJson, emptySnapshot, normalise, type Snapshot } from "../ports/ReadModels.js"

/**
 * A conformance check that did not hold. `message` says which rule of
 * `docs/adapters.md` it checks (`[4.2] ...`), the operation and what
 * differed; `actual` / `expected` hold the first difference only (never a
 * whole store), cut to a few hundred characters.
 */
export class ConformanceFailure extends Data.TaggedError("ConformanceFailure")<{
  readonly message: string
  readonly rule?: string
  readonly actual?: string
  readonly expected?: string
}> {}

/** At most this many characters of a value in a failure. */
const shown = 300

/** A value as short JSON for a failure message. */
export const brief = (value: unknown): string => {
  let text: string
  try {
    text = value === undefined ? "(absent)" : (canonicalJson(value) ?? String(value))
  } catch {
    return "(a value that cannot be encoded as JSON)"
  }
  return text.length <= shown ? text : `${text.slice(0, shown)}… (${text.length} characters)`
}

/**
 * The first place where two JSON-like values differ (`events[301]`,
 * `readModels.counters[0][2]`), with both values there; undefined when they
 * are equal. Arrays name their lengths when one is a prefix of the other.
 */
export const firstDifference = (
  actual: unknown,
  expected: unknown,
  path = ""
): { readonly path: string; readonly actual: unknown; readonly expected: unknown } | undefined => {
  if (canonicalJson(actual) === canonicalJson(expected)) return undefined
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const n = Math.min(actual.length, expected.length)
    for (let i = 0; i < n; i++) {
      const d = firstDifference(actual[i], expected[i], `${path}[${i}]`)
      if (d !== undefined) return d
    }
    return {
      path: `${path === "" ? "the answer" : path} (${actual.length} items, expected ${expected.length})`,
      actual: actual[n],
      expected: expected[n]
    }
  }
  if (
    actual !== null &&
    expected !== null &&
    typeof actual === "object" &&
    typeof expected === "object" &&
    !Array.isArray(actual) &&
    !Array.isArray(expected)
  ) {
    const a = actual as Readonly<Record<string, unknown>>
    const e = expected as Readonly<Record<string, unknown>>
    for (const k of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
      const d = firstDifference(a[k], e[k], path === "" ? k : `${path}.${k}`)
      if (d !== undefined) return d
    }
  }
  return { path: path === "" ? "the answer" : path, actual, expected }
}

/** Fails unless the condition holds. */
export const check = (condition: boolean, message: string): Effect.Effect<void, ConformanceFailure> =>
  condition ? Effect.void : Effect.fail(new ConformanceFailure({ message }))

/**
 * Fails unless both values have the same canonical JSON. The failure names
 * the first difference (`message: at events[2].version: expected 3, got 2`),
 * not the whole values.
 */
export const checkEqual = (
  actual: unknown,
  expected: unknown,
  message: string
): Effect.Effect<void, ConformanceFailure> => {
  const d = firstDifference(actual, expected)
  if (d === undefined) return Effect.void
  return Effect.fail(
    new ConformanceFailure({
      message: `${message}: at ${d.path}: expected ${brief(d.expected)}, got ${brief(d.actual)}`,
      actual: brief(d.actual),
      expected: brief(d.expected)
    })
  )
}

/** An error as a short text: its tag and fields. */
export const describeError = (e: unknown): string => {
  if (e !== null && typeof e === "object" && "_tag" in e) {
    const { _tag, ...fields } = e as { readonly _tag: unknown } & Record<string, unknown>
    const { cause: _cause, stack: _stack, ...rest } = fields
    return `${String(_tag)}${Object.keys(rest).length > 0 ? ` ${brief(rest)}` : ""}`
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : brief(e)
}

/** Runs the effect, expecting it to fail with the tag; answers the error. */
export const expectFailure = <A, E extends { readonly _tag: string }, R, T extends E["_tag"]>(
  self: Effect.Effect<A, E, R>,
  tag: T,
  message: string
): Effect.Effect<Extract<E, { readonly _tag: T }>, ConformanceFailure, R> =>
  Effect.flatMap(Effect.either(self), (r) => {
    if (Either.isRight(r)) {
      return Effect.fail(
        new ConformanceFailure({ message: `${message}: expected ${tag}, it succeeded with ${brief(r.right)}` })
      )
    }
    const e = r.left
    return e._tag === tag
      ? Effect.succeed(e as Extract<E, { readonly _tag: T }>)
      : Effect.fail(new ConformanceFailure({ message: `${message}: expected ${tag}, got ${describeError(e)}` }))
  })

/**
 * Runs the effect, expecting it to succeed; a failure is a
 * {@link ConformanceFailure} naming the operation, the error and what it
 * most likely means (`hint`), instead of the bare error (a domain refusal
 * such as `LedgerError: Closed` after a half-written append says little).
 */
export const expectSuccess = <A, E, R>(
  self: Effect.Effect<A, E, R>,
  operation: string,
  hint?: string
): Effect.Effect<A, ConformanceFailure, R> =>
  Effect.mapError(
    self,
    (e) =>
      new ConformanceFailure({
        message: `${operation}: expected success, got ${describeError(e)}${hint !== undefined ? ` — ${hint}` : ""}`
      })
  )

/**
 * An aggregate the kit can drive with random commands: its definition, an
 * arbitrary of commands (most of them accepted in typical states) and the
 * ids of the streams to spread them over.
 */
export interface ConformanceAggregate<C, E, S, Err, EI = unknown, CI = unknown> {
  readonly definition: AggregateDefinition<C, E, S, Err, EI, CI>
  readonly command: fc.Arbitrary<C>
  readonly ids?: ReadonlyArray<string>
}

/** Any conformance aggregate. */
export type AnyConformanceAggregate = ConformanceAggregate<any, any, any, any, any, any>

/** What the model expects of one handled command. */
export type Expected =
  | {
      readonly _tag: "Ok"
      readonly events: ReadonlyArray<unknown>
      readonly state: unknown
      readonly version: number
      readonly duplicate: boolean
    }
  | { readonly _tag: "DomainError"; readonly error: unknown }
  | { readonly _tag: "KeyConflict" }

interface ModelStream {
  readonly definition: AnyAggregate
  readonly stream: StreamRef
  events: Array<unknown>
  state: unknown
}

/** The model: streams, the global log, idempotency keys and the read models. */
export class Model {
  readonly streams = new Map<string, ModelStream>()
  readonly log: Array<{ readonly stream: string; readonly version: number }> = []
  readonly keys = new Map<
    string,
    { readonly stream: string; readonly from: number; readonly to: number; readonly payload: string }
  >()
  snapshot: Snapshot = emptySnapshot

  /** Applies a command as the generic handler should, answering what the adapter must answer. */
  handle(
    definition: AnyAggregate,
    id: string,
    command: unknown,
    key: string | undefined,
    recordedAt: string
  ): Expected {
    const stream: StreamRef = { category: definition.category, id }
    const name = streamName(stream)
    const s: ModelStream = this.streams.get(name) ?? {
      definition,
      stream,
      events: [],
      state: definition.decider.initialState
    }
    if (key !== undefined) {
      const first = this.keys.get(key)
      if (first !== undefined) {
        // another stream, or the same stream with another command (its instant aside): refused
        if (first.stream !== name || first.payload !== canonical(command)) return { _tag: "KeyConflict" }
        let state = definition.decider.initialState
        for (const e of s.events.slice(0, first.to)) state = definition.decider.evolve(state, e)
        return {
          _tag: "Ok",
          events: s.events.slice(first.from - 1, first.to),
          state,
          version: first.to,
          duplicate: true
        }
      }
    }
    const decided = definition.decider.decide(command, s.state)
    if (Either.isLeft(decided)) return { _tag: "DomainError", error: decided.left }
    const version = s.events.length
    const prepared = prepare(definition, stream, { version, state: s.state }, decided.right, recordedAt)
    if (Either.isLeft(prepared)) return { _tag: "DomainError", error: prepared.left }
    s.events.push(...decided.right)
    s.state = prepared.right.state
    this.streams.set(name, s)
    decided.right.forEach((_, i) => this.log.push({ stream: name, version: version + i + 1 }))
    if (key !== undefined)
      this.keys.set(key, { stream: name, from: version + 1, to: s.events.length, payload: canonical(command) })
    this.snapshot = applyWrites(this.snapshot, prepared.right.writes)
    return { _tag: "Ok", events: decided.right, state: s.state, version: s.events.length, duplicate: false }
  }

  /** The model's read models in canonical form. */
  normalised() {
    return normalise(this.snapshot)
  }

  /** The ids of the events of the global log, in order. */
  eventIds(): ReadonlyArray<string> {
    return this.log.map(({ stream, version }) => {
      const s = this.streams.get(stream)
      return s === undefined ? "" : eventIdOf(s.stream, version)
    })
  }
}
