import { Redacted } from "effect"
import { Ids, Meetings, Period, TimeZone } from "../../src/index.js"

export const tz = TimeZone.KHABAROVSK
export const actor = Ids.ActorId.make("clerk-1")
export const mayor = Ids.OfficialId.make("mayor")
export const deputy = Ids.OfficialId.make("deputy-1")
export const day = Period.unsafeDay
/** An instant given as local Khabarovsk time (UTC+10). */
export const local = (s: string): Date => new Date(`${s}+10:00`)
export const time = (s: string) => s as Meetings.Venue.LocalTime
export const link = "https://example.org/reception" as Meetings.Venue.OnlineLink
export const place = new Meetings.Venue.Place({ district: "Центральный", address: "ул. Карла Маркса, 66" })
export const topic = "0005.0005.0056.1134" as Meetings.Reception.Topic
export const SECRET_NAME = "Иванова Мария Петровна"
export const SECRET_DOC = "0800 123456"
export const SECRET_CONTENT = "протекает крыша в квартире 12"
export const applicant = new Meetings.Reception.Applicant({
  name: Redacted.make(SECRET_NAME),
  postalAddress: Redacted.make("ул. Ленина, 1, кв. 12"),
  email: Redacted.make("ivanova@example.ru")
})
export const document = new Meetings.Reception.IdentityDocument({
  kind: "passport",
  details: Redacted.make(SECRET_DOC)
})
