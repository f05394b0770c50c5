/**
 * The areas' aggregates as the conformance kit drives them: each area's
 * aggregate definition with an arbitrary of its commands (most accepted in
 * typical states, some refused) and the streams to spread them over — the
 * appeal, the election calendar, the plan, the reception slot and the
 * information meeting. `Conformance.run` drives all of them through its
 * model-based runs by default, so a third-party adapter is checked against
 * the library's own aggregates, their projections and read models, with one
 * call.
 *
 * @example
 * ```ts
 * import { it } from "@effect/vitest"
 * import { MemoryStore } from "cityhall/adapters/memory"
 * import { Conformance, ConformanceAggregates } from "cityhall/testing"
 *
 * // only the appeals and the Ledger, fewer runs
 * Conformance.run("memory", { it, layer: MemoryStore.layer, aggregates: [ConformanceAggregates.appeal], numRuns: 10 })
 * ```
 *
 * @module
 */
import { FastCheck as fc, Redacted } from "effect"
import * as Appeal from "../appeals/Appeal.js"
import * as AppealCommand from "../appeals/AppealCommand.js"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as ElectionCalendar from "../elections/ElectionCalendar.js"
import * as ElectionRecords from "../elections/ElectionRecords.js"
import * as Reference2021 from "../elections/Reference2021.js"
import * as Template from "../elections/Template.js"
import type {
  ActorId,
  AppealId,
  DivisionId,
  InstructionId,
  MeetingId,
  OfficialId,
  QuestionId,
  ReceptionCardId,
  ReceptionId
} from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import * as Meeting from "../meetings/Meeting.js"
import * as MeetingRecords from "../meetings/MeetingRecords.js"
import * as Reception from "../meetings/Reception.js"
import { Hybrid, InPerson, type LocalTime, Online, type OnlineLink, Place } from "../meetings/Venue.js"
import * as H from "../planning/Hierarchy.js"
import type * as Plan from "../planning/Plan.js"
import * as PlanRecords from "../planning/PlanRecords.js"
import * as A from "./AppealsArbitraries.js"
import type { AnyConformanceAggregate, ConformanceAggregate } from "./ConformanceModel.js"
import * as MA from "./MeetingsArbitraries.js"
import * as PA from "./PlanningArbitraries.js"

/** Fixes the types of a conformance aggregate (an identity function). */
export const make = <C, E, S, Err, EI, CI>(
  aggregate: ConformanceAggregate<C, E, S, Err, EI, CI>
): ConformanceAggregate<C, E, S, Err, EI, CI> => aggregate

const HOUR = 3_600_000
const DAY = 24 * HOUR
const clerk = "clerk-1" as ActorId

// ---------------------------------------------------------------------------
// Appeals

/** A registration command for an appeal, received at `receivedAt` and registered up to two days later. */
export const appealRegistration = (
  appealId: AppealId,
  receivedAt: fc.Arbitrary<number>,
  seq = 1
): fc.Arbitrary<AppealCommand.AppealCommand> =>
  fc.tuple(A.registrationDraft(), receivedAt, fc.integer({ min: 0, max: 2 * DAY })).map(([draft, received, delay]) => {
    const at = new Date(received + delay)
    // the registration number carries the local (UTC+10) year of registration
    const year = new Date(at.getTime() + 10 * HOUR).getUTCFullYear()
    return A.registrationCommand(draft, {
      appealId,
      registrationNumber: Appeal.registrationNumber("ОГ", year, seq),
      receivedAt: new Date(received),
      at,
      actor: clerk
    })
  })

