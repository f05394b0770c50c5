import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Analysis from "../../src/appeals/Analysis.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { DivisionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Topic from "../../src/appeals/Topic.js"
import * as A from "../../src/testing/AppealsArbitraries.js"
import { answer, assign, decider, register } from "./helpers.js"

const y2020 = Period.unsafeYear("2020")
const asOf = Period.unsafeDay("2021-03-01")
const summaries2020 = fc.array(A.appealSummary(Period.unsafeDay("2020-01-01"), Period.unsafeDay("2020-12-31")), {
  maxLength: 120
})

const sum = (c: Analysis.Counts) => Object.values(c).reduce((a, b) => a + b, 0)

/** `n` copies of a summary with fresh ids, on a day, on a channel. */
const many = (
  base: Analysis.AppealSummary,
  n: number,
  patch: Partial<ConstructorParameters<typeof Analysis.AppealSummary>[0]>
) =>
  Array.from(
    { length: n },
    (_, i) =>
      new Analysis.AppealSummary({
        ...base,
        ...patch,
        appealId: `${base.appealId}-${i}` as Analysis.AppealSummary["appealId"]
      })
  )

describe("the change against the same period of the previous year", () => {
  it("11,072 -> 11,384 is +2.8 %", () => {
    expect(Analysis.changePercent(11072, 11384)).toBe(2.8)
    expect(Analysis.changePercent(328, 161)).toBe(-50.9)
    expect(Analysis.changePercent(0, 5)).toBeUndefined()
    expect(Analysis.changePercent(10, 10)).toBe(0)
  })

  it("the 2020 account: 3,780 written, 7,459 electronic, 145 oral = 11,384, +2.8 % on 11,072 in 2019", () => {
    const base = fc.sample(A.appealSummary(Period.unsafeDay("2020-06-01"), Period.unsafeDay("2020-06-01")), {
      numRuns: 1,
      seed: 1
    })[0]!
    const appeals = [
      ...many(base, 3780, { channel: "written", registeredOn: Period.unsafeDay("2020-02-03") }),
      ...many(base, 7459, { channel: "electronic", registeredOn: Period.unsafeDay("2020-07-15") }),
      ...many(base, 145, { channel: "oral", registeredOn: Period.unsafeDay("2020-11-30") }),
      ...many(base, 11072, {
        channel: "electronic",
        registeredOn: Period.unsafeDay("2019-05-05"),
        appealId: "earlier" as Analysis.AppealSummary["appealId"]
      })
    ]
    const current = Analysis.analyse(appeals, y2020, asOf)
    const previous = Analysis.analyse(appeals, Analysis.previousYearOf(y2020), asOf)
    expect(current.total).toBe(11384)
    expect(current.byChannel).toEqual({ electronic: 7459, oral: 145, written: 3780 })
    const cmp = Analysis.compare(current, previous)
    expect(cmp.previousPeriod).toBe("2019")
    expect(cmp.total).toMatchObject({ current: 11384, previous: 11072, changePercent: 2.8 })
  })
})

describe("analysis properties", () => {
  it("totals by any dimension add up to the total, at any topic level", () => {
    fc.assert(
      fc.property(
        summaries2020,
        fc.constantFrom<Period.Month | Period.Quarter | Period.Year>(
          y2020,
          Period.unsafeQuarter("2020-Q3"),
          Period.unsafeMonth("2020-03")
        ),
        (appeals, period) => {
          const a = Analysis.analyse(appeals, period, asOf)
          expect(a.total).toBe(appeals.filter((x) => Period.contains(period, x.registeredOn)).length)
          for (const d of Analysis.DIMENSIONS) expect(sum(a[d]), d).toBe(a.total)
          for (const l of [1, 2, 3, 4, 5] as const) expect(sum(Analysis.byTopicAt(a, l))).toBe(a.total)
        }
      )
    )
  })

  it("the analysis of a year equals the sum of its months, and of its quarters", () => {
    fc.assert(
      fc.property(summaries2020, (appeals) => {
        const year = Analysis.analyse(appeals, y2020, asOf)
        const byMonths = Analysis.combine(
          y2020,
          asOf,
          Period.months(y2020).map((m) => Analysis.analyse(appeals, m, asOf))
        )
        const byQuarters = Analysis.combine(
          y2020,
          asOf,
          [1, 2, 3, 4].map((q) => Analysis.analyse(appeals, Period.unsafeQuarter(`2020-Q${q}`), asOf))
        )
        expect(byMonths).toEqual(year)
        expect(byQuarters).toEqual(year)
      })
    )
  })

  it("top topics are the most frequent, in order, at the requested level", () => {
    fc.assert(
      fc.property(summaries2020, fc.integer({ min: 1, max: 5 }), (appeals, limit) => {
        const a = Analysis.analyse(appeals, y2020, asOf)
        const top = Analysis.topTopics(a, { level: 1, limit })
        const all = Analysis.byTopicAt(a, 1)
        expect(top.length).toBe(Math.min(limit, Object.keys(all).length))
        for (let i = 1; i < top.length; i++) expect(top[i - 1]!.count).toBeGreaterThanOrEqual(top[i]!.count)
        const rest = Object.entries(all).filter(([k]) => !top.some((t) => t.code === k))
        for (const [, n] of rest) expect(n).toBeLessThanOrEqual(top[top.length - 1]?.count ?? 0)
        for (const t of top) expect(t.name).toBeDefined()
      })
    )
  })
})

