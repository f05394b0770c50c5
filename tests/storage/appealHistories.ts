/**
 * Arbitraries of appeal commands for the storage tests: commands for a few
 * appeal streams (for the conformance kit's model-based runs) and whole
 * appeal histories (registration, then follow-ups at later instants).
 */
import { FastCheck as fc } from "effect"
import * as Appeal from "../../src/appeals/Appeal.js"
import * as AppealCommand from "../../src/appeals/AppealCommand.js"
import type { ActorId, AppealId } from "../../src/kernel/Ids.js"
import * as A from "../../src/testing/AppealsArbitraries.js"

const HOUR = 3_600_000
const DAY = 24 * HOUR
const ACTOR = "clerk-1" as ActorId

/** A registration command for an appeal, received at `receivedAt` and registered up to two days later. */
export const registration = (appealId: AppealId, receivedAt: fc.Arbitrary<number>, seq = 1): fc.Arbitrary<AppealCommand.AppealCommand> =>
  fc.tuple(A.registrationDraft(), receivedAt, fc.integer({ min: 0, max: 2 * DAY })).map(([draft, received, delay]) => {
    const at = new Date(received + delay)
    // the registration number carries the local (UTC+10) year of registration
    const year = new Date(at.getTime() + 10 * HOUR).getUTCFullYear()
    return A.registrationCommand(draft, {
      appealId,
      registrationNumber: Appeal.registrationNumber("ОГ", year, seq),
      receivedAt: new Date(received),
      at,
      actor: ACTOR
    })
  })

/** A follow-up command (any transition, not necessarily allowed) of an appeal at an instant. */
export const followUp = (appealId: AppealId, at: fc.Arbitrary<number>): fc.Arbitrary<AppealCommand.AppealCommand> => {
  const base = at.map((ms) => ({ appealId, at: new Date(ms), actor: ACTOR }))
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(base, A.divisionId).map(([b, division]) => new AppealCommand.AssignToDivision({ ...b, division })) },
    { weight: 2, arbitrary: fc.tuple(base, fc.integer({ min: 1, max: 30 })).map(([b, days]) => new AppealCommand.ExtendTerm({ ...b, days, reason: "запрос документов" })) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...Appeal.Result.literals), fc.constantFrom("written" as const, "electronic" as const))
        .map(([b, result, form]) => new AppealCommand.AnswerOnMerits({ ...b, result, form }))
    },
    { weight: 1, arbitrary: base.map((b) => new AppealCommand.AnswerOrally({ ...b, result: "explained", applicantConsented: true, factsObvious: true })) },
    { weight: 1, arbitrary: base.map((b) => new AppealCommand.ForwardByCompetence({ ...b, to: "Министерство ЖКХ края" })) },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...Appeal.NoAnswerGround.literals)).map(([b, ground]) => new AppealCommand.LeaveWithoutAnswer({ ...b, ground })) },
    { weight: 1, arbitrary: base.map((b) => new AppealCommand.ForwardCrimeReport({ ...b, to: "УМВД" })) },
    { weight: 1, arbitrary: base.map((b) => new AppealCommand.EndCorrespondence(b)) },
    { weight: 1, arbitrary: base.map((b) => new AppealCommand.AnswerByReference({ ...b, decision: "earlier-0" as AppealId })) }
  )
}

/** The streams the conformance runs spread appeal commands over. */
export const conformanceIds: ReadonlyArray<AppealId> = ["appeal-1", "appeal-2"].map((id) => id as AppealId)

const march2021 = Date.UTC(2021, 2, 1)

/** A command for one of {@link conformanceIds}: registrations in early March 2021, follow-ups until June. */
export const conformanceCommand: fc.Arbitrary<AppealCommand.AppealCommand> = fc.constantFrom(...conformanceIds).chain((id) =>
  fc.oneof(
    { weight: 1, arbitrary: registration(id, fc.integer({ min: march2021, max: march2021 + 8 * DAY })) },
    { weight: 3, arbitrary: followUp(id, fc.integer({ min: march2021 + 12 * DAY, max: march2021 + 120 * DAY })) }
  )
)

/** One appeal's commands: its registration in [from, to) and 0..4 follow-ups within 80 days of it, in time order. */
export const history = (appealId: AppealId, from: number, to: number, seq: number): fc.Arbitrary<ReadonlyArray<AppealCommand.AppealCommand>> =>
  fc.integer({ min: from, max: to - 1 }).chain((received) =>
    fc
      .tuple(
        registration(appealId, fc.constant(received), seq),
        fc.array(fc.integer({ min: 3 * DAY, max: 80 * DAY }), { maxLength: 4 }).chain((delays) =>
          fc.tuple(...[...delays].sort((a, b) => a - b).map((d) => followUp(appealId, fc.constant(received + d))))
        )
      )
      .map(([r, rest]) => [r, ...rest])
  )

/** Histories of 1..n appeals registered in [from, to). */
export const histories = (n: number, from: Date, to: Date): fc.Arbitrary<ReadonlyArray<ReadonlyArray<AppealCommand.AppealCommand>>> =>
  fc.integer({ min: 1, max: n }).chain((count) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => history(`appeal-${i}` as AppealId, from.getTime(), to.getTime(), i + 1)))
  )
