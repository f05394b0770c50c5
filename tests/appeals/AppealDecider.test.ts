import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Redacted, Schema } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import * as Invariants from "../../src/appeals/Invariants.js"
import * as Decider from "../../src/kernel/Decider.js"
import * as Model from "../../src/testing/AppealsModel.js"
import { APPEAL, CLERK, answer, applicant, assign, at, decider, extend, register, settings } from "./helpers.js"
import { atLeast, runs } from "../support/runs.js"

const encodeCommand = Schema.encodeSync(AppealCommand.AppealCommand)
const errorOf = (cmds: ReadonlyArray<AppealCommand.AppealCommand>) => {
  const r = Decider.run(decider, cmds)
  return Either.isLeft(r) ? r.left : undefined
}

describe("the appeal lifecycle, model-based", () => {
  it("every accepted sequence keeps every invariant, replay reproduces the state, refusals are the expected typed errors", () => {
    fc.assert(
      fc.property(Model.start(settings), Model.commands(settings, 14), (start, cmds) => {
        Model.run(settings, start, cmds)
      }),
      { numRuns: runs(400) }
    )
  })

  it("reaches every state and every outcome over random sequences (the generator is not vacuous)", () => {
    const tags = new Set<string>()
    const outcomes = new Set<string>()
    const notices = new Set<string>()
    fc.assert(
      fc.property(Model.start(settings), Model.commands(settings, 14), (start, cmds) => {
        const { real } = Model.run(settings, start, cmds)
        tags.add(real.state._tag)
        if (real.state._tag === "Closed") outcomes.add(real.state.outcome)
        if (real.state._tag !== "Unregistered") {
          for (const n of real.state.notices) notices.add(`${n.kind}:${n.sentOn > n.due ? "late" : "onTime"}`)
          if (real.state.copies.length > 0) notices.add("copies")
        }
      }),
      // a fixed seed: this checks the generator's reach, deterministically
      { numRuns: atLeast(4000), seed: 20210301 }
    )
    expect([...tags].sort()).toEqual(["Closed", "Registered", "UnderConsideration", "Unregistered"])
    expect(outcomes.size).toBe(Appeal.Outcome.literals.length)
    // notices of each kind the model records, on time and late (a late extension notice, sent after the old due
    // date, is rare in random runs: tests/appeals/Notices.test.ts pins it), and copies to other bodies
    const reached = [...notices].sort()
    for (const kind of ["forwarding", "noAnswer", "courtDecision", "publishedAnswer", "secret"])
      for (const t of ["onTime", "late"]) expect(reached).toContain(`${kind}:${t}`)
    expect(reached).toContain("extension:onTime")
    expect(reached).toContain("copies")
  })

  it("counts are conserved: every registered appeal is in exactly one state", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(Model.start(settings), Model.commands(settings, 8)), { maxLength: 15 }), (runs) => {
        const states = runs.map(([s, cmds]) => Model.run(settings, s, cmds).real.state)
        const counts = Invariants.countByState(states)
        const registered = states.filter((s) => s._tag !== "Unregistered").length
        expect(counts.Registered + counts.UnderConsideration + counts.Closed).toBe(registered)
        expect(counts.Unregistered + registered).toBe(states.length)
      }),
      { numRuns: runs(50) }
    )
  })
})

