/** The Node server on loopback over the SQLite adapter (`:memory:`), driven by the typed client. */
import { FetchHttpClient, HttpServer } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Redacted } from "effect"
import { HmacTokens } from "../../../adapters/http/Auth.js"
import * as Client from "../../../adapters/http/Client.js"
import * as Limits from "../../../adapters/http/Limits.js"
import * as Server from "../../../adapters/http/Server.js"
import { SqliteStore } from "../../../adapters/sqlite/index.js"
import { Applicant, registrationNumber, ToMayor } from "../../../src/appeals/Appeal.js"
import type { TopicCode } from "../../../src/appeals/Topic.js"
import type { AppealId, DivisionId } from "../../../src/kernel/Ids.js"
import { NOW, people, SECRET, tokenOf } from "./harness.js"

const app = Server.serve({ port: 0 }).pipe(
  Layer.provide(Server.layer({ now: () => NOW })),
  Layer.provide(
    Layer.mergeAll(SqliteStore.layer({ filename: ":memory:" }), HmacTokens.layer({ secret: SECRET }), Limits.layer())
  )
)

describe("loopback: Node server + typed client, SQLite", () => {
  it.scoped(
    "registers, assigns, answers and reads through the typed client; typed errors; OpenAPI and docs",
    () =>
      Effect.gen(function* () {
        const ctx = yield* Layer.build(app)
        const server = yield* Effect.provide(HttpServer.HttpServer, ctx)
        const address = server.address
        if (address._tag !== "TcpAddress") return yield* Effect.die("expected a TCP address")
        const base = `http://127.0.0.1:${address.port}`
        expect(address.hostname).toBe("127.0.0.1")
        const clerk = yield* Client.make(base, { token: tokenOf(people.clerk) })
        const head = yield* Client.make(base, { token: tokenOf(people.head) })
        const citizen = yield* Client.make(base, { token: tokenOf(people.citizen) })
        const anonymous = yield* Client.make(base)

        const registered = yield* clerk.appeals.register({
          headers: {},
          payload: {
            appealId: "L-1" as AppealId,
            registrationNumber: registrationNumber("ОГ", 2021, 1),
            channel: "written",
            kind: "individual",
            type: "complaint",
            addressee: new ToMayor({}),
            applicant: new Applicant({ name: Redacted.make("Иванова Мария"), email: Redacted.make("m@example.ru") }),
            text: Redacted.make("Прошу отремонтировать крышу"),
            topics: ["0005.0005.0056.1134" as TopicCode],
            relatedAppeals: [],
            receivedAt: new Date("2021-03-14T23:00:00Z")
          }
        })
        expect(registered.state).toBe("Registered")
        expect(registered.dues.answer).toBe("2021-04-14")
        yield* clerk.appeals.assign({
          path: { id: "L-1" as AppealId },
          headers: {},
          payload: { division: "economy" as DivisionId }
        })
        const answered = yield* head.appeals.answer({
          path: { id: "L-1" as AppealId },
          headers: {},
          payload: { result: "explained", form: "electronic" }
        })
        expect(answered.state).toBe("Closed")
        expect(answered.outcome).toBe("answered")
        expect(answered.personal !== undefined && Redacted.value(answered.personal.text)).toBe(
          "Прошу отремонтировать крышу"
        )

        const denied = yield* Effect.either(citizen.appeals.get({ path: { id: "L-1" as AppealId } }))
        expect(Either.isLeft(denied) && denied.left._tag).toBe("Forbidden")
        const missing = yield* Effect.either(clerk.appeals.get({ path: { id: "none" as AppealId } }))
        expect(Either.isLeft(missing) && missing.left._tag).toBe("NotFound")
        const unauthorized = yield* Effect.either(anonymous.appeals.mine({ urlParams: {} }))
        expect(Either.isLeft(unauthorized) && unauthorized.left._tag).toBe("Unauthorized")

        const closed = yield* clerk.appeals.list({ urlParams: { state: "Closed" } })
        expect(closed.items.map((i) => i.appealId)).toEqual(["L-1"])
        const services = yield* anonymous.open311.servicesJson()
        expect(services.length).toBeGreaterThan(10)

        const openapi = yield* Effect.promise(() =>
          fetch(`${base}/openapi.json`).then(
            (r) => r.json() as Promise<{ openapi: string; info: { title: string }; paths: Record<string, unknown> }>
          )
        )
        expect(openapi.openapi).toBe("3.1.0")
        expect(openapi.info.title).toBe("cityhall")
        expect(Object.keys(openapi.paths)).toEqual(
          expect.arrayContaining([
            "/appeals",
            "/appeals/{id}",
            "/open311/v2/services.json",
            "/elections/calendars/{calendar}"
          ])
        )
        const docs = yield* Effect.promise(() => fetch(`${base}/docs`).then((r) => r.text()))
        expect(docs.includes("api-reference")).toBe(true)
        // the renderer is inlined: no external script to fetch
        expect(/<script[^>]*\ssrc=/.test(docs)).toBe(false)
      }).pipe(Effect.provide(FetchHttpClient.layer)),
    30_000
  )
})
