/**
 * Just enough of PDF to test what Chromium prints (its Skia backend): the
 * pages in order and the text on each, read through the fonts' ToUnicode
 * maps. Objects are found by `N 0 obj`, streams read by their `/Length` and
 * inflated when `/FlateDecode`; text is what `Tj` and `TJ` show, in the
 * font `Tf` selects. Nothing else of PDF is understood.
 */
import { inflateSync } from "node:zlib"

interface PdfObject {
  readonly dict: string
  readonly stream: Buffer | undefined
}

const objectsOf = (pdf: Buffer): ReadonlyMap<number, PdfObject> => {
  const s = pdf.toString("latin1")
  const objects = new Map<number, PdfObject>()
  const re = /(\d+) 0 obj\s*/g
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const start = m.index + m[0].length
    const streamAt = s.indexOf("stream", start)
    const endAt = s.indexOf("endobj", start)
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = s.slice(start, streamAt)
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? "0")
      const from = streamAt + "stream".length + (s[streamAt + 6] === "\r" ? 2 : 1)
      const raw = pdf.subarray(from, from + length)
      objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw })
      re.lastIndex = from + length
    } else objects.set(Number(m[1]), { dict: s.slice(start, endAt), stream: undefined })
  }
  return objects
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict)
  return m === null ? undefined : Number(m[1])
}

const utf16 = (hex: string): string => {
  let out = ""
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16))
  return out
}

const cmapOf = (text: string): ReadonlyMap<string, string> => {
  const map = new Map<string, string>()
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const p of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set((p[1] ?? "").toUpperCase(), utf16(p[2] ?? ""))
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const p of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = Number.parseInt(p[1] ?? "0", 16),
        hi = Number.parseInt(p[2] ?? "0", 16)
      const width = (p[1] ?? "").length
      const target = p[3] ?? ""
      const targets = target.startsWith("[") ? [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => t[1] ?? "") : []
      const base = target.startsWith("<") ? Number.parseInt(target.slice(1, -1), 16) : 0
      for (let c = lo; c <= hi; c++) {
        const key = c.toString(16).toUpperCase().padStart(width, "0")
        map.set(key, target.startsWith("[") ? utf16(targets[c - lo] ?? "") : String.fromCharCode(base + c - lo))
      }
    }
  return map
}

/** The text of each page of a PDF that Chromium printed, in page order. */
export const pdfPages = (pdf: Buffer): ReadonlyArray<string> => {
  const objects = objectsOf(pdf)
  const cmaps = new Map<number, ReadonlyMap<string, string>>()
  const cmapOfFont = (font: number): ReadonlyMap<string, string> => {
    const known = cmaps.get(font)
    if (known !== undefined) return known
    const to = ref(objects.get(font)?.dict ?? "", "ToUnicode")
    const map = cmapOf(to === undefined ? "" : (objects.get(to)?.stream?.toString("latin1") ?? ""))
    cmaps.set(font, map)
    return map
  }
  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict))
  // the page tree: a node of /Type /Pages has /Kids, pages or further nodes, in order
  const leaves = (dict: string): ReadonlyArray<number> =>
    [...(/\/Kids \[([^\]]*)\]/.exec(dict)?.[1] ?? "").matchAll(/(\d+) 0 R/g)].flatMap((k) => {
      const kid = objects.get(Number(k[1]))?.dict ?? ""
      return /\/Type \/Pages\b/.test(kid) ? leaves(kid) : [Number(k[1])]
    })
  const kids = leaves(root?.dict ?? "")
  return kids.map((k) => {
    const page = objects.get(k)?.dict ?? ""
    const fonts = new Map<string, number>()
    for (const f of (/\/Font <<([^>]*)>>/.exec(page)?.[1] ?? "").matchAll(/\/(\w+) (\d+) 0 R/g))
      fonts.set(f[1] ?? "", Number(f[2]))
    const contents = /\/Contents \[([^\]]*)\]/.exec(page)?.[1] ?? /\/Contents (\d+ 0 R)/.exec(page)?.[1] ?? ""
    let text = ""
    for (const c of contents.matchAll(/(\d+) 0 R/g)) {
      const stream = objects.get(Number(c[1]))?.stream?.toString("latin1") ?? ""
      let cmap: ReadonlyMap<string, string> = new Map()
      const decode = (hex: string) => {
        let out = ""
        for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap.get(hex.slice(i, i + 4).toUpperCase()) ?? ""
        return out
      }
      for (const op of stream.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)> ?Tj|\[((?:[^\]])*)\] ?TJ|\bET\b/g)) {
        if (op[1] !== undefined) cmap = cmapOfFont(fonts.get(op[1]) ?? -1)
        else if (op[2] !== undefined) text += decode(op[2])
        else if (op[3] !== undefined) for (const h of op[3].matchAll(/<([0-9A-Fa-f]*)>/g)) text += decode(h[1] ?? "")
        else text += "\n"
      }
    }
    return text
  })
}
