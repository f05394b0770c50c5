/**
 * Planning: the strategic plan to its horizon, directions and goals,
 * municipal target programs, the annual plan of main activities, monthly
 * plans with activities and the divisions' monthly reports, Address
 * implementation plans with quarterly reports; indicators, rollups and the
 * control department's view.
 *
 * @module
 */
export * as Control from "./Control.js"
export * as Errors from "./Errors.js"
export * as Hierarchy from "./Hierarchy.js"
export * as Indicator from "./Indicator.js"
export * as Link from "./Link.js"
export * as Node from "./Node.js"
export * as Plan from "./Plan.js"
export * as Report from "./Report.js"
export * as Rollup from "./Rollup.js"
export * as PlanRecords from "./PlanRecords.js"
