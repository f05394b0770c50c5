/**
 * Type-checks the TypeScript examples of `README.md`, `CONTRIBUTING.md`,
 * `ARCHITECTURE.md` and `docs/*.md`
 * (`npm run check:docs`, part of `npm run lint`): an example that no longer
 * compiles fails the check, as Effect's docs generator does for its own.
 *
 * Every ```ts (or ```typescript) block becomes a module in `.doc-examples/`
 * (git-ignored), compiled with the project's compiler options against the
 * sources: `cityhall`, `cityhall/testing` and `cityhall/adapters/<name>` map
 * to `src/index.ts`, `src/testing/index.ts` and `adapters/<name>/index.ts`.
 * A block whose first line is a comment naming a file (`// adapters/my-sqlite/MyStore.ts`)
 * is written at that path, so another block can import it by a relative
 * path, and relative imports of the repository's own modules resolve too.
 * Unused names are allowed (an example often declares what it shows).
 *
 * A block that is deliberately a fragment is marked ```ts no-check and
 * skipped; keep such marks rare: fix an example rather than mark it.
 *
 * Errors are reported at the Markdown line: `docs/http.md:72:3 TS2304 Cannot find name 'Auth'.`
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const out = path.join(root, ".doc-examples")

/** One example: where it is in the Markdown, and the module it becomes. */
interface Example {
  readonly doc: string
  /** The line of the first line of code (1-based). */
  readonly line: number
  readonly file: string
  readonly code: string
}

const fence = /^(\s*)```(ts|typescript)\b(.*)$/

/** The ```ts blocks of one Markdown file, without the ones marked `no-check`. */
const examplesOf = (doc: string): { examples: Array<Example>; skipped: number } => {
  const lines = readFileSync(path.join(root, doc), "utf8").split("\n")
  const examples: Array<Example> = []
  let skipped = 0
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i] ?? "")
    if (open === null) continue
    // a block may be indented (in a list item): its lines lose that indentation
    const indent = open[1] ?? ""
    let end = i + 1
    while (end < lines.length && !(lines[end] ?? "").trimStart().startsWith("```")) end++
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
    if (/\bno-check\b/.test(open[3] ?? "")) skipped++
    else {
      const named = /^\/\/ ((?:[\w.-]+\/)*[\w.-]+\.ts)\s*$/.exec(body[0] ?? "")
      const file = named?.[1] ?? path.join("docs", doc.replace(/\.md$/, "").replace(/\//g, "_"), `line-${i + 2}.ts`)
      examples.push({ doc, line: i + 2, file, code: `${body.join("\n")}\n` })
    }
    i = end
  }
  return { examples, skipped }
}

const docs = [
  ...["README.md", "CONTRIBUTING.md", "ARCHITECTURE.md"].filter((f) => existsSync(path.join(root, f))),
  ...readdirSync(path.join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`)
]
const found = docs.map(examplesOf)
const examples = found.flatMap((f) => f.examples)
const skipped = found.reduce((n, f) => n + f.skipped, 0)
if (examples.length === 0) {
  console.error("check-doc-examples: no ```ts example found in the root's *.md or docs/*.md")
  process.exit(1)
}

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
// ES modules, as the package is
writeFileSync(path.join(out, "package.json"), `${JSON.stringify({ type: "module", private: true })}\n`)
const byFile = new Map<string, Example>()
for (const e of examples) {
  const target = path.join(out, e.file)
  if (byFile.has(target)) {
    console.error(`${e.doc}:${e.line}: a second example named ${e.file}`)
    process.exit(1)
  }
  byFile.set(target, e)
  mkdirSync(path.dirname(target), { recursive: true })
  // `export {}` makes every example a module, so two examples may declare the same names
  writeFileSync(target, `${e.code}export {}\n`)
}

const rel = (p: string) => path.relative(out, path.join(root, p))
writeFileSync(
  path.join(out, "tsconfig.json"),
  `${JSON.stringify(
    {
      extends: rel("tsconfig.json"),
      compilerOptions: {
        noEmit: true,
        noUnusedLocals: false,
        noUnusedParameters: false,
        rootDirs: [rel("."), "."],
        paths: {
          cityhall: [rel("src/index.ts")],
          "cityhall/testing": [rel("src/testing/index.ts")],
          "cityhall/adapters/metrics": [rel("adapters/http/Metrics.ts")],
          "cityhall/adapters/*": [rel("adapters/*/index.ts")]
        }
      },
      include: ["**/*.ts"]
    },
    null,
    2
  )}\n`
)

const config = ts.getParsedCommandLineOfConfigFile(path.join(out, "tsconfig.json"), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    console.error(ts.flattenDiagnosticMessageText(d.messageText, "\n"))
    process.exit(1)
  }
})
if (config === undefined) process.exit(1)
const program = ts.createProgram({ rootNames: [...byFile.keys()], options: config.options })

let errors = 0
for (const d of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) {
  console.error(`options: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`)
  errors++
}
for (const [target, e] of byFile) {
  const sf = program.getSourceFile(target)
  if (sf === undefined) throw new Error(`not in the program: ${target}`)
  for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
    const at = d.start === undefined ? { line: 0, character: 0 } : sf.getLineAndCharacterOfPosition(d.start)
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ")
    console.error(`${e.doc}:${e.line + at.line}:${at.character + 1} TS${d.code} ${message}`)
    errors++
  }
}

const files = new Set(examples.map((e) => e.doc)).size
if (errors > 0) {
  console.error(`check-doc-examples: ${errors} error(s) in the examples of the documentation`)
  process.exit(1)
}
console.log(
  `check-doc-examples: ${examples.length} examples in ${files} files type-check` +
    (skipped > 0 ? ` (${skipped} marked no-check)` : "")
)
if (existsSync(out)) rmSync(out, { recursive: true, force: true })
