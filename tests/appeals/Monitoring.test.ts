/** The monthly federal monitoring (Decree No. 171): one status per question, totals equal to the monthly analysis's. */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { readFileSync } from "node:fs"
import * as Analysis from "../../src/appeals/Analysis.js"
import type * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import type { Topic } from "../../src/appeals/index.js"
import * as Monitoring from "../../src/appeals/Monitoring.js"
import * as Decider from "../../src/kernel/Decider.js"
import * as Period from "../../src/kernel/Period.js"
import * as AppealsArbitraries from "../../src/testing/AppealsArbitraries.js"
import { runs } from "../support/runs.js"
import { APPEAL, assign, at, CLERK, decider, register } from "./helpers.js"

const HOUSING = "0005.0005.0056.1134" as Topic.TopicCode
const FAMILY = "0002.0004.0001.0001" as Topic.TopicCode
const ECONOMY = "0003.0009.0001.0001" as Topic.TopicCode

const months = ["2020-01", "2020-02", "2020-03", "2020-04"].map(Period.unsafeMonth)
const history = fc.array(
  AppealsArbitraries.appealSummary(Period.unsafeDay("2020-01-01"), Period.unsafeDay("2020-04-30")),
  { maxLength: 60 }
)

/** The main questions' statuses as the analysis counts them: open, the outcomes, and the results on the merits. */
const fromAnalysis = (a: Analysis.Analysis): Monitoring.StatusCounts => {
  const c = Object.fromEntries(Monitoring.STATUSES.map((s) => [s, 0])) as Record<Monitoring.MonitoringStatus, number>
  for (const [outcome, n] of Object.entries(a.byOutcome)) {
    if (outcome === Analysis.OPEN) c.underConsideration += n
    else if (outcome !== "answered") c[Monitoring.statusOfOutcome(outcome as Exclude<Appeal.Outcome, "answered">)] += n
  }
  for (const [result, n] of Object.entries(a.byResult)) if (result !== Analysis.NONE) c[result as Appeal.Result] += n
  return c
}

describe("Monitoring: the report against the monthly analysis", () => {
  it.prop(
    "on every month of a random history the totals equal the analysis's, and every question has exactly one status",
    [history, fc.integer({ min: 0, max: 40 })],
    ([summaries, later]) => {
      for (const month of months) {
        const asOf = Period.addDays(Period.lastDay(month), later)
        const analysis = Analysis.analyse(summaries, month, asOf)
        const r = Monitoring.report(summaries, month, asOf)
        const inMonth = summaries.filter((s) => Period.monthOf(s.registeredOn) === month)
        // the appeals are the analysis's total; each of their questions is reported once
        expect(r.totals.appeals).toBe(analysis.total)
        expect(r.totals.questions).toBe(inMonth.reduce((n, s) => n + s.topics.length, 0))
        expect(r.questions.length).toBe(r.totals.questions)
        const keys = r.questions.map((q) => `${q.appealId}|${q.code}`)
        expect(new Set(keys).size).toBe(keys.length)
        for (const s of inMonth) for (const t of s.topics) expect(keys).toContain(`${s.appealId}|${t}`)
        for (const q of r.questions) expect(Monitoring.STATUSES).toContain(q.status)
        // by status: the sum is the questions; the main questions are the analysis's outcomes and results
        expect(Monitoring.STATUSES.reduce((n, s) => n + r.totals.byStatus[s], 0)).toBe(r.totals.questions)
        const main = Object.fromEntries(Monitoring.STATUSES.map((s) => [s, 0])) as Record<string, number>
        for (const q of r.questions) if (q.question === 1) main[q.status]!++
        expect(main).toStrictEqual(fromAnalysis(analysis))
        // by section: the main questions are the analysis's topics at level 1; every section adds up
        const mainBySection: Record<string, number> = {}
        for (const q of r.questions)
          if (q.question === 1) mainBySection[q.section] = (mainBySection[q.section] ?? 0) + 1
        expect(mainBySection).toStrictEqual({ ...Analysis.byTopicAt(analysis, 1) })
        for (const [section, n] of Object.entries(r.totals.bySection))
          expect(Monitoring.STATUSES.reduce((m, s) => m + r.totals.bySectionStatus[section]![s], 0)).toBe(n)
      }
    },
    { fastCheck: { numRuns: runs(100) } }
  )

  it.prop(
    "the report decodes after encoding (the documented JSON round-trips)",
    [history],
    ([summaries]) => {
      const r = Monitoring.report(summaries, Period.unsafeMonth("2020-02"))
      const back = Either.getOrThrow(Monitoring.decode(JSON.parse(Monitoring.toJson(r))))
      expect(Schema.encodeSync(Monitoring.MonitoringReport)(back)).toStrictEqual(
        Schema.encodeSync(Monitoring.MonitoringReport)(r)
      )
    },
    { fastCheck: { numRuns: runs(30) } }
  )

  it("docs/monitoring.schema.json is the JSON Schema the report's Schemas generate", () => {
    const doc: unknown = JSON.parse(readFileSync(new URL("../../docs/monitoring.schema.json", import.meta.url), "utf8"))
    expect(doc).toEqual(JSON.parse(JSON.stringify(Monitoring.jsonSchema())))
  })
})

