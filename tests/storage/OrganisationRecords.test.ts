/**
 * The organisation's history in storage, on the reference (memory) and the
 * embedded (SQLite) adapters: the read model of versions equals the stream
 * replayed, the version in force on any day read from it equals the pure
 * answer, and a refused organisation stores nothing.
 */
import { describe, expect, it } from "vitest"
import { Effect, Either, FastCheck as fc, Layer } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import { Administration, Decider, Demo, Ids, Organisation, Period, Ports, Reporting } from "../../src/index.js"

const { OrganisationHistory: History, OrganisationRecords: Stored } = Administration
const day = Period.unsafeDay
const actor = Ids.ActorId.make("organisational-department")
const stores = [
  ["memory", MemoryStore.layer],
  ["sqlite", SqliteStore.layer({ filename: ":memory:" })]
] as const

/** The demo organisation with some divisions renamed (a different version). */
const renamed = (suffix: string): Organisation.Organisation =>
  new Organisation.Organisation({
    ...Demo.City.organisation,
    divisions: Demo.City.organisation.divisions.map(
      (d) => new Organisation.Division({ ...d, name: `${d.name} ${suffix}`.trim() })
    )
  })
const adoptions = fc.array(
  fc.record({
    from: fc.integer({ min: 0, max: 5 }).map((n) => Period.addDays(day("2019-01-01"), n * 200)),
    suffix: fc.constantFrom("", "(I)", "(II)"),
    broken: fc.boolean()
  }),
  { minLength: 1, maxLength: 8 }
)

const commandOf = (a: { readonly from: Period.Day; readonly suffix: string; readonly broken: boolean }) => {
  const o = renamed(a.suffix)
  return new History.AdoptOrganisation({
    at: new Date("2019-01-01T02:00:00Z"),
    actor,
    from: a.from,
    // a broken one names an official's division that does not exist
    organisation: a.broken
      ? new Organisation.Organisation({
          ...o,
          officials: [
            ...o.officials,
            new Organisation.Official({
              id: Ids.OfficialId.make("head-x"),
              name: "Начальник",
              position: "headOfDivision",
              division: Ids.DivisionId.make("nowhere")
            })
          ]
        })
      : o
  })
}

describe.each(stores)("OrganisationRecords on %s", (name, layer) => {
  it("the read model of versions equals the stream replayed; the version in force on a day equals the pure answer; a refused organisation stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        adoptions,
        fc.array(fc.integer({ min: -10, max: 1500 }), { maxLength: 6 }),
        async (adopted, probes) => {
          let pure = History.initialState
          const outcomes: Array<string> = []
          for (const a of adopted) {
            const p = Decider.handle(History.decider, pure, commandOf(a))
            outcomes.push(Either.isRight(p) ? "ok" : p.left._tag)
            if (Either.isRight(p)) pure = p.right.state
          }
          const days = probes.map((n) => Period.addDays(day("2019-01-01"), n))
          const out = await Effect.runPromise(
            Effect.provide(
              Effect.gen(function* () {
                const stored: Array<string> = []
                for (const a of adopted) {
                  const r = yield* Effect.either(
                    Ports.CommandHandler.handle(Stored.definition, Stored.streamId, commandOf(a))
                  )
                  stored.push(Either.isRight(r) ? "ok" : r.left._tag)
                }
                const loaded = yield* Ports.CommandHandler.load(Stored.definition, Stored.streamId)
                const inForce = []
                for (const d of days) inForce.push(yield* Stored.inForceOn(d))
                return {
                  stored,
                  state: loaded.state,
                  versions: yield* Stored.versions,
                  read: (yield* Reporting.Records.read()).organisation,
                  inForce
                }
              }),
              Layer.fresh(layer)
            )
          )
          expect(out.stored).toEqual(outcomes)
          expect(out.state).toEqual(pure)
          expect(out.versions).toEqual(pure.versions)
          expect(out.read).toEqual(pure.versions)
          expect(out.inForce).toEqual(days.map((d) => History.inForceOn(pure.versions, d)))
        }
      ),
      { numRuns: name === "memory" ? 30 : 10 }
    )
  })
})
