/**
 * The import format of `cityhall import`: JSON Lines, one record per line,
 * each a stream's history as the commands of its area's decider, tagged by
 * `kind`:
 *
 * - `{ "kind": "organisation", "history": [AdoptOrganisation...] }` — the
 *   administration's organisation (divisions, officials, the duty
 *   distribution), each version in force from its `from` day; reports name
 *   divisions and officials by it (put it first);
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
 *   — an information meeting with its questions and their dispositions;
 * - `{ "kind": "publications", "history": [RecordPublication, CorrectPublication, WithdrawPublication...] }`
 *   — the administration's publication register (one stream: put it before
 *   the information plans that close over its publications);
 * - `{ "kind": "informationPlan", "history": [OpenInformationPlan, AssignHotTopic..., CloseInformationPlan] }`
 *   — a month's information plan: its hot topics (from the appeals), their
 *   assignments and the coverage report when closed;
 * - `{ "kind": "programBudget", "history": [OpenProgramBudget, RecordCommitment..., RecordSpending..., CloseBudgetYear] }`
 *   — a municipal program's budget for a year with its control entries;
 * - `{ "kind": "methodologicalCouncil", "council": "council", "history": [SubmitManual, ScheduleCouncilSession, HoldCouncilSession, DistributeManual...] }`
 *   — the Methodological Council with its sessions and manuals;
 * - `{ "kind": "dumaSession", "history": [ScheduleDumaSession, AssignDraft..., SubmitDraft..., AdoptDecision | RejectDraft..., CloseDumaSession] }`
 *   — a City Duma session as the administration prepares it: the draft
 *   decisions, the decisions and their follow-up instructions;
 * - `{ "kind": "pollingStation", "history": [RecordPollingStation, AssignStationOfficers...] }`
 *   — a polling station with its responsible officers, who are officials of
 *   the organisation (put the organisation before it).
 *
 * Commands are the areas' Schemas in their JSON encoding (`_tag`, instants
 * as ISO strings, personal data in clear — it is stored, never printed).
 * The JSON Schema of a line is {@link jsonSchema} (docs/import.md).
 *
 * @module
 */
import { JSONSchema, Schema } from "effect"
import {
  Administration,
  Appeals,
  Budget,
  Duma,
  Elections,
  Information,
  Meetings,
  Methodology,
  Period,
  Planning
} from "../../../src/index.js"

const nonEmpty = <A, I, R>(s: Schema.Schema<A, I, R>) => Schema.NonEmptyArray(s)

/** The administration's organisation with its versions. */
export const OrganisationRecord = Schema.Struct({
  kind: Schema.Literal("organisation"),
  history: nonEmpty(Administration.OrganisationHistory.Command)
}).annotations({
  identifier: "OrganisationRecord",
  description:
    "The administration's organisation: divisions, municipal enterprises and institutions, officials and the duty distribution, each version in force from its day"
})

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

/** The administration's publication register with its history. */
export const PublicationsRecord = Schema.Struct({
  kind: Schema.Literal("publications"),
  history: nonEmpty(Information.PublicationRegister.Command)
}).annotations({
  identifier: "PublicationsRecord",
  description:
    "The publication register: publications recorded (channel, rubric such as «Горячая линия», day, topics, division), corrected and withdrawn"
})

/** A month's information plan with its history. */
export const InformationPlanRecord = Schema.Struct({
  kind: Schema.Literal("informationPlan"),
  history: nonEmpty(Information.InformationPlan.Command)
}).annotations({
  identifier: "InformationPlanRecord",
  description:
    "A month's information plan: the hot topics of the appeals, the divisions they are assigned to, closed with the publications that cover them"
})

/** A municipal program's budget for a year with its history. */
export const ProgramBudgetRecord = Schema.Struct({
  kind: Schema.Literal("programBudget"),
  history: nonEmpty(Budget.ProgramBudget.Command)
}).annotations({
  identifier: "ProgramBudgetRecord",
  description:
    "A municipal program's budget for a year: planned by quarter, amended, commitments and spending recorded, the year closed"
})

/** The Methodological Council with its history. */
export const MethodologicalCouncilRecord = Schema.Struct({
  kind: Schema.Literal("methodologicalCouncil"),
  /** The council's stream id (one stream per council). */
  council: Schema.NonEmptyTrimmedString,
  history: nonEmpty(Methodology.Council.Command)
}).annotations({
  identifier: "MethodologicalCouncilRecord",
  description: "The Methodological Council: manuals submitted, sessions scheduled and held, manuals sent out"
})

/** A City Duma session with its history. */
export const DumaSessionRecord = Schema.Struct({
  kind: Schema.Literal("dumaSession"),
  history: nonEmpty(Duma.Session.Command)
}).annotations({
  identifier: "DumaSessionRecord",
  description:
    "A City Duma session as the administration prepares it: draft decisions assigned and submitted, decisions adopted with their instructions or drafts rejected, closed"
})

/** A polling station with its history. */
export const PollingStationRecord = Schema.Struct({
  kind: Schema.Literal("pollingStation"),
  history: nonEmpty(Elections.PollingStationRecords.Command)
}).annotations({
  identifier: "PollingStationRecord",
  description:
    "A polling station (number, address, premises, precinct commission) and its responsible officers, officials of the organisation"
})

/** One line of an import file. */
export const ImportRecord = Schema.Union(
  OrganisationRecord,
  AppealRecord,
  PlanRecord,
  ElectionCalendarRecord,
  SuspensionRecord,
  ReceptionRecord,
  MeetingRecord,
  PublicationsRecord,
  InformationPlanRecord,
  ProgramBudgetRecord,
  MethodologicalCouncilRecord,
  DumaSessionRecord,
  PollingStationRecord
).annotations({ identifier: "ImportRecord" })
/** @see ImportRecord */
export type ImportRecord = typeof ImportRecord.Type

/** The kinds of record, in the order the report lists them. */
export const KINDS = [
  "organisation",
  "appeal",
  "plan",
  "electionCalendar",
  "suspension",
  "reception",
  "meeting",
  "publications",
  "informationPlan",
  "programBudget",
  "methodologicalCouncil",
  "dumaSession",
  "pollingStation"
] as const
/** @see KINDS */
export type Kind = (typeof KINDS)[number]

/** The JSON Schema (draft-07) of one line, generated from the Schemas. */
export const jsonSchema = (): JSONSchema.JsonSchema7Root => JSONSchema.make(ImportRecord)
