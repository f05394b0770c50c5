import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc, Option } from "effect"
import { Decider } from "../../src/kernel/index.js"
import { ActivityId, InstructionId, OfficialId, ReportId } from "../../src/kernel/Ids.js"
import * as Org from "../../src/kernel/Organisation.js"
import * as P from "../../src/kernel/Period.js"
import * as Control from "../../src/planning/Control.js"
import * as H from "../../src/planning/Hierarchy.js"
import * as N from "../../src/planning/Node.js"
import * as Plan from "../../src/planning/Plan.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import * as Moved from "./movedActivity.js"
import { runs } from "../support/runs.js"

/** The approved monthly plan with the most activities of a random tree, with its upper context. */
const plans = PA.planTree({ maxChildren: 3 }).map((t) => {
  const split = PA.split(t)
  const upper = H.context(
    t.horizon,
    split.filter((p) => p.kind === "strategic" || p.kind === "annual").flatMap((p) => p.nodes)
  )
  const monthly = split.filter((p) => p.kind === "monthly").sort((a, b) => b.nodes.length - a.nodes.length)[0]!
  const decider = Plan.decider(upper)
  return { monthly, decider, state: Either.getOrThrow(Decider.run(decider, PA.buildCommands(monthly))).state }
})

const plusMonths = (m: P.Month, k: number): P.Month => (k === 0 ? m : plusMonths(P.nextMonth(m), k - 1))

