/**
 * The annual report of the organisational work of a city administration,
 * built from the areas' records of a year and of the previous year.
 *
 * Two pure steps: {@link figures} computes every number of the report from
 * the inputs (appeal analyses month by month, plan and election calendar
 * states, reception and meeting statistics), and {@link document} writes
 * them as a {@link ReportDocument.ReportDocument} in Russian or English —
 * rendered by `ReportDocument.toJson`, `toMarkdown` and `toHtml`.
 *
 * A section appears when its input is given; nothing is ever filled in.
 * Sections: personal receptions, appeals (total by channel with the change
 * on the previous year, by month and channel year on year as a chart, main
 * topics, on-time rate, recommendations and the measures planned on the
 * hottest topics), information meetings, planning (annual and monthly plans
 * by division, overdue activities, program indicators, Address measures by
 * quarter), elections (tasks done on time, violations), information work,
 * budget control, methodological support (the Methodological Council's
 * sessions, decisions, manuals approved, returned and sent out) and City
 * Duma support (sessions, draft decisions on time, late and not submitted,
 * decisions adopted and rejected, follow-up instructions by division).
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
import * as Analysis from "../appeals/Analysis.js"
import * as BudgetControl from "../budget/Control.js"
import type * as ProgramBudget from "../budget/ProgramBudget.js"
import type { CoverageReport } from "../information/Coverage.js"
import * as InformationFigures from "../information/Figures.js"
import type { Publication } from "../information/Publication.js"
import * as Topic from "../appeals/Topic.js"
import * as DumaFigures from "../duma/Figures.js"
import type * as DumaSession from "../duma/Session.js"
import * as ElectionCalendar from "../elections/ElectionCalendar.js"
import type * as Compliance from "../elections/Compliance.js"
import type * as Calendar from "../kernel/Calendar.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import * as Indicator from "../planning/Indicator.js"
import type * as Meeting from "../meetings/Meeting.js"
import type * as Reception from "../meetings/Reception.js"
import * as Statistics from "../meetings/Statistics.js"
import type * as Suspension from "../meetings/Suspension.js"
import * as Council from "../methodology/Council.js"
import * as MethodologyFigures from "../methodology/Figures.js"
import * as Plan from "../planning/Plan.js"
import * as Lexicon from "./Lexicon.js"
import * as Numbers from "./Numbers.js"
import type { Lang } from "./Plural.js"
import * as R from "./ReportDocument.js"
import * as Svg from "./Svg.js"
import * as Text from "./Text.js"

// ---------------------------------------------------------------------------
// Inputs

/** The appeals of the year and of the previous year, as monthly analyses (12 each, January first). */
export interface AppealsInput {
  readonly months: ReadonlyArray<Analysis.Analysis>
  readonly previousMonths: ReadonlyArray<Analysis.Analysis>
  /** Names of topics (default: the shipped typical classifier). */
  readonly classifier?: Topic.Classifier
}

/** People seen at the personal receptions of the Mayor and deputy mayors. */
export interface ReceptionsInput {
  readonly people: number
  readonly previousPeople: number
  /** Reception slots at which someone was received. */
  readonly receptions: number
  readonly previousReceptions: number
  /** People received online (of `people`, of `previousPeople`). */
  readonly online?: number
  readonly previousOnline?: number
  /** Oral appeals registered from the cards (the others were answered orally). */
  readonly oralAppeals?: number
  /** The suspensions of in-person receptions that overlap the year. */
  readonly suspensions?: ReadonlyArray<{ readonly from: Day; readonly to: Day }>
}

/** The disposition of a question raised at an information meeting (`none`: not yet disposed). */
export type DispositionKind = "answeredOnTheSpot" | "instruction" | "appeal" | "none"

/** Information meetings with residents. */
export interface MeetingsInput {
  readonly held: number
  readonly previousHeld: number
  readonly attendance: number
  readonly previousAttendance?: number
  readonly questions: number
  readonly previousQuestions?: number
  /** Meetings held online or in a hybrid format. */
  readonly online?: number
  /** Questions by disposition. */
  readonly dispositions: ReadonlyArray<{ readonly kind: DispositionKind; readonly count: number }>
}

/** The plan streams (strategic, annual, monthly, Address) as folded states. */
export interface PlanningInput {
  readonly plans: ReadonlyArray<Plan.State>
}

/** The election calendars (one per voting day) as folded states. */
export interface ElectionsInput {
  readonly calendars: ReadonlyArray<ElectionCalendar.ElectionCalendarState>
}

/** Everything the report is built from. */
export interface Input {
  readonly year: number
  /** The day the report is made: timeliness, overdue activities and violations are judged as of it. */
  readonly asOf: Day
  readonly appeals: AppealsInput
  readonly receptions?: ReceptionsInput
  readonly meetings?: MeetingsInput
  readonly planning?: PlanningInput
  readonly elections?: ElectionsInput
  /** Information work of the year: publications by channel and rubric, hot topics covered. */
  readonly information?: InformationFigures.AnnualFigures
  /** Budget control of the municipal programs for the year (one report per program). */
  readonly budgets?: ReadonlyArray<BudgetControl.ControlReport>
  /** Methodological support of the year: the Methodological Council's sessions, decisions, manuals approved and sent out. */
  readonly methodology?: MethodologyFigures.AnnualFigures
  /** City Duma support of the year: sessions, draft decisions, decisions, follow-up instructions. */
  readonly duma?: DumaFigures.AnnualFigures
  /** Display names of divisions by id (the id is shown when absent). */
  readonly divisionNames?: ReadonlyMap<string, string>
  /** Display names of elections by id. */
  readonly electionNames?: ReadonlyMap<string, string>
  /** The last day of official production-calendar data, when due dates of the year's appeals fall after it (see {@link provisionalAfterOf}). */
  readonly provisionalAfter?: Day
}

