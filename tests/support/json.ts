/**
 * JSON has one zero: a -0 is written as 0. A value a schema's arbitrary
 * drew is compared, after a trip through JSON, with its zeros as JSON reads
 * them back (plain objects and arrays; other values as they are).
 */
export const oneZero = <A>(v: A): A => {
  if (typeof v === "number") return (Object.is(v, -0) ? 0 : v) as A
  if (Array.isArray(v)) return v.map(oneZero) as A
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, oneZero(x)])) as A
  return v
}
