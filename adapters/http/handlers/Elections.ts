/**
 * The `elections` group: translation between the API and the election use
 * cases (`App.Elections`).
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { App } from "../../../src/index.js"
import { Api } from "../Api.js"
import { CurrentPrincipal } from "../Auth.js"
import { provideCity, type Settings } from "../Settings.js"
import * as Views from "../Views.js"
import { http } from "./Common.js"

/** The handlers of the `elections` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "elections", (h) =>
    h
      .handle("registerElection", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Elections.registerElection(p, path.calendar, payload.election, headers["idempotency-key"])),
            Views.calendar
          )
        )
      )
      .handle("planTasks", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Elections.planTasks(p, path.calendar, payload, headers["idempotency-key"])),
            Views.calendar
          )
        )
      )
      .handle("markDone", ({ headers, path, payload }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Elections.markDone(p, path.calendar, path.task, payload.on, headers["idempotency-key"])),
            Views.calendar
          )
        )
      )
      .handle("markMissed", ({ headers, path }) =>
        Effect.flatMap(CurrentPrincipal, (p) =>
          Effect.map(
            http(App.Elections.markMissed(p, path.calendar, path.task, headers["idempotency-key"])),
            Views.calendar
          )
        )
      )
      .handle("calendar", ({ path }) =>
        Effect.flatMap(CurrentPrincipal, (p) => Effect.map(http(App.Elections.read(p, path.calendar)), Views.calendar))
      )
      .handle("compliance", ({ path, urlParams }) =>
        Effect.flatMap(CurrentPrincipal, (p) => http(App.Elections.compliance(p, path.calendar, urlParams.asOf)))
      )
  ).pipe(provideCity(settings))
