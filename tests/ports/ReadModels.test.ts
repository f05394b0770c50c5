import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { Ports } from "../../src/index.js"

const { applyWrites, coalesce, compareStrings, emptySnapshot, normalise, queryRows } = Ports.ReadModels

const value = fc.constantFrom("a", "b", "c", null)
const write: fc.Arbitrary<Ports.ReadModels.Write> = fc.oneof(
  fc
    .record({
      table: fc.constantFrom("t", "u"),
      key: fc.constantFrom("1", "2", "3"),
      data: fc.jsonValue({ maxDepth: 2 }),
      index: fc.tuple(value, value, value, value)
    })
    .map((r) => ({ _tag: "RowUpsert" as const, ...r })),
  fc
    .record({ table: fc.constantFrom("t", "u"), key: fc.constantFrom("1", "2", "3") })
    .map((r) => ({ _tag: "RowDelete" as const, ...r })),
  fc
    .record({
      counter: fc.constantFrom("c", "d"),
      key: fc.array(fc.constantFrom("x", "y"), { maxLength: 2 }),
      delta: fc.integer({ min: -5, max: 5 })
    })
    .map((r) => ({ _tag: "CounterIncrement" as const, ...r }))
)

describe("ReadModels reference semantics", () => {
  it.prop(
    "coalesced writes have the effect of the writes one by one",
    [fc.array(write, { maxLength: 30 })],
    ([writes]) => {
      const oneByOne = writes.reduce((s, w) => applyWrites(s, [w]), emptySnapshot)
      const { counters, rows } = coalesce(writes)
      expect(normalise(applyWrites(emptySnapshot, [...rows, ...counters]))).toEqual(normalise(oneByOne))
    }
  )

  it.prop(
    "strings are ordered by code point, as UTF-8 bytes are",
    [fc.fullUnicodeString(), fc.fullUnicodeString()],
    ([a, b]) => {
      const bytes = Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))
      expect(Math.sign(compareStrings(a, b))).toBe(bytes)
    }
  )

  it("queries: a range never matches a null, nulls order first", () => {
    const s = applyWrites(emptySnapshot, [
      { _tag: "RowUpsert", table: "t", key: "a", data: 1, index: [null, "2021-01", null, null] },
      { _tag: "RowUpsert", table: "t", key: "b", data: 2, index: [null, null, null, null] }
    ])
    expect(queryRows(s, "t", { where: [{ slot: 1, op: "lte", value: "2099" }] }).map((r) => r.key)).toEqual(["a"])
    expect(queryRows(s, "t", { orderBySlot: 1 }).map((r) => r.key)).toEqual(["b", "a"])
  })
})
