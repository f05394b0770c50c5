/**
 * Registration numbers the application gives (a citizen's submission, an
 * oral appeal from a reception card, an appeal from a meeting's question, a
 * written appeal handed in at a reception): one tiny aggregate per prefix
 * and year (stream `appeal_number-E-2021`) whose state is the last number
 * issued. Taking a number is a command like any other, so concurrent
 * registrations on several server instances get distinct numbers through
 * the store's optimistic concurrency (a lost race retries).
 *
 * @module
 */
import { Effect, Either, Schema } from "effect"
import type * as Decider from "../kernel/Decider.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"

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
export const definition = Aggregate.make({
  category: "appeal_number",
  decider,
  eventSchema: Taken,
  commandSchema: Take,
  eventType: (e) => e._tag
})

/** The stream of a prefix's numbers in a year. */
export const streamOf = (prefix: string, year: number): string => `${prefix}-${year}`

/** Takes the next number of a prefix in a year (retrying a lost race). */
export const take = (prefix: string, year: number) =>
  Effect.map(
    CommandHandler.handle(definition, streamOf(prefix, year), Take.make({}), { maxAttempts: 50 }),
    (r) => r.state
  )

/** The number the next {@link take} would give, without taking it (for a trial decision). */
export const peek = (prefix: string, year: number) =>
  Effect.map(CommandHandler.load(definition, streamOf(prefix, year)), (l) => l.state + 1)

/**
 * The outgoing numbers the application gives to answers: the same counter,
 * one stream per journal prefix and year (`appeal_outgoing_number-Исх-2021`).
 * Taking a number here and holding it in the journal of outgoing answers
 * (`Appeals.AnswerJournal`) and answering the appeal are ONE append (see
 * `App.Appeals.answer`), so a number is never taken without its answer: the
 * numbers of a journal have no gaps, and none is ever given twice.
 */
export const outgoing = Aggregate.make({
  category: "appeal_outgoing_number",
  decider,
  eventSchema: Taken,
  commandSchema: Take,
  eventType: (e) => e._tag
})
