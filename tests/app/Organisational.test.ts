/**
 * The use cases of the organisational areas (issue 21): who may keep and
 * read publications, information plans, program budgets, the Council's and
 * the Duma's records; a refused command is the area's typed error and
 * stores nothing; closing an information plan closes over the register's
 * publications in the window; the demo city's records replayed through the
 * use cases give the states the report reads.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, TestClock } from "effect"
import { App, Budget, Decider, Demo, Information, type Ids, Methodology, Period, Ports } from "../../src/index.js"
import { MemoryStore } from "../../adapters/memory/index.js"

const city = Either.getOrThrow(App.City.make({ timeZone: "Asia/Vladivostok" }))
const layer = Layer.merge(App.City.layerOf(city), MemoryStore.layer)
const who = (role: App.Principal.Role) => new App.Principal.Principal({ subject: `${role}-1` as Ids.ActorId, role })
const clerk = who("clerk"),
  head = who("divisionHead"),
  citizen = who("citizen"),
  controller = who("controller")

const demo = Demo.Generator.generate({ seed: 2020 })
const register = demo.records.find((r) => r.kind === "publications")!
const publicationsOf = (register.kind === "publications" ? register.history : []).flatMap((c) =>
  c._tag === "RecordPublication" ? [c] : []
)
const march = Period.unsafeMonth("2020-03")
const planOf = demo.records.find((r) => r.kind === "informationPlan" && r.history[0].month === march)!
const budgetRecord = demo.records.find((r) => r.kind === "programBudget")!
const sessionRecord = demo.records.find((r) => r.kind === "dumaSession")!
const councilRecord = demo.records.find((r) => r.kind === "methodologicalCouncil")!

/** A command's own fields: the use case stamps the time and the actor. */
const strip = <C extends { readonly _tag: string; readonly at: Date; readonly actor: string }>(
  c: C
): Omit<C, "_tag" | "at" | "actor"> => {
  const { _tag, at: _at, actor: _actor, ...fields } = c
  return fields
}

const at = (day: string) => TestClock.setTime(new Date(`${day}T02:00:00Z`).getTime())

