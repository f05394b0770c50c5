import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { Elections, Period } from "../../src/index.js"
import type { Ids } from "../../src/index.js"
import * as A from "../../src/testing/ElectionsArbitraries.js"

const { Phrase, Rule } = Elections

describe("canonical Russian wordings", () => {
  const cases: ReadonlyArray<readonly [Elections.Rule.Rule, string]> = [
    [Rule.notLaterThanBefore(40, Rule.votingDay()), "не позднее чем за 40 дней до дня голосования"],
    [
      Rule.withinDaysFrom(10, Rule.callingPublished),
      "в течение 10 дней со дня официального опубликования решения о назначении выборов"
    ],
    [Rule.notLaterThanBefore(1, Rule.votingDay("first")), "не позднее чем за 1 день до первого дня голосования"],
    [Rule.notEarlierThanBefore(2, Rule.votingDay()), "не ранее чем за 2 дня до дня голосования"],
    [Rule.notEarlierThanBefore(5, Rule.votingDay()), "не ранее чем за 5 дней до дня голосования"],
    [Rule.notLaterThanBefore(21, Rule.votingDay()), "не позднее чем за 21 день до дня голосования"],
    [Rule.fromDayOf(Rule.callingPublished), "со дня официального опубликования решения о назначении выборов"],
    [Rule.fromDayOf(Rule.votingDay("first")), "с первого дня голосования"],
    [
      Rule.withinDaysFrom(3, Rule.task("polling-station-lists" as Ids.TaskId)),
      "в течение 3 дней со дня выполнения мероприятия «polling-station-lists»"
    ],
    [Rule.withinDaysFrom(1, Rule.votingDay()), "в течение 1 дня со дня голосования"],
    [Rule.withinDaysFrom(21, Rule.votingDay()), "в течение 21 дня со дня голосования"]
  ]
  for (const [rule, words] of cases) {
    it(`renders and parses «${words}»`, () => {
      expect(Phrase.render(rule)).toBe(words)
      expect(Phrase.parse(words)).toStrictEqual(Either.right(rule))
    })
  }
})

describe("number agreement", () => {
  it("за N день / дня / дней", () => {
    const table: ReadonlyArray<readonly [number, string]> = [
      [1, "день"],
      [2, "дня"],
      [3, "дня"],
      [4, "дня"],
      [5, "дней"],
      [11, "дней"],
      [12, "дней"],
      [14, "дней"],
      [21, "день"],
      [22, "дня"],
      [25, "дней"],
      [40, "дней"],
      [101, "день"],
      [111, "дней"],
      [112, "дней"],
      [122, "дня"]
    ]
    for (const [n, w] of table) expect(`${n} ${Phrase.daysAccusative(n)}`).toBe(`${n} ${w}`)
  })
  it("в течение N дня / дней", () => {
    expect([1, 2, 5, 11, 21, 40].map((n) => `${n} ${Phrase.daysGenitive(n)}`)).toStrictEqual([
      "1 дня",
      "2 дней",
      "5 дней",
      "11 дней",
      "21 дня",
      "40 дней"
    ])
  })
  it("parsing accepts every form of the noun", () => {
    for (const noun of ["день", "дня", "дней"]) {
      expect(Phrase.parse(`не позднее чем за 21 ${noun} до дня голосования`)).toStrictEqual(
        Either.right(Rule.notLaterThanBefore(21, Rule.votingDay()))
      )
    }
  })
})

describe("lenient parsing of the commissions' writing", () => {
  it("letter case, spaces, a comma before «чем», a final full stop", () => {
    expect(Phrase.parse("  Не  позднее, чем за 40 дней до дня голосования. ")).toStrictEqual(
      Either.right(Rule.notLaterThanBefore(40, Rule.votingDay()))
    )
  })
  it("«(публикации)» and «с» for «со»", () => {
    expect(
      Phrase.parse("в течение 10 дней с дня официального опубликования (публикации) решения о назначении выборов")
    ).toStrictEqual(Either.right(Rule.withinDaysFrom(10, Rule.callingPublished)))
  })
  it("«последнего дня голосования» is the last voting day", () => {
    expect(Phrase.parse("не ранее чем за 5 дней до последнего дня голосования")).toStrictEqual(
      Either.right(Rule.notEarlierThanBefore(5, Rule.votingDay("last")))
    )
  })
})

