import { SqlClient } from "@effect/sql"
import { Duration, Effect, Fiber, Layer, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { EventStore } from "../../src/ports/EventStore.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "") {
  console.log(
    "postgres head-row tests skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )
}

const event = (n: number) => ({
  eventId: crypto.randomUUID(),
  type: "Noted",
  payload: { n },
  recordedAt: "2021-03-14T00:00:00.000Z"
})

describe.skipIf(url === undefined || url === "")("postgres: a process's appends take the head row in turn", () => {
  const layer = PostgresStore.layerForTesting({
    url: Redacted.make(url ?? ""),
    schema: `cityhall_test_head_${process.pid}_${Date.now()}`,
    dropSchemaOnClose: true
  })
  const run = <A, E>(effect: Effect.Effect<A, E, EventStore | SqlClient.SqlClient>) =>
    Effect.runPromise(Effect.scoped(Effect.provide(effect, Layer.fresh(layer))))

  it("many concurrent appends all land, positions gap-free", async () => {
    const out = await run(
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* Effect.forEach(
          Array.from({ length: 40 }, (_, i) => i),
          (i) => store.append({ category: "note", id: `n${i % 8}-${i}` }, 0, [event(i), event(i)]),
          { concurrency: 16, discard: true }
        )
        return (yield* store.readAll(0)).map((e) => e.position)
      })
    )
    expect(out).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
  }, 60_000)

  it("appends inside a caller's transaction, while the process appends elsewhere, do not deadlock", async () => {
    const out = await run(
      Effect.gen(function* () {
        const store = yield* EventStore
        const sql = yield* SqlClient.SqlClient
        // the caller's transaction takes the head row with its first append and keeps it
        const outer = yield* Effect.fork(
          sql.withTransaction(
            Effect.gen(function* () {
              yield* store.append({ category: "note", id: "outer-1" }, 0, [event(1)])
              yield* Effect.sleep(Duration.millis(300))
              yield* store.append({ category: "note", id: "outer-2" }, 0, [event(2)])
            })
          )
        )
        yield* Effect.sleep(Duration.millis(100))
        // meanwhile other appends of this process wait for the head row (one of them in the database)
        const others = yield* Effect.fork(
          Effect.forEach([1, 2, 3], (i) => store.append({ category: "note", id: `other-${i}` }, 0, [event(10 + i)]), {
            concurrency: "unbounded",
            discard: true
          })
        )
        yield* Fiber.join(outer)
        yield* Fiber.join(others)
        return (yield* store.readAll(0)).map((e) => e.streamId)
      }).pipe(Effect.timeoutFail({ duration: Duration.seconds(20), onTimeout: () => new Error("deadlocked") }))
    )
    expect(out.slice(0, 2)).toEqual(["outer-1", "outer-2"])
    expect([...out.slice(2)].sort()).toEqual(["other-1", "other-2", "other-3"])
  }, 60_000)
})
