/**
 * Worked examples of each rule of the lifecycle, article by article
 * (59-FZ), in Khabarovsk (Asia/Vladivostok, previousWorkingDay, decree
 * layer on): the outcome, the notice to the applicant and the due date each
 * disposition is judged against.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, Redacted } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealEvent from "../../src/appeals/AppealEvent.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import * as Decider from "../../src/kernel/Decider.js"
import type { ActorId, AppealId, DivisionId, OfficialId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import { APPEAL, CLERK, ECONOMY, answer, applicant, assign, at, decider, extend, register } from "./helpers.js"

type Cmd = AppealCommand.AppealCommand

const run = (cmds: ReadonlyArray<Cmd>) => Either.getOrThrow(Decider.run(decider, cmds))
const errorOf = (cmds: ReadonlyArray<Cmd>) => {
  const r = Decider.run(decider, cmds)
  return Either.isLeft(r) ? r.left : undefined
}
const closed = (cmds: ReadonlyArray<Cmd>): AppealState.Closed => {
  const s = run(cmds).state
  if (s._tag !== "Closed") throw new Error(`expected Closed, got ${s._tag}`)
  return s
}
const common = (day: string, hour = 10) => ({ appealId: APPEAL, at: at(day, hour), actor: CLERK })

/** Applicants: the full one of the helpers, one with only an e-mail (no name), one with a name and only a postal address. */
const noName = new Appeal.Applicant({ email: Redacted.make("anon@example.ru") })
const postalOnly = new Appeal.Applicant({
  name: Redacted.make("Петров Пётр"),
  postalAddress: Redacted.make("680000, г. Хабаровск, ул. Ленина, д. 5")
})

/** A registration without any applicant data. */
const unsigned = (day: string) => {
  const { applicant: _, ...rest } = register(day)
  return new AppealCommand.RegisterAppeal(rest)
}

const forward = (day: string) =>
  new AppealCommand.ForwardByCompetence({ ...common(day), to: "Министерство ЖКХ Хабаровского края" })
const leave = (day: string, ground: Appeal.NoAnswerGround) =>
  new AppealCommand.LeaveWithoutAnswer({ ...common(day), ground })
const crimeReport = (day: string) =>
  new AppealCommand.ForwardCrimeReport({ ...common(day), to: "УМВД России по г. Хабаровску" })

describe("59-FZ art. 8 p. 2: registration within 3 days of receipt", () => {
  it("received 2021-03-01: registration due 2021-03-04; registered that day on time, on 2021-03-05 late (recorded, not refused)", () => {
    const onTime = run([register("2021-03-04", { receivedAt: at("2021-03-01", 9) })]).state
    const late = run([register("2021-03-05", { receivedAt: at("2021-03-01", 9) })]).state
    expect(AppealState.dueDates(onTime)?.registration).toBe("2021-03-04")
    expect(onTime._tag !== "Unregistered" && AppealState.registeredLate(onTime)).toBe(false)
    expect(late._tag !== "Unregistered" && AppealState.registeredLate(late)).toBe(true)
    expect(late._tag !== "Unregistered" && [late.appeal.receivedOn, late.appeal.registeredOn]).toEqual([
      "2021-03-01",
      "2021-03-05"
    ])
  })
})

describe("59-FZ art. 8 p. 3: forwarding by competence within 7 days of registration, with a notice", () => {
  it("registered 2021-03-01: forwarding due 2021-03-05 (8 March is a holiday, 6-7 March a weekend); forwarded on 2021-03-05 it closes on time, notice sent", () => {
    const r = run([register("2021-03-01"), forward("2021-03-05")])
    expect(r.events[1]).toMatchObject({
      _tag: "AppealForwardedByCompetence",
      to: "Министерство ЖКХ Хабаровского края",
      applicantNotified: true,
      on: "2021-03-05"
    })
    const s = closed([register("2021-03-01"), forward("2021-03-05")])
    expect(s.dues.forwarding).toBe("2021-03-05")
    expect([s.outcome, s.forwardedTo, s.applicantNotified, s.result]).toEqual([
      "forwardedByCompetence",
      "Министерство ЖКХ Хабаровского края",
      true,
      undefined
    ])
    expect(AppealState.closedLate(s)).toBe(false)
  })

  it("forwarded on 2021-03-09 it is late; after assignment too; without a name and address there is no one to notify", () => {
    expect(AppealState.closedLate(closed([register("2021-03-01"), assign("2021-03-02"), forward("2021-03-09")]))).toBe(
      true
    )
    expect(closed([register("2021-03-01", { applicant: noName }), forward("2021-03-02")]).applicantNotified).toBe(false)
  })
})

