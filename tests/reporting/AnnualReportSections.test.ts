/**
 * The annual report's sections other than appeals, from the demo city's
 * records: personal receptions (328 and 161 people), information meetings,
 * planning (the annual and monthly plans by division, overdue activities,
 * program indicators, Address measures by quarter) and elections (tasks
 * done on time, violations) — their figures add up for any day of the
 * year and any selection of plans, and violations appear exactly when
 * tasks are missed.
 */
import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Demo, Elections, Period, Reporting, TimeZone } from "../../src/index.js"
import type { Planning } from "../../src/index.js"
import { fold } from "../demo/fold.js"
import { runs } from "../support/runs.js"

const { AnnualReport, ReportDocument } = Reporting

const city = Demo.Generator.generate({ seed: 2020 })
const records = fold(city.records)
const day = Period.unsafeDay
const f2020 = AnnualReport.figures(AnnualReport.inputOf(records, 2020, day("2020-12-31")))
const md = (year: number, asOf: string, lang: Reporting.Plural.Lang, r: Reporting.AnnualReport.Records = records) =>
  ReportDocument.toMarkdown(AnnualReport.build(AnnualReport.inputOf(r, year, day(asOf)), lang))
const ru2020 = md(2020, "2020-12-31", "ru")
const en2020 = md(2020, "2020-12-31", "en")

describe("the annual report of the demo city: personal receptions and information meetings", () => {
  it("people received: 161 in 2020 against 328 in 2019, in both languages", () => {
    expect(f2020.receptions).toMatchObject({ people: 161, previousPeople: 328 })
    expect(ru2020).toContain("## Личный приём граждан")
    expect(ru2020).toContain("принят 161 человек (в 2019 году — 328 человек)")
    expect(ru2020).toContain("Число принятых граждан уменьшилось на 50,9 %")
    expect(en2020).toContain("received 161 people at personal receptions (2019: 328 people)")
    // the suspension of the spring of 2020 is said, and some were received online
    expect(f2020.receptions?.suspensions).toHaveLength(1)
    expect(f2020.receptions?.online).toBeGreaterThan(0)
  })

  it("information meetings: held, attendance, questions, and the dispositions add up to the questions", () => {
    const m = f2020.meetings!
    expect(m.held).toBeGreaterThan(0)
    expect(m.held).toBeLessThan(m.previousHeld)
    expect(m.attendance).toBeGreaterThan(0)
    expect(m.dispositions.reduce((n, d) => n + d.count, 0)).toBe(m.questions)
    expect(ru2020).toContain("## Информационные встречи с населением")
    expect(ru2020).toContain("Вопросы по результатам рассмотрения")
    expect(en2020).toContain("## Information meetings with residents")
  })
})

describe("the annual report of the demo city: appeals", () => {
  it("the main topics, the on-time rate, and the measures taken on the hottest topics from the monthly recommendations", () => {
    const a = f2020.appeals
    expect(a.total).toEqual({ current: 11384, previous: 11072 })
    expect(a.topics).toHaveLength(5)
    for (let i = 1; i < a.topics.length; i++) expect(a.topics[i]!.current).toBeLessThanOrEqual(a.topics[i - 1]!.current)
    const t = a.timeliness
    const judged = t.onTime + t.late + t.overdue
    expect(judged).toBeGreaterThan(0)
    expect(ru2020).toContain(
      `В установленный срок рассмотрено ${Reporting.Lexicon.count("ru", t.onTime, Reporting.Lexicon.appeal)} из ${Reporting.Numbers.formatNumber("ru", judged)} (`
    )
    expect(en2020).toContain(`of ${Reporting.Numbers.formatNumber("en", judged)} were answered on time (`)
    expect(a.recommendations.length).toBeGreaterThan(0)
    expect(a.measures.length).toBeGreaterThan(0)
    // every measure answers a recommendation on a topic the year's analyses named
    const topics = new Set(a.recommendations.map((r) => r.topic))
    for (const m of a.measures) if (m.topic !== undefined) expect(topics.has(m.topic)).toBe(true)
    expect(ru2020).toContain("### Меры по наиболее острым тематикам")
    expect(ru2020).toContain(
      `По рекомендациям в ежемесячные планы включено ${Reporting.Lexicon.count("ru", a.measures.length, Reporting.Lexicon.activity)}, выполнено ${a.measures.filter((m) => m.done).length}.`
    )
    expect(en2020).toContain("### Measures on the hottest topics")
  })
})

