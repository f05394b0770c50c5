/**
 * The annual report of the organisational work of a city administration,
 * built from the areas' records of a year and of the previous year.
 *
 * Two pure steps: {@link figures} computes every number of the report from
 * the inputs (appeal analyses month by month, plan and election calendar
 * states, reception and meeting statistics), and {@link document} writes
 * them as a {@link ReportDocument.ReportDocument} in Russian or English —
 * rendered by `ReportDocument.toJson`, `toMarkdown` and `toHtml`.
 * {@link fromRecords} does all of it from the records a store holds
 * (`Records.read`): the one path of the CLI, the report pages and the HTTP
 * API.
 *
 * A section appears when its input is given; nothing is ever filled in.
 * Each section is its own module under `annual/`, taking only its own
 * figures: personal receptions, appeals (total by channel with the change
 * on the previous year, by month and channel year on year as a chart, main
 * topics, on-time rate, recommendations and the measures planned on the
 * hottest topics, the recommendations flagged without a measure by their
 * deadline and the topics' appeals before and after their measures),
 * information meetings, planning (annual and monthly plans
 * by division, overdue activities, program indicators, Address measures by
 * quarter), elections (tasks done on time, violations), information work,
 * budget control, methodological support (the Methodological Council's
 * sessions, decisions, manuals approved, returned and sent out) and City
 * Duma support (sessions, draft decisions on time, late and not submitted,
 * decisions adopted and rejected, follow-up instructions by division), and
 * the tasks for the next year («Задачи на YYYY год»: the next year's annual
 * plan items and Address measures, the elections voted in it with their
 * main deadlines, the programs starting or ending in it).
 *
 * Divisions and officials are named by the organisation in force on the
 * report's day (`Records.organisationOn`), in the report's language; an id
 * nothing names prints as it is.
 *
 * @example
 * ```ts
 * import { Appeals, Period, Reporting } from "cityhall"
 *
 * declare const summaries: ReadonlyArray<Appeals.Analysis.AppealSummary>
 * const input = Reporting.AnnualReport.fromSummaries(summaries, 2020, Period.unsafeDay("2020-12-31"))
 * const doc = Reporting.AnnualReport.document(Reporting.AnnualReport.figures(input), "ru")
 * Reporting.ReportDocument.toMarkdown(doc) // "# Отчёт об организационной работе … за 2020 год\n…"
 * ```
 *
 * @module
 */
import type * as Analysis from "../appeals/Analysis.js"
import * as AppealFigures from "../appeals/AppealFigures.js"
import type * as BudgetControl from "../budget/Control.js"
import type * as DumaFigures from "../duma/Figures.js"
import type * as InformationFigures from "../information/Figures.js"
import type * as Calendar from "../kernel/Calendar.js"
import type * as Organisation from "../kernel/Organisation.js"
import type * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import type * as TimeZone from "../kernel/TimeZone.js"
import type * as MethodologyFigures from "../methodology/Figures.js"
import * as Appeals from "./annual/AppealsSection.js"
import * as Budget from "./annual/BudgetSection.js"
import * as Duma from "./annual/DumaSection.js"
import * as Elections from "./annual/ElectionsSection.js"
import * as Information from "./annual/InformationSection.js"
import * as Meetings from "./annual/MeetingsSection.js"
import * as Methodology from "./annual/MethodologySection.js"
import * as NextYear from "./annual/NextYearSection.js"
import * as Planning from "./annual/PlanningSection.js"
import * as Receptions from "./annual/ReceptionsSection.js"
import * as Dates from "./Dates.js"
import { t } from "./internal/Prose.js"
import * as Names from "./Names.js"
import type { Lang } from "./Plural.js"
import { annualMonths, appealFiguresOf, organisationOn, type Records as StoredRecords } from "./Records.js"
import * as R from "./ReportDocument.js"
import * as Text from "./Text.js"