describe("59-FZ art. 12: the answer term and its extension, with a notice", () => {
  it("the extension records its notice and the new due date; the closing answer is judged against it", () => {
    const r = run([register("2021-03-01"), assign("2021-03-02"), extend("2021-03-25", 30), answer("2021-04-30")])
    expect(r.events[2]).toMatchObject({
      _tag: "AppealTermExtended",
      days: 30,
      totalExtensionDays: 30,
      answerDue: "2021-04-30",
      applicantNotified: true
    })
    const s = closed([register("2021-03-01"), assign("2021-03-02"), extend("2021-03-25", 30), answer("2021-04-30")])
    expect([s.outcome, s.result, s.answerForm, AppealState.closedLate(s)]).toEqual([
      "answered",
      "explained",
      "written",
      false
    ])
  })
})

describe("59-FZ art. 10 p. 4: the answer goes to the address the applicant gave", () => {
  it("an electronic answer needs an e-mail, a written one a postal address, both a name", () => {
    const electronic = new AppealCommand.AnswerOnMerits({
      ...common("2021-03-10"),
      result: "supported",
      form: "electronic"
    })
    expect(
      errorOf([register("2021-03-01", { applicant: postalOnly }), assign("2021-03-02"), electronic])
    ).toMatchObject({ _tag: "NoAddressForAnswer", form: "electronic" })
    expect(
      errorOf([register("2021-03-01", { applicant: noName }), assign("2021-03-02"), answer("2021-03-10")])
    ).toMatchObject({ _tag: "NoAddressForAnswer", form: "written" })
    expect(
      closed([register("2021-03-01", { applicant: postalOnly }), assign("2021-03-02"), answer("2021-03-10")]).outcome
    ).toBe("answered")
  })

  it("each result of consideration is a result of the outcome 'answered' only", () => {
    for (const result of Appeal.Result.literals) {
      const s = closed([
        register("2021-03-01"),
        assign("2021-03-02"),
        new AppealCommand.AnswerOnMerits({ ...common("2021-03-10"), result, form: "electronic" })
      ])
      expect([s.outcome, s.result, s.answerForm]).toEqual(["answered", result, "electronic"])
    }
  })
})

