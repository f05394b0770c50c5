/**
 * The meetings area plugged into storage: the aggregate definitions of
 * reception slots (category `reception`), information meetings (`meeting`)
 * and the city's suspension periods (`suspension`, one stream), their read
 * models, and the reception and meeting statistics read from incremental
 * counters.
 *
 * The reception and meeting deciders close over {@link Settings}: the time
 * zone and the suspension periods in force, which live in the suspension
 * stream. {@link loadSettings} reads that stream and answers the settings;
 * {@link makeReceptionDefinition} and {@link makeMeetingDefinition} make the
 * definitions for them (make them again after a suspension is declared).
 *
 * Read models (pure projections, maintained in the append's transaction):
 *
 * - {@link Receptions}: reception slots by official, day, status and format;
 * - {@link Meetings}: information meetings by chair, day, status and format,
 *   and {@link MeetingOfficials}: one row per meeting and official taking
 *   part, by official, day, status and format;
 * - counters {@link CitizensReceived} (month x official x format, one per
 *   reception card), {@link ReceptionFacts} (month x fact: cards answered
 *   orally, oral appeals, written appeals handed in, refusals),
 *   {@link MeetingsHeld} (month held x format x measure: meetings,
 *   attendance) and {@link Questions} (month held x disposition x topic).
 *
 * Every read model is a function of the stream's current state: a
 * projection writes the difference between the rows and counter
 * contributions of the state after an event and of the state before it.
 * {@link receptionStatistics} and {@link meetingStatistics} equal
 * `Statistics.receptionStatistics` / `Statistics.meetingStatistics` over the
 * states, for a month, quarter or year, without reading the history.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Meetings, Period, Ports } from "cityhall"
 *
 * const { MeetingRecords } = Meetings
 * declare const schedule: Meetings.Reception.ScheduleReception
 * const program = Effect.gen(function* () {
 *   const settings = yield* MeetingRecords.loadSettings()
 *   yield* Ports.CommandHandler.handle(MeetingRecords.makeReceptionDefinition(settings), schedule.reception, schedule)
 *   return yield* MeetingRecords.receptionStatistics(Period.unsafeYear("2020"))
 * })
 * ```
 *
 * @module
 */
