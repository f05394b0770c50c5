import { describe, expect, it } from "@effect/vitest"
import { Either, FastCheck as fc } from "effect"
import { Elections, Period } from "../../src/index.js"
import type { Ids } from "../../src/index.js"
import * as A from "../../src/testing/ElectionsArbitraries.js"

const { Reference2021, Rule, Task, Template } = Elections
const tid = (s: string) => s as Ids.TaskId
const def = (id: string, timing: Elections.Rule.Timing, dependsOn: ReadonlyArray<string> = []) =>
  new Task.TaskDefinition({
    id: tid(id),
    title: `Мероприятие ${id}`,
    timing,
    responsible: "organisational-department" as Ids.DivisionId,
    dependsOn: dependsOn.map(tid),
    source: "67-FZ art. 11.1",
    termByLaw: false
  })

describe("the template on the 2021 State Duma election (voting 17-19 September 2021)", () => {
  const plan = Either.getOrThrow(Task.schedule(Reference2021.stateDuma, Template.tasks))
  const dateOf = (id: string) => plan.find((t) => t.id === id)?.date

  it("publication of the lists of polling stations: 9 August 2021 (67-FZ art. 19 p. 7)", () => {
    expect(dateOf("polling-station-lists")).toBe("2021-08-09")
  })
  it("premises: within 10 days from publication on 18 June: 28 June 2021", () => {
    const t = plan.find((x) => x.id === "premises-for-commissions")
    expect([t?.from, t?.to, t?.date]).toStrictEqual(["2021-06-18", "2021-06-28", "2021-06-28"])
  })
  it("the website within 3 days from the lists: 9..12 August 2021", () => {
    const t = plan.find((x) => x.id === "premises-on-website")
    expect([t?.from, t?.to]).toStrictEqual(["2021-08-09", "2021-08-12"])
  })
  it("special places for campaign materials: not later than 30 days before, 19 August 2021 (67-FZ art. 54 p. 7)", () => {
    expect(dateOf("campaign-material-places")).toBe("2021-08-19")
  })
  it("informing voters: 8 September; equipment, transport and security: 15 September (1 day before the first voting day)", () => {
    expect(dateOf("voter-information")).toBe("2021-09-08")
    expect(dateOf("equipment-and-transport")).toBe("2021-09-15")
    expect(dateOf("security-with-police")).toBe("2021-09-15")
  })
  it("every template task cites its legal source and renders to Russian", () => {
    for (const t of Template.tasks) {
      expect(t.source).toMatch(/^67-FZ art\. \d/)
      expect(Rule.isRule(t.timing)).toBe(true)
    }
  })
  it("the issue's named tasks cite their sources: premises 67-FZ art. 61 p. 1, lists of polling stations 67-FZ art. 19", () => {
    const sourceOf = (id: string) => Template.tasks.find((t) => t.id === id)?.source
    expect(sourceOf("premises-for-commissions")).toBe("67-FZ art. 61 p. 1")
    expect(sourceOf("polling-station-lists")).toBe("67-FZ art. 19 p. 7")
    expect(sourceOf("voter-information")).toBe("67-FZ art. 64 p. 2")
    expect(sourceOf("equipment-and-transport")).toBe("67-FZ art. 20 p. 16")
    expect(sourceOf("security-with-police")).toBe("67-FZ art. 20 p. 16, art. 61 p. 1")
    expect(new Set(Template.tasks.map((t) => t.id)).size).toBe(Template.tasks.length)
  })
  it("withDivisions maps the placeholder divisions", () => {
    const mine = Template.withDivisions(Template.tasks, { property: "municipal-property" as Ids.DivisionId })
    expect(mine.find((t) => t.id === "premises-for-commissions")?.responsible).toBe("municipal-property")
    expect(mine.find((t) => t.id === "polling-station-lists")?.responsible).toBe(Template.Roles.organisation)
  })
})

