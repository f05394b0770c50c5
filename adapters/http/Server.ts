/**
 * The server of the HTTP API: the handlers of every group over the storage
 * ports (any store layer: memory, SQLite, PostgreSQL), the access policy
 * of the roles, `/openapi.json` and the `/docs` page (Scalar, inlined: no
 * network at run time). {@link layer} is the API with its handlers;
 * {@link webHandler} answers web `Request`s in process (tests, serverless);
 * {@link serve} listens with Node.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { NodeRuntime } from "@effect/platform-node"
 * import { Auth, Server } from "cityhall/adapters/http"
 * import { SqliteStore } from "cityhall/adapters/sqlite"
 *
 * Server.serve({ port: 8080 }).pipe(
 *   Layer.provide(Server.layer()),
 *   Layer.provide([SqliteStore.layer({ filename: "city.sqlite" }), Auth.HmacTokens.layer({ secret: process.env.SECRET! })]),
 *   Layer.launch,
 *   NodeRuntime.runMain
 * )
 * ```
 *
 * @module
 */
import {
  type HttpApi,
  HttpApiBuilder,
  HttpApiScalar,
  type HttpApp,
  HttpIncomingMessage,
  HttpMiddleware,
  HttpServer,
  HttpServerRequest,
  HttpServerResponse
} from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Cause, Effect, Either, Layer, Option, Redacted, Schema, type Tracer } from "effect"
import { createServer } from "node:http"
import { Ids, Organisation, Period, TimeZone } from "../../src/kernel/index.js"
import * as Appeals from "../../src/appeals/index.js"
import * as Elections from "../../src/elections/index.js"
import * as Meetings from "../../src/meetings/index.js"
import * as Planning from "../../src/planning/index.js"
import * as Ports from "../../src/ports/index.js"
import * as Reporting from "../../src/reporting/index.js"
import {
  Api,
  type AppealItem,
  type Open311NewRequest,
  type AppealPage,
  type AppealView,
  type CalendarView,
  type MeetingView,
  type Open311Request,
  type PlanView,
  type ReceptionView
} from "./Api.js"
import { CurrentPrincipal, layerAuthentication, type Principal, type Role, type TokenVerifier } from "./Auth.js"
import { Forbidden, InvalidInput, NotFound, toHttp, type HttpError } from "./HttpErrors.js"
import * as Limits from "./Limits.js"
import * as MeetingsStore from "./internal/meetingsStore.js"
import { planIndex, Plans } from "./internal/planIndex.js"
import { Numbering, Take } from "./Numbering.js"

// ---------------------------------------------------------------------------
// Options

/** The appeal aggregate the server drives (e.g. `AppealRecords.makeDefinition(settings)`); any encoded forms, as `Aggregate.AnyAggregate`. */
export type AppealDefinition = Ports.Aggregate.AggregateDefinition<
  Appeals.AppealCommand.AppealCommand,
  Appeals.AppealEvent.AppealEvent,
  Appeals.AppealState.AppealState,
  Appeals.AppealError.AppealError,
  any,
  any
>
/** The election-calendar aggregate the server drives (e.g. `ElectionRecords.makeDefinition(settings)`). */
export type CalendarDefinition = Ports.Aggregate.AggregateDefinition<
  Elections.ElectionCalendar.Command,
  Elections.ElectionCalendar.Event,
  Elections.ElectionCalendar.ElectionCalendarState,
  Elections.ElectionCalendar.ElectionCalendarError,
  any,
  any
>

/** What a server is configured with. */
export interface ServerOptions {
  /** The appeal aggregate (default: `AppealRecords.definition`, Russian calendar, Khabarovsk time). */
  readonly appeals?: AppealDefinition
  /** The election calendar aggregate (default: `ElectionRecords.definition`). */
  readonly elections?: CalendarDefinition
  /** The classifier behind Open311 services (default: the typical classifier). */
  readonly classifier?: Appeals.Topic.Classifier
  /** The administration's time zone (default Asia/Vladivostok, Khabarovsk time). */
  readonly timeZone?: TimeZone.TimeZoneName
  /** The organisation: with it, a controller reads the divisions the duty distribution gives them. */
  readonly organisation?: Organisation.Organisation
  /** The prefix of registration numbers of appeals submitted over the API (default `E`). */
  readonly submissionPrefix?: string
  /** The prefix of registration numbers of oral appeals registered from reception cards (default `U`). */
  readonly oralAppealPrefix?: string
  /** The prefix of registration numbers of appeals registered from meeting questions (default `Q`). */
  readonly questionAppealPrefix?: string
  /** The prefix of registration numbers of written appeals handed in at receptions (default `W`). */
  readonly writtenAppealPrefix?: string
  /** The clock of commands (default: the system time). */
  readonly now?: () => Date
}

// ---------------------------------------------------------------------------
// Submitters: who submitted an appeal over the API (the citizen's own appeals)

/** Who registered each appeal (a citizen's subject for a submission), by submitter and day. */
export const Submitters = Ports.Projection.table({
  name: "http_appeal_submitters",
  schema: Schema.Struct({ appealId: Ids.AppealId, submitter: Ids.ActorId, registeredOn: Period.Day }),
  indexed: ["submitter", "registeredOn"]
})

const submitters = Ports.Projection.make<Appeals.AppealEvent.AppealEvent, Appeals.AppealState.AppealState>({
  name: "http_appeal_submitters",
  tables: [Submitters],
  counters: [],
  project: ({ envelope }) => {
    const e = envelope.event
    return e._tag === "AppealRegistered"
      ? [
          Ports.Projection.upsert(Submitters, envelope.stream.id, {
            appealId: e.appealId,
            submitter: e.actor,
            registeredOn: e.on
          })
        ]
      : []
  }
})

/** The appeal definition with the submitters' table added (what the server stores through). */
export const withSubmitters = (d: AppealDefinition): AppealDefinition => ({
  ...d,
  projections: [...(d.projections ?? []), submitters]
})

// ---------------------------------------------------------------------------
// Access

const deny = (p: Principal, action: string, why?: string): Forbidden =>
  new Forbidden({ role: p.role, action, message: why ?? `the role ${p.role} may not ${action}` })

/** Fails with Forbidden unless the principal has one of the roles. */
export const requireRole = (
  p: Principal,
  action: string,
  roles: ReadonlyArray<Role>
): Effect.Effect<void, Forbidden> => (roles.includes(p.role) ? Effect.void : Effect.fail(deny(p, action)))

// ---------------------------------------------------------------------------
// Handlers

const responsibleFor = (
  state: Elections.ElectionCalendar.ElectionCalendarState,
  task: Ids.TaskId,
  division: Ids.DivisionId | undefined
): boolean => division !== undefined && state.plans.some((p) => p.task.id === task && p.task.responsible === division)

type Loaded = {
  readonly state: Appeals.AppealState.RegisteredState
  readonly registeredBy: Ids.ActorId
  readonly version: number
}

const divisionOf = (s: Appeals.AppealState.RegisteredState): Ids.DivisionId | undefined =>
  s._tag === "Registered" ? undefined : s.division

const itemOf = (s: Appeals.AppealState.RegisteredState): AppealItem => {
  const summary = Appeals.Analysis.summarise(s)!
  return { ...summary, registrationNumber: s.appeal.registrationNumber, state: s._tag }
}

const itemOfRow = (row: Appeals.AppealRecords.AppealRow): AppealItem => {
  const { addresseeKey: _k, month: _m, ...item } = row
  return item
}

const viewOf = (l: Loaded, personal: boolean): AppealView => {
  const s = l.state
  const { applicant, text, ...facts } = s.appeal
  return {
    ...facts,
    state: s._tag,
    dues: s.dues,
    extensionDays: s.extensionDays,
    version: l.version,
    registeredBy: l.registeredBy,
    ...(s._tag !== "Registered" && s.division !== undefined ? { division: s.division } : {}),
    ...(s._tag === "Closed"
      ? {
          outcome: s.outcome,
          closedAt: s.closedAt,
          closedOn: s.closedOn,
          ...(s.result !== undefined ? { result: s.result } : {}),
          ...(s.answerForm !== undefined ? { answerForm: s.answerForm } : {}),
          ...(s.forwardedTo !== undefined ? { forwardedTo: s.forwardedTo } : {})
        }
      : {}),
    ...(personal ? { personal: { text, ...(applicant !== undefined ? { applicant } : {}) } } : {})
  }
}

/** The API's handlers and middleware over a store; needs the storage ports, a token verifier and the limits. */
export const layer = (
  options: ServerOptions = {}
): Layer.Layer<
  HttpApi.Api,
  never,
  Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | TokenVerifier | Limits.Limits
