/**
 * The organisation's history: versions by the day they take effect. Any
 * sequence of adoptions, valid or not, leaves exactly the valid versions,
 * one per day (the last adopted for it), and the version in force on any
 * day is the one with the latest day on or before it; an invalid
 * organisation is a typed error naming the field under `organisation` and
 * changes nothing; the schemas round-trip; the demo city's organisation is
 * valid.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { Administration, Decider, Demo, Ids, Organisation, Period } from "../../src/index.js"

const History = Administration.OrganisationHistory
const day = Period.unsafeDay
const at = new Date("2020-01-10T02:00:00Z")
const actor = Ids.ActorId.make("organisational-department")
const div = (s: string) => Ids.DivisionId.make(s)
const off = (s: string) => Ids.OfficialId.make(s)

/** A valid organisation over some divisions, all controlled by the Mayor over one range, with names from a seed. */
const organisationOf = (divisions: ReadonlyArray<string>, names: ReadonlyArray<string>): Organisation.Organisation =>
  new Organisation.Organisation({
    name: "Администрация города",
    timeZone: "Asia/Vladivostok" as Organisation.Organisation["timeZone"],
    divisions: divisions.map(
      (id, i) =>
        new Organisation.Division({
          id: div(id),
          name: names[i % names.length]!,
          ...(i % 2 === 0 ? { nameEn: `Division ${id}` } : {}),
          kind: "directorate"
        })
    ),
    municipalOrganizations: [],
    officials: [new Organisation.Official({ id: off("mayor"), name: "Мэр города", position: "mayor" })],
    duty: new Organisation.DutyDistribution({
      from: day("2019-01-01"),
      to: day("2025-12-31"),
      assignments:
        divisions.length === 0
          ? []
          : [
              new Organisation.DutyAssignment({
                controller: off("mayor"),
                divisions: divisions.map(div) as [Ids.DivisionId, ...Array<Ids.DivisionId>],
                from: day("2019-01-01"),
                to: day("2025-12-31")
              })
            ]
    })
  })

const validOrganisation = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom("economy", "housing", "roads", "social"), { minLength: 1, maxLength: 4 }),
    fc.array(fc.constantFrom("Управление экономики", "Управление ЖКХ", "Управление дорог"), {
      minLength: 1,
      maxLength: 3
    })
  )
  .map(([ds, names]) => organisationOf(ds, names))

/** Organisations that break a rule: a duplicate division, an official in an unknown division, a division without a controller. */
const invalidOrganisation = fc
  .tuple(validOrganisation, fc.constantFrom("duplicate", "unknown", "gap"))
  .map(([o, how]) =>
    how === "duplicate"
      ? new Organisation.Organisation({ ...o, divisions: [...o.divisions, o.divisions[0]!] })
      : how === "unknown"
        ? new Organisation.Organisation({
            ...o,
            officials: [
              ...o.officials,
              new Organisation.Official({
                id: off("head-x"),
                name: "Начальник",
                position: "headOfDivision",
                division: div("nowhere")
              })
            ]
          })
        : new Organisation.Organisation({
            ...o,
            divisions: [
              ...o.divisions,
              new Organisation.Division({ id: div("culture"), name: "Управление культуры", kind: "directorate" })
            ]
          })
  )

const fromDay = fc.integer({ min: 0, max: 6 }).map((n) => Period.addDays(day("2019-01-01"), n * 365))
const probeDay = fc.integer({ min: -30, max: 7 * 365 }).map((n) => Period.addDays(day("2019-01-01"), n))

const adopt = (from: Period.Day, organisation: Organisation.Organisation) =>
  new History.AdoptOrganisation({ at, actor, from, organisation })

const equal = Schema.equivalence(Organisation.Organisation)

interface Model {
  readonly versions: Map<string, Organisation.Organisation>
}
interface Real {
  state: Administration.OrganisationHistory.State
}

/** The model's organisation in force on a day: the latest day on or before it. */
const modelOn = (m: Model, d: Period.Day): Organisation.Organisation | undefined => {
  const days = [...m.versions.keys()].filter((k) => k <= d).sort()
  const last = days[days.length - 1]
  return last === undefined ? undefined : m.versions.get(last)
}

class Adopt implements fc.Command<Model, Real> {
  constructor(
    readonly from: Period.Day,
    readonly organisation: Organisation.Organisation,
    readonly probes: ReadonlyArray<Period.Day>
  ) {}
  check = () => true
  run(m: Model, r: Real) {
    const before = m.versions.get(this.from)
    const decided = History.decider.decide(adopt(this.from, this.organisation), r.state)
    expect(Either.isRight(decided)).toBe(true)
    const events = Either.getOrThrow(decided)
    // the same version for the same day again is no event; anything else is one
    expect(events).toHaveLength(before !== undefined && equal(before, this.organisation) ? 0 : 1)
    r.state = Decider.replay(History.decider, events, r.state)
    m.versions.set(this.from, this.organisation)
    expect(r.state.versions.map((v) => v.from)).toEqual([...m.versions.keys()].sort())
    for (const d of this.probes) expect(History.inForceOn(r.state.versions, d)).toStrictEqual(modelOn(m, d))
  }
  toString = () => `Adopt(${this.from}, ${this.organisation.divisions.map((d) => d.id).join("+")})`
}

