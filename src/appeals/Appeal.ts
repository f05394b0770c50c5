/**
 * The data of a citizen's appeal (обращение гражданина) under Federal Law
 * 59-FZ: channel, kind, type, addressee, applicant (personal data, always
 * `Redacted`), topics, results and outcomes.
 *
 * @example
 * ```ts
 * import { Redacted } from "effect"
 * import { Appeals } from "cityhall"
 *
 * const applicant = new Appeals.Appeal.Applicant({
 *   name: Redacted.make("Иванов Иван Иванович"),
 *   email: Redacted.make("ivanov@example.ru")
 * })
 * String(applicant) // the name and e-mail print as <redacted>
 * Appeals.Appeal.hasAddressForAnswer(applicant) // true
 * ```
 *
 * @module
 */
import { Schema } from "effect"
import { ActorId, AppealId, DivisionId, MunicipalOrganisationId, OfficialId, ReceptionCardId } from "../kernel/Ids.js"
import type { Organisation } from "../kernel/Organisation.js"
import { Day } from "../kernel/Period.js"
import { Instant } from "../kernel/TimeZone.js"
import { AppealTopicCode } from "./Topic.js"

/** How the appeal reached the administration. Oral appeals come from personal receptions (59-FZ art. 13). */
export const Channel = Schema.Literal("written", "electronic", "oral")
/** @see Channel */
export type Channel = typeof Channel.Type

/** Individual, collective, repeated or collective-repeated. */
export const Kind = Schema.Literal("individual", "collective", "repeated", "collectiveRepeated")
/** @see Kind */
export type Kind = typeof Kind.Type

/** Whether a kind is collective (коллективное): signed by two or more citizens. */
export const isCollectiveKind = (k: Kind): boolean => k === "collective" || k === "collectiveRepeated"

/** Whether a kind is repeated (повторное). */
export const isRepeatedKind = (k: Kind): boolean => k === "repeated" || k === "collectiveRepeated"

/** Proposal, statement, complaint (59-FZ art. 4 items 2-4) or request (a type of the federal thematic classifier, not of art. 4). */
export const AppealType = Schema.Literal("proposal", "statement", "complaint", "request")
/** @see AppealType */
export type AppealType = typeof AppealType.Type

/** The appeal is addressed to the Mayor. */
export class ToMayor extends Schema.TaggedClass<ToMayor>()("ToMayor", {}) {}
/** The appeal is addressed to a deputy mayor. */
export class ToDeputyMayor extends Schema.TaggedClass<ToDeputyMayor>()("ToDeputyMayor", { official: OfficialId }) {}
/** The appeal is addressed to a structural division. */
export class ToDivision extends Schema.TaggedClass<ToDivision>()("ToDivision", { division: DivisionId }) {}
/**
 * The appeal is addressed to a municipal enterprise or institution. The tag and
 * the `organization` key keep their first spelling: they are stored and sent.
 */
export class ToMunicipalOrganisation extends Schema.TaggedClass<ToMunicipalOrganisation>()("ToMunicipalOrganization", {
  organization: MunicipalOrganisationId
}) {}

/** The addressee of an appeal. */
export const Addressee = Schema.Union(ToMayor, ToDeputyMayor, ToDivision, ToMunicipalOrganisation)
/** @see Addressee */
export type Addressee = typeof Addressee.Type

/** A stable key of an addressee for counters: `mayor`, `deputyMayor:<id>`, `division:<id>`, `municipalOrganization:<id>`. */
export const addresseeKey = (a: Addressee): string => {
  switch (a._tag) {
    case "ToMayor":
      return "mayor"
    case "ToDeputyMayor":
      return `deputyMayor:${a.official}`
    case "ToDivision":
      return `division:${a.division}`
    case "ToMunicipalOrganization":
      return `municipalOrganization:${a.organization}`
  }
}

const NonBlank = Schema.Trimmed.pipe(Schema.minLength(1), Schema.maxLength(2000))

/** An e-mail address (the shape only). */
export const Email = Schema.Trimmed.pipe(
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "expected an e-mail address" }),
  Schema.maxLength(320)
)

/** A telephone number as written: digits, spaces and `+()-.`, 3 to 40 characters. */
export const Phone = Schema.Trimmed.pipe(
  Schema.pattern(/^\+?[0-9 ()\-.]{3,40}$/, { message: () => "expected a telephone number" }),
  Schema.maxLength(40)
)

