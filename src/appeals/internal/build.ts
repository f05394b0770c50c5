/**
 * Trusted construction of Schema class instances for the appeal decider's
 * hot path (10^6 decide + evolve per second), derived from the class itself:
 * `builder(C)(props)` builds what `new C(props, true)` (validation disabled)
 * builds, and the class stays the single definition of its fields.
 *
 * The constructor with validation disabled still copies the properties,
 * merges constructor defaults and calls through the Data class chain: about
 * 17x the cost of building the object (see docs/performance.md), too slow
 * for the goal. For a class without constructor defaults (other than a
 * tagged class's `_tag`) that work reduces to the class's prototype, the
 * properties in the order given, and `_tag` last for a tagged class, which
 * is what the builder does. A class with other constructor defaults is
 * built by its constructor.
 *
 * As with `new C(props, true)`, the caller passes valid properties (the
 * decider takes them from decoded commands and earlier states) in the
 * Schema's declaration order, leaving an absent optional field out. The
 * properties' type is the constructor's, so the compiler checks names,
 * types and optionality; tests/appeals/FastPaths.test.ts checks that every
 * event and state the decider builds equals the one the validating
 * constructor builds, field order included.
 */
import { Schema } from "effect"

/** A Schema class (`Schema.Class`, `Schema.TaggedClass`): its constructor and fields. */
export interface SchemaClass {
  new (props: never, options?: Schema.MakeOptions): object
  readonly fields: Schema.Struct.Fields
}

/** The properties a Schema class's constructor takes. */
export type Props<C extends SchemaClass> = ConstructorParameters<C>[0]

/** Whether a field has a constructor default (as `Schema.withConstructorDefault` gives one). */
const hasDefault = (field: Schema.Struct.Field): boolean => {
  if (!Schema.isPropertySignature(field)) return false
  const ast = field.ast
  return (ast._tag === "PropertySignatureDeclaration" ? ast.defaultValue : ast.to.defaultValue) !== undefined
}

/**
 * The trusted constructor of a Schema class: `builder(C)(props)` equals
 * `new C(props, true)` (prototype, own fields and their order), without the
 * constructor's per-call work. Make it once per class, at module level.
 *
 * @example
 * ```ts
 * import { builder } from "./build.js"
 * import { AppealAssigned } from "../AppealEvent.js"
 *
 * const assigned = builder(AppealAssigned)
 * declare const props: ConstructorParameters<typeof AppealAssigned>[0]
 * assigned(props) // an AppealAssigned, as new AppealAssigned(props, true)
 * ```
 */
export const builder = <C extends SchemaClass>(C: C): ((props: Props<C>) => InstanceType<C>) => {
  const fields = C.fields
  const tag: unknown = "_tag" in fields ? (C as { readonly _tag?: unknown })._tag : undefined
  if (
    Object.keys(fields).some((k) => k !== "_tag" && hasDefault(fields[k]!)) ||
    (tag !== undefined && typeof tag !== "string")
  ) {
    return (props) => new C(props as never, true) as InstanceType<C>
  }
  const proto: object = C.prototype
  if (tag === undefined) return (props) => Object.assign(Object.create(proto), props)
  return (props) => {
    const o = Object.assign(Object.create(proto), props)
    o._tag = tag
    return o
  }
}
