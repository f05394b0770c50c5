/**
 * The monthly analysis of appeals as a report document: the month's
 * appeals by channel against the same month of the previous year, the main
 * topics, timeliness, the recommendations to the divisions
 * ({@link Analysis.recommendations}) with the day their measures are due,
 * and, with the plans, how the previous month's recommendations on growing
 * topics were answered: those whose deadline (the end of this month) passed
 * with no measure in a monthly plan are flagged ({@link RecommendationLoop}).
 *
 * @example
 * ```ts
 * import { Appeals, Period, Reporting } from "cityhall"
 *
 * declare const summaries: ReadonlyArray<Appeals.Analysis.AppealSummary>
 * const doc = Reporting.MonthlyReport.build(summaries, Period.unsafeMonth("2020-03"), Period.unsafeDay("2020-04-30"), "ru")
 * ```
 *
 * @module
 */
import * as AppealFigures from "../appeals/AppealFigures.js"
import * as Analysis from "../appeals/Analysis.js"
import * as Monitoring from "../appeals/Monitoring.js"
import * as Topic from "../appeals/Topic.js"
import type * as Calendar from "../kernel/Calendar.js"
import type * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import type * as TimeZone from "../kernel/TimeZone.js"
import type * as Plan from "../planning/Plan.js"
import { provisionalNote } from "./annual/AppealsSection.js"
import * as Dates from "./Dates.js"
import * as Lexicon from "./Lexicon.js"
import * as Names from "./Names.js"
import * as Numbers from "./Numbers.js"
import type { Lang } from "./Plural.js"
import * as Loop from "./RecommendationLoop.js"
import { appealFiguresOf, monthlyMonths, organisationOn, type Records } from "./Records.js"
import * as R from "./ReportDocument.js"
import * as Text from "./Text.js"

const t = (lang: Lang, ru: string, en: string): string => (lang === "ru" ? ru : en)

/** The figures of the monthly analysis. */
export interface Figures {
  readonly month: Period.Month
  readonly analysis: Analysis.Analysis
  readonly previous: Analysis.Analysis
  readonly recommendations: ReadonlyArray<Analysis.Recommendation>
  /** The month's federal monitoring (Decree No. 171) as of the same day: its totals agree with the analysis. */
  readonly monitoring: MonitoringFigures
  /** With the plans: the previous month's recommendations on growing topics (due by this month's end) followed to their measures. */
  readonly loop?: MonthlyLoop
}

/** The totals of a month's federal monitoring as of a day (the report's section shows these, not every question). */
export interface MonitoringFigures {
  readonly month: Period.Month
  readonly asOf: Day
  readonly totals: Monitoring.MonitoringTotals
}

/** The recommendations of the month before, due in this month, followed to their measures as of the report's day. */
export interface MonthlyLoop {
  readonly month: Period.Month
  readonly followed: ReadonlyArray<Loop.Followed>
}

/**
 * The month's analysis, the same month of the previous year and the
 * recommendations (pure); with `plans`, the previous month's
 * recommendations on growing topics followed to the measures of the
 * monthly plans that existed by `asOf` (their creation's local day in
 * `timeZone`, Khabarovsk time by default).
 */
export const figures = (
  summaries: ReadonlyArray<Analysis.AppealSummary>,
  month: Period.Month,
  asOf: Day,
  options: Analysis.RecommendationOptions = {},
  plans?: ReadonlyArray<Plan.State>,
  timeZone?: TimeZone.TimeZoneName
): Figures =>
  figuresFrom(
    AppealFigures.fromSummaries(summaries, { months: monthlyMonths(month), asOf, monitoring: [month] }),
    month,
    options,
    plans,
    timeZone
  )

/**
 * {@link figures} from appeal figures (`Appeals.AppealFigures`: read from
 * the counters, or computed from summaries) that hold the analyses of
 * `Records.monthlyMonths(month)` and the month's monitoring totals, as of
 * the report's day.
 */
export const figuresFrom = (
  appeals: AppealFigures.AppealFigures,
  month: Period.Month,
  options: Analysis.RecommendationOptions = {},
  plans?: ReadonlyArray<Plan.State>,
  timeZone?: TimeZone.TimeZoneName
): Figures => {
  const asOf = appeals.asOf
  const analysis = AppealFigures.analysisOf(appeals, month)
  const previous = AppealFigures.analysisOf(appeals, Analysis.previousYearOf(month) as Period.Month)
  const before = Loop.addMonths(month, -1)
  const loop = (ps: ReadonlyArray<Plan.State>): MonthlyLoop => ({
    month: before,
    followed: Loop.follow(
      Analysis.recommendations(
        AppealFigures.analysisOf(appeals, before),
        AppealFigures.analysisOf(appeals, Analysis.previousYearOf(before) as Period.Month),
        options
      ).filter((r) => r.reason === "topicGrowth"),
      Loop.measuresOf(ps, asOf, timeZone),
      asOf
    )
  })
  return {
    month,
    analysis,
    previous,
    recommendations: Analysis.recommendations(analysis, previous, options),
    monitoring: { month, asOf, totals: AppealFigures.monitoringOf(appeals, month) },
    ...(plans === undefined ? {} : { loop: loop(plans) })
  }
}

