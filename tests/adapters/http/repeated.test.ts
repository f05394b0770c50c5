/**
 * Repeated appeals over HTTP (issue 20, item 1): an appeal registered after
 * the same citizen's appeal on the same question was answered is marked
 * `repeated` and linked to it — by a clerk's registration and by a
 * citizen's submission, the citizen's name and address written
 * differently, and by an oral appeal at a reception; a namesake at
 * another address, or another question, is not
 * — on memory and SQLite (and PostgreSQL with CITYHALL_PG_URL).
 */
import { Redacted } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { PostgresStore } from "../../../adapters/postgres/index.js"
import { SqliteStore } from "../../../adapters/sqlite/index.js"
import { card, reception } from "./fixtures.js"
import { people, registration, start, submission } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>

let servers: Array<Server> = []
afterEach(async () => {
  for (const s of servers) await s.close()
  servers = []
})

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "")
  console.log("repeated appeals over HTTP on PostgreSQL skipped: set CITYHALL_PG_URL to run it")

const stores = [
  ["memory", undefined],
  ["sqlite", () => SqliteStore.layerForTesting({ filename: ":memory:" })],
  ...(url === undefined || url === ""
    ? []
    : [
        [
          "postgres",
          () =>
            PostgresStore.layerForTesting({
              url: Redacted.make(url),
              schema: `cityhall_repeated_${process.pid}_${Date.now()}`,
              dropSchemaOnClose: true
            })
        ] as const
      ])
] as const

const facts = (body: unknown) => {
  const b = body as { appealId: string; kind: string; relatedAppeals: ReadonlyArray<string> }
  return { appealId: b.appealId, kind: b.kind, relatedAppeals: b.relatedAppeals }
}

for (const [name, layer] of stores) {
  describe(`repeated appeals over HTTP (${name})`, () => {
    const server = async () => {
      const s = await start(layer === undefined ? {} : { store: layer() })
      servers.push(s)
      return s
    }
    const answered = async (s: Server, id: string) => {
      const assigned = await s.call("POST", `/appeals/${id}/assign`, {
        who: people.clerk,
        body: { division: "economy" }
      })
      expect(assigned.status, assigned.text).toBe(200)
      const a = await s.call("POST", `/appeals/${id}/answer`, {
        who: people.head,
        body: { result: "explained", form: "written" }
      })
      expect(a.status, a.text).toBe(200)
    }

    it("the same citizen's second appeal on the question, after the first was answered, is repeated and linked to it", async () => {
      const s = await server()
      const first = await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-1", 1) })
      expect(first.status, first.text).toBe(201)
      // before the answer: not repeated (59-FZ: an earlier appeal answered on the merits)
      const early = await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-2", 2) })
      expect(early.status, early.text).toBe(201)
      expect(facts(early.body)).toEqual({ appealId: "A-2", kind: "individual", relatedAppeals: [] })
      await answered(s, "A-1")
      const again = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("A-3", 3, {
          applicant: {
            name: "ИВАНОВА  Мария Петровна",
            postalAddress: "680000 г Хабаровск ул Муравьева-Амурского д 1"
          }
        })
      })
      expect(again.status, again.text).toBe(201)
      expect(facts(again.body)).toEqual({ appealId: "A-3", kind: "repeated", relatedAppeals: ["A-1"] })
      // read back
      const read = await s.call("GET", "/appeals/A-3", { who: people.clerk })
      expect(facts(read.body)).toEqual({ appealId: "A-3", kind: "repeated", relatedAppeals: ["A-1"] })
      // a citizen's submission by e-mail (written in capitals): repeated too
      const submitted = await s.call("POST", "/appeals/submissions", {
        who: people.citizen,
        body: submission({ applicant: { name: "Иванова Мария Петровна", email: "IVANOVA@example.ru" } })
      })
      expect(submitted.status, submitted.text).toBe(201)
      expect(facts(submitted.body)).toMatchObject({ kind: "repeated", relatedAppeals: ["A-1"] })
      // a namesake at another address, and the same citizen on another question: not repeated
      const namesake = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("A-4", 4, {
          applicant: { name: "Иванова Мария Петровна", postalAddress: "680000, г. Хабаровск, ул. Ленина, д. 5" }
        })
      })
      expect(facts(namesake.body)).toEqual({ appealId: "A-4", kind: "individual", relatedAppeals: [] })
      const other = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("A-5", 5, { topics: ["0003.0009.0097.0651"] })
      })
      expect(other.status, other.text).toBe(201)
      expect(facts(other.body)).toEqual({ appealId: "A-5", kind: "individual", relatedAppeals: [] })
    })

    it("an oral appeal at a reception, from a citizen whose written appeal on the question was answered, is repeated and linked", async () => {
      const s = await server()
      const written = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("C-1", 1, {
          applicant: { name: "Сидоров Иван Ильич", postalAddress: "680000, г. Хабаровск, ул. Ленина, д. 5" }
        })
      })
      expect(written.status, written.text).toBe(201)
      await answered(s, "C-1")
      expect((await s.call("POST", "/receptions", { who: people.clerk, body: reception("rc-1") })).status).toBe(201)
      const r = await s.call("POST", "/receptions/rc-1/cards", {
        who: people.clerk,
        body: {
          ...card("c-1"),
          applicant: { name: "СИДОРОВ ИВАН ИЛЬИЧ", postalAddress: "680000 Г Хабаровск - УЛ. Ленина  Д 5" }
        }
      })
      expect(r.status, r.text).toBe(200)
      const appealId = (r.body as { cards: ReadonlyArray<{ appeal?: string }> }).cards[0]?.appeal
      expect(appealId).toMatch(/^U-2021-\d{5}$/)
      const oral = await s.call("GET", `/appeals/${appealId}`, { who: people.clerk })
      expect(facts(oral.body)).toEqual({ appealId, kind: "repeated", relatedAppeals: ["C-1"] })
    })

    it("a collective appeal of the citizen becomes collectiveRepeated, and links the clerk gave stay first", async () => {
      const s = await server()
      expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("B-1", 1) })).status).toBe(201)
      expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("B-2", 2) })).status).toBe(201)
      await answered(s, "B-2")
      const collective = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("B-3", 3, { kind: "collective", signatories: 12, relatedAppeals: ["B-1"] })
      })
      expect(collective.status, collective.text).toBe(201)
      expect(facts(collective.body)).toEqual({
        appealId: "B-3",
        kind: "collectiveRepeated",
        relatedAppeals: ["B-1", "B-2"]
      })
    })
  })
}
