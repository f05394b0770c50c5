/**
 * A minimal, strict XML parser for tests: it accepts a prolog-free document
 * (optionally `<!DOCTYPE html>`), elements, attributes in quotes, the five
 * named entities and character references, and nothing else. It throws on
 * anything not well-formed, so a test that parses output checks it.
 */
export interface Element {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<Node>
}
export type Node = Element | string

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/
const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }
const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

const decode = (raw: string, where: number): string => {
  if (raw.includes("<")) throw new Error(`raw '<' at ${where}`)
  if (INVALID.test(raw)) throw new Error(`invalid XML character at ${where}`)
  return raw.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(";")) throw new Error(`bare '&' at ${where}`)
    if (body in ENTITIES) return ENTITIES[body] ?? ""
    const dec = /^#(\d+)$/.exec(body),
      hex = /^#x([0-9a-fA-F]+)$/.exec(body)
    if (dec !== null) return String.fromCodePoint(Number(dec[1]))
    if (hex !== null) return String.fromCodePoint(parseInt(hex[1] ?? "0", 16))
    throw new Error(`unknown entity &${body}; at ${where}`)
  })
}

export const parse = (input: string): Element => {
  let i = 0
  const doctype = /^<!DOCTYPE html>/i.exec(input)
  if (doctype !== null) i = doctype[0].length
  const skipSpace = () => {
    while (i < input.length && /\s/.test(input[i] ?? "")) i++
  }
  const element = (): Element => {
    if (input[i] !== "<") throw new Error(`expected '<' at ${i}`)
    i++
    const name = NAME.exec(input.slice(i))?.[0]
    if (name === undefined) throw new Error(`expected a name at ${i}`)
    i += name.length
    const attributes: Record<string, string> = {}
    for (;;) {
      const before = i
      skipSpace()
      if (input.startsWith("/>", i)) {
        i += 2
        return { name, attributes, children: [] }
      }
      if (input[i] === ">") {
        i++
        break
      }
      if (i === before) throw new Error(`expected space before attribute at ${i}`)
      const an = NAME.exec(input.slice(i))?.[0]
      if (an === undefined) throw new Error(`expected an attribute name at ${i}`)
      i += an.length
      if (an in attributes) throw new Error(`duplicate attribute ${an} at ${i}`)
      if (input[i] !== "=") throw new Error(`expected '=' at ${i}`)
      i++
      const q = input[i]
      if (q !== '"' && q !== "'") throw new Error(`expected a quote at ${i}`)
      const end = input.indexOf(q, i + 1)
      if (end < 0) throw new Error(`unterminated attribute at ${i}`)
      attributes[an] = decode(input.slice(i + 1, end), i)
      i = end + 1
    }
    const children: Array<Node> = []
    for (;;) {
      if (i >= input.length) throw new Error(`unclosed <${name}>`)
      if (input.startsWith("</", i)) {
        i += 2
        if (!input.startsWith(name, i)) throw new Error(`mismatched close of <${name}> at ${i}`)
        i += name.length
        skipSpace()
        if (input[i] !== ">") throw new Error(`expected '>' at ${i}`)
        i++
        return { name, attributes, children }
      }
      if (input[i] === "<") children.push(element())
      else {
        const end = input.indexOf("<", i)
        const raw = input.slice(i, end < 0 ? input.length : end)
        children.push(decode(raw, i))
        i += raw.length
      }
    }
  }
  skipSpace()
  const root = element()
  skipSpace()
  if (i !== input.length) throw new Error(`content after the root element at ${i}`)
  return root
}

/** All elements in document order. */
export const elements = (e: Element): ReadonlyArray<Element> => [
  e,
  ...e.children.flatMap((c) => (typeof c === "string" ? [] : elements(c)))
]

/** The text content of an element. */
export const textOf = (e: Element): string => e.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("")
