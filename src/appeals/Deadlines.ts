/**
 * The settings a municipality can change for appeals, and the due dates they
 * give: terms in calendar days counted from the day after the event (the
 * kernel's `Term`), the municipality's end-of-term policy, its production
 * calendar and its time zone.
 *
 * An extension is counted from the original nominal due date (registration
 * + 30 days), not from the due date after the end-of-term policy: the law
 * grants "not more than 30 more days" of the same term, so the extended
 * term is registration + 30 + extension days, and the policy adjusts only
 * its final last day. Counting from the adjusted day would let an early
 * answer-by date shorten the extension (registered 2021-04-08: due
 * 2021-04-30 because 8 May is a day off; +30 from 2021-04-30 would end on
 * 30 May, while the term really ends 7 June). With it,
 * 2021-03-31 + 30 days = 2021-04-30, the worked example.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Appeals, Calendar, Period, TimeZone } from "cityhall"
 *
 * const settings = Either.getOrThrow(Appeals.Deadlines.makeSettings({
 *   calendar: Calendar.russia(), timeZone: TimeZone.KHABAROVSK
 * }))
 * const deadlines = Appeals.Deadlines.make(settings)
 * deadlines.answer(Period.unsafeDay("2021-03-01"), 0)  // Either.right("2021-03-31")
 * deadlines.answer(Period.unsafeDay("2021-03-01"), 30) // Either.right("2021-04-30")
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import type * as Calendar from "../kernel/Calendar.js"
import type { Day } from "../kernel/Period.js"
import * as Term from "../kernel/Term.js"
import * as TimeZone from "../kernel/TimeZone.js"
import { Dues } from "./Appeal.js"
import { builder } from "./internal/build.js"
import { DeadlineUnavailable } from "./AppealError.js"
import * as TermPolicy from "./TermPolicy.js"
import * as Topic from "./Topic.js"

/** What a municipality can change (its own regulation on appeals may shorten the terms, never lengthen them). */
export interface SettingsOptions {
  readonly calendar: Calendar.ProductionCalendar
  readonly timeZone: string
  /** Default `previousWorkingDay`. */
  readonly policy?: Term.EndOfTermPolicy
  /** Default: the shipped two-level typical classifier. */
  readonly classifier?: Topic.Classifier
  /** Registration term, days from receipt: 1..3, default 3. // 59-FZ art. 8 p. 2 */
  readonly registrationTermDays?: number
  /** Forwarding term, days from registration: 1..7, default 7. // 59-FZ art. 8 p. 3 */
  readonly forwardingTermDays?: number
  /**
   * Notice term, days from registration: 1..7, default 7 — an unreadable or
   * pointless text, an appeal contesting a court decision returned, the
   * address of a published answer. // 59-FZ art. 11 p. 2, p. 4, p. 4.1, p. 5.1
   */
  readonly noticeTermDays?: number
  /** Answer term, days from registration: 1..30, default 30. // 59-FZ art. 12 p. 1 */
  readonly answerTermDays?: number
  /** The most the term may be extended by in total: 0..30, default 30. // 59-FZ art. 12 p. 2 */
  readonly maxExtensionDays?: number
  /** The term policy's entries: other legal terms and internal terms, each with its source (default none). */
  readonly terms?: ReadonlyArray<TermPolicy.TermEntry>
}

/** Settings after checking. */
export interface Settings {
  readonly calendar: Calendar.ProductionCalendar
  readonly timeZone: TimeZone.TimeZoneName
  readonly policy: Term.EndOfTermPolicy
  readonly classifier: Topic.Classifier
  readonly registrationTermDays: number
  readonly forwardingTermDays: number
  readonly noticeTermDays: number
  readonly answerTermDays: number
  readonly maxExtensionDays: number
  /** The term policy: the default entry is `answerTermDays` (59-FZ art. 12 p. 1). */
  readonly terms: TermPolicy.TermPolicy
}

/** Settings that break the law or name an unknown zone. */
export class InvalidSettings extends Schema.TaggedError<InvalidSettings>()("InvalidSettings", {
  field: Schema.String,
  message: Schema.String
}) {}

