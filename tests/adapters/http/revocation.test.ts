/**
 * The revocation list: a token with an id is refused (401 revoked) on every
 * server of the store once an administrator revokes it; other tokens work.
 */
import { Effect, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { MemoryStore } from "../../../adapters/memory/index.js"
import { App, type Ids } from "../../../src/index.js"
import { start, tokens } from "./harness.js"

describe("HTTP: revoked tokens", () => {
  it("a revoked token is 401 revoked on two servers of one store; another token still works; revoking again changes nothing", async () => {
    const shared = ManagedRuntime.make(MemoryStore.layer)
    const a = await start({ shared })
    const b = await start({ shared })
    try {
      const clerk = tokens.sign(
        { subject: "clerk-9", role: "clerk", tokenId: "tok-clerk-9-0001" },
        { expiresInSeconds: 3600 }
      )
      const other = tokens.sign(
        { subject: "clerk-9", role: "clerk", tokenId: "tok-clerk-9-0002" },
        { expiresInSeconds: 3600 }
      )
      expect((await a.call("GET", "/appeals/mine", { token: clerk })).status).toBe(200)
      const admin = new App.Principal.Principal({ subject: "admin-1" as Ids.ActorId, role: "administrator" })
      const revoke = App.Tokens.revoke(admin, "tok-clerk-9-0001", "the laptop was lost").pipe(
        Effect.provide(App.City.layerOf(App.City.reference))
      )
      const first = await shared.runPromise(revoke)
      expect(first.events).toHaveLength(1)
      expect((await shared.runPromise(revoke)).events).toHaveLength(0)
      for (const s of [a, b]) {
        const r = await s.call("GET", "/appeals/mine", { token: clerk })
        expect(r.status).toBe(401)
        expect(r.body).toMatchObject({ _tag: "Unauthorized", reason: "revoked" })
        expect((await s.call("GET", "/appeals/mine", { token: other })).status).toBe(200)
      }
      // only administrators revoke
      const clerkP = new App.Principal.Principal({ subject: "clerk-9" as Ids.ActorId, role: "clerk" })
      const refused = await shared.runPromise(
        Effect.either(
          App.Tokens.revoke(clerkP, "tok-clerk-9-0002", "no").pipe(Effect.provide(App.City.layerOf(App.City.reference)))
        )
      )
      expect(refused._tag === "Left" && refused.left._tag).toBe("AccessDenied")
    } finally {
      await a.close()
      await b.close()
      await shared.dispose()
    }
  })
})
