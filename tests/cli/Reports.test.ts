/**
 * `cityhall report annual` reads the Methodological Council's and the City
 * Duma's sessions' streams (categories `methodological_council` and
 * `duma_session`) from the store, as it reads the others, and the report
 * shows their sections.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc } from "effect"
import * as Reports from "../../adapters/cli/internal/Reports.js"
import * as Server from "../../adapters/cli/internal/Server.js"
import { MemoryStore } from "../../adapters/memory/index.js"
import { App, Appeals, Decider, Duma, Ids, Methodology, Period, Planning, Ports, Reporting } from "../../src/index.js"
import * as ConformanceAggregates from "../../src/testing/ConformanceAggregates.js"
import type { ActorId, DivisionId, DocumentId, SessionId } from "../../src/kernel/Ids.js"
import { Term } from "../../src/kernel/Term.js"

const day = Period.unsafeDay
const at = new Date("2021-02-01T02:00:00Z")
const actor = "clerk-1" as ActorId

describe("report annual: methodological support and City Duma support from the store", () => {
  it.effect(
    "the stored council and Duma session are folded into the report's records and shown in their sections",
    () =>
      Effect.gen(function* () {
        const council = [
          new Methodology.Council.SubmitManual({
            at,
            actor,
            manual: new Methodology.Manual.Manual({
              id: "mr-1" as DocumentId,
              kind: "recommendations",
              title: "Организация приёма по видеосвязи",
              basedOn: [{ _tag: "Division", id: "appeals-office" as DivisionId }],
              preparedBy: "organisation-department" as DivisionId
            })
          }),
          new Methodology.Council.ScheduleCouncilSession({
            at,
            actor,
            session: "mc-1" as SessionId,
            date: day("2021-03-11"),
            agenda: [new Methodology.Council.AgendaItem({ title: "О рекомендациях", manual: "mr-1" as DocumentId })]
          }),
          new Methodology.Council.HoldCouncilSession({
            at,
            actor,
            session: "mc-1" as SessionId,
            decisions: [
              new Methodology.Council.CouncilDecision({ item: 0, outcome: "approveManual", text: "Одобрить" })
            ]
          })
        ]
        for (const c of council) yield* Ports.CommandHandler.handle(Methodology.CouncilRecords.definition, "council", c)
        const session = "duma-2021-03" as SessionId
        const duma = [
          new Duma.Session.ScheduleDumaSession({ session, at, actor, date: day("2021-03-30"), agenda: [] }),
          new Duma.Session.AssignDraft({
            session,
            at,
            actor,
            draft: "draft-1" as DocumentId,
            title: "О бюджете",
            division: "finance" as DivisionId,
            term: new Term({ amount: 10, unit: "workingDays" }),
            assignedOn: day("2021-02-01")
          })
        ]
        for (const c of duma) yield* Ports.CommandHandler.handle(Duma.DumaRecords.definition, session, c)

        const records = yield* Reports.records
        expect(records.councils).toHaveLength(1)
        expect(records.dumaSessions).toHaveLength(1)
        const f = Reporting.AnnualReport.figures(Reporting.AnnualReport.inputOf(records, 2021, day("2021-12-31")))
        expect(f.methodology).toMatchObject({
          sessionsHeld: 1,
          decisions: 1,
          manualsApproved: 1,
          manualsApprovedAsRecommendations: 1
        })
        expect(f.duma).toMatchObject({ sessions: 1, drafts: 1, notSubmitted: 1 })
        const md = Reports.render(Reports.annual(records, 2021, day("2021-12-31"), "ru"), "md")
        expect(md).toContain("## Методическая работа")
        expect(md).toContain("## Обеспечение деятельности городской Думы")
        // a year without them has neither section
        const md2020 = Reports.render(Reports.annual(records, 2020, day("2020-12-31"), "ru"), "md")
        expect(md2020).not.toContain("## Методическая работа")
        expect(md2020).not.toContain("## Обеспечение деятельности городской Думы")
      }).pipe(Effect.provide(MemoryStore.layer))
  )
})

describe("serve's report pages read what is stored when asked", () => {
  it.effect("Server.answer reads the store on every request: a write shows in the next page", () =>
    Effect.gen(function* () {
      const page = Effect.provide(Server.answer("/report/2021.md"), App.City.layerOf(App.City.reference))
      const first = (yield* page).body
      expect(first).not.toContain("## Обеспечение деятельности городской Думы")
      const session = "duma-2021-05" as SessionId
      yield* Ports.CommandHandler.handle(
        Duma.DumaRecords.definition,
        session,
        new Duma.Session.ScheduleDumaSession({ session, at, actor, date: day("2021-05-25"), agenda: [] })
      )
      expect((yield* page).body).toContain("## Обеспечение деятельности городской Думы")
    }).pipe(Effect.provide(MemoryStore.layer))
  )

  it.effect(
    "an appeal registered shows in the next annual report, monthly analysis and index page (read from the counters)",
    () =>
      Effect.gen(function* () {
        const city = App.City.layerOf(App.City.reference)
        const annual = Effect.provide(Server.answer("/report/2021.json"), city)
        const monthly = Effect.provide(Server.answer("/report/monthly/2021-03.json"), city)
        const index = Effect.provide(Server.answer("/"), city)
        const total = (body: string) =>
          JSON.stringify(JSON.parse(body)).match(/Вопросов в обращениях за 2021-03: (\d+)/)
        expect((yield* index).body).toContain("(0 appeals,")
        expect((yield* annual).body).not.toContain("Обращения по каналам поступления")
        expect(total((yield* monthly).body)?.[1]).toBe("0")
        const id = Ids.AppealId.make("A-live-1")
        const register = fc.sample(
          ConformanceAggregates.appealRegistration(id, fc.constant(Date.parse("2021-03-10T00:00:00Z"))),
          { numRuns: 1, seed: 19 }
        )[0]!
        yield* Ports.CommandHandler.handle(Appeals.AppealRecords.definition, id, register)
        expect((yield* index).body).toContain("(1 appeals,")
        expect((yield* index).body).toContain('href="/report/2021.html"')
        expect((yield* annual).body).toContain("Обращения по каналам поступления")
        expect(Number(total((yield* monthly).body)?.[1])).toBeGreaterThanOrEqual(1)
      }).pipe(Effect.provide(MemoryStore.layer))
  )
})

describe("the CLI's and the pages' reports are written in the city's time zone, as the API's", () => {
  it("a plan created late on 14 January 2026 (UTC) exists by that day in Moscow, not yet in Khabarovsk (where it is the 15th)", () => {
    const title = "Стратегия развития города на 2026–2030 годы"
    const plan = Either.getOrThrow(
      Decider.run(Planning.Plan.decider(), [
        new Planning.Plan.CreatePlan({
          plan: Ids.PlanId.make("strategy-2026"),
          at: new Date("2026-01-14T20:00:00Z"),
          actor,
          kind: "strategic",
          period: Either.getOrThrow(Period.parse("2026..2030")),
          title
        })
      ])
    ).state
    const records = { appeals: [], plans: [plan] } as Reporting.Records.Records
    const moscow = Either.getOrThrow(App.City.make({ timeZone: "Europe/Moscow" }))
    const asOf = day("2026-01-14")
    const md = (city: App.Reports.ReportCity) => Reports.render(Reports.annual(records, 2026, asOf, "ru", city), "md")
    expect(md(moscow)).toContain(title)
    expect(md(App.City.reference)).not.toContain(title)
    // the CLI's document is the use case's, whatever the city
    for (const city of [moscow, App.City.reference])
      expect(md(city)).toBe(
        Reports.render(App.Reports.annualFrom(records, { year: 2026, asOf, lang: "ru" }, city), "md")
      )
  })
})
