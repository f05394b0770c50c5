/**
 * The search port: full-text search over the documents of search tables.
 *
 * A search table is a read-model table whose name starts with
 * {@link tablePrefix} (`search/`); its rows are {@link SearchDocument}s
 * written by a projection like any other row, so the index is kept in the
 * append's transaction and a rebuild from the events restores it. An
 * adapter answers {@link Search.Service.search} from an index over those
 * rows (PostgreSQL: `tsvector` with the `russian` and `simple`
 * configurations; SQLite: FTS5 with the trigram tokenizer; memory: a scan).
 *
 * The matching rule ({@link matches}, the reference every adapter is
 * checked against):
 *
 * - text is normalised by {@link normalise}: lower case, `ё` as `е`, and
 *   split into words, the maximal runs of letters and digits (`\p{L}`,
 *   `\p{N}`); anything else separates words;
 * - a document matches a query when EVERY term of the query equals a word
 *   of the document's searched fields (`public`, plus `personal` when the
 *   query says `personal: true`);
 * - an adapter may also match other grammatical forms of a term (PostgreSQL
 *   does, with the `russian` configuration: «дорога» finds «дороги»), and
 *   nothing else: a term never matches a part of a word.
 *
 * @example
 * ```ts
 * import { Ports } from "cityhall"
 *
 * const doc = { public: Ports.Search.normalise("Яма на дороге, ул. Ленина 5"), personal: "" }
 * Ports.Search.matches(doc, { terms: ["дороге", "ленина"], personal: false }) // true
 * Ports.Search.matches(doc, { terms: ["дорог"], personal: false }) // false: not a whole word
 * ```
 *
 * @module
 */
import { Context, Either, type Effect, Schema } from "effect"
import type { CorruptRow, InvalidQuery, StorageError } from "./Errors.js"
import { compareStrings, type Condition, queryRows, type Snapshot, type StoredRow } from "./ReadModels.js"

/** The prefix of the name of every search table. */
export const tablePrefix = "search/"

/** Whether a read-model table is a search table. */
export const isSearchTable = (table: string): boolean => table.startsWith(tablePrefix)

/**
 * A search document as a search table's row holds it (other fields may sit
 * beside these two): the normalised words of the fields everyone who may
 * search reads, and of the personal fields.
 */
export const SearchDocument = Schema.Struct({
  public: Schema.String,
  personal: Schema.String
})
/** @see SearchDocument */
export type SearchDocument = typeof SearchDocument.Type

/** The longest query, in characters. */
export const maxQueryLength = 200
/** The most terms a query may have. */
export const maxTerms = 8
/** The shortest term an index can look up (a trigram); a query needs at least one this long. */
export const minIndexedTerm = 3

/** A search over one search table. */
export interface SearchQuery {
  /** Normalised words ({@link normalise}), every one required. At least one of {@link minIndexedTerm} characters. */
  readonly terms: ReadonlyArray<string>
  /** Whether the personal field is searched too. */
  readonly personal: boolean
  /** Conditions on the row's indexed slots (as a row query's). */
  readonly where?: ReadonlyArray<Condition>
  /** Only rows whose key is greater than this. */
  readonly afterKey?: string
  /** At most this many rows (ordered by key). */
  readonly limit?: number
}

/** The search port. */
export declare namespace Search {
  /** The operations an adapter provides. */
  export interface Service {
    /** The rows of a search table that match, ordered by key. */
    readonly search: (
      table: string,
      query: SearchQuery
    ) => Effect.Effect<ReadonlyArray<StoredRow>, StorageError | CorruptRow | InvalidQuery>
  }
}

/** The search service. */
export class Search extends Context.Tag("cityhall/ports/Search")<Search, Search.Service>() {}

// ---------------------------------------------------------------------------
// Reference semantics

const word = /[\p{L}\p{N}]+/gu

/** The words of a text, normalised: lower case, `ё` as `е`, maximal runs of letters and digits. */
export const words = (text: string): ReadonlyArray<string> => text.toLowerCase().replaceAll("ё", "е").match(word) ?? []

