/**
 * The one command handler for every aggregate: load the stream, decide,
 * append with the expected version (and the projections' writes, in the
 * same transaction), retry on a concurrency conflict up to a bound.
 *
 * A command sent with an idempotency key is applied once: a retry with the
 * same key and the same command answers the first result (`duplicate:
 * true`) without deciding again; the same key with another command (other
 * than its instant `at`) is an `IdempotencyKeyConflict` (`reason:
 * "otherPayload"`), nothing written. The command's fingerprint is recorded
 * beside the key in the same transaction ({@link payloadKey}).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Ports } from "cityhall"
 * import { Ledger } from "cityhall/testing"
 *
 * const program = Ports.CommandHandler.handle(
 *   Ledger.definition,
 *   "L-1",
 *   Ledger.Open.make({ owner: "o-1", division: "d-1", at: new Date("2021-03-01T09:00:00Z") }),
 *   { idempotencyKey: "request-42" }
 * ) // Effect<CommandResult<Ledger.Event, Ledger.State>, LedgerError | ..., EventStore>
 * ```
 *
 * @module
 */
import { Clock, Effect, Either, Option, ParseResult, Redacted } from "effect"
import { type AggregateDefinition, decodeEvent } from "./Aggregate.js"
import {
  ConcurrencyConflict,
  type CorruptEvent,
  type EncodeError,
  IdempotencyKeyConflict,
  InvalidCommand,
  type StorageError
} from "./Errors.js"
import {
  type AppendResult,
  eventIdOf,
  EventStore,
  type NewEvent,
  type StoredEvent,
  type StreamRef,
  streamName
} from "./EventStore.js"
import { compile, encodeWith, type Envelope, type Update } from "./Projection.js"
import type { Write } from "./ReadModels.js"
import * as Decode from "../kernel/Decode.js"

/** Options of {@link handle}. */
export interface HandleOptions {
  readonly idempotencyKey?: string
  /** What the key's payload is compared on (default: the command without its instant `at`), for a use case that builds the command anew on each try. */
  readonly idempotencyPayload?: unknown
  /** How many times to load-decide-append before giving up on conflicts (default 5). */
  readonly maxAttempts?: number
}

/** What a handled command did. */
export interface CommandResult<E, S> {
  readonly stream: StreamRef
  /** The events the command caused (those of the first run for a duplicate). */
  readonly events: ReadonlyArray<E>
  /** The aggregate's state right after those events. */
  readonly state: S
  /** The stream's version right after those events. */
  readonly version: number
  /** True when the idempotency key had been used: nothing new was applied. */
  readonly duplicate: boolean
}

/** The failures of {@link handle}: the domain error, or a storage-level one. */
export type HandleError<Err> =
  | Err
  | ConcurrencyConflict
  | IdempotencyKeyConflict
  | StorageError
  | CorruptEvent
  | EncodeError

/** A loaded aggregate. */
export interface Loaded<E, S> {
  readonly stream: StreamRef
  readonly events: ReadonlyArray<E>
  readonly state: S
  readonly version: number
}

/** Reads and decodes a stream and folds it into the state. */
export const load = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  id: string,
  options: { readonly toVersion?: number } = {}
): Effect.Effect<Loaded<E, S>, StorageError | CorruptEvent, EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const stream = { category: definition.category, id }
    const stored = yield* store.read(stream, options.toVersion !== undefined ? { toVersion: options.toVersion } : {})
    return yield* fold(definition, stream, stored)
  })

const fold = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  stream: StreamRef,
  stored: ReadonlyArray<StoredEvent>
): Effect.Effect<Loaded<E, S>, CorruptEvent> =>
  Effect.gen(function* () {
    const events: Array<E> = []
    let state = definition.decider.initialState
    let version = 0
    for (const s of stored) {
      const e = yield* decodeEvent(definition, s)
      events.push(e)
      state = definition.decider.evolve(state, e)
      version = s.version
    }
    return { stream, events, state, version }
  })

/**
 * Loads several aggregates of a definition with one `readMany` of the
 * store: each as {@link load} answers it, in the order of the ids given.
 */
export const loadMany = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  ids: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<Loaded<E, S>>, StorageError | CorruptEvent, EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const streams = ids.map((id): StreamRef => ({ category: definition.category, id }))
    const stored = yield* store.readMany(streams)
    return yield* Effect.forEach(streams, (stream, i) => fold(definition, stream, stored[i] ?? []))
  })

