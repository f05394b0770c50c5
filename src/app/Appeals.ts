/**
 * The appeal use cases every entry point calls: register (a clerk),
 * submit with the next registration number (a citizen, an Open311 client),
 * act on an appeal (assign, forward, extend, answer, …), read one, list,
 * one's own, overdue, the monthly analysis — each after the access policy.
 *
 * Answers carry the state, who registered it, its stream version, whether
 * the principal sees its personal data and whether a due date rests on a
 * provisional calendar year; the entry point shapes its own view from them.
 *
 * @module
 */
import { Clock, Effect, Either, Option } from "effect"
import * as Analysis from "../appeals/Analysis.js"
import * as AnswerJournal from "../appeals/AnswerJournal.js"
import {
  AnswerDocumentDraft,
  executorIn,
  type OutgoingNumber,
  outgoingNumber,
  type Result,
  registrationNumber,
  ToMayor
} from "../appeals/Appeal.js"
import type { AppealCommand } from "../appeals/AppealCommand.js"
import * as Cmd from "../appeals/AppealCommand.js"
import * as AppealEvent from "../appeals/AppealEvent.js"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as Monitoring from "../appeals/Monitoring.js"
import * as Repeated from "../appeals/Repeated.js"
import type { AppealState, RegisteredState } from "../appeals/AppealState.js"
import type * as TermPolicy from "../appeals/TermPolicy.js"
import type { ActorId, AppealId, DivisionId, OfficialId } from "../kernel/Ids.js"
import * as Calendar from "../kernel/Calendar.js"
import * as Period from "../kernel/Period.js"
import type { Day, Month } from "../kernel/Period.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import { ConcurrencyConflict, IdempotencyKeyConflict } from "../ports/Errors.js"
import { type AppendBatch, EventStore } from "../ports/EventStore.js"
import * as Projection from "../ports/Projection.js"
import * as Search from "../ports/Search.js"
import * as SearchRecords from "../appeals/SearchRecords.js"
import * as Access from "./Access.js"
import { CityContext, now, today } from "./City.js"
import { InvalidRequest, notFound } from "./Errors.js"
import * as OrganisationRecords from "../administration/OrganisationRecords.js"
import * as Numbering from "./Numbering.js"
import type { Principal } from "./Principal.js"

/** An appeal as loaded: its state, who registered it (the first event's actor) and its stream version. */
export interface Loaded {
  readonly state: RegisteredState
  readonly registeredBy: ActorId
  readonly version: number
}

/** An appeal as a use case answers it. */
export interface Answer extends Loaded {
  /** Whether the principal sees the applicant and the text. */
  readonly personal: boolean
  /** Whether a due date in force rests on a provisional calendar year. */
  readonly provisional: boolean
  /** The legal answer term under the city's term policy: the entry, its days and its source. */
  readonly term: TermPolicy.LegalTermEntry
  /**
   * The internal due dates of the city's internal terms that apply (a
   * division's draft due some working days before the legal due date):
   * internal, never replacing `state.dues.answer`.
   */
  readonly internalDues: ReadonlyArray<TermPolicy.InternalDue>
}

/** What the access policy knows of an appeal. */
export const factsOf = (s: RegisteredState): Access.AppealFacts => ({
  division: s._tag === "Registered" ? undefined : s.division,
  addressee: s.appeal.addressee,
  submittedBy: s.appeal.submittedBy
})

/** The divisions under the principal's control today (a controller with the city's organisation). */
export const controlled = (p: Principal) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    return Access.controlledBy(p, city.organisation, yield* today)
  })

const denied = <A>(e: Either.Either<A, Access.AccessDenied>) => (Either.isLeft(e) ? Effect.fail(e.left) : Effect.void)

const keyOptions = (p: Principal, key: string | undefined): CommandHandler.HandleOptions =>
  key === undefined ? {} : { idempotencyKey: Access.scopedKey(p, key) }

/** Loads a registered appeal (an unregistered one is `RecordNotFound`). */
export const load = (id: string) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const l = yield* CommandHandler.load(city.appeals, id)
    const first = l.events[0]
    if (l.state._tag === "Unregistered" || first === undefined) return yield* Effect.fail(notFound("appeal", id))
    const loaded: Loaded = { state: l.state, registeredBy: first.actor, version: l.version }
    return loaded
  })

const answerOf = (p: Principal, l: Loaded) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const s = l.state
    const term = city.deadlines.termOf(s.appeal)
    const basis = city.deadlines.inForce(s.appeal.receivedOn, s.appeal.registeredOn, s.extensionDays, term.days)
    const internal = city.deadlines.internalDues(s.appeal, s.dues.answer)
    const answer: Answer = {
      ...l,
      personal: Access.seesPersonalData(p, factsOf(s), yield* controlled(p)),
      provisional: Either.isRight(basis) && basis.right.provisional,
      term,
      internalDues: Either.getOrElse(internal, () => [])
    }
    return answer
  })

