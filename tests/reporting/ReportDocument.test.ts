import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { Reporting } from "../../src/index.js"
import { elements, parse, textOf } from "./xml.js"

const { Lexicon, Numbers, ReportDocument: R, Svg, Text } = Reporting

/** JSON has no negative zero: a -0 anywhere comes back as 0, which the structural checks skip. */
const hasNegativeZero = (u: unknown): boolean => {
  let found = false
  JSON.stringify(u, (_k, v: unknown) => {
    if (Object.is(v, -0)) found = true
    return v
  })
  return found
}

const figures = { year: 2020, total: 11384, written: 3780, electronic: 7459, oral: 145, previousTotal: 11072 }

const sample = (lang: Reporting.Plural.Lang) =>
  new R.ReportDocument({
    lang,
    title: Text.message(lang, "annualReportTitle", { year: 2020 }),
    sections: [
      new R.Section({
        heading: lang === "ru" ? "Обращения граждан" : "Citizens' appeals",
        blocks: [
          new R.Paragraph({ text: Text.appealsSummary(lang, figures) }),
          new R.KeyFigures({
            items: [
              new R.KeyFigure({
                label: Text.message(lang, "total", {}),
                value: 11384,
                previous: 11072,
                unit: R.unit(lang, Lexicon.appeal)
              }),
              new R.KeyFigure({ label: "x", value: 161, previous: 328, unit: R.unit(lang, Lexicon.person) }),
              new R.KeyFigure({ label: "y", value: 3, previous: 0 })
            ]
          }),
          new R.Table({
            caption: "Каналы",
            columns: [
              new R.Column({ header: "Канал" }),
              new R.Column({ header: "2020" }),
              new R.Column({ header: "Доля" }),
              new R.Column({ header: "Δ" })
            ],
            rows: [
              ["Письменные", 3780, new R.Percent({ ratio: 0.332 }), Numbers.percentChange(3700, 3780)],
              ["Устные | очные", 145, new R.Percent({ ratio: 0.0127 }), Numbers.percentChange(0, 145)]
            ]
          }),
          new R.ChartBlock({
            chart: new Svg.GroupedBars({
              title: "По месяцам",
              xLabel: "Месяц",
              yLabel: "Обращения",
              categories: ["янв", "фев"],
              series: [
                { name: "2020", values: [950, 870] },
                { name: "2019", values: [910] }
              ]
            })
          })
        ],
        sections: [
          new R.Section({
            heading: "План",
            blocks: [
              new R.ChartBlock({
                chart: new Svg.HorizontalBars({
                  title: "Исполнение",
                  xLabel: "%",
                  yLabel: "Подразделение",
                  bars: [{ label: "ЖКХ", value: 0.975 }]
                })
              }),
              new R.List({ ordered: false, items: ["один", "два"] })
            ],
            sections: []
          })
        ]
      })
    ]
  })

