/**
 * Arbitraries of reception and meeting commands for the conformance kit:
 * slots and meetings of three officials over a few days of March 2020 (in
 * Khabarovsk time), cards, hand-ins, refusals, holding, questions and their
 * dispositions at instants around those days — most accepted in typical
 * states, some refused (a card before the slot's day, a question at a
 * meeting not held).
 */
import { FastCheck as fc, Redacted } from "effect"
import type { ActorId, AppealId, DivisionId, InstructionId, MeetingId, OfficialId, QuestionId, ReceptionCardId, ReceptionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Meeting from "../../src/meetings/Meeting.js"
import * as Reception from "../../src/meetings/Reception.js"
import { Hybrid, InPerson, type LocalTime, Online, type OnlineLink, Place } from "../../src/meetings/Venue.js"
import * as MA from "../../src/testing/MeetingsArbitraries.js"

const actor = "clerk-1" as ActorId
const OFFICIALS = ["mayor", "deputy-1", "deputy-2"].map((o) => o as OfficialId)
const PLACE = new Place({ district: "Центральный", address: "ул. Карла Маркса, 66" })
const LINK = "https://example.org/live" as OnlineLink
const HOUR = 3_600_000
// 2020-03-10 00:00 in Khabarovsk (UTC+10) and the following days
const START = Date.UTC(2020, 2, 9, 14)
const day = fc.integer({ min: 0, max: 1 }).map((d) => Period.addDays(Period.unsafeDay("2020-03-10"), d))
const at = fc.integer({ min: -24, max: 5 * 24 }).map((h) => new Date(START + h * HOUR))
const official = fc.constantFrom(...OFFICIALS)
const card = fc.integer({ min: 0, max: 5 }).map((n) => `card-${n}` as ReceptionCardId)

/** The reception streams commands are spread over. */
export const receptionIds: ReadonlyArray<string> = ["reception-1", "reception-2"]
/** The meeting streams commands are spread over. */
export const meetingIds: ReadonlyArray<string> = ["meeting-1", "meeting-2"]

const rmeta = fc.record({ reception: fc.constantFrom(...receptionIds.map((r) => r as ReceptionId)), at, actor: fc.constant(actor) })

/** A reception command. */
export const receptionCommand: fc.Arbitrary<Reception.Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(rmeta, official, day, fc.boolean()).map(
      ([m, official, day, online]) =>
        new Reception.ScheduleReception({
          ...m,
          official,
          day,
          start: "10:00" as LocalTime,
          end: "13:00" as LocalTime,
          venue: online ? new Online({ link: LINK }) : new InPerson({ place: PLACE })
        })
    )
  },
  {
    weight: 5,
    arbitrary: fc.tuple(rmeta, card, fc.boolean(), MA.applicant, MA.identityDocument, MA.topic).map(
      ([m, card, oral, applicant, identityDocument, topic]) =>
        new Reception.RecordCard({
          ...m,
          card,
          applicant,
          identityDocument,
          content: Redacted.make("ремонт кровли дома"),
          topics: [topic],
          answer: oral ? new Reception.OralAnswer({ applicantConsented: true, factsObvious: true, summary: Redacted.make("разъяснён порядок") }) : new Reception.OralAppeal()
        })
    )
  },
  {
    weight: 2,
    arbitrary: fc.tuple(rmeta, card, MA.topic).map(
      ([m, card, topic]) => new Reception.HandInWrittenAppeal({ ...m, card, text: Redacted.make("письменное обращение о благоустройстве"), topics: [topic] })
    )
  },
  {
    weight: 1,
    arbitrary: fc.tuple(rmeta, MA.applicant, MA.topic).map(
      ([m, applicant, topic]) =>
        new Reception.RefuseRepeatReception({ ...m, applicant, topics: [topic], reference: "appeal-earlier" as AppealId, answeredOn: Period.unsafeDay("2020-01-20") })
    )
  },
  { weight: 1, arbitrary: rmeta.map((m) => new Reception.MoveReceptionOnline({ ...m, link: LINK })) },
  { weight: 1, arbitrary: fc.tuple(rmeta, day).map(([m, day]) => new Reception.PostponeReception({ ...m, day, start: "15:00" as LocalTime, end: "17:00" as LocalTime })) },
  { weight: 1, arbitrary: rmeta.map((m) => new Reception.CancelReception({ ...m, reason: "болезнь" })) },
  { weight: 1, arbitrary: rmeta.map((m) => new Reception.CloseReception(m)) }
)

const mmeta = fc.record({ meeting: fc.constantFrom(...meetingIds.map((m) => m as MeetingId)), at, actor: fc.constant(actor) })
const question = fc.integer({ min: 0, max: 2 }).map((n) => `q-${n}` as QuestionId)

/** A meeting command. */
export const meetingCommand: fc.Arbitrary<Meeting.Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(mmeta, day, fc.constantFrom(0, 1, 2), official).map(
      ([m, day, format, chair]) =>
        new Meeting.ScheduleMeeting({
          ...m,
          title: "Благоустройство дворов",
          day,
          start: "18:00" as LocalTime,
          format: format === 0 ? new InPerson({ place: PLACE }) : format === 1 ? new Online({ link: LINK }) : new Hybrid({ place: PLACE, link: LINK }),
          officials: [OFFICIALS[1]!, OFFICIALS[2]!],
          chair
        })
    )
  },
  {
    weight: 3,
    // held on one of the days at 18:00..20:00 local time, recorded up to two days later
    arbitrary: fc
      .tuple(mmeta, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 * HOUR }), fc.integer({ min: 0, max: 48 * HOUR }), fc.integer({ min: 0, max: 200 }))
      .map(([m, d, minutes, delay, count]) => {
        const heldAt = START + d * 24 * HOUR + 18 * HOUR + minutes
        return new Meeting.HoldMeeting({ ...m, at: new Date(heldAt + delay), heldAt: new Date(heldAt), attendance: new Meeting.Attendance({ count }) })
      })
  },
  {
    weight: 4,
    arbitrary: fc.tuple(mmeta, question, MA.topic).map(([m, question, topic]) => new Meeting.RaiseQuestion({ ...m, question, topic, text: "Когда отремонтируют двор?" }))
  },
  {
    weight: 3,
    arbitrary: fc.tuple(mmeta, question, fc.constantFrom(0, 1, 2), official, day).map(
      ([m, question, kind, by, deadline]) =>
        new Meeting.DisposeQuestion({
          ...m,
          question,
          disposition:
            kind === 0
              ? new Meeting.AnswerOnTheSpot({ answer: "Ремонт включён в план на июнь", by })
              : kind === 1
                ? new Meeting.Instruct({
                    instruction: `${m.meeting}-${question}` as InstructionId,
                    division: "housing" as DivisionId,
                    deadline: Period.addDays(deadline, 30),
                    text: "Обследовать двор"
                  })
                : new Meeting.ReferAsAppeal()
        })
    )
  },
  { weight: 1, arbitrary: mmeta.map((m) => new Meeting.CloseMeeting(m)) },
  { weight: 1, arbitrary: mmeta.map((m) => new Meeting.MoveMeetingOnline({ ...m, link: LINK })) },
  { weight: 1, arbitrary: mmeta.map((m) => new Meeting.CancelMeeting({ ...m, reason: "перенос" })) }
)
