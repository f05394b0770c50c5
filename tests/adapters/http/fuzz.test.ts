/**
 * 10,000 random and mutated requests against every endpoint, in process
 * (the web handler over the memory store): no 5xx, no crash, every
 * rejection names what was wrong, and a rejected request leaves the store
 * (the global log and every read model) exactly as it was.
 */
import { Effect, FastCheck as fc, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Election from "../../../src/elections/Election.js"
import * as Reference2021 from "../../../src/elections/Reference2021.js"
import * as Task from "../../../src/elections/Task.js"
import * as Template from "../../../src/elections/Template.js"
import { Maintenance } from "../../../src/ports/EventStore.js"
import {
  activity,
  card,
  doneReport,
  handIn,
  hold,
  inPersonMeeting,
  inPersonReception,
  instruct,
  LINK,
  meeting,
  question,
  reception,
  refusal,
  seedMeetings,
  seedPlans
} from "./fixtures.js"
import { people, registration, start, submission, tokenOf, type Who } from "./harness.js"
import { atLeast } from "../../support/runs.js"

const election = Schema.encodeSync(Election.Election)(Reference2021.stateDuma)
const tasks = Template.tasks.map((t) => Schema.encodeSync(Task.TaskDefinition)(t))

interface Req {
  readonly method: string
  readonly path: string
  readonly query: Record<string, string>
  readonly body: unknown
  readonly raw?: string
  readonly contentType?: string
}

let seq = 0
const templates: ReadonlyArray<() => Req> = [
  () => ({ method: "POST", path: "/appeals", query: {}, body: registration(`F-${++seq}`, seq % 99999) }),
  () => ({ method: "POST", path: "/appeals/submissions", query: {}, body: submission() }),
  () => ({ method: "POST", path: "/appeals/A-2/assign", query: {}, body: { division: "economy" } }),
  () => ({ method: "POST", path: "/appeals/A-2/forward", query: {}, body: { to: "Прокуратура" } }),
  () => ({ method: "POST", path: "/appeals/A-2/extend", query: {}, body: { days: 5, reason: "запрос" } }),
  () => ({ method: "POST", path: "/appeals/A-2/answer", query: {}, body: { result: "explained", form: "written" } }),
  () => ({ method: "POST", path: "/appeals/A-2/leave-without-answer", query: {}, body: { ground: "unreadable" } }),
  () => ({ method: "POST", path: "/appeals/A-1/forward-crime-report", query: {}, body: { to: "МВД" } }),
  () => ({ method: "POST", path: "/appeals/A-2/end-correspondence", query: {}, body: {} }),
  () => ({ method: "POST", path: "/appeals/A-2/answer-by-reference", query: {}, body: { decision: "A-1" } }),
  () => ({ method: "POST", path: "/appeals/A-2/executors", query: {}, body: { executor: "ivanov", coExecutors: [] } }),
  () => ({
    method: "POST",
    path: "/appeals/A-2/return-court-decision",
    query: {},
    body: { explanation: "Порядок обжалования", notice: { channel: "post", sentAt: "2021-03-15T03:00:00.000Z" } }
  }),
  () => ({
    method: "POST",
    path: "/appeals/A-2/refer-to-published-answer",
    query: {},
    body: { url: "https://khabarovskadm.ru/answers/42" }
  }),
  () => ({ method: "POST", path: "/appeals/A-2/decline-for-secrecy", query: {}, body: { secret: "state" } }),
  () => ({ method: "POST", path: "/appeals/A-2/copies", query: {}, body: { to: ["Прокуратура края"] } }),
  () => ({
    method: "POST",
    path: "/appeals/A-2/answer",
    query: {},
    body: { result: "explained", form: "written", document: { signedBy: "deputy-1" } }
  }),
  () => ({ method: "GET", path: "/appeals/A-1/history", query: {}, body: undefined }),
  () => ({ method: "GET", path: "/appeals/A-1", query: {}, body: undefined }),
  () => ({ method: "GET", path: "/appeals", query: { state: "Registered", limit: "5" }, body: undefined }),
  () => ({ method: "GET", path: "/appeals/mine", query: { limit: "3" }, body: undefined }),
  () => ({ method: "GET", path: "/appeals/overdue", query: { on: "2021-05-01" }, body: undefined }),
  () => ({ method: "GET", path: "/appeals/due-soon", query: { on: "2021-03-15", days: "20" }, body: undefined }),
  () => ({ method: "GET", path: "/appeals/internal-overdue", query: { on: "2021-03-20" }, body: undefined }),
  () => ({ method: "GET", path: "/appeals/export", query: { period: "2021-03", format: "csv" }, body: undefined }),
  () => ({
    method: "GET",
    path: "/appeals/export",
    query: { period: "2021-Q1", format: "xlsx", personal: "true", lang: "en" },
    body: undefined
  }),
  () => ({
    method: "GET",
    path: "/appeals/analysis/export",
    query: { period: "2021-03", asOf: "2021-03-31" },
    body: undefined
  }),
  () => ({ method: "GET", path: "/appeals/search", query: { q: "мусор во дворе", limit: "5" }, body: undefined }),
  () => ({ method: "GET", path: "/reports/monitoring/2021-03", query: { format: "csv" }, body: undefined }),
  () => ({
    method: "GET",
    path: "/appeals/analysis",
    query: { period: "2021-03", asOf: "2021-03-31" },
    body: undefined
  }),
  () => ({ method: "POST", path: "/elections/calendars/c1/elections", query: {}, body: { election } }),
  () => ({ method: "POST", path: "/elections/calendars/c1/tasks", query: {}, body: { election: election.id, tasks } }),
  () => ({
    method: "POST",
    path: "/elections/calendars/c1/tasks/premises-for-commissions/done",
    query: {},
    body: { on: "2021-03-15" }
  }),
  () => ({
    method: "POST",
    path: "/elections/calendars/c1/tasks/premises-for-commissions/missed",
    query: {},
    body: {}
  }),
  () => ({ method: "GET", path: "/elections/calendars/c1", query: {}, body: undefined }),
  () => ({ method: "GET", path: "/elections/calendars/c1/compliance", query: { asOf: "2021-09-30" }, body: undefined }),
  () => ({ method: "GET", path: "/open311/v2/services.json", query: {}, body: undefined }),
  () => ({
    method: "POST",
    path: "/open311/v2/requests.json",
    query: {},
    body: { service_code: "0005.0005", description: "Яма" }
  }),
  () => ({ method: "GET", path: "/open311/v2/requests", query: { status: "open" }, body: undefined }),
  () => ({ method: "GET", path: "/open311/v2/requests/A-1.json", query: {}, body: undefined }),
  // planning
  () => ({
    method: "POST",
    path: "/plans",
    query: {},
    body: { plan: `FP-${++seq}`, kind: "monthly", period: "2021-03", title: "План" }
  }),
  () => ({ method: "POST", path: "/plans/M-2021-03/nodes", query: {}, body: { node: activity(`fn-${++seq}`) } }),
  () => ({
    method: "POST",
    path: "/plans/M-2021-03/activities",
    query: {},
    body: { activity: activity(`fa-${++seq}`) }
  }),
  () => ({
    method: "POST",
    path: "/plans/S/approve",
    query: {},
    body: { act: { number: `F-${++seq}`, date: "2021-03-15" } }
  }),
  () => ({ method: "POST", path: "/plans/S/amend", query: {}, body: { reason: "Изменения" } }),
  () => ({
    method: "POST",
    path: "/plans/S/nodes/replace",
    query: {},
    body: { node: { _tag: "Goal", id: "g-1", direction: "d-1", title: `Цель ${++seq}` } }
  }),
  () => ({
    method: "POST",
    path: "/plans/S/nodes/remove",
    query: {},
    body: { ref: { kind: "Goal", id: seq % 2 === 0 ? "g-1" : `g-${++seq}` } }
  }),
  () => ({
    method: "POST",
    path: "/plans/M-2021-03/close",
    query: {},
    body: { results: { summary: "Итоги", results: [] } }
  }),
  () => ({
    method: "POST",
    path: "/plans/M-2021-03/monthly-reports",
    query: {},
    body: doneReport(`fr-${++seq}`, ["a-1"])
  }),
  () => ({
    method: "POST",
    path: "/plans/M-2021-03/quarterly-reports",
    query: {},
    body: { report: { id: `fq-${++seq}`, quarter: "2021-Q1", entries: [] } }
  }),
  () => ({ method: "GET", path: "/plans/S", query: { on: "2021-02-01" }, body: undefined }),
  () => ({
    method: "GET",
    path: "/plans/activities",
    query: { month: "2021-03", division: "economy" },
    body: undefined
  }),
  () => ({ method: "GET", path: "/plans/control", query: { on: "2021-03-15" }, body: undefined }),
  // meetings
  () => ({ method: "POST", path: "/receptions", query: {}, body: reception(`frc-${++seq}`) }),
  () => ({ method: "POST", path: "/receptions/rc-1/cards", query: {}, body: card(`fc-${++seq}`) }),
  () => ({
    method: "POST",
    path: "/receptions/rc-1/cards",
    query: {},
    body: card(`fc-${++seq}`, {
      _tag: "OralAnswer",
      applicantConsented: true,
      factsObvious: true,
      summary: "Разъяснено"
    })
  }),
  () => ({ method: "POST", path: "/receptions/rc-1/close", query: {}, body: {} }),
  () => ({ method: "GET", path: "/receptions/rc-1", query: {}, body: undefined }),
  () => ({
    method: "POST",
    path: "/receptions/rc-f/postpone",
    query: {},
    body: { day: "2021-03-20", start: "14:00", end: "16:00" }
  }),
  () => ({ method: "POST", path: "/receptions/rc-f/move-online", query: {}, body: { link: LINK } }),
  () => ({ method: "POST", path: "/receptions/rc-f/cancel", query: {}, body: { reason: "Болезнь должностного лица" } }),
  () => ({ method: "POST", path: "/receptions/rc-1/cards/c-f/written-appeals", query: {}, body: handIn() }),
  () => ({ method: "POST", path: "/receptions/rc-1/refusals", query: {}, body: refusal("A-1") }),
  () => ({ method: "POST", path: "/meetings", query: {}, body: meeting(`fm-${++seq}`) }),
  () => ({ method: "POST", path: "/meetings/m-f/postpone", query: {}, body: { day: "2021-03-20", start: "18:00" } }),
  () => ({ method: "POST", path: "/meetings/m-f/move-online", query: {}, body: { link: LINK } }),
  () => ({ method: "POST", path: "/meetings/m-f/cancel", query: {}, body: { reason: "Перенос" } }),
  () => ({ method: "POST", path: "/meetings/m-1/hold", query: {}, body: hold }),
  () => ({ method: "POST", path: "/meetings/m-1/questions", query: {}, body: question(`fq-${++seq}`) }),
  () => ({ method: "POST", path: "/meetings/m-1/questions/q-1/disposition", query: {}, body: instruct(`fi-${++seq}`) }),
  () => ({
    method: "POST",
    path: "/meetings/m-1/questions/q-1/disposition",
    query: {},
    body: { disposition: { _tag: "ReferAsAppeal" } }
  }),
  () => ({ method: "POST", path: "/meetings/m-1/close", query: {}, body: {} }),
  () => ({ method: "POST", path: "/meetings/m-1/minutes", query: {}, body: { text: "Протокол" } }),
  () => ({ method: "POST", path: "/meetings/m-1/minutes/approve", query: {}, body: { by: "deputy-1" } }),
  () => ({ method: "GET", path: "/meetings/m-1", query: {}, body: undefined }),
  () => ({ method: "GET", path: "/meetings/statistics", query: { period: "2021-03" }, body: undefined }),
  () => ({
    method: "POST",
    path: "/suspensions",
    query: {},
    body: { from: "2021-04-01", to: "2021-04-30", reason: "Карантин" }
  }),
  () => ({ method: "POST", path: "/suspensions/shorten", query: {}, body: { from: "2021-04-01", to: "2021-04-10" } }),
  () => ({ method: "GET", path: "/suspensions", query: {}, body: undefined })
]

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    null,
    true,
    false,
    "",
    "0000.0000.0000.0000",
    "2021-02-30",
    "9999-99-99",
    "ОГ-2021-1",
    "x".repeat(300),
    -1,
    0,
    31,
    1e308
  )
)

