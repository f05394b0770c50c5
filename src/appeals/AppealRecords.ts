/**
 * The appeal aggregate plugged into storage: its definition for the generic
 * command handler (one stream per appeal, category `appeal`), its read
 * models, and the monthly analysis read from incremental counters.
 *
 * Read models (pure projections, maintained in the append's transaction):
 *
 * - {@link Open}: open appeals by registration month, answer due date,
 *   division and state — "overdue on day D" is `answerDue < D`, an index
 *   range; "due on D" is `answerDue = D`;
 * - {@link Due}: what open appeals have due — the answer, and the notice of
 *   an appeal not yet accepted for consideration — by executor, due day,
 *   division and kind: "due soon" is a range of the due day (issue 20);
 * - {@link ClosedAppeals}: closed appeals by registration month, closing
 *   day, division and outcome;
 * - {@link ByPeriod}: every appeal by channel, registration day, division
 *   and addressee (a period is a range of registration days);
 * - {@link ByTopic}: one row per topic of an appeal, by topic code,
 *   registration day, section (classifier level 1) and division;
 * - counters {@link Monthly} (month x channel x main topic x division x
 *   outcome x timing) and {@link Profile} (month x addressee x kind x type
 *   x result);
 * - {@link ApplicantRecords.Applicants}: appeals by applicant key (a hash,
 *   no personal data in clear) and main topic, which {@link markRepeated}
 *   reads to mark a new registration as repeated.
 *
 * Every read model is a function of the appeal's current state: a
 * projection writes the difference between the rows and counter
 * contributions of the state after an event and those of the state before
 * it, so counters stay exact through reassignments, extensions and closing.
 *
 * {@link analyse} builds {@link Analysis.Analysis} for a month (or a quarter
 * or year, month by month) from the counters plus two small row queries of
 * that month (open appeals already overdue, appeals closed after the day of
 * the analysis), so its cost does not grow with the history. It equals
 * {@link Analysis.analyse} over the appeals' summaries.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Appeals, Period, Ports } from "cityhall"
 *
 * const { AppealRecords } = Appeals
 * declare const register: Appeals.AppealCommand.RegisterAppeal
 * const program = Effect.gen(function* () {
 *   yield* Ports.CommandHandler.handle(AppealRecords.definition, register.appealId, register)
 *   const overdue = yield* AppealRecords.overdueOn(Period.unsafeDay("2021-04-01"))
 *   const march = yield* AppealRecords.monthly(Period.unsafeMonth("2021-03"), Period.unsafeDay("2021-04-05"))
 *   return { overdue, march }
 * })
 * ```
 *
 * @module
 */
import { Effect, Either, Option, Schema } from "effect"
import * as Calendar from "../kernel/Calendar.js"
import { ActorId, AppealId, DivisionId, OfficialId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import type { CorruptEvent, CorruptRow, InvalidQuery, StorageError } from "../ports/Errors.js"
import { EventStore } from "../ports/EventStore.js"
import * as Projection from "../ports/Projection.js"
import type { ReadModels } from "../ports/ReadModels.js"
import {
  addresseeKey,
  type Applicant,
  type Channel,
  type Outcome,
  OutgoingNumber,
  RegistrationNumber
} from "./Appeal.js"
import * as Analysis from "./Analysis.js"
import { AppealCommand } from "./AppealCommand.js"
import type { RegisterAppeal, RegisterOralAppeal } from "./AppealCommand.js"
import type { AppealError } from "./AppealError.js"
import * as AppealDecider from "./AppealDecider.js"
import { AppealEvent } from "./AppealEvent.js"
import { type AppealState, DueKind, duesOpen } from "./AppealState.js"
import * as Deadlines from "./Deadlines.js"
import * as Monitoring from "./Monitoring.js"
import * as RegistrationBook from "./RegistrationBook.js"
import { searchModels } from "./SearchRecords.js"
import * as ApplicantRecords from "./ApplicantRecords.js"
import * as Repeated from "./Repeated.js"
import * as Topic from "./Topic.js"

/** The stream category of appeals. */
export const category = "appeal"

/** The state of an appeal as the read models show it. */
export const RowState = Schema.Literal("Registered", "UnderConsideration", "Closed")
/** @see RowState */
export type RowState = typeof RowState.Type

/**
 * One appeal in the read models: its analysis summary (no personal data)
 * and the fields its tables are indexed by.
 */
export const AppealRow = Schema.Struct({
  ...Analysis.AppealSummary.fields,
  registrationNumber: RegistrationNumber,
  state: RowState,
  /** The registration month. */
  month: Period.Month,
  /** {@link addresseeKey} of the addressee. */
  addresseeKey: Schema.String,
  /**
   * The journal's fields (issue 20, the export of the journal of appeals):
   * the day of receipt, the executor once named, the days of extension, the
   * answer document's outgoing number and date. Optional, so rows written
   * before them still decode (a rebuild of the read models fills them).
   */
  receivedOn: Schema.optionalWith(Day, { exact: true }),
  executor: Schema.optionalWith(OfficialId, { exact: true }),
  /** Days the answer term was extended by, when extended. // 59-FZ art. 12 p. 2 */
  extensionDays: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true }),
  answerNumber: Schema.optionalWith(OutgoingNumber, { exact: true }),
  answerDate: Schema.optionalWith(Day, { exact: true }),
  /**
   * The instant of registration (the registration event's `at`). Absent
   * from rows written before it was kept: {@link registeredAtOf} then reads
   * it from the appeal's registration event; a rebuild fills it in.
   */
  registeredAt: Schema.optionalWith(TimeZone.Instant, { exact: true })
})
/** @see AppealRow */
export type AppealRow = typeof AppealRow.Type

