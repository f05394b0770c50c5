/**
 * The annual report's section on personal receptions: the people the Mayor
 * and the deputy mayors received (one per reception card) against the
 * previous year, online, the oral appeals registered from the cards, the
 * receptions held, the suspensions of in-person receptions, and the people
 * received by each official, named by the organisation in force.
 *
 * @module
 */
import * as Period from "../../kernel/Period.js"
import type { Day } from "../../kernel/Period.js"
import type * as Reception from "../../meetings/Reception.js"
import * as Statistics from "../../meetings/Statistics.js"
import * as Dates from "../Dates.js"
import { capitalised, t } from "../internal/Prose.js"
import * as Lexicon from "../Lexicon.js"
import type { Names } from "../Names.js"
import * as Numbers from "../Numbers.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"
import * as Text from "../Text.js"

/** People received by one official, this year and the previous one. */
export interface OfficialFigure {
  readonly official: string
  readonly people: number
  readonly previousPeople: number
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
  /** People received by each official who received anyone in either year, most first. */
  readonly byOfficial?: ReadonlyArray<OfficialFigure>
}

const byOfficial = (
  current: Statistics.ReceptionStatistics,
  previous: Statistics.ReceptionStatistics
): ReadonlyArray<OfficialFigure> => {
  const rows = new Map<string, { people: number; previousPeople: number }>()
  for (const o of current.byOfficial) rows.set(o.official, { people: o.total, previousPeople: 0 })
  for (const o of previous.byOfficial) {
    const r = rows.get(o.official) ?? { people: 0, previousPeople: 0 }
    r.previousPeople = o.total
    rows.set(o.official, r)
  }
  return [...rows.entries()]
    .map(([official, r]) => ({ official, ...r }))
    .sort((a, b) => b.people - a.people || b.previousPeople - a.previousPeople || (a.official < b.official ? -1 : 1))
}

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
    ...(overlapping.length === 0 ? {} : { suspensions: overlapping }),
    byOfficial: byOfficial(current, previous)
  }
}

/** The section of a year's receptions in `lang`, officials named by `names`. */
export const section = (r: ReceptionsInput, year: number, lang: Lang, names: Names): R.Section => {
  const change = Numbers.percentChange(r.previousPeople, r.people)
  const sentences = [Text.receptionsSummary(lang, { year, people: r.people, previousPeople: r.previousPeople })]
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
        `${capitalised(Dates.period(lang, p.from, p.to))} очный личный приём был приостановлен (меры по предупреждению распространения коронавирусной инфекции); граждан принимали онлайн.`,
        `${capitalised(Dates.period(lang, p.from, p.to))} in-person receptions were suspended (measures against the coronavirus infection); people were received online.`
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
      }),
      ...(r.byOfficial === undefined || r.byOfficial.length === 0
        ? []
        : [
            new R.Table({
              caption: t(lang, "Принято граждан по должностным лицам", "People received by official"),
              columns: [
                new R.Column({ header: t(lang, "Должностное лицо", "Official") }),
                new R.Column({ header: Text.message(lang, "yearLabel", { year }) }),
                new R.Column({ header: Text.message(lang, "yearLabel", { year: year - 1 }) })
              ],
              rows: r.byOfficial.map(
                (o): ReadonlyArray<R.Cell> => [names.official(o.official), o.people, o.previousPeople]
              )
            })
          ])
    ],
    sections: []
  })
}