/** A follow-up command (any transition, not necessarily allowed) of an appeal at an instant. */
export const appealFollowUp = (
  appealId: AppealId,
  at: fc.Arbitrary<number>
): fc.Arbitrary<AppealCommand.AppealCommand> => {
  const base = at.map((ms) => ({ appealId, at: new Date(ms), actor: clerk }))
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(base, A.divisionId)
        .map(([b, division]) => new AppealCommand.AssignToDivision({ ...b, division }))
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, fc.integer({ min: 1, max: 30 }))
        .map(([b, days]) => new AppealCommand.ExtendTerm({ ...b, days, reason: "запрос документов" }))
    },
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          base,
          fc.constantFrom(...Appeal.Result.literals),
          fc.constantFrom("written" as const, "electronic" as const)
        )
        .map(([b, result, form]) => new AppealCommand.AnswerOnMerits({ ...b, result, form }))
    },
    {
      weight: 1,
      arbitrary: base.map(
        (b) =>
          new AppealCommand.AnswerOrally({ ...b, result: "explained", applicantConsented: true, factsObvious: true })
      )
    },
    {
      weight: 1,
      arbitrary: base.map((b) => new AppealCommand.ForwardByCompetence({ ...b, to: "Министерство ЖКХ края" }))
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...Appeal.NoAnswerGround.literals))
        .map(([b, ground]) => new AppealCommand.LeaveWithoutAnswer({ ...b, ground }))
    },
    { weight: 1, arbitrary: base.map((b) => new AppealCommand.ForwardCrimeReport({ ...b, to: "УМВД" })) },
    { weight: 1, arbitrary: base.map((b) => new AppealCommand.EndCorrespondence(b)) },
    {
      weight: 1,
      arbitrary: base.map((b) => new AppealCommand.AnswerByReference({ ...b, decision: "earlier-0" as AppealId }))
    },
    {
      weight: 1,
      arbitrary: base.map(
        (b) => new AppealCommand.ReturnCourtDecisionAppeal({ ...b, explanation: "обжалуется в вышестоящий суд" })
      )
    },
    {
      weight: 1,
      arbitrary: base.map(
        (b) => new AppealCommand.ReferToPublishedAnswer({ ...b, url: "https://khabarovskadm.ru/answers/42" })
      )
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...Appeal.ProtectedSecret.literals))
        .map(([b, secret]) => new AppealCommand.DeclineForSecrecy({ ...b, secret }))
    },
    {
      weight: 1,
      arbitrary: fc.tuple(base, A.divisionId).map(
        ([b, division]) =>
          new AppealCommand.AssignExecutors({
            ...b,
            executor: { official: "official-1" as OfficialId, division },
            coExecutors: []
          })
      )
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom("Прокуратура города", "УМВД"))
        .map(([b, to]) => new AppealCommand.SendCopies({ ...b, to: [to] }))
    }
  )
}

const appealIds: ReadonlyArray<AppealId> = ["appeal-1", "appeal-2"].map((id) => id as AppealId)
const march2021 = Date.UTC(2021, 2, 1)

/** Appeal commands on two appeals: registrations in early March 2021, follow-ups until June. */
export const appeal = make({
  definition: AppealRecords.definition,
  command: fc.constantFrom(...appealIds).chain((id) =>
    fc.oneof(
      { weight: 1, arbitrary: appealRegistration(id, fc.integer({ min: march2021, max: march2021 + 8 * DAY })) },
      {
        weight: 3,
        arbitrary: appealFollowUp(id, fc.integer({ min: march2021 + 12 * DAY, max: march2021 + 120 * DAY }))
      }
    )
  ),
  ids: appealIds
})

// ---------------------------------------------------------------------------
// Election calendars

const electionAt = fc.integer({ min: Date.UTC(2021, 5, 20), max: Date.UTC(2021, 9, 1) }).map((ms) => new Date(ms))
const electionDay = fc
  .integer({
    min: Period.epochDay(Period.unsafeDay("2021-06-18")),
    max: Period.epochDay(Period.unsafeDay("2021-09-30"))
  })
  .map(Period.fromEpochDay)
const taskId = fc.constantFrom(...Template.tasks.map((t) => t.id))

/**
 * Commands to two election calendars: the three concurrent elections of
 * 19 September 2021 and the template tasks, registered, planned, done and
 * missed in random orders.
 */
export const electionCalendar = make({
  definition: ElectionRecords.definition,
  command: fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...Reference2021.elections), electionAt)
        .map(
          ([election, at]): ElectionCalendar.Command =>
            new ElectionCalendar.RegisterElection({ election, at, actor: clerk })
        )
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...Reference2021.elections.map((e) => e.id)),
          fc.subarray([...Template.tasks], { minLength: 1 }),
          electionAt
        )
        .map(
          ([election, tasks, at]): ElectionCalendar.Command =>
            new ElectionCalendar.PlanTasks({ election, tasks: [tasks[0]!, ...tasks.slice(1)], at, actor: clerk })
        )
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(taskId, electionDay, electionAt)
        .map(
          ([task, on, at]): ElectionCalendar.Command => new ElectionCalendar.MarkDone({ task, on, at, actor: clerk })
        )
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(taskId, electionAt)
        .map(([task, at]): ElectionCalendar.Command => new ElectionCalendar.MarkMissed({ task, at, actor: clerk }))
    }
  ),
  ids: ["2021-09-19", "2021-09-19-b"]
})

// ---------------------------------------------------------------------------
// Plans

const hasActivities = (tree: H.PlanTree): boolean =>
  PA.split(tree).some((p) => p.nodes.some((n) => n._tag === "Activity"))

