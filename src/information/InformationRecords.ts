/**
 * Information work plugged into storage: aggregate definitions of the
 * publication register (one stream per administration, category
 * `publication_register`) and of the monthly information plans (one stream
 * per month, category `information_plan`), and a counter of publications
 * in force per month x channel x rubric for the annual report.
 *
 * @example
 * ```ts
 * import { Information, Period } from "cityhall"
 *
 * // publications of March 2020 by channel and rubric, from the counter
 * const march = Information.InformationRecords.publicationCounts(Period.unsafeMonth("2020-03"))
 * ```
 *
 * @module
 */
import { Effect } from "effect"
import { monthOf } from "../kernel/Period.js"
import type { Month } from "../kernel/Period.js"
import * as Aggregate from "../ports/Aggregate.js"
import type { StorageError } from "../ports/Errors.js"
import * as Projection from "../ports/Projection.js"
import { ReadModels } from "../ports/ReadModels.js"
import { NO_RUBRIC } from "./Figures.js"
import * as InformationPlan from "./InformationPlan.js"
import * as PublicationRegister from "./PublicationRegister.js"

/** Publications in force per month x channel x rubric (`none` without a rubric). */
export const Publications = Projection.counter({ name: "publications", dimensions: ["month", "channel", "rubric"] })

const counts = (s: PublicationRegister.State): Map<string, number> => {
  const out = new Map<string, number>()
  for (const p of Object.values(s.publications)) {
    const k = JSON.stringify([monthOf(p.date), p.channel, p.rubric ?? NO_RUBRIC])
    out.set(k, (out.get(k) ?? 0) + 1)
  }
  return out
}

/** Keeps {@link Publications} equal to the register's publications in force (a correction may move one). */
export const publicationCounter = Projection.make<PublicationRegister.Event, PublicationRegister.State>({
  name: "publications",
  tables: [],
  counters: [Publications],
  project: ({ before, after }) => {
    const b = counts(before),
      a = counts(after)
    const out: Array<Projection.Update> = []
    for (const k of new Set([...b.keys(), ...a.keys()])) {
      const delta = (a.get(k) ?? 0) - (b.get(k) ?? 0)
      if (delta === 0) continue
      const [month, channel, rubric] = JSON.parse(k) as [string, string, string]
      out.push(Projection.increment(Publications, { month, channel, rubric }, delta))
    }
    return out
  }
})

/** The stream of the administration's publication register (one per administration). */
export const registerStream = "city"

/** The publication register's aggregate definition. */
export const registerDefinition = Aggregate.make({
  category: "publication_register",
  decider: PublicationRegister.decider,
  eventSchema: PublicationRegister.Event,
  commandSchema: PublicationRegister.Command,
  eventType: (e: PublicationRegister.Event) => e._tag,
  projections: [publicationCounter]
})

/** The monthly information plans' aggregate definition (the stream id is the month). */
export const planDefinition = Aggregate.make({
  category: "information_plan",
  decider: InformationPlan.decider,
  eventSchema: InformationPlan.Event,
  commandSchema: InformationPlan.Command,
  eventType: (e: InformationPlan.Event) => e._tag
})

/** Publications of a month by channel and rubric, from the counter: `channel -> rubric -> count`. */
export const publicationCounts = (
  month: Month
): Effect.Effect<ReadonlyMap<string, ReadonlyMap<string, number>>, StorageError, ReadModels> =>
  Effect.gen(function* () {
    const rm = yield* ReadModels
    const out = new Map<string, Map<string, number>>()
    for (const r of yield* rm.counters(Publications.name, [month])) {
      const channel = r.key[1],
        rubric = r.key[2]
      if (channel === undefined || rubric === undefined || r.value === 0) continue
      const byRubric = out.get(channel) ?? new Map<string, number>()
      byRubric.set(rubric, (byRubric.get(rubric) ?? 0) + r.value)
      out.set(channel, byRubric)
    }
    return out
  })
