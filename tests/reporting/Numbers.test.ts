import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Schema } from "effect"
import { Reporting } from "../../src/index.js"

const { Lexicon, Numbers, Plural } = Reporting

const appealRu = { one: "обращение", few: "обращения", many: "обращений", other: "обращения" }

describe("Plural", () => {
  it.each([
    [1, "обращение"],
    [5, "обращений"],
    [11, "обращений"],
    [21, "обращение"],
    [22, "обращения"],
    [111, "обращений"],
    [11384, "обращения"],
    [1.5, "обращения"],
    [0, "обращений"]
  ] as const)("ru %d -> %s", (n, word) => {
    expect(Plural.plural("ru", n, appealRu)).toBe(word)
  })

  it("English has one and other", () => {
    expect(Plural.plural("en", 1, { one: "appeal", other: "appeals" })).toBe("appeal")
    expect(Plural.plural("en", 0, { one: "appeal", other: "appeals" })).toBe("appeals")
    expect(Plural.plural("en", 1.5, { one: "appeal", other: "appeals" })).toBe("appeals")
  })

  it("the printed fraction digits decide the category", () => {
    expect(Plural.category("ru", 1)).toBe("one")
    expect(Plural.category("ru", 1, { fractionDigits: 1 })).toBe("other")
    expect(Lexicon.countWith("ru", 1, { fractionDigits: 1 }, Lexicon.appeal)).toBe("1,0 обращения")
  })

  it.prop("matches Intl.PluralRules for integers 0..10^7", [fc.integer({ min: 0, max: 10_000_000 })], ([n]) => {
    const ru = new Intl.PluralRules("ru").select(n)
    expect(Plural.category("ru", n)).toBe(ru)
    const expected = ru === "one" ? "обращение" : ru === "few" ? "обращения" : ru === "many" ? "обращений" : "обращения"
    expect(Plural.plural("ru", n, appealRu)).toBe(expected)
    expect(Plural.category("en", n)).toBe(new Intl.PluralRules("en").select(n))
  })

  it.prop("Russian categories follow the last two digits", [fc.integer({ min: 0, max: 10_000_000 })], ([n]) => {
    const d = n % 10,
      dd = n % 100
    const expected = d === 1 && dd !== 11 ? "one" : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? "few" : "many"
    expect(Plural.category("ru", n)).toBe(expected)
  })
})

describe("Lexicon", () => {
  it.each([
    [161, [Lexicon.person], "161 человек"],
    [11384, [Lexicon.appeal], "11\u202f384 обращения"],
    [145, [Lexicon.oral, Lexicon.appeal], "145 устных обращений"],
    [1, [Lexicon.appeal], "1 обращение"],
    [5, [Lexicon.appeal], "5 обращений"],
    [3780, [Lexicon.written], "3780 письменных"],
    [7459, [Lexicon.electronic], "7459 электронных"],
    [21, [Lexicon.appeal], "21 обращение"],
    [22, [Lexicon.appeal], "22 обращения"],
    [111, [Lexicon.appeal], "111 обращений"],
    [1.5, [Lexicon.appeal], "1,5 обращения"],
    [21, [Lexicon.written, Lexicon.appeal], "21 письменное обращение"],
    [2, [Lexicon.person], "2 человека"],
    [1.5, [Lexicon.written, Lexicon.appeal], "1,5 письменного обращения"]
  ] as const)("ru %d", (n, words, text) => {
    expect(Lexicon.count("ru", n, ...words)).toBe(text)
  })

  it.each([
    [161, [Lexicon.person], "161 people"],
    [1, [Lexicon.person], "1 person"],
    [11384, [Lexicon.appeal], "11,384 appeals"],
    [145, [Lexicon.oral, Lexicon.appeal], "145 oral appeals"],
    [1, [Lexicon.oral, Lexicon.appeal], "1 oral appeal"]
  ] as const)("en %d", (n, words, text) => {
    expect(Lexicon.count("en", n, ...words)).toBe(text)
  })
})