/**
 * A piece of personal data: `Redacted` once decoded, and a value that fails
 * to decode is never echoed in the error's message (the default messages
 * print the actual value: "Expected a string with no leading or trailing
 * whitespace, actual " Иванов ""). The message says only what was expected.
 */
export const PersonalData = <S extends Schema.Schema<any, string, never>>(
  value: S,
  expected: string
): Schema.Redacted<S> =>
  Schema.Redacted(value).annotations({
    message: () => ({ message: `expected ${expected} (personal data: the value is not shown)`, override: true })
  })

/** The longest text of an appeal, in UTF-16 code units (about 25 pages; attachments are not text). */
export const MAX_TEXT_LENGTH = 50_000

/** Whether a text holds a C0 control but tab, line feed and carriage return, DEL, U+FFFD (what invalid UTF-8 decodes to) or a lone surrogate. */
const hasUnwanted = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) return true
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true
      i++
    } else if (c >= 0xdc00 && c <= 0xdfff) return true
  }
  return false
}

/**
 * Whether a text can be an appeal's: not only whitespace, at most
 * {@link MAX_TEXT_LENGTH} code units, no control characters (NUL) but tab
 * and line ends, no lone surrogates, no U+FFFD (invalid UTF-8 read lossily).
 */
export const isAppealText = (s: string): boolean => s.length <= MAX_TEXT_LENGTH && /\S/.test(s) && !hasUnwanted(s)

/** The text of an appeal (for an oral appeal, the content entered in the reception card). Personal data. */
export const AppealText = PersonalData(
  Schema.String.pipe(Schema.minLength(1), Schema.maxLength(MAX_TEXT_LENGTH), Schema.filter(isAppealText)),
  `a text of 1 to ${MAX_TEXT_LENGTH} characters, not only whitespace, without control characters (NUL), lone surrogates or invalid UTF-8`
)

/**
 * The applicant (заявитель): name, postal and/or e-mail address. Personal
 * data: every field is `Redacted`, so it never prints; encoding through the
 * Schema carries the values for storage; a malformed value is never echoed
 * in an error.
 */
export class Applicant extends Schema.Class<Applicant>("Applicant")(
  {
    name: Schema.optionalWith(PersonalData(NonBlank, "a name: trimmed, 1 to 2000 characters"), { exact: true }),
    postalAddress: Schema.optionalWith(PersonalData(NonBlank, "a postal address: trimmed, 1 to 2000 characters"), {
      exact: true
    }),
    email: Schema.optionalWith(PersonalData(Email, "an e-mail address: trimmed, at most 320 characters"), {
      exact: true
    }),
    /** A telephone number, as the applicant gave it (Open311's `phone`); not an address for the answer. */
    phone: Schema.optionalWith(PersonalData(Phone, "a telephone number: digits, spaces, +()-, at most 40 characters"), {
      exact: true
    })
  },
  // the encoded side: an applicant that is not an object is not echoed either
  [
    undefined,
    undefined,
    {
      message: () =>
        "expected an applicant: an object with an optional name, postalAddress, email and phone (personal data: the value is not shown)"
    }
  ]
) {}

/**
 * The legal source of the oral answer at a personal reception, as the
 * refusals cite it: the content of an oral appeal goes into the reception
 * card; with the applicant's consent, when the facts are obvious, the answer
 * may be given orally, noted in the card; otherwise in writing.
 */
export const oralAnswerSource = "59-FZ art. 13 p. 3"

/**
 * Why an oral answer at a personal reception is not allowed, or undefined
 * when it is: only with the applicant's consent, when the facts are obvious
 * and need no further checking; otherwise the content is answered in
 * writing within the term. The one statement of the rule, used by the
 * reception card (meetings) and the oral appeal (appeals).
 * // 59-FZ art. 13 p. 3
 */
export const oralAnswerRefusal = (answer: {
  readonly applicantConsented: boolean
  readonly factsObvious: boolean
}): "noConsent" | "factsNotObvious" | undefined =>
  !answer.applicantConsented ? "noConsent" : !answer.factsObvious ? "factsNotObvious" : undefined

/**
 * Whether an answer can be sent: the applicant gave a name and a postal or
 * e-mail address. // 59-FZ art. 11 p. 1
 */
export const hasAddressForAnswer = (a: Applicant | undefined): boolean =>
  a !== undefined && a.name !== undefined && (a.postalAddress !== undefined || a.email !== undefined)

