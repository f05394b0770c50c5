/** The monthly report's section of the federal monitoring (Decree No. 171): the same totals as the analysis. */
import { describe, expect, it } from "@effect/vitest"
import { FastCheck as fc } from "effect"
import * as Monitoring from "../../src/appeals/Monitoring.js"
import * as Period from "../../src/kernel/Period.js"
import * as MonthlyReport from "../../src/reporting/MonthlyReport.js"
import type * as R from "../../src/reporting/ReportDocument.js"
import * as A from "../../src/testing/AppealsArbitraries.js"
import { runs } from "../support/runs.js"

const MARCH = Period.unsafeMonth("2020-03")
const summaries = fc.array(A.appealSummary(Period.unsafeDay("2019-03-01"), Period.unsafeDay("2020-04-30")), {
  maxLength: 50
})

describe("MonthlyReport: the monitoring section", () => {
  it.prop(
    "its table of statuses is the monitoring report's, whose appeals are the analysis's total",
    [summaries, fc.constantFrom("ru" as const, "en" as const)],
    ([s, lang]) => {
      const asOf = Period.unsafeDay("2020-04-15")
      const f = MonthlyReport.figures(s, MARCH, asOf)
      expect(f.monitoring).toStrictEqual({ month: MARCH, asOf, totals: Monitoring.report(s, MARCH, asOf).totals })
      expect(f.monitoring.totals.appeals).toBe(f.analysis.total)
      const doc = MonthlyReport.document(f, lang)
      const section = doc.sections[doc.sections.length - 1]!
      expect(section.heading).toContain(lang === "ru" ? "Указ № 171" : "Decree No. 171")
      const table = section.blocks[1] as R.Table
      expect(table.rows.map((r) => r[1])).toStrictEqual([
        ...Monitoring.STATUSES.map((st) => f.monitoring.totals.byStatus[st]),
        f.monitoring.totals.questions
      ])
      expect(table.rows.map((r) => r[0]).slice(0, -1)).toStrictEqual(
        Monitoring.STATUSES.map((st) => Monitoring.statusLabel[lang][st])
      )
    },
    { fastCheck: { numRuns: runs(50) } }
  )
})
