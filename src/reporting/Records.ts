/**
 * What a report reads: the records of every area, and reading them from a
 * store through the ports. Every entry point — the CLI's `report`, the
 * report pages of `serve` and the HTTP API's `GET /reports/annual/{year}` —
 * reads with {@link read} and writes with `AnnualReport.fromRecords` /
 * `MonthlyReport.fromRecords`, so one store gives one document on every path.
 *
 * {@link read} takes the appeals as figures of the read models' counters
 * (`Appeals.AppealFigures`, with {@link forAnnual}, {@link forMonthly} or
 * {@link forIndex}: the months a report shows, as of its day; no appeal
 * summary and no appeal event is read, so a report's cost does not grow
 * with the store) or as the rows of their read model
 * (`Appeals.AppealRecords.ByPeriod`, one summary row per appeal, with
 * {@link forYear} or a window), the organisation as the rows of its read
 * model (`Administration.OrganisationRecords.Versions`), and folds every
 * stream of the plan, election-calendar, suspension, reception, meeting,
 * publication-register, information-plan, program-budget, Methodological
 * Council and City Duma session categories into its state (paged through
 * the event log by category, so memory holds states, not events).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Period, Reporting } from "cityhall"
 *
 * const asOf = Period.unsafeDay("2020-12-31")
 * const report = Effect.map(Reporting.Records.read(Reporting.Records.forAnnual(2020, asOf)), (records) =>
 *   Reporting.AnnualReport.fromRecords(records, 2020, asOf, "ru")
 * )
 * ```
 *
 * @module
 */
