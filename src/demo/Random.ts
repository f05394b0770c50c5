/**
 * A small seeded pseudo-random generator (mulberry32) for the demo city:
 * the same seed gives the same sequence on every platform.
 *
 * @example
 * ```ts
 * const r = make(2020)
 * r.next()        // a number in [0, 1)
 * r.int(1, 6)     // a whole number from 1 to 6
 * r.pick(["a", "b"])
 * ```
 *
 * @module
 */

/** A seeded generator. */
export interface Random {
  /** A number in [0, 1). */
  readonly next: () => number
  /** A whole number from `min` to `max`, inclusive. */
  readonly int: (min: number, max: number) => number
  /** One element of a non-empty list. */
  readonly pick: <A>(xs: ReadonlyArray<A>) => A
  /** An index drawn with the given (non-negative) weights. */
  readonly weighted: (weights: ReadonlyArray<number>) => number
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean
}

/** A generator for a seed (any integer; only its low 32 bits count). */
export const make = (seed: number): Random => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.min(xs.length - 1, Math.floor(next() * xs.length))] as A
  const weighted = (weights: ReadonlyArray<number>): number => {
    const total = weights.reduce((s, w) => s + w, 0)
    let x = next() * total
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0
      if (x < 0) return i
    }
    return weights.length - 1
  }
  return { next, int, pick, weighted, chance: (p) => next() < p }
}

/**
 * Splits `total` into whole parts proportional to `weights` (largest
 * remainder): the parts add up to `total` exactly.
 *
 * @example
 * ```ts
 * apportion(10, [1, 1, 1]) // [4, 3, 3]
 * ```
 */
export const apportion = (total: number, weights: ReadonlyArray<number>): ReadonlyArray<number> => {
  const sum = weights.reduce((s, w) => s + w, 0)
  if (sum <= 0 || weights.length === 0) return weights.map(() => 0)
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((s, p) => s + p, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left <= 0) break
    parts[i] = (parts[i] ?? 0) + 1
    left--
  }
  return parts
}
