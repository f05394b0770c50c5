/**
 * A city's own set-up through the CLI, in process: `init` writes a file
 * every command reads; `migrate` is explicit (report and serve refuse a
 * store with pending migrations); `token issue` signs every role's token
 * and `token revoke` puts one on the store's list; `import` and `report`
 * run the same on SQLite and PostgreSQL (from CITYHALL_PG_URL), with equal
 * reports; bad options are one typed line each.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { run } from "../../adapters/cli/Cli.js"
import * as Format from "../../adapters/cli/import/Format.js"
import { HmacTokens } from "../../adapters/http/Auth.js"
import { SqlMigrations } from "../../adapters/sql/index.js"
import { Demo } from "../../src/index.js"

/** The SQLite driver, to read and damage a store as an older version left it. */
interface Sqlite {
  prepare(sql: string): {
    all(): Array<Record<string, unknown>>
    get(): Record<string, unknown> | undefined
    run(): unknown
  }
  close(): void
}
const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  filename: string,
  options?: { readonly readonly?: boolean }
) => Sqlite

const cli = (...args: ReadonlyArray<string>) => Effect.runPromise(run(args))
/** Every migration's id: an empty store has them all pending. */
const all = SqlMigrations.migrations.map((m) => m.id)
const dir = mkdtempSync(join(tmpdir(), "cityhall-city-"))
const SECRET = "a-city-secret-of-32-characters!!"

const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const demo = Demo.Generator.generate({ seed: 2020 })
// a small city's records: the organisation, the plans of 2020, one appeal in 40, the election calendar
const lines = [
  ...demo.records.filter((r) => r.kind === "organisation"),
  ...demo.records.filter((r) => r.kind === "suspension"),
  ...demo.records.filter((r) => r.kind === "appeal").filter((_, i) => i % 40 === 0),
  ...demo.records.filter((r) => r.kind === "electionCalendar")
].map((r) => encode(r))
const file = join(dir, "records.jsonl")
writeFileSync(file, `${lines.join("\n")}\n`)

const withSecret = async <A>(secret: string | undefined, f: () => Promise<A>): Promise<A> => {
  const before = process.env.CITYHALL_SECRET
  if (secret === undefined) delete process.env.CITYHALL_SECRET
  else process.env.CITYHALL_SECRET = secret
  try {
    return await f()
  } finally {
    if (before === undefined) delete process.env.CITYHALL_SECRET
    else process.env.CITYHALL_SECRET = before
  }
}

describe("cityhall init and the configuration every command reads", () => {
  const config = join(dir, "cityhall.config.json")

  it("init writes the commented starting file, never over an existing one without --force", async () => {
    const r = await cli("init", "--name", "Тестоград", "--out", config)
    expect(r).toMatchObject({ exitCode: 0, stdout: `${config}\n` })
    expect(readFileSync(config, "utf8")).toMatch(/^\/\/ cityhall: the configuration of Тестоград/)
    const again = await cli("init", "--name", "Другой", "--out", config)
    expect(again.exitCode).toBe(1)
    expect(again.stderr).toMatch(/FileExists: --out: .* exists; give --force/)
    expect(readFileSync(config, "utf8")).toMatch(/Тестоград/)
    expect((await cli("init", "--name", "  ", "--out", join(dir, "x.json"))).stderr).toMatch(/InvalidName: --name/)
    expect((await cli("init", "--name", "Тестоград", "--out", config, "--force")).exitCode).toBe(0)
  })

  it("report refuses a store whose schema is not current and names `cityhall migrate`; migrate applies once", async () => {
    // an empty SQLite file: a store with every migration pending
    const empty = join(dir, "empty.sqlite")
    writeFileSync(empty, "")
    const refused = await cli("report", "annual", "--year", "2020", "--db", empty)
    expect(refused.exitCode).toBe(1)
    expect(refused.stderr).toContain(
      `migration${all.length === 1 ? "" : "s"} ${all.join(", ")} pending; run 'cityhall migrate' first`
    )
    const m = await cli("migrate", "--db", empty)
    expect(JSON.parse(m.stdout)).toStrictEqual({ applied: all, store: `sqlite:${empty}` })
    expect(JSON.parse((await cli("migrate", "--db", empty)).stdout).applied).toStrictEqual([])
    expect((await cli("report", "annual", "--year", "2020", "--db", empty)).exitCode).toBe(0)
  })

  it("the configuration's store is relative to the file; --db and --store override it", async () => {
    const m = await cli("migrate", "--config", config)
    expect(JSON.parse(m.stdout)).toStrictEqual({ applied: all, store: `sqlite:${join(dir, "city.sqlite")}` })
    expect(existsSync(join(dir, "city.sqlite"))).toBe(true)
    const other = join(dir, "other.sqlite")
    expect(JSON.parse((await cli("migrate", "--config", config, "--db", other)).stdout).store).toBe(`sqlite:${other}`)
    const bad = await cli("migrate", "--config", config, "--store", "mysql://x")
    expect(bad.exitCode).toBe(1)
    expect(bad.stderr).toMatch(/InvalidStore: --store:/)
    const broker = await cli("serve", "--config", config, "--broker", "http://127.0.0.1:4222", "--port", "0")
    expect(broker.exitCode).toBe(1)
    expect(broker.stderr).toMatch(/InvalidBroker: --broker: a broker is a nats:\/\/host:port URL/)
    const missing = await cli("migrate", "--config", join(dir, "none.json"))
    expect(missing.stderr).toMatch(/InvalidConfig: --config .*none\.json: the file: cannot be read/)
  })
})

