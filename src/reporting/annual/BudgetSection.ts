/**
 * The annual report's section on budget control of the municipal
 * programs: per program, the planned, committed and spent roubles, the
 * execution and the control flags of the year's budget as of the report's
 * day (`Budget.Control.control`).
 *
 * @module
 */
import * as BudgetControl from "../../budget/Control.js"
import type * as ProgramBudget from "../../budget/ProgramBudget.js"
import type { Day } from "../../kernel/Period.js"
import { t } from "../internal/Prose.js"
import type { Lang } from "../Plural.js"
import * as R from "../ReportDocument.js"

/** The budget control reports of a year's program budgets, as of a day, ordered by program. */
export const budgetsOf = (
  budgets: ReadonlyArray<ProgramBudget.State>,
  year: number,
  asOf: Day
): ReadonlyArray<BudgetControl.ControlReport> =>
  budgets
    .flatMap((b) => (b._tag === "Opened" && b.year === `${year}` ? [BudgetControl.control(b, { asOf })] : []))
    .sort((a, b) => (a.program < b.program ? -1 : a.program > b.program ? 1 : 0))

const roubles = (kopecks: number): number => Math.round(kopecks) / 100

/** The section of a year's budget control reports in `lang`; programs are named by `programName` (their title in the strategic plan; the id when none names it). */
export const section = (
  budgets: ReadonlyArray<BudgetControl.ControlReport>,
  lang: Lang,
  programName: (id: string) => string = (id) => id
): R.Section =>
  new R.Section({
    heading: t(lang, "Контроль исполнения бюджета муниципальных программ", "Budget control of municipal programs"),
    blocks: [
      new R.Table({
        caption: t(lang, "Исполнение по программам, руб.", "Execution by program, roubles"),
        columns: [
          new R.Column({ header: t(lang, "Программа", "Program") }),
          new R.Column({ header: t(lang, "План", "Planned") }),
          new R.Column({ header: t(lang, "Обязательства", "Committed") }),
          new R.Column({ header: t(lang, "Кассовое исполнение", "Spent") }),
          new R.Column({ header: t(lang, "Исполнение", "Execution") }),
          new R.Column({ header: t(lang, "Замечаний", "Flags") })
        ],
        rows: budgets.map(
          (b): ReadonlyArray<R.Cell> => [
            programName(b.program),
            roubles(b.planned),
            roubles(b.committed),
            roubles(b.spent),
            b.planned === 0 ? "—" : new R.Percent({ ratio: b.spent / b.planned }),
            b.flags.length
          ]
        )
      })
    ],
    sections: []
  })
