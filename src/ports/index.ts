/**
 * The ports: what the core needs from storage, as Effect services, plus the
 * generic machinery over them (aggregate definitions, the command handler,
 * projections and their rebuild).
 *
 * @module
 */
export * as Aggregate from "./Aggregate.js"
export * as CommandHandler from "./CommandHandler.js"
export * as Errors from "./Errors.js"
export * as EventStore from "./EventStore.js"
export * as Outbox from "./Outbox.js"
export * as Projection from "./Projection.js"
export * as ReadModels from "./ReadModels.js"
export * as Rebuild from "./Rebuild.js"
export * as GroupCommit from "./GroupCommit.js"
export * as Search from "./Search.js"