const monthsOf = (year: number): ReadonlyArray<Period.Month> =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}` as Period.Month)

/**
 * The appeals input from appeal summaries (the pure path: a generator, or
 * states folded from the event log): the analyses of every month of the
 * year and of the previous year, as of `asOf`.
 */
export const appealsFromSummaries = (
  summaries: ReadonlyArray<Analysis.AppealSummary>,
  year: number,
  asOf: Day
): AppealsInput => {
  const byMonth = new Map<string, Array<Analysis.AppealSummary>>()
  for (const s of summaries) {
    const m = s.registeredOn.slice(0, 7)
    const list = byMonth.get(m)
    if (list === undefined) byMonth.set(m, [s])
    else list.push(s)
  }
  const analyse = (m: Period.Month) => Analysis.analyse(byMonth.get(m) ?? [], m, asOf)
  return { months: monthsOf(year).map(analyse), previousMonths: monthsOf(year - 1).map(analyse) }
}

/** An {@link Input} with appeals only, from summaries. */
export const fromSummaries = (summaries: ReadonlyArray<Analysis.AppealSummary>, year: number, asOf: Day): Input => ({
  year,
  asOf,
  appeals: appealsFromSummaries(summaries, year, asOf)
})

// ---------------------------------------------------------------------------
// Figures

/** The channels in report order. */
export const CHANNELS = ["written", "electronic", "oral"] as const

/** A count this year and the previous one. */
export interface Pair {
  readonly current: number
  readonly previous: number
}

/** A topic among the main topics of the year. */
export interface TopicFigure {
  readonly code: string
  readonly name: string
  readonly current: number
  readonly previous: number
}

/** A measure planned on a recommendation (an activity whose origin is a recommendation of the appeal analysis). */
export interface MeasureFigure {
  readonly title: string
  readonly division: string
  readonly topic: string | undefined
  readonly done: boolean
}

/** The appeals figures. */
export interface AppealsFigures {
  readonly total: Pair
  readonly byChannel: Readonly<Record<(typeof CHANNELS)[number], Pair>>
  /** By month (12), by channel. */
  readonly monthly: ReadonlyArray<Readonly<Record<(typeof CHANNELS)[number], number>>>
  readonly previousMonthly: ReadonlyArray<Readonly<Record<(typeof CHANNELS)[number], number>>>
  /** The main topics at the theme-group level, most frequent first (at most 5). */
  readonly topics: ReadonlyArray<TopicFigure>
  /**
   * The last day of official production-calendar data, when due dates of the
   * year's appeals fall after it: those rest on a provisional year (Labour
   * Code only), and the report says so.
   */
  readonly provisionalAfter?: Day
  /** Closed on time, closed late, open and overdue, open and not yet due (as of the report's day). */
  readonly timeliness: {
    readonly onTime: number
    readonly late: number
    readonly overdue: number
    readonly pending: number
  }
  /** Recommendations of the year's monthly analyses on growing topics, by topic (theme group). */
  readonly recommendations: ReadonlyArray<{ readonly topic: string; readonly name: string; readonly count: number }>
  readonly measures: ReadonlyArray<MeasureFigure>
}

/** Plan execution of a division: activities of the year's monthly plans. */
export interface DivisionExecution {
  readonly division: string
  readonly planned: number
  readonly done: number
  readonly doneLate: number
  readonly overdue: number
}

/** The planning figures. */
export interface PlanningFigures {
  readonly strategic: ReadonlyArray<{ readonly title: string; readonly period: string; readonly programs: number }>
  readonly annualItems: { readonly total: number; readonly executed: number }
  /**
   * The annual plan's items by division (sorted by division): an item is
   * executed when every activity of the year's monthly plans linked to it
   * is done.
   */
  readonly annualByDivision: ReadonlyArray<{
    readonly division: string
    readonly items: number
    readonly executed: number
  }>
  readonly monthlyPlans: number
  readonly monthlyReports: number
  readonly byDivision: ReadonlyArray<DivisionExecution>
  readonly overdue: ReadonlyArray<{ readonly title: string; readonly division: string; readonly deadline: string }>
  readonly indicators: { readonly withTarget: number; readonly achieved: number; readonly withActual: number }
  /** Address measures by quarter of their deadline. */
  readonly addressByQuarter: ReadonlyArray<{
    readonly quarter: string
    readonly planned: number
    readonly done: number
  }>
}

/** The election figures of the calendars whose voting falls in the year. */
export interface ElectionsFigures {
  readonly elections: ReadonlyArray<{ readonly id: string; readonly name: string; readonly votingDay: string }>
  readonly tasks: number
  readonly done: number
  readonly doneOnTime: number
  readonly violations: ReadonlyArray<{
    readonly task: string
    readonly kind: Compliance.Violation["_tag"]
    readonly elections: ReadonlyArray<string>
  }>
}

/** Every figure of the report. */
export interface Figures {
  readonly year: number
  readonly asOf: Day
  readonly appeals: AppealsFigures
  readonly receptions: ReceptionsInput | undefined
  readonly meetings: MeetingsInput | undefined
  readonly planning: PlanningFigures | undefined
  readonly elections: ElectionsFigures | undefined
  readonly information: InformationFigures.AnnualFigures | undefined
  readonly budgets: ReadonlyArray<BudgetControl.ControlReport> | undefined
  readonly methodology: MethodologyFigures.AnnualFigures | undefined
  readonly duma: DumaFigures.AnnualFigures | undefined
  readonly divisionNames: ReadonlyMap<string, string>
}

const channelCounts = (a: Analysis.Analysis) => ({
  written: a.byChannel["written"] ?? 0,
  electronic: a.byChannel["electronic"] ?? 0,
  oral: a.byChannel["oral"] ?? 0
})

const RECOMMENDATION_TOPIC_LEVEL = 2

const appealsFigures = (input: Input, planning: PlanningInput | undefined): AppealsFigures => {
  const { months, previousMonths } = input.appeals
  const classifier = input.appeals.classifier ?? Topic.typical
  const year = Analysis.combine(`${input.year}` as Period.Year, input.asOf, months)
  const prev = Analysis.combine(`${input.year - 1}` as Period.Year, input.asOf, previousMonths)
  const c = channelCounts(year),
    p = channelCounts(prev)
  const prevTopics = Analysis.byTopicAt(prev, 2)
  const topics = Analysis.topTopics(year, { level: 2, limit: 5, classifier }).map((t) => ({
    code: t.code,
    name: t.name ?? Topic.nameOf(classifier, Topic.atLevel(t.code, 1)) ?? t.code,
    current: t.count,
    previous: prevTopics[t.code] ?? 0
  }))
  // the monthly analyses' recommendations on growing topics (each month against the same month of the previous year)
  const recs: Array<Analysis.Recommendation> = []
  for (let i = 0; i < months.length; i++) {
    const m = months[i],
      pm = previousMonths[i]
    if (m !== undefined && pm !== undefined)
      recs.push(...Analysis.recommendations(m, pm, { topicLevel: RECOMMENDATION_TOPIC_LEVEL }))
  }
  const byTopic = new Map<string, number>()
  for (const r of recs)
    if (r.reason === "topicGrowth" && r.topic !== undefined) byTopic.set(r.topic, (byTopic.get(r.topic) ?? 0) + 1)
  const recommendations = [...byTopic.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([topic, count]) => ({ topic, name: Topic.nameOf(classifier, topic as Topic.TopicCode) ?? topic, count }))
  const recTopic = new Map(recs.map((r) => [r.id as string, r.topic as string | undefined]))
  const measures: Array<MeasureFigure> = []
  for (const s of planning?.plans ?? []) {
    if (
      s._tag !== "Opened" ||
      s.kind !== "monthly" ||
      !Period.contains(`${input.year}` as Period.Year, Period.firstDay(s.period))
    )
      continue
    for (const a of Plan.activitiesInForce(s)) {
      if (a._tag !== "Activity" || a.origin._tag !== "Recommendation") continue
      measures.push({
        title: a.title,
        division: a.division,
        topic: recTopic.get(a.origin.recommendation),
        done: s.executions[a.id]?._tag === "Done"
      })
    }
  }
  return {
    total: { current: year.total, previous: prev.total },
    byChannel: {
      written: { current: c.written, previous: p.written },
      electronic: { current: c.electronic, previous: p.electronic },
      oral: { current: c.oral, previous: p.oral }
    },
    monthly: months.map(channelCounts),
    previousMonthly: previousMonths.map(channelCounts),
    topics,
    timeliness: {
      onTime: year.byTimeliness["onTime"] ?? 0,
      late: year.byTimeliness["late"] ?? 0,
      overdue: year.byTimeliness["overdue"] ?? 0,
      pending: year.byTimeliness["pending"] ?? 0
    },
    recommendations,
    measures,
    ...(input.provisionalAfter === undefined ? {} : { provisionalAfter: input.provisionalAfter })
  }
}

const inYear = (year: number, day: string): boolean => day.startsWith(`${year}-`)

const planningFigures = (year: number, asOf: Day, planning: PlanningInput): PlanningFigures => {
  const opened = planning.plans.filter((s): s is Plan.Opened => s._tag === "Opened")
  const y = `${year}` as Period.Year
  const strategic = opened
    .filter((s) => s.kind === "strategic")
    .map((s) => ({ title: s.title, period: s.period, programs: s.inForce.filter((n) => n._tag === "Program").length }))
  const monthly = opened.filter((s) => s.kind === "monthly" && Period.contains(y, Period.firstDay(s.period)))
  const byDivision = new Map<string, { planned: number; done: number; doneLate: number; overdue: number }>()
  const overdue: Array<{ title: string; division: string; deadline: string }> = []
  const doneItems = new Map<string, { total: number; done: number }>()
  for (const s of monthly) {
    for (const a of Plan.activitiesInForce(s)) {
      const ex = s.executions[a.id]
      // the deadline in force: a move stays in force when a later report says done (an activity moved and then done by its new deadline is on time)
      const deadline = Plan.deadlineOf(s, a)
      const d = byDivision.get(a.division) ?? { planned: 0, done: 0, doneLate: 0, overdue: 0 }
      d.planned++
      if (ex?._tag === "Done") {
        d.done++
        if (ex.completedOn > deadline) d.doneLate++
      } else if (deadline < asOf) {
        d.overdue++
        overdue.push({ title: a.title, division: a.division, deadline })
      }
      byDivision.set(a.division, d)
      if (a._tag === "Activity" && a.link._tag === "PlanItem") {
        const it = doneItems.get(a.link.id) ?? { total: 0, done: 0 }
        it.total++
        if (ex?._tag === "Done") it.done++
        doneItems.set(a.link.id, it)
      }
    }
  }
  const annual = opened.filter((s) => s.kind === "annual" && s.period === y)
  const items = annual.flatMap((s) => s.inForce.filter((n) => n._tag === "PlanItem"))
  const isExecuted = (i: { readonly id: string }): boolean => {
    const d = doneItems.get(i.id)
    return d !== undefined && d.total > 0 && d.done === d.total
  }
  const executed = items.filter(isExecuted).length
  const annualByDivision = new Map<string, { items: number; executed: number }>()
  for (const i of items) {
    const d = annualByDivision.get(i.division) ?? { items: 0, executed: 0 }
    d.items++
    if (isExecuted(i)) d.executed++
    annualByDivision.set(i.division, d)
  }
  // program indicators with a target for the year, and their actuals (recorded in any plan)
  const actuals = opened.flatMap((s) => [...s.actuals, ...s.monthlyReports.flatMap((r) => r.actuals)])
  const indicators = opened
    .filter((s) => s.kind === "strategic")
    .flatMap((s) => s.inForce.flatMap((n) => (n._tag === "Indicator" ? [n.indicator] : [])))
  let withTarget = 0,
    achieved = 0,
    withActual = 0
  for (const ind of indicators) {
    if (!Indicator.targetPeriods(ind).includes(y)) continue
    withTarget++
    const a = Indicator.achievement(ind, actuals, y)
    if (a._tag === "Some") {
      withActual++
      if (a.value >= 1) achieved++
    }
  }
  const quarters = new Map<string, { planned: number; done: number }>()
  for (const s of opened.filter((s) => s.kind === "address")) {
    for (const m of Plan.activitiesInForce(s)) {
      if (m._tag !== "Measure" || !inYear(year, m.deadline)) continue
      const q = Period.quarterOf(m.deadline)
      const e = quarters.get(q) ?? { planned: 0, done: 0 }
      e.planned++
      if (s.executions[m.id]?._tag === "Done") e.done++
      quarters.set(q, e)
    }
  }
  return {
    strategic,
    annualItems: { total: items.length, executed },
    annualByDivision: [...annualByDivision.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([division, d]) => ({ division, ...d })),
    monthlyPlans: monthly.length,
    monthlyReports: monthly.reduce((n, s) => n + s.monthlyReports.length, 0),
    byDivision: [...byDivision.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([division, d]) => ({ division, ...d })),
    overdue: overdue.sort((a, b) =>
      a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.title < b.title ? -1 : 1
    ),
    indicators: { withTarget, achieved, withActual },
    addressByQuarter: [...quarters.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([quarter, q]) => ({ quarter, ...q }))
  }
}

const electionsFigures = (
  year: number,
  asOf: Day,
  input: ElectionsInput,
  names: ReadonlyMap<string, string>
): ElectionsFigures | undefined => {
  const calendars = input.calendars.filter((c) => c.votingDay !== undefined && inYear(year, c.votingDay))
  if (calendars.length === 0) return undefined
  let tasks = 0,
    done = 0,
    doneOnTime = 0
  const violations: Array<ElectionsFigures["violations"][number]> = []
  for (const c of calendars) {
    const merged = ElectionCalendar.calendarOf(c)
    if (merged._tag === "Left") continue
    const found = ElectionCalendar.complianceOf(c, asOf)
    const vs = found._tag === "Right" ? found.right : []
    const late = new Set(vs.filter((v) => v._tag !== "NotDone").map((v) => v.task as string))
    for (const t of merged.right.tasks) {
      tasks++
      const status = ElectionCalendar.statusOf(c, t.id)
      if (status._tag === "Done") {
        done++
        if (!late.has(t.id)) doneOnTime++
      }
    }
    for (const v of vs) violations.push({ task: v.task, kind: v._tag, elections: v.elections })
  }
  const elections = calendars.flatMap((c) =>
    c.elections.map((e) => ({ id: e.id as string, name: names.get(e.id) ?? e.body, votingDay: c.votingDay ?? "" }))
  )
  return { elections, tasks, done, doneOnTime, violations }
}

/** Computes every figure of the report from the inputs (pure). */
export const figures = (input: Input): Figures => ({
  year: input.year,
  asOf: input.asOf,
  appeals: appealsFigures(input, input.planning),
  receptions: input.receptions,
  meetings: input.meetings,
  planning: input.planning === undefined ? undefined : planningFigures(input.year, input.asOf, input.planning),
  elections:
    input.elections === undefined
      ? undefined
      : electionsFigures(input.year, input.asOf, input.elections, input.electionNames ?? new Map()),
  information: input.information,
  budgets: input.budgets === undefined || input.budgets.length === 0 ? undefined : input.budgets,
  methodology: input.methodology,
  duma: input.duma,
  divisionNames: input.divisionNames ?? new Map()
})

// ---------------------------------------------------------------------------
// The document

const t = (lang: Lang, ru: string, en: string): string => (lang === "ru" ? ru : en)

const change = (p: Pair): Numbers.PercentChange => Numbers.percentChange(p.previous, p.current)

const channelName = (lang: Lang, ch: (typeof CHANNELS)[number]): string =>
  ch === "written"
    ? Text.message(lang, "channelWritten", {})
    : ch === "electronic"
      ? Text.message(lang, "channelElectronic", {})
      : Text.message(lang, "channelOral", {})

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole)

const division = (f: Figures, id: string): string => f.divisionNames.get(id) ?? id

const receptionsSection = (f: Figures, lang: Lang, r: ReceptionsInput): R.Section => {
  const change = Numbers.percentChange(r.previousPeople, r.people)
  const sentences = [Text.receptionsSummary(lang, { year: f.year, people: r.people, previousPeople: r.previousPeople })]
  if (change._tag !== "NoBase")
    sentences.push(
      t(
        lang,
        `Число принятых граждан ${Numbers.describeChange("ru", change)}.`,
        `The number of people received ${Numbers.describeChange("en", change)}.`
      )
    )
  for (const p of r.suspensions ?? []) {
    sentences.push(
      t(
        lang,
        `С ${p.from} по ${p.to} очный личный приём был приостановлен (меры по предупреждению распространения коронавирусной инфекции); граждан принимали онлайн.`,
        `From ${p.from} to ${p.to} in-person receptions were suspended (measures against the coronavirus infection); people were received online.`
      )
    )
  }
  if (r.online !== undefined && r.online > 0) {
    sentences.push(
      t(
        lang,
        `Онлайн принято ${Lexicon.count("ru", r.online, Lexicon.person)}.`,
        `${Lexicon.count("en", r.online, Lexicon.person)} were received online.`.replace(/^./, (c) => c.toUpperCase())
      )
    )
  }
  return new R.Section({
    heading: t(lang, "Личный приём граждан", "Personal receptions"),
    blocks: [
      new R.Paragraph({ text: sentences.join(" ") }),
      new R.KeyFigures({
        items: [
          new R.KeyFigure({
            label: t(lang, "Принято граждан", "People received"),
            value: r.people,
            previous: r.previousPeople,
            unit: R.unit(lang, Lexicon.person)
          }),
          ...(r.online === undefined
            ? []
            : [
                new R.KeyFigure({
                  label: t(lang, "Из них онлайн", "Of them online"),
                  value: r.online,
                  ...(r.previousOnline === undefined ? {} : { previous: r.previousOnline }),
                  unit: R.unit(lang, Lexicon.person)
                })
              ]),
          ...(r.oralAppeals === undefined
            ? []
            : [
                new R.KeyFigure({
                  label: t(lang, "Зарегистрировано устных обращений", "Oral appeals registered"),
                  value: r.oralAppeals,
                  unit: R.unit(lang, Lexicon.appeal)
                })
              ]),
          new R.KeyFigure({
            label: t(lang, "Проведено приёмов", "Receptions held"),
            value: r.receptions,
            previous: r.previousReceptions,
            unit: R.unit(lang, Lexicon.reception)
          })
        ]
      })
    ],
    sections: []
  })
}

const dispositionLabel = (lang: Lang, k: DispositionKind): string =>
  k === "answeredOnTheSpot"
    ? t(lang, "Даны ответы на месте", "Answered on the spot")
    : k === "instruction"
      ? t(lang, "Даны поручения структурным подразделениям", "Instructions to the divisions")
      : k === "appeal"
        ? t(lang, "Зарегистрированы как обращения", "Registered as appeals")
        : t(lang, "Решение не принято", "Not yet disposed")

const appealsSection = (f: Figures, lang: Lang): R.Section => {
  const a = f.appeals
  const year = f.year,
    prevYear = f.year - 1
  const summary = Text.appealsSummary(lang, {
    year,
    total: a.total.current,
    written: a.byChannel.written.current,
    electronic: a.byChannel.electronic.current,
    oral: a.byChannel.oral.current,
    previousTotal: a.total.previous
  })
  const byChannel = new R.Table({
    caption: t(lang, "Обращения по каналам поступления", "Appeals by channel"),
    columns: [
      new R.Column({ header: t(lang, "Канал", "Channel") }),
      new R.Column({ header: Text.message(lang, "yearLabel", { year }) }),
      new R.Column({ header: Text.message(lang, "yearLabel", { year: prevYear }) }),
      new R.Column({ header: Text.message(lang, "change", {}) })
    ],
    rows: [
      ...CHANNELS.map(
        (ch): ReadonlyArray<R.Cell> => [
          channelName(lang, ch),
          a.byChannel[ch].current,
          a.byChannel[ch].previous,
          change(a.byChannel[ch])
        ]
      ),
      [Text.message(lang, "total", {}), a.total.current, a.total.previous, change(a.total)]
    ]
  })
  const chart = new R.ChartBlock({
    chart: new Svg.GroupedBars({
      title: Text.message(lang, "appealsByMonthChart", { year, previousYear: prevYear }),
      xLabel: Text.message(lang, "monthAxis", {}),
      yLabel: Text.message(lang, "appealsAxis", {}),
      categories: Array.from({ length: 12 }, (_, i) =>
        Text.message(lang, "monthShort", { month: (i + 1) as Text.MonthNumber })
      ),
      series: [
        ...CHANNELS.map((ch) => ({
          name: `${prevYear}: ${channelName(lang, ch)}`,
          values: a.previousMonthly.map((m) => m[ch])
        })),
        ...CHANNELS.map((ch) => ({ name: `${year}: ${channelName(lang, ch)}`, values: a.monthly.map((m) => m[ch]) }))
      ]
    })
  })
  const topics = new R.Table({
    caption: t(lang, "Основные тематики обращений", "Main topics of appeals"),
    columns: [
      new R.Column({ header: t(lang, "Тематика", "Topic") }),
      new R.Column({ header: Text.message(lang, "yearLabel", { year }) }),
      new R.Column({ header: t(lang, "Доля", "Share") }),
      new R.Column({ header: Text.message(lang, "yearLabel", { year: prevYear }) }),
      new R.Column({ header: Text.message(lang, "change", {}) })
    ],
    rows: a.topics.map(
      (tp): ReadonlyArray<R.Cell> => [
        `${tp.name} (${tp.code})`,
        tp.current,
        new R.Percent({ ratio: ratio(tp.current, a.total.current) }),
        tp.previous,
        Numbers.percentChange(tp.previous, tp.current)
      ]
    )
  })
  const tl = a.timeliness
  const judged = tl.onTime + tl.late + tl.overdue
  const onTime =
    judged === 0
      ? t(lang, "Сроки рассмотрения обращений ещё не наступили.", "No appeal has reached its due date yet.")
      : lang === "ru"
        ? `В установленный срок рассмотрено ${Lexicon.count("ru", tl.onTime, Lexicon.appeal)} из ${judged} (${Numbers.formatPercent("ru", ratio(tl.onTime, judged))}); ` +
          `с нарушением срока — ${tl.late}, не рассмотрено в срок на ${f.asOf} — ${tl.overdue}, в работе со сроком позднее — ${tl.pending}.`
        : `${Lexicon.count("en", tl.onTime, Lexicon.appeal)} of ${judged} were answered on time (${Numbers.formatPercent("en", ratio(tl.onTime, judged))}); ` +
          `${tl.late} late, ${tl.overdue} overdue as of ${f.asOf}, ${tl.pending} in progress and not yet due.`
  const sub: Array<R.Section> = []
  if (a.recommendations.length > 0 || a.measures.length > 0) {
    const blocks: Array<R.Block> = []
    if (a.recommendations.length > 0) {
      blocks.push(
        new R.Paragraph({
          text: t(
            lang,
            "По итогам ежемесячного анализа обращений структурным подразделениям даны рекомендации по тематикам, по которым выросло число обращений:",
            "The monthly analyses of appeals gave the divisions recommendations on the topics whose appeals grew:"
          )
        }),
        new R.Table({
          columns: [
            new R.Column({ header: t(lang, "Тематика", "Topic") }),
            new R.Column({ header: t(lang, "Рекомендаций", "Recommendations") })
          ],
          rows: a.recommendations.map((r): ReadonlyArray<R.Cell> => [`${r.name} (${r.topic})`, r.count])
        })
      )
    }
    if (a.measures.length > 0) {
      const done = a.measures.filter((m) => m.done).length
      blocks.push(
        new R.Paragraph({
          text:
            lang === "ru"
              ? `По рекомендациям в ежемесячные планы включено ${Lexicon.count("ru", a.measures.length, Lexicon.activity)}, выполнено ${done}.`
              : `${Lexicon.count("en", a.measures.length, Lexicon.activity)} were planned on the recommendations; ${done} done.`
        }),
        new R.List({
          ordered: false,
          items: a.measures
            .slice(0, 10)
            .map(
              (m) =>
                `${m.title} — ${division(f, m.division)}${m.done ? t(lang, " (выполнено)", " (done)") : t(lang, " (не выполнено)", " (not done)")}`
            )
        })
      )
    }
    sub.push(
      new R.Section({
        heading: t(lang, "Меры по наиболее острым тематикам", "Measures on the hottest topics"),
        blocks,
        sections: []
      })
    )
  }
  return new R.Section({
    heading: t(lang, "Работа с обращениями граждан", "Citizens' appeals"),
    blocks: [
      new R.Paragraph({ text: summary }),
      byChannel,
      chart,
      ...(a.topics.length > 0 ? [topics] : []),
      new R.Paragraph({ text: onTime }),
      ...(a.provisionalAfter === undefined
        ? []
        : [new R.Paragraph({ text: provisionalNote(lang, a.provisionalAfter) })])
    ],
    sections: sub
  })
}

/** The note under figures that rest on due dates of a provisional calendar year. */
export const provisionalNote = (lang: Lang, after: Day): string =>
  lang === "ru"
    ? `Сроки ответов, приходящиеся на дни после ${after}, рассчитаны предварительно: официальные данные производственного календаря на последующий период не загружены, применены только нормы Трудового кодекса РФ (ст. 111, 112).`
    : `Due dates falling after ${after} are provisional: no official production-calendar data has been loaded for the period after it, so only the Labour Code (art. 111, 112) was applied.`

/**
 * The day after which the due dates of a period's appeals rest on a
 * provisional calendar year: the calendar's last official day, when any
 * appeal registered in the period is due after it; otherwise undefined.
 */
export const provisionalAfterOf = (
  calendar: Calendar.ProductionCalendar,
  summaries: ReadonlyArray<Analysis.AppealSummary>,
  period: Period.Period
): Day | undefined => {
  const through = calendar.officialThrough ?? ("2018-12-31" as Day)
  const from = Period.firstDay(period)
  const to = Period.lastDay(period)
  return summaries.some((s) => s.registeredOn >= from && s.registeredOn <= to && s.answerDue > through)
    ? through
    : undefined
}

const meetingsSection = (lang: Lang, m: MeetingsInput): R.Section =>
  new R.Section({
    heading: t(lang, "Информационные встречи с населением", "Information meetings with residents"),
    blocks: [
      new R.KeyFigures({
        items: [
          new R.KeyFigure({
            label: t(lang, "Проведено встреч", "Meetings held"),
            value: m.held,
            previous: m.previousHeld,
            unit: R.unit(lang, Lexicon.meeting)
          }),
          new R.KeyFigure({
            label: t(lang, "Присутствовало", "Attendance"),
            value: m.attendance,
            ...(m.previousAttendance === undefined ? {} : { previous: m.previousAttendance }),
            unit: R.unit(lang, Lexicon.person)
          }),
          new R.KeyFigure({
            label: t(lang, "Задано вопросов", "Questions asked"),
            value: m.questions,
            ...(m.previousQuestions === undefined ? {} : { previous: m.previousQuestions }),
            unit: R.unit(lang, Lexicon.question)
          }),
          ...(m.online === undefined
            ? []
            : [
                new R.KeyFigure({
                  label: t(lang, "Из них онлайн или в смешанном формате", "Of them online or hybrid"),
                  value: m.online,
                  unit: R.unit(lang, Lexicon.meeting)
                })
              ])
        ]
      }),
      new R.Table({
        caption: t(lang, "Вопросы по результатам рассмотрения", "Questions by disposition"),
        columns: [
          new R.Column({ header: t(lang, "Результат", "Disposition") }),
          new R.Column({ header: t(lang, "Вопросов", "Questions") }),
          new R.Column({ header: t(lang, "Доля", "Share") })
        ],
        rows: m.dispositions.map(
          (d): ReadonlyArray<R.Cell> => [
            dispositionLabel(lang, d.kind),
            d.count,
            new R.Percent({ ratio: ratio(d.count, m.questions) })
          ]
        )
      })
    ],
    sections: []
  })

const planningSection = (f: Figures, lang: Lang, p: PlanningFigures): R.Section => {
  const planned = p.byDivision.reduce((n, d) => n + d.planned, 0)
  const done = p.byDivision.reduce((n, d) => n + d.done, 0)
  const blocks: Array<R.Block> = []
  for (const s of p.strategic) {
    blocks.push(
      new R.Paragraph({
        text:
          lang === "ru"
            ? `Действует «${s.title}» (${s.period}); муниципальных программ: ${s.programs}.`
            : `In force: "${s.title}" (${s.period}), with ${s.programs} municipal programs.`
      })
    )
  }
  blocks.push(
    new R.KeyFigures({
      items: [
        new R.KeyFigure({ label: t(lang, "Пунктов годового плана", "Annual plan items"), value: p.annualItems.total }),
        new R.KeyFigure({
          label: t(lang, "из них выполнено полностью", "of them fully executed"),
          value: p.annualItems.executed
        }),
        new R.KeyFigure({ label: t(lang, "Ежемесячных планов", "Monthly plans"), value: p.monthlyPlans }),
        new R.KeyFigure({ label: t(lang, "Отчётов подразделений", "Division reports"), value: p.monthlyReports }),
        new R.KeyFigure({
          label: t(lang, "Мероприятий запланировано", "Activities planned"),
          value: planned,
          unit: R.unit(lang, Lexicon.activity)
        }),
        new R.KeyFigure({
          label: t(lang, "Мероприятий выполнено", "Activities done"),
          value: done,
          unit: R.unit(lang, Lexicon.activity)
        }),
        new R.KeyFigure({
          label: t(lang, "Показателей программ с целью на год", "Program indicators with a target for the year"),
          value: p.indicators.withTarget
        }),
        new R.KeyFigure({ label: t(lang, "из них достигнуто", "of them achieved"), value: p.indicators.achieved })
      ]
    }),
    ...(p.annualByDivision.length === 0
      ? []
      : [
          new R.Table({
            caption: t(lang, "Исполнение годового плана по подразделениям", "Execution of the annual plan by division"),
            columns: [
              new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
              new R.Column({ header: t(lang, "Пунктов плана", "Plan items") }),
              new R.Column({ header: t(lang, "Выполнено полностью", "Fully executed") }),
              new R.Column({ header: t(lang, "Исполнение", "Execution") })
            ],
            rows: p.annualByDivision.map(
              (d): ReadonlyArray<R.Cell> => [
                division(f, d.division),
                d.items,
                d.executed,
                new R.Percent({ ratio: ratio(d.executed, d.items) })
              ]
            )
          })
        ]),
    new R.Table({
      caption: t(lang, "Исполнение ежемесячных планов по подразделениям", "Execution of the monthly plans by division"),
      columns: [
        new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
        new R.Column({ header: t(lang, "Запланировано", "Planned") }),
        new R.Column({ header: t(lang, "Выполнено", "Done") }),
        new R.Column({ header: t(lang, "из них с нарушением срока", "of them late") }),
        new R.Column({ header: t(lang, "Просрочено", "Overdue") }),
        new R.Column({ header: t(lang, "Исполнение", "Execution") })
      ],
      rows: p.byDivision.map(
        (d): ReadonlyArray<R.Cell> => [
          division(f, d.division),
          d.planned,
          d.done,
          d.doneLate,
          d.overdue,
          new R.Percent({ ratio: ratio(d.done, d.planned) })
        ]
      )
    }),
    new R.ChartBlock({
      chart: new Svg.HorizontalBars({
        title: Text.message(lang, "planExecutionChart", { year: f.year }),
        xLabel: Text.message(lang, "executionAxis", {}),
        yLabel: Text.message(lang, "divisionAxis", {}),
        bars: p.byDivision.map((d) => ({ label: division(f, d.division), value: ratio(d.done, d.planned) }))
      })
    })
  )
  if (p.overdue.length > 0) {
    blocks.push(
      new R.Table({
        caption: t(lang, "Невыполненные в срок мероприятия", "Activities overdue"),
        columns: [
          new R.Column({ header: t(lang, "Мероприятие", "Activity") }),
          new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
          new R.Column({ header: t(lang, "Срок", "Deadline") })
        ],
        rows: p.overdue.map((o): ReadonlyArray<R.Cell> => [o.title, division(f, o.division), o.deadline])
      })
    )
  }
  if (p.addressByQuarter.length > 0) {
    blocks.push(
      new R.Table({
        caption: t(
          lang,
          "Мероприятия по реализации Послания Президента по кварталам",
          "Measures implementing the President's Address by quarter"
        ),
        columns: [
          new R.Column({ header: t(lang, "Квартал", "Quarter") }),
          new R.Column({ header: t(lang, "Запланировано", "Planned") }),
          new R.Column({ header: t(lang, "Выполнено", "Done") })
        ],
        rows: p.addressByQuarter.map((q): ReadonlyArray<R.Cell> => [q.quarter, q.planned, q.done])
      })
    )
  }
  return new R.Section({ heading: t(lang, "Планирование и контроль", "Planning and control"), blocks, sections: [] })
}

const violationName = (lang: Lang, kind: Compliance.Violation["_tag"]): string =>
  kind === "DoneLate"
    ? t(lang, "выполнено с опозданием", "done late")
    : kind === "DoneEarly"
      ? t(lang, "выполнено раньше срока", "done too early")
      : t(lang, "не выполнено", "not done")

const electionsSection = (lang: Lang, e: ElectionsFigures): R.Section =>
  new R.Section({
    heading: t(lang, "Подготовка и проведение выборов", "Elections"),
    blocks: [
      new R.List({ ordered: false, items: e.elections.map((x) => `${x.name} — ${x.votingDay}`) }),
      new R.Paragraph({
        text:
          lang === "ru"
            ? `Календарный план администрации: ${Lexicon.count("ru", e.tasks, Lexicon.task)}, выполнено ${e.done}, из них в срок ${e.doneOnTime}. ` +
              (e.violations.length === 0 ? "Нарушений сроков не допущено." : `Нарушений: ${e.violations.length}.`)
            : `The administration's calendar: ${Lexicon.count("en", e.tasks, Lexicon.task)}, ${e.done} done, ${e.doneOnTime} on time. ` +
              (e.violations.length === 0 ? "No term was violated." : `Violations: ${e.violations.length}.`)
      }),
      ...(e.violations.length === 0
        ? []
        : [
            new R.Table({
              columns: [
                new R.Column({ header: t(lang, "Задача", "Task") }),
                new R.Column({ header: t(lang, "Нарушение", "Violation") }),
                new R.Column({ header: t(lang, "Выборы", "Elections") })
              ],
              rows: e.violations.map(
                (v): ReadonlyArray<R.Cell> => [v.task, violationName(lang, v.kind), v.elections.join(", ")]
              )
            })
          ])
    ],
    sections: []
  })

