import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Topic from "../../src/appeals/Topic.js"
import * as A from "../../src/testing/AppealsArbitraries.js"

const code = (s: string) => Either.getOrThrow(Topic.parseTopicCode(s))

describe("the typical classifier", () => {
  it("ships the five sections with their Russian names", () => {
    expect(["0001", "0002", "0003", "0004", "0005"].map((c) => Topic.nameOf(Topic.typical, code(c)))).toEqual([
      "Государство, общество, политика",
      "Социальная сфера",
      "Экономика",
      "Оборона, безопасность, законность",
      "Жилищно-коммунальная сфера"
    ])
    expect(Topic.typical.depth).toBe(2)
  })

  it("accepts question-level codes under a known theme group, rejects others with a typed error naming the level", () => {
    expect(Topic.validateAppealTopic(Topic.typical, code("0005.0005.0056.1134"))).toEqual(
      Either.right("0005.0005.0056.1134")
    )
    expect(Topic.validateAppealTopic(Topic.typical, code("0005.0099.0001.0001"))).toMatchObject({
      left: { _tag: "UnknownTopic", unknownAt: 2 }
    })
    expect(Topic.validateAppealTopic(Topic.typical, code("0009.0001.0001.0001"))).toMatchObject({
      left: { _tag: "UnknownTopic", unknownAt: 1 }
    })
    fc.assert(fc.property(A.appealTopic(), (c) => Either.isRight(Topic.validateAppealTopic(Topic.typical, c))))
  })

  it("validates the shape of codes", () => {
    for (const bad of ["5.5.56.1134", "0005.0005", "0005.0005.0056.1134.0001.0001", "0005-0005-0056-1134", ""]) {
      expect(Either.isLeft(Topic.parseAppealTopic(bad)), bad).toBe(true)
    }
    expect(Either.isRight(Topic.parseAppealTopic("0005.0005.0056.1134.0001"))).toBe(true)
  })

  it("atLevel truncates to any level; level 1 is the section", () => {
    fc.assert(
      fc.property(A.appealTopic(), fc.constantFrom<Topic.TopicLevel>(1, 2, 3, 4, 5), (c, l) => {
        const a = Topic.atLevel(c, l)
        expect(Topic.levelOf(a)).toBe(Math.min(l, Topic.levelOf(c)))
        expect(c.startsWith(a)).toBe(true)
      })
    )
  })
})

describe("a full classifier loaded as data", () => {
  const data = {
    source: "классификатор администрации",
    complete: true,
    entries: [
      { code: "0005", name: "Жилищно-коммунальная сфера" },
      { code: "0005.0005", name: "Жилище" },
      { code: "0005.0005.0056", name: "Жилищный фонд" },
      { code: "0005.0005.0056.1134", name: "Ремонт жилья" }
    ]
  }
  it("validates exact codes", () => {
    const c = Either.getOrThrow(Topic.fromData(data))
    expect(Either.isRight(Topic.validateAppealTopic(c, code("0005.0005.0056.1134")))).toBe(true)
    expect(Topic.validateAppealTopic(c, code("0005.0005.0056.1135"))).toMatchObject({
      left: { _tag: "UnknownTopic", unknownAt: 4 }
    })
    fc.assert(fc.property(A.appealTopic(c), (t) => t === "0005.0005.0056.1134"))
  })
  it("rejects bad data with a typed error naming the place", () => {
    expect(Topic.fromData({ ...data, entries: [...data.entries, { code: "0005.0005", name: "дубль" }] })).toMatchObject(
      { left: { reason: "duplicateCode", path: "entries[4].code" } }
    )
    expect(Topic.fromData({ ...data, entries: [{ code: "0001.0002", name: "без раздела" }] })).toMatchObject({
      left: { reason: "missingParent" }
    })
    expect(Topic.fromData({ ...data, entries: [{ code: "1.2", name: "x" }] })).toMatchObject({
      left: { reason: "decode", path: "entries.0.code" }
    })
  })
})
