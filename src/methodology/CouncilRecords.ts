/**
 * Methodological support plugged into storage: the aggregate definition of
 * the Methodological Council (one stream per council, category
 * `methodological_council`) with its manuals and sessions.
 *
 * @module
 */
import * as Aggregate from "../ports/Aggregate.js"
import * as Council from "./Council.js"

/** The Methodological Council's aggregate definition. */
export const definition = Aggregate.make({
  category: "methodological_council",
  decider: Council.decider,
  eventSchema: Council.Event,
  commandSchema: Council.Command,
  eventType: (e: Council.Event) => e._tag
})
