import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { Decider, Ids, Meetings } from "../../src/index.js"
import { actor, day, deputy, local, mayor, place, time, topic, tz } from "./helpers.js"

const M = Meetings.Meeting
const meeting = Ids.MeetingId.make("meeting-2020-03-10")
const q1 = Ids.QuestionId.make("q-1")
const q2 = Ids.QuestionId.make("q-2")
const q3 = Ids.QuestionId.make("q-3")
const decider = M.decider({ timeZone: tz, suspensions: [] })
const at = local("2020-03-10T20:00:00")
const schedule = new M.ScheduleMeeting({
  meeting,
  at: local("2020-03-02T09:00:00"),
  actor,
  title: "Благоустройство дворов Центрального района",
  day: day("2020-03-10"),
  start: time("18:00"),
  format: new Meetings.Venue.Hybrid({ place, link: "https://example.org/live" as Meetings.Venue.OnlineLink }),
  officials: [mayor, deputy],
  chair: mayor
})
const hold = new M.HoldMeeting({
  meeting,
  at,
  actor,
  heldAt: local("2020-03-10T18:00:00"),
  attendance: new M.Attendance({ count: 45 })
})
const raise = (question: Ids.QuestionId) =>
  new M.RaiseQuestion({ meeting, at, actor, question, topic, text: "Когда отремонтируют двор?" })
const dispose = (question: Ids.QuestionId, disposition: Meetings.Meeting.DispositionInput, when = at) =>
  new M.DisposeQuestion({ meeting, at: when, actor, question, disposition })
const instruct = new M.Instruct({
  instruction: Ids.InstructionId.make("instr-1"),
  division: Ids.DivisionId.make("city-economy"),
  deadline: day("2020-04-30"),
  text: "Обследовать дворы"
})
const held = () => Either.getOrThrow(Decider.run(decider, [schedule, hold, raise(q1), raise(q2), raise(q3)]))
const leftOf = <E>(r: Either.Either<unknown, E>): E => {
  if (Either.isRight(r)) throw new Error("expected a rejection")
  return r.left
}

