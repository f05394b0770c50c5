/** Registration numbers over HTTP are unique per administration and year (the registration book). */
import { afterEach, describe, expect, it } from "vitest"
import { people, registration, start, submission } from "./harness.js"

let servers: Array<{ readonly close: () => Promise<void> }> = []
afterEach(async () => {
  for (const s of servers) await s.close()
  servers = []
})

describe("registration numbers over HTTP", () => {
  it("a clerk's second appeal under a number already held is 409 Conflict (exists) naming the duplicate, and stores nothing", async () => {
    const s = await start()
    servers.push(s)
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-1", 7) })).status).toBe(201)
    const before = await s.snapshot()
    const again = await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-2", 7) })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ _tag: "Conflict", reason: "exists" })
    expect(again.text).toContain("ОГ-2021-00007")
    expect(await s.snapshot()).toBe(before)
    // another number is fine
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-2", 8) })).status).toBe(201)
  })

  it("a citizen's submission skips a number of its sequence that a clerk already gave by hand", async () => {
    const s = await start()
    servers.push(s)
    const byHand = await s.call("POST", "/appeals", {
      who: people.clerk,
      body: registration("A-1", 1, { registrationNumber: "E-2021-00001" })
    })
    expect(byHand.status).toBe(201)
    const submitted = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
    expect(submitted.status).toBe(201)
    expect(submitted.body).toMatchObject({ registrationNumber: "E-2021-00002" })
  })
})
