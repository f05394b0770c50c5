/**
 * Open311 GeoReport v2 as published: the spec's submission fields accepted
 * (the payload is strict), `status=open,closed`, `start_date`/`end_date`,
 * and the `service_code` filter applied before paging.
 */
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as AppealRecords from "../../../src/appeals/AppealRecords.js"
import { ReadModels } from "../../../src/ports/ReadModels.js"
import { NOW, people, start } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>
type Req = { readonly service_request_id: string; readonly service_code: string; readonly status: string }

describe("Open311 GeoReport v2", () => {
  let s: Server
  let codes: ReadonlyArray<string> = []
  beforeAll(async () => {
    s = await start()
    const services = (await s.call("GET", "/open311/v2/services.json")).body as ReadonlyArray<{ service_code: string }>
    codes = [services[0]!.service_code, services[services.length - 1]!.service_code]
    // eight requests of the first service, then three of the second
    for (let i = 0; i < 11; i++) {
      const r = await s.call("POST", "/open311/v2/requests.json", {
        who: people.admin,
        body: {
          service_code: i < 8 ? codes[0] : codes[1],
          description: `Заявка ${i}`,
          first_name: "Пётр",
          api_key: "k",
          jurisdiction_id: "city.example.ru",
          lat: 48.48,
          long: "135.07",
          phone: "+7 4212 000000",
          device_id: "d",
          account_id: "a",
          media_url: "https://example.ru/p.jpg"
        }
      })
      expect(r.status, r.text).toBe(201)
    }
  })
  afterAll(() => s.close())

  it("the service_code filter applies before paging", async () => {
    const r = await s.call("GET", `/open311/v2/requests.json?service_code=${codes[1]}&limit=2`, { who: people.clerk })
    expect(r.status).toBe(200)
    const items = r.body as ReadonlyArray<Req>
    expect(items).toHaveLength(2)
    for (const i of items) expect(i.service_code).toBe(codes[1])
    const all = await s.call("GET", `/open311/v2/requests.json?service_code=${codes[1]}&limit=50`, {
      who: people.clerk
    })
    expect(all.body as ReadonlyArray<Req>).toHaveLength(3)
  })

  it("status takes one value or several comma-separated; anything else names status", async () => {
    const both = await s.call("GET", "/open311/v2/requests.json?status=open,closed&limit=50", { who: people.clerk })
    expect(both.status).toBe(200)
    expect(both.body as ReadonlyArray<Req>).toHaveLength(11)
    const open = await s.call("GET", "/open311/v2/requests.json?status=open&limit=50", { who: people.clerk })
    expect(open.body as ReadonlyArray<Req>).toHaveLength(11)
    const closed = await s.call("GET", "/open311/v2/requests.json?status=closed&limit=50", { who: people.clerk })
    expect(closed.body as ReadonlyArray<Req>).toHaveLength(0)
    const bad = await s.call("GET", "/open311/v2/requests.json?status=open,archived", { who: people.clerk })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain("status")
  })

  it("start_date and end_date bound the requests by when they were made (RFC 3339 instants)", async () => {
    const within = await s.call(
      "GET",
      "/open311/v2/requests.json?start_date=2021-03-01T00:00:00%2B10:00&end_date=2021-03-31T23:59:59%2B10:00&limit=50",
      { who: people.clerk }
    )
    expect(within.status).toBe(200)
    expect(within.body as ReadonlyArray<Req>).toHaveLength(11)
    const before = await s.call("GET", "/open311/v2/requests.json?end_date=2021-03-01T00:00:00Z&limit=50", {
      who: people.clerk
    })
    expect(before.body as ReadonlyArray<Req>).toHaveLength(0)
    const after = await s.call("GET", "/open311/v2/requests.json?start_date=2021-04-01T00:00:00Z&limit=50", {
      who: people.clerk
    })
    expect(after.body as ReadonlyArray<Req>).toHaveLength(0)
    const bad = await s.call("GET", "/open311/v2/requests.json?start_date=2021-03-01", { who: people.clerk })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain("start_date")
  })

  it("a form-encoded submission with api_key is accepted; errors are an array of {code, description} naming the field", async () => {
    const form = new URLSearchParams({
      api_key: "k",
      service_code: codes[0]!,
      description: "Яма на дороге",
      first_name: "Пётр",
      email: "petr@example.ru",
      lat: "48.48"
    }).toString()
    const ok = await s.call("POST", "/open311/v2/requests.json", {
      who: people.admin,
      raw: form,
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expect(ok.status, ok.text).toBe(201)
    expect((ok.body as ReadonlyArray<{ service_request_id: string }>)[0]!.service_request_id).toBeTruthy()
    const bad = await s.call("POST", "/open311/v2/requests.json", {
      who: people.admin,
      raw: new URLSearchParams({ api_key: "k", service_code: "9999.9999", description: "x" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expect(bad.status).toBeGreaterThanOrEqual(400)
    expect(bad.status).toBeLessThan(500)
    const errors = bad.body as ReadonlyArray<{ code: number; description: string }>
    expect(Array.isArray(errors)).toBe(true)
    expect(errors[0]!.code).toBe(bad.status)
    expect(errors[0]!.description).toContain("service_code")
    const unauthorised = await s.call("POST", "/open311/v2/requests.json", {
      body: { service_code: codes[0], description: "x" }
    })
    expect(unauthorised.status).toBe(401)
    expect((unauthorised.body as ReadonlyArray<{ code: number }>)[0]!.code).toBe(401)
  })

  it("the phone a submission gives is kept with the applicant (personal data: shown to those who may read the appeal)", async () => {
    const list = (await s.call("GET", "/open311/v2/requests.json?limit=1", { who: people.clerk }))
      .body as ReadonlyArray<Req>
    const id = list[0]!.service_request_id
    const read = await s.call("GET", `/appeals/${id}`, { who: people.admin })
    expect(read.status).toBe(200)
    expect(read.text).toContain("+7 4212 000000")
    const badPhone = await s.call("POST", "/open311/v2/requests.json", {
      who: people.admin,
      body: { service_code: codes[0], description: "x", phone: "call me maybe" }
    })
    expect(badPhone.status).toBe(400)
    expect(badPhone.text).toContain("phone")
  })

  it("a request read by id has the instant it was registered as requested_datetime", async () => {
    const list = (await s.call("GET", "/open311/v2/requests.json?limit=1", { who: people.clerk }))
      .body as ReadonlyArray<Req>
    const id = list[0]!.service_request_id
    const one = (await s.call("GET", `/open311/v2/requests/${id}.json`, { who: people.admin })).body as ReadonlyArray<{
      requested_datetime: string
    }>
    // the harness's clock: 2021-03-15T02:00:00Z
    expect(one[0]!.requested_datetime).toBe("2021-03-15T02:00:00.000Z")
  })

  it("a list's requested_datetime is the instant of registration, as the request read by id says", async () => {
    const list = (await s.call("GET", "/open311/v2/requests.json?limit=50", { who: people.clerk }))
      .body as ReadonlyArray<Req & { requested_datetime: string }>
    // the eleven of beforeAll and one more an earlier test registered
    expect(list.length).toBeGreaterThanOrEqual(11)
    for (const r of list) {
      expect(r.requested_datetime).toBe(NOW.toISOString())
      const one = (await s.call("GET", `/open311/v2/requests/${r.service_request_id}.json`, { who: people.admin }))
        .body as ReadonlyArray<{ requested_datetime: string }>
      expect(one[0]!.requested_datetime).toBe(r.requested_datetime)
    }
    // the list without the format suffix answers the same (this API answers GeoReport v2 in JSON only)
    const bare = (await s.call("GET", "/open311/v2/requests?limit=50", { who: people.clerk })).body as ReadonlyArray<{
      requested_datetime: string
    }>
    expect(bare.map((r) => r.requested_datetime)).toEqual(list.map((r) => r.requested_datetime))
  })

  it("a read-model row written before rows kept the instant answers the registration event's instant", async () => {
    const list = (await s.call("GET", "/open311/v2/requests.json?limit=1", { who: people.clerk }))
      .body as ReadonlyArray<Req & { requested_datetime: string }>
    const id = list[0]!.service_request_id
    // the row as an older version wrote it: no registeredAt
    await s.runtime.runPromise(
      Effect.gen(function* () {
        const models = yield* ReadModels
        const stored = yield* models.get(AppealRecords.ByPeriod.name, id)
        if (Option.isNone(stored)) throw new Error(`no row ${id}`)
        const { registeredAt, ...old } = stored.value.data as Record<string, unknown>
        expect(registeredAt).toBe(NOW.toISOString())
        yield* models.write([
          { _tag: "RowUpsert", table: stored.value.table, key: id, data: old, index: stored.value.index }
        ])
      })
    )
    const again = (await s.call("GET", "/open311/v2/requests.json?limit=1", { who: people.clerk }))
      .body as ReadonlyArray<Req & { requested_datetime: string }>
    expect(again[0]!.service_request_id).toBe(id)
    expect(again[0]!.requested_datetime).toBe(NOW.toISOString())
  })
})
