/**
 * The `health` group: liveness, and where the production calendar's
 * official data ends (a warning within 90 days).
 *
 * @internal
 */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { App, Calendar, Ports } from "../../../src/index.js"
import { Api } from "../Api.js"
import { Unavailable } from "../HttpErrors.js"
import { provideCity, type RelayStatus, type Settings } from "../Settings.js"

/** The relay's state as `/health` shows it (the lag never below 0). */
const relayHealth = (r: RelayStatus) => ({
  state: r.state,
  position: r.position,
  lag: Math.max(0, r.head - r.position),
  ...(r.error !== undefined ? { error: r.error } : {})
})

/** The handlers of the `health` group. */
export const layer = (settings: Settings) =>
  HttpApiBuilder.group(Api, "health", (h) =>
    h
      .handle("health", () =>
        Effect.gen(function* () {
          const day = yield* App.City.today
          const horizon = Calendar.officialDataHorizon(settings.city.calendar, day)
          const relay = settings.relay === undefined ? undefined : relayHealth(yield* settings.relay)
          return {
            status: "ok" as const,
            today: day,
            calendar: {
              officialThrough: horizon.officialThrough ?? null,
              daysLeft: horizon.daysLeft,
              ...(horizon.warning !== undefined ? { warning: horizon.warning } : {})
            },
            ...(relay !== undefined ? { relay } : {})
          }
        })
      )
      .handle("ready", () =>
        Effect.gen(function* () {
          const store = yield* Ports.EventStore.EventStore
          yield* Effect.mapError(
            store.head,
            (e) => new Unavailable({ reason: "store", message: `store: not reachable (${e.message})` })
          )
          const relay = settings.relay === undefined ? undefined : yield* settings.relay
          if (relay?.state === "failed")
            return yield* Effect.fail(
              new Unavailable({ reason: "relay", message: `relay: not running (${relay.error ?? "failed"})` })
            )
          return {
            status: "ready" as const,
            store: "ok" as const,
            migrations: "current" as const,
            relay:
              relay === undefined
                ? ("off" as const)
                : relay.state === "running"
                  ? ("running" as const)
                  : ("standby" as const)
          }
        })
      )
  ).pipe(provideCity(settings))
