/**
 * A standalone HTML page builder: inline CSS, inline SVG, `lang`, charset and
 * title, sections with headings, paragraphs and tables. Everything passed as
 * text is escaped; markup is the branded `Html` type, so a plain string can
 * never be inserted as markup by mistake.
 *
 * The output is polyglot (X)HTML: void elements are self-closed and the page
 * is well-formed XML after its `<!DOCTYPE html>`, so it can be checked with
 * an XML parser and opened by any browser with no network.
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * const { Html } = Reporting
 * const page = Html.page({
 *   lang: "ru",
 *   title: "Отчёт за 2020 год",
 *   body: [Html.section(2, "Обращения граждан", [Html.paragraph("Поступило 11384 обращения.")])]
 * })
 * page.startsWith("<!DOCTYPE html>") // true
 * ```
 *
 * @module
 */
import type { Brand } from "effect"
import type { Lang } from "./Plural.js"
import * as Svg from "./Svg.js"

/** Markup built by this module (or an `Svg`): safe to insert. */
export type Html = string & Brand.Brand<"Html">

/** A heading level. */
export type Level = 1 | 2 | 3 | 4 | 5 | 6

/**
 * Escapes text for element content and attribute values (the same rules as
 * {@link Svg.escapeXml}: `& < > " '` as entities, invalid XML characters dropped).
 *
 * @example
 * ```ts
 * escape("a < b & c") // "a &lt; b &amp; c"
 * ```
 */
export const escape = (s: string): string => Svg.escapeXml(s)

const html = (s: string): Html => s as Html

/**
 * Text as markup: escaped.
 *
 * @example
 * ```ts
 * text("<b>") // "&lt;b&gt;"
 * ```
 */
export const text = (s: string): Html => html(escape(s))

/**
 * An SVG chart as markup (SVG from {@link Svg} is already safe).
 *
 * @example
 * ```ts
 * svg(Svg.render(chart, "ru"))
 * ```
 */
export const svg = (s: Svg.Svg): Html => html(s)

/** The elements this builder writes. */
export type Tag =
  | "section"
  | "h1"
  | "h2"
  | "h3"
  | "h4"
  | "h5"
  | "h6"
  | "p"
  | "table"
  | "caption"
  | "thead"
  | "tbody"
  | "tr"
  | "th"
  | "td"
  | "ul"
  | "ol"
  | "li"
  | "figure"
  | "figcaption"
  | "dl"
  | "dt"
  | "dd"
  | "div"
  | "span"
  | "strong"
  | "header"
  | "main"

/** Attribute values, escaped on output; `undefined` omits the attribute. */
export type Attributes = Readonly<Record<string, string | number | undefined>>

const attributes = (a: Attributes): string =>
  Object.entries(a)
    .filter((e): e is [string, string | number] => e[1] !== undefined && /^[a-z][a-z0-9-]*$/.test(e[0]))
    .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
    .join("")

/**
 * An element with escaped attributes around markup children.
 *
 * @example
 * ```ts
 * element("p", { class: "lead" }, [text("Итоги года")]) // '<p class="lead">Итоги года</p>'
 * ```
 */
export const element = (tag: Tag, attrs: Attributes, children: ReadonlyArray<Html>): Html =>
  html(`<${tag}${attributes(attrs)}>${children.join("")}</${tag}>`)

/**
 * A heading of `level` with text.
 *
 * @example
 * ```ts
 * heading(2, "Обращения граждан") // "<h2>Обращения граждан</h2>"
 * ```
 */
export const heading = (level: Level, content: string): Html => element(`h${level}`, {}, [text(content)])

/**
 * A paragraph of text.
 *
 * @example
 * ```ts
 * paragraph("Поступило 11384 обращения.")
 * ```
 */
export const paragraph = (content: string): Html => element("p", {}, [text(content)])

/**
 * A section with a heading of `level` and its content.
 *
 * @example
 * ```ts
 * section(2, "Личный приём", [paragraph("Принят 161 человек.")])
 * ```
 */
