/**
 * The appeals' search on every store adapter: the search documents are a
 * read model of the appeal aggregate (`Appeals.SearchRecords`), so on
 * random appeal histories a search answers exactly the appeals the naive
 * reference (`Ports.Search.matches` over each appeal's facts) matches, and
 * a rebuild of the read models from the events answers the same as the
 * incremental index. PostgreSQL's `russian` configuration has its worked
 * example: «дорога» finds «дороги» and «дорогам».
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, type Layer, Redacted } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import { App, Appeals, type Ids, Ports } from "../../src/index.js"
import { ConformanceSearch } from "../../src/testing/index.js"
import { runs } from "../support/runs.js"
import { histories } from "./appealHistories.js"

const url = process.env["CITYHALL_PG_URL"]
if (url === undefined || url === "")
  console.log(
    "postgres appeal search tests skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )

type Services =
  | Ports.EventStore.EventStore
  | Ports.ReadModels.ReadModels
  | Ports.Search.Search
  | Ports.EventStore.Maintenance

let schemas = 0
const stores: ReadonlyArray<{
  readonly name: string
  readonly layer: () => Layer.Layer<Services, unknown>
  readonly runs: number
  readonly skip: boolean
}> = [
  { name: "memory", layer: () => MemoryStore.layer, runs: 20, skip: false },
  { name: "sqlite", layer: () => SqliteStore.layerForTesting({ filename: ":memory:" }), runs: 8, skip: false },
  {
    name: "postgres",
    layer: () =>
      PostgresStore.layerForTesting({
        url: Redacted.make(url ?? ""),
        schema: `cityhall_appeal_search_${process.pid}_${Date.now()}_${schemas++}`,
        dropSchemaOnClose: true
      }),
    runs: 3,
    skip: url === undefined || url === ""
  }
]

const vocabulary = ConformanceSearch.vocabulary
const words = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 5 }).map((ws) => ws.join(", "))
const applicantArb = fc.option(
  fc
    .record({ name: words, email: fc.constantFrom("road@example.ru", "snow@example.ru") })
    .map((a) => new Appeals.Appeal.Applicant({ name: Redacted.make(a.name), email: Redacted.make(a.email) })),
  { nil: undefined }
)

/** Random appeal histories whose texts and applicants are written in the kit's vocabulary. */
const corpus = histories(6, new Date("2020-01-01T00:00:00Z"), new Date("2020-05-01T00:00:00Z")).chain((hs) =>
  fc.tuple(fc.array(fc.tuple(words, applicantArb), { minLength: hs.length, maxLength: hs.length })).map(([texts]) =>
    hs.map((h, i) =>
      h.map((c) => {
        const [text, applicant] = texts[i]!
        if (c._tag !== "RegisterAppeal" && c._tag !== "RegisterOralAppeal") return c
        const { applicant: _, ...rest } = c
        const fields = { ...rest, text: Redacted.make(text), ...(applicant !== undefined ? { applicant } : {}) }
        return c._tag === "RegisterAppeal"
          ? new Appeals.AppealCommand.RegisterAppeal(fields as never)
          : new Appeals.AppealCommand.RegisterOralAppeal(fields as never)
      })
    )
  )
)

const queries = fc.array(
  fc.record({
    terms: fc.uniqueArray(fc.constantFrom(...vocabulary.map(Ports.Search.normalise), "example"), {
      minLength: 1,
      maxLength: 2
    }),
    personal: fc.boolean()
  }),
  { minLength: 1, maxLength: 5 }
)

const table = Appeals.SearchRecords.Documents.name

const check = (
  hs: ReadonlyArray<ReadonlyArray<Appeals.AppealCommand.AppealCommand>>,
  qs: ReadonlyArray<{ readonly terms: ReadonlyArray<string>; readonly personal: boolean }>
) =>
  Effect.gen(function* () {
    const definition = Appeals.AppealRecords.definition
    for (const h of hs) for (const c of h) yield* Effect.either(Ports.CommandHandler.handle(definition, c.appealId, c))
    const facts: Array<Appeals.Appeal.AppealFacts> = []
    for (const h of hs) {
      const first = h[0]
      if (first === undefined) continue
      const s = (yield* Ports.CommandHandler.load(definition, first.appealId)).state
      if (s._tag !== "Unregistered") facts.push(s.appeal)
    }
    expect(facts).toHaveLength(hs.length) // every registration (with its replaced text) was taken
    const index = yield* Ports.Search.Search
    const answers = []
    for (const q of qs) {
      const got = (yield* index.search(table, q)).map((r) => r.key)
      const naive = facts
        .filter((a) => Ports.Search.matches(Appeals.SearchRecords.documentOf(a), q))
        .map((a) => a.appealId as string)
        .sort((a, b) => Ports.ReadModels.compareStrings(a, b))
      expect(got, JSON.stringify(q)).toStrictEqual(naive)
      answers.push(got)
    }
    yield* Ports.Rebuild.rebuild([definition])
    for (const [i, q] of qs.entries())
      expect((yield* index.search(table, q)).map((r) => r.key)).toStrictEqual(answers[i])
  })