const inRange = (field: string, v: number, min: number, max: number): Either.Either<number, InvalidSettings> =>
  Number.isInteger(v) && v >= min && v <= max
    ? Either.right(v)
    : Either.left(
        new InvalidSettings({
          field,
          message: `${field} must be a whole number from ${min} to ${max} (59-FZ), got ${v}`
        })
      )

const termsOf = (
  entries: ReadonlyArray<TermPolicy.TermEntry>,
  classifier: Topic.Classifier,
  defaultDays: number
): Either.Either<TermPolicy.TermPolicy, InvalidSettings> =>
  Either.mapLeft(
    TermPolicy.make(entries, { classifier, defaultDays }),
    (e) => new InvalidSettings({ field: e.field, message: e.message })
  )

/** Checks settings; a term longer than the law's is an {@link InvalidSettings}. */
export const makeSettings = (o: SettingsOptions): Either.Either<Settings, InvalidSettings> =>
  Either.gen(function* () {
    const timeZone = yield* Either.mapLeft(
      TimeZone.parseTimeZone(o.timeZone),
      (e) => new InvalidSettings({ field: "timeZone", message: e.message })
    )
    const classifier = o.classifier ?? Topic.typical
    const answerTermDays = yield* inRange("answerTermDays", o.answerTermDays ?? 30, 1, 30)
    const terms =
      o.terms === undefined || o.terms.length === 0
        ? answerTermDays === 30 && classifier === Topic.typical
          ? TermPolicy.standard
          : yield* termsOf([], classifier, answerTermDays)
        : yield* termsOf(o.terms, classifier, answerTermDays)
    return {
      calendar: o.calendar,
      timeZone,
      policy: o.policy ?? "previousWorkingDay",
      classifier,
      registrationTermDays: yield* inRange("registrationTermDays", o.registrationTermDays ?? 3, 1, 3),
      forwardingTermDays: yield* inRange("forwardingTermDays", o.forwardingTermDays ?? 7, 1, 7),
      noticeTermDays: yield* inRange("noticeTermDays", o.noticeTermDays ?? 7, 1, 7),
      answerTermDays,
      maxExtensionDays: yield* inRange("maxExtensionDays", o.maxExtensionDays ?? 30, 0, 30),
      terms
    }
  })

/** Due-date arithmetic for one set of settings, memoised by (day, term, policy). */
export interface Deadlines {
  /** The last day of a term of `days` calendar days after `event`. */
  readonly due: (event: Day, days: number) => Either.Either<Day, DeadlineUnavailable>
  /** The same, with its nominal day and whether it rests on a provisional calendar year. */
  readonly dueOf: (event: Day, days: number) => Either.Either<Term.Deadline, DeadlineUnavailable>
  /**
   * The answer due date after `extensionDays` of extension: registration +
   * answer term + extension; the term is `answerDays` (the appeal's legal term,
   * {@link termOf}) or the default. // 59-FZ art. 12 p. 1, p. 2
   */
  readonly answer: (
    registeredOn: Day,
    extensionDays: number,
    answerDays?: number
  ) => Either.Either<Day, DeadlineUnavailable>
  /** All the due dates of an appeal received and registered on the given days (answer term: `answerDays` or the default). */
  readonly dues: (receivedOn: Day, registeredOn: Day, answerDays?: number) => Either.Either<Dues, DeadlineUnavailable>
  /** The legal answer term of an appeal under the term policy, with its source. */
  readonly termOf: (appeal: TermPolicy.AppealKey) => TermPolicy.LegalTermEntry
  /**
   * The internal due dates of an appeal (the policy's internal entries that
   * match it), each before or on `legalDue`: shown and checked as internal,
   * never replacing the legal due date.
   */
  readonly internalDues: (
    appeal: TermPolicy.AppealKey & { readonly registeredOn: Day },
    legalDue: Day
  ) => Either.Either<ReadonlyArray<TermPolicy.InternalDue>, DeadlineUnavailable>
  /**
   * The due dates in force of an appeal after `extensionDays` of extension,
   * from the calendar of these settings, and whether any of them rests on a
   * provisional calendar year. The state keeps the nominal facts (the days
   * of receipt and registration, the days of extension); the dates are
   * derived from them, so loading a year's official data moves them without
   * changing anything stored.
   */
  readonly inForce: (
    receivedOn: Day,
    registeredOn: Day,
    extensionDays: number,
    answerDays?: number
  ) => Either.Either<{ readonly dues: Dues; readonly provisional: boolean }, DeadlineUnavailable>
  /**
   * The due dates of {@link inForce} alone, memoised: what the decider's
   * `evolve` checks the state against after every registration and extension.
   */
  readonly duesInForce: (
    receivedOn: Day,
    registeredOn: Day,
    extensionDays: number,
    answerDays?: number
  ) => Either.Either<Dues, DeadlineUnavailable>
}

