/**
 * Revoked tokens: the city's revocation list, kept in the store so that
 * every server instance refuses a revoked token at once. A token carries an
 * id (`jti`); revoking records it with the reason and who revoked it.
 * Revoking is for administrators; revoking again is no change.
 *
 * @module
 */
import { Effect, Either, Option, Schema } from "effect"
import type * as Decider from "../kernel/Decider.js"
import { ActorId } from "../kernel/Ids.js"
import { Instant } from "../kernel/TimeZone.js"
import * as Aggregate from "../ports/Aggregate.js"
import * as CommandHandler from "../ports/CommandHandler.js"
import * as Projection from "../ports/Projection.js"
import { AccessDenied } from "./Access.js"
import { now } from "./City.js"
import type { Principal } from "./Principal.js"

/** A token's id (`jti`): what a revocation names. */
export const TokenId = Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{8,128}$/)).annotations({
  identifier: "TokenId",
  description: "a token's id (jti): 8 to 128 of A-Z a-z 0-9 _ -"
})

/** Revoke a token. */
export class RevokeToken extends Schema.TaggedClass<RevokeToken>()("RevokeToken", {
  tokenId: TokenId,
  reason: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(500)),
  at: Instant,
  actor: ActorId
}) {}

/** A token was revoked. */
export class TokenRevoked extends Schema.TaggedClass<TokenRevoked>()("TokenRevoked", {
  tokenId: TokenId,
  reason: Schema.String,
  at: Instant,
  actor: ActorId
}) {}

const decider: Decider.Decider<RevokeToken, TokenRevoked, ReadonlySet<string>, never> = {
  initialState: new Set(),
  decide: (c, revoked) =>
    Either.right(
      revoked.has(c.tokenId)
        ? []
        : [new TokenRevoked({ tokenId: c.tokenId, reason: c.reason, at: c.at, actor: c.actor }, true)]
    ),
  evolve: (s, e) => new Set([...s, e.tokenId])
}

/** One revoked token. */
export const RevokedRow = Schema.Struct({ tokenId: TokenId, reason: Schema.String, revokedAt: Instant, by: ActorId })

/** The revocation list, by token id. */
export const Revoked = Projection.table({ name: "revoked_tokens", schema: RevokedRow, indexed: [] })

const revokedModels = Projection.make<TokenRevoked, ReadonlySet<string>>({
  name: "revoked_tokens",
  tables: [Revoked],
  counters: [],
  project: ({ envelope }) => [
    Projection.upsert(Revoked, envelope.event.tokenId, {
      tokenId: envelope.event.tokenId,
      reason: envelope.event.reason,
      revokedAt: envelope.event.at,
      by: envelope.event.actor
    })
  ]
})

/** The revocation list's aggregate: one stream per token revoked (category `token_revocation`). */
export const definition = Aggregate.make({
  category: "token_revocation",
  decider,
  eventSchema: TokenRevoked,
  commandSchema: RevokeToken,
  eventType: (e) => e._tag,
  projections: [revokedModels]
})

/** Revokes a token (administrators); revoking a token already revoked changes nothing. */
export const revoke = (p: Principal, tokenId: string, reason: string) =>
  Effect.gen(function* () {
    if (p.role !== "administrator")
      return yield* Effect.fail(
        new AccessDenied({ role: p.role, action: "revokeToken", message: `the role ${p.role} may not revoke tokens` })
      )
    const cmd = yield* Schema.decodeUnknown(RevokeToken)({
      _tag: "RevokeToken",
      tokenId,
      reason,
      at: (yield* now).toISOString(),
      actor: p.subject
    })
    return yield* CommandHandler.handle(definition, cmd.tokenId, cmd)
  })

/** Whether a token id is on the revocation list. */
export const isRevoked = (tokenId: string) => Effect.map(Projection.get(Revoked, tokenId), Option.isSome)
