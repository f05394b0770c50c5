/**
 * The one definition of cityhall's HTTP API (`@effect/platform` HttpApi):
 * the server ({@link Server}), the typed client ({@link Client}) and the
 * OpenAPI 3.1 document (`/openapi.json`, rendered at `/docs`) all come from
 * it. Every request and response shape is derived from the core's Schemas
 * (commands, states, analysis, elections); the only shapes written here are
 * the Open311 GeoReport v2 ones, which are a foreign standard.
 *
 * Groups: `appeals`, `elections`, `open311`. Every endpoint but the Open311
 * service list needs a bearer token ({@link Auth.Authentication}); every
 * endpoint passes the {@link Limits.Guard} (body size, rate limit).
 *
 * @module
 */
import { HttpApi, HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema, Struct } from "effect"
import * as Analysis from "../../src/appeals/Analysis.js"
import { AnswerForm, AppealFacts, AppealType, Applicant, Dues, Kind, Outcome, Result } from "../../src/appeals/Appeal.js"
import {
  AnswerByReference,
  AnswerOnMerits,
  AssignToDivision,
  ExtendTerm,
  ForwardByCompetence,
  ForwardCrimeReport,
  LeaveWithoutAnswer,
  RegisterAppeal
} from "../../src/appeals/AppealCommand.js"
import { StateTag } from "../../src/appeals/AppealError.js"
import * as CalendarDecider from "../../src/elections/CalendarDecider.js"
import * as Compliance from "../../src/elections/Compliance.js"
import * as MergedCalendar from "../../src/elections/MergedCalendar.js"
import { ActorId, AppealId, DivisionId, ElectionId, IdPattern, TaskId } from "../../src/kernel/Ids.js"
import { Day } from "../../src/kernel/Period.js"
import { Instant } from "../../src/kernel/TimeZone.js"
import { Authentication } from "./Auth.js"
import { Conflict, Forbidden, InvalidInput, NotFound, PayloadTooLarge, RateLimited, RuleViolated, Unauthorized, Unavailable } from "./HttpErrors.js"
import { Guard } from "./Limits.js"

// ---------------------------------------------------------------------------
// Shared

/** The optional `Idempotency-Key` header of command endpoints: a retry with the same key is applied once. */
export const IdempotencyHeaders = Schema.Struct({
  "idempotency-key": Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)), { exact: true })
})

/** A page size and the cursor (the last key of the previous page). */
export const PageParams = {
  limit: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.positive()), { exact: true }),
  after: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(256)), { exact: true })
}

const IdPath = Schema.Struct({ id: AppealId })

// ---------------------------------------------------------------------------
// Appeals

/** An applicant's personal data and the text: only for the roles that need them. */
export const PersonalData = Schema.Struct({
  applicant: Schema.optionalWith(Applicant, { exact: true }),
  text: AppealFacts.fields.text
})

/** One appeal as the API shows it: its facts without personal data, its state and due dates, and the personal data when the role may see it. */
export const AppealView = Schema.Struct({
  ...Struct.omit(AppealFacts.fields, "applicant", "text"),
  state: StateTag,
  dues: Dues,
  extensionDays: Schema.Int,
  version: Schema.Int,
  division: Schema.optionalWith(DivisionId, { exact: true }),
  outcome: Schema.optionalWith(Outcome, { exact: true }),
  result: Schema.optionalWith(Result, { exact: true }),
  answerForm: Schema.optionalWith(AnswerForm, { exact: true }),
  forwardedTo: Schema.optionalWith(Schema.String, { exact: true }),
  closedAt: Schema.optionalWith(Instant, { exact: true }),
  closedOn: Schema.optionalWith(Day, { exact: true }),
  /** Who registered (or submitted) the appeal. */
  registeredBy: ActorId,
  personal: Schema.optionalWith(PersonalData, { exact: true })
})
/** @see AppealView */
export type AppealView = typeof AppealView.Type

