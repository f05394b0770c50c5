/**
 * The access policy: who may read or do what, on which record — a pure
 * function of the principal and the record. Every entry point asks it
 * before a use case acts; none has its own rules.
 *
 * An action is allowed to roles ({@link rules}); some actions add a
 * condition on the record:
 *
 * - `appeal` — reading an appeal: administrators and clerks read every
 *   appeal; a citizen only the appeals their own account submitted
 *   (`AppealFacts.submittedBy`, with the citizen role — never a subject
 *   string alone); a division head the appeals assigned to their division
 *   (a head without a division claim reads none); a controller the appeals
 *   of the divisions under their control (with an organisation), or
 *   addressed to them while unassigned;
 * - `ownDivision` — a division head acts only on what belongs to their
 *   division (the appeal assigned to it, the monthly report of it, the
 *   election task it is responsible for); a head without a division claim
 *   may do none of it; other allowed roles are not bound;
 * - `scoped` — a list: a division head sees their division only, a
 *   controller the divisions under their control; others everything.
 *
 * Personal data of an appeal (the applicant, the text) goes to its owner,
 * clerks, administrators and the division head of the appeal — never to
 * controllers, whose work is analysis.
 *
 * @example
 * ```ts
 * import { App } from "cityhall"
 *
 * const head = new App.Principal.Principal({ subject: "head-1", role: "divisionHead" } as never)
 * App.Access.allowed(head, "answerAppeal") // true: the role may answer
 * App.Access.appeal(head, "answerAppeal", { addressee: { _tag: "ToMayor" } } as never) // Either.left(AccessDenied): no division claim
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Addressee } from "../appeals/Appeal.js"
import type { ActorId, DivisionId, OfficialId } from "../kernel/Ids.js"
import * as Organisation from "../kernel/Organisation.js"
import type { Day } from "../kernel/Period.js"
import type { Principal, Role } from "./Principal.js"

/** An operation a principal performs. */
export const Action = Schema.Literal(
  // appeals
  "registerAppeal",
  "submitAppeal",
  "assignAppeal",
  "forwardAppeal",
  "forwardCrimeReport",
  "extendTerm",
  "answerAppeal",
  "leaveWithoutAnswer",
  "endCorrespondence",
  "answerByReference",
  "assignExecutors",
  "returnCourtDecisionAppeal",
  "referToPublishedAnswer",
  "declineForSecrecy",
  "sendCopies",
  "readAppeal",
  "listAppeals",
  "listOwnAppeals",
  "listOverdueAppeals",
  "searchAppeals",
  "searchApplicants",
  "readAnalysis",
  "readMonitoring",
  "exportAppeals",
  "exportPersonalData",
  "sendReminders",
  // elections
  "registerElection",
  "planElectionTasks",
  "markTaskDone",
  "markTaskMissed",
  "readElectionCalendar",
  // planning
  "writePlan",
  "submitMonthlyReport",
  "readPlan",
  "listActivities",
  "readControlView",
  // meetings
  "writeMeetings",
  "readMeetings",
  "readMeetingStatistics",
  // reports
  "readReports",
  // information work, budget control, methodological and City Duma support
  "writeInformation",
  "readInformation",
  "writeBudget",
  "readBudget",
  "writeMethodology",
  "readMethodology",
  "writeDuma",
  "readDuma",
  // polling stations and their officers
  "writePollingStations",
  "readPollingStations"
)
/** @see Action */
export type Action = typeof Action.Type

/** The condition an action puts on the record, beyond the role. */
export type RecordRule = "none" | "appeal" | "ownDivision" | "scoped"

/** One row of the policy: the roles an action is allowed to, and its record rule. */
export interface Rule {
  readonly roles: ReadonlyArray<Role>
  readonly record: RecordRule
  /** What the action is, in the words of an error message ("answer appeals"). */
  readonly describe: string
}

const staff: ReadonlyArray<Role> = ["clerk", "divisionHead", "controller", "administrator"]
const everyone: ReadonlyArray<Role> = ["citizen", ...staff]
const keepers: ReadonlyArray<Role> = ["clerk", "administrator"]

