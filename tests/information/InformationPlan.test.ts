import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Coverage from "../../src/information/Coverage.js"
import { HotTopic } from "../../src/information/Coverage.js"
import type { InformationRuleViolation } from "../../src/information/Errors.js"
import * as Figures from "../../src/information/Figures.js"
import * as Plan from "../../src/information/InformationPlan.js"
import { HOT_LINE, Publication, TO_THE_POINT } from "../../src/information/Publication.js"
import type { TopicCode } from "../../src/information/Topic.js"
import type { ActorId, DivisionId, PublicationId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import { accept, type Expected, type Real, refuse, step } from "./harness.js"
import { runs } from "../support/runs.js"

const at = new Date("2020-05-02T02:00:00Z")
const actor = "press-1" as ActorId
const MONTH = Period.unsafeMonth("2020-03")
const OTHER = Period.unsafeMonth("2020-04")
const pubIds = fc.integer({ min: 1, max: 40 }).map((n) => `pub-${n}` as PublicationId)
const publications = fc.uniqueArray(
  A.publication({ id: pubIds, from: Period.unsafeDay("2020-02-01"), to: Period.unsafeDay("2020-05-31") }),
  { selector: (p) => p.id, maxLength: 12 }
)

/** Every hot topic is covered or uncovered, never both; counts add up; covering publications are in the window and cover. */
const coverageViolations = (
  hot: ReadonlyArray<HotTopic>,
  pubs: ReadonlyArray<Publication>,
  r: Coverage.CoverageReport
): ReadonlyArray<string> => {
  const out: Array<string> = []
  const covered = new Set(r.covered.map((c) => c.topic.code)),
    uncovered = new Set(r.uncovered.map((t) => t.code))
  for (const t of hot) {
    if (covered.has(t.code) === uncovered.has(t.code))
      out.push(`${t.code} is ${covered.has(t.code) ? "both covered and uncovered" : "neither covered nor uncovered"}`)
  }
  const c = Coverage.counts(r)
  if (c.hotTopics !== hot.length || c.covered + c.uncovered !== hot.length) out.push("topic counts do not add up")
  if (c.appeals !== hot.reduce((n, t) => n + t.appeals, 0) || c.appealsOnCovered + c.appealsOnUncovered !== c.appeals)
    out.push("appeal counts do not add up")
  const byId = new Map(pubs.map((p) => [p.id as string, p]))
  for (const ct of r.covered) {
    for (const id of ct.publications) {
      const p = byId.get(id)
      if (
        p === undefined ||
        p.date < r.from ||
        p.date > r.to ||
        !p.topics.some((x) => x === ct.topic.code || x.startsWith(`${ct.topic.code}.`))
      ) {
        out.push(`${id} does not cover ${ct.topic.code} in the window`)
      }
    }
  }
  for (const t of r.uncovered) {
    if (
      pubs.some(
        (p) => p.date >= r.from && p.date <= r.to && p.topics.some((x) => x === t.code || x.startsWith(`${t.code}.`))
      )
    )
      out.push(`${t.code} is reported uncovered but a publication covers it`)
  }
  return out
}

describe("coverage of the month's hot topics", () => {
  it("every hot topic is either covered or reported uncovered, never both; coverage counts add up", () => {
    fc.assert(
      fc.property(A.hotTopics, publications, (hot, pubs) => {
        expect(coverageViolations(hot, pubs, Coverage.coverage(MONTH, hot, pubs))).toEqual([])
      }),
      { numRuns: runs(500) }
    )
  })

  it("worked example: March's housing topic is covered by an April publication on a housing question; transport is not covered; a May publication is too late", () => {
    const pub = (id: string, date: string, topics: ReadonlyArray<string>) =>
      new Publication({
        id: id as PublicationId,
        channel: "newspaper",
        rubric: "Горячая линия",
        date: Period.unsafeDay(date),
        title: "Вопрос — ответ",
        topics: topics as ReadonlyArray<TopicCode>,
        division: "press-service" as DivisionId
      })
    const hot = [
      new HotTopic({ code: "0005.0005" as TopicCode, appeals: 412 }),
      new HotTopic({ code: "0003.0009" as TopicCode, appeals: 97 })
    ]
    const r = Coverage.coverage(MONTH, hot, [
      pub("a", "2020-04-20", ["0005.0005.0056.1134"]),
      pub("b", "2020-05-01", ["0003.0009.0097.0690"]),
      pub("c", "2020-03-02", ["0005"])
    ])
    expect(r.covered.map((c) => [c.topic.code, c.publications])).toEqual([["0005.0005", ["a"]]])
    expect(r.uncovered.map((t) => t.code)).toEqual(["0003.0009"])
    expect([r.from, r.to]).toEqual(["2020-03-01", "2020-04-30"])
    expect(Coverage.counts(r)).toEqual({
      hotTopics: 2,
      covered: 1,
      uncovered: 1,
      appeals: 509,
      appealsOnCovered: 412,
      appealsOnUncovered: 97
    })
  })
})

describe("annual figures of information work", () => {
  it("every breakdown adds up to the year's publications; hot topics covered plus uncovered equal the hot topics", () => {
    const year = Period.unsafeYear("2020")
    fc.assert(
      fc.property(
        fc.uniqueArray(
          A.publication({ id: pubIds, from: Period.unsafeDay("2019-12-01"), to: Period.unsafeDay("2021-01-31") }),
          { selector: (p) => p.id }
        ),
        A.hotTopics,
        (pubs, hot) => {
          const f = Figures.annual(year, pubs, [
            Coverage.coverage(MONTH, hot, pubs),
            Coverage.coverage(Period.unsafeMonth("2021-01"), hot, pubs)
          ])
          const sum = (c: Figures.Counts) => Object.values(c).reduce((a, b) => a + b, 0)
          const inYear = pubs.filter((p) => p.date.startsWith("2020")).length
          expect(f.publications).toBe(inYear)
          for (const c of [f.byChannel, f.byRubric, f.byChannelRubric, f.byDivision]) expect(sum(c)).toBe(inYear)
          expect(f.hotTopics.months).toBe(1)
          expect(f.hotTopics.covered + f.hotTopics.uncovered).toBe(hot.length)
        }
      )
    )
  })
})

describe("annual figures of information work: worked example", () => {
  it("2020: four publications by channel and rubric («Горячая линия», «Разговор по существу», none); March and April hot topics 3 covered, 1 not; December 2019 does not count", () => {
    const pub = (
      id: string,
      channel: Publication["channel"],
      rubric: string | undefined,
      date: string,
      topics: ReadonlyArray<string>
    ) =>
      new Publication({
        id: id as PublicationId,
        channel,
        date: Period.unsafeDay(date),
        title: "Вопрос — ответ",
        topics: topics as ReadonlyArray<TopicCode>,
        division: "press-service" as DivisionId,
        ...(rubric === undefined ? {} : { rubric })
      })
    const pubs = [
      pub("p1", "newspaper", HOT_LINE, "2020-03-12", ["0005.0005.0056.1134"]),
      pub("p2", "newspaper", HOT_LINE, "2020-04-02", ["0005.0005.0054.1122"]),
      pub("p3", "radio", TO_THE_POINT, "2020-04-20", ["0002.0013.0141.0466"]),
      pub("p4", "website", undefined, "2020-05-01", []),
      pub("p5", "website", HOT_LINE, "2019-12-30", ["0005.0005.0056.1134"])
    ]
    const hot = (code: string, appeals: number) => new HotTopic({ code: code as TopicCode, appeals })
    const reports = [
      Coverage.coverage(Period.unsafeMonth("2019-12"), [hot("0005.0005", 300)], pubs),
      Coverage.coverage(Period.unsafeMonth("2020-03"), [hot("0005.0005", 412), hot("0003.0009", 97)], pubs),
      Coverage.coverage(Period.unsafeMonth("2020-04"), [hot("0005.0005", 388), hot("0002.0013", 120)], pubs)
    ]
    expect(Figures.annual(Period.unsafeYear("2020"), pubs, reports)).toEqual(
      new Figures.AnnualFigures({
        year: Period.unsafeYear("2020"),
        publications: 4,
        byChannel: { newspaper: 2, radio: 1, website: 1 },
        byRubric: { none: 1, "Горячая линия": 2, "Разговор по существу": 1 },
        byChannelRubric: { "newspaper|Горячая линия": 2, "radio|Разговор по существу": 1, "website|none": 1 },
        byDivision: { "press-service": 4 },
        hotTopics: new Figures.HotTopicFigures({ months: 2, hotTopics: 4, covered: 3, uncovered: 1 })
      })
    )
  })
})

type Model = { tag: "Unopened" | "Open" | "Closed"; hot: ReadonlyArray<string> }
type Sut = Real<Plan.Command, Plan.Event, Plan.State, InformationRuleViolation>
const check = {
  state: Plan.State,
  invariants: (s: Plan.State): ReadonlyArray<string> => {
    if (s._tag === "Unopened") return []
    const out: Array<string> = []
    for (const k of Object.keys(s.assignments))
      if (!s.hotTopics.some((t) => t.code === k)) out.push(`assignment of ${k}, not a hot topic`)
    if (s._tag === "Closed") {
      const codes = [...s.report.covered.map((c) => c.topic.code), ...s.report.uncovered.map((t) => t.code)].sort()
      if (JSON.stringify(codes) !== JSON.stringify(s.hotTopics.map((t) => t.code).sort()))
        out.push("the report does not partition the hot topics")
    }
    return out
  }
}
const common = (m: Model, month: Period.Month): Expected | undefined =>
  m.tag === "Unopened"
    ? refuse("planNotOpened")
    : month !== MONTH
      ? refuse("wrongMonth")
      : m.tag === "Closed"
        ? refuse("planClosed")
        : undefined

class Open implements fc.Command<Model, Sut> {
  constructor(
    readonly hot: ReadonlyArray<HotTopic>,
    readonly dup: boolean
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const hot = this.dup && this.hot[0] !== undefined ? [...this.hot, this.hot[0]] : this.hot
    const expected =
      m.tag !== "Unopened"
        ? refuse("planAlreadyOpened")
        : hot.length !== this.hot.length
          ? refuse("duplicateTopic")
          : accept
    step(r, new Plan.OpenInformationPlan({ month: MONTH, at, actor, hotTopics: hot }), expected, check)
    if (expected.ok) Object.assign(m, { tag: "Open", hot: this.hot.map((t) => t.code) })
  }
  toString = () => `Open(${this.hot.map((t) => t.code).join(",")}${this.dup ? ", duplicated" : ""})`
}
class Assign implements fc.Command<Model, Sut> {
  constructor(
    readonly topic: TopicCode,
    readonly month: Period.Month
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const expected = common(m, this.month) ?? (m.hot.includes(this.topic) ? accept : refuse("unknownHotTopic"))
    step(
      r,
      new Plan.AssignHotTopic({
        month: this.month,
        at,
        actor,
        topic: this.topic,
        division: "press-service" as DivisionId
      }),
      expected,
      check
    )
  }
  toString = () => `Assign(${this.topic}, ${this.month})`
}
class Close implements fc.Command<Model, Sut> {
  constructor(
    readonly on: Period.Day,
    readonly pubs: ReadonlyArray<Publication>
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const expected = common(m, MONTH) ?? (this.on <= "2020-04-30" ? refuse("windowNotOver") : accept)
    step(
      r,
      new Plan.CloseInformationPlan({ month: MONTH, at, actor, on: this.on, publications: this.pubs }),
      expected,
      check
    )
    if (expected.ok) {
      m.tag = "Closed"
      if (r.state._tag !== "Closed") throw new Error("not closed")
      const bad = coverageViolations(r.state.hotTopics, this.pubs, r.state.report)
      if (bad.length > 0) throw new Error(bad.join("; "))
    }
  }
  toString = () => `Close(${this.on}, ${this.pubs.length} publications)`
}

describe("the monthly information plan", () => {
  it("model-based: opening, assigning and closing follow the model; the closing report partitions the hot topics", () => {
    const cmds = fc.commands(
      [
        fc.tuple(A.hotTopics, fc.boolean()).map(([h, d]) => new Open(h, d)),
        fc.tuple(A.topicCode, fc.constantFrom(MONTH, MONTH, OTHER)).map(([t, mo]) => new Assign(t, mo)),
        fc
          .tuple(A.dayBetween(Period.unsafeDay("2020-04-25"), Period.unsafeDay("2020-05-05")), publications)
          .map(([d, p]) => new Close(d, p))
      ],
      { maxCommands: 20 }
    )
    fc.assert(
      fc.property(cmds, (c) =>
        fc.modelRun(
          () => ({
            model: { tag: "Unopened", hot: [] } as Model,
            real: { decider: Plan.decider, state: Plan.initialState, events: [] }
          }),
          c
        )
      ),
      { numRuns: runs(200) }
    )
  })

  it("bad input: a malformed hot topic code is named by its path", () => {
    const bad = Plan.decodeCommand({
      _tag: "OpenInformationPlan",
      month: "2020-03",
      at: "2020-03-01T00:00:00Z",
      actor: "a",
      hotTopics: [{ code: "0005.5", appeals: 3 }]
    })
    expect(Either.isLeft(bad) && bad.left.path).toBe("hotTopics.0.code")
    const month = Plan.decodeCommand({
      _tag: "OpenInformationPlan",
      month: "2020-13",
      at: "2020-03-01T00:00:00Z",
      actor: "a",
      hotTopics: []
    })
    expect(Either.isLeft(month) && month.left.path).toBe("month")
  })
})