describe("ReportDocument", () => {
  it("renders to Markdown", () => {
    expect(R.toMarkdown(sample("ru"))).toBe(
      [
        "# Отчёт об организационной работе администрации города за 2020 год",
        "## Обращения граждан",
        "За 2020 год в администрацию города поступило 11\u202f384 обращения, в том числе 3780 письменных, 7459 электронных и 145 устных обращений. В сравнении с аналогичным периодом прошлого года количество обращений увеличилось на 2,8 %.",
        "- Всего: 11\u202f384 обращения (+2,8 %)\n- x: 161 человек (\u221250,9 %)\n- y: 3",
        "**Каналы**",
        "| Канал | 2020 | Доля | Δ |\n| --- | ---: | ---: | ---: |\n| Письменные | 3780 | 33,2 % | +2,2 % |\n| Устные \\| очные | 145 | 1,3 % | — |",
        "**По месяцам**",
        "| Месяц | 2020 | 2019 |\n| --- | ---: | ---: |\n| янв | 950 | 910 |\n| фев | 870 |  |",
        "### План",
        "**Исполнение**",
        "| Подразделение | % |\n| --- | ---: |\n| ЖКХ | 97,5 % |",
        "- один\n- два"
      ].join("\n\n") + "\n"
    )
    expect(R.toMarkdown(sample("en"))).toContain("- Total: 11,384 appeals (+2.8%)\n- x: 161 people (-50.9%)")
  })

  it("renders to a standalone HTML page with the charts inline", () => {
    const html = R.toHtml(sample("ru"))
    const root = parse(html)
    expect(root.attributes["lang"]).toBe("ru")
    const all = elements(root)
    expect(all.filter((e) => e.name === "svg").length).toBe(2)
    expect(all.filter((e) => e.name === "h2").map(textOf)).toStrictEqual(["Обращения граждан"])
    expect(all.filter((e) => e.name === "h3").map(textOf)).toStrictEqual(["План"])
    expect(all.filter((e) => e.name === "dd").map(textOf)).toStrictEqual([
      "11\u202f384 обращения (+2,8 %)",
      "161 человек (\u221250,9 %)",
      "3"
    ])
    expect(all.filter((e) => e.name === "td").map(textOf)).toContain("Устные | очные")
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/)
    expect(R.toHtml(sample("ru"))).toBe(html)
  })

  it("the JSON is the Schema encoding, tagged with its format, and decodes back", () => {
    const doc = sample("en")
    const json = R.toJson(doc)
    expect(json.startsWith(`{\n  "format": "cityhall.report/1",\n  "lang": "en",`)).toBe(true)
    expect(JSON.parse(json)).toStrictEqual(Schema.encodeSync(R.ReportDocument)(doc))
    expect(R.fromJson(json)).toStrictEqual(Either.right(doc))
    expect(Either.isLeft(R.fromJson("{}"))).toBe(true)
    expect(Either.isLeft(R.fromJson("not json"))).toBe(true)
    const noFormat = JSON.parse(json)
    delete noFormat.format
    expect(R.fromJson(JSON.stringify(noFormat))).toStrictEqual(Either.right(doc))
    expect(Either.isLeft(R.fromJson(JSON.stringify({ ...noFormat, format: "cityhall.report/2" })))).toBe(true)
  })

  it("formats cells", () => {
    expect(R.formatCell("ru", 11384)).toBe("11\u202f384")
    expect(R.formatCell("ru", 3780)).toBe("3780")
    expect(R.formatCell("en", 11384)).toBe("11,384")
    expect(R.formatCell("ru", new R.Percent({ ratio: 0.975 }))).toBe("97,5 %")
    expect(R.formatCell("en", Numbers.percentChange(328, 161))).toBe("-50.9%")
  })

  const block = Arbitrary.make(R.Block)
  const section = (depth: number): fc.Arbitrary<Reporting.ReportDocument.Section> =>
    fc
      .record({
        heading: fc.string({ unit: "binary", maxLength: 20 }),
        blocks: fc.array(block, { maxLength: 3 }),
        sections: depth === 0 ? fc.constant([]) : fc.array(section(depth - 1), { maxLength: 2 })
      })
      .map((s) => new R.Section(s))
  const document = fc
    .record(
      {
        lang: fc.constantFrom("ru" as const, "en" as const),
        title: fc.string(),
        subtitle: fc.string(),
        sections: fc.array(section(2), { maxLength: 3 })
      },
      { requiredKeys: ["lang", "title", "sections"] }
    )
    .map((d) => new R.ReportDocument(d))

  it.prop("round-trips through JSON; renders deterministically to well-formed HTML", [document], ([doc]) => {
    const json = R.toJson(doc)
    expect(R.toJson(Either.getOrThrow(R.fromJson(json)))).toBe(json)
    if (!hasNegativeZero(Schema.encodeSync(R.ReportDocument)(doc)))
      expect(R.fromJson(json)).toStrictEqual(Either.right(doc))
    const html = R.toHtml(doc)
    parse(html)
    expect(R.toHtml(doc)).toBe(html)
    expect(R.toMarkdown(doc)).toBe(R.toMarkdown(doc))
  })

  it.prop("Section round-trips through its Schema", [section(2)], ([s]) => {
    expect(Schema.decodeUnknownSync(R.Section)(Schema.encodeSync(R.Section)(s))).toStrictEqual(s)
  })

  it.prop("Block round-trips through its Schema", [R.Block], ([b]) => {
    const encoded = Schema.encodeSync(R.Block)(b)
    expect(Schema.decodeUnknownSync(R.Block)(encoded)).toStrictEqual(b)
    const viaJson = Schema.decodeUnknownSync(R.Block)(JSON.parse(JSON.stringify(encoded)))
    if (hasNegativeZero(encoded))
      expect(JSON.stringify(Schema.encodeSync(R.Block)(viaJson))).toBe(JSON.stringify(encoded))
    else expect(viaJson).toStrictEqual(b)
  })

  it("a negative zero comes back from JSON as zero", () => {
    const doc = new R.ReportDocument({
      lang: "en",
      title: "t",
      sections: [
        new R.Section({
          heading: "h",
          blocks: [new R.Table({ columns: [new R.Column({ header: "n" })], rows: [[-0]] })],
          sections: []
        })
      ]
    })
    expect(hasNegativeZero(Schema.encodeSync(R.ReportDocument)(doc))).toBe(true)
    const back = Either.getOrThrow(R.fromJson(R.toJson(doc)))
    expect(hasNegativeZero(Schema.encodeSync(R.ReportDocument)(back))).toBe(false)
    expect(R.toMarkdown(back)).toBe(R.toMarkdown(doc))
  })

  it.prop(
    "every heading and paragraph text stays in its element",
    [fc.string({ unit: "binary" }), fc.string({ unit: "binary" })],
    ([h, p]) => {
      const doc = new R.ReportDocument({
        lang: "ru",
        title: h,
        sections: [new R.Section({ heading: h, blocks: [new R.Paragraph({ text: p })], sections: [] })]
      })
      const all = elements(parse(R.toHtml(doc)))
      const clean = (s: string) => s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
      expect(all.filter((e) => e.name === "h2").map(textOf)).toStrictEqual([clean(h)])
      expect(all.filter((e) => e.name === "p").map(textOf)).toStrictEqual([clean(p)])
    }
  )
})
