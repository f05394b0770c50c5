/** The term policy: other legal terms and internal terms, each with its source (59-FZ art. 12 p. 1, p. 1.1). */
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealDecider from "../../src/appeals/AppealDecider.js"
import * as Deadlines from "../../src/appeals/Deadlines.js"
import * as Monitoring from "../../src/appeals/Monitoring.js"
import type { Topic } from "../../src/appeals/index.js"
import * as TermPolicy from "../../src/appeals/TermPolicy.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { OfficialId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Term from "../../src/kernel/Term.js"
import * as TimeZone from "../../src/kernel/TimeZone.js"
import { runs } from "../support/runs.js"
import { assign, extend, register } from "./helpers.js"

const calendar = Calendar.russia({ presidentialNonWorkingDays: true })
const MIGRATION = "0001.0002.0027.0000" as Topic.TopicCode
const HOUSING = "0005.0005.0056.1134" as Topic.TopicCode

const migration = TermPolicy.migrationFacts({ id: "migration", addressee: "mayor", topic: "0001.0002" })
const draft: TermPolicy.InternalTermEntry = {
  id: "draft",
  kind: "internal",
  addressee: "mayor",
  workingDaysBefore: 5,
  source: "Регламент работы с обращениями граждан в администрации города, п. 4.2"
}

const settingsWith = (terms: ReadonlyArray<TermPolicy.TermEntry>) =>
  Either.getOrThrow(Deadlines.makeSettings({ calendar, timeZone: TimeZone.KHABAROVSK, terms }))

const day = (s: string) => Period.unsafeDay(s)

describe("TermPolicy: checking the entries", () => {
  const bad = (entries: ReadonlyArray<TermPolicy.TermEntry>) => {
    const r = TermPolicy.make(entries)
    if (Either.isRight(r)) throw new Error("expected an InvalidTermPolicy")
    return r.left
  }
  it("a legal term of 0 days names the entry", () => {
    const e = bad([{ id: "zero", kind: "legal", days: 0, source: "x" }])
    expect(e).toMatchObject({
      _tag: "InvalidTermPolicy",
      entry: "zero",
      field: "terms[0].days",
      reason: "termOutOfRange"
    })
  })
  it("a legal term over 30 days is refused: longer only by an extension (59-FZ art. 12 p. 2)", () => {
    const e = bad([migration, { id: "long", kind: "legal", days: 45, source: "x" }])
    expect(e).toMatchObject({ entry: "long", field: "terms[1].days", reason: "termOutOfRange" })
    expect(e.message).toContain("extension")
  })
  it("an internal term of 0 working days names the entry", () => {
    expect(bad([{ ...draft, workingDaysBefore: 0 }])).toMatchObject({
      entry: "draft",
      field: "terms[0].workingDaysBefore"
    })
  })
  it("an unknown topic prefix names the entry", () => {
    const e = bad([{ id: "nowhere", kind: "legal", days: 10, topic: "0009" as Topic.TopicCode, source: "x" }])
    expect(e).toMatchObject({ entry: "nowhere", field: "terms[0].topic", reason: "unknownTopic" })
  })
  it("an id given twice, or the default's, is refused", () => {
    expect(bad([draft, draft]).reason).toBe("duplicateEntry")
    expect(bad([{ ...draft, id: "default" }]).reason).toBe("duplicateEntry")
  })
  it("the settings refuse a bad policy with the entry's field", () => {
    const r = Deadlines.makeSettings({
      calendar,
      timeZone: TimeZone.KHABAROVSK,
      terms: [{ id: "long", kind: "legal", days: 31, source: "x" }]
    })
    expect(Either.isLeft(r) && r.left).toMatchObject({ _tag: "InvalidSettings", field: "terms[0].days" })
  })
  it("the entries decode from the configuration's JSON and nothing else", () => {
    fc.assert(
      fc.property(Arbitrary.make(TermPolicy.TermEntry), (e) => {
        const r = TermPolicy.make([e])
        // every decoded entry is either accepted or refused with a typed error naming it
        expect(Either.isRight(r) || r.left.entry === e.id).toBe(true)
      }),
      { numRuns: runs(100) }
    )
  })
})

describe("the schemas of the term policy and of the monitoring round-trip", () => {
  const schemas = [
    ["TermEntry", TermPolicy.TermEntry],
    ["LegalTermEntry", TermPolicy.LegalTermEntry],
    ["InternalTermEntry", TermPolicy.InternalTermEntry],
    ["AddresseeKind", TermPolicy.AddresseeKind],
    ["MonitoringStatus", Monitoring.MonitoringStatus],
    ["StatusCounts", Monitoring.StatusCounts],
    ["MonitoringQuestion", Monitoring.MonitoringQuestion],
    ["QuestionResult", Appeal.QuestionResult]
  ] as const
  for (const [name, schema] of schemas)
    it(`${name}: decode after encode is the identity`, () => {
      const s = schema as unknown as Schema.Schema<unknown, unknown>
      fc.assert(
        fc.property(Arbitrary.make(s), (x) => {
          const json = JSON.parse(JSON.stringify(Schema.encodeSync(s)(x)))
          expect(Schema.encodeSync(s)(Schema.decodeUnknownSync(s)(json))).toStrictEqual(Schema.encodeSync(s)(x))
        }),
        { numRuns: runs(50) }
      )
    })
})

