/**
 * The adapter between budget control and planning: a planning `Program`
 * and its indicators give the {@link ProgramBudget.ProgramInfo} (keyed by
 * the program's `ProgramId`, with its period of years), its budget line for
 * a year gives the planned budget by quarter, and the indicators' actuals
 * give the achieved values for the control report.
 *
 * @example
 * ```ts
 * import { Budget, Period, Planning } from "cityhall"
 *
 * declare const program: Planning.Node.Program
 * declare const indicators: ReadonlyArray<Planning.Indicator.Indicator>
 * const info = Budget.Planning.programInfoOf(program, indicators)
 * const planned = Budget.Planning.plannedOf(program, Period.unsafeYear("2021")) // QuarterAmounts | undefined
 * ```
 *
 * @module
 */
import type { Year } from "../kernel/Period.js"
import type { Actual, Indicator } from "../planning/Indicator.js"
import type { Program } from "../planning/Node.js"
import { IndicatorResult } from "./Control.js"
import * as Money from "./Money.js"
import { ProgramInfo, QuarterAmounts } from "./ProgramBudget.js"

/** The program's id, years and the indicators attached to it. */
export const programInfoOf = (program: Program, indicators: ReadonlyArray<Indicator>): ProgramInfo =>
  new ProgramInfo({
    id: program.id,
    from: program.from,
    to: program.to,
    indicators: [
      ...new Set(
        indicators.filter((i) => i.attachedTo._tag === "Program" && i.attachedTo.id === program.id).map((i) => i.id)
      )
    ]
  })

/**
 * The planned budget of a year by quarter from the program's budget line
 * (thousands of roubles, rounded to the kopeck), split evenly with the
 * remainder kopecks in the fourth quarter. Undefined when the program has
 * no budget line for the year.
 */
export const plannedOf = (program: Program, year: Year): QuarterAmounts | undefined => {
  const line = program.budget.find((b) => b.year === year)
  const total = line === undefined ? undefined : Money.fromThousandsOfRoubles(line.amount)
  if (total === undefined) return undefined
  const q = Math.floor(total / 4)
  const k = (n: number) => n as Money.Kopecks
  return new QuarterAmounts({ q1: k(q), q2: k(q), q3: k(q), q4: k(total - 3 * q) })
}

/** The achieved values of the year from the indicators' numeric actuals for that year. */
export const resultsOf = (actuals: ReadonlyArray<Actual>, year: Year): ReadonlyArray<IndicatorResult> =>
  actuals.flatMap((a) =>
    a.period === year && a.value._tag === "Numeric"
      ? [new IndicatorResult({ indicator: a.indicator, achieved: a.value.amount })]
      : []
  )