describe("recommendations", () => {
  const base = fc.sample(A.appealSummary(Period.unsafeDay("2020-03-01"), Period.unsafeDay("2020-03-01")), {
    numRuns: 1,
    seed: 7
  })[0]!
  const housing = "housing" as DivisionId
  const roofs = "0005.0005.0056.1134" as Topic.TopicCode
  const closedOnTime = {
    outcome: "answered" as const,
    result: "explained" as const,
    closedOn: Period.unsafeDay("2020-03-10"),
    closedLate: false,
    answerDue: Period.unsafeDay("2020-03-31")
  }
  const appeals = [
    ...many(base, 12, {
      division: housing,
      topics: [roofs],
      registeredOn: Period.unsafeDay("2020-03-02"),
      ...closedOnTime
    }),
    ...many(base, 10, {
      division: housing,
      topics: [roofs],
      registeredOn: Period.unsafeDay("2019-03-02"),
      appealId: "y2019" as Analysis.AppealSummary["appealId"],
      ...closedOnTime
    }),
    ...many(base, 2, {
      division: "transport" as DivisionId,
      topics: ["0003.0009.0097.0001" as Topic.TopicCode],
      registeredOn: Period.unsafeDay("2020-03-05"),
      answerDue: Period.unsafeDay("2020-04-03"),
      appealId: "late" as Analysis.AppealSummary["appealId"],
      outcome: "answered",
      result: "supported",
      closedOn: Period.unsafeDay("2020-04-10"),
      closedLate: true
    })
  ]
  const march = Period.unsafeMonth("2020-03")
  const current = Analysis.analyse(appeals, march, asOf)
  const previous = Analysis.analyse(appeals, Analysis.previousYearOf(march), asOf)

  it("a division whose appeals on a topic grew beyond the threshold, and one that missed deadlines", () => {
    const recs = Analysis.recommendations(current, previous, { growthThresholdPercent: 15, minimumCount: 5 })
    expect(recs.map((r) => [r.reason, r.division, r.topic, r.current, r.previous, r.changePercent])).toEqual([
      ["topicGrowth", "housing", "0005.0005", 12, 10, 20],
      ["missedDeadlines", "transport", "0003.0009", 2, 0, undefined]
    ])
    expect(recs.map((r) => r.id)).toEqual([
      "rec:2020-03:housing:topicGrowth:0005.0005",
      "rec:2020-03:transport:missedDeadlines:0003.0009"
    ])
  })

  it("growth under the threshold gives no growth recommendation", () => {
    const recs = Analysis.recommendations(current, previous, { growthThresholdPercent: 20, minimumCount: 5 })
    expect(recs.filter((r) => r.reason === "topicGrowth")).toEqual([])
  })

  it("missed deadlines: per division and topic, the appeals closed late or overdue as of the day, against the same period of the previous year", () => {
    fc.assert(
      fc.property(
        fc.array(A.appealSummary(Period.unsafeDay("2019-04-01"), Period.unsafeDay("2020-06-30")), { maxLength: 150 }),
        fc.constantFrom<Topic.TopicLevel>(1, 2, 3, 4),
        (xs, topicLevel) => {
          const q = Period.unsafeQuarter("2020-Q2"),
            day = Period.unsafeDay("2020-07-15")
          const recs = Analysis.recommendations(
            Analysis.analyse(xs, q, day),
            Analysis.analyse(xs, Analysis.previousYearOf(q), day),
            { topicLevel, minimumMissed: 1 }
          )
          const missed = (period: Analysis.AnalysisPeriod) => {
            const m = new Map<string, number>()
            for (const x of xs) {
              const t = Analysis.timeliness(x, day)
              if (
                !Period.contains(period, x.registeredOn) ||
                x.division === undefined ||
                (t !== "late" && t !== "overdue")
              )
                continue
              const k = `${x.division}|${Topic.atLevel(x.topics[0], topicLevel)}`
              m.set(k, (m.get(k) ?? 0) + 1)
            }
            return m
          }
          const now = missed(q),
            before = missed(Analysis.previousYearOf(q))
          const got = recs
            .filter((r) => r.reason === "missedDeadlines")
            .map((r) => [`${r.division}|${r.topic}`, r.current, r.previous] as const)
          expect(new Map(got.map(([k, n]) => [k, n]))).toEqual(now)
          for (const [k, , p] of got) expect(p).toBe(before.get(k) ?? 0)
        }
      )
    )
  })

  it("ids are stable and unique across calls", () => {
    fc.assert(
      fc.property(summaries2020, (xs) => {
        const a = Analysis.analyse(xs, Period.unsafeQuarter("2020-Q2"), asOf),
          b = Analysis.analyse(xs, Period.unsafeQuarter("2019-Q2"), asOf)
        const r1 = Analysis.recommendations(a, b, { minimumCount: 1 }),
          r2 = Analysis.recommendations(a, b, { minimumCount: 1 })
        expect(r1.map((r) => r.id)).toEqual(r2.map((r) => r.id))
        expect(new Set(r1.map((r) => r.id)).size).toBe(r1.length)
      })
    )
  })
})

describe("summaries of real appeals", () => {
  it("an appeal answered late is counted late; one open past its due date is overdue", () => {
    const late = Either.getOrThrow(
      Decider.run(decider, [register("2021-03-01"), assign("2021-03-02"), answer("2021-04-02")])
    ).state
    const open = Either.getOrThrow(Decider.run(decider, [register("2021-03-01"), assign("2021-03-02")])).state
    const a = Analysis.analyse(
      [Analysis.summarise(late)!, Analysis.summarise(open)!],
      Period.unsafeMonth("2021-03"),
      Period.unsafeDay("2021-04-05")
    )
    expect(a.byTimeliness).toEqual({ late: 1, overdue: 1 })
    expect(a.byOutcome).toEqual({ answered: 1, open: 1 })
    expect(a.byResult).toEqual({ explained: 1, none: 1 })
  })
})
