import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { Period, TimeZone } from "../../src/index.js"

describe("TimeZone", () => {
  it("the instant 2020-12-31T20:00:00Z is the local day 2021-01-01 in Asia/Vladivostok", () => {
    expect(TimeZone.localDay(new Date("2020-12-31T20:00:00Z"), "Asia/Vladivostok")).toStrictEqual(Either.right("2021-01-01"))
    expect(TimeZone.localDay(new Date("2020-12-31T20:00:00Z"), "Europe/Moscow")).toStrictEqual(Either.right("2020-12-31"))
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
