/**
 * The production calendar over HTTP: registration never stops for want of
 * calendar data, the appeal view says when a due date is provisional,
 * loading a city's official year moves the date shown and nothing stored,
 * and /health warns before official data runs out.
 */
import { Either, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { MemoryStore } from "../../../adapters/memory/index.js"
import { Calendar } from "../../../src/index.js"
import { people, registration, start, submission } from "./harness.js"

/** A city's official 2027 (an example decree, not the adopted one): 11 June 2027 becomes a day off. */
const official2027 = Either.getOrThrow(
  Calendar.fromData({
    format: "cityhall.calendar/1",
    years: [
      {
        year: 2027,
        source: "Постановление (пример)",
        transfers: [
          { from: "01-02", to: "06-11" },
          { from: "01-03", to: "12-31" }
        ]
      }
    ]
  })
)

type View = { readonly appealId: string; readonly dues: { readonly answer: string }; readonly provisional: boolean }

describe("HTTP: appeals on provisional calendar years", () => {
  for (const [now, due] of [
    ["2026-12-06T02:00:00Z", "2026-12-30"], // nominal 2027-01-05, a holiday of a provisional year; 31 December 2026 is a day off too
    ["2027-12-31T02:00:00Z", "2028-01-28"],
    ["2035-06-01T02:00:00Z", "2035-06-29"]
  ] as const) {
    it(`a citizen's submission on ${now.slice(0, 10)} is registered, with a provisional due date`, async () => {
      const s = await start({ server: { now: () => new Date(now) } })
      try {
        const r = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
        expect(r.status).toBe(201)
        const v = r.body as View
        expect(v.provisional).toBe(true)
        expect(v.dues.answer).toBe(due)
        const clerk = await s.call("POST", "/open311/v2/requests.json", {
          who: people.citizen,
          body: { service_code: "0005.0005", description: "Яма на дороге", email: "a@example.ru" }
        })
        expect(clerk.status).toBe(201)
        expect(JSON.stringify(clerk.body)).toContain("provisional")
      } finally {
        await s.close()
      }
    })
  }

  it("loading the official year moves the due date shown; nothing stored changes", async () => {
    const shared = ManagedRuntime.make(MemoryStore.layer)
    const at = { now: () => new Date("2027-05-15T02:00:00Z") }
    const before = await start({ shared, server: at })
    const after = await start({ shared, server: { ...at, calendar: official2027 } })
    try {
      const r = await before.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
      expect(r.status).toBe(201)
      const id = (r.body as View).appealId
      expect([(r.body as View).dues.answer, (r.body as View).provisional]).toStrictEqual(["2027-06-11", true])
      const stored = await before.snapshot()
      const shown = await after.call("GET", `/appeals/${id}`, { who: people.clerk })
      expect(shown.status).toBe(200)
      expect([(shown.body as View).dues.answer, (shown.body as View).provisional]).toStrictEqual(["2027-06-10", false])
      // the shipped server still shows the provisional date; the store is byte for byte the same
      const again = await before.call("GET", `/appeals/${id}`, { who: people.clerk })
      expect((again.body as View).dues.answer).toBe("2027-06-11")
      expect(await after.snapshot()).toBe(stored)
    } finally {
      await before.close()
      await after.close()
      await shared.dispose()
    }
  })
})

describe("HTTP: a day the calendar does not cover", () => {
  it("a clerk's registration received before 2019 is 400 naming receivedAt, and nothing is stored", async () => {
    const s = await start()
    try {
      const before = await s.snapshot()
      const r = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("A-OLD", 1, { receivedAt: "2018-12-30T23:00:00.000Z" })
      })
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ _tag: "InvalidInput", field: "receivedAt" })
      expect(await s.snapshot()).toBe(before)
    } finally {
      await s.close()
    }
  })
})

describe("HTTP: /health", () => {
  it("answers without a token and warns within 90 days of the end of official calendar data", async () => {
    const s = await start({ server: { now: () => new Date("2026-12-06T02:00:00Z") } })
    try {
      const r = await s.call("GET", "/health")
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({
        status: "ok",
        today: "2026-12-06",
        calendar: { officialThrough: "2026-12-31", daysLeft: 25 }
      })
      expect((r.body as { calendar: { warning: string } }).calendar.warning).toContain("2026-12-31")
    } finally {
      await s.close()
    }
  })

  it("has no warning far from the end, and counts from the city's loaded calendar", async () => {
    const s = await start({ server: { now: () => new Date("2026-12-06T02:00:00Z"), calendar: official2027 } })
    const early = await start({ server: { now: () => new Date("2026-03-01T02:00:00Z") } })
    try {
      const r = await s.call("GET", "/health")
      expect(r.body).toStrictEqual({
        status: "ok",
        today: "2026-12-06",
        calendar: { officialThrough: "2027-12-31", daysLeft: 390 }
      })
      expect(((await early.call("GET", "/health")).body as { calendar: object }).calendar).toStrictEqual({
        officialThrough: "2026-12-31",
        daysLeft: 305
      })
    } finally {
      await s.close()
      await early.close()
    }
  })
})