const answerResult = (
  p: Principal,
  id: string,
  r: CommandHandler.CommandResult<AppealEvent.AppealEvent, AppealState>,
  registeredBy: ActorId
) =>
  r.state._tag === "Unregistered"
    ? Effect.fail(notFound("appeal", id))
    : answerOf(p, { state: r.state, registeredBy, version: r.version })

/** Reads an appeal the principal may read. */
export const read = (p: Principal, id: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readAppeal"))
    const l = yield* load(id)
    yield* denied(Access.appeal(p, "readAppeal", factsOf(l.state), yield* controlled(p), `the appeal ${id}`))
    return yield* answerOf(p, l)
  })

/** The fields of a clerk's registration (the command without the instant and the actor, which the use case sets). */
export type Registration = Omit<Cmd.RegisterAppeal, "_tag" | "at" | "actor" | "submittedBy">

/**
 * What an appeal refers to must exist: an addressee division in the
 * organisation in force today (the city's, else the stored one; not checked
 * when neither is known), every related appeal registered. Otherwise an
 * `InvalidRequest` naming the field; nothing is numbered or written.
 */
export const checkReferences = (fields: {
  readonly addressee?: Cmd.RegisterAppeal["addressee"]
  readonly relatedAppeals?: Cmd.RegisterAppeal["relatedAppeals"]
}) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const addressee = fields.addressee
    if (addressee !== undefined && addressee._tag === "ToDivision") {
      const organisation = city.organisation ?? (yield* OrganisationRecords.inForceOn(yield* today))
      if (organisation !== undefined && !organisation.divisions.some((d) => d.id === addressee.division))
        return yield* Effect.fail(
          new InvalidRequest({
            field: "addressee.division",
            message: `addressee.division: no division ${addressee.division} in the organisation in force`
          })
        )
    }
    const related = fields.relatedAppeals ?? []
    for (let i = 0; i < related.length; i++) {
      const id = related[i] as AppealId
      const l = yield* load(id).pipe(Effect.catchTag("RecordNotFound", () => Effect.succeed(undefined)))
      if (l === undefined)
        return yield* Effect.fail(
          new InvalidRequest({
            field: `relatedAppeals[${i}]`,
            message: `relatedAppeals[${i}]: no registered appeal ${id}`
          })
        )
    }
  })

/** Registers an appeal under the number the clerk gives (reserved in the registration book in the same append). */
export const register = (p: Principal, fields: Registration, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "registerAppeal"))
    yield* checkReferences(fields)
    const city = yield* CityContext
    // repeated appeals are detected at registration (an import keeps the kind its file gives)
    const cmd = yield* AppealRecords.markRepeated(
      Cmd.RegisterAppeal.make({ ...fields, at: yield* now, actor: p.subject }),
      { definition: city.appeals }
    )
    const r = yield* AppealRecords.register(cmd, { definition: city.appeals, ...keyOptions(p, key) })
    return yield* answerResult(p, fields.appealId, r, p.subject)
  })

/** What a citizen submits: the text, the topics, the applicant; the rest has defaults. */
export interface Submission {
  readonly text: Cmd.RegisterAppeal["text"]
  readonly topics: Cmd.RegisterAppeal["topics"]
  readonly applicant?: Cmd.RegisterAppeal["applicant"]
  readonly kind?: Cmd.RegisterAppeal["kind"]
  readonly type?: Cmd.RegisterAppeal["type"]
  readonly addressee?: Cmd.RegisterAppeal["addressee"]
  readonly relatedAppeals?: Cmd.RegisterAppeal["relatedAppeals"]
}

/**
 * Registers a citizen's electronic submission under the next number of the
 * submissions' sequence (a number a clerk already gave by hand is skipped).
 * The appeal records the citizen's account as `submittedBy`: their
 * ownership. A retry with the same idempotency key answers the first
 * result.
 */
