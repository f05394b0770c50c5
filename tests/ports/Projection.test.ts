import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Layer, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as Projection from "../../src/ports/Projection.js"
import { StorageError } from "../../src/ports/Errors.js"
import { coalesce, ReadModels } from "../../src/ports/ReadModels.js"
import { runs } from "../support/runs.js"

const Items = Projection.table({
  name: "projection_items",
  schema: Schema.Struct({ division: Schema.String, day: Schema.String, note: Schema.String }),
  indexed: ["division", "day"]
})

const items = Array.from({ length: 12 }, (_, i) => ({
  key: `k-${String(i).padStart(2, "0")}`,
  row: { division: i % 3 === 0 ? "d-1" : "d-2", day: `2021-03-${String(28 - i).padStart(2, "0")}`, note: `n${i}` }
}))

const seed = Effect.flatMap(ReadModels, (rm) =>
  Effect.flatMap(Projection.compile(items.map((x) => Projection.upsert(Items, x.key, x.row))), (writes) =>
    rm.write(writes)
  )
)

/** Every number that is not a positive integer a store can bind: 0, -0, negatives, fractions, NaN, infinities, past 2^53 - 1. */
const invalidLimit = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 1,
    1e300
  ),
  fc.integer({ max: 0 }),
  fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.double({ min: Number.MAX_SAFE_INTEGER + 1, noNaN: true })
)
/** Positive integers, small ones (within and past the 12 rows) often. */
const validLimit = fc.oneof(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }))

const shape = fc.record(
  {
    division: fc.constantFrom("d-1", "d-2"),
    orderBy: fc.constant("day" as const),
    afterKey: fc.constantFrom("k-01", "k-05")
  },
  { requiredKeys: [] }
)
const typed = (s: {
  readonly division?: string
  readonly orderBy?: "day"
  readonly afterKey?: string
}): Projection.Query<"division" | "day"> => ({
  ...(s.division !== undefined ? { where: { division: s.division } } : {}),
  ...(s.orderBy !== undefined ? { orderBy: s.orderBy } : {}),
  ...(s.afterKey !== undefined ? { afterKey: s.afterKey } : {})
})

/** Queries a caller got wrong in another way (as an untyped caller can), with the field the error must name. */
const otherInvalid: fc.Arbitrary<readonly [string, Projection.Query<"division" | "day">]> = fc
  .constantFrom<readonly [string, unknown]>(
    ["where.note", { where: { note: "n1" } }],
    ["where.division", { where: { division: 5 } }],
    ["where.division", { where: { division: ["d-1"] } }],
    ["where.day.gte", { where: { day: { gte: 20210301 } } }],
    ["where.day.eq", { where: { day: { eq: "2021-03-01" } } }],
    ["orderBy", { orderBy: "note" }],
    ["afterKey", { afterKey: 3 }],
    ["where", { where: "division" }]
  )
  .map(([field, q]) => [field, q as unknown as Projection.Query<"division" | "day">] as const)

const stores = [
  ["memory", MemoryStore.layer],
  ["sqlite", SqliteStore.layerForTesting({ filename: ":memory:" })]
] as const

for (const [name, layer] of stores) {
  describe(`Projection.query on the ${name} store`, () => {
    it.layer(layer)((it) => {
      it.effect.prop(
        "an invalid limit is an InvalidQuery naming the limit (not a StorageError)",
        [invalidLimit, shape],
        ([limit, s]) =>
          Effect.gen(function* () {
            yield* seed
            const answer = yield* Effect.either(Projection.query(Items, { ...typed(s), limit }))
            expect(Either.isLeft(answer) && answer.left._tag).toBe("InvalidQuery")
            if (Either.isLeft(answer) && answer.left._tag === "InvalidQuery") {
              expect(answer.left.table).toBe("projection_items")
              expect(answer.left.field).toBe("limit")
              expect(answer.left.message).toContain(`limit ${String(limit)}`)
            }
          }),
        { fastCheck: { numRuns: runs(60) } }
      )

      it.effect.prop(
        "a valid limit answers the first rows of the same query without one",
        [validLimit, shape],
        ([limit, s]) =>
          Effect.gen(function* () {
            yield* seed
            const all = yield* Projection.query(Items, typed(s))
            const limited = yield* Projection.query(Items, { ...typed(s), limit })
            expect(limited).toEqual(all.slice(0, limit))
            expect(all.length).toBeGreaterThan(0)
          }),
        { fastCheck: { numRuns: runs(60) } }
      )

      it.effect.prop(
        "another query the caller got wrong is an InvalidQuery naming the field, never a StorageError or a silently wider answer",
        [otherInvalid],
        ([[field, q]]) =>
          Effect.gen(function* () {
            yield* seed
            const answer = yield* Effect.either(Projection.query(Items, q))
            expect(Either.isLeft(answer) && answer.left._tag).toBe("InvalidQuery")
            if (Either.isLeft(answer) && answer.left._tag === "InvalidQuery") expect(answer.left.field).toBe(field)
          }),
        { fastCheck: { numRuns: runs(20) } }
      )
    })
  })
}

