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
})
