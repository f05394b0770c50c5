/**
 * The `--election` specs of `cityhall elections calendar`, and the voting
 * days of `--voting-day` / `--voting-days`.
 *
 * A spec is `NAME[@PUBLISHED]`:
 *
 * | NAME | election | id |
 * |---|---|---|
 * | `state-duma` | the State Duma (federal, regular) | `state-duma-YYYY` |
 * | `governor` | the Governor of the region (regional) | `governor-YYYY` |
 * | `city-duma` | the City Duma, whole territory (municipal, regular) | `city-duma-YYYY` |
 * | `city-duma-N` | a by-election to the City Duma in single-mandate district N | `city-duma-district-N-YYYY` |
 *
 * `YYYY` is the year of the voting day; `@PUBLISHED` is the day the decision
 * calling the election was officially published. For the single voting day
 * of 19 September 2021 the reference elections (`Elections.Reference2021`:
 * `state-duma`, `governor` — an early election — and `city-duma-3`) bring
 * their own publication days, so `@PUBLISHED` may be left out for them.
 *
 * @module
 */
import { Either } from "effect"
import { Period } from "../../src/kernel/index.js"
import * as Elections from "../../src/elections/index.js"
import { domain, type InputError, UsageError } from "./Output.js"

type Election = Elections.Election.Election

/** The names `--election` accepts (`city-duma-N` with a district number). */
export const NAMES = ["state-duma", "governor", "city-duma", "city-duma-N"] as const

const REFERENCE = Elections.Reference2021.stateDuma
const REFERENCE_VOTING_DAY = Elections.Election.lastVotingDay(REFERENCE)

/**
 * The voting days ending on `votingDay`: `count` consecutive days (1..3).
 * Without `count`: 1, except for 19 September 2021, the reference case,
 * whose voting took three days (17-19 September).
 */
export const votingDays = (
  votingDay: Period.Day,
  count: number | undefined
): readonly [Period.Day, ...Array<Period.Day>] => {
  const n = count ?? (votingDay === REFERENCE_VOTING_DAY ? REFERENCE.votingDays.length : 1)
  return Elections.Election.votingDaysFrom(Period.addDays(votingDay, -(n - 1)), n)
}

interface Preset {
  readonly id: string
  readonly level: Elections.Election.Level
  readonly kind: Elections.Election.Kind
  readonly body: string
  readonly districts: ReadonlyArray<number>
  readonly commission: string
  readonly reference: Election | undefined
}

const preset = (name: string): Preset | undefined => {
  const R = Elections.Reference2021
  switch (name) {
    case "state-duma":
      return {
        id: "state-duma",
        level: "federal",
        kind: "regular",
        body: "Государственная Дума Федерального Собрания Российской Федерации",
        districts: [],
        commission: "cec-russia",
        reference: R.stateDuma
      }
    case "governor":
      return {
        id: "governor",
        level: "regional",
        kind: "regular",
        body: "Губернатор края",
        districts: [],
        commission: "regional-election-commission",
        reference: R.governor
      }
    case "city-duma":
      return {
        id: "city-duma",
        level: "municipal",
        kind: "regular",
        body: "Городская Дума",
        districts: [],
        commission: "city-election-commission",
        reference: undefined
      }
  }
  const m = /^city-duma-(\d{1,3})$/.exec(name)
  const district = m === null ? 0 : Number(m[1])
  if (district < 1) return undefined
  return {
    id: `city-duma-district-${district}`,
    level: "municipal",
    kind: "byElection",
    body: "Городская Дума",
    districts: [district],
    commission: "city-election-commission",
    reference: district === 3 ? R.cityDumaDistrict3 : undefined
  }
}

/**
 * The election a spec names, voting on `days`. An unknown name or a missing
 * publication day is a usage error; an election the domain refuses (its
 * calling published on or after the first voting day) is an input error.
 */
export const parse = (
  spec: string,
  days: readonly [Period.Day, ...Array<Period.Day>]
): Either.Either<Election, UsageError | InputError> => {
  const at = spec.indexOf("@")
  const name = at < 0 ? spec : spec.slice(0, at)
  const p = preset(name)
  if (p === undefined) {
    return Either.left(
      new UsageError({
        message: `unknown election '${name}' in --election ${spec}; expected ${NAMES.join(", ")} (N a district number), optionally with @PUBLISHED`
      })
    )
  }
  const last = days[days.length - 1] ?? days[0]
  const reference = p.reference !== undefined && last === REFERENCE_VOTING_DAY ? p.reference : undefined
  return Either.gen(function* () {
    const published = at < 0 ? undefined : yield* domain(Period.parseDay(spec.slice(at + 1)), `--election ${spec}`)
    let calling: { readonly act: string; readonly date: Period.Day; readonly publishedOn: Period.Day }
    if (published !== undefined) {
      calling = {
        act: `Решение о назначении выборов (${p.body}), опубликовано ${published}`,
        date: published,
        publishedOn: published
      }
    } else if (reference !== undefined) {
      calling = reference.calling
    } else {
      return yield* Either.left(
        new UsageError({
          message: `--election ${name} needs the day its calling decision was published, e.g. ${name}@${Period.addDays(last, -90)}`
        })
      )
    }
    return yield* domain(
      Elections.Election.decode({
        id: reference?.id ?? `${p.id}-${last.slice(0, 4)}`,
        level: reference?.level ?? p.level,
        kind: reference?.kind ?? p.kind,
        body: reference?.body ?? p.body,
        districts: [...(reference?.districts ?? p.districts)],
        calling: { act: calling.act, date: calling.date, publishedOn: calling.publishedOn },
        votingDays: [...days],
        commission: reference?.commission ?? p.commission
      }),
      `--election ${spec}`
    )
  })
}

/** The elections of specs (the reference three when none is given for 19 September 2021); no election twice. */
export const parseAll = (
  specs: ReadonlyArray<string>,
  days: readonly [Period.Day, ...Array<Period.Day>]
): Either.Either<ReadonlyArray<Election>, UsageError | InputError> => {
  const last = days[days.length - 1] ?? days[0]
  if (specs.length === 0) {
    if (last === REFERENCE_VOTING_DAY) return parseAll(["state-duma", "governor", "city-duma-3"], days)
    return Either.left(
      new UsageError({
        message: `name the elections of ${last} with --election (${NAMES.join(", ")}), e.g. --election state-duma@${Period.addDays(last, -90)}`
      })
    )
  }
  return Either.flatMap(Either.all(specs.map((s) => parse(s, days))), (elections) => {
    const ids = new Set<string>()
    for (const e of elections) {
      if (ids.has(e.id)) return Either.left(new UsageError({ message: `election ${e.id} is named more than once` }))
      ids.add(e.id)
    }
    return Either.right([...elections].sort(Elections.Election.order))
  })
}
