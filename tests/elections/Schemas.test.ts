import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { Elections, Ids } from "../../src/index.js"
import * as A from "../../src/testing/ElectionsArbitraries.js"
import { runs } from "../support/runs.js"

const {
  ElectionCalendar,
  Compliance,
  Election,
  InvalidElectionInput,
  MergedCalendar,
  Phrase,
  PollingStation,
  Rule,
  Task,
  Reference2021,
  Template
} = Elections

/** decode(encode(a)) = a, through JSON, for values drawn from `arb`. */
const roundTrip = <A, I>(
  name: string,
  schema: Schema.Schema<A, I>,
  arb: fc.Arbitrary<A> = Arbitrary.make(schema),
  numRuns = 50
) =>
  it(`${name}: decode after encode is the identity`, () => {
    const encode = Schema.encodeSync(schema)
    const decode = Schema.decodeUnknownSync(schema)
    fc.assert(
      fc.property(arb, (a) => {
        const json = JSON.parse(JSON.stringify(encode(a)))
        expect(decode(json)).toStrictEqual(a)
      }),
      { numRuns: runs(numRuns) }
    )
  })

/** Merged calendars of 1..3 elections of one voting day (the first election's days and calling decision). */
const mergedCalendar = fc.array(A.electionWithPlan(4), { minLength: 1, maxLength: 3 }).map((plans) =>
  Either.getOrThrow(
    MergedCalendar.plan(
      plans.map((p) => ({
        ...p,
        election: new Election.Election({
          ...p.election,
          votingDays: plans[0]!.election.votingDays,
          calling: plans[0]!.election.calling
        })
      }))
    )
  )
)

describe("every exported Schema round-trips", () => {
  roundTrip("Election.CallingDecision", Election.CallingDecision)
  roundTrip("Election.VotingDays", Election.VotingDays)
  roundTrip("Election.Election", Election.Election)
  roundTrip("Election.Level", Election.Level)
  roundTrip("Election.Kind", Election.Kind)
  roundTrip("Rule.Anchor", Rule.Anchor)
  roundTrip("Rule.Rule", Rule.Rule)
  roundTrip("Rule.Timing", Rule.Timing)
  roundTrip("Rule.UnknownAnchor", Rule.UnknownAnchor)
  roundTrip("Phrase.PhraseNotUnderstood", Phrase.PhraseNotUnderstood)
  roundTrip("Task.TaskDefinition", Task.TaskDefinition)
  roundTrip("Task.TaskStatus", Task.TaskStatus)
  roundTrip("Task.ScheduledTask", Task.ScheduledTask)
  roundTrip("Task.UnknownDependency", Task.UnknownDependency)
  roundTrip("Task.CyclicTasks", Task.CyclicTasks)
  roundTrip("Task.DuplicateTask", Task.DuplicateTask)
  roundTrip("Task.TaskDefinitionFromWords", Task.TaskDefinitionFromWords)
  roundTrip("Task.PlanFromWords", Task.PlanFromWords, Arbitrary.make(Task.PlanFromWords), 20)
  roundTrip("Phrase.RuleFromPhrase", Phrase.RuleFromPhrase)
  roundTrip("Phrase.TimingFromPhrase", Phrase.TimingFromPhrase)
  roundTrip("MergedCalendar.VotingDayMismatch", MergedCalendar.VotingDayMismatch)
  roundTrip("MergedCalendar.DateConflict", MergedCalendar.DateConflict)
  roundTrip("MergedCalendar.MergedCalendar (planned)", MergedCalendar.MergedCalendar, mergedCalendar)
  roundTrip("Compliance.Violation", Compliance.Violation)
  roundTrip("PollingStation.PollingStation", PollingStation.PollingStation)
  roundTrip("PollingStation.StationProblem", PollingStation.StationProblem)
  roundTrip("InvalidElectionInput.InvalidElectionInput", InvalidElectionInput.InvalidElectionInput)
  roundTrip("ElectionCalendar.Command", ElectionCalendar.Command)
  roundTrip("ElectionCalendar.Event", ElectionCalendar.Event)
  roundTrip(
    "ElectionCalendar.ElectionCalendarState",
    ElectionCalendar.ElectionCalendarState,
    Arbitrary.make(ElectionCalendar.ElectionCalendarState),
    20
  )
  roundTrip(
    "ElectionCalendar errors",
    Schema.Union(
      ElectionCalendar.ElectionAlreadyRegistered,
      ElectionCalendar.VotingDayMismatch,
      ElectionCalendar.UnknownElection,
      ElectionCalendar.ConflictingDefinition,
      ElectionCalendar.UnknownTask,
      ElectionCalendar.TaskClosed,
      ElectionCalendar.DependencyNotDone,
      ElectionCalendar.DoneInFuture
    )
  )

  it("the reference elections and the template round-trip", () => {
    for (const e of Reference2021.elections)
      expect(Election.decode(Schema.encodeSync(Election.Election)(e))).toStrictEqual(Either.right(e))
    for (const t of Template.tasks)
      expect(Task.decodeDefinition(Schema.encodeSync(Task.TaskDefinition)(t))).toStrictEqual(Either.right(t))
  })

  // The acting person is `actor` in code, as in every area; its JSON key stays `by`,
  // so events stored and import lines written before the rename still decode.
  it("an event and a command written with the key `by` decode, with the actor; they encode to `by` again", () => {
    const stored = {
      _tag: "TaskMissed",
      task: "premises-for-commissions",
      at: "2021-06-21T01:00:00.000Z",
      by: "clerk-1"
    }
    const event = Schema.decodeUnknownSync(ElectionCalendar.Event)(stored)
    expect(event).toStrictEqual(
      new ElectionCalendar.TaskMissed({
        task: Ids.TaskId.make("premises-for-commissions"),
        at: new Date("2021-06-21T01:00:00.000Z"),
        actor: Ids.ActorId.make("clerk-1")
      })
    )
    expect(Schema.encodeSync(ElectionCalendar.Event)(event)).toStrictEqual(stored)
    const line = { _tag: "MarkDone", task: "premises-for-commissions", on: "2021-06-22", at: stored.at, by: "clerk-1" }
    const command = Schema.decodeUnknownSync(ElectionCalendar.Command)(line)
    expect(command._tag === "MarkDone" && command.actor).toBe("clerk-1")
    expect(Schema.encodeSync(ElectionCalendar.Command)(command)).toStrictEqual(line)
  })
})

