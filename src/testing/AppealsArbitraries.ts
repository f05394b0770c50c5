/**
 * fast-check arbitraries for the appeal area: applicants (with marked
 * personal data), addressees, topic codes under a classifier, and the
 * commands of the appeal decider. Third parties draw the same values as
 * cityhall's own tests.
 *
 * @module
 */
import { Arbitrary, FastCheck as fc, Redacted } from "effect"
import * as Analysis from "../appeals/Analysis.js"
import * as Appeal from "../appeals/Appeal.js"
import * as AppealCommand from "../appeals/AppealCommand.js"
import * as Topic from "../appeals/Topic.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import type {
  ActorId,
  AppealId,
  DivisionId,
  MunicipalOrganisationId,
  OfficialId,
  ReceptionCardId
} from "../kernel/Ids.js"

/** The prefix every generated piece of personal data carries, so a test can look for leaks. */
export const PERSONAL_DATA_MARKER = "ПДн⟦"

const token = fc.stringMatching(/^[a-z0-9]{1,12}$/)
const pd = (label: string) => token.map((s) => `${PERSONAL_DATA_MARKER}${label}:${s}⟧`)

/** An id-shaped string with a prefix. */
const id = <A>(prefix: string): fc.Arbitrary<A> => token.map((s) => `${prefix}-${s}` as A)

/** An appeal id. */
export const appealId: fc.Arbitrary<AppealId> = id("appeal")
/** A division id from a small pool (so analyses see repeats). */
export const divisionId: fc.Arbitrary<DivisionId> = fc
  .constantFrom("economy", "housing", "transport", "education", "social")
  .map((s) => s as DivisionId)
/** An official id. */
export const officialId: fc.Arbitrary<OfficialId> = id("official")
/** An actor id. */
export const actorId: fc.Arbitrary<ActorId> = id("actor")
/** A reception card id. */
export const receptionCardId: fc.Arbitrary<ReceptionCardId> = id("card")

/**
 * An applicant: a name and/or addresses, or none of them. Every value
 * starts with {@link PERSONAL_DATA_MARKER}.
 */
export const applicant: fc.Arbitrary<Appeal.Applicant> = fc
  .record(
    {
      name: pd("name"),
      postalAddress: pd("postal"),
      email: token.map((s) => `${PERSONAL_DATA_MARKER}${s}⟧@example.ru`)
    },
    { requiredKeys: [] }
  )
  .map(
    (r) =>
      new Appeal.Applicant({
        ...(r.name === undefined ? {} : { name: Redacted.make(r.name) }),
        ...(r.postalAddress === undefined ? {} : { postalAddress: Redacted.make(r.postalAddress) }),
        ...(r.email === undefined ? {} : { email: Redacted.make(r.email) })
      })
  )

/** An addressee of any kind. */
export const addressee: fc.Arbitrary<Appeal.Addressee> = fc.oneof(
  fc.constant(new Appeal.ToMayor({})),
  officialId.map((official) => new Appeal.ToDeputyMayor({ official })),
  divisionId.map((division) => new Appeal.ToDivision({ division })),
  id<MunicipalOrganisationId>("org").map((organization) => new Appeal.ToMunicipalOrganisation({ organization }))
)

const group4 = fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, "0"))

/** An appeal topic code (question level, sometimes sub-question level) that a classifier accepts. */
export const appealTopic = (classifier: Topic.Classifier = Topic.typical): fc.Arbitrary<Topic.TopicCode> => {
  const entries = classifier.data.entries.map((e) => e.code)
  if (classifier.data.complete) {
    const deep = entries.filter((c) => Topic.levelOf(c) >= 4)
    return fc.constantFrom(...deep)
  }
  const deepest = entries.filter((c) => Topic.levelOf(c) === classifier.depth)
  return fc
    .tuple(
      fc.constantFrom(...deepest),
      fc.array(group4, { minLength: 4 - classifier.depth, maxLength: 5 - classifier.depth })
    )
    .map(([base, rest]) => [base, ...rest].join(".") as Topic.TopicCode)
}

/** The fields of a registration, without its instants and registration number. */
export interface RegistrationDraft {
  readonly kind: Appeal.Kind
  readonly type: Appeal.AppealType
  readonly addressee: Appeal.Addressee
  readonly applicant: Appeal.Applicant | undefined
  readonly text: string
  readonly topics: readonly [Topic.TopicCode, ...Array<Topic.TopicCode>]
  readonly relatedAppeals: ReadonlyArray<AppealId>
  readonly channel: Appeal.Channel
  /** The signatories counted: two or more for a collective kind, one otherwise; absent when not counted. */
  readonly signatories?: number
}