describe("a calendar plan written as the commissions write it", () => {
  /** The template as a plan in words: each task's timing is its Russian phrase. */
  const written = Template.tasks.map((t) => ({
    id: t.id as string,
    title: t.title,
    timing: Elections.Phrase.render(t.timing as Elections.Rule.Rule),
    responsible: t.responsible as string,
    dependsOn: t.dependsOn.map(String),
    source: t.source,
    termByLaw: t.termByLaw
  }))

  it("the template in words decodes to the template and gives the same 2021 dates", () => {
    expect(written.map((t) => t.timing)).toStrictEqual([
      "в течение 10 дней со дня официального опубликования решения о назначении выборов",
      "не позднее чем за 40 дней до дня голосования",
      "в течение 3 дней со дня выполнения мероприятия «polling-station-lists»",
      "не позднее чем за 30 дней до дня голосования",
      "не позднее чем за 10 дней до дня голосования",
      "не позднее чем за 1 день до первого дня голосования",
      "не позднее чем за 1 день до первого дня голосования"
    ])
    const plan = Either.getOrThrow(Task.decodePlanFromWords(written))
    expect(plan).toStrictEqual(Template.tasks)
    const dates = Either.getOrThrow(Task.schedule(Reference2021.stateDuma, plan)).find(
      (t) => t.id === "polling-station-lists"
    )?.date
    expect(dates).toBe("2021-08-09")
    expect(written.map((t) => Either.getOrThrow(Task.decodeFromWords(t)))).toStrictEqual(Template.tasks)
  })

  it("a fixed date is written YYYY-MM-DD", () => {
    const r = Task.decodeFromWords({ ...written[0]!, timing: "2021-06-25" })
    expect(Either.isRight(r) && r.right.timing).toStrictEqual(Rule.fixedDate(Period.unsafeDay("2021-06-25")))
  })

  it("a phrase not understood is an InvalidElectionInput on the task's timing, pointing at the words", () => {
    const r = Task.decodePlanFromWords([
      written[0],
      { ...written[1]!, timing: "не позднее чем за сорок дней до дня голосования" }
    ])
    expect(Either.isLeft(r) && [r.left._tag, r.left.kind, r.left.field]).toStrictEqual([
      "InvalidElectionInput",
      "TaskPlan",
      "1.timing"
    ])
    expect(Either.isLeft(r) && r.left.message).toBe(
      'TaskPlan.1.timing: not understood at offset 18: "сорок дней до дня голосования"; expected a number of days (1..999)'
    )
    const other = Task.decodeFromWords({
      ...written[1]!,
      timing: "не позднее чем за 5 дней до дня регистрации кандидата"
    })
    expect(Either.isLeft(other) && [other.left.field, other.left.message]).toStrictEqual([
      "timing",
      'TaskDefinition.timing: not understood at offset 32: "регистрации кандидата"; expected «голосования» or «официального» or «выполнения»'
    ])
  })

  it("other bad fields are named as for a definition", () => {
    const r = Task.decodeFromWords({ ...written[0]!, responsible: "" })
    expect(Either.isLeft(r) && r.left.field).toBe("responsible")
    const extra = Task.decodeFromWords({ ...written[0]!, timingNote: "x" })
    expect(Either.isLeft(extra) && extra.left.field).toBe("timingNote")
  })
})

describe("schedule errors are typed", () => {
  const e = Reference2021.stateDuma
  it("a rule anchored on an unknown task", () => {
    const r = Task.schedule(e, [def("a", Rule.fromDayOf(Rule.task(tid("ghost"))))])
    expect(Either.isLeft(r) && r.left._tag).toBe("UnknownAnchor")
  })
  it("an unknown dependency", () => {
    const r = Task.schedule(e, [def("a", Rule.fromDayOf(Rule.votingDay()), ["ghost"])])
    expect(Either.isLeft(r) && r.left._tag).toBe("UnknownDependency")
  })
  it("a cycle through anchors and dependencies", () => {
    const r = Task.schedule(e, [
      def("a", Rule.fromDayOf(Rule.task(tid("b")))),
      def("b", Rule.notLaterThanBefore(3, Rule.votingDay()), ["a"])
    ])
    expect(Either.isLeft(r) && r.left._tag).toBe("CyclicTasks")
    expect(Either.isLeft(r) && r.left._tag === "CyclicTasks" && r.left.tasks).toStrictEqual(["a", "b", "a"])
  })
  it("a task defined twice", () => {
    const r = Task.schedule(e, [def("a", Rule.fromDayOf(Rule.votingDay())), def("a", Rule.fromDayOf(Rule.votingDay()))])
    expect(Either.isLeft(r) && r.left._tag).toBe("DuplicateTask")
  })
})