export {
  appealsFromSummaries,
  CHANNELS,
  provisionalAfterOf,
  provisionalNote
} from "./annual/AppealsSection.js"
export type { EffectFigure, FollowedFigure, LoopFigures } from "./annual/LoopSection.js"
export type {
  AppealsFigures,
  AppealsInput,
  MeasureFigure,
  Pair,
  TopicFigure
} from "./annual/AppealsSection.js"
export { budgetsOf } from "./annual/BudgetSection.js"
export { dumaOf } from "./annual/DumaSection.js"
export type { ElectionsFigures, ElectionsInput } from "./annual/ElectionsSection.js"
export { informationOf } from "./annual/InformationSection.js"
export { meetingsOf } from "./annual/MeetingsSection.js"
export type { DispositionKind, MeetingsInput } from "./annual/MeetingsSection.js"
export { methodologyOf } from "./annual/MethodologySection.js"
export { nextYearOf } from "./annual/NextYearSection.js"
export type { NextCalendar, NextElection, NextYearFigures } from "./annual/NextYearSection.js"
export { appearing } from "./annual/PlanningSection.js"
export type { DivisionExecution, PlanningFigures, PlanningInput } from "./annual/PlanningSection.js"
export { receptionsOf } from "./annual/ReceptionsSection.js"
export type { OfficialFigure, ReceptionsInput } from "./annual/ReceptionsSection.js"

/** The records the report reads (see `Records.Records`). */
export type Records = StoredRecords

// ---------------------------------------------------------------------------
// Input and figures

/** Everything the report is built from. */
export interface Input {
  readonly year: number
  /** The day the report is made: timeliness, overdue activities and violations are judged as of it, and only plans that existed by it appear. */
  readonly asOf: Day
  readonly appeals: Appeals.AppealsInput
  readonly receptions?: Receptions.ReceptionsInput
  readonly meetings?: Meetings.MeetingsInput
  readonly planning?: Planning.PlanningInput
  readonly elections?: Elections.ElectionsInput
  /** Information work of the year: publications by channel and rubric, hot topics covered. */
  readonly information?: InformationFigures.AnnualFigures
  /** Budget control of the municipal programs for the year (one report per program). */
  readonly budgets?: ReadonlyArray<BudgetControl.ControlReport>
  /** Methodological support of the year: the Methodological Council's sessions, decisions, manuals approved and sent out. */
  readonly methodology?: MethodologyFigures.AnnualFigures
  /** City Duma support of the year: sessions, draft decisions, decisions, follow-up instructions. */
  readonly duma?: DumaFigures.AnnualFigures
  /** The organisation in force on the report's day: divisions and officials are named by it. */
  readonly organisation?: Organisation.Organisation
  /** Display names of divisions by id given by the caller (before the organisation's; the id is shown when neither names it). */
  readonly divisionNames?: ReadonlyMap<string, string>
  /** Display names of elections by id. */
  readonly electionNames?: ReadonlyMap<string, string>
  /** The last day of official production-calendar data, when due dates of the year's appeals fall after it (see {@link provisionalAfterOf}). */
  readonly provisionalAfter?: Day
  /** The administration's zone: the day a plan was created is read in it (default Khabarovsk time). */
  readonly timeZone?: TimeZone.TimeZoneName
}

/** An {@link Input} with appeals only, from summaries. */
export const fromSummaries = (summaries: ReadonlyArray<Analysis.AppealSummary>, year: number, asOf: Day): Input => ({
  year,
  asOf,
  appeals: Appeals.appealsFromSummaries(summaries, year, asOf)
})