class AdoptInvalid implements fc.Command<Model, Real> {
  constructor(
    readonly from: Period.Day,
    readonly organisation: Organisation.Organisation
  ) {}
  check = () => true
  run(_m: Model, r: Real) {
    const decided = History.decider.decide(adopt(this.from, this.organisation), r.state)
    expect(Either.isLeft(decided)).toBe(true)
    if (Either.isLeft(decided)) {
      const e = decided.left
      expect(["InvalidOrganisation", "DutyDistributionGap", "DutyDistributionOverlap"]).toContain(e._tag)
      if (e._tag === "InvalidOrganisation") expect(e.path).toMatch(/^organisation\./)
      if (e._tag === "DutyDistributionGap") expect(e.division).toBe("culture")
    }
  }
  toString = () => `AdoptInvalid(${this.from})`
}

const commands = fc.commands(
  [
    fc.tuple(fromDay, validOrganisation, fc.array(probeDay, { maxLength: 5 })).map(([f, o, p]) => new Adopt(f, o, p)),
    fc.tuple(fromDay, invalidOrganisation).map(([f, o]) => new AdoptInvalid(f, o))
  ],
  { maxCommands: 30 }
)

describe("Administration.OrganisationHistory", () => {
  it("model run: any sequence of adoptions keeps one version per day, the last adopted; the version in force on a day is the latest on or before it; invalid ones change nothing", () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        fc.modelRun(() => ({ model: { versions: new Map() }, real: { state: History.initialState } }), cmds)
      }),
      { numRuns: 100 }
    )
  })

  it("worked example: the 2019 organisation and its 2021 reorganisation — each in force from its day, nothing before the first", () => {
    const first = organisationOf(["economy", "housing"], ["Управление экономики", "Управление ЖКХ"])
    const second = organisationOf(
      ["economy", "housing", "roads"],
      ["Комитет экономики", "Управление ЖКХ", "Управление дорог"]
    )
    const run = Either.getOrThrow(
      Decider.run(History.decider, [adopt(day("2019-01-01"), first), adopt(day("2021-01-01"), second)])
    )
    expect(run.events).toHaveLength(2)
    const on = (d: string) => History.inForceOn(run.state.versions, day(d))
    expect(on("2018-12-31")).toBeUndefined()
    expect(on("2019-01-01")).toBe(first)
    expect(on("2020-12-31")).toBe(first)
    expect(on("2021-01-01")).toBe(second)
    expect(on("2030-06-30")).toBe(second)
    // adopting the 2019 version again records nothing; a corrected one for the same day replaces it
    expect(Either.getOrThrow(History.decider.decide(adopt(day("2019-01-01"), first), run.state))).toEqual([])
    const corrected = organisationOf(["economy", "housing"], ["Управление экономического развития"])
    const fixed = Either.getOrThrow(Decider.handle(History.decider, run.state, adopt(day("2019-01-01"), corrected)))
    expect(fixed.state.versions.map((v) => v.from)).toEqual(["2019-01-01", "2021-01-01"])
    expect(History.inForceOn(fixed.state.versions, day("2020-06-30"))).toBe(corrected)
  })

  it("bad input: a malformed command is a typed error naming the field; an invalid organisation names it under organisation", () => {
    const bad = History.decodeCommand({
      _tag: "AdoptOrganisation",
      at: "2020-01-10T02:00:00Z",
      actor: "clerk",
      from: "2020-02-30",
      organisation: {}
    })
    expect(Either.isLeft(bad) && bad.left).toMatchObject({
      _tag: "InvalidOrganisation",
      reason: "decode",
      path: "from"
    })
    const o = organisationOf(["economy"], ["Управление экономики"])
    const duplicate = new Organisation.Organisation({ ...o, divisions: [o.divisions[0]!, o.divisions[0]!] })
    const refused = History.decider.decide(adopt(day("2020-01-01"), duplicate), History.initialState)
    expect(Either.isLeft(refused) && refused.left).toMatchObject({
      _tag: "InvalidOrganisation",
      reason: "duplicateId",
      path: "organisation.divisions[1].id"
    })
  })

  it("the demo city's organisation is valid and names every division in both languages", () => {
    expect(Either.isRight(Organisation.validate(Demo.City.organisation))).toBe(true)
    for (const d of Demo.City.organisation.divisions)
      expect([d.id, d.name.length > 0, d.nameEn !== undefined]).toEqual([d.id, true, true])
    const record = Demo.Generator.generate({ seed: 2020 }).records[0]
    expect(record?.kind).toBe("organisation")
  })

  it.prop(
    "the schemas round-trip (command, event, state)",
    [fc.tuple(fromDay, validOrganisation, fc.array(fc.tuple(fromDay, validOrganisation), { maxLength: 4 }))],
    ([[from, organisation, more]]) => {
      const command = adopt(from, organisation)
      const roundTrip = <A, I>(s: Schema.Schema<A, I>, a: A) =>
        expect(Schema.decodeUnknownSync(s)(JSON.parse(JSON.stringify(Schema.encodeSync(s)(a))))).toEqual(a)
      roundTrip(History.Command, command)
      const run = Either.getOrThrow(Decider.run(History.decider, [command, ...more.map(([f, o]) => adopt(f, o))]))
      for (const e of run.events) roundTrip(History.Event, e)
      roundTrip(History.State, run.state)
    },
    { fastCheck: { numRuns: 50 } }
  )
})
