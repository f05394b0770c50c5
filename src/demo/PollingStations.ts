/**
 * The demo city's polling stations for the City Duma by-election in
 * district No. 3 (13 September 2020): the stations of the district, each
 * with its premises, precinct commission and responsible officers — the
 * head of the district's administration and the deputy mayor for social
 * affairs, officials of the demo organisation (`City.officials`).
 * Recorded in June 2020, when the election was called; the officers
 * assigned again in August (the deputy mayor added to the larger
 * stations). Seed-independent: they change none of the appeals, plans or
 * figures of the year.
 *
 * @module
 */
import * as PollingStation from "../elections/PollingStation.js"
import * as PollingStationRecords from "../elections/PollingStationRecords.js"
import type { ActorId, CommissionId, OfficialId, PollingStationId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"

/** A polling station with its history (recorded, officers assigned). */
export interface PollingStationRecord {
  readonly kind: "pollingStation"
  readonly history: readonly [PollingStationRecords.Command, ...Array<PollingStationRecords.Command>]
}

const HEAD = "head-district-3" as OfficialId
const DEPUTY = "deputy-mayor-social" as OfficialId
const actor = "organisational-department" as ActorId
/** 10:00 local time (Khabarovsk, UTC+10) of a day. */
const at = (day: string) => new Date(`${Period.unsafeDay(day)}T00:00:00.000Z`)

const STATIONS: ReadonlyArray<{
  readonly number: number
  readonly address: string
  readonly premises: string
  readonly voters: "large" | "small"
}> = [
  { number: 301, address: "ул. Шевченко, 12", premises: "МБОУ СОШ № 3, актовый зал", voters: "large" },
  { number: 302, address: "ул. Ленина, 45", premises: "МАУ ДО «Дом детского творчества», зал", voters: "small" },
  { number: 303, address: "ул. Пушкина, 8", premises: "МБОУ гимназия № 5, спортивный зал", voters: "large" },
  { number: 304, address: "пер. Школьный, 2", premises: "МБУК «Библиотека № 7», читальный зал", voters: "small" },
  { number: 305, address: "ул. Гоголя, 21", premises: "МБОУ СОШ № 12, актовый зал", voters: "large" }
]

/** The polling stations' records of the demo city. */
export const records = (): ReadonlyArray<PollingStationRecord> =>
  STATIONS.map((s) => {
    const id = `ps-${s.number}` as PollingStationId
    const station = new PollingStation.PollingStation({
      id,
      number: s.number,
      address: `г. Демоград, ${s.address}`,
      premises: new PollingStation.Premises({ name: s.premises, address: `г. Демоград, ${s.address}` }),
      commission: `uik-${s.number}` as CommissionId,
      officers: [HEAD]
    })
    const recorded = PollingStationRecords.RecordPollingStation.make({ at: at("2020-06-24"), actor, station })
    return {
      kind: "pollingStation",
      history:
        s.voters === "large"
          ? [
              recorded,
              PollingStationRecords.AssignStationOfficers.make({
                at: at("2020-08-03"),
                actor,
                id,
                officers: [HEAD, DEPUTY]
              })
            ]
          : [recorded]
    }
  })
