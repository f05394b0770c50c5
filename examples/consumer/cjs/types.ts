/**
 * The same paths from a CommonJS module (this folder's package.json says
 * `"type": "commonjs"`): `require` resolves the package's CJS entry points
 * and their declarations (`dist/*.d.cts`).
 */
import type { Appeals, Duma, Planning, Ports } from "cityhall"
import type { Conformance } from "cityhall/testing"

export type EventStoreService = Ports.EventStore.EventStore.Service
export type ReadModelsService = Ports.ReadModels.ReadModels.Service
export type OutboxService = Ports.Outbox.Outbox.Service
export type MaintenanceService = Ports.EventStore.Maintenance.Service
export type AppealCommand = Appeals.AppealCommand.AppealCommand
export type AppealRow = Appeals.AppealRecords.AppealRow
export type PlanState = Planning.Plan.State
export type DumaLink = Duma.Link.ActivityLink
export type RunOptions = Conformance.RunOptions<never, never>