const CHANNEL_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  newspaper: ["Газета", "Newspaper"],
  website: ["Официальный сайт", "Website"],
  socialNetwork: ["Социальные сети", "Social networks"],
  radio: ["Радио", "Radio"],
  tv: ["Телевидение", "TV"]
}

const informationSection = (lang: Lang, i: InformationFigures.AnnualFigures): R.Section =>
  new R.Section({
    heading: t(lang, "Информационная работа", "Information work"),
    blocks: [
      new R.KeyFigures({
        items: [
          new R.KeyFigure({ label: t(lang, "Публикаций", "Publications"), value: i.publications }),
          new R.KeyFigure({
            label: t(lang, "Актуальных тем месяца (по обращениям)", "Hot topics of the months (from appeals)"),
            value: i.hotTopics.hotTopics
          }),
          new R.KeyFigure({ label: t(lang, "из них освещено", "of them covered"), value: i.hotTopics.covered }),
          new R.KeyFigure({ label: t(lang, "не освещено", "not covered"), value: i.hotTopics.uncovered })
        ]
      }),
      new R.Table({
        caption: t(lang, "Публикации по каналам", "Publications by channel"),
        columns: [
          new R.Column({ header: t(lang, "Канал", "Channel") }),
          new R.Column({ header: t(lang, "Публикаций", "Publications") })
        ],
        rows: Object.entries(i.byChannel).map(
          ([c, n]): ReadonlyArray<R.Cell> => [t(lang, ...(CHANNEL_NAMES[c] ?? [c, c])), n]
        )
      }),
      new R.Table({
        caption: t(lang, "Публикации по рубрикам", "Publications by rubric"),
        columns: [
          new R.Column({ header: t(lang, "Рубрика", "Rubric") }),
          new R.Column({ header: t(lang, "Публикаций", "Publications") })
        ],
        rows: Object.entries(i.byRubric).map(
          ([r, n]): ReadonlyArray<R.Cell> => [
            r === InformationFigures.NO_RUBRIC ? t(lang, "без рубрики", "no rubric") : r,
            n
          ]
        )
      })
    ],
    sections: []
  })