/** Every figure of the report. */
export interface Figures {
  readonly year: number
  readonly asOf: Day
  readonly appeals: Appeals.AppealsFigures
  readonly receptions: Receptions.ReceptionsInput | undefined
  readonly meetings: Meetings.MeetingsInput | undefined
  readonly planning: Planning.PlanningFigures | undefined
  readonly elections: Elections.ElectionsFigures | undefined
  readonly information: InformationFigures.AnnualFigures | undefined
  readonly budgets: ReadonlyArray<BudgetControl.ControlReport> | undefined
  readonly methodology: MethodologyFigures.AnnualFigures | undefined
  readonly duma: DumaFigures.AnnualFigures | undefined
  /** The municipal programs' titles by id, from the strategic plans (budget control names programs by them). */
  readonly programNames?: ReadonlyMap<string, string>
  /** The tasks for the next year (annual plan items, Address measures, elections, programs), when the records hold any. */
  readonly nextYear?: NextYear.NextYearFigures | undefined
  /** The names the caller gave divisions (before the organisation's). */
  readonly divisionNames: ReadonlyMap<string, string>
  /** The organisation in force on the report's day, when one is known. */
  readonly organisation: Organisation.Organisation | undefined
}

/** Computes every figure of the report from the inputs (pure). */
export const figures = (input: Input): Figures => {
  const { year, asOf } = input
  const plans = input.planning === undefined ? [] : Planning.appearing(input.planning.plans, year, asOf, input.timeZone)
  return {
    year,
    asOf,
    appeals: Appeals.figures(
      input.appeals,
      year,
      asOf,
      plans,
      input.provisionalAfter,
      input.planning?.plans ?? [],
      input.timeZone
    ),
    receptions: input.receptions,
    meetings: input.meetings,
    // a year in which no plan is in force has no planning section (sections without records are left out)
    planning:
      input.planning === undefined || plans.length === 0
        ? undefined
        : Planning.figures(year, asOf, input.planning, input.timeZone),
    elections:
      input.elections === undefined
        ? undefined
        : Elections.figures(year, asOf, input.elections, input.electionNames ?? new Map()),
    information: input.information,
    budgets: input.budgets === undefined || input.budgets.length === 0 ? undefined : input.budgets,
    methodology: input.methodology,
    duma: input.duma,
    programNames: new Map(
      (input.planning?.plans ?? []).flatMap((s) =>
        s._tag === "Opened" && s.kind === "strategic"
          ? s.inForce.flatMap((n) => (n._tag === "Program" ? [[n.id as string, n.title] as const] : []))
          : []
      )
    ),
    nextYear: NextYear.nextYearOf(
      year,
      asOf,
      input.planning?.plans ?? [],
      input.elections?.calendars ?? [],
      input.electionNames,
      input.timeZone
    ),
    divisionNames: input.divisionNames ?? new Map(),
    organisation: input.organisation
  }
}

// ---------------------------------------------------------------------------
// The document

/** Writes the figures as a report document in `lang`, each section from its own figures. */
export const document = (f: Figures, lang: Lang): R.ReportDocument => {
  const names = Names.make(f.organisation, lang, f.divisionNames)
  return new R.ReportDocument({
    lang,
    title: Text.message(lang, "annualReportTitle", { year: f.year }),
    subtitle: t(lang, `Данные на ${Dates.day(lang, f.asOf)}`, `Figures as of ${Dates.day(lang, f.asOf)}`),
    sections: [
      ...(f.receptions === undefined ? [] : [Receptions.section(f.receptions, f.year, lang, names)]),
      // no appeal in the year nor in the previous one: the section is left out like any section without records
      ...(f.appeals.total.current === 0 && f.appeals.total.previous === 0
        ? []
        : [Appeals.section(f.appeals, f.year, f.asOf, lang, names)]),
      ...(f.meetings === undefined ? [] : [Meetings.section(f.meetings, lang)]),
      ...(f.planning === undefined ? [] : [Planning.section(f.planning, f.year, lang, names)]),
      ...(f.elections === undefined ? [] : [Elections.section(f.elections, lang)]),
      ...(f.information === undefined ? [] : [Information.section(f.information, lang)]),
      ...(f.budgets === undefined ? [] : [Budget.section(f.budgets, lang, (id) => f.programNames?.get(id) ?? id)]),
      ...(f.methodology === undefined ? [] : [Methodology.section(f.methodology, lang)]),
      ...(f.duma === undefined ? [] : [Duma.section(f.duma, lang, names)]),
      ...(f.nextYear === undefined ? [] : [NextYear.section(f.nextYear, lang, names)])
    ]
  })
}