/** The events to append and the writes of the definition's projections, for events decided at a state. */
export interface Prepared<S> {
  readonly newEvents: ReadonlyArray<NewEvent>
  readonly writes: ReadonlyArray<Write>
  readonly state: S
}

/** The envelope, the state after it and the projections' writes, for one event at a state (pure). */
export const project = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  envelope: Envelope<E>,
  before: S
): Either.Either<{ readonly after: S; readonly writes: ReadonlyArray<Write> }, EncodeError> => {
  const after = definition.decider.evolve(before, envelope.event)
  const writes: Array<Write> = []
  for (const p of definition.projections ?? []) {
    const compiled = compile(p.project({ envelope, before, after }))
    if (Either.isLeft(compiled)) return Either.left(compiled.left)
    writes.push(...compiled.right)
  }
  return Either.right({ after, writes })
}

/**
 * Encodes new events in order, each with its envelope, and hands each
 * projection's updates of each event to `sink` (which answers an error to
 * stop); answers the events and the state after the last one.
 */
const prepareEach = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  stream: StreamRef,
  loaded: { readonly version: number; readonly state: S },
  events: ReadonlyArray<E>,
  recordedAt: string,
  sink: (updates: ReadonlyArray<Update>) => EncodeError | undefined
): Either.Either<{ readonly newEvents: ReadonlyArray<NewEvent>; readonly state: S }, EncodeError> => {
  const newEvents: Array<NewEvent> = []
  let state = loaded.state
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as E
    const version = loaded.version + i + 1
    const eventId = eventIdOf(stream, version)
    const type = definition.eventType(event)
    const payload = encodeWith(definition.eventSchema, "event", `${streamName(stream)}@${version}`, event)
    if (Either.isLeft(payload)) return Either.left(payload.left)
    const envelope = { eventId, stream, version, type, event, recordedAt }
    const after = definition.decider.evolve(state, event)
    for (const p of definition.projections ?? []) {
      const failed = sink(p.project({ envelope, before: state, after }))
      if (failed !== undefined) return Either.left(failed)
    }
    newEvents.push({ eventId, type, payload: payload.right, recordedAt })
    state = after
  }
  return Either.right({ newEvents, state })
}

/** Encodes new events and computes the projections' writes (pure). */
export const prepare = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  stream: StreamRef,
  loaded: { readonly version: number; readonly state: S },
  events: ReadonlyArray<E>,
  recordedAt: string
): Either.Either<Prepared<S>, EncodeError> => {
  const writes: Array<Write> = []
  return Either.map(
    prepareEach(definition, stream, loaded, events, recordedAt, (updates) => {
      const compiled = compile(updates)
      if (Either.isLeft(compiled)) return compiled.left
      writes.push(...compiled.right)
      return undefined
    }),
    ({ newEvents, state }) => ({ newEvents, writes, state })
  )
}

/** As {@link Prepared}, with the projections' updates not yet compiled (rows not yet encoded). */
export interface PreparedUpdates<S> {
  readonly newEvents: ReadonlyArray<NewEvent>
  readonly updates: ReadonlyArray<Update>
  readonly state: S
}

/**
 * As {@link prepare}, leaving the projections' updates uncompiled: for
 * successive appends written in one transaction, whose rows are encoded
 * once, by `Projection.compileLatest` (an import's history).
 */
export const prepareUpdates = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  stream: StreamRef,
  loaded: { readonly version: number; readonly state: S },
  events: ReadonlyArray<E>,
  recordedAt: string
): Either.Either<PreparedUpdates<S>, EncodeError> => {
  const updates: Array<Update> = []
  return Either.map(
    prepareEach(definition, stream, loaded, events, recordedAt, (us) => {
      for (const u of us) updates.push(u)
      return undefined
    }),
    ({ newEvents, state }) => ({ newEvents, updates, state })
  )
}

/**
 * A canonical text of a command for comparing requests: keys sorted,
 * redacted values revealed (they are compared, never shown), dates as ISO
 * instants, and the instant of the command (`at`, set by the server on
 * every request) left out.
 */
export const canonical = (command: unknown): string => {
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 64) return null
    if (Redacted.isRedacted(v)) return walk(Redacted.value(v), depth + 1)
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString()
    if (typeof v === "bigint") return `${v}n`
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1))
    if (typeof v === "object" && v !== null) {
      const out: Record<string, unknown> = {}
      for (const k of Object.keys(v).sort()) {
        if (depth === 0 && k === "at") continue
        out[k] = walk((v as Record<string, unknown>)[k], depth + 1)
      }
      return out
    }
    return v
  }
  return JSON.stringify(walk(command, 0)) ?? "undefined"
}