const statusText = (lang: Lang, f: Loop.Followed): string => {
  if (f.status === "planned") {
    const m = f.measures.find((x) => Loop.inTime(x, f.deadline))!
    return t(
      lang,
      `включена в план на ${Dates.month(lang, m.month)}`,
      `planned in the plan of ${Dates.month(lang, m.month)}`
    )
  }
  if (f.status === "awaiting") return t(lang, "срок не наступил", "not yet due")
  return f.measures.length === 0
    ? t(lang, "не включена, срок истёк", "none, deadline passed")
    : t(lang, "включена после срока", "planned after the deadline")
}

/** The subsection on the previous month's recommendations: their measures, the flagged ones said first. */
const loopSection = (
  l: MonthlyLoop,
  lang: Lang,
  name: (d: string) => string,
  classifier: Topic.Classifier
): R.Section => {
  const missing = Loop.flagged(l.followed).length
  return new R.Section({
    heading: t(
      lang,
      `Исполнение рекомендаций по итогам анализа за ${Dates.month(lang, l.month)}`,
      `Measures on the recommendations of ${Dates.month(lang, l.month)}`
    ),
    blocks:
      l.followed.length === 0
        ? [
            new R.Paragraph({
              text: t(lang, "Рекомендаций о росте обращений не было.", "No recommendation on a growing topic was made.")
            })
          ]
        : [
            new R.Paragraph({
              text:
                lang === "ru"
                  ? `Без мер в ежемесячном плане к установленному сроку — ${Numbers.formatNumber(lang, missing)} из ${Numbers.formatNumber(lang, l.followed.length)}.`
                  : `Without a measure in a monthly plan by the deadline: ${Numbers.formatNumber(lang, missing)} of ${Numbers.formatNumber(lang, l.followed.length)}.`
            }),
            new R.Table({
              key: "appeals.recommendationsFollowed",
              columns: [
                new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
                new R.Column({ header: t(lang, "Тематика", "Topic") }),
                new R.Column({ header: t(lang, "Срок", "Deadline") }),
                new R.Column({ header: t(lang, "Мера в ежемесячном плане", "Measure in a monthly plan") })
              ],
              rows: l.followed.map(
                (f): ReadonlyArray<R.Cell> => [
                  name(f.recommendation.division),
                  `${Topic.nameOf(classifier, f.recommendation.topic) ?? f.recommendation.topic} (${f.recommendation.topic})`,
                  Dates.day(lang, f.deadline),
                  statusText(lang, f)
                ]
              )
            })
          ],
    sections: []
  })
}

/** The section of the federal monitoring (Decree No. 171): questions by status, and by section of the classifier. */
const monitoringSection = (m: MonitoringFigures, lang: Lang, classifier: Topic.Classifier): R.Section =>
  new R.Section({
    heading: t(
      lang,
      "Мониторинг результатов рассмотрения обращений (Указ № 171)",
      "Federal monitoring of results (Decree No. 171)"
    ),
    blocks: [
      new R.Paragraph({
        text: t(
          lang,
          `Вопросов в обращениях за ${m.month}: ${m.totals.questions} (обращений: ${m.totals.appeals}); статусы на ${m.asOf}.`,
          `Questions in the appeals of ${m.month}: ${m.totals.questions} (appeals: ${m.totals.appeals}); statuses as of ${m.asOf}.`
        )
      }),
      new R.Table({
        columns: [
          new R.Column({ header: t(lang, "Статус", "Status") }),
          new R.Column({ header: t(lang, "Вопросов", "Questions") })
        ],
        rows: [
          ...Monitoring.STATUSES.map(
            (s): ReadonlyArray<R.Cell> => [Monitoring.statusLabel[lang][s], m.totals.byStatus[s]]
          ),
          [Text.message(lang, "total", {}), m.totals.questions]
        ]
      }),
      new R.Table({
        columns: [
          new R.Column({ header: t(lang, "Раздел классификатора", "Section of the classifier") }),
          new R.Column({ header: t(lang, "Вопросов", "Questions") })
        ],
        rows: Object.entries(m.totals.bySection).map(
          ([code, n]): ReadonlyArray<R.Cell> => [
            `${Topic.nameOf(classifier, code as Topic.TopicCode) ?? code} (${code})`,
            n
          ]
        )
      })
    ],
    sections: []
  })

