import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as H from "../../src/planning/Hierarchy.js"
import type * as N from "../../src/planning/Node.js"
import * as PlanRecords from "../../src/planning/PlanRecords.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import * as Rebuild from "../../src/ports/Rebuild.js"
import { normalise, ReadModels } from "../../src/ports/ReadModels.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import { atLeast } from "../support/runs.js"

const definition = PlanRecords.definition

describe("plan read models", () => {
  it("activities by month and division, and the execution counters, answer what the plans' states hold; rebuild == incremental", async () => {
    let ran = 0
    let withActivities = 0
    await fc.assert(
      fc.asyncProperty(PA.planTree({ maxYears: 2 }), async (tree) => {
        const plans = PA.split(tree)
        const out = await Effect.runPromise(
          Effect.provide(
            Effect.gen(function* () {
              // each plan is decided with the plans above it as its context (its links reach their goals)
              const above: Array<N.Node> = []
              for (const p of plans) {
                const withContext = PlanRecords.makeDefinition(H.context(tree.horizon, above))
                for (const c of PA.buildCommands(p)) yield* Effect.either(CommandHandler.handle(withContext, p.plan, c))
                above.push(...p.nodes)
              }
              const rows: Array<PlanRecords.ActivityRow> = []
              for (const p of plans)
                rows.push(...PlanRecords.rowsOf((yield* CommandHandler.load(definition, p.plan)).state).values())
              const rm = yield* ReadModels
              const incremental = normalise(yield* rm.snapshot)
              yield* Rebuild.rebuild([definition])
              const months = [...new Set(rows.map((r) => r.month))]
              const byMonth = []
              for (const m of months) {
                byMonth.push({
                  m,
                  all: yield* PlanRecords.activitiesIn(m),
                  economy: yield* PlanRecords.activitiesIn(m, { division: PA.DIVISIONS[0]! }),
                  counts: yield* PlanRecords.executionIn(m),
                  economyCounts: yield* PlanRecords.executionIn(m, { division: PA.DIVISIONS[0]! })
                })
              }
              return {
                rows,
                same: JSON.stringify(normalise(yield* rm.snapshot)) === JSON.stringify(incremental),
                byMonth
              }
            }),
            MemoryStore.layer
          )
        )
        ran++
        if (out.rows.length > 0) withActivities++
        expect(out.same).toBe(true)
        const ids = (xs: ReadonlyArray<PlanRecords.ActivityRow>) => xs.map((r) => `${r.plan}/${r.activity}`).sort()
        for (const b of out.byMonth) {
          const inMonth = out.rows.filter((r) => r.month === b.m)
          expect(ids(b.all)).toEqual(ids(inMonth))
          expect(ids(b.economy)).toEqual(ids(inMonth.filter((r) => r.division === PA.DIVISIONS[0])))
          expect(b.counts.pending).toBe(inMonth.length)
          expect(b.economyCounts.pending).toBe(inMonth.filter((r) => r.division === PA.DIVISIONS[0]).length)
        }
      }),
      { numRuns: atLeast(20) }
    )
    // the property is about activities: most generated trees must really produce some
    expect(withActivities).toBeGreaterThanOrEqual(Math.ceil(ran * 0.8))
  })

  it("ActivityRow round-trips", () => {
    const arb = fc
      .record({
        n: fc.integer({ min: 1, max: 9999 }),
        month: fc.integer({ min: 0, max: 95 }),
        execution: fc.constantFrom(...PlanRecords.ExecutionName.literals)
      })
      .map(({ execution, month, n }): PlanRecords.ActivityRow => {
        const m = `${2019 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`
        return Schema.decodeUnknownSync(PlanRecords.ActivityRow)({
          plan: `monthly-${m}`,
          kind: "monthly",
          activity: `act-${n}`,
          title: `Мероприятие ${n}`,
          division: "economy",
          month: m,
          deadline: `${m}-15`,
          execution,
          ...(execution === "Done" ? { completedOn: `${m}-10` } : {}),
          ...(execution === "Moved" ? { newDeadline: `${m}-28` } : {})
        })
      })
    fc.assert(
      fc.property(arb, (row) => {
        expect(
          Schema.decodeUnknownSync(PlanRecords.ActivityRow)(
            JSON.parse(JSON.stringify(Schema.encodeSync(PlanRecords.ActivityRow)(row)))
          )
        ).toEqual(row)
      })
    )
  })
})