/** One topic of an appeal (the main topic and the further ones). */
export const TopicRow = Schema.Struct({
  appealId: Analysis.AppealSummary.fields.appealId,
  topic: Topic.TopicCode,
  /** The topic's section (classifier level 1). */
  section: Topic.TopicCode,
  /** Whether it is the appeal's main topic (the first). */
  main: Schema.Boolean,
  registeredOn: Day,
  division: Schema.optionalWith(DivisionId, { exact: true }),
  state: RowState
})
/** @see TopicRow */
export type TopicRow = typeof TopicRow.Type

/** Open appeals by registration month, answer due date, division and state. */
export const Open = Projection.table({
  name: "appeals_open",
  schema: AppealRow,
  indexed: ["month", "answerDue", "division", "state"]
})

/**
 * One thing due of an open appeal: the appeal's row, what is due (its
 * answer, or before it is accepted for consideration its notice,
 * `AppealState.noticeDue`) and the day it is due.
 */
export const DueRow = Schema.Struct({
  ...AppealRow.fields,
  dueKind: DueKind,
  /** The day it is due: `answerDue` for the answer; the forwarding-or-notice term for the notice. */
  due: Day
})
/** @see DueRow */
export type DueRow = typeof DueRow.Type

/**
 * What open appeals have due, by executor, due day, division and kind: one
 * row per open appeal and thing due ({@link DueRow}), keyed
 * `<appealId>,<dueKind>` (`,` sorts before every character of an id, so
 * keys order by appeal id, then kind). "Due soon" is a range of `due`,
 * alone or with a division or an executor: one index range each.
 */
export const Due = Projection.table({
  name: "appeals_due",
  schema: DueRow,
  indexed: ["executor", "due", "division", "dueKind"]
})

/** The key of a {@link Due} row. */
export const dueKey = (appealId: string, kind: DueKind): string => `${appealId},${kind}`

/** The {@link Due} rows of an appeal's state, with their keys (none unless open). */
export const dueRowsOf = (s: AppealState): ReadonlyArray<readonly [string, DueRow]> => {
  const row = rowOf(s)
  if (row === undefined) return []
  return duesOpen(s).map((d) => [dueKey(row.appealId, d.kind), { ...row, dueKind: d.kind, due: d.due }] as const)
}

/** Closed appeals by registration month, closing day, division and outcome. */
export const ClosedAppeals = Projection.table({
  name: "appeals_closed",
  schema: AppealRow,
  indexed: ["month", "closedOn", "division", "outcome"]
})

/** Every appeal by channel, registration day, division and addressee. */
export const ByPeriod = Projection.table({
  name: "appeals_by_period",
  schema: AppealRow,
  indexed: ["channel", "registeredOn", "division", "addresseeKey"]
})

/** Every topic of every appeal by code, registration day, section and division. */
export const ByTopic = Projection.table({
  name: "appeals_by_topic",
  schema: TopicRow,
  indexed: ["topic", "registeredOn", "section", "division"]
})

/**
 * Appeals per registration month x channel x main topic (full code) x
 * division (`none` before assignment) x outcome (`open` while open) x
 * timing (`onTime` / `late` once closed, `open` before).
 */
export const Monthly = Projection.counter({
  name: "appeals_monthly",
  dimensions: ["month", "channel", "topic", "division", "outcome", "timing"]
})

/** Appeals per registration month x addressee x kind x type x result (`none` unless answered on the merits). */
export const Profile = Projection.counter({
  name: "appeals_profile",
  dimensions: ["month", "addressee", "kind", "type", "result"]
})

