/**
 * Budget control by the program-target method: each municipal target
 * program's budget per year — planned, committed and spent by quarter — and
 * the control report with its flags.
 *
 * @module
 */
export * as Control from "./Control.js"
export * as Errors from "./Errors.js"
export * as Money from "./Money.js"
export * as Planning from "./Planning.js"
export * as ProgramBudget from "./ProgramBudget.js"
export * as BudgetRecords from "./BudgetRecords.js"
