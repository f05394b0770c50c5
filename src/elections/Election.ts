/**
 * An election the administration prepares: its level (federal, regional,
 * municipal), kind (regular, early, by-election), the body or office
 * elected, the single-mandate districts concerned, the decision calling it
 * (act, date, publication date), its voting day or days (up to three
 * consecutive days) and the commission organising it.
 *
 * The voting days of multi-day voting are listed in order; rules anchored
 * on "the voting day" say whether they count from the first or the last of
 * them (see {@link Rule}).
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections } from "cityhall"
 *
 * const duma = Elections.Election.decode({
 *   id: "state-duma-2021",
 *   level: "federal",
 *   kind: "regular",
 *   body: "Государственная Дума Федерального Собрания Российской Федерации восьмого созыва",
 *   districts: [],
 *   calling: { act: "Указ Президента Российской Федерации от 17.06.2021 № 367", date: "2021-06-17", publishedOn: "2021-06-18" },
 *   votingDays: ["2021-09-17", "2021-09-18", "2021-09-19"],
 *   commission: "cec"
 * })
 * if (Either.isRight(duma)) Elections.Election.lastVotingDay(duma.right) // "2021-09-19"
 * ```
 *
 * @module
 */
import { Arbitrary, type FastCheck, Schema } from "effect"
import { CommissionId, ElectionId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import { decoder } from "./internal/decode.js"
import { invalid } from "./InvalidElectionInput.js"

/** A non-empty trimmed text of at most 500 characters. */
export const Text = Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(500))

/** Level of an election: federal, regional (subject of the Federation), municipal. */
export const Level = Schema.Literal("federal", "regional", "municipal")
/** @see Level */
export type Level = typeof Level.Type

/** Kind of an election: regular (очередные), early (досрочные), by-election (дополнительные). */
export const Kind = Schema.Literal("regular", "early", "byElection")
/** @see Kind */
export type Kind = typeof Kind.Type

/** The decision calling an election: the act, the day it was adopted, the day of its official publication. */
export class CallingDecision extends Schema.Class<CallingDecision>("CallingDecision")({
  act: Text,
  date: Day,
  publishedOn: Day
}) {}

/** Whether days are consecutive calendar days, in order. */
const consecutive = (days: ReadonlyArray<Day>): boolean =>
  days.every((d, i) => i === 0 || Period.daysBetween(days[i - 1]!, d) === 1)

/**
 * The voting day, or up to three consecutive voting days in order
 * (multi-day voting, 67-FZ art. 63.1).
 */
export const VotingDays = Schema.NonEmptyArray(Day).pipe(
  Schema.filter((days) => days.length <= 3 && consecutive(days), {
    message: () => "expected one voting day or up to three consecutive days in order"
  }),
  Schema.annotations({
    identifier: "VotingDays",
    arbitrary: () => (fc) =>
      fc.tuple(votingStart(fc), fc.integer({ min: 1, max: 3 })).map(([d, n]) => votingDaysFrom(d, n))
  })
)

/** Voting days starting on `first`, `count` (1..3) consecutive days. */
export const votingDaysFrom = (first: Day, count: number): readonly [Day, ...Array<Day>] => {
  const rest: Array<Day> = []
  for (let i = 1; i < Math.min(3, Math.max(1, count)); i++) rest.push(Period.addDays(first, i))
  return [first, ...rest]
}

/** First voting days drawn by the arbitraries: 1950..2150, far from the ends of the representable range. */
const votingStart = (fc: typeof FastCheck): FastCheck.Arbitrary<Day> =>
  fc
    .integer({
      min: Period.epochDay(Period.unsafeDay("1950-01-01")),
      max: Period.epochDay(Period.unsafeDay("2150-01-01"))
    })
    .map(Period.fromEpochDay)
/** @see VotingDays */
export type VotingDays = typeof VotingDays.Type

/** A single-mandate district number (одномандатный избирательный округ № N). */
export const DistrictNumber = Schema.Int.pipe(Schema.between(1, 999))

const ElectionFields = Schema.Struct({
  id: ElectionId,
  level: Level,
  kind: Kind,
  /** The body (Государственная Дума, городская Дума) or office (Губернатор) elected. */
  body: Text,
  /** Single-mandate district numbers concerned; empty when the whole territory votes. */
  districts: Schema.Array(DistrictNumber),
  calling: CallingDecision,
  votingDays: VotingDays,
  /** The commission organising the election. */
  commission: CommissionId
})

/** An election. Its calling decision is adopted and published no later than its first voting day. */
export class Election extends Schema.Class<Election>("Election")(
  ElectionFields.pipe(
    Schema.filter((e) => {
      if (e.calling.date > e.calling.publishedOn) {
        return {
          path: ["calling", "publishedOn"],
          message: "the calling decision cannot be published before it is adopted"
        }
      }
      if (e.calling.publishedOn >= e.votingDays[0]) {
        return {
          path: ["calling", "publishedOn"],
          message: "the calling decision must be published before the first voting day"
        }
      }
      if (e.kind === "byElection" && e.districts.length === 0) {
        return { path: ["districts"], message: "a by-election is held in at least one single-mandate district" }
      }
      if (new Set(e.districts).size !== e.districts.length) {
        return { path: ["districts"], message: "district numbers must not repeat" }
      }
      return true
    }),
    Schema.annotations({
      arbitrary: () => (fc) =>
        fc
          .record({
            id: Arbitrary.make(ElectionId),
            level: fc.constantFrom<Level>("federal", "regional", "municipal"),
            kind: fc.constantFrom<Kind>("regular", "early", "byElection"),
            body: fc.constantFrom(
              "Государственная Дума",
              "Губернатор края",
              "Городская Дума",
              "Законодательная Дума края"
            ),
            districts: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 3 }),
            first: votingStart(fc),
            count: fc.integer({ min: 1, max: 3 }),
            published: fc.integer({ min: 1, max: 120 }),
            adopted: fc.integer({ min: 0, max: 10 }),
            commission: Arbitrary.make(CommissionId)
          })
          .map((r) => ({
            id: r.id,
            level: r.level,
            kind: r.kind,
            body: r.body,
            districts: r.kind === "byElection" && r.districts.length === 0 ? [1] : r.districts,
            calling: new CallingDecision({
              act: "Решение о назначении выборов",
              date: Period.addDays(r.first, -(r.published + r.adopted)),
              publishedOn: Period.addDays(r.first, -r.published)
            }),
            votingDays: votingDaysFrom(r.first, r.count),
            commission: r.commission
          }))
    })
  )
) {}

/** Decodes an election from outside data; a bad field is an {@link InvalidElectionInput} naming it. */
export const decode = decoder(Election, invalid("Election"))

/** The first voting day. */
export const firstVotingDay = (e: Election): Day => e.votingDays[0]
/** The last voting day (the voting day of single-day voting). */
export const lastVotingDay = (e: Election): Day => e.votingDays[e.votingDays.length - 1] ?? e.votingDays[0]

/** Orders elections by id (the merged calendar lists elections in this order). */
export const order = (a: Election, b: Election): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