describe("the annual report: planning", () => {
  it("the demo city's 2020: the strategy to 2030, annual and monthly plans by division, Address measures in every quarter", () => {
    const p = f2020.planning!
    expect(p.strategic).toHaveLength(1)
    expect(p.strategic[0]!.period).toMatch(/2030/)
    expect(p.strategic[0]!.programs).toBeGreaterThan(0)
    expect(p.monthlyPlans).toBe(12)
    expect(p.monthlyReports).toBeGreaterThan(0)
    expect(p.annualItems.total).toBeGreaterThan(0)
    expect(p.annualByDivision.length).toBeGreaterThan(1)
    expect(p.byDivision.length).toBeGreaterThan(1)
    expect(p.addressByQuarter.map((q) => q.quarter)).toEqual(["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"])
    expect(p.indicators.withTarget).toBeGreaterThan(0)
    for (const [text, lang] of [
      [ru2020, "ru"],
      [en2020, "en"]
    ] as const) {
      const words =
        lang === "ru"
          ? [
              "## Планирование и контроль",
              "Исполнение годового плана по подразделениям",
              "Исполнение ежемесячных планов по подразделениям",
              "Мероприятия по реализации Послания Президента по кварталам"
            ]
          : [
              "## Planning and control",
              "Execution of the annual plan by division",
              "Execution of the monthly plans by division",
              "Measures implementing the President's Address by quarter"
            ]
      for (const w of words) expect(text).toContain(w)
    }
  })

  const plans = (records.plans ?? []) as ReadonlyArray<Planning.Plan.State>
  const asOf = fc.integer({ min: 0, max: 365 }).map((n) => Period.addDays(day("2020-01-01"), n))
  it("adds up for any day of the year and any selection of plans", () => {
    fc.assert(
      fc.property(fc.subarray([...plans]), asOf, (selected, d) => {
        const p = AnnualReport.figures(AnnualReport.inputOf({ appeals: [], plans: selected }, 2020, d)).planning
        if (AnnualReport.appearing(selected, 2020, d).length === 0) {
          expect(p).toBeUndefined()
          return
        }
        expect(p).toBeDefined()
        const f = p!
        for (const x of f.byDivision) {
          expect(x.done + x.overdue).toBeLessThanOrEqual(x.planned)
          expect(x.doneLate).toBeLessThanOrEqual(x.done)
        }
        expect(f.byDivision.reduce((n, x) => n + x.overdue, 0)).toBe(f.overdue.length)
        for (const o of f.overdue) expect(o.deadline < d).toBe(true)
        expect(f.annualByDivision.reduce((n, x) => n + x.items, 0)).toBe(f.annualItems.total)
        expect(f.annualByDivision.reduce((n, x) => n + x.executed, 0)).toBe(f.annualItems.executed)
        for (const x of f.annualByDivision) expect(x.executed).toBeLessThanOrEqual(x.items)
        for (const q of f.addressByQuarter) expect(q.done).toBeLessThanOrEqual(q.planned)
        expect(f.indicators.achieved).toBeLessThanOrEqual(f.indicators.withActual)
        expect(f.indicators.withActual).toBeLessThanOrEqual(f.indicators.withTarget)
      }),
      { numRuns: runs(30) }
    )
  })
})

describe("the annual report: elections", () => {
  const record = city.records.find((r) => r.kind === "electionCalendar")!
  if (record.kind !== "electionCalendar") throw new Error("the demo city has an election calendar")
  const calendarOf = (history: ReadonlyArray<Elections.ElectionCalendar.Command>) => {
    const d = Elections.ElectionCalendar.decider({ timeZone: TimeZone.KHABAROVSK })
    let s = d.initialState
    for (const c of history) for (const e of Either.getOrElse(d.decide(c, s), () => [])) s = d.evolve(s, e)
    return s
  }
  const doneCommands = record.history.filter((c) => c._tag === "MarkDone")

  it("the demo city's 2021: three concurrent elections, every task done on time, no violation", () => {
    const e = AnnualReport.figures(AnnualReport.inputOf(records, 2021, day("2021-12-31"))).elections!
    expect(e.elections).toHaveLength(3)
    expect(e.tasks).toBeGreaterThan(0)
    expect([e.done, e.doneOnTime]).toEqual([e.tasks, e.tasks])
    expect(e.violations).toEqual([])
    expect(md(2021, "2021-12-31", "ru")).toContain("Нарушений сроков не допущено.")
    expect(md(2021, "2021-12-31", "en")).toContain("No term was violated.")
    // the 2020 report has the by-election of 13 September 2020, done on time
    expect(f2020.elections?.elections.map((x) => x.votingDay)).toStrictEqual(["2020-09-13"])
    expect(f2020.elections?.violations).toStrictEqual([])
  })

  it("a task not done by the report's day is a violation, named in the report; done + violations cover every task", () => {
    fc.assert(
      fc.property(fc.subarray(doneCommands), (kept) => {
        const history = record.history.filter((c) => c._tag !== "MarkDone" || kept.includes(c))
        const r = { appeals: [], calendars: [calendarOf(history)] }
        const e = AnnualReport.figures(AnnualReport.inputOf(r, 2021, day("2021-12-31"))).elections!
        expect(e.doneOnTime).toBeLessThanOrEqual(e.done)
        expect(e.done).toBeLessThanOrEqual(kept.length)
        const notDone = e.violations.filter((v) => v.kind === "NotDone").length
        expect(notDone).toBe(e.tasks - e.done)
        const text = md(2021, "2021-12-31", "ru", r)
        if (e.violations.length === 0) expect(text).toContain("Нарушений сроков не допущено.")
        else {
          expect(text).toContain(`Нарушений: ${e.violations.length}.`)
          for (const v of e.violations) expect(text).toContain(`| ${v.task} |`)
        }
      }),
      { numRuns: runs(20) }
    )
  })
})
