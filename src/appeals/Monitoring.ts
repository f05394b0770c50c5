/**
 * The monthly federal monitoring of appeals: Presidential Decree No. 171 of
 * 17 April 2017 "On monitoring and analysis of the results of consideration
 * of appeals of citizens and organisations" has state bodies and local
 * self-government bodies report every month, through the Presidential
 * Administration's portal ССТУ.РФ, what became of every question of every
 * appeal they received: its code in the typical all-Russian thematic
 * classifier and its status.
 *
 * The report is a view of the same records as the monthly analysis
 * (`Analysis.analyse`): the appeals registered in the month, as of the
 * month's last day (or a later day), one row per question — an appeal with
 * several topics has several questions — each in exactly one
 * {@link MonitoringStatus}, derived from the 59-FZ lifecycle
 * ({@link statusOf}; the table is in `docs/appeals.md`). Its totals agree
 * with the analysis: the appeals are the analysis's total, the main
 * questions by status are its outcomes and results, by section its topics'
 * sections.
 *
 * @example
 * ```ts
 * import { Appeals, Period } from "cityhall"
 *
 * declare const summaries: ReadonlyArray<Appeals.Analysis.AppealSummary>
 * const report = Appeals.Monitoring.report(summaries, Period.unsafeMonth("2021-03"))
 * report.totals.byStatus.underConsideration // questions still under consideration on 31 March
 * Appeals.Monitoring.toCsv(report)
 * ```
 *
 * @module
 */
import { Either, JSONSchema, Schema } from "effect"
import { AppealId, RecordOf } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import { Day, Month } from "../kernel/Period.js"
import type { Outcome, Result } from "./Appeal.js"
import type { AppealSummary } from "./Analysis.js"
import * as Decode from "../kernel/Decode.js"
import * as Topic from "./Topic.js"
import { AppealTopicCode, TopicCode } from "./Topic.js"

/** The format name of the report's JSON (schema: `docs/monitoring.schema.json`). */
export const FORMAT = "cityhall.monitoring/1"

/**
 * The status of a question as of a day, as the portal's monitoring names
 * them (see {@link statusLabel} for the portal's words):
 *
 * - `underConsideration`: registered, no final outcome yet (Находится на рассмотрении)
 * - `supported`: answered on the merits, the proposal or request supported (Поддержано)
 * - `supportedMeasuresTaken`: supported, and measures taken (Поддержано, меры приняты)
 * - `explained`: answered on the merits with an explanation (Разъяснено)
 * - `notSupported`: answered on the merits, not supported (Не поддержано)
 * - `forwardedByCompetence`: sent to the competent body (Направлено по компетенции) // 59-FZ art. 8 p. 3, art. 11 p. 1
 * - `answerGiven`: the author got an answer that is not a decision on the merits — the end of correspondence, or a reference to it, the return of an appeal contesting a court decision, the address of a published answer, the notice of a protected secret (Дан ответ автору) // 59-FZ art. 11 p. 2, p. 5, p. 5.1, p. 6
 * - `leftWithoutAnswer`: left without an answer to the author on an art. 11 ground (Оставлено без ответа автору) // 59-FZ art. 11 p. 1, 3, 4, 4.1
 */
export const MonitoringStatus = Schema.Literal(
  "underConsideration",
  "supported",
  "supportedMeasuresTaken",
  "explained",
  "notSupported",
  "forwardedByCompetence",
  "answerGiven",
  "leftWithoutAnswer"
)
/** @see MonitoringStatus */
export type MonitoringStatus = typeof MonitoringStatus.Type

/** Every status, in the report's order. */
export const STATUSES: ReadonlyArray<MonitoringStatus> = MonitoringStatus.literals

/** The portal's words for each status (Russian) and their English glosses. */
export const statusLabel: Readonly<Record<"ru" | "en", Readonly<Record<MonitoringStatus, string>>>> = {
  ru: {
    underConsideration: "Находится на рассмотрении",
    supported: "Поддержано",
    supportedMeasuresTaken: "Поддержано, меры приняты",
    explained: "Разъяснено",
    notSupported: "Не поддержано",
    forwardedByCompetence: "Направлено по компетенции",
    answerGiven: "Дан ответ автору",
    leftWithoutAnswer: "Оставлено без ответа автору"
  },
  en: {
    underConsideration: "Under consideration",
    supported: "Supported",
    supportedMeasuresTaken: "Supported, measures taken",
    explained: "Explained",
    notSupported: "Not supported",
    forwardedByCompetence: "Forwarded by competence",
    answerGiven: "Answer given to the author",
    leftWithoutAnswer: "Left without an answer to the author"
  }
}

/** The status of a result on the merits. */
export const statusOfResult = (r: Result): MonitoringStatus => r

