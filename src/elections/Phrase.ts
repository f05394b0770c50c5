/**
 * Russian legal phrases for calendar rules: every rule renders to its
 * canonical wording, as the commissions write calendar plans, and the
 * canonical wordings parse back to the same rule.
 *
 * | rule | canonical wording |
 * |---|---|
 * | not later than 40 days before the voting day | не позднее чем за 40 дней до дня голосования |
 * | not earlier than 1 day before the first voting day | не ранее чем за 1 день до первого дня голосования |
 * | from the day of publication | со дня официального опубликования решения о назначении выборов |
 * | within 10 days from publication | в течение 10 дней со дня официального опубликования решения о назначении выборов |
 * | within 3 days from task `lists` | в течение 3 дней со дня выполнения мероприятия «lists» |
 *
 * Numbers agree with the noun: "за 1 день", "за 2 дня", "за 5 дней",
 * "за 21 день", "за 40 дней" (accusative after «за»); "в течение 1 дня",
 * "в течение 10 дней", "в течение 21 дня" (genitive after «в течение»).
 * Parsing accepts any of «день», «дня», «дней», any letter case, extra
 * spaces, a comma before «чем», «последнего дня голосования» (the last
 * day, as «дня голосования»), «с»/«со», and «(публикации)» after
 * «опубликования». A phrase it does not understand is a
 * {@link PhraseNotUnderstood} carrying the offset and the words from there.
 *
 * {@link RuleFromPhrase} and {@link TimingFromPhrase} are the same as
 * Schemas, so data written in words (a calendar plan, see
 * {@link Task.TaskDefinitionFromWords}) is Schema-decoded.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Elections } from "cityhall"
 *
 * const rule = Elections.Phrase.parse("не позднее чем за 40 дней до дня голосования")
 * if (Either.isRight(rule)) Elections.Phrase.render(rule.right) // the same words
 * ```
 *
 * @module
 */
import * as Decode from "../kernel/Decode.js"
import { Either, ParseResult, Schema, type SchemaAST } from "effect"
import { TaskId } from "../kernel/Ids.js"
import { Day } from "../kernel/Period.js"
import type { Anchor } from "./Rule.js"
import {
  CallingPublished,
  FixedDate,
  FromDayOf,
  NotEarlierThanBefore,
  NotLaterThanBefore,
  Rule,
  TaskAnchor,
  Timing,
  VotingDay,
  WithinDaysFrom
} from "./Rule.js"

/** The noun «день» agreeing with a number in the accusative ("за N ..."): день, дня, дней. */
export const daysAccusative = (n: number): string => {
  const d = n % 10,
    h = n % 100
  if (d === 1 && h !== 11) return "день"
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return "дня"
  return "дней"
}

/** The noun «день» agreeing with a number in the genitive ("в течение N ..."): дня, дней. */
export const daysGenitive = (n: number): string => (n % 10 === 1 && n % 100 !== 11 ? "дня" : "дней")

/** The anchor in the genitive, as it follows «до» / «со». */
export const renderAnchor = (anchor: Anchor): string => {
  switch (anchor._tag) {
    case "VotingDay":
      return anchor.which === "first" ? "первого дня голосования" : "дня голосования"
    case "CallingPublished":
      return "дня официального опубликования решения о назначении выборов"
    case "TaskAnchor":
      return `дня выполнения мероприятия «${anchor.task}»`
  }
}

const from = (anchor: Anchor): string => {
  const a = renderAnchor(anchor)
  return `${a.startsWith("дня") ? "со" : "с"} ${a}`
}

/**
 * The canonical Russian wording of a rule.
 *
 * @example
 * ```ts
 * render(notLaterThanBefore(40, votingDay())) // "не позднее чем за 40 дней до дня голосования"
 * render(withinDaysFrom(10, callingPublished)) // "в течение 10 дней со дня официального опубликования решения о назначении выборов"
 * ```
 */
