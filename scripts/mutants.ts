/**
 * `npm run test:mutants`: mutation testing of the conformance kit. Each
 * mutant of `tests/mutants/catalogue.ts` breaks one rule of the port
 * contracts in a copy of the memory adapter (or of the SQL store, on
 * SQLite); the kit runs on every mutant and must fail on each. Unmutated
 * copies (the baselines) must pass, or the run proves nothing.
 *
 *   npm run test:mutants                      every mutant
 *   npm run test:mutants -- --subset=ci       the representative subset CI runs
 *   npm run test:mutants -- --only=mem-lte-as-lt,sql-lte-as-lt
 *   npm run test:mutants -- --list            the catalogue, without running
 *   npm run test:mutants -- --kit=<dir>       against another copy of src/testing (e.g. an older kit)
 *
 * How: the patched sources go to `.mutants/<id>/` (imports of the core
 * rewritten to the repository's `src/`), one kit test file per mutant
 * (`Conformance.run` with the Ledger only), and ONE vitest run over all of
 * them (two workers); the JSON report says which kit tests failed on which
 * mutant. A mutant is killed when at least one kit test fails on it. Exits
 * 1 when a mutant survives, a baseline fails or a patch no longer applies.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { type Mutant, mutants, type Patch } from "../tests/mutants/catalogue.js"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const work = join(root, ".mutants")
const args = process.argv.slice(2)
const arg = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? (args.includes(`--${name}`) ? "" : undefined)

const sources: Record<Patch["file"], string> = {
  "MemoryStore.ts": "adapters/memory/MemoryStore.ts",
  "ReadModels.ts": "src/ports/ReadModels.ts",
  "SqlStore.ts": "adapters/sql/SqlStore.ts",
  "SqlMigrations.ts": "adapters/sql/SqlMigrations.ts"
}
const filesOf = (target: Mutant["target"]): ReadonlyArray<Patch["file"]> =>
  target === "memory" ? ["MemoryStore.ts", "ReadModels.ts"] : ["SqlStore.ts", "SqlMigrations.ts"]

/** The source of a file of the target, imports made to point at the repository (or the mutant's own copies). */
const original = (file: Patch["file"]): string => {
  let text = readFileSync(join(root, sources[file]), "utf8")
  if (file === "MemoryStore.ts") {
    // the copy enters the ports through ./ports.ts: the repository's ports, with the mutant's own ReadModels
    const from = `import * as Ports from "../../src/ports/index.js"`
    if (!text.includes(from))
      throw new Error(`MemoryStore.ts no longer imports the ports as ${from}: mend scripts/mutants.ts`)
    text = text.replace(from, `import * as Ports from "./ports.js"`)
  }
  if (file === "ReadModels.ts") text = text.replace(`"./Errors.js"`, JSON.stringify(join(root, "src/ports/Errors.js")))
  return text.replaceAll(`"../../src/`, `"${root}/src/`)
}

const apply = (mutant: Mutant, file: Patch["file"], text: string): string => {
  let out = text
  for (const p of mutant.patches.filter((x) => x.file === file)) {
    const count = out.split(p.find).length - 1
    if (count === 0 || (count > 1 && p.all !== true)) {
      throw new Error(
        `mutant ${mutant.id}: the text to patch occurs ${count} times in ${file}: ${JSON.stringify(p.find)}`
      )
    }
    out = p.all === true ? out.replaceAll(p.find, p.replace) : out.replace(p.find, () => p.replace)
  }
  return out
}

/** `--kit=<dir>`: run the mutants against another copy of the kit (e.g. an older one) instead of src/testing. */
const kitDir = arg("kit")
const kitFile = (id: string, target: Mutant["target"], numRuns: number): string => {
  const conformance = JSON.stringify(
    kitDir === undefined ? join(root, "src/testing/index.js") : join(resolve(kitDir), "index.js")
  )
  return target === "memory"
    ? `import { it } from "@effect/vitest"
import { Conformance } from ${conformance}
import * as MemoryStore from "./MemoryStore.js"

Conformance.run(${JSON.stringify(id)}, {
  it,
  layer: MemoryStore.layerWithFaults,
  supports: { corruptEvent: MemoryStore.corruptEvent },
  aggregates: [],
  numRuns: ${numRuns},
  timeout: 30_000
})
`
    : `import { it } from "@effect/vitest"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Layer } from "effect"
import { Conformance } from ${conformance}
import * as SqlStore from "./SqlStore.js"

Conformance.run(${JSON.stringify(id)}, {
  it,
  layer: SqlStore.layerWithFaults().pipe(Layer.provideMerge(SqliteClient.layer({ filename: ":memory:" }))),
  supports: { corruptEvent: SqlStore.corruptEvent, faults: SqlStore.conformanceFaults },
  aggregates: [],
  numRuns: ${numRuns},
  timeout: 30_000
})
`
}

const only = arg("only")
  ?.split(",")
  .filter((s) => s !== "")
const subset = arg("subset")
const chosen = mutants.filter(
  (mu) => (only === undefined || only.includes(mu.id)) && (subset !== "ci" || mu.ci === true)
)
if (arg("list") !== undefined) {
  for (const mu of chosen)
    console.log(`${mu.id.padEnd(40)} ${mu.target.padEnd(7)} ${mu.rule.padEnd(5)} ${mu.description}`)
  process.exit(0)
}
if (only !== undefined && chosen.length !== only.length) {
  console.error(`unknown mutant(s): ${only.filter((id) => !mutants.some((mu) => mu.id === id)).join(", ")}`)
  process.exit(1)
}
const numRuns = Number(arg("runs") ?? 25)

