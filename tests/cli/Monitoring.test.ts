/**
 * `cityhall report monitoring` in process: JSON, CSV and an XLSX workbook
 * from a store, the totals equal to the monthly analysis of the same store,
 * and a bad month or a workbook without a file refused naming the option.
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
import * as Reports from "../../adapters/cli/internal/Reports.js"
import { Appeals, Demo, Period } from "../../src/index.js"

const dir = mkdtempSync(join(tmpdir(), "cityhall-monitoring-"))
const db = join(dir, "city.sqlite")
const cli = (...args: ReadonlyArray<string>) => Effect.runPromise(run(args))
const MARCH = Period.unsafeMonth("2020-03")

beforeAll(async () => {
  const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
  const city = Demo.Generator.generate({ seed: 2020 })
  const appeals = city.records.filter((r) => r.kind === "appeal").filter((_, i) => i % 25 === 0)
  const file = join(dir, "appeals.jsonl")
  writeFileSync(file, `${appeals.map((r) => encode(r)).join("\n")}\n`)
  const r = await cli("import", file, "--db", db)
  expect(r.exitCode, r.stderr).toBe(0)
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("cityhall report monitoring", () => {
  it("JSON: the documented format, totals equal to the monthly analysis of the same store", async () => {
    const r = await cli("report", "monitoring", "--month", "2020-03", "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    const report = Schema.decodeUnknownSync(Appeals.Monitoring.MonitoringReport)(JSON.parse(r.stdout))
    const records = await Effect.runPromise(Db.withStore(db, false, Reports.records))
    const analysis = Appeals.Analysis.analyse(records.appeals, MARCH, Period.lastDay(MARCH))
    expect(report.totals.appeals).toBe(analysis.total)
    expect(report.totals.appeals).toBeGreaterThan(0)
    expect(report).toStrictEqual(Appeals.Monitoring.report(records.appeals, MARCH))
  })

  it("CSV and an XLSX workbook with the same rows", async () => {
    const csv = await cli("report", "monitoring", "--month", "2020-03", "--format", "csv", "--db", db)
    expect(csv.exitCode, csv.stderr).toBe(0)
    const lines = csv.stdout.trimEnd().split("\r\n")
    const json = JSON.parse((await cli("report", "monitoring", "--month", "2020-03", "--db", db)).stdout)
    expect(lines[0]).toBe("Обращение,Дата регистрации,Вопрос,Код классификатора,Раздел,Статус,Статус (код)")
    expect(lines.length).toBe(1 + json.questions.length + 1 + 1 + Object.keys(json.totals.bySection).length + 1)
    const out = join(dir, "march.xlsx")
    const x = await cli(
      "report",
      "monitoring",
      "--month",
      "2020-03",
      "--format",
      "xlsx",
      "--lang",
      "en",
      "--out",
      out,
      "--db",
      db
    )
    expect(x.exitCode, x.stderr).toBe(0)
    expect(x.stdout).toBe(`${out}\n`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer)
    const questions = wb.getWorksheet("Questions")!
    expect(questions.rowCount).toBe(1 + json.questions.length)
    expect(questions.getRow(2).getCell(7).value).toBe(json.questions[0].status)
    const totals = wb.getWorksheet("Totals")!
    expect(totals.getRow(totals.rowCount).getCell(10).value).toBe(json.totals.questions)
  })

  it("a month that is no month or before the Decree is refused naming --month (exit 1); a workbook needs --out (exit 2)", async () => {
    for (const month of ["2020-13", "1900-01", "2017-06", "March"]) {
      const r = await cli("report", "monitoring", "--month", month, "--db", db)
      expect(r.exitCode, month).toBe(1)
      expect(r.stderr).toMatch(/^cityhall report monitoring: InvalidMonitoringMonth: --month: /)
    }
    const x = await cli("report", "monitoring", "--month", "2020-03", "--format", "xlsx", "--db", db)
    expect(x.exitCode).toBe(2)
    expect(x.stderr).toContain("--out")
    expect((await cli("report", "monitoring", "--month", "2020-03", "--format", "pdf", "--db", db)).exitCode).toBe(2)
    expect((await cli("report", "monitoring", "--month", "2020-03", "--db", join(dir, "none.sqlite"))).exitCode).toBe(1)
  })
})
