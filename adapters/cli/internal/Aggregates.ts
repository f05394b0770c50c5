/**
 * The aggregate definitions the CLI stores records with — the areas' own
 * (`Appeals.AppealRecords`, `Planning.PlanRecords`, `Elections.ElectionRecords`),
 * so every import maintains their read models in the same transaction:
 * appeals (category `appeal`), plans (`plan`) and election calendars
 * (`election_calendar`), and the meetings area's (`Meetings.MeetingRecords`):
 * suspensions (`suspension`), reception slots (`reception`) and information
 * meetings (`meeting`), in the city's time zone ({@link meetingsIn}).
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

/** The zone of the meetings area when the city names none (the administration's, Khabarovsk time). */
export const meetingsZone = TimeZone.KHABAROVSK

/** The meetings area's definitions in the city's time zone (the days of receptions and meetings are the city's days). */
export const meetingsIn = (timeZone: TimeZone.TimeZoneName = meetingsZone) => ({
  /** Suspensions of in-person receptions and meetings: one stream for the administration. */
  suspension: Meetings.MeetingRecords.makeSuspensionDefinition(timeZone),
  /** Reception slots under the suspensions in force. */
  reception: (suspensions: ReadonlyArray<Meetings.Suspension.SuspensionPeriod>) =>
    Meetings.MeetingRecords.makeReceptionDefinition({ timeZone, suspensions }),
  /** Information meetings under the suspensions in force. */
  meeting: (suspensions: ReadonlyArray<Meetings.Suspension.SuspensionPeriod>) =>
    Meetings.MeetingRecords.makeMeetingDefinition({ timeZone, suspensions })
})

/** Suspensions, in the default zone (reading stored ones: the zone decides days of new ones only). */
export const suspension = meetingsIn().suspension
