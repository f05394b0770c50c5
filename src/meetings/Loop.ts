/**
 * The closed loop between the meetings area and the appeals and planning
 * areas, as pure translations in both directions, in one place:
 *
 * - a reception card that is not answered orally asks for an oral appeal
 *   ({@link registerOralAppeal} -> `Appeals` `RegisterOralAppeal`, channel
 *   `oral`, naming the card); the appeal's `AppealRegistered` comes back as
 *   {@link linkOralAppeal} -> `LinkOralAppeal` (the card names the appeal):
 *   card <-> appeal;
 * - a written appeal handed in at a reception and a meeting question
 *   referred as an appeal become `RegisterAppeal` (channel `written`) and
 *   come back as `LinkWrittenAppeal` / `LinkQuestionAppeal`;
 * - an instruction from a meeting question becomes an activity of the
 *   division's monthly plan ({@link scheduleInstruction} -> `Planning`
 *   `ScheduleActivity`, origin `MeetingQuestion`), and the plan's
 *   `ActivityScheduled` comes back as {@link linkInstructionActivity} ->
 *   `LinkInstructionActivity`: instruction <-> activity;
 * - a repeat reception is refused by reference to the appeal that answered
 *   the question on the merits ({@link refuseRepeatReception});
 * - a recommendation of the monthly analysis of appeals becomes a planned
 *   measure ({@link measureFromRecommendation}, origin `Recommendation`),
 *   as a strategic goal does ({@link measureFromGoal}); {@link trace}
 *   follows every measure from its cause to its result.
 *
 * Ids of the other areas' records (appeal ids, registration numbers,
 * activity ids, the monthly plan) are the application's to allocate: they
 * come in a context argument.
 *
 * @example
 * ```ts
 * import { Appeals, Meetings, Planning } from "cityhall"
 *
 * // a recommendation of the monthly analysis of appeals becomes a measure in the division's monthly plan
 * declare const recommendation: Appeals.Analysis.Recommendation
 * declare const ctx: Meetings.Loop.MeasureContext
 * const command: Planning.Plan.ScheduleActivity = Meetings.Loop.measureFromRecommendation(recommendation, ctx) // origin: Recommendation
 *
 * // a citizen comes again on a question the appeals area answered on the merits: refused, with the reference
 * declare const answered: Appeals.AppealState.AppealState
 * declare const refusal: Meetings.Loop.RefusalContext
 * Meetings.Loop.refuseRepeatReception(answered, refusal) // Either<RefuseRepeatReception, LoopMismatch>
 *
 * // every measure of the plans from its cause to its result (the latest execution reported, or pending)
 * declare const plans: ReadonlyArray<Planning.Plan.State>
 * Meetings.Loop.trace({ plans, recommendations: [recommendation] })
 * ```
 *
 * @module
 */
import { Either, Option, Redacted } from "effect"
import type { Addressee, AppealType, Kind, RegistrationNumber } from "../appeals/Appeal.js"
import { Applicant as AppealApplicant, ToDeputyMayor, ToDivision, ToMayor } from "../appeals/Appeal.js"
import { RegisterAppeal, RegisterOralAppeal } from "../appeals/AppealCommand.js"
import type { AppealRegistered } from "../appeals/AppealEvent.js"
import type { AppealState } from "../appeals/AppealState.js"
import type { Recommendation } from "../appeals/Analysis.js"
import type {
  ActivityId,
  ActorId,
  AppealId,
  DivisionId,
  GoalId,
  InstructionId,
  MeetingId,
  PlanId,
  QuestionId,
  ReceptionCardId,
  ReceptionId,
  RecommendationId
} from "../kernel/Ids.js"
import type { Official } from "../kernel/Organisation.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import type { Link, Origin } from "../planning/Link.js"
import { Activity } from "../planning/Node.js"
import * as Plan from "../planning/Plan.js"
import { ScheduleActivity } from "../planning/Plan.js"
import type { ActivityScheduled } from "../planning/Plan.js"
import type { Execution } from "../planning/Report.js"
import { LoopMismatch } from "./Errors.js"
import type * as Meeting from "./Meeting.js"
import { LinkInstructionActivity, LinkQuestionAppeal } from "./Meeting.js"
import type * as Reception from "./Reception.js"
import { LinkOralAppeal, LinkWrittenAppeal, RefuseRepeatReception } from "./Reception.js"

// ---- into appeals -------------------------------------------------------------------

/** What the application supplies to register an appeal: the ids it allocates and the classification. */
export interface AppealContext {
  readonly appealId: AppealId
  readonly registrationNumber: RegistrationNumber
  /** Who registers it, and when (the clock is read at the edge). */
  readonly actor: ActorId
  readonly at: Date
  readonly addressee: Addressee
  /** Default `statement` (заявление). */
  readonly type?: AppealType
  /** Default `individual`. */
  readonly kind?: Kind
  /** Earlier appeals of the same applicant on the same question. */
  readonly relatedAppeals?: ReadonlyArray<AppealId>
}

