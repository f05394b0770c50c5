/**
 * `GET /reports/monitoring/{month}`: the monthly federal monitoring (Decree
 * No. 171) over HTTP — controllers and administrators, JSON and CSV, a bad
 * month a 400 naming `month`. And the lists beside it: the term in force,
 * the internal terms, `GET /appeals/due-soon` (answers and notices due, by
 * executor: 403 out of the principal's scope, 400 naming `executor`).
 */
import { Either, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { App, Appeals } from "../../../src/index.js"
import { Organisation } from "../../../src/kernel/Organisation.js"
import { people, registration, start } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>
const HOUSING = "0005.0005.0056.1134"
const FAMILY = "0002.0004.0001.0001"
const ECONOMY = "0003.0009.0001.0001"

describe("GET /reports/monitoring/{month}", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
    const r = await s.call("POST", "/appeals", {
      who: people.clerk,
      body: registration("a-1", 1, { topics: [HOUSING, FAMILY, ECONOMY] })
    })
    expect(r.status, r.text).toBe(201)
    const two = await s.call("POST", "/appeals", { who: people.clerk, body: registration("a-2", 2) })
    expect(two.status, two.text).toBe(201)
    const id = "a-1"
    expect(
      (await s.call("POST", `/appeals/${id}/assign`, { who: people.clerk, body: { division: "economy" } })).status
    ).toBe(200)
    const answered = await s.call("POST", `/appeals/${id}/answer`, {
      who: people.head,
      body: {
        result: "supported",
        form: "written",
        questionResults: [
          { topic: FAMILY, result: "explained" },
          { topic: ECONOMY, result: "notSupported" }
        ]
      }
    })
    expect(answered.status, answered.text).toBe(200)
  })
  afterAll(() => s.close())

  it("JSON: every question with its status; three questions of one appeal in three statuses", async () => {
    const r = await s.call("GET", "/reports/monitoring/2021-03", { who: people.controller })
    expect(r.status, r.text).toBe(200)
    expect(r.body).toMatchObject({
      format: "cityhall.monitoring/1",
      month: "2021-03",
      asOf: "2021-03-15",
      totals: {
        appeals: 2,
        questions: 4,
        byStatus: { supported: 1, explained: 1, notSupported: 1, underConsideration: 1 }
      }
    })
  })

  it("CSV in English for an administrator", async () => {
    const r = await s.call("GET", "/reports/monitoring/2021-03?format=csv&lang=en", { who: people.admin })
    expect(r.status, r.text).toBe(200)
    expect(r.text.split("\r\n")[0]).toBe("Appeal,Registered on,Question,Classifier code,Section,Status,Status (code)")
  })

  it("a clerk or a citizen is refused (403); a bad month is 400 naming month; a bad format is 400", async () => {
    expect((await s.call("GET", "/reports/monitoring/2021-03", { who: people.clerk })).status).toBe(403)
    expect((await s.call("GET", "/reports/monitoring/2021-03", { who: people.citizen })).status).toBe(403)
    expect((await s.call("GET", "/reports/monitoring/2021-03")).status).toBe(401)
    for (const month of ["2020-13", "1900-01", "2021-04", "march", "2021-3"]) {
      const r = await s.call("GET", `/reports/monitoring/${month}`, { who: people.admin })
      expect(r.status, `${month}: ${r.text}`).toBe(400)
      expect(r.body).toMatchObject({ _tag: "InvalidInput", field: "month" })
    }
    expect((await s.call("GET", "/reports/monitoring/2021-03?format=pdf", { who: people.admin })).status).toBe(400)
  })

  it("a question's result that is not a topic of the appeal is 400 naming it", async () => {
    const id = "a-2"
    await s.call("POST", `/appeals/${id}/assign`, { who: people.clerk, body: { division: "economy" } })
    const r = await s.call("POST", `/appeals/${id}/answer`, {
      who: people.head,
      body: { result: "supported", form: "written", questionResults: [{ topic: FAMILY, result: "explained" }] }
    })
    expect(r.status, r.text).toBe(400)
    expect(r.body).toMatchObject({ _tag: "InvalidInput", field: "questionResults[0].topic" })
  })
})

