/**
 * The recommendations loop (issue 20, item 5): the flagged recommendations
 * are exactly those with no linked measure planned or done by the deadline
 * (against a naive reference over random plans), and the appeals before and
 * after a measure's completion equal a naive count over the appeals; worked
 * examples of the definitions, the demo city's 2020 report and the monthly
 * analysis that flags.
 */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Appeals, Demo, Period, Planning, Reporting } from "../../src/index.js"
import type { ActivityId, AppealId, DivisionId, GoalId, PlanId, RecommendationId } from "../../src/kernel/Ids.js"
import { fold } from "../demo/fold.js"
import { runs } from "../support/runs.js"

const { RecommendationLoop: Loop } = Reporting
const day = Period.unsafeDay
const month = Period.unsafeMonth
type Month = Period.Month

/** The month after, as a reader counts it with a calendar (no kernel arithmetic). */
const naiveLastDayOfNextMonth = (m: string): string => {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) + 1, 0))
  return d.toISOString().slice(0, 10)
}

const MONTHS = ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06", "2020-07"] as const
const DIVISIONS = ["housing", "roads"] as const
const TOPICS = ["0005.0005", "0003.0009"] as const

const recommendation = (m: string, division: string, topic: string) =>
  new Appeals.Analysis.Recommendation({
    id: Appeals.Analysis.recommendationId(
      m as Month,
      division as DivisionId,
      "topicGrowth",
      topic as Appeals.Topic.TopicCode
    ),
    period: m as Month,
    division: division as DivisionId,
    reason: "topicGrowth",
    topic: topic as Appeals.Topic.TopicCode,
    current: 10,
    previous: 5,
    changePercent: 100
  })

const recommendations = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...MONTHS), fc.constantFrom(...DIVISIONS), fc.constantFrom(...TOPICS)), {
    selector: (x) => x.join("|"),
    maxLength: 12
  })
  .map((xs) => xs.map(([m, d, t]) => recommendation(m, d, t)))

const anyDay = (from: string, span: number) =>
  fc.integer({ min: 0, max: span }).map((n) => Period.addDays(day(from), n))

interface ActivitySpec {
  readonly recommendation: number
  readonly done: Period.Day | undefined
}
interface PlanSpec {
  readonly month: (typeof MONTHS)[number]
  readonly created: Period.Day
  readonly activities: ReadonlyArray<ActivitySpec>
}

const planSpec: fc.Arbitrary<PlanSpec> = fc.record({
  month: fc.constantFrom(...MONTHS),
  created: anyDay("2019-12-20", 240),
  activities: fc.array(
    fc.record({
      recommendation: fc.integer({ min: 0, max: 13 }),
      done: fc.option(anyDay("2020-01-01", 240), { nil: undefined })
    }),
    { maxLength: 4 }
  )
})

/** A monthly plan's state as folded (built directly: the loop reads states). */
const planOf = (
  spec: PlanSpec,
  i: number,
  recs: ReadonlyArray<Appeals.Analysis.Recommendation>
): Planning.Plan.State => {
  const activities = spec.activities.map(
    (a, k) =>
      new Planning.Node.Activity({
        id: `act-${i}-${k}` as ActivityId,
        title: `Мера ${i}-${k}`,
        division: "housing" as DivisionId,
        month: spec.month as Month,
        deadline: Period.lastDay(spec.month as Month),
        link: { _tag: "Goal", id: "goal-1" as GoalId },
        origin: {
          _tag: "Recommendation",
          recommendation: (recs[a.recommendation]?.id ?? `rec:unknown:${a.recommendation}`) as RecommendationId
        }
      })
  )
  const executions: Record<string, Planning.Report.Execution> = {}
  spec.activities.forEach((a, k) => {
    if (a.done !== undefined) executions[`act-${i}-${k}`] = new Planning.Report.Done({ completedOn: a.done })
  })
  return new Planning.Plan.Opened({
    id: `monthly-${i}` as PlanId,
    kind: "monthly",
    period: spec.month as Month,
    title: `План ${i}`,
    // noon in Khabarovsk: the creation's local day is `created`
    createdAt: new Date(`${spec.created}T02:00:00Z`),
    status: "approved",
    nodes: activities,
    inForce: activities,
    versions: [],
    executions,
    monthlyReports: [],
    quarterlyReports: [],
    actuals: []
  })
}

