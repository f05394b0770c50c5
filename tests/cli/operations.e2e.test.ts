/**
 * `cityhall serve` as operations see it: the outbox relay to NATS (from
 * CITYHALL_NATS_URL; skipped with one line without it) with its position
 * and lag on /health, /ready (503 naming the relay when the broker cannot be
 * reached), Prometheus /metrics, one JSON log line per request without
 * personal data, and a store with pending migrations refused at start.
 */
import type { ChildProcess } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run } from "../../adapters/cli/Cli.js"
import { HmacTokens } from "../../adapters/http/Auth.js"
import { type Served, serve as serveCli } from "./spawn.js"

const NATS = process.env.CITYHALL_NATS_URL
if (NATS === undefined)
  console.info("cityhall serve with a broker: skipped; set CITYHALL_NATS_URL=nats://127.0.0.1:4222 to run it")

const SECRET = "operations-test-secret-0123456789"
const dir = mkdtempSync(join(tmpdir(), "cityhall-ops-"))
const children: Array<ChildProcess> = []

const serve = async (args: ReadonlyArray<string>): Promise<Served> => {
  const s = await serveCli(args, { CITYHALL_SECRET: SECRET })
  children.push(s.child)
  return s
}

const until = async <A>(f: () => Promise<A>, ok: (a: A) => boolean, ms = 15_000): Promise<A> => {
  const end = Date.now() + ms
  for (;;) {
    const a = await f()
    if (ok(a) || Date.now() > end) return a
    await new Promise((r) => setTimeout(r, 200))
  }
}

afterAll(() => {
  for (const c of children) c.kill()
})

const store = join(dir, "city.sqlite")
beforeAll(async () => {
  const m = await Effect.runPromise(run(["migrate", "--db", store]))
  expect(m.exitCode, m.stderr).toBe(0)
})

describe("cityhall serve: start-up checks", () => {
  it("a store with pending migrations is refused at start, naming `cityhall migrate` (exit 1)", async () => {
    const empty = join(dir, "empty.sqlite")
    writeFileSync(empty, "")
    await expect(serve(["--db", empty])).rejects.toThrow(/exited with 1: .*pending; run 'cityhall migrate' first/)
  })

  it("the configuration's rate limit is the server's: past the burst, 429 with Retry-After; a bad one stops serve naming its path", async () => {
    const config = (name: string, http: unknown) => {
      const file = join(dir, name)
      writeFileSync(
        file,
        JSON.stringify({
          format: "cityhall.config/1",
          city: { name: "Лимитоград", timeZone: "Asia/Vladivostok" },
          store: "sqlite:city.sqlite",
          tokens: { hmac: { secretEnv: "CITYHALL_SECRET" } },
          http
        })
      )
      return file
    }
    const s = await serve(["--config", config("limited.config.json", { rateLimit: { perSecond: 1, burst: 2 } })])
    const clerk = HmacTokens.make({ secret: SECRET }).sign(
      { subject: "clerk-1", role: "clerk" },
      { expiresInSeconds: 600 }
    )
    const statuses: Array<number> = []
    let retryAfter: string | null = null
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${s.url}/appeals?state=Registered`, { headers: { authorization: `Bearer ${clerk}` } })
      statuses.push(r.status)
      if (r.status === 429) retryAfter = r.headers.get("retry-after")
      await r.arrayBuffer()
    }
    expect(statuses.slice(0, 2)).toStrictEqual([200, 200])
    expect(statuses.slice(2)).toContain(429)
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    await expect(
      serve(["--config", config("bad-limit.config.json", { rateLimit: { perSecond: 0, burst: 2 } })])
    ).rejects.toThrow(/exited with 1: .*http\.rateLimit\.perSecond/s)
  })
})

describe.skipIf(NATS === undefined)("cityhall serve with a broker", () => {
  it("relays what is stored (lag 0 on /health), is ready, counts requests, logs JSON lines without personal data", async () => {
    const s = await serve(["--db", store, "--broker", NATS ?? ""])
    const citizen = HmacTokens.make({ secret: SECRET }).sign(
      { subject: "resident-7", role: "citizen" },
      { expiresInSeconds: 600 }
    )
    const submitted = await fetch(`${s.url}/appeals/submissions`, {
      method: "POST",
      headers: { authorization: `Bearer ${citizen}`, "content-type": "application/json", "x-request-id": "ops-1" },
      body: JSON.stringify({
        applicant: { name: "Сидорова Анна Павловна", email: "sidorova@example.ru" },
        text: "Во дворе не вывозят мусор",
        topics: ["0005.0005.0056.1134"]
      })
    })
    expect(submitted.status).toBe(201)
    expect(submitted.headers.get("x-request-id")).toBe("ops-1")
    type Health = { readonly relay?: { readonly state: string; readonly position: number; readonly lag: number } }
    const health = await until(
      async () => (await (await fetch(`${s.url}/health`)).json()) as Health,
      (h) => h.relay?.state === "running" && h.relay.lag === 0 && h.relay.position > 0
    )
    expect(health.relay).toMatchObject({ state: "running", lag: 0 })
    const ready = await fetch(`${s.url}/ready`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toStrictEqual({ status: "ready", store: "ok", migrations: "current", relay: "running" })
    const metrics = await (await fetch(`${s.url}/metrics`)).text()
    expect(metrics).toContain('cityhall_http_requests_total{method="POST",route="/appeals/submissions",status="201"} 1')
    expect(metrics).toMatch(/cityhall_relay_lag_events 0/)
    expect(metrics).toMatch(/cityhall_http_request_duration_seconds_bucket/)
    const logs = s
      .stderr()
      .split("\n")
      .filter((l) => l.startsWith("{"))
    expect(logs.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ requestId: "ops-1", route: "/appeals/submissions", status: 201, level: "info" })
    )
    expect(s.stderr()).not.toMatch(/Сидорова|sidorova|мусор/)
  })

  it("a broker that cannot be reached: the server serves, /health shows the relay failed, /ready is 503 naming it", async () => {
    const s = await serve(["--db", store, "--broker", "nats://127.0.0.1:1"])
    type Health = { readonly status: string; readonly relay?: { readonly state: string; readonly error?: string } }
    const health = await until(
      async () => (await (await fetch(`${s.url}/health`)).json()) as Health,
      (h) => h.relay?.state === "failed"
    )
    expect(health).toMatchObject({ status: "ok", relay: { state: "failed" } })
    expect(health.relay?.error).toMatch(/BrokerError/)
    const ready = await fetch(`${s.url}/ready`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ _tag: "Unavailable", reason: "relay" })
  })
})
