/** Domain errors -> statuses, limits, idempotency and Open311 mapping, on the memory store. */
import { FastCheck as fc } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { InvalidInput, toHttp } from "../../../adapters/http/HttpErrors.js"
import { InvalidQuery } from "../../../src/ports/Errors.js"
import { activity, card, instruct, meeting, reception, seedMeetings, seedPlans } from "./fixtures.js"
import { people, registration, start, submission } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>

describe("errors and statuses", () => {
  let s: Server
  beforeAll(async () => {
    s = await start({ limits: { maxBodyBytes: 4096, maxPageSize: 10 } })
  })
  afterAll(() => s.close())

  it("400: a body that does not decode names the field", async () => {
    const r = await s.call("POST", "/appeals", {
      who: people.clerk,
      body: { ...registration("E-1", 1), topics: ["nope"] }
    })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ _tag: "HttpApiDecodeError", issues: [{ path: ["topics", 0] }] })
    const missing = await s.call("POST", "/appeals", {
      who: people.clerk,
      body: { ...registration("E-1", 1), text: undefined }
    })
    expect(missing.body).toMatchObject({ issues: [{ path: ["text"] }] })
  })

  it("400: input the core refuses names the field; 400 for a body that is not JSON", async () => {
    const r = await s.call("POST", "/appeals", {
      who: people.clerk,
      body: registration("E-2", 2, { registrationNumber: "ОГ-2020-00002" })
    })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ _tag: "InvalidInput", field: "registrationNumber" })
    const unknown = await s.call("POST", "/appeals", {
      who: people.clerk,
      body: registration("E-3", 3, { topics: ["0009.0001.0001.0001"] })
    })
    expect(unknown.body).toMatchObject({ _tag: "InvalidInput", field: "topics" })
    const notJson = await s.call("POST", "/appeals", { who: people.clerk, raw: "{not json" })
    expect(notJson.status).toBe(400)
    expect(notJson.body).toMatchObject({ _tag: "InvalidInput", field: "body" })
  })

  it("400: a body no schema can read as text, or nested too deep, names where (never 500)", async () => {
    const plan = await s.call("POST", "/plans", { who: people.admin, raw: '{"_tag":{"toString":[]}}' })
    expect(plan.status).toBe(400)
    expect(plan.body).toMatchObject({ _tag: "InvalidInput", field: "_tag" })
    const nested = await s.call("POST", "/appeals", {
      who: people.clerk,
      raw: `{"text":${"[".repeat(1500)}${"]".repeat(1500)}}`
    })
    expect(nested.status).toBe(400)
    expect(nested.body).toMatchObject({ _tag: "InvalidInput", field: "body" })
    const inner = await s.call("POST", "/appeals", {
      who: people.clerk,
      raw: JSON.stringify({ ...registration("E-9", 9), channel: { valueOf: 1, toString: 2 } })
    })
    expect(inner.status).toBe(400)
    expect(inner.body).toMatchObject({ _tag: "InvalidInput", field: "channel" })
  })

  it("404: no such appeal, no such calendar", async () => {
    expect((await s.call("GET", "/appeals/none-such", { who: people.admin })).body).toMatchObject({
      _tag: "NotFound",
      what: "appeal",
      id: "none-such"
    })
    expect(
      (await s.call("POST", "/appeals/none-such/assign", { who: people.clerk, body: { division: "economy" } })).status
    ).toBe(404)
    expect((await s.call("GET", "/elections/calendars/none", { who: people.admin })).status).toBe(404)
  })

  it("409: an id taken; an idempotency key reused for another appeal; a retry with the same key is applied once", async () => {
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("C-1", 11) })).status).toBe(201)
    const again = await s.call("POST", "/appeals", { who: people.clerk, body: registration("C-1", 11) })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ _tag: "Conflict", reason: "exists" })
    const headers = { "idempotency-key": "k-1" }
    const a = await s.call("POST", "/appeals", { who: people.clerk, body: registration("C-2", 12), headers })
    const b = await s.call("POST", "/appeals", { who: people.clerk, body: registration("C-2", 12), headers })
    expect([a.status, b.status]).toEqual([201, 201])
    expect(b.body).toEqual(a.body)
    const c = await s.call("POST", "/appeals", { who: people.clerk, body: registration("C-3", 13), headers })
    expect(c.body).toMatchObject({ _tag: "Conflict", reason: "idempotencyKey" })
    const s1 = await s.call("POST", "/appeals/submissions", {
      who: people.citizen,
      body: submission(),
      headers: { "idempotency-key": "sub-1" }
    })
    const s2 = await s.call("POST", "/appeals/submissions", {
      who: people.citizen,
      body: submission(),
      headers: { "idempotency-key": "sub-1" }
    })
    expect((s2.body as { appealId: string }).appealId).toBe((s1.body as { appealId: string }).appealId)
  })

  it("422: a rule refuses, naming it", async () => {
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("U-1", 21) })).status).toBe(201)
    const early = await s.call("POST", "/appeals/U-1/answer", {
      who: people.admin,
      body: { result: "explained", form: "written" }
    })
    expect(early.status).toBe(422)
    expect(early.body).toMatchObject({ _tag: "RuleViolated", rule: "TransitionNotAllowed" })
    await s.call("POST", "/appeals/U-1/assign", { who: people.clerk, body: { division: "economy" } })
    expect(
      (await s.call("POST", "/appeals/U-1/extend", { who: people.head, body: { days: 30, reason: "проверка" } })).status
    ).toBe(200)
    const more = await s.call("POST", "/appeals/U-1/extend", { who: people.head, body: { days: 1, reason: "ещё" } })
    expect(more.body).toMatchObject({ _tag: "RuleViolated", rule: "ExtensionRefused.totalExceedsLimit" })
    expect(more.status).toBe(422)
  })

  it("413: a body over the limit", async () => {
    const r = await s.call("POST", "/appeals", { who: people.clerk, raw: JSON.stringify({ text: "x".repeat(5000) }) })
    expect(r.status).toBe(413)
    expect(r.body).toMatchObject({ _tag: "PayloadTooLarge", limitBytes: 4096 })
  })

  it("400: a page over the limit names `limit`; pages follow the cursor", async () => {
    const r = await s.call("GET", "/appeals?state=Registered&limit=11", { who: people.admin })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ _tag: "InvalidInput", field: "limit" })
    for (let i = 0; i < 5; i++)
      await s.call("POST", "/appeals", { who: people.clerk, body: registration(`P-${i}`, 30 + i) })
    const seen: Array<string> = []
    let after: string | undefined
    for (;;) {
      const page = (
        await s.call("GET", `/appeals?state=Registered&limit=2${after !== undefined ? `&after=${after}` : ""}`, {
          who: people.admin
        })
      ).body as { items: Array<{ appealId: string }>; next?: string }
      seen.push(...page.items.map((i) => i.appealId))
      if (page.next === undefined) break
      after = page.next
    }
    expect(seen.filter((x) => x.startsWith("P-"))).toEqual(["P-0", "P-1", "P-2", "P-3", "P-4"])
    expect(new Set(seen).size).toBe(seen.length)
  })

  it("400: a limit that is not a positive integer never reaches a query (the schema refuses it, naming `limit`)", async () => {
    for (const limit of ["0", "-1", "1.5", "NaN", "x"]) {
      const r = await s.call("GET", `/appeals?state=Registered&limit=${limit}`, { who: people.admin })
      expect(r.status, limit).toBe(400)
      expect(r.body, limit).toMatchObject({ _tag: "HttpApiDecodeError", issues: [{ path: ["limit"] }] })
    }
  })

  it("Open311: services from the classifier; a request is an appeal, open with its expected date, then closed", async () => {
    const services = (await s.call("GET", "/open311/v2/services")).body as Array<{
      service_code: string
      group: string
    }>
    expect(services.find((x) => x.service_code === "0005.0005")).toMatchObject({
      service_name: "Жилище",
      group: "Жилищно-коммунальная сфера"
    })
    const bad = await s.call("POST", "/open311/v2/requests.json", {
      who: people.citizen,
      body: { service_code: "0009.0009", description: "?" }
    })
    // GeoReport v2: an array of {code, description}, the API's fields kept beside
    expect(bad.body).toMatchObject([{ code: 400, _tag: "InvalidInput", field: "service_code" }])
    const created = await s.call("POST", "/open311/v2/requests.json", {
      who: people.citizen,
      body: {
        service_code: "0005.0005",
        description: "Течёт крыша",
        first_name: "Анна",
        last_name: "Смирнова",
        email: "anna@example.ru"
      }
    })
    expect(created.status).toBe(201)
    const id = (created.body as Array<{ service_request_id: string }>)[0]!.service_request_id
    const one = (await s.call("GET", `/open311/v2/requests/${id}.json`, { who: people.citizen })).body as Array<
      Record<string, string>
    >
    expect(one[0]).toMatchObject({
      service_request_id: id,
      status: "open",
      service_code: "0005.0005",
      description: "Течёт крыша",
      expected_datetime: "2021-04-14T13:59:59.000Z"
    })
    await s.call("POST", `/appeals/${id}/assign`, { who: people.clerk, body: { division: "economy" } })
    await s.call("POST", `/appeals/${id}/answer`, {
      who: people.head,
      body: { result: "supported", form: "electronic" }
    })
    const closed = (await s.call("GET", `/open311/v2/requests?service_request_id=${id}`, { who: people.citizen }))
      .body as Array<Record<string, string>>
    expect(closed[0]).toMatchObject({ status: "closed", status_notes: "answered", agency_responsible: "economy" })
    const list = (await s.call("GET", "/open311/v2/requests.json?status=closed", { who: people.citizen }))
      .body as Array<{ service_request_id: string }>
    expect(list.map((x) => x.service_request_id)).toContain(id)
  })

  it("elections: the merged calendar and compliance", async () => {
    const { Schema } = await import("effect")
    const { Election } = await import("../../../src/elections/Election.js")
    const Reference2021 = await import("../../../src/elections/Reference2021.js")
    const Template = await import("../../../src/elections/Template.js")
    const { TaskDefinition } = await import("../../../src/elections/Task.js")
    const tasks = Template.tasks.map((t) => Schema.encodeSync(TaskDefinition)(t))
    for (const e of Reference2021.elections) {
      const election = Schema.encodeSync(Election)(e)
      expect(
        (await s.call("POST", "/elections/calendars/2021-09-19/elections", { who: people.clerk, body: { election } }))
          .status
      ).toBe(200)
      expect(
        (
          await s.call("POST", "/elections/calendars/2021-09-19/tasks", {
            who: people.clerk,
            body: { election: election.id, tasks }
          })
        ).status
      ).toBe(200)
    }
    const cal = (await s.call("GET", "/elections/calendars/2021-09-19", { who: people.controller })).body as {
      merged: { tasks: Array<{ elections: Array<string> }> }
    }
    expect(cal.merged.tasks).toHaveLength(Template.tasks.length)
    expect(cal.merged.tasks.every((t) => t.elections.length === 3)).toBe(true)
    const comp = (
      await s.call("GET", "/elections/calendars/2021-09-19/compliance?asOf=2021-09-30", { who: people.controller })
    ).body as { violations: Array<{ _tag: string }> }
    expect(comp.violations.length).toBeGreaterThan(0)
    expect(comp.violations.every((v) => v._tag === "NotDone")).toBe(true)
    const dup = await s.call("POST", "/elections/calendars/2021-09-19/elections", {
      who: people.clerk,
      body: { election: Schema.encodeSync(Election)(Reference2021.stateDuma) }
    })
    expect(dup.body).toMatchObject({ _tag: "Conflict", reason: "exists" })
    const future = await s.call("POST", "/elections/calendars/2021-09-19/tasks/premises-for-commissions/done", {
      who: people.clerk,
      body: { on: "2021-04-01" }
    })
    expect(future.body).toMatchObject({ _tag: "RuleViolated", rule: "DoneInFuture" })
  })
})

