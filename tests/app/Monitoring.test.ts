/**
 * App.Appeals.monitoring over a store: the report from the appeals' rows
 * equals the monthly analysis from the counters on every month of random
 * histories; the month is checked for every entry point; controllers and
 * administrators only.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Redacted } from "effect"
import { MemoryStore } from "../../adapters/memory/index.js"
import { App, Appeals, type Ids, Period, type Ports } from "../../src/index.js"
import { runs } from "../support/runs.js"

const admin = new App.Principal.Principal({ subject: "admin-1" as Ids.ActorId, role: "administrator" })
const controller = new App.Principal.Principal({ subject: "ctl-1" as Ids.ActorId, role: "controller" })
const clerk = new App.Principal.Principal({ subject: "clerk-1" as Ids.ActorId, role: "clerk" })
const TOPICS = ["0005.0005.0056.1134", "0002.0004.0001.0001", "0003.0009.0001.0001"] as const

interface Step {
  readonly day: number
  readonly topics: number
  readonly end: "open" | "answer" | "forward" | "leave"
  readonly after: number
  readonly result: Appeals.Appeal.Result
  readonly further: Appeals.Appeal.Result
}

const step: fc.Arbitrary<Step> = fc.record({
  day: fc.integer({ min: 0, max: 89 }),
  topics: fc.integer({ min: 1, max: 3 }),
  end: fc.constantFrom("open", "answer", "forward", "leave"),
  after: fc.integer({ min: 0, max: 40 }),
  result: fc.constantFrom(...Appeals.Appeal.Result.literals),
  further: fc.constantFrom(...Appeals.Appeal.Result.literals)
})

const START = Period.unsafeDay("2021-01-11")
const noon = (d: Period.Day) => new Date(`${d}T12:00:00+10:00`)

/** Runs a history through the use cases with the city's clock moved to each step's day. */
const run = <E, R extends App.City.CityContext | Ports.ReadModels.ReadModels>(
  steps: ReadonlyArray<Step>,
  check: (today: Period.Day) => Effect.Effect<void, E, R>
) => {
  let clock = noon(START)
  const city = Either.getOrThrow(App.City.make({ now: () => clock }))
  const at = (d: Period.Day) => {
    clock = noon(d)
  }
  const events = steps
    .flatMap((s, i) => {
      const registered = Period.addDays(START, s.day)
      const closes = Period.addDays(registered, s.after)
      return [
        { day: registered, i, kind: "register" as const, s },
        ...(s.end === "open" ? [] : [{ day: closes, i, kind: "close" as const, s }])
      ]
    })
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.kind === "register" ? -1 : 1))
  const program = Effect.gen(function* () {
    const ids: Array<Ids.AppealId> = []
    for (const e of events) {
      at(e.day)
      if (e.kind === "register") {
        const topics = TOPICS.slice(0, e.s.topics) as unknown as readonly [
          Appeals.Topic.TopicCode,
          ...Array<Appeals.Topic.TopicCode>
        ]
        const a = yield* App.Appeals.submit(admin, {
          text: Redacted.make(`Обращение ${e.i}`),
          topics,
          applicant: new Appeals.Appeal.Applicant({
            name: Redacted.make("Иванов Иван"),
            postalAddress: Redacted.make("Хабаровск, ул. Ленина, 1")
          })
        })
        ids[e.i] = a.state.appeal.appealId
        continue
      }
      const id = ids[e.i]!
      if (e.s.end === "answer") {
        yield* App.Appeals.act(admin, "assignAppeal", id, (c) =>
          Appeals.AppealCommand.AssignToDivision.make({ ...c, division: "economy" as Ids.DivisionId })
        )
        yield* App.Appeals.act(admin, "answerAppeal", id, (c) =>
          Appeals.AppealCommand.AnswerOnMerits.make({
            ...c,
            result: e.s.result,
            form: "written",
            ...(e.s.topics > 1
              ? { questionResults: [{ topic: TOPICS[1] as Appeals.Topic.TopicCode, result: e.s.further }] }
              : {})
          })
        )
      } else if (e.s.end === "forward")
        yield* App.Appeals.act(admin, "forwardAppeal", id, (c) =>
          Appeals.AppealCommand.ForwardByCompetence.make({ ...c, to: "Прокуратура края" })
        )
      else
        yield* App.Appeals.act(admin, "leaveWithoutAnswer", id, (c) =>
          Appeals.AppealCommand.LeaveWithoutAnswer.make({ ...c, ground: "abusive" })
        )
    }
    at(Period.unsafeDay("2021-06-15"))
    yield* check(Period.unsafeDay("2021-06-15"))
  })
  return program.pipe(Effect.provide(App.City.layerOf(city)), Effect.provide(MemoryStore.layer))
}

describe("App.Appeals.monitoring", () => {
  it("on every month of random histories its totals equal the monthly analysis's (counters) and every question has one status", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), (steps) =>
        Effect.runPromise(
          run(steps, () =>
            Effect.gen(function* () {
              for (const month of ["2021-01", "2021-02", "2021-03", "2021-04"] as const) {
                const r = yield* App.Appeals.monitoring(controller, month)
                const { analysis } = yield* App.Appeals.analysis(controller, Period.unsafeMonth(month), r.asOf)
                expect(r.asOf).toBe(Period.lastDay(Period.unsafeMonth(month)))
                expect(r.totals.appeals).toBe(analysis.total)
                const main: Record<string, number> = {}
                for (const q of r.questions) if (q.question === 1) main[q.status] = (main[q.status] ?? 0) + 1
                const expected: Record<string, number> = {}
                const add = (k: string, n: number) => {
                  if (n > 0) expected[k] = (expected[k] ?? 0) + n
                }
                for (const [o, n] of Object.entries(analysis.byOutcome))
                  if (o === "open") add("underConsideration", n)
                  else if (o !== "answered") add(Appeals.Monitoring.statusOfOutcome(o as "forwardedByCompetence"), n)
                for (const [res, n] of Object.entries(analysis.byResult)) if (res !== "none") add(res, n)
                expect(main).toStrictEqual(expected)
                expect(Object.values(r.totals.byStatus).reduce((a, b) => a + b, 0)).toBe(r.questions.length)
              }
            }).pipe(Effect.orDie)
          )
        )
      ),
      { numRuns: runs(15) }
    )
  })

  it("a month that is no month, before July 2017 or after the current month is InvalidMonitoringMonth naming month; a clerk is denied", async () => {
    const errors = await Effect.runPromise(
      run([], () => Effect.void).pipe(
        Effect.zipRight(
          Effect.gen(function* () {
            const out: Array<unknown> = []
            for (const m of ["2020-13", "1900-01", "2021-07", "March"])
              out.push(yield* Effect.flip(App.Appeals.monitoring(admin, m)))
            out.push(yield* Effect.flip(App.Appeals.monitoring(clerk, "2021-03")))
            return out
          }).pipe(
            Effect.provide(
              App.City.layerOf(Either.getOrThrow(App.City.make({ now: () => noon(Period.unsafeDay("2021-06-15")) })))
            ),
            Effect.provide(MemoryStore.layer)
          )
        )
      )
    )
    expect(errors.slice(0, 4)).toMatchObject(Array(4).fill({ _tag: "InvalidMonitoringMonth", field: "month" }))
    expect(errors[4]).toMatchObject({ _tag: "AccessDenied" })
  })
})
