/**
 * fast-check arbitraries for the meetings area, derived from its Schemas so
 * a third party's tests draw the same values as cityhall's own.
 *
 * @module
 */
import { Arbitrary, FastCheck as fc, Redacted } from "effect"
import * as Meeting from "../meetings/Meeting.js"
import * as Reception from "../meetings/Reception.js"
import * as Statistics from "../meetings/Statistics.js"
import * as Suspension from "../meetings/Suspension.js"
import * as Venue from "../meetings/Venue.js"

/** Any reception command (not necessarily acceptable). */
export const receptionCommand: fc.Arbitrary<Reception.Command> = Arbitrary.make(Reception.Command)
/** Any reception event. */
export const receptionEvent: fc.Arbitrary<Reception.Event> = Arbitrary.make(Reception.Event)
/** Any reception state. */
export const receptionState: fc.Arbitrary<Reception.State> = Arbitrary.make(Reception.State)
/** Any meeting command. */
export const meetingCommand: fc.Arbitrary<Meeting.Command> = Arbitrary.make(Meeting.Command)
/** Any meeting event. */
export const meetingEvent: fc.Arbitrary<Meeting.Event> = Arbitrary.make(Meeting.Event)
/** Any meeting state. */
export const meetingState: fc.Arbitrary<Meeting.State> = Arbitrary.make(Meeting.State)
/** Any suspension command. */
export const suspensionCommand: fc.Arbitrary<Suspension.Command> = Arbitrary.make(Suspension.Command)
/** Any suspension event. */
export const suspensionEvent: fc.Arbitrary<Suspension.Event> = Arbitrary.make(Suspension.Event)
/** Any meeting format. */
export const meetingFormat: fc.Arbitrary<Venue.MeetingFormat> = Arbitrary.make(Venue.MeetingFormat)
/** Any reception statistics. */
export const receptionStatistics: fc.Arbitrary<Statistics.ReceptionStatistics> = Arbitrary.make(
  Statistics.ReceptionStatistics
)
/** Any meeting statistics. */
export const meetingStatistics: fc.Arbitrary<Statistics.MeetingStatistics> = Arbitrary.make(
  Statistics.MeetingStatistics
)

const SURNAMES = ["Иванов", "Петрова", "Сидоров", "Кузнецова", "Смирнов"] as const

/** A plausible applicant (Cyrillic name, sometimes an address and an e-mail), all `Redacted`. */
export const applicant: fc.Arbitrary<Reception.Applicant> = fc
  .record({
    surname: fc.constantFrom(...SURNAMES),
    n: fc.integer({ min: 1, max: 999 }),
    address: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
    email: fc.boolean()
  })
  .map(
    ({ address, email, n, surname }) =>
      new Reception.Applicant({
        name: Redacted.make(`${surname} ${n}`),
        ...(address === undefined ? {} : { postalAddress: Redacted.make(`ул. Ленина, ${address}`) }),
        ...(email ? { email: Redacted.make(`citizen${n}@example.ru`) } : {})
      })
  )

/** A shown identity document. */
export const identityDocument: fc.Arbitrary<Reception.IdentityDocument> = fc
  .integer({ min: 100000, max: 999999 })
  .map((n) => new Reception.IdentityDocument({ kind: "passport", details: Redacted.make(`0800 ${n}`) }))

/** Topic codes of the city economy and housing (a few, so they repeat). */
export const topic: fc.Arbitrary<Reception.Topic> = fc.constantFrom(
  "0005.0005.0056.1134",
  "0005.0005.0056.1122",
  "0003.0008.0086.0620",
  "0002.0014.0143.0432"
) as fc.Arbitrary<Reception.Topic>
