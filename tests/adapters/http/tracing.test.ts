/** Request spans: under an installed tracer every request gets a server span; without one (or with tracing off) none is made. */
import { HttpServer } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Tracer } from "effect"
import { HmacTokens } from "../../../adapters/http/Auth.js"
import * as Limits from "../../../adapters/http/Limits.js"
import * as Server from "../../../adapters/http/Server.js"
import { MemoryStore } from "../../../adapters/memory/index.js"
import { NOW, SECRET } from "./harness.js"

/** A tracer that records the names of the spans it was asked to make. */
const recording = () => {
  const names: Array<string> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      names.push(name)
      return Effect.runSync(
        Effect.map(Effect.tracer, (native) => native.span(name, parent, context, links, startTime, kind))
      )
    },
    context: (f) => f()
  })
  return { names, tracer }
}

const served = (tracing: Server.RequestTracing | undefined) =>
  Server.serve({ port: 0, ...(tracing !== undefined ? { tracing } : {}) }).pipe(
    Layer.provide(Server.layer({ now: () => NOW })),
    Layer.provide(Layer.mergeAll(MemoryStore.layer, HmacTokens.layer({ secret: SECRET }), Limits.layer()))
  )

/** Builds the server under `tracer`, sends one request, answers the span names recorded. */
const spansOf = (tracing: Server.RequestTracing | undefined) =>
  Effect.gen(function* () {
    const { names, tracer } = recording()
    const ctx = yield* Layer.build(served(tracing).pipe(Layer.provide(Layer.setTracer(tracer))))
    const server = yield* Effect.provide(HttpServer.HttpServer, ctx)
    const address = server.address
    if (address._tag !== "TcpAddress") return yield* Effect.die("expected a TCP address")
    const before = names.length
    const status = yield* Effect.promise(() =>
      fetch(`http://127.0.0.1:${address.port}/open311/v2/services.json`).then((r) => r.status)
    )
    expect(status).toBe(200)
    return names.slice(before)
  })

describe("request tracing", () => {
  it("auto: traces only under a tracer other than Effect's built-in one", () => {
    const builtIn = Effect.runSync(Effect.tracer)
    expect(Server.tracesRequests("auto", builtIn)).toBe(false)
    expect(Server.tracesRequests("auto", recording().tracer)).toBe(true)
    expect(Server.tracesRequests(true, builtIn)).toBe(true)
    expect(Server.tracesRequests(false, recording().tracer)).toBe(false)
  })

  it.scoped(
    "an installed tracer gets a server span per request (the default, auto)",
    () => Effect.map(spansOf(undefined), (names) => expect(names).toEqual(["http.server GET"])),
    20_000
  )

  it.scoped(
    "tracing: false makes no request span even under an installed tracer",
    () => Effect.map(spansOf(false), (names) => expect(names).toEqual([])),
    20_000
  )
})