rmSync(work, { recursive: true, force: true })
const baselines = [...new Set(chosen.map((mu) => mu.target))].map(
  (target): Mutant => ({
    id: `baseline-${target}`,
    target,
    port: "EventStore",
    rule: "-",
    description: "",
    patches: []
  })
)
const planned = [...baselines, ...chosen]
let broken = 0
for (const mu of planned) {
  const dir = join(work, mu.id)
  mkdirSync(dir, { recursive: true })
  try {
    for (const file of filesOf(mu.target)) writeFileSync(join(dir, file), apply(mu, file, original(file)))
    if (mu.target === "memory")
      writeFileSync(
        join(dir, "ports.ts"),
        `export * from ${JSON.stringify(join(root, "src/ports/index.js"))}\nexport * as ReadModels from "./ReadModels.js"\n`
      )
  } catch (e) {
    broken += 1
    console.error(e instanceof Error ? e.message : String(e))
    continue
  }
  writeFileSync(join(dir, "kit.test.ts"), kitFile(mu.id, mu.target, numRuns))
}
if (broken > 0) {
  console.error(`${broken} mutant(s) no longer apply to the adapters' sources: mend tests/mutants/catalogue.ts`)
  process.exit(1)
}

const started = Date.now()
const reportFile = join(work, "report.json")
console.log(`mutation run: ${chosen.length} mutants and ${baselines.length} baseline(s), ${numRuns} runs per property`)
const vitest = spawnSync(
  process.execPath,
  [
    join(root, "node_modules/vitest/vitest.mjs"),
    "run",
    "--config",
    join(root, "tests/mutants/vitest.config.ts"),
    "--silent",
    "--reporter=json",
    `--outputFile.json=${reportFile}`
  ],
  { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: process.env }
)
const seconds = Math.round((Date.now() - started) / 1000)

interface Report {
  readonly testResults: ReadonlyArray<{
    readonly name: string
    readonly message?: string
    readonly assertionResults: ReadonlyArray<{
      readonly title: string
      readonly status: string
      readonly failureMessages?: ReadonlyArray<string>
    }>
  }>
}
let report: Report
try {
  report = JSON.parse(readFileSync(reportFile, "utf8")) as Report
} catch {
  console.error(`no vitest report (vitest exited with ${vitest.status}): see the output above`)
  process.exit(1)
}
const resultOf = (id: string) => report.testResults.find((r) => r.name.includes(`/.mutants/${id}/`))

const rows: Array<{ readonly mutant: Mutant; readonly killedBy: ReadonlyArray<string> }> = []
let failedBaselines = 0
for (const mu of planned) {
  const result = resultOf(mu.id)
  const failed = (result?.assertionResults ?? []).filter((a) => a.status === "failed").map((a) => a.title)
  const loadError = result !== undefined && result.assertionResults.length === 0
  if (mu.id.startsWith("baseline-")) {
    if (result === undefined || failed.length > 0 || loadError) {
      failedBaselines += 1
      console.error(
        `BASELINE ${mu.id} FAILED: ${failed.join("; ") || result?.message || "no result"} — the kit fails on the unmutated adapter, so no mutant proves anything`
      )
    }
    continue
  }
  rows.push({ mutant: mu, killedBy: loadError ? [`(did not load: ${result?.message ?? ""})`] : failed })
}

const survived = rows.filter((r) => r.killedBy.length === 0)
console.log("")
for (const { killedBy, mutant } of rows) {
  const first = killedBy[0] ?? ""
  const byRule = killedBy.some((t) => t.split(" ").slice(0, 4).includes(mutant.rule))
  console.log(
    `${killedBy.length > 0 ? "killed  " : "SURVIVED"} ${mutant.id.padEnd(40)} rule ${mutant.rule.padEnd(5)} ${
      killedBy.length > 0
        ? `${killedBy.length} test(s) failed${byRule ? "" : " (none citing its rule)"}, first: ${first.slice(0, 90)}`
        : mutant.description
    }`
  )
}
const perPort = new Map<string, { killed: number; total: number }>()
for (const { killedBy, mutant } of rows) {
  const k = `${mutant.target} ${mutant.port}`
  const p = perPort.get(k) ?? { killed: 0, total: 0 }
  perPort.set(k, { killed: p.killed + (killedBy.length > 0 ? 1 : 0), total: p.total + 1 })
}
console.log("")
for (const [k, p] of perPort) console.log(`${k.padEnd(24)} ${p.killed}/${p.total} killed`)
const summary = {
  mutants: rows.length,
  killed: rows.length - survived.length,
  survived: survived.map((r) => r.mutant.id),
  baselinesFailed: failedBaselines,
  seconds
}
writeFileSync(join(work, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`)
console.log(
  `\nmutation score: ${summary.killed}/${summary.mutants} mutants killed (${summary.survived.length} survived) in ${seconds} s`
)
process.exit(survived.length > 0 || failedBaselines > 0 ? 1 : 0)