/** The report of an input in a language: {@link document} of {@link figures}. */
export const build = (input: Input, lang: Lang): R.ReportDocument => document(figures(input), lang)

// ---------------------------------------------------------------------------
// From records

/** Options of {@link inputOf} and {@link fromRecords}. */
export interface Options {
  /** Names of divisions by id that come before the organisation's. */
  readonly divisions?: ReadonlyMap<string, string>
  /** Names of elections by id. */
  readonly elections?: ReadonlyMap<string, string>
  /** The production calendar in force: due dates after its official data are noted as provisional. */
  readonly calendar?: Calendar.ProductionCalendar
  /** The administration's zone (default Khabarovsk time). */
  readonly timeZone?: TimeZone.TimeZoneName
}

const optional = <K extends string, A>(key: K, value: A | undefined): { [k in K]?: A } =>
  value === undefined ? {} : ({ [key]: value } as { [k in K]: A })

/**
 * The input of the report of `year` as of `asOf` from records: the appeals'
 * monthly analyses, and the plans, election calendars, receptions (people
 * received from the reception cards), information meetings, information
 * work, program budgets, the Methodological Council and the City Duma's
 * sessions when there are any; the organisation in force on `asOf`.
 */
export const inputOf = (records: Records, year: number, asOf: Day, options: Options = {}): Input => {
  const figures = appealFiguresOf(records, { months: annualMonths(year), asOf })
  return {
    year,
    asOf,
    appeals: Appeals.appealsFromFigures(figures, year),
    ...(records.plans === undefined || records.plans.length === 0 ? {} : { planning: { plans: records.plans } }),
    ...(records.calendars === undefined || records.calendars.length === 0
      ? {}
      : { elections: { calendars: records.calendars } }),
    ...optional(
      "receptions",
      records.receptions === undefined
        ? undefined
        : Receptions.receptionsOf(records.receptions, year, records.suspensions)
    ),
    ...optional("meetings", records.meetings === undefined ? undefined : Meetings.meetingsOf(records.meetings, year)),
    ...optional(
      "information",
      records.publications === undefined && records.coverageReports === undefined
        ? undefined
        : Information.informationOf(records.publications ?? [], records.coverageReports ?? [], year)
    ),
    ...(records.budgets === undefined || records.budgets.length === 0
      ? {}
      : { budgets: Budget.budgetsOf(records.budgets, year, asOf) }),
    ...optional(
      "methodology",
      records.councils === undefined ? undefined : Methodology.methodologyOf(records.councils, year)
    ),
    ...optional("duma", records.dumaSessions === undefined ? undefined : Duma.dumaOf(records.dumaSessions, year)),
    ...optional("organisation", organisationOn(records, asOf)),
    ...optional("divisionNames", options.divisions),
    ...optional("electionNames", options.elections),
    ...optional(
      "provisionalAfter",
      options.calendar === undefined
        ? undefined
        : AppealFigures.provisionalAfter(figures, options.calendar, `${year}` as Period.Year)
    ),
    ...optional("timeZone", options.timeZone)
  }
}

/**
 * The annual report of `year` as of `asOf` in `lang` from records: what the
 * CLI's `report annual`, the report pages of `serve` and the HTTP API's
 * `GET /reports/annual/{year}` all answer, so one store gives one document.
 */
export const fromRecords = (
  records: Records,
  year: number,
  asOf: Day,
  lang: Lang,
  options: Options = {}
): R.ReportDocument => build(inputOf(records, year, asOf, options), lang)