const clerk = new App.Principal.Principal({ subject: "clerk-1" as Ids.ActorId, role: "clerk" })
const controller = new App.Principal.Principal({ subject: "ctl-1" as Ids.ActorId, role: "controller" })
const HOUSING = "0005.0005.0056.1134" as Appeals.Topic.TopicCode

const admin = new App.Principal.Principal({ subject: "admin-1" as Ids.ActorId, role: "administrator" })

const submit = (text: string, name: string) =>
  App.Appeals.submit(admin, {
    text: Redacted.make(text),
    topics: [HOUSING],
    applicant: new Appeals.Appeal.Applicant({ name: Redacted.make(name), email: Redacted.make("a@example.ru") })
  })

const city = Either.getOrThrow(App.City.make({ now: () => new Date("2021-03-01T12:00:00+10:00") }))
const ids = (p: { readonly items: ReadonlyArray<{ readonly appealId: string }> }) => p.items.map((r) => r.appealId)

describe("the appeals' search on every store", () => {
  for (const store of stores) {
    it.skipIf(store.skip)(
      `${store.name}: a search answers the naive reference on random histories; a rebuild answers the same`,
      async () => {
        await fc.assert(
          fc.asyncProperty(corpus, queries, (hs, qs) =>
            Effect.runPromise(Effect.scoped(Effect.provide(check(hs, qs), store.layer())))
          ),
          { numRuns: runs(store.runs) }
        )
      },
      120_000
    )

    it.skipIf(store.skip)(`${store.name}: App.Appeals.search by role, and word forms`, () =>
      Effect.runPromise(
        Effect.gen(function* () {
          const a = yield* submit("Яма на дороге у дома 5 по ул. Ленина", "Сидоров Пётр")
          const b = yield* submit("Разбиты дороги во дворе", "Петрова Анна")
          const c = yield* submit("Снег не убирают по дорогам", "Ленина Ольга")
          const found = yield* App.Appeals.search(clerk, "ЛЕНИНА", { limit: 10 })
          expect(found.personal).toBe(true)
          expect(ids(found)).toStrictEqual([a.state.appeal.appealId, c.state.appeal.appealId].sort())
          const ctl = yield* App.Appeals.search(controller, "ленина", { limit: 10 })
          expect(ctl.personal).toBe(false)
          expect(ids(ctl)).toStrictEqual([a.state.appeal.appealId])
          expect(ids(yield* App.Appeals.search(clerk, "петр", { limit: 10 }))).toStrictEqual([a.state.appeal.appealId])
          const page = yield* App.Appeals.search(clerk, "ленина", { limit: 1 })
          expect(page.items).toHaveLength(1)
          expect(page.next).toBe(page.items[0]?.appealId)
          for (const q of ["", "   ", '"дорога"', "дорог*", "(яма)", "яма NEAR дорога", "x".repeat(201), "на у"]) {
            const e = yield* Effect.flip(App.Appeals.search(clerk, q, { limit: 10 }))
            expect(e).toMatchObject({ _tag: "InvalidRequest", field: "q" })
          }
          // 59-FZ is silent; the word forms are the store's: PostgreSQL's `russian` configuration finds
          // «дороги», «дорогам» for «дорога»; SQLite and memory find the word as written
          const forms = ids(yield* App.Appeals.search(clerk, "дорога", { limit: 10 }))
          const expected =
            store.name === "postgres"
              ? [a, b, c].map((x) => x.state.appeal.appealId).sort()
              : ([] as ReadonlyArray<string>)
          expect(forms).toStrictEqual(expected)
          expect(ids(yield* App.Appeals.search(clerk, "дороги", { limit: 10 }))).toContain(b.state.appeal.appealId)
        }).pipe(Effect.provide(App.City.layerOf(city)), Effect.scoped, Effect.provide(store.layer()))
      )
    )
  }
})