describe("Projection.query before the store", () => {
  // a store that is down: every operation fails as storage does
  const down = new StorageError({ reason: "Connection", operation: "query", message: "the store is down" })
  const unavailable = Layer.succeed(ReadModels, {
    get: () => Effect.fail(down),
    query: () => Effect.fail(down),
    counters: () => Effect.fail(down),
    write: () => Effect.fail(down),
    clear: () => Effect.fail(down),
    snapshot: Effect.fail(down)
  })

  it.effect.prop(
    "a query the caller got wrong is refused before the store is asked: InvalidQuery even when the store is down",
    [
      fc.oneof(
        invalidLimit.map((limit) => ["limit", { limit }] as const),
        otherInvalid
      )
    ],
    ([[field, q]]) =>
      Effect.gen(function* () {
        const answer = yield* Effect.either(Projection.query(Items, q as Projection.Query<"division" | "day">))
        expect(Either.isLeft(answer) && answer.left._tag).toBe("InvalidQuery")
        if (Either.isLeft(answer) && answer.left._tag === "InvalidQuery") expect(answer.left.field).toBe(field)
      }).pipe(Effect.provide(unavailable)),
    { fastCheck: { numRuns: runs(60) } }
  )

  it.effect("a valid query on a store that is down is the store's StorageError", () =>
    Effect.gen(function* () {
      const answer = yield* Effect.either(
        Projection.query(Items, { where: { division: "d-1" }, orderBy: "day", limit: 3 })
      )
      expect(answer).toEqual(Either.left(down))
    }).pipe(Effect.provide(unavailable))
  )
})

describe("Projection.compileLatest", () => {
  const Count = Projection.counter({ name: "projection_count", dimensions: ["division"] })
  const Flaky = Projection.table({
    name: "projection_flaky",
    schema: Schema.Struct({ n: Schema.Number.pipe(Schema.int()) }),
    indexed: []
  })
  // an upsert of a few keys of two tables (one whose rows may not encode: a fraction), a delete, or a counter
  const update = fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 }))
      .map(([k, note]) => Projection.upsert(Items, `k-${k}`, { division: "d-1", day: "2021-03-01", note })),
    fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(0.5)))
      .map(([k, n]) => Projection.upsert(Flaky, `f-${k}`, { n })),
    fc.integer({ min: 0, max: 3 }).map((k) => Projection.remove(Items, `k-${k}`)),
    fc
      .tuple(fc.constantFrom("d-1", "d-2"), fc.integer({ min: -2, max: 3 }))
      .map(([division, delta]) => Projection.increment(Count, { division }, delta))
  )
  const appendsArb = fc.array(fc.array(update, { maxLength: 6 }), { maxLength: 5 })
  const rowOf = (u: Projection.Update) => (u._tag === "CounterIncrement" ? undefined : `${u.table}/${u.key}`)
  const encodes = (u: Projection.Update) => u._tag !== "PendingUpsert" || Either.isRight(u.encode())

  it.prop(
    "stores what compiling every append stores: the same counters per append, the same net rows",
    [appendsArb],
    ([appends]) => {
      const each = Either.all(appends.map((a) => Projection.compile(a)))
      fc.pre(Either.isRight(each))
      const latest = Projection.compileLatest(appends)
      expect(Either.isRight(latest)).toBe(true)
      if (Either.isLeft(latest) || Either.isLeft(each)) return
      expect(latest.right.length).toBe(appends.length)
      latest.right.forEach((writes, a) =>
        expect(writes.filter((w) => w._tag === "CounterIncrement")).toEqual(
          each.right[a]!.filter((w) => w._tag === "CounterIncrement")
        )
      )
      expect(coalesce(latest.right.flat())).toEqual(coalesce(each.right.flat()))
    },
    { fastCheck: { numRuns: runs(200) } }
  )

  it.prop(
    "encodes each row once at most, its last write, and fails naming the append of a last write that does not encode",
    [appendsArb],
    ([appends]) => {
      let encoded = 0
      const counted = appends.map((a) =>
        a.map(
          (u): Projection.Update => (u._tag === "PendingUpsert" ? { ...u, encode: () => (encoded++, u.encode()) } : u)
        )
      )
      const last = new Map<string, Projection.Update>()
      for (const u of counted.flat()) {
        const row = rowOf(u)
        if (row !== undefined) last.set(row, u)
      }
      const latest = Projection.compileLatest(counted)
      expect(encoded).toBeLessThanOrEqual([...last.values()].filter((u) => u._tag === "PendingUpsert").length)
      const failing = [...last.values()].filter((u) => !encodes(u))
      expect(Either.isLeft(latest)).toBe(failing.length > 0)
      if (Either.isLeft(latest)) {
        expect(latest.left.error._tag).toBe("EncodeError")
        expect(counted[latest.left.append]!.some((u) => failing.includes(u))).toBe(true)
      } else expect(latest.right.flat().filter((w) => w._tag !== "CounterIncrement").length).toBe(last.size)
    },
    { fastCheck: { numRuns: runs(200) } }
  )
})
