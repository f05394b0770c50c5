/**
 * Indicators (целевые показатели) of goals, programs and plan items.
 *
 * A numeric indicator has a unit, a baseline (value and date), targets per
 * period and whether higher or lower values are better; a qualitative one
 * has a stated target per period and is achieved or not. Actual values are
 * facts recorded per period (by a plan's `RecordIndicatorActual` or by a
 * division's monthly report). Achievement is a pure ratio that respects the
 * direction: 1 means the target is met exactly, above 1 exceeded.
 *
 * @example
 * ```ts
 * import { Option } from "effect"
 * import { Planning } from "cityhall"
 *
 * // lower is better: 12 complaints against a target of 15 -> 1.25
 * Planning.Indicator.ratio("lower", 15, 12) // 1.25
 * ```
 *
 * @module
 */
import { Option, Schema } from "effect"
import { IndicatorId } from "../kernel/Ids.js"
import { Name } from "../kernel/Organisation.js"
import { Day, Month, Quarter, Year } from "../kernel/Period.js"
import { Link } from "./Link.js"

/** A finite, non-negative measured amount. */
export const Amount = Schema.Number.pipe(Schema.finite(), Schema.nonNegative()).annotations({ identifier: "Amount" })

/** The periods indicators are planned and measured over. */
export const IndicatorPeriod = Schema.Union(Month, Quarter, Year).annotations({ identifier: "IndicatorPeriod" })
/** @see IndicatorPeriod */
export type IndicatorPeriod = typeof IndicatorPeriod.Type

/** Which values are better. */
export const Better = Schema.Literal("higher", "lower")
/** @see Better */
export type Better = typeof Better.Type

/** A numeric target for a period. */
export class NumericTarget extends Schema.Class<NumericTarget>("NumericTarget")({
  period: IndicatorPeriod,
  value: Amount
}) {}
/** A qualitative target for a period: a statement that is achieved or not. */
export class QualitativeTarget extends Schema.Class<QualitativeTarget>("QualitativeTarget")({
  period: IndicatorPeriod,
  statement: Name
}) {}

/** A numeric indicator. */
export class NumericIndicator extends Schema.TaggedClass<NumericIndicator>()("NumericIndicator", {
  id: IndicatorId,
  name: Name,
  attachedTo: Link,
  unit: Name,
  better: Better,
  baseline: Schema.Struct({ value: Amount, date: Day }),
  targets: Schema.Array(NumericTarget)
}) {}

/** A qualitative indicator. */
export class QualitativeIndicator extends Schema.TaggedClass<QualitativeIndicator>()("QualitativeIndicator", {
  id: IndicatorId,
  name: Name,
  attachedTo: Link,
  baseline: Schema.Struct({ achieved: Schema.Boolean, date: Day }),
  targets: Schema.Array(QualitativeTarget)
}) {}

/** An indicator of a goal, a program or a plan item. */
export const Indicator = Schema.Union(NumericIndicator, QualitativeIndicator).annotations({ identifier: "Indicator" })
/** @see Indicator */
export type Indicator = typeof Indicator.Type

/** A measured value: a numeric amount or whether a qualitative target is achieved. */
export const Value = Schema.Union(
  Schema.TaggedStruct("Numeric", { amount: Amount }),
  Schema.TaggedStruct("Qualitative", { achieved: Schema.Boolean })
).annotations({ identifier: "IndicatorValue" })
/** @see Value */
export type Value = typeof Value.Type

/** An actual value of an indicator for a period. */
export class Actual extends Schema.Class<Actual>("IndicatorActual")({
  indicator: IndicatorId,
  period: IndicatorPeriod,
  value: Value
}) {}

/** The periods an indicator has targets for. */
export const targetPeriods = (indicator: Indicator): ReadonlyArray<IndicatorPeriod> =>
  indicator.targets.map((t) => t.period)

/** Whether a value has the indicator's kind (numeric for numeric, qualitative for qualitative). */
export const valueFits = (indicator: Indicator, value: Value): boolean =>
  (indicator._tag === "NumericIndicator") === (value._tag === "Numeric")

/**
 * Achievement of a numeric target as a ratio that respects the direction:
 * `actual / target` when higher is better, `target / actual` when lower is
 * better. A ratio of at least 1 means the target is met, and a better
 * actual never gives a lower ratio. Under higher-is-better a zero target is
 * met by any value (1); under lower-is-better a zero actual meets a zero
 * target exactly (1) and beats any positive one (`Infinity`).
 *
 * @example
 * ```ts
 * ratio("higher", 200, 150) // 0.75
 * ratio("lower", 15, 12)    // 1.25
 * ```
 */
export const ratio = (better: Better, target: number, actual: number): number =>
  better === "higher"
    ? target === 0
      ? 1
      : actual / target
    : actual === 0
      ? target === 0
        ? 1
        : Number.POSITIVE_INFINITY
      : target / actual

/** Whether an actual meets a target, by direction (the comparison `ratio >= 1` stands for). */
export const meets = (better: Better, target: number, actual: number): boolean =>
  better === "higher" ? actual >= target : actual <= target

/**
 * The achievement of an indicator in a period: the ratio of the period's
 * actual to its target, or none when either is missing or the actual's kind
 * does not fit. A qualitative indicator scores 1 when achieved, 0 otherwise.
 */
export const achievement = (
  indicator: Indicator,
  actuals: ReadonlyArray<Actual>,
  period: IndicatorPeriod
): Option.Option<number> => {
  const actual = actuals.find((a) => a.indicator === indicator.id && a.period === period)
  if (actual === undefined) return Option.none()
  if (indicator._tag === "NumericIndicator") {
    const target = indicator.targets.find((t) => t.period === period)
    if (target === undefined || actual.value._tag !== "Numeric") return Option.none()
    return Option.some(ratio(indicator.better, target.value, actual.value.amount))
  }
  const target = indicator.targets.find((t) => t.period === period)
  if (target === undefined || actual.value._tag !== "Qualitative") return Option.none()
  return Option.some(actual.value.achieved ? 1 : 0)
}
