/**
 * Standalone SVG charts as strings: a grouped bar chart (appeals by month
 * and channel, this year against the previous one) and a horizontal bar
 * chart (plan execution by division, values 0..1 shown as percent).
 *
 * The output needs no fonts, scripts or network (generic `sans-serif`), is
 * well-formed XML that can be inlined in HTML, escapes every label, and is
 * deterministic: the same chart and language give the same string. Sizes
 * follow the data (number of groups and bars, length of the labels). A chart
 * without data renders as a small chart saying "Нет данных" / "No data".
 *
 * Chart specifications are Schemas, so a `ReportDocument` carries them and
 * its JSON holds the data, not the drawing.
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * const svg = Reporting.Svg.render(
 *   new Reporting.Svg.HorizontalBars({
 *     title: "Исполнение плана",
 *     xLabel: "Исполнение, %",
 *     yLabel: "Подразделение",
 *     bars: [{ label: "Управление ЖКХ", value: 0.97 }, { label: "Комитет финансов", value: 1 }]
 *   }),
 *   "ru"
 * )
 * svg.startsWith("<svg") // true
 * ```
 *
 * @module
 */
import type { Brand } from "effect"
import { Schema } from "effect"
import * as Numbers from "./Numbers.js"
import type { Lang } from "./Plural.js"
import * as Text from "./Text.js"

/** SVG markup produced by this module: safe to inline. */
export type Svg = string & Brand.Brand<"Svg">

/** One series of a grouped bar chart: a value per category (missing values draw no bar). */
export const Series = Schema.Struct({
  name: Schema.String,
  values: Schema.Array(Schema.Finite)
}).annotations({ identifier: "Series" })
/** @see Series */
export type Series = typeof Series.Type

/** A grouped bar chart: for each category, one bar per series. */
export class GroupedBars extends Schema.TaggedClass<GroupedBars>()("GroupedBars", {
  title: Schema.String,
  xLabel: Schema.String,
  yLabel: Schema.String,
  categories: Schema.Array(Schema.String),
  series: Schema.Array(Series)
}) {}

/** One bar of a horizontal bar chart; `value` is a ratio (1 = 100 %). */
export const Bar = Schema.Struct({
  label: Schema.String,
  value: Schema.Finite
}).annotations({ identifier: "Bar" })
/** @see Bar */
export type Bar = typeof Bar.Type

/** A horizontal bar chart of ratios shown as percent; bars are drawn clamped to 0..100 %, labels show the value. */
export class HorizontalBars extends Schema.TaggedClass<HorizontalBars>()("HorizontalBars", {
  title: Schema.String,
  xLabel: Schema.String,
  yLabel: Schema.String,
  bars: Schema.Array(Bar)
}) {}

/** Any chart the report draws. */
export const Chart = Schema.Union(GroupedBars, HorizontalBars).annotations({ identifier: "Chart" })
/** @see Chart */
export type Chart = typeof Chart.Type

const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/**
 * Escapes text for XML content and attribute values: `& < > " '` become
 * entities and characters XML 1.0 cannot carry (control characters, lone
 * surrogates, U+FFFE/U+FFFF) are dropped.
 *
 * @example
 * ```ts
 * escapeXml(`<a & "b" 'c'>`) // "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"
 * ```
 */
export const escapeXml = (s: string): string =>
  s
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")

/** The palette, in series order. */
export const palette: ReadonlyArray<string> = [
  "#1f5fa8",
  "#e07b24",
  "#3a9a4a",
  "#c23b3b",
  "#7d5bb5",
  "#8c6239",
  "#d16ba5",
  "#6b6b6b",
  "#a7a71f",
  "#1fa7b8"
]

const colour = (i: number): string => palette[i % palette.length] ?? "#6b6b6b"

/** Geometry constants, in px. */
const FONT = 12
const CHAR = 7.2 // average advance of a 12 px sans-serif glyph, Latin or Cyrillic
const TITLE_FONT = 15
const TITLE_CHAR = 8.8

const textWidth = (s: string, char = CHAR): number => [...s].length * char

/** A coordinate with at most two decimals, printed the same way everywhere. */
const n = (x: number): string => {
  const r = Math.round(x * 100) / 100
  return Object.is(r, -0) ? "0" : String(r)
}

const attrs = (a: Readonly<Record<string, string | number>>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? n(v) : escapeXml(v)}"`)
    .join("")

const text = (x: number, y: number, content: string, extra: Readonly<Record<string, string | number>> = {}): string =>
  `<text${attrs({ x, y, ...extra })}>${escapeXml(content)}</text>`

