/**
 * The annual report's section on information work: publications by
 * channel and rubric, and the month's hot topics (from the appeals)
 * covered and not covered (`Information.Figures.annual`).
 *
 * @module
 */
import type { CoverageReport } from "../../information/Coverage.js"
import * as InformationFigures from "../../information/Figures.js"
import type { Publication } from "../../information/Publication.js"
import type * as Period from "../../kernel/Period.js"
import { t } from "../internal/Prose.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"

/** The information-work figures of a year (undefined when there were no publications and no hot topics). */
export const informationOf = (
  publications: ReadonlyArray<Publication>,
  reports: ReadonlyArray<CoverageReport>,
  year: number
): InformationFigures.AnnualFigures | undefined => {
  const f = InformationFigures.annual(`${year}` as Period.Year, publications, reports)
  return f.publications === 0 && f.hotTopics.hotTopics === 0 ? undefined : f
}

const CHANNEL_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  newspaper: ["Газета", "Newspaper"],
  website: ["Официальный сайт", "Website"],
  socialNetwork: ["Социальные сети", "Social networks"],
  radio: ["Радио", "Radio"],
  tv: ["Телевидение", "TV"]
}

const tableIfRows = (spec: ConstructorParameters<typeof R.Table>[0]): ReadonlyArray<R.Table> =>
  spec.rows.length === 0 ? [] : [new R.Table(spec)]

/** The section of a year's information work in `lang`. */
export const section = (i: InformationFigures.AnnualFigures, lang: Lang): R.Section =>
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
      ...tableIfRows({
        caption: t(lang, "Публикации по каналам", "Publications by channel"),
        columns: [
          new R.Column({ header: t(lang, "Канал", "Channel") }),
          new R.Column({ header: t(lang, "Публикаций", "Publications") })
        ],
        rows: Object.entries(i.byChannel).map(
          ([c, n]): ReadonlyArray<R.Cell> => [t(lang, ...(CHANNEL_NAMES[c] ?? [c, c])), n]
        )
      }),
      ...tableIfRows({
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
