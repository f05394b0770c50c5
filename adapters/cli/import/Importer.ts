/**
 * The import pipeline: lines in, decided events out, appended in batches.
 *
 * Every line is decoded with {@link Format.ImportRecord}; its history is
 * decided purely from the initial state by the area's decider (a command
 * the decider refuses rejects the record, naming the command); each
 * command's events become one append with the idempotency key
 * `import/<kind>/<key>/<index>` (the registration number for an appeal, the
 * plan id, the voting day), so re-running a file appends nothing twice and
 * a longer history of a stored record appends only its new commands. The
 * organisation is decided against its stored history: a version already
 * stored decides nothing (the record counts as already stored), a new one
 * is appended after it. A
 * batch of records is ONE `appendMany` transaction; when a batch conflicts
 * with what is stored, its records are appended one by one and the
 * conflicting ones rejected. Memory is bounded by the batch size.
 *
 * @module
 */
import { Data, Effect, Either, Option, ParseResult, Schema } from "effect"
import {
  Administration,
  Appeals,
  Budget,
  Decode,
  Duma,
  Elections,
  Information,
  Meetings,
  Methodology,
  Planning,
  Ports,
  type TimeZone
} from "../../../src/index.js"
import * as Aggregates from "../internal/Aggregates.js"
import * as Csv from "./Csv.js"
import * as Format from "./Format.js"

/** The lines could not be read (the file went away, a read error): nothing after the last whole batch is stored. */
export class ReadFailed extends Data.TaggedError("ReadFailed")<{
  /** The lines read before the failure. */
  readonly linesRead: number
  readonly message: string
}> {}

/** What a run did. */
export interface Counts {
  readonly lines: number
  /** Records with at least one command appended now. */
  readonly imported: number
  /** Records already stored in full (nothing appended). */
  readonly duplicates: number
  readonly rejected: number
  /** Events appended. */
  readonly events: number
  readonly byKind: Readonly<Record<Format.Kind, number>>
}

/** A rejected line: its number (from 1), the line, and why. */
export interface Rejection {
  readonly line: number
  readonly text: string
  readonly reason: string
}

/** Options of {@link importLines}. */
export interface Options {
  /** Records per transaction (default 500). */
  readonly batchSize?: number
  /** The instant of recording written on the events (ISO). */
  readonly recordedAt: string
  readonly onReject: (r: Rejection) => Effect.Effect<void>
  readonly onProgress?: (linesRead: number) => void
  /** The appeal aggregate to decide with (default: the default settings; `--calendar` gives the city's calendar). */
  readonly appealDefinition?: Appeals.AppealRecords.Definition
  /** The city's time zone: the days of receptions and meetings (default: Khabarovsk time). */
  readonly timeZone?: TimeZone.TimeZoneName
  /**
   * Worker threads that decode the lines of JSON Lines and decide the appeals among them ({@link importLines}
   * only), with the same `appealDefinition` and `recordedAt`; without them everything runs here.
   */
  readonly workers?: Workers
}

interface Prepared {
  readonly line: number
  readonly text: string
  readonly kind: Format.Kind
  readonly batches: ReadonlyArray<Ports.EventStore.AppendBatch>
  readonly commit: () => void
  /** Everything the record says is stored already: it decides no event. */
  readonly stored?: boolean
}

// strict: a field the format does not know (a misspelling) is refused naming it, as the published JSON Schema says
const decodeText = Decode.unknownEither(Schema.parseJson(Format.ImportRecord), {
  errors: "first",
  onExcessProperty: "error"
})
const decodeRecord = Decode.unknownEither(Format.ImportRecord, { errors: "first", onExcessProperty: "error" })

/**
 * A line decoded. A good line takes the short way, `JSON.parse` and the
 * record's Schema (what `Schema.parseJson` does, without its transformation
 * layer: the same value); a line that fails either is decoded again by the
 * one decoder of the text, so a bad line is refused with the same reason as
 * ever.
 */
const decodeLine = (text: string): Either.Either<Format.ImportRecord, ParseResult.ParseError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return decodeText(text)
  }
  const record = decodeRecord(json)
  return Either.isRight(record) ? record : decodeText(text)
}

const parseReason = (e: ParseResult.ParseError): string => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
  if (issue === undefined) return "invalid record"
  const path = issue.path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "")
  return `${path === "" ? "record" : path}: ${issue.message}`
}

const messageOf = (e: unknown): string =>
  typeof e === "object" && e !== null && "message" in e && typeof e.message === "string" && e.message !== ""
    ? e.message
    : typeof e === "object" && e !== null && "_tag" in e
      ? String(e._tag)
      : String(e)

