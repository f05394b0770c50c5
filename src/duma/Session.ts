/**
 * A session of the City Duma as the administration prepares it: one
 * decider per session (its stream keyed by the `SessionId`).
 *
 * The session is scheduled on a date with an agenda; divisions are assigned
 * draft decisions with a submission deadline computed from a {@link Term.Term}
 * counted back from the session ({@link Deadline.submissionDeadline}, always
 * before the session); drafts are submitted (late when after the deadline,
 * never on or after the session day); at the session a submitted draft is
 * adopted as a decision with its number and the session's date, together
 * with its follow-up instructions to divisions, or rejected; the session is
 * closed when every submitted draft is decided.
 *
 * Each instruction names the one planned activity that executes it (its
 * `activity` id, unique in the session): {@link followUps} lists them and
 * `Planning.toScheduleActivity` turns each into exactly one planning
 * `ScheduleActivity` with origin `DumaDecision`.
 *
 * Commands: `ScheduleDumaSession`, `AssignDraft`, `SubmitDraft`,
 * `AdoptDecision`, `RejectDraft`, `CloseDumaSession`.
 * Events: `DumaSessionScheduled`, `DraftAssigned`, `DraftSubmitted`,
 * `DecisionAdopted`, `DraftRejected`, `DumaSessionClosed`.
 *
 * @example
 * ```ts
 * import { Calendar, Decider, Duma } from "cityhall"
 *
 * const decider = Duma.Session.decider({ calendar: Calendar.russia() })
 * declare const commands: ReadonlyArray<Duma.Session.Command>
 * Decider.run(decider, commands)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type * as Calendar from "../kernel/Calendar.js"
import type { Decider as DeciderShape } from "../kernel/Decider.js"
import { ActivityId, ActorId, DivisionId, DocumentId, InstructionId, SessionId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import { Day } from "../kernel/Period.js"
import { Term } from "../kernel/Term.js"
import { Instant } from "../kernel/TimeZone.js"
import type { BackwardPolicy } from "./Deadline.js"
import { submissionDeadline } from "./Deadline.js"
import { decodeWith, DumaRuleViolation } from "./Errors.js"
import type { DumaRule } from "./Errors.js"
import { ActivityLink } from "./Link.js"

// ---- data -------------------------------------------------------------------

/** The status of a draft decision. */
export const DraftStatus = Schema.Literal("assigned", "submitted", "adopted", "rejected")
/** @see DraftStatus */
export type DraftStatus = typeof DraftStatus.Type

/** A draft decision prepared by a division for the session. */
export class Draft extends Schema.Class<Draft>("DumaDraft")({
  id: DocumentId,
  title: Name,
  division: DivisionId,
  term: Term,
  assignedOn: Day,
  /** The last day to submit it: before the session. */
  deadline: Day,
  status: DraftStatus,
  submittedOn: Schema.optionalWith(Day, { exact: true })
}) {}

/**
 * A follow-up instruction (поручение) of a decision to a division, with the
 * one planned activity that executes it: its id, and the plan item, program
 * or goal it links up to.
 */
export class Instruction extends Schema.Class<Instruction>("DumaInstruction")({
  id: InstructionId,
  division: DivisionId,
  task: Name,
  due: Day,
  activity: ActivityId,
  link: ActivityLink
}) {}

/** A decision adopted at the session: the draft's document, its number and date, its instructions. */
export class Decision extends Schema.Class<Decision>("DumaDecision")({
  document: DocumentId,
  number: Name,
  date: Day,
  instructions: Schema.Array(Instruction)
}) {}

// ---- commands and events ----------------------------------------------------

const meta = { session: SessionId, at: Instant, actor: ActorId }

/** Schedules the session on a date with its agenda (items besides the drafts). */
export class ScheduleDumaSession extends Schema.TaggedClass<ScheduleDumaSession>()("ScheduleDumaSession", {
  ...meta,
  date: Day,
  agenda: Schema.Array(Name)
}) {}
/** Assigns a draft decision to a division, with the submission term counted back from the session. */
export class AssignDraft extends Schema.TaggedClass<AssignDraft>()("AssignDraft", {
  ...meta,
  draft: DocumentId,
  title: Name,
  division: DivisionId,
  term: Term,
  assignedOn: Day
}) {}
/** Records that a division submitted its draft. */
export class SubmitDraft extends Schema.TaggedClass<SubmitDraft>()("SubmitDraft", {
  ...meta,
  draft: DocumentId,
  on: Day
}) {}
/** Records that the Duma adopted a submitted draft as a decision, with its follow-up instructions. */
export class AdoptDecision extends Schema.TaggedClass<AdoptDecision>()("AdoptDecision", {
  ...meta,
  draft: DocumentId,
  number: Name,
  instructions: Schema.Array(Instruction)
}) {}
/** Records that the Duma did not adopt a submitted draft. */
export class RejectDraft extends Schema.TaggedClass<RejectDraft>()("RejectDraft", { ...meta, draft: DocumentId }) {}
/** Closes the session once every submitted draft is decided. */
export class CloseDumaSession extends Schema.TaggedClass<CloseDumaSession>()("CloseDumaSession", { ...meta }) {}

