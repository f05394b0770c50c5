/**
 * The node:http listeners at the raw socket level (node:net): `serve`'s
 * listener (the report pages, the API mounted behind them) and the API's
 * own `Server.serve`. Whatever the request line, the headers, the method or
 * the body, the answer is a 4xx naming what was wrong (or a 2xx), never a
 * 5xx, and the server stays up; a defect is logged with a request id and
 * answered 500 with a JSON body.
 */
import { createServer, type Server } from "node:http"
import { connect } from "node:net"
import { HttpServer as PlatformServer } from "@effect/platform"
import { Context, Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Pages from "../../../adapters/cli/internal/Server.js"
import { TokenVerifier } from "../../../adapters/http/Auth.js"
import * as Limits from "../../../adapters/http/Limits.js"
import * as Listener from "../../../adapters/http/Listener.js"
import * as HttpServer from "../../../adapters/http/Server.js"
import { MemoryStore } from "../../../adapters/memory/index.js"
import type { Reporting } from "../../../src/index.js"
import { people, submission, tokenOf, tokens } from "./harness.js"
import { get, MALFORMED, type Raw, rawRequest } from "./raw.js"

const emptyRecords = async (): Promise<Reporting.Records.Records> =>
  ({ appeals: [], plans: [], calendars: [] }) as unknown as Reporting.Records.Records

describe("serve's listener (report pages and the API), at the socket", () => {
  const runtime = ManagedRuntime.make(MemoryStore.layer)
  let server: Server
  let port = 0
  let web: { readonly handler: (r: Request) => Promise<Response>; readonly dispose: () => Promise<void> }
  const defects: Array<string> = []
  beforeAll(async () => {
    const context = await runtime.runtime().then((r) => r.context)
    web = HttpServer.webHandler(
      Layer.mergeAll(
        Layer.succeedContext(context),
        Layer.succeed(TokenVerifier, tokens),
        Limits.layer({ rateCapacity: 1_000_000, ratePerSecond: 1_000_000 })
      )
    )
    server = await Effect.runPromise(
      Pages.listen(Pages.inline(emptyRecords), "127.0.0.1", 0, web.handler, {
        log: (id, e) => defects.push(`${id}: ${String(e)}`)
      })
    )
    const address = server.address()
    port = typeof address === "object" && address !== null ? address.port : 0
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    await web.dispose()
    await runtime.dispose()
  })
  const alive = async () => expect((await rawRequest(port, get("/health"))).status).toBe(200)

  it("report pages of a year or month out of range: 400 naming the field, and the server stays up", async () => {
    const admin = { authorization: `Bearer ${tokenOf(people.admin)}` }
    for (const [path, field] of [
      ["/report/0000.json", "year"],
      ["/report/9999.html", "year"],
      ["/report/1900.json", "year"],
      ["/report/monthly/1900-01.json", "month"],
      ["/report/monthly/1900-13.json", "month"]
    ] as const) {
      const r = await rawRequest(port, get(path, admin))
      expect(r.status, path).toBe(400)
      expect(JSON.parse(r.body), path).toMatchObject({ _tag: "InvalidInput", field })
      await alive()
    }
  })

  it("the analysis of a period whose previous year is not representable: 400 naming period", async () => {
    const r = await rawRequest(
      port,
      get("/appeals/analysis?period=1900-01&asOf=1900-01-31", { authorization: `Bearer ${tokenOf(people.admin)}` })
    )
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body)).toMatchObject({ _tag: "InvalidInput", field: "period" })
  })

  it("malformed request lines, Host headers and methods: a 4xx with a JSON body naming what, never echoing the Host", async () => {
    for (const bytes of MALFORMED) {
      const r = await rawRequest(port, bytes)
      const label = JSON.stringify(bytes.slice(0, 60))
      expect(r.status, label).toBeGreaterThanOrEqual(200)
      expect(r.status, label).toBeLessThan(500)
      if (r.status >= 400) {
        const body = JSON.parse(r.body) as { readonly field?: string; readonly what?: string; readonly reason?: string }
        expect(body.field ?? body.what ?? body.reason, label).toBeTruthy()
        expect(r.body, label).not.toContain("x:99999")
        expect(r.body, label).not.toContain("evil")
        expect(r.body, label).not.toContain("user@host")
      }
      await alive()
    }
    expect(defects, defects.join("\n")).toEqual([])
  })

  it("an unsupported method is 405 naming the method, with Allow", async () => {
    const r = await rawRequest(port, "PATCH /appeals HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    expect(r.status).toBe(405)
    expect(r.head.toLowerCase()).toContain("allow: get, head, post")
    expect(JSON.parse(r.body)).toMatchObject({ field: "method" })
  })

  it("the report pages answer controllers and administrators only; HTML pages carry security headers", async () => {
    const missing = await rawRequest(port, get("/report/2020.html"))
    expect(missing.status).toBe(401)
    expect(missing.head.toLowerCase()).toContain("www-authenticate: bearer")
    const citizen = await rawRequest(
      port,
      get("/report/2020.json", { authorization: `Bearer ${tokenOf(people.citizen)}` })
    )
    expect(citizen.status).toBe(403)
    const clerk = await rawRequest(
      port,
      get("/report/monthly/2020-03.json", { authorization: `Bearer ${tokenOf(people.clerk)}` })
    )
    expect(clerk.status).toBe(403)
    for (const who of [people.controller, people.admin]) {
      const page = await rawRequest(port, get("/report/2020.html", { authorization: `Bearer ${tokenOf(who)}` }))
      expect(page.status).toBe(200)
      const head = page.head.toLowerCase()
      expect(head).toContain("content-security-policy: default-src 'none'")
      expect(head).toContain("x-content-type-options: nosniff")
      expect(head).toContain("x-frame-options: deny")
    }
  })

  it("a browser signs in to the report pages with its token: a cookie, then the pages; a wrong or a citizen's token is refused", async () => {
    const base = `http://127.0.0.1:${port}`
    // a report page without a token: the sign-in form (401), returning to the page asked for
    const html = await fetch(`${base}/report/2020.html?lang=en`)
    expect(html.status).toBe(401)
    expect(html.headers.get("www-authenticate")).toBe("Bearer")
    const form = await html.text()
    expect(form).toContain(`action="${Pages.SIGN_IN}"`)
    expect(form).toContain('value="/report/2020.html?lang=en"')
    expect(html.headers.get("content-security-policy")).toContain("form-action 'self'")
    const post = (fields: Record<string, string>) =>
      fetch(`${base}${Pages.SIGN_IN}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString()
      })
    const wrong = await post({ token: "not-a-token", back: "/report/2020.html" })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get("set-cookie")).toBeNull()
    const citizen = await post({ token: tokenOf(people.citizen), back: "/" })
    expect(citizen.status).toBe(403)
    expect(citizen.headers.get("set-cookie")).toBeNull()
    const odd = await post({ token: "<script>", back: "/" })
    expect(odd.status).toBe(400)
    expect(await odd.text()).not.toContain("<script>")
    // a controller's token: a cookie and back to the page; a redirect never leaves the report pages
    const token = tokenOf(people.controller)
    const signed = await post({ token: `Bearer ${token}`, back: "https://elsewhere.example/" })
    expect(signed.status).toBe(303)
    expect(signed.headers.get("location")).toBe("/")
    const cookie = signed.headers.get("set-cookie") ?? ""
    expect(cookie).toContain(`${Pages.COOKIE}=${token}`)
    expect(cookie).toContain("HttpOnly")
    expect(cookie).toContain("SameSite=Strict")
    const back = await post({ token, back: "/report/2020.html?lang=en" })
    expect(back.headers.get("location")).toBe("/report/2020.html?lang=en")
    const page = await fetch(`${base}/report/2020.json`, { headers: { cookie: `${Pages.COOKIE}=${token}` } })
    expect(page.status).toBe(200)
    // the cookie opens the report pages only, never the API
    const api = await fetch(`${base}/reports/annual/2020`, { headers: { cookie: `${Pages.COOKIE}=${token}` } })
    expect(api.status).toBe(401)
    const junk = await fetch(`${base}/report/2020.json`, { headers: { cookie: `${Pages.COOKIE}=x; other=1` } })
    expect(junk.status).toBe(401)
    const form2 = await fetch(`${base}${Pages.SIGN_IN}`)
    expect(form2.status).toBe(200)
  })

  it("the API's answers: no-store on personal data, WWW-Authenticate on 401", async () => {
    const r = await rawRequest(port, get("/appeals/mine", { authorization: `Bearer ${tokenOf(people.citizen)}` }))
    expect(r.status).toBe(200)
    expect(r.head.toLowerCase()).toContain("cache-control: no-store")
    const u = await rawRequest(port, get("/appeals/mine"))
    expect(u.status).toBe(401)
    expect(u.head.toLowerCase()).toContain("www-authenticate: bearer")
  })

  it("Content-Type's media type is case-insensitive", async () => {
    const body = JSON.stringify(submission())
    const r = await rawRequest(
      port,
      `POST /appeals/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokenOf(people.citizen)}\r\nContent-Type: APPLICATION/JSON; Charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
    )
    expect(r.status).toBe(201)
  })

  it("a body declared over the limit is 413 before it is read; a chunked body is cut off at the limit", async () => {
    const declared = await rawRequest(
      port,
      `POST /appeals/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n{`
    )
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body)).toMatchObject({ _tag: "PayloadTooLarge" })
    // a chunked body that never ends: the answer comes once the limit is passed, not when the body ends
    const answer = await new Promise<Raw>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1")
      let text = ""
      let sent = 0
      const chunk = `${(16 * 1024).toString(16)}\r\n${"a".repeat(16 * 1024)}\r\n`
      socket.on("connect", () => {
        socket.write(
          "POST /appeals/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        const pump = () => {
          while (sent < 64 && socket.writable && text === "") {
            sent++
            if (!socket.write(chunk)) return socket.once("drain", pump)
          }
        }
        pump()
      })
      socket.on("data", (c: Buffer) => {
        text += c.toString("utf8")
        if (text.includes("\r\n\r\n")) {
          socket.destroy()
          resolve({ status: Number(text.slice(9, 12)), head: text, body: "" })
        }
      })
      socket.on("error", (e) => (text === "" ? reject(e) : undefined))
      setTimeout(() => reject(new Error("no answer")), 5000)
    })
    expect(answer.status).toBe(413)
    await alive()
  })

  it("a listener that throws or rejects: 500 with a JSON body and a request id that is logged; the process lives", async () => {
    const logged: Array<string> = []
    const log: Listener.DefectLog = (id) => logged.push(id)
    const throwing = Listener.install(
      createServer(
        Listener.guard((req) => {
          if (req.url === "/sync") throw new Error("boom Host: secret")
          return Promise.reject(new Error("async boom"))
        }, log)
      )
    )
    await new Promise<void>((r) => throwing.listen(0, "127.0.0.1", r))
    const address = throwing.address()
    const p = typeof address === "object" && address !== null ? address.port : 0
    try {
      for (const path of ["/sync", "/async"]) {
        const r = await rawRequest(p, get(path))
        expect(r.status).toBe(500)
        const body = JSON.parse(r.body) as { readonly _tag: string; readonly requestId: string }
        expect(body._tag).toBe("InternalError")
        expect(logged).toContain(body.requestId)
        expect(r.body).not.toContain("boom")
      }
    } finally {
      await new Promise((r) => throwing.close(r))
    }
  })
})

