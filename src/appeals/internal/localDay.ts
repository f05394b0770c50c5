import { Either } from "effect"
import type { Day } from "../../kernel/Period.js"
import * as TimeZone from "../../kernel/TimeZone.js"

const BUCKET_MS = 15 * 60 * 1000
const LIMIT = 200_000

/**
 * A memoised `TimeZone.localDay`: every UTC offset in the tz database is a
 * multiple of 15 minutes and changes on such a boundary, so a 15-minute
 * bucket of the time line lies within one local day.
 */
export const makeLocalDay = (timeZone: string) => {
  const cache = new Map<number, Day>()
  /** The local day, or `undefined` when `TimeZone.localDay` fails (ask it for the error). */
  return (instant: Date): Day | undefined => {
    const bucket = Math.floor(instant.getTime() / BUCKET_MS)
    const hit = cache.get(bucket)
    if (hit !== undefined) return hit
    const r = TimeZone.localDay(instant, timeZone)
    if (Either.isLeft(r)) return undefined
    if (cache.size >= LIMIT) cache.clear()
    cache.set(bucket, r.right)
    return r.right
  }
}
