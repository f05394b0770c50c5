/**
 * The demo city's annual report printed to PDF by headless Chromium (its
 * print to PDF, the print style sheet of the page): A4 pages, a page count
 * that fits the report, and the key figures' text on the pages, in both
 * languages. Skipped with one line when Chromium is not installed.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { Demo, Period, Reporting } from "../../src/index.js"
import { fold } from "../demo/fold.js"
import { pdfPages } from "./pdf.js"

const CHROMIUM = "/usr/bin/chromium"
const dir = mkdtempSync(join(tmpdir(), "cityhall-pdf-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const printToPdf = (html: string, name: string): Promise<Buffer> => {
  const page = join(dir, `${name}.html`)
  const pdf = join(dir, `${name}.pdf`)
  writeFileSync(page, html)
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${join(dir, `chromium-${name}`)}`,
        "--no-pdf-header-footer",
        `--print-to-pdf=${pdf}`,
        `file://${page}`
      ],
      { stdio: "ignore" }
    )
    child.once("error", reject)
    child.once("exit", () => (existsSync(pdf) ? resolve(readFileSync(pdf)) : reject(new Error(`no PDF for ${name}`))))
  })
}

/** Spaces of any kind (the U+202F of Russian groups, line breaks of the layout) as one space. */
const flat = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, " ")

describe("the annual report printed to PDF by headless Chromium", () => {
  const records = fold(Demo.Generator.generate({ seed: 2020 }).records)
  const figures = Reporting.AnnualReport.figures(
    Reporting.AnnualReport.inputOf(records, 2020, Period.unsafeDay("2020-12-31"))
  )
  const html = (lang: "ru" | "en") => Reporting.ReportDocument.toHtml(Reporting.AnnualReport.document(figures, lang))
  const economy = figures.planning!.annualByDivision.find((d) => d.division === "economy")!

  it.skipIf(!existsSync(CHROMIUM))(
    "A4 pages, as many as the report needs, with the key figures' text on them, in both languages",
    async () => {
      for (const lang of ["ru", "en"] as const) {
        const pdf = await printToPdf(html(lang), `report-${lang}`)
        // A4 is 595.28 x 841.89 pt: Chromium writes its MediaBox rounded to its own units
        const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)]
        expect(boxes.length).toBeGreaterThan(0)
        for (const b of boxes) {
          expect(Math.abs(Number(b[1]) - 595.28)).toBeLessThan(1)
          expect(Math.abs(Number(b[2]) - 841.89)).toBeLessThan(1)
        }
        const pages = pdfPages(pdf)
        expect(pages.length).toBe(boxes.length)
        expect(pages.length).toBeGreaterThanOrEqual(4)
        // about ten pages with Chromium's fonts here; the bound leaves room for other fonts
        expect(pages.length).toBeLessThanOrEqual(24)
        const text = flat(pages.join("\n"))
        const n = (x: number) => flat(Reporting.Numbers.formatNumber(lang, x))
        const percent = (x: number) => flat(Reporting.Numbers.formatPercent(lang, x))
        const expected =
          lang === "ru"
            ? [
                "Отчёт об организационной работе администрации города за 2020 год",
                "Данные на 31 декабря 2020 г.",
                `поступило ${n(11384)} обращения, в том числе 3780 письменных, 7459 электронных и 145 устных обращений`,
                "принят 161 человек (в 2019 году — 328 человек)",
                "161 человек (\u221250,9 %)",
                "С 28 марта по 30 июня 2020 г.",
                "Исполнение годового плана по подразделениям",
                "Задачи на 2021 год",
                "19 сентября 2021 г. — единый день голосования (голосование с 17 по 19 сентября 2021 г.)"
              ]
            : [
                "Annual report on the organisational work of the city administration, 2020",
                "Figures as of 31 December 2020",
                "received 11,384 appeals, including 3,780 written, 7,459 electronic and 145 oral appeals",
                "received 161 people at personal receptions (2019: 328 people)",
                "Execution of the annual plan by division",
                "Tasks for 2021"
              ]
        for (const e of expected) expect([lang, e, text.includes(flat(e))]).toStrictEqual([lang, e, true])
        // the annual plan's execution of a division, in its table and on its chart: printed at least twice
        const share = percent(economy.executed / economy.items)
        expect(text.split(share).length - 1).toBeGreaterThanOrEqual(2)
        // the first page starts with the title; the last page is not empty
        expect(flat(pages[0]!).startsWith(lang === "ru" ? "Отчёт" : "Annual report")).toBe(true)
        expect(flat(pages[pages.length - 1]!).trim().length).toBeGreaterThan(0)
      }
    },
    120_000
  )
  if (!existsSync(CHROMIUM))
    console.info(
      `chromium print-to-PDF test skipped: ${CHROMIUM} is missing (install it with 'apt-get install -y chromium', as .ci/run does)`
    )
})
