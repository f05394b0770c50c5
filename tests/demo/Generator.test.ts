/**
 * The demo city's generator: deterministic for a seed, every record
 * accepted by the areas' deciders, and the appeals reproduce the reference
 * figures with a pandemic spring.
 */
import { Either, Redacted, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Demo, Elections, Meetings, type Period, Ports, TimeZone } from "../../src/index.js"
import * as Format from "../../adapters/cli/import/Format.js"
import { Planning } from "../../src/index.js"

const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const city = Demo.Generator.generate({ seed: 2020 })
const other = Demo.Generator.generate({ seed: 7 })

describe("Demo.Generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const again = Demo.Generator.generate({ seed: 2020 })
    const sample = (c: Demo.Generator.DemoCity) =>
      [0, 1, 40, 500, 9000, 20000, c.records.length - 1].map((i) => encode(c.records[i]!)).join("\n")
    expect(again.records.length).toBe(city.records.length)
    expect(sample(again)).toBe(sample(city))
    expect(sample(other)).not.toBe(sample(city))
  })

  it("an appeal's text is what residents write on its topic, with an address: a function of the topic and number alone", () => {
    const texts = city.records.flatMap((r) => {
      const first = r.kind === "appeal" ? r.history[0] : undefined
      // the generated years (2021's few appeals of the acts have texts of their own)
      return first !== undefined &&
        (first._tag === "RegisterAppeal" || first._tag === "RegisterOralAppeal") &&
        /^A-20(19|20)-/.test(first.appealId)
        ? [{ id: first.appealId as string, topic: first.topics[0] as string, text: Redacted.value(first.text) }]
        : []
    })
    expect(texts.length).toBe(11_072 + 11_384)
    for (const t of texts) {
      const seq = Number(t.id.slice(-5))
      expect(t.text).toBe(Demo.Texts.textOf(t.topic, seq))
      expect(t.text).toMatch(/^[А-ЯЁ].+\. Адрес: .+, д\. \d+\.$/)
      expect(t.text).not.toMatch(/\d{4}\.\d{4}/) // no classifier code
    }
    const withWord = (w: string) => texts.filter((t) => Ports.Search.words(t.text).includes(w))
    // a search for «дорога» finds the appeals on roads, and only those
    expect(withWord("дорога").length).toBeGreaterThan(100)
    expect(new Set(withWord("дорога").map((t) => t.topic))).toStrictEqual(new Set(["0003.0009.0097.0690"]))
    for (const w of ["ремонт", "освещение", "мусор", "автобус", "отопление"])
      expect(withWord(w).length, w).toBeGreaterThan(10)
    // every topic of the demo has its own phrases
    for (const topic of Demo.City.topics)
      expect(Demo.Texts.textOf(topic.code, 1)).not.toMatch(/^Прошу рассмотреть вопрос и принять меры/)
  })

  it("reproduces the reference figures: 11072 and 11384 appeals, 3780 / 7459 / 145 in 2020, every appeal accepted", () => {
    const { summaries, refused } = Demo.Generator.appealSummaries(city.records)
    expect(refused).toBe(0)
    const count = (year: string, channel?: string) =>
      summaries.filter((s) => s.registeredOn.startsWith(year) && (channel === undefined || s.channel === channel))
        .length
    expect(count("2019")).toBe(Demo.City.REFERENCE.appeals[2019].total)
    expect([count("2020"), count("2020", "written"), count("2020", "electronic"), count("2020", "oral")]).toEqual([
      11384, 3780, 7459, 145
    ])
    // the pandemic: April 2020 below March 2020 and below April 2019; no oral appeals in April-June 2020
    expect(count("2020-04")).toBeLessThan(count("2020-03"))
    expect(count("2020-04")).toBeLessThan(count("2019-04"))
    expect(
      summaries.filter((s) => s.channel === "oral" && s.registeredOn >= "2020-04" && s.registeredOn < "2020-07")
    ).toHaveLength(0)
    // mostly housing and the city economy
    const housing = summaries.filter((s) => s.topics[0].startsWith("0005") || s.topics[0].startsWith("0003")).length
    expect(housing / summaries.length).toBeGreaterThan(0.6)
  })

  it("the reference figures hold for another seed too: only the details are drawn", () => {
    const { summaries, refused } = Demo.Generator.appealSummaries(other.records)
    expect(refused).toBe(0)
    const count = (year: string, channel?: string) =>
      summaries.filter((s) => s.registeredOn.startsWith(year) && (channel === undefined || s.channel === channel))
        .length
    expect([
      count("2019"),
      count("2020"),
      count("2020", "written"),
      count("2020", "electronic"),
      count("2020", "oral")
    ]).toEqual([11072, 11384, 3780, 7459, 145])
    const folded = Demo.Meetings.fold(other.records, TimeZone.KHABAROVSK)
    const people = (year: number) =>
      Meetings.Statistics.receptionStatistics(folded.receptions, `${year}` as Period.Year).total
    expect([people(2019), people(2020)]).toEqual([328, 161])
  })

  it("is realistic in distribution: every month has appeals, every topic and every division has its share, the heaviest topic leads", () => {
    const { summaries } = Demo.Generator.appealSummaries(city.records)
    for (const year of ["2019", "2020"]) {
      const inYear = summaries.filter((s) => s.registeredOn.startsWith(year))
      const byMonth = Array.from(
        { length: 12 },
        (_, i) => inYear.filter((s) => s.registeredOn.slice(5, 7) === String(i + 1).padStart(2, "0")).length
      )
      for (const n of byMonth) {
        expect(n).toBeGreaterThan(inYear.length * 0.03)
        expect(n).toBeLessThan(inYear.length * 0.15)
      }
    }
    const byTopic = new Map<string, number>()
    for (const s of summaries) byTopic.set(s.topics[0], (byTopic.get(s.topics[0]) ?? 0) + 1)
    const weights = Demo.City.topics.reduce((n, t) => n + t.weight, 0)
    for (const t of Demo.City.topics) {
      // each topic within a third of its weight's share
      const share = (byTopic.get(t.code) ?? 0) / summaries.length
      expect(Math.abs(share - t.weight / weights)).toBeLessThan(t.weight / weights / 3)
    }
    const byDivision = new Map<string, number>()
    for (const s of summaries)
      if (s.division !== undefined) byDivision.set(s.division, (byDivision.get(s.division) ?? 0) + 1)
    for (const d of Demo.City.divisions)
      expect([d.id, (byDivision.get(d.id) ?? 0) > 0]).toEqual([d.id, d.answersAppeals])
    const largest = Math.max(...byDivision.values())
    expect(largest).toBe(byDivision.get("housing"))
    expect(largest / summaries.length).toBeLessThan(0.5)
  })

  it("every plan and election calendar record is accepted by its decider, and records survive the import format", async () => {
    const plans = new Map<string, Planning.Plan.State>()
    for (const [i, r] of city.records.entries()) {
      // let the worker answer the test runner now and then (the loop runs for a minute on a loaded machine)
      if (i % 2000 === 0) await new Promise((resolve) => setTimeout(resolve, 0))
      expect(Either.isRight(Schema.decodeEither(Schema.parseJson(Format.ImportRecord))(encode(r)))).toBe(true)
      if (r.kind === "plan") {
        const d = Planning.PlanRecords.deciderFor(r.history[0], undefined, plans.values())
        let s = d.initialState
        for (const c of r.history) {
          const e = d.decide(c, s)
          if (Either.isLeft(e)) throw new Error(`${c.plan} ${c._tag}: ${e.left.message}`)
          for (const ev of e.right) s = d.evolve(s, ev)
        }
        plans.set(r.history[0].plan, s)
      }
      if (r.kind === "electionCalendar") {
        const d = Elections.ElectionCalendar.decider({ timeZone: TimeZone.KHABAROVSK })
        let s = d.initialState
        for (const c of r.history) {
          const e = d.decide(c, s)
          if (Either.isLeft(e)) throw new Error(`${c._tag}: ${e.left.message}`)
          for (const ev of e.right) s = d.evolve(s, ev)
        }
        expect(s.elections).toHaveLength(s.votingDay === "2021-09-19" ? 3 : 1)
        expect(Either.getOrThrow(Elections.ElectionCalendar.complianceOf(s, s.votingDay!))).toEqual([])
      }
    }
    const kinds = [...plans.values()].flatMap((s) => (s._tag === "Opened" ? [s.kind] : []))
    expect(kinds.filter((k) => k === "strategic")).toHaveLength(1)
    // 2019, 2020 and the plans of 2021 approved in December 2020
    expect(kinds.filter((k) => k === "annual")).toHaveLength(3)
    expect(kinds.filter((k) => k === "monthly")).toHaveLength(24)
    expect(kinds.filter((k) => k === "address")).toHaveLength(2)
  }, 300_000) // decodes and decides every one of the ~40,000 records: minutes on a loaded machine

  it("receptions reproduce 328 and 161 people received, cards reconcile with the oral appeals, and nothing in person happens during the suspension", () => {
    const folded = Demo.Meetings.fold(city.records, TimeZone.KHABAROVSK)
    expect(folded.refused).toBe(0)
    expect(folded.suspensions).toHaveLength(1)
    const stats = (year: number) => Meetings.Statistics.receptionStatistics(folded.receptions, `${year}` as Period.Year)
    const s19 = stats(2019),
      s20 = stats(2020)
    expect([s19.total, s20.total]).toEqual([
      Demo.City.REFERENCE.receptions[2019].people,
      Demo.City.REFERENCE.receptions[2020].people
    ])
    expect(Meetings.Statistics.changePercent(s19.total, s20.total)).toBe(-50.9)
    // every oral appeal is a card of a reception, answered as an oral appeal and linked to it
    const { summaries } = Demo.Generator.appealSummaries(city.records)
    expect(s19.oralAppeals + s20.oralAppeals).toBe(summaries.filter((x) => x.channel === "oral").length)
    const cards = folded.receptions.flatMap((r) => (r._tag === "ReceptionRecord" ? r.cards : []))
    expect(
      cards
        .filter((c) => c.outcome._tag === "ToOralAppeal")
        .every((c) => c.outcome._tag === "ToOralAppeal" && c.outcome.appeal !== undefined)
    ).toBe(true)
    // partly online in 2020, only online during the suspension
    expect(s19.online).toBe(0)
    expect(s20.online).toBeGreaterThan(0)
    const p = folded.suspensions[0]!
    expect(cards.filter((c) => c.day >= p.from && c.day <= p.to && c.format === "inPerson")).toEqual([])
    // information meetings: fewer in 2020, every question disposed
    const m = (year: number) => Meetings.Statistics.meetingStatistics(folded.meetings, `${year}` as Period.Year)
    expect(m(2020).held).toBeLessThan(m(2019).held)
    expect(m(2019).byDisposition.none + m(2020).byDisposition.none).toBe(0)
    expect(m(2020).byFormat.online).toBeGreaterThan(0)
  })
})
