import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc, Schema } from "effect"
import { Reporting } from "../../src/index.js"
import { elements, parse, textOf, type Element } from "./xml.js"

const { Svg } = Reporting

const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const clean = (s: string) => s.replace(INVALID, "")

const months = ["янв", "фев", "мар"]
const appeals = new Svg.GroupedBars({
  title: "Обращения по месяцам",
  xLabel: "Месяц",
  yLabel: "Обращения",
  categories: months,
  series: [
    { name: "2020, письменные", values: [300, 320, 0] },
    { name: "2019, письменные", values: [280, 350, 290] }
  ]
})
const plan = new Svg.HorizontalBars({
  title: "Plan execution by division",
  xLabel: "Execution, %",
  yLabel: "Division",
  bars: [
    { label: "Housing", value: 0.975 },
    { label: "Finance", value: 1 },
    { label: "Over", value: 1.2 }
  ]
})

const bars = (root: Element) => elements(root).filter((e) => e.name === "rect" && e.attributes["class"] === "bar")
const plotOf = (root: Element) => elements(root).find((e) => e.attributes["class"] === "plot")
const texts = (root: Element) =>
  elements(root)
    .filter((e) => e.name === "text")
    .map(textOf)

const label = fc.string({ unit: "binary", maxLength: 30 })
const count = fc.integer({ min: 0, max: 10_000_000 })
const grouped = fc
  .record({
    title: label,
    xLabel: label,
    yLabel: label,
    categories: fc.array(label, { maxLength: 14 }),
    series: fc.array(fc.record({ name: label, values: fc.array(count, { maxLength: 14 }) }), { maxLength: 5 })
  })
  .map(({ series, ...rest }) => new Svg.GroupedBars({ ...rest, series }))
// `+ 0` turns -0 into 0: JSON has no negative zero (see the ReportDocument tests).
const horizontal = fc
  .record({
    title: label,
    xLabel: label,
    yLabel: label,
    bars: fc.array(fc.record({ label, value: fc.double({ min: -0.5, max: 1.5, noNaN: true }).map((v) => v + 0) }), {
      maxLength: 20
    })
  })
  .map(({ bars, ...rest }) => new Svg.HorizontalBars({ ...rest, bars }))
const lang = fc.constantFrom("ru" as const, "en" as const)

describe("Svg: escaping", () => {
  it("escapes the five XML specials and drops characters XML cannot carry", () => {
    expect(Svg.escapeXml(`<a & "b" 'c'>`)).toBe("&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;")
    expect(Svg.escapeXml("a\u0000b\u0008c\ud800d\ufffe")).toBe("abcd")
    expect(Svg.escapeXml("tab\tnl\n😀")).toBe("tab\tnl\n😀")
  })

  it("a label with <&>\"' appears escaped in the chart and nowhere raw", () => {
    const evil = `<script>alert("x" & 'y')</script>`
    const svg = Svg.render(
      new Svg.HorizontalBars({ title: evil, xLabel: evil, yLabel: evil, bars: [{ label: evil, value: 0.5 }] }),
      "en"
    )
    expect(svg).not.toContain("<script>")
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;")
    const root = parse(svg)
    expect(texts(root).filter((t) => t === evil).length).toBeGreaterThanOrEqual(3)
    expect(elements(root).some((e) => e.name === "script")).toBe(false)
  })
})

