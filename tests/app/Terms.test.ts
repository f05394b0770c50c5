/**
 * The term policy through the use cases: the due date in force, overdue,
 * due soon and the internal check all follow the appeal's legal term; the
 * internal term is shown and checked, never replacing it.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Redacted } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { App, Appeals, type Ids, Period, type Ports } from "../../src/index.js"

const admin = new App.Principal.Principal({ subject: "admin-1" as Ids.ActorId, role: "administrator" })
const HOUSING = "0005.0005.0056.1134" as Appeals.Topic.TopicCode
const MIGRATION = "0001.0002.0027.0000" as Appeals.Topic.TopicCode
const noon = (d: string) => new Date(`${d}T12:00:00+10:00`)

type Needs = App.City.CityContext | Ports.ReadModels.ReadModels | Ports.EventStore.EventStore

const run = <A, E>(body: (at: (day: string) => void) => Effect.Effect<A, E, Needs>) => {
  let clock = noon("2021-03-01")
  const city = Either.getOrThrow(
    App.City.make({
      now: () => clock,
      terms: [
        Appeals.TermPolicy.migrationFacts({ id: "migration", addressee: "mayor", topic: "0001.0002" }),
        { id: "draft", kind: "internal", workingDaysBefore: 5, source: "Регламент, п. 3.6" }
      ]
    })
  )
  return Effect.runPromise(
    body((d) => {
      clock = noon(d)
    }).pipe(Effect.provide(App.City.layerOf(city)), Effect.provide(MemoryStore.layer))
  )
}

const submit = (topic: Appeals.Topic.TopicCode) =>
  App.Appeals.submit(admin, {
    text: Redacted.make("Обращение"),
    topics: [topic],
    applicant: new Appeals.Appeal.Applicant({
      name: Redacted.make("Иванов Иван"),
      email: Redacted.make("i@example.ru")
    })
  })

describe("the term policy through App.Appeals", () => {
  it("the 20-day appeal and the 30-day appeal of 2021-03-01: due dates, overdue, due soon, the internal check", () =>
    run((at) =>
      Effect.gen(function* () {
        const migration = yield* submit(MIGRATION)
        const housing = yield* submit(HOUSING)
        expect(migration.term).toMatchObject({ id: "migration", days: 20, source: "59-FZ art. 12 p. 1.1" })
        expect(migration.state.dues.answer).toBe("2021-03-19")
        expect(housing.term).toMatchObject({ id: "default", days: 30 })
        expect(housing.state.dues.answer).toBe("2021-03-31")
        expect(housing.internalDues).toStrictEqual([
          { entry: "draft", source: "Регламент, п. 3.6", workingDaysBefore: 5, due: "2021-03-24" }
        ])
        at("2021-03-22")
        const ids = (p: { readonly items: ReadonlyArray<{ readonly appealId: string }> }) =>
          p.items.map((r) => r.appealId)
        const overdue = yield* App.Appeals.overdue(admin, { on: Period.unsafeDay("2021-03-22"), limit: 10 })
        expect(ids(overdue)).toStrictEqual([migration.state.appeal.appealId])
        const soon = yield* App.Appeals.dueSoon(admin, { on: Period.unsafeDay("2021-03-15"), days: 7, limit: 10 })
        expect(ids(soon)).toStrictEqual([migration.state.appeal.appealId])
        const later = yield* App.Appeals.dueSoon(admin, { on: Period.unsafeDay("2021-03-22"), days: 10, limit: 10 })
        expect(ids(later)).toStrictEqual([housing.state.appeal.appealId])
        // the internal check: the housing draft was due 24 March; on 24 March nothing, on 25 March the housing appeal
        expect(yield* App.Appeals.internalOverdue(admin, { on: Period.unsafeDay("2021-03-24") })).toStrictEqual([])
        const internal = yield* App.Appeals.internalOverdue(admin, { on: Period.unsafeDay("2021-03-25") })
        expect(internal.map((x) => [x.row.appealId, x.missed.map((m) => m.due)])).toStrictEqual([
          [housing.state.appeal.appealId, ["2021-03-24"]]
        ])
        // internal only: the housing appeal is not overdue under the law
        expect(ids(yield* App.Appeals.overdue(admin, { on: Period.unsafeDay("2021-03-25"), limit: 10 }))).toStrictEqual(
          [migration.state.appeal.appealId]
        )
        const bad = yield* Effect.flip(
          App.Appeals.dueSoon(admin, { on: Period.unsafeDay("2021-03-15"), days: 61, limit: 10 })
        )
        expect(bad).toMatchObject({ _tag: "InvalidRequest", field: "days" })
      })
    ))
})