/**
 * Questions per registration month x section (classifier level 1) x
 * monitoring status (Decree No. 171): the status the question has once its
 * appeal is closed, `underConsideration` while it is open
 * (`Monitoring.statusOf` as of no particular day). The monitoring totals of a
 * month as of a day are these, with the questions of the month's appeals
 * closed after the day moved back to `underConsideration`.
 */
export const Questions = Projection.counter({
  name: "appeals_questions",
  dimensions: ["month", "section", "status"]
})

/**
 * Appeals per registration month x answer due day: how many appeals each
 * month has (every month of the store, from a few rows per month), and
 * whether any falls due after a day (the note on a provisional calendar
 * year).
 */
export const DueDays = Projection.counter({
  name: "appeals_due_days",
  dimensions: ["month", "answerDue"]
})

/**
 * Whether the store's appeal read models predate this version's: an appeal
 * is stored and the {@link DueDays} counter, to which every registered
 * appeal contributes from its first event, is empty. A store written by an
 * earlier version has appeals and none of the counters the reports now read
 * (nor the applicants' keys and due dates of issue 20); `Ports.Rebuild`
 * (`cityhall rebuild`) fills them. Two index reads.
 */
export const readModelsBehind: Effect.Effect<boolean, StorageError | CorruptEvent, EventStore | ReadModels> =
  Effect.gen(function* () {
    const store = yield* EventStore
    const first = yield* store.readAll(0, { categories: [category], limit: 1 })
    if (first.length === 0) return false
    const counted = yield* Projection.read(DueDays)
    return !counted.some((c) => c.value !== 0)
  })

/** A day after every day a status is asked about: the status a question ends with. */
const FINAL: Day = "9999-12-31" as Day

const rows = new WeakMap<AppealState, AppealRow>()

/**
 * The row of a registered appeal's state (none before registration): the
 * fields of {@link Analysis.summarise} plus the indexed ones. Built as plain
 * data from a state that is already valid (no class instance is validated
 * again), and memoised per state object, since the state after one event is
 * the state before the next.
 */
export const rowOf = (s: AppealState): AppealRow | undefined => {
  if (s._tag === "Unregistered") return undefined
  const cached = rows.get(s)
  if (cached !== undefined) return cached
  const a = s.appeal
  const executor = s._tag === "Registered" ? undefined : s.executors?.executor
  const document = s._tag === "Closed" ? s.answerDocument : undefined
  const row: AppealRow = {
    ...Analysis.summaryFields(s),
    registrationNumber: a.registrationNumber,
    state: s._tag,
    month: Period.monthOf(a.registeredOn),
    addresseeKey: addresseeKey(a.addressee),
    receivedOn: a.receivedOn,
    ...(executor === undefined ? {} : { executor }),
    ...(s.extensionDays > 0 ? { extensionDays: s.extensionDays } : {}),
    ...(document === undefined ? {} : { answerNumber: document.outgoingNumber, answerDate: document.date }),
    registeredAt: a.registeredAt
  }
  rows.set(s, row)
  return row
}

/** The summary of a row. */
export const summaryOf = (row: AppealRow): Analysis.AppealSummary => {
  const {
    addresseeKey: _k,
    month: _m,
    registrationNumber: _r,
    state: _s,
    receivedOn: _ro,
    executor: _e,
    extensionDays: _x,
    answerNumber: _an,
    answerDate: _ad,
    registeredAt: _a,
    ...summary
  } = row
  return new Analysis.AppealSummary(summary, true)
}

const topicRows = (row: AppealRow): ReadonlyArray<TopicRow> =>
  row.topics.map((topic, i) => ({
    appealId: row.appealId,
    topic,
    section: Topic.atLevel(topic, 1),
    main: i === 0,
    registeredOn: row.registeredOn,
    ...(row.division === undefined ? {} : { division: row.division }),
    state: row.state
  }))

const contributions = (
  row: AppealRow | undefined
): ReadonlyArray<readonly [Projection.Counter<string>, Record<string, string>]> => {
  if (row === undefined) return []
  const closed = row.outcome !== undefined
  return [
    [
      Monthly,
      {
        month: row.month,
        channel: row.channel,
        topic: row.topics[0],
        division: row.division ?? Analysis.NONE,
        outcome: row.outcome ?? Analysis.OPEN,
        timing: closed ? (row.closedLate === true ? "late" : "onTime") : Analysis.OPEN
      }
    ],
    [
      Profile,
      {
        month: row.month,
        addressee: row.addresseeKey,
        kind: row.kind,
        type: row.type,
        result: closed && row.result !== undefined ? row.result : Analysis.NONE
      }
    ],
    ...row.topics.map(
      (topic) =>
        [
          Questions,
          { month: row.month, section: Topic.atLevel(topic, 1), status: Monitoring.statusOf(row, topic, FINAL) }
        ] as const
    ),
    [DueDays, { month: row.month, answerDue: row.answerDue }]
  ]
}

