/** The screenshot test's PNG reader reads back any image written with any row filters. */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { countColour, decode, encode } from "./png.js"

describe("png", () => {
  it("decode(encode(image)) is the image, for every row filter", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 9 })
          .chain((w) =>
            fc
              .integer({ min: 1, max: 9 })
              .chain((h) =>
                fc
                  .uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 })
                  .map((rgba) => ({ width: w, height: h, rgba }))
              )
          ),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
        (image, filters) => {
          const back = decode(encode(image, filters))
          expect([back.width, back.height]).toEqual([image.width, image.height])
          expect(Buffer.from(back.rgba).equals(Buffer.from(image.rgba))).toBe(true)
        }
      )
    )
  })

  it("counts the pixels of a colour", () => {
    const rgba = new Uint8Array([0x1f, 0x5f, 0xa8, 255, 0x20, 0x60, 0xa9, 255, 255, 255, 255, 255])
    expect(countColour({ width: 3, height: 1, rgba }, "#1f5fa8")).toBe(2)
    expect(countColour({ width: 3, height: 1, rgba }, "#1f5fa8", 0)).toBe(1)
  })

  it("refuses what is not a PNG", () => {
    expect(() => decode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow("not a PNG")
  })
})
