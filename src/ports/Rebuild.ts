/**
 * Projection rebuild from the event log: clears the projections' tables and
 * counters, then replays every event after position 0 through the same pure
 * projection functions the command handler uses. The result must equal the
 * incrementally maintained read models (a conformance property).
 *
 * @example
 * ```ts
 * import { Ports } from "cityhall"
 * import { Ledger } from "cityhall/testing"
 *
 * const program = Ports.Rebuild.rebuild([Ledger.definition]) // Effect<{ events: number }, ..., EventStore | ReadModels>
 * ```
 *
 * @module
 */
import { Effect, Either } from "effect"
import { type AnyAggregate, decodeEvent } from "./Aggregate.js"
import { project } from "./CommandHandler.js"
import { type CorruptEvent, type EncodeError, StorageError } from "./Errors.js"
import { EventStore, type StoredEvent } from "./EventStore.js"
import { ReadModels, type Write } from "./ReadModels.js"

/**
 * A stateful projector over the global log: feed it stored events in
 * position order and it answers their writes. Events of categories with no
 * definition are skipped.
 */
export const makeProjector = (definitions: ReadonlyArray<AnyAggregate>) => {
  const byCategory = new Map<string, AnyAggregate>(definitions.map((d) => [d.category, d]))
  const states = new Map<string, unknown>()
  return (stored: StoredEvent): Either.Either<ReadonlyArray<Write>, CorruptEvent | EncodeError> => {
    const definition = byCategory.get(stored.category)
    if (definition === undefined) return Either.right([])
    const decoded = decodeEvent(definition, stored)
    if (Either.isLeft(decoded)) return Either.left(decoded.left)
    const key = JSON.stringify([stored.category, stored.streamId])
    const before = states.has(key) ? states.get(key) : definition.decider.initialState
    const projected = project(
      definition,
      {
        eventId: stored.eventId,
        stream: { category: stored.category, id: stored.streamId },
        version: stored.version,
        type: stored.type,
        event: decoded.right,
        recordedAt: stored.recordedAt
      },
      before
    )
    if (Either.isLeft(projected)) return Either.left(projected.left)
    states.set(key, projected.right.after)
    return Either.right(projected.right.writes)
  }
}

/** The tables and counters owned by the definitions' projections. */
export const ownedBy = (
  definitions: ReadonlyArray<AnyAggregate>
): { readonly tables: ReadonlyArray<string>; readonly counters: ReadonlyArray<string> } => {
  const tables = new Set<string>()
  const counters = new Set<string>()
  for (const d of definitions) {
    for (const p of d.projections ?? []) {
      for (const t of p.tables) tables.add(t.name)
      for (const c of p.counters) counters.add(c.name)
    }
  }
  return { tables: [...tables], counters: [...counters] }
}

/**
 * Rebuilds the read models of the definitions from the event log, a page at
 * a time (`batchSize` events per read-model transaction, default 1000).
 */
export const rebuild = (
  definitions: ReadonlyArray<AnyAggregate>,
  options: { readonly batchSize?: number } = {}
): Effect.Effect<{ readonly events: number }, StorageError | CorruptEvent | EncodeError, EventStore | ReadModels> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const readModels = yield* ReadModels
    const batchSize = Math.max(1, options.batchSize ?? 1000)
    const categories = definitions.map((d) => d.category)
    yield* readModels.clear(ownedBy(definitions))
    const projector = makeProjector(definitions)
    let after = 0
    let count = 0
    for (;;) {
      const page = yield* store.readAll(after, { limit: batchSize, categories })
      if (page.length === 0) break
      // a store answering events at or before `after` would make this loop read the same page forever
      const behind = page.find((e, i) => e.position <= (i === 0 ? after : (page[i - 1]?.position ?? after)))
      if (behind !== undefined) {
        return yield* new StorageError({
          reason: "Query",
          operation: "readAll",
          message: `readAll(${after}) answered the event at position ${behind.position} (${behind.eventId}): a store answers only events after the position, in position order`
        })
      }
      const writes: Array<Write> = []
      for (const e of page) writes.push(...(yield* projector(e)))
      yield* readModels.write(writes)
      count += page.length
      after = page[page.length - 1]?.position ?? after
    }
    return { events: count }
  })
