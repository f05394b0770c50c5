import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Figures from "../../src/duma/Figures.js"
import * as S from "../../src/duma/Session.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import * as Decider from "../../src/kernel/Decider.js"
import type {
  ActivityId,
  ActorId,
  DivisionId,
  DocumentId,
  GoalId,
  InstructionId,
  SessionId
} from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Term from "../../src/kernel/Term.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import * as K from "../../src/testing/KernelArbitraries.js"
import { runs } from "../support/runs.js"

const calendar = Calendar.russia()
const decider = S.decider({ calendar })
const at = new Date("2021-03-01T02:00:00Z")
const actor = "duma-office-1" as ActorId
const YEARS = ["2020", "2021", "2022"].map(Period.unsafeYear)
const draftIds = fc.constantFrom("draft-1", "draft-2", "draft-3", "draft-4") as fc.Arbitrary<DocumentId>

/** A command made from the session's state so far (so that most are accepted). */
type Step = (s: S.State) => S.Command
const draftsOf = (s: S.State) => (s._tag === "Scheduled" ? s.drafts : [])
const pick = <A>(xs: ReadonlyArray<A>, n: number): A | undefined => (xs.length === 0 ? undefined : xs[n % xs.length])

const assignStep = (session: SessionId) =>
  fc.tuple(draftIds, K.term(20), fc.integer({ min: 10, max: 80 }), A.division).map(
    ([draft, term, before, division]): Step =>
      (s) => {
        const date = s._tag === "Scheduled" ? s.date : Period.unsafeDay("2021-03-30")
        return new S.AssignDraft({
          session,
          at,
          actor,
          draft,
          title: "О проекте решения",
          division,
          term,
          assignedOn: Period.addDays(date, -before)
        })
      }
  )
const submitStep = (session: SessionId) =>
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 40 })).map(
    ([n, after]): Step =>
      (s) => {
        const d = pick(
          draftsOf(s).filter((x) => x.status === "assigned"),
          n
        )
        return new S.SubmitDraft({
          session,
          at,
          actor,
          draft: d?.id ?? ("draft-1" as DocumentId),
          on: Period.addDays(d?.assignedOn ?? Period.unsafeDay("2021-03-01"), after)
        })
      }
  )
const adoptStep = (session: SessionId) =>
  fc
    .tuple(
      fc.nat(),
      fc.integer({ min: 1, max: 999 }),
      fc.array(fc.tuple(A.division, fc.integer({ min: 0, max: 60 })), { maxLength: 3 })
    )
    .map(
      ([n, number, given]): Step =>
        (s) => {
          const d = pick(
            draftsOf(s).filter((x) => x.status === "submitted"),
            n
          )
          const date = s._tag === "Scheduled" ? s.date : Period.unsafeDay("2021-03-30")
          const instructions = given.map(([division, due], i) => {
            const id = `${d?.id ?? "x"}-ins-${i}`
            return new S.Instruction({
              id: id as InstructionId,
              division,
              task: "Организовать исполнение решения",
              due: Period.addDays(date, due),
              activity: `act-${id}` as ActivityId,
              link: { _tag: "Goal", id: "g-city" as GoalId }
            })
          })
          return new S.AdoptDecision({
            session,
            at,
            actor,
            draft: d?.id ?? ("draft-1" as DocumentId),
            number: `${number}`,
            instructions
          })
        }
    )
const rejectStep = (session: SessionId) =>
  fc.nat().map(
    (n): Step =>
      (s) =>
        new S.RejectDraft({
          session,
          at,
          actor,
          draft:
            pick(
              draftsOf(s).filter((x) => x.status === "submitted"),
              n
            )?.id ?? ("draft-1" as DocumentId)
        })
  )

/**
 * The steps of one session: scheduled on a day, drafts assigned, submitted
 * (some late, some too late), decided, and maybe closed — mostly in that
 * order, with a few steps out of order that the decider refuses.
 */
const sessionSteps = (session: SessionId): fc.Arbitrary<ReadonlyArray<Step>> =>
  fc
    .tuple(
      A.dayBetween(Period.unsafeDay("2020-03-01"), Period.unsafeDay("2022-10-31")),
      fc.array(assignStep(session), { maxLength: 4 }),
      fc.array(submitStep(session), { maxLength: 4 }),
      fc.array(fc.oneof(adoptStep(session), adoptStep(session), rejectStep(session)), { maxLength: 4 }),
      fc.array(fc.oneof(assignStep(session), submitStep(session), adoptStep(session), rejectStep(session)), {
        maxLength: 3
      }),
      fc.boolean()
    )
    .map(
      ([date, assigns, submits, decisions, noise, close]): ReadonlyArray<Step> => [
        () => new S.ScheduleDumaSession({ session, at, actor, date, agenda: ["Отчёт Мэра города"] }),
        ...assigns,
        ...submits,
        ...decisions,
        ...(close ? [(): S.Command => new S.CloseDumaSession({ session, at, actor })] : []),
        ...noise
      ]
    )

/** Decides each step in turn, keeping the accepted events (refusals change nothing). */
const fold = (steps: ReadonlyArray<Step>): { readonly state: S.State; readonly events: ReadonlyArray<S.Event> } => {
  let state = S.initialState
  const events: Array<S.Event> = []
  for (const step of steps) {
    const out = decider.decide(step(state), state)
    if (Either.isLeft(out)) continue
    for (const e of out.right) {
      events.push(e)
      state = decider.evolve(state, e)
    }
  }
  return { state, events }
}