describe("impossible transitions are typed errors", () => {
  it("answering before assignment", () => {
    const e = errorOf([register("2021-03-01"), answer("2021-03-05")])
    expect(e?._tag).toBe("TransitionNotAllowed")
    expect(e?.message).toContain("assignment")
  })

  it("answering a closed appeal", () => {
    const e = errorOf([register("2021-03-01"), assign("2021-03-02"), answer("2021-03-05"), answer("2021-03-06")])
    expect(e).toMatchObject({ _tag: "TransitionNotAllowed", command: "AnswerOnMerits", state: "Closed" })
  })

  it("extending after the due date has passed", () => {
    const e = errorOf([register("2021-03-01"), assign("2021-03-02"), extend("2021-04-01", 10)])
    expect(e).toMatchObject({
      _tag: "ExtensionRefused",
      reason: "dueDatePassed",
      answerDue: "2021-03-31",
      on: "2021-04-01"
    })
  })

  it("extending on the due date itself is allowed", () => {
    expect(
      Either.isRight(Decider.run(decider, [register("2021-03-01"), assign("2021-03-02"), extend("2021-03-31", 10)]))
    ).toBe(true)
  })

  it("a second extension beyond 30 days in total (art. 12 p. 2)", () => {
    const e = errorOf([
      register("2021-03-01"),
      assign("2021-03-02"),
      extend("2021-03-20", 20),
      extend("2021-03-25", 11)
    ])
    expect(e).toMatchObject({
      _tag: "ExtensionRefused",
      reason: "totalExceedsLimit",
      requestedDays: 11,
      extendedSoFar: 20,
      limit: 30
    })
    const ok = Decider.run(decider, [
      register("2021-03-01"),
      assign("2021-03-02"),
      extend("2021-03-20", 20),
      extend("2021-03-25", 10)
    ])
    expect(
      Either.isRight(ok) && ok.right.state._tag === "UnderConsideration" ? ok.right.state.dues.answer : undefined
    ).toBe("2021-04-30")
  })

  it("registering twice, and any command before registration", () => {
    expect(errorOf([register("2021-03-01"), register("2021-03-01")])).toMatchObject({
      _tag: "TransitionNotAllowed",
      state: "Registered"
    })
    expect(errorOf([assign("2021-03-01")])).toMatchObject({ _tag: "TransitionNotAllowed", state: "Unregistered" })
  })

  it("an oral answer to a written appeal, or without consent (art. 13 p. 3)", () => {
    const oral = (consent: boolean) =>
      new AppealCommand.AnswerOrally({
        appealId: APPEAL,
        result: "explained",
        applicantConsented: consent,
        factsObvious: true,
        at: at("2021-03-01", 11),
        actor: CLERK
      })
    expect(errorOf([register("2021-03-01"), oral(true)])).toMatchObject({
      _tag: "OralAnswerNotAllowed",
      reason: "notOralAppeal"
    })
  })

  it("art. 11 p. 1: 'anonymous' does not apply to an applicant with a name and address", () => {
    const leave = new AppealCommand.LeaveWithoutAnswer({
      appealId: APPEAL,
      ground: "anonymous",
      at: at("2021-03-02"),
      actor: CLERK
    })
    expect(errorOf([register("2021-03-01"), leave])).toMatchObject({ _tag: "GroundDoesNotApply", ground: "anonymous" })
    const anonymous = Decider.run(decider, [
      register("2021-03-01", { applicant: new Appeal.Applicant({ email: Redacted.make("x@example.ru") }) }),
      leave
    ])
    expect(
      Either.isRight(anonymous) && anonymous.right.state._tag === "Closed" ? anonymous.right.state.outcome : undefined
    ).toBe("noAnswerAnonymous")
  })
})

describe("oral appeals from a personal reception (art. 13)", () => {
  const oralRegistration = new AppealCommand.RegisterOralAppeal({
    ...register("2021-03-01"),
    receptionCard: "card-2021-017" as AppealCommand.RegisterOralAppeal["receptionCard"],
    receivedBy: "mayor" as AppealCommand.RegisterOralAppeal["receivedBy"]
  })

  it("is registered with its reception card and may be answered orally at once with consent when the facts are obvious", () => {
    const oral = new AppealCommand.AnswerOrally({
      appealId: APPEAL,
      result: "explained",
      applicantConsented: true,
      factsObvious: true,
      at: at("2021-03-01", 11),
      actor: CLERK
    })
    const r = Either.getOrThrow(Decider.run(decider, [oralRegistration, oral]))
    expect(r.state._tag).toBe("Closed")
    if (r.state._tag === "Closed") {
      expect(r.state.appeal.channel).toBe("oral")
      expect(r.state.appeal.receptionCard).toBe("card-2021-017")
      expect(r.state.answerForm).toBe("oral")
    }
  })

  it("without consent it is answered in writing within the normal term", () => {
    const oral = new AppealCommand.AnswerOrally({
      appealId: APPEAL,
      result: "explained",
      applicantConsented: false,
      factsObvious: true,
      at: at("2021-03-01", 11),
      actor: CLERK
    })
    expect(errorOf([oralRegistration, oral])).toMatchObject({ _tag: "OralAnswerNotAllowed", reason: "noConsent" })
    const r = Either.getOrThrow(Decider.run(decider, [oralRegistration, assign("2021-03-02"), answer("2021-03-20")]))
    expect(r.state._tag === "Closed" && r.state.dues.answer).toBe("2021-03-31")
  })
})