/** A text as a document stores it: its {@link words} joined by single spaces. */
export const normalise = (text: string): string => words(text).join(" ")

/**
 * Characters and words that are search syntax in some engine (FTS5,
 * `tsquery`): refused in a query rather than passed on or silently dropped.
 */
const syntax = /["'*()^:{}[\]&|!<>+\\~]/u
const operators = new Set(["AND", "OR", "NOT", "NEAR"])

/**
 * A user's query as terms, or why not (a sentence naming `q`): 1 to
 * {@link maxQueryLength} characters, not only spaces; no search syntax
 * (quotes, `*`, parentheses, `:`, `^`, braces, brackets, `&`, `|`, `!`,
 * `<`, `>`, `+`, `\`, `~`), no operator in capitals (`AND`, `OR`,
 * `NOT`, `NEAR`); at most {@link maxTerms} distinct words, one of at least
 * {@link minIndexedTerm} characters. Other punctuation separates words.
 */
export const parseQuery = (q: string): Either.Either<ReadonlyArray<string>, string> => {
  if (q.trim() === "") return Either.left("q: a search needs at least one word")
  if (q.length > maxQueryLength) return Either.left(`q: at most ${maxQueryLength} characters, got ${q.length}`)
  const bad = syntax.exec(q)
  if (bad !== null) return Either.left(`q: ${JSON.stringify(bad[0])} is search syntax; search for words only`)
  for (const w of q.split(/\s+/)) {
    if (operators.has(w)) return Either.left(`q: ${w} is a search operator; search for words only (all are required)`)
  }
  const terms = [...new Set(words(q))]
  if (terms.length === 0) return Either.left("q: a search needs at least one word of letters or digits")
  if (terms.length > maxTerms) return Either.left(`q: at most ${maxTerms} words, got ${terms.length}`)
  if (!terms.some((t) => [...t].length >= minIndexedTerm))
    return Either.left(`q: at least one word of ${minIndexedTerm} or more letters or digits`)
  return Either.right(terms)
}

/**
 * Checks a search before an adapter runs it: terms normalised words (as
 * {@link normalise} makes them), 1 to {@link maxTerms}, one of at least
 * {@link minIndexedTerm} characters. Answers why not, or undefined.
 */
export const checkSearch = (query: SearchQuery): string | undefined => {
  const terms: unknown = query.terms
  if (!Array.isArray(terms) || terms.length === 0 || terms.length > maxTerms)
    return `terms: 1 to ${maxTerms} normalised words`
  for (const t of terms) {
    if (typeof t !== "string" || words(t).length !== 1 || words(t)[0] !== t)
      return `terms: ${JSON.stringify(t)} is not a normalised word`
  }
  if (!terms.some((t: string) => [...t].length >= minIndexedTerm))
    return `terms: at least one of ${minIndexedTerm} or more characters`
  return undefined
}

const fieldOf = (data: unknown, field: "public" | "personal"): string => {
  if (data === null || typeof data !== "object") return ""
  const v = (data as Readonly<Record<string, unknown>>)[field]
  return typeof v === "string" ? v : ""
}

/** Whether a document (a search row's data) matches a query by the exact-word rule. */
export const matches = (data: unknown, query: Pick<SearchQuery, "terms" | "personal">): boolean => {
  const have = new Set(words(fieldOf(data, "public")))
  if (query.personal) for (const w of words(fieldOf(data, "personal"))) have.add(w)
  return query.terms.every((t) => have.has(t))
}

/** The reference search over a snapshot: the rows of the table that match, ordered by key. */
export const searchRows = (snapshot: Snapshot, table: string, query: SearchQuery): ReadonlyArray<StoredRow> => {
  const all = queryRows(snapshot, table, {
    ...(query.where !== undefined ? { where: query.where } : {}),
    ...(query.afterKey !== undefined ? { afterKey: query.afterKey } : {})
  })
  const found = all.filter((r) => matches(r.data, query)).sort((a, b) => compareStrings(a.key, b.key))
  return query.limit === undefined ? found : found.slice(0, query.limit)
}