const CHANNELS = ["written", "electronic", "oral"] as const

/** Writes the figures as a document in `lang`; `divisionNames` names divisions by id. */
export const document = (
  f: Figures,
  lang: Lang,
  divisionNames: ReadonlyMap<string, string> = new Map(),
  classifier: Topic.Classifier = Topic.typical,
  /** The last day of official calendar data, when due dates of the month's appeals fall after it. */
  provisionalAfter?: Day
): R.ReportDocument => {
  const a = f.analysis,
    p = f.previous
  const prevMonth = Analysis.previousYearOf(f.month)
  const name = (d: string) => divisionNames.get(d) ?? d
  const channel = (ch: (typeof CHANNELS)[number]) =>
    ch === "written"
      ? Text.message(lang, "channelWritten", {})
      : ch === "electronic"
        ? Text.message(lang, "channelElectronic", {})
        : Text.message(lang, "channelOral", {})
  const change = Numbers.percentChange(p.total, a.total)
  const summary =
    lang === "ru"
      ? `За ${Dates.month(lang, f.month)} поступило ${Lexicon.count("ru", a.total, Lexicon.appeal)} (за ${Dates.month(lang, prevMonth)} — ${Numbers.formatNumber(lang, p.total)}); ` +
        (change._tag === "NoBase"
          ? "сравнение невозможно."
          : `количество обращений ${Numbers.describeChange("ru", change)}.`)
      : `In ${Dates.month(lang, f.month)} the administration received ${Lexicon.count("en", a.total, Lexicon.appeal)} (${Dates.month(lang, prevMonth)}: ${Numbers.formatNumber(lang, p.total)}); ` +
        (change._tag === "NoBase"
          ? "no comparison is possible."
          : `the number of appeals ${Numbers.describeChange("en", change)}.`)
  const prevTopics = Analysis.byTopicAt(p, 2)
  const top = Analysis.topTopics(a, { level: 2, limit: 5, classifier })
  const tl = a.byTimeliness
  return new R.ReportDocument({
    lang,
    title: t(
      lang,
      `Анализ обращений граждан за ${Dates.month(lang, f.month)}`,
      `Analysis of citizens' appeals, ${Dates.month(lang, f.month)}`
    ),
    subtitle: t(lang, `Данные на ${Dates.day(lang, a.asOf)}`, `Figures as of ${Dates.day(lang, a.asOf)}`),
    sections: [
      new R.Section({
        heading: t(lang, "Поступление обращений", "Appeals received"),
        blocks: [
          new R.Paragraph({ text: summary }),
          ...(provisionalAfter === undefined
            ? []
            : [new R.Paragraph({ text: provisionalNote(lang, provisionalAfter) })]),
          new R.Table({
            columns: [
              new R.Column({ header: t(lang, "Канал", "Channel") }),
              new R.Column({ header: f.month }),
              new R.Column({ header: prevMonth }),
              new R.Column({ header: Text.message(lang, "change", {}) })
            ],
            rows: [
              ...CHANNELS.map(
                (ch): ReadonlyArray<R.Cell> => [
                  channel(ch),
                  a.byChannel[ch] ?? 0,
                  p.byChannel[ch] ?? 0,
                  Numbers.percentChange(p.byChannel[ch] ?? 0, a.byChannel[ch] ?? 0)
                ]
              ),
              [Text.message(lang, "total", {}), a.total, p.total, change]
            ]
          })
        ],
        sections: []
      }),
      new R.Section({
        heading: t(lang, "Основные тематики", "Main topics"),
        blocks: [
          new R.Table({
            columns: [
              new R.Column({ header: t(lang, "Тематика", "Topic") }),
              new R.Column({ header: f.month }),
              new R.Column({ header: prevMonth }),
              new R.Column({ header: Text.message(lang, "change", {}) })
            ],
            rows: top.map(
              (x): ReadonlyArray<R.Cell> => [
                `${x.name ?? x.code} (${x.code})`,
                x.count,
                prevTopics[x.code] ?? 0,
                Numbers.percentChange(prevTopics[x.code] ?? 0, x.count)
              ]
            )
          })
        ],
        sections: []
      }),
      new R.Section({
        heading: t(lang, "Соблюдение сроков", "Timeliness"),
        blocks: [
          new R.KeyFigures({
            items: [
              new R.KeyFigure({ label: t(lang, "Рассмотрено в срок", "Answered on time"), value: tl["onTime"] ?? 0 }),
              new R.KeyFigure({ label: t(lang, "С нарушением срока", "Answered late"), value: tl["late"] ?? 0 }),
              new R.KeyFigure({ label: t(lang, "Просрочено", "Overdue"), value: tl["overdue"] ?? 0 }),
              new R.KeyFigure({ label: t(lang, "В работе", "In progress"), value: tl["pending"] ?? 0 })
            ]
          })
        ],
        sections: []
      }),
      new R.Section({
        heading: t(lang, "Рекомендации структурным подразделениям", "Recommendations to the divisions"),
        blocks:
          f.recommendations.length === 0
            ? [
                new R.Paragraph({
                  text: t(lang, "Оснований для рекомендаций нет.", "No recommendation is called for.")
                })
              ]
            : [
                new R.Table({
                  columns: [
                    new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
                    new R.Column({ header: t(lang, "Основание", "Reason") }),
                    new R.Column({ header: f.month }),
                    new R.Column({ header: prevMonth }),
                    new R.Column({ header: Text.message(lang, "change", {}) })
                  ],
                  rows: f.recommendations.map(
                    (r): ReadonlyArray<R.Cell> => [
                      name(r.division),
                      r.reason === "topicGrowth"
                        ? t(
                            lang,
                            `рост обращений по тематике «${Topic.nameOf(classifier, r.topic ?? ("" as Topic.TopicCode)) ?? r.topic}»`,
                            `growth of appeals on "${Topic.nameOf(classifier, r.topic ?? ("" as Topic.TopicCode)) ?? r.topic}"`
                          )
                        : t(lang, "нарушение сроков рассмотрения", "missed deadlines"),
                      r.current,
                      r.previous,
                      Numbers.percentChange(r.previous, r.current)
                    ]
                  )
                }),
                ...(f.recommendations.some((r) => r.reason === "topicGrowth")
                  ? [
                      new R.Paragraph({
                        text: t(
                          lang,
                          `Меры по рекомендациям о росте обращений включаются в ежемесячный план не позднее ${Dates.day(lang, Loop.deadlineOf(f.month))}.`,
                          `Measures on the recommendations on growing topics are due in a monthly plan by ${Dates.day(lang, Loop.deadlineOf(f.month))}.`
                        )
                      })
                    ]
                  : [])
              ],
        sections: f.loop === undefined ? [] : [loopSection(f.loop, lang, name, classifier)]
      }),
      monitoringSection(f.monitoring, lang, classifier)
    ]
  })
}

