/**
 * Budget control of a program's year: planned budget, commitments and
 * spending by quarter; spending and achievement per indicator (indicators
 * achieved per rouble); and flags for spending without an indicator,
 * indicators without spending, and under- or over-execution beyond a
 * configurable threshold.
 *
 * Quarterly figures are sums of the entries dated in each quarter, so the
 * four quarters always sum to the year. With `asOf`, only entries up to
 * that day count, and execution is judged only for quarters (and the year)
 * that have ended by then.
 *
 * Execution compares spending with the planned budget:
 * `spent < planned × (1 − threshold)` is under-execution,
 * `spent > planned × (1 + threshold)` over-execution (any spending against a
 * zero plan is over-execution). The comparison is exact (integer kopecks
 * and basis points in BigInt).
 *
 * @example
 * ```ts
 * import { Budget } from "cityhall"
 *
 * declare const state: Budget.ProgramBudget.Opened
 * const report = Budget.Control.control(state, { thresholdPercent: 5 })
 * report.flags // e.g. [{ _tag: "UnderExecution", period: "2021-Q2", ... }]
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { IndicatorId, ProgramId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day, Quarter, Year } from "../kernel/Period.js"
import * as Money from "./Money.js"
import { Kopecks } from "./Money.js"
import type { Entry, Opened } from "./ProgramBudget.js"
import { quarterList } from "./ProgramBudget.js"

/** The figures of one quarter. */
export class QuarterFigures extends Schema.Class<QuarterFigures>("BudgetQuarterFigures")({
  quarter: Quarter,
  planned: Kopecks,
  committed: Kopecks,
  spent: Kopecks
}) {}

/** An indicator's achieved value for the year (from the planning area's actuals). */
export class IndicatorResult extends Schema.Class<IndicatorResult>("IndicatorResult")({
  indicator: IndicatorId,
  achieved: Money.Quantity
}) {}

/** Spending and achievement of one indicator. */
export class IndicatorFigures extends Schema.Class<IndicatorFigures>("BudgetIndicatorFigures")({
  indicator: IndicatorId,
  spent: Kopecks,
  achieved: Schema.optionalWith(Money.Quantity, { exact: true }),
  /** Units achieved per rouble spent on the indicator (when both are known and spending is not zero). */
  perRouble: Schema.optionalWith(Money.Quantity, { exact: true })
}) {}

/** The period execution is judged over. */
export const ExecutionPeriod = Schema.Union(Quarter, Year)
/** @see ExecutionPeriod */
export type ExecutionPeriod = typeof ExecutionPeriod.Type

/** Spending not tied to any indicator. */
export class SpendingWithoutIndicator extends Schema.TaggedClass<SpendingWithoutIndicator>()(
  "SpendingWithoutIndicator",
  {
    amount: Kopecks,
    refs: Schema.Array(Schema.String)
  }
) {}
/** An indicator of the program with no spending on it. */
export class IndicatorWithoutSpending extends Schema.TaggedClass<IndicatorWithoutSpending>()(
  "IndicatorWithoutSpending",
  { indicator: IndicatorId }
) {}
/** Spending below the plan beyond the threshold. */
export class UnderExecution extends Schema.TaggedClass<UnderExecution>()("UnderExecution", {
  period: ExecutionPeriod,
  planned: Kopecks,
  spent: Kopecks,
  executionPercent: Schema.optionalWith(Money.Percent, { exact: true })
}) {}
/** Spending above the plan beyond the threshold. */
export class OverExecution extends Schema.TaggedClass<OverExecution>()("OverExecution", {
  period: ExecutionPeriod,
  planned: Kopecks,
  spent: Kopecks,
  executionPercent: Schema.optionalWith(Money.Percent, { exact: true })
}) {}

/** A flag of budget control. */
export const Flag = Schema.Union(SpendingWithoutIndicator, IndicatorWithoutSpending, UnderExecution, OverExecution)
/** @see Flag */
export type Flag = typeof Flag.Type

/** The control report of a program's year. */
export class ControlReport extends Schema.Class<ControlReport>("BudgetControlReport")({
  program: ProgramId,
  year: Year,
  asOf: Schema.optionalWith(Day, { exact: true }),
  thresholdPercent: Money.Percent.pipe(Schema.lessThanOrEqualTo(100)),
  planned: Kopecks,
  committed: Kopecks,
  spent: Kopecks,
  executionPercent: Schema.optionalWith(Money.Percent, { exact: true }),
  quarters: Schema.Array(QuarterFigures),
  indicators: Schema.Array(IndicatorFigures),
  flags: Schema.Array(Flag)
}) {}

