/**
 * The report from records: which plans appear (in force in the year and
 * existing by the report's day — a plan created later never rewrites an
 * earlier report), and where the names of divisions and officials come
 * from (the stored organisation in force on the report's day, in the
 * report's language; ids as they are without one; never the demo's).
 */
import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { Administration, Decider, Demo, Ids, Organisation, Period, Planning, Reporting } from "../../src/index.js"
import { fold } from "../demo/fold.js"

const { AnnualReport, MonthlyReport, ReportDocument } = Reporting
const day = Period.unsafeDay
const city = Demo.Generator.generate({ seed: 2020 })
const records = fold(city.records)
const md = (r: Reporting.Records.Records, year: number, asOf: string, lang: Reporting.Plural.Lang = "ru") =>
  ReportDocument.toMarkdown(AnnualReport.fromRecords(r, year, day(asOf), lang))
const actor = Ids.ActorId.make("organisational-department")

/** A plan created at `at` (a draft with no nodes). */
const plan = (id: string, kind: Planning.Plan.PlanKind, period: string, title: string, at: Date): Planning.Plan.State =>
  Either.getOrThrow(
    Decider.run(Planning.Plan.decider(), [
      new Planning.Plan.CreatePlan({
        plan: Ids.PlanId.make(id),
        at,
        actor,
        kind,
        period: Either.getOrThrow(Period.parse(period)),
        title
      })
    ])
  ).state

describe("a plan appears in a year's report only when in force in that year and existing by the report's day", () => {
  const title = "Стратегия развития города на 2026–2030 годы"
  const late = plan("strategy-2026", "strategic", "2026..2030", title, new Date("2026-01-15T01:00:00Z"))
  const withLate = { ...records, plans: [...(records.plans ?? []), late] }

  it("worked example (issue 17): a strategic plan created in 2026 for 2026..2030 is not in the 2019 and 2020 reports, and is in the 2026 report", () => {
    for (const year of [2019, 2020]) {
      const text = md(withLate, year, `${year}-12-31`)
      expect(text).not.toContain(title)
      expect(text).toContain(
        "Действует «Стратегия социально-экономического развития города до 2030 года» (2019–2030 гг.)"
      )
      // and the reports of 2019 and 2020 are what they were without it
      expect(text).toBe(md(records, year, `${year}-12-31`))
    }
    // not in force in 2020 even when the 2020 report is made after it was created
    expect(md(withLate, 2020, "2026-06-30")).not.toContain(title)
    expect(md(withLate, 2026, "2026-12-31")).toContain(`Действует «${title}» (2026–2030 гг.)`)
    // in force in 2026 but asked as of a day before it was created: not there yet
    expect(md(withLate, 2026, "2026-01-14")).not.toContain(title)
  })

  it("worked example: an annual plan of 2020 created on 1 February 2021 is in the 2020 report as of March 2021, not in the one as of 31 December 2020", () => {
    const t = "Дополнительный план мероприятий на 2020 год"
    const extra = plan("annual-2020-extra", "annual", "2020", t, new Date("2021-02-01T01:00:00Z"))
    const r = { ...records, plans: [...(records.plans ?? []), extra] }
    const f = (asOf: string) => AnnualReport.figures(AnnualReport.inputOf(r, 2020, day(asOf))).planning!
    const before = AnnualReport.figures(AnnualReport.inputOf(records, 2020, day("2020-12-31"))).planning!
    expect(f("2020-12-31")).toEqual(before)
    expect(AnnualReport.appearing(r.plans, 2020, day("2020-12-31")).map((p) => p.id)).not.toContain("annual-2020-extra")
    expect(AnnualReport.appearing(r.plans, 2020, day("2021-03-01")).map((p) => p.id)).toContain("annual-2020-extra")
  })

  it("for any plan, year and day: it appears exactly when its period overlaps the year and it was created on the day or before (Khabarovsk time)", () => {
    const kinds = fc.constantFrom(
      ["strategic", (y: number) => `${y}..${y + 4}`],
      ["annual", (y: number) => `${y}`],
      ["monthly", (y: number) => `${y}-06`]
    ) as fc.Arbitrary<readonly [Planning.Plan.PlanKind, (y: number) => string]>
    fc.assert(
      fc.property(
        kinds,
        fc.integer({ min: 2018, max: 2024 }),
        fc.integer({ min: 0, max: 8 * 365 }),
        fc.integer({ min: 2019, max: 2023 }),
        // the report's day: anywhere, or within two days of the creation
        fc.oneof(
          fc.integer({ min: 0, max: 8 * 365 }),
          fc.integer({ min: -2, max: 2 }).map((d) => ({ near: d }))
        ),
        ([kind, periodOf], from, createdOn, year, when) => {
          const created = Period.addDays(day("2018-01-01"), createdOn)
          const asOfN = typeof when === "number" ? when : createdOn + when.near
          // 00:30 in Khabarovsk (UTC+10) is 14:30 UTC of the day before: the local day counts
          const p = plan("p", kind, periodOf(from), "План", new Date(`${Period.addDays(created, -1)}T14:30:00Z`))
          const asOf = Period.addDays(day("2018-01-01"), asOfN)
          const period = Either.getOrThrow(Period.parse(periodOf(from)))
          const y = Period.unsafeYear(year)
          const overlaps = Period.firstDay(period) <= Period.lastDay(y) && Period.lastDay(period) >= Period.firstDay(y)
          expect(AnnualReport.appearing([p], year, asOf).length).toBe(overlaps && created <= asOf ? 1 : 0)
          const strategic =
            AnnualReport.figures(AnnualReport.inputOf({ appeals: [], plans: [p] }, year, asOf)).planning?.strategic ??
            []
          expect(strategic.length).toBe(kind === "strategic" && overlaps && created <= asOf ? 1 : 0)
        }
      ),
      { numRuns: 300 }
    )
  })
})