/** Every command of a session. */
export const Command = Schema.Union(
  ScheduleDumaSession,
  AssignDraft,
  SubmitDraft,
  AdoptDecision,
  RejectDraft,
  CloseDumaSession
)
/** @see Command */
export type Command = typeof Command.Type

/** The session was scheduled. */
export class DumaSessionScheduled extends Schema.TaggedClass<DumaSessionScheduled>()("DumaSessionScheduled", {
  ...meta,
  date: Day,
  agenda: Schema.Array(Name)
}) {}
/** A draft was assigned, with its computed deadline. */
export class DraftAssigned extends Schema.TaggedClass<DraftAssigned>()("DraftAssigned", {
  ...meta,
  draft: DocumentId,
  title: Name,
  division: DivisionId,
  term: Term,
  assignedOn: Day,
  deadline: Day
}) {}
/** A draft was submitted (`late` when after its deadline). */
export class DraftSubmitted extends Schema.TaggedClass<DraftSubmitted>()("DraftSubmitted", {
  ...meta,
  draft: DocumentId,
  on: Day,
  late: Schema.Boolean
}) {}
/** A decision was adopted. */
export class DecisionAdopted extends Schema.TaggedClass<DecisionAdopted>()("DecisionAdopted", {
  ...meta,
  decision: Decision
}) {}
/** A draft was not adopted. */
export class DraftRejected extends Schema.TaggedClass<DraftRejected>()("DraftRejected", {
  ...meta,
  draft: DocumentId
}) {}
/** The session was closed. */
export class DumaSessionClosed extends Schema.TaggedClass<DumaSessionClosed>()("DumaSessionClosed", { ...meta }) {}

/** Every event of a session. */
export const Event = Schema.Union(
  DumaSessionScheduled,
  DraftAssigned,
  DraftSubmitted,
  DecisionAdopted,
  DraftRejected,
  DumaSessionClosed
)
/** @see Event */
export type Event = typeof Event.Type

// ---- state ------------------------------------------------------------------

/** No session yet. */
export class Unscheduled extends Schema.TaggedClass<Unscheduled>()("Unscheduled", {}) {}
/** A scheduled session with its drafts and decisions. */
export class Scheduled extends Schema.TaggedClass<Scheduled>()("Scheduled", {
  session: SessionId,
  date: Day,
  agenda: Schema.Array(Name),
  drafts: Schema.Array(Draft),
  decisions: Schema.Array(Decision),
  closed: Schema.Boolean
}) {}

/** The state of a session. */
export const State = Schema.Union(Unscheduled, Scheduled)
/** @see State */
export type State = typeof State.Type

/** The initial state. */
export const initialState: State = new Unscheduled()

/** A follow-up instruction with its decision: what becomes one planned activity. */
export interface FollowUp {
  readonly session: SessionId
  readonly decision: Decision
  readonly instruction: Instruction
}

/** Every follow-up instruction of the session's decisions, in order. */
export const followUps = (s: State): ReadonlyArray<FollowUp> =>
  s._tag === "Unscheduled"
    ? []
    : s.decisions.flatMap((decision) =>
        decision.instructions.map((instruction) => ({ session: s.session, decision, instruction }))
      )

// ---- decide -----------------------------------------------------------------

/** What a municipality sets for Duma support. */
export interface Settings {
  readonly calendar: Calendar.ProductionCalendar
  /** For calendar-day terms; default `previousWorkingDay`. */
  readonly policy?: BackwardPolicy
}

type Result = Either.Either<ReadonlyArray<Event>, DumaRuleViolation>
const violation = (rule: DumaRule, field: string, message: string): Result =>
  Either.left(new DumaRuleViolation({ rule, field, message }))

