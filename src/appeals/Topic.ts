/**
 * Topics of appeals: the typical all-Russian thematic classifier of appeals
 * (типовой общероссийский тематический классификатор обращений).
 *
 * A code is `XXXX.XXXX.XXXX.XXXX` with an optional fifth level:
 * section . theme group . theme . question [. sub-question]. The package
 * ships the five sections and the second level (theme groups) with their
 * Russian names ({@link typical}); an administration loads its full
 * classifier as data with {@link fromData}. An appeal's topics are validated
 * with {@link validateAppealTopic}: an unknown code is an {@link UnknownTopic}.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Appeals } from "cityhall"
 *
 * const code = Appeals.Topic.parseAppealTopic("0005.0005.0056.1134")
 * if (Either.isRight(code)) {
 *   Appeals.Topic.validateAppealTopic(Appeals.Topic.typical, code.right) // Either.right(code.right)
 *   Appeals.Topic.atLevel(code.right, 1) // "0005"
 * }
 * ```
 *
 * @module
 */
import { Either, ParseResult, Schema } from "effect"
import * as Decode from "../kernel/Decode.js"

const CODE_RE = /^\d{4}(\.\d{4}){0,4}$/
const APPEAL_CODE_RE = /^\d{4}(\.\d{4}){3,4}$/

/** A code of any level of the classifier (1 to 5 groups of four digits). */
export const TopicCode = Schema.String.pipe(
  Schema.pattern(CODE_RE, { message: () => "expected a classifier code: 1 to 5 groups of four digits joined by dots" }),
  Schema.brand("TopicCode"),
  Schema.annotations({ identifier: "TopicCode" })
)
/** @see TopicCode */
export type TopicCode = typeof TopicCode.Type

/** The topic of an appeal: a question-level code `XXXX.XXXX.XXXX.XXXX`, with an optional fifth level. */
export const AppealTopicCode = Schema.String.pipe(
  Schema.pattern(APPEAL_CODE_RE, {
    message: () => "expected an appeal topic code XXXX.XXXX.XXXX.XXXX with an optional fifth level"
  }),
  Schema.brand("TopicCode"),
  Schema.annotations({ identifier: "AppealTopicCode" })
)
/** @see AppealTopicCode */
export type AppealTopicCode = TopicCode

/** The level of the classifier: 1 section, 2 theme group, 3 theme, 4 question, 5 sub-question. */
export const TopicLevel = Schema.Literal(1, 2, 3, 4, 5)
/** @see TopicLevel */
export type TopicLevel = typeof TopicLevel.Type

/** A code that is not well formed. */
export class MalformedTopicCode extends Schema.TaggedError<MalformedTopicCode>()("MalformedTopicCode", {
  input: Schema.String,
  message: Schema.String
}) {}

/** A well-formed code that the administration's classifier does not contain. */
export class UnknownTopic extends Schema.TaggedError<UnknownTopic>()("UnknownTopic", {
  code: Schema.String,
  /** The first level of the code that the classifier does not know. */
  unknownAt: TopicLevel,
  message: Schema.String
}) {}

/** Classifier data that contradicts itself. */
export class InvalidClassifier extends Schema.TaggedError<InvalidClassifier>()("InvalidClassifier", {
  reason: Schema.Literal("decode", "duplicateCode", "missingParent"),
  path: Schema.String,
  message: Schema.String
}) {}

/** One entry of the classifier. */
export class TopicEntry extends Schema.Class<TopicEntry>("TopicEntry")({
  code: TopicCode,
  name: Schema.String.pipe(Schema.minLength(1))
}) {}

/** The classifier as data (what an administration loads). */
export class ClassifierData extends Schema.Class<ClassifierData>("ClassifierData")({
  /** Where the data comes from (edition, act). */
  source: Schema.String,
  /**
   * Whether the data lists every code down to the question level. A partial
   * classifier (like the shipped one, two levels deep) validates the levels
   * it lists and accepts any well-formed deeper levels below a known entry.
   */
  complete: Schema.Boolean,
  entries: Schema.Array(TopicEntry)
}) {}

/** A loaded, checked classifier with an index for validation. */
export interface Classifier {
  readonly data: ClassifierData
  /** The deepest level the data lists. */
  readonly depth: number
  /** @internal */
  readonly names: ReadonlyMap<string, string>
}

/** The level of a code (number of its groups). */
export const levelOf = (code: TopicCode): TopicLevel => ((code.length + 1) / 5) as TopicLevel

/** The ancestor of a code at a level (the code itself when it is not deeper than `level`). */
export const atLevel = (code: TopicCode, level: TopicLevel): TopicCode =>
  code.length <= level * 5 - 1 ? code : (code.slice(0, level * 5 - 1) as TopicCode)

/** The parent of a code (none for a section). */
export const parentOf = (code: TopicCode): TopicCode | undefined =>
  code.length === 4 ? undefined : (code.slice(0, code.length - 5) as TopicCode)

const decodeCode = Decode.unknownEither(TopicCode)
const decodeAppealCode = Decode.unknownEither(AppealTopicCode)
const fmt = (e: ParseResult.ParseError) => ParseResult.TreeFormatter.formatErrorSync(e)

