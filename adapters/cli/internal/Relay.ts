/**
 * The outbox relay of `serve` (and `cityhall relay`): the store's events to
 * the city's NATS JetStream broker, by the NATS adapter's relay, batch after
 * batch under the outbox lease (so of several instances one publishes at a
 * time and the others stand by). A broker that cannot be reached or fails
 * leaves the relay `failed` with the reason and retried with backoff (1 s
 * to 30 s); the server keeps serving. Its state, position and lag are read
 * live for `/health`, `/ready` and `/metrics`.
 *
 * @module
 */
import { Duration, Effect, Option, Ref } from "effect"
import type * as Ports from "../../../src/ports/index.js"
import { Ports as P } from "../../../src/index.js"
import type { RelayStatus } from "../../http/Settings.js"
import { InputError } from "../Output.js"

/** The relay's name in the outbox (its checkpoint and lease). */
export const RELAY = "nats"

/** A running relay: its state as `/health` reads it. */
export interface Relay {
  readonly status: Effect.Effect<RelayStatus>
}

/**
 * Starts the relay to `broker` (a `nats://` URL) in the scope: a fiber that
 * publishes until the scope closes. `onBatch` sees the position and head after
 * each batch (for metrics); `onError` each failure (for logs).
 */
export const start = (
  broker: string,
  hooks: {
    readonly onBatch?: (position: number, head: number) => void
    readonly onError?: (message: string) => void
  } = {}
) =>
  Effect.gen(function* () {
    const nats = yield* Effect.tryPromise({
      try: () => import("../../nats/index.js"),
      catch: (e) =>
        new InputError({
          kind: "NoNatsAdapter",
          message: `broker: the relay needs @nats-io/transport-node and @nats-io/jetstream: ${e instanceof Error ? e.message : String(e)}`
        })
    })
    const outbox = yield* P.Outbox.Outbox
    const store = yield* P.EventStore.EventStore
    const state = yield* Ref.make<{ readonly state: RelayStatus["state"]; readonly error?: string }>({
      state: "standby"
    })
    const poll = Duration.millis(500)
    const config = { relay: RELAY, pollInterval: poll } as const
    const batches = Effect.gen(function* () {
      yield* nats.OutboxRelay.ensureStream(config)
      for (;;) {
        const batch = yield* nats.OutboxRelay.relayOnce(config)
        yield* Ref.set(state, { state: Option.isSome(batch) ? "running" : "standby" })
        if (Option.isSome(batch) && hooks.onBatch !== undefined)
          hooks.onBatch(batch.value.checkpoint, yield* Effect.orElseSucceed(store.head, () => batch.value.checkpoint))
        const full = Option.isSome(batch) && batch.value.published + batch.value.duplicates >= 100
        if (!full) yield* Effect.sleep(poll)
      }
    })
    const connected = Effect.scoped(Effect.provide(batches, nats.NatsClient.layer({ servers: broker }))).pipe(
      Effect.provideService(P.Outbox.Outbox, outbox)
    )
    let backoff = 1000
    const forever: Effect.Effect<never> = Effect.gen(function* () {
      for (;;) {
        const failed = yield* Effect.flip(connected)
        const message = `${failed._tag}: ${failed.message}`
        yield* Ref.set(state, { state: "failed", error: message })
        hooks.onError?.(message)
        yield* Effect.sleep(Duration.millis(backoff))
        backoff = Math.min(30_000, backoff * 2)
      }
    })
    yield* Effect.forkScoped(forever)
    const relay: Relay = {
      status: Effect.gen(function* () {
        const s = yield* Ref.get(state)
        const position = yield* Effect.orElseSucceed(outbox.checkpoint(RELAY), () => 0)
        const head = yield* Effect.orElseSucceed(store.head, () => position)
        return { state: s.state, position, head, ...(s.error !== undefined ? { error: s.error } : {}) }
      })
    }
    return relay
  }) satisfies Effect.Effect<
    Relay,
    InputError,
    Ports.Outbox.Outbox | Ports.EventStore.EventStore | import("effect").Scope.Scope
  >