const tagOf = (e: unknown): string => (typeof e === "object" && e !== null && "_tag" in e ? String(e._tag) : "Error")

/**
 * Decides a history from the initial state and prepares one append per
 * command (pure). The appends go into one transaction, so a row written
 * again by a later command is encoded only there
 * (`Projection.compileLatest`: what is stored is the same).
 */
const prepareHistory = <C, E, S, Err, EI, CI>(
  definition: Ports.Aggregate.AggregateDefinition<C, E, S, Err, EI, CI>,
  decide: (c: C, s: S) => Either.Either<ReadonlyArray<E>, Err>,
  streamId: string,
  keyBase: string,
  history: ReadonlyArray<C>,
  recordedAt: string,
  from: { readonly state: S; readonly version: number } = { state: definition.decider.initialState, version: 0 }
): Either.Either<
  { readonly batches: ReadonlyArray<Ports.EventStore.AppendBatch>; readonly state: S; readonly version: number },
  string
> => {
  const stream = { category: definition.category, id: streamId }
  let state = from.state
  let version = from.version
  const prepared: Array<{
    readonly i: number
    readonly version: number
    readonly p: Ports.CommandHandler.PreparedUpdates<S>
  }> = []
  for (let i = 0; i < history.length; i++) {
    const c = history[i] as C
    const decided = decide(c, state)
    if (Either.isLeft(decided)) return Either.left(`history[${i}]: ${tagOf(decided.left)}: ${messageOf(decided.left)}`)
    if (decided.right.length === 0) continue
    const p = Ports.CommandHandler.prepareUpdates(definition, stream, { version, state }, decided.right, recordedAt)
    if (Either.isLeft(p)) return Either.left(`history[${i}]: ${messageOf(p.left)}`)
    prepared.push({ i, version, p: p.right })
    version += decided.right.length
    state = p.right.state
  }
  const writes = Ports.Projection.compileLatest(prepared.map((x) => x.p.updates))
  if (Either.isLeft(writes))
    return Either.left(`history[${prepared[writes.left.append]?.i ?? 0}]: ${messageOf(writes.left.error)}`)
  const batches = prepared.map(
    (x, n): Ports.EventStore.AppendBatch => ({
      stream,
      expectedVersion: x.version,
      events: x.p.newEvents,
      writes: writes.right[n]!,
      idempotencyKey: `${keyBase}/${x.i}`
    })
  )
  return Either.right({ batches, state, version })
}

/** The state of the plans already stored (the context plans are decided in). */
export const loadPlans = (): Effect.Effect<
  Map<string, Planning.Plan.State>,
  Ports.Errors.StorageError | Ports.Errors.CorruptEvent,
  Ports.EventStore.EventStore
> =>
  Effect.gen(function* () {
    const store = yield* Ports.EventStore.EventStore
    const stored = yield* store.readAll(0, { categories: [Aggregates.plan.category] })
    const states = new Map<string, Planning.Plan.State>()
    for (const s of stored) {
      const e = yield* Ports.Aggregate.decodeEvent(Aggregates.plan, s)
      states.set(
        s.streamId,
        Aggregates.plan.decider.evolve(states.get(s.streamId) ?? Aggregates.plan.decider.initialState, e)
      )
    }
    return states
  })

/** The state of the administration's suspension stream as stored. */
export const loadSuspensions = (): Effect.Effect<
  Meetings.Suspension.State,
  Ports.Errors.StorageError | Ports.Errors.CorruptEvent,
  Ports.EventStore.EventStore
> =>
  Effect.gen(function* () {
    const store = yield* Ports.EventStore.EventStore
    const stored = yield* store.readAll(0, { categories: [Aggregates.suspension.category] })
    let state = Aggregates.suspension.decider.initialState
    for (const s of stored) {
      if (s.streamId !== Meetings.MeetingRecords.suspensionStream) continue
      state = Aggregates.suspension.decider.evolve(state, yield* Ports.Aggregate.decodeEvent(Aggregates.suspension, s))
    }
    return state
  })

/** What records are decided against: the organisation, the plans and the suspensions, as stored and imported so far. */
interface Context {
  organisation: { readonly state: Administration.OrganisationHistory.State; readonly version: number }
  /** The appeal aggregate under the city's settings (its production calendar). */
  readonly appeal: Appeals.AppealRecords.Definition
  readonly plans: Map<string, Planning.Plan.State>
  suspension: Meetings.Suspension.State
  /** The meetings area's definitions in the city's time zone. */
  readonly meetings: ReturnType<typeof Aggregates.meetingsIn>
  readonly receptionFor: (
    s: Meetings.Suspension.State
  ) => ReturnType<ReturnType<typeof Aggregates.meetingsIn>["reception"]>
  readonly meetingFor: (s: Meetings.Suspension.State) => ReturnType<ReturnType<typeof Aggregates.meetingsIn>["meeting"]>
}

