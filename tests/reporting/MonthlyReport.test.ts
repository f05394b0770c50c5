/**
 * The monthly analysis of appeals as a document (`cityhall report
 * monthly`): the month against the same month of the previous year, and
 * every recommendation to a division shown — for any appeals, in both
 * languages — with a worked example.
 */
import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Appeals, Demo, Period, Reporting } from "../../src/index.js"
import type { AppealId, DivisionId } from "../../src/kernel/Ids.js"
import { runs } from "../support/runs.js"

const { MonthlyReport, ReportDocument } = Reporting

const summaryOf = (
  i: number,
  registeredOn: Period.Day,
  channel: Appeals.Appeal.Channel,
  topic: Demo.City.DemoTopic,
  closedAfter: number | undefined
) =>
  new Appeals.Analysis.AppealSummary({
    appealId: `A-${i}` as AppealId,
    registeredOn,
    channel,
    kind: "individual",
    type: "statement",
    addressee: new Appeals.Appeal.ToMayor(),
    division: topic.division,
    topics: [topic.code as Appeals.Topic.TopicCode],
    answerDue: Period.addDays(registeredOn, 30),
    ...(closedAfter === undefined
      ? {}
      : {
          outcome: "answered" as const,
          result: "explained" as const,
          closedOn: Period.addDays(registeredOn, closedAfter),
          closedLate: closedAfter > 30
        })
  })

// March 2019 and March 2020
const day = fc
  .tuple(fc.constantFrom("2019", "2020"), fc.integer({ min: 1, max: 31 }))
  .map(([y, d]) => Period.unsafeDay(`${y}-03-${String(d).padStart(2, "0")}`))
const summaries = fc
  .array(
    fc.tuple(
      day,
      fc.constantFrom<Appeals.Appeal.Channel>("written", "electronic", "oral"),
      fc.constantFrom(...Demo.City.topics.slice(0, 6)),
      fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined })
    ),
    { maxLength: 150 }
  )
  .map((xs) => xs.map(([d, ch, tp, c], i) => summaryOf(i, d, ch, tp, c)))

const march = Period.unsafeMonth("2020-03")
const asOf = Period.unsafeDay("2020-04-30")
const section = (doc: Reporting.ReportDocument.ReportDocument, i: number) => doc.sections[i]!
const tableOf = (s: Reporting.ReportDocument.Section) =>
  s.blocks.find((b): b is Reporting.ReportDocument.Table => b._tag === "Table")

describe("MonthlyReport", () => {
  it("for any appeals: channels add up to the month's total, every recommendation is a row, the JSON decodes back, in both languages", () => {
    fc.assert(
      fc.property(summaries, fc.constantFrom("ru" as const, "en" as const), (xs, lang) => {
        const f = MonthlyReport.figures(xs, march, asOf)
        const doc = MonthlyReport.document(f, lang)
        const received = tableOf(section(doc, 0))!
        const inMonth = (y: string) => xs.filter((s) => s.registeredOn.startsWith(`${y}-03`)).length
        expect(received.rows.at(-1)!.slice(1, 3)).toEqual([inMonth("2020"), inMonth("2019")])
        expect(received.rows.slice(0, 3).reduce((n, r) => n + (r[1] as number), 0)).toBe(inMonth("2020"))
        const recs = section(doc, 3)
        if (f.recommendations.length === 0) {
          expect(tableOf(recs)).toBeUndefined()
          expect(recs.blocks[0]).toMatchObject({ _tag: "Paragraph" })
        } else {
          const rows = tableOf(recs)!.rows
          expect(rows.map((r) => [r[2], r[3]])).toEqual(f.recommendations.map((r) => [r.current, r.previous]))
        }
        expect(ReportDocument.fromJson(ReportDocument.toJson(doc))).toEqual(Either.right(doc))
      }),
      { numRuns: runs(40) }
    )
  })

  it("worked example: heating appeals to housing doubled (5 to 10) and one answer was late — two recommendations to housing", () => {
    const heating = Demo.City.topics[0]!
    const xs = [
      ...Array.from({ length: 5 }, (_, i) => summaryOf(i, Period.unsafeDay("2019-03-10"), "written", heating, 10)),
      ...Array.from({ length: 10 }, (_, i) =>
        summaryOf(100 + i, Period.unsafeDay("2020-03-10"), "electronic", heating, i === 0 ? 35 : 10)
      )
    ]
    const names = new Map([["housing", "Управление ЖКХ"]])
    const md = ReportDocument.toMarkdown(MonthlyReport.build(xs, march, asOf, "ru", names))
    expect(md).toContain(
      "За март 2020 г. поступило 10 обращений (за март 2019 г. — 5); количество обращений увеличилось на 100,0 %."
    )
    expect(md).toContain("## Рекомендации структурным подразделениям")
    expect(md).toMatch(/\| Управление ЖКХ \| рост обращений по тематике «[^»]+» \| 10 \| 5 \| \+100,0 % \|/)
    expect(md).toContain("| Управление ЖКХ | нарушение сроков рассмотрения |")
    const f = MonthlyReport.figures(xs, march, asOf)
    expect(f.recommendations.map((r) => [r.division, r.reason])).toEqual([
      ["housing" as DivisionId, "topicGrowth"],
      ["housing" as DivisionId, "missedDeadlines"]
    ])
    // without growth or missed deadlines: no recommendation, said so
    const calm = xs.filter((s) => s.registeredOn.startsWith("2019") || s.appealId === "A-101")
    expect(ReportDocument.toMarkdown(MonthlyReport.build(calm, march, asOf, "en"))).toContain(
      "No recommendation is called for."
    )
  })
})
