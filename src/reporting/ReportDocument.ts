/**
 * The report as a document tree: sections with a heading, paragraphs,
 * tables, charts, key figures, lists, and subsections. It is a Schema, so
 * the same definition validates a document, encodes it as stable JSON (the
 * Schema encoding, keys in declaration order) and renders it to Markdown and
 * to a standalone HTML page with inline SVG charts.
 *
 * A document is written in one language (`lang`); renderers format numbers,
 * percents, changes and units for it. Areas build documents from their
 * figures; nothing here knows about appeals or plans.
 *
 * JSON format `cityhall.report/1`: `{ format, lang, title, subtitle?,
 * sections: [{ heading, blocks: [Block], sections: [...] }] }`, where a
 * Block is tagged by `_tag`: `Paragraph { text }`, `Table { key?, caption?,
 * columns: [{ header, align? }], rows: [[Cell]] }`, `Chart { chart }`
 * (`GroupedBars` / `HorizontalBars` of {@link Svg}), `KeyFigures { items:
 * [{ label, value, previous?, unit? }] }`, `List { ordered, items }`. A Cell
 * is a string, a number, `{ _tag: "Percent", ratio }` or a percent change
 * (`Increase` / `Decrease` with `tenths`, `Unchanged`, `NoBase`). Numbers
 * are finite; JSON has no negative zero, so a `-0` decodes as `0`.
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * const { ReportDocument: R } = Reporting
 * const doc = new R.ReportDocument({
 *   lang: "ru",
 *   title: "Отчёт за 2020 год",
 *   sections: [
 *     new R.Section({
 *       heading: "Обращения граждан",
 *       blocks: [
 *         new R.KeyFigures({ items: [new R.KeyFigure({ label: "Всего", value: 11384, previous: 11072, unit: R.unit("ru", Reporting.Lexicon.appeal) })] })
 *       ],
 *       sections: []
 *     })
 *   ]
 * })
 * R.toMarkdown(doc) // "# Отчёт за 2020 год\n\n## Обращения граждан\n\n- Всего: 11 384 обращения (+2,8 %)\n" (U+202F between the groups)
 * R.fromJson(R.toJson(doc)) // Either.right(doc)
 * ```
 *
 * @module
 */
import type { Either, ParseResult } from "effect"
import { JSONSchema, Schema } from "effect"
import * as Html from "./Html.js"
import type * as Lexicon from "./Lexicon.js"
import * as Markdown from "./Markdown.js"
import * as Numbers from "./Numbers.js"
import * as Plural from "./Plural.js"
import * as Svg from "./Svg.js"

/** A paragraph of text. */
export class Paragraph extends Schema.TaggedClass<Paragraph>()("Paragraph", { text: Schema.String }) {}

/** A ratio shown as a percent with one decimal (0.975 -> "97,5 %"). */
export class Percent extends Schema.TaggedClass<Percent>()("Percent", { ratio: Schema.Finite }) {}

/** A table cell: text, a number, a percent, or a change on the previous value. */
export const Cell = Schema.Union(Schema.String, Schema.Finite, Percent, Numbers.PercentChange).annotations({
  identifier: "Cell"
})
/** @see Cell */
export type Cell = typeof Cell.Type

/** A table column; numbers are right-aligned unless `align` says otherwise. */
export class Column extends Schema.Class<Column>("Column")({
  header: Schema.String,
  align: Schema.optionalWith(Schema.Literal("left", "right"), { exact: true })
}) {}

/**
 * A table. `key` is a stable, language-independent name a program reading
 * the JSON finds the table by (`appeals.recommendationsFlagged`): captions
 * are in the document's language; renderers do not print it.
 */
export class Table extends Schema.TaggedClass<Table>()("Table", {
  key: Schema.optionalWith(Schema.String, { exact: true }),
  caption: Schema.optionalWith(Schema.String, { exact: true }),
  columns: Schema.Array(Column),
  rows: Schema.Array(Schema.Array(Cell))
}) {}

/** A chart (drawn as SVG in HTML, as its data table in Markdown). */
export class ChartBlock extends Schema.TaggedClass<ChartBlock>()("Chart", { chart: Svg.Chart }) {}

/** The word forms of a unit in the document's language (`few` / `many` for Russian). */
export class Unit extends Schema.Class<Unit>("Unit")({
  one: Schema.String,
  few: Schema.optionalWith(Schema.String, { exact: true }),
  many: Schema.optionalWith(Schema.String, { exact: true }),
  other: Schema.String
}) {}