/** The status of a final outcome other than an answer on the merits (which has its result's). */
export const statusOfOutcome = (o: Exclude<Outcome, "answered">): MonitoringStatus => {
  switch (o) {
    case "forwardedByCompetence":
    case "crimeReportForwarded":
      return "forwardedByCompetence"
    case "correspondenceEnded":
    case "answeredByReference":
    case "returnedCourtDecision": // 59-FZ art. 11 p. 2: returned with an explanation
    case "referredToPublishedAnswer": // 59-FZ art. 11 p. 5.1: the address of the published answer
    case "noAnswerSecret": // 59-FZ art. 11 p. 6: told no answer on the merits is possible
      return "answerGiven"
    case "noAnswerAnonymous":
    case "leftWithoutAnswerAbusive":
    case "noAnswerUnreadable":
    case "noAnswerPointUndetermined":
      return "leftWithoutAnswer"
  }
}

/**
 * The status of one question of an appeal as of a day: under consideration
 * until the appeal is closed (on or before the day); then the status of its
 * outcome, and for an answer on the merits the question's own result (the
 * main question has the appeal's result; a further question its listed
 * result, or the appeal's).
 */
export const statusOf = (
  a: Pick<AppealSummary, "outcome" | "closedOn" | "topics" | "questionResults" | "result">,
  topic: Topic.TopicCode,
  asOf: Day
): MonitoringStatus => {
  if (a.outcome === undefined || a.closedOn === undefined || a.closedOn > asOf) return "underConsideration"
  if (a.outcome !== "answered") return statusOfOutcome(a.outcome)
  const own = topic === a.topics[0] ? undefined : a.questionResults?.find((q) => q.topic === topic)?.result
  // an answer on the merits always has a result; a summary without one is counted as explained
  return statusOfResult(own ?? a.result ?? "explained")
}

/** One question of the report. */
export class MonitoringQuestion extends Schema.Class<MonitoringQuestion>("MonitoringQuestion")({
  appealId: AppealId,
  registeredOn: Day,
  /** The question's position in the appeal, from 1 (1 is the main question). */
  question: Schema.Int.pipe(Schema.positive()),
  /** The classifier code of the question. */
  code: AppealTopicCode,
  /** Its section (classifier level 1). */
  section: TopicCode,
  status: MonitoringStatus
}) {}

/** Counters by status: every status, zero included. */
export const StatusCounts = Schema.Struct(
  Object.fromEntries(STATUSES.map((s) => [s, Schema.NonNegativeInt])) as Record<
    MonitoringStatus,
    typeof Schema.NonNegativeInt
  >
).annotations({ identifier: "StatusCounts" })
/** @see StatusCounts */
export type StatusCounts = typeof StatusCounts.Type

/** The totals of a report. */
export class MonitoringTotals extends Schema.Class<MonitoringTotals>("MonitoringTotals")({
  /** Appeals registered in the month (the monthly analysis's total). */
  appeals: Schema.NonNegativeInt,
  /** Their questions. */
  questions: Schema.NonNegativeInt,
  /** Questions by status. */
  byStatus: StatusCounts,
  /** Questions by section (level 1 code). */
  bySection: RecordOf(Schema.NonNegativeInt),
  /** Questions by section, then status. */
  bySectionStatus: RecordOf(StatusCounts)
}) {}

/** The monitoring report of a month. */
export class MonitoringReport extends Schema.Class<MonitoringReport>("MonitoringReport")({
  format: Schema.Literal(FORMAT),
  month: Month,
  /** The day the statuses are as of: the month's last day unless asked otherwise. */
  asOf: Day,
  /** Every question of every appeal registered in the month, by registration day, appeal and position. */
  questions: Schema.Array(MonitoringQuestion),
  totals: MonitoringTotals
}) {}

const zero = (): Record<MonitoringStatus, number> =>
  Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<MonitoringStatus, number>

/**
 * The monitoring report of a month from appeal summaries (the same the
 * monthly analysis reads): the questions of the appeals registered in the
 * month with their status as of `asOf` (default the month's last day).
 */
export const report = (
  appeals: Iterable<AppealSummary>,
  month: Month,
  asOf: Day = Period.lastDay(month)
): MonitoringReport => {
  const from = Period.firstDay(month),
    to = Period.lastDay(month)
  const inMonth: Array<AppealSummary> = []
  for (const a of appeals) if (a.registeredOn >= from && a.registeredOn <= to) inMonth.push(a)
  inMonth.sort((x, y) =>
    x.registeredOn < y.registeredOn
      ? -1
      : x.registeredOn > y.registeredOn
        ? 1
        : x.appealId < y.appealId
          ? -1
          : x.appealId > y.appealId
            ? 1
            : 0
  )
  const questions: Array<MonitoringQuestion> = []
  const byStatus = zero()
  const bySection: Record<string, number> = {}
  const bySectionStatus: Record<string, Record<MonitoringStatus, number>> = {}
  for (const a of inMonth) {
    a.topics.forEach((code, i) => {
      const section = Topic.atLevel(code, 1)
      const status = statusOf(a, code, asOf)
      questions.push(
        new MonitoringQuestion(
          { appealId: a.appealId, registeredOn: a.registeredOn, question: i + 1, code, section, status },
          true
        )
      )
      byStatus[status]++
      bySection[section] = (bySection[section] ?? 0) + 1
      const s = (bySectionStatus[section] ??= zero())
      s[status]++
    })
  }
  const sortedKeys = <V>(r: Record<string, V>): Record<string, V> => {
    const out: Record<string, V> = {}
    for (const k of Object.keys(r).sort()) out[k] = r[k]!
    return out
  }
  return new MonitoringReport(
    {
      format: FORMAT,
      month,
      asOf,
      questions,
      totals: new MonitoringTotals(
        {
          appeals: inMonth.length,
          questions: questions.length,
          byStatus,
          bySection: sortedKeys(bySection),
          bySectionStatus: sortedKeys(bySectionStatus)
        },
        true
      )
    },
    true
  )
}

