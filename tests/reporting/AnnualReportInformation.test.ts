/**
 * The annual report covers information work and budget control (issue 11):
 * publications by channel and rubric, hot topics covered, and the
 * execution of the programs' budgets, from the records alone.
 */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import * as BudgetControl from "../../src/budget/Control.js"
import type { Kopecks } from "../../src/budget/Money.js"
import * as B from "../../src/budget/ProgramBudget.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { ActorId, IndicatorId, ProgramId, PublicationId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as AnnualReport from "../../src/reporting/AnnualReport.js"
import * as R from "../../src/reporting/ReportDocument.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import { Either } from "effect"

const asOf = Period.unsafeDay("2020-12-31")
const section = (doc: R.ReportDocument, heading: string) => doc.sections.find((s) => s.heading === heading)
const table = (s: R.Section | undefined, caption: string) =>
  s?.blocks.find((b): b is R.Table => b._tag === "Table" && b.caption === caption)
const sumColumn = (tb: R.Table | undefined, col: number) =>
  (tb?.rows ?? []).reduce((n, r) => n + (typeof r[col] === "number" ? (r[col] as number) : 0), 0)

const publications = fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 40 }).chain((ids) =>
  fc.tuple(
    ...ids.map((i) =>
      A.publication({
        id: fc.constant(`pub-${i}` as PublicationId),
        from: Period.unsafeDay("2019-11-01"),
        to: Period.unsafeDay("2021-02-28")
      })
    )
  )
)

describe("the annual report: information work", () => {
  it.prop(
    "publications by channel and by rubric each add up to the year's publications, in both languages",
    [publications],
    ([pubs]) => {
      const inYear = pubs.filter((p) => Period.contains(Period.unsafeYear("2020"), p.date)).length
      for (const [lang, heading, byChannel, byRubric] of [
        ["ru", "Информационная работа", "Публикации по каналам", "Публикации по рубрикам"],
        ["en", "Information work", "Publications by channel", "Publications by rubric"]
      ] as const) {
        const doc = AnnualReport.build(AnnualReport.inputOf({ appeals: [], publications: pubs }, 2020, asOf), lang)
        const s = section(doc, heading)
        if (inYear === 0) {
          expect(s).toBeUndefined()
          continue
        }
        expect(sumColumn(table(s, byChannel), 1)).toBe(inYear)
        expect(sumColumn(table(s, byRubric), 1)).toBe(inYear)
        const total = s?.blocks.find((b): b is R.KeyFigures => b._tag === "KeyFigures")?.items[0]?.value
        expect(total).toBe(inYear)
        // the rendered page carries the section
        expect(R.toMarkdown(doc)).toContain(heading)
      }
    }
  )
})

const P = "prog-roads" as ProgramId
const at = new Date("2020-02-01T00:00:00Z")
const actor = "finance" as ActorId
const k = (n: number) => n as Kopecks

describe("the annual report: budget control", () => {
  it.prop(
    "each program's row carries the control report's planned, committed and spent amounts, in roubles",
    [fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5_000_000 })), { maxLength: 10 })],
    ([payments]) => {
      const year = Period.unsafeYear("2020")
      const commands: Array<B.Command> = [
        new B.OpenProgramBudget({
          program: P,
          year,
          at,
          actor,
          info: new B.ProgramInfo({
            id: P,
            from: Period.unsafeYear("2020"),
            to: Period.unsafeYear("2022"),
            indicators: ["ind-km" as IndicatorId]
          }),
          planned: new B.QuarterAmounts({ q1: k(1_000_000), q2: k(2_000_000), q3: k(3_000_000), q4: k(4_000_000) })
        }),
        ...payments.map(
          ([q, amount], i) =>
            new B.RecordSpending({
              program: P,
              year,
              at,
              actor,
              entry: new B.Entry({
                ref: `pay-${i}`,
                on: Period.firstDay(Period.unsafeQuarter(`2020-Q${q}`)),
                amount: k(amount)
              })
            })
        )
      ]
      const state = Either.getOrThrow(Decider.run(B.decider, commands)).state
      const doc = AnnualReport.build(AnnualReport.inputOf({ appeals: [], budgets: [state] }, 2020, asOf), "en")
      const rows =
        table(section(doc, "Budget control of municipal programs"), "Execution by program, roubles")?.rows ?? []
      expect(rows).toHaveLength(1)
      if (state._tag !== "Opened") throw new Error("the budget was not opened")
      const report = BudgetControl.control(state, { asOf })
      expect(rows[0]!.slice(0, 4)).toStrictEqual([P, report.planned / 100, report.committed / 100, report.spent / 100])
      expect(rows[0]![5]).toBe(report.flags.length)
    }
  )

  it("a year without program budgets has no budget section", () => {
    const doc = AnnualReport.build(AnnualReport.inputOf({ appeals: [], budgets: [] }, 2020, asOf), "ru")
    expect(section(doc, "Контроль исполнения бюджета муниципальных программ")).toBeUndefined()
  })
})
