/**
 * The nodes of the planning hierarchy: directions and goals of the strategic
 * plan, municipal target programs, items of the annual plan of main
 * activities, activities of monthly plans, measures of Address
 * implementation plans, and indicators.
 *
 * Every node but a direction has exactly one upward link (a goal names its
 * direction, a program its goal, a plan item a program or goal, an activity
 * a plan item, program or goal), and the kinds are layered, so the links
 * form a forest: an activity reaches a strategic goal through exactly one
 * chain and no cycle can be written down.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Planning } from "cityhall"
 *
 * const activity = Schema.decodeUnknownSync(Planning.Node.Activity)({
 *   _tag: "Activity", id: "a-1", title: "Ремонт дворовых территорий", division: "city-economy",
 *   month: "2021-06", deadline: "2021-06-30", link: { _tag: "PlanItem", id: "item-7" },
 *   origin: { _tag: "StrategicGoal", goal: "g-2" }
 * })
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { ActivityId, DirectionId, DivisionId, GoalId, PlanItemId, ProgramId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import type * as Period from "../kernel/Period.js"
import { Day, Month, Quarter, Year } from "../kernel/Period.js"
import { Amount, Indicator } from "./Indicator.js"
import { ItemLink, Link, Origin } from "./Link.js"

/** The kinds of node. */
export const NodeKind = Schema.Literal("Direction", "Goal", "Program", "PlanItem", "Activity", "Measure", "Indicator")
/** @see NodeKind */
export type NodeKind = typeof NodeKind.Type

/** A reference to a node by kind and id: how errors name the node they are about. */
export class NodeRef extends Schema.Class<NodeRef>("NodeRef")({ kind: NodeKind, id: Schema.String }) {}

/** A direction (направление) of the strategic plan. */
export class Direction extends Schema.TaggedClass<Direction>()("Direction", { id: DirectionId, title: Name }) {}

/** A strategic goal (цель), under one direction; its period is the plan's horizon. */
export class Goal extends Schema.TaggedClass<Goal>()("Goal", { id: GoalId, direction: DirectionId, title: Name }) {}

/** A program's budget for one year, in thousands of roubles. */
export class BudgetLine extends Schema.Class<BudgetLine>("BudgetLine")({ year: Year, amount: Amount }) {}

/**
 * A municipal target program (program-target method): it serves one goal
 * (its link up; `alsoServes` lists further goals it contributes to without
 * being traced through them), has a responsible division, a period of whole
 * years inside the horizon, a budget per year and final results.
 */
export class Program extends Schema.TaggedClass<Program>()("Program", {
  id: ProgramId,
  title: Name,
  goal: GoalId,
  alsoServes: Schema.Array(GoalId),
  division: DivisionId,
  from: Year,
  to: Year,
  budget: Schema.Array(BudgetLine),
  finalResults: Schema.Array(Name)
}) {}

/** An item of an annual plan of main activities, over a month, a quarter or the whole year. */
export class PlanItem extends Schema.TaggedClass<PlanItem>()("PlanItem", {
  id: PlanItemId,
  title: Name,
  division: DivisionId,
  period: Schema.Union(Month, Quarter, Year),
  link: ItemLink
}) {}

/**
 * An activity (мероприятие) of a monthly plan: planned in `month` with a
 * planned `deadline` inside that month (a report may move it later), a
 * responsible division, its link up and its origin.
 */
export class Activity extends Schema.TaggedClass<Activity>()("Activity", {
  id: ActivityId,
  title: Name,
  division: DivisionId,
  month: Month,
  deadline: Day,
  link: Link,
  origin: Origin
}) {}

/** A measure of an Address implementation plan; it may also link up to the strategy. */
export class Measure extends Schema.TaggedClass<Measure>()("Measure", {
  id: ActivityId,
  title: Name,
  division: DivisionId,
  deadline: Day,
  link: Schema.optionalWith(Link, { exact: true })
}) {}

/** An indicator as a node of a plan. */
export class IndicatorNode extends Schema.TaggedClass<IndicatorNode>("IndicatorNode")("Indicator", {
  indicator: Indicator
}) {}

/** Any node of the planning hierarchy. */
export const Node = Schema.Union(Direction, Goal, Program, PlanItem, Activity, Measure, IndicatorNode).annotations({
  identifier: "Node"
})
/** @see Node */
export type Node = typeof Node.Type

/** The id of a node. */
export const idOf = (node: Node): string => (node._tag === "Indicator" ? node.indicator.id : node.id)

/** The storage key of a node (`"Activity:a-1"`). */
export const keyOf = (node: Node): string => `${node._tag}:${idOf(node)}`

/** The reference naming a node. */
export const refOf = (node: Node): NodeRef => new NodeRef({ kind: node._tag, id: idOf(node) })

/** The key of a node given by kind and id. */
export const key = (kind: NodeKind, id: string): string => `${kind}:${id}`

/** The key of the node a node links up to, if it has a link. */
export const parentKey = (node: Node): string | undefined => {
  switch (node._tag) {
    case "Direction":
      return undefined
    case "Goal":
      return key("Direction", node.direction)
    case "Program":
      return key("Goal", node.goal)
    case "PlanItem":
    case "Activity":
      return key(node.link._tag, node.link.id)
    case "Measure":
      return node.link === undefined ? undefined : key(node.link._tag, node.link.id)
    case "Indicator":
      return key(node.indicator.attachedTo._tag, node.indicator.attachedTo.id)
  }
}

/**
 * Every key a node refers up to: its {@link parentKey} and, for a program,
 * the goals it also serves. What a node must not lose when a plan above it
 * is amended.
 */
export const upKeys = (node: Node): ReadonlyArray<string> => {
  const pk = parentKey(node)
  const own = pk === undefined ? [] : [pk]
  return node._tag === "Program" ? [...own, ...node.alsoServes.map((g) => key("Goal", g))] : own
}

/** A program's period: its years as a horizon. */
export const programPeriod = (p: Program): Period.Horizon => `${p.from}..${p.to}` as Period.Horizon

/**
 * The period a node occupies: a direction's and a goal's is the strategic
 * horizon, a program's its years, a plan item's its period, an activity's
 * its month, a measure's its deadline day. An indicator has none of its own.
 */
export const periodOf = (node: Node, horizon: Period.Horizon): Period.Period | undefined => {
  switch (node._tag) {
    case "Direction":
    case "Goal":
      return horizon
    case "Program":
      return node.from <= node.to ? programPeriod(node) : undefined
    case "PlanItem":
      return node.period
    case "Activity":
      return node.month
    case "Measure":
      return node.deadline
    case "Indicator":
      return undefined
  }
}