export const submit = (p: Principal, body: Submission, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "submitAppeal"))
    const city = yield* CityContext
    if (key !== undefined) {
      const store = yield* EventStore
      const scoped = Access.scopedKey(p, key)
      const first = yield* store.idempotency(scoped)
      if (Option.isSome(first) && first.value.category === city.appeals.category) {
        // the same key for another submission is refused, naming the key; nothing is numbered or written
        if (Option.isNone(yield* store.idempotency(CommandHandler.payloadKey(scoped, body))))
          return yield* Effect.fail(
            new IdempotencyKeyConflict({
              key: scoped,
              stream: first.value.streamId,
              firstStream: first.value.streamId,
              reason: "otherPayload"
            })
          )
        return yield* read(p, first.value.streamId)
      }
    }
    const at = yield* now
    const year = Number((yield* today).slice(0, 4))
    const prefix = city.prefixes.submission
    const commandFor = (n: number) => {
      const number = registrationNumber(prefix, year, n)
      return Cmd.RegisterAppeal.make({
        kind: body.kind ?? "individual",
        type: body.type ?? "statement",
        addressee: body.addressee ?? ToMayor.make({}),
        ...(body.applicant !== undefined ? { applicant: body.applicant } : {}),
        text: body.text,
        topics: body.topics,
        relatedAppeals: body.relatedAppeals ?? [],
        appealId: number as string as AppealId,
        registrationNumber: number,
        channel: "electronic",
        receivedAt: at,
        at,
        actor: p.subject,
        ...(p.role === "citizen" ? { submittedBy: p.subject } : {})
      })
    }
    // a submission the rules refuse is refused before a number is taken: a rejected submission uses up none
    yield* checkReferences(body)
    const checked = city.appeals.decider.decide(commandFor(1), city.appeals.decider.initialState)
    if (Either.isLeft(checked)) return yield* Effect.fail(checked.left)
    // repeated appeals are detected at registration: the applicant's earlier appeals, read once
    const on = checked.right.find((e) => e._tag === "AppealRegistered")?.on ?? (yield* today)
    const earlier = yield* AppealRecords.earlierAppeals(body, on, { definition: city.appeals })
    for (let attempt = 1; ; attempt++) {
      const n = yield* Numbering.take(prefix, year)
      const cmd = Repeated.mark(commandFor(n), earlier, on)
      const appealId = cmd.appealId
      const registered = yield* Effect.either(
        AppealRecords.register(cmd, {
          definition: city.appeals,
          ...keyOptions(p, key),
          ...(key === undefined ? {} : { idempotencyPayload: body })
        })
      )
      if (Either.isLeft(registered)) {
        // a number a clerk gave by hand is held in the registration book: take the next one
        if (registered.left._tag === "DuplicateRegistrationNumber" && attempt < 10) continue
        // the same key sent twice at once (to two instances): the other request registered first; answer its result
        if (registered.left._tag === "IdempotencyKeyConflict" && key !== undefined) {
          const store = yield* EventStore
          const first = yield* store.idempotency(Access.scopedKey(p, key))
          if (Option.isSome(first) && first.value.category === city.appeals.category)
            return yield* read(p, first.value.streamId)
        }
        return yield* Effect.fail(registered.left)
      }
      return yield* answerResult(p, appealId, registered.right, p.subject)
    }
  })

/** The actions on an existing appeal. */
export type AppealAction =
  | "assignAppeal"
  | "forwardAppeal"
  | "forwardCrimeReport"
  | "extendTerm"
  | "answerAppeal"
  | "leaveWithoutAnswer"
  | "endCorrespondence"
  | "answerByReference"
  | "assignExecutors"
  | "returnCourtDecisionAppeal"
  | "referToPublishedAnswer"
  | "declineForSecrecy"
  | "sendCopies"

/** What every command on an appeal carries: the appeal, the instant and the actor. */
export interface Common {
  readonly appealId: AppealId
  readonly at: Date
  readonly actor: ActorId
}

/** Runs a command on an existing appeal, after the access policy (a division head: their division's appeal only). */
export const act = (
  p: Principal,
  action: AppealAction,
  id: AppealId,
  make: (common: Common) => AppealCommand,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, action))
    const city = yield* CityContext
    const l = yield* load(id)
    yield* denied(Access.appeal(p, action, factsOf(l.state), yield* controlled(p), `the appeal ${id}`))
    const r = yield* CommandHandler.handle(
      city.appeals,
      id,
      make({ appealId: id, at: yield* now, actor: p.subject }),
      keyOptions(p, key)
    )
    return yield* answerResult(p, id, r, l.registeredBy)
  })

/** The executor and co-executors as a request names them: officials of the organisation. */
export interface ExecutorsRequest {
  readonly executor: OfficialId
  readonly coExecutors: ReadonlyArray<OfficialId>
}

/**
 * Names the executor and co-executors of an appeal under consideration:
 * each official is resolved to their division in the organisation in force
 * today (the city's, else the stored one) — an official it does not know,
 * or one in no division, is `InvalidRequest` naming the field; the decider
 * keeps them within the appeal's division.
 */
