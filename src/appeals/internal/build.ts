/**
 * Trusted construction of Schema class instances for the appeal decider's
 * hot path (10^6 decide + evolve per second), derived from the class itself,
 * so the class stays the single definition of its fields.
 *
 * `new C(props, true)` (validation disabled) is too slow for the goal: it
 * still copies the properties, merges constructor defaults and calls through
 * the Data class chain, several times the cost of building the object (see
 * docs/performance.md). For a class without constructor defaults (other than
 * a tagged class's `_tag`) that work reduces to the class's prototype, the
 * fields, and `_tag` last for a tagged class, which is what
 * {@link builder} does.
 *
 * The caller passes valid properties (the decider takes them from decoded
 * commands and earlier states). Their type is the constructor's, so the
 * compiler checks names, types and optionality; tests/appeals/FastPaths.test.ts
 * checks that every event and state the decider builds equals the one the
 * validating constructor builds, field order included.
 */
import { Schema } from "effect"

/** A Schema class (`Schema.Class`, `Schema.TaggedClass`): its constructor and fields. */
export interface SchemaClass {
  new (props: never, options?: Schema.MakeOptions): object
  readonly fields: Schema.Struct.Fields
}

/**
 * The properties a Schema class's constructor takes, an optional field also
 * as `undefined` (then left out, as the validating constructor leaves an
 * absent one).
 */
export type Props<C extends SchemaClass> = UndefinedWhenOptional<ConstructorParameters<C>[0]>

type UndefinedWhenOptional<P> = { [K in keyof P]: P[K] | (Record<never, never> extends Pick<P, K> ? undefined : never) }

/** Whether a field has a constructor default (as `Schema.withConstructorDefault` gives one). */
const hasDefault = (field: Schema.Struct.Field): boolean => {
  if (!Schema.isPropertySignature(field)) return false
  const ast = field.ast
  return (ast._tag === "PropertySignatureDeclaration" ? ast.defaultValue : ast.to.defaultValue) !== undefined
}

/** Whether a field may be absent from an instance (`Schema.optional`, `Schema.optionalWith`). */
const isOptional = (field: Schema.Struct.Field): boolean => {
  if (!Schema.isPropertySignature(field)) return false
  const ast = field.ast
  return ast._tag === "PropertySignatureDeclaration" ? ast.isOptional : ast.to.isOptional
}

/** How {@link builder} builds: `generate: false` takes the loop a runtime without `Function` takes (for tests). */
export interface BuilderOptions {
  readonly generate?: boolean
}

/**
 * The trusted constructor of a Schema class: from valid properties,
 * `builder(C)(props)` builds what the validating `new C(props)` builds
 * (prototype, own fields in the Schema's order, an absent optional field
 * left out), without the constructor's per-call work. Make it once per
 * class, at module level.
 *
 * - A class without constructor defaults (other than `_tag`): a constructor
 *   generated once from the Schema's fields as straight-line code (one
 *   assignment per field in the Schema's order, a test per optional one, `_tag`
 *   last) whose prototype is the class's. V8 gives its instances their
 *   fields in the object itself and, where it inlines the builder, need not
 *   make the caller's property literal at all. (An object literal with a
 *   conditional spread in its middle costs several times the copy, so an
 *   absent optional field is given as `undefined`.)
 * - Where code cannot be generated (a runtime that forbids `Function`), or
 *   with `{ generate: false }`: a class without optional fields is copied
 *   with `Object.assign` (in the caller's order: give them in the Schema's
 *   order, as `new C(props, true)` needs too), one with optional fields by a
 *   loop over its field names. Both are several times slower.
 * - A class with constructor defaults (other than `_tag`): its constructor
 *   with validation disabled.
 */
export const builder = <C extends SchemaClass>(
  C: C,
  options?: BuilderOptions
): ((props: Props<C>) => InstanceType<C>) => {
  const fields = C.fields
  const keys = Object.keys(fields).filter((k) => k !== "_tag")
  const optional = keys.map((k) => isOptional(fields[k]!))
  const tag: unknown = "_tag" in fields ? (C as { readonly _tag?: unknown })._tag : undefined
  const present = (props: Props<C>): Record<string, unknown> => {
    const p = props as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      if (p[k] !== undefined || (!optional[i] && k in p)) out[k] = p[k]
    }
    return out
  }
  if (keys.some((k) => hasDefault(fields[k]!) || k === "__proto__") || (tag !== undefined && typeof tag !== "string")) {
    return (props) => new C(present(props) as never, true) as InstanceType<C>
  }
  const proto: object = C.prototype
  const made = options?.generate === false ? undefined : generated(proto, keys, optional, tag)
  if (made !== undefined) return made as (props: Props<C>) => InstanceType<C>
  if (!optional.includes(true)) {
    if (tag === undefined) return (props) => Object.assign(Object.create(proto), props)
    return (props) => {
      const o = Object.assign(Object.create(proto), props)
      o._tag = tag
      return o
    }
  }
  return (props: Props<C>) => {
    const p = props as Record<string, unknown>
    const o = Object.create(proto)
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      const v = p[k]
      if (v !== undefined || !optional[i]) o[k] = v
    }
    if (tag !== undefined) o._tag = tag
    return o
  }
}

/**
 * The builder as generated code: a constructor with one assignment per field
 * (a test per optional one) and the class's prototype, called by `build`.
 * `undefined` where code cannot be generated (a runtime that forbids
 * `Function`).
 */
const generated = (
  proto: object,
  keys: ReadonlyArray<string>,
  optional: ReadonlyArray<boolean>,
  tag: unknown
): ((props: unknown) => unknown) | undefined => {
  const lines = keys.map((k, i) => {
    const key = JSON.stringify(k)
    return optional[i] ? `v = p[${key}]; if (v !== undefined) this[${key}] = v;` : `this[${key}] = p[${key}];`
  })
  const body = `function Build(p) { let v; ${lines.join(" ")} ${tag !== undefined ? "this._tag = tag;" : ""} }
Build.prototype = proto
return function build(p) { return new Build(p) }`
  try {
    return new Function("proto", "tag", body)(proto, tag) as (props: unknown) => unknown
  } catch {
    return undefined
  }
}
