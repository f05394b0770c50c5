/**
 * The appeal acts of 59-FZ over HTTP (issue 20): executors, the answer
 * document with its outgoing number from the journal, the new grounds
 * (court decision, published answer, secrecy), copies to other bodies,
 * notices recorded with the acts, and the history with its visibility.
 * Happy paths read back; bad input is 400 naming the field and stores
 * nothing; an unknown appeal is 404; a rule is 422; a reused outgoing
 * number is 409 — on memory and SQLite (and PostgreSQL with CITYHALL_PG_URL).
 */
import { Redacted, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PostgresStore } from "../../../adapters/postgres/index.js"
import { SqliteStore } from "../../../adapters/sqlite/index.js"
import { Organisation } from "../../../src/kernel/Organisation.js"
import { people, start, submission } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>

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
    { id: "petrova", name: "Петрова А. А.", position: "staff", division: "economy" },
    { id: "sidorov", name: "Сидоров С. С.", position: "staff", division: "housing" }
  ],
  duty: {
    from: "2021-01-01",
    to: "2021-12-31",
    assignments: [{ controller: "deputy-1", divisions: ["economy", "housing"], from: "2021-01-01", to: "2021-12-31" }]
  }
})

/** A citizen's appeal, assigned to economy: its id. */
const appeal = async (s: Server, assigned = true): Promise<string> => {
  const r = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
  expect(r.status, r.text).toBe(201)
  const id = (r.body as { appealId: string }).appealId
  if (assigned)
    expect(
      (await s.call("POST", `/appeals/${id}/assign`, { who: people.clerk, body: { division: "economy" } })).status
    ).toBe(200)
  return id
}

/** The field a 400 names: the payload's decode error (its first issue's path) or the use case's `InvalidInput`. */
const fieldOf = (body: unknown): string => {
  const b = body as { _tag?: string; field?: string; issues?: Array<{ path: Array<string | number> }> }
  if (b._tag === "InvalidInput") return b.field ?? ""
  return (b.issues?.[0]?.path ?? []).map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("")
}

const notice = { channel: "email", sentAt: "2021-03-15T03:00:00.000Z" }

/** The happy paths, read back. */
const happyPaths = async (s: Server) => {
  // executors: named by official, their division looked up
  const a = await appeal(s)
  const ex = await s.call("POST", `/appeals/${a}/executors`, {
    who: people.head,
    body: { executor: "ivanov", coExecutors: ["petrova"] }
  })
  expect(ex.status, ex.text).toBe(200)
  expect(ex.body).toMatchObject({ executors: { executor: "ivanov", coExecutors: ["petrova"] } })
  // the answer document: the journal's next outgoing number, today's date, the signer, the answer's form
  const answered = await s.call("POST", `/appeals/${a}/answer`, {
    who: people.head,
    body: { result: "explained", form: "electronic", document: { signedBy: "deputy-1" } }
  })
  expect(answered.status, answered.text).toBe(200)
  expect(answered.body).toMatchObject({
    state: "Closed",
    answerDocument: { outgoingNumber: "Исх-2021-00001", date: "2021-03-15", signedBy: "deputy-1", form: "electronic" }
  })
  const b = await appeal(s)
  const second = await s.call("POST", `/appeals/${b}/answer`, {
    who: people.head,
    body: { result: "supported", form: "electronic", document: { signedBy: "deputy-1" } }
  })
  expect(second.body).toMatchObject({ answerDocument: { outgoingNumber: "Исх-2021-00002" } })
  // the new grounds, each with its notice as an act
  const c = await appeal(s)
  const court = await s.call("POST", `/appeals/${c}/return-court-decision`, {
    who: people.clerk,
    body: { explanation: "Решение суда обжалуется в апелляционном порядке", notice }
  })
  expect(court.status, court.text).toBe(200)
  expect(court.body).toMatchObject({
    state: "Closed",
    outcome: "returnedCourtDecision",
    notices: [{ kind: "courtDecision", channel: "email", sentOn: "2021-03-15" }]
  })
  const d = await appeal(s)
  const published = await s.call("POST", `/appeals/${d}/refer-to-published-answer`, {
    who: people.head,
    body: { url: "https://khabarovskadm.ru/answers/42" }
  })
  expect(published.body).toMatchObject({ outcome: "referredToPublishedAnswer" })
  const e = await appeal(s)
  const secret = await s.call("POST", `/appeals/${e}/decline-for-secrecy`, {
    who: people.head,
    body: { secret: "state", notice }
  })
  expect(secret.body).toMatchObject({ outcome: "noAnswerSecret", notices: [{ kind: "secret" }] })
  // copies to several bodies: the appeal stays open
  const f = await appeal(s)
  const copies = await s.call("POST", `/appeals/${f}/copies`, {
    who: people.clerk,
    body: { to: ["Прокуратура края", "Министерство ЖКХ края"] }
  })
  expect(copies.status, copies.text).toBe(200)
  expect(copies.body).toMatchObject({
    state: "UnderConsideration",
    copies: [
      { to: "Прокуратура края", on: "2021-03-15" },
      { to: "Министерство ЖКХ края", on: "2021-03-15" }
    ]
  })
  // a notice recorded with an extension
  const extended = await s.call("POST", `/appeals/${f}/extend`, {
    who: people.head,
    body: { days: 10, reason: "запрос в другие органы", notice }
  })
  expect(extended.body).toMatchObject({ notices: [{ kind: "extension", channel: "email" }] })
  // the history: staff see every entry, the applicant the public ones
  const staff = await s.call("GET", `/appeals/${f}/history`, { who: people.clerk })
  expect(staff.status, staff.text).toBe(200)
  expect((staff.body as { entries: Array<{ event: string }> }).entries.map((x) => x.event)).toStrictEqual([
    "AppealRegistered",
    "AppealAssigned",
    "AppealCopiesSent",
    "AppealTermExtended"
  ])
  const own = await s.call("GET", `/appeals/${f}/history`, { who: people.citizen })
  expect(own.body).toMatchObject({
    appealId: f,
    entries: [
      { event: "AppealRegistered", actor: "citizen-1", visibility: "public", on: "2021-03-15" },
      { event: "AppealTermExtended", actor: "head-economy", visibility: "public" }
    ]
  })
  expect((own.body as { entries: Array<unknown> }).entries).toHaveLength(2)
  expect((await s.call("GET", `/appeals/${f}/history`, { who: people.otherCitizen })).status).toBe(403)
}

