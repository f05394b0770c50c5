/**
 * The journal of appeals for a period, as rows to hand on (CSV or a
 * spreadsheet): one row per appeal registered in the period, made by a pure
 * function of the appeal's read-model row (`AppealRecords.ByPeriod`), so an
 * export's rows are exactly the read model's rows for the period.
 *
 * The row holds no personal data; the applicant's name, addresses and the
 * text are separate columns ({@link Personal}) that the application adds
 * only for a role that may see them and only when asked.
 *
 * CSV: RFC 4180 (comma, CRLF, a field with a comma, quote, CR or LF quoted,
 * quotes doubled), UTF-8 with a byte-order mark ({@link BOM}) so that Excel
 * opens Cyrillic text right. Texts come from citizens, so every text cell
 * that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a CR) is prefixed with `'` ({@link guard}) — in CSV and in
 * XLSX alike.
 *
 * @example
 * ```ts
 * import { Appeals } from "cityhall"
 *
 * declare const row: Appeals.AppealRecords.AppealRow
 * const entry = Appeals.JournalExport.entryOf(row)
 * const csv = Appeals.JournalExport.BOM + Appeals.JournalExport.csvLine(Appeals.JournalExport.columns("ru", false))
 *   + Appeals.JournalExport.csvLine(Appeals.JournalExport.cells(entry, "ru"))
 * Appeals.JournalExport.guard("=HYPERLINK(\"x\")") // "'=HYPERLINK(\"x\")"
 * ```
 *
 * @module
 */
import type { AppealType, Channel, Kind, Outcome, Result } from "./Appeal.js"
import type { AppealRow, RowState } from "./AppealRecords.js"
import { statusLabel } from "./Monitoring.js"

/** One appeal of the journal: the fields of its read-model row that the journal shows. */
export interface Entry {
  readonly appealId: string
  readonly registrationNumber: string
  /** Absent on a row written before the journal's fields (a rebuild fills it). */
  readonly receivedOn: string | undefined
  readonly registeredOn: string
  readonly channel: Channel
  readonly kind: Kind
  readonly type: AppealType
  /** The main topic (the first). */
  readonly topic: string
  /** Every topic, the main one first. */
  readonly topics: ReadonlyArray<string>
  /** The addressee's key (`mayor`, `deputyMayor:…`, `division:…`, `municipalOrganization:…`). */
  readonly addressee: string
  readonly division: string | undefined
  readonly executor: string | undefined
  /** The due date in force: the answer's (with extensions) while open, the outcome's once closed. */
  readonly due: string
  readonly extensionDays: number | undefined
  readonly state: RowState
  readonly outcome: Outcome | undefined
  readonly closedOn: string | undefined
  readonly result: Result | undefined
  readonly answerNumber: string | undefined
  readonly answerDate: string | undefined
  /** Whether it was closed late (after its due date, or with a late notice); undefined while open. */
  readonly closedLate: boolean | undefined
}

/** The applicant's data and the text of an appeal: personal data, exported only when asked for by a role that may see it. */
export interface Personal {
  readonly name: string | undefined
  readonly postalAddress: string | undefined
  readonly email: string | undefined
  readonly phone: string | undefined
  readonly text: string
}

/** The journal's row of an appeal's read-model row. */
export const entryOf = (row: AppealRow): Entry => ({
  appealId: row.appealId,
  registrationNumber: row.registrationNumber,
  receivedOn: row.receivedOn,
  registeredOn: row.registeredOn,
  channel: row.channel,
  kind: row.kind,
  type: row.type,
  topic: row.topics[0],
  topics: row.topics,
  addressee: row.addresseeKey,
  division: row.division,
  executor: row.executor,
  due: row.answerDue,
  extensionDays: row.extensionDays,
  state: row.state,
  outcome: row.outcome,
  closedOn: row.closedOn,
  result: row.result,
  answerNumber: row.answerNumber,
  answerDate: row.answerDate,
  closedLate: row.closedLate
})

/** The journal's languages. */
export type Lang = "ru" | "en"

