/**
 * The annual report's section on methodological support: the
 * Methodological Council's sessions and decisions, the manuals and
 * recommendations approved and returned, and the copies sent out
 * (`Methodology.Figures.annual`).
 *
 * @module
 */
import type * as Period from "../../kernel/Period.js"
import * as Council from "../../methodology/Council.js"
import * as MethodologyFigures from "../../methodology/Figures.js"
import { capitalised, num, t } from "../internal/Prose.js"
import * as Lexicon from "../Lexicon.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"

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

/** The section of a year's methodological support in `lang`. */
export const section = (m: MethodologyFigures.AnnualFigures, lang: Lang): R.Section => {
  const text =
    lang === "ru"
      ? `В ${m.year} году Методический совет провёл ${Lexicon.count("ru", m.sessionsHeld, Lexicon.session)} и принял ${Lexicon.count("ru", m.decisions, Lexicon.decision)}: ` +
        `одобрено методических пособий и рекомендаций — ${num(lang, m.manualsApproved)} (пособий — ${num(lang, m.manualsApprovedAsManuals)}, рекомендаций — ${num(lang, m.manualsApprovedAsRecommendations)}), ` +
        `возвращено на доработку — ${num(lang, m.manualsReturned)}, иных решений — ${num(lang, m.resolutions)}. ` +
        `Структурным подразделениям, муниципальным предприятиям и учреждениям ${Lexicon.form("ru", m.distributions, Lexicon.sent)} ${Lexicon.count("ru", m.distributions, Lexicon.copy)} (получателей — ${num(lang, m.recipients)}).`
      : `In ${m.year} the Methodological Council held ${Lexicon.count("en", m.sessionsHeld, Lexicon.session)} and took ${Lexicon.count("en", m.decisions, Lexicon.decision)}: ` +
        `manuals and recommendations approved: ${num(lang, m.manualsApproved)} (manuals: ${num(lang, m.manualsApprovedAsManuals)}, recommendations: ${num(lang, m.manualsApprovedAsRecommendations)}); ` +
        `returned for revision: ${num(lang, m.manualsReturned)}; other decisions: ${num(lang, m.resolutions)}. ` +
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
