/**
 * What a command runs with, from its options and the city's configuration
 * file: the city (`App.City`, for the use cases), the store and the token
 * settings. The options a command takes (`--config`, `--store`, `--db`,
 * `--calendar`) override the file; without a file a command runs as the
 * reference city on its `--db`/`--store`.
 *
 * @module
 */
import { Either } from "effect"
import { App } from "../../../src/index.js"
import { InputError } from "../Output.js"
import * as Values from "../Values.js"
import * as Config from "./Config.js"
import * as Stores from "./Stores.js"

/** The options every command on a store takes. */
export const storeOptions = {
  config: {
    type: "string",
    value: "FILE",
    description: `the city's configuration (default ./${Config.DEFAULT_CONFIG} when present; docs/config.md)`
  },
  store: {
    type: "string",
    value: "URL",
    description:
      "the store: sqlite:PATH (or a path) or postgres://user@host:port/database (overrides the configuration)"
  }
} as const

/** `--db PATH`: the SQLite store, as before the configuration (same as `--store sqlite:PATH`). */
export const dbOption = (what: string) =>
  ({
    db: {
      type: "string",
      value: "PATH",
      description: `the SQLite store${what} (same as --store sqlite:PATH)`
    }
  }) as const

/** A storage failure as one line naming the option the store came from. */
export const storageError =
  (setup: Pick<Setup, "storeOption">) =>
  (e: { readonly _tag: string; readonly message: string }): InputError =>
    new InputError({ kind: e._tag, message: `${setup.storeOption}: ${e.message}` })

const brokerOf = (url: string): Either.Either<string, InputError> =>
  /^nats:\/\/[^\s/]+/.test(url)
    ? Either.right(url)
    : Either.left(
        new InputError({
          kind: "InvalidBroker",
          message: `--broker: a broker is a nats://host:port URL, got ${JSON.stringify(url)}`
        })
      )

/** What a command runs with. */
export interface Setup {
  readonly city: App.City.City
  readonly store: App.Config.Store
  /** The option the store came from, for error lines (`--store`, `--db`, `--config FILE`). */
  readonly storeOption: string
  readonly tokens: App.Config.Resolved["tokens"] | undefined
  readonly broker: string | undefined
  /** The HTTP server's settings of the configuration (`serve`'s rate limit). */
  readonly http: App.Config.Resolved["http"]
  readonly name: string | undefined
  /** The configuration file used, if any. */
  readonly configFile: string | undefined
  /** What it was resolved from: {@link resolve} gives the same setup again from these elsewhere (a report worker thread). */
  readonly options: ResolveOptions
}

/** What {@link resolve} takes: the command's options (strings only, so they can be sent to a worker thread). */
export interface ResolveOptions {
  readonly config?: string | undefined
  readonly store?: string | undefined
  readonly db?: string | undefined
  readonly calendar?: string | undefined
  /** `--broker URL`: the NATS broker the events go to (over the configuration's). */
  readonly broker?: string | undefined
  readonly defaultDb: string
  /** Whether ./cityhall.config.json is read when --config is not given (default true; `demo` never writes into a city's store unasked). */
  readonly defaultConfig?: boolean
}

/**
 * Resolves a command's setup: the configuration file (given or default),
 * then the options over it — `--store`/`--db` for the store (`--db` being
 * `defaultDb` when nothing else names one), `--calendar FILE` for the
 * calendar.
 */
export const resolve = (options: ResolveOptions): Either.Either<Setup, InputError> =>
  Either.gen(function* () {
    const file = options.defaultConfig === false ? options.config : Config.pathOf(options.config)
    const loaded = file === undefined ? undefined : yield* Config.load(file)
    const store =
      options.store !== undefined
        ? { store: yield* Stores.parse("--store", options.store), option: "--store" }
        : options.db !== undefined
          ? { store: yield* Stores.parse("--db", options.db), option: "--db" }
          : loaded !== undefined
            ? { store: loaded.store, option: `--config ${file}` }
            : { store: yield* Stores.parse("--db", options.defaultDb), option: "--db" }
    const calendar =
      options.calendar !== undefined
        ? yield* Values.calendar(
            "--calendar",
            options.calendar,
            loaded?.city.calendar?.presidentialNonWorkingDays ?? true
          )
        : loaded?.city.calendar
    const city = yield* Either.mapLeft(
      App.City.make({ ...(loaded?.city ?? {}), ...(calendar !== undefined ? { calendar } : {}) }),
      (e) => new InputError({ kind: "InvalidConfig", message: `--config ${file ?? ""}: ${e.message}` })
    )
    return {
      city,
      store: store.store,
      storeOption: store.option,
      tokens: loaded?.tokens,
      broker: options.broker !== undefined ? yield* brokerOf(options.broker) : loaded?.broker,
      http: loaded?.http,
      name: loaded?.name,
      configFile: file,
      options: {
        config: options.config,
        store: options.store,
        db: options.db,
        calendar: options.calendar,
        broker: options.broker,
        defaultDb: options.defaultDb,
        ...(options.defaultConfig !== undefined ? { defaultConfig: options.defaultConfig } : {})
      }
    }
  })
