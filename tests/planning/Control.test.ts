import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { ActivityId, GoalId, InstructionId, OfficialId } from "../../src/kernel/Ids.js"
import * as Org from "../../src/kernel/Organisation.js"
import * as P from "../../src/kernel/Period.js"
import * as Control from "../../src/planning/Control.js"
import * as N from "../../src/planning/Node.js"
import * as R from "../../src/planning/Report.js"
import * as PA from "../../src/testing/PlanningArbitraries.js"
import { runs } from "../support/runs.js"

const deputy1 = OfficialId.make("deputy-1"),
  deputy2 = OfficialId.make("deputy-2")

/** A random tree's activities with random executions, a duty distribution that changes hands on a random day, and a day to look from. */
const scene = PA.planTree().chain((t) => {
  const activities = t.nodes.filter((n): n is N.Activity => n._tag === "Activity")
  const from = P.addDays(P.firstDay(t.horizon), -1),
    to = P.addDays(P.lastDay(t.horizon), 200)
  return fc
    .record({
      items: fc.tuple(
        ...activities.map((a) =>
          fc
            .option(PA.execution(a.deadline, P.lastDay(a.month)), { nil: undefined })
            .map((execution) => ({ activity: a, execution }))
        )
      ),
      switchOn: fc.integer({ min: 1, max: P.daysBetween(from, to) }).map((n) => P.addDays(from, n)),
      day: fc.integer({ min: 0, max: P.daysBetween(from, to) }).map((n) => P.addDays(from, n))
    })
    .map(({ items, switchOn, day }) => {
      const duty = new Org.DutyDistribution({
        from,
        to,
        assignments: [
          new Org.DutyAssignment({
            controller: deputy1,
            divisions: [PA.DIVISIONS[0]!, ...PA.DIVISIONS.slice(1)],
            from,
            to: P.addDays(switchOn, -1)
          }),
          new Org.DutyAssignment({
            controller: deputy2,
            divisions: [PA.DIVISIONS[0]!, ...PA.DIVISIONS.slice(1)],
            from: switchOn,
            to
          })
        ]
      })
      return { items: items as ReadonlyArray<Control.Controlled>, duty, switchOn, day }
    })
})

describe("Control: the control department's view on a day", () => {
  it("the duty distribution of the scene is valid", () => {
    fc.assert(
      fc.property(scene, ({ duty }) => Either.isRight(Org.validateDuty(duty, PA.DIVISIONS))),
      { numRuns: runs(30) }
    )
  })

  it("overdue, due this month and done late are exactly the items meeting their definitions, with the controller derived on the effective deadline", () => {
    fc.assert(
      fc.property(scene, ({ items, duty, switchOn, day }) => {
        const v = Control.view(items, duty, day)
        const ids = (rows: ReadonlyArray<Control.ControlRow>) => rows.map((r) => r.activity)
        const deadline = (i: Control.Controlled) =>
          i.execution?._tag === "Moved" ? i.execution.newDeadline : i.activity.deadline
        const done = (i: Control.Controlled) => i.execution?._tag === "Done"
        expect(ids(v.overdue)).toEqual(items.filter((i) => !done(i) && deadline(i) < day).map((i) => i.activity.id))
        expect(ids(v.dueThisMonth)).toEqual(
          items.filter((i) => !done(i) && P.monthOf(deadline(i)) === P.monthOf(day)).map((i) => i.activity.id)
        )
        expect(ids(v.doneLate)).toEqual(
          items
            .filter((i) => i.execution?._tag === "Done" && i.execution.completedOn > deadline(i))
            .map((i) => i.activity.id)
        )
        for (const row of [...v.overdue, ...v.dueThisMonth, ...v.doneLate]) {
          expect(row.controller).toBe(row.deadline < switchOn ? deputy1 : deputy2)
          if (v.overdue.includes(row)) expect(row.daysLate).toBeGreaterThan(0)
        }
      }),
      { numRuns: runs(60) }
    )
  })

  it("moving an activity past the change of duties moves its control to the new deputy", () => {
    const activity = new N.Activity({
      id: ActivityId.make("a-1"),
      title: "Мероприятие",
      division: PA.DIVISIONS[0]!,
      month: P.unsafeMonth("2021-03"),
      deadline: P.unsafeDay("2021-03-31"),
      link: { _tag: "Goal", id: GoalId.make("g-1") },
      origin: { _tag: "Instruction", instruction: InstructionId.make("ins-1") }
    })
    const a: Control.Controlled = { activity, execution: undefined }
    const duty = new Org.DutyDistribution({
      from: P.unsafeDay("2021-01-01"),
      to: P.unsafeDay("2021-12-31"),
      assignments: [
        new Org.DutyAssignment({
          controller: deputy1,
          divisions: [PA.DIVISIONS[0]!],
          from: P.unsafeDay("2021-01-01"),
          to: P.unsafeDay("2021-03-31")
        }),
        new Org.DutyAssignment({
          controller: deputy2,
          divisions: [PA.DIVISIONS[0]!],
          from: P.unsafeDay("2021-04-01"),
          to: P.unsafeDay("2021-12-31")
        })
      ]
    })
    expect(Control.controllerOf(duty, a)).toEqual(Either.right(deputy1))
    const moved: Control.Controlled = {
      activity,
      execution: new R.Moved({ newDeadline: P.unsafeDay("2021-04-15"), reason: "Перенос" })
    }
    expect(Control.controllerOf(duty, moved)).toEqual(Either.right(deputy2))
    expect(Control.isOverdue(moved, P.unsafeDay("2021-04-10"))).toBe(false)
    expect(Control.isOverdue(moved, P.unsafeDay("2021-04-16"))).toBe(true)
  })
})
