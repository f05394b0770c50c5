/**
 * Reports say when their figures rest on due dates of a provisional
 * production-calendar year (no official data: the Labour Code alone).
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Appeals, Calendar, Period, Reporting } from "../../src/index.js"
import type { AppealId } from "../../src/kernel/Ids.js"

const { AnnualReport, MonthlyReport, ReportDocument } = Reporting

const summary = (i: number, registeredOn: string) =>
  new Appeals.Analysis.AppealSummary({
    appealId: `A-${i}` as AppealId,
    registeredOn: Period.unsafeDay(registeredOn),
    channel: "written",
    kind: "individual",
    type: "statement",
    addressee: new Appeals.Appeal.ToMayor(),
    topics: ["0005.0005.0056.1134" as Appeals.Topic.TopicCode],
    answerDue: Period.addDays(Period.unsafeDay(registeredOn), 30)
  })

const appeals = [summary(1, "2026-03-02"), summary(2, "2026-12-10"), summary(3, "2020-05-12")]
const cal = Calendar.russia()
const official2027 = Either.getOrThrow(
  Calendar.fromData({
    format: "cityhall.calendar/1",
    years: [{ year: 2027, source: "Постановление (пример)", transfers: [] }]
  })
)
const annual = (year: number, lang: "ru" | "en", calendar: Calendar.ProductionCalendar) =>
  ReportDocument.toMarkdown(
    AnnualReport.build(
      AnnualReport.inputOf({ appeals }, year, Period.lastDay(`${year}` as Period.Year), { calendar }),
      lang
    )
  )

describe("reports on provisional due dates", () => {
  it("the annual report of 2026 notes that due dates after 2026-12-31 are provisional, in both languages", () => {
    expect(annual(2026, "ru", cal)).toContain(
      "Сроки ответов, приходящиеся на дни после 31 декабря 2026 г., рассчитаны предварительно"
    )
    expect(annual(2026, "en", cal)).toContain("Due dates falling after 31 December 2026 are provisional")
  })

  it("no note for a year whose due dates are all official, or once the next year is loaded", () => {
    expect(annual(2020, "ru", cal)).not.toContain("предварительно")
    expect(annual(2026, "ru", official2027)).not.toContain("предварительно")
    expect(AnnualReport.provisionalAfterOf(cal, appeals, Period.unsafeMonth("2026-03"))).toBeUndefined()
    expect(AnnualReport.provisionalAfterOf(cal, appeals, Period.unsafeMonth("2026-12"))).toBe("2026-12-31")
  })

  it("the monthly report notes it for December 2026, not for March 2026", () => {
    const md = (month: string) =>
      ReportDocument.toMarkdown(
        MonthlyReport.build(
          appeals,
          Period.unsafeMonth(month),
          Period.lastDay(Period.unsafeMonth(month)),
          "ru",
          undefined,
          cal
        )
      )
    expect(md("2026-12")).toContain("рассчитаны предварительно")
    expect(md("2026-03")).not.toContain("предварительно")
  })
})