describe("the appeal view shows the term in force and the internal terms", () => {
  it("the default 30 days with no internal term; a city's 20-day entry and its draft 5 working days before", async () => {
    const plain = await start()
    try {
      await plain.call("POST", "/appeals", { who: people.clerk, body: registration("a-1", 1) })
      const v = await plain.call("GET", "/appeals/a-1", { who: people.clerk })
      expect(v.body).toMatchObject({
        term: { entry: "default", days: 30, source: "59-FZ art. 12 p. 1" },
        internalDues: [],
        dues: { answer: "2021-04-14" }
      })
    } finally {
      await plain.close()
    }
    const city = Either.getOrThrow(
      App.City.make({
        terms: [
          Appeals.TermPolicy.migrationFacts({ id: "migration", addressee: "mayor", topic: "0001.0002" }),
          { id: "draft", kind: "internal", workingDaysBefore: 5, source: "Регламент, п. 3.6" }
        ]
      })
    )
    const s = await start({ server: { city } })
    try {
      const r = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("a-2", 2, { topics: ["0001.0002.0027.0000"] })
      })
      expect(r.status, r.text).toBe(201)
      // registered Monday 2021-03-15: 20 days end Sunday 4 April, due Friday 2 April; the draft 5 working days before
      expect(r.body).toMatchObject({
        term: { entry: "migration", days: 20, source: "59-FZ art. 12 p. 1.1" },
        dues: { answer: "2021-04-02" },
        internalDues: [{ entry: "draft", source: "Регламент, п. 3.6", workingDaysBefore: 5, due: "2021-03-26" }]
      })
      await s.call("POST", "/appeals", { who: people.clerk, body: registration("a-3", 3) })
      const soon = await s.call("GET", "/appeals/due-soon?on=2021-03-29&days=7", { who: people.controller })
      expect(soon.status, soon.text).toBe(200)
      expect(soon.body).toMatchObject({ items: [{ appealId: "a-2", answerDue: "2021-04-02" }] })
      expect((soon.body as { items: ReadonlyArray<unknown> }).items.length).toBe(1)
      // in working days: Monday 29 March + 4 working days is Friday 2 April (due), + 3 is Thursday 1 April (not yet)
      const working = await s.call("GET", "/appeals/due-soon?on=2021-03-29&workingDays=4", { who: people.controller })
      expect(working.status, working.text).toBe(200)
      expect(working.body).toMatchObject({ items: [{ appealId: "a-2", answerDue: "2021-04-02" }] })
      const short = await s.call("GET", "/appeals/due-soon?on=2021-03-29&workingDays=3", { who: people.controller })
      expect((short.body as { items: ReadonlyArray<unknown> }).items).toEqual([])
      for (const q of ["", "days=3&workingDays=3", "workingDays=61"]) {
        const bad = await s.call("GET", `/appeals/due-soon?on=2021-03-29&${q}`, { who: people.admin })
        expect(bad.status, `${q}: ${bad.text}`).toBe(400)
        expect(bad.text).toMatch(/days|workingDays/)
      }
      const internal = await s.call("GET", "/appeals/internal-overdue?on=2021-03-29", { who: people.admin })
      expect(internal.status, internal.text).toBe(200)
      expect(internal.body).toMatchObject([{ appealId: "a-2", missed: [{ entry: "draft", due: "2021-03-26" }] }])
      for (const q of ["days=61", "days=-1", "days=x", "days=1.5"]) {
        const bad = await s.call("GET", `/appeals/due-soon?on=2021-03-29&${q}`, { who: people.admin })
        expect(bad.status, `${q}: ${bad.text}`).toBe(400)
      }
      expect((await s.call("GET", "/appeals/internal-overdue?on=2021-03-29", { who: people.citizen })).status).toBe(403)
    } finally {
      await s.close()
    }
  })
})