const roubles = (kopecks: number): number => Math.round(kopecks) / 100

const budgetSection = (lang: Lang, budgets: ReadonlyArray<BudgetControl.ControlReport>): R.Section =>
  new R.Section({
    heading: t(lang, "Контроль исполнения бюджета муниципальных программ", "Budget control of municipal programs"),
    blocks: [
      new R.Table({
        caption: t(lang, "Исполнение по программам, руб.", "Execution by program, roubles"),
        columns: [
          new R.Column({ header: t(lang, "Программа", "Program") }),
          new R.Column({ header: t(lang, "План", "Planned") }),
          new R.Column({ header: t(lang, "Обязательства", "Committed") }),
          new R.Column({ header: t(lang, "Кассовое исполнение", "Spent") }),
          new R.Column({ header: t(lang, "Исполнение", "Execution") }),
          new R.Column({ header: t(lang, "Замечаний", "Flags") })
        ],
        rows: budgets.map(
          (b): ReadonlyArray<R.Cell> => [
            b.program,
            roubles(b.planned),
            roubles(b.committed),
            roubles(b.spent),
            b.planned === 0 ? "—" : new R.Percent({ ratio: b.spent / b.planned }),
            b.flags.length
          ]
        )
      })
    ],
    sections: []
  })

const capitalised = (s: string): string => s.replace(/^./, (c) => c.toUpperCase())

