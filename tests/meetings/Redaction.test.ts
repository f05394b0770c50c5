import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Redacted } from "effect"
import { inspect } from "node:util"
import { Decider, Ids, Meetings } from "../../src/index.js"
import { MeetingsArbitraries } from "../../src/testing/index.js"
import { actor, applicant, day, deputy, document, local, place, SECRET_CONTENT, SECRET_DOC, SECRET_NAME, time, topic, tz } from "./helpers.js"

const R = Meetings.Reception
const printed = (x: unknown): ReadonlyArray<string> => [String(x), JSON.stringify(x), inspect(x, { depth: 10 })]

describe("personal data never prints", () => {
  const reception = Ids.ReceptionId.make("r")
  const d = R.decider({ timeZone: tz, suspensions: [] })
  const schedule = new R.ScheduleReception({ reception, at: local("2020-03-02T09:00:00"), actor, official: deputy, day: day("2020-03-05"), start: time("10:00"), end: time("13:00"), venue: new Meetings.Venue.InPerson({ place }) })
  const card = (answer: Meetings.Reception.CardAnswer) =>
    new R.RecordCard({ reception, at: local("2020-03-05T10:30:00"), actor, card: Ids.ReceptionCardId.make("c"), applicant, identityDocument: document, content: Redacted.make(SECRET_CONTENT), topics: [topic], answer })

  it("events, states, commands and errors of a reception card", () => {
    const run = Either.getOrThrow(Decider.run(d, [schedule, card(new R.OralAppeal())]))
    const rejected = Decider.handle(d, run.state, card(new R.OralAnswer({ applicantConsented: false, factsObvious: true, summary: Redacted.make(SECRET_CONTENT) })))
    for (const x of [...run.events, run.state, card(new R.OralAppeal()), rejected]) {
      for (const s of printed(x)) {
        expect(s).not.toContain(SECRET_NAME)
        expect(s).not.toContain(SECRET_DOC)
        expect(s).not.toContain(SECRET_CONTENT)
        expect(s).not.toContain("ivanova@example.ru")
      }
    }
  })

  it.prop("any generated applicant is redacted in any printed reception event", [MeetingsArbitraries.applicant], ([a]) => {
    const e = new R.RepeatReceptionRefused({ reception, at: local("2020-03-05T10:00:00"), on: day("2020-03-05"), actor, applicant: a, topics: [topic], reference: Ids.AppealId.make("a"), answeredOn: day("2020-01-01") })
    for (const s of printed(e)) expect(s).not.toContain(Redacted.value(a.name))
  })

  it.prop("meeting rosters and askers are redacted", [fc.constantFrom("Петрова А. А.", "Сидоров Б. В.")], ([name]) => {
    const e = new Meetings.Meeting.QuestionRaised({ meeting: Ids.MeetingId.make("m"), at: local("2020-03-05T10:00:00"), on: day("2020-03-05"), actor, question: Ids.QuestionId.make("q"), topic, text: "Двор", askedBy: Redacted.make(name) })
    const a = new Meetings.Meeting.Attendance({ count: 1, roster: [Redacted.make(name)] })
    for (const s of [...printed(e), ...printed(a)]) expect(s).not.toContain(name)
  })
})
