/**
 * The type paths an integrator writes, named from the installed package
 * (ESM). Each alias fails to compile if its path is not nameable from the
 * package's declarations; `tsc` runs with `skipLibCheck: false`, so the
 * package's own declarations are checked too. The generated
 * `generated/type-paths.ts` adds every exported type of every module.
 */
import type { Appeals, Duma, Elections, Meetings, Planning, Ports } from "cityhall"
import type { Api } from "cityhall/adapters/http"
import type { MemoryStore } from "cityhall/adapters/memory"
import type { PostgresStore } from "cityhall/adapters/postgres"
import type { SqlStore } from "cityhall/adapters/sql"
import type { SqliteStore } from "cityhall/adapters/sqlite"
import type { Conformance, ConformanceAggregates, ConformanceModel, Ledger } from "cityhall/testing"

// the port services, as the adapter skeleton in docs/adapters.md writes them
export type EventStoreService = Ports.EventStore.EventStore.Service
export type ReadModelsService = Ports.ReadModels.ReadModels.Service
export type OutboxService = Ports.Outbox.Outbox.Service
export type MaintenanceService = Ports.EventStore.Maintenance.Service
export type Stored = Ports.EventStore.StoredEvent
export type Result = Ports.EventStore.AppendResult
export type Batch = Ports.EventStore.AppendBatch
export type RowWrite = Ports.ReadModels.Write
export type Query = Ports.ReadModels.RowQuery
export type Storage = Ports.Errors.StorageError
export type AnyDefinition = Ports.Aggregate.AnyAggregate
export type Handled = Ports.CommandHandler.CommandResult<Ledger.Event, Ledger.State>

// the areas
export type AppealCommand = Appeals.AppealCommand.AppealCommand
export type AppealEvent = Appeals.AppealEvent.AppealEvent
export type AppealState = Appeals.AppealState.AppealState
export type AppealRow = Appeals.AppealRecords.AppealRow
export type MonthlyReport = Appeals.AppealRecords.Report
export type Analysis = Appeals.Analysis.Analysis
export type PlanState = Planning.Plan.State
export type PlanCommand = Planning.Plan.Command
export type DumaLink = Duma.Link.ActivityLink
export type TaskDefinition = Elections.Task.TaskDefinition
export type ReceptionCommand = Meetings.Reception.Command

// the kit
export type RunOptions = Conformance.RunOptions<never, never>
export type Supports = Conformance.Supports<never>
export type KitAggregate = ConformanceModel.AnyConformanceAggregate
export type Failure = ConformanceModel.ConformanceFailure
export type Areas = ReturnType<typeof ConformanceAggregates.areas>

// the adapters
export type Memory = typeof MemoryStore.layer
export type SqlOptions = SqlStore.SqlStoreOptions
export type SqliteOptions = SqliteStore.SqliteStoreOptions
export type PostgresOptions = PostgresStore.PostgresStoreOptions
export type AppealView = Api.AppealView