describe("cityhall rebuild", () => {
  it("fills the read models a store written before them lacks (the applicants' keys, the reports' counters) and leaves the others equal; until then, commands that read refuse the store", async () => {
    const db = join(dir, "rebuild.sqlite")
    const imported = await cli("import", file, "--db", db)
    expect(imported.exitCode, imported.stderr).toBe(0)
    const rows = () => {
      const sqlite = new Database(db, { readonly: true })
      try {
        return {
          rows: sqlite.prepare("SELECT tbl, key, data FROM cityhall_rows ORDER BY tbl, key").all(),
          counters: sqlite
            .prepare("SELECT name, key, value FROM cityhall_counters WHERE value <> 0 ORDER BY name, key")
            .all(),
          events: Number(sqlite.prepare("SELECT count(*) AS n FROM cityhall_events").get()?.["n"])
        }
      } finally {
        sqlite.close()
      }
    }
    const before = rows()
    const tables = (r: ReturnType<typeof rows>) => new Set(r.rows.map((x) => String(x["tbl"])))
    expect(tables(before)).toContain("appeal_applicants")
    // a store of the version before: the new read models' rows were never written
    const sqlite = new Database(db)
    sqlite.prepare("DELETE FROM cityhall_rows WHERE tbl IN ('appeals_due', 'appeal_applicants')").run()
    sqlite.prepare("DELETE FROM cityhall_counters WHERE name IN ('appeals_questions', 'appeals_due_days')").run()
    sqlite.close()
    expect(tables(rows())).not.toContain("appeal_applicants")
    // a command that reads refuses such a store, naming the command that mends it, and writes nothing
    const stale = rows()
    const refused = await cli("report", "annual", "--year", "2020", "--db", db)
    expect(refused.exitCode).not.toBe(0)
    expect(refused.stderr).toMatch(/ReadModelsBehind: --db: .*earlier version.*run 'cityhall rebuild' first/)
    expect(refused.stdout).toBe("")
    expect(rows()).toStrictEqual(stale)
    const r = await cli("rebuild", "--db", db)
    expect(r.exitCode, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ store: `sqlite:${db}` })
    expect(JSON.parse(r.stdout).events).toBeGreaterThan(0)
    expect(rows()).toStrictEqual(before)
    // again: nothing changes
    expect((await cli("rebuild", "--db", db)).exitCode).toBe(0)
    expect(rows()).toStrictEqual(before)
    expect((await cli("report", "annual", "--year", "2020", "--db", db)).exitCode).toBe(0)
    const none = await cli("rebuild", "--db", join(dir, "nowhere.sqlite"))
    expect(none.exitCode).toBe(1)
    expect(none.stderr).toMatch(/NoStore: --db: no store at .*nowhere\.sqlite/)
  })
})

