import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { Ids, Organisation, Period } from "../../src/index.js"
import { runs } from "../support/runs.js"

const d = Period.unsafeDay
const div = (s: string) => Either.getOrThrow(Ids.DivisionIdFromString(s))
const off = (s: string) => Either.getOrThrow(Ids.OfficialIdFromString(s))

const deputies = ["deputy-economy", "deputy-social", "deputy-city"].map(off)
const officials = [
  new Organisation.Official({ id: off("mayor"), name: "Мэр города", position: "mayor" }),
  ...deputies.map((id) => new Organisation.Official({ id, name: `Заместитель Мэра ${id}`, position: "deputyMayor" })),
  new Organisation.Official({ id: off("head-economy"), name: "Председатель комитета", position: "headOfDivision" })
]

/**
 * A random valid distribution: for each division, the range cut into
 * consecutive spans, each with a random controller.
 */
const validDistribution = fc
  .record({
    start: fc.integer({ min: Period.epochDay(d("2019-01-01")), max: Period.epochDay(d("2024-01-01")) }),
    length: fc.integer({ min: 1, max: 400 }),
    divisions: fc.uniqueArray(fc.constantFrom("economy", "social", "housing", "transport", "culture"), {
      minLength: 1,
      maxLength: 5
    })
  })
  .chain(({ start, length, divisions }) =>
    fc
      .tuple(
        ...divisions.map(() =>
          fc.tuple(
            length > 1
              ? fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: Math.min(4, length - 1) })
              : fc.constant<Array<number>>([]),
            fc.array(fc.constantFrom(...deputies, off("mayor")), { minLength: 5, maxLength: 5 })
          )
        )
      )
      .map((cuts) => {
        const from = Period.fromEpochDay(start),
          to = Period.fromEpochDay(start + length - 1)
        const assignments = divisions.flatMap((name, i) => {
          const [points, controllers] = cuts[i]!
          const bounds = [0, ...[...points].sort((a, b) => a - b), length]
          return bounds.slice(0, -1).map(
            (b, j) =>
              new Organisation.DutyAssignment({
                controller: controllers[j]!,
                divisions: [div(name)],
                from: Period.fromEpochDay(start + b),
                to: Period.fromEpochDay(start + bounds[j + 1]! - 1)
              })
          )
        })
        return { duty: new Organisation.DutyDistribution({ from, to, assignments }), divisions: divisions.map(div) }
      })
  )

/** The controllers a distribution gives a division on a day, by brute force. */
const controllersOn = (duty: Organisation.DutyDistribution, division: Ids.DivisionId, day: Period.Day) =>
  duty.assignments
    .filter((a) => a.from <= day && day <= a.to && a.divisions.includes(division))
    .map((a) => a.controller)

/**
 * A random distribution over a short range, most of them invalid: a few
 * assignments of random divisions to random controllers over random spans
 * inside the range.
 */
const randomDistribution = fc
  .record({
    start: fc.integer({ min: Period.epochDay(d("2019-01-01")), max: Period.epochDay(d("2024-01-01")) }),
    length: fc.integer({ min: 1, max: 40 }),
    divisions: fc.uniqueArray(fc.constantFrom("economy", "social", "housing"), { minLength: 1, maxLength: 3 })
  })
  .chain(({ start, length, divisions }) =>
    fc
      .array(
        fc.record({
          controller: fc.constantFrom(...deputies, off("mayor")),
          divisions: fc.uniqueArray(fc.constantFrom(...divisions), { minLength: 1, maxLength: divisions.length }),
          a: fc.integer({ min: 0, max: length - 1 }),
          b: fc.integer({ min: 0, max: length - 1 })
        }),
        { maxLength: 8 }
      )
      .map((raw) => {
        const assignments = raw.map(
          ({ controller, divisions: ds, a, b }) =>
            new Organisation.DutyAssignment({
              controller,
              divisions: ds.map(div) as [Ids.DivisionId, ...Array<Ids.DivisionId>],
              from: Period.fromEpochDay(start + Math.min(a, b)),
              to: Period.fromEpochDay(start + Math.max(a, b))
            })
        )
        const duty = new Organisation.DutyDistribution({
          from: Period.fromEpochDay(start),
          to: Period.fromEpochDay(start + length - 1),
          assignments
        })
        return { duty, divisions: divisions.map(div) }
      })
  )

