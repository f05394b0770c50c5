/**
 * The connection to a NATS server with JetStream, as an Effect service: one
 * connection for the life of the layer, drained when the layer is released.
 * The relay and the consumer take it from the context.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { NatsClient } from "cityhall/adapters/nats"
 *
 * const program = Effect.gen(function* () {
 *   const client = yield* NatsClient.NatsClient
 *   return client.connection.getServer()
 * })
 * program.pipe(Effect.provide(NatsClient.layer({ servers: "nats://127.0.0.1:4222" })), Effect.runPromise)
 * ```
 *
 * @module
 */
import { jetstream, type JetStreamClient, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream"
import { connect, type NatsConnection } from "@nats-io/transport-node"
import { Context, Effect, Layer, type Scope } from "effect"
import { brokerError, type BrokerError, describe } from "./NatsErrors.js"

/** How to reach the server. */
export interface Config {
  /** One URL or several (a cluster), e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string | ReadonlyArray<string>
  /** The connection name the server shows in its monitoring (default `cityhall`). */
  readonly name?: string
  /** Milliseconds to wait for a JetStream API answer or a publish acknowledgement (default 5000). */
  readonly timeout?: number
}

/** The open connection with its JetStream contexts. */
export declare namespace NatsClient {
  /** What the service holds. */
  export interface Service {
    readonly connection: NatsConnection
    /** Publishing and consuming. */
    readonly jetstream: JetStreamClient
    /** Streams and consumers administration. */
    readonly manager: JetStreamManager
  }
}

/** The NATS connection service. */
export class NatsClient extends Context.Tag("cityhall/adapters/nats/NatsClient")<NatsClient, NatsClient.Service>() {}

/** Connects and opens the JetStream contexts; the connection is drained when the scope closes. */
export const make = (config: Config): Effect.Effect<NatsClient.Service, BrokerError, Scope.Scope> =>
  Effect.gen(function* () {
    const timeout = config.timeout ?? 5000
    const connection = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          connect({
            servers: typeof config.servers === "string" ? config.servers : [...config.servers],
            name: config.name ?? "cityhall",
            timeout
          }),
        catch: brokerError("Connection", "connect")
      }),
      (nc) =>
        Effect.promise(() =>
          nc.drain().then(
            () => undefined,
            (e: unknown) => e
          )
        ).pipe(
          Effect.flatMap((e) =>
            e === undefined ? Effect.void : Effect.logWarning(`closing the NATS connection: ${describe(e)}`)
          )
        )
    )
    const manager = yield* Effect.tryPromise({
      try: () => jetstreamManager(connection, { timeout }),
      catch: brokerError("Connection", "jetstreamManager")
    })
    return { connection, jetstream: jetstream(connection, { timeout }), manager }
  })

/** The connection as a layer. */
export const layer = (config: Config): Layer.Layer<NatsClient, BrokerError> => Layer.scoped(NatsClient, make(config))
