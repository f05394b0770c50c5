/**
 * The one definition of cityhall's HTTP API (`@effect/platform` HttpApi):
 * the server ({@link Server}), the typed client ({@link Client}) and the
 * OpenAPI 3.1 document (`/openapi.json`, rendered at `/docs`) all come from
 * it. Every request and response shape is derived from the core's Schemas
 * (commands, states, analysis, elections); the only shapes written here are
 * the Open311 GeoReport v2 ones, which are a foreign standard.
 *
 * Groups: `appeals`, `elections`, `open311`, `planning`, `meetings`, `reports`. Every endpoint but the Open311
 * service list needs a bearer token ({@link Auth.Authentication}); every
 * endpoint passes the {@link Limits.Guard} (body size, rate limit).
 *
 * @module
 */
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema, Struct } from "effect"
import { Ids, Period, TimeZone } from "../../src/kernel/index.js"
import * as Appeals from "../../src/appeals/index.js"
import * as Elections from "../../src/elections/index.js"
import * as Meetings from "../../src/meetings/index.js"
import * as Planning from "../../src/planning/index.js"
import * as Budget from "../../src/budget/index.js"
import * as Duma from "../../src/duma/index.js"
import * as Information from "../../src/information/index.js"
import * as Methodology from "../../src/methodology/index.js"
import { Authentication } from "./Auth.js"
import {
  Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  PayloadTooLarge,
  RateLimited,
  RuleViolated,
  Unauthorized,
  Unavailable
} from "./HttpErrors.js"
import { Guard } from "./Limits.js"

// ---------------------------------------------------------------------------
// Shared

/**
 * A request body that refuses fields it does not know (misspelled ones
 * included), naming them — what the OpenAPI document says
 * (`additionalProperties: false`). Every payload of the API is strict.
 */
export const strict = <S extends Schema.Schema.All>(schema: S): S =>
  schema.annotations({ parseOptions: { onExcessProperty: "error" } }) as unknown as S

/** The optional `Idempotency-Key` header of command endpoints: a retry with the same key is applied once. */
export const IdempotencyHeaders = Schema.Struct({
  "idempotency-key": Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)), {
    exact: true
  })
})

/** A page size and the cursor (the last key of the previous page). */
export const PageParams = {
  limit: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.positive()), { exact: true }),
  after: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(256)), { exact: true })
}

const IdPath = Schema.Struct({ id: Ids.AppealId })

// ---------------------------------------------------------------------------
// Appeals

/** An applicant's personal data and the text: only for the roles that need them. */
export const PersonalData = Schema.Struct({
  applicant: Schema.optionalWith(Appeals.Appeal.Applicant, { exact: true }),
  text: Appeals.Appeal.AppealFacts.fields.text
})

/** An internal due date of an appeal: the term policy's internal entry, its source and the day (never the legal due date). */
export const InternalDueView = Schema.Struct({
  entry: Schema.String,
  source: Schema.String,
  workingDaysBefore: Schema.Int,
  due: Period.Day
}).annotations({ identifier: "InternalDue" })

/** One appeal as the API shows it: its facts without personal data, its state and due dates, and the personal data when the role may see it. */
export const AppealView = Schema.Struct({
  ...Struct.omit(Appeals.Appeal.AppealFacts.fields, "applicant", "text"),
  state: Appeals.AppealError.StateTag,
  /** The due dates in force: derived from the registration and the extensions under the server's production calendar. */
  dues: Appeals.Appeal.Dues,
  /** True when a due date rests on a provisional calendar year (no official data yet: the Labour Code alone); loading the year's official data may move it. */
  provisional: Schema.Boolean,
  /** The legal answer term under the city's term policy: its entry, days and source (59-FZ art. 12 p. 1 by default). */
  term: Schema.Struct({ entry: Schema.String, days: Schema.Int, source: Schema.String }),
  /** The city's internal terms for this appeal (a division's draft before the legal due date): internal, never the due date. */
  internalDues: Schema.Array(InternalDueView),
  extensionDays: Schema.Int,
  version: Schema.Int,
  division: Schema.optionalWith(Ids.DivisionId, { exact: true }),
  outcome: Schema.optionalWith(Appeals.Appeal.Outcome, { exact: true }),
  result: Schema.optionalWith(Appeals.Appeal.Result, { exact: true }),
  questionResults: Schema.optionalWith(Appeals.Appeal.QuestionResults, { exact: true }),
  answerForm: Schema.optionalWith(Appeals.Appeal.AnswerForm, { exact: true }),
  forwardedTo: Schema.optionalWith(Schema.String, { exact: true }),
  closedAt: Schema.optionalWith(TimeZone.Instant, { exact: true }),
  closedOn: Schema.optionalWith(Period.Day, { exact: true }),
  /** Who registered (or submitted) the appeal. */
  registeredBy: Ids.ActorId,
  personal: Schema.optionalWith(PersonalData, { exact: true })
})
/** @see AppealView */
export type AppealView = typeof AppealView.Type

/** An appeal in a list: its analysis summary (no personal data), registration number and state. */
export const AppealItem = Schema.Struct({
  ...Appeals.Analysis.AppealSummary.fields,
  registrationNumber: Appeals.Appeal.AppealFacts.fields.registrationNumber,
  state: Appeals.AppealError.StateTag
})
/** @see AppealItem */
export type AppealItem = typeof AppealItem.Type

/** A page of appeals; `next` is the cursor of the following page, absent on the last. */
export const AppealPage = Schema.Struct({
  items: Schema.Array(AppealItem),
  next: Schema.optionalWith(Schema.String, { exact: true })
})
/** @see AppealPage */
export type AppealPage = typeof AppealPage.Type

/** The body of a clerk's registration: the `RegisterAppeal` command without its instant and actor (the server sets them). */
export const RegisterBody = Schema.Struct(
  Struct.omit(Appeals.AppealCommand.RegisterAppeal.fields, "_tag", "at", "actor", "submittedBy")
)

/** The body of a citizen's submission: the server assigns the id and registration number; the channel is electronic. */
export const SubmitBody = Schema.Struct({
  ...Struct.pick(Appeals.AppealCommand.RegisterAppeal.fields, "text", "topics"),
  applicant: Appeals.Appeal.Applicant,
  type: Schema.optionalWith(Appeals.Appeal.AppealType, { exact: true }),
  kind: Schema.optionalWith(Appeals.Appeal.Kind, { exact: true }),
  addressee: Schema.optionalWith(Appeals.AppealCommand.RegisterAppeal.fields.addressee, { exact: true }),
  relatedAppeals: Schema.optionalWith(Appeals.AppealCommand.RegisterAppeal.fields.relatedAppeals, { exact: true })
})

