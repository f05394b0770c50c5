import { Effect, Layer, ManagedRuntime } from "effect"
import { MemoryStore } from "../../../adapters/memory/index.js"
import { HmacTokens, type Role, TokenVerifier } from "../../../adapters/http/Auth.js"
import * as Limits from "../../../adapters/http/Limits.js"
import { clientAddresses } from "../../../adapters/http/Listener.js"
import * as Server from "../../../adapters/http/Server.js"
import { EventStore, type Maintenance } from "../../../src/ports/EventStore.js"
import type { Outbox } from "../../../src/ports/Outbox.js"
import { normalise, ReadModels } from "../../../src/ports/ReadModels.js"
import type { Search } from "../../../src/ports/Search.js"

export const SECRET = "test secret, sixteen+ characters"
export const tokens = HmacTokens.make({ secret: SECRET })
/** Local noon in Khabarovsk on 2021-03-15 (a Monday). */
export const NOW = new Date("2021-03-15T02:00:00Z")

export interface Who {
  readonly subject: string
  readonly role: Role
  readonly division?: string
  readonly official?: string
}

export const people = {
  citizen: { subject: "citizen-1", role: "citizen" },
  otherCitizen: { subject: "citizen-2", role: "citizen" },
  clerk: { subject: "clerk-1", role: "clerk" },
  head: { subject: "head-economy", role: "divisionHead", division: "economy" },
  otherHead: { subject: "head-housing", role: "divisionHead", division: "housing" },
  controller: { subject: "deputy-1", role: "controller", official: "deputy-1" },
  admin: { subject: "admin-1", role: "administrator" }
} as const satisfies Record<string, Who>

export const tokenOf = (who: Who, expiresInSeconds = 3600): string =>
  tokens.sign(who, { expiresInSeconds, now: new Date() })

export interface Answer {
  readonly status: number
  readonly body: unknown
  readonly text: string
  /** The body's bytes (a workbook). */
  readonly bytes: Uint8Array
  readonly headers: Headers
}

type Store = EventStore | ReadModels | Outbox | Maintenance | Search

/** An in-process server over a store layer (memory by default). */
export const start = async (
  options: {
    readonly store?: Layer.Layer<Store, unknown>
    readonly limits?: Partial<Limits.LimitsConfig>
    readonly server?: Server.ServerOptions
    /** A store runtime shared with another server (it is then not disposed on close). */
    readonly shared?: ManagedRuntime.ManagedRuntime<Store, unknown>
  } = {}
) => {
  const runtime = options.shared ?? ManagedRuntime.make(options.store ?? MemoryStore.layer)
  const context = await runtime.runtime().then((r) => r.context)
  const deps = Layer.mergeAll(
    Layer.succeedContext(context),
    Layer.succeed(TokenVerifier, tokens),
    Limits.layer({ rateCapacity: 1_000_000, ratePerSecond: 1_000_000, ...options.limits })
  )
  const { dispose, handler } = Server.webHandler(deps, { now: () => NOW, ...options.server })
  const call = async (
    method: string,
    path: string,
    init: {
      readonly who?: Who
      readonly token?: string
      readonly body?: unknown
      readonly raw?: string
      readonly headers?: Record<string, string>
      /** The client address the request comes from (as a node listener records it). */
      readonly address?: string
    } = {}
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...init.headers }
    const token = init.token ?? (init.who !== undefined ? tokenOf(init.who) : undefined)
    if (token !== undefined) headers["authorization"] = `Bearer ${token}`
    const body = init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined)
    if (body !== undefined) headers["content-type"] ??= "application/json"
    const request = new Request(`http://cityhall.test${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {})
    })
    if (init.address !== undefined) clientAddresses.set(request, init.address)
    const res = await handler(request)
    const bytes = new Uint8Array(await res.arrayBuffer())
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = text
    }
    return { status: res.status, body: parsed, text, bytes, headers: res.headers }
  }
  /** Everything stored: the global log and the normalised read models. */
  const snapshot = () =>
    runtime.runPromise(
      Effect.gen(function* () {
        const events = yield* Effect.flatMap(EventStore, (s) => s.readAll(0))
        const rows = yield* Effect.flatMap(ReadModels, (r) => r.snapshot)
        return JSON.stringify({ events, rows: normalise(rows) })
      })
    )
  const close = async () => {
    await dispose()
    if (options.shared === undefined) await runtime.dispose()
  }
  return { call, snapshot, close, runtime }
}

/** A clerk's registration body (JSON) of an appeal registered today, for the economy's topics. */
export const registration = (id: string, n: number, overrides: Record<string, unknown> = {}) => ({
  appealId: id,
  registrationNumber: `ОГ-2021-${String(n).padStart(5, "0")}`,
  channel: "written",
  kind: "individual",
  type: "complaint",
  addressee: { _tag: "ToMayor" },
  applicant: {
    name: "Иванова Мария Петровна",
    postalAddress: "680000, г. Хабаровск, ул. Муравьёва-Амурского, д. 1",
    email: "ivanova@example.ru"
  },
  text: "Прошу отремонтировать крышу дома",
  topics: ["0005.0005.0056.1134"],
  relatedAppeals: [],
  receivedAt: "2021-03-14T23:00:00.000Z",
  ...overrides
})

/** A citizen's submission body. */
export const submission = (overrides: Record<string, unknown> = {}) => ({
  applicant: { name: "Петров Пётр", email: "petrov@example.ru" },
  text: "Во дворе не вывозят мусор",
  topics: ["0005.0005.0056.1134"],
  ...overrides
})
