/**
 * The annual report's section «Задачи на YYYY год» (the tasks for the next
 * year), built from records alone: the next year's annual plan items, the
 * Address measures due in the next year, the election calendars whose
 * voting falls in the next year with their voting days, elections and main
 * deadlines (the administration's tasks of the merged calendar, 67-FZ), and
 * the municipal programs starting or ending in the next year.
 *
 * Only what existed by the report's day is shown (a plan created later
 * does not rewrite an earlier report); the section is left out when the
 * records hold nothing for the next year.
 *
 * @module
 */
import type * as Election from "../../elections/Election.js"
import * as ElectionCalendar from "../../elections/ElectionCalendar.js"
import type * as Period from "../../kernel/Period.js"
import type { Day } from "../../kernel/Period.js"
import * as TimeZone from "../../kernel/TimeZone.js"
import * as Plan from "../../planning/Plan.js"
import * as Dates from "../Dates.js"
import { inYear, num, t } from "../internal/Prose.js"
import type { Names } from "../Names.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"
import { existedBy } from "./PlanningSection.js"

/** An election of a calendar voted in the next year. */
export interface NextElection {
  readonly name: string
  readonly level: Election.Election["level"]
  readonly kind: Election.Election["kind"]
  readonly districts: ReadonlyArray<number>
}

/** An election calendar voted in the next year: its voting days, elections and the administration's deadlines. */
export interface NextCalendar {
  readonly votingDay: Day
  readonly firstVotingDay: Day
  readonly elections: ReadonlyArray<NextElection>
  readonly deadlines: ReadonlyArray<{
    readonly title: string
    readonly date: Day
    readonly sources: ReadonlyArray<string>
  }>
}

/** The next year's tasks from the records. */
export interface NextYearFigures {
  /** The next year (the report's year + 1). */
  readonly year: number
  readonly items: ReadonlyArray<{ readonly title: string; readonly division: string; readonly period: string }>
  readonly measures: ReadonlyArray<{ readonly title: string; readonly division: string; readonly deadline: Day }>
  readonly calendars: ReadonlyArray<NextCalendar>
  readonly programs: ReadonlyArray<{
    readonly title: string
    readonly division: string
    readonly from: string
    readonly to: string
    readonly change: "starts" | "ends"
  }>
}

const byText =
  <A>(key: (a: A) => string) =>
  (a: A, b: A) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0

/**
 * The tasks for the year after `year` as of `asOf`, from the plans and
 * election calendars (undefined when there are none); `names` names
 * elections by id.
 */
export const nextYearOf = (
  year: number,
  asOf: Day,
  plans: ReadonlyArray<Plan.State>,
  calendars: ReadonlyArray<ElectionCalendar.ElectionCalendarState>,
  names: ReadonlyMap<string, string> = new Map(),
  timeZone: TimeZone.TimeZoneName = TimeZone.KHABAROVSK
): NextYearFigures | undefined => {
  const next = year + 1
  const y = `${next}` as Period.Year
  const existing = plans.filter((s): s is Plan.Opened => s._tag === "Opened" && existedBy(s, asOf, timeZone))
  const items = existing
    .filter((s) => s.kind === "annual" && s.period === y)
    .flatMap((s) =>
      s.inForce.flatMap((n) =>
        n._tag === "PlanItem" ? [{ title: n.title, division: n.division as string, period: n.period as string }] : []
      )
    )
  const measures = existing
    .filter((s) => s.kind === "address")
    .flatMap((s) =>
      Plan.activitiesInForce(s).flatMap((m) =>
        m._tag === "Measure" && inYear(next, m.deadline) && s.executions[m.id]?._tag !== "Done"
          ? [{ title: m.title, division: m.division as string, deadline: m.deadline }]
          : []
      )
    )
    .sort(byText((m) => `${m.deadline}|${m.title}`))
  const programs = existing
    .filter((s) => s.kind === "strategic")
    .flatMap((s) =>
      s.inForce.flatMap((n) =>
        n._tag !== "Program" || (n.from !== y && n.to !== y)
          ? []
          : [
              {
                title: n.title,
                division: n.division as string,
                from: n.from as string,
                to: n.to as string,
                change: n.from === y ? ("starts" as const) : ("ends" as const)
              }
            ]
      )
    )
    .sort(byText((p) => `${p.change}|${p.title}`))
  const voted = calendars
    .filter((c) => c.votingDay !== undefined && inYear(next, c.votingDay))
    .sort(byText((c) => c.votingDay ?? ""))
    .flatMap((c): ReadonlyArray<NextCalendar> => {
      const merged = ElectionCalendar.calendarOf(c)
      const votingDay = c.votingDay as Day
      const days = c.elections.flatMap((e) => e.votingDays).sort()
      return [
        {
          votingDay,
          firstVotingDay: days[0] ?? votingDay,
          elections: c.elections.map((e) => ({
            name: names.get(e.id) ?? e.body,
            level: e.level,
            kind: e.kind,
            districts: e.districts
          })),
          deadlines:
            merged._tag === "Left"
              ? []
              : merged.right.tasks.map((task) => ({ title: task.title, date: task.date, sources: task.sources }))
        }
      ]
    })
  return items.length + measures.length + programs.length + voted.length === 0
    ? undefined
    : { year: next, items, measures, calendars: voted, programs }
}

const LEVEL: Readonly<Record<Election.Election["level"], readonly [string, string]>> = {
  federal: ["федеральные", "federal"],
  regional: ["региональные", "regional"],
  municipal: ["муниципальные", "municipal"]
}
const KIND: Readonly<Record<Election.Election["kind"], readonly [string, string]>> = {
  regular: ["очередные выборы", "regular election"],
  early: ["досрочные выборы", "early election"],
  byElection: ["дополнительные выборы", "by-election"]
}

