/**
 * Amending plans over HTTP: nodes replaced and removed in an amendment, and
 * the rule that an amendment never orphans work in force in another plan
 * (422 `NodeRuleViolation.stillLinked` naming the node; nothing stored).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { activity, seedPlans } from "./fixtures.js"
import { people, start } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>

describe("amending plans over HTTP", () => {
  let s: Server
  beforeAll(async () => {
    // the strategy S (d-1, g-1) and the March plan M-2021-03 with a-1 under g-1
    s = await start()
    await seedPlans(s)
  })
  afterAll(() => s.close())

  const clerk = { who: people.clerk }
  const post = (path: string, body: unknown) => s.call("POST", path, { ...clerk, body })
  const goal = (id: string, title = "Чистые улицы") => ({ node: { _tag: "Goal", id, direction: "d-1", title } })
  /** A call that must be refused with 422 naming the rule, storing nothing. */
  const refused = async (path: string, body: unknown, rule: string, node: { kind: string; id: string }) => {
    const before = await s.snapshot()
    const r = await post(path, body)
    expect(r.status, r.text).toBe(422)
    expect(r.body).toMatchObject({ _tag: "RuleViolated", rule: `NodeRuleViolation.${rule}` })
    expect(r.text).toContain(`${node.kind} ${node.id}`)
    expect(await s.snapshot()).toEqual(before)
  }

  it("removing goal g-1, which March activity a-1 links to, is 422 stillLinked and stores nothing; replacing its title is accepted", async () => {
    expect((await post("/plans/S/amend", { reason: "Новая редакция стратегии" })).body).toMatchObject({
      status: "amending"
    })
    await refused("/plans/S/nodes/remove", { ref: { kind: "Goal", id: "g-1" } }, "stillLinked", {
      kind: "Goal",
      id: "g-1"
    })
    const replaced = await post("/plans/S/nodes/replace", goal("g-1", "Комфортные и безопасные дворы"))
    expect(replaced.status, replaced.text).toBe(200)
    expect(replaced.body).toMatchObject({
      status: "amending",
      working: expect.arrayContaining([expect.objectContaining({ id: "g-1", title: "Комфортные и безопасные дворы" })])
    })
  })

  it("a goal removed in the amendment but still in force gets work below it; approving the amendment is then 422 stillLinked", async () => {
    // g-3 comes into force with the amendment's first approval
    expect((await post("/plans/S/nodes", goal("g-3"))).status).toBe(200)
    expect((await post("/plans/S/approve", { act: { number: "30-р", date: "2021-03-20" } })).body).toMatchObject({
      status: "approved",
      version: 2
    })
    expect((await post("/plans/S/amend", { reason: "Исключение цели" })).status).toBe(200)
    const removed = await post("/plans/S/nodes/remove", { ref: { kind: "Goal", id: "g-3" } })
    expect(removed.status, removed.text).toBe(200)
    // g-3 is still in force: the March plan schedules an instruction under it
    const scheduled = await post("/plans/M-2021-03/activities", {
      activity: activity("a-30", {
        link: { _tag: "Goal", id: "g-3" },
        origin: { _tag: "Instruction", instruction: "ins-30" }
      })
    })
    expect(scheduled.status, scheduled.text).toBe(200)
    await refused("/plans/S/approve", { act: { number: "31-р", date: "2021-03-25" } }, "stillLinked", {
      kind: "Goal",
      id: "g-3"
    })
  })

  it("a node the plan does not hold is 422 unknownNode; a malformed reference is 400 naming the field", async () => {
    await refused("/plans/S/nodes/remove", { ref: { kind: "Goal", id: "g-404" } }, "unknownNode", {
      kind: "Goal",
      id: "g-404"
    })
    const bad = await post("/plans/S/nodes/remove", { ref: { kind: "Nonsense", id: "x" } })
    expect(bad.status, bad.text).toBe(400)
    expect(bad.text).toContain("kind")
    const notFound = await post("/plans/nope/nodes/replace", goal("g-1"))
    expect(notFound.status).toBe(404)
  })
})
