/**
 * Every error class the package exports has its own `_tag`, so
 * `Effect.catchTag` and a `switch` on `_tag` can tell any two apart. The
 * walk goes through every namespace of every public entry: the core
 * (`cityhall`), `cityhall/testing` and each `cityhall/adapters/<name>`.
 */
import { describe, expect, it } from "vitest"
import * as Http from "../../adapters/http/index.js"
import * as Memory from "../../adapters/memory/index.js"
import * as Nats from "../../adapters/nats/index.js"
import * as Postgres from "../../adapters/postgres/index.js"
import * as Sql from "../../adapters/sql/index.js"
import * as Sqlite from "../../adapters/sqlite/index.js"
import * as Core from "../../src/index.js"
import * as Testing from "../../src/testing/index.js"

const entries: Record<string, object> = {
  cityhall: Core,
  "cityhall/testing": Testing,
  "cityhall/adapters/http": Http,
  "cityhall/adapters/memory": Memory,
  "cityhall/adapters/nats": Nats,
  "cityhall/adapters/postgres": Postgres,
  "cityhall/adapters/sql": Sql,
  "cityhall/adapters/sqlite": Sqlite
}

type ErrorClass = abstract new (...args: never) => Error

const isErrorClass = (v: unknown): v is ErrorClass =>
  typeof v === "function" && (v as { prototype?: unknown }).prototype instanceof Error

/** `Schema.TaggedError` keeps its tag on the class; `Data.TaggedError` as the prototype's `name`. */
const tagOf = (c: ErrorClass): string | undefined => {
  const own = (c as unknown as { _tag?: unknown })._tag
  if (typeof own === "string") return own
  const name = (c.prototype as { name?: unknown }).name
  return typeof name === "string" && name !== "Error" ? name : undefined
}

/** A module namespace or a plain object of exports: walked; anything else (classes, schemas, data) is a leaf. */
const isNamespace = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || proto === Object.prototype
}

/** Every exported error class, by tag, with the export paths that reach it. */
const errorClasses = (): Map<string, Map<ErrorClass, Array<string>>> => {
  const byTag = new Map<string, Map<ErrorClass, Array<string>>>()
  const seen = new Set<object>()
  const walk = (ns: Record<string, unknown>, path: string, depth: number): void => {
    if (seen.has(ns) || depth > 3) return
    seen.add(ns)
    for (const [name, v] of Object.entries(ns)) {
      if (isErrorClass(v)) {
        const tag = tagOf(v)
        if (tag === undefined) continue
        const classes = byTag.get(tag) ?? new Map<ErrorClass, Array<string>>()
        classes.set(v, [...(classes.get(v) ?? []), `${path}.${name}`])
        byTag.set(tag, classes)
      } else if (isNamespace(v)) walk(v, `${path}.${name}`, depth + 1)
    }
  }
  for (const [entry, ns] of Object.entries(entries)) walk(ns as Record<string, unknown>, entry, 0)
  return byTag
}

describe("error tags", () => {
  const byTag = errorClasses()

  it("the walk finds the error classes of the core, the testing kit and the adapters", () => {
    // a walk that found nothing could not fail: name a few from each entry
    for (const tag of [
      "InvalidAppealInput",
      "InvalidElectionInput",
      "InvalidPlanCommand",
      "InvalidCommand",
      "CalendarOutOfRange",
      "LedgerError",
      "ConformanceFailure",
      "InvalidInput",
      "Conflict",
      "BrokerError"
    ])
      expect(byTag.has(tag), tag).toBe(true)
    expect(byTag.size).toBeGreaterThan(60)
  })

  it("no two exported error classes share a _tag", () => {
    const shared = [...byTag]
      .filter(([, classes]) => classes.size > 1)
      .map(([tag, classes]) => `${tag}: ${[...classes.values()].map((paths) => paths[0]).join(", ")}`)
    expect(shared).toEqual([])
  })
})
