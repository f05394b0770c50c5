/**
 * The annual report: its totals add up for any appeals, the documents
 * decode back from their JSON, and the reference sentence comes from the
 * records alone.
 */
import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Appeals, Demo, Period, Reporting } from "../../src/index.js"
import type { AppealId } from "../../src/kernel/Ids.js"
import { runs } from "../support/runs.js"

const { AnnualReport, ReportDocument } = Reporting

const day = fc.integer({ min: 0, max: 730 }).map((n) => Period.addDays(Period.unsafeDay("2019-01-01"), n))
const summary = fc.record({
  registeredOn: day,
  channel: fc.constantFrom("written" as const, "electronic" as const, "oral" as const),
  topic: fc.constantFrom(...Demo.City.topics),
  closedAfter: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined })
})

const summaries = fc.array(summary, { maxLength: 300 }).map((xs) =>
  xs.map(
    (x, i) =>
      new Appeals.Analysis.AppealSummary({
        appealId: `A-${i}` as AppealId,
        registeredOn: x.registeredOn,
        channel: x.channel,
        kind: "individual",
        type: "statement",
        addressee: new Appeals.Appeal.ToMayor(),
        division: x.topic.division,
        topics: [x.topic.code as Appeals.Topic.TopicCode],
        answerDue: Period.addDays(x.registeredOn, 30),
        ...(x.closedAfter === undefined
          ? {}
          : {
              outcome: "answered" as const,
              result: "explained" as const,
              closedOn: Period.addDays(x.registeredOn, x.closedAfter),
              closedLate: x.closedAfter > 30
            })
      })
  )
)

describe("AnnualReport.figures", () => {
  it("adds up: by channel and by month equal the total, timeliness covers every appeal, both years", () => {
    fc.assert(
      fc.property(summaries, (xs) => {
        const f = AnnualReport.figures(AnnualReport.fromSummaries(xs, 2020, Period.unsafeDay("2020-12-31")))
        const a = f.appeals
        const inYear = (y: string) => xs.filter((s) => s.registeredOn.startsWith(y)).length
        expect(a.total.current).toBe(inYear("2020"))
        expect(a.total.previous).toBe(inYear("2019"))
        for (const k of ["current", "previous"] as const) {
          expect(AnnualReport.CHANNELS.reduce((n, ch) => n + a.byChannel[ch][k], 0)).toBe(a.total[k])
        }
        const monthly = (ms: typeof a.monthly) => ms.reduce((n, m) => n + m.written + m.electronic + m.oral, 0)
        expect(monthly(a.monthly)).toBe(a.total.current)
        expect(monthly(a.previousMonthly)).toBe(a.total.previous)
        const t = a.timeliness
        expect(t.onTime + t.late + t.overdue + t.pending).toBe(a.total.current)
        expect(a.topics.reduce((n, x) => n + x.current, 0)).toBeLessThanOrEqual(a.total.current)
      }),
      { numRuns: runs(40) }
    )
  })

  it("documents in both languages decode back from their JSON and render to Markdown and HTML", () => {
    fc.assert(
      fc.property(summaries, fc.constantFrom("ru" as const, "en" as const), (xs, lang) => {
        const doc = AnnualReport.build(AnnualReport.fromSummaries(xs, 2020, Period.unsafeDay("2020-12-31")), lang)
        expect(ReportDocument.fromJson(ReportDocument.toJson(doc))).toEqual(Either.right(doc))
        // a year without appeals, nor a previous one with any, has no appeals section (sections without records are left out)
        const any = xs.some((s) => s.registeredOn >= "2019-01-01" && s.registeredOn <= "2020-12-31")
        expect(
          ReportDocument.toMarkdown(doc).includes(
            lang === "ru" ? "## Работа с обращениями граждан" : "## Citizens' appeals"
          )
        ).toBe(any)
        expect(ReportDocument.toHtml(doc).includes("<svg")).toBe(any)
      }),
      { numRuns: runs(20) }
    )
  })

  it("says the reference sentence from records with the reference counts", () => {
    const mk = (year: number, channel: Appeals.Appeal.Channel, n: number) =>
      Array.from({ length: n }, () => ({ year, channel }))
    const spec = [
      ...mk(2019, "written", 4000),
      ...mk(2019, "electronic", 7000),
      ...mk(2019, "oral", 72),
      ...mk(2020, "written", 3780),
      ...mk(2020, "electronic", 7459),
      ...mk(2020, "oral", 145)
    ]
    const xs = spec.map(
      (s, i) =>
        new Appeals.Analysis.AppealSummary({
          appealId: `A-${i}` as AppealId,
          registeredOn: Period.addDays(Period.unsafeDay(`${s.year}-01-01`), i % 365),
          channel: s.channel,
          kind: "individual",
          type: "statement",
          addressee: new Appeals.Appeal.ToMayor(),
          topics: ["0005.0005.0056.1134" as Appeals.Topic.TopicCode],
          answerDue: Period.addDays(Period.unsafeDay(`${s.year}-01-01`), (i % 365) + 30)
        })
    )
    const md = ReportDocument.toMarkdown(
      AnnualReport.build(AnnualReport.fromSummaries(xs, 2020, Period.unsafeDay("2020-12-31")), "ru")
    )
    expect(md).toContain(
      "За 2020 год в администрацию города поступило 11\u202f384 обращения, в том числе 3780 письменных, 7459 электронных и 145 устных обращений. В сравнении с аналогичным периодом прошлого года количество обращений увеличилось на 2,8 %."
    )
    const en = ReportDocument.toMarkdown(
      AnnualReport.build(AnnualReport.fromSummaries(xs, 2020, Period.unsafeDay("2020-12-31")), "en")
    )
    expect(en).toContain(
      "In 2020 the city administration received 11,384 appeals, including 3,780 written, 7,459 electronic and 145 oral appeals."
    )
  })
})