/** The monthly analysis of a period with the previous year's and the recommendations to the divisions. */
export const AnalysisReport = Schema.Struct({
  analysis: Appeals.Analysis.Analysis,
  previousYear: Appeals.Analysis.Analysis,
  comparison: Appeals.Analysis.Comparison,
  recommendations: Schema.Array(Appeals.Analysis.Recommendation)
})

const command = <const Name extends string, P extends Schema.Schema.Any>(name: Name, path: `/${string}`, payload: P) =>
  HttpApiEndpoint.post(name, path)
    .setPath(IdPath)
    .setPayload(strict(payload))
    .setHeaders(IdempotencyHeaders)
    .addSuccess(AppealView)

/** The appeals' endpoints. */
export class AppealsGroup extends HttpApiGroup.make("appeals")
  .add(
    HttpApiEndpoint.post("register", "/appeals")
      .setPayload(strict(RegisterBody))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(AppealView, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("submit", "/appeals/submissions")
      .setPayload(strict(SubmitBody))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(AppealView, { status: 201 })
  )
  .add(
    command(
      "assign",
      "/appeals/:id/assign",
      Schema.Struct(Appeals.AppealCommand.AssignToDivision.fields).pick("division")
    )
  )
  .add(
    command(
      "forward",
      "/appeals/:id/forward",
      Schema.Struct(Appeals.AppealCommand.ForwardByCompetence.fields).pick("to")
    )
  )
  .add(
    command(
      "extend",
      "/appeals/:id/extend",
      Schema.Struct(Appeals.AppealCommand.ExtendTerm.fields).pick("days", "reason")
    )
  )
  .add(
    command(
      "answer",
      "/appeals/:id/answer",
      Schema.Struct(Appeals.AppealCommand.AnswerOnMerits.fields).pick("result", "form", "questionResults")
    )
  )
  .add(
    command(
      "leaveWithoutAnswer",
      "/appeals/:id/leave-without-answer",
      Schema.Struct(Appeals.AppealCommand.LeaveWithoutAnswer.fields).pick("ground")
    )
  )
  .add(
    command(
      "forwardCrimeReport",
      "/appeals/:id/forward-crime-report",
      Schema.Struct(Appeals.AppealCommand.ForwardCrimeReport.fields).pick("to")
    )
  )
  .add(command("endCorrespondence", "/appeals/:id/end-correspondence", Schema.Struct({})))
  .add(
    command(
      "answerByReference",
      "/appeals/:id/answer-by-reference",
      Schema.Struct(Appeals.AppealCommand.AnswerByReference.fields).pick("decision")
    )
  )
  .add(
    HttpApiEndpoint.get("list", "/appeals")
      .setUrlParams(
        Schema.Struct({
          state: Appeals.AppealError.StateTag,
          division: Schema.optionalWith(Ids.DivisionId, { exact: true }),
          ...PageParams
        })
      )
      .addSuccess(AppealPage)
  )
  .add(HttpApiEndpoint.get("mine", "/appeals/mine").setUrlParams(Schema.Struct(PageParams)).addSuccess(AppealPage))
  .add(
    HttpApiEndpoint.get("overdue", "/appeals/overdue")
      .setUrlParams(
        Schema.Struct({ on: Period.Day, division: Schema.optionalWith(Ids.DivisionId, { exact: true }), ...PageParams })
      )
      .addSuccess(AppealPage)
  )
  .add(
    HttpApiEndpoint.get("dueSoon", "/appeals/due-soon")
      .setUrlParams(
        Schema.Struct({
          on: Period.Day,
          days: Schema.NumberFromString,
          division: Schema.optionalWith(Ids.DivisionId, { exact: true }),
          ...PageParams
        })
      )
      .addSuccess(AppealPage)
  )
  .add(
    // the words of the appeals' texts (and, for roles that see personal data, the applicant's name,
    // e-mail and postal address); `q` is checked by the use case (App.Appeals.search): 400 naming it
    HttpApiEndpoint.get("search", "/appeals/search")
      .setUrlParams(
        Schema.Struct({
          q: Schema.String,
          division: Schema.optionalWith(Ids.DivisionId, { exact: true }),
          ...PageParams
        })
      )
      .addSuccess(AppealPage)
  )
  .add(
    HttpApiEndpoint.get("internalOverdue", "/appeals/internal-overdue")
      .setUrlParams(Schema.Struct({ on: Period.Day, division: Schema.optionalWith(Ids.DivisionId, { exact: true }) }))
      .addSuccess(Schema.Array(Schema.Struct({ ...AppealItem.fields, missed: Schema.Array(InternalDueView) })))
  )
  .add(
    HttpApiEndpoint.get("analysis", "/appeals/analysis")
      .setUrlParams(Schema.Struct({ period: Appeals.Analysis.AnalysisPeriod, asOf: Period.Day }))
      .addSuccess(AnalysisReport)
  )
  .add(HttpApiEndpoint.get("get", "/appeals/:id").setPath(IdPath).addSuccess(AppealView))
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Citizens' appeals under 59-FZ: registration, assignment, forwarding, extension, answers and dispositions; queries and the monthly analysis"
  ) {}

// ---------------------------------------------------------------------------
// Elections

/** A calendar's id (usually its voting day, `2021-09-19`). */
export const CalendarId = Schema.String.pipe(
  Schema.pattern(Ids.IdPattern, { message: () => "calendar: expected 1-128 letters, digits and _.:-" }),
  Schema.annotations({ identifier: "CalendarId" })
)
const CalendarPath = Schema.Struct({ calendar: CalendarId })
const TaskPath = Schema.Struct({ calendar: CalendarPath.fields.calendar, task: Ids.TaskId })

/** An election calendar: its elections, the merged calendar of their tasks and the tasks' statuses. */
export const CalendarView = Schema.Struct({
  calendar: Schema.String,
  version: Schema.Int,
  votingDay: Schema.optionalWith(Period.Day, { exact: true }),
  elections: Schema.Array(Ids.ElectionId),
  merged: Elections.MergedCalendar.MergedCalendar,
  statuses: Schema.Array(Elections.ElectionCalendar.StatusEntry)
})
/** @see CalendarView */
export type CalendarView = typeof CalendarView.Type

/** The violations of a calendar as of a day. */
export const ComplianceView = Schema.Struct({
  calendar: Schema.String,
  asOf: Period.Day,
  violations: Schema.Array(Elections.Compliance.Violation)
})

