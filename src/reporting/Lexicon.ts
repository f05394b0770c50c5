/**
 * The report's nouns and the adjectives that agree with them, in both
 * languages, and counted phrases built from them ("161 человек",
 * "145 устных обращений", "1 обращение").
 *
 * Russian adjectives here agree with a neuter or masculine noun after a
 * numeral: nominative singular after `one` ("21 письменное"), genitive
 * plural after `few` and `many` ("3780 письменных", "145 устных"), genitive
 * singular after a fraction ("1,5 письменного обращения").
 *
 * @example
 * ```ts
 * import { Reporting } from "cityhall"
 *
 * const { Lexicon } = Reporting
 * Lexicon.count("ru", 145, Lexicon.oral, Lexicon.appeal) // "145 устных обращений"
 * Lexicon.count("ru", 161, Lexicon.person)               // "161 человек"
 * Lexicon.count("en", 11384, Lexicon.appeal)             // "11,384 appeals"
 * ```
 *
 * @module
 */
import * as Numbers from "./Numbers.js"
import * as Plural from "./Plural.js"

/** A word in both languages with its plural forms. */
export interface Word {
  readonly ru: Plural.RuForms
  readonly en: Plural.EnForms
}

const w = (one: string, few: string, many: string, other: string, en: string, enOther = en): Word => ({
  ru: { one, few, many, other },
  en: { one: en, other: enOther }
})

/** обращение / appeal. */
export const appeal: Word = w("обращение", "обращения", "обращений", "обращения", "appeal", "appeals")
/** человек / person ("161 человек", "161 people"). */
export const person: Word = w("человек", "человека", "человек", "человека", "person", "people")
/** письменное / written (agrees with a neuter noun). */
export const written: Word = w("письменное", "письменных", "письменных", "письменного", "written")
/** электронное / electronic (agrees with a neuter noun). */
export const electronic: Word = w("электронное", "электронных", "электронных", "электронного", "electronic")
/** устное / oral (agrees with a neuter noun). */
export const oral: Word = w("устное", "устных", "устных", "устного", "oral")
/** личный приём / personal reception. */
export const reception: Word = w("приём", "приёма", "приёмов", "приёма", "reception", "receptions")
/** информационная встреча / information meeting. */
export const meeting: Word = w("встреча", "встречи", "встреч", "встречи", "meeting", "meetings")
/** вопрос / question. */
export const question: Word = w("вопрос", "вопроса", "вопросов", "вопроса", "question", "questions")
/** мероприятие / activity. */
export const activity: Word = w("мероприятие", "мероприятия", "мероприятий", "мероприятия", "activity", "activities")
/** структурное подразделение / division (noun only: "подразделение"). */
export const division: Word = w(
  "подразделение",
  "подразделения",
  "подразделений",
  "подразделения",
  "division",
  "divisions"
)
/** задача / task. */
export const task: Word = w("задача", "задачи", "задач", "задачи", "task", "tasks")
/** нарушение / violation. */
export const violation: Word = w("нарушение", "нарушения", "нарушений", "нарушения", "violation", "violations")
/** заседание / session (of the Methodological Council, of the City Duma). */
export const session: Word = w("заседание", "заседания", "заседаний", "заседания", "session", "sessions")
/** решение / decision. */
export const decision: Word = w("решение", "решения", "решений", "решения", "decision", "decisions")
/** проект решения / draft decision. */
export const draft: Word = w(
  "проект решения",
  "проекта решения",
  "проектов решений",
  "проекта решения",
  "draft decision",
  "draft decisions"
)
/** поручение / instruction. */
export const instruction: Word = w("поручение", "поручения", "поручений", "поручения", "instruction", "instructions")
/** экземпляр / copy (of a manual sent out). */
export const copy: Word = w("экземпляр", "экземпляра", "экземпляров", "экземпляра", "copy", "copies")
/** получатель / recipient. */
export const recipient: Word = w("получатель", "получателя", "получателей", "получателя", "recipient", "recipients")
/**
 * направлен(о) / was (were) sent: the participle before a counted masculine
 * noun ("направлен 1 экземпляр", "направлено 12 экземпляров"; "1 copy was
 * sent", "12 copies were sent").
 */
export const sent: Word = w("направлен", "направлено", "направлено", "направлено", "was sent", "were sent")
/** подготовлен(о) / prepared: the participle before a counted masculine noun ("подготовлен 1 проект решения", "подготовлено 5 проектов решений"). */
export const prepared: Word = w("подготовлен", "подготовлено", "подготовлено", "подготовлено", "prepared")
/** день / day. */
export const day: Word = w("день", "дня", "дней", "дня", "day", "days")

/**
 * The forms of `word` for `n` in `lang`.
 *
 * @example
 * ```ts
 * form("ru", 22, appeal) // "обращения"
 * ```
 */
export const form = (lang: Plural.Lang, n: number, word: Word, options?: Plural.PluralOptions): string =>
  lang === "ru" ? Plural.plural("ru", n, word.ru, options) : Plural.plural("en", n, word.en, options)

/**
 * The number formatted for `lang` followed by each word in the form that
 * agrees with it.
 *
 * @example
 * ```ts
 * count("ru", 1, appeal)                // "1 обращение"
 * count("ru", 3780, written)            // "3780 письменных"
 * count("ru", 1.5, appeal)              // "1,5 обращения"
 * count("en", 145, oral, appeal)        // "145 oral appeals"
 * ```
 */
export const count = (lang: Plural.Lang, n: number, ...words: ReadonlyArray<Word>): string => count_(lang, n, words)

/** Like {@link count} with the number printed with exactly `fractionDigits` digits. */
export const countWith = (
  lang: Plural.Lang,
  n: number,
  options: { readonly fractionDigits?: number; readonly grouping?: boolean },
  ...words: ReadonlyArray<Word>
): string => count_(lang, n, words, options)

const count_ = (
  lang: Plural.Lang,
  n: number,
  words: ReadonlyArray<Word>,
  options?: { readonly fractionDigits?: number; readonly grouping?: boolean }
): string => {
  const num = Numbers.formatNumber(lang, n, options ?? {})
  const pluralOptions = options?.fractionDigits === undefined ? undefined : { fractionDigits: options.fractionDigits }
  return [num, ...words.map((wd) => form(lang, n, wd, pluralOptions))].join(" ")
}
