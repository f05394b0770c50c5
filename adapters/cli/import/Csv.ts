/**
 * CSV for flat appeal records: one appeal per row — its registration, and
 * optionally its assignment to a division and its answer on the merits —
 * turned into an `appeal` record of the import format and decoded by the
 * same Schema (docs/import.md, "CSV").
 *
 * The first row names the columns (any order; unknown columns are an
 * error, missing optional ones are empty). Fields are separated by `,` or,
 * when the header has no comma, by `;`; a field may be quoted with `"`
 * (a quote inside doubled), but may not span lines.
 *
 * @module
 */
import { Either } from "effect"
import { TimeZone } from "../../../src/index.js"

/** The columns: required ones first. */
export const COLUMNS = [
  "registrationNumber",
  "receivedAt",
  "channel",
  "topics",
  "text",
  "appealId",
  "registeredAt",
  "kind",
  "type",
  "addressee",
  "applicantName",
  "applicantEmail",
  "applicantAddress",
  "receptionCard",
  "receivedBy",
  "actor",
  "division",
  "assignedAt",
  "answeredAt",
  "answeredBy",
  "result",
  "answerForm",
  "relatedAppeals",
  "signatories",
  "executor",
  "coExecutors",
  "outgoingNumber",
  "answerDate",
  "signedBy",
  "copiesTo",
  "disposition",
  "dispositionAt",
  "dispositionDetail",
  "noticeChannel",
  "noticeSentAt"
] as const
/** @see COLUMNS */
export type Column = (typeof COLUMNS)[number]

const INSTANT_COLUMNS: ReadonlyArray<Column> = [
  "receivedAt",
  "registeredAt",
  "assignedAt",
  "answeredAt",
  "dispositionAt",
  "noticeSentAt"
]

/** The dispositions a row may end with instead of an answer, and the field of the command its detail fills. */
const DISPOSITIONS = {
  returnCourtDecision: { tag: "ReturnCourtDecisionAppeal", field: "explanation" }, // 59-FZ art. 11 p. 2
  referToPublishedAnswer: { tag: "ReferToPublishedAnswer", field: "url" }, // 59-FZ art. 11 p. 5.1
  declineForSecrecy: { tag: "DeclineForSecrecy", field: "secret" } // 59-FZ art. 11 p. 6
} as const

/** A list column: values separated by spaces, `;` or `|`. */
const list = (v: string | undefined): Array<string> =>
  v === undefined ? [] : v.split(/[\s;|]+/).filter((t) => t !== "")

const REQUIRED: ReadonlyArray<Column> = ["registrationNumber", "receivedAt", "channel", "topics", "text"]

/** Splits one CSV line into fields (quotes with doubled quotes inside); fails on an unclosed quote. */
export const splitLine = (line: string, separator: string): Either.Either<ReadonlyArray<string>, string> => {
  const out: Array<string> = []
  let i = 0
  for (;;) {
    if (line[i] === '"') {
      let value = ""
      i++
      for (;;) {
        const q = line.indexOf('"', i)
        if (q < 0) return Either.left("an unclosed quote (a field may not span lines)")
        value += line.slice(i, q)
        if (line[q + 1] === '"') {
          value += '"'
          i = q + 2
          continue
        }
        i = q + 1
        break
      }
      out.push(value)
      if (i >= line.length) return Either.right(out)
      if (line[i] !== separator) return Either.left(`a character after a closing quote at column ${i + 1}`)
      i++
    } else {
      const next = line.indexOf(separator, i)
      if (next < 0) {
        out.push(line.slice(i))
        return Either.right(out)
      }
      out.push(line.slice(i, next))
      i = next + 1
    }
  }
}

/** The header of a file: the columns in order, and the separator. */
export interface Header {
  readonly columns: ReadonlyArray<Column>
  readonly separator: string
}

/** Reads the header row. */
export const header = (line: string): Either.Either<Header, string> => {
  const text = line.replace(/^\uFEFF/, "")
  const separator = text.includes(",") ? "," : ";"
  return Either.flatMap(splitLine(text, separator), (names) => {
    const columns: Array<Column> = []
    for (const raw of names) {
      const name = raw.trim()
      const column = COLUMNS.find((c) => c === name)
      if (column === undefined)
        return Either.left(`header: unknown column '${name}'; the columns are ${COLUMNS.join(", ")}`)
      if (columns.includes(column)) return Either.left(`header: column '${name}' is given twice`)
      columns.push(column)
    }
    const missing = REQUIRED.filter((c) => !columns.includes(c))
    if (missing.length > 0)
      return Either.left(`header: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`)
    return Either.right({ columns, separator })
  })
}

/**
 * A data row as an `appeal` record in the JSON encoding of the import
 * format (to be decoded by `Format.ImportRecord`, which names any field in
 * error).
 */
