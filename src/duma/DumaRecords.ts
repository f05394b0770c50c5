/**
 * City Duma support plugged into storage: the aggregate definition of Duma
 * sessions (one stream per session, category `duma_session`). The decider
 * needs the production calendar to count submission deadlines back from the
 * session, so the definition is made from it.
 *
 * @example
 * ```ts
 * import { Calendar, Duma } from "cityhall"
 *
 * const definition = Duma.DumaRecords.makeDefinition({ calendar: Calendar.russia() })
 * ```
 *
 * @module
 */
import * as Calendar from "../kernel/Calendar.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as Session from "./Session.js"

/** The aggregate definition of Duma sessions for given settings. */
export const makeDefinition = (settings: Parameters<typeof Session.decider>[0]) =>
  Aggregate.make({
    category: "duma_session",
    decider: Session.decider(settings),
    eventSchema: Session.Event,
    commandSchema: Session.Command,
    eventType: (e: Session.Event) => e._tag
  })

/** Duma sessions on the shipped calendar (presidential non-working days on). */
export const definition = makeDefinition({ calendar: Calendar.russia() })
