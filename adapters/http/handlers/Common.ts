/**
 * What every handler module shares: errors mapped to the API's, the page
 * size under the limits, the principal of the request.
 *
 * @internal
 */
import { Effect } from "effect"
import { type HttpError, InvalidInput, toHttp } from "../HttpErrors.js"
import * as Limits from "../Limits.js"

/** A use case's typed errors as the API's (status set by the Api's error classes). */
export const http = <A, E extends { readonly _tag: string }, R>(
  self: Effect.Effect<A, E, R>
): Effect.Effect<A, HttpError, R> => Effect.mapError(self, toHttp)

/** The page size asked for, within the limits (more is 400 naming `limit`). */
export const pageSize = (limit: number | undefined) =>
  Effect.flatMap(Limits.Limits, (limits) =>
    limit !== undefined && limit > limits.maxPageSize
      ? Effect.fail(
          new InvalidInput({
            field: "limit",
            message: `limit: at most ${limits.maxPageSize} items per page, got ${limit}`
          })
        )
      : Effect.succeed(limit ?? limits.defaultPageSize)
  )