/**
 * The plan pool: a generated plan tree (a fixed sample, so the pool is the
 * same in every run), the first of its plans that holds activities, and
 * the plans above it as the deciding context.
 */
const planPool = (() => {
  let cached:
    | { readonly definition: typeof PlanRecords.definition; readonly pool: ReadonlyArray<Plan.Command> }
    | undefined
  return () => {
    if (cached !== undefined) return cached
    const sample = fc.sample(PA.planTree({ maxYears: 1 }), { numRuns: 100, seed: 20210115 })
    // the seed gives a tree with activities; any tree still exercises the kit should a generator change
    const tree = sample.find(hasActivities) ?? sample[0]!
    const plans = PA.split(tree)
    const at = Math.max(
      0,
      plans.findIndex((p) => p.nodes.some((n) => n._tag === "Activity"))
    )
    cached = {
      definition: PlanRecords.makeDefinition(
        H.context(
          tree.horizon,
          plans.slice(0, at).flatMap((p) => p.nodes)
        )
      ),
      pool: PA.buildCommands(plans[at]!)
    }
    return cached
  }
})()

/**
 * Commands that create, fill and approve one plan holding activities, on
 * two plan streams. Drawn in random order: additions after the creation are
 * accepted, repeats and additions before it refused. (Built on first use:
 * sampling the plan tree takes a moment.)
 */
export const plan = () => {
  const { definition, pool } = planPool()
  return make({
    definition,
    command: fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(...pool.filter((c) => c._tag === "CreatePlan")) },
      { weight: 3, arbitrary: fc.constantFrom(...pool) }
    ),
    ids: ["plan-1", "plan-2"]
  })
}

// ---------------------------------------------------------------------------
// Receptions and information meetings

const OFFICIALS = ["mayor", "deputy-1", "deputy-2"].map((o) => o as OfficialId)
const PLACE = new Place({ district: "Центральный", address: "ул. Карла Маркса, 66" })
const LINK = "https://example.org/live" as OnlineLink
// 2020-03-10 00:00 in Khabarovsk (UTC+10) and the following days
const START = Date.UTC(2020, 2, 9, 14)
const meetingDay = fc.integer({ min: 0, max: 1 }).map((d) => Period.addDays(Period.unsafeDay("2020-03-10"), d))
const meetingAt = fc.integer({ min: -24, max: 5 * 24 }).map((h) => new Date(START + h * HOUR))
const official = fc.constantFrom(...OFFICIALS)
const card = fc.integer({ min: 0, max: 5 }).map((n) => `card-${n}` as ReceptionCardId)

const receptionIds: ReadonlyArray<string> = ["reception-1", "reception-2"]
const meetingIds: ReadonlyArray<string> = ["meeting-1", "meeting-2"]

const rmeta = fc.record({
  reception: fc.constantFrom(...receptionIds.map((r) => r as ReceptionId)),
  at: meetingAt,
  actor: fc.constant(clerk)
})

/** A reception command: slots of three officials over two days of March 2020, cards, hand-ins, refusals, moves and closings. */
export const receptionCommand: fc.Arbitrary<Reception.Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(rmeta, official, meetingDay, fc.boolean()).map(
      ([m, official, day, online]) =>
        new Reception.ScheduleReception({
          ...m,
          official,
          day,
          start: "10:00" as LocalTime,
          end: "13:00" as LocalTime,
          venue: online ? new Online({ link: LINK }) : new InPerson({ place: PLACE })
        })
    )
  },
  {
    weight: 5,
    arbitrary: fc.tuple(rmeta, card, fc.boolean(), MA.applicant, MA.identityDocument, MA.topic).map(
      ([m, card, oral, applicant, identityDocument, topic]) =>
        new Reception.RecordCard({
          ...m,
          card,
          applicant,
          identityDocument,
          content: Redacted.make("ремонт кровли дома"),
          topics: [topic],
          answer: oral
            ? new Reception.OralAnswer({
                applicantConsented: true,
                factsObvious: true,
                summary: Redacted.make("разъяснён порядок")
              })
            : new Reception.OralAppeal()
        })
    )
  },
  {
    weight: 2,
    arbitrary: fc.tuple(rmeta, card, MA.topic).map(
      ([m, card, topic]) =>
        new Reception.HandInWrittenAppeal({
          ...m,
          card,
          text: Redacted.make("письменное обращение о благоустройстве"),
          topics: [topic]
        })
    )
  },
  {
    weight: 1,
    arbitrary: fc.tuple(rmeta, MA.applicant, MA.topic).map(
      ([m, applicant, topic]) =>
        new Reception.RefuseRepeatReception({
          ...m,
          applicant,
          topics: [topic],
          reference: "appeal-earlier" as AppealId,
          answeredOn: Period.unsafeDay("2020-01-20")
        })
    )
  },
  { weight: 1, arbitrary: rmeta.map((m) => new Reception.MoveReceptionOnline({ ...m, link: LINK })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(rmeta, meetingDay)
      .map(
        ([m, day]) =>
          new Reception.PostponeReception({ ...m, day, start: "15:00" as LocalTime, end: "17:00" as LocalTime })
      )
  },
  { weight: 1, arbitrary: rmeta.map((m) => new Reception.CancelReception({ ...m, reason: "болезнь" })) },
  { weight: 1, arbitrary: rmeta.map((m) => new Reception.CloseReception(m)) }
)