const methodologySection = (lang: Lang, m: MethodologyFigures.AnnualFigures): R.Section => {
  const text =
    lang === "ru"
      ? `В ${m.year} году Методический совет провёл ${Lexicon.count("ru", m.sessionsHeld, Lexicon.session)} и принял ${Lexicon.count("ru", m.decisions, Lexicon.decision)}: ` +
        `одобрено методических пособий и рекомендаций — ${m.manualsApproved} (пособий — ${m.manualsApprovedAsManuals}, рекомендаций — ${m.manualsApprovedAsRecommendations}), ` +
        `возвращено на доработку — ${m.manualsReturned}, иных решений — ${m.resolutions}. ` +
        `Структурным подразделениям, муниципальным предприятиям и учреждениям ${Lexicon.form("ru", m.distributions, Lexicon.sent)} ${Lexicon.count("ru", m.distributions, Lexicon.copy)} (получателей — ${m.recipients}).`
      : `In ${m.year} the Methodological Council held ${Lexicon.count("en", m.sessionsHeld, Lexicon.session)} and took ${Lexicon.count("en", m.decisions, Lexicon.decision)}: ` +
        `manuals and recommendations approved: ${m.manualsApproved} (manuals: ${m.manualsApprovedAsManuals}, recommendations: ${m.manualsApprovedAsRecommendations}); ` +
        `returned for revision: ${m.manualsReturned}; other decisions: ${m.resolutions}. ` +
        `${capitalised(Lexicon.count("en", m.distributions, Lexicon.copy))} ${Lexicon.form("en", m.distributions, Lexicon.sent)} to ${Lexicon.count("en", m.recipients, Lexicon.recipient)} (divisions, municipal enterprises and institutions).`
  return new R.Section({
    heading: t(lang, "Методическая работа", "Methodological support"),
    blocks: [
      new R.Paragraph({ text }),
      new R.KeyFigures({
        items: [
          new R.KeyFigure({
            label: t(lang, "Заседаний Методического совета", "Sessions of the Methodological Council"),
            value: m.sessionsHeld,
            unit: R.unit(lang, Lexicon.session)
          }),
          new R.KeyFigure({
            label: t(lang, "Принято решений", "Decisions taken"),
            value: m.decisions,
            unit: R.unit(lang, Lexicon.decision)
          }),
          new R.KeyFigure({
            label: t(lang, "Одобрено методических пособий и рекомендаций", "Manuals and recommendations approved"),
            value: m.manualsApproved
          }),
          new R.KeyFigure({ label: t(lang, "из них пособий", "of them manuals"), value: m.manualsApprovedAsManuals }),
          new R.KeyFigure({
            label: t(lang, "из них рекомендаций", "of them recommendations"),
            value: m.manualsApprovedAsRecommendations
          }),
          new R.KeyFigure({
            label: t(lang, "Возвращено на доработку", "Returned for revision"),
            value: m.manualsReturned
          }),
          new R.KeyFigure({
            label: t(lang, "Направлено экземпляров", "Copies sent"),
            value: m.distributions,
            unit: R.unit(lang, Lexicon.copy)
          }),
          new R.KeyFigure({
            label: t(lang, "Получателей", "Recipients"),
            value: m.recipients,
            unit: R.unit(lang, Lexicon.recipient)
          })
        ]
      })
    ],
    sections: []
  })
}

