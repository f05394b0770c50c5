/**
 * Program budgets plugged into storage: the aggregate definition (one
 * stream per program and year, category `program_budget`) and a counter of
 * planned, committed and spent kopecks per quarter and program, maintained
 * as events are appended, for the annual report and budget control.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Budget, Period } from "cityhall"
 *
 * // planned / committed / spent kopecks per program in the first quarter of 2021
 * const q1 = Budget.BudgetRecords.quarterlyFigures(Period.unsafeQuarter("2021-Q1"))
 * ```
 *
 * @module
 */
import { Effect } from "effect"
import type { Quarter } from "../kernel/Period.js"
import * as Aggregate from "../ports/Aggregate.js"
import type { StorageError } from "../ports/Errors.js"
import * as Projection from "../ports/Projection.js"
import { ReadModels } from "../ports/ReadModels.js"
import * as Control from "./Control.js"
import * as ProgramBudget from "./ProgramBudget.js"

/** The stream category of program budgets. */
export const category = "program_budget"

/** The measures counted per quarter. */
export type Measure = "planned" | "committed" | "spent"
const MEASURES: ReadonlyArray<Measure> = ["planned", "committed", "spent"]

/** Kopecks per quarter x program x measure. */
export const Quarterly = Projection.counter({ name: "budget_quarterly", dimensions: ["quarter", "program", "measure"] })

const figures = (s: ProgramBudget.State): Map<string, number> => {
  const out = new Map<string, number>()
  if (s._tag !== "Opened") return out
  for (const q of Control.control(s).quarters) {
    for (const m of MEASURES) out.set(`${q.quarter}|${m}`, q[m])
  }
  return out
}

/** Keeps {@link Quarterly} equal to the figures of every budget's state: it adds the difference an event makes. */
export const quarterly = Projection.make<ProgramBudget.Event, ProgramBudget.State>({
  name: "budget_quarterly",
  tables: [],
  counters: [Quarterly],
  project: ({ after, before }) => {
    if (after._tag !== "Opened") return []
    const b = figures(before),
      a = figures(after)
    const out: Array<Projection.Update> = []
    for (const [k, v] of a) {
      const delta = v - (b.get(k) ?? 0)
      if (delta === 0) continue
      const [quarter, measure] = k.split("|") as [string, string]
      out.push(Projection.increment(Quarterly, { quarter, program: after.info.id, measure }, delta))
    }
    return out
  }
})

/** The aggregate definition of program budgets. */
export const definition = Aggregate.make({
  category,
  decider: ProgramBudget.decider,
  eventSchema: ProgramBudget.Event,
  commandSchema: ProgramBudget.Command,
  eventType: (e: ProgramBudget.Event) => e._tag,
  projections: [quarterly]
})

/** The stream id of a program's budget for a year. */
export const streamId = (program: string, year: string): string => `${program}.${year}`

/** Planned, committed and spent kopecks of every program in a quarter, from the counter. */
export const quarterlyFigures = (
  quarter: Quarter
): Effect.Effect<
  ReadonlyMap<string, { readonly planned: number; readonly committed: number; readonly spent: number }>,
  StorageError,
  ReadModels
> =>
  Effect.gen(function* () {
    const rm = yield* ReadModels
    const rows = yield* rm.counters(Quarterly.name, [quarter])
    const out = new Map<string, { planned: number; committed: number; spent: number }>()
    for (const r of rows) {
      const program = r.key[1],
        measure = MEASURES.find((m) => m === r.key[2])
      if (program === undefined || measure === undefined) continue
      const f = out.get(program) ?? { planned: 0, committed: 0, spent: 0 }
      f[measure] += r.value
      out.set(program, f)
    }
    return out
  })
