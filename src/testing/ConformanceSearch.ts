/**
 * The conformance suite of the search port (`Ports.Search`, rule 13 of
 * `docs/adapters.md`): one call checks that an adapter's search answers
 * what the reference ({@link Search.searchRows}) answers — examples of the
 * matching rule, a property over random corpora of documents and queries,
 * the index kept in the append's transaction, a rebuild (clear and write
 * again) equal to the incremental index, and typed refusals.
 *
 * The random corpora are drawn from a vocabulary of words whose forms do
 * not meet (no word is another's form, a part of another or a stop word),
 * so an adapter that also finds other forms of a word (PostgreSQL's
 * `russian` configuration) answers exactly the reference on them; word
 * forms have their own worked examples in the adapter's tests.
 *
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { MemoryStore } from "cityhall/adapters/memory"
 * import { ConformanceSearch } from "cityhall/testing"
 *
 * ConformanceSearch.run("memory", { it, layer: MemoryStore.layer })
 * ```
 *
 * @module
 */
import { Effect, Either, FastCheck as fc, type Layer, Runtime } from "effect"
import { InvalidQuery } from "../ports/Errors.js"
import { EventStore, Maintenance } from "../ports/EventStore.js"
import { applyWrites, emptySnapshot, ReadModels, type RowUpsert, type Write } from "../ports/ReadModels.js"
import * as Search from "../ports/Search.js"
import type { Runner, StoreServices } from "./Conformance.js"
import { ConformanceFailure } from "./ConformanceModel.js"

/** The options of {@link run}. */
export interface SearchRunOptions<ROut, E> {
  /** `it` from `@effect/vitest`. */
  readonly it: Runner
  /** The adapter under test, with its search service. */
  readonly layer: Layer.Layer<ROut | StoreServices | Search.Search, E>
  /** The least runs of the property (default 25). */
  readonly numRuns?: number
}

type R = StoreServices | Search.Search

/** The table the kit writes. */
export const table = `${Search.tablePrefix}kit`

/**
 * The vocabulary of the random corpora: Russian, Latin and digit words
 * whose forms and stems differ pairwise, none a part of another, none a
 * stop word of PostgreSQL's `russian` or `english` dictionaries.
 */
export const vocabulary: ReadonlyArray<string> = [
  "мусор",
  "дорога",
  "фонарь",
  "школа",
  "автобус",
  "крыша",
  "снег",
  "лифт",
  "двор",
  "мост",
  "ёлка",
  "road",
  "tree",
  "2021",
  "505"
]

const row = (key: string, fields: Search.SearchDocument, division: string | null = null): RowUpsert => ({
  _tag: "RowUpsert",
  table,
  key,
  data: { ...fields, division },
  index: [division, null, null, null]
})

const doc = (pub: string, personal = ""): Search.SearchDocument => ({
  public: Search.normalise(pub),
  personal: Search.normalise(personal)
})

const keys = (rows: ReadonlyArray<{ readonly key: string }>) => rows.map((r) => r.key)

const fail = (message: string) => Effect.fail(new ConformanceFailure({ message }))

const expectKeys = (what: string, got: ReadonlyArray<{ readonly key: string }>, expected: ReadonlyArray<string>) => {
  const g = JSON.stringify(keys(got))
  const e = JSON.stringify(expected)
  return g === e ? Effect.void : fail(`${what}: expected ${e}, got ${g}`)
}

const find = (query: Search.SearchQuery, t = table) => Effect.flatMap(Search.Search, (s) => s.search(t, query))

/** A random document: one to six vocabulary words, in any case, with punctuation between. */
const text = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary), fc.boolean(), fc.constantFrom(" ", ", ", ". ", " - ", "/", "\n")), {
    maxLength: 6
  })
  .map((ws) => ws.map(([w, upper, sep]) => (upper ? w.toUpperCase() : w) + sep).join(""))

const writeArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 7 }), text, text, fc.constantFrom(null, "d1", "d2"))
      .map(([k, p, q, d]): Write => row(`a-${k}`, doc(p, q), d))
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 7 }).map((k): Write => ({ _tag: "RowDelete", table, key: `a-${k}` }))
  }
)

