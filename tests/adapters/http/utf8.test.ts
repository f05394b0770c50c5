/**
 * Invalid UTF-8 in a request body, at the socket: every POST of the API
 * (the OpenAPI document's), through both node listeners (`serve`'s, with
 * the API mounted behind the report pages, and the API's own
 * `Server.serve`), answers 400 naming the body, the bytes never decoded
 * lossily into U+FFFD and nothing stored; the Open311 form-encoded POST
 * too, raw bytes or percent-encoded. The strict decoder agrees with the
 * platform's fatal `TextDecoder` on any bytes.
 */
import type { Server } from "node:http"
import { HttpServer as PlatformServer, OpenApi } from "@effect/platform"
import { Context, Effect, FastCheck as fc, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Pages from "../../../adapters/cli/internal/Server.js"
import { Api } from "../../../adapters/http/Api.js"
import { TokenVerifier } from "../../../adapters/http/Auth.js"
import * as Limits from "../../../adapters/http/Limits.js"
import * as HttpServer from "../../../adapters/http/Server.js"
import { MemoryStore } from "../../../adapters/memory/index.js"
import type { Reporting } from "../../../src/index.js"
import { runs } from "../../support/runs.js"
import { people, tokenOf, tokens } from "./harness.js"
import { get, rawRequest } from "./raw.js"

/** Invalid UTF-8: a lead byte without its continuation, overlong forms, a lone 0xFF, a surrogate, a truncated sequence. */
const INVALID: ReadonlyArray<readonly [string, ReadonlyArray<number>]> = [
  ["0xC3 0x28", [0xc3, 0x28]],
  ["overlong '/' (0xC0 0xAF)", [0xc0, 0xaf]],
  ["overlong 3 bytes (0xE0 0x80 0xAF)", [0xe0, 0x80, 0xaf]],
  ["lone 0xFF", [0xff]],
  ["surrogate U+D800 (0xED 0xA0 0x80)", [0xed, 0xa0, 0x80]],
  ["over U+10FFFF (0xF4 0x90 0x80 0x80)", [0xf4, 0x90, 0x80, 0x80]]
]

const posts: ReadonlyArray<string> = Object.entries(
  (OpenApi.fromApi(Api) as unknown as { paths: Record<string, Record<string, unknown>> }).paths
)
  .filter(([, methods]) => "post" in methods)
  .map(([path]) => path.replace(/\{[^}]+\}/g, "A-1"))

/** A JSON body whose `text` holds the bytes. */
const jsonWith = (bytes: ReadonlyArray<number>): Buffer =>
  Buffer.concat([Buffer.from('{"text":"a'), Buffer.from(bytes), Buffer.from('b","topics":[]}')])

