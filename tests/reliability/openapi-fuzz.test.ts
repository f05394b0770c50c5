/**
 * The HTTP fuzzer of `npm run test:reliability`, driven by the OpenAPI
 * document: every operation, every role (and none, and a bad token),
 * schema-aware requests (a value of the request body's schema, then
 * mutated: a required field dropped, an unknown field added, a leaf of the
 * wrong type, huge or holding unicode edge cases, deep nesting, not JSON),
 * in process; then raw-socket malformed request lines and headers, huge and
 * slow bodies against `serve`'s listener. Goals: 0 crashes, 0 5xx, 0 hangs
 * over 5 s, every 4xx names what was wrong. Every answer of every role is
 * checked on the way against what its operation requires
 * (`Operations.access`, which the server's role check reads, and
 * `App.Access.rules`): a role no action lets in is 403 naming one of them;
 * a role let in is refused only where the action has a record condition.
 * The full matrix of every operation x role x record is
 * `access-matrix.test.ts`.
 */
import type { Server } from "node:http"
import { connect } from "node:net"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { OpenApi } from "@effect/platform"
import { Effect, FastCheck as fc, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Pages from "../../adapters/cli/internal/Server.js"
import { TokenVerifier } from "../../adapters/http/Auth.js"
import * as Limits from "../../adapters/http/Limits.js"
import * as Operations from "../../adapters/http/Operations.js"
import * as HttpServer from "../../adapters/http/Server.js"
import { Api } from "../../adapters/http/Api.js"
import { MemoryStore } from "../../adapters/memory/index.js"
import { App, type Reporting } from "../../src/index.js"
import { people, registration, start, submission, tokenOf, tokens, type Who } from "../adapters/http/harness.js"
import { get, MALFORMED, rawRequest } from "../adapters/http/raw.js"
import { atLeast } from "../support/runs.js"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }
interface JsonSchema {
  readonly $ref?: string
  readonly type?: string | ReadonlyArray<string>
  readonly enum?: ReadonlyArray<Json>
  readonly const?: Json
  readonly properties?: Record<string, JsonSchema>
  readonly required?: ReadonlyArray<string>
  readonly items?: JsonSchema
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly oneOf?: ReadonlyArray<JsonSchema>
  readonly allOf?: ReadonlyArray<JsonSchema>
  readonly format?: string
  readonly minItems?: number
}
interface Operation {
  readonly method: string
  readonly path: string
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly in: string; readonly schema?: JsonSchema }>
  readonly body?: JsonSchema
}

const doc = OpenApi.fromApi(Api) as unknown as {
  readonly paths: Record<
    string,
    Record<
      string,
      { parameters?: Operation["parameters"]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }
    >
  >
  readonly components: { readonly schemas: Record<string, JsonSchema> }
}
const operations: ReadonlyArray<Operation> = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([m]) => ["get", "post"].includes(m))
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      ...(op.requestBody?.content["application/json"] !== undefined
        ? { body: op.requestBody.content["application/json"].schema }
        : {})
    }))
)

const resolve = (s: JsonSchema): JsonSchema =>
  s.$ref !== undefined ? resolve(doc.components.schemas[s.$ref.split("/").pop() ?? ""] ?? {}) : s

const UNICODE = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\udc00x",
  "\u202eRTL",
  "🏠👩‍👩‍👧",
  "e\u0301",
  "\ufeffBOM",
  "ＡＢＣ",
  "я".repeat(300)
]
const STRINGS = [
  "economy",
  "housing",
  "A-1",
  "A-2",
  "c1",
  "rc-1",
  "m-1",
  "0005.0005.0056.1134",
  "x",
  "2021-03-15",
  "2021-03"
]
const IDS = [
  "A-1",
  "A-2",
  "S-1",
  "c1",
  "rc-1",
  "m-1",
  "economy",
  "2021",
  "2021-03",
  "nope",
  "%ZZ",
  "..",
  "x".repeat(300)
]