/** The policy, action by action. */
export const rules: Readonly<Record<Action, Rule>> = {
  registerAppeal: { roles: keepers, record: "none", describe: "register appeals" },
  submitAppeal: { roles: ["citizen", "administrator"], record: "none", describe: "submit appeals" },
  assignAppeal: { roles: keepers, record: "none", describe: "assign appeals" },
  forwardAppeal: { roles: keepers, record: "none", describe: "forward appeals" },
  forwardCrimeReport: { roles: keepers, record: "none", describe: "forward crime reports" },
  extendTerm: { roles: ["divisionHead", "administrator"], record: "ownDivision", describe: "extend terms" },
  answerAppeal: { roles: ["divisionHead", "administrator"], record: "ownDivision", describe: "answer appeals" },
  leaveWithoutAnswer: {
    roles: ["clerk", "divisionHead", "administrator"],
    record: "ownDivision",
    describe: "leave appeals without answer"
  },
  endCorrespondence: {
    roles: ["divisionHead", "administrator"],
    record: "ownDivision",
    describe: "end correspondence"
  },
  answerByReference: {
    roles: ["divisionHead", "administrator"],
    record: "ownDivision",
    describe: "answer by reference"
  },
  assignExecutors: {
    roles: ["clerk", "divisionHead", "administrator"],
    record: "ownDivision",
    describe: "name the executors of appeals"
  },
  returnCourtDecisionAppeal: {
    roles: ["clerk", "divisionHead", "administrator"],
    record: "ownDivision",
    describe: "return appeals contesting a court decision"
  },
  referToPublishedAnswer: {
    roles: ["clerk", "divisionHead", "administrator"],
    record: "ownDivision",
    describe: "refer applicants to a published answer"
  },
  declineForSecrecy: {
    roles: ["divisionHead", "administrator"],
    record: "ownDivision",
    describe: "decline an answer for a protected secret"
  },
  sendCopies: { roles: keepers, record: "none", describe: "send copies of appeals to other bodies" },
  readAppeal: { roles: everyone, record: "appeal", describe: "read this appeal" },
  listAppeals: { roles: staff, record: "scoped", describe: "list appeals" },
  listOwnAppeals: { roles: everyone, record: "none", describe: "list their own appeals" },
  listOverdueAppeals: { roles: staff, record: "scoped", describe: "list overdue appeals" },
  searchAppeals: { roles: staff, record: "scoped", describe: "search appeals by the words of their texts" },
  // the applicant's name, e-mail and postal address: only the roles that see personal data (never controllers)
  searchApplicants: {
    roles: ["clerk", "divisionHead", "administrator"],
    record: "scoped",
    describe: "search appeals by the applicant's name, e-mail or postal address"
  },
  readAnalysis: { roles: ["controller", "administrator"], record: "none", describe: "read the monthly analysis" },
  readMonitoring: {
    roles: ["controller", "administrator"],
    record: "none",
    describe: "read the monthly monitoring report (Decree No. 171)"
  },
  exportAppeals: { roles: staff, record: "scoped", describe: "export the journal of appeals" },
  exportPersonalData: {
    roles: ["clerk", "divisionHead", "administrator"],
    record: "none",
    describe: "export the applicants' personal data"
  },
  sendReminders: { roles: ["administrator"], record: "none", describe: "send deadline reminders" },
  registerElection: { roles: keepers, record: "none", describe: "register elections" },
  planElectionTasks: { roles: keepers, record: "none", describe: "plan election tasks" },
  markTaskDone: {
    roles: ["clerk", "divisionHead", "administrator"],
    record: "ownDivision",
    describe: "mark election tasks done"
  },
  markTaskMissed: { roles: keepers, record: "none", describe: "mark election tasks missed" },
  readElectionCalendar: { roles: staff, record: "none", describe: "read election calendars" },
  writePlan: { roles: keepers, record: "none", describe: "change plans" },
  submitMonthlyReport: {
    roles: ["divisionHead", "administrator"],
    record: "ownDivision",
    describe: "submit monthly reports"
  },
  readPlan: { roles: staff, record: "none", describe: "read plans" },
  listActivities: { roles: staff, record: "scoped", describe: "list activities" },
  readControlView: {
    roles: ["clerk", "controller", "administrator"],
    record: "none",
    describe: "read the control view"
  },
  writeMeetings: { roles: keepers, record: "none", describe: "keep receptions and meetings" },
  readMeetings: { roles: staff, record: "none", describe: "read receptions and meetings" },
  readMeetingStatistics: {
    roles: ["clerk", "controller", "administrator"],
    record: "none",
    describe: "read meeting statistics"
  },
  readReports: { roles: ["controller", "administrator"], record: "none", describe: "read the reports" },
  writeInformation: { roles: keepers, record: "none", describe: "keep publications and information plans" },
  readInformation: { roles: staff, record: "none", describe: "read publications and information plans" },
  writeBudget: { roles: keepers, record: "none", describe: "keep program budgets" },
  readBudget: { roles: ["clerk", "controller", "administrator"], record: "none", describe: "read program budgets" },
  writeMethodology: { roles: keepers, record: "none", describe: "keep the Methodological Council's records" },
  readMethodology: { roles: staff, record: "none", describe: "read the Methodological Council's records" },
  writeDuma: { roles: keepers, record: "none", describe: "keep the City Duma's sessions" },
  readDuma: { roles: staff, record: "none", describe: "read the City Duma's sessions" },
  writePollingStations: { roles: keepers, record: "none", describe: "keep polling stations and their officers" },
  readPollingStations: { roles: staff, record: "none", describe: "read polling stations" }
}

