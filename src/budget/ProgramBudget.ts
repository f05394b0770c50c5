/**
 * The budget of one municipal target program for one year (program-target
 * method): one decider per program and year. It opens with the program's
 * period and indicators and the planned budget by quarter; the plan may be
 * amended; commitments (contracts) and spending (payments) are recorded
 * with their day, optionally against one of the program's indicators; the
 * year is closed after it ends.
 *
 * Every amount is integer kopecks. No commitment or payment lies outside
 * the year, and the year lies inside the program's period. Quarterly
 * figures are derived from the days, so the quarters always sum to the
 * year (see {@link Control}).
 *
 * Commands: `OpenProgramBudget`, `AmendPlannedBudget`, `RecordCommitment`,
 * `RecordSpending`, `CloseBudgetYear`.
 * Events: `ProgramBudgetOpened`, `PlannedBudgetAmended`,
 * `CommitmentRecorded`, `SpendingRecorded`, `BudgetYearClosed`.
 *
 * @example
 * ```ts
 * import { Budget, Decider } from "cityhall"
 *
 * declare const commands: ReadonlyArray<Budget.ProgramBudget.Command>
 * Decider.run(Budget.ProgramBudget.decider, commands)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Decider as DeciderShape } from "../kernel/Decider.js"
import { ActorId, IndicatorId, ProgramId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import * as Period from "../kernel/Period.js"
import { Day, Year } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import { BudgetRuleViolation, decodeWith } from "./Errors.js"
import type { BudgetRule } from "./Errors.js"
import * as Money from "./Money.js"
import { Kopecks, PositiveKopecks } from "./Money.js"

// ---- data -------------------------------------------------------------------

/** What budget control needs of a program: its id, its period of whole years and its indicators. */
export class ProgramInfo extends Schema.Class<ProgramInfo>("BudgetProgramInfo")({
  id: ProgramId,
  from: Year,
  to: Year,
  indicators: Schema.Array(IndicatorId)
}) {}

/** An amount for each quarter of the year. */
export class QuarterAmounts extends Schema.Class<QuarterAmounts>("QuarterAmounts")({
  q1: Kopecks,
  q2: Kopecks,
  q3: Kopecks,
  q4: Kopecks
}) {}

/** A commitment or a payment: its reference (contract, payment order), day, amount and the indicator it serves, if any. */
export class Entry extends Schema.Class<Entry>("BudgetEntry")({
  ref: Name,
  on: Day,
  amount: PositiveKopecks,
  indicator: Schema.optionalWith(IndicatorId, { exact: true })
}) {}

/** The amounts of a {@link QuarterAmounts} in quarter order. */
export const quarterList = (q: QuarterAmounts): readonly [Kopecks, Kopecks, Kopecks, Kopecks] => [
  q.q1,
  q.q2,
  q.q3,
  q.q4
]

// ---- commands and events ----------------------------------------------------

const meta = { program: ProgramId, year: Year, at: Instant, actor: ActorId }

/** Opens the program's budget for a year with the planned budget by quarter. */
export class OpenProgramBudget extends Schema.TaggedClass<OpenProgramBudget>()("OpenProgramBudget", {
  ...meta,
  info: ProgramInfo,
  planned: QuarterAmounts
}) {}
/** Replaces the planned budget (a budget amendment). */
export class AmendPlannedBudget extends Schema.TaggedClass<AmendPlannedBudget>()("AmendPlannedBudget", {
  ...meta,
  planned: QuarterAmounts,
  reason: Name
}) {}
/** Records a commitment (a contract concluded). */
export class RecordCommitment extends Schema.TaggedClass<RecordCommitment>()("RecordCommitment", {
  ...meta,
  entry: Entry
}) {}
/** Records spending (a payment made). */
export class RecordSpending extends Schema.TaggedClass<RecordSpending>()("RecordSpending", { ...meta, entry: Entry }) {}
/** Closes the year after it ends. */
export class CloseBudgetYear extends Schema.TaggedClass<CloseBudgetYear>()("CloseBudgetYear", { ...meta, on: Day }) {}

/** Every command of a program's budget. */
export const Command = Schema.Union(
  OpenProgramBudget,
  AmendPlannedBudget,
  RecordCommitment,
  RecordSpending,
  CloseBudgetYear
)
/** @see Command */
export type Command = typeof Command.Type

