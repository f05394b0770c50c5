/** Instants are RFC 3339 with an offset only: the same text is the same instant under any machine zone. */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { TimeZone } from "../../src/index.js"
import { runs } from "../support/runs.js"

const decode = Schema.decodeUnknownEither(TimeZone.Instant)
const pad = (n: number, w = 2) => String(n).padStart(w, "0")

describe("TimeZone.Instant is strict", () => {
  it("any instant written with any offset decodes to that instant", () =>
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1901, 0, 1), max: Date.UTC(2198, 0, 1) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000)
          const sign = offset < 0 ? "-" : "+"
          const text = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
          const d = decode(text)
          expect(Either.isRight(d) && d.right.getTime()).toBe(ms)
        }
      ),
      { numRuns: runs(300) }
    ))

  it("a date-time without an offset, a date alone, or an impossible date is refused", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1901, 0, 1), max: Date.UTC(2198, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString()
        expect(Either.isLeft(decode(iso.slice(0, -1)))).toBe(true)
        expect(Either.isLeft(decode(iso.slice(0, 10)))).toBe(true)
        expect(Either.isRight(decode(iso))).toBe(true)
      }),
      { numRuns: runs(200) }
    )
    for (const bad of [
      "2022-02-30T10:00:00Z",
      "2021-02-29T10:00:00Z",
      "2021-13-01T10:00:00Z",
      "2021-03-01T24:00:00Z",
      "2021-03-01T10:60:00Z",
      "2021-03-01T10:00:60Z",
      "2021-03-01T10:00:00+24:00",
      "3/4/2026",
      "2026",
      "March 3, 2026",
      "2021-03-01 10:00:00Z",
      "0050-01-01T00:00:00Z"
    ])
      expect(Either.isLeft(decode(bad)), bad).toBe(true)
    expect(Either.isRight(decode("2020-02-29T23:59:59.999999999-03:30"))).toBe(true)
  })
})
