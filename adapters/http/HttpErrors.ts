/**
 * The errors of the HTTP API and the one place where domain and storage
 * errors become HTTP statuses ({@link toHttp}). Every answer other than a
 * success is one of these classes (or the platform's `HttpApiDecodeError`,
 * 400, for a body, path or query that does not decode), so the typed client
 * decodes every rejection and every rejection names what was wrong.
 *
 * | class | status | when |
 * |---|---|---|
 * | `HttpApiDecodeError` (platform) | 400 | the request does not decode; `issues[].path` names the field |
 * | {@link InvalidInput} | 400 | a field the core refused as malformed or inconsistent (`field`), a page too large or a bad query (`limit`) |
 * | {@link Unauthorized} | 401 | no bearer token, a bad signature, an expired token |
 * | {@link Forbidden} | 403 | the role may not do this, or not to this appeal / division |
 * | {@link NotFound} | 404 | no such appeal, calendar, task |
 * | {@link Conflict} | 409 | a concurrent writer won, an idempotency key reused, an id taken |
 * | {@link PayloadTooLarge} | 413 | the body is over the configured limit |
 * | {@link RuleViolated} | 422 | a rule of the core refused the command; `rule` names it |
 * | {@link RateLimited} | 429 | the client's token bucket is empty |
 * | {@link Unavailable} | 503 | the storage failed (nothing was half-written) |
 *
 * @module
 */
import { HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"

/** The key as the client sent it (the store scopes it to the principal: `role/subject/key`). */
const clientKey = (scoped: string): string => scoped.split("/").slice(2).join("/") || scoped

/** A field of the request that the core refused (400). */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()(
  "InvalidInput",
  {
    /** The field, as a path (`topics[0]`, `applicant.email`, `limit`). */
    field: Schema.String,
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 400 })
) {}

/** No valid credentials (401). */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()(
  "Unauthorized",
  {
    reason: Schema.Literal("missing", "malformed", "badSignature", "expired", "unknownRole", "revoked"),
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 401 })
) {}

/** The credentials are valid but do not allow this (403). */
export class Forbidden extends Schema.TaggedError<Forbidden>()(
  "Forbidden",
  {
    role: Schema.String,
    action: Schema.String,
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 403 })
) {}

/** Nothing with that id (404). */
export class NotFound extends Schema.TaggedError<NotFound>()(
  "NotFound",
  {
    what: Schema.String,
    id: Schema.String,
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 404 })
) {}

/** A conflict with the stored state: a concurrent writer, a reused idempotency key, an id already taken (409). */
export class Conflict extends Schema.TaggedError<Conflict>()(
  "Conflict",
  {
    reason: Schema.Literal("concurrency", "idempotencyKey", "exists"),
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 409 })
) {}

/** The request body is over the limit (413). */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()(
  "PayloadTooLarge",
  {
    limitBytes: Schema.Int,
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 413 })
) {}

/** A rule of the core refused the command (422); `rule` names it (`ExtensionRefused.totalExceedsLimit`). */
export class RuleViolated extends Schema.TaggedError<RuleViolated>()(
  "RuleViolated",
  {
    rule: Schema.String,
    /** What the rule is about, when the core names it: the report entry's activity, the field, the question. */
    subject: Schema.optionalWith(Schema.String, { exact: true }),
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 422 })
) {}

/** Too many requests from this client (429). */
export class RateLimited extends Schema.TaggedError<RateLimited>()(
  "RateLimited",
  {
    retryAfterSeconds: Schema.Number,
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 429 })
) {}

/** The storage failed; nothing was half-written (503). */
export class Unavailable extends Schema.TaggedError<Unavailable>()(
  "Unavailable",
  {
    reason: Schema.String,
    message: Schema.String
  },
  HttpApiSchema.annotations({ status: 503 })
) {}

/** Every error the handlers answer. */
export type HttpError =
  | InvalidInput
  | Unauthorized
  | Forbidden
  | NotFound
  | Conflict
  | PayloadTooLarge
  | RuleViolated
  | RateLimited
  | Unavailable

interface Tagged {
  readonly _tag: string
  readonly message?: string
}

const str = (e: object, k: string): string | undefined => {
  const v = (e as Record<string, unknown>)[k]
  return typeof v === "string" ? v : undefined
}

