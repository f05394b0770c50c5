/**
 * Money as integer kopecks: never floats. Amounts are safe integers
 * (up to 2^53 - 1 kopecks, about 90 trillion roubles); sums are checked.
 *
 * @example
 * ```ts
 * import { Budget } from "cityhall"
 *
 * Budget.Money.parseRoubles("1234.5") // Either.right(123450)
 * Budget.Money.format(123450)         // "1234.50"
 * ```
 *
 * @module
 */
import type { Brand } from "effect"
import { Either, Schema } from "effect"

/** An amount of money in kopecks: a non-negative safe integer. */
export const Kopecks = Schema.Int.pipe(
  Schema.between(0, Number.MAX_SAFE_INTEGER),
  Schema.brand("Kopecks"),
  Schema.annotations({
    identifier: "Kopecks",
    arbitrary: () => (fc) =>
      fc.integer({ min: 0, max: 1_000_000_000_000 }).map((n) => n as number & Brand.Brand<"Kopecks">)
  })
)
/** @see Kopecks */
export type Kopecks = typeof Kopecks.Type

/** A positive amount in kopecks (a commitment or a payment). */
export const PositiveKopecks = Kopecks.pipe(
  Schema.filter((n) => n > 0, { message: () => "expected a positive amount of kopecks" })
)

/** Zero kopecks. */
export const zero = 0 as Kopecks

/** A string that is not an amount of roubles. */
export class InvalidAmount extends Schema.TaggedError<InvalidAmount>()("InvalidAmount", {
  input: Schema.String,
  message: Schema.String
}) {}

const ROUBLES_RE = /^(\d{1,14})(?:[.,](\d{1,2}))?$/

/** Parses roubles with up to two decimals (`"1234"`, `"1234.5"`, `"1234,56"`) into kopecks, without floats. */
export const parseRoubles = (input: string): Either.Either<Kopecks, InvalidAmount> => {
  const m = ROUBLES_RE.exec(input.trim())
  if (m === null)
    return Either.left(
      new InvalidAmount({ input, message: `"${input}" is not an amount of roubles with at most two decimals` })
    )
  const k = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"))
  return Number.isSafeInteger(k)
    ? Either.right(k as Kopecks)
    : Either.left(new InvalidAmount({ input, message: `"${input}" roubles exceed the safe range of kopecks` }))
}

/** The amount as roubles with two decimals (`"1234.50"`). */
export const format = (k: Kopecks): string => `${Math.floor(k / 100)}.${String(k % 100).padStart(2, "0")}`

/** The sum of amounts, or undefined when it leaves the safe range. */
export const sum = (amounts: Iterable<number>): Kopecks | undefined => {
  let total = 0
  for (const a of amounts) {
    total += a
    if (total > Number.MAX_SAFE_INTEGER) return undefined
  }
  return total as Kopecks
}

/**
 * Kopecks from an amount in thousands of roubles given as a number (the
 * planning area keeps program budgets so), rounded to the nearest kopeck;
 * undefined for a negative, non-finite or too large amount.
 */
export const fromThousandsOfRoubles = (thousands: number): Kopecks | undefined => {
  if (!Number.isFinite(thousands) || thousands < 0) return undefined
  const k = Math.round(thousands * 100_000)
  return k <= Number.MAX_SAFE_INTEGER ? (k as Kopecks) : undefined
}

/**
 * `part` as a percentage of `whole`, rounded half up to one decimal, in
 * integer arithmetic; undefined when `whole` is 0.
 */
export const percent = (part: Kopecks, whole: Kopecks): number | undefined => {
  if (whole === 0) return undefined
  const tenths = (BigInt(part) * 2000n + BigInt(whole)) / (2n * BigInt(whole))
  return Number(tenths) / 10
}

/** A percentage with one decimal (execution of a budget), finite and non-negative. */
export const Percent = Schema.Finite.pipe(
  Schema.nonNegative(),
  Schema.annotations({
    identifier: "BudgetPercent",
    arbitrary: () => (fc) => fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 10 + 0)
  })
)

/** A finite, non-negative quantity (an indicator's achieved value, units per rouble). */
export const Quantity = Schema.Finite.pipe(
  Schema.nonNegative(),
  Schema.annotations({
    identifier: "Quantity",
    arbitrary: () => (fc) => fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0)
  })
)
