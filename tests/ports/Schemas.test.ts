import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, FastCheck as fc, Schema } from "effect"
import { Ports } from "../../src/index.js"

const { Errors, EventStore } = Ports

/** Whether every number in a value is one JSON carries as it is (finite, not -0). */
const jsonNumbers = (u: unknown): boolean =>
  typeof u === "number"
    ? Number.isFinite(u) && !Object.is(u, -0)
    : Array.isArray(u)
      ? u.every(jsonNumbers)
      : u !== null && typeof u === "object"
        ? Object.values(u).every(jsonNumbers)
        : true

/**
 * encode, through JSON text, decode: the identity. The errors' numbers are
 * `Schema.Number` on purpose (a conflict must be reportable whatever version
 * a caller sent, and constructing an error must never throw), so their
 * values are taken among the numbers JSON carries.
 */
const roundTrips = <A, I>(schema: Schema.Schema<A, I>) =>
  fc.property(Arbitrary.make(schema), (value) => {
    fc.pre(jsonNumbers(Schema.encodeSync(schema)(value)))
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))) as unknown
    expect(Schema.decodeUnknownSync(schema)(json)).toEqual(value)
  })

describe("the ports' schemas survive a JSON round trip", () => {
  it("StoredEvent and AppendResult", () => {
    // the payload is JSON data by contract (an adapter stores its JSON text)
    fc.assert(roundTrips(EventStore.StoredEvent.pipe(Schema.omit("payload"))))
    fc.assert(roundTrips(EventStore.AppendResult))
    fc.assert(
      fc.property(Arbitrary.make(EventStore.StoredEvent.pipe(Schema.omit("payload"))), fc.jsonValue(), (e, payload) => {
        const event: Ports.EventStore.StoredEvent = { ...e, payload }
        const json = JSON.parse(JSON.stringify(Schema.encodeSync(EventStore.StoredEvent)(event))) as unknown
        expect(Schema.decodeUnknownSync(EventStore.StoredEvent)(json)).toEqual(JSON.parse(JSON.stringify(event)))
      })
    )
  })

  it("every typed error of the ports", () => {
    fc.assert(roundTrips(Errors.ConcurrencyConflict))
    fc.assert(roundTrips(Errors.CorruptEvent))
    fc.assert(roundTrips(Errors.CorruptRow))
    fc.assert(roundTrips(Errors.EncodeError))
    fc.assert(roundTrips(Errors.IdempotencyKeyConflict))
    fc.assert(roundTrips(Errors.InvalidQuery))
    fc.assert(roundTrips(Errors.InvalidCommand))
    fc.assert(roundTrips(Errors.StorageErrorReason))
  })

  it("StorageError: everything but the cause is kept; the cause (a diagnostic) keeps its message", () => {
    fc.assert(roundTrips(Errors.StorageError.pipe(Schema.omit("cause"))))
    fc.assert(
      fc.property(Arbitrary.make(Errors.StorageErrorReason), fc.string(), fc.string(), (reason, operation, message) => {
        const error = new Errors.StorageError({ reason, operation, message, cause: new Error(`driver: ${message}`) })
        const json = JSON.parse(JSON.stringify(Schema.encodeSync(Errors.StorageError)(error))) as unknown
        const back = Schema.decodeUnknownSync(Errors.StorageError)(json)
        expect([back._tag, back.reason, back.operation, back.message]).toEqual([
          "StorageError",
          reason,
          operation,
          message
        ])
        expect(back.cause instanceof Error && back.cause.message).toBe(`driver: ${message}`)
      })
    )
  })
})
