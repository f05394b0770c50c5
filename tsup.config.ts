import { execFileSync } from "node:child_process"
import { cpSync, rmSync, writeFileSync } from "node:fs"
import { defineConfig } from "tsup"

/** The public entry points: `cityhall/<key>` (`index` is `cityhall`) -> source. */
const entry = {
  index: "src/index.ts",
  testing: "src/testing/index.ts",
  "adapters/memory": "adapters/memory/index.ts",
  "adapters/sql": "adapters/sql/index.ts",
  "adapters/sqlite": "adapters/sqlite/index.ts",
  "adapters/postgres": "adapters/postgres/index.ts",
  "adapters/nats": "adapters/nats/index.ts",
  "adapters/http": "adapters/http/index.ts",
  "adapters/metrics": "adapters/http/Metrics.ts"
}

/**
 * Declarations: emitted by `tsc` module by module (`tsconfig.build.json` ->
 * `dist/types/`), not bundled. A bundled declaration file loses what a user
 * writes as a type path through a namespace merged with a class
 * (`Ports.EventStore.EventStore.Service`) and types some re-exported values
 * `any` (TS2708 under `skipLibCheck: false`); per-module declarations are
 * the sources' own. The same tree is copied to `dist/types-cjs/` under a
 * `{"type":"commonjs"}` package.json, so that `require` users get CommonJS
 * declarations; `dist/<entry>.d.ts` / `.d.cts` (the paths `exports` names)
 * re-export the entry's module from the matching tree.
 */
const declarations = () => {
  rmSync("dist/types", { recursive: true, force: true })
  rmSync("dist/types-cjs", { recursive: true, force: true })
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    stdio: "inherit"
  })
  cpSync("dist/types", "dist/types-cjs", { recursive: true })
  writeFileSync("dist/types-cjs/package.json", `${JSON.stringify({ type: "commonjs" })}\n`)
  for (const [name, source] of Object.entries(entry)) {
    const module = source.replace(/\.ts$/, ".js")
    const up = "../".repeat(name.split("/").length - 1) || "./"
    writeFileSync(`dist/${name}.d.ts`, `export * from "${up}types/${module}"\n`)
    writeFileSync(`dist/${name}.d.cts`, `export * from "${up}types-cjs/${module}"\n`)
  }
}

/**
 * Dual ESM + CJS build of every public entry point, with declarations.
 * Adapters add their own entry (`adapters/<name>/index.ts` -> `cityhall/adapters/<name>`).
 */
export default defineConfig({
  // the report worker of `cityhall serve` and the decoding threads of `cityhall import` are entries of their own: a
  // worker thread starts from a file (ReportPool, import/Workers)
  entry: {
    ...entry,
    cli: "adapters/cli/main.ts",
    "cli-report-worker": "adapters/cli/internal/ReportWorker.ts",
    "cli-import-worker": "adapters/cli/import/ImportWorker.ts"
  },
  format: ["esm", "cjs"],
  dts: false,
  onSuccess: async () => declarations(),
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: "node20",
  outDir: "dist",
  external: [
    /^effect/,
    /^@effect\//,
    /^@nats-io\//,
    "better-sqlite3",
    "pg",
    "vitest",
    "fast-check",
    "@date-fns/tz",
    "@date-fns/utc",
    "date-fns"
  ]
})
