/**
 * The term policy of a city: which answer term applies to an appeal, keyed by
 * the addressee's kind, the topic (a prefix of the thematic classifier) and
 * the channel, each entry with the legal or regulatory source it rests on.
 *
 * - The default legal term is 30 days from registration (59-FZ art. 12 p. 1),
 *   or the shorter term the municipality's regulation sets (`answerTermDays`).
 * - A `legal` entry sets another legal term for the appeals it matches: the
 *   20 days of 59-FZ art. 12 p. 1.1 ({@link migrationFacts}), or a shorter
 *   term of the municipality's own regulation. When several match, the
 *   shortest applies (the stricter term binds; ties: the first listed).
 * - An `internal` entry is a municipal internal term — a division's draft
 *   answer due N working days before the legal due date. It is shown and
 *   checked as internal and never replaces the legal term: the due date in
 *   force, overdue and due-soon stay on the legal term.
 *
 * A legal term of 0 or more than 30 days is refused (a longer term is only
 * reached by the extension of 59-FZ art. 12 p. 2, never by an entry), and so
 * is a topic prefix the classifier does not know: {@link InvalidTermPolicy}
 * names the entry.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Appeals } from "cityhall"
 *
 * const policy = Appeals.TermPolicy.make([
 *   Appeals.TermPolicy.migrationFacts({ id: "migration", addressee: "mayor", topic: "0001.0002" }),
 *   { id: "draft", kind: "internal", workingDaysBefore: 5, source: "Регламент администрации, п. 4.2" }
 * ])
 * Either.map(policy, (p) => p.entries.length) // Either.right(2)
 * ```
 *
 * @module
 */
import { Either, Schema } from "effect"
import * as Calendar from "../kernel/Calendar.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import { type Addressee, Channel } from "./Appeal.js"
import * as Topic from "./Topic.js"

/** The kind of an appeal's addressee, as the term policy keys it. */
export const AddresseeKind = Schema.Literal("mayor", "deputyMayor", "division", "municipalOrganisation")
/** @see AddresseeKind */
export type AddresseeKind = typeof AddresseeKind.Type

/** The kind of an addressee. */
export const addresseeKindOf = (a: Addressee): AddresseeKind => {
  switch (a._tag) {
    case "ToMayor":
      return "mayor"
    case "ToDeputyMayor":
      return "deputyMayor"
    case "ToDivision":
      return "division"
    case "ToMunicipalOrganization":
      return "municipalOrganisation"
  }
}

/** The name of an entry: what errors and views call it. */
export const EntryId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: () => "expected an entry id: 1 to 64 letters, digits, dots, dashes or underscores"
  })
)

const Match = {
  /** The addressee's kind the entry applies to (any when absent). */
  addressee: Schema.optionalWith(AddresseeKind, { exact: true }),
  /** A classifier prefix (any level): the entry applies when one of the appeal's topics lies under it. */
  topic: Schema.optionalWith(Topic.TopicCode, { exact: true }),
  /** The channel the entry applies to (any when absent). */
  channel: Schema.optionalWith(Channel, { exact: true })
}

/** A legal answer term other than the default: days from registration, with its source. */
export const LegalTermEntry = Schema.Struct({
  id: EntryId,
  kind: Schema.Literal("legal"),
  ...Match,
  /** Calendar days from registration: 1..30. */
  days: Schema.Int,
  /** The law or regulation the term rests on, e.g. `59-FZ art. 12 p. 1.1`. */
  source: Schema.NonEmptyTrimmedString
}).annotations({ identifier: "LegalTermEntry" })
/** @see LegalTermEntry */
export type LegalTermEntry = typeof LegalTermEntry.Type

/** A municipal internal term: a division's draft due some working days before the legal due date. */
export const InternalTermEntry = Schema.Struct({
  id: EntryId,
  kind: Schema.Literal("internal"),
  ...Match,
  /** Working days before the legal due date: 1..30. */
  workingDaysBefore: Schema.Int,
  /** The municipal act that sets it. */
  source: Schema.NonEmptyTrimmedString
}).annotations({ identifier: "InternalTermEntry" })
/** @see InternalTermEntry */
export type InternalTermEntry = typeof InternalTermEntry.Type

