/**
 * `cityhall/testing`: arbitraries for the domain types, command-sequence
 * models, and the adapter conformance suite.
 *
 * @module
 */
export * as KernelArbitraries from "./KernelArbitraries.js"
export * as MeetingsArbitraries from "./MeetingsArbitraries.js"
export * as MeetingsModel from "./MeetingsModel.js"
