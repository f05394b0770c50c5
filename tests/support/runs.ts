/**
 * How many runs a property makes: one setting scales them all.
 *
 * `CITYHALL_PROPERTY_RUNS` is a multiplier (default 1: the counts written in
 * the tests, today's coverage, which `npm test` runs). CI or a long soak
 * raises it (`4`), a quick loop lowers it (`npm run test:core` uses `0.25`
 * unless it is set). Every property goes through it: an explicit count as
 * `{ numRuns: runs(150) }`, fast-check's default of 100 through the setup
 * file (`fc.configureGlobal`). A property never runs fewer than once.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arb, check), { numRuns: runs(200) }) // 200 by default, 50 at 0.25, 800 at 4
 * ```
 */

const parse = (raw: string | undefined): number => {
  if (raw === undefined || raw.trim() === "") return 1
  const factor = Number(raw)
  if (!Number.isFinite(factor) || factor <= 0)
    throw new Error(
      `CITYHALL_PROPERTY_RUNS must be a positive number, a multiplier of the runs (0.25, 1, 4); got "${raw}"`
    )
  return factor
}

/** The multiplier in force (`CITYHALL_PROPERTY_RUNS`, default 1). */
export const factor: number = parse(process.env.CITYHALL_PROPERTY_RUNS)

/** `n` runs scaled by {@link factor}, rounded, at least 1. */
export const runs = (n: number): number => Math.max(1, Math.round(n * factor))

/**
 * For a check that needs its whole count, one that must find something
 * (the generator reaches every state; a weakened rule has a counterexample):
 * scaled up with {@link factor}, never down.
 */
export const atLeast = (n: number): number => Math.max(n, runs(n))