describe("59-FZ art. 11: dispositions without an answer on the merits", () => {
  it("p. 1: no name or no address -> no answer, no notice; a name and an address -> the ground does not apply", () => {
    const s = closed([register("2021-03-01", { applicant: noName }), leave("2021-03-02", "anonymous")])
    expect([s.outcome, s.applicantNotified, s.result]).toEqual(["noAnswerAnonymous", false, undefined])
    const none = closed([unsigned("2021-03-01"), leave("2021-03-02", "anonymous")])
    expect(none.outcome).toBe("noAnswerAnonymous")
    expect(
      errorOf([register("2021-03-01", { applicant: postalOnly }), leave("2021-03-02", "anonymous")])
    ).toMatchObject({ _tag: "GroundDoesNotApply", ground: "anonymous" })
  })

  it("p. 1: an anonymous appeal reporting a crime is forwarded to the competent body (due in 7 days); a signed one goes by competence instead", () => {
    const s = closed([unsigned("2021-03-01"), crimeReport("2021-03-03")])
    expect([s.outcome, s.forwardedTo, s.applicantNotified, AppealState.closedLate(s)]).toEqual([
      "crimeReportForwarded",
      "УМВД России по г. Хабаровску",
      false,
      false
    ])
    expect(errorOf([register("2021-03-01"), crimeReport("2021-03-03")])).toMatchObject({
      _tag: "GroundDoesNotApply",
      ground: "crimeReport"
    })
  })

  it("p. 3: obscene or insulting language, threats -> left without an answer on the merits, the applicant told of the abuse", () => {
    const r = run([register("2021-03-01"), assign("2021-03-02"), leave("2021-03-04", "abusive")])
    expect(r.events[2]).toMatchObject({ _tag: "AppealLeftWithoutAnswer", ground: "abusive", applicantNotified: true })
    const s = closed([register("2021-03-01"), assign("2021-03-02"), leave("2021-03-04", "abusive")])
    expect([s.outcome, s.applicantNotified, s.result, s.division]).toEqual([
      "leftWithoutAnswerAbusive",
      true,
      undefined,
      "economy"
    ])
  })

  it("p. 4: unreadable text -> no answer; told within 7 days (registered 2021-03-02: by 2021-03-09) only when name and address are readable", () => {
    const told = closed([register("2021-03-02"), leave("2021-03-09", "unreadable")])
    expect([told.outcome, told.applicantNotified, told.dues.notice, AppealState.closedLate(told)]).toEqual([
      "noAnswerUnreadable",
      true,
      "2021-03-09",
      false
    ])
    expect(AppealState.closedLate(closed([register("2021-03-02"), leave("2021-03-10", "unreadable")]))).toBe(true)
    expect(
      closed([register("2021-03-02", { applicant: noName }), leave("2021-03-03", "unreadable")]).applicantNotified
    ).toBe(false)
  })

  it("p. 4.1: the point cannot be determined -> no answer, the applicant told within 7 days", () => {
    const s = closed([register("2021-03-02"), assign("2021-03-03"), leave("2021-03-05", "pointUndetermined")])
    expect([s.outcome, s.applicantNotified, s.dues.notice, AppealState.closedLate(s)]).toEqual([
      "noAnswerPointUndetermined",
      true,
      "2021-03-09",
      false
    ])
  })

  describe("p. 5: the end of correspondence", () => {
    const earlier = ["appeal-2020-00017", "appeal-2020-00342"] as unknown as ReadonlyArray<AppealId>
    const repeated = (related: ReadonlyArray<AppealId>) =>
      register("2021-03-01", { kind: "repeated", relatedAppeals: related })
    const end = new AppealCommand.EndCorrespondence(common("2021-03-05"))

    it("ends on a repeated appeal linked to the earlier answered ones, naming them, the applicant notified", () => {
      const r = run([repeated(earlier), end])
      expect(r.events[1]).toMatchObject({
        _tag: "CorrespondenceEnded",
        earlierAppeals: earlier,
        applicantNotified: true
      })
      expect(closed([repeated(earlier), end]).outcome).toBe("correspondenceEnded")
    })

    it("needs several earlier answers on the question", () => {
      expect(errorOf([repeated(earlier.slice(0, 1)), end])).toMatchObject({
        _tag: "GroundDoesNotApply",
        ground: "endOfCorrespondence"
      })
    })

    it("a later appeal is answered by reference to the decision, which must be one of its linked appeals", () => {
      const byRef = (decision: AppealId) => new AppealCommand.AnswerByReference({ ...common("2021-03-03"), decision })
      expect(closed([repeated(earlier), byRef(earlier[1]!)]).outcome).toBe("answeredByReference")
      expect(run([repeated(earlier), byRef(earlier[1]!)]).events[1]).toMatchObject({
        _tag: "AppealAnsweredByReference",
        decision: "appeal-2020-00342"
      })
      expect(errorOf([repeated(earlier), byRef("appeal-2019-00001" as AppealId)])).toMatchObject({
        _tag: "GroundDoesNotApply",
        ground: "answerByReference"
      })
    })
  })
})

