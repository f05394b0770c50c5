/**
 * The annual report read as an official reads it before signing (issue 21):
 * every chart shows the figure of the table beside it (its title is the
 * table's caption, its data the table's cells), every number of the text is
 * written by the one rule of its language, no ISO day reaches the reader,
 * decreases take the minus sign in Russian, and sections without records
 * are left out.
 */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Demo, Period, Reporting } from "../../src/index.js"
import type { Planning } from "../../src/index.js"
import { fold } from "../demo/fold.js"
import { runs } from "../support/runs.js"

const { AnnualReport, ReportDocument: R, Numbers } = Reporting
type Section = Reporting.ReportDocument.Section
type Lang = Reporting.Plural.Lang

const city = Demo.Generator.generate({ seed: 2020 })
const records = fold(city.records)
const day = Period.unsafeDay
const f2020 = AnnualReport.figures(AnnualReport.inputOf(records, 2020, day("2020-12-31")))

const allSections = (sections: ReadonlyArray<Section>): ReadonlyArray<Section> =>
  sections.flatMap((s) => [s, ...allSections(s.sections)])

const cellText = (c: Reporting.ReportDocument.Cell | undefined): string =>
  typeof c === "string" ? c : typeof c === "number" ? String(c) : ""

/** Every chart of a document against the table it is drawn from; answers the charts checked. */
const checkCharts = (doc: Reporting.ReportDocument.ReportDocument): number => {
  let charts = 0
  for (const s of allSections(doc.sections)) {
    for (const b of s.blocks) {
      if (b._tag !== "Chart") continue
      charts++
      const chart = b.chart
      const table = R.tableOfChart(s, chart)
      expect(table, `the table of the chart «${chart.title}»`).toBeDefined()
      const rows = table!.rows
      const headers = table!.columns.map((c) => c.header)
      if (chart._tag === "HorizontalBars") {
        const column = headers.indexOf(chart.xLabel)
        expect(column, `the column «${chart.xLabel}» of «${chart.title}»`).toBeGreaterThan(0)
        expect(chart.bars.map((x) => x.label)).toStrictEqual(rows.map((r) => cellText(r[0])))
        expect(chart.bars.map((x) => x.value)).toStrictEqual(
          rows.map((r) => {
            const c = r[column]
            return typeof c === "object" && c._tag === "Percent" ? c.ratio : Number.NaN
          })
        )
      } else {
        expect(chart.categories).toStrictEqual(rows.map((r) => cellText(r[0])))
        for (const series of chart.series) {
          const column = headers.indexOf(series.name)
          expect(column, `the column «${series.name}» of «${chart.title}»`).toBeGreaterThan(0)
          expect(series.values).toStrictEqual(rows.map((r) => r[column]))
        }
      }
    }
  }
  return charts
}

