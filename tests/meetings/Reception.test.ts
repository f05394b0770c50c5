import { describe, expect, it } from "@effect/vitest"
import { Either, Redacted } from "effect"
import { Decider, Ids, Meetings } from "../../src/index.js"
import { actor, applicant, day, deputy, document, link, local, place, time, topic, tz } from "./helpers.js"

const R = Meetings.Reception
const reception = Ids.ReceptionId.make("r-2020-03-05-deputy-1")
const card = Ids.ReceptionCardId.make("card-1")
const schedule = new R.ScheduleReception({
  reception,
  at: local("2020-03-02T09:00:00"),
  actor,
  official: deputy,
  day: day("2020-03-05"),
  start: time("10:00"),
  end: time("13:00"),
  venue: new Meetings.Venue.InPerson({ place }),
  topic: "Благоустройство"
})
const recordCard = (answer: Meetings.Reception.CardAnswer, at = local("2020-03-05T10:30:00")) =>
  new R.RecordCard({
    reception,
    at,
    actor,
    card,
    applicant,
    identityDocument: document,
    content: Redacted.make("протечка крыши"),
    topics: [topic],
    answer
  })
const oral = (applicantConsented: boolean, factsObvious: boolean) =>
  new R.OralAnswer({ applicantConsented, factsObvious, summary: Redacted.make("разъяснён график ремонта") })
const decider = R.decider({ timeZone: tz, suspensions: [] })

const leftOf = <E>(r: Either.Either<unknown, E>): E => {
  if (Either.isRight(r)) throw new Error("expected a rejection")
  return r.left
}