/** The elections' endpoints. */
export class ElectionsGroup extends HttpApiGroup.make("elections")
  .add(
    HttpApiEndpoint.post("registerElection", "/elections/calendars/:calendar/elections")
      .setPath(CalendarPath)
      .setPayload(strict(Schema.Struct(Elections.ElectionCalendar.RegisterElection.fields).pick("election")))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CalendarView)
  )
  .add(
    HttpApiEndpoint.post("planTasks", "/elections/calendars/:calendar/tasks")
      .setPath(CalendarPath)
      .setPayload(strict(Schema.Struct(Elections.ElectionCalendar.PlanTasks.fields).pick("election", "tasks")))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CalendarView)
  )
  .add(
    HttpApiEndpoint.post("markDone", "/elections/calendars/:calendar/tasks/:task/done")
      .setPath(TaskPath)
      .setPayload(strict(Schema.Struct(Elections.ElectionCalendar.MarkDone.fields).pick("on")))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CalendarView)
  )
  .add(
    HttpApiEndpoint.post("markMissed", "/elections/calendars/:calendar/tasks/:task/missed")
      .setPath(TaskPath)
      .setPayload(strict(Schema.Struct({})))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CalendarView)
  )
  .add(HttpApiEndpoint.get("calendar", "/elections/calendars/:calendar").setPath(CalendarPath).addSuccess(CalendarView))
  .add(
    HttpApiEndpoint.get("compliance", "/elections/calendars/:calendar/compliance")
      .setPath(CalendarPath)
      .setUrlParams(Schema.Struct({ asOf: Period.Day }))
      .addSuccess(ComplianceView)
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Election calendars: concurrent elections of one voting day, the administration's merged task calendar and its compliance"
  ) {}

// ---------------------------------------------------------------------------
// Open311 GeoReport v2

/** An Open311 service: a theme group of the topic classifier. */
export const Open311Service = Schema.Struct({
  service_code: Schema.String,
  service_name: Schema.String,
  description: Schema.String,
  metadata: Schema.Boolean,
  type: Schema.Literal("realtime", "batch", "blackbox"),
  keywords: Schema.String,
  group: Schema.String
})

/** An Open311 service request (submission) in JSON. */
export const Open311NewRequest = Schema.Struct({
  service_code: Schema.String.pipe(
    Schema.pattern(/^\d{4}\.\d{4}$/, {
      message: () => "service_code: expected a service code like 0005.0005 from /open311/v2/services"
    })
  ),
  description: Appeals.Appeal.AppealFacts.fields.text,
  first_name: Schema.optionalWith(Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(200)), { exact: true }),
  last_name: Schema.optionalWith(Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(200)), { exact: true }),
  email: Schema.optionalWith(
    Schema.Redacted(Schema.Trimmed.pipe(Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/), Schema.maxLength(320))),
    { exact: true }
  ),
  address_string: Schema.optionalWith(
    Schema.Redacted(Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(2000))),
    { exact: true }
  ),
  // the other fields GeoReport v2 defines for a submission: accepted (the payload is strict); phone is kept with the applicant
  api_key: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(200)), { exact: true }),
  jurisdiction_id: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(200)), { exact: true }),
  lat: Schema.optionalWith(Schema.Union(Schema.Number, Schema.String.pipe(Schema.maxLength(40))), { exact: true }),
  long: Schema.optionalWith(Schema.Union(Schema.Number, Schema.String.pipe(Schema.maxLength(40))), { exact: true }),
  address_id: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(200)), { exact: true }),
  device_id: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(200)), { exact: true }),
  account_id: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(200)), { exact: true }),
  phone: Schema.optionalWith(Schema.Redacted(Appeals.Appeal.Phone), { exact: true }),
  media_url: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(2000)), { exact: true })
})

/** The answer to a submission. */
export const Open311Created = Schema.Struct({ service_request_id: Schema.String, service_notice: Schema.String })

/** An Open311 service request as followed by clients: an appeal, open or closed, with its expected date. */
export const Open311Request = Schema.Struct({
  service_request_id: Schema.String,
  status: Schema.Literal("open", "closed"),
  status_notes: Schema.optionalWith(Schema.String, { exact: true }),
  service_code: Schema.String,
  service_name: Schema.optionalWith(Schema.String, { exact: true }),
  description: Schema.optionalWith(Schema.String, { exact: true }),
  agency_responsible: Schema.optionalWith(Schema.String, { exact: true }),
  requested_datetime: Schema.String,
  updated_datetime: Schema.String,
  expected_datetime: Schema.String
})
/** @see Open311Request */
export type Open311Request = typeof Open311Request.Type

const Open311Query = Schema.Struct({
  service_request_id: Schema.optionalWith(Schema.String, { exact: true }),
  service_code: Schema.optionalWith(Schema.String, { exact: true }),
  /** One status or several, comma-separated (`open,closed`), as GeoReport v2 allows. */
  status: Schema.optionalWith(
    Schema.String.pipe(
      Schema.pattern(/^(open|closed)(,(open|closed))*$/, {
        message: () => "status: expected open, closed or both comma-separated"
      })
    ),
    { exact: true }
  ),
  /** Requests made at or after this instant (RFC 3339 with an offset). */
  start_date: Schema.optionalWith(TimeZone.Instant, { exact: true }),
  /** Requests made before this instant (RFC 3339 with an offset). */
  end_date: Schema.optionalWith(TimeZone.Instant, { exact: true }),
  ...PageParams
})

const RequestPath = Schema.Struct({ id: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(140)) })

/** The Open311 GeoReport v2 facade over appeals (JSON only). */
export class Open311Group extends HttpApiGroup.make("open311")
  .add(HttpApiEndpoint.get("services", "/open311/v2/services").addSuccess(Schema.Array(Open311Service)))
  .add(HttpApiEndpoint.get("servicesJson", "/open311/v2/services.json").addSuccess(Schema.Array(Open311Service)))
  .add(
    HttpApiEndpoint.post("submit", "/open311/v2/requests")
      .setPayload(strict(Open311NewRequest))
      .addSuccess(Schema.Array(Open311Created), { status: 201 })
      .middleware(Authentication)
  )
  .add(
    HttpApiEndpoint.post("submitJson", "/open311/v2/requests.json")
      .setPayload(strict(Open311NewRequest))
      .addSuccess(Schema.Array(Open311Created), { status: 201 })
      .middleware(Authentication)
  )
  .add(
    HttpApiEndpoint.get("requests", "/open311/v2/requests")
      .setUrlParams(Open311Query)
      .addSuccess(Schema.Array(Open311Request))
      .middleware(Authentication)
  )
  .add(
    HttpApiEndpoint.get("requestsJson", "/open311/v2/requests.json")
      .setUrlParams(Open311Query)
      .addSuccess(Schema.Array(Open311Request))
      .middleware(Authentication)
  )
  .add(
    HttpApiEndpoint.get("request", "/open311/v2/requests/:id")
      .setPath(RequestPath)
      .addSuccess(Schema.Array(Open311Request))
      .middleware(Authentication)
  )
  .annotate(
    OpenApi.Description,
    "Open311 GeoReport v2 over appeals: services from the topic classifier, requests as appeals"
  ) {}

