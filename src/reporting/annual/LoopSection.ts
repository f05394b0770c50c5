/**
 * The recommendations loop in the annual report (issue 20, item 5): the
 * year's recommendations on growing topics followed to the measures in the
 * monthly plans (the flagged ones — no measure by the deadline — as a
 * table), and the appeals on each topic with measures in the three months
 * before and after a measure's completion, with the same months of the
 * previous year as a baseline (a table and the chart drawn from it). The
 * definitions are in {@link RecommendationLoop} and docs/reporting.md.
 *
 * @module
 */
import type * as Analysis from "../../appeals/Analysis.js"
import * as Topic from "../../appeals/Topic.js"
import type { RecommendationId } from "../../kernel/Ids.js"
import type { Day } from "../../kernel/Period.js"
import type * as TimeZone from "../../kernel/TimeZone.js"
import type * as Plan from "../../planning/Plan.js"
import * as Dates from "../Dates.js"
import { num, t } from "../internal/Prose.js"
import type { Names } from "../Names.js"
import * as Numbers from "../Numbers.js"
import type { Lang } from "../Plural.js"
import * as Loop from "../RecommendationLoop.js"
import * as R from "../ReportDocument.js"
import * as Text from "../Text.js"

/** A recommendation followed, with its topic's name. */
export interface FollowedFigure extends Loop.Followed {
  readonly topicName: string
}

/** A topic's appeals before and after its measure, with its name. */
export interface EffectFigure extends Loop.TopicEffect {
  readonly name: string
}

/** The loop's figures of a year as of a day. */
export interface LoopFigures {
  /** The year's recommendations on growing topics, each with its deadline, measures and status. */
  readonly followed: ReadonlyArray<FollowedFigure>
  /** By topic with measures done: the appeals before and after, and a year earlier. */
  readonly effects: ReadonlyArray<EffectFigure>
}

/**
 * The topic a recommendation's id names (`rec:<period>:<division>:<reason>:<topic>`),
 * for a measure whose recommendation is not among those computed (one of
 * the previous year's December, say); undefined for a hashed id.
 */
export const topicOfId = (id: RecommendationId): Topic.TopicCode | undefined => {
  const code = id.slice(id.lastIndexOf(":") + 1)
  return id.startsWith("rec:") && /^\d{4}(\.\d{4}){0,4}$/.test(code) ? (code as Topic.TopicCode) : undefined
}

/**
 * The loop's figures: `recommendations` are the year's (every reason; only
 * `topicGrowth` ones are followed), `months` the monthly analyses the
 * counts come from (the previous year's and the year's), `plans` every plan
 * of the records (a December recommendation is answered in January's plan).
 */
export const loopOf = (
  recommendations: ReadonlyArray<Analysis.Recommendation>,
  months: ReadonlyArray<Analysis.Analysis>,
  plans: ReadonlyArray<Plan.State>,
  asOf: Day,
  classifier: Topic.Classifier,
  timeZone?: TimeZone.TimeZoneName
): LoopFigures => {
  const growth = recommendations.filter((r) => r.reason === "topicGrowth")
  const measures = Loop.measuresOf(plans, asOf, timeZone)
  const name = (code: Topic.TopicCode) => Topic.nameOf(classifier, code) ?? code
  const known = Loop.topicsById(growth)
  return {
    followed: Loop.follow(growth, measures, asOf).map((f) => ({ ...f, topicName: name(f.recommendation.topic) })),
    effects: Loop.effects(months, measures, (id) => known(id) ?? topicOfId(id), asOf).map((e) => ({
      ...e,
      name: name(e.topic)
    }))
  }
}

