import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Deadline from "../../src/duma/Deadline.js"
import type { DumaRuleViolation } from "../../src/duma/Errors.js"
import * as Planning from "../../src/duma/Planning.js"
import * as S from "../../src/duma/Session.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import type {
  ActivityId,
  ActorId,
  DivisionId,
  DocumentId,
  InstructionId,
  PlanItemId,
  SessionId
} from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as Term from "../../src/kernel/Term.js"
import * as K from "../../src/testing/KernelArbitraries.js"
import { accept, type Expected, type Real, refuse, step } from "../information/harness.js"
import { runs } from "../support/runs.js"

const calendar = Calendar.russia()
const at = new Date("2021-03-01T02:00:00Z")
const actor = "duma-office-1" as ActorId
const SESSION = "duma-2021-03" as SessionId
const DATE = Period.unsafeDay("2021-03-30")
const day = (offset: number) => Period.addDays(DATE, offset)

describe("submission deadline of a draft decision", () => {
  it("is always before the session, a working day (default policy) and leaves at least the term", () => {
    fc.assert(
      fc.property(
        K.dayIn(calendar, 400),
        K.term(60),
        fc.constantFrom<Deadline.BackwardPolicy>("previousWorkingDay", "none"),
        (session, term, policy) => {
          const d = Either.getOrThrow(Deadline.submissionDeadline({ session, term, calendar, policy }))
          expect(d < session).toBe(true)
          if (term.unit === "calendarDays") {
            expect(Period.daysBetween(d, session)).toBeGreaterThanOrEqual(term.amount)
            if (policy === "none") expect(Period.daysBetween(d, session)).toBe(term.amount)
            else expect(Either.getOrThrow(Calendar.isWorkingDay(calendar, d))).toBe(true)
            // counted forward with the kernel from the deadline, the term ends on or before the session
            expect(Either.getOrThrow(Term.deadline({ event: d, term, calendar, policy: "none" })) <= session).toBe(true)
          } else {
            // exactly `amount` working days from the deadline (included) to the session (excluded)
            expect(Either.getOrThrow(Calendar.workingDaysBetween(calendar, d, Period.addDays(session, -1)))).toBe(
              term.amount
            )
            expect(Either.getOrThrow(Calendar.isWorkingDay(calendar, d))).toBe(true)
          }
        }
      ),
      { numRuns: runs(500) }
    )
  })

  it("worked examples: 20 calendar days before 30 March 2021 is 10 March; 10 days before 13 May 2021 falls on Monday 3 May (a holiday), so 30 April; 3 working days before 13 May 2021 are 12 and 11 May, then — past 10 May (holiday moved from 9 May), 4-7 May (presidential non-working days) and 1-3 May — 30 April", () => {
    expect(Deadline.submissionDeadline({ session: DATE, term: Term.calendarDays(20), calendar })).toEqual(
      Either.right("2021-03-10")
    )
    expect(
      Deadline.submissionDeadline({ session: Period.unsafeDay("2021-05-13"), term: Term.calendarDays(10), calendar })
    ).toEqual(Either.right("2021-04-30"))
    expect(
      Deadline.submissionDeadline({ session: Period.unsafeDay("2021-05-13"), term: Term.workingDays(3), calendar })
    ).toEqual(Either.right("2021-04-30"))
    expect(
      Deadline.submissionDeadline({ session: Period.unsafeDay("2021-05-13"), term: Term.workingDays(2), calendar })
    ).toEqual(Either.right("2021-05-11"))
  })

  it("answers typed errors for a bad term and outside the calendar", () => {
    const bad = Deadline.submissionDeadline({ session: DATE, term: Term.calendarDays(0), calendar })
    expect(Either.isLeft(bad) && bad.left._tag).toBe("InvalidTerm")
    const out = Deadline.submissionDeadline({
      session: Period.unsafeDay("2019-01-05"),
      term: Term.calendarDays(10),
      calendar
    })
    expect(Either.isLeft(out) && out.left._tag).toBe("CalendarOutOfRange")
  })
})

type DraftModel = { status: S.DraftStatus; assignedOn: Period.Day; deadline: Period.Day }
type Model = {
  scheduled: boolean
  closed: boolean
  drafts: Map<string, DraftModel>
  numbers: Set<string>
  instructions: Set<string>
  activities: Set<string>
  given: number
}
type Sut = Real<S.Command, S.Event, S.State, DumaRuleViolation>
const decider = S.decider({ calendar })
const check = { state: S.State, invariants: S.violations }
const draftIds = fc.constantFrom("draft-1", "draft-2", "draft-3") as fc.Arbitrary<DocumentId>