const memo = <A>(f: (s: Meetings.Suspension.State) => A) => {
  let last: { readonly key: Meetings.Suspension.State; readonly value: A } | undefined
  return (s: Meetings.Suspension.State): A => {
    if (last?.key !== s) last = { key: s, value: f(s) }
    return last.value
  }
}

/**
 * An appeal record decided and prepared (pure: it needs nothing stored, so
 * it can run anywhere, on a worker thread too): the number reserved in the
 * registration book, the outgoing numbers of its answers held in the
 * journal, and one append per command of its history.
 */
export const prepareAppeal = (
  record: Extract<Format.ImportRecord, { readonly kind: "appeal" }>,
  appeal: Appeals.AppealRecords.Definition,
  recordedAt: string
): Either.Either<
  {
    readonly kind: "appeal"
    readonly batches: ReadonlyArray<Ports.EventStore.AppendBatch>
    readonly commit: () => void
  },
  string
> => {
  const first = record.history[0]
  if (first._tag !== "RegisterAppeal" && first._tag !== "RegisterOralAppeal")
    return Either.left(`history[0]: an appeal's history starts with its registration, not ${first._tag}`)
  const other = record.history.findIndex((c) => c.appealId !== first.appealId)
  if (other >= 0) return Either.left(`history[${other}].appealId: every command names the appeal ${first.appealId}`)
  const d = appeal.decider
  // the number is reserved in the registration book in the same transaction: a number another appeal holds
  // (registered over HTTP, by a clerk, or earlier in this file) rejects the record
  const book = prepareHistory(
    Appeals.RegistrationBook.definition,
    Appeals.RegistrationBook.decider.decide,
    Appeals.RegistrationBook.streamId(first.registrationNumber),
    `import/appeal/${first.registrationNumber}/book`,
    [
      // its fields are the registration's, decoded already: not validated again
      new Appeals.RegistrationBook.ReserveRegistrationNumber(
        {
          registrationNumber: first.registrationNumber,
          appealId: first.appealId,
          at: first.at,
          actor: first.actor
        },
        true
      )
    ],
    recordedAt
  )
  if (Either.isLeft(book)) return Either.left(book.left)
  // an answer's outgoing number is held in the journal of outgoing answers in the same transaction: a number
  // another answer holds (over HTTP, or earlier in this file) rejects the record; numbers are never reused
  const journal: Array<Ports.EventStore.AppendBatch> = []
  for (let i = 0; i < record.history.length; i++) {
    const c = record.history[i]!
    if (c._tag !== "AnswerOnMerits" || c.document === undefined) continue
    const n = c.document.outgoingNumber
    const held = prepareHistory(
      Appeals.AnswerJournal.definition,
      Appeals.AnswerJournal.decider.decide,
      Appeals.AnswerJournal.streamId(n),
      `import/appeal/${first.registrationNumber}/outgoing/${n}`,
      [
        new Appeals.AnswerJournal.TakeOutgoingNumber(
          { outgoingNumber: n, appealId: c.appealId, at: c.at, actor: c.actor },
          true
        )
      ],
      recordedAt
    )
    if (Either.isLeft(held)) return Either.left(`history[${i}].document.outgoingNumber: ${held.left}`)
    journal.push(...held.right.batches)
  }
  return Either.map(
    prepareHistory(
      appeal,
      d.decide,
      first.appealId,
      `import/appeal/${first.registrationNumber}`,
      record.history,
      recordedAt
    ),
    (p) => ({
      kind: "appeal" as const,
      batches: [...book.right.batches, ...journal, ...p.batches],
      commit: () => {}
    })
  )
}