export const assignExecutors = (p: Principal, id: AppealId, body: ExecutorsRequest, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "assignExecutors"))
    // the record decides first: a caller the appeal refuses learns nothing of the organisation's officials
    const l = yield* load(id)
    yield* denied(Access.appeal(p, "assignExecutors", factsOf(l.state), yield* controlled(p), `the appeal ${id}`))
    const city = yield* CityContext
    const organisation = city.organisation ?? (yield* OrganisationRecords.inForceOn(yield* today))
    const all = [body.executor, ...body.coExecutors]
    const refs = []
    for (let i = 0; i < all.length; i++) {
      const field = i === 0 ? "executor" : `coExecutors[${i - 1}]`
      const official = all[i] as OfficialId
      const ref = organisation === undefined ? undefined : executorIn(organisation, official)
      if (ref === undefined)
        return yield* Effect.fail(
          new InvalidRequest({
            field,
            message:
              organisation === undefined
                ? `${field}: no organisation is in force to find the official ${official} in`
                : `${field}: no official ${official} of a division in the organisation in force`
          })
        )
      refs.push(ref)
    }
    const [executor, ...coExecutors] = refs
    return yield* act(
      p,
      "assignExecutors",
      id,
      (c) => Cmd.AssignExecutors.make({ ...c, executor: executor!, coExecutors }),
      key
    )
  })

/** The answer document as a request gives it: the signing official; its date (default today) and outgoing number (default the journal's next). */
export interface AnswerDocumentRequest {
  readonly signedBy: OfficialId
  readonly date?: Day
  readonly outgoingNumber?: OutgoingNumber
}

/** An answer on the merits as a request gives it (the command without the appeal, instant and actor). */
export interface AnswerRequest {
  readonly result: Result
  readonly form: "written" | "electronic"
  readonly questionResults?: Cmd.AnswerOnMerits["questionResults"]
  readonly document?: AnswerDocumentRequest
}

/** The key of a request's payload beside its idempotency key (`CommandHandler.payloadKey`), as its own batch. */
const payloadBatch = (key: string, payload: unknown): AppendBatch => ({
  stream: { category: "idempotency", id: key },
  expectedVersion: 0,
  events: [],
  idempotencyKey: CommandHandler.payloadKey(key, payload)
})

/**
 * Answers an appeal on the merits. With a document, the answer gets its
 * outgoing number in the journal of outgoing answers (`Appeals.AnswerJournal`,
 * prefix `city.prefixes.outgoing`, the year of the document's date):
 *
 * - a number given by hand is held in the journal for this appeal in the
 *   same append as the answer — a number another answer holds is
 *   `OutgoingNumberReused`, and nothing is written;
 * - otherwise the next number of the journal's counter is taken, held in
 *   the journal and the answer recorded in ONE append (a lost race retries;
 *   a number held by hand is skipped, as it is taken): the numbers have no
 *   gaps, and no number is ever given twice.
 *
 * The answer is decided before any number is taken, so a refused answer
 * uses none. A retry with the same idempotency key answers the first result.
 */