/** The numbers of a text written against its language's rule (the offending pieces). */
const misformatted = (lang: Lang, text: string): ReadonlyArray<string> => {
  // classifier codes (0005.0005) and record numbers are not quantities
  const t = text.replace(/\b\d{4}(\.\d{4})+\b/g, "code").replace(/№\s?[\w-]+/g, "number")
  const bad: Array<string> = []
  const find = (re: RegExp) => {
    for (const m of t.matchAll(re)) bad.push(m[0])
  }
  if (lang === "ru") {
    find(/\d{5,}/g) // five digits and more are grouped
    find(/\d{4}\u202f/g) // a group follows at most three digits
    find(/(?:^|[\s(|])-\d/gm) // the minus sign, never the hyphen
    find(/\d,\d{3}\b(?!\s*%)/g) // no English grouping… (a decimal comma has other digits)
    find(/\d\u00a0\d/g) // groups by U+202F only
    find(/\b\d+\.\d+\b/g) // the decimal comma
  } else {
    // four digits and more are grouped with commas; a year is not a quantity
    for (const m of t.matchAll(/\b\d{4,}\b/g)) if (!/^(19|20)\d\d$/.test(m[0])) bad.push(m[0])
    find(/\d[\u00a0\u202f]\d/g)
    find(/\b\d+,\d+%/g) // the decimal point
  }
  return bad
}

const markdown = (doc: Reporting.ReportDocument.ReportDocument): string => R.toMarkdown(doc)

describe("every chart shows the figure of the table beside it", () => {
  it("the demo city's 2020 report, both languages: every chart is drawn from a table of its section", () => {
    for (const lang of ["ru", "en"] as const) {
      const doc = AnnualReport.document(f2020, lang)
      // appeals by month, topics, on time by month, annual plan, monthly plans
      expect(checkCharts(doc)).toBeGreaterThanOrEqual(5)
    }
  })

  it("«Исполнение годового плана» shows the annual plan's execution of the table (66,7 %), not the monthly plans' (96,4 %)", () => {
    const doc = AnnualReport.document(f2020, "ru")
    const planning = doc.sections.find((s) => s.heading === "Планирование и контроль")!
    const chart = planning.blocks.flatMap((b) =>
      b._tag === "Chart" && b.chart._tag === "HorizontalBars" && b.chart.title.startsWith("Исполнение годового плана")
        ? [b.chart]
        : []
    )[0]!
    const p = f2020.planning!
    expect(chart.bars.map((x) => x.value)).toStrictEqual(p.annualByDivision.map((d) => d.executed / d.items))
    const economy = p.annualByDivision.find((d) => d.division === "economy")!
    const bar = chart.bars.find((x) => x.label === "Управление экономического развития")!
    expect(bar.value).toBe(economy.executed / economy.items)
    const monthly = p.byDivision.find((d) => d.division === "economy")!
    expect(bar.value).not.toBe(monthly.done / monthly.planned)
    const svg = Reporting.Svg.render(chart, "ru")
    expect(svg).toContain(Numbers.formatPercent("ru", economy.executed / economy.items))
  })

  const plans = (records.plans ?? []) as ReadonlyArray<Planning.Plan.State>
  const asOf = fc.integer({ min: 0, max: 500 }).map((n) => Period.addDays(day("2020-01-01"), n))
  it("for any selection of plans and any day: every chart of both languages matches its table", () => {
    fc.assert(
      fc.property(fc.subarray([...plans]), asOf, fc.constantFrom("ru" as const, "en" as const), (selected, d, lang) => {
        const doc = AnnualReport.build(AnnualReport.inputOf({ ...records, plans: selected }, 2020, d), lang)
        checkCharts(doc)
      }),
      { numRuns: runs(15) }
    )
  })
})

/** Figures with counts of every size, to put each number of the text through the rule. */
const count = fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1000, max: 99_999 }), fc.nat(20_000_000))
const pair = fc.record({ current: count, previous: count })
const channels = fc.record({ written: count, electronic: count, oral: count })
const timeliness = fc.record({ onTime: count, late: count, overdue: count, pending: count })
const appealsFigures = fc.record({
  total: pair,
  byChannel: fc.record({ written: pair, electronic: pair, oral: pair }),
  monthly: fc.array(channels, { minLength: 12, maxLength: 12 }),
  previousMonthly: fc.array(channels, { minLength: 12, maxLength: 12 }),
  monthlyTimeliness: fc.array(timeliness, { minLength: 12, maxLength: 12 }),
  timeliness,
  topics: fc.constant(f2020.appeals.topics),
  recommendations: fc.constant(f2020.appeals.recommendations),
  measures: fc.constant(f2020.appeals.measures),
  loop: fc.constant(f2020.appeals.loop)
})
const division = fc.record({ planned: count, done: count, doneLate: count, overdue: count })

