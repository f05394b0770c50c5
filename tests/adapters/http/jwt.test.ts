/**
 * A city's identity provider: JWTs verified with the provider's key (jose),
 * claims mapped to a principal; every failure a typed 401, and the mapped
 * principal acting over HTTP under the access policy.
 */
import { Effect, Either, Layer, ManagedRuntime } from "effect"
import * as jose from "jose"
import { describe, expect, it } from "vitest"
import { TokenVerifier } from "../../../adapters/http/Auth.js"
import * as Jwt from "../../../adapters/http/Jwt.js"
import * as Limits from "../../../adapters/http/Limits.js"
import * as Server from "../../../adapters/http/Server.js"
import { MemoryStore } from "../../../adapters/memory/index.js"
import { submission } from "./harness.js"

const ISSUER = "https://id.city.example"
const keys = await jose.generateKeyPair("RS256")
const other = await jose.generateKeyPair("RS256")
const spki = await jose.exportSPKI(keys.publicKey)
const options: Jwt.JwtOptions = {
  issuer: ISSUER,
  audience: "cityhall",
  key: { spki },
  claims: { role: "cityhall_role", division: "department" },
  roles: { resident: "citizen", registry: "clerk", head: "divisionHead", admin: "administrator" }
}

const sign = (
  claims: Record<string, unknown>,
  opts: { readonly key?: jose.CryptoKey; readonly exp?: string; readonly iss?: string; readonly aud?: string } = {}
) =>
  new jose.SignJWT(claims)
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? "cityhall")
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? "1h")
    .sign(opts.key ?? keys.privateKey)

const verify = async (token: string) =>
  Effect.runPromise(Effect.either(Effect.flatMap(Jwt.make(options), (v) => v.verify(token))))

describe("JWT tokens of the city's identity provider", () => {
  it("maps the subject, the role, the division", async () => {
    const r = await verify(await sign({ sub: "ivanova", cityhall_role: "head", department: "economy" }))
    expect(Either.getOrThrow(r)).toMatchObject({ subject: "ivanova", role: "divisionHead", division: "economy" })
  })

  it("every failure is a typed 401 reason: expired, bad signature, wrong issuer or audience, unmapped role, bad ids", async () => {
    const reason = async (token: string) => {
      const r = await verify(token)
      return Either.isLeft(r) ? (r.left._tag === "Unauthorized" ? r.left.reason : r.left._tag) : "accepted"
    }
    expect(await reason(await sign({ sub: "a", cityhall_role: "registry" }, { exp: "-1m" }))).toBe("expired")
    expect(await reason(await sign({ sub: "a", cityhall_role: "registry" }, { key: other.privateKey }))).toBe(
      "badSignature"
    )
    expect(await reason(await sign({ sub: "a", cityhall_role: "registry" }, { iss: "https://evil.example" }))).toBe(
      "malformed"
    )
    expect(await reason(await sign({ sub: "a", cityhall_role: "registry" }, { aud: "elsewhere" }))).toBe("malformed")
    expect(await reason(await sign({ sub: "a", cityhall_role: "janitor" }))).toBe("unknownRole")
    expect(await reason(await sign({ sub: "a" }))).toBe("unknownRole")
    expect(await reason(await sign({ sub: "not an id!", cityhall_role: "registry" }))).toBe("malformed")
    expect(await reason("not.a.jwt")).toBe("malformed")
  })

  it("a key that is not a public key is InvalidJwtSettings naming the field", async () => {
    const r = await Effect.runPromise(Effect.either(Jwt.make({ ...options, key: { spki: "-----BEGIN nonsense" } })))
    expect(Either.isLeft(r) && [r.left._tag, r.left.field]).toStrictEqual(["InvalidJwtSettings", "publicKeyFile"])
  })

  it("over HTTP: a resident's JWT submits an appeal; a 401 otherwise", async () => {
    const runtime = ManagedRuntime.make(MemoryStore.layer)
    const context = await runtime.runtime().then((r) => r.context)
    const web = Server.webHandler(
      Layer.mergeAll(
        Layer.succeedContext(context),
        Jwt.layer(options).pipe(Layer.orDie),
        Limits.layer({ rateCapacity: 1000, ratePerSecond: 1000 })
      )
    )
    try {
      const post = async (token: string) =>
        web.handler(
          new Request("http://cityhall.test/appeals/submissions", {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify(submission())
          })
        )
      const ok = await post(await sign({ sub: "resident-7", cityhall_role: "resident" }))
      expect(ok.status).toBe(201)
      expect(((await ok.json()) as { registeredBy: string }).registeredBy).toBe("resident-7")
      const refused = await post(
        await sign({ sub: "resident-7", cityhall_role: "resident" }, { key: other.privateKey })
      )
      expect(refused.status).toBe(401)
      expect(TokenVerifier.key).toBe("cityhall/adapters/http/TokenVerifier")
    } finally {
      await web.dispose()
      await runtime.dispose()
    }
  })
})