const svgOpen = (width: number, height: number, title: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
    width: Math.ceil(width),
    height: Math.ceil(height),
    viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`,
    role: "img",
    "font-family": "sans-serif",
    "font-size": FONT
  })}><title>${escapeXml(title)}</title>` +
  `<rect${attrs({ x: 0, y: 0, width: Math.ceil(width), height: Math.ceil(height), fill: "#ffffff" })}/>`

const titleText = (width: number, title: string): string =>
  text(width / 2, 24, title, {
    "text-anchor": "middle",
    "font-size": TITLE_FONT,
    "font-weight": "bold",
    class: "chart-title"
  })

const noData = (title: string, lang: Lang): Svg => {
  const message = Text.message(lang, "noData", {})
  const width = Math.max(320, textWidth(title, TITLE_CHAR) + 40)
  const height = 120
  return (svgOpen(width, height, title) +
    titleText(width, title) +
    text(width / 2, 72, message, { "text-anchor": "middle", fill: "#6b6b6b", class: "no-data" }) +
    `</svg>`) as Svg
}

/** A "nice" upper bound (1, 2, 2.5 or 5 times a power of ten) and tick step for values up to `max`. */
export const niceScale = (max: number): { readonly max: number; readonly step: number } => {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, step: 0.2 }
  const rough = max / 5
  const p = 10 ** Math.floor(Math.log10(rough))
  const m = [1, 2, 2.5, 5, 10].find((k) => k * p >= rough) ?? 10
  const step = m * p
  const top = Math.ceil(max / step - 1e-9) * step
  return Number.isFinite(top) ? { max: top, step } : { max, step: max / 5 }
}

const clean = (v: number | undefined): number => (v === undefined || !Number.isFinite(v) || v < 0 ? 0 : v)

/**
 * Draws a grouped bar chart. Negative values draw as empty bars (counts are
 * never negative); the value axis starts at 0 and ends at a nice bound.
 *
 * @example
 * ```ts
 * groupedBars(new GroupedBars({
 *   title: "Обращения", xLabel: "Месяц", yLabel: "Обращения",
 *   categories: ["янв", "фев"],
 *   series: [{ name: "2020", values: [950, 870] }, { name: "2019", values: [910, 905] }]
 * }), "ru")
 * ```
 */
export const groupedBars = (chart: GroupedBars, lang: Lang): Svg => {
  const { categories, series } = chart
  if (categories.length === 0 || series.length === 0) return noData(chart.title, lang)
  let maxValue = 0
  for (const s of series) for (let i = 0; i < categories.length; i++) maxValue = Math.max(maxValue, clean(s.values[i]))
  const scale = niceScale(maxValue)
  const ticks: Array<number> = []
  const tickCount = Math.round(scale.max / scale.step)
  for (let k = 0; k <= tickCount; k++) ticks.push(Number((k * scale.step).toPrecision(12)))
  const tickLabels = ticks.map((t) => Numbers.formatNumber(lang, t))

  const barWidth = 14
  const groupWidth = Math.max(series.length * barWidth + 14, Math.max(...categories.map((c) => textWidth(c))) + 10)
  const plotHeight = 240
  const left = 28 + Math.max(...tickLabels.map((t) => textWidth(t))) + 10
  const top = 44
  const plotWidth = categories.length * groupWidth
  const legendWidth = Math.max(...series.map((s) => textWidth(s.name))) + 24
  const width = Math.max(
    left + plotWidth + 20,
    textWidth(chart.title, TITLE_CHAR) + 40,
    left + legendWidth + 20,
    left + textWidth(chart.xLabel) + 20
  )
  const axisY = top + plotHeight
  const legendTop = axisY + 52
  const height = legendTop + series.length * 18 + 8

  const parts: Array<string> = [svgOpen(width, height, chart.title), titleText(width, chart.title)]
  // value axis: grid lines and tick labels
  parts.push(`<g class="y-axis" fill="#333333">`)
  for (let k = 0; k < ticks.length; k++) {
    const y = axisY - ((ticks[k] ?? 0) / scale.max) * plotHeight
    parts.push(
      `<line${attrs({ x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: k === 0 ? "#333333" : "#dddddd" })}/>`
    )
    parts.push(text(left - 6, y + 4, tickLabels[k] ?? "", { "text-anchor": "end" }))
  }
  parts.push(
    text(14, top + plotHeight / 2, chart.yLabel, {
      "text-anchor": "middle",
      transform: `rotate(-90 14 ${n(top + plotHeight / 2)})`,
      class: "axis-label"
    })
  )
  parts.push(`</g>`)
  // bars
  parts.push(`<g class="plot"${attrs({ "data-scale-max": scale.max, "data-plot-height": plotHeight })}>`)
  for (let i = 0; i < categories.length; i++) {
    const gx = left + i * groupWidth + (groupWidth - series.length * barWidth) / 2
    for (let j = 0; j < series.length; j++) {
      const s = series[j]
      const raw = s?.values[i]
      if (s === undefined || raw === undefined) continue
      const v = clean(raw)
      const h = (v / scale.max) * plotHeight
      parts.push(
        `<rect class="bar"${attrs({ x: gx + j * barWidth, y: axisY - h, width: barWidth - 2, height: h, fill: colour(j), "data-series": j, "data-category": i, "data-value": String(raw) })}>` +
          `<title>${escapeXml(`${s.name}, ${categories[i] ?? ""}: ${Numbers.formatNumber(lang, raw)}`)}</title></rect>`
      )
    }
  }
  parts.push(`</g>`)
  // category axis
  parts.push(`<g class="x-axis" fill="#333333">`)
  for (let i = 0; i < categories.length; i++) {
    parts.push(
      text(left + i * groupWidth + groupWidth / 2, axisY + 16, categories[i] ?? "", { "text-anchor": "middle" })
    )
  }
  parts.push(text(left + plotWidth / 2, axisY + 36, chart.xLabel, { "text-anchor": "middle", class: "axis-label" }))
  parts.push(`</g>`)
  // legend
  parts.push(`<g class="legend">`)
  for (let j = 0; j < series.length; j++) {
    const y = legendTop + j * 18
    parts.push(`<rect${attrs({ x: left, y: y - 10, width: 12, height: 12, fill: colour(j) })}/>`)
    parts.push(text(left + 18, y, series[j]?.name ?? ""))
  }
  parts.push(`</g></svg>`)
  return parts.join("") as Svg
}

