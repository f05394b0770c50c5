import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { Appeals, Ids } from "../../src/index.js"

const pairs = Object.entries(Ids).filter(([name]) => name.endsWith("FromString")) as Array<
  [string, (s: string) => Either.Either<string, Ids.MalformedId>]
>

describe("Ids", () => {
  it("every id has a FromString companion", () => {
    const schemas = Object.keys(Ids).filter((k) => k.endsWith("Id") && k !== "MalformedId")
    expect(schemas.length).toBeGreaterThan(20)
    for (const s of schemas) expect(pairs.map(([n]) => n)).toContain(`${s}FromString`)
  })

  it.prop(
    "well-formed strings parse to themselves",
    [fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)],
    ([s]) => {
      for (const [, parse] of pairs) expect(parse(s)).toStrictEqual(Either.right(s))
    }
  )

  it.each(["", " economy", "эконом", "a/b", "x".repeat(129), "-lead", "a b"])(
    "%j is a typed MalformedId naming the kind, for every kind of id",
    (s) => {
      for (const [name, parse] of pairs) {
        const r = parse(s)
        expect(Either.isLeft(r)).toBe(true)
        if (Either.isLeft(r)) {
          expect(r.left._tag).toBe("MalformedId")
          expect(r.left.kind).toBe(name.slice(0, -"FromString".length))
          expect(r.left.input).toBe(s)
        }
      }
    }
  )

  const idSchemas = Object.entries(Ids).filter(([k]) => k.endsWith("Id") && k !== "MalformedId") as Array<
    [string, Schema.Schema<string, string>]
  >
  it.prop(
    "every id Schema round-trips (decode after encode is the identity)",
    [
      fc
        .constantFrom(...idSchemas)
        .chain(([name, schema]) => fc.tuple(fc.constant(name), fc.constant(schema), Arbitrary.make(schema)))
    ],
    ([[, schema, id]]) => {
      expect(Schema.decodeUnknownSync(schema)(Schema.encodeSync(schema)(id))).toBe(id)
    }
  )

  it('a table keyed by "__proto__" is refused by name, not silently emptied (found by the Counts round-trip property)', () => {
    const decoded = Schema.decodeUnknownEither(Appeals.Analysis.Counts)(JSON.parse('{"__proto__":0,"written":3}'))
    expect(Either.isLeft(decoded)).toBe(true)
    if (Either.isLeft(decoded)) expect(String(decoded.left.message)).toContain("__proto__")
  })

  it.prop(
    "every other string is a table key that survives a JSON round trip",
    [fc.string().filter((k) => k !== "__proto__"), fc.nat()],
    ([k, n]) => {
      const counts = Schema.decodeUnknownSync(Appeals.Analysis.Counts)(JSON.parse(JSON.stringify({ [k]: n })))
      expect(Object.entries(counts)).toEqual([[k, n]])
    }
  )
})