describe("Svg: grouped bars", () => {
  it("draws one bar per series and category, proportional to the value", () => {
    const svg = Svg.render(appeals, "ru")
    const root = parse(svg)
    expect(root.name).toBe("svg")
    expect(root.attributes["xmlns"]).toBe("http://www.w3.org/2000/svg")
    const rs = bars(root)
    expect(rs.length).toBe(6)
    const plot = plotOf(root)
    expect(plot?.attributes["data-scale-max"]).toBe("400")
    const h = (k: number) => Number(rs[k]?.attributes["height"])
    expect(h(0)).toBe(180) // 300 of 400 on 240 px
    expect(h(4)).toBe(0)
    expect(h(3)).toBe(210)
    for (const m of months) expect(texts(root)).toContain(m)
    expect(texts(root)).toContain("2019, письменные")
    expect(texts(root)).toContain("Обращения по месяцам")
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
    expect(svg).not.toContain("<script")
  })

  it("no categories or no series is a valid 'no data' chart", () => {
    for (const chart of [
      new Svg.GroupedBars({ ...appeals, categories: [] }),
      new Svg.GroupedBars({ ...appeals, series: [] })
    ]) {
      const root = parse(Svg.render(chart, "ru"))
      expect(texts(root)).toContain("Нет данных")
      expect(bars(root).length).toBe(0)
    }
    expect(texts(parse(Svg.render(new Svg.HorizontalBars({ ...plan, bars: [] }), "en")))).toContain("No data")
  })

  it("nice scales", () => {
    expect(Svg.niceScale(0)).toStrictEqual({ max: 1, step: 0.2 })
    expect(Svg.niceScale(350)).toStrictEqual({ max: 400, step: 100 })
    expect(Svg.niceScale(11384)).toStrictEqual({ max: 12500, step: 2500 })
    expect(Svg.niceScale(7)).toStrictEqual({ max: 8, step: 2 })
  })

  it.prop("well-formed, every label present exactly, heights proportional", [grouped, lang], ([chart, l]) => {
    const svg = Svg.render(chart, l)
    const root = parse(svg)
    const ts = texts(root)
    const drawn = chart.categories.length > 0 && chart.series.length > 0
    expect(ts).toContain(clean(chart.title))
    if (!drawn) return
    for (const c of chart.categories) expect(ts).toContain(clean(c))
    for (const s of chart.series) expect(ts).toContain(clean(s.name))
    expect(ts).toContain(clean(chart.xLabel))
    expect(ts).toContain(clean(chart.yLabel))
    const rs = bars(root)
    const expected = chart.series.reduce((k, s) => k + Math.min(s.values.length, chart.categories.length), 0)
    expect(rs.length).toBe(expected)
    const max = Number(plotOf(root)?.attributes["data-scale-max"])
    const ph = Number(plotOf(root)?.attributes["data-plot-height"])
    for (const r of rs) {
      const v = Number(r.attributes["data-value"])
      expect(v).toBeLessThanOrEqual(max)
      expect(Math.abs(Number(r.attributes["height"]) - (v / max) * ph)).toBeLessThanOrEqual(0.005 + 1e-9)
    }
  })
})

describe("Svg: horizontal bars", () => {
  it("bar lengths are the ratio of the plot width, clamped at 100 %, labelled with the value", () => {
    const root = parse(Svg.render(plan, "en"))
    const rs = bars(root)
    expect(rs.map((r) => r.attributes["width"])).toStrictEqual(["351", "360", "360"])
    expect(texts(root)).toEqual(expect.arrayContaining(["97.5%", "100.0%", "120.0%", "Housing", "0%", "50%", "100%"]))
    const ru = parse(Svg.render(plan, "ru"))
    expect(texts(ru)).toEqual(expect.arrayContaining(["97,5 %", "120,0 %"]))
  })

  it.prop("well-formed, every label present exactly, widths proportional", [horizontal, lang], ([chart, l]) => {
    const root = parse(Svg.render(chart, l))
    const ts = texts(root)
    expect(ts).toContain(clean(chart.title))
    const rs = bars(root)
    expect(rs.length).toBe(chart.bars.length)
    const pw = Number(plotOf(root)?.attributes["data-plot-width"] ?? 360)
    chart.bars.forEach((b, k) => {
      expect(ts).toContain(clean(b.label))
      const expected = Math.min(1, Math.max(0, b.value)) * pw
      expect(Math.abs(Number(rs[k]?.attributes["width"]) - expected)).toBeLessThanOrEqual(0.005 + 1e-9)
    })
  })
})

describe("Svg: determinism and schemas", () => {
  it.prop(
    "the same chart gives the same string, also after a JSON round trip",
    [fc.oneof(grouped, horizontal), lang],
    ([chart, l]) => {
      const json = JSON.parse(JSON.stringify(Schema.encodeSync(Svg.Chart)(chart)))
      const back = Schema.decodeUnknownSync(Svg.Chart)(json)
      expect(back).toStrictEqual(chart)
      expect(Svg.render(back, l)).toBe(Svg.render(chart, l))
    }
  )

  it.prop("Chart round-trips through its Schema", [Svg.Chart], ([chart]) => {
    expect(Schema.decodeUnknownSync(Svg.Chart)(Schema.encodeSync(Svg.Chart)(chart))).toStrictEqual(chart)
    parse(Svg.render(chart, "ru"))
  })
})