const counterDeltas = (
  before: AppealRow | undefined,
  after: AppealRow | undefined
): ReadonlyArray<Projection.Update> => {
  const deltas = new Map<string, { counter: Projection.Counter<string>; key: Record<string, string>; delta: number }>()
  const add = (rows: ReturnType<typeof contributions>, delta: number) => {
    for (const [counter, key] of rows) {
      const id = JSON.stringify([counter.name, counter.dimensions.map((d) => key[d])])
      const prev = deltas.get(id)
      deltas.set(id, { counter, key, delta: (prev?.delta ?? 0) + delta })
    }
  }
  add(contributions(before), -1)
  add(contributions(after), 1)
  const out: Array<Projection.Update> = []
  for (const d of deltas.values()) if (d.delta !== 0) out.push(Projection.increment(d.counter, d.key, d.delta))
  return out
}

/** The appeals' read models: rows and counters as functions of the appeal's state. */
export const readModels = Projection.make<AppealEvent, AppealState>({
  name: "appeals",
  tables: [Open, ClosedAppeals, ByPeriod, ByTopic, Due],
  counters: [Monthly, Profile, Questions, DueDays],
  project: ({ after, before, envelope }) => {
    const a = rowOf(after)
    if (a === undefined) return []
    const b = rowOf(before)
    const key = envelope.stream.id
    const out: Array<Projection.Update> = []
    if (a.state === "Closed") {
      if (b !== undefined && b.state !== "Closed") out.push(Projection.remove(Open, key))
      out.push(Projection.upsert(ClosedAppeals, key, a))
    } else {
      out.push(Projection.upsert(Open, key, a))
    }
    const dueAfter = dueRowsOf(after)
    for (const [k] of dueRowsOf(before)) if (!dueAfter.some(([x]) => x === k)) out.push(Projection.remove(Due, k))
    for (const [k, row] of dueAfter) out.push(Projection.upsert(Due, k, row))
    out.push(Projection.upsert(ByPeriod, key, a))
    for (const t of topicRows(a)) out.push(Projection.upsert(ByTopic, `${key}|${t.topic}`, t))
    out.push(...counterDeltas(b, a))
    return out
  }
})

/** Who an appeal belongs to in one's own list: the citizen's account that submitted it, or the staff member who registered it. */
export const OwnerRow = Schema.Struct({
  appealId: AppealId,
  owner: ActorId,
  /** `citizen` for the account that submitted it (`AppealFacts.submittedBy`); `staff` for the one who registered it. */
  ownerKind: Schema.Literal("citizen", "staff"),
  registeredOn: Day
})
/** @see OwnerRow */
export type OwnerRow = typeof OwnerRow.Type

/** Appeals by owner: a citizen's own submissions (by account and kind, never by a subject string alone), a clerk's registrations. */
export const Owners = Projection.table({
  name: "appeal_owners",
  schema: OwnerRow,
  indexed: ["owner", "ownerKind", "registeredOn"]
})

/** The owners' read model: a row when an appeal is registered. */
export const ownerModels = Projection.make<AppealEvent, AppealState>({
  name: "appeal_owners",
  tables: [Owners],
  counters: [],
  project: ({ envelope }) => {
    const e = envelope.event
    if (e._tag !== "AppealRegistered") return []
    const submitted = e.appeal.submittedBy
    return [
      Projection.upsert(Owners, envelope.stream.id, {
        appealId: e.appealId,
        owner: submitted ?? e.actor,
        ownerKind: submitted === undefined ? "staff" : "citizen",
        registeredOn: e.on
      })
    ]
  }
})

/** The appeal aggregate for a municipality's settings. */
export const makeDefinition = (settings: Deadlines.Settings) =>
  Aggregate.make({
    category,
    decider: AppealDecider.decider(settings),
    eventSchema: AppealEvent,
    commandSchema: AppealCommand,
    eventType: (e: AppealEvent) => e._tag,
    projections: [readModels, ownerModels, searchModels, ApplicantRecords.applicantModels],
    creates: (c: AppealCommand) => c._tag === "RegisterAppeal" || c._tag === "RegisterOralAppeal"
  })