/**
 * Draws a horizontal bar chart of ratios as percent (plan execution by
 * division). Bars are clamped to 0..100 %; the printed label is the value
 * itself, with one decimal.
 *
 * @example
 * ```ts
 * horizontalBars(new HorizontalBars({
 *   title: "Plan execution", xLabel: "Execution, %", yLabel: "Division",
 *   bars: [{ label: "Housing", value: 0.975 }]
 * }), "en") // a bar 97.5 % long labelled "97.5%"
 * ```
 */
export const horizontalBars = (chart: HorizontalBars, lang: Lang): Svg => {
  const { bars } = chart
  if (bars.length === 0) return noData(chart.title, lang)
  const rowHeight = 22
  const rowGap = 8
  const plotWidth = 360
  const valueLabels = bars.map((b) => Numbers.formatPercent(lang, b.value))
  const labelWidth = Math.max(...bars.map((b) => textWidth(b.label)), textWidth(chart.yLabel)) + 16
  const left = 12 + labelWidth
  const top = 60
  const plotHeight = bars.length * (rowHeight + rowGap)
  const valueWidth = Math.max(...valueLabels.map((v) => textWidth(v))) + 12
  const width = Math.max(left + plotWidth + valueWidth + 12, textWidth(chart.title, TITLE_CHAR) + 40)
  const axisY = top + plotHeight
  const height = axisY + 48

  const parts: Array<string> = [svgOpen(width, height, chart.title), titleText(width, chart.title)]
  parts.push(text(12, top - 12, chart.yLabel, { class: "axis-label", "font-weight": "bold" }))
  parts.push(`<g class="x-axis" fill="#333333">`)
  for (let k = 0; k <= 4; k++) {
    const x = left + (k / 4) * plotWidth
    parts.push(`<line${attrs({ x1: x, y1: top - 4, x2: x, y2: axisY, stroke: k === 0 ? "#333333" : "#dddddd" })}/>`)
    parts.push(
      text(x, axisY + 16, Numbers.formatPercent(lang, k / 4, { fractionDigits: 0 }), { "text-anchor": "middle" })
    )
  }
  parts.push(text(left + plotWidth / 2, axisY + 36, chart.xLabel, { "text-anchor": "middle", class: "axis-label" }))
  parts.push(`</g>`)
  parts.push(`<g class="plot"${attrs({ "data-scale-max": 1, "data-plot-width": plotWidth })}>`)
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i]
    if (b === undefined) continue
    const y = top + i * (rowHeight + rowGap) + rowGap / 2
    const w = Math.min(1, clean(b.value)) * plotWidth
    parts.push(text(left - 8, y + rowHeight / 2 + 4, b.label, { "text-anchor": "end", class: "bar-label" }))
    parts.push(
      `<rect class="bar"${attrs({ x: left, y, width: w, height: rowHeight, fill: colour(0), "data-value": String(b.value) })}>` +
        `<title>${escapeXml(`${b.label}: ${valueLabels[i] ?? ""}`)}</title></rect>`
    )
    parts.push(text(left + w + 6, y + rowHeight / 2 + 4, valueLabels[i] ?? "", { class: "bar-value" }))
  }
  parts.push(`</g></svg>`)
  return parts.join("") as Svg
}

/**
 * Draws any chart.
 *
 * @example
 * ```ts
 * render(new HorizontalBars({ title: "Пусто", xLabel: "", yLabel: "", bars: [] }), "ru") // a "Нет данных" chart
 * ```
 */
export const render = (chart: Chart, lang: Lang): Svg =>
  chart._tag === "GroupedBars" ? groupedBars(chart, lang) : horizontalBars(chart, lang)
