/**
 * The search port's pure parts: a user's query becomes normalised words or
 * a refusal naming `q` (search syntax never reaches an engine), and the
 * matching rule reads text and query alike (case, `ё`, punctuation).
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Ports } from "../../src/index.js"
import { runs } from "../support/runs.js"

const { checkSearch, matches, normalise, parseQuery, words } = Ports.Search

// strings rich in what matters: letters of both scripts, ё, digits, separators and search syntax
const chars = fc.constantFrom(..."абвгдеёжзЁЛКАabcXYZ019 ,.-/\n\t\"'*()^:{}[]&|!<>+\\~@№")
const text = fc.oneof(fc.string(), fc.stringOf(chars, { maxLength: 40 }), fc.fullUnicodeString({ maxLength: 30 }))

describe("Ports.Search.parseQuery", () => {
  it("answers normalised single words the ports accept, or a refusal naming q", () =>
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          text.map((t) => `${t} NEAR ${t}`)
        ),
        (q) => {
          const r = parseQuery(q)
          if (Either.isLeft(r)) {
            expect(r.left).toMatch(/^q: /)
            return
          }
          for (const t of r.right) expect(t).toMatch(/^[\p{L}\p{N}]+$/u)
          expect(checkSearch({ terms: r.right, personal: false })).toBeUndefined()
          expect(r.right.length).toBeLessThanOrEqual(Ports.Search.maxTerms)
          expect(/["'*()^:{}[\]&|!<>+\\~]/.test(q)).toBe(false)
          expect(q.split(/\s+/).some((w) => ["AND", "OR", "NOT", "NEAR"].includes(w))).toBe(false)
        }
      ),
      { numRuns: runs(500) }
    ))

  it("worked examples", () => {
    expect(parseQuery("Яма на ДОРОГЕ, ул. Ленина 5")).toStrictEqual(
      Either.right(["яма", "на", "дороге", "ул", "ленина", "5"])
    )
    expect(parseQuery("ёлка ivanov@mail.ru")).toStrictEqual(Either.right(["елка", "ivanov", "mail", "ru"]))
    for (const q of [
      "",
      " ",
      '"яма"',
      "яма*",
      "(яма)",
      "яма NEAR двор",
      "яма AND двор",
      "a".repeat(201),
      "на у",
      "1 2"
    ])
      expect(Either.isLeft(parseQuery(q)), q).toBe(true)
    expect(parseQuery("яма near двор")).toStrictEqual(Either.right(["яма", "near", "двор"]))
  })
})

describe("Ports.Search.matches", () => {
  it("normalise is idempotent, and a document matches its own words however they are written", () =>
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(normalise(normalise(a))).toBe(normalise(a))
        const doc = { public: normalise(a), personal: normalise(b) }
        const own = words(a)
        if (own.length > 0) expect(matches(doc, { terms: own, personal: false })).toBe(true)
        const theirs = words(b)
        if (theirs.length > 0) {
          expect(matches(doc, { terms: theirs, personal: true })).toBe(true)
          expect(matches(doc, { terms: theirs, personal: false })).toBe(theirs.every((t) => own.includes(t)))
        }
        expect(matches({ public: a.toUpperCase(), personal: "" }, { terms: words(a), personal: false })).toBe(
          words(a.toUpperCase()).join(" ") === words(a).join(" ")
        )
      }),
      { numRuns: runs(300) }
    ))

  it("whole words only: свет is not светофор", () => {
    const doc = { public: normalise("Светофор на перекрёстке"), personal: "" }
    expect(matches(doc, { terms: ["свет"], personal: false })).toBe(false)
    expect(matches(doc, { terms: ["светофор", "перекрестке"], personal: false })).toBe(true)
  })
})
