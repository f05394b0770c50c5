/**
 * `cityhall/adapters/http`: the HTTP transport adapter — one `HttpApi`
 * definition ({@link Api}) from which come the server ({@link Server}), the
 * typed client ({@link Client}) and the OpenAPI document; roles and
 * bearer-token authentication ({@link Auth}); limits ({@link Limits}); the
 * guards and graceful stop of a `node:http` listener ({@link Listener}); the
 * access every operation requires ({@link Operations}); the error -> status
 * map ({@link HttpErrors}).
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { Auth, Limits, Server } from "cityhall/adapters/http"
 * import { MemoryStore } from "cityhall/adapters/memory"
 *
 * const { handler, dispose } = Server.webHandler(
 *   Layer.mergeAll(MemoryStore.layer, Auth.HmacTokens.layer({ secret: "at least sixteen chars" }), Limits.layer())
 * )
 * const response = await handler(new Request("http://localhost/open311/v2/services.json"))
 * ```
 *
 * @module
 */
export * as Api from "./Api.js"
export * as Auth from "./Auth.js"
export * as Client from "./Client.js"
export * as HttpErrors from "./HttpErrors.js"
export * as Jwt from "./Jwt.js"
export * as Limits from "./Limits.js"
export * as Listener from "./Listener.js"
export * as Operations from "./Operations.js"
export * as Server from "./Server.js"
