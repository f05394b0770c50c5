/**
 * The seeded generator of the demo city's records: its organisation (in
 * force from 2019, {@link City.organisation}), the appeals of 2019 and
 * 2020 with their histories, the strategic plan to 2030 with its programs
 * and indicators, the annual and monthly plans of 2019-2020 with the
 * divisions' monthly reports, the Address implementation plan of 2020 with
 * quarterly reports, the personal receptions and information meetings of
 * 2019-2020 with the suspension of the spring of 2020 ({@link MeetingsGen}),
 * and the election calendar of 19 September 2021 for three concurrent
 * elections.
 *
 * Records are commands of the areas' deciders, grouped by stream, in the
 * order they are applied; the import format carries exactly these (see
 * docs/import.md). The totals are the reference report's ({@link City.REFERENCE});
 * everything else is drawn from the seed: the days, the channels' months
 * (fewer appeals in the spring of 2020, the pandemic; no personal
 * receptions in April-June 2020), topics (mostly housing and utilities and
 * the city economy), divisions, answers and their timing. Pure and
 * deterministic: the same seed gives the same records.
 *
 * @example
 * ```ts
 * import { Demo } from "cityhall"
 *
 * const city = Demo.Generator.generate({ seed: 2020 })
 * city.records.filter((r) => r.kind === "appeal").length // 22456
 * ```
 *
 * @module
 */
import { Either, Redacted } from "effect"
import * as OrganisationHistory from "../administration/OrganisationHistory.js"
import { type Addressee, ToDivision, ToMayor, Applicant } from "../appeals/Appeal.js"
import * as Appeal from "../appeals/Appeal.js"
import * as AC from "../appeals/AppealCommand.js"
import * as AppealDecider from "../appeals/AppealDecider.js"
import * as Analysis from "../appeals/Analysis.js"
import * as Deadlines from "../appeals/Deadlines.js"
import * as Topic from "../appeals/Topic.js"
import type { TopicCode } from "../appeals/Topic.js"
import { CallingDecision, Election } from "../elections/Election.js"
import * as ElectionCalendar from "../elections/ElectionCalendar.js"
import * as MergedCalendar from "../elections/MergedCalendar.js"
import * as Reference2021 from "../elections/Reference2021.js"
import * as Template from "../elections/Template.js"
import * as Calendar from "../kernel/Calendar.js"
import type {
  ActivityId,
  ActorId,
  AppealId,
  DirectionId,
  DivisionId,
  GoalId,
  IndicatorId,
  OfficialId,
  PlanId,
  PlanItemId,
  ProgramId,
  ReceptionCardId,
  RecommendationId,
  ReportId
} from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import * as Indicator from "../planning/Indicator.js"
import * as N from "../planning/Node.js"
import * as Plan from "../planning/Plan.js"
import * as Report from "../planning/Report.js"
import * as Dates from "../reporting/Dates.js"
import * as Acts from "./Acts.js"
import * as City from "./City.js"
import * as MeetingsGen from "./Meetings.js"
import * as OrganisationalGen from "./Organisational.js"
import * as PollingStations from "./PollingStations.js"
import * as Random from "./Random.js"
import * as Texts from "./Texts.js"

/** The administration's organisation with its history (the versions adopted, by the day each takes effect). */
export interface OrganisationRecord {
  readonly kind: "organisation"
  readonly history: readonly [OrganisationHistory.Command, ...Array<OrganisationHistory.Command>]
}

/** An appeal with its history: a registration first, then what happened to it. */
export interface AppealRecord {
  readonly kind: "appeal"
  readonly history: readonly [AC.AppealCommand, ...Array<AC.AppealCommand>]
}

/** A plan with its history (creation, nodes, approval, reports, actuals). */
export interface PlanRecord {
  readonly kind: "plan"
  readonly history: readonly [Plan.Command, ...Array<Plan.Command>]
}

/** The election calendar of a voting day with its history (elections, tasks, completions). */
export interface ElectionCalendarRecord {
  readonly kind: "electionCalendar"
  readonly votingDay: Day
  readonly history: readonly [ElectionCalendar.Command, ...Array<ElectionCalendar.Command>]
}

/** The suspension of in-person receptions and meetings. */
export type SuspensionRecord = MeetingsGen.SuspensionRecord
/** A reception slot with its cards. */
export type ReceptionRecord = MeetingsGen.ReceptionRecord
/** An information meeting with its questions. */
export type MeetingRecord = MeetingsGen.MeetingRecord

/** A record of the organisational areas: publications, information plans, program budgets, the Methodological Council, City Duma sessions. */
export type OrganisationalRecord = OrganisationalGen.OrganisationalRecord

/** A polling station with its responsible officers. */
export type PollingStationRecord = PollingStations.PollingStationRecord

/** A record of the demo city (and of the import format). */
export type DemoRecord =
  | OrganisationalRecord
  | PollingStationRecord
  | OrganisationRecord
  | AppealRecord
  | PlanRecord
  | ElectionCalendarRecord
  | SuspensionRecord
  | ReceptionRecord
  | MeetingRecord

/** Options of {@link generate}. */
export interface Options {
  readonly seed: number
}

/** The generated city: its records, in the order they are applied. */
export interface DemoCity {
  readonly seed: number
  readonly records: ReadonlyArray<DemoRecord>
  /** The appeals' totals by year and channel, as generated (equal to {@link City.REFERENCE} for 2020 and the 2019 total). */
  readonly appealTotals: Readonly<Record<"2019" | "2020", Readonly<Record<Appeal.Channel, number>>>>
}

const ZONE = TimeZone.KHABAROVSK
const OFFSET_HOURS = 10 // Asia/Vladivostok: UTC+10 all year since 2014

/** The instant of a local day and time in the administration's zone (UTC+10). */
export const instant = (day: Day, hour: number, minute = 0): Date => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d, hour - OFFSET_HOURS, minute))
}