describe("TermPolicy: the legal term of an appeal", () => {
  const policy = Either.getOrThrow(TermPolicy.make([migration, draft]))
  const key = (o: Partial<TermPolicy.AppealKey> = {}): TermPolicy.AppealKey => ({
    addressee: new Appeal.ToMayor({}),
    topics: [HOUSING],
    channel: "written",
    ...o
  })
  it("the default entry is 30 days, 59-FZ art. 12 p. 1", () => {
    expect(TermPolicy.legalTermOf(policy, key())).toMatchObject({
      id: "default",
      days: 30,
      source: "59-FZ art. 12 p. 1"
    })
  })
  it("the 20-day entry applies to the mayor's appeal with a question under its prefix (any question)", () => {
    expect(TermPolicy.legalTermOf(policy, key({ topics: [HOUSING, MIGRATION] }))).toMatchObject({
      id: "migration",
      days: 20,
      source: "59-FZ art. 12 p. 1.1"
    })
    expect(
      TermPolicy.legalTermOf(
        policy,
        key({ topics: [MIGRATION], addressee: new Appeal.ToDeputyMayor({ official: "d" as OfficialId }) })
      ).id
    ).toBe("default")
  })
  it("a prefix matches whole groups only (0001.0002 is not 0001.00021…)", () => {
    expect(TermPolicy.matches(migration, key({ topics: ["0001.0020.0001.0001" as Topic.TopicCode] }))).toBe(false)
  })
})

describe("TermPolicy: due dates", () => {
  const plain = settingsWith([])
  const withPolicy = settingsWith([migration, draft])
  const plainDeadlines = Deadlines.make(plain)
  const policyDeadlines = Deadlines.make(withPolicy)

  it.prop(
    "with the policy, an appeal under the default entry is due on the plain computation (registration + 30 days)",
    [fc.date({ min: new Date("2019-02-01T00:00:00Z"), max: new Date("2026-11-30T00:00:00Z"), noInvalidDate: true })],
    ([d]) => {
      const registeredOn = day(d.toISOString().slice(0, 10))
      const appeal = {
        addressee: new Appeal.ToDivision({ division: "x" as never }),
        topics: [HOUSING],
        channel: "written" as const
      }
      const term = policyDeadlines.termOf(appeal)
      const viaPolicy = policyDeadlines.answer(registeredOn, 0, term.days)
      const direct = Term.deadline({
        event: registeredOn,
        term: Term.calendarDays(30),
        calendar,
        policy: "previousWorkingDay",
        timeZone: TimeZone.KHABAROVSK
      })
      return term.id === "default" && Either.getOrThrow(viaPolicy) === Either.getOrThrow(direct)
    },
    { fastCheck: { numRuns: runs(100) } }
  )

  it.prop(
    "an internal draft term is always on or before the legal due date (and not before registration)",
    [
      fc.date({ min: new Date("2019-02-01T00:00:00Z"), max: new Date("2026-11-30T00:00:00Z"), noInvalidDate: true }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 0, max: 30 })
    ],
    ([d, legalDays, before, extension]) => {
      const registeredOn = day(d.toISOString().slice(0, 10))
      const legalDue = Either.getOrThrow(plainDeadlines.answer(registeredOn, extension, legalDays))
      const internal = Either.getOrThrow(
        TermPolicy.internalDue(calendar, { ...draft, workingDaysBefore: before }, registeredOn, legalDue)
      )
      return internal.due <= legalDue && internal.due >= registeredOn
    },
    { fastCheck: { numRuns: runs(200) } }
  )

  it("worked example, 59-FZ art. 12 p. 1.1: registered Monday 2021-03-01, 20 days end Sunday 21 March, due Friday 19 March", () => {
    const decider = AppealDecider.decider(withPolicy)
    const r = Either.getOrThrow(Decider.run(decider, [register("2021-03-01", { topics: [MIGRATION] })]))
    expect(r.state._tag === "Registered" && r.state.dues.answer).toBe("2021-03-19")
    // the same appeal on housing keeps the 30 days: due Wednesday 31 March
    const housing = Either.getOrThrow(Decider.run(decider, [register("2021-03-01")]))
    expect(housing.state._tag === "Registered" && housing.state.dues.answer).toBe("2021-03-31")
  })

  it("an extension of the 20-day term counts from its own nominal day: 20 + 10 days from 2021-03-01 is 2021-03-31", () => {
    const decider = AppealDecider.decider(withPolicy)
    const r = Either.getOrThrow(
      Decider.run(decider, [
        register("2021-03-01", { topics: [MIGRATION] }),
        assign("2021-03-02"),
        extend("2021-03-10", 10)
      ])
    )
    expect(r.state._tag === "UnderConsideration" && r.state.dues.answer).toBe("2021-03-31")
  })

  it("worked example, internal draft term: due 2021-03-31, draft 5 working days before is Wednesday 24 March, internal only", () => {
    const decider = AppealDecider.decider(withPolicy)
    const r = Either.getOrThrow(Decider.run(decider, [register("2021-03-01")]))
    if (r.state._tag !== "Registered") throw new Error("registered")
    const internal = Either.getOrThrow(policyDeadlines.internalDues(r.state.appeal, r.state.dues.answer))
    expect(internal).toStrictEqual([{ entry: "draft", source: draft.source, workingDaysBefore: 5, due: "2021-03-24" }])
    // the legal due date stays: the internal term never replaces it
    expect(r.state.dues.answer).toBe("2021-03-31")
    // under the 20-day term, the draft is due 5 working days before 19 March: 12 March
    const m = Either.getOrThrow(Decider.run(decider, [register("2021-03-01", { topics: [MIGRATION] })]))
    if (m.state._tag !== "Registered") throw new Error("registered")
    expect(Either.getOrThrow(policyDeadlines.internalDues(m.state.appeal, m.state.dues.answer))[0]?.due).toBe(
      "2021-03-12"
    )
  })
})
