/**
 * Reminders of approaching deadlines: when a threshold is reached (worked
 * examples on the 2021 calendar, with the May holidays), and the reminder
 * stream's decider sends a reminder once per due date and threshold over
 * any sequence of runs, on any clocks, with the due date moved by
 * extensions in between.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import * as Reminders from "../../src/appeals/Reminders.js"
import * as Calendar from "../../src/kernel/Calendar.js"
import type { ActorId, AppealId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"
import type { RegistrationNumber } from "../../src/appeals/Appeal.js"
import { runs } from "../support/runs.js"

const cal = Calendar.russia({ presidentialNonWorkingDays: true })
const d = Period.unsafeDay
const reached = (today: string, due: string, thresholds: ReadonlyArray<number> = [3, 1]) =>
  Either.getOrThrow(Reminders.reached(cal, d(today), d(due), thresholds))

describe("Reminders.reached", () => {
  it("worked examples: 3 and 1 working days before a due date", () => {
    // due Wednesday 2021-03-31: 3 working days before is Friday 26 March, 1 is Tuesday 30 March
    expect(reached("2021-03-25", "2021-03-31")).toBeUndefined()
    expect(reached("2021-03-26", "2021-03-31")).toBe(3)
    expect(reached("2021-03-28", "2021-03-31")).toBe(3)
    expect(reached("2021-03-29", "2021-03-31")).toBe(3)
    expect(reached("2021-03-30", "2021-03-31")).toBe(1)
    expect(reached("2021-03-31", "2021-03-31")).toBe(1)
    expect(reached("2021-04-01", "2021-03-31")).toBeUndefined()
    // due Tuesday 2021-05-11, after the May holidays (1-10 May 2021 off, 4-7 May by the President's decree):
    // 1 working day before is Friday 30 April, 3 are Wednesday 28 April
    expect(reached("2021-04-27", "2021-05-11")).toBeUndefined()
    expect(reached("2021-04-28", "2021-05-11")).toBe(3)
    expect(reached("2021-04-29", "2021-05-11")).toBe(3)
    expect(reached("2021-04-30", "2021-05-11")).toBe(1)
    expect(reached("2021-05-05", "2021-05-11")).toBe(1)
    // 0: the due date itself
    expect(reached("2021-03-30", "2021-03-31", [0])).toBeUndefined()
    expect(reached("2021-03-31", "2021-03-31", [0])).toBe(0)
  })

  it("a due date after the horizon of the largest threshold reaches none", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Period.epochDay(d("2021-01-01")), max: Period.epochDay(d("2022-12-31")) }),
        fc.integer({ min: 0, max: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 3 }),
        (today, ahead, thresholds) => {
          const t = Period.fromEpochDay(today)
          const due = Period.addDays(t, ahead)
          const horizon = Either.getOrThrow(Reminders.horizon(cal, t, Math.max(...thresholds)))
          const k = Either.getOrThrow(Reminders.reached(cal, t, due, thresholds))
          if (due > horizon) expect(k).toBeUndefined()
          // the smallest reached threshold, each one reached from its working day before the due date
          for (const x of thresholds) {
            const from = Either.getOrThrow(Calendar.addWorkingDays(cal, due, -x))
            if (from <= t && t <= due) expect(k).toBeLessThanOrEqual(x)
          }
          if (k !== undefined) expect(thresholds).toContain(k)
        }
      ),
      { numRuns: runs(300) }
    )
  })
})

describe("the reminders' decider", () => {
  it("over any runs and extensions: a reminder at most once per due date and threshold, never a larger after a smaller, and a second run on a day sends nothing", () => {
    const step = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }).map((n) => ({ _tag: "run" as const, days: n })) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }).map((n) => ({ _tag: "extend" as const, days: n })) }
    )
    fc.assert(
      fc.property(
        fc.integer({ min: Period.epochDay(d("2021-01-01")), max: Period.epochDay(d("2021-12-01")) }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(step, { maxLength: 30 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
        (start, term, steps, thresholds) => {
          let today = Period.fromEpochDay(start)
          let due = Period.addDays(today, term)
          let state = Reminders.decider.initialState
          const sent: Array<Reminders.DeadlineApproaching> = []
          const runOnce = () => {
            const k = Either.getOrThrow(Reminders.reached(cal, today, due, thresholds))
            if (k === undefined) return []
            const events = Either.getOrThrow(
              Reminders.decider.decide(
                Reminders.RemindDeadline.make({
                  appealId: "A-1" as AppealId,
                  registrationNumber: "ОГ-2021-00001" as RegistrationNumber,
                  dueKind: "answer",
                  due,
                  threshold: k,
                  on: today,
                  at: new Date(`${today}T00:00:00Z`),
                  actor: "system" as ActorId
                }),
                state
              )
            )
            for (const e of events) state = Reminders.decider.evolve(state, e)
            return events
          }
          for (const s of steps) {
            if (s._tag === "extend") {
              due = Period.addDays(due, s.days)
              continue
            }
            today = Period.addDays(today, s.days)
            const first = runOnce()
            sent.push(...first)
            expect(runOnce()).toStrictEqual([])
            // after a run, a reached threshold is covered: a reminder of this due date at it or below was sent
            const k = Either.getOrThrow(Reminders.reached(cal, today, due, thresholds))
            if (k !== undefined)
              expect(Reminders.alreadySent(state, { dueKind: "answer", due, threshold: k })).toBe(true)
          }
          const keys = sent.map((e) => `${e.due}|${e.threshold}`)
          expect(new Set(keys).size).toBe(keys.length)
          for (let i = 0; i < sent.length; i++)
            for (let j = i + 1; j < sent.length; j++)
              if (sent[i]!.due === sent[j]!.due) expect(sent[j]!.threshold).toBeLessThan(sent[i]!.threshold)
          for (const e of sent)
            expect(Either.getOrThrow(Reminders.reached(cal, e.on, e.due, thresholds))).toBe(e.threshold)
        }
      ),
      { numRuns: runs(300) }
    )
  })
})