/**
 * Maps an error of the core or of the storage ports to its HTTP error:
 * input errors (`InvalidAppealInput`, `MalformedTopicCode`, `UnknownTopic`,
 * `InvalidPlanCommand`, the ports' `InvalidCommand`, `InvalidMeetingsInput`, `InvalidElectionInput`,
 * `MalformedId`, a read-model query's `InvalidQuery`) to 400 naming the field; a plan, reception or meeting that
 * does not exist to 404; conflicts to 409; storage failures to 503; every
 * other domain error to 422 naming the rule (the tag, and its `reason`,
 * `ground` or `rule` when it has one) and, as `subject`, what it is about
 * (a report entry's activity, a field).
 */
export const toHttp = (e: Tagged): HttpError => {
  const message = e.message ?? e._tag
  if (
    e instanceof InvalidInput ||
    e instanceof Unauthorized ||
    e instanceof Forbidden ||
    e instanceof NotFound ||
    e instanceof Conflict ||
    e instanceof PayloadTooLarge ||
    e instanceof RuleViolated ||
    e instanceof RateLimited ||
    e instanceof Unavailable
  )
    return e
  switch (e._tag) {
    case "AccessDenied": // the access policy (App.Access): `action` is the policy's action
      return new Forbidden({ role: str(e, "role") ?? "", action: str(e, "action") ?? "", message })
    case "RecordNotFound":
      return new NotFound({ what: str(e, "what") ?? "", id: str(e, "id") ?? "", message })
    case "InvalidRequest":
    case "InvalidMonitoringMonth":
      return new InvalidInput({ field: str(e, "field") ?? "", message })
    case "InvalidElectionInput":
    case "InvalidAppealInput":
      return new InvalidInput({ field: str(e, "field") ?? "", message })
    case "MalformedTopicCode":
    case "UnknownTopic":
      return new InvalidInput({ field: "topics", message })
    case "InvalidMeetingsInput":
      return new InvalidInput({ field: str(e, "field") ?? "", message })
    case "InvalidPlanCommand":
      return new InvalidInput({ field: str(e, "path") ?? "", message })
    case "InvalidCommand": // the command handler's: input that is not a command of the aggregate
      return new InvalidInput({ field: "", message })
    case "MalformedId":
      return new InvalidInput({ field: str(e, "kind") ?? "", message })
    case "DeadlineUnavailable": // a day the production calendar does not cover (before 2019, or a due date past 2199)
    case "CalendarOutOfRange":
      return new InvalidInput({ field: str(e, "field") ?? "day", message })
    case "InvalidQuery": // a read-model query the caller got wrong: `field` names it (`limit`, `where.division`)
      return new InvalidInput({ field: str(e, "field") ?? "query", message })
    case "ConcurrencyConflict":
      return new Conflict({ reason: "concurrency", message })
    case "IdempotencyKeyConflict":
      return new Conflict({
        reason: "idempotencyKey",
        message:
          str(e, "reason") === "otherPayload"
            ? `Idempotency-Key: the key ${JSON.stringify(clientKey(str(e, "key") ?? ""))} was used for another request; send a new key for a new request`
            : `Idempotency-Key: the key ${JSON.stringify(clientKey(str(e, "key") ?? ""))} was used for ${str(e, "firstStream") ?? "another stream"}`
      })
    case "ElectionAlreadyRegistered":
    case "DuplicateRegistrationNumber":
    case "OutgoingNumberReused": // an outgoing number another answer holds: numbers are never reused
      return new Conflict({ reason: "exists", message })
    case "StorageError":
    case "CorruptEvent":
    case "CorruptRow":
    case "EncodeError":
      return new Unavailable({ reason: e._tag, message })
    default: {
      if (
        e._tag === "TransitionNotAllowed" &&
        str(e, "command")?.startsWith("Register") === true &&
        str(e, "state") !== "Unregistered"
      ) {
        return new Conflict({ reason: "exists", message })
      }
      const rule = str(e, "rule")
      if (rule === "notCreated" || rule === "notScheduled") {
        const what = str(e, "plan") !== undefined ? "plan" : str(e, "reception") !== undefined ? "reception" : "meeting"
        const id = str(e, "plan") ?? str(e, "reception") ?? str(e, "meeting") ?? ""
        return new NotFound({ what, id, message })
      }
      const detail = str(e, "reason") ?? str(e, "ground") ?? rule
      const subject = str(e, "activity") ?? str(e, "subject") ?? str(e, "field")
      return new RuleViolated({
        rule: detail === undefined ? e._tag : `${e._tag}.${detail}`,
        ...(subject !== undefined ? { subject } : {}),
        message
      })
    }
  }
}