describe("rate limit", () => {
  it("429 with Retry-After once a bucket is empty: per principal and per client address; other clients are not affected", async () => {
    const s = await start({ limits: { rateCapacity: 3, ratePerSecond: 0.001 } })
    try {
      const statuses: Array<number> = []
      for (let i = 0; i < 5; i++)
        statuses.push((await s.call("GET", "/appeals/mine", { who: people.citizen, address: "10.0.0.1" })).status)
      expect(statuses).toEqual([200, 200, 200, 429, 429])
      const r = await s.call("GET", "/appeals/mine", { who: people.citizen, address: "10.0.0.2" })
      // the principal's bucket is empty whatever address it comes from
      expect(r.status).toBe(429)
      expect(r.body).toMatchObject({ _tag: "RateLimited" })
      expect((r.body as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0)
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1)
      expect((await s.call("GET", "/appeals/mine", { who: people.otherCitizen, address: "10.0.0.3" })).status).toBe(200)
      // the address's bucket is empty whatever principal (or none) it carries
      expect((await s.call("GET", "/appeals/mine", { who: people.otherCitizen, address: "10.0.0.1" })).status).toBe(429)
      // anonymous callers are limited by their own address, not by a bucket shared with everyone
      const anon: Array<number> = []
      for (let i = 0; i < 4; i++)
        anon.push((await s.call("GET", "/open311/v2/services", { address: "10.0.0.4" })).status)
      expect(anon).toEqual([200, 200, 200, 429])
      expect((await s.call("GET", "/open311/v2/services", { address: "10.0.0.5" })).status).toBe(200)
      expect((await s.call("GET", "/open311/v2/services", { address: "10.0.0.5", token: "garbage" })).status).toBe(200)
    } finally {
      await s.close()
    }
  })
})

