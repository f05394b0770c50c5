/**
 * Repeated appeals over a store (rule 12.3 of `docs/adapters.md`, run by
 * the conformance kit with the appeal aggregate): random timelines of
 * registrations and closings of the appeals of a few citizens, whose
 * names, postal addresses and e-mail addresses are written differently
 * each time (case, `ё`/`е`, punctuation and spaces). Every registration
 * goes the way the use cases register (`AppealRecords.markRepeated`, then
 * `AppealRecords.register`), and must be marked exactly as the naive
 * `Repeated.mark` over every earlier appeal, read from the streams, says.
 * The applicants' read model rebuilt from the events equals the one kept
 * by the appends, and holds no name, address or e-mail in clear.
 *
 * @example
 * ```ts
 * import { Effect, FastCheck as fc } from "effect"
 * import { ConformanceRepeated } from "cityhall/testing"
 *
 * const [timeline] = fc.sample(ConformanceRepeated.timeline, 1)
 * const marks = ConformanceRepeated.check(timeline ?? ConformanceRepeated.example) // Effect<Marked[], …, EventStore | ReadModels>
 * ```
 *
 * @module
 */
import { Effect, Either, FastCheck as fc, Redacted } from "effect"
import * as Appeal from "../appeals/Appeal.js"
import * as AppealCommand from "../appeals/AppealCommand.js"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as ApplicantRecords from "../appeals/ApplicantRecords.js"
import * as Repeated from "../appeals/Repeated.js"
import type * as Topic from "../appeals/Topic.js"
import type { ActorId, AppealId, DivisionId, OfficialId, ReceptionCardId } from "../kernel/Ids.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import type { EventStore } from "../ports/EventStore.js"
import { normalise, ReadModels } from "../ports/ReadModels.js"
import * as Rebuild from "../ports/Rebuild.js"
import { check as holds, checkEqual, ConformanceFailure } from "./ConformanceModel.js"

const HOUR = 3_600_000
const start = Date.UTC(2021, 2, 1, 0) // 10:00 in Khabarovsk
const clerk = "clerk-1" as ActorId

/** The two main topics the timelines use. */
export const topics: ReadonlyArray<Topic.AppealTopicCode> = [
  "0005.0005.0056.1134" as Topic.AppealTopicCode,
  "0003.0009.0097.0651" as Topic.AppealTopicCode
]

/** The citizens: two share a name and differ in address and e-mail; `ё` in names and addresses. */
export const citizens: ReadonlyArray<{ readonly name: string; readonly postal: string; readonly email: string }> = [
  { name: "Иванова Мария Петровна", postal: "ул. Муравьёва-Амурского, д. 1, кв. 2", email: "ivanova@example.ru" },
  { name: "Иванова Мария Петровна", postal: "ул. Ленина, д. 5", email: "m.ivanova@example.ru" },
  { name: "Пётр Семёнов", postal: "пер. Тихий, 3", email: "semyonov@example.ru" }
]

/** A text written differently: in upper case or not, `ё` as `е` or not, words joined by spaces or punctuation. */
export const variant = (s: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.boolean(), fc.boolean(), fc.array(fc.constantFrom(" ", "  ", ", ", " - ", ". "), { minLength: 12 }))
    .map(([upper, yo, seps]) => {
      const t = upper ? s.toUpperCase() : s
      const words = (yo ? t : t.replace(/ё/g, "е").replace(/Ё/g, "Е")).split(" ")
      return words.map((w, i) => (i === 0 ? w : `${seps[i % seps.length]}${w}`)).join("")
    })

/** An applicant: one of the {@link citizens} written differently, with a postal address, an e-mail or both; or none. */
export const applicant: fc.Arbitrary<Appeal.Applicant | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...citizens), fc.constantFrom("postal", "email", "both"), fc.boolean())
      .chain(([c, has, upperMail]) =>
        fc.tuple(variant(c.name), variant(c.postal)).map(
          ([name, postal]) =>
            new Appeal.Applicant({
              name: Redacted.make(name),
              ...(has === "email" ? {} : { postalAddress: Redacted.make(postal) }),
              ...(has === "postal" ? {} : { email: Redacted.make(upperMail ? c.email.toUpperCase() : c.email) })
            })
        )
      )
  }
)

/** How an appeal of a timeline ends: answered on the merits, left without an answer, or still open. */
export type Ending = "answered" | "abusive" | "open"