const withServer = async (options: Parameters<typeof start>[0], body: (s: Server) => Promise<void>) => {
  const s = await start(options)
  try {
    await body(s)
  } finally {
    await s.close()
  }
}

describe("the appeal acts over HTTP", () => {
  let s: Server
  beforeAll(async () => {
    s = await start({ server: { organisation } })
  })
  afterAll(() => s.close())

  it("happy paths: executors, the answer document numbered by the journal, the new grounds with notices, copies, the history", () =>
    withServer({ server: { organisation } }, happyPaths))

  it("bad input is 400 naming the field, and stores nothing", async () => {
    const a = await appeal(s)
    const cases: ReadonlyArray<readonly [string, unknown, string]> = [
      ["executors", { executor: "nobody" }, "executor"],
      ["executors", { executor: "ivanov", coExecutors: ["sidorov"] }, "coExecutors[0].division"],
      ["executors", { executor: "ivanov", coExecutors: ["ivanov"] }, "coExecutors[0].official"],
      ["executors", { coExecutors: [] }, "executor"],
      ["return-court-decision", {}, "explanation"],
      [
        "return-court-decision",
        { explanation: "x", notice: { channel: "pigeon", sentAt: notice.sentAt } },
        "notice.channel"
      ],
      ["refer-to-published-answer", { url: "not a url" }, "url"],
      ["decline-for-secrecy", { secret: "commercial" }, "secret"],
      ["copies", { to: [] }, "to[0]"],
      ["answer", { result: "explained", form: "electronic", document: {} }, "document.signedBy"],
      [
        "answer",
        { result: "explained", form: "electronic", document: { signedBy: "deputy-1", outgoingNumber: "42" } },
        "document.outgoingNumber"
      ],
      [
        "answer",
        { result: "explained", form: "electronic", document: { signedBy: "deputy-1", date: "2021-01-01" } },
        "document.date"
      ]
    ]
    for (const [path, body, field] of cases) {
      const before = await s.snapshot()
      const r = await s.call("POST", `/appeals/${a}/${path}`, { who: people.admin, body })
      expect(r.status, `${path} ${JSON.stringify(body)}: ${r.text}`).toBe(400)
      expect(fieldOf(r.body), `${path} ${JSON.stringify(body)}: ${r.text}`).toBe(field)
      expect(await s.snapshot()).toBe(before)
    }
  })

  it("an unknown appeal is 404 on every new endpoint", async () => {
    const bodies: ReadonlyArray<readonly [string, unknown]> = [
      ["executors", { executor: "ivanov" }],
      ["return-court-decision", { explanation: "Порядок обжалования" }],
      ["refer-to-published-answer", { url: "https://khabarovskadm.ru/answers/42" }],
      ["decline-for-secrecy", { secret: "state" }],
      ["copies", { to: ["Прокуратура края"] }],
      ["answer", { result: "explained", form: "electronic", document: { signedBy: "deputy-1" } }]
    ]
    for (const [path, body] of bodies) {
      const r = await s.call("POST", `/appeals/NOPE-1/${path}`, { who: people.admin, body })
      expect(r.status, `${path}: ${r.text}`).toBe(404)
    }
    expect((await s.call("GET", "/appeals/NOPE-1/history", { who: people.admin })).status).toBe(404)
  })

  it("rules are 422; a reused outgoing number is 409 and stores nothing; a refused answer takes no number", async () => {
    // executors before an assignment to a division
    const open = await appeal(s, false)
    const early = await s.call("POST", `/appeals/${open}/executors`, {
      who: people.admin,
      body: { executor: "ivanov" }
    })
    expect(early.status, early.text).toBe(422)
    // the answer on the merits needs a division first: refused, no number taken
    const refused = await s.call("POST", `/appeals/${open}/answer`, {
      who: people.admin,
      body: { result: "explained", form: "electronic", document: { signedBy: "deputy-1" } }
    })
    expect(refused.status, refused.text).toBe(422)
    const a = await appeal(s)
    const first = await s.call("POST", `/appeals/${a}/answer`, {
      who: people.admin,
      body: { result: "explained", form: "electronic", document: { signedBy: "deputy-1" } }
    })
    const n = (first.body as { answerDocument: { outgoingNumber: string } }).answerDocument.outgoingNumber
    const b = await appeal(s)
    const before = await s.snapshot()
    const reused = await s.call("POST", `/appeals/${b}/answer`, {
      who: people.admin,
      body: { result: "explained", form: "electronic", document: { signedBy: "deputy-1", outgoingNumber: n } }
    })
    expect(reused.status, reused.text).toBe(409)
    expect(reused.body).toMatchObject({ _tag: "Conflict", reason: "exists" })
    expect(reused.text).toContain(n)
    expect(await s.snapshot()).toBe(before)
    // a closed appeal takes no other act
    const closedAct = await s.call("POST", `/appeals/${a}/copies`, { who: people.admin, body: { to: ["УМВД"] } })
    expect(closedAct.status).toBe(422)
  })

  it("roles: a head of another division may not name executors or decline; a citizen may not return", async () => {
    const a = await appeal(s)
    expect(
      (await s.call("POST", `/appeals/${a}/executors`, { who: people.otherHead, body: { executor: "ivanov" } })).status
    ).toBe(403)
    expect(
      (await s.call("POST", `/appeals/${a}/decline-for-secrecy`, { who: people.otherHead, body: { secret: "state" } }))
        .status
    ).toBe(403)
    expect(
      (
        await s.call("POST", `/appeals/${a}/return-court-decision`, {
          who: people.citizen,
          body: { explanation: "Порядок обжалования" }
        })
      ).status
    ).toBe(403)
  })

  it("the OpenAPI document lists the new endpoints", async () => {
    const doc = (await s.call("GET", "/openapi.json")).body as { paths: Record<string, unknown> }
    for (const p of [
      "/appeals/{id}/executors",
      "/appeals/{id}/return-court-decision",
      "/appeals/{id}/refer-to-published-answer",
      "/appeals/{id}/decline-for-secrecy",
      "/appeals/{id}/copies",
      "/appeals/{id}/history"
    ])
      expect(Object.keys(doc.paths)).toContain(p)
  })
})

describe("the appeal acts over HTTP on SQLite", () => {
  it("the happy paths read back the same on a SQLite store", () =>
    withServer({ store: SqliteStore.layer({ filename: ":memory:" }) as never, server: { organisation } }, happyPaths))
})

const PG = process.env.CITYHALL_PG_URL
if (PG === undefined)
  console.info(
    "the appeal acts over HTTP on PostgreSQL: skipped; set CITYHALL_PG_URL=postgres://postgres@127.0.0.1:5432/test to run it"
  )

describe.skipIf(PG === undefined)("the appeal acts over HTTP on PostgreSQL", () => {
  it("the happy paths read back the same on a PostgreSQL store", () =>
    withServer(
      {
        store: PostgresStore.layer({
          url: Redacted.make(PG ?? ""),
          schema: `cityhall_http_acts_${process.pid}_${Date.now()}`,
          dropSchemaOnClose: true
        }) as never,
        server: { organisation }
      },
      happyPaths
    ))
})