/**
 * The default settings: the Russian production calendar (official 2019..2026, provisional to 2199, with
 * the presidential non-working days), Khabarovsk time, the 59-FZ terms and
 * the typical classifier.
 */
export const defaultSettings: Deadlines.Settings = Either.getOrThrow(
  Deadlines.makeSettings({
    calendar: Calendar.russia({ presidentialNonWorkingDays: true }),
    timeZone: TimeZone.KHABAROVSK
  })
)

/** The appeal aggregate with {@link defaultSettings}. */
export const definition = makeDefinition(defaultSettings)

/** The appeal aggregate's definition, for any settings. */
export type Definition = ReturnType<typeof makeDefinition>

/**
 * Registers an appeal under a registration number unique per
 * administration and year: the command is decided on an unregistered
 * appeal first (bad input is refused before anything is written). A new
 * number for a new appeal is reserved in the {@link RegistrationBook} and
 * the appeal registered in ONE append (`CommandHandler.createTogether`).
 * Otherwise (the number or the appeal exists, or an idempotency key is
 * given) the number is reserved (another appeal holding it:
 * {@link RegistrationBook.DuplicateRegistrationNumber}, and the appeal is
 * not registered), then the appeal is registered; retrying the same command
 * after a failure between the two steps is safe: the appeal's own
 * reservation is a no-op. `options` are those of `CommandHandler.handle`
 * for the appeal's stream.
 */
export const register = (
  command: RegisterAppeal | RegisterOralAppeal,
  options: CommandHandler.HandleOptions & { readonly definition?: Definition } = {}
): Effect.Effect<
  CommandHandler.CommandResult<AppealEvent, AppealState>,
  CommandHandler.HandleError<AppealError | RegistrationBook.DuplicateRegistrationNumber>,
  EventStore
> =>
  Effect.gen(function* () {
    const { definition: aggregate = definition, ...handleOptions } = options
    const checked = aggregate.decider.decide(command, aggregate.decider.initialState)
    if (Either.isLeft(checked)) return yield* Effect.fail(checked.left)
    const reserve = new RegistrationBook.ReserveRegistrationNumber({
      registrationNumber: command.registrationNumber,
      appealId: command.appealId,
      at: command.at,
      actor: command.actor
    })
    const bookId = RegistrationBook.streamId(command.registrationNumber)
    if (handleOptions.idempotencyKey !== undefined) {
      // a retry: the first result, or a conflict (another stream or another payload), before any number is reserved
      const store = yield* EventStore
      if (Option.isSome(yield* store.idempotency(handleOptions.idempotencyKey)))
        return yield* CommandHandler.handle(aggregate, command.appealId, command, handleOptions)
    }
    if (handleOptions.idempotencyKey === undefined) {
      // the usual case, a new number for a new appeal: both streams created in one append
      const together = yield* CommandHandler.createTogether(
        { definition: RegistrationBook.definition, id: bookId, command: reserve },
        { definition: aggregate, id: command.appealId, command }
      )
      if (Option.isSome(together)) return together.value[1]
      // the number or the appeal exists already (nothing was written): reserve, then register, each on its stream
    }
    yield* CommandHandler.handle(RegistrationBook.definition, bookId, reserve, { maxAttempts: 3 })
    return yield* CommandHandler.handle(aggregate, command.appealId, command, handleOptions)
  })

// ---------------------------------------------------------------------------
// Repeated appeals

/**
 * The earlier appeals of an appeal's applicant on its main topic, answered
 * on the merits by `on` (`Repeated.Earlier`, by registration day, then
 * id): candidates found in {@link ApplicantRecords.Applicants} by the
 * applicant's keys and the main topic (index searches, no scan of the
 * appeals), each confirmed on its own stream — the applicant, topics,
 * outcome and closing day read from the stream, the same applicant by
 * `Repeated.sameApplicant`. An anonymous appeal has none.
 */
export const earlierAppeals = (
  appeal: {
    readonly appealId?: AppealId
    readonly applicant?: Applicant | undefined
    readonly topics: ReadonlyArray<Topic.AppealTopicCode>
  },
  on: Day,
  options: { readonly definition?: Definition } = {}
): Effect.Effect<
  ReadonlyArray<Repeated.Earlier>,
  StorageError | CorruptRow | InvalidQuery | CorruptEvent,
  ReadModels | EventStore