/** One appeal of a timeline: its registration (channel, applicant, main topic, hours after the previous one) and its ending. */
export interface Step {
  readonly channel: "written" | "electronic" | "oral"
  readonly applicant: Appeal.Applicant | undefined
  readonly topic: Topic.AppealTopicCode
  /** Hours after the previous registration (0..60). */
  readonly gap: number
  readonly ending: Ending
  /** Hours from registration to the ending (1..200). */
  readonly after: number
}

/** A timeline: 2..9 appeals, registered in order, each ending (or not) some hours later. */
export const timeline: fc.Arbitrary<ReadonlyArray<Step>> = fc.array(
  fc.record({
    channel: fc.constantFrom("written" as const, "electronic" as const, "oral" as const),
    applicant,
    topic: fc.constantFrom(...topics),
    gap: fc.integer({ min: 0, max: 60 }),
    ending: fc.constantFrom<Ending>("answered", "answered", "abusive", "open"),
    after: fc.integer({ min: 1, max: 200 })
  }),
  { minLength: 2, maxLength: 9 }
)

const idOf = (i: number) => `rep-${String(i).padStart(2, "0")}` as AppealId

/** The registration of the `i`-th appeal of a timeline at an instant (not yet marked). */
export const registration = (
  step: Step,
  i: number,
  at: Date
): AppealCommand.RegisterAppeal | AppealCommand.RegisterOralAppeal => {
  const common = {
    appealId: idOf(i),
    registrationNumber: Appeal.registrationNumber("ОГ", 2021, i + 1),
    kind: "individual" as const,
    type: "statement" as const,
    addressee: Appeal.ToMayor.make({}),
    ...(step.applicant === undefined ? {} : { applicant: step.applicant }),
    text: Redacted.make("Протекает крыша дома"),
    topics: [step.topic] as const,
    relatedAppeals: [],
    receivedAt: at,
    at,
    actor: clerk
  }
  return step.channel === "oral"
    ? AppealCommand.RegisterOralAppeal.make({
        ...common,
        receptionCard: `card-${i}` as ReceptionCardId,
        receivedBy: "mayor" as OfficialId
      })
    : AppealCommand.RegisterAppeal.make({ ...common, channel: step.channel })
}

/** The commands that end an appeal (refused ones change nothing: the naive reading takes the states as they are). */
const endingOf = (step: Step, id: AppealId, at: Date): ReadonlyArray<AppealCommand.AppealCommand> => {
  const common = { appealId: id, at, actor: clerk }
  if (step.ending === "open") return []
  if (step.ending === "abusive") return [AppealCommand.LeaveWithoutAnswer.make({ ...common, ground: "abusive" })]
  const form = step.applicant?.postalAddress !== undefined ? ("written" as const) : ("electronic" as const)
  return [
    AppealCommand.AssignToDivision.make({ ...common, division: "economy" as DivisionId }),
    AppealCommand.AnswerOnMerits.make({ ...common, at: new Date(at.getTime() + HOUR), result: "explained", form })
  ]
}

/** What an appeal's state offers the naive detection. */
const earlierOf = (id: AppealId) =>
  Effect.map(CommandHandler.load(AppealRecords.definition, id), ({ state }) =>
    state._tag === "Unregistered"
      ? []
      : [
          {
            appealId: state.appeal.appealId,
            applicant: state.appeal.applicant,
            topics: state.appeal.topics,
            ...(state._tag === "Closed" ? { outcome: state.outcome, closedOn: state.closedOn } : {})
          } satisfies Repeated.Earlier
        ]
  )

/** How a registration of a timeline was marked: its kind and its links. */
export interface Marked {
  readonly appealId: AppealId
  readonly kind: Appeal.Kind
  readonly relatedAppeals: ReadonlyArray<AppealId>
}

type Run = Effect.Effect<void, unknown, EventStore | ReadModels>

/**
 * Plays a timeline on the store in time order and checks every
 * registration's kind and links against the naive `Repeated.mark` over
 * every earlier appeal (read from their streams); then that the rebuilt
 * read models equal the incremental ones and that the applicants' rows
 * hold no name, address or e-mail in clear. Answers how each registration
 * was marked.
 */