const calendar = Calendar.russia({ presidentialNonWorkingDays: true })

const workingDaysCache = new Map<string, ReadonlyArray<Day>>()
/** The working days of a month on the production calendar. */
const workingDays = (month: Period.Month): ReadonlyArray<Day> => {
  const hit = workingDaysCache.get(month)
  if (hit !== undefined) return hit
  const out: Array<Day> = []
  for (let d = Period.firstDay(month); d <= Period.lastDay(month); d = Period.addDays(d, 1)) {
    const w = Calendar.isWorkingDay(calendar, d)
    if (Either.isRight(w) && w.right) out.push(d)
  }
  workingDaysCache.set(month, out)
  return out
}

/**
 * The days appeals come in during a month: its working days or, in a month
 * without any (April 2020, all non-working by decree), its weekdays — the
 * e-mail and post did not stop.
 */
const receivingDays = (month: Period.Month): ReadonlyArray<Day> => {
  const w = workingDays(month)
  if (w.length > 0) return w
  const out: Array<Day> = []
  for (let d = Period.firstDay(month); d <= Period.lastDay(month); d = Period.addDays(d, 1)) {
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay()
    if (wd !== 0 && wd !== 6) out.push(d)
  }
  return out
}

const nextWorking = (d: Day): Day => Either.getOrElse(Calendar.nextWorkingDay(calendar, d), () => d)