/**
 * The addressee of an appeal made to an official: the Mayor, a deputy
 * mayor, or the division a head of division heads.
 */
export const addresseeOf = (official: Official): Addressee =>
  official.position === "mayor"
    ? new ToMayor()
    : official.position === "headOfDivision" && official.division !== undefined
      ? new ToDivision({ division: official.division })
      : new ToDeputyMayor({ official: official.id })

/** The appeals area's applicant from a reception applicant (the phone is not part of an appeal). */
export const appealApplicant = (a: Reception.Applicant): AppealApplicant =>
  new AppealApplicant({
    name: a.name,
    ...(a.postalAddress === undefined ? {} : { postalAddress: a.postalAddress }),
    ...(a.email === undefined ? {} : { email: a.email })
  })

const classification = (ctx: AppealContext) => ({
  appealId: ctx.appealId,
  at: ctx.at,
  actor: ctx.actor,
  registrationNumber: ctx.registrationNumber,
  kind: ctx.kind ?? "individual",
  type: ctx.type ?? "statement",
  addressee: ctx.addressee,
  relatedAppeals: ctx.relatedAppeals ?? []
})

/**
 * A card's request for an oral appeal as the appeals area's
 * `RegisterOralAppeal`: the card's content, applicant, topics, official and
 * card id; received at the card's instant. // 59-FZ art. 13 p. 3
 */
export const registerOralAppeal = (e: Reception.OralAppealRequested, ctx: AppealContext): RegisterOralAppeal =>
  new RegisterOralAppeal({
    ...classification(ctx),
    applicant: appealApplicant(e.applicant),
    text: e.content,
    topics: e.topics,
    receivedAt: e.at,
    receptionCard: e.card,
    receivedBy: e.official
  })

/** A written appeal handed in at a reception as a written `RegisterAppeal`. // 59-FZ art. 13 p. 4 */
export const registerWrittenAppeal = (e: Reception.WrittenAppealHandedIn, ctx: AppealContext): RegisterAppeal =>
  new RegisterAppeal({
    ...classification(ctx),
    channel: "written",
    applicant: appealApplicant(e.applicant),
    text: e.text,
    topics: e.topics,
    receivedAt: e.at
  })

/** A meeting question referred as an appeal, as a written `RegisterAppeal` (anonymous when nobody is named). */
export const registerQuestionAppeal = (e: Meeting.QuestionReferredAsAppeal, ctx: AppealContext): RegisterAppeal =>
  new RegisterAppeal({
    ...classification(ctx),
    channel: "written",
    ...(e.askedBy === undefined ? {} : { applicant: new AppealApplicant({ name: e.askedBy }) }),
    text: Redacted.make(e.text),
    topics: [e.topic],
    receivedAt: e.at
  })

// ---- back from appeals --------------------------------------------------------------

/** The card an appeal was registered from (the appeal -> card direction of the link). */
export const cardOf = (registered: AppealRegistered): Option.Option<ReceptionCardId> =>
  Option.fromNullable(registered.appeal.receptionCard)

/**
 * The appeals area registered the oral appeal a card asked for: the command
 * that records it in the card (the card -> appeal direction).
 */
export const linkOralAppeal = (
  requested: Reception.OralAppealRequested,
  registered: AppealRegistered
): Either.Either<LinkOralAppeal, LoopMismatch> => {
  if (registered.appeal.channel !== "oral")
    return Either.left(
      new LoopMismatch({
        rule: "notOral",
        message: `appeal ${registered.appealId} is ${registered.appeal.channel}, not oral`
      })
    )
  if (registered.appeal.receptionCard !== requested.card) {
    return Either.left(
      new LoopMismatch({
        rule: "otherCard",
        message: `appeal ${registered.appealId} comes from another card than ${requested.card}`
      })
    )
  }
  return Either.right(
    new LinkOralAppeal({
      reception: requested.reception,
      at: registered.at,
      actor: registered.actor,
      card: requested.card,
      appeal: registered.appealId
    })
  )
}

/** The appeals area registered a handed-in written appeal: the command that records it in the card. */
export const linkWrittenAppeal = (
  handedIn: Reception.WrittenAppealHandedIn,
  registered: AppealRegistered
): Either.Either<LinkWrittenAppeal, LoopMismatch> =>
  registered.appeal.channel !== "written"
    ? Either.left(
        new LoopMismatch({
          rule: "notWritten",
          message: `appeal ${registered.appealId} is ${registered.appeal.channel}, not written`
        })
      )
    : Either.right(
        new LinkWrittenAppeal({
          reception: handedIn.reception,
          at: registered.at,
          actor: registered.actor,
          card: handedIn.card,
          handIn: handedIn.handIn,
          appeal: registered.appealId
        })
      )

