import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import * as ElectionRecords from "../../src/elections/ElectionRecords.js"
import type { DivisionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import * as Rebuild from "../../src/ports/Rebuild.js"
import { normalise, ReadModels } from "../../src/ports/ReadModels.js"
import * as ElectionsArbitraries from "../../src/testing/ElectionsArbitraries.js"
import * as ElectionCalendar from "../../src/elections/ElectionCalendar.js"
import * as Reference2021 from "../../src/elections/Reference2021.js"
import * as Template from "../../src/elections/Template.js"
import type { ActorId } from "../../src/kernel/Ids.js"
import { electionCalendar } from "../../src/testing/ConformanceAggregates.js"
import { runs } from "../support/runs.js"

const command = electionCalendar.command
const ids = electionCalendar.ids ?? []

const definition = ElectionRecords.definition

describe("election read models", () => {
  it("TaskRow round-trips", () => {
    const arb = fc
      .record({
        def: ElectionsArbitraries.taskDefinition,
        votingDay: ElectionsArbitraries.votingDay,
        date: ElectionsArbitraries.votingDay,
        status: fc.constantFrom<ElectionRecords.TaskStatusName>("Planned", "Done", "Missed"),
        elections: fc.array(
          ElectionsArbitraries.election.map((e) => e.id),
          { maxLength: 3 }
        ),
        from: fc.option(ElectionsArbitraries.votingDay, { nil: undefined })
      })
      .map(
        ({ def, from, ...r }): ElectionRecords.TaskRow => ({
          calendar: "c-1",
          votingDay: r.votingDay,
          task: def.id,
          title: def.title,
          responsible: def.responsible,
          elections: r.elections,
          date: r.date,
          ...(from === undefined ? {} : { from }),
          status: r.status,
          ...(r.status === "Done" ? { doneOn: r.date } : {})
        })
      )
    fc.assert(
      fc.property(arb, (row) => {
        const encoded = Schema.encodeSync(ElectionRecords.TaskRow)(row)
        expect(Schema.decodeUnknownSync(ElectionRecords.TaskRow)(JSON.parse(JSON.stringify(encoded)))).toEqual(row)
      }),
      { numRuns: runs(50) }
    )
  })

  it("tasks by date, status and division answer what filtering the calendars' states answers; counters and rebuild agree", async () => {
    const day = fc
      .integer({
        min: Period.epochDay(Period.unsafeDay("2021-06-01")),
        max: Period.epochDay(Period.unsafeDay("2021-10-31"))
      })
      .map(Period.fromEpochDay)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...ids), command), { maxLength: 25 }),
        day,
        day,
        async (cmds, d1, d2) => {
          const [from, to] = d1 <= d2 ? [d1, d2] : [d2, d1]
          const out = await Effect.runPromise(
            Effect.provide(
              Effect.gen(function* () {
                for (const [id, c] of cmds) yield* Effect.either(CommandHandler.handle(definition, id, c))
                const rows: Array<ElectionRecords.TaskRow> = []
                for (const id of ids)
                  rows.push(...ElectionRecords.rowsOf(id, (yield* CommandHandler.load(definition, id)).state).values())
                const rm = yield* ReadModels
                const incremental = normalise(yield* rm.snapshot)
                yield* Rebuild.rebuild([definition])
                return {
                  rows,
                  same: JSON.stringify(normalise(yield* rm.snapshot)) === JSON.stringify(incremental),
                  between: yield* ElectionRecords.tasksBetween(from, to),
                  planned: yield* ElectionRecords.tasksBetween(from, to, { status: "Planned" }),
                  on: yield* ElectionRecords.tasksOn(from),
                  late: yield* ElectionRecords.lateOn(from),
                  press: yield* ElectionRecords.tasksOf("press-service" as DivisionId, { from, to }),
                  first: yield* ElectionRecords.tasksOfCalendar(ids[0]!),
                  counts: yield* ElectionRecords.statusCounts(Period.unsafeDay("2021-09-19"))
                }
              }),
              MemoryStore.layer
            )
          )
          const keys = (xs: ReadonlyArray<ElectionRecords.TaskRow>) => xs.map((r) => `${r.calendar}/${r.task}`).sort()
          const inRange = out.rows.filter((r) => r.date >= from && r.date <= to)
          expect(out.same).toBe(true)
          expect(keys(out.between)).toEqual(keys(inRange))
          expect(out.between.map((r) => r.date)).toEqual(inRange.map((r) => r.date).sort())
          expect(keys(out.planned)).toEqual(keys(inRange.filter((r) => r.status === "Planned")))
          expect(keys(out.on)).toEqual(keys(out.rows.filter((r) => r.date === from)))
          expect(keys(out.late)).toEqual(keys(out.rows.filter((r) => r.status === "Planned" && r.date < from)))
          expect(keys(out.press)).toEqual(keys(inRange.filter((r) => r.responsible === "press-service")))
          expect(keys(out.first)).toEqual(keys(out.rows.filter((r) => r.calendar === ids[0])))
          const count = (s: ElectionRecords.TaskStatusName) => out.rows.filter((r) => r.status === s).length
          expect(out.counts).toEqual({ Planned: count("Planned"), Done: count("Done"), Missed: count("Missed") })
        }
      ),
      { numRuns: runs(40) }
    )
  })

  it("the 2021 calendar: three elections share the template's 7 tasks; done and missed tasks move between statuses", async () => {
    const at = new Date("2021-07-10T01:00:00Z"),
      actor = "clerk-1" as ActorId
    const out = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          for (const election of Reference2021.elections) {
            yield* CommandHandler.handle(
              definition,
              "2021-09-19",
              new ElectionCalendar.RegisterElection({ election, at, actor })
            )
            yield* CommandHandler.handle(
              definition,
              "2021-09-19",
              new ElectionCalendar.PlanTasks({
                election: election.id,
                tasks: [Template.tasks[0]!, ...Template.tasks.slice(1)],
                at,
                actor
              })
            )
          }
          const planned = yield* ElectionRecords.tasksOfCalendar("2021-09-19")
          const first = planned[0]!
          yield* CommandHandler.handle(
            definition,
            "2021-09-19",
            new ElectionCalendar.MarkMissed({ task: first.task, at, actor })
          )
          return {
            planned,
            counts: yield* ElectionRecords.statusCounts(Period.unsafeDay("2021-09-19")),
            missed: yield* ElectionRecords.tasksBetween(first.date, first.date, { status: "Missed" })
          }
        }),
        MemoryStore.layer
      )
    )
    expect(out.planned.length).toBe(7)
    expect(out.planned.every((r) => r.elections.length === 3)).toBe(true)
    expect(out.counts).toEqual({ Planned: 6, Done: 0, Missed: 1 })
    expect(out.missed.map((r) => r.task)).toEqual([out.planned[0]!.task])
  })
})
