/**
 * The reception and meeting commands beyond scheduling and recording, end to
 * end over the SQLite adapter: postponing, moving online and cancelling a
 * reception or an information meeting; a written appeal handed in at a
 * reception (registered as a written appeal through the appeals aggregate
 * and linked both ways); a refused repeat reception. For each: the success
 * path, a body that does not decode (400 naming the field), a rule that
 * refuses (422 naming it), an unknown reception or meeting (404) — and a
 * rejection leaves the store (log and read models) as it was. Then the same
 * endpoints through the typed client on loopback, and in the OpenAPI document.
 */
import { FetchHttpClient, HttpServer } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Redacted } from "effect"
import { HmacTokens } from "../../../adapters/http/Auth.js"
import * as Client from "../../../adapters/http/Client.js"
import * as Limits from "../../../adapters/http/Limits.js"
import * as Server from "../../../adapters/http/Server.js"
import { SqliteStore } from "../../../adapters/sqlite/index.js"
import type { TopicCode } from "../../../src/appeals/Topic.js"
import type { AppealId, MeetingId, OfficialId, ReceptionCardId, ReceptionId } from "../../../src/kernel/Ids.js"
import * as Period from "../../../src/kernel/Period.js"
import { Applicant } from "../../../src/meetings/Reception.js"
import { InPerson, type LocalTime, type OnlineLink, Place } from "../../../src/meetings/Venue.js"
import {
  card,
  handIn,
  hold,
  inPersonMeeting,
  inPersonReception,
  LINK,
  meeting,
  PLACE,
  refusal,
  seedMeetings
} from "./fixtures.js"
import { NOW, people, registration, SECRET, start, tokenOf } from "./harness.js"

type Server = Awaited<ReturnType<typeof start>>
type View = { readonly [k: string]: unknown }
type ReceptionBody = {
  readonly cards: ReadonlyArray<{
    readonly card: string
    readonly handIns: number
    readonly writtenAppeals: ReadonlyArray<string>
  }>
  readonly refusals: number
}

const sqlite = () => SqliteStore.layer({ filename: ":memory:" })

