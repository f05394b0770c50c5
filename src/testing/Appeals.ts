/**
 * Testing kit of the appeal area: arbitraries and the model-based
 * command-sequence test of the lifecycle.
 *
 * @module
 */
export * as Arbitraries from "./AppealsArbitraries.js"
export * as Model from "./AppealsModel.js"