/** The result of consideration on the merits. */
export const Result = Schema.Literal("supported", "supportedMeasuresTaken", "notSupported", "explained")
/** @see Result */
export type Result = typeof Result.Type

/**
 * The result of one question of an appeal answered on the merits, when the
 * questions of one appeal have different results (the main question's result
 * is the appeal's `result`; a question not listed has the appeal's result).
 */
export const QuestionResult = Schema.Struct({
  /** The question: one of the appeal's topics. */
  topic: AppealTopicCode,
  result: Result
}).annotations({ identifier: "QuestionResult" })
/** @see QuestionResult */
export type QuestionResult = typeof QuestionResult.Type

/** The results of the further questions of an answered appeal. */
export const QuestionResults = Schema.Array(QuestionResult)

/**
 * The final outcome of an appeal in this administration. Dispositions
 * without an answer on the merits are distinct outcomes, not results.
 *
 * - `answered`: answered on the merits (with a {@link Result}) // 59-FZ art. 10 p. 1 item 4
 * - `forwardedByCompetence`: sent to the competent body // 59-FZ art. 8 p. 3
 * - `crimeReportForwarded`: anonymous, but reports a crime: sent to the competent body // 59-FZ art. 11 p. 1
 * - `noAnswerAnonymous`: no name or address for the answer // 59-FZ art. 11 p. 1
 * - `leftWithoutAnswerAbusive`: obscene or insulting language, threats // 59-FZ art. 11 p. 3
 * - `noAnswerUnreadable`: the text cannot be read // 59-FZ art. 11 p. 4
 * - `noAnswerPointUndetermined`: the point of the text cannot be determined // 59-FZ art. 11 p. 4.1
 * - `correspondenceEnded`: the head ended the correspondence // 59-FZ art. 11 p. 5
 * - `answeredByReference`: answered by reference to an earlier end of correspondence // 59-FZ art. 11 p. 5
 * - `returnedCourtDecision`: it contests a court decision: returned with an explanation of how to appeal it // 59-FZ art. 11 p. 2
 * - `referredToPublishedAnswer`: the question is answered in a text published on the official site: the applicant is given its address // 59-FZ art. 11 p. 5.1
 * - `noAnswerSecret`: no answer on the merits without disclosing a state or other protected secret: the applicant is told so // 59-FZ art. 11 p. 6
 */
export const Outcome = Schema.Literal(
  "answered",
  "forwardedByCompetence",
  "crimeReportForwarded",
  "noAnswerAnonymous",
  "leftWithoutAnswerAbusive",
  "noAnswerUnreadable",
  "noAnswerPointUndetermined",
  "correspondenceEnded",
  "answeredByReference",
  "returnedCourtDecision",
  "referredToPublishedAnswer",
  "noAnswerSecret"
)
/** @see Outcome */
export type Outcome = typeof Outcome.Type

/** The art. 11 grounds for leaving an appeal without an answer on the merits (command `LeaveWithoutAnswer`). */
export const NoAnswerGround = Schema.Literal("anonymous", "abusive", "unreadable", "pointUndetermined")
/** @see NoAnswerGround */
export type NoAnswerGround = typeof NoAnswerGround.Type

/** The outcome each art. 11 ground leads to. */
export const outcomeOfGround: Readonly<Record<NoAnswerGround, Outcome>> = {
  anonymous: "noAnswerAnonymous",
  abusive: "leftWithoutAnswerAbusive",
  unreadable: "noAnswerUnreadable",
  pointUndetermined: "noAnswerPointUndetermined"
}

/**
 * The secret an answer on the merits would disclose: a state secret or
 * another secret protected by a federal law. // 59-FZ art. 11 p. 6
 */
export const ProtectedSecret = Schema.Literal("state", "other")
/** @see ProtectedSecret */
export type ProtectedSecret = typeof ProtectedSecret.Type

/**
 * The address of a text published on the body's official site, as the
 * applicant is told it: an `http` or `https` URL. // 59-FZ art. 11 p. 5.1
 */
export const PublishedAnswerUrl = Schema.Trimmed.pipe(
  Schema.pattern(/^https?:\/\/[^\s/?#]+\.[^\s]*$/, {
    message: () => "expected the address of the published answer on the official site, like https://city.ru/answers/42"
  }),
  Schema.annotations({ identifier: "PublishedAnswerUrl" })
)

/**
 * How a notice reached the applicant: by post to the postal address, by
 * e-mail to the address given, or handed over in person.
 */