/** A value of a schema (references followed, unions picked, optional fields sometimes). */
const valueOf = (schema: JsonSchema, depth = 0): fc.Arbitrary<Json> => {
  const s = resolve(schema)
  if (depth > 8) return fc.constant(null)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum !== undefined && s.enum.length > 0) return fc.constantFrom(...s.enum)
  const union = s.anyOf ?? s.oneOf
  if (union !== undefined && union.length > 0) return fc.oneof(...union.map((u) => valueOf(u, depth + 1)))
  if (s.allOf !== undefined && s.allOf.length > 0) return valueOf(s.allOf[0]!, depth + 1)
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  const ref = schema.$ref?.split("/").pop()
  if (ref === "Day" || s.format === "date") return fc.constantFrom("2021-03-15", "2021-04-01", "2020-02-29")
  if (ref === "Month") return fc.constantFrom("2021-03", "2021-04")
  if (ref === "Instant" || s.format === "date-time")
    return fc.constantFrom("2021-03-15T02:00:00Z", "2021-03-14T09:00:00+10:00")
  switch (type) {
    case "string":
      return fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...STRINGS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }
      )
    case "integer":
    case "number":
      return fc.integer({ min: 0, max: 40 })
    case "boolean":
      return fc.boolean()
    case "array":
      return fc.array(valueOf(s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: 2 })
    case "object": {
      const props = Object.entries(s.properties ?? {})
      const required = new Set(s.required ?? [])
      return fc
        .tuple(...props.map(([k, p]) => fc.tuple(fc.constant(k), valueOf(p, depth + 1), fc.boolean())))
        .map((entries) =>
          Object.fromEntries(entries.filter(([k, , keep]) => required.has(k) || keep).map(([k, v]) => [k, v]))
        )
    }
    default:
      return fc.constant(null)
  }
}

/** Mutations of a body; `undefined` keeps it. */
const deep = (n: number): string => `${"[".repeat(n)}${"]".repeat(n)}`
type Body = { readonly json?: Json; readonly raw?: string; readonly contentType?: string }
const leafMutation = fc.constantFrom<(v: Json) => Json>(
  () => 12345,
  () => "x".repeat(70_000),
  () => [],
  () => ({ toString: [] }),
  () => null,
  () => "2022-02-30T10:00:00",
  () => "3/4/2026",
  (v) => (typeof v === "string" ? `${v}\u0000` : v),
  () => UNICODE[3]!,
  () => UNICODE[4]!
)
const mutate = (json: Json): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant({ json }) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(), leafMutation).map(([i, f]) => {
        if (json === null || typeof json !== "object" || Array.isArray(json)) return { json: f(json) }
        const keys = Object.keys(json)
        if (keys.length === 0) return { json: { zzUnknown: f(null) } }
        const k = keys[i % keys.length]!
        return { json: { ...json, [k]: f((json as Record<string, Json>)[k] ?? null) } }
      })
    },
    {
      weight: 1,
      arbitrary: fc.nat().map((i) => {
        if (json === null || typeof json !== "object" || Array.isArray(json)) return { json }
        const keys = Object.keys(json)
        const rest = { ...(json as Record<string, Json>) }
        if (keys.length > 0) delete rest[keys[i % keys.length]!]
        return { json: rest }
      })
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        json: typeof json === "object" && json !== null && !Array.isArray(json) ? { ...json, aplicant: "x" } : json
      })
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { raw: deep(70) },
        { raw: deep(3000) },
        { raw: "{" },
        { raw: "" },
        { raw: "null" },
        { raw: '{"a":1,"a":2}' }
      )
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { json, contentType: "text/plain" },
        { json, contentType: "APPLICATION/JSON; charset=UTF-8" }
      )
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...UNICODE).map((u) => ({ json: { text: u, applicant: { name: u }, topics: [u] } }))
    }
  )

const headOwn: Who = { subject: "head-none", role: "divisionHead" }
const callers: ReadonlyArray<Who | "none" | "garbage"> = [...Object.values(people), headOwn, "none", "garbage"]

/** Whether a rejection names what was wrong (a field, a reason, a rule, a route, an action). */
const namesWhat = (answer: unknown): boolean => {
  // Open311: GeoReport v2's array of {code, description}, the API's fields kept in each
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
  const b = body as Record<string, unknown>
  if (b["_tag"] === "HttpApiDecodeError")
    return Array.isArray(b["issues"]) && (b["issues"] as Array<{ path?: unknown }>).every((i) => Array.isArray(i.path))
  return ["field", "reason", "rule", "what", "action", "limitBytes", "retryAfterSeconds"].some(
    (k) => b[k] !== undefined
  )
}

const figures: Record<string, number> = {}

/** A path segment of any text: percent-encoded, a lone surrogate as the invalid UTF-8 bytes it would be. */
const pathSegment = (u: string): string => {
  try {
    return encodeURIComponent(u)
  } catch {
    return "%ED%A0%80"
  }
}