const prepare = (
  record: Format.ImportRecord,
  ctx: Context,
  recordedAt: string
): Either.Either<Omit<Prepared, "line" | "text">, string> => {
  const plans = ctx.plans
  switch (record.kind) {
    case "organisation": {
      // decided against the stored history: a version already stored decides nothing
      const definition = Administration.OrganisationRecords.definition
      const from = ctx.organisation
      return Either.map(
        prepareHistory(
          definition,
          definition.decider.decide,
          Administration.OrganisationRecords.streamId,
          `import/organisation/${from.version}`,
          record.history,
          recordedAt,
          from
        ),
        (p) => ({
          kind: "organisation" as const,
          batches: p.batches,
          stored: p.batches.length === 0,
          commit: () => {
            ctx.organisation = { state: p.state, version: p.version }
          }
        })
      )
    }
    case "appeal":
      return prepareAppeal(record, ctx.appeal, recordedAt)
    case "plan": {
      const id = record.history[0].plan
      const other = record.history.findIndex((c) => c.plan !== id)
      if (other >= 0) return Either.left(`history[${other}].plan: every command names the plan ${id}`)
      const others = [...plans.entries()].filter(([k]) => k !== id).map(([, s]) => s)
      const d = Planning.PlanRecords.deciderFor(record.history[0], plans.get(id), others)
      return Either.map(
        prepareHistory(Aggregates.plan, d.decide, id, `import/plan/${id}`, record.history, recordedAt),
        (p) => ({
          kind: "plan" as const,
          batches: p.batches,
          commit: () => {
            plans.set(id, p.state)
          }
        })
      )
    }
    case "electionCalendar": {
      const d = Aggregates.electionCalendar.decider
      return Either.map(
        prepareHistory(
          Aggregates.electionCalendar,
          d.decide,
          record.votingDay,
          `import/electionCalendar/${record.votingDay}`,
          record.history,
          recordedAt
        ),
        (p) => ({ kind: "electionCalendar" as const, batches: p.batches, commit: () => {} })
      )
    }
    case "suspension": {
      // the suspension stream is decided from its stored state: a re-import appends nothing new (idempotency keys)
      const d = ctx.meetings.suspension.decider
      return Either.map(
        prepareHistory(
          ctx.meetings.suspension,
          d.decide,
          Meetings.MeetingRecords.suspensionStream,
          "import/suspension",
          record.history,
          recordedAt
        ),
        (p) => ({
          kind: "suspension" as const,
          batches: p.batches,
          commit: () => {
            ctx.suspension = p.state
          }
        })
      )
    }
    case "reception": {
      const id = record.history[0].reception
      const other = record.history.findIndex((c) => c.reception !== id)
      if (other >= 0) return Either.left(`history[${other}].reception: every command names the reception ${id}`)
      const definition = ctx.receptionFor(ctx.suspension)
      return Either.map(
        prepareHistory(definition, definition.decider.decide, id, `import/reception/${id}`, record.history, recordedAt),
        (p) => ({
          kind: "reception" as const,
          batches: p.batches,
          commit: () => {}
        })
      )
    }
    case "meeting": {
      const id = record.history[0].meeting
      const other = record.history.findIndex((c) => c.meeting !== id)
      if (other >= 0) return Either.left(`history[${other}].meeting: every command names the meeting ${id}`)
      const definition = ctx.meetingFor(ctx.suspension)
      return Either.map(
        prepareHistory(definition, definition.decider.decide, id, `import/meeting/${id}`, record.history, recordedAt),
        (p) => ({
          kind: "meeting" as const,
          batches: p.batches,
          commit: () => {}
        })
      )
    }
    case "publications":
    case "informationPlan":
    case "programBudget":
    case "methodologicalCouncil":
    case "dumaSession":
      return prepareArea(record, recordedAt)
    case "pollingStation": {
      // the officers are officials of the organisation as stored and imported so far (any of its versions)
      const stationOf = (c: Elections.PollingStationRecords.Command) =>
        c._tag === "RecordPollingStation" ? c.station.id : c.id
      const id = stationOf(record.history[0])
      const other = otherStream(record.history, stationOf)
      if (other >= 0) return Either.left(`history[${other}]: every command names the polling station ${id}`)
      const d = Elections.PollingStationRecords.makeDefinition({
        officials: ctx.organisation.state.versions.flatMap((v) => v.organisation.officials.map((o) => o.id))
      })
      return Either.map(
        prepareHistory(d, d.decider.decide, id, `import/pollingStation/${id}`, record.history, recordedAt),
        (p) => ({ kind: "pollingStation" as const, batches: p.batches, commit: () => {} })
      )
    }
  }
}

/** A history whose every command names one stream (by `key`), as the first does; the index of another, if any. */
const otherStream = <C>(history: ReadonlyArray<C>, key: (c: C) => string): number => {
  const first = history[0]
  return first === undefined ? -1 : history.findIndex((c) => key(c) !== key(first))
}