export const render = (rule: Rule): string => {
  switch (rule._tag) {
    case "NotLaterThanBefore":
      return `не позднее чем за ${rule.days} ${daysAccusative(rule.days)} до ${renderAnchor(rule.anchor)}`
    case "NotEarlierThanBefore":
      return `не ранее чем за ${rule.days} ${daysAccusative(rule.days)} до ${renderAnchor(rule.anchor)}`
    case "FromDayOf":
      return from(rule.anchor)
    case "WithinDaysFrom":
      return `в течение ${rule.days} ${daysGenitive(rule.days)} ${from(rule.anchor)}`
  }
}

/** A phrase the parser does not understand: where, which words, and what it expected there. */
export class PhraseNotUnderstood extends Schema.TaggedError<PhraseNotUnderstood>()("PhraseNotUnderstood", {
  phrase: Schema.String,
  /** Offset (UTF-16 code units) of the first word not understood. */
  offset: Schema.Int,
  /** The words not understood: the rest of the phrase from `offset`. */
  fragment: Schema.String,
  expected: Schema.Array(Schema.String),
  message: Schema.String
}) {}

// ---- the parser: recursive descent over the original string, keeping offsets

interface Failure {
  readonly at: number
  readonly expected: ReadonlyArray<string>
}
type Step<A> =
  | { readonly ok: true; readonly value: A; readonly at: number }
  | { readonly ok: false; readonly failure: Failure }

const ok = <A>(value: A, at: number): Step<A> => ({ ok: true, value, at })
const fail = <A>(at: number, ...expected: Array<string>): Step<A> => ({ ok: false, failure: { at, expected } })

const LETTER = /[A-Za-zА-Яа-яЁё]/
const skipSpace = (s: string, i: number): number => {
  while (i < s.length && /\s/.test(s[i]!)) i++
  return i
}

/** One word (case-insensitive, whole word) after optional spaces. */
const word = (s: string, i: number, ...alternatives: Array<string>): Step<string> => {
  const start = skipSpace(s, i)
  let end = start
  while (end < s.length && LETTER.test(s[end]!)) end++
  const w = s.slice(start, end).toLowerCase().replace(/ё/g, "е")
  const found = alternatives.find((a) => a === w)
  return found === undefined ? fail(start, ...alternatives.map((a) => `«${a}»`)) : ok(found, end)
}

/** A sequence of words. */
const words = (s: string, i: number, text: string): Step<null> => {
  let at = i
  for (const w of text.split(" ")) {
    const r = word(s, at, w)
    if (!r.ok) return fail(r.failure.at, ...r.failure.expected)
    at = r.at
  }
  return ok(null, at)
}

const punct = (s: string, i: number, ch: string): Step<null> => {
  const start = skipSpace(s, i)
  return s[start] === ch ? ok(null, start + 1) : fail(start, `«${ch}»`)
}

const optional = (r: Step<null>, i: number): number => (r.ok ? r.at : i)

const number = (s: string, i: number): Step<number> => {
  const start = skipSpace(s, i)
  let end = start
  while (end < s.length && /[0-9]/.test(s[end]!)) end++
  if (end === start || (end < s.length && LETTER.test(s[end]!))) return fail(start, "a number of days (1..999)")
  const n = Number(s.slice(start, end))
  return n >= 1 && n <= 999 ? ok(n, end) : fail(start, "a number of days (1..999)")
}

const dayNoun = (s: string, i: number): Step<string> => word(s, i, "день", "дня", "дней")

const taskId = (s: string, i: number): Step<TaskId> => {
  const open = punct(s, i, "«")
  if (!open.ok) return fail(open.failure.at, ...open.failure.expected)
  const close = s.indexOf("»", open.at)
  if (close < 0) return fail(open.at, "a task id closed by «»»")
  const raw = s.slice(open.at, close)
  const decoded = Decode.unknownEither(TaskId)(raw)
  return Either.isRight(decoded)
    ? ok(decoded.right, close + 1)
    : fail(open.at, 'a task id (letters, digits and "_.:-")')
}

