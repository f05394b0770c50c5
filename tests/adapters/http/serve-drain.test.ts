/**
 * The API's own Node listener (`Server.serve`) stops gracefully when its
 * scope closes (interruption, SIGTERM under `NodeRuntime.runMain`): it
 * stops accepting at once, lets a request in flight finish (its answer
 * closes the connection), and after the grace period closes what is left;
 * the stores close after it.
 */
import { connect, type Socket } from "node:net"
import { HttpServer as PlatformServer } from "@effect/platform"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { describe, expect, it } from "vitest"
import { TokenVerifier } from "../../../adapters/http/Auth.js"
import * as Limits from "../../../adapters/http/Limits.js"
import * as HttpServer from "../../../adapters/http/Server.js"
import { MemoryStore } from "../../../adapters/memory/index.js"
import { people, submission, tokenOf, tokens } from "./harness.js"

const started = async (graceMs: number) => {
  const app = HttpServer.serve({ port: 0, graceMs }).pipe(
    Layer.provide(HttpServer.layer()),
    Layer.provide(
      Layer.mergeAll(
        MemoryStore.layer,
        Layer.succeed(TokenVerifier, tokens),
        Limits.layer({ rateCapacity: 1_000_000, ratePerSecond: 1_000_000 })
      )
    )
  )
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(app, scope))
  const address = Context.get(context, PlatformServer.HttpServer).address
  const port = address._tag === "TcpAddress" ? address.port : 0
  return { port, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

/** A connection that has sent a request's head and the first part of its body; `rest` sends the remainder and reads the answer. */
const halfSent = (port: number, path: string, body: string) =>
  new Promise<{ readonly rest: () => Promise<string>; readonly socket: Socket }>((resolve) => {
    const bytes = Buffer.from(body)
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokenOf(people.citizen)}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`
      )
      socket.write(bytes.subarray(0, 10))
      resolve({ rest, socket })
    })
    let text = ""
    socket.on("data", (c: Buffer) => {
      text += c.toString("utf8")
    })
    const ended = new Promise<string>((r) => {
      socket.on("close", () => r(text))
      socket.on("error", () => r(text))
    })
    const rest = () => {
      socket.write(bytes.subarray(10))
      return ended
    }
  })

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1")
    s.on("connect", () => {
      s.destroy()
      resolve(false)
    })
    s.on("error", () => resolve(true))
  })

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("Server.serve drains on shutdown", () => {
  it("a request in flight completes during shutdown (its answer closes the connection) while a new connection is refused", async () => {
    const { close, port } = await started(5000)
    const slow = await halfSent(port, "/appeals/submissions", JSON.stringify(submission()))
    await wait(200)
    const t0 = performance.now()
    const closing = close()
    await wait(200)
    expect(await refused(port)).toBe(true)
    // the request is still answered, by a store that is still open
    const answer = await slow.rest()
    expect(answer).toMatch(/^HTTP\/1\.1 201 /)
    expect(answer.toLowerCase()).toContain("connection: close")
    await closing
    // closed once the request was answered, well within the grace period
    expect(performance.now() - t0).toBeLessThan(3000)
  })

  it("a request that outlasts the grace period is cut off, and the server closes then", async () => {
    const { close, port } = await started(400)
    const never = await halfSent(port, "/appeals/submissions", JSON.stringify(submission()))
    await wait(200)
    const t0 = performance.now()
    let answer = "pending"
    never.socket.on("close", () => {
      answer = "closed"
    })
    await close()
    const took = performance.now() - t0
    expect(took).toBeGreaterThanOrEqual(350)
    expect(took).toBeLessThan(3000)
    await wait(50)
    expect(answer).toBe("closed")
  })

  it("an idle keep-alive connection does not hold the shutdown", async () => {
    const { close, port } = await started(5000)
    const idle = connect(port, "127.0.0.1")
    await new Promise<void>((r) => idle.on("connect", () => r()))
    idle.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    await wait(200)
    const t0 = performance.now()
    await close()
    expect(performance.now() - t0).toBeLessThan(1000)
    idle.destroy()
  })
})
