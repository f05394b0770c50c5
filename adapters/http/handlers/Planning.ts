/**
 * The `planning` group: translation between the API and the planning use
 * cases (`App.Plans`).
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { App, type Ids, Planning } from "../../../src/index.js"
import { Api } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { provideCity, type Settings } from "../Settings.js"
import * as Views from "../Views.js"
import { http } from "./Common.js"

const Plan = Planning.Plan

/** The handlers of the `planning` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "planning", (h) => {
    const command =
      (make: (c: App.Plans.Common) => Planning.Plan.Command) =>
      (req: {
        readonly path: { readonly plan: Ids.PlanId }
        readonly headers: { readonly "idempotency-key"?: string }
      }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Plans.command(p, req.path.plan, make, req.headers["idempotency-key"])), Views.plan)
        )
    return h
      .handle("createPlan", ({ headers, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Plans.create(p, payload, headers["idempotency-key"])), Views.plan)
        )
      )
      .handle("addNode", (req) => command((c) => Plan.AddNode.make({ ...c, node: req.payload.node }))(req))
      .handle("replaceNode", (req) => command((c) => Plan.ReplaceNode.make({ ...c, node: req.payload.node }))(req))
      .handle("removeNode", (req) => command((c) => Plan.RemoveNode.make({ ...c, ref: req.payload.ref }))(req))
      .handle("scheduleActivity", (req) =>
        command((c) => Plan.ScheduleActivity.make({ ...c, activity: req.payload.activity }))(req)
      )
      .handle("approvePlan", (req) => command((c) => Plan.ApprovePlan.make({ ...c, act: req.payload.act }))(req))
      .handle("amendPlan", (req) => command((c) => Plan.StartAmendment.make({ ...c, reason: req.payload.reason }))(req))
      .handle("closePlan", (req) => command((c) => Plan.ClosePlan.make({ ...c, results: req.payload.results }))(req))
      .handle("submitQuarterlyReport", (req) =>
        command((c) => Plan.SubmitQuarterlyReport.make({ ...c, report: req.payload.report }))(req)
      )
      .handle("submitMonthlyReport", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Plans.submitMonthlyReport(p, path.plan, payload.report, headers["idempotency-key"])),
            Views.plan
          )
        )
      )
      .handle("getPlan", ({ path, urlParams }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Plans.read(p, path.plan, urlParams.on)), Views.plan)
        )
      )
      .handle("activities", ({ urlParams }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(http(App.Plans.activities(p, urlParams.month, urlParams.division)), (items) => ({
            month: urlParams.month,
            items
          }))
        )
      )
      .handle("control", ({ urlParams }) =>
        Effect.flatMap(CurrentPrincipal, (p) => http(App.Plans.control(p, urlParams.on)))
      )
  }).pipe(provideCity(settings))