export const NoticeChannel = Schema.Literal("post", "email", "inPerson")
/** @see NoticeChannel */
export type NoticeChannel = typeof NoticeChannel.Type

/**
 * What a notice to the applicant tells:
 *
 * - `forwarding`: the appeal was forwarded by competence // 59-FZ art. 8 p. 3
 * - `extension`: the term was extended // 59-FZ art. 12 p. 2
 * - `noAnswer`: left without an answer on the merits (abuse, unreadable, point undetermined) // 59-FZ art. 11 p. 3, p. 4, p. 4.1
 * - `correspondenceEnded`: the correspondence on the question ended // 59-FZ art. 11 p. 5
 * - `courtDecision`: returned with the explanation of how to appeal the court decision // 59-FZ art. 11 p. 2
 * - `publishedAnswer`: the address of the published answer // 59-FZ art. 11 p. 5.1
 * - `secret`: no answer on the merits because of a protected secret // 59-FZ art. 11 p. 6
 */
export const NoticeKind = Schema.Literal(
  "forwarding",
  "extension",
  "noAnswer",
  "correspondenceEnded",
  "courtDecision",
  "publishedAnswer",
  "secret"
)
/** @see NoticeKind */
export type NoticeKind = typeof NoticeKind.Type

/** A notice as a command records it: its channel and when it was sent (at or after the act it tells of). */
export class NoticeSent extends Schema.Class<NoticeSent>("NoticeSent")({
  channel: NoticeChannel,
  sentAt: Instant
}) {}

/** A notice as an event records it: its channel, when it was sent and the local day of that. */
export const NoticeAct = Schema.Struct({ channel: NoticeChannel, sentAt: Instant, sentOn: Day }).annotations({
  identifier: "NoticeAct"
})
/** @see NoticeAct */
export type NoticeAct = typeof NoticeAct.Type

/**
 * An executor of an appeal (исполнитель) as a command names them: the
 * official and the division they work in (resolved from the organisation
 * by {@link executorIn}); the decider keeps executors within the appeal's
 * assigned division.
 */
export const ExecutorRef = Schema.Struct({ official: OfficialId, division: DivisionId }).annotations({
  identifier: "ExecutorRef"
})
/** @see ExecutorRef */
export type ExecutorRef = typeof ExecutorRef.Type

/** The executor of an appeal and the co-executors (соисполнители), all of its assigned division. */
export const Executors = Schema.Struct({
  executor: OfficialId,
  coExecutors: Schema.Array(OfficialId)
}).annotations({ identifier: "Executors" })
/** @see Executors */
export type Executors = typeof Executors.Type

/**
 * The executor reference of an official of the organisation: the official's
 * division, or undefined when the organisation has no such official or the
 * official works in no division.
 */
export const executorIn = (organisation: Organisation, official: OfficialId): ExecutorRef | undefined => {
  const o = organisation.officials.find((x) => x.id === official)
  return o?.division === undefined ? undefined : { official, division: o.division }
}

/** The form of an answer. */
export const AnswerForm = Schema.Literal("written", "electronic", "oral")
/** @see AnswerForm */
export type AnswerForm = typeof AnswerForm.Type

const REG_RE = /^([A-Za-zА-ЯЁа-яё]{1,10}-)?(\d{4})-(\d{1,7})$/

/**
 * A registration number, human-readable and unique per administration and
 * year: an optional letter prefix, the year of registration and a sequence
 * number, e.g. `ОГ-2021-00123`. The year must be the year of registration.
 */
export const RegistrationNumber = Schema.String.pipe(
  Schema.pattern(REG_RE, { message: () => "expected a registration number like ОГ-2021-00123 (prefix-year-sequence)" }),
  Schema.brand("RegistrationNumber"),
  Schema.annotations({ identifier: "RegistrationNumber" })
)
/** @see RegistrationNumber */
export type RegistrationNumber = typeof RegistrationNumber.Type

/**
 * The outgoing number of an answer (исходящий номер), unique per journal of
 * outgoing documents: an optional letter prefix, the year of the answer's
 * date and a sequence number, e.g. `Исх-2021-00042` (the form of a
 * registration number; see `AnswerJournal` for uniqueness).
 */
export const OutgoingNumber = Schema.String.pipe(
  Schema.pattern(REG_RE, { message: () => "expected an outgoing number like Исх-2021-00042 (prefix-year-sequence)" }),
  Schema.brand("OutgoingNumber"),
  Schema.annotations({ identifier: "OutgoingNumber" })
)
/** @see OutgoingNumber */
export type OutgoingNumber = typeof OutgoingNumber.Type

