/**
 * Security:
 * - SQL injection strings (`INJECTIONS`) in every free-text field of an
 *   appeal (applicant name and address, text, the reason of an extension,
 *   the body an appeal is forwarded to) and in a plan's title, through the
 *   SQLite and PostgreSQL adapters: stored verbatim (the events read back
 *   carry exactly the strings sent), harmless (the tables, the earlier
 *   appeal's events and the counts are as they were, plus what was written);
 * - the HTTP adapter refuses expired, forged and tampered tokens (401, no data);
 * - a citizen cannot read another's appeal by id: every id tried (the ones
 *   that exist and their neighbours) answers 403 or 404 and no data, except
 *   the citizen's own.
 */
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { SqlClient } from "@effect/sql"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { HmacTokens } from "../../adapters/http/Auth.js"
import { PostgresStore } from "../../adapters/postgres/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealRecords from "../../src/appeals/AppealRecords.js"
import type * as Topic from "../../src/appeals/Topic.js"
import type { ActorId, AppealId, DivisionId, PlanId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Plan from "../../src/planning/Plan.js"
import * as PlanRecords from "../../src/planning/PlanRecords.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { EventStore } from "../../src/ports/EventStore.js"
import { people, registration, start, submission, tokenOf, type Who } from "../adapters/http/harness.js"
import { INJECTIONS } from "./mutate.js"

const pgUrl = process.env["CITYHALL_PG_URL"]
if (pgUrl === undefined || pgUrl === "") {
  console.log(
    "PostgreSQL security tests skipped: set CITYHALL_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
  )
}

const clerk = "registry-clerk" as ActorId
const head = "head-housing" as ActorId
const at = (h: number) => new Date(Date.UTC(2021, 2, 1, h))
/** A trimmed, non-blank version of an injection string, for the fields that must be trimmed and not blank. */
const trimmed = (s: string) => (s.trim() === s && s.length > 0 ? s : `x${s}x`)

/** Every string inside a JSON value. */
const strings = (v: unknown): Array<string> =>
  typeof v === "string"
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v !== null && typeof v === "object"
        ? Object.values(v).flatMap(strings)
        : []

/** The commands of one appeal whose free-text fields all carry `s`. */
/** The string as an appeal's text, or a stand-in when the core refuses it as one (NUL). */
const textOf = (s: string): string => (Appeal.isAppealText(s) ? s : `текст без управляющих символов ${s.length}`)

const hostileAppeal = (k: number, s: string): ReadonlyArray<AppealCommand.AppealCommand> => {
  const appealId = `INJ-${k}` as AppealId
  const register = new AppealCommand.RegisterAppeal({
    appealId,
    registrationNumber: Appeal.registrationNumber("ОГ", 2021, 100 + k),
    channel: "written",
    kind: "individual",
    type: "statement",
    addressee: new Appeal.ToMayor({}),
    applicant: new Appeal.Applicant({ name: Redacted.make(trimmed(s)), postalAddress: Redacted.make(trimmed(s)) }),
    // an appeal's text refuses NUL and other control characters (issue 18): such a string goes into the other fields only
    text: Redacted.make(textOf(s)),
    topics: ["0005.0005.0056.1134" as Topic.AppealTopicCode],
    relatedAppeals: [],
    receivedAt: at(0),
    at: at(1),
    actor: clerk
  })
  return [
    register,
    new AppealCommand.AssignToDivision({ appealId, division: "housing" as DivisionId, at: at(2), actor: clerk }),
    k % 2 === 0
      ? new AppealCommand.ExtendTerm({ appealId, days: 10, reason: trimmed(s), at: at(3), actor: head })
      : new AppealCommand.ForwardByCompetence({ appealId, to: trimmed(s), at: at(3), actor: clerk })
  ]
}

/** Stores hostile appeals and plans through the store in context; checks they read back verbatim and harmed nothing. */
const injectionProgram = (tables: Effect.Effect<ReadonlyArray<string>, unknown, SqlClient.SqlClient>) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    // an ordinary appeal first: it must come out of it untouched
    const [plainRegister, ...plainRest] = hostileAppeal(999, "Прошу отремонтировать дорогу")
    for (const c of [plainRegister!, ...plainRest])
      yield* CommandHandler.handle(AppealRecords.definition, c.appealId, c)
    const plainEvents = JSON.stringify(yield* store.readAll(0))
    const tablesBefore = yield* tables
    const headBefore = yield* store.head

    let written = 0
    for (const [k, s] of INJECTIONS.entries()) {
      for (const c of hostileAppeal(k, s))
        written += (yield* CommandHandler.handle(AppealRecords.definition, c.appealId, c)).events.length
      const plan = `PLAN-INJ-${k}` as PlanId
      written += (yield* CommandHandler.handle(
        PlanRecords.definition,
        plan,
        new Plan.CreatePlan({
          plan,
          at: at(4),
          actor: clerk,
          kind: "annual",
          period: Period.unsafeYear("2021"),
          title: trimmed(s)
        })
      )).events.length
    }
    // verbatim: each appeal's events carry exactly the strings sent, in every field
    for (const [k, s] of INJECTIONS.entries()) {
      const events = yield* store.read({ category: AppealRecords.category, id: `INJ-${k}` })
      const found = strings(events.map((e) => e.payload))
      const expected = [textOf(s), trimmed(s), trimmed(s), trimmed(s)]
      for (const x of expected) expect(found, `appeal ${k}: ${JSON.stringify(x)}`).toContain(x)
      const loaded = yield* CommandHandler.load(AppealRecords.definition, `INJ-${k}`)
      expect(loaded.events.length).toBe(3)
      const planEvents = yield* store.read({ category: PlanRecords.definition.category, id: `PLAN-INJ-${k}` })
      expect(strings(planEvents.map((e) => e.payload))).toContain(trimmed(s))
    }
    // harmless: same tables, the earlier events as they were, the head moved by what was written
    expect(yield* tables).toEqual(tablesBefore)
    expect(yield* store.head).toBe(headBefore + written)
    expect(JSON.stringify((yield* store.readAll(0)).slice(0, headBefore))).toBe(plainEvents)
    expect((yield* store.readAll(0)).length).toBe(headBefore + written)
  })

