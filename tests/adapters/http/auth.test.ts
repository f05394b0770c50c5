/** The HMAC verifier keeps verified tokens, but never past their expiry. */
import { it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import { expect } from "vitest"
import { HmacTokens } from "../../../adapters/http/Auth.js"

it.effect(
  "a token verified once is refused after its expiry; a tampered one is refused although its twin was verified",
  () =>
    Effect.gen(function* () {
      const tokens = HmacTokens.make({ secret: "a secret of sixteen+ characters" })
      const token = tokens.sign({ subject: "clerk-1", role: "clerk" }, { expiresInSeconds: 60, now: new Date(0) })
      expect((yield* tokens.verify(token)).subject).toBe("clerk-1")
      expect((yield* tokens.verify(token)).role).toBe("clerk")
      const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`
      expect(Either.isLeft(yield* Effect.either(tokens.verify(tampered)))).toBe(true)
      yield* TestClock.adjust("61 seconds")
      const late = yield* Effect.either(tokens.verify(token))
      expect(Either.isLeft(late) && late.left.reason).toBe("expired")
    })
)