const HEADERS: Readonly<Record<Lang, ReadonlyArray<string>>> = {
  ru: [
    "Рег. номер",
    "Дата поступления",
    "Дата регистрации",
    "Форма обращения",
    "Вид",
    "Тип",
    "Основной вопрос",
    "Все вопросы",
    "Адресат",
    "Подразделение",
    "Исполнитель",
    "Срок ответа",
    "Продлено (дней)",
    "Состояние",
    "Итог рассмотрения",
    "Дата закрытия",
    "Результат",
    "Исх. номер ответа",
    "Дата ответа",
    "Нарушение срока"
  ],
  en: [
    "Registration number",
    "Received on",
    "Registered on",
    "Channel",
    "Kind",
    "Type",
    "Main topic",
    "Topics",
    "Addressee",
    "Division",
    "Executor",
    "Due",
    "Extended (days)",
    "State",
    "Outcome",
    "Closed on",
    "Result",
    "Answer number",
    "Answer date",
    "Late"
  ]
}

const PERSONAL_HEADERS: Readonly<Record<Lang, ReadonlyArray<string>>> = {
  ru: ["Заявитель", "Почтовый адрес", "Эл. почта", "Телефон", "Текст обращения"],
  en: ["Applicant", "Postal address", "E-mail", "Phone", "Text"]
}

const CHANNEL: Readonly<Record<Lang, Readonly<Record<Channel, string>>>> = {
  ru: { written: "Письменное", electronic: "Электронное", oral: "Устное" },
  en: { written: "Written", electronic: "Electronic", oral: "Oral" }
}

const STATE: Readonly<Record<Lang, Readonly<Record<RowState, string>>>> = {
  ru: { Registered: "Зарегистрировано", UnderConsideration: "На рассмотрении", Closed: "Закрыто" },
  en: { Registered: "Registered", UnderConsideration: "Under consideration", Closed: "Closed" }
}

const OUTCOME: Readonly<Record<Lang, Readonly<Record<Outcome, string>>>> = {
  ru: {
    answered: "Дан ответ по существу",
    forwardedByCompetence: "Направлено по компетенции",
    crimeReportForwarded: "Направлено в правоохранительный орган",
    noAnswerAnonymous: "Без ответа: анонимное",
    leftWithoutAnswerAbusive: "Без ответа: оскорбительные выражения",
    noAnswerUnreadable: "Без ответа: текст не поддаётся прочтению",
    noAnswerPointUndetermined: "Без ответа: суть не поддаётся пониманию",
    correspondenceEnded: "Переписка прекращена",
    answeredByReference: "Ответ со ссылкой на ранее данный",
    returnedCourtDecision: "Возвращено: обжалование судебного решения",
    referredToPublishedAnswer: "Сообщён адрес размещённого ответа",
    noAnswerSecret: "Сообщено о невозможности ответа (охраняемая тайна)"
  },
  en: {
    answered: "Answered on the merits",
    forwardedByCompetence: "Forwarded by competence",
    crimeReportForwarded: "Forwarded to law enforcement",
    noAnswerAnonymous: "No answer: anonymous",
    leftWithoutAnswerAbusive: "No answer: abusive",
    noAnswerUnreadable: "No answer: unreadable",
    noAnswerPointUndetermined: "No answer: point undetermined",
    correspondenceEnded: "Correspondence ended",
    answeredByReference: "Answered by reference",
    returnedCourtDecision: "Returned: contests a court decision",
    referredToPublishedAnswer: "Referred to a published answer",
    noAnswerSecret: "No answer: protected secret"
  }
}

// 59-FZ art. 4 p. 2-4 (предложение, заявление, жалоба); «запрос» is a type of the federal thematic classifier
const TYPE: Readonly<Record<Lang, Readonly<Record<AppealType, string>>>> = {
  ru: { proposal: "Предложение", statement: "Заявление", complaint: "Жалоба", request: "Запрос" },
  en: { proposal: "Proposal", statement: "Statement", complaint: "Complaint", request: "Request" }
}

const KIND: Readonly<Record<Lang, Readonly<Record<Kind, string>>>> = {
  ru: {
    individual: "Индивидуальное",
    collective: "Коллективное",
    repeated: "Повторное",
    collectiveRepeated: "Коллективное повторное"
  },
  en: {
    individual: "Individual",
    collective: "Collective",
    repeated: "Repeated",
    collectiveRepeated: "Collective repeated"
  }
}

const MAYOR: Readonly<Record<Lang, string>> = { ru: "Мэр города", en: "Mayor" }

const YES_NO: Readonly<Record<Lang, readonly [string, string]>> = { ru: ["да", "нет"], en: ["yes", "no"] }

/**
 * How the journal names the ids it prints (the addressee, the division, the
 * executor): by the organisation, in the journal's language. An id nothing
 * names prints as it is ({@link ids}).
 */
