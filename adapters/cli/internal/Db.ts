/**
 * The store of a command (`--db PATH`): the SQLite adapter over a file,
 * with storage failures as one-line input errors.
 *
 * @module
 */
import { existsSync, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { Effect, Layer, type Scope } from "effect"
import type * as Ports from "../../../src/ports/index.js"
import { SqliteStore } from "../../sqlite/index.js"
import { InputError } from "../Output.js"

/** The default store of the CLI. */
export const DEFAULT_DB = "cityhall.sqlite"

/** The failures of storage, as the CLI reports them. */
export const storageError = (e: { readonly _tag: string; readonly message: string }): InputError =>
  new InputError({ kind: e._tag, message: `--db: ${e.message}` })

/** Runs an effect on the store at `path` (in a scope that closes with the store); `create` makes the file (and its folder) when missing. */
export const withStore = <A, E>(
  path: string,
  create: boolean,
  effect: Effect.Effect<
    A,
    E,
    | Ports.EventStore.EventStore
    | Ports.EventStore.Maintenance
    | Ports.ReadModels.ReadModels
    | Ports.Search.Search
    | Scope.Scope
  >
): Effect.Effect<A, E | InputError> =>
  Effect.suspend(() => {
    if (!create && !existsSync(path)) {
      return Effect.fail(
        new InputError({
          kind: "NoStore",
          message: `--db: no store at ${path}; create one with 'cityhall demo --db ${path}' or 'cityhall import FILE --db ${path}'`
        })
      )
    }
    if (create) mkdirSync(dirname(path), { recursive: true })
    const layer = SqliteStore.layer({ filename: path }).pipe(
      Layer.mapError((e) => new InputError({ kind: "StorageError", message: `--db: ${path}: ${e.message}` }))
    )
    return Effect.scoped(Effect.provide(effect, layer))
  })
