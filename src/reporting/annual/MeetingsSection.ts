/**
 * The annual report's section on information meetings with residents:
 * meetings held against the previous year, attendance, questions asked,
 * meetings online or hybrid, and the questions by disposition.
 *
 * @module
 */
import type * as Period from "../../kernel/Period.js"
import type * as Meeting from "../../meetings/Meeting.js"
import * as Statistics from "../../meetings/Statistics.js"
import { ratio, t } from "../internal/Prose.js"
import * as Lexicon from "../Lexicon.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"

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

const dispositionLabel = (lang: Lang, k: DispositionKind): string =>
  k === "answeredOnTheSpot"
    ? t(lang, "Даны ответы на месте", "Answered on the spot")
    : k === "instruction"
      ? t(lang, "Даны поручения структурным подразделениям", "Instructions to the divisions")
      : k === "appeal"
        ? t(lang, "Зарегистрированы как обращения", "Registered as appeals")
        : t(lang, "Решение не принято", "Not yet disposed")

/** The section of a year's information meetings in `lang`. */
export const section = (m: MeetingsInput, lang: Lang): R.Section =>
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