const dumaSection = (f: Figures, lang: Lang, d: DumaFigures.AnnualFigures): R.Section => {
  const text =
    lang === "ru"
      ? `В ${d.year} году состоялось ${Lexicon.count("ru", d.sessions, Lexicon.session)} городской Думы. ` +
        `Структурными подразделениями администрации ${Lexicon.form("ru", d.drafts, Lexicon.prepared)} ${Lexicon.count("ru", d.drafts, Lexicon.draft)}: ` +
        `внесено в срок — ${d.submittedOnTime}, с нарушением срока — ${d.submittedLate}, не внесено — ${d.notSubmitted}. ` +
        `Городская Дума приняла ${Lexicon.count("ru", d.adopted, Lexicon.decision)}, отклонила ${Lexicon.count("ru", d.rejected, Lexicon.draft)}` +
        (d.undecided === 0 ? "" : `, не рассмотрено — ${d.undecided}`) +
        `. Во исполнение принятых решений подразделениям дано ${Lexicon.count("ru", d.instructions, Lexicon.instruction)}.`
      : `In ${d.year} the City Duma held ${Lexicon.count("en", d.sessions, Lexicon.session)}. ` +
        `The administration's divisions prepared ${Lexicon.count("en", d.drafts, Lexicon.draft)}: ` +
        `${d.submittedOnTime} submitted on time, ${d.submittedLate} late, ${d.notSubmitted} not submitted. ` +
        `The Duma adopted ${Lexicon.count("en", d.adopted, Lexicon.decision)} and rejected ${Lexicon.count("en", d.rejected, Lexicon.draft)}` +
        (d.undecided === 0 ? "" : `; ${d.undecided} not yet decided`) +
        `. The decisions gave the divisions ${Lexicon.count("en", d.instructions, Lexicon.instruction)}.`
  const byDivision = Object.entries(d.instructionsByDivision)
  return new R.Section({
    heading: t(lang, "Обеспечение деятельности городской Думы", "City Duma support"),
    blocks: [
      new R.Paragraph({ text }),
      new R.KeyFigures({
        items: [
          new R.KeyFigure({
            label: t(lang, "Заседаний городской Думы", "Sessions of the City Duma"),
            value: d.sessions,
            unit: R.unit(lang, Lexicon.session)
          }),
          new R.KeyFigure({
            label: t(lang, "Проектов решений", "Draft decisions"),
            value: d.drafts,
            unit: R.unit(lang, Lexicon.draft)
          }),
          new R.KeyFigure({ label: t(lang, "внесено в срок", "submitted on time"), value: d.submittedOnTime }),
          new R.KeyFigure({ label: t(lang, "внесено с нарушением срока", "submitted late"), value: d.submittedLate }),
          new R.KeyFigure({ label: t(lang, "не внесено", "not submitted"), value: d.notSubmitted }),
          new R.KeyFigure({
            label: t(lang, "Принято решений", "Decisions adopted"),
            value: d.adopted,
            unit: R.unit(lang, Lexicon.decision)
          }),
          new R.KeyFigure({ label: t(lang, "Отклонено проектов", "Drafts rejected"), value: d.rejected }),
          new R.KeyFigure({
            label: t(lang, "Поручений", "Instructions"),
            value: d.instructions,
            unit: R.unit(lang, Lexicon.instruction)
          })
        ]
      }),
      ...(byDivision.length === 0
        ? []
        : [
            new R.Table({
              caption: t(
                lang,
                "Поручения по решениям городской Думы по подразделениям",
                "Instructions of the City Duma's decisions by division"
              ),
              columns: [
                new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
                new R.Column({ header: t(lang, "Поручений", "Instructions") })
              ],
              rows: byDivision.map(([id, n]): ReadonlyArray<R.Cell> => [division(f, id), n])
            })
          ])
    ],
    sections: []
  })
}