import { Effect } from "effect"
import * as OrganisationHistory from "../administration/OrganisationHistory.js"
import * as OrganisationRecords from "../administration/OrganisationRecords.js"
import type * as Analysis from "../appeals/Analysis.js"
import * as AppealFigures from "../appeals/AppealFigures.js"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as BudgetRecords from "../budget/BudgetRecords.js"
import type * as ProgramBudget from "../budget/ProgramBudget.js"
import * as DumaRecords from "../duma/DumaRecords.js"
import type * as DumaSession from "../duma/Session.js"
import type * as ElectionCalendar from "../elections/ElectionCalendar.js"
import * as ElectionRecords from "../elections/ElectionRecords.js"
import type { CoverageReport } from "../information/Coverage.js"
import * as InformationRecords from "../information/InformationRecords.js"
import type { Publication } from "../information/Publication.js"
import * as PublicationRegister from "../information/PublicationRegister.js"
import type * as Organisation from "../kernel/Organisation.js"
import * as Period from "../kernel/Period.js"
import type { Day, Month } from "../kernel/Period.js"
import type * as Meeting from "../meetings/Meeting.js"
import * as MeetingRecords from "../meetings/MeetingRecords.js"
import type * as Reception from "../meetings/Reception.js"
import type * as Suspension from "../meetings/Suspension.js"
import type * as Council from "../methodology/Council.js"
import * as CouncilRecords from "../methodology/CouncilRecords.js"
import type * as Plan from "../planning/Plan.js"
import * as PlanRecords from "../planning/PlanRecords.js"
import * as Aggregate from "../ports/Aggregate.js"
import type { CorruptEvent, CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import { EventStore } from "../ports/EventStore.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"

/** The records a report reads, as summaries and folded states (from a store, or from a generator). */
export interface Records {
  /**
   * Appeal summaries (the pure path, and {@link read} with the `appeals`
   * option); empty when the appeals were read as {@link Records.appealFigures}.
   */
  readonly appeals: ReadonlyArray<Analysis.AppealSummary>
  /**
   * The appeals as figures read from the read models' counters
   * ({@link read} with the `figures` option: {@link forAnnual},
   * {@link forMonthly}, {@link forIndex}). When present, the reports read
   * these and not {@link Records.appeals}.
   */
  readonly appealFigures?: AppealFigures.AppealFigures
  readonly plans?: ReadonlyArray<Plan.State>
  readonly calendars?: ReadonlyArray<ElectionCalendar.ElectionCalendarState>
  readonly receptions?: ReadonlyArray<Reception.State>
  readonly meetings?: ReadonlyArray<Meeting.State>
  /** The suspensions of in-person receptions and meetings. */
  readonly suspensions?: ReadonlyArray<Suspension.SuspensionPeriod>
  /** Publications in force (the publication register). */
  readonly publications?: ReadonlyArray<Publication>
  /** Coverage reports of the closed monthly information plans. */
  readonly coverageReports?: ReadonlyArray<CoverageReport>
  /** Program budgets (one state per program and year). */
  readonly budgets?: ReadonlyArray<ProgramBudget.State>
  /** The Methodological Council's states (one per council stream, category `methodological_council`). */
  readonly councils?: ReadonlyArray<Council.State>
  /** The City Duma's sessions as the administration prepared them (one state per session stream, category `duma_session`). */
  readonly dumaSessions?: ReadonlyArray<DumaSession.State>
  /**
   * The stored organisation: its versions by the day each takes effect
   * (`Administration.OrganisationHistory`). A report names divisions and
   * officials by the version in force on its day ({@link organisationOn});
   * without one, ids print as they are.
   */
  readonly organisation?: ReadonlyArray<OrganisationHistory.OrganisationVersion>
}

/** The organisation in force on a day, by the records' versions (undefined when none is). */
export const organisationOn = (records: Records, day: Day): Organisation.Organisation | undefined =>
  OrganisationHistory.inForceOn(records.organisation ?? [], day)

/** Options of {@link read}. */
export interface ReadOptions {
  /**
   * Only the appeals registered between these days, inclusive (default:
   * every appeal). The other areas are read whole: their states span years.
   */
  readonly appeals?: { readonly from: Day; readonly to: Day }
  /**
   * The appeals as figures of these months as of a day, read from the
   * counters (`Appeals.AppealFigures.read`): no appeal summary is read, so
   * the cost does not grow with the store. Takes precedence over `appeals`.
   */
  readonly figures?: AppealFigures.Request
}

/** What the annual report of a year reads as summaries: the appeals of the year and of the previous year, everything else whole. */
export const forYear = (year: number): ReadOptions => ({
  appeals: { from: `${year - 1}-01-01` as Day, to: `${year}-12-31` as Day }
})

/** The months of a year and of the year before (what the annual report of the year shows). */
export const annualMonths = (year: number): ReadonlyArray<Month> => [
  ...Period.months(`${year - 1}` as Period.Year),
  ...Period.months(`${year}` as Period.Year)
]

/**
 * What the annual report of a year as of a day reads: the figures of the
 * months of the year and of the previous year from the counters, everything
 * else whole.
 */
export const forAnnual = (year: number, asOf: Day): ReadOptions => ({
  figures: { months: annualMonths(year), asOf }
})

/** The months a monthly analysis shows: the month, the month before (its recommendations followed), and the same months a year earlier. */
export const monthlyMonths = (month: Month): ReadonlyArray<Month> => {
  const before = Period.monthOf(Period.addDays(Period.firstDay(month), -1))
  return [month, Period.samePeriodPreviousYear(month) as Month, before, Period.samePeriodPreviousYear(before) as Month]
}

/** What the monthly analysis of a month as of a day reads: its months' figures and its monitoring totals, from the counters. */
export const forMonthly = (month: Month, asOf: Day): ReadOptions => ({
  figures: { months: monthlyMonths(month), asOf, monitoring: [month] }
})

/** What a list of the reports reads: how many appeals each month has, from the counters (no month analysed). */
export const forIndex: ReadOptions = { figures: { months: [], asOf: "1970-01-01" as Day, everyMonth: true } }

/** The years that have appeals, in order (from the figures when read, else from the summaries). */
export const appealYears = (records: Records): ReadonlyArray<number> =>
  records.appealFigures !== undefined
    ? AppealFigures.years(records.appealFigures)
    : [...new Set(records.appeals.map((a) => Number(a.registeredOn.slice(0, 4))))].sort((a, b) => a - b)

/** How many appeals the records hold (from the figures when read, else the summaries). */
export const appealCount = (records: Records): number =>
  records.appealFigures !== undefined ? AppealFigures.total(records.appealFigures) : records.appeals.length

/**
 * The appeal figures of records for a request: those read from the store
 * when the records have them, else computed from the summaries.
 */
export const appealFiguresOf = (records: Records, request: AppealFigures.Request): AppealFigures.AppealFigures => {
  const read = records.appealFigures
  if (read === undefined) return AppealFigures.fromSummaries(records.appeals, request)
  if (read.asOf !== request.asOf)
    throw new Error(`Records: the appeal figures were read as of ${read.asOf}, the report is as of ${request.asOf}`)
  return read
}

/** The failures of reading the records. */
export type ReadError = StorageError | CorruptEvent | CorruptRow | InvalidQuery

const PAGE = 20_000

/** Every stream of a definition's category folded into its state, paged through the event log. */
const fold = <C, E, S, Err, EI, CI>(
  definition: Aggregate.AggregateDefinition<C, E, S, Err, EI, CI>
): Effect.Effect<ReadonlyArray<S>, StorageError | CorruptEvent, EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const states = new Map<string, S>()
    let after = 0
    for (;;) {
      const page = yield* store.readAll(after, { categories: [definition.category], limit: PAGE })
      for (const s of page) {
        const e = yield* Aggregate.decodeEvent(definition, s)
        states.set(s.streamId, definition.decider.evolve(states.get(s.streamId) ?? definition.decider.initialState, e))
        after = s.position
      }
      if (page.length < PAGE) return [...states.values()]
    }
  })

