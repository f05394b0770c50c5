/**
 * The aggregate definitions the CLI stores records with: appeals (category
 * `appeal`), plans (`plan`) and election calendars (`election_calendar`),
 * with the municipality's default settings (the Russian production
 * calendar, Khabarovsk time, the 59-FZ terms).
 *
 * @module
 */
import { Either } from "effect"
import { Appeals, Calendar, Elections, Period, Planning, Ports, TimeZone } from "../../../src/index.js"

/** The appeal settings of the CLI. */
export const appealSettings = Either.getOrThrow(
  Appeals.Deadlines.makeSettings({ calendar: Calendar.russia({ presidentialNonWorkingDays: true }), timeZone: TimeZone.KHABAROVSK })
)

/** Appeals: one stream per appeal. */
export const appeal = Ports.Aggregate.make({
  category: "appeal",
  decider: Appeals.AppealDecider.makeAppealDecider(appealSettings),
  eventSchema: Appeals.AppealEvent.AppealEvent,
  commandSchema: Appeals.AppealCommand.AppealCommand,
  eventType: (e: Appeals.AppealEvent.AppealEvent) => e._tag
})

/** Plans: one stream per plan; the upper plans' context is given per decision (see {@link planDecider}). */
export const plan = Ports.Aggregate.make({
  category: "plan",
  decider: Planning.Plan.decider(),
  eventSchema: Planning.Plan.Event,
  commandSchema: Planning.Plan.Command,
  eventType: (e: Planning.Plan.Event) => e._tag
})

/** The plan decider with the context of the other plans (for links up and the strategic horizon). */
export const planDecider = (others: Iterable<Planning.Plan.State>): Planning.Plan.PlanDecider => {
  const states = [...others]
  const strategic = states.find((s): s is Planning.Plan.Opened => s._tag === "Opened" && s.kind === "strategic")
  const horizon = strategic === undefined ? undefined : (strategic.period as Period.Horizon)
  const nodes = states.flatMap((s) => (s._tag === "Opened" ? s.inForce : []))
  return Planning.Plan.decider(Planning.Hierarchy.context(horizon, nodes))
}

/** Election calendars: one stream per voting day. */
export const electionCalendar = Ports.Aggregate.make({
  category: "election_calendar",
  decider: Elections.CalendarDecider.make({ timeZone: TimeZone.KHABAROVSK }),
  eventSchema: Elections.CalendarDecider.Event,
  commandSchema: Elections.CalendarDecider.Command,
  eventType: (e: Elections.CalendarDecider.Event) => e._tag
})
