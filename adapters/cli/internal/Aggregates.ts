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
import { Appeals, Elections, Meetings, Planning, TimeZone } from "../../../src/index.js"

/** The appeal settings of the CLI. */
export const appealSettings = Appeals.AppealRecords.defaultSettings

/** Appeals: one stream per appeal, with the open/closed/by-period/by-topic rows and the monthly counters. */
export const appeal = Appeals.AppealRecords.definition

/** Plans: one stream per plan, with the execution rows and counters; the upper plans' context is given per decision (see {@link planDecider}). */
export const plan = Planning.PlanRecords.definition

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
