/**
 * The organisational areas over HTTP (issue 21): publications and
 * information plans, program budgets and their control, the Methodological
 * Council and its manuals, City Duma sessions and drafts. Each endpoint's
 * happy path; bad input is 400 naming the field and stores nothing; a rule
 * refused is 422; what does not exist is 404; and the role matrix of every
 * endpoint is the access policy's (`App.Access.rules`), role by role.
 */
import { Effect, FastCheck as fc, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PostgresStore } from "../../../adapters/postgres/index.js"
import { SqliteStore } from "../../../adapters/sqlite/index.js"
import * as Importer from "../../../adapters/cli/import/Importer.js"
import { App, Demo } from "../../../src/index.js"
import { TOPIC } from "./fixtures.js"
import { people, start, type Who } from "./harness.js"
import { runs } from "../../support/runs.js"

type Server = Awaited<ReturnType<typeof start>>

let n = 0
const next = (prefix: string) => `${prefix}-${++n}`

const publication = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  channel: "website",
  rubric: "Горячая линия",
  date: "2021-02-05",
  title: "О ремонте дворов",
  topics: [TOPIC],
  division: "economy",
  ...overrides
})
const budget = (program: string, year = "2021") => ({
  program,
  year,
  info: { id: program, from: "2020", to: "2023", indicators: ["yards"] },
  planned: { q1: 1_000_000, q2: 2_000_000, q3: 2_000_000, q4: 1_000_000 }
})
const entry = (ref: string) => ({ ref, on: "2021-03-10", amount: 250_000, indicator: "yards" })
const manual = (id: string) => ({
  id,
  kind: "manual",
  title: "Методические рекомендации по работе с обращениями",
  basedOn: [{ _tag: "Division", id: "economy" }],
  preparedBy: "economy"
})
const draft = (id: string) => ({
  draft: id,
  title: "О внесении изменений в бюджет города",
  division: "economy",
  term: { amount: 10, unit: "calendarDays" },
  assignedOn: "2021-03-15"
})

const ok = async (s: Server, method: string, path: string, body?: unknown): Promise<unknown> => {
  const r = await s.call(method, path, { who: people.admin, ...(body !== undefined ? { body } : {}) })
  expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300)
  return r.body
}

/** A Duma session on 20 April 2021 (ahead of the server's 15 March 2021). */
const dumaSession = async (s: Server): Promise<string> => {
  const session = next("duma")
  await ok(s, "POST", "/duma-sessions", { session, date: "2021-04-20", agenda: ["О бюджете"] })
  return session
}
const dumaDraft = async (s: Server, submitted: boolean): Promise<readonly [string, string]> => {
  const session = await dumaSession(s)
  const d = next("doc")
  await ok(s, "POST", `/duma-sessions/${session}/drafts`, draft(d))
  if (submitted) await ok(s, "POST", `/duma-sessions/${session}/drafts/${d}/submit`, { on: "2021-03-20" })
  return [session, d]
}
const councilWithManual = async (s: Server): Promise<readonly [string, string]> => {
  const council = next("council")
  const m = next("manual")
  await ok(s, "POST", `/methodological-councils/${council}/manuals`, { manual: manual(m) })
  return [council, m]
}
const councilWithSession = async (s: Server): Promise<readonly [string, string, string]> => {
  const [council, m] = await councilWithManual(s)
  const session = next("mc")
  await ok(s, "POST", `/methodological-councils/${council}/sessions`, {
    session,
    date: "2021-03-12",
    agenda: [{ title: "Рассмотрение рекомендаций", manual: m }]
  })
  return [council, m, session]
}
const councilApproved = async (s: Server): Promise<readonly [string, string]> => {
  const [council, m, session] = await councilWithSession(s)
  await ok(s, "POST", `/methodological-councils/${council}/sessions/${session}/hold`, {
    decisions: [{ item: 0, outcome: "approveManual", text: "Одобрить" }]
  })
  return [council, m]
}
let months = 0
/** A fresh month's information plan (a month from 1950 on, so its window is over by 2021). */
const informationPlan = async (s: Server): Promise<string> => {
  const m = ++months
  const month = `${1950 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, "0")}`
  await ok(s, "POST", "/information-plans", { month, hotTopics: [{ code: TOPIC, appeals: 12 }] })
  return month
}
/** December 2020's plan: its coverage window runs to 31 January 2021. */
const decemberPlan = async (s: Server): Promise<string> => {
  await ok(s, "POST", "/information-plans", { month: "2020-12", hotTopics: [{ code: TOPIC, appeals: 5 }] })
  return "2020-12"
}
const programBudget = async (s: Server): Promise<string> => {
  const program = next("program")
  await ok(s, "POST", "/program-budgets", budget(program))
  return program
}