describe("security: SQL injection strings in every text field", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cityhall-rel-sec-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.effect("SQLite: stored verbatim, tables and counts intact", () => {
    const filename = path.join(dir, "inj.sqlite")
    const tables = Effect.flatMap(
      SqlClient.SqlClient,
      (sql) => sql<{ readonly name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
    ).pipe(Effect.map((rows) => rows.map((r) => r.name)))
    return injectionProgram(tables).pipe(
      Effect.provide(Layer.merge(SqliteStore.layer({ filename }), SqliteStore.client(filename)))
    )
  })

  it.effect.skipIf(pgUrl === undefined || pgUrl === "")("PostgreSQL: stored verbatim, tables and counts intact", () => {
    const schema = `cityhall_rel_inj_${process.pid}_${Date.now().toString(36)}`
    const url = Redacted.make(pgUrl ?? "")
    const tables = Effect.flatMap(
      SqlClient.SqlClient,
      (sql) =>
        sql<{
          readonly name: string
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY table_name`
    ).pipe(Effect.map((rows) => rows.map((r) => r.name)))
    return injectionProgram(tables).pipe(
      Effect.provide(
        Layer.merge(
          PostgresStore.layer({ url, schema, dropSchemaOnClose: true }),
          PostgresStore.client({ url, schema })
        )
      )
    )
  })
})

describe("security: the HTTP adapter", () => {
  type Server = Awaited<ReturnType<typeof start>>
  let s: Server
  const own = new Map<string, Array<string>>()
  const all: Array<string> = []
  const citizens: ReadonlyArray<Who> = [people.citizen, people.otherCitizen, { subject: "citizen-3", role: "citizen" }]
  const secretOf = (who: Who, i: number) => `секрет ${who.subject} №${i}`

  beforeAll(async () => {
    s = await start()
    for (const who of citizens) {
      own.set(who.subject, [])
      for (let i = 0; i < 8; i++) {
        const r = await s.call("POST", "/appeals/submissions", {
          who,
          body: submission({
            text: secretOf(who, i),
            applicant: { name: `${who.subject} ${i}`, email: `${who.subject}@example.ru` }
          })
        })
        expect(r.status, r.text).toBe(201)
        const id = (r.body as { readonly appealId: string }).appealId
        own.get(who.subject)!.push(id)
        all.push(id)
      }
    }
    // appeals registered by the clerk (paper mail): no citizen's
    for (let n = 1; n <= 8; n++) {
      const id = `P-${n}`
      const r = await s.call("POST", "/appeals", {
        who: people.clerk,
        body: registration(id, n, { text: `секрет бумажного обращения ${n}` })
      })
      expect(r.status, r.text).toBe(201)
      all.push(id)
    }
  })
  afterAll(async () => {
    await s.close()
  })

  it("expired, forged and tampered tokens are refused with 401 and no data", async () => {
    const id = own.get(people.citizen.subject)![0]!
    const ok = await s.call("GET", `/appeals/${id}`, { who: people.citizen })
    expect(ok.status, ok.text).toBe(200)
    const valid = tokenOf(people.admin)
    const [body, sig] = valid.split(".") as [string, string]
    const forgedSecret = HmacTokens.make({ secret: "another secret, sixteen+ chars" }).sign(people.admin, {
      expiresInSeconds: 3600
    })
    const claims = JSON.parse(Buffer.from(tokenOf(people.citizen).split(".")[0]!, "base64url").toString()) as Record<
      string,
      unknown
    >
    const elevated = Buffer.from(JSON.stringify({ ...claims, role: "administrator" })).toString("base64url")
    const bad: ReadonlyArray<readonly [string, string]> = [
      ["expired", tokenOf(people.admin, -5)],
      ["signed with another secret", forgedSecret],
      ["role raised, old signature", `${elevated}.${tokenOf(people.citizen).split(".")[1]}`],
      ["signature of another body", `${body}x.${sig}`],
      ["no signature", `${body}.`],
      ["garbage", "not-a-token"],
      ["empty", ""]
    ]
    for (const [what, token] of bad) {
      for (const [method, p, payload] of [
        ["GET", `/appeals/${id}`, undefined],
        ["POST", "/appeals/submissions", submission()],
        ["POST", `/appeals/${id}/assign`, { division: "economy" }]
      ] as const) {
        const r = await s.call(method, p, { token, ...(payload !== undefined ? { body: payload } : {}) })
        expect(r.status, `${what}: ${method} ${p}: ${r.text}`).toBe(401)
        expect(r.text).not.toContain("секрет")
      }
    }
  })

  it("a citizen cannot read another's appeal by id (enumeration): 403 or 404, never data", async () => {
    // the existing ids, and ids made by changing each one's digits (neighbours)
    const tried = new Set<string>(all)
    for (const id of all) {
      const m = /^(.*?)(\d+)$/.exec(id)
      if (m === null) continue
      const n = Number(m[2])
      for (let d = -3; d <= 3; d++) if (n + d >= 0) tried.add(`${m[1]}${String(n + d).padStart(m[2]!.length, "0")}`)
    }
    let denied = 0
    for (const who of citizens) {
      const mine = new Set(own.get(who.subject)!)
      for (const id of tried) {
        const r = await s.call("GET", `/appeals/${encodeURIComponent(id)}`, { who })
        if (mine.has(id)) {
          expect(r.status, `${who.subject} own ${id}: ${r.text}`).toBe(200)
          continue
        }
        expect([403, 404], `${who.subject} reading ${id}: ${r.status} ${r.text}`).toContain(r.status)
        expect(r.text).not.toContain("секрет")
        expect(r.text).not.toContain("citizen-")
        denied++
      }
    }
    expect(denied).toBeGreaterThan(citizens.length * (all.length - 8))
  })
})
