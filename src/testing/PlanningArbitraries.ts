/**
 * fast-check arbitraries for planning: random valid plan trees (a strategic
 * plan with directions, goals, programs, indicators; annual plan items;
 * monthly activities), the command sequences that build them plan by plan,
 * and report entries. Exported so that third parties' tests draw the same
 * data as cityhall's own.
 *
 * @module
 */
import { Arbitrary, FastCheck as fc } from "effect"
import { DocumentId, DivisionId, InstructionId, MeetingId, QuestionId, RecommendationId } from "../kernel/Ids.js"
import type {
  ActivityId,
  ActorId,
  DirectionId,
  GoalId,
  IndicatorId,
  PlanId,
  PlanItemId,
  ProgramId
} from "../kernel/Ids.js"
import * as P from "../kernel/Period.js"
import * as H from "../planning/Hierarchy.js"
import * as I from "../planning/Indicator.js"
import type * as L from "../planning/Link.js"
import * as N from "../planning/Node.js"
import * as Plan from "../planning/Plan.js"
import * as R from "../planning/Report.js"

/** The divisions random trees assign work to. */
export const DIVISIONS: ReadonlyArray<DivisionId> = ["economy", "city-economy", "social", "architecture"].map((d) =>
  DivisionId.make(d)
)

type Gen = fc.GeneratorValue

const pick = <A>(g: Gen, xs: ReadonlyArray<A>): A => xs[g(fc.integer, { min: 0, max: xs.length - 1 })] as A

const periodInside = (g: Gen, outer: P.Period): P.Month | P.Quarter | P.Year => {
  const months = P.months(outer as P.Horizon)
  const m = pick(g, months)
  const kind = g(fc.constantFrom, "month", "quarter", "year")
  if (kind === "quarter" && P.containsPeriod(outer, P.quarterOf(m))) return P.quarterOf(m)
  if (kind === "year" && P.containsPeriod(outer, P.yearOf(m))) return P.yearOf(m)
  return m
}

const indicatorFor = (g: Gen, id: IndicatorId, attachedTo: L.Link, period: P.Period): I.Indicator => {
  // Targets over the periods one level down (a horizon's years, a year's quarters, a quarter's months), or the month itself.
  const inside = (P.kindOf(period) === "month" ? [period] : P.children(period)) as ReadonlyArray<I.IndicatorPeriod>
  const targetYears = inside.slice(0, g(fc.integer, { min: 0, max: inside.length }))
  const baseline = P.addDays(P.firstDay(period), -1)
  if (g(fc.boolean)) {
    return new I.NumericIndicator({
      id,
      name: `Показатель ${id}`,
      attachedTo,
      unit: g(fc.constantFrom, "%", "шт.", "км", "тыс. руб."),
      better: g(fc.constantFrom, "higher", "lower"),
      baseline: { value: g(fc.integer, { min: 0, max: 1000 }), date: baseline },
      targets: targetYears.map((y) => new I.NumericTarget({ period: y, value: g(fc.integer, { min: 0, max: 1000 }) }))
    })
  }
  return new I.QualitativeIndicator({
    id,
    name: `Показатель ${id}`,
    attachedTo,
    baseline: { achieved: false, date: baseline },
    targets: targetYears.map((y) => new I.QualitativeTarget({ period: y, statement: `Достигнуто к ${y}` }))
  })
}

/** Options of {@link planTree}. */
export interface PlanTreeOptions {
  /** The most years in the horizon (default 3). */
  readonly maxYears?: number
  /** The most children per node (default 2). */
  readonly maxChildren?: number
}

/**
 * A random valid plan tree: a horizon of 1..`maxYears` years from 2019, with
 * directions, goals, programs (with budgets and final results), annual plan
 * items, monthly activities of random origins (at least one per goal), and
 * indicators on goals, programs and items. Every node satisfies {@link H.validate}.
 */
