/**
 * The `appeals` group of the HTTP API ({@link Api}): registration,
 * submission, the commands on an appeal (59-FZ), its history, the queries
 * and the monthly analysis. Every shape is derived from the core's Schemas.
 *
 * @module
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema, Struct } from "effect"
import { Ids, Period, TimeZone } from "../../src/kernel/index.js"
import * as Appeals from "../../src/appeals/index.js"
import { IdempotencyHeaders, PageParams, strict } from "./ApiShared.js"
import { Authentication } from "./Auth.js"

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
  /** The executor and co-executors, once named. */
  executors: Schema.optionalWith(Appeals.Appeal.Executors, { exact: true }),
  /** The notices sent to the applicant, each with its channel, day and due day (59-FZ art. 8 p. 3, art. 11, art. 12 p. 2). */
  notices: Schema.Array(Appeals.AppealState.Notice),
  /** Copies sent to other competent bodies (59-FZ art. 8 p. 4). */
  copies: Schema.Array(Appeals.AppealState.CopySent),
  /** The answer document of an answer on the merits: outgoing number, date, signer, form. */
  answerDocument: Schema.optionalWith(Appeals.Appeal.AnswerDocument, { exact: true }),
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

/**
 * What an open appeal has due, in the due-soon list: its item, what is due
 * (`answer`, 59-FZ art. 12; or `notice`, for an appeal not yet accepted for
 * consideration, 59-FZ art. 8 p. 3, art. 11), the day it is due and the
 * executor, once named.
 */
export const DueItem = Schema.Struct({
  ...AppealItem.fields,
  dueKind: Appeals.AppealState.DueKind,
  due: Period.Day,
  executor: Schema.optionalWith(Ids.OfficialId, { exact: true })
})
/** @see DueItem */
export type DueItem = typeof DueItem.Type

/** A page of the due-soon list; `next` is the cursor of the following page, absent on the last. */
export const DuePage = Schema.Struct({
  items: Schema.Array(DueItem),
  next: Schema.optionalWith(Schema.String, { exact: true })
})
/** @see DuePage */
export type DuePage = typeof DuePage.Type

/** The content type of an XLSX workbook. */
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/**
 * The journal export's query: the period (a day, month, quarter or year;
 * the use case checks it, 400 naming `period`), `csv` (default) or `xlsx`,
 * the labels' language, the personal columns (`personal=true`: clerks,
 * division heads, administrators), one division.
 */
export const JournalExportQuery = Schema.Struct({
  period: Schema.String,
  format: Schema.optionalWith(Schema.Literal("csv", "xlsx"), { exact: true }),
  lang: Schema.optionalWith(Schema.Literal("ru", "en"), { exact: true }),
  personal: Schema.optionalWith(Schema.Literal("true", "false"), { exact: true }),
  division: Schema.optionalWith(Ids.DivisionId, { exact: true })
})

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

/** The notice to the applicant an act is told by, when it was sent: its channel and instant (optional). */
const WithNotice = { notice: Appeals.AppealCommand.ForwardByCompetence.fields.notice }

/** The answer document as a request gives it: the signer; the date (default today) and the outgoing number (default the journal's next). */
export const AnswerDocumentBody = Schema.Struct({
  signedBy: Appeals.Appeal.AnswerDocumentDraft.fields.signedBy,
  date: Schema.optionalWith(Appeals.Appeal.AnswerDocumentDraft.fields.date, { exact: true }),
  outgoingNumber: Schema.optionalWith(Appeals.Appeal.OutgoingNumber, { exact: true })
}).annotations({ identifier: "AnswerDocumentBody" })

/** The body of an answer on the merits. */
export const AnswerBody = Schema.Struct({
  ...Struct.pick(Appeals.AppealCommand.AnswerOnMerits.fields, "result", "form", "questionResults"),
  document: Schema.optionalWith(AnswerDocumentBody, { exact: true })
})

/** The body naming the executor and co-executors: officials of the organisation (their divisions are looked up). */
export const ExecutorsBody = Schema.Struct({
  executor: Ids.OfficialId,
  coExecutors: Schema.optionalWith(Schema.Array(Ids.OfficialId), { exact: true })
})

/** One entry of an appeal's history: what happened, by whom, when, and who may see it. */
export const HistoryEntryView = Schema.Struct({
  event: Schema.String,
  actor: Ids.ActorId,
  at: TimeZone.Instant,
  on: Period.Day,
  visibility: Schema.Literal("public", "internal")
}).annotations({ identifier: "AppealHistoryEntry" })

