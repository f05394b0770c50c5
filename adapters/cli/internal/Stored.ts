/**
 * Reading the stored records back for the reports: the appeals as the rows
 * of their read model (`AppealRecords.ByPeriod`: one summary row per appeal,
 * kept by every append, so no appeal event is read or folded), and every
 * stream of the plan, election-calendar, suspension, reception, meeting,
 * publication-register, information-plan, program-budget,
 * methodological-council and Duma-session categories
 * folded into its state (paged through the event log, so memory
 * holds states, not events).
 *
 * @module
 */
import { Effect } from "effect"
import * as Appeals from "../../../src/appeals/index.js"
import * as Budget from "../../../src/budget/index.js"
import * as Duma from "../../../src/duma/index.js"
import type * as Elections from "../../../src/elections/index.js"
import * as Information from "../../../src/information/index.js"
import type * as Meetings from "../../../src/meetings/index.js"
import * as Methodology from "../../../src/methodology/index.js"
import type * as Planning from "../../../src/planning/index.js"
import * as Ports from "../../../src/ports/index.js"
import * as Aggregates from "./Aggregates.js"

const PAGE = 20_000

const fold = <C, E, S, Err, EI, CI>(
  definition: Ports.Aggregate.AggregateDefinition<C, E, S, Err, EI, CI>
): Effect.Effect<Map<string, S>, Ports.Errors.StorageError | Ports.Errors.CorruptEvent, Ports.EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* Ports.EventStore.EventStore
    const states = new Map<string, S>()
    let after = 0
    for (;;) {
      const page = yield* store.readAll(after, { categories: [definition.category], limit: PAGE })
      for (const s of page) {
        const e = yield* Ports.Aggregate.decodeEvent(definition, s)
        states.set(s.streamId, definition.decider.evolve(states.get(s.streamId) ?? definition.decider.initialState, e))
        after = s.position
      }
      if (page.length < PAGE) return states
    }
  })

/** Everything stored: the appeals as summaries, the rest as states. */
export interface StoredRecords {
  readonly appeals: ReadonlyArray<Appeals.Analysis.AppealSummary>
  readonly plans: ReadonlyArray<Planning.Plan.State>
  readonly calendars: ReadonlyArray<Elections.ElectionCalendar.ElectionCalendarState>
  readonly receptions: ReadonlyArray<Meetings.Reception.State>
  readonly meetings: ReadonlyArray<Meetings.Meeting.State>
  readonly suspensions: ReadonlyArray<Meetings.Suspension.SuspensionPeriod>
  /** Publications in force (every publication register stream). */
  readonly publications: ReadonlyArray<Information.Publication.Publication>
  /** Coverage reports of the closed monthly information plans. */
  readonly coverageReports: ReadonlyArray<Information.Coverage.CoverageReport>
  readonly budgets: ReadonlyArray<Budget.ProgramBudget.State>
  /** The Methodological Council's states (category `methodological_council`). */
  readonly councils: ReadonlyArray<Methodology.Council.State>
  /** The City Duma's sessions (category `duma_session`). */
  readonly dumaSessions: ReadonlyArray<Duma.Session.State>
}

/** Reads every stored appeal's summary row, and folds every plan, election calendar, suspension, reception, meeting, publication register, information plan, program budget, Methodological Council and Duma session. */
export const read: Effect.Effect<
  StoredRecords,
  Ports.Errors.StorageError | Ports.Errors.CorruptEvent | Ports.Errors.CorruptRow | Ports.Errors.InvalidQuery,
  Ports.EventStore.EventStore | Ports.ReadModels.ReadModels
> = Effect.gen(function* () {
  const rows = yield* Ports.Projection.query(Appeals.AppealRecords.ByPeriod, { orderBy: "registeredOn" })
  const appeals = rows.map((r) => Appeals.AppealRecords.summaryOf(r.row))
  const plans = yield* fold(Aggregates.plan)
  const calendars = yield* fold(Aggregates.electionCalendar)
  const receptions = yield* fold(Aggregates.reception([]))
  const meetings = yield* fold(Aggregates.meeting([]))
  const suspensions = [...(yield* fold(Aggregates.suspension)).values()].flatMap((x) => x.periods)
  const publications = [...(yield* fold(Information.InformationRecords.registerDefinition)).values()].flatMap((r) =>
    Information.PublicationRegister.publications(r)
  )
  const coverageReports = [...(yield* fold(Information.InformationRecords.planDefinition)).values()].flatMap((p) =>
    p._tag === "Closed" ? [p.report] : []
  )
  const budgets = [...(yield* fold(Budget.BudgetRecords.definition)).values()]
  const councils = [...(yield* fold(Methodology.CouncilRecords.definition)).values()]
  const dumaSessions = [...(yield* fold(Duma.DumaRecords.definition)).values()]
  return {
    suspensions,
    appeals: [...appeals.values()],
    plans: [...plans.values()],
    calendars: [...calendars.values()],
    receptions: [...receptions.values()],
    meetings: [...meetings.values()],
    publications,
    coverageReports,
    budgets,
    councils,
    dumaSessions
  }
})