const post = (path: string, body: Buffer, contentType = "application/json", token = tokenOf(people.admin)) =>
  Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`
    ),
    body
  ])

/** The field an error names: the API's `field`, or the first of GeoReport v2's array. */
const fieldOf = (body: string): string | undefined => {
  const parsed = JSON.parse(body) as { field?: string } | ReadonlyArray<{ field?: string }>
  return Array.isArray(parsed) ? parsed[0]?.field : (parsed as { field?: string }).field
}

const limits = Limits.layer({ rateCapacity: 1_000_000, ratePerSecond: 1_000_000 })
const emptyRecords = async (): Promise<Reporting.Records.Records> =>
  ({ appeals: [], plans: [], calendars: [] }) as unknown as Reporting.Records.Records

/** Every POST with every kind of invalid UTF-8: 400 naming the body; nothing registered. */
const checkEveryPost = async (port: number) => {
  expect(posts.length).toBeGreaterThan(20)
  for (const path of posts) {
    for (const [what, bytes] of INVALID) {
      const r = await rawRequest(port, post(path, jsonWith(bytes)))
      const label = `POST ${path} with ${what}: ${r.status} ${r.body.slice(0, 200)}`
      expect(r.status, label).toBe(400)
      expect(fieldOf(r.body), label).toBe("body")
      expect(r.body, label).toContain("UTF-8")
      expect(r.body, label).not.toContain("\uFFFD")
    }
  }
  // Open311's form-encoded submission: raw bytes name the body; percent-encoded ones name the field
  const form = (s: string | Buffer) =>
    post("/open311/v2/requests", Buffer.isBuffer(s) ? s : Buffer.from(s), "application/x-www-form-urlencoded")
  const raw = await rawRequest(
    port,
    form(Buffer.concat([Buffer.from("service_code=0005.0005&description=a"), Buffer.from([0xc3, 0x28])]))
  )
  expect(raw.status, raw.body).toBe(400)
  expect(fieldOf(raw.body)).toBe("body")
  const encoded = await rawRequest(port, form("service_code=0005.0005&description=a%C3%28b&api_key=k"))
  expect(encoded.status, encoded.body).toBe(400)
  expect(fieldOf(encoded.body)).toBe("description")
  // the same bodies, valid, pass the body check (what they then answer is the endpoint's)
  const valid = await rawRequest(port, post("/appeals/submissions", jsonWith([0xc3, 0xa9])))
  expect(valid.status).not.toBe(500)
  expect(fieldOf(valid.body)).not.toBe("body")
  // nothing was registered by any refused request
  const all = await rawRequest(
    port,
    get("/open311/v2/requests.json?limit=100", { authorization: `Bearer ${tokenOf(people.admin)}` })
  )
  expect(all.status, all.body).toBe(200)
  expect(JSON.parse(all.body)).toEqual([])
}

describe("invalid UTF-8 in a body", () => {
  it("the strict decoder refuses exactly what a fatal TextDecoder refuses, naming the first bad byte", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true })
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 24 }),
      // mostly valid text with a byte changed: the interesting boundary
      fc
        .tuple(fc.fullUnicodeString({ maxLength: 8 }), fc.nat(), fc.integer({ min: 0x80, max: 0xff }))
        .map(([s, i, b]) => {
          const u = new TextEncoder().encode(s)
          if (u.length > 0) u[i % u.length] = b
          return u
        })
    )
    fc.assert(
      fc.property(bytes, (b) => {
        let ok = true
        try {
          fatal.decode(b)
        } catch {
          ok = false
        }
        const at = Limits.invalidUtf8At(b)
        expect(at === undefined).toBe(ok)
        const decoded = Limits.decodeUtf8(b)
        expect(decoded._tag === "Right").toBe(ok)
        // the bytes before the first bad one are valid on their own
        if (at !== undefined) expect(Limits.invalidUtf8At(b.subarray(0, at))).toBeUndefined()
      }),
      { numRuns: runs(2000) }
    )
    for (const [, b] of INVALID) expect(Limits.invalidUtf8At(Uint8Array.from(b))).toBe(0)
  })

  describe("through serve's listener (the API behind the report pages)", () => {
    const runtime = ManagedRuntime.make(MemoryStore.layer)
    let server: Server
    let web: { readonly handler: (r: Request) => Promise<Response>; readonly dispose: () => Promise<void> }
    let port = 0
    beforeAll(async () => {
      const context = await runtime.runtime().then((r) => r.context)
      web = HttpServer.webHandler(
        Layer.mergeAll(Layer.succeedContext(context), Layer.succeed(TokenVerifier, tokens), limits)
      )
      server = await Effect.runPromise(Pages.listen(Pages.inline(emptyRecords), "127.0.0.1", 0, web.handler))
      const address = server.address()
      port = typeof address === "object" && address !== null ? address.port : 0
    })
    afterAll(async () => {
      await new Promise((r) => server.close(r))
      await web.dispose()
      await runtime.dispose()
    })
    it("every POST answers 400 naming the body; Open311's form too", () => checkEveryPost(port), 120_000)
  })

  describe("through the API's own Node listener (Server.serve)", () => {
    const runtime = ManagedRuntime.make(
      HttpServer.serve({ port: 0 }).pipe(
        Layer.provide(HttpServer.layer()),
        Layer.provide(Layer.mergeAll(MemoryStore.layer, Layer.succeed(TokenVerifier, tokens), limits))
      )
    )
    let port = 0
    beforeAll(async () => {
      const context = await runtime.runtime().then((r) => r.context)
      const server = Context.get(context, PlatformServer.HttpServer)
      if (server.address._tag === "TcpAddress") port = server.address.port
    })
    afterAll(() => runtime.dispose())
    it("every POST answers 400 naming the body; Open311's form too", () => checkEveryPost(port), 120_000)
  })
})
