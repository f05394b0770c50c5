/** docs/import.schema.json is the JSON Schema the import Schemas generate. */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import * as Format from "../../adapters/cli/import/Format.js"

describe("docs/import.schema.json", () => {
  it("equals the JSON Schema generated from the import Schemas", () => {
    const doc: unknown = JSON.parse(readFileSync(new URL("../../docs/import.schema.json", import.meta.url), "utf8"))
    expect(doc).toEqual(JSON.parse(JSON.stringify(Format.jsonSchema())))
  })
})