describe("59-FZ art. 13 p. 3: an oral answer at a personal reception", () => {
  const oral = new AppealCommand.RegisterOralAppeal({
    ...register("2021-03-01"),
    receptionCard: "card-2021-017" as AppealCommand.RegisterOralAppeal["receptionCard"],
    receivedBy: "mayor" as AppealCommand.RegisterOralAppeal["receivedBy"]
  })
  const answerOrally = (consent: boolean, obvious: boolean) =>
    new AppealCommand.AnswerOrally({
      ...common("2021-03-01", 11),
      result: "explained",
      applicantConsented: consent,
      factsObvious: obvious
    })

  it("is refused when the facts are not obvious, even with consent; then a written answer within the normal term", () => {
    expect(errorOf([oral, answerOrally(true, false)])).toMatchObject({
      _tag: "OralAnswerNotAllowed",
      reason: "factsNotObvious"
    })
    const s = closed([oral, assign("2021-03-02"), answer("2021-03-31")])
    expect([s.appeal.channel, s.answerForm, s.dues.answer, AppealState.closedLate(s)]).toEqual([
      "oral",
      "written",
      "2021-03-31",
      false
    ])
  })
})

describe("the appeal's full history: every event with its actor and instant", () => {
  it("lists each step in order with who did it and when (local day in Khabarovsk)", () => {
    const head = "head-economy" as ActorId
    const cmds: ReadonlyArray<Cmd> = [
      register("2021-03-01"),
      new AppealCommand.AssignToDivision({ appealId: APPEAL, division: ECONOMY, at: at("2021-03-02", 9), actor: head }),
      new AppealCommand.ExtendTerm({
        appealId: APPEAL,
        days: 10,
        reason: "запрос документов",
        at: new Date("2021-03-30T15:30:00Z"),
        actor: head
      }),
      answer("2021-04-05")
    ]
    const r = run(cmds)
    expect(AppealEvent.history(r.events)).toEqual([
      { event: "AppealRegistered", actor: CLERK, at: at("2021-03-01"), on: "2021-03-01", visibility: "public" },
      { event: "AppealAssigned", actor: head, at: at("2021-03-02", 9), on: "2021-03-02", visibility: "internal" },
      // 15:30 UTC on 30 March is 01:30 on 31 March in Khabarovsk, the due date: still in time
      {
        event: "AppealTermExtended",
        actor: head,
        at: new Date("2021-03-30T15:30:00Z"),
        on: "2021-03-31",
        visibility: "public"
      },
      { event: "AppealAnswered", actor: CLERK, at: at("2021-04-05"), on: "2021-04-05", visibility: "public" }
    ])
    // the applicant's view leaves out the internal assignment
    expect(AppealEvent.history(r.events, { visibility: "public" }).map((h) => h.event)).toEqual([
      "AppealRegistered",
      "AppealTermExtended",
      "AppealAnswered"
    ])
    expect(AppealEvent.history(r.events, { visibility: "internal" })).toHaveLength(4)
    // 40 days from 2021-03-01 end on Saturday 10 April: due Friday 9 April
    expect(
      r.state._tag === "Closed" && [r.state.dues.answer, r.state.closedOn, AppealState.closedLate(r.state)]
    ).toEqual(["2021-04-09", "2021-04-05", false])
    expect(AppealState.isOverdueOn(r.state, Period.unsafeDay("2021-05-01"))).toBe(false)
  })
})

describe("the applicant in these examples", () => {
  it("has a name, a postal and an e-mail address (so every notice can be sent)", () => {
    expect(Appeal.hasAddressForAnswer(applicant)).toBe(true)
    expect(Appeal.hasAddressForAnswer(noName)).toBe(false)
    expect(Appeal.hasAddressForAnswer(postalOnly)).toBe(true)
  })
})

