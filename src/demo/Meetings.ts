/**
 * The demo city's meetings with residents: the suspension of in-person
 * receptions and meetings in the spring of 2020, the personal receptions of
 * the Mayor and the deputy mayors with their reception cards, and the
 * information meetings in the districts with their questions and
 * dispositions — as commands of the meetings deciders.
 *
 * Receptions reconcile with the appeals: every oral appeal of the demo was
 * made at a personal reception (its reception card), so each becomes a card
 * answered as an oral appeal and linked to it; the other people received
 * (the reference's people received less the oral appeals) were answered
 * orally, on their consent. In 2020 some receptions are online: during the
 * suspension only online ones, after it a share of the slots.
 *
 * @module
 */
import { Either, Redacted, Schema } from "effect"
import type * as AC from "../appeals/AppealCommand.js"
import type {
  ActorId,
  DivisionId,
  InstructionId,
  MeetingId,
  OfficialId,
  QuestionId,
  ReceptionCardId,
  ReceptionId
} from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import type { TimeZoneName } from "../kernel/TimeZone.js"
import * as Meeting from "../meetings/Meeting.js"
import * as Reception from "../meetings/Reception.js"
import * as Suspension from "../meetings/Suspension.js"
import * as Venue from "../meetings/Venue.js"
import * as City from "./City.js"
import type * as Random from "./Random.js"

/** The suspension of in-person receptions and meetings (one stream for the administration). */
export interface SuspensionRecord {
  readonly kind: "suspension"
  readonly history: readonly [Suspension.Command, ...Array<Suspension.Command>]
}

/** A reception slot with its history (scheduling, cards, links to appeals, closing). */
export interface ReceptionRecord {
  readonly kind: "reception"
  readonly history: readonly [Reception.Command, ...Array<Reception.Command>]
}

/** An information meeting with its history (scheduling, holding, questions and their dispositions, closing). */
export interface MeetingRecord {
  readonly kind: "meeting"
  readonly history: readonly [Meeting.Command, ...Array<Meeting.Command>]
}

/** What the meetings generator needs from the rest of the demo. */
export interface Context {
  /** The local instant of a day and hour (the administration's zone). */
  readonly instant: (day: Day, hour: number, minute?: number) => Date
  /** The working days of a month. */
  readonly workingDays: (month: Period.Month) => ReadonlyArray<Day>
  /** The local day of an instant. */
  readonly localDay: (at: Date) => Day
}

const actor = (s: string) => s as ActorId
const official = (s: string) => s as OfficialId

/** The days in-person receptions and meetings were suspended in 2020 (declared first to mid-summer, then shortened). */
export const SUSPENSION = {
  declaredOn: Period.unsafeDay("2020-03-27"),
  from: Period.unsafeDay("2020-03-28"),
  declaredTo: Period.unsafeDay("2020-07-31"),
  shortenedOn: Period.unsafeDay("2020-06-24"),
  to: Period.unsafeDay("2020-06-30")
} as const

const suspended = (day: Day): boolean => SUSPENSION.from <= day && day <= SUSPENSION.to

const suspensionRecord = (ctx: Context): SuspensionRecord => ({
  kind: "suspension",
  history: [
    new Suspension.DeclareSuspension({
      at: ctx.instant(SUSPENSION.declaredOn, 18),
      actor: actor("mayor-office"),
      from: SUSPENSION.from,
      to: SUSPENSION.declaredTo,
      reason: "Распоряжение о мерах по предупреждению распространения новой коронавирусной инфекции (COVID-19)"
    }),
    new Suspension.ShortenSuspension({
      at: ctx.instant(SUSPENSION.shortenedOn, 17),
      actor: actor("mayor-office"),
      from: SUSPENSION.from,
      to: SUSPENSION.to
    })
  ]
})

const DISTRICTS = ["Центральный", "Северный", "Южный", "Западный", "Восточный"] as const
const HALL = new Venue.Place({
  district: "Центральный",
  address: "г. Демоград, пл. Ленина, д. 1, приёмная администрации"
})
const LINK = Schema.decodeSync(Venue.OnlineLink)("https://priem.demograd.example.ru/online")
const time = Schema.decodeSync(Venue.LocalTime)

