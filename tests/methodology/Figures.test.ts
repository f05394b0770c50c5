import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Decider from "../../src/kernel/Decider.js"
import type { ActorId, DivisionId, DocumentId, MunicipalOrganisationId, SessionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as C from "../../src/methodology/Council.js"
import * as Figures from "../../src/methodology/Figures.js"
import { keyOfParty, Manual } from "../../src/methodology/Manual.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import { runs } from "../support/runs.js"

const at = new Date("2020-06-01T02:00:00Z")
const actor = "secretary-1" as ActorId
const manualIds = fc.constantFrom("mr-1", "mr-2", "mr-3", "mr-4") as fc.Arbitrary<DocumentId>
const sessionIds = fc.constantFrom("mc-1", "mc-2", "mc-3") as fc.Arbitrary<SessionId>
const days = A.dayBetween(Period.unsafeDay("2019-12-01"), Period.unsafeDay("2021-01-31"))
const YEARS = ["2019", "2020", "2021"].map(Period.unsafeYear)

const command: fc.Arbitrary<C.Command> = fc.oneof(
  manualIds.chain(A.manual).map((manual) => new C.SubmitManual({ at, actor, manual })),
  fc.tuple(sessionIds, days, fc.array(fc.option(manualIds, { nil: undefined }), { maxLength: 3 })).map(
    ([session, date, items]) =>
      new C.ScheduleCouncilSession({
        at,
        actor,
        session,
        date,
        agenda: items.map(
          (manual, i) => new C.AgendaItem({ title: `Вопрос ${i + 1}`, ...(manual === undefined ? {} : { manual }) })
        )
      })
  ),
  fc.tuple(sessionIds, fc.option(manualIds, { nil: undefined })).map(
    ([session, manual]) =>
      new C.AddAgendaItem({
        at,
        actor,
        session,
        item: new C.AgendaItem({ title: "Дополнительный вопрос", ...(manual === undefined ? {} : { manual }) })
      })
  ),
  fc
    .tuple(
      sessionIds,
      fc.array(
        fc.record({
          item: fc.integer({ min: 0, max: 3 }),
          outcome: fc.constantFrom<C.Outcome>("approveManual", "approveManual", "returnManual", "resolution")
        }),
        { maxLength: 3 }
      )
    )
    .map(
      ([session, ds]) =>
        new C.HoldCouncilSession({
          at,
          actor,
          session,
          decisions: ds.map((d) => new C.CouncilDecision({ ...d, text: "Решили" }))
        })
    ),
  fc
    .tuple(manualIds, fc.uniqueArray(A.party, { minLength: 1, maxLength: 3, selector: keyOfParty }), days)
    .map(
      ([manual, [first, ...rest], on]) =>
        new C.DistributeManual({ at, actor, manual, recipients: [first!, ...rest], on })
    )
)

/** A command made from the state so far: most are meant to be accepted (agendas name submitted manuals, decisions fit the agenda, copies follow approval). */
type Step = (s: C.State) => C.Command
const pick = <A>(xs: ReadonlyArray<A>, n: number): A | undefined => (xs.length === 0 ? undefined : xs[n % xs.length])
const outcomes = fc.array(
  fc.tuple(
    fc.constantFrom(true, true, true, false),
    fc.constantFrom<C.Outcome>("approveManual", "approveManual", "returnManual", "resolution")
  ),
  { maxLength: 4 }
)
/** A session scheduled with an agenda of submitted manuals (and other items), then held with decisions that fit its agenda. */
const sessionSteps: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(sessionIds, days, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), outcomes)
  .map(([session, date, picks, decided]) => [
    (s) => {
      const open = Object.values(s.manuals)
        .filter((r) => r.status !== "approved")
        .map((r) => r.manual.id)
      const agenda = picks.map((n, i) => {
        const manual = n % 4 === 0 ? undefined : pick(open, n)
        return new C.AgendaItem({ title: `Вопрос ${i + 1}`, ...(manual === undefined ? {} : { manual }) })
      })
      return new C.ScheduleCouncilSession({ at, actor, session, date, agenda })
    },
    (s) => {
      const decisions = (s.sessions[session]?.agenda ?? []).flatMap((item, i) => {
        const [take, outcome] = decided[i] ?? [false, "resolution"]
        return take
          ? [
              new C.CouncilDecision({
                item: i,
                outcome: item.manual === undefined ? "resolution" : outcome,
                text: "Решили"
              })
            ]
          : []
      })
      return new C.HoldCouncilSession({ at, actor, session, decisions })
    }
  ])
