/**
 * `npm run test:consumer`: the package as an integrator gets it from npm.
 *
 * 1. packs the built package (`npm pack`: what `files` ships) and installs
 *    the tarball into `examples/consumer/node_modules/cityhall` (its own
 *    dependencies and the peers resolve from the repository's node_modules,
 *    as from an application's);
 * 2. writes `examples/consumer/generated/`: every `ts` code block of the
 *    README and of `docs/*.md` that is a module (starts with an `import`),
 *    the end-to-end example `examples/appeal-lifecycle.ts`, the Redis
 *    adapter example, and `type-paths.ts` — one alias per exported type of
 *    every module of every entry point, read from the sources (so a path the
 *    sources offer and the shipped declarations lose fails), for ESM and CJS;
 * 3. type-checks the consumer project with `skipLibCheck: false` under
 *    `moduleResolution` node16 (ESM and CJS) and bundler;
 * 4. runs the end-to-end example, a CommonJS `require` smoke test and the
 *    Redis example adapter's conformance run (real Redis at
 *    `CITYHALL_REDIS_URL`; skipped with one line without it), and checks
 *    that the README's links to the docs resolve inside the package.
 *
 * Needs `npm run build` first. Exits 1 on the first failure.
 */
import { execFileSync, spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const consumer = join(root, "examples/consumer")
const generated = join(consumer, "generated")
const installed = join(consumer, "node_modules/cityhall")
const step = (what: string) => console.log(`== consumer: ${what}`)
const fail = (message: string): never => {
  console.error(`consumer: ${message}`)
  process.exit(1)
}
const run = (what: string, command: string, args: ReadonlyArray<string>, cwd = root) => {
  const started = Date.now()
  const r = spawnSync(command, args, { cwd, stdio: "inherit", env: process.env })
  if (r.status !== 0) fail(`${what} failed (exit ${r.status})`)
  console.log(`   ${what}: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

if (!existsSync(join(root, "dist/index.js"))) fail("no dist/: run `npm run build` first")

// 1. pack and install ----------------------------------------------------------
step("npm pack")
const packDir = join(root, ".consumer-pack")
rmSync(packDir, { recursive: true, force: true })
mkdirSync(packDir)
const packed = JSON.parse(
  execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: root, encoding: "utf8" })
) as ReadonlyArray<{ readonly filename: string; readonly files: ReadonlyArray<{ readonly path: string }> }>
const tarball = join(packDir, packed[0]?.filename ?? fail("npm pack answered no file"))
const shipped = new Set((packed[0]?.files ?? []).map((f) => f.path))
console.log(`   ${tarball} (${shipped.size} files)`)
rmSync(join(consumer, "node_modules"), { recursive: true, force: true })
mkdirSync(installed, { recursive: true })
execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"])

// the README's links must resolve inside the installed package
const readme = readFileSync(join(installed, "README.md"), "utf8")
// markdown links and the backticked paths the README names (`docs/appeals.md`)
const links = [
  ...[...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? ""),
  ...[...readme.matchAll(/`((?:docs|dist)\/[^`\s]+)`/g)].map((m) => m[1] ?? "")
].filter((l) => !/^[a-z]+:/.test(l) && !l.endsWith("/api"))
// and the docs' relative links (to each other, to the examples shipped beside them)
const docLinks = readdirSync(join(installed, "docs"))
  .filter((f) => f.endsWith(".md"))
  .flatMap((f) =>
    [...readFileSync(join(installed, "docs", f), "utf8").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1] ?? "")
      .filter((l) => !/^[a-z]+:/.test(l))
      .map((l) => join("docs", l))
  )
const broken = [...links, ...docLinks].filter((l) => !existsSync(join(installed, l)))
if (broken.length > 0) fail(`links that do not resolve in the package: ${broken.join(", ")}`)
console.log(`   README and docs: ${links.length + docLinks.length} relative links, all in the package`)

// 2. generated sources ---------------------------------------------------------
step("generate the docs' examples, the examples and the type paths")
rmSync(generated, { recursive: true, force: true })
mkdirSync(join(generated, "docs"), { recursive: true })
const docFiles = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`)
]
let blocks = 0
let fragments = 0
for (const file of docFiles) {
  const text = readFileSync(join(root, file), "utf8")
  let n = 0
  for (const m of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    n += 1
    const code = m[1] ?? ""
    // a module (an example that stands alone) is checked; a fragment without imports is prose
    if (!/^import /m.test(code.split("\n").find((l) => l.trim() !== "" && !l.startsWith("//")) ?? "")) {
      fragments += 1
      continue
    }
    // a block of the repository's own code (relative imports, as docs/cli.md's "adding a command") is checked
    // where it lives by check:docs; the consumer has only the package
    if (/from "\.\.?\//.test(code) && !code.includes('from "../src/')) {
      fragments += 1
      continue
    }
    blocks += 1
    // a test file (it imports the runner) is checked as vite resolves it: bundler only (see tsconfig.node16.json)
    const name = `${file.replace(/[/.]/g, "-")}-${n}${/from "(@effect\/)?vitest"/.test(code) ? ".test" : ""}.ts`
    // a block importing "../src/…" is a test file of the Redis example: it sits beside that example's tests
    const dir = code.includes('from "../src/') ? join(generated, "redis-adapter/test") : join(generated, "docs")
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, name), `// from ${file}, code block ${n}\n${code}\nexport {}\n`)
  }
}
console.log(
  `   ${blocks} code blocks of the docs to compile (${fragments} fragments without imports, or of the repository's own code, left to check:docs)`
)
cpSync(join(root, "examples/appeal-lifecycle.ts"), join(generated, "appeal-lifecycle.ts"))
for (const dir of ["src", "test"]) {
  const from = join(root, "examples/redis-adapter", dir)
  if (existsSync(from)) cpSync(from, join(generated, "redis-adapter", dir), { recursive: true })
}

