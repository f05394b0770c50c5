/**
 * The access every operation of the API requires, in one table
 * ({@link access}, keyed by the OpenAPI `operationId`, `group.endpoint`):
 * the policy's actions (`App.Access.rules`) it needs, or `"public"` for
 * the operations that answer anyone, without a token (health, readiness,
 * Open311's service list). The server checks a caller's role against it
 * before the request is decoded ({@link roleCheck}: a role no action of
 * the operation allows is 403 naming the action, whatever the body), and
 * the use cases check the record (`App.Access.appeal`, `ownDivision`,
 * `listScope`); the reliability suite's authorisation matrix reads the same
 * table and checks every operation against the server.
 *
 * @module
 */
import { HttpApi } from "@effect/platform"
import { App } from "../../src/index.js"
import { Api } from "./Api.js"

type Action = App.Access.Action

/**
 * What an operation requires: `"public"`, or the actions any one of which
 * lets a role in (the record may still refuse); of several, the first that
 * lets a role in is the one its use case applies (Open311's list: a staff
 * member's scoped `listAppeals`, else a citizen's `listOwnAppeals`).
 */
export type Requirement = "public" | readonly [Action, ...Array<Action>]

const write = (action: Action, ...ids: ReadonlyArray<string>): Record<string, Requirement> =>
  Object.fromEntries(ids.map((id) => [id, [action]]))

/** The access of every operation, by `operationId`. */
export const access: Readonly<Record<string, Requirement>> = {
  "health.health": "public",
  "health.ready": "public",
  "appeals.register": ["registerAppeal"],
  "appeals.submit": ["submitAppeal"],
  "appeals.assign": ["assignAppeal"],
  "appeals.forward": ["forwardAppeal"],
  "appeals.extend": ["extendTerm"],
  "appeals.answer": ["answerAppeal"],
  "appeals.leaveWithoutAnswer": ["leaveWithoutAnswer"],
  "appeals.forwardCrimeReport": ["forwardCrimeReport"],
  "appeals.endCorrespondence": ["endCorrespondence"],
  "appeals.answerByReference": ["answerByReference"],
  "appeals.get": ["readAppeal"],
  "appeals.list": ["listAppeals"],
  "appeals.mine": ["listOwnAppeals"],
  "appeals.overdue": ["listOverdueAppeals"],
  "appeals.dueSoon": ["listOverdueAppeals"],
  "appeals.internalOverdue": ["listOverdueAppeals"],
  "appeals.analysis": ["readAnalysis"],
  "appeals.analysisExport": ["readAnalysis"],
  "appeals.export": ["exportAppeals"],
  "appeals.search": ["searchAppeals"],
  "appeals.history": ["readAppeal"],
  "appeals.assignExecutors": ["assignExecutors"],
  "appeals.returnCourtDecision": ["returnCourtDecisionAppeal"],
  "appeals.referToPublishedAnswer": ["referToPublishedAnswer"],
  "appeals.declineForSecrecy": ["declineForSecrecy"],
  "appeals.sendCopies": ["sendCopies"],
  "elections.registerElection": ["registerElection"],
  "elections.planTasks": ["planElectionTasks"],
  "elections.markDone": ["markTaskDone"],
  "elections.markMissed": ["markTaskMissed"],
  "elections.calendar": ["readElectionCalendar"],
  "elections.compliance": ["readElectionCalendar"],
  // GeoReport v2: the service list is public; a list of requests is a staff member's (scoped) or a citizen's own,
  // and with `service_request_id` each request named is read (`readAppeal`: its record decides)
  "open311.services": "public",
  "open311.servicesJson": "public",
  "open311.submit": ["submitAppeal"],
  "open311.submitJson": ["submitAppeal"],
  "open311.requests": ["listAppeals", "listOwnAppeals", "readAppeal"],
  "open311.requestsJson": ["listAppeals", "listOwnAppeals", "readAppeal"],
  "open311.request": ["readAppeal"],
  ...write(
    "writePlan",
    "planning.createPlan",
    "planning.addNode",
    "planning.replaceNode",
    "planning.removeNode",
    "planning.scheduleActivity",
    "planning.approvePlan",
    "planning.amendPlan",
    "planning.closePlan",
    "planning.submitQuarterlyReport"
  ),
  "planning.submitMonthlyReport": ["submitMonthlyReport"],
  "planning.activities": ["listActivities"],
  "planning.control": ["readControlView"],
  "planning.getPlan": ["readPlan"],
  ...write(
    "writeMeetings",
    "meetings.scheduleReception",
    "meetings.recordCard",
    "meetings.closeReception",
    "meetings.postponeReception",
    "meetings.moveReceptionOnline",
    "meetings.cancelReception",
    "meetings.handInWrittenAppeal",
    "meetings.refuseRepeatReception",
    "meetings.scheduleMeeting",
    "meetings.postponeMeeting",
    "meetings.moveMeetingOnline",
    "meetings.cancelMeeting",
    "meetings.holdMeeting",
    "meetings.raiseQuestion",
    "meetings.disposeQuestion",
    "meetings.closeMeeting",
    "meetings.draftMinutes",
    "meetings.approveMinutes",
    "meetings.declareSuspension",
    "meetings.shortenSuspension"
  ),
  ...write("readMeetings", "meetings.getReception", "meetings.getMeeting", "meetings.suspensions"),
  "meetings.statistics": ["readMeetingStatistics"],
  "reports.annual": ["readReports"],
  "reports.monitoring": ["readMonitoring"],
  ...write(
    "writeInformation",
    "organisational.recordPublication",
    "organisational.correctPublication",
    "organisational.withdrawPublication",
    "organisational.openInformationPlan",
    "organisational.assignHotTopic",
    "organisational.closeInformationPlan"
  ),
  ...write("readInformation", "organisational.publications", "organisational.informationPlan"),
  ...write(
    "writeBudget",
    "organisational.openProgramBudget",
    "organisational.amendPlannedBudget",
    "organisational.recordCommitment",
    "organisational.recordSpending",
    "organisational.closeBudgetYear"
  ),
  "organisational.programBudget": ["readBudget"],
  ...write(
    "writeMethodology",
    "organisational.submitManual",
    "organisational.scheduleCouncilSession",
    "organisational.addAgendaItem",
    "organisational.holdCouncilSession",
    "organisational.distributeManual"
  ),
  "organisational.council": ["readMethodology"],
  ...write(
    "writeDuma",
    "organisational.scheduleDumaSession",
    "organisational.assignDraft",
    "organisational.submitDraft",
    "organisational.adoptDecision",
    "organisational.rejectDraft",
    "organisational.closeDumaSession"
  ),
  "organisational.dumaSession": ["readDuma"],
  ...write("writePollingStations", "organisational.recordPollingStation", "organisational.assignStationOfficers"),
  "organisational.pollingStation": ["readPollingStations"]
}