/** An appeal in a list: its analysis summary (no personal data), registration number and state. */
export const AppealItem = Schema.Struct({
  ...Analysis.AppealSummary.fields,
  registrationNumber: AppealFacts.fields.registrationNumber,
  state: StateTag
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
export const RegisterBody = Schema.Struct(Struct.omit(RegisterAppeal.fields, "_tag", "at", "actor"))

/** The body of a citizen's submission: the server assigns the id and registration number; the channel is electronic. */
export const SubmitBody = Schema.Struct({
  ...Struct.pick(RegisterAppeal.fields, "text", "topics"),
  applicant: Applicant,
  type: Schema.optionalWith(AppealType, { exact: true }),
  kind: Schema.optionalWith(Kind, { exact: true }),
  addressee: Schema.optionalWith(RegisterAppeal.fields.addressee, { exact: true }),
  relatedAppeals: Schema.optionalWith(RegisterAppeal.fields.relatedAppeals, { exact: true })
})

/** The monthly analysis of a period with the previous year's and the recommendations to the divisions. */
export const AnalysisReport = Schema.Struct({
  analysis: Analysis.Analysis,
  previousYear: Analysis.Analysis,
  comparison: Analysis.Comparison,
  recommendations: Schema.Array(Analysis.Recommendation)
})

const command = <const Name extends string, P extends Schema.Schema.Any>(name: Name, path: `/${string}`, payload: P) =>
  HttpApiEndpoint.post(name, path)
    .setPath(IdPath)
    .setPayload(payload)
    .setHeaders(IdempotencyHeaders)
    .addSuccess(AppealView)

/** The appeals' endpoints. */
export class AppealsGroup extends HttpApiGroup.make("appeals")
  .add(HttpApiEndpoint.post("register", "/appeals").setPayload(RegisterBody).setHeaders(IdempotencyHeaders).addSuccess(AppealView, { status: 201 }))
  .add(HttpApiEndpoint.post("submit", "/appeals/submissions").setPayload(SubmitBody).setHeaders(IdempotencyHeaders).addSuccess(AppealView, { status: 201 }))
  .add(command("assign", "/appeals/:id/assign", Schema.Struct(AssignToDivision.fields).pick("division")))
  .add(command("forward", "/appeals/:id/forward", Schema.Struct(ForwardByCompetence.fields).pick("to")))
  .add(command("extend", "/appeals/:id/extend", Schema.Struct(ExtendTerm.fields).pick("days", "reason")))
  .add(command("answer", "/appeals/:id/answer", Schema.Struct(AnswerOnMerits.fields).pick("result", "form")))
  .add(command("leaveWithoutAnswer", "/appeals/:id/leave-without-answer", Schema.Struct(LeaveWithoutAnswer.fields).pick("ground")))
  .add(command("forwardCrimeReport", "/appeals/:id/forward-crime-report", Schema.Struct(ForwardCrimeReport.fields).pick("to")))
  .add(command("endCorrespondence", "/appeals/:id/end-correspondence", Schema.Struct({})))
  .add(command("answerByReference", "/appeals/:id/answer-by-reference", Schema.Struct(AnswerByReference.fields).pick("decision")))
  .add(HttpApiEndpoint.get("list", "/appeals").setUrlParams(Schema.Struct({ state: StateTag, division: Schema.optionalWith(DivisionId, { exact: true }), ...PageParams })).addSuccess(AppealPage))
  .add(HttpApiEndpoint.get("mine", "/appeals/mine").setUrlParams(Schema.Struct(PageParams)).addSuccess(AppealPage))
  .add(HttpApiEndpoint.get("overdue", "/appeals/overdue").setUrlParams(Schema.Struct({ on: Day, division: Schema.optionalWith(DivisionId, { exact: true }), ...PageParams })).addSuccess(AppealPage))
  .add(HttpApiEndpoint.get("analysis", "/appeals/analysis").setUrlParams(Schema.Struct({ period: Analysis.AnalysisPeriod, asOf: Day })).addSuccess(AnalysisReport))
  .add(HttpApiEndpoint.get("get", "/appeals/:id").setPath(IdPath).addSuccess(AppealView))
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Citizens' appeals under 59-FZ: registration, assignment, forwarding, extension, answers and dispositions; queries and the monthly analysis") {}

// ---------------------------------------------------------------------------
// Elections

/** A calendar's id (usually its voting day, `2021-09-19`). */
export const CalendarId = Schema.String.pipe(Schema.pattern(IdPattern, { message: () => "calendar: expected 1-128 letters, digits and _.:-" }), Schema.annotations({ identifier: "CalendarId" }))
const CalendarPath = Schema.Struct({ calendar: CalendarId })
const TaskPath = Schema.Struct({ calendar: CalendarPath.fields.calendar, task: TaskId })

/** An election calendar: its elections, the merged calendar of their tasks and the tasks' statuses. */
export const CalendarView = Schema.Struct({
  calendar: Schema.String,
  version: Schema.Int,
  votingDay: Schema.optionalWith(Day, { exact: true }),
  elections: Schema.Array(ElectionId),
  merged: MergedCalendar.MergedCalendar,
  statuses: Schema.Array(CalendarDecider.StatusEntry)
})
/** @see CalendarView */
export type CalendarView = typeof CalendarView.Type

/** The violations of a calendar as of a day. */
export const ComplianceView = Schema.Struct({ calendar: Schema.String, asOf: Day, violations: Schema.Array(Compliance.Violation) })

/** The elections' endpoints. */
export class ElectionsGroup extends HttpApiGroup.make("elections")
  .add(HttpApiEndpoint.post("registerElection", "/elections/calendars/:calendar/elections").setPath(CalendarPath).setPayload(Schema.Struct(CalendarDecider.RegisterElection.fields).pick("election")).setHeaders(IdempotencyHeaders).addSuccess(CalendarView))
  .add(HttpApiEndpoint.post("planTasks", "/elections/calendars/:calendar/tasks").setPath(CalendarPath).setPayload(Schema.Struct(CalendarDecider.PlanTasks.fields).pick("election", "tasks")).setHeaders(IdempotencyHeaders).addSuccess(CalendarView))
  .add(HttpApiEndpoint.post("markDone", "/elections/calendars/:calendar/tasks/:task/done").setPath(TaskPath).setPayload(Schema.Struct(CalendarDecider.MarkDone.fields).pick("on")).setHeaders(IdempotencyHeaders).addSuccess(CalendarView))
  .add(HttpApiEndpoint.post("markMissed", "/elections/calendars/:calendar/tasks/:task/missed").setPath(TaskPath).setPayload(Schema.Struct({})).setHeaders(IdempotencyHeaders).addSuccess(CalendarView))
  .add(HttpApiEndpoint.get("calendar", "/elections/calendars/:calendar").setPath(CalendarPath).addSuccess(CalendarView))
  .add(HttpApiEndpoint.get("compliance", "/elections/calendars/:calendar/compliance").setPath(CalendarPath).setUrlParams(Schema.Struct({ asOf: Day })).addSuccess(ComplianceView))
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Election calendars: concurrent elections of one voting day, the administration's merged task calendar and its compliance") {}

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
  service_code: Schema.String.pipe(Schema.pattern(/^\d{4}\.\d{4}$/, { message: () => "service_code: expected a service code like 0005.0005 from /open311/v2/services" })),
  description: AppealFacts.fields.text,
  first_name: Schema.optionalWith(Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(200)), { exact: true }),
  last_name: Schema.optionalWith(Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(200)), { exact: true }),
  email: Schema.optionalWith(Schema.Redacted(Schema.Trimmed.pipe(Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/), Schema.maxLength(320))), { exact: true }),
  address_string: Schema.optionalWith(Schema.Redacted(Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(2000))), { exact: true })
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
  status: Schema.optionalWith(Schema.Literal("open", "closed"), { exact: true }),
  ...PageParams
})