export const answer = (p: Principal, id: AppealId, body: AnswerRequest, key?: string) =>
  Effect.gen(function* () {
    const base = (c: Common) =>
      ({
        ...c,
        result: body.result,
        form: body.form,
        ...(body.questionResults !== undefined ? { questionResults: body.questionResults } : {})
      }) as const
    const doc = body.document
    if (doc === undefined) return yield* act(p, "answerAppeal", id, (c) => Cmd.AnswerOnMerits.make(base(c)), key)
    yield* denied(Access.require(p, "answerAppeal"))
    const city = yield* CityContext
    const store = yield* EventStore
    const l = yield* load(id)
    yield* denied(Access.appeal(p, "answerAppeal", factsOf(l.state), yield* controlled(p), `the appeal ${id}`))
    const at = yield* now
    const date = doc.date ?? (yield* today)
    const commandWith = (n: OutgoingNumber) =>
      Cmd.AnswerOnMerits.make({
        ...base({ appealId: id, at, actor: p.subject }),
        document: AnswerDocumentDraft.make({ outgoingNumber: n, date, signedBy: doc.signedBy })
      })
    const scoped = key === undefined ? undefined : Access.scopedKey(p, key)
    const retryOptions = scoped === undefined ? {} : { idempotencyKey: scoped, idempotencyPayload: body }
    /** The first result of a request with this key (or a conflict naming the key), before anything is numbered. */
    const firstResult = Effect.gen(function* () {
      const placeholder = doc.outgoingNumber ?? outgoingNumber(city.prefixes.outgoing, Number(date.slice(0, 4)), 1)
      const r = yield* CommandHandler.handle(city.appeals, id, commandWith(placeholder), retryOptions)
      return yield* answerResult(p, id, r, l.registeredBy)
    })
    const seen = scoped === undefined ? Effect.succeed(false) : Effect.map(store.idempotency(scoped), Option.isSome)
    const prefix = city.prefixes.outgoing
    const year = Number(date.slice(0, 4))
    const counterId = Numbering.streamOf(prefix, year)
    for (let attempt = 1; attempt <= 50; attempt++) {
      if (yield* seen) return yield* firstResult
      // the counter is read before the appeal: a request with the same key that commits in between either makes
      // this counter stale (the append conflicts) or closes the appeal this request then reads
      const counter =
        doc.outgoingNumber === undefined ? yield* CommandHandler.load(Numbering.outgoing, counterId) : undefined
      const appeal = yield* CommandHandler.load(city.appeals, id)
      const n = doc.outgoingNumber ?? outgoingNumber(prefix, year, (counter?.state ?? 0) + 1)
      // the answer is decided first: a refused answer takes no number
      const cmd = commandWith(n)
      const decided = city.appeals.decider.decide(cmd, appeal.state)
      if (Either.isLeft(decided)) {
        // the same key answered in the meantime: its first result
        if (yield* seen) return yield* firstResult
        return yield* Effect.fail(decided.left)
      }
      const journal = yield* CommandHandler.load(AnswerJournal.definition, AnswerJournal.streamId(n))
      const take = AnswerJournal.TakeOutgoingNumber.make({ outgoingNumber: n, appealId: id, at, actor: p.subject })
      const held = AnswerJournal.decider.decide(take, journal.state)
      const recordedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      const batches: Array<AppendBatch> = []
      if (counter !== undefined) {
        const taken = yield* CommandHandler.prepare(
          Numbering.outgoing,
          counter.stream,
          counter,
          [Numbering.Taken.make({ n: counter.state + 1 })],
          recordedAt
        )
        batches.push({
          stream: counter.stream,
          expectedVersion: counter.version,
          events: taken.newEvents,
          writes: taken.writes
        })
        if (Either.isLeft(held)) {
          // a number held by hand (an import, a clerk): the counter passes it, as it is taken
          const skipped = yield* Effect.either(store.appendMany(batches))
          if (Either.isLeft(skipped) && !(skipped.left instanceof ConcurrencyConflict))
            return yield* Effect.fail(skipped.left)
          continue
        }
      }
      if (Either.isLeft(held)) return yield* Effect.fail(held.left)
      const reserved = yield* CommandHandler.prepare(
        AnswerJournal.definition,
        journal.stream,
        journal,
        held.right,
        recordedAt
      )
      if (reserved.newEvents.length > 0)
        batches.push({
          stream: journal.stream,
          expectedVersion: journal.version,
          events: reserved.newEvents,
          writes: reserved.writes
        })
      const answered = yield* CommandHandler.prepare(city.appeals, appeal.stream, appeal, decided.right, recordedAt)
      batches.push({
        stream: appeal.stream,
        expectedVersion: appeal.version,
        events: answered.newEvents,
        writes: answered.writes,
        ...(scoped !== undefined ? { idempotencyKey: scoped } : {})
      })
      if (scoped !== undefined) batches.push(payloadBatch(scoped, body))
      const appended = yield* Effect.either(store.appendMany(batches))
      if (Either.isLeft(appended)) {
        if (appended.left instanceof ConcurrencyConflict) continue
        return yield* Effect.fail(appended.left)
      }
      const result = appended.right[appended.right.length - (scoped !== undefined ? 2 : 1)]
      // the same key sent twice at once: the other request answered first; answer its result
      if (result?.duplicate === true) return yield* firstResult
      if (answered.state._tag === "Unregistered") return yield* Effect.fail(notFound("appeal", id))
      return yield* answerOf(p, {
        state: answered.state,
        registeredBy: l.registeredBy,
        version: result?.toVersion ?? appeal.version + answered.newEvents.length
      })
    }
    return yield* Effect.fail(
      new ConcurrencyConflict({ stream: `appeal-${id}`, expected: l.version, actual: l.version })
    )
  })

/** An appeal's history as a use case answers it: its entries and whether internal ones are included. */
export interface History {
  readonly appealId: AppealId
  readonly entries: ReadonlyArray<AppealEvent.HistoryEntry>
}

/**
 * The history of an appeal the principal may read (`readAppeal`): each
 * entry with its actor, instant and visibility; the applicant (a citizen)
 * sees the `public` entries only, staff every entry. No personal data.
 */
export const history = (p: Principal, id: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readAppeal"))
    const city = yield* CityContext
    const l = yield* CommandHandler.load(city.appeals, id)
    if (l.state._tag === "Unregistered") return yield* Effect.fail(notFound("appeal", id))
    yield* denied(Access.appeal(p, "readAppeal", factsOf(l.state), yield* controlled(p), `the appeal ${id}`))
    const h: History = {
      appealId: l.state.appeal.appealId,
      entries: AppealEvent.history(l.events, p.role === "citizen" ? { visibility: "public" } : {})
    }
    return h
  })

