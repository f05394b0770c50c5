/**
 * The use cases of the organisational areas — information work (the
 * publication register and the monthly information plans), budget control
 * of the municipal programs, methodological support (the Methodological
 * Council) and City Duma support (its sessions as the administration
 * prepares them) — for every way in: the acting principal is asked about
 * by the access policy, the time is the city's clock, the commands are the
 * areas' own and their refusals their typed errors (`InformationRuleViolation`,
 * `BudgetRuleViolation`, `MethodologyRuleViolation`, `DumaRuleViolation`),
 * nothing stored when refused.
 *
 * Polling stations (`recordPollingStation`, `assignStationOfficers`) are
 * decided against the city's organisation: an officer who is not one of its
 * officials is a `PollingStationRuleViolation` naming the field.
 *
 * Closing a month's information plan joins two streams: the publications
 * in force in the register within the month's coverage window are the ones
 * the plan closes over, so the coverage report covers what was published.
 *
 * @example
 * ```ts
 * import { App, Information, Period } from "cityhall"
 *
 * declare const clerk: App.Principal.Principal
 * declare const publication: Information.Publication.Publication
 * App.Organisational.recordPublication(clerk, publication)
 * App.Organisational.closeInformationPlan(clerk, Period.unsafeMonth("2020-03"), Period.unsafeDay("2020-05-06"))
 * ```
 *
 * @module
 */
import { Effect } from "effect"
import * as OrganisationRecords from "../administration/OrganisationRecords.js"
import * as BudgetControl from "../budget/Control.js"
import * as BudgetRecords from "../budget/BudgetRecords.js"
import * as ProgramBudget from "../budget/ProgramBudget.js"
import * as DumaRecords from "../duma/DumaRecords.js"
import type * as Session from "../duma/Session.js"
import * as Coverage from "../information/Coverage.js"
import * as InformationPlan from "../information/InformationPlan.js"
import * as InformationRecords from "../information/InformationRecords.js"
import type { Publication } from "../information/Publication.js"
import * as PublicationRegister from "../information/PublicationRegister.js"
import type { ActorId, OfficialId, PollingStationId, ProgramId, PublicationId } from "../kernel/Ids.js"
import type { Day, Month, Year } from "../kernel/Period.js"
import type { PollingStation } from "../elections/PollingStation.js"
import * as PollingStationRecords from "../elections/PollingStationRecords.js"
import type * as Council from "../methodology/Council.js"
import * as CouncilRecords from "../methodology/CouncilRecords.js"
import type { AggregateDefinition } from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import * as Access from "./Access.js"
import { CityContext, now, today } from "./City.js"
import { notFound } from "./Errors.js"
import type { Principal } from "./Principal.js"

const denied = (e: ReturnType<typeof Access.require>) => (e._tag === "Left" ? Effect.fail(e.left) : Effect.void)
const keyOptions = (p: Principal, key: string | undefined) =>
  key === undefined ? {} : { idempotencyKey: Access.scopedKey(p, key) }

/** What a command's `at` and `actor` are: the city's clock and the principal. */
export interface Meta {
  readonly at: Date
  readonly actor: ActorId
}

/** A use case's answer: the stream's id, version and state after the command. */
export interface Answer<S> {
  readonly id: string
  readonly version: number
  readonly state: S
}

/** Asks the policy, stamps the command with the clock and the principal, and decides it on the stream. */
const act = <C, E, S, Err, EI, CI>(
  p: Principal,
  action: Access.Action,
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  id: string,
  make: (meta: Meta) => C,
  key?: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, action))
    const command = make({ at: yield* now, actor: p.subject })
    const r = yield* CommandHandler.handle(definition, id, command, keyOptions(p, key))
    return { id, version: r.version, state: r.state } satisfies Answer<S>
  })

/** Reads a stream that must exist (none: `RecordNotFound` naming it). */
const read = <C, E, S, Err, EI, CI>(
  p: Principal,
  action: Access.Action,
  definition: AggregateDefinition<C, E, S, Err, EI, CI>,
  what: string,
  id: string
) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, action))
    const l = yield* CommandHandler.load(definition, id)
    if (l.version === 0) return yield* Effect.fail(notFound(what, id))
    return { id, version: l.version, state: l.state } satisfies Answer<S>
  })