describe("cityhall token", () => {
  const config = join(dir, "tokens.config.json")
  beforeAll(async () => {
    await cli("init", "--name", "Тестоград", "--out", config)
    await cli("migrate", "--config", config)
  })

  it("issue signs a token of every role with the city's secret; the API's verifier reads its claims", async () => {
    const verifier = HmacTokens.make({ secret: SECRET })
    for (const [role, extra] of [
      ["citizen", []],
      ["clerk", []],
      ["divisionHead", ["--division", "housing"]],
      ["controller", ["--official", "deputy-2"]],
      ["administrator", []]
    ] as const) {
      const r = await withSecret(SECRET, () =>
        cli("token", "issue", "--config", config, "--role", role, "--subject", `${role}-1`, ...extra, "--json")
      )
      expect(r.exitCode).toBe(0)
      const out = JSON.parse(r.stdout)
      const principal = await Effect.runPromise(verifier.verify(out.token))
      expect(principal).toMatchObject({ role, subject: `${role}-1`, tokenId: out.tokenId })
      if (role === "divisionHead") expect(principal.division).toBe("housing")
      if (role === "controller") expect(principal.official).toBe("deputy-2")
      // another city's secret does not verify it
      const foreign = await Effect.runPromise(
        Effect.either(HmacTokens.make({ secret: `${SECRET}x` }).verify(out.token))
      )
      expect(foreign._tag).toBe("Left")
    }
    const plain = await withSecret(SECRET, () =>
      cli("token", "issue", "--config", config, "--role", "clerk", "--subject", "c-1", "--expires", "30m")
    )
    expect(plain.stdout.trim()).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
  })

  it("issue refuses what would not work, naming the option", async () => {
    const fails = async (secret: string | undefined, args: ReadonlyArray<string>, message: RegExp) => {
      const r = await withSecret(secret, () => cli("token", "issue", "--config", config, ...args))
      expect(r.exitCode, args.join(" ")).not.toBe(0)
      expect(r.stdout).toBe("")
      expect(r.stderr).toMatch(message)
    }
    await fails(undefined, ["--role", "clerk", "--subject", "c"], /BadSecret: CITYHALL_SECRET: not set/)
    await fails("short", ["--role", "clerk", "--subject", "c"], /BadSecret: CITYHALL_SECRET: .*at least 16/)
    await fails(SECRET, ["--role", "mayor", "--subject", "c"], /--role/)
    await fails(SECRET, ["--role", "divisionHead", "--subject", "h"], /MissingDivision: --division/)
    await fails(SECRET, ["--role", "clerk", "--subject", "a b"], /InvalidId: --subject/)
    await fails(SECRET, ["--role", "clerk", "--subject", "c", "--expires", "8 hours"], /InvalidDuration: --expires/)
    await fails(SECRET, ["--role", "clerk", "--subject", "c", "--expires", "400d"], /InvalidDuration: --expires/)
    const jwt = join(dir, "jwt.config.json")
    writeFileSync(
      jwt,
      JSON.stringify({
        format: "cityhall.config/1",
        city: { name: "J", timeZone: "Asia/Vladivostok" },
        store: "sqlite:j.sqlite",
        tokens: {
          jwt: { issuer: "https://id.example", jwksUrl: "https://id.example/jwks", claims: { role: "r" }, roles: {} }
        }
      })
    )
    const r = await withSecret(SECRET, () =>
      cli("token", "issue", "--config", jwt, "--role", "clerk", "--subject", "c")
    )
    expect(r.stderr).toMatch(/NoHmacTokens: .*identity provider https:\/\/id\.example/)
  })

  it("revoke records the token id on the store's list once; a bad id is refused", async () => {
    const first = await cli("token", "revoke", "tok-00000001", "--reason", "lost", "--config", config)
    expect(JSON.parse(first.stdout)).toStrictEqual({ tokenId: "tok-00000001", revoked: true })
    const again = await cli("token", "revoke", "tok-00000001", "--config", config)
    expect(JSON.parse(again.stdout)).toStrictEqual({ tokenId: "tok-00000001", revoked: false })
    expect((await cli("token", "revoke", "x", "--config", config)).stderr).toMatch(/InvalidTokenId: TOKEN_ID/)
    expect((await cli("token", "revoke", "tok-00000002", "--by", "a b", "--config", config)).stderr).toMatch(/--by/)
  })
})

const PG = process.env.CITYHALL_PG_URL
if (PG === undefined)
  console.info(
    "cityhall CLI on PostgreSQL: skipped; set CITYHALL_PG_URL=postgres://postgres@127.0.0.1:5432/test to run it"
  )

describe.skipIf(PG === undefined)("the same commands on SQLite and PostgreSQL", () => {
  const database = `cityhall_cli_${process.pid}_${Date.now()}`
  const base = new URL(PG ?? "postgres://localhost/test")
  const pg = new URL(base)
  pg.pathname = `/${database}`
  const admin = ["-h", base.hostname, "-p", base.port || "5432", "-U", base.username || "postgres"]
  beforeAll(() => {
    execFileSync("createdb", [...admin, database])
  })
  afterAll(() => {
    execFileSync("dropdb", [...admin, "--if-exists", database])
  })

  it("import, re-import and the reports agree on both stores", async () => {
    const sqlite = join(dir, "both.sqlite")
    const stores = [`sqlite:${sqlite}`, pg.toString()]
    const imported = []
    for (const store of stores) {
      const r = await cli("import", file, "--store", store)
      expect(r.exitCode, r.stderr).toBe(0)
      imported.push(JSON.parse(r.stdout))
      const again = JSON.parse((await cli("import", file, "--store", store)).stdout)
      expect(again.imported).toBe(0)
      expect(again.duplicates).toBe(lines.length)
    }
    expect(imported[0]).toStrictEqual(imported[1])
    for (const [kind, args] of [
      ["annual", ["--year", "2020"]],
      ["monthly", ["--month", "2020-03"]]
    ] as const) {
      const [a, b] = await Promise.all(
        stores.map((s) => cli("report", kind, ...args, "--format", "json", "--store", s))
      )
      expect(a?.exitCode).toBe(0)
      expect(a?.stdout).toBe(b?.stdout)
    }
    expect(JSON.parse((await cli("migrate", "--store", pg.toString())).stdout).applied).toStrictEqual([])
  })

  it("a PostgreSQL database that does not exist is one line naming the option, the password hidden", async () => {
    const none = new URL(pg)
    none.pathname = "/cityhall_no_such_database"
    none.password = "s3cret"
    const r = await cli("report", "annual", "--year", "2020", "--store", none.toString())
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^cityhall report annual: StorageError: --store: postgres:\/\/[^:]+:\*\*\*@/)
    expect(r.stderr).not.toMatch(/s3cret/)
  })
})