describe("Reception", () => {
  it("an oral answer with consent and obvious facts is recorded in the card (59-FZ art. 13 p. 3)", () => {
    const r = Either.getOrThrow(Decider.run(decider, [schedule, recordCard(oral(true, true))]))
    expect(r.events.map((e) => e._tag)).toStrictEqual(["ReceptionScheduled", "CardRecorded", "CardAnsweredOrally"])
    const s = r.state as Meetings.Reception.ReceptionRecord
    expect(s.cards).toHaveLength(1)
    // the card notes the consent and the obvious facts the oral answer rests on
    expect(s.cards[0]!.outcome).toMatchObject({ _tag: "AnsweredOrally", applicantConsented: true, factsObvious: true })
    expect(s.cards[0]!.format).toBe("inPerson")
    expect(Meetings.Invariants.reception(s)).toStrictEqual([])
  })

  it.each([
    [false, true, "oralAnswerNeedsConsent", "answer.applicantConsented"],
    [true, false, "oralAnswerNeedsObviousFacts", "answer.factsObvious"],
    [false, false, "oralAnswerNeedsConsent", "answer.applicantConsented"]
  ] as const)("consent=%s obvious=%s: no oral answer, typed %s naming %s", (consent, obvious, rule, field) => {
    const s = Either.getOrThrow(Decider.run(decider, [schedule])).state
    const e = leftOf(Decider.handle(decider, s, recordCard(oral(consent, obvious))))
    expect(e).toMatchObject({ _tag: "ReceptionRuleViolation", rule, field })
    // the refusal cites the paragraph of the oral answer in the consolidated text: art. 13 p. 3
    expect((e as { message: string }).message).toContain("(59-FZ art. 13 p. 3)")
  })

  it("otherwise the card asks for exactly one oral appeal, linked both ways once registered", () => {
    const { events, state } = Either.getOrThrow(Decider.run(decider, [schedule, recordCard(new R.OralAppeal())]))
    const requested = events.find((e) => e._tag === "OralAppealRequested")
    expect(requested).toMatchObject({ card, official: deputy, day: "2020-03-05" })
    const appeal = Ids.AppealId.make("appeal-77")
    const link1 = new R.LinkOralAppeal({ reception, at: local("2020-03-05T12:00:00"), actor, card, appeal })
    const linked = Either.getOrThrow(Decider.handle(decider, state, link1))
    expect(linked.events.map((e) => e._tag)).toStrictEqual(["OralAppealLinked"])
    // the same link again is a no-op; another appeal is refused
    expect(Either.getOrThrow(Decider.handle(decider, linked.state, link1)).events).toStrictEqual([])
    const e = leftOf(
      Decider.handle(decider, linked.state, new R.LinkOralAppeal({ ...link1, appeal: Ids.AppealId.make("appeal-78") }))
    )
    expect(e).toMatchObject({ rule: "oneOralAppealPerCard", field: "appeal" })
  })

  it("a card answered orally has no oral appeal to link", () => {
    const s = Either.getOrThrow(Decider.run(decider, [schedule, recordCard(oral(true, true))])).state
    const e = leftOf(
      Decider.handle(
        decider,
        s,
        new R.LinkOralAppeal({
          reception,
          at: local("2020-03-05T12:00:00"),
          actor,
          card,
          appeal: Ids.AppealId.make("a-1")
        })
      )
    )
    expect(e).toMatchObject({ rule: "cardAnsweredOrally" })
  })

  it("a written appeal handed in is numbered in its card and asked to be registered as written (59-FZ art. 13 p. 4)", () => {
    const s = Either.getOrThrow(Decider.run(decider, [schedule, recordCard(new R.OralAppeal())])).state
    const r = Either.getOrThrow(
      Decider.handle(
        decider,
        s,
        new R.HandInWrittenAppeal({
          reception,
          at: local("2020-03-05T10:40:00"),
          actor,
          card,
          text: Redacted.make("заявление"),
          topics: [topic]
        })
      )
    )
    expect(r.events[0]).toMatchObject({ _tag: "WrittenAppealHandedIn", handIn: 1, card })
  })

  it("a repeat reception is refused with the reference to an answer already given, and is not a card (59-FZ art. 13 p. 6)", () => {
    const s = Either.getOrThrow(Decider.run(decider, [schedule])).state
    const refuse = (answeredOn: string) =>
      new R.RefuseRepeatReception({
        reception,
        at: local("2020-03-05T11:00:00"),
        actor,
        applicant,
        topics: [topic],
        reference: Ids.AppealId.make("appeal-12"),
        answeredOn: day(answeredOn)
      })
    const ok = Either.getOrThrow(Decider.handle(decider, s, refuse("2020-02-10")))
    const after = ok.state as Meetings.Reception.ReceptionRecord
    expect(after.refusals).toHaveLength(1)
    expect(after.cards).toHaveLength(0)
    expect(leftOf(Decider.handle(decider, s, refuse("2020-03-06")))).toMatchObject({
      rule: "referenceNotEarlier",
      field: "answeredOn"
    })
  })

  it("no card before the reception's day; none once closed or cancelled", () => {
    const s = Either.getOrThrow(Decider.run(decider, [schedule])).state
    expect(
      leftOf(Decider.handle(decider, s, recordCard(new R.OralAppeal(), local("2020-03-04T18:00:00"))))
    ).toMatchObject({ rule: "dayNotReached", field: "at" })
    const closed = Either.getOrThrow(
      Decider.run(decider, [schedule, new R.CloseReception({ reception, at: local("2020-03-05T14:00:00"), actor })])
    ).state
    expect(leftOf(Decider.handle(decider, closed, recordCard(new R.OralAppeal())))).toMatchObject({ rule: "closed" })
    const cancelled = Either.getOrThrow(
      Decider.run(decider, [
        schedule,
        new R.CancelReception({ reception, at: local("2020-03-03T09:00:00"), actor, reason: "командировка" })
      ])
    ).state
    expect(leftOf(Decider.handle(decider, cancelled, recordCard(new R.OralAppeal())))).toMatchObject({
      rule: "cancelled"
    })
  })

  it("a slot that has started cannot be moved, postponed or cancelled", () => {
    const s = Either.getOrThrow(Decider.run(decider, [schedule, recordCard(new R.OralAppeal())])).state
    const at = local("2020-03-05T11:00:00")
    expect(leftOf(Decider.handle(decider, s, new R.MoveReceptionOnline({ reception, at, actor, link })))).toMatchObject(
      { rule: "alreadyStarted" }
    )
    expect(
      leftOf(Decider.handle(decider, s, new R.CancelReception({ reception, at, actor, reason: "x" })))
    ).toMatchObject({ rule: "alreadyStarted" })
  })

  it("bad times and past days are typed errors naming the field", () => {
    const bad = new R.ScheduleReception({ ...schedule, start: time("13:00"), end: time("10:00") })
    expect(leftOf(decider.decide(bad, R.initialState))).toMatchObject({ rule: "endBeforeStart", field: "end" })
    const past = new R.ScheduleReception({ ...schedule, day: day("2020-03-01") })
    expect(leftOf(decider.decide(past, R.initialState))).toMatchObject({ rule: "dayInThePast", field: "day" })
  })

  describe("suspension periods (2020)", () => {
    const suspensions = [
      new Meetings.Suspension.SuspensionPeriod({
        from: day("2020-03-28"),
        to: day("2020-08-31"),
        reason: "COVID-19",
        declaredAt: local("2020-03-27T09:00:00")
      })
    ]
    const suspended = R.decider({ timeZone: tz, suspensions })
    const april = new R.ScheduleReception({ ...schedule, day: day("2020-04-16") })

    it("an in-person slot cannot be scheduled inside a suspension; an online one can", () => {
      expect(leftOf(suspended.decide(april, R.initialState))).toMatchObject({
        _tag: "SuspendedInPerson",
        day: "2020-04-16",
        suspendedFrom: "2020-03-28",
        field: "venue"
      })
      expect(
        Either.isRight(
          suspended.decide(
            new R.ScheduleReception({ ...april, venue: new Meetings.Venue.Online({ link }) }),
            R.initialState
          )
        )
      ).toBe(true)
    })

    it("an in-person slot scheduled before the suspension takes no cards until moved online", () => {
      const s = Either.getOrThrow(Decider.run(decider, [april])).state
      const card1 = recordCard(new R.OralAppeal(), local("2020-04-16T10:30:00"))
      expect(leftOf(Decider.handle(suspended, s, card1))).toMatchObject({ _tag: "SuspendedInPerson" })
      const moved = Either.getOrThrow(
        Decider.handle(
          suspended,
          s,
          new R.MoveReceptionOnline({ reception, at: local("2020-04-01T09:00:00"), actor, link })
        )
      )
      const r = Either.getOrThrow(Decider.handle(suspended, moved.state, card1))
      expect(r.events[0]).toMatchObject({ _tag: "CardRecorded", format: "online" })
    })

    it("or postponed past it", () => {
      const s = Either.getOrThrow(Decider.run(decider, [april])).state
      const at = local("2020-04-01T09:00:00")
      expect(
        leftOf(
          Decider.handle(
            suspended,
            s,
            new R.PostponeReception({
              reception,
              at,
              actor,
              day: day("2020-05-14"),
              start: time("10:00"),
              end: time("12:00")
            })
          )
        )
      ).toMatchObject({ _tag: "SuspendedInPerson", field: "day" })
      expect(
        Either.isRight(
          Decider.handle(
            suspended,
            s,
            new R.PostponeReception({
              reception,
              at,
              actor,
              day: day("2020-09-03"),
              start: time("10:00"),
              end: time("12:00")
            })
          )
        )
      ).toBe(true)
    })
  })

  it("decoding bad input names the field and never throws", () => {
    const input = {
      _tag: "ScheduleReception",
      reception: "r-1",
      at: "2020-03-02T00:00:00Z",
      actor: "clerk",
      official: "mayor",
      day: "2020-03-05",
      start: "10:00",
      end: "13:00",
      venue: { _tag: "InPerson", place: { district: "Центральный" } }
    }
    const e = leftOf(R.decodeCommand(input))
    expect(e).toMatchObject({ _tag: "InvalidMeetingsInput", reason: "missing", field: "venue.place.address" })
    expect(leftOf(R.decodeCommand({ ...input, venue: { _tag: "Online", link: "ftp://x" } }))).toMatchObject({
      reason: "malformed",
      field: "venue.link"
    })
    expect(leftOf(R.decodeCommand({ ...input, start: "25:00" }))).toMatchObject({ field: "start" })
    expect(leftOf(R.decodeCommand(null))).toMatchObject({ _tag: "InvalidMeetingsInput" })
  })
})
