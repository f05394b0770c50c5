/** Decoding outside data never throws: a value that cannot be read as text is a ParseError at its path. */
import { Either, FastCheck as fc, ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Decode from "../../src/kernel/Decode.js"
import { runs } from "../support/runs.js"

const Shape = Schema.Union(
  Schema.TaggedStruct("A", { n: Schema.Number }),
  Schema.TaggedStruct("B", { inner: Schema.Union(Schema.TaggedStruct("C", {}), Schema.TaggedStruct("D", {})) })
)
const decode = Decode.unknownEither(Shape)

describe("Decode.unknownEither", () => {
  it("the plain decoder throws on {toString: []} as a tag (why this module exists); ours names the field", () => {
    const input = { _tag: { toString: [] } }
    expect(() => Schema.decodeUnknownEither(Shape)(input)).toThrow(TypeError)
    const r = decode(input)
    expect(Either.isLeft(r)).toBe(true)
    if (Either.isLeft(r)) {
      const [issue] = ParseResult.ArrayFormatter.formatErrorSync(r.left)
      expect(issue?.path).toEqual(["_tag"])
      expect(issue?.message).toMatch(/read as text/)
    }
  })

  it("a nested unreadable tag is named by its whole path", () => {
    const r = decode({ _tag: "B", inner: { _tag: { toString: 1, valueOf: 1 } } })
    expect(Either.isLeft(r) && ParseResult.ArrayFormatter.formatErrorSync(r.left)[0]?.path).toEqual(["inner", "_tag"])
  })

  it("property: any JSON with unreadable objects planted anywhere decodes to Right or Left, never throws", () => {
    const unreadable = fc.constantFrom<unknown>(
      { toString: [] },
      { toString: 1, valueOf: 1 },
      { valueOf: {}, toString: null }
    )
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue(),
        unreadable,
        fc.record({ _tag: fc.oneof(fc.constantFrom("A", "B", "C"), unreadable), n: tie("node"), inner: tie("node") })
      )
    })).node
    fc.assert(
      fc.property(value, (v) => {
        const r = decode(v)
        expect(Either.isLeft(r) || Either.isRight(r)).toBe(true)
        if (Decode.unreadablePath(v) === undefined) expect(r).toEqual(Schema.decodeUnknownEither(Shape)(v))
      }),
      { numRuns: runs(1000) }
    )
  })

  it("unreadablePath: undefined exactly when every value of the JSON converts to text; else the path of one that does not", () => {
    // the reference: try the conversion on every object (JSON itself can carry {"toString": ""}, which does not convert)
    const readable = (v: unknown): boolean => {
      if (typeof v !== "object" || v === null) return true
      try {
        String(v)
      } catch {
        return false
      }
      return Object.values(v).every(readable)
    }
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const path = Decode.unreadablePath(v)
        expect(path === undefined).toBe(readable(v))
        if (path !== undefined) {
          let at: unknown = v
          for (const k of path) at = (at as Record<PropertyKey, unknown>)[k]
          expect(() => String(at)).toThrow(TypeError)
        }
      }),
      {
        numRuns: runs(500)
      }
    )
    expect(Decode.unreadablePath([1, { a: { toString: [] } }])).toEqual([1, "a"])
    expect(Decode.unreadablePath({ toString: [] })).toEqual([])
    expect(Decode.unreadablePath(JSON.parse('{"a": {"toString": ""}}'))).toEqual(["a"])
    expect(Decode.unreadablePath({ a: [1, "x"], toString: "a string, not a function" })).toEqual([])
  })
})