const months = (year: number): ReadonlyArray<Period.Month> =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}` as Period.Month)

// ---------------------------------------------------------------------------
// Appeals

type ChannelCounts = Record<Appeal.Channel, number>

/**
 * The channel totals of both years: 2020 is the reference's; in 2019 oral
 * appeals follow the people received (328 against 161) and the electronic
 * share is five points lower than in 2020.
 */
export const channelTotals = (): Readonly<Record<"2019" | "2020", ChannelCounts>> => {
  const r20 = City.REFERENCE.appeals[2020]
  const total19 = City.REFERENCE.appeals[2019].total
  const oral19 = Math.round(
    (r20.oral * City.REFERENCE.receptions[2019].people) / City.REFERENCE.receptions[2020].people
  )
  const share20 = r20.electronic / (r20.total - r20.oral)
  const electronic19 = Math.round((share20 - 0.05) * (total19 - oral19))
  return {
    "2019": { written: total19 - oral19 - electronic19, electronic: electronic19, oral: oral19 },
    "2020": { written: r20.written, electronic: r20.electronic, oral: r20.oral }
  }
}

const SEASON = [0.93, 0.95, 1.0, 1.0, 0.98, 0.94, 0.9, 0.94, 1.04, 1.1, 1.1, 1.02]

/** Month weights of a channel in a year: the season, noise from the seed, and the pandemic in 2020. */
const monthWeights = (rng: Random.Random, year: number, channel: Appeal.Channel): ReadonlyArray<number> =>
  SEASON.map((s, i) => {
    let w = s * (0.94 + 0.12 * rng.next())
    if (year === 2020) {
      if (i === 3) w *= channel === "electronic" ? 0.72 : 0.45 // April 2020: offices closed
      if (i === 4) w *= channel === "electronic" ? 0.8 : 0.6
      if (i === 2) w *= 0.92
      if (i >= 8) w *= 1.1 // autumn: the heating season and the backlog
      if (channel === "oral" && i >= 3 && i <= 5) w = 0 // no personal receptions in April-June 2020
    }
    return w
  })

interface Drawn {
  readonly day: Day
  readonly channel: Appeal.Channel
  readonly minute: number
}

const RESULTS: ReadonlyArray<Appeal.Result> = ["explained", "supportedMeasuresTaken", "supported", "notSupported"]
const RESULT_WEIGHTS = [58, 22, 9, 11]
const TYPES: ReadonlyArray<Appeal.AppealType> = ["statement", "complaint", "proposal", "request"]
const TYPE_WEIGHTS = [70, 15, 10, 5]
const OFFICIALS = ["mayor", "first-deputy-mayor", "deputy-mayor-economy", "deputy-mayor-social"] as const

const actor = (s: string) => s as ActorId

const deadlines = Deadlines.make(Either.getOrThrow(Deadlines.makeSettings({ calendar, timeZone: ZONE })))

const appealRecords = (
  rng: Random.Random,
  totals: Readonly<Record<"2019" | "2020", ChannelCounts>>
): ReadonlyArray<AppealRecord> => {
  const out: Array<AppealRecord> = []
  const topicWeights = City.topics.map((t) => t.weight)
  for (const year of [2019, 2020] as const) {
    const drawn: Array<Drawn> = []
    for (const channel of ["written", "electronic", "oral"] as const) {
      const perMonth = Random.apportion(totals[year][channel], monthWeights(rng, year, channel))
      months(year).forEach((m, i) => {
        const days = receivingDays(m)
        for (let k = 0; k < (perMonth[i] ?? 0); k++)
          drawn.push({ day: rng.pick(days), channel, minute: rng.int(0, 8 * 60 - 1) })
      })
    }
    drawn.sort((a, b) =>
      a.day < b.day
        ? -1
        : a.day > b.day
          ? 1
          : a.minute - b.minute || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0)
    )
    drawn.forEach((x, i) => {
      const seq = i + 1
      const id = `A-${year}-${String(seq).padStart(5, "0")}` as AppealId
      const registrationNumber = Appeal.registrationNumber("ОГ", year, seq)
      const topic = City.topics[rng.weighted(topicWeights)] ?? City.topics[0]!
      const receivedAt = instant(x.day, 9 + Math.floor(x.minute / 60), x.minute % 60)
      const at = new Date(receivedAt.getTime() + rng.int(10, 90) * 60_000)
      const addressee: Addressee = rng.chance(0.72)
        ? new ToMayor({}, true)
        : new ToDivision({ division: topic.division }, true)
      const common = {
        appealId: id,
        at,
        actor: actor("registry-clerk"),
        registrationNumber,
        kind: rng.chance(0.05) ? ("collective" as const) : ("individual" as const),
        type: TYPES[rng.weighted(TYPE_WEIGHTS)] ?? "statement",
        addressee,
        applicant: new Applicant(
          x.channel === "electronic"
            ? {
                name: Redacted.make(`Заявитель ${year}-${seq}`),
                email: Redacted.make(`resident${year}${seq}@example.ru`)
              }
            : {
                name: Redacted.make(`Заявитель ${year}-${seq}`),
                postalAddress: Redacted.make(`г. Демоград, ул. Центральная, д. ${(seq % 180) + 1}`)
              },
          true
        ),
        text: Redacted.make(Texts.textOf(topic.code, seq)),
        topics: [topic.code as TopicCode] as const,
        relatedAppeals: [],
        receivedAt
      }
      const register: AC.AppealCommand =
        x.channel === "oral"
          ? new AC.RegisterOralAppeal(
              {
                ...common,
                receptionCard: `RC-${year}-${String(seq).padStart(5, "0")}` as ReceptionCardId,
                receivedBy: rng.pick(OFFICIALS) as OfficialId
              },
              true
            )
          : new AC.RegisterAppeal({ ...common, channel: x.channel }, true)
      const history: [AC.AppealCommand, ...Array<AC.AppealCommand>] = [register]
      const dayAt = (offset: number, hour: number) => instant(Period.addDays(x.day, offset), hour, rng.int(0, 59))
      if (rng.chance(0.03)) {
        history.push(
          new AC.ForwardByCompetence(
            {
              appealId: id,
              at: dayAt(rng.int(1, 4), 11),
              actor: actor("registry-clerk"),
              to: "Министерство жилищно-коммунального хозяйства края"
            },
            true
          )
        )
      } else {
        history.push(
          new AC.AssignToDivision(
            { appealId: id, at: dayAt(1, 10), actor: actor("registry-clerk"), division: topic.division },
            true
          )
        )
        // the due dates as the decider will count them (59-FZ art. 12 p. 1, 2)
        const due = Either.getOrElse(deadlines.answer(x.day, 0), () => Period.addDays(x.day, 28))
        const span = Math.max(1, Period.daysBetween(x.day, due))
        const extended = span > 3 && rng.chance(0.02)
        if (extended) {
          history.push(
            new AC.ExtendTerm(
              {
                appealId: id,
                at: dayAt(rng.int(2, span - 1), 12),
                actor: actor(`head-${topic.division}`),
                days: 30,
                reason: "Необходима дополнительная проверка"
              },
              true
            )
          )
        }
        const late = !extended && rng.chance(0.012)
        const extendedDue = Either.getOrElse(deadlines.answer(x.day, 30), () => Period.addDays(due, 30))
        const offset = extended
          ? rng.int(span + 1, Math.max(span + 1, Period.daysBetween(x.day, extendedDue)))
          : late
            ? span + rng.int(1, 8)
            : rng.int(Math.min(3, span), Math.min(span, 25))
        history.push(
          new AC.AnswerOnMerits(
            {
              appealId: id,
              at: dayAt(offset, 15),
              actor: actor(`head-${topic.division}`),
              result: RESULTS[rng.weighted(RESULT_WEIGHTS)] ?? "explained",
              form: x.channel === "electronic" ? "electronic" : "written"
            },
            true
          )
        )
      }
      out.push({ kind: "appeal", history })
    })
  }
  return out
}

/** The appeal decider of the demo (the default 59-FZ settings in Khabarovsk time, with the city's internal term). */
export const appealSettings: Deadlines.Settings = Either.getOrThrow(
  Deadlines.makeSettings({ calendar, timeZone: ZONE, terms: City.terms })
)

/**
 * Folds appeal records through the appeal decider: the summaries of the
 * appeals (a record the decider refuses is left out and counted).
 */
export const appealSummaries = (
  records: ReadonlyArray<DemoRecord>
): { readonly summaries: ReadonlyArray<Analysis.AppealSummary>; readonly refused: number } => {
  const d = AppealDecider.decider(appealSettings)
  const summaries: Array<Analysis.AppealSummary> = []
  let refused = 0
  for (const r of records) {
    if (r.kind !== "appeal") continue
    let state = d.initialState
    let ok = true
    for (const c of r.history) {
      const e = d.decide(c, state)
      if (Either.isLeft(e)) {
        ok = false
        break
      }
      for (const ev of e.right) state = d.evolve(state, ev)
    }
    const s = ok ? Analysis.summarise(state) : undefined
    if (s === undefined) refused++
    else summaries.push(s)
  }
  return { summaries, refused }
}

// ---------------------------------------------------------------------------
// Plans

const planMeta = (plan: string, day: Day, hour = 11) => ({
  plan: plan as PlanId,
  at: instant(day, hour),
  actor: actor("organisational-department")
})

interface ProgramSpec {
  readonly id: string
  readonly goal: string
  readonly division: DivisionId
  readonly ru: string
  readonly indicator: string
  readonly unit: string
  readonly better: Indicator.Better
  readonly base: number
}

const DIRECTIONS = [
  { id: "dir-city", ru: "Комфортная городская среда" },
  { id: "dir-social", ru: "Развитие человеческого капитала" },
  { id: "dir-governance", ru: "Эффективное муниципальное управление" }
] as const

const GOALS = [
  { id: "goal-housing", direction: "dir-city", ru: "Надёжное и качественное жилищно-коммунальное обслуживание" },
  { id: "goal-roads", direction: "dir-city", ru: "Безопасные дороги и благоустроенные дворы" },
  { id: "goal-social", direction: "dir-social", ru: "Доступные социальные услуги и образование" },
  { id: "goal-governance", direction: "dir-governance", ru: "Открытая и эффективная администрация" }
] as const

const div = (s: string) => s as DivisionId

const PROGRAMS: ReadonlyArray<ProgramSpec> = [
  {
    id: "prog-housing",
    goal: "goal-housing",
    division: div("housing"),
    ru: "Развитие жилищно-коммунального хозяйства",
    indicator: "Доля многоквартирных домов после капитального ремонта",
    unit: "%",
    better: "higher",
    base: 18
  },
  {
    id: "prog-roads",
    goal: "goal-roads",
    division: div("roads"),
    ru: "Развитие улично-дорожной сети",
    indicator: "Протяжённость отремонтированных дорог",
    unit: "км",
    better: "higher",
    base: 24
  },
  {
    id: "prog-transport",
    goal: "goal-roads",
    division: div("transport"),
    ru: "Развитие общественного транспорта",
    indicator: "Доля низкопольного подвижного состава",
    unit: "%",
    better: "higher",
    base: 31
  },
  {
    id: "prog-social",
    goal: "goal-social",
    division: div("social"),
    ru: "Социальная поддержка населения",
    indicator: "Среднее время ожидания социальной услуги",
    unit: "дн.",
    better: "lower",
    base: 12
  },
  {
    id: "prog-education",
    goal: "goal-social",
    division: div("education"),
    ru: "Развитие образования",
    indicator: "Обеспеченность местами в детских садах",
    unit: "%",
    better: "higher",
    base: 91
  },
  {
    id: "prog-economy",
    goal: "goal-governance",
    division: div("economy"),
    ru: "Развитие малого и среднего предпринимательства",
    indicator: "Число субъектов МСП на 10 тыс. жителей",
    unit: "ед.",
    better: "higher",
    base: 380
  }
]

/** The goal a division's recommended measures serve. */
const goalOfDivision = (d: string): string =>
  PROGRAMS.find((p) => p.division === d)?.goal ??
  (d === "property" || d === "architecture" ? "goal-housing" : "goal-governance")

const ITEM_TITLES = [
  "Подготовка и утверждение плана работ",
  "Выполнение основных мероприятий программы",
  "Мониторинг и отчёт об исполнении"
] as const

const strategicPlan = (rng: Random.Random): PlanRecord => {
  const plan = "strategy-2030"
  const day = Period.unsafeDay("2019-01-15")
  const m = planMeta(plan, day)
  const cmds: Array<Plan.Command> = [
    new Plan.CreatePlan({
      ...m,
      kind: "strategic",
      period: "2019..2030" as Period.Period,
      title: "Стратегия социально-экономического развития города до 2030 года"
    })
  ]
  for (const d of DIRECTIONS)
    cmds.push(new Plan.AddNode({ ...m, node: new N.Direction({ id: d.id as DirectionId, title: d.ru }) }))
  for (const g of GOALS)
    cmds.push(
      new Plan.AddNode({
        ...m,
        node: new N.Goal({ id: g.id as GoalId, direction: g.direction as DirectionId, title: g.ru })
      })
    )
  const targets = new Map<string, { t19: number; t20: number }>()
  for (const p of PROGRAMS) {
    cmds.push(
      new Plan.AddNode({
        ...m,
        node: new N.Program({
          id: p.id as ProgramId,
          title: p.ru,
          goal: p.goal as GoalId,
          alsoServes: [],
          division: p.division,
          from: "2019" as Period.Year,
          to: "2025" as Period.Year,
          budget: [
            new N.BudgetLine({ year: "2019" as Period.Year, amount: rng.int(80, 900) * 1_000_000 }),
            new N.BudgetLine({ year: "2020" as Period.Year, amount: rng.int(80, 900) * 1_000_000 })
          ],
          finalResults: [`${p.indicator}: достижение целевого значения`]
        })
      })
    )
    const step = p.better === "higher" ? 1.06 : 0.94
    const t19 = Math.round(p.base * step * 10) / 10,
      t20 = Math.round(p.base * step * step * 10) / 10
    targets.set(p.id, { t19, t20 })
    cmds.push(
      new Plan.AddNode({
        ...m,
        node: new N.IndicatorNode({
          indicator: new Indicator.NumericIndicator({
            id: `ind-${p.id}` as IndicatorId,
            name: p.indicator,
            attachedTo: { _tag: "Program", id: p.id as ProgramId },
            unit: p.unit,
            better: p.better,
            baseline: { value: p.base, date: Period.unsafeDay("2018-12-31") },
            targets: [
              new Indicator.NumericTarget({ period: "2019" as Period.Year, value: t19 }),
              new Indicator.NumericTarget({ period: "2020" as Period.Year, value: t20 })
            ]
          })
        })
      })
    )
  }
  cmds.push(
    new Plan.ApprovePlan({
      ...planMeta(plan, Period.unsafeDay("2019-01-25")),
      act: new Plan.Act({ number: "Решение городской Думы № 112", date: Period.unsafeDay("2019-01-25") })
    }),
    // December 2020: the strategy is amended with a program that starts in 2021 (drawn from no seed: the
    // records of 2019-2020 stay as they were)
    ...newProgram2021()
  )
  // actuals for 2019 and 2020, recorded at the start of the next year; most targets are met
  for (const [year, recordedOn] of [
    ["2019", "2020-01-20"],
    ["2020", "2021-01-20"]
  ] as const) {
    for (const p of PROGRAMS) {
      const t = targets.get(p.id)!
      const target = year === "2019" ? t.t19 : t.t20
      const met = rng.chance(0.8)
      const factor = met ? 1 + rng.next() * 0.05 : 0.9 + rng.next() * 0.08
      const amount = Math.round((p.better === "higher" ? target * factor : target / factor) * 10) / 10
      cmds.push(
        new Plan.RecordIndicatorActual({
          ...planMeta(plan, Period.unsafeDay(recordedOn)),
          actual: new Indicator.Actual({
            indicator: `ind-${p.id}` as IndicatorId,
            period: year as Period.Year,
            value: { _tag: "Numeric", amount }
          })
        })
      )
    }
  }
  return { kind: "plan", history: cmds as unknown as PlanRecord["history"] }
}

/** The program the strategy is amended with in December 2020, starting in 2021. */
export const PROGRAM_2021 = {
  id: "prog-urban-environment",
  title: "Формирование современной городской среды",
  division: "roads",
  from: "2021",
  to: "2024"
} as const

const newProgram2021 = (): ReadonlyArray<Plan.Command> => {
  const m = planMeta("strategy-2030", Period.unsafeDay("2020-11-16"))
  return [
    new Plan.StartAmendment({ ...m, reason: "Включение муниципальной программы на 2021-2024 годы" }),
    new Plan.AddNode({
      ...m,
      node: new N.Program({
        id: PROGRAM_2021.id as ProgramId,
        title: PROGRAM_2021.title,
        goal: "goal-roads" as GoalId,
        alsoServes: [],
        division: div(PROGRAM_2021.division),
        from: PROGRAM_2021.from as Period.Year,
        to: PROGRAM_2021.to as Period.Year,
        budget: [new N.BudgetLine({ year: "2021" as Period.Year, amount: 320_000_000 })],
        finalResults: ["Благоустройство дворовых и общественных территорий"]
      })
    }),
    new Plan.ApprovePlan({
      ...planMeta("strategy-2030", Period.unsafeDay("2020-11-26")),
      act: new Plan.Act({ number: "Решение городской Думы № 287", date: Period.unsafeDay("2020-11-26") })
    })
  ]
}

/**
 * The items of the annual plan of 2021 that the reference report names
 * among the administration's tasks for the next year: the President's
 * Address, the unified system of public power, informing the population
 * and the elections of 19 September 2021.
 */
export const NEXT_YEAR_ITEMS = [
  {
    id: "item-2021-address",
    title:
      "Организация исполнения Послания Президента Российской Федерации Федеральному Собранию: план мероприятий и ежеквартальные отчёты о его реализации",
    division: "organisation",
    period: "2021"
  },
  {
    id: "item-2021-public-power",
    title:
      "Участие в формировании единой системы публичной власти: взаимодействие с органами государственной власти края (ст. 132 Конституции Российской Федерации)",
    division: "organisation",
    period: "2021"
  },
  {
    id: "item-2021-informing",
    title:
      "Информирование населения о деятельности администрации города: публикации, «горячая линия», рубрика «Разговор по существу»",
    division: "information",
    period: "2021"
  },
  {
    id: "item-2021-elections",
    title:
      "Организационно-техническое обеспечение подготовки и проведения выборов 19 сентября 2021 года: депутатов Государственной Думы восьмого созыва, досрочных выборов Губернатора края, дополнительных выборов депутата городской Думы по округу № 3",
    division: "organisation",
    period: "2021-Q3"
  }
] as const

/** The annual plan of 2021, approved in December 2020: the seed's tasks and the programs' works of the year. */
const annualPlan2021 = (): PlanRecord => {
  const plan = "annual-2021"
  const m = planMeta(plan, Period.unsafeDay("2020-12-10"))
  const cmds: Array<Plan.Command> = [
    new Plan.CreatePlan({
      ...m,
      kind: "annual",
      period: "2021" as Period.Period,
      title: "План основных мероприятий администрации города на 2021 год"
    })
  ]
  for (const it of NEXT_YEAR_ITEMS)
    cmds.push(
      new Plan.AddNode({
        ...m,
        node: new N.PlanItem({
          id: it.id as PlanItemId,
          title: it.title,
          division: div(it.division),
          period: it.period as N.PlanItem["period"],
          link: { _tag: "Goal", id: "goal-governance" as GoalId }
        })
      })
    )
  for (const p of [...PROGRAMS, { id: PROGRAM_2021.id, ru: PROGRAM_2021.title, division: div(PROGRAM_2021.division) }])
    cmds.push(
      new Plan.AddNode({
        ...m,
        node: new N.PlanItem({
          id: `item-2021-${p.id}` as PlanItemId,
          title: `${p.ru}: выполнение основных мероприятий программы`,
          division: p.division,
          period: "2021" as N.PlanItem["period"],
          link: { _tag: "Program", id: p.id as ProgramId }
        })
      })
    )
  cmds.push(
    new Plan.ApprovePlan({
      ...planMeta(plan, Period.unsafeDay("2020-12-21")),
      act: new Plan.Act({ number: "Распоряжение № 2100-р", date: Period.unsafeDay("2020-12-21") })
    })
  )
  return { kind: "plan", history: cmds as unknown as PlanRecord["history"] }
}

/** Measures of the Address of 15 January 2020 to be carried out in 2021, with their deadlines. */
const ADDRESS_MEASURES_2021 = [
  {
    title: "Организация бесплатного горячего питания обучающихся начальных классов",
    division: "education",
    deadline: "2021-03-15"
  },
  { title: "Ввод в эксплуатацию ясельных групп в детских садах", division: "education", deadline: "2021-06-15" },
  { title: "Расселение граждан из аварийного жилищного фонда", division: "property", deadline: "2021-09-15" },
  {
    title: "Ежемесячные выплаты на детей в возрасте от трёх до семи лет: содействие в приёме заявлений",
    division: "social",
    deadline: "2021-12-15"
  }
] as const

/** The plan implementing the Address in 2021, approved in December 2020. */
const addressPlan2021 = (): PlanRecord => {
  const plan = "address-2021"
  const m = planMeta(plan, Period.unsafeDay("2020-12-14"))
  const cmds: Array<Plan.Command> = [
    new Plan.CreatePlan({
      ...m,
      kind: "address",
      period: "2021" as Period.Period,
      title:
        "План мероприятий по реализации Послания Президента Российской Федерации Федеральному Собранию от 15 января 2020 года на 2021 год"
    })
  ]
  ADDRESS_MEASURES_2021.forEach((x, i) =>
    cmds.push(
      new Plan.AddNode({
        ...m,
        node: new N.Measure({
          id: `measure-2021-${String(i + 1).padStart(2, "0")}` as ActivityId,
          title: x.title,
          division: div(x.division),
          deadline: Period.unsafeDay(x.deadline)
        })
      })
    )
  )
  cmds.push(
    new Plan.ApprovePlan({
      ...planMeta(plan, Period.unsafeDay("2020-12-22")),
      act: new Plan.Act({ number: "Распоряжение № 2115-р", date: Period.unsafeDay("2020-12-22") })
    })
  )
  return { kind: "plan", history: cmds as unknown as PlanRecord["history"] }
}

interface ItemSpec {
  readonly id: string
  readonly program: ProgramSpec
  readonly period: Period.Period
  readonly title: string
}

const annualPlan = (year: number): { readonly record: PlanRecord; readonly items: ReadonlyArray<ItemSpec> } => {
  const plan = `annual-${year}`
  const m = planMeta(plan, Period.unsafeDay(`${year - 1}-12-10`))
  const items: Array<ItemSpec> = []
  for (const p of PROGRAMS) {
    ITEM_TITLES.forEach((title, i) => {
      const period = (i === 0 ? `${year}-Q1` : i === 1 ? `${year}` : `${year}-Q4`) as Period.Period
      items.push({ id: `item-${year}-${p.id}-${i + 1}`, program: p, period, title: `${p.ru}: ${title.toLowerCase()}` })
    })
  }
  const cmds: Array<Plan.Command> = [
    new Plan.CreatePlan({
      ...m,
      kind: "annual",
      period: `${year}` as Period.Period,
      title: `План основных мероприятий администрации города на ${year} год`
    })
  ]
  for (const it of items) {
    cmds.push(
      new Plan.AddNode({
        ...m,
        node: new N.PlanItem({
          id: it.id as PlanItemId,
          title: it.title,
          division: it.program.division,
          period: it.period as N.PlanItem["period"],
          link: { _tag: "Program", id: it.program.id as ProgramId }
        })
      })
    )
  }
  cmds.push(
    new Plan.ApprovePlan({
      ...planMeta(plan, Period.unsafeDay(`${year - 1}-12-20`)),
      act: new Plan.Act({ number: `Распоряжение № ${year - 2000}00-р`, date: Period.unsafeDay(`${year - 1}-12-20`) })
    })
  )
  return { record: { kind: "plan", history: cmds as unknown as PlanRecord["history"] }, items }
}

const ACTIVITY_TITLES = [
  "Совещание с подрядными организациями",
  "Выездная проверка объектов",
  "Подготовка отчёта о ходе работ",
  "Приёмка выполненных работ",
  "Публичные слушания"
] as const

/** A month as a title writes it: «март 2020 г.» (as the report writes a month). */
const monthName = (month: string): string => Dates.month("ru", month)

/** A topic's name in the typical classifier (its code when it has none). */
const topicName = (topic: TopicCode | undefined): string =>
  topic === undefined ? "" : (Topic.nameOf(Topic.typical, topic) ?? topic)

const monthlyPlan = (
  rng: Random.Random,
  month: Period.Month,
  items: ReadonlyArray<ItemSpec>,
  recommendations: ReadonlyArray<Analysis.Recommendation>
): PlanRecord => {
  const plan = `monthly-${month}`
  const first = Period.firstDay(month)
  const created = Period.addDays(first, -8)
  const m = planMeta(plan, created)
  const activities: Array<N.Activity> = []
  let n = 0
  const deadline = () => {
    const days = receivingDays(month).filter((d) => d.slice(8) <= "25")
    return rng.pick(days.length > 0 ? days : receivingDays(month))
  }
  for (const it of items) {
    if (!Period.containsPeriod(it.period, month)) continue
    const count = it.period.length === 4 ? rng.int(1, 2) : rng.int(0, 1)
    for (let k = 0; k < count; k++) {
      n++
      activities.push(
        new N.Activity({
          id: `act-${month}-${String(n).padStart(3, "0")}` as ActivityId,
          title: `${rng.pick(ACTIVITY_TITLES)}: ${it.program.ru.toLowerCase()}`,
          division: it.program.division,
          month,
          deadline: deadline(),
          link: { _tag: "PlanItem", id: it.id as PlanItemId },
          origin: { _tag: "StrategicGoal", goal: it.program.goal as GoalId }
        })
      )
    }
  }
  for (const r of recommendations) {
    n++
    activities.push(
      new N.Activity({
        id: `act-${month}-${String(n).padStart(3, "0")}` as ActivityId,
        title: `Меры по снижению числа обращений по тематике «${topicName(r.topic)}» (рекомендация по итогам анализа за ${monthName(r.period)})`,
        division: r.division,
        month,
        deadline: deadline(),
        link: { _tag: "Goal", id: goalOfDivision(r.division) as GoalId },
        origin: { _tag: "Recommendation", recommendation: r.id as RecommendationId }
      })
    )
  }
  const cmds: Array<Plan.Command> = [
    new Plan.CreatePlan({
      ...m,
      kind: "monthly",
      period: month,
      title: `План работы администрации города на ${monthName(month)}`
    })
  ]
  for (const a of activities) cmds.push(new Plan.AddNode({ ...m, node: a }))
  if (activities.length === 0) return { kind: "plan", history: cmds as unknown as PlanRecord["history"] }
  const approvedOn = Period.addDays(first, -3)
  cmds.push(
    new Plan.ApprovePlan({
      ...planMeta(plan, approvedOn),
      act: new Plan.Act({ number: `Распоряжение № ${month}-р`, date: approvedOn })
    })
  )
  const last = Period.lastDay(month)
  const reportDay = nextWorking(Period.addDays(last, 2))
  const divisions = [...new Set(activities.map((a) => a.division))].sort()
  for (const d of divisions) {
    const entries = activities
      .filter((a) => a.division === d)
      .map((a) => {
        const x = rng.next()
        const execution: Report.Execution =
          x < 0.9
            ? new Report.Done({ completedOn: a.deadline })
            : x < 0.95
              ? new Report.Done({ completedOn: Period.addDays(a.deadline, rng.int(1, 3)) })
              : x < 0.98
                ? new Report.Moved({
                    newDeadline: Period.addDays(a.deadline, rng.int(20, 40)),
                    reason: "Перенос по согласованию с куратором"
                  })
                : new Report.NotDone({ reason: "Не выполнено подрядчиком" })
        return new Report.Entry({ activity: a.id, execution })
      })
    cmds.push(
      new Plan.SubmitMonthlyReport({
        ...planMeta(plan, reportDay, 16),
        report: new Report.MonthlyReport({
          id: `report-${month}-${d}` as ReportId,
          division: d as DivisionId,
          entries,
          actuals: []
        })
      })
    )
  }
  return { kind: "plan", history: cmds as unknown as PlanRecord["history"] }
}

const ADDRESS_MEASURES = [
  "Расширение сети детских садов и яслей",
  "Благоустройство общественных пространств",
  "Расселение аварийного жилищного фонда",
  "Обновление подвижного состава общественного транспорта",
  "Поддержка семей с детьми",
  "Перевод муниципальных услуг в электронный вид",
  "Поддержка малого и среднего предпринимательства",
  "Модернизация систем теплоснабжения",
  "Создание условий для занятий физической культурой",
  "Ремонт школ и учреждений культуры",
  "Повышение доступности первичной медицинской помощи",
  "Развитие добровольчества"
] as const

const addressPlan = (rng: Random.Random, year: number): PlanRecord => {
  const plan = `address-${year}`
  const m = planMeta(plan, Period.unsafeDay(`${year}-02-03`))
  const divisionsFor = [
    "education",
    "roads",
    "property",
    "transport",
    "social",
    "economy",
    "economy",
    "housing",
    "education",
    "education",
    "social",
    "social"
  ]
  const measures = ADDRESS_MEASURES.map((title, i) => {
    const q = (i % 4) + 1
    const month = `${year}-${String(q * 3).padStart(2, "0")}` as Period.Month
    return new N.Measure({
      id: `measure-${year}-${String(i + 1).padStart(2, "0")}` as ActivityId,
      title,
      division: div(divisionsFor[i] ?? "economy"),
      deadline: rng.pick(receivingDays(month).filter((d) => d.slice(8) >= "15"))
    })
  })
  const cmds: Array<Plan.Command> = [
    new Plan.CreatePlan({
      ...m,
      kind: "address",
      period: `${year}` as Period.Period,
      title: `План мероприятий по реализации Послания Президента Российской Федерации Федеральному Собранию на ${year} год`
    })
  ]
  for (const x of measures) cmds.push(new Plan.AddNode({ ...m, node: x }))
  cmds.push(
    new Plan.ApprovePlan({
      ...planMeta(plan, Period.unsafeDay(`${year}-02-10`)),
      act: new Plan.Act({ number: `Распоряжение № ${year - 2000}15-р`, date: Period.unsafeDay(`${year}-02-10`) })
    })
  )
  const done = new Set<string>()
  for (const q of [1, 2, 3, 4]) {
    const quarter = `${year}-Q${q}` as Period.Quarter
    const end = Period.lastDay(quarter)
    const entries = measures
      .filter((x) => !done.has(x.id))
      .map((x) => {
        const due = x.deadline <= end
        const finished = due && (q === 4 || rng.chance(0.92))
        if (finished) done.add(x.id)
        return new Report.Entry({
          activity: x.id,
          execution: finished
            ? new Report.Done({ completedOn: x.deadline })
            : new Report.PartlyDone({ note: due ? "Работы продолжаются" : "В работе, срок не наступил" })
        })
      })
    cmds.push(
      new Plan.SubmitQuarterlyReport({
        ...planMeta(plan, nextWorking(Period.addDays(end, 5)), 15),
        report: new Report.QuarterlyReport({ id: `address-report-${quarter}` as ReportId, quarter, entries })
      })
    )
  }
  return { kind: "plan", history: cmds as unknown as PlanRecord["history"] }
}

// ---------------------------------------------------------------------------
// Elections

/**
 * The by-election of the single voting day of 13 September 2020 (voting on
 * 11-13 September 2020): a deputy of the City Duma in single-mandate district
 * No. 7, whose seat fell vacant. Illustrative: the reference report's year
 * had a voting day, its details are the demo's.
 */
export const byElection2020 = new Election({
  id: "city-duma-district-7-2020" as Election["id"],
  level: "municipal",
  kind: "byElection",
  body: "Городская Дума",
  districts: [7],
  calling: new CallingDecision({
    act: "Решение городской Думы о назначении дополнительных выборов депутата городской Думы по одномандатному избирательному округу № 7",
    date: Period.unsafeDay("2020-06-16"),
    publishedOn: Period.unsafeDay("2020-06-19")
  }),
  votingDays: [Period.unsafeDay("2020-09-11"), Period.unsafeDay("2020-09-12"), Period.unsafeDay("2020-09-13")],
  commission: "city-election-commission" as Election["commission"]
})

const electionCalendar = (
  votingDay: Day = Period.unsafeDay("2021-09-19"),
  elections: ReadonlyArray<Election> = Reference2021.elections,
  registeredOn: Day = Period.unsafeDay("2021-06-23")
): ElectionCalendarRecord => {
  const department = actor("organisational-department")
  const registered = instant(registeredOn, 10)
  const cmds: Array<ElectionCalendar.Command> = []
  for (const e of elections)
    cmds.push(new ElectionCalendar.RegisterElection({ election: e, at: registered, actor: department }))
  for (const e of elections) {
    cmds.push(
      new ElectionCalendar.PlanTasks({
        election: e.id,
        tasks: [Template.tasks[0]!, ...Template.tasks.slice(1)],
        at: registered,
        actor: department
      })
    )
  }
  const merged = Either.getOrThrow(
    MergedCalendar.plan(elections.map((election) => ({ election, tasks: Template.tasks })))
  )
  // every task done on its date (inside its window), dependencies first
  const done = new Set<string>()
  const pending = [...merged.tasks]
  while (pending.length > 0) {
    const i = pending.findIndex((t) => t.dependsOn.every((d) => done.has(d)))
    const t = pending.splice(Math.max(0, i), 1)[0]!
    done.add(t.id)
    cmds.push(new ElectionCalendar.MarkDone({ task: t.id, on: t.date, at: instant(t.date, 17), actor: department }))
  }
  return { kind: "electionCalendar", votingDay, history: cmds as unknown as ElectionCalendarRecord["history"] }
}

// ---------------------------------------------------------------------------

/**
 * The recommendations on growing topics of each month of 2020 (each month
 * against the same month of 2019, topics at the theme-group level, growth
 * over 15 % on at least 20 appeals), counted straight from the records:
 * registration month, main topic and the division assigned. These are the
 * ids {@link Analysis.recommendations} gives for the same counts.
 */
const topicGrowthRecommendations = (
  appeals: ReadonlyArray<AppealRecord>
): ((month: Period.Month) => ReadonlyArray<Analysis.Recommendation>) => {
  const counts = new Map<string, number>()
  for (const r of appeals) {
    const reg = r.history[0]
    const assigned = r.history.find((c): c is AC.AssignToDivision => c._tag === "AssignToDivision")
    if (assigned === undefined || (reg._tag !== "RegisterAppeal" && reg._tag !== "RegisterOralAppeal")) continue
    const day = Either.getOrUndefined(TimeZone.localDay(reg.at, ZONE))
    if (day === undefined) continue
    const k = `${day.slice(0, 7)}|${assigned.division}|${Topic.atLevel(reg.topics[0], 2)}`
    counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  return (month) => {
    if (month < "2020-01") return []
    const prev = Analysis.previousYearOf(month) as Period.Month
    const out: Array<Analysis.Recommendation> = []
    for (const [k, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [m, division, topic] = k.split("|") as [string, DivisionId, TopicCode]
      if (m !== month) continue
      const p = counts.get(`${prev}|${division}|${topic}`) ?? 0
      const pct = Analysis.changePercent(p, n)
      if (n < 20 || (pct !== undefined && pct <= 15)) continue
      out.push(
        new Analysis.Recommendation({
          id: Analysis.recommendationId(month, division, "topicGrowth", topic),
          period: month,
          division,
          reason: "topicGrowth",
          topic,
          current: n,
          previous: p,
          ...(pct === undefined ? {} : { changePercent: pct })
        })
      )
    }
    return out
  }
}

/** The demo city's organisation, adopted on the last working day before it takes effect. */
export const organisationRecord = (): OrganisationRecord => ({
  kind: "organisation",
  history: [
    new OrganisationHistory.AdoptOrganisation({
      at: instant(Period.addDays(City.ORGANISATION_FROM, -4), 12),
      actor: actor("organisational-department"),
      from: City.ORGANISATION_FROM,
      organisation: City.organisation
    })
  ]
})

/** Generates the demo city for a seed. */
export const generate = (options: Options): DemoCity => {
  const rng = Random.make(options.seed)
  const totals = channelTotals()
  const appeals = appealRecords(rng, totals)
  // the monthly analyses' recommendations on growing topics become measures in the next month's plan
  const recsFor = topicGrowthRecommendations(appeals)
  const plans: Array<PlanRecord> = [strategicPlan(rng)]
  for (const year of [2019, 2020]) {
    const annual = annualPlan(year)
    plans.push(annual.record)
    for (const month of months(year)) {
      const previous = Period.monthOf(Period.addDays(Period.firstDay(month), -1))
      plans.push(monthlyPlan(rng, month, annual.items, recsFor(previous)))
    }
  }
  plans.push(addressPlan(rng, 2020))
  // the next year, as planned by the end of 2020 (no draw from the seed)
  plans.push(annualPlan2021(), addressPlan2021())
  const meetings = MeetingsGen.generate(
    rng,
    {
      instant,
      workingDays,
      localDay: (at) =>
        Either.getOrElse(TimeZone.localDay(at, ZONE), () => Period.unsafeDay(at.toISOString().slice(0, 10)))
    },
    appeals
  )
  // information work, budget control, methodological support and City Duma support, consistent with the appeals
  // and the plans, from a generator of their own
  const organisational = OrganisationalGen.generate(options.seed, {
    instant,
    workingDays,
    localDay: (at) =>
      Either.getOrElse(TimeZone.localDay(at, ZONE), () => Period.unsafeDay(at.toISOString().slice(0, 10))),
    appeals,
    plans
  })
  return {
    seed: options.seed,
    records: [
      organisationRecord(),
      ...plans,
      // with the acts of issue 20 (executors, answer documents, notices, signatories) and January 2021's appeals
      // that show the other grounds: drawn from no seed, so the figures above stay as they are
      ...Acts.appeals(appeals),
      ...meetings,
      electionCalendar(),
      electionCalendar(Period.unsafeDay("2020-09-13"), [byElection2020], Period.unsafeDay("2020-06-22")),
      // the polling stations of the by-election's district, their officers officials of the organisation
      ...PollingStations.records(),
      ...organisational
    ],
    appealTotals: totals
  }
}