describe("voting day bound", () => {
  it("preparation is due at the latest on the last voting day; post-voting work counts forward", () => {
    const e = Reference2021.stateDuma
    const plan = Either.getOrThrow(
      Task.schedule(e, [
        def("long", Rule.withinDaysFrom(200, Rule.callingPublished)),
        def("after", Rule.withinDaysFrom(3, Rule.votingDay())),
        def("chained", Rule.withinDaysFrom(2, Rule.task(tid("after")))),
        def("fixed", Rule.fixedDate(Period.unsafeDay("2021-10-01")))
      ])
    )
    const get = (id: string) => plan.find((t) => t.id === id)!
    expect([get("long").date, get("long").afterVoting]).toStrictEqual(["2021-09-19", false])
    expect([get("after").date, get("after").afterVoting]).toStrictEqual(["2021-09-22", true])
    expect([get("chained").date, get("chained").afterVoting]).toStrictEqual(["2021-09-24", true])
    expect(get("fixed").afterVoting).toBe(true)
  })

  it.prop(
    "a task's date never lies after the voting day unless its rule is anchored after it",
    [A.electionWithPlan()],
    ([{ election, tasks }]) => {
      const plan = Either.getOrThrow(Task.schedule(election, tasks))
      expect(plan.length).toBe(tasks.length)
      const last = Elections.Election.lastVotingDay(election)
      for (const t of plan) {
        if (!t.afterVoting) expect(t.date <= last).toBe(true)
        if (t.from !== undefined && t.to !== undefined && !t.afterVoting) expect(t.to <= last).toBe(true)
      }
    }
  )

  /**
   * A plan where some tasks have fixed dates instead of rules (before or after
   * the voting day), and some tasks were done on arbitrary days (anchors then
   * count from the day done).
   */
  const planWithFixedAndDone = A.electionWithPlan().chain(({ election, tasks }) =>
    fc
      .tuple(
        fc.array(fc.option(fc.integer({ min: -150, max: 40 }), { freq: 3 }), {
          minLength: tasks.length,
          maxLength: tasks.length
        }),
        fc.array(fc.option(fc.integer({ min: -150, max: 40 }), { freq: 2 }), {
          minLength: tasks.length,
          maxLength: tasks.length
        })
      )
      .map(([fixed, doneShift]) => {
        const last = Elections.Election.lastVotingDay(election)
        const defs = tasks.map((t, i) => {
          const shift = fixed[i]
          return shift === null || shift === undefined
            ? t
            : new Task.TaskDefinition({ ...t, timing: Rule.fixedDate(Period.addDays(last, shift)) })
        })
        const done = new Map<Ids.TaskId, Period.Day>()
        tasks.forEach((t, i) => {
          const shift = doneShift[i]
          if (shift !== null && shift !== undefined) done.set(t.id, Period.addDays(last, shift))
        })
        return { election, tasks: defs, done }
      })
  )

  /** Whether a definition is anchored after the voting day, read from the definitions alone. */
  const anchoredAfter = (
    defs: ReadonlyMap<Ids.TaskId, Elections.Task.TaskDefinition>,
    id: Ids.TaskId,
    last: Period.Day
  ): boolean => {
    const t = defs.get(id)!.timing
    switch (t._tag) {
      case "FixedDate":
        return t.date > last
      case "FromDayOf":
      case "WithinDaysFrom":
        if (t.anchor._tag === "VotingDay") return true // "со дня голосования", "в течение N дней со дня голосования"
        return t.anchor._tag === "TaskAnchor" && anchoredAfter(defs, t.anchor.task, last)
      case "NotLaterThanBefore":
      case "NotEarlierThanBefore":
        return t.anchor._tag === "TaskAnchor" && anchoredAfter(defs, t.anchor.task, last)
    }
  }

  it.prop(
    "with fixed dates and done days too: a date after the voting day only for a task anchored after it",
    [planWithFixedAndDone],
    ([{ election, tasks, done }]) => {
      const plan = Either.getOrThrow(Task.schedule(election, tasks, done))
      const last = Elections.Election.lastVotingDay(election)
      const defs = new Map(tasks.map((t) => [t.id, t]))
      for (const t of plan) {
        if (t.date > last) expect(anchoredAfter(defs, t.id, last)).toBe(true)
        if (!anchoredAfter(defs, t.id, last)) expect(t.to !== undefined && t.to <= last && t.date <= last).toBe(true)
      }
    }
  )

  it.prop(
    "a task anchored after the voting day is one whose rule counts forward from it, directly or through its anchor",
    [A.electionWithPlan()],
    ([{ election, tasks }]) => {
      const plan = Either.getOrThrow(Task.schedule(election, tasks))
      const byId = new Map(plan.map((t) => [t.id, t]))
      for (const t of plan) {
        const anchor = Rule.anchorTask(t.definition.timing)
        const expected =
          Rule.countsForwardFromVoting(t.definition.timing) || (anchor !== undefined && byId.get(anchor)!.afterVoting)
        expect(t.afterVoting).toBe(expected)
      }
    }
  )
})
