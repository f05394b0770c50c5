/**
 * The decider's fast paths equal the reference behaviour: every event and
 * state it builds (with the monomorphic builders of internal/build.ts) is
 * what the Schema constructor builds from the same fields, with validation
 * on; it answers every command as the reference decider (the decider as it
 * was before tuning, on Schema constructors and unmemoised kernel calls)
 * does; the memoised deadlines equal the kernel's `Term.deadline`; the
 * memoised local day equals `TimeZone.localDay`.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, Equal, FastCheck as fc, Schema } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealDecider from "../../src/appeals/AppealDecider.js"
import * as AppealEvent from "../../src/appeals/AppealEvent.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import * as Deadlines from "../../src/appeals/Deadlines.js"
import { makeLocalDay } from "../../src/appeals/internal/localDay.js"
import * as Period from "../../src/kernel/Period.js"
import * as Term from "../../src/kernel/Term.js"
import * as TimeZone from "../../src/kernel/TimeZone.js"
import * as Decider from "../../src/kernel/Decider.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import type { ActorId, AppealId } from "../../src/kernel/Ids.js"
import * as A from "../../src/testing/AppealsArbitraries.js"
import * as Model from "../../src/testing/AppealsModel.js"
import { settings } from "./helpers.js"
import { makeReferenceDecider } from "./reference/AppealDeciderReference.js"
import { atLeast, runs } from "../support/runs.js"

type AnyClass = new (props: Record<string, unknown>, options?: boolean) => object

/**
 * The same value built by its class's constructor, nested facts and dues
 * too: validating (which copies arrays, so only the encoding compares) or
 * trusted (same field values, so `Equal` compares).
 */
const rebuild = (x: object, validate: boolean): object => {
  const C = x.constructor as AnyClass
  const props: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(x)) {
    if (k === "_tag") continue
    props[k] = v instanceof Appeal.AppealFacts || v instanceof Appeal.Dues ? rebuild(v, validate) : v
  }
  return new C(props, !validate)
}

const sameAsConstructed = (x: object, encode: (u: never) => unknown) => {
  const y = rebuild(x, true)
  expect(Object.getPrototypeOf(x)).toBe(Object.getPrototypeOf(y))
  expect(Object.keys(x)).toEqual(Object.keys(y))
  for (const k of ["appeal", "dues"] as const) {
    const a = (x as Record<string, unknown>)[k],
      b = (y as Record<string, unknown>)[k]
    if (a !== undefined && b !== undefined) expect(Object.keys(a as object)).toEqual(Object.keys(b as object))
  }
  expect(Equal.equals(x, rebuild(x, false))).toBe(true)
  expect(String(x)).toBe(String(y))
  expect(encode(x as never)).toEqual(encode(y as never))
}

const encodeEvent = Schema.encodeSync(AppealEvent.AppealEvent)
const encodeState = Schema.encodeSync(AppealState.AppealState)

describe("the appeal decider's fast paths", () => {
  it("build every event and state exactly as the Schema constructors do (validated)", () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(Model.start(settings), Model.commands(settings, 20), (start, cmds) => {
        const { real } = Model.run(settings, start, cmds)
        let state = real.decider.initialState
        for (const e of real.events) {
          sameAsConstructed(e, encodeEvent)
          seen.add(e._tag)
          state = real.decider.evolve(state, e)
          if (state._tag !== "Unregistered") sameAsConstructed(state, encodeState)
          seen.add(state._tag)
        }
        expect(Decider.replay(real.decider, real.events)).toStrictEqual(real.state)
      }),
      { numRuns: atLeast(1000) }
    )
    // Every builder was exercised.
    expect([...seen].sort()).toEqual(
      [...AppealEvent.AppealEvent.members.map((m) => m._tag), "Closed", "Registered", "UnderConsideration"].sort()
    )
  })

  it("memoised due dates equal the kernel's Term.deadline, on first and repeated calls", () => {
    const deadlines = Deadlines.make(settings)
    const first = Period.epochDay(settings.calendar.firstDay) + 5
    const last = Period.epochDay(settings.calendar.lastDay) - 70
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: 1, max: 60 }), (d, days) => {
        const event = Period.fromEpochDay(d)
        const reference = Term.deadline({
          event,
          term: Term.calendarDays(days),
          calendar: settings.calendar,
          policy: settings.policy,
          timeZone: settings.timeZone
        })
        for (let i = 0; i < 2; i++) {
          const got = deadlines.due(event, days)
          expect(Either.isRight(got)).toBe(Either.isRight(reference))
          if (Either.isRight(got) && Either.isRight(reference)) expect(got.right).toBe(reference.right)
        }
      }),
      { numRuns: runs(2000) }
    )
  })

  it("the memoised local day equals TimeZone.localDay, in a zone with DST changes too", () => {
    for (const zone of [TimeZone.KHABAROVSK, "America/Sao_Paulo", "Europe/London"]) {
      const memo = makeLocalDay(zone)
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }), (ms) => {
          const reference = Either.getOrThrow(TimeZone.localDay(new Date(ms), zone))
          expect(memo(new Date(ms))).toBe(reference)
          expect(memo(new Date(ms))).toBe(reference)
        }),
        { numRuns: runs(3000) }
      )
    }
    expect(makeLocalDay(TimeZone.KHABAROVSK)(new Date(Number.NaN))).toBeUndefined()
  })
})