/** The budget was opened. */
export class ProgramBudgetOpened extends Schema.TaggedClass<ProgramBudgetOpened>()("ProgramBudgetOpened", {
  ...meta,
  info: ProgramInfo,
  planned: QuarterAmounts
}) {}
/** The planned budget was amended. */
export class PlannedBudgetAmended extends Schema.TaggedClass<PlannedBudgetAmended>()("PlannedBudgetAmended", {
  ...meta,
  planned: QuarterAmounts,
  reason: Name
}) {}
/** A commitment was recorded. */
export class CommitmentRecorded extends Schema.TaggedClass<CommitmentRecorded>()("CommitmentRecorded", {
  ...meta,
  entry: Entry
}) {}
/** Spending was recorded. */
export class SpendingRecorded extends Schema.TaggedClass<SpendingRecorded>()("SpendingRecorded", {
  ...meta,
  entry: Entry
}) {}
/** The year was closed. */
export class BudgetYearClosed extends Schema.TaggedClass<BudgetYearClosed>()("BudgetYearClosed", {
  ...meta,
  on: Day
}) {}

/** Every event of a program's budget. */
export const Event = Schema.Union(
  ProgramBudgetOpened,
  PlannedBudgetAmended,
  CommitmentRecorded,
  SpendingRecorded,
  BudgetYearClosed
)
/** @see Event */
export type Event = typeof Event.Type

// ---- state ------------------------------------------------------------------

/** No budget yet. */
export class Unopened extends Schema.TaggedClass<Unopened>()("Unopened", {}) {}
/** A program's budget for a year. */
export class Opened extends Schema.TaggedClass<Opened>()("Opened", {
  info: ProgramInfo,
  year: Year,
  planned: QuarterAmounts,
  commitments: Schema.Array(Entry),
  spending: Schema.Array(Entry),
  closed: Schema.Boolean
}) {}

/** The state of a program's budget. */
export const State = Schema.Union(Unopened, Opened)
/** @see State */
export type State = typeof State.Type

/** The initial state. */
export const initialState: State = new Unopened()

// ---- decide -----------------------------------------------------------------

type Result = Either.Either<ReadonlyArray<Event>, BudgetRuleViolation>
const violation = (rule: BudgetRule, field: string, message: string): Result =>
  Either.left(new BudgetRuleViolation({ rule, field, message }))

const checkPlanned = (planned: QuarterAmounts): Result | undefined =>
  Money.sum(quarterList(planned)) === undefined
    ? violation("amountOverflow", "planned", "the planned quarters sum beyond the safe range of kopecks")
    : undefined

const checkEntry = (s: Opened, e: Entry, kind: "commitment" | "spending"): Result | undefined => {
  if (!Period.contains(s.year, e.on)) {
    return violation(
      "outsideYear",
      "entry.on",
      `${kind} on ${e.on} lies outside the budget year ${s.year} of program ${s.info.id} (${s.info.from}..${s.info.to})`
    )
  }
  if (e.indicator !== undefined && !s.info.indicators.includes(e.indicator)) {
    return violation(
      "unknownIndicator",
      "entry.indicator",
      `${e.indicator} is not an indicator of program ${s.info.id}`
    )
  }
  const entries = kind === "commitment" ? s.commitments : s.spending
  if (entries.some((x) => x.ref === e.ref))
    return violation("duplicateRef", "entry.ref", `${kind} ${e.ref} is already recorded`)
  if (Money.sum([...entries.map((x) => x.amount), e.amount]) === undefined) {
    return violation("amountOverflow", "entry.amount", `the ${kind} of the year would leave the safe range of kopecks`)
  }
  return undefined
}

