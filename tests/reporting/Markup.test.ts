import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import { Reporting } from "../../src/index.js"
import { elements, parse, textOf } from "./xml.js"

const { Html, Markdown } = Reporting

const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const clean = (s: string) => s.replace(INVALID, "")
const anyText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(" ", "\u00a0", "\n", "|", "\\", "a", "#", "-", "1", ".", "<", "&"),
    maxLength: 12
  }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("<&>\"'", "</td></tr>", "-->", "]]>", "| a | b |", "\n\n# x", "1. a", "\\|")
)

/** Removes Markdown backslash escapes. */
const unescapeMd = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, "$1")
const normaliseMd = (s: string) => s.replace(/[\t\n\v\f\r ]+/g, " ").replace(/^ | $/g, "")
/** Splits a GFM table row on unescaped pipes. */
const splitRow = (line: string): Array<string> => {
  const cells: Array<string> = []
  let cur = ""
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? ""
    if (c === "\\") {
      cur += c + (line[i + 1] ?? "")
      i++
    } else if (c === "|") {
      cells.push(cur)
      cur = ""
    } else cur += c
  }
  cells.push(cur)
  return cells
}

describe("Html", () => {
  const page = Html.page({
    lang: "ru",
    title: "Отчёт <2020>",
    body: [
      Html.section(2, "Обращения & жалобы", [
        Html.paragraph(`Текст с "кавычками" и 'апострофами'`),
        Html.table({
          caption: "Каналы",
          columns: [{ header: "Канал" }, { header: "2020", align: "right" }],
          rows: [["Письменные", "3780"], ["Устные"]]
        }),
        Html.list(["a", "b"], { ordered: true })
      ])
    ]
  })

  it("a standalone page: doctype, lang, charset, title, inline style, nothing external", () => {
    expect(page.startsWith("<!DOCTYPE html>\n")).toBe(true)
    const root = parse(page)
    expect(root.name).toBe("html")
    expect(root.attributes["lang"]).toBe("ru")
    const all = elements(root)
    expect(all.find((e) => e.name === "meta")?.attributes["charset"]).toBe("utf-8")
    expect(all.find((e) => e.name === "title") && textOf(all.find((e) => e.name === "title")!)).toBe("Отчёт <2020>")
    expect(all.some((e) => e.name === "style")).toBe(true)
    expect(all.some((e) => e.name === "script" || e.name === "link" || e.name === "img")).toBe(false)
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/)
    expect(textOf(all.find((e) => e.name === "h2")!)).toBe("Обращения & жалобы")
    const rows = all.filter((e) => e.name === "tr")
    expect(rows.map((r) => r.children.length)).toStrictEqual([2, 2, 2])
    expect(all.filter((e) => e.name === "td").map((e) => e.attributes["class"] ?? "")).toStrictEqual([
      "",
      "num",
      "",
      "num"
    ])
  })

  it("escapes text and attributes", () => {
    expect(Html.text(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
    expect(Html.element("span", { title: `"><script>`, "bad name": "x", skipped: undefined }, [Html.text("t")])).toBe(
      `<span title="&quot;&gt;&lt;script&gt;">t</span>`
    )
  })

  it.prop(
    "arbitrary text never leaves its element, cell or attribute",
    [anyText, anyText, fc.array(fc.array(anyText, { maxLength: 3 }), { maxLength: 3 })],
    ([a, b, rows]) => {
      const p = Html.page({
        lang: "en",
        title: a,
        body: [
          Html.section(3, a, [Html.paragraph(b), Html.element("div", { title: b }, [Html.text(a)])]),
          Html.table({ caption: b, columns: [{ header: a }, { header: b }, { header: "c" }], rows })
        ]
      })
      const all = elements(parse(p))
      const by = (n: string) => all.filter((e) => e.name === n)
      expect(by("title").map(textOf)).toStrictEqual([clean(a)])
      expect(by("h3").map(textOf)).toStrictEqual([clean(a)])
      expect(by("p").map(textOf)).toStrictEqual([clean(b)])
      expect(by("div").map((d) => [d.attributes["title"], textOf(d)])).toStrictEqual([[clean(b), clean(a)]])
      expect(by("th").map(textOf)).toStrictEqual([clean(a), clean(b), "c"])
      expect(by("td").map(textOf)).toStrictEqual(rows.flatMap((r) => [0, 1, 2].map((i) => clean(r[i] ?? ""))))
      expect(by("script").length).toBe(0)
    }
  )
})

describe("Markdown", () => {
  it("headings, paragraphs, lists and tables", () => {
    expect(Markdown.heading(2, "Обращения граждан")).toBe("## Обращения граждан")
    expect(Markdown.heading(1, "C# and #1 ##")).toBe("# C\\# and \\#1 \\#\\#")
    expect(Markdown.paragraph("a *b* _c_ [d](e) <f> & `g`")).toBe("a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\& \\`g\\`")
    expect(Markdown.paragraph("- not a list")).toBe("\\- not a list")
    expect(Markdown.paragraph("2020. Year")).toBe("2020\\. Year")
    expect(Markdown.paragraph("  line\n\nbreak  ")).toBe("line break")
    expect(Markdown.paragraph("1\u00a0234")).toBe("1\u00a0234")
    expect(Markdown.paragraph("\u00a0x\u00a0")).toBe("\u00a0x\u00a0")
    expect(Markdown.list(["a", "+b"])).toBe("- a\n- \\+b")
    expect(Markdown.list(["a", "b"], { ordered: true })).toBe("1. a\n2. b")
    expect(
      Markdown.table([{ header: "Канал" }, { header: "2020", align: "right" }], [["Пись|менные", "3780"], ["Устные"]])
    ).toBe("| Канал | 2020 |\n| --- | ---: |\n| Пись\\|менные | 3780 |\n| Устные |  |")
    expect(Markdown.table([], [["x"]])).toBe("")
    expect(Markdown.strong("Итого")).toBe("**Итого**")
    expect(Markdown.document(["# A", "", "text"])).toBe("# A\n\ntext\n")
  })

  it.prop(
    "a heading or list item is one line whose text unescapes to the input",
    [anyText, fc.integer({ min: 1, max: 6 })],
    ([s, level]) => {
      const h = Markdown.heading(level as Reporting.Markdown.Level, s)
      expect(h.split("\n").length).toBe(1)
      expect(h.startsWith(`${"#".repeat(level)} `)).toBe(true)
      const body = h.slice(level + 1)
      expect(unescapeMd(body)).toBe(normaliseMd(s))
      expect(body).not.toMatch(/^[+\-=>#*]|^\d+[.)]/)
      const item = Markdown.list([s])
      expect(item.split("\n").length).toBe(1)
      expect(unescapeMd(item.slice(2))).toBe(normaliseMd(s))
    }
  )

  it.prop(
    "a table cell never breaks out: every row has the columns, every cell unescapes to its input",
    [
      fc.array(anyText, { minLength: 1, maxLength: 4 }),
      fc.array(fc.array(anyText, { maxLength: 5 }), { maxLength: 4 })
    ],
    ([headers, rows]) => {
      const t = Markdown.table(
        headers.map((header) => ({ header })),
        rows
      )
      const lines = t.split("\n")
      expect(lines.length).toBe(rows.length + 2)
      lines.forEach((line, k) => {
        const cells = splitRow(line)
        expect(cells.length).toBe(headers.length + 2)
        expect(cells[0]).toBe("")
        expect(cells[cells.length - 1]).toBe("")
        if (k === 1) return
        const source = k === 0 ? headers : headers.map((_, i) => rows[k - 2]?.[i] ?? "")
        cells.slice(1, -1).forEach((c, i) => expect(unescapeMd(c.slice(1, -1))).toBe(normaliseMd(source[i] ?? "")))
      })
    }
  )
})
