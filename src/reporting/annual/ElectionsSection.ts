/**
 * The annual report's section on elections: the elections whose voting
 * day falls in the year, the administration's calendar tasks done and done
 * on time as of the report's day, and the violations of its terms
 * (`Elections.Compliance`).
 *
 * @module
 */
import type * as Compliance from "../../elections/Compliance.js"
import * as ElectionCalendar from "../../elections/ElectionCalendar.js"
import type { Day } from "../../kernel/Period.js"
import * as Dates from "../Dates.js"
import { inYear, num, t } from "../internal/Prose.js"
import * as Lexicon from "../Lexicon.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"
import { electionText } from "./NextYearSection.js"

/** The election calendars (one per voting day) as folded states. */
export interface ElectionsInput {
  readonly calendars: ReadonlyArray<ElectionCalendar.ElectionCalendarState>
}

/** The election figures of the calendars whose voting falls in the year. */
export interface ElectionsFigures {
  readonly elections: ReadonlyArray<{
    readonly id: string
    readonly name: string
    readonly votingDay: string
    readonly level: "federal" | "regional" | "municipal"
    readonly kind: "regular" | "early" | "byElection"
    readonly districts: ReadonlyArray<number>
  }>
  readonly tasks: number
  readonly done: number
  readonly doneOnTime: number
  readonly violations: ReadonlyArray<{
    readonly task: string
    readonly kind: Compliance.Violation["_tag"]
    readonly elections: ReadonlyArray<string>
  }>
}

/** The election figures of a year as of a day (undefined when no calendar's voting falls in the year); `names` names elections by id. */
export const figures = (
  year: number,
  asOf: Day,
  input: ElectionsInput,
  names: ReadonlyMap<string, string>
): ElectionsFigures | undefined => {
  const calendars = input.calendars.filter((c) => c.votingDay !== undefined && inYear(year, c.votingDay))
  if (calendars.length === 0) return undefined
  let tasks = 0,
    done = 0,
    doneOnTime = 0
  const violations: Array<ElectionsFigures["violations"][number]> = []
  for (const c of calendars) {
    const merged = ElectionCalendar.calendarOf(c)
    if (merged._tag === "Left") continue
    const found = ElectionCalendar.complianceOf(c, asOf)
    const vs = found._tag === "Right" ? found.right : []
    const late = new Set(vs.filter((v) => v._tag !== "NotDone").map((v) => v.task as string))
    for (const t of merged.right.tasks) {
      tasks++
      const status = ElectionCalendar.statusOf(c, t.id)
      if (status._tag === "Done") {
        done++
        if (!late.has(t.id)) doneOnTime++
      }
    }
    for (const v of vs) violations.push({ task: v.task, kind: v._tag, elections: v.elections })
  }
  const elections = calendars.flatMap((c) =>
    c.elections.map((e) => ({
      id: e.id as string,
      name: names.get(e.id) ?? e.body,
      votingDay: c.votingDay ?? "",
      level: e.level,
      kind: e.kind,
      districts: e.districts
    }))
  )
  return { elections, tasks, done, doneOnTime, violations }
}

const violationName = (lang: Lang, kind: Compliance.Violation["_tag"]): string =>
  kind === "DoneLate"
    ? t(lang, "выполнено с опозданием", "done late")
    : kind === "DoneEarly"
      ? t(lang, "выполнено раньше срока", "done too early")
      : t(lang, "не выполнено", "not done")

/** The section of a year's elections in `lang`. */
export const section = (e: ElectionsFigures, lang: Lang): R.Section =>
  new R.Section({
    heading: t(lang, "Подготовка и проведение выборов", "Elections"),
    blocks: [
      new R.List({
        ordered: false,
        items: e.elections.map((x) => `${electionText(lang, x)} — ${Dates.day(lang, x.votingDay)}`)
      }),
      new R.Paragraph({
        text:
          lang === "ru"
            ? `Календарный план администрации: ${Lexicon.count("ru", e.tasks, Lexicon.task)}, выполнено ${num(lang, e.done)}, из них в срок ${num(lang, e.doneOnTime)}. ` +
              (e.violations.length === 0
                ? "Нарушений сроков не допущено."
                : `Нарушений: ${num(lang, e.violations.length)}.`)
            : `The administration's calendar: ${Lexicon.count("en", e.tasks, Lexicon.task)}, ${num(lang, e.done)} done, ${num(lang, e.doneOnTime)} on time. ` +
              (e.violations.length === 0 ? "No term was violated." : `Violations: ${num(lang, e.violations.length)}.`)
      }),
      ...(e.violations.length === 0
        ? []
        : [
            new R.Table({
              columns: [
                new R.Column({ header: t(lang, "Задача", "Task") }),
                new R.Column({ header: t(lang, "Нарушение", "Violation") }),
                new R.Column({ header: t(lang, "Выборы", "Elections") })
              ],
              rows: e.violations.map(
                (v): ReadonlyArray<R.Cell> => [v.task, violationName(lang, v.kind), v.elections.join(", ")]
              )
            })
          ])
    ],
    sections: []
  })
