/**
 * The aggregate definitions the CLI stores records with — the areas' own
 * (`Appeals.AppealRecords`, `Planning.PlanRecords`, `Elections.ElectionRecords`),
 * so every import maintains their read models in the same transaction:
 * appeals (category `appeal`), plans (`plan`) and election calendars
 * (`election_calendar`), and the meetings area's (`Meetings.MeetingRecords`):
 * suspensions (`suspension`), reception slots (`reception`) and information
 * meetings (`meeting`), with the default settings (the Russian production
 * calendar, Khabarovsk time, the 59-FZ terms).
 *
 * @module
 */
import { type Period, TimeZone } from "../../../src/kernel/index.js"
import * as Appeals from "../../../src/appeals/index.js"
import * as Elections from "../../../src/elections/index.js"
import * as Meetings from "../../../src/meetings/index.js"
import * as Planning from "../../../src/planning/index.js"

/** The appeal settings of the CLI. */
export const appealSettings = Appeals.AppealRecords.defaultSettings

/** Appeals: one stream per appeal, with the open/closed/by-period/by-topic rows and the monthly counters. */
export const appeal = Appeals.AppealRecords.definition

/** Plans: one stream per plan, with the execution rows and counters; the upper plans' context is given per decision (see {@link planDecider}). */
export const plan = Planning.PlanRecords.definition

/**
 * The plan decider with the context of the other plans: their nodes in force
 * are both the links up (and the strategic horizon) and what lies below, so
 * an imported amendment cannot orphan work of another plan.
 */
export const planDecider = (others: Iterable<Planning.Plan.State>): Planning.Plan.PlanDecider => {
  const states = [...others]
  const strategic = states.find((s): s is Planning.Plan.Opened => s._tag === "Opened" && s.kind === "strategic")
  const horizon = strategic === undefined ? undefined : (strategic.period as Period.Horizon)
  const nodes = states.flatMap((s) => (s._tag === "Opened" ? s.inForce : []))
  return Planning.Plan.decider(Planning.Hierarchy.context(horizon, nodes), Planning.Hierarchy.belowOf(nodes))
}

/** Election calendars: one stream per voting day, with the task rows and counters. */
export const electionCalendar = Elections.ElectionRecords.definition

/** The zone of the meetings area (the administration's). */
export const meetingsZone = TimeZone.KHABAROVSK

/** Suspensions of in-person receptions and meetings: one stream for the administration. */
export const suspension = Meetings.MeetingRecords.makeSuspensionDefinition(meetingsZone)

/** Reception slots under the suspensions in force. */
export const reception = (suspensions: ReadonlyArray<Meetings.Suspension.SuspensionPeriod>) =>
  Meetings.MeetingRecords.makeReceptionDefinition({ timeZone: meetingsZone, suspensions })

/** Information meetings under the suspensions in force. */
export const meeting = (suspensions: ReadonlyArray<Meetings.Suspension.SuspensionPeriod>) =>
  Meetings.MeetingRecords.makeMeetingDefinition({ timeZone: meetingsZone, suspensions })