const common = (m: Model, session: SessionId): Expected | undefined =>
  !m.scheduled
    ? refuse("sessionNotScheduled")
    : session !== SESSION
      ? refuse("wrongSession")
      : m.closed
        ? refuse("sessionClosed")
        : undefined

class Schedule implements fc.Command<Model, Sut> {
  check = () => true
  run(m: Model, r: Sut) {
    const expected = m.scheduled ? refuse("sessionAlreadyScheduled") : accept
    step(
      r,
      new S.ScheduleDumaSession({ session: SESSION, at, actor, date: DATE, agenda: ["Отчёт Мэра города"] }),
      expected,
      check
    )
    m.scheduled = true
  }
  toString = () => "Schedule"
}
class Assign implements fc.Command<Model, Sut> {
  constructor(
    readonly draft: DocumentId,
    readonly term: Term.Term,
    readonly assignedOffset: number,
    readonly other: boolean
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const session = this.other ? ("duma-other" as SessionId) : SESSION
    const assignedOn = day(this.assignedOffset)
    const deadline = Either.getOrThrow(Deadline.submissionDeadline({ session: DATE, term: this.term, calendar }))
    const expected =
      common(m, session) ??
      (m.drafts.has(this.draft)
        ? refuse("duplicateDraft")
        : deadline < assignedOn
          ? refuse("deadlinePassedAtAssignment")
          : accept)
    const events = step(
      r,
      new S.AssignDraft({
        session,
        at,
        actor,
        draft: this.draft,
        title: "О бюджете города",
        division: "finance" as DivisionId,
        term: this.term,
        assignedOn
      }),
      expected,
      check
    )
    if (expected.ok) {
      m.drafts.set(this.draft, { status: "assigned", assignedOn, deadline })
      const e = events[0]
      if (e?._tag !== "DraftAssigned" || e.deadline !== deadline || !(e.deadline < DATE))
        throw new Error("deadline not before the session")
    }
  }
  toString = () =>
    `Assign(${this.draft}, ${this.term.amount} ${this.term.unit}, assigned ${this.assignedOffset}${this.other ? ", other session" : ""})`
}
class Submit implements fc.Command<Model, Sut> {
  constructor(
    readonly draft: DocumentId,
    readonly offset: number
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const on = day(this.offset)
    const d = m.drafts.get(this.draft)
    const expected =
      common(m, SESSION) ??
      (d === undefined
        ? refuse("unknownDraft")
        : d.status !== "assigned"
          ? refuse("draftAlreadySubmitted")
          : on < d.assignedOn
            ? refuse("submissionBeforeAssignment")
            : on >= DATE
              ? refuse("submissionNotBeforeSession")
              : accept)
    const events = step(r, new S.SubmitDraft({ session: SESSION, at, actor, draft: this.draft, on }), expected, check)
    if (expected.ok && d !== undefined) {
      d.status = "submitted"
      const e = events[0]
      if (e?._tag !== "DraftSubmitted" || e.late !== on > d.deadline) throw new Error("late flag wrong")
    }
  }
  toString = () => `Submit(${this.draft}, ${this.offset})`
}
type InstructionDraft = { id: string; activity: string; dueOffset: number }
class Adopt implements fc.Command<Model, Sut> {
  constructor(
    readonly draft: DocumentId,
    readonly number: string,
    readonly instructions: ReadonlyArray<InstructionDraft>
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const d = m.drafts.get(this.draft)
    let expected =
      common(m, SESSION) ??
      (d === undefined
        ? refuse("unknownDraft")
        : d.status === "assigned"
          ? refuse("draftNotSubmitted")
          : d.status !== "submitted"
            ? refuse("draftAlreadyDecided")
            : m.numbers.has(this.number)
              ? refuse("duplicateDecisionNumber")
              : undefined)
    if (expected === undefined) {
      const ids = new Set(m.instructions),
        acts = new Set(m.activities)
      for (const i of this.instructions) {
        if (ids.has(i.id)) {
          expected = refuse("duplicateInstruction")
          break
        }
        ids.add(i.id)
        if (acts.has(i.activity)) {
          expected = refuse("duplicateActivity")
          break
        }
        acts.add(i.activity)
        if (i.dueOffset < 0) {
          expected = refuse("dueBeforeDecision")
          break
        }
      }
    }
    expected ??= accept
    const instructions = this.instructions.map(
      (i) =>
        new S.Instruction({
          id: i.id as InstructionId,
          division: "city-economy" as DivisionId,
          task: "Подготовить план мероприятий",
          due: day(i.dueOffset),
          activity: i.activity as ActivityId,
          link: { _tag: "PlanItem", id: "item-7" as PlanItemId }
        })
    )
    step(
      r,
      new S.AdoptDecision({ session: SESSION, at, actor, draft: this.draft, number: this.number, instructions }),
      expected,
      check
    )
    if (expected.ok && d !== undefined) {
      d.status = "adopted"
      m.numbers.add(this.number)
      for (const i of this.instructions) {
        m.instructions.add(i.id)
        m.activities.add(i.activity)
      }
      m.given += this.instructions.length
    }
    // every instruction given has exactly one planned activity, with the decision as its origin
    const activities = S.followUps(r.state).map(Planning.activityOf)
    if (activities.length !== m.given || new Set(activities.map((a) => a.id)).size !== m.given)
      throw new Error("an instruction lacks its one planned activity")
    for (const a of activities)
      if (a.origin._tag !== "DumaDecision" || a.origin.session !== SESSION || Period.monthOf(a.deadline) !== a.month)
        throw new Error(`activity ${a.id} is malformed`)
  }
  toString = () => `Adopt(${this.draft}, № ${this.number}, ${JSON.stringify(this.instructions)})`
}
class Reject implements fc.Command<Model, Sut> {
  constructor(readonly draft: DocumentId) {}
  check = () => true
  run(m: Model, r: Sut) {
    const d = m.drafts.get(this.draft)
    const expected =
      common(m, SESSION) ??
      (d === undefined
        ? refuse("unknownDraft")
        : d.status === "assigned"
          ? refuse("draftNotSubmitted")
          : d.status !== "submitted"
            ? refuse("draftAlreadyDecided")
            : accept)
    step(r, new S.RejectDraft({ session: SESSION, at, actor, draft: this.draft }), expected, check)
    if (expected.ok && d !== undefined) d.status = "rejected"
  }
  toString = () => `Reject(${this.draft})`
}
class Close implements fc.Command<Model, Sut> {
  check = () => true
  run(m: Model, r: Sut) {
    const expected =
      common(m, SESSION) ??
      ([...m.drafts.values()].some((d) => d.status === "submitted") ? refuse("undecidedDrafts") : accept)
    step(r, new S.CloseDumaSession({ session: SESSION, at, actor }), expected, check)
    if (expected.ok) m.closed = true
  }
  toString = () => "Close"
}

