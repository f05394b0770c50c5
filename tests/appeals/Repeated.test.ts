/** Repeated appeals detected over the applicant's earlier appeals, never merged; the applicant keys they are found by. */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Redacted } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as ApplicantRecords from "../../src/appeals/ApplicantRecords.js"
import * as Repeated from "../../src/appeals/Repeated.js"
import type { Topic } from "../../src/appeals/index.js"
import type { AppealId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import { runs } from "../support/runs.js"
import { register } from "./helpers.js"

const ROOF = "0005.0005.0056.1134" as Topic.TopicCode
const ROADS = "0003.0009.0097.0651" as Topic.TopicCode
const day = Period.unsafeDay
const person = (name: string, postal?: string, email?: string) =>
  new Appeal.Applicant({
    name: Redacted.make(name),
    ...(postal === undefined ? {} : { postalAddress: Redacted.make(postal) }),
    ...(email === undefined ? {} : { email: Redacted.make(email) })
  })
const ivanova = person("Иванова Мария Петровна", "680000, г. Хабаровск, ул. Муравьёва-Амурского, д. 1, кв. 2")
const earlier = (
  id: string,
  applicant: Appeal.Applicant | undefined,
  over: Partial<Repeated.Earlier> = {}
): Repeated.Earlier => ({
  appealId: id as AppealId,
  applicant,
  topics: [ROOF],
  outcome: "answered",
  closedOn: day("2021-02-10"),
  ...over
})

describe("Repeated: the same applicant, the same question, answered before", () => {
  it("the same citizen written differently (case, ё, punctuation, spaces) on the same topic, answered: repeated, linked", () => {
    const again = register("2021-03-01", {
      applicant: person("ИВАНОВА  Мария Петровна", "680000 г Хабаровск ул Муравьева-Амурского д 1 кв 2")
    })
    const marked = Repeated.mark(again, [earlier("a-1", ivanova)], day("2021-03-01"))
    expect([marked.kind, marked.relatedAppeals]).toEqual(["repeated", ["a-1"]])
    // never merged: the same appeal, text and topics; only its kind and links changed
    expect([marked.appealId, marked.text, marked.topics, marked._tag]).toEqual([
      again.appealId,
      again.text,
      again.topics,
      "RegisterAppeal"
    ])
  })

  it("by e-mail instead of the postal address; a collective appeal becomes collectiveRepeated", () => {
    const byMail = person("Иванова Мария Петровна", undefined, "Ivanova@Example.RU")
    const again = register("2021-03-01", {
      applicant: person("Иванова Мария Петровна", undefined, "ivanova@example.ru"),
      kind: "collective"
    })
    expect(Repeated.mark(again, [earlier("a-1", byMail)], day("2021-03-01")).kind).toBe("collectiveRepeated")
  })

  it("not repeated: another topic, not answered on the merits, answered later, another person, an anonymous appeal", () => {
    const again = register("2021-03-01", { applicant: ivanova })
    for (const e of [
      earlier("a-1", ivanova, { topics: [ROADS] }),
      earlier("a-2", ivanova, { outcome: "forwardedByCompetence" }),
      earlier("a-3", ivanova, { outcome: undefined, closedOn: undefined }),
      earlier("a-4", ivanova, { closedOn: day("2021-03-02") }),
      earlier("a-5", person("Иванова Мария Петровна", "680000, г. Хабаровск, ул. Ленина, д. 5")),
      earlier("a-6", person("Петрова Мария Петровна", "680000, г. Хабаровск, ул. Муравьёва-Амурского, д. 1, кв. 2")),
      earlier("a-7", undefined)
    ])
      expect(Repeated.mark(again, [e], day("2021-03-01"))).toBe(again)
    const anonymous = register("2021-03-01")
    const { applicant: _a, ...rest } = anonymous
    expect(
      Repeated.repeats(new AppealCommand.RegisterAppeal(rest), [earlier("a-1", ivanova)], day("2021-03-01"))
    ).toEqual([])
  })

  const variant = (s: string) =>
    fc.tuple(fc.boolean(), fc.boolean(), fc.constantFrom(" ", "  ", ", ")).map(([upper, yo, sep]) => {
      const t = upper ? s.toUpperCase() : s
      return (yo ? t : t.replace(/ё/g, "е").replace(/Ё/g, "Е")).split(" ").join(sep)
    })
  const names = fc.constantFrom("Иванова Мария Петровна", "Пётр Семёнов", "Ким Ён Хо", "Сидоров Иван")
  const addresses = fc.constantFrom("ул. Муравьёва-Амурского, д. 1", "ул. Ленина, д. 5", "пер. Тихий, 3")
  const earlierOf = fc.record({
    name: names,
    address: addresses,
    topic: fc.constantFrom(ROOF, ROADS),
    answered: fc.boolean(),
    closed: fc.integer({ min: -20, max: 20 })
  })

  it.prop(
    "the links are exactly the earlier appeals of the same normalised name and address, same main topic, answered by the day; the rest of the appeal is unchanged",
    [names, addresses, fc.constantFrom(ROOF, ROADS), fc.array(earlierOf, { maxLength: 8 }), fc.gen()],
    ([name, address, topic, es, g]) => {
      const on = day("2021-03-01")
      const appeal = register("2021-03-01", {
        applicant: person(
          g(() => variant(name)),
          g(() => variant(address))
        ),
        topics: [topic]
      })
      const list = es.map((e, i) =>
        earlier(`e-${i}`, person(e.name, e.address), {
          topics: [e.topic],
          outcome: e.answered ? "answered" : "leftWithoutAnswerAbusive",
          closedOn: Period.addDays(on, e.closed)
        })
      )
      const expected = es.flatMap((e, i) =>
        e.name === name && e.address === address && e.topic === topic && e.answered && e.closed <= 0 ? [`e-${i}`] : []
      )
      const marked = Repeated.mark(appeal, list, on)
      expect(marked.relatedAppeals).toEqual(expected)
      expect(marked.kind).toBe(expected.length > 0 ? "repeated" : "individual")
      const { kind: _k, relatedAppeals: _r, ...rest } = marked
      const { kind: _k2, relatedAppeals: _r2, ...before } = appeal
      expect(rest).toEqual(before)
    },
    { fastCheck: { numRuns: runs(200) } }
  )
})

describe("ApplicantRecords: the applicant keys repeated-appeal detection searches by", () => {
  it("bucket is the 64-bit FNV-1a hash of the UTF-8 bytes (the published test vectors), 16 hex digits", () => {
    expect(ApplicantRecords.bucket("")).toBe("cbf29ce484222325")
    expect(ApplicantRecords.bucket("a")).toBe("af63dc4c8601ec8c")
    expect(ApplicantRecords.bucket("foobar")).toBe("85944171f73967e8")
    // a Cyrillic letter is two bytes, a letter outside the BMP four: the same as hashing its UTF-8 encoding
    for (const s of ["ё", "Иванова", "𝔸"]) {
      let h = 0xcbf29ce484222325n
      for (const b of new TextEncoder().encode(s)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn
      expect(ApplicantRecords.bucket(s)).toBe(h.toString(16).padStart(16, "0"))
    }
  })

  it("no keys for an anonymous appeal, one without a name or with a name of punctuation only; keys hold no text in clear", () => {
    expect(ApplicantRecords.keysOf(undefined)).toEqual([])
    expect(ApplicantRecords.keysOf(new Appeal.Applicant({ postalAddress: Redacted.make("ул. Ленина, 5") }))).toEqual([])
    expect(ApplicantRecords.keysOf(person("—", "ул. Ленина, 5", "a@example.ru"))).toEqual([])
    const keys = ApplicantRecords.keysOf(person("Иванова Мария", "ул. Ленина, 5", "a@example.ru"))
    expect(keys.map((k) => k.slice(0, 2))).toEqual(["p:", "e:"])
    for (const k of keys) expect(k).toMatch(/^[pe]:[0-9a-f]{16}$/)
  })

  const spelling = (s: string) =>
    fc
      .tuple(fc.boolean(), fc.boolean(), fc.constantFrom(" ", "  ", ", ", " - ", ". "))
      .map(([upper, yo, sep]) =>
        (yo ? s : s.replace(/ё/g, "е").replace(/Ё/g, "Е")).split(" ").join(sep)[upper ? "toUpperCase" : "toLowerCase"]()
      )
  const applicantOf = fc
    .tuple(
      fc.constantFrom("Иванова Мария Петровна", "Пётр Семёнов", "Ким Ён Хо"),
      fc.option(fc.constantFrom("ул. Муравьёва-Амурского, д. 1", "ул. Ленина, д. 5"), { nil: undefined }),
      fc.option(fc.constantFrom("ivanova@example.ru", "IVANOVA@example.ru", "kim@example.ru"), { nil: undefined })
    )
    .chain(([name, postal, email]) =>
      fc
        .tuple(spelling(name), postal === undefined ? fc.constant(undefined) : spelling(postal))
        .map(([n, p]) => person(n, p, email))
    )

  it.prop(
    "two applicants Repeated.sameApplicant matches share a key, whatever the spelling (so the index finds every earlier appeal)",
    [applicantOf, applicantOf],
    ([a, b]) => {
      const shared = ApplicantRecords.keysOf(a).some((k) => ApplicantRecords.keysOf(b).includes(k))
      if (Repeated.sameApplicant(a, b)) expect(shared).toBe(true)
      // and the keys are a function of the normalised text: the same applicant spelt the same way, the same keys
      expect(ApplicantRecords.keysOf(a)).toEqual(
        ApplicantRecords.keysOf(
          person(
            Redacted.value(a.name!),
            a.postalAddress === undefined ? undefined : Redacted.value(a.postalAddress),
            a.email === undefined ? undefined : Redacted.value(a.email)
          )
        )
      )
    },
    { fastCheck: { numRuns: runs(300) } }
  )
})