/** Reception commands on two reception slots (Khabarovsk time, no suspension). */
export const reception = make({
  definition: MeetingRecords.receptionDefinition,
  command: receptionCommand,
  ids: receptionIds
})

const mmeta = fc.record({
  meeting: fc.constantFrom(...meetingIds.map((m) => m as MeetingId)),
  at: meetingAt,
  actor: fc.constant(clerk)
})
const question = fc.integer({ min: 0, max: 2 }).map((n) => `q-${n}` as QuestionId)

/** A meeting command: scheduling, holding, questions and their dispositions, moves, cancellations and closings. */
export const meetingCommand: fc.Arbitrary<Meeting.Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(mmeta, meetingDay, fc.constantFrom(0, 1, 2), official).map(
      ([m, day, format, chair]) =>
        new Meeting.ScheduleMeeting({
          ...m,
          title: "Благоустройство дворов",
          day,
          start: "18:00" as LocalTime,
          format:
            format === 0
              ? new InPerson({ place: PLACE })
              : format === 1
                ? new Online({ link: LINK })
                : new Hybrid({ place: PLACE, link: LINK }),
          officials: [OFFICIALS[1]!, OFFICIALS[2]!],
          chair
        })
    )
  },
  {
    weight: 3,
    // held on one of the days at 18:00..20:00 local time, recorded up to two days later
    arbitrary: fc
      .tuple(
        mmeta,
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 2 * HOUR }),
        fc.integer({ min: 0, max: 48 * HOUR }),
        fc.integer({ min: 0, max: 200 })
      )
      .map(([m, d, minutes, delay, count]) => {
        const heldAt = START + d * DAY + 18 * HOUR + minutes
        return new Meeting.HoldMeeting({
          ...m,
          at: new Date(heldAt + delay),
          heldAt: new Date(heldAt),
          attendance: new Meeting.Attendance({ count })
        })
      })
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(mmeta, question, MA.topic)
      .map(
        ([m, question, topic]) =>
          new Meeting.RaiseQuestion({ ...m, question, topic, text: "Когда отремонтируют двор?" })
      )
  },
  {
    weight: 3,
    arbitrary: fc.tuple(mmeta, question, fc.constantFrom(0, 1, 2), official, meetingDay).map(
      ([m, question, kind, by, deadline]) =>
        new Meeting.DisposeQuestion({
          ...m,
          question,
          disposition:
            kind === 0
              ? new Meeting.AnswerOnTheSpot({ answer: "Ремонт включён в план на июнь", by })
              : kind === 1
                ? new Meeting.Instruct({
                    instruction: `${m.meeting}-${question}` as InstructionId,
                    division: "housing" as DivisionId,
                    deadline: Period.addDays(deadline, 30),
                    text: "Обследовать двор"
                  })
                : new Meeting.ReferAsAppeal()
        })
    )
  },
  { weight: 1, arbitrary: mmeta.map((m) => new Meeting.CloseMeeting(m)) },
  { weight: 1, arbitrary: mmeta.map((m) => new Meeting.MoveMeetingOnline({ ...m, link: LINK })) },
  { weight: 1, arbitrary: mmeta.map((m) => new Meeting.CancelMeeting({ ...m, reason: "перенос" })) }
)

/** Meeting commands on two information meetings (Khabarovsk time, no suspension). */
export const meeting = make({ definition: MeetingRecords.meetingDefinition, command: meetingCommand, ids: meetingIds })

/**
 * Every area's aggregate: appeal, election calendar, plan, reception slot,
 * information meeting. The default of `Conformance.run`'s `aggregates`.
 */
export const areas = (): ReadonlyArray<AnyConformanceAggregate> => [
  appeal,
  electionCalendar,
  plan(),
  reception,
  meeting
]