import { Effect, Schema } from "effect"
import { MeetingId, OfficialId, ReceptionId } from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import type { CorruptEvent, CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import type { EventStore } from "../ports/EventStore.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"
import * as Meeting from "./Meeting.js"
import * as Reception from "./Reception.js"
import * as Statistics from "./Statistics.js"
import * as Suspension from "./Suspension.js"
import { FormatKey, formatKey } from "./Venue.js"

/** The stream category of reception slots. */
export const receptionCategory = "reception"
/** The stream category of information meetings. */
export const meetingCategory = "meeting"
/** The stream category of the suspension periods. */
export const suspensionCategory = "suspension"
/** The id of the administration's one suspension stream (the CLI import and the HTTP adapter use it too). */
export const suspensionStream = "administration"

/** What the reception and meeting deciders close over: the zone and the suspensions in force. */
export interface Settings {
  readonly timeZone: TimeZone.TimeZoneName
  readonly suspensions: ReadonlyArray<Suspension.SuspensionPeriod>
}

/** Khabarovsk time, no suspension. */
export const defaultSettings: Settings = { timeZone: TimeZone.KHABAROVSK, suspensions: [] }

// ---------------------------------------------------------------------------
// Rows

/** A reception slot in the read models (no personal data). */
export const ReceptionRow = Schema.Struct({
  reception: ReceptionId,
  official: OfficialId,
  /** The slot's day (after any postponement). */
  day: Day,
  month: P.Month,
  format: Reception.ReceptionFormat,
  status: Reception.Status,
  /** Citizens received: one per card. */
  cards: Schema.NonNegativeInt,
  refusals: Schema.NonNegativeInt,
  writtenAppeals: Schema.NonNegativeInt
})
/** @see ReceptionRow */
export type ReceptionRow = typeof ReceptionRow.Type

/** An information meeting in the read models (no personal data). */
export const MeetingRow = Schema.Struct({
  meeting: MeetingId,
  title: Schema.String,
  /** The scheduled day (after any postponement). */
  day: Day,
  month: P.Month,
  format: FormatKey,
  status: Meeting.Status,
  chair: OfficialId,
  officials: Schema.Array(OfficialId),
  heldOn: Schema.optionalWith(Day, { exact: true }),
  attendance: Schema.optionalWith(Schema.NonNegativeInt, { exact: true }),
  questions: Schema.NonNegativeInt,
  undisposed: Schema.NonNegativeInt
})
/** @see MeetingRow */
export type MeetingRow = typeof MeetingRow.Type

/** One official taking part in a meeting (the chair and the officials). */
export const MeetingOfficialRow = Schema.Struct({
  meeting: MeetingId,
  official: OfficialId,
  day: Day,
  status: Meeting.Status,
  format: FormatKey,
  chair: Schema.Boolean
})
/** @see MeetingOfficialRow */
export type MeetingOfficialRow = typeof MeetingOfficialRow.Type

/** Reception slots by official, day, status and format. */
export const Receptions = Projection.table({
  name: "meetings_receptions",
  schema: ReceptionRow,
  indexed: ["official", "day", "status", "format"]
})

/** Information meetings by chair, day, status and format. */
export const Meetings = Projection.table({
  name: "meetings_meetings",
  schema: MeetingRow,
  indexed: ["chair", "day", "status", "format"]
})

/** Meetings per official taking part, by official, day, status and format. */
export const MeetingOfficials = Projection.table({
  name: "meetings_by_official",
  schema: MeetingOfficialRow,
  indexed: ["official", "day", "status", "format"]
})

/** Citizens received (reception cards) per month of the card x official x format. */
export const CitizensReceived = Projection.counter({
  name: "meetings_citizens_received",
  dimensions: ["month", "official", "format"]
})

/** Reception facts per month: `answeredOrally`, `oralAppeals`, `writtenAppeals` (by the card's day), `refusals` (by the slot's day). */
export const ReceptionFacts = Projection.counter({ name: "meetings_reception_facts", dimensions: ["month", "fact"] })

/** Held meetings per month held x format x measure (`meetings`: 1 each, `attendance`: the count who came). */
export const MeetingsHeld = Projection.counter({ name: "meetings_held", dimensions: ["month", "format", "measure"] })

/** Questions of held meetings per month held x disposition (`none` while undisposed) x topic. */
export const Questions = Projection.counter({
  name: "meetings_questions",
  dimensions: ["month", "disposition", "topic"]
})

/** The row of a reception stream's state (none before scheduling). */
export const receptionRowOf = (s: Reception.State): ReceptionRow | undefined =>
  s._tag === "NoReception"
    ? undefined
    : {
        reception: s.reception,
        official: s.official,
        day: s.day,
        month: P.monthOf(s.day),
        format: Reception.formatOf(s),
        status: s.status,
        cards: s.cards.length,
        refusals: s.refusals.length,
        writtenAppeals: s.cards.reduce((n, c) => n + c.handIns.length, 0)
      }

/** The row of a meeting stream's state (none before scheduling). */
export const meetingRowOf = (s: Meeting.State): MeetingRow | undefined =>
  s._tag === "NoMeeting"
    ? undefined
    : {
        meeting: s.meeting,
        title: s.title,
        day: s.day,
        month: P.monthOf(s.day),
        format: formatKey(s.format),
        status: s.status,
        chair: s.chair,
        officials: s.officials,
        ...(s.held === undefined ? {} : { heldOn: s.held.heldOn, attendance: s.held.attendance.count }),
        questions: s.questions.length,
        undisposed: s.questions.filter((q) => q.disposition === undefined).length
      }

/** The participation rows of a meeting's state, by official id. */
export const meetingOfficialRowsOf = (s: Meeting.State): ReadonlyMap<string, MeetingOfficialRow> => {
  const out = new Map<string, MeetingOfficialRow>()
  if (s._tag === "NoMeeting") return out
  for (const official of [s.chair, ...s.officials]) {
    if (out.has(official)) continue
    out.set(official, {
      meeting: s.meeting,
      official,
      day: s.day,
      status: s.status,
      format: formatKey(s.format),
      chair: official === s.chair
    })
  }
  return out
}

// ---------------------------------------------------------------------------
// Counter contributions of a state, and the deltas between two states

type Contribution = readonly [Projection.Counter<string>, Readonly<Record<string, string>>, number]

const receptionContributions = (s: Reception.State): ReadonlyArray<Contribution> => {
  if (s._tag === "NoReception") return []
  const out: Array<Contribution> = []
  for (const c of s.cards) {
    const month = P.monthOf(c.day)
    out.push([CitizensReceived, { month, official: c.official, format: c.format }, 1])
    out.push([
      ReceptionFacts,
      { month, fact: c.outcome._tag === "AnsweredOrally" ? "answeredOrally" : "oralAppeals" },
      1
    ])
    if (c.handIns.length > 0) out.push([ReceptionFacts, { month, fact: "writtenAppeals" }, c.handIns.length])
  }
  if (s.refusals.length > 0)
    out.push([ReceptionFacts, { month: P.monthOf(s.day), fact: "refusals" }, s.refusals.length])
  return out
}

const meetingContributions = (s: Meeting.State): ReadonlyArray<Contribution> => {
  if (s._tag === "NoMeeting" || s.held === undefined) return []
  const month = P.monthOf(s.held.heldOn)
  const format = formatKey(s.format)
  const out: Array<Contribution> = [
    [MeetingsHeld, { month, format, measure: "meetings" }, 1],
    [MeetingsHeld, { month, format, measure: "attendance" }, s.held.attendance.count]
  ]
  for (const q of s.questions) {
    out.push([
      Questions,
      {
        month,
        disposition: q.disposition === undefined ? "none" : Meeting.dispositionKind(q.disposition),
        topic: q.topic
      },
      1
    ])
  }
  return out
}

const counterDeltas = (
  before: ReadonlyArray<Contribution>,
  after: ReadonlyArray<Contribution>
): ReadonlyArray<Projection.Update> => {
  const deltas = new Map<
    string,
    { counter: Projection.Counter<string>; key: Readonly<Record<string, string>>; delta: number }
  >()
  const add = (cs: ReadonlyArray<Contribution>, sign: number) => {
    for (const [counter, key, n] of cs) {
      const id = JSON.stringify([counter.name, counter.dimensions.map((d) => key[d])])
      const prev = deltas.get(id)
      deltas.set(id, { counter, key, delta: (prev?.delta ?? 0) + sign * n })
    }
  }
  add(before, -1)
  add(after, 1)
  const out: Array<Projection.Update> = []
  for (const d of deltas.values()) if (d.delta !== 0) out.push(Projection.increment(d.counter, d.key, d.delta))
  return out
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The reception slots' read models. */
export const receptionReadModels = Projection.make<Reception.Event, Reception.State>({
  name: "meetings_receptions",
  tables: [Receptions],
  counters: [CitizensReceived, ReceptionFacts],
  project: ({ after, before, envelope }) => {
    const out: Array<Projection.Update> = []
    const a = receptionRowOf(after)
    const b = receptionRowOf(before)
    if (a === undefined) {
      if (b !== undefined) out.push(Projection.remove(Receptions, envelope.stream.id))
    } else if (b === undefined || !same(a, b)) {
      out.push(Projection.upsert(Receptions, envelope.stream.id, a))
    }
    out.push(...counterDeltas(receptionContributions(before), receptionContributions(after)))
    return out
  }
})

/** The information meetings' read models. */
export const meetingReadModels = Projection.make<Meeting.Event, Meeting.State>({
  name: "meetings_meetings",
  tables: [Meetings, MeetingOfficials],
  counters: [MeetingsHeld, Questions],
  project: ({ after, before, envelope }) => {
    const out: Array<Projection.Update> = []
    const id = envelope.stream.id
    const a = meetingRowOf(after)
    const b = meetingRowOf(before)
    if (a === undefined) {
      if (b !== undefined) out.push(Projection.remove(Meetings, id))
    } else if (b === undefined || !same(a, b)) {
      out.push(Projection.upsert(Meetings, id, a))
    }
    const oa = meetingOfficialRowsOf(after)
    const ob = meetingOfficialRowsOf(before)
    for (const official of ob.keys())
      if (!oa.has(official)) out.push(Projection.remove(MeetingOfficials, `${id}|${official}`))
    for (const [official, row] of oa) {
      const old = ob.get(official)
      if (old === undefined || !same(old, row)) out.push(Projection.upsert(MeetingOfficials, `${id}|${official}`, row))
    }
    out.push(...counterDeltas(meetingContributions(before), meetingContributions(after)))
    return out
  }
})

// ---------------------------------------------------------------------------
// Definitions

/** The reception aggregate for the settings (zone, suspensions in force). */
export const makeReceptionDefinition = (settings: Settings = defaultSettings) =>
  Aggregate.make({
    category: receptionCategory,
    decider: Reception.decider(settings),
    eventSchema: Reception.Event,
    commandSchema: Reception.Command,
    eventType: (e: Reception.Event) => e._tag,
    projections: [receptionReadModels]
  })

/** The meeting aggregate for the settings (zone, suspensions in force). */
export const makeMeetingDefinition = (settings: Settings = defaultSettings) =>
  Aggregate.make({
    category: meetingCategory,
    decider: Meeting.decider(settings),
    eventSchema: Meeting.Event,
    commandSchema: Meeting.Command,
    eventType: (e: Meeting.Event) => e._tag,
    projections: [meetingReadModels]
  })

/** The suspension aggregate (one stream, {@link suspensionStream}); it has no read model of its own. */
export const makeSuspensionDefinition = (timeZone: TimeZone.TimeZoneName = TimeZone.KHABAROVSK) =>
  Aggregate.make({
    category: suspensionCategory,
    decider: Suspension.decider({ timeZone }),
    eventSchema: Suspension.Event,
    commandSchema: Suspension.Command,
    eventType: (e: Suspension.Event) => e._tag
  })

/** The reception aggregate with {@link defaultSettings}. */
export const receptionDefinition = makeReceptionDefinition()
/** The meeting aggregate with {@link defaultSettings}. */
export const meetingDefinition = makeMeetingDefinition()
/** The suspension aggregate in Khabarovsk time. */
export const suspensionDefinition = makeSuspensionDefinition()

/** The settings in force: the zone and the periods of the suspension stream. */
export const loadSettings = (
  timeZone: TimeZone.TimeZoneName = TimeZone.KHABAROVSK
): Effect.Effect<Settings, StorageError | CorruptEvent, EventStore> =>
  Effect.map(CommandHandler.load(makeSuspensionDefinition(timeZone), suspensionStream), (loaded) => ({
    timeZone,
    suspensions: loaded.state.periods
  }))

// ---------------------------------------------------------------------------
// Queries

type Rows<A> = Effect.Effect<ReadonlyArray<A>, StorageError | CorruptRow | InvalidQuery, ReadModels>
const rowsOnly = <A>(
  e: Effect.Effect<ReadonlyArray<{ readonly row: A }>, StorageError | CorruptRow | InvalidQuery, ReadModels>
): Rows<A> => Effect.map(e, (rs) => rs.map((r) => r.row))

const within = (period: P.Period) => ({ gte: P.firstDay(period), lte: P.lastDay(period) })

/** Reception slots on the days of a period, by day; optionally of one official, status or format. */
export const receptionsIn = (
  period: P.Period,
  filter: {
    readonly official?: OfficialId
    readonly status?: Reception.Status
    readonly format?: Reception.ReceptionFormat
  } = {}
): Rows<ReceptionRow> =>
  rowsOnly(Projection.query(Receptions, { where: { ...filter, day: within(period) }, orderBy: "day" }))

/** An official's reception slots in a period, by day. */
export const receptionsOf = (official: OfficialId, period: P.Period): Rows<ReceptionRow> =>
  receptionsIn(period, { official })

/** Information meetings scheduled on the days of a period, by day; optionally of one chair, status or format. */
export const meetingsIn = (
  period: P.Period,
  filter: { readonly chair?: OfficialId; readonly status?: Meeting.Status; readonly format?: FormatKey } = {}
): Rows<MeetingRow> =>
  rowsOnly(Projection.query(Meetings, { where: { ...filter, day: within(period) }, orderBy: "day" }))

/** The meetings an official takes part in (as chair or official) in a period, by day. */
export const meetingsOf = (
  official: OfficialId,
  period: P.Period,
  filter: { readonly status?: Meeting.Status } = {}
): Rows<MeetingOfficialRow> =>
  rowsOnly(Projection.query(MeetingOfficials, { where: { official, ...filter, day: within(period) }, orderBy: "day" }))

/** A period the statistics are read for from the monthly counters. */
export type StatisticsPeriod = P.Month | P.Quarter | P.Year

const monthsOf = (period: StatisticsPeriod): ReadonlyArray<P.Month> =>
  P.kindOf(period) === "month" ? [period as P.Month] : P.months(period)

const readMonths = <D extends string>(counter: Projection.Counter<D>, period: StatisticsPeriod) =>
  Effect.map(
    Effect.forEach(monthsOf(period), (month) => Projection.read(counter, { month } as { readonly [K in D]?: string })),
    (parts) => parts.flat().filter((v) => v.value !== 0)
  )

/**
 * Citizens received in a month, quarter or year, from the counters: equals
 * `Statistics.receptionStatistics` over the reception states.
 */
export const receptionStatistics = (
  period: StatisticsPeriod
): Effect.Effect<Statistics.ReceptionStatistics, StorageError, ReadModels> =>
  Effect.gen(function* () {
    const received = yield* readMonths(CitizensReceived, period)
    const facts = yield* readMonths(ReceptionFacts, period)
    let total = 0,
      inPerson = 0,
      online = 0
    const by = new Map<string, { total: number; inPerson: number; online: number }>()
    for (const { dimensions: d, value: n } of received) {
      total += n
      const o = by.get(d.official) ?? { total: 0, inPerson: 0, online: 0 }
      o.total += n
      if (d.format === "inPerson") {
        inPerson += n
        o.inPerson += n
      } else {
        online += n
        o.online += n
      }
      by.set(d.official, o)
    }
    const fact = (name: string) => facts.reduce((n, f) => (f.dimensions.fact === name ? n + f.value : n), 0)
    const byOfficial = [...by.entries()]
      .filter(([, o]) => o.total !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([official, o]) => new Statistics.OfficialReceptions({ official: OfficialId.make(official), ...o }))
    return new Statistics.ReceptionStatistics({
      period,
      total,
      inPerson,
      online,
      answeredOrally: fact("answeredOrally"),
      oralAppeals: fact("oralAppeals"),
      writtenAppeals: fact("writtenAppeals"),
      refusals: fact("refusals"),
      byOfficial
    })
  })

/**
 * Information meetings held in a month, quarter or year (by the day held),
 * from the counters: equals `Statistics.meetingStatistics` over the states.
 */
export const meetingStatistics = (
  period: StatisticsPeriod
): Effect.Effect<Statistics.MeetingStatistics, StorageError, ReadModels> =>
  Effect.gen(function* () {
    const held = yield* readMonths(MeetingsHeld, period)
    const questions = yield* readMonths(Questions, period)
    const byFormat = { inPerson: 0, online: 0, hybrid: 0 }
    let meetings = 0,
      attendance = 0
    for (const { dimensions: d, value: n } of held) {
      if (d.measure === "meetings") {
        meetings += n
        if (Schema.is(FormatKey)(d.format)) byFormat[d.format] += n
      } else attendance += n
    }
    const byDisposition = { answeredOnTheSpot: 0, instruction: 0, appeal: 0, none: 0 }
    const byTopic: Record<string, number> = {}
    let count = 0
    for (const { dimensions: d, value: n } of questions) {
      count += n
      byTopic[d.topic] = (byTopic[d.topic] ?? 0) + n
      if (
        d.disposition === "answeredOnTheSpot" ||
        d.disposition === "instruction" ||
        d.disposition === "appeal" ||
        d.disposition === "none"
      ) {
        byDisposition[d.disposition] += n
      }
    }
    return new Statistics.MeetingStatistics({
      period,
      held: meetings,
      byFormat: new Statistics.ByFormat(byFormat),
      attendance,
      questions: count,
      byTopic,
      byDisposition: new Statistics.ByDisposition(byDisposition)
    })
  })