/**
 * The monthly report of a month in a language; with the production
 * calendar in force, due dates after its official data are noted as
 * provisional.
 */
export const build = (
  summaries: ReadonlyArray<Analysis.AppealSummary>,
  month: Period.Month,
  asOf: Day,
  lang: Lang,
  divisionNames?: ReadonlyMap<string, string>,
  calendar?: Calendar.ProductionCalendar,
  /** The plans: with them, the previous month's recommendations are followed to their measures. */
  plans?: ReadonlyArray<Plan.State>,
  timeZone?: TimeZone.TimeZoneName
): R.ReportDocument =>
  buildFrom(
    AppealFigures.fromSummaries(summaries, { months: monthlyMonths(month), asOf, monitoring: [month] }),
    month,
    lang,
    divisionNames,
    calendar,
    plans,
    timeZone
  )

/** {@link build} from appeal figures (see {@link figuresFrom}). */
export const buildFrom = (
  appeals: AppealFigures.AppealFigures,
  month: Period.Month,
  lang: Lang,
  divisionNames?: ReadonlyMap<string, string>,
  calendar?: Calendar.ProductionCalendar,
  plans?: ReadonlyArray<Plan.State>,
  timeZone?: TimeZone.TimeZoneName
): R.ReportDocument =>
  document(
    figuresFrom(appeals, month, {}, plans, timeZone),
    lang,
    divisionNames,
    Topic.typical,
    calendar === undefined ? undefined : AppealFigures.provisionalAfter(appeals, calendar, month)
  )

/**
 * The monthly analysis of `month` as of `asOf` in `lang` from records
 * (`Records.read`, best with `Records.forMonthly(month, asOf)`: figures
 * from the counters), divisions named by the organisation in force on
 * `asOf`, the previous month's recommendations followed to the measures of
 * the records' plans: what the CLI's `report monthly` and the report pages
 * of `serve` answer.
 */
export const fromRecords = (
  records: Records,
  month: Period.Month,
  asOf: Day,
  lang: Lang,
  options: { readonly calendar?: Calendar.ProductionCalendar; readonly timeZone?: TimeZone.TimeZoneName } = {}
): R.ReportDocument =>
  buildFrom(
    appealFiguresOf(records, { months: monthlyMonths(month), asOf, monitoring: [month] }),
    month,
    lang,
    Names.divisionNames(organisationOn(records, asOf), lang),
    options.calendar,
    records.plans,
    options.timeZone
  )