describe("every number of the text is written by the one rule of its language", () => {
  it("the rule itself: Russian groups five digits and more with U+202F and takes U+2212; English groups four and more with commas", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const ru = Numbers.formatNumber("ru", n)
        const en = Numbers.formatNumber("en", n)
        expect(ru).toMatch(/^\u2212?(\d{1,4}|\d{1,3}(\u202f\d{3})+)$/)
        expect(en).toMatch(/^-?(\d{1,3}(,\d{3})*)$/)
        expect(Number(ru.replace(/\u202f/g, "").replace("\u2212", "-"))).toBe(n)
        expect(Number(en.replace(/,/g, ""))).toBe(n)
      }),
      { numRuns: runs(200) }
    )
  })

  it("any figures, both languages: no number of the report breaks the rule, no ISO day, no hyphen for a decrease", () => {
    fc.assert(
      fc.property(
        appealsFigures,
        fc.array(division, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("ru" as const, "en" as const),
        (appeals, divisions, lang) => {
          const p = f2020.planning!
          const f: Reporting.AnnualReport.Figures = {
            ...f2020,
            appeals,
            planning: {
              ...p,
              byDivision: divisions.map((x, i) => ({ division: `d${i}`, ...x }))
            }
          }
          const text = markdown(AnnualReport.document(f, lang))
          expect(misformatted(lang, text)).toStrictEqual([])
          expect(Reporting.Dates.hasIsoDay(text)).toBe(false)
        }
      ),
      { numRuns: runs(40) }
    )
  })

  it("the check finds the defects the issue names", () => {
    expect(misformatted("en", "10,623 appeals of 11531")).toStrictEqual(["11531"])
    expect(misformatted("ru", "161 человек (-50,9 %)")).toStrictEqual(["(-5"])
    expect(misformatted("ru", "поступило 11384 обращения")).toStrictEqual(["11384"])
    expect(misformatted("en", "In 2020 the administration received 2,020 appeals (2.8%)")).toStrictEqual([])
  })

  it("the demo city's report in both languages", () => {
    for (const lang of ["ru", "en"] as const) {
      const text = markdown(AnnualReport.document(f2020, lang))
      expect(misformatted(lang, text)).toStrictEqual([])
      expect(Reporting.Dates.hasIsoDay(text)).toBe(false)
    }
    const ru = markdown(AnnualReport.document(f2020, "ru"))
    expect(ru).toContain("Данные на 31 декабря 2020 г.")
    expect(ru).toContain("С 28 марта по 30 июня 2020 г. очный личный приём был приостановлен")
    expect(ru).toContain("поступило 11\u202f384 обращения, в том числе 3780 письменных")
    expect(ru).toContain("(\u221250,9 %)")
    expect(ru).toContain("| I квартал 2020 г. |")
    const en = markdown(AnnualReport.document(f2020, "en"))
    expect(en).toContain("Figures as of 31 December 2020")
    expect(en).toContain("From 28 March to 30 June 2020 in-person receptions were suspended")
    expect(en).toContain("received 11,384 appeals, including 3,780 written")
  })
})