describe("Monthly reports: the plan's month, then follow-ups on moved activities month by month", () => {
  it("each report covers exactly the division's activities planned (or moved) into that month; none is left unreportable", () => {
    fc.assert(
      fc.property(plans, fc.gen(), ({ monthly, decider, state }, g) => {
        const period = monthly.period as P.Month
        const activities = monthly.nodes as ReadonlyArray<N.Activity>
        const divisions = [...new Set(activities.map((a) => a.division))].sort()
        /** The test's own record of each activity's latest execution. */
        const latest = new Map<string, R.Execution>()
        /** ... and the new deadline of its latest move. */
        const lastMove = new Map<string, P.Day>()
        let s = state
        const rounds = 5
        for (let k = 0; k < rounds; k++) {
          const month = plusMonths(period, k)
          const end = P.lastDay(month)
          for (const division of divisions) {
            // the scope: every activity of the division in the plan's month; afterwards, those moved to a day on or before this month's end
            const scope = activities.filter((a) => {
              if (a.division !== division) return false
              if (k === 0) return true
              const x = latest.get(a.id)
              return x?._tag === "Moved" && x.newDeadline <= end
            })
            // an activity moved into this very month is in scope
            for (const a of activities) {
              const x = latest.get(a.id)
              if (a.division === division && x?._tag === "Moved" && P.monthOf(x.newDeadline) === month)
                expect(scope).toContain(a)
            }
            const entries = scope.map((a) => {
              const x = latest.get(a.id)
              const deadline = x?._tag === "Moved" ? x.newDeadline : a.deadline
              const kind = g(fc.integer, { min: 0, max: k === rounds - 1 ? 2 : 3 })
              const execution =
                kind === 0
                  ? new R.Done({ completedOn: P.minDay(end, P.addDays(deadline, g(fc.integer, { min: -3, max: 3 }))) })
                  : kind === 1
                    ? new R.PartlyDone({ note: "Частично" })
                    : kind === 2
                      ? new R.NotDone({ reason: "Нет подрядчика" })
                      : new R.Moved({
                          newDeadline: P.addDays(deadline, g(fc.integer, { min: 1, max: 45 })),
                          reason: "Перенос"
                        })
              return new R.Entry({ activity: a.id, execution })
            })
            const submit = (es: ReadonlyArray<R.Entry>) =>
              new Plan.SubmitMonthlyReport({
                plan: monthly.plan,
                at: PA.AT,
                actor: PA.ACTOR,
                report: new R.MonthlyReport({
                  id: ReportId.make(`r-${division}-${month}`),
                  division,
                  ...(k === 0 ? {} : { month }),
                  entries: es,
                  actuals: []
                })
              })
            if (entries.length > 0) {
              // a missing entry is named
              const i = g(fc.integer, { min: 0, max: entries.length - 1 })
              expect(decider.decide(submit(entries.filter((_, j) => j !== i)), s)).toEqual(
                Either.left(
                  expect.objectContaining({
                    _tag: "MissingReportEntry",
                    plan: monthly.plan,
                    division,
                    activity: entries[i]!.activity
                  })
                )
              )
            }
            const outside = activities.find((a) => !scope.includes(a))
            if (outside !== undefined) {
              // an entry for an activity outside the scope (another division's, or one not moved into this month) is named
              const extra = [
                ...entries,
                new R.Entry({ activity: outside.id, execution: new R.PartlyDone({ note: "—" }) })
              ]
              expect(decider.decide(submit(extra), s)).toEqual(
                Either.left(
                  expect.objectContaining({
                    _tag: "ExtraReportEntry",
                    plan: monthly.plan,
                    division,
                    activity: outside.id
                  })
                )
              )
            }
            const r = Decider.handle(decider, s, submit(entries))
            expect(Either.isRight(r)).toBe(true)
            s = Either.getOrThrow(r).state
            for (const e of entries) {
              latest.set(e.activity, e.execution)
              if (e.execution._tag === "Moved") lastMove.set(e.activity, e.execution.newDeadline)
            }
            expect(Plan.monthlyReportScope(s as Plan.Opened, division, month)).toEqual(
              Either.left(expect.objectContaining({ rule: "alreadySubmitted", subject: division }))
            )
          }
        }
        // every activity was reported; the only ones still open are moved past the last month reported
        for (const a of activities) {
          const x = Option.getOrUndefined(Plan.executionOf(s, a.id))
          expect(x).toEqual(latest.get(a.id))
          expect(x).toBeDefined()
          if (x?._tag === "Moved") expect(x.newDeadline > P.lastDay(plusMonths(period, rounds - 1))).toBe(true)
        }
        // control judges each activity by the deadline of its latest move, also once it is reported done
        for (const item of Control.itemsOf([s])) {
          expect(Control.effectiveDeadline(item)).toBe(lastMove.get(item.activity.id) ?? item.activity.deadline)
          expect(Plan.deadlineOf(s, item.activity)).toBe(Control.effectiveDeadline(item))
        }
      }),
      { numRuns: runs(60) }
    )
  })

  it("an activity scheduled after the division's report (an instruction arriving late) is covered by the division's next follow-up", () => {
    fc.assert(
      fc.property(plans, fc.nat(), ({ monthly, decider, state }, k) => {
        const activities = monthly.nodes as ReadonlyArray<N.Activity>
        const a = activities[k % activities.length]!
        const division = a.division
        const m = { plan: monthly.plan, at: PA.AT, actor: PA.ACTOR }
        const submit = (month: P.Month | undefined, entries: ReadonlyArray<R.Entry>) =>
          new Plan.SubmitMonthlyReport({
            ...m,
            report: new R.MonthlyReport({
              id: ReportId.make(`r-${month}`),
              division,
              ...(month === undefined ? {} : { month }),
              entries,
              actuals: []
            })
          })
        const own = activities.filter((x) => x.division === division)
        const reported = Either.getOrThrow(
          Decider.handle(
            decider,
            state,
            submit(
              undefined,
              own.map((x) => new R.Entry({ activity: x.id, execution: new R.Done({ completedOn: x.deadline }) }))
            )
          )
        ).state
        const late = new N.Activity({
          ...a,
          id: ActivityId.make(`${a.id}-late`),
          origin: { _tag: "Instruction", instruction: InstructionId.make("ins-late") }
        })
        const scheduled = Either.getOrThrow(
          Decider.handle(decider, reported, new Plan.ScheduleActivity({ ...m, activity: late }))
        ).state
        const next = P.nextMonth(monthly.period as P.Month)
        expect(decider.decide(submit(next, []), scheduled)).toEqual(
          Either.left(expect.objectContaining({ _tag: "MissingReportEntry", activity: late.id, division }))
        )
        const done = new R.Entry({ activity: late.id, execution: new R.Done({ completedOn: P.lastDay(next) }) })
        expect(Either.isRight(decider.decide(submit(next, [done]), scheduled))).toBe(true)
        // the activities already reported done are not reported again
        const again = new R.Entry({ activity: own[0]!.id, execution: new R.Done({ completedOn: own[0]!.deadline }) })
        expect(decider.decide(submit(next, [done, again]), scheduled)).toEqual(
          Either.left(expect.objectContaining({ _tag: "ExtraReportEntry", activity: own[0]!.id }))
        )
      }),
      { numRuns: runs(40) }
    )
  })

  it("worked example: moved in the March report to 20 April, reported done on 18 April in the April follow-up; control follows the move", () => {
    const { activity, april, approved, decider, division, m, report } = Moved
    const movedState = Either.getOrThrow(
      Decider.handle(
        decider,
        approved,
        report(undefined, new R.Moved({ newDeadline: P.unsafeDay("2021-04-20"), reason: "Погодные условия" }))
      )
    ).state
    // the April follow-up must include it
    const empty = new Plan.SubmitMonthlyReport({
      ...m,
      report: new R.MonthlyReport({ id: ReportId.make("r-2021-04"), division, month: april, entries: [], actuals: [] })
    })
    expect(decider.decide(empty, movedState)).toEqual(
      Either.left(expect.objectContaining({ _tag: "MissingReportEntry", activity: activity.id, division }))
    )
    const doneState = Either.getOrThrow(
      Decider.handle(decider, movedState, report(april, new R.Done({ completedOn: P.unsafeDay("2021-04-18") })))
    ).state
    expect(Plan.executionOf(doneState, activity.id)).toEqual(
      Option.some(new R.Done({ completedOn: P.unsafeDay("2021-04-18") }))
    )

    // control: on 1 April the moved activity is not overdue; the deputy on duty on 20 April controls it
    const duty = new Org.DutyDistribution({
      from: P.unsafeDay("2021-01-01"),
      to: P.unsafeDay("2021-12-31"),
      assignments: [
        new Org.DutyAssignment({
          controller: OfficialId.make("deputy-1"),
          divisions: [division],
          from: P.unsafeDay("2021-01-01"),
          to: P.unsafeDay("2021-03-31")
        }),
        new Org.DutyAssignment({
          controller: OfficialId.make("deputy-2"),
          divisions: [division],
          from: P.unsafeDay("2021-04-01"),
          to: P.unsafeDay("2021-12-31")
        })
      ]
    })
    const whileMoved = Control.view(Control.itemsOf([movedState]), duty, P.unsafeDay("2021-04-01"))
    expect(whileMoved.overdue).toEqual([])
    expect(whileMoved.dueThisMonth).toEqual([
      new Control.ControlRow({
        activity: activity.id,
        division,
        deadline: P.unsafeDay("2021-04-20"),
        controller: OfficialId.make("deputy-2"),
        daysLate: 0
      })
    ])
    const afterDone = Control.view(Control.itemsOf([doneState]), duty, P.unsafeDay("2021-05-04"))
    expect(afterDone).toEqual(
      new Control.ControlView({ day: P.unsafeDay("2021-05-04"), overdue: [], dueThisMonth: [], doneLate: [] })
    )
    // without the follow-up it would be overdue on 4 May by 14 days
    const forgotten = Control.view(Control.itemsOf([movedState]), duty, P.unsafeDay("2021-05-04"))
    expect(forgotten.overdue.map((r) => [r.activity, r.daysLate, r.controller])).toEqual([
      [activity.id, 14, OfficialId.make("deputy-2")]
    ])
  })
})