/** The appeals area registered a referred meeting question: the command that records it in the meeting. */
export const linkQuestionAppeal = (
  referred: Meeting.QuestionReferredAsAppeal,
  registered: AppealRegistered
): Either.Either<LinkQuestionAppeal, LoopMismatch> =>
  registered.appeal.channel !== "written"
    ? Either.left(
        new LoopMismatch({
          rule: "notWritten",
          message: `appeal ${registered.appealId} is ${registered.appeal.channel}, not written`
        })
      )
    : Either.right(
        new LinkQuestionAppeal({
          meeting: referred.meeting,
          at: registered.at,
          actor: registered.actor,
          question: referred.question,
          appeal: registered.appealId
        })
      )

/** What the application supplies to refuse a repeat reception: the slot, the citizen, who and when. */
export interface RefusalContext {
  readonly reception: ReceptionId
  readonly applicant: Reception.Applicant
  readonly actor: ActorId
  readonly at: Date
}

/**
 * A refusal of a repeat reception on a question already answered on the
 * merits, from the appeal that answered it (the appeals area's state): the
 * reference is that appeal, the question its topics, the day of the answer
 * the day it was closed. An appeal not closed with an answer on the merits
 * (`answered`, or `correspondenceEnded`, which art. 11 p. 5 allows only
 * after answers on the merits) is a {@link LoopMismatch}
 * `notAnsweredOnTheMerits`. // 59-FZ art. 13 p. 6
 */
export const refuseRepeatReception = (
  answered: AppealState,
  ctx: RefusalContext
): Either.Either<RefuseRepeatReception, LoopMismatch> => {
  if (answered._tag !== "Closed" || (answered.outcome !== "answered" && answered.outcome !== "correspondenceEnded")) {
    const what =
      answered._tag === "Unregistered"
        ? "not registered"
        : answered._tag === "Closed"
          ? `closed as ${answered.outcome}`
          : "not answered yet"
    const id = answered._tag === "Unregistered" ? "the referenced appeal" : `appeal ${answered.appeal.appealId}`
    return Either.left(
      new LoopMismatch({
        rule: "notAnsweredOnTheMerits",
        message: `${id} is ${what}: a repeat reception is refused only on a question answered on the merits`
      })
    )
  }
  return Either.right(
    new RefuseRepeatReception({
      reception: ctx.reception,
      at: ctx.at,
      actor: ctx.actor,
      applicant: ctx.applicant,
      topics: answered.appeal.topics,
      reference: answered.appeal.appealId,
      answeredOn: answered.closedOn
    })
  )
}

// ---- into planning ------------------------------------------------------------------

/** What the application supplies to schedule an activity: the monthly plan, the activity id it allocates, the link up. */
export interface ActivityContext {
  /** The monthly plan of the activity's month (for every division). */
  readonly plan: PlanId
  readonly activity: ActivityId
  /** The plan item, program or goal the activity serves (an activity always links up). */
  readonly link: Link
  readonly actor: ActorId
  readonly at: Date
  /** Default: the instruction's text (cut to 500 characters). */
  readonly title?: string
}

const titleOf = (text: string): string => text.slice(0, 500).trim()

/**
 * An instruction from a meeting question as an activity of the division's
 * monthly plan of the deadline's month, its origin the meeting and question.
 */
export const scheduleInstruction = (e: Meeting.InstructionIssued, ctx: ActivityContext): ScheduleActivity =>
  new ScheduleActivity({
    plan: ctx.plan,
    at: ctx.at,
    actor: ctx.actor,
    activity: new Activity({
      id: ctx.activity,
      title: ctx.title ?? titleOf(e.text),
      division: e.division,
      month: Period.monthOf(e.deadline),
      deadline: e.deadline,
      link: ctx.link,
      origin: e.origin
    })
  })

/**
 * The planning area scheduled an activity: when its origin is a meeting
 * question, the command that links the instruction to it (the instruction
 * -> activity direction; the activity's origin is the other).
 */
export const linkInstructionActivity = (e: ActivityScheduled): Option.Option<LinkInstructionActivity> =>
  e.activity.origin._tag === "MeetingQuestion"
    ? Option.some(
        new LinkInstructionActivity({
          meeting: e.activity.origin.meeting,
          question: e.activity.origin.question,
          plan: e.plan,
          activity: e.activity.id,
          at: e.at,
          actor: e.actor
        })
      )
    : Option.none()

/** What the application supplies to plan a measure: as {@link ActivityContext}, with the title and the deadline. */
export interface MeasureContext extends Omit<ActivityContext, "title"> {
  readonly title: string
  readonly deadline: Day
}