describe("bad input: Schema-decoded, a typed error naming the field", () => {
  const good = Schema.encodeSync(Election.Election)(Reference2021.cityDumaDistrict3)
  const fieldOf = (input: unknown) => {
    const r = Election.decode(input)
    return Either.isLeft(r) ? [r.left._tag, r.left.field] : ["decoded"]
  }
  it("voting days: more than three, or not consecutive", () => {
    expect(fieldOf({ ...good, votingDays: ["2021-09-16", "2021-09-17", "2021-09-18", "2021-09-19"] })).toStrictEqual([
      "InvalidElectionInput",
      "votingDays"
    ])
    expect(fieldOf({ ...good, votingDays: ["2021-09-17", "2021-09-19"] })).toStrictEqual([
      "InvalidElectionInput",
      "votingDays"
    ])
    expect(fieldOf({ ...good, votingDays: [] })).toStrictEqual(["InvalidElectionInput", "votingDays.0"]) // the first day is missing
    expect(fieldOf({ ...good, votingDays: ["2021-02-30"] })).toStrictEqual(["InvalidElectionInput", "votingDays.0"])
  })
  it("the calling decision: published before adoption, or not before voting", () => {
    expect(fieldOf({ ...good, calling: { ...good.calling, publishedOn: "2021-06-01" } })).toStrictEqual([
      "InvalidElectionInput",
      "calling.publishedOn"
    ])
    expect(fieldOf({ ...good, calling: { ...good.calling, publishedOn: "2021-09-17" } })).toStrictEqual([
      "InvalidElectionInput",
      "calling.publishedOn"
    ])
  })
  it("a by-election without districts; repeated districts; unknown level; bad id; excess field", () => {
    expect(fieldOf({ ...good, districts: [] })).toStrictEqual(["InvalidElectionInput", "districts"])
    expect(fieldOf({ ...good, districts: [3, 3] })).toStrictEqual(["InvalidElectionInput", "districts"])
    expect(fieldOf({ ...good, level: "galactic" })).toStrictEqual(["InvalidElectionInput", "level"])
    expect(fieldOf({ ...good, id: "bad id" })).toStrictEqual(["InvalidElectionInput", "id"])
    expect(fieldOf({ ...good, extra: 1 })).toStrictEqual(["InvalidElectionInput", "extra"])
  })
  it("a task definition with a bad rule names the rule's field", () => {
    const t = Schema.encodeSync(Task.TaskDefinition)(Template.pollingStationLists)
    const r = Task.decodeDefinition({
      ...t,
      timing: { _tag: "NotLaterThanBefore", days: 0, anchor: { _tag: "VotingDay", which: "last" } }
    })
    expect(Either.isLeft(r) && r.left.field).toBe("timing.days")
    const r2 = Task.decodeDefinition({
      ...t,
      timing: { _tag: "NotLaterThanBefore", days: 40, anchor: { _tag: "Registration" } }
    })
    expect(Either.isLeft(r2) && r2.left.field).toBe("timing.anchor._tag")
  })
})
