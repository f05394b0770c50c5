/**
 * The organisation of an administration: structural divisions, municipal
 * enterprises and institutions, officials, and the duty distribution
 * (распределение обязанностей) that says which deputy mayor oversees which
 * divisions over which days.
 *
 * A distribution is valid when, on every day of its range, every division
 * of the organisation has exactly one controller; {@link validate} answers a
 * typed error naming the division and the days otherwise.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Organisation, Period } from "cityhall"
 *
 * const org = Organisation.decode({
 *   name: "Администрация города",
 *   timeZone: "Asia/Vladivostok",
 *   divisions: [{ id: "economy", name: "Комитет по экономике", kind: "committee" }],
 *   municipalOrganizations: [],
 *   officials: [{ id: "deputy-1", name: "Заместитель Мэра по экономике", position: "deputyMayor" }],
 *   duty: { from: "2021-01-01", to: "2021-12-31",
 *           assignments: [{ controller: "deputy-1", divisions: ["economy"], from: "2021-01-01", to: "2021-12-31" }] }
 * })
 * if (Either.isRight(org)) {
 *   Organisation.controllerOf(org.right.duty, org.right.divisions[0]!.id, Period.unsafeDay("2021-06-01")) // Either.right("deputy-1")
 * }
 * ```
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import { DivisionId, MunicipalOrganisationId, OfficialId } from "./Ids.js"
import * as Period from "./Period.js"
import { Day } from "./Period.js"
import { TimeZoneName } from "./TimeZone.js"
import * as Decode from "./Decode.js"

/** A non-empty name without surrounding spaces. */
export const Name = Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(500))

/** Kinds of structural division. */
export const DivisionKind = Schema.Literal("department", "committee", "directorate", "office", "sector", "other")
/** @see DivisionKind */
export type DivisionKind = typeof DivisionKind.Type

/** A structural division of the administration (структурное подразделение). */
export class Division extends Schema.Class<Division>("Division")({
  id: DivisionId,
  name: Name,
  /** The name in English, for reports in English (the Russian `name` is shown when absent). */
  nameEn: Schema.optionalWith(Name, { exact: true }),
  kind: DivisionKind,
  /** The division it belongs to, when it is a unit of a larger one. */
  parent: Schema.optionalWith(DivisionId, { exact: true })
}) {}

/** A municipal enterprise (муниципальное предприятие) or institution (учреждение). */
export class MunicipalOrganisation extends Schema.Class<MunicipalOrganisation>("MunicipalOrganisation")({
  id: MunicipalOrganisationId,
  name: Name,
  kind: Schema.Literal("enterprise", "institution"),
  /** The division that oversees it as founder, if any. */
  overseenBy: Schema.optionalWith(DivisionId, { exact: true })
}) {}

/** Positions of officials. */
export const Position = Schema.Literal("mayor", "firstDeputyMayor", "deputyMayor", "headOfDivision", "staff")
/** @see Position */
export type Position = typeof Position.Type

/** Positions that can control divisions in a duty distribution. */
export const CONTROLLING_POSITIONS: ReadonlyArray<Position> = ["mayor", "firstDeputyMayor", "deputyMayor"]

/** An official (должностное лицо). */
export class Official extends Schema.Class<Official>("Official")({
  id: OfficialId,
  name: Name,
  /** The name (or title) in English, for reports in English (`name` is shown when absent). */
  nameEn: Schema.optionalWith(Name, { exact: true }),
  position: Position,
  /** The division an official heads or works in. */
  division: Schema.optionalWith(DivisionId, { exact: true })
}) {}

/** One deputy mayor's (or the Mayor's) oversight of some divisions over a range of days. */
export class DutyAssignment extends Schema.Class<DutyAssignment>("DutyAssignment")({
  controller: OfficialId,
  divisions: Schema.NonEmptyArray(DivisionId),
  from: Day,
  to: Day
}) {}

/** The duty distribution over a range of days. */
export class DutyDistribution extends Schema.Class<DutyDistribution>("DutyDistribution")({
  from: Day,
  to: Day,
  assignments: Schema.Array(DutyAssignment)
}) {}

/** An administration's organisation. */
export class Organisation extends Schema.Class<Organisation>("Organisation")({
  name: Name,
  timeZone: TimeZoneName,
  divisions: Schema.Array(Division),
  /** (The key keeps its first spelling: organisation files and stored settings use it.) */
  municipalOrganizations: Schema.Array(MunicipalOrganisation),
  officials: Schema.Array(Official),
  duty: DutyDistribution
}) {}

/** On some days a division has no controller. */
export class DutyDistributionGap extends Schema.TaggedError<DutyDistributionGap>()("DutyDistributionGap", {
  division: DivisionId,
  from: Day,
  to: Day,
  message: Schema.String
}) {}

