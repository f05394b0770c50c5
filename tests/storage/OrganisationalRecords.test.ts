/**
 * The stores of issue 11's areas (information work, methodology, Duma,
 * budget): their definitions drive the generic command handler on the
 * reference (memory) and embedded (SQLite) adapters; stored events read back
 * and replayed give the pure decider's state; counters equal the figures
 * computed from the states; rejected commands store nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Layer, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as BudgetRecords from "../../src/budget/BudgetRecords.js"
import * as Control from "../../src/budget/Control.js"
import type { Kopecks } from "../../src/budget/Money.js"
import * as B from "../../src/budget/ProgramBudget.js"
import * as InformationPlan from "../../src/information/InformationPlan.js"
import * as InformationRecords from "../../src/information/InformationRecords.js"
import { Publication } from "../../src/information/Publication.js"
import * as PublicationRegister from "../../src/information/PublicationRegister.js"
import * as Figures from "../../src/information/Figures.js"
import * as Council from "../../src/methodology/Council.js"
import * as CouncilRecords from "../../src/methodology/CouncilRecords.js"
import * as DumaRecords from "../../src/duma/DumaRecords.js"
import * as Session from "../../src/duma/Session.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { ActorId, DivisionId, IndicatorId, ProgramId, PublicationId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Aggregate from "../../src/ports/Aggregate.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { EventStore } from "../../src/ports/EventStore.js"
import { ReadModels } from "../../src/ports/ReadModels.js"
import { atLeast } from "../support/runs.js"

const at = new Date("2021-04-01T02:00:00Z")
const actor = "clerk-1" as ActorId
const P = "prog-roads" as ProgramId
const year = Period.unsafeYear("2021")
const k = (n: number) => n as Kopecks

const stores = [
  ["memory", MemoryStore.layer],
  ["sqlite", SqliteStore.layer({ filename: ":memory:" })]
] as const

/** Runs commands through the handler; answers the tags of the outcomes and the decoded, replayed state of the stream. */
const drive = <C, E, S, Err, EI, CI>(
  definition: Aggregate.AggregateDefinition<C, E, S, Err, EI, CI>,
  id: string,
  commands: ReadonlyArray<C>
) =>
  Effect.gen(function* () {
    const outcomes: Array<string> = []
    for (const c of commands) {
      const r = yield* Effect.either(CommandHandler.handle(definition, id, c))
      outcomes.push(Either.isRight(r) ? "ok" : (r.left as { readonly _tag: string })._tag)
    }
    const store = yield* EventStore
    const stored = yield* store.read({ category: definition.category, id })
    const events = stored.map((s) => Either.getOrThrow(Aggregate.decodeEvent(definition, s)))
    return { outcomes, events, state: Decider.replay(definition.decider, events) }
  })

/** The pure run of the same commands, skipping the refused ones. */
const pure = <C, E, S, Err>(decider: Decider.Decider<C, E, S, Err>, commands: ReadonlyArray<C>) => {
  let state = decider.initialState
  const outcomes: Array<string> = []
  for (const c of commands) {
    const r = Decider.handle(decider, state, c)
    if (Either.isRight(r)) state = r.right.state
    outcomes.push(Either.isRight(r) ? "ok" : (r.left as { readonly _tag: string })._tag)
  }
  return { outcomes, state }
}

const budgetCommands = fc.array(
  fc.oneof(
    fc
      .record({
        q: fc.integer({ min: 1, max: 4 }),
        amount: fc.integer({ min: 1, max: 10_000_000 }),
        indicator: fc.boolean()
      })
      .map(
        ({ q, amount, indicator }, i = 0) =>
          new B.RecordSpending({
            program: P,
            year,
            at,
            actor,
            entry: new B.Entry({
              ref: `pay-${q}-${amount}-${i}`,
              on: Period.firstDay(Period.unsafeQuarter(`2021-Q${q}`)),
              amount: k(amount),
              ...(indicator ? { indicator: "ind-km" as IndicatorId } : {})
            })
          })
      ),
    fc.record({ q: fc.integer({ min: 1, max: 4 }), amount: fc.integer({ min: 1, max: 10_000_000 }) }).map(
      ({ q, amount }) =>
        new B.RecordCommitment({
          program: P,
          year,
          at,
          actor,
          entry: new B.Entry({
            ref: `contract-${q}-${amount}`,
            on: Period.lastDay(Period.unsafeQuarter(`2021-Q${q}`)),
            amount: k(amount)
          })
        })
    ),
    fc.tuple(fc.nat(5_000_000), fc.nat(5_000_000)).map(
      ([a, b]) =>
        new B.AmendPlannedBudget({
          program: P,
          year,
          at,
          actor,
          reason: "поправка",
          planned: new B.QuarterAmounts({ q1: k(a), q2: k(b), q3: k(a), q4: k(b) })
        })
    )
  ),
  { maxLength: 12 }
)
const open = new B.OpenProgramBudget({
  program: P,
  year,
  at,
  actor,
  info: new B.ProgramInfo({
    id: P,
    from: Period.unsafeYear("2020"),
    to: Period.unsafeYear("2022"),
    indicators: ["ind-km" as IndicatorId]
  }),
  planned: new B.QuarterAmounts({ q1: k(1_000_000), q2: k(2_000_000), q3: k(3_000_000), q4: k(4_000_000) })
})

