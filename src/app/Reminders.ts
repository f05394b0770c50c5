/**
 * The reminders' use case: on a day, find what open appeals have due soon
 * — the answer (59-FZ art. 12), and the notice of an appeal not yet
 * accepted for consideration (59-FZ art. 8 p. 3, art. 11) — and append a
 * `DeadlineApproaching` event once per appeal, thing due, due date and
 * threshold (`Appeals.Reminders`), so the outbox carries it to the bus. `serve` runs it periodically and `cityhall appeals remind`
 * once; running it again on the same day emits nothing.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { App } from "cityhall"
 *
 * const run = App.Reminders.remind(App.Principal.system("scheduler"), { thresholds: [3, 1] })
 * // Effect<{ on, checked, emitted }, ..., CityContext | EventStore | ReadModels>
 * ```
 *
 * @module
 */
import { Effect, Either } from "effect"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as Reminders from "../appeals/Reminders.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import * as Projection from "../ports/Projection.js"
import * as Access from "./Access.js"
import { CityContext, now, today } from "./City.js"
import { InvalidRequest } from "./Errors.js"
import type { Principal } from "./Principal.js"

/** What a run did: its local day, the open appeals it looked at, the reminders it sent. */
export interface RemindResult {
  readonly on: string
  /** The things open appeals have due (answers and notices) within the largest threshold. */
  readonly checked: number
  readonly emitted: ReadonlyArray<Reminders.DeadlineApproaching>
}

/** A run's options: the thresholds in working days (default 3 and 1). */
export interface RemindOptions {
  readonly thresholds?: ReadonlyArray<number>
}

/**
 * Sends the reminders due today (the city's day): for every answer and
 * notice of an open appeal due from today to the horizon of the largest
 * threshold (one index range of `AppealRecords.Due`), the smallest
 * threshold reached, once per appeal and kind. Thresholds are whole numbers of working days, 0 to 30 —
 * else `InvalidRequest` naming `thresholds`; an administrator's action
 * (`sendReminders`: the system runs it).
 */
export const remind = (p: Principal, options: RemindOptions = {}) =>
  Effect.gen(function* () {
    const allowed = Access.require(p, "sendReminders")
    if (Either.isLeft(allowed)) return yield* Effect.fail(allowed.left)
    const thresholds = options.thresholds ?? Reminders.DEFAULT_THRESHOLDS
    if (thresholds.length === 0 || thresholds.some((k) => !Number.isInteger(k) || k < 0 || k > 30))
      return yield* Effect.fail(
        new InvalidRequest({
          field: "thresholds",
          message: `thresholds: one or more whole numbers of working days from 0 to 30, got ${thresholds.join(",")}`
        })
      )
    const city = yield* CityContext
    const day = yield* today
    const at = yield* now
    const calendarError = (e: { readonly message: string }) =>
      new InvalidRequest({ field: "thresholds", message: `thresholds: ${e.message}` })
    const until = Reminders.horizon(city.calendar, day, Math.max(...thresholds))
    if (Either.isLeft(until)) return yield* Effect.fail(calendarError(until.left))
    const rows = yield* Projection.query(AppealRecords.Due, {
      where: { due: { gte: day, lte: until.right } },
      orderBy: "due"
    })
    const emitted: Array<Reminders.DeadlineApproaching> = []
    for (const { row } of rows) {
      const k = Reminders.reached(city.calendar, day, row.due, thresholds)
      if (Either.isLeft(k)) return yield* Effect.fail(calendarError(k.left))
      if (k.right === undefined) continue
      const command = Reminders.RemindDeadline.make({
        appealId: row.appealId,
        registrationNumber: row.registrationNumber,
        dueKind: row.dueKind,
        due: row.due,
        threshold: k.right,
        on: day,
        ...(row.division === undefined ? {} : { division: row.division }),
        ...(row.executor === undefined ? {} : { executor: row.executor }),
        at,
        actor: p.subject
      })
      // one reminder stream per appeal (its id the appeal's), for the answer and the notice alike
      const r = yield* CommandHandler.handle(Reminders.definition, row.appealId, command)
      emitted.push(...r.events)
    }
    const result: RemindResult = { on: day, checked: rows.length, emitted }
    return result
  })
