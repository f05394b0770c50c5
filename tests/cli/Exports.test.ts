/**
 * `cityhall appeals export`, `cityhall report monthly --format xlsx` and
 * `cityhall appeals remind` in process, on a store imported from a sample
 * of the demo city: the journal's CSV lines are the read model's rows of
 * the period (stdout and --out alike), the workbook has the same rows, the
 * personal columns only when asked, and bad options are refused naming them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run } from "../../adapters/cli/Cli.js"
import * as Format from "../../adapters/cli/import/Format.js"
import * as Db from "../../adapters/cli/internal/Db.js"
import { Administration, App, Appeals, Demo, Period } from "../../src/index.js"

const dir = mkdtempSync(join(tmpdir(), "cityhall-exports-"))
const db = join(dir, "city.sqlite")
const cli = (...args: ReadonlyArray<string>) => Effect.runPromise(run(args))
const J = Appeals.JournalExport

beforeAll(async () => {
  const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
  const city = Demo.Generator.generate({ seed: 2020 })
  const appeals = [
    ...city.records.filter((r) => r.kind === "organisation"),
    ...city.records.filter((r) => r.kind === "appeal").filter((_, i) => i % 25 === 0)
  ]
  const file = join(dir, "appeals.jsonl")
  writeFileSync(file, `${appeals.map((r) => encode(r)).join("\n")}\n`)
  const r = await cli("import", file, "--db", db)
  expect(r.exitCode, r.stderr).toBe(0)
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The read model's rows of March 2020, as the journal's CSV lines (named by the stored organisation). */
const expectedLines = (lang: "ru" | "en") =>
  Effect.runPromise(
    Db.withStore(
      db,
      false,
      Effect.all([
        Appeals.AppealRecords.registeredIn(Period.unsafeMonth("2020-03")),
        Administration.OrganisationRecords.inForceOn(Period.unsafeDay("2020-03-31"))
      ])
    )
  ).then(([rows, organisation]) => {
    expect(organisation).toBeDefined()
    const names = App.AppealExports.namesOf(organisation, lang)
    return rows.map((row) => J.csvLine(J.cells(J.entryOf(row), lang, undefined, names)))
  })

describe("cityhall appeals export", () => {
  it("CSV: a BOM, the header, then the read model's rows of the period; --out writes the same bytes", async () => {
    const r = await cli("appeals", "export", "--period", "2020-03", "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const lines = await expectedLines("ru")
    expect(lines.length).toBeGreaterThan(10)
    expect(r.stdout).toBe(J.BOM + J.csvLine(J.columns("ru", false)) + lines.join(""))
    const out = join(dir, "march.csv")
    const f = await cli("appeals", "export", "--period", "2020-03", "--out", out, "--db", db)
    expect(f.exitCode, f.stderr).toBe(0)
    expect(f.stdout).toBe(`${out}\n`)
    expect(readFileSync(out, "utf8")).toBe(r.stdout)
    // no personal data without the option
    expect(r.stdout).not.toMatch(/Заявитель|@example/)
    // words and names, not codes
    expect(r.stdout).not.toMatch(/,(individual|collective|repeated|complaint|statement|proposal|mayor),|division:/)
    expect(r.stdout).toMatch(/Жалоба|Заявление|Предложение/)
    expect(r.stdout).toMatch(/,(Управление|Комитет|Департамент|Отдел)[^,]*,/)
  })

  it("--with-personal-data adds the applicant's columns; --lang en", async () => {
    const r = await cli("appeals", "export", "--period", "2020-03", "--with-personal-data", "--lang", "en", "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const [header, ...rows] = r.stdout.slice(1).trimEnd().split("\r\n")
    expect(header).toBe(J.columns("en", true).join(","))
    expect(rows.length).toBe((await expectedLines("en")).length)
    expect(rows.some((l) => /@example\.ru/.test(l))).toBe(true)
  })

  it("XLSX: the header and one row per appeal, as the CSV", async () => {
    const out = join(dir, "march.xlsx")
    const r = await cli("appeals", "export", "--period", "2020-03", "--format", "xlsx", "--out", out, "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet("Журнал")!
    const lines = await expectedLines("ru")
    expect(sheet.rowCount).toBe(1 + lines.length)
    expect(sheet.getRow(1).getCell(1).value).toBe("Рег. номер")
    const first = J.csvLine(
      (sheet.getRow(2).values as ReadonlyArray<string | number | null>).slice(1).map((v) => (v === null ? "" : v))
    )
    expect(first).toBe(lines[0])
  })

  it("bad options are refused naming them: the period (exit 1), a workbook without --out (exit 2)", async () => {
    for (const period of ["2020-13", "March", "2020-2030"]) {
      const r = await cli("appeals", "export", "--period", period, "--db", db)
      expect(r.exitCode, period).toBe(1)
      expect(r.stderr).toMatch(/InvalidRequest: --period/)
    }
    const x = await cli("appeals", "export", "--period", "2020-03", "--format", "xlsx", "--db", db)
    expect(x.exitCode).toBe(2)
    expect(x.stderr).toMatch(/--out/)
  })
})

describe("cityhall report monthly --format xlsx", () => {
  it("the analysis's figures beside the previous year's, and the recommendations", async () => {
    const out = join(dir, "analysis.xlsx")
    const r = await cli("report", "monthly", "--month", "2020-03", "--format", "xlsx", "--out", out, "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer)
    const figures = wb.getWorksheet("Анализ")!
    expect(figures.getRow(2).getCell(1).value).toBe("Всего")
    expect(figures.getRow(2).getCell(3).value).toBe((await expectedLines("ru")).length)
    expect(wb.getWorksheet("Рекомендации")).toBeDefined()
    expect((await cli("report", "monthly", "--month", "2020-03", "--format", "xlsx", "--db", db)).exitCode).toBe(2)
  })
})

describe("cityhall appeals remind", () => {
  it("answers the day, the open appeals looked at and the reminders sent (none twice); a bad threshold is refused", async () => {
    const first = await cli("appeals", "remind", "--db", db)
    expect(first.exitCode, first.stderr).toBe(0)
    const a = JSON.parse(first.stdout)
    expect(Object.keys(a).sort()).toStrictEqual(["checked", "emitted", "on"])
    const second = JSON.parse((await cli("appeals", "remind", "--db", db)).stdout)
    expect(second.emitted).toStrictEqual([])
    const bad = await cli("appeals", "remind", "--threshold", "31", "--db", db)
    expect(bad.exitCode).toBe(1)
    expect(bad.stderr).toMatch(/--threshold/)
  })
})