/** One entry of a term policy. */
export const TermEntry = Schema.Union(LegalTermEntry, InternalTermEntry).annotations({ identifier: "TermEntry" })
/** @see TermEntry */
export type TermEntry = typeof TermEntry.Type

/** The id of the implicit default entry. */
export const DEFAULT_ID = "default"
/** The source of the default term. */
export const DEFAULT_SOURCE = "59-FZ art. 12 p. 1"

/** A checked term policy: the default legal term and the entries, in the order given. */
export interface TermPolicy {
  readonly default: LegalTermEntry
  readonly entries: ReadonlyArray<TermEntry>
}

/** A policy entry that breaks the law or names an unknown topic: the entry, its field and why. */
export class InvalidTermPolicy extends Schema.TaggedError<InvalidTermPolicy>()("InvalidTermPolicy", {
  /** The entry's id (or its position when the id itself is wrong). */
  entry: Schema.String,
  /** The field, e.g. `terms[1].days`. */
  field: Schema.String,
  reason: Schema.Literal("termOutOfRange", "unknownTopic", "duplicateEntry"),
  message: Schema.String
}) {}

/** The options of {@link make}. */
export interface MakeOptions {
  /** The classifier topic prefixes are checked against (default the shipped typical one). */
  readonly classifier?: Topic.Classifier
  /** The default answer term (default 30). // 59-FZ art. 12 p. 1 */
  readonly defaultDays?: number
}

/**
 * The entry of the 20-day term of 59-FZ art. 12 p. 1.1: a written appeal
 * received by the highest official of a constituent entity of the Russian
 * Federation (the head of its highest executive body) and containing
 * information on facts of possible violations of the legislation of the
 * Russian Federation in the sphere of migration is considered within 20
 * days of its registration. A city applies it where its head is that
 * official (a city of federal significance), keyed by the topic under which
 * its classifier files such facts.
 */
export const migrationFacts = (o: {
  readonly id: string
  readonly addressee?: AddresseeKind
  readonly topic: string
  readonly channel?: Channel
}): LegalTermEntry => ({
  id: o.id,
  kind: "legal",
  ...(o.addressee !== undefined ? { addressee: o.addressee } : {}),
  topic: o.topic as Topic.TopicCode,
  ...(o.channel !== undefined ? { channel: o.channel } : {}),
  days: 20,
  source: "59-FZ art. 12 p. 1.1"
})

/** Checks a policy's entries; the first that breaks a rule is an {@link InvalidTermPolicy} naming it. */
export const make = (
  entries: ReadonlyArray<TermEntry>,
  options: MakeOptions = {}
): Either.Either<TermPolicy, InvalidTermPolicy> => {
  const classifier = options.classifier ?? Topic.typical
  const defaultDays = options.defaultDays ?? 30
  const seen = new Set<string>([DEFAULT_ID])
  for (const [i, e] of entries.entries()) {
    const at = `terms[${i}]`
    const fail = (field: string, reason: InvalidTermPolicy["reason"], why: string) =>
      Either.left(
        new InvalidTermPolicy({
          entry: e.id,
          field: `${at}.${field}`,
          reason,
          message: `${at}.${field} (entry "${e.id}"): ${why}`
        })
      )
    if (seen.has(e.id))
      return fail(
        "id",
        "duplicateEntry",
        `"${e.id}" is ${e.id === DEFAULT_ID ? "the default entry's id" : "listed twice"}`
      )
    seen.add(e.id)
    if (e.kind === "legal") {
      // 59-FZ art. 12 p. 1, p. 2: at most 30 days; more only by an extension
      if (!Number.isInteger(e.days) || e.days < 1 || e.days > 30)
        return fail(
          "days",
          "termOutOfRange",
          e.days > 30
            ? `a term of ${e.days} days is over 30: a longer term is reached only by an extension (59-FZ art. 12 p. 2), not by an entry`
            : `a legal term is a whole number of days from 1 to 30, got ${e.days}`
        )
    } else if (!Number.isInteger(e.workingDaysBefore) || e.workingDaysBefore < 1 || e.workingDaysBefore > 30) {
      return fail(
        "workingDaysBefore",
        "termOutOfRange",
        `an internal term is 1 to 30 working days before the legal due date, got ${e.workingDaysBefore}`
      )
    }
    if (e.topic !== undefined) {
      const known = Topic.validateAppealTopic(classifier, e.topic)
      if (Either.isLeft(known)) return fail("topic", "unknownTopic", known.left.message)
    }
  }
  return Either.right({
    default: { id: DEFAULT_ID, kind: "legal", days: defaultDays, source: DEFAULT_SOURCE },
    entries
  })
}

