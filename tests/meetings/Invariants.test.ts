import { describe, expect, it } from "@effect/vitest"
import { Either, Redacted } from "effect"
import { Decider, Ids, Meetings } from "../../src/index.js"
import { actor, applicant, day, deputy, document, local, mayor, place, time, topic, tz } from "./helpers.js"

// The model-based runs show that the deciders keep every invariant; these show that each invariant
// really catches what it names, on states and histories forged to break it.

const R = Meetings.Reception
const M = Meetings.Meeting
const I = Meetings.Invariants
const reception = Ids.ReceptionId.make("r-1")
const meeting = Ids.MeetingId.make("m-1")
const q1 = Ids.QuestionId.make("q-1")
const q2 = Ids.QuestionId.make("q-2")
const at = local("2020-03-05T20:00:00")

const receptionDecider = R.decider({ timeZone: tz, suspensions: [] })
const meetingDecider = M.decider({ timeZone: tz, suspensions: [] })

const slot = new R.ScheduleReception({
  reception,
  at: local("2020-03-02T09:00:00"),
  actor,
  official: deputy,
  day: day("2020-03-05"),
  start: time("10:00"),
  end: time("13:00"),
  venue: new Meetings.Venue.InPerson({ place })
})
const cardOf = (id: string, answer: Meetings.Reception.CardAnswer) =>
  new R.RecordCard({
    reception,
    at: local("2020-03-05T10:30:00"),
    actor,
    card: Ids.ReceptionCardId.make(id),
    applicant,
    identityDocument: document,
    content: Redacted.make("вопрос"),
    topics: [topic],
    answer
  })
const oral = new R.OralAnswer({ applicantConsented: true, factsObvious: true, summary: Redacted.make("разъяснено") })

/** A reception on 5 March 2020 with card c-1 answered orally and card c-2 become an oral appeal linked to appeal-2. */
const receptionState = () =>
  Either.getOrThrow(
    Decider.run(receptionDecider, [
      slot,
      cardOf("c-1", oral),
      cardOf("c-2", new R.OralAppeal()),
      new R.LinkOralAppeal({
        reception,
        at,
        actor,
        card: Ids.ReceptionCardId.make("c-2"),
        appeal: Ids.AppealId.make("appeal-2")
      })
    ])
  ).state as Meetings.Reception.ReceptionRecord
const withCards = (r: Meetings.Reception.ReceptionRecord, cards: ReadonlyArray<Meetings.Reception.Card>) =>
  new R.ReceptionRecord({ ...r, cards }, true)
const withCard = (c: Meetings.Reception.Card, patch: Partial<Meetings.Reception.Card>) =>
  new R.Card({ ...c, ...patch }, true)

/** A meeting held on 5 March 2020: q-1 instructed (i-1 to housing), q-2 answered on the spot, minutes v1 approved. */
const meetingRun = () =>
  Either.getOrThrow(
    Decider.run(meetingDecider, [
      new M.ScheduleMeeting({
        meeting,
        at: local("2020-03-02T09:00:00"),
        actor,
        title: "Встреча",
        day: day("2020-03-05"),
        start: time("18:00"),
        format: new Meetings.Venue.InPerson({ place }),
        officials: [mayor, deputy],
        chair: mayor
      }),
      new M.HoldMeeting({
        meeting,
        at,
        actor,
        heldAt: local("2020-03-05T18:00:00"),
        attendance: new M.Attendance({ count: 40 })
      }),
      new M.RaiseQuestion({ meeting, at, actor, question: q1, topic, text: "Кровля" }),
      new M.RaiseQuestion({ meeting, at, actor, question: q2, topic, text: "Двор" }),
      new M.DisposeQuestion({
        meeting,
        at,
        actor,
        question: q1,
        disposition: new M.Instruct({
          instruction: Ids.InstructionId.make("i-1"),
          division: Ids.DivisionId.make("housing"),
          deadline: day("2020-04-20"),
          text: "Обследовать кровлю"
        })
      }),
      new M.LinkInstructionActivity({
        meeting,
        at,
        actor,
        question: q1,
        plan: Ids.PlanId.make("monthly-2020-04"),
        activity: Ids.ActivityId.make("act-1")
      }),
      new M.DisposeQuestion({
        meeting,
        at,
        actor,
        question: q2,
        disposition: new M.AnswerOnTheSpot({ answer: "В плане", by: deputy })
      }),
      new M.CloseMeeting({ meeting, at, actor }),
      new M.DraftMinutes({ meeting, at, actor, text: "Протокол" }),
      new M.ApproveMinutes({ meeting, at, actor, by: mayor })
    ])
  )