describe("Numbers: formatting", () => {
  it("writes numbers by the one rule of each language: Russian groups five digits and more with U+202F, English groups four and more with commas", () => {
    expect(Numbers.formatNumber("ru", 11384)).toBe("11\u202f384")
    expect(Numbers.formatNumber("ru", 3780)).toBe("3780")
    expect(Numbers.formatNumber("en", 3780)).toBe("3,780")
    expect(Numbers.formatNumber("en", 11384)).toBe("11,384")
    expect(Numbers.formatNumber("ru", 1234567)).toBe("1\u202f234\u202f567")
    expect(Numbers.formatNumber("ru", 3780, { grouping: true })).toBe("3\u202f780")
    expect(Numbers.formatNumber("en", 1234567.5)).toBe("1,234,567.5")
    expect(Numbers.formatNumber("en", 999)).toBe("999")
    expect(Numbers.formatNumber("ru", 2.8)).toBe("2,8")
    expect(Numbers.formatNumber("ru", -0.5)).toBe("\u22120,5")
    expect(Numbers.formatNumber("en", -0.5)).toBe("-0.5")
    expect(Numbers.formatNumber("ru", -0)).toBe("0")
    expect(Numbers.formatNumber("ru", Number.NaN)).toBe("—")
    expect(Numbers.formatNumber("en", 1e21)).toBe("1,000,000,000,000,000,000,000")
    expect(Numbers.formatNumber("en", 1.5e-7)).toBe("0.00000015")
  })

  it("rounds half away from zero on the decimal, not the binary value", () => {
    expect(Numbers.formatNumber("en", 1.005, { fractionDigits: 2 })).toBe("1.01")
    expect(Numbers.formatNumber("en", 2.675, { fractionDigits: 2 })).toBe("2.68")
    expect(Numbers.formatNumber("en", -2.5, { fractionDigits: 0 })).toBe("-3")
    expect(Numbers.formatNumber("en", 2.5, { fractionDigits: 0 })).toBe("3")
    expect(Numbers.formatNumber("en", 0.1 + 0.2, { fractionDigits: 1 })).toBe("0.3")
    expect(Numbers.formatNumber("en", -0.04, { fractionDigits: 1 })).toBe("0.0")
    expect(Numbers.formatNumber("ru", 7, { fractionDigits: 2 })).toBe("7,00")
  })

  it("percents: a space before % in Russian, none in English", () => {
    expect(Numbers.formatPercent("ru", 0.028)).toBe("2,8 %")
    expect(Numbers.formatPercent("en", 0.028)).toBe("2.8%")
    expect(Numbers.formatPercent("ru", 0.975)).toBe("97,5 %")
    expect(Numbers.formatPercent("en", 0.00125, { fractionDigits: 2 })).toBe("0.13%")
    expect(Numbers.formatShare("ru", 3780, 11384)).toBe("33,2 %")
    expect(Numbers.formatShare("en", 1, 8, { fractionDigits: 1 })).toBe("12.5%")
    expect(Numbers.formatShare("en", 1, 0)).toBe("—")
  })
})