describe("definitions: worked examples", () => {
  it("the deadline is the last day of the month after the month analysed", () => {
    expect(Loop.deadlineOf(month("2020-03"))).toBe("2020-04-30")
    expect(Loop.deadlineOf(month("2020-01"))).toBe("2020-02-29")
    expect(Loop.deadlineOf(month("2020-12"))).toBe("2021-01-31")
    expect(Loop.deadlineOf(Period.unsafeQuarter("2020-Q1"))).toBe("2020-04-30")
  })

  it("an appeal is on a topic when its main topic lies under the topic's code, by whole segments", () => {
    const code = (s: string) => s as Appeals.Topic.TopicCode
    expect(Loop.onTopic(code("0005.0005.0056.1134"), code("0005.0005"))).toBe(true)
    expect(Loop.onTopic(code("0005.0005"), code("0005.0005"))).toBe(true)
    expect(Loop.onTopic(code("0005.0006.0056.1134"), code("0005.0005"))).toBe(false)
    expect(Loop.onTopic(code("0005"), code("0005.0005"))).toBe(false)
  })

  it("the window: three months before and three after the month of completion", () => {
    expect(Loop.windowOf(month("2020-02"))).toStrictEqual({
      before: ["2019-11", "2019-12", "2020-01"],
      after: ["2020-03", "2020-04", "2020-05"]
    })
  })

  it("a recommendation of March: planned in April's plan is in time, in May's is flagged once 30 April has passed", () => {
    const r = recommendation("2020-03", "housing", "0005.0005")
    const plan = (m: (typeof MONTHS)[number]) =>
      planOf({ month: m, created: day("2020-03-20"), activities: [{ recommendation: 0, done: undefined }] }, 1, [r])
    const status = (plans: ReadonlyArray<Planning.Plan.State>, asOf: string) =>
      Loop.follow([r], Loop.measuresOf(plans, day(asOf)), day(asOf))[0]!.status
    expect(status([plan("2020-04")], "2020-05-15")).toBe("planned")
    expect(status([plan("2020-05")], "2020-04-30")).toBe("awaiting")
    expect(status([plan("2020-05")], "2020-05-01")).toBe("missing")
    expect(status([], "2020-05-01")).toBe("missing")
    // a plan created after the report's day is not read
    expect(status([plan("2020-04")], "2020-03-19")).toBe("awaiting")
  })
})

describe("the flagged set", () => {
  it("is exactly the recommendations with no linked measure planned or done by the deadline, for random plans and days", () => {
    fc.assert(
      fc.property(
        recommendations,
        fc.array(planSpec, { maxLength: 6 }),
        anyDay("2020-01-15", 260),
        (recs, specs, asOf) => {
          const plans = specs.map((s, i) => planOf(s, i, recs))
          const followed = Loop.follow(recs, Loop.measuresOf(plans, asOf), asOf)
          const got = Loop.flagged(followed).map((f) => f.recommendation.id)
          // the naive reference: loop over plans and activities by hand
          const expected = recs
            .filter((r) => {
              const deadline = naiveLastDayOfNextMonth(r.period)
              const answered = specs.some(
                (s) =>
                  s.created <= asOf &&
                  s.activities.some(
                    (a) =>
                      recs[a.recommendation]?.id === r.id &&
                      (`${s.month}-01` <= deadline || (a.done !== undefined && a.done <= asOf && a.done <= deadline))
                  )
              )
              return !answered && deadline < asOf
            })
            .map((r) => r.id)
          expect(got).toStrictEqual(expected)
          // every recommendation has one status; `awaiting` only before its deadline
          for (const f of followed) if (f.status === "awaiting") expect(f.deadline >= asOf).toBe(true)
        }
      ),
      { numRuns: runs(200) }
    )
  })
})

const TOPIC_CODES = ["0005.0005.0056.1134", "0005.0005.0057.0001", "0003.0009.0001.0002", "0005.0006.0001.0001"]

