/**
 * Folds the demo city's records in process into the records the annual
 * report reads (as `Reporting.Records.read` reads them from a store):
 * appeal summaries, plan and election calendar states, receptions,
 * meetings and suspensions, the organisation's versions, publications and
 * information plans' coverage reports, program budgets, the Methodological
 * Council and the City Duma's sessions. A command a decider refuses is skipped (the tests that
 * check the generator assert none is).
 */
import { Either } from "effect"
import {
  Administration,
  Budget,
  Demo,
  Duma,
  Elections,
  Information,
  Methodology,
  Planning,
  type Reporting,
  TimeZone
} from "../../src/index.js"

/** A history folded by a decider, skipping what it refuses. */
const run = <C, E, S>(
  d: {
    readonly initialState: S
    readonly decide: (c: C, s: S) => Either.Either<ReadonlyArray<E>, unknown>
    readonly evolve: (s: S, e: E) => S
  },
  history: ReadonlyArray<C>
): S => {
  let s = d.initialState
  for (const c of history) for (const e of Either.getOrElse(d.decide(c, s), () => [])) s = d.evolve(s, e)
  return s
}

/** The report's records from demo records. */
export const fold = (records: ReadonlyArray<Demo.Generator.DemoRecord>): Reporting.AnnualReport.Records => {
  const plans = new Map<string, Planning.Plan.State>()
  const calendars: Array<Elections.ElectionCalendar.ElectionCalendarState> = []
  const history = Administration.OrganisationHistory.decider
  let organisation = history.initialState
  for (const r of records) {
    if (r.kind === "organisation")
      for (const c of r.history)
        for (const e of Either.getOrElse(history.decide(c, organisation), () => []))
          organisation = history.evolve(organisation, e)
    if (r.kind === "plan") {
      const others = [...plans.entries()].filter(([k]) => k !== r.history[0].plan).map(([, s]) => s)
      const d = Planning.PlanRecords.deciderFor(r.history[0], plans.get(r.history[0].plan), others)
      let s = d.initialState
      for (const c of r.history) for (const e of Either.getOrElse(d.decide(c, s), () => [])) s = d.evolve(s, e)
      plans.set(r.history[0].plan, s)
    }
    if (r.kind === "electionCalendar") {
      const d = Elections.ElectionCalendar.decider({ timeZone: TimeZone.KHABAROVSK })
      let s = d.initialState
      for (const c of r.history) for (const e of Either.getOrElse(d.decide(c, s), () => [])) s = d.evolve(s, e)
      calendars.push(s)
    }
  }
  const m = Demo.Meetings.fold(records, TimeZone.KHABAROVSK)
  const of = <K extends Demo.Generator.DemoRecord["kind"]>(kind: K) =>
    records.filter((r): r is Extract<Demo.Generator.DemoRecord, { readonly kind: K }> => r.kind === kind)
  const register = of("publications").map((r) =>
    run(Information.InformationRecords.registerDefinition.decider, r.history)
  )
  const infoPlans = of("informationPlan").map((r) =>
    run(Information.InformationRecords.planDefinition.decider, r.history)
  )
  return {
    publications: register.flatMap((r) => Information.PublicationRegister.publications(r)),
    coverageReports: infoPlans.flatMap((p) => (p._tag === "Closed" ? [p.report] : [])),
    budgets: of("programBudget").map((r) => run(Budget.BudgetRecords.definition.decider, r.history)),
    councils: of("methodologicalCouncil").map((r) => run(Methodology.CouncilRecords.definition.decider, r.history)),
    dumaSessions: of("dumaSession").map((r) => run(Duma.DumaRecords.definition.decider, r.history)),
    appeals: Demo.Generator.appealSummaries(records).summaries,
    plans: [...plans.values()],
    calendars,
    receptions: m.receptions,
    meetings: m.meetings,
    suspensions: m.suspensions,
    organisation: organisation.versions
  }
}