> => {
  const appeals = withSubmitters(options.appeals ?? Appeals.AppealRecords.definition)
  const elections = options.elections ?? Elections.ElectionRecords.definition
  const classifier = options.classifier ?? Appeals.Topic.typical
  const timeZone = options.timeZone ?? TimeZone.KHABAROVSK
  const org = options.organisation
  const prefix = options.submissionPrefix ?? "E"
  const oralPrefix = options.oralAppealPrefix ?? "U"
  const questionPrefix = options.questionAppealPrefix ?? "Q"
  const writtenPrefix = options.writtenAppealPrefix ?? "W"
  const now = options.now ?? (() => new Date())
  const today = (): Period.Day =>
    Either.getOrElse(TimeZone.localDay(now(), timeZone), () => Period.unsafeDay(now().toISOString().slice(0, 10)))

  const http = <A, E extends { readonly _tag: string }, R>(
    self: Effect.Effect<A, E, R>
  ): Effect.Effect<A, HttpError, R> => Effect.mapError(self, toHttp)

  /** The divisions a controller reads (undefined: all). */
  const controlled = (p: Principal): ReadonlyArray<Ids.DivisionId> | undefined =>
    p.role !== "controller" || org === undefined
      ? undefined
      : p.official === undefined
        ? []
        : Organisation.divisionsControlledBy(org.duty, p.official, today())

  const canRead = (p: Principal, l: Loaded): boolean => {
    const division = divisionOf(l.state)
    switch (p.role) {
      case "administrator":
      case "clerk":
        return true
      case "citizen":
        return l.registeredBy === p.subject
      case "divisionHead":
        return division !== undefined && division === p.division
      case "controller": {
        const set = controlled(p)
        if (set === undefined) return true
        if (division !== undefined) return set.includes(division)
        const a = l.state.appeal.addressee
        return a._tag === "ToDeputyMayor" && a.official === p.official
      }
    }
  }
  /** Personal data goes to the owner, clerks, the division head of the appeal and administrators; never to controllers. */
  const seesPersonal = (p: Principal, l: Loaded): boolean => p.role !== "controller" && canRead(p, l)

  const loadAppeal = (id: string) =>
    Effect.flatMap(http(Ports.CommandHandler.load(appeals, id)), (l): Effect.Effect<Loaded, NotFound> => {
      const first = l.events[0]
      return l.state._tag === "Unregistered" || first === undefined
        ? Effect.fail(new NotFound({ what: "appeal", id, message: `no appeal ${id}` }))
        : Effect.succeed({ state: l.state, registeredBy: first.actor, version: l.version })
    })

  const readable = (p: Principal, id: string) =>
    Effect.flatMap(loadAppeal(id), (l) =>
      canRead(p, l)
        ? Effect.succeed(l)
        : Effect.fail(deny(p, "read this appeal", `the appeal ${id} is not among those the ${p.role} may read`))
    )

  const opts = (key: string | undefined): Ports.CommandHandler.HandleOptions =>
    key === undefined ? {} : { idempotencyKey: key }

  /** Runs a command on an existing appeal after the role (and, for a division head, division) check. */
  const onAppeal =
    (
      action: string,
      roles: ReadonlyArray<Role>,
      make: (common: {
        readonly appealId: Ids.AppealId
        readonly at: Date
        readonly actor: Ids.ActorId
      }) => Appeals.AppealCommand.AppealCommand
    ) =>
    (req: {
      readonly path: { readonly id: Ids.AppealId }
      readonly headers: { readonly "idempotency-key"?: string }
    }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* requireRole(p, action, roles)
        const l = yield* loadAppeal(req.path.id)
        if (p.role === "divisionHead" && divisionOf(l.state) !== p.division) {
          return yield* Effect.fail(
            deny(p, action, `the appeal ${req.path.id} is not assigned to the division ${p.division ?? "(none)"}`)
          )
        }
        const r = yield* http(
          Ports.CommandHandler.handle(
            appeals,
            req.path.id,
            make({ appealId: req.path.id, at: now(), actor: p.subject }),
            opts(req.headers["idempotency-key"])
          )
        )
        if (r.state._tag === "Unregistered")
          return yield* Effect.fail(
            new NotFound({ what: "appeal", id: req.path.id, message: `no appeal ${req.path.id}` })
          )
        return viewOf({ state: r.state, registeredBy: l.registeredBy, version: r.version }, seesPersonal(p, l))
      })

  const pageSize = (limit: number | undefined) =>
    Effect.flatMap(Limits.Limits, (limits) =>
      limit !== undefined && limit > limits.maxPageSize
        ? Effect.fail(
            new InvalidInput({
              field: "limit",
              message: `limit: at most ${limits.maxPageSize} items per page, got ${limit}`
            })
          )
        : Effect.succeed(limit ?? limits.defaultPageSize)
    )

  /** A page of rows of a table, keyset-paged by key, restricted to divisions (merging one index search per division). */
  const pageOf = <F extends string>(
    table: Ports.Projection.Table<Appeals.AppealRecords.AppealRow, typeof Appeals.AppealRecords.AppealRow.Encoded, F>,
    where: { readonly [K in F]?: Ports.Projection.FieldCondition },
    divisions: ReadonlyArray<Ids.DivisionId> | undefined,
    limit: number,
    after: string | undefined
  ) =>
    Effect.gen(function* () {
      const q = (w: { readonly [K in F]?: Ports.Projection.FieldCondition }) =>
        Ports.Projection.query(table, {
          where: w,
          limit: limit + 1,
          ...(after !== undefined ? { afterKey: after } : {})
        })
      const found =
        divisions === undefined
          ? yield* q(where)
          : (yield* Effect.forEach(divisions, (d) =>
              q({ ...where, division: d } as { readonly [K in F]?: Ports.Projection.FieldCondition })
            ))
              .flat()
              .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      const rows = found.slice(0, limit)
      const page: AppealPage = {
        items: rows.map((r) => itemOfRow(r.row)),
        ...(found.length > limit && rows.length > 0 ? { next: rows[rows.length - 1]!.key } : {})
      }
      return page
    })

  /** The divisions a list is restricted to for a principal, given an optional requested division. */
  const scope = (
    p: Principal,
    action: string,
    division: Ids.DivisionId | undefined
  ): Effect.Effect<ReadonlyArray<Ids.DivisionId> | undefined, Forbidden> => {
    if (p.role === "divisionHead") {
      if (p.division === undefined || (division !== undefined && division !== p.division))
        return Effect.fail(deny(p, action, `a division head reads only the division ${p.division ?? "(none)"}`))
      return Effect.succeed([p.division])
    }
    const set = controlled(p)
    if (set !== undefined) {
      if (division !== undefined && !set.includes(division))
        return Effect.fail(
          deny(p, action, `the division ${division} is not under the control of ${p.official ?? p.subject}`)
        )
      return Effect.succeed(division !== undefined ? [division] : set)
    }
    return Effect.succeed(division !== undefined ? [division] : undefined)
  }

  const mine = (p: Principal, limit: number, after: string | undefined) =>
    Effect.gen(function* () {
      const own = yield* Ports.Projection.query(Submitters, {
        where: { submitter: p.subject },
        limit: limit + 1,
        ...(after !== undefined ? { afterKey: after } : {})
      })
      const rows = own.slice(0, limit)
      const items: Array<AppealItem> = []
      for (const r of rows) {
        const row = yield* Ports.Projection.get(Appeals.AppealRecords.ByPeriod, r.key)
        if (Option.isSome(row)) items.push(itemOfRow(row.value))
      }
      const page: AppealPage = {
        items,
        ...(own.length > limit && rows.length > 0 ? { next: rows[rows.length - 1]!.key } : {})
      }
      return page
    })

  /** Registers a citizen's (or an Open311 client's) submission under the next registration number. */
  const submit = (
    p: Principal,
    key: string | undefined,
    body: Omit<
      Appeals.AppealCommand.RegisterAppeal,
      "_tag" | "appealId" | "registrationNumber" | "at" | "actor" | "receivedAt" | "channel"
    >
  ) =>
    Effect.gen(function* () {
      if (key !== undefined) {
        const store = yield* Ports.EventStore.EventStore
        const first = yield* http(store.idempotency(key))
        if (Option.isSome(first)) {
          if (first.value.category !== appeals.category)
            return yield* Effect.fail(
              toHttp({ _tag: "IdempotencyKeyConflict", message: "the key was used for another stream" })
            )
          const l = yield* loadAppeal(first.value.streamId)
          return viewOf(l, seesPersonal(p, l))
        }
      }
      const at = now()
      const year = Number(today().slice(0, 4))
      // the next number of the submissions' sequence; one a clerk already gave by hand (held in the registration book) is skipped
      for (let attempt = 1; ; attempt++) {
        const n = yield* http(
          Ports.CommandHandler.handle(Numbering, `${prefix}-${year}`, Take.make({}), { maxAttempts: 50 })
        )
        const number = Appeals.Appeal.registrationNumber(prefix, year, n.state)
        const appealId = number as string as Ids.AppealId
        const cmd = Appeals.AppealCommand.RegisterAppeal.make({
          ...body,
          appealId,
          registrationNumber: number,
          channel: "electronic",
          receivedAt: at,
          at,
          actor: p.subject
        })
        const registered = yield* Effect.either(
          Appeals.AppealRecords.register(cmd, { definition: appeals, ...opts(key) })
        )
        if (Either.isLeft(registered)) {
          if (registered.left._tag === "DuplicateRegistrationNumber" && attempt < 10) continue
          return yield* Effect.fail(toHttp(registered.left))
        }
        const r = registered.right
        if (r.state._tag === "Unregistered")
          return yield* Effect.fail(new NotFound({ what: "appeal", id: appealId, message: `no appeal ${appealId}` }))
        return viewOf({ state: r.state, registeredBy: p.subject, version: r.version }, true)
      }
    })

  // ---- appeals -------------------------------------------------------------
  const staff: ReadonlyArray<Role> = ["clerk", "divisionHead", "controller", "administrator"]
  const AppealsLive = HttpApiBuilder.group(Api, "appeals", (h) =>
    h
      .handle("register", ({ headers, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "register appeals", ["clerk", "administrator"])
          // the payload was decoded by RegisterBody (the command's own field schemas): no second validation
          const cmd = Appeals.AppealCommand.RegisterAppeal.make({ ...payload, at: now(), actor: p.subject }, true)
          // the registration number is reserved in the registration book in the same append (unique per administration and year)
          const r = yield* http(
            Appeals.AppealRecords.register(cmd, { definition: appeals, ...opts(headers["idempotency-key"]) })
          )
          if (r.state._tag === "Unregistered")
            return yield* Effect.fail(
              new NotFound({ what: "appeal", id: payload.appealId, message: `no appeal ${payload.appealId}` })
            )
          return viewOf({ state: r.state, registeredBy: p.subject, version: r.version }, true)
        })
      )
      .handle("submit", ({ headers, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "submit appeals", ["citizen", "administrator"])
          return yield* submit(p, headers["idempotency-key"], {
            kind: payload.kind ?? "individual",
            type: payload.type ?? "statement",
            addressee: payload.addressee ?? Appeals.Appeal.ToMayor.make({}),
            applicant: payload.applicant,
            text: payload.text,
            topics: payload.topics,
            relatedAppeals: payload.relatedAppeals ?? []
          })
        })
      )
      .handle("assign", (req) =>
        onAppeal("assign appeals", ["clerk", "administrator"], (c) =>
          Appeals.AppealCommand.AssignToDivision.make({ ...c, division: req.payload.division })
        )(req)
      )
      .handle("forward", (req) =>
        onAppeal("forward appeals", ["clerk", "administrator"], (c) =>
          Appeals.AppealCommand.ForwardByCompetence.make({ ...c, to: req.payload.to })
        )(req)
      )
      .handle("extend", (req) =>
        onAppeal("extend terms", ["divisionHead", "administrator"], (c) =>
          Appeals.AppealCommand.ExtendTerm.make({ ...c, ...req.payload })
        )(req)
      )
      .handle("answer", (req) =>
        onAppeal("answer appeals", ["divisionHead", "administrator"], (c) =>
          Appeals.AppealCommand.AnswerOnMerits.make({ ...c, ...req.payload })
        )(req)
      )
      .handle("leaveWithoutAnswer", (req) =>
        onAppeal("leave appeals without answer", ["clerk", "divisionHead", "administrator"], (c) =>
          Appeals.AppealCommand.LeaveWithoutAnswer.make({ ...c, ground: req.payload.ground })
        )(req)
      )
      .handle("forwardCrimeReport", (req) =>
        onAppeal("forward crime reports", ["clerk", "administrator"], (c) =>
          Appeals.AppealCommand.ForwardCrimeReport.make({ ...c, to: req.payload.to })
        )(req)
      )
      .handle("endCorrespondence", (req) =>
        onAppeal("end correspondence", ["divisionHead", "administrator"], (c) =>
          Appeals.AppealCommand.EndCorrespondence.make(c)
        )(req)
      )
      .handle("answerByReference", (req) =>
        onAppeal("answer by reference", ["divisionHead", "administrator"], (c) =>
          Appeals.AppealCommand.AnswerByReference.make({ ...c, decision: req.payload.decision })
        )(req)
      )
      .handle("get", ({ path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const l = yield* readable(p, path.id)
          return viewOf(l, seesPersonal(p, l))
        })
      )
      .handle("list", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "list appeals", staff)
          const limit = yield* pageSize(urlParams.limit)
          const divisions = yield* scope(p, "list appeals", urlParams.division)
          return yield* http(
            urlParams.state === "Closed"
              ? pageOf(Appeals.AppealRecords.ClosedAppeals, {}, divisions, limit, urlParams.after)
              : urlParams.state === "Unregistered"
                ? Effect.succeed<AppealPage>({ items: [] })
                : pageOf(Appeals.AppealRecords.Open, { state: urlParams.state }, divisions, limit, urlParams.after)
          )
        })
      )
      .handle("mine", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const limit = yield* pageSize(urlParams.limit)
          return yield* http(mine(p, limit, urlParams.after))
        })
      )
      .handle("overdue", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "list overdue appeals", staff)
          const limit = yield* pageSize(urlParams.limit)
          const divisions = yield* scope(p, "list overdue appeals", urlParams.division)
          return yield* http(
            pageOf(Appeals.AppealRecords.Open, { answerDue: { lt: urlParams.on } }, divisions, limit, urlParams.after)
          )
        })
      )
      .handle("analysis", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read the monthly analysis", ["controller", "administrator"])
          return yield* http(Appeals.AppealRecords.monthly(urlParams.period, urlParams.asOf))
        })
      )
  )

  // ---- elections -----------------------------------------------------------
  const loadCalendar = (calendar: string) => http(Ports.CommandHandler.load(elections, calendar))
  const calendarView = (calendar: string, state: Elections.ElectionCalendar.ElectionCalendarState, version: number) =>
    Effect.map(
      http(Effect.either(Elections.ElectionCalendar.calendarOf(state)).pipe(Effect.flatMap((e) => e))),
      (merged): CalendarView => ({
        calendar,
        version,
        ...(state.votingDay !== undefined ? { votingDay: state.votingDay } : {}),
        elections: state.elections.map((e) => e.id),
        merged,
        statuses: state.statuses
      })
    )
  const onCalendar = (calendar: string, key: string | undefined, cmd: Elections.ElectionCalendar.Command) =>
    Effect.flatMap(http(Ports.CommandHandler.handle(elections, calendar, cmd, opts(key))), (r) =>
      calendarView(calendar, r.state, r.version)
    )
  const existing = (calendar: string) =>
    Effect.flatMap(loadCalendar(calendar), (l) =>
      l.version === 0
        ? Effect.fail(new NotFound({ what: "calendar", id: calendar, message: `no election calendar ${calendar}` }))
        : Effect.succeed(l)
    )

  const ElectionsLive = HttpApiBuilder.group(Api, "elections", (h) =>
    h
      .handle("registerElection", ({ headers, path, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "register elections", ["clerk", "administrator"])
          return yield* onCalendar(
            path.calendar,
            headers["idempotency-key"],
            Elections.ElectionCalendar.RegisterElection.make({
              election: payload.election,
              at: now(),
              actor: p.subject
            })
          )
        })
      )
      .handle("planTasks", ({ headers, path, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "plan election tasks", ["clerk", "administrator"])
          return yield* onCalendar(
            path.calendar,
            headers["idempotency-key"],
            Elections.ElectionCalendar.PlanTasks.make({ ...payload, at: now(), actor: p.subject })
          )
        })
      )
      .handle("markDone", ({ headers, path, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "mark election tasks done", ["clerk", "divisionHead", "administrator"])
          const l = yield* existing(path.calendar)
          if (p.role === "divisionHead" && !responsibleFor(l.state, path.task, p.division)) {
            return yield* Effect.fail(
              deny(
                p,
                "mark election tasks done",
                `the task ${path.task} is not the division ${p.division ?? "(none)"}'s`
              )
            )
          }
          return yield* onCalendar(
            path.calendar,
            headers["idempotency-key"],
            Elections.ElectionCalendar.MarkDone.make({ task: path.task, on: payload.on, at: now(), actor: p.subject })
          )
        })
      )
      .handle("markMissed", ({ headers, path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "mark election tasks missed", ["clerk", "administrator"])
          yield* existing(path.calendar)
          return yield* onCalendar(
            path.calendar,
            headers["idempotency-key"],
            Elections.ElectionCalendar.MarkMissed.make({ task: path.task, at: now(), actor: p.subject })
          )
        })
      )
      .handle("calendar", ({ path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read election calendars", staff)
          const l = yield* existing(path.calendar)
          return yield* calendarView(path.calendar, l.state, l.version)
        })
      )
      .handle("compliance", ({ path, urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read election compliance", staff)
          const l = yield* existing(path.calendar)
          const violations = yield* http(
            Effect.flatMap(Effect.either(Elections.ElectionCalendar.complianceOf(l.state, urlParams.asOf)), (e) => e)
          )
          return { calendar: path.calendar, asOf: urlParams.asOf, violations }
        })
      )
  )

  // ---- Open311 -------------------------------------------------------------
  const services = classifier.data.entries
    .filter((e) => Appeals.Topic.levelOf(e.code) === 2)
    .map((e) => {
      const section = Appeals.Topic.nameOf(classifier, Appeals.Topic.atLevel(e.code, 1)) ?? ""
      return {
        service_code: e.code as string,
        service_name: e.name,
        description: `${section}: ${e.name}`,
        metadata: false,
        type: "realtime" as const,
        keywords: e.code as string,
        group: section
      }
    })
  const endOfDay = (d: Period.Day) =>
    new Date(TimeZone.startOfLocalDay(Period.addDays(d, 1), timeZone).getTime() - 1000).toISOString()
  const startOfDay = (d: Period.Day) => TimeZone.startOfLocalDay(d, timeZone).toISOString()
  const requestOf = (item: AppealItem, description: string | undefined): Open311Request => {
    const service = Appeals.Topic.atLevel(item.topics[0], 2)
    return {
      service_request_id: item.appealId,
      status: item.state === "Closed" ? "closed" : "open",
      ...(item.outcome !== undefined ? { status_notes: item.outcome } : {}),
      service_code: service,
      ...(Appeals.Topic.nameOf(classifier, service) !== undefined
        ? { service_name: Appeals.Topic.nameOf(classifier, service)! }
        : {}),
      ...(description !== undefined ? { description } : {}),
      ...(item.division !== undefined ? { agency_responsible: item.division } : {}),
      requested_datetime: startOfDay(item.registeredOn),
      updated_datetime: startOfDay(item.closedOn ?? item.registeredOn),
      expected_datetime: endOfDay(item.answerDue)
    }
  }
  const open311Request = (p: Principal, id: string) =>
    Effect.map(readable(p, id), (l) =>
      requestOf(itemOf(l.state), seesPersonal(p, l) ? Redacted.value(l.state.appeal.text) : undefined)
    )

  const open311Submit = (payload: typeof Open311NewRequest.Type) =>
    Effect.gen(function* () {
      const p = yield* CurrentPrincipal
      yield* requireRole(p, "submit requests", ["citizen", "administrator"])
      if (!services.some((s) => s.service_code === payload.service_code)) {
        return yield* Effect.fail(
          new InvalidInput({
            field: "service_code",
            message: `service_code: ${payload.service_code} is not a service of /open311/v2/services`
          })
        )
      }
      const name = [payload.first_name, payload.last_name].filter((x) => x !== undefined).join(" ")
      const topic = yield* Effect.mapError(
        Appeals.Topic.parseAppealTopic(`${payload.service_code}.0000.0000`),
        () => new InvalidInput({ field: "service_code", message: "service_code: malformed" })
      )
      const v = yield* submit(p, undefined, {
        kind: "individual",
        type: "statement",
        addressee: Appeals.Appeal.ToMayor.make({}),
        applicant: new Appeals.Appeal.Applicant({
          ...(name !== "" ? { name: Redacted.make(name) } : {}),
          ...(payload.email !== undefined ? { email: payload.email } : {}),
          ...(payload.address_string !== undefined ? { postalAddress: payload.address_string } : {})
        }),
        text: payload.description,
        topics: [topic],
        relatedAppeals: []
      })
      return [
        {
          service_request_id: v.appealId as string,
          service_notice: `registered as ${v.registrationNumber}; the answer is due by ${v.dues.answer}`
        }
      ]
    })

  const open311List = (urlParams: {
    readonly service_request_id?: string
    readonly service_code?: string
    readonly status?: "open" | "closed"
    readonly limit?: number
    readonly after?: string
  }) =>
    Effect.gen(function* () {
      const p = yield* CurrentPrincipal
      const limit = yield* pageSize(urlParams.limit)
      if (urlParams.service_request_id !== undefined) {
        const ids = urlParams.service_request_id
          .split(",")
          .filter((s) => s !== "")
          .slice(0, limit)
        const out: Array<Open311Request> = []
        for (const id of ids) out.push(yield* open311Request(p, id))
        return out
      }
      const page =
        p.role === "citizen"
          ? yield* http(mine(p, limit, urlParams.after))
          : yield* Effect.gen(function* () {
              const divisions = yield* scope(p, "list requests", undefined)
              return yield* http(
                urlParams.status === "open"
                  ? pageOf(Appeals.AppealRecords.Open, {}, divisions, limit, urlParams.after)
                  : urlParams.status === "closed"
                    ? pageOf(Appeals.AppealRecords.ClosedAppeals, {}, divisions, limit, urlParams.after)
                    : pageOf(Appeals.AppealRecords.ByPeriod, {}, divisions, limit, urlParams.after)
              )
            })
      return page.items
        .map((i) => requestOf(i, undefined))
        .filter(
          (r) =>
            (urlParams.status === undefined || r.status === urlParams.status) &&
            (urlParams.service_code === undefined || r.service_code === urlParams.service_code)
        )
    })

  const Open311Live = HttpApiBuilder.group(Api, "open311", (h) =>
    h
      .handle("services", () => Effect.succeed(services))
      .handle("servicesJson", () => Effect.succeed(services))
      .handle("submit", ({ payload }) => open311Submit(payload))
      .handle("submitJson", ({ payload }) => open311Submit(payload))
      .handle("requests", ({ urlParams }) => open311List(urlParams))
      .handle("requestsJson", ({ urlParams }) => open311List(urlParams))
      .handle("request", ({ path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const id = path.id.endsWith(".json") ? path.id.slice(0, -5) : path.id
          return [yield* open311Request(p, id)]
        })
      )
  )

  // ---- planning ------------------------------------------------------------
  const planDefinition = (upper: Planning.Hierarchy.Context) => {
    const d = Planning.PlanRecords.makeDefinition(upper)
    return { ...d, projections: [...(d.projections ?? []), planIndex] }
  }
  const planReader = planDefinition(Planning.Hierarchy.emptyContext)
  const loadPlan = (plan: string) => http(Ports.CommandHandler.load(planReader, plan))
  const loadOpened = (plan: string) =>
    Effect.flatMap(loadPlan(plan), (l) =>
      l.state._tag === "Opened"
        ? Effect.succeed({ state: l.state, version: l.version })
        : Effect.fail(new NotFound({ what: "plan", id: plan, message: `no plan ${plan}` }))
    )
  /** The context of the plans above a plan: the strategic plans' (and for monthly and Address plans, the annual plans') nodes in force over its period. */
  const upperFor = (kind: Planning.Plan.PlanKind, period: Period.Period) =>
    Effect.gen(function* () {
      if (kind === "strategic") return Planning.Hierarchy.emptyContext
      const kinds: ReadonlyArray<Planning.Plan.PlanKind> = kind === "annual" ? ["strategic"] : ["strategic", "annual"]
      const nodes: Array<Planning.Node.Node> = []
      let horizon: Period.Horizon | undefined
      for (const k of kinds) {
        for (const r of yield* http(Ports.Projection.query(Plans, { where: { kind: k } }))) {
          if (!Period.containsPeriod(r.row.period, period)) continue
          const l = yield* loadPlan(r.row.plan)
          if (l.state._tag !== "Opened") continue
          if (k === "strategic" && Period.kindOf(l.state.period) === "horizon")
            horizon = l.state.period as Period.Horizon
          nodes.push(...l.state.inForce)
        }
      }
      return Planning.Hierarchy.context(horizon, nodes)
    })
  const planView = (
    st: Planning.Plan.Opened,
    streamVersion: number,
    on?: Period.Day
  ): Effect.Effect<PlanView, NotFound> => {
    const version =
      on === undefined ? st.versions[st.versions.length - 1] : Option.getOrUndefined(Planning.Plan.approvedAt(st, on))
    if (on !== undefined && version === undefined) {
      return Effect.fail(
        new NotFound({
          what: "planVersion",
          id: `${st.id}@${on}`,
          message: `plan ${st.id} had no approved version in force on ${on}`
        })
      )
    }
    return Effect.succeed({
      plan: st.id,
      kind: st.kind,
      period: st.period,
      title: st.title,
      status: st.status,
      streamVersion,
      ...(version !== undefined ? { version: version.number, act: version.act } : {}),
      ...(on !== undefined ? { on } : {}),
      nodes: on !== undefined && version !== undefined ? version.nodes : st.inForce,
      working: st.nodes,
      executions: st.executions,
      monthlyReports: st.monthlyReports,
      quarterlyReports: st.quarterlyReports,
      ...(st.results !== undefined ? { results: st.results } : {})
    })
  }
  /** Runs a plan command under the plan's upper context and answers the plan. */
  const onPlan = (
    plan: string,
    key: string | undefined,
    upper: Planning.Hierarchy.Context,
    cmd: Planning.Plan.Command
  ) =>
    Effect.gen(function* () {
      // what lies below a removed or replaced node (an amendment's approval) is read from the plan links before deciding
      const r = yield* http(Planning.PlanRecords.handle(upper, plan, cmd, { ...opts(key), projections: [planIndex] }))
      if (r.state._tag !== "Opened")
        return yield* Effect.fail(new NotFound({ what: "plan", id: plan, message: `no plan ${plan}` }))
      return yield* planView(r.state, r.version)
    })
  const planCommand =
    (
      action: string,
      roles: ReadonlyArray<Role>,
      make: (common: {
        readonly plan: Ids.PlanId
        readonly at: Date
        readonly actor: Ids.ActorId
      }) => Planning.Plan.Command
    ) =>
    (req: {
      readonly path: { readonly plan: Ids.PlanId }
      readonly headers: { readonly "idempotency-key"?: string }
    }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* requireRole(p, action, roles)
        const l = yield* loadOpened(req.path.plan)
        const upper = yield* upperFor(l.state.kind, l.state.period)
        return yield* onPlan(
          req.path.plan,
          req.headers["idempotency-key"],
          upper,
          make({ plan: req.path.plan, at: now(), actor: p.subject })
        )
      })
  const planWriters: ReadonlyArray<Role> = ["clerk", "administrator"]
  const noDuty = (day: Period.Day) => new Organisation.DutyDistribution({ from: day, to: day, assignments: [] })

  const PlanningLive = HttpApiBuilder.group(Api, "planning", (h) =>
    h
      .handle("createPlan", ({ headers, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "create plans", planWriters)
          const upper = yield* upperFor(payload.kind, payload.period)
          return yield* onPlan(
            payload.plan,
            headers["idempotency-key"],
            upper,
            Planning.Plan.CreatePlan.make({ ...payload, at: now(), actor: p.subject })
          )
        })
      )
      .handle("addNode", (req) =>
        planCommand("add plan nodes", planWriters, (c) => Planning.Plan.AddNode.make({ ...c, node: req.payload.node }))(
          req
        )
      )
      .handle("replaceNode", (req) =>
        planCommand("replace plan nodes", planWriters, (c) =>
          Planning.Plan.ReplaceNode.make({ ...c, node: req.payload.node })
        )(req)
      )
      .handle("removeNode", (req) =>
        planCommand("remove plan nodes", planWriters, (c) =>
          Planning.Plan.RemoveNode.make({ ...c, ref: req.payload.ref })
        )(req)
      )
      .handle("scheduleActivity", (req) =>
        planCommand("schedule activities", planWriters, (c) =>
          Planning.Plan.ScheduleActivity.make({ ...c, activity: req.payload.activity })
        )(req)
      )
      .handle("approvePlan", (req) =>
        planCommand("approve plans", planWriters, (c) =>
          Planning.Plan.ApprovePlan.make({ ...c, act: req.payload.act })
        )(req)
      )
      .handle("amendPlan", (req) =>
        planCommand("amend plans", planWriters, (c) =>
          Planning.Plan.StartAmendment.make({ ...c, reason: req.payload.reason })
        )(req)
      )
      .handle("closePlan", (req) =>
        planCommand("close plans", planWriters, (c) =>
          Planning.Plan.ClosePlan.make({ ...c, results: req.payload.results })
        )(req)
      )
      .handle("submitQuarterlyReport", (req) =>
        planCommand("submit quarterly reports", planWriters, (c) =>
          Planning.Plan.SubmitQuarterlyReport.make({ ...c, report: req.payload.report })
        )(req)
      )
      .handle("submitMonthlyReport", (req) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          if (p.role === "divisionHead" && req.payload.report.division !== p.division) {
            return yield* Effect.fail(
              deny(
                p,
                "submit monthly reports",
                `a division head reports for the division ${p.division ?? "(none)"} only, not ${req.payload.report.division}`
              )
            )
          }
          return yield* planCommand("submit monthly reports", ["divisionHead", "administrator"], (c) =>
            Planning.Plan.SubmitMonthlyReport.make({ ...c, report: req.payload.report })
          )(req)
        })
      )
      .handle("getPlan", ({ path, urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read plans", staff)
          const l = yield* loadOpened(path.plan)
          return yield* planView(l.state, l.version, urlParams.on)
        })
      )
      .handle("activities", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "list activities", staff)
          const divisions = yield* scope(p, "list activities", urlParams.division)
          const items =
            divisions === undefined
              ? yield* http(Planning.PlanRecords.activitiesIn(urlParams.month))
              : (yield* Effect.forEach(divisions, (division) =>
                  http(Planning.PlanRecords.activitiesIn(urlParams.month, { division }))
                )).flat()
          return { month: urlParams.month, items }
        })
      )
      .handle("control", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read the control view", ["clerk", "controller", "administrator"])
          const states: Array<Planning.Plan.State> = []
          for (const r of yield* http(Ports.Projection.query(Plans, {}))) {
            if (r.row.kind !== "monthly" && r.row.kind !== "address") continue
            states.push((yield* loadPlan(r.row.plan)).state)
          }
          const v = Planning.Control.view(
            Planning.Control.itemsOf(states),
            org?.duty ?? noDuty(urlParams.on),
            urlParams.on
          )
          if (p.role !== "controller" || org === undefined) return v
          const mine = (r: Planning.Control.ControlRow) => r.controller !== undefined && r.controller === p.official
          return new Planning.Control.ControlView({
            day: v.day,
            overdue: v.overdue.filter(mine),
            dueThisMonth: v.dueThisMonth.filter(mine),
            doneLate: v.doneLate.filter(mine)
          })
        })
      )
  )

  // ---- meetings ------------------------------------------------------------
  const suspensionDef = MeetingsStore.suspensionDefinition(timeZone)
  const loadSuspensions = http(Ports.CommandHandler.load(suspensionDef, MeetingsStore.suspensionStream))
  const suspended = Effect.map(loadSuspensions, (l) => l.state.periods)
  const suspensionView = (st: Meetings.Suspension.State, streamVersion: number) => ({
    streamVersion,
    periods: st.periods
  })
  const receptionReader = MeetingsStore.receptionDefinition(timeZone, [])
  const meetingReader = MeetingsStore.meetingDefinition(timeZone, [])
  /** Reception cards' personal data (the applicant, the identity document, the content) only to clerks and administrators. */
  const seesApplicants = (p: Principal) => p.role === "clerk" || p.role === "administrator"
  const meetingReaders: ReadonlyArray<Role> = staff
  const meetingWriters: ReadonlyArray<Role> = ["clerk", "administrator"]

  const receptionView = (
    r: Meetings.Reception.ReceptionRecord,
    streamVersion: number,
    personal: boolean
  ): ReceptionView => ({
    reception: r.reception,
    official: r.official,
    day: r.day,
    start: r.start,
    end: r.end,
    venue: r.venue,
    ...(r.topic !== undefined ? { topic: r.topic } : {}),
    status: r.status,
    postponements: r.postponements,
    streamVersion,
    refusals: r.refusals.length,
    cards: r.cards.map((c) => ({
      card: c.card,
      official: c.official,
      day: c.day,
      format: c.format,
      topics: c.topics,
      recordedAt: c.recordedAt,
      outcome: c.outcome._tag === "AnsweredOrally" ? "answeredOrally" : "oralAppeal",
      ...(c.outcome._tag === "ToOralAppeal" && c.outcome.appeal !== undefined ? { appeal: c.outcome.appeal } : {}),
      handIns: c.handIns.length,
      writtenAppeals: c.handIns.flatMap((h) => (h.appeal !== undefined ? [h.appeal] : [])),
      ...(personal
        ? {
            personal: {
              applicant: c.applicant,
              identityDocument: c.identityDocument,
              content: c.content,
              ...(c.outcome._tag === "AnsweredOrally" ? { answer: c.outcome.summary } : {})
            }
          }
        : {})
    }))
  })
  const meetingView = (m: Meetings.Meeting.MeetingRecord, streamVersion: number, personal: boolean): MeetingView => ({
    meeting: m.meeting,
    title: m.title,
    day: m.day,
    start: m.start,
    format: m.format,
    officials: m.officials,
    chair: m.chair,
    status: m.status,
    postponements: m.postponements,
    minutes: m.minutes,
    streamVersion,
    ...(m.held !== undefined
      ? {
          held: {
            heldAt: m.held.heldAt,
            heldOn: m.held.heldOn,
            attendance: {
              count: m.held.attendance.count,
              ...(personal && m.held.attendance.roster !== undefined ? { roster: m.held.attendance.roster } : {})
            }
          }
        }
      : {}),
    questions: m.questions.map((q) => ({
      question: q.question,
      topic: q.topic,
      text: q.text,
      raisedAt: q.raisedAt,
      ...(personal && q.askedBy !== undefined ? { askedBy: q.askedBy } : {}),
      ...(q.disposition !== undefined ? { disposition: q.disposition } : {})
    }))
  })
  const receptionResult = (
    id: string,
    r: { readonly state: Meetings.Reception.State; readonly version: number },
    p: Principal
  ) =>
    r.state._tag === "ReceptionRecord"
      ? Effect.succeed(receptionView(r.state, r.version, seesApplicants(p)))
      : Effect.fail(new NotFound({ what: "reception", id, message: `no reception ${id}` }))
  const meetingResult = (
    id: string,
    r: { readonly state: Meetings.Meeting.State; readonly version: number },
    p: Principal
  ) =>
    r.state._tag === "MeetingRecord"
      ? Effect.succeed(meetingView(r.state, r.version, seesApplicants(p)))
      : Effect.fail(new NotFound({ what: "meeting", id, message: `no meeting ${id}` }))

  /** The appeal context of an appeal the meetings area asks for, under the next number of `prefix` (taken only when `take`). */
  const appealContext = (prefix: string, official: string | undefined, actor: Ids.ActorId, at: Date, take: boolean) =>
    Effect.gen(function* () {
      const year = Number(today().slice(0, 4))
      const n = take
        ? (yield* http(Ports.CommandHandler.handle(Numbering, `${prefix}-${year}`, Take.make({}), { maxAttempts: 50 })))
            .state
        : (yield* http(Ports.CommandHandler.load(Numbering, `${prefix}-${year}`))).state + 1
      const number = Appeals.Appeal.registrationNumber(prefix, year, n)
      const person = official === undefined ? undefined : org?.officials.find((o) => o.id === official)
      const ctx: Meetings.Loop.AppealContext = {
        appealId: number as string as Ids.AppealId,
        registrationNumber: number,
        actor,
        at,
        addressee: person !== undefined ? Meetings.Loop.addresseeOf(person) : Appeals.Appeal.ToMayor.make({})
      }
      return ctx
    })
  const registeredOf = (events: ReadonlyArray<Appeals.AppealEvent.AppealEvent>) =>
    events.find((e): e is Appeals.AppealEvent.AppealRegistered => e._tag === "AppealRegistered")

  const onMeeting = (id: string, key: string | undefined, cmd: Meetings.Meeting.Command) =>
    Effect.gen(function* () {
      const p = yield* CurrentPrincipal
      const def = MeetingsStore.meetingDefinition(timeZone, yield* suspended)
      const r = yield* http(Ports.CommandHandler.handle(def, id, cmd, opts(key)))
      return yield* meetingResult(id, r, p)
    })
  const meetingCommand =
    (
      action: string,
      make: (common: {
        readonly meeting: Ids.MeetingId
        readonly at: Date
        readonly actor: Ids.ActorId
      }) => Meetings.Meeting.Command
    ) =>
    (req: {
      readonly path: { readonly meeting: Ids.MeetingId }
      readonly headers: { readonly "idempotency-key"?: string }
    }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* requireRole(p, action, meetingWriters)
        return yield* onMeeting(
          req.path.meeting,
          req.headers["idempotency-key"],
          make({ meeting: req.path.meeting, at: now(), actor: p.subject })
        )
      })

  /** Runs a command on a reception slot that involves no other area (postpone, move online, cancel, refuse a repeat reception) after the role check. */
  const receptionCommand =
    (
      action: string,
      make: (common: {
        readonly reception: Ids.ReceptionId
        readonly at: Date
        readonly actor: Ids.ActorId
      }) => Meetings.Reception.Command
    ) =>
    (req: {
      readonly path: { readonly reception: Ids.ReceptionId }
      readonly headers: { readonly "idempotency-key"?: string }
    }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* requireRole(p, action, meetingWriters)
        const def = MeetingsStore.receptionDefinition(timeZone, yield* suspended)
        const cmd = make({ reception: req.path.reception, at: now(), actor: p.subject })
        return yield* receptionResult(
          req.path.reception,
          yield* http(Ports.CommandHandler.handle(def, req.path.reception, cmd, opts(req.headers["idempotency-key"]))),
          p
        )
      })

  const MeetingsLive = HttpApiBuilder.group(Api, "meetings", (h) =>
    h
      .handle("scheduleReception", ({ headers, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "schedule receptions", meetingWriters)
          const def = MeetingsStore.receptionDefinition(timeZone, yield* suspended)
          const r = yield* http(
            Ports.CommandHandler.handle(
              def,
              payload.reception,
              Meetings.Reception.ScheduleReception.make({ ...payload, at: now(), actor: p.subject }),
              opts(headers["idempotency-key"])
            )
          )
          return yield* receptionResult(payload.reception, r, p)
        })
      )
      .handle("recordCard", ({ headers, path, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "record reception cards", meetingWriters)
          const def = MeetingsStore.receptionDefinition(timeZone, yield* suspended)
          const at = now()
          const cmd = Meetings.Reception.RecordCard.make({
            ...payload,
            reception: path.reception,
            at,
            actor: p.subject
          })
          if (payload.answer._tag === "OralAnswer") {
            return yield* receptionResult(
              path.reception,
              yield* http(Ports.CommandHandler.handle(def, path.reception, cmd, opts(headers["idempotency-key"]))),
              p
            )
          }
          // An oral appeal: the card and the appeal it becomes are both decided before anything is stored.
          const before = yield* http(Ports.CommandHandler.load(def, path.reception))
          const planned = yield* http(def.decider.decide(cmd, before.state))
          const asked = planned.find(
            (e): e is Meetings.Reception.OralAppealRequested => e._tag === "OralAppealRequested"
          )
          if (asked !== undefined) {
            const trial = yield* appealContext(oralPrefix, asked.official, p.subject, at, false)
            yield* http(
              appeals.decider.decide(Meetings.Loop.registerOralAppeal(asked, trial), appeals.decider.initialState)
            )
          }
          const r = yield* http(Ports.CommandHandler.handle(def, path.reception, cmd, opts(headers["idempotency-key"])))
          const requested = r.events.find(
            (e): e is Meetings.Reception.OralAppealRequested => e._tag === "OralAppealRequested"
          )
          if (requested === undefined || r.duplicate) return yield* receptionResult(path.reception, r, p)
          const ctx = yield* appealContext(oralPrefix, requested.official, p.subject, at, true)
          const a = yield* http(
            Ports.CommandHandler.handle(appeals, ctx.appealId, Meetings.Loop.registerOralAppeal(requested, ctx))
          )
          const registered = registeredOf(a.events)
          if (registered === undefined) return yield* receptionResult(path.reception, r, p)
          const link = yield* http(Meetings.Loop.linkOralAppeal(requested, registered))
          return yield* receptionResult(
            path.reception,
            yield* http(Ports.CommandHandler.handle(def, path.reception, link)),
            p
          )
        })
      )
      .handle("closeReception", ({ headers, path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "close receptions", meetingWriters)
          const def = MeetingsStore.receptionDefinition(timeZone, yield* suspended)
          const r = yield* http(
            Ports.CommandHandler.handle(
              def,
              path.reception,
              Meetings.Reception.CloseReception.make({ reception: path.reception, at: now(), actor: p.subject }),
              opts(headers["idempotency-key"])
            )
          )
          return yield* receptionResult(path.reception, r, p)
        })
      )
      .handle("postponeReception", (req) =>
        receptionCommand("postpone receptions", (c) =>
          Meetings.Reception.PostponeReception.make({ ...c, ...req.payload })
        )(req)
      )
      .handle("moveReceptionOnline", (req) =>
        receptionCommand("move receptions online", (c) =>
          Meetings.Reception.MoveReceptionOnline.make({ ...c, link: req.payload.link })
        )(req)
      )
      .handle("cancelReception", (req) =>
        receptionCommand("cancel receptions", (c) =>
          Meetings.Reception.CancelReception.make({ ...c, reason: req.payload.reason })
        )(req)
      )
      .handle("refuseRepeatReception", (req) =>
        receptionCommand("refuse repeat receptions", (c) =>
          Meetings.Reception.RefuseRepeatReception.make({ ...c, ...req.payload })
        )(req)
      )
      .handle("handInWrittenAppeal", ({ headers, path, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "record written appeals handed in at receptions", meetingWriters)
          const def = MeetingsStore.receptionDefinition(timeZone, yield* suspended)
          const at = now()
          const cmd = Meetings.Reception.HandInWrittenAppeal.make({
            ...payload,
            reception: path.reception,
            card: path.card,
            at,
            actor: p.subject
          })
          // The hand-in and the written appeal it becomes are both decided before anything is stored (as a card's oral appeal).
          const before = yield* http(Ports.CommandHandler.load(def, path.reception))
          const planned = yield* http(def.decider.decide(cmd, before.state))
          const handed = planned.find(
            (e): e is Meetings.Reception.WrittenAppealHandedIn => e._tag === "WrittenAppealHandedIn"
          )
          if (handed !== undefined) {
            const trial = yield* appealContext(writtenPrefix, handed.official, p.subject, at, false)
            const taken = yield* http(Ports.CommandHandler.load(appeals, trial.appealId))
            yield* http(appeals.decider.decide(Meetings.Loop.registerWrittenAppeal(handed, trial), taken.state))
          }
          const r = yield* http(Ports.CommandHandler.handle(def, path.reception, cmd, opts(headers["idempotency-key"])))
          const real = r.events.find(
            (e): e is Meetings.Reception.WrittenAppealHandedIn => e._tag === "WrittenAppealHandedIn"
          )
          if (real === undefined || r.duplicate) return yield* receptionResult(path.reception, r, p)
          const ctx = yield* appealContext(writtenPrefix, real.official, p.subject, at, true)
          const a = yield* http(
            Ports.CommandHandler.handle(appeals, ctx.appealId, Meetings.Loop.registerWrittenAppeal(real, ctx))
          )
          const registered = registeredOf(a.events)
          if (registered === undefined) return yield* receptionResult(path.reception, r, p)
          const link = yield* http(Meetings.Loop.linkWrittenAppeal(real, registered))
          return yield* receptionResult(
            path.reception,
            yield* http(Ports.CommandHandler.handle(def, path.reception, link)),
            p
          )
        })
      )
      .handle("getReception", ({ path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read receptions", meetingReaders)
          return yield* receptionResult(
            path.reception,
            yield* http(Ports.CommandHandler.load(receptionReader, path.reception)),
            p
          )
        })
      )
      .handle("scheduleMeeting", ({ headers, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "schedule meetings", meetingWriters)
          return yield* onMeeting(
            payload.meeting,
            headers["idempotency-key"],
            Meetings.Meeting.ScheduleMeeting.make({ ...payload, at: now(), actor: p.subject })
          )
        })
      )
      .handle("postponeMeeting", (req) =>
        meetingCommand("postpone meetings", (c) => Meetings.Meeting.PostponeMeeting.make({ ...c, ...req.payload }))(req)
      )
      .handle("moveMeetingOnline", (req) =>
        meetingCommand("move meetings online", (c) =>
          Meetings.Meeting.MoveMeetingOnline.make({ ...c, link: req.payload.link })
        )(req)
      )
      .handle("cancelMeeting", (req) =>
        meetingCommand("cancel meetings", (c) =>
          Meetings.Meeting.CancelMeeting.make({ ...c, reason: req.payload.reason })
        )(req)
      )
      .handle("holdMeeting", (req) =>
        meetingCommand("record meetings held", (c) => Meetings.Meeting.HoldMeeting.make({ ...c, ...req.payload }))(req)
      )
      .handle("raiseQuestion", (req) =>
        meetingCommand("record questions", (c) => Meetings.Meeting.RaiseQuestion.make({ ...c, ...req.payload }))(req)
      )
      .handle("closeMeeting", (req) =>
        meetingCommand("close meetings", (c) => Meetings.Meeting.CloseMeeting.make(c))(req)
      )
      .handle("draftMinutes", (req) =>
        meetingCommand("draft minutes", (c) => Meetings.Meeting.DraftMinutes.make({ ...c, text: req.payload.text }))(
          req
        )
      )
      .handle("approveMinutes", (req) =>
        meetingCommand("approve minutes", (c) => Meetings.Meeting.ApproveMinutes.make({ ...c, by: req.payload.by }))(
          req
        )
      )
      .handle("disposeQuestion", ({ headers, path, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "give dispositions", meetingWriters)
          const key = headers["idempotency-key"]
          const at = now()
          const def = MeetingsStore.meetingDefinition(timeZone, yield* suspended)
          const cmd = Meetings.Meeting.DisposeQuestion.make({
            meeting: path.meeting,
            question: path.question,
            disposition: payload.disposition,
            at,
            actor: p.subject
          })
          const d = payload.disposition
          if (d._tag === "AnswerOnTheSpot")
            return yield* meetingResult(
              path.meeting,
              yield* http(Ports.CommandHandler.handle(def, path.meeting, cmd, opts(key))),
              p
            )
          // An instruction becomes an activity of a monthly plan, a referral an appeal: both sides are decided before anything is stored.
          const before = yield* http(Ports.CommandHandler.load(def, path.meeting))
          const planned = yield* http(def.decider.decide(cmd, before.state))
          if (d._tag === "Instruct") {
            if (payload.plan === undefined)
              return yield* Effect.fail(
                new InvalidInput({
                  field: "plan",
                  message: "plan: an instruction needs the monthly plan its activity goes into"
                })
              )
            if (payload.link === undefined)
              return yield* Effect.fail(
                new InvalidInput({
                  field: "link",
                  message: "link: an instruction's activity needs the plan item, program or goal it serves"
                })
              )
            const plan = yield* loadOpened(payload.plan)
            const pdef = planDefinition(yield* upperFor(plan.state.kind, plan.state.period))
            const ctxOf = (e: Meetings.Meeting.InstructionIssued): Meetings.Loop.ActivityContext => ({
              plan: payload.plan!,
              activity: payload.activity ?? (e.instruction as string as Ids.ActivityId),
              link: payload.link!,
              actor: p.subject,
              at
            })
            const issued = planned.find((e): e is Meetings.Meeting.InstructionIssued => e._tag === "InstructionIssued")
            if (issued !== undefined)
              yield* http(pdef.decider.decide(Meetings.Loop.scheduleInstruction(issued, ctxOf(issued)), plan.state))
            const m = yield* http(Ports.CommandHandler.handle(def, path.meeting, cmd, opts(key)))
            const real = m.events.find((e): e is Meetings.Meeting.InstructionIssued => e._tag === "InstructionIssued")
            if (real === undefined || m.duplicate) return yield* meetingResult(path.meeting, m, p)
            const s = yield* http(
              Ports.CommandHandler.handle(pdef, payload.plan, Meetings.Loop.scheduleInstruction(real, ctxOf(real)))
            )
            const scheduled = s.events.find((e): e is Planning.Plan.ActivityScheduled => e._tag === "ActivityScheduled")
            const link = scheduled === undefined ? Option.none() : Meetings.Loop.linkInstructionActivity(scheduled)
            if (Option.isNone(link)) return yield* meetingResult(path.meeting, m, p)
            return yield* meetingResult(
              path.meeting,
              yield* http(Ports.CommandHandler.handle(def, path.meeting, link.value)),
              p
            )
          }
          const referred = planned.find(
            (e): e is Meetings.Meeting.QuestionReferredAsAppeal => e._tag === "QuestionReferredAsAppeal"
          )
          if (referred !== undefined) {
            const trial = yield* appealContext(questionPrefix, undefined, p.subject, at, false)
            yield* http(
              appeals.decider.decide(
                Meetings.Loop.registerQuestionAppeal(referred, trial),
                appeals.decider.initialState
              )
            )
          }
          const m = yield* http(Ports.CommandHandler.handle(def, path.meeting, cmd, opts(key)))
          const real = m.events.find(
            (e): e is Meetings.Meeting.QuestionReferredAsAppeal => e._tag === "QuestionReferredAsAppeal"
          )
          if (real === undefined || m.duplicate) return yield* meetingResult(path.meeting, m, p)
          const ctx = yield* appealContext(questionPrefix, undefined, p.subject, at, true)
          const a = yield* http(
            Ports.CommandHandler.handle(appeals, ctx.appealId, Meetings.Loop.registerQuestionAppeal(real, ctx))
          )
          const registered = registeredOf(a.events)
          if (registered === undefined) return yield* meetingResult(path.meeting, m, p)
          const link = yield* http(Meetings.Loop.linkQuestionAppeal(real, registered))
          return yield* meetingResult(
            path.meeting,
            yield* http(Ports.CommandHandler.handle(def, path.meeting, link)),
            p
          )
        })
      )
      .handle("getMeeting", ({ path }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read meetings", meetingReaders)
          return yield* meetingResult(
            path.meeting,
            yield* http(Ports.CommandHandler.load(meetingReader, path.meeting)),
            p
          )
        })
      )
      .handle("statistics", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read meeting statistics", ["clerk", "controller", "administrator"])
          const receptions: Array<Meetings.Reception.State> = []
          for (const r of yield* http(
            MeetingsStore.receptionsIn(
              urlParams.period,
              urlParams.official !== undefined ? { official: urlParams.official } : {}
            )
          )) {
            receptions.push((yield* http(Ports.CommandHandler.load(receptionReader, r.reception))).state)
          }
          const meetings: Array<Meetings.Meeting.State> = []
          for (const r of yield* http(MeetingsStore.meetingsIn(urlParams.period))) {
            const m = (yield* http(Ports.CommandHandler.load(meetingReader, r.meeting))).state
            if (
              urlParams.official === undefined ||
              (m._tag === "MeetingRecord" && m.officials.includes(urlParams.official))
            )
              meetings.push(m)
          }
          return {
            ...(urlParams.official !== undefined ? { official: urlParams.official } : {}),
            receptions: Meetings.Statistics.receptionStatistics(receptions, urlParams.period),
            meetings: Meetings.Statistics.meetingStatistics(meetings, urlParams.period)
          }
        })
      )
      .handle("declareSuspension", ({ headers, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "declare suspensions", meetingWriters)
          const r = yield* http(
            Ports.CommandHandler.handle(
              suspensionDef,
              MeetingsStore.suspensionStream,
              Meetings.Suspension.DeclareSuspension.make({ ...payload, at: now(), actor: p.subject }),
              opts(headers["idempotency-key"])
            )
          )
          return suspensionView(r.state, r.version)
        })
      )
      .handle("shortenSuspension", ({ headers, payload }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "shorten suspensions", meetingWriters)
          const r = yield* http(
            Ports.CommandHandler.handle(
              suspensionDef,
              MeetingsStore.suspensionStream,
              Meetings.Suspension.ShortenSuspension.make({ ...payload, at: now(), actor: p.subject }),
              opts(headers["idempotency-key"])
            )
          )
          return suspensionView(r.state, r.version)
        })
      )
      .handle("suspensions", () =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          yield* requireRole(p, "read suspensions", meetingReaders)
          const l = yield* loadSuspensions
          return suspensionView(l.state, l.version)
        })
      )
  )

  // ---- reports -------------------------------------------------------------
  const ReportsLive = HttpApiBuilder.group(Api, "reports", (h) =>
    h.handle("annual", ({ path, urlParams }) =>
      Effect.gen(function* () {
        const p = yield* CurrentPrincipal
        yield* requireRole(p, "read the annual report", ["controller", "administrator"])
        const lang = urlParams.lang ?? "ru"
        const format = urlParams.format ?? "json"
        const t = today()
        const asOf =
          urlParams.asOf ?? (Number(t.slice(0, 4)) > path.year ? Period.lastDay(Period.unsafeYear(path.year)) : t)
        const rows = yield* http(
          Ports.Projection.query(Appeals.AppealRecords.ByPeriod, {
            where: { registeredOn: { gte: `${path.year - 1}-01-01`, lte: `${path.year}-12-31` } }
          })
        )
        const appealSummaries = rows.map((r) => {
          const { addresseeKey: _k, month: _m, registrationNumber: _n, state: _s, ...summary } = r.row
          return summary
        })
        const plans: Array<Planning.Plan.State> = []
        for (const r of yield* http(Ports.Projection.query(Plans, {}))) plans.push((yield* loadPlan(r.row.plan)).state)
        const doc = Reporting.AnnualReport.build(
          Reporting.AnnualReport.inputOf({ appeals: appealSummaries, plans }, path.year, asOf),
          lang
        )
        const [text, contentType] =
          format === "json"
            ? [Reporting.ReportDocument.toJson(doc), "application/json"]
            : format === "html"
              ? [Reporting.ReportDocument.toHtml(doc), "text/html; charset=utf-8"]
              : [Reporting.ReportDocument.toMarkdown(doc), "text/markdown; charset=utf-8"]
        return HttpServerResponse.text(text, { contentType })
      })
    )
  )

  return HttpApiBuilder.api(Api).pipe(
    Layer.provide([AppealsLive, ElectionsLive, Open311Live, PlanningLive, MeetingsLive, ReportsLive]),
    Layer.provide([layerAuthentication, Limits.layerGuard])
  )
}