/** The blocks of the loop in `lang` as of `asOf`: the recommendations' status, the flagged ones, the topics' appeals before and after. */
export const blocks = (loop: LoopFigures, asOf: Day, lang: Lang, names: Names): ReadonlyArray<R.Block> => {
  const out: Array<R.Block> = []
  const n = (s: Loop.Status) => loop.followed.filter((f) => f.status === s).length
  if (loop.followed.length > 0) {
    out.push(
      new R.Paragraph({
        text:
          lang === "ru"
            ? `Меры по рекомендации включаются в ежемесячный план не позднее последнего дня месяца, следующего за месяцем анализа. ` +
              `На ${Dates.day(lang, asOf)} по рекомендациям (${num(lang, loop.followed.length)}): меры включены в срок — ${num(lang, n("planned"))}, ` +
              `срок не наступил — ${num(lang, n("awaiting"))}, меры к сроку не включены — ${num(lang, n("missing"))}.`
            : `A recommendation is due to have a measure in a monthly plan by the last day of the month after the month analysed. ` +
              `As of ${Dates.day(lang, asOf)}, of the recommendations (${num(lang, loop.followed.length)}): a measure planned in time — ${num(lang, n("planned"))}, ` +
              `not yet due — ${num(lang, n("awaiting"))}, no measure by the deadline — ${num(lang, n("missing"))}.`
      })
    )
  }
  const missing = Loop.flagged(loop.followed)
  if (missing.length > 0) {
    out.push(
      new R.Table({
        key: "appeals.recommendationsFlagged",
        caption: t(
          lang,
          "Рекомендации без мер в ежемесячных планах к установленному сроку",
          "Recommendations without a measure in a monthly plan by their deadline"
        ),
        columns: [
          new R.Column({ header: t(lang, "Анализ за", "Analysis of") }),
          new R.Column({ header: Text.message(lang, "divisionAxis", {}) }),
          new R.Column({ header: t(lang, "Тематика", "Topic") }),
          new R.Column({ header: t(lang, "Срок", "Deadline") }),
          new R.Column({ header: t(lang, "Мера", "Measure") })
        ],
        rows: missing.map((f): ReadonlyArray<R.Cell> => {
          const late = [...f.measures].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))[0]
          return [
            Dates.periodName(lang, f.recommendation.period),
            names.division(f.recommendation.division),
            `${f.topicName} (${f.recommendation.topic})`,
            Dates.day(lang, f.deadline),
            late === undefined
              ? t(lang, "не включена", "none")
              : t(
                  lang,
                  `включена позднее: план на ${Dates.month(lang, late.month)}`,
                  `planned late: the plan of ${Dates.month(lang, late.month)}`
                )
          ]
        })
      })
    )
  }
  if (loop.effects.length > 0) {
    const table = new R.Table({
      key: "appeals.topicsBeforeAfter",
      caption: t(
        lang,
        "Обращения по тематикам за три месяца до и после выполнения мер",
        "Appeals on the topics in the three months before and after the measures were done"
      ),
      columns: [
        new R.Column({ header: t(lang, "Тематика", "Topic") }),
        new R.Column({ header: t(lang, "Мер выполнено", "Measures done") }),
        new R.Column({ header: t(lang, "Месяц выполнения меры", "Month the measure was done") }),
        new R.Column({ header: t(lang, "За 3 месяца до", "3 months before") }),
        new R.Column({ header: t(lang, "За 3 месяца после", "3 months after") }),
        new R.Column({ header: Text.message(lang, "change", {}) }),
        new R.Column({ header: t(lang, "Годом ранее: 3 месяца до", "A year earlier: 3 months before") }),
        new R.Column({ header: t(lang, "Годом ранее: 3 месяца после", "A year earlier: 3 months after") }),
        new R.Column({ header: t(lang, "Изменение годом ранее", "Change a year earlier") })
      ],
      rows: loop.effects.map(
        (e): ReadonlyArray<R.Cell> => [
          `${e.name} (${e.topic})`,
          e.measuresDone,
          Dates.month(lang, e.completedIn),
          e.before,
          e.after,
          Numbers.percentChange(e.before, e.after),
          e.baselineBefore,
          e.baselineAfter,
          Numbers.percentChange(e.baselineBefore, e.baselineAfter)
        ]
      )
    })
    out.push(
      new R.Paragraph({
        text: t(
          lang,
          "По каждой тематике с выполненными мерами — обращения (по основной тематике) за три месяца до и три месяца после месяца выполнения меры и за те же месяцы предыдущего года; " +
            "берётся первая выполненная мера, для которой все эти месяцы завершены к дате отчёта и входят в отчётный и предыдущий годы.",
          "For each topic with measures done: the appeals (by main topic) in the three months before and the three after the month the measure was done, and in the same months of the previous year; " +
            "the measure is the first one done whose months have all ended by the report's day and fall in the report's year or the year before."
        )
      }),
      table,
      R.groupedOf(table, [3, 4], Text.message(lang, "appealsAxis", {}))
    )
  }
  return out
}