describe("59-FZ art. 13 p. 3: the oral answer, stated once", () => {
  it("the source is art. 13 p. 3 of the consolidated text (p. 2 is the identity document, p. 4 the written appeal handed in)", () => {
    expect(Appeal.oralAnswerSource).toBe("59-FZ art. 13 p. 3")
  })
  it("every refusal of an oral answer cites it", () => {
    const oral = new AppealCommand.RegisterOralAppeal({
      ...register("2021-03-01"),
      receptionCard: "card-2021-018" as AppealCommand.RegisterOralAppeal["receptionCard"],
      receivedBy: "mayor" as AppealCommand.RegisterOralAppeal["receivedBy"]
    })
    const orally = (applicantConsented: boolean, factsObvious: boolean) =>
      new AppealCommand.AnswerOrally({
        ...common("2021-03-01", 11),
        result: "explained",
        applicantConsented,
        factsObvious
      })
    const refusals = [
      errorOf([oral, orally(false, true)]),
      errorOf([oral, orally(true, false)]),
      errorOf([register("2021-03-01"), orally(true, true)])
    ]
    expect(refusals.map((e) => e?._tag === "OralAnswerNotAllowed" && e.reason)).toEqual([
      "noConsent",
      "factsNotObvious",
      "notOralAppeal"
    ])
    for (const e of refusals) expect(e?.message).toContain("(59-FZ art. 13 p. 3)")
  })
  it("an oral answer needs the applicant's consent and obvious facts; consent is checked first", () => {
    const cases = [
      [{ applicantConsented: true, factsObvious: true }, undefined],
      [{ applicantConsented: false, factsObvious: true }, "noConsent"],
      [{ applicantConsented: true, factsObvious: false }, "factsNotObvious"],
      [{ applicantConsented: false, factsObvious: false }, "noConsent"]
    ] as const
    for (const [answer, refused] of cases) expect(Appeal.oralAnswerRefusal(answer)).toBe(refused)
  })
})

