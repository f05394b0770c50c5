/**
 * The areas' read-model queries answer a caller's bad limit or filter with an
 * `InvalidQuery` naming it, never a `StorageError`; valid limits answer the
 * first rows of the unlimited query. On the memory and SQLite stores.
 */
import { describe, expect, it } from "@effect/vitest"
import { type Effect as E, Effect, Either, FastCheck as fc, type Layer } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import * as ElectionRecords from "../../src/elections/ElectionRecords.js"
import * as Period from "../../src/kernel/Period.js"
import type { DivisionId, OfficialId } from "../../src/kernel/Ids.js"
import * as MeetingRecords from "../../src/meetings/MeetingRecords.js"
import * as PlanRecords from "../../src/planning/PlanRecords.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import type { EventStore } from "../../src/ports/EventStore.js"
import type { ReadModels } from "../../src/ports/ReadModels.js"
import { histories } from "./appealHistories.js"
import { runs } from "../support/runs.js"

type Store = Layer.Layer<EventStore | ReadModels, unknown>
const stores: ReadonlyArray<readonly [string, () => Store]> = [
  ["memory", () => MemoryStore.layer],
  ["sqlite", () => SqliteStore.layerForTesting({ filename: ":memory:" })]
]

const invalidLimit = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    2.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 1,
    1e300
  ),
  fc.integer({ max: 0 }),
  fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x))
)
const day = Period.unsafeDay("2021-04-15")

/** The appeal queries that take a caller's limit. */
const limited = {
  openInState: (limit?: number) => AppealRecords.openInState("Registered", limit === undefined ? {} : { limit }),
  closedWithOutcome: (limit?: number) =>
    AppealRecords.closedWithOutcome("answered", limit === undefined ? {} : { limit }),
  overdueOn: (limit?: number) => AppealRecords.overdueOn(day, limit === undefined ? {} : { limit })
}
const queryName = fc.constantFrom(...(Object.keys(limited) as ReadonlyArray<keyof typeof limited>))

// filters as an untyped caller (JSON, a cast) can pass them, with the field the error must name
const bad = <A>(x: unknown): A => x as A
const badFilters: ReadonlyArray<readonly [string, string, E.Effect<unknown, { readonly _tag: string }, ReadModels>]> = [
  [
    "PlanRecords.activitiesIn",
    "where.division",
    PlanRecords.activitiesIn(Period.unsafeMonth("2021-04"), { division: bad<DivisionId>(7) })
  ],
  [
    "PlanRecords.activitiesIn",
    "where.execution.not",
    PlanRecords.activitiesIn(Period.unsafeMonth("2021-04"), { execution: bad<PlanRecords.ExecutionName>({ not: "x" }) })
  ],
  [
    "ElectionRecords.tasksBetween",
    "where.status",
    ElectionRecords.tasksBetween(day, day, { status: bad<ElectionRecords.TaskStatusName>(["Planned"]) })
  ],
  [
    "MeetingRecords.receptionsIn",
    "where.official",
    MeetingRecords.receptionsIn(Period.unsafeMonth("2021-04"), { official: bad<OfficialId>(42) })
  ],
  [
    "MeetingRecords.meetingsIn",
    "where.room",
    MeetingRecords.meetingsIn(Period.unsafeMonth("2021-04"), bad<{ readonly chair?: OfficialId }>({ room: "12" }))
  ],
  [
    "AppealRecords.registeredIn",
    "where.topic",
    AppealRecords.registeredIn(Period.unsafeMonth("2021-04"), bad<AppealRecords.PeriodFilter>({ topic: "0003" }))
  ],
  ["AppealRecords.dueOn", "where.answerDue", AppealRecords.dueOn(bad<Period.Day>(20210415))]
]

for (const [name, layer] of stores) {
  describe(`area queries on the ${name} store`, () => {
    it.effect.prop(
      "an invalid limit is an InvalidQuery naming the limit, not a StorageError",
      [invalidLimit, queryName],
      ([limit, q]) =>
        Effect.gen(function* () {
          const answer = yield* Effect.either(limited[q](limit))
          expect(Either.isLeft(answer) && answer.left._tag).toBe("InvalidQuery")
          if (Either.isLeft(answer) && answer.left._tag === "InvalidQuery") expect(answer.left.field).toBe("limit")
        }).pipe(Effect.provide(layer())),
      { fastCheck: { numRuns: runs(40) } }
    )

    it.effect.prop(
      "a valid limit answers the first rows of the same query without one",
      [
        histories(12, new Date("2021-02-01T00:00:00Z"), new Date("2021-05-01T00:00:00Z")),
        fc.integer({ min: 1, max: 14 }),
        queryName
      ],
      ([hs, limit, q]) =>
        Effect.gen(function* () {
          for (const h of hs)
            for (const c of h) yield* Effect.either(CommandHandler.handle(AppealRecords.definition, c.appealId, c))
          const all = yield* limited[q]()
          expect(yield* limited[q](limit)).toEqual(all.slice(0, limit))
        }).pipe(Effect.provide(layer())),
      { fastCheck: { numRuns: runs(15) } }
    )

    it.effect("a bad filter is an InvalidQuery naming the field, not a StorageError or a wider answer", () =>
      Effect.gen(function* () {
        for (const [query, field, effect] of badFilters) {
          const answer = yield* Effect.either(effect)
          expect(
            Either.isLeft(answer)
              ? [answer.left._tag, (answer.left as { readonly field?: string }).field]
              : "answered rows",
            query
          ).toEqual(["InvalidQuery", field])
        }
      }).pipe(Effect.provide(layer()))
    )
  })
}
