/**
 * The invariant predicates themselves: they hold over every accepted
 * history (the model-based run checks that at every step), and each one
 * reports the history or state that breaks it, so a broken decider could
 * not pass the model-based run.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealDecider from "../../src/appeals/AppealDecider.js"
import * as AppealEvent from "../../src/appeals/AppealEvent.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import * as Invariants from "../../src/appeals/Invariants.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { ActorId, DivisionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Model from "../../src/testing/AppealsModel.js"
import { APPEAL, CLERK, answer, assign, at, decider, extend, register, settings } from "./helpers.js"
import { runs } from "../support/runs.js"

const limits = { maxExtensionDays: settings.maxExtensionDays }
const fold = (events: ReadonlyArray<AppealEvent.AppealEvent>) =>
  events.reduce(AppealDecider.evolve, AppealState.initial)
const names = (state: AppealState.AppealState, events: ReadonlyArray<AppealEvent.AppealEvent>) =>
  [...new Set(Invariants.violations(state, events, limits).map((v) => v.invariant))].sort()
const eventsOf = (cmds: ReadonlyArray<AppealCommand.AppealCommand>) =>
  Either.getOrThrow(Decider.run(decider, cmds)).events

/** An extension event as a broken decider might write it. */
const extension = (day: string, days: number, total: number, answerDue: string) =>
  new AppealEvent.AppealTermExtended({
    appealId: APPEAL,
    at: at(day),
    on: Period.unsafeDay(day),
    actor: CLERK,
    days,
    totalExtensionDays: total,
    reason: "—",
    answerDue: Period.unsafeDay(answerDue),
    applicantNotified: true
  })

describe("every invariant can fail: a broken history or state is reported by name", () => {
  const registered = eventsOf([register("2021-03-01"), assign("2021-03-02")])

  it("a total extension beyond 30 days (59-FZ art. 12 p. 2)", () => {
    const events = [
      ...registered,
      extension("2021-03-10", 20, 20, "2021-04-20"),
      extension("2021-03-20", 20, 40, "2021-04-30")
    ]
    expect(names(fold(events), events)).toEqual(["extensionLimit"])
  })

  it("a due date moved earlier", () => {
    const events = [...registered, extension("2021-03-10", 5, 5, "2021-03-26")]
    expect(names(fold(events), events)).toEqual(["dueNeverEarlier"])
  })

  it("a forwarding, notice or registration due date other than the one fixed at registration", () => {
    const s = fold(registered)
    if (s._tag !== "UnderConsideration") throw new Error("expected UnderConsideration")
    for (const k of ["registration", "forwarding", "notice"] as const) {
      const moved = new AppealState.UnderConsideration({
        ...s,
        dues: new Appeal.Dues({ ...s.dues, [k]: Period.addDays(s.dues[k], -1) })
      })
      expect(names(moved, registered), k).toEqual(["dueNeverEarlier"])
    }
  })

  it("a second final outcome, or an event after the outcome", () => {
    const answered = eventsOf([register("2021-03-01"), assign("2021-03-02"), answer("2021-03-10")])
    const twice = [...answered, answered[2]!]
    expect(names(fold(twice), twice)).toContain("oneOutcome")
    const after = [...answered, registered[1]!]
    expect(names(fold(after), after)).toContain("oneOutcome")
  })

  it("a closed state without its final event, an open state with one", () => {
    const answered = eventsOf([register("2021-03-01"), assign("2021-03-02"), answer("2021-03-10")])
    expect(names(fold(answered), answered.slice(0, 2))).toContain("closedIffFinal")
    expect(names(fold(answered.slice(0, 2)), answered)).toContain("closedIffFinal")
  })

  it("a state that does not count its events, a history that does not start with the registration", () => {
    expect(names(fold(registered.slice(0, 1)), registered)).toContain("version")
    expect(names(fold(registered), [...registered.slice(1), registered[0]!])).toContain("registeredFirst")
    expect(names(AppealState.initial, registered)).toEqual(["registered"])
  })

  it("events out of time order", () => {
    const events = [
      registered[0]!,
      new AppealEvent.AppealAssigned({ ...registered[1]!, at: at("2021-03-01", 8) } as AppealEvent.AppealAssigned)
    ]
    expect(names(fold(events), events)).toContain("timeOrder")
  })

  it("a result without an answer on the merits, an oral appeal without its reception card", () => {
    const left = eventsOf([
      register("2021-03-01"),
      new AppealCommand.LeaveWithoutAnswer({ appealId: APPEAL, ground: "abusive", at: at("2021-03-02"), actor: CLERK })
    ])
    const s = fold(left)
    if (s._tag !== "Closed") throw new Error("expected Closed")
    expect(names(new AppealState.Closed({ ...s, result: "supported" }), left)).toEqual(["resultOnlyWhenAnswered"])
    const oral = new AppealState.Closed({ ...s, appeal: new Appeal.AppealFacts({ ...s.appeal, channel: "oral" }) })
    expect(names(oral, left)).toEqual(["oralHasCard"])
  })

  it("a body copied twice, a notice before the registration, a signatory count that does not fit the kind", () => {
    const left = eventsOf([
      register("2021-03-01"),
      new AppealCommand.LeaveWithoutAnswer({ appealId: APPEAL, ground: "abusive", at: at("2021-03-02"), actor: CLERK })
    ])
    const s = fold(left)
    if (s._tag !== "Closed") throw new Error("expected Closed")
    const day = s.appeal.registeredOn
    expect(
      names(
        new AppealState.Closed({
          ...s,
          copies: [
            { to: "УМВД", on: day },
            { to: "УМВД", on: day }
          ]
        }),
        left
      )
    ).toEqual(["copyOnce"])
    const early = { kind: "noAnswer", channel: "post", sentOn: "2021-02-28", due: s.dues.answer } as const
    expect(names(new AppealState.Closed({ ...s, notices: [early as AppealState.Notice] }), left)).toEqual([
      "noticeAfterRegistration"
    ])
    const many = new AppealState.Closed({ ...s, appeal: new Appeal.AppealFacts({ ...s.appeal, signatories: 12 }) })
    expect(names(many, left)).toEqual(["signatoriesFitKind"])
  })

  it("over random accepted histories: any extra final event after the outcome, or any extension past the limit, is reported", () => {
    fc.assert(
      fc.property(
        Model.start(settings),
        Model.commands(settings, 14),
        fc.integer({ min: 1, max: 30 }),
        (start, cmds, days) => {
          const { real } = Model.run(settings, start, cmds)
          expect(Invariants.violations(real.state, real.events, limits)).toEqual([])
          const s = real.state
          if (s._tag === "Closed") {
            const again = [...real.events, real.events[real.events.length - 1]!]
            expect(names(fold(again), again)).toContain("oneOutcome")
          }
          if (s._tag === "UnderConsideration") {
            const last = real.events[real.events.length - 1]!
            const total = settings.maxExtensionDays + days
            const over = [
              ...real.events,
              extension(last.on, total - s.extensionDays, total, Period.addDays(s.dues.answer, days))
            ]
            expect(names(fold(over), over)).toContain("extensionLimit")
          }
        }
      ),
      { numRuns: runs(150) }
    )
  })
})