/** An appeal's history: the applicant sees the public entries, staff all of them. */
export const HistoryView = Schema.Struct({ appealId: Ids.AppealId, entries: Schema.Array(HistoryEntryView) })
/** @see HistoryView */
export type HistoryView = typeof HistoryView.Type

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
      Schema.Struct(Appeals.AppealCommand.ForwardByCompetence.fields).pick("to", "notice")
    )
  )
  .add(
    command(
      "extend",
      "/appeals/:id/extend",
      Schema.Struct(Appeals.AppealCommand.ExtendTerm.fields).pick("days", "reason", "notice")
    )
  )
  .add(command("answer", "/appeals/:id/answer", AnswerBody))
  .add(
    command(
      "leaveWithoutAnswer",
      "/appeals/:id/leave-without-answer",
      Schema.Struct(Appeals.AppealCommand.LeaveWithoutAnswer.fields).pick("ground", "notice")
    )
  )
  .add(
    command(
      "forwardCrimeReport",
      "/appeals/:id/forward-crime-report",
      Schema.Struct(Appeals.AppealCommand.ForwardCrimeReport.fields).pick("to")
    )
  )
  .add(command("endCorrespondence", "/appeals/:id/end-correspondence", Schema.Struct(WithNotice)))
  .add(
    command(
      "answerByReference",
      "/appeals/:id/answer-by-reference",
      Schema.Struct(Appeals.AppealCommand.AnswerByReference.fields).pick("decision")
    )
  )
  .add(command("assignExecutors", "/appeals/:id/executors", ExecutorsBody))
  .add(
    command(
      "returnCourtDecision",
      "/appeals/:id/return-court-decision",
      Schema.Struct(Appeals.AppealCommand.ReturnCourtDecisionAppeal.fields).pick("explanation", "notice")
    )
  )
  .add(
    command(
      "referToPublishedAnswer",
      "/appeals/:id/refer-to-published-answer",
      Schema.Struct(Appeals.AppealCommand.ReferToPublishedAnswer.fields).pick("url", "notice")
    )
  )
  .add(
    command(
      "declineForSecrecy",
      "/appeals/:id/decline-for-secrecy",
      Schema.Struct(Appeals.AppealCommand.DeclineForSecrecy.fields).pick("secret", "notice")
    )
  )
  .add(command("sendCopies", "/appeals/:id/copies", Schema.Struct(Appeals.AppealCommand.SendCopies.fields).pick("to")))
  .add(HttpApiEndpoint.get("history", "/appeals/:id/history").setPath(IdPath).addSuccess(HistoryView))
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
          /** Calendar days from `on` (0..60); or, instead, `workingDays` of the city's production calendar. */
          days: Schema.optionalWith(Schema.NumberFromString, { exact: true }),
          workingDays: Schema.optionalWith(Schema.NumberFromString, { exact: true }),
          division: Schema.optionalWith(Ids.DivisionId, { exact: true }),
          /** Only the appeals whose executor this official is (a division head: of their division). */
          executor: Schema.optionalWith(Ids.OfficialId, { exact: true }),
          ...PageParams
        })
      )
      .addSuccess(DuePage)
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
  .add(
    HttpApiEndpoint.get("export", "/appeals/export")
      .setUrlParams(JournalExportQuery)
      .addSuccess(
        Schema.String.pipe(HttpApiSchema.withEncoding({ kind: "Text", contentType: "text/csv; charset=utf-8" }))
      )
  )
  .add(
    HttpApiEndpoint.get("analysisExport", "/appeals/analysis/export")
      .setUrlParams(
        Schema.Struct({
          period: Appeals.Analysis.AnalysisPeriod,
          asOf: Period.Day,
          lang: Schema.optionalWith(Schema.Literal("ru", "en"), { exact: true })
        })
      )
      .addSuccess(HttpApiSchema.Uint8Array({ contentType: XLSX_CONTENT_TYPE }))
  )
  .add(HttpApiEndpoint.get("get", "/appeals/:id").setPath(IdPath).addSuccess(AppealView))
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Citizens' appeals under 59-FZ: registration, assignment to a division and to executors, forwarding, copies to other bodies, extension, answers (with the answer document and its outgoing number) and dispositions, notices to the applicant; the history; queries and the monthly analysis"
  ) {}
