/**
 * The exports of appeals every entry point hands on: the journal of appeals
 * registered in a period (`Appeals.JournalExport`), as a stream that reads
 * the appeals' read model page by page, so a period of a million appeals is
 * never held in memory — the entry point writes each row as it comes (CSV
 * line by line, XLSX through a streaming workbook writer).
 *
 * Paging: day by day through the period, and within a day by the row key
 * (`registeredOn = day`, after the last key, at most `pageSize` rows: one
 * index range per page on every store). A principal whose lists are scoped
 * (a division head, a controller with the organisation) gets the rows of
 * their divisions, day by day and division by division.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { App } from "cityhall"
 *
 * const clerk = new App.Principal.Principal({ subject: "clerk-1", role: "clerk" } as never)
 * const lines = Effect.flatMap(App.AppealExports.journal(clerk, { period: "2020-03" }), (rows) =>
 *   Stream.runCount(rows)
 * )
 * ```
 *
 * @module
 */
import { Chunk, Effect, Either, Option, Redacted, Stream } from "effect"
import * as AppealRecords from "../appeals/AppealRecords.js"
import * as JournalExport from "../appeals/JournalExport.js"
import type { DivisionId } from "../kernel/Ids.js"
import * as Period from "../kernel/Period.js"
import type { Day } from "../kernel/Period.js"
import * as OrganisationRecords from "../administration/OrganisationRecords.js"
import type * as Organisation from "../kernel/Organisation.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import * as Projection from "../ports/Projection.js"
import * as Names from "../reporting/Names.js"
import * as Access from "./Access.js"
import { controlled } from "./Appeals.js"
import { CityContext } from "./City.js"
import { InvalidRequest, notFound } from "./Errors.js"
import type { Principal } from "./Principal.js"

/** What a journal export asks for. */
export interface JournalQuery {
  /** A day, month, quarter or year (`2020-03-15`, `2020-03`, `2020-Q1`, `2020`). */
  readonly period: string
  /** One division only (a scoped principal: one of theirs). */
  readonly division?: DivisionId
  /** The applicant's data and the text too: `exportPersonalData` (clerks, division heads, administrators). */
  readonly personal?: boolean
  /** Rows per read-model query (default 1,000; 1 to 10,000). */
  readonly pageSize?: number
  /** The language of the lines' {@link JournalLine.cells} (default `ru`). */
  readonly lang?: JournalExport.Lang
}

/**
 * One line of the journal: the row (codes, for programs), the personal data
 * when asked for, and the cells a person reads (`JournalExport.cells`: words
 * and names in the query's language, under `JournalExport.columns`).
 */
export interface JournalLine {
  readonly entry: JournalExport.Entry
  readonly personal?: JournalExport.Personal
  readonly cells: ReadonlyArray<string | number>
}

/**
 * The names the journal prints for an organisation's ids, in a language
 * (as the reports name them, `Reporting.Names`; municipal organisations by
 * their name; the Mayor by the official in the `mayor` position).
 */
export const namesOf = (
  organisation: Organisation.Organisation | undefined,
  lang: JournalExport.Lang
): JournalExport.Names => {
  const divisions = Names.divisionNames(organisation, lang)
  const officials = Names.officialNames(organisation, lang)
  const organisations = new Map<string, string>(
    (organisation?.municipalOrganizations ?? []).map((o) => [o.id as string, o.name])
  )
  const mayor = organisation?.officials.find((o) => o.position === "mayor")
  return {
    division: (id) => divisions.get(id) ?? id,
    official: (id) => officials.get(id) ?? id,
    municipalOrganisation: (id) => organisations.get(id) ?? id,
    mayor: mayor === undefined ? undefined : officials.get(mayor.id)
  }
}

/** The default rows per read-model query. */
export const DEFAULT_PAGE_SIZE = 1000

/**
 * A period of the journal: a day, month, quarter or year (`InvalidRequest`
 * naming `period` otherwise, a horizon too).
 */
export const parsePeriod = (
  s: string
): Either.Either<Period.Day | Period.Month | Period.Quarter | Period.Year, InvalidRequest> => {
  const p = Period.parse(s)
  if (Either.isLeft(p) || Period.kindOf(p.right) === "horizon")
    return Either.left(
      new InvalidRequest({
        field: "period",
        message: `period: expected a day, month, quarter or year (2020-03-15, 2020-03, 2020-Q1, 2020), got ${JSON.stringify(s)}`
      })
    )
  return Either.right(p.right as Period.Day | Period.Month | Period.Quarter | Period.Year)
}