/** The anchor after «до» / «со»: ["первого" | "последнего"] "дня" ... */
const anchor = (s: string, i: number): Step<Anchor> => {
  const ordinal = word(s, i, "первого", "последнего")
  if (ordinal.ok) {
    const rest = words(s, ordinal.at, "дня голосования")
    return rest.ok
      ? ok(new VotingDay({ which: ordinal.value === "первого" ? "first" : "last" }), rest.at)
      : fail(rest.failure.at, ...rest.failure.expected)
  }
  const day = word(s, i, "дня")
  if (!day.ok) return fail(day.failure.at, "«дня»", "«первого»", "«последнего»")
  const what = word(s, day.at, "голосования", "официального", "выполнения")
  if (!what.ok) return fail(what.failure.at, ...what.failure.expected)
  switch (what.value) {
    case "голосования":
      return ok(new VotingDay({ which: "last" }), what.at)
    case "официального": {
      const pub = word(s, what.at, "опубликования")
      if (!pub.ok) return fail(pub.failure.at, ...pub.failure.expected)
      let at = pub.at
      const paren = punct(s, at, "(")
      if (paren.ok) {
        const inner = words(s, paren.at, "публикации")
        if (!inner.ok) return fail(inner.failure.at, ...inner.failure.expected)
        const close = punct(s, inner.at, ")")
        if (!close.ok) return fail(close.failure.at, ...close.failure.expected)
        at = close.at
      }
      const rest = words(s, at, "решения о назначении выборов")
      return rest.ok ? ok(new CallingPublished(), rest.at) : fail(rest.failure.at, ...rest.failure.expected)
    }
    default: {
      const m = word(s, what.at, "мероприятия")
      if (!m.ok) return fail(m.failure.at, ...m.failure.expected)
      const id = taskId(s, m.at)
      return id.ok ? ok(new TaskAnchor({ task: id.value }), id.at) : fail(id.failure.at, ...id.failure.expected)
    }
  }
}

/** «с» / «со» then the anchor. */
const fromAnchor = (s: string, i: number): Step<Anchor> => {
  const prep = word(s, i, "со", "с")
  return prep.ok ? anchor(s, prep.at) : fail(prep.failure.at, ...prep.failure.expected)
}

/** "не позднее|ранее [,] чем за N дней до ANCHOR" */
const beforeRule = (s: string, i: number): Step<Rule> => {
  const ne = word(s, i, "не")
  if (!ne.ok) return fail(ne.failure.at, ...ne.failure.expected)
  const bound = word(s, ne.at, "позднее", "ранее")
  if (!bound.ok) return fail(bound.failure.at, ...bound.failure.expected)
  const chem = words(s, optional(punct(s, bound.at, ","), bound.at), "чем за")
  if (!chem.ok) return fail(chem.failure.at, ...chem.failure.expected)
  const n = number(s, chem.at)
  if (!n.ok) return fail(n.failure.at, ...n.failure.expected)
  const noun = dayNoun(s, n.at)
  if (!noun.ok) return fail(noun.failure.at, ...noun.failure.expected)
  const before = word(s, noun.at, "до")
  if (!before.ok) return fail(before.failure.at, ...before.failure.expected)
  const a = anchor(s, before.at)
  if (!a.ok) return fail(a.failure.at, ...a.failure.expected)
  const rule =
    bound.value === "позднее"
      ? new NotLaterThanBefore({ days: n.value, anchor: a.value })
      : new NotEarlierThanBefore({ days: n.value, anchor: a.value })
  return ok(rule, a.at)
}

/** "в течение N дней со ANCHOR" */
const withinRule = (s: string, i: number): Step<Rule> => {
  const head = words(s, i, "в течение")
  if (!head.ok) return fail(head.failure.at, ...head.failure.expected)
  const n = number(s, head.at)
  if (!n.ok) return fail(n.failure.at, ...n.failure.expected)
  const noun = dayNoun(s, n.at)
  if (!noun.ok) return fail(noun.failure.at, ...noun.failure.expected)
  const a = fromAnchor(s, noun.at)
  return a.ok
    ? ok(new WithinDaysFrom({ days: n.value, anchor: a.value }), a.at)
    : fail(a.failure.at, ...a.failure.expected)
}

/** "со ANCHOR" */
const fromRule = (s: string, i: number): Step<Rule> => {
  const a = fromAnchor(s, i)
  return a.ok ? ok(new FromDayOf({ anchor: a.value }), a.at) : fail(a.failure.at, ...a.failure.expected)
}