/** On some days a division has more than one controller. */
export class DutyDistributionOverlap extends Schema.TaggedError<DutyDistributionOverlap>()("DutyDistributionOverlap", {
  division: DivisionId,
  from: Day,
  to: Day,
  controllers: Schema.Array(OfficialId),
  message: Schema.String
}) {}

/**
 * An organisation that breaks a structural rule: malformed input, a duplicate
 * id, a reference to an unknown division or official, a division that is its
 * own ancestor, a controller who may not control, a range that ends before it
 * starts. `path` names the field.
 */
export class InvalidOrganisation extends Schema.TaggedError<InvalidOrganisation>()("InvalidOrganisation", {
  reason: Schema.Literal(
    "decode",
    "duplicateId",
    "unknownDivision",
    "cyclicParent",
    "unknownController",
    "notAController",
    "badRange"
  ),
  path: Schema.String,
  message: Schema.String
}) {}

/** A division has no controller on a day (outside the distribution's range, or an unvalidated distribution). */
export class NoController extends Schema.TaggedError<NoController>()("NoController", {
  division: DivisionId,
  day: Day,
  message: Schema.String
}) {}

/** Any error of {@link validate}. */
export type OrganisationError = DutyDistributionGap | DutyDistributionOverlap | InvalidOrganisation

const dayRange = (from: Day, to: Day) => `${from}..${to}`

/**
 * Checks a duty distribution against the divisions it must cover: every
 * assignment inside the range, and each division covered by exactly one
 * controller on every day of the range.
 */
export const validateDuty = (
  duty: DutyDistribution,
  divisions: ReadonlyArray<DivisionId>,
  officials: ReadonlyArray<Official> = []
): Either.Either<DutyDistribution, OrganisationError> => {
  if (duty.from > duty.to) {
    return Either.left(
      new InvalidOrganisation({
        reason: "badRange",
        path: "duty",
        message: `the distribution's range ${dayRange(duty.from, duty.to)} ends before it starts`
      })
    )
  }
  const known = new Set(divisions)
  const byId = new Map(officials.map((o) => [o.id, o]))
  const spans = new Map<DivisionId, Array<{ from: Day; to: Day; controller: typeof OfficialId.Type }>>()
  for (const d of divisions) spans.set(d, [])
  for (const [i, a] of duty.assignments.entries()) {
    const path = `duty.assignments[${i}]`
    if (a.from > a.to || a.from < duty.from || a.to > duty.to) {
      return Either.left(
        new InvalidOrganisation({
          reason: "badRange",
          path,
          message: `assignment of ${a.controller} over ${dayRange(a.from, a.to)} must lie inside ${dayRange(duty.from, duty.to)} and not end before it starts`
        })
      )
    }
    if (officials.length > 0) {
      const o = byId.get(a.controller)
      if (o === undefined)
        return Either.left(
          new InvalidOrganisation({
            reason: "unknownController",
            path: `${path}.controller`,
            message: `unknown official ${a.controller}`
          })
        )
      if (!CONTROLLING_POSITIONS.includes(o.position)) {
        return Either.left(
          new InvalidOrganisation({
            reason: "notAController",
            path: `${path}.controller`,
            message: `${a.controller} is a ${o.position}; only the Mayor and deputy mayors control divisions`
          })
        )
      }
    }
    for (const [j, d] of a.divisions.entries()) {
      const list = spans.get(d)
      if (list === undefined || !known.has(d)) {
        return Either.left(
          new InvalidOrganisation({
            reason: "unknownDivision",
            path: `${path}.divisions[${j}]`,
            message: `unknown division ${d}`
          })
        )
      }
      list.push({ from: a.from, to: a.to, controller: a.controller })
    }
  }
  for (const [division, list] of spans) {
    list.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : 1))
    let covered = Period.addDays(duty.from, -1) // last day covered so far
    let lastController: typeof OfficialId.Type | undefined
    for (const s of list) {
      if (s.from > Period.addDays(covered, 1)) {
        const to = Period.addDays(s.from, -1)
        return Either.left(
          new DutyDistributionGap({
            division,
            from: Period.addDays(covered, 1),
            to,
            message: `division ${division} has no controller over ${dayRange(Period.addDays(covered, 1), to)}`
          })
        )
      }
      if (s.from <= covered) {
        const to = Period.minDay(covered, s.to)
        const controllers = lastController === undefined ? [s.controller] : [lastController, s.controller]
        return Either.left(
          new DutyDistributionOverlap({
            division,
            from: s.from,
            to,
            controllers,
            message: `division ${division} has two controllers (${controllers.join(", ")}) over ${dayRange(s.from, to)}`
          })
        )
      }
      covered = s.to
      lastController = s.controller
    }
    if (covered < duty.to) {
      const from = Period.addDays(covered, 1)
      return Either.left(
        new DutyDistributionGap({
          division,
          from,
          to: duty.to,
          message: `division ${division} has no controller over ${dayRange(from, duty.to)}`
        })
      )
    }
  }
  return Either.right(duty)
}

