/**
 * One name, one schema in the OpenAPI document: when two different Schemas of
 * the API carry the same identifier, the generator keeps the first under
 * `components.schemas` and points every use of the second at it, so the
 * document silently describes the wrong shape. Every identified schema of
 * every endpoint (path, query, headers, payload, successes, errors) is
 * rendered alone, and one name must always render the same definition.
 */
import { OpenApiJsonSchema } from "@effect/platform"
import { Either, Option, Schema, SchemaAST } from "effect"
import { describe, expect, it } from "vitest"
import { Api } from "../../../adapters/http/index.js"

// as `effect/JSONSchema` names a definition
const identifierOf = (ast: SchemaAST.AST): string | undefined => {
  const id = Option.getOrUndefined(SchemaAST.getJSONIdentifier(ast))
  if (id !== undefined) return id
  if (SchemaAST.isTransformation(ast) && SchemaAST.isTypeLiteral(ast.from) && SchemaAST.isDeclaration(ast.to)) {
    if (Option.isSome(SchemaAST.getSurrogateAnnotation(ast.to))) return identifierOf(ast.to)
  }
  return undefined
}

// the side a JSON Schema describes: the encoded one
const children = (ast: SchemaAST.AST): ReadonlyArray<SchemaAST.AST> => {
  switch (ast._tag) {
    case "Transformation":
      return [ast.from]
    case "Refinement":
      return [ast.from]
    case "Suspend":
      return [ast.f()]
    case "Union":
      return ast.types
    case "TypeLiteral":
      return [...ast.propertySignatures.map((p) => p.type), ...ast.indexSignatures.map((i) => i.type)]
    case "TupleType":
      return [...ast.elements.map((e) => e.type), ...ast.rest.map((r) => r.type)]
    default:
      return []
  }
}

/** Every definition each component name gets, rendered alone, with where it was met. */
const definitions = (): Map<string, Map<string, string>> => {
  const out = new Map<string, Map<string, string>>()
  const seen = new Set<SchemaAST.AST>()
  const visit = (ast: SchemaAST.AST, where: string): void => {
    if (seen.has(ast)) return
    seen.add(ast)
    const id = identifierOf(ast)
    if (id !== undefined) {
      const defs: Record<string, unknown> = {}
      OpenApiJsonSchema.makeWithDefs(Schema.make(ast), { defs })
      const rendered = JSON.stringify(defs[id])
      if (rendered !== undefined) {
        const byShape = out.get(id) ?? new Map<string, string>()
        if (!byShape.has(rendered)) byShape.set(rendered, where)
        out.set(id, byShape)
      }
    }
    for (const child of children(ast)) visit(child, where)
  }
  for (const group of Object.values(Api.Api.groups)) {
    for (const endpoint of Object.values(group.endpoints)) {
      const where = `${group.identifier}.${endpoint.name}`
      const inputs: ReadonlyArray<Option.Option<{ readonly ast: SchemaAST.AST }>> = [
        endpoint.pathSchema,
        endpoint.urlParamsSchema,
        endpoint.headersSchema,
        endpoint.payloadSchema
      ]
      for (const s of inputs) {
        if (Option.isSome(s)) visit(s.value.ast, where)
      }
      visit(endpoint.successSchema.ast, where)
      visit(endpoint.errorSchema.ast, where)
    }
    visit(group.errorSchema.ast, group.identifier)
  }
  visit(Api.Api.errorSchema.ast, "api")
  return out
}

describe("OpenAPI components", () => {
  it("no two different schemas of the API share a component name", () => {
    const all = definitions()
    // the walk reaches the API's schemas (a walk that found nothing could not fail)
    expect(all.has("MergedCalendar")).toBe(true)
    expect(all.has("ReportEntry")).toBe(true)
    const clashes = [...all]
      .filter(([, shapes]) => shapes.size > 1)
      .map(([id, shapes]) => `${id}: ${[...shapes.values()].join(", ")}`)
    expect(clashes).toEqual([])
  })

  it("days, months and instants carry their pattern and format, and the patterns agree with the decoders", async () => {
    const { OpenApi } = await import("@effect/platform")
    const { Period, TimeZone } = await import("../../../src/index.js")
    const schemas = (
      OpenApi.fromApi(Api.Api) as unknown as {
        readonly components: {
          readonly schemas: Record<string, { readonly pattern?: string; readonly format?: string }>
        }
      }
    ).components.schemas
    expect(schemas["Day"]).toMatchObject({ format: "date" })
    expect(schemas["Instant"]).toMatchObject({ format: "date-time" })
    const cases: ReadonlyArray<readonly [string, Schema.Schema.Any, ReadonlyArray<string>]> = [
      ["Day", Period.Day, ["2021-03-15", "2020-02-29", "2021-3-15", "2021-03-15T00:00:00Z", "15.03.2021"]],
      ["Month", Period.Month, ["2021-03", "2021-13", "2021-3", "2021-03-01"]],
      [
        "Instant",
        TimeZone.Instant,
        ["2021-03-15T09:00:00+10:00", "2021-03-14T23:00:00Z", "2021-03-15T09:00:00", "2021"]
      ]
    ]
    for (const [name, schema, samples] of cases) {
      const pattern = schemas[name]?.pattern
      expect(pattern, name).toBeDefined()
      for (const sample of samples) {
        const decodes = Either.isRight(Schema.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)(sample))
        // the pattern is a shape check: whatever decodes matches it
        if (decodes) expect(new RegExp(pattern!).test(sample), `${name} ${sample}`).toBe(true)
        else if (!new RegExp(pattern!).test(sample)) expect(decodes).toBe(false)
      }
    }
  })
})
