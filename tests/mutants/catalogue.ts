/**
 * The mutants `npm run test:mutants` runs the conformance kit against: each
 * one breaks ONE rule of the port contracts (`docs/adapters.md`, "The
 * contract", numbered as the kit's test names) in a copy of an adapter's
 * source, and the kit must fail on it.
 *
 * A mutant is a list of source patches — exact text, found exactly once
 * (or at least once with `all`) in a file of its target, so a patch that
 * no longer applies after a change to the adapter is reported, not skipped:
 * - `memory`: `adapters/memory/MemoryStore.ts` and `ReadModels.ts`, a copy of
 *   `src/ports/ReadModels.ts` (the reference semantics) that only the mutated
 *   memory adapter imports — the kit keeps the original as its reference;
 * - `sql`: `adapters/sql/SqlStore.ts` and `SqlMigrations.ts`, run on SQLite
 *   (`:memory:`), for the rules that live in SQL or in the SQL store's code.
 *
 * `ci: true` marks the representative subset CI runs when the whole set is
 * asked for with `--subset=ci` (see `scripts/mutants.ts`).
 */

/** One exact-text replacement in a file of the mutant's target. */
export interface Patch {
  readonly file: "MemoryStore.ts" | "ReadModels.ts" | "SqlStore.ts" | "SqlMigrations.ts"
  readonly find: string
  readonly replace: string
  /** Replace every occurrence (default: the text must occur exactly once). */
  readonly all?: boolean
}

/** A mutant: the rule it breaks, the port, what it does, and its patches. */
export interface Mutant {
  readonly id: string
  readonly target: "memory" | "sql"
  readonly port: "EventStore" | "ReadModels" | "Outbox" | "Maintenance"
  /** The rule of docs/adapters.md it breaks. */
  readonly rule: string
  readonly description: string
  readonly patches: ReadonlyArray<Patch>
  readonly ci?: boolean
}

const m = (file: Patch["file"], find: string, replace: string, all = false): Patch =>
  all ? { file, find, replace, all } : { file, find, replace }

/** The memory adapter's query, with the conditions rewritten by `f` (an adapter translating an operator wrongly). */
const queryWith = (f: string): Patch =>
  m("MemoryStore.ts", "queryRows(snap, table, q)", `queryRows(snap, table, { ...q, where: (q.where ?? []).map(${f}) })`)