/**
 * The unit forms of a lexicon word in `lang`.
 *
 * @example
 * ```ts
 * unit("ru", Lexicon.person) // Unit { one: "человек", few: "человека", many: "человек", other: "человека" }
 * ```
 */
export const unit = (lang: Plural.Lang, word: Lexicon.Word): Unit => new Unit(lang === "ru" ? word.ru : word.en)

/** A key figure: a value, optionally its unit and the previous period's value. */
export class KeyFigure extends Schema.Class<KeyFigure>("KeyFigure")({
  label: Schema.String,
  value: Schema.Finite,
  previous: Schema.optionalWith(Schema.Finite, { exact: true }),
  unit: Schema.optionalWith(Unit, { exact: true })
}) {}

/** A list of key figures. */
export class KeyFigures extends Schema.TaggedClass<KeyFigures>()("KeyFigures", { items: Schema.Array(KeyFigure) }) {}

/** A bullet or numbered list. */
export class List extends Schema.TaggedClass<List>()("List", {
  ordered: Schema.Boolean,
  items: Schema.Array(Schema.String)
}) {}

/** A block of a section. */
export const Block = Schema.Union(Paragraph, Table, ChartBlock, KeyFigures, List).annotations({ identifier: "Block" })
/** @see Block */
export type Block = typeof Block.Type

/** The JSON shape of a section. */
export interface SectionEncoded {
  readonly heading: string
  readonly blocks: ReadonlyArray<typeof Block.Encoded>
  readonly sections: ReadonlyArray<SectionEncoded>
}

/** A section: a heading, its blocks, then its subsections. */
export class Section extends Schema.Class<Section>("Section")({
  heading: Schema.String,
  blocks: Schema.Array(Block),
  sections: Schema.Array(Schema.suspend((): Schema.Schema<Section, SectionEncoded> => Section))
}) {}

/** The format tag of the JSON encoding. */
export const FORMAT = "cityhall.report/1"

/** A report document. */
export class ReportDocument extends Schema.Class<ReportDocument>("ReportDocument")({
  format: Schema.optionalWith(Schema.Literal(FORMAT), { default: () => FORMAT }),
  lang: Plural.Lang,
  title: Schema.String,
  subtitle: Schema.optionalWith(Schema.String, { exact: true }),
  sections: Schema.Array(Section)
}) {}

const Json = Schema.parseJson(ReportDocument, { space: 2 })

/**
 * The JSON Schema (draft-07) of the JSON format `cityhall.report/1`,
 * generated from the Schemas (kept in docs/report.schema.json).
 *
 * @example
 * ```ts
 * jsonSchema().$schema // "http://json-schema.org/draft-07/schema#"
 * ```
 */
export const jsonSchema = (): JSONSchema.JsonSchema7Root => JSONSchema.make(ReportDocument)

/**
 * The stable JSON of a document: its Schema encoding, two-space indented.
 *
 * @example
 * ```ts
 * toJson(doc).startsWith('{\n  "format": "cityhall.report/1"') // true
 * ```
 */
export const toJson = (doc: ReportDocument): string => Schema.encodeSync(Json)(doc)

/**
 * Decodes a document from its JSON; bad JSON or a bad shape is a typed
 * `ParseError` naming the place.
 *
 * @example
 * ```ts
 * fromJson("{}") // Either.left(ParseError)
 * ```
 */
export const fromJson = (json: string): Either.Either<ReportDocument, ParseResult.ParseError> =>
  Schema.decodeEither(Json)(json)

/**
 * A cell as text in `lang`.
 *
 * @example
 * ```ts
 * formatCell("ru", 11384)                            // "11 384" (U+202F)
 * formatCell("ru", new Percent({ ratio: 0.975 }))      // "97,5 %"
 * formatCell("en", Numbers.percentChange(328, 161))    // "-50.9%"
 * ```
 */
export const formatCell = (lang: Plural.Lang, cell: Cell): string => {
  if (typeof cell === "string") return cell
  if (typeof cell === "number") return Numbers.formatNumber(lang, cell)
  if (cell._tag === "Percent") return Numbers.formatPercent(lang, cell.ratio)
  return Numbers.formatChange(lang, cell)
}

const isNumeric = (cell: Cell | undefined): boolean => cell !== undefined && typeof cell !== "string"