describe("Monitoring: worked examples", () => {
  const three = register("2021-03-01", { topics: [HOUSING, FAMILY, ECONOMY] })
  const answered = new AppealCommand.AnswerOnMerits({
    appealId: APPEAL,
    result: "supported",
    form: "written",
    questionResults: [
      { topic: FAMILY, result: "explained" },
      { topic: ECONOMY, result: "notSupported" }
    ],
    at: at("2021-03-25"),
    actor: CLERK
  })
  const summaryOf = (commands: ReadonlyArray<AppealCommand.AppealCommand>) =>
    Analysis.summarise(Either.getOrThrow(Decider.run(decider, commands)).state)!

  it("an appeal with three questions answered on 25 March: supported, explained, not supported in the March report", () => {
    const s = summaryOf([three, assign("2021-03-02"), answered])
    const r = Monitoring.report([s], Period.unsafeMonth("2021-03"))
    expect(r.questions.map((q) => [q.question, q.code, q.section, q.status])).toStrictEqual([
      [1, HOUSING, "0005", "supported"],
      [2, FAMILY, "0002", "explained"],
      [3, ECONOMY, "0003", "notSupported"]
    ])
    expect(r.totals).toMatchObject({
      appeals: 1,
      questions: 3,
      byStatus: { supported: 1, explained: 1, notSupported: 1, underConsideration: 0 },
      bySection: { "0002": 1, "0003": 1, "0005": 1 }
    })
    const csv = Monitoring.toCsv(r, "ru").split("\r\n")
    expect(csv[0]).toBe("Обращение,Дата регистрации,Вопрос,Код классификатора,Раздел,Статус,Статус (код)")
    expect(csv[2]).toBe(`${APPEAL},2021-03-01,2,${FAMILY},0002,Разъяснено,explained`)
  })

  it("the same appeal answered on 2 April is under consideration in the March report, on every question", () => {
    const late = new AppealCommand.AnswerOnMerits({ ...answered, at: at("2021-04-02") })
    const s = summaryOf([three, assign("2021-03-02"), late])
    const r = Monitoring.report([s], Period.unsafeMonth("2021-03"))
    expect(r.questions.map((q) => q.status)).toStrictEqual([
      "underConsideration",
      "underConsideration",
      "underConsideration"
    ])
    expect(
      Monitoring.report([s], Period.unsafeMonth("2021-03"), Period.unsafeDay("2021-04-30")).totals.byStatus
    ).toMatchObject({
      supported: 1,
      explained: 1,
      notSupported: 1
    })
  })

  it("forwarding by competence, the end of correspondence and an art. 11 ground apply to every question", () => {
    const forwarded = summaryOf([
      three,
      new AppealCommand.ForwardByCompetence({
        appealId: APPEAL,
        to: "Прокуратура края",
        at: at("2021-03-03"),
        actor: CLERK
      })
    ])
    expect(Monitoring.report([forwarded], Period.unsafeMonth("2021-03")).totals.byStatus.forwardedByCompetence).toBe(3)
    const abusive = summaryOf([
      three,
      new AppealCommand.LeaveWithoutAnswer({ appealId: APPEAL, ground: "abusive", at: at("2021-03-03"), actor: CLERK })
    ])
    expect(Monitoring.report([abusive], Period.unsafeMonth("2021-03")).totals.byStatus.leftWithoutAnswer).toBe(3)
  })

  it("the grounds of art. 11 p. 2, p. 5.1 and p. 6 are an answer given to the author (Дан ответ автору), on every question", () => {
    const common = { appealId: APPEAL, at: at("2021-03-03"), actor: CLERK }
    for (const closing of [
      new AppealCommand.ReturnCourtDecisionAppeal({ ...common, explanation: "обжалуется в краевой суд" }),
      new AppealCommand.ReferToPublishedAnswer({ ...common, url: "https://khabarovskadm.ru/answers/42" }),
      new AppealCommand.DeclineForSecrecy({ ...common, secret: "other" })
    ]) {
      const s = summaryOf([three, closing])
      expect(Monitoring.report([s], Period.unsafeMonth("2021-03")).totals.byStatus.answerGiven).toBe(3)
    }
  })

  it("a question's result that is not one of the appeal's, listed twice, or differing on the main question is refused, naming it", () => {
    const run = (questionResults: NonNullable<AppealCommand.AnswerOnMerits["questionResults"]>) => {
      const r = Decider.run(decider, [
        three,
        assign("2021-03-02"),
        new AppealCommand.AnswerOnMerits({ ...answered, questionResults })
      ])
      return Either.isLeft(r) ? r.left : undefined
    }
    expect(run([{ topic: "0004.0016.0001.0001" as Topic.TopicCode, result: "explained" }])).toMatchObject({
      _tag: "InvalidAppealInput",
      field: "questionResults[0].topic"
    })
    expect(
      run([
        { topic: FAMILY, result: "explained" },
        { topic: FAMILY, result: "notSupported" }
      ])
    ).toMatchObject({ field: "questionResults[1].topic" })
    expect(run([{ topic: HOUSING, result: "explained" }])).toMatchObject({ field: "questionResults[0].result" })
  })
})

describe("Monitoring: the month", () => {
  const latest = Period.unsafeMonth("2026-12")
  it.each([
    ["2020-13", "expected a month"],
    ["1900-01", "begins with 2017-07"],
    ["2017-06", "begins with 2017-07"],
    ["2027-01", "after the current month"],
    ["", "expected a month"]
  ])("%s is refused naming the field", (input, why) => {
    const r = Monitoring.parseMonth(input, latest)
    expect(Either.isLeft(r) && r.left).toMatchObject({ _tag: "InvalidMonitoringMonth", field: "month" })
    expect(Either.isLeft(r) && r.left.message).toContain(why)
  })
  it("2017-07 and the current month are accepted", () => {
    expect(Monitoring.parseMonth("2017-07", latest)).toStrictEqual(Either.right("2017-07"))
    expect(Monitoring.parseMonth("2026-12", latest)).toStrictEqual(Either.right("2026-12"))
  })
})
