/**
 * The city configuration file as the CLI reads it: JSONC, files relative
 * to it, `cityhall init`'s starting file resolves as written, and every
 * failure one line naming the file and the path.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Config from "../../adapters/cli/internal/Config.js"
import { Demo, Organisation } from "../../src/index.js"

const dir = mkdtempSync(join(tmpdir(), "cityhall-config-"))
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

describe("the configuration file", () => {
  it("strips comments and trailing commas, never inside strings", () => {
    expect(JSON.parse(Config.stripComments('{ // a\n "a": "x // y", /* b */ "b": [1, 2,], }'))).toStrictEqual({
      a: "x // y",
      b: [1, 2]
    })
  })

  it("the starting file of `cityhall init` resolves as written: the city, the shipped calendar, a SQLite store beside it", () => {
    const file = write("cityhall.config.json", Config.starter("Демоград"))
    const r = Either.getOrThrow(Config.load(file))
    expect(r.name).toBe("Демоград")
    expect(r.store).toStrictEqual({
      kind: "sqlite",
      path: join(dir, "city.sqlite"),
      url: `sqlite:${join(dir, "city.sqlite")}`
    })
    expect(r.city.calendar?.officialThrough).toBe("2026-12-31")
    expect(r.tokens).toStrictEqual({ hmac: { secretEnv: "CITYHALL_SECRET" } })
  })

  it("reads the organisation and calendar files relative to it", () => {
    write("org.json", JSON.stringify(Schema.encodeSync(Organisation.Organisation)(Demo.City.organisation)))
    write(
      "cal.json",
      JSON.stringify({
        format: "cityhall.calendar/1",
        years: [{ year: 2027, source: "Постановление (пример)", transfers: [] }]
      })
    )
    const file = write(
      "city.json",
      JSON.stringify({
        format: "cityhall.config/1",
        city: { name: "Демоград", timeZone: "Asia/Vladivostok" },
        organisation: "org.json",
        calendar: { files: ["cal.json"] },
        store: "postgres://postgres@127.0.0.1:5432/test",
        tokens: { hmac: { secretEnv: "CITYHALL_SECRET" } }
      })
    )
    const r = Either.getOrThrow(Config.load(file))
    expect(r.city.organisation?.name).toBe(Demo.City.organisation.name)
    expect(r.city.calendar?.officialThrough).toBe("2027-12-31")
    expect(r.store.kind).toBe("postgres")
  })

  it("a missing file, bad JSON, a bad field or a missing named file: InvalidConfig naming the file and the path", () => {
    const fails = (file: string) => {
      const r = Config.load(file)
      if (Either.isRight(r)) throw new Error("expected a failure")
      return [r.left.kind, r.left.message] as const
    }
    expect(fails(join(dir, "none.json"))[1]).toContain("cannot be read")
    expect(fails(write("bad.json", "{ nope"))[1]).toContain("not JSON")
    const [kind, message] = fails(write("field.json", Config.starter("X").replace('"sqlite:city.sqlite"', '"ftp://x"')))
    expect(kind).toBe("InvalidConfig")
    expect(message).toMatch(/^--config .*field\.json: store: /)
    expect(
      fails(write("missing.json", Config.starter("X").replace('"files": []', '"files": ["nowhere.json"]')))[1]
    ).toMatch(/calendar\.files\[0\]: nowhere\.json/)
  })
})
