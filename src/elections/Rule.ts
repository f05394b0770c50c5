/**
 * Calendar rules as data, and their counting under 67-FZ art. 11.1.
 *
 * A rule anchors on an event — the voting day (the first or the last day of
 * multi-day voting), the official publication of the decision calling the
 * election, or another task — and states a bound:
 *
 * - {@link NotLaterThanBefore} "не позднее чем за N дней до дня X": the last
 *   allowed day is the day after which N days remain before X, i.e.
 *   X − (N + 1) (67-FZ art. 11.1 p. 2). Not later than 40 days before
 *   19 September 2021 is 9 August 2021; not later than 1 day before a
 *   Sunday is the Friday.
 * - {@link NotEarlierThanBefore} "не ранее чем за N дней до дня X": the first
 *   allowed day, counted the same way (art. 11.1 p. 3).
 * - {@link FromDayOf} "со дня E": the first allowed day is the date of E
 *   itself, and not before the instant of E (art. 11.1 p. 1).
 * - {@link WithinDaysFrom} "в течение N дней со дня E": from the date of E to
 *   E + N days.
 *
 * Electoral deadlines are calendar days: they never move off weekends or
 * holidays, so the counting is plain day arithmetic.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections, Period } from "cityhall"
 *
 * const { Rule } = Elections
 * const lists = Rule.notLaterThanBefore(40, Rule.votingDay("last"))
 * Rule.window(lists, Rule.anchors({ votingDays: [Period.unsafeDay("2021-09-19")], publishedOn: Period.unsafeDay("2021-06-18") }))
 * // Either.right({ from: undefined, to: "2021-08-09" })
 * ```
 *
 * @module
 */
import { Either, Option, Schema } from "effect"
import { TaskId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day } from "../kernel/Period.js"
import * as TimeZone from "../kernel/TimeZone.js"

// ---- anchors ----------------------------------------------------------------

/** The voting day: the first or the last day of multi-day voting (the same day for single-day voting). */
export class VotingDay extends Schema.TaggedClass<VotingDay>()("VotingDay", {
  which: Schema.Literal("first", "last")
}) {}

/** The official publication of the decision calling the election. */
export class CallingPublished extends Schema.TaggedClass<CallingPublished>()("CallingPublished", {}) {}

/** Another task of the calendar: its day (the day it was done, or its planned day). */
export class TaskAnchor extends Schema.TaggedClass<TaskAnchor>()("TaskAnchor", {
  task: TaskId
}) {}

/** The event a rule counts from. */
export const Anchor = Schema.Union(VotingDay, CallingPublished, TaskAnchor)
/** @see Anchor */
export type Anchor = typeof Anchor.Type

/** The voting day anchor; `"last"` is the voting day of the law's wording. */
export const votingDay = (which: "first" | "last" = "last"): VotingDay => new VotingDay({ which })
/** The publication anchor. */
export const callingPublished: CallingPublished = new CallingPublished()
/** An anchor on another task. */
export const task = (id: TaskId): TaskAnchor => new TaskAnchor({ task: id })

// ---- rules ------------------------------------------------------------------

/** A number of days in a rule: 1..999. */
export const Days = Schema.Int.pipe(Schema.between(1, 999))

/** "не позднее чем за N дней до дня X": last allowed day X − (N + 1). 67-FZ art. 11.1 p. 2 */
export class NotLaterThanBefore extends Schema.TaggedClass<NotLaterThanBefore>()("NotLaterThanBefore", {
  days: Days,
  anchor: Anchor
}) {}

/** "не ранее чем за N дней до дня X": first allowed day X − (N + 1). 67-FZ art. 11.1 p. 3 */
export class NotEarlierThanBefore extends Schema.TaggedClass<NotEarlierThanBefore>()("NotEarlierThanBefore", {
  days: Days,
  anchor: Anchor
}) {}

/** "со дня E": first allowed day the date of E (and not before its instant). 67-FZ art. 11.1 p. 1 */
export class FromDayOf extends Schema.TaggedClass<FromDayOf>()("FromDayOf", {
  anchor: Anchor
}) {}

/** "в течение N дней со дня E": from the date of E to E + N days. 67-FZ art. 11.1 p. 1 */
export class WithinDaysFrom extends Schema.TaggedClass<WithinDaysFrom>()("WithinDaysFrom", {
  days: Days,
  anchor: Anchor
}) {}

/** A calendar rule. */
export const Rule = Schema.Union(NotLaterThanBefore, NotEarlierThanBefore, FromDayOf, WithinDaysFrom)
/** @see Rule */
export type Rule = typeof Rule.Type

/** A fixed date set by the administration instead of a rule. */
export class FixedDate extends Schema.TaggedClass<FixedDate>()("FixedDate", {
  date: Day
}) {}

/** When a task is due: a rule, or a fixed date. */
export const Timing = Schema.Union(NotLaterThanBefore, NotEarlierThanBefore, FromDayOf, WithinDaysFrom, FixedDate)
/** @see Timing */
export type Timing = typeof Timing.Type

/** "не позднее чем за N дней до ..." */
export const notLaterThanBefore = (days: number, anchor: Anchor): NotLaterThanBefore =>
  new NotLaterThanBefore({ days, anchor })
/** "не ранее чем за N дней до ..." */
export const notEarlierThanBefore = (days: number, anchor: Anchor): NotEarlierThanBefore =>
  new NotEarlierThanBefore({ days, anchor })
