/**
 * A city on one PostgreSQL database served by two `cityhall serve`
 * processes (from CITYHALL_PG_URL; skipped with one line without it):
 * concurrent submissions to both get registration numbers unique and
 * gap-free in their journal; an idempotency key sent to both registers one
 * appeal; a token revoked through the CLI is refused by both; both answer the
 * same report.
 */
import { type ChildProcess, execFileSync } from "node:child_process"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run } from "../../adapters/cli/Cli.js"
import { HmacTokens } from "../../adapters/http/Auth.js"
import type { Role } from "../../adapters/http/Auth.js"
import { serve as serveCli } from "./spawn.js"

const PG = process.env.CITYHALL_PG_URL
if (PG === undefined)
  console.info(
    "cityhall serve on PostgreSQL, two instances: skipped; set CITYHALL_PG_URL=postgres://postgres@127.0.0.1:5432/test to run it"
  )

const SECRET = "two-instances-share-this-secret!"
const tokens = HmacTokens.make({ secret: SECRET })
const token = (subject: string, role: Role, tokenId?: string) =>
  tokens.sign({ subject, role, ...(tokenId !== undefined ? { tokenId } : {}) }, { expiresInSeconds: 3600 })

const servers: Array<ChildProcess> = []

/** Starts `cityhall serve` on the store and answers its base URL once it listens. */
const serve = async (store: string): Promise<string> => {
  const s = await serveCli(["--store", store], { CITYHALL_SECRET: SECRET })
  servers.push(s.child)
  return s.url
}

describe.skipIf(PG === undefined)("two server instances on one PostgreSQL database", () => {
  const database = `cityhall_instances_${process.pid}_${Date.now()}`
  const base = new URL(PG ?? "postgres://localhost/test")
  const pg = new URL(base)
  pg.pathname = `/${database}`
  const admin = ["-h", base.hostname, "-p", base.port || "5432", "-U", base.username || "postgres"]
  let urls: ReadonlyArray<string> = []

  beforeAll(async () => {
    execFileSync("createdb", [...admin, database])
    const m = await Effect.runPromise(run(["migrate", "--store", pg.toString()]))
    expect(m.exitCode, m.stderr).toBe(0)
    urls = await Promise.all([serve(pg.toString()), serve(pg.toString())])
  }, 120_000)

  afterAll(async () => {
    for (const s of servers) s.kill()
    await new Promise((r) => setTimeout(r, 500))
    execFileSync("dropdb", [...admin, "--if-exists", "--force", database])
  })

  const post = (url: string, path: string, who: string, body: unknown, key?: string) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token(who, "citizen")}`,
        "content-type": "application/json",
        ...(key !== undefined ? { "idempotency-key": key } : {})
      },
      body: JSON.stringify(body)
    })

  const submission = (i: number) => ({
    applicant: { name: `Житель ${i}`, email: `resident${i}@example.ru` },
    text: `Во дворе дома ${i} не вывозят мусор`,
    topics: ["0005.0005.0056.1134"]
  })

  it("concurrent submissions to both: numbers unique and gap-free; one key sent to both registers one appeal", async () => {
    const N = 40
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) => post(urls[i % 2]!, "/appeals/submissions", `resident-${i}`, submission(i)))
    )
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<{ readonly registrationNumber: string }>))
    expect(answers.map((a) => a.status)).toStrictEqual(Array.from({ length: N }, () => 201))
    const numbers = bodies.map((b) => b.registrationNumber)
    expect(new Set(numbers).size).toBe(N)
    const prefix = numbers[0]!.replace(/\d+$/, "")
    const serials = numbers.map((n) => Number(n.slice(prefix.length))).sort((a, b) => a - b)
    expect(serials).toStrictEqual(Array.from({ length: N }, (_, i) => i + 1))

    const twice = await Promise.all(
      urls.map((u) => post(u, "/appeals/submissions", "resident-key", submission(99), "one-key-for-both"))
    )
    const [a, b] = await Promise.all(twice.map((r) => r.json() as Promise<{ readonly appealId: string }>))
    // the request that lost the race answers the winner's appeal (a retry with the key), never 409
    expect(twice.map((r) => r.status).every((x) => x === 200 || x === 201)).toBe(true)
    expect(a?.appealId).toBe(b?.appealId)
  })

  it("a token revoked through the CLI is refused by both instances; both answer the same report", async () => {
    const t = token("clerk-9", "clerk", "clerk-9-token-1")
    for (const u of urls)
      expect((await fetch(`${u}/appeals?state=Registered`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(
        200
      )
    const r = await Effect.runPromise(run(["token", "revoke", "clerk-9-token-1", "--store", pg.toString()]))
    expect(r.exitCode, r.stderr).toBe(0)
    for (const u of urls) {
      const refused = await fetch(`${u}/appeals?state=Registered`, { headers: { authorization: `Bearer ${t}` } })
      expect(refused.status).toBe(401)
      expect(await refused.json()).toMatchObject({ reason: "revoked" })
    }
    const year = new Date().getUTCFullYear()
    const reports = await Promise.all(
      urls.map(async (u) => {
        const res = await fetch(`${u}/reports/annual/${year}`, {
          headers: { authorization: `Bearer ${token("admin-1", "administrator")}` }
        })
        expect(res.status).toBe(200)
        return res.text()
      })
    )
    expect(reports[0]).toBe(reports[1])
    // one report model on PostgreSQL too: the CLI's report of the same store is the API's document
    for (const lang of ["ru", "en"] as const) {
      const api = await fetch(`${urls[0]}/reports/annual/${year}?format=json&lang=${lang}&asOf=${year}-12-31`, {
        headers: { authorization: `Bearer ${token("admin-1", "administrator")}` }
      })
      expect(api.status).toBe(200)
      const text = await api.text()
      const cli = await Effect.runPromise(
        run(["report", "annual", "--year", String(year), "--format", "json", "--lang", lang, "--store", pg.toString()])
      )
      expect(cli.exitCode, cli.stderr).toBe(0)
      expect(cli.stdout).toBe(text.endsWith("\n") ? text : `${text}\n`)
    }
  })
})