/** A short fingerprint of a text (two 32-bit FNV-1a variants, hex): equal texts, equal fingerprints. */
export const fingerprint = (text: string): string => {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0
    b ^= b >>> 13
  }
  return `${a.toString(16).padStart(8, "0")}${(b >>> 0).toString(16).padStart(8, "0")}`
}

/** The key recorded beside an idempotency key for the command it was first used with. */
export const payloadKey = (key: string, command: unknown): string => `${key}#payload:${fingerprint(canonical(command))}`

/** The stream that holds no events, only the payload keys beside idempotency keys. */
const payloadStream = (key: string): StreamRef => ({ category: "idempotency", id: key })

const firstResult = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  stream: StreamRef,
  key: string,
  first: AppendResult,
  payload?: unknown
): Effect.Effect<CommandResult<E, S>, IdempotencyKeyConflict | StorageError | CorruptEvent, EventStore> =>
  first.category !== stream.category || first.streamId !== stream.id
    ? Effect.fail(
        new IdempotencyKeyConflict({
          key,
          stream: streamName(stream),
          firstStream: streamName({ category: first.category, id: first.streamId })
        })
      )
    : Effect.flatMap(
        Effect.flatMap(EventStore, (store) => Effect.map(store.idempotency(payloadKey(key, payload)), Option.isSome)),
        (
          samePayload
        ): Effect.Effect<CommandResult<E, S>, IdempotencyKeyConflict | StorageError | CorruptEvent, EventStore> =>
          samePayload
            ? firstLoaded(definition, stream, first)
            : Effect.fail(
                new IdempotencyKeyConflict({
                  key,
                  stream: streamName(stream),
                  firstStream: streamName(stream),
                  reason: "otherPayload"
                })
              )
      )

const firstLoaded = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  stream: StreamRef,
  first: AppendResult
): Effect.Effect<CommandResult<E, S>, StorageError | CorruptEvent, EventStore> =>
  Effect.map(load(definition, stream.id, { toVersion: first.toVersion }), (loaded) => ({
    stream,
    events: loaded.events.slice(first.fromVersion - 1),
    state: loaded.state,
    version: first.toVersion,
    duplicate: true
  }))

/**
 * Handles one command for the aggregate `id`: load, decide, append; on a
 * concurrency conflict, load again and retry, at most `maxAttempts` times.
 * The instant of recording is read from `Clock`.
 */
export const handle = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  id: string,
  command: C,
  options: HandleOptions = {}
): Effect.Effect<CommandResult<E, S>, HandleError<Err>, EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const stream: StreamRef = { category: definition.category, id }
    const key = options.idempotencyKey
    const payload = "idempotencyPayload" in options ? options.idempotencyPayload : command
    if (key !== undefined) {
      const first = yield* store.idempotency(key)
      if (Option.isSome(first)) return yield* firstResult(definition, stream, key, first.value, payload)
    }
    const maxAttempts = Math.max(1, options.maxAttempts ?? 5)
    /** Decides at a loaded version and appends; a concurrency conflict is answered (Left) for the caller to retry. */
    const decideAndAppend = (loaded: { readonly version: number; readonly state: S }) =>
      Effect.gen(function* () {
        const decided = definition.decider.decide(command, loaded.state)
        if (Either.isLeft(decided)) return yield* Effect.fail(decided.left)
        const now = yield* Clock.currentTimeMillis
        const prepared = yield* prepare(definition, stream, loaded, decided.right, new Date(now).toISOString())
        const appended = yield* Effect.either(
          key === undefined
            ? store.append(stream, loaded.version, prepared.newEvents, { writes: prepared.writes })
            : // the command's payload key beside the idempotency key, in the same transaction
              Effect.map(
                store.appendMany([
                  {
                    stream,
                    expectedVersion: loaded.version,
                    events: prepared.newEvents,
                    writes: prepared.writes,
                    idempotencyKey: key
                  },
                  {
                    stream: payloadStream(key),
                    expectedVersion: 0,
                    events: [],
                    idempotencyKey: payloadKey(key, payload)
                  }
                ]),
                (results) => results[0] as AppendResult
              )
        )
        if (Either.isLeft(appended)) {
          const error = appended.left
          return error instanceof ConcurrencyConflict ? Either.left(error) : yield* Effect.fail(error)
        }
        if (appended.right.duplicate && key !== undefined)
          return Either.right(yield* firstResult(definition, stream, key, appended.right, payload))
        const result: CommandResult<E, S> = {
          stream,
          events: decided.right,
          state: prepared.state,
          version: appended.right.toVersion,
          duplicate: false
        }
        return Either.right(result)
      })
    const initial = definition.decider.initialState
    if (definition.creates?.(command) === true && Either.isRight(definition.decider.decide(command, initial))) {
      // A creation: appended at version 0 without reading the stream. If the stream exists,
      // the append conflicts and nothing was written: read, decide and append as below.
      const created = yield* decideAndAppend({ version: 0, state: initial })
      if (Either.isRight(created)) return created.right
    }
    for (let attempt = 1; ; attempt++) {
      const tried = yield* decideAndAppend(yield* load(definition, id))
      if (Either.isRight(tried)) return tried.right
      if (attempt >= maxAttempts) return yield* Effect.fail(tried.left)
    }
  })