/** The default policy: 30 days, no other entry. */
export const standard: TermPolicy = Either.getOrThrow(make([]))

/** What the policy reads of an appeal. */
export interface AppealKey {
  readonly addressee: Addressee
  readonly topics: ReadonlyArray<Topic.TopicCode>
  readonly channel: Channel
}

const under = (topic: Topic.TopicCode, prefix: Topic.TopicCode): boolean =>
  topic === prefix || (topic.length > prefix.length && topic.startsWith(prefix) && topic[prefix.length] === ".")

/** Whether an entry applies to an appeal: every key it names matches. */
export const matches = (entry: TermEntry, appeal: AppealKey): boolean =>
  (entry.addressee === undefined || entry.addressee === addresseeKindOf(appeal.addressee)) &&
  (entry.channel === undefined || entry.channel === appeal.channel) &&
  (entry.topic === undefined || appeal.topics.some((t) => under(t, entry.topic!)))

/**
 * The legal term of an appeal: the shortest of the matching legal entries
 * and the default (ties: the earlier; the default last).
 */
export const legalTermOf = (policy: TermPolicy, appeal: AppealKey): LegalTermEntry => {
  let best: LegalTermEntry | undefined
  for (const e of policy.entries)
    if (e.kind === "legal" && matches(e, appeal) && (best === undefined || e.days < best.days)) best = e
  return best !== undefined && best.days <= policy.default.days ? best : policy.default
}

/** The internal terms that apply to an appeal, in the order given. */
export const internalTermsOf = (policy: TermPolicy, appeal: AppealKey): ReadonlyArray<InternalTermEntry> => {
  const out: Array<InternalTermEntry> = []
  for (const e of policy.entries) if (e.kind === "internal" && matches(e, appeal)) out.push(e)
  return out
}

/** An internal due date: which entry, its source, and the day. */
export interface InternalDue {
  readonly entry: string
  readonly source: string
  readonly workingDaysBefore: number
  /** The internal due date: never after the legal due date, never before registration. */
  readonly due: Day
}

/**
 * The internal due date of an entry: `workingDaysBefore` working days before
 * the legal due date, on the production calendar, and not before the day of
 * registration. Always on or before the legal due date; it is internal and
 * never replaces it.
 */
export const internalDue = (
  calendar: Calendar.ProductionCalendar,
  entry: InternalTermEntry,
  registeredOn: Day,
  legalDue: Day
): Either.Either<InternalDue, Calendar.CalendarOutOfRange | Calendar.InvalidDayCount> => {
  const counted = Calendar.addWorkingDays(calendar, legalDue, -entry.workingDaysBefore)
  // counting back past the calendar's first year passes registration too (when the calendar covers it)
  const back =
    Either.isLeft(counted) && counted.left._tag === "CalendarOutOfRange" && Calendar.covers(calendar, legalDue)
      ? Either.right(registeredOn)
      : counted
  return Either.map(back, (d) => ({
    entry: entry.id,
    source: entry.source,
    workingDaysBefore: entry.workingDaysBefore,
    due: Period.minDay(legalDue, Period.maxDay(registeredOn, d))
  }))
}
