/**
 * `GET /appeals/search?q=`: the words of the appeals' texts for every staff
 * role, the applicant's name, e-mail and postal address only for the roles
 * that see personal data; a query that is empty, too long or search syntax
 * is a 400 naming `q`, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { people, registration, start } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>
const ids = (body: unknown) => (body as { items: ReadonlyArray<{ appealId: string }> }).items.map((i) => i.appealId)
const q = (words: string) => `/appeals/search?q=${encodeURIComponent(words)}`

describe("GET /appeals/search", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
    const bodies = [
      registration("s-1", 1, { text: "Яма на дороге у дома 5 по ул. Ленина" }),
      registration("s-2", 2, { text: "Не убирают снег во дворе" }),
      registration("s-3", 3, { text: "Снег на крыше; ЯМА у подъезда", applicant: { name: "Ленина Ольга" } })
    ]
    for (const body of bodies) expect((await s.call("POST", "/appeals", { who: people.clerk, body })).status).toBe(201)
  })
  afterAll(() => s.close())

  it("finds every word, in any case; the applicant's fields for a clerk, not for a controller", async () => {
    const snow = await s.call("GET", q("СНЕГ"), { who: people.clerk })
    expect(snow.status, snow.text).toBe(200)
    expect(ids(snow.body)).toStrictEqual(["s-2", "s-3"])
    expect(ids((await s.call("GET", q("снег, крыше"), { who: people.clerk })).body)).toStrictEqual(["s-3"])
    expect(ids((await s.call("GET", q("ленина"), { who: people.clerk })).body)).toStrictEqual(["s-1", "s-3"])
    expect(ids((await s.call("GET", q("ленина"), { who: people.controller })).body)).toStrictEqual(["s-1"])
    expect(ids((await s.call("GET", q("ivanova"), { who: people.admin })).body)).toStrictEqual(["s-1", "s-2"])
    expect(ids((await s.call("GET", q("ivanova"), { who: people.controller })).body)).toStrictEqual([])
    const page = await s.call("GET", `${q("снег")}&limit=1`, { who: people.clerk })
    expect(page.body).toMatchObject({ items: [{ appealId: "s-2" }], next: "s-2" })
    expect(ids((await s.call("GET", `${q("снег")}&after=s-2`, { who: people.clerk })).body)).toStrictEqual(["s-3"])
  })

  it("a bad query is a 400 naming q", async () => {
    for (const bad of [
      "",
      "  ",
      '"снег"',
      "снег*",
      "(снег)",
      "снег NEAR крыше",
      "снег OR яма",
      "я".repeat(201),
      "у на"
    ]) {
      const r = await s.call("GET", q(bad), { who: people.clerk })
      expect(r.status, `${JSON.stringify(bad)}: ${r.text}`).toBe(400)
      expect(r.body, JSON.stringify(bad)).toMatchObject({ _tag: "InvalidInput", field: "q" })
    }
    const missing = await s.call("GET", "/appeals/search", { who: people.clerk })
    expect(missing.status).toBe(400)
    expect(missing.text).toContain("q")
  })

  it("a citizen may not search", async () => {
    expect((await s.call("GET", q("снег"), { who: people.citizen })).status).toBe(403)
  })
})