> =>
  Effect.gen(function* () {
    const aggregate = options.definition ?? definition
    const topic = appeal.topics[0]
    const applicantKeys = ApplicantRecords.keysOf(appeal.applicant)
    if (topic === undefined || applicantKeys.length === 0) return []
    const candidates = new Set<string>()
    for (const applicantKey of applicantKeys) {
      const rows = yield* Projection.query(ApplicantRecords.Applicants, { where: { applicantKey, topic } })
      for (const { row } of rows)
        if (
          row.outcome === "answered" &&
          row.closedOn !== undefined &&
          row.closedOn <= on &&
          row.appealId !== appeal.appealId
        )
          candidates.add(row.appealId)
    }
    const out: Array<Repeated.Earlier & { readonly registeredOn: Day }> = []
    // the candidates' streams in one read (`EventStore.readMany`), not one read each: a prolific applicant's
    // answered appeals on the topic cost one query, not one per appeal, at every registration
    for (const { state } of yield* CommandHandler.loadMany(aggregate, [...candidates])) {
      if (state._tag === "Unregistered" || !Repeated.sameApplicant(appeal.applicant, state.appeal.applicant)) continue
      out.push({
        appealId: state.appeal.appealId,
        applicant: state.appeal.applicant,
        topics: state.appeal.topics,
        registeredOn: state.appeal.registeredOn,
        ...(state._tag === "Closed" ? { outcome: state.outcome, closedOn: state.closedOn } : {})
      })
    }
    return out.sort((a, b) =>
      a.registeredOn !== b.registeredOn
        ? a.registeredOn < b.registeredOn
          ? -1
          : 1
        : a.appealId < b.appealId
          ? -1
          : a.appealId > b.appealId
            ? 1
            : 0
    )
  })

/**
 * A registration marked as repeated when its applicant had earlier appeals
 * on its main topic answered on the merits by the day of registration
 * (`Repeated.mark` over {@link earlierAppeals}; the day is the local day of
 * the command's instant in the definition's time zone). Otherwise, and for
 * a registration the decider refuses (it is refused again when handled),
 * the command as it is. Every registration use case calls it before
 * registering; an import of historical records does not (the file's kind
 * stands).
 */
export const markRepeated = <C extends RegisterAppeal | RegisterOralAppeal>(
  command: C,
  options: { readonly definition?: Definition } = {}
): Effect.Effect<C, StorageError | CorruptRow | InvalidQuery | CorruptEvent, ReadModels | EventStore> =>
  Effect.gen(function* () {
    const aggregate = options.definition ?? definition
    const decided = aggregate.decider.decide(command, aggregate.decider.initialState)
    const registered = Either.isRight(decided) ? decided.right.find((e) => e._tag === "AppealRegistered") : undefined
    if (registered === undefined) return command
    const on = registered.on
    return Repeated.mark(command, yield* earlierAppeals(command, on, options), on)
  })

// ---------------------------------------------------------------------------
// Queries

/**
 * The instant an appeal of a row was registered: the row's own, or, for a
 * row written before rows kept it, the `at` of the appeal's registration
 * event (its stream read up to the first event) — never a made-up time of
 * day. `undefined` only when the stream has no registration (a row without
 * its stream).
 */
export const registeredAtOf = (
  row: AppealRow
): Effect.Effect<Date | undefined, StorageError | CorruptEvent, EventStore> =>
  row.registeredAt !== undefined
    ? Effect.succeed(row.registeredAt)
    : Effect.map(CommandHandler.load(definition, row.appealId, { toVersion: 1 }), ({ state }) =>
        state._tag === "Unregistered" ? undefined : state.appeal.registeredAt
      )

type Rows<A> = Effect.Effect<ReadonlyArray<A>, StorageError | CorruptRow | InvalidQuery, ReadModels>
const rowsOnly = <A>(
  e: Effect.Effect<ReadonlyArray<{ readonly row: A }>, StorageError | CorruptRow | InvalidQuery, ReadModels>
): Rows<A> => Effect.map(e, (rs) => rs.map((r) => r.row))

/** Open appeals in a state (`Registered` or `UnderConsideration`), by answer due date. */
export const openInState = (
  state: "Registered" | "UnderConsideration",
  options: { readonly limit?: number } = {}
): Rows<AppealRow> => rowsOnly(Projection.query(Open, { where: { state }, orderBy: "answerDue", ...options }))

/** Closed appeals with an outcome, by registration month (one index search per query). */
export const closedWithOutcome = (outcome: Outcome, options: { readonly limit?: number } = {}): Rows<AppealRow> =>
  rowsOnly(Projection.query(ClosedAppeals, { where: { outcome }, orderBy: "closedOn", ...options }))

/** Open appeals overdue on a day (answer due before it), by due date; optionally of one division. */
export const overdueOn = (
  day: Day,
  options: { readonly division?: DivisionId; readonly limit?: number } = {}
): Rows<AppealRow> =>
  rowsOnly(
    Projection.query(Open, {
      where: { answerDue: { lt: day }, ...(options.division !== undefined ? { division: options.division } : {}) },
      orderBy: "answerDue",
      ...(options.limit !== undefined ? { limit: options.limit } : {})
    })
  )