export const mutants: ReadonlyArray<Mutant> = [
  // -------------------------------------------------------------------------
  // Event store (memory)
  {
    id: "mem-version-from-0",
    target: "memory",
    port: "EventStore",
    rule: "1.1",
    description: "the first event of a stream is stored at version 0",
    patches: [
      m(
        "MemoryStore.ts",
        "        version,\n        type: e.type,",
        "        version: version - 1,\n        type: e.type,"
      )
    ]
  },
  {
    id: "mem-version-always-0",
    target: "memory",
    port: "EventStore",
    rule: "1.1",
    description: "version() answers 0 for every stream",
    patches: [
      m("MemoryStore.ts", "{ onNone: () => 0, onSome: (x) => x.version }", "{ onNone: () => 0, onSome: () => 0 }")
    ]
  },
  {
    id: "mem-read-reversed",
    target: "memory",
    port: "EventStore",
    rule: "1.2",
    description: "read answers the stream's events newest first",
    patches: [m("MemoryStore.ts", "return Effect.succeed(out)", "return Effect.succeed(out.reverse())")]
  },
  {
    id: "mem-read-drops-nulls",
    target: "memory",
    port: "EventStore",
    rule: "1.2",
    description: "read drops null fields of a payload (a lossy JSON round trip)",
    patches: [
      m(
        "MemoryStore.ts",
        "payload: JSON.parse(raw.payload) as unknown",
        "payload: JSON.parse(raw.payload, (_k, v) => (v === null ? undefined : v)) as unknown"
      )
    ]
  },
  {
    id: "mem-from-version-exclusive",
    target: "memory",
    port: "EventStore",
    rule: "1.3",
    description: "read's fromVersion is exclusive",
    patches: [m("MemoryStore.ts", "raw.version < options.fromVersion", "raw.version <= options.fromVersion")]
  },
  {
    id: "mem-to-version-exclusive",
    target: "memory",
    port: "EventStore",
    rule: "1.3",
    description: "read's toVersion is exclusive",
    patches: [m("MemoryStore.ts", "raw.version > options.toVersion", "raw.version >= options.toVersion")],
    ci: true
  },
  {
    id: "mem-stale-accepted",
    target: "memory",
    port: "EventStore",
    rule: "1.4",
    description: "an append with a stale expected version is accepted",
    patches: [
      m("MemoryStore.ts", "if (b.expectedVersion !== current.version) {", "if (b.expectedVersion > current.version) {")
    ],
    ci: true
  },
  {
    id: "mem-early-accepted",
    target: "memory",
    port: "EventStore",
    rule: "1.4",
    description: "an append with an expected version past the stream's is accepted",
    patches: [
      m("MemoryStore.ts", "if (b.expectedVersion !== current.version) {", "if (b.expectedVersion < current.version) {")
    ]
  },
  {
    id: "mem-conflict-fields-swapped",
    target: "memory",
    port: "EventStore",
    rule: "1.4",
    description: "a ConcurrencyConflict swaps expected and actual",
    patches: [
      m(
        "MemoryStore.ts",
        "new Ports.Errors.ConcurrencyConflict({ stream: name, expected: b.expectedVersion, actual: current.version })",
        "new Ports.Errors.ConcurrencyConflict({ stream: name, expected: current.version, actual: b.expectedVersion })"
      )
    ]
  },
  {
    id: "mem-result-from-version",
    target: "memory",
    port: "EventStore",
    rule: "1.5",
    description: "the AppendResult's fromVersion is the expected version",
    patches: [m("MemoryStore.ts", "fromVersion: current.version + 1,", "fromVersion: current.version,")]
  },
  {
    id: "mem-result-last-position",
    target: "memory",
    port: "EventStore",
    rule: "1.5",
    description: "an append of no events answers the head as lastPosition instead of 0",
    patches: [m("MemoryStore.ts", "lastPosition: b.events.length > 0 ? position : 0,", "lastPosition: position,")]
  },
  {
    id: "mem-lost-update",
    target: "memory",
    port: "EventStore",
    rule: "1.6",
    description: "an append reads the state, yields, then writes: concurrent appends at one version both win",
    patches: [
      m(
        "MemoryStore.ts",
        `    Effect.flatten(
      Ref.modify(
        ref,
        (
          s
        ): readonly [
          Either.Either<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError>,
          State
        ] => {
          const r = appendPure(s, batches)`,
        `    Effect.flatMap(Effect.zipLeft(Ref.get(ref), Effect.yieldNow()), (seen) => Effect.flatten(
      Ref.modify(
        ref,
        (
          s
        ): readonly [
          Either.Either<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError>,
          State
        ] => {
          const r = appendPure(seen, batches)`
      ),
      m(
        "MemoryStore.ts",
        `          return Either.isLeft(r) ? [Either.left(r.left), s] : [Either.right(r.right[0]), r.right[1]]
        }
      )
    )`,
        `          return Either.isLeft(r) ? [Either.left(r.left), s] : [Either.right(r.right[0]), r.right[1]]
        }
      )
    ))`
      )
    ],
    ci: true
  },
  {
    id: "mem-append-many-per-batch",
    target: "memory",
    port: "EventStore",
    rule: "2.2",
    description: "appendMany commits batch by batch: a failing later batch leaves the earlier ones",
    patches: [
      m(
        "MemoryStore.ts",
        `  const appendMany = (
    batches: ReadonlyArray<Ports.EventStore.AppendBatch>
  ): Effect.Effect<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError> =>
    Effect.flatten(`,
        `  const appendMany = (
    batches: ReadonlyArray<Ports.EventStore.AppendBatch>
  ): Effect.Effect<ReadonlyArray<Ports.EventStore.AppendResult>, Ports.EventStore.AppendError> =>
    batches.length > 1 ? Effect.map(Effect.forEach(batches, (b) => appendMany([b])), (rs) => rs.flat()) : Effect.flatten(`
      )
    ],
    ci: true
  },
  {
    id: "mem-failed-append-keeps-writes",
    target: "memory",
    port: "EventStore",
    rule: "2.1",
    description: "a failed append still applies its read-model writes",
    patches: [
      m(
        "MemoryStore.ts",
        `          const r = appendPure(s, batches)
          return Either.isLeft(r) ? [Either.left(r.left), s] :`,
        `          const r = appendPure(s, batches)
          return Either.isLeft(r) ? [Either.left(r.left), Either.getOrElse(applyWritesTo(s, batches.flatMap((b) => b.writes ?? [])), () => s)] :`
      )
    ],
    ci: true
  },
  {
    id: "mem-first-write-wins",
    target: "memory",
    port: "ReadModels",
    rule: "2.3",
    description: "the writes of an append are applied in reverse: the first upsert of a row wins",
    patches: [
      m(
        "MemoryStore.ts",
        "const { counters, rows } = Ports.ReadModels.coalesce(writes)",
        "const { counters, rows } = Ports.ReadModels.coalesce([...writes].reverse())"
      )
    ]
  },
  {
    id: "mem-head-off-by-one",
    target: "memory",
    port: "EventStore",
    rule: "3.1",
    description: "head answers one past the last position",
    patches: [
      m(
        "MemoryStore.ts",
        "head: Effect.map(Ref.get(ref), (s) => Chunk.size(s.events)),",
        "head: Effect.map(Ref.get(ref), (s) => Chunk.size(s.events) + 1),"
      )
    ]
  },
  {
    id: "mem-read-all-includes-after",
    target: "memory",
    port: "EventStore",
    rule: "3.2",
    description: "readAll answers the event at its position too",
    patches: [
      m(
        "MemoryStore.ts",
        "for (let i = Math.max(0, after); i < total; i++) {",
        "for (let i = Math.max(0, after - 1); i < total; i++) {"
      )
    ]
  },
  {
    id: "mem-read-all-from-start",
    target: "memory",
    port: "EventStore",
    rule: "3.2",
    description: "readAll ignores its position (a rebuild would read the same page forever)",
    patches: [
      m("MemoryStore.ts", "for (let i = Math.max(0, after); i < total; i++) {", "for (let i = 0; i < total; i++) {")
    ],
    ci: true
  },
  {
    id: "mem-read-all-no-limit",
    target: "memory",
    port: "EventStore",
    rule: "3.2",
    description: "readAll ignores its limit",
    patches: [m("MemoryStore.ts", "if (limit !== undefined && out.length >= limit) break", "if (limit === -1) break")]
  },
  {
    id: "mem-read-all-limit-counts-skipped",
    target: "memory",
    port: "EventStore",
    rule: "3.2",
    description: "readAll's limit counts the events of other categories it skipped",
    patches: [
      m(
        "MemoryStore.ts",
        "if (limit !== undefined && out.length >= limit) break",
        "if (limit !== undefined && i - Math.max(0, after) >= limit) break"
      )
    ]
  },
  {
    id: "mem-read-all-no-categories",
    target: "memory",
    port: "EventStore",
    rule: "3.2",
    description: "readAll ignores its categories",
    patches: [m("MemoryStore.ts", "if (categories !== undefined && !categories.includes(raw.category)) continue", "")]
  },
  {
    id: "mem-retry-applies-writes",
    target: "memory",
    port: "EventStore",
    rule: "4.1",
    description: "an idempotent retry applies its read-model writes again (counts double)",
    patches: [
      m(
        "MemoryStore.ts",
        `        results.push({ ...first.value, duplicate: true })
        continue`,
        `        results.push({ ...first.value, duplicate: true })
        const again = applyWritesTo(s, b.writes ?? [])
        if (Either.isRight(again)) s = again.right
        continue`
      )
    ],
    ci: true
  },
  {
    id: "mem-keys-ignored",
    target: "memory",
    port: "EventStore",
    rule: "4.1",
    description: "idempotency keys are recorded but never looked up: a retry appends again",
    patches: [
      m(
        "MemoryStore.ts",
        "const first = HashMap.get(s.keys, b.idempotencyKey)",
        "const first = Option.none<AppendResult>()"
      )
    ]
  },
  {
    id: "mem-retry-not-duplicate",
    target: "memory",
    port: "EventStore",
    rule: "4.1",
    description: "a retry answers the first result with duplicate: false",
    patches: [
      m(
        "MemoryStore.ts",
        "results.push({ ...first.value, duplicate: true })",
        "results.push({ ...first.value, duplicate: false })"
      )
    ]
  },
  {
    id: "mem-stale-retry-conflicts",
    target: "memory",
    port: "EventStore",
    rule: "4.2",
    description: "the expected version is checked before the key: a retry with a stale expected version is a conflict",
    patches: [
      m(
        "MemoryStore.ts",
        `    if (b.idempotencyKey !== undefined) {
      const first = HashMap.get(s.keys, b.idempotencyKey)`,
        `    {
      const seen = HashMap.get(s.streams, streamKey(b.stream))
      const v = Option.isSome(seen) ? seen.value.version : 0
      if (b.expectedVersion !== v)
        return Either.left(new ConcurrencyConflict({ stream: name, expected: b.expectedVersion, actual: v }))
    }
    if (b.idempotencyKey !== undefined) {
      const first = HashMap.get(s.keys, b.idempotencyKey)`
      )
    ],
    ci: true
  },
  {
    id: "mem-key-other-stream-duplicate",
    target: "memory",
    port: "EventStore",
    rule: "4.3",
    description: "a key used on another stream answers that stream's result instead of a conflict",
    patches: [
      m(
        "MemoryStore.ts",
        "if (first.value.category !== b.stream.category || first.value.streamId !== b.stream.id) {",
        "if (first.value.category !== b.stream.category && first.value.streamId !== b.stream.id) {"
      )
    ]
  },
  {
    id: "mem-key-conflict-first-stream",
    target: "memory",
    port: "EventStore",
    rule: "4.3",
    description: "an IdempotencyKeyConflict names the new stream as the first",
    patches: [
      m(
        "MemoryStore.ts",
        "firstStream: Ports.EventStore.streamName({ category: first.value.category, id: first.value.streamId })",
        "firstStream: name"
      )
    ]
  },
  {
    id: "mem-empty-append-no-key",
    target: "memory",
    port: "EventStore",
    rule: "4.4",
    description: "an append of no events does not record its key",
    patches: [
      m(
        "MemoryStore.ts",
        "keys: b.idempotencyKey !== undefined ? HashMap.set(s.keys, b.idempotencyKey, result) : s.keys",
        "keys: b.idempotencyKey !== undefined && b.events.length > 0 ? HashMap.set(s.keys, b.idempotencyKey, result) : s.keys"
      )
    ]
  },
  {
    id: "mem-idempotency-duplicate-flag",
    target: "memory",
    port: "EventStore",
    rule: "4.5",
    description: "idempotency(key) answers the recorded result with duplicate: true",
    patches: [
      m(
        "MemoryStore.ts",
        "idempotency: (key) => Effect.map(Ref.get(ref), (s) => HashMap.get(s.keys, key))",
        "idempotency: (key) => Effect.map(Ref.get(ref), (s) => Option.map(HashMap.get(s.keys, key), (r) => ({ ...r, duplicate: true })))"
      )
    ]
  },
  {
    id: "mem-failed-append-records-key",
    target: "memory",
    port: "EventStore",
    rule: "4.5",
    description: "an append that fails still records its idempotency key",
    patches: [
      m(
        "MemoryStore.ts",
        `          const r = appendPure(s, batches)
          return Either.isLeft(r) ? [Either.left(r.left), s] :`,
        `          const r = appendPure(s, batches)
          return Either.isLeft(r) ? [Either.left(r.left), { ...s, keys: batches.reduce((keys, b) => b.idempotencyKey === undefined || HashMap.has(keys, b.idempotencyKey) ? keys : HashMap.set(keys, b.idempotencyKey, { category: b.stream.category, streamId: b.stream.id, fromVersion: b.expectedVersion + 1, toVersion: b.expectedVersion + b.events.length, lastPosition: 0, duplicate: false }), s.keys) }] :`
      )
    ]
  },
  {
    id: "mem-duplicate-id-keeps-earlier-events",
    target: "memory",
    port: "EventStore",
    rule: "5.1",
    description:
      "an append failing on a later event (a duplicate id) keeps the events before it, as a store writing event by event",
    patches: [
      m(
        "MemoryStore.ts",
        `          const r = appendPure(s, batches)
          return Either.isLeft(r) ? [Either.left(r.left), s] :`,
        `          const r = appendPure(s, batches)
          if (Either.isLeft(r) && r.left._tag === "StorageError") {
            const total = batches.reduce((n, b) => n + b.events.length, 0)
            for (let keep = total - 1; keep > 0; keep--) {
              let left = keep
              const cut = batches.map((b) => {
                const events = b.events.slice(0, Math.max(0, left))
                left -= events.length
                return { ...b, events }
              }).filter((b) => b.events.length > 0)
              const partial = appendPure(s, cut)
              if (Either.isRight(partial)) return [Either.left(r.left), partial.right[1]]
            }
          }
          return Either.isLeft(r) ? [Either.left(r.left), s] :`
      )
    ],
    ci: true
  },
  {
    id: "mem-duplicate-id-later-event-unchecked",
    target: "memory",
    port: "EventStore",
    rule: "5.1",
    description: "only the first event of a batch is checked for a stored id",
    patches: [
      m(
        "MemoryStore.ts",
        "if (HashMap.has(eventIds, e.eventId)) {",
        "if (e === b.events[0] && HashMap.has(eventIds, e.eventId)) {"
      )
    ]
  },
  {
    id: "mem-duplicate-id-same-append",
    target: "memory",
    port: "EventStore",
    rule: "5.1",
    description: "an id repeated inside one append is not detected",
    patches: [
      m("MemoryStore.ts", "if (HashMap.has(eventIds, e.eventId)) {", "if (HashMap.has(s.eventIds, e.eventId)) {")
    ]
  },
  {
    id: "mem-duplicate-id-reason",
    target: "memory",
    port: "EventStore",
    rule: "5.1",
    description: "a duplicate event id fails with reason Query",
    patches: [
      m(
        "MemoryStore.ts",
        `            reason: "Constraint",
            operation: "append",
            message: \`event id`,
        `            reason: "Query",
            operation: "append",
            message: \`event id`
      )
    ]
  },
  {
    id: "mem-unencodable-reason",
    target: "memory",
    port: "EventStore",
    rule: "6.1",
    description: "a value that cannot be encoded fails with reason Query",
    patches: [
      m(
        "MemoryStore.ts",
        `new Ports.Errors.StorageError({ reason: "Constraint", operation, message: "the value is not JSON data"`,
        `new Ports.Errors.StorageError({ reason: "Query", operation, message: "the value is not JSON data"`,
        true
      )
    ]
  },
  {
    id: "mem-undefined-payload-stored",
    target: "memory",
    port: "EventStore",
    rule: "6.1",
    description: "a payload that is not JSON data (undefined) is stored as null",
    patches: [
      m(
        "MemoryStore.ts",
        `    return text === undefined
      ? Either.left(`,
        `    return text === undefined
      ? Either.right("null")
      : false
      ? Either.left(`
      )
    ]
  },
  {
    id: "mem-unencodable-row-skipped",
    target: "memory",
    port: "ReadModels",
    rule: "6.1",
    description: "a row that cannot be encoded is skipped instead of failing the append",
    patches: [
      m("MemoryStore.ts", "if (Either.isLeft(data)) return Either.left(data.left)", "if (Either.isLeft(data)) continue")
    ]
  },
  // -------------------------------------------------------------------------
  // Read models (memory)
  {
    id: "mem-upsert-keeps-index",
    target: "memory",
    port: "ReadModels",
    rule: "7.1",
    description: "replacing a row keeps its old index slots",
    patches: [
      m(
        "MemoryStore.ts",
        "HashMap.set(table, w.key, { table: w.table, key: w.key, data: data.right, index: w.index })",
        "HashMap.set(table, w.key, { table: w.table, key: w.key, data: data.right, index: Option.match(HashMap.get(table, w.key), { onNone: () => w.index, onSome: (old) => old.index }) })"
      )
    ]
  },
  {
    id: "mem-delete-ignored",
    target: "memory",
    port: "ReadModels",
    rule: "7.1",
    description: "a row delete is ignored",
    patches: [
      m(
        "MemoryStore.ts",
        "nextRows = HashMap.set(nextRows, w.table, HashMap.remove(table, w.key))",
        "nextRows = HashMap.set(nextRows, w.table, table)"
      )
    ],
    ci: true
  },
  {
    id: "mem-get-any-table",
    target: "memory",
    port: "ReadModels",
    rule: "7.1",
    description: "get finds a key in another table when its own has none",
    patches: [
      m(
        "MemoryStore.ts",
        "Option.match(Option.flatMap(HashMap.get(s.rows, table), HashMap.get(key)), {",
        'Option.match(Option.orElse(Option.flatMap(HashMap.get(s.rows, table), HashMap.get(key)), () => Option.flatMap(HashMap.get(s.rows, "t"), HashMap.get(key))), {'
      )
    ]
  },
  {
    id: "mem-lte-as-lt",
    target: "memory",
    port: "ReadModels",
    rule: "7.2",
    description: "lte drops the rows equal to the bound",
    patches: [m("ReadModels.ts", "      return cmp <= 0", "      return cmp < 0")],
    ci: true
  },
  {
    id: "mem-gte-as-gt",
    target: "memory",
    port: "ReadModels",
    rule: "7.2",
    description: "gte drops the rows equal to the bound",
    patches: [m("ReadModels.ts", "      return cmp >= 0", "      return cmp > 0")],
    ci: true
  },
  {
    id: "mem-gt-as-gte",
    target: "memory",
    port: "ReadModels",
    rule: "7.2",
    description: "gt keeps the rows equal to the bound",
    patches: [m("ReadModels.ts", "      return cmp > 0", "      return cmp >= 0")]
  },
  {
    id: "mem-lt-as-lte",
    target: "memory",
    port: "ReadModels",
    rule: "7.2",
    description: "lt keeps the rows equal to the bound",
    patches: [m("ReadModels.ts", "      return cmp < 0", "      return cmp <= 0")]
  },
  {
    id: "mem-eq-null-never",
    target: "memory",
    port: "ReadModels",
    rule: "7.2",
    description: "eq null matches no row",
    patches: [
      m(
        "ReadModels.ts",
        `  if (c.op === "eq") return v === c.value`,
        `  if (c.op === "eq") return v !== null && v === c.value`
      )
    ]
  },
  {
    id: "mem-range-matches-null",
    target: "memory",
    port: "ReadModels",
    rule: "7.2",
    description: "a range condition compares a null slot as the empty string",
    patches: [
      m(
        "ReadModels.ts",
        "  if (v === null) return false\n  const cmp = compareStrings(v, c.value)",
        '  const cmp = compareStrings(v ?? "", c.value)'
      )
    ]
  },
  {
    id: "mem-op-translated",
    target: "memory",
    port: "ReadModels",
    rule: "7.2",
    description: "the adapter translates lte to lt and gte to gt before querying",
    patches: [queryWith(`(c) => (c.op === "lte" ? { ...c, op: "lt" } : c.op === "gte" ? { ...c, op: "gt" } : c)`)]
  },
  {
    id: "mem-nulls-last",
    target: "memory",
    port: "ReadModels",
    rule: "7.3",
    description: "ordered by a slot, null slots come last",
    patches: [
      m(
        "ReadModels.ts",
        "        if (x === null) return -1\n        if (y === null) return 1",
        "        if (x === null) return 1\n        if (y === null) return -1"
      )
    ]
  },
  {
    id: "mem-order-slot-ignored",
    target: "memory",
    port: "ReadModels",
    rule: "7.3",
    description: "orderBySlot is ignored (rows by key)",
    patches: [m("ReadModels.ts", ".sort(compareRows(query.orderBySlot))", ".sort(compareRows(undefined))")]
  },
  {
    id: "mem-after-key-inclusive",
    target: "memory",
    port: "ReadModels",
    rule: "7.3",
    description: "afterKey keeps the row at the key",
    patches: [m("ReadModels.ts", "compareStrings(r.key, afterKey) > 0", "compareStrings(r.key, afterKey) >= 0")]
  },
  {
    id: "mem-limit-ignored",
    target: "memory",
    port: "ReadModels",
    rule: "7.3",
    description: "a query's limit is ignored",
    patches: [
      m(
        "ReadModels.ts",
        "return query.limit === undefined ? selected : selected.slice(0, query.limit)",
        "return selected"
      )
    ]
  },
  {
    id: "mem-limit-off-by-one",
    target: "memory",
    port: "ReadModels",
    rule: "7.3",
    description: "a query answers one row more than its limit",
    patches: [m("ReadModels.ts", "selected.slice(0, query.limit)", "selected.slice(0, query.limit + 1)")]
  },
  {
    id: "mem-no-query-check",
    target: "memory",
    port: "ReadModels",
    rule: "7.4",
    description: "queries are run without checkQuery (a bad slot answers nothing instead of InvalidQuery)",
    patches: [m("MemoryStore.ts", "const invalid = Ports.ReadModels.checkQuery(table, q)", "const invalid = undefined")]
  },
  {
    id: "mem-clear-everything",
    target: "memory",
    port: "ReadModels",
    rule: "7.5",
    description: "clear deletes every table, not only those named",
    patches: [
      m("MemoryStore.ts", "rows: HashMap.filter(s.rows, (_, t) => !tables.includes(t)),", "rows: HashMap.empty(),")
    ]
  },
  {
    id: "mem-clear-keeps-counters",
    target: "memory",
    port: "ReadModels",
    rule: "7.5",
    description: "clear leaves the counters",
    patches: [
      m(
        "MemoryStore.ts",
        "counters: HashMap.filter(s.counters, (_, c) => !counters.includes(c))",
        "counters: s.counters"
      )
    ]
  },
  {
    id: "mem-write-not-atomic",
    target: "memory",
    port: "ReadModels",
    rule: "7.5",
    description: "write applies the writes before one that fails",
    patches: [
      m(
        "MemoryStore.ts",
        "return Either.isLeft(r) ? [Either.left(r.left), s] : [Either.void, r.right]",
        `return Either.isLeft(r) ? [Either.left(r.left), Either.getOrElse(applyWritesTo(s, writes.filter((w) => { try { return w._tag !== "RowUpsert" || JSON.stringify(w.data) !== undefined } catch { return false } })), () => s)] : [Either.void, r.right]`
      )
    ]
  },
  {
    id: "mem-snapshot-no-counters",
    target: "memory",
    port: "ReadModels",
    rule: "7.5",
    description: "snapshot leaves out the counters",
    patches: [m("MemoryStore.ts", "for (const [c, m] of state.counters) counters.set(c, new Map(m))", "")]
  },
  {
    id: "mem-utf16-order",
    target: "memory",
    port: "ReadModels",
    rule: "7.6",
    description: "strings compare by UTF-16 code unit (JavaScript's <), not by code point",
    patches: [
      m(
        "ReadModels.ts",
        "export const compareStrings = (a: string, b: string): number => {\n  if (a === b) return 0",
        "export const compareStrings = (a: string, b: string): number => {\n  if (a !== b) return a < b ? -1 : 1\n  if (a === b) return 0"
      )
    ],
    ci: true
  },
  {
    id: "mem-negative-deltas-ignored",
    target: "memory",
    port: "ReadModels",
    rule: "8.1",
    description: "negative counter deltas are ignored",
    patches: [
      m(
        "MemoryStore.ts",
        "Option.getOrElse(HashMap.get(m, k), () => 0) + c.delta",
        "Option.getOrElse(HashMap.get(m, k), () => 0) + Math.max(0, c.delta)"
      )
    ]
  },
  {
    id: "mem-counter-replaced",
    target: "memory",
    port: "ReadModels",
    rule: "8.1",
    description: "a counter write replaces the value instead of adding to it",
    patches: [m("MemoryStore.ts", "Option.getOrElse(HashMap.get(m, k), () => 0) + c.delta", "c.delta")]
  },
  {
    id: "mem-counter-keys-json-order",
    target: "memory",
    port: "ReadModels",
    rule: "8.2",
    description: "counter keys are ordered by their JSON text",
    patches: [
      m(
        "ReadModels.ts",
        ".sort((a, b) => compareKeys(a.key, b.key))",
        ".sort((a, b) => compareStrings(JSON.stringify(a.key), JSON.stringify(b.key)))"
      )
    ],
    ci: true
  },
  {
    id: "mem-counter-keys-joined-order",
    target: "memory",
    port: "ReadModels",
    rule: "8.2",
    description: "counter keys are ordered by their elements joined with a space",
    patches: [
      m(
        "ReadModels.ts",
        ".sort((a, b) => compareKeys(a.key, b.key))",
        '.sort((a, b) => compareStrings(a.key.join(" "), b.key.join(" ")))'
      )
    ]
  },
  {
    id: "mem-counter-prefix-first-only",
    target: "memory",
    port: "ReadModels",
    rule: "8.2",
    description: "a counter prefix matches on its first element only",
    patches: [
      m(
        "ReadModels.ts",
        ".filter((c) => prefix.every((p, i) => c.key[i] === p))",
        ".filter((c) => prefix.every((p, i) => i > 0 || c.key[i] === p))"
      )
    ]
  },
  {
    id: "mem-counter-zero-dropped",
    target: "memory",
    port: "ReadModels",
    rule: "8.3",
    description: "a counter key at zero is not read",
    patches: [
      m(
        "ReadModels.ts",
        ".filter((c) => prefix.every((p, i) => c.key[i] === p))",
        ".filter((c) => c.value !== 0 && prefix.every((p, i) => c.key[i] === p))"
      )
    ],
    ci: true
  },
  // -------------------------------------------------------------------------
  // Outbox (memory)
  {
    id: "mem-pending-ignores-checkpoint",
    target: "memory",
    port: "Outbox",
    rule: "9.1",
    description: "pending answers from the start, not after the checkpoint",
    patches: [
      m(
        "MemoryStore.ts",
        "          Option.getOrElse(HashMap.get(s.checkpoints, relay), () => 0),\n          limit,",
        "          0,\n          limit,"
      )
    ],
    ci: true
  },
  {
    id: "mem-pending-no-limit",
    target: "memory",
    port: "Outbox",
    rule: "9.1",
    description: "pending ignores its limit",
    patches: [m("MemoryStore.ts", "          limit,\n          undefined", "          undefined,\n          undefined")]
  },
  {
    id: "mem-acknowledge-backwards",
    target: "memory",
    port: "Outbox",
    rule: "9.2",
    description: "acknowledge moves the checkpoint back",
    patches: [
      m(
        "MemoryStore.ts",
        "          Math.max(\n            position,",
        "          ((p: number, _old: number) => p)(\n            position,"
      )
    ]
  },
  {
    id: "mem-one-checkpoint",
    target: "memory",
    port: "Outbox",
    rule: "9.2",
    description: "all relays share one checkpoint",
    patches: [
      m("MemoryStore.ts", "HashMap.get(s.checkpoints, relay)", 'HashMap.get(s.checkpoints, "*")', true),
      m("MemoryStore.ts", "          s.checkpoints,\n          relay,", '          s.checkpoints,\n          "*",')
    ]
  },
  {
    id: "mem-lease-always",
    target: "memory",
    port: "Outbox",
    rule: "9.3",
    description: "tryLease grants every caller",
    patches: [
      m(
        "MemoryStore.ts",
        "HashMap.has(held, relay) ? [false, held] : [true, HashMap.set(held, relay, true as const)]",
        "[true, HashMap.set(held, relay, true as const)]"
      )
    ],
    ci: true
  },
  {
    id: "mem-lease-never-released",
    target: "memory",
    port: "Outbox",
    rule: "9.3",
    description: "a lease is not released when its scope closes",
    patches: [
      m(
        "MemoryStore.ts",
        "(acquired) => (acquired ? Ref.update(leases, HashMap.remove(relay)) : Effect.void)",
        "() => Effect.void"
      )
    ]
  },
  {
    id: "mem-lease-shared",
    target: "memory",
    port: "Outbox",
    rule: "9.3",
    description: "one lease for all relays",
    patches: [m("MemoryStore.ts", "HashMap.has(held, relay) ? [false, held]", "HashMap.size(held) > 0 ? [false, held]")]
  },
  // -------------------------------------------------------------------------
  // Maintenance and errors (memory)
  {
    id: "mem-reset-keeps-keys",
    target: "memory",
    port: "Maintenance",
    rule: "10.1",
    description: "reset keeps the idempotency keys",
    patches: [
      m(
        "MemoryStore.ts",
        "reset: Effect.zipRight(Ref.set(ref, empty),",
        "reset: Effect.zipRight(Ref.update(ref, (s) => ({ ...empty, keys: s.keys })),"
      )
    ],
    ci: true
  },
  {
    id: "mem-reset-keeps-checkpoints",
    target: "memory",
    port: "Maintenance",
    rule: "10.1",
    description: "reset keeps the relays' checkpoints",
    patches: [
      m(
        "MemoryStore.ts",
        "reset: Effect.zipRight(Ref.set(ref, empty),",
        "reset: Effect.zipRight(Ref.update(ref, (s) => ({ ...empty, checkpoints: s.checkpoints })),"
      )
    ]
  },
  {
    id: "mem-read-all-skips-corrupt",
    target: "memory",
    port: "EventStore",
    rule: "11.2",
    description: "readAll skips an event that does not parse",
    patches: [
      m(
        "MemoryStore.ts",
        "      if (Either.isLeft(e)) return Either.left(e.left)\n      out.push(e.right)",
        "      if (Either.isLeft(e)) continue\n      out.push(e.right)"
      )
    ]
  },
  {
    id: "mem-corrupt-defect",
    target: "memory",
    port: "EventStore",
    rule: "11.2",
    description: "read answers an event that does not parse as a defect",
    patches: [
      m(
        "MemoryStore.ts",
        "if (Either.isLeft(e)) return Effect.fail(e.left)",
        "if (Either.isLeft(e)) return Effect.die(e.left)"
      )
    ],
    ci: true
  },
  {
    id: "mem-corrupt-names-position",
    target: "memory",
    port: "EventStore",
    rule: "11.2",
    description: "a CorruptEvent names the position instead of the version",
    patches: [
      m(
        "MemoryStore.ts",
        "        version: raw.version,\n        message: `the payload is not JSON",
        "        version: raw.position,\n        message: `the payload is not JSON"
      )
    ]
  },
  // -------------------------------------------------------------------------
  // The SQL store (on SQLite)
  {
    id: "sql-no-transaction",
    target: "sql",
    port: "EventStore",
    rule: "2.1",
    description: "an append's statements run without a transaction",
    patches: [
      m(
        "SqlStore.ts",
        `            sql.withTransaction(
              appendTx(batches, Option.isNone(Context.getOption(context, SqlClient.TransactionConnection)))
            )`,
        `            appendTx(batches, Option.isNone(Context.getOption(context, SqlClient.TransactionConnection)))`
      )
    ],
    ci: true
  },
  {
    id: "sql-stale-retry-conflicts",
    target: "sql",
    port: "EventStore",
    rule: "4.2",
    description: "the expected version is checked before the key: a retry with a stale expected version is a conflict",
    patches: [
      m(
        "SqlStore.ts",
        `          if (b.idempotencyKey !== undefined) {
            const first = known.get(b.idempotencyKey)`,
        `          if (!versions.has(streamKey(b.stream))) {
            const v = yield* currentVersion(b.stream)
            if (v !== b.expectedVersion) return yield* new ConcurrencyConflict({ stream: name, expected: b.expectedVersion, actual: v })
          }
          if (b.idempotencyKey !== undefined) {
            const first = known.get(b.idempotencyKey)`
      )
    ],
    ci: true
  },
  {
    id: "sql-retry-applies-writes",
    target: "sql",
    port: "EventStore",
    rule: "4.1",
    description: "an idempotent retry applies its read-model writes again",
    patches: [
      m(
        "SqlStore.ts",
        `              results.push({ ...first, duplicate: true })
              continue`,
        `              results.push({ ...first, duplicate: true })
              if (b.writes !== undefined) for (const w of b.writes) writes.push(w)
              continue`
      )
    ],
    ci: true
  },
  {
    id: "sql-head-not-given-back",
    target: "sql",
    port: "EventStore",
    rule: "3.1",
    description: "positions reserved for a duplicate's events are not given back (a gap)",
    patches: [m("SqlStore.ts", "if (used !== total) {", "if (used === -1) {")]
  },
  {
    id: "sql-read-to-version-exclusive",
    target: "sql",
    port: "EventStore",
    rule: "1.3",
    description: "read's toVersion is exclusive (version < toVersion)",
    patches: [m("SqlStore.ts", "sql`AND version <= ${opts.toVersion}`", "sql`AND version < ${opts.toVersion}`")]
  },
  {
    id: "sql-new-stream-no-check",
    target: "sql",
    port: "EventStore",
    rule: "1.4",
    description: "an append at version 0 to an existing stream is not answered as a conflict",
    patches: [m("SqlStore.ts", "if (inserted.length !== newStreams.length) {", "if (inserted.length === -1) {")]
  },
  {
    id: "sql-read-all-includes-after",
    target: "sql",
    port: "EventStore",
    rule: "3.2",
    description: "readAll answers the event at its position too (position >= after)",
    patches: [m("SqlStore.ts", "WHERE position > ${after}", "WHERE position >= ${after}")]
  },
  {
    id: "sql-event-id-not-unique",
    target: "sql",
    port: "EventStore",
    rule: "5.1",
    description: "the events table has no unique event id",
    patches: [m("SqlMigrations.ts", "event_id ${text} NOT NULL UNIQUE,", "event_id ${text} NOT NULL,")],
    ci: true
  },
  {
    id: "sql-unencodable-reason",
    target: "sql",
    port: "EventStore",
    rule: "6.1",
    description: "a value that cannot be encoded fails with reason Query",
    patches: [
      m(
        "SqlStore.ts",
        `new Ports.Errors.StorageError({ reason: "Constraint", operation, message: "the value is not JSON data" })`,
        `new Ports.Errors.StorageError({ reason: "Query", operation, message: "the value is not JSON data" })`
      )
    ]
  },
  {
    id: "sql-upsert-keeps-index",
    target: "sql",
    port: "ReadModels",
    rule: "7.1",
    description: "an upsert of an existing row updates its data, not its slots",
    patches: [
      m(
        "SqlStore.ts",
        `"ON CONFLICT (tbl, key) DO UPDATE SET data = excluded.data, i0 = excluded.i0, i1 = excluded.i1, i2 = excluded.i2, i3 = excluded.i3"`,
        `"ON CONFLICT (tbl, key) DO UPDATE SET data = excluded.data"`
      )
    ]
  },
  {
    id: "sql-lte-as-lt",
    target: "sql",
    port: "ReadModels",
    rule: "7.2",
    description: "lte is translated to <",
    patches: [m("SqlStore.ts", "return sql`${col} <= ${c.value}`", "return sql`${col} < ${c.value}`")],
    ci: true
  },
  {
    id: "sql-gte-as-gt",
    target: "sql",
    port: "ReadModels",
    rule: "7.2",
    description: "gte is translated to >",
    patches: [m("SqlStore.ts", "return sql`${col} >= ${c.value}`", "return sql`${col} > ${c.value}`")]
  },
  {
    id: "sql-eq-null",
    target: "sql",
    port: "ReadModels",
    rule: "7.2",
    description: "eq null is translated to = NULL (matches nothing)",
    patches: [m("SqlStore.ts", "sql`${col} IS NULL`", "sql`${col} = NULL`")]
  },
  {
    id: "sql-nulls-last",
    target: "sql",
    port: "ReadModels",
    rule: "7.3",
    description: "ordered by a slot, nulls come last",
    patches: [m("SqlStore.ts", "ASC NULLS FIRST, key ASC", "ASC NULLS LAST, key ASC")]
  },
  {
    id: "sql-after-key-inclusive",
    target: "sql",
    port: "ReadModels",
    rule: "7.3",
    description: "afterKey is translated to key >=",
    patches: [m("SqlStore.ts", "sql`key > ${q.afterKey}`", "sql`key >= ${q.afterKey}`")]
  },
  {
    id: "sql-counter-replaced",
    target: "sql",
    port: "ReadModels",
    rule: "8.1",
    description: "a counter upsert replaces the value instead of adding to it",
    patches: [
      m(
        "SqlStore.ts",
        "DO UPDATE SET value = cityhall_counters.value + excluded.value",
        "DO UPDATE SET value = excluded.value"
      )
    ],
    ci: true
  },
  {
    id: "sql-counter-keys-text-order",
    target: "sql",
    port: "ReadModels",
    rule: "8.2",
    description: "counter keys are ordered by their stored JSON text",
    patches: [
      m(
        "SqlStore.ts",
        ".sort((a, b) => Ports.ReadModels.compareKeys(a.key, b.key))",
        ".sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1))"
      )
    ]
  },
  {
    id: "sql-acknowledge-backwards",
    target: "sql",
    port: "Outbox",
    rule: "9.2",
    description: "acknowledge overwrites the checkpoint, also backwards",
    patches: [
      m(
        "SqlStore.ts",
        `ON CONFLICT (relay) DO UPDATE SET position = CASE WHEN excluded.position > cityhall_relays.position
              THEN excluded.position ELSE cityhall_relays.position END`,
        "ON CONFLICT (relay) DO UPDATE SET position = excluded.position"
      )
    ]
  },
  {
    id: "sql-lease-ignores-holder",
    target: "sql",
    port: "Outbox",
    rule: "9.3",
    description: "the row lease is taken whoever holds it",
    patches: [
      m(
        "SqlStore.ts",
        "WHERE relay = ${relay} AND (holder IS NULL OR lease_until < ${now}) RETURNING relay",
        "WHERE relay = ${relay} RETURNING relay"
      )
    ],
    ci: true
  },
  {
    id: "sql-reset-keeps-keys",
    target: "sql",
    port: "Maintenance",
    rule: "10.1",
    description: "reset leaves the idempotency keys",
    patches: [m("SqlStore.ts", "              sql`DELETE FROM cityhall_idempotency`,\n", "")]
  },
  {
    id: "sql-corrupt-names-position",
    target: "sql",
    port: "EventStore",
    rule: "11.2",
    description: "a CorruptEvent names the position instead of the version",
    patches: [m("SqlStore.ts", `      version: Number(o["version"])`, `      version: Number(o["position"])`)]
  }
]
