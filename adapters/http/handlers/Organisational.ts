/**
 * The `organisational` group: translation between the API and the use cases
 * of the organisational areas (`App.Organisational`) — information work,
 * budget control of the municipal programs, the Methodological Council and
 * City Duma support. The policy, the clock and the rules are the use cases';
 * this module only shapes the answers.
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { App, type Budget, Duma, type Elections, Information, Methodology } from "../../../src/index.js"
import { Api } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { InvalidInput, NotFound } from "../HttpErrors.js"
import { provideCity, type Settings } from "../Settings.js"
import { http } from "./Common.js"

const { Council } = Methodology
const { Session } = Duma
const { PublicationRegister } = Information

type Key = { readonly "idempotency-key"?: string }

const registerView = (r: { readonly version: number; readonly state: Information.PublicationRegister.State }) => ({
  version: r.version,
  items: PublicationRegister.publications(r.state)
})

const planView = (r: App.Organisational.Answer<Information.InformationPlan.State>) =>
  r.state._tag === "Unopened"
    ? Effect.fail(new NotFound({ what: "information plan", id: r.id, message: `information plan ${r.id} not found` }))
    : Effect.succeed({ month: r.state.month, version: r.version, state: r.state })

const budgetView = (
  r: App.Organisational.Answer<Budget.ProgramBudget.State> & {
    readonly control?: Budget.Control.ControlReport | undefined
  }
) =>
  r.state._tag === "Unopened"
    ? Effect.fail(new NotFound({ what: "program budget", id: r.id, message: `program budget ${r.id} not found` }))
    : Effect.succeed({
        program: r.state.info.id,
        year: r.state.year,
        version: r.version,
        state: r.state,
        ...(r.control !== undefined ? { control: r.control } : {})
      })

const councilView = (council: string) => (r: App.Organisational.Answer<Methodology.Council.State>) => ({
  council,
  version: r.version,
  sessions: r.state.sessions,
  manuals: r.state.manuals
})

const sessionView = (r: App.Organisational.Answer<Duma.Session.State>) =>
  r.state._tag === "Unscheduled"
    ? Effect.fail(new NotFound({ what: "Duma session", id: r.id, message: `Duma session ${r.id} not found` }))
    : Effect.succeed({
        version: r.version,
        session: r.state.session,
        date: r.state.date,
        agenda: r.state.agenda,
        drafts: r.state.drafts,
        decisions: r.state.decisions,
        closed: r.state.closed
      })

const stationView = (r: App.Organisational.Answer<Elections.PollingStationRecords.State>) =>
  r.state._tag === "StationUnrecorded"
    ? Effect.fail(new NotFound({ what: "polling station", id: r.id, message: `polling station ${r.id} not found` }))
    : Effect.succeed({ version: r.version, station: r.state.station })

/** The handlers of the `organisational` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "organisational", (h) => {
    const as = <A, E extends { readonly _tag: string }, R>(f: (p: App.Principal.Principal) => Effect.Effect<A, E, R>) =>
      Effect.flatMap(CurrentPrincipal, (p) => http(f(p)))
    const council =
      (make: (m: App.Organisational.Meta) => Methodology.Council.Command) =>
      (req: { readonly path: { readonly council: string }; readonly headers: Key }) =>
        Effect.map(
          as((p) => App.Organisational.council(p, req.path.council, make, req.headers["idempotency-key"])),
          councilView(req.path.council)
        )
    const duma =
      (session: Duma.Session.Command["session"], key: string | undefined) =>
      (make: (m: App.Organisational.Meta) => Duma.Session.Command) =>
        Effect.flatMap(
          as((p) => App.Organisational.dumaSession(p, session, make, key)),
          sessionView
        )
    return h
      .handle("recordPublication", ({ headers, payload }) =>
        Effect.map(
          as((p) => App.Organisational.recordPublication(p, payload.publication, headers["idempotency-key"])),
          registerView
        )
      )
      .handle("correctPublication", ({ headers, path, payload }) =>
        payload.publication.id !== path.publication
          ? Effect.fail(
              new InvalidInput({
                field: "publication.id",
                message: `publication.id: ${payload.publication.id} is not the publication of the path (${path.publication})`
              })
            )
          : Effect.map(
              as((p) => App.Organisational.correctPublication(p, payload.publication, headers["idempotency-key"])),
              registerView
            )
      )
      .handle("withdrawPublication", ({ headers, path, payload }) =>
        Effect.map(
          as((p) =>
            App.Organisational.withdrawPublication(p, path.publication, payload.reason, headers["idempotency-key"])
          ),
          registerView
        )
      )
      .handle("publications", () =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Organisational.publications(p)), (items) => ({ items }))
        )
      )
      .handle("openInformationPlan", ({ headers, payload }) =>
        Effect.flatMap(
          as((p) =>
            App.Organisational.openInformationPlan(p, payload.month, payload.hotTopics, headers["idempotency-key"])
          ),
          planView
        )
      )
      .handle("assignHotTopic", ({ headers, path, payload }) =>
        Effect.flatMap(
          as((p) =>
            App.Organisational.assignHotTopic(p, { ...payload, month: path.month }, headers["idempotency-key"])
          ),
          planView
        )
      )
      .handle("closeInformationPlan", ({ headers, path, payload }) =>
        Effect.flatMap(
          as((p) => App.Organisational.closeInformationPlan(p, path.month, payload.on, headers["idempotency-key"])),
          planView
        )
      )
      .handle("informationPlan", ({ path }) =>
        Effect.flatMap(
          as((p) => App.Organisational.informationPlan(p, path.month)),
          planView
        )
      )
      .handle("openProgramBudget", ({ headers, payload }) =>
        payload.info.id !== payload.program
          ? Effect.fail(
              new InvalidInput({
                field: "info.id",
                message: `info.id: ${payload.info.id} is not the program ${payload.program}`
              })
            )
          : Effect.flatMap(
              as((p) => App.Organisational.openProgramBudget(p, payload, headers["idempotency-key"])),
              budgetView
            )
      )
      .handle("amendPlannedBudget", ({ headers, path, payload }) =>
        Effect.flatMap(
          as((p) => App.Organisational.amendPlannedBudget(p, { ...payload, ...path }, headers["idempotency-key"])),
          budgetView
        )
      )
      .handle("recordCommitment", ({ headers, path, payload }) =>
        Effect.flatMap(
          as((p) => App.Organisational.recordCommitment(p, { ...payload, ...path }, headers["idempotency-key"])),
          budgetView
        )
      )
      .handle("recordSpending", ({ headers, path, payload }) =>
        Effect.flatMap(
          as((p) => App.Organisational.recordSpending(p, { ...payload, ...path }, headers["idempotency-key"])),
          budgetView
        )
      )
      .handle("closeBudgetYear", ({ headers, path, payload }) =>
        Effect.flatMap(
          as((p) => App.Organisational.closeBudgetYear(p, { ...payload, ...path }, headers["idempotency-key"])),
          budgetView
        )
      )
      .handle("programBudget", ({ path }) =>
        Effect.flatMap(
          as((p) => App.Organisational.programBudget(p, path.program, path.year)),
          budgetView
        )
      )
      .handle("submitManual", (req) => council((m) => Council.SubmitManual.make({ ...m, ...req.payload }))(req))
      .handle("scheduleCouncilSession", (req) =>
        council((m) => Council.ScheduleCouncilSession.make({ ...m, ...req.payload }))(req)
      )
      .handle("addAgendaItem", (req) =>
        council((m) => Council.AddAgendaItem.make({ ...m, ...req.payload, session: req.path.session }))(req)
      )
      .handle("holdCouncilSession", (req) =>
        council((m) => Council.HoldCouncilSession.make({ ...m, ...req.payload, session: req.path.session }))(req)
      )
      .handle("distributeManual", (req) =>
        council((m) => Council.DistributeManual.make({ ...m, ...req.payload, manual: req.path.manual }))(req)
      )
      .handle("council", ({ path }) =>
        Effect.map(
          as((p) => App.Organisational.readCouncil(p, path.council)),
          councilView(path.council)
        )
      )
      .handle("scheduleDumaSession", ({ headers, payload }) =>
        duma(payload.session, headers["idempotency-key"])((m) => Session.ScheduleDumaSession.make({ ...m, ...payload }))
      )
      .handle("assignDraft", ({ headers, path, payload }) =>
        duma(
          path.session,
          headers["idempotency-key"]
        )((m) => Session.AssignDraft.make({ ...m, ...payload, session: path.session }))
      )
      .handle("submitDraft", ({ headers, path, payload }) =>
        duma(path.session, headers["idempotency-key"])((m) => Session.SubmitDraft.make({ ...m, ...payload, ...path }))
      )
      .handle("adoptDecision", ({ headers, path, payload }) =>
        duma(path.session, headers["idempotency-key"])((m) => Session.AdoptDecision.make({ ...m, ...payload, ...path }))
      )
      .handle("rejectDraft", ({ headers, path }) =>
        duma(path.session, headers["idempotency-key"])((m) => Session.RejectDraft.make({ ...m, ...path }))
      )
      .handle("closeDumaSession", ({ headers, path }) =>
        duma(path.session, headers["idempotency-key"])((m) => Session.CloseDumaSession.make({ ...m, ...path }))
      )
      .handle("dumaSession", ({ path }) =>
        Effect.flatMap(
          as((p) => App.Organisational.readDumaSession(p, path.session)),
          sessionView
        )
      )
      .handle("recordPollingStation", ({ headers, payload }) =>
        Effect.flatMap(
          as((p) => App.Organisational.recordPollingStation(p, payload.station, headers["idempotency-key"])),
          stationView
        )
      )
      .handle("assignStationOfficers", ({ headers, path, payload }) =>
        Effect.flatMap(
          as((p) =>
            App.Organisational.assignStationOfficers(p, path.station, payload.officers, headers["idempotency-key"])
          ),
          stationView
        )
      )
      .handle("pollingStation", ({ path }) =>
        Effect.flatMap(
          as((p) => App.Organisational.pollingStation(p, path.station)),
          stationView
        )
      )
  }).pipe(provideCity(settings))
