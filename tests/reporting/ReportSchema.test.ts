/** docs/report.schema.json is the JSON Schema the report's Schemas generate: the documented, stable format `cityhall.report/1`. */
import { readFileSync } from "node:fs"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Reporting } from "../../src/index.js"

describe("docs/report.schema.json", () => {
  it("equals the JSON Schema generated from ReportDocument", () => {
    const doc: unknown = JSON.parse(readFileSync(new URL("../../docs/report.schema.json", import.meta.url), "utf8"))
    expect(doc).toEqual(JSON.parse(JSON.stringify(Reporting.ReportDocument.jsonSchema())))
  })

  it("a table may carry a stable key a program finds it by (the recommendations loop's tables); renderers do not print it", () => {
    const schema = Reporting.ReportDocument.jsonSchema() as {
      readonly $defs: Record<
        string,
        { readonly properties: Record<string, unknown>; readonly required: ReadonlyArray<string> }
      >
    }
    expect(schema.$defs["Table"]!.properties["key"]).toEqual({ type: "string" })
    expect(schema.$defs["Table"]!.required).not.toContain("key")
    const R = Reporting.ReportDocument
    const doc = new R.ReportDocument({
      lang: "en",
      title: "T",
      sections: [
        new R.Section({
          heading: "S",
          blocks: [
            new R.Table({ key: "appeals.topicsBeforeAfter", columns: [new R.Column({ header: "A" })], rows: [[1]] })
          ],
          sections: []
        })
      ]
    })
    const json = R.toJson(doc)
    expect(JSON.parse(json).sections[0].blocks[0].key).toBe("appeals.topicsBeforeAfter")
    expect(R.fromJson(json)).toStrictEqual(Either.right(doc))
    expect(R.toMarkdown(doc)).not.toContain("appeals.topicsBeforeAfter")
    expect(R.toHtml(doc)).not.toContain("appeals.topicsBeforeAfter")
  })
})