// ---------------------------------------------------------------------------
// Planning

const PlanPath = Schema.Struct({ plan: Ids.PlanId })

/** A plan as the API shows it: its facts, the nodes in force (of the version in force on `on` when asked), the working nodes, executions and reports. */
export const PlanView = Schema.Struct({
  plan: Ids.PlanId,
  kind: Planning.Plan.PlanKind,
  period: Period.Period,
  title: Schema.String,
  status: Planning.Plan.Status,
  /** The stream's version (one per event). */
  streamVersion: Schema.Int,
  /** The approved version the `nodes` are from (absent for a draft never approved). */
  version: Schema.optionalWith(Schema.Int, { exact: true }),
  act: Schema.optionalWith(Planning.Plan.Act, { exact: true }),
  /** The day asked for (`?on=`). */
  on: Schema.optionalWith(Period.Day, { exact: true }),
  /** The nodes in force (on `on`: the version approved then). */
  nodes: Schema.Array(Planning.Node.Node),
  /** The working nodes (what the next approval snapshots). */
  working: Schema.Array(Planning.Node.Node),
  executions: Ids.RecordOf(Planning.Report.Execution),
  monthlyReports: Schema.Array(Planning.Report.MonthlyReport),
  quarterlyReports: Schema.Array(Planning.Report.QuarterlyReport),
  results: Schema.optionalWith(Planning.Plan.ClosingResults, { exact: true })
})
/** @see PlanView */
export type PlanView = typeof PlanView.Type

/** The activities of a month (and division). */
export const ActivityList = Schema.Struct({
  month: Period.Month,
  items: Schema.Array(Planning.PlanRecords.ActivityRow)
})

const planCommand = <const Name extends string, P extends Schema.Schema.Any>(
  name: Name,
  path: `/${string}`,
  payload: P
) =>
  HttpApiEndpoint.post(name, path)
    .setPath(PlanPath)
    .setPayload(strict(payload))
    .setHeaders(IdempotencyHeaders)
    .addSuccess(PlanView)

/** The planning endpoints: plans, nodes, activities, reports, the control view. */
export class PlanningGroup extends HttpApiGroup.make("planning")
  .add(
    HttpApiEndpoint.post("createPlan", "/plans")
      .setPayload(strict(Schema.Struct(Planning.Plan.CreatePlan.fields).pick("plan", "kind", "period", "title")))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(PlanView, { status: 201 })
  )
  .add(planCommand("addNode", "/plans/:plan/nodes", Schema.Struct(Planning.Plan.AddNode.fields).pick("node")))
  .add(
    planCommand(
      "replaceNode",
      "/plans/:plan/nodes/replace",
      Schema.Struct(Planning.Plan.ReplaceNode.fields).pick("node")
    )
  )
  .add(
    planCommand("removeNode", "/plans/:plan/nodes/remove", Schema.Struct(Planning.Plan.RemoveNode.fields).pick("ref"))
  )
  .add(
    planCommand(
      "scheduleActivity",
      "/plans/:plan/activities",
      Schema.Struct(Planning.Plan.ScheduleActivity.fields).pick("activity")
    )
  )
  .add(planCommand("approvePlan", "/plans/:plan/approve", Schema.Struct(Planning.Plan.ApprovePlan.fields).pick("act")))
  .add(
    planCommand("amendPlan", "/plans/:plan/amend", Schema.Struct(Planning.Plan.StartAmendment.fields).pick("reason"))
  )
  .add(planCommand("closePlan", "/plans/:plan/close", Schema.Struct(Planning.Plan.ClosePlan.fields).pick("results")))
  .add(
    planCommand(
      "submitMonthlyReport",
      "/plans/:plan/monthly-reports",
      Schema.Struct(Planning.Plan.SubmitMonthlyReport.fields).pick("report")
    )
  )
  .add(
    planCommand(
      "submitQuarterlyReport",
      "/plans/:plan/quarterly-reports",
      Schema.Struct(Planning.Plan.SubmitQuarterlyReport.fields).pick("report")
    )
  )
  .add(
    HttpApiEndpoint.get("activities", "/plans/activities")
      .setUrlParams(
        Schema.Struct({ month: Period.Month, division: Schema.optionalWith(Ids.DivisionId, { exact: true }) })
      )
      .addSuccess(ActivityList)
  )
  .add(
    HttpApiEndpoint.get("control", "/plans/control")
      .setUrlParams(Schema.Struct({ on: Period.Day }))
      .addSuccess(Planning.Control.ControlView)
  )
  .add(
    HttpApiEndpoint.get("getPlan", "/plans/:plan")
      .setPath(PlanPath)
      .setUrlParams(Schema.Struct({ on: Schema.optionalWith(Period.Day, { exact: true }) }))
      .addSuccess(PlanView)
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Plans (strategic, annual, monthly, Address): drafts, nodes, approval by act, amendments, activities, monthly and quarterly reports, the control department's view"
  ) {}

// ---------------------------------------------------------------------------
// Meetings

const ReceptionPath = Schema.Struct({ reception: Ids.ReceptionId })
const MeetingPath = Schema.Struct({ meeting: Ids.MeetingId })
const QuestionPath = Schema.Struct({ meeting: Ids.MeetingId, question: Ids.QuestionId })
const CardPath = Schema.Struct({ reception: Ids.ReceptionId, card: Ids.ReceptionCardId })

/** What a reception card records about the applicant: personal data, only for the roles that need it (clerks, administrators). */
export const CardPersonal = Schema.Struct({
  applicant: Meetings.Reception.Applicant,
  identityDocument: Meetings.Reception.IdentityDocument,
  content: Meetings.Reception.Card.fields.content,
  /** The oral answer's summary, for a card answered orally. */
  answer: Schema.optionalWith(Meetings.Reception.Card.fields.content, { exact: true })
})