const pollingStation = (id: string, officers: ReadonlyArray<string> = [], number = 301) => ({
  id,
  number,
  address: "г. Хабаровск, ул. Ленина, 1",
  premises: { name: "МБОУ СОШ № 5, актовый зал", address: "г. Хабаровск, ул. Ленина, 1" },
  commission: `uik-${number}`,
  officers
})
const station = async (s: Server): Promise<string> => {
  const id = next("ps")
  await ok(s, "POST", "/polling-stations", { station: pollingStation(id) })
  return id
}

interface Case {
  readonly name: string
  readonly action: App.Access.Action
  readonly method: "GET" | "POST"
  readonly prepare: (s: Server) => Promise<{ readonly path: string; readonly body?: unknown }>
}

/** Every endpoint of the group, with the policy's action it asks and a valid call prepared. */
const cases: ReadonlyArray<Case> = [
  {
    name: "recordPublication",
    action: "writeInformation",
    method: "POST",
    prepare: async () => ({ path: "/publications", body: { publication: publication(next("pub")) } })
  },
  {
    name: "correctPublication",
    action: "writeInformation",
    method: "POST",
    prepare: async (s) => {
      const id = next("pub")
      await ok(s, "POST", "/publications", { publication: publication(id) })
      return { path: `/publications/${id}/correct`, body: { publication: publication(id, { title: "Уточнено" }) } }
    }
  },
  {
    name: "withdrawPublication",
    action: "writeInformation",
    method: "POST",
    prepare: async (s) => {
      const id = next("pub")
      await ok(s, "POST", "/publications", { publication: publication(id) })
      return { path: `/publications/${id}/withdraw`, body: { reason: "Внесена ошибочно" } }
    }
  },
  { name: "publications", action: "readInformation", method: "GET", prepare: async () => ({ path: "/publications" }) },
  {
    name: "openInformationPlan",
    action: "writeInformation",
    method: "POST",
    prepare: async () => {
      const m = ++months
      const month = `${1950 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, "0")}`
      return { path: "/information-plans", body: { month, hotTopics: [{ code: TOPIC, appeals: 3 }] } }
    }
  },
  {
    name: "assignHotTopic",
    action: "writeInformation",
    method: "POST",
    prepare: async (s) => ({
      path: `/information-plans/${await informationPlan(s)}/hot-topics`,
      body: { topic: TOPIC, division: "economy" }
    })
  },
  {
    name: "closeInformationPlan",
    action: "writeInformation",
    method: "POST",
    prepare: async (s) => ({ path: `/information-plans/${await informationPlan(s)}/close`, body: { on: "2021-03-01" } })
  },
  {
    name: "informationPlan",
    action: "readInformation",
    method: "GET",
    prepare: async (s) => ({ path: `/information-plans/${await informationPlan(s)}` })
  },
  {
    name: "openProgramBudget",
    action: "writeBudget",
    method: "POST",
    prepare: async () => ({ path: "/program-budgets", body: budget(next("program")) })
  },
  {
    name: "amendPlannedBudget",
    action: "writeBudget",
    method: "POST",
    prepare: async (s) => ({
      path: `/program-budgets/${await programBudget(s)}/2021/amend`,
      body: { planned: { q1: 1, q2: 2, q3: 3, q4: 4 }, reason: "Решение Думы о бюджете" }
    })
  },
  {
    name: "recordCommitment",
    action: "writeBudget",
    method: "POST",
    prepare: async (s) => ({
      path: `/program-budgets/${await programBudget(s)}/2021/commitments`,
      body: { entry: entry("Контракт 1") }
    })
  },
  {
    name: "recordSpending",
    action: "writeBudget",
    method: "POST",
    prepare: async (s) => {
      const program = await programBudget(s)
      await ok(s, "POST", `/program-budgets/${program}/2021/commitments`, { entry: entry("Контракт 1") })
      return { path: `/program-budgets/${program}/2021/spending`, body: { entry: entry("Платёжное поручение 1") } }
    }
  },
  {
    name: "closeBudgetYear",
    action: "writeBudget",
    method: "POST",
    prepare: async (s) => {
      const program = next("program")
      await ok(s, "POST", "/program-budgets", budget(program, "2020"))
      return { path: `/program-budgets/${program}/2020/close`, body: { on: "2021-01-20" } }
    }
  },
  {
    name: "programBudget",
    action: "readBudget",
    method: "GET",
    prepare: async (s) => ({ path: `/program-budgets/${await programBudget(s)}/2021` })
  },
  {
    name: "submitManual",
    action: "writeMethodology",
    method: "POST",
    prepare: async () => ({
      path: `/methodological-councils/${next("council")}/manuals`,
      body: { manual: manual(next("manual")) }
    })
  },
  {
    name: "scheduleCouncilSession",
    action: "writeMethodology",
    method: "POST",
    prepare: async (s) => {
      const [council, m] = await councilWithManual(s)
      return {
        path: `/methodological-councils/${council}/sessions`,
        body: { session: next("mc"), date: "2021-03-20", agenda: [{ title: "Рассмотрение", manual: m }] }
      }
    }
  },
  {
    name: "addAgendaItem",
    action: "writeMethodology",
    method: "POST",
    prepare: async (s) => {
      const [council, , session] = await councilWithSession(s)
      return {
        path: `/methodological-councils/${council}/sessions/${session}/agenda`,
        body: { item: { title: "Разное" } }
      }
    }
  },
  {
    name: "holdCouncilSession",
    action: "writeMethodology",
    method: "POST",
    prepare: async (s) => {
      const [council, , session] = await councilWithSession(s)
      return {
        path: `/methodological-councils/${council}/sessions/${session}/hold`,
        body: { decisions: [{ item: 0, outcome: "approveManual", text: "Одобрить" }] }
      }
    }
  },
  {
    name: "distributeManual",
    action: "writeMethodology",
    method: "POST",
    prepare: async (s) => {
      const [council, m] = await councilApproved(s)
      return {
        path: `/methodological-councils/${council}/manuals/${m}/distribute`,
        body: { recipients: [{ _tag: "Division", id: "housing" }], on: "2021-03-14" }
      }
    }
  },
  {
    name: "council",
    action: "readMethodology",
    method: "GET",
    prepare: async (s) => ({ path: `/methodological-councils/${(await councilWithManual(s))[0]}` })
  },
  {
    name: "scheduleDumaSession",
    action: "writeDuma",
    method: "POST",
    prepare: async () => ({
      path: "/duma-sessions",
      body: { session: next("duma"), date: "2021-04-20", agenda: ["О бюджете"] }
    })
  },
  {
    name: "assignDraft",
    action: "writeDuma",
    method: "POST",
    prepare: async (s) => ({ path: `/duma-sessions/${await dumaSession(s)}/drafts`, body: draft(next("doc")) })
  },
  {
    name: "submitDraft",
    action: "writeDuma",
    method: "POST",
    prepare: async (s) => {
      const [session, d] = await dumaDraft(s, false)
      return { path: `/duma-sessions/${session}/drafts/${d}/submit`, body: { on: "2021-03-20" } }
    }
  },
  {
    name: "adoptDecision",
    action: "writeDuma",
    method: "POST",
    prepare: async (s) => {
      const [session, d] = await dumaDraft(s, true)
      return {
        path: `/duma-sessions/${session}/drafts/${d}/adopt`,
        body: { number: `${next("р")}`, instructions: [] }
      }
    }
  },
  {
    name: "rejectDraft",
    action: "writeDuma",
    method: "POST",
    prepare: async (s) => {
      const [session, d] = await dumaDraft(s, true)
      return { path: `/duma-sessions/${session}/drafts/${d}/reject`, body: {} }
    }
  },
  {
    name: "closeDumaSession",
    action: "writeDuma",
    method: "POST",
    prepare: async (s) => ({ path: `/duma-sessions/${await dumaSession(s)}/close`, body: {} })
  },
  {
    name: "recordPollingStation",
    action: "writePollingStations",
    method: "POST",
    prepare: async () => ({ path: "/polling-stations", body: { station: pollingStation(next("ps")) } })
  },
  {
    name: "assignStationOfficers",
    action: "writePollingStations",
    method: "POST",
    prepare: async (s) => ({ path: `/polling-stations/${await station(s)}/officers`, body: { officers: [] } })
  },
  {
    name: "pollingStation",
    action: "readPollingStations",
    method: "GET",
    prepare: async (s) => ({ path: `/polling-stations/${await station(s)}` })
  },
  {
    name: "dumaSession",
    action: "readDuma",
    method: "GET",
    prepare: async (s) => ({ path: `/duma-sessions/${await dumaSession(s)}` })
  }
]