/**
 * Reads the records from the store through the ports: the appeals' and the
 * organisation's read-model rows, and every other area's streams folded
 * into their states. The one way every entry point reads what a report
 * shows: the appeals from the counters with the `figures` option.
 */
export const read = (options: ReadOptions = {}): Effect.Effect<Records, ReadError, EventStore | ReadModels> =>
  Effect.gen(function* () {
    const window = options.appeals
    const figures = options.figures === undefined ? undefined : yield* AppealFigures.read(options.figures)
    const rows =
      figures !== undefined
        ? []
        : yield* Projection.query(AppealRecords.ByPeriod, {
            ...(window === undefined ? {} : { where: { registeredOn: { gte: window.from, lte: window.to } } }),
            orderBy: "registeredOn"
          })
    const organisation = yield* OrganisationRecords.versions
    const plans = yield* fold(PlanRecords.definition)
    const calendars = yield* fold(ElectionRecords.definition)
    const suspensions = (yield* fold(MeetingRecords.suspensionDefinition)).flatMap((s) => s.periods)
    const receptions = yield* fold(MeetingRecords.receptionDefinition)
    const meetings = yield* fold(MeetingRecords.meetingDefinition)
    const publications = (yield* fold(InformationRecords.registerDefinition)).flatMap((r) =>
      PublicationRegister.publications(r)
    )
    const coverageReports = (yield* fold(InformationRecords.planDefinition)).flatMap((p) =>
      p._tag === "Closed" ? [p.report] : []
    )
    return {
      appeals: rows.map((r) => AppealRecords.summaryOf(r.row)),
      ...(figures === undefined ? {} : { appealFigures: figures }),
      plans,
      calendars,
      receptions,
      meetings,
      suspensions,
      publications,
      coverageReports,
      budgets: yield* fold(BudgetRecords.definition),
      councils: yield* fold(CouncilRecords.definition),
      dumaSessions: yield* fold(DumaRecords.definition),
      organisation
    }
  })