describe("Organisation: the duty distribution", () => {
  it.prop(
    "on any day inside a valid distribution every division has exactly one controller",
    [validDistribution],
    ([{ duty, divisions }]) => {
      expect(Either.isRight(Organisation.validateDuty(duty, divisions, officials))).toBe(true)
      // every day of the range, checked against brute force; failures collected so one assertion reports them
      const wrong: Array<string> = []
      for (const day of Period.daysInRange(duty.from, duty.to)) {
        for (const division of divisions) {
          const controllers = controllersOn(duty, division, day)
          const answer = Organisation.controllerOf(duty, division, day)
          if (controllers.length !== 1 || !Either.isRight(answer) || answer.right !== controllers[0])
            wrong.push(`${division} ${day}: ${controllers.join(",")}`)
        }
      }
      expect(wrong).toStrictEqual([])
    }
  )

  it.prop(
    "any distribution is accepted exactly when every division has one controller on every day; a rejection names days that prove it",
    [randomDistribution],
    ([{ duty, divisions }]) => {
      const days = Period.daysInRange(duty.from, duty.to)
      const r = Organisation.validateDuty(duty, divisions, officials)
      const allCovered = days.every((day) =>
        divisions.every((division) => controllersOn(duty, division, day).length === 1)
      )
      expect(Either.isRight(r)).toBe(allCovered)
      if (Either.isLeft(r)) {
        const e = r.left
        if (e._tag === "InvalidOrganisation") return expect.fail(`unexpected ${e.message}`)
        expect(divisions).toContain(e.division)
        expect(duty.from <= e.from && e.from <= e.to && e.to <= duty.to).toBe(true)
        expect(e.message).toContain(`${e.from}..${e.to}`)
        for (const day of Period.daysInRange(e.from, e.to)) {
          const controllers = controllersOn(duty, e.division, day)
          if (e._tag === "DutyDistributionGap") expect(controllers).toStrictEqual([])
          else {
            expect(controllers.length).toBeGreaterThanOrEqual(2)
            for (const c of e.controllers) expect(controllers).toContain(c)
          }
        }
      } else {
        const wrong = days.flatMap((day) =>
          divisions.flatMap((division) => {
            const answer = Organisation.controllerOf(duty, division, day)
            return Either.isRight(answer) && answer.right === controllersOn(duty, division, day)[0]
              ? []
              : [`${division} ${day}`]
          })
        )
        expect(wrong).toStrictEqual([])
      }
    }
  )

  it.prop(
    "removing an assignment leaves a gap named with its division and days",
    [validDistribution, fc.nat()],
    ([{ duty, divisions }, k]) => {
      const removed = duty.assignments[k % duty.assignments.length]!
      const broken = new Organisation.DutyDistribution({
        ...duty,
        assignments: duty.assignments.filter((a) => a !== removed)
      })
      const r = Organisation.validateDuty(broken, divisions, officials)
      expect(Either.isLeft(r)).toBe(true)
      if (Either.isLeft(r)) {
        expect(r.left._tag).toBe("DutyDistributionGap")
        if (r.left._tag === "DutyDistributionGap") {
          expect(r.left.division).toBe(removed.divisions[0])
          expect([r.left.from, r.left.to]).toStrictEqual([removed.from, removed.to])
          expect(r.left.message).toContain(`${removed.from}..${removed.to}`)
        }
      }
    }
  )

  it.prop(
    "a second controller over some days is an overlap naming the division, the days and both officials",
    [validDistribution, fc.nat(), fc.nat()],
    ([{ duty, divisions }, k, len]) => {
      const base = duty.assignments[k % duty.assignments.length]!
      const to = Period.minDay(base.to, Period.addDays(base.from, len % 30))
      const extra = new Organisation.DutyAssignment({
        controller: off("deputy-extra"),
        divisions: base.divisions,
        from: base.from,
        to
      })
      const r = Organisation.validateDuty(
        new Organisation.DutyDistribution({ ...duty, assignments: [...duty.assignments, extra] }),
        divisions
      )
      expect(Either.isLeft(r)).toBe(true)
      if (Either.isLeft(r) && r.left._tag === "DutyDistributionOverlap") {
        expect(r.left.division).toBe(base.divisions[0])
        expect(r.left.controllers).toContain(off("deputy-extra"))
        expect(r.left.from <= to && r.left.to >= base.from).toBe(true)
      } else {
        expect.fail(`expected an overlap, got ${String(r)}`)
      }
    }
  )

  it("a controller must be the Mayor or a deputy mayor, and must exist", () => {
    const duty = new Organisation.DutyDistribution({
      from: d("2021-01-01"),
      to: d("2021-12-31"),
      assignments: [
        new Organisation.DutyAssignment({
          controller: off("head-economy"),
          divisions: [div("economy")],
          from: d("2021-01-01"),
          to: d("2021-12-31")
        })
      ]
    })
    const r = Organisation.validateDuty(duty, [div("economy")], officials)
    expect(Either.isLeft(r) && r.left._tag === "InvalidOrganisation" && r.left.reason).toBe("notAController")
    const unknown = new Organisation.DutyDistribution({
      ...duty,
      assignments: [new Organisation.DutyAssignment({ ...duty.assignments[0]!, controller: off("nobody") })]
    })
    const u = Organisation.validateDuty(unknown, [div("economy")], officials)
    expect(Either.isLeft(u) && u.left._tag === "InvalidOrganisation" && u.left.reason).toBe("unknownController")
  })

  it("controllerOf outside the range is a typed NoController", () => {
    const duty = new Organisation.DutyDistribution({ from: d("2021-01-01"), to: d("2021-01-31"), assignments: [] })
    const r = Organisation.controllerOf(duty, div("economy"), d("2021-02-01"))
    expect(Either.isLeft(r) && r.left._tag).toBe("NoController")
  })
})

