/**
 * Every section of the annual report from the demo city (issue 21): the
 * 2020 report has each section in both languages, the records of the
 * organisational areas are each accepted by their decider, and they are
 * consistent with the city's other records — publications cover the hot
 * topics of the appeals, a Duma decision's instruction is executed by an
 * activity of a monthly plan of its division, a program's budget is the
 * strategic plan's budget line.
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Budget, Demo, Duma, Information, Methodology, Period, Reporting } from "../../src/index.js"
import { fold } from "./fold.js"

const city = Demo.Generator.generate({ seed: 2020 })
const records = fold(city.records)
const report = (lang: Reporting.Plural.Lang) =>
  Reporting.AnnualReport.fromRecords(records, 2020, Period.unsafeDay("2020-12-31"), lang)

const HEADINGS = {
  ru: [
    "Личный приём граждан",
    "Работа с обращениями граждан",
    "Информационные встречи с населением",
    "Планирование и контроль",
    "Подготовка и проведение выборов",
    "Информационная работа",
    "Контроль исполнения бюджета муниципальных программ",
    "Методическая работа",
    "Обеспечение деятельности городской Думы",
    "Задачи на 2021 год"
  ],
  en: [
    "Personal receptions",
    "Citizens' appeals",
    "Information meetings with residents",
    "Planning and control",
    "Elections",
    "Information work",
    "Budget control of municipal programs",
    "Methodological support",
    "City Duma support",
    "Tasks for 2021"
  ]
} as const

describe("the demo city's 2020 report has every section", () => {
  it("in both languages, in report order", () => {
    for (const lang of ["ru", "en"] as const)
      expect(report(lang).sections.map((s) => s.heading)).toStrictEqual(HEADINGS[lang])
  })

  it("the seed's figures of 2020 stay: 11 384 appeals, 161 people received", () => {
    const f = Reporting.AnnualReport.figures(
      Reporting.AnnualReport.inputOf(records, 2020, Period.unsafeDay("2020-12-31"))
    )
    expect(f.appeals.total).toStrictEqual({ current: 11384, previous: 11072 })
    expect(f.appeals.byChannel.written.current).toBe(3780)
    expect(f.appeals.byChannel.electronic.current).toBe(7459)
    expect(f.appeals.byChannel.oral.current).toBe(145)
    expect(f.receptions).toMatchObject({ people: 161, previousPeople: 328 })
  })
})

describe("the organisational records of the demo city", () => {
  const deciders = {
    publications: Information.InformationRecords.registerDefinition.decider,
    informationPlan: Information.InformationRecords.planDefinition.decider,
    programBudget: Budget.BudgetRecords.definition.decider,
    methodologicalCouncil: Methodology.CouncilRecords.definition.decider,
    dumaSession: Duma.DumaRecords.definition.decider
  } as const

  it("every command of every record is accepted by its area's decider", () => {
    let n = 0
    for (const r of city.records) {
      if (!(r.kind in deciders)) continue
      const d = deciders[r.kind as keyof typeof deciders] as unknown as {
        readonly initialState: unknown
        readonly decide: (c: unknown, s: unknown) => Either.Either<ReadonlyArray<unknown>, { readonly message: string }>
        readonly evolve: (s: unknown, e: unknown) => unknown
      }
      let s = d.initialState
      for (const [i, c] of (r.history as ReadonlyArray<unknown>).entries()) {
        const e = d.decide(c, s)
        if (Either.isLeft(e)) throw new Error(`${r.kind} history[${i}]: ${e.left.message}`)
        for (const ev of e.right) s = d.evolve(s, ev)
      }
      n++
    }
    expect(n).toBeGreaterThan(30)
  })

  it("publications cover the months' hot topics of the appeals; most months every one", () => {
    const reports = records.coverageReports ?? []
    expect(reports).toHaveLength(24)
    const hot = reports.reduce((k, r) => k + r.covered.length + r.uncovered.length, 0)
    const covered = reports.reduce((k, r) => k + r.covered.length, 0)
    expect(covered / hot).toBeGreaterThan(0.7)
    // the hot topics are the month's most frequent topics of the appeals
    const march = reports.find((r) => r.month === "2020-03")!
    const counts = new Map<string, number>()
    for (const s of records.appeals)
      if (s.registeredOn.startsWith("2020-03")) {
        const code = s.topics[0]!.split(".").slice(0, 2).join(".")
        counts.set(code, (counts.get(code) ?? 0) + 1)
      }
    const top = [...counts.entries()].sort(([, a], [, b]) => b - a)[0]!
    expect([...march.covered.map((c) => c.topic), ...march.uncovered].map((t) => t.code)).toContain(top[0])
  })

  it("a Duma decision's instruction is executed by an activity of a monthly plan of its division", () => {
    const activities = new Map<string, string>()
    for (const p of records.plans ?? [])
      if (p._tag === "Opened" && p.kind === "monthly")
        for (const n of p.inForce) if (n._tag === "Activity") activities.set(n.id, n.division)
    let instructions = 0
    for (const s of records.dumaSessions ?? [])
      if (s._tag !== "Unscheduled")
        for (const d of s.decisions)
          for (const i of d.instructions) {
            instructions++
            expect(activities.get(i.activity)).toBe(i.division)
          }
    expect(instructions).toBeGreaterThan(0)
  })

  it("a program's budget of a year is the strategic plan's budget line", () => {
    const lines = new Map<string, number>()
    for (const p of records.plans ?? [])
      if (p._tag === "Opened" && p.kind === "strategic")
        for (const n of p.inForce)
          if (n._tag === "Program") for (const b of n.budget) lines.set(`${n.id}.${b.year}`, b.amount * 100)
    const budgets = records.budgets ?? []
    expect(budgets.length).toBe(12)
    for (const b of budgets)
      if (b._tag === "Opened") {
        const q = b.planned
        expect(q.q1 + q.q2 + q.q3 + q.q4).toBe(lines.get(`${b.info.id}.${b.year}`))
      }
  })
})