/** An election as the report names it: the body, its districts, its level and kind («Городская Дума, одномандатный избирательный округ № 3 (муниципальные, дополнительные выборы)»). */
export const electionText = (lang: Lang, e: NextElection): string => {
  const districts =
    e.districts.length === 0
      ? ""
      : t(
          lang,
          `, одномандатн${e.districts.length === 1 ? "ый избирательный округ" : "ые избирательные округа"} № ${e.districts.join(", ")}`,
          `, single-mandate district${e.districts.length === 1 ? "" : "s"} No. ${e.districts.join(", ")}`
        )
  const [level, kind] = lang === "ru" ? [LEVEL[e.level][0], KIND[e.kind][0]] : [LEVEL[e.level][1], KIND[e.kind][1]]
  return `${e.name}${districts} (${level}, ${kind})`
}

/** A source as cited: "67-FZ art. 19 p. 7", in Russian «67-ФЗ, ст. 19, п. 7». */
const sourceText = (lang: Lang, s: string): string =>
  lang === "ru"
    ? s
        .replace(/-FZ/g, "-ФЗ,")
        .replace(/\bart\. /g, "ст. ")
        .replace(/ p\. /g, ", п. ")
    : s

/** The section «Задачи на YYYY год» in `lang`, divisions named by `names`. */
export const section = (f: NextYearFigures, lang: Lang, names: Names): R.Section => {
  const blocks: Array<R.Block> = [
    new R.Paragraph({
      text: t(
        lang,
        `Основные задачи администрации города на ${f.year} год определены годовым планом основных мероприятий, планом реализации Послания Президента Российской Федерации Федеральному Собранию, календарными планами подготовки выборов и муниципальными программами.`,
        `The administration's main tasks for ${f.year} are set by the annual plan of main activities, the plan implementing the President's Address to the Federal Assembly, the election calendars and the municipal programs.`
      )
    })
  ]
  if (f.items.length > 0)
    blocks.push(
      new R.Table({
        caption: t(
          lang,
          `Годовой план основных мероприятий на ${f.year} год`,
          `The annual plan of main activities for ${f.year}`
        ),
        columns: [
          new R.Column({ header: t(lang, "Мероприятие", "Activity") }),
          new R.Column({ header: t(lang, "Подразделение", "Division") }),
          new R.Column({ header: t(lang, "Срок", "Term") })
        ],
        rows: f.items.map(
          (i): ReadonlyArray<R.Cell> => [i.title, names.division(i.division), Dates.periodName(lang, i.period)]
        )
      })
    )
  if (f.measures.length > 0)
    blocks.push(
      new R.Table({
        caption: t(
          lang,
          `Мероприятия по реализации Послания Президента Российской Федерации Федеральному Собранию на ${f.year} год`,
          `Measures implementing the President's Address to the Federal Assembly in ${f.year}`
        ),
        columns: [
          new R.Column({ header: t(lang, "Мероприятие", "Measure") }),
          new R.Column({ header: t(lang, "Подразделение", "Division") }),
          new R.Column({ header: t(lang, "Срок", "Deadline") })
        ],
        rows: f.measures.map(
          (m): ReadonlyArray<R.Cell> => [m.title, names.division(m.division), Dates.day(lang, m.deadline)]
        )
      })
    )
  for (const c of f.calendars) {
    const days =
      c.firstVotingDay === c.votingDay
        ? Dates.day(lang, c.votingDay)
        : Dates.period(lang, c.firstVotingDay, c.votingDay)
    blocks.push(
      new R.Paragraph({
        text:
          lang === "ru"
            ? `${Dates.day(lang, c.votingDay)} — единый день голосования (голосование ${days}). Администрация города обеспечивает подготовку и проведение выборов (${num(lang, c.elections.length)}):`
            : `${Dates.day(lang, c.votingDay)} is the single voting day (voting ${days}). The administration prepares the elections (${num(lang, c.elections.length)}):`
      }),
      new R.List({ ordered: false, items: c.elections.map((e) => electionText(lang, e)) })
    )
    if (c.deadlines.length > 0)
      blocks.push(
        new R.Table({
          caption: t(
            lang,
            `Основные сроки календарного плана администрации, выборы ${Dates.day(lang, c.votingDay)}`,
            `Main deadlines of the administration's calendar, elections of ${Dates.day(lang, c.votingDay)}`
          ),
          columns: [
            new R.Column({ header: t(lang, "Срок", "Deadline") }),
            new R.Column({ header: t(lang, "Мероприятие", "Task") }),
            new R.Column({ header: t(lang, "Основание", "Source") })
          ],
          rows: c.deadlines.map(
            (d): ReadonlyArray<R.Cell> => [
              Dates.day(lang, d.date),
              d.title,
              d.sources.map((s) => sourceText(lang, s)).join("; ")
            ]
          )
        })
      )
  }
  if (f.programs.length > 0)
    blocks.push(
      new R.List({
        ordered: false,
        items: f.programs.map((p) => {
          const span = Dates.periodName(lang, `${p.from}..${p.to}`)
          return p.change === "starts"
            ? t(
                lang,
                `Начинается реализация муниципальной программы «${p.title}» (${span}) — ${names.division(p.division)}.`,
                `The municipal program "${p.title}" (${span}) starts — ${names.division(p.division)}.`
              )
            : t(
                lang,
                `Завершается реализация муниципальной программы «${p.title}» (${span}) — ${names.division(p.division)}.`,
                `The municipal program "${p.title}" (${span}) ends — ${names.division(p.division)}.`
              )
        })
      })
    )
  return new R.Section({ heading: t(lang, `Задачи на ${f.year} год`, `Tasks for ${f.year}`), blocks, sections: [] })
}