/** A reception card without personal data (and with it, for the roles that may see it). */
export const CardView = Schema.Struct({
  ...Struct.pick(Meetings.Reception.Card.fields, "card", "official", "day", "format", "topics", "recordedAt"),
  outcome: Schema.Literal("answeredOrally", "oralAppeal"),
  /** The oral appeal registered from the card (both directions are linked). */
  appeal: Schema.optionalWith(Ids.AppealId, { exact: true }),
  /** Written appeals handed in at the reception with this card (59-FZ art. 13 p. 4). */
  handIns: Schema.Int,
  /** The written appeals registered from them, in the order handed in. */
  writtenAppeals: Schema.Array(Ids.AppealId),
  personal: Schema.optionalWith(CardPersonal, { exact: true })
})
/** @see CardView */
export type CardView = typeof CardView.Type

/** A reception slot and its cards. */
export const ReceptionView = Schema.Struct({
  ...Struct.pick(
    Meetings.Reception.ReceptionRecord.fields,
    "reception",
    "official",
    "day",
    "start",
    "end",
    "venue",
    "topic",
    "status",
    "postponements"
  ),
  streamVersion: Schema.Int,
  cards: Schema.Array(CardView),
  refusals: Schema.Int
})
/** @see ReceptionView */
export type ReceptionView = typeof ReceptionView.Type

/** A question of a meeting; who asked only for the roles that may see personal data. */
export const QuestionView = Schema.Struct(Meetings.Meeting.Question.fields)

/** A meeting and everything recorded about it; the roster and who asked only for clerks and administrators. */
export const MeetingView = Schema.Struct({
  ...Struct.omit(Meetings.Meeting.MeetingRecord.fields, "_tag", "questions", "held"),
  streamVersion: Schema.Int,
  held: Schema.optionalWith(
    Schema.Struct({
      heldAt: TimeZone.Instant,
      heldOn: Period.Day,
      attendance: Schema.Struct(Meetings.Meeting.Attendance.fields)
    }),
    { exact: true }
  ),
  questions: Schema.Array(QuestionView)
})
/** @see MeetingView */
export type MeetingView = typeof MeetingView.Type

/** The body of a disposition: for an instruction, the monthly plan it goes into and the node the activity links up to. */
export const DispositionBody = Schema.Struct({
  disposition: Meetings.Meeting.DispositionInput,
  /** Instruction: the monthly plan of the deadline's month. */
  plan: Schema.optionalWith(Ids.PlanId, { exact: true }),
  /** Instruction: the plan item, program or goal the activity serves. */
  link: Schema.optionalWith(Planning.Link.Link, { exact: true }),
  /** Instruction: the activity's id (default: the instruction's id). */
  activity: Schema.optionalWith(Ids.ActivityId, { exact: true })
})

/** The suspension periods declared. */
export const SuspensionView = Schema.Struct({
  streamVersion: Schema.Int,
  periods: Schema.Array(Schema.Struct(Meetings.Suspension.SuspensionPeriod.fields))
})

/** Receptions and meetings of a period (and official). */
export const StatisticsView = Schema.Struct({
  official: Schema.optionalWith(Ids.OfficialId, { exact: true }),
  receptions: Meetings.Statistics.ReceptionStatistics,
  meetings: Meetings.Statistics.MeetingStatistics
})

const receptionCommand = <const Name extends string, P extends Schema.Schema.Any>(
  name: Name,
  path: `/${string}`,
  payload: P
) =>
  HttpApiEndpoint.post(name, path)
    .setPath(ReceptionPath)
    .setPayload(strict(payload))
    .setHeaders(IdempotencyHeaders)
    .addSuccess(ReceptionView)
const meetingCommand = <const Name extends string, P extends Schema.Schema.Any>(
  name: Name,
  path: `/${string}`,
  payload: P
) =>
  HttpApiEndpoint.post(name, path)
    .setPath(MeetingPath)
    .setPayload(strict(payload))
    .setHeaders(IdempotencyHeaders)
    .addSuccess(MeetingView)

/** The meetings endpoints: receptions and cards, meetings, questions and dispositions, minutes, suspensions, statistics. */
export class MeetingsGroup extends HttpApiGroup.make("meetings")
  .add(
    HttpApiEndpoint.post("scheduleReception", "/receptions")
      .setPayload(
        strict(Schema.Struct(Struct.omit(Meetings.Reception.ScheduleReception.fields, "_tag", "at", "actor")))
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(ReceptionView, { status: 201 })
  )
  .add(
    receptionCommand(
      "recordCard",
      "/receptions/:reception/cards",
      Schema.Struct(Struct.omit(Meetings.Reception.RecordCard.fields, "_tag", "reception", "at", "actor"))
    )
  )
  .add(receptionCommand("closeReception", "/receptions/:reception/close", Schema.Struct({})))
  .add(HttpApiEndpoint.get("getReception", "/receptions/:reception").setPath(ReceptionPath).addSuccess(ReceptionView))
  .add(
    receptionCommand(
      "postponeReception",
      "/receptions/:reception/postpone",
      Schema.Struct(Meetings.Reception.PostponeReception.fields).pick("day", "start", "end")
    )
  )
  .add(
    receptionCommand(
      "moveReceptionOnline",
      "/receptions/:reception/move-online",
      Schema.Struct(Meetings.Reception.MoveReceptionOnline.fields).pick("link")
    )
  )
  .add(
    receptionCommand(
      "cancelReception",
      "/receptions/:reception/cancel",
      Schema.Struct(Meetings.Reception.CancelReception.fields).pick("reason")
    )
  )
  .add(
    HttpApiEndpoint.post("handInWrittenAppeal", "/receptions/:reception/cards/:card/written-appeals")
      .setPath(CardPath)
      .setPayload(strict(Schema.Struct(Meetings.Reception.HandInWrittenAppeal.fields).pick("text", "topics")))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(ReceptionView)
      .annotate(
        OpenApi.Description,
        "A written appeal handed in at the reception with this card (59-FZ art. 13 p. 4): noted in the card and registered as a written appeal, linked both ways"
      )
  )
  .add(
    receptionCommand(
      "refuseRepeatReception",
      "/receptions/:reception/refusals",
      Schema.Struct(Meetings.Reception.RefuseRepeatReception.fields).pick(
        "applicant",
        "topics",
        "reference",
        "answeredOn"
      )
    ).annotate(
      OpenApi.Description,
      "A repeat reception refused: the question was already answered on the merits, `reference` and `answeredOn` name that answer (59-FZ art. 13 p. 6); not a card"
    )
  )
  .add(
    HttpApiEndpoint.post("scheduleMeeting", "/meetings")
      .setPayload(strict(Schema.Struct(Struct.omit(Meetings.Meeting.ScheduleMeeting.fields, "_tag", "at", "actor"))))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(MeetingView, { status: 201 })
  )
  .add(
    meetingCommand(
      "postponeMeeting",
      "/meetings/:meeting/postpone",
      Schema.Struct(Meetings.Meeting.PostponeMeeting.fields).pick("day", "start")
    )
  )
  .add(
    meetingCommand(
      "moveMeetingOnline",
      "/meetings/:meeting/move-online",
      Schema.Struct(Meetings.Meeting.MoveMeetingOnline.fields).pick("link")
    )
  )
  .add(
    meetingCommand(
      "cancelMeeting",
      "/meetings/:meeting/cancel",
      Schema.Struct(Meetings.Meeting.CancelMeeting.fields).pick("reason")
    )
  )
  .add(
    meetingCommand(
      "holdMeeting",
      "/meetings/:meeting/hold",
      Schema.Struct(Meetings.Meeting.HoldMeeting.fields).pick("heldAt", "attendance")
    )
  )
  .add(
    meetingCommand(
      "raiseQuestion",
      "/meetings/:meeting/questions",
      Schema.Struct(Meetings.Meeting.RaiseQuestion.fields).pick("question", "topic", "text", "askedBy")
    )
  )
  .add(
    HttpApiEndpoint.post("disposeQuestion", "/meetings/:meeting/questions/:question/disposition")
      .setPath(QuestionPath)
      .setPayload(strict(DispositionBody))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(MeetingView)
  )
  .add(meetingCommand("closeMeeting", "/meetings/:meeting/close", Schema.Struct({})))
  .add(
    meetingCommand(
      "draftMinutes",
      "/meetings/:meeting/minutes",
      Schema.Struct(Meetings.Meeting.DraftMinutes.fields).pick("text")
    )
  )
  .add(
    meetingCommand(
      "approveMinutes",
      "/meetings/:meeting/minutes/approve",
      Schema.Struct(Meetings.Meeting.ApproveMinutes.fields).pick("by")
    )
  )
  .add(
    HttpApiEndpoint.get("statistics", "/meetings/statistics")
      .setUrlParams(
        Schema.Struct({ period: Period.Period, official: Schema.optionalWith(Ids.OfficialId, { exact: true }) })
      )
      .addSuccess(StatisticsView)
  )
  .add(HttpApiEndpoint.get("getMeeting", "/meetings/:meeting").setPath(MeetingPath).addSuccess(MeetingView))
  .add(
    HttpApiEndpoint.post("declareSuspension", "/suspensions")
      .setPayload(strict(Schema.Struct(Meetings.Suspension.DeclareSuspension.fields).pick("from", "to", "reason")))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(SuspensionView)
  )
  .add(
    HttpApiEndpoint.post("shortenSuspension", "/suspensions/shorten")
      .setPayload(strict(Schema.Struct(Meetings.Suspension.ShortenSuspension.fields).pick("from", "to")))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(SuspensionView)
  )
  .add(HttpApiEndpoint.get("suspensions", "/suspensions").addSuccess(SuspensionView))
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Personal receptions of officials (reception cards, 59-FZ art. 13) and the oral and written appeals they become, refusals of repeat receptions; information meetings with their questions, dispositions and minutes; postponing, moving online and cancelling either; suspensions, statistics"
  ) {}