export const planTree = (options: PlanTreeOptions = {}): fc.Arbitrary<H.PlanTree> =>
  fc.gen().map((g) => {
    const maxChildren = options.maxChildren ?? 2
    const from = g(fc.integer, { min: 2019, max: 2026 })
    const to = from + g(fc.integer, { min: 0, max: (options.maxYears ?? 3) - 1 })
    const horizon = P.unsafeHorizon(`${from}..${to}`)
    const nodes: Array<N.Node> = []
    let n = 0
    const next = (prefix: string) => `${prefix}${n++}`
    const count = (min = 0) => g(fc.integer, { min, max: maxChildren })
    const activitiesUnder = (link: L.Link, period: P.Period, goal: GoalId, min = 0) => {
      for (let k = count(min); k > 0; k--) {
        const month = pick(g, P.months(period as P.Horizon))
        const deadline = pick(g, P.days(month))
        const originKind = g(
          fc.constantFrom,
          "StrategicGoal",
          "Recommendation",
          "MeetingQuestion",
          "Instruction",
          "DumaDecision"
        )
        const origin: L.Origin =
          originKind === "StrategicGoal"
            ? { _tag: "StrategicGoal", goal }
            : originKind === "Recommendation"
              ? { _tag: "Recommendation", recommendation: RecommendationId.make(next("rec")) }
              : originKind === "MeetingQuestion"
                ? { _tag: "MeetingQuestion", meeting: MeetingId.make(next("m")), question: QuestionId.make(next("q")) }
                : originKind === "Instruction"
                  ? { _tag: "Instruction", instruction: InstructionId.make(next("ins")) }
                  : { _tag: "DumaDecision", decision: DocumentId.make(next("doc")) }
        nodes.push(
          new N.Activity({
            id: next("a") as ActivityId,
            title: "Мероприятие",
            division: pick(g, DIVISIONS),
            month,
            deadline,
            link,
            origin
          })
        )
      }
    }
    const itemsUnder = (link: L.ItemLink, period: P.Period, goal: GoalId) => {
      for (let k = count(); k > 0; k--) {
        const id = next("i") as PlanItemId
        const itemPeriod = periodInside(g, period)
        nodes.push(new N.PlanItem({ id, title: "Пункт плана", division: pick(g, DIVISIONS), period: itemPeriod, link }))
        if (g(fc.boolean))
          nodes.push(
            new N.IndicatorNode({
              indicator: indicatorFor(g, next("ind") as IndicatorId, { _tag: "PlanItem", id }, itemPeriod)
            })
          )
        activitiesUnder({ _tag: "PlanItem", id }, itemPeriod, goal)
      }
    }
    const goals: Array<GoalId> = []
    for (let d = count(1); d > 0; d--) {
      const direction = next("d") as DirectionId
      nodes.push(new N.Direction({ id: direction, title: "Направление" }))
      for (let k = count(1); k > 0; k--) {
        const goal = next("g") as GoalId
        goals.push(goal)
        nodes.push(new N.Goal({ id: goal, direction, title: "Цель" }))
        if (g(fc.boolean))
          nodes.push(
            new N.IndicatorNode({
              indicator: indicatorFor(g, next("ind") as IndicatorId, { _tag: "Goal", id: goal }, horizon)
            })
          )
        for (let p = count(); p > 0; p--) {
          const id = next("p") as ProgramId
          const a = g(fc.integer, { min: from, max: to }),
            b = g(fc.integer, { min: a, max: to })
          const years = P.children(P.unsafeHorizon(`${a}..${b}`)) as ReadonlyArray<P.Year>
          const program = new N.Program({
            id,
            title: "Программа",
            goal,
            alsoServes: goals.filter((x) => x !== goal && g(fc.boolean)),
            division: pick(g, DIVISIONS),
            from: P.unsafeYear(a),
            to: P.unsafeYear(b),
            budget: years
              .filter(() => g(fc.boolean))
              .map((year) => new N.BudgetLine({ year, amount: g(fc.integer, { min: 0, max: 1_000_000 }) })),
            finalResults: g(fc.boolean) ? ["Результат"] : []
          })
          nodes.push(program)
          if (g(fc.boolean))
            nodes.push(
              new N.IndicatorNode({
                indicator: indicatorFor(
                  g,
                  next("ind") as IndicatorId,
                  { _tag: "Program", id },
                  N.programPeriod(program)
                )
              })
            )
          itemsUnder({ _tag: "Program", id }, N.programPeriod(program), goal)
          activitiesUnder({ _tag: "Program", id }, N.programPeriod(program), goal)
        }
        itemsUnder({ _tag: "Goal", id: goal }, horizon, goal)
        activitiesUnder({ _tag: "Goal", id: goal }, horizon, goal, 1)
      }
    }
    return new H.PlanTree({ horizon, nodes })
  })