const record = (patch: Partial<Meetings.Meeting.MeetingRecord>) =>
  new M.MeetingRecord({ ...(meetingRun().state as Meetings.Meeting.MeetingRecord), ...patch }, true)
const theActivity = {
  plan: "monthly-2020-04",
  activity: "act-1",
  origin: { _tag: "MeetingQuestion", meeting, question: q1 },
  division: "housing",
  planKind: "monthly"
}

describe("Invariants catch what they name", () => {
  it("the states the deciders made keep every invariant", () => {
    const r = receptionState()
    const m = meetingRun()
    expect(I.reception(r)).toStrictEqual([])
    expect(I.meeting(m.state)).toStrictEqual([])
    expect(I.meetingHistory(m.events)).toStrictEqual([])
    expect(I.citizensReceivedAreCards([r])).toStrictEqual([])
    expect(
      I.cardsHaveOneOralAppeal(
        [r],
        [{ appealId: Ids.AppealId.make("appeal-2"), channel: "oral", receptionCard: Ids.ReceptionCardId.make("c-2") }]
      )
    ).toStrictEqual([])
    expect(I.instructionsHaveOneActivity([m.state], [theActivity])).toStrictEqual([])
    expect(I.nothingInPersonSuspended([], [r], [m.state])).toStrictEqual([])
  })

  it("a meeting held twice, or recorded as held before it happened", () => {
    const { events } = meetingRun()
    const held = events.find((e): e is Meetings.Meeting.MeetingHeld => e._tag === "MeetingHeld")!
    expect(I.meetingHistory([...events, held])).toStrictEqual([`meeting ${meeting} is held twice`])
    const future = new M.MeetingHeld({ ...held, heldAt: local("2020-03-05T21:00:00") })
    expect(I.meetingHistory([future])).toStrictEqual([
      `meeting ${meeting} is recorded as held in the future of its recording`
    ])
  })

  it("a closed meeting with a question without a disposition; minutes approved by someone other than the chair; approved minutes changed", () => {
    const m = meetingRun().state as Meetings.Meeting.MeetingRecord
    const open = record({
      questions: [
        ...m.questions,
        new M.Question({ question: Ids.QuestionId.make("q-3"), topic, text: "Автобус", raisedAt: at }, true)
      ]
    })
    expect(I.meeting(open)).toStrictEqual([`meeting ${meeting} is closed with questions without a disposition`])
    const byDeputy = record({ minutes: [new M.MinutesVersion({ ...m.minutes[0]!, approvedBy: deputy }, true)] })
    expect(I.meeting(byDeputy)).toStrictEqual([
      `minutes of meeting ${meeting}: version 1 approved by someone other than the chair`
    ])
    const rewritten = record({
      minutes: [new M.MinutesVersion({ ...m.minutes[0]!, text: "Протокол (переписан)" }, true)]
    })
    expect(I.approvedMinutesKept(m, rewritten)).toStrictEqual([
      `approved minutes version 1 of meeting ${meeting} changed`
    ])
  })

  it("a card answered orally without consent or on facts that are not obvious; a card twice", () => {
    const r = receptionState()
    const [c1, c2] = [r.cards[0]!, r.cards[1]!]
    for (const [consent, obvious] of [
      [false, true],
      [true, false]
    ] as const) {
      const bad = withCard(c1, {
        outcome: new R.AnsweredOrally(
          { applicantConsented: consent, factsObvious: obvious, summary: Redacted.make("x") },
          true
        )
      })
      expect(I.reception(withCards(r, [bad, c2]))).toStrictEqual([
        `card c-1 was answered orally without the applicant's consent or on facts that are not obvious`
      ])
    }
    expect(I.reception(withCards(r, [c1, c1]))).toStrictEqual([`card c-1 appears twice in reception ${reception}`])
  })

  it("a card with no oral appeal, two oral appeals, an appeal not oral, or an oral answer and an appeal", () => {
    const r = receptionState()
    const c2 = Ids.ReceptionCardId.make("c-2")
    const appeal = (id: string, channel = "oral", card: string = c2) => ({
      appealId: Ids.AppealId.make(id),
      channel,
      receptionCard: Ids.ReceptionCardId.make(card)
    })
    expect(I.cardsHaveOneOralAppeal([r], [])).toStrictEqual([
      "card c-2 is not linked both ways to exactly one oral appeal"
    ])
    expect(I.cardsHaveOneOralAppeal([r], [], false)).toStrictEqual([])
    expect(I.cardsHaveOneOralAppeal([r], [appeal("appeal-2"), appeal("appeal-3")])).toStrictEqual([
      "card c-2 has 2 oral appeals",
      "card c-2 is not linked both ways to exactly one oral appeal"
    ])
    expect(I.cardsHaveOneOralAppeal([r], [appeal("appeal-2", "written")])).toStrictEqual([
      "card c-2 has an appeal not registered as oral"
    ])
    expect(I.cardsHaveOneOralAppeal([r], [appeal("appeal-2"), appeal("appeal-9", "oral", "c-1")])).toStrictEqual([
      "card c-1 was answered orally but has an oral appeal"
    ])
  })

  it("an instruction with no activity, two, one of another division, or one outside a monthly plan", () => {
    const m = meetingRun().state
    expect(I.instructionsHaveOneActivity([m], [])).toStrictEqual([
      "instruction i-1 is not linked both ways to exactly one activity"
    ])
    expect(I.instructionsHaveOneActivity([m], [theActivity, { ...theActivity, activity: "act-2" }])).toStrictEqual([
      "instruction i-1 has 2 activities",
      "instruction i-1 is not linked both ways to exactly one activity"
    ])
    expect(I.instructionsHaveOneActivity([m], [{ ...theActivity, division: "roads" }])).toStrictEqual([
      "instruction i-1 to housing has activity act-1 of another division (roads)"
    ])
    expect(I.instructionsHaveOneActivity([m], [{ ...theActivity, planKind: "annual" }])).toStrictEqual([
      "instruction i-1 has activity act-1 in a annual plan, not a monthly one"
    ])
    expect(
      I.instructionsHaveOneActivity(
        [m],
        [{ ...theActivity, origin: { _tag: "MeetingQuestion", meeting, question: q2 } }, theActivity]
      )
    ).toStrictEqual([`question ${q2} of meeting ${meeting} has an activity but no instruction`])
  })

  it("something in person on a suspended day", () => {
    const suspended = [
      new Meetings.Suspension.SuspensionPeriod({
        from: day("2020-03-05"),
        to: day("2020-03-31"),
        reason: "COVID-19",
        declaredAt: local("2020-03-04T09:00:00")
      })
    ]
    expect(I.nothingInPersonSuspended(suspended, [receptionState()], [meetingRun().state])).toStrictEqual([
      "card c-1: an in-person reception on suspended 2020-03-05",
      "card c-2: an in-person reception on suspended 2020-03-05",
      `meeting ${meeting}: held in person on suspended 2020-03-05`
    ])
  })

  it("counts that do not reconcile", () => {
    const r = receptionState()
    // a card whose format is neither in person nor online (a corrupt row): the statistics count it online
    const odd = withCard(r.cards[0]!, { format: "hybrid" as Meetings.Reception.ReceptionFormat })
    expect(I.citizensReceivedAreCards([withCards(r, [odd, r.cards[1]!])])).toStrictEqual([
      "citizens received online 1 but 0 online cards"
    ])
    // a card outside the years the statistics cover is not counted there
    const early = withCard(r.cards[0]!, { day: "1000-01-01" as Meetings.Reception.Card["day"] })
    expect(I.citizensReceivedAreCards([withCards(r, [early, r.cards[1]!])])).toStrictEqual([
      "citizens received 1 but 2 reception cards",
      "citizens received in person 1 but 2 in-person cards",
      "citizens received by deputy-1 1 but 2 of their cards"
    ])
  })
})
