/**
 * Every endpoint x role: the allowed roles get an answer that is not a
 * denial; the others get 403; no token and a bad, forged or expired token
 * get 401. Personal data goes only to the roles that need it.
 */
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Election from "../../../src/elections/Election.js"
import * as Reference2021 from "../../../src/elections/Reference2021.js"
import * as Task from "../../../src/elections/Task.js"
import * as Template from "../../../src/elections/Template.js"
import type { DivisionId } from "../../../src/kernel/Ids.js"
import { people, registration, start, submission, tokens, type Who } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>
const roles = ["citizen", "clerk", "head", "controller", "admin"] as const
type RoleName = (typeof roles)[number]
const who: Record<RoleName, Who> = { citizen: people.citizen, clerk: people.clerk, head: people.head, controller: people.controller, admin: people.admin }

const election = Schema.encodeSync(Election.Election)(Reference2021.stateDuma)
const tasks = Template.withDivisions(Template.tasks, { property: "economy" as DivisionId }).map((t) => Schema.encodeSync(Task.TaskDefinition)(t))

let n = 100
/** An appeal submitted by citizen-1 (so it is theirs), optionally assigned, optionally anonymous (registered by the clerk). */
const appeal = async (s: Server, options: { readonly assigned?: boolean; readonly anonymous?: boolean } = {}): Promise<string> => {
  let id: string
  if (options.anonymous === true) {
    id = `X-${++n}`
    const { applicant: _a, ...body } = registration(id, n)
    expect((await s.call("POST", "/appeals", { who: people.clerk, body })).status).toBe(201)
  } else {
    const r = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
    expect(r.status).toBe(201)
    id = (r.body as { appealId: string }).appealId
  }
  if (options.assigned !== false) expect((await s.call("POST", `/appeals/${id}/assign`, { who: people.clerk, body: { division: "economy" } })).status).toBe(200)
  return id
}
let calendars = 0
const calendar = async (s: Server): Promise<string> => {
  const id = `cal-${++calendars}`
  expect((await s.call("POST", `/elections/calendars/${id}/elections`, { who: people.admin, body: { election } })).status).toBe(200)
  expect((await s.call("POST", `/elections/calendars/${id}/tasks`, { who: people.admin, body: { election: election.id, tasks } })).status).toBe(200)
  return id
}

interface Case {
  readonly name: string
  readonly method: "GET" | "POST"
  readonly allowed: ReadonlyArray<RoleName>
  /** Prepares what the call needs; answers the path and body. */
  readonly prepare: (s: Server) => Promise<{ readonly path: string; readonly body?: unknown }>
}

