/** docs/report.schema.json is the JSON Schema the report's Schemas generate: the documented, stable format `cityhall.report/1`. */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { Reporting } from "../../src/index.js"

describe("docs/report.schema.json", () => {
  it("equals the JSON Schema generated from ReportDocument", () => {
    const doc: unknown = JSON.parse(readFileSync(new URL("../../docs/report.schema.json", import.meta.url), "utf8"))
    expect(doc).toEqual(JSON.parse(JSON.stringify(Reporting.ReportDocument.jsonSchema())))
  })
})