describe("counts are conserved: every registered appeal is in exactly one state", () => {
  /** The state an appeal must be in, read from its events alone. */
  const expectedTag = (events: ReadonlyArray<AppealEvent.AppealEvent>): AppealState.AppealState["_tag"] =>
    events.length === 0
      ? "Unregistered"
      : events.some(AppealEvent.isFinal)
        ? "Closed"
        : events.some((e) => e._tag === "AppealAssigned")
          ? "UnderConsideration"
          : "Registered"

  it("over a population of appeals driven by random commands, the counts by state match the counts read from their histories and add up", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(Model.start(settings), Model.commands(settings, 10)), { minLength: 1, maxLength: 12 }),
        (runs) => {
          const reals = runs.map(([start, cmds]) => Model.run(settings, start, cmds).real)
          const counts = Invariants.countByState(reals.map((r) => r.state))
          const fromEvents = { Unregistered: 0, Registered: 0, UnderConsideration: 0, Closed: 0 }
          for (const r of reals) fromEvents[expectedTag(r.events)]++
          expect(counts).toEqual(fromEvents)
          const registered = reals.filter((r) => r.events.some((e) => e._tag === "AppealRegistered")).length
          expect(Invariants.REGISTERED_STATES.reduce((n, t) => n + counts[t], 0)).toBe(registered)
          expect(counts.Unregistered + registered).toBe(reals.length)
        }
      ),
      { numRuns: runs(60) }
    )
  })

  it("a pinned population: 3 appeals registered, one assigned, one answered -> 1 + 1 + 1", () => {
    const other = "head-1" as ActorId
    const a = Either.getOrThrow(Decider.run(decider, [register("2021-03-01")])).state
    const b = Either.getOrThrow(
      Decider.run(decider, [register("2021-03-01"), assign("2021-03-02"), extend("2021-03-10", 5)])
    ).state
    const c = Either.getOrThrow(
      Decider.run(decider, [
        register("2021-03-01"),
        new AppealCommand.AssignToDivision({
          appealId: APPEAL,
          division: "housing" as DivisionId,
          at: at("2021-03-02"),
          actor: other
        }),
        answer("2021-03-05")
      ])
    ).state
    expect(Invariants.countByState([a, b, c, AppealState.initial])).toEqual({
      Unregistered: 1,
      Registered: 1,
      UnderConsideration: 1,
      Closed: 1
    })
  })
})