type Mutation = (r: Req) => Req
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // a body field set to junk, or deleted
  fc.tuple(fc.nat(), junk, fc.boolean()).map(
    ([i, v, del]): Mutation =>
      (r) => {
        if (r.body === null || typeof r.body !== "object" || Array.isArray(r.body)) return r
        const keys = Object.keys(r.body)
        const key = keys.length === 0 ? "extra" : keys[i % keys.length]!
        const body: Record<string, unknown> = { ...(r.body as Record<string, unknown>) }
        if (del) delete body[key]
        else body[key] = v
        return { ...r, body }
      }
  ),
  // a nested field (applicant, addressee, election) set to junk
  fc
    .tuple(
      fc.constantFrom(
        "applicant",
        "addressee",
        "election",
        "node",
        "ref",
        "activity",
        "act",
        "report",
        "disposition",
        "venue",
        "format",
        "attendance",
        "answer",
        "identityDocument",
        "link",
        "topics"
      ),
      fc.string({ maxLength: 12 }),
      junk
    )
    .map(
      ([outer, inner, v]): Mutation =>
        (r) => {
          if (r.body === null || typeof r.body !== "object") return r
          const body = r.body as Record<string, unknown>
          const o = body[outer]
          return o !== null && typeof o === "object"
            ? { ...r, body: { ...body, [outer]: { ...(o as object), [inner === "" ? "name" : inner]: v } } }
            : r
        }
    ),
  // the whole body replaced
  junk.map(
    (v): Mutation =>
      (r) => ({ ...r, body: v })
  ),
  fc.string({ maxLength: 60 }).map(
    (raw): Mutation =>
      (r) => ({ ...r, raw })
  ),
  // a path segment replaced
  fc
    .tuple(
      fc.nat(),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("..", "%", "A-999", "", "x".repeat(200), "a b", "ё"))
    )
    .map(
      ([i, seg]): Mutation =>
        (r) => {
          const parts = r.path.split("/")
          const at = 1 + (i % Math.max(1, parts.length - 1))
          parts[at] = encodeURIComponent(seg)
          return { ...r, path: parts.join("/") }
        }
    ),
  // a query value replaced, or a random one added
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })).map(
    ([k, v]): Mutation =>
      (r) => {
        const keys = Object.keys(r.query)
        const key = keys.length > 0 && k.length % 2 === 0 ? keys[k.length % keys.length]! : k
        return { ...r, query: { ...r.query, [key]: v } }
      }
  ),
  fc.constantFrom("limit", "after", "on", "asOf", "period", "state", "month", "division", "official").chain((k) =>
    junk.map(
      (v): Mutation =>
        (r) => ({ ...r, query: { ...r.query, [k]: String(v) } })
    )
  ),
  // the method flipped, the content type changed
  fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH").map(
    (method): Mutation =>
      (r) => ({ ...r, method })
  ),
  fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8", "").map(
    (contentType): Mutation =>
      (r) => ({ ...r, contentType })
  )
)