// ---------------------------------------------------------------------------
// Reports

/** The annual report of a year: `json` (the report document, `cityhall.report/1`), `md` or `html`, in Russian or English. */
export const AnnualReportQuery = Schema.Struct({
  format: Schema.optionalWith(Schema.Literal("json", "md", "html"), { exact: true }),
  lang: Schema.optionalWith(Schema.Literal("ru", "en"), { exact: true }),
  /** The day the report is judged as of (default: today, or the year's last day when the year is over). */
  asOf: Schema.optionalWith(Period.Day, { exact: true })
})

/** The monitoring report of a month (Decree No. 171): `json` (`cityhall.monitoring/1`, default) or `csv`, labels in Russian or English. */
export const MonitoringReportQuery = Schema.Struct({
  format: Schema.optionalWith(Schema.Literal("json", "csv"), { exact: true }),
  lang: Schema.optionalWith(Schema.Literal("ru", "en"), { exact: true })
})

/** The reports' endpoints. */
export class ReportsGroup extends HttpApiGroup.make("reports")
  .add(
    HttpApiEndpoint.get("annual", "/reports/annual/:year")
      .setPath(Schema.Struct({ year: Schema.NumberFromString.pipe(Schema.int(), Schema.between(2000, 2100)) }))
      .setUrlParams(AnnualReportQuery)
      .addSuccess(
        Schema.String.pipe(HttpApiSchema.withEncoding({ kind: "Text", contentType: "text/markdown; charset=utf-8" }))
      )
  )
  .add(
    HttpApiEndpoint.get("monitoring", "/reports/monitoring/:month")
      // the month is a string here: the use case checks it (InvalidMonitoringMonth, 400 naming month)
      .setPath(Schema.Struct({ month: Schema.String }))
      .setUrlParams(MonitoringReportQuery)
      .addSuccess(Schema.String.pipe(HttpApiSchema.withEncoding({ kind: "Text", contentType: "application/json" })))
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "The annual report from the stored records (appeals, plans): JSON document, Markdown or HTML"
  ) {}

// ---------------------------------------------------------------------------
// Organisational areas: information work, methodological support, City Duma support, budget control

const PublicationPath = Schema.Struct({ publication: Ids.PublicationId })
const InformationMonthPath = Schema.Struct({ month: Period.Month })
const BudgetPath = Schema.Struct({ program: Ids.ProgramId, year: Period.Year })
const CouncilPath = Schema.Struct({ council: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)) })
const CouncilSessionPath = Schema.Struct({ ...CouncilPath.fields, session: Ids.SessionId })
const CouncilManualPath = Schema.Struct({ ...CouncilPath.fields, manual: Ids.DocumentId })
const DumaSessionPath = Schema.Struct({ session: Ids.SessionId })
const DumaDraftPath = Schema.Struct({ session: Ids.SessionId, draft: Ids.DocumentId })
const PollingStationPath = Schema.Struct({ station: Ids.PollingStationId })

/** A polling station with its responsible officers (officials of the organisation), and its stream's version. */
export const PollingStationView = Schema.Struct({
  version: Schema.Int,
  station: Elections.PollingStation.PollingStation
}).annotations({ identifier: "ElectionsPollingStationView" })

/** The publication register: the publications in force. */
export const PublicationRegisterView = Schema.Struct({
  /** The register stream's version after a command (absent on a read). */
  version: Schema.optionalWith(Schema.Int, { exact: true }),
  items: Schema.Array(Information.Publication.Publication)
}).annotations({ identifier: "InformationPublicationRegister" })

