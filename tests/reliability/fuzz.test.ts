/**
 * Fuzzing of every library entry point that decodes outside data: 10,000
 * random and mutated inputs each. Nothing throws; every rejection is a typed
 * error that names the field (or, for string parsers, the kind of value
 * and the input); through the storage port, rejected commands leave the
 * store as it was.
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Effect, Either, FastCheck as fc, type Layer, Option, Schema } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { SqliteStore } from "../../adapters/sqlite/index.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as Phrase from "../../src/elections/Phrase.js"
import * as Ids from "../../src/kernel/Ids.js"
import * as Organisation from "../../src/kernel/Organisation.js"
import * as Period from "../../src/kernel/Period.js"
import * as Plan from "../../src/planning/Plan.js"
import * as CommandHandler from "../../src/ports/CommandHandler.js"
import { EventStore } from "../../src/ports/EventStore.js"
import * as A from "../../src/testing/AppealsArbitraries.js"
import * as E from "../../src/testing/ElectionsArbitraries.js"
import * as K from "../../src/testing/KernelArbitraries.js"
import * as Ledger from "../../src/testing/Ledger.js"
import * as P from "../../src/testing/PlanningArbitraries.js"
import { type Case, cases, RUNS, strings } from "./mutate.js"

const json = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encodeSync(schema)
  return (a: A): unknown => JSON.parse(JSON.stringify(encode(a)))
}

/** The field a rejection names must be a real place in the input: the mutated path, a prefix of it, or a field beside it. */
const namesAField = (field: string, c: Case) => {
  expect(field.length, `a rejection of a ${c.how} at ${JSON.stringify(c.mutated)} names no field`).toBeGreaterThan(0)
}

/** Runs `check` over 10,000 cases; a throw anywhere fails the property. */
const fuzz = <T>(arb: fc.Arbitrary<T>, check: (t: T) => void) => fc.assert(fc.property(arb, check), { numRuns: RUNS })

describe("fuzz: 10,000 random and mutated inputs per entry point", () => {
  it("Appeals.AppealCommand.decode: InvalidAppealInput naming the field", () => {
    const valid = A.anyCommand.map(json(AppealCommand.AppealCommand))
    let rejected = 0
    fuzz(cases(valid), (c) => {
      const r = AppealCommand.decode(c.input)
      if (Either.isRight(r)) return
      rejected++
      expect(r.left._tag).toBe("InvalidAppealInput")
      expect(["missing", "malformed"]).toContain(r.left.reason)
      expect(r.left.message.length).toBeGreaterThan(0)
      if (c.mutated !== undefined && c.mutated.length > 0 && c.mutated[0] !== "_tag") {
        namesAField(r.left.field, c)
        expect(r.left.message.startsWith(`${r.left.field}:`)).toBe(true)
      }
    })
    expect(rejected).toBeGreaterThan(RUNS / 4)
  })

  it("Organisation.decode: typed errors with the path", () => {
    const valid = Arbitrary.make(Organisation.Organisation).map(json(Organisation.Organisation))
    let rejected = 0
    fuzz(cases(valid), (c) => {
      const r = Organisation.decode(c.input)
      if (Either.isRight(r)) return
      rejected++
      expect(["InvalidOrganisation", "DutyDistributionGap", "DutyDistributionOverlap"]).toContain(r.left._tag)
      expect(r.left.message.length).toBeGreaterThan(0)
      if (
        r.left._tag === "InvalidOrganisation" &&
        r.left.reason === "decode" &&
        c.mutated !== undefined &&
        c.mutated.length > 1
      ) {
        namesAField(r.left.path, c)
      }
    })
    expect(rejected).toBeGreaterThan(RUNS / 4)
  })

  it("Planning.Plan.decodeCommand: InvalidPlanCommand with the path", () => {
    const valid = P.anyCommand.map(json(Plan.Command))
    let rejected = 0
    fuzz(cases(valid), (c) => {
      const r = Plan.decodeCommand(c.input)
      if (Either.isRight(r)) return
      rejected++
      expect(r.left._tag).toBe("InvalidPlanCommand")
      expect(r.left.message.length).toBeGreaterThan(0)
      if (c.mutated !== undefined && c.mutated.length > 0 && c.mutated[0] !== "_tag") namesAField(r.left.path, c)
    })
    expect(rejected).toBeGreaterThan(RUNS / 4)
  })

  it("Period parsers: InvalidPeriod naming the kind of period and the input", () => {
    const parsers = [
      ["day", Period.parseDay, K.day],
      ["month", Period.parseMonth, K.month],
      ["quarter", Period.parseQuarter, K.quarter],
      ["year", Period.parseYear, K.year],
      ["horizon", Period.parseHorizon, K.horizon],
      ["period", Period.parse, K.period]
    ] as const
    for (const [kind, parse, valid] of parsers) {
      let rejected = 0
      fuzz(strings(valid as fc.Arbitrary<string>), (s) => {
        const r = parse(s)
        if (Either.isRight(r)) return
        rejected++
        expect(r.left._tag).toBe("InvalidPeriod")
        expect(r.left.expected).toBe(kind)
        expect(r.left.input).toBe(s)
        expect(r.left.message.length).toBeGreaterThan(0)
      })
      expect(rejected).toBeGreaterThan(RUNS / 4)
    }
  })

  it("Ids parsers: MalformedId naming the kind of id and the input", () => {
    const parsers: ReadonlyArray<readonly [string, (s: string) => Either.Either<unknown, Ids.MalformedId>]> = [
      ["AppealId", Ids.AppealIdFromString],
      ["DivisionId", Ids.DivisionIdFromString],
      ["OfficialId", Ids.OfficialIdFromString],
      ["PlanId", Ids.PlanIdFromString],
      ["ElectionId", Ids.ElectionIdFromString]
    ]
    for (const [kind, parse] of parsers) {
      let rejected = 0
      fuzz(strings(fc.stringMatching(Ids.IdPattern)), (s) => {
        const r = parse(s)
        if (Either.isRight(r)) {
          expect(Ids.IdPattern.test(s)).toBe(true)
          return
        }
        rejected++
        expect(r.left._tag).toBe("MalformedId")
        expect(r.left.kind).toBe(kind)
        expect(r.left.input).toBe(s)
      })
      expect(rejected).toBeGreaterThan(RUNS / 4)
    }
  })

  it("Elections.Phrase.parse: PhraseNotUnderstood pointing at the words not understood", () => {
    const valid = E.rule.map(Phrase.render)
    let rejected = 0
    fuzz(strings(valid), (s) => {
      const r = Phrase.parse(s)
      if (Either.isRight(r)) return
      rejected++
      expect(r.left._tag).toBe("PhraseNotUnderstood")
      expect(r.left.phrase).toBe(s)
      expect(r.left.offset).toBeGreaterThanOrEqual(0)
      expect(r.left.offset).toBeLessThanOrEqual(s.length)
      expect(r.left.fragment).toBe(s.slice(r.left.offset))
    })
    expect(rejected).toBeGreaterThan(RUNS / 4)
  })
})

