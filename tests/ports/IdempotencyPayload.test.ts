/**
 * An idempotency key is compared with the command it was first used with:
 * the same key and the same command (whatever its instant) answers the
 * first result and writes nothing; the same key with another command is an
 * `IdempotencyKeyConflict` (`otherPayload`) and writes nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { Ports } from "../../src/index.js"
import { Ledger } from "../../src/testing/index.js"
import { runs } from "../support/runs.js"

const { CommandHandler, EventStore } = Ports
const at = (minute: number) => new Date(Date.UTC(2021, 2, 15, 2, minute))

describe("idempotency keys compared with their command", () => {
  it("the same key: the same command answers the first result; another command is a conflict; nothing written either way", () =>
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 59 }),
        async (first, second, minute) => {
          const program = Effect.gen(function* () {
            const store = yield* EventStore.EventStore
            yield* CommandHandler.handle(
              Ledger.definition,
              "L-1",
              Ledger.Open.make({ owner: "o-1", division: "d-1", at: at(0) })
            )
            const deposit = (amount: number, m: number) =>
              Effect.either(
                CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount, at: at(m) }), {
                  idempotencyKey: "k-1"
                })
              )
            const one = yield* deposit(first, 1)
            expect(Either.isRight(one)).toBe(true)
            const head = yield* store.head
            const two = yield* deposit(second, minute)
            expect(yield* store.head).toBe(head)
            if (first === second) {
              expect(Either.isRight(two) && two.right.duplicate).toBe(true)
            } else {
              expect(Either.isLeft(two) && two.left._tag === "IdempotencyKeyConflict").toBe(true)
              if (Either.isLeft(two) && two.left._tag === "IdempotencyKeyConflict")
                expect(two.left.reason).toBe("otherPayload")
            }
          })
          await Effect.runPromise(program.pipe(Effect.provide(MemoryStore.layer)))
        }
      ),
      { numRuns: runs(100) }
    ))

  it("canonical: key order and the instant `at` do not matter; any other field does", () => {
    expect(CommandHandler.canonical({ b: 1, a: 2, at: at(1) })).toBe(
      CommandHandler.canonical({ a: 2, b: 1, at: at(2) })
    )
    expect(CommandHandler.canonical({ a: 1 })).not.toBe(CommandHandler.canonical({ a: 2 }))
    expect(CommandHandler.canonical({ a: { at: 1 } })).not.toBe(CommandHandler.canonical({ a: { at: 2 } }))
  })
})
