/**
 * A tiny benchmark harness: runs a body in repeated timed samples and reports
 * the median rate. Figures are only compared within one run on one machine.
 */
import { performance } from "node:perf_hooks"

export interface Figure {
  readonly name: string
  readonly opsPerSecond: number
  readonly medianMs: number
  readonly samples: number
  readonly opsPerSample: number
  readonly [extra: string]: unknown
}

export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Times `body` (which performs `ops` operations) `samples` times after one warm-up. */
export const measure = (name: string, ops: number, samples: number, body: () => void): Figure => {
  body()
  const times: Array<number> = []
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now()
    body()
    times.push(performance.now() - t0)
  }
  const ms = median(times)
  return { name, opsPerSecond: Math.round((ops / ms) * 1000), medianMs: Number(ms.toFixed(3)), samples, opsPerSample: ops }
}
