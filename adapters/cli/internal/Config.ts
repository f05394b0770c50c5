/**
 * A city's configuration file, read: `--config FILE` (default
 * `./cityhall.config.json` when present), JSON or JSON with comments, the
 * files it names read relative to it, then decoded and resolved by the
 * core (`App.Config`). Every failure is one `InvalidConfig` line naming the
 * file and the path in it.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, isAbsolute, resolve as resolvePath } from "node:path"
import { Either } from "effect"
import { App } from "../../../src/index.js"
import { InputError } from "../Output.js"

/** The configuration file a command uses when `--config` is not given and it exists. */
export const DEFAULT_CONFIG = "cityhall.config.json"

/**
 * JSON with comments (`//` to the end of a line, block comments) and
 * trailing commas, as `cityhall init` writes it, turned into JSON; strings
 * are kept as they are.
 */
export const stripComments = (text: string): string => {
  let out = ""
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1
      out += text.slice(i, j + 1)
      i = j + 1
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2)
      i = end < 0 ? text.length : end + 2
    } else {
      out += c
      i++
    }
  }
  return out.replace(/,(\s*[}\]])/g, "$1")
}

const invalid = (file: string, message: string) =>
  new InputError({ kind: "InvalidConfig", message: `--config ${file}: ${message}` })

const readJson = (file: string, what: string): Either.Either<unknown, InputError> => {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    return Either.left(invalid(file, `${what}: cannot be read (${e instanceof Error ? e.message : String(e)})`))
  }
  try {
    return Either.right(JSON.parse(stripComments(text)))
  } catch (e) {
    return Either.left(invalid(file, `${what}: not JSON (${e instanceof Error ? e.message : String(e)})`))
  }
}

/** The configuration file to use: the given one, or the default when it exists. */
export const pathOf = (given: string | undefined): string | undefined =>
  given ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined)

/** Reads, decodes and resolves a configuration file and the files it names (relative to it). */
export const load = (file: string): Either.Either<App.Config.Resolved, InputError> =>
  Either.gen(function* () {
    const raw = yield* readJson(file, "the file")
    const config = yield* Either.mapLeft(App.Config.decode(raw), (e) => invalid(file, e.message))
    const near = (p: string) => (isAbsolute(p) ? p : resolvePath(dirname(file), p))
    const read = (path: string, p: string) =>
      Either.mapLeft(readJson(near(p), path), (e) =>
        invalid(file, `${path}: ${p}: ${e.message.replace(/^--config [^:]+: [^:]+: /, "")}`)
      )
    const organisation =
      typeof config.organisation === "string" ? yield* read("organisation", config.organisation) : undefined
    const classifier =
      config.classifier === undefined ? undefined : yield* read("classifier.file", config.classifier.file)
    const calendars: Array<unknown> = []
    for (const [i, p] of (config.calendar?.files ?? []).entries())
      calendars.push(yield* read(`calendar.files[${i}]`, p))
    const resolved = yield* Either.mapLeft(
      App.Config.resolve(config, {
        calendars,
        ...(organisation !== undefined ? { organisation } : {}),
        ...(classifier !== undefined ? { classifier } : {})
      }),
      (e) => invalid(file, e.message)
    )
    // a SQLite store named in the file is relative to the file, like its other files
    const store: App.Config.Store =
      resolved.store.kind === "sqlite" && !isAbsolute(resolved.store.path)
        ? { kind: "sqlite", path: near(resolved.store.path), url: `sqlite:${near(resolved.store.path)}` }
        : resolved.store
    return { ...resolved, store }
  })

/** The commented starting file `cityhall init` writes for a new city. */
export const starter = (name: string): string => `// cityhall: the configuration of ${name}.
// Every command takes --config FILE (default ./cityhall.config.json); its own options override this file.
// JSON Schema: docs/config.schema.json in the package. Paths are relative to this file.
{
  "$schema": "./node_modules/cityhall/docs/config.schema.json",
  "format": "cityhall.config/1",
  "city": {
    "name": ${JSON.stringify(name)},
    // the administration's IANA time zone: an instant becomes a local day in it
    "timeZone": "Asia/Vladivostok"
  },
  // the organisation (divisions, officials, the duty distribution of the deputy mayors):
  // a JSON file as Organisation.decode reads it; with it, controllers see what they control
  // "organisation": "organisation.json",
  // deeper levels of the typical thematic classifier: { "source": "...", "entries": [{ "code", "name" }] }
  // "classifier": { "file": "classifier.json" },
  "calendar": {
    // official years of the production calendar (the government's decree on transfers), one file each:
    // without them a year after 2026 is provisional (Labour Code only) and every answer says so
    "files": [],
    "presidentialNonWorkingDays": true
  },
  "appeals": {
    // where a due date on a day off moves: previousWorkingDay, nextWorkingDay or none
    "policy": "previousWorkingDay",
    // prefixes of the numbers the application gives (Latin capitals: the number is also the appeal's id)
    "prefixes": { "submission": "E", "oral": "U", "question": "Q", "written": "W" }
  },
  // the store: sqlite:PATH on one machine, or postgres://user@host:5432/database for several server instances
  "store": "sqlite:city.sqlite",
  // the broker the events go to (the outbox relay): nats://host:4222
  // "broker": "nats://127.0.0.1:4222",
  // tokens: signed by the city with a secret from the environment (never written here),
  // or { "jwt": { "issuer", "publicKeyFile" | "jwksUrl", "claims": { "role", ... }, "roles": { ... } } }
  "tokens": { "hmac": { "secretEnv": "CITYHALL_SECRET" } }
  // serve's rate limit per client address and per principal (behind a reverse proxy, all clients share the proxy's address)
  // "http": { "rateLimit": { "perSecond": 20, "burst": 120 } }
}
`