/** One new stream of {@link createTogether}: its aggregate, id and creating command. */
export interface Creation<C, E, S, Err, EI, CI> {
  readonly definition: AggregateDefinition<C, E, S, Err, EI, CI>
  readonly id: string
  readonly command: C
}

/**
 * Creates two new streams in ONE append (`EventStore.appendMany`): each command is decided on its
 * aggregate's initial state and appended at version 0, with its projections' writes. Answers
 * `None` when either stream already exists — then nothing was written, and the caller takes
 * another path (e.g. {@link handle} each); a domain refusal of either command fails as in
 * {@link handle}. No idempotency key: a retried request meets its own streams (`None`).
 */
export const createTogether = <C1, E1, S1, Err1, EI1, CI1, C2, E2, S2, Err2, EI2, CI2>(
  first: Creation<C1, E1, S1, Err1, EI1, CI1>,
  second: Creation<C2, E2, S2, Err2, EI2, CI2>
): Effect.Effect<
  Option.Option<readonly [CommandResult<E1, S1>, CommandResult<E2, S2>]>,
  Err1 | Err2 | Exclude<HandleError<never>, ConcurrencyConflict>,
  EventStore
> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const decided1 = first.definition.decider.decide(first.command, first.definition.decider.initialState)
    if (Either.isLeft(decided1)) return yield* Effect.fail(decided1.left)
    const decided2 = second.definition.decider.decide(second.command, second.definition.decider.initialState)
    if (Either.isLeft(decided2)) return yield* Effect.fail(decided2.left)
    const recordedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
    const stream1: StreamRef = { category: first.definition.category, id: first.id }
    const stream2: StreamRef = { category: second.definition.category, id: second.id }
    const prepared1 = yield* prepare(
      first.definition,
      stream1,
      { version: 0, state: first.definition.decider.initialState },
      decided1.right,
      recordedAt
    )
    const prepared2 = yield* prepare(
      second.definition,
      stream2,
      { version: 0, state: second.definition.decider.initialState },
      decided2.right,
      recordedAt
    )
    const appended = yield* Effect.either(
      store.appendMany([
        { stream: stream1, expectedVersion: 0, events: prepared1.newEvents, writes: prepared1.writes },
        { stream: stream2, expectedVersion: 0, events: prepared2.newEvents, writes: prepared2.writes }
      ])
    )
    if (Either.isLeft(appended)) {
      if (appended.left instanceof ConcurrencyConflict) return Option.none()
      return yield* Effect.fail(appended.left)
    }
    const [r1, r2] = appended.right
    return Option.some([
      {
        stream: stream1,
        events: decided1.right,
        state: prepared1.state,
        version: r1?.toVersion ?? 0,
        duplicate: false
      },
      { stream: stream2, events: decided2.right, state: prepared2.state, version: r2?.toVersion ?? 0, duplicate: false }
    ] as const)
  })

/** Decodes an unknown command with the definition's command schema, then {@link handle}s it. */
export const handleUnknown = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  id: string,
  input: unknown,
  options: HandleOptions = {}
): Effect.Effect<CommandResult<E, S>, HandleError<Err> | InvalidCommand, EventStore> => {
  const schema = definition.commandSchema
  if (schema === undefined) {
    return Effect.fail(
      new InvalidCommand({ category: definition.category, message: "the aggregate has no command schema" })
    )
  }
  return Decode.unknownEither(schema)(input).pipe(
    Either.mapLeft(
      (e) =>
        new InvalidCommand({ category: definition.category, message: ParseResult.TreeFormatter.formatErrorSync(e) })
    ),
    Effect.flatMap((command) => handle(definition, id, command, options))
  )
}
