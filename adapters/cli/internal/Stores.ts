/**
 * The store of a command, by URL: `sqlite:PATH` (or a bare path) for one
 * machine, a `postgres://` URL for a city that outgrows one. The same
 * commands, outputs and tests run on both. Storage failures become
 * one-line input errors naming the option.
 *
 * @module
 */
import { existsSync, mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { Effect, Either, Layer, Redacted, type Scope } from "effect"
import { App, Appeals } from "../../../src/index.js"
import type * as Ports from "../../../src/ports/index.js"
import { PostgresStore } from "../../postgres/index.js"
import { SqliteStore } from "../../sqlite/index.js"
import { InputError } from "../Output.js"

/** What a command runs on. */
export type StoreServices =
  | Ports.EventStore.EventStore
  | Ports.EventStore.Maintenance
  | Ports.ReadModels.ReadModels
  | Ports.Search.Search
  | Ports.Outbox.Outbox
  | Scope.Scope

/** Parses a store option (`sqlite:PATH`, a bare path, `postgres://…`), naming the option on failure. */
export const parse = (option: string, url: string): Either.Either<App.Config.Store, InputError> =>
  Either.mapLeft(
    App.Config.parseStore(url),
    (e) => new InputError({ kind: "InvalidStore", message: `${option}: ${e.message.replace(/^store: /, "")}` })
  )

/** A store's URL as safe to print (a PostgreSQL password hidden). */
export const printable = (store: App.Config.Store): string =>
  store.kind === "sqlite" ? store.url : store.url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")

/**
 * Runs an effect on a store (in a scope that closes with the store).
 * `create`: make a SQLite file (and its folder) when missing; without it a
 * missing file is `NoStore`. A PostgreSQL database must exist; its schema is
 * migrated on open (as SQLite's). `migrations`: `"apply"` migrates on open
 * (`demo`, `import`); `"check"` refuses a store with a pending migration
 * and one whose appeal read models an earlier version wrote
 * (`Appeals.AppealRecords.readModelsBehind`: `ReadModelsBehind`, run
 * `cityhall rebuild`); `"rebuild"` checks the migrations only (what
 * `cityhall rebuild` opens the store with).
 */
export const withStore = <A, E>(
  option: string,
  store: App.Config.Store,
  create: boolean,
  body: Effect.Effect<A, E, StoreServices>,
  migrations: "apply" | "check" | "rebuild" = "apply"
): Effect.Effect<A, E | InputError> =>
  Effect.suspend(() => {
    const failed = (e: { readonly message: string }) =>
      new InputError({ kind: "StorageError", message: `${option}: ${printable(store)}: ${e.message}` })
    // a command that reads ("check") refuses read models an earlier version wrote; `rebuild` is what fills them
    const effect =
      migrations === "check"
        ? Effect.zipRight(
            Effect.flatMap(Effect.mapError(Appeals.AppealRecords.readModelsBehind, failed), (behind) =>
              behind
                ? Effect.fail(
                    new InputError({
                      kind: "ReadModelsBehind",
                      message: `${option}: ${printable(store)}: the store's read models of appeals were written by an earlier version (the reports' counters are missing); run 'cityhall rebuild' first`
                    })
                  )
                : Effect.void
            ),
            body
          )
        : body
    const mode = migrations === "apply" ? "apply" : "check"
    if (store.kind === "sqlite") {
      if (!create && !existsSync(store.path))
        return Effect.fail(
          new InputError({
            kind: "NoStore",
            message: `${option}: no store at ${store.path}; create one with 'cityhall demo --store ${store.url}' or 'cityhall import FILE --store ${store.url}'`
          })
        )
      if (create) mkdirSync(dirname(store.path), { recursive: true })
      return Effect.scoped(
        Effect.provide(
          effect,
          SqliteStore.layer({ filename: store.path, migrations: mode }).pipe(Layer.mapError(failed))
        )
      )
    }
    return Effect.scoped(
      Effect.provide(
        effect,
        PostgresStore.layer({ url: Redacted.make(store.url), migrations: mode }).pipe(Layer.mapError(failed))
      )
    )
  })

/**
 * Applies the store's pending migrations (`cityhall migrate`), creating a
 * SQLite file when missing; answers the ids applied now.
 */
export const migrate = (option: string, store: App.Config.Store): Effect.Effect<ReadonlyArray<number>, InputError> =>
  Effect.suspend(() => {
    const failed = (e: { readonly message: string }) =>
      new InputError({ kind: "StorageError", message: `${option}: ${printable(store)}: ${e.message}` })
    if (store.kind === "sqlite") {
      mkdirSync(dirname(store.path), { recursive: true })
      return Effect.mapError(SqliteStore.migrate(store.path), failed)
    }
    return Effect.mapError(PostgresStore.migrate({ url: Redacted.make(store.url) }), failed)
  })