/** The report as its documented JSON (`cityhall.monitoring/1`). */
export const toJson = (r: MonitoringReport): string =>
  `${JSON.stringify(Schema.encodeSync(MonitoringReport)(r), null, 2)}\n`

/** Decodes the report's JSON (a value already parsed). */
export const decode = (input: unknown) => Decode.unknownEither(MonitoringReport)(input)

/** The JSON Schema of the report (kept in `docs/monitoring.schema.json`). */
export const jsonSchema = () => JSONSchema.make(MonitoringReport)

/** The header of the questions' table, in a language. */
export const columns = (lang: "ru" | "en" = "ru"): ReadonlyArray<string> =>
  lang === "ru"
    ? ["Обращение", "Дата регистрации", "Вопрос", "Код классификатора", "Раздел", "Статус", "Статус (код)"]
    : ["Appeal", "Registered on", "Question", "Classifier code", "Section", "Status", "Status (code)"]

/** The questions as table rows (under {@link columns}). */
export const rows = (r: MonitoringReport, lang: "ru" | "en" = "ru"): ReadonlyArray<ReadonlyArray<string | number>> =>
  r.questions.map((q) => [
    q.appealId,
    q.registeredOn,
    q.question,
    q.code,
    q.section,
    statusLabel[lang][q.status],
    q.status
  ])

/** The totals as table rows: a section per row, a status per column, then the total row. */
export const totalRows = (
  r: MonitoringReport,
  lang: "ru" | "en" = "ru"
): ReadonlyArray<ReadonlyArray<string | number>> => [
  [
    lang === "ru" ? "Раздел" : "Section",
    ...STATUSES.map((s) => statusLabel[lang][s]),
    lang === "ru" ? "Всего" : "Total"
  ],
  ...Object.entries(r.totals.bySectionStatus).map(([section, c]) => [
    section,
    ...STATUSES.map((s) => c[s]),
    r.totals.bySection[section] ?? 0
  ]),
  [lang === "ru" ? "Итого" : "Total", ...STATUSES.map((s) => r.totals.byStatus[s]), r.totals.questions]
]

const csvCell = (v: string | number): string => {
  const s = String(v)
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * The report as CSV (RFC 4180, comma-separated, CRLF): the questions'
 * table, an empty line, then the totals by section and status.
 */
export const toCsv = (r: MonitoringReport, lang: "ru" | "en" = "ru"): string =>
  [[...columns(lang)], ...rows(r, lang), [], ...totalRows(r, lang)]
    .map((row) => row.map(csvCell).join(","))
    .join("\r\n") + "\r\n"

/** A month the monitoring cannot report on, naming the field. */
export class InvalidMonitoringMonth extends Schema.TaggedError<InvalidMonitoringMonth>()("InvalidMonitoringMonth", {
  field: Schema.String,
  message: Schema.String
}) {}

/**
 * The first month of the monitoring: July 2017 — under Decree No. 171 of
 * 17 April 2017 the Presidential Administration monitors the results of
 * consideration of appeals from 1 July 2017.
 */
export const FIRST_MONTH = "2017-07" as Month

/**
 * Parses the month of a monitoring report: `YYYY-MM`, not before July 2017
 * (the monitoring under Decree No. 171 of 17 April 2017 runs from 1 July 2017) and not after `latest` (the current
 * month: a month that has not begun has no statuses to report).
 */
export const parseMonth = (
  input: string,
  latest: Month,
  field = "month"
): Either.Either<Month, InvalidMonitoringMonth> => {
  const m = Period.parseMonth(input)
  if (Either.isLeft(m))
    return Either.left(
      new InvalidMonitoringMonth({ field, message: `${field}: expected a month YYYY-MM, got "${input}"` })
    )
  if (m.right < FIRST_MONTH)
    return Either.left(
      new InvalidMonitoringMonth({
        field,
        message: `${field}: the monitoring begins with ${FIRST_MONTH} (Decree No. 171 of 17 April 2017: from 1 July 2017), got ${m.right}`
      })
    )
  if (m.right > latest)
    return Either.left(
      new InvalidMonitoringMonth({ field, message: `${field}: ${m.right} is after the current month ${latest}` })
    )
  return Either.right(m.right)
}