/** `/openapi.json` and the `/docs` page (Scalar, inlined: no CDN). */
export const layerDocs: Layer.Layer<never, never, HttpApi.Api> = Layer.mergeAll(
  HttpApiBuilder.middlewareOpenApi({ path: "/openapi.json" }),
  HttpApiScalar.layer({ path: "/docs" })
)

/** Answers a typed `NotFound` (what: "route") instead of an empty 404 for a path or method the API does not have. */
export const routeNotFoundAsJson = (app: HttpApp.Default): HttpApp.Default => {
  const notFound = Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const route = `${request.method} ${request.url.split("?")[0] ?? ""}`
    return Effect.orDie(
      HttpServerResponse.json(
        Schema.encodeSync(NotFound)(
          new NotFound({ what: "route", id: route, message: `no endpoint ${route}; see /openapi.json` })
        ),
        { status: 404 }
      )
    )
  })
  return app.pipe(
    Effect.catchAllCause((cause) => {
      const failure = Cause.failureOption(cause)
      const tag =
        Option.isSome(failure) && typeof failure.value === "object" && failure.value !== null
          ? (failure.value as { readonly _tag?: unknown })._tag
          : undefined
      return tag === "RouteNotFound" ? notFound : Effect.failCause(cause)
    }),
    Effect.flatMap((response) =>
      response.status === 404 && response.body._tag === "Empty" ? notFound : Effect.succeed(response)
    )
  )
}

