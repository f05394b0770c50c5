/**
 * Branded identifiers for every entity of cityhall.
 *
 * An id is a non-empty string of at most 128 characters drawn from letters,
 * digits and `_ . : -`, starting with a letter or digit (so it is safe in a
 * URL path, a NATS subject token after escaping, a file name and a log line).
 * Each id has a Schema (`DivisionId`) and a `…FromString` companion that
 * answers a typed {@link MalformedId} instead of throwing.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Ids } from "cityhall"
 *
 * const id = Ids.DivisionIdFromString("economy-committee")
 * if (Either.isRight(id)) console.log(id.right) // "economy-committee" as DivisionId
 * ```
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as Decode from "./Decode.js"

/** The pattern every id matches. */
export const IdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/

/** A string that is not a well-formed id of the named kind. */
export class MalformedId extends Schema.TaggedError<MalformedId>()("MalformedId", {
  kind: Schema.String,
  input: Schema.String,
  message: Schema.String
}) {}

const idString = (kind: string) =>
  Schema.String.pipe(
    Schema.pattern(IdPattern, {
      message: () => `${kind}: expected 1-128 characters of letters, digits and "_.:-", starting with a letter or digit`
    })
  )

const parser = <A>(kind: string, schema: Schema.Schema<A, string>) => {
  const decode = Decode.unknownEither(schema)
  return (input: string): Either.Either<A, MalformedId> =>
    Either.mapLeft(
      decode(input),
      (e) => new MalformedId({ kind, input, message: ParseResult.TreeFormatter.formatErrorSync(e) })
    )
}

/**
 * The key of a keyed table inside a state or a report (counts by channel,
 * executions by activity, …): any string but `__proto__`, which a plain
 * object cannot hold as its own key — decoding it would silently drop the
 * entry, so it is refused with a message that names it.
 */
export const RecordKey = Schema.String.pipe(
  Schema.filter((k) => k !== "__proto__" || 'a table key may not be "__proto__" (a plain object cannot hold it)')
)
/** @see RecordKey */
export type RecordKey = typeof RecordKey.Type

/**
 * A keyed table (`{ [key: RecordKey]: A }`). Decoding refuses a key that is
 * not a {@link RecordKey} with an error naming the key, where a plain
 * `Schema.Record` would drop the entry without a word.
 */
export const RecordOf = <A, I, R>(value: Schema.Schema<A, I, R>) =>
  Schema.Record({ key: RecordKey, value }).annotations({ parseOptions: { onExcessProperty: "error" } })

/** A structural division of the administration (department, committee, directorate). */
export const DivisionId = idString("DivisionId").pipe(Schema.brand("DivisionId"))
/** @see DivisionId */
export type DivisionId = typeof DivisionId.Type
/** Parses a {@link DivisionId}; a malformed string is a {@link MalformedId}. */
export const DivisionIdFromString = parser("DivisionId", DivisionId)

/** A municipal enterprise or institution (can be an addressee of appeals). */
export const MunicipalOrganisationId = idString("MunicipalOrganisationId").pipe(Schema.brand("MunicipalOrganisationId"))
/** @see MunicipalOrganisationId */
export type MunicipalOrganisationId = typeof MunicipalOrganisationId.Type
/** Parses a {@link MunicipalOrganisationId}. */
export const MunicipalOrganisationIdFromString = parser("MunicipalOrganisationId", MunicipalOrganisationId)

/** An official: the Mayor, a deputy mayor, a head of division. */
export const OfficialId = idString("OfficialId").pipe(Schema.brand("OfficialId"))
/** @see OfficialId */
export type OfficialId = typeof OfficialId.Type
/** Parses an {@link OfficialId}. */
export const OfficialIdFromString = parser("OfficialId", OfficialId)