const cases: ReadonlyArray<Case> = [
  { name: "register", method: "POST", allowed: ["clerk", "admin"], prepare: async () => ({ path: "/appeals", body: registration(`R-${++n}`, n) }) },
  { name: "submit", method: "POST", allowed: ["citizen", "admin"], prepare: async () => ({ path: "/appeals/submissions", body: submission() }) },
  { name: "assign", method: "POST", allowed: ["clerk", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s, { assigned: false })}/assign`, body: { division: "economy" } }) },
  { name: "forward", method: "POST", allowed: ["clerk", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s, { assigned: false })}/forward`, body: { to: "Прокуратура края" } }) },
  { name: "extend", method: "POST", allowed: ["head", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s)}/extend`, body: { days: 10, reason: "запрос в другие органы" } }) },
  { name: "answer", method: "POST", allowed: ["head", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s)}/answer`, body: { result: "explained", form: "electronic" } }) },
  { name: "leaveWithoutAnswer", method: "POST", allowed: ["clerk", "head", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s)}/leave-without-answer`, body: { ground: "unreadable" } }) },
  { name: "forwardCrimeReport", method: "POST", allowed: ["clerk", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s, { anonymous: true })}/forward-crime-report`, body: { to: "МВД" } }) },
  { name: "endCorrespondence", method: "POST", allowed: ["head", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s)}/end-correspondence`, body: {} }) },
  { name: "answerByReference", method: "POST", allowed: ["head", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s)}/answer-by-reference`, body: { decision: "R-1" } }) },
  { name: "get", method: "GET", allowed: ["citizen", "clerk", "head", "controller", "admin"], prepare: async (s) => ({ path: `/appeals/${await appeal(s)}` }) },
  { name: "list", method: "GET", allowed: ["clerk", "head", "controller", "admin"], prepare: async () => ({ path: "/appeals?state=UnderConsideration&limit=5" }) },
  { name: "mine", method: "GET", allowed: ["citizen", "clerk", "head", "controller", "admin"], prepare: async () => ({ path: "/appeals/mine" }) },
  { name: "overdue", method: "GET", allowed: ["clerk", "head", "controller", "admin"], prepare: async () => ({ path: "/appeals/overdue?on=2021-05-01" }) },
  { name: "analysis", method: "GET", allowed: ["controller", "admin"], prepare: async () => ({ path: "/appeals/analysis?period=2021-03&asOf=2021-03-31" }) },
  { name: "registerElection", method: "POST", allowed: ["clerk", "admin"], prepare: async () => ({ path: `/elections/calendars/new-${++calendars}/elections`, body: { election } }) },
  { name: "planTasks", method: "POST", allowed: ["clerk", "admin"], prepare: async (s) => {
    const id = `cal-${++calendars}`
    expect((await s.call("POST", `/elections/calendars/${id}/elections`, { who: people.admin, body: { election } })).status).toBe(200)
    return { path: `/elections/calendars/${id}/tasks`, body: { election: election.id, tasks } }
  } },
  { name: "markDone", method: "POST", allowed: ["clerk", "head", "admin"], prepare: async (s) => ({ path: `/elections/calendars/${await calendar(s)}/tasks/premises-for-commissions/done`, body: { on: "2021-03-15" } }) },
  { name: "markMissed", method: "POST", allowed: ["clerk", "admin"], prepare: async (s) => ({ path: `/elections/calendars/${await calendar(s)}/tasks/premises-for-commissions/missed`, body: {} }) },
  { name: "calendar", method: "GET", allowed: ["clerk", "head", "controller", "admin"], prepare: async (s) => ({ path: `/elections/calendars/${await calendar(s)}` }) },
  { name: "compliance", method: "GET", allowed: ["clerk", "head", "controller", "admin"], prepare: async (s) => ({ path: `/elections/calendars/${await calendar(s)}/compliance?asOf=2021-09-30` }) },
  { name: "open311 services", method: "GET", allowed: ["citizen", "clerk", "head", "controller", "admin"], prepare: async () => ({ path: "/open311/v2/services" }) },
  { name: "open311 services.json", method: "GET", allowed: ["citizen", "clerk", "head", "controller", "admin"], prepare: async () => ({ path: "/open311/v2/services.json" }) },
  { name: "open311 submit", method: "POST", allowed: ["citizen", "admin"], prepare: async () => ({ path: "/open311/v2/requests", body: { service_code: "0005.0005", description: "Яма во дворе" } }) },
  { name: "open311 submit.json", method: "POST", allowed: ["citizen", "admin"], prepare: async () => ({ path: "/open311/v2/requests.json", body: { service_code: "0005.0005", description: "Яма во дворе" } }) },
  { name: "open311 requests", method: "GET", allowed: ["citizen", "clerk", "head", "controller", "admin"], prepare: async () => ({ path: "/open311/v2/requests?status=open" }) },
  { name: "open311 requests.json", method: "GET", allowed: ["citizen", "clerk", "head", "controller", "admin"], prepare: async () => ({ path: "/open311/v2/requests.json" }) },
  { name: "open311 request", method: "GET", allowed: ["citizen", "clerk", "head", "controller", "admin"], prepare: async (s) => ({ path: `/open311/v2/requests/${await appeal(s)}.json` }) }
]
const publicEndpoints = new Set(["open311 services", "open311 services.json"])