const instruction = fc.record({
  id: fc.constantFrom("ins-1", "ins-2", "ins-3", "ins-4"),
  activity: fc.constantFrom("act-1", "act-2", "act-3", "act-4", "act-5"),
  dueOffset: fc.integer({ min: -3, max: 90 })
})

describe("a session of the City Duma", () => {
  it("model-based: drafts, submissions, decisions and instructions follow the model; every instruction has exactly one planned activity", () => {
    const cmds = fc.commands(
      [
        fc.constant(new Schedule()),
        fc
          .tuple(draftIds, K.term(30), fc.integer({ min: -80, max: -1 }), fc.boolean())
          .map(([d, t, o, x]) => new Assign(d, t, o, x && o % 5 === 0)),
        fc.tuple(draftIds, fc.integer({ min: -80, max: 2 })).map(([d, o]) => new Submit(d, o)),
        fc
          .tuple(draftIds, fc.constantFrom("101", "102", "103"), fc.array(instruction, { maxLength: 3 }))
          .map(([d, n, i]) => new Adopt(d, n, i)),
        draftIds.map((d) => new Reject(d)),
        fc.constant(new Close())
      ],
      { maxCommands: 40 }
    )
    fc.assert(
      fc.property(cmds, (c) =>
        fc.modelRun(
          () => ({
            model: {
              scheduled: false,
              closed: false,
              drafts: new Map(),
              numbers: new Set(),
              instructions: new Set(),
              activities: new Set(),
              given: 0
            } as Model,
            real: { decider, state: S.initialState, events: [] }
          }),
          c
        )
      ),
      { numRuns: runs(200) }
    )
  })

  it("bad input: a malformed term is named by its path", () => {
    const bad = S.decodeCommand({
      _tag: "AssignDraft",
      session: "s",
      at: "2021-03-01T00:00:00Z",
      actor: "a",
      draft: "d",
      title: "t",
      division: "f",
      term: { amount: 0, unit: "calendarDays" },
      assignedOn: "2021-03-01"
    })
    expect(Either.isLeft(bad) && bad.left.path).toBe("term.amount")
  })
})
