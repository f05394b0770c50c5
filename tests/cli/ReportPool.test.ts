/**
 * `serve`'s report worker (`ReportPool`): the pages and the API's annual
 * reports it writes on its thread are the ones written on the request loop,
 * from what is stored when asked; equal requests waiting together cost one
 * report; a store the worker cannot open fails with why; a stopped pool
 * refuses.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { run } from "../../adapters/cli/Cli.js"
import * as Format from "../../adapters/cli/import/Format.js"
import * as ReportPool from "../../adapters/cli/internal/ReportPool.js"
import * as Server from "../../adapters/cli/internal/Server.js"
import * as Setup from "../../adapters/cli/internal/Setup.js"
import * as Stores from "../../adapters/cli/internal/Stores.js"
import { App, Demo, Period } from "../../src/index.js"

const cli = (...args: ReadonlyArray<string>) => Effect.runPromise(run(args))
const dir = mkdtempSync(join(tmpdir(), "cityhall-pool-"))
const encode = Schema.encodeSync(Schema.parseJson(Format.ImportRecord))
const demo = Demo.Generator.generate({ seed: 2020 })
const appeals = demo.records.filter((r) => r.kind === "appeal")
const write = (name: string, records: ReadonlyArray<Format.ImportRecord>) => {
  const file = join(dir, name)
  writeFileSync(file, `${records.map((r) => encode(r)).join("\n")}\n`)
  return file
}

/** What the request loop answers (`Server.answer` / `App.Reports.annualText` in process). */
const inline = <A, E>(setup: Setup.Setup, effect: Effect.Effect<A, E, Stores.StoreServices | App.City.CityContext>) =>
  Effect.runPromise(
    Stores.withStore(
      setup.storeOption,
      setup.store,
      false,
      Effect.provide(effect, App.City.layerOf(setup.city)),
      "check"
    )
  )

describe("serve's report worker", () => {
  it("writes the pages and the API's annual report as the request loop does, from what is stored when asked", async () => {
    const db = join(dir, "city.sqlite")
    const first = write("first.jsonl", [
      ...demo.records.filter((r) => r.kind === "organisation"),
      ...appeals.filter((_, i) => i % 60 === 0)
    ])
    expect((await cli("import", first, "--db", db)).exitCode).toBe(0)
    const setup = Either.getOrThrow(Setup.resolve({ db, defaultDb: db, defaultConfig: false }))
    const annual: App.Reports.AnnualRequest = {
      year: 2020,
      asOf: Period.unsafeDay("2020-12-31"),
      lang: "en",
      format: "json"
    }
    await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const pool = yield* ReportPool.start(setup)
          const ask = (target: string) => Effect.promise(() => pool.pages(target))
          for (const target of ["/report/2020.json?lang=en", "/report/monthly/2020-03.md", "/", "/report/1900.json"]) {
            const off = yield* ask(target)
            const on = yield* Effect.promise(() => inline(setup, Server.answer(target)))
            expect(off).toEqual(on)
          }
          expect(yield* Effect.promise(() => pool.annual(annual))).toBe(
            yield* Effect.promise(() => inline(setup, App.Reports.annualText(annual)))
          )
          // ten equal requests at once, and one other: all answered, the equal ones alike
          const many = yield* Effect.promise(() =>
            Promise.all([
              ...Array.from({ length: 10 }, () => pool.pages("/report/2020.json")),
              pool.pages("/report/2020.md")
            ])
          )
          expect(new Set(many.slice(0, 10).map((a) => a.body)).size).toBe(1)
          expect(many[10]?.body).toContain("# ")
          expect(pool.waiting()).toBe(0)
          // a write shows in the next page: nothing of the store is kept between requests
          const before = JSON.parse((yield* ask("/report/2020.json")).body) as unknown
          const second = write(
            "second.jsonl",
            appeals.filter((_, i) => i % 60 === 1)
          )
          expect((yield* Effect.promise(() => cli("import", second, "--db", db))).exitCode).toBe(0)
          const after = JSON.parse((yield* ask("/report/2020.json")).body) as unknown
          expect(after).not.toEqual(before)
          expect(after).toEqual(
            JSON.parse((yield* Effect.promise(() => inline(setup, Server.answer("/report/2020.json")))).body)
          )
        })
      )
    )
  }, 120_000)

  it("fails to start, naming why, when the worker cannot open the store; refuses once stopped", async () => {
    const missing = join(dir, "missing.sqlite")
    const setup = Either.getOrThrow(Setup.resolve({ db: missing, defaultDb: missing, defaultConfig: false }))
    const failed = await Effect.runPromise(Effect.flip(Effect.scoped(ReportPool.start(setup))))
    expect(failed.message).toContain(`no store at ${missing}`)

    const db = join(dir, "stopped.sqlite")
    expect((await cli("import", write("empty.jsonl", []), "--db", db)).exitCode).toBe(0)
    const ok = Either.getOrThrow(Setup.resolve({ db, defaultDb: db, defaultConfig: false }))
    const pool = await Effect.runPromise(Effect.scoped(ReportPool.start(ok)))
    await expect(pool.pages("/")).rejects.toThrow("the server is stopping")
  }, 60_000)
})