/** A valid registration draft (repeated appeals link earlier ones, topics are distinct). */
export const registrationDraft = (classifier: Topic.Classifier = Topic.typical): fc.Arbitrary<RegistrationDraft> =>
  fc
    .record({
      kind: fc.constantFrom<Appeal.Kind>("individual", "collective", "repeated", "collectiveRepeated"),
      type: fc.constantFrom<Appeal.AppealType>("proposal", "statement", "complaint", "request"),
      addressee,
      applicant: fc.option(applicant, { nil: undefined }),
      text: pd("text"),
      topics: fc.uniqueArray(appealTopic(classifier), { minLength: 1, maxLength: 3 }),
      related: fc.uniqueArray(id<AppealId>("earlier"), { minLength: 0, maxLength: 3 }),
      channel: fc.constantFrom<Appeal.Channel>("written", "electronic", "oral"),
      signatories: fc.option(fc.integer({ min: 2, max: 500 }), { nil: undefined })
    })
    .map((r) => ({
      kind: r.kind,
      type: r.type,
      addressee: r.addressee,
      applicant: r.applicant,
      text: r.text,
      topics: r.topics as unknown as readonly [Topic.TopicCode, ...Array<Topic.TopicCode>],
      relatedAppeals: Appeal.isRepeatedKind(r.kind) && r.related.length === 0 ? ["earlier-0" as AppealId] : r.related,
      channel: r.channel,
      ...(r.signatories === undefined ? {} : { signatories: Appeal.isCollectiveKind(r.kind) ? r.signatories : 1 })
    }))

/** Builds the registration command of a draft. */
export const registrationCommand = (
  draft: RegistrationDraft,
  fields: {
    readonly appealId: AppealId
    readonly registrationNumber: Appeal.RegistrationNumber
    readonly receivedAt: Date
    readonly at: Date
    readonly actor: ActorId
    readonly receptionCard?: ReceptionCardId
    readonly receivedBy?: OfficialId
  }
): AppealCommand.RegisterAppeal | AppealCommand.RegisterOralAppeal => {
  const common = {
    appealId: fields.appealId,
    registrationNumber: fields.registrationNumber,
    kind: draft.kind,
    type: draft.type,
    addressee: draft.addressee,
    ...(draft.applicant === undefined ? {} : { applicant: draft.applicant }),
    text: Redacted.make(draft.text),
    topics: draft.topics,
    relatedAppeals: draft.relatedAppeals,
    ...(draft.signatories === undefined ? {} : { signatories: draft.signatories }),
    receivedAt: fields.receivedAt,
    at: fields.at,
    actor: fields.actor
  }
  return draft.channel === "oral"
    ? new AppealCommand.RegisterOralAppeal({
        ...common,
        receptionCard: fields.receptionCard ?? ("card-1" as ReceptionCardId),
        receivedBy: fields.receivedBy ?? ("mayor" as OfficialId)
      })
    : new AppealCommand.RegisterAppeal({ ...common, channel: draft.channel })
}

/** Any command, structurally valid (not necessarily allowed in a state): for round trips and redaction checks. */
export const anyCommand: fc.Arbitrary<AppealCommand.AppealCommand> = Arbitrary.make(AppealCommand.AppealCommand)

/**
 * An appeal summary for the analysis, registered on a day between `from`
 * and `to` (inclusive), with divisions and topics from small pools so
 * breakdowns have repeats.
 */
export const appealSummary = (
  from: Day,
  to: Day,
  classifier: Topic.Classifier = Topic.typical
): fc.Arbitrary<Analysis.AppealSummary> =>
  fc
    .record({
      appealId,
      registeredOn: fc.integer({ min: Period.epochDay(from), max: Period.epochDay(to) }).map(Period.fromEpochDay),
      channel: fc.constantFrom<Appeal.Channel>("written", "electronic", "oral"),
      kind: fc.constantFrom<Appeal.Kind>("individual", "collective", "repeated", "collectiveRepeated"),
      type: fc.constantFrom<Appeal.AppealType>("proposal", "statement", "complaint", "request"),
      addressee,
      division: fc.option(divisionId, { nil: undefined }),
      topics: fc.uniqueArray(appealTopic(classifier), { minLength: 1, maxLength: 2 }),
      dueIn: fc.integer({ min: 1, max: 60 }),
      closedIn: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
      outcome: fc.constantFrom(...Appeal.Outcome.literals),
      result: fc.constantFrom(...Appeal.Result.literals),
      further: fc.array(fc.option(fc.constantFrom(...Appeal.Result.literals), { nil: undefined }), {
        minLength: 2,
        maxLength: 2
      })
    })
    .map((r) => {
      const closedOn = r.closedIn === undefined ? undefined : Period.addDays(r.registeredOn, r.closedIn)
      const answerDue = Period.addDays(r.registeredOn, r.dueIn)
      return new Analysis.AppealSummary({
        appealId: r.appealId,
        registeredOn: r.registeredOn,
        channel: r.channel,
        kind: r.kind,
        type: r.type,
        addressee: r.addressee,
        ...(r.division === undefined ? {} : { division: r.division }),
        topics: r.topics as unknown as readonly [Topic.TopicCode, ...Array<Topic.TopicCode>],
        answerDue,
        ...(closedOn === undefined
          ? {}
          : {
              outcome: r.outcome,
              closedOn,
              closedLate: closedOn > answerDue,
              ...(r.outcome === "answered" ? { result: r.result } : {}),
              ...(r.outcome === "answered" && r.topics.length > 1
                ? {
                    questionResults: r.topics.slice(1).flatMap((topic, i) => {
                      const result = r.further[i]
                      return result === undefined || result === r.result ? [] : [{ topic, result }]
                    })
                  }
                : {})
            })
      })
    })