/** The principal may not do this (the role, or the record). */
export class AccessDenied extends Schema.TaggedError<AccessDenied>()("AccessDenied", {
  role: Schema.String,
  action: Schema.String,
  message: Schema.String
}) {}

const deny = (p: Principal, action: Action, why?: string): AccessDenied =>
  new AccessDenied({
    role: p.role,
    action,
    message: why ?? `the role ${p.role} may not ${rules[action].describe}`
  })

/** Whether the principal's role may perform the action (before any record condition). */
export const allowed = (p: Principal, action: Action): boolean => rules[action].roles.includes(p.role)

/** The role check alone. */
export const require = (p: Principal, action: Action): Either.Either<void, AccessDenied> =>
  allowed(p, action) ? Either.void : Either.left(deny(p, action))

/**
 * What the policy needs to know of an appeal: its division (when assigned),
 * its addressee and the account that submitted it.
 */
export interface AppealFacts {
  readonly division?: DivisionId | undefined
  readonly addressee: Addressee
  readonly submittedBy?: ActorId | undefined
}

/**
 * The divisions under a controller's control, when the policy knows the
 * organisation (`undefined`: the controller reads everything). Computed by
 * the application from the duty distribution on the day ({@link controlledBy}).
 */
export type Controlled = ReadonlyArray<DivisionId> | undefined

/** The divisions a principal controls on a day: for a controller with an organisation, the duty distribution's; otherwise undefined. */
export const controlledBy = (
  p: Principal,
  organisation: Organisation.Organisation | undefined,
  day: Day
): Controlled =>
  p.role !== "controller" || organisation === undefined
    ? undefined
    : p.official === undefined
      ? []
      : Organisation.divisionsControlledBy(organisation.duty, p.official, day)

/** Whether the principal may read the appeal. */
export const canReadAppeal = (p: Principal, a: AppealFacts, controlled: Controlled = undefined): boolean => {
  switch (p.role) {
    case "administrator":
    case "clerk":
      return true
    case "citizen":
      return a.submittedBy !== undefined && a.submittedBy === p.subject
    case "divisionHead":
      return p.division !== undefined && a.division === p.division
    case "controller": {
      if (controlled === undefined) return true
      if (a.division !== undefined) return controlled.includes(a.division)
      return a.addressee._tag === "ToDeputyMayor" && p.official !== undefined && a.addressee.official === p.official
    }
  }
}

/** Whether the principal sees the appeal's personal data: its owner, clerks, administrators, the head of its division — never controllers. */
export const seesPersonalData = (p: Principal, a: AppealFacts, controlled: Controlled = undefined): boolean =>
  p.role !== "controller" && canReadAppeal(p, a, controlled)