/** The demo's organisation with other names (another city, or a later version). */
const renamed = (names: Readonly<Record<string, string>>, officials: Readonly<Record<string, string>> = {}) =>
  new Organisation.Organisation({
    ...Demo.City.organisation,
    divisions: Demo.City.organisation.divisions.map((d) =>
      names[d.id] === undefined ? d : new Organisation.Division({ id: d.id, name: names[d.id]!, kind: d.kind })
    ),
    officials: Demo.City.organisation.officials.map((o) =>
      officials[o.id] === undefined ? o : new Organisation.Official({ ...o, name: officials[o.id]! })
    )
  })

const version = (from: string, organisation: Organisation.Organisation) =>
  new Administration.OrganisationHistory.OrganisationVersion({
    from: day(from),
    organisation,
    adoptedAt: new Date("2019-01-01T00:00:00Z")
  })

describe("divisions and officials are named by the stored organisation in force on the report's day", () => {
  it("the demo store: Russian names in Russian, English names in English, officials in the receptions table", () => {
    const ru = md(records, 2020, "2020-12-31")
    const en = md(records, 2020, "2020-12-31", "en")
    expect(ru).toContain("| Управление жилищно-коммунального хозяйства |")
    expect(en).toContain("| Housing and utilities directorate |")
    expect(ru).toContain("Принято граждан по должностным лицам")
    expect(ru).toContain("| Мэр города |")
    expect(en).toContain("| Mayor |")
    expect(ru).not.toMatch(/\| housing \|/)
  })

  it("without a stored organisation every id prints as it is — never the demo's names", () => {
    const { organisation: _, ...bare } = records
    const ru = md(bare, 2020, "2020-12-31")
    expect(ru).toContain("| housing |")
    expect(ru).toContain("| mayor |")
    for (const d of Demo.City.divisions) expect(ru).not.toContain(d.ru)
  })

  it("another city's organisation: its own names", () => {
    const other = renamed({ housing: "Департамент городского хозяйства" }, { mayor: "Глава города" })
    const r = { ...records, organisation: [version("2019-01-01", other)] }
    const ru = md(r, 2020, "2020-12-31")
    expect(ru).toContain("| Департамент городского хозяйства |")
    expect(ru).not.toContain("Управление жилищно-коммунального хозяйства")
    expect(ru).toContain("| Глава города |")
    // an English report shows the Russian name where the organisation gives no English one
    expect(md(r, 2020, "2020-12-31", "en")).toContain("| Департамент городского хозяйства |")
  })

  it("the version in force on the report's day: a reorganisation on 1 July 2020 names the divisions of a report as of 31 December, not of one as of 30 June", () => {
    const r = {
      ...records,
      organisation: [
        version("2019-01-01", Demo.City.organisation),
        version("2020-07-01", renamed({ housing: "Департамент жилищно-коммунального хозяйства" }))
      ]
    }
    expect(md(r, 2020, "2020-12-31")).toContain("| Департамент жилищно-коммунального хозяйства |")
    const june = md(r, 2020, "2020-06-30")
    expect(june).toContain("| Управление жилищно-коммунального хозяйства |")
    expect(june).not.toContain("Департамент жилищно-коммунального хозяйства")
    // the monthly analysis too
    const monthly = (asOf: string) =>
      ReportDocument.toMarkdown(MonthlyReport.fromRecords(r, Period.unsafeMonth("2020-03"), day(asOf), "ru"))
    expect(monthly("2020-03-31")).toContain("Управление жилищно-коммунального хозяйства")
    expect(monthly("2020-12-31")).toContain("Департамент жилищно-коммунального хозяйства")
  })
})