/** A month's information plan: its hot topics, their divisions and, once closed, the coverage report. */
export const InformationPlanView = Schema.Struct({
  month: Period.Month,
  version: Schema.Int,
  state: Schema.Union(
    Schema.Struct(Information.InformationPlan.Open.fields),
    Schema.Struct(Information.InformationPlan.Closed.fields)
  )
}).annotations({ identifier: "InformationPlanView" })

/** A program's budget of a year and, while open, its control report as of today. */
export const ProgramBudgetView = Schema.Struct({
  program: Ids.ProgramId,
  year: Period.Year,
  version: Schema.Int,
  state: Schema.Struct(Budget.ProgramBudget.Opened.fields),
  control: Schema.optionalWith(Budget.Control.ControlReport, { exact: true })
}).annotations({ identifier: "BudgetProgramBudgetView" })

/** The Methodological Council: its sessions and the manuals it holds, by id. */
export const CouncilView = Schema.Struct({
  council: Schema.String,
  version: Schema.Int,
  sessions: Schema.Struct(Methodology.Council.State.fields).fields.sessions,
  manuals: Schema.Struct(Methodology.Council.State.fields).fields.manuals
}).annotations({ identifier: "MethodologyCouncilView" })

/** A City Duma session as the administration prepares it: agenda, drafts and their deadlines, decisions. */
export const DumaSessionView = Schema.Struct({
  version: Schema.Int,
  ...Struct.omit(Duma.Session.Scheduled.fields, "_tag")
}).annotations({ identifier: "DumaSessionView" })

