import { defineConfig } from "tsup"

/**
 * Dual ESM + CJS build with declarations for every public entry point.
 * Adapters add their own entry (`adapters/<name>/index.ts` -> `cityhall/adapters/<name>`).
 */
export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/testing/index.ts",
    "adapters/memory": "adapters/memory/index.ts",
    "adapters/sql": "adapters/sql/index.ts",
    "adapters/sqlite": "adapters/sqlite/index.ts",
    "adapters/postgres": "adapters/postgres/index.ts",
    "adapters/nats": "adapters/nats/index.ts",
    "adapters/http": "adapters/http/index.ts",
    cli: "adapters/cli/main.ts"
  },
  format: ["esm", "cjs"],
  dts: true,
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
