/**
 * The aggregate definitions the CLI stores records with — the areas' own
 * (`Appeals.AppealStore`, `Planning.PlanStore`, `Elections.ElectionStore`),
 * so every import maintains their read models in the same transaction:
 * appeals (category `appeal`), plans (`plan`) and election calendars
 * (`election_calendar`), with the default settings (the Russian production
 * calendar, Khabarovsk time, the 59-FZ terms).
 *
 * @module
 */
import { Appeals, Elections, type Period, Planning } from "../../../src/index.js"

/** The appeal settings of the CLI. */
export const appealSettings = Appeals.AppealStore.defaultSettings

/** Appeals: one stream per appeal, with the open/closed/by-period/by-topic rows and the monthly counters. */
export const appeal = Appeals.AppealStore.definition

/** Plans: one stream per plan, with the execution rows and counters; the upper plans' context is given per decision (see {@link planDecider}). */
export const plan = Planning.PlanStore.definition

/** The plan decider with the context of the other plans (for links up and the strategic horizon). */
export const planDecider = (others: Iterable<Planning.Plan.State>): Planning.Plan.PlanDecider => {
  const states = [...others]
  const strategic = states.find((s): s is Planning.Plan.Opened => s._tag === "Opened" && s.kind === "strategic")
  const horizon = strategic === undefined ? undefined : (strategic.period as Period.Horizon)
  const nodes = states.flatMap((s) => (s._tag === "Opened" ? s.inForce : []))
  return Planning.Plan.decider(Planning.Hierarchy.context(horizon, nodes))
}

/** Election calendars: one stream per voting day, with the task rows and counters. */
export const electionCalendar = Elections.ElectionStore.definition