export interface Names {
  readonly division: (id: string) => string
  readonly official: (id: string) => string
  readonly municipalOrganisation: (id: string) => string
  /** The Mayor's name or title as the organisation gives it (absent: «Мэр города» / "Mayor"). */
  readonly mayor: string | undefined
}

/** No names: every id prints as it is, the Mayor by the title. */
export const ids: Names = {
  division: (id) => id,
  official: (id) => id,
  municipalOrganisation: (id) => id,
  mayor: undefined
}

/** The label of a kind (индивидуальное, коллективное, повторное, коллективное повторное). */
export const kindLabel = (kind: Kind, lang: Lang): string => KIND[lang][kind]

/** The label of a type (предложение, заявление, жалоба — 59-FZ art. 4; запрос). */
export const typeLabel = (type: AppealType, lang: Lang): string => TYPE[lang][type]

/**
 * The addressee of an addressee key (`Appeal.addresseeKey`) by name: the
 * Mayor, a deputy mayor's or division's or municipal organisation's name; a
 * key of no known shape prints as it is.
 */
export const addresseeLabel = (key: string, lang: Lang, names: Names = ids): string => {
  if (key === "mayor") return names.mayor ?? MAYOR[lang]
  const colon = key.indexOf(":")
  const id = key.slice(colon + 1)
  switch (key.slice(0, colon)) {
    case "deputyMayor":
      return names.official(id)
    case "division":
      return names.division(id)
    case "municipalOrganization":
      return names.municipalOrganisation(id)
    default:
      return key
  }
}

/** The header row, in a language, with the personal columns when asked for. */
export const columns = (lang: Lang, personal: boolean): ReadonlyArray<string> =>
  personal ? [...HEADERS[lang], ...PERSONAL_HEADERS[lang]] : HEADERS[lang]

/**
 * The cells of a row under {@link columns} (an absent value is an empty
 * cell; the extension days a number), with the personal columns when given:
 * words, not codes — the channel, kind, type, state, outcome and result in
 * the language, the addressee, division and executor by their names
 * ({@link Names}; ids without them). The codes stay in the {@link Entry}.
 */
export const cells = (
  e: Entry,
  lang: Lang,
  personal?: Personal,
  names: Names = ids
): ReadonlyArray<string | number> => {
  const base: Array<string | number> = [
    e.registrationNumber,
    e.receivedOn ?? "",
    e.registeredOn,
    CHANNEL[lang][e.channel],
    KIND[lang][e.kind],
    TYPE[lang][e.type],
    e.topic,
    e.topics.join("; "),
    addresseeLabel(e.addressee, lang, names),
    e.division === undefined ? "" : names.division(e.division),
    e.executor === undefined ? "" : names.official(e.executor),
    e.due,
    e.extensionDays ?? "",
    STATE[lang][e.state],
    e.outcome === undefined ? "" : OUTCOME[lang][e.outcome],
    e.closedOn ?? "",
    e.result === undefined ? "" : statusLabel[lang][e.result],
    e.answerNumber ?? "",
    e.answerDate ?? "",
    e.closedLate === undefined ? "" : YES_NO[lang][e.closedLate ? 0 : 1]
  ]
  if (personal === undefined) return base
  return [
    ...base,
    personal.name ?? "",
    personal.postalAddress ?? "",
    personal.email ?? "",
    personal.phone ?? "",
    personal.text
  ]
}

/** The UTF-8 byte-order mark that starts a CSV export (Excel reads the file as UTF-8 with it). */
export const BOM = "\uFEFF"

/**
 * The formula-injection guard: a text a spreadsheet would read as a
 * formula or a command (starting with `=`, `+`, `-`, `@`, a tab or a CR)
 * gets a leading `'`, which spreadsheets show as text; other texts are
 * unchanged.
 */
export const guard = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

/** One CSV field (RFC 4180): guarded, and quoted when it holds a comma, a quote, a CR or an LF. */
export const csvField = (value: string | number): string => {
  if (typeof value === "number") return String(value)
  const s = guard(value)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One CSV record with its CRLF. */
export const csvLine = (values: ReadonlyArray<string | number>): string => `${values.map(csvField).join(",")}\r\n`

/** The cells of a row for a spreadsheet: texts guarded, numbers kept as numbers. */
export const sheetCells = (values: ReadonlyArray<string | number>): ReadonlyArray<string | number> =>
  values.map((v) => (typeof v === "number" ? v : guard(v)))
