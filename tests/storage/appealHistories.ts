/**
 * Whole appeal histories for the storage tests (a registration, then
 * follow-ups at later instants), from the conformance kit's appeal command
 * arbitraries.
 */
import { FastCheck as fc } from "effect"
import type * as AppealCommand from "../../src/appeals/AppealCommand.js"
import type { AppealId } from "../../src/kernel/Ids.js"
import * as ConformanceAggregates from "../../src/testing/ConformanceAggregates.js"

const DAY = 24 * 3_600_000
const registration = ConformanceAggregates.appealRegistration
const followUp = ConformanceAggregates.appealFollowUp

/** One appeal's commands: its registration in [from, to) and 0..4 follow-ups within 80 days of it, in time order. */
export const history = (
  appealId: AppealId,
  from: number,
  to: number,
  seq: number
): fc.Arbitrary<ReadonlyArray<AppealCommand.AppealCommand>> =>
  fc.integer({ min: from, max: to - 1 }).chain((received) =>
    fc
      .tuple(
        registration(appealId, fc.constant(received), seq),
        fc
          .array(fc.integer({ min: 3 * DAY, max: 80 * DAY }), { maxLength: 4 })
          .chain((delays) =>
            fc.tuple(...[...delays].sort((a, b) => a - b).map((d) => followUp(appealId, fc.constant(received + d))))
          )
      )
      .map(([r, rest]) => [r, ...rest])
  )

/** Histories of 1..n appeals registered in [from, to). */
export const histories = (
  n: number,
  from: Date,
  to: Date
): fc.Arbitrary<ReadonlyArray<ReadonlyArray<AppealCommand.AppealCommand>>> =>
  fc
    .integer({ min: 1, max: n })
    .chain((count) =>
      fc.tuple(
        ...Array.from({ length: count }, (_, i) =>
          history(`appeal-${i}` as AppealId, from.getTime(), to.getTime(), i + 1)
        )
      )
    )