/** "со дня ..." */
export const fromDayOf = (anchor: Anchor): FromDayOf => new FromDayOf({ anchor })
/** "в течение N дней со дня ..." */
export const withinDaysFrom = (days: number, anchor: Anchor): WithinDaysFrom => new WithinDaysFrom({ days, anchor })
/** A fixed date. */
export const fixedDate = (date: Day): FixedDate => new FixedDate({ date })

/** Whether a timing is a rule (not a fixed date). */
export const isRule = (t: Timing): t is Rule => t._tag !== "FixedDate"

// ---- counting (67-FZ art. 11.1) ---------------------------------------------

/** The last allowed day of "not later than N days before X": X − (N + 1). 67-FZ art. 11.1 p. 2 */
export const lastDayNotLaterThan = (x: Day, n: number): Day => Period.addDays(x, -(n + 1))
/** The first allowed day of "not earlier than N days before X": X − (N + 1). 67-FZ art. 11.1 p. 3 */
export const firstDayNotEarlierThan = (x: Day, n: number): Day => Period.addDays(x, -(n + 1))
/** The last day of "within N days from the day of E": E + N. 67-FZ art. 11.1 p. 1 */
export const lastDayWithin = (e: Day, n: number): Day => Period.addDays(e, n)

/**
 * Whether an act at `at` falls "from the day of E" when E happened at
 * `eventAt`: on or after the local day of E, and not before the instant of
 * E (67-FZ art. 11.1 p. 1). Invalid instants or zones answer `false`.
 */
export const isFromDayOf = (eventAt: Date, at: Date, timeZone: string): boolean => {
  const e = TimeZone.localDay(eventAt, timeZone)
  const a = TimeZone.localDay(at, timeZone)
  return Either.isRight(e) && Either.isRight(a) && a.right >= e.right && at.getTime() >= eventAt.getTime()
}

/** The allowed days of a rule: the first and the last allowed day, when bounded. */
export interface Window {
  readonly from: Day | undefined
  readonly to: Day | undefined
}

/** A rule anchored on an event the calendar does not know (a task not planned). */
export class UnknownAnchor extends Schema.TaggedError<UnknownAnchor>()("UnknownAnchor", {
  anchor: Anchor,
  message: Schema.String
}) {}

/** The days anchors resolve to. */
export interface Anchors {
  readonly votingFirst: Day
  readonly votingLast: Day
  readonly publishedOn: Day
  readonly task: (id: TaskId) => Option.Option<Day>
}

/** Anchors from voting days and a publication day, with the days of some tasks. */
export const anchors = (input: {
  readonly votingDays: ReadonlyArray<Day>
  readonly publishedOn: Day
  readonly tasks?: ReadonlyMap<TaskId, Day>
}): Anchors => {
  const first = input.votingDays[0] ?? input.publishedOn
  const tasks = input.tasks ?? new Map<TaskId, Day>()
  return {
    votingFirst: first,
    votingLast: input.votingDays[input.votingDays.length - 1] ?? first,
    publishedOn: input.publishedOn,
    task: (id) => Option.fromNullable(tasks.get(id))
  }
}

/** The day an anchor resolves to, or {@link UnknownAnchor}. */
export const resolve = (anchor: Anchor, days: Anchors): Either.Either<Day, UnknownAnchor> => {
  switch (anchor._tag) {
    case "VotingDay":
      return Either.right(anchor.which === "first" ? days.votingFirst : days.votingLast)
    case "CallingPublished":
      return Either.right(days.publishedOn)
    case "TaskAnchor":
      return Option.match(days.task(anchor.task), {
        onNone: () =>
          Either.left(
            new UnknownAnchor({
              anchor,
              message: `the rule is anchored on task ${anchor.task}, which the calendar does not know`
            })
          ),
        onSome: Either.right
      })
  }
}

/**
 * The allowed days of a timing, counted by 67-FZ art. 11.1.
 *
 * @example
 * ```ts
 * window(notLaterThanBefore(1, votingDay()), anchors({ votingDays: [unsafeDay("2021-09-19")], publishedOn: unsafeDay("2021-06-18") }))
 * // Either.right({ from: undefined, to: "2021-09-17" }): the Friday before a Sunday
 * ```
 */
export const window = (timing: Timing, days: Anchors): Either.Either<Window, UnknownAnchor> => {
  switch (timing._tag) {
    case "FixedDate":
      return Either.right({ from: undefined, to: timing.date })
    case "NotLaterThanBefore":
      return Either.map(resolve(timing.anchor, days), (x) => ({
        from: undefined,
        to: lastDayNotLaterThan(x, timing.days)
      }))
    case "NotEarlierThanBefore":
      return Either.map(resolve(timing.anchor, days), (x) => ({
        from: firstDayNotEarlierThan(x, timing.days),
        to: undefined
      }))
    case "FromDayOf":
      return Either.map(resolve(timing.anchor, days), (e) => ({ from: e, to: undefined }))
    case "WithinDaysFrom":
      return Either.map(resolve(timing.anchor, days), (e) => ({ from: e, to: lastDayWithin(e, timing.days) }))
  }
}

/** The task a timing is anchored on, if any. */
export const anchorTask = (timing: Timing): TaskId | undefined =>
  timing._tag !== "FixedDate" && timing.anchor._tag === "TaskAnchor" ? timing.anchor.task : undefined

/**
 * Whether a rule by itself allows days after its voting-day anchor: "со дня
 * голосования" and "в течение N дней со дня голосования" (post-voting work).
 * A rule anchored on a task is after the voting day when that task is (see
 * {@link Task.schedule}).
 */
export const countsForwardFromVoting = (timing: Timing): boolean =>
  (timing._tag === "FromDayOf" || timing._tag === "WithinDaysFrom") && timing.anchor._tag === "VotingDay"
