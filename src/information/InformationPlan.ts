/**
 * The monthly information plan: one decider per month. It opens with the
 * month's hot topics (taken from the appeal analysis, see
 * `AppealsAdapter.hotTopicsFrom`), assigns each to the division that is to
 * prepare a publication on it, and is closed once the coverage window (the
 * month and the next one) is over, with the {@link Coverage.CoverageReport}
 * computed from the publications then in force.
 *
 * Commands: `OpenInformationPlan`, `AssignHotTopic`, `CloseInformationPlan`.
 * Events: `InformationPlanOpened`, `HotTopicAssigned`, `InformationPlanClosed`.
 *
 * @example
 * ```ts
 * import { Decider, Information } from "cityhall"
 *
 * declare const commands: ReadonlyArray<Information.InformationPlan.Command>
 * Decider.run(Information.InformationPlan.decider, commands)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Decider as DeciderShape } from "../kernel/Decider.js"
import { ActorId, DivisionId, RecordOf } from "../kernel/Ids.js"
import { Day, Month } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Coverage from "./Coverage.js"
import { CoverageReport, HotTopic } from "./Coverage.js"
import { decodeWith, InformationRuleViolation } from "./Errors.js"
import type { InformationRule } from "./Errors.js"
import { Publication } from "./Publication.js"
import { TopicCode } from "./Topic.js"

const meta = { month: Month, at: Instant, actor: ActorId }

/** Opens the month's plan with its hot topics (distinct codes). */
export class OpenInformationPlan extends Schema.TaggedClass<OpenInformationPlan>()("OpenInformationPlan", {
  ...meta,
  hotTopics: Schema.Array(HotTopic)
}) {}
/** Assigns a hot topic to the division that prepares a publication on it (a later assignment replaces an earlier one). */
export class AssignHotTopic extends Schema.TaggedClass<AssignHotTopic>()("AssignHotTopic", {
  ...meta,
  topic: TopicCode,
  division: DivisionId
}) {}
/** Closes the plan after the window, with the publications in force (from the register). */
export class CloseInformationPlan extends Schema.TaggedClass<CloseInformationPlan>()("CloseInformationPlan", {
  ...meta,
  on: Day,
  publications: Schema.Array(Publication)
}) {}

/** Every command of a monthly information plan. */
export const Command = Schema.Union(OpenInformationPlan, AssignHotTopic, CloseInformationPlan)
/** @see Command */
export type Command = typeof Command.Type

/** The plan was opened. */
export class InformationPlanOpened extends Schema.TaggedClass<InformationPlanOpened>()("InformationPlanOpened", {
  ...meta,
  hotTopics: Schema.Array(HotTopic)
}) {}
/** A hot topic was assigned to a division. */
export class HotTopicAssigned extends Schema.TaggedClass<HotTopicAssigned>()("HotTopicAssigned", {
  ...meta,
  topic: TopicCode,
  division: DivisionId
}) {}
/** The plan was closed with its coverage report. */
export class InformationPlanClosed extends Schema.TaggedClass<InformationPlanClosed>()("InformationPlanClosed", {
  ...meta,
  on: Day,
  report: CoverageReport
}) {}

/** Every event of a monthly information plan. */
export const Event = Schema.Union(InformationPlanOpened, HotTopicAssigned, InformationPlanClosed)
/** @see Event */
export type Event = typeof Event.Type

/** No plan yet. */
export class Unopened extends Schema.TaggedClass<Unopened>()("Unopened", {}) {}
/** An open plan. */
export class Open extends Schema.TaggedClass<Open>()("Open", {
  month: Month,
  hotTopics: Schema.Array(HotTopic),
  /** The division assigned to each hot topic, by code. */
  assignments: RecordOf(DivisionId)
}) {}
/** A closed plan with its report. */
export class Closed extends Schema.TaggedClass<Closed>()("Closed", {
  month: Month,
  hotTopics: Schema.Array(HotTopic),
  assignments: RecordOf(DivisionId),
  closedOn: Day,
  report: CoverageReport
}) {}

/** The state of a month's plan. */
export const State = Schema.Union(Unopened, Open, Closed)
/** @see State */
export type State = typeof State.Type

/** The initial state. */
export const initialState: State = new Unopened()

const violation = (rule: InformationRule, field: string, message: string) =>
  Either.left(new InformationRuleViolation({ rule, field, message }))

/** Decides a command. */
export const decide = (c: Command, s: State): Either.Either<ReadonlyArray<Event>, InformationRuleViolation> => {
  const m = { month: c.month, at: c.at, actor: c.actor }
  if (c._tag === "OpenInformationPlan") {
    if (s._tag !== "Unopened")
      return violation("planAlreadyOpened", "month", `the information plan for ${s.month} is already opened`)
    const seen = new Set<string>()
    for (const [i, t] of c.hotTopics.entries()) {
      if (seen.has(t.code))
        return violation("duplicateTopic", `hotTopics[${i}].code`, `hot topic ${t.code} is listed twice`)
      seen.add(t.code)
    }
    return Either.right([new InformationPlanOpened({ ...m, hotTopics: c.hotTopics })])
  }
  if (s._tag === "Unopened")
    return violation("planNotOpened", "month", `the information plan for ${c.month} is not opened`)
  if (c.month !== s.month)
    return violation("wrongMonth", "month", `command for ${c.month} sent to the plan for ${s.month}`)
  if (s._tag === "Closed") return violation("planClosed", "month", `the information plan for ${s.month} is closed`)
  switch (c._tag) {
    case "AssignHotTopic":
      return s.hotTopics.some((t) => t.code === c.topic)
        ? Either.right([new HotTopicAssigned({ ...m, topic: c.topic, division: c.division })])
        : violation("unknownHotTopic", "topic", `${c.topic} is not a hot topic of ${s.month}`)
    case "CloseInformationPlan": {
      const { to } = Coverage.window(s.month)
      if (c.on <= to)
        return violation(
          "windowNotOver",
          "on",
          `the coverage window of ${s.month} runs to ${to}; the plan closes after it, not on ${c.on}`
        )
      return Either.right([
        new InformationPlanClosed({ ...m, on: c.on, report: Coverage.coverage(s.month, s.hotTopics, c.publications) })
      ])
    }
  }
}

/** Applies an event. */
export const evolve = (s: State, e: Event): State => {
  switch (e._tag) {
    case "InformationPlanOpened":
      return new Open({ month: e.month, hotTopics: e.hotTopics, assignments: {} })
    case "HotTopicAssigned":
      return s._tag === "Open"
        ? new Open(
            { month: s.month, hotTopics: s.hotTopics, assignments: { ...s.assignments, [e.topic]: e.division } },
            true
          )
        : s
    case "InformationPlanClosed":
      return s._tag === "Open"
        ? new Closed(
            { month: s.month, hotTopics: s.hotTopics, assignments: s.assignments, closedOn: e.on, report: e.report },
            true
          )
        : s
  }
}

/** The decider of a monthly information plan. */
export const decider: DeciderShape<Command, Event, State, InformationRuleViolation> = { decide, evolve, initialState }

/** Decodes a command from outside data; a malformed one is an `InvalidInformationCommand` naming the path. */
export const decodeCommand = decodeWith(Command)