/** Parses a code of any level. */
export const parseTopicCode = (input: string): Either.Either<TopicCode, MalformedTopicCode> =>
  Either.mapLeft(decodeCode(input), (e) => new MalformedTopicCode({ input, message: fmt(e) }))

/** Parses an appeal's topic code (question level or sub-question level). */
export const parseAppealTopic = (input: string): Either.Either<TopicCode, MalformedTopicCode> =>
  Either.mapLeft(decodeAppealCode(input), (e) => new MalformedTopicCode({ input, message: fmt(e) }))

/** Builds a classifier from decoded data, checking unique codes and that every parent is listed. */
export const make = (data: ClassifierData): Either.Either<Classifier, InvalidClassifier> => {
  const names = new Map<string, string>()
  let depth = 0
  for (const [i, e] of data.entries.entries()) {
    if (names.has(e.code)) {
      return Either.left(
        new InvalidClassifier({
          reason: "duplicateCode",
          path: `entries[${i}].code`,
          message: `duplicate code ${e.code}`
        })
      )
    }
    names.set(e.code, e.name)
    depth = Math.max(depth, levelOf(e.code))
  }
  for (const [i, e] of data.entries.entries()) {
    const p = parentOf(e.code)
    if (p !== undefined && !names.has(p)) {
      return Either.left(
        new InvalidClassifier({
          reason: "missingParent",
          path: `entries[${i}].code`,
          message: `code ${e.code} has no parent entry ${p}`
        })
      )
    }
  }
  return Either.right({ data, depth, names })
}

const decodeData = Decode.unknownEither(ClassifierData)

/** Loads a classifier from outside data (e.g. JSON); every failure is an {@link InvalidClassifier} naming the place. */
export const fromData = (input: unknown): Either.Either<Classifier, InvalidClassifier> =>
  Either.flatMap(
    Either.mapLeft(decodeData(input, { errors: "first" }), (e) => {
      const issue = ParseResult.ArrayFormatter.formatErrorSync(e)[0]
      return new InvalidClassifier({ reason: "decode", path: issue?.path.join(".") ?? "", message: fmt(e) })
    }),
    make
  )

/** The Russian name of a code, when the classifier lists it. */
export const nameOf = (classifier: Classifier, code: TopicCode): string | undefined => classifier.names.get(code)

/**
 * Checks an appeal's topic against a classifier: every level the classifier
 * lists must be known; a complete classifier must list the code itself.
 */
export const validateAppealTopic = (
  classifier: Classifier,
  code: TopicCode
): Either.Either<TopicCode, UnknownTopic> => {
  const level = levelOf(code)
  const check = classifier.data.complete ? level : Math.min(level, classifier.depth)
  for (let l = 1; l <= check; l++) {
    const a = atLevel(code, l as TopicLevel)
    if (!classifier.names.has(a)) {
      return Either.left(
        new UnknownTopic({
          code,
          unknownAt: l as TopicLevel,
          message: `topic ${code}: ${a} is not in the classifier (${classifier.data.source})`
        })
      )
    }
  }
  return Either.right(code)
}

const e = (code: string, name: string) => new TopicEntry({ code: code as TopicCode, name })

/**
 * The sections and theme groups of the typical all-Russian thematic
 * classifier. Theme groups keep the numbering of the classifier of legal
 * acts the typical classifier follows (040 Family -> 0002.0004, 050 Housing
 * -> 0005.0005, ...).
 */
export const TYPICAL_DATA: ClassifierData = new ClassifierData({
  source: "Типовой общероссийский тематический классификатор обращений: разделы и тематики (два уровня)",
  complete: false,
  entries: [
    e("0001", "Государство, общество, политика"),
    e("0001.0001", "Конституционный строй"),
    e("0001.0002", "Основы государственного управления"),
    e("0001.0003", "Гражданское право"),
    e("0001.0020", "Международные отношения. Международное право"),
    e("0002", "Социальная сфера"),
    e("0002.0004", "Семья"),
    e("0002.0006", "Труд и занятость населения"),
    e("0002.0007", "Социальное обеспечение и социальное страхование"),
    e("0002.0013", "Образование. Наука. Культура"),
    e("0002.0014", "Здравоохранение. Физическая культура и спорт. Туризм"),
    e("0003", "Экономика"),
    e("0003.0008", "Финансы"),
    e("0003.0009", "Хозяйственная деятельность"),
    e("0003.0010", "Внешнеэкономическая деятельность. Таможенное дело"),
    e("0003.0011", "Природные ресурсы и охрана окружающей природной среды"),
    e("0003.0012", "Информация и информатизация"),
    e("0004", "Оборона, безопасность, законность"),
    e("0004.0015", "Оборона"),
    e("0004.0016", "Безопасность и охрана правопорядка"),
    e("0004.0017", "Уголовное право. Исполнение наказаний"),
    e("0004.0018", "Правосудие"),
    e("0004.0019", "Прокуратура. Органы юстиции. Адвокатура. Нотариат"),
    e("0005", "Жилищно-коммунальная сфера"),
    e("0005.0005", "Жилище")
  ]
})

/** The shipped (partial, two-level) typical classifier. */
export const typical: Classifier = Either.getOrThrow(make(TYPICAL_DATA))
