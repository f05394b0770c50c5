/**
 * Folds the demo city's records in process into the records the annual
 * report reads (as `Reporting.Records.read` reads them from a store):
 * appeal summaries, plan and election calendar states, receptions,
 * meetings and suspensions, and the organisation's versions. A command a decider refuses is skipped (the tests that
 * check the generator assert none is).
 */
import { Either } from "effect"
import { Administration, Demo, Elections, Planning, type Reporting, TimeZone } from "../../src/index.js"

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
  return {
    appeals: Demo.Generator.appealSummaries(records).summaries,
    plans: [...plans.values()],
    calendars,
    receptions: m.receptions,
    meetings: m.meetings,
    suspensions: m.suspensions,
    organisation: organisation.versions
  }
}