describe("Meeting", () => {
  it("each question gets one disposition; an instruction carries division, deadline, text and origin (meeting + question)", () => {
    const { events } = Either.getOrThrow(
      Decider.run(decider, [
        schedule,
        hold,
        raise(q1),
        raise(q2),
        raise(q3),
        dispose(q1, new M.AnswerOnTheSpot({ answer: "Двор в плане на май", by: deputy })),
        dispose(q2, instruct),
        dispose(q3, new M.ReferAsAppeal())
      ])
    )
    const issued = events.find((e) => e._tag === "InstructionIssued")
    expect(issued).toMatchObject({
      division: "city-economy",
      deadline: "2020-04-30",
      text: "Обследовать дворы",
      origin: { _tag: "MeetingQuestion", meeting, question: q2 }
    })
    expect(events.some((e) => e._tag === "QuestionReferredAsAppeal" && e.question === q3)).toBe(true)
  })

  it("closing needs a disposition for every question, named in the error", () => {
    const s = Either.getOrThrow(Decider.handle(decider, held().state, dispose(q1, new M.ReferAsAppeal()))).state
    const e = leftOf(Decider.handle(decider, s, new M.CloseMeeting({ meeting, at, actor })))
    expect(e).toMatchObject({ _tag: "QuestionsWithoutDisposition", questions: [q2, q3] })
    const done = Either.getOrThrow(
      Decider.run(decider, [
        schedule,
        hold,
        raise(q1),
        dispose(q1, new M.ReferAsAppeal()),
        new M.CloseMeeting({ meeting, at, actor })
      ])
    )
    expect((done.state as Meetings.Meeting.MeetingRecord).status).toBe("closed")
  })

  it("a meeting is held at most once, never in the future of the recorded instant, and on its day", () => {
    const s = held().state
    expect(leftOf(Decider.handle(decider, s, hold))).toMatchObject({ rule: "alreadyHeld" })
    const scheduled = Either.getOrThrow(Decider.run(decider, [schedule])).state
    const future = new M.HoldMeeting({ ...hold, at: local("2020-03-10T17:00:00") })
    expect(leftOf(Decider.handle(decider, scheduled, future))).toMatchObject({
      rule: "heldInTheFuture",
      field: "heldAt"
    })
    const otherDay = new M.HoldMeeting({ ...hold, heldAt: local("2020-03-09T18:00:00") })
    expect(leftOf(Decider.handle(decider, scheduled, otherDay))).toMatchObject({ rule: "heldOnAnotherDay" })
    const roster = new M.HoldMeeting({ ...hold, attendance: new M.Attendance({ count: 0, roster: [] }) })
    expect(Either.isRight(Decider.handle(decider, scheduled, roster))).toBe(true)
  })

  it("an answer on the spot comes from an official taking part; a disposition is given once", () => {
    const s = held().state
    expect(
      leftOf(
        Decider.handle(
          decider,
          s,
          dispose(q1, new M.AnswerOnTheSpot({ answer: "x", by: Ids.OfficialId.make("other") }))
        )
      )
    ).toMatchObject({ rule: "notAParticipant", field: "disposition.by" })
    const once = Either.getOrThrow(Decider.handle(decider, s, dispose(q1, instruct))).state
    expect(leftOf(Decider.handle(decider, once, dispose(q1, new M.ReferAsAppeal())))).toMatchObject({
      rule: "alreadyDisposed"
    })
    expect(leftOf(Decider.handle(decider, once, dispose(q2, instruct)))).toMatchObject({ rule: "duplicateInstruction" })
    const past = new M.Instruct({
      ...instruct,
      instruction: Ids.InstructionId.make("instr-2"),
      deadline: day("2020-03-01")
    })
    expect(leftOf(Decider.handle(decider, once, dispose(q2, past)))).toMatchObject({
      rule: "deadlineInThePast",
      field: "disposition.deadline"
    })
  })

  it("an instruction is linked to exactly one activity", () => {
    const s = Either.getOrThrow(Decider.handle(decider, held().state, dispose(q1, instruct))).state
    const link = new M.LinkInstructionActivity({
      meeting,
      at,
      actor,
      question: q1,
      plan: Ids.PlanId.make("monthly-2020-04"),
      activity: Ids.ActivityId.make("act-9")
    })
    const linked = Either.getOrThrow(Decider.handle(decider, s, link)).state
    expect(Either.getOrThrow(Decider.handle(decider, linked, link)).events).toStrictEqual([])
    expect(
      leftOf(
        Decider.handle(
          decider,
          linked,
          new M.LinkInstructionActivity({ ...link, activity: Ids.ActivityId.make("act-10") })
        )
      )
    ).toMatchObject({ rule: "oneActivityPerInstruction" })
    expect(
      leftOf(Decider.handle(decider, linked, new M.LinkInstructionActivity({ ...link, question: q2 })))
    ).toMatchObject({ rule: "notAnInstruction" })
  })

  it("minutes: drafted, approved only by the chair, approved versions immutable, corrections are new versions", () => {
    const draft = (text: string) => new M.DraftMinutes({ meeting, at, actor, text })
    const s0 = Either.getOrThrow(
      Decider.run(decider, [schedule, hold, draft("Протокол"), draft("Протокол (правка черновика)")])
    ).state as Meetings.Meeting.MeetingRecord
    expect(s0.minutes.map((v) => [v.version, v.status])).toStrictEqual([[1, "draft"]])
    expect(leftOf(Decider.handle(decider, s0, new M.ApproveMinutes({ meeting, at, actor, by: deputy })))).toMatchObject(
      { rule: "onlyTheChairApproves", field: "by" }
    )
    const approved = Either.getOrThrow(
      Decider.handle(decider, s0, new M.ApproveMinutes({ meeting, at, actor, by: mayor }))
    ).state
    const corrected = Either.getOrThrow(Decider.handle(decider, approved, draft("Протокол, исправленный")))
      .state as Meetings.Meeting.MeetingRecord
    expect(corrected.minutes.map((v) => [v.version, v.status, v.corrects])).toStrictEqual([
      [1, "approved", undefined],
      [2, "draft", 1]
    ])
    expect(corrected.minutes[0]!.text).toBe("Протокол (правка черновика)")
    expect(M.minutesInForce(corrected)?.version).toBe(1)
    expect(Meetings.Invariants.approvedMinutesKept(approved, corrected)).toStrictEqual([])
  })

  it("the chair must take part, officials are listed once", () => {
    expect(
      leftOf(decider.decide(new M.ScheduleMeeting({ ...schedule, chair: Ids.OfficialId.make("x") }), M.initialState))
    ).toMatchObject({ rule: "chairNotTakingPart", field: "chair" })
    expect(
      leftOf(decider.decide(new M.ScheduleMeeting({ ...schedule, officials: [mayor, mayor] }), M.initialState))
    ).toMatchObject({ rule: "duplicateOfficial" })
  })

  it("during a suspension only online meetings are held; a hybrid one counts as in person", () => {
    const suspensions = [
      new Meetings.Suspension.SuspensionPeriod({
        from: day("2020-03-08"),
        to: day("2020-03-31"),
        reason: "COVID-19",
        declaredAt: local("2020-03-05T09:00:00")
      })
    ]
    const suspended = M.decider({ timeZone: tz, suspensions })
    const s = Either.getOrThrow(Decider.run(decider, [schedule])).state
    expect(leftOf(Decider.handle(suspended, s, hold))).toMatchObject({ _tag: "SuspendedInPerson", field: "format" })
    const online = Either.getOrThrow(
      Decider.handle(
        suspended,
        s,
        new M.MoveMeetingOnline({
          meeting,
          at: local("2020-03-06T09:00:00"),
          actor,
          link: "https://example.org/online" as Meetings.Venue.OnlineLink
        })
      )
    )
    expect(Either.getOrThrow(Decider.handle(suspended, online.state, hold)).events[0]).toMatchObject({
      _tag: "MeetingHeld",
      format: { _tag: "Online" }
    })
  })

  it("decoding: in person needs an address, online a link, hybrid both", () => {
    const base = {
      _tag: "ScheduleMeeting",
      meeting: "m-1",
      at: "2020-03-02T00:00:00Z",
      actor: "clerk",
      title: "Встреча",
      day: "2020-03-10",
      start: "18:00",
      officials: ["mayor"],
      chair: "mayor"
    }
    expect(
      leftOf(M.decodeCommand({ ...base, format: { _tag: "InPerson", place: { district: "Центральный" } } }))
    ).toMatchObject({ reason: "missing", field: "format.place.address" })
    expect(leftOf(M.decodeCommand({ ...base, format: { _tag: "Online" } }))).toMatchObject({
      reason: "missing",
      field: "format.link"
    })
    expect(leftOf(M.decodeCommand({ ...base, format: { _tag: "Hybrid", link: "https://x.org" } }))).toMatchObject({
      reason: "missing",
      field: "format.place"
    })
    expect(
      Either.isRight(
        M.decodeCommand({
          ...base,
          format: { _tag: "Hybrid", link: "https://x.org", place: { district: "Центральный", address: "пл. Ленина" } }
        })
      )
    ).toBe(true)
  })
})