describe("App.Organisational", () => {
  it.effect(
    "information: a clerk records publications and closes a month's plan over those in its window; a citizen and a division head may not write",
    () =>
      Effect.gen(function* () {
        yield* at("2020-06-01")
        for (const c of publicationsOf)
          if (c._tag === "RecordPublication") yield* App.Organisational.recordPublication(clerk, c.publication)
        const denied = yield* Effect.flip(App.Organisational.recordPublication(citizen, publicationsOf[0]!.publication))
        expect(denied._tag).toBe("AccessDenied")
        expect(
          (yield* Effect.flip(App.Organisational.recordPublication(head, publicationsOf[0]!.publication)))._tag
        ).toBe("AccessDenied")
        // the same publication again: the register's typed refusal, nothing stored
        const before = (yield* Effect.flatMap(Ports.EventStore.EventStore, (s) => s.readAll(0))).length
        const again = yield* Effect.flip(App.Organisational.recordPublication(clerk, publicationsOf[0]!.publication))
        expect(again).toMatchObject({
          _tag: "InformationRuleViolation",
          rule: "duplicatePublication",
          field: "publication.id"
        })
        expect((yield* Effect.flatMap(Ports.EventStore.EventStore, (s) => s.readAll(0))).length).toBe(before)
        // the month's plan, opened with the demo's hot topics and closed after the window
        if (planOf.kind !== "informationPlan" || planOf.history[0]._tag !== "OpenInformationPlan")
          throw new Error("plan")
        yield* App.Organisational.openInformationPlan(clerk, march, planOf.history[0].hotTopics)
        const early = yield* Effect.flip(
          App.Organisational.closeInformationPlan(clerk, march, Period.unsafeDay("2020-04-30"))
        )
        expect(early).toMatchObject({ _tag: "InformationRuleViolation", rule: "windowNotOver", field: "on" })
        const closed = yield* App.Organisational.closeInformationPlan(clerk, march, Period.unsafeDay("2020-05-06"))
        if (closed.state._tag !== "Closed") throw new Error("the plan is closed")
        const window = Information.Coverage.window(march)
        const inWindow = (yield* App.Organisational.publications(controller)).filter(
          (p) => p.date >= window.from && p.date <= window.to
        )
        const expected = Information.Coverage.coverage(march, planOf.history[0].hotTopics, inWindow)
        expect(closed.state.report).toStrictEqual(expected)
        // a controller reads it; a citizen may not
        expect((yield* App.Organisational.informationPlan(controller, march)).state._tag).toBe("Closed")
        expect((yield* Effect.flip(App.Organisational.informationPlan(citizen, march)))._tag).toBe("AccessDenied")
        expect(
          (yield* Effect.flip(App.Organisational.informationPlan(controller, Period.unsafeMonth("2031-01"))))._tag
        ).toBe("RecordNotFound")
      }).pipe(Effect.provide(layer))
  )

  it.effect(
    "budget, Council and Duma: the demo's histories replayed through the use cases give the states the report reads; a division head reads the Council, not a budget",
    () =>
      Effect.gen(function* () {
        yield* at("2021-02-01")
        if (budgetRecord.kind !== "programBudget") throw new Error("budget")
        for (const c of budgetRecord.history) {
          if (c._tag === "OpenProgramBudget") yield* App.Organisational.openProgramBudget(clerk, strip(c))
          else if (c._tag === "RecordCommitment") yield* App.Organisational.recordCommitment(clerk, strip(c))
          else if (c._tag === "RecordSpending") yield* App.Organisational.recordSpending(clerk, strip(c))
          else if (c._tag === "CloseBudgetYear") yield* App.Organisational.closeBudgetYear(clerk, strip(c))
        }
        const first = budgetRecord.history[0]
        if (first._tag !== "OpenProgramBudget") throw new Error("opened first")
        const b = yield* App.Organisational.programBudget(controller, first.program, first.year)
        const pure = Either.getOrThrow(Decider.run(Budget.ProgramBudget.decider, budgetRecord.history)).state
        expect(b.state).toStrictEqual(pure)
        expect(b.control?.planned).toBe(
          Budget.Control.control(pure as Budget.ProgramBudget.Opened, { asOf: Period.unsafeDay("2021-02-01") }).planned
        )
        expect((yield* Effect.flip(App.Organisational.programBudget(head, first.program, first.year)))._tag).toBe(
          "AccessDenied"
        )
        // a contract outside the year: the typed refusal
        const outside = yield* Effect.flip(
          App.Organisational.recordCommitment(clerk, {
            program: first.program,
            year: first.year,
            entry: new Budget.ProgramBudget.Entry({
              ref: "late",
              on: Period.unsafeDay("2030-01-10"),
              amount: 100 as never
            })
          })
        )
        expect(outside).toMatchObject({ _tag: "BudgetRuleViolation" })

        if (councilRecord.kind !== "methodologicalCouncil" || sessionRecord.kind !== "dumaSession")
          throw new Error("areas")
        for (const c of councilRecord.history)
          yield* App.Organisational.council(clerk, "council", (m) => ({ ...c, ...m }) as typeof c)
        expect((yield* App.Organisational.readCouncil(head, "council")).state).toStrictEqual(
          Either.getOrThrow(Decider.run(Methodology.CouncilRecords.definition.decider, councilRecord.history)).state
        )
        const session = sessionRecord.history[0].session
        for (const c of sessionRecord.history)
          yield* App.Organisational.dumaSession(clerk, session, (m) => ({ ...c, ...m }) as typeof c)
        const s = yield* App.Organisational.readDumaSession(controller, session)
        expect(s.state._tag).toBe("Scheduled")
        expect(
          (yield* Effect.flip(
            App.Organisational.dumaSession(citizen, session, (m) => ({ ...sessionRecord.history[0], ...m }))
          ))._tag
        ).toBe("AccessDenied")
      }).pipe(Effect.provide(layer))
  )
})