/** Open appeals whose answer is due on a day. */
export const dueOn = (day: Day): Rows<AppealRow> =>
  rowsOnly(Projection.query(Open, { where: { answerDue: day }, orderBy: "answerDue" }))

/** Open appeals whose answer is due in a range of days (inclusive). */
export const dueBetween = (from: Day, to: Day): Rows<AppealRow> =>
  rowsOnly(Projection.query(Open, { where: { answerDue: { gte: from, lte: to } }, orderBy: "answerDue" }))

/**
 * What open appeals have due in a range of days (inclusive), optionally of
 * one division and one executor: one index range of {@link Due}, by key
 * (appeal id, then kind).
 */
export const dueIn = (
  from: Day,
  to: Day,
  options: { readonly division?: DivisionId; readonly executor?: OfficialId; readonly limit?: number } = {}
): Rows<DueRow> =>
  rowsOnly(
    Projection.query(Due, {
      where: {
        due: { gte: from, lte: to },
        ...(options.division !== undefined ? { division: options.division } : {}),
        ...(options.executor !== undefined ? { executor: options.executor } : {})
      },
      ...(options.limit !== undefined ? { limit: options.limit } : {})
    })
  )

/** A filter of {@link registeredIn}: one of channel, division, addressee (by {@link addresseeKey}). */
export type PeriodFilter =
  | { readonly channel: Channel }
  | { readonly division: DivisionId }
  | { readonly addresseeKey: string }
  | Record<string, never>

/** Appeals registered in a period (a day, month, quarter or year), optionally of a channel, division or addressee. */
export const registeredIn = (period: Period.Period, filter: PeriodFilter = {}): Rows<AppealRow> =>
  rowsOnly(
    Projection.query(ByPeriod, {
      where: { ...filter, registeredOn: { gte: Period.firstDay(period), lte: Period.lastDay(period) } },
      orderBy: "registeredOn"
    })
  )

/** Topic rows of appeals registered in a period on a topic (exact code) or, with `section`, on any topic of a section. */
export const onTopic = (
  topic: { readonly code: Topic.TopicCode } | { readonly section: Topic.TopicCode },
  period: Period.Period
): Rows<TopicRow> =>
  rowsOnly(
    Projection.query(ByTopic, {
      where: {
        ...("code" in topic ? { topic: topic.code } : { section: topic.section }),
        registeredOn: { gte: Period.firstDay(period), lte: Period.lastDay(period) }
      },
      orderBy: "registeredOn"
    })
  )

// ---------------------------------------------------------------------------
// The analysis from the counters

const bump = (c: Record<string, number>, k: string, n: number) => {
  c[k] = (c[k] ?? 0) + n
}

const finish = (c: Record<string, number>): Analysis.Counts => {
  const out: Record<string, number> = {}
  for (const k of Object.keys(c).sort()) if (c[k] !== 0) out[k] = c[k]!
  return out
}

/**
 * The analysis of the appeals registered in a month, as of a day, from the
 * counters: reads the month's {@link Monthly} and {@link Profile} values,
 * the month's open appeals overdue on `asOf` and the month's appeals closed
 * after `asOf` (counted as still open, as {@link Analysis.analyse} does).
 */