const roles: Record<App.Principal.Role, Who> = {
  citizen: people.citizen,
  clerk: people.clerk,
  divisionHead: people.head,
  controller: people.controller,
  administrator: people.admin
}

/** The happy paths, read back: the register, the plan's coverage, the budget's control, the council, the session. */
const happyPaths = async (s: Server) => {
  const pub = next("pub")
  const reg = (await ok(s, "POST", "/publications", { publication: publication(pub) })) as {
    version: number
    items: Array<{ id: string }>
  }
  expect(reg.version).toBeGreaterThan(0)
  expect(reg.items.map((p) => p.id)).toContain(pub)
  const month = await informationPlan(s)
  await ok(s, "POST", `/information-plans/${month}/hot-topics`, { topic: TOPIC, division: "economy" })
  const closed = (await ok(s, "POST", `/information-plans/${month}/close`, { on: "2021-03-01" })) as {
    state: { _tag: string; assignments: Record<string, string> }
  }
  expect(closed.state).toMatchObject({ _tag: "Closed", assignments: { [TOPIC]: "economy" } })
  expect(await ok(s, "GET", `/information-plans/${month}`)).toMatchObject({ month, state: { _tag: "Closed" } })

  const program = await programBudget(s)
  await ok(s, "POST", `/program-budgets/${program}/2021/commitments`, { entry: entry("Контракт 7") })
  await ok(s, "POST", `/program-budgets/${program}/2021/spending`, { entry: entry("П/п 7") })
  const b = (await ok(s, "GET", `/program-budgets/${program}/2021`)) as {
    state: { spending: Array<unknown>; commitments: Array<unknown> }
    control?: unknown
  }
  expect(b).toMatchObject({ program, year: "2021", version: 3 })
  expect(b.state.spending).toHaveLength(1)
  expect(b.control).toBeDefined()

  const [council, m] = await councilApproved(s)
  await ok(s, "POST", `/methodological-councils/${council}/manuals/${m}/distribute`, {
    recipients: [{ _tag: "Division", id: "housing" }],
    on: "2021-03-14"
  })
  const c = (await ok(s, "GET", `/methodological-councils/${council}`)) as {
    manuals: Record<string, { status: string; distribution: Array<unknown> }>
  }
  expect(c.manuals[m]).toMatchObject({ status: "approved", distribution: [{ on: "2021-03-14" }] })

  const [session, d] = await dumaDraft(s, true)
  await ok(s, "POST", `/duma-sessions/${session}/drafts/${d}/adopt`, { number: "12-р", instructions: [] })
  await ok(s, "POST", `/duma-sessions/${session}/close`, {})
  const ds = (await ok(s, "GET", `/duma-sessions/${session}`)) as {
    closed: boolean
    drafts: Array<{ id: string; status: string; deadline: string }>
  }
  expect(ds.closed).toBe(true)
  expect(ds.drafts).toMatchObject([{ id: d, status: "adopted" }])
  expect((ds.drafts[0]?.deadline ?? "9999") < "2021-04-20").toBe(true)
}

