/**
 * PostgreSQL under concurrency and faults (`CITYHALL_PG_URL`; a dedicated
 * schema per run, dropped at the end):
 * - 8 writers x 1,000 commands on 40 overlapping ledgers: every
 *   acknowledged command is in the store exactly once, no update is lost,
 *   conflicts are typed (`ConcurrencyConflict`) and retried;
 * - the connection of an append is terminated mid-transaction (after its
 *   events are written, while it waits for a lock): a typed `StorageError`,
 *   nothing half-written, and the store works afterwards.
 */
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Deferred, Duration, Effect, Exit, Fiber, Layer, Option, Redacted, Schedule } from "effect"
import { PostgresStore } from "../../adapters/postgres/index.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { ConcurrencyConflict } from "../../src/ports/Errors.js"
import { EventStore, type NewEvent } from "../../src/ports/EventStore.js"
import { ReadModels } from "../../src/ports/ReadModels.js"
import * as Ledger from "../../src/testing/Ledger.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "") {
  console.log(
    "PostgreSQL reliability tests skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )
}
const enabled = url !== undefined && url !== ""

const freshSchema = (what: string) => `cityhall_rel_${what}_${process.pid}_${Date.now().toString(36)}`

const at = new Date("2021-03-01T09:00:00Z")
const WRITERS = 8
const COMMANDS = 1_000
const LEDGERS = 40

