/**
 * The `appeals` group: translation between the API and the appeal use
 * cases (`App.Appeals`); no rule lives here.
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { App, Appeals } from "../../../src/index.js"
import { Api } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { provideCity, type Settings } from "../Settings.js"
import * as Views from "../Views.js"
import * as AppealExports from "./AppealExports.js"
import { http, pageSize } from "./Common.js"

const Cmd = Appeals.AppealCommand

/** The handlers of the `appeals` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "appeals", (h) => {
    /** A command on an existing appeal. */
    const act =
      (action: App.Appeals.AppealAction, make: (c: App.Appeals.Common) => Appeals.AppealCommand.AppealCommand) =>
      (req: {
        readonly path: { readonly id: Appeals.AppealCommand.AppealCommand["appealId"] }
        readonly headers: { readonly "idempotency-key"?: string }
      }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Appeals.act(p, action, req.path.id, make, req.headers["idempotency-key"])), Views.appeal)
        )
    return h
      .handle("register", ({ headers, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Appeals.register(p, payload, headers["idempotency-key"])), Views.appeal)
        )
      )
      .handle("submit", ({ headers, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Appeals.submit(p, payload, headers["idempotency-key"])), Views.appeal)
        )
      )
      .handle("assign", (req) =>
        act("assignAppeal", (c) => Cmd.AssignToDivision.make({ ...c, division: req.payload.division }))(req)
      )
      .handle("forward", (req) =>
        act("forwardAppeal", (c) => Cmd.ForwardByCompetence.make({ ...c, ...req.payload }))(req)
      )
      .handle("extend", (req) => act("extendTerm", (c) => Cmd.ExtendTerm.make({ ...c, ...req.payload }))(req))
      .handle("answer", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Appeals.answer(p, path.id, payload, headers["idempotency-key"])), Views.appeal)
        )
      )
      .handle("leaveWithoutAnswer", (req) =>
        act("leaveWithoutAnswer", (c) => Cmd.LeaveWithoutAnswer.make({ ...c, ...req.payload }))(req)
      )
      .handle("forwardCrimeReport", (req) =>
        act("forwardCrimeReport", (c) => Cmd.ForwardCrimeReport.make({ ...c, to: req.payload.to }))(req)
      )
      .handle("endCorrespondence", (req) =>
        act("endCorrespondence", (c) => Cmd.EndCorrespondence.make({ ...c, ...req.payload }))(req)
      )
      .handle("assignExecutors", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(
              App.Appeals.assignExecutors(
                p,
                path.id,
                { executor: payload.executor, coExecutors: payload.coExecutors ?? [] },
                headers["idempotency-key"]
              )
            ),
            Views.appeal
          )
        )
      )
      .handle("returnCourtDecision", (req) =>
        act("returnCourtDecisionAppeal", (c) => Cmd.ReturnCourtDecisionAppeal.make({ ...c, ...req.payload }))(req)
      )
      .handle("referToPublishedAnswer", (req) =>
        act("referToPublishedAnswer", (c) => Cmd.ReferToPublishedAnswer.make({ ...c, ...req.payload }))(req)
      )
      .handle("declineForSecrecy", (req) =>
        act("declineForSecrecy", (c) => Cmd.DeclineForSecrecy.make({ ...c, ...req.payload }))(req)
      )
      .handle("sendCopies", (req) => act("sendCopies", (c) => Cmd.SendCopies.make({ ...c, ...req.payload }))(req))
      .handle("history", ({ path }) =>
        Effect.flatMap(CurrentPrincipal, (p) => Effect.map(http(App.Appeals.history(p, path.id)), Views.history))
      )
      .handle("answerByReference", (req) =>
        act("answerByReference", (c) => Cmd.AnswerByReference.make({ ...c, decision: req.payload.decision }))(req)
      )
      .handle("get", ({ path }) =>
        Effect.flatMap(CurrentPrincipal, (p) => Effect.map(http(App.Appeals.read(p, path.id)), Views.appeal))
      )
      .handle("list", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const limit = yield* pageSize(urlParams.limit)
          const page = yield* http(
            App.Appeals.list(p, {
              limit,
              ...(urlParams.state !== undefined ? { state: urlParams.state } : {}),
              ...(urlParams.division !== undefined ? { division: urlParams.division } : {}),
              ...(urlParams.after !== undefined ? { after: urlParams.after } : {})
            })
          )
          return Views.page(page)
        })
      )
      .handle("mine", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const limit = yield* pageSize(urlParams.limit)
          return Views.page(
            yield* http(
              App.Appeals.listOwn(p, { limit, ...(urlParams.after !== undefined ? { after: urlParams.after } : {}) })
            )
          )
        })
      )
      .handle("overdue", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const limit = yield* pageSize(urlParams.limit)
          const page = yield* http(
            App.Appeals.overdue(p, {
              on: urlParams.on,
              limit,
              ...(urlParams.division !== undefined ? { division: urlParams.division } : {}),
              ...(urlParams.after !== undefined ? { after: urlParams.after } : {})
            })
          )
          return Views.page(page)
        })
      )
      .handle("dueSoon", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const limit = yield* pageSize(urlParams.limit)
          const given = [urlParams.days, urlParams.workingDays].filter((d) => d !== undefined)
          if (given.length !== 1)
            return yield* http(
              Effect.fail(
                new App.Errors.InvalidRequest({
                  field: "days",
                  message: "days: give either days (calendar days) or workingDays (working days), one of them"
                })
              )
            )
          const page = yield* http(
            App.Appeals.dueSoon(p, {
              on: urlParams.on,
              days: urlParams.days ?? urlParams.workingDays ?? 0,
              unit: urlParams.days === undefined ? "workingDays" : "days",
              limit,
              ...(urlParams.division !== undefined ? { division: urlParams.division } : {}),
              ...(urlParams.executor !== undefined ? { executor: urlParams.executor } : {}),
              ...(urlParams.after !== undefined ? { after: urlParams.after } : {})
            })
          )
          return Views.duePage(page)
        })
      )
      .handle("search", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const limit = yield* pageSize(urlParams.limit)
          const page = yield* http(
            App.Appeals.search(p, urlParams.q, {
              limit,
              ...(urlParams.division !== undefined ? { division: urlParams.division } : {}),
              ...(urlParams.after !== undefined ? { after: urlParams.after } : {})
            })
          )
          return Views.page(page)
        })
      )
      .handle("internalOverdue", ({ urlParams }) =>
        Effect.gen(function* () {
          const p = yield* CurrentPrincipal
          const found = yield* http(
            App.Appeals.internalOverdue(p, {
              on: urlParams.on,
              ...(urlParams.division !== undefined ? { division: urlParams.division } : {})
            })
          )
          return found.map((x) => ({ ...Views.item(x.row), missed: x.missed }))
        })
      )
      .handle("analysis", ({ urlParams }) =>
        Effect.flatMap(CurrentPrincipal, (p) => http(App.Appeals.analysis(p, urlParams.period, urlParams.asOf)))
      )
      .handle("export", ({ urlParams }) => AppealExports.journal(urlParams))
      .handle("analysisExport", ({ urlParams }) => AppealExports.analysis(urlParams))
  }).pipe(provideCity(settings))
