import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Redacted } from "effect"
import { Decider, Ids, Meetings, Period } from "../../src/index.js"
import { actor, applicant, day, deputy, document, local, mayor, place, time, topic, tz } from "./helpers.js"

const R = Meetings.Reception
const S = Meetings.Statistics

describe("Statistics", () => {
  it("161 citizens in 2020 against 328 in 2019 is -50.9 %", () => {
    expect(S.changePercent(328, 161)).toBe(-50.9)
    expect(S.change(328, 161)).toMatchObject({ previous: 328, current: 161, changePercent: -50.9 })
    expect(S.changePercent(0, 5)).toBeUndefined()
    expect(Object.is(S.changePercent(1000, 1000), 0)).toBe(true)
  })

  it("the worked example from the cards: 328 received in 2019 (in person), 161 in 2020 (online from 28 March) is -50.9 %", () => {
    const d = R.decider({ timeZone: tz, suspensions: [] })
    const onlineFrom = day("2020-03-28")
    /** Weekly slots from 15 January, eight citizens each, alternately the Mayor's and a deputy's. */
    const year = (y: number, people: number) => {
      const states: Array<Meetings.Reception.State> = []
      for (let i = 0, n = 0; n < people; i++) {
        const reception = Ids.ReceptionId.make(`r-${y}-${i}`)
        const on = Period.addDays(day(`${y}-01-15`), 7 * i)
        const venue =
          on >= onlineFrom
            ? new Meetings.Venue.Online({ link: "https://example.org/r" as Meetings.Venue.OnlineLink })
            : new Meetings.Venue.InPerson({ place })
        const commands: Array<Meetings.Reception.Command> = [
          new R.ScheduleReception({
            reception,
            at: local(`${y}-01-09T09:00:00`),
            actor,
            official: i % 2 === 0 ? mayor : deputy,
            day: on,
            start: time("10:00"),
            end: time("13:00"),
            venue
          })
        ]
        for (let k = 0; k < 8 && n < people; k++, n++) {
          commands.push(
            new R.RecordCard({
              reception,
              at: local(`${on}T11:00:00`),
              actor,
              card: Ids.ReceptionCardId.make(`${reception}-${k}`),
              applicant,
              identityDocument: document,
              content: Redacted.make("вопрос"),
              topics: [topic],
              answer: new R.OralAppeal()
            })
          )
        }
        states.push(Either.getOrThrow(Decider.run(d, commands)).state)
      }
      return states
    }
    const all = [...year(2019, 328), ...year(2020, 161)]
    const y2019 = S.receptionStatistics(all, Period.unsafeYear("2019"))
    const y2020 = S.receptionStatistics(all, Period.unsafeYear("2020"))
    expect([y2019.total, y2019.inPerson, y2019.online]).toStrictEqual([328, 328, 0])
    expect(y2020.total).toBe(161)
    expect(y2020.online).toBeGreaterThan(0)
    expect(y2020.inPerson + y2020.online).toBe(161)
    const cmp = S.compareReceptions(y2019, y2020)
    expect(cmp.total).toStrictEqual(new S.Change({ previous: 328, current: 161, changePercent: -50.9 }))
    expect(cmp.online).toStrictEqual(new S.Change({ previous: 0, current: y2020.online }))
    expect(Meetings.Invariants.citizensReceivedAreCards(all)).toStrictEqual([])
  })

  it("meetings compared with the previous year: held, attendance, questions", () => {
    const stats = (held: number, attendance: number, questions: number) =>
      new S.MeetingStatistics({
        period: Period.unsafeYear("2020"),
        held,
        attendance,
        questions,
        byTopic: {},
        byFormat: new S.ByFormat({ inPerson: held, online: 0, hybrid: 0 }),
        byDisposition: new S.ByDisposition({ answeredOnTheSpot: questions, instruction: 0, appeal: 0, none: 0 })
      })
    const cmp = S.compareMeetings(stats(24, 1200, 96), stats(11, 430, 52))
    expect(cmp.held).toStrictEqual(new S.Change({ previous: 24, current: 11, changePercent: -54.2 }))
    expect(cmp.attendance).toStrictEqual(new S.Change({ previous: 1200, current: 430, changePercent: -64.2 }))
    expect(cmp.questions).toStrictEqual(new S.Change({ previous: 96, current: 52, changePercent: -45.8 }))
    expect(S.compareMeetings(stats(0, 0, 0), stats(3, 90, 7)).held).toStrictEqual(
      new S.Change({ previous: 0, current: 3 })
    )
  })

  it.prop(
    "the change is the rounded relative difference",
    [fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100_000 })],
    ([p, c]) => {
      const pct = S.changePercent(p, c)!
      expect(Math.abs(pct - ((c - p) / p) * 100)).toBeLessThanOrEqual(0.05 + 1e-9)
    }
  )

  it("citizens received per official and by format, from the cards; refusals apart", () => {
    const d = R.decider({ timeZone: tz, suspensions: [] })
    const slot = (reception: string, official: Ids.OfficialId, dayS: string, online: boolean) =>
      new R.ScheduleReception({
        reception: Ids.ReceptionId.make(reception),
        at: local("2020-01-09T09:00:00"),
        actor,
        official,
        day: day(dayS),
        start: time("10:00"),
        end: time("12:00"),
        venue: online
          ? new Meetings.Venue.Online({ link: "https://example.org/r" as Meetings.Venue.OnlineLink })
          : new Meetings.Venue.InPerson({ place })
      })
    const card = (reception: string, id: string, dayS: string, oral: boolean) =>
      new R.RecordCard({
        reception: Ids.ReceptionId.make(reception),
        at: local(`${dayS}T11:00:00`),
        actor,
        card: Ids.ReceptionCardId.make(id),
        applicant,
        identityDocument: document,
        content: Redacted.make("вопрос"),
        topics: [topic],
        answer: oral
          ? new R.OralAnswer({ applicantConsented: true, factsObvious: true, summary: Redacted.make("ответ") })
          : new R.OralAppeal()
      })
    const a = Either.getOrThrow(
      Decider.run(d, [
        slot("a", mayor, "2020-02-13", false),
        card("a", "a1", "2020-02-13", true),
        card("a", "a2", "2020-02-13", false)
      ])
    ).state
    const b = Either.getOrThrow(
      Decider.run(d, [
        slot("b", deputy, "2020-05-14", true),
        card("b", "b1", "2020-05-14", false),
        new R.RefuseRepeatReception({
          reception: Ids.ReceptionId.make("b"),
          at: local("2020-05-14T11:30:00"),
          actor,
          applicant,
          topics: [topic],
          reference: Ids.AppealId.make("x"),
          answeredOn: day("2020-01-20")
        })
      ])
    ).state
    const c = Either.getOrThrow(
      Decider.run(d, [slot("c", deputy, "2021-01-14", false), card("c", "c1", "2021-01-14", false)])
    ).state
    const y2020 = S.receptionStatistics([a, b, c], Period.unsafeYear("2020"))
    expect(y2020).toMatchObject({ total: 3, inPerson: 2, online: 1, answeredOrally: 1, oralAppeals: 2, refusals: 1 })
    expect(y2020.byOfficial.map((o) => [o.official, o.total, o.inPerson, o.online])).toStrictEqual([
      ["deputy-1", 1, 0, 1],
      ["mayor", 2, 2, 0]
    ])
    expect(S.receptionStatistics([a, b, c], Period.unsafeMonth("2020-05")).total).toBe(1)
    expect(Meetings.Invariants.citizensReceivedAreCards([a, b, c])).toStrictEqual([])
    const cmp = S.compareReceptions(S.receptionStatistics([c], Period.unsafeYear("2021")), y2020)
    expect(cmp.total).toMatchObject({ previous: 1, current: 3, changePercent: 200 })
  })

  it("meetings held, attendance, questions by topic and by disposition", () => {
    const M = Meetings.Meeting
    const d = M.decider({ timeZone: tz, suspensions: [] })
    const meeting = Ids.MeetingId.make("m")
    const at = local("2020-02-20T20:00:00")
    const q = (n: number) => Ids.QuestionId.make(`q-${n}`)
    const state = Either.getOrThrow(
      Decider.run(d, [
        new M.ScheduleMeeting({
          meeting,
          at: local("2020-02-01T09:00:00"),
          actor,
          title: "Встреча",
          day: day("2020-02-20"),
          start: time("18:00"),
          format: new Meetings.Venue.InPerson({ place }),
          officials: [mayor],
          chair: mayor
        }),
        new M.HoldMeeting({
          meeting,
          at,
          actor,
          heldAt: local("2020-02-20T18:00:00"),
          attendance: new M.Attendance({ count: 60 })
        }),
        new M.RaiseQuestion({ meeting, at, actor, question: q(1), topic, text: "Двор" }),
        new M.RaiseQuestion({ meeting, at, actor, question: q(2), topic, text: "Крыша" }),
        new M.RaiseQuestion({
          meeting,
          at,
          actor,
          question: q(3),
          topic: "0003.0008.0086.0620" as Meetings.Reception.Topic,
          text: "Автобус"
        }),
        new M.DisposeQuestion({
          meeting,
          at,
          actor,
          question: q(1),
          disposition: new M.AnswerOnTheSpot({ answer: "В плане", by: mayor })
        }),
        new M.DisposeQuestion({
          meeting,
          at,
          actor,
          question: q(2),
          disposition: new M.Instruct({
            instruction: Ids.InstructionId.make("i"),
            division: Ids.DivisionId.make("housing"),
            deadline: day("2020-03-31"),
            text: "Осмотреть"
          })
        })
      ])
    ).state
    const st = S.meetingStatistics([state, M.initialState], Period.unsafeYear("2020"))
    expect(st).toMatchObject({
      held: 1,
      attendance: 60,
      questions: 3,
      byFormat: { inPerson: 1, online: 0, hybrid: 0 },
      byDisposition: { answeredOnTheSpot: 1, instruction: 1, appeal: 0, none: 1 }
    })
    expect(st.byTopic).toStrictEqual({ [topic]: 2, "0003.0008.0086.0620": 1 })
    expect(S.meetingStatistics([state], Period.unsafeYear("2019")).held).toBe(0)
  })
})
