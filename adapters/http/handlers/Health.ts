/**
 * The `health` group: liveness, and where the production calendar's
 * official data ends (a warning within 90 days).
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { App, Calendar } from "../../../src/index.js"
import { Api } from "../Api.js"
import { provideCity, type Settings } from "../Settings.js"

/** The handlers of the `health` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "health", (h) =>
    h.handle("health", () =>
      Effect.map(App.City.today, (day) => {
        const horizon = Calendar.officialDataHorizon(settings.city.calendar, day)
        return {
          status: "ok" as const,
          today: day,
          calendar: {
            officialThrough: horizon.officialThrough ?? null,
            daysLeft: horizon.daysLeft,
            ...(horizon.warning !== undefined ? { warning: horizon.warning } : {})
          }
        }
      })
    )
  ).pipe(provideCity(settings))