/** The records of the organisational areas (information, budget, methodology, City Duma): one stream each, decided from its start. */
const prepareArea = (
  record: Extract<
    Format.ImportRecord,
    { readonly kind: "publications" | "informationPlan" | "programBudget" | "methodologicalCouncil" | "dumaSession" }
  >,
  recordedAt: string
): Either.Either<Omit<Prepared, "line" | "text">, string> => {
  const done =
    <K extends Format.Kind>(kind: K) =>
    (p: { readonly batches: ReadonlyArray<Ports.EventStore.AppendBatch> }) => ({
      kind,
      batches: p.batches,
      commit: () => {}
    })
  switch (record.kind) {
    case "publications": {
      const d = Information.InformationRecords.registerDefinition
      const id = Information.InformationRecords.registerStream
      return Either.map(
        prepareHistory(d, d.decider.decide, id, "import/publications", record.history, recordedAt),
        done("publications")
      )
    }
    case "informationPlan": {
      const month = record.history[0].month
      const other = otherStream(record.history, (c) => c.month)
      if (other >= 0) return Either.left(`history[${other}].month: every command names the month ${month}`)
      const d = Information.InformationRecords.planDefinition
      return Either.map(
        prepareHistory(d, d.decider.decide, month, `import/informationPlan/${month}`, record.history, recordedAt),
        done("informationPlan")
      )
    }
    case "programBudget": {
      const first = record.history[0]
      const other = otherStream(record.history, (c) => `${c.program}.${c.year}`)
      if (other >= 0)
        return Either.left(`history[${other}]: every command names the program ${first.program} and year ${first.year}`)
      const d = Budget.BudgetRecords.definition
      const id = Budget.BudgetRecords.streamId(first.program, first.year)
      return Either.map(
        prepareHistory(d, d.decider.decide, id, `import/programBudget/${id}`, record.history, recordedAt),
        done("programBudget")
      )
    }
    case "methodologicalCouncil": {
      const d = Methodology.CouncilRecords.definition
      return Either.map(
        prepareHistory(
          d,
          d.decider.decide,
          record.council,
          `import/methodologicalCouncil/${record.council}`,
          record.history,
          recordedAt
        ),
        done("methodologicalCouncil")
      )
    }
    case "dumaSession": {
      const session = record.history[0].session
      const other = otherStream(record.history, (c) => c.session)
      if (other >= 0) return Either.left(`history[${other}].session: every command names the session ${session}`)
      const d = Duma.DumaRecords.definition
      return Either.map(
        prepareHistory(d, d.decider.decide, session, `import/dumaSession/${session}`, record.history, recordedAt),
        done("dumaSession")
      )
    }
  }
}

/** One input of the pipeline: a line's text and its decoding (or why it does not decode); `undefined` skips the line. */
export type Input =
  | { readonly text: string; readonly record: Either.Either<Format.ImportRecord, string> }
  /** An appeal record decided elsewhere ({@link prepareLine} on a worker thread): its appends. */
  | { readonly text: string; readonly appeal: ReadonlyArray<Ports.EventStore.AppendBatch> }
  | undefined

/**
 * What a line of JSON Lines comes to before anything stored is read:
 * blank; refused (the reason, as the import reports it); an appeal record's
 * appends ({@link prepareAppeal}: an appeal is decided from its start and
 * needs nothing stored); or another kind, which is decided in the order of
 * the file against what is stored and imported before it.
 */
export type Line =
  | { readonly _tag: "Blank" }
  | { readonly _tag: "Refused"; readonly reason: string }
  | { readonly _tag: "Appeal"; readonly batches: ReadonlyArray<Ports.EventStore.AppendBatch> }
  | { readonly _tag: "Other" }

/** A line decoded and, for an appeal, decided and prepared (pure; what a decoding worker thread runs). */
export const prepareLine = (text: string, appeal: Appeals.AppealRecords.Definition, recordedAt: string): Line => {
  if (text.trim() === "") return { _tag: "Blank" }
  const decoded = decodeLine(text)
  if (Either.isLeft(decoded)) return { _tag: "Refused", reason: parseReason(decoded.left) }
  if (decoded.right.kind !== "appeal") return { _tag: "Other" }
  const prepared = prepareAppeal(decoded.right, appeal, recordedAt)
  return Either.isLeft(prepared)
    ? { _tag: "Refused", reason: prepared.left }
    : { _tag: "Appeal", batches: prepared.right.batches }
}

/**
 * Threads that run {@link prepareLine} on chunks of lines, answering in
 * the order given (`Workers.ts`); they decide appeals with the same
 * definition and instant of recording as the import they serve.
 */