const align = (t: Table, i: number): "left" | "right" =>
  t.columns[i]?.align ??
  (t.rows.length > 0 &&
  t.rows.every((r) => r[i] === undefined || isNumeric(r[i])) &&
  t.rows.some((r) => isNumeric(r[i]))
    ? "right"
    : "left")

/**
 * A key figure as text: the value with its unit and, when there is a
 * previous value, the signed change.
 *
 * @example
 * ```ts
 * formatKeyFigure("ru", new KeyFigure({ label: "Принято", value: 161, previous: 328, unit: unit("ru", Lexicon.person) }))
 * // "161 человек (−50,9 %)" (the minus sign U+2212)
 * ```
 */
export const formatKeyFigure = (lang: Plural.Lang, k: KeyFigure): string => {
  const value = Numbers.formatNumber(lang, k.value)
  const forms: Partial<Record<Plural.Category, string>> | undefined = k.unit
  const word = forms === undefined ? undefined : (forms[Plural.category(lang, k.value)] ?? forms.other)
  const change = k.previous === undefined ? undefined : Numbers.percentChange(k.previous, k.value)
  const changeText = change === undefined || change._tag === "NoBase" ? "" : ` (${Numbers.formatChange(lang, change)})`
  return `${value}${word === undefined ? "" : ` ${word}`}${changeText}`
}

/** A chart's data as a table (for Markdown and as an accessible fallback). */
export const chartTable = (chart: Svg.Chart): Table =>
  chart._tag === "GroupedBars"
    ? new Table({
        caption: chart.title,
        columns: [
          new Column({ header: chart.xLabel }),
          ...chart.series.map((s) => new Column({ header: s.name, align: "right" }))
        ],
        rows: chart.categories.map((c, i) => [c, ...chart.series.map((s): Cell => s.values[i] ?? "")])
      })
    : new Table({
        caption: chart.title,
        columns: [new Column({ header: chart.yLabel }), new Column({ header: chart.xLabel, align: "right" })],
        rows: chart.bars.map((b) => [b.label, new Percent({ ratio: b.value })])
      })

const cellText = (cell: Cell | undefined): string =>
  cell === undefined ? "" : typeof cell === "string" ? cell : typeof cell === "number" ? String(cell) : ""

const ratioOf = (cell: Cell | undefined): number =>
  cell !== undefined && typeof cell === "object" && cell._tag === "Percent" ? cell.ratio : 0

const valueOf = (cell: Cell | undefined): number => (typeof cell === "number" ? cell : ratioOf(cell))

/**
 * A horizontal bar chart drawn from a table of the document: its title is
 * the table's caption, a bar per row labelled by the row's first cell, the
 * bar's value the percent in `column` (whose header is the value axis).
 * The chart and the table beside it show one figure because the chart is
 * made of the table's own cells.
 *
 * @example
 * ```ts
 * barsOf(table, 3, "Подразделение") // a chart of the table's fourth column
 * ```
 */
export const barsOf = (table: Table, column: number, yLabel: string): ChartBlock =>
  new ChartBlock({
    chart: new Svg.HorizontalBars({
      title: table.caption ?? "",
      xLabel: table.columns[column]?.header ?? "",
      yLabel,
      bars: table.rows.map((r) => ({ label: cellText(r[0]), value: ratioOf(r[column]) }))
    })
  })

/**
 * A grouped bar chart drawn from a table of the document: its title is the
 * table's caption, a group per row (the row's first cell), a series per
 * column of `columns` (named by the column's header).
 *
 * @example
 * ```ts
 * groupedOf(table, [1, 2, 3], "Обращения") // the table's second to fourth columns, a group per row
 * ```
 */
export const groupedOf = (table: Table, columns: ReadonlyArray<number>, yLabel: string): ChartBlock =>
  new ChartBlock({
    chart: new Svg.GroupedBars({
      title: table.caption ?? "",
      xLabel: table.columns[0]?.header ?? "",
      yLabel,
      categories: table.rows.map((r) => cellText(r[0])),
      series: columns.map((c) => ({
        name: table.columns[c]?.header ?? "",
        values: table.rows.map((r) => valueOf(r[c]))
      }))
    })
  })

/** The table of a section a chart is drawn from: the one whose caption is the chart's title. */
export const tableOfChart = (section: Section, chart: Svg.Chart): Table | undefined =>
  section.blocks.find((b): b is Table => b._tag === "Table" && b.caption !== undefined && b.caption === chart.title)