const queryArb: fc.Arbitrary<Search.SearchQuery> = fc
  .record({
    terms: fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }),
    personal: fc.boolean(),
    division: fc.constantFrom(undefined, null, "d1"),
    afterKey: fc.constantFrom(undefined, "a-2", "a-5"),
    limit: fc.constantFrom(undefined, 0, 2)
  })
  .map((q) => ({
    terms: q.terms.map((t) => Search.normalise(t)),
    personal: q.personal,
    ...(q.division !== undefined ? { where: [{ slot: 0, op: "eq" as const, value: q.division }] } : {}),
    ...(q.afterKey !== undefined ? { afterKey: q.afterKey } : {}),
    ...(q.limit !== undefined ? { limit: q.limit } : {})
  }))

/** Registers the search suite: one `it.layer` block, the store reset before every test and random input. */
export const run = <ROut, E>(name: string, options: SearchRunOptions<ROut, E>): void => {
  const numRuns = Math.max(1, options.numRuns ?? 25)
  const reset = Effect.flatMap(Maintenance, (m) => m.reset)
  const write = (writes: ReadonlyArray<Write>) => Effect.flatMap(ReadModels, (rm) => rm.write(writes))

  options.it.layer(options.layer, { timeout: "60 seconds" })(`conformance: ${name}, search`, (it) => {
    const test = <A, E2>(title: string, body: Effect.Effect<A, E2, ROut | R>) =>
      it.effect(title, () => Effect.zipRight(reset, body), 40_000)

    test(
      "13.1 whole words in any case, ё as е, in the public field, and the personal one only when asked",
      Effect.gen(function* () {
        yield* write([
          row("a-1", doc("Яма на ДОРОГЕ по ул. Ленина, 5", "Иванов Иван ivanov@mail.ru")),
          row("a-2", doc("Не вывозят мусор во дворе; ёлка у школы", "Петрова Анна")),
          row("a-3", doc("Светофор на мосту", "Ленина ул 7"), "d1"),
          {
            _tag: "RowUpsert",
            table: "appeals_open",
            key: "a-9",
            data: { public: "мусор", personal: "" },
            index: [null, null, null, null]
          }
        ])
        const q = (terms: ReadonlyArray<string>, personal = false) => find({ terms, personal })
        yield* expectKeys("дороге", yield* q(["дороге"]), ["a-1"])
        yield* expectKeys("ленина (public)", yield* q(["ленина"]), ["a-1"])
        yield* expectKeys("ленина (public and personal)", yield* q(["ленина"], true), ["a-1", "a-3"])
        yield* expectKeys("елка (ё stored as е)", yield* q(["елка"]), ["a-2"])
        yield* expectKeys("мусор снег: every term", yield* q(["мусор", "снег"]), [])
        yield* expectKeys("мусор дворе", yield* q(["мусор", "дворе"]), ["a-2"])
        yield* expectKeys("свет: never a part of a word", yield* q(["свет"]), [])
        yield* expectKeys("иванов without personal", yield* q(["иванов"]), [])
        yield* expectKeys("ivanov mail ru with personal", yield* q(["ivanov", "mail", "ru"], true), ["a-1"])
        yield* expectKeys("на (a short term beside a long one)", yield* q(["на", "мосту"]), ["a-3"])
        yield* expectKeys(
          "division d1",
          yield* find({ terms: ["ленина"], personal: true, where: [{ slot: 0, op: "eq", value: "d1" }] }),
          ["a-3"]
        )
        yield* expectKeys("afterKey a-1", yield* find({ terms: ["ленина"], personal: true, afterKey: "a-1" }), ["a-3"])
        yield* expectKeys("limit 1", yield* find({ terms: ["ленина"], personal: true, limit: 1 }), ["a-1"])
        yield* expectKeys(
          "another table is not searched",
          yield* find({ terms: ["мусор"], personal: false }, `${Search.tablePrefix}other`),
          []
        )
      })
    )

    test(
      "13.2 the index follows upserts and deletes, in the append's transaction (a failed append leaves nothing)",
      Effect.gen(function* () {
        yield* write([row("a-1", doc("мусор во дворе"))])
        yield* write([row("a-1", doc("снег на крыше"))])
        yield* expectKeys("after the overwrite, мусор", yield* find({ terms: ["мусор"], personal: false }), [])
        yield* expectKeys("after the overwrite, снег", yield* find({ terms: ["снег"], personal: false }), ["a-1"])
        yield* write([{ _tag: "RowDelete", table, key: "a-1" }])
        yield* expectKeys("after the delete", yield* find({ terms: ["снег"], personal: false }), [])
        const store = yield* EventStore
        const stream = { category: "kit", id: "S-1" }
        const event = { eventId: "kit/S-1/1", type: "Noted", payload: {}, recordedAt: "2021-03-15T09:00:00.000Z" }
        yield* store.append(stream, 0, [event], { writes: [row("s-1", doc("лифт не работает"))] })
        yield* expectKeys("written by an append", yield* find({ terms: ["лифт"], personal: false }), ["s-1"])
        const stale = yield* Effect.either(
          store.append(stream, 0, [{ ...event, eventId: "kit/S-1/1b" }], { writes: [row("s-2", doc("лифт сломан"))] })
        )
        if (Either.isRight(stale)) return yield* fail("an append at a stale version succeeded")
        yield* expectKeys("a failed append wrote nothing", yield* find({ terms: ["лифт"], personal: false }), ["s-1"])
        yield* reset
        yield* expectKeys("after reset", yield* find({ terms: ["лифт"], personal: false }), [])
      })
    )

    test(
      "13.3 a search with no term, a term not normalised, no term of three characters or a bad condition is InvalidQuery",
      Effect.gen(function* () {
        const bad: ReadonlyArray<Search.SearchQuery> = [
          { terms: [], personal: false },
          { terms: ["Мусор"], personal: false },
          { terms: ['"мусор"'], personal: false },
          { terms: ["мусор двор"], personal: false },
          { terms: ["на", "у"], personal: false },
          { terms: ["мусор"], personal: false, where: [{ slot: 7, op: "eq", value: "x" }] }
        ]
        for (const q of bad) {
          const r = yield* Effect.either(find(q))
          if (Either.isRight(r) || !(r.left instanceof InvalidQuery))
            return yield* fail(`search ${JSON.stringify(q)}: expected InvalidQuery, got ${JSON.stringify(r)}`)
        }
      })
    )

    it.effect(
      "13.4 on random corpora, every search answers the reference; clearing and writing the rows again (a rebuild) answers the same",
      () =>
        Effect.flatMap(Effect.runtime<ROut | R>(), (runtime) =>
          Effect.tryPromise({
            try: () =>
              fc.assert(
                fc.asyncProperty(
                  fc.array(fc.array(writeArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
                  fc.array(queryArb, { minLength: 1, maxLength: 6 }),
                  async (batches, queries) => {
                    const check = Effect.gen(function* () {
                      yield* reset
                      let reference = emptySnapshot
                      for (const b of batches) {
                        yield* write(b)
                        reference = applyWrites(reference, b)
                      }
                      const answers: Array<ReadonlyArray<string>> = []
                      for (const q of queries) {
                        const got = keys(yield* find(q))
                        const expected = keys(Search.searchRows(reference, table, q))
                        if (JSON.stringify(got) !== JSON.stringify(expected))
                          return yield* fail(
                            `search ${JSON.stringify(q)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`
                          )
                        answers.push(got)
                      }
                      const rm = yield* ReadModels
                      const rows = [...(reference.rows.get(table)?.values() ?? [])]
                      yield* rm.clear({ tables: [table], counters: [] })
                      yield* rm.write(rows.map((r): Write => ({ _tag: "RowUpsert", ...r })))
                      for (const [i, q] of queries.entries()) {
                        const again = keys(yield* find(q))
                        if (JSON.stringify(again) !== JSON.stringify(answers[i]))
                          return yield* fail(
                            `after a rebuild, search ${JSON.stringify(q)}: expected ${JSON.stringify(answers[i])}, got ${JSON.stringify(again)}`
                          )
                      }
                    })
                    await Runtime.runPromise(runtime)(
                      Effect.catchAll(check, (e) =>
                        Effect.die(new Error(e instanceof ConformanceFailure ? e.message : JSON.stringify(e)))
                      )
                    )
                  }
                ),
                { numRuns: Math.max(numRuns, 40) }
              ),
            catch: (e) => new ConformanceFailure({ message: `[13.4] ${e instanceof Error ? e.message : String(e)}` })
          })
        ),
      120_000
    )
  })
}