const callers: ReadonlyArray<Who | "none" | "garbage"> = [
  people.citizen,
  people.otherCitizen,
  people.clerk,
  people.head,
  people.otherHead,
  people.controller,
  people.admin,
  "none",
  "garbage"
]

const request = fc.record({
  template: fc.nat({ max: templates.length - 1 }),
  mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
  caller: fc.constantFrom(...callers)
})

const namesWhatWasWrong = (answer: unknown): boolean => {
  // the Open311 endpoints answer GeoReport v2's array of {code, description}, the API's fields kept in each
  if (Array.isArray(answer))
    return (
      answer.length > 0 &&
      answer.every(
        (e: { code?: unknown; description?: unknown }) =>
          typeof e.code === "number" && typeof e.description === "string" && e.description !== ""
      )
    )
  const body = answer
  if (body === null || typeof body !== "object") return false
  const b = body as { _tag?: unknown; message?: unknown; issues?: unknown; field?: unknown }
  if (typeof b._tag !== "string") return false
  if (b._tag === "HttpApiDecodeError") {
    return (
      Array.isArray(b.issues) &&
      b.issues.length > 0 &&
      b.issues.every(
        (i: { path?: unknown; message?: unknown }) =>
          Array.isArray(i.path) && typeof i.message === "string" && i.message !== ""
      )
    )
  }
  if (b._tag === "InvalidInput" && typeof b.field !== "string") return false
  return typeof b.message === "string" && b.message !== ""
}

