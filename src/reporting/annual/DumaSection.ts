/**
 * The annual report's section on City Duma support: the Duma's sessions,
 * the draft decisions the divisions prepared (on time, late, not
 * submitted), decisions adopted and drafts rejected, and the follow-up
 * instructions by division (`Duma.Figures.annual`).
 *
 * @module
 */
import * as DumaFigures from "../../duma/Figures.js"
import type * as DumaSession from "../../duma/Session.js"
import type * as Period from "../../kernel/Period.js"
import { num, t } from "../internal/Prose.js"
import * as Lexicon from "../Lexicon.js"
import type { Names } from "../Names.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"
import * as Text from "../Text.js"

/** The City Duma support figures of a year from the sessions' states (`Duma.Figures.annual`). Undefined when no session is dated in the year. */
export const dumaOf = (
  sessions: ReadonlyArray<DumaSession.State>,
  year: number
): DumaFigures.AnnualFigures | undefined => {
  const f = DumaFigures.annual(`${year}` as Period.Year, sessions)
  return f.sessions === 0 ? undefined : f
}

/** The section of a year's City Duma support in `lang`, divisions named by `names`. */
export const section = (d: DumaFigures.AnnualFigures, lang: Lang, names: Names): R.Section => {
  const text =
    lang === "ru"
      ? `В ${d.year} году состоялось ${Lexicon.count("ru", d.sessions, Lexicon.session)} городской Думы. ` +
        `Структурными подразделениями администрации ${Lexicon.form("ru", d.drafts, Lexicon.prepared)} ${Lexicon.count("ru", d.drafts, Lexicon.draft)}: ` +
        `внесено в срок — ${num(lang, d.submittedOnTime)}, с нарушением срока — ${num(lang, d.submittedLate)}, не внесено — ${num(lang, d.notSubmitted)}. ` +
        `Городская Дума приняла ${Lexicon.count("ru", d.adopted, Lexicon.decision)}, отклонила ${Lexicon.count("ru", d.rejected, Lexicon.draft)}` +
        (d.undecided === 0 ? "" : `, не рассмотрено — ${num(lang, d.undecided)}`) +
        `. Во исполнение принятых решений подразделениям дано ${Lexicon.count("ru", d.instructions, Lexicon.instruction)}.`
      : `In ${d.year} the City Duma held ${Lexicon.count("en", d.sessions, Lexicon.session)}. ` +
        `The administration's divisions prepared ${Lexicon.count("en", d.drafts, Lexicon.draft)}: ` +
        `${num(lang, d.submittedOnTime)} submitted on time, ${num(lang, d.submittedLate)} late, ${num(lang, d.notSubmitted)} not submitted. ` +
        `The Duma adopted ${Lexicon.count("en", d.adopted, Lexicon.decision)} and rejected ${Lexicon.count("en", d.rejected, Lexicon.draft)}` +
        (d.undecided === 0 ? "" : `; ${num(lang, d.undecided)} not yet decided`) +
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
              rows: byDivision.map(([id, n]): ReadonlyArray<R.Cell> => [names.division(id), n])
            })
          ])
    ],
    sections: []
  })
}
