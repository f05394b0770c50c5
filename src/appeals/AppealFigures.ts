/**
 * The figures of appeals a report reads, by registration month: the monthly
 * analyses and the federal monitoring's totals of the months it shows, as of
 * its day, and for those months (or every month of the store, for a list
 * of the reports) how many appeals were registered and the latest day one
 * of them is due.
 *
 * Two ways to the same figures:
 *
 * - {@link read}: from the read models the appends maintain
 *   (`AppealRecords`' counters `appeals_monthly`, `appeals_profile`,
 *   `appeals_questions`, `appeals_due_days`, plus, per month shown, the rows
 *   of its open appeals already overdue and of its appeals closed after the
 *   day). No appeal row of the store is read beyond those, so the cost does
 *   not grow with the history: what the CLI's `report`, the report pages of
 *   `serve` and the API's `/reports/annual/{year}` read;
 * - {@link fromSummaries}: from appeal summaries (the pure path: a
 *   generator, or states folded from the event log).
 *
 * The contract kit and the tests hold the two equal on every store.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Appeals, Period } from "cityhall"
 *
 * const figures = Appeals.AppealFigures.read({
 *   months: [Period.unsafeMonth("2021-03"), Period.unsafeMonth("2020-03")],
 *   asOf: Period.unsafeDay("2021-04-05")
 * })
 * // Effect<AppealFigures, StorageError | CorruptRow | InvalidQuery, ReadModels>
 * ```
 *
 * @module
 */