/** Writes the figures as a report document in `lang`. */
export const document = (f: Figures, lang: Lang): R.ReportDocument =>
  new R.ReportDocument({
    lang,
    title: Text.message(lang, "annualReportTitle", { year: f.year }),
    subtitle: t(lang, `Данные на ${f.asOf}`, `Figures as of ${f.asOf}`),
    sections: [
      ...(f.receptions === undefined ? [] : [receptionsSection(f, lang, f.receptions)]),
      appealsSection(f, lang),
      ...(f.meetings === undefined ? [] : [meetingsSection(lang, f.meetings)]),
      ...(f.planning === undefined ? [] : [planningSection(f, lang, f.planning)]),
      ...(f.elections === undefined ? [] : [electionsSection(lang, f.elections)]),
      ...(f.information === undefined ? [] : [informationSection(lang, f.information)]),
      ...(f.budgets === undefined ? [] : [budgetSection(lang, f.budgets)]),
      ...(f.methodology === undefined ? [] : [methodologySection(lang, f.methodology)]),
      ...(f.duma === undefined ? [] : [dumaSection(f, lang, f.duma)])
    ]
  })

/** The report of an input in a language: {@link document} of {@link figures}. */
export const build = (input: Input, lang: Lang): R.ReportDocument => document(figures(input), lang)