/** Options of {@link control}. */
export interface ControlOptions {
  /** Allowed deviation of spending from the plan, in percent (0..100, at most two decimals count). Default 10. */
  readonly thresholdPercent?: number
  /** Count entries up to this day only, and judge execution only for periods ended by then. */
  readonly asOf?: Day
  /** Indicators' achieved values for the year. */
  readonly results?: ReadonlyArray<IndicatorResult>
}

// Totals are checked against the safe range when entries are recorded; the fallback is never reached by an accepted history.
const sumOf = (amounts: ReadonlyArray<Kopecks>): Kopecks => Money.sum(amounts) ?? (Number.MAX_SAFE_INTEGER as Kopecks)
const total = (entries: ReadonlyArray<Entry>): Kopecks => sumOf(entries.map((e) => e.amount))

/** Whether spending deviates from the plan beyond a threshold (basis points): under, over, or neither. */
export const deviation = (
  planned: Kopecks,
  spent: Kopecks,
  thresholdBasisPoints: number
): "under" | "over" | undefined => {
  const p = BigInt(planned) * 10_000n,
    s = BigInt(spent) * 10_000n,
    t = BigInt(thresholdBasisPoints)
  if (planned === 0) return spent > 0 ? "over" : undefined
  if (s < p - BigInt(planned) * t) return "under"
  if (s > p + BigInt(planned) * t) return "over"
  return undefined
}

const pctOpt = (spent: Kopecks, planned: Kopecks) => {
  const p = Money.percent(spent, planned)
  return p === undefined ? {} : { executionPercent: p }
}

/** The control report of a program's year. */
export const control = (s: Opened, options: ControlOptions = {}): ControlReport => {
  const wanted = options.thresholdPercent ?? 10
  const threshold = Number.isFinite(wanted) ? Math.min(100, Math.max(0, wanted)) + 0 : 10
  const bp = Math.round(threshold * 100)
  const asOf = options.asOf
  const counted = (entries: ReadonlyArray<Entry>) =>
    asOf === undefined ? entries : entries.filter((e) => e.on <= asOf)
  const commitments = counted(s.commitments),
    spending = counted(s.spending)
  const quarters = (Period.children(s.year) as ReadonlyArray<Quarter>).map((quarter, i) => {
    const inQ = (e: Entry) => Period.quarterOf(e.on) === quarter
    return new QuarterFigures({
      quarter,
      planned: quarterList(s.planned)[i]!,
      committed: total(commitments.filter(inQ)),
      spent: total(spending.filter(inQ))
    })
  })
  const planned = sumOf(quarters.map((q) => q.planned))
  const spent = total(spending)
  const committed = total(commitments)
  const results = new Map((options.results ?? []).map((r) => [r.indicator as string, r.achieved]))
  const indicators = s.info.indicators.map((indicator) => {
    const on = total(spending.filter((e) => e.indicator === indicator))
    const achieved = results.get(indicator)
    return new IndicatorFigures({
      indicator,
      spent: on,
      ...(achieved === undefined ? {} : { achieved }),
      ...(achieved === undefined || on === 0 ? {} : { perRouble: (achieved * 100) / on })
    })
  })
  const flags: Array<Flag> = []
  const untied = spending.filter((e) => e.indicator === undefined)
  if (untied.length > 0)
    flags.push(new SpendingWithoutIndicator({ amount: total(untied), refs: untied.map((e) => e.ref) }))
  for (const f of indicators) if (f.spent === 0) flags.push(new IndicatorWithoutSpending({ indicator: f.indicator }))
  const ended = (p: ExecutionPeriod) => asOf === undefined || Period.lastDay(p) <= asOf
  const judge = (period: ExecutionPeriod, p: Kopecks, x: Kopecks) => {
    if (!ended(period)) return
    const d = deviation(p, x, bp)
    if (d === "under") flags.push(new UnderExecution({ period, planned: p, spent: x, ...pctOpt(x, p) }))
    if (d === "over") flags.push(new OverExecution({ period, planned: p, spent: x, ...pctOpt(x, p) }))
  }
  for (const q of quarters) judge(q.quarter, q.planned, q.spent)
  judge(s.year, planned, spent)
  return new ControlReport({
    program: s.info.id,
    year: s.year,
    ...(asOf === undefined ? {} : { asOf }),
    thresholdPercent: threshold,
    planned,
    committed,
    spent,
    ...pctOpt(spent, planned),
    quarters,
    indicators,
    flags
  })
}