/** The fields of a command besides its tag, time and actor. */
type Fields<C> = Omit<C, "_tag" | "at" | "actor">

// ---- information work -------------------------------------------------------------

const register = InformationRecords.registerDefinition
const registerId = InformationRecords.registerStream
const plans = InformationRecords.planDefinition

/** Records a publication in the register (a clerk or an administrator). */
export const recordPublication = (p: Principal, publication: Publication, key?: string) =>
  act(
    p,
    "writeInformation",
    register,
    registerId,
    (m) => PublicationRegister.RecordPublication.make({ ...m, publication }),
    key
  )

/** Corrects a recorded publication (same id). */
export const correctPublication = (p: Principal, publication: Publication, key?: string) =>
  act(
    p,
    "writeInformation",
    register,
    registerId,
    (m) => PublicationRegister.CorrectPublication.make({ ...m, publication }),
    key
  )

/** Withdraws a publication recorded in error. */
export const withdrawPublication = (p: Principal, id: PublicationId, reason: string, key?: string) =>
  act(
    p,
    "writeInformation",
    register,
    registerId,
    (m) => PublicationRegister.WithdrawPublication.make({ ...m, id, reason }),
    key
  )

/** The publications in force in the register (an empty register has none). */
export const publications = (p: Principal) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "readInformation"))
    const l = yield* CommandHandler.load(register, registerId)
    return PublicationRegister.publications(l.state)
  })

/** Opens a month's information plan with its hot topics. */
export const openInformationPlan = (
  p: Principal,
  month: Month,
  hotTopics: ReadonlyArray<Coverage.HotTopic>,
  key?: string
) =>
  act(
    p,
    "writeInformation",
    plans,
    month,
    (m) => InformationPlan.OpenInformationPlan.make({ ...m, month, hotTopics }),
    key
  )

/** Assigns a hot topic of the month to the division that prepares a publication on it. */
export const assignHotTopic = (p: Principal, fields: Fields<InformationPlan.AssignHotTopic>, key?: string) =>
  act(p, "writeInformation", plans, fields.month, (m) => InformationPlan.AssignHotTopic.make({ ...fields, ...m }), key)

/**
 * Closes a month's information plan on a day after its coverage window,
 * over the register's publications in force within the window.
 */
export const closeInformationPlan = (p: Principal, month: Month, on: Day, key?: string) =>
  Effect.gen(function* () {
    yield* denied(Access.require(p, "writeInformation"))
    const l = yield* CommandHandler.load(register, registerId)
    const window = Coverage.window(month)
    const inWindow = PublicationRegister.publications(l.state).filter(
      (x) => x.date >= window.from && x.date <= window.to
    )
    return yield* act(
      p,
      "writeInformation",
      plans,
      month,
      (m) => InformationPlan.CloseInformationPlan.make({ ...m, month, on, publications: inWindow }),
      key
    )
  })

/** Reads a month's information plan. */
export const informationPlan = (p: Principal, month: Month) =>
  read(p, "readInformation", plans, "information plan", month)

// ---- budget control -----------------------------------------------------------------

const budget = (program: ProgramId, year: Year) => BudgetRecords.streamId(program, year)

/** Opens a program's budget for a year. */
export const openProgramBudget = (p: Principal, fields: Fields<ProgramBudget.OpenProgramBudget>, key?: string) =>
  act(
    p,
    "writeBudget",
    BudgetRecords.definition,
    budget(fields.program, fields.year),
    (m) => ProgramBudget.OpenProgramBudget.make({ ...fields, ...m }),
    key
  )

/** Amends a program's planned budget. */
export const amendPlannedBudget = (p: Principal, fields: Fields<ProgramBudget.AmendPlannedBudget>, key?: string) =>
  act(
    p,
    "writeBudget",
    BudgetRecords.definition,
    budget(fields.program, fields.year),
    (m) => ProgramBudget.AmendPlannedBudget.make({ ...fields, ...m }),
    key
  )

/** Records a commitment (a contract) of a program's budget. */
export const recordCommitment = (p: Principal, fields: Fields<ProgramBudget.RecordCommitment>, key?: string) =>
  act(
    p,
    "writeBudget",
    BudgetRecords.definition,
    budget(fields.program, fields.year),
    (m) => ProgramBudget.RecordCommitment.make({ ...fields, ...m }),
    key
  )