const checkInstructions = (s: Scheduled, c: AdoptDecision): Result | undefined => {
  const ids = new Set<string>(s.decisions.flatMap((d) => d.instructions.map((i) => i.id)))
  const activities = new Set<string>(s.decisions.flatMap((d) => d.instructions.map((i) => i.activity)))
  for (const [i, ins] of c.instructions.entries()) {
    if (ids.has(ins.id))
      return violation(
        "duplicateInstruction",
        `instructions[${i}].id`,
        `instruction ${ins.id} is already given at session ${s.session}`
      )
    ids.add(ins.id)
    if (activities.has(ins.activity)) {
      return violation(
        "duplicateActivity",
        `instructions[${i}].activity`,
        `activity ${ins.activity} already executes another instruction: each instruction has its own`
      )
    }
    activities.add(ins.activity)
    if (ins.due < s.date)
      return violation(
        "dueBeforeDecision",
        `instructions[${i}].due`,
        `instruction ${ins.id} is due ${ins.due}, before the decision of ${s.date}`
      )
  }
  return undefined
}

/** Decides a command. */
export const decide =
  (settings: Settings) =>
  (c: Command, s: State): Result => {
    const m = { session: c.session, at: c.at, actor: c.actor }
    if (c._tag === "ScheduleDumaSession") {
      if (s._tag === "Scheduled")
        return violation("sessionAlreadyScheduled", "session", `session ${s.session} is already scheduled`)
      return Either.right([new DumaSessionScheduled({ ...m, date: c.date, agenda: c.agenda })])
    }
    if (s._tag === "Unscheduled")
      return violation("sessionNotScheduled", "session", `session ${c.session} is not scheduled`)
    if (c.session !== s.session)
      return violation("wrongSession", "session", `command for session ${c.session} sent to session ${s.session}`)
    if (s.closed) return violation("sessionClosed", "session", `session ${s.session} is closed`)
    const draftOf = (id: DocumentId) => s.drafts.find((d) => d.id === id)
    switch (c._tag) {
      case "AssignDraft": {
        if (draftOf(c.draft) !== undefined)
          return violation("duplicateDraft", "draft", `draft ${c.draft} is already assigned for session ${s.session}`)
        const deadline = submissionDeadline({
          session: s.date,
          term: c.term,
          calendar: settings.calendar,
          ...(settings.policy === undefined ? {} : { policy: settings.policy })
        })
        if (Either.isLeft(deadline)) return violation("deadlineNotComputable", "term", deadline.left.message)
        if (deadline.right < c.assignedOn) {
          return violation(
            "deadlinePassedAtAssignment",
            "assignedOn",
            `the submission deadline ${deadline.right} (${c.term.amount} ${c.term.unit} before ${s.date}) is before the assignment on ${c.assignedOn}`
          )
        }
        return Either.right([
          new DraftAssigned({
            ...m,
            draft: c.draft,
            title: c.title,
            division: c.division,
            term: c.term,
            assignedOn: c.assignedOn,
            deadline: deadline.right
          })
        ])
      }
      case "SubmitDraft": {
        const d = draftOf(c.draft)
        if (d === undefined)
          return violation("unknownDraft", "draft", `draft ${c.draft} is not assigned for session ${s.session}`)
        if (d.status !== "assigned")
          return violation("draftAlreadySubmitted", "draft", `draft ${c.draft} is already ${d.status}`)
        if (c.on < d.assignedOn)
          return violation(
            "submissionBeforeAssignment",
            "on",
            `draft ${c.draft} was assigned on ${d.assignedOn}, not submitted on ${c.on}`
          )
        if (c.on >= s.date)
          return violation(
            "submissionNotBeforeSession",
            "on",
            `draft ${c.draft} submitted on ${c.on}: drafts are submitted before the session on ${s.date}`
          )
        return Either.right([new DraftSubmitted({ ...m, draft: c.draft, on: c.on, late: c.on > d.deadline })])
      }
      case "AdoptDecision":
      case "RejectDraft": {
        const d = draftOf(c.draft)
        if (d === undefined)
          return violation("unknownDraft", "draft", `draft ${c.draft} is not assigned for session ${s.session}`)
        if (d.status === "assigned")
          return violation("draftNotSubmitted", "draft", `draft ${c.draft} was not submitted`)
        if (d.status !== "submitted")
          return violation("draftAlreadyDecided", "draft", `draft ${c.draft} is already ${d.status}`)
        if (c._tag === "RejectDraft") return Either.right([new DraftRejected({ ...m, draft: c.draft })])
        if (s.decisions.some((x) => x.number === c.number))
          return violation(
            "duplicateDecisionNumber",
            "number",
            `decision number ${c.number} is already taken at session ${s.session}`
          )
        return (
          checkInstructions(s, c) ??
          Either.right([
            new DecisionAdopted({
              ...m,
              decision: new Decision({
                document: c.draft,
                number: c.number,
                date: s.date,
                instructions: c.instructions
              })
            })
          ])
        )
      }
      case "CloseDumaSession": {
        const open = s.drafts.find((d) => d.status === "submitted")
        return open === undefined
          ? Either.right([new DumaSessionClosed(m)])
          : violation("undecidedDrafts", "session", `draft ${open.id} is submitted but not decided`)
      }
    }
  }