const identity = (n: string) =>
  new Reception.IdentityDocument({ kind: "passport", details: Redacted.make(`паспорт ${n}`) })

interface Slot {
  readonly official: string
  readonly day: Day
  readonly online: boolean
  readonly cards: Array<Reception.Command>
}

/**
 * The reception slots of the years: one per official and day anyone was
 * received, from the oral appeals (their cards) and the people answered
 * orally.
 */
const receptionRecords = (
  rng: Random.Random,
  ctx: Context,
  appeals: ReadonlyArray<{ readonly history: ReadonlyArray<AC.AppealCommand> }>
): ReadonlyArray<ReceptionRecord> => {
  const slots = new Map<string, Slot>()
  const slot = (officialId: string, day: Day): Slot => {
    const key = `${day}|${officialId}`
    const hit = slots.get(key)
    if (hit !== undefined) return hit
    const s: Slot = {
      official: officialId,
      day,
      online: suspended(day) || (day >= SUSPENSION.to && day < "2021-01-01" && rng.chance(0.35)),
      cards: []
    }
    slots.set(key, s)
    return s
  }
  const oralByYear = new Map<number, number>()
  for (const r of appeals) {
    const reg = r.history[0]
    if (reg?._tag !== "RegisterOralAppeal") continue
    const day = ctx.localDay(reg.receivedAt)
    const year = Number(day.slice(0, 4))
    oralByYear.set(year, (oralByYear.get(year) ?? 0) + 1)
    const s = slot(reg.receivedBy, day)
    const meta = { reception: `R-${day}-${reg.receivedBy}` as ReceptionId, actor: actor("reception-clerk") }
    s.cards.push(
      new Reception.RecordCard({
        ...meta,
        at: reg.receivedAt,
        card: reg.receptionCard as ReceptionCardId,
        applicant: new Reception.Applicant({
          name: reg.applicant?.name ?? Redacted.make(`Заявитель ${reg.registrationNumber}`)
        }),
        identityDocument: identity(`${reg.registrationNumber}`),
        content: reg.text,
        topics: reg.topics,
        answer: new Reception.OralAppeal()
      }),
      new Reception.LinkOralAppeal({
        ...meta,
        at: new Date(reg.at.getTime() + 60_000),
        card: reg.receptionCard as ReceptionCardId,
        appeal: reg.appealId
      })
    )
  }
  // the people answered orally: the reference's people received less the oral appeals; in 2020, at the online receptions of the suspension
  const weights = City.topics.map((t) => t.weight)
  for (const year of [2019, 2020] as const) {
    const extra = Math.max(0, City.REFERENCE.receptions[year].people - (oralByYear.get(year) ?? 0))
    const days =
      year === 2020
        ? (["2020-04", "2020-05", "2020-06"] as const).flatMap((m) =>
            ctx.workingDays(m as Period.Month).filter((d) => suspended(d))
          )
        : Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}` as Period.Month).flatMap(
            (m) => ctx.workingDays(m)
          )
    const fallback = Array.from(
      { length: 12 },
      (_, i) => `${year}-${String(i + 1).padStart(2, "0")}` as Period.Month
    ).flatMap((m) => ctx.workingDays(m))
    for (let k = 1; k <= extra; k++) {
      const day = rng.pick(days.length > 0 ? days : fallback)
      const who = rng.pick(["mayor", "first-deputy-mayor", "deputy-mayor-economy", "deputy-mayor-social"])
      const s = slot(who, day)
      const topic = City.topics[rng.weighted(weights)] ?? City.topics[0]!
      const card = `RC-${year}-O${String(k).padStart(4, "0")}` as ReceptionCardId
      s.cards.push(
        new Reception.RecordCard({
          reception: `R-${day}-${who}` as ReceptionId,
          at: ctx.instant(day, 10 + rng.int(0, 2), rng.int(0, 59)),
          actor: actor("reception-clerk"),
          card,
          applicant: new Reception.Applicant({ name: Redacted.make(`Заявитель ${card}`) }),
          identityDocument: identity(card),
          content: Redacted.make(`Устный вопрос по тематике ${topic.code}`),
          topics: [topic.code as Reception.Topic],
          answer: new Reception.OralAnswer({
            applicantConsented: true,
            factsObvious: true,
            summary: Redacted.make("Даны разъяснения по существу вопроса")
          })
        })
      )
    }
  }
  return [...slots.values()]
    .sort((a, b) =>
      a.day < b.day ? -1 : a.day > b.day ? 1 : a.official < b.official ? -1 : a.official > b.official ? 1 : 0
    )
    .map((s): ReceptionRecord => {
      const reception = `R-${s.day}-${s.official}` as ReceptionId
      const scheduledOn = Period.addDays(s.day, -7)
      const cards = [...s.cards].sort((a, b) => a.at.getTime() - b.at.getTime())
      return {
        kind: "reception",
        history: [
          new Reception.ScheduleReception({
            reception,
            at: ctx.instant(scheduledOn, 11),
            actor: actor("reception-clerk"),
            official: official(s.official),
            day: s.day,
            start: time("09:00"),
            end: time("18:00"),
            venue: s.online ? new Venue.Online({ link: LINK }) : new Venue.InPerson({ place: HALL })
          }),
          ...cards,
          new Reception.CloseReception({ reception, at: ctx.instant(s.day, 19), actor: actor("reception-clerk") })
        ]
      }
    })
}

const DEPUTIES = ["first-deputy-mayor", "deputy-mayor-economy", "deputy-mayor-social"] as const

/**
 * The information meetings in the districts: in 2019 one a month in each
 * district except in July and August; in 2020 none in person during the
 * suspension (a few online), and fewer, partly online or hybrid, after it.
 */
const meetingRecords = (rng: Random.Random, ctx: Context): ReadonlyArray<MeetingRecord> => {
  const out: Array<MeetingRecord> = []
  const weights = City.topics.map((t) => t.weight)
  for (const year of [2019, 2020] as const) {
    for (let mi = 1; mi <= 12; mi++) {
      if (mi === 7 || mi === 8) continue
      const month = `${year}-${String(mi).padStart(2, "0")}` as Period.Month
      const days = ctx.workingDays(month).filter((d) => d.slice(8) >= "05" && d.slice(8) <= "25")
      DISTRICTS.forEach((district, di) => {
        const candidates = days.filter((d) => !suspended(d))
        const inSuspension = year === 2020 && mi >= 4 && mi <= 6
        if (year === 2020 && (inSuspension ? !rng.chance(0.3) : !rng.chance(0.75))) return
        const pool = inSuspension ? ctx.workingDays(month) : candidates
        if (pool.length === 0) return
        const day = rng.pick(pool)
        const online = inSuspension || (year === 2020 && mi >= 7 && rng.chance(0.3))
        const hybrid = !online && year === 2020 && mi >= 7 && rng.chance(0.3)
        const place = new Venue.Place({ district, address: `г. Демоград, ${district} район, дом культуры` })
        const format = online
          ? new Venue.Online({ link: LINK })
          : hybrid
            ? new Venue.Hybrid({ place, link: LINK })
            : new Venue.InPerson({ place })
        const meeting = `M-${day}-${di + 1}` as MeetingId
        const chair = official(rng.pick(DEPUTIES))
        const m = { meeting, actor: actor("organisational-department") }
        const history: Array<Meeting.Command> = [
          new Meeting.ScheduleMeeting({
            ...m,
            at: ctx.instant(Period.addDays(day, -10), 11),
            title: `Информационная встреча с жителями: ${district} район`,
            day,
            start: time("18:00"),
            format,
            officials: [chair, official(`head-${district === "Центральный" ? "central" : `district-${di + 1}`}`)],
            chair
          }),
          new Meeting.HoldMeeting({
            ...m,
            at: ctx.instant(day, 20, 30),
            heldAt: ctx.instant(day, 18),
            attendance: new Meeting.Attendance({ count: online ? rng.int(15, 60) : rng.int(30, 140) })
          })
        ]
        const questions = rng.int(3, 9)
        for (let q = 1; q <= questions; q++) {
          const topic = City.topics[rng.weighted(weights)] ?? City.topics[0]!
          const question = `${meeting}-Q${q}` as QuestionId
          const at = ctx.instant(day, 20, 31 + q)
          history.push(
            new Meeting.RaiseQuestion({
              ...m,
              at,
              question,
              topic: topic.code as Reception.Topic,
              text: `Вопрос жителей по тематике ${topic.code}`
            })
          )
          const x = rng.next()
          const disposition: Meeting.DispositionInput =
            x < 0.55
              ? new Meeting.AnswerOnTheSpot({ answer: "Дан ответ на месте", by: chair })
              : x < 0.85
                ? new Meeting.Instruct({
                    instruction: `${meeting}-I${q}` as InstructionId,
                    division: topic.division as DivisionId,
                    deadline: Period.addDays(day, 30),
                    text: "Рассмотреть вопрос и проинформировать жителей"
                  })
                : new Meeting.ReferAsAppeal()
          history.push(new Meeting.DisposeQuestion({ ...m, at, question, disposition }))
        }
        history.push(new Meeting.CloseMeeting({ ...m, at: ctx.instant(day, 21, 30) }))
        out.push({ kind: "meeting", history: history as unknown as MeetingRecord["history"] })
      })
    }
  }
  return out.sort((a, b) => a.history[0].at.getTime() - b.history[0].at.getTime())
}

/** The meetings records of the demo city, in the order they are applied: the suspension, receptions, meetings. */
export const generate = (
  rng: Random.Random,
  ctx: Context,
  appeals: ReadonlyArray<{ readonly history: ReadonlyArray<AC.AppealCommand> }>
): ReadonlyArray<SuspensionRecord | ReceptionRecord | MeetingRecord> => [
  suspensionRecord(ctx),
  ...receptionRecords(rng, ctx, appeals),
  ...meetingRecords(rng, ctx)
]

/** The meetings records folded through their deciders (a record the decider refuses is counted, not folded). */
export interface Folded {
  readonly suspensions: ReadonlyArray<Suspension.SuspensionPeriod>
  readonly receptions: ReadonlyArray<Reception.State>
  readonly meetings: ReadonlyArray<Meeting.State>
  readonly refused: number
}

const run = <C, E, S, Err>(
  d: {
    readonly initialState: S
    readonly decide: (c: C, s: S) => Either.Either<ReadonlyArray<E>, Err>
    readonly evolve: (s: S, e: E) => S
  },
  history: ReadonlyArray<C>
): S | undefined => {
  let s = d.initialState
  for (const c of history) {
    const r = d.decide(c, s)
    if (Either.isLeft(r)) return undefined
    for (const e of r.right) s = d.evolve(s, e)
  }
  return s
}

/**
 * Folds the suspension, reception and meeting records (in their order)
 * through the meetings deciders in a zone, as an import does: receptions
 * and meetings under the suspensions folded before them.
 */
export const fold = (
  records: ReadonlyArray<
    | SuspensionRecord
    | ReceptionRecord
    | MeetingRecord
    | {
        readonly kind:
          | "organisation"
          | "appeal"
          | "plan"
          | "electionCalendar"
          | "publications"
          | "informationPlan"
          | "programBudget"
          | "methodologicalCouncil"
          | "dumaSession"
          | "pollingStation"
      }
  >,
  timeZone: TimeZoneName
): Folded => {
  let suspension = Suspension.initialState
  const receptions: Array<Reception.State> = []
  const meetings: Array<Meeting.State> = []
  let refused = 0
  const count = <S>(s: S | undefined, into: Array<S>) => {
    if (s === undefined) refused++
    else into.push(s)
  }
  for (const r of records) {
    if (r.kind === "suspension") {
      const s = run(Suspension.decider({ timeZone }), r.history)
      if (s === undefined) refused++
      else suspension = s
    } else if (r.kind === "reception")
      count(run(Reception.decider({ timeZone, suspensions: suspension.periods }), r.history), receptions)
    else if (r.kind === "meeting")
      count(run(Meeting.decider({ timeZone, suspensions: suspension.periods }), r.history), meetings)
  }
  return { suspensions: suspension.periods, receptions, meetings, refused }
}