describe("59-FZ art. 11 p. 2, p. 5.1, p. 6 and art. 8 p. 4: the grounds added to the law", () => {
  const returnIt = (day: string) =>
    new AppealCommand.ReturnCourtDecisionAppeal({
      ...common(day),
      explanation: "решение районного суда обжалуется в апелляционном порядке в краевой суд через районный суд"
    })
  const referTo = (day: string) =>
    new AppealCommand.ReferToPublishedAnswer({ ...common(day), url: "https://khabarovskadm.ru/answers/2021/42" })
  const secret = (day: string) => new AppealCommand.DeclineForSecrecy({ ...common(day), secret: "state" })
  const copies = (day: string, ...to: [string, ...Array<string>]) =>
    new AppealCommand.SendCopies({ ...common(day), to })

  it("p. 2: an appeal contesting a court decision is returned within 7 days of registration with the explanation (registered 2021-03-01: due 2021-03-05)", () => {
    const r = run([register("2021-03-01"), returnIt("2021-03-05")])
    expect(r.events[1]).toMatchObject({ _tag: "AppealReturnedCourtDecision", on: "2021-03-05" })
    const s = closed([register("2021-03-01"), returnIt("2021-03-05")])
    expect([s.outcome, s.applicantNotified, s.result, AppealState.dueFor(s.dues, s.outcome)]).toEqual([
      "returnedCourtDecision",
      true,
      undefined,
      "2021-03-05"
    ])
    expect(AppealState.closedLate(s)).toBe(false)
    expect(AppealState.closedLate(closed([register("2021-03-01"), returnIt("2021-03-09")]))).toBe(true)
  })

  it("p. 5.1: the address of the published answer within 7 days of registration; late on 2021-03-09", () => {
    const s = closed([register("2021-03-01"), assign("2021-03-02"), referTo("2021-03-04")])
    expect([s.outcome, s.applicantNotified, s.division, AppealState.closedLate(s)]).toEqual([
      "referredToPublishedAnswer",
      true,
      ECONOMY,
      false
    ])
    expect(run([register("2021-03-01"), referTo("2021-03-04")]).events[1]).toMatchObject({
      _tag: "AppealReferredToPublishedAnswer",
      url: "https://khabarovskadm.ru/answers/2021/42"
    })
    expect(AppealState.closedLate(closed([register("2021-03-01"), referTo("2021-03-09")]))).toBe(true)
    // the address is a URL of the site: anything else is refused at decoding, naming the field
    expect(AppealCommand.decode({ ...AppealCommand.encode(referTo("2021-03-04")), url: "see our site" })).toMatchObject(
      { _tag: "Left", left: { _tag: "InvalidAppealInput", field: "url" } }
    )
  })

  it("p. 6: a protected secret: the applicant is told no answer on the merits is possible, within the answer term (no term of its own)", () => {
    const r = run([register("2021-03-01"), assign("2021-03-02"), secret("2021-03-25")])
    expect(r.events[2]).toMatchObject({ _tag: "AppealDeclinedForSecrecy", secret: "state" })
    const s = closed([register("2021-03-01"), assign("2021-03-02"), secret("2021-03-25")])
    expect([s.outcome, s.applicantNotified, s.result, AppealState.dueFor(s.dues, s.outcome)]).toEqual([
      "noAnswerSecret",
      true,
      undefined,
      "2021-03-31"
    ])
    expect(AppealState.closedLate(s)).toBe(false)
  })

  it("without a name and address none of the three applies (art. 11 p. 1: no answer), and the refusal names the rule", () => {
    for (const [cmd, ground, source] of [
      [returnIt("2021-03-02"), "courtDecision", "59-FZ art. 11 p. 2"],
      [referTo("2021-03-02"), "publishedAnswer", "59-FZ art. 11 p. 5.1"],
      [secret("2021-03-02"), "secret", "59-FZ art. 11 p. 6"]
    ] as const) {
      const e = errorOf([register("2021-03-01", { applicant: noName }), cmd])
      expect(e).toMatchObject({ _tag: "GroundDoesNotApply", ground })
      expect(e?.message).toContain(source)
      expect(e?.message).toContain("59-FZ art. 11 p. 1")
    }
  })

  it("art. 8 p. 4: copies to each other competent body within 7 days of registration; the appeal stays open and is answered on its own questions", () => {
    const r = run([
      register("2021-03-01"),
      copies("2021-03-03", "Прокуратура г. Хабаровска"),
      assign("2021-03-04"),
      copies("2021-03-09", "Министерство ЖКХ Хабаровского края"),
      answer("2021-03-20")
    ])
    expect(r.events.map((e) => e._tag)).toEqual([
      "AppealRegistered",
      "AppealCopiesSent",
      "AppealAssigned",
      "AppealCopiesSent",
      "AppealAnswered"
    ])
    const s = r.state as AppealState.Closed
    expect(s.copies).toEqual([
      { to: "Прокуратура г. Хабаровска", on: "2021-03-03" },
      { to: "Министерство ЖКХ Хабаровского края", on: "2021-03-09" }
    ])
    expect([s.outcome, s.dues.forwarding]).toEqual(["answered", "2021-03-05"])
    // the second copy went after the 7 days (due 5 March)
    expect(AppealState.copiesLate(s)).toEqual([{ to: "Министерство ЖКХ Хабаровского края", on: "2021-03-09" }])
  })

  it("art. 8 p. 4: a body gets one copy: listed twice or sent again is refused, naming the rule and the entry", () => {
    const twice = errorOf([register("2021-03-01"), copies("2021-03-02", "УМВД", "УМВД")])
    expect(twice).toMatchObject({ _tag: "GroundDoesNotApply", ground: "severalBodies" })
    expect(twice?.message).toContain("to[1]")
    expect(twice?.message).toContain("59-FZ art. 8 p. 4")
    expect(
      errorOf([register("2021-03-01"), copies("2021-03-02", "УМВД"), copies("2021-03-03", "Прокуратура", "УМВД")])
    ).toMatchObject({ _tag: "GroundDoesNotApply", ground: "severalBodies" })
  })
})