describe("Numbers: percent change", () => {
  it("the worked examples", () => {
    const up = Numbers.percentChange(11072, 11384)
    expect(up).toStrictEqual(new Numbers.Increase({ tenths: 28 }))
    expect(Numbers.formatChange("ru", up)).toBe("+2,8 %")
    expect(Numbers.formatChange("en", up)).toBe("+2.8%")
    expect(Numbers.describeChange("ru", up)).toBe("увеличилось на 2,8 %")
    expect(Numbers.describeChange("en", up)).toBe("increased by 2.8%")

    const down = Numbers.percentChange(328, 161)
    expect(down).toStrictEqual(new Numbers.Decrease({ tenths: 509 }))
    expect(Numbers.formatChange("ru", down)).toBe("\u221250,9 %")
    expect(Numbers.describeChange("ru", down)).toBe("уменьшилось на 50,9 %")
    expect(Numbers.describeChange("en", down)).toBe("decreased by 50.9%")
    expect(Numbers.changeValue(down)).toBe(-50.9)

    const same = Numbers.percentChange(100, 100)
    expect(same._tag).toBe("Unchanged")
    expect(Numbers.describeChange("ru", same)).toBe("не изменилось")
    expect(Numbers.formatChange("en", same)).toBe("0.0%")
    expect(Numbers.percentChange(0, 0)._tag).toBe("Unchanged")

    const none = Numbers.percentChange(0, 7)
    expect(none._tag).toBe("NoBase")
    expect(Numbers.formatChange("ru", none)).toBe("—")
    expect(Numbers.changeValue(none)).toBeUndefined()
    expect(Numbers.percentChange(Number.NaN, 7)._tag).toBe("NoBase")
    expect(Numbers.percentChange(1, Number.POSITIVE_INFINITY)._tag).toBe("NoBase")
  })

  it("rounds the exact ratio half away from zero", () => {
    expect(Numbers.percentChange(2000, 2001)).toStrictEqual(new Numbers.Increase({ tenths: 1 })) // 0.05 %
    expect(Numbers.percentChange(2000, 1999)).toStrictEqual(new Numbers.Decrease({ tenths: 1 })) // -0.05 %
    expect(Numbers.percentChange(2001, 2002)).toStrictEqual(new Numbers.Increase({ tenths: 0 }))
    expect(Numbers.describeChange("ru", Numbers.percentChange(100000, 100001))).toBe("увеличилось менее чем на 0,1 %")
    expect(Numbers.describeChange("en", Numbers.percentChange(100001, 100000))).toBe("decreased by less than 0.1%")
    expect(Numbers.percentChange(0.1, 0.3)).toStrictEqual(new Numbers.Increase({ tenths: 2000 }))
    expect(Numbers.percentChange(3, 1)).toStrictEqual(new Numbers.Decrease({ tenths: 667 }))
    expect(Numbers.percentChange(-10, -5)).toStrictEqual(new Numbers.Increase({ tenths: 500 }))
    expect(Numbers.percentChange(1e-45, -1e-32)).toStrictEqual(
      new Numbers.Decrease({ tenths: Number.MAX_SAFE_INTEGER })
    )
  })

  const count = fc.integer({ min: 0, max: 10_000_000 })

  it.prop("the tag follows the sign and the tenths are the rounded exact ratio", [count, count], ([p, c]) => {
    const ch = Numbers.percentChange(p, c)
    if (p === c) expect(ch._tag).toBe("Unchanged")
    else if (p === 0) expect(ch._tag).toBe("NoBase")
    else {
      expect(ch._tag).toBe(c > p ? "Increase" : "Decrease")
      if (ch._tag === "Increase" || ch._tag === "Decrease") {
        const num = BigInt(Math.abs(c - p)) * 1000n,
          den = BigInt(p)
        const expected = (2n * num) % (2n * den) >= den ? num / den + 1n : num / den
        expect(BigInt(ch.tenths)).toBe(expected)
        expect(Math.abs(ch.tenths - (Math.abs(c - p) * 1000) / p)).toBeLessThanOrEqual(0.5)
        expect(Numbers.formatChange("en", ch)).toMatch(/^[+-]\d{1,3}(,\d{3})*\.\d%$/)
        expect(Numbers.formatChange("ru", ch)).toMatch(/^[+\u2212](\d{1,4}|\d{1,3}(\u202f\d{3})+),\d %$/)
      }
    }
  })

  it.prop(
    "a change and its mirror around the base have the same magnitude",
    [fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 })],
    ([p, d]) => {
      fc.pre(d <= p)
      const up = Numbers.percentChange(p, p + d),
        down = Numbers.percentChange(p, p - d)
      if (d === 0) {
        expect(up._tag).toBe("Unchanged")
        expect(down._tag).toBe("Unchanged")
      } else {
        expect(up._tag).toBe("Increase")
        expect(down._tag).toBe("Decrease")
        if (up._tag === "Increase" && down._tag === "Decrease") expect(up.tenths).toBe(down.tenths)
      }
    }
  )

  it.prop("PercentChange round-trips through its Schema", [Numbers.PercentChange], ([ch]) => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Numbers.PercentChange)(ch)))
    expect(Schema.decodeUnknownSync(Numbers.PercentChange)(json)).toStrictEqual(ch)
  })
})
