/**
 * `GET /reports/monitoring/{month}`: the monthly federal monitoring (Decree
 * No. 171) over HTTP — controllers and administrators, JSON and CSV, a bad
 * month a 400 naming `month`.
 */
import { Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { App, Appeals } from "../../../src/index.js"
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