/** An administration (the tenant: one city's executive body). */
export const AdministrationId = idString("AdministrationId").pipe(Schema.brand("AdministrationId"))
/** @see AdministrationId */
export type AdministrationId = typeof AdministrationId.Type
/** Parses an {@link AdministrationId}. */
export const AdministrationIdFromString = parser("AdministrationId", AdministrationId)

/** A citizen's appeal (обращение гражданина). */
export const AppealId = idString("AppealId").pipe(Schema.brand("AppealId"))
/** @see AppealId */
export type AppealId = typeof AppealId.Type
/** Parses an {@link AppealId}. */
export const AppealIdFromString = parser("AppealId", AppealId)

/** A strategic plan, annual plan, monthly plan or Address implementation plan. */
export const PlanId = idString("PlanId").pipe(Schema.brand("PlanId"))
/** @see PlanId */
export type PlanId = typeof PlanId.Type
/** Parses a {@link PlanId}. */
export const PlanIdFromString = parser("PlanId", PlanId)

/** A direction of the strategic plan. */
export const DirectionId = idString("DirectionId").pipe(Schema.brand("DirectionId"))
/** @see DirectionId */
export type DirectionId = typeof DirectionId.Type
/** Parses a {@link DirectionId}. */
export const DirectionIdFromString = parser("DirectionId", DirectionId)

/** A strategic goal. */
export const GoalId = idString("GoalId").pipe(Schema.brand("GoalId"))
/** @see GoalId */
export type GoalId = typeof GoalId.Type
/** Parses a {@link GoalId}. */
export const GoalIdFromString = parser("GoalId", GoalId)

/** A municipal target program. */
export const ProgramId = idString("ProgramId").pipe(Schema.brand("ProgramId"))
/** @see ProgramId */
export type ProgramId = typeof ProgramId.Type
/** Parses a {@link ProgramId}. */
export const ProgramIdFromString = parser("ProgramId", ProgramId)

/** An indicator (целевой показатель). */
export const IndicatorId = idString("IndicatorId").pipe(Schema.brand("IndicatorId"))
/** @see IndicatorId */
export type IndicatorId = typeof IndicatorId.Type
/** Parses an {@link IndicatorId}. */
export const IndicatorIdFromString = parser("IndicatorId", IndicatorId)

/** An item of an annual plan of main activities. */
export const PlanItemId = idString("PlanItemId").pipe(Schema.brand("PlanItemId"))
/** @see PlanItemId */
export type PlanItemId = typeof PlanItemId.Type
/** Parses a {@link PlanItemId}. */
export const PlanItemIdFromString = parser("PlanItemId", PlanItemId)

/** A concrete activity (мероприятие) of a monthly plan, or a measure of an Address plan. */
export const ActivityId = idString("ActivityId").pipe(Schema.brand("ActivityId"))
/** @see ActivityId */
export type ActivityId = typeof ActivityId.Type
/** Parses an {@link ActivityId}. */
export const ActivityIdFromString = parser("ActivityId", ActivityId)

/** A monthly or quarterly report. */
export const ReportId = idString("ReportId").pipe(Schema.brand("ReportId"))
/** @see ReportId */
export type ReportId = typeof ReportId.Type
/** Parses a {@link ReportId}. */
export const ReportIdFromString = parser("ReportId", ReportId)

/** An instruction (поручение) to a division. */
export const InstructionId = idString("InstructionId").pipe(Schema.brand("InstructionId"))
/** @see InstructionId */
export type InstructionId = typeof InstructionId.Type
/** Parses an {@link InstructionId}. */
export const InstructionIdFromString = parser("InstructionId", InstructionId)

/** A recommendation produced by the monthly analysis of appeals. */
export const RecommendationId = idString("RecommendationId").pipe(Schema.brand("RecommendationId"))
/** @see RecommendationId */
export type RecommendationId = typeof RecommendationId.Type
/** Parses a {@link RecommendationId}. */
export const RecommendationIdFromString = parser("RecommendationId", RecommendationId)