/** Records spending (a payment) of a program's budget. */
export const recordSpending = (p: Principal, fields: Fields<ProgramBudget.RecordSpending>, key?: string) =>
  act(
    p,
    "writeBudget",
    BudgetRecords.definition,
    budget(fields.program, fields.year),
    (m) => ProgramBudget.RecordSpending.make({ ...fields, ...m }),
    key
  )

/** Closes a program's budget year after it ends. */
export const closeBudgetYear = (p: Principal, fields: Fields<ProgramBudget.CloseBudgetYear>, key?: string) =>
  act(
    p,
    "writeBudget",
    BudgetRecords.definition,
    budget(fields.program, fields.year),
    (m) => ProgramBudget.CloseBudgetYear.make({ ...fields, ...m }),
    key
  )

/** A program's budget of a year with its control report as of today (the city's day). */
export const programBudget = (p: Principal, program: ProgramId, year: Year) =>
  Effect.gen(function* () {
    const r = yield* read(p, "readBudget", BudgetRecords.definition, "program budget", budget(program, year))
    const asOf = yield* today
    return {
      ...r,
      control: r.state._tag === "Opened" ? BudgetControl.control(r.state, { asOf }) : undefined
    }
  })

// ---- methodological support -----------------------------------------------------------

/** Decides a command of the Methodological Council (`council` is its stream). */
export const council = (p: Principal, councilId: string, make: (meta: Meta) => Council.Command, key?: string) =>
  act(p, "writeMethodology", CouncilRecords.definition, councilId, make, key)

/** Reads the Methodological Council's state. */
export const readCouncil = (p: Principal, councilId: string) =>
  read(p, "readMethodology", CouncilRecords.definition, "methodological council", councilId)

// ---- City Duma support -----------------------------------------------------------------

/** Decides a command of a City Duma session, with the city's production calendar for the drafts' terms. */
export const dumaSession = (p: Principal, session: string, make: (meta: Meta) => Session.Command, key?: string) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    return yield* act(p, "writeDuma", DumaRecords.makeDefinition({ calendar: city.calendar }), session, make, key)
  })

/** Reads a City Duma session. */
export const readDumaSession = (p: Principal, session: string) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    return yield* read(p, "readDuma", DumaRecords.makeDefinition({ calendar: city.calendar }), "Duma session", session)
  })

// ---- polling stations ------------------------------------------------------------------

/**
 * The polling stations' aggregate for the organisation: a station's officers
 * are officials of the city's configured organisation or of any version of
 * the organisation's stored history (as the importer decides them); none
 * without either.
 */
const stations = Effect.gen(function* () {
  const city = yield* CityContext
  const history = yield* CommandHandler.load(OrganisationRecords.definition, OrganisationRecords.streamId)
  return PollingStationRecords.makeDefinition({
    officials: [
      ...(city.organisation?.officials.map((o) => o.id) ?? []),
      ...history.state.versions.flatMap((v) => v.organisation.officials.map((o) => o.id))
    ]
  })
})

/** Records a polling station (again: replaces its record); its officers must be officials of the organisation. */
export const recordPollingStation = (p: Principal, station: PollingStation, key?: string) =>
  Effect.flatMap(stations, (d) =>
    act(
      p,
      "writePollingStations",
      d,
      station.id,
      (m) => PollingStationRecords.RecordPollingStation.make({ ...m, station }),
      key
    )
  )

/** Gives a recorded polling station its responsible officers, officials of the organisation. */
export const assignStationOfficers = (
  p: Principal,
  id: PollingStationId,
  officers: ReadonlyArray<OfficialId>,
  key?: string
) =>
  Effect.flatMap(stations, (d) =>
    act(
      p,
      "writePollingStations",
      d,
      id,
      (m) => PollingStationRecords.AssignStationOfficers.make({ ...m, id, officers }),
      key
    )
  )

/** Reads a polling station. */
export const pollingStation = (p: Principal, id: PollingStationId) =>
  Effect.flatMap(stations, (d) => read(p, "readPollingStations", d, "polling station", id))