/** A page of appeal rows, keyed by appeal id: `next` is the key to ask for after. */
export interface Page {
  readonly items: ReadonlyArray<AppealRecords.AppealRow>
  readonly next?: string
}

/** A page of rows of an appeal table, restricted to divisions (one index search per division, merged by key). */
const pageOf = <A extends AppealRecords.AppealRow, I, F extends string>(
  table: Projection.Table<A, I, F>,
  where: { readonly [K in F]?: Projection.FieldCondition },
  divisions: ReadonlyArray<DivisionId> | undefined,
  limit: number,
  after: string | undefined
) =>
  Effect.gen(function* () {
    const q = (w: { readonly [K in F]?: Projection.FieldCondition }) =>
      Projection.query(table, { where: w, limit: limit + 1, ...(after !== undefined ? { afterKey: after } : {}) })
    const found =
      divisions === undefined
        ? yield* q(where)
        : (yield* Effect.forEach(divisions, (d) =>
            q({ ...where, division: d } as { readonly [K in F]?: Projection.FieldCondition })
          ))
            .flat()
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const rows = found.slice(0, limit)
    const page: { readonly items: ReadonlyArray<A>; readonly next?: string } = {
      items: rows.map((r) => r.row),
      ...(found.length > limit && rows.length > 0 ? { next: rows[rows.length - 1]!.key } : {})
    }
    return page
  })

/** What a list asks for. */
export interface ListQuery {
  readonly state?: "Unregistered" | "Registered" | "UnderConsideration" | "Closed"
  readonly division?: DivisionId
  readonly limit: number
  readonly after?: string
}

/** Appeals by state, in the divisions the principal may list. */
export const list = (p: Principal, q: ListQuery) =>
  Effect.gen(function* () {
    const divisions = yield* Access.listScope(p, "listAppeals", q.division, yield* controlled(p))
    if (q.state === "Unregistered") return { items: [] } satisfies Page
    return yield* q.state === "Closed"
      ? pageOf(AppealRecords.ClosedAppeals, {}, divisions, q.limit, q.after)
      : pageOf(AppealRecords.Open, q.state === undefined ? {} : { state: q.state }, divisions, q.limit, q.after)
  })

/** Every appeal (open or closed) in the divisions the principal may list: the Open311 list. */
export const listAll = (
  p: Principal,
  q: { readonly status?: "open" | "closed"; readonly limit: number; readonly after?: string }
) =>
  Effect.gen(function* () {
    if (p.role === "citizen") return yield* listOwn(p, q)
    const divisions = yield* Access.listScope(p, "listAppeals", undefined, yield* controlled(p))
    return yield* q.status === "open"
      ? pageOf(AppealRecords.Open, {}, divisions, q.limit, q.after)
      : q.status === "closed"
        ? pageOf(AppealRecords.ClosedAppeals, {}, divisions, q.limit, q.after)
        : pageOf(AppealRecords.ByPeriod, {}, divisions, q.limit, q.after)
  })

/**
 * The principal's own appeals: for a citizen, the appeals their account
 * submitted; for staff, the ones they registered — by account and kind,
 * never by a subject string alone.
 */
export const listOwn = (p: Principal, q: { readonly limit: number; readonly after?: string }) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "listOwnAppeals"))
    const own = yield* Projection.query(AppealRecords.Owners, {
      where: { owner: p.subject, ownerKind: p.role === "citizen" ? "citizen" : "staff" },
      limit: q.limit + 1,
      ...(q.after !== undefined ? { afterKey: q.after } : {})
    })
    const rows = own.slice(0, q.limit)
    const items: Array<AppealRecords.AppealRow> = []
    for (const r of rows) {
      const row = yield* Projection.get(AppealRecords.ByPeriod, r.key)
      if (Option.isSome(row)) items.push(row.value)
    }
    const page: Page = {
      items,
      ...(own.length > q.limit && rows.length > 0 ? { next: rows[rows.length - 1]!.key } : {})
    }
    return page
  })

/** Open appeals whose answer was due before a day, in the divisions the principal may list. */
export const overdue = (
  p: Principal,
  q: { readonly on: Day; readonly division?: DivisionId; readonly limit: number; readonly after?: string }
) =>
  Effect.gen(function* () {
    const divisions = yield* Access.listScope(p, "listOverdueAppeals", q.division, yield* controlled(p))
    return yield* pageOf(AppealRecords.Open, { answerDue: { lt: q.on } }, divisions, q.limit, q.after)
  })

/** How a due-soon window is counted: calendar days, or working days of the city's production calendar. */
export type DueSoonUnit = "days" | "workingDays"