describe("the organisational areas over HTTP", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
  })
  afterAll(() => s.close())

  it("every endpoint of the group is in the table below (none left untested)", async () => {
    const doc = (await s.call("GET", "/openapi.json")).body as {
      paths: Record<string, Record<string, { operationId: string }>>
    }
    const ids = Object.values(doc.paths)
      .flatMap((p) => Object.values(p).map((o) => o.operationId))
      .filter((id) => id.startsWith("organisational."))
      .map((id) => id.slice("organisational.".length))
    expect(new Set(ids)).toEqual(new Set(cases.map((c) => c.name)))
  })

  it("happy paths read back what was done: the register, the plan's coverage, the budget's control, the council, the session", async () => {
    await happyPaths(s)
  })

  it("bad input is 400 naming the field, and stores nothing", async () => {
    const program = await programBudget(s)
    const [session] = await dumaDraft(s, false)
    const month = await informationPlan(s)
    const bad: ReadonlyArray<readonly [string, string, unknown, string]> = [
      ["POST", "/publications", { publication: publication("p-x", { channel: "pigeon" }) }, "channel"],
      ["POST", "/publications", { publication: publication("p-y", { date: "2021-02-30" }) }, "date"],
      ["POST", "/publications/p-z/correct", { publication: publication("p-other") }, "publication.id"],
      ["POST", "/information-plans", { month: "2021-13", hotTopics: [] }, "month"],
      ["POST", `/information-plans/${month}/hot-topics`, { topic: TOPIC }, "division"],
      ["POST", "/program-budgets", { ...budget("prog-q"), planned: { q1: -1, q2: 0, q3: 0, q4: 0 } }, "q1"],
      ["POST", "/program-budgets", { ...budget("prog-r"), info: { ...budget("prog-s").info } }, "info.id"],
      ["POST", `/program-budgets/${program}/2021/commitments`, { entry: { ...entry("x"), amount: 0 } }, "amount"],
      ["POST", `/program-budgets/${program}/2021/commitments`, { entry: entry("x"), extra: 1 }, "extra"],
      ["POST", `/program-budgets/${program}/2021/spending`, { entry: { ...entry("x"), payee: "ООО" } }, "payee"],
      ["POST", "/methodological-councils/c-1/manuals", { manual: { ...manual("m-x"), basedOn: [] } }, "basedOn"],
      ["POST", "/duma-sessions", { session: "d x", date: "2021-04-20", agenda: [] }, "session"],
      ["POST", `/duma-sessions/${session}/drafts`, { ...draft("doc-x"), term: { amount: 10 } }, "unit"]
    ]
    for (const [method, path, body, field] of bad) {
      const before = await s.snapshot()
      const r = await s.call(method, path, { who: people.admin, body })
      expect(r.status, `${path} ${JSON.stringify(body)}: ${r.text}`).toBe(400)
      expect(r.text, path).toContain(field)
      expect(await s.snapshot()).toBe(before)
    }
  })

  it("what does not exist is 404; a rule refused is 422 naming it, and stores nothing", async () => {
    for (const path of [
      "/information-plans/2030-01",
      "/program-budgets/none/2021",
      "/methodological-councils/none",
      "/duma-sessions/none"
    ]) {
      const r = await s.call("GET", path, { who: people.admin })
      expect(r.status, `${path}: ${r.text}`).toBe(404)
      expect(r.body).toMatchObject({ _tag: "NotFound" })
    }
    const [session, d] = await dumaDraft(s, false)
    const refusals: ReadonlyArray<readonly [string, unknown, string]> = [
      // the draft is not submitted yet
      [`/duma-sessions/${session}/drafts/${d}/adopt`, { number: "1-р", instructions: [] }, "DumaRuleViolation"],
      // spending beyond what is committed or planned, a second opening
      ["/program-budgets", budget(await programBudget(s)), "BudgetRuleViolation"],
      // a manual distributed before the Council approved it
      [
        `/methodological-councils/${(await councilWithManual(s)).join("/manuals/")}/distribute`,
        { recipients: [{ _tag: "Division", id: "housing" }], on: "2021-03-14" },
        "MethodologyRuleViolation"
      ],
      // a plan closed before its coverage window ends
      [`/information-plans/${await decemberPlan(s)}/close`, { on: "2021-01-15" }, "InformationRuleViolation"]
    ]
    for (const [path, body, rule] of refusals) {
      const before = await s.snapshot()
      const r = await s.call("POST", path, { who: people.admin, body })
      expect(r.status, `${path}: ${r.text}`).toBe(422)
      expect(r.body).toMatchObject({ _tag: "RuleViolated" })
      expect((r.body as { rule: string }).rule.startsWith(rule)).toBe(true)
      expect(await s.snapshot()).toBe(before)
    }
  })

  it("polling stations: officers are officials of the city's organisation; another is 422 naming the field; 404; 400", async () => {
    const { Organisation } = await import("../../../src/kernel/Organisation.js")
    const { Schema } = await import("effect")
    const organisation = Schema.decodeUnknownSync(Organisation)({
      name: "Администрация города",
      timeZone: "Asia/Vladivostok",
      divisions: [{ id: "economy", name: "Комитет по экономике", kind: "committee" }],
      municipalOrganizations: [],
      officials: [
        { id: "deputy-1", name: "Заместитель по экономике", position: "deputyMayor" },
        { id: "deputy-2", name: "Заместитель по социальным вопросам", position: "deputyMayor" }
      ],
      duty: {
        from: "2021-01-01",
        to: "2021-12-31",
        assignments: [{ controller: "deputy-1", divisions: ["economy"], from: "2021-01-01", to: "2021-12-31" }]
      }
    })
    const t = await start({ server: { organisation } })
    try {
      const created = await t.call("POST", "/polling-stations", {
        who: people.clerk,
        body: { station: pollingStation("ps-1", ["deputy-1"]) }
      })
      expect(created.status, created.text).toBe(201)
      expect(created.body).toMatchObject({ version: 1, station: { id: "ps-1", officers: ["deputy-1"] } })
      const assigned = await t.call("POST", "/polling-stations/ps-1/officers", {
        who: people.clerk,
        body: { officers: ["deputy-2", "deputy-1"] }
      })
      expect(assigned.body).toMatchObject({ version: 2, station: { officers: ["deputy-2", "deputy-1"] } })
      expect((await t.call("GET", "/polling-stations/ps-1", { who: people.head })).body).toMatchObject({
        version: 2,
        station: { number: 301, officers: ["deputy-2", "deputy-1"] }
      })
      const refusals: ReadonlyArray<readonly [string, unknown, string, string]> = [
        [
          "/polling-stations",
          { station: pollingStation("ps-2", ["deputy-1", "stranger"]) },
          "officerNotAnOfficial",
          "station.officers[1]"
        ],
        ["/polling-stations/ps-1/officers", { officers: ["stranger"] }, "officerNotAnOfficial", "officers[0]"],
        ["/polling-stations/ps-1/officers", { officers: ["deputy-1", "deputy-1"] }, "duplicateOfficer", "officers[1]"],
        ["/polling-stations/ps-9/officers", { officers: [] }, "stationNotRecorded", "id"]
      ]
      for (const [path, body, rule, field] of refusals) {
        const before = await t.snapshot()
        const r = await t.call("POST", path, { who: people.admin, body })
        expect(r.status, r.text).toBe(422)
        expect(r.body).toMatchObject({
          _tag: "RuleViolated",
          rule: `PollingStationRuleViolation.${rule}`,
          subject: field
        })
        expect(await t.snapshot()).toBe(before)
      }
      expect((await t.call("GET", "/polling-stations/ps-9", { who: people.admin })).status).toBe(404)
      for (const [body, field] of [
        [{ station: { ...pollingStation("ps-3"), number: 0 } }, "number"],
        [{ station: { ...pollingStation("ps-3"), officers: [""] } }, "officers"],
        [{ station: pollingStation("ps-3"), note: "x" }, "note"]
      ] as const) {
        const r = await t.call("POST", "/polling-stations", { who: people.admin, body })
        expect(r.status, r.text).toBe(400)
        expect(r.text).toContain(field)
      }
    } finally {
      await t.close()
    }
  })

  it("mutated bodies (a field replaced by any JSON, or dropped): never a 5xx; a rejection names what was wrong and stores nothing", async () => {
    const posts = cases.filter((c) => c.method === "POST")
    type Path = ReadonlyArray<string | number>
    const paths = (v: unknown, at: Path = []): ReadonlyArray<Path> =>
      v !== null && typeof v === "object"
        ? [
            at,
            ...Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
              paths(x, [...at, Array.isArray(v) ? Number(k) : k])
            )
          ]
        : [at]
    const mutate = (v: unknown, at: Path, to: unknown, drop: boolean): unknown => {
      if (at.length === 0) return to
      const [head, ...rest] = at as [string | number, ...Array<string | number>]
      const copy: Record<string | number, unknown> | Array<unknown> = Array.isArray(v)
        ? [...v]
        : { ...(v as Record<string, unknown>) }
      if (rest.length === 0 && drop) {
        if (Array.isArray(copy)) copy.splice(Number(head), 1)
        else delete copy[head]
      } else (copy as Record<string | number, unknown>)[head] = mutate((v as never)[head], rest, to, drop)
      return copy
    }
    await fc.assert(
      fc.asyncProperty(
        fc.nat(posts.length - 1),
        fc.nat(),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
        async (which, where, to, drop) => {
          const c = posts[which]
          if (c === undefined) return
          const { body, path } = await c.prepare(s)
          const all = paths(body).filter((p) => p.length > 0)
          const at = all[where % all.length] ?? []
          const before = await s.snapshot()
          const r = await s.call(c.method, path, { who: people.admin, body: mutate(body, at, to, drop) })
          expect(r.status, `${c.name} ${at.join(".")}: ${r.text}`).toBeLessThan(500)
          if (r.status >= 400) {
            expect(r.text.length).toBeGreaterThan(0)
            expect((r.body as { _tag?: string })._tag).toBeDefined()
            expect(await s.snapshot()).toBe(before)
          }
        }
      ),
      { numRuns: runs(200) }
    )
  }, 120_000)

  describe("the role matrix is the access policy's", () => {
    for (const c of cases) {
      for (const [role, w] of Object.entries(roles) as ReadonlyArray<[App.Principal.Role, Who]>) {
        const allowed = App.Access.rules[c.action].roles.includes(role)
        it(`${c.name} (${c.action}) as ${role}: ${allowed ? "done" : "403"}`, async () => {
          const { body, path } = await c.prepare(s)
          const before = allowed ? "" : await s.snapshot()
          const r = await s.call(c.method, path, { who: w, ...(body !== undefined ? { body } : {}) })
          if (allowed) expect(r.status, r.text).toBeLessThan(300)
          else {
            expect(r.status, r.text).toBe(403)
            expect(r.body).toMatchObject({ _tag: "Forbidden", action: c.action })
            expect(await s.snapshot()).toBe(before)
          }
        })
      }
    }
  })
})