describe("fuzz", () => {
  let s: Awaited<ReturnType<typeof start>>
  const tokens = new Map<Who, string>()
  const seed = async () => {
    await s.runtime.runPromise(Effect.flatMap(Maintenance, (m) => m.reset))
    expect(
      (await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-1", 1, { applicant: undefined }) }))
        .status
    ).toBe(201)
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-2", 2) })).status).toBe(201)
    expect(
      (await s.call("POST", "/appeals/A-2/assign", { who: people.clerk, body: { division: "economy" } })).status
    ).toBe(200)
    expect(
      (await s.call("POST", "/elections/calendars/c1/elections", { who: people.admin, body: { election } })).status
    ).toBe(200)
    await seedPlans(s)
    await seedMeetings(s)
    // for the reception and meeting commands: a card on rc-1 to hand written appeals in with, an in-person slot and meeting not started
    expect(
      (
        await s.call("POST", "/receptions/rc-1/cards", {
          who: people.clerk,
          body: card("c-f", { _tag: "OralAnswer", applicantConsented: true, factsObvious: true, summary: "Разъяснено" })
        })
      ).status
    ).toBe(200)
    expect(
      (await s.call("POST", "/receptions", { who: people.clerk, body: inPersonReception("rc-f", "2021-03-18") })).status
    ).toBe(201)
    expect(
      (await s.call("POST", "/meetings", { who: people.clerk, body: inPersonMeeting("m-f", "2021-03-18") })).status
    ).toBe(201)
  }
  beforeAll(async () => {
    s = await start()
    for (const c of callers) if (typeof c !== "string") tokens.set(c, tokenOf(c, 24 * 3600))
  })
  afterAll(() => s.close())

  it("10,000 requests: no 5xx, every rejection named, rejected requests change nothing", async () => {
    await seed()
    let before = await s.snapshot()
    let sent = 0
    const statuses = new Map<number, number>()
    const accepted = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(request, async ({ caller, mutations, template }) => {
        if (++sent % 250 === 0) {
          await seed()
          before = await s.snapshot()
        }
        const r = mutations.reduce((acc, m) => m(acc), templates[template]!())
        const qs = new URLSearchParams(r.query).toString()
        const path = `${r.path}${qs === "" ? "" : `?${qs}`}`
        const raw = r.raw ?? (r.body === undefined ? undefined : JSON.stringify(r.body))
        const headers: Record<string, string> = r.contentType !== undefined ? { "content-type": r.contentType } : {}
        const answer = await s.call(r.method, path, {
          ...(caller === "garbage"
            ? { token: "not-a-token" }
            : caller === "none"
              ? {}
              : { token: tokens.get(caller)! }),
          ...(raw !== undefined && r.method !== "GET" && r.method !== "HEAD" ? { raw } : {}),
          headers
        })
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        if (answer.status < 300) accepted.set(`${r.method} ${r.path}`, (accepted.get(`${r.method} ${r.path}`) ?? 0) + 1)
        expect(answer.status, `${r.method} ${path} ${raw ?? ""} -> ${answer.text}`).toBeLessThan(500)
        if (answer.status >= 400) {
          expect(namesWhatWasWrong(answer.body), `${r.method} ${path} -> ${answer.status} ${answer.text}`).toBe(true)
          expect(
            await s.snapshot(),
            `${r.method} ${path} ${raw ?? ""} changed the store and answered ${answer.status}`
          ).toBe(before)
        } else if (r.method === "POST") {
          before = await s.snapshot()
        }
      }),
      { numRuns: atLeast(10_000), seed: 20210315, endOnFailure: true }
    )
    expect(sent).toBe(atLeast(10_000))
    // the run exercised acceptance and every kind of rejection
    for (const status of [200, 201, 400, 401, 403, 404, 409, 422])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0)
    // the reception and meeting commands were accepted too, not only rejected
    for (const endpoint of [
      "POST /receptions/rc-f/postpone",
      "POST /receptions/rc-f/move-online",
      "POST /receptions/rc-f/cancel",
      "POST /receptions/rc-1/cards/c-f/written-appeals",
      "POST /receptions/rc-1/refusals",
      "POST /meetings/m-f/postpone",
      "POST /meetings/m-f/move-online",
      "POST /meetings/m-f/cancel"
    ])
      expect(accepted.get(endpoint) ?? 0, endpoint).toBeGreaterThan(0)
  }, 120_000)
})