/** The year written in an outgoing number. */
export const outgoingYear = (n: OutgoingNumber): string => REG_RE.exec(n)![2]!

/** The sequence written in an outgoing number. */
export const outgoingSequence = (n: OutgoingNumber): number => Number(REG_RE.exec(n)![3]!)

/** Formats an outgoing number: `outgoingNumber("Исх", 2021, 42)` is `Исх-2021-00042`. */
export const outgoingNumber = (prefix: string, year: number, sequence: number): OutgoingNumber =>
  `${prefix === "" ? "" : `${prefix}-`}${String(year).padStart(4, "0")}-${String(sequence).padStart(5, "0")}` as OutgoingNumber

/** The answer document as a command gives it: its outgoing number, its date and the official who signed it. */
export class AnswerDocumentDraft extends Schema.Class<AnswerDocumentDraft>("AnswerDocumentDraft")({
  outgoingNumber: OutgoingNumber,
  /** The date of the document (signature), a local day from registration to the day of the answer. */
  date: Day,
  signedBy: OfficialId
}) {}

/**
 * The answer document (ответ): outgoing number, date, signing official and
 * form, tied to the answer on the merits it records. // 59-FZ art. 10 p. 1 item 4, art. 10 p. 4
 */
export class AnswerDocument extends Schema.Class<AnswerDocument>("AnswerDocument")({
  outgoingNumber: OutgoingNumber,
  date: Day,
  signedBy: OfficialId,
  form: Schema.Literal("written", "electronic")
}) {}

/** The year written in a registration number. */
export const registrationYear = (n: RegistrationNumber): string => REG_RE.exec(n)![2]!

/** Formats a registration number: `registrationNumber("ОГ", 2021, 123)` is `ОГ-2021-00123`. */
export const registrationNumber = (prefix: string, year: number, sequence: number): RegistrationNumber =>
  `${prefix === "" ? "" : `${prefix}-`}${String(year).padStart(4, "0")}-${String(sequence).padStart(5, "0")}` as RegistrationNumber

/** The facts fixed at registration: what the appeal is, from whom, about what. */
export class AppealFacts extends Schema.Class<AppealFacts>("AppealFacts")({
  appealId: AppealId,
  registrationNumber: RegistrationNumber,
  channel: Channel,
  kind: Kind,
  type: AppealType,
  addressee: Addressee,
  /** Absent for an anonymous appeal. */
  applicant: Schema.optionalWith(Applicant, { exact: true }),
  /** The text (for an oral appeal, the content entered in the reception card). Personal data: redacted. */
  text: AppealText,
  /** The main topic first; the others are further questions of the same appeal. */
  topics: Schema.NonEmptyArray(AppealTopicCode),
  /** Earlier appeals of the same applicant on the same question. */
  relatedAppeals: Schema.Array(AppealId),
  /** The reception card an oral appeal comes from. // 59-FZ art. 13 p. 3 */
  receptionCard: Schema.optionalWith(ReceptionCardId, { exact: true }),
  /** The official who held the reception (oral appeals). */
  receivedBy: Schema.optionalWith(OfficialId, { exact: true }),
  /**
   * The citizen's own account that submitted the appeal (an electronic
   * submission through the administration's portal or API): the record the
   * access policy keys a citizen's ownership on. Absent when staff
   * registered it.
   */
  submittedBy: Schema.optionalWith(ActorId, { exact: true }),
  /** The number of citizens who signed it, when counted: two or more for a collective appeal, one otherwise. */
  signatories: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true }),
  receivedAt: Instant,
  receivedOn: Day,
  registeredAt: Instant,
  registeredOn: Day
}) {}

/** The due dates of an appeal (local days, inclusive). */
export class Dues extends Schema.Class<Dues>("Dues")({
  /** Registration: 3 days from receipt. // 59-FZ art. 8 p. 2 */
  registration: Day,
  /** Forwarding by competence: 7 days from registration. // 59-FZ art. 8 p. 3 */
  forwarding: Day,
  /** Notice to the applicant when the text is unreadable or its point undetermined: 7 days. // 59-FZ art. 11 p. 4, p. 4.1 */
  notice: Day,
  /**
   * The answer on the merits: the appeal's legal term from registration (30
   * days, or another entry of the city's term policy) plus extensions.
   * // 59-FZ art. 12 p. 1, p. 1.1, p. 2
   */
  answer: Day
}) {}
