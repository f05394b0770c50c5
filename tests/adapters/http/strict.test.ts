/**
 * Strict input over HTTP: a field the API does not know (a misspelling
 * included) is refused naming it, as the OpenAPI document says
 * (`additionalProperties: false`); instants are RFC 3339 with an offset.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { people, registration, start, submission } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>

/** The fields a 400 names: `field` of InvalidInput, or the paths of a decode error's issues. */
const named = (body: unknown): ReadonlyArray<string> => {
  const b = body as {
    readonly field?: string
    readonly issues?: ReadonlyArray<{ readonly path: ReadonlyArray<unknown> }>
  }
  return b.field !== undefined ? [b.field] : (b.issues ?? []).map((i) => i.path.map(String).join("."))
}

describe("strict input over HTTP", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
  })
  afterAll(() => s.close())

  it("an unknown or misspelled field is 400 naming it, at any depth; nothing is stored", async () => {
    const before = await s.snapshot()
    for (const [path, who, body, field] of [
      ["/appeals/submissions", people.citizen, { ...submission(), aplicant: { name: "x" } }, "aplicant"],
      [
        "/appeals/submissions",
        people.citizen,
        submission({ applicant: { name: "Петров Пётр", emial: "x@example.ru" } }),
        "applicant.emial"
      ],
      ["/appeals", people.clerk, { ...registration("S-1", 1), extra: 1 }, "extra"],
      ["/appeals", people.clerk, registration("S-2", 2, { addressee: { _tag: "ToMayor", who: "x" } }), "addressee.who"]
    ] as const) {
      const r = await s.call("POST", path, { who, body })
      expect(r.status, field).toBe(400)
      expect(named(r.body), field).toContain(field)
    }
    expect(await s.snapshot()).toBe(before)
  })

  it("instants: RFC 3339 with an offset only", async () => {
    for (const receivedAt of [
      "2022-02-30T10:00:00+10:00",
      "3/4/2026",
      "2026",
      "March 3, 2026",
      "2021-03-14T23:00:00",
      "2021-03-14",
      "2021-03-14T25:00:00Z",
      "2021-03-14T23:00:00+25:00"
    ]) {
      const r = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration(`I-${receivedAt.length}`, 10, { receivedAt })
      })
      expect(r.status, receivedAt).toBe(400)
      expect(named(r.body), receivedAt).toContain("receivedAt")
    }
    for (const [n, receivedAt] of [
      [11, "2021-03-14T23:00:00Z"],
      [12, "2021-03-15T09:00:00+10:00"],
      [13, "2021-03-14T23:00:00.123456Z"]
    ] as const) {
      const r = await s.call("POST", "/appeals", { who: people.clerk, body: registration(`J-${n}`, n, { receivedAt }) })
      expect(r.status, receivedAt).toBe(201)
    }
  })

  it("an appeal's text: at most 50,000 characters, not only whitespace, no NUL or other control characters, no lone surrogates", async () => {
    const before = await s.snapshot()
    for (const text of [
      "   \n\t ",
      "a\u0000b",
      "a\u0007b",
      "half \ud800 pair",
      "\udc00",
      "a\ufffdb",
      "a".repeat(50_001)
    ]) {
      const r = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission({ text }) })
      expect(r.status, JSON.stringify(text.slice(0, 20))).toBe(400)
      expect(named(r.body), JSON.stringify(text.slice(0, 20))).toContain("text")
    }
    expect(await s.snapshot()).toBe(before)
    const ok = await s.call("POST", "/appeals/submissions", {
      who: people.citizen,
      body: submission({ text: "Строка 1\r\nСтрока 2\tи эмодзи 🏠" })
    })
    expect(ok.status).toBe(201)
  })

  it("a related appeal that does not exist is refused naming it; a rejected submission uses up no registration number", async () => {
    const first = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
    expect(first.status).toBe(201)
    const n = (first.body as { registrationNumber: string }).registrationNumber
    const bad = await s.call("POST", "/appeals/submissions", {
      who: people.citizen,
      body: submission({ relatedAppeals: ["NO-SUCH-APPEAL"] })
    })
    expect(bad.status).toBe(400)
    expect(named(bad.body)).toContain("relatedAppeals[0]")
    const badTopic = await s.call("POST", "/appeals/submissions", {
      who: people.citizen,
      body: submission({ topics: ["9999.9999.9999.9999"] })
    })
    expect(badTopic.status).toBeGreaterThanOrEqual(400)
    expect(badTopic.status).toBeLessThan(500)
    const next = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
    expect(next.status).toBe(201)
    const number = (v: string) => Number(v.slice(v.lastIndexOf("-") + 1))
    expect(number((next.body as { registrationNumber: string }).registrationNumber)).toBe(number(n) + 1)
    const related = await s.call("POST", "/appeals/submissions", {
      who: people.citizen,
      body: submission({ relatedAppeals: [(first.body as { appealId: string }).appealId] })
    })
    expect(related.status).toBe(201)
  })
})

describe("strict references with an organisation", () => {
  it("an addressee division that is not in the organisation is refused naming addressee.division", async () => {
    const { Organisation } = await import("../../../src/kernel/Organisation.js")
    const { Schema } = await import("effect")
    const organisation = Schema.decodeUnknownSync(Organisation)({
      name: "Администрация города",
      timeZone: "Asia/Vladivostok",
      divisions: [{ id: "economy", name: "Комитет по экономике", kind: "committee" }],
      municipalOrganizations: [],
      officials: [{ id: "deputy-1", name: "Заместитель по экономике", position: "deputyMayor" }],
      duty: {
        from: "2021-01-01",
        to: "2021-12-31",
        assignments: [{ controller: "deputy-1", divisions: ["economy"], from: "2021-01-01", to: "2021-12-31" }]
      }
    })
    const t = await start({ server: { organisation } })
    try {
      const nowhere = await t.call("POST", "/appeals/submissions", {
        who: people.citizen,
        body: submission({ addressee: { _tag: "ToDivision", division: "nowhere" } })
      })
      expect(nowhere.status).toBe(400)
      expect(named(nowhere.body)).toContain("addressee.division")
      const clerk = await t.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("D-1", 1, { addressee: { _tag: "ToDivision", division: "nowhere" } })
      })
      expect(clerk.status).toBe(400)
      expect(named(clerk.body)).toContain("addressee.division")
      const economy = await t.call("POST", "/appeals/submissions", {
        who: people.citizen,
        body: submission({ addressee: { _tag: "ToDivision", division: "economy" } })
      })
      expect(economy.status).toBe(201)
    } finally {
      await t.close()
    }
  })
})
