/**
 * `cityhall/testing`: arbitraries for the domain types, command-sequence
 * models, and the adapter conformance suite.
 *
 * @module
 */
export * as Appeals from "./Appeals.js"
export * as KernelArbitraries from "./KernelArbitraries.js"
export * as ElectionsArbitraries from "./ElectionsArbitraries.js"
export * as Conformance from "./Conformance.js"
export * as ConformanceSearch from "./ConformanceSearch.js"
export * as ConformanceAggregates from "./ConformanceAggregates.js"
export * as ConformanceRepeated from "./ConformanceRepeated.js"
export * as ConformanceModel from "./ConformanceModel.js"
export * as Ledger from "./Ledger.js"
export * as PlanningArbitraries from "./PlanningArbitraries.js"
export * as InformationArbitraries from "./InformationArbitraries.js"
export * as MeetingsArbitraries from "./MeetingsArbitraries.js"
export * as MeetingsModel from "./MeetingsModel.js"