describe.each(stores)("issue 11 stores on %s", (_, layer) => {
  it("program budgets: the quarterly counter equals the control report of the stored state", async () => {
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(budgetCommands, async (cmds) => {
        const commands = [open, ...cmds]
        const out = await Effect.runPromise(
          Effect.provide(
            Effect.gen(function* () {
              const run = yield* drive(BudgetRecords.definition, BudgetRecords.streamId(P, year), commands)
              const figures = []
              for (const q of Period.children(year))
                figures.push([q, yield* BudgetRecords.quarterlyFigures(q as Period.Quarter)] as const)
              return { ...run, figures }
            }),
            Layer.fresh(layer)
          )
        )
        const expected = pure(B.decider, commands)
        expect(out.outcomes).toStrictEqual(expected.outcomes)
        accepted += out.outcomes.slice(1).filter((o) => o === "ok").length
        expect(Schema.encodeSync(B.State)(out.state)).toStrictEqual(Schema.encodeSync(B.State)(expected.state))
        if (expected.state._tag !== "Opened") throw new Error("the budget was not opened")
        const report = Control.control(expected.state)
        for (const [q, byProgram] of out.figures) {
          const want = report.quarters.find((f) => f.quarter === q)!
          const got = byProgram.get(P) ?? { planned: 0, committed: 0, spent: 0 }
          expect(got).toStrictEqual({ planned: want.planned, committed: want.committed, spent: want.spent })
        }
      }),
      { numRuns: atLeast(layer === MemoryStore.layer ? 40 : 10) }
    )
    // the runs really move money: most generated commands are accepted
    expect(accepted).toBeGreaterThan(10)
  })

  it("the publication register: stored, replayed and counted by month, channel and rubric; a refused command stores nothing", async () => {
    const pub = (id: string, date: string, channel: Publication["channel"], rubric?: string) =>
      new Publication({
        id: id as PublicationId,
        channel,
        date: Period.unsafeDay(date),
        title: `Публикация ${id}`,
        topics: [],
        division: "press-service" as DivisionId,
        ...(rubric === undefined ? {} : { rubric })
      })
    const commands = [
      new PublicationRegister.RecordPublication({
        at,
        actor,
        publication: pub("p1", "2020-03-02", "newspaper", "Горячая линия")
      }),
      new PublicationRegister.RecordPublication({ at, actor, publication: pub("p2", "2020-03-10", "website") }),
      new PublicationRegister.RecordPublication({ at, actor, publication: pub("p2", "2020-03-11", "tv") }), // refused: the id exists
      new PublicationRegister.CorrectPublication({ at, actor, publication: pub("p2", "2020-04-01", "website") }),
      new PublicationRegister.RecordPublication({
        at,
        actor,
        publication: pub("p3", "2020-03-20", "newspaper", "Горячая линия")
      }),
      new PublicationRegister.WithdrawPublication({ at, actor, id: "p3" as PublicationId, reason: "ошибка" })
    ]
    const out = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          const run = yield* drive(InformationRecords.registerDefinition, "city", commands)
          const march = yield* InformationRecords.publicationCounts(Period.unsafeMonth("2020-03"))
          const april = yield* InformationRecords.publicationCounts(Period.unsafeMonth("2020-04"))
          const log = yield* (yield* EventStore).readAll(0)
          const snapshot = yield* (yield* ReadModels).snapshot
          return { ...run, march, april, log: log.length, counters: snapshot.counters.get("publications")?.size ?? 0 }
        }),
        Layer.fresh(layer)
      )
    )
    const expected = pure(PublicationRegister.decider, commands)
    expect(out.outcomes).toStrictEqual(expected.outcomes)
    expect(out.outcomes[2]).toBe("InformationRuleViolation")
    expect(out.log).toBe(5)
    expect(Schema.encodeSync(PublicationRegister.State)(out.state)).toStrictEqual(
      Schema.encodeSync(PublicationRegister.State)(expected.state)
    )
    expect([...out.march.entries()].map(([c, r]) => [c, [...r.entries()]])).toStrictEqual([
      ["newspaper", [["Горячая линия", 1]]]
    ])
    expect([...out.april.entries()].map(([c, r]) => [c, [...r.entries()]])).toStrictEqual([
      ["website", [[Figures.NO_RUBRIC, 1]]]
    ])
  })

  it("Duma sessions, the Methodological Council and the monthly information plans are stored through the same ports: stored events replay to the pure state", async () => {
    const decode = <A, I>(schema: Schema.Schema<A, I, never>) => Schema.decodeUnknownSync(schema)
    const iso = at.toISOString()
    const dumaCommands = [
      { _tag: "ScheduleDumaSession", date: "2021-03-30", agenda: ["О бюджете"] },
      { _tag: "ScheduleDumaSession", date: "2021-03-30", agenda: ["О бюджете"] }, // refused: already scheduled
      {
        _tag: "AssignDraft",
        draft: "draft-roads",
        title: "О ремонте дорог",
        division: "city-economy",
        term: { amount: 20, unit: "calendarDays" },
        assignedOn: "2021-03-01"
      },
      { _tag: "SubmitDraft", draft: "draft-roads", on: "2021-03-12" },
      {
        _tag: "AdoptDecision",
        draft: "draft-roads",
        number: "245",
        instructions: [
          {
            id: "ins-1",
            division: "city-economy",
            task: "График ремонта",
            due: "2021-04-15",
            activity: "act-1",
            link: { _tag: "Goal", id: "g-roads" }
          }
        ]
      },
      { _tag: "CloseDumaSession" }
    ].map((c) => decode(Session.Command)({ ...c, session: "duma-2021-03", at: iso, actor }))
    const councilCommands = [
      {
        _tag: "SubmitManual",
        manual: {
          id: "mr-7",
          kind: "recommendations",
          title: "Приём граждан по видеосвязи",
          basedOn: [{ _tag: "Organization", id: "school-1" }],
          preparedBy: "organisation-department"
        }
      },
      {
        _tag: "ScheduleCouncilSession",
        session: "mc-2020-06",
        date: "2020-06-15",
        agenda: [{ title: "О рекомендациях", manual: "mr-7" }]
      },
      {
        _tag: "HoldCouncilSession",
        session: "mc-2020-06",
        decisions: [{ item: 0, outcome: "approveManual", text: "Одобрить" }]
      },
      {
        _tag: "DistributeManual",
        manual: "mr-7",
        recipients: [{ _tag: "Division", id: "education" }],
        on: "2020-06-10"
      }, // refused: before the approval
      {
        _tag: "DistributeManual",
        manual: "mr-7",
        recipients: [{ _tag: "Division", id: "education" }],
        on: "2020-06-16"
      }
    ].map((c) => decode(Council.Command)({ ...c, at: iso, actor }))
    const planCommands = [
      {
        _tag: "OpenInformationPlan",
        hotTopics: [
          { code: "0005.0005", appeals: 412 },
          { code: "0003.0009", appeals: 97 }
        ]
      },
      { _tag: "AssignHotTopic", topic: "0005.0005", division: "press-service" },
      { _tag: "CloseInformationPlan", on: "2020-04-30", publications: [] }, // refused: the window runs to 30 April
      {
        _tag: "CloseInformationPlan",
        on: "2020-05-01",
        publications: [
          {
            id: "p1",
            channel: "newspaper",
            rubric: "Горячая линия",
            date: "2020-04-20",
            title: "О капремонте",
            topics: ["0005.0005.0056.1134"],
            division: "press-service"
          }
        ]
      }
    ].map((c) => decode(InformationPlan.Command)({ ...c, month: "2020-03", at: iso, actor }))
    const out = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          const duma = yield* drive(DumaRecords.definition, "duma-2021-03", dumaCommands)
          const council = yield* drive(CouncilRecords.definition, "council", councilCommands)
          const plan = yield* drive(InformationRecords.planDefinition, "2020-03", planCommands)
          return { duma, council, plan }
        }),
        Layer.fresh(layer)
      )
    )
    const same = <S, I>(schema: Schema.Schema<S, I, never>, a: S, b: S) =>
      expect(Schema.encodeSync(schema)(a)).toStrictEqual(Schema.encodeSync(schema)(b))
    const duma = pure(DumaRecords.definition.decider, dumaCommands)
    expect(out.duma.outcomes).toStrictEqual(duma.outcomes)
    expect(out.duma.outcomes).toStrictEqual(["ok", "DumaRuleViolation", "ok", "ok", "ok", "ok"])
    expect(out.duma.events.map((e) => e._tag)).toStrictEqual([
      "DumaSessionScheduled",
      "DraftAssigned",
      "DraftSubmitted",
      "DecisionAdopted",
      "DumaSessionClosed"
    ])
    same(Session.State, out.duma.state, duma.state)
    const council = pure(Council.decider, councilCommands)
    expect(out.council.outcomes).toStrictEqual(["ok", "ok", "ok", "MethodologyRuleViolation", "ok"])
    expect(out.council.events.map((e) => e._tag)).toStrictEqual([
      "ManualSubmitted",
      "CouncilSessionScheduled",
      "CouncilSessionHeld",
      "ManualApproved",
      "ManualDistributed"
    ])
    same(Council.State, out.council.state, council.state)
    const plan = pure(InformationPlan.decider, planCommands)
    expect(out.plan.outcomes).toStrictEqual(["ok", "ok", "InformationRuleViolation", "ok"])
    same(InformationPlan.State, out.plan.state, plan.state)
    if (out.plan.state._tag !== "Closed") throw new Error("the plan was not closed")
    expect(out.plan.state.report.covered.map((c) => c.topic.code)).toStrictEqual(["0005.0005"])
    expect(out.plan.state.report.uncovered.map((t) => t.code)).toStrictEqual(["0003.0009"])
  })
})
