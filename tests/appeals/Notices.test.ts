/**
 * Notices to the applicant as recorded acts (channel, instant, local day),
 * each with the due date it must meet, counted by the same calendar policy
 * as the answer; a late notice counts like a late answer in the analysis.
 * Khabarovsk (Asia/Vladivostok, previousWorkingDay, decree layer on).
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Redacted } from "effect"
import * as Analysis from "../../src/appeals/Analysis.js"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import * as AppealEvent from "../../src/appeals/AppealEvent.js"
import * as AppealState from "../../src/appeals/AppealState.js"
import * as Deadlines from "../../src/appeals/Deadlines.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import * as Decider from "../../src/kernel/Decider.js"
import * as Period from "../../src/kernel/Period.js"
import { runs } from "../support/runs.js"
import { APPEAL, CLERK, assign, at, decider, register, settings } from "./helpers.js"

type Cmd = AppealCommand.AppealCommand
const run = (cmds: ReadonlyArray<Cmd>) => Either.getOrThrow(Decider.run(decider, cmds))
const errorOf = (cmds: ReadonlyArray<Cmd>) => {
  const r = Decider.run(decider, cmds)
  return Either.isLeft(r) ? r.left : undefined
}
const common = (day: string, hour = 10) => ({ appealId: APPEAL, at: at(day, hour), actor: CLERK })
const sent = (channel: Appeal.NoticeChannel, day: string, hour = 12) =>
  new Appeal.NoticeSent({ channel, sentAt: at(day, hour) })
const forward = (day: string, notice?: Appeal.NoticeSent) =>
  new AppealCommand.ForwardByCompetence({
    ...common(day),
    to: "Министерство ЖКХ Хабаровского края",
    ...(notice === undefined ? {} : { notice })
  })
const postalOnly = new Appeal.Applicant({
  name: Redacted.make("Петров Пётр"),
  postalAddress: Redacted.make("680000, г. Хабаровск, ул. Ленина, д. 5")
})
const noName = new Appeal.Applicant({ email: Redacted.make("anon@example.ru") })

describe("notices as recorded acts", () => {
  it("the forwarding's notice (art. 8 p. 3): registered 2021-03-01, forwarded 3 March, notice posted 9 March: due 5 March, late; the appeal counts as late", () => {
    const r = run([register("2021-03-01"), forward("2021-03-03", sent("post", "2021-03-09"))])
    expect(r.events[1]).toMatchObject({
      _tag: "AppealForwardedByCompetence",
      notice: { channel: "post", sentOn: "2021-03-09" }
    })
    const s = r.state as AppealState.Closed
    expect(s.notices).toEqual([{ kind: "forwarding", channel: "post", sentOn: "2021-03-09", due: "2021-03-05" }])
    expect(AppealState.closedLate(s)).toBe(false) // the forwarding itself was in time
    expect(AppealState.noticesLate(s)).toHaveLength(1)
    const summary = Analysis.summarise(s)!
    expect([summary.closedLate, summary.lateNotices]).toEqual([true, 1])
    expect(Analysis.timeliness(summary, Period.unsafeDay("2021-03-31"))).toBe("late")
    const a = Analysis.analyse([summary], Period.unsafeMonth("2021-03"), Period.unsafeDay("2021-03-31"))
    expect(a.byTimeliness).toEqual({ late: 1 })
  })

  it("the same notice sent on 5 March is on time, and so is the appeal", () => {
    const s = run([register("2021-03-01"), forward("2021-03-03", sent("email", "2021-03-05"))])
      .state as AppealState.Closed
    expect(AppealState.noticesLate(s)).toEqual([])
    expect(Analysis.summarise(s)).toMatchObject({ closedLate: false })
    expect(Analysis.summarise(s)?.lateNotices).toBeUndefined()
  })

  it("the extension's notice (art. 12 p. 2) is due by the answer date in force before the extension", () => {
    const extend = (notice: Appeal.NoticeSent) =>
      new AppealCommand.ExtendTerm({ ...common("2021-03-25"), days: 30, reason: "запрос документов", notice })
    const onTime = run([register("2021-03-01"), assign("2021-03-02"), extend(sent("email", "2021-03-31"))]).state
    const late = run([register("2021-03-01"), assign("2021-03-02"), extend(sent("post", "2021-04-01"))]).state
    expect(onTime._tag === "UnderConsideration" && [onTime.notices, onTime.dues.answer]).toEqual([
      [{ kind: "extension", channel: "email", sentOn: "2021-03-31", due: "2021-03-31" }],
      "2021-04-30"
    ])
    expect(late._tag === "UnderConsideration" && AppealState.noticesLate(late)).toHaveLength(1)
    // an open appeal shows its late notices; it counts as late once closed
    expect(Analysis.summarise(late)?.lateNotices).toBe(1)
  })

  it("the grounds of art. 11 record their notices against their own terms: p. 4 7 days, p. 5.1 7 days, p. 6 the answer's", () => {
    const unreadable = run([
      register("2021-03-01"),
      new AppealCommand.LeaveWithoutAnswer({
        ...common("2021-03-02"),
        ground: "unreadable",
        notice: sent("post", "2021-03-04")
      })
    ]).state as AppealState.Closed
    const published = run([
      register("2021-03-01"),
      new AppealCommand.ReferToPublishedAnswer({
        ...common("2021-03-02"),
        url: "https://khabarovskadm.ru/answers/42",
        notice: sent("email", "2021-03-02")
      })
    ]).state as AppealState.Closed
    const secret = run([
      register("2021-03-01"),
      new AppealCommand.DeclineForSecrecy({
        ...common("2021-03-02"),
        secret: "other",
        notice: sent("inPerson", "2021-03-30")
      })
    ]).state as AppealState.Closed
    expect([...unreadable.notices, ...published.notices, ...secret.notices]).toEqual([
      { kind: "noAnswer", channel: "post", sentOn: "2021-03-04", due: "2021-03-05" },
      { kind: "publishedAnswer", channel: "email", sentOn: "2021-03-02", due: "2021-03-05" },
      { kind: "secret", channel: "inPerson", sentOn: "2021-03-30", due: "2021-03-31" }
    ])
  })

  it("a notice that cannot have been sent is refused, naming the field: nobody to tell, no address for the channel, before the act", () => {
    expect(
      errorOf([register("2021-03-01", { applicant: noName }), forward("2021-03-02", sent("email", "2021-03-02"))])
    ).toMatchObject({ _tag: "NoticeRefused", reason: "noApplicantToTell", field: "notice" })
    expect(
      errorOf([register("2021-03-01", { applicant: postalOnly }), forward("2021-03-02", sent("email", "2021-03-02"))])
    ).toMatchObject({ _tag: "NoticeRefused", reason: "noAddressForChannel", field: "notice.channel" })
    expect(errorOf([register("2021-03-01"), forward("2021-03-02", sent("post", "2021-03-02", 8))])).toMatchObject({
      _tag: "NoticeRefused",
      reason: "beforeTheAct",
      field: "notice.sentAt"
    })
    // the act's own rule comes first: an anonymous ground is refused as such, not for its notice
    expect(
      errorOf([
        register("2021-03-01"),
        new AppealCommand.LeaveWithoutAnswer({
          ...common("2021-03-02"),
          ground: "anonymous",
          notice: sent("post", "2021-03-02")
        })
      ])
    ).toMatchObject({ _tag: "GroundDoesNotApply", ground: "anonymous" })
  })

  it("events stored before notices were acts still decode, and record no notice", () => {
    const stored = {
      _tag: "AppealForwardedByCompetence",
      appealId: "appeal-1",
      at: "2021-03-03T00:00:00.000Z",
      on: "2021-03-03",
      actor: "clerk-1",
      to: "Министерство ЖКХ Хабаровского края",
      applicantNotified: true
    }
    const e = AppealEvent.decodeEither(stored)
    expect(Either.isRight(e) && e.right._tag === "AppealForwardedByCompetence" && e.right.notice).toBeUndefined()
    const registered = run([register("2021-03-01")])
    const s = decider.evolve(registered.state, Either.getOrThrow(e)) as AppealState.Closed
    expect([s.outcome, s.notices]).toEqual(["forwardedByCompetence", []])
  })
})

describe("a notice's due date obeys the same calendar policy as the answer (property)", () => {
  const deadlines = Deadlines.make(settings)
  const calendar = Calendar.russia({ presidentialNonWorkingDays: true })
  const days = fc.integer({ min: 0, max: 3 * 365 }).map((n) => Period.addDays(Period.unsafeDay("2020-01-10"), n))
  const kinds = fc.constantFrom("forwarding" as const, "courtDecision" as const, "secret" as const)

  it.prop(
    "due = the term counted from registration by Deadlines (the answer's function), a working day; sent after it = late",
    [days, kinds, fc.integer({ min: 0, max: 40 })],
    ([day, kind, after]) => {
      const reg = register(day, { registrationNumber: Appeal.registrationNumber("ОГ", Number(day.slice(0, 4)), 1) })
      const act = { ...common(day, 11) }
      const notice = sent("post", Period.addDays(day, after), 12)
      const command =
        kind === "forwarding"
          ? new AppealCommand.ForwardByCompetence({ ...act, to: "Прокуратура", notice })
          : kind === "courtDecision"
            ? new AppealCommand.ReturnCourtDecisionAppeal({ ...act, explanation: "в краевой суд", notice })
            : new AppealCommand.DeclineForSecrecy({ ...act, secret: "state", notice })
      const s = run([reg, command]).state as AppealState.Closed
      const n = s.notices[0]!
      const term =
        kind === "forwarding"
          ? settings.forwardingTermDays
          : kind === "courtDecision"
            ? settings.noticeTermDays
            : settings.answerTermDays
      expect(n.due).toBe(Either.getOrThrow(deadlines.due(s.appeal.registeredOn, term)))
      expect(n.due).toBe(AppealState.dueFor(s.dues, s.outcome))
      expect(Either.getOrThrow(Calendar.isWorkingDay(calendar, n.due))).toBe(true)
      expect(AppealState.noticesLate(s).length === 1).toBe(n.sentOn > n.due)
      expect(Analysis.summarise(s)?.closedLate).toBe(n.sentOn > n.due || AppealState.closedLate(s))
    },
    { fastCheck: { numRuns: runs(200) } }
  )
})
