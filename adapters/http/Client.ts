/**
 * The typed client of the API, derived from the same definition as the
 * server: every endpoint is a method, every rejection a typed error.
 *
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * import { Client } from "cityhall/adapters/http"
 *
 * const program = Effect.gen(function* () {
 *   const api = yield* Client.make("http://127.0.0.1:8080", { token: "<bearer token>" })
 *   return yield* api.appeals.get({ path: { id: "E-2021-00001" } })
 * }).pipe(Effect.provide(FetchHttpClient.layer))
 * ```
 *
 * @module
 */
import { HttpApiClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { Api } from "./Api.js"

/** A client of the API at `baseUrl`, sending `token` as a bearer token when given. Needs an `HttpClient`. */
export const make = (baseUrl: string, options: { readonly token?: string } = {}) =>
  HttpApiClient.make(Api, {
    baseUrl,
    ...(options.token !== undefined
      ? { transformClient: HttpClient.mapRequest(HttpClientRequest.bearerToken(options.token)) }
      : {})
  })
