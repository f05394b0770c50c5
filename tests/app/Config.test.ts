/**
 * A city's configuration: strict decoding, and every disagreement between
 * its pieces a typed InvalidConfig naming the path in the file.
 */
import { Either, FastCheck as fc, JSONSchema, Schema } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { App, Demo, Organisation, ProductionCalendarData } from "../../src/index.js"

const { Config } = App
const base = {
  format: "cityhall.config/1",
  city: { name: "Демоград", timeZone: "Asia/Vladivostok" },
  store: "sqlite:city.sqlite",
  tokens: { hmac: { secretEnv: "CITYHALL_SECRET" } }
}
const organisation = Schema.encodeSync(Organisation.Organisation)(Demo.City.organisation)

const resolve = (input: unknown, loaded: Partial<App.Config.Loaded> = {}) =>
  Either.flatMap(Config.decode(input), (c) => Config.resolve(c, { calendars: [], ...loaded }))
const failure = (input: unknown, loaded: Partial<App.Config.Loaded> = {}) => {
  const r = resolve(input, loaded)
  if (Either.isRight(r)) throw new Error("expected InvalidConfig")
  return r.left
}

describe("App.Config", () => {
  it("the smallest configuration resolves to the shipped calendar, the zone, a SQLite store and HMAC tokens", () => {
    const r = Either.getOrThrow(resolve(base))
    expect(r.name).toBe("Демоград")
    expect(r.store).toStrictEqual({ kind: "sqlite", path: "city.sqlite", url: "sqlite:city.sqlite" })
    expect(r.city.timeZone).toBe("Asia/Vladivostok")
    expect(r.city.calendar?.officialThrough).toBe("2026-12-31")
    expect(r.tokens).toStrictEqual({ hmac: { secretEnv: "CITYHALL_SECRET" } })
    expect(Either.isRight(App.City.make(r.city))).toBe(true)
  })

  it("an organisation inline or from a file, a calendar file, deeper classifier levels, prefixes and a PostgreSQL store", () => {
    const r = Either.getOrThrow(
      resolve(
        {
          ...base,
          organisation: "organisation.json",
          classifier: { file: "classifier.json" },
          calendar: { files: ["calendar-2027.json"], presidentialNonWorkingDays: false },
          appeals: { policy: "nextWorkingDay", prefixes: { submission: "EL", outgoing: "Исх" } },
          store: "postgres://postgres@127.0.0.1:5432/city",
          broker: "nats://127.0.0.1:4222"
        },
        {
          organisation,
          classifier: {
            source: "Типовой общероссийский тематический классификатор обращений (третий уровень, выдержка)",
            entries: [{ code: "0005.0005.0056", name: "Жилищно-коммунальная сфера (подробнее)" }]
          },
          calendars: [
            { format: "cityhall.calendar/1", years: [{ year: 2027, source: "Постановление (пример)", transfers: [] }] }
          ]
        }
      )
    )
    expect(r.city.organisation?.divisions.length).toBe(Demo.City.organisation.divisions.length)
    expect(r.city.classifier?.depth).toBe(3)
    expect(r.city.calendar?.officialThrough).toBe("2027-12-31")
    expect(r.city.calendar?.presidentialNonWorkingDays).toBe(false)
    expect(r.city.policy).toBe("nextWorkingDay")
    expect(r.city.prefixes).toStrictEqual({ submission: "EL", outgoing: "Исх" })
    expect(r.store).toStrictEqual({ kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/city" })
    expect(r.broker).toBe("nats://127.0.0.1:4222")
    expect(Either.getOrThrow(resolve({ ...base, organisation })).city.organisation?.name).toBe(
      Demo.City.organisation.name
    )
  })

  it("what does not decode or disagrees names its path", () => {
    const badDuty = {
      ...organisation,
      duty: {
        ...organisation.duty,
        assignments: organisation.duty.assignments.map((a, i) => (i === 0 ? { ...a, controller: "nobody" } : a))
      }
    }
    const cases: ReadonlyArray<readonly [unknown, Partial<App.Config.Loaded>, string]> = [
      [{ ...base, extra: true }, {}, "extra"],
      [{ ...base, city: { name: "X", timeZone: "Asia/Vladivostok", mayor: "Y" } }, {}, "city.mayor"],
      [{ ...base, store: "mysql://db/city" }, {}, "store"],
      [{ ...base, store: "redis://x" }, {}, "store"],
      [{ ...base, broker: "amqp://x" }, {}, "broker"],
      [{ ...base, city: { name: "X", timeZone: "Mars/Olympus" } }, {}, "city.timeZone"],
      [{ ...base, tokens: { hmac: { secret: "inline secrets are refused" } } }, {}, "tokens"],
      [{ ...base, organisation: badDuty }, {}, "organisation.duty"],
      [
        { ...base, calendar: { files: ["bad.json"] } },
        {
          calendars: [
            {
              format: "cityhall.calendar/1",
              years: [{ year: 2027, source: "x", transfers: [{ from: "01-02", to: "02-23" }] }]
            }
          ]
        },
        "calendar.files"
      ],
      [{ ...base, calendar: { files: ["bad.json"] } }, { calendars: [{ years: [] }] }, "calendar.files[0]"],
      [
        { ...base, classifier: { file: "c.json" } },
        { classifier: { source: "x", entries: [{ code: "0099.0001.0001", name: "без родителя" }] } },
        "classifier.file"
      ],
      [{ ...base, appeals: { prefixes: { submission: "ЭЛ" } } }, {}, "appeals.prefixes.submission"],
      [{ ...base, appeals: { prefixes: { outgoing: "Исх-1" } } }, {}, "appeals.prefixes.outgoing"],
      [{ ...base, appeals: { policy: "whenever" } }, {}, "appeals.policy"]
    ]
    for (const [input, loaded, path] of cases) {
      const e = failure(input, loaded)
      expect([e._tag, e.path.startsWith(path)], `${path}: ${e.message}`).toStrictEqual(["InvalidConfig", true])
    }
  })

  it("a store URL: sqlite:PATH, a bare path, postgres://; another scheme is refused", () => {
    expect(Config.parseStore("city.sqlite")).toStrictEqual(
      Either.right({ kind: "sqlite", path: "city.sqlite", url: "sqlite:city.sqlite" })
    )
    expect(Config.parseStore("postgresql://u@h/db")).toStrictEqual(
      Either.right({ kind: "postgres", url: "postgresql://u@h/db" })
    )
    expect(Either.isLeft(Config.parseStore("mongodb://h/db"))).toBe(true)
    expect(Either.isLeft(Config.parseStore("sqlite:"))).toBe(true)
  })

  it("never throws on any JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const r = resolve(json)
        expect(Either.isLeft(r) ? r.left._tag : "ok").toMatch(/^(InvalidConfig|ok)$/)
      })
    )
  })

  it("the term policy: entries with their sources reach the city's settings; a bad entry is named by its path", () => {
    const terms = [
      {
        id: "migration",
        kind: "legal",
        addressee: "mayor",
        topic: "0001.0002",
        days: 20,
        source: "59-FZ art. 12 p. 1.1"
      },
      { id: "draft", kind: "internal", workingDaysBefore: 5, source: "Регламент администрации, п. 4.2" }
    ]
    const r = Either.getOrThrow(resolve({ ...base, appeals: { terms } }))
    const city = Either.getOrThrow(App.City.make(r.city))
    expect(city.appealSettings.terms.entries.map((e) => e.id)).toStrictEqual(["migration", "draft"])
    expect(failure({ ...base, appeals: { terms: [{ ...terms[0], days: 0 }] } })).toMatchObject({
      path: "appeals.terms[0].days"
    })
    expect(failure({ ...base, appeals: { terms: [terms[1], { ...terms[0], days: 31 }] } }).path).toBe(
      "appeals.terms[1].days"
    )
    expect(failure({ ...base, appeals: { terms: [{ ...terms[0], topic: "0042" }] } }).path).toBe(
      "appeals.terms[0].topic"
    )
    expect(failure({ ...base, appeals: { terms: [{ ...terms[1], extra: 1 }] } }).path).toMatch(/^appeals\.terms\[0\]/)
  })

  it("serve's rate limit: given as perSecond and burst, whole numbers from 1; anything else names its path", () => {
    const r = Either.getOrThrow(resolve({ ...base, http: { rateLimit: { perSecond: 500, burst: 2000 } } }))
    expect(r.http).toStrictEqual({ rateLimit: { perSecond: 500, burst: 2000 } })
    expect(Either.getOrThrow(resolve(base)).http).toBeUndefined()
    expect(failure({ ...base, http: { rateLimit: { perSecond: 0, burst: 10 } } }).path).toBe("http.rateLimit.perSecond")
    expect(failure({ ...base, http: { rateLimit: { perSecond: 5, burst: 2.5 } } }).path).toBe("http.rateLimit.burst")
    expect(failure({ ...base, http: { rateLimit: { perSecond: 5 } } }).path).toBe("http.rateLimit.burst")
    expect(failure({ ...base, http: { rateLimt: { perSecond: 5, burst: 5 } } }).path).toBe("http.rateLimt")
  })

  it("docs/config.schema.json is the configuration file's JSON Schema", () => {
    const documented = JSON.parse(readFileSync(new URL("../../docs/config.schema.json", import.meta.url), "utf8"))
    expect(documented).toStrictEqual(JSON.parse(JSON.stringify(JSONSchema.make(Config.ConfigFile))))
  })

  it("the shipped calendar data is untouched by a city's file (the file adds or replaces years only)", () => {
    expect(ProductionCalendarData.YEARS.map((y) => y.year)).toContain(2026)
  })
})