/** Every exported type path of the entry points, read from the sources with the compiler. */
const typePaths = (): Map<string, ReadonlyArray<string>> => {
  const entries: Record<string, string> = {
    cityhall: "src/index.ts",
    "cityhall/testing": "src/testing/index.ts",
    "cityhall/adapters/memory": "adapters/memory/index.ts",
    "cityhall/adapters/sql": "adapters/sql/index.ts",
    "cityhall/adapters/sqlite": "adapters/sqlite/index.ts",
    "cityhall/adapters/postgres": "adapters/postgres/index.ts",
    "cityhall/adapters/nats": "adapters/nats/index.ts",
    "cityhall/adapters/http": "adapters/http/index.ts",
    "cityhall/adapters/metrics": "adapters/http/Metrics.ts"
  }
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.build.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined
    }
  )
  const program = ts.createProgram(
    Object.values(entries).map((f) => join(root, f)),
    { ...config?.options, noEmit: true }
  )
  const checker = program.getTypeChecker()
  const out = new Map<string, ReadonlyArray<string>>()
  const arity = (s: ts.Symbol): number =>
    Math.max(
      0,
      ...(s.declarations ?? []).map((d) =>
        ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d)
          ? (d.typeParameters ?? []).filter((p) => p.default === undefined).length
          : 0
      )
    )
  for (const [specifier, file] of Object.entries(entries)) {
    const refs: Array<string> = []
    const seen = new Set<ts.Symbol>()
    const walk = (module: ts.Symbol, path: ReadonlyArray<string>) => {
      if (seen.has(module) || path.length > 6) return
      seen.add(module)
      for (const exported of checker.getExportsOfModule(module)) {
        const s = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
        const p = [...path, exported.name]
        if (s.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
          const n = arity(s)
          refs.push(`${p.join(".")}${n > 0 ? `<${Array.from({ length: n }, () => "any").join(", ")}>` : ""}`)
        }
        if (s.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) walk(s, p)
      }
    }
    const source = program.getSourceFile(join(root, file))
    const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source)
    if (symbol === undefined) fail(`no module symbol for ${file}`)
    else walk(symbol, [])
    out.set(specifier, refs)
  }
  return out
}
const paths = typePaths()
const pathsFile = (header: string, specifier: string, refs: ReadonlyArray<string>) =>
  [
    header,
    "// generated by scripts/consumer.ts: every exported type of every module of the entry point, named from the package",
    `import type * as E from ${JSON.stringify(specifier)}`,
    ...refs.map((r, n) => `export type T${n} = E.${r}`),
    ""
  ].join("\n")
mkdirSync(join(generated, "cjs"), { recursive: true })
writeFileSync(join(generated, "cjs/package.json"), '{ "type": "commonjs" }\n')
let count = 0
for (const [specifier, refs] of paths) {
  const name = `type-paths-${specifier.replace(/\//g, "-")}.ts`
  writeFileSync(join(generated, name), pathsFile("// ESM", specifier, refs))
  writeFileSync(join(generated, "cjs", name), pathsFile("// CommonJS", specifier, refs))
  count += refs.length
}
console.log(`   ${count} exported type paths over ${paths.size} entry points, each named from ESM and from CJS`)

// 3. type-check ------------------------------------------------------------------
const tsc = join(root, "node_modules/typescript/bin/tsc")
step("type-check against the tarball, skipLibCheck false")
run("node16 (ESM and CJS)", process.execPath, [tsc, "-p", join(consumer, "tsconfig.node16.json")])
run("bundler", process.execPath, [tsc, "-p", join(consumer, "tsconfig.bundler.json")])
// @nats-io's own declarations do not compile under exactOptionalPropertyTypes: the NATS adapter's paths without it
run("node16, cityhall/adapters/nats", process.execPath, [tsc, "-p", join(consumer, "tsconfig.nats.json")])

// 4. run ---------------------------------------------------------------------------
step("run")
run("the end-to-end example (appeal lifecycle, monthly analysis)", process.execPath, [
  join(root, "node_modules/tsx/dist/cli.mjs"),
  join(generated, "appeal-lifecycle.ts")
])
run("CommonJS require", process.execPath, [join(consumer, "cjs/smoke.cjs")])
// the Redis example adapter through the whole conformance kit (skipped with one line without CITYHALL_REDIS_URL)
run("the Redis example adapter's conformance run", process.execPath, [
  join(root, "node_modules/vitest/vitest.mjs"),
  "run",
  "--config",
  join(consumer, "vitest.config.ts")
])
console.log("== consumer: passed")
