/**
 * The journal's rows as CSV and sheet cells: RFC 4180 quoting read back by
 * a reference parser, the formula-injection guard on every text a citizen
 * could write, and one cell per column in both languages.
 */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import * as JournalExport from "../../src/appeals/JournalExport.js"
import { runs } from "../support/runs.js"

/** A reference RFC 4180 reader of one record (with its CRLF). */
const readRecord = (line: string): ReadonlyArray<string> => {
  expect(line.endsWith("\r\n")).toBe(true)
  const s = line.slice(0, -2)
  const out: Array<string> = []
  let i = 0
  for (;;) {
    if (s[i] === '"') {
      let v = ""
      i++
      for (;;) {
        const j = s.indexOf('"', i)
        expect(j).toBeGreaterThanOrEqual(0)
        v += s.slice(i, j)
        if (s[j + 1] === '"') {
          v += '"'
          i = j + 2
        } else {
          i = j + 1
          break
        }
      }
      out.push(v)
    } else {
      const j = s.indexOf(",", i)
      const v = j < 0 ? s.slice(i) : s.slice(i, j)
      expect(v).not.toMatch(/["\r\n]/)
      out.push(v)
      i = j < 0 ? s.length : j
    }
    if (i >= s.length) break
    expect(s[i]).toBe(",")
    i++
    if (i === s.length) {
      out.push("")
      break
    }
  }
  return out
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "a", "Я", " ") })
)

/** A closed complaint to the Mayor. */
const base: JournalExport.Entry = {
  appealId: "A-1",
  registrationNumber: "ОГ-2020-00001",
  receivedOn: "2020-03-02",
  registeredOn: "2020-03-03",
  channel: "written",
  kind: "individual",
  type: "complaint",
  topic: "0003.0009.0097.0682",
  topics: ["0003.0009.0097.0682", "0005.0005.0056.1134"],
  addressee: "mayor",
  division: "economy",
  executor: "off-1",
  due: "2020-04-02",
  extensionDays: 10,
  state: "Closed",
  outcome: "answered",
  closedOn: "2020-03-30",
  result: "explained",
  answerNumber: "Исх-2020-00007",
  answerDate: "2020-03-30",
  closedLate: false
}