const summaries = fc
  .array(fc.tuple(anyDay("2019-01-01", 729), fc.constantFrom(...TOPIC_CODES), fc.constantFrom(...TOPIC_CODES)), {
    maxLength: 300
  })
  .map((xs) =>
    xs.map(
      ([d, main, other], i) =>
        new Appeals.Analysis.AppealSummary({
          appealId: `A-${i}` as AppealId,
          registeredOn: d,
          channel: "written",
          kind: "individual",
          type: "statement",
          addressee: new Appeals.Appeal.ToMayor(),
          division: "housing" as DivisionId,
          // only the main (first) topic counts
          topics: [main as Appeals.Topic.TopicCode, other as Appeals.Topic.TopicCode],
          answerDue: Period.addDays(d, 30)
        })
    )
  )

const monthsOf = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}` as Month)

describe("the appeals before and after a measure", () => {
  it("equal a naive count over the appeals, the completion measured being the earliest whose months are covered", () => {
    const measure = fc.record({
      recommendation: fc.constantFrom(...TOPICS.map((t) => recommendation("2020-01", "housing", t).id)),
      completedOn: fc.option(anyDay("2019-06-01", 700), { nil: undefined })
    })
    fc.assert(
      fc.property(summaries, fc.array(measure, { maxLength: 8 }), anyDay("2020-06-01", 250), (xs, ms, asOf) => {
        const months = [...monthsOf(2019), ...monthsOf(2020)].map((m) => Appeals.Analysis.analyse(xs, m, asOf))
        const measures: ReadonlyArray<Reporting.RecommendationLoop.Measure> = ms.map((m, i) => ({
          recommendation: m.recommendation,
          plan: "p" as PlanId,
          month: month("2020-01"),
          activity: `a-${i}` as ActivityId,
          title: "m",
          division: "housing" as DivisionId,
          ...(m.completedOn === undefined ? {} : { completedOn: m.completedOn })
        }))
        const topicOf = (id: RecommendationId) => TOPICS.find((t) => id.endsWith(`:${t}`)) as Appeals.Topic.TopicCode
        const got = Loop.effects(months, measures, topicOf, asOf)
        // naive: months as strings, appeals filtered one by one
        const shift = (m: string, n: number) => {
          const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + n, 1))
          return d.toISOString().slice(0, 7)
        }
        const count = (topic: string, ms: ReadonlyArray<string>) =>
          xs.filter((a) => a.topics[0].startsWith(`${topic}.`) && ms.includes(a.registeredOn.slice(0, 7))).length
        const expected = TOPICS.flatMap((topic) => {
          const done = ms.filter((m) => topicOf(m.recommendation) === topic && m.completedOn !== undefined)
          const measurable = done
            .map((m) => m.completedOn!.slice(0, 7))
            .filter(
              (m) =>
                shift(m, -15) >= "2019-01" && shift(m, 3) <= "2020-12" && naiveLastDayOfNextMonth(shift(m, 2)) <= asOf
            )
            .sort()[0]
          if (measurable === undefined) return []
          const before = [shift(measurable, -3), shift(measurable, -2), shift(measurable, -1)]
          const after = [shift(measurable, 1), shift(measurable, 2), shift(measurable, 3)]
          const yearEarlier = (w: ReadonlyArray<string>) => w.map((m) => shift(m, -12))
          return [
            {
              topic,
              measuresDone: done.length,
              completedIn: measurable,
              before: count(topic, before),
              after: count(topic, after),
              baselineBefore: count(topic, yearEarlier(before)),
              baselineAfter: count(topic, yearEarlier(after))
            }
          ]
        }).sort((a, b) => (a.topic < b.topic ? -1 : 1))
        expect(got).toStrictEqual(expected)
      }),
      { numRuns: runs(100) }
    )
  })
})

describe("the demo city", () => {
  const city = Demo.Generator.generate({ seed: 2020 })
  const records = fold(city.records)
  const asOf = day("2020-12-31")
  const f = Reporting.AnnualReport.figures(Reporting.AnnualReport.inputOf(records, 2020, asOf))

  it("2020: 67 recommendations on growing topics — 48 answered in time, 12 not yet due, 7 flagged; the table of topics before and after", () => {
    const loop = f.appeals.loop
    expect(loop.followed.length).toBe(67)
    const by = (s: Reporting.RecommendationLoop.Status) => loop.followed.filter((x) => x.status === s).length
    expect([by("planned"), by("awaiting"), by("missing")]).toStrictEqual([48, 12, 7])
    expect(loop.effects.length).toBeGreaterThan(0)
    for (const lang of ["ru", "en"] as const) {
      const doc = Reporting.AnnualReport.document(f, lang)
      const md = Reporting.ReportDocument.toMarkdown(doc)
      expect(md).toContain(
        lang === "ru"
          ? "**Обращения по тематикам за три месяца до и после выполнения мер**"
          : "**Appeals on the topics in the three months before and after the measures were done**"
      )
      expect(md).toContain(
        lang === "ru"
          ? "**Рекомендации без мер в ежемесячных планах к установленному сроку**"
          : "**Recommendations without a measure in a monthly plan by their deadline**"
      )
      // the JSON carries the same tables under their keys, in either language, and decodes back
      const json = Reporting.ReportDocument.toJson(doc)
      expect(Reporting.ReportDocument.fromJson(json)._tag).toBe("Right")
      const keyed = (key: string): ReadonlyArray<ReadonlyArray<unknown>> => {
        const found: Array<ReadonlyArray<ReadonlyArray<unknown>>> = []
        const walk = (x: unknown): void => {
          if (Array.isArray(x)) x.forEach(walk)
          else if (typeof x === "object" && x !== null) {
            const o = x as Record<string, unknown>
            if (o["_tag"] === "Table" && o["key"] === key)
              found.push(o["rows"] as ReadonlyArray<ReadonlyArray<unknown>>)
            else Object.values(o).forEach(walk)
          }
        }
        walk(JSON.parse(json))
        expect(found.length).toBe(1)
        return found[0]!
      }
      expect(keyed("appeals.recommendationsFlagged").length).toBe(7)
      expect(keyed("appeals.topicsBeforeAfter").map((r) => [r[1], r[3], r[4], r[6], r[7]])).toStrictEqual(
        loop.effects.map((e) => [e.measuresDone, e.before, e.after, e.baselineBefore, e.baselineAfter])
      )
    }
    // housing (0005.0005): the table's figures are the monthly analyses' counts
    const housing = loop.effects.find((e) => e.topic === "0005.0005")!
    const w = Loop.windowOf(housing.completedIn)
    const n = (ms: ReadonlyArray<Month>) =>
      records.appeals.filter((a) => a.topics[0].startsWith("0005.0005.") && ms.includes(Period.monthOf(a.registeredOn)))
        .length
    expect([housing.before, housing.after]).toStrictEqual([n(w.before), n(w.after)])
  })

  it("the monthly analysis of March 2020 as of 8 April flags February's recommendation left without a measure", () => {
    const doc = Reporting.MonthlyReport.fromRecords(records, month("2020-03"), day("2020-04-08"), "ru")
    const md = Reporting.ReportDocument.toMarkdown(doc)
    expect(md).toContain("### Исполнение рекомендаций по итогам анализа за февраль 2020 г.")
    const flaggedFeb = f.appeals.loop.followed.filter(
      (x) => x.status === "missing" && x.recommendation.period === "2020-02"
    )
    expect(flaggedFeb.length).toBeGreaterThan(0)
    expect(md).toContain("не включена, срок истёк")
    const feb = f.appeals.loop.followed.filter((x) => x.recommendation.period === "2020-02")
    const json = JSON.parse(Reporting.ReportDocument.toJson(doc)) as {
      readonly sections: ReadonlyArray<{
        readonly sections: ReadonlyArray<{
          readonly blocks: ReadonlyArray<{ readonly key?: string; readonly rows?: unknown[] }>
        }>
      }>
    }
    const table = json.sections
      .flatMap((s) => s.sections)
      .flatMap((s) => s.blocks)
      .find((b) => b.key === "appeals.recommendationsFollowed")
    expect(table?.rows?.length).toBe(feb.length)
    expect(Reporting.Dates.hasIsoDay(md.slice(0, md.indexOf("## Мониторинг")))).toBe(false)
    // without plans, no loop
    const bare = Reporting.MonthlyReport.figures(records.appeals, month("2020-03"), day("2020-04-08"))
    expect(bare.loop).toBeUndefined()
  })
})