describe.skipIf(!enabled)("PostgreSQL: concurrency and faults", () => {
  it.live(
    `${WRITERS} writers x ${COMMANDS} commands on ${LEDGERS} overlapping ledgers: exactly once, no lost update, conflicts typed and retried`,
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore
        const readModels = yield* ReadModels
        for (let l = 0; l < LEDGERS; l++) {
          yield* CommandHandler.handle(
            Ledger.definition,
            `L-${l}`,
            Ledger.Open.make({ owner: `o${l}`, division: "d", at })
          )
        }
        let conflicts = 0
        const acknowledged = new Map<string, { readonly ledger: string; readonly amount: number }>()
        // A writer retries a conflicting command itself (maxAttempts 1), so each conflict is seen, typed.
        const send = (w: number, i: number) => {
          // a ledger drawn by a hash of (writer, command), and every 20th command of every writer on one hot ledger:
          // writers keep in step (appends on PostgreSQL take the head in turn), so they load the hot one at once
          // and conflict there whatever the scheduler does. (A linear choice, (7919 w + 104729 i) mod 40, met
          // only writers that drifted 9+ steps apart: none once appends queued fairly.)
          const ledger = i % 20 === 0 ? "L-0" : `L-${(Math.imul(w * COMMANDS + i + 1, 2654435761) >>> 0) % LEDGERS}`
          const note = `w${w}-c${i}`
          const amount = 1 + ((w + i) % 9)
          const once = CommandHandler.handle(Ledger.definition, ledger, Ledger.Deposit.make({ amount, at, note }), {
            idempotencyKey: note,
            maxAttempts: 1
          })
          return once.pipe(
            Effect.tapError((e) =>
              Effect.sync(() => {
                if (e instanceof ConcurrencyConflict) conflicts++
              })
            ),
            Effect.retry({ while: (e) => e instanceof ConcurrencyConflict, times: 1_000 }),
            Effect.tap((r) =>
              Effect.sync(() => {
                expect(r.duplicate).toBe(false)
                acknowledged.set(note, { ledger, amount })
              })
            )
          )
        }
        yield* Effect.forEach(
          Array.from({ length: WRITERS }, (_, w) => w),
          (w) =>
            Effect.forEach(
              Array.from({ length: COMMANDS }, (_, i) => i),
              (i) => send(w, i),
              { discard: true }
            ),
          { concurrency: WRITERS, discard: true }
        )
        expect(acknowledged.size).toBe(WRITERS * COMMANDS)
        console.log(`postgres reliability: ${conflicts} conflicts typed and retried in ${WRITERS * COMMANDS} commands`)
        expect(conflicts).toBeGreaterThan(0)

        const all = yield* store.readAll(0)
        expect(all.length).toBe(LEDGERS + WRITERS * COMMANDS)
        expect(all.map((e) => e.position)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1))
        const seen = new Map<string, number>()
        for (const e of all) {
          if (e.type !== "Deposited") continue
          const note = (e.payload as { readonly note: string }).note
          seen.set(note, (seen.get(note) ?? 0) + 1)
          expect(acknowledged.get(note)?.ledger).toBe(e.streamId)
        }
        expect(seen.size).toBe(acknowledged.size)
        expect([...seen.values()].every((n) => n === 1)).toBe(true)
        // No lost update: each ledger's balance (replayed, and in the read model) is the sum of its acknowledged deposits.
        for (let l = 0; l < LEDGERS; l++) {
          const id = `L-${l}`
          const expected = [...acknowledged.values()].filter((a) => a.ledger === id).reduce((n, a) => n + a.amount, 0)
          const loaded = yield* CommandHandler.load(Ledger.definition, id)
          expect(loaded.state._tag === "Open" ? loaded.state.balance : -1).toBe(expected)
          expect(loaded.events.map((_, k) => k + 1)).toEqual(
            (yield* store.read({ category: "ledger", id })).map((e) => e.version)
          )
          const row = yield* readModels.get(Ledger.Accounts.name, id)
          expect(row._tag === "Some" ? (row.value.data as { readonly balance: number }).balance : -1).toBe(expected)
        }
      }).pipe(
        Effect.provide(
          PostgresStore.layer({
            url: Redacted.make(url ?? ""),
            schema: freshSchema("conc"),
            dropSchemaOnClose: true,
            maxConnections: 12
          })
        )
      ),
    600_000
  )

  it.live(
    "a connection terminated mid-transaction: a typed StorageError, nothing half-written, the store works afterwards",
    () => {
      const schema = freshSchema("drop")
      const admin = PostgresStore.client({ url: Redacted.make(url ?? ""), schema })
      return Effect.gen(function* () {
        const store = yield* EventStore
        const sql = yield* PgClient.PgClient
        const batches = Array.from({ length: 50 }, (_, s) => ({
          stream: { category: "ledger", id: `D-${s}` },
          expectedVersion: 0,
          idempotencyKey: `drop-${s}`,
          events: [
            {
              eventId: `ledger/D-${s}/1`,
              type: "Opened",
              payload: { _tag: "Opened", owner: `o${s}`, division: "d", at: at.toISOString() },
              recordedAt: at.toISOString()
            },
            {
              eventId: `ledger/D-${s}/2`,
              type: "Deposited",
              payload: { _tag: "Deposited", amount: s + 1, at: at.toISOString() },
              recordedAt: at.toISOString()
            }
          ] satisfies ReadonlyArray<NewEvent>
        }))
        const locked = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        // The admin connection holds a lock that blocks writing the idempotency keys, i.e. after the
        // append has taken the head row, moved the streams and written the events.
        const holder = yield* Effect.fork(
          sql.withTransaction(
            Effect.gen(function* () {
              yield* sql`LOCK TABLE cityhall_idempotency IN EXCLUSIVE MODE`
              yield* Deferred.succeed(locked, undefined)
              yield* Deferred.await(release)
            })
          )
        )
        yield* Deferred.await(locked)
        const append = yield* Effect.fork(Effect.exit(store.appendMany(batches)))
        const blocked = sql<{
          readonly pid: number
        }>`SELECT l.pid FROM pg_locks l WHERE l.relation = ${`${schema}.cityhall_idempotency`}::regclass AND NOT l.granted`
        const pids = yield* blocked.pipe(
          Effect.filterOrFail((rows) => rows.length > 0),
          Effect.retry(Schedule.spaced("20 millis").pipe(Schedule.upTo(Duration.seconds(30))))
        )
        // The append is in flight: its events are written, not committed. Kill its connection.
        const inFlight = yield* sql<{
          readonly n: number
        }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${pids[0]!.pid} AND state = 'active'`
        expect(inFlight[0]?.n).toBe(1)
        yield* sql`SELECT pg_terminate_backend(${pids[0]!.pid})`
        yield* Deferred.succeed(release, undefined)
        yield* Fiber.join(holder)
        const result = yield* Fiber.join(append).pipe(
          Effect.timeoutFail({
            duration: "20 seconds",
            onTimeout: () => new Error("the append did not answer within 20 s after its connection was terminated")
          })
        )

        expect(Exit.isFailure(result)).toBe(true)
        // What the caller got: a typed failure (its tag), or a defect (its constructor name).
        const got = Exit.isFailure(result)
          ? Option.match(Cause.failureOption(result.cause), {
              onSome: (e) => e._tag,
              onNone: () =>
                `defect ${Option.match(Cause.dieOption(result.cause), { onSome: (d) => (d instanceof Error ? `${d.name}: ${d.message}` : String(d)), onNone: () => "interrupt" })}`
            })
          : "success"
        // Nothing half-written: no event, no stream, no key, head unchanged.
        expect(yield* store.head).toBe(0)
        expect((yield* store.readAll(0)).length).toBe(0)
        const counts = yield* sql<{ readonly e: number; readonly s: number; readonly k: number }>`
        SELECT (SELECT count(*)::int FROM cityhall_events) AS e, (SELECT count(*)::int FROM cityhall_streams) AS s, (SELECT count(*)::int FROM cityhall_idempotency) AS k`
        expect(counts[0]).toEqual({ e: 0, s: 0, k: 0 })
        // The store works afterwards (the pool replaces the dead connection): the retry writes everything once.
        const retried = yield* store
          .appendMany(batches)
          .pipe(Effect.retry({ times: 3, schedule: Schedule.spaced("100 millis") }))
        expect(retried.every((r) => !r.duplicate)).toBe(true)
        expect(yield* store.head).toBe(100)
        const again = yield* store.appendMany(batches)
        expect(again.every((r) => r.duplicate)).toBe(true)
        expect(yield* store.head).toBe(100)
        // Last, so the guarantees above are checked either way: the failure must be a typed StorageError, never a defect.
        expect(got).toBe("StorageError")
      }).pipe(
        Effect.provide(
          Layer.merge(PostgresStore.layer({ url: Redacted.make(url ?? ""), schema, dropSchemaOnClose: true }), admin)
        )
      )
    },
    120_000
  )
})
