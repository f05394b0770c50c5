/**
 * The import format of `cityhall import`: JSON Lines, one record per line,
 * each a stream's history as the commands of its area's decider, tagged by
 * `kind`:
 *
 * - `{ "kind": "appeal", "history": [RegisterAppeal | RegisterOralAppeal, ...] }`
 *   — an appeal with its history (assignment, extensions, the answer or
 *   another outcome); the first command registers it;
 * - `{ "kind": "plan", "history": [CreatePlan, AddNode..., ApprovePlan, SubmitMonthlyReport...] }`
 *   — a strategic, annual, monthly or Address plan with its reports and
 *   indicator actuals; plans above (strategy, annual plan) come first;
 * - `{ "kind": "electionCalendar", "votingDay": "2021-09-19", "history": [RegisterElection, PlanTasks, MarkDone...] }`
 *   — the election calendar of a voting day with its task completions;
 * - `{ "kind": "suspension", "history": [DeclareSuspension, ShortenSuspension...] }`
 *   — the administration's suspensions of in-person receptions and meetings
 *   (one stream; put it before the receptions and meetings it affects);
 * - `{ "kind": "reception", "history": [ScheduleReception, RecordCard..., LinkOralAppeal..., CloseReception] }`
 *   — a personal reception slot with its reception cards;
 * - `{ "kind": "meeting", "history": [ScheduleMeeting, HoldMeeting, RaiseQuestion, DisposeQuestion..., CloseMeeting] }`
 *   — an information meeting with its questions and their dispositions.
 *
 * Commands are the areas' Schemas in their JSON encoding (`_tag`, instants
 * as ISO strings, personal data in clear — it is stored, never printed).
 * The JSON Schema of a line is {@link jsonSchema} (docs/import.md).
 *
 * @module
 */
import { JSONSchema, Schema } from "effect"
import { Period } from "../../../src/kernel/index.js"
import * as Appeals from "../../../src/appeals/index.js"
import * as Elections from "../../../src/elections/index.js"
import * as Meetings from "../../../src/meetings/index.js"
import * as Planning from "../../../src/planning/index.js"

const nonEmpty = <A, I, R>(s: Schema.Schema<A, I, R>) => Schema.NonEmptyArray(s)

/** An appeal with its history. */
export const AppealRecord = Schema.Struct({
  kind: Schema.Literal("appeal"),
  history: nonEmpty(Appeals.AppealCommand.AppealCommand)
}).annotations({
  identifier: "AppealRecord",
  description: "An appeal with its history: a registration first, then what happened to it"
})

/** A plan with its history. */
export const PlanRecord = Schema.Struct({
  kind: Schema.Literal("plan"),
  history: nonEmpty(Planning.Plan.Command)
}).annotations({
  identifier: "PlanRecord",
  description: "A plan with its history: creation, nodes, approval, reports and indicator actuals"
})

/** The election calendar of a voting day with its history. */
export const ElectionCalendarRecord = Schema.Struct({
  kind: Schema.Literal("electionCalendar"),
  votingDay: Period.Day,
  history: nonEmpty(Elections.ElectionCalendar.Command)
}).annotations({
  identifier: "ElectionCalendarRecord",
  description: "The election calendar of a voting day: elections, planned tasks and their completions"
})

/** The administration's suspensions of in-person receptions and meetings. */
export const SuspensionRecord = Schema.Struct({
  kind: Schema.Literal("suspension"),
  history: nonEmpty(Meetings.Suspension.Command)
}).annotations({
  identifier: "SuspensionRecord",
  description: "Suspensions of in-person receptions and meetings: declared, and ended early"
})

/** A personal reception slot with its history. */
export const ReceptionRecord = Schema.Struct({
  kind: Schema.Literal("reception"),
  history: nonEmpty(Meetings.Reception.Command)
}).annotations({
  identifier: "ReceptionRecord",
  description:
    "A personal reception slot: scheduled, its reception cards (answered orally or as oral appeals), links to the appeals, closed"
})

/** An information meeting with its history. */
export const MeetingRecord = Schema.Struct({
  kind: Schema.Literal("meeting"),
  history: nonEmpty(Meetings.Meeting.Command)
}).annotations({
  identifier: "MeetingRecord",
  description: "An information meeting: scheduled, held with its attendance, questions and their dispositions, closed"
})

/** One line of an import file. */
export const ImportRecord = Schema.Union(
  AppealRecord,
  PlanRecord,
  ElectionCalendarRecord,
  SuspensionRecord,
  ReceptionRecord,
  MeetingRecord
).annotations({ identifier: "ImportRecord" })
/** @see ImportRecord */
export type ImportRecord = typeof ImportRecord.Type

/** The kinds of record, in the order the report lists them. */
export const KINDS = ["appeal", "plan", "electionCalendar", "suspension", "reception", "meeting"] as const
/** @see KINDS */
export type Kind = (typeof KINDS)[number]

/** The JSON Schema (draft-07) of one line, generated from the Schemas. */
export const jsonSchema = (): JSONSchema.JsonSchema7Root => JSONSchema.make(ImportRecord)