describe("GET /appeals/due-soon: what is due, by executor", () => {
  const organisation = Schema.decodeUnknownSync(Organisation)({
    name: "Администрация города",
    timeZone: "Asia/Vladivostok",
    divisions: [
      { id: "economy", name: "Комитет по экономике", kind: "committee" },
      { id: "housing", name: "Жилищный комитет", kind: "committee" }
    ],
    municipalOrganizations: [],
    officials: [
      { id: "deputy-1", name: "Заместитель по экономике", position: "deputyMayor" },
      { id: "ivanov", name: "Иванов И. И.", position: "staff", division: "economy" },
      { id: "sidorov", name: "Сидоров С. С.", position: "staff", division: "housing" }
    ],
    duty: {
      from: "2021-01-01",
      to: "2021-12-31",
      assignments: [{ controller: "deputy-1", divisions: ["economy"], from: "2021-01-01", to: "2021-12-31" }]
    }
  })
  let s: Server
  beforeAll(async () => {
    s = await start({ server: { organisation } })
    // registered Monday 2021-03-15: a-1 with economy and ivanov, a-2 with housing and sidorov, a-3 not yet accepted
    for (const [id, n] of [
      ["a-1", 1],
      ["a-2", 2],
      ["a-3", 3]
    ] as const) {
      const r = await s.call("POST", "/appeals", { who: people.clerk, body: registration(id, n) })
      expect(r.status, r.text).toBe(201)
    }
    for (const [id, division, executor] of [
      ["a-1", "economy", "ivanov"],
      ["a-2", "housing", "sidorov"]
    ] as const) {
      const assigned = await s.call("POST", `/appeals/${id}/assign`, { who: people.clerk, body: { division } })
      expect(assigned.status, assigned.text).toBe(200)
      const named = await s.call("POST", `/appeals/${id}/executors`, { who: people.clerk, body: { executor } })
      expect(named.status, named.text).toBe(200)
    }
  })
  afterAll(() => s.close())

  const items = (body: unknown) =>
    (body as { items: ReadonlyArray<{ appealId: string; dueKind: string; due: string; executor?: string }> }).items

  it("each item says what is due and its day: the notice of an appeal not yet accepted (59-FZ art. 8 p. 3, art. 11), the answers", async () => {
    // 7 days from Monday 15 March: Monday 22 March, the notice of a-3; the answers on Wednesday 14 April
    const week = await s.call("GET", "/appeals/due-soon?on=2021-03-15&days=7", { who: people.admin })
    expect(week.status, week.text).toBe(200)
    expect(items(week.body)).toStrictEqual([
      expect.objectContaining({ appealId: "a-3", dueKind: "notice", due: "2021-03-22", state: "Registered" })
    ])
    const month = await s.call("GET", "/appeals/due-soon?on=2021-03-15&days=30", { who: people.admin })
    expect(items(month.body).map((i) => [i.appealId, i.dueKind, i.due, i.executor])).toStrictEqual([
      ["a-1", "answer", "2021-04-14", "ivanov"],
      ["a-2", "answer", "2021-04-14", "sidorov"],
      ["a-3", "answer", "2021-04-14", undefined],
      ["a-3", "notice", "2021-03-22", undefined]
    ])
    // in working days: 5 working days after Monday 15 March is Monday 22 March; 4 is Friday 19 March
    expect(
      items((await s.call("GET", "/appeals/due-soon?on=2021-03-15&workingDays=5", { who: people.admin })).body)
    ).toHaveLength(1)
    expect(
      items((await s.call("GET", "/appeals/due-soon?on=2021-03-15&workingDays=4", { who: people.admin })).body)
    ).toStrictEqual([])
    // a page of two, then the rest after its cursor
    const first = await s.call("GET", "/appeals/due-soon?on=2021-03-15&days=30&limit=2", { who: people.admin })
    const next = (first.body as { next?: string }).next
    expect(next).toBeDefined()
    const rest = await s.call("GET", `/appeals/due-soon?on=2021-03-15&days=30&after=${encodeURIComponent(next!)}`, {
      who: people.admin
    })
    expect([...items(first.body), ...items(rest.body)].map((i) => `${i.appealId},${i.dueKind}`)).toStrictEqual(
      items(month.body).map((i) => `${i.appealId},${i.dueKind}`)
    )
  })

  it("executor=<officialId> keeps that executor's appeals; out of scope is 403, as for a division; malformed is 400 naming executor", async () => {
    const of = async (who: (typeof people)[keyof typeof people], executor: string) => {
      const r = await s.call("GET", `/appeals/due-soon?on=2021-03-15&days=30&executor=${executor}`, { who })
      return { status: r.status, text: r.text, ids: r.status === 200 ? items(r.body).map((i) => i.appealId) : [] }
    }
    expect(await of(people.admin, "ivanov")).toMatchObject({ status: 200, ids: ["a-1"] })
    expect(await of(people.clerk, "sidorov")).toMatchObject({ status: 200, ids: ["a-2"] })
    expect(await of(people.admin, "nobody")).toMatchObject({ status: 200, ids: [] })
    // a division head: the executors of their division only
    expect(await of(people.head, "ivanov")).toMatchObject({ status: 200, ids: ["a-1"] })
    expect((await of(people.head, "sidorov")).status).toBe(403)
    expect((await of(people.head, "nobody")).status).toBe(403)
    expect((await of(people.otherHead, "sidorov")).status).toBe(200)
    // a controller: the executors of the divisions under control (deputy-1: economy)
    expect(await of(people.controller, "ivanov")).toMatchObject({ status: 200, ids: ["a-1"] })
    expect((await of(people.controller, "sidorov")).status).toBe(403)
    // the same as a division out of scope
    expect(
      (await s.call("GET", "/appeals/due-soon?on=2021-03-15&days=30&division=housing", { who: people.head })).status
    ).toBe(403)
    expect((await of(people.citizen, "ivanov")).status).toBe(403)
    for (const bad of ["", "not%20an%20id", "-x", "a".repeat(129)]) {
      const r = await s.call("GET", `/appeals/due-soon?on=2021-03-15&days=30&executor=${bad}`, { who: people.admin })
      expect(r.status, `${bad}: ${r.text}`).toBe(400)
      expect(r.text, bad).toMatch(/executor/)
    }
  })
})
