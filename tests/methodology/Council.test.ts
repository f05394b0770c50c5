import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Decider from "../../src/kernel/Decider.js"
import type { ActorId, DivisionId, DocumentId, MunicipalOrganisationId, SessionId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import * as C from "../../src/methodology/Council.js"
import type { MethodologyRuleViolation } from "../../src/methodology/Errors.js"
import { keyOfParty, Manual } from "../../src/methodology/Manual.js"
import type { Party } from "../../src/methodology/Manual.js"
import * as A from "../../src/testing/InformationArbitraries.js"
import { accept, type Expected, type Real, refuse, step } from "../information/harness.js"
import { runs } from "../support/runs.js"

const at = new Date("2020-06-01T02:00:00Z")
const actor = "secretary-1" as ActorId
const manualIds = fc.constantFrom("mr-1", "mr-2", "mr-3") as fc.Arbitrary<DocumentId>
const sessionIds = fc.constantFrom("mc-1", "mc-2") as fc.Arbitrary<SessionId>
const BASE = Period.unsafeDay("2020-06-01")

type SessionModel = { date: Period.Day; agenda: Array<DocumentId | undefined>; held: boolean }
type Model = {
  manuals: Map<string, { status: C.ManualStatus; approvedOn?: Period.Day; sent: Set<string> }>
  sessions: Map<string, SessionModel>
}
type Sut = Real<C.Command, C.Event, C.State, MethodologyRuleViolation>
const check = {
  state: C.State,
  invariants: (s: C.State) => C.violations(s)
}
const sync = (m: Model, r: Sut) => {
  for (const [id, x] of m.manuals)
    if (r.state.manuals[id]?.status !== x.status)
      throw new Error(`manual ${id} is ${r.state.manuals[id]?.status}, model ${x.status}`)
}
const itemCheck = (m: Model, manual: DocumentId | undefined): Expected | undefined => {
  if (manual === undefined) return undefined
  const x = m.manuals.get(manual)
  return x === undefined ? refuse("unknownManual") : x.status === "approved" ? refuse("manualApproved") : undefined
}

class Submit implements fc.Command<Model, Sut> {
  constructor(
    readonly manual: Manual,
    readonly dup: boolean
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const x = m.manuals.get(this.manual.id)
    const manual = this.dup
      ? new Manual({ ...this.manual, basedOn: [...this.manual.basedOn, this.manual.basedOn[0]] })
      : this.manual
    const expected = x?.status === "approved" ? refuse("manualApproved") : this.dup ? refuse("duplicateParty") : accept
    step(r, new C.SubmitManual({ at, actor, manual }), expected, check)
    if (expected.ok) m.manuals.set(this.manual.id, { status: "submitted", sent: x?.sent ?? new Set() })
    sync(m, r)
  }
  toString = () => `Submit(${this.manual.id}${this.dup ? ", duplicate party" : ""})`
}
class Schedule implements fc.Command<Model, Sut> {
  constructor(
    readonly session: SessionId,
    readonly offset: number,
    readonly agenda: ReadonlyArray<DocumentId | undefined>
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    let expected: Expected | undefined = m.sessions.has(this.session) ? refuse("duplicateSession") : undefined
    for (const a of this.agenda) expected ??= itemCheck(m, a)
    expected ??= accept
    const date = Period.addDays(BASE, this.offset)
    const agenda = this.agenda.map(
      (manual, i) => new C.AgendaItem({ title: `Вопрос ${i + 1}`, ...(manual === undefined ? {} : { manual }) })
    )
    step(r, new C.ScheduleCouncilSession({ at, actor, session: this.session, date, agenda }), expected, check)
    if (expected.ok) m.sessions.set(this.session, { date, agenda: [...this.agenda], held: false })
  }
  toString = () => `Schedule(${this.session}, +${this.offset}, [${this.agenda.join(",")}])`
}
class AddItem implements fc.Command<Model, Sut> {
  constructor(
    readonly session: SessionId,
    readonly manual: DocumentId | undefined
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const s = m.sessions.get(this.session)
    const expected =
      (s === undefined ? refuse("unknownSession") : s.held ? refuse("sessionHeld") : itemCheck(m, this.manual)) ??
      accept
    step(
      r,
      new C.AddAgendaItem({
        at,
        actor,
        session: this.session,
        item: new C.AgendaItem({
          title: "Дополнительный вопрос",
          ...(this.manual === undefined ? {} : { manual: this.manual })
        })
      }),
      expected,
      check
    )
    if (expected.ok) s?.agenda.push(this.manual)
  }
  toString = () => `AddItem(${this.session}, ${this.manual ?? "-"})`
}
class Hold implements fc.Command<Model, Sut> {
  constructor(
    readonly session: SessionId,
    readonly decisions: ReadonlyArray<{ item: number; outcome: C.Outcome }>
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const s = m.sessions.get(this.session)
    let expected: Expected | undefined =
      s === undefined ? refuse("unknownSession") : s.held ? refuse("sessionHeld") : undefined
    const changes: Array<[DocumentId, C.ManualStatus]> = []
    if (expected === undefined && s !== undefined) {
      const items = new Set<number>(),
        decided = new Set<string>()
      for (const d of this.decisions) {
        if (d.item >= s.agenda.length) {
          expected = refuse("unknownAgendaItem")
          break
        }
        if (items.has(d.item)) {
          expected = refuse("duplicateDecision")
          break
        }
        items.add(d.item)
        if (d.outcome === "resolution") continue
        const manual = s.agenda[d.item]
        if (manual === undefined) {
          expected = refuse("outcomeNeedsManual")
          break
        }
        if (m.manuals.get(manual)?.status === "approved" || decided.has(manual)) {
          expected = refuse("manualApproved")
          break
        }
        decided.add(manual)
        changes.push([manual, d.outcome === "approveManual" ? "approved" : "returned"])
      }
    }
    expected ??= accept
    step(
      r,
      new C.HoldCouncilSession({
        at,
        actor,
        session: this.session,
        decisions: this.decisions.map((d) => new C.CouncilDecision({ ...d, text: "Решили" }))
      }),
      expected,
      check
    )
    if (expected.ok && s !== undefined) {
      s.held = true
      for (const [id, status] of changes) {
        const x = m.manuals.get(id)!
        x.status = status
        if (status === "approved") x.approvedOn = s.date
      }
    }
    sync(m, r)
  }
  toString = () => `Hold(${this.session}, ${JSON.stringify(this.decisions)})`
}
class Distribute implements fc.Command<Model, Sut> {
  constructor(
    readonly manual: DocumentId,
    readonly recipients: ReadonlyArray<Party>,
    readonly offset: number
  ) {}
  check = () => true
  run(m: Model, r: Sut) {
    const x = m.manuals.get(this.manual)
    const on = Period.addDays(BASE, this.offset)
    const keys = this.recipients.map(keyOfParty)
    const expected =
      x === undefined
        ? refuse("unknownManual")
        : x.status !== "approved" || x.approvedOn === undefined
          ? refuse("manualNotApproved")
          : on < x.approvedOn
            ? refuse("distributionBeforeApproval")
            : new Set(keys).size !== keys.length
              ? refuse("duplicateParty")
              : keys.some((k) => x.sent.has(k))
                ? refuse("alreadyDistributed")
                : accept
    const [first, ...rest] = this.recipients
    if (first === undefined) return
    step(
      r,
      new C.DistributeManual({ at, actor, manual: this.manual, recipients: [first, ...rest], on }),
      expected,
      check
    )
    if (expected.ok && x !== undefined) for (const k of keys) x.sent.add(k)
  }
  toString = () => `Distribute(${this.manual}, ${this.recipients.map(keyOfParty).join(",")}, +${this.offset})`
}

describe("the Methodological Council", () => {
  it("model-based: manuals are approved only at a held session that had them on its agenda, and distributed only after approval, once per recipient", () => {
    const agendaManual = fc.option(manualIds, { nil: undefined })
    const cmds = fc.commands(
      [
        fc.tuple(manualIds.chain(A.manual), fc.integer({ min: 0, max: 5 })).map(([x, d]) => new Submit(x, d === 0)),
        fc
          .tuple(sessionIds, fc.integer({ min: 0, max: 60 }), fc.array(agendaManual, { maxLength: 3 }))
          .map(([s, o, a]) => new Schedule(s, o, a)),
        fc.tuple(sessionIds, agendaManual).map(([s, x]) => new AddItem(s, x)),
        fc
          .tuple(
            sessionIds,
            fc.array(
              fc.record({
                item: fc.integer({ min: 0, max: 3 }),
                outcome: fc.constantFrom<C.Outcome>("approveManual", "approveManual", "returnManual", "resolution")
              }),
              { maxLength: 3 }
            )
          )
          .map(([s, d]) => new Hold(s, d)),
        fc
          .tuple(manualIds, fc.array(A.party, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 90 }))
          .map(([x, p, o]) => new Distribute(x, p, o))
      ],
      { maxCommands: 40 }
    )
    fc.assert(
      fc.property(cmds, (c) =>
        fc.modelRun(
          () => ({
            model: { manuals: new Map(), sessions: new Map() } as Model,
            real: { decider: C.decider, state: C.initialState, events: [] }
          }),
          c
        )
      ),
      { numRuns: runs(300) }
    )
  })

  it("worked example: a manual based on a school's experience is approved at the session of 15 June 2020 and sent to two divisions", () => {
    const manual = new Manual({
      id: "mr-7" as DocumentId,
      kind: "recommendations",
      title: "Организация приёма граждан в режиме видеосвязи",
      basedOn: [{ _tag: "Organization", id: "school-1" as MunicipalOrganisationId }],
      preparedBy: "organisation-department" as DivisionId
    })
    const run = Either.getOrThrow(
      Decider.run(C.decider, [
        new C.SubmitManual({ at, actor, manual }),
        new C.ScheduleCouncilSession({
          at,
          actor,
          session: "mc-2020-06" as SessionId,
          date: Period.unsafeDay("2020-06-15"),
          agenda: [new C.AgendaItem({ title: "О рекомендациях", manual: manual.id })]
        }),
        new C.HoldCouncilSession({
          at,
          actor,
          session: "mc-2020-06" as SessionId,
          decisions: [new C.CouncilDecision({ item: 0, outcome: "approveManual", text: "Одобрить" })]
        }),
        new C.DistributeManual({
          at,
          actor,
          manual: manual.id,
          recipients: [
            { _tag: "Division", id: "education" as DivisionId },
            { _tag: "Division", id: "culture" as DivisionId }
          ],
          on: Period.unsafeDay("2020-06-16")
        })
      ])
    )
    expect(run.events.map((e) => e._tag)).toEqual([
      "ManualSubmitted",
      "CouncilSessionScheduled",
      "CouncilSessionHeld",
      "ManualApproved",
      "ManualDistributed"
    ])
    expect(run.state.manuals["mr-7"]?.approval).toEqual(
      new C.Approval({ session: "mc-2020-06" as SessionId, date: Period.unsafeDay("2020-06-15") })
    )
    expect(run.state.manuals["mr-7"]?.distribution.map((d) => keyOfParty(d.recipient))).toEqual([
      "Division:education",
      "Division:culture"
    ])
  })

  it("bad input: a manual without the experience it is based on is refused with the path", () => {
    const bad = C.decodeCommand({
      _tag: "SubmitManual",
      at: "2020-06-01T00:00:00Z",
      actor: "a",
      manual: { id: "mr-1", kind: "manual", title: "t", basedOn: [], preparedBy: "d" }
    })
    expect(Either.isLeft(bad) && bad.left.path).toBe("manual.basedOn.0")
  })
})