/** One operation of the API: its id, method, path (`/appeals/:id`) and what it requires (`undefined`: not in {@link access}). */
export interface Operation {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly requires: Requirement | undefined
}

/** Every operation of the API, read from its definition. */
export const operations: ReadonlyArray<Operation> = (() => {
  const out: Array<Operation> = []
  HttpApi.reflect(Api, {
    onGroup: () => {},
    onEndpoint: ({ endpoint, group }) => {
      const id = `${group.identifier}.${endpoint.name}`
      out.push({ id, method: endpoint.method, path: endpoint.path, requires: access[id] })
    }
  })
  return out
})()

const matchers = operations
  .map((op) => {
    const segments = op.path.split("/")
    const params = segments.filter((s) => s.startsWith(":")).length
    return { op, segments, params }
  })
  // a literal segment wins over a parameter (`/appeals/mine` before `/appeals/:id`), as the router does
  .sort((a, b) => a.params - b.params)

/** The operation a request's method and path go to, if any. */
export const operationOf = (method: string, path: string): Operation | undefined => {
  const segments = path.split("/")
  const verb = method === "HEAD" ? "GET" : method
  for (const m of matchers) {
    if (m.op.method !== verb || m.segments.length !== segments.length) continue
    if (m.segments.every((s, i) => (s.startsWith(":") ? segments[i] !== "" : s === segments[i]))) return m.op
  }
  return undefined
}

/** The roles an operation lets in at all (before any record condition): every role for a public one. */
export const rolesOf = (requires: Requirement): ReadonlyArray<App.Principal.Role> =>
  requires === "public" ? App.Principal.ROLES : [...new Set(requires.flatMap((a) => App.Access.rules[a].roles))]

/**
 * The role check of an operation, before its request is decoded: `undefined`
 * when the principal's role is let in by one of its actions (or it is
 * public, or not in the table), else the action to name in the 403.
 */
export const roleCheck = (op: Operation | undefined, p: App.Principal.Principal): Action | undefined => {
  if (op === undefined || op.requires === undefined || op.requires === "public") return undefined
  return op.requires.some((a) => App.Access.allowed(p, a)) ? undefined : op.requires[0]
}