const reference = {
  name: "Администрация города Хабаровска",
  timeZone: "Asia/Vladivostok",
  divisions: [
    { id: "economy", name: "Комитет по экономическому развитию", kind: "committee" },
    { id: "housing", name: "Управление жилищно-коммунального хозяйства", kind: "department" }
  ],
  municipalOrganizations: [{ id: "vodokanal", name: "МУП «Водоканал»", kind: "enterprise", overseenBy: "housing" }],
  officials: [
    { id: "mayor", name: "Мэр города", position: "mayor" },
    { id: "deputy-economy", name: "Заместитель Мэра по экономике", position: "deputyMayor" },
    { id: "deputy-city", name: "Заместитель Мэра по городскому хозяйству", position: "firstDeputyMayor" }
  ],
  duty: {
    from: "2021-01-01",
    to: "2021-12-31",
    assignments: [
      { controller: "deputy-economy", divisions: ["economy"], from: "2021-01-01", to: "2021-12-31" },
      { controller: "deputy-city", divisions: ["housing"], from: "2021-01-01", to: "2021-06-30" },
      { controller: "mayor", divisions: ["housing"], from: "2021-07-01", to: "2021-12-31" }
    ]
  }
}

describe("Organisation: decoding from outside", () => {
  it("decodes and validates a reference organisation; the controller changes mid-year", () => {
    const org = Either.getOrThrow(Organisation.decode(reference))
    expect(Organisation.controllerOf(org.duty, div("housing"), d("2021-06-30"))).toStrictEqual(
      Either.right("deputy-city")
    )
    expect(Organisation.controllerOf(org.duty, div("housing"), d("2021-07-01"))).toStrictEqual(Either.right("mayor"))
    expect(Organisation.divisionsControlledBy(org.duty, off("deputy-economy"), d("2021-03-01"))).toStrictEqual([
      "economy"
    ])
  })

  it.prop(
    "the Schemas round-trip through JSON (decode after encode is the identity)",
    [Arbitrary.make(Organisation.Organisation)],
    ([org]) => {
      const json = JSON.parse(JSON.stringify(Schema.encodeSync(Organisation.Organisation)(org)))
      expect(Schema.decodeUnknownSync(Organisation.Organisation)(json)).toStrictEqual(org)
    },
    { fastCheck: { numRuns: runs(50) } }
  )

  it("the Schema round-trips an organisation", () => {
    const org = Either.getOrThrow(Organisation.decode(reference))
    const encoded = Schema.encodeSync(Organisation.Organisation)(org)
    expect(Schema.decodeUnknownSync(Organisation.Organisation)(encoded)).toStrictEqual(org)
  })

  it.each([
    [
      "a malformed division id",
      { ...reference, divisions: [{ ...reference.divisions[0]!, id: "эконом ика" }, reference.divisions[1]!] },
      "decode",
      "divisions.0.id"
    ],
    ["an unknown time zone", { ...reference, timeZone: "Asia/Khabarovskk" }, "decode", "timeZone"],
    ["a missing name", { ...reference, name: undefined }, "decode", "name"],
    [
      "a duplicate division",
      { ...reference, divisions: [reference.divisions[0]!, reference.divisions[0]!] },
      "duplicateId",
      "divisions[1].id"
    ],
    [
      "an unknown parent",
      { ...reference, divisions: [{ ...reference.divisions[0]!, parent: "nowhere" }, reference.divisions[1]!] },
      "unknownDivision",
      "divisions[0].parent"
    ],
    [
      "a municipal organisation overseen by an unknown division",
      { ...reference, municipalOrganizations: [{ ...reference.municipalOrganizations[0]!, overseenBy: "nowhere" }] },
      "unknownDivision",
      "municipalOrganizations[0].overseenBy"
    ],
    [
      "an official in an unknown division",
      {
        ...reference,
        officials: [
          ...reference.officials,
          { id: "head-x", name: "Начальник отдела", position: "headOfDivision", division: "nowhere" }
        ]
      },
      "unknownDivision",
      "officials[3].division"
    ],
    [
      "a division that is its own parent",
      { ...reference, divisions: [{ ...reference.divisions[0]!, parent: "economy" }, reference.divisions[1]!] },
      "cyclicParent",
      "divisions[0].parent"
    ],
    [
      "two divisions that are each other's parent",
      {
        ...reference,
        divisions: [
          { ...reference.divisions[0]!, parent: "housing" },
          { ...reference.divisions[1]!, parent: "economy" }
        ]
      },
      "cyclicParent",
      "divisions[0].parent"
    ],
    [
      "a distribution that ends before it starts",
      { ...reference, duty: { ...reference.duty, from: "2021-12-31", to: "2021-01-01" } },
      "badRange",
      "duty"
    ],
    [
      "an assignment outside the distribution's range",
      {
        ...reference,
        duty: {
          ...reference.duty,
          assignments: [{ ...reference.duty.assignments[0]!, to: "2022-01-01" }, ...reference.duty.assignments.slice(1)]
        }
      },
      "badRange",
      "duty.assignments[0]"
    ],
    [
      "an assignment of an unknown division",
      {
        ...reference,
        duty: {
          ...reference.duty,
          assignments: [
            ...reference.duty.assignments,
            { controller: "mayor", divisions: ["culture"], from: "2021-01-01", to: "2021-01-02" }
          ]
        }
      },
      "unknownDivision",
      "duty.assignments[3].divisions[0]"
    ]
  ])("rejects %s with a typed error naming the field", (_, input, reason, path) => {
    const r = Organisation.decode(input)
    expect(Either.isLeft(r)).toBe(true)
    if (Either.isLeft(r)) {
      expect(r.left._tag).toBe("InvalidOrganisation")
      if (r.left._tag === "InvalidOrganisation") {
        expect(r.left.reason).toBe(reason)
        expect(r.left.path).toBe(path)
      }
    }
  })

  it("accepts nested divisions (a unit inside a committee inside nothing)", () => {
    const nested = {
      ...reference,
      divisions: [
        ...reference.divisions,
        { id: "economy-planning", name: "Отдел планирования", kind: "sector", parent: "economy" }
      ],
      duty: {
        ...reference.duty,
        assignments: [
          ...reference.duty.assignments,
          { controller: "deputy-economy", divisions: ["economy-planning"], from: "2021-01-01", to: "2021-12-31" }
        ]
      }
    }
    expect(Either.isRight(Organisation.decode(nested))).toBe(true)
  })

  it("rejects a gap in the reference distribution naming the division and the days", () => {
    const input = { ...reference, duty: { ...reference.duty, assignments: reference.duty.assignments.slice(0, 2) } }
    const r = Organisation.decode(input)
    expect(Either.isLeft(r) && r.left._tag).toBe("DutyDistributionGap")
    expect(Either.isLeft(r) && r.left.message).toBe("division housing has no controller over 2021-07-01..2021-12-31")
  })
})