/** The `ownDivision` condition: a division head acts only on their division's record, and not at all without a division claim. */
export const ownDivision = (
  p: Principal,
  action: Action,
  division: DivisionId | undefined,
  what: string
): Either.Either<void, AccessDenied> => {
  if (p.role !== "divisionHead") return Either.void
  if (p.division === undefined)
    return Either.left(deny(p, action, `a division head without a division may not ${rules[action].describe}`))
  return division === p.division
    ? Either.void
    : Either.left(deny(p, action, `${what} is not the division ${p.division}'s`))
}

/**
 * An action on an appeal: the role, then the record — reading needs
 * {@link canReadAppeal}; an `ownDivision` action needs the appeal assigned
 * to the head's division.
 */
export const appeal = (
  p: Principal,
  action: Action,
  a: AppealFacts,
  controlled: Controlled = undefined,
  id = "the appeal"
): Either.Either<void, AccessDenied> => {
  if (!allowed(p, action)) return Either.left(deny(p, action))
  const rule = rules[action].record
  if (rule === "appeal")
    return canReadAppeal(p, a, controlled)
      ? Either.void
      : Either.left(deny(p, action, `${id} is not among the appeals the ${p.role} may read`))
  if (rule === "ownDivision") return ownDivision(p, action, a.division, `${id} is not assigned to the division; it`)
  return Either.void
}

/**
 * The divisions a list is restricted to for a principal, given a requested
 * division (`undefined`: no restriction): a head reads their division only,
 * a controller the divisions under control.
 */
export const listScope = (
  p: Principal,
  action: Action,
  requested: DivisionId | undefined,
  controlled: Controlled = undefined
): Either.Either<ReadonlyArray<DivisionId> | undefined, AccessDenied> => {
  if (!allowed(p, action)) return Either.left(deny(p, action))
  if (p.role === "divisionHead") {
    if (p.division === undefined || (requested !== undefined && requested !== p.division))
      return Either.left(deny(p, action, `a division head reads only the division ${p.division ?? "(none)"}`))
    return Either.right([p.division])
  }
  if (p.role === "controller" && controlled !== undefined) {
    if (requested !== undefined && !controlled.includes(requested))
      return Either.left(
        deny(p, action, `the division ${requested} is not under the control of ${p.official ?? p.subject}`)
      )
    return Either.right(requested !== undefined ? [requested] : controlled)
  }
  return Either.right(requested !== undefined ? [requested] : undefined)
}

/**
 * The divisions a list filtered by an executor is restricted to: the
 * {@link listScope} of the requested division, and the executor must work
 * in the divisions the principal's lists are bound to — a division head's
 * own, a controller's under control — as a requested division must:
 * otherwise `AccessDenied`. `executorDivision` is the executor's division
 * in the organisation in force (undefined: no such official of a division,
 * or no organisation known — outside any bound scope). Other roles are not
 * bound: an executor without appeals lists none.
 */
export const executorScope = (
  p: Principal,
  action: Action,
  executor: OfficialId,
  executorDivision: DivisionId | undefined,
  requested: DivisionId | undefined,
  controlled: Controlled = undefined
): Either.Either<ReadonlyArray<DivisionId> | undefined, AccessDenied> => {
  const scope = listScope(p, action, requested, controlled)
  if (Either.isLeft(scope)) return scope
  const bound =
    p.role === "divisionHead"
      ? p.division === undefined
        ? []
        : [p.division]
      : p.role === "controller" && controlled !== undefined
        ? controlled
        : undefined
  if (bound !== undefined && (executorDivision === undefined || !bound.includes(executorDivision)))
    return Either.left(
      deny(
        p,
        action,
        executorDivision === undefined
          ? `the executor ${executor} is no official of a division in the organisation in force`
          : p.role === "divisionHead"
            ? `a division head reads only the division ${p.division ?? "(none)"}; the executor ${executor} works in ${executorDivision}`
            : `the executor ${executor} works in ${executorDivision}, which is not under the control of ${p.official ?? p.subject}`
      )
    )
  return scope
}

/**
 * An idempotency key as stored: scoped to the principal (role and subject),
 * so one principal's key never answers another's request.
 */
export const scopedKey = (p: Principal, key: string): string => `${p.role}/${p.subject}/${key}`
