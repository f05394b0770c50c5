/**
 * The subject scheme: `<prefix>.<category>.<EventType>`, e.g.
 * `cityhall.appeal.AppealRegistered`. The prefix may have several tokens
 * (`city.events`); category and type are sanitised to one subject token each
 * (characters other than letters, digits, `_` and `-` become `_`), so a
 * subscriber can filter by area (`cityhall.appeal.>`) or by event type
 * (`cityhall.*.AppealAnswered`). The envelope always carries the exact
 * category and type; the subject is for routing only.
 *
 * @example
 * ```ts
 * import { Subjects } from "cityhall/adapters/nats"
 *
 * Subjects.subjectOf("cityhall", "appeal", "AppealRegistered") // "cityhall.appeal.AppealRegistered"
 * Subjects.token("plan item.v2")                               // "plan_item_v2"
 * Subjects.all("cityhall")                                     // "cityhall.>"
 * Subjects.area("cityhall", "appeal")                          // "cityhall.appeal.*"
 * ```
 *
 * @module
 */
import { Either } from "effect"

/** The default subject prefix. */
export const defaultPrefix = "cityhall"

/** One subject token: anything but letters, digits, `_` and `-` becomes `_`; an empty value becomes `_`. */
export const token = (value: string): string => {
  const t = value.replace(/[^A-Za-z0-9_-]/g, "_")
  return t.length === 0 ? "_" : t
}

/**
 * Checks a subject prefix: one or more dot-separated tokens of letters,
 * digits, `_` and `-` (no wildcards, no spaces, no empty token).
 */
export const validatePrefix = (prefix: string): Either.Either<string, string> =>
  /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(prefix)
    ? Either.right(prefix)
    : Either.left(
        `invalid subject prefix ${JSON.stringify(prefix)}: use dot-separated tokens of letters, digits, _ and -`
      )

/** The subject of an event: `<prefix>.<category>.<type>`, category and type sanitised. */
export const subjectOf = (prefix: string, category: string, type: string): string =>
  `${prefix}.${token(category)}.${token(type)}`

/** Every event under a prefix: `<prefix>.>` (the stream's subject). */
export const all = (prefix: string): string => `${prefix}.>`

/** Every event of one area (category): `<prefix>.<category>.*`. */
export const area = (prefix: string, category: string): string => `${prefix}.${token(category)}.*`

/** One event type of one area: `<prefix>.<category>.<type>` (same as {@link subjectOf}). */
export const eventType = (prefix: string, category: string, type: string): string => subjectOf(prefix, category, type)