/** The plans a tree is split into, in the order they must be built (upper plans first). */
export interface PlanSplit {
  readonly plan: PlanId
  readonly kind: Plan.PlanKind
  readonly period: P.Period
  readonly nodes: ReadonlyArray<N.Node>
}

const planOfNode = (
  tree: H.PlanTree,
  byKey: Map<string, N.Node>,
  node: N.Node
): { kind: Plan.PlanKind; period: P.Period } => {
  switch (node._tag) {
    case "PlanItem":
      return { kind: "annual", period: P.yearOf(P.firstDay(node.period)) }
    case "Activity":
      return { kind: "monthly", period: node.month }
    case "Measure":
      return { kind: "address", period: P.yearOf(node.deadline) }
    case "Indicator": {
      const owner = byKey.get(`${node.indicator.attachedTo._tag}:${node.indicator.attachedTo.id}`)
      return owner !== undefined && owner._tag === "PlanItem"
        ? planOfNode(tree, byKey, owner)
        : { kind: "strategic", period: tree.horizon }
    }
    default:
      return { kind: "strategic", period: tree.horizon }
  }
}

/** Splits a tree into its plans: the strategic plan, one annual plan per year, one monthly plan per month. */
export const split = (tree: H.PlanTree): ReadonlyArray<PlanSplit> => {
  const byKey = new Map(tree.nodes.map((n) => [N.keyOf(n), n]))
  const plans = new Map<string, { plan: PlanId; kind: Plan.PlanKind; period: P.Period; nodes: Array<N.Node> }>()
  plans.set(`strategic:${tree.horizon}`, {
    plan: `strategic-${tree.horizon.replace("..", "-")}` as PlanId,
    kind: "strategic",
    period: tree.horizon,
    nodes: []
  })
  for (const node of tree.nodes) {
    const { kind, period } = planOfNode(tree, byKey, node)
    const k = `${kind}:${period}`
    let entry = plans.get(k)
    if (entry === undefined) {
      entry = { plan: `${kind}-${period}` as PlanId, kind, period, nodes: [] }
      plans.set(k, entry)
    }
    entry.nodes.push(node)
  }
  const rank: Record<Plan.PlanKind, number> = { strategic: 0, annual: 1, monthly: 2, address: 3 }
  return [...plans.values()].sort((a, b) => rank[a.kind] - rank[b.kind] || (a.period < b.period ? -1 : 1))
}

/** The instant commands of generated sequences carry. */
export const AT = new Date("2021-01-15T00:00:00Z")
/** The actor of generated commands. */
export const ACTOR = "clerk-1" as ActorId

/** The commands that create, fill and approve one plan of a split. */
export const buildCommands = (p: PlanSplit, actNumber = `${p.plan}-act`): ReadonlyArray<Plan.Command> => {
  const m = { plan: p.plan, at: AT, actor: ACTOR }
  const commands: Array<Plan.Command> = [
    new Plan.CreatePlan({ ...m, kind: p.kind, period: p.period, title: `План ${p.period}` })
  ]
  for (const node of p.nodes) commands.push(new Plan.AddNode({ ...m, node }))
  if (p.nodes.length > 0)
    commands.push(new Plan.ApprovePlan({ ...m, act: new Plan.Act({ number: actNumber, date: P.firstDay(p.period) }) }))
  return commands
}

/** A random execution of an activity planned with a deadline, reportable for a period ending on `periodEnd`. */
export const execution = (deadline: P.Day, periodEnd: P.Day): fc.Arbitrary<R.Execution> =>
  fc.oneof(
    fc
      .integer({ min: -40, max: Math.max(-40, P.daysBetween(deadline, periodEnd)) })
      .map((d) => new R.Done({ completedOn: P.addDays(deadline, d) })),
    fc.constant(new R.PartlyDone({ note: "Выполнено частично" })),
    fc.constant(new R.NotDone({ reason: "Не выделено финансирование" })),
    fc
      .integer({ min: 1, max: 120 })
      .map((d) => new R.Moved({ newDeadline: P.addDays(deadline, d), reason: "Перенос срока" }))
  )

/** Any node, derived from its Schema (not necessarily valid in a tree): for round trips. */
export const anyNode: fc.Arbitrary<N.Node> = Arbitrary.make(N.Node)
/** Any plan command, derived from its Schema: for round trips and rejection properties. */
export const anyCommand: fc.Arbitrary<Plan.Command> = Arbitrary.make(Plan.Command)