const APPEAL = "appeal-under-test" as AppealId
const ACTOR = "clerk-1" as ActorId
type Base = { readonly appealId: AppealId; readonly at: Date; readonly actor: ActorId }

/** A command after registration, of any kind, with random fields (often refused). */
const followUp: fc.Arbitrary<(b: Base) => AppealCommand.AppealCommand> = fc.oneof(
  A.divisionId.map((division) => (b: Base) => new AppealCommand.AssignToDivision({ ...b, division })),
  fc
    .integer({ min: 1, max: 30 })
    .map((days) => (b: Base) => new AppealCommand.ExtendTerm({ ...b, days, reason: "запрос документов" })),
  fc.tuple(fc.constantFrom(...Appeal.Result.literals), fc.constantFrom("written" as const, "electronic" as const)).map(
    ([result, form]) =>
      (b: Base) =>
        new AppealCommand.AnswerOnMerits({ ...b, result, form })
  ),
  fc.tuple(fc.boolean(), fc.boolean()).map(
    ([applicantConsented, factsObvious]) =>
      (b: Base) =>
        new AppealCommand.AnswerOrally({ ...b, result: "explained", applicantConsented, factsObvious })
  ),
  fc.constant((b: Base) => new AppealCommand.ForwardByCompetence({ ...b, to: "Министерство ЖКХ края" })),
  fc
    .constantFrom(...Appeal.NoAnswerGround.literals)
    .map((ground) => (b: Base) => new AppealCommand.LeaveWithoutAnswer({ ...b, ground })),
  fc.constant((b: Base) => new AppealCommand.ForwardCrimeReport({ ...b, to: "УМВД" })),
  fc.constant((b: Base) => new AppealCommand.EndCorrespondence(b)),
  fc
    .constantFrom("earlier-0", "unrelated")
    .map((d) => (b: Base) => new AppealCommand.AnswerByReference({ ...b, decision: d as AppealId })),
  fc.constant(
    (b: Base) =>
      new AppealCommand.AssignToDivision({ ...b, appealId: "another-appeal" as AppealId, division: "economy" as never })
  )
)

/** A registration (sometimes of the wrong year, sometimes twice) followed by random commands. */
const sequences = fc
  .tuple(
    Model.start(settings),
    A.registrationDraft(),
    fc.boolean(),
    fc.array(
      fc.tuple(
        Model.delay,
        fc.oneof({ weight: 9, arbitrary: followUp }, { weight: 1, arbitrary: fc.constant("register" as const) })
      ),
      { maxLength: 10 }
    )
  )
  .map(([start, draft, rightYear, rest]) => {
    let t = start.getTime() + 3_600_000
    const year = Number(Either.getOrThrow(TimeZone.localDay(new Date(t), settings.timeZone)).slice(0, 4))
    const register = () =>
      A.registrationCommand(draft, {
        appealId: APPEAL,
        registrationNumber: Appeal.registrationNumber("ОГ", rightYear ? year : year - 1, 7),
        receivedAt: start,
        at: new Date(t),
        actor: ACTOR
      })
    const out: Array<AppealCommand.AppealCommand> = [register()]
    for (const [d, make] of rest) {
      t += d
      out.push(make === "register" ? register() : make({ appealId: APPEAL, at: new Date(t), actor: ACTOR }))
    }
    return out
  })

const ownFields = (x: object) => Object.fromEntries(Object.entries(x))

describe("the tuned decider answers as the reference decider", () => {
  const fast = AppealDecider.decider(settings)
  const reference = makeReferenceDecider(settings)
  it("the same events, states and typed errors over random command sequences", () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(sequences, (commands) => {
        let s1 = fast.initialState,
          s2 = reference.initialState
        for (const c of commands) {
          const r1 = fast.decide(c, s1),
            r2 = reference.decide(c, s2)
          expect(r1._tag).toBe(r2._tag)
          if (Either.isLeft(r1) && Either.isLeft(r2)) {
            expect(r1.left).toBeInstanceOf(r2.left.constructor)
            expect(ownFields(r1.left)).toEqual(ownFields(r2.left))
            expect(r1.left.message).toBe(r2.left.message)
            seen.add(`error:${r1.left._tag}`)
            continue
          }
          if (Either.isRight(r1) && Either.isRight(r2)) {
            expect(r1.right.length).toBe(r2.right.length)
            r1.right.forEach((e, i) => {
              const f = r2.right[i]!
              expect(Object.getPrototypeOf(e)).toBe(Object.getPrototypeOf(f))
              expect(Object.keys(e)).toEqual(Object.keys(f))
              expect(encodeEvent(e)).toEqual(encodeEvent(f))
              s1 = fast.evolve(s1, e)
              s2 = reference.evolve(s2, f)
              expect(Object.getPrototypeOf(s1)).toBe(Object.getPrototypeOf(s2))
              expect(Object.keys(s1)).toEqual(Object.keys(s2))
              expect(encodeState(s1)).toEqual(encodeState(s2))
              seen.add(e._tag)
            })
          }
        }
      }),
      { numRuns: atLeast(1500) }
    )
    for (const tag of AppealEvent.AppealEvent.members.map((m) => m._tag)) expect(seen).toContain(tag)
    for (const tag of [
      "TransitionNotAllowed",
      "ExtensionRefused",
      "InvalidAppealInput",
      "GroundDoesNotApply",
      "NoAddressForAnswer",
      "OralAnswerNotAllowed"
    ]) {
      expect(seen).toContain(`error:${tag}`)
    }
  })
})
