/**
 * `Operations.access`: every operation of the API declares what it
 * requires, and the server checks the role against it before the request
 * is decoded (the full matrix is the reliability suite's
 * `access-matrix.test.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Operations from "../../../adapters/http/Operations.js"
import { people, start } from "./harness.js"

describe("Operations.access", () => {
  let s: Awaited<ReturnType<typeof start>>
  beforeAll(async () => {
    s = await start()
  })
  afterAll(() => s.close())

  it("declares every operation of the API", () => {
    expect(Operations.operations.length).toBeGreaterThan(90)
    for (const op of Operations.operations) expect(op.requires, op.id).toBeDefined()
    expect(Object.keys(Operations.access).sort()).toEqual(Operations.operations.map((o) => o.id).sort())
  })

  it("a role no action lets in is 403 naming the action before its body is decoded; the public operations need no token", async () => {
    const register = await s.call("POST", "/appeals", { who: people.citizen, body: {} })
    expect(register.status, register.text).toBe(403)
    expect(register.body).toMatchObject({ _tag: "Forbidden", role: "citizen", action: "registerAppeal" })
    const plan = await s.call("POST", "/plans/P-1/nodes", { who: people.controller, raw: "{" })
    expect(plan.status, plan.text).toBe(403)
    expect(plan.body).toMatchObject({ action: "writePlan" })
    // a role let in still has its body decoded
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: {} })).status).toBe(400)
    // without a token: 401, the same for every role-checked operation
    expect((await s.call("POST", "/appeals", { body: {} })).status).toBe(401)
    for (const path of ["/health", "/ready", "/open311/v2/services", "/open311/v2/services.json"])
      expect((await s.call("GET", path)).status, path).toBe(200)
  })
})
