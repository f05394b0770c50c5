import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { Period, TimeZone } from "../../src/index.js"

describe("TimeZone", () => {
  it("the instant 2020-12-31T20:00:00Z is the local day 2021-01-01 in Asia/Vladivostok", () => {
    expect(TimeZone.localDay(new Date("2020-12-31T20:00:00Z"), "Asia/Vladivostok")).toStrictEqual(
      Either.right("2021-01-01")
    )
    expect(TimeZone.localDay(new Date("2020-12-31T20:00:00Z"), "Europe/Moscow")).toStrictEqual(
      Either.right("2020-12-31")
    )
  })

  it("follows a zone's offset at the instant, across a DST change", () => {
    // Sao Paulo: UTC-3 until local midnight of 4 Nov 2018, then UTC-2 (clocks went forward to 01:00)
    expect(TimeZone.localDay(new Date("2018-11-04T02:30:00Z"), "America/Sao_Paulo")).toStrictEqual(
      Either.right("2018-11-03")
    )
    expect(TimeZone.localDay(new Date("2018-11-04T03:30:00Z"), "America/Sao_Paulo")).toStrictEqual(
      Either.right("2018-11-04")
    )
    // Khabarovsk's own history: Asia/Vladivostok was UTC+11 in 2011-2014
    expect(TimeZone.localDay(new Date("2013-06-30T13:30:00Z"), "Asia/Vladivostok")).toStrictEqual(
      Either.right("2013-07-01")
    )
    expect(TimeZone.localDay(new Date("2015-06-30T13:30:00Z"), "Asia/Vladivostok")).toStrictEqual(
      Either.right("2015-06-30")
    )
  })

  it.prop("agrees with Intl on the local date of any instant", [TimeZone.Instant, TimeZone.TimeZoneName], ([i, tz]) => {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit"
    }).format(i)
    expect(TimeZone.localDay(i, tz)).toStrictEqual(Either.right(parts))
  })

  it("an unknown zone is a typed UnknownTimeZone, never a throw", () => {
    const r = TimeZone.localDay(new Date("2021-01-01T00:00:00Z"), "Asia/Khabarovskk")
    expect(Either.isLeft(r) && r.left._tag).toBe("UnknownTimeZone")
    expect(Either.isLeft(TimeZone.parseTimeZone(""))).toBe(true)
    expect(Either.isRight(TimeZone.parseTimeZone("Asia/Vladivostok"))).toBe(true)
  })

  it("an invalid instant is a typed InvalidInstant", () => {
    const r = TimeZone.localDay(new Date("nonsense"), "Asia/Vladivostok")
    expect(Either.isLeft(r) && r.left._tag).toBe("InvalidInstant")
  })

  it("the local day starts at local midnight", () => {
    const start = TimeZone.startOfLocalDay(Period.unsafeDay("2021-01-01"), TimeZone.KHABAROVSK)
    expect(start.toISOString()).toBe("2020-12-31T14:00:00.000Z")
  })

  it.prop("Instant round-trips through its ISO encoding", [TimeZone.Instant], ([i]) => {
    const encoded = Schema.encodeSync(TimeZone.Instant)(i)
    expect(typeof encoded).toBe("string")
    expect(Schema.decodeUnknownSync(TimeZone.Instant)(encoded).getTime()).toBe(i.getTime())
  })
})