export const analyseMonth = (
  month: Period.Month,
  asOf: Day
): Effect.Effect<Analysis.Analysis, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Effect.gen(function* () {
    const [monthly, profile, overdue, closedLater] = yield* Effect.all(
      [
        Projection.read(Monthly, { month }),
        Projection.read(Profile, { month }),
        Projection.query(Open, { where: { month, answerDue: { lt: asOf } } }),
        Projection.query(ClosedAppeals, { where: { month, closedOn: { gt: asOf } } })
      ],
      { concurrency: 1 }
    )
    const c: Record<Analysis.Dimension, Record<string, number>> = {
      byChannel: {},
      byAddressee: {},
      byDivision: {},
      byTopic: {},
      byKind: {},
      byType: {},
      byOutcome: {},
      byResult: {},
      byTimeliness: {},
      byDivisionTopic: {},
      byDivisionTimeliness: {},
      byDivisionTopicTimeliness: {}
    }
    let total = 0
    for (const { dimensions: d, value: n } of monthly) {
      if (n === 0) continue
      total += n
      bump(c.byChannel, d.channel, n)
      bump(c.byDivision, d.division, n)
      bump(c.byTopic, d.topic, n)
      bump(c.byOutcome, d.outcome, n)
      // open appeals are pending until the overdue ones are moved below
      const t = d.timing === Analysis.OPEN ? "pending" : d.timing
      bump(c.byTimeliness, t, n)
      bump(c.byDivisionTopic, `${d.division}|${d.topic}`, n)
      bump(c.byDivisionTimeliness, `${d.division}|${t}`, n)
      bump(c.byDivisionTopicTimeliness, `${d.division}|${d.topic}|${t}`, n)
    }
    for (const { dimensions: d, value: n } of profile) {
      if (n === 0) continue
      bump(c.byAddressee, d.addressee, n)
      bump(c.byKind, d.kind, n)
      bump(c.byType, d.type, n)
      bump(c.byResult, d.result, n)
    }
    const move = (division: string, topic: string, from: string, to: string) => {
      bump(c.byTimeliness, from, -1)
      bump(c.byTimeliness, to, 1)
      bump(c.byDivisionTimeliness, `${division}|${from}`, -1)
      bump(c.byDivisionTimeliness, `${division}|${to}`, 1)
      bump(c.byDivisionTopicTimeliness, `${division}|${topic}|${from}`, -1)
      bump(c.byDivisionTopicTimeliness, `${division}|${topic}|${to}`, 1)
    }
    for (const { row } of overdue) move(row.division ?? Analysis.NONE, row.topics[0], "pending", "overdue")
    for (const { row } of closedLater) {
      // closed after asOf: still open on the day of the analysis
      const division = row.division ?? Analysis.NONE
      bump(c.byOutcome, row.outcome ?? Analysis.OPEN, -1)
      bump(c.byOutcome, Analysis.OPEN, 1)
      bump(c.byResult, row.result ?? Analysis.NONE, -1)
      bump(c.byResult, Analysis.NONE, 1)
      move(
        division,
        row.topics[0],
        row.closedLate === true ? "late" : "onTime",
        asOf > row.answerDue ? "overdue" : "pending"
      )
    }
    const counts = {} as Record<Analysis.Dimension, Analysis.Counts>
    for (const d of Analysis.DIMENSIONS) counts[d] = finish(c[d])
    return new Analysis.Analysis({ period: month, asOf, total, ...counts })
  })

/**
 * The monthly federal monitoring of a month as of a day (Decree No. 171):
 * `Monitoring.report` over the rows of the month's appeals in
 * {@link ByPeriod} — the summaries the monthly report's analysis reads.
 */
export const monitoring = (
  month: Period.Month,
  asOf: Day = Period.lastDay(month)
): Effect.Effect<Monitoring.MonitoringReport, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Effect.map(
    Projection.query(ByPeriod, {
      where: { registeredOn: { gte: Period.firstDay(month), lte: Period.lastDay(month) } },
      orderBy: "registeredOn"
    }),
    (rows) =>
      Monitoring.report(
        rows.map((r) => summaryOf(r.row)),
        month,
        asOf
      )
  )

/** The analysis of a month, quarter or year as of a day: {@link analyseMonth} of each month, combined. */
export const analyse = (
  period: Analysis.AnalysisPeriod,
  asOf: Day
): Effect.Effect<Analysis.Analysis, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Period.kindOf(period) === "month"
    ? analyseMonth(period as Period.Month, asOf)
    : Effect.map(
        Effect.forEach(Period.months(period as Period.Quarter | Period.Year), (m) => analyseMonth(m, asOf)),
        (parts) => Analysis.combine(period, asOf, parts)
      )

/** A period's analysis with the same period of the previous year and the recommendations to divisions. */
export interface Report {
  readonly analysis: Analysis.Analysis
  readonly previousYear: Analysis.Analysis
  readonly comparison: Analysis.Comparison
  readonly recommendations: ReadonlyArray<Analysis.Recommendation>
}

/**
 * The monthly analysis as the administration reads it: the month's counts,
 * the same month of the previous year, the year-on-year change and the
 * recommendations — all from the counters.
 */
export const monthly = (
  period: Analysis.AnalysisPeriod,
  asOf: Day,
  options: Analysis.RecommendationOptions = {}
): Effect.Effect<Report, StorageError | CorruptRow | InvalidQuery, ReadModels> =>
  Effect.map(
    Effect.all([analyse(period, asOf), analyse(Analysis.previousYearOf(period), asOf)]),
    ([analysis, previousYear]) => ({
      analysis,
      previousYear,
      comparison: Analysis.compare(analysis, previousYear),
      recommendations: Analysis.recommendations(analysis, previousYear, options)
    })
  )