/** The organisational areas' endpoints: publications and information plans, program budgets and their control, the Methodological Council and its manuals, City Duma sessions and drafts. */
export class OrganisationalGroup extends HttpApiGroup.make("organisational")
  .add(
    HttpApiEndpoint.post("recordPublication", "/publications")
      .setPayload(strict(Schema.Struct({ publication: Information.Publication.Publication })))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(PublicationRegisterView, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("correctPublication", "/publications/:publication/correct")
      .setPath(PublicationPath)
      .setPayload(strict(Schema.Struct({ publication: Information.Publication.Publication })))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(PublicationRegisterView)
  )
  .add(
    HttpApiEndpoint.post("withdrawPublication", "/publications/:publication/withdraw")
      .setPath(PublicationPath)
      .setPayload(
        strict(
          Schema.Struct(
            Struct.omit(Information.PublicationRegister.WithdrawPublication.fields, "_tag", "at", "actor", "id")
          )
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(PublicationRegisterView)
  )
  .add(HttpApiEndpoint.get("publications", "/publications").addSuccess(PublicationRegisterView))
  .add(
    HttpApiEndpoint.post("openInformationPlan", "/information-plans")
      .setPayload(
        strict(
          Schema.Struct(Struct.omit(Information.InformationPlan.OpenInformationPlan.fields, "_tag", "at", "actor"))
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(InformationPlanView, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("assignHotTopic", "/information-plans/:month/hot-topics")
      .setPath(InformationMonthPath)
      .setPayload(
        strict(
          Schema.Struct(Struct.omit(Information.InformationPlan.AssignHotTopic.fields, "_tag", "at", "actor", "month"))
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(InformationPlanView)
  )
  .add(
    HttpApiEndpoint.post("closeInformationPlan", "/information-plans/:month/close")
      .setPath(InformationMonthPath)
      .setPayload(strict(Schema.Struct({ on: Period.Day })))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(InformationPlanView)
  )
  .add(
    HttpApiEndpoint.get("informationPlan", "/information-plans/:month")
      .setPath(InformationMonthPath)
      .addSuccess(InformationPlanView)
  )
  .add(
    HttpApiEndpoint.post("openProgramBudget", "/program-budgets")
      .setPayload(
        strict(Schema.Struct(Struct.omit(Budget.ProgramBudget.OpenProgramBudget.fields, "_tag", "at", "actor")))
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(ProgramBudgetView, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("amendPlannedBudget", "/program-budgets/:program/:year/amend")
      .setPath(BudgetPath)
      .setPayload(
        strict(
          Schema.Struct(
            Struct.omit(Budget.ProgramBudget.AmendPlannedBudget.fields, "_tag", "at", "actor", "program", "year")
          )
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(ProgramBudgetView)
  )
  .add(
    HttpApiEndpoint.post("recordCommitment", "/program-budgets/:program/:year/commitments")
      .setPath(BudgetPath)
      .setPayload(
        strict(
          Schema.Struct(
            Struct.omit(Budget.ProgramBudget.RecordCommitment.fields, "_tag", "at", "actor", "program", "year")
          )
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(ProgramBudgetView)
  )
  .add(
    HttpApiEndpoint.post("recordSpending", "/program-budgets/:program/:year/spending")
      .setPath(BudgetPath)
      .setPayload(
        strict(
          Schema.Struct(
            Struct.omit(Budget.ProgramBudget.RecordSpending.fields, "_tag", "at", "actor", "program", "year")
          )
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(ProgramBudgetView)
  )
  .add(
    HttpApiEndpoint.post("closeBudgetYear", "/program-budgets/:program/:year/close")
      .setPath(BudgetPath)
      .setPayload(
        strict(
          Schema.Struct(
            Struct.omit(Budget.ProgramBudget.CloseBudgetYear.fields, "_tag", "at", "actor", "program", "year")
          )
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(ProgramBudgetView)
  )
  .add(
    HttpApiEndpoint.get("programBudget", "/program-budgets/:program/:year")
      .setPath(BudgetPath)
      .addSuccess(ProgramBudgetView)
  )
  .add(
    HttpApiEndpoint.post("submitManual", "/methodological-councils/:council/manuals")
      .setPath(CouncilPath)
      .setPayload(strict(Schema.Struct(Struct.omit(Methodology.Council.SubmitManual.fields, "_tag", "at", "actor"))))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CouncilView)
  )
  .add(
    HttpApiEndpoint.post("scheduleCouncilSession", "/methodological-councils/:council/sessions")
      .setPath(CouncilPath)
      .setPayload(
        strict(Schema.Struct(Struct.omit(Methodology.Council.ScheduleCouncilSession.fields, "_tag", "at", "actor")))
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CouncilView)
  )
  .add(
    HttpApiEndpoint.post("addAgendaItem", "/methodological-councils/:council/sessions/:session/agenda")
      .setPath(CouncilSessionPath)
      .setPayload(
        strict(Schema.Struct(Struct.omit(Methodology.Council.AddAgendaItem.fields, "_tag", "at", "actor", "session")))
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CouncilView)
  )
  .add(
    HttpApiEndpoint.post("holdCouncilSession", "/methodological-councils/:council/sessions/:session/hold")
      .setPath(CouncilSessionPath)
      .setPayload(
        strict(
          Schema.Struct(Struct.omit(Methodology.Council.HoldCouncilSession.fields, "_tag", "at", "actor", "session"))
        )
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CouncilView)
  )
  .add(
    HttpApiEndpoint.post("distributeManual", "/methodological-councils/:council/manuals/:manual/distribute")
      .setPath(CouncilManualPath)
      .setPayload(
        strict(Schema.Struct(Struct.omit(Methodology.Council.DistributeManual.fields, "_tag", "at", "actor", "manual")))
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CouncilView)
  )
  .add(HttpApiEndpoint.get("council", "/methodological-councils/:council").setPath(CouncilPath).addSuccess(CouncilView))
  .add(
    HttpApiEndpoint.post("scheduleDumaSession", "/duma-sessions")
      .setPayload(strict(Schema.Struct(Struct.omit(Duma.Session.ScheduleDumaSession.fields, "_tag", "at", "actor"))))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(DumaSessionView, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("assignDraft", "/duma-sessions/:session/drafts")
      .setPath(DumaSessionPath)
      .setPayload(strict(Schema.Struct(Struct.omit(Duma.Session.AssignDraft.fields, "_tag", "at", "actor", "session"))))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(DumaSessionView)
  )
  .add(
    HttpApiEndpoint.post("submitDraft", "/duma-sessions/:session/drafts/:draft/submit")
      .setPath(DumaDraftPath)
      .setPayload(
        strict(Schema.Struct(Struct.omit(Duma.Session.SubmitDraft.fields, "_tag", "at", "actor", "session", "draft")))
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(DumaSessionView)
  )
  .add(
    HttpApiEndpoint.post("adoptDecision", "/duma-sessions/:session/drafts/:draft/adopt")
      .setPath(DumaDraftPath)
      .setPayload(
        strict(Schema.Struct(Struct.omit(Duma.Session.AdoptDecision.fields, "_tag", "at", "actor", "session", "draft")))
      )
      .setHeaders(IdempotencyHeaders)
      .addSuccess(DumaSessionView)
  )
  .add(
    HttpApiEndpoint.post("rejectDraft", "/duma-sessions/:session/drafts/:draft/reject")
      .setPath(DumaDraftPath)
      .setPayload(strict(Schema.Struct({})))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(DumaSessionView)
  )
  .add(
    HttpApiEndpoint.post("closeDumaSession", "/duma-sessions/:session/close")
      .setPath(DumaSessionPath)
      .setPayload(strict(Schema.Struct({})))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(DumaSessionView)
  )
  .add(
    HttpApiEndpoint.get("dumaSession", "/duma-sessions/:session").setPath(DumaSessionPath).addSuccess(DumaSessionView)
  )
  .add(
    HttpApiEndpoint.post("recordPollingStation", "/polling-stations")
      .setPayload(strict(Schema.Struct({ station: Elections.PollingStation.PollingStation })))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(PollingStationView, { status: 201 })
  )
  .add(
    HttpApiEndpoint.post("assignStationOfficers", "/polling-stations/:station/officers")
      .setPath(PollingStationPath)
      .setPayload(strict(Schema.Struct({ officers: Schema.Array(Ids.OfficialId) })))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(PollingStationView)
  )
  .add(
    HttpApiEndpoint.get("pollingStation", "/polling-stations/:station")
      .setPath(PollingStationPath)
      .addSuccess(PollingStationView)
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Information work (the publication register, monthly information plans), budget control of municipal programs, the Methodological Council and its manuals, City Duma sessions and drafts, polling stations and their officers"
  ) {}

// ---------------------------------------------------------------------------
// The API

/** cityhall's HTTP API. */
// ---------------------------------------------------------------------------
// Health

/** Where the production calendar's official data ends, and the warning when that is within 90 days or past. */
export const CalendarHealth = Schema.Struct({
  /** The last day of official data (the day after it is provisional), or null when 2019 itself is not official. */
  officialThrough: Schema.NullOr(Period.Day),
  /** Days from today to `officialThrough` (negative once it has passed). */
  daysLeft: Schema.Int,
  warning: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "CalendarHealth" })

/** The outbox relay to the broker, when the server runs one. */
export const RelayHealth = Schema.Struct({
  /** running (publishing), standby (another instance holds the lease), failed (retrying after an error). */
  state: Schema.Literal("running", "standby", "failed"),
  /** The last outbox position the broker acknowledged. */
  position: Schema.Int,
  /** Events stored but not yet relayed (the event log's head minus the position). */
  lag: Schema.Int,
  error: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "RelayHealth" })

/** The server's health. */
export const Health = Schema.Struct({
  status: Schema.Literal("ok"),
  today: Period.Day,
  calendar: CalendarHealth,
  /** Absent when the server relays no events. */
  relay: Schema.optionalWith(RelayHealth, { exact: true })
}).annotations({ identifier: "Health" })

/** Whether the server can serve: the store answers (its schema current, or the server would not have started) and the relay runs. */
export const Readiness = Schema.Struct({
  status: Schema.Literal("ready"),
  store: Schema.Literal("ok"),
  migrations: Schema.Literal("current"),
  relay: Schema.Literal("running", "standby", "off")
}).annotations({ identifier: "Readiness" })

/** `GET /health`: liveness and the calendar's official horizon; `GET /ready`: readiness (503 Unavailable naming what is not); no token needed. */
export class HealthGroup extends HttpApiGroup.make("health")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(Health))
  .add(HttpApiEndpoint.get("ready", "/ready").addSuccess(Readiness)) {}

export class Api extends HttpApi.make("cityhall")
  .add(HealthGroup)
  .add(AppealsGroup)
  .add(ElectionsGroup)
  .add(Open311Group)
  .add(PlanningGroup)
  .add(MeetingsGroup)
  .add(ReportsGroup)
  .add(OrganisationalGroup)
  .middleware(Guard)
  .addError(InvalidInput, { status: 400 })
  .addError(Unauthorized, { status: 401 })
  .addError(Forbidden, { status: 403 })
  .addError(NotFound, { status: 404 })
  .addError(Conflict, { status: 409 })
  .addError(PayloadTooLarge, { status: 413 })
  .addError(RuleViolated, { status: 422 })
  .addError(RateLimited, { status: 429 })
  .addError(Unavailable, { status: 503 })
  .annotate(OpenApi.Title, "cityhall")
  .annotate(OpenApi.Version, "0.1.0")
  .annotate(
    OpenApi.Description,
    "The organisational work of a city administration: citizens' appeals (59-FZ), plans and their execution, receptions and meetings, election calendars, Open311"
  ) {}