export const record = (h: Header, line: string): Either.Either<unknown, string> =>
  Either.flatMap(splitLine(line, h.separator), (fields) => {
    if (fields.length !== h.columns.length)
      return Either.left(`expected ${h.columns.length} fields, got ${fields.length}`)
    const row: Partial<Record<Column, string>> = {}
    h.columns.forEach((c, i) => {
      const v = (fields[i] ?? "").trim()
      if (v !== "") row[c] = v
    })
    for (const c of REQUIRED) if (row[c] === undefined) return Either.left(`${c}: empty`)
    // instants are RFC 3339 with an offset, as in JSON Lines; named by their column (one column can feed several commands)
    for (const c of INSTANT_COLUMNS) {
      const v = row[c]
      if (v !== undefined && TimeZone.parseInstant(v) === undefined)
        return Either.left(
          `${c}: expected an RFC 3339 instant with an offset (2021-03-15T09:00:00+10:00 or 2021-03-14T23:00:00Z), got ${JSON.stringify(v)}`
        )
    }
    const registrationNumber = row.registrationNumber!
    // without an appealId column: "A-" and the registration number, other characters than ASCII letters, digits and "_.:-" as "_<hex code>"
    const appealId =
      row.appealId ??
      `A-${[...registrationNumber].map((ch) => (/[A-Za-z0-9_.:-]/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}`)).join("")}`
    const actor = row.actor ?? "registry-clerk"
    const applicant = {
      ...(row.applicantName === undefined ? {} : { name: row.applicantName }),
      ...(row.applicantEmail === undefined ? {} : { email: row.applicantEmail }),
      ...(row.applicantAddress === undefined ? {} : { postalAddress: row.applicantAddress })
    }
    const addressee =
      row.addressee === undefined || row.addressee === "mayor"
        ? { _tag: "ToMayor" }
        : row.addressee.startsWith("division:")
          ? { _tag: "ToDivision", division: row.addressee.slice("division:".length) }
          : { _tag: row.addressee }
    const registration = {
      appealId,
      at: row.registeredAt ?? row.receivedAt,
      actor,
      registrationNumber,
      kind: row.kind ?? "individual",
      type: row.type ?? "statement",
      addressee,
      ...(Object.keys(applicant).length === 0 ? {} : { applicant }),
      text: row.text,
      topics: row.topics!.split(/[\s;|]+/).filter((t) => t !== ""),
      relatedAppeals: list(row.relatedAppeals),
      ...(row.signatories === undefined
        ? {}
        : { signatories: /^\d+$/.test(row.signatories) ? Number(row.signatories) : row.signatories }),
      receivedAt: row.receivedAt
    }
    const history: Array<unknown> = [
      row.channel === "oral"
        ? { _tag: "RegisterOralAppeal", ...registration, receptionCard: row.receptionCard, receivedBy: row.receivedBy }
        : { _tag: "RegisterAppeal", ...registration, channel: row.channel }
    ]
    if (row.division !== undefined)
      history.push({
        _tag: "AssignToDivision",
        appealId,
        at: row.assignedAt ?? registration.at,
        actor,
        division: row.division
      })
    const head = row.answeredBy ?? (row.division === undefined ? actor : `head-${row.division}`)
    const assignedAt = row.assignedAt ?? registration.at
    if (row.executor !== undefined && row.division === undefined)
      return Either.left("executor: the executors work in the appeal's division: give the division column too")
    if ((row.noticeChannel !== undefined || row.noticeSentAt !== undefined) && row.disposition === undefined)
      return Either.left("noticeChannel: a notice is recorded with a disposition: give the disposition column too")
    if (row.executor !== undefined)
      // the executors work in the row's division (the decider checks they are of the appeal's division)
      history.push({
        _tag: "AssignExecutors",
        appealId,
        at: assignedAt,
        actor,
        executor: { official: row.executor, division: row.division },
        coExecutors: list(row.coExecutors).map((official) => ({ official, division: row.division }))
      })
    if (row.copiesTo !== undefined)
      history.push({
        _tag: "SendCopies",
        appealId,
        at: assignedAt,
        actor,
        to: row.copiesTo.split("|").map((t) => t.trim())
      })
    const notice =
      row.noticeChannel === undefined && row.noticeSentAt === undefined
        ? {}
        : { notice: { channel: row.noticeChannel, sentAt: row.noticeSentAt } }
    if (row.answeredAt !== undefined || row.result !== undefined) {
      const document =
        row.outgoingNumber === undefined && row.signedBy === undefined && row.answerDate === undefined
          ? {}
          : { document: { outgoingNumber: row.outgoingNumber, date: row.answerDate, signedBy: row.signedBy } }
      history.push({
        _tag: "AnswerOnMerits",
        appealId,
        at: row.answeredAt,
        actor: head,
        result: row.result,
        form: row.answerForm ?? (row.channel === "electronic" ? "electronic" : "written"),
        ...document
      })
    } else if (row.disposition !== undefined) {
      const d = DISPOSITIONS[row.disposition as keyof typeof DISPOSITIONS]
      if (d === undefined)
        return Either.left(
          `disposition: expected ${Object.keys(DISPOSITIONS).join(", ")}, got ${JSON.stringify(row.disposition)}`
        )
      history.push({
        _tag: d.tag,
        appealId,
        at: row.dispositionAt,
        actor: head,
        [d.field]: row.dispositionDetail,
        ...notice
      })
    }
    return Either.right({ kind: "appeal", history })
  })
