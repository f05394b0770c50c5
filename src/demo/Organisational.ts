/**
 * The demo city's organisational work besides appeals, plans and meetings,
 * for 2019 and 2020, consistent with its other records:
 *
 * - information work: the publication register (the official website, the
 *   newspaper, social networks; rubrics «Горячая линия» and «Разговор по
 *   существу») and the monthly information plans, whose hot topics are the
 *   month's most frequent topics of the appeals — a publication covers a
 *   hot topic of the appeals analysis, most months all of them;
 * - budget control: each program's budget of the year is the strategic
 *   plan's budget line, with contracts and payments by quarter;
 * - methodological support: the Methodological Council's two sessions a
 *   year, the manuals it approves (or returns) and sends to the divisions;
 * - City Duma support: the Duma's sessions, the draft decisions the
 *   divisions prepare, and each decision's follow-up instruction, executed
 *   by an activity of the next month's plan of that division.
 *
 * Drawn from a generator of its own (the city's seed, offset), so the
 * records of appeals, plans and meetings stay exactly as they were.
 *
 * @module
 */
import type * as Appeal from "../appeals/AppealCommand.js"
import * as Topic from "../appeals/Topic.js"
import * as ProgramBudget from "../budget/ProgramBudget.js"
import type { Kopecks } from "../budget/Money.js"
import * as Session from "../duma/Session.js"
import * as Coverage from "../information/Coverage.js"
import * as InformationPlan from "../information/InformationPlan.js"
import * as Publication from "../information/Publication.js"
import * as PublicationRegister from "../information/PublicationRegister.js"
import type { TopicCode as InformationTopicCode } from "../information/Topic.js"
import type {
  ActivityId,
  ActorId,
  DivisionId,
  DocumentId,
  IndicatorId,
  InstructionId,
  ProgramId,
  PublicationId,
  SessionId
} from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import { Term } from "../kernel/Term.js"
import * as Council from "../methodology/Council.js"
import { Manual } from "../methodology/Manual.js"
import type * as N from "../planning/Node.js"
import type * as Plan from "../planning/Plan.js"
import * as Random from "./Random.js"

/** The administration's publication register with its history. */
export interface PublicationsRecord {
  readonly kind: "publications"
  readonly history: readonly [PublicationRegister.Command, ...Array<PublicationRegister.Command>]
}
/** A month's information plan with its history. */
export interface InformationPlanRecord {
  readonly kind: "informationPlan"
  readonly history: readonly [InformationPlan.Command, ...Array<InformationPlan.Command>]
}
/** A program's budget for a year with its history. */
export interface ProgramBudgetRecord {
  readonly kind: "programBudget"
  readonly history: readonly [ProgramBudget.Command, ...Array<ProgramBudget.Command>]
}
/** The Methodological Council with its history. */
export interface MethodologicalCouncilRecord {
  readonly kind: "methodologicalCouncil"
  readonly council: string
  readonly history: readonly [Council.Command, ...Array<Council.Command>]
}
/** A City Duma session with its history. */
export interface DumaSessionRecord {
  readonly kind: "dumaSession"
  readonly history: readonly [Session.Command, ...Array<Session.Command>]
}

/** A record of the organisational areas. */
export type OrganisationalRecord =
  | PublicationsRecord
  | InformationPlanRecord
  | ProgramBudgetRecord
  | MethodologicalCouncilRecord
  | DumaSessionRecord

/** What the organisational records are made consistent with. */
export interface Context {
  readonly instant: (day: Day, hour: number, minute?: number) => Date
  /** The working days of a month. */
  readonly workingDays: (month: Period.Month) => ReadonlyArray<Day>
  /** The local day of an instant. */
  readonly localDay: (at: Date) => Day
  /** The appeals (their registrations). */
  readonly appeals: ReadonlyArray<{ readonly history: ReadonlyArray<Appeal.AppealCommand> }>
  /** The plans (the strategy's programs and budget lines, the monthly plans' activities). */
  readonly plans: ReadonlyArray<{ readonly history: ReadonlyArray<Plan.Command> }>
}