/** The rows of `ByPeriod` registered on a day (of a division), page by page by key. */
export const rowsOn = (day: Day, division: DivisionId | undefined, pageSize: number) =>
  Stream.paginateChunkEffect(undefined as string | undefined, (after) =>
    Effect.map(
      Projection.query(AppealRecords.ByPeriod, {
        where: { registeredOn: day, ...(division === undefined ? {} : { division }) },
        limit: pageSize,
        ...(after === undefined ? {} : { afterKey: after })
      }),
      (rows) =>
        [
          Chunk.fromIterable(rows.map((r) => r.row)),
          rows.length < pageSize ? Option.none<string | undefined>() : Option.some(rows[rows.length - 1]!.key)
        ] as const
    )
  )

const value = (r: Redacted.Redacted<string> | undefined) => (r === undefined ? undefined : Redacted.value(r))

/**
 * The personal columns of a page of rows: the appeals' streams read with
 * one `readMany` of the store (not one read per row), in the rows' order.
 */
const personalOf = (ids: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const city = yield* CityContext
    const loaded = yield* CommandHandler.loadMany(city.appeals, ids)
    return yield* Effect.forEach(loaded, (l, i) =>
      l.state._tag === "Unregistered"
        ? Effect.fail(notFound("appeal", ids[i] ?? ""))
        : Effect.succeed<JournalExport.Personal>({
            name: value(l.state.appeal.applicant?.name),
            postalAddress: value(l.state.appeal.applicant?.postalAddress),
            email: value(l.state.appeal.applicant?.email),
            phone: value(l.state.appeal.applicant?.phone),
            text: Redacted.value(l.state.appeal.text)
          })
    )
  })

/**
 * The journal of appeals registered in a period, after the access policy
 * (`exportAppeals`, scoped like the lists; `exportPersonalData` for the
 * personal columns): a stream of lines ordered by registration day, then
 * (for a scoped principal) division, then appeal key. The rows are
 * `JournalExport.entryOf` of the read model's rows — nothing else; each
 * line's cells are `JournalExport.cells` of its row in `q.lang`, named by
 * the city's organisation (else the stored one in force on the period's
 * last day, {@link namesOf}). With the personal columns, the appeals of a
 * page of rows are read with one `EventStore.readMany`.
 */
export const journal = (p: Principal, q: JournalQuery) =>
  Effect.gen(function* () {
    const divisions = yield* Access.listScope(p, "exportAppeals", q.division, yield* controlled(p))
    if (q.personal === true) yield* Access.require(p, "exportPersonalData")
    const period = yield* parsePeriod(q.period)
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000)
      return yield* Effect.fail(
        new InvalidRequest({ field: "pageSize", message: `pageSize: 1 to 10000 rows, got ${pageSize}` })
      )
    const scope: ReadonlyArray<DivisionId | undefined> = divisions === undefined ? [undefined] : [...divisions].sort()
    const lang = q.lang ?? "ru"
    // named by the city's organisation, else the one stored in force on the period's last day
    const city = yield* CityContext
    const names = namesOf(city.organisation ?? (yield* OrganisationRecords.inForceOn(Period.lastDay(period))), lang)
    const lineOf = (row: AppealRecords.AppealRow, personal?: JournalExport.Personal): JournalLine => {
      const entry = JournalExport.entryOf(row)
      return personal === undefined
        ? { entry, cells: JournalExport.cells(entry, lang, undefined, names) }
        : { entry, personal, cells: JournalExport.cells(entry, lang, personal, names) }
    }
    const rows = Stream.fromIterable(Period.days(period)).pipe(
      Stream.flatMap((day) => Stream.flatMap(Stream.fromIterable(scope), (d) => rowsOn(day, d, pageSize)))
    )
    return q.personal === true
      ? // a chunk is a page of rows: its appeals are read in one round trip
        Stream.mapChunksEffect(rows, (page) =>
          Chunk.isEmpty(page)
            ? Effect.succeed(Chunk.empty<JournalLine>())
            : Effect.map(personalOf(Chunk.toReadonlyArray(Chunk.map(page, (r) => r.appealId))), (personal) =>
                Chunk.map(page, (row, i) => lineOf(row, personal[i]))
              )
        )
      : Stream.map(rows, (row) => lineOf(row))
  })