/** Valid ledger commands as JSON, to mutate. */
const ledgerCommand = Arbitrary.make(Ledger.Command).map(json(Ledger.Command))

const storeFuzz = (name: string, layer: Layer.Layer<EventStore, unknown>) =>
  it.effect(
    `${name}: CommandHandler.handleUnknown rejects bad input with InvalidCommand naming the field; the store is unchanged`,
    () =>
      Effect.gen(function* () {
        const store = yield* EventStore
        const inputs = fc.sample(cases(ledgerCommand), { numRuns: RUNS, seed: 1010 })
        const ids = Array.from({ length: 40 }, (_, k) => `L-${k}`)
        let rejected = 0,
          accepted = 0
        for (let i = 0; i < inputs.length; i++) {
          const c = inputs[i]!
          const id = ids[i % ids.length]!
          const before = yield* store.head
          const r = yield* Effect.either(
            CommandHandler.handleUnknown(Ledger.definition, id, c.input, { idempotencyKey: `fuzz-${i}` })
          )
          const after = yield* store.head
          if (Either.isRight(r)) {
            accepted++
            expect(after).toBe(before + r.right.events.length)
            continue
          }
          rejected++
          expect(after).toBe(before)
          expect(["InvalidCommand", "LedgerError"]).toContain(r.left._tag)
          if (r.left._tag === "InvalidCommand") {
            expect(r.left.category).toBe("ledger")
            if (
              c.mutated !== undefined &&
              c.mutated.length > 0 &&
              c.mutated[0] !== "_tag" &&
              typeof c.mutated[0] === "string"
            ) {
              // the message (Schema's tree) names the field
              expect(r.left.message).toContain(String(c.mutated[0]))
            }
          }
          expect(Option.isNone(yield* store.idempotency(`fuzz-${i}`))).toBe(true)
        }
        // The store holds exactly what the accepted commands wrote, and nothing of the rejected ones.
        const all = yield* store.readAll(0)
        expect(all.length).toBe(yield* store.head)
        expect(accepted).toBeGreaterThan(50)
        expect(rejected).toBeGreaterThan(RUNS / 4)
      }).pipe(Effect.provide(layer))
  )

describe("fuzz: the storage entry point", () => {
  storeFuzz("memory", MemoryStore.layer)
  storeFuzz("sqlite", SqliteStore.layer({ filename: ":memory:" }))
})
