import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option, Redacted } from "effect"
import { Appeals, Decider, Ids, Meetings, Organisation } from "../../src/index.js"
import { MeetingsModel } from "../../src/testing/index.js"
import { appealsLoop, registerAppeal } from "./appealsLoop.js"
import { actor, applicant, day, deputy, document, local, mayor, place, time, topic, tz } from "./helpers.js"

const R = Meetings.Reception
const reception = Ids.ReceptionId.make("r-1")
const card = Ids.ReceptionCardId.make("card-1")
const decider = R.decider({ timeZone: tz, suspensions: [] })
const ctx = {
  appealId: Ids.AppealId.make("appeal-100"),
  registrationNumber: Appeals.Appeal.registrationNumber("ОГ", 2020, 100),
  actor,
  at: local("2020-03-05T15:00:00"),
  addressee: Meetings.Loop.addresseeOf(new Organisation.Official({ id: deputy, name: "Заместитель Мэра", position: "deputyMayor" }))
}

describe("Loop: receptions and appeals", () => {
  it("a card's oral appeal is registered in the appeals area (channel oral) and linked both ways", () => {
    const run = Either.getOrThrow(Decider.run(decider, [
      new R.ScheduleReception({ reception, at: local("2020-03-02T09:00:00"), actor, official: deputy, day: day("2020-03-05"), start: time("10:00"), end: time("13:00"), venue: new Meetings.Venue.InPerson({ place }) }),
      new R.RecordCard({ reception, at: local("2020-03-05T10:30:00"), actor, card, applicant, identityDocument: document, content: Redacted.make("протечка крыши"), topics: [topic], answer: new R.OralAppeal() })
    ]))
    const requested = run.events.find((e): e is Meetings.Reception.OralAppealRequested => e._tag === "OralAppealRequested")!
    const command = Meetings.Loop.registerOralAppeal(requested, ctx)
    expect(command).toMatchObject({ _tag: "RegisterOralAppeal", receptionCard: card, receivedBy: deputy, addressee: { _tag: "ToDeputyMayor", official: deputy } })
    const registered = registerAppeal(command)
    expect(registered.appeal.channel).toBe("oral")
    expect(Meetings.Loop.cardOf(registered)).toStrictEqual(Option.some(card))
    const link = Either.getOrThrow(Meetings.Loop.linkOralAppeal(requested, registered))
    const after = Either.getOrThrow(Decider.handle(decider, run.state, link)).state as Meetings.Reception.ReceptionRecord
    expect(after.cards[0]!.outcome).toMatchObject({ _tag: "ToOralAppeal", appeal: "appeal-100" })
    // an appeal from another card is not linked
    const other = new R.OralAppealRequested({ ...requested, card: Ids.ReceptionCardId.make("card-2") })
    expect(Either.isLeft(Meetings.Loop.linkOralAppeal(other, registered))).toBe(true)
  })

  it("a written appeal handed in is registered as written", () => {
    const e = new R.WrittenAppealHandedIn({ reception, at: local("2020-03-05T10:40:00"), on: day("2020-03-05"), actor, card, official: deputy, handIn: 1, applicant, text: Redacted.make("заявление"), topics: [topic] })
    const registered = registerAppeal(Meetings.Loop.registerWrittenAppeal(e, ctx))
    expect(registered.appeal.channel).toBe("written")
    expect(Either.getOrThrow(Meetings.Loop.linkWrittenAppeal(e, registered))).toMatchObject({ card, handIn: 1, appeal: "appeal-100" })
  })

  it("a referred meeting question is registered as written, anonymous when nobody is named", () => {
    const e = new Meetings.Meeting.QuestionReferredAsAppeal({
      meeting: Ids.MeetingId.make("m-1"), at: local("2020-03-10T20:00:00"), on: day("2020-03-10"), actor, question: Ids.QuestionId.make("q-1"), topic, text: "Освещение во дворе", chair: mayor
    })
    const command = Meetings.Loop.registerQuestionAppeal(e, { ...ctx, at: local("2020-03-11T09:00:00") })
    expect(command.applicant).toBeUndefined()
    const registered = registerAppeal(command)
    expect(Either.getOrThrow(Meetings.Loop.linkQuestionAppeal(e, registered))).toMatchObject({ question: "q-1", appeal: "appeal-100" })
  })

  it("model-based runs with the real appeals decider: every card has an oral answer or exactly one oral appeal, linked both ways", () => {
    fc.assert(
      fc.property(fc.commands(MeetingsModel.commands(), { maxCommands: 150, size: "max" }), (cmds) => {
        fc.modelRun(() => MeetingsModel.setup({ loop: appealsLoop(MeetingsModel.memoryLoop) }), cmds)
      }),
      { numRuns: 60 }
    )
  })
})