describe("dates as official documents write them", () => {
  const anyDay = fc.integer({ min: 0, max: 20_000 }).map((n) => Period.addDays(day("1990-01-01"), n))
  it("worked examples", () => {
    const { Dates } = Reporting
    expect(Dates.day("ru", "2020-03-28")).toBe("28 марта 2020 г.")
    expect(Dates.day("en", "2020-03-28")).toBe("28 March 2020")
    expect(Dates.period("ru", "2020-03-28", "2020-06-30")).toBe("с 28 марта по 30 июня 2020 г.")
    expect(Dates.period("ru", "2020-03-01", "2020-03-15")).toBe("с 1 по 15 марта 2020 г.")
    expect(Dates.period("ru", "2020-12-28", "2021-01-10")).toBe("с 28 декабря 2020 г. по 10 января 2021 г.")
    expect(Dates.period("en", "2020-03-28", "2020-06-30")).toBe("from 28 March to 30 June 2020")
    expect(Dates.quarter("ru", "2021-Q3")).toBe("III квартал 2021 г.")
    expect(Dates.periodName("ru", "2019..2030")).toBe("2019–2030 гг.")
  })

  it("a day reads back as itself, in both languages", () => {
    const months = [
      "января",
      "февраля",
      "марта",
      "апреля",
      "мая",
      "июня",
      "июля",
      "августа",
      "сентября",
      "октября",
      "ноября",
      "декабря"
    ]
    fc.assert(
      fc.property(anyDay, (d) => {
        const m = /^(\d{1,2}) (\S+) (\d{4}) г\.$/.exec(Reporting.Dates.day("ru", d))
        expect(m).not.toBeNull()
        const back = `${m![3]}-${String(months.indexOf(m![2]!) + 1).padStart(2, "0")}-${m![1]!.padStart(2, "0")}`
        expect(back).toBe(d)
        const en = new Date(`${Reporting.Dates.day("en", d)} UTC`)
        expect(en.toISOString().slice(0, 10)).toBe(d)
      }),
      { numRuns: runs(200) }
    )
  })

  it("a period names its year once when both days share it, and each day otherwise", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 400 }), (from, n) => {
        const to = Period.addDays(from, n)
        const text = Reporting.Dates.period("ru", from, to)
        const years = [...text.matchAll(/\d{4} г\./g)].length
        expect(years).toBe(from.slice(0, 4) === to.slice(0, 4) ? 1 : 2)
        expect(text.startsWith("с ")).toBe(true)
        expect(text.endsWith(Reporting.Dates.day("ru", to))).toBe(true)
      }),
      { numRuns: runs(200) }
    )
  })
})

describe("sections without records are left out", () => {
  it("a store with nothing: the title alone; a year without plans: no planning section", () => {
    const empty = AnnualReport.fromRecords({ appeals: [] }, 2020, day("2020-12-31"), "ru")
    expect(empty.sections).toStrictEqual([])
    const onlyAppeals = AnnualReport.fromRecords({ ...records, plans: [] }, 2020, day("2020-12-31"), "ru")
    expect(onlyAppeals.sections.map((s) => s.heading)).not.toContain("Планирование и контроль")
    // 2024: only the strategy to 2030 is in force, no appeal was registered in 2023 or 2024
    const later = AnnualReport.fromRecords(records, 2024, day("2024-12-31"), "en")
    expect(later.sections.map((s) => s.heading)).toContain("Planning and control")
    expect(later.sections.map((s) => s.heading)).not.toContain("Citizens' appeals")
    for (const s of allSections(later.sections))
      for (const b of s.blocks) if (b._tag === "Table") expect(b.rows.length).toBeGreaterThan(0)
    // 2032: the demo city has no record of it
    expect(AnnualReport.fromRecords(records, 2032, day("2032-12-31"), "en").sections).toStrictEqual([])
  })
})

describe("the HTML page stands alone and prints on A4", () => {
  it("the demo city's page in both languages references no asset: no script, link, image, import or url(), and every http(s) URL is an XML namespace", () => {
    for (const lang of ["ru", "en"] as const) {
      const html = R.toHtml(AnnualReport.document(f2020, lang))
      expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|use|image)\b/i)
      expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=/i)
      expect(html).not.toMatch(/@import|url\(/i)
      const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0])
      expect(urls.length).toBeGreaterThan(0)
      for (const u of urls) expect(["http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"]).toContain(u)
      for (const m of html.matchAll(/(\S+)="https?:\/\/[^"]*"/g)) expect(m[1]).toBe("xmlns")
      // the print style sheet: A4 pages, no break inside a chart or a row, headers repeated
      expect(html).toContain("@page{size:A4;")
      expect(html).toMatch(/@media print\{[^<]*figure,tr,dl\{break-inside:avoid/)
      expect(html).toContain("thead{display:table-header-group}")
    }
  })
})
