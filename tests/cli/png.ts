/**
 * A small PNG reader for the screenshot test (8-bit RGB or RGBA, not
 * interlaced — what headless Chromium writes), and a writer used only to
 * test the reader. node:zlib does the inflating; the five row filters are
 * undone as the PNG specification (section 9) says.
 */
import { deflateSync, inflateSync } from "node:zlib"

/** An image as RGBA bytes, row by row. */
export interface Image {
  readonly width: number
  readonly height: number
  readonly rgba: Uint8Array
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c
  const pa = Math.abs(p - a),
    pb = Math.abs(p - b),
    pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** Reads a PNG; throws on anything but 8-bit RGB or RGBA without interlacing. */
export const decode = (png: Uint8Array): Image => {
  const buf = Buffer.from(png)
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG")
  let offset = 8
  let width = 0,
    height = 0,
    colourType = -1
  const idat: Array<Buffer> = []
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset)
    const type = buf.toString("latin1", offset + 4, offset + 8)
    const data = buf.subarray(offset + 8, offset + 8 + length)
    if (type === "IHDR") {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      const depth = data[8],
        interlace = data[12]
      colourType = data[9] ?? -1
      if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${interlace}`)
    }
    if (type === "IDAT") idat.push(data)
    if (type === "IEND") break
    offset += 12 + length
  }
  const bpp = colourType === 6 ? 4 : 3
  const stride = width * bpp
  const raw = inflateSync(Buffer.concat(idat))
  const out = new Uint8Array(width * height * bpp)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const row = y * (stride + 1) + 1
    for (let x = 0; x < stride; x++) {
      const v = raw[row + x] ?? 0
      const a = x >= bpp ? (out[y * stride + x - bpp] ?? 0) : 0
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0
      const c = x >= bpp && y > 0 ? (out[(y - 1) * stride + x - bpp] ?? 0) : 0
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? a
            : filter === 2
              ? b
              : filter === 3
                ? (a + b) >> 1
                : filter === 4
                  ? paeth(a, b, c)
                  : Number.NaN
      if (Number.isNaN(predicted)) throw new Error(`bad filter ${filter} on row ${y}`)
      out[y * stride + x] = (v + predicted) & 0xff
    }
  }
  if (bpp === 4) return { width, height, rgba: out }
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = out[i * 3] ?? 0
    rgba[i * 4 + 1] = out[i * 3 + 1] ?? 0
    rgba[i * 4 + 2] = out[i * 3 + 2] ?? 0
    rgba[i * 4 + 3] = 255
  }
  return { width, height, rgba }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (b: Buffer): number => {
  let c = 0xffffffff
  for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, "latin1")
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Writes an RGBA image as a PNG with the given filter (0..4) on each row — to test {@link decode}. */
export const encode = (image: Image, filters: ReadonlyArray<number>): Buffer => {
  const { width, height, rgba } = image
  const stride = width * 4
  const raw = Buffer.alloc(height * (stride + 1))
  for (let y = 0; y < height; y++) {
    const filter = filters[y % filters.length] ?? 0
    raw[y * (stride + 1)] = filter
    for (let x = 0; x < stride; x++) {
      const v = rgba[y * stride + x] ?? 0
      const a = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0
      const b = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0
      const predicted =
        filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c)
      raw[y * (stride + 1) + 1 + x] = (v - predicted) & 0xff
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0))
  ])
}

/** How many pixels are within `tolerance` (per channel) of a `#rrggbb` colour. */
export const countColour = (image: Image, hex: string, tolerance = 6): number => {
  const r = parseInt(hex.slice(1, 3), 16),
    g = parseInt(hex.slice(3, 5), 16),
    b = parseInt(hex.slice(5, 7), 16)
  let n = 0
  for (let i = 0; i < image.width * image.height; i++) {
    const p = i * 4
    if (
      Math.abs((image.rgba[p] ?? 0) - r) <= tolerance &&
      Math.abs((image.rgba[p + 1] ?? 0) - g) <= tolerance &&
      Math.abs((image.rgba[p + 2] ?? 0) - b) <= tolerance
    )
      n++
  }
  return n
}