const level = (depth: number): Markdown.Level & Html.Level =>
  Math.min(6, Math.max(1, depth)) as Markdown.Level & Html.Level

const blockMarkdown = (lang: Plural.Lang, b: Block, s?: Section): ReadonlyArray<string> => {
  switch (b._tag) {
    case "Paragraph":
      return [Markdown.paragraph(b.text)]
    case "Table":
      return [
        ...(b.caption === undefined ? [] : [Markdown.strong(b.caption)]),
        Markdown.table(
          b.columns.map((c, i) => ({ header: c.header, align: align(b, i) })),
          b.rows.map((r) => r.map((c) => formatCell(lang, c)))
        )
      ]
    case "Chart":
      // a chart drawn from a table of its section is that table, already printed
      return s !== undefined && tableOfChart(s, b.chart) !== undefined ? [] : blockMarkdown(lang, chartTable(b.chart))
    case "KeyFigures":
      return [Markdown.list(b.items.map((k) => `${k.label}: ${formatKeyFigure(lang, k)}`))]
    case "List":
      return [Markdown.list(b.items, { ordered: b.ordered })]
  }
}

const sectionMarkdown = (lang: Plural.Lang, s: Section, depth: number): ReadonlyArray<string> => [
  Markdown.heading(level(depth), s.heading),
  ...s.blocks.flatMap((b) => blockMarkdown(lang, b, s)),
  ...s.sections.flatMap((sub) => sectionMarkdown(lang, sub, depth + 1))
]

/**
 * The document as Markdown: the title as `#`, sections as `##` and deeper
 * (capped at `######`), charts as their data tables (a chart drawn from a
 * table of its section adds nothing: the table is there).
 *
 * @example
 * ```ts
 * toMarkdown(doc).startsWith("# Отчёт за 2020 год") // true
 * ```
 */
export const toMarkdown = (doc: ReportDocument): string =>
  Markdown.document([
    Markdown.heading(1, doc.title),
    ...(doc.subtitle === undefined ? [] : [Markdown.paragraph(doc.subtitle)]),
    ...doc.sections.flatMap((s) => sectionMarkdown(doc.lang, s, 2))
  ])

const htmlTable = (lang: Plural.Lang, t: Table): Html.Html =>
  Html.table({
    ...(t.caption === undefined ? {} : { caption: t.caption }),
    columns: t.columns.map((c, i) => ({ header: c.header, align: align(t, i) })),
    rows: t.rows.map((r) => r.map((c) => formatCell(lang, c)))
  })

const blockHtml = (lang: Plural.Lang, b: Block): Html.Html => {
  switch (b._tag) {
    case "Paragraph":
      return Html.paragraph(b.text)
    case "Table":
      return htmlTable(lang, b)
    case "Chart":
      return Html.element("figure", { class: "chart" }, [Html.svg(Svg.render(b.chart, lang))])
    case "KeyFigures":
      return Html.element(
        "dl",
        { class: "key-figures" },
        b.items.flatMap((k) => [
          Html.element("dt", {}, [Html.text(k.label)]),
          Html.element("dd", {}, [Html.text(formatKeyFigure(lang, k))])
        ])
      )
    case "List":
      return Html.list(b.items, { ordered: b.ordered })
  }
}

const sectionHtml = (lang: Plural.Lang, s: Section, depth: number): Html.Html =>
  Html.section(level(depth), s.heading, [
    ...s.blocks.map((b) => blockHtml(lang, b)),
    ...s.sections.map((sub) => sectionHtml(lang, sub, depth + 1))
  ])

/**
 * The document as a standalone HTML page with inline CSS and SVG charts.
 *
 * @example
 * ```ts
 * toHtml(doc).includes('<html xmlns="http://www.w3.org/1999/xhtml" lang="ru">') // true
 * ```
 */
export const toHtml = (doc: ReportDocument): string =>
  Html.page({
    lang: doc.lang,
    title: doc.title,
    body: [
      Html.element("header", {}, [
        Html.heading(1, doc.title),
        ...(doc.subtitle === undefined ? [] : [Html.paragraph(doc.subtitle)])
      ]),
      Html.element(
        "main",
        {},
        doc.sections.map((s) => sectionHtml(doc.lang, s, 2))
      )
    ]
  })