describe("reception and meeting commands over HTTP (SQLite)", () => {
  let s: Server
  let k = 0
  const ok = async (method: string, path: string, body?: unknown): Promise<View> => {
    const r = await s.call(method, path, { who: people.clerk, ...(body !== undefined ? { body } : {}) })
    expect(r.status, `${method} ${path}: ${r.text}`).toBeLessThan(300)
    return r.body as View
  }
  /** A fresh reception slot (in person, on `day`), optionally with a card answered orally, or closed. */
  const slot = async (
    day = "2021-03-15",
    stage: "scheduled" | "card" | "closed" | "cancelled" = "scheduled"
  ): Promise<string> => {
    const id = `rx-${++k}`
    await ok("POST", "/receptions", inPersonReception(id, day))
    if (stage === "card")
      await ok(
        "POST",
        `/receptions/${id}/cards`,
        card("c-1", { _tag: "OralAnswer", applicantConsented: true, factsObvious: true, summary: "Разъяснено" })
      )
    if (stage === "closed") await ok("POST", `/receptions/${id}/close`, {})
    if (stage === "cancelled") await ok("POST", `/receptions/${id}/cancel`, { reason: "Болезнь" })
    return id
  }
  const newMeeting = async (
    stage: "scheduled" | "held" | "cancelled" | "online" = "scheduled",
    day = "2021-03-18"
  ): Promise<string> => {
    const id = `mx-${++k}`
    await ok(
      "POST",
      "/meetings",
      stage === "online" ? { ...meeting(id), day } : inPersonMeeting(id, stage === "held" ? "2021-03-15" : day)
    )
    if (stage === "held") await ok("POST", `/meetings/${id}/hold`, hold)
    if (stage === "cancelled") await ok("POST", `/meetings/${id}/cancel`, { reason: "Перенос" })
    return id
  }

  beforeAll(async () => {
    s = await start({ store: sqlite() })
    // the appeal a refusal refers to (answered on the merits earlier)
    expect((await s.call("POST", "/appeals", { who: people.clerk, body: registration("R-1", 1) })).status).toBe(201)
    await seedMeetings(s)
  })
  afterAll(() => s.close())

  it("postpone, move online and cancel a reception", async () => {
    const id = await slot("2021-03-18")
    const postponed = await ok("POST", `/receptions/${id}/postpone`, {
      day: "2021-03-19",
      start: "14:00",
      end: "16:00"
    })
    expect(postponed).toMatchObject({
      reception: id,
      day: "2021-03-19",
      start: "14:00",
      end: "16:00",
      postponements: 1,
      status: "scheduled",
      venue: { _tag: "InPerson" }
    })
    const online = await ok("POST", `/receptions/${id}/move-online`, { link: LINK })
    expect(online).toMatchObject({ venue: { _tag: "Online", link: LINK }, day: "2021-03-19" })
    const cancelled = await ok("POST", `/receptions/${id}/cancel`, { reason: "Болезнь должностного лица" })
    expect(cancelled).toMatchObject({ status: "cancelled", postponements: 1 })
    expect(await ok("GET", `/receptions/${id}`)).toMatchObject({
      status: "cancelled",
      day: "2021-03-19",
      venue: { _tag: "Online" }
    })
  })

  it("postpone, move online and cancel a meeting", async () => {
    const id = await newMeeting()
    expect(await ok("POST", `/meetings/${id}/postpone`, { day: "2021-03-19", start: "18:00" })).toMatchObject({
      meeting: id,
      day: "2021-03-19",
      start: "18:00",
      postponements: 1,
      status: "scheduled"
    })
    expect(await ok("POST", `/meetings/${id}/move-online`, { link: LINK })).toMatchObject({
      format: { _tag: "Online", link: LINK }
    })
    expect(await ok("POST", `/meetings/${id}/cancel`, { reason: "Перенос по просьбе жителей" })).toMatchObject({
      status: "cancelled"
    })
    expect(await ok("GET", `/meetings/${id}`)).toMatchObject({
      status: "cancelled",
      day: "2021-03-19",
      format: { _tag: "Online" }
    })
  })

  it("a written appeal handed in at a reception is registered as written through the appeals aggregate and linked both ways; a retry with the key is applied once", async () => {
    const id = await slot("2021-03-15", "card")
    const first = (await ok("POST", `/receptions/${id}/cards/c-1/written-appeals`, handIn())) as ReceptionBody
    expect(first.cards[0]).toMatchObject({
      card: "c-1",
      handIns: 1,
      writtenAppeals: [expect.stringMatching(/^W-2021-\d{5}$/)]
    })
    const appealId = first.cards[0]!.writtenAppeals[0]!
    const appeal = await s.call("GET", `/appeals/${appealId}`, { who: people.clerk })
    expect(appeal.status, appeal.text).toBe(200)
    expect(appeal.body).toMatchObject({
      appealId,
      registrationNumber: appealId,
      channel: "written",
      state: "Registered",
      topics: [handIn().topics[0]],
      personal: { text: handIn().text, applicant: { name: "Сидоров Иван Ильич" } }
    })
    expect((appeal.body as View)["receptionCard"]).toBeUndefined()
    // an idempotent retry: one hand-in, one appeal
    const headers = { "idempotency-key": `hand-in-${id}` }
    const a = await s.call("POST", `/receptions/${id}/cards/c-1/written-appeals`, {
      who: people.clerk,
      body: handIn({ text: "Второе заявление" }),
      headers
    })
    const b = await s.call("POST", `/receptions/${id}/cards/c-1/written-appeals`, {
      who: people.clerk,
      body: handIn({ text: "Второе заявление" }),
      headers
    })
    expect([a.status, b.status]).toEqual([200, 200])
    const second = (a.body as ReceptionBody).cards[0]!
    expect(second.handIns).toBe(2)
    expect(second.writtenAppeals).toHaveLength(2)
    expect((b.body as ReceptionBody).cards[0]!.handIns).toBe(2)
    const after = (await ok("GET", `/receptions/${id}`)) as ReceptionBody
    expect(after.cards[0]).toMatchObject({ handIns: 2, writtenAppeals: second.writtenAppeals })
    const page = (await ok("GET", "/appeals?state=Registered&limit=100")) as {
      items: ReadonlyArray<{ appealId: string }>
    }
    expect(page.items.filter((i) => i.appealId.startsWith("W-")).map((i) => i.appealId)).toEqual([
      ...second.writtenAppeals
    ])
    // the hand-ins count as written appeals in the reception statistics
    expect(await ok("GET", "/meetings/statistics?period=2021-03")).toMatchObject({ receptions: { writtenAppeals: 2 } })
  })

  it("a repeat reception refused: recorded in the slot with its reference, not as a card", async () => {
    const id = await slot("2021-03-15", "card")
    const r = await ok("POST", `/receptions/${id}/refusals`, refusal("R-1"))
    expect(r).toMatchObject({ reception: id, refusals: 1, cards: [{ card: "c-1" }] })
    expect((r as ReceptionBody).cards).toHaveLength(1)
    expect(await ok("GET", `/receptions/${id}`)).toMatchObject({ refusals: 1 })
    // a refusal starts the slot: it can no longer be postponed
    const late = await s.call("POST", `/receptions/${id}/postpone`, {
      who: people.clerk,
      body: { day: "2021-03-20", start: "10:00", end: "12:00" }
    })
    expect(late.body).toMatchObject({ _tag: "RuleViolated", rule: "ReceptionRuleViolation.alreadyStarted" })
  })

  it("400: a body that does not decode names the field, and nothing is stored", async () => {
    const r = await slot("2021-03-18")
    const withCard = await slot("2021-03-15", "card")
    const m = await newMeeting()
    const before = await s.snapshot()
    const cases: ReadonlyArray<readonly [string, unknown, ReadonlyArray<string | number>]> = [
      [`/receptions/${r}/postpone`, { day: "2021-02-30", start: "10:00", end: "12:00" }, ["day"]],
      [`/receptions/${r}/postpone`, { day: "2021-03-20", start: "25:00", end: "12:00" }, ["start"]],
      [`/receptions/${r}/postpone`, { day: "2021-03-20", start: "10:00" }, ["end"]],
      [`/receptions/${r}/move-online`, { link: "ftp://meet.example.ru" }, ["link"]],
      [`/receptions/${r}/cancel`, { reason: "" }, ["reason"]],
      [`/receptions/${r}/cancel`, {}, ["reason"]],
      [`/receptions/${withCard}/cards/c-1/written-appeals`, handIn({ topics: [] }), ["topics", 0]],
      [`/receptions/${withCard}/cards/c-1/written-appeals`, handIn({ topics: ["nope"] }), ["topics", 0]],
      [`/receptions/${withCard}/cards/c-1/written-appeals`, handIn({ text: "   " }), ["text"]],
      [`/receptions/${withCard}/refusals`, refusal("R-1", { answeredOn: "yesterday" }), ["answeredOn"]],
      [`/receptions/${withCard}/refusals`, refusal("R-1", { reference: "" }), ["reference"]],
      [`/receptions/${withCard}/refusals`, refusal("R-1", { applicant: { phone: "1" } }), ["applicant", "name"]],
      [`/meetings/${m}/postpone`, { day: "2021-03-20", start: "9:00" }, ["start"]],
      [`/meetings/${m}/postpone`, { start: "10:00" }, ["day"]],
      [`/meetings/${m}/move-online`, { link: "not a link" }, ["link"]],
      [`/meetings/${m}/cancel`, { reason: 42 }, ["reason"]]
    ]
    for (const [path, body, field] of cases) {
      const a = await s.call("POST", path, { who: people.clerk, body })
      expect(a.status, `${path} ${JSON.stringify(body)}: ${a.text}`).toBe(400)
      expect(a.body, `${path} ${JSON.stringify(body)}`).toMatchObject({
        _tag: "HttpApiDecodeError",
        issues: [{ path: field }]
      })
    }
    // a path id that is not an id
    const badCard = await s.call("POST", `/receptions/${withCard}/cards/${encodeURIComponent("a b")}/written-appeals`, {
      who: people.clerk,
      body: handIn()
    })
    expect(badCard.status).toBe(400)
    expect(badCard.body).toMatchObject({ _tag: "HttpApiDecodeError", issues: [{ path: ["card"] }] })
    // a topic of the right shape that the appeals' classifier does not know: refused by the appeal it would become, before the hand-in is stored
    const unknown = await s.call("POST", `/receptions/${withCard}/cards/c-1/written-appeals`, {
      who: people.clerk,
      body: handIn({ topics: ["0009.0001.0001.0001"] })
    })
    expect(unknown.status, unknown.text).toBe(400)
    expect(unknown.body).toMatchObject({ _tag: "InvalidInput", field: "topics" })
    expect(await s.snapshot()).toBe(before)
  })

  it("422: a rule refuses, naming it, and nothing is stored", async () => {
    const future = await slot("2021-03-18")
    const started = await slot("2021-03-15", "card")
    const closed = await slot("2021-03-15", "closed")
    const cancelled = await slot("2021-03-18", "cancelled")
    const held = await newMeeting("held")
    const cancelledMeeting = await newMeeting("cancelled")
    const online = await newMeeting("online")
    const before = await s.snapshot()
    const later = { day: "2021-03-20", start: "10:00", end: "12:00" }
    const cases: ReadonlyArray<readonly [string, unknown, string, string?]> = [
      [`/receptions/${cancelled}/cancel`, { reason: "Ещё раз" }, "ReceptionRuleViolation.cancelled", "reception"],
      [`/receptions/${closed}/cancel`, { reason: "Поздно" }, "ReceptionRuleViolation.closed", "reception"],
      [`/receptions/${started}/cancel`, { reason: "Поздно" }, "ReceptionRuleViolation.alreadyStarted", "reception"],
      [`/receptions/${started}/postpone`, later, "ReceptionRuleViolation.alreadyStarted", "reception"],
      [`/receptions/${closed}/postpone`, later, "ReceptionRuleViolation.closed", "reception"],
      [
        `/receptions/${future}/postpone`,
        { day: "2021-03-20", start: "12:00", end: "10:00" },
        "ReceptionRuleViolation.endBeforeStart",
        "end"
      ],
      [
        `/receptions/${future}/postpone`,
        { day: "2021-03-01", start: "10:00", end: "12:00" },
        "ReceptionRuleViolation.dayInThePast",
        "day"
      ],
      [`/receptions/rc-1/move-online`, { link: LINK }, "ReceptionRuleViolation.alreadyOnline", "link"],
      [`/receptions/${cancelled}/move-online`, { link: LINK }, "ReceptionRuleViolation.cancelled", "reception"],
      [`/receptions/${started}/cards/c-404/written-appeals`, handIn(), "ReceptionRuleViolation.unknownCard", "card"],
      [`/receptions/${closed}/cards/c-1/written-appeals`, handIn(), "ReceptionRuleViolation.closed", "reception"],
      [
        `/receptions/${started}/refusals`,
        refusal("R-1", { answeredOn: "2021-03-16" }),
        "ReceptionRuleViolation.referenceNotEarlier",
        "answeredOn"
      ],
      [`/receptions/${future}/refusals`, refusal("R-1"), "ReceptionRuleViolation.dayNotReached", "at"],
      [`/receptions/${closed}/refusals`, refusal("R-1"), "ReceptionRuleViolation.closed", "reception"],
      [`/meetings/${held}/cancel`, { reason: "Поздно" }, "MeetingRuleViolation.alreadyHeld", "meeting"],
      [
        `/meetings/${held}/postpone`,
        { day: "2021-03-20", start: "18:00" },
        "MeetingRuleViolation.alreadyHeld",
        "meeting"
      ],
      [`/meetings/${held}/move-online`, { link: LINK }, "MeetingRuleViolation.alreadyHeld", "meeting"],
      [`/meetings/${cancelledMeeting}/cancel`, { reason: "Ещё раз" }, "MeetingRuleViolation.cancelled", "meeting"],
      [
        `/meetings/${cancelledMeeting}/postpone`,
        { day: "2021-03-20", start: "18:00" },
        "MeetingRuleViolation.cancelled",
        "meeting"
      ],
      [`/meetings/${online}/move-online`, { link: LINK }, "MeetingRuleViolation.alreadyOnline", "link"],
      [
        `/meetings/${online}/postpone`,
        { day: "2021-03-14", start: "18:00" },
        "MeetingRuleViolation.dayInThePast",
        "day"
      ]
    ]
    for (const [path, body, rule, subject] of cases) {
      const a = await s.call("POST", path, { who: people.clerk, body })
      expect(a.status, `${path}: ${a.text}`).toBe(422)
      expect(a.body, path).toMatchObject({ _tag: "RuleViolated", rule, ...(subject !== undefined ? { subject } : {}) })
    }
    expect(await s.snapshot()).toBe(before)
  })

  it("404: an unknown reception or meeting on every command, and nothing is stored", async () => {
    const before = await s.snapshot()
    const cases: ReadonlyArray<readonly [string, unknown, "reception" | "meeting"]> = [
      ["/receptions/none/postpone", { day: "2021-03-20", start: "10:00", end: "12:00" }, "reception"],
      ["/receptions/none/move-online", { link: LINK }, "reception"],
      ["/receptions/none/cancel", { reason: "Болезнь" }, "reception"],
      ["/receptions/none/cards/c-1/written-appeals", handIn(), "reception"],
      ["/receptions/none/refusals", refusal("R-1"), "reception"],
      ["/meetings/none/postpone", { day: "2021-03-20", start: "18:00" }, "meeting"],
      ["/meetings/none/move-online", { link: LINK }, "meeting"],
      ["/meetings/none/cancel", { reason: "Перенос" }, "meeting"]
    ]
    for (const [path, body, what] of cases) {
      const a = await s.call("POST", path, { who: people.clerk, body })
      expect(a.status, `${path}: ${a.text}`).toBe(404)
      expect(a.body).toMatchObject({ _tag: "NotFound", what, id: "none" })
    }
    expect(await s.snapshot()).toBe(before)
  })

  it("403 for the roles that may not, and nothing is stored", async () => {
    const r = await slot("2021-03-18")
    const before = await s.snapshot()
    for (const who of [people.citizen, people.head, people.controller]) {
      const a = await s.call("POST", `/receptions/${r}/cancel`, { who, body: { reason: "Болезнь" } })
      expect(a.status, a.text).toBe(403)
      expect(a.body).toMatchObject({ _tag: "Forbidden", action: "writeMeetings" })
    }
    expect(await s.snapshot()).toBe(before)
  })

  it("suspensions: an in-person slot is not postponed into a suspension period; moved online it is", async () => {
    const r = await slot("2021-03-18")
    const m = await newMeeting()
    await ok("POST", "/suspensions", { from: "2021-04-01", to: "2021-04-30", reason: "Карантин" })
    const before = await s.snapshot()
    const a = await s.call("POST", `/receptions/${r}/postpone`, {
      who: people.clerk,
      body: { day: "2021-04-10", start: "10:00", end: "12:00" }
    })
    expect(a.status, a.text).toBe(422)
    expect(a.body).toMatchObject({ _tag: "RuleViolated", rule: "SuspendedInPerson", subject: "day" })
    const b = await s.call("POST", `/meetings/${m}/postpone`, {
      who: people.clerk,
      body: { day: "2021-04-10", start: "18:00" }
    })
    expect(b.body).toMatchObject({ _tag: "RuleViolated", rule: "SuspendedInPerson", subject: "day" })
    expect(await s.snapshot()).toBe(before)
    await ok("POST", `/receptions/${r}/move-online`, { link: LINK })
    expect(
      await ok("POST", `/receptions/${r}/postpone`, { day: "2021-04-10", start: "10:00", end: "12:00" })
    ).toMatchObject({ day: "2021-04-10", venue: { _tag: "Online" } })
  })

  it("the OpenAPI document lists the commands", async () => {
    const doc = (await s.call("GET", "/openapi.json")).body as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/receptions/{reception}/postpone",
        "/receptions/{reception}/move-online",
        "/receptions/{reception}/cancel",
        "/receptions/{reception}/cards/{card}/written-appeals",
        "/receptions/{reception}/refusals",
        "/meetings/{meeting}/postpone",
        "/meetings/{meeting}/move-online",
        "/meetings/{meeting}/cancel"
      ])
    )
  })
})