/**
 * Parses a Russian rule phrase. The phrase is understood whole or not at
 * all: a {@link PhraseNotUnderstood} gives the offset of the first word not
 * understood, the words from there, and what was expected.
 *
 * @example
 * ```ts
 * parse("не позднее чем за 1 день до дня голосования")   // Either.right(NotLaterThanBefore { days: 1, ... })
 * parse("не позднее чем за сорок дней до дня голосования") // Either.left: offset 18, fragment "сорок дней до дня голосования"
 * ```
 */
export const parse = (phrase: string): Either.Either<Rule, PhraseNotUnderstood> => {
  const attempts = [beforeRule(phrase, 0), withinRule(phrase, 0), fromRule(phrase, 0)]
  let furthest: Failure = { at: -1, expected: [] }
  for (const r of attempts) {
    if (r.ok) {
      const end = skipSpace(phrase, optional(punct(phrase, r.at, "."), r.at))
      if (end === phrase.length) return Either.right(r.value)
      if (end > furthest.at) furthest = { at: end, expected: ["the end of the phrase"] }
    } else if (r.failure.at > furthest.at) {
      furthest = r.failure
    } else if (r.failure.at === furthest.at) {
      furthest = { at: furthest.at, expected: [...furthest.expected, ...r.failure.expected] }
    }
  }
  const at = Math.max(0, furthest.at)
  const fragment = phrase.slice(at)
  const expected = [...new Set(furthest.expected)]
  return Either.left(
    new PhraseNotUnderstood({
      phrase,
      offset: at,
      fragment,
      expected,
      message: `not understood at offset ${at}: "${fragment}"; expected ${expected.join(" or ")}`
    })
  )
}

// ---- Schemas: rules written in words ----------------------------------------

/** The parse issue of a phrase not understood: its message names the offset and the words not understood. */
const notUnderstood =
  (ast: SchemaAST.AST, phrase: string) =>
  (e: PhraseNotUnderstood): ParseResult.ParseIssue =>
    new ParseResult.Type(ast, phrase, e.message)

/**
 * A rule written in words: decodes a phrase (as {@link parse} reads it) to
 * its rule, encodes a rule to its canonical wording ({@link render}). A
 * phrase not understood fails with the message of {@link PhraseNotUnderstood}:
 * the offset, the words not understood, and what was expected there.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { Elections } from "cityhall"
 *
 * Schema.decodeUnknownEither(Elections.Phrase.RuleFromPhrase)("не позднее чем за 40 дней до дня голосования")
 * // Either.right(NotLaterThanBefore { days: 40, anchor: VotingDay { which: "last" } })
 * ```
 */
export const RuleFromPhrase: Schema.Schema<Rule, string> = Schema.transformOrFail(
  Schema.String,
  Schema.typeSchema(Rule),
  {
    strict: true,
    decode: (phrase, _, ast) => Either.mapLeft(parse(phrase), notUnderstood(ast, phrase)),
    encode: (rule) => ParseResult.succeed(render(rule))
  }
).annotations({ identifier: "RuleFromPhrase" })

const ISO_DAY = /^\s*\d{4}-\d{2}-\d{2}\s*$/
const decodeDay = ParseResult.decodeUnknownEither(Day)

/**
 * A timing written in words: a rule's phrase, or a fixed date written as
 * `YYYY-MM-DD`. Encodes a rule to its canonical wording and a fixed date to
 * its day.
 *
 * @example
 * ```ts
 * Schema.decodeUnknownEither(TimingFromPhrase)("2021-08-01") // Either.right(FixedDate { date: "2021-08-01" })
 * ```
 */
export const TimingFromPhrase: Schema.Schema<Timing, string> = Schema.transformOrFail(
  Schema.String,
  Schema.typeSchema(Timing),
  {
    strict: true,
    decode: (words, _, ast): Either.Either<Timing, ParseResult.ParseIssue> =>
      ISO_DAY.test(words)
        ? Either.map(decodeDay(words.trim()), (date) => new FixedDate({ date }))
        : Either.mapLeft(parse(words), notUnderstood(ast, words)),
    encode: (timing) => ParseResult.succeed(timing._tag === "FixedDate" ? timing.date : render(timing))
  }
).annotations({ identifier: "TimingFromPhrase" })
