import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { SqlMigrations } from "../../adapters/sql/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import * as Projection from "../../src/ports/Projection.js"
import * as Ledger from "../../src/testing/Ledger.js"

// The embedded default (the CLI's and the server's store) on a file: WAL mode,
// migrations once, and what was appended is there after the store is closed
// and opened again. The conformance kit runs on `:memory:` (sqlite.test.ts).
const at = new Date("2021-03-15T09:00:00.000Z")

describe("SQLite adapter on a file", () => {
  it.scoped("runs in WAL mode and keeps events, read models and keys across a reopen", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(path.join(tmpdir(), "cityhall-sqlite-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
      const filename = path.join(dir, "city.sqlite")
      // the store and its client, both in one layer (the client is what the store is built on)
      const open = SqliteStore.layer({ filename }).pipe(Layer.provideMerge(SqliteStore.client(filename)))
      const first = yield* Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const mode = yield* sql<{ readonly journal_mode: string }>`PRAGMA journal_mode`
        yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Open.make({ owner: "o-1", division: "d-1", at }))
        const deposited = yield* CommandHandler.handle(
          Ledger.definition,
          "L-1",
          Ledger.Deposit.make({ amount: 30, at }),
          { idempotencyKey: "dep-1" }
        )
        return { mode: mode[0]?.journal_mode, deposited }
      }).pipe(Effect.provide(open))
      expect(first.mode).toBe("wal")
      const reopened = yield* Effect.gen(function* () {
        const loaded = yield* CommandHandler.load(Ledger.definition, "L-1")
        const row = yield* Projection.get(Ledger.Accounts, "L-1")
        const again = yield* CommandHandler.handle(Ledger.definition, "L-1", Ledger.Deposit.make({ amount: 30, at }), {
          idempotencyKey: "dep-1"
        })
        const sql = yield* SqlClient.SqlClient
        const migrations = yield* sql<{ readonly n: number }>`SELECT count(*) AS n FROM cityhall_migrations`
        return { loaded, row, again, migrations: Number(migrations[0]?.n) }
      }).pipe(Effect.provide(open))
      expect([reopened.loaded.version, reopened.loaded.state]).toEqual([
        2,
        { _tag: "Open", owner: "o-1", division: "d-1", balance: 30 }
      ])
      expect(reopened.row._tag === "Some" && reopened.row.value.balance).toBe(30)
      expect([reopened.again.duplicate, reopened.again.version]).toEqual([true, first.deposited.version])
      expect(reopened.migrations).toBe(SqlMigrations.migrations.length) // each applied once
    })
  )
})