export const check = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function* () {
    const events: Array<{ readonly at: number; readonly order: number; readonly run: Run }> = []
    const registered: Array<AppealId> = []
    const marks: Array<Marked> = []
    let at = start
    steps.forEach((step, i) => {
      at += step.gap * HOUR
      const when = new Date(at)
      const id = idOf(i)
      const register = Effect.gen(function* () {
        const command = registration(step, i, when)
        const decided = AppealRecords.definition.decider.decide(command, AppealRecords.definition.decider.initialState)
        const first = Either.isRight(decided) ? decided.right[0] : undefined
        if (first?._tag !== "AppealRegistered")
          return yield* new ConformanceFailure({ message: `${id}: the kit's registration is refused` })
        // the naive answer: every appeal registered before, from its stream, in registration order
        const all = (yield* Effect.forEach(registered, earlierOf)).flat()
        const expected = Repeated.mark(command, all, first.on)
        yield* AppealRecords.register(yield* AppealRecords.markRepeated(command))
        registered.push(id)
        const { state } = yield* CommandHandler.load(AppealRecords.definition, id)
        const got =
          state._tag === "Unregistered"
            ? null
            : { appealId: id, kind: state.appeal.kind, relatedAppeals: state.appeal.relatedAppeals }
        yield* checkEqual(
          got,
          { appealId: id, kind: expected.kind, relatedAppeals: expected.relatedAppeals },
          `${id} registered on ${first.on}: its kind and links as Repeated.mark over every earlier appeal says`
        )
        if (got !== null) marks.push(got)
      })
      events.push({ at: when.getTime(), order: i, run: register })
      for (const c of endingOf(step, id, new Date(at + step.after * HOUR)))
        events.push({
          at: c.at.getTime(),
          order: i,
          run: Effect.asVoid(Effect.either(CommandHandler.handle(AppealRecords.definition, id, c)))
        })
    })
    // in time order (a stable sort: an appeal's registration before its endings)
    events.sort((a, b) => a.at - b.at)
    for (const e of events) yield* e.run
    const rm = yield* ReadModels
    const incremental = normalise(yield* rm.snapshot)
    yield* Rebuild.rebuild([AppealRecords.definition])
    yield* checkEqual(normalise(yield* rm.snapshot), incremental, "rebuild == incremental (the applicants' rows too)")
    const clear = citizens.flatMap((c) => [c.postal, c.email, ...c.name.split(" ")]).map(Repeated.normaliseText)
    for (const r of incremental.rows.filter((r) => r[0] === ApplicantRecords.Applicants.name)) {
      const text = Repeated.normaliseText(JSON.stringify(r))
      const found = clear.find((s) => text.includes(s))
      yield* holds(found === undefined, `the applicants' row ${r[1]} holds "${found}" in clear`)
    }
    return marks
  })

const [ivanova, namesake] = citizens as readonly [(typeof citizens)[0], (typeof citizens)[0]]

/**
 * A worked example: Ivanova's appeal on the roof is answered; she writes
 * again on it (her name in capitals, the street without `ё` and
 * punctuation), then orally giving only her e-mail address in capitals;
 * her namesake at another address writes on it too.
 */
export const example: ReadonlyArray<Step> = [
  {
    channel: "written",
    applicant: new Appeal.Applicant({
      name: Redacted.make(ivanova.name),
      postalAddress: Redacted.make(ivanova.postal),
      email: Redacted.make(ivanova.email)
    }),
    topic: topics[0]!,
    gap: 0,
    ending: "answered",
    after: 48
  },
  {
    channel: "electronic",
    applicant: new Appeal.Applicant({
      name: Redacted.make("ИВАНОВА  МАРИЯ ПЕТРОВНА"),
      postalAddress: Redacted.make("ул Муравьева Амурского д 1 кв 2")
    }),
    topic: topics[0]!,
    gap: 72,
    ending: "open",
    after: 1
  },
  {
    channel: "oral",
    applicant: new Appeal.Applicant({
      name: Redacted.make("Иванова Мария Петровна"),
      email: Redacted.make(ivanova.email.toUpperCase())
    }),
    topic: topics[0]!,
    gap: 1,
    ending: "open",
    after: 1
  },
  {
    channel: "written",
    applicant: new Appeal.Applicant({
      name: Redacted.make(namesake.name),
      postalAddress: Redacted.make(namesake.postal)
    }),
    topic: topics[0]!,
    gap: 1,
    ending: "open",
    after: 1
  }
]

/** How {@link example}'s registrations are marked. */
export const exampleMarks: ReadonlyArray<Marked> = [
  { appealId: idOf(0), kind: "individual", relatedAppeals: [] },
  { appealId: idOf(1), kind: "repeated", relatedAppeals: [idOf(0)] },
  { appealId: idOf(2), kind: "repeated", relatedAppeals: [idOf(0)] },
  { appealId: idOf(3), kind: "individual", relatedAppeals: [] }
]