/** Caps the body read by the server (the Guard answers 413) and answers a typed 404 for unknown routes. */
export const layerBodyLimit: Layer.Layer<never, never, Limits.Limits> = HttpApiBuilder.middleware(
  Effect.map(
    Limits.Limits,
    (limits) => (app) => routeNotFoundAsJson(HttpIncomingMessage.withMaxBodySize(app, Option.some(limits.maxBodyBytes)))
  )
)

/**
 * The API as a web handler (`Request -> Promise<Response>`), in process: no
 * socket. `dependencies` provides the storage ports, the token verifier and
 * the limits.
 */
export const webHandler = <E>(
  dependencies: Layer.Layer<
    Ports.EventStore.EventStore | Ports.ReadModels.ReadModels | TokenVerifier | Limits.Limits,
    E
  >,
  options: ServerOptions = {}
) =>
  HttpApiBuilder.toWebHandler(
    Layer.mergeAll(layerDocs, layerBodyLimit, HttpServer.layerContext).pipe(
      Layer.provideMerge(layer(options)),
      Layer.provide(dependencies)
    )
  )

/** Effect's built-in tracer: its spans are kept by nobody (no exporter). */
const builtInTracer = Effect.runSync(Effect.tracer)

/**
 * Whether requests get a server span: `true` always, `false` never, `"auto"` (the default) only
 * when a tracer other than Effect's built-in one is installed (e.g. `@effect/opentelemetry`) —
 * without one the span, its attributes and the request URL parse would be work nobody reads.
 */
export type RequestTracing = boolean | "auto"

/** Whether {@link serve} traces requests under `tracer` (see {@link RequestTracing}). */
export const tracesRequests = (tracing: RequestTracing, tracer: Tracer.Tracer): boolean =>
  tracing === "auto" ? tracer !== builtInTracer : tracing

/** Listens with Node's HTTP server (host default 127.0.0.1); needs {@link layer}'s output and the limits. */
export const serve = (options: {
  readonly port: number
  readonly host?: string
  readonly tracing?: RequestTracing
}) => {
  const server = HttpApiBuilder.serve().pipe(
    Layer.provide(layerDocs),
    Layer.provide(layerBodyLimit),
    HttpServer.withLogAddress,
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: options.port, host: options.host ?? "127.0.0.1" }))
  )
  // decided with the tracer the request fibers will run with: the one installed when the server is built
  return Layer.unwrapEffect(
    Effect.map(Effect.tracer, (tracer) =>
      tracesRequests(options.tracing ?? "auto", tracer)
        ? server
        : HttpMiddleware.withTracerDisabledWhen(server, () => true)
    )
  )
}
