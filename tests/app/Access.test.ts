/**
 * The access policy as a table over every role and action, and its record
 * rules over own records, other principals' records and a missing division
 * claim. The expected table is written here independently of the policy's
 * own: a change to who may do what shows as a failing row.
 */
import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { App, type Ids } from "../../src/index.js"

const { Access, Principal } = App

const ROLES = Principal.ROLES
const c = "citizen",
  k = "clerk",
  h = "divisionHead",
  ctl = "controller",
  a = "administrator"

/** Who may do what (the role check alone). */
const expected: Readonly<Record<App.Access.Action, ReadonlyArray<App.Principal.Role>>> = {
  registerAppeal: [k, a],
  submitAppeal: [c, a],
  assignAppeal: [k, a],
  forwardAppeal: [k, a],
  forwardCrimeReport: [k, a],
  extendTerm: [h, a],
  answerAppeal: [h, a],
  leaveWithoutAnswer: [k, h, a],
  endCorrespondence: [h, a],
  answerByReference: [h, a],
  assignExecutors: [k, h, a],
  returnCourtDecisionAppeal: [k, h, a],
  referToPublishedAnswer: [k, h, a],
  declineForSecrecy: [h, a],
  sendCopies: [k, a],
  readAppeal: [c, k, h, ctl, a],
  listAppeals: [k, h, ctl, a],
  listOwnAppeals: [c, k, h, ctl, a],
  listOverdueAppeals: [k, h, ctl, a],
  searchAppeals: [k, h, ctl, a],
  searchApplicants: [k, h, a],
  readAnalysis: [ctl, a],
  readMonitoring: [ctl, a],
  exportAppeals: [k, h, ctl, a],
  exportPersonalData: [k, h, a],
  sendReminders: [a],
  registerElection: [k, a],
  planElectionTasks: [k, a],
  markTaskDone: [k, h, a],
  markTaskMissed: [k, a],
  readElectionCalendar: [k, h, ctl, a],
  writePlan: [k, a],
  submitMonthlyReport: [h, a],
  readPlan: [k, h, ctl, a],
  listActivities: [k, h, ctl, a],
  readControlView: [k, ctl, a],
  writeMeetings: [k, a],
  readMeetings: [k, h, ctl, a],
  readMeetingStatistics: [k, ctl, a],
  readReports: [ctl, a],
  writeInformation: [k, a],
  readInformation: [k, h, ctl, a],
  writeBudget: [k, a],
  readBudget: [k, ctl, a],
  writeMethodology: [k, a],
  readMethodology: [k, h, ctl, a],
  writeDuma: [k, a],
  readDuma: [k, h, ctl, a],
  writePollingStations: [k, a],
  readPollingStations: [k, h, ctl, a]
}

const who = (role: App.Principal.Role, extra: { division?: string; official?: string; subject?: string } = {}) =>
  new Principal.Principal({
    subject: (extra.subject ?? `${role}-1`) as Ids.ActorId,
    role,
    ...(extra.division !== undefined ? { division: extra.division as Ids.DivisionId } : {}),
    ...(extra.official !== undefined ? { official: extra.official as Ids.OfficialId } : {})
  })
const toMayor = { _tag: "ToMayor" } as App.Access.AppealFacts["addressee"]
const economy = "economy" as Ids.DivisionId
const housing = "housing" as Ids.DivisionId

describe("the access policy: the role table", () => {
  it("every action of the policy is in the expected table, and no other", () => {
    expect(Object.keys(Access.rules).sort()).toStrictEqual(Object.keys(expected).sort())
    expect([...Access.Action.literals].sort()).toStrictEqual(Object.keys(expected).sort())
  })

  for (const action of Access.Action.literals) {
    for (const role of ROLES) {
      const allowed = expected[action].includes(role)
      it(`${action} x ${role}: ${allowed ? "allowed" : "denied"}`, () => {
        expect(Access.allowed(who(role, { division: "economy", official: "deputy-1" }), action)).toBe(allowed)
        const r = Access.require(who(role), action)
        expect(Either.isRight(r)).toBe(allowed)
        if (Either.isLeft(r))
          expect([r.left._tag, r.left.role, r.left.action]).toStrictEqual(["AccessDenied", role, action])
      })
    }
  }
})