export interface Workers {
  readonly prepare: (texts: ReadonlyArray<string>) => Promise<ReadonlyArray<Line>>
  /** How many threads (chunks kept in flight: a few per thread). */
  readonly threads: number
}

/** Lines per chunk sent to a worker thread. */
const CHUNK = 256

/**
 * The inputs of `lines` prepared by worker threads, in order, a few chunks
 * ahead of the import (memory stays bounded). Lines of other kinds are
 * decoded here. When reading fails, the lines read before are imported
 * first, then the failure is raised (as without workers).
 */
async function* viaWorkers(lines: AsyncIterable<string>, workers: Workers): AsyncGenerator<Input> {
  const inFlight: Array<{ readonly texts: ReadonlyArray<string>; readonly done: Promise<ReadonlyArray<Line>> }> = []
  const send = (texts: ReadonlyArray<string>) => {
    const done = workers.prepare(texts)
    done.catch(() => {}) // awaited in turn below
    inFlight.push({ texts, done })
  }
  function* inputs(texts: ReadonlyArray<string>, prepared: ReadonlyArray<Line>): Generator<Input> {
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!
      const p = prepared[i]
      if (p === undefined || p._tag === "Blank") yield undefined
      else if (p._tag === "Refused") yield { text, record: Either.left(p.reason) }
      else if (p._tag === "Appeal") yield { text, appeal: p.batches }
      else yield { text, record: Either.mapLeft(decodeLine(text), parseReason) }
    }
  }
  let chunk: Array<string> = []
  let failure: { readonly cause: unknown } | undefined
  try {
    for await (const text of lines) {
      chunk.push(text)
      if (chunk.length < CHUNK) continue
      send(chunk)
      chunk = []
      while (inFlight.length > 2 * workers.threads) {
        const next = inFlight.shift()!
        yield* inputs(next.texts, await next.done)
      }
    }
  } catch (cause) {
    failure = { cause }
  }
  if (chunk.length > 0) send(chunk)
  while (inFlight.length > 0) {
    const next = inFlight.shift()!
    yield* inputs(next.texts, await next.done)
  }
  if (failure !== undefined) throw failure.cause
}

/**
 * Imports lines (JSON Lines; blank lines are skipped): decodes, decides,
 * appends in batches, reports rejected lines through `onReject`.
 */
export const importLines = (
  lines: AsyncIterable<string>,
  options: Options
): Effect.Effect<
  Counts,
  Ports.Errors.StorageError | Ports.Errors.CorruptEvent | ReadFailed,
  Ports.EventStore.EventStore
> =>
  run(
    options.workers !== undefined
      ? viaWorkers(lines, options.workers)
      : (async function* () {
          for await (const text of lines)
            yield text.trim() === "" ? undefined : { text, record: Either.mapLeft(decodeLine(text), parseReason) }
        })(),
    options
  )

/**
 * Imports CSV lines of flat appeal records ({@link Csv}): the first
 * non-blank line is the header; each row becomes an `appeal` record,
 * decoded and imported as a JSON line would be. With a bad header every
 * row is rejected with the header's reason.
 */
export const importCsvLines = (
  lines: AsyncIterable<string>,
  options: Options
): Effect.Effect<
  Counts,
  Ports.Errors.StorageError | Ports.Errors.CorruptEvent | ReadFailed,
  Ports.EventStore.EventStore
> =>
  run(
    (async function* () {
      let header: Either.Either<Csv.Header, string> | undefined
      for await (const text of lines) {
        if (text.trim() === "") {
          yield undefined
          continue
        }
        if (header === undefined) {
          header = Csv.header(text)
          yield Either.isLeft(header) ? { text, record: Either.left(header.left) } : undefined
          continue
        }
        const h = header
        yield {
          text,
          record: Either.isLeft(h)
            ? Either.left(h.left)
            : Either.flatMap(Csv.record(h.right, text), (r) => Either.mapLeft(decodeRecord(r), parseReason))
        }
      }
    })(),
    options
  )

/** Imports records already decoded (the demo): the same pipeline without the text. */
export const importRecords = (
  records: Iterable<Format.ImportRecord>,
  options: Options
): Effect.Effect<
  Counts,
  Ports.Errors.StorageError | Ports.Errors.CorruptEvent | ReadFailed,
  Ports.EventStore.EventStore
> =>
  run(
    (async function* () {
      for (const record of records) yield { text: "", record: Either.right(record) }
    })(),
    options
  )

const run = (
  inputs: AsyncIterable<Input>,
  options: Options
): Effect.Effect<
  Counts,
  Ports.Errors.StorageError | Ports.Errors.CorruptEvent | ReadFailed,
  Ports.EventStore.EventStore