const RequestPath = Schema.Struct({ id: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(140)) })

/** The Open311 GeoReport v2 facade over appeals (JSON only). */
export class Open311Group extends HttpApiGroup.make("open311")
  .add(HttpApiEndpoint.get("services", "/open311/v2/services").addSuccess(Schema.Array(Open311Service)))
  .add(HttpApiEndpoint.get("servicesJson", "/open311/v2/services.json").addSuccess(Schema.Array(Open311Service)))
  .add(HttpApiEndpoint.post("submit", "/open311/v2/requests").setPayload(Open311NewRequest).addSuccess(Schema.Array(Open311Created), { status: 201 }).middleware(Authentication))
  .add(HttpApiEndpoint.post("submitJson", "/open311/v2/requests.json").setPayload(Open311NewRequest).addSuccess(Schema.Array(Open311Created), { status: 201 }).middleware(Authentication))
  .add(HttpApiEndpoint.get("requests", "/open311/v2/requests").setUrlParams(Open311Query).addSuccess(Schema.Array(Open311Request)).middleware(Authentication))
  .add(HttpApiEndpoint.get("requestsJson", "/open311/v2/requests.json").setUrlParams(Open311Query).addSuccess(Schema.Array(Open311Request)).middleware(Authentication))
  .add(HttpApiEndpoint.get("request", "/open311/v2/requests/:id").setPath(RequestPath).addSuccess(Schema.Array(Open311Request)).middleware(Authentication))
  .annotate(OpenApi.Description, "Open311 GeoReport v2 over appeals: services from the topic classifier, requests as appeals") {}

// ---------------------------------------------------------------------------
// The API

/** cityhall's HTTP API. */
export class Api extends HttpApi.make("cityhall")
  .add(AppealsGroup)
  .add(ElectionsGroup)
  .add(Open311Group)
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
  .annotate(OpenApi.Description, "The organisational work of a city administration: citizens' appeals (59-FZ), election calendars, Open311") {}