describe("reliability: OpenAPI-driven HTTP fuzz and authorisation matrix", () => {
  let s: Awaited<ReturnType<typeof start>>
  let own = "S-1"
  const tokenFor = new Map<Who, string>()
  beforeAll(async () => {
    s = await start()
    for (const c of callers) if (typeof c !== "string") tokenFor.set(c, tokenOf(c, 24 * 3600))
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-1", 1) })).status).toBe(201)
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("A-2", 2) })).status).toBe(201)
    expect(
      (await s.call("POST", "/appeals/A-2/assign", { who: people.clerk, body: { division: "economy" } })).status
    ).toBe(200)
    const mine = await s.call("POST", "/appeals/submissions", { who: people.citizen, body: submission() })
    expect(mine.status).toBe(201)
    own = (mine.body as { appealId: string }).appealId
    // the XLSX exports load the optional exceljs on first use (a cold start of seconds): loaded before the timing
    for (const path of [
      "/appeals/analysis/export?period=2021-03&asOf=2021-03-31",
      "/appeals/export?period=2021-03&format=xlsx"
    ])
      expect((await s.call("GET", path, { who: people.admin })).status).toBe(200)
  })
  afterAll(() => s.close())

  it(`${atLeast(50_000)} requests over every operation and role: no 5xx, no hang over 5 s, every 4xx named; answers agree with App.Access.rules`, async () => {
    expect(operations.length).toBeGreaterThan(30)
    const request = fc.record({
      op: fc.constantFrom(...operations),
      caller: fc.constantFrom(...callers),
      ids: fc.array(fc.constantFrom(...IDS, own), { minLength: 4, maxLength: 4 }),
      query: fc.array(fc.oneof(fc.constantFrom(...STRINGS, ...UNICODE), fc.constant("1900-01")), {
        minLength: 6,
        maxLength: 6
      }),
      seed: fc.integer()
    })
    const samples = fc.sample(request, { numRuns: atLeast(50_000), seed: 20261206 })
    const statuses = new Map<number, number>()
    const answered: Array<{ op: string; path: string; who: Who; status: number; action?: string }> = []
    let slowest = 0
    let i = 0
    const worker = async () => {
      while (i < samples.length) {
        const r = samples[i++]!
        let p = r.op.path
        let k = 0
        p = p.replace(/\{[^}]+\}/g, () => pathSegment(r.ids[k++ % r.ids.length]!))
        const params = new URLSearchParams()
        r.op.parameters
          .filter((x) => x.in === "query")
          .forEach((x, j) => {
            if ((r.seed >> j) & 1) params.set(x.name, r.query[j % r.query.length]!)
            else if (x.name === "period") params.set(x.name, "2021-03")
            else if (x.name === "asOf" || x.name === "on") params.set(x.name, "2021-03-31")
          })
        const qs = params.toString()
        let body: Body | undefined
        if (r.op.body !== undefined) {
          const json = fc.sample(valueOf(r.op.body), { numRuns: 1, seed: r.seed })[0]!
          body = fc.sample(mutate(json), { numRuns: 1, seed: r.seed ^ 0x5bd1e995 })[0]!
        }
        // each request arrives on a turn of the event loop of its own, as from a socket: in-process calls chain
        // on promises only, and eight such chains starve the loop's other work (timers, the zip's deflate on the
        // thread pool, stream events) — a workbook then waited a minute for its turns while JSON answered at once
        await new Promise((r) => setImmediate(r))
        const started = performance.now()
        const answer = await s.call(r.op.method, `${p}${qs === "" ? "" : `?${qs}`}`, {
          ...(r.caller === "garbage"
            ? { token: "not-a-token" }
            : r.caller === "none"
              ? {}
              : { token: tokenFor.get(r.caller)! }),
          ...(body === undefined
            ? {}
            : body.raw !== undefined
              ? { raw: body.raw }
              : { raw: JSON.stringify(body.json) }),
          ...(body?.contentType !== undefined ? { headers: { "content-type": body.contentType } } : {}),
          address: `10.0.${i % 250}.1`
        })
        const ms = performance.now() - started
        slowest = Math.max(slowest, ms)
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        const label = `${r.op.method} ${p}?${qs} ${String(body?.raw ?? JSON.stringify(body?.json)).slice(0, 200)} -> ${answer.status} ${answer.text.slice(0, 300)}`
        expect(answer.status, label).toBeLessThan(500)
        expect(ms, label).toBeLessThan(5000)
        if (answer.status >= 400) expect(namesWhat(answer.body), label).toBe(true)
        const opKey = `${r.op.method} ${r.op.path}`
        if (typeof r.caller !== "string") {
          const error = (Array.isArray(answer.body) ? answer.body[0] : answer.body) as { action?: string } | undefined
          const action = answer.status === 403 ? error?.action : undefined
          answered.push({
            op: opKey,
            // the path as the server sees it (a URL: dot segments resolved)
            path: new URL(`http://cityhall.test${p}`).pathname,
            who: r.caller,
            status: answer.status,
            ...(action === undefined ? {} : { action })
          })
        }
      }
    }
    const started = performance.now()
    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    await Promise.all(Array.from({ length: 8 }, worker))
    loop.disable()
    figures["requests"] = samples.length
    figures["seconds"] = Math.round((performance.now() - started) / 100) / 10
    figures["slowestMs"] = Math.round(slowest)
    // the event loop's delay over the run (what an answer that needs the loop's turns waits for at each)
    figures["loopDelayP99Ms"] = Math.round(loop.percentile(99) / 1e6)
    figures["loopDelayMaxMs"] = Math.round(loop.max / 1e6)
    // the matrix: every answer of a role agrees with what the operation requires (Operations.access, read by the server too)
    let checked = 0
    const requirementOf = (method: string, path: string): Operations.Requirement | undefined =>
      Operations.operationOf(method, path)?.requires
    let unrouted = 0
    for (const a of answered) {
      const method = a.op.split(" ")[0] ?? ""
      // a fuzzed path segment that routes nowhere (empty, `.`, `..`): no operation's access applies (a 4xx, never 403)
      if (Operations.operationOf(method, a.path) === undefined) {
        expect(a.status, `${a.op} as ${a.path}`).toBeGreaterThanOrEqual(400)
        expect(a.status, `${a.op} as ${a.path}`).not.toBe(403)
        unrouted++
        continue
      }
      const requires = requirementOf(method, a.path)
      expect(requires, a.op).toBeDefined()
      if (requires === undefined) continue
      const label = `${a.who.role} ${a.who.subject} ${a.op} (${String(requires)}) -> ${a.status} ${a.action ?? ""}`
      if (requires === "public") {
        expect(a.status, label).not.toBe(403)
        checked++
        continue
      }
      const letIn = requires.filter((x) => App.Access.rules[x].roles.includes(a.who.role))
      if (a.status < 300) expect(letIn.length, label).toBeGreaterThan(0)
      if (a.status === 403) {
        expect(requires as ReadonlyArray<string>, label).toContain(a.action)
        // a role let in is refused only by a record condition
        if (letIn.length > 0) {
          // by one of the actions letting it in, and one with a record condition
          expect(letIn as ReadonlyArray<string>, label).toContain(a.action)
          expect(App.Access.rules[a.action as App.Access.Action].record, label).not.toBe("none")
        }
      }
      if (letIn.length === 0) expect(a.status, label).toBe(403)
      checked++
    }
    figures["matrixChecked"] = checked
    figures["matrixAnswers"] = answered.length
    figures["matrixUnrouted"] = unrouted
    figures["operations"] = operations.length
    figures["operationsDeclared"] = operations.filter(
      (o) => requirementOf(o.method, o.path.replace(/\{[^}]+\}/g, "X-1")) !== undefined
    ).length
    for (const status of [200, 400, 401, 403, 404])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0)
    figures["statuses"] = statuses.size
    console.log(`openapi fuzz: ${JSON.stringify(figures)} statuses ${JSON.stringify([...statuses].sort())}`)
  }, 600_000)

  it("the matrix on own records, another's and without a division claim", async () => {
    const cases: ReadonlyArray<readonly [Who, string, string, unknown, number]> = [
      [people.citizen, "GET", `/appeals/${own}`, undefined, 200],
      [people.otherCitizen, "GET", `/appeals/${own}`, undefined, 403],
      [{ subject: people.citizen.subject, role: "clerk" }, "GET", `/appeals/${own}`, undefined, 200],
      [people.head, "GET", "/appeals/A-2", undefined, 200],
      [people.otherHead, "GET", "/appeals/A-2", undefined, 403],
      [headOwn, "GET", "/appeals/A-2", undefined, 403],
      [headOwn, "GET", "/appeals/A-1", undefined, 403],
      [headOwn, "POST", "/appeals/A-1/leave-without-answer", { ground: "unreadable" }, 403],
      [people.otherHead, "POST", "/appeals/A-2/extend", { days: 5, reason: "запрос" }, 403],
      [headOwn, "POST", "/appeals/A-2/extend", { days: 5, reason: "запрос" }, 403]
    ]
    for (const [who, method, path, body, status] of cases) {
      const r = await s.call(method, path, { who, ...(body === undefined ? {} : { body }) })
      expect(r.status, `${who.role} ${who.subject} ${method} ${path}: ${r.text}`).toBe(status)
      if (status === 403) expect(r.text).not.toContain("Иванова")
    }
  })
})

