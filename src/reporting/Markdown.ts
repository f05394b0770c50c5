/**
 * Markdown helpers (CommonMark with GFM tables): headings, paragraphs,
 * lists and tables whose text can never break out of its place.
 *
 * Inline text is escaped: whitespace runs (including line breaks) become one
 * space and the ends are trimmed, since a line break would end a cell, a list
 * item or a heading; `\ ` * _ [ ] < > | ~ & #` are backslash-escaped
 * everywhere, and a leading `+ - =` or `1.` / `1)` is escaped so that the
 * text never starts a block of its own. The no-break space is kept.
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * const { Markdown } = Reporting
 * Markdown.document([
 *   Markdown.heading(1, "Отчёт за 2020 год"),
 *   Markdown.table([{ header: "Канал" }, { header: "2020", align: "right" }], [["Письменные", "3780"]])
 * ])
 * // "# Отчёт за 2020 год\n\n| Канал | 2020 |\n| --- | ---: |\n| Письменные | 3780 |\n"
 * ```
 *
 * @module
 */

/** A heading level. */
export type Level = 1 | 2 | 3 | 4 | 5 | 6

const SPECIAL = /[\\`*_[\]<>|~&#]/g

const inline = (s: string): string =>
  s
    .replace(/[\t\n\v\f\r ]+/g, " ")
    .replace(/^ | $/g, "")
    .replace(SPECIAL, (c) => `\\${c}`)

/**
 * Escapes text for inline use anywhere (paragraph, heading, list item,
 * table cell).
 *
 * @example
 * ```ts
 * escape("a | b *c*")   // "a \\| b \\*c\\*"
 * escape("1. not a list") // "1\\. not a list"
 * ```
 */
export const escape = (s: string): string => {
  const t = inline(s)
  const ordered = /^(\d+)([.)])/.exec(t)
  if (ordered !== null) return `${ordered[1]}\\${t.slice((ordered[1] ?? "").length)}`
  return /^[+\-=]/.test(t) ? `\\${t}` : t
}

/**
 * Escapes text for a table cell: as {@link escape} but a leading `+ - =` or
 * `1.` stays as it is, since a cell never starts a block ("+2,8 %").
 *
 * @example
 * ```ts
 * escapeCell("+2,8 % | x") // "+2,8 % \\| x"
 * ```
 */
export const escapeCell = (s: string): string => inline(s)

/**
 * A heading line.
 *
 * @example
 * ```ts
 * heading(2, "Обращения граждан") // "## Обращения граждан"
 * ```
 */
export const heading = (level: Level, text: string): string => `${"#".repeat(level)} ${escape(text)}`

/**
 * A paragraph (one line).
 *
 * @example
 * ```ts
 * paragraph("Поступило 11384 обращения.") // "Поступило 11384 обращения."
 * ```
 */
export const paragraph = (text: string): string => escape(text)

/**
 * Emphasised text (bold).
 *
 * @example
 * ```ts
 * strong("Итого") // "**Итого**"
 * ```
 */
export const strong = (text: string): string => {
  const e = escape(text)
  return e.length === 0 ? "" : `**${e}**`
}

/**
 * A bullet or numbered list, one item per line.
 *
 * @example
 * ```ts
 * list(["a", "b"], { ordered: true }) // "1. a\n2. b"
 * ```
 */
export const list = (items: ReadonlyArray<string>, options?: { readonly ordered?: boolean }): string =>
  items.map((item, i) => `${options?.ordered === true ? `${i + 1}.` : "-"} ${escape(item)}`).join("\n")

/** A table column: its header and alignment. */
export interface Column {
  readonly header: string
  readonly align?: "left" | "right"
}

/**
 * A GFM table; rows are padded or cut to the number of columns. A table
 * without columns is the empty string.
 *
 * @example
 * ```ts
 * table([{ header: "a|b" }], [["x"]]) // "| a\\|b |\n| --- |\n| x |"
 * ```
 */
export const table = (columns: ReadonlyArray<Column>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  if (columns.length === 0) return ""
  const line = (cells: ReadonlyArray<string>) => `| ${cells.join(" | ")} |`
  return [
    line(columns.map((c) => escapeCell(c.header))),
    line(columns.map((c) => (c.align === "right" ? "---:" : "---"))),
    ...rows.map((r) => line(columns.map((_, i) => escapeCell(r[i] ?? ""))))
  ].join("\n")
}

/**
 * Blocks joined by blank lines, ending with a newline; empty blocks are left out.
 *
 * @example
 * ```ts
 * document(["# A", "", "text"]) // "# A\n\ntext\n"
 * ```
 */
export const document = (blocks: ReadonlyArray<string>): string =>
  `${blocks.filter((b) => b.length > 0).join("\n\n")}\n`