/** The records the report reads, as folded states (from storage or a generator). */
export interface Records {
  readonly appeals: ReadonlyArray<Analysis.AppealSummary>
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
}

/** The information-work figures of a year (undefined when there were no publications and no hot topics). */
export const informationOf = (
  publications: ReadonlyArray<Publication>,
  reports: ReadonlyArray<CoverageReport>,
  year: number
): InformationFigures.AnnualFigures | undefined => {
  const f = InformationFigures.annual(`${year}` as Period.Year, publications, reports)
  return f.publications === 0 && f.hotTopics.hotTopics === 0 ? undefined : f
}

/** The budget control reports of a year's program budgets, as of a day, ordered by program. */
export const budgetsOf = (
  budgets: ReadonlyArray<ProgramBudget.State>,
  year: number,
  asOf: Day
): ReadonlyArray<BudgetControl.ControlReport> =>
  budgets
    .flatMap((b) => (b._tag === "Opened" && b.year === `${year}` ? [BudgetControl.control(b, { asOf })] : []))
    .sort((a, b) => (a.program < b.program ? -1 : a.program > b.program ? 1 : 0))

/** The receptions input of a year from reception states (undefined when no one was received in either year). */
export const receptionsOf = (
  receptions: ReadonlyArray<Reception.State>,
  year: number,
  suspensions: ReadonlyArray<{ readonly from: Day; readonly to: Day }> = []
): ReceptionsInput | undefined => {
  const y = `${year}` as Period.Year,
    py = `${year - 1}` as Period.Year
  const current = Statistics.receptionStatistics(receptions, y)
  const previous = Statistics.receptionStatistics(receptions, py)
  if (current.total === 0 && previous.total === 0) return undefined
  const slots = (p: Period.Year) =>
    receptions.filter((r) => r._tag === "ReceptionRecord" && Period.contains(p, r.day) && r.cards.length > 0).length
  const overlapping = suspensions
    .filter((s) => s.from <= Period.lastDay(y) && s.to >= Period.firstDay(y))
    .map((s) => ({ from: s.from, to: s.to }))
  return {
    people: current.total,
    previousPeople: previous.total,
    receptions: slots(y),
    previousReceptions: slots(py),
    online: current.online,
    previousOnline: previous.online,
    oralAppeals: current.oralAppeals,
    ...(overlapping.length === 0 ? {} : { suspensions: overlapping })
  }
}

/** The meetings input of a year from meeting states (undefined when none was held in either year). */
export const meetingsOf = (meetings: ReadonlyArray<Meeting.State>, year: number): MeetingsInput | undefined => {
  const current = Statistics.meetingStatistics(meetings, `${year}` as Period.Year)
  const previous = Statistics.meetingStatistics(meetings, `${year - 1}` as Period.Year)
  if (current.held === 0 && previous.held === 0) return undefined
  const d = current.byDisposition
  const kinds: ReadonlyArray<DispositionKind> = ["answeredOnTheSpot", "instruction", "appeal", "none"]
  return {
    held: current.held,
    previousHeld: previous.held,
    attendance: current.attendance,
    previousAttendance: previous.attendance,
    questions: current.questions,
    previousQuestions: previous.questions,
    online: current.byFormat.online + current.byFormat.hybrid,
    dispositions: kinds.filter((k) => k !== "none" || d.none > 0).map((kind) => ({ kind, count: d[kind] }))
  }
}

/**
 * The methodological-support figures of a year from the Council's states
 * (`Methodology.Figures.annual`; several councils count together, their
 * sessions and manuals kept apart). Undefined when the year has no held
 * session, no approval and no copy sent.
 */
export const methodologyOf = (
  councils: ReadonlyArray<Council.State>,
  year: number
): MethodologyFigures.AnnualFigures | undefined => {
  const state =
    councils.length === 1
      ? councils[0]!
      : new Council.State(
          {
            sessions: Object.fromEntries(
              councils.flatMap((c, i) => Object.entries(c.sessions).map(([k, v]) => [`${i}/${k}`, v]))
            ),
            manuals: Object.fromEntries(
              councils.flatMap((c, i) => Object.entries(c.manuals).map(([k, v]) => [`${i}/${k}`, v]))
            )
          },
          true
        )
  const f = MethodologyFigures.annual(`${year}` as Period.Year, state)
  return f.sessionsHeld === 0 &&
    f.manualsApprovedAsManuals + f.manualsApprovedAsRecommendations === 0 &&
    f.distributions === 0
    ? undefined
    : f
}

/** The City Duma support figures of a year from the sessions' states (`Duma.Figures.annual`). Undefined when no session is dated in the year. */
export const dumaOf = (
  sessions: ReadonlyArray<DumaSession.State>,
  year: number
): DumaFigures.AnnualFigures | undefined => {
  const f = DumaFigures.annual(`${year}` as Period.Year, sessions)
  return f.sessions === 0 ? undefined : f
}

const optional = <K extends string, A>(key: K, value: A | undefined): { [k in K]?: A } =>
  value === undefined ? {} : ({ [key]: value } as { [k in K]: A })

/**
 * The input of the report of `year` from records: the appeals' monthly
 * analyses, and the plans, election calendars, receptions (people received
 * from the reception cards), information meetings, information work,
 * program budgets, the Methodological Council and the City Duma's sessions
 * when there are any.
 */
export const inputOf = (
  records: Records,
  year: number,
  asOf: Day,
  names: {
    readonly divisions?: ReadonlyMap<string, string>
    readonly elections?: ReadonlyMap<string, string>
    /** The production calendar in force: due dates after its official data are noted as provisional. */
    readonly calendar?: Calendar.ProductionCalendar
  } = {}
): Input => ({
  year,
  asOf,
  appeals: appealsFromSummaries(records.appeals, year, asOf),
  ...(records.plans === undefined || records.plans.length === 0 ? {} : { planning: { plans: records.plans } }),
  ...(records.calendars === undefined || records.calendars.length === 0
    ? {}
    : { elections: { calendars: records.calendars } }),
  ...optional(
    "receptions",
    records.receptions === undefined ? undefined : receptionsOf(records.receptions, year, records.suspensions)
  ),
  ...optional("meetings", records.meetings === undefined ? undefined : meetingsOf(records.meetings, year)),
  ...optional(
    "information",
    records.publications === undefined && records.coverageReports === undefined
      ? undefined
      : informationOf(records.publications ?? [], records.coverageReports ?? [], year)
  ),
  ...(records.budgets === undefined || records.budgets.length === 0
    ? {}
    : { budgets: budgetsOf(records.budgets, year, asOf) }),
  ...optional("methodology", records.councils === undefined ? undefined : methodologyOf(records.councils, year)),
  ...optional("duma", records.dumaSessions === undefined ? undefined : dumaOf(records.dumaSessions, year)),
  ...(names.divisions === undefined ? {} : { divisionNames: names.divisions }),
  ...(names.elections === undefined ? {} : { electionNames: names.elections }),
  ...optional(
    "provisionalAfter",
    names.calendar === undefined
      ? undefined
      : provisionalAfterOf(names.calendar, records.appeals, `${year}` as Period.Year)
  )
})
