/**
 * The annual report's section on citizens' appeals: the total by channel
 * with the change on the previous year, the appeals by month and channel
 * year on year (a chart), the main topics, the on-time rate as of the
 * report's day, the monthly analyses' recommendations on growing topics and
 * the measures planned on them (with the loop of `LoopSection`: the
 * recommendations flagged without a measure by their deadline, the topics'
 * appeals before and after), and the note on due dates that rest on a
 * provisional production-calendar year.
 *
 * @module
 */
import * as AppealFigures from "../../appeals/AppealFigures.js"
import * as Analysis from "../../appeals/Analysis.js"
import * as Topic from "../../appeals/Topic.js"
import type * as Calendar from "../../kernel/Calendar.js"
import * as Period from "../../kernel/Period.js"
import type { Day } from "../../kernel/Period.js"
import type * as TimeZone from "../../kernel/TimeZone.js"
import * as Plan from "../../planning/Plan.js"
import * as Dates from "../Dates.js"
import { num, ratio, t } from "../internal/Prose.js"
import * as Lexicon from "../Lexicon.js"
import type { Names } from "../Names.js"
import * as Loop from "./LoopSection.js"
import * as Numbers from "../Numbers.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"
import * as Text from "../Text.js"

/** The appeals of the year and of the previous year, as monthly analyses (12 each, January first). */
export interface AppealsInput {
  readonly months: ReadonlyArray<Analysis.Analysis>
  readonly previousMonths: ReadonlyArray<Analysis.Analysis>
  /** Names of topics (default: the shipped typical classifier). */
  readonly classifier?: Topic.Classifier
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

/** The appeals input from figures (read from the counters, or computed from summaries): the analyses of every month of the year and of the previous year. */
export const appealsFromFigures = (figures: AppealFigures.AppealFigures, year: number): AppealsInput => ({
  months: monthsOf(year).map((m) => AppealFigures.analysisOf(figures, m)),
  previousMonths: monthsOf(year - 1).map((m) => AppealFigures.analysisOf(figures, m))
})

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

/** Appeals closed on time, closed late, open and overdue, open and not yet due. */
export interface Timeliness {
  readonly onTime: number
  readonly late: number
  readonly overdue: number
  readonly pending: number
}

const timelinessOf = (a: Analysis.Analysis): Timeliness => ({
  onTime: a.byTimeliness["onTime"] ?? 0,
  late: a.byTimeliness["late"] ?? 0,
  overdue: a.byTimeliness["overdue"] ?? 0,
  pending: a.byTimeliness["pending"] ?? 0
})

/** The appeals figures. */
export interface AppealsFigures {
  readonly total: Pair
  readonly byChannel: Readonly<Record<(typeof CHANNELS)[number], Pair>>
  /** By month (12), by channel. */
  readonly monthly: ReadonlyArray<Readonly<Record<(typeof CHANNELS)[number], number>>>
  readonly previousMonthly: ReadonlyArray<Readonly<Record<(typeof CHANNELS)[number], number>>>
  /** The timeliness of the appeals registered in each month of the year (12), as of the report's day. */
  readonly monthlyTimeliness: ReadonlyArray<Timeliness>
  /** The main topics at the theme-group level, most frequent first (at most 5). */
  readonly topics: ReadonlyArray<TopicFigure>
  /**
   * The last day of official production-calendar data, when due dates of the
   * year's appeals fall after it: those rest on a provisional year (Labour
   * Code only), and the report says so.
   */
  readonly provisionalAfter?: Day
  /** Closed on time, closed late, open and overdue, open and not yet due (as of the report's day). */
  readonly timeliness: Timeliness
  /** Recommendations of the year's monthly analyses on growing topics, by topic (theme group). */
  readonly recommendations: ReadonlyArray<{ readonly topic: string; readonly name: string; readonly count: number }>
  readonly measures: ReadonlyArray<MeasureFigure>
  /** The recommendations on growing topics followed to their measures (flagged when none by the deadline), and the topics' appeals before and after. */
  readonly loop: Loop.LoopFigures
}

const channelCounts = (a: Analysis.Analysis) => ({
  written: a.byChannel["written"] ?? 0,
  electronic: a.byChannel["electronic"] ?? 0,
  oral: a.byChannel["oral"] ?? 0
})

const RECOMMENDATION_TOPIC_LEVEL = 2

/**
 * The appeals figures of a year as of a day; `plans` are the plans that
 * appear in the year's report (their monthly plans' activities on the
 * recommendations are the measures), `allPlans` every plan of the records
 * (the recommendations loop looks for measures in any monthly plan that
 * existed by the day: December's are planned in January).
 */
export const figures = (
  input: AppealsInput,
  year: number,
  asOf: Day,
  plans: ReadonlyArray<Plan.State>,
  provisionalAfter?: Day,
  allPlans: ReadonlyArray<Plan.State> = plans,
  timeZone?: TimeZone.TimeZoneName
): AppealsFigures => {
  const { months, previousMonths } = input
  const classifier = input.classifier ?? Topic.typical
  const current = Analysis.combine(`${year}` as Period.Year, asOf, months)
  const prev = Analysis.combine(`${year - 1}` as Period.Year, asOf, previousMonths)
  const c = channelCounts(current),
    p = channelCounts(prev)
  const prevTopics = Analysis.byTopicAt(prev, 2)
  const topics = Analysis.topTopics(current, { level: 2, limit: 5, classifier }).map((t) => ({
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
  for (const s of plans) {
    if (
      s._tag !== "Opened" ||
      s.kind !== "monthly" ||
      !Period.contains(`${year}` as Period.Year, Period.firstDay(s.period))
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
    total: { current: current.total, previous: prev.total },
    byChannel: {
      written: { current: c.written, previous: p.written },
      electronic: { current: c.electronic, previous: p.electronic },
      oral: { current: c.oral, previous: p.oral }
    },
    monthly: months.map(channelCounts),
    previousMonthly: previousMonths.map(channelCounts),
    topics,
    timeliness: timelinessOf(current),
    monthlyTimeliness: months.map(timelinessOf),
    recommendations,
    measures,
    loop: Loop.loopOf(recs, [...previousMonths, ...months], allPlans, asOf, classifier, timeZone),
    ...(provisionalAfter === undefined ? {} : { provisionalAfter })
  }
}

const change = (p: Pair): Numbers.PercentChange => Numbers.percentChange(p.previous, p.current)

const channelName = (lang: Lang, ch: (typeof CHANNELS)[number]): string =>
  ch === "written"
    ? Text.message(lang, "channelWritten", {})
    : ch === "electronic"
      ? Text.message(lang, "channelElectronic", {})
      : Text.message(lang, "channelOral", {})

/** The section of a year's appeals in `lang` as of `asOf`, divisions named by `names`. */
export const section = (a: AppealsFigures, year: number, asOf: Day, lang: Lang, names: Names): R.Section => {
  const prevYear = year - 1
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
  const monthName = (i: number) => Text.message(lang, "monthShort", { month: (i + 1) as Text.MonthNumber })
  // the table the chart by month is drawn from: a row per month, a column per year and channel
  const byMonth = new R.Table({
    caption: Text.message(lang, "appealsByMonthChart", { year, previousYear: prevYear }),
    columns: [
      new R.Column({ header: Text.message(lang, "monthAxis", {}) }),
      ...CHANNELS.map((ch) => new R.Column({ header: `${prevYear}: ${channelName(lang, ch)}`, align: "right" })),
      ...CHANNELS.map((ch) => new R.Column({ header: `${year}: ${channelName(lang, ch)}`, align: "right" }))
    ],
    rows: Array.from(
      { length: 12 },
      (_, i): ReadonlyArray<R.Cell> => [
        monthName(i),
        ...CHANNELS.map((ch) => a.previousMonthly[i]?.[ch] ?? 0),
        ...CHANNELS.map((ch) => a.monthly[i]?.[ch] ?? 0)
      ]
    )
  })
  const chart = R.groupedOf(byMonth, [1, 2, 3, 4, 5, 6], Text.message(lang, "appealsAxis", {}))
  // the on-time rate by month: appeals registered in the month whose due date has come, answered on time
  const judgedIn = (m: Timeliness) => m.onTime + m.late + m.overdue
  const onTimeByMonth = new R.Table({
    caption: t(
      lang,
      `Рассмотрение обращений в установленный срок по месяцам регистрации, ${year} год`,
      `Appeals answered on time by month of registration, ${year}`
    ),
    columns: [
      new R.Column({ header: Text.message(lang, "monthAxis", {}) }),
      new R.Column({ header: t(lang, "Срок наступил", "Due") }),
      new R.Column({ header: t(lang, "Рассмотрено в срок", "Answered on time") }),
      new R.Column({ header: t(lang, "Доля в срок", "On-time rate") })
    ],
    rows: a.monthlyTimeliness.flatMap(
      (m, i): ReadonlyArray<ReadonlyArray<R.Cell>> =>
        judgedIn(m) === 0
          ? []
          : [[monthName(i), judgedIn(m), m.onTime, new R.Percent({ ratio: ratio(m.onTime, judgedIn(m)) })]]
    )
  })
  const topics = new R.Table({
    caption: t(lang, "Основные тематики обращений, доля от общего числа", "Main topics of appeals, share of the total"),
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
        ? `В установленный срок рассмотрено ${Lexicon.count("ru", tl.onTime, Lexicon.appeal)} из ${num(lang, judged)} (${Numbers.formatPercent("ru", ratio(tl.onTime, judged))}); ` +
          `с нарушением срока — ${num(lang, tl.late)}, не рассмотрено в срок на ${Dates.day(lang, asOf)} — ${num(lang, tl.overdue)}, в работе со сроком позднее — ${num(lang, tl.pending)}.`
        : `${Lexicon.count("en", tl.onTime, Lexicon.appeal)} of ${num(lang, judged)} were answered on time (${Numbers.formatPercent("en", ratio(tl.onTime, judged))}); ` +
          `${num(lang, tl.late)} late, ${num(lang, tl.overdue)} overdue as of ${Dates.day(lang, asOf)}, ${num(lang, tl.pending)} in progress and not yet due.`
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
              ? `По рекомендациям в ежемесячные планы включено ${Lexicon.count("ru", a.measures.length, Lexicon.activity)}, выполнено ${num(lang, done)}.`
              : `${Lexicon.count("en", a.measures.length, Lexicon.activity)} were planned on the recommendations; ${num(lang, done)} done.`
        }),
        new R.List({
          ordered: false,
          items: a.measures
            .slice(0, 10)
            .map(
              (m) =>
                `${m.title} — ${names.division(m.division)}${m.done ? t(lang, " (выполнено)", " (done)") : t(lang, " (не выполнено)", " (not done)")}`
            )
        })
      )
    }
    blocks.push(...Loop.blocks(a.loop, asOf, lang, names))
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
      byMonth,
      chart,
      ...(a.topics.length > 0 ? [topics, R.barsOf(topics, 2, t(lang, "Тематика", "Topic"))] : []),
      new R.Paragraph({ text: onTime }),
      ...(onTimeByMonth.rows.length > 0
        ? [onTimeByMonth, R.barsOf(onTimeByMonth, 3, Text.message(lang, "monthAxis", {}))]
        : []),
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
    ? `Сроки ответов, приходящиеся на дни после ${Dates.day(lang, after)}, рассчитаны предварительно: официальные данные производственного календаря на последующий период не загружены, применены только нормы Трудового кодекса РФ (ст. 111, 112).`
    : `Due dates falling after ${Dates.day(lang, after)} are provisional: no official production-calendar data has been loaded for the period after it, so only the Labour Code (art. 111, 112) was applied.`

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