/**
 * The days a due-soon query covers: from `on` to `on` + `days` calendar
 * days, or to the `days`-th working day after `on` (the city's production
 * calendar; issue 20's reminders count working days), both included. `days`
 * is 0..60; outside, or past the calendar, it is `InvalidRequest` naming
 * the field (`days` or `workingDays`).
 */
export const dueSoonWindow = (on: Day, days: number, unit: DueSoonUnit = "days") =>
  Effect.gen(function* () {
    if (!Number.isInteger(days) || days < 0 || days > 60)
      return yield* Effect.fail(
        new InvalidRequest({ field: unit, message: `${unit}: a whole number of days from 0 to 60, got ${days}` })
      )
    if (unit === "days") return { from: on, to: Period.addDays(on, days) }
    const city = yield* CityContext
    const to = Calendar.addWorkingDays(city.calendar, on, days)
    if (Either.isLeft(to))
      return yield* Effect.fail(new InvalidRequest({ field: unit, message: `${unit}: ${to.left.message}` }))
    return { from: on, to: to.right }
  })

/** A page of what open appeals have due, keyed `<appealId>,<dueKind>`: `next` is the key to ask for after. */
export interface DuePage {
  /** Each open appeal's row with what is due (`dueKind`: `answer` or `notice`) and its day (`due`). */
  readonly items: ReadonlyArray<AppealRecords.DueRow>
  readonly next?: string
}

/**
 * What open appeals have due within `days` (calendar) days or `days`
 * working days of `on` ({@link dueSoonWindow}), in the divisions the
 * principal may list, optionally of one division and of one executor — one
 * row per appeal and thing due, by appeal id:
 *
 * - `answer`: the legal answer due date in force (59-FZ art. 12 p. 1, p. 2,
 *   under the city's term policy);
 * - `notice`: for an appeal not yet accepted for consideration (not
 *   assigned to a division), the forwarding-or-notice term, 7 days from
 *   registration (59-FZ art. 8 p. 3, art. 11 p. 2, p. 4, p. 4.1, p. 5.1;
 *   `Appeals.AppealState.noticeDue`).
 *
 * `executor` keeps the appeals whose executor it is (one index range of
 * `AppealRecords.Due`). A division head may ask only for an executor of
 * their division, a controller for one of a division under control (the
 * organisation in force today says where an official works), else
 * `AccessDenied`, as for a division; others any. A `days` outside 0..60 is
 * `InvalidRequest` naming it.
 */
export const dueSoon = (
  p: Principal,
  q: {
    readonly on: Day
    readonly days: number
    /** How `days` counts (default calendar days). */
    readonly unit?: DueSoonUnit
    readonly division?: DivisionId
    /** Only the appeals whose executor this official is. */
    readonly executor?: OfficialId
    readonly limit: number
    readonly after?: string
  }
) =>
  Effect.gen(function* () {
    const window = yield* dueSoonWindow(q.on, q.days, q.unit)
    yield* denied(Access.require(p, "listOverdueAppeals"))
    const ctl = yield* controlled(p)
    const executor = q.executor
    let divisions: ReadonlyArray<DivisionId> | undefined
    if (executor === undefined) divisions = yield* Access.listScope(p, "listOverdueAppeals", q.division, ctl)
    else {
      const city = yield* CityContext
      const organisation = city.organisation ?? (yield* OrganisationRecords.inForceOn(yield* today))
      const ref = organisation === undefined ? undefined : executorIn(organisation, executor)
      divisions = yield* Access.executorScope(p, "listOverdueAppeals", executor, ref?.division, q.division, ctl)
    }
    const page: DuePage = yield* pageOf(
      AppealRecords.Due,
      { due: { gte: window.from, lte: window.to }, ...(executor !== undefined ? { executor } : {}) },
      divisions,
      q.limit,
      q.after
    )
    return page
  })

/** A page of a search: the appeals found (their rows), and whether the applicant's fields were searched. */
export interface SearchPage extends Page {
  /** Whether the applicant's name, e-mail and postal address were searched (roles that see personal data). */
  readonly personal: boolean
}

/**
 * Appeals whose text contains every word of `q` (`Ports.Search`: whole
 * words, lower case, `ё` as `е`; PostgreSQL also finds other forms of a
 * word), in the divisions the principal may list, by appeal id. For roles
 * that see personal data (`searchApplicants`: clerks, division heads,
 * administrators) the applicant's name, e-mail and postal address are
 * searched too; for controllers, the text only. The answer is the appeals'
 * rows, without personal data. A query that is empty, too long, search
 * syntax (quotes, `*`, parentheses, `AND`/`OR`/`NOT`/`NEAR`) or without a
 * word of three characters is `InvalidRequest` naming `q`.
 */