describe("JournalExport", () => {
  it("a CSV record reads back as its cells, each text guarded", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.integer()), { minLength: 1, maxLength: 8 }), (cells) => {
        const back = readRecord(JournalExport.csvLine(cells))
        expect(back).toStrictEqual(cells.map((c) => (typeof c === "number" ? String(c) : JournalExport.guard(c))))
      }),
      { numRuns: runs(300) }
    )
  })

  it("the guard: a text that a spreadsheet reads as a formula gets a leading ', any other is unchanged", () => {
    fc.assert(
      fc.property(text, (s) => {
        const g = JournalExport.guard(s)
        expect(g).not.toMatch(/^[=+\-@\t\r]/)
        expect(g).toBe(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)
      }),
      { numRuns: runs(300) }
    )
    expect(JournalExport.guard('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")')
    expect(JournalExport.guard("@SUM(A1)")).toBe("'@SUM(A1)")
    expect(JournalExport.guard("-1+2")).toBe("'-1+2")
    expect(JournalExport.guard("Иванов")).toBe("Иванов")
    expect(JournalExport.sheetCells(["=1+1", 5, "ok"])).toStrictEqual(["'=1+1", 5, "ok"])
  })

  it("a row has one cell per column, with and without the personal columns, in both languages", () => {
    const entry = base
    const personal: JournalExport.Personal = {
      name: "=Иванов",
      postalAddress: undefined,
      email: "a@b.ru",
      phone: undefined,
      text: "Текст, с запятой"
    }
    const names: JournalExport.Names = {
      division: (id) => (id === "economy" ? "Комитет по экономике" : id),
      official: (id) => (id === "off-1" ? "Петров П. П." : id === "deputy-1" ? "Заместитель Мэра по экономике" : id),
      municipalOrganisation: (id) => (id === "vodokanal" ? "МУП «Водоканал»" : id),
      mayor: undefined
    }
    for (const lang of ["ru", "en"] as const) {
      expect(JournalExport.cells(entry, lang)).toHaveLength(JournalExport.columns(lang, false).length)
      expect(JournalExport.cells(entry, lang, personal)).toHaveLength(JournalExport.columns(lang, true).length)
    }
    expect(JournalExport.csvLine(JournalExport.cells(entry, "ru", personal, names))).toBe(
      'ОГ-2020-00001,2020-03-02,2020-03-03,Письменное,Индивидуальное,Жалоба,0003.0009.0097.0682,0003.0009.0097.0682; 0005.0005.0056.1134,Мэр города,Комитет по экономике,Петров П. П.,2020-04-02,10,Закрыто,Дан ответ по существу,2020-03-30,Разъяснено,Исх-2020-00007,2020-03-30,нет,\'=Иванов,,a@b.ru,,"Текст, с запятой"\r\n'
    )
    expect(JournalExport.csvLine(JournalExport.cells(entry, "en", undefined, names))).toBe(
      "ОГ-2020-00001,2020-03-02,2020-03-03,Written,Individual,Complaint,0003.0009.0097.0682,0003.0009.0097.0682; 0005.0005.0056.1134,Mayor,Комитет по экономике,Петров П. П.,2020-04-02,10,Closed,Answered on the merits,2020-03-30,Explained,Исх-2020-00007,2020-03-30,no\r\n"
    )
    // without names, ids print as they are
    expect(JournalExport.cells(entry, "ru").slice(8, 11)).toStrictEqual(["Мэр города", "economy", "off-1"])
    // the addressee by name, whatever its kind; a key of no known shape as it is
    expect(
      [
        "mayor",
        "deputyMayor:deputy-1",
        "division:economy",
        "municipalOrganization:vodokanal",
        "division:gone",
        "x"
      ].map((k) => JournalExport.addresseeLabel(k, "ru", names))
    ).toStrictEqual([
      "Мэр города",
      "Заместитель Мэра по экономике",
      "Комитет по экономике",
      "МУП «Водоканал»",
      "gone",
      "x"
    ])
    expect(JournalExport.addresseeLabel("mayor", "en", { ...names, mayor: "Mayor of the city" })).toBe(
      "Mayor of the city"
    )
  })

  it("the Russian and English journals print words for every kind, type and channel, never the codes", () => {
    const codes = new Set<string>([
      "individual",
      "collective",
      "repeated",
      "collectiveRepeated",
      "proposal",
      "statement",
      "complaint",
      "request",
      "written",
      "electronic",
      "oral"
    ])
    fc.assert(
      fc.property(
        fc.constantFrom(...(["individual", "collective", "repeated", "collectiveRepeated"] as const)),
        fc.constantFrom(...(["proposal", "statement", "complaint", "request"] as const)),
        fc.constantFrom(...(["written", "electronic", "oral"] as const)),
        fc.constantFrom("ru" as const, "en" as const),
        (kind, type, channel, lang) => {
          const c = JournalExport.cells({ ...base, kind, type, channel }, lang)
          expect(c.slice(3, 6).every((x) => typeof x === "string" && x.length > 0 && !codes.has(x))).toBe(true)
          expect(c[4]).toBe(JournalExport.kindLabel(kind, lang))
          expect(c[5]).toBe(JournalExport.typeLabel(type, lang))
          if (lang === "ru") expect(c.slice(3, 6).join(" ")).toMatch(/^[А-ЯЁа-яё ]+$/)
        }
      ),
      { numRuns: runs(50) }
    )
    expect(["proposal", "statement", "complaint"].map((t) => JournalExport.typeLabel(t as never, "ru"))).toStrictEqual([
      "Предложение",
      "Заявление",
      "Жалоба"
    ])
  })
})