describe("the access policy: records", () => {
  it("a citizen reads the appeals their own account submitted, never by a subject string alone", () => {
    const mine = { addressee: toMayor, submittedBy: "citizen-1" as Ids.ActorId }
    expect(Access.canReadAppeal(who(c), mine)).toBe(true)
    expect(Access.seesPersonalData(who(c), mine)).toBe(true)
    expect(Access.canReadAppeal(who(c, { subject: "citizen-2" }), mine)).toBe(false)
    // a clerk registered it: no citizen owns it, whatever their subject
    const registered = { addressee: toMayor }
    expect(Access.canReadAppeal(who(c, { subject: "registry-clerk" }), registered)).toBe(false)
  })

  it("a division head acts on their division's appeals only, and on none without a division claim", () => {
    const assigned = { addressee: toMayor, division: economy }
    for (const action of ["answerAppeal", "extendTerm", "leaveWithoutAnswer", "endCorrespondence"] as const) {
      expect(Either.isRight(Access.appeal(who(h, { division: "economy" }), action, assigned))).toBe(true)
      expect(Either.isLeft(Access.appeal(who(h, { division: "housing" }), action, assigned))).toBe(true)
      // no division claim: neither an assigned appeal nor an unassigned one
      expect(Either.isLeft(Access.appeal(who(h), action, assigned))).toBe(true)
      expect(Either.isLeft(Access.appeal(who(h), action, { addressee: toMayor }))).toBe(true)
    }
    expect(Access.canReadAppeal(who(h), { addressee: toMayor })).toBe(false)
    // a clerk may leave an unassigned appeal without answer; the division rule binds only heads
    expect(Either.isRight(Access.appeal(who(k), "leaveWithoutAnswer", { addressee: toMayor }))).toBe(true)
  })

  it("a controller reads the divisions under their control, unassigned appeals addressed to them, and no personal data", () => {
    const p = who(ctl, { official: "deputy-1" })
    expect(Access.canReadAppeal(p, { addressee: toMayor, division: economy }, [economy])).toBe(true)
    expect(Access.canReadAppeal(p, { addressee: toMayor, division: housing }, [economy])).toBe(false)
    const toDeputy = { _tag: "ToDeputyMayor", official: "deputy-1" } as App.Access.AppealFacts["addressee"]
    expect(Access.canReadAppeal(p, { addressee: toDeputy }, [economy])).toBe(true)
    expect(Access.seesPersonalData(p, { addressee: toMayor, division: economy }, [economy])).toBe(false)
    // without an organisation (controlled undefined) a controller reads everything
    expect(Access.canReadAppeal(p, { addressee: toMayor, division: housing })).toBe(true)
  })

  it("list scopes: a head their division, a controller the divisions under control, others what they ask", () => {
    expect(Access.listScope(who(h, { division: "economy" }), "listAppeals", undefined)).toStrictEqual(
      Either.right([economy])
    )
    expect(Either.isLeft(Access.listScope(who(h, { division: "economy" }), "listAppeals", housing))).toBe(true)
    expect(Either.isLeft(Access.listScope(who(h), "listAppeals", undefined))).toBe(true)
    expect(Access.listScope(who(ctl), "listAppeals", undefined, [economy])).toStrictEqual(Either.right([economy]))
    expect(Either.isLeft(Access.listScope(who(ctl), "listAppeals", housing, [economy]))).toBe(true)
    expect(Access.listScope(who(k), "listAppeals", housing)).toStrictEqual(Either.right([housing]))
    expect(Access.listScope(who(k), "listAppeals", undefined)).toStrictEqual(Either.right(undefined))
    expect(Either.isLeft(Access.listScope(who(c), "listAppeals", undefined))).toBe(true)
  })

  it("executor scopes: the list scope, and an executor of a division the principal's lists are bound to (as a division)", () => {
    const divisions = ["economy", "housing", "transport"].map((d) => d as Ids.DivisionId)
    const executor = "ivanov" as Ids.OfficialId
    fc.assert(
      fc.property(
        fc.constantFrom<App.Principal.Role>(c, "clerk", "divisionHead", "controller", "administrator"),
        fc.option(fc.constantFrom(...divisions), { nil: undefined }),
        fc.option(fc.constantFrom(...divisions), { nil: undefined }),
        fc.option(fc.constantFrom(...divisions), { nil: undefined }),
        fc.option(fc.subarray(divisions), { nil: undefined }),
        (role, claim, executorDivision, requested, controlled) => {
          const p = who(role, claim === undefined ? {} : { division: claim })
          const got = Access.executorScope(p, "listOverdueAppeals", executor, executorDivision, requested, controlled)
          const scope = Access.listScope(p, "listOverdueAppeals", requested, controlled)
          // the divisions the principal's lists are bound to; undefined: not bound
          const bound =
            role === "divisionHead"
              ? claim === undefined
                ? []
                : [claim]
              : role === "controller"
                ? controlled
                : undefined
          const outside = bound !== undefined && (executorDivision === undefined || !bound.includes(executorDivision))
          if (Either.isLeft(scope) || outside) expect(Either.isLeft(got)).toBe(true)
          else expect(got).toStrictEqual(scope)
          // an executor of a division in scope is refused only where the division itself would be
          if (executorDivision !== undefined && Either.isLeft(got) && Either.isRight(scope))
            expect(Either.isLeft(Access.listScope(p, "listOverdueAppeals", executorDivision, controlled))).toBe(true)
        }
      )
    )
    expect(
      Either.isLeft(
        Access.executorScope(who(h, { division: "economy" }), "listOverdueAppeals", executor, housing, undefined)
      )
    ).toBe(true)
    expect(
      Access.executorScope(who(h, { division: "economy" }), "listOverdueAppeals", executor, economy, undefined)
    ).toStrictEqual(Either.right([economy]))
    expect(Access.executorScope(who(k), "listOverdueAppeals", executor, undefined, undefined)).toStrictEqual(
      Either.right(undefined)
    )
  })

  it("idempotency keys are scoped to the principal: the same key of two principals never meets", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(...ROLES),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (r1, r2, s1, s2, key) => {
          const p1 = who(r1, { subject: s1.replace(/[^A-Za-z0-9]/g, "x") || "x" })
          const p2 = who(r2, { subject: s2.replace(/[^A-Za-z0-9]/g, "x") || "x" })
          const same = p1.role === p2.role && p1.subject === p2.subject
          expect(Access.scopedKey(p1, key) === Access.scopedKey(p2, key)).toBe(same)
        }
      )
    )
  })

  it.each(ROLES)(
    "every record rule answers AccessDenied naming the role and the action, never a throw (%s)",
    (role) => {
      for (const action of Access.Action.literals) {
        const r = Access.appeal(who(role), action, { addressee: toMayor, division: housing }, [])
        if (Either.isLeft(r)) expect([r.left.role, r.left.action]).toStrictEqual([role, action])
      }
    }
  )
})