export const search = (
  p: Principal,
  q: string,
  page: { readonly limit: number; readonly after?: string; readonly division?: DivisionId }
) =>
  Effect.gen(function* () {
    const divisions = yield* Access.listScope(p, "searchAppeals", page.division, yield* controlled(p))
    const terms = Search.parseQuery(q)
    if (Either.isLeft(terms)) return yield* Effect.fail(new InvalidRequest({ field: "q", message: terms.left }))
    const personal = Access.allowed(p, "searchApplicants")
    const index = yield* Search.Search
    const one = (division: DivisionId | undefined) =>
      index.search(SearchRecords.Documents.name, {
        terms: terms.right,
        personal,
        ...(division !== undefined ? { where: [{ slot: 0, op: "eq" as const, value: division }] } : {}),
        ...(page.after !== undefined ? { afterKey: page.after } : {}),
        limit: page.limit + 1
      })
    const found =
      divisions === undefined
        ? yield* one(undefined)
        : (yield* Effect.forEach(divisions, one)).flat().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const rows = found.slice(0, page.limit)
    const items: Array<AppealRecords.AppealRow> = []
    for (const r of rows) {
      const row = yield* Projection.get(AppealRecords.ByPeriod, r.key)
      if (Option.isSome(row)) items.push(row.value)
    }
    const answer: SearchPage = {
      items,
      personal,
      ...(found.length > page.limit && rows.length > 0 ? { next: rows[rows.length - 1]!.key } : {})
    }
    return answer
  })

/** An open appeal whose internal term has passed while its legal term has not. */
export interface InternalOverdue {
  readonly row: AppealRecords.AppealRow
  /** The internal due dates before `on`. */
  readonly missed: ReadonlyArray<TermPolicy.InternalDue>
}

/**
 * The internal check: open appeals, not overdue under the law on `on`, whose
 * internal term (a division's draft due some working days before the legal
 * due date) has passed — in the divisions the principal may list, by legal
 * due date. Internal only: the legal due date and the overdue query are
 * untouched. (An internal term is at most 30 working days before the legal
 * due date, so only appeals due within 60 calendar days can have one passed.)
 */
export const internalOverdue = (p: Principal, q: { readonly on: Day; readonly division?: DivisionId }) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const divisions = yield* Access.listScope(p, "listOverdueAppeals", q.division, yield* controlled(p))
    if (!city.appealSettings.terms.entries.some((e) => e.kind === "internal")) return []
    const where = { answerDue: { gte: q.on, lte: Period.addDays(q.on, 60) } }
    const rows =
      divisions === undefined
        ? yield* Projection.query(AppealRecords.Open, { where, orderBy: "answerDue" })
        : (yield* Effect.forEach(divisions, (division) =>
            Projection.query(AppealRecords.Open, { where: { ...where, division }, orderBy: "answerDue" })
          )).flat()
    const out: Array<InternalOverdue> = []
    for (const { row } of rows) {
      const dues = city.deadlines.internalDues(row, row.answerDue)
      const missed = Either.isRight(dues) ? dues.right.filter((d) => d.due < q.on) : []
      if (missed.length > 0) out.push({ row, missed })
    }
    return out.sort((a, b) =>
      a.row.answerDue < b.row.answerDue
        ? -1
        : a.row.answerDue > b.row.answerDue
          ? 1
          : a.row.appealId < b.row.appealId
            ? -1
            : 1
    )
  })

/** The monthly analysis of a period with the previous year's and the recommendations. */
export const analysis = (p: Principal, period: Month | Period.Quarter | Period.Year, asOf: Day) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readAnalysis"))
    // the analysis sets the period beside the same period of the previous year, which must be representable too
    if (Number(period.slice(0, 4)) <= Period.MIN_YEAR)
      return yield* Effect.fail(
        new InvalidRequest({
          field: "period",
          message: `period: the analysis compares with the previous year; the first period it can analyse is in ${Period.MIN_YEAR + 1}`
        })
      )
    return yield* AppealRecords.monthly(period, asOf)
  })

/**
 * The monthly federal monitoring of a month (Decree No. 171 of 17 April
 * 2017): every question of the appeals registered in it with its status as
 * of the month's last day (today, for the current month). The month is
 * checked here, for every entry point: `YYYY-MM`, from July 2017, not after
 * the current month — else `InvalidMonitoringMonth` naming `month`.
 */
export const monitoring = (p: Principal, month: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readMonitoring"))
    const day = yield* today
    const m = yield* Monitoring.parseMonth(month, Period.monthOf(day))
    return yield* AppealRecords.monitoring(m, Period.minDay(Period.lastDay(m), day))
  })

/** An appeal's summary row fields as a list shows them (the analysis summary, number and state). */
export const summaryOf = (s: RegisteredState) => ({
  ...Analysis.summaryFields(s),
  registrationNumber: s.appeal.registrationNumber,
  state: s._tag
})
