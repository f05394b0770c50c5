/**
 * Exact decimal arithmetic for the few operations the report needs:
 * reading a JS number as the decimal it prints as, rounding half away from
 * zero, and dividing integers. Values are bigint units at a decimal scale, so
 * no binary float surprise (1.005, 0.1 + 0.2) reaches a printed figure.
 *
 * @internal
 */

/** A decimal: `(negative ? -1 : 1) * units / 10^scale`, `units >= 0`. */
export interface Decimal {
  readonly negative: boolean
  readonly units: bigint
  readonly scale: number
}

const TEN = 10n

export const pow10 = (n: number): bigint => TEN ** BigInt(n)

/**
 * The decimal a finite number prints as (its shortest round-trip form), so
 * that `1.005` is one thousand and five thousandths, not the binary value
 * just below it. Non-finite numbers are the caller's to exclude.
 */
export const fromNumber = (n: number): Decimal => {
  const s = String(n)
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s)
  if (m === null) return { negative: false, units: 0n, scale: 0 }
  const negative = m[1] === "-"
  const int = m[2] ?? "0"
  const frac = m[3] ?? ""
  const exp = Number(m[4] ?? "0")
  let units = BigInt(int + frac)
  let scale = frac.length - exp
  if (scale < 0) {
    units = units * pow10(-scale)
    scale = 0
  }
  return { negative: negative && units !== 0n, units, scale }
}

/** `num / den` rounded half away from zero to an integer; `den > 0`. */
export const divRound = (num: bigint, den: bigint): bigint => {
  const negative = num < 0n
  const a = negative ? -num : num
  const q = a / den
  const r = a % den
  const rounded = 2n * r >= den ? q + 1n : q
  return negative ? -rounded : rounded
}

/** Rounds to `digits` fraction digits, half away from zero. */
export const round = (d: Decimal, digits: number): Decimal => {
  if (d.scale <= digits) return { negative: d.negative, units: d.units * pow10(digits - d.scale), scale: digits }
  const units = divRound(d.units, pow10(d.scale - digits))
  return { negative: d.negative && units !== 0n, units, scale: digits }
}

/** Multiplies by `10^k` (k >= 0) without changing the digits. */
export const shift = (d: Decimal, k: number): Decimal =>
  d.scale >= k ? { ...d, scale: d.scale - k } : { negative: d.negative, units: d.units * pow10(k - d.scale), scale: 0 }

/** The signed integer units of `d` at scale `s >= d.scale`. */
export const signedUnitsAt = (d: Decimal, s: number): bigint => {
  const u = d.units * pow10(s - d.scale)
  return d.negative ? -u : u
}

/** Drops trailing zero fraction digits. */
export const normalise = (d: Decimal): Decimal => {
  let { units, scale } = d
  while (scale > 0 && units % TEN === 0n) {
    units = units / TEN
    scale -= 1
  }
  return { negative: d.negative && units !== 0n, units, scale }
}

/** The integer and fraction digit strings of `|d|`. */
export const digits = (d: Decimal): { readonly int: string; readonly frac: string } => {
  const s = d.units.toString().padStart(d.scale + 1, "0")
  return { int: s.slice(0, s.length - d.scale), frac: s.slice(s.length - d.scale) }
}