const app = Server.serve({ port: 0 }).pipe(
  Layer.provide(Server.layer({ now: () => NOW })),
  Layer.provide(Layer.mergeAll(sqlite(), HmacTokens.layer({ secret: SECRET }), Limits.layer()))
)

describe("reception and meeting commands through the typed client (Node on loopback, SQLite)", () => {
  it.scoped(
    "postpone, move online, hand in, refuse, cancel; typed errors",
    () =>
      Effect.gen(function* () {
        const ctx = yield* Layer.build(app)
        const server = yield* Effect.provide(HttpServer.HttpServer, ctx)
        const address = server.address
        if (address._tag !== "TcpAddress") return yield* Effect.die("expected a TCP address")
        const api = yield* Client.make(`http://127.0.0.1:${address.port}`, { token: tokenOf(people.clerk) })
        const controller = yield* Client.make(`http://127.0.0.1:${address.port}`, { token: tokenOf(people.controller) })
        const reception = "rc-t" as ReceptionId
        const day = Period.unsafeDay("2021-03-15")
        const time = (t: string) => t as LocalTime
        const topics: readonly [TopicCode] = ["0005.0005.0056.1134" as TopicCode]
        const applicant = new Applicant({ name: Redacted.make("Сидоров Иван Ильич") })
        yield* api.meetings.scheduleReception({
          headers: {},
          payload: {
            reception,
            official: "deputy-1" as OfficialId,
            day: Period.unsafeDay("2021-03-17"),
            start: time("10:00"),
            end: time("12:00"),
            venue: new InPerson({ place: new Place(PLACE) })
          }
        })
        const postponed = yield* api.meetings.postponeReception({
          path: { reception },
          headers: {},
          payload: { day, start: time("14:00"), end: time("16:00") }
        })
        expect(postponed).toMatchObject({ day: "2021-03-15", postponements: 1 })
        const moved = yield* api.meetings.moveReceptionOnline({
          path: { reception },
          headers: {},
          payload: { link: LINK as OnlineLink }
        })
        expect(moved.venue._tag).toBe("Online")
        yield* api.meetings.recordCard({
          path: { reception },
          headers: {},
          payload: {
            card: "c-t" as ReceptionCardId,
            applicant,
            identityDocument: { kind: "passport", details: Redacted.make("0800 123456") },
            content: Redacted.make("Просьба отремонтировать подъезд"),
            topics,
            answer: {
              _tag: "OralAnswer",
              applicantConsented: true,
              factsObvious: true,
              summary: Redacted.make("Разъяснено")
            }
          }
        })
        const handed = yield* api.meetings.handInWrittenAppeal({
          path: { reception, card: "c-t" as ReceptionCardId },
          headers: {},
          payload: { text: Redacted.make("Заявление о ремонте"), topics }
        })
        expect(handed.cards[0]!.writtenAppeals).toEqual(["W-2021-00001"])
        const refused = yield* api.meetings.refuseRepeatReception({
          path: { reception },
          headers: {},
          payload: { applicant, topics, reference: "W-2021-00001" as AppealId, answeredOn: day }
        })
        expect(refused.refusals).toBe(1)
        // the slot has started: cancelling it is refused with a typed error naming the rule
        const late = yield* Effect.either(
          api.meetings.cancelReception({ path: { reception }, headers: {}, payload: { reason: "Поздно" } })
        )
        expect(Either.isLeft(late) && late.left._tag === "RuleViolated" && late.left.rule).toBe(
          "ReceptionRuleViolation.alreadyStarted"
        )
        const denied = yield* Effect.either(
          controller.meetings.cancelReception({ path: { reception }, headers: {}, payload: { reason: "Поздно" } })
        )
        expect(Either.isLeft(denied) && denied.left._tag).toBe("Forbidden")

        const meeting = "m-t" as MeetingId
        yield* api.meetings.scheduleMeeting({
          headers: {},
          payload: {
            meeting,
            title: "Встреча с жителями",
            day: Period.unsafeDay("2021-03-18"),
            start: time("18:00"),
            format: new InPerson({ place: new Place(PLACE) }),
            officials: ["deputy-1" as OfficialId],
            chair: "deputy-1" as OfficialId
          }
        })
        expect(
          yield* api.meetings.postponeMeeting({
            path: { meeting },
            headers: {},
            payload: { day: Period.unsafeDay("2021-03-19"), start: time("18:30") }
          })
        ).toMatchObject({ day: "2021-03-19", postponements: 1 })
        expect(
          (yield* api.meetings.moveMeetingOnline({
            path: { meeting },
            headers: {},
            payload: { link: LINK as OnlineLink }
          })).format._tag
        ).toBe("Online")
        expect(
          (yield* api.meetings.cancelMeeting({ path: { meeting }, headers: {}, payload: { reason: "Перенос" } })).status
        ).toBe("cancelled")
        const missing = yield* Effect.either(
          api.meetings.cancelMeeting({
            path: { meeting: "none" as MeetingId },
            headers: {},
            payload: { reason: "Перенос" }
          })
        )
        expect(Either.isLeft(missing) && missing.left._tag).toBe("NotFound")
      }).pipe(Effect.provide(FetchHttpClient.layer)),
    30_000
  )
})