describe("repeated appeals and the end of correspondence (art. 11 p. 5)", () => {
  const earlier = ["appeal-0", "appeal-00"] as unknown as ReadonlyArray<typeof APPEAL>
  it("the head ends the correspondence on a repeated appeal answered several times; a later one is answered by reference", () => {
    const end = new AppealCommand.EndCorrespondence({ appealId: APPEAL, at: at("2021-03-05"), actor: CLERK })
    const r = Either.getOrThrow(
      Decider.run(decider, [register("2021-03-01", { kind: "repeated", relatedAppeals: earlier }), end])
    )
    expect(r.state._tag === "Closed" && r.state.outcome).toBe("correspondenceEnded")
    const byRef = new AppealCommand.AnswerByReference({
      appealId: APPEAL,
      decision: earlier[0]!,
      at: at("2021-03-05"),
      actor: CLERK
    })
    const later = Either.getOrThrow(
      Decider.run(decider, [register("2021-03-01", { kind: "repeated", relatedAppeals: earlier }), byRef])
    )
    expect(later.state._tag === "Closed" && later.state.outcome).toBe("answeredByReference")
  })
  it("not for an individual appeal", () => {
    const end = new AppealCommand.EndCorrespondence({ appealId: APPEAL, at: at("2021-03-05"), actor: CLERK })
    expect(errorOf([register("2021-03-01"), end])).toMatchObject({
      _tag: "GroundDoesNotApply",
      ground: "endOfCorrespondence"
    })
  })
})

describe("bad input: a typed error naming the field; never half-registered", () => {
  const valid = encodeCommand(register("2021-03-01"))
  const fields = Object.keys(valid).filter((k) => k !== "applicant")

  it("a missing required field", () => {
    for (const field of fields) {
      const { [field]: _, ...rest } = valid as Record<string, unknown>
      const r = AppealCommand.decode(rest)
      expect(Either.isLeft(r), field).toBe(true)
      if (Either.isLeft(r)) {
        expect(r.left._tag).toBe("InvalidAppealInput")
        if (field !== "_tag") expect(r.left.field).toBe(field)
      }
    }
  })

  it("a malformed field", () => {
    const cases: ReadonlyArray<[string, unknown, string]> = [
      ["registrationNumber", "2021/1", "registrationNumber"],
      ["receivedAt", "yesterday", "receivedAt"],
      ["topics", ["0005.0005"], "topics[0]"],
      ["channel", "fax", "channel"],
      ["applicant", { email: "not-an-email" }, "applicant.email"],
      ["appealId", "", "appealId"]
    ]
    for (const [field, value, path] of cases) {
      const r = AppealCommand.decode({ ...(valid as object), [field]: value })
      expect(Either.isLeft(r) ? [r.left.reason, r.left.field] : "accepted", field).toEqual(["malformed", path])
    }
    const none = AppealCommand.decode({ ...(valid as object), topics: [] })
    expect(Either.isLeft(none) ? [none.left.reason, none.left.field] : "accepted").toEqual(["missing", "topics[0]"])
  })

  it("input inconsistent with itself leaves the appeal unregistered", () => {
    const cases: ReadonlyArray<[AppealCommand.AppealCommand, string, string]> = [
      [register("2021-03-01", { receivedAt: at("2021-03-02") }), "InvalidAppealInput", "at"],
      [
        register("2021-03-01", { registrationNumber: Appeal.registrationNumber("ОГ", 2020, 5) }),
        "InvalidAppealInput",
        "registrationNumber"
      ],
      [register("2021-03-01", { kind: "repeated" }), "InvalidAppealInput", "relatedAppeals"],
      [
        register("2021-03-01", { topics: ["0006.0001.0001.0001" as Appeal.AppealFacts["topics"][0]] }),
        "UnknownTopic",
        ""
      ],
      [
        register("2019-03-01", {
          receivedAt: at("1999-03-01"),
          at: at("1999-03-02"),
          registrationNumber: Appeal.registrationNumber("ОГ", 1999, 1)
        }),
        "DeadlineUnavailable",
        ""
      ]
    ]
    for (const [cmd, tag, field] of cases) {
      const r = decider.decide(cmd, AppealState.initial)
      expect(Either.isLeft(r) ? r.left._tag : "accepted").toBe(tag)
      if (Either.isLeft(r) && r.left._tag === "InvalidAppealInput") expect(r.left.field).toBe(field)
    }
  })

  it("the decoded valid command registers exactly one appeal with its data", () => {
    const cmd = Either.getOrThrow(AppealCommand.decode(JSON.parse(JSON.stringify(valid))))
    const r = Either.getOrThrow(Decider.run(decider, [cmd]))
    expect(r.events.map((e) => e._tag)).toEqual(["AppealRegistered"])
    expect(r.state._tag === "Registered" && Redacted.value(r.state.appeal.applicant!.name!)).toBe(
      Redacted.value(applicant.name!)
    )
  })
})