describe("polling stations against the stored organisation", () => {
  it("a server without a configured organisation takes the officials of the organisation's stored history", async () => {
    const t = await start()
    try {
      const refused = await t.call("POST", "/polling-stations", {
        who: people.clerk,
        body: { station: pollingStation("ps-7", ["mayor"]) }
      })
      expect(refused.body).toMatchObject({ rule: "PollingStationRuleViolation.officerNotAnOfficial" })
      const counts = await t.runtime.runPromise(
        Importer.importRecords([Demo.Generator.organisationRecord()], {
          recordedAt: "2021-01-15T00:00:00.000Z",
          onReject: () => Effect.void
        }) as never
      )
      expect(counts).toMatchObject({ imported: 1 })
      const created = await t.call("POST", "/polling-stations", {
        who: people.clerk,
        body: { station: pollingStation("ps-7", ["mayor", "head-district-3"]) }
      })
      expect(created.status, created.text).toBe(201)
    } finally {
      await t.close()
    }
  })
})

describe("the organisational areas over HTTP on SQLite", () => {
  it("the happy paths read back the same on a SQLite store", async () => {
    const t = await start({ store: SqliteStore.layer({ filename: ":memory:" }) as never })
    try {
      await happyPaths(t)
    } finally {
      await t.close()
    }
  })
})

const PG = process.env.CITYHALL_PG_URL
if (PG === undefined)
  console.info(
    "the organisational areas over HTTP on PostgreSQL: skipped; set CITYHALL_PG_URL=postgres://postgres@127.0.0.1:5432/test to run it"
  )

describe.skipIf(PG === undefined)("the organisational areas over HTTP on PostgreSQL", () => {
  it("the happy paths read back the same on a PostgreSQL store", async () => {
    const t = await start({
      store: PostgresStore.layer({
        url: Redacted.make(PG ?? ""),
        schema: `cityhall_http_org_${process.pid}_${Date.now()}`,
        dropSchemaOnClose: true
      }) as never
    })
    try {
      await happyPaths(t)
    } finally {
      await t.close()
    }
  })
})