// ---- evolve -----------------------------------------------------------------

const fieldsOf = (s: Scheduled) => ({
  session: s.session,
  date: s.date,
  agenda: s.agenda,
  drafts: s.drafts,
  decisions: s.decisions,
  closed: s.closed
})
const draftFields = (d: Draft) => ({
  id: d.id,
  title: d.title,
  division: d.division,
  term: d.term,
  assignedOn: d.assignedOn,
  deadline: d.deadline,
  status: d.status,
  ...(d.submittedOn === undefined ? {} : { submittedOn: d.submittedOn })
})
const setDraft = (s: Scheduled, id: DocumentId, patch: Partial<ReturnType<typeof draftFields>>): Scheduled =>
  new Scheduled(
    {
      ...fieldsOf(s),
      drafts: s.drafts.map((d) => (d.id === id ? new Draft({ ...draftFields(d), ...patch }, true) : d))
    },
    true
  )

/** Applies an event. */
export const evolve = (s: State, e: Event): State => {
  if (e._tag === "DumaSessionScheduled")
    return new Scheduled(
      { session: e.session, date: e.date, agenda: e.agenda, drafts: [], decisions: [], closed: false },
      true
    )
  if (s._tag === "Unscheduled") return s
  switch (e._tag) {
    case "DraftAssigned":
      return new Scheduled(
        {
          ...fieldsOf(s),
          drafts: [
            ...s.drafts,
            new Draft(
              {
                id: e.draft,
                title: e.title,
                division: e.division,
                term: e.term,
                assignedOn: e.assignedOn,
                deadline: e.deadline,
                status: "assigned"
              },
              true
            )
          ]
        },
        true
      )
    case "DraftSubmitted":
      return setDraft(s, e.draft, { status: "submitted", submittedOn: e.on })
    case "DecisionAdopted":
      return new Scheduled(
        {
          ...fieldsOf(setDraft(s, e.decision.document, { status: "adopted" })),
          decisions: [...s.decisions, e.decision]
        },
        true
      )
    case "DraftRejected":
      return setDraft(s, e.draft, { status: "rejected" })
    case "DumaSessionClosed":
      return new Scheduled({ ...fieldsOf(s), closed: true }, true)
  }
}

/** The decider of a Duma session, with the municipality's settings. */
export const decider = (settings: Settings): DeciderShape<Command, Event, State, DumaRuleViolation> => ({
  decide: decide(settings),
  evolve,
  initialState
})

/** Decodes a command from outside data; a malformed one is an `InvalidDumaCommand` naming the path. */
export const decodeCommand = decodeWith(Command)

// ---- invariants ---------------------------------------------------------------

/**
 * The session's invariants, as messages (empty when all hold): every
 * draft's deadline is before the session; every submission is before the
 * session and not before the assignment; every decision is dated on the
 * session day and adopts a submitted draft; every instruction has exactly
 * one planned activity, and no activity executes two instructions.
 */
export const violations = (s: State): ReadonlyArray<string> => {
  if (s._tag === "Unscheduled") return []
  const out: Array<string> = []
  for (const d of s.drafts) {
    if (!(d.deadline < s.date)) out.push(`draft ${d.id}: deadline ${d.deadline} is not before the session on ${s.date}`)
    if (d.submittedOn !== undefined && !(d.submittedOn < s.date && d.submittedOn >= d.assignedOn))
      out.push(`draft ${d.id}: submitted on ${d.submittedOn}`)
    if ((d.status === "assigned") !== (d.submittedOn === undefined))
      out.push(`draft ${d.id}: status ${d.status} does not match its submission`)
  }
  for (const dec of s.decisions) {
    if (dec.date !== s.date) out.push(`decision ${dec.number} is dated ${dec.date}, not on the session day ${s.date}`)
    if (s.drafts.find((d) => d.id === dec.document)?.status !== "adopted")
      out.push(`decision ${dec.number} adopts no adopted draft`)
  }
  const f = followUps(s)
  const activities = new Set(f.map((x) => x.instruction.activity))
  const instructions = new Set(f.map((x) => x.instruction.id))
  if (activities.size !== f.length || instructions.size !== f.length)
    out.push("an instruction has no activity of its own, or an activity executes two instructions")
  return out
}