const YEARS = [2019, 2020] as const
const actor = (s: string) => s as ActorId
const months = (year: number): ReadonlyArray<Period.Month> =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}` as Period.Month)

const nonEmpty = <A>(xs: ReadonlyArray<A>): readonly [A, ...Array<A>] => xs as readonly [A, ...Array<A>]

// ---- information work -----------------------------------------------------------

const HOT_TOPICS_A_MONTH = 3

/** The month's most frequent topics of the appeals (theme groups), with their counts. */
const hotTopicsByMonth = (ctx: Context): ReadonlyMap<string, ReadonlyArray<Coverage.HotTopic>> => {
  const counts = new Map<string, Map<string, number>>()
  for (const a of ctx.appeals) {
    const reg = a.history[0]
    if (reg === undefined || (reg._tag !== "RegisterAppeal" && reg._tag !== "RegisterOralAppeal")) continue
    const month = ctx.localDay(reg.at).slice(0, 7)
    const topic = reg.topics[0]
    if (topic === undefined) continue
    const code = Topic.atLevel(topic, 2)
    const m = counts.get(month) ?? new Map<string, number>()
    m.set(code, (m.get(code) ?? 0) + 1)
    counts.set(month, m)
  }
  const out = new Map<string, ReadonlyArray<Coverage.HotTopic>>()
  for (const [month, m] of counts)
    out.set(
      month,
      [...m.entries()]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .slice(0, HOT_TOPICS_A_MONTH)
        .map(
          ([code, n]) =>
            new Coverage.HotTopic({
              code: code as InformationTopicCode,
              appeals: n,
              ...(Topic.nameOf(Topic.typical, code as Topic.TopicCode) === undefined
                ? {}
                : { name: Topic.nameOf(Topic.typical, code as Topic.TopicCode)! })
            })
        )
    )
  return out
}

const RUBRIC_TITLES = {
  [Publication.HOT_LINE]: "Горячая линия: ответы на вопросы жителей",
  [Publication.TO_THE_POINT]: "Разговор по существу: руководитель отвечает"
} as const

const GENERAL_TITLES = [
  "Итоги заседания администрации города",
  "График личного приёма граждан",
  "О ходе исполнения муниципальных программ",
  "Поздравление Мэра города",
  "О работе с обращениями граждан за месяц"
] as const

const information = (rng: Random.Random, ctx: Context): ReadonlyArray<PublicationsRecord | InformationPlanRecord> => {
  const hot = hotTopicsByMonth(ctx)
  const department = actor("information")
  const publications: Array<Publication.Publication> = []
  let n = 0
  const publish = (
    day: Day,
    channel: Publication.Channel,
    title: string,
    topics: ReadonlyArray<string>,
    rubric?: string
  ) => {
    n++
    publications.push(
      new Publication.Publication({
        id: `pub-${day.slice(0, 4)}-${String(n).padStart(4, "0")}` as PublicationId,
        channel,
        ...(rubric === undefined ? {} : { rubric }),
        date: day,
        title,
        topics: topics as ReadonlyArray<InformationTopicCode>,
        division: "information" as DivisionId
      })
    )
  }
  // January 2021 too: the window of December 2020's hot topics runs to its end
  const all = [...months(2019), ...months(2020), "2021-01" as Period.Month]
  for (const month of all) {
    const days = ctx.workingDays(month)
    if (days.length === 0) continue
    for (let i = 0; i < 6; i++)
      publish(
        rng.pick(days),
        rng.pick(["website", "newspaper", "socialNetwork"] as const),
        rng.pick(GENERAL_TITLES),
        []
      )
    // the month's hot topics: the rubrics answer most of them in the month or the next
    for (const t of hot.get(month) ?? []) {
      if (!rng.chance(0.85)) continue
      const rubric = rng.chance(0.6) ? Publication.HOT_LINE : Publication.TO_THE_POINT
      const later = ctx.workingDays(Period.nextMonth(month))
      const day = rng.chance(0.7) || later.length === 0 ? rng.pick(days) : rng.pick(later)
      publish(
        day,
        rubric === Publication.HOT_LINE ? "website" : "newspaper",
        `${RUBRIC_TITLES[rubric]}: ${t.name ?? t.code}`,
        [t.code],
        rubric
      )
    }
  }
  publications.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))
  const register: PublicationsRecord = {
    kind: "publications",
    history: nonEmpty(
      publications.map(
        (p) =>
          new PublicationRegister.RecordPublication({ at: ctx.instant(p.date, 17), actor: department, publication: p })
      )
    )
  }
  const plans: Array<InformationPlanRecord> = []
  for (const year of YEARS)
    for (const month of months(year)) {
      const topics = hot.get(month) ?? []
      const window = Coverage.window(month)
      const opened = ctx.workingDays(month)[0] ?? Period.firstDay(month)
      const closeOn = ctx.workingDays(Period.nextMonth(Period.nextMonth(month)))[2] ?? Period.addDays(window.to, 5)
      const m = { month, actor: department }
      plans.push({
        kind: "informationPlan",
        history: [
          new InformationPlan.OpenInformationPlan({ ...m, at: ctx.instant(opened, 10), hotTopics: topics }),
          ...topics.map(
            (t) =>
              new InformationPlan.AssignHotTopic({
                ...m,
                at: ctx.instant(opened, 11),
                topic: t.code,
                division: "information" as DivisionId
              })
          ),
          new InformationPlan.CloseInformationPlan({
            ...m,
            at: ctx.instant(closeOn, 16),
            on: closeOn,
            publications: publications.filter((p) => p.date >= window.from && p.date <= window.to)
          })
        ]
      })
    }
  return [register, ...plans]
}

// ---- budget control ----------------------------------------------------------------

const budgets = (rng: Random.Random, ctx: Context): ReadonlyArray<ProgramBudgetRecord> => {
  const finance = actor("finance")
  const out: Array<ProgramBudgetRecord> = []
  const strategic = ctx.plans.find((p) => p.history[0]?._tag === "CreatePlan" && p.history[0].kind === "strategic")
  const programs = (strategic?.history ?? []).flatMap((c) =>
    c._tag === "AddNode" && c.node._tag === "Program" ? [c.node as N.Program] : []
  )
  const indicators = new Map<string, Array<IndicatorId>>()
  for (const c of strategic?.history ?? [])
    if (c._tag === "AddNode" && c.node._tag === "Indicator" && c.node.indicator.attachedTo._tag === "Program") {
      const list = indicators.get(c.node.indicator.attachedTo.id) ?? []
      list.push(c.node.indicator.id)
      indicators.set(c.node.indicator.attachedTo.id, list)
    }
  for (const year of YEARS)
    for (const p of programs) {
      const y = `${year}` as Period.Year
      const line = p.budget.find((b) => b.year === y)
      if (line === undefined) continue
      const total = line.amount * 100 // the budget line is in roubles; the budget in kopecks
      const quarter = [0.2, 0.25, 0.25, 0.3].map((s) => Math.round(total * s))
      const meta = { program: p.id as ProgramId, year: y, actor: finance }
      const cmds: Array<ProgramBudget.Command> = [
        new ProgramBudget.OpenProgramBudget({
          ...meta,
          at: ctx.instant(`${year}-01-15` as Day, 10),
          info: new ProgramBudget.ProgramInfo({
            id: p.id as ProgramId,
            from: p.from,
            to: p.to,
            indicators: indicators.get(p.id) ?? []
          }),
          planned: new ProgramBudget.QuarterAmounts({
            q1: quarter[0] as Kopecks,
            q2: quarter[1] as Kopecks,
            q3: quarter[2] as Kopecks,
            q4: quarter[3] as Kopecks
          })
        })
      ]
      for (const q of [1, 2, 3, 4] as const) {
        const planned = quarter[q - 1] ?? 0
        const month = `${year}-${String(q * 3 - 1).padStart(2, "0")}` as Period.Month
        const day = rng.pick(ctx.workingDays(month))
        // whole roubles, as the contracts and payment orders of the demo are
        const roubles = (x: number) => Math.round(x / 100) * 100
        const committed = roubles(planned * (0.95 + 0.05 * rng.next()))
        const spent = roubles(committed * (q === 4 ? 0.9 + 0.1 * rng.next() : 0.97 + 0.03 * rng.next()))
        cmds.push(
          new ProgramBudget.RecordCommitment({
            ...meta,
            at: ctx.instant(day, 12),
            entry: new ProgramBudget.Entry({
              ref: `contract-${p.id}-${year}-q${q}`,
              on: day,
              amount: committed as Kopecks
            })
          }),
          new ProgramBudget.RecordSpending({
            ...meta,
            at: ctx.instant(Period.lastDay(Period.unsafeQuarter(`${year}-Q${q}`)), 12),
            entry: new ProgramBudget.Entry({
              ref: `payment-${p.id}-${year}-q${q}`,
              on: Period.lastDay(Period.unsafeQuarter(`${year}-Q${q}`)),
              amount: spent as Kopecks
            })
          })
        )
      }
      const close = ctx.workingDays(`${year + 1}-01` as Period.Month)[3] ?? (`${year + 1}-01-20` as Day)
      cmds.push(new ProgramBudget.CloseBudgetYear({ ...meta, at: ctx.instant(close, 12), on: close }))
      out.push({ kind: "programBudget", history: nonEmpty(cmds) })
    }
  return out
}

// ---- methodological support ------------------------------------------------------

const MANUALS = [
  { kind: "recommendations", title: "Порядок подготовки ежемесячных отчётов структурных подразделений", by: "economy" },
  { kind: "manual", title: "Работа с обращениями граждан: регистрация, рассмотрение, контроль сроков", by: "control" },
  { kind: "recommendations", title: "Организация информационных встреч с населением", by: "social" },
  { kind: "recommendations", title: "Организация личного приёма граждан в режиме видеосвязи", by: "control" },
  { kind: "manual", title: "Подготовка проектов решений городской Думы", by: "finance" },
  {
    kind: "recommendations",
    title: "Освещение актуальных тем обращений в средствах массовой информации",
    by: "education"
  }
] as const

const methodology = (rng: Random.Random, ctx: Context): MethodologicalCouncilRecord => {
  const secretary = actor("organisation")
  const cmds: Array<Council.Command> = []
  const divisions = ["housing", "roads", "transport", "social", "education", "economy", "control"] as const
  MANUALS.forEach((m, i) => {
    const year = YEARS[Math.floor(i / 3)] ?? 2020
    const half = i % 3 === 2 ? 2 : 1
    const sessionMonth = `${year}-${half === 1 ? "03" : "10"}` as Period.Month
    const sessionDay = ctx.workingDays(sessionMonth)[12] ?? Period.firstDay(sessionMonth)
    const id = `mr-${year}-${i + 1}` as DocumentId
    const submitted = Period.addDays(sessionDay, -20)
    cmds.push(
      new Council.SubmitManual({
        at: ctx.instant(submitted, 10),
        actor: secretary,
        manual: new Manual({
          id,
          kind: m.kind,
          title: m.title,
          basedOn: [{ _tag: "Division", id: m.by as DivisionId }],
          preparedBy: "organisation" as DivisionId
        })
      })
    )
  })
  for (const year of YEARS)
    for (const [half, month] of [
      [1, "03"],
      [2, "10"]
    ] as const) {
      const sessionMonth = `${year}-${month}` as Period.Month
      const day = ctx.workingDays(sessionMonth)[12] ?? Period.firstDay(sessionMonth)
      const session = `mc-${year}-${half}` as SessionId
      const manuals = MANUALS.flatMap((_, i) =>
        (YEARS[Math.floor(i / 3)] ?? 2020) === year && (i % 3 === 2 ? 2 : 1) === half
          ? [`mr-${year}-${i + 1}` as DocumentId]
          : []
      )
      const agenda = [
        ...manuals.map((m) => new Council.AgendaItem({ title: "О рассмотрении методического материала", manual: m })),
        new Council.AgendaItem({ title: "О плане работы Методического совета" })
      ]
      cmds.push(
        new Council.ScheduleCouncilSession({
          at: ctx.instant(Period.addDays(day, -10), 10),
          actor: secretary,
          session,
          date: day,
          agenda
        })
      )
      // most manuals are approved; one in five goes back for revision
      const outcomes = manuals.map(() => (rng.chance(0.8) ? ("approveManual" as const) : ("returnManual" as const)))
      cmds.push(
        new Council.HoldCouncilSession({
          at: ctx.instant(day, 16),
          actor: secretary,
          session,
          decisions: [
            ...outcomes.map(
              (o, item) =>
                new Council.CouncilDecision({
                  item,
                  outcome: o,
                  text: o === "approveManual" ? "Одобрить и направить в подразделения" : "Вернуть на доработку"
                })
            ),
            new Council.CouncilDecision({ item: manuals.length, outcome: "resolution", text: "Утвердить план работы" })
          ]
        })
      )
      manuals.forEach((manual, i) => {
        if (outcomes[i] !== "approveManual") return
        const on = Period.addDays(day, 7)
        cmds.push(
          new Council.DistributeManual({
            at: ctx.instant(on, 12),
            actor: secretary,
            manual,
            on,
            recipients: nonEmpty(divisions.map((d) => ({ _tag: "Division" as const, id: d as DivisionId })))
          })
        )
      })
    }
  return { kind: "methodologicalCouncil", council: "council", history: nonEmpty(cmds) }
}

// ---- City Duma support --------------------------------------------------------------

const DRAFTS = [
  { title: "О внесении изменений в бюджет города", division: "finance" },
  { title: "Об утверждении отчёта об исполнении бюджета города", division: "finance" },
  { title: "О порядке управления муниципальным имуществом", division: "property" },
  { title: "О правилах благоустройства территории города", division: "roads" },
  { title: "О мерах социальной поддержки отдельных категорий граждан", division: "social" },
  { title: "О тарифах на перевозку пассажиров городским транспортом", division: "transport" },
  { title: "О генеральном плане города", division: "architecture" },
  { title: "О поддержке малого и среднего предпринимательства", division: "economy" }
] as const

const SESSION_MONTHS = ["02", "04", "06", "09", "11", "12"] as const

const duma = (rng: Random.Random, ctx: Context): ReadonlyArray<DumaSessionRecord> => {
  const secretary = actor("organisation")
  // the monthly plans' activities by month and division: a decision's instruction is executed by one of them
  const activities = new Map<string, Array<{ readonly id: ActivityId; readonly link: N.Activity["link"] }>>()
  for (const p of ctx.plans) {
    const first = p.history[0]
    if (first?._tag !== "CreatePlan" || first.kind !== "monthly") continue
    for (const c of p.history)
      if (c._tag === "AddNode" && c.node._tag === "Activity") {
        const k = `${c.node.month}|${c.node.division}`
        const list = activities.get(k) ?? []
        list.push({ id: c.node.id, link: c.node.link })
        activities.set(k, list)
      }
  }
  const out: Array<DumaSessionRecord> = []
  for (const year of YEARS)
    for (const month of SESSION_MONTHS) {
      const sessionMonth = `${year}-${month}` as Period.Month
      const days = ctx.workingDays(sessionMonth)
      const date = days[days.length - 3] ?? Period.lastDay(sessionMonth)
      const session = `duma-${sessionMonth}` as SessionId
      const m = { session, actor: secretary }
      const cmds: Array<Session.Command> = [
        new Session.ScheduleDumaSession({
          ...m,
          at: ctx.instant(Period.addDays(date, -61), 10),
          date,
          agenda: ["Информация Мэра города о деятельности администрации"]
        })
      ]
      const drafts = DRAFTS.filter(() => rng.chance(0.4)).slice(0, 4)
      const chosen = drafts.length > 0 ? drafts : [DRAFTS[0]]
      // assigned two months ahead: the term (10 working days before the session) falls after the assignment
      // even across the non-working days of the spring of 2020
      const assignedOn = Period.addDays(date, -60)
      chosen.forEach((d, i) => {
        const draft = `draft-${sessionMonth}-${i + 1}` as DocumentId
        cmds.push(
          new Session.AssignDraft({
            ...m,
            at: ctx.instant(assignedOn, 11),
            draft,
            title: d.title,
            division: d.division as DivisionId,
            term: new Term({ amount: 10, unit: "workingDays" }),
            assignedOn
          })
        )
      })
      const submitted: Array<{ readonly draft: DocumentId; readonly division: string; readonly title: string }> = []
      chosen.forEach((d, i) => {
        const draft = `draft-${sessionMonth}-${i + 1}` as DocumentId
        if (!rng.chance(0.95)) return
        // on time as a rule (a week after the assignment); now and then two days before the session, late
        const on = rng.chance(0.9) ? Period.addDays(assignedOn, 7) : Period.addDays(date, -2)
        cmds.push(new Session.SubmitDraft({ ...m, at: ctx.instant(on, 15), draft, on }))
        submitted.push({ draft, division: d.division, title: d.title })
      })
      const next = Period.nextMonth(sessionMonth)
      submitted.forEach((s, i) => {
        if (!rng.chance(0.9)) {
          cmds.push(new Session.RejectDraft({ ...m, at: ctx.instant(date, 16), draft: s.draft }))
          return
        }
        const executing = activities.get(`${next}|${s.division}`)?.[0]
        cmds.push(
          new Session.AdoptDecision({
            ...m,
            at: ctx.instant(date, 16),
            draft: s.draft,
            number: `${Number(month)}/${i + 1}`,
            instructions:
              executing === undefined
                ? []
                : [
                    new Session.Instruction({
                      id: `instr-${sessionMonth}-${i + 1}` as InstructionId,
                      division: s.division as DivisionId,
                      task: `Организовать исполнение решения «${s.title}»`,
                      due: Period.lastDay(next),
                      activity: executing.id,
                      link: executing.link
                    })
                  ]
          })
        )
      })
      cmds.push(new Session.CloseDumaSession({ ...m, at: ctx.instant(Period.addDays(date, 1), 10) }))
      out.push({ kind: "dumaSession", history: nonEmpty(cmds) })
    }
  return out
}

/** The organisational records of 2019 and 2020 for a seed, consistent with the city's appeals and plans. */
export const generate = (seed: number, ctx: Context): ReadonlyArray<OrganisationalRecord> => {
  // a generator of its own: the other records are drawn from the city's seed as before
  const rng = Random.make((seed ^ 0x5a17) >>> 0)
  return [...information(rng, ctx), ...budgets(rng, ctx), methodology(rng, ctx), ...duma(rng, ctx)]
}
