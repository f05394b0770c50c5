import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { Reporting } from "../../src/index.js"

const { Text } = Reporting

const y2020 = { year: 2020, total: 11384, written: 3780, electronic: 7459, oral: 145, previousTotal: 11072 }

describe("Text", () => {
  it("says the reference sentence from data alone", () => {
    expect(Text.appealsSummary("ru", y2020)).toBe(
      "За 2020 год в администрацию города поступило 11\u202f384 обращения, в том числе 3780 письменных, 7459 электронных и 145 устных обращений. В сравнении с аналогичным периодом прошлого года количество обращений увеличилось на 2,8 %."
    )
    expect(Text.appealsSummary("en", y2020)).toBe(
      "In 2020 the city administration received 11,384 appeals, including 3,780 written, 7,459 electronic and 145 oral appeals. Compared with the same period of the previous year, the number of appeals increased by 2.8%."
    )
  })

  it("agrees the nouns, adjectives and the verb for other figures", () => {
    expect(
      Text.appealsSummary("ru", { year: "2021", total: 21, written: 1, electronic: 2, oral: 18, previousTotal: 42 })
    ).toBe(
      "За 2021 год в администрацию города поступило 21 обращение, в том числе 1 письменное, 2 электронных и 18 устных обращений. В сравнении с аналогичным периодом прошлого года количество обращений уменьшилось на 50,0 %."
    )
    expect(
      Text.appealsSummary("ru", { year: 2021, total: 1, written: 0, electronic: 0, oral: 1, previousTotal: 0 })
    ).toBe(
      "За 2021 год в администрацию города поступило 1 обращение, в том числе 0 письменных, 0 электронных и 1 устное обращение. В аналогичном периоде прошлого года обращения не поступали."
    )
    expect(
      Text.appealsSummary("ru", { year: 2021, total: 0, written: 0, electronic: 0, oral: 0, previousTotal: 0 })
    ).toBe(
      "За 2021 год обращения в администрацию города не поступали. В сравнении с аналогичным периодом прошлого года количество обращений не изменилось."
    )
    expect(
      Text.appealsSummary("en", { year: 2021, total: 1, written: 1, electronic: 0, oral: 0, previousTotal: 0 })
    ).toBe(
      "In 2021 the city administration received 1 appeal, including 1 written, 0 electronic and 0 oral appeals. No appeals were received in the same period of the previous year."
    )
  })

  it("receptions: the verb agrees with человек after numerals ending in 1", () => {
    expect(Text.receptionsSummary("ru", { year: 2020, people: 161, previousPeople: 328 })).toBe(
      "За 2020 год на личных приёмах Мэром и заместителями Мэра принят 161 человек (в 2019 году — 328 человек)."
    )
    expect(Text.receptionsSummary("ru", { year: 2020, people: 21, previousPeople: 2 })).toBe(
      "За 2020 год на личных приёмах Мэром и заместителями Мэра принят 21 человек (в 2019 году — 2 человека)."
    )
    expect(Text.receptionsSummary("ru", { year: 2020, people: 328, previousPeople: 5 })).toBe(
      "За 2020 год на личных приёмах Мэром и заместителями Мэра принято 328 человек (в 2019 году — 5 человек)."
    )
    expect(Text.receptionsSummary("en", { year: 2020, people: 161, previousPeople: 1 })).toBe(
      "In 2020 the Mayor and the deputy mayors received 161 people at personal receptions (2019: 1 person)."
    )
  })

  it("the catalogue answers every key in both languages", () => {
    expect(Text.message("ru", "monthShort", { month: 3 })).toBe("мар")
    expect(Text.message("en", "monthShort", { month: 12 })).toBe("Dec")
    expect(Text.message("ru", "noData", {})).toBe("Нет данных")
    expect(Text.message("en", "annualReportTitle", { year: 2020 })).toBe(
      "Annual report on the organisational work of the city administration, 2020"
    )
    for (const key of Object.keys(Text.catalogue)) {
      const entry = Text.catalogue[key as Reporting.Text.MessageKey]
      expect(Object.keys(entry).sort()).toStrictEqual(["en", "ru"])
    }
  })

  it.prop(
    "the Russian sentence always names the total with its agreeing noun",
    [fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 })],
    ([total, previousTotal]) => {
      const s = Text.appealsSummary("ru", { year: 2020, total, written: 0, electronic: 0, oral: total, previousTotal })
      const c = new Intl.PluralRules("ru").select(total)
      const noun = c === "one" ? "обращение" : c === "few" ? "обращения" : "обращений"
      expect(s).toContain(`поступило ${Reporting.Numbers.formatNumber("ru", total)} ${noun},`)
      expect(s.endsWith(".")).toBe(true)
    }
  )
})