describe("access: every endpoint x role", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
    // the appeal R-1 an answer by reference refers to
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("R-1", 1) })).status).toBe(201)
  })
  afterAll(() => s.close())

  for (const c of cases) {
    for (const role of roles) {
      const allowed = c.allowed.includes(role)
      it(`${c.name} as ${role}: ${allowed ? "allowed" : "403"}`, async () => {
        const { body, path } = await c.prepare(s)
        const r = await s.call(c.method, path, { who: who[role], ...(body !== undefined ? { body } : {}) })
        if (allowed) {
          expect([401, 403]).not.toContain(r.status)
          expect(r.status, r.text).toBeLessThan(500)
          // every allowed call in this table is a valid one, except the art. 11 p. 5 dispositions (their rules refuse)
          if (c.name === "endCorrespondence" || c.name === "answerByReference") expect(r.status, r.text).toBe(422)
          else expect(r.status, r.text).toBeLessThan(300)
        } else {
          expect(r.status, r.text).toBe(403)
          expect(r.body).toMatchObject({ _tag: "Forbidden" })
        }
      })
    }
    if (!publicEndpoints.has(c.name)) {
      it(`${c.name}: 401 without a token, with a forged one, with an expired one`, async () => {
        const { body, path } = await c.prepare(s)
        const b = body !== undefined ? { body } : {}
        const none = await s.call(c.method, path, b)
        expect(none.status).toBe(401)
        expect(none.body).toMatchObject({ _tag: "Unauthorized", reason: "missing" })
        const good = tokens.sign(people.admin, { expiresInSeconds: 60 })
        const forged = `${Buffer.from(JSON.stringify({ subject: "admin-1", role: "administrator", exp: 4102444800 })).toString("base64url")}.${good.split(".")[1]}`
        expect((await s.call(c.method, path, { ...b, token: forged })).body).toMatchObject({ _tag: "Unauthorized", reason: "badSignature" })
        const expired = tokens.sign(people.admin, { expiresInSeconds: 60, now: new Date(Date.now() - 3_600_000) })
        expect((await s.call(c.method, path, { ...b, token: expired })).body).toMatchObject({ _tag: "Unauthorized", reason: "expired" })
        expect((await s.call(c.method, path, { ...b, token: "garbage" })).status).toBe(401)
      })
    }
  }

  it("the public service list needs no token", async () => {
    expect((await s.call("GET", "/open311/v2/services.json")).status).toBe(200)
  })

  it("a citizen reads only their own appeals; another citizen is refused", async () => {
    const id = await appeal(s)
    expect((await s.call("GET", `/appeals/${id}`, { who: people.citizen })).status).toBe(200)
    const other = await s.call("GET", `/appeals/${id}`, { who: people.otherCitizen })
    expect(other.status).toBe(403)
    expect((await s.call("GET", `/open311/v2/requests/${id}`, { who: people.otherCitizen })).status).toBe(403)
    const mine = (await s.call("GET", "/appeals/mine", { who: people.otherCitizen })).body as { items: Array<unknown> }
    expect(mine.items).toEqual([])
  })

  it("a division head acts and reads only within their division", async () => {
    const id = await appeal(s)
    const r = await s.call("POST", `/appeals/${id}/answer`, { who: people.otherHead, body: { result: "explained", form: "electronic" } })
    expect(r.status).toBe(403)
    expect((await s.call("GET", `/appeals/${id}`, { who: people.otherHead })).status).toBe(403)
    expect((await s.call("GET", "/appeals?state=UnderConsideration&division=economy", { who: people.otherHead })).status).toBe(403)
    const list = (await s.call("GET", "/appeals?state=UnderConsideration&limit=100", { who: people.otherHead })).body as { items: Array<unknown> }
    expect(list.items).toEqual([])
    const mark = await s.call("POST", `/elections/calendars/${await calendar(s)}/tasks/premises-for-commissions/done`, { who: people.otherHead, body: { on: "2021-03-15" } })
    expect(mark.status).toBe(403)
  })

  it("personal data: to the owner, clerks, the appeal's head and administrators; never to controllers", async () => {
    const id = await appeal(s)
    for (const [w, sees] of [[people.citizen, true], [people.clerk, true], [people.head, true], [people.admin, true], [people.controller, false]] as const) {
      const r = await s.call("GET", `/appeals/${id}`, { who: w })
      expect(r.status).toBe(200)
      expect("personal" in (r.body as object), w.role).toBe(sees)
      expect(r.text.includes("Петров"), w.role).toBe(sees)
    }
    const o = await s.call("GET", `/open311/v2/requests/${id}`, { who: people.controller })
    expect(o.text.includes("мусор")).toBe(false)
    const list = await s.call("GET", "/appeals?state=UnderConsideration&limit=100", { who: people.clerk })
    expect(list.text.includes("Петров")).toBe(false)
  })

  it("a controller with an organisation reads the divisions the duty distribution gives them", async () => {
    const org = {
      name: "Администрация города",
      timeZone: "Asia/Vladivostok",
      divisions: [{ id: "economy", name: "Комитет по экономике", kind: "committee" }, { id: "housing", name: "Жилищный комитет", kind: "committee" }],
      municipalOrganizations: [],
      officials: [
        { id: "deputy-1", name: "Заместитель по экономике", position: "deputyMayor" },
        { id: "deputy-2", name: "Заместитель по ЖКХ", position: "deputyMayor" }
      ],
      duty: {
        from: "2021-01-01",
        to: "2021-12-31",
        assignments: [
          { controller: "deputy-1", divisions: ["economy"], from: "2021-01-01", to: "2021-12-31" },
          { controller: "deputy-2", divisions: ["housing"], from: "2021-01-01", to: "2021-12-31" }
        ]
      }
    }
    const { Organisation } = await import("../../../src/kernel/Organisation.js")
    const organisation = Schema.decodeUnknownSync(Organisation)(org)
    const t = await start({ server: { organisation } })
    try {
      const id = await appeal(t)
      const deputy2 = { subject: "deputy-2", role: "controller", official: "deputy-2" } as const
      expect((await t.call("GET", `/appeals/${id}`, { who: people.controller })).status).toBe(200)
      expect((await t.call("GET", `/appeals/${id}`, { who: deputy2 })).status).toBe(403)
      const l1 = (await t.call("GET", "/appeals?state=UnderConsideration", { who: people.controller })).body as { items: Array<{ appealId: string }> }
      expect(l1.items.map((i) => i.appealId)).toEqual([id])
      const l2 = (await t.call("GET", "/appeals?state=UnderConsideration", { who: deputy2 })).body as { items: Array<unknown> }
      expect(l2.items).toEqual([])
      expect((await t.call("GET", "/appeals?state=UnderConsideration&division=economy", { who: deputy2 })).status).toBe(403)
    } finally {
      await t.close()
    }
  })
})