describe("reliability: raw sockets against serve's listener", () => {
  const runtime = ManagedRuntime.make(MemoryStore.layer)
  let server: Server
  let port = 0
  let web: { readonly handler: (r: Request) => Promise<Response>; readonly dispose: () => Promise<void> }
  beforeAll(async () => {
    const context = await runtime.runtime().then((r) => r.context)
    web = HttpServer.webHandler(
      Layer.mergeAll(
        Layer.succeedContext(context),
        Layer.succeed(TokenVerifier, tokens),
        Limits.layer({ rateCapacity: 1e9, ratePerSecond: 1e9 })
      )
    )
    server = await Effect.runPromise(
      Pages.listen(
        Pages.inline(async () => ({ appeals: [], plans: [], calendars: [] }) as unknown as Reporting.Records.Records),
        "127.0.0.1",
        0,
        web.handler
      )
    )
    const a = server.address()
    port = typeof a === "object" && a !== null ? a.port : 0
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    await web.dispose()
    await runtime.dispose()
  })

  it("malformed lines and headers, unicode in targets, deep nesting, huge and slow bodies: no 5xx, no hang, the server stays up", async () => {
    const admin = `Bearer ${tokenOf(people.admin)}`
    const extra = [
      ...UNICODE.map((u) => get(`/appeals/${pathSegment(u)}`, { authorization: admin })),
      get("/appeals/%ED%A0%80%FF%FE", { authorization: admin }),
      ...["/report/0000.json", "/report/9999.html", "/report/1900.json", "/report/monthly/1900-01.json"].map((p) =>
        get(p, { authorization: admin })
      ),
      get("/appeals/analysis?period=1900-01&asOf=1900-01-31", { authorization: admin }),
      `POST /appeals/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: ${admin}\r\nContent-Type: application/json\r\nContent-Length: ${3 * 3000}\r\nConnection: close\r\n\r\n${deep(3000)}${" ".repeat(3000)}`,
      `POST /appeals/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999999999\r\nConnection: close\r\n\r\n{}`
    ]
    const all = [...MALFORMED, ...extra]
    const rounds = Math.max(1, Math.ceil(atLeast(2000) / all.length))
    let sent = 0
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        all.map(async (bytes) => {
          const r = await rawRequest(port, bytes)
          sent++
          expect(r.status, JSON.stringify(bytes.slice(0, 80))).toBeGreaterThan(0)
          expect(r.status, JSON.stringify(bytes.slice(0, 80))).toBeLessThan(500)
          if (r.status >= 400) expect(namesWhat(JSON.parse(r.body)), `${bytes.slice(0, 80)} -> ${r.body}`).toBe(true)
        })
      )
    }
    figures["rawSocketRequests"] = sent
    // a slow body (one byte every 20 ms) is answered when it is complete
    const body = JSON.stringify({ applicant: { name: "П" }, text: "Текст", topics: ["0005.0005.0056.1134"] })
    const slow = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", async () => {
        socket.write(
          `POST /appeals/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokenOf(people.citizen)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`
        )
        for (const ch of Buffer.from(body)) {
          socket.write(Buffer.from([ch]))
          await new Promise((r) => setTimeout(r, 20))
        }
      })
      let text = ""
      socket.on("data", (b: Buffer) => (text += b.toString()))
      socket.on("close", () => resolve(text))
    })
    expect(slow).toMatch(/^HTTP\/1\.1 201 /)
    expect((await rawRequest(port, get("/health"))).status).toBe(200)
    console.log(`raw sockets: ${JSON.stringify(figures)}`)
  }, 300_000)
})
