/**
 * The annual report's section on planning and control: the strategic plan
 * in force and its programs, the annual plan's items fully executed (in all
 * and by division), the monthly plans and the divisions' reports, the
 * execution of the monthly plans by division (a chart), overdue
 * activities, program indicators achieved, and the Address measures by
 * quarter.
 *
 * A plan appears in a year's report only when it is in force in that year
 * (its period overlaps the year) and existed by the report's day (created
 * on it or before, in the administration's zone): a plan created later does
 * not rewrite an earlier report ({@link appearing}).
 *
 * @module
 */
import { Either } from "effect"
import * as Period from "../../kernel/Period.js"
import type { Day } from "../../kernel/Period.js"
import * as TimeZone from "../../kernel/TimeZone.js"
import * as Indicator from "../../planning/Indicator.js"
import * as Plan from "../../planning/Plan.js"
import * as Dates from "../Dates.js"
import { inYear, num, ratio, t } from "../internal/Prose.js"
import * as Lexicon from "../Lexicon.js"
import type { Names } from "../Names.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"
import * as Text from "../Text.js"

/** The plan streams (strategic, annual, monthly, Address) as folded states. */
export interface PlanningInput {
  readonly plans: ReadonlyArray<Plan.State>
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

/** Whether a plan existed on a day: it was created on that day or before (the creation's local day in `timeZone`). */
export const existedBy = (
  plan: Plan.Opened,
  day: Day,
  timeZone: TimeZone.TimeZoneName = TimeZone.KHABAROVSK
): boolean =>
  Either.getOrElse(TimeZone.localDay(plan.createdAt, timeZone), () => plan.createdAt.toISOString().slice(0, 10)) <= day

/** Whether a plan is in force in a year: its period overlaps the year. */
export const inForceIn = (plan: Plan.Opened, year: number): boolean => {
  const y = `${year}` as Period.Year
  return Period.firstDay(plan.period) <= Period.lastDay(y) && Period.lastDay(plan.period) >= Period.firstDay(y)
}

/**
 * The plans a year's report shows as of a day: opened, in force in the
 * year, and existing by the day. A strategic plan created in 2026 for
 * 2026..2030 is in neither the 2019 nor the 2020 report.
 */
export const appearing = (
  plans: ReadonlyArray<Plan.State>,
  year: number,
  asOf: Day,
  timeZone: TimeZone.TimeZoneName = TimeZone.KHABAROVSK
): ReadonlyArray<Plan.Opened> =>
  plans.filter((s): s is Plan.Opened => s._tag === "Opened" && inForceIn(s, year) && existedBy(s, asOf, timeZone))

/**
 * The planning figures of a year as of a day, from the plans that appear
 * in its report (indicator actuals from every plan that existed by the day).
 */
export const figures = (
  year: number,
  asOf: Day,
  planning: PlanningInput,
  timeZone: TimeZone.TimeZoneName = TimeZone.KHABAROVSK
): PlanningFigures => {
  const existing = planning.plans.filter((s): s is Plan.Opened => s._tag === "Opened" && existedBy(s, asOf, timeZone))
  const opened = existing.filter((s) => inForceIn(s, year))
  const y = `${year}` as Period.Year
  const strategic = opened
    .filter((s) => s.kind === "strategic")
    .map((s) => ({
      title: s.title,
      period: s.period,
      // the programs carried out in the year (a program starting next year is among the next year's tasks)
      programs: s.inForce.filter((n) => n._tag === "Program" && n.from <= y && n.to >= y).length
    }))
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
  const actuals = existing.flatMap((s) => [...s.actuals, ...s.monthlyReports.flatMap((r) => r.actuals)])
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

/** The execution column's header: the value axis of the charts drawn from the tables. */
const executionHeader = (lang: Lang): string => t(lang, "Исполнение", "Execution")

/** The annual plan's items by division: the table the chart «Исполнение годового плана» is drawn from. */
const annualTable = (p: PlanningFigures, lang: Lang, names: Names): R.Table =>
  new R.Table({
    caption: t(lang, "Исполнение годового плана по подразделениям", "Execution of the annual plan by division"),
    columns: [
      new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
      new R.Column({ header: t(lang, "Пунктов плана", "Plan items") }),
      new R.Column({ header: t(lang, "Выполнено полностью", "Fully executed") }),
      new R.Column({ header: executionHeader(lang) })
    ],
    rows: p.annualByDivision.map(
      (d): ReadonlyArray<R.Cell> => [
        names.division(d.division),
        d.items,
        d.executed,
        new R.Percent({ ratio: ratio(d.executed, d.items) })
      ]
    )
  })

/** The monthly plans' activities by division. */
const monthlyTable = (p: PlanningFigures, lang: Lang, names: Names): R.Table =>
  new R.Table({
    caption: t(lang, "Исполнение ежемесячных планов по подразделениям", "Execution of the monthly plans by division"),
    columns: [
      new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
      new R.Column({ header: t(lang, "Запланировано", "Planned") }),
      new R.Column({ header: t(lang, "Выполнено", "Done") }),
      new R.Column({ header: t(lang, "из них с нарушением срока", "of them late") }),
      new R.Column({ header: t(lang, "Просрочено", "Overdue") }),
      new R.Column({ header: executionHeader(lang) })
    ],
    rows: p.byDivision.map(
      (d): ReadonlyArray<R.Cell> => [
        names.division(d.division),
        d.planned,
        d.done,
        d.doneLate,
        d.overdue,
        new R.Percent({ ratio: ratio(d.done, d.planned) })
      ]
    )
  })

/** A table followed by the chart of its execution column (the last). */
const withChart = (table: R.Table, lang: Lang): ReadonlyArray<R.Block> => [
  table,
  R.barsOf(table, table.columns.length - 1, Text.message(lang, "divisionAxis", {}))
]

/** The section of a year's planning in `lang`, divisions named by `names`. */
export const section = (p: PlanningFigures, _year: number, lang: Lang, names: Names): R.Section => {
  const planned = p.byDivision.reduce((n, d) => n + d.planned, 0)
  const done = p.byDivision.reduce((n, d) => n + d.done, 0)
  const blocks: Array<R.Block> = []
  for (const s of p.strategic) {
    blocks.push(
      new R.Paragraph({
        text:
          lang === "ru"
            ? `Действует «${s.title}» (${Dates.periodName(lang, s.period)}); муниципальных программ: ${num(lang, s.programs)}.`
            : `In force: "${s.title}" (${Dates.periodName(lang, s.period)}), with ${num(lang, s.programs)} municipal programs.`
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
    ...(p.annualByDivision.length === 0 ? [] : withChart(annualTable(p, lang, names), lang)),
    ...(p.byDivision.length === 0 ? [] : withChart(monthlyTable(p, lang, names), lang))
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
        rows: p.overdue.map(
          (o): ReadonlyArray<R.Cell> => [o.title, names.division(o.division), Dates.day(lang, o.deadline)]
        )
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
        rows: p.addressByQuarter.map((q): ReadonlyArray<R.Cell> => [Dates.quarter(lang, q.quarter), q.planned, q.done])
      })
    )
  }
  return new R.Section({ heading: t(lang, "Планирование и контроль", "Planning and control"), blocks, sections: [] })
}