/** Copies of an approved manual, sent on or after its approval. */
const distributeStep: fc.Arbitrary<ReadonlyArray<Step>> = fc
  .tuple(
    fc.nat(),
    fc.uniqueArray(A.party, { minLength: 1, maxLength: 3, selector: keyOfParty }),
    fc.integer({ min: 0, max: 60 })
  )
  .map(([n, [first, ...rest], offset]) => [
    (s) => {
      const r = pick(
        Object.values(s.manuals).filter((x) => x.approval !== undefined),
        n
      )
      const on = r?.approval === undefined ? Period.unsafeDay("2020-06-01") : Period.addDays(r.approval.date, offset)
      return new C.DistributeManual({
        at,
        actor,
        manual: r?.manual.id ?? ("mr-1" as DocumentId),
        recipients: [first!, ...rest],
        on
      })
    }
  ])
const submits = fc
  .uniqueArray(manualIds, { minLength: 1, maxLength: 4 })
  .chain((ids) => fc.tuple(...ids.map(A.manual)))
  .map((ms) => ms.map((manual) => new C.SubmitManual({ at, actor, manual })))
const steps = fc
  .tuple(
    submits,
    fc.array(
      fc.oneof(
        { arbitrary: command.map((c): ReadonlyArray<Step> => [() => c]), weight: 2 },
        { arbitrary: sessionSteps, weight: 2 },
        { arbitrary: distributeStep, weight: 1 }
      ),
      { minLength: 3, maxLength: 30 }
    )
  )
  .map(([first, rest]): ReadonlyArray<C.Command | Step> => [...first, ...rest.flat()])

/** Decides every command in turn, keeping the accepted events (refusals change nothing). */
const fold = (
  commands: ReadonlyArray<C.Command | Step>
): { readonly state: C.State; readonly events: ReadonlyArray<C.Event> } => {
  let state = C.initialState
  const events: Array<C.Event> = []
  for (const step of commands) {
    const c = typeof step === "function" ? step(state) : step
    const out = C.decide(c, state)
    if (Either.isLeft(out)) continue
    for (const e of out.right) {
      events.push(e)
      state = C.evolve(state, e)
    }
  }
  return { state, events }
}

