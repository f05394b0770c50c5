import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Ref, Schema } from "effect"
import { Decider, Ports } from "../../src/index.js"
import { Ledger } from "../../src/testing/index.js"

const at = new Date("2021-03-15T09:00:00.000Z")

/** An event store whose appends always lose the race: counts the attempts. */
const alwaysConflicting = (attempts: Ref.Ref<number>) =>
  Layer.succeed(Ports.EventStore.EventStore, {
    append: (stream, expectedVersion) =>
      Effect.zipRight(
        Ref.update(attempts, (n) => n + 1),
        Effect.fail(
          new Ports.Errors.ConcurrencyConflict({
            stream: Ports.EventStore.streamName(stream),
            expected: expectedVersion,
            actual: expectedVersion + 1
          })
        )
      ),
    appendMany: () => Effect.succeed([]),
    version: () => Effect.succeed(0),
    read: () => Effect.succeed([]),
    readMany: (streams) => Effect.succeed(streams.map(() => [])),
    readAll: () => Effect.succeed([]),
    head: Effect.succeed(0),
    idempotency: () => Effect.succeed(Option.none())
  })

describe("CommandHandler", () => {
  it.effect("retries a conflict up to maxAttempts, then answers the ConcurrencyConflict", () =>
    Effect.gen(function* () {
      const attempts = yield* Ref.make(0)
      const error = yield* Ports.CommandHandler.handle(
        Ledger.definition,
        "L-1",
        Ledger.Open.make({ owner: "o", division: "d", at }),
        {
          maxAttempts: 3
        }
      ).pipe(Effect.flip, Effect.provide(alwaysConflicting(attempts)))
      expect(error._tag).toBe("ConcurrencyConflict")
      expect(yield* Ref.get(attempts)).toBe(3)
    })
  )

  it("prepare: event ids are stable (category/id/version) and the projections' writes follow the events", () => {
    const prepared = Ports.CommandHandler.prepare(
      Ledger.definition,
      { category: "ledger", id: "L-1" },
      { version: 0, state: Ledger.decider.initialState },
      [Ledger.Opened.make({ owner: "o", division: "d", at }), Ledger.Deposited.make({ amount: 5, at })],
      at.toISOString()
    )
    expect(Either.isRight(prepared)).toBe(true)
    if (Either.isRight(prepared)) {
      expect(prepared.right.newEvents.map((e) => e.eventId)).toEqual(["ledger/L-1/1", "ledger/L-1/2"])
      expect(prepared.right.newEvents[1]?.payload).toEqual({
        _tag: "Deposited",
        amount: 5,
        at: "2021-03-15T09:00:00.000Z"
      })
      expect(prepared.right.writes.filter((w) => w._tag === "CounterIncrement")).toEqual([
        { _tag: "CounterIncrement", counter: "ledger_accounts_by_status", key: ["d", "open"], delta: 1 },
        { _tag: "CounterIncrement", counter: "ledger_movements", key: ["2021-03", "d", "deposit"], delta: 5 }
      ])
    }
  })

  it("an event that does not encode is an EncodeError naming the stream and version", () => {
    const strict = Ports.Aggregate.make({
      ...Ledger.definition,
      eventSchema: Ledger.Event.pipe(Schema.filter((e) => (e._tag === "Deposited" ? "deposits are refused" : true)))
    })
    const prepared = Ports.CommandHandler.prepare(
      strict,
      { category: "ledger", id: "L-1" },
      { version: 3, state: Ledger.decider.initialState },
      [Ledger.Deposited.make({ amount: 5, at })],
      at.toISOString()
    )
    expect(Either.isLeft(prepared) && prepared.left._tag === "EncodeError" && prepared.left.name).toBe("ledger-L-1@4")
  })
})

describe("Ledger example aggregate", () => {
  it.prop(
    "events survive a JSON round trip through their schema",
    [Ledger.command, Ledger.command, Ledger.command],
    (commands) => {
      const run = Decider.run(Ledger.decider, [Ledger.Open.make({ owner: "o", division: "d", at }), ...commands])
      const events = Either.isRight(run) ? run.right.events : []
      for (const e of events) {
        const json = JSON.parse(JSON.stringify(Schema.encodeSync(Ledger.Event)(e))) as unknown
        expect(Schema.decodeUnknownSync(Ledger.Event)(json)).toEqual(e)
      }
    }
  )

  it("closing withdraws the balance first", () => {
    const run = Decider.run(Ledger.decider, [
      Ledger.Open.make({ owner: "o", division: "d", at }),
      Ledger.Deposit.make({ amount: 7, at }),
      Ledger.Close.make({ at })
    ])
    expect(Either.map(run, (r) => r.events.map((e) => e._tag))).toEqual(
      Either.right(["Opened", "Deposited", "Withdrawn", "Closed"])
    )
  })
})
