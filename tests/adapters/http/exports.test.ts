/**
 * `GET /appeals/export` and `GET /appeals/analysis/export` in process over
 * the memory store: the journal as CSV (BOM, RFC 4180, guarded) and XLSX
 * with the read model's rows of the period, personal columns only when
 * asked by a role that may see them, a division head's rows of their
 * division only, the analysis as a workbook, refusals naming the field.
 */
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Appeals } from "../../../src/index.js"
import { people, registration, start } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>
const J = Appeals.JournalExport

const workbook = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

describe("the exports over HTTP", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
    const register = async (id: string, n: number, overrides: Record<string, unknown> = {}) =>
      expect(
        (await s.call("POST", "/appeals", { who: people.clerk, body: registration(id, n, overrides) })).status
      ).toBe(201)
    await register("A-1", 1)
    await register("A-2", 2, { text: '=HYPERLINK("http://evil","click")', applicant: { name: "@SUM(1+1)" } })
    await register("A-3", 3)
    expect(
      (await s.call("POST", "/appeals/A-2/assign", { who: people.clerk, body: { division: "economy" } })).status
    ).toBe(200)
  })
  afterAll(async () => s.close())

  it("CSV: a BOM, the header, one guarded line per appeal of the period, as an attachment; no personal data unasked", async () => {
    const r = await s.call("GET", "/appeals/export?period=2021-03", { who: people.clerk })
    expect(r.status, r.text).toBe(200)
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="appeals-2021-03.csv"')
    expect(r.bytes.slice(0, 3)).toStrictEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    const [header, ...lines] = r.text.slice(1).trimEnd().split("\r\n")
    expect(`${header}\r\n`).toBe(J.csvLine(J.columns("ru", false)))
    expect(lines.map((l) => l.split(",")[0])).toStrictEqual(["ОГ-2021-00001", "ОГ-2021-00002", "ОГ-2021-00003"])
    expect(r.text).not.toMatch(/Иванова|HYPERLINK/)
    expect((await s.call("GET", "/appeals/export?period=2021-04", { who: people.clerk })).text).toBe(
      J.BOM + J.csvLine(J.columns("ru", false))
    )
  })

  it("personal=true: the applicant's columns and the text, every formula guarded", async () => {
    const r = await s.call("GET", "/appeals/export?period=2021-03-15&personal=true&lang=en", { who: people.admin })
    expect(r.status, r.text).toBe(200)
    expect(r.text).toMatch(/Иванова Мария Петровна/)
    expect(r.text).toContain(`'@SUM(1+1)`)
    expect(r.text).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`)
    const controller = await s.call("GET", "/appeals/export?period=2021-03&personal=true", { who: people.controller })
    expect(controller.status).toBe(403)
    expect(controller.body).toMatchObject({ _tag: "Forbidden", action: "exportPersonalData" })
  })

  it("a division head exports their division's appeals only", async () => {
    const r = await s.call("GET", "/appeals/export?period=2021", { who: people.head })
    expect(r.status, r.text).toBe(200)
    expect(
      r.text
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[0])
    ).toStrictEqual(["ОГ-2021-00002"])
    expect((await s.call("GET", "/appeals/export?period=2021&division=housing", { who: people.head })).status).toBe(403)
  })

  it("XLSX: the same rows in a workbook, formulas kept as text", async () => {
    const r = await s.call("GET", "/appeals/export?period=2021-Q1&format=xlsx&personal=true", { who: people.clerk })
    expect(r.status, r.text.slice(0, 200)).toBe(200)
    expect(r.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    const sheet = (await workbook(r.bytes)).getWorksheet("Журнал")!
    expect(sheet.rowCount).toBe(4)
    expect(sheet.getRow(1).getCell(1).value).toBe("Рег. номер")
    expect(sheet.getRow(3).getCell(1).value).toBe("ОГ-2021-00002")
    expect(sheet.getRow(3).getCell(21).value).toBe("'@SUM(1+1)")
  })

  it("the monthly analysis as a workbook, for controllers and administrators", async () => {
    const r = await s.call("GET", "/appeals/analysis/export?period=2021-03&asOf=2021-03-31&lang=en", {
      who: people.controller
    })
    expect(r.status, r.text.slice(0, 200)).toBe(200)
    const wb = await workbook(r.bytes)
    const figures = wb.getWorksheet("Analysis")!
    const total = figures.getRow(2)
    expect([total.getCell(1).value, total.getCell(3).value, total.getCell(4).value]).toStrictEqual(["Total", 3, 0])
    expect(wb.getWorksheet("Recommendations")).toBeDefined()
    expect(
      (await s.call("GET", "/appeals/analysis/export?period=2021-03&asOf=2021-03-31", { who: people.clerk })).status
    ).toBe(403)
  })

  it("refusals name what was wrong: the period, the format, a citizen", async () => {
    for (const period of ["2021-13", "March", "2021-2030", ""]) {
      const r = await s.call("GET", `/appeals/export?period=${encodeURIComponent(period)}`, { who: people.clerk })
      expect(r.status, period).toBe(400)
      expect(r.body).toMatchObject({ _tag: "InvalidInput", field: "period" })
    }
    expect((await s.call("GET", "/appeals/export?period=2021-03&format=pdf", { who: people.clerk })).status).toBe(400)
    expect((await s.call("GET", "/appeals/export", { who: people.clerk })).status).toBe(400)
    expect((await s.call("GET", "/appeals/export?period=2021-03", { who: people.citizen })).status).toBe(403)
    expect((await s.call("GET", "/appeals/export?period=2021-03")).status).toBe(401)
  })
})
