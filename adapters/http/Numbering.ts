/**
 * Registration numbers of appeals submitted over the API: one tiny
 * aggregate per prefix and year (stream `appeal_number-E-2021`) whose state
 * is the last number issued. Taking a number is a command like any other,
 * so concurrent submissions on several instances get distinct numbers
 * through the store's optimistic concurrency (a lost race retries).
 *
 * @module
 */
import { Either, Schema } from "effect"
import type { Decider } from "../../src/kernel/index.js"
import * as Ports from "../../src/ports/index.js"

/** Take the next number. */
export const Take = Schema.TaggedStruct("Take", {})
/** A number was issued. */
export const Taken = Schema.TaggedStruct("Taken", { n: Schema.Int })

const decider: Decider.Decider<typeof Take.Type, typeof Taken.Type, number, never> = {
  initialState: 0,
  decide: (_, last) => Either.right([Taken.make({ n: last + 1 })]),
  evolve: (_, e) => e.n
}

/** The numbering aggregate: the state is the last number issued (0: none). */
export const Numbering = Ports.Aggregate.make({
  category: "appeal_number",
  decider,
  eventSchema: Taken,
  commandSchema: Take,
  eventType: (e) => e._tag
})
