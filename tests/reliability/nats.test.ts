/**
 * NATS restarted mid-relay (`CITYHALL_NATS_URL`, a real nats-server run by
 * the system on 127.0.0.1:4222): the relay publishes 1,200 stored events from
 * a memory store (a third stored before, the rest written as it runs) while a
 * durable consumer handles them; the server process is stopped in the middle
 * (events stored and not yet relayed) and started again. Every event reaches the
 * consumer's handler exactly once, and the (file-backed) stream holds each
 * event once. The server is always started again (in `finally` and in
 * `afterAll`), and the test's stream is deleted at the end.
 */
import { execFileSync } from "node:child_process"
import net from "node:net"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { type Duration, Effect, Fiber, Layer, Schedule } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { DedupStore, EventConsumer, NatsClient, OutboxRelay } from "../../adapters/nats/index.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { EventStore } from "../../src/ports/EventStore.js"
import { Outbox } from "../../src/ports/Outbox.js"
import { Ledger } from "../../src/testing/index.js"

const url = process.env["CITYHALL_NATS_URL"]
if (url === undefined || url === "") {
  console.log(
    "NATS reliability tests skipped: set CITYHALL_NATS_URL=nats://127.0.0.1:4222 (a local nats-server -js the test may stop and start) to run them"
  )
}
const enabled = url !== undefined && url !== ""
const servers = url ?? ""

const DAEMON = "/usr/sbin/nats-server"
const START_ARGS = [
  "--start",
  "--oknodo",
  "--background",
  "--exec",
  DAEMON,
  "--",
  "-a",
  "127.0.0.1",
  "-p",
  "4222",
  "-js",
  "-sd",
  "/var/lib/nats-server",
  "-l",
  "/var/log/nats-server.log"
]

const portAnswers = (): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: 4222 })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once("data", (d) => done(d.toString().startsWith("INFO")))
    socket.once("error", () => done(false))
    socket.setTimeout(1_000, () => done(false))
  })

const waitPort = async (up: boolean, withinMs: number): Promise<void> => {
  const until = Date.now() + withinMs
  while (Date.now() < until) {
    if ((await portAnswers()) === up) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`nats-server port 4222 did not ${up ? "answer" : "close"} within ${withinMs} ms`)
}

const stopServer = async () => {
  execFileSync("start-stop-daemon", ["--stop", "--oknodo", "--retry", "TERM/10/KILL/5", "--exec", DAEMON])
  await waitPort(false, 15_000)
}

/** Starts the server if it is not running and waits until its port answers. */
const startServer = async () => {
  execFileSync("start-stop-daemon", START_ARGS)
  await waitPort(true, 30_000)
}

const at = new Date("2021-03-01T09:00:00Z")
const ACCOUNTS = 40
const PER_ACCOUNT = 30
const TOTAL = ACCOUNTS * PER_ACCOUNT

