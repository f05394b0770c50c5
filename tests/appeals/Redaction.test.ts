import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { inspect } from "node:util"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealEvent from "../../src/appeals/AppealEvent.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import type * as Topic from "../../src/appeals/Topic.js"
import type { AppealId } from "../../src/kernel/Ids.js"
import * as A from "../../src/testing/AppealsArbitraries.js"
import * as Model from "../../src/testing/AppealsModel.js"
import { CLERK, decider, settings } from "./helpers.js"
import { runs } from "../support/runs.js"

const M = A.PERSONAL_DATA_MARKER
const printed = (x: unknown): ReadonlyArray<string> => [
  String(x),
  JSON.stringify(x),
  inspect(x, { depth: null }),
  (x as { toString(): string }).toString()
]

const registration = fc.tuple(A.registrationDraft(), Model.start(settings)).map(([draft, start]) =>
  A.registrationCommand(draft, {
    appealId: "appeal-pd" as AppealId,
    registrationNumber: "ОГ-0000-1" as Parameters<typeof A.registrationCommand>[1]["registrationNumber"],
    receivedAt: start,
    at: start,
    actor: CLERK
  })
)

describe("personal data never appears in the printed form", () => {
  it("of a command (String, JSON.stringify, util.inspect, toString), while its Schema encoding keeps it for storage", () => {
    fc.assert(
      fc.property(registration, (cmd) => {
        for (const p of printed(cmd)) expect(p).not.toContain(M)
        const stored = JSON.stringify(AppealCommand.encode(cmd))
        expect(stored).toContain(M) // the text is always personal data
      })
    )
  })

  it("of any event, state or error met over random command sequences", () => {
    const encodeState = Schema.encodeSync(AppealState.AppealState)
    fc.assert(
      fc.property(Model.start(settings), Model.commands(settings, 10), registration, (start, cmds, reg) => {
        const { real } = Model.run(settings, start, cmds)
        for (const e of real.events) {
          for (const p of printed(e)) expect(p).not.toContain(M)
          expect(JSON.stringify(AppealEvent.encode(e))).toBe(
            JSON.stringify(AppealEvent.encode(Either.getOrThrow(AppealEvent.decodeEither(AppealEvent.encode(e)))))
          )
        }
        for (const p of printed(real.state)) expect(p).not.toContain(M)
        if (real.state._tag !== "Unregistered") expect(JSON.stringify(encodeState(real.state))).toContain(M)
        // errors: registering again on a registered appeal, and anything on an unregistered one
        const again = decider.decide(reg, real.state)
        if (Either.isLeft(again)) for (const p of printed(again.left)) expect(p).not.toContain(M)
      }),
      { numRuns: runs(150) }
    )
  })
})

describe("personal data never appears in the printed form of a decoding error", () => {
  const valid = AppealCommand.encode(
    A.registrationCommand(
      {
        kind: "individual",
        type: "complaint",
        addressee: new Appeal.ToMayor({}),
        applicant: undefined,
        text: "текст",
        topics: ["0005.0005.0056.1134" as Topic.TopicCode],
        relatedAppeals: [],
        channel: "written"
      },
      {
        appealId: "appeal-pd" as AppealId,
        registrationNumber: Appeal.registrationNumber("ОГ", 2021, 1),
        receivedAt: new Date("2021-03-01T00:00:00Z"),
        at: new Date("2021-03-01T01:00:00Z"),
        actor: CLERK
      }
    )
  ) as Record<string, unknown>
  const marked = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((s) => `${M}${s}⟧`)
  // each case: a malformed piece of personal data, and the field the error must name
  const at = (field: string, patch: (v: string) => Record<string, unknown>) =>
    marked.map((v): [Record<string, unknown>, string] => [patch(v), field])
  const malformed: fc.Arbitrary<[Record<string, unknown>, string]> = fc.oneof(
    at("applicant.name", (v) => ({ applicant: { name: ` ${v} ` } })),
    at("applicant.name", (v) => ({ applicant: { name: v + "x".repeat(2000) } })),
    at("applicant.postalAddress", (v) => ({ applicant: { name: "Иванов", postalAddress: `${v}\n` } })),
    at("applicant.email", (v) => ({ applicant: { email: `${v} @example.ru` } })),
    at("applicant.email", (v) => ({ applicant: { email: ` ${v}@example.ru` } })),
    at("applicant.email", (v) => ({ applicant: { email: `${v}` } })),
    at("applicant.name", (v) => ({ applicant: { name: { value: v } } })),
    at("applicant", (v) => ({ applicant: v })),
    at("text", (v) => ({ text: { value: v } })),
    at("text", (v) => ({ text: [v] }))
  )

  it("of a command decoded from outside data: the error names the field and says what was expected, never the value", () => {
    fc.assert(
      fc.property(malformed, ([patch, field]) => {
        const r = AppealCommand.decode({ ...valid, ...patch })
        expect(Either.isLeft(r)).toBe(true)
        if (Either.isLeft(r)) {
          expect(r.left).toMatchObject({ _tag: "InvalidAppealInput", reason: "malformed", field })
          expect(r.left.message).toContain("personal data")
          for (const p of printed(r.left)) expect(p).not.toContain(M)
        }
        // the Schema's own parse error (what an adapter decoding with the Schema sees)
        const raw = Schema.decodeUnknownEither(AppealCommand.AppealCommand)({ ...valid, ...patch })
        expect(Either.isLeft(raw) && String(raw.left)).not.toContain(M)
      })
    )
  })

  it("of a stored event that no longer decodes", () => {
    const event = AppealEvent.encode(
      Either.getOrThrow(decider.decide(Either.getOrThrow(AppealCommand.decode(valid)), AppealState.initial))[0]!
    ) as { readonly appeal: Record<string, unknown> }
    fc.assert(
      fc.property(malformed, ([patch]) => {
        const r = AppealEvent.decodeEither({ ...event, appeal: { ...event.appeal, ...patch } }, { errors: "all" })
        expect(Either.isLeft(r)).toBe(true)
        if (Either.isLeft(r)) for (const p of [String(r.left), r.left.message]) expect(p).not.toContain(M)
      })
    )
  })
})
