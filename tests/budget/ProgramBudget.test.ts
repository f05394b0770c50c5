import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Control from "../../src/budget/Control.js"
import type { BudgetRuleViolation } from "../../src/budget/Errors.js"
import * as Money from "../../src/budget/Money.js"
import type { Kopecks } from "../../src/budget/Money.js"
import * as B from "../../src/budget/ProgramBudget.js"
import type { ActorId, IndicatorId, ProgramId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import { accept, type Expected, type Real, refuse, step } from "../information/harness.js"
import { runs } from "../support/runs.js"

const at = new Date("2021-04-01T02:00:00Z")
const actor = "finance-1" as ActorId
const P = "prog-roads" as ProgramId
const I1 = "ind-km-repaired" as IndicatorId
const I2 = "ind-yards" as IndicatorId
const info = (indicators: ReadonlyArray<IndicatorId> = [I1, I2], from = "2020", to = "2022") =>
  new B.ProgramInfo({ id: P, from: Period.unsafeYear(from), to: Period.unsafeYear(to), indicators })
const k = (n: number) => n as Kopecks
const quarters = (a: number, b: number, c: number, d: number) =>
  new B.QuarterAmounts({ q1: k(a), q2: k(b), q3: k(c), q4: k(d) })
const amount = fc.integer({ min: 1, max: 5_000_000_00 }).map(k)
const planned = fc.tuple(amount, amount, amount, amount).map(([a, b, c, d]) => quarters(a, b, c, d))

type Model = {
  year: Period.Year | undefined
  closed: boolean
  commitments: Map<string, number>
  spending: Map<string, { on: Period.Day; amount: number }>
}
type Sut = Real<B.Command, B.Event, B.State, BudgetRuleViolation>

/** After every step: the budget's invariants, and quarters that sum to the year in the control report. */
const check = {
  state: B.State,
  invariants: (s: B.State): ReadonlyArray<string> => {
    const out = [...B.violations(s)]
    if (s._tag === "Opened") {
      const r = Control.control(s)
      const sum = (f: (q: Control.QuarterFigures) => number) => r.quarters.reduce((n, q) => n + f(q), 0)
      if (sum((q) => q.spent) !== r.spent) out.push("spending by quarter does not sum to the year")
      if (sum((q) => q.committed) !== r.committed) out.push("commitments by quarter do not sum to the year")
      if (sum((q) => q.planned) !== r.planned) out.push("the plan by quarter does not sum to the year")
      if (r.spent !== s.spending.reduce((n, e) => n + e.amount, 0))
        out.push("the year's spending is not the sum of payments")
      const period = `${s.info.from}..${s.info.to}` as Period.Horizon
      for (const e of s.spending)
        if (!Period.contains(period, e.on)) out.push(`spending ${e.ref} on ${e.on} outside the program's period`)
    }
    return out
  }
}
const common = (m: Model, year: Period.Year): Expected | undefined =>
  m.year === undefined
    ? refuse("notOpened")
    : year !== m.year
      ? refuse("wrongStream")
      : m.closed
        ? refuse("closed")
        : undefined

class Open implements fc.Command<Model, Sut> {
  constructor(
    readonly year: Period.Year,
    readonly planned: B.QuarterAmounts,
    readonly dupIndicator: boolean,
    readonly reversed: boolean
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const i = this.reversed ? info([I1], "2022", "2020") : info(this.dupIndicator ? [I1, I2, I1] : [I1, I2])
    const expected =
      m.year !== undefined
        ? refuse("alreadyOpened")
        : this.reversed
          ? refuse("badProgramYears")
          : this.year < "2020" || this.year > "2022"
            ? refuse("yearOutsideProgram")
            : this.dupIndicator
              ? refuse("duplicateIndicator")
              : accept
    step(
      r,
      new B.OpenProgramBudget({ program: P, year: this.year, at, actor, info: i, planned: this.planned }),
      expected,
      check
    )
    if (expected.ok) m.year = this.year
  }
  toString = () =>
    `Open(${this.year}${this.dupIndicator ? ", duplicate indicator" : ""}${this.reversed ? ", reversed years" : ""})`
}
class Amend implements fc.Command<Model, Sut> {
  constructor(readonly planned: B.QuarterAmounts) {}
  check = () => true
  run(m: Model, r: Sut) {
    step(
      r,
      new B.AmendPlannedBudget({
        program: P,
        year: m.year ?? Period.unsafeYear("2021"),
        at,
        actor,
        planned: this.planned,
        reason: "поправки в бюджет"
      }),
      common(m, m.year ?? Period.unsafeYear("2021")) ?? accept,
      check
    )
  }
  toString = () => "Amend"
}
class Record implements fc.Command<Model, Sut> {
  constructor(
    readonly kind: "commitment" | "spending",
    readonly ref: string,
    readonly on: Period.Day,
    readonly amount: Kopecks,
    readonly indicator: IndicatorId | undefined,
    readonly wrongYear: boolean
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const year = this.wrongYear ? Period.unsafeYear("2019") : (m.year ?? Period.unsafeYear("2021"))
    const entries = this.kind === "commitment" ? m.commitments : m.spending
    const expected =
      common(m, year) ??
      (!this.on.startsWith(year)
        ? refuse("outsideYear")
        : this.indicator !== undefined && this.indicator !== I1 && this.indicator !== I2
          ? refuse("unknownIndicator")
          : entries.has(this.ref)
            ? refuse("duplicateRef")
            : accept)
    const entry = new B.Entry({
      ref: this.ref,
      on: this.on,
      amount: this.amount,
      ...(this.indicator === undefined ? {} : { indicator: this.indicator })
    })
    const meta = { program: P, year, at, actor, entry }
    step(r, this.kind === "commitment" ? new B.RecordCommitment(meta) : new B.RecordSpending(meta), expected, check)
    if (expected.ok) {
      if (this.kind === "commitment") m.commitments.set(this.ref, this.amount)
      else m.spending.set(this.ref, { on: this.on, amount: this.amount })
    }
    if (r.state._tag === "Opened") {
      const spent = [...m.spending.values()].reduce((n, e) => n + e.amount, 0)
      if (Control.control(r.state).spent !== spent) throw new Error("spending differs from the model")
    }
  }
  toString = () =>
    `${this.kind}(${this.ref}, ${this.on}, ${this.amount}, ${this.indicator ?? "-"}${this.wrongYear ? ", wrong year" : ""})`
}
class Close implements fc.Command<Model, Sut> {
  constructor(readonly on: Period.Day) {}
  check = () => true
  run(m: Model, r: Sut) {
    const year = m.year ?? Period.unsafeYear("2021")
    const expected = common(m, year) ?? (this.on > Period.lastDay(year) ? accept : refuse("yearNotOver"))
    step(r, new B.CloseBudgetYear({ program: P, year, at, actor, on: this.on }), expected, check)
    if (expected.ok) m.closed = true
  }
  toString = () => `Close(${this.on})`
}

describe("a program's budget for a year", () => {
  it("model-based: commitments and spending stay inside the year and the program; quarters sum to the year; refusals change nothing", () => {
    const cmds = fc.commands(
      [
        fc
          .tuple(
            fc.constantFrom("2019", "2021", "2021", "2022", "2023").map(Period.unsafeYear),
            planned,
            fc.boolean(),
            fc.boolean()
          )
          .map(([y, p, d, rv]) => new Open(y, p, d, rv && p.q1 % 7 === 0)),
        planned.map((p) => new Amend(p)),
        fc
          .tuple(
            fc.constantFrom<"commitment" | "spending">("commitment", "spending"),
            fc.constantFrom("r-1", "r-2", "r-3", "r-4", "r-5", "r-6"),
            A.dayBetween(Period.unsafeDay("2020-11-01"), Period.unsafeDay("2023-02-28")),
            amount,
            fc.constantFrom<IndicatorId | undefined>(undefined, I1, I2, "ind-unknown" as IndicatorId),
            fc.integer({ min: 0, max: 9 })
          )
          .map(([kind, ref, on, a, ind, w]) => new Record(kind, ref, on, a, ind, w === 0)),
        A.dayBetween(Period.unsafeDay("2021-12-01"), Period.unsafeDay("2023-01-31")).map((d) => new Close(d))
      ],
      { maxCommands: 40 }
    )
    fc.assert(
      fc.property(cmds, (c) =>
        fc.modelRun(
          () => ({
            model: { year: undefined, closed: false, commitments: new Map(), spending: new Map() } as Model,
            real: { decider: B.decider, state: B.initialState, events: [] }
          }),
          c
        )
      ),
      { numRuns: runs(200) }
    )
  })

  it("refuses amounts whose sum leaves the safe range, naming the field", () => {
    const open = Either.getOrThrow(
      B.decide(
        new B.OpenProgramBudget({
          program: P,
          year: Period.unsafeYear("2021"),
          at,
          actor,
          info: info(),
          planned: quarters(0, 0, 0, 0)
        }),
        B.initialState
      )
    )
    const s = open.reduce(B.evolve, B.initialState)
    const big = k(Number.MAX_SAFE_INTEGER - 1)
    const s2 = Either.getOrThrow(
      B.decide(
        new B.RecordSpending({
          program: P,
          year: Period.unsafeYear("2021"),
          at,
          actor,
          entry: new B.Entry({ ref: "p-1", on: Period.unsafeDay("2021-02-01"), amount: big })
        }),
        s
      )
    ).reduce(B.evolve, s)
    const over = B.decide(
      new B.RecordSpending({
        program: P,
        year: Period.unsafeYear("2021"),
        at,
        actor,
        entry: new B.Entry({ ref: "p-2", on: Period.unsafeDay("2021-02-02"), amount: k(5) })
      }),
      s2
    )
    expect(Either.isLeft(over) && [over.left.rule, over.left.field]).toEqual(["amountOverflow", "entry.amount"])
    const plan = B.decide(
      new B.AmendPlannedBudget({
        program: P,
        year: Period.unsafeYear("2021"),
        at,
        actor,
        planned: quarters(Number.MAX_SAFE_INTEGER, 1, 0, 0),
        reason: "x"
      }),
      s
    )
    expect(Either.isLeft(plan) && plan.left.rule).toBe("amountOverflow")
  })

  it("bad input: a fractional kopeck or a negative amount is refused with the path", () => {
    const base = { _tag: "RecordSpending", program: P, year: "2021", at: "2021-04-01T00:00:00Z", actor: "a" }
    const frac = B.decodeCommand({ ...base, entry: { ref: "p", on: "2021-04-01", amount: 10.5 } })
    expect(Either.isLeft(frac) && frac.left.path).toBe("entry.amount")
    const zero = B.decodeCommand({ ...base, entry: { ref: "p", on: "2021-04-01", amount: 0 } })
    expect(Either.isLeft(zero) && zero.left.path).toBe("entry.amount")
  })
})

describe("budget control", () => {
  const opened = (plan: B.QuarterAmounts, spending: ReadonlyArray<B.Entry>, commitments: ReadonlyArray<B.Entry> = []) =>
    new B.Opened({ info: info(), year: Period.unsafeYear("2021"), planned: plan, commitments, spending, closed: false })
  const pay = (ref: string, on: string, rub: number, indicator?: IndicatorId) =>
    new B.Entry({
      ref,
      on: Period.unsafeDay(on),
      amount: k(rub * 100),
      ...(indicator === undefined ? {} : { indicator })
    })

  it("worked example: flags spending without an indicator, an indicator without spending, under- and over-execution beyond 10 %", () => {
    const s = opened(quarters(100_000_00, 100_000_00, 100_000_00, 100_000_00), [
      pay("p1", "2021-02-10", 50_000, I1), // Q1: 50 % of plan -> under
      pay("p2", "2021-05-10", 105_000), // Q2: 105 % -> within 10 %, but no indicator
      pay("p3", "2021-08-10", 120_000, I1), // Q3: 120 % -> over
      pay("p4", "2021-11-10", 95_000, I1) // Q4: 95 % -> within
    ])
    const r = Control.control(s, {
      thresholdPercent: 10,
      results: [new Control.IndicatorResult({ indicator: I1, achieved: 26.5 })]
    })
    expect(r.spent).toBe(370_000_00)
    expect(r.executionPercent).toBe(92.5)
    expect(
      r.flags.map((f) => (f._tag === "UnderExecution" || f._tag === "OverExecution" ? `${f._tag}:${f.period}` : f._tag))
    ).toEqual([
      "SpendingWithoutIndicator",
      "IndicatorWithoutSpending",
      "UnderExecution:2021-Q1",
      "OverExecution:2021-Q3"
    ])
    const i1 = r.indicators.find((i) => i.indicator === I1)!
    expect(i1.spent).toBe(265_000_00)
    expect(i1.perRouble).toBeCloseTo(26.5 / 265_000, 12)
    // as of 30 June only the first two quarters are judged, and later payments do not count
    const mid = Control.control(s, { thresholdPercent: 10, asOf: Period.unsafeDay("2021-06-30") })
    expect(mid.spent).toBe(155_000_00)
    expect(
      mid.flags
        .filter((f) => f._tag === "UnderExecution" || f._tag === "OverExecution")
        .map((f) => (f._tag === "UnderExecution" || f._tag === "OverExecution" ? f.period : ""))
    ).toEqual(["2021-Q1"])
  })

  it("property: every flag is raised exactly when its condition holds, and spending per indicator plus untied spending is the year's spending", () => {
    const year = Period.unsafeYear("2021")
    const entry = (prefix: string) =>
      fc
        .tuple(
          fc.nat(),
          A.dayBetween(Period.firstDay(year), Period.lastDay(year)),
          fc.integer({ min: 1, max: 200_000_00 }),
          fc.constantFrom<IndicatorId | undefined>(undefined, I1, I2)
        )
        .map(
          ([n, on, a, indicator]) =>
            new B.Entry({ ref: `${prefix}-${n}`, on, amount: k(a), ...(indicator === undefined ? {} : { indicator }) })
        )
    const entries = (prefix: string) => fc.uniqueArray(entry(prefix), { selector: (e) => e.ref, maxLength: 12 })
    const plan = fc
      .tuple(...[0, 1, 2, 3].map(() => fc.constantFrom(0, 100_000_00, 250_000_00, 1_000_000_00)))
      .map(([a, b, c, d]) => quarters(a!, b!, c!, d!))
    const asOf = fc.option(A.dayBetween(Period.unsafeDay("2021-01-01"), Period.unsafeDay("2022-01-31")), {
      nil: undefined
    })
    fc.assert(
      fc.property(
        plan,
        entries("p"),
        entries("c"),
        fc.integer({ min: 0, max: 100 }),
        asOf,
        fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        (pl, spending, commitments, threshold, day, achieved) => {
          const s = opened(pl, spending, commitments)
          const r = Control.control(s, {
            thresholdPercent: threshold,
            ...(day === undefined ? {} : { asOf: day }),
            results: achieved === undefined ? [] : [new Control.IndicatorResult({ indicator: I1, achieved })]
          })
          const counted = spending.filter((e) => day === undefined || e.on <= day)
          const sum = (es: ReadonlyArray<B.Entry>) => es.reduce((n, e) => n + e.amount, 0)
          expect(r.spent).toBe(sum(counted))
          expect(r.committed).toBe(sum(commitments.filter((e) => day === undefined || e.on <= day)))
          // spending per indicator plus untied spending is the year's spending
          const untied = counted.filter((e) => e.indicator === undefined)
          expect(r.indicators.reduce((n, i) => n + i.spent, 0) + sum(untied)).toBe(r.spent)
          // SpendingWithoutIndicator: exactly when a payment names no indicator, with their amount and refs
          const swi = r.flags.filter((f) => f._tag === "SpendingWithoutIndicator")
          expect(swi).toEqual(
            untied.length === 0
              ? []
              : [new Control.SpendingWithoutIndicator({ amount: k(sum(untied)), refs: untied.map((e) => e.ref) })]
          )
          // IndicatorWithoutSpending: exactly the program's indicators no counted payment names
          const idle = [I1, I2].filter((i) => !counted.some((e) => e.indicator === i))
          expect(
            r.flags
              .filter((f) => f._tag === "IndicatorWithoutSpending")
              .map((f) => f._tag === "IndicatorWithoutSpending" && f.indicator)
          ).toEqual(idle)
          // units per rouble: achieved / (kopecks / 100), only with an achieved value and spending
          const i1 = r.indicators.find((i) => i.indicator === I1)!
          const onI1 = sum(counted.filter((e) => e.indicator === I1))
          if (achieved === undefined || onI1 === 0) expect(i1.perRouble).toBeUndefined()
          else expect(i1.perRouble).toBeCloseTo(achieved / (onI1 / 100), 9)
          // under- and over-execution: exactly the periods ended by asOf whose spending leaves plan ± threshold (rationals, integers)
          const expected: Array<string> = []
          const periods: ReadonlyArray<[string, number, number]> = [
            ...r.quarters.map((q): [string, number, number] => [q.quarter, q.planned, q.spent]),
            [year, r.planned, r.spent]
          ]
          for (const [period, p, x] of periods) {
            if (day !== undefined && Period.lastDay(period as Period.Quarter) > day) continue
            if (p === 0 ? x > 0 : x * 100 > p * (100 + threshold)) expected.push(`OverExecution:${period}`)
            else if (p > 0 && x * 100 < p * (100 - threshold)) expected.push(`UnderExecution:${period}`)
          }
          expect(
            r.flags.flatMap((f) =>
              f._tag === "UnderExecution" || f._tag === "OverExecution" ? [`${f._tag}:${f.period}`] : []
            )
          ).toEqual(expected)
        }
      ),
      { numRuns: runs(300) }
    )
  })

  it("flags exactly the periods whose spending deviates beyond the threshold (exact integer comparison)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (p, x, bp) => {
          const d = Control.deviation(k(p), k(x), bp)
          // compare in rationals: x/p against 1 ± bp/10000
          const under = p > 0 && x * 10_000 < p * (10_000 - bp)
          const over = p === 0 ? x > 0 : x * 10_000 > p * (10_000 + bp)
          expect(d).toBe(under ? "under" : over ? "over" : undefined)
        }
      )
    )
  })

  it("parses roubles into kopecks without floats", () => {
    expect(Money.parseRoubles("1234,56")).toEqual(Either.right(123456))
    expect(Money.parseRoubles("0.1")).toEqual(Either.right(10))
    expect(Either.isLeft(Money.parseRoubles("1.234"))).toBe(true)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), (n) => {
        expect(Money.parseRoubles(Money.format(k(n)))).toEqual(Either.right(n))
      })
    )
    expect(Either.isLeft(Money.parseRoubles("90071992547409.92"))).toBe(true)
    expect(Money.fromThousandsOfRoubles(1234.56789)).toBe(123456789)
  })
})