/** A personal reception slot or session of an official. */
export const ReceptionId = idString("ReceptionId").pipe(Schema.brand("ReceptionId"))
/** @see ReceptionId */
export type ReceptionId = typeof ReceptionId.Type
/** Parses a {@link ReceptionId}. */
export const ReceptionIdFromString = parser("ReceptionId", ReceptionId)

/** A reception card (карточка личного приёма). */
export const ReceptionCardId = idString("ReceptionCardId").pipe(Schema.brand("ReceptionCardId"))
/** @see ReceptionCardId */
export type ReceptionCardId = typeof ReceptionCardId.Type
/** Parses a {@link ReceptionCardId}. */
export const ReceptionCardIdFromString = parser("ReceptionCardId", ReceptionCardId)

/** An information meeting with residents. */
export const MeetingId = idString("MeetingId").pipe(Schema.brand("MeetingId"))
/** @see MeetingId */
export type MeetingId = typeof MeetingId.Type
/** Parses a {@link MeetingId}. */
export const MeetingIdFromString = parser("MeetingId", MeetingId)

/** A question raised at an information meeting. */
export const QuestionId = idString("QuestionId").pipe(Schema.brand("QuestionId"))
/** @see QuestionId */
export type QuestionId = typeof QuestionId.Type
/** Parses a {@link QuestionId}. */
export const QuestionIdFromString = parser("QuestionId", QuestionId)

/** An election. */
export const ElectionId = idString("ElectionId").pipe(Schema.brand("ElectionId"))
/** @see ElectionId */
export type ElectionId = typeof ElectionId.Type
/** Parses an {@link ElectionId}. */
export const ElectionIdFromString = parser("ElectionId", ElectionId)

/** A task of the administration's election calendar. */
export const TaskId = idString("TaskId").pipe(Schema.brand("TaskId"))
/** @see TaskId */
export type TaskId = typeof TaskId.Type
/** Parses a {@link TaskId}. */
export const TaskIdFromString = parser("TaskId", TaskId)

/** A polling station (избирательный участок). */
export const PollingStationId = idString("PollingStationId").pipe(Schema.brand("PollingStationId"))
/** @see PollingStationId */
export type PollingStationId = typeof PollingStationId.Type
/** Parses a {@link PollingStationId}. */
export const PollingStationIdFromString = parser("PollingStationId", PollingStationId)

/** A commission (territorial or precinct electoral commission). */
export const CommissionId = idString("CommissionId").pipe(Schema.brand("CommissionId"))
/** @see CommissionId */
export type CommissionId = typeof CommissionId.Type
/** Parses a {@link CommissionId}. */
export const CommissionIdFromString = parser("CommissionId", CommissionId)

/** A publication (newspaper, website, social network, radio, TV). */
export const PublicationId = idString("PublicationId").pipe(Schema.brand("PublicationId"))
/** @see PublicationId */
export type PublicationId = typeof PublicationId.Type
/** Parses a {@link PublicationId}. */
export const PublicationIdFromString = parser("PublicationId", PublicationId)

/** A session (of the City Duma or of the Methodological Council). */
export const SessionId = idString("SessionId").pipe(Schema.brand("SessionId"))
/** @see SessionId */
export type SessionId = typeof SessionId.Type
/** Parses a {@link SessionId}. */
export const SessionIdFromString = parser("SessionId", SessionId)

/** A document: a manual, a draft decision, a legal act. */
export const DocumentId = idString("DocumentId").pipe(Schema.brand("DocumentId"))
/** @see DocumentId */
export type DocumentId = typeof DocumentId.Type
/** Parses a {@link DocumentId}. */
export const DocumentIdFromString = parser("DocumentId", DocumentId)

/** A person acting on the system (clerk, official, citizen account): the actor of an event. */
export const ActorId = idString("ActorId").pipe(Schema.brand("ActorId"))
/** @see ActorId */
export type ActorId = typeof ActorId.Type
/** Parses an {@link ActorId}. */
export const ActorIdFromString = parser("ActorId", ActorId)