const makeDues = builder(Dues)

/** Builds the (memoising) deadline functions of a set of settings. */
export const make = (settings: Settings): Deadlines => {
  // Memo by day, then by term length (an array index): no key strings on the hot path. Each entry keeps the
  // deadline and its day, so `due` answers from one look-up.
  const LIMIT = 100_000
  interface Entry {
    readonly deadline: Either.Either<Term.Deadline, DeadlineUnavailable>
    readonly day: Either.Either<Day, DeadlineUnavailable>
  }
  const memo = new Map<Day, Array<Entry | undefined>>()
  let size = 0
  const entryOf = (event: Day, days: number): Entry => {
    let row = memo.get(event)
    const hit = row?.[days]
    if (hit !== undefined) return hit
    const deadline = Either.mapLeft(
      Term.deadlineOf({
        event,
        term: Term.calendarDays(days),
        calendar: settings.calendar,
        policy: settings.policy,
        timeZone: settings.timeZone
      }),
      (e) => new DeadlineUnavailable({ message: e.message })
    )
    const r: Entry = {
      deadline,
      day: Either.isLeft(deadline) ? Either.left(deadline.left) : Either.right(deadline.right.day)
    }
    if (!Number.isInteger(days) || days < 0 || days > 3660) return r
    if (size >= LIMIT) {
      memo.clear()
      size = 0
      row = undefined
    }
    if (row === undefined) {
      row = []
      memo.set(event, row)
    }
    row[days] = r
    size++
    return r
  }
  const dueOf = (event: Day, days: number): Either.Either<Term.Deadline, DeadlineUnavailable> =>
    entryOf(event, days).deadline
  /** Whether the last day of a term rests on a provisional calendar year (a term the calendar cannot count: no). */
  const isProvisional = (event: Day, days: number): boolean => {
    const r = dueOf(event, days)
    return Either.isRight(r) && r.right.provisional
  }
  const due = (event: Day, days: number): Either.Either<Day, DeadlineUnavailable> => entryOf(event, days).day
  const answer = (registeredOn: Day, extensionDays: number, answerDays = settings.answerTermDays) =>
    due(registeredOn, answerDays + extensionDays)
  // Memo by the day of receipt, then of registration, then by answer term (an array index: the term policy
  // gives an appeal its term, so several terms share the days).
  const duesMemo = new Map<Day, Map<Day, Array<Either.Either<Dues, DeadlineUnavailable> | undefined>>>()
  let duesSize = 0
  const duesOf = (receivedOn: Day, registeredOn: Day, answerDays: number): Either.Either<Dues, DeadlineUnavailable> => {
    const registration = due(receivedOn, settings.registrationTermDays)
    const forwarding = due(registeredOn, settings.forwardingTermDays)
    const notice = due(registeredOn, settings.noticeTermDays)
    const answerDue = answer(registeredOn, 0, answerDays)
    const r: Either.Either<Dues, DeadlineUnavailable> = Either.isLeft(registration)
      ? Either.left(registration.left)
      : Either.isLeft(forwarding)
        ? Either.left(forwarding.left)
        : Either.isLeft(notice)
          ? Either.left(notice.left)
          : Either.isLeft(answerDue)
            ? Either.left(answerDue.left)
            : Either.right(
                makeDues({
                  registration: registration.right,
                  forwarding: forwarding.right,
                  notice: notice.right,
                  answer: answerDue.right
                })
              )
    return r
  }
  const dues = (
    receivedOn: Day,
    registeredOn: Day,
    answerDays = settings.answerTermDays
  ): Either.Either<Dues, DeadlineUnavailable> => {
    let row = duesMemo.get(receivedOn)
    let terms = row?.get(registeredOn)
    const hit = terms?.[answerDays]
    if (hit !== undefined) return hit
    const r = duesOf(receivedOn, registeredOn, answerDays)
    if (!Number.isInteger(answerDays) || answerDays < 0 || answerDays > 3660) return r
    if (duesSize >= LIMIT) {
      duesMemo.clear()
      duesSize = 0
      row = undefined
      terms = undefined
    }
    if (row === undefined) {
      row = new Map()
      duesMemo.set(receivedOn, row)
    }
    if (terms === undefined) {
      terms = []
      row.set(registeredOn, terms)
    }
    terms[answerDays] = r
    duesSize++
    return r
  }
  // The answer due after an extension, over the dues without it: memoised by those dues (an object of
  // the memo above), then by the days of extension (an array index).
  const extendedMemo = new WeakMap<Dues, Array<Either.Either<Dues, DeadlineUnavailable> | undefined>>()
  const duesInForce = (
    receivedOn: Day,
    registeredOn: Day,
    extensionDays: number,
    answerDays = settings.answerTermDays
  ): Either.Either<Dues, DeadlineUnavailable> => {
    const base = dues(receivedOn, registeredOn, answerDays)
    // without an extension the answer is due on the dues' own answer day (the same term from the same day)
    if (Either.isLeft(base) || extensionDays === 0) return base
    const b = base.right
    let row = extendedMemo.get(b)
    const hit = row?.[extensionDays]
    if (hit !== undefined) return hit
    const answered = due(registeredOn, answerDays + extensionDays)
    const r: Either.Either<Dues, DeadlineUnavailable> = Either.isLeft(answered)
      ? Either.left(answered.left)
      : answered.right === b.answer
        ? base
        : Either.right(
            makeDues({
              registration: b.registration,
              forwarding: b.forwarding,
              notice: b.notice,
              answer: answered.right
            })
          )
    if (!Number.isInteger(extensionDays) || extensionDays < 0 || extensionDays > 3660) return r
    if (row === undefined) {
      row = []
      extendedMemo.set(b, row)
    }
    row[extensionDays] = r
    return r
  }
  const inForce = (
    receivedOn: Day,
    registeredOn: Day,
    extensionDays: number,
    answerDays = settings.answerTermDays
  ): Either.Either<{ readonly dues: Dues; readonly provisional: boolean }, DeadlineUnavailable> => {
    const inForceDues = duesInForce(receivedOn, registeredOn, extensionDays, answerDays)
    if (Either.isLeft(inForceDues)) return Either.left(inForceDues.left)
    const provisional =
      isProvisional(registeredOn, answerDays + extensionDays) ||
      isProvisional(receivedOn, settings.registrationTermDays) ||
      isProvisional(registeredOn, settings.forwardingTermDays) ||
      isProvisional(registeredOn, settings.noticeTermDays)
    return Either.right({ dues: inForceDues.right, provisional })
  }
  const termOf = (appeal: TermPolicy.AppealKey) => TermPolicy.legalTermOf(settings.terms, appeal)
  const internalDues = (
    appeal: TermPolicy.AppealKey & { readonly registeredOn: Day },
    legalDue: Day
  ): Either.Either<ReadonlyArray<TermPolicy.InternalDue>, DeadlineUnavailable> => {
    const out: Array<TermPolicy.InternalDue> = []
    for (const entry of TermPolicy.internalTermsOf(settings.terms, appeal)) {
      const d = TermPolicy.internalDue(settings.calendar, entry, appeal.registeredOn, legalDue)
      if (Either.isLeft(d)) return Either.left(new DeadlineUnavailable({ message: d.left.message }))
      out.push(d.right)
    }
    return Either.right(out)
  }
  return { due, dueOf, answer, dues, inForce, duesInForce, termOf, internalDues }
}
