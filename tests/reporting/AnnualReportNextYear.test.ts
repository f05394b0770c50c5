/**
 * «Задачи на YYYY год»: the annual report's section on the next year is
 * built from records — the next year's annual plan items and Address
 * measures, the elections voted in it with their main deadlines, the
 * programs starting or ending in it — and only from what existed by the
 * report's day.
 */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Demo, Elections, Period, Reporting } from "../../src/index.js"
import type { Planning } from "../../src/index.js"
import { fold } from "../demo/fold.js"
import { runs } from "../support/runs.js"

const { AnnualReport, ReportDocument: R } = Reporting
const records = fold(Demo.Generator.generate({ seed: 2020 }).records)
const day = Period.unsafeDay
const f2020 = AnnualReport.figures(AnnualReport.inputOf(records, 2020, day("2020-12-31")))
const md = (lang: Reporting.Plural.Lang) => R.toMarkdown(AnnualReport.document(f2020, lang))

describe("the tasks for the next year", () => {
  it("the demo city's 2020 report: «Задачи на 2021 год» with the seed's items, the Address measures, the three elections of 17-19 September 2021 and the program starting in 2021", () => {
    const n = f2020.nextYear!
    expect(n.year).toBe(2021)
    for (const it of Demo.Generator.NEXT_YEAR_ITEMS) expect(n.items.map((i) => i.title)).toContain(it.title)
    expect(n.measures.length).toBeGreaterThan(0)
    for (const m of n.measures) expect(m.deadline.startsWith("2021-")).toBe(true)
    expect(n.calendars).toHaveLength(1)
    const c = n.calendars[0]!
    expect([c.firstVotingDay, c.votingDay]).toStrictEqual(["2021-09-17", "2021-09-19"])
    expect(c.elections.map((e) => [e.level, e.kind])).toStrictEqual([
      ["federal", "regular"],
      ["regional", "early"],
      ["municipal", "byElection"]
    ])
    expect(c.deadlines.length).toBe(Elections.Template.tasks.length)
    expect(n.programs).toStrictEqual([
      expect.objectContaining({ title: Demo.Generator.PROGRAM_2021.title, change: "starts", from: "2021" })
    ])
    const ru = md("ru")
    expect(ru).toContain("## Задачи на 2021 год")
    expect(ru).toContain("19 сентября 2021 г. — единый день голосования (голосование с 17 по 19 сентября 2021 г.)")
    expect(ru).toContain(
      "Государственная Дума Федерального Собрания Российской Федерации восьмого созыва (федеральные, очередные выборы)"
    )
    expect(ru).toContain("Губернатор края (региональные, досрочные выборы)")
    expect(ru).toContain("Городская Дума, одномандатный избирательный округ № 3 (муниципальные, дополнительные выборы)")
    expect(ru).toContain("Послания Президента Российской Федерации Федеральному Собранию")
    expect(ru).toContain("единой системы публичной власти")
    expect(ru).toContain("Информирование населения")
    expect(ru).toContain(
      "Начинается реализация муниципальной программы «Формирование современной городской среды» (2021–2024 гг.)"
    )
    const en = md("en")
    expect(en).toContain("## Tasks for 2021")
    expect(en).toContain("19 September 2021 is the single voting day (voting from 17 to 19 September 2021)")
    // the 2020 figures stay the seed's: six programs carried out in 2020, the new one is next year's
    expect(f2020.planning!.strategic[0]!.programs).toBe(6)
  })

  it("the 2019 report's next year is 2020: the 2020 annual plan's items and the by-election of 13 September 2020, nothing of 2021", () => {
    const f = AnnualReport.figures(AnnualReport.inputOf(records, 2019, day("2019-12-31")))
    expect(f.nextYear?.year).toBe(2020)
    expect(f.nextYear!.items.length).toBeGreaterThan(0)
    expect(f.nextYear!.calendars.map((c) => c.votingDay)).toStrictEqual(["2020-09-13"])
    for (const i of f.nextYear!.items) expect(i.period.startsWith("2020")).toBe(true)
  })

  const plans = (records.plans ?? []) as ReadonlyArray<Planning.Plan.State>
  it("for any plans and day: the section shows exactly the next year's items of the annual plans that existed by the day, and the measures due next year", () => {
    fc.assert(
      fc.property(
        fc.subarray([...plans]),
        fc.integer({ min: 0, max: 500 }).map((k) => Period.addDays(day("2020-06-01"), k)),
        (selected, asOf) => {
          const f = AnnualReport.figures(AnnualReport.inputOf({ ...records, plans: selected }, 2020, asOf))
          // an annual plan of 2021 is in force in 2021; it shows when it existed by the day
          const items = selected
            .filter((s) => s._tag === "Opened" && s.kind === "annual" && s.period === "2021")
            .filter((s) => AnnualReport.appearing([s], 2021, asOf).length === 1)
            .flatMap((s) => (s._tag === "Opened" ? s.inForce.filter((x) => x._tag === "PlanItem") : []))
          expect(f.nextYear?.items.length ?? 0).toBe(items.length)
          for (const m of f.nextYear?.measures ?? []) expect(m.deadline.startsWith("2021-")).toBe(true)
          // the calendar of 2021 is a record of its own: always there
          expect(f.nextYear?.calendars.length).toBe(1)
          const doc = AnnualReport.document(f, "ru")
          expect(doc.sections.at(-1)?.heading).toBe("Задачи на 2021 год")
        }
      ),
      { numRuns: runs(20) }
    )
  })

  it("no records of the next year: no section", () => {
    // the programs end in 2025 (and 2024): nothing is planned for 2027
    const f = AnnualReport.figures(AnnualReport.inputOf(records, 2026, day("2026-12-31")))
    expect(f.nextYear).toBeUndefined()
    expect(AnnualReport.document(f, "en").sections.map((s) => s.heading)).not.toContain("Tasks for 2027")
    // the 2024 report: the six programs of 2019-2025 end in 2025
    const g = AnnualReport.figures(AnnualReport.inputOf(records, 2024, day("2024-12-31")))
    expect(g.nextYear?.programs.map((p) => p.change)).toStrictEqual(Array(6).fill("ends"))
  })
})