const unique = <A>(
  items: ReadonlyArray<A>,
  key: (a: A) => string,
  path: string
): Either.Either<void, InvalidOrganisation> => {
  const seen = new Set<string>()
  for (const [i, a] of items.entries()) {
    const k = key(a)
    if (seen.has(k))
      return Either.left(
        new InvalidOrganisation({
          reason: "duplicateId",
          path: `${path}[${i}].id`,
          message: `duplicate id ${k} in ${path}`
        })
      )
    seen.add(k)
  }
  return Either.right(undefined)
}

/**
 * Checks an organisation: unique ids; every division, municipal organisation
 * and official refers to a known division; no division is its own ancestor;
 * and the duty distribution covers every division on every day of its range
 * with exactly one controller who is the Mayor or a deputy mayor.
 */
export const validate = (org: Organisation): Either.Either<Organisation, OrganisationError> =>
  Either.gen(function* () {
    yield* unique(org.divisions, (d) => d.id, "divisions")
    yield* unique(org.municipalOrganizations, (d) => d.id, "municipalOrganizations")
    yield* unique(org.officials, (d) => d.id, "officials")
    const ids = new Set<string>(org.divisions.map((d) => d.id))
    for (const [i, d] of org.divisions.entries()) {
      if (d.parent !== undefined && !ids.has(d.parent)) {
        return yield* Either.left(
          new InvalidOrganisation({
            reason: "unknownDivision",
            path: `divisions[${i}].parent`,
            message: `unknown division ${d.parent}`
          })
        )
      }
    }
    const parentOf = new Map(
      org.divisions.flatMap((d) => (d.parent === undefined ? [] : [[d.id as string, d.parent as string] as const]))
    )
    for (const [i, d] of org.divisions.entries()) {
      // Walking up from a division on a cycle comes back to it. A division that only
      // leads into a cycle stops after `divisions.length` steps: the cycle's own
      // members are reported on their turn.
      let at: string | undefined = d.parent
      for (let steps = 0; at !== undefined && steps <= org.divisions.length; steps++) {
        if (at === d.id) {
          return yield* Either.left(
            new InvalidOrganisation({
              reason: "cyclicParent",
              path: `divisions[${i}].parent`,
              message: `division ${d.id} is its own ancestor through its parents`
            })
          )
        }
        at = parentOf.get(at)
      }
    }
    for (const [i, m] of org.municipalOrganizations.entries()) {
      if (m.overseenBy !== undefined && !ids.has(m.overseenBy)) {
        return yield* Either.left(
          new InvalidOrganisation({
            reason: "unknownDivision",
            path: `municipalOrganizations[${i}].overseenBy`,
            message: `unknown division ${m.overseenBy}`
          })
        )
      }
    }
    for (const [i, o] of org.officials.entries()) {
      if (o.division !== undefined && !ids.has(o.division)) {
        return yield* Either.left(
          new InvalidOrganisation({
            reason: "unknownDivision",
            path: `officials[${i}].division`,
            message: `unknown division ${o.division}`
          })
        )
      }
    }
    yield* validateDuty(
      org.duty,
      org.divisions.map((d) => d.id),
      org.officials
    )
    return org
  })

const decodeOrg = Decode.unknownEither(Organisation)

/** Decodes an organisation from outside data and validates it; every failure is typed. */
export const decode = (input: unknown): Either.Either<Organisation, OrganisationError> =>
  Either.flatMap(
    Either.mapLeft(
      decodeOrg(input, { errors: "first" }),
      (e) =>
        new InvalidOrganisation({
          reason: "decode",
          path: pathOf(e),
          message: ParseResult.TreeFormatter.formatErrorSync(e)
        })
    ),
    validate
  )

const pathOf = (e: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(e)
  return issues[0]?.path.join(".") ?? ""
}

/**
 * The official who controls a division on a day, by the duty distribution.
 * Assumes a validated distribution (a gap answers {@link NoController}).
 */
export const controllerOf = (
  duty: DutyDistribution,
  division: DivisionId,
  day: Day
): Either.Either<typeof OfficialId.Type, NoController> => {
  for (const a of duty.assignments) {
    if (a.from <= day && day <= a.to && a.divisions.includes(division)) return Either.right(a.controller)
  }
  return Either.left(new NoController({ division, day, message: `division ${division} has no controller on ${day}` }))
}

/** The divisions a controller oversees on a day. */
export const divisionsControlledBy = (
  duty: DutyDistribution,
  controller: typeof OfficialId.Type,
  day: Day
): ReadonlyArray<DivisionId> =>
  duty.assignments
    .filter((a) => a.controller === controller && a.from <= day && day <= a.to)
    .flatMap((a) => a.divisions)