/**
 * A recommendation of the monthly analysis of appeals as a planned measure
 * of the recommended division ("a plan of measures to remove the causes of
 * frequent appeals"), its origin the recommendation.
 */
export const measureFromRecommendation = (r: Recommendation, ctx: MeasureContext): ScheduleActivity =>
  new ScheduleActivity({
    plan: ctx.plan,
    at: ctx.at,
    actor: ctx.actor,
    activity: new Activity({
      id: ctx.activity,
      title: titleOf(ctx.title),
      division: r.division,
      month: Period.monthOf(ctx.deadline),
      deadline: ctx.deadline,
      link: ctx.link,
      origin: { _tag: "Recommendation", recommendation: r.id }
    })
  })

/** A measure planned top-down for a strategic goal, its origin the goal. */
export const measureFromGoal = (goal: GoalId, division: DivisionId, ctx: MeasureContext): ScheduleActivity =>
  new ScheduleActivity({
    plan: ctx.plan,
    at: ctx.at,
    actor: ctx.actor,
    activity: new Activity({
      id: ctx.activity,
      title: titleOf(ctx.title),
      division,
      month: Period.monthOf(ctx.deadline),
      deadline: ctx.deadline,
      link: ctx.link,
      origin: { _tag: "StrategicGoal", goal }
    })
  })

// ---- cause -> measure -> result -----------------------------------------------------

/** The cause of a measure, with what is known of it. */
export type Cause =
  | { readonly _tag: "Recommendation"; readonly recommendation: RecommendationId; readonly found?: Recommendation }
  | {
      readonly _tag: "MeetingQuestion"
      readonly meeting: MeetingId
      readonly question: QuestionId
      readonly topic?: string
      readonly instruction?: InstructionId
    }
  | { readonly _tag: "StrategicGoal"; readonly goal: GoalId }
  | { readonly _tag: "Other"; readonly origin: Origin }

/** The result of a measure: its latest reported execution, or pending. */
export type Result = Execution | { readonly _tag: "Pending" }

/** One line of the cause-to-result report. */
export interface TraceLine {
  readonly cause: Cause
  readonly plan: PlanId
  readonly measure: Activity
  readonly result: Result
}

/**
 * The activities of a monthly plan: those in force and those scheduled in
 * a draft not yet approved (by id, once each).
 */
export const plannedActivities = (state: Plan.State): ReadonlyArray<Activity> => {
  if (state._tag !== "Opened") return []
  const seen = new Set<string>()
  const out: Array<Activity> = []
  for (const n of [...state.inForce, ...state.nodes]) {
    if (n._tag === "Activity" && !seen.has(n.id)) {
      seen.add(n.id)
      out.push(n)
    }
  }
  return out
}

/** What {@link trace} reads: plan states, and optionally the recommendations and meetings to describe causes. */
export interface TraceInput {
  readonly plans: Iterable<Plan.State>
  readonly recommendations?: Iterable<Recommendation>
  readonly meetings?: Iterable<Meeting.State>
}

/**
 * Follows every activity of the plans ({@link plannedActivities}) from its cause
 * (recommendation, meeting question, strategic goal) to its result (the
 * latest execution reported, or pending).
 */
export const trace = (input: TraceInput): ReadonlyArray<TraceLine> => {
  const recs = new Map<string, Recommendation>()
  for (const r of input.recommendations ?? []) recs.set(r.id, r)
  const questions = new Map<string, { topic: string; instruction?: InstructionId }>()
  for (const m of input.meetings ?? []) {
    if (m._tag !== "MeetingRecord") continue
    for (const q of m.questions) {
      questions.set(`${m.meeting}/${q.question}`, {
        topic: q.topic,
        ...(q.disposition?._tag === "Instructed" ? { instruction: q.disposition.instruction } : {})
      })
    }
  }
  const out: Array<TraceLine> = []
  for (const p of input.plans) {
    if (p._tag !== "Opened") continue
    for (const a of plannedActivities(p)) {
      const o = a.origin
      const found = o._tag === "Recommendation" ? recs.get(o.recommendation) : undefined
      const q = o._tag === "MeetingQuestion" ? questions.get(`${o.meeting}/${o.question}`) : undefined
      const cause: Cause =
        o._tag === "Recommendation"
          ? { _tag: "Recommendation", recommendation: o.recommendation, ...(found === undefined ? {} : { found }) }
          : o._tag === "MeetingQuestion"
            ? { _tag: "MeetingQuestion", meeting: o.meeting, question: o.question, ...(q === undefined ? {} : q) }
            : o._tag === "StrategicGoal"
              ? { _tag: "StrategicGoal", goal: o.goal }
              : { _tag: "Other", origin: o }
      out.push({
        cause,
        plan: p.id,
        measure: a,
        result: Option.getOrElse(Plan.executionOf(p, a.id), (): Result => ({ _tag: "Pending" }))
      })
    }
  }
  return out
}