describe("the API's own Node listener (Server.serve), at the socket", () => {
  const app = HttpServer.serve({ port: 0 }).pipe(
    Layer.provide(HttpServer.layer()),
    Layer.provide(
      Layer.mergeAll(
        MemoryStore.layer,
        Layer.succeed(TokenVerifier, tokens),
        Limits.layer({ rateCapacity: 1_000_000, ratePerSecond: 1_000_000 })
      )
    )
  )
  const runtime = ManagedRuntime.make(Layer.mergeAll(app, Layer.empty))
  let port = 0
  beforeAll(async () => {
    const context = await runtime.runtime().then((r) => r.context)
    const server = Context.get(context, PlatformServer.HttpServer)
    if (server.address._tag === "TcpAddress") port = server.address.port
  })
  afterAll(() => runtime.dispose())

  it("malformed request lines, Host headers and methods: a 4xx naming what, and the server stays up", async () => {
    for (const bytes of [
      ...MALFORMED,
      get("/appeals/analysis?period=1900-01&asOf=1900-01-31", { authorization: `Bearer ${tokenOf(people.admin)}` })
    ]) {
      const r = await rawRequest(port, bytes)
      const label = JSON.stringify(bytes.slice(0, 60))
      expect(r.status, label).toBeGreaterThanOrEqual(200)
      expect(r.status, label).toBeLessThan(500)
      if (r.status >= 400) {
        const body = JSON.parse(r.body) as { readonly field?: string; readonly what?: string; readonly reason?: string }
        expect(body.field ?? body.what ?? body.reason, label).toBeTruthy()
      }
      expect((await rawRequest(port, get("/health"))).status).toBe(200)
    }
  })
})

describe("Listener.drain", () => {
  it("waits for the requests in flight, refuses new connections, and cuts off what outlasts the grace period", async () => {
    const server = Listener.install(
      createServer(
        Listener.guard(async (req, res) => {
          // /slow answers after 300 ms; /never does not answer
          if (req.url === "/never") return
          await new Promise((r) => setTimeout(r, 300))
          res.writeHead(200, { "content-type": "text/plain" })
          res.end("done")
        })
      )
    )
    Listener.track(server)
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    const slow = rawRequest(port, get("/slow"))
    const never = rawRequest(port, get("/never")).catch(() => ({ status: 0, head: "", body: "" }))
    await new Promise((r) => setTimeout(r, 50))
    const drained = Listener.drain(server, 1000)
    await new Promise((r) => setTimeout(r, 50))
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1")
      s.on("connect", () => {
        s.destroy()
        resolve(false)
      })
      s.on("error", () => resolve(true))
    })
    expect(refused).toBe(true)
    expect((await slow).status).toBe(200)
    expect(await drained).toEqual({ cutOff: 1 })
    expect((await never).status).toBe(0)
  })
})
