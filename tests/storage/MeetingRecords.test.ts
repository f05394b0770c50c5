import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import type { ActorId, OfficialId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import type * as Meeting from "../../src/meetings/Meeting.js"
import * as MeetingRecords from "../../src/meetings/MeetingRecords.js"
import * as Reception from "../../src/meetings/Reception.js"
import * as Statistics from "../../src/meetings/Statistics.js"
import * as Suspension from "../../src/meetings/Suspension.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import type { AggregateDefinition, AnyAggregate } from "../../src/ports/Aggregate.js"
import { EventStore } from "../../src/ports/EventStore.js"
import * as Rebuild from "../../src/ports/Rebuild.js"
import { normalise, ReadModels } from "../../src/ports/ReadModels.js"
import { MeetingsModel } from "../../src/testing/index.js"
import { atLeast } from "../support/runs.js"

const OFFICIALS = ["mayor", "deputy-1", "deputy-2"].map((o) => o as OfficialId)
const definitions: ReadonlyArray<AnyAggregate> = [MeetingRecords.receptionDefinition, MeetingRecords.meetingDefinition]

/** Appends a stream's events (as the model's deciders made them) with the projections' writes. */
const appendAll = <C, E, S, Err, EI, CI>(
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  id: string,
  events: ReadonlyArray<E>
) =>
  Effect.gen(function* () {
    if (events.length === 0) return
    const stream = { category: definition.category, id }
    const prepared = yield* CommandHandler.prepare(
      definition,
      stream,
      { version: 0, state: definition.decider.initialState },
      events,
      "2020-03-01T00:00:00.000Z"
    )
    yield* Effect.flatMap(EventStore, (store) =>
      store.append(stream, 0, prepared.newEvents, { writes: prepared.writes })
    )
  })

const sortedIds = (xs: ReadonlyArray<string>) => [...xs].sort()

// The kit's generators (MeetingsModel.commands), in its order: tick, suspend-or-tick (1:3), schedule reception,
// change reception, card, hand-in, refusal, schedule meeting, change meeting, hold, raise x2, dispose x2,
// close-or-hold (1:2), minutes. Receptions and holding weigh more here (and the suspend-or-tick slot is left out,
// so no suspension is declared) so that most runs receive citizens and hold meetings.
const generators = MeetingsModel.commands({ receptions: 2, meetings: 2 })
const [
  tick,
  ,
  scheduleReception,
  changeReception,
  card,
  handIn,
  refuse,
  scheduleMeeting,
  changeMeeting,
  hold,
  ...meetingWork
] = generators
const biased = [
  tick!,
  tick!,
  scheduleReception!,
  scheduleReception!,
  changeReception!,
  card!,
  card!,
  card!,
  handIn!,
  refuse!,
  scheduleMeeting!,
  scheduleMeeting!,
  changeMeeting!,
  hold!,
  hold!,
  hold!,
  ...meetingWork
]

describe("meeting read models", () => {
  it("queries equal filtering the states, statistics from the counters equal Statistics over the states, rebuild == incremental", async () => {
    expect(generators.length).toBe(16)
    let ran = 0
    let withCards = 0
    let withQuestions = 0
    await fc.assert(
      fc.asyncProperty(fc.commands(biased, { maxCommands: 250, size: "max" }), async (cmds) => {
        const system = MeetingsModel.setup()
        fc.modelRun(() => system, cmds)
        const s = system.real
        const receptions = [...s.receptions.values()].map((r) => r.state)
        const meetings = [...s.meetings.values()].map((m) => m.state)
        const days = [
          ...receptions.flatMap((r) => (r._tag === "ReceptionRecord" ? [r.day, ...r.cards.map((c) => c.day)] : [])),
          ...meetings.flatMap((m) =>
            m._tag === "MeetingRecord" ? [m.day, ...(m.held === undefined ? [] : [m.held.heldOn])] : []
          )
        ]
        const months = [...new Set(days.map(Period.monthOf))]
        const periods: ReadonlyArray<MeetingRecords.StatisticsPeriod> = [
          ...months,
          ...new Set(months.map((m) => Period.quarterOf(m))),
          ...new Set(months.map((m) => Period.yearOf(m)))
        ]
        const out = await Effect.runPromise(
          Effect.provide(
            Effect.gen(function* () {
              for (const [id, r] of s.receptions) yield* appendAll(MeetingRecords.receptionDefinition, id, r.events)
              for (const [id, m] of s.meetings) yield* appendAll(MeetingRecords.meetingDefinition, id, m.events)
              const rm = yield* ReadModels
              const incremental = normalise(yield* rm.snapshot)
              const queries = []
              for (const month of months) {
                for (const official of OFFICIALS) {
                  queries.push({
                    month,
                    official,
                    receptions: yield* MeetingRecords.receptionsOf(official, month),
                    meetings: yield* MeetingRecords.meetingsOf(official, month)
                  })
                }
              }
              const all = []
              for (const month of months)
                all.push({
                  month,
                  receptions: yield* MeetingRecords.receptionsIn(month),
                  meetings: yield* MeetingRecords.meetingsIn(month)
                })
              const stats = []
              for (const p of periods)
                stats.push({
                  p,
                  receptions: yield* MeetingRecords.receptionStatistics(p),
                  meetings: yield* MeetingRecords.meetingStatistics(p)
                })
              yield* Rebuild.rebuild(definitions)
              const rebuilt = normalise(yield* rm.snapshot)
              return { same: JSON.stringify(rebuilt) === JSON.stringify(incremental), queries, all, stats }
            }),
            MemoryStore.layer
          )
        )
        ran++
        if (receptions.some((r) => r._tag === "ReceptionRecord" && r.cards.length > 0)) withCards++
        if (meetings.some((m) => m._tag === "MeetingRecord" && m.held !== undefined && m.questions.length > 0))
          withQuestions++
        expect(out.same).toBe(true)
        const records = receptions.filter((r): r is Reception.ReceptionRecord => r._tag === "ReceptionRecord")
        const held = meetings.filter((m): m is Meeting.MeetingRecord => m._tag === "MeetingRecord")
        for (const q of out.queries) {
          expect(sortedIds(q.receptions.map((r) => r.reception))).toEqual(
            sortedIds(
              records
                .filter((r) => r.official === q.official && Period.contains(q.month, r.day))
                .map((r) => r.reception)
            )
          )
          expect(sortedIds(q.meetings.map((m) => m.meeting))).toEqual(
            sortedIds(
              held
                .filter(
                  (m) => (m.chair === q.official || m.officials.includes(q.official)) && Period.contains(q.month, m.day)
                )
                .map((m) => m.meeting)
            )
          )
          for (const r of q.receptions) {
            const state = records.find((x) => x.reception === r.reception)
            expect(r).toEqual(state === undefined ? undefined : MeetingRecords.receptionRowOf(state))
          }
        }
        for (const a of out.all) {
          expect(a.receptions.map((r) => r.day)).toEqual([...a.receptions.map((r) => r.day)].sort())
          expect(sortedIds(a.meetings.map((m) => m.meeting))).toEqual(
            sortedIds(held.filter((m) => Period.contains(a.month, m.day)).map((m) => m.meeting))
          )
          for (const m of a.meetings)
            expect(m).toEqual(MeetingRecords.meetingRowOf(held.find((x) => x.meeting === m.meeting)!))
        }
        for (const x of out.stats) {
          expect(x.receptions).toEqual(Statistics.receptionStatistics(receptions, x.p))
          expect(x.meetings).toEqual(Statistics.meetingStatistics(meetings, x.p))
        }
      }),
      { numRuns: atLeast(40) }
    )
    // the properties are about received citizens and questions of held meetings: a fair share of runs must
    // really have some (about 2/3 and 1/2 do; the bounds sit four standard deviations below)
    expect(withCards).toBeGreaterThanOrEqual(Math.ceil(ran * 0.35))
    expect(withQuestions).toBeGreaterThanOrEqual(Math.ceil(ran * 0.2))
  })

  it("the settings in force come from the suspension stream", async () => {
    const declared = new Suspension.DeclareSuspension({
      at: new Date("2020-03-20T00:00:00Z"),
      actor: "clerk-1" as ActorId,
      from: Period.unsafeDay("2020-03-28"),
      to: Period.unsafeDay("2020-06-30"),
      reason: "COVID-19"
    })
    const settings = await Effect.runPromise(
      Effect.provide(
        Effect.zipRight(
          CommandHandler.handle(MeetingRecords.suspensionDefinition, MeetingRecords.suspensionStream, declared),
          MeetingRecords.loadSettings()
        ),
        MemoryStore.layer
      )
    )
    expect(settings.suspensions.map((p) => [p.from, p.to])).toEqual([["2020-03-28", "2020-06-30"]])
  })

  it("rows round-trip", () => {
    const reception = fc
      .record({
        reception: fc.constantFrom("reception-1", "r-2"),
        official: fc.constantFrom(...OFFICIALS),
        day: fc.integer({ min: 0, max: 700 }).map((d) => Period.addDays(Period.unsafeDay("2020-01-01"), d)),
        format: fc.constantFrom(...Reception.ReceptionFormat.literals),
        status: fc.constantFrom(...Reception.Status.literals),
        cards: fc.nat(20),
        refusals: fc.nat(3),
        writtenAppeals: fc.nat(5)
      })
      .map((r) => Schema.decodeUnknownSync(MeetingRecords.ReceptionRow)({ ...r, month: r.day.slice(0, 7) }))
    fc.assert(
      fc.property(reception, (row) => {
        expect(
          Schema.decodeUnknownSync(MeetingRecords.ReceptionRow)(
            JSON.parse(JSON.stringify(Schema.encodeSync(MeetingRecords.ReceptionRow)(row)))
          )
        ).toEqual(row)
      })
    )
  })
})