/** Decides a command. */
export const decide = (c: Command, s: State): Result => {
  const m = { program: c.program, year: c.year, at: c.at, actor: c.actor }
  if (c._tag === "OpenProgramBudget") {
    if (s._tag === "Opened")
      return violation("alreadyOpened", "program", `the budget of program ${s.info.id} for ${s.year} is already opened`)
    if (c.info.id !== c.program)
      return violation("wrongStream", "info.id", `program info ${c.info.id} sent to the budget of program ${c.program}`)
    if (c.info.from > c.info.to)
      return violation(
        "badProgramYears",
        "info.to",
        `program ${c.info.id} ends in ${c.info.to}, before it starts in ${c.info.from}`
      )
    if (c.year < c.info.from || c.year > c.info.to) {
      return violation(
        "yearOutsideProgram",
        "year",
        `${c.year} lies outside program ${c.info.id} (${c.info.from}..${c.info.to})`
      )
    }
    const seen = new Set<string>()
    for (const [i, ind] of c.info.indicators.entries()) {
      if (seen.has(ind))
        return violation("duplicateIndicator", `info.indicators[${i}]`, `indicator ${ind} is listed twice`)
      seen.add(ind)
    }
    return (
      checkPlanned(c.planned) ?? Either.right([new ProgramBudgetOpened({ ...m, info: c.info, planned: c.planned })])
    )
  }
  if (s._tag === "Unopened")
    return violation("notOpened", "program", `the budget of program ${c.program} for ${c.year} is not opened`)
  if (c.program !== s.info.id)
    return violation(
      "wrongStream",
      "program",
      `command for program ${c.program} sent to the budget of program ${s.info.id}`
    )
  if (c.year !== s.year)
    return violation("wrongStream", "year", `command for ${c.year} sent to the budget for ${s.year}`)
  if (s.closed) return violation("closed", "year", `the budget of program ${s.info.id} for ${s.year} is closed`)
  switch (c._tag) {
    case "AmendPlannedBudget":
      return (
        checkPlanned(c.planned) ??
        Either.right([new PlannedBudgetAmended({ ...m, planned: c.planned, reason: c.reason })])
      )
    case "RecordCommitment":
      return checkEntry(s, c.entry, "commitment") ?? Either.right([new CommitmentRecorded({ ...m, entry: c.entry })])
    case "RecordSpending":
      return checkEntry(s, c.entry, "spending") ?? Either.right([new SpendingRecorded({ ...m, entry: c.entry })])
    case "CloseBudgetYear":
      return c.on > Period.lastDay(s.year)
        ? Either.right([new BudgetYearClosed({ ...m, on: c.on })])
        : violation(
            "yearNotOver",
            "on",
            `${s.year} runs to ${Period.lastDay(s.year)}; it closes after that, not on ${c.on}`
          )
  }
}

// ---- evolve -----------------------------------------------------------------

const fieldsOf = (s: Opened) => ({
  info: s.info,
  year: s.year,
  planned: s.planned,
  commitments: s.commitments,
  spending: s.spending,
  closed: s.closed
})

/** Applies an event. */
export const evolve = (s: State, e: Event): State => {
  if (e._tag === "ProgramBudgetOpened")
    return new Opened(
      { info: e.info, year: e.year, planned: e.planned, commitments: [], spending: [], closed: false },
      true
    )
  if (s._tag === "Unopened") return s
  switch (e._tag) {
    case "PlannedBudgetAmended":
      return new Opened({ ...fieldsOf(s), planned: e.planned }, true)
    case "CommitmentRecorded":
      return new Opened({ ...fieldsOf(s), commitments: [...s.commitments, e.entry] }, true)
    case "SpendingRecorded":
      return new Opened({ ...fieldsOf(s), spending: [...s.spending, e.entry] }, true)
    case "BudgetYearClosed":
      return new Opened({ ...fieldsOf(s), closed: true }, true)
  }
}

/** The decider of a program's budget for a year. */
export const decider: DeciderShape<Command, Event, State, BudgetRuleViolation> = { decide, evolve, initialState }

/** Decodes a command from outside data; a malformed one is an `InvalidBudgetCommand` naming the path. */
export const decodeCommand = decodeWith(Command)

/**
 * The budget's invariants, as messages (empty when all hold): the year lies
 * in the program's period; no commitment or payment lies outside the year
 * (hence the program's period) or names an indicator the program lacks;
 * references are unique.
 */
export const violations = (s: State): ReadonlyArray<string> => {
  if (s._tag === "Unopened") return []
  const out: Array<string> = []
  if (s.year < s.info.from || s.year > s.info.to)
    out.push(`year ${s.year} outside program ${s.info.from}..${s.info.to}`)
  for (const [kind, entries] of [
    ["commitment", s.commitments],
    ["spending", s.spending]
  ] as const) {
    for (const e of entries) {
      if (!Period.contains(s.year, e.on)) out.push(`${kind} ${e.ref} on ${e.on} outside ${s.year}`)
      if (e.indicator !== undefined && !s.info.indicators.includes(e.indicator))
        out.push(`${kind} ${e.ref} names unknown indicator ${e.indicator}`)
    }
    if (new Set(entries.map((e) => e.ref)).size !== entries.length) out.push(`a ${kind} reference is recorded twice`)
  }
  return out
}