describe("errors and statuses: planning and meetings", () => {
  let s: Server
  beforeAll(async () => {
    s = await start()
    await seedPlans(s)
    await seedMeetings(s)
  })
  afterAll(() => s.close())

  it("400: a node, a card, a disposition that do not decode name the field; an instruction without its plan names plan", async () => {
    const node = await s.call("POST", "/plans/M-2021-03/activities", {
      who: people.clerk,
      body: { activity: activity("e-1", { deadline: "2021-02-30" }) }
    })
    expect(node.status).toBe(400)
    expect(node.body).toMatchObject({ _tag: "HttpApiDecodeError", issues: [{ path: ["activity", "deadline"] }] })
    const c = await s.call("POST", "/receptions/rc-1/cards", {
      who: people.clerk,
      body: { ...card("c-9"), topics: [] }
    })
    expect(c.status).toBe(400)
    const { plan: _p, ...noPlan } = instruct("i-9")
    const d = await s.call("POST", "/meetings/m-1/questions/q-1/disposition", { who: people.clerk, body: noPlan })
    expect(d.status).toBe(400)
    expect(d.body).toMatchObject({ _tag: "InvalidInput", field: "plan" })
  })

  it("404: no such plan, reception, meeting; a command on a plan never created", async () => {
    expect((await s.call("GET", "/plans/none", { who: people.clerk })).body).toMatchObject({
      _tag: "NotFound",
      what: "plan",
      id: "none"
    })
    expect(
      (
        await s.call("POST", "/plans/none/approve", {
          who: people.clerk,
          body: { act: { number: "1", date: "2021-03-01" } }
        })
      ).status
    ).toBe(404)
    expect((await s.call("GET", "/receptions/none", { who: people.clerk })).body).toMatchObject({
      _tag: "NotFound",
      what: "reception"
    })
    expect((await s.call("POST", "/receptions/none/cards", { who: people.clerk, body: card("c-8") })).status).toBe(404)
    expect((await s.call("GET", "/meetings/none", { who: people.clerk })).body).toMatchObject({
      _tag: "NotFound",
      what: "meeting"
    })
    expect(
      (
        await s.call("POST", "/meetings/none/hold", {
          who: people.clerk,
          body: { heldAt: "2021-03-15T01:00:00.000Z", attendance: { count: 1 } }
        })
      ).status
    ).toBe(404)
  })

  it("422: a plan created twice, a reception or meeting id taken, a plan not editable: the rule named", async () => {
    expect(
      (
        await s.call("POST", "/plans", {
          who: people.clerk,
          body: { plan: "S", kind: "strategic", period: "2021..2030", title: "Ещё раз" }
        })
      ).body
    ).toMatchObject({
      _tag: "RuleViolated",
      rule: "LifecycleViolation.alreadyCreated"
    })
    const again = await s.call("POST", "/receptions", { who: people.clerk, body: reception("rc-1") })
    expect(again.status).toBe(422)
    const m = await s.call("POST", "/meetings", { who: people.clerk, body: meeting("m-1") })
    expect(m.status).toBe(422)
    const notEditable = await s.call("POST", "/plans/S/nodes", {
      who: people.clerk,
      body: { node: { _tag: "Goal", id: "g-7", direction: "d-1", title: "Цель" } }
    })
    expect(notEditable.body).toMatchObject({ _tag: "RuleViolated", rule: "LifecycleViolation.notEditable" })
  })
})

describe("a read-model query the caller got wrong", () => {
  it("InvalidQuery is 400 InvalidInput naming its field (`limit`, `where.division`), or `query` when it names none", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.constantFrom("limit", "orderBy", "afterKey", "where.division"), { nil: undefined }),
        fc.string(),
        (table, field, message) => {
          const e = new InvalidQuery({ table, message, ...(field !== undefined ? { field } : {}) })
          const mapped = toHttp(e)
          expect(mapped).toBeInstanceOf(InvalidInput)
          expect(mapped).toMatchObject({ field: field ?? "query", message: e.message })
        }
      )
    )
  })
})
