/**
 * The streaming workbook writer (`adapters/xlsx/Xlsx.ts`): the sheet's zip
 * entry it waits on is reachable in the exceljs version the project pins
 * (else the back-pressure that keeps a 10^6-row export flat would be lost
 * without a sound), and rows written page by page read back whole.
 */
import { PassThrough } from "node:stream"
import { Effect, Stream } from "effect"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import * as Xlsx from "../../adapters/xlsx/Xlsx.js"

describe("Xlsx", () => {
  it("loads exceljs once; a load failure is MissingPeer only when the module is not found, else WriteFailed with its message", async () => {
    const first = await Effect.runPromise(Xlsx.load)
    expect(await Effect.runPromise(Xlsx.load)).toBe(first)
    expect(typeof first.stream.xlsx.WorkbookWriter).toBe("function")
    for (const code of ["ERR_MODULE_NOT_FOUND", "MODULE_NOT_FOUND"]) {
      const e = Xlsx.loadError(Object.assign(new Error("Cannot find package 'exceljs'"), { code }))
      expect([e._tag, e.kind]).toStrictEqual(["XlsxError", "MissingPeer"])
      expect(e.message).toMatch(/not installed \(npm install exceljs@4\.4\.0\)/)
    }
    // a module that is there but fails to load (a syntax error, a failed import under load) is not "missing"
    const broken = Xlsx.loadError(Object.assign(new Error("Unexpected token"), { code: "ERR_INVALID_ARG_TYPE" }))
    expect([broken.kind, broken.message]).toStrictEqual([
      "WriteFailed",
      "exceljs could not be loaded: Unexpected token"
    ])
    expect(Xlsx.loadError("a string thrown").message).toBe("exceljs could not be loaded: a string thrown")
    expect(Xlsx.loadError(null).kind).toBe("WriteFailed")
  })

  it("finds the sheet's zip entry of exceljs's WorkbookWriter (the stream deflate reads)", async () => {
    const target = new PassThrough()
    target.resume()
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useSharedStrings: false, useStyles: false })
    const ws = wb.addWorksheet("s")
    ws.addRow(["a"]).commit()
    const entry = Xlsx.zipEntryOf(ws)
    expect(entry).toBeDefined()
    expect(typeof entry!._writableState).toBe("object")
    ws.commit()
    await wb.commit()
    expect(Xlsx.zipEntryOf({})).toBeUndefined()
    expect(Xlsx.zipEntryOf({ stream: { pipes: [{}] } })).toBeUndefined()
  })

  it("20,000 rows written a page at a time read back whole, in order", async () => {
    const n = 20_000
    const rows = Stream.range(1, n).pipe(
      Stream.rechunk(1_000),
      Stream.map((i): Xlsx.Row => [i, `строка ${i}`, "x".repeat(40)])
    )
    const target = new PassThrough()
    const parts: Array<Buffer> = []
    target.on("data", (b: Buffer) => parts.push(b))
    await Effect.runPromise(
      Xlsx.write(target, [{ name: "Журнал", header: ["n", "text", "pad"], rows }], {
        title: "t",
        created: new Date("2020-01-01T00:00:00Z")
      })
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet("Журнал")!
    expect(sheet.rowCount).toBe(n + 1)
    expect(sheet.getRow(2).getCell(2).value).toBe("строка 1")
    expect(sheet.getRow(n + 1).getCell(1).value).toBe(n)
  })
})