> =>
  Effect.gen(function* () {
    const store = yield* Ports.EventStore.EventStore
    const batchSize = Math.max(1, options.batchSize ?? 500)
    const organisation = yield* Ports.CommandHandler.load(
      Administration.OrganisationRecords.definition,
      Administration.OrganisationRecords.streamId
    )
    const meetings = Aggregates.meetingsIn(options.timeZone)
    const ctx: Context = {
      organisation: { state: organisation.state, version: organisation.version },
      appeal: options.appealDefinition ?? Aggregates.appeal,
      plans: yield* loadPlans(),
      suspension: yield* loadSuspensions(),
      meetings,
      receptionFor: memo((s) => meetings.reception(s.periods)),
      meetingFor: memo((s) => meetings.meeting(s.periods))
    }
    const counts = { lines: 0, imported: 0, duplicates: 0, rejected: 0, events: 0 }
    const byKind: Record<Format.Kind, number> = {
      organisation: 0,
      appeal: 0,
      plan: 0,
      electionCalendar: 0,
      suspension: 0,
      reception: 0,
      meeting: 0,
      publications: 0,
      informationPlan: 0,
      programBudget: 0,
      methodologicalCouncil: 0,
      dumaSession: 0,
      pollingStation: 0
    }
    let pending: Array<Prepared> = []

    const settle = (p: Prepared, results: ReadonlyArray<Ports.EventStore.AppendResult>) => {
      const fresh = results.filter((r) => !r.duplicate)
      if ((fresh.length === 0 && p.batches.length > 0) || p.stored === true) counts.duplicates++
      else {
        counts.imported++
        byKind[p.kind]++
      }
      for (const r of fresh) counts.events += r.toVersion - r.fromVersion + 1
    }
    const reject = (line: number, text: string, reason: string) =>
      Effect.suspend(() => {
        counts.rejected++
        return options.onReject({ line, text, reason })
      })
    /**
     * Whether a record meets a DIFFERENT record stored under its keys (same
     * registration number, plan id or voting day, other content): the
     * reason naming both, or undefined (new, or a true duplicate). Only a
     * record whose first key is stored is read back and compared.
     */
    const inRun = new Map<string, { readonly line: number; readonly fingerprints: ReadonlyArray<string> }>()
    const conflictOf = (p: Prepared, unstored: boolean) =>
      Effect.gen(function* () {
        const key = p.batches[0]?.idempotencyKey
        if (key !== undefined) {
          // the same key earlier in this run (maybe not stored yet): the same record (or a longer history of
          // it), or a conflict naming its line. The payloads are encoded already (JSON data: what is stored),
          // so their canonical text needs no JSON round trip first.
          const fingerprints = p.batches.map((b) =>
            Ports.CommandHandler.fingerprint(Ports.CommandHandler.canonical(b.events.map((e) => [e.type, e.payload])))
          )
          const earlier = inRun.get(key)
          if (
            earlier !== undefined &&
            fingerprints.some((f, i) => i < earlier.fingerprints.length && f !== earlier.fingerprints[i])
          )
            return `Conflict: this record differs from the one on line ${earlier.line} under the same key ${key}: not imported`
          if (earlier === undefined || earlier.fingerprints.length < fingerprints.length)
            inRun.set(key, { line: p.line, fingerprints })
        }
        if (unstored) return undefined
        for (const b of p.batches) {
          if (b.idempotencyKey === undefined) continue
          const seen = yield* store.idempotency(b.idempotencyKey)
          if (Option.isNone(seen)) return undefined
          const stream = { category: seen.value.category, id: seen.value.streamId }
          const stored = yield* store.read(stream, {
            fromVersion: seen.value.fromVersion,
            toVersion: seen.value.toVersion
          })
          const same =
            stored.length === b.events.length &&
            stored.every(
              (e, i) =>
                e.type === b.events[i]?.type &&
                Ports.CommandHandler.canonical(e.payload) ===
                  Ports.CommandHandler.canonical(JSON.parse(JSON.stringify(b.events[i]?.payload)))
            )
          if (!same)
            return `Conflict: this record differs from the one stored under the same key ${b.idempotencyKey} (${Ports.EventStore.streamName(stream)}, versions ${seen.value.fromVersion}..${seen.value.toVersion}): not imported; a true duplicate is skipped, a different record needs its own key`
        }
        return undefined
      })
    /**
     * The appeal records whose first key cannot be stored: their number's stream in the registration book
     * has no events (an appeal's first append, under `import/appeal/<number>/book/0`, is the one that
     * reserves the number on that stream, so the key is stored only with an event there). One query per
     * batch instead of one key lookup per record; a record whose stream has events is looked up as before.
     */
    const unstoredAppeals = (candidates: ReadonlyArray<Prepared>) =>
      Effect.gen(function* () {
        const firsts = candidates.filter((p) => {
          const b = p.batches[0]
          return (
            p.kind === "appeal" &&
            b !== undefined &&
            b.expectedVersion === 0 &&
            b.stream.category === Appeals.RegistrationBook.category
          )
        })
        const unstored = new Set<Prepared>()
        if (firsts.length === 0) return unstored
        const stored = yield* store.readMany(firsts.map((p) => p.batches[0]!.stream))
        firsts.forEach((p, i) => {
          if (stored[i]?.length === 0) unstored.add(p)
        })
        return unstored
      })
    const flush = Effect.gen(function* () {
      if (pending.length === 0) return
      const candidates = pending
      pending = []
      const batch: Array<Prepared> = []
      const unstored = yield* unstoredAppeals(candidates)
      for (const p of candidates) {
        const conflict = yield* conflictOf(p, unstored.has(p))
        if (conflict === undefined) batch.push(p)
        else yield* reject(p.line, p.text, conflict)
      }
      if (batch.length === 0) return
      const all = yield* Effect.either(store.appendMany(batch.flatMap((p) => p.batches)))
      if (Either.isRight(all)) {
        let i = 0
        for (const p of batch) {
          settle(p, all.right.slice(i, i + p.batches.length))
          i += p.batches.length
        }
        return
      }
      if (all.left._tag === "StorageError") return yield* Effect.fail(all.left)
      // a conflict with what is stored: one record at a time, rejecting the conflicting ones
      for (const p of batch) {
        const one = yield* Effect.either(store.appendMany(p.batches))
        if (Either.isRight(one)) settle(p, one.right)
        else if (one.left._tag === "StorageError") return yield* Effect.fail(one.left)
        else {
          // the conflict on this record's own registration-book stream: its number is held by another appeal
          const book = p.batches.find((b) => b.stream.category === Appeals.RegistrationBook.category)
          const held =
            one.left._tag === "ConcurrencyConflict" &&
            book !== undefined &&
            one.left.stream === Ports.EventStore.streamName(book.stream)
          // or on a stream of the journal of outgoing answers: the answer's outgoing number went out with another answer
          const conflict = one.left._tag === "ConcurrencyConflict" ? one.left : undefined
          const outgoing =
            conflict !== undefined &&
            p.batches.some(
              (b) =>
                b.stream.category === Appeals.AnswerJournal.category &&
                conflict.stream === Ports.EventStore.streamName(b.stream)
            )
          yield* reject(
            p.line,
            p.text,
            held
              ? `DuplicateRegistrationNumber: the registration number is held by another appeal (${one.left.message})`
              : outgoing
                ? `OutgoingNumberReused: the answer's outgoing number went out with the answer to another appeal; numbers are never reused (${one.left.message})`
                : `${one.left._tag}: ${messageOf(one.left)}`
          )
        }
      }
    })

    const iterator = inputs[Symbol.asyncIterator]()
    for (;;) {
      const next = yield* Effect.tryPromise({
        try: () => iterator.next(),
        catch: (e) =>
          new ReadFailed({
            linesRead: counts.lines,
            message: `after line ${counts.lines}: ${e instanceof Error ? e.message : String(e)}`
          })
      })
      if (next.done === true) break
      counts.lines++
      const line = counts.lines
      if (next.value === undefined) continue
      const input = next.value
      const text = input.text
      if ("appeal" in input) {
        // decided on a worker thread (an appeal needs nothing stored)
        pending.push({ kind: "appeal", batches: input.appeal, commit: () => {}, line, text })
        if (pending.length >= batchSize) {
          yield* flush
          options.onProgress?.(counts.lines)
        }
        continue
      }
      const decoded = input.record
      if (Either.isLeft(decoded)) {
        yield* reject(line, text, decoded.left)
        continue
      }
      const prepared = prepare(decoded.right, ctx, options.recordedAt)
      if (Either.isLeft(prepared)) {
        yield* reject(line, text, prepared.left)
        continue
      }
      prepared.right.commit()
      pending.push({ ...prepared.right, line, text })
      if (pending.length >= batchSize) {
        yield* flush
        options.onProgress?.(counts.lines)
      }
    }
    yield* flush
    options.onProgress?.(counts.lines)
    return { ...counts, byKind }
  })
