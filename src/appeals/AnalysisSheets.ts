/**
 * The monthly analysis as spreadsheet tables (one per sheet): the figures
 * of the period beside the same period of the previous year, dimension by
 * dimension, and the recommendations to the divisions. A pure function of
 * the analysis report (`AppealRecords.monthly`); the adapters write the
 * sheets (XLSX) without deciding anything.
 *
 * @example
 * ```ts
 * import { Appeals } from "cityhall"
 *
 * declare const report: Appeals.AppealRecords.Report
 * for (const sheet of Appeals.AnalysisSheets.sheets(report, "ru")) console.log(sheet.name, sheet.rows.length)
 * ```
 *
 * @module
 */
import { changePercent, DIMENSIONS } from "./Analysis.js"
import type { Report } from "./AppealRecords.js"

/** One sheet: its name and its rows (the first the header). */
export interface Sheet {
  readonly name: string
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>
}

type Lang = "ru" | "en"

const DIMENSION_LABEL: Readonly<Record<Lang, Readonly<Record<(typeof DIMENSIONS)[number], string>>>> = {
  ru: {
    byChannel: "Форма обращения",
    byAddressee: "Адресат",
    byDivision: "Подразделение",
    byTopic: "Основной вопрос",
    byKind: "Вид",
    byType: "Тип",
    byOutcome: "Итог рассмотрения",
    byResult: "Результат",
    byTimeliness: "Соблюдение сроков",
    byDivisionTopic: "Подразделение | вопрос",
    byDivisionTimeliness: "Подразделение | сроки",
    byDivisionTopicTimeliness: "Подразделение | вопрос | сроки"
  },
  en: {
    byChannel: "Channel",
    byAddressee: "Addressee",
    byDivision: "Division",
    byTopic: "Main topic",
    byKind: "Kind",
    byType: "Type",
    byOutcome: "Outcome",
    byResult: "Result",
    byTimeliness: "Timeliness",
    byDivisionTopic: "Division | topic",
    byDivisionTimeliness: "Division | timeliness",
    byDivisionTopicTimeliness: "Division | topic | timeliness"
  }
}

const percent = (previous: number, current: number): number | string => changePercent(previous, current) ?? ""

/**
 * The sheets of an analysis report: `figures` (dimension, value, this
 * period, the previous year's, the change in percent — empty when the
 * previous figure is 0 — with the total first) and `recommendations`.
 */
export const sheets = (report: Report, lang: Lang): ReadonlyArray<Sheet> => {
  const { analysis: a, previousYear: b } = report
  const figures: Array<ReadonlyArray<string | number>> = [
    lang === "ru"
      ? ["Измерение", "Значение", `${a.period} (на ${a.asOf})`, `${b.period}`, "Изменение, %"]
      : ["Dimension", "Value", `${a.period} (as of ${a.asOf})`, `${b.period}`, "Change, %"],
    [lang === "ru" ? "Всего" : "Total", "", a.total, b.total, percent(b.total, a.total)]
  ]
  for (const d of DIMENSIONS) {
    const cur = a[d]
    const prev = b[d]
    for (const k of [...new Set([...Object.keys(cur), ...Object.keys(prev)])].sort()) {
      const x = cur[k] ?? 0
      const y = prev[k] ?? 0
      figures.push([DIMENSION_LABEL[lang][d], k, x, y, percent(y, x)])
    }
  }
  const recommendations: Array<ReadonlyArray<string | number>> = [
    lang === "ru"
      ? ["Рекомендация", "Подразделение", "Основание", "Вопрос", "Сейчас", "Год назад", "Изменение, %"]
      : ["Recommendation", "Division", "Reason", "Topic", "Current", "Previous year", "Change, %"],
    ...report.recommendations.map((r) => [
      r.id,
      r.division,
      r.reason,
      r.topic,
      r.current,
      r.previous,
      r.changePercent ?? ""
    ])
  ]
  return [
    // a sheet's name has at most 31 characters: the period and the day are in the header
    { name: lang === "ru" ? "Анализ" : "Analysis", rows: figures },
    { name: lang === "ru" ? "Рекомендации" : "Recommendations", rows: recommendations }
  ]
}
