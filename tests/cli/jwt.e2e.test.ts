/**
 * A city's own identity provider, end to end (issue 19, item 5): `cityhall
 * serve` with `tokens.jwt` in the configuration file verifies the
 * provider's JWTs with its public key — a PEM file named relative to the
 * configuration (`publicKeyFile`), or the provider's JWKS endpoint
 * (`jwksUrl`, here a local server) — and maps their claims to cityhall's
 * roles: what a mapped role may do is allowed, a token of another key, of
 * another issuer or audience, expired, or with an unmapped role is 401,
 * and the city's own HMAC tokens are not accepted beside the provider's.
 * A key file that is missing or is not a key stops `serve` at start,
 * naming `tokens.jwt.publicKeyFile`.
 */
import type { ChildProcess } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import * as jose from "jose"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run } from "../../adapters/cli/Cli.js"
import { HmacTokens } from "../../adapters/http/Auth.js"
import { serve as serveCli } from "./spawn.js"

const dir = mkdtempSync(join(tmpdir(), "cityhall-jwt-"))
const ISSUER = "https://id.city.example"
const AUDIENCE = "cityhall"
const SECRET = "the-city-own-secret-0123456789"
const children: Array<ChildProcess> = []

const keys = await jose.generateKeyPair("RS256", { extractable: true })
const stranger = await jose.generateKeyPair("RS256")
writeFileSync(join(dir, "idp.pem"), await jose.exportSPKI(keys.publicKey))
writeFileSync(join(dir, "not-a-key.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")

/** The provider's JWKS endpoint: the public key with its key id. */
let jwks: Server
let jwksUrl = ""

const config = (name: string, key: Record<string, string>) => {
  const file = join(dir, name)
  writeFileSync(
    file,
    JSON.stringify({
      format: "cityhall.config/1",
      city: { name: "Город Ж", timeZone: "Asia/Vladivostok" },
      store: "sqlite:city.sqlite",
      tokens: {
        jwt: {
          issuer: ISSUER,
          audience: AUDIENCE,
          ...key,
          claims: { subject: "preferred_username", role: "cityhall_role", division: "department" },
          roles: { registry: "clerk", deputy: "controller", resident: "citizen" }
        }
      }
    })
  )
  return file
}

const sign = (
  claims: Record<string, unknown>,
  opts: { readonly key?: jose.CryptoKey; readonly iss?: string; readonly aud?: string; readonly exp?: string } = {}
) =>
  new jose.SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? "1h")
    .sign(opts.key ?? keys.privateKey)

const serve = async (configFile: string): Promise<string> => {
  const s = await serveCli(["--config", configFile], { CITYHALL_REPORT_WORKER: "off" })
  children.push(s.child)
  return s.url
}

const get = async (base: string, path: string, token: string) => {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })
  const text = await res.text()
  return { status: res.status, text }
}

beforeAll(async () => {
  const jwk = { ...(await jose.exportJWK(keys.publicKey)), kid: "k1", alg: "RS256", use: "sig" }
  jwks = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" })
    res.end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r))
  const a = jwks.address()
  jwksUrl = `http://127.0.0.1:${typeof a === "object" && a !== null ? a.port : 0}/jwks.json`
  const m = await Effect.runPromise(run(["migrate", "--config", config("migrate.config.json", { jwksUrl })]))
  expect(m.exitCode, m.stderr).toBe(0)
})

afterAll(async () => {
  for (const c of children) c.kill()
  await new Promise((r) => jwks.close(r))
})

const ANALYSIS = "/appeals/analysis?period=2021-03&asOf=2021-03-31"

describe.each([
  ["publicKeyFile (a PEM file beside the configuration)", () => ({ publicKeyFile: "idp.pem" })],
  ["jwksUrl (the provider's JWKS endpoint)", () => ({ jwksUrl })]
])("cityhall serve with the city's identity provider: %s", (name, key) => {
  let base = ""
  beforeAll(async () => {
    base = await serve(config(`${name.slice(0, 6)}.config.json`, key()))
  })

  it("the provider's tokens are verified and their claims mapped to roles: each role can do what it may, and no more", async () => {
    const clerk = await sign({ preferred_username: "ivanova", cityhall_role: "registry" })
    const deputy = await sign({ preferred_username: "petrov", cityhall_role: "deputy" })
    expect((await get(base, "/appeals?state=Registered&limit=5", clerk)).status).toBe(200)
    // the monthly analysis is the controllers' work (App.Access.rules: readAnalysis)
    expect((await get(base, ANALYSIS, deputy)).status).toBe(200)
    const refused = await get(base, ANALYSIS, clerk)
    expect(refused.status).toBe(403)
    expect(refused.text).toContain("readAnalysis")
  })

  it("a token of another key, issuer or audience, an expired one, an unmapped or missing role and the city's own HMAC token are 401", async () => {
    const claims = { preferred_username: "ivanova", cityhall_role: "registry" }
    const hmac = HmacTokens.make({ secret: SECRET }).sign(
      { subject: "ivanova", role: "clerk" },
      { expiresInSeconds: 3600 }
    )
    const bad = [
      await sign(claims, { key: stranger.privateKey }),
      await sign(claims, { iss: "https://evil.example" }),
      await sign(claims, { aud: "someone-else" }),
      await sign(claims, { exp: "-1m" }),
      await sign({ preferred_username: "ivanova", cityhall_role: "superuser" }),
      await sign({ preferred_username: "ivanova" }),
      hmac,
      "not.a.token"
    ]
    for (const token of bad) {
      const r = await get(base, "/appeals?state=Registered&limit=5", token)
      expect(r.status, `${token.slice(0, 40)}: ${r.text}`).toBe(401)
    }
  })
})

describe("cityhall serve refuses a key it cannot use, naming it", () => {
  it("a missing key file and a file that is not a key stop serve at start (exit 1)", async () => {
    await expect(serve(config("missing.config.json", { publicKeyFile: "nowhere.pem" }))).rejects.toThrow(
      /exited with 1: .*tokens\.jwt\.publicKeyFile: .*nowhere\.pem/s
    )
    await expect(serve(config("garbage.config.json", { publicKeyFile: "not-a-key.pem" }))).rejects.toThrow(
      /exited with 1: .*publicKeyFile/s
    )
  })
})