describe("figures of methodological support for the annual report", () => {
  it("property: the figures of a year are what the Council's events say, decisions add up, and the years add up to the whole history", () => {
    fc.assert(
      fc.property(steps, (commands) => {
        const { state, events } = fold(commands)
        const all = YEARS.map((y) => Figures.annual(y, state))
        for (const [i, year] of YEARS.entries()) {
          const f = all[i]!
          const inYear = (d: Period.Day) => Period.contains(year, d)
          const held = events.flatMap((e) => (e._tag === "CouncilSessionHeld" && inYear(e.date) ? [e] : []))
          const agenda = (id: SessionId) =>
            events.reduce(
              (n, e) =>
                n +
                (e._tag === "CouncilSessionScheduled" && e.session === id
                  ? e.agenda.length
                  : e._tag === "AgendaItemAdded" && e.session === id
                    ? 1
                    : 0),
              0
            )
          expect(f.sessionsHeld).toBe(held.length)
          expect(f.agendaItems).toBe(held.reduce((n, e) => n + agenda(e.session), 0))
          expect(f.decisions).toBe(held.reduce((n, e) => n + e.decisions.length, 0))
          expect(f.manualsApproved).toBe(events.filter((e) => e._tag === "ManualApproved" && inYear(e.date)).length)
          expect(f.manualsReturned).toBe(events.filter((e) => e._tag === "ManualReturned" && inYear(e.date)).length)
          expect(f.manualsApproved + f.manualsReturned + f.resolutions).toBe(f.decisions)
          expect(f.manualsApprovedAsManuals + f.manualsApprovedAsRecommendations).toBe(f.manualsApproved)
          const sent = events.flatMap((e) =>
            e._tag === "ManualDistributed" && inYear(e.on) ? e.recipients.map(keyOfParty) : []
          )
          expect(f.distributions).toBe(sent.length)
          expect(f.recipients).toBe(new Set(sent).size)
        }
        // every held session, decision, approval and copy lies in exactly one of the years
        const total = (k: "sessionsHeld" | "decisions" | "manualsApproved" | "manualsReturned" | "distributions") =>
          all.reduce((n, f) => n + f[k], 0)
        expect(total("sessionsHeld")).toBe(events.filter((e) => e._tag === "CouncilSessionHeld").length)
        expect(total("manualsApproved")).toBe(events.filter((e) => e._tag === "ManualApproved").length)
        expect(total("manualsReturned")).toBe(events.filter((e) => e._tag === "ManualReturned").length)
        expect(total("distributions")).toBe(
          events.reduce((n, e) => n + (e._tag === "ManualDistributed" ? e.recipients.length : 0), 0)
        )
      }),
      { numRuns: runs(150) }
    )
  })

  it("worked example: recommendations based on a school's experience approved at the session of 15 June 2020 and sent to two divisions", () => {
    const manual = new Manual({
      id: "mr-7" as DocumentId,
      kind: "recommendations",
      title: "Организация приёма граждан в режиме видеосвязи",
      basedOn: [{ _tag: "Organization", id: "school-1" as MunicipalOrganisationId }],
      preparedBy: "organisation-department" as DivisionId
    })
    const session = "mc-2020-06" as SessionId
    const run = Either.getOrThrow(
      Decider.run(C.decider, [
        new C.SubmitManual({ at, actor, manual }),
        new C.ScheduleCouncilSession({
          at,
          actor,
          session,
          date: Period.unsafeDay("2020-06-15"),
          agenda: [
            new C.AgendaItem({ title: "О рекомендациях", manual: manual.id }),
            new C.AgendaItem({ title: "О плане работы совета на второе полугодие" })
          ]
        }),
        new C.HoldCouncilSession({
          at,
          actor,
          session,
          decisions: [
            new C.CouncilDecision({ item: 0, outcome: "approveManual", text: "Одобрить" }),
            new C.CouncilDecision({ item: 1, outcome: "resolution", text: "Утвердить план" })
          ]
        }),
        new C.DistributeManual({
          at,
          actor,
          manual: manual.id,
          recipients: [
            { _tag: "Division", id: "education" as DivisionId },
            { _tag: "Division", id: "culture" as DivisionId }
          ],
          on: Period.unsafeDay("2020-06-16")
        })
      ])
    )
    expect(Figures.annual(Period.unsafeYear("2020"), run.state)).toEqual(
      new Figures.AnnualFigures({
        year: Period.unsafeYear("2020"),
        sessionsHeld: 1,
        agendaItems: 2,
        decisions: 2,
        manualsApproved: 1,
        manualsApprovedAsManuals: 0,
        manualsApprovedAsRecommendations: 1,
        manualsReturned: 0,
        resolutions: 1,
        distributions: 2,
        recipients: 2
      })
    )
    expect(Figures.annual(Period.unsafeYear("2021"), run.state).sessionsHeld).toBe(0)
  })
})