const sessions = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sessionSteps(`duma-${i + 1}` as SessionId))))

describe("figures of City Duma support for the annual report", () => {
  it("property: the figures of a year are what the sessions' events say, drafts and decisions add up, and the years add up to the whole history", () => {
    fc.assert(
      fc.property(sessions, (all) => {
        const runs = all.map(fold)
        const dateOf = (r: (typeof runs)[number]) => (r.state._tag === "Scheduled" ? r.state.date : undefined)
        const figures = YEARS.map((y) =>
          Figures.annual(
            y,
            runs.map((r) => r.state)
          )
        )
        for (const [i, year] of YEARS.entries()) {
          const f = figures[i]!
          const events = runs
            .filter((r) => {
              const d = dateOf(r)
              return d !== undefined && Period.contains(year, d)
            })
            .flatMap((r) => r.events)
          const count = (tag: S.Event["_tag"]) => events.filter((e) => e._tag === tag).length
          expect(f.sessions).toBe(count("DumaSessionScheduled"))
          expect(f.sessionsClosed).toBe(count("DumaSessionClosed"))
          expect(f.drafts).toBe(count("DraftAssigned"))
          expect(f.submittedLate).toBe(events.filter((e) => e._tag === "DraftSubmitted" && e.late).length)
          expect(f.submittedOnTime).toBe(events.filter((e) => e._tag === "DraftSubmitted" && !e.late).length)
          expect(f.adopted).toBe(count("DecisionAdopted"))
          expect(f.rejected).toBe(count("DraftRejected"))
          expect(f.instructions).toBe(
            events.reduce((n, e) => n + (e._tag === "DecisionAdopted" ? e.decision.instructions.length : 0), 0)
          )
          // the counts add up
          expect(f.submittedOnTime + f.submittedLate + f.notSubmitted).toBe(f.drafts)
          expect(f.adopted + f.rejected + f.undecided).toBe(f.submittedOnTime + f.submittedLate)
          const sum = (c: Readonly<Record<string, number>>) => Object.values(c).reduce((a, b) => a + b, 0)
          expect(sum(f.draftsByDivision)).toBe(f.drafts)
          expect(sum(f.instructionsByDivision)).toBe(f.instructions)
        }
        // every scheduled session lies in exactly one year
        expect(figures.reduce((n, f) => n + f.sessions, 0)).toBe(
          runs.filter((r) => r.state._tag === "Scheduled").length
        )
        expect(figures.reduce((n, f) => n + f.instructions, 0)).toBe(
          runs.reduce((n, r) => n + S.followUps(r.state).length, 0)
        )
      }),
      { numRuns: runs(100) }
    )
  })

  it("worked example: the session of 30 March 2021 — two drafts with 20 calendar days (deadline 10 March), one submitted on 5 March and adopted as decision № 245 with two instructions, one submitted late on 12 March and rejected", () => {
    const session = "duma-2021-03" as SessionId
    const assign = (draft: string, division: string) =>
      new S.AssignDraft({
        session,
        at,
        actor,
        draft: draft as DocumentId,
        title: "О проекте решения",
        division: division as DivisionId,
        term: Term.calendarDays(20),
        assignedOn: Period.unsafeDay("2021-03-01")
      })
    const instruction = (id: string, division: string, due: string) =>
      new S.Instruction({
        id: id as InstructionId,
        division: division as DivisionId,
        task: "Организовать исполнение решения",
        due: Period.unsafeDay(due),
        activity: `act-${id}` as ActivityId,
        link: { _tag: "Goal", id: "g-roads" as GoalId }
      })
    const run = Either.getOrThrow(
      Decider.run(decider, [
        new S.ScheduleDumaSession({
          session,
          at,
          actor,
          date: Period.unsafeDay("2021-03-30"),
          agenda: ["Отчёт Мэра города"]
        }),
        assign("draft-roads", "city-economy"),
        assign("draft-parks", "culture"),
        new S.SubmitDraft({
          session,
          at,
          actor,
          draft: "draft-roads" as DocumentId,
          on: Period.unsafeDay("2021-03-05")
        }),
        new S.SubmitDraft({
          session,
          at,
          actor,
          draft: "draft-parks" as DocumentId,
          on: Period.unsafeDay("2021-03-12")
        }),
        new S.AdoptDecision({
          session,
          at,
          actor,
          draft: "draft-roads" as DocumentId,
          number: "245",
          instructions: [
            instruction("ins-1", "city-economy", "2021-04-15"),
            instruction("ins-2", "transport", "2021-04-30")
          ]
        }),
        new S.RejectDraft({ session, at, actor, draft: "draft-parks" as DocumentId }),
        new S.CloseDumaSession({ session, at, actor })
      ])
    )
    expect(Figures.annual(Period.unsafeYear("2021"), [run.state, S.initialState])).toEqual(
      new Figures.AnnualFigures({
        year: Period.unsafeYear("2021"),
        sessions: 1,
        sessionsClosed: 1,
        drafts: 2,
        submittedOnTime: 1,
        submittedLate: 1,
        notSubmitted: 0,
        adopted: 1,
        rejected: 1,
        undecided: 0,
        instructions: 2,
        draftsByDivision: { "city-economy": 1, culture: 1 },
        instructionsByDivision: { "city-economy": 1, transport: 1 }
      })
    )
    expect(Figures.annual(Period.unsafeYear("2020"), [run.state]).sessions).toBe(0)
  })
})
