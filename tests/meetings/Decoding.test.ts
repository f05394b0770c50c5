import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { Meetings } from "../../src/index.js"
import { runs } from "../support/runs.js"

// Bad input from outside: every command decoder answers a typed InvalidMeetingsInput naming the field,
// for any input, and never throws.

type Decode = (input: unknown) => Either.Either<unknown, Meetings.Errors.InvalidMeetingsInput>
/** Each area's command decoder, with the top-level command fields that may be left out (a slot's announced topic, a question's asker). */
const decoders: ReadonlyArray<[string, Schema.Schema<any, any>, Decode, ReadonlySet<string>]> = [
  ["Reception", Meetings.Reception.Command, Meetings.Reception.decodeCommand, new Set(["topic"])],
  ["Meeting", Meetings.Meeting.Command, Meetings.Meeting.decodeCommand, new Set(["askedBy"])],
  ["Suspension", Meetings.Suspension.Command, Meetings.Suspension.decodeCommand, new Set()]
]

/** A valid command, encoded as it arrives from outside, and one of its top-level fields (never `_tag`). */
const withField = (schema: Schema.Schema<any, any>) =>
  Arbitrary.make(schema).chain((command) => {
    const encoded = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(command))) as Record<string, unknown>
    return fc.constantFrom(...Object.keys(encoded).filter((k) => k !== "_tag")).map((field) => ({ encoded, field }))
  })

const namesField = (named: string, field: string) =>
  named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`)

describe.each(decoders)("%s.decodeCommand", (_name, schema, decode, optional) => {
  it.prop(
    "any input is decoded or answered with a typed error; nothing throws",
    [fc.anything()],
    ([input]) => {
      const r = decode(input)
      if (Either.isLeft(r)) {
        expect(r.left).toBeInstanceOf(Meetings.Errors.InvalidMeetingsInput)
        expect(r.left.message.length).toBeGreaterThan(0)
      }
    },
    { fastCheck: { numRuns: runs(200) } }
  )

  it.prop(
    "a valid command decodes",
    [Arbitrary.make(schema)],
    ([command]) => {
      expect(Either.isRight(decode(JSON.parse(JSON.stringify(Schema.encodeSync(schema)(command)))))).toBe(true)
    },
    { fastCheck: { numRuns: runs(50) } }
  )

  it.prop(
    "a required field left out is `missing`, named",
    [withField(schema)],
    ([{ encoded, field }]) => {
      const { [field]: _dropped, ...rest } = encoded
      const r = decode(rest)
      if (optional.has(field)) expect(Either.isRight(r)).toBe(true)
      else expect(r).toMatchObject({ _tag: "Left", left: { _tag: "InvalidMeetingsInput", reason: "missing", field } })
    },
    { fastCheck: { numRuns: runs(100) } }
  )

  it.prop(
    "a field of the wrong shape is named (or a field inside it)",
    [withField(schema)],
    ([{ encoded, field }]) => {
      const r = decode({ ...encoded, [field]: { wrong: true } })
      expect(Either.isLeft(r)).toBe(true)
      if (Either.isLeft(r)) expect(namesField(r.left.field, field), `${r.left.field} names ${field}`).toBe(true)
    },
    { fastCheck: { numRuns: runs(100) } }
  )
})