describe("phrases not understood: a typed error pointing at the words", () => {
  it("a number in words", () => {
    const phrase = "не позднее чем за сорок дней до дня голосования"
    const r = Phrase.parse(phrase)
    expect(Either.isLeft(r)).toBe(true)
    if (Either.isLeft(r)) {
      expect(r.left._tag).toBe("PhraseNotUnderstood")
      expect(r.left.offset).toBe(phrase.indexOf("сорок"))
      expect(r.left.fragment).toBe("сорок дней до дня голосования")
    }
  })
  it("an unknown anchor phrase", () => {
    const phrase = "не позднее чем за 5 дней до дня регистрации кандидата"
    const r = Phrase.parse(phrase)
    expect(Either.isLeft(r) && r.left.offset).toBe(phrase.indexOf("регистрации"))
    expect(Either.isLeft(r) && r.left.fragment).toBe("регистрации кандидата")
  })
  it("trailing words", () => {
    const phrase = "со дня голосования включительно"
    const r = Phrase.parse(phrase)
    expect(Either.isLeft(r) && r.left.fragment).toBe("включительно")
    expect(Either.isLeft(r) && r.left.expected).toStrictEqual(["the end of the phrase"])
  })
  it("a number out of range, an empty phrase, a bad task id", () => {
    expect(Either.isLeft(Phrase.parse("не позднее чем за 0 дней до дня голосования"))).toBe(true)
    expect(Either.isLeft(Phrase.parse("не позднее чем за 1000 дней до дня голосования"))).toBe(true)
    const empty = Phrase.parse("")
    expect(Either.isLeft(empty) && empty.left.offset).toBe(0)
    const bad = Phrase.parse("со дня выполнения мероприятия «плохой id»")
    expect(Either.isLeft(bad) && bad.left.fragment).toBe("плохой id»")
  })
})

describe("render then parse is the identity on rules", () => {
  it.prop("parse(render(rule)) = rule", [A.rule], ([rule]) => {
    expect(Phrase.parse(Phrase.render(rule))).toStrictEqual(Either.right(rule))
  })
  it.prop("render(parse(render(rule))) = render(rule)", [A.rule], ([rule]) => {
    const words = Phrase.render(rule)
    expect(Either.map(Phrase.parse(words), Phrase.render)).toStrictEqual(Either.right(words))
  })
})

describe("rules written in words, as Schemas", () => {
  const decodeRule = Schema.decodeUnknownEither(Phrase.RuleFromPhrase)
  const decodeTiming = Schema.decodeUnknownEither(Phrase.TimingFromPhrase)
  it("the issue's wordings decode to their rules and encode back", () => {
    expect(decodeRule("не позднее чем за 40 дней до дня голосования")).toStrictEqual(
      Either.right(Rule.notLaterThanBefore(40, Rule.votingDay()))
    )
    expect(
      decodeRule("в течение 10 дней со дня официального опубликования решения о назначении выборов")
    ).toStrictEqual(Either.right(Rule.withinDaysFrom(10, Rule.callingPublished)))
    expect(Schema.encodeSync(Phrase.RuleFromPhrase)(Rule.notLaterThanBefore(40, Rule.votingDay()))).toBe(
      "не позднее чем за 40 дней до дня голосования"
    )
  })
  it("a phrase not understood fails decoding with the words not understood", () => {
    const r = decodeRule("не позднее чем за сорок дней до дня голосования")
    expect(Either.isLeft(r) && r.left.message).toContain('not understood at offset 18: "сорок дней до дня голосования"')
    const anchored = decodeRule("не позднее чем за 5 дней до дня регистрации кандидата")
    expect(Either.isLeft(anchored) && anchored.left.message).toContain('"регистрации кандидата"')
  })
  it("a timing is a phrase or a fixed date YYYY-MM-DD", () => {
    expect(decodeTiming("2021-08-01")).toStrictEqual(Either.right(Rule.fixedDate(Period.unsafeDay("2021-08-01"))))
    expect(Either.isLeft(decodeTiming("2021-02-30"))).toBe(true)
    expect(decodeTiming("со дня голосования")).toStrictEqual(Either.right(Rule.fromDayOf(Rule.votingDay())))
    expect(Schema.encodeSync(Phrase.TimingFromPhrase)(Rule.fixedDate(Period.unsafeDay("2021-08-01")))).toBe(
      "2021-08-01"
    )
  })
  it.prop("decode(encode(timing)) = timing", [A.timing], ([timing]) => {
    expect(decodeTiming(Schema.encodeSync(Phrase.TimingFromPhrase)(timing))).toStrictEqual(Either.right(timing))
  })
})