describe.skipIf(!enabled)("NATS: server restarted mid-relay", () => {
  afterAll(async () => {
    // whatever happened in the test, leave the shared server running
    await startServer()
  })

  it.live(
    `${TOTAL} events relayed and consumed across a server restart: each handled exactly once, stored once`,
    () => {
      const id = `rel${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`
      const stream = `CITYHALL_REL_${id}`
      const relayConfig: OutboxRelay.Config = {
        stream,
        subjectPrefix: `cityhall_rel.${id}`,
        relay: `rel-${id}`,
        batchSize: 25,
        pollInterval: "20 millis",
        storage: "file",
        duplicateWindow: "5 minutes"
      }
      const consumerConfig: EventConsumer.Config = {
        stream,
        durable: `rel-${id}`,
        ackWait: "5 seconds",
        retryDelay: "100 millis",
        pullExpires: "1 second"
      }
      // A fresh connection on every attempt: a failed relay or consumer is restarted with a new client.
      const nats = NatsClient.layer({ servers, timeout: 2_000 })
      const retrying = Schedule.spaced("250 millis")
      const handled = new Map<string, number>()
      const handledCount = () => [...handled.values()].reduce((n, k) => n + k, 0)
      let relayFailures = 0,
        consumerFailures = 0

      const waitFor = (what: string, cond: () => boolean, within: Duration.DurationInput) =>
        Effect.suspend(() => (cond() ? Effect.void : Effect.fail("not yet" as const))).pipe(
          Effect.retry(Schedule.spaced("20 millis")),
          Effect.timeoutFail({
            duration: within,
            onTimeout: () => new Error(`timed out waiting until ${what} (handled ${handledCount()}/${TOTAL})`)
          })
        )

      const withManager = <A>(f: (m: NatsClient.NatsClient.Service["manager"]) => Promise<A>) =>
        Effect.flatMap(NatsClient.NatsClient, ({ manager }) => Effect.promise(() => f(manager))).pipe(
          Effect.scoped,
          Effect.provide(nats)
        )

      const command = (k: number) => {
        const v = Math.floor(k / ACCOUNTS) + 1,
          a = (k % ACCOUNTS) + 1
        return CommandHandler.handle(
          Ledger.definition,
          `L-${a}`,
          v === 1
            ? Ledger.Open.make({ owner: `o${a}`, division: "d", at })
            : Ledger.Deposit.make({ amount: v, at, note: `n${a}-${v}` })
        )
      }

      return Effect.gen(function* () {
        const outbox = yield* Outbox
        const store = yield* EventStore
        // a third stored before the relay starts, the rest written while it runs (and while the server is down)
        for (let k = 0; k < TOTAL / 3; k++) yield* command(k)
        const writer = yield* Effect.fork(
          Effect.forEach(
            Array.from({ length: TOTAL - TOTAL / 3 }, (_, i) => TOTAL / 3 + i),
            (k) => Effect.zipRight(command(k), Effect.sleep("5 millis")),
            { discard: true }
          )
        )
        yield* OutboxRelay.ensureStream(relayConfig).pipe(Effect.provide(nats))
        const relay = yield* Effect.fork(
          OutboxRelay.run(relayConfig).pipe(
            Effect.provide(nats),
            Effect.tapError(() => Effect.sync(() => relayFailures++)),
            Effect.retry(retrying)
          )
        )
        const consumer = yield* Effect.fork(
          EventConsumer.consumeStored(consumerConfig, (e) =>
            Effect.sync(() => {
              handled.set(e.eventId, (handled.get(e.eventId) ?? 0) + 1)
            }).pipe(Effect.zipRight(Effect.sleep("2 millis")))
          ).pipe(
            Effect.provide(nats),
            Effect.tapError(() => Effect.sync(() => consumerFailures++)),
            Effect.retry(retrying)
          )
        )
        const restart = Effect.tryPromise({
          try: async () => {
            try {
              await stopServer()
              await new Promise((r) => setTimeout(r, 1_500))
            } finally {
              await startServer()
            }
          },
          catch: (e) => new Error(`restarting nats-server: ${String(e)}`)
        })
        yield* waitFor("a quarter of the events are handled", () => handledCount() >= TOTAL / 4, "60 seconds")
        // mid-relay: events are stored that the relay has not published yet
        const relayedBeforeStop = yield* outbox.checkpoint(relayConfig.relay ?? "")
        expect(relayedBeforeStop).toBeLessThan(TOTAL)
        const headBeforeStop = yield* store.head
        yield* restart
        // the writer went on while the server was down
        expect(yield* store.head).toBeGreaterThan(headBeforeStop)
        yield* Fiber.join(writer)
        yield* waitFor("every event is handled", () => handled.size >= TOTAL, "120 seconds")
        // give duplicates a chance to show: redeliveries after the ack wait
        yield* Effect.sleep("6 seconds")
        yield* Fiber.interrupt(relay)
        yield* Fiber.interrupt(consumer)

        const expected = new Set<string>()
        for (let a = 1; a <= ACCOUNTS; a++) for (let v = 1; v <= PER_ACCOUNT; v++) expected.add(`ledger/L-${a}/${v}`)
        expect(new Set(handled.keys())).toEqual(expected)
        const twice = [...handled.entries()].filter(([, n]) => n !== 1)
        expect(twice).toEqual([])
        console.log(
          `NATS restart: ${relayedBeforeStop}/${TOTAL} relayed when stopped; relay restarted ${relayFailures}x, consumer ${consumerFailures}x`
        )
        const info = yield* withManager((m) => m.streams.info(stream))
        expect(info.state.messages).toBe(TOTAL)
      }).pipe(
        Effect.ensuring(
          Effect.promise(async () => {
            await startServer()
          }).pipe(
            Effect.zipRight(
              withManager((m) =>
                m.streams.delete(stream).then(
                  () => undefined,
                  () => undefined
                )
              )
            ),
            Effect.catchAllCause((c) => Effect.logWarning("cleaning up the test stream", c))
          )
        ),
        Effect.provide(Layer.merge(MemoryStore.layer, DedupStore.layerMemory))
      )
    },
    300_000
  )
})