describe("59-FZ art. 2 p. 1: collective appeals with their signatories", () => {
  it("a collective appeal records its signatories (two or more); one signatory is individual; a count does not fit the other kind", () => {
    const s = run([register("2021-03-01", { kind: "collective", signatories: 57 })]).state
    expect(s._tag !== "Unregistered" && [s.appeal.kind, s.appeal.signatories]).toEqual(["collective", 57])
    expect(errorOf([register("2021-03-01", { kind: "collective", signatories: 1 })])).toMatchObject({
      _tag: "InvalidAppealInput",
      field: "signatories"
    })
    expect(errorOf([register("2021-03-01", { kind: "individual", signatories: 3 })])).toMatchObject({
      _tag: "InvalidAppealInput",
      field: "signatories"
    })
    const one = run([register("2021-03-01", { signatories: 1 })]).state
    expect(one._tag !== "Unregistered" && one.appeal.signatories).toBe(1)
    // not counted (as in appeals registered before the count): absent
    const uncounted = run([register("2021-03-01", { kind: "collective" })]).state
    expect(uncounted._tag !== "Unregistered" && uncounted.appeal.signatories).toBeUndefined()
  })
})

describe("the executor and co-executors, within the assigned division", () => {
  const of = (official: string, division: string) => ({
    official: official as OfficialId,
    division: division as DivisionId
  })
  const name = (day: string, executor: ReturnType<typeof of>, ...co: Array<ReturnType<typeof of>>) =>
    new AppealCommand.AssignExecutors({ ...common(day), executor, coExecutors: co })

  it("names an executor and co-executors of the division; reassigning to another division drops them, to the same keeps them", () => {
    const cmds = [
      register("2021-03-01"),
      assign("2021-03-02"),
      name("2021-03-02", of("petrov", ECONOMY), of("sidorova", ECONOMY))
    ]
    const s = run(cmds).state
    expect(s._tag === "UnderConsideration" && s.executors).toEqual({ executor: "petrov", coExecutors: ["sidorova"] })
    const same = run([...cmds, assign("2021-03-03")]).state
    expect(same._tag === "UnderConsideration" && same.executors?.executor).toBe("petrov")
    const moved = run([
      ...cmds,
      new AppealCommand.AssignToDivision({ ...common("2021-03-03"), division: "housing" as DivisionId })
    ]).state
    expect(moved._tag === "UnderConsideration" && moved.executors).toBeUndefined()
    const answered = closed([...cmds, answer("2021-03-20")])
    expect(answered.executors).toEqual({ executor: "petrov", coExecutors: ["sidorova"] })
  })

  it("refuses an executor of another division, a person named twice, and naming before assignment", () => {
    expect(
      errorOf([
        register("2021-03-01"),
        assign("2021-03-02"),
        name("2021-03-02", of("petrov", ECONOMY), of("ivanov", "housing"))
      ])
    ).toMatchObject({ _tag: "InvalidAppealInput", field: "coExecutors[0].division" })
    expect(
      errorOf([
        register("2021-03-01"),
        assign("2021-03-02"),
        name("2021-03-02", of("petrov", ECONOMY), of("petrov", ECONOMY))
      ])
    ).toMatchObject({ _tag: "InvalidAppealInput", field: "coExecutors[0].official" })
    expect(errorOf([register("2021-03-01"), name("2021-03-02", of("petrov", ECONOMY))])).toMatchObject({
      _tag: "TransitionNotAllowed"
    })
  })

  it("an official's division comes from the organisation (Appeal.executorIn)", () => {
    const organisation = {
      officials: [
        { id: "petrov", position: "headOfDivision", division: ECONOMY },
        { id: "mayor", position: "mayor" }
      ]
    } as unknown as Parameters<typeof Appeal.executorIn>[0]
    expect(Appeal.executorIn(organisation, "petrov" as OfficialId)).toEqual(of("petrov", ECONOMY))
    expect(Appeal.executorIn(organisation, "mayor" as OfficialId)).toBeUndefined()
    expect(Appeal.executorIn(organisation, "nobody" as OfficialId)).toBeUndefined()
  })
})
