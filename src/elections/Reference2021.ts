/**
 * The reference case: three elections prepared by the administration for
 * the single voting day of 19 September 2021, with voting on 17, 18 and
 * 19 September 2021. The voting days, levels, kinds and districts are the
 * reference case's; the calling acts' dates and publication dates of the
 * regional and municipal elections are illustrative.
 *
 * @module
 */
import type { CommissionId, ElectionId } from "../kernel/Ids.js"
import { unsafeDay } from "../kernel/Period.js"
import { CallingDecision, Election } from "./Election.js"

const votingDays = [unsafeDay("2021-09-17"), unsafeDay("2021-09-18"), unsafeDay("2021-09-19")] as const

/** The State Duma of the 8th convocation: federal, regular. */
export const stateDuma = new Election({
  id: "state-duma-2021" as ElectionId,
  level: "federal",
  kind: "regular",
  body: "Государственная Дума Федерального Собрания Российской Федерации восьмого созыва",
  districts: [],
  calling: new CallingDecision({
    act: "Указ Президента Российской Федерации от 17.06.2021 № 367 «О назначении выборов депутатов Государственной Думы Федерального Собрания Российской Федерации восьмого созыва»",
    date: unsafeDay("2021-06-17"),
    publishedOn: unsafeDay("2021-06-18")
  }),
  votingDays: [...votingDays],
  commission: "cec-russia" as CommissionId
})

/** The early election of the Governor of the region: regional, early. */
export const governor = new Election({
  id: "governor-2021" as ElectionId,
  level: "regional",
  kind: "early",
  body: "Губернатор края",
  districts: [],
  calling: new CallingDecision({
    act: "Постановление Законодательной Думы края о назначении досрочных выборов Губернатора края",
    date: unsafeDay("2021-06-14"),
    publishedOn: unsafeDay("2021-06-16")
  }),
  votingDays: [...votingDays],
  commission: "regional-election-commission" as CommissionId
})

/** The by-election to the City Duma in single-mandate district No. 3: municipal, by-election. */
export const cityDumaDistrict3 = new Election({
  id: "city-duma-district-3-2021" as ElectionId,
  level: "municipal",
  kind: "byElection",
  body: "Городская Дума",
  districts: [3],
  calling: new CallingDecision({
    act: "Решение городской Думы о назначении дополнительных выборов депутата городской Думы по одномандатному избирательному округу № 3",
    date: unsafeDay("2021-06-17"),
    publishedOn: unsafeDay("2021-06-22")
  }),
  votingDays: [...votingDays],
  commission: "city-election-commission" as CommissionId
})

/** The three elections of 2021. */
export const elections: ReadonlyArray<Election> = [stateDuma, governor, cityDumaDistrict3]