export const section = (level: Level, title: string, content: ReadonlyArray<Html>): Html =>
  element("section", {}, [heading(level, title), ...content])

/** A table column: its header and alignment. */
export interface Column {
  readonly header: string
  readonly align?: "left" | "right"
}

/**
 * A table of text cells; rows are padded or cut to the number of columns.
 *
 * @example
 * ```ts
 * table({ caption: "Обращения", columns: [{ header: "Канал" }, { header: "2020", align: "right" }], rows: [["Письменные", "3780"]] })
 * ```
 */
export const table = (spec: {
  readonly caption?: string
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
}): Html => {
  const cls = (c: Column | undefined) => (c?.align === "right" ? "num" : undefined)
  const head = element("thead", {}, [
    element(
      "tr",
      {},
      spec.columns.map((c) => element("th", { class: cls(c) }, [text(c.header)]))
    )
  ])
  const body = element(
    "tbody",
    {},
    spec.rows.map((row) =>
      element(
        "tr",
        {},
        spec.columns.map((c, i) => element("td", { class: cls(c) }, [text(row[i] ?? "")]))
      )
    )
  )
  return element("table", {}, [
    ...(spec.caption === undefined ? [] : [element("caption", {}, [text(spec.caption)])]),
    head,
    body
  ])
}

/**
 * A list of text items.
 *
 * @example
 * ```ts
 * list(["Первое", "Второе"], { ordered: true })
 * ```
 */
export const list = (items: ReadonlyArray<string>, options?: { readonly ordered?: boolean }): Html =>
  element(
    options?.ordered === true ? "ol" : "ul",
    {},
    items.map((i) => element("li", {}, [text(i)]))
  )

/** The page's style sheet: system fonts, readable tables, charts that scale, and a print style sheet for A4. */
export const defaultCss = [
  "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;line-height:1.5;color:#1a1a1a;max-width:960px;margin:0 auto;padding:24px}",
  "h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.6em}h3{font-size:1.1em}",
  "table{border-collapse:collapse;margin:1em 0}caption{text-align:left;font-weight:bold;padding:4px 0}",
  "th,td{border:1px solid #cccccc;padding:4px 8px;vertical-align:top}th{background:#f2f2f2;text-align:left}",
  ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
  "figure{margin:1em 0}figure svg{max-width:100%;height:auto}",
  ".key-figures{display:grid;grid-template-columns:max-content auto;gap:4px 16px}.key-figures dt{font-weight:bold}",
  // printing on A4 (ГОСТ Р 7.0.97-2016 margins: 20 mm left, top and bottom, 10 mm right; a little more on the right
  // for the charts): no page breaks inside a chart, a table row or right after a heading, the header of a long
  // table repeated on each page, the charts' colours kept
  "@page{size:A4;margin:20mm 12mm 20mm 20mm}",
  "@media print{body{max-width:none;margin:0;padding:0;font-size:11pt;line-height:1.35}" +
    "h1{font-size:16pt}h2{font-size:13pt;margin-top:1.2em}h3{font-size:11.5pt}" +
    "h1,h2,h3,h4,caption{break-after:avoid;page-break-after:avoid}" +
    "figure,tr,dl{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}" +
    "table{width:100%}figure svg{max-width:100%;max-height:240mm}" +
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
].join("\n")

/**
 * A standalone page: doctype, `lang`, UTF-8, title, the inline style sheet
 * and the body. It loads nothing from the network.
 *
 * @example
 * ```ts
 * page({ lang: "en", title: "Annual report 2020", body: [heading(1, "Annual report 2020")] })
 * ```
 */
export const page = (spec: {
  readonly lang: Lang
  readonly title: string
  readonly body: ReadonlyArray<Html>
}): string =>
  `<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="${spec.lang}">` +
  `<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>` +
  `<title>${escape(spec.title)}</title><style>${defaultCss}</style></head>` +
  `<body>${spec.body.join("")}</body></html>\n`
