/**
 * Ownership and division claims, through the HTTP API (the access policy of
 * the application layer): a citizen owns the appeals their account
 * submitted, never one whose registering actor merely shares their subject;
 * a division head without a division claim acts on nothing division-bound;
 * an idempotency key belongs to the principal who sent it.
 */
import { describe, expect, it } from "vitest"
import { people, registration, start, submission, type Who } from "./harness.js"

type View = { readonly appealId: string; readonly registrationNumber: string; readonly registeredBy: string }

describe("HTTP: ownership is the submitting account, with its role", () => {
  it("a citizen token whose subject is a clerk's login reads none of the clerk's registrations", async () => {
    const s = await start()
    try {
      expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-1", 1) })).status).toBe(201)
      const impostor: Who = { subject: people.clerk.subject, role: "citizen" }
      const read = await s.call("GET", "/appeals/A-1", { who: impostor })
      expect(read.status).toBe(403)
      expect(read.text).not.toContain("Иванова")
      const mine = await s.call("GET", "/appeals/mine", { who: impostor })
      expect(mine.status).toBe(200)
      expect((mine.body as { items: ReadonlyArray<unknown> }).items).toHaveLength(0)
      // the clerk's own list has it
      const clerks = await s.call("GET", "/appeals/mine", { who: people.clerk })
      expect((clerks.body as { items: ReadonlyArray<unknown> }).items).toHaveLength(1)
    } finally {
      await s.close()
    }
  })

  it("a citizen reads and lists the appeal their account submitted, with its personal data", async () => {
    const s = await start()
    try {
      const r = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
      expect(r.status).toBe(201)
      const id = (r.body as View).appealId
      const read = await s.call("GET", `/appeals/${id}`, { who: people.citizen })
      expect(read.status).toBe(200)
      expect(read.text).toContain("Петров")
      expect((await s.call("GET", `/appeals/${id}`, { who: people.otherCitizen })).status).toBe(403)
      const mine = await s.call("GET", "/appeals/mine", { who: people.citizen })
      expect((mine.body as { items: ReadonlyArray<{ appealId: string }> }).items.map((i) => i.appealId)).toStrictEqual([
        id
      ])
    } finally {
      await s.close()
    }
  })
})

describe("HTTP: a division head without a division claim", () => {
  it("may not leave an unassigned appeal without answer (403), and nothing is stored", async () => {
    const s = await start()
    try {
      expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-1", 1) })).status).toBe(201)
      const noClaim: Who = { subject: "head-x", role: "divisionHead" }
      const before = await s.snapshot()
      const r = await s.call("POST", "/appeals/A-1/leave-without-answer", {
        who: noClaim,
        body: { ground: "anonymous" }
      })
      expect(r.status).toBe(403)
      expect(r.body).toMatchObject({ _tag: "Forbidden", action: "leaveWithoutAnswer" })
      expect(await s.snapshot()).toBe(before)
      expect((await s.call("GET", "/appeals/A-1", { who: noClaim })).status).toBe(403)
    } finally {
      await s.close()
    }
  })
})

describe("HTTP: idempotency keys belong to their principal", () => {
  it("citizen B sending citizen A's key registers B's own appeal and sees nothing of A's", async () => {
    const s = await start()
    try {
      const key = { "idempotency-key": "same-key-1" }
      const a = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission(), headers: key })
      expect(a.status).toBe(201)
      const again = await s.call("POST", "/appeals/submissions", {
        who: people.citizen,
        body: submission(),
        headers: key
      })
      expect((again.body as View).appealId).toBe((a.body as View).appealId)
      const b = await s.call("POST", "/appeals/submissions", {
        who: people.otherCitizen,
        body: submission({ text: "Не работает уличное освещение" }),
        headers: key
      })
      expect(b.status).toBe(201)
      expect((b.body as View).appealId).not.toBe((a.body as View).appealId)
      expect((b.body as View).registeredBy).toBe(people.otherCitizen.subject)
      expect(b.text).not.toContain("Во дворе не вывозят мусор")
    } finally {
      await s.close()
    }
  })

  it("the same key with another payload from the same principal: 409 naming the key, nothing numbered or written", async () => {
    const s = await start()
    try {
      const key = { "idempotency-key": "same-key-2" }
      const a = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission(), headers: key })
      expect(a.status).toBe(201)
      const before = await s.snapshot()
      const other = await s.call("POST", "/appeals/submissions", {
        who: people.citizen,
        body: submission({ text: "Не работает уличное освещение" }),
        headers: key
      })
      expect(other.status).toBe(409)
      expect(other.body).toMatchObject({ _tag: "Conflict", reason: "idempotencyKey" })
      expect((other.body as { message: string }).message).toContain('"same-key-2"')
      expect(await s.snapshot()).toBe(before)
      // the first payload again is still the retry it was
      const retry = await s.call("POST", "/appeals/submissions", {
        who: people.citizen,
        body: submission(),
        headers: key
      })
      expect(retry.status).toBe(201)
      expect((retry.body as View).appealId).toBe((a.body as View).appealId)
      // a clerk's registration and an action on an appeal alike
      const clerkKey = { "idempotency-key": "clerk-key-1" }
      expect(
        (await s.call("POST", "/appeals", { who: people.clerk, body: registration("R-1", 1), headers: clerkKey }))
          .status
      ).toBe(201)
      const beforeClerk = await s.snapshot()
      const otherRegistration = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration("R-1", 2),
        headers: clerkKey
      })
      expect(otherRegistration.status).toBe(409)
      expect((otherRegistration.body as { message: string }).message).toContain('"clerk-key-1"')
      expect(await s.snapshot()).toBe(beforeClerk)
      const assignKey = { "idempotency-key": "assign-1" }
      const assign = (division: string) =>
        s.call("POST", "/appeals/R-1/assign", { who: people.clerk, body: { division }, headers: assignKey })
      expect((await assign("economy")).status).toBe(200)
      expect((await assign("economy")).status).toBe(200)
      const beforeAssign = await s.snapshot()
      expect((await assign("housing")).status).toBe(409)
      expect(await s.snapshot()).toBe(beforeAssign)
    } finally {
      await s.close()
    }
  })
})