import { Effect } from "effect"
import type * as Calendar from "../kernel/Calendar.js"
import * as Period from "../kernel/Period.js"
import type { Day, Month } from "../kernel/Period.js"
import type { CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"
import * as Analysis from "./Analysis.js"
import * as AppealRecords from "./AppealRecords.js"
import * as Monitoring from "./Monitoring.js"
import * as Topic from "./Topic.js"

/** The figures of appeals by registration month. */
export interface AppealFigures {
  /** The day the analyses and the monitoring totals are as of. */
  readonly asOf: Day
  /**
   * Appeals registered in each month that has any: of the months asked for
   * (analysed or monitored), or of every month of the store with
   * {@link Request.everyMonth}.
   */
  readonly registered: ReadonlyMap<Month, number>
  /** The latest answer due day of the appeals registered in each month of {@link AppealFigures.registered}. */
  readonly latestDue: ReadonlyMap<Month, Day>
  /** The analyses of the months asked for, as of {@link AppealFigures.asOf}. */
  readonly analyses: ReadonlyMap<Month, Analysis.Analysis>
  /** The monitoring totals of the months asked for, as of {@link AppealFigures.asOf}. */
  readonly monitoring: ReadonlyMap<Month, Monitoring.MonitoringTotals>
}

/** What figures to read: the months analysed and the months monitored, as of a day. */
export interface Request {
  readonly months: ReadonlyArray<Month>
  readonly asOf: Day
  /** The months whose monitoring totals are read (default none). */
  readonly monitoring?: ReadonlyArray<Month>
  /** Count the appeals of every month of the store (a list of the reports), not only of the months asked for. */
  readonly everyMonth?: boolean
}

/** The months whose appeals a request counts; undefined for every month. */
const countedMonths = (request: Request): ReadonlySet<Month> | undefined =>
  request.everyMonth === true ? undefined : new Set([...request.months, ...(request.monitoring ?? [])])

/** A month's analysis from the figures; a month that was not read is a defect of the caller. */
export const analysisOf = (figures: AppealFigures, month: Month): Analysis.Analysis => {
  const a = figures.analyses.get(month)
  if (a === undefined) throw new Error(`AppealFigures: the analysis of ${month} was not read (as of ${figures.asOf})`)
  return a
}

/** A month's monitoring totals from the figures; a month that was not read is a defect of the caller. */
export const monitoringOf = (figures: AppealFigures, month: Month): Monitoring.MonitoringTotals => {
  const m = figures.monitoring.get(month)
  if (m === undefined) throw new Error(`AppealFigures: the monitoring of ${month} was not read (as of ${figures.asOf})`)
  return m
}

/** The years that have appeals, in order. */
export const years = (figures: AppealFigures): ReadonlyArray<number> =>
  [...new Set([...figures.registered.keys()].map((m) => Number(m.slice(0, 4))))].sort((a, b) => a - b)

/** Every appeal of the store. */
export const total = (figures: AppealFigures): number => {
  let n = 0
  for (const k of figures.registered.values()) n += k
  return n
}

/**
 * The day after which the due dates of a period's appeals rest on a
 * provisional calendar year: the calendar's last official day, when any
 * appeal registered in the period is due after it; otherwise undefined.
 */
export const provisionalAfter = (
  figures: AppealFigures,
  calendar: Calendar.ProductionCalendar,
  period: Month | Period.Quarter | Period.Year
): Day | undefined => {
  const through = calendar.officialThrough ?? ("2018-12-31" as Day)
  for (const m of Period.months(period)) {
    const due = figures.latestDue.get(m)
    if (due !== undefined && due > through) return through
  }
  return undefined
}

const zero = (): Record<Monitoring.MonitoringStatus, number> =>
  Object.fromEntries(Monitoring.STATUSES.map((s) => [s, 0])) as Record<Monitoring.MonitoringStatus, number>

const sortedKeys = <V>(r: Record<string, V>): Record<string, V> => {
  const out: Record<string, V> = {}
  for (const k of Object.keys(r).sort()) out[k] = r[k]!
  return out
}

/** Monitoring totals from questions counted by section and status. */
const totalsOf = (
  appeals: number,
  questions: Iterable<readonly [section: string, status: Monitoring.MonitoringStatus, count: number]>
): Monitoring.MonitoringTotals => {
  const byStatus = zero()
  const bySection: Record<string, number> = {}
  const bySectionStatus: Record<string, Record<Monitoring.MonitoringStatus, number>> = {}
  let n = 0
  for (const [section, status, count] of questions) {
    if (count === 0) continue
    n += count
    byStatus[status] += count
    bySection[section] = (bySection[section] ?? 0) + count
    const s = (bySectionStatus[section] ??= zero())
    s[status] += count
  }
  for (const section of Object.keys(bySection))
    if (bySection[section] === 0) {
      delete bySection[section]
      delete bySectionStatus[section]
    }
  return new Monitoring.MonitoringTotals(
    {
      appeals,
      questions: n,
      byStatus,
      bySection: sortedKeys(bySection),
      bySectionStatus: sortedKeys(bySectionStatus)
    },
    true
  )
}

/** The figures from appeal summaries (the pure path). */
export const fromSummaries = (summaries: ReadonlyArray<Analysis.AppealSummary>, request: Request): AppealFigures => {
  const byMonth = new Map<Month, Array<Analysis.AppealSummary>>()
  const latestDue = new Map<Month, Day>()
  for (const s of summaries) {
    const m = Period.monthOf(s.registeredOn)
    const list = byMonth.get(m)
    if (list === undefined) byMonth.set(m, [s])
    else list.push(s)
    const due = latestDue.get(m)
    if (due === undefined || s.answerDue > due) latestDue.set(m, s.answerDue)
  }
  const counted = countedMonths(request)
  const registered = new Map<Month, number>()
  for (const m of [...byMonth.keys()].sort())
    if (counted === undefined || counted.has(m)) registered.set(m, byMonth.get(m)!.length)
  for (const m of latestDue.keys()) if (!registered.has(m)) latestDue.delete(m)
  return {
    asOf: request.asOf,
    registered,
    latestDue,
    analyses: new Map(request.months.map((m) => [m, Analysis.analyse(byMonth.get(m) ?? [], m, request.asOf)])),
    monitoring: new Map(
      (request.monitoring ?? []).map((m) => [m, Monitoring.report(byMonth.get(m) ?? [], m, request.asOf).totals])
    )
  }
}

type ReadError = StorageError | CorruptRow | InvalidQuery

/** A month's monitoring totals as of a day from the questions' counter and the month's appeals closed after the day. */
const readMonitoring = (
  month: Month,
  asOf: Day,
  appeals: number
): Effect.Effect<Monitoring.MonitoringTotals, ReadError, ReadModels> =>
  Effect.gen(function* () {
    const counted = yield* Projection.read(AppealRecords.Questions, { month })
    const counts = new Map<string, number>()
    const key = (section: string, status: string) => `${section}\u0000${status}`
    for (const { dimensions: d, value } of counted) counts.set(key(d.section, d.status), value)
    // closed after the day: its questions were still under consideration on it
    const closedLater = yield* Projection.query(AppealRecords.ClosedAppeals, {
      where: { month, closedOn: { gt: asOf } }
    })
    const FINAL = "9999-12-31" as Day
    for (const { row } of closedLater)
      for (const topic of row.topics) {
        const section = Topic.atLevel(topic, 1)
        const from = key(section, Monitoring.statusOf(row, topic, FINAL))
        const to = key(section, "underConsideration")
        counts.set(from, (counts.get(from) ?? 0) - 1)
        counts.set(to, (counts.get(to) ?? 0) + 1)
      }
    return totalsOf(
      appeals,
      [...counts].map(([k, n]) => {
        const [section, status] = k.split("\u0000") as [string, Monitoring.MonitoringStatus]
        return [section, status, n] as const
      })
    )
  })

/**
 * The figures from the read models: the counters of the months asked for,
 * the rows of their open appeals overdue on the day and of their appeals
 * closed after it, and the due-day counter of those months (of every month
 * with {@link Request.everyMonth}).
 */
export const read = (request: Request): Effect.Effect<AppealFigures, ReadError, ReadModels> =>
  Effect.gen(function* () {
    const counted = countedMonths(request)
    // every month's due days (a few rows a month) for a list, else only the months asked for (a prefix each)
    const dues =
      counted === undefined
        ? yield* Projection.read(AppealRecords.DueDays)
        : (yield* Effect.forEach([...counted].sort(), (month) =>
            Projection.read(AppealRecords.DueDays, { month })
          )).flat()
    const registered = new Map<Month, number>()
    const latestDue = new Map<Month, Day>()
    for (const { dimensions: d, value } of dues) {
      if (value === 0) continue
      const m = d.month as Month
      registered.set(m, (registered.get(m) ?? 0) + value)
      const due = latestDue.get(m)
      if (due === undefined || d.answerDue > due) latestDue.set(m, d.answerDue as Day)
    }
    const months = [...new Set(request.months)]
    const analyses = new Map<Month, Analysis.Analysis>()
    for (const m of months) analyses.set(m, yield* AppealRecords.analyseMonth(m, request.asOf))
    const monitoring = new Map<Month, Monitoring.MonitoringTotals>()
    for (const m of new Set(request.monitoring ?? []))
      monitoring.set(m, yield* readMonitoring(m, request.asOf, registered.get(m) ?? 0))
    return {
      asOf: request.asOf,
      registered: new Map([...registered].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      latestDue,
      analyses,
      monitoring
    }
  })
